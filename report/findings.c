/* What the text, HTML and SARIF writers share: counts, the class of a
 * finding, excerpts of a line around a span, and line/column arithmetic
 * that stays cheap on very long lines. */
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

void vn_w_check_counts(struct vn_writer *w, const struct vn_tally *t, const char *inc_on, const char *amb_on,
                       const char *off)
{
    size_t inc = t->verdict[VN_VERDICT_INCONSISTENT], amb = t->verdict[VN_VERDICT_AMBIGUOUS];
    size_t diags = t->type[VN_REC_DIAGNOSTIC];
    vn_w_printf(w, "%s%zu inconsistent%s, %s%zu ambiguous%s, %zu consistent, %zu partial; %zu diagnostic%s",
                inc ? inc_on : "", inc, inc ? off : "", amb ? amb_on : "", amb, amb ? off : "",
                t->verdict[VN_VERDICT_CONSISTENT], t->verdict[VN_VERDICT_PARTIAL], diags, diags == 1 ? "" : "s");
    if (diags)
        vn_w_printf(w, " (%zu error%s, %zu warning%s, %zu note%s)", t->sev[VN_SEV_ERROR],
                    t->sev[VN_SEV_ERROR] == 1 ? "" : "s", t->sev[VN_SEV_WARNING],
                    t->sev[VN_SEV_WARNING] == 1 ? "" : "s", t->sev[VN_SEV_NOTE], t->sev[VN_SEV_NOTE] == 1 ? "" : "s");
}

void vn_w_record_counts(struct vn_writer *w, const struct vn_tally *t)
{
    vn_w_printf(w, "%zu amounts, %zu percentages, %zu quantities, %zu references, %zu dates", t->type[VN_REC_AMOUNT],
                t->type[VN_REC_PERCENT], t->type[VN_REC_QUANTITY], t->type[VN_REC_REFERENCE], t->type[VN_REC_DATE]);
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
    put(w, r->text->data + s->figure.off, s->figure.len);
    if (s->line != line)
        vn_w_printf(w, " (line %u)", s->line);
    vn_w_str(w, " should be ");
    put(w, s->should_be, strlen(s->should_be));
    vn_w_str(w, " (");
    vn_w_str(w, vn_typo_kind_why(s->kind));
    if (unique && s->closes > 1)
        vn_w_printf(w, "; that also fixes %u other inconsistent check%s", s->closes - 1,
                    s->closes > 2 ? "s" : "");
    vn_w_char(w, ')');
}

bool vn_w_suspects(struct vn_writer *w, const struct vn_records *r, const struct vn_check *c, uint32_t line,
                   bool capital, void (*put)(struct vn_writer *, const char *, size_t))
{
    if (!c->n_suspects)
        return false;
    if (c->n_suspects == 1) {
        vn_w_str(w, capital ? "Probably: " : "probably: ");
        suspect_clause(w, r, &c->suspects[0], line, true, put);
        return true;
    }
    vn_w_str(w, capital ? "Possibly one of: " : "possibly one of: ");
    for (size_t i = 0; i < c->n_suspects; i++) {
        if (i)
            vn_w_str(w, i + 1 == c->n_suspects ? ", or " : ", ");
        suspect_clause(w, r, &c->suspects[i], line, false, put);
    }
    return true;
}
