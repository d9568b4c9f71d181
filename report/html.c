/* HTML: one self-contained page for the whole batch (inline CSS, no
 * script, nothing fetched). Each file's part is written as soon as it is
 * given: the findings in the order of the text report, what was checked
 * without a finding (folded), then the normalized text with every claim and
 * finding marked and linked to its entry.
 *
 * The text view is bounded: a file of up to FULL_MAX_LINES lines and
 * FULL_MAX_BYTES bytes is shown whole; a larger one only around the lines
 * with findings (CONTEXT lines each side), at most VIEW_MAX_LINES lines. A
 * line longer than LONG_LINE bytes is shown as windows around its marks.
 * Each class of findings and each table lists at most MAX_LISTED entries
 * (a page a browser can open); the JSON Lines output has them all. */
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "report/report_internal.h"
#include "vnaudit/normalize.h"

#define EXCERPT_WIDTH 120u
#define FULL_MAX_LINES 3000u
#define FULL_MAX_BYTES (1024u * 1024u)
#define CONTEXT 2u
#define VIEW_MAX_LINES 5000u
#define LONG_LINE 4096u
#define LONG_WINDOW 160u        /* bytes each side of a mark on a long line */
#define LONG_MAX_WINDOWS 20u
#define LONG_SHOWN 16384u       /* bytes of a long line shown, about */
#define MAX_OPERANDS_SHOWN 8u
#define MAX_LISTED 2000u        /* findings of one class, and rows of a table */

static const char css[] =
    "body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem 1.5rem;color:#1b1b1b;"
    "background:#fff}"
    "h1{font-size:1.4rem}h2{font-size:1.2rem;border-bottom:2px solid #ccc;padding-bottom:.2rem;margin-top:2.5rem;"
    "word-break:break-all}h3{font-size:1.05rem;margin:1.4rem 0 .4rem}h4{font-size:.95rem;margin:1rem 0 .3rem;"
    "color:#444}"
    "pre{font:13px/1.5 ui-monospace,monospace;white-space:pre-wrap;word-break:break-word;margin:.2rem 0}"
    ".finding{border-left:4px solid #999;padding:.3rem .8rem;margin:.5rem 0;background:#fafafa}"
    ".finding p{margin:.15rem 0}.finding .detail{color:#555;font-size:.9em}.finding .suspect{font-weight:bold}"
    ".inconsistent,.error{border-color:#c62828}.ambiguous,.warning{border-color:#ef8f00}.note{border-color:#1976d2}"
    "h3.inconsistent,.counts .inconsistent{color:#c62828}h3.ambiguous,.counts .ambiguous{color:#a86400}"
    "h3.error{color:#c62828}h3.warning{color:#a86400}h3.note{color:#1976d2}"
    ".stmt mark{background:#ffe0e0;outline:1px solid #c62828}"
    ".m{border-radius:2px;color:inherit;text-decoration:none}"
    ".c-inconsistent{background:#ffcdd2;outline:1px solid #c62828}.c-ambiguous{background:#ffe0b2}"
    ".c-consistent{background:#e3f2e3}.c-partial{background:#e3ecf7}.op{background:#fff3c4}"
    ".d-error{text-decoration:underline wavy #c62828}.d-warning{text-decoration:underline wavy #ef8f00}"
    ".d-note{text-decoration:underline dotted #1976d2}"
    ".text{background:#fbfbf8;border:1px solid #ddd;padding:.5rem;overflow-x:auto}"
    ".ln{display:inline-block;min-width:5ch;text-align:right;margin-right:1ch;color:#999;user-select:none}"
    ".ln.bad{color:#fff;background:#c62828}.ln.doubt{background:#ffe0b2;color:#000}"
    ".gap{color:#999}.failed p{color:#c62828}table{border-collapse:collapse;font-size:.9em}"
    "td,th{padding:.1rem .6rem;border-bottom:1px solid #eee;text-align:left;vertical-align:top}"
    "footer{margin-top:3rem;border-top:1px solid #ccc;color:#555;font-size:.9em}";

/* A mark in the text view; sorted by offset, then by importance. */
enum mark_kind { MK_INCONSISTENT, MK_AMBIGUOUS, MK_ERROR, MK_WARNING, MK_NOTE, MK_OPERAND, MK_PARTIAL,
                 MK_CONSISTENT };
static const char *const mark_class[] = {"c-inconsistent", "c-ambiguous", "d-error", "d-warning", "d-note", "op",
                                         "c-partial", "c-consistent"};

struct mark {
    uint32_t off, end;
    uint32_t rec;       /* index of the record it belongs to */
    uint8_t kind;
};

static int mark_cmp(const void *a, const void *b)
{
    const struct mark *x = a, *y = b;
    if (x->off != y->off)
        return x->off < y->off ? -1 : 1;
    return (int)x->kind - (int)y->kind;
}

static bool is_finding_kind(uint8_t k)
{
    return k <= MK_NOTE;
}

struct view {
    struct vn_writer *w;
    const struct vn_records *r;
    size_t file;                /* 1-based index in the page, for anchors */
    struct mark *marks;
    size_t n_marks, next;       /* next: first mark not yet behind the view */
};

static void html_span(struct vn_writer *w, const struct vn_records *r, struct vn_span s)
{
    vn_w_html(w, r->text->data + s.off, s.len);
}

static void html_str(struct vn_writer *w, const char *s)
{
    vn_w_html(w, s, strlen(s));
}

/* ---- the marks ------------------------------------------------------------ */

static vn_status collect_marks(struct view *v)
{
    const struct vn_records *r = v->r;
    size_t n = 0;
    for (size_t i = 0; i < r->n; i++) {
        enum vn_finding_class fc = vn_finding_class_of(&r->items[i]);
        if (fc == VN_FC_NONE)
            continue;
        n++;
        if (fc == VN_FC_INCONSISTENT || fc == VN_FC_AMBIGUOUS)
            n += r->items[i].u.check->n_operands;
    }
    v->n_marks = 0;
    v->next = 0;
    v->marks = n ? vn_calloc(n, sizeof *v->marks) : NULL;
    if (n && !v->marks)
        return VN_ENOMEM;
    for (size_t i = 0; i < r->n; i++) {
        const struct vn_record *rec = &r->items[i];
        static const uint8_t kind_of[] = {
            [VN_FC_INCONSISTENT] = MK_INCONSISTENT, [VN_FC_AMBIGUOUS] = MK_AMBIGUOUS, [VN_FC_ERROR] = MK_ERROR,
            [VN_FC_WARNING] = MK_WARNING, [VN_FC_NOTE] = MK_NOTE, [VN_FC_PARTIAL] = MK_PARTIAL,
            [VN_FC_CONSISTENT] = MK_CONSISTENT};
        enum vn_finding_class fc = vn_finding_class_of(rec);
        if (fc == VN_FC_NONE)
            continue;
        v->marks[v->n_marks++] = (struct mark){rec->text.off, rec->text.off + rec->text.len, (uint32_t)i, kind_of[fc]};
        if (fc != VN_FC_INCONSISTENT && fc != VN_FC_AMBIGUOUS)
            continue;
        const struct vn_check *c = rec->u.check;
        for (size_t k = 0; k < c->n_operands; k++)
            v->marks[v->n_marks++] =
                (struct mark){c->operands[k].off, c->operands[k].off + c->operands[k].len, (uint32_t)i, MK_OPERAND};
    }
    if (v->n_marks)
        qsort(v->marks, v->n_marks, sizeof *v->marks, mark_cmp);
    return VN_OK;
}

static void mark_title(struct vn_writer *w, const struct vn_records *r, const struct mark *m)
{
    const struct vn_record *rec = &r->items[m->rec];
    if (rec->type == VN_REC_CHECK) {
        const struct vn_check *c = rec->u.check;
        vn_w_str(w, m->kind == MK_OPERAND ? "operand of an " : "");
        vn_w_str(w, vn_verdict_name(c->verdict));
        vn_w_char(w, ' ');
        vn_w_str(w, vn_relation_name(c->relation));
        vn_w_str(w, " (computed ");
        vn_w_dec_vi(w, c->computed);
        vn_w_str(w, c->claimed_unit && !strcmp(c->claimed_unit, "%") ? "%)" : ")");
    } else {
        vn_w_str(w, vn_severity_name(rec->u.diagnostic.severity));
        vn_w_str(w, ": ");
        html_str(w, rec->u.diagnostic.rule);
    }
}

/* The text [a, b) with the marks that fall in it; a mark that overlaps one
 * already written is cut to what remains. */
static void emit_range(struct view *v, size_t a, size_t b)
{
    struct vn_writer *w = v->w;
    const char *s = v->r->text->data;
    size_t pos = a;
    for (size_t j = v->next; j < v->n_marks && v->marks[j].off < b; j++) {
        const struct mark *m = &v->marks[j];
        size_t start = m->off > pos ? m->off : pos, end = m->end < b ? m->end : b;
        if (end <= start)
            continue;
        vn_w_html(w, s + pos, start - pos);
        if (is_finding_kind(m->kind) || m->kind == MK_OPERAND)
            vn_w_printf(w, "<a class=\"m %s\" href=\"#f%zu-r%u\" title=\"", mark_class[m->kind], v->file, m->rec);
        else
            vn_w_printf(w, "<span class=\"m %s\" title=\"", mark_class[m->kind]);
        mark_title(w, v->r, m);
        vn_w_str(w, "\">");
        vn_w_html(w, s + start, end - start);
        vn_w_str(w, is_finding_kind(m->kind) || m->kind == MK_OPERAND ? "</a>" : "</span>");
        pos = end;
    }
    vn_w_html(w, s + pos, b - pos);
}

/* ---- the text view ------------------------------------------------------- */

static size_t utf8_floor(const char *s, size_t i, size_t lo)
{
    while (i > lo && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static void emit_line(struct view *v, size_t line)
{
    struct vn_writer *w = v->w;
    const struct vn_normtext *t = v->r->text;
    size_t ls = t->line_start[line - 1];
    size_t le = line < t->n_lines ? t->line_start[line] - 1 : t->len;
    if (le > ls && t->data[le - 1] == '\n')     /* the LF that ends the text */
        le--;
    while (v->next < v->n_marks && v->marks[v->next].off < ls && v->marks[v->next].end <= ls)
        v->next++;

    /* the line number shows the worst finding of the line */
    int worst = -1;
    for (size_t j = v->next; j < v->n_marks && v->marks[j].off <= le; j++)
        if (v->marks[j].off >= ls && is_finding_kind(v->marks[j].kind) && (worst < 0 || v->marks[j].kind < worst))
            worst = v->marks[j].kind;
    const char *cls = worst == MK_INCONSISTENT || worst == MK_ERROR ? " bad" : worst >= 0 ? " doubt" : "";
    vn_w_printf(w, "<span id=\"f%zu-L%zu\"><span class=\"ln%s\">%zu</span>", v->file, line, cls, line);

    if (le - ls <= LONG_LINE) {
        emit_range(v, ls, le);
    } else {
        /* windows around the marks of the line, merged */
        size_t win[LONG_MAX_WINDOWS][2], nw = 0, total = 0;
        for (size_t j = v->next; j < v->n_marks && v->marks[j].off < le && total < LONG_SHOWN; j++) {
            const struct mark *m = &v->marks[j];
            if (m->off < ls)
                continue;
            size_t a = m->off > ls + LONG_WINDOW ? m->off - LONG_WINDOW : ls;
            size_t b = m->end + LONG_WINDOW < le ? m->end + LONG_WINDOW : le;
            a = utf8_floor(t->data, a, ls);
            b = utf8_floor(t->data, b, ls);
            if (nw && a <= win[nw - 1][1]) {
                if (b > win[nw - 1][1]) {
                    total += b - win[nw - 1][1];
                    win[nw - 1][1] = b;
                }
            } else if (nw == LONG_MAX_WINDOWS) {
                break;
            } else {
                total += b - a;
                win[nw][0] = a;
                win[nw][1] = b;
                nw++;
            }
        }
        if (!nw) {
            win[0][0] = ls;
            win[0][1] = utf8_floor(t->data, ls + 2 * LONG_WINDOW, ls);
            nw = 1;
        }
        for (size_t k = 0; k < nw; k++) {
            if (win[k][0] > ls)
                vn_w_str(w, "<span class=\"gap\">…</span>");
            emit_range(v, win[k][0], win[k][1]);
        }
        if (win[nw - 1][1] < le)
            vn_w_printf(w, "<span class=\"gap\">… (a line of %zu bytes)</span>", le - ls);
    }
    vn_w_str(w, "</span>\n");
}

/* Marks lines with findings, and CONTEXT lines each side, in `show`. */
static size_t lines_to_show(const struct vn_records *r, unsigned char *show)
{
    size_t n_lines = r->text->n_lines, count = 0;
    for (size_t i = 0; i < r->n; i++) {
        const struct vn_record *rec = &r->items[i];
        enum vn_finding_class fc = vn_finding_class_of(rec);
        if (fc > VN_FC_NOTE)
            continue;
        const uint32_t *lines = &rec->line;
        size_t nl = 1;
        if (rec->type == VN_REC_CHECK && rec->u.check->n_lines) {
            lines = rec->u.check->lines;
            nl = rec->u.check->n_lines;
        }
        for (size_t k = 0; k < nl; k++) {
            size_t lo = lines[k] > CONTEXT ? lines[k] - CONTEXT : 1;
            for (size_t l = lo; l <= lines[k] + CONTEXT && l <= n_lines; l++)
                if (!show[l]) {
                    show[l] = 1;
                    count++;
                }
        }
    }
    return count;
}

static vn_status text_view(struct view *v)
{
    struct vn_writer *w = v->w;
    const struct vn_normtext *t = v->r->text;
    size_t n_lines = t->n_lines;
    vn_w_str(w, "<h3>Text</h3>\n");
    if (!t->len || !n_lines) {
        vn_w_str(w, "<p>(empty)</p>\n");
        return VN_OK;
    }
    bool full = n_lines <= FULL_MAX_LINES && t->len <= FULL_MAX_BYTES;
    unsigned char *show = NULL;
    size_t shown = n_lines;
    if (!full) {
        show = vn_calloc(n_lines + 1 + CONTEXT, 1);
        if (!show)
            return VN_ENOMEM;
        shown = lines_to_show(v->r, show);
        vn_w_printf(w, "<p>The text has %zu lines: shown are the %zu lines with findings and %u lines around each",
                    n_lines, shown, CONTEXT);
        if (shown > VIEW_MAX_LINES)
            vn_w_printf(w, ", up to the first %u", VIEW_MAX_LINES);
        vn_w_str(w, ".</p>\n");
    }
    vn_w_str(w, "<pre class=\"text\">");
    size_t written = 0;
    bool gap = false;
    for (size_t l = 1; l <= n_lines && written < VIEW_MAX_LINES; l++) {
        if (!full && !show[l]) {
            gap = true;
            continue;
        }
        if (gap)
            vn_w_str(w, "<span class=\"gap\">⋯</span>\n");
        gap = false;
        emit_line(v, l);
        written++;
    }
    if (gap || written < shown)
        vn_w_str(w, "<span class=\"gap\">⋯</span>\n");
    vn_w_str(w, "</pre>\n");
    vn_free(show);
    return VN_OK;
}

/* ---- the findings ------------------------------------------------------ */

static void excerpt(struct vn_writer *w, const struct vn_records *r, struct vn_span at)
{
    struct vn_excerpt e;
    vn_excerpt_of(r->text, at, EXCERPT_WIDTH, &e);
    const char *s = r->text->data;
    vn_w_str(w, "<pre class=\"stmt\">");
    if (e.cut_left)
        vn_w_str(w, "…");
    vn_w_html(w, s + e.start, e.mark_start - e.start);
    vn_w_str(w, "<mark>");
    vn_w_html(w, s + e.mark_start, e.mark_end - e.mark_start);
    vn_w_str(w, "</mark>");
    vn_w_html(w, s + e.mark_end, e.end - e.mark_end);
    if (e.cut_right)
        vn_w_str(w, "…");
    vn_w_str(w, "</pre>\n");
}

static void claimed_computed(struct vn_writer *w, const struct vn_records *r, const struct vn_check *c)
{
    vn_w_str(w, "claimed <b>");
    html_span(w, r, c->claimed);
    if (c->claimed_unit && c->claimed_unit[0]) {
        if (strcmp(c->claimed_unit, "%") != 0)
            vn_w_char(w, ' ');
        html_str(w, c->claimed_unit);
    }
    vn_w_str(w, "</b>, computed <b>");
    vn_w_dec_vi(w, c->computed);
    if (c->claimed_unit && !strcmp(c->claimed_unit, "%"))
        vn_w_char(w, '%');
    vn_w_str(w, "</b>");
}

static void where(struct view *v, const struct vn_record *rec)
{
    vn_w_printf(v->w, "<a href=\"#f%zu-L%u\">line %u, col %u</a>", v->file, rec->line, rec->line, rec->col);
}

static void write_check(struct view *v, const struct vn_record *rec, size_t idx)
{
    struct vn_writer *w = v->w;
    const struct vn_check *c = rec->u.check;
    const char *verdict = vn_verdict_name(c->verdict);
    vn_w_printf(w, "<div class=\"finding %s\" id=\"f%zu-r%zu\">\n<p>", verdict, v->file, idx);
    where(v, rec);
    vn_w_printf(w, " &mdash; %s %s: ", verdict, vn_relation_name(c->relation));
    claimed_computed(w, v->r, c);
    vn_w_str(w, "</p>\n");
    excerpt(w, v->r, rec->text);
    vn_w_str(w, "<p class=\"detail\">");
    if (c->n_operands) {
        vn_w_str(w, "operands ");
        for (size_t i = 0; i < c->n_operands && i < MAX_OPERANDS_SHOWN; i++) {
            vn_w_str(w, i ? "; " : "");
            html_span(w, v->r, c->operands[i]);
        }
        if (c->n_operands > MAX_OPERANDS_SHOWN)
            vn_w_printf(w, "; … (%zu in all)", c->n_operands);
        vn_w_str(w, " &middot; ");
    }
    if (c->n_lines) {
        vn_w_str(w, c->n_lines > 1 ? "lines" : "line");
        for (size_t i = 0; i < c->n_lines && i < 24; i++)
            vn_w_printf(w, "%s <a href=\"#f%zu-L%u\">%u</a>", i ? "," : "", v->file, c->lines[i], c->lines[i]);
        vn_w_str(w, c->n_lines > 24 ? ", … &middot; " : " &middot; ");
    }
    vn_w_str(w, "rule ");
    html_str(w, c->rule ? c->rule : "?");
    vn_w_str(w, "</p>\n");
    if (c->message && c->message[0]) {
        vn_w_str(w, "<p class=\"msg\">");
        html_str(w, c->message);
        vn_w_str(w, "</p>\n");
    }
    if (c->n_suspects) {
        vn_w_str(w, "<p class=\"suspect\">");
        vn_w_suspects(w, v->r, c, rec->line, true, vn_w_html);
        vn_w_str(w, ".</p>\n");
    }
    vn_w_str(w, "</div>\n");
}

static void write_diagnostic(struct view *v, const struct vn_record *rec, size_t idx)
{
    struct vn_writer *w = v->w;
    const struct vn_diagnostic *d = &rec->u.diagnostic;
    const char *sev = vn_severity_name(d->severity);
    vn_w_printf(w, "<div class=\"finding %s\" id=\"f%zu-r%zu\">\n<p>", sev, v->file, idx);
    where(v, rec);
    vn_w_printf(w, " &mdash; %s <code>", sev);
    html_str(w, d->rule);
    vn_w_str(w, "</code>: ");
    html_str(w, d->message);
    vn_w_str(w, "</p>\n");
    excerpt(w, v->r, rec->text);
    vn_w_str(w, "</div>\n");
}

static const char *const class_title[] = {
    [VN_FC_INCONSISTENT] = "Inconsistent", [VN_FC_AMBIGUOUS] = "Ambiguous", [VN_FC_ERROR] = "Errors",
    [VN_FC_WARNING] = "Warnings", [VN_FC_NOTE] = "Notes"};
static const char *const class_css[] = {
    [VN_FC_INCONSISTENT] = "inconsistent", [VN_FC_AMBIGUOUS] = "ambiguous", [VN_FC_ERROR] = "error",
    [VN_FC_WARNING] = "warning", [VN_FC_NOTE] = "note"};

static void more(struct vn_writer *w, size_t n, size_t listed)
{
    if (n > listed)
        vn_w_printf(w, "<p>… and %zu more, not listed here (<code>--format jsonl</code> has them all).</p>\n",
                    n - listed);
}

static void write_class(struct view *v, enum vn_finding_class fc)
{
    struct vn_writer *w = v->w;
    const struct vn_records *r = v->r;
    size_t n = 0;
    for (size_t i = 0; i < r->n; i++)
        n += vn_finding_class_of(&r->items[i]) == fc;
    if (!n)
        return;
    vn_w_printf(w, "<h3 class=\"%s\">%s (%zu)</h3>\n", class_css[fc], class_title[fc], n);
    uint32_t section = 0;
    size_t listed = 0;
    for (size_t i = 0; i < r->n && listed < MAX_LISTED; i++) {
        const struct vn_record *rec = &r->items[i];
        if (vn_finding_class_of(rec) != fc)
            continue;
        listed++;
        if (rec->type == VN_REC_DIAGNOSTIC) {
            write_diagnostic(v, rec, i);
            continue;
        }
        const struct vn_check *c = rec->u.check;
        if (c->section_line && c->section_line != section) {
            section = c->section_line;
            vn_w_str(w, "<h4>§ ");
            html_str(w, c->section && c->section[0] ? c->section : "(heading)");
            vn_w_printf(w, " <small>(<a href=\"#f%zu-L%u\">line %u</a>)</small></h4>\n", v->file, section, section);
        }
        write_check(v, rec, i);
    }
    more(w, n, listed);
}

/* Consistent and partial checks, folded; the records too with --verbose. */
static void write_quiet(struct view *v, const struct vn_report_opts *o, const struct vn_tally *t)
{
    struct vn_writer *w = v->w;
    const struct vn_records *r = v->r;
    size_t quiet = t->verdict[VN_VERDICT_CONSISTENT] + t->verdict[VN_VERDICT_PARTIAL];
    if (quiet) {
        vn_w_printf(w, "<details><summary>Checked without a finding: %zu consistent, %zu partial</summary>\n<table>"
                       "<tr><th>line</th><th>verdict</th><th>relation</th><th>claimed, computed</th><th>note</th></tr>\n",
                    t->verdict[VN_VERDICT_CONSISTENT], t->verdict[VN_VERDICT_PARTIAL]);
        size_t listed = 0;
        for (size_t i = 0; i < r->n && listed < MAX_LISTED; i++) {
            const struct vn_record *rec = &r->items[i];
            enum vn_finding_class fc = vn_finding_class_of(rec);
            if (fc != VN_FC_PARTIAL && fc != VN_FC_CONSISTENT)
                continue;
            listed++;
            const struct vn_check *c = rec->u.check;
            vn_w_str(w, "<tr><td>");
            where(v, rec);
            vn_w_printf(w, "</td><td>%s</td><td>%s</td><td>", vn_verdict_name(c->verdict),
                        vn_relation_name(c->relation));
            claimed_computed(w, r, c);
            vn_w_str(w, "</td><td>");
            if (fc == VN_FC_PARTIAL && c->message)
                html_str(w, c->message);
            vn_w_str(w, "</td></tr>\n");
        }
        vn_w_str(w, "</table>\n");
        more(w, quiet, listed);
        vn_w_str(w, "</details>\n");
    }
    if (!o->verbose)
        return;
    vn_w_str(w, "<details><summary>Records: ");
    vn_w_record_counts(w, t);
    vn_w_str(w, "</summary>\n<table><tr><th>line</th><th>type</th><th>text</th></tr>\n");
    size_t listed = 0, n_records = r->n - t->type[VN_REC_CHECK] - t->type[VN_REC_DIAGNOSTIC];
    for (size_t i = 0; i < r->n && listed < MAX_LISTED; i++) {
        const struct vn_record *rec = &r->items[i];
        if (vn_record_is_finding(rec))
            continue;
        listed++;
        vn_w_str(w, "<tr><td>");
        where(v, rec);
        vn_w_printf(w, "</td><td>%s</td><td>", vn_record_type_name(rec->type));
        html_span(w, r, rec->text);
        vn_w_str(w, "</td></tr>\n");
    }
    vn_w_str(w, "</table>\n");
    more(w, n_records, listed);
    vn_w_str(w, "</details>\n");
}

/* ---- the page -------------------------------------------------------------- */

vn_status vn_report_html_begin(struct vn_writer *w, const struct vn_report_opts *o)
{
    (void)o;
    vn_w_str(w, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<meta name=\"generator\" content=\"vnaudit ");
    html_str(w, vn_version());
    vn_w_str(w, "\">\n<title>vnaudit check</title>\n<style>");
    vn_w_str(w, css);
    vn_w_str(w, "</style>\n</head>\n<body>\n<h1>vnaudit check</h1>\n");
    return w->failed ? VN_EIO : VN_OK;
}

vn_status vn_report_html(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r)
{
    struct view v = {.w = w, .r = r, .file = w->run.files};
    struct vn_tally t;
    vn_tally_records(r, &t);
    vn_w_printf(w, "<section class=\"file\" id=\"f%zu\">\n<h2>", v.file);
    html_str(w, vn_display_label(o->file_label));
    vn_w_str(w, "</h2>\n<p class=\"counts\">");
    vn_w_check_counts(w, &t, "<span class=\"inconsistent\">", "<span class=\"ambiguous\">", "</span>");
    vn_w_str(w, "<br>Records: ");
    vn_w_record_counts(w, &t);
    vn_w_str(w, "</p>\n");
    if (!t.verdict[VN_VERDICT_INCONSISTENT] && !t.verdict[VN_VERDICT_AMBIGUOUS] && !t.type[VN_REC_DIAGNOSTIC])
        vn_w_str(w, "<p>No findings.</p>\n");
    for (enum vn_finding_class fc = VN_FC_INCONSISTENT; fc <= VN_FC_NOTE; fc++)
        write_class(&v, fc);
    write_quiet(&v, o, &t);
    vn_status st = collect_marks(&v);
    if (!st)
        st = text_view(&v);
    vn_free(v.marks);
    vn_w_str(w, "</section>\n");
    if (st)
        return st;
    return w->failed ? VN_EIO : VN_OK;
}

vn_status vn_report_html_failed(struct vn_writer *w, const struct vn_report_opts *o, const char *message)
{
    vn_w_str(w, "<section class=\"file failed\">\n<h2>");
    html_str(w, o->file_label);
    vn_w_str(w, "</h2>\n<p>Could not be read: ");
    html_str(w, message);
    vn_w_str(w, "</p>\n</section>\n");
    return w->failed ? VN_EIO : VN_OK;
}

vn_status vn_report_html_end(struct vn_writer *w, const struct vn_report_opts *o)
{
    (void)o;
    const struct vn_run *run = &w->run;
    vn_w_printf(w, "<footer>\n<p>Total: %zu file%s", run->files, run->files == 1 ? "" : "s");
    if (run->n_failed_total)
        vn_w_printf(w, " (and %zu that could not be read)", run->n_failed_total);
    vn_w_str(w, "; ");
    vn_w_check_counts(w, &run->total, "", "", "");
    vn_w_str(w, ".</p>\n<p>vnaudit ");
    html_str(w, vn_version());
    vn_w_str(w, ". Columns count Unicode code points of the normalized text (<code>vnaudit text FILE</code>).</p>\n"
                "</footer>\n</body>\n</html>\n");
    return w->failed ? VN_EIO : VN_OK;
}
