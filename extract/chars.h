/* Private to extract/: UTF-8 decoding and letter tests inlined for the hot
 * paths of the scanners. Each gives the same answer as its counterpart in
 * common/utf8.h (vn_utf8_decode, vn_utf8_prev, vn_is_letter_cp,
 * vn_word_char_at, vn_word_char_before), without a call for ASCII and the
 * two- and three-byte letters of Vietnamese, and without an ICU lookup for
 * the Latin letters and combining marks (tests/unit/test_extract.c checks
 * the agreement over the first planes). */
#ifndef VN_CHARS_H
#define VN_CHARS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/utf8.h"

static inline size_t vn_ch_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        if (n < 2 || (s[1] & 0xC0) != 0x80)
            return 0;
        *cp = ((uint32_t)(c & 0x1F) << 6) | (s[1] & 0x3Fu);
        return 2;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        uint32_t v = ((uint32_t)(c & 0x0F) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
        if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))
            return 0;
        *cp = v;
        return 3;
    }
    return vn_utf8_decode(s, n, cp);
}

/* Start of the code point that ends just before s[i] (i > 0). */
static inline size_t vn_ch_prev(const char *s, size_t i)
{
    do
        i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

static inline bool vn_ch_letter(uint32_t cp)
{
    if (cp < 0x80)
        return (uint32_t)((cp | 0x20) - 'a') < 26;
    /* Latin-1 letters (not × and ÷), Latin Extended-A and -B, combining
       diacritical marks, Latin Extended Additional (ạ … ỹ): all letters or
       marks for ICU */
    if (cp >= 0xC0 && cp <= 0x24F)
        return cp != 0xD7 && cp != 0xF7;
    if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1E00 && cp <= 0x1EFF))
        return true;
    return vn_is_letter_cp(cp);
}

static inline bool vn_ch_word_cp(uint32_t cp)
{
    return (uint32_t)(cp - '0') < 10 || cp == '_' || vn_ch_letter(cp);
}

/* Whether the code point at s[i] is a letter, digit or '_' (false at the
 * end of the text and on malformed UTF-8). */
static inline bool vn_ch_word_at(const char *s, size_t len, size_t i)
{
    if (i >= len)
        return false;
    uint32_t cp;
    if (!vn_ch_decode((const unsigned char *)s + i, len - i, &cp))
        return false;
    return vn_ch_word_cp(cp);
}

/* The same for the code point that ends before s[i]. */
static inline bool vn_ch_word_before(const char *s, size_t i)
{
    if (i == 0)
        return false;
    size_t p = vn_ch_prev(s, i);
    uint32_t cp;
    if (!vn_ch_decode((const unsigned char *)s + p, i - p, &cp))
        return false;
    return vn_ch_word_cp(cp);
}

#endif
