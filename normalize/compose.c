/* Canonical composition (UAX #15) for the common case, straight on UTF-8:
 * a starter followed by combining marks, as in Vietnamese NFD text
 * ("e" U+0323 U+0302 -> "ệ"). For each segment the starter is decomposed
 * (ICU's NFD data), the marks are put in canonical order, and each mark
 * is composed onto the starter unless an earlier uncomposed mark of equal
 * or higher class blocks it (ICU's composePair, memoized). Lines with
 * characters outside this case go to ICU's normalizer (see normalize.c).
 *
 * A segment may be as long as its line (a flood of marks): short ones use
 * stack arrays and an insertion sort, long ones the normalizer's scratch
 * arrays and a stable counting sort by combining class, so the work stays
 * linear in the number of marks. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "common/utf8.h"
#include "normalize/normalize_internal.h"

#define MAX_MARKS 32    /* marks of a segment kept on the stack */

static uint8_t ccc_of(const struct vn_normalizer *n, uint32_t cp)
{
    return cp < 0x10000 ? n->ccc[cp] : u_getCombiningClass((UChar32)cp);
}

static int32_t compose_pair(struct vn_normalizer *n, uint32_t a, uint32_t b)
{
    size_t h = (a * 2654435761u ^ b * 40503u) & (VN_PAIR_CACHE - 1);
    if (n->pairs[h].a == a && n->pairs[h].b == b)
        return n->pairs[h].r;
    int32_t r = unorm2_composePair(n->nfc, (UChar32)a, (UChar32)b);
    n->pairs[h].a = a;
    n->pairs[h].b = b;
    n->pairs[h].r = r;
    return r;
}

/* Writes cp at out's end; the caller reserved room. */
static void put_cp(struct vn_buf *out, uint32_t cp)
{
    out->len += vn_utf8_encode(cp, out->data + out->len);
}

/* Full canonical decomposition of cp into d (starter first); returns the
 * count, 0 if cp has none. */
static size_t decompose(const struct vn_normalizer *n, uint32_t cp, uint32_t *d, size_t cap)
{
    UChar buf[32];
    UErrorCode ue = U_ZERO_ERROR;
    int32_t len = unorm2_getDecomposition(n->nfd, (UChar32)cp, buf, 32, &ue);
    if (U_FAILURE(ue) || len <= 0)
        return 0;
    size_t k = 0;
    for (int32_t i = 0; i < len && k < cap;) {
        UChar32 c;
        U16_NEXT(buf, i, len, c);
        d[k++] = (uint32_t)c;
    }
    return k;
}

/* Room for `need` code points in the normalizer's scratch array (which may
 * move). */
static vn_status scratch_reserve(struct vn_normalizer *n, size_t need)
{
    if (need <= n->scratch_cap)
        return VN_OK;
    size_t cap = n->scratch_cap ? n->scratch_cap : 1024;
    while (cap < need) {
        if (cap > SIZE_MAX / 2 / sizeof(uint32_t))
            return VN_ETOOBIG;
        cap *= 2;
    }
    uint32_t *p = realloc(n->scratch, cap * sizeof *p);
    if (!p)
        return VN_ENOMEM;
    n->scratch = p;
    n->scratch_cap = cap;
    return VN_OK;
}

/* Canonical order: a stable sort of seq[0..ns) by combining class. Short
 * runs: insertion sort in place; long ones: counting sort through tmp.
 * Returns the array that holds the result (seq or tmp). */
static uint32_t *canonical_order(const struct vn_normalizer *n, uint32_t *seq, size_t ns, uint32_t *tmp)
{
    if (ns <= MAX_MARKS + 8) {
        for (size_t i = 1; i < ns; i++) {
            uint32_t m = seq[i];
            uint8_t c = ccc_of(n, m);
            size_t j = i;
            while (j > 0 && ccc_of(n, seq[j - 1]) > c) {
                seq[j] = seq[j - 1];
                j--;
            }
            seq[j] = m;
        }
        return seq;
    }
    size_t start[257] = {0};
    for (size_t i = 0; i < ns; i++)
        start[ccc_of(n, seq[i]) + 1]++;
    for (size_t c = 1; c < 257; c++)
        start[c] += start[c - 1];
    for (size_t i = 0; i < ns; i++)
        tmp[start[ccc_of(n, seq[i])]++] = seq[i];
    return tmp;
}

/* Emits one segment: an optional starter and its marks. More than
 * MAX_MARKS marks are in n->scratch[0 .. nm). */
static vn_status emit_segment(struct vn_normalizer *n, bool has_starter, uint32_t starter, const uint32_t *marks,
                              size_t nm, struct vn_buf *out)
{
    uint32_t seq_s[MAX_MARKS + 8], tmp_s[MAX_MARKS + 8], rest_s[MAX_MARKS + 8];
    uint32_t *seq = seq_s, *tmp = tmp_s, *rest = rest_s;
    if (nm > MAX_MARKS) {
        /* the marks, then three arrays of nm + 8 after them */
        vn_status st = scratch_reserve(n, nm + 3 * (nm + 8));
        if (st)
            return st;
        marks = n->scratch;
        seq = n->scratch + nm;
        tmp = seq + (nm + 8);
        rest = tmp + (nm + 8);
    }
    size_t ns = 0;
    uint32_t base = starter;
    if (has_starter && nm > 0 && (vn_norm_class(n, starter) & CLS_DECOMP)) {
        uint32_t d[8];
        size_t k = decompose(n, starter, d, 8);
        if (k > 0) {
            base = d[0];
            for (size_t i = 1; i < k; i++)
                seq[ns++] = d[i];
        }
    }
    for (size_t i = 0; i < nm; i++)
        seq[ns++] = marks[i];
    seq = canonical_order(n, seq, ns, tmp);
    vn_status st = vn_buf_reserve(out, 4 * (ns + 1));
    if (st)
        return st;
    if (!has_starter) {
        for (size_t i = 0; i < ns; i++)
            put_cp(out, seq[i]);
        out->data[out->len] = '\0';
        return VN_OK;
    }
    size_t nr = 0;
    int last_cc = -1;
    for (size_t i = 0; i < ns; i++) {
        int cc = ccc_of(n, seq[i]);
        int32_t c = last_cc < cc ? compose_pair(n, base, seq[i]) : -1;
        if (c >= 0) {
            base = (uint32_t)c;
        } else {
            rest[nr++] = seq[i];
            last_cc = cc;
        }
    }
    put_cp(out, base);
    for (size_t i = 0; i < nr; i++)
        put_cp(out, rest[i]);
    out->data[out->len] = '\0';
    return VN_OK;
}

vn_status vn_compose_line(struct vn_normalizer *n, const char *s, size_t len, struct vn_buf *out)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t marks_s[MAX_MARKS];
    bool has_starter = false;
    uint32_t starter = 0;
    size_t starter_at = 0;
    size_t run = 0;     /* bytes from here on are copied verbatim when flushed */
    vn_status st = vn_buf_reserve(out, len);
    if (st)
        return st;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t l;
        if (u[i] < 0x80) {
            has_starter = true;
            starter = u[i];
            starter_at = i++;
            continue;
        }
        if (!(l = vn_utf8_decode(u + i, len - i, &cp)))
            return VN_ESYNTAX;
        if (ccc_of(n, cp) == 0) {
            has_starter = true;
            starter = cp;
            starter_at = i;
            i += l;
            continue;
        }
        /* marks: collect the run (past MAX_MARKS in the scratch array),
           then compose the segment */
        size_t nm = 0, marks_at = i;
        uint32_t *marks = marks_s;
        while (i < len) {
            uint32_t m;
            size_t ml = u[i] < 0x80 ? 0 : vn_utf8_decode(u + i, len - i, &m);
            if (!ml || ccc_of(n, m) == 0)
                break;
            if (nm >= MAX_MARKS) {
                if ((st = scratch_reserve(n, nm + 1)))
                    return st;
                if (marks == marks_s)
                    memcpy(n->scratch, marks_s, sizeof marks_s);
                marks = n->scratch;
            }
            marks[nm++] = m;
            i += ml;
        }
        /* marks with no starter before them on the line start the segment */
        size_t seg = has_starter ? starter_at : marks_at;
        if ((st = vn_buf_append(out, s + run, seg - run)))
            return st;
        if ((st = emit_segment(n, has_starter, starter, marks, nm, out)))
            return st;
        run = i;
        has_starter = false;
    }
    return vn_buf_append(out, s + run, len - run);
}

vn_status vn_order_mark_runs(struct vn_normalizer *n, const char *s, size_t len, struct vn_buf *out,
                             bool *changed)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t copied = 0;  /* s[0 .. copied) is in out (once *changed) */
    *changed = false;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t l = u[i] < 0x80 ? 1 : vn_utf8_decode(u + i, len - i, &cp);
        if (u[i] < 0x80 || !l || ccc_of(n, cp) == 0) {
            i += l ? l : 1;
            continue;
        }
        /* a run of marks: long, sortable (no mark decomposes) and out of
           order? */
        size_t start = i, nm = 0;
        bool plain = true, sorted = true;
        uint8_t last = 0;
        while (i < len) {
            uint32_t m;
            size_t ml = u[i] < 0x80 ? 0 : vn_utf8_decode(u + i, len - i, &m);
            uint8_t c = ml ? ccc_of(n, m) : 0;
            if (c == 0)
                break;
            plain &= !(vn_norm_class(n, m) & CLS_DECOMP);
            sorted &= c >= last;
            last = c;
            nm++;
            i += ml;
        }
        if (nm <= MAX_MARKS || !plain || sorted)
            continue;
        vn_status st = scratch_reserve(n, 2 * nm);
        if (!st && !*changed) {
            out->len = 0;
            *changed = true;
        }
        if (!st)
            st = vn_buf_append(out, s + copied, start - copied);
        if (!st)
            st = vn_buf_reserve(out, i - start);
        if (st)
            return st;
        size_t k = 0;
        for (size_t j = start; j < i; k++)
            j += vn_utf8_decode(u + j, i - j, &n->scratch[k]);
        uint32_t *sorted_marks = canonical_order(n, n->scratch, nm, n->scratch + nm);
        for (k = 0; k < nm; k++)
            put_cp(out, sorted_marks[k]);
        copied = i;
    }
    if (!*changed)
        return VN_OK;
    return vn_buf_append(out, s + copied, len - copied);
}
