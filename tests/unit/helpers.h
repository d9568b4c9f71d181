/* Shared helpers for the cmocka unit tests (header-only, static functions).
 * Include after <cmocka.h>. */
#ifndef VN_TEST_HELPERS_H
#define VN_TEST_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vnaudit/vnaudit.h"

/* The decimal as a canonical string, in a rotating static buffer so that a
 * few may be used in one assertion. */
static inline const char *t_dec(struct vn_dec d)
{
    static char bufs[8][VN_DEC_STRLEN];
    static unsigned k;
    char *b = bufs[k++ % 8];
    vn_dec_format(d, b);
    return b;
}

static inline struct vn_dec t_parse_dec(const char *s)
{
    struct vn_dec d = {0, 0};
    vn_status st = vn_dec_parse(s, strlen(s), &d);
    if (st != VN_OK)
        fail_msg("vn_dec_parse(\"%s\") failed: %s", s, vn_strerror(st));
    return d;
}

/* A span of a document's normalized text, NUL-terminated (rotating). */
static inline const char *t_span(const struct vn_doc *d, struct vn_span s)
{
    static char bufs[8][1024];
    static unsigned k;
    char *b = bufs[k++ % 8];
    size_t n = s.len < 1023 ? s.len : 1023;
    memcpy(b, d->text->data + s.off, n);
    b[n] = '\0';
    return b;
}

static inline const char *t_type_name(enum vn_record_type t)
{
    switch (t) {
    case VN_REC_AMOUNT: return "amount";
    case VN_REC_PERCENT: return "percent";
    case VN_REC_QUANTITY: return "quantity";
    case VN_REC_REFERENCE: return "reference";
    case VN_REC_DATE: return "date";
    case VN_REC_CHECK: return "check";
    case VN_REC_DIAGNOSTIC: return "diagnostic";
    }
    return "?";
}

/* Prints the records of a document (shown by cmocka when a test fails). */
static inline void t_dump(const struct vn_doc *d)
{
    for (size_t i = 0; i < d->records->n; i++) {
        const struct vn_record *r = &d->records->items[i];
        print_message("  [%zu] %s %u:%u '%s'", i, t_type_name(r->type), r->line, r->col, t_span(d, r->text));
        if (r->type == VN_REC_AMOUNT)
            print_message(" dong=%s unit='%s' implied=%d hedge=%d", t_dec(r->u.amount.dong),
                          t_span(d, r->u.amount.unit), r->u.amount.implied_unit, r->u.amount.hedge);
        else if (r->type == VN_REC_DIAGNOSTIC)
            print_message(" %s: %s", r->u.diagnostic.rule, r->u.diagnostic.message);
        print_message("\n");
    }
}

static inline size_t t_count(const struct vn_doc *d, enum vn_record_type type)
{
    size_t n = 0;
    for (size_t i = 0; i < d->records->n; i++)
        n += d->records->items[i].type == type;
    return n;
}

/* The idx-th (0-based) record of a type, failing the test if absent. */
static inline const struct vn_record *t_nth(const struct vn_doc *d, enum vn_record_type type, size_t idx)
{
    size_t n = 0;
    for (size_t i = 0; i < d->records->n; i++)
        if (d->records->items[i].type == type && n++ == idx)
            return &d->records->items[i];
    t_dump(d);
    fail_msg("no %s record #%zu (found %zu)", t_type_name(type), idx, n);
    return NULL;
}

/* Number of diagnostics with the given rule. */
static inline size_t t_count_rule(const struct vn_doc *d, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < d->records->n; i++) {
        const struct vn_record *r = &d->records->items[i];
        n += r->type == VN_REC_DIAGNOSTIC && strcmp(r->u.diagnostic.rule, rule) == 0;
    }
    return n;
}

static inline const struct vn_record *t_rule(const struct vn_doc *d, const char *rule, size_t idx)
{
    size_t n = 0;
    for (size_t i = 0; i < d->records->n; i++) {
        const struct vn_record *r = &d->records->items[i];
        if (r->type == VN_REC_DIAGNOSTIC && strcmp(r->u.diagnostic.rule, rule) == 0 && n++ == idx)
            return r;
    }
    t_dump(d);
    fail_msg("no '%s' diagnostic #%zu (found %zu)", rule, idx, n);
    return NULL;
}

/* Documents made by t_doc*() are remembered until t_free(), so that those
 * left behind by a failed assertion (cmocka jumps out of the test) are
 * freed by t_free_all() in the group teardown: sanitizer runs stay clean. */
#define T_MAX_DOCS 64
static struct vn_doc *t_docs[T_MAX_DOCS];

static inline void t_free(struct vn_doc *d)
{
    for (size_t i = 0; i < T_MAX_DOCS; i++)
        if (t_docs[i] == d)
            t_docs[i] = NULL;
    vn_doc_free(d);
}

static inline void t_free_all(void)
{
    for (size_t i = 0; i < T_MAX_DOCS; i++) {
        vn_doc_free(t_docs[i]);
        t_docs[i] = NULL;
    }
}

static inline struct vn_doc *t_doc_bytes(struct vn_pipeline *p, const void *bytes, size_t len)
{
    struct vn_doc *d = NULL;
    struct vn_error err;
    vn_status st = vn_doc_from_bytes(p, "test", bytes, len, &d, &err);
    if (st != VN_OK)
        fail_msg("vn_doc_from_bytes: %s (%s)", vn_strerror(st), err.message);
    for (size_t i = 0; i < T_MAX_DOCS; i++)
        if (!t_docs[i]) {
            t_docs[i] = d;
            break;
        }
    assert_non_null(d);
    assert_non_null(d->records);
    assert_non_null(d->text);
    return d;
}

static inline struct vn_doc *t_doc(struct vn_pipeline *p, const char *s)
{
    return t_doc_bytes(p, s, strlen(s));
}

static inline int t_pipeline_setup(void **state)
{
    struct vn_pipeline *p = NULL;
    struct vn_error err;
    memset(&err, 0, sizeof err);
    if (vn_pipeline_new(NULL, &p, &err) != VN_OK) {
        fprintf(stderr, "vn_pipeline_new: %s\n", err.message);
        return -1;
    }
    *state = p;
    return 0;
}

static inline int t_pipeline_teardown(void **state)
{
    t_free_all();
    vn_pipeline_free(*state);
    return 0;
}

#endif
