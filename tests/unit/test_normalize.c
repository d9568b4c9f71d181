/* Ingest and normalize: encodings, NFC, space/dash/zero-width mapping,
 * markup removal, line preservation, invalid bytes, very long lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "helpers.h"
#include "common/utf8.h"
#include "common/utf8_simd.h"

/* ---- helpers ------------------------------------------------------------ */

struct byts {
    char *p;
    size_t n, cap;
};

static void b_add(struct byts *b, const void *p, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t c = b->cap ? b->cap : 256;
        while (c < b->n + n + 1)
            c *= 2;
        b->p = realloc(b->p, c);
        assert_non_null(b->p);
        b->cap = c;
    }
    memcpy(b->p + b->n, p, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void b_str(struct byts *b, const char *s)
{
    b_add(b, s, strlen(s));
}

/* UTF-8 (LF) -> UTF-16 with BOM, LF written as CRLF. */
static struct byts to_utf16_crlf(const char *s, bool be)
{
    struct byts b = {0};
    unsigned char bom[2] = {be ? 0xFE : 0xFF, be ? 0xFF : 0xFE};
    b_add(&b, bom, 2);
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = vn_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        assert_true(l > 0);
        i += l;
        uint16_t u[3];
        size_t k = 0;
        if (cp == '\n') {
            u[k++] = '\r';
            u[k++] = '\n';
        } else if (cp >= 0x10000) {
            u[k++] = (uint16_t)(0xD800 + ((cp - 0x10000) >> 10));
            u[k++] = (uint16_t)(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            u[k++] = (uint16_t)cp;
        }
        for (size_t j = 0; j < k; j++) {
            unsigned char c[2];
            c[be ? 0 : 1] = (unsigned char)(u[j] >> 8);
            c[be ? 1 : 0] = (unsigned char)(u[j] & 0xFF);
            b_add(&b, c, 2);
        }
    }
    return b;
}

/* Normalization form of a UTF-8 string by ICU directly (for building NFD
 * inputs and reference outputs). Caller frees. */
static char *icu_form(const char *s, size_t len, bool nfd, size_t *outlen)
{
    UErrorCode ue = U_ZERO_ERROR;
    const UNormalizer2 *n = nfd ? unorm2_getNFDInstance(&ue) : unorm2_getNFCInstance(&ue);
    assert_true(U_SUCCESS(ue));
    int32_t ulen = 0;
    UChar *u = malloc((len + 1) * sizeof *u);
    assert_non_null(u);
    u_strFromUTF8(u, (int32_t)len + 1, &ulen, s, (int32_t)len, &ue);
    assert_true(U_SUCCESS(ue));
    int32_t cap = ulen * 4 + 16;
    UChar *o = malloc((size_t)cap * sizeof *o);
    assert_non_null(o);
    int32_t olen = unorm2_normalize(n, u, ulen, o, cap, &ue);
    assert_true(U_SUCCESS(ue));
    char *r = malloc((size_t)olen * 3 + 1);
    assert_non_null(r);
    int32_t rlen = 0;
    u_strToUTF8(r, olen * 3 + 1, &rlen, o, olen, &ue);
    assert_true(U_SUCCESS(ue));
    free(u);
    free(o);
    *outlen = (size_t)rlen;
    return r;
}

static struct vn_normtext *norm(struct vn_normalizer *n, const char *s)
{
    struct vn_normtext *t = NULL;
    assert_int_equal(vn_normalize(n, s, strlen(s), &t), VN_OK);
    assert_non_null(t);
    return t;
}

/* Normalizes one line and compares. */
static void expect_norm(struct vn_normalizer *n, const char *in, const char *want)
{
    struct vn_normtext *t = norm(n, in);
    char got[512];
    snprintf(got, sizeof got, "%s", t->data);
    size_t len = t->len;
    vn_normtext_free(t);
    if (strcmp(got, want) != 0)
        fail_msg("normalize(\"%s\") = \"%s\", expected \"%s\"", in, got, want);
    assert_int_equal(len, strlen(want));
}

static size_t count_lines(const char *s)
{
    size_t n = 1, len = strlen(s);
    for (size_t i = 0; i < len; i++)
        n += s[i] == '\n' && i + 1 < len;
    return n;
}

/* Two documents have the same records, except "not-nfc" notes. */
static void same_records(const struct vn_doc *a, const struct vn_doc *b)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i < a->records->n && a->records->items[i].type == VN_REC_DIAGNOSTIC &&
               !strcmp(a->records->items[i].u.diagnostic.rule, "not-nfc"))
            i++;
        while (j < b->records->n && b->records->items[j].type == VN_REC_DIAGNOSTIC &&
               !strcmp(b->records->items[j].u.diagnostic.rule, "not-nfc"))
            j++;
        if (i == a->records->n || j == b->records->n)
            break;
        const struct vn_record *x = &a->records->items[i], *y = &b->records->items[j];
        if (x->type != y->type || x->line != y->line || x->col != y->col || x->text.off != y->text.off ||
            x->text.len != y->text.len) {
            t_dump(a);
            t_dump(b);
            fail_msg("record %zu/%zu differs", i, j);
        }
        if (x->type == VN_REC_AMOUNT) {
            assert_int_equal(vn_dec_cmp(x->u.amount.dong, y->u.amount.dong), 0);
            assert_int_equal(x->u.amount.hedge, y->u.amount.hedge);
            assert_int_equal(x->u.amount.unit.off, y->u.amount.unit.off);
            assert_int_equal(x->u.amount.unit.len, y->u.amount.unit.len);
            assert_int_equal(x->u.amount.implied_unit, y->u.amount.implied_unit);
        } else if (x->type == VN_REC_REFERENCE) {
            const struct vn_reference *f = &x->u.reference, *g = &y->u.reference;
            assert_int_equal(f->kind.off, g->kind.off);
            assert_int_equal(f->kind.len, g->kind.len);
            assert_int_equal(f->year, g->year);
            assert_string_equal(f->code ? f->code : "", g->code ? g->code : "");
            assert_memory_equal(&f->date, &g->date, sizeof f->date);
        } else if (x->type == VN_REC_DIAGNOSTIC) {
            assert_string_equal(x->u.diagnostic.rule, y->u.diagnostic.rule);
        }
        i++;
        j++;
    }
    if (i != a->records->n || j != b->records->n) {
        t_dump(a);
        t_dump(b);
        fail_msg("record counts differ");
    }
}

/* One normalizer for the tests that call vn_normalize directly. */
static struct vn_normalizer *g_norm;

static int setup(void **state)
{
    if (vn_normalizer_new(&g_norm) != VN_OK)
        return -1;
    return t_pipeline_setup(state);
}

static int teardown(void **state)
{
    vn_normalizer_free(g_norm);
    g_norm = NULL;
    return t_pipeline_teardown(state);
}

/* A report excerpt in NFC (precomposed letters). */
static const char SAMPLE_NFC[] =
    "BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH\n"
    "Thực hiện Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ.\n"
    "Tổng vốn: 33.700,719 triệu đồng; đã giải ngân khoảng 16.567,406trđ, đạt 49,2%.\n"
    "Vốn sự nghiệp: 9.757,650 (trong đó NSTW: 9.293,0trđ; NSĐP: 464,65trđ)\n"
    "Số tiền 85.000.000đ (Tám mươi lăm triệu đồng); năng suất 61,48 tạ/ha.\n"
    "Ngày 30/02/2024 hộ nghèo được hỗ trợ; Kế hoạch số 231/KH- UBND.\n";

/* ---- NFC ------------------------------------------------------------------ */

static void test_nfd_same_as_nfc_literal(void **state)
{
    struct vn_pipeline *p = *state;
    /* "Tiếng Việt: 5 tỷ đồng" with ế = e + U+0302 + U+0301, ệ = e + U+0323 +
       U+0302, ỷ = y + U+0309, ồ = o + U+0302 + U+0300 */
    const char nfd[] = "Tie\xCC\x82\xCC\x81ng Vie\xCC\xA3\xCC\x82t: 5 ty\xCC\x89 đo\xCC\x82\xCC\x80ng";
    const char nfc[] = "Tiếng Việt: 5 tỷ đồng";
    struct vn_doc *a = t_doc(p, nfd), *b = t_doc(p, nfc);
    assert_string_equal(a->text->data, nfc);
    assert_int_equal(a->text->len, b->text->len);
    assert_false(a->text->was_nfc);
    assert_int_equal(a->text->first_non_nfc_line, 1);
    assert_true(b->text->was_nfc);
    assert_int_equal(t_count_rule(a, "not-nfc"), 1);
    assert_int_equal(t_count_rule(b, "not-nfc"), 0);
    assert_int_equal(t_count(a, VN_REC_AMOUNT), 1);
    same_records(a, b);
    /* unit text as written, in NFC */
    assert_string_equal(t_span(a, t_nth(a, VN_REC_AMOUNT, 0)->u.amount.unit), "tỷ đồng");
    assert_int_equal(t_nth(a, VN_REC_AMOUNT, 0)->col, 13);
    t_free(a);
    t_free(b);
}

static void test_nfd_same_as_nfc_report(void **state)
{
    struct vn_pipeline *p = *state;
    size_t nlen;
    char *nfd = icu_form(SAMPLE_NFC, strlen(SAMPLE_NFC), true, &nlen);
    assert_true(nlen > strlen(SAMPLE_NFC));   /* it really is decomposed */
    struct vn_doc *a = t_doc_bytes(p, nfd, nlen), *b = t_doc(p, SAMPLE_NFC);
    assert_int_equal(a->text->len, b->text->len);
    assert_memory_equal(a->text->data, b->text->data, b->text->len);
    assert_int_equal(a->text->n_lines, b->text->n_lines);
    assert_memory_equal(a->text->line_start, b->text->line_start, b->text->n_lines * sizeof(uint32_t));
    assert_false(a->text->was_nfc);
    assert_int_equal(a->text->first_non_nfc_line, 1);
    assert_true(b->text->was_nfc);
    assert_true(t_count(b, VN_REC_AMOUNT) >= 6);
    assert_true(t_count(b, VN_REC_REFERENCE) == 2);
    same_records(a, b);
    free(nfd);
    t_free(a);
    t_free(b);
}

static void test_first_non_nfc_line(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Dòng một\nDòng hai\nTie\xCC\x82\xCC\x81ng Vie\xCC\xA3\xCC\x82t\n");
    assert_false(d->text->was_nfc);
    assert_int_equal(d->text->first_non_nfc_line, 3);
    assert_string_equal(d->text->data, "Dòng một\nDòng hai\nTiếng Việt\n");
    const struct vn_record *g = t_rule(d, "not-nfc", 0);
    assert_int_equal(g->line, 3);
    assert_int_equal(g->u.diagnostic.severity, VN_SEV_NOTE);
    t_free(d);
}

/* ---- encodings ------------------------------------------------------------ */

static void test_utf16_with_bom_and_crlf(void **state)
{
    struct vn_pipeline *p = *state;
    /* add a character outside the BMP (a surrogate pair in UTF-16) */
    struct byts src = {0};
    b_str(&src, SAMPLE_NFC);
    b_str(&src, "Ký hiệu \xF0\xA0\x80\x80 hết.\n");
    struct vn_doc *ref = t_doc(p, src.p);
    for (int be = 0; be < 2; be++) {
        struct byts u = to_utf16_crlf(src.p, be);
        struct vn_text *raw = NULL;
        struct vn_error err;
        assert_int_equal(vn_text_from_bytes(u.p, u.n, &raw, &err), VN_OK);
        assert_int_equal(raw->encoding, be ? VN_ENC_UTF16BE : VN_ENC_UTF16LE);
        assert_true(raw->had_crlf);
        assert_int_equal(raw->n_issues_total, 0);
        assert_int_equal(raw->len, src.n);
        assert_memory_equal(raw->data, src.p, src.n);
        vn_text_free(raw);

        struct vn_doc *d = t_doc_bytes(p, u.p, u.n);
        assert_int_equal(d->text->len, ref->text->len);
        assert_memory_equal(d->text->data, ref->text->data, ref->text->len);
        assert_int_equal(d->text->n_lines, ref->text->n_lines);
        same_records(d, ref);
        t_free(d);
        free(u.p);
    }
    t_free(ref);
    free(src.p);
}

static void test_utf16_invalid(void **state)
{
    (void)state;
    struct vn_text *t = NULL;
    /* LE: BOM, 'a', a lone high surrogate, 'b', then an odd trailing byte */
    const unsigned char le[] = {0xFF, 0xFE, 'a', 0, 0x00, 0xD8, 'b', 0, 'c'};
    assert_int_equal(vn_text_from_bytes(le, sizeof le, &t, NULL), VN_OK);
    assert_int_equal(t->encoding, VN_ENC_UTF16LE);
    assert_string_equal(t->data, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
    assert_int_equal(t->n_issues, 2);
    assert_int_equal(t->issues[0].kind, VN_ISSUE_INVALID_UTF16);
    assert_int_equal(t->issues[0].offset, 4);
    assert_int_equal(t->issues[1].kind, VN_ISSUE_INVALID_UTF16);
    assert_int_equal(t->issues[1].offset, 8);
    vn_text_free(t);
    /* BE: a lone low surrogate on line 2, a NUL code unit */
    const unsigned char be[] = {0xFE, 0xFF, 0, 'a', 0, '\r', 0, '\n', 0xDC, 0x00, 0, 0, 0, 'z'};
    assert_int_equal(vn_text_from_bytes(be, sizeof be, &t, NULL), VN_OK);
    assert_int_equal(t->encoding, VN_ENC_UTF16BE);
    assert_string_equal(t->data, "a\n\xEF\xBF\xBD\xEF\xBF\xBDz");
    assert_int_equal(t->n_issues, 2);
    assert_int_equal(t->issues[0].kind, VN_ISSUE_INVALID_UTF16);
    assert_int_equal(t->issues[0].offset, 8);
    assert_int_equal(t->issues[0].line, 2);
    assert_int_equal(t->issues[1].kind, VN_ISSUE_NUL_BYTE);
    assert_int_equal(t->issues[1].offset, 10);
    vn_text_free(t);
}

static void test_crlf_and_cr(void **state)
{
    (void)state;
    struct vn_text *t = NULL;
    const char in[] = "a\r\nb\rc\n\r\nd";
    assert_int_equal(vn_text_from_bytes(in, sizeof in - 1, &t, NULL), VN_OK);
    assert_string_equal(t->data, "a\nb\nc\n\nd");
    assert_true(t->had_crlf);
    assert_int_equal(t->encoding, VN_ENC_UTF8);
    vn_text_free(t);

    assert_int_equal(vn_text_from_bytes("a\nb", 3, &t, NULL), VN_OK);
    assert_false(t->had_crlf);
    assert_string_equal(t->data, "a\nb");
    vn_text_free(t);
}

static void test_utf8_bom_dropped(void **state)
{
    struct vn_pipeline *p = *state;
    struct byts b = {0};
    b_str(&b, "\xEF\xBB\xBF");
    b_str(&b, SAMPLE_NFC);
    struct vn_text *t = NULL;
    assert_int_equal(vn_text_from_bytes(b.p, b.n, &t, NULL), VN_OK);
    assert_int_equal(t->encoding, VN_ENC_UTF8_BOM);
    assert_string_equal(t->data, SAMPLE_NFC);
    vn_text_free(t);

    struct vn_doc *d = t_doc_bytes(p, b.p, b.n), *ref = t_doc(p, SAMPLE_NFC);
    assert_string_equal(d->text->data, ref->text->data);
    same_records(d, ref);
    /* the first record's column is not shifted by the BOM */
    assert_int_equal(t_nth(d, VN_REC_REFERENCE, 0)->col, 11);
    t_free(d);
    t_free(ref);
    free(b.p);
}

/* ---- invalid bytes ---------------------------------------------------------- */

static void test_invalid_utf8_and_nul(void **state)
{
    struct vn_pipeline *p = *state;
    /* offsets:    0123 4 567 8 9 */
    const char in[] = "abc\xFF" "def\n\0x 5 tỷ đồng\nđủ";
    size_t n = sizeof in - 1;
    struct vn_text *t = NULL;
    assert_int_equal(vn_text_from_bytes(in, n, &t, NULL), VN_OK);
    assert_string_equal(t->data, "abc\xEF\xBF\xBD" "def\n\xEF\xBF\xBDx 5 tỷ đồng\nđủ");
    assert_int_equal(t->n_issues, 2);
    assert_int_equal(t->n_issues_total, 2);
    assert_int_equal(t->issues[0].kind, VN_ISSUE_INVALID_UTF8);
    assert_int_equal(t->issues[0].offset, 3);
    assert_int_equal(t->issues[0].line, 1);
    assert_int_equal(t->issues[1].kind, VN_ISSUE_NUL_BYTE);
    assert_int_equal(t->issues[1].offset, 8);
    assert_int_equal(t->issues[1].line, 2);
    vn_text_free(t);

    /* in the pipeline: error diagnostics, and the rest is still read */
    struct vn_doc *d = t_doc_bytes(p, in, n);
    assert_int_equal(d->text->n_lines, 3);
    assert_int_equal(t_count_rule(d, "invalid-encoding"), 1);
    assert_int_equal(t_count_rule(d, "nul-byte"), 1);
    assert_int_equal(t_rule(d, "invalid-encoding", 0)->line, 1);
    assert_int_equal(t_rule(d, "nul-byte", 0)->line, 2);
    assert_int_equal(t_rule(d, "nul-byte", 0)->u.diagnostic.severity, VN_SEV_ERROR);
    assert_non_null(strstr(t_rule(d, "nul-byte", 0)->u.diagnostic.message, "8"));
    assert_int_equal(vn_doc_error_count(d), 2);
    const struct vn_record *a = t_nth(d, VN_REC_AMOUNT, 0);
    assert_string_equal(t_dec(a->u.amount.dong), "5000000000");
    assert_int_equal(a->line, 2);
    assert_int_equal(a->col, 4);
    t_free(d);
}

static void test_invalid_utf8_forms(void **state)
{
    (void)state;
    struct vn_text *t = NULL;
    /* overlong '/', a UTF-16 surrogate, a lone continuation byte, > U+10FFFF */
    static const struct {
        const char *in;
        size_t len;
    } cases[] = {
        {"x\xC0\xAFy", 4},
        {"x\xED\xA0\x80y", 5},
        {"x\x80y", 3},
        {"x\xF4\x90\x80\x80y", 6},
        {"x\xE1\xBAy", 4},   /* truncated sequence */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(vn_text_from_bytes(cases[i].in, cases[i].len, &t, NULL), VN_OK);
        assert_true(t->n_issues >= 1);
        assert_int_equal(t->issues[0].kind, VN_ISSUE_INVALID_UTF8);
        assert_int_equal(t->issues[0].offset, 1);
        /* valid UTF-8 out, the text around kept */
        assert_true(t->len >= 5);
        assert_int_equal(t->data[0], 'x');
        assert_int_equal(t->data[t->len - 1], 'y');
        assert_memory_equal(t->data + 1, "\xEF\xBF\xBD", 3);
        for (size_t k = 0; k < t->len;) {
            uint32_t cp;
            size_t l = vn_utf8_decode((const unsigned char *)t->data + k, t->len - k, &cp);
            assert_true(l > 0);
            k += l;
        }
        vn_text_free(t);
    }
}

static void test_issue_offsets_after_bom_and_crlf(void **state)
{
    (void)state;
    struct vn_text *t = NULL;
    /* BOM (3 bytes) + "ab\r\n" + "c" + invalid byte at input offset 8 */
    const char in[] = "\xEF\xBB\xBF" "ab\r\nc\xFE";
    assert_int_equal(vn_text_from_bytes(in, sizeof in - 1, &t, NULL), VN_OK);
    assert_int_equal(t->n_issues, 1);
    assert_int_equal(t->issues[0].offset, 8);
    assert_int_equal(t->issues[0].line, 2);
    assert_string_equal(t->data, "ab\nc\xEF\xBF\xBD");
    vn_text_free(t);
}

static void test_many_issues_capped(void **state)
{
    struct vn_pipeline *p = *state;
    struct byts b = {0};
    for (int i = 0; i < 100; i++)
        b_str(&b, "x\xFF\n");
    struct vn_text *t = NULL;
    assert_int_equal(vn_text_from_bytes(b.p, b.n, &t, NULL), VN_OK);
    assert_int_equal(t->n_issues, VN_INGEST_MAX_ISSUES);
    assert_int_equal(t->n_issues_total, 100);
    assert_int_equal(t->issues[63].line, 64);
    assert_int_equal(t->issues[63].offset, 63 * 3 + 1);
    vn_text_free(t);
    struct vn_doc *d = t_doc_bytes(p, b.p, b.n);
    /* every stored issue, plus one summary */
    assert_int_equal(t_count_rule(d, "invalid-encoding"), VN_INGEST_MAX_ISSUES + 1);
    assert_int_equal(d->text->n_lines, 100);
    t_free(d);
    free(b.p);
}

/* ---- space, dash, invisible characters ------------------------------------ */

static void test_space_dash_invisible(void **state)
{
    (void)state;
    struct vn_normalizer *n = g_norm;
    expect_norm(n, "5.000\xC2\xA0triệu đồng", "5.000 triệu đồng");          /* NBSP */
    expect_norm(n, "5.000\xE2\x80\x89trđ", "5.000 trđ");                   /* thin space */
    expect_norm(n, "a\xE2\x80\xAF" "b\xE3\x80\x80" "c", "a b c");             /* narrow NBSP, ideographic */
    expect_norm(n, "2021\xE2\x80\x93" "2025", "2021-2025");                   /* en dash */
    expect_norm(n, "\xE2\x88\x92" "5%", "-5%");                               /* minus sign */
    expect_norm(n, "a\xE2\x80\x94" "b\xE2\x80\x90" "c", "a-b-c");             /* em dash, hyphen */
    expect_norm(n, "tri\xE2\x80\x8B" "ệu", "triệu");                          /* zero-width space */
    expect_norm(n, "Quyết\xC2\xAD định", "Quyết định");                     /* soft hyphen */
    expect_norm(n, "a\xE2\x80\x8C" "b\xE2\x80\x8D" "c\xE2\x81\xA0" "d", "abcd"); /* ZWNJ, ZWJ, WJ */
    expect_norm(n, "x\xEF\xBB\xBFy", "xy");                                   /* stray BOM */
    expect_norm(n, "a\tb", "a\tb");                                           /* TAB kept */
    expect_norm(n, "a\x0B" "b\x0C" "c", "a b c");                             /* VT, FF */
    expect_norm(n, "a\xE2\x80\xA8" "b", "a b");                               /* LINE SEPARATOR */
}

static void test_nbsp_amount(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Tổng\xC2\xA0vốn 33.700,719\xC2\xA0triệu\xC2\xA0đồng");
    const struct vn_record *a = t_nth(d, VN_REC_AMOUNT, 0);
    assert_string_equal(t_dec(a->u.amount.dong), "33700719000");
    assert_string_equal(t_span(d, a->u.amount.unit), "triệu đồng");
    assert_int_equal(a->col, 10);
    t_free(d);
    /* a zero-width space inside a unit does not hide it */
    d = t_doc(p, "Chi 5 tri\xE2\x80\x8B" "ệu đồng");
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 1);
    t_free(d);
}

/* ---- markup --------------------------------------------------------------- */

static void test_markdown_emphasis(void **state)
{
    (void)state;
    struct vn_normalizer *n = g_norm;
    expect_norm(n, "*Cây lúa*: x", "Cây lúa: x");
    expect_norm(n, "(*vốn*)", "(vốn)");
    expect_norm(n, "**Tổng**", "Tổng");
    expect_norm(n, "**Tổng:** 5", "Tổng: 5");
    expect_norm(n, "***Ghi chú***", "Ghi chú");
    expect_norm(n, "Nguồn: *NSTW* và **NSĐP**.", "Nguồn: NSTW và NSĐP.");
    /* not emphasis */
    expect_norm(n, "2*3", "2*3");
    expect_norm(n, "5 * 3 = 15", "5 * 3 = 15");
    expect_norm(n, "* Dự án 1", "* Dự án 1");
    expect_norm(n, "** Dự án 2", "** Dự án 2");

    struct vn_normtext *t = norm(n, "**Tổng** và *x*");
    assert_int_equal(t->n_markup_removed, 4);
    vn_normtext_free(t);
    t = norm(n, "2*3 * Dự án");
    assert_int_equal(t->n_markup_removed, 0);
    vn_normtext_free(t);
}

/* A lone star with no partner is not emphasis: "(*)" marks a footnote in
 * reports ("Ghi chú (*)", "Xã Tân An (*)"), "*" alone a wildcard. */
static void test_markdown_lone_star_kept(void **state)
{
    (void)state;
    struct vn_normalizer *n = g_norm;
    expect_norm(n, "Ghi chú (*)", "Ghi chú (*)");
    expect_norm(n, "Xã Tân An (*): 5 hộ", "Xã Tân An (*): 5 hộ");
    expect_norm(n, "(*) Số liệu ước", "(*) Số liệu ước");
    /* two footnote marks on a line do not pair up */
    expect_norm(n, "Xã Tân An (*), xã Hòa Bình (*)", "Xã Tân An (*), xã Hòa Bình (*)");
    expect_norm(n, "Tổng số (**) và (**)", "Tổng số (**) và (**)");
    /* a star glued to a word with no partner: a footnote too */
    expect_norm(n, "Xã Tân An*: 5 hộ", "Xã Tân An*: 5 hộ");
    /* arithmetic between digits */
    expect_norm(n, "2*3*4", "2*3*4");

    struct vn_normtext *t = norm(n, "Ghi chú (*) và *");
    assert_int_equal(t->n_markup_removed, 0);
    vn_normtext_free(t);
}

/* Emphasis is removed in matching pairs only: the closer takes the nearest
 * opener of its length, whatever touches it. */
static void test_markdown_pairs(void **state)
{
    (void)state;
    struct vn_normalizer *n = g_norm;
    expect_norm(n, "a**b** c", "ab c");
    expect_norm(n, "**Tổng** và **Cộng: 5**", "Tổng và Cộng: 5");
    expect_norm(n, "**a *b* c**", "a b c");
    expect_norm(n, "*vốn (*) đầu tư*", "vốn (*) đầu tư");
    /* an opener with no closer of its length stays, the pair inside goes */
    expect_norm(n, "**a *b* c", "**a b c");
    expect_norm(n, "*a** b", "*a** b");

    struct vn_normtext *t = norm(n, "a**b** c *d");
    assert_int_equal(t->n_markup_removed, 2);
    assert_string_equal(t->data, "ab c *d");
    vn_normtext_free(t);
}

static void test_latex_math(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_normalizer *n = g_norm;
    expect_norm(n, "$8614/8698 = 99,03\\%$", "8614/8698 = 99,03%");
    expect_norm(n, "Tỷ lệ $8614/8698 = 99,03\\%$ đạt", "Tỷ lệ 8614/8698 = 99,03% đạt");
    expect_norm(n, "đạt 25,9\\% kế hoạch", "đạt 25,9% kế hoạch");
    /* a lone '$' is text */
    expect_norm(n, "giá $5 một", "giá $5 một");

    struct vn_doc *d = t_doc(p, "Tỷ lệ $8614/8698 = 99,03\\%$ đạt");
    assert_string_equal(d->text->data, "Tỷ lệ 8614/8698 = 99,03% đạt");
    const struct vn_record *r = t_nth(d, VN_REC_PERCENT, 0);
    assert_string_equal(t_span(d, r->text), "99,03%");
    assert_string_equal(t_dec(r->u.percent.num.value), "99.03");
    assert_int_equal(r->col, 19);
    t_free(d);
}

static void test_markup_in_nfd(void **state)
{
    (void)state;
    struct vn_normalizer *n = g_norm;
    expect_norm(n, "*Tie\xCC\x82\xCC\x81ng\xC2\xA0Vie\xCC\xA3\xCC\x82t*: 5\xE2\x80\x93" "6",
                "Tiếng Việt: 5-6");
}

/* ---- lines ---------------------------------------------------------------- */

/* A message cut by snprintf in the middle of a letter, then continued: the
 * broken bytes go, every whole letter stays. */
static void test_utf8_drop_broken(void **state)
{
    (void)state;
    char s[64];
    snprintf(s, sizeof s, "%.*s = 5", 3, "Tỉnh");   /* "T" and 2 of the 3 bytes of "ỉ" */
    assert_int_equal(vn_utf8_drop_broken(s, strlen(s)), strlen("T = 5"));
    assert_string_equal(s, "T = 5");
    strcpy(s, "Vốn \xE1\xBB tỷ \xFF\xC3đồng");
    vn_utf8_drop_broken(s, strlen(s));
    assert_string_equal(s, "Vốn  tỷ đồng");
    strcpy(s, "đạt 25,9%");
    assert_int_equal(vn_utf8_drop_broken(s, strlen(s)), strlen("đạt 25,9%"));
    assert_string_equal(s, "đạt 25,9%");
}

static void test_lines_never_joined_or_split(void **state)
{
    struct vn_pipeline *p = *state;
    static const char *inputs[] = {
        "",
        "\n",
        "một dòng",
        "một dòng\n",
        "a\n\nb\n\n\n",
        "*Cây lúa*\n**Tổng**: 5 tỷ đồng\n$a/b = 5\\%$\n* Dự án\n",
        "a\xE2\x80\xA8" "b\xE2\x80\xA9" "c\x0B" "d\x0C" "e\n",
        "Tie\xCC\x82\xCC\x81ng\nVie\xCC\xA3\xCC\x82t\n\n",
        "$mở\n đóng$\n*mở\nđóng*",
        "\xC2\xA0\n\xE2\x80\x8B\n\xC2\xAD\n",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        if (strspn(inputs[i], "\n") == strlen(inputs[i])) {
            /* no text at all: refused, never an empty "clean" document */
            struct vn_doc *none = NULL;
            struct vn_error err;
            assert_int_equal(vn_doc_from_bytes(p, "test", inputs[i], strlen(inputs[i]), &none, &err), VN_ENOTEXT);
            assert_null(none);
            continue;
        }
        struct vn_doc *d = t_doc(p, inputs[i]);
        size_t want = count_lines(inputs[i]);
        if (d->text->n_lines != want || count_lines(d->text->data) != want)
            fail_msg("input %zu: %zu lines in, %zu (data %zu) out", i, want, d->text->n_lines,
                     count_lines(d->text->data));
        /* line_start agrees with the data */
        assert_int_equal(d->text->line_start[0], 0);
        for (size_t l = 1; l < d->text->n_lines; l++)
            assert_int_equal(d->text->data[d->text->line_start[l] - 1], '\n');
        t_free(d);
    }
    /* CRLF and lone CR are line ends: same count as LF */
    struct vn_doc *d = t_doc(p, "a\r\nb\rc\r\n");
    assert_int_equal(d->text->n_lines, 3);
    assert_string_equal(d->text->data, "a\nb\nc\n");
    t_free(d);
}

/* ---- very long lines ------------------------------------------------------ */

static void test_long_line_chunks(void **state)
{
    struct vn_pipeline *p = *state;
    /* pieces in NFD and NFC; a 5 MB line of them, then a short line */
    static const char *nfd_parts[] = {
        "Tie\xCC\x82\xCC\x81ng Vie\xCC\xA3\xCC\x82t ",
        "5 ty\xCC\x89 đo\xCC\x82\xCC\x80ng; ",
        "ngu\xCC\x9Bo\xCC\x9B\xCC\x80i ",   /* người: u+horn, o+horn+grave */
        "ABC, ",
    };
    static const char *nfc_parts[] = {
        "Tiếng Việt ",
        "5 tỷ đồng; ",
        "người ",
        "ABC, ",
    };
    /* Greek with combining acute (non-ASCII bases: no ASCII to cut at) */
    static const char greek_nfd[] = "\xCE\xB1\xCC\x81";   /* α + U+0301 */
    static const char greek_nfc[] = "\xCE\xAC";           /* ά */
    struct byts in = {0}, want = {0};
    size_t k = 0;
    while (in.n < (5u << 20)) {
        if (k % 97 == 96) {
            /* a 100 KB run without ASCII, then a space */
            for (int j = 0; j < 25000; j++) {
                b_str(&in, greek_nfd);
                b_str(&want, greek_nfc);
            }
            b_str(&in, " ");
            b_str(&want, " ");
        }
        b_str(&in, nfd_parts[k % 4]);
        b_str(&want, nfc_parts[k % 4]);
        k++;
    }
    b_str(&in, "\nDòng hai: 7 tỷ đồng\n");
    b_str(&want, "\nDòng hai: 7 tỷ đồng\n");

    struct vn_doc *d = t_doc_bytes(p, in.p, in.n);
    assert_int_equal(d->text->n_lines, 2);
    assert_int_equal(d->text->len, want.n);
    assert_memory_equal(d->text->data, want.p, want.n);
    assert_false(d->text->was_nfc);
    /* amounts on the long line: one per 4 pieces, at growing columns */
    size_t n_amounts = t_count(d, VN_REC_AMOUNT);
    assert_int_equal(n_amounts, (k + 2) / 4 + 1);
    const struct vn_record *last = t_nth(d, VN_REC_AMOUNT, n_amounts - 1);
    assert_int_equal(last->line, 2);
    assert_int_equal(last->col, 11);
    const struct vn_record *second = t_nth(d, VN_REC_AMOUNT, 1);
    assert_int_equal(second->line, 1);
    /* "Tiếng Việt 5 tỷ đồng; người ABC, Tiếng Việt " = 44 code points */
    assert_int_equal(second->col, 12 + 33);
    t_free(d);
    free(in.p);
    free(want.p);
}

/* A flood of combining marks longer than a normalization chunk: the result
 * must still be the NFC of the whole line (canonical reordering spans it). */
static void test_combining_mark_flood(void **state)
{
    struct vn_pipeline *p = *state;
    struct byts in = {0};
    b_str(&in, "a");
    for (int j = 0; j < 40000; j++)
        b_str(&in, "\xCC\x81\xCC\xA3");   /* U+0301 (ccc 230), U+0323 (ccc 220) */
    b_str(&in, " x");
    size_t wlen;
    char *want = icu_form(in.p, in.n, false, &wlen);
    struct vn_doc *d = t_doc_bytes(p, in.p, in.n);
    free(in.p);
    size_t lines = d->text->n_lines, len = d->text->len;
    bool same = len == wlen && memcmp(d->text->data, want, wlen) == 0;
    size_t first_diff = 0;
    while (first_diff < len && first_diff < wlen && d->text->data[first_diff] == want[first_diff])
        first_diff++;
    t_free(d);
    free(want);
    assert_int_equal(lines, 1);
    if (!same)
        fail_msg("not the NFC of the line: %zu bytes (NFC: %zu), first difference at byte %zu", len, wlen,
                 first_diff);
}

/* The same flood after a character that only ICU's full algorithm handles
 * (U+0958 has a composition exclusion): the line goes to ICU in chunks,
 * none of which may cut the run of marks, and the marks are put in order
 * before ICU sees them (its insertion would be quadratic). */
static void test_combining_mark_flood_icu(void **state)
{
    struct vn_pipeline *p = *state;
    struct byts in = {0};
    b_str(&in, "x \xE0\xA5\x98");
    for (int j = 0; j < 20000; j++)
        b_str(&in, "\xCC\x81\xCC\xA3\xCC\x81\xCC\x81");   /* classes 230, 220, 230, 230 */
    b_str(&in, " 5 triệu đồng");
    size_t wlen;
    char *want = icu_form(in.p, in.n, false, &wlen);
    struct vn_doc *d = t_doc_bytes(p, in.p, in.n);
    free(in.p);
    bool same = d->text->len == wlen && memcmp(d->text->data, want, wlen) == 0;
    size_t amounts = t_count(d, VN_REC_AMOUNT);
    t_free(d);
    free(want);
    assert_true(same);
    assert_int_equal(amounts, 1);
}

/* vn_normalize_borrow: a text that needs nothing is not copied (on machines
 * with the block scan); one that needs a change, or has no NUL after it,
 * is; the results are those of vn_normalize either way. */
static void test_borrow(void **state)
{
    (void)state;
    struct vn_normalizer *n = NULL;
    assert_int_equal(vn_normalizer_new(&n), VN_OK);
    const char *cases[] = {"Vốn 5 tỷ đồng\nđạt 25,9% KH\n", "Vo\xCC\x82\xCC\x81n 5 ty\xCC\x89\n",
                           "**690** triệu\n", "a\tb\n\nc"};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t len = strlen(cases[k]);
        char *copy = malloc(len + 1);
        assert_non_null(copy);
        memcpy(copy, cases[k], len + 1);
        struct vn_normtext *a = NULL, *b = NULL;
        assert_int_equal(vn_normalize(n, copy, len, &a), VN_OK);
        assert_int_equal(vn_normalize_borrow(n, copy, len, &b), VN_OK);
        assert_int_equal(a->len, b->len);
        assert_memory_equal(a->data, b->data, a->len + 1);
        assert_int_equal(a->n_lines, b->n_lines);
        assert_memory_equal(a->line_start, b->line_start, a->n_lines * sizeof *a->line_start);
        assert_true(a->data != copy);
        bool unchanged = a->len == len && !memcmp(a->data, copy, len);
        if (vn_have_avx2())
            assert_true((b->data == copy) == unchanged);
        else
            assert_true(b->data != copy);
        vn_normtext_free(b);
        /* without a NUL after the text: always a copy */
        copy[len - 1] = 'x';
        struct vn_normtext *c = NULL;
        assert_int_equal(vn_normalize_borrow(n, copy, len - 1, &c), VN_OK);
        assert_true(c->data != copy);
        assert_int_equal(c->data[c->len], '\0');
        vn_normtext_free(c);
        vn_normtext_free(a);
        free(copy);
    }
    vn_normalizer_free(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nfd_same_as_nfc_literal),
        cmocka_unit_test(test_nfd_same_as_nfc_report),
        cmocka_unit_test(test_first_non_nfc_line),
        cmocka_unit_test(test_utf16_with_bom_and_crlf),
        cmocka_unit_test(test_utf16_invalid),
        cmocka_unit_test(test_crlf_and_cr),
        cmocka_unit_test(test_utf8_bom_dropped),
        cmocka_unit_test(test_invalid_utf8_and_nul),
        cmocka_unit_test(test_invalid_utf8_forms),
        cmocka_unit_test(test_issue_offsets_after_bom_and_crlf),
        cmocka_unit_test(test_many_issues_capped),
        cmocka_unit_test(test_space_dash_invisible),
        cmocka_unit_test(test_nbsp_amount),
        cmocka_unit_test(test_markdown_emphasis),
        cmocka_unit_test(test_markdown_lone_star_kept),
        cmocka_unit_test(test_markdown_pairs),
        cmocka_unit_test(test_latex_math),
        cmocka_unit_test(test_markup_in_nfd),
        cmocka_unit_test(test_lines_never_joined_or_split),
        cmocka_unit_test(test_utf8_drop_broken),
        cmocka_unit_test(test_borrow),
        cmocka_unit_test(test_long_line_chunks),
        cmocka_unit_test(test_combining_mark_flood),
        cmocka_unit_test(test_combining_mark_flood_icu),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
