/* The main pass: one walk over the text from number to number. At each
 * number it tries, in order, a date, a reference, then what follows the
 * number: '%' (percent), a unit of money (amount), a measure word
 * (quantity). A sign glued to the number ("(-16,74 ha)", "(+0,27 tạ/ha)")
 * belongs to it.
 *
 * A bare number (no unit of its own) takes, with implied_unit, the unit of
 *   - the figure it is divided by: "78,8/2.412trđ";
 *   - the first figure of the breakdown it introduces:
 *     "Vốn sự nghiệp: 9.757,650 (trong đó NSTW: 9.293,0trđ; ...)";
 *   - the other end of its range: "từ 40 đến 60 triệu đồng";
 *   - its siblings in a list of labelled figures separated by ';':
 *     "(NSTW: 2.150; NSĐP: 113 triệu đồng)" (see sibling_label());
 *   - the unit heading of the table whose cell it is (table.c). */
#include <stdio.h>
#include <string.h>

#include "common/i18n.h"
#include "common/utf8.h"
#include "extract/bytescan.h"
#include "extract/chars.h"
#include "extract/extract_internal.h"

#define MAX_UNIT_GAP 2  /* spaces allowed between a number and its unit */
#define MAX_LIST 8      /* bare figures of one list waiting for a unit */
#define MAX_LABEL 80    /* bytes of the label of a list item */

enum pending_kind { PEND_NONE, PEND_SLASH, PEND_PAREN, PEND_RANGE, PEND_LIST };

/* A bare number waiting for the figure that may give its unit. */
struct bare {
    struct vn_numtok tok;
    struct vn_number num;
    int hedge;
};

struct pending {
    enum pending_kind kind;
    struct bare item[MAX_LIST];     /* PEND_LIST: n items; others: one */
    size_t n;
    size_t after;   /* PEND_SLASH, PEND_RANGE: where the next figure must
                       start; PEND_PAREN: the '('; PEND_LIST: just after
                       the ';' that ends the last item */
};

/* The last figure with a unit of money of its own, for a bare sibling
 * after it in a list: "NSTW: 2.150 triệu đồng; NSĐP: 113". */
struct last_money {
    bool set;
    size_t end;     /* end of its unit (or, along a list, of the last
                       sibling that took it) */
    struct vn_span unit;
    int pow10;
};

struct scan_state {
    struct pending p;
    struct last_money last;
    struct vn_table table;
};

/* Spaces only: a tab separates the cells of a table, and a number never
 * takes its unit from the next cell. */
static size_t skip_blanks(const char *s, size_t len, size_t i, size_t max)
{
    size_t n = 0;
    while (i < len && s[i] == ' ' && n < max) {
        i++;
        n++;
    }
    return i;
}

static bool letter_at(const char *s, size_t len, size_t i)
{
    if (i >= len)
        return false;
    uint32_t cp;
    if (!vn_ch_decode((const unsigned char *)s + i, len - i, &cp))
        return false;
    return vn_ch_letter(cp);
}

bool vn_money_unit_at(const struct vn_scan *sc, size_t i, struct vn_vocab_match *m)
{
    const struct vn_vocab *v = sc->x->vocab;
    const char *s = sc->s;
    size_t len = sc->len;
    if (!vn_vocab_match_at(&v->units, s, len, i, m))
        return false;
    if (vn_ch_word_at(s, len, m->end))
        return false;
    unsigned flags = v->units.e[m->index].flags;
    struct vn_vocab_match w;
    /* "đ/c" is đồng chí (the abbreviations after the '/' are in
       not_money.tsv); "50.000 đ/người", "2 trđ/hộ" are rates */
    if ((flags & VN_UNIT_SHORT) && m->end + 1 < len && s[m->end] == '/' &&
        vn_vocab_match_at(&v->not_money, s, len, m->end + 1, &w) && !vn_ch_word_at(s, len, w.end))
        return false;
    if (flags & VN_UNIT_BARE) {
        size_t j = skip_blanks(s, len, m->end, 1);
        if (j > m->end && letter_at(s, len, j))
            return false;   /* "3 triệu người" */
    }
    if (flags & VN_UNIT_DONG) {
        size_t j = skip_blanks(s, len, m->end, 2);
        if (j > m->end && vn_vocab_match_at(&v->not_money, s, len, j, &w) && !vn_ch_word_at(s, len, w.end))
            return false;   /* "500 đồng bào" */
    }
    return true;
}

bool vn_measure_at(const struct vn_scan *sc, size_t i, struct vn_vocab_match *m)
{
    const struct vn_vocab *v = sc->x->vocab;
    if (!vn_vocab_match_at(&v->measures, sc->s, sc->len, i, m) || vn_ch_word_at(sc->s, sc->len, m->end))
        return false;
    /* dimension "-": a phrase that starts with a measure word but is not
       one ("xã hội" is not a number of communes) */
    const char *dim = vn_vocab_measure_name(v, m->index);
    return !(dim && dim[0] == '-' && dim[1] == '\0');
}

/* The hedge word before s[start], as the contract names it: a longer
 * spelling that begins with a shorter hedge of the same kind is reported
 * as that one ("ước đạt", "ước thực hiện" -> "ước"; "khoảng hơn", a lower
 * bound, stays itself). */
static int hedge_before(const struct vn_scan *sc, size_t start)
{
    size_t k = start;
    while (k > 0 && sc->s[k - 1] == ' ')
        k--;
    if (k == start)
        return -1;
    const struct vn_vocab_table *t = &sc->x->vocab->hedges;
    struct vn_vocab_match m;
    if (!vn_vocab_match_before(t, sc->s, k, &m))
        return -1;
    const struct vn_vocab_entry *e = &t->e[m.index];
    int best = m.index;
    for (size_t i = 0; i < t->n; i++) {
        const struct vn_vocab_entry *f = &t->e[i];
        if (f->len < e->len && f->value == e->value && f->len < t->e[best].len && e->folded[f->len] == ' ' &&
            memcmp(f->folded, e->folded, f->len) == 0)
            best = (int)i;
    }
    return best;
}

static vn_status push_malformed(struct vn_scan *sc, const struct vn_number *num, const char *unit_label)
{
    char val[VN_DEC_STRLEN + VN_DEC_STRLEN / 3];
    vn_dec_format_vn(num->value, val, sizeof val);   /* as the report writes numbers, in either language */
    char msg[400];
    snprintf(msg, sizeof msg, vn_tr(sc->x->cat, "malformed number '%.*s' (%s): read as %s%s%s"), (int)num->span.len,
             sc->s + num->span.off, vn_tr(sc->x->cat, num->note), val, unit_label ? " " : "",
             unit_label ? unit_label : "");
    return vn_records_add_diagnostic(sc->r, num->span, "malformed-number", VN_SEV_WARNING, msg);
}

vn_status vn_scan_push_amount(struct vn_scan *sc, const struct vn_number *num, size_t end, struct vn_span unit,
                              int pow10, bool implied, int hedge)
{
    struct vn_record rec;
    memset(&rec, 0, sizeof rec);
    rec.type = VN_REC_AMOUNT;
    rec.text.off = num->span.off;
    rec.text.len = (uint32_t)(end - num->span.off);
    struct vn_amount *a = &rec.u.amount;
    a->num = *num;
    a->unit = unit;
    a->unit_pow10 = pow10;
    a->implied_unit = implied;
    a->hedge = hedge;
    vn_status st = vn_dec_shift(num->value, pow10, &a->dong);
    if (st == VN_EOVERFLOW) {
        char msg[200];
        snprintf(msg, sizeof msg, vn_tr(sc->x->cat, "number '%.*s' is too large for exact arithmetic"), (int)num->span.len,
                 sc->s + num->span.off);
        return vn_records_add_diagnostic(sc->r, num->span, "number-overflow", VN_SEV_ERROR, msg);
    }
    a->dong = vn_dec_reduce(a->dong);
    if ((st = vn_scan_push(sc, &rec)))
        return st;
    if (num->ambiguous) {
        char label[64];
        snprintf(label, sizeof label, "%.*s", (int)unit.len, sc->s + unit.off);
        return push_malformed(sc, num, label);
    }
    return VN_OK;
}

static vn_status push_quantity(struct vn_scan *sc, const struct vn_number *num, size_t end, struct vn_span unit,
                               int measure, bool implied, int hedge)
{
    struct vn_record rec;
    memset(&rec, 0, sizeof rec);
    rec.type = VN_REC_QUANTITY;
    rec.text.off = num->span.off;
    rec.text.len = (uint32_t)(end - num->span.off);
    rec.u.quantity.num = *num;
    rec.u.quantity.unit = unit;
    rec.u.quantity.measure = measure;
    rec.u.quantity.implied_unit = implied;
    rec.u.quantity.hedge = hedge;
    return vn_scan_push(sc, &rec);
}

static vn_status parse_tok(struct vn_scan *sc, size_t a, size_t e, struct vn_number *num, bool *ok)
{
    vn_status st = vn_number_parse(sc->s + a, e - a, num);
    num->span.off = (uint32_t)a;
    num->span.len = (uint32_t)(e - a);
    *ok = st == VN_OK;
    if (st == VN_EOVERFLOW) {
        char msg[200];
        snprintf(msg, sizeof msg, vn_tr(sc->x->cat, "number '%.*s' has too many digits for exact arithmetic"),
                 (int)(e - a > 60 ? 60 : e - a), sc->s + a);
        return vn_records_add_diagnostic(sc->r, num->span, "number-overflow", VN_SEV_ERROR, msg);
    }
    return VN_OK;   /* VN_ESYNTAX: not a number we read; no record */
}

/* A '-' or '+' glued to the number at s[a], written as a sign: after a
 * blank or an opening bracket or cell separator, never at a line start
 * (where "-" is a bullet). Returns the sign's position or SIZE_MAX. */
static size_t sign_before(const char *s, size_t a)
{
    if (a < 2 || (s[a - 1] != '-' && s[a - 1] != '+'))
        return SIZE_MAX;
    char c = s[a - 2];
    return (c == ' ' || c == '\t' || c == '(' || c == '[' || c == '|') ? a - 1 : SIZE_MAX;
}

/* A number 1900..2100 written without separators: a year, never given a
 * unit by its context. */
static bool year_like(const char *s, const struct vn_numtok *t)
{
    if (t->end - t->start != 4)
        return false;
    int y = 0;
    for (size_t i = t->start; i < t->end; i++) {
        if (!vn_is_digit(s[i]))
            return false;
        y = y * 10 + (s[i] - '0');
    }
    return y >= 1900 && y <= 2100;
}

/* Whether the word w (or W, capitalized) stands alone in s[a, b). */
static bool has_word(const char *s, size_t a, size_t b, const char *w, const char *W)
{
    size_t n = strlen(w);
    for (size_t i = a; i + n <= b; i++)
        if ((s[i] == w[0] || s[i] == W[0]) && (memcmp(s + i, w, n) == 0 || memcmp(s + i, W, n) == 0) &&
            !vn_ch_word_before(s, i) && (i + n == b || !vn_ch_word_at(s, b, i + n)))
            return true;
    return false;
}

/* The label of a list item whose figure starts at s[pos]: letters, blanks
 * and ':', '-', '/', '&' back to the start of the item, at most MAX_LABEL
 * bytes; the item starts after '(', ';', ',' or a line break. The label
 * must hold a letter and must not count things ("Số hộ: 120" is a number
 * of households, not of đồng). Returns the position of the character
 * before the item (*stop is that character; 0 at the start of the text),
 * or SIZE_MAX when there is no such label. */
static size_t sibling_label(const struct vn_scan *sc, size_t pos, char *stop)
{
    const char *s = sc->s;
    size_t i = pos, at = 0;
    bool letter = false;
    *stop = 0;
    while (i > 0) {
        if (pos - i >= MAX_LABEL)
            return SIZE_MAX;
        size_t p = vn_ch_prev(s, i);
        char c = s[p];
        if (c == '(' || c == ';' || c == ',' || c == '\n') {
            *stop = c;
            at = p;
            break;
        }
        if (!(c == ' ' || c == '\t' || c == ':' || c == '-' || c == '/' || c == '&')) {
            if (!letter_at(s, sc->len, p))
                return SIZE_MAX;
            letter = true;
        }
        i = p;
    }
    if (!letter || has_word(s, i, pos, "số", "Số"))
        return SIZE_MAX;
    return at;
}

/* Whether the bare figure at [start, end) ends its list item: blanks, then
 * ';', ')', ',' (not before another number), a full stop that is not a
 * separator, or the line end. */
static bool ends_item(const struct vn_scan *sc, size_t end)
{
    size_t j = skip_blanks(sc->s, sc->len, end, 2);
    if (j >= sc->len)
        return true;
    char c = sc->s[j];
    if (c == ',') {
        /* "1,5" is one number and "1, 2" a list of numbers, not an item */
        size_t k = skip_blanks(sc->s, sc->len, j + 1, 2);
        return !(k < sc->len && vn_is_digit(sc->s[k]));
    }
    if (c == ';' || c == ')' || c == '\n')
        return true;
    return c == '.' && !(j + 1 < sc->len && vn_is_digit(sc->s[j + 1]));
}

/* Gives the pending bare numbers the unit of the figure just found at
 * s[start], if they are related as numerator/denominator, total/breakdown,
 * the two ends of a range, or siblings of a list. */
static vn_status resolve_pending(struct vn_scan *sc, struct pending *p, size_t start, bool money,
                                 struct vn_span unit, int value)
{
    if (p->kind == PEND_NONE)
        return VN_OK;
    bool take = false;
    if (p->kind == PEND_SLASH || p->kind == PEND_RANGE) {
        take = start == p->after;
    } else if (p->kind == PEND_PAREN && money) {
        take = !memchr(sc->s + p->after, ')', start - p->after) && !memchr(sc->s + p->after, '\n', start - p->after);
    } else if (p->kind == PEND_LIST && money) {
        char stop;
        take = sibling_label(sc, start, &stop) == p->after - 1 && stop == ';';
    }
    enum pending_kind kind = p->kind;
    p->kind = PEND_NONE;
    if (!take)
        return VN_OK;
    size_t n = kind == PEND_LIST ? p->n : 1;
    for (size_t i = 0; i < n; i++) {
        const struct bare *b = &p->item[i];
        vn_status st = money ? vn_scan_push_amount(sc, &b->num, b->tok.end, unit, value, true, b->hedge)
                             : push_quantity(sc, &b->num, b->tok.end, unit, value, true, b->hedge);
        if (st)
            return st;
    }
    return VN_OK;
}

/* "từ" before the number at s[start] (after blanks). */
static bool tu_before(const char *s, size_t start)
{
    size_t k = vn_back_blanks(s, start);
    static const char tu[] = "từ";
    const size_t n = sizeof tu - 1;
    if (k == start || k < n)
        return false;
    return (memcmp(s + k - n, tu, n) == 0 || memcmp(s + k - n, "Từ", n) == 0) && !vn_ch_word_before(s, k - n);
}

/* "đến", "tới" or "-" after the bare number ending at s[end], then blanks:
 * where the other end of the range starts, or 0. */
static size_t range_next(const char *s, size_t len, size_t end)
{
    size_t j = skip_blanks(s, len, end, 2);
    static const char *const words[] = {"đến", "tới", "-"};
    for (size_t w = 0; w < 3; w++) {
        size_t n = strlen(words[w]);
        if (j + n < len && memcmp(s + j, words[w], n) == 0 && (n == 1 || !vn_ch_word_at(s, len, j + n))) {
            size_t k = skip_blanks(s, len, j + n, 2);
            return k < len && vn_is_digit(s[k]) ? k : 0;
        }
    }
    return 0;
}

/* A bare number: a cell of a table under a unit heading, the sibling after
 * a figure with a unit, or a number to remember for what follows. */
static vn_status bare_number(struct vn_scan *sc, struct scan_state *ss, const struct vn_numtok *tok,
                             const struct vn_number *num, int hedge)
{
    const char *s = sc->s;
    size_t len = sc->len;
    struct pending *p = &ss->p;
    bool year = year_like(s, tok);
    struct vn_span unit;
    int pow10;
    if (!year && vn_table_cell(sc, &ss->table, num->span.off, tok->end, &unit, &pow10)) {
        p->kind = PEND_NONE;
        return vn_scan_push_amount(sc, num, tok->end, unit, pow10, true, hedge);
    }
    /* a later sibling: "NSTW: 2.150 triệu đồng; NSĐP: 113". The label is
       read back from the number only when the cheap conditions hold: the
       last figure with money ends, after blanks, at a ';' before it */
    char stop = 0;
    size_t label = SIZE_MAX;
    bool labelled = false;  /* label (and stop) computed */
    if (!year && ss->last.set && ss->last.end <= num->span.off && ends_item(sc, tok->end)) {
        size_t q = ss->last.end;
        while (q < num->span.off && vn_is_blank(s[q]))
            q++;
        if (q < num->span.off && s[q] == ';') {
            label = sibling_label(sc, num->span.off, &stop);
            labelled = true;
            if (label != SIZE_MAX && stop == ';' && vn_back_blanks(s, label) == ss->last.end) {
                p->kind = PEND_NONE;
                ss->last.end = tok->end;
                return vn_scan_push_amount(sc, num, tok->end, ss->last.unit, ss->last.pow10, true, hedge);
            }
        }
    }
    /* remember it for the figure that may give its unit */
    size_t j = skip_blanks(s, len, tok->end, 1);
    struct bare b = {*tok, *num, hedge};
    size_t r;
    if (j < len && s[j] == '/') {
        p->kind = PEND_SLASH;
        p->after = skip_blanks(s, len, j + 1, 1);
    } else if (j < len && s[j] == '(' && (tok->end - tok->start >= 4)) {
        p->kind = PEND_PAREN;
        p->after = j;
    } else if (tu_before(s, num->span.off) && (r = range_next(s, len, tok->end)) != 0) {
        p->kind = PEND_RANGE;
        p->after = r;
    } else if (j < len && s[j] == ';' && !year &&
               (labelled ? label : (label = sibling_label(sc, num->span.off, &stop))) != SIZE_MAX) {
        /* "NSTW: 2.150; NSĐP: 113 triệu đồng": wait for a sibling with a
           unit; a chain of bare siblings waits together */
        bool chain = p->kind == PEND_LIST && p->n < MAX_LIST && stop == ';' && label == p->after - 1;
        if (!chain)
            p->n = 0;
        p->kind = PEND_LIST;
        p->item[p->n++] = b;
        p->after = j + 1;
        return VN_OK;
    } else {
        p->kind = PEND_NONE;
        return VN_OK;
    }
    p->n = 1;
    p->item[0] = b;
    return VN_OK;
}

static vn_status classify(struct vn_scan *sc, struct scan_state *ss, const struct vn_numtok *tok,
                          size_t *consumed)
{
    *consumed = tok->end;
    const char *s = sc->s;
    size_t len = sc->len;
    struct pending *p = &ss->p;
    struct vn_number num;
    bool ok;
    vn_status st = parse_tok(sc, tok->start, tok->end, &num, &ok);
    if (st || !ok) {
        p->kind = PEND_NONE;
        return st;
    }
    size_t sign = sign_before(s, tok->start);
    if (sign != SIZE_MAX) {
        num.span.off = (uint32_t)sign;
        num.span.len++;
        if (s[sign] == '-')
            num.value.mant = -num.value.mant;
    }
    int hedge = hedge_before(sc, num.span.off);
    size_t k = skip_blanks(s, len, tok->end, MAX_UNIT_GAP);
    struct vn_vocab_match m;

    if (tok->spaced_decimal) {
        size_t k2 = skip_blanks(s, len, tok->spaced_end, MAX_UNIT_GAP);
        if (vn_money_unit_at(sc, k2, &m)) {
            struct vn_number wide;
            if ((st = parse_tok(sc, tok->start, tok->spaced_end, &wide, &ok)) || !ok)
                return st;
            if (sign != SIZE_MAX) {
                wide.span = (struct vn_span){num.span.off, wide.span.len + 1};
                if (s[sign] == '-')
                    wide.value.mant = -wide.value.mant;
            }
            p->kind = PEND_NONE;
            *consumed = tok->spaced_end;
            struct vn_span unit = {(uint32_t)m.start, (uint32_t)(m.end - m.start)};
            int pow10 = sc->x->vocab->units.e[m.index].value;
            ss->last = (struct last_money){true, m.end, unit, pow10};
            return vn_scan_push_amount(sc, &wide, m.end, unit, pow10, false, hedge);
        }
    }
    if (k < len && s[k] == '%') {
        p->kind = PEND_NONE;
        struct vn_record rec;
        memset(&rec, 0, sizeof rec);
        rec.type = VN_REC_PERCENT;
        rec.text.off = num.span.off;
        rec.text.len = (uint32_t)(k + 1 - num.span.off);
        rec.u.percent.num = num;
        rec.u.percent.hedge = hedge;
        if ((st = vn_scan_push(sc, &rec)))
            return st;
        return num.ambiguous ? push_malformed(sc, &num, "%") : VN_OK;
    }
    if (vn_money_unit_at(sc, k, &m)) {
        struct vn_span unit = {(uint32_t)m.start, (uint32_t)(m.end - m.start)};
        int pow10 = sc->x->vocab->units.e[m.index].value;
        if ((st = resolve_pending(sc, p, num.span.off, true, unit, pow10)))
            return st;
        ss->last = (struct last_money){true, m.end, unit, pow10};
        return vn_scan_push_amount(sc, &num, m.end, unit, pow10, false, hedge);
    }
    if (vn_measure_at(sc, k, &m)) {
        struct vn_span unit = {(uint32_t)m.start, (uint32_t)(m.end - m.start)};
        if ((st = resolve_pending(sc, p, num.span.off, false, unit, m.index)))
            return st;
        return push_quantity(sc, &num, m.end, unit, m.index, false, hedge);
    }
    return bare_number(sc, ss, tok, &num, hedge);
}

vn_status vn_scan_text(struct vn_scan *sc)
{
    const char *s = sc->s;
    size_t len = sc->len, i = 0;
    struct scan_state ss;
    memset(&ss, 0, sizeof ss);
    ss.p.kind = PEND_NONE;
    vn_table_init(&ss.table);
    vn_status st = VN_OK;
    while (i < len) {
        i = vn_find_digit(s, i, len);
        if (i >= len)
            break;
        /* digits glued to a word ("QĐ12", "m2") or the tail of a number */
        bool glued = i > 0 && (((unsigned char)s[i - 1] < 0x80)
                                   ? (((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z') || s[i - 1] == '_')
                                   : vn_ch_word_before(s, i));
        if (glued) {
            while (i < len && (vn_is_digit(s[i]) || ((s[i] == '.' || s[i] == ',') && i + 1 < len && vn_is_digit(s[i + 1]))))
                i++;
            continue;
        }
        /* up to 18 digits alone on their line (a table laid out a value per
           line): no date, reference, sign, hedge, unit, sibling or table
           cell reaches across a line end, so the full path would only
           close what is pending (tests/unit/test_extract_fast.c compares) */
        if (i > 0 && s[i - 1] == '\n' && sc->x->lone_fast) {
            size_t e = i;
            while (e < len && e - i <= 18 && vn_is_digit(s[e]))
                e++;
            if (e - i <= 18 && (e == len || s[e] == '\n')) {
                ss.p.kind = PEND_NONE;
                struct vn_numtok t = {i, e, false, e};
                if (!year_like(s, &t))
                    vn_table_lone(&ss.table, i, e);
                i = e;
                continue;
            }
        }
        struct vn_date d;
        bool valid;
        size_t e = vn_date_scan(s, len, i, &d, &valid);
        if (e) {
            ss.p.kind = PEND_NONE;
            struct vn_span at = {(uint32_t)i, (uint32_t)(e - i)};
            if (valid) {
                struct vn_record rec;
                memset(&rec, 0, sizeof rec);
                rec.type = VN_REC_DATE;
                rec.text = at;
                rec.u.date = d;
                st = vn_scan_push(sc, &rec);
            } else {
                char msg[160];
                snprintf(msg, sizeof msg, vn_tr(sc->x->cat, "invalid date '%.*s': no such day"), (int)at.len, s + at.off);
                st = vn_records_add_diagnostic(sc->r, at, "invalid-date", VN_SEV_WARNING, msg);
            }
            if (st)
                return st;
            i = e;
            continue;
        }
        e = vn_reference_scan(sc, i, &st);
        if (st)
            return st;
        if (e) {
            ss.p.kind = PEND_NONE;
            i = e;
            continue;
        }
        struct vn_numtok tok;
        vn_numtok_scan(s, len, i, &tok);
        size_t consumed;
        if ((st = classify(sc, &ss, &tok, &consumed)))
            return st;
        i = consumed > i ? consumed : i + 1;
    }
    return VN_OK;
}
