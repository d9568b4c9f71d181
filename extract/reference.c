/* References to administrative documents: a kind word from vocab/kinds.tsv,
 * optionally "số", then the number, an optional year and issuer code, and an
 * optional issue date:
 *   Quyết định số 1719/QĐ-TTg ngày 14/10/2021
 *   Nghị định số 75/2015/NĐ-CP        Chương trình số 02-CTr/HU
 *   Công văn số 1249/SLĐT BXH-BTXHTE  Kế hoạch số 231/KH- UBND
 *   Quyết định 1300 ngày 09/3/2023    các Quyết định 272, 388, 674
 * The scanner calls this at each number; the kind is matched backwards
 * from the number by table, the rest by one anchored PCRE2 pattern. */
#include <stdio.h>
#include <string.h>

#include "common/i18n.h"
#include "common/utf8.h"
#include "extract/chars.h"
#include "extract/extract_internal.h"

/* Issuer code tokens start with a capital; joined by '-' (a space may follow
 * it: "KH- UBND") or '/', or by a space before an all-capital token that
 * continues with '-' ("SLĐT BXH-BTXHTE"), or by " - " before a token whose
 * second character is a capital or a digit ("415/BDT - CSDT", "QĐ - TTg";
 * not "QĐ-UBND - Về việc"). */
#define TOK "\\p{Lu}[\\p{L}\\p{N}&]*"
#define CODE                                                                    \
    TOK "(?:(?:-\\s?|/)" TOK "|\\s(?=\\p{Lu}{2,}[\\p{L}\\p{N}&]*-)" TOK        \
        "|\\s-\\s?(?=\\p{Lu}[\\p{Lu}\\p{N}&][\\p{L}\\p{N}&]*(?![\\p{L}\\p{N}]))" TOK ")*"
#define DATE_TAIL                                                                      \
    "(?:\\s*,?\\s*ngày\\s+(?:(?<d1>\\d{1,2})\\s*[/.-]\\s*(?<m1>\\d{1,2})\\s*[/.-]\\s*" \
    "(?<y1>\\d{4})|(?<d2>\\d{1,2})\\s+tháng\\s+(?<m2>\\d{1,2})\\s+năm\\s+(?<y2>\\d{4})))?"

const char vn_reference_tail_pattern[] =
    "(?<num>\\d+)"
    "(?:/(?<year>(?:19|20)\\d\\d)/(?<code1>" CODE ")"
    "|/(?<code2>" CODE ")"
    "|-(?<code3>" TOK "/" CODE "))?"
    "(?![\\p{L}\\p{N}_/]|[.,]\\d)" DATE_TAIL;

/* "số"/"Số"/"SỐ" ending at s[i], preceded by a blank. Returns its start or
 * SIZE_MAX. */
static size_t so_before(const char *s, size_t i)
{
    static const char *forms[] = {"số", "Số", "SỐ"};
    for (size_t f = 0; f < 3; f++) {
        size_t n = strlen(forms[f]);
        if (i >= n + 1 && memcmp(s + i - n, forms[f], n) == 0 && (s[i - n - 1] == ' ' || s[i - n - 1] == '\t'))
            return i - n;
    }
    return SIZE_MAX;
}

struct ref_match {
    size_t end;
    size_t num_s, num_e;
    int year;
    size_t code_s, code_e;      /* code_s == code_e: none */
    struct vn_date date;
    bool has_date, date_valid;
    size_t date_s;
};

const char *const vn_ref_group_names[VN_REF_NGROUPS] = {"num", "year", "code1", "code2", "code3", "d1",
                                                         "m1",  "y1",   "d2",    "m2",    "y2"};

static size_t group(const struct vn_extractor *x, PCRE2_SIZE *ov, enum vn_ref_group g, size_t *start)
{
    int n = x->ref_groups[g];
    if (n < 0 || ov[2 * n] == PCRE2_UNSET)
        return 0;
    *start = ov[2 * n];
    return ov[2 * n + 1] - ov[2 * n];
}

static int int_at(const char *s, size_t a, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[a + i] - '0');
    return v;
}

/* Runs the tail pattern at pos. Returns 1 on a match, 0 if none, -1 on a
 * PCRE2 failure (match limit). */
static int match_tail(struct vn_scan *sc, size_t pos, struct ref_match *m)
{
    struct vn_extractor *x = sc->x;
    size_t lim = sc->len - pos > VN_REF_WINDOW ? pos + VN_REF_WINDOW : sc->len;
    int rc = pcre2_match(x->ref_tail, (PCRE2_SPTR)sc->s, lim, pos, PCRE2_NO_UTF_CHECK,
                         x->md, x->mctx);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc < 0)
        return -1;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(x->md);
    memset(m, 0, sizeof *m);
    m->end = ov[1];
    size_t nl = group(x, ov, VN_RG_NUM, &m->num_s);
    m->num_e = m->num_s + nl;
    size_t ys, yl = group(x, ov, VN_RG_YEAR, &ys);
    m->year = yl ? int_at(sc->s, ys, yl) : 0;
    size_t cl;
    if ((cl = group(x, ov, VN_RG_CODE1, &m->code_s)) || (cl = group(x, ov, VN_RG_CODE2, &m->code_s)) ||
        (cl = group(x, ov, VN_RG_CODE3, &m->code_s)))
        m->code_e = m->code_s + cl;
    size_t ds = 0, dl, ms = 0, ml, yys = 0, yyl;
    if ((dl = group(x, ov, VN_RG_D1, &ds))) {
        ml = group(x, ov, VN_RG_M1, &ms);
        yyl = group(x, ov, VN_RG_Y1, &yys);
    } else if ((dl = group(x, ov, VN_RG_D2, &ds))) {
        ml = group(x, ov, VN_RG_M2, &ms);
        yyl = group(x, ov, VN_RG_Y2, &yys);
    } else {
        return 1;
    }
    int d = int_at(sc->s, ds, dl), mo = int_at(sc->s, ms, ml), y = int_at(sc->s, yys, yyl);
    m->has_date = true;
    m->date_s = ds;
    m->date.year = (int16_t)y;
    m->date.month = (int8_t)mo;
    m->date.day = (int8_t)d;
    m->date_valid = vn_date_valid(y, mo, d);
    return 1;
}

/* A unit, measure word or '%' after s[i] (after blanks). */
static bool unit_follows(struct vn_scan *sc, size_t i)
{
    while (i < sc->len && sc->s[i] == ' ')
        i++;
    if (i < sc->len && sc->s[i] == '%')
        return true;
    struct vn_vocab_match m;
    const struct vn_vocab *v = sc->x->vocab;
    return (vn_vocab_match_at(&v->units, sc->s, sc->len, i, &m) && !vn_ch_word_at(sc->s, sc->len, m.end)) ||
           vn_measure_at(sc, i, &m);
}

static bool year_like(const char *s, size_t a, size_t e)
{
    if (e - a != 4)
        return false;
    int y = int_at(s, a, 4);
    return y >= 1900 && y <= 2099;
}

/* Pushes the reference; its issue date is a date record too when it is
 * part of the reference's text (date_in_text). */
static vn_status push_ref_at(struct vn_scan *sc, size_t start, size_t kind_s, size_t kind_e, int kind_index,
                             const struct ref_match *m, bool date_in_text)
{
    struct vn_record rec;
    memset(&rec, 0, sizeof rec);
    rec.type = VN_REC_REFERENCE;
    rec.text.off = (uint32_t)start;
    rec.text.len = (uint32_t)(m->end - start);
    struct vn_reference *r = &rec.u.reference;
    r->kind.off = (uint32_t)kind_s;
    r->kind.len = (uint32_t)(kind_e - kind_s);
    r->kind_index = kind_index;
    r->number.off = (uint32_t)m->num_s;
    r->number.len = (uint32_t)(m->num_e - m->num_s);
    r->year = m->year;
    if (m->code_e > m->code_s) {
        char *code = vn_arena_alloc(sc->r->arena, m->code_e - m->code_s + 1);
        if (!code)
            return VN_ENOMEM;
        size_t o = 0;
        for (size_t i = m->code_s; i < m->code_e; i++)
            if (sc->s[i] != ' ' && sc->s[i] != '\t')
                code[o++] = sc->s[i];
        code[o] = '\0';
        r->code = code;
    }
    if (m->has_date && m->date_valid)
        r->date = m->date;
    vn_status st = vn_scan_push(sc, &rec);
    if (st || !m->has_date || !date_in_text)
        return st;
    /* the issue date is also a date record (or an invalid-date finding) */
    struct vn_span at = {(uint32_t)m->date_s, (uint32_t)(m->end - m->date_s)};
    if (!m->date_valid) {
        char msg[160];
        snprintf(msg, sizeof msg, vn_tr(sc->x->cat, "invalid date '%.*s': no such day"), (int)at.len, sc->s + at.off);
        return vn_records_add_diagnostic(sc->r, at, "invalid-date", VN_SEV_WARNING, msg);
    }
    struct vn_record d;
    memset(&d, 0, sizeof d);
    d.type = VN_REC_DATE;
    d.text = at;
    d.u.date = m->date;
    return vn_scan_push(sc, &d);
}

static vn_status push_ref(struct vn_scan *sc, size_t start, size_t kind_s, size_t kind_e, int kind_index,
                          const struct ref_match *m)
{
    return push_ref_at(sc, start, kind_s, kind_e, kind_index, m, true);
}

/* Bytes a kind word may stand before "số" when words come between them:
   "báo cáo của Ủy ban nhân dân tỉnh số 218/BC-UBND",
   "Chương trình hành động số 01/CTr-UBND". */
#define MAX_KIND_GAP 80u

/* The nearest kind word ending before s[k] within the clause: back over
 * words (letters and blanks only) at most MAX_KIND_GAP bytes. */
static bool kind_in_clause(const struct vn_scan *sc, size_t k, struct vn_vocab_match *km)
{
    const char *s = sc->s;
    size_t i = vn_back_blanks(s, k);
    while (i > 0 && k - i <= MAX_KIND_GAP) {
        if (vn_vocab_match_before(&sc->x->vocab->kinds, s, i, km))
            return true;
        size_t w = i;
        while (w > 0 && vn_ch_word_before(s, w) && !vn_is_digit(s[w - 1]))
            w = vn_ch_prev(s, w);
        if (w == i)
            return false;   /* a digit or punctuation ends the clause */
        i = vn_back_blanks(s, w);
        if (i == w)
            return false;
    }
    return false;
}

/* Start of the line or table cell that s[k] ends the lead of: only blanks
 * and emphasis marks before it. */
static bool starts_line_or_cell(const char *s, size_t k)
{
    while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t' || s[k - 1] == '*'))
        k--;
    return k == 0 || s[k - 1] == '\n' || s[k - 1] == '|';
}

/* Lines a document's title may stand below its number. */
#define MAX_TITLE_LINES 4

/* A document's own number in its header: "Số: 57/NQ-HĐND" at the start of a
 * line or cell, with an issuer code. Its kind is the title below it (a line
 * that is only a kind word: "NGHỊ QUYẾT"), else the code's first token; its
 * issue date is the "ngày ..." that follows it on its line or the next line
 * that is not blank (the place-and-date line), which the scan also reads as
 * a date of its own. */
static size_t header_ref(struct vn_scan *sc, size_t pos, size_t k, vn_status *st)
{
    const char *s = sc->s;
    size_t len = sc->len;
    static const char *forms[] = {"Số", "SỐ"};
    size_t so_s = SIZE_MAX;
    for (size_t f = 0; f < 2; f++) {
        size_t n = strlen(forms[f]);
        if (k >= n && memcmp(s + k - n, forms[f], n) == 0)
            so_s = k - n;
    }
    if (so_s == SIZE_MAX || !starts_line_or_cell(s, so_s))
        return 0;
    struct ref_match m;
    int rc = match_tail(sc, pos, &m);
    if (rc < 0)
        *st = VN_EREGEX;
    if (rc <= 0 || m.code_e == m.code_s)
        return 0;
    /* the issue date: on this line or the next that is not blank */
    size_t lim = len - m.end > VN_REF_WINDOW ? m.end + VN_REF_WINDOW : len;
    int lines = 0;
    bool filled = false;    /* the current line after the first holds text */
    for (size_t i = m.end; i < lim && !m.has_date; i++) {
        if (s[i] == '\n') {
            if (lines++ && filled)
                break;
            filled = false;
            continue;
        }
        filled |= s[i] != ' ' && s[i] != '\t' && s[i] != '\r';
        if (s[i] != 'n' || i + 5 >= lim || memcmp(s + i, "ngày", 5) != 0 || vn_ch_word_before(s, i))
            continue;
        size_t d = i + 5;
        while (d < lim && s[d] == ' ')
            d++;
        bool valid;
        struct vn_date date;
        if (d > i + 5 && d < lim && vn_is_digit(s[d]) && vn_date_scan(s, len, d, &date, &valid) && valid) {
            m.has_date = m.date_valid = true;
            m.date = date;
            m.date_s = d;
        }
    }
    /* the kind: a title line below */
    size_t kind_s = m.code_s, kind_e = m.code_s;
    while (kind_e < m.code_e && s[kind_e] != '-' && s[kind_e] != '/' && s[kind_e] != ' ')
        kind_e++;
    int kind_index = -1;
    size_t a = m.end;
    for (int l = 0; l < MAX_TITLE_LINES; l++) {
        const char *nl = memchr(s + a, '\n', len - a);
        if (!nl)
            break;
        a = (size_t)(nl - s) + 1;
        const char *ne = memchr(s + a, '\n', len - a);
        size_t b = ne ? (size_t)(ne - s) : len;
        size_t ca = a, cb = b;
        while (ca < cb && (s[ca] == ' ' || s[ca] == '\t' || s[ca] == '*'))
            ca++;
        while (cb > ca && (s[cb - 1] == ' ' || s[cb - 1] == '\t' || s[cb - 1] == '*'))
            cb--;
        struct vn_vocab_match km;
        if (cb > ca && vn_vocab_match_before(&sc->x->vocab->kinds, s, cb, &km) && km.start == ca) {
            kind_s = km.start;
            kind_e = km.end;
            kind_index = km.index;
            break;
        }
    }
    if ((*st = push_ref_at(sc, so_s, kind_s, kind_e, kind_index, &m, false)))
        return 0;
    return m.end;
}

size_t vn_reference_scan(struct vn_scan *sc, size_t pos, vn_status *st)
{
    const char *s = sc->s;
    *st = VN_OK;
    size_t k = vn_back_blanks(s, pos);
    if (k == pos && k > 0 && s[k - 1] != ':')
        return 0;   /* a kind word is never glued to its number */
    if (k > 0 && s[k - 1] == ':')
        k = vn_back_blanks(s, k - 1);
    size_t k0 = k;  /* end of what may be "Số" */
    bool so = false;
    size_t so_s = so_before(s, k);
    if (so_s != SIZE_MAX) {
        so = true;
        k = vn_back_blanks(s, so_s);
    }
    struct vn_vocab_match km;
    bool near = vn_vocab_match_before(&sc->x->vocab->kinds, s, k, &km);
    if (!near && !so)
        return header_ref(sc, pos, k0, st);
    struct ref_match m;
    int rc = match_tail(sc, pos, &m);
    if (rc < 0) {
        *st = VN_EREGEX;
        return 0;
    }
    if (rc == 0)
        return 0;
    bool has_code = m.code_e > m.code_s;
    /* "số" with a code, its kind a few words before */
    if (!near && !(has_code && kind_in_clause(sc, so_s, &km)))
        return header_ref(sc, pos, k0, st);
    bool strong = sc->x->vocab->kinds.e[km.index].flags & VN_KIND_STRONG;
    bool bare = !has_code && !so && !m.has_date;
    if (bare && (!strong || year_like(s, m.num_s, m.num_e) || unit_follows(sc, m.end)))
        return 0;
    if ((*st = push_ref(sc, km.start, km.start, km.end, km.index, &m)))
        return 0;
    /* a list after one kind: "các Quyết định 272, 388, 674",
       "Nghị định 116/2016/NĐ-CP, 81/2021/NĐ-CP" */
    bool prev_bare = !has_code;
    size_t end = m.end;
    for (;;) {
        size_t i = end;
        while (i < sc->len && s[i] == ' ')
            i++;
        if (i < sc->len && s[i] == ',')
            i++;
        else if (i + 3 < sc->len && memcmp(s + i, "và", 3) == 0)
            i += 3;
        else
            break;
        while (i < sc->len && s[i] == ' ')
            i++;
        if (i >= sc->len || !vn_is_digit(s[i]))
            break;
        struct ref_match c;
        rc = match_tail(sc, i, &c);
        if (rc <= 0)
            break;
        bool c_code = c.code_e > c.code_s;
        if (!c_code && !(prev_bare && !c.has_date && !year_like(s, c.num_s, c.num_e) && !unit_follows(sc, c.end)))
            break;
        if ((*st = push_ref(sc, i, km.start, km.end, km.index, &c)))
            return 0;
        prev_bare = !c_code;
        end = c.end;
    }
    return end;
}
