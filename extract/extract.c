/* The extractor: compiled patterns and vocabulary, reusable across
 * documents; and the records of one document. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "common/utf8.h"
#include "extract/extract_internal.h"

extern const char vn_reference_tail_pattern[];
extern const char vn_placeholder_pattern[];

static vn_status compile(const char *pattern, pcre2_code **out, struct vn_error *err)
{
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &ec, &eo, NULL);
    if (!re) {
        if (err) {
            PCRE2_UCHAR buf[160];
            pcre2_get_error_message(ec, buf, sizeof buf);
            err->code = VN_EREGEX;
            snprintf(err->message, sizeof err->message, "pattern error at %zu: %s", (size_t)eo, (char *)buf);
        }
        return VN_EREGEX;
    }
    /* JIT when available; the interpreter is the fallback, same results */
    (void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    *out = re;
    return VN_OK;
}

vn_status vn_extractor_new(const struct vn_vocab *vocab, struct vn_extractor **out, struct vn_error *err)
{
    *out = NULL;
    struct vn_extractor *x = calloc(1, sizeof *x);
    if (!x)
        return VN_ENOMEM;
    x->vocab = vocab;
    vn_status st = compile(vn_reference_tail_pattern, &x->ref_tail, err);
    if (!st)
        st = compile(vn_placeholder_pattern, &x->placeholder, err);
    if (!st) {
        x->md = pcre2_match_data_create(32, NULL);
        x->mctx = pcre2_match_context_create(NULL);
        if (!x->md || !x->mctx)
            st = VN_ENOMEM;
    }
    if (!st) {
        pcre2_set_match_limit(x->mctx, VN_PCRE2_MATCH_LIMIT);
        pcre2_set_depth_limit(x->mctx, VN_PCRE2_DEPTH_LIMIT);
    }
    if (st) {
        vn_extractor_free(x);
        return st;
    }
    *out = x;
    return VN_OK;
}

void vn_extractor_free(struct vn_extractor *x)
{
    if (!x)
        return;
    pcre2_code_free(x->ref_tail);
    pcre2_code_free(x->placeholder);
    pcre2_match_data_free(x->md);
    pcre2_match_context_free(x->mctx);
    free(x);
}

static vn_status records_push(struct vn_records *r, size_t *cap, const struct vn_record *rec)
{
    if (r->n == *cap) {
        size_t c = *cap ? *cap * 2 : 256;
        struct vn_record *p = realloc(r->items, c * sizeof *p);
        if (!p)
            return VN_ENOMEM;
        r->items = p;
        *cap = c;
    }
    r->items[r->n++] = *rec;
    return VN_OK;
}

/* The public struct plus its capacity, which callers need not see. */
struct records_impl {
    struct vn_records pub;
    size_t cap;
};

vn_status vn_scan_push(struct vn_scan *sc, const struct vn_record *rec)
{
    struct records_impl *ri = (struct records_impl *)sc->r;
    return records_push(sc->r, &ri->cap, rec);
}

vn_status vn_records_push(struct vn_records *r, const struct vn_record *rec)
{
    struct records_impl *ri = (struct records_impl *)r;
    return records_push(r, &ri->cap, rec);
}

vn_status vn_records_add_diagnostic(struct vn_records *r, struct vn_span at, const char *rule, enum vn_severity sev,
                                    const char *message)
{
    struct records_impl *ri = (struct records_impl *)r;
    struct vn_record rec;
    memset(&rec, 0, sizeof rec);
    rec.type = VN_REC_DIAGNOSTIC;
    rec.text = at;
    rec.u.diagnostic.rule = rule;
    rec.u.diagnostic.severity = sev;
    rec.u.diagnostic.message = vn_arena_strndup(r->arena, message, strlen(message));
    if (!rec.u.diagnostic.message)
        return VN_ENOMEM;
    return records_push(r, &ri->cap, &rec);
}

static vn_status records_new(const struct vn_normtext *text, const struct vn_vocab *vocab, struct vn_records **out)
{
    struct records_impl *ri = calloc(1, sizeof *ri);
    if (!ri)
        return VN_ENOMEM;
    ri->pub.arena = vn_arena_new();
    if (!ri->pub.arena) {
        free(ri);
        return VN_ENOMEM;
    }
    ri->pub.text = text;
    ri->pub.vocab = vocab;
    *out = &ri->pub;
    return VN_OK;
}

void vn_records_free(struct vn_records *r)
{
    if (!r)
        return;
    vn_arena_free(r->arena);
    free(r->items);
    free((struct records_impl *)r);
}

/* Stable order by start offset; among records at one offset, the one
 * pushed first stays first (a reference before its date). */
static void sort_records(struct vn_record *a, size_t n, struct vn_record *tmp)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    sort_records(a, h, tmp);
    sort_records(a + h, n - h, tmp);
    if (a[h - 1].text.off <= a[h].text.off)
        return;
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = a[j].text.off < a[i].text.off ? a[j++] : a[i++];
    while (i < h)
        tmp[k++] = a[i++];
    while (j < n)
        tmp[k++] = a[j++];
    memcpy(a, tmp, n * sizeof *a);
}

void vn_records_finish(struct vn_records *r)
{
    /* The scan gives records in order; later passes (amounts in words,
       placeholders, input problems) append a few out of order. Sort that
       tail and merge it into the sorted head from the back: linear, with
       scratch memory for the tail only. */
    size_t head = 1;
    while (head < r->n && r->items[head - 1].text.off <= r->items[head].text.off)
        head++;
    if (head < r->n) {
        size_t m = r->n - head;
        struct vn_record *tmp = malloc(m * sizeof *tmp);
        struct vn_record *tail = malloc(m * sizeof *tail);
        if (tmp && tail) {
            sort_records(r->items + head, m, tmp);
            memcpy(tail, r->items + head, m * sizeof *tail);
            size_t i = head, j = m, k = r->n;
            while (j > 0) {
                if (i > 0 && r->items[i - 1].text.off > tail[j - 1].text.off)
                    r->items[--k] = r->items[--i];
                else
                    r->items[--k] = tail[--j];
            }
        }
        /* without memory to sort, records stay in scan order: still
           correct, only not in document order */
        free(tmp);
        free(tail);
    }
    /* line and column, incrementally: linear even on one huge line */
    const struct vn_normtext *t = r->text;
    size_t line = 0, last_off = 0, last_col = 1;
    for (size_t i = 0; i < r->n; i++) {
        size_t off = r->items[i].text.off;
        if (off < last_off) {   /* unsorted fallback */
            line = 0;
            last_off = t->n_lines ? t->line_start[0] : 0;
            last_col = 1;
        }
        size_t l0 = line;
        while (line + 1 < t->n_lines && t->line_start[line + 1] <= off)
            line++;
        if (line != l0 || i == 0) {
            last_off = t->line_start[line];
            last_col = 1;
        }
        last_col += vn_utf8_count(t->data + last_off, off - last_off);
        last_off = off;
        r->items[i].line = (uint32_t)(line + 1);
        r->items[i].col = (uint32_t)last_col;
    }
}

vn_status vn_extract(struct vn_extractor *x, const struct vn_normtext *text, struct vn_records **out)
{
    *out = NULL;
    struct vn_records *r;
    vn_status st = records_new(text, x->vocab, &r);
    if (st)
        return st;
    struct vn_scan sc = {.x = x, .s = text->data, .len = text->len, .r = r};
    st = vn_scan_text(&sc);
    if (!st)
        st = vn_words_scan(&sc);
    if (!st)
        st = vn_lint_scan(&sc);
    if (st) {
        vn_records_free(r);
        return st;
    }
    vn_records_finish(r);
    *out = r;
    return VN_OK;
}
