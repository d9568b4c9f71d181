/* Text for a person reading top to bottom.
 *
 * extract: the records, then a one-line summary.
 * check: per file, the findings first -- inconsistent checks, then
 * ambiguous ones, each group in document order under the heading of the
 * section it is in; then diagnostics, errors before warnings before notes --
 * each with the source line cut around the claim and a caret line under
 * it; then what was checked without a finding (counts, or one line each
 * with --verbose, which also lists the records); then the counts. */
#include <string.h>

#include "common/utf8.h"
#include "report/report_internal.h"
#include "vnaudit/normalize.h"
#include "vnaudit/policy.h"

#define EXCERPT_WIDTH 100u      /* code points of a source line shown, by default */
#define EXCERPT_MIN 40u         /* ... at the least, however narrow the terminal */
#define SECTION_WIDTH 80u       /* code points of a section heading shown */
#define MAX_OPERANDS_SHOWN 8u
#define MAX_LINES_SHOWN 12u

struct style {
    const char *bold, *red, *yellow, *cyan, *green, *dim, *off;
};

static const struct style plain = {"", "", "", "", "", "", ""};
static const struct style ansi = {"\033[1m", "\033[1;31m", "\033[1;33m", "\033[36m", "\033[32m", "\033[2m", "\033[0m"};

static void span(struct vn_writer *w, const struct vn_records *r, struct vn_span s)
{
    vn_w_bytes(w, r->text->data + s.off, s.len);
}

static void where(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_record *rec)
{
    vn_w_printf(w, "  %s:%u:%u  ", o->file_label, rec->line, rec->col);
}

/* ---- extract ------------------------------------------------------------ */

static void write_record(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r,
                         const struct vn_record *rec)
{
    where(w, o, rec);
    const struct vn_catalog *cat = w->cat;
    /* padded to 9 code points (a Vietnamese label has more bytes than letters) */
    const char *type = vn_record_type_label(cat, rec->type);
    vn_w_str(w, type);
    for (size_t n = vn_utf8_count(type, strlen(type)); n < 9; n++)
        vn_w_char(w, ' ');
    vn_w_str(w, "  ");
    span(w, r, rec->text);
    switch (rec->type) {
    case VN_REC_AMOUNT:
        vn_w_str(w, "  = ");
        vn_w_dec(w, rec->u.amount.dong, false);
        vn_w_str(w, " đồng");
        if (rec->u.amount.implied_unit)
            vn_w_str(w, vn_tr(cat, " (unit implied)"));
        if (rec->u.amount.hedge >= 0)
            vn_w_str(w, vn_tr(cat, " (approximate)"));
        break;
    case VN_REC_PERCENT:
        vn_w_str(w, "  = ");
        vn_w_dec(w, rec->u.percent.num.value, true);
        vn_w_char(w, '%');
        break;
    case VN_REC_QUANTITY: {
        const char *dim = vn_vocab_measure_name(r->vocab, rec->u.quantity.measure);
        vn_w_str(w, "  = ");
        vn_w_dec(w, rec->u.quantity.num.value, true);
        vn_w_char(w, ' ');
        span(w, r, rec->u.quantity.unit);
        if (dim)
            vn_w_printf(w, " (%s)", dim);
        break;
    }
    case VN_REC_REFERENCE: {
        const struct vn_reference *f = &rec->u.reference;
        vn_w_str(w, "  -> ");
        span(w, r, f->kind);
        vn_w_str(w, vn_tr(cat, " no. "));
        span(w, r, f->number);
        if (f->code)
            vn_w_printf(w, vn_tr(cat, " code %s"), f->code);
        if (f->date.year) {
            vn_w_str(w, vn_tr(cat, " of "));
            vn_w_date(w, f->date);
        }
        break;
    }
    case VN_REC_DATE:
        vn_w_str(w, "  = ");
        vn_w_date(w, rec->u.date);
        break;
    case VN_REC_DIAGNOSTIC:
        vn_w_printf(w, "  %s %s: ", vn_severity_name(rec->u.diagnostic.severity), rec->u.diagnostic.rule);
        vn_w_text(w, rec->u.diagnostic.message, strlen(rec->u.diagnostic.message));
        break;
    case VN_REC_CHECK:
        break;
    }
    vn_w_char(w, '\n');
}

static vn_status report_extract(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r)
{
    struct vn_tally t;
    vn_tally_records(r, &t);
    vn_w_printf(w, "== %s ==\n", o->file_label);
    for (size_t i = 0; i < r->n; i++)
        if (vn_record_extract_lists(&r->items[i]))
            write_record(w, o, r, &r->items[i]);
    vn_w_str(w, vn_tr(w->cat, "Summary: "));
    vn_w_record_counts(w, &t);
    vn_w_str(w, "\n\n");
    return w->failed ? VN_EIO : VN_OK;
}

/* ---- check -------------------------------------------------------------- */

static void text_str(struct vn_writer *w, const char *s)
{
    vn_w_text(w, s, strlen(s));
}

/* "  FILE:LINE:COL  " in bold; for a document (DOCX, ODT, HTML), its place
 * in it after: "  report.docx:14:5 (table 1, row 4, column 5)  " */
static void location(struct vn_writer *w, const struct vn_report_opts *o, const struct style *st,
                     const struct vn_records *r, const struct vn_record *rec)
{
    vn_w_str(w, "  ");
    vn_w_str(w, st->bold);
    text_str(w, vn_display_label(o->file_label));
    vn_w_printf(w, ":%u:%u%s", rec->line, rec->col, st->off);
    vn_w_place_of(w, o, r, rec->line, rec->text.off, " (", ")");
    vn_w_str(w, "  ");
}

/* s, at most `max` code points of it, "…" when cut. */
static void bounded(struct vn_writer *w, const char *s, size_t max)
{
    size_t i = 0, cps = 0, n = strlen(s);
    while (i < n && cps < max) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        cps++;
    }
    vn_w_text(w, s, i);
    if (i < n)
        vn_w_str(w, "…");
}

static int digits(uint32_t v)
{
    int n = 1;
    while (v >= 10) {
        v /= 10;
        n++;
    }
    return n;
}

/* The source line around `at`, with a gutter holding the line number, and
 * a caret line under the span. Tabs are shown as spaces so that the carets
 * line up (the normalized text has no other control characters). */
static void excerpt(struct vn_writer *w, const struct vn_report_opts *o, const struct style *st,
                    const struct vn_records *r, uint32_t line, struct vn_span at, const char *mark_colour)
{
    /* the gutter ("    40 | ") and the two "…" take their room from the width */
    size_t width = o->text_width ? o->text_width : EXCERPT_WIDTH + 9u + (size_t)digits(line);
    size_t room = width > 9u + (size_t)digits(line) ? width - 9u - (size_t)digits(line) : 0;
    struct vn_excerpt e;
    vn_excerpt_of(r->text, at, room > EXCERPT_MIN ? room : EXCERPT_MIN, &e);
    vn_w_printf(w, "    %s%u |%s ", st->dim, line, st->off);
    if (e.cut_left)
        vn_w_str(w, "…");
    const char *s = r->text->data;
    size_t run = e.start;
    for (size_t i = e.start; i < e.end; i++)
        if (s[i] == '\t') {
            vn_w_bytes(w, s + run, i - run);
            vn_w_char(w, ' ');
            run = i + 1;
        }
    vn_w_bytes(w, s + run, e.end - run);
    if (e.cut_right)
        vn_w_str(w, "…");
    vn_w_printf(w, "\n    %*s %s|%s ", digits(line), "", st->dim, st->off);
    for (size_t i = 0; i < e.mark_col + (e.cut_left ? 1 : 0); i++)
        vn_w_char(w, ' ');
    vn_w_str(w, mark_colour);
    for (size_t i = 0; i < (e.mark_len ? e.mark_len : 1); i++)
        vn_w_char(w, '^');
    vn_w_str(w, st->off);
    vn_w_char(w, '\n');
}

/* "15, 17-19, 22": ascending line numbers with runs joined, bounded. */
static void line_list(struct vn_writer *w, const uint32_t *lines, size_t n)
{
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        while (j + 1 < n && lines[j + 1] == lines[j] + 1)
            j++;
        if (shown == MAX_LINES_SHOWN) {
            vn_w_str(w, ", …");
            return;
        }
        vn_w_str(w, shown ? ", " : "");
        vn_w_uint(w, lines[i]);
        if (j > i) {
            vn_w_char(w, '-');
            vn_w_uint(w, lines[j]);
        }
        shown++;
        i = j;
    }
}

static const char *class_colour(const struct style *st, enum vn_finding_class fc)
{
    switch (fc) {
    case VN_FC_INCONSISTENT:
    case VN_FC_ERROR: return st->red;
    case VN_FC_AMBIGUOUS:
    case VN_FC_WARNING: return st->yellow;
    case VN_FC_NOTE: return st->cyan;
    case VN_FC_PARTIAL:
    case VN_FC_CONSISTENT:
    case VN_FC_NONE: break;
    }
    return st->green;
}

static void claimed_computed(struct vn_writer *w, const struct vn_records *r, const struct vn_check *c)
{
    vn_w_str(w, vn_tr(w->cat, "claimed "));
    span(w, r, c->claimed);
    if (c->claimed_unit && c->claimed_unit[0]) {
        if (strcmp(c->claimed_unit, "%") != 0)
            vn_w_char(w, ' ');
        vn_w_str(w, c->claimed_unit);
    }
    vn_w_str(w, vn_tr(w->cat, ", computed "));
    vn_w_dec_vi(w, c->computed);
    if (c->claimed_unit && !strcmp(c->claimed_unit, "%"))
        vn_w_char(w, '%');
}

/* "      suppressed by the baseline: JUSTIFICATION" under a finding a
 * baseline accepts (shown with --show-suppressed) */
static void suppressed_note(struct vn_writer *w, const struct vn_report_opts *o, const struct style *st,
                            const struct vn_records *r, const struct vn_record *rec)
{
    const struct vn_mark *m = o->marks ? &o->marks[rec - r->items] : NULL;
    if (!m || !m->suppressed)
        return;
    vn_w_printf(w, "      %s%s%s", st->dim, vn_tr(w->cat, "suppressed by the baseline"), m->justification[0] ? ": " : "");
    text_str(w, m->justification);
    vn_w_printf(w, "%s\n", st->off);
}

static void write_check(struct vn_writer *w, const struct vn_report_opts *o, const struct style *st,
                        const struct vn_records *r, const struct vn_record *rec)
{
    const struct vn_check *c = rec->u.check;
    const struct vn_catalog *cat = w->cat;
    const char *colour = class_colour(st, vn_finding_class_of(rec));
    location(w, o, st, r, rec);
    vn_w_str(w, colour);
    vn_w_verdict_relation(w, c->verdict, c->relation);
    vn_w_printf(w, "%s: ", st->off);
    claimed_computed(w, r, c);
    vn_w_char(w, '\n');
    suppressed_note(w, o, st, r, rec);
    excerpt(w, o, st, r, rec->line, rec->text, colour);
    vn_w_str(w, "      ");
    if (c->n_operands) {
        vn_w_str(w, vn_tr(cat, "operands "));
        for (size_t i = 0; i < c->n_operands && i < MAX_OPERANDS_SHOWN; i++) {
            vn_w_str(w, i ? "; " : "");
            span(w, r, c->operands[i]);
        }
        if (c->n_operands > MAX_OPERANDS_SHOWN)
            vn_w_printf(w, vn_tr(cat, "; … (%zu in all)"), c->n_operands);
        vn_w_str(w, " | ");
    }
    if (c->n_lines) {
        vn_w_str(w, vn_trn(cat, "line ", "lines ", c->n_lines));
        line_list(w, c->lines, c->n_lines);
        vn_w_str(w, " | ");
    }
    vn_w_str(w, vn_tr(cat, "rule "));
    text_str(w, c->rule ? c->rule : "?");
    vn_w_char(w, '\n');
    if (c->message && c->message[0]) {
        vn_w_str(w, "      ");
        text_str(w, c->message);
        vn_w_char(w, '\n');
    }
    if (c->n_suspects) {
        vn_w_str(w, "      ");
        vn_w_str(w, st->bold);
        vn_w_suspects(w, r, c, rec->line, false, vn_w_text);
        vn_w_str(w, st->off);
        vn_w_char(w, '\n');
    }
    vn_w_char(w, '\n');
}

static void write_diagnostic(struct vn_writer *w, const struct vn_report_opts *o, const struct style *st,
                             const struct vn_records *r, const struct vn_record *rec)
{
    const struct vn_diagnostic *d = &rec->u.diagnostic;
    const char *colour = class_colour(st, vn_finding_class_of(rec));
    location(w, o, st, r, rec);
    vn_w_printf(w, "%s%s%s [", colour, vn_severity_label(w->cat, d->severity), st->off);
    text_str(w, d->rule);
    vn_w_str(w, "] ");
    text_str(w, d->message);
    vn_w_char(w, '\n');
    suppressed_note(w, o, st, r, rec);
    excerpt(w, o, st, r, rec->line, rec->text, colour);
    vn_w_char(w, '\n');
}

/* One line for a check without a finding (--verbose). */
static void write_check_short(struct vn_writer *w, const struct vn_report_opts *o, const struct style *st,
                              const struct vn_records *r, const struct vn_record *rec)
{
    const struct vn_check *c = rec->u.check;
    vn_w_str(w, "  ");
    text_str(w, vn_display_label(o->file_label));
    vn_w_printf(w, ":%u:%u  %s%-10s%s %-10s ", rec->line, rec->col, class_colour(st, vn_finding_class_of(rec)),
                vn_verdict_label(w->cat, c->verdict), st->off, vn_relation_label(w->cat, c->relation));
    claimed_computed(w, r, c);
    if (c->verdict == VN_VERDICT_PARTIAL && c->message && c->message[0]) {
        vn_w_str(w, " -- ");
        text_str(w, c->message);
    }
    vn_w_char(w, '\n');
}

static const char *const class_title[] = {
    [VN_FC_INCONSISTENT] = N_("Inconsistent"),
    [VN_FC_AMBIGUOUS] = N_("Ambiguous"),
    [VN_FC_ERROR] = N_("Errors"),
    [VN_FC_WARNING] = N_("Warnings"),
    [VN_FC_NOTE] = N_("Notes"),
};

static size_t class_count(const struct vn_tally *t, enum vn_finding_class fc)
{
    switch (fc) {
    case VN_FC_INCONSISTENT: return t->verdict[VN_VERDICT_INCONSISTENT];
    case VN_FC_AMBIGUOUS: return t->verdict[VN_VERDICT_AMBIGUOUS];
    case VN_FC_PARTIAL: return t->verdict[VN_VERDICT_PARTIAL];
    case VN_FC_CONSISTENT: return t->verdict[VN_VERDICT_CONSISTENT];
    case VN_FC_ERROR: return t->sev[VN_SEV_ERROR];
    case VN_FC_WARNING: return t->sev[VN_SEV_WARNING];
    case VN_FC_NOTE: return t->sev[VN_SEV_NOTE];
    case VN_FC_NONE: break;
    }
    return 0;
}

/* The findings of one class, in document order; checks under the heading
 * of their section (findings before the first heading have none). */
static void write_class(struct vn_writer *w, const struct vn_report_opts *o, const struct style *st,
                        const struct vn_records *r, const struct vn_tally *t, enum vn_finding_class fc)
{
    size_t n = class_count(t, fc);
    if (!n)
        return;
    char b[32];
    vn_w_printf(w, "%s%s (%s)%s\n", class_colour(st, fc), vn_tr(w->cat, class_title[fc]), vn_count_str(b, n),
                st->off);
    uint32_t section = 0;
    for (size_t i = 0; i < r->n; i++) {
        const struct vn_record *rec = &r->items[i];
        if (vn_finding_class_of(rec) != fc)
            continue;
        if (rec->type == VN_REC_DIAGNOSTIC) {
            write_diagnostic(w, o, st, r, rec);
            continue;
        }
        const struct vn_check *c = rec->u.check;
        if (c->section_line && c->section_line != section) {
            section = c->section_line;
            vn_w_printf(w, " %s§ ", st->bold);
            bounded(w, c->section && c->section[0] ? c->section : vn_tr(w->cat, "(heading)"), SECTION_WIDTH);
            vn_w_str(w, st->off);
            vn_w_str(w, "  (");
            vn_w_printf(w, vn_tr(w->cat, "line %u"), section);
            vn_w_place_of(w, o, r, section, r->text->line_start[section - 1], ", ", "");
            vn_w_str(w, ")\n");
        }
        write_check(w, o, st, r, rec);
    }
}

static vn_status report_check(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r)
{
    const struct style *st = o->color ? &ansi : &plain;
    struct vn_tally t;
    vn_tally_records(r, &t);
    vn_w_printf(w, "%s== ", st->bold);
    text_str(w, vn_display_label(o->file_label));
    vn_w_printf(w, " ==%s\n", st->off);
    size_t findings = t.verdict[VN_VERDICT_INCONSISTENT] + t.verdict[VN_VERDICT_AMBIGUOUS] + t.type[VN_REC_DIAGNOSTIC];
    if (!findings)
        vn_w_str(w, vn_tr(w->cat, "No findings.\n"));
    for (enum vn_finding_class fc = VN_FC_INCONSISTENT; fc <= VN_FC_NOTE; fc++)
        write_class(w, o, st, r, &t, fc);

    size_t quiet = t.verdict[VN_VERDICT_CONSISTENT] + t.verdict[VN_VERDICT_PARTIAL];
    if (quiet) {
        char a[32], b[32];
        vn_w_printf(w, vn_tr(w->cat, "Checked without a finding: %s consistent, %s partial"),
                    vn_count_str(a, t.verdict[VN_VERDICT_CONSISTENT]), vn_count_str(b, t.verdict[VN_VERDICT_PARTIAL]));
        vn_w_str(w, o->verbose ? "\n" : vn_tr(w->cat, " (--verbose lists them)\n"));
        for (size_t i = 0; o->verbose && i < r->n; i++) {
            enum vn_finding_class fc = vn_finding_class_of(&r->items[i]);
            if (fc == VN_FC_PARTIAL || fc == VN_FC_CONSISTENT)
                write_check_short(w, o, st, r, &r->items[i]);
        }
    }
    if (o->verbose) {
        vn_w_str(w, vn_tr(w->cat, "Records\n"));
        for (size_t i = 0; i < r->n; i++)
            if (!vn_record_is_finding(&r->items[i]))
                write_record(w, o, r, &r->items[i]);
    }
    vn_w_printf(w, "%s%s%s ", st->bold, vn_tr(w->cat, "Summary:"), st->off);
    vn_w_check_counts(w, &t, st->red, st->yellow, st->off);
    vn_w_char(w, '\n');
    vn_w_str(w, vn_tr(w->cat, "Records: "));
    vn_w_record_counts(w, &t);
    vn_w_str(w, "\n\n");
    return w->failed ? VN_EIO : VN_OK;
}

vn_status vn_report_text(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r)
{
    return o->include_checks ? report_check(w, o, r) : report_extract(w, o, r);
}

/* After several files (or an unreadable one), the counts of the batch. */
vn_status vn_report_text_end(struct vn_writer *w, const struct vn_report_opts *o)
{
    const struct vn_run *run = &w->run;
    if (!o->include_checks || run->files + run->n_failed_total < 2)
        return w->failed ? VN_EIO : VN_OK;
    const struct style *st = o->color ? &ansi : &plain;
    char a[32];
    vn_w_printf(w, "%s%s%s ", st->bold, vn_tr(w->cat, "Total:"), st->off);
    vn_w_printf(w, vn_trn(w->cat, "%s file", "%s files", run->files), vn_count_str(a, run->files));
    if (run->n_failed_total)
        vn_w_printf(w, vn_tr(w->cat, " (and %s that could not be read)"), vn_count_str(a, run->n_failed_total));
    vn_w_str(w, "; ");
    vn_w_check_counts(w, &run->total, st->red, st->yellow, st->off);
    vn_w_char(w, '\n');
    return w->failed ? VN_EIO : VN_OK;
}
