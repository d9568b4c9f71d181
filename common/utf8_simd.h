/* UTF-8 validation 32 bytes at a time (AVX2), for the ingest check and the
 * normalizer's scan. Private to the library.
 *
 * The check is Keiser and Lemire's ("Validating UTF-8 in less than one
 * instruction per byte", 2021; the simdjson/simdutf "lookup" algorithm):
 * three 16-entry table lookups on the nibbles of each byte and of the one
 * before it find every bad pair (a lead byte not followed by a continuation,
 * a continuation after ASCII, overlongs, surrogates, values past U+10FFFF),
 * and the bytes two and three back say which bytes must be third or fourth
 * continuations. It accepts exactly what vn_utf8_decode() accepts.
 *
 * The AVX2 code is compiled with a target attribute and chosen at run time
 * (vn_have_avx2()); other machines and compilers use the scalar code. */
#ifndef VN_UTF8_SIMD_H
#define VN_UTF8_SIMD_H

#include <stdbool.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(VN_NO_SIMD)
#define VN_HAVE_AVX2_CODE 1
#include <immintrin.h>

#define VN_AVX2 __attribute__((target("avx2")))

/* How far ahead of a scan to prefetch: the hardware's stream prefetcher
 * stops at each 4 KiB page, and the scans here read faster than it ramps
 * up again (64 MiB validated from memory: 15 ms without, 7 with). */
#define VN_PREFETCH_AHEAD 2048

static inline bool vn_have_avx2(void)
{
    return __builtin_cpu_supports("avx2");
}

/* The 32 bytes ending n bytes before cur's end: prev's last n, then cur's
 * first 32 - n. */
#define VN_PREV(cur, prev, n) \
    _mm256_alignr_epi8((cur), _mm256_permute2x128_si256((prev), (cur), 0x21), 16 - (n))

/* Error bits for each byte of `in` (zero when it is fine), given the 32
 * bytes before it. A sequence cut off at the end of `in` is caught by the
 * next block (or by vn_utf8_incomplete() at the end of the input). */
static inline VN_AVX2 __m256i vn_utf8_errors(__m256i in, __m256i prev)
{
    enum {
        TOO_SHORT = 1 << 0,     /* 11______ 0_______ or 11______ 11______ */
        TOO_LONG = 1 << 1,      /* 0_______ 10______ */
        OVERLONG_3 = 1 << 2,    /* 11100000 100_____ */
        TOO_LARGE = 1 << 3,     /* 11110100 1001____ and up */
        SURROGATE = 1 << 4,     /* 11101101 101_____ */
        OVERLONG_2 = 1 << 5,    /* 1100000_ 10______ */
        TOO_LARGE_1000 = 1 << 6,/* 11110101 1000____ and up */
        OVERLONG_4 = 1 << 6,    /* 11110000 1000____ */
        TWO_CONTS = 1 << 7,     /* 10______ 10______ */
        CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS
    };
#define VN_T16(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p) \
    _mm256_setr_epi8(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p)
    const __m256i byte_1_high = VN_T16(
        TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
        TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,
        TOO_SHORT | OVERLONG_2,
        TOO_SHORT,
        TOO_SHORT | OVERLONG_3 | SURROGATE,
        TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4);
    const __m256i byte_1_low = VN_T16(
        CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4,
        CARRY | OVERLONG_2,
        CARRY,
        CARRY,
        CARRY | TOO_LARGE,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000);
    const __m256i byte_2_high = VN_T16(
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT);
#undef VN_T16
    const __m256i lo4 = _mm256_set1_epi8(0x0F);
    __m256i p1 = VN_PREV(in, prev, 1);
    __m256i sc = _mm256_and_si256(
        _mm256_and_si256(_mm256_shuffle_epi8(byte_1_high, _mm256_and_si256(_mm256_srli_epi16(p1, 4), lo4)),
                         _mm256_shuffle_epi8(byte_1_low, _mm256_and_si256(p1, lo4))),
        _mm256_shuffle_epi8(byte_2_high, _mm256_and_si256(_mm256_srli_epi16(in, 4), lo4)));
    /* bytes that must be a third or fourth byte: 0x80 where the byte two
       back is >= 0xE0 or the byte three back is >= 0xF0 */
    __m256i p2 = VN_PREV(in, prev, 2), p3 = VN_PREV(in, prev, 3);
    __m256i must = _mm256_or_si256(_mm256_subs_epu8(p2, _mm256_set1_epi8((char)(0xE0 - 0x80))),
                                   _mm256_subs_epu8(p3, _mm256_set1_epi8((char)(0xF0 - 0x80))));
    return _mm256_xor_si256(_mm256_and_si256(must, _mm256_set1_epi8((char)0x80)), sc);
}

/* Non-zero when the last bytes of `in` start a sequence they do not end. */
static inline VN_AVX2 __m256i vn_utf8_incomplete(__m256i in)
{
    const __m256i max = _mm256_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                                         -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, (char)(0xF0 - 1),
                                         (char)(0xE0 - 1), (char)(0xC0 - 1));
    return _mm256_subs_epu8(in, max);
}

#endif /* x86-64 */

#endif
