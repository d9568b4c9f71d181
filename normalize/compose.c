/* Canonical composition (UAX #15) for the common case, straight on UTF-8:
 * a starter followed by combining marks, as in Vietnamese NFD text
 * ("e" U+0323 U+0302 -> "ệ"). For each segment the starter is decomposed
 * (ICU's NFD data), the marks are put in canonical order, and each mark
 * is composed onto the starter unless an earlier uncomposed mark of equal
 * or higher class blocks it (ICU's composePair, memoized). Lines with
 * characters outside this case go to ICU's normalizer (see normalize.c). */
#include <string.h>
#include <unicode/uchar.h>

#include "common/utf8.h"
#include "normalize/normalize_internal.h"

#define MAX_MARKS 32

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

/* Emits one segment: an optional starter and its marks. */
static vn_status emit_segment(struct vn_normalizer *n, bool has_starter, uint32_t starter, uint32_t *marks,
                              size_t nm, struct vn_buf *out)
{
    uint32_t seq[MAX_MARKS + 8];
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
    /* canonical order: stable insertion sort by combining class */
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
    vn_status st = vn_buf_reserve(out, 4 * (ns + 1));
    if (st)
        return st;
    if (!has_starter) {
        for (size_t i = 0; i < ns; i++)
            put_cp(out, seq[i]);
        out->data[out->len] = '\0';
        return VN_OK;
    }
    uint32_t rest[MAX_MARKS + 8];
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
    uint32_t marks[MAX_MARKS];
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
        /* marks: collect the run, then compose the segment */
        size_t nm = 0;
        while (i < len) {
            uint32_t m;
            size_t ml = u[i] < 0x80 ? 0 : vn_utf8_decode(u + i, len - i, &m);
            if (!ml || ccc_of(n, m) == 0)
                break;
            if (nm == MAX_MARKS)
                return VN_ESYNTAX;  /* a flood of marks: ICU copes */
            marks[nm++] = m;
            i += ml;
        }
        size_t seg = has_starter ? starter_at : i;
        if (!has_starter) {
            /* marks with no starter before them on the line */
            size_t k = i;
            for (size_t c = 0; c < nm; c++)
                k -= vn_utf8_encode(marks[c], (char[4]){0});
            seg = k;
        }
        if ((st = vn_buf_append(out, s + run, seg - run)))
            return st;
        if ((st = emit_segment(n, has_starter, starter, marks, nm, out)))
            return st;
        run = i;
        has_starter = false;
    }
    return vn_buf_append(out, s + run, len - run);
}
