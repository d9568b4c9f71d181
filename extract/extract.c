/* The extractor: compiled patterns and vocabulary, reusable across
 * documents; and the records of one document. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "common/alloc.h"
#include "common/i18n.h"
#include "common/utf8.h"
#include "extract/bytescan.h"
#include "extract/extract_internal.h"

extern const char vn_reference_tail_pattern[];
extern const char vn_placeholder_pattern[];

static vn_status compile(const char *pattern, pcre2_code **out, struct vn_error *err)
{
    int ec;
    PCRE2_SIZE eo;
    /* Anchored when compiled, not when matched: the JIT does not take
       PCRE2_ANCHORED as a match option (pcre2_match() would fall back to
       the interpreter at every call). Both patterns are only ever matched
       at a position the byte scan found. */
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED,
                                   &ec, &eo, NULL);
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

void vn_extractor_set_lang(struct vn_extractor *x, const char *lang)
{
    x->cat = vn_catalog_for(lang);
}

vn_status vn_extractor_new(const struct vn_vocab *vocab, struct vn_extractor **out, struct vn_error *err)
{
    *out = NULL;
    struct vn_extractor *x = vn_calloc(1, sizeof *x);
    if (!x)
        return VN_ENOMEM;
    x->lone_fast = true;
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
        /* group numbers looked up once, not at every match */
        for (int g = 0; g < VN_REF_NGROUPS; g++)
            x->ref_groups[g] = pcre2_substring_number_from_name(x->ref_tail, (PCRE2_SPTR)vn_ref_group_names[g]);
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
    vn_free(x);
}

/* The public struct plus what callers need not see: the capacity, and how
 * many records have their line and col (the first `finished`, in order of
 * position; later ones were appended since). */
struct records_impl {
    struct vn_records pub;
    size_t cap;
    size_t finished;
    bool scanning;      /* vn_extract's scans: VN_MAX_RECORDS applies */
    size_t dropped;     /* records the scans found past VN_MAX_RECORDS */
};

/* Line and column of rec (at offset off), counted from an anchor: a
 * located record at or before it on the text (NULL: the text's start). */
static void locate(const struct vn_normtext *t, const struct vn_record *anchor, size_t off, struct vn_record *rec)
{
    size_t line = 0, from = t->n_lines ? t->line_start[0] : 0, col = 1;
    if (anchor) {
        line = anchor->line - 1;
        from = anchor->text.off;
        col = anchor->col;
    }
    size_t l0 = line;
    while (line + 1 < t->n_lines && t->line_start[line + 1] <= off)
        line++;
    if (line != l0) {
        from = t->line_start[line];
        col = 1;
    }
    col += vn_count_cps(t->data + from, off - from);
    rec->line = (uint32_t)(line + 1);
    rec->col = (uint32_t)col;
}

static vn_status records_push(struct records_impl *ri, const struct vn_record *rec)
{
    struct vn_records *r = &ri->pub;
    if (ri->scanning && r->n >= VN_MAX_RECORDS) {
        ri->dropped++;
        return VN_OK;
    }
    if (r->n == ri->cap) {
        size_t c = ri->cap ? ri->cap * 2 : 256;
        struct vn_record *p = vn_realloc(r->items, c * sizeof *p);
        if (!p)
            return VN_ENOMEM;
        r->items = p;
        ri->cap = c;
    }
    struct vn_record *at = &r->items[r->n++];
    *at = *rec;
    /* A record that continues the order of located ones is located now,
       from the one before it, while both are in the cache: the scan gives
       nearly all of them so, and vn_records_finish() has the rest to do. */
    if (ri->finished == r->n - 1) {
        const struct vn_record *prev = r->n > 1 ? at - 1 : NULL;
        if (!prev || prev->text.off <= at->text.off) {
            locate(r->text, prev, at->text.off, at);
            ri->finished = r->n;
        }
    }
    return VN_OK;
}

vn_status vn_scan_push(struct vn_scan *sc, const struct vn_record *rec)
{
    return records_push((struct records_impl *)sc->r, rec);
}

vn_status vn_records_push(struct vn_records *r, const struct vn_record *rec)
{
    return records_push((struct records_impl *)r, rec);
}

vn_status vn_records_add_diagnostic(struct vn_records *r, struct vn_span at, const char *rule, enum vn_severity sev,
                                    const char *message)
{
    struct vn_record rec;
    memset(&rec, 0, sizeof rec);
    rec.type = VN_REC_DIAGNOSTIC;
    rec.text = at;
    rec.u.diagnostic.rule = rule;
    rec.u.diagnostic.severity = sev;
    rec.u.diagnostic.message = vn_arena_strndup(r->arena, message, strlen(message));
    if (rec.u.diagnostic.message)   /* a message cut by a bounded buffer stays UTF-8 */
        vn_utf8_drop_broken((char *)rec.u.diagnostic.message, strlen(rec.u.diagnostic.message));
    if (!rec.u.diagnostic.message)
        return VN_ENOMEM;
    return records_push((struct records_impl *)r, &rec);
}

static vn_status records_new(const struct vn_normtext *text, const struct vn_vocab *vocab, struct vn_records **out)
{
    struct records_impl *ri = vn_calloc(1, sizeof *ri);
    if (!ri)
        return VN_ENOMEM;
    ri->pub.arena = vn_arena_new();
    if (!ri->pub.arena) {
        vn_free(ri);
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
    vn_free(r->items);
    vn_free((struct records_impl *)r);
}

/* a[0, n) into out in stable order of start offset (among records at one
 * offset, the one pushed first stays first: a reference before its date).
 * Sorts keys (offset, index) by their offset bytes, a byte at a time from
 * the lowest (each pass keeps the order of the one before), then moves each
 * record once. False without memory. */
static bool sort_records(const struct vn_record *a, size_t n, struct vn_record *out)
{
    uint64_t *key = vn_malloc(n * sizeof *key), *tmp = vn_malloc(n * sizeof *tmp);
    if (!key || !tmp) {
        vn_free(key);
        vn_free(tmp);
        return false;
    }
    for (size_t i = 0; i < n; i++)
        key[i] = (uint64_t)a[i].text.off << 32 | (uint64_t)i;
    for (unsigned shift = 32; shift < 64; shift += 8) {
        size_t count[256] = {0};
        for (size_t i = 0; i < n; i++)
            count[(key[i] >> shift) & 0xFF]++;
        if (count[(key[0] >> shift) & 0xFF] == n)
            continue;   /* all alike in this byte */
        size_t at = 0;
        for (unsigned b = 0; b < 256; b++) {
            size_t c = count[b];
            count[b] = at;
            at += c;
        }
        for (size_t i = 0; i < n; i++)
            tmp[count[(key[i] >> shift) & 0xFF]++] = key[i];
        uint64_t *x = key;
        key = tmp;
        tmp = x;
    }
    for (size_t i = 0; i < n; i++)
        out[i] = a[(uint32_t)key[i]];
    vn_free(key);
    vn_free(tmp);
    return true;
}

/* The first index in [lo, hi) of a (sorted) whose offset is above off (hi
 * if none), galloping up from lo: the tail's offsets increase, so each
 * search starts where the last one ended and looks at records near it. */
static size_t above_from(const struct vn_record *a, size_t lo, size_t hi, size_t off)
{
    size_t step = 1, b = lo;
    while (b < hi && a[b].text.off <= off) {
        lo = b + 1;
        b += step;
        step *= 2;
    }
    if (b > hi)
        b = hi;
    while (lo < b) {
        size_t mid = lo + (b - lo) / 2;
        if (a[mid].text.off <= off)
            lo = mid + 1;
        else
            b = mid;
    }
    return lo;
}

/* The same galloping down from hi: the first index in [lo, hi) whose
 * offset is above off, when the answer is near hi. */
static size_t above_down(const struct vn_record *a, size_t lo, size_t hi, size_t off)
{
    size_t step = 1, b = hi;    /* a[b..hi) are all above off */
    while (b > lo && a[b - 1].text.off > off) {
        hi = b - 1;
        b = step < b - lo ? b - step : lo;
        step *= 2;
    }
    /* the answer is in [b, hi]: a[b-1] (if any) is at most off */
    size_t l = b, h = hi;
    while (l < h) {
        size_t mid = l + (h - l) / 2;
        if (a[mid].text.off <= off)
            l = mid + 1;
        else
            h = mid;
    }
    return l;
}

vn_status vn_records_finish(struct vn_records *r)
{
    struct records_impl *ri = (struct records_impl *)r;
    const struct vn_normtext *t = r->text;
    /* Records before ri->finished are in order with their line and col
       (unless memory to sort them lacked: then all are done again). The
       scan appends in order; later passes (amounts in words, placeholders,
       input problems, checks) append some out of order. The new records
       that continue the order get their line and col from the record
       before them, in one walk. */
    size_t head = ri->finished <= r->n ? ri->finished : 0;
    for (; head < r->n; head++) {
        const struct vn_record *prev = head ? &r->items[head - 1] : NULL;
        if (prev && prev->text.off > r->items[head].text.off)
            break;
        locate(t, prev, r->items[head].text.off, &r->items[head]);
    }
    ri->finished = r->n;
    if (head == r->n)
        return VN_OK;
    /* The rest: sorted apart (stable), each located from the closer of the
       record before it there and the last of the head at or before it
       (so the work stays linear), then merged into the head from the back:
       scratch memory for the tail only. */
    size_t m = r->n - head;
    struct vn_record *tail = vn_malloc(m * sizeof *tail);
    if (!tail || !sort_records(r->items + head, m, tail)) {
        /* records stay in scan order: still correct, only not in document
           order; each is located from the start of the text */
        for (size_t i = head; i < r->n; i++)
            locate(t, NULL, r->items[i].text.off, &r->items[i]);
        vn_free(tail);
        ri->finished = 0;
        return VN_ENOMEM;
    }
    size_t at = 0;  /* head records below at are at or before the last tail record */
    for (size_t j = 0; j < m; j++) {
        size_t off = tail[j].text.off;
        at = above_from(r->items, at, head, off);
        const struct vn_record *a = at ? &r->items[at - 1] : NULL;
        if (j > 0 && (!a || a->text.off < tail[j - 1].text.off))
            a = &tail[j - 1];
        locate(t, a, off, &tail[j]);
    }
    /* from the back: each tail record after the run of head records that
       come after it (found by galloping down, moved in one memmove) */
    size_t i = head, j = m, k = r->n;
    while (j > 0) {
        const struct vn_record *last = &tail[--j];
        size_t p = above_down(r->items, 0, i, last->text.off);
        if (p < i) {
            k -= i - p;
            memmove(r->items + k, r->items + p, (i - p) * sizeof *r->items);
            i = p;
        }
        r->items[--k] = *last;
    }
    vn_free(tail);
    return VN_OK;
}

vn_status vn_extract(struct vn_extractor *x, const struct vn_normtext *text, struct vn_records **out)
{
    *out = NULL;
    struct vn_records *r;
    vn_status st = records_new(text, x->vocab, &r);
    if (st)
        return st;
    struct vn_scan sc = {.x = x, .s = text->data, .len = text->len, .r = r};
    struct records_impl *ri = (struct records_impl *)r;
    ri->scanning = true;
    st = vn_scan_text(&sc);
    if (!st)
        st = vn_words_scan(&sc);
    if (!st)
        st = vn_lint_scan(&sc);
    ri->scanning = false;
    if (!st)
        st = sc.st;
    if (!st && ri->dropped) {
        char msg[200];
        snprintf(msg, sizeof msg,
                 vn_tr(x->cat, "%zu more records not listed: a document may give at most %u; split the document "
                               "to read the rest"),
                 ri->dropped, VN_MAX_RECORDS);
        st = vn_records_add_diagnostic(r, (struct vn_span){(uint32_t)text->len, 0}, "limit-reached",
                                       VN_SEV_ERROR, msg);
    }
    if (st) {
        vn_records_free(r);
        return st;
    }
    st = vn_records_finish(r);
    if (!st && x->nd30)
        st = vn_nd30_scan(x, text, r);   /* reads the references' lines: after finish */
    if (st) {
        vn_records_free(r);
        return st;
    }
    *out = r;
    return VN_OK;
}

void vn_extractor_set_nd30(struct vn_extractor *x, bool on)
{
    x->nd30 = on;
}
