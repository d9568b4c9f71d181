/* The main pass: one walk over the text from number to number. At each
 * number it tries, in order, a date, a reference, then what follows the
 * number: '%' (percent), a unit of money (amount), a measure word
 * (quantity). A bare number takes the unit of the figure it is divided by
 * ("78,8/2.412trđ") or of the first figure of the breakdown it introduces
 * ("Vốn sự nghiệp: 9.757,650 (trong đó NSTW: 9.293,0trđ; ...)"). */
#include <stdio.h>
#include <string.h>

#include "common/utf8.h"
#include "extract/extract_internal.h"

#define MAX_UNIT_GAP 2  /* spaces allowed between a number and its unit */

enum pending_kind { PEND_NONE, PEND_SLASH, PEND_PAREN };

struct pending {
    enum pending_kind kind;
    struct vn_numtok tok;
    struct vn_number num;
    int hedge;
    size_t after;   /* PEND_SLASH: where the divisor may start;
                       PEND_PAREN: the '(' */
};

static size_t skip_blanks(const char *s, size_t len, size_t i, size_t max)
{
    size_t n = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t') && n < max) {
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
    if (!vn_utf8_decode((const unsigned char *)s + i, len - i, &cp))
        return false;
    return vn_is_letter_cp(cp);
}

/* A unit of money at s[i]; checks the flags of its table entry. */
static bool money_unit_at(const struct vn_scan *sc, size_t i, struct vn_vocab_match *m)
{
    const struct vn_vocab *v = sc->x->vocab;
    const char *s = sc->s;
    size_t len = sc->len;
    if (!vn_vocab_match_at(&v->units, s, len, i, m))
        return false;
    if (vn_word_char_at(s, len, m->end))
        return false;
    unsigned flags = v->units.e[m->index].flags;
    /* "đ/c" is đồng chí; "trđ/26.744trđ" is money */
    if ((flags & VN_UNIT_SHORT) && m->end - m->start <= 2 && m->end + 1 < len && s[m->end] == '/' &&
        letter_at(s, len, m->end + 1))
        return false;
    if (flags & VN_UNIT_BARE) {
        size_t j = skip_blanks(s, len, m->end, 1);
        if (j > m->end && letter_at(s, len, j))
            return false;   /* "3 triệu người" */
    }
    if (flags & VN_UNIT_DONG) {
        size_t j = skip_blanks(s, len, m->end, 2);
        struct vn_vocab_match w;
        if (j > m->end && vn_vocab_match_at(&v->not_money, s, len, j, &w) && !vn_word_char_at(s, len, w.end))
            return false;   /* "500 đồng bào" */
    }
    return true;
}

static bool measure_at(const struct vn_scan *sc, size_t i, struct vn_vocab_match *m)
{
    return vn_vocab_match_at(&sc->x->vocab->measures, sc->s, sc->len, i, m) &&
           !vn_word_char_at(sc->s, sc->len, m->end);
}

static int hedge_before(const struct vn_scan *sc, size_t start)
{
    size_t k = start;
    while (k > 0 && sc->s[k - 1] == ' ')
        k--;
    if (k == start)
        return -1;
    struct vn_vocab_match m;
    if (!vn_vocab_match_before(&sc->x->vocab->hedges, sc->s, k, &m))
        return -1;
    return m.index;
}

static vn_status push_malformed(struct vn_scan *sc, const struct vn_number *num, const char *unit_label)
{
    char val[VN_DEC_STRLEN];
    vn_dec_format(num->value, val);
    char msg[400];
    snprintf(msg, sizeof msg, "malformed number '%.*s' (%s): read as %s%s%s", (int)num->span.len,
             sc->s + num->span.off, num->note, val, unit_label ? " " : "", unit_label ? unit_label : "");
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
        snprintf(msg, sizeof msg, "number '%.*s' is too large for exact arithmetic", (int)num->span.len,
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
        snprintf(msg, sizeof msg, "number '%.*s' has too many digits for exact arithmetic",
                 (int)(e - a > 60 ? 60 : e - a), sc->s + a);
        return vn_records_add_diagnostic(sc->r, num->span, "number-overflow", VN_SEV_ERROR, msg);
    }
    return VN_OK;   /* VN_ESYNTAX: not a number we read; no record */
}

/* Gives the pending bare number the unit of the figure just found, if the
 * two are related as numerator/denominator or total/breakdown. */
static vn_status resolve_pending(struct vn_scan *sc, struct pending *p, size_t start, bool money,
                                 struct vn_span unit, int value)
{
    if (p->kind == PEND_NONE)
        return VN_OK;
    bool take = false;
    if (p->kind == PEND_SLASH)
        take = start == p->after;
    else if (p->kind == PEND_PAREN && money)
        take = !memchr(sc->s + p->after, ')', start - p->after) && !memchr(sc->s + p->after, '\n', start - p->after);
    struct pending q = *p;
    p->kind = PEND_NONE;
    if (!take)
        return VN_OK;
    if (money)
        return vn_scan_push_amount(sc, &q.num, q.tok.end, unit, value, true, q.hedge);
    return push_quantity(sc, &q.num, q.tok.end, unit, value, true, q.hedge);
}

static vn_status classify(struct vn_scan *sc, const struct vn_numtok *tok, struct pending *p, size_t *consumed)
{
    *consumed = tok->end;
    const char *s = sc->s;
    size_t len = sc->len;
    struct vn_number num;
    bool ok;
    vn_status st = parse_tok(sc, tok->start, tok->end, &num, &ok);
    if (st || !ok) {
        p->kind = PEND_NONE;
        return st;
    }
    int hedge = hedge_before(sc, tok->start);
    size_t k = skip_blanks(s, len, tok->end, MAX_UNIT_GAP);
    struct vn_vocab_match m;

    if (tok->spaced_decimal) {
        size_t k2 = skip_blanks(s, len, tok->spaced_end, MAX_UNIT_GAP);
        if (money_unit_at(sc, k2, &m)) {
            struct vn_number wide;
            if ((st = parse_tok(sc, tok->start, tok->spaced_end, &wide, &ok)) || !ok)
                return st;
            p->kind = PEND_NONE;
            *consumed = tok->spaced_end;
            struct vn_span unit = {(uint32_t)m.start, (uint32_t)(m.end - m.start)};
            return vn_scan_push_amount(sc, &wide, m.end, unit, sc->x->vocab->units.e[m.index].value, false, hedge);
        }
    }
    if (k < len && s[k] == '%') {
        p->kind = PEND_NONE;
        struct vn_record rec;
        memset(&rec, 0, sizeof rec);
        rec.type = VN_REC_PERCENT;
        rec.text.off = (uint32_t)tok->start;
        rec.text.len = (uint32_t)(k + 1 - tok->start);
        rec.u.percent.num = num;
        rec.u.percent.hedge = hedge;
        if ((st = vn_scan_push(sc, &rec)))
            return st;
        return num.ambiguous ? push_malformed(sc, &num, "%") : VN_OK;
    }
    if (money_unit_at(sc, k, &m)) {
        struct vn_span unit = {(uint32_t)m.start, (uint32_t)(m.end - m.start)};
        int pow10 = sc->x->vocab->units.e[m.index].value;
        if ((st = resolve_pending(sc, p, tok->start, true, unit, pow10)))
            return st;
        return vn_scan_push_amount(sc, &num, m.end, unit, pow10, false, hedge);
    }
    if (measure_at(sc, k, &m)) {
        struct vn_span unit = {(uint32_t)m.start, (uint32_t)(m.end - m.start)};
        if ((st = resolve_pending(sc, p, tok->start, false, unit, m.index)))
            return st;
        return push_quantity(sc, &num, m.end, unit, m.index, false, hedge);
    }
    /* a bare number: remember it for the figure that may give its unit */
    p->kind = PEND_NONE;
    size_t j = skip_blanks(s, len, tok->end, 1);
    if (j < len && s[j] == '/') {
        p->kind = PEND_SLASH;
        p->after = skip_blanks(s, len, j + 1, 1);
    } else if (j < len && s[j] == '(' && (tok->end - tok->start >= 4)) {
        p->kind = PEND_PAREN;
        p->after = j;
    }
    p->tok = *tok;
    p->num = num;
    p->hedge = hedge;
    return VN_OK;
}

vn_status vn_scan_text(struct vn_scan *sc)
{
    const char *s = sc->s;
    size_t len = sc->len, i = 0;
    struct pending p = {.kind = PEND_NONE};
    vn_status st = VN_OK;
    while (i < len) {
        while (i < len && !vn_is_digit(s[i]))
            i++;
        if (i >= len)
            break;
        /* digits glued to a word ("QĐ12", "m2") or the tail of a number */
        bool glued = i > 0 && (((unsigned char)s[i - 1] < 0x80)
                                   ? (((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z') || s[i - 1] == '_')
                                   : vn_word_char_before(s, i));
        if (glued) {
            while (i < len && (vn_is_digit(s[i]) || ((s[i] == '.' || s[i] == ',') && i + 1 < len && vn_is_digit(s[i + 1]))))
                i++;
            continue;
        }
        struct vn_date d;
        bool valid;
        size_t e = vn_date_scan(s, len, i, &d, &valid);
        if (e) {
            p.kind = PEND_NONE;
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
                snprintf(msg, sizeof msg, "invalid date '%.*s': no such day", (int)at.len, s + at.off);
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
            p.kind = PEND_NONE;
            i = e;
            continue;
        }
        struct vn_numtok tok;
        vn_numtok_scan(s, len, i, &tok);
        size_t consumed;
        if ((st = classify(sc, &tok, &p, &consumed)))
            return st;
        i = consumed > i ? consumed : i + 1;
    }
    return VN_OK;
}
