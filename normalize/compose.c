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

#include "common/alloc.h"
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
    uint32_t *p = vn_realloc(n->scratch, cap * sizeof *p);
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

/* The segment memo: a starter below U+10000 and one or two marks in
 * U+0300..U+037E (Vietnamese NFD: a letter, then a tone mark and perhaps
 * a vowel mark), packed in 30 bits, and the UTF-8 emit_segment() gives for
 * it. */
static uint32_t memo_key(uint32_t starter, const uint32_t *marks, size_t nm)
{
    if (starter >= 0x10000 || nm == 0 || nm > 2)
        return UINT32_MAX;
    uint32_t m1 = marks[0] - 0x300, m2 = nm == 2 ? marks[1] - 0x300 : 0x7F;   /* 0x7F: none */
    if (m1 >= 0x7F || (nm == 2 && m2 >= 0x7F))
        return UINT32_MAX;
    return starter << 14 | m1 << 7 | m2;
}

static struct vn_seg_memo *memo_slot(struct vn_normalizer *n, uint32_t key)
{
    return &n->segs[(key * 2654435761u) >> (32 - VN_SEG_MEMO_BITS)];
}

/* One code point at u[0 .. n) (n >= 1): the two- and three-byte forms
 * inline, the rest by vn_utf8_decode(). Returns its length, 0 if the bytes
 * are not well-formed. */
static inline size_t decode_at(const unsigned char *u, size_t n, uint32_t *cp)
{
    unsigned char c = u[0];
    if (c >= 0xC2 && c <= 0xDF && n >= 2 && (u[1] & 0xC0) == 0x80) {
        *cp = (uint32_t)(c & 0x1F) << 6 | (u[1] & 0x3Fu);
        return 2;
    }
    if (c >= 0xE1 && c <= 0xEC && n >= 3 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        *cp = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3Fu);
        return 3;
    }
    return vn_utf8_decode(u, n, cp);
}

#define NO_STARTER UINT32_MAX

/* Where vn_compose_line() is: the output so far (o bytes in out->data) and
 * the last starter, which a segment overwrites from starter_o on. */
struct compose_at {
    size_t i, o;
    uint32_t starter;   /* NO_STARTER: none since the last segment */
    size_t starter_o;
};

/* The common case, in a loop of its own (few live values): ASCII, copied
 * eight bytes at a time, and segments of an ASCII-or-BMP starter and one or
 * two marks U+0300..U+033F followed by ASCII or the end, found in the memo.
 * Stops at anything else, or when the room the caller keeps (the rest of
 * the line and a word more) runs short. */
static void compose_common(const struct vn_normalizer *n, const unsigned char *u, size_t len, char *d, size_t cap,
                           struct compose_at *at)
{
    size_t i = at->i, o = at->o, starter_o = at->starter_o;
    uint32_t starter = at->starter;
    while (i < len) {
        if (u[i] < 0x80) {
            size_t k;
            if (i + 8 <= len) {
                uint64_t w;
                memcpy(&w, u + i, 8);
                memcpy(d + o, &w, 8);
                uint64_t hi = w & 0x8080808080808080ull;
                k = hi ? (size_t)__builtin_ctzll(hi) / 8 : 8;
            } else {
                d[o] = (char)u[i];
                k = 1;
            }
            starter = u[i + k - 1];
            starter_o = o + k - 1;
            i += k;
            o += k;
            continue;
        }
        if (u[i] != 0xCC || starter >= 0x10000 || i + 3 >= len || !n->cc_marks)
            break;
        /* the key as memo_key() makes it */
        unsigned b1 = u[i + 1], b2 = u[i + 2], b3 = u[i + 3];
        bool two = b2 == 0xCC && (b3 & 0xC0) == 0x80;
        size_t j = i + (two ? 4 : 2);
        uint32_t key = starter << 14 | (b1 & 0x3Fu) << 7 | (two ? b3 & 0x3Fu : 0x7Fu);
        const struct vn_seg_memo *slot = &n->segs[(key * 2654435761u) >> (32 - VN_SEG_MEMO_BITS)];
        if ((b1 & 0xC0) != 0x80 || (j < len && u[j] >= 0x80) || slot->key != key)
            break;
        o = starter_o;
        memcpy(d + o, slot->out, sizeof slot->out);     /* slot->len bytes matter */
        o += slot->len;
        i = j;
        starter = NO_STARTER;
        if (cap - o <= len - i + 16)
            break;
    }
    at->i = i;
    at->o = o;
    at->starter = starter;
    at->starter_o = starter_o;
}

/* The input is copied to the output as it is read, room kept in out for
 * the rest of the line and a word more; a segment of a starter and its
 * marks is then written over from where its starter went. */
vn_status vn_compose_line(struct vn_normalizer *n, const char *s, size_t len, struct vn_buf *out)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t marks_s[MAX_MARKS];
    vn_status st = vn_buf_reserve(out, len + 16);
    if (st)
        return st;
    struct compose_at at = {0, out->len, NO_STARTER, 0};
    for (;;) {
        if (out->cap - at.o <= len - at.i + 16) {
            out->len = at.o;
            if ((st = vn_buf_reserve(out, len - at.i + 16)))
                return st;
        }
        compose_common(n, u, len, out->data, out->cap, &at);
        size_t i = at.i;
        if (i >= len)
            break;
        if (u[i] < 0x80)
            continue;   /* stopped for room */
        uint32_t cp;
        size_t l = decode_at(u + i, len - i, &cp);
        if (!l)
            return VN_ESYNTAX;
        if (ccc_of(n, cp) == 0) {
            at.starter = cp;
            at.starter_o = at.o;
            for (size_t k = 0; k < l; k++)
                out->data[at.o + k] = (char)u[i + k];
            at.i += l;
            at.o += l;
            continue;
        }
        /* marks: collect the run (past MAX_MARKS in the scratch array),
           then compose the segment */
        size_t nm = 0;
        uint32_t *marks = marks_s;
        while (i < len) {
            uint32_t m;
            size_t ml = u[i] < 0x80 ? 0 : decode_at(u + i, len - i, &m);
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
        at.i = i;
        /* marks with no starter before them on the line start the segment */
        bool has_starter = at.starter != NO_STARTER;
        size_t o = has_starter ? at.starter_o : at.o;
        uint32_t key = has_starter ? memo_key(at.starter, marks, nm) : UINT32_MAX;
        struct vn_seg_memo *slot = key != UINT32_MAX ? memo_slot(n, key) : NULL;
        if (slot && slot->key == key) {
            memcpy(out->data + o, slot->out, sizeof slot->out);  /* slot->len bytes matter */
            o += slot->len;
        } else {
            out->len = o;
            if ((st = emit_segment(n, has_starter, has_starter ? at.starter : 0, marks, nm, out)))
                return st;
            if (slot && out->len - o <= sizeof slot->out) {
                slot->key = key;
                slot->len = (uint8_t)(out->len - o);
                memcpy(slot->out, out->data + o, slot->len);
            }
            o = out->len;
        }
        at.o = o;
        at.starter = NO_STARTER;
    }
    out->len = at.o;
    out->data[at.o] = '\0';
    return VN_OK;
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
