/* Private to extract/ (and report/): finding the next interesting byte of a
 * long text. The passes of the extractor walk the whole document looking
 * for rare bytes (a digit, a dot, the first bytes of a heading word); these
 * helpers look at 16 bytes at a time with SSE2 where the compiler offers it
 * (every x86-64), and fall back to a plain loop elsewhere. Each returns the
 * same position the plain loop would. */
#ifndef VN_BYTESCAN_H
#define VN_BYTESCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__) && defined(__x86_64__) && !defined(VN_NO_SIMD)
#include <emmintrin.h>
#define VN_BYTESCAN_SSE2 1
#endif

/* Each loop asks for the text 2 KiB ahead of where it reads: the hardware
 * prefetcher stops at every 4 KiB page, and a pass over a text that is not
 * in the cache would wait for memory at each one (a pass over 64 MiB: 17 ms
 * without, 7 with). Prefetching past the end of the text is harmless. */
#define VN_SCAN_AHEAD(p) __builtin_prefetch((const void *)((p) + 2048))

/* First i in [from, len) where s[i] is an ASCII digit, or len. */
static inline size_t vn_find_digit(const char *s, size_t from, size_t len)
{
    size_t i = from;
#ifdef VN_BYTESCAN_SSE2
    const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
    for (; i + 16 <= len; i += 16) {
        VN_SCAN_AHEAD(s + i);
        /* c - '0' (wrapping) is at most 9 only for a digit */
        __m128i d = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i)), zero);
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, nine), d));
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
#endif
    while (i < len && (unsigned char)(s[i] - '0') > 9)
        i++;
    return i;
}

/* First i in [from, len) where s[i] is a, b or c, or len. */
static inline size_t vn_find_byte3(const char *s, size_t from, size_t len, unsigned char a, unsigned char b,
                                   unsigned char c)
{
    size_t i = from;
#ifdef VN_BYTESCAN_SSE2
    const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b), vc = _mm_set1_epi8((char)c);
    for (; i + 16 <= len; i += 16) {
        VN_SCAN_AHEAD(s + i);
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i eq = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)), _mm_cmpeq_epi8(v, vc));
        unsigned m = (unsigned)_mm_movemask_epi8(eq);
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
#endif
    for (; i < len; i++) {
        unsigned char x = (unsigned char)s[i];
        if (x == a || x == b || x == c)
            break;
    }
    return i;
}

/* First i in [from, len - 1) where s[i] == a and (s[i + 1] & mask) == b,
 * or len. A pair of bytes is far rarer than either byte alone (the second
 * byte of a UTF-8 letter tells it from its neighbours). */
static inline size_t vn_find_pair(const char *s, size_t from, size_t len, unsigned char a, unsigned char mask,
                                  unsigned char b)
{
    size_t i = from;
#ifdef VN_BYTESCAN_SSE2
    const __m128i va = _mm_set1_epi8((char)a), vm = _mm_set1_epi8((char)mask), vb = _mm_set1_epi8((char)b);
    for (; i + 17 <= len; i += 16) {
        VN_SCAN_AHEAD(s + i);
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
        __m128i eq = _mm_and_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(_mm_and_si128(y, vm), vb));
        unsigned m = (unsigned)_mm_movemask_epi8(eq);
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
#endif
    for (; i + 1 < len; i++)
        if ((unsigned char)s[i] == a && ((unsigned char)s[i + 1] & mask) == b)
            return i;
    return len;
}

/* First i in [from, len - 2) where s[i] == a, (s[i + 1] & m1) == b and
 * either (s[i + 2] & m2) == c or s[i + 2] == d, or len: the start of a
 * word picked out by its first three bytes (the heading words of tables). */
static inline size_t vn_find_triple(const char *s, size_t from, size_t len, unsigned char a, unsigned char m1,
                                    unsigned char b, unsigned char m2, unsigned char c, unsigned char d)
{
    size_t i = from;
#ifdef VN_BYTESCAN_SSE2
    const __m128i va = _mm_set1_epi8((char)a), vm1 = _mm_set1_epi8((char)m1), vb = _mm_set1_epi8((char)b),
                  vm2 = _mm_set1_epi8((char)m2), vc = _mm_set1_epi8((char)c), vd = _mm_set1_epi8((char)d);
    for (; i + 18 <= len; i += 16) {
        VN_SCAN_AHEAD(s + i);
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
        __m128i z = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 2));
        __m128i eq = _mm_and_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(_mm_and_si128(y, vm1), vb));
        eq = _mm_and_si128(eq, _mm_or_si128(_mm_cmpeq_epi8(_mm_and_si128(z, vm2), vc), _mm_cmpeq_epi8(z, vd)));
        unsigned m = (unsigned)_mm_movemask_epi8(eq);
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
#endif
    for (; i + 2 < len; i++) {
        unsigned char x = (unsigned char)s[i], y = (unsigned char)s[i + 1], z = (unsigned char)s[i + 2];
        if (x == a && (y & m1) == b && ((z & m2) == c || z == d))
            return i;
    }
    return len;
}

/* The first occurrence of needle[0, n) in s[from, len), or SIZE_MAX, found
 * by the pair needle[k], needle[k + 1] (k + 1 < n): the caller picks a pair
 * that is rare in Vietnamese text. */
static inline size_t vn_find_word(const char *s, size_t from, size_t len, const char *needle, size_t n, size_t k)
{
    if (from > len || len - from < n)
        return SIZE_MAX;
    size_t i = from + k, end = len - (n - k) + 2;  /* the pair may start below end */
    for (;;) {
        i = vn_find_pair(s, i, end, (unsigned char)needle[k], 0xFF, (unsigned char)needle[k + 1]);
        if (i + 1 >= end)
            return SIZE_MAX;
        if (memcmp(s + i - k, needle, n) == 0)
            return i - k;
        i++;
    }
}

/* Number of code points in s[0, n) of valid UTF-8: bytes that are not
 * continuation bytes (10xxxxxx). */
static inline size_t vn_count_cps(const char *s, size_t n)
{
    size_t c = 0, i = 0;
#ifdef VN_BYTESCAN_SSE2
    /* a continuation byte is below -64 as a signed byte; the 0/1 bytes of
       up to 255 blocks are summed per lane, then across lanes (SAD) */
    const __m128i lim = _mm_set1_epi8(-65), zero = _mm_setzero_si128();
    while (i + 16 <= n) {
        __m128i acc = zero;
        size_t stop = n - i >= 255 * 16 ? i + 255 * 16 : i + ((n - i) & ~(size_t)15);
        for (; i < stop; i += 16) {
            VN_SCAN_AHEAD(s + i);
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            acc = _mm_sub_epi8(acc, _mm_cmpgt_epi8(v, lim));
        }
        __m128i sum = _mm_sad_epu8(acc, zero);
        c += (size_t)_mm_cvtsi128_si64(sum) + (size_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(sum, sum));
    }
#endif
    for (; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

#endif
