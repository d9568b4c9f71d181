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
 * (a page a browser can open); the JSON Lines output has them all.
 *
 * Each file opens with a summary table of its findings (class, rule,
 * section, place), each row linking to the finding, whose place links to
 * its line in the text view. The fonts are named (Noto Sans, Noto Sans
 * Mono: Debian's fonts-noto-core, which cover every Vietnamese letter)
 * before the generic families, whose default monospace on a stock system
 * lacks many of them. A print stylesheet opens the folded parts and keeps
 * a finding on one page. Words for a person follow vn_report_opts.lang;
 * the document's own text is marked lang="vi". */
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
    "body{font:15px/1.45 'Noto Sans','DejaVu Sans',system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem 1.5rem;color:#1b1b1b;"
    "background:#fff}"
    "h1{font-size:1.4rem}h2{font-size:1.2rem;border-bottom:2px solid #ccc;padding-bottom:.2rem;margin-top:2.5rem;"
    "word-break:break-all}h3{font-size:1.05rem;margin:1.4rem 0 .4rem}h4{font-size:.95rem;margin:1rem 0 .3rem;"
    "color:#444}"
    "pre,code{font-family:'Noto Sans Mono','DejaVu Sans Mono',monospace}"
    "pre{font-size:13px;line-height:1.5;white-space:pre-wrap;word-break:break-word;margin:.2rem 0}"
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
    "footer{margin-top:3rem;border-top:1px solid #ccc;color:#555;font-size:.9em}"
    ".summary{width:100%;margin:.6rem 0 1rem}.summary th{background:#f0f0f0}.summary td.k{white-space:nowrap}"
    ".stmt mark.sus,.sus{outline:2px dashed #6a1b9a;background:#f3e5f5}.claimed{font-weight:bold}"
    ".cmp td{padding:.05rem .8rem .05rem 0;border:0}.cmp .bad{color:#c62828;font-weight:bold}"
    ":target{scroll-margin-top:2rem}span:target .ln{outline:2px solid #1976d2}"
    "@media print{body{max-width:none;padding:0;font-size:10.5pt;color:#000}"
    "@page{margin:1.5cm 1.2cm}"
    "a{color:inherit;text-decoration:none}h2{break-before:page}section.file:first-of-type h2{break-before:auto}"
    ".finding,.summary tr{break-inside:avoid}.finding{background:none;border-left-width:3pt}"
    "details::details-content{content-visibility:visible;display:block}"
    "details>summary{list-style:none}details>summary::-webkit-details-marker{display:none}"
    ".text{background:none;border:0;padding:0}.text .ln{color:#666}"
    "mark,.m,.sus{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "footer{break-before:avoid}}";

/* A mark in the text view; sorted by offset, then by importance. */
enum mark_kind { MK_INCONSISTENT, MK_AMBIGUOUS, MK_ERROR, MK_WARNING, MK_NOTE, MK_SUSPECT, MK_OPERAND, MK_PARTIAL,
                 MK_CONSISTENT };
static const char *const mark_class[] = {"c-inconsistent", "c-ambiguous", "d-error", "d-warning", "d-note", "sus",
                                         "op", "c-partial", "c-consistent"};

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
            n += r->items[i].u.check->n_operands + r->items[i].u.check->n_suspects;
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
        /* the one figure a typing slip explains: before its operand mark,
           which it then hides (a claim's own mark comes first still) */
        if (c->n_suspects == 1) {
            struct vn_span f = c->suspects[0].figure;
            v->marks[v->n_marks++] = (struct mark){f.off, f.off + f.len, (uint32_t)i, MK_SUSPECT};
        }
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
        if (m->kind == MK_SUSPECT) {
            vn_w_str(w, vn_tr(w->cat, "probably mistyped"));
            vn_w_char(w, ':');
            vn_w_str(w, vn_tr(w->cat, " should be "));
            html_str(w, c->suspects[0].should_be);
            vn_w_str(w, "; ");
        }
        if (m->kind == MK_OPERAND)
            vn_w_str(w, vn_tr(w->cat, "operand: "));
        vn_w_verdict_relation(w, c->verdict, c->relation);
        vn_w_str(w, vn_tr(w->cat, " (computed "));
        vn_w_dec_vi(w, c->computed);
        vn_w_str(w, c->claimed_unit && !strcmp(c->claimed_unit, "%") ? "%)" : ")");
    } else {
        vn_w_str(w, vn_severity_label(w->cat, rec->u.diagnostic.severity));
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
        if (is_finding_kind(m->kind) || m->kind == MK_OPERAND || m->kind == MK_SUSPECT)
            vn_w_printf(w, "<a class=\"m %s\" href=\"#f%zu-r%u\" title=\"", mark_class[m->kind], v->file, m->rec);
        else
            vn_w_printf(w, "<span class=\"m %s\" title=\"", mark_class[m->kind]);
        mark_title(w, v->r, m);
        vn_w_str(w, "\">");
        vn_w_html(w, s + start, end - start);
        vn_w_str(w, is_finding_kind(m->kind) || m->kind == MK_OPERAND || m->kind == MK_SUSPECT ? "</a>" : "</span>");
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
    vn_w_printf(w, "<h3>%s</h3>\n", vn_tr(w->cat, "Text"));
    if (!t->len || !n_lines) {
        vn_w_printf(w, "<p>%s</p>\n", vn_tr(w->cat, "(empty)"));
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
        char a[32], b[32];
        vn_w_str(w, "<p>");
        vn_w_printf(w, vn_tr(w->cat, "The text has %s lines: shown are the %s lines with findings and %u lines around each"),
                    vn_count_str(a, n_lines), vn_count_str(b, shown), CONTEXT);
        if (shown > VIEW_MAX_LINES)
            vn_w_printf(w, vn_tr(w->cat, ", up to the first %u"), VIEW_MAX_LINES);
        vn_w_str(w, ".</p>\n");
    }
    vn_w_str(w, "<pre class=\"text\" lang=\"vi\">");
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

/* The text [a, b) with the suspect figure `sus` (if it lies inside and
 * apart from the claim) marked. */
static void with_suspect(struct vn_writer *w, const char *s, size_t a, size_t b, const struct vn_span *sus)
{
    if (sus && sus->off >= a && sus->off + sus->len <= b) {
        vn_w_html(w, s + a, sus->off - a);
        vn_w_printf(w, "<mark class=\"sus\" title=\"%s\">", vn_tr(w->cat, "probably mistyped"));
        vn_w_html(w, s + sus->off, sus->len);
        vn_w_str(w, "</mark>");
        vn_w_html(w, s + sus->off + sus->len, b - sus->off - sus->len);
    } else {
        vn_w_html(w, s + a, b - a);
    }
}

/* The line around the claim, the claim marked; an inconsistent check's
 * one suspect figure marked too (the claim itself when it is the one). */
static void excerpt(struct vn_writer *w, const struct vn_records *r, struct vn_span at, const struct vn_span *sus)
{
    struct vn_excerpt e;
    vn_excerpt_of(r->text, at, EXCERPT_WIDTH, &e);
    const char *s = r->text->data;
    vn_w_str(w, "<pre class=\"stmt\" lang=\"vi\">");
    if (e.cut_left)
        vn_w_str(w, "…");
    with_suspect(w, s, e.start, e.mark_start, sus);
    bool claim_sus = sus && sus->off == at.off;
    vn_w_str(w, claim_sus ? "<mark class=\"sus\">" : "<mark>");
    vn_w_html(w, s + e.mark_start, e.mark_end - e.mark_start);
    vn_w_str(w, "</mark>");
    with_suspect(w, s, e.mark_end, e.end, sus);
    if (e.cut_right)
        vn_w_str(w, "…");
    vn_w_str(w, "</pre>\n");
}

static void claimed_value(struct vn_writer *w, const struct vn_records *r, const struct vn_check *c)
{
    html_span(w, r, c->claimed);
    if (c->claimed_unit && c->claimed_unit[0]) {
        if (strcmp(c->claimed_unit, "%") != 0)
            vn_w_char(w, ' ');
        html_str(w, c->claimed_unit);
    }
}

static void computed_value(struct vn_writer *w, const struct vn_check *c)
{
    vn_w_dec_vi(w, c->computed);
    if (c->claimed_unit && !strcmp(c->claimed_unit, "%"))
        vn_w_char(w, '%');
}

static void claimed_computed(struct vn_writer *w, const struct vn_records *r, const struct vn_check *c)
{
    vn_w_str(w, vn_tr(w->cat, "claimed "));
    vn_w_str(w, "<b>");
    claimed_value(w, r, c);
    vn_w_str(w, "</b>");
    vn_w_str(w, vn_tr(w->cat, ", computed "));
    vn_w_str(w, "<b>");
    computed_value(w, c);
    vn_w_str(w, "</b>");
}

/* Claimed against computed, one above the other, the claim red when it
 * does not hold. */
static void claimed_vs_computed(struct vn_writer *w, const struct vn_records *r, const struct vn_check *c)
{
    bool bad = c->verdict == VN_VERDICT_INCONSISTENT;
    vn_w_printf(w, "<table class=\"cmp\"><tr><td>%s</td><td class=\"claimed%s\">", vn_tr(w->cat, "Claimed"),
                bad ? " bad" : "");
    claimed_value(w, r, c);
    vn_w_printf(w, "</td></tr><tr><td>%s</td><td class=\"claimed\">", vn_tr(w->cat, "Computed"));
    computed_value(w, c);
    vn_w_str(w, "</td></tr></table>\n");
}

/* "line 8, col 18 (table 1, row 5, column 4)", a link to the line. */
static void where(struct view *v, const struct vn_report_opts *o, const struct vn_record *rec)
{
    struct vn_writer *w = v->w;
    vn_w_printf(w, "<a class=\"where\" data-line=\"%u\" href=\"#f%zu-L%u\">", rec->line, v->file, rec->line);
    vn_w_printf(w, vn_tr(w->cat, "line %u, col %u"), rec->line, rec->col);
    vn_w_place_of(w, o, v->r, rec->line, rec->text.off, " (", ")");
    vn_w_str(w, "</a>");
}

static void write_check(struct view *v, const struct vn_report_opts *o, const struct vn_record *rec, size_t idx)
{
    struct vn_writer *w = v->w;
    const struct vn_check *c = rec->u.check;
    const char *verdict = vn_verdict_name(c->verdict);
    vn_w_printf(w, "<div class=\"finding %s\" id=\"f%zu-r%zu\">\n<p>", verdict, v->file, idx);
    where(v, o, rec);
    vn_w_str(w, " &mdash; ");
    vn_w_verdict_relation(w, c->verdict, c->relation);
    vn_w_str(w, "</p>\n");
    claimed_vs_computed(w, v->r, c);
    excerpt(w, v->r, rec->text, c->n_suspects == 1 ? &c->suspects[0].figure : NULL);
    vn_w_str(w, "<p class=\"detail\">");
    if (c->n_operands) {
        vn_w_str(w, vn_tr(w->cat, "operands "));
        for (size_t i = 0; i < c->n_operands && i < MAX_OPERANDS_SHOWN; i++) {
            vn_w_str(w, i ? "; " : "");
            html_span(w, v->r, c->operands[i]);
        }
        if (c->n_operands > MAX_OPERANDS_SHOWN)
            vn_w_printf(w, vn_tr(w->cat, "; … (%zu in all)"), c->n_operands);
        vn_w_str(w, " &middot; ");
    }
    if (c->n_lines) {
        vn_w_str(w, vn_trn(w->cat, "line", "lines", c->n_lines));
        for (size_t i = 0; i < c->n_lines && i < 24; i++)
            vn_w_printf(w, "%s <a href=\"#f%zu-L%u\">%u</a>", i ? "," : "", v->file, c->lines[i], c->lines[i]);
        vn_w_str(w, c->n_lines > 24 ? ", … &middot; " : " &middot; ");
    }
    vn_w_str(w, vn_tr(w->cat, "rule "));
    vn_w_str(w, "<code>");
    html_str(w, c->rule ? c->rule : "?");
    vn_w_str(w, "</code></p>\n");
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

static void write_diagnostic(struct view *v, const struct vn_report_opts *o, const struct vn_record *rec,
                             size_t idx)
{
    struct vn_writer *w = v->w;
    const struct vn_diagnostic *d = &rec->u.diagnostic;
    const char *sev = vn_severity_name(d->severity);
    vn_w_printf(w, "<div class=\"finding %s\" id=\"f%zu-r%zu\">\n<p>", sev, v->file, idx);
    where(v, o, rec);
    vn_w_printf(w, " &mdash; %s <code>", vn_severity_label(w->cat, d->severity));
    html_str(w, d->rule);
    vn_w_str(w, "</code>: ");
    html_str(w, d->message);
    vn_w_str(w, "</p>\n");
    excerpt(w, v->r, rec->text, NULL);
    vn_w_str(w, "</div>\n");
}

static const char *const class_title[] = {
    [VN_FC_INCONSISTENT] = N_("Inconsistent"), [VN_FC_AMBIGUOUS] = N_("Ambiguous"), [VN_FC_ERROR] = N_("Errors"),
    [VN_FC_WARNING] = N_("Warnings"), [VN_FC_NOTE] = N_("Notes")};
static const char *const class_css[] = {
    [VN_FC_INCONSISTENT] = "inconsistent", [VN_FC_AMBIGUOUS] = "ambiguous", [VN_FC_ERROR] = "error",
    [VN_FC_WARNING] = "warning", [VN_FC_NOTE] = "note"};

static void more(struct vn_writer *w, size_t n, size_t listed)
{
    char b[32];
    if (n > listed) {
        vn_w_str(w, "<p>");
        vn_w_printf(w, vn_tr(w->cat, "… and %s more, not listed here (<code>--format jsonl</code> has them all)."),
                    vn_count_str(b, n - listed));
        vn_w_str(w, "</p>\n");
    }
}

static void write_class(struct view *v, const struct vn_report_opts *o, enum vn_finding_class fc)
{
    struct vn_writer *w = v->w;
    const struct vn_records *r = v->r;
    size_t n = 0;
    for (size_t i = 0; i < r->n; i++)
        n += vn_finding_class_of(&r->items[i]) == fc;
    if (!n)
        return;
    char b[32];
    vn_w_printf(w, "<h3 class=\"%s\" id=\"f%zu-%s\">%s (%s)</h3>\n", class_css[fc], v->file, class_css[fc],
                vn_tr(w->cat, class_title[fc]), vn_count_str(b, n));
    uint32_t section = 0;
    size_t listed = 0;
    for (size_t i = 0; i < r->n && listed < MAX_LISTED; i++) {
        const struct vn_record *rec = &r->items[i];
        if (vn_finding_class_of(rec) != fc)
            continue;
        listed++;
        if (rec->type == VN_REC_DIAGNOSTIC) {
            write_diagnostic(v, o, rec, i);
            continue;
        }
        const struct vn_check *c = rec->u.check;
        if (c->section_line && c->section_line != section) {
            section = c->section_line;
            vn_w_str(w, "<h4 lang=\"vi\">§ ");
            html_str(w, c->section && c->section[0] ? c->section : vn_tr(w->cat, "(heading)"));
            vn_w_printf(w, " <small>(<a href=\"#f%zu-L%u\">", v->file, section);
            vn_w_printf(w, vn_tr(w->cat, "line %u"), section);
            vn_w_place_of(w, o, r, section, r->text->line_start[section - 1], ", ", "");
            vn_w_str(w, "</a>)</small></h4>\n");
        }
        write_check(v, o, rec, i);
    }
    more(w, n, listed);
}

/* The summary: one row per finding, in the order they are listed below,
 * with its class, rule, section and place; the number links to the
 * finding, the place to its line. */
static void write_summary(struct view *v, const struct vn_report_opts *o)
{
    struct vn_writer *w = v->w;
    const struct vn_records *r = v->r;
    vn_w_printf(w, "<table class=\"summary\"><tr><th>#</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                vn_tr(w->cat, "finding"), vn_tr(w->cat, "rule"), vn_tr(w->cat, "section"), vn_tr(w->cat, "place"));
    size_t k = 0;
    for (enum vn_finding_class fc = VN_FC_INCONSISTENT; fc <= VN_FC_NOTE; fc++) {
        size_t listed = 0;
        for (size_t i = 0; i < r->n && listed < MAX_LISTED; i++) {
            const struct vn_record *rec = &r->items[i];
            if (vn_finding_class_of(rec) != fc)
                continue;
            listed++;
            vn_w_printf(w, "<tr><td class=\"k\"><a href=\"#f%zu-r%zu\">%zu</a></td><td class=\"k %s\">", v->file, i,
                        ++k, class_css[fc]);
            if (rec->type == VN_REC_CHECK) {
                const struct vn_check *c = rec->u.check;
                vn_w_verdict_relation(w, c->verdict, c->relation);
                vn_w_str(w, "</td><td><code>");
                html_str(w, c->rule ? c->rule : "?");
                vn_w_str(w, "</code></td><td lang=\"vi\">");
                if (c->section)
                    html_str(w, c->section);
            } else {
                vn_w_str(w, vn_severity_label(w->cat, rec->u.diagnostic.severity));
                vn_w_str(w, "</td><td><code>");
                html_str(w, rec->u.diagnostic.rule);
                vn_w_str(w, "</code></td><td>");
            }
            vn_w_str(w, "</td><td>");
            where(v, o, rec);
            vn_w_str(w, "</td></tr>\n");
        }
    }
    vn_w_str(w, "</table>\n");
}

/* Consistent and partial checks, folded; the records too with --verbose. */
static void write_quiet(struct view *v, const struct vn_report_opts *o, const struct vn_tally *t)
{
    struct vn_writer *w = v->w;
    const struct vn_records *r = v->r;
    size_t quiet = t->verdict[VN_VERDICT_CONSISTENT] + t->verdict[VN_VERDICT_PARTIAL];
    if (quiet) {
        char a[32], b[32];
        vn_w_str(w, "<details><summary>");
        vn_w_printf(w, vn_tr(w->cat, "Checked without a finding: %s consistent, %s partial"),
                    vn_count_str(a, t->verdict[VN_VERDICT_CONSISTENT]), vn_count_str(b, t->verdict[VN_VERDICT_PARTIAL]));
        vn_w_printf(w, "</summary>\n<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                    vn_tr(w->cat, "place"), vn_tr(w->cat, "verdict"), vn_tr(w->cat, "claimed, computed"),
                    vn_tr(w->cat, "note"));
        size_t listed = 0;
        for (size_t i = 0; i < r->n && listed < MAX_LISTED; i++) {
            const struct vn_record *rec = &r->items[i];
            enum vn_finding_class fc = vn_finding_class_of(rec);
            if (fc != VN_FC_PARTIAL && fc != VN_FC_CONSISTENT)
                continue;
            listed++;
            const struct vn_check *c = rec->u.check;
            vn_w_str(w, "<tr><td>");
            where(v, o, rec);
            vn_w_str(w, "</td><td>");
            vn_w_verdict_relation(w, c->verdict, c->relation);
            vn_w_str(w, "</td><td>");
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
    vn_w_str(w, "<details><summary>");
    vn_w_str(w, vn_tr(w->cat, "Records: "));
    vn_w_record_counts(w, t);
    vn_w_printf(w, "</summary>\n<table><tr><th>%s</th><th>%s</th><th>%s</th></tr>\n", vn_tr(w->cat, "place"),
                vn_tr(w->cat, "type"), vn_tr(w->cat, "text"));
    size_t listed = 0, n_records = r->n - t->type[VN_REC_CHECK] - t->type[VN_REC_DIAGNOSTIC];
    for (size_t i = 0; i < r->n && listed < MAX_LISTED; i++) {
        const struct vn_record *rec = &r->items[i];
        if (vn_record_is_finding(rec))
            continue;
        listed++;
        vn_w_str(w, "<tr><td>");
        where(v, o, rec);
        vn_w_printf(w, "</td><td>%s</td><td lang=\"vi\">", vn_record_type_label(w->cat, rec->type));
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
    vn_w_printf(w, "<!DOCTYPE html>\n<html lang=\"%s\">\n", w->cat ? "vi" : "en");
    (void)o;
    vn_w_str(w, "<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<meta name=\"generator\" content=\"vnaudit ");
    html_str(w, vn_version());
    vn_w_printf(w, "\">\n<title>%s</title>\n<style>", vn_tr(w->cat, "vnaudit check"));
    vn_w_str(w, css);
    vn_w_printf(w, "</style>\n</head>\n<body>\n<h1>%s</h1>\n", vn_tr(w->cat, "vnaudit check"));
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
    vn_w_str(w, "<br>");
    vn_w_str(w, vn_tr(w->cat, "Records: "));
    vn_w_record_counts(w, &t);
    vn_w_str(w, "</p>\n");
    if (!t.verdict[VN_VERDICT_INCONSISTENT] && !t.verdict[VN_VERDICT_AMBIGUOUS] && !t.type[VN_REC_DIAGNOSTIC])
        vn_w_printf(w, "<p>%s</p>\n", vn_tr(w->cat, "No findings."));
    else
        write_summary(&v, o);
    for (enum vn_finding_class fc = VN_FC_INCONSISTENT; fc <= VN_FC_NOTE; fc++)
        write_class(&v, o, fc);
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
    vn_w_str(w, "</h2>\n<p>");
    vn_w_str(w, vn_tr(w->cat, "Could not be read: "));
    html_str(w, message);
    vn_w_str(w, "</p>\n</section>\n");
    return w->failed ? VN_EIO : VN_OK;
}

vn_status vn_report_html_end(struct vn_writer *w, const struct vn_report_opts *o)
{
    (void)o;
    const struct vn_run *run = &w->run;
    char a[32];
    vn_w_str(w, "<footer>\n<p>");
    vn_w_str(w, vn_tr(w->cat, "Total:"));
    vn_w_char(w, ' ');
    vn_w_printf(w, vn_trn(w->cat, "%s file", "%s files", run->files), vn_count_str(a, run->files));
    if (run->n_failed_total)
        vn_w_printf(w, vn_tr(w->cat, " (and %s that could not be read)"), vn_count_str(a, run->n_failed_total));
    vn_w_str(w, "; ");
    vn_w_check_counts(w, &run->total, "", "", "");
    vn_w_str(w, ".</p>\n<p>vnaudit ");
    html_str(w, vn_version());
    vn_w_str(w, ". ");
    vn_w_str(w, vn_tr(w->cat, "Columns count Unicode code points of the normalized text (<code>vnaudit text FILE</code>)."));
    vn_w_str(w, "</p>\n</footer>\n</body>\n</html>\n");
    return w->failed ? VN_EIO : VN_OK;
}
