#include "common/utf8.h"

#include <string.h>
#include <unicode/uchar.h>

#include "common/utf8_simd.h"

size_t vn_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2; v = c & 0x1Fu; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3; v = c & 0x0Fu; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4; v = c & 0x07u; min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

size_t vn_utf8_clean_prefix_scalar(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        /* eight ASCII bytes at a time when possible */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            /* a zero byte or CR (0x0D) in the word? */
            uint64_t z = (w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull;
            uint64_t x = w ^ 0x0D0D0D0D0D0D0D0Dull;
            uint64_t r = (x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull;
            if (z | r)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c == 0 || c == '\r')
                return i;
            i++;
            continue;
        }
        /* the common two- and three-byte forms inline (Vietnamese letters
           are U+00C0..U+1EF9); the general decoder for the rest */
        if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        if (c >= 0xE1 && c <= 0xEC && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        uint32_t cp;
        size_t l = vn_utf8_decode(s + i, n - i, &cp);
        if (!l)
            return i;
        i += l;
    }
    return n;
}

#ifdef VN_HAVE_AVX2_CODE
/* Whole 32-byte blocks from s, tested four at a time. Returns the offset of
 * the first NUL or CR with *exact set when the first block that is not
 * clean has no bad sequence in it; otherwise the start of that block (or
 * the end of the last whole block), everything before being clean apart
 * from, perhaps, a sequence cut off at the end, which the caller checks. */
static VN_AVX2 size_t clean_blocks_avx2(const unsigned char *s, size_t n, bool *exact)
{
    /* NUL and CR by one lookup on the low nibble: a byte equals the table's
       entry for its low nibble only if it is 0x00 or 0x0D (the other
       entries have another low nibble; bytes >= 0x80 look up zero) */
    const __m256i nul_cr = _mm256_setr_epi8(0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                                            0x00, 0x00, 0x0D, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                                            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0D, 0x00, 0x00);
    __m256i prev = _mm256_setzero_si256(), bad = prev, group_prev = prev;
    size_t i = 0, group = 0;
    *exact = false;
    for (; i + 32 <= n; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(s + i));
        _mm_prefetch((const char *)(s + i + VN_PREFETCH_AHEAD), _MM_HINT_T0);
        bad = _mm256_or_si256(bad, vn_utf8_errors(v, prev));
        bad = _mm256_or_si256(bad, _mm256_cmpeq_epi8(_mm256_shuffle_epi8(nul_cr, v), v));
        prev = v;
        if ((i & 127) == 96 || i + 64 > n) {  /* the end of a group of four, or of the blocks */
            if (!_mm256_testz_si256(bad, bad))
                break;
            group = i + 32;
            group_prev = v;
        }
    }
    if (_mm256_testz_si256(bad, bad))
        return i;
    /* the first block of the group that is not clean */
    prev = group_prev;
    for (i = group; i + 32 <= n; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(s + i));
        __m256i err = vn_utf8_errors(v, prev);
        uint32_t stop = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_shuffle_epi8(nul_cr, v), v));
        if (!_mm256_testz_si256(err, err))
            return i;
        if (stop) {
            *exact = true;  /* nothing wrong before it in the block, nor cut off */
            return i + (size_t)__builtin_ctz(stop);
        }
        prev = v;
    }
    return group;   /* not reached: the group was not clean */
}
#endif

size_t vn_utf8_clean_prefix(const unsigned char *s, size_t n)
{
    /* a short look first: text that stops early (a legacy code page) is
       found before the block scan */
    size_t w = n < 16 ? n : 16, i = vn_utf8_clean_prefix_scalar(s, w);
    if (i == n || i + 4 <= w)
        return i;   /* the end, or a stop that the rest cannot change */
#ifdef VN_HAVE_AVX2_CODE
    if (n - i >= 64 && vn_have_avx2()) {
        bool exact;
        size_t end = i + clean_blocks_avx2(s + i, n - i, &exact);
        if (exact)
            return end;
        /* every sequence that starts before end - 3 ends before end: go on
           from the first one that may not */
        size_t r = end >= i + 3 ? end - 3 : i;
        while (r < end && (s[r] & 0xC0) == 0x80)
            r++;
        i = r;
    }
#endif
    return i + vn_utf8_clean_prefix_scalar(s + i, n - i);
}

size_t vn_utf8_encode(uint32_t cp, char *buf)
{
    unsigned char *b = (unsigned char *)buf;
    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | (cp >> 6));
        b[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (cp >> 12));
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    b[0] = (unsigned char)(0xF0 | (cp >> 18));
    b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    b[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t vn_utf8_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

size_t vn_utf8_prev(const char *s, size_t i)
{
    do
        i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

bool vn_is_letter_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    return u_isalpha((UChar32)cp) || (U_GET_GC_MASK((UChar32)cp) & U_GC_M_MASK) != 0;
}

static bool is_word_cp(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || cp == '_' || vn_is_letter_cp(cp);
}

bool vn_word_char_before(const char *s, size_t i)
{
    if (i == 0)
        return false;
    size_t p = vn_utf8_prev(s, i);
    uint32_t cp;
    if (!vn_utf8_decode((const unsigned char *)s + p, i - p, &cp))
        return false;
    return is_word_cp(cp);
}

bool vn_word_char_at(const char *s, size_t len, size_t i)
{
    if (i >= len)
        return false;
    uint32_t cp;
    if (!vn_utf8_decode((const unsigned char *)s + i, len - i, &cp))
        return false;
    return is_word_cp(cp);
}

size_t vn_utf8_drop_broken(char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = vn_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (!l) {
            i++;
            continue;
        }
        if (o != i)
            memmove(s + o, s + i, l);
        o += l;
        i += l;
    }
    s[o] = '\0';
    return o;
}
