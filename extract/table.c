/* Tables under a unit heading. A report states the unit of a table once,
 * above it: "Đơn vị tính: triệu đồng", "ĐVT: Tr.đ", "(Đơn vị: triệu đồng)".
 * The table itself, as converters write it, is lines of cells separated by
 * '|' (markdown) or tabs. A cell that is a bare number in such a line is
 * an amount in the heading's unit (implied_unit).
 *
 * Conservative on purpose: the heading must end with a unit of money; the
 * table starts on the next line (one blank line may come between) and ends
 * at the first line that is blank, has no cell separator, or holds another
 * heading; a cell counts only when it is nothing but the number, and never
 * in the first column (a row's label or its number, "STT"); a year
 * ("2024") is never an amount.
 *
 * The scanner asks about numbers in increasing position; the state moves
 * forward only, so the work is linear in the text. */
#define _GNU_SOURCE
#include <string.h>

#include "common/utf8.h"
#include "extract/bytescan.h"
#include "extract/chars.h"
#include "extract/extract_internal.h"

/* The words that start a unit heading; after one of them: optionally
 * "tính", then an optional ':' and the unit. */
static const char *const HEADINGS[VN_TABLE_HEADINGS] = {"Đơn vị", "đơn vị", "ĐƠN VỊ", "ĐVT", "Đvt", "đvt"};

void vn_table_init(struct vn_table *t)
{
    memset(t, 0, sizeof *t);
}

static size_t line_end(const char *s, size_t len, size_t i)
{
    const char *nl = memchr(s + i, '\n', len - i);
    return nl ? (size_t)(nl - s) : len;
}

static bool blank_line(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (!vn_is_blank(s[i]))
            return false;
    return true;
}

static bool has_separator(const char *s, size_t a, size_t b)
{
    return memchr(s + a, '|', b - a) || memchr(s + a, '\t', b - a);
}

/* The first heading word that starts in [from, upto), or SIZE_MAX. Every
 * heading word starts with 'Đ' or 'đ' (bytes C4 90, C4 91) and then 'V',
 * 'v' or a letter whose first byte is C6 ('ơ', 'Ơ'): the search looks for
 * those three bytes and tries the words there. */
static size_t heading_between(const struct vn_scan *sc, size_t from, size_t upto)
{
    size_t len = sc->len, lim = upto < len - 2 ? upto + 2 : len;   /* (len >= 2 here) */
    for (size_t i = from; i < upto;) {
        i = vn_find_triple(sc->s, i, lim, 0xC4, 0xFE, 0x90, 0xDF, 'V', 0xC6);
        if (i >= upto)
            break;
        for (size_t h = 0; h < VN_TABLE_HEADINGS; h++) {
            size_t n = strlen(HEADINGS[h]);
            if (n <= len - i && memcmp(sc->s + i, HEADINGS[h], n) == 0)
                return i;
        }
        i++;
    }
    return SIZE_MAX;
}

/* The same for the search of the next table, whose start only moves
 * forward, as do the numbers that ask: what was searched is remembered
 * (the first heading at or after hit_from, or none before searched_to),
 * so the text is searched once, never further than the numbers go. */
static size_t next_heading(const struct vn_scan *sc, struct vn_table *t, size_t from, size_t upto)
{
    if (sc->len < 2 || from >= upto)
        return SIZE_MAX;
    if (t->known && from >= t->hit_from) {
        if (t->hit != SIZE_MAX && from <= t->hit)
            return t->hit < upto ? t->hit : SIZE_MAX;
        if (t->hit == SIZE_MAX && from <= t->searched_to) {
            if (upto <= t->searched_to)
                return SIZE_MAX;
            t->hit = heading_between(sc, t->searched_to, upto);
            t->searched_to = upto;
            return t->hit;
        }
    }
    t->known = true;
    t->hit_from = from;
    t->hit = heading_between(sc, from, upto);
    t->searched_to = upto;
    return t->hit;
}

/* The unit of a heading word found at s[h]; false if it is not a heading. */
static bool heading_unit(const struct vn_scan *sc, size_t h, struct vn_span *unit, int *pow10)
{
    const char *s = sc->s;
    size_t len = sc->len, i = h;
    if (vn_ch_word_before(s, h))
        return false;
    for (size_t k = 0; k < VN_TABLE_HEADINGS; k++) {
        size_t n = strlen(HEADINGS[k]);
        if (h + n <= len && memcmp(s + h, HEADINGS[k], n) == 0) {
            i = h + n;
            break;
        }
    }
    size_t j = i;
    while (j < len && vn_is_blank(s[j]))
        j++;
    if (j + 5 <= len && (memcmp(s + j, "tính", 5) == 0 || memcmp(s + j, "TÍNH", 5) == 0))
        i = j + 5;
    if (vn_ch_word_at(s, len, i))
        return false;
    while (i < len && vn_is_blank(s[i]))
        i++;
    if (i < len && s[i] == ':')
        i++;
    while (i < len && vn_is_blank(s[i]))
        i++;
    struct vn_vocab_match m;
    if (!vn_money_unit_at(sc, i, &m))
        return false;
    /* the unit ends the heading */
    size_t e = m.end;
    while (e < len && vn_is_blank(s[e]))
        e++;
    if (!(e >= len || s[e] == '\n' || s[e] == ')' || s[e] == ']' || s[e] == '.' || s[e] == ';' || s[e] == '|' ||
          s[e] == '\t'))
        return false;
    unit->off = (uint32_t)m.start;
    unit->len = (uint32_t)(m.end - m.start);
    *pow10 = sc->x->vocab->units.e[m.index].value;
    return true;
}

/* Whether a unit heading (a heading word followed by a unit) starts in
 * [a, b): a row label such as "các đơn vị" does not end a table. */
static bool unit_heading_between(const struct vn_scan *sc, size_t a, size_t b)
{
    struct vn_span unit;
    int pow10;
    for (size_t h; a < b && (h = heading_between(sc, a, b)) != SIZE_MAX; a = h + 1)
        if (heading_unit(sc, h, &unit, &pow10))
            return true;
    return false;
}

/* Whether a letter starts at s[i] (i < e). */
static bool letter_at(const char *s, size_t e, size_t i)
{
    uint32_t cp;
    return i < e && vn_ch_decode((const unsigned char *)s + i, e - i, &cp) && vn_ch_letter(cp);
}

/* The number token (digits, '.' and ',' between digits) at s[i], or i. */
static size_t number_end(const char *s, size_t e, size_t i)
{
    size_t j = i;
    while (j < e && (vn_is_digit(s[j]) || ((s[j] == '.' || s[j] == ',') && j + 1 < e && vn_is_digit(s[j + 1]))))
        j++;
    return j;
}

/* Whether the token at s[i] (in a line ending at e) is a number that is not
 * followed by a word: a row number ("2 Chi sự nghiệp") is followed by its
 * label. Gives the token's end. */
static bool plain_value_at(const struct vn_scan *sc, size_t e, size_t i, size_t *end)
{
    const char *s = sc->s;
    if (i >= e || !vn_is_digit(s[i]) || vn_ch_word_before(s, i))
        return false;
    size_t j = number_end(s, e, i);
    *end = j;
    if (j < e && s[j] != ' ')
        return false;
    while (j < e && s[j] == ' ')
        j++;
    return !letter_at(s, e, j);
}

/* Whether s[a, e) is a line of a table written with blanks between its
 * cells (a converter lost the separators): it holds two values in a row,
 * or it starts with a row number and its label (a label wrapped onto the
 * next line). */
static bool plain_row(const struct vn_scan *sc, size_t a, size_t e)
{
    const char *s = sc->s;
    size_t f = a;
    while (f < e && vn_is_blank(s[f]))
        f++;
    if (f < e && vn_is_digit(s[f])) {
        size_t j = number_end(s, e, f);
        if (j < e && s[j] == ' ' && letter_at(s, e, j + 1))
            return true;
    }
    bool prev = false;  /* the token before was a value */
    for (size_t i = f; i < e;) {
        size_t end;
        if ((i == a || s[i - 1] == ' ') && plain_value_at(sc, e, i, &end)) {
            if (prev)
                return true;
            prev = true;
            i = end;
            continue;
        }
        if (s[i] != ' ')
            prev = false;
        while (i < e && s[i] != ' ')
            i++;
        while (i < e && s[i] == ' ')
            i++;
    }
    return false;
}

/* Finds the next table region whose heading is at or after t->from and
 * before `upto` (a table can only hold a number after its heading): sets
 * rs/re and returns true; false when there is none so far (t->from keeps
 * how far the search went, for the next call). */
static bool next_region(const struct vn_scan *sc, struct vn_table *t, size_t upto)
{
    const char *s = sc->s;
    size_t len = sc->len;
    for (;;) {
        size_t h = next_heading(sc, t, t->from, upto);
        if (h == SIZE_MAX)
            return false;
        struct vn_span unit;
        int pow10;
        if (!heading_unit(sc, h, &unit, &pow10)) {
            t->from = h + 1;
            continue;
        }
        size_t he = line_end(s, len, h);
        size_t a = he < len ? he + 1 : len, e = line_end(s, len, a);
        if (a < len && blank_line(s, a, e) && e < len) {   /* one blank line may follow the heading */
            a = e + 1;
            e = line_end(s, len, a);
        }
        size_t start = a, end = a;
        /* cells separated by '|' or tabs; else by blanks ("plain") */
        bool plain = a < len && !has_separator(s, a, e);
        while (a < len && (plain ? plain_row(sc, a, e) : has_separator(s, a, e)) && !blank_line(s, a, e) &&
               (len < 2 || !unit_heading_between(sc, a, e))) {
            end = e;
            if (e >= len)
                break;
            a = e + 1;
            e = line_end(s, len, a);
        }
        if (end == start) {     /* no table under this heading */
            t->from = he;
            continue;
        }
        t->rs = start;
        t->re = end;
        t->plain = plain;
        t->unit = unit;
        t->pow10 = pow10;
        t->ls = t->le = start;
        return true;
    }
}

bool vn_table_cell(const struct vn_scan *sc, struct vn_table *t, size_t a, size_t e, struct vn_span *unit,
                   int *pow10)
{
    const char *s = sc->s;
    size_t len = sc->len;
    /* the regions in order, each found once a number passes its heading
       and left once a number passes its end */
    for (;;) {
        if (t->have && a < t->re)
            break;
        if (t->have) {
            t->from = t->re;
            t->have = false;
        }
        if (!next_region(sc, t, a))
            return false;
        t->have = true;
    }
    if (a < t->rs)
        return false;
    /* the line of the number, and its leading '|' if any */
    while (a >= t->le) {
        t->ls = t->le == t->rs ? t->rs : t->le + 1;
        t->le = line_end(s, len, t->ls);
        size_t f = t->ls;
        while (f < t->le && vn_is_blank(s[f]))
            f++;
        t->lead = f < t->le && s[f] == '|' ? f : SIZE_MAX;
        if (t->le >= t->re)
            break;
    }
    if (t->plain) {
        /* a value next to another value of its line, not a row number */
        size_t end;
        if (!plain_value_at(sc, t->le, a, &end) || a == t->ls || s[a - 1] != ' ')
            return false;
        size_t p = a;
        while (p > t->ls && s[p - 1] == ' ')
            p--;
        bool next = false;
        size_t q = end;
        while (q < t->le && s[q] == ' ')
            q++;
        size_t qe;
        if (q > end && plain_value_at(sc, t->le, q, &qe))
            next = true;
        if (!next && !(p > t->ls && vn_is_digit(s[p - 1])))
            return false;
        *unit = t->unit;
        *pow10 = t->pow10;
        return true;
    }
    /* the number is the whole cell, and not the first one */
    size_t b = a;
    while (b > t->ls && s[b - 1] == ' ')
        b--;
    if (b <= t->ls || (s[b - 1] != '|' && s[b - 1] != '\t') || b - 1 == t->lead)
        return false;
    size_t f = e;
    while (f < t->le && s[f] == ' ')
        f++;
    if (f < t->le && s[f] != '|' && s[f] != '\t')
        return false;
    *unit = t->unit;
    *pow10 = t->pow10;
    return true;
}
