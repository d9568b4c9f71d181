/* The fast paths of ingest and normalize against their references: the
 * block validator (vn_utf8_clean_prefix) against the scalar one, the
 * normalizer's block scan against its line-by-line path, and the
 * composition memo against ICU's NFC. On a machine without AVX2 both sides
 * are the scalar code and the tests hold trivially. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "helpers.h"
#include "common/utf8.h"
#include "normalize/normalize_internal.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state % n);
}

static void check_prefix(const unsigned char *s, size_t n)
{
    size_t fast = vn_utf8_clean_prefix(s, n), ref = vn_utf8_clean_prefix_scalar(s, n);
    if (fast != ref)
        fail_msg("clean prefix %zu, scalar says %zu (n %zu)", fast, ref, n);
}

/* Every pair of bytes, and each with a third, at places around the 32-byte
 * blocks and the 128-byte groups, in ASCII. */
static void test_clean_prefix_pairs(void **state)
{
    (void)state;
    static const size_t at[] = {0, 29, 30, 31, 32, 63, 126, 127, 128, 190};
    static const unsigned char third[] = {0x41, 0x80, 0xBF, 0xC3};
    unsigned char buf[192];
    for (size_t k = 0; k < sizeof at / sizeof at[0]; k++)
        for (unsigned a = 0; a < 256; a++)
            for (unsigned b = 0; b < 256; b++)
                for (size_t t = 0; t < (k % 3 == 0 ? 4 : 1); t++) {
                    memset(buf, 'a', sizeof buf);
                    buf[at[k]] = (unsigned char)a;
                    buf[at[k] + 1] = (unsigned char)b;
                    if (at[k] + 2 < sizeof buf)
                        buf[at[k] + 2] = third[t];
                    check_prefix(buf, sizeof buf);
                    check_prefix(buf, at[k] + 2);   /* cut after the pair */
                }
}

/* Three- and four-byte sequences: every lead and second byte, the third and
 * fourth from the bytes where the rules change. */
static void test_clean_prefix_long_forms(void **state)
{
    (void)state;
    static const unsigned char tail[] = {0x00, 0x0D, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F,
                                         0xA0, 0xBF, 0xC0, 0xE1, 0xF0, 0xFF};
    unsigned char buf[96];
    for (unsigned a = 0xC0; a < 256; a++)
        for (unsigned b = 0x80; b < 0xC0; b++)
            for (size_t c = 0; c < sizeof tail; c++)
                for (size_t d = 0; d < sizeof tail; d++) {
                    size_t at = 29 + (a + b) % 4;   /* across the first block's end */
                    memset(buf, 'a', sizeof buf);
                    buf[at] = (unsigned char)a;
                    buf[at + 1] = (unsigned char)b;
                    buf[at + 2] = (c + 1 < sizeof tail) ? tail[c] : 0x85;
                    buf[at + 3] = tail[d];
                    check_prefix(buf, sizeof buf);
                }
}

static const char *const pieces[] = {
    "a", "b", "n", "g", "h", " ", " ", "\t", "\n", "\n", "1", ",", ".", "*", "$", "\\", "%", "\\%", "**",
    "\x01", "\x1b", "\x7f", "\r", "\xC2\xA0", "\xC2\xAD", "\xC2\xB2", "\xC2\x85", "\xE2\x80\x8B", "\xE2\x80\x93",
    "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\xA6", "\xE2\x88\x92", "\xE2\x80\xA8", "\xEF\xBB\xBF",
    "\xC3\xA0", "\xC3\xA9", "\xC3\xB4", "\xC6\xA1", "\xC6\xB0", "\xC4\x91", "\xC4\x90", "\xC3\x82",
    "\xE1\xBB\x87", "\xE1\xBA\xA1", "\xE1\xBB\x9D", "\xE1\xBB\xB9", "\xE1\xBA\xA4", "\xE1\xBA\x80",
    "\xCC\x80", "\xCC\x81", "\xCC\x83", "\xCC\x89", "\xCC\xA3", "\xCC\x82", "\xCC\x86", "\xCC\x9B", "\xCC\x88",
    "\xCC\xA7", "\xCD\x80", "\xCD\x81", "\xCD\x84", "\xCD\x85", "\xCC\xB4", "\xCD\x9C", "\xCD\xAF", "\xCC\x85",
    "\xE1\xBC\x80", "\xE1\xBD\xB1", "\xE1\x80\x80", "\xE1\x84\x80", "\xE1\x85\xA1", "\xEA\xB0\x80",
    "\xE0\xA5\x98", "\xE0\xA4\x95", "\xE0\xA4\xBC", "\xE2\x84\xA6", "\xCE\xB1", "\xD0\x90", "\xD7\x90",
    "\xD6\xB4", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80", "\xF0\x9D\x85\x9E", "\xE3\x82\x99", "\xE3\x81\x8B",
    "\xCA\xB0", "\xCB\xBF",
    /* not UTF-8 */
    "\x80", "\xBF", "\xC0\x80", "\xC3", "\xE1\xBA", "\xE1", "\xED\xA0\x80", "\xF5\x80\x80\x80",
    "\xF0\x80\x80\x80", "\xF4\x90\x80\x80", "\xFF", "\xCC", "\xE2\x80",
};
#define N_PIECES (sizeof pieces / sizeof pieces[0])
#define N_VALID (N_PIECES - 13)

/* A random text of about n bytes: pieces, mostly plain letters, with the
 * invalid ones only when `invalid`. */
static size_t make_text(char *buf, size_t cap, size_t n, bool invalid, unsigned plain_percent)
{
    size_t len = 0;
    while (len < n) {
        const char *p = rnd(100) < plain_percent ? pieces[rnd(8)] : pieces[rnd(invalid ? N_PIECES : N_VALID)];
        size_t l = strlen(p);
        if (len + l >= cap)
            break;
        memcpy(buf + len, p, l);
        len += l;
    }
    buf[len] = '\0';
    return len;
}

static void test_clean_prefix_random(void **state)
{
    (void)state;
    static char buf[4096];
    for (int r = 0; r < 3000; r++) {
        size_t n = make_text(buf, sizeof buf, rnd(2000), rnd(2) != 0, rnd(100));
        if (n && rnd(3) == 0)
            buf[rnd((uint32_t)n)] = '\0';
        check_prefix((const unsigned char *)buf, n);
        for (int k = 0; k < 4 && n; k++) {
            size_t cut = rnd((uint32_t)n);
            check_prefix((const unsigned char *)buf + cut, n - cut);
        }
    }
}

static void expect_same_normtext(const struct vn_normtext *a, const struct vn_normtext *b, const char *in,
                                 size_t len)
{
    bool same = a->len == b->len && memcmp(a->data, b->data, a->len) == 0 && a->n_lines == b->n_lines &&
                memcmp(a->line_start, b->line_start, a->n_lines * sizeof *a->line_start) == 0 &&
                a->was_nfc == b->was_nfc && a->first_non_nfc_line == b->first_non_nfc_line &&
                a->n_markup_removed == b->n_markup_removed;
    if (!same) {
        fprintf(stderr, "input (%zu bytes):", len);
        for (size_t i = 0; i < len && i < 400; i++)
            fprintf(stderr, " %02x", (unsigned char)in[i]);
        fprintf(stderr, "\n");
        fail_msg("block scan and line path differ: len %zu/%zu lines %zu/%zu nfc %d/%d first %zu/%zu markup %zu/%zu",
                 a->len, b->len, a->n_lines, b->n_lines, a->was_nfc, b->was_nfc, a->first_non_nfc_line,
                 b->first_non_nfc_line, a->n_markup_removed, b->n_markup_removed);
    }
}

/* The block scan gives what the line-by-line path gives, for any bytes
 * (vn_normalize() is for valid UTF-8, but the two must agree anyway). */
static void test_normalize_scan_equals_lines(void **state)
{
    (void)state;
    struct vn_normalizer *n = NULL;
    assert_int_equal(vn_normalizer_new(&n), VN_OK);
    bool fast = n->fast;
    static char buf[20000];
    for (int r = 0; r < 2500; r++) {
        size_t want = r % 50 == 0 ? 8000 + rnd(12000) : rnd(300);
        size_t len = make_text(buf, sizeof buf, want, r % 3 == 0, r % 2 ? 95 : rnd(100));
        if (r % 7 == 0 && len)
            len--;  /* a cut-off last piece */
        struct vn_normtext *a = NULL, *b = NULL;
        n->fast = fast;
        vn_status sa = vn_normalize(n, buf, len, &a);
        n->fast = false;
        vn_status sb = vn_normalize(n, buf, len, &b);
        assert_int_equal(sa, sb);   /* ICU refuses some bad bytes: both fail */
        if (!sa)
            expect_same_normtext(a, b, buf, len);
        vn_normtext_free(a);
        vn_normtext_free(b);
    }
    n->fast = fast;
    vn_normalizer_free(n);
}

/* Letters and marks only: vn_normalize() is ICU's NFC, the first time and
 * again with the memo warm. */
static void test_compose_equals_icu(void **state)
{
    (void)state;
    static const char *const letters[] = {
        "a", "e", "o", "u", "i", "y", "A", "E", "O", "U", "d", "n", "g", " ", "\xC6\xA1", "\xC6\xB0",
        "\xC3\xA2", "\xC3\xAA", "\xC3\xB4", "\xC4\x83", "\xC4\x91", "\xE1\xBB\x87", "\xE1\xBA\xA1", "\xC3\x81",
        "\xE1\xBA\xA4", "\xC3\xA7", "\xE1\xB8\x88", "\xC5\x8D",
    };
    static const char *const marks[] = {
        "\xCC\x80", "\xCC\x81", "\xCC\x83", "\xCC\x89", "\xCC\xA3", "\xCC\x82", "\xCC\x86", "\xCC\x9B",
        "\xCC\x88", "\xCC\xA7", "\xCC\x84", "\xCC\x8A", "\xCC\x8C", "\xCC\xB8", "\xCD\x85", "\xCD\xA3",
    };
    const UNormalizer2 *nfc;
    UErrorCode ue = U_ZERO_ERROR;
    nfc = unorm2_getNFCInstance(&ue);
    assert_false(U_FAILURE(ue));
    struct vn_normalizer *n = NULL;
    assert_int_equal(vn_normalizer_new(&n), VN_OK);
    static char buf[2048], want[4096];
    static UChar u16[4096], u16n[8192];
    for (int r = 0; r < 3000; r++) {
        size_t len = 0;
        size_t k = 1 + rnd(60);
        if (rnd(10) == 0)
            len += (size_t)snprintf(buf, sizeof buf, "%s", marks[rnd(16)]);  /* no starter */
        for (size_t j = 0; j < k; j++) {
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s", letters[rnd(28)]);
            for (uint32_t m = rnd(4); m > 0; m--)
                len += (size_t)snprintf(buf + len, sizeof buf - len, "%s", marks[rnd(r % 2 ? 8 : 16)]);
        }
        int32_t ulen = 0, olen;
        ue = U_ZERO_ERROR;
        u_strFromUTF8(u16, 4096, &ulen, buf, (int32_t)len, &ue);
        olen = unorm2_normalize(nfc, u16, ulen, u16n, 8192, &ue);
        int32_t wlen = 0;
        u_strToUTF8(want, (int32_t)sizeof want, &wlen, u16n, olen, &ue);
        assert_false(U_FAILURE(ue));
        for (int pass = 0; pass < 2; pass++) {
            struct vn_normtext *t = NULL;
            assert_int_equal(vn_normalize(n, buf, len, &t), VN_OK);
            if (t->len != (size_t)wlen || memcmp(t->data, want, t->len) != 0)
                fail_msg("NFC of \"%s\": \"%s\", ICU says \"%s\"", buf, t->data, want);
            vn_normtext_free(t);
        }
    }
    vn_normalizer_free(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean_prefix_pairs),
        cmocka_unit_test(test_clean_prefix_long_forms),
        cmocka_unit_test(test_clean_prefix_random),
        cmocka_unit_test(test_normalize_scan_equals_lines),
        cmocka_unit_test(test_compose_equals_icu),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
