/* SARIF 2.1.0: one log with one run for the whole batch.
 *
 * The results of each file are written as soon as the file is given, so
 * memory stays bounded by one file: vn_report_sarif_begin opens the log and
 * the run's "results" array, vn_report_sarif appends to it, and
 * vn_report_sarif_end closes it and writes the rest of the run -- the tool
 * with its rules, the invocation (with a notification per unreadable file)
 * and the counts -- after it (the order of an object's members does not
 * matter in JSON).
 *
 * Results: one per inconsistent check (level error), ambiguous check
 * (warning) and diagnostic (its severity). Consistent and partial checks are
 * not results -- nothing in the text needs fixing -- but are counted in the
 * run's properties. Columns are Unicode code points (run.columnKind), as in
 * the JSON Lines records. */
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "report/report_internal.h"
#include "vnaudit/normalize.h"

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
/* Where a user reads about the tool. The build may set the project's real
 * address with -DVNAUDIT_HOMEPAGE="..."; the default is a placeholder that
 * can never resolve to somebody else's site (RFC 2606). */
#ifndef VNAUDIT_HOMEPAGE
#define VNAUDIT_HOMEPAGE "https://vnaudit.invalid/"
#endif

struct rule {
    const char *id, *name, *level, *brief, *help;
};

/* Check rules, at index relation * 2 + (verdict is ambiguous). */
static const struct rule check_rules[] = {
    {"inconsistent-sum", "InconsistentSum", "error", "The parts do not add up to the stated total.",
     "The numbers given as the parts of a total (a breakdown by source, by project, by commune) add up to a value "
     "that differs from the total written in the text, whether the exact sum is rounded half-up or truncated to "
     "the decimals of the total. One of the figures is wrong: compare each with its source table."},
    {"ambiguous-sum", "AmbiguousSum", "warning", "Whether the parts add up to the total depends on the reading.",
     "The text allows more than one reading of which numbers are the parts of this total (a list that may or may "
     "not be complete, a figure that may belong to another item), and the readings give different verdicts. "
     "Say in the text which figures make up the total."},
    {"inconsistent-ratio", "InconsistentRatio", "error", "The percentage does not match its two amounts.",
     "A percentage written beside two amounts (\"giải ngân 78,8/2.412 trđ, đạt 3,3%\") differs from the exact "
     "quotient of the amounts, rounded half-up or truncated to the decimals written. Recompute the percentage or "
     "check the amounts."},
    {"ambiguous-ratio", "AmbiguousRatio", "warning", "Which amounts the percentage relates is unclear.",
     "Several pairs of amounts near this percentage could be meant, and they give different verdicts. Name the "
     "amounts the percentage is computed from."},
    {"inconsistent-difference", "InconsistentDifference", "error",
     "The stated remainder does not match the difference of its amounts.",
     "A remainder or difference written in the text (the amount not yet disbursed, the increase over a year) "
     "differs from the exact difference of the amounts it is computed from."},
    {"ambiguous-difference", "AmbiguousDifference", "warning",
     "Which amounts the stated difference is computed from is unclear.",
     "More than one pair of amounts could be meant by this difference, and they give different verdicts."},
    {"inconsistent-product", "InconsistentProduct", "error", "The stated total does not match the product of its factors.",
     "A total written as a quantity times a rate (households times a subsidy per household, hectares times a cost "
     "per hectare) differs from the exact product of the factors."},
    {"ambiguous-product", "AmbiguousProduct", "warning", "Which factors the stated product is computed from is unclear.",
     "More than one set of factors could be meant by this product, and they give different verdicts."},
};
#define N_CHECK_RULES (sizeof check_rules / sizeof check_rules[0])

/* The diagnostic rules of docs/CONTRACT.md. */
static const struct rule diag_rules[] = {
    {"malformed-number", "MalformedNumber", "warning", "A number is written in a malformed way.",
     "The number does not follow the Vietnamese convention ('.' groups thousands, ',' marks the decimals): two "
     "decimal commas, a space after the comma, English separators, a doubled dot. The record carries the most "
     "plausible value; correct the figure in the text."},
    {"invalid-date", "InvalidDate", "warning", "A date that does not exist.",
     "A day that the month does not have (30/02/2024, 31/4/2023) or a month above 12."},
    {"unfilled-placeholder", "UnfilledPlaceholder", "warning", "A template slot was left empty.",
     "A number or date that the template leaves to fill in is still blank: \"Số: /BC-UBND\", "
     "\"ngày tháng 6 năm 2023\", \"ngày  /  /2024\"."},
    {"not-nfc", "NotNfc", "note", "The text was not in Unicode NFC.",
     "Some letters were written as a base letter followed by combining marks. vnaudit normalized the text to NFC "
     "before reading it; other tools may not match such text."},
    {"invalid-encoding", "InvalidEncoding", "error", "The input has bytes that are not valid UTF-8 or UTF-16.",
     "The bytes were replaced by U+FFFD and the rest of the file was read. The file may have been saved in a "
     "legacy encoding (TCVN3, VNI) or be damaged."},
    {"nul-byte", "NulByte", "error", "The input has a NUL byte.",
     "A NUL byte was replaced by U+FFFD. Text files do not contain them; the file may be binary or damaged."},
    {"number-overflow", "NumberOverflow", "error", "A number has too many digits for exact arithmetic.",
     "vnaudit computes exactly with up to 36 significant digits; this number has more and was not used."},
};
#define N_DIAG_RULES (sizeof diag_rules / sizeof diag_rules[0])

static void key(struct vn_writer *w, const char *k)
{
    vn_w_char(w, '"');
    vn_w_str(w, k);
    vn_w_bytes(w, "\":", 2);
}

/* The path as given, as a relative or absolute URI reference: every byte
 * other than an unreserved character or '/' percent-encoded (spaces,
 * Vietnamese letters, '%', and ':' which would otherwise start a scheme).
 * Standard input is "stdin". */
static void uri(struct vn_writer *w, const char *label)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!strcmp(label, "-"))
        label = "stdin";
    vn_w_char(w, '"');
    for (const unsigned char *p = (const unsigned char *)label; *p; p++) {
        unsigned char c = *p;
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                     c == '.' || c == '_' || c == '~' || c == '/';
        if (plain) {
            vn_w_char(w, (char)c);
        } else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            vn_w_bytes(w, e, 3);
        }
    }
    vn_w_char(w, '"');
}

static void region(struct vn_writer *w, const struct vn_records *r, struct vn_span s, uint32_t line, uint32_t col)
{
    key(w, "region");
    vn_w_str(w, "{\"startLine\":");
    vn_w_uint(w, line);
    vn_w_str(w, ",\"startColumn\":");
    vn_w_uint(w, col);
    /* an empty span is a place in a line (a problem found at its start):
       without an end the region is the rest of the line */
    if (s.len) {
        uint32_t el, ec;
        vn_span_end(r, s, line, col, &el, &ec);
        if (el != line) {
            vn_w_str(w, ",\"endLine\":");
            vn_w_uint(w, el);
        }
        vn_w_str(w, ",\"endColumn\":");
        vn_w_uint(w, ec);
        vn_w_str(w, ",\"snippet\":{\"text\":");
        vn_w_json_str(w, r->text->data + s.off, s.len);
        vn_w_char(w, '}');
    }
    vn_w_char(w, '}');
}

static void physical(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r,
                     struct vn_span s, uint32_t line, uint32_t col)
{
    vn_w_str(w, "{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
    uri(w, o->file_label);
    vn_w_str(w, "},");
    region(w, r, s, line, col);
    vn_w_str(w, "}}");
}

/* Index of a diagnostic rule among the rules of the run: the built-in ones
 * first, then those met in the records, remembered up to a bound. -1 when
 * the bound is reached (the result then names its rule by id only). */
static long diag_rule_index(struct vn_run *run, const char *id)
{
    for (size_t i = 0; i < N_DIAG_RULES; i++)
        if (!strcmp(diag_rules[i].id, id))
            return (long)(N_CHECK_RULES + i);
    for (size_t i = 0; i < run->n_rules; i++)
        if (!strcmp(run->rules[i], id))
            return (long)(N_CHECK_RULES + N_DIAG_RULES + i);
    if (run->n_rules == VN_RUN_MAX_RULES)
        return -1;
    char *copy = vn_strdup(id);
    if (!copy)
        return -1;
    run->rules[run->n_rules++] = copy;
    return (long)(N_CHECK_RULES + N_DIAG_RULES + run->n_rules - 1);
}

static void result_head(struct vn_writer *w, const char *rule_id, long rule_index, const char *level)
{
    if (w->run.results++)
        vn_w_char(w, ',');
    vn_w_str(w, "\n{\"ruleId\":");
    vn_w_json_cstr(w, rule_id);
    if (rule_index >= 0) {
        vn_w_str(w, ",\"ruleIndex\":");
        vn_w_uint(w, (uint64_t)rule_index);
    }
    vn_w_str(w, ",\"level\":\"");
    vn_w_str(w, level);
    vn_w_str(w, "\",");
}

static void span_json(struct vn_writer *w, const struct vn_records *r, struct vn_span s)
{
    vn_w_json_str(w, r->text->data + s.off, s.len);
}

/* The operands, each where it is, then the other lines the check draws on
 * that hold no operand. */
static void related(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r,
                    const struct vn_record *rec)
{
    const struct vn_check *c = rec->u.check;
    size_t id = 0;
    vn_w_str(w, ",\"relatedLocations\":[");
    for (size_t i = 0; i < c->n_operands; i++) {
        uint32_t line, col;
        vn_locate(r, rec, c->operands[i].off, &line, &col);
        if (id)
            vn_w_char(w, ',');
        vn_w_str(w, "{\"id\":");
        vn_w_uint(w, id++);
        vn_w_str(w, ",\"message\":{\"text\":\"operand ");
        vn_w_uint(w, i + 1);
        vn_w_str(w, "\"},");
        /* physical() opens its own object: splice its members in */
        vn_w_str(w, "\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
        uri(w, o->file_label);
        vn_w_str(w, "},");
        region(w, r, c->operands[i], line, col);
        vn_w_str(w, "}}");
    }
    size_t k = 0;   /* operands are in text order: their lines ascend */
    for (size_t i = 0; i < c->n_lines; i++) {
        uint32_t l = c->lines[i];
        while (k < c->n_operands && vn_normtext_line_of(r->text, c->operands[k].off) < l)
            k++;
        if (l == rec->line || (k < c->n_operands && vn_normtext_line_of(r->text, c->operands[k].off) == l))
            continue;
        if (id)
            vn_w_char(w, ',');
        vn_w_str(w, "{\"id\":");
        vn_w_uint(w, id++);
        vn_w_str(w, ",\"message\":{\"text\":\"a line the check draws on\"},"
                    "\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
        uri(w, o->file_label);
        vn_w_str(w, "},\"region\":{\"startLine\":");
        vn_w_uint(w, l);
        vn_w_str(w, "}}}");
    }
    /* the suspect figure (or the candidates), with the value that closes
       the check */
    for (size_t i = 0; i < c->n_suspects; i++) {
        const struct vn_suspect *s = &c->suspects[i];
        if (id)
            vn_w_char(w, ',');
        vn_w_str(w, "{\"id\":");
        vn_w_uint(w, id++);
        vn_w_str(w, c->n_suspects == 1 ? ",\"message\":{\"text\":\"probably mistyped: should be "
                                       : ",\"message\":{\"text\":\"possibly mistyped: should be ");
        vn_w_json_chars(w, s->should_be, strlen(s->should_be));
        vn_w_str(w, " (");
        vn_w_str(w, vn_typo_kind_why(s->kind));
        vn_w_str(w, ")\"},\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
        uri(w, o->file_label);
        vn_w_str(w, "},");
        region(w, r, s->figure, s->line, s->col);
        vn_w_str(w, "}}");
    }
    vn_w_char(w, ']');
}

/* ,"suspect":{...} or ,"suspectCandidates":[...] among the properties */
static void suspect_props(struct vn_writer *w, const struct vn_records *r, const struct vn_check *c)
{
    if (!c->n_suspects)
        return;
    vn_w_str(w, c->n_suspects == 1 ? ",\"suspect\":" : ",\"suspectCandidates\":[");
    for (size_t i = 0; i < c->n_suspects; i++) {
        const struct vn_suspect *s = &c->suspects[i];
        if (i)
            vn_w_char(w, ',');
        vn_w_str(w, "{\"line\":");
        vn_w_uint(w, s->line);
        vn_w_str(w, ",\"col\":");
        vn_w_uint(w, s->col);
        vn_w_str(w, ",\"text\":");
        span_json(w, r, s->figure);
        vn_w_str(w, ",\"shouldBe\":");
        vn_w_json_cstr(w, s->should_be);
        vn_w_str(w, ",\"kind\":\"");
        vn_w_str(w, vn_typo_kind_name(s->kind));
        vn_w_str(w, "\",\"closes\":");
        vn_w_uint(w, s->closes);
        vn_w_char(w, '}');
    }
    if (c->n_suspects > 1)
        vn_w_char(w, ']');
}

/* Where the result comes from: the position of its file in the batch and
 * the index of its record in that file (the line, from 0, of the file's
 * records in `check --format jsonl`), so that a script can find the
 * record, and the results of a file given twice stay apart. */
static void origin(struct vn_writer *w, const struct vn_records *r, const struct vn_record *rec)
{
    vn_w_str(w, "\"inputIndex\":");
    vn_w_uint(w, w->run.files + w->run.n_failed_total);
    vn_w_str(w, ",\"recordIndex\":");
    vn_w_uint(w, (uint64_t)(rec - r->items));
}

static void write_check(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r,
                        const struct vn_record *rec)
{
    const struct vn_check *c = rec->u.check;
    size_t ri = (size_t)c->relation * 2 + (c->verdict == VN_VERDICT_AMBIGUOUS);
    if (ri >= N_CHECK_RULES)
        ri = 0;
    result_head(w, check_rules[ri].id, (long)ri, check_rules[ri].level);

    /* the message stands alone in a viewer: the sentence, then the figures */
    vn_w_str(w, "\"message\":{\"text\":\"");
    if (c->message && c->message[0]) {
        vn_w_json_chars(w, c->message, strlen(c->message));
        vn_w_char(w, ' ');
    }
    vn_w_str(w, "(claimed ");
    vn_w_json_chars(w, r->text->data + c->claimed.off, c->claimed.len);
    if (c->claimed_unit && c->claimed_unit[0]) {
        if (strcmp(c->claimed_unit, "%") != 0)
            vn_w_char(w, ' ');
        vn_w_json_chars(w, c->claimed_unit, strlen(c->claimed_unit));
    }
    vn_w_str(w, ", computed ");
    vn_w_dec_vi(w, c->computed);
    vn_w_char(w, ')');
    if (c->n_suspects) {
        vn_w_char(w, ' ');
        vn_w_suspects(w, r, c, rec->line, true, vn_w_json_chars);
        vn_w_char(w, '.');
    }
    vn_w_str(w, "\"},\"locations\":[");
    physical(w, o, r, rec->text, rec->line, rec->col);
    vn_w_char(w, ']');
    related(w, o, r, rec);

    vn_w_str(w, ",\"properties\":{");
    origin(w, r, rec);
    vn_w_str(w, ",\"relation\":\"");
    vn_w_str(w, vn_relation_name(c->relation));
    vn_w_str(w, "\",\"verdict\":\"");
    vn_w_str(w, vn_verdict_name(c->verdict));
    vn_w_str(w, "\",\"checkRule\":");
    vn_w_json_cstr(w, c->rule ? c->rule : "");
    vn_w_str(w, ",\"claimed\":");
    span_json(w, r, c->claimed);
    vn_w_str(w, ",\"claimedUnit\":");
    vn_w_json_cstr(w, c->claimed_unit ? c->claimed_unit : "");
    vn_w_str(w, ",\"computed\":\"");
    vn_w_dec(w, c->computed, false);
    vn_w_str(w, "\",\"operands\":[");
    for (size_t i = 0; i < c->n_operands; i++) {
        if (i)
            vn_w_char(w, ',');
        span_json(w, r, c->operands[i]);
    }
    vn_w_str(w, "],\"lines\":[");
    for (size_t i = 0; i < c->n_lines; i++) {
        if (i)
            vn_w_char(w, ',');
        vn_w_uint(w, c->lines[i]);
    }
    vn_w_char(w, ']');
    if (c->section_line) {
        vn_w_str(w, ",\"sectionLine\":");
        vn_w_uint(w, c->section_line);
        vn_w_str(w, ",\"section\":");
        vn_w_json_cstr(w, c->section ? c->section : "");
    }
    suspect_props(w, r, c);
    vn_w_str(w, "}}");
}

static void write_diagnostic(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r,
                             const struct vn_record *rec)
{
    const struct vn_diagnostic *d = &rec->u.diagnostic;
    result_head(w, d->rule, diag_rule_index(&w->run, d->rule), vn_severity_name(d->severity));
    vn_w_str(w, "\"message\":{\"text\":");
    vn_w_json_cstr(w, d->message);
    vn_w_str(w, "},\"locations\":[");
    physical(w, o, r, rec->text, rec->line, rec->col);
    vn_w_str(w, "],\"properties\":{");
    origin(w, r, rec);
    vn_w_str(w, "}}");
}

vn_status vn_report_sarif_begin(struct vn_writer *w, const struct vn_report_opts *o)
{
    (void)o;
    vn_w_str(w, "{\"$schema\":\"" SARIF_SCHEMA "\",\"version\":\"2.1.0\",\"runs\":[{\"results\":[");
    return w->failed ? VN_EIO : VN_OK;
}

vn_status vn_report_sarif(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r)
{
    for (size_t i = 0; i < r->n; i++) {
        const struct vn_record *rec = &r->items[i];
        switch (vn_finding_class_of(rec)) {
        case VN_FC_INCONSISTENT:
        case VN_FC_AMBIGUOUS:
            write_check(w, o, r, rec);
            break;
        case VN_FC_ERROR:
        case VN_FC_WARNING:
        case VN_FC_NOTE:
            write_diagnostic(w, o, r, rec);
            break;
        case VN_FC_PARTIAL:
        case VN_FC_CONSISTENT:
        case VN_FC_NONE:
            break;
        }
    }
    return w->failed ? VN_EIO : VN_OK;
}

static void write_rule(struct vn_writer *w, const struct rule *ru, bool first)
{
    if (!first)
        vn_w_char(w, ',');
    vn_w_str(w, "\n{\"id\":");
    vn_w_json_cstr(w, ru->id);
    vn_w_str(w, ",\"name\":");
    vn_w_json_cstr(w, ru->name);
    vn_w_str(w, ",\"shortDescription\":{\"text\":");
    vn_w_json_cstr(w, ru->brief);
    vn_w_str(w, "},\"fullDescription\":{\"text\":");
    vn_w_json_cstr(w, ru->help);
    vn_w_str(w, "},\"help\":{\"text\":");
    vn_w_json_cstr(w, ru->help);
    vn_w_str(w, "},\"defaultConfiguration\":{\"level\":\"");
    vn_w_str(w, ru->level);
    vn_w_str(w, "\"}}");
}

static void write_counts(struct vn_writer *w, const struct vn_run *run)
{
    const struct vn_tally *t = &run->total;
    vn_w_str(w, "\"properties\":{\"files\":");
    vn_w_uint(w, run->files);
    vn_w_str(w, ",\"unreadableFiles\":");
    vn_w_uint(w, run->n_failed_total);
    vn_w_str(w, ",\"checks\":{");
    for (int v = VN_VERDICT_CONSISTENT; v <= VN_VERDICT_AMBIGUOUS; v++) {
        vn_w_printf(w, "%s\"%s\":", v ? "," : "", vn_verdict_name((enum vn_verdict)v));
        vn_w_uint(w, t->verdict[v]);
    }
    vn_w_str(w, "},\"diagnostics\":{");
    for (int s = VN_SEV_ERROR; s <= VN_SEV_NOTE; s++) {
        vn_w_printf(w, "%s\"%s\":", s ? "," : "", vn_severity_name((enum vn_severity)s));
        vn_w_uint(w, t->sev[s]);
    }
    vn_w_str(w, "},\"records\":{");
    for (int k = VN_REC_AMOUNT; k <= VN_REC_DATE; k++) {
        vn_w_printf(w, "%s\"%s\":", k ? "," : "", vn_record_type_name((enum vn_record_type)k));
        vn_w_uint(w, t->type[k]);
    }
    vn_w_str(w, "}}");
}

static void write_invocation(struct vn_writer *w, const struct vn_run *run)
{
    vn_w_str(w, "\"invocations\":[{\"executionSuccessful\":");
    vn_w_str(w, run->n_failed_total ? "false" : "true");
    if (run->n_failed_total) {
        vn_w_str(w, ",\"toolExecutionNotifications\":[");
        for (size_t i = 0; i < run->n_failed; i++) {
            const struct vn_failed_file *f = &run->failed[i];
            if (i)
                vn_w_char(w, ',');
            vn_w_str(w, "\n{\"level\":\"error\",\"message\":{\"text\":\"cannot read the file: ");
            vn_w_json_chars(w, f->message, strlen(f->message));
            vn_w_str(w, "\"},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
            uri(w, f->label);
            vn_w_str(w, "}}}],\"properties\":{\"inputIndex\":");
            vn_w_uint(w, f->input);
            vn_w_str(w, "}}");
        }
        if (run->n_failed_total > run->n_failed) {
            vn_w_str(w, run->n_failed ? "," : "");
            vn_w_str(w, "\n{\"level\":\"error\",\"message\":{\"text\":\"");
            vn_w_uint(w, run->n_failed_total - run->n_failed);
            vn_w_str(w, " more files could not be read\"}}");
        }
        vn_w_char(w, ']');
    }
    vn_w_str(w, "}]");
}

vn_status vn_report_sarif_end(struct vn_writer *w, const struct vn_report_opts *o)
{
    (void)o;
    const struct vn_run *run = &w->run;
    vn_w_str(w, "],\n\"tool\":{\"driver\":{\"name\":\"vnaudit\",\"version\":");
    vn_w_json_cstr(w, vn_version());
    vn_w_str(w, ",\"semanticVersion\":");
    vn_w_json_cstr(w, vn_version());
    vn_w_str(w, ",\"informationUri\":\"" VNAUDIT_HOMEPAGE "\",\"rules\":[");
    for (size_t i = 0; i < N_CHECK_RULES; i++)
        write_rule(w, &check_rules[i], i == 0);
    for (size_t i = 0; i < N_DIAG_RULES; i++)
        write_rule(w, &diag_rules[i], false);
    for (size_t i = 0; i < run->n_rules; i++) {
        struct rule extra = {run->rules[i], run->rules[i], "warning", "A finding of vnaudit's validator.",
                             "See the diagnostic rules in vnaudit's docs/CONTRACT.md."};
        write_rule(w, &extra, false);
    }
    vn_w_str(w, "]}},\n");
    write_invocation(w, run);
    vn_w_str(w, ",\"columnKind\":\"unicodeCodePoints\",");
    write_counts(w, run);
    vn_w_str(w, "}]}\n");
    return w->failed ? VN_EIO : VN_OK;
}
