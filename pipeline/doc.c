/* One document through the stages: ingest -> normalize -> extract. What
 * ingest and normalize noticed (invalid bytes, text not in NFC) is added
 * to the records as diagnostics so a report shows it with everything else. */
#define _GNU_SOURCE     /* memmem */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>

#include "common/log.h"
#include "common/alloc.h"
#include "common/i18n.h"
#include "extract/vocab.h"
#include "pipeline/ocr_marks.h"
#include "validate/ocr_hint.h"
#include "vnaudit/doc.h"

struct vn_pipeline {
    struct vn_normalizer *norm;
    struct vn_vocab *vocab;
    struct vn_extractor *extractor;
    struct vn_validator *validator;     /* NULL unless opts.validate */
    size_t max_input_bytes;
    struct vn_log log;                  /* the caller's (timings) */
    const char *encoding;               /* borrowed from the options */
    const struct vn_catalog *cat;       /* the diagnostics' language */
    const char *lang;                   /* the same, for ingest's messages (borrowed from the options) */
    enum vn_ocr_mode ocr;
};

/* libxml2 (2.9) sets up its globals on first use, which is not safe when
 * two threads get there at once: done once here, so pipelines may then run
 * on several threads (docs/API.md, "Threads"). */
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void init_xml(void)
{
    xmlInitParser();
}

vn_status vn_pipeline_new(const struct vn_pipeline_opts *o, struct vn_pipeline **out, struct vn_error *err)
{
    *out = NULL;
    pthread_once(&xml_once, init_xml);
    struct vn_pipeline *p = vn_calloc(1, sizeof *p);
    if (!p)
        return VN_ENOMEM;
    p->max_input_bytes = o ? o->max_input_bytes : 0;
    if (o)
        p->log = o->log;
    p->encoding = o ? o->encoding : NULL;
    p->cat = vn_catalog_for(o ? o->lang : NULL);
    p->lang = o ? o->lang : NULL;
    p->ocr = o ? o->ocr : VN_OCR_AUTO;
    vn_status st = vn_normalizer_new(&p->norm);
    if (!st)
        st = (o && o->vocab_dir) ? vn_vocab_new_dir_cat(o->vocab_dir, p->cat, &p->vocab, err)
                                 : vn_vocab_new_builtin(&p->vocab, err);
    if (!st)
        st = vn_extractor_new(p->vocab, &p->extractor, err);
    if (!st && o && o->nd30)
        vn_extractor_set_nd30(p->extractor, true);
    if (!st && o)
        vn_extractor_set_lang(p->extractor, o->lang);
    if (!st && o && o->validate) {
        st = vn_validator_new(p->vocab, &p->validator, err);
        if (!st) {
            vn_validator_set_threads(p->validator, o->threads);
            vn_validator_set_log(p->validator, &o->log);
            vn_validator_set_lang(p->validator, o->lang);
        }
    }
    if (st) {
        if (err && !err->message[0])
            snprintf(err->message, sizeof err->message, "%s", vn_strerror(st));
        vn_pipeline_free(p);
        return st;
    }
    *out = p;
    return VN_OK;
}

void vn_pipeline_free(struct vn_pipeline *p)
{
    if (!p)
        return;
    vn_validator_free(p->validator);
    vn_extractor_free(p->extractor);
    vn_vocab_free(p->vocab);
    vn_normalizer_free(p->norm);
    vn_free(p);
}

static const char *issue_text(enum vn_ingest_issue_kind k)
{
    switch (k) {
    case VN_ISSUE_INVALID_UTF8: return N_("invalid UTF-8");
    case VN_ISSUE_NUL_BYTE: return N_("NUL byte");
    case VN_ISSUE_INVALID_UTF16: return N_("invalid UTF-16");
    }
    return N_("invalid byte");
}

static vn_status add_input_diagnostics(struct vn_doc *d, const struct vn_catalog *cat)
{
    const struct vn_text *raw = d->raw;
    const struct vn_normtext *t = d->text;
    size_t from = 0;    /* replacement characters before this are taken */
    for (size_t i = 0; i < raw->n_issues; i++) {
        const struct vn_ingest_issue *is = &raw->issues[i];
        size_t line = is->line <= t->n_lines ? is->line : t->n_lines;
        size_t ls = line ? t->line_start[line - 1] : 0;
        size_t le = line && line < t->n_lines ? t->line_start[line] : t->len;
        struct vn_span at = {(uint32_t)ls, 0};
        /* point at the U+FFFD that replaced the bad bytes: the next one on
           the issue's line (issues come in the order of the text) */
        size_t start = from > ls ? from : ls;
        const char *hit = start < le ? memmem(t->data + start, le - start, "\xEF\xBF\xBD", 3) : NULL;
        if (hit) {
            at.off = (uint32_t)(hit - t->data);
            at.len = 3;
            from = at.off + 3;
        }
        char msg[200];
        snprintf(msg, sizeof msg, vn_tr(cat, "%s at byte offset %zu (line %zu), replaced by U+FFFD"),
                 vn_tr(cat, issue_text(is->kind)),
                 is->offset, is->line);
        const char *rule = is->kind == VN_ISSUE_NUL_BYTE ? "nul-byte" : "invalid-encoding";
        vn_status st = vn_records_add_diagnostic(d->records, at, rule, VN_SEV_ERROR, msg);
        if (st)
            return st;
    }
    if (raw->n_issues_total > raw->n_issues) {
        char msg[160];
        snprintf(msg, sizeof msg,
                 vn_tr(cat, "%zu more encoding problems not listed; convert the file to UTF-8 and check again"),
                 raw->n_issues_total - raw->n_issues);
        struct vn_span at = {(uint32_t)t->len, 0};     /* a summary: after the findings it sums up */
        vn_status st = vn_records_add_diagnostic(d->records, at, "invalid-encoding", VN_SEV_ERROR, msg);
        if (st)
            return st;
    }
    if (raw->charset_note[0]) {
        struct vn_span at = {0, 0};
        vn_status st = vn_records_add_diagnostic(d->records, at, "legacy-encoding", VN_SEV_NOTE, raw->charset_note);
        if (st)
            return st;
    }
    if (!t->was_nfc) {
        char msg[200];
        snprintf(msg, sizeof msg,
                 vn_tr(cat, "the text is not in Unicode NFC (first at line %zu); it was normalized before extraction"),
                 t->first_non_nfc_line);
        struct vn_span at = {t->line_start[t->first_non_nfc_line - 1], 0};
        vn_status st = vn_records_add_diagnostic(d->records, at, "not-nfc", VN_SEV_NOTE, msg);
        if (st)
            return st;
    }
    return VN_OK;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static vn_status process(struct vn_pipeline *p, struct vn_doc *d, struct vn_error *err)
{
    /* the time of each stage, for benchmarks (never part of the output) */
    bool timing = vn_log_on(&p->log, VN_LOG_TIMING);
    double t0 = timing ? now_ms() : 0;
    vn_status st = vn_normalize_borrow(p->norm, d->raw->data, d->raw->len, &d->text);   /* raw outlives text */
    double t1 = timing ? now_ms() : 0;
    if (!st)
        st = vn_extract(p->extractor, d->text, &d->records);
    if (!st)
        st = vn_apply_ocr_marks(d->raw, d->text, d->records);
    double t2 = timing ? now_ms() : 0;
    if (!st && p->validator)
        st = vn_validate(p->validator, d->text, d->records);
    if (!st && p->validator && d->raw->n_ocr_pages)
        vn_ocr_hints(d->records);
    if (timing)
        vn_logf(&p->log, VN_LOG_TIMING, "timing %s: normalize %.1f ms, extract %.1f ms, validate %.1f ms", d->name,
                t1 - t0, t2 - t1, now_ms() - t2);
    if (!st)
        st = add_input_diagnostics(d, p->cat);
    if (!st)
        st = vn_records_finish(d->records);
    if (st && err) {
        err->code = st;
        snprintf(err->message, sizeof err->message, "%s", vn_strerror(st));
    }
    return st;
}

static vn_status finish(struct vn_pipeline *p, struct vn_doc *d, vn_status st, struct vn_doc **out,
                        struct vn_error *err)
{
    if (!st)
        st = process(p, d, err);
    if (st) {
        vn_doc_free(d);
        return st;
    }
    *out = d;
    return VN_OK;
}

vn_status vn_doc_load(struct vn_pipeline *p, const char *path, struct vn_doc **out, struct vn_error *err)
{
    *out = NULL;
    if (err)
        memset(err, 0, sizeof *err);
    struct vn_doc *d = vn_calloc(1, sizeof *d);
    if (!d)
        return VN_ENOMEM;
    d->name = path;
    struct vn_ingest_opts io = {.max_bytes = p->max_input_bytes, .encoding = p->encoding, .lang = p->lang,
                                .ocr = p->ocr};
    bool timing = vn_log_on(&p->log, VN_LOG_TIMING);
    double t0 = timing ? now_ms() : 0;
    vn_status st = vn_text_read_file(path, &io, &d->raw, err);
    if (timing)
        vn_logf(&p->log, VN_LOG_TIMING, "timing %s: ingest %.1f ms", path, now_ms() - t0);
    return finish(p, d, st, out, err);
}

vn_status vn_doc_from_bytes(struct vn_pipeline *p, const char *name, const void *bytes, size_t len,
                            struct vn_doc **out, struct vn_error *err)
{
    *out = NULL;
    if (err)
        memset(err, 0, sizeof *err);
    struct vn_doc *d = vn_calloc(1, sizeof *d);
    if (!d)
        return VN_ENOMEM;
    d->name = name;
    struct vn_ingest_opts io = {.max_bytes = p->max_input_bytes, .encoding = p->encoding, .lang = p->lang,
                                .ocr = p->ocr};
    vn_status st = vn_text_from_bytes_opts(bytes, len, &io, &d->raw, err);
    return finish(p, d, st, out, err);
}

void vn_doc_free(struct vn_doc *d)
{
    if (!d)
        return;
    vn_records_free(d->records);
    vn_normtext_free(d->text);
    vn_text_free(d->raw);
    vn_free(d);
}

size_t vn_doc_error_count(const struct vn_doc *d)
{
    size_t n = 0;
    for (size_t i = 0; d->records && i < d->records->n; i++) {
        const struct vn_record *r = &d->records->items[i];
        n += r->type == VN_REC_DIAGNOSTIC && r->u.diagnostic.severity == VN_SEV_ERROR;
    }
    return n;
}
