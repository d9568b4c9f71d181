/* UTF-8 helpers shared by the stages. */
#ifndef VN_UTF8_H
#define VN_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* Decodes one well-formed code point at s[0..n) (n >= 1). Returns its
 * length, or 0 if the bytes are not well-formed UTF-8 (overlongs,
 * surrogates and values above U+10FFFF are rejected). */
size_t vn_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Length of the longest prefix of s[0..n) made of whole well-formed code
 * points none of which is NUL or CR: the offset of the first NUL, CR or
 * byte that does not start a well-formed sequence, or n. (AVX2 when the
 * machine has it; the _scalar form is the reference, for tests.) */
size_t vn_utf8_clean_prefix(const unsigned char *s, size_t n);
size_t vn_utf8_clean_prefix_scalar(const unsigned char *s, size_t n);
/* Encodes cp; returns the length (1..4). buf needs 4 bytes. */
size_t vn_utf8_encode(uint32_t cp, char *buf);
/* Number of code points in s[0..n) of valid UTF-8. */
size_t vn_utf8_count(const char *s, size_t n);
/* Drops in place every byte of s[0..n) that does not start a well-formed
 * sequence (a message cut by a bounded snprintf in the middle of a letter),
 * and NUL-terminates; returns the new length. */
size_t vn_utf8_drop_broken(char *s, size_t n);
/* Start of the code point that ends just before s[i] (i > 0). */
size_t vn_utf8_prev(const char *s, size_t i);

/* Letters, for word boundaries: ASCII letters and any non-ASCII code point
 * that ICU classifies as a letter or mark (Vietnamese letters are). */
bool vn_is_letter_cp(uint32_t cp);
/* Whether the code point that ends before s[i] (or starts at s[i]) is a
 * letter or digit; false at the ends of the buffer. */
bool vn_word_char_before(const char *s, size_t i);
bool vn_word_char_at(const char *s, size_t len, size_t i);

#endif
