/* The fast paths of extract and report against plain references: the
 * inlined UTF-8 and letter tests (extract/chars.h) against common/utf8.h,
 * the byte searches (extract/bytescan.h) against byte loops, the JSON
 * escaping against the rule written out byte by byte, the decimal fast
 * paths against 128-bit loops, and vn_records_finish() on records appended
 * out of order against a stable sort and vn_normtext_line_of/col_of. */
#define _GNU_SOURCE     /* open_memstream */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "helpers.h"
#include "common/utf8.h"
#include "extract/bytescan.h"
#include "extract/chars.h"
#include "extract/extract_internal.h"
#include "report/report_internal.h"

static uint64_t rng_state = 0x2545F4914F6CDD1Dull;

static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state % n);
}

/* ---- chars.h -------------------------------------------------------------- */

static void test_chars_letters(void **state)
{
    (void)state;
    for (uint32_t cp = 0; cp < 0x30000; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        if (vn_ch_letter(cp) != vn_is_letter_cp(cp))
            fail_msg("vn_ch_letter(U+%04X) differs", (unsigned)cp);
    }
}

static void test_chars_decode(void **state)
{
    (void)state;
    /* every one-, two- and three-byte prefix, each length of input */
    for (unsigned x = 0; x < 256; x++)
        for (unsigned y = 0; y < 256; y++)
            for (unsigned z = 0; z < 256; z += (x >= 0xE0 && x <= 0xEF) ? 1 : 64) {
                unsigned char s[4] = {(unsigned char)x, (unsigned char)y, (unsigned char)z, 0x80};
                for (size_t n = 1; n <= 4; n++) {
                    uint32_t a = 1, b = 1;
                    size_t la = vn_ch_decode(s, n, &a), lb = vn_utf8_decode(s, n, &b);
                    if (la != lb || (la && a != b))
                        fail_msg("vn_ch_decode(%02x %02x %02x, %zu) differs", x, y, z, n);
                }
            }
    /* word characters before and at every position of a mixed text */
    static const char text[] = "Số 12_x: đồng\xE1\xBB\xA5\xC3\x28 \xF0\x9F\x98\x80 a\xCC\x81 ×÷ ạ";
    size_t len = sizeof text - 1;
    for (size_t i = 0; i <= len; i++) {
        assert_int_equal(vn_ch_word_at(text, len, i), vn_word_char_at(text, len, i));
        assert_int_equal(vn_ch_word_before(text, i), vn_word_char_before(text, i));
        if (i > 0)
            assert_int_equal(vn_ch_prev(text, i), vn_utf8_prev(text, i));
    }
}

/* ---- bytescan.h ------------------------------------------------------------ */

static void fill_random(char *s, size_t n)
{
    static const unsigned char pool[] = {'a', ' ', '0', '7', '.', '_', '/', 'n', 'g', 0xC4, 0x90, 0x91, 0xC6,
                                         'V', 'v', 0xE2, 0x80, 0xA6, 0x93, 0xA1, 0xBB, 0xE1, 0xC3};
    for (size_t i = 0; i < n; i++)
        s[i] = (char)pool[rnd(sizeof pool)];
}

static void test_bytescan(void **state)
{
    (void)state;
    char s[300];
    for (int round = 0; round < 3000; round++) {
        size_t len = rnd(sizeof s);
        fill_random(s, len);
        size_t from = len ? rnd((uint32_t)len + 1) : 0;
        size_t i;
        for (i = from; i < len && !vn_is_digit(s[i]); i++)
            ;
        assert_int_equal(vn_find_digit(s, from, len), i);
        for (i = from; i < len && s[i] != '.' && s[i] != '_' && (unsigned char)s[i] != 0xE2; i++)
            ;
        assert_int_equal(vn_find_byte3(s, from, len, '.', '_', 0xE2), i);
        for (i = from; i + 1 < len && !((unsigned char)s[i] == 0xC4 && ((unsigned char)s[i + 1] & 0xFE) == 0x90); i++)
            ;
        assert_int_equal(vn_find_pair(s, from, len, 0xC4, 0xFE, 0x90), i + 1 < len ? i : len);
        for (i = from; i + 2 < len; i++) {
            unsigned char x = (unsigned char)s[i], y = (unsigned char)s[i + 1], z = (unsigned char)s[i + 2];
            if (x == 0xC4 && (y & 0xFE) == 0x90 && ((z & 0xDF) == 'V' || z == 0xC6))
                break;
        }
        assert_int_equal(vn_find_triple(s, from, len, 0xC4, 0xFE, 0x90, 0xDF, 'V', 0xC6), i + 2 < len ? i : len);
        static const char word[] = "\x93ng";
        size_t w = SIZE_MAX;
        for (i = from; i + 3 <= len; i++)
            if (memcmp(s + i, word, 3) == 0) {
                w = i;
                break;
            }
        assert_int_equal(vn_find_word(s, from, len, word, 3, 1), w);
        assert_int_equal(vn_count_cps(s + from, len - from), vn_utf8_count(s + from, len - from));
    }
}

/* ---- JSON escaping -------------------------------------------------------- */

/* The rule, byte by byte: printable ASCII as it is but '"' and '\', the
 * usual short escapes, \u00XX for other controls and DEL, well-formed UTF-8
 * as it is, U+FFFD for each byte that starts no well-formed sequence. */
static size_t ref_escape(char *o, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        size_t l;
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
            o[k++] = (char)c;
        } else if (c >= 0x80 && (l = vn_utf8_decode((const unsigned char *)s + i, n - i, &cp)) != 0) {
            memcpy(o + k, s + i, l);
            k += l;
            i += l - 1;
        } else if (c >= 0x80) {
            memcpy(o + k, "\xEF\xBF\xBD", 3);
            k += 3;
        } else if (c == '"' || c == '\\') {
            o[k++] = '\\';
            o[k++] = (char)c;
        } else if (c == '\n' || c == '\t' || c == '\r') {
            o[k++] = '\\';
            o[k++] = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
        } else {
            char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            memcpy(o + k, e, 6);
            k += 6;
        }
    }
    return k;
}

static void test_json_escape(void **state)
{
    (void)state;
    static const char *const pieces[] = {"ồ", "ạ", "a", "\"", "\\", "\n", "\x01", "\x7f", "\xe1", "\xbb", "\x80",
                                         "\xf0\x9f\x98\x80", "\xed\xa0\x80", "\xc0\xaf", "đ", " ", "abcdefgh"};
    for (int round = 0; round < 400; round++) {
        size_t n = round % 20 == 0 ? 20000 + rnd(30000) : rnd(120);
        char *s = malloc(n + 1), *want = malloc(6 * n + 8);
        assert_non_null(s);
        assert_non_null(want);
        for (size_t k = 0; k < n;) {
            const char *p = pieces[rnd(sizeof pieces / sizeof pieces[0])];
            size_t l = strlen(p) < n - k ? strlen(p) : n - k;
            memcpy(s + k, p, l);
            k += l;
        }
        size_t wn = ref_escape(want, s, n);
        FILE *f = tmpfile();
        assert_non_null(f);
        struct vn_writer *w;
        assert_int_equal(vn_writer_new(f, &w), VN_OK);
        vn_w_json_str(w, s, n);
        vn_w_json_chars(w, s, n);
        assert_int_equal(vn_writer_free(w), VN_OK);
        long got_n = ftell(f);
        assert_int_equal(got_n, (long)(2 * wn + 2));
        char *got = malloc((size_t)got_n);
        assert_non_null(got);
        rewind(f);
        assert_int_equal(fread(got, 1, (size_t)got_n, f), (size_t)got_n);
        fclose(f);
        assert_int_equal(got[0], '"');
        assert_memory_equal(got + 1, want, wn);
        assert_int_equal(got[wn + 1], '"');
        assert_memory_equal(got + wn + 2, want, wn);
        free(got);
        free(s);
        free(want);
    }
}

static void test_write_uint(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    struct vn_writer *w;
    assert_int_equal(vn_writer_new(f, &w), VN_OK);
    char want[64];
    size_t wn = 0;
    static char expect[400000];
    for (int k = 0; k < 10000; k++) {
        uint64_t v = k < 200 ? (uint64_t)k : k < 220 ? UINT64_MAX - (uint64_t)(k - 200) : 1;
        if (k >= 220)
            for (uint32_t d = rnd(20); d; d--)
                v = v * 10 + rnd(10);
        vn_w_uint(w, v);
        vn_w_char(w, ' ');
        int l = snprintf(want, sizeof want, "%llu ", (unsigned long long)v);
        memcpy(expect + wn, want, (size_t)l);
        wn += (size_t)l;
    }
    assert_int_equal(vn_writer_free(w), VN_OK);
    assert_int_equal(ftell(f), (long)wn);
    char *got = malloc(wn);
    assert_non_null(got);
    rewind(f);
    assert_int_equal(fread(got, 1, wn, f), wn);
    fclose(f);
    assert_memory_equal(got, expect, wn);
    free(got);
}

/* ---- decimals --------------------------------------------------------------- */

static void test_decimal_fast_paths(void **state)
{
    (void)state;
    for (int round = 0; round < 20000; round++) {
        vn_int128 m = ((vn_int128)rnd(1000000000) * 1000000000 + rnd(1000000000));
        if (round % 3 == 0)
            m = m * 1000000000000000000ll + rnd(1000);   /* past 64 bits */
        else if (round % 5 == 0)
            m *= 10 * (vn_int128)rnd(100000);           /* trailing zeros */
        if (rnd(2))
            m = -m;
        struct vn_dec d = {m, (int)rnd(12)};
        /* shift: against repeated multiplication */
        int k = (int)rnd(40);
        struct vn_dec got, want = d;
        vn_status st = vn_dec_shift(d, k, &got), wst = VN_OK;
        vn_int128 lim = 1;
        for (int i = 0; i < VN_DEC_MAX_DIGITS; i++)
            lim *= 10;
        if (k > VN_DEC_MAX_DIGITS) {
            wst = VN_EOVERFLOW;
        } else {
            for (int i = 0; i < k && wst == VN_OK; i++) {
                if (__builtin_mul_overflow(want.mant, (vn_int128)10, &want.mant))
                    wst = VN_EOVERFLOW;
            }
            if (wst == VN_OK && !(want.mant < lim && want.mant > -lim))
                wst = VN_EOVERFLOW;
        }
        assert_int_equal(st, wst);
        if (st == VN_OK)
            assert_true(got.mant == want.mant && got.scale == want.scale);
        /* reduce: against the 128-bit loop */
        struct vn_dec r = vn_dec_reduce(d), w2 = d;
        while (w2.scale > 0 && w2.mant % 10 == 0) {
            w2.mant /= 10;
            w2.scale--;
        }
        assert_true(r.mant == w2.mant && r.scale == w2.scale);
        /* format: against digits taken with 128-bit division */
        char buf[VN_DEC_STRLEN], ref[VN_DEC_STRLEN];
        vn_dec_format_fixed(d, buf);
        unsigned __int128 u = m < 0 ? (unsigned __int128)(-(m + 1)) + 1 : (unsigned __int128)m;
        char digits[64];
        int nd = 0;
        do {
            digits[nd++] = (char)('0' + (int)(u % 10));
            u /= 10;
        } while (u);
        while (nd <= d.scale)
            digits[nd++] = '0';
        size_t o = 0;
        if (m < 0)
            ref[o++] = '-';
        for (int i = nd - 1; i >= d.scale; i--)
            ref[o++] = digits[i];
        if (d.scale) {
            ref[o++] = '.';
            for (int i = d.scale - 1; i >= 0; i--)
                ref[o++] = digits[i];
        }
        ref[o] = '\0';
        assert_string_equal(buf, ref);
    }
}

/* ---- vn_records_finish -------------------------------------------------------- */

static bool is_test(const struct vn_record *r)
{
    return r->type == VN_REC_DIAGNOSTIC && !strcmp(r->u.diagnostic.rule, "test");
}

static void test_finish_out_of_order(void **state)
{
    (void)state;
    /* several lines, one long, with multi-byte letters */
    char text[6000];
    size_t n = 0;
    for (int line = 0; line < 40 && n < sizeof text - 200; line++) {
        int words = line == 7 ? 300 : (int)rnd(12);
        for (int w = 0; w < words && n < sizeof text - 200; w++)
            n += (size_t)snprintf(text + n, sizeof text - n, "%s ", rnd(3) ? "đồng" : "12,5 triệu");
        text[n++] = '\n';
    }
    struct vn_pipeline *p;
    struct vn_doc *d;
    struct vn_error err;
    assert_int_equal(vn_pipeline_new(NULL, &p, &err), VN_OK);
    assert_int_equal(vn_doc_from_bytes(p, "t", text, n, &d, &err), VN_OK);
    struct vn_records *r = d->records;
    const struct vn_normtext *t = d->text;
    size_t first = r->n;
    /* appended at random places, some at the same offset as others */
    for (int k = 0; k < 500; k++) {
        struct vn_span at = {(uint32_t)rnd((uint32_t)t->len + 1), 0};
        if (k % 7 == 0 && first)
            at.off = r->items[rnd((uint32_t)first)].text.off;
        char msg[32];
        snprintf(msg, sizeof msg, "%d", k);
        assert_int_equal(vn_records_add_diagnostic(r, at, "test", VN_SEV_NOTE, msg), VN_OK);
        if (k % 100 == 99)
            assert_int_equal(vn_records_finish(r), VN_OK);
    }
    assert_int_equal(vn_records_finish(r), VN_OK);
    /* document order, and among records at one offset the order they were
       pushed in: the extractor's first, then the test's by number */
    for (size_t i = 1; i < r->n; i++) {
        const struct vn_record *a = &r->items[i - 1], *b = &r->items[i];
        assert_true(a->text.off <= b->text.off);
        if (a->text.off == b->text.off && is_test(a)) {
            assert_true(is_test(b));
            assert_true(atoi(a->u.diagnostic.message) < atoi(b->u.diagnostic.message));
        }
    }
    for (size_t i = 0; i < r->n; i++) {
        size_t line = vn_normtext_line_of(t, r->items[i].text.off);
        assert_int_equal(r->items[i].line, line);
        assert_int_equal(r->items[i].col, vn_normtext_col_of(t, line, r->items[i].text.off));
    }
    vn_doc_free(d);
    vn_pipeline_free(p);
}

/* ---- a number alone on its line (scan.c's short path) ----------------------- */

/* The JSON Lines of the records vn_extract gives for text (with the
 * validator's records too, which read what the scan left pending). */
static char *records_jsonl(struct vn_extractor *x, struct vn_normalizer *n, struct vn_validator *v,
                           const char *text)
{
    struct vn_normtext *t = NULL;
    struct vn_records *r = NULL;
    assert_int_equal(vn_normalize(n, text, strlen(text), &t), VN_OK);
    assert_int_equal(vn_extract(x, t, &r), VN_OK);
    assert_int_equal(vn_validate(v, t, r), VN_OK);
    assert_int_equal(vn_records_finish(r), VN_OK);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    struct vn_writer *w = NULL;
    assert_int_equal(vn_writer_new(f, &w), VN_OK);
    struct vn_report_opts o = {.format = VN_FMT_JSONL, .file_label = "t", .include_checks = true};
    assert_int_equal(vn_report_write(w, &o, r), VN_OK);
    assert_int_equal(vn_writer_free(w), VN_OK);
    fclose(f);
    vn_records_free(r);
    vn_normtext_free(t);
    return buf;
}

/* Random texts made of lines that hold a lone number (a year, a long one,
 * one past 18 digits) among lines that leave something pending for the
 * next figure (a label and ';', "từ", '/', '(' ...), unit lines, table
 * headings, dates and references: the short path must give the very
 * records the full path gives. */
static void test_lone_number_lines(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "1", "12", "2024", "1995", "0", "007", "123456789012345678", "1234567890123456789", "99999999999999999999",
        "5 triệu đồng", "NSTW: 2.150 triệu đồng;", "NSĐP: 113", "từ 5", "đến 10 triệu đồng", "3/", "/4 tỷ đồng",
        "Tổng vốn 1.250,5 triệu đồng, trong đó:", "(", "12%", "ĐVT: triệu đồng", "Đơn vị tính: tỷ đồng",
        "TT Nội dung (triệu đồng) (tỷ đồng)", "1 Chi sự nghiệp 206,5 277,9", "A\t5\t6", "| 1 | 2 |", "",
        "ngày 14 tháng", "10 năm 2021", "Quyết định số", "1719/QĐ-TTg", "Số:", "khoảng", "đạt", "25,9% KH",
        "  7", "8  ", "-5", "+6", "1.000", "2,5", "1 2", "x 3", "năm", "2023.", "NSĐP: 113;", "Vốn: 4;",
        "NSTW: 7 triệu đồng", "từ 5 đến", "6/", "7 -", "(8", "9)", "10 triệu đồng/", "(ha)",
    };
    const size_t n_lines = sizeof lines / sizeof *lines;
    struct vn_vocab *voc = NULL;
    struct vn_normalizer *n = NULL;
    struct vn_extractor *x = NULL;
    struct vn_validator *v = NULL;
    assert_int_equal(vn_vocab_new_builtin(&voc, NULL), VN_OK);
    assert_int_equal(vn_normalizer_new(&n), VN_OK);
    assert_int_equal(vn_extractor_new(voc, &x, NULL), VN_OK);
    assert_int_equal(vn_validator_new(voc, &v, NULL), VN_OK);
    char text[4096];
    size_t lone_seen = 0;
    for (int round = 0; round < 3000; round++) {
        size_t k = 0;
        size_t count = 2 + rnd(14);
        for (size_t j = 0; j < count; j++) {
            const char *l = lines[rnd((uint32_t)n_lines)];
            k += (size_t)snprintf(text + k, sizeof text - k, "%s\n", l);
            lone_seen += l[0] >= '0' && l[0] <= '9' && strspn(l, "0123456789") == strlen(l);
        }
        if (rnd(3) == 0 && k > 0)
            text[--k] = '\0';   /* no line end at the end of the text */
        x->lone_fast = true;
        char *fast = records_jsonl(x, n, v, text);
        x->lone_fast = false;
        char *full = records_jsonl(x, n, v, text);
        if (strcmp(fast, full) != 0)
            fail_msg("records differ for the text:\n%s\n-- short path:\n%s-- full path:\n%s", text, fast, full);
        free(fast);     /* open_memstream's */
        free(full);
    }
    assert_true(lone_seen > 1000);
    vn_validator_free(v);
    vn_extractor_free(x);
    vn_normalizer_free(n);
    vn_vocab_free(voc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chars_letters),
        cmocka_unit_test(test_chars_decode),
        cmocka_unit_test(test_bytescan),
        cmocka_unit_test(test_json_escape),
        cmocka_unit_test(test_write_uint),
        cmocka_unit_test(test_decimal_fast_paths),
        cmocka_unit_test(test_finish_out_of_order),
        cmocka_unit_test(test_lone_number_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
