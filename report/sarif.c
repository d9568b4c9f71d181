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
#include "report/fingerprint.h"
#include "report/rules.h"
#include "vnaudit/ingest.h"
#include "vnaudit/normalize.h"
#include "vnaudit/policy.h"

/* GitHub's documented upload limits: results in a run, locations of a result */
#define VN_SARIF_MAX_RESULTS 25000u
#define VN_SARIF_MAX_RELATED 1000u
#define VN_SARIF_FINGERPRINT_KEY "vnauditContent/v1"
#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
/* Where a user reads about the tool, and the folder of its documents (a
 * rule's helpUri is VNAUDIT_DOCS_URL "VALIDATION.md#" id). Both are set in
 * one place, CMakeLists.txt (VNAUDIT_HOMEPAGE, VNAUDIT_DOCS_URL); these
 * defaults are placeholders that can never resolve to somebody else's site
 * (RFC 2606). */
#ifndef VNAUDIT_HOMEPAGE
#define VNAUDIT_HOMEPAGE "file:///usr/local/share/doc/vnaudit/README.md"
#endif
#ifndef VNAUDIT_DOCS_URL
#define VNAUDIT_DOCS_URL "file:///usr/local/share/doc/vnaudit/"
#endif


static void key(struct vn_writer *w, const char *k)
{
    vn_w_char(w, '"');
    vn_w_str(w, k);
    vn_w_bytes(w, "\":", 2);
}

static void pct(struct vn_writer *w, const char *p, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                     c == '.' || c == '_' || c == '~' || c == '/';
        if (plain) {
            vn_w_char(w, (char)c);
        } else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            vn_w_bytes(w, e, 3);
        }
    }
}

/* `path` made absolute against `root` and with "." and ".." resolved
   lexically (no link is followed: the library does not look at the file
   system); caller frees. */
static char *absolute(const char *root, const char *path)
{
    size_t rl = strlen(root), pl = strlen(path);
    char *in = vn_malloc(rl + pl + 2), *out = vn_malloc(rl + pl + 2);
    if (!in || !out) {
        vn_free(in);
        vn_free(out);
        return NULL;
    }
    if (path[0] == '/')
        memcpy(in, path, pl + 1);
    else
        snprintf(in, rl + pl + 2, "%s/%s", root, path);
    size_t o = 0;
    for (char *c = in; *c;) {
        char *e = strchr(c, '/');
        size_t n = e ? (size_t)(e - c) : strlen(c);
        if (n == 2 && c[0] == '.' && c[1] == '.') {
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--;
        } else if (n && !(n == 1 && c[0] == '.')) {
            out[o++] = '/';
            memcpy(out + o, c, n);
            o += n;
        }
        c += n + (e != NULL);
    }
    if (o == 0)
        out[o++] = '/';
    out[o] = '\0';
    vn_free(in);
    return out;
}

/* "artifactLocation":{...} for the input named `label`: under o->srcroot,
 * a path relative to it with "uriBaseId":"%SRCROOT%" (what code scanning
 * services resolve against the repository); elsewhere an absolute file URI;
 * without a srcroot, the path as given. Every byte other than an
 * unreserved character or '/' is percent-encoded (spaces, Vietnamese
 * letters, '%', and ':' which would otherwise start a scheme). Standard
 * input is "stdin". */
static void artifact(struct vn_writer *w, const struct vn_report_opts *o, const char *label)
{
    vn_w_str(w, "\"artifactLocation\":{\"uri\":\"");
    if (!strcmp(label, "-")) {
        vn_w_str(w, "stdin\"}");
        return;
    }
    char *abs = o->srcroot && o->srcroot[0] == '/' ? absolute(o->srcroot, label) : NULL;
    char *root = abs ? absolute(o->srcroot, ".") : NULL;
    size_t rl = root ? strlen(root) : 0;
    if (!abs || !root) {
        pct(w, label, strlen(label));
        vn_w_char(w, '"');
    } else if (rl == 1 || (!strncmp(abs, root, rl) && abs[rl] == '/')) {
        const char *rel = abs + (rl == 1 ? 1 : rl + 1);
        pct(w, rel, strlen(rel));
        vn_w_str(w, "\",\"uriBaseId\":\"%SRCROOT%\"");
    } else {
        vn_w_str(w, "file://");
        pct(w, abs, strlen(abs));
        vn_w_char(w, '"');
    }
    vn_w_char(w, '}');
    vn_free(abs);
    vn_free(root);
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

/* Index of a rule among the rules of the run: those of the table first,
 * then the diagnostic rules met in the records that it does not know,
 * remembered up to a bound. -1 when the bound is reached (the result then
 * names its rule by id only). */
static long rule_index(struct vn_run *run, const char *id)
{
    size_t n;
    vn_rule_table(&n);
    long i = vn_rule_find(id);
    if (i >= 0)
        return i;
    for (size_t k = 0; k < run->n_rules; k++)
        if (!strcmp(run->rules[k], id))
            return (long)(n + k);
    if (run->n_rules == VN_RUN_MAX_RULES)
        return -1;
    char *copy = vn_strdup(id);
    if (!copy)
        return -1;
    run->rules[run->n_rules++] = copy;
    return (long)(n + run->n_rules - 1);
}

static void result_head(struct vn_writer *w, const char *rule_id, const struct vn_mark *m)
{
    if (w->run.results++)
        vn_w_char(w, ',');
    vn_w_str(w, "\n{\"ruleId\":");
    vn_w_json_cstr(w, rule_id);
    long ix = rule_index(&w->run, rule_id);
    if (ix >= 0) {
        vn_w_str(w, ",\"ruleIndex\":");
        vn_w_uint(w, (uint64_t)ix);
    }
    vn_w_str(w, ",\"level\":\"");
    vn_w_str(w, vn_severity_name(m->level));
    vn_w_str(w, "\",");
}

/* The place in the original document (a DOCX, ODT or HTML input) as a
 * logical location: "table 1, row 4, column 5", "paragraph 12",
 * "footnote 3"; nothing for plain text, whose line is the place. */
static void logical(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r,
                    const struct vn_record *rec)
{
    const struct vn_normtext *t = r->text;
    if (!o->raw || o->raw->format == VN_IN_TEXT || rec->line == 0 || rec->line > t->n_lines)
        return;
    size_t cell = 0;
    for (size_t i = t->line_start[rec->line - 1]; i < rec->text.off && i < t->len; i++)
        cell += t->data[i] == '\t';
    struct vn_source src;
    if (!vn_text_source_cell(o->raw, rec->line, cell, &src))
        return;
    char name[160];
    if (src.table)
        snprintf(name, sizeof name, "table %u, row %u, column %u", src.table, src.row, src.column);
    else if (src.note)
        snprintf(name, sizeof name, "%s %u", src.kind == VN_SRC_ENDNOTE ? "endnote" : "footnote", src.note);
    else if (src.paragraph)
        snprintf(name, sizeof name, "paragraph %u", src.paragraph);
    else if (src.src_line)
        snprintf(name, sizeof name, "line %u of the HTML source", src.src_line);
    else
        return;
    vn_w_str(w, ",\"logicalLocations\":[{\"name\":");
    vn_w_json_cstr(w, name);
    vn_w_str(w, ",\"fullyQualifiedName\":\"");
    if (src.part) {
        vn_w_json_chars(w, src.part, strlen(src.part));
        vn_w_str(w, ": ");
    }
    vn_w_json_chars(w, name, strlen(name));
    vn_w_str(w, "\",\"kind\":\"element\"}]");
}

/* "locations":[...]: where the finding is, in the text and in the document */
static void location(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r,
                     const struct vn_record *rec)
{
    vn_w_str(w, "\"locations\":[{\"physicalLocation\":{");
    artifact(w, o, o->file_label);
    vn_w_char(w, ',');
    region(w, r, rec->text, rec->line, rec->col);
    vn_w_char(w, '}');
    logical(w, o, r, rec);
    vn_w_str(w, "}]");
}

/* ,"partialFingerprints":{...} and, for a finding the baseline accepts,
 * ,"suppressions":[...]. The fingerprint is the content one of baselines,
 * with the finding's rank among those of the same fingerprint in its file
 * (GitHub's own primaryLocationLineHash is "hash:rank" too). */
static void identity(struct vn_writer *w, const struct vn_mark *m)
{
    char hex[VN_FP_HEX + 1];
    vn_mark_fingerprint(m, hex);
    vn_w_str(w, ",\"partialFingerprints\":{\"" VN_SARIF_FINGERPRINT_KEY "\":\"");
    vn_w_str(w, hex);
    vn_w_char(w, ':');
    vn_w_uint(w, m->occurrence);
    vn_w_str(w, "\"}");
    if (m->suppressed) {
        vn_w_str(w, ",\"suppressions\":[{\"kind\":\"external\",\"status\":\"accepted\"");
        if (m->justification && m->justification[0]) {
            vn_w_str(w, ",\"justification\":");
            vn_w_json_cstr(w, m->justification);
        }
        vn_w_str(w, "}]");
    }
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
    for (size_t i = 0; i < c->n_operands && id < VN_SARIF_MAX_RELATED; i++) {
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
        vn_w_str(w, "\"physicalLocation\":{");
        artifact(w, o, o->file_label);
        vn_w_char(w, ',');
        region(w, r, c->operands[i], line, col);
        vn_w_str(w, "}}");
    }
    size_t k = 0;   /* operands are in text order: their lines ascend */
    for (size_t i = 0; i < c->n_lines && id < VN_SARIF_MAX_RELATED; i++) {
        uint32_t l = c->lines[i];
        while (k < c->n_operands && vn_normtext_line_of(r->text, c->operands[k].off) < l)
            k++;
        if (l == rec->line || (k < c->n_operands && vn_normtext_line_of(r->text, c->operands[k].off) == l))
            continue;
        if (id)
            vn_w_char(w, ',');
        vn_w_str(w, "{\"id\":");
        vn_w_uint(w, id++);
        vn_w_str(w, ",\"message\":{\"text\":\"a line the check draws on\"},\"physicalLocation\":{");
        artifact(w, o, o->file_label);
        vn_w_str(w, ",\"region\":{\"startLine\":");
        vn_w_uint(w, l);
        vn_w_str(w, "}}}");
    }
    /* the suspect figure (or the candidates), with the value that closes
       the check */
    for (size_t i = 0; i < c->n_suspects && id < VN_SARIF_MAX_RELATED; i++) {
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
        vn_w_str(w, ")\"},\"physicalLocation\":{");
        artifact(w, o, o->file_label);
        vn_w_char(w, ',');
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
                        const struct vn_record *rec, const struct vn_mark *m)
{
    const struct vn_check *c = rec->u.check;
    result_head(w, vn_finding_rule(rec), m);

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
    vn_w_str(w, "\"},");
    location(w, o, r, rec);
    related(w, o, r, rec);
    identity(w, m);

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
                             const struct vn_record *rec, const struct vn_mark *m)
{
    const struct vn_diagnostic *d = &rec->u.diagnostic;
    result_head(w, d->rule, m);
    vn_w_str(w, "\"message\":{\"text\":");
    vn_w_json_cstr(w, d->message);
    vn_w_str(w, "},");
    location(w, o, r, rec);
    identity(w, m);
    vn_w_str(w, ",\"properties\":{");
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
    /* without a policy's marks: every finding at its rule's level, with its
       fingerprint */
    struct vn_policy *all = NULL;
    struct vn_triage *t = NULL;
    const struct vn_mark *marks = o->marks;
    if (!marks && r->n) {
        vn_status st = vn_policy_new(&all);
        if (!st)
            st = vn_policy_select(all, "all", NULL);
        if (!st)
            st = vn_triage_new(all, o->file_label, r, &t);
        vn_policy_free(all);
        if (st)
            return st;
        marks = t->marks;
    }
    for (size_t i = 0; i < r->n; i++) {
        const struct vn_record *rec = &r->items[i];
        if (!marks[i].finding)
            continue;
        if (w->run.results == VN_SARIF_MAX_RESULTS) {
            w->run.results_omitted++;
            continue;
        }
        if (rec->type == VN_REC_CHECK)
            write_check(w, o, r, rec, &marks[i]);
        else
            write_diagnostic(w, o, r, rec, &marks[i]);
    }
    vn_triage_free(t);
    return w->failed ? VN_EIO : VN_OK;
}

static void write_rule(struct vn_writer *w, const struct vn_rule_info *ru, bool first)
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
    vn_w_str(w, "},\"helpUri\":\"" VNAUDIT_DOCS_URL "VALIDATION.md#");
    vn_w_str(w, ru->id);    /* kebab-case: a fragment as it is */
    vn_w_str(w, "\",\"defaultConfiguration\":{\"level\":\"");
    vn_w_str(w, vn_severity_name(ru->level));
    vn_w_str(w, ru->off_by_default ? "\",\"enabled\":false}" : "\"}");
    vn_w_str(w, ",\"properties\":{\"tags\":[\"");
    vn_w_str(w, vn_rule_group_name(ru->group));
    vn_w_str(w, "\"]}}");
}

static void write_counts(struct vn_writer *w, const struct vn_run *run)
{
    const struct vn_tally *t = &run->total;
    vn_w_str(w, "\"properties\":{\"files\":");
    vn_w_uint(w, run->files);
    vn_w_str(w, ",\"unreadableFiles\":");
    vn_w_uint(w, run->n_failed_total);
    vn_w_str(w, ",\"resultsOmitted\":");
    vn_w_uint(w, run->results_omitted);
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

static void write_invocation(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_run *run)
{
    vn_w_str(w, "\"invocations\":[{\"executionSuccessful\":");
    vn_w_str(w, run->n_failed_total ? "false" : "true");
    if (run->n_failed_total || run->results_omitted) {
        vn_w_str(w, ",\"toolExecutionNotifications\":[");
        for (size_t i = 0; i < run->n_failed; i++) {
            const struct vn_failed_file *f = &run->failed[i];
            if (i)
                vn_w_char(w, ',');
            vn_w_str(w, "\n{\"level\":\"error\",\"message\":{\"text\":\"cannot read the file: ");
            vn_w_json_chars(w, f->message, strlen(f->message));
            vn_w_str(w, "\"},\"locations\":[{\"physicalLocation\":{");
            artifact(w, o, f->label);
            vn_w_str(w, "}}],\"properties\":{\"inputIndex\":");
            vn_w_uint(w, f->input);
            vn_w_str(w, "}}");
        }
        if (run->n_failed_total > run->n_failed) {
            vn_w_str(w, run->n_failed ? "," : "");
            vn_w_str(w, "\n{\"level\":\"error\",\"message\":{\"text\":\"");
            vn_w_uint(w, run->n_failed_total - run->n_failed);
            vn_w_str(w, " more files could not be read\"}}");
        }
        if (run->results_omitted) {
            /* GitHub code scanning reads at most 25 000 results of a run */
            vn_w_str(w, run->n_failed ? "," : "");
            vn_w_str(w, "\n{\"level\":\"warning\",\"message\":{\"text\":\"");
            vn_w_uint(w, run->results_omitted);
            vn_w_printf(w, " more results were left out: a run holds at most %u, the most that GitHub code scanning "
                           "accepts. Every finding is in the JSON Lines output (--format jsonl).\"},"
                           "\"properties\":{\"resultsOmitted\":", VN_SARIF_MAX_RESULTS);
            vn_w_uint(w, run->results_omitted);
            vn_w_str(w, "}}");
        }
        vn_w_char(w, ']');
    }
    vn_w_str(w, "}]");
}

vn_status vn_report_sarif_end(struct vn_writer *w, const struct vn_report_opts *o)
{
    const struct vn_run *run = &w->run;
    size_t n;
    const struct vn_rule_info *rules = vn_rule_table(&n);
    vn_w_str(w, "],\n\"tool\":{\"driver\":{\"name\":\"vnaudit\",\"version\":");
    vn_w_json_cstr(w, vn_version());
    vn_w_str(w, ",\"semanticVersion\":");
    vn_w_json_cstr(w, vn_version());
    vn_w_str(w, ",\"informationUri\":\"" VNAUDIT_HOMEPAGE "\",\"rules\":[");
    for (size_t i = 0; i < n; i++)
        write_rule(w, &rules[i], i == 0);
    for (size_t i = 0; i < run->n_rules; i++) {
        struct vn_rule_info extra = {run->rules[i], run->rules[i], VN_SEV_WARNING, VN_GROUP_DIAGNOSTICS, false,
                                     "A finding of vnaudit's validator.",
                                     "See the diagnostic rules in vnaudit's docs/CONTRACT.md."};
        write_rule(w, &extra, false);
    }
    vn_w_str(w, "]}},\n");
    write_invocation(w, o, run);
    if (o->srcroot && o->srcroot[0] == '/') {
        char *root = absolute(o->srcroot, ".");
        if (root) {
            vn_w_str(w, ",\"originalUriBaseIds\":{\"%SRCROOT%\":{\"uri\":\"file://");
            pct(w, root, strlen(root));
            vn_w_str(w, root[1] ? "/\"}}" : "\"}}");
            vn_free(root);
        }
    }
    vn_w_str(w, ",\"columnKind\":\"unicodeCodePoints\",");
    write_counts(w, run);
    vn_w_str(w, "}]}\n");
    return w->failed ? VN_EIO : VN_OK;
}
