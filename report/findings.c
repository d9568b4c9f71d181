/* What the text, HTML and SARIF writers share: counts, the class of a
 * finding, excerpts of a line around a span, and line/column arithmetic
 * that stays cheap on very long lines. */
#include <stdio.h>
#include <string.h>

#include "common/utf8.h"
#include "report/report_internal.h"
#include "vnaudit/normalize.h"

const char *vn_display_label(const char *label)
{
    return strcmp(label, "-") ? label : "(standard input)";
}

void vn_tally_records(const struct vn_records *r, struct vn_tally *t)
{
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < r->n; i++) {
        const struct vn_record *rec = &r->items[i];
        t->type[rec->type]++;
        if (rec->type == VN_REC_CHECK)
            t->verdict[rec->u.check->verdict]++;
        else if (rec->type == VN_REC_DIAGNOSTIC)
            t->sev[rec->u.diagnostic.severity]++;
    }
}

void vn_tally_add(struct vn_tally *into, const struct vn_tally *t)
{
    for (size_t i = 0; i <= VN_REC_DIAGNOSTIC; i++)
        into->type[i] += t->type[i];
    for (size_t i = 0; i <= VN_VERDICT_AMBIGUOUS; i++)
        into->verdict[i] += t->verdict[i];
    for (size_t i = 0; i <= VN_SEV_NOTE; i++)
        into->sev[i] += t->sev[i];
}

char *vn_count_str(char *buf, size_t n)
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%zu", n), o = 0;
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            buf[o++] = '.';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

/* "N WHAT" in the stream's language, wrapped in on/off when N is not 0 (a
 * macro: the format stays a literal the compiler checks through vn_tr). */
#define count(w, fmt, n, on, off)                                                                             \
    do {                                                                                                      \
        char b_[32];                                                                                          \
        vn_w_str(w, (n) ? (on) : "");                                                                         \
        vn_w_printf(w, fmt, vn_count_str(b_, n));                                                             \
        vn_w_str(w, (n) ? (off) : "");                                                                        \
    } while (0)

void vn_w_check_counts(struct vn_writer *w, const struct vn_tally *t, const char *inc_on, const char *amb_on,
                       const char *off)
{
    const struct vn_catalog *cat = w->cat;
    size_t diags = t->type[VN_REC_DIAGNOSTIC];
    count(w, vn_tr(cat, "%s inconsistent"), t->verdict[VN_VERDICT_INCONSISTENT], inc_on, off);
    vn_w_str(w, ", ");
    count(w, vn_tr(cat, "%s ambiguous"), t->verdict[VN_VERDICT_AMBIGUOUS], amb_on, off);
    vn_w_str(w, ", ");
    count(w, vn_tr(cat, "%s consistent"), t->verdict[VN_VERDICT_CONSISTENT], "", "");
    vn_w_str(w, ", ");
    count(w, vn_tr(cat, "%s partial"), t->verdict[VN_VERDICT_PARTIAL], "", "");
    vn_w_str(w, "; ");
    count(w, vn_trn(cat, "%s diagnostic", "%s diagnostics", diags), diags, "", "");
    if (!diags)
        return;
    vn_w_str(w, " (");
    count(w, vn_trn(cat, "%s error", "%s errors", t->sev[VN_SEV_ERROR]), t->sev[VN_SEV_ERROR], "", "");
    vn_w_str(w, ", ");
    count(w, vn_trn(cat, "%s warning", "%s warnings", t->sev[VN_SEV_WARNING]), t->sev[VN_SEV_WARNING], "", "");
    vn_w_str(w, ", ");
    count(w, vn_trn(cat, "%s note", "%s notes", t->sev[VN_SEV_NOTE]), t->sev[VN_SEV_NOTE], "", "");
    vn_w_char(w, ')');
}

void vn_w_record_counts(struct vn_writer *w, const struct vn_tally *t)
{
    char a[32], p[32], q[32], r[32], d[32];
    vn_w_printf(w, vn_tr(w->cat, "%s amounts, %s percentages, %s quantities, %s references, %s dates"),
                vn_count_str(a, t->type[VN_REC_AMOUNT]), vn_count_str(p, t->type[VN_REC_PERCENT]),
                vn_count_str(q, t->type[VN_REC_QUANTITY]), vn_count_str(r, t->type[VN_REC_REFERENCE]),
                vn_count_str(d, t->type[VN_REC_DATE]));
}

/* ---- names for a person ---------------------------------------------------- */

const char *vn_verdict_label(const struct vn_catalog *cat, enum vn_verdict v)
{
    switch (v) {
    case VN_VERDICT_CONSISTENT: return vn_trp(cat, "verdict", "consistent");
    case VN_VERDICT_INCONSISTENT: return vn_trp(cat, "verdict", "inconsistent");
    case VN_VERDICT_PARTIAL: return vn_trp(cat, "verdict", "partial");
    case VN_VERDICT_AMBIGUOUS: break;
    }
    return vn_trp(cat, "verdict", "ambiguous");
}

const char *vn_relation_label(const struct vn_catalog *cat, enum vn_relation r)
{
    switch (r) {
    case VN_REL_RATIO: return vn_trp(cat, "relation", "ratio");
    case VN_REL_DIFFERENCE: return vn_trp(cat, "relation", "difference");
    case VN_REL_PRODUCT: return vn_trp(cat, "relation", "product");
    case VN_REL_SUM: break;
    }
    return vn_trp(cat, "relation", "sum");
}

const char *vn_severity_label(const struct vn_catalog *cat, enum vn_severity s)
{
    switch (s) {
    case VN_SEV_ERROR: return vn_trp(cat, "severity", "error");
    case VN_SEV_WARNING: return vn_trp(cat, "severity", "warning");
    case VN_SEV_NOTE: break;
    }
    return vn_trp(cat, "severity", "note");
}

const char *vn_record_type_label(const struct vn_catalog *cat, enum vn_record_type t)
{
    switch (t) {
    case VN_REC_AMOUNT: return vn_trp(cat, "record type", "amount");
    case VN_REC_PERCENT: return vn_trp(cat, "record type", "percent");
    case VN_REC_QUANTITY: return vn_trp(cat, "record type", "quantity");
    case VN_REC_REFERENCE: return vn_trp(cat, "record type", "reference");
    case VN_REC_DATE: return vn_trp(cat, "record type", "date");
    case VN_REC_CHECK: return vn_trp(cat, "record type", "check");
    case VN_REC_DIAGNOSTIC: break;
    }
    return vn_trp(cat, "record type", "diagnostic");
}

/* "inconsistent sum" (vi: "tổng không khớp"): the words' order is the
 * language's. */
void vn_w_verdict_relation(struct vn_writer *w, enum vn_verdict v, enum vn_relation r)
{
    vn_w_printf(w, vn_trp(w->cat, "verdict relation", "%s %s"), vn_verdict_label(w->cat, v),
                vn_relation_label(w->cat, r));
}

enum vn_finding_class vn_finding_class_of(const struct vn_record *rec)
{
    if (rec->type == VN_REC_CHECK) {
        switch (rec->u.check->verdict) {
        case VN_VERDICT_INCONSISTENT: return VN_FC_INCONSISTENT;
        case VN_VERDICT_AMBIGUOUS: return VN_FC_AMBIGUOUS;
        case VN_VERDICT_PARTIAL: return VN_FC_PARTIAL;
        case VN_VERDICT_CONSISTENT: return VN_FC_CONSISTENT;
        }
    } else if (rec->type == VN_REC_DIAGNOSTIC) {
        switch (rec->u.diagnostic.severity) {
        case VN_SEV_ERROR: return VN_FC_ERROR;
        case VN_SEV_WARNING: return VN_FC_WARNING;
        case VN_SEV_NOTE: return VN_FC_NOTE;
        }
    }
    return VN_FC_NONE;
}

static bool is_cont(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

/* Moves left from i over at most `budget` code points, not past `floor`;
 * returns the new position and sets *used. */
static size_t walk_left(const char *s, size_t i, size_t floor, size_t budget, size_t *used)
{
    size_t k = 0;
    while (k < budget && i > floor) {
        i = vn_utf8_prev(s, i);
        if (i < floor)
            i = floor;
        k++;
    }
    *used = k;
    return i;
}

/* Moves right from i over at most `budget` code points, stopping at a line
 * end or the end of the text; sets *used and *at_end (a line end reached). */
static size_t walk_right(const char *s, size_t len, size_t i, size_t budget, size_t *used, bool *at_end)
{
    size_t k = 0;
    while (k < budget && i < len && s[i] != '\n') {
        i++;
        while (i < len && is_cont(s[i]))
            i++;
        k++;
    }
    *used = k;
    *at_end = i >= len || s[i] == '\n';
    return i;
}

void vn_excerpt_of(const struct vn_normtext *t, struct vn_span at, size_t width, struct vn_excerpt *e)
{
    const char *s = t->data;
    size_t len = t->len;
    size_t cs = at.off <= len ? at.off : len;
    size_t line = t->n_lines ? vn_normtext_line_of(t, cs) : 1;
    size_t ls = t->n_lines ? t->line_start[line - 1] : 0;
    if (width < 8)
        width = 8;

    /* the marked span: clipped to its line and to the width */
    size_t ce = cs, mark_len = 0;
    size_t span_end = cs + at.len <= len ? cs + at.len : len;
    while (ce < span_end && s[ce] != '\n' && mark_len < width) {
        ce++;
        while (ce < span_end && is_cont(s[ce]))
            ce++;
        mark_len++;
    }

    size_t room = width - mark_len, used_l, used_r, extra;
    bool at_end;
    size_t start = walk_left(s, cs, ls, room / 2, &used_l);
    size_t end = walk_right(s, len, ce, room - used_l, &used_r, &at_end);
    if (at_end && used_l + used_r < room)   /* the line ended early: more before */
        start = walk_left(s, start, ls, room - used_l - used_r, &extra);
    else
        extra = 0;

    e->start = start;
    e->end = end;
    e->mark_start = cs;
    e->mark_end = ce;
    e->mark_col = used_l + extra;
    e->mark_len = mark_len;
    e->cut_left = start > ls;
    e->cut_right = !at_end;
}

void vn_locate(const struct vn_records *r, const struct vn_record *anchor, size_t off, uint32_t *line,
               uint32_t *col)
{
    const struct vn_normtext *t = r->text;
    if (!t->n_lines) {
        *line = 1;
        *col = 1;
        return;
    }
    size_t l = vn_normtext_line_of(t, off);
    *line = (uint32_t)l;
    if (anchor && anchor->line == l) {
        size_t a = anchor->text.off;
        if (off >= a)
            *col = anchor->col + (uint32_t)vn_utf8_count(t->data + a, off - a);
        else
            *col = anchor->col - (uint32_t)vn_utf8_count(t->data + off, a - off);
        return;
    }
    *col = (uint32_t)vn_normtext_col_of(t, l, off);
}

void vn_span_end(const struct vn_records *r, struct vn_span s, uint32_t line, uint32_t col, uint32_t *end_line,
                 uint32_t *end_col)
{
    const char *p = r->text->data + s.off;
    for (size_t i = 0; i < s.len; i++) {
        if (p[i] == '\n') {
            line++;
            col = 1;
        } else if (!is_cont(p[i])) {
            col++;
        }
    }
    *end_line = line;
    *end_col = col;
}

/* ---- suspect figures ----------------------------------------------------- */

static void suspect_clause(struct vn_writer *w, const struct vn_records *r, const struct vn_suspect *s, uint32_t line,
                           bool unique, void (*put)(struct vn_writer *, const char *, size_t))
{
    const struct vn_catalog *cat = w->cat;
    put(w, r->text->data + s->figure.off, s->figure.len);
    if (s->line != line)
        vn_w_printf(w, vn_tr(cat, " (line %u)"), s->line);
    vn_w_str(w, vn_tr(cat, " should be "));
    put(w, s->should_be, strlen(s->should_be));
    vn_w_str(w, " (");
    vn_w_str(w, vn_tr(cat, vn_typo_kind_why(s->kind)));
    if (unique && s->closes > 1)
        vn_w_printf(w, vn_trn(cat, "; that also fixes %u other inconsistent check",
                              "; that also fixes %u other inconsistent checks", s->closes - 1),
                    s->closes - 1);
    vn_w_char(w, ')');
}

bool vn_w_suspects(struct vn_writer *w, const struct vn_records *r, const struct vn_check *c, uint32_t line,
                   bool capital, void (*put)(struct vn_writer *, const char *, size_t))
{
    const struct vn_catalog *cat = w->cat;
    if (!c->n_suspects)
        return false;
    if (c->n_suspects == 1) {
        vn_w_str(w, capital ? vn_tr(cat, "Probably: ") : vn_tr(cat, "probably: "));
        suspect_clause(w, r, &c->suspects[0], line, true, put);
        return true;
    }
    vn_w_str(w, capital ? vn_tr(cat, "Possibly one of: ") : vn_tr(cat, "possibly one of: "));
    for (size_t i = 0; i < c->n_suspects; i++) {
        if (i)
            vn_w_str(w, i + 1 == c->n_suspects ? vn_tr(cat, ", or ") : ", ");
        suspect_clause(w, r, &c->suspects[i], line, false, put);
    }
    return true;
}
