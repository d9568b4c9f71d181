/* Core unit tests: number parsing, exact decimals, extraction of each odd
 * form, and normalization invariants (NFD = NFC, UTF-16/CRLF = UTF-8/LF). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "vnaudit/vnaudit.h"

static void expect_number(const char *s, const char *value, bool ambiguous)
{
    struct vn_number n;
    assert_int_equal(vn_number_parse(s, strlen(s), &n), VN_OK);
    char buf[VN_DEC_STRLEN];
    vn_dec_format(n.value, buf);
    assert_string_equal(buf, value);
    assert_int_equal(n.ambiguous, ambiguous);
    if (ambiguous)
        assert_non_null(n.note);
}

static void test_number_forms(void **state)
{
    (void)state;
    expect_number("0", "0", false);
    expect_number("09", "9", false);
    expect_number("1719", "1719", false);
    expect_number("33.700,719", "33700.719", false);
    expect_number("5.013,06", "5013.06", false);
    expect_number("443.170.000", "443170000", false);
    expect_number("0,5", "0.5", false);
    expect_number("46.929,385,459", "46929.385459", true);
    expect_number("7,383.915", "7383.915", true);
    expect_number("1.8,0", "18", true);
    expect_number("2.5", "2.5", true);
    expect_number("10.726, 547", "10726.547", true);
    expect_number("1..250", "1250", true);
}

static void test_number_errors(void **state)
{
    (void)state;
    struct vn_number n;
    const char *big = "1234567890123456789012345678901234567890";
    assert_int_equal(vn_number_parse(big, strlen(big), &n), VN_EOVERFLOW);
    assert_int_equal(vn_number_parse("abc", 3, &n), VN_ESYNTAX);
    assert_int_equal(vn_number_parse("", 0, &n), VN_ESYNTAX);
    assert_int_equal(vn_number_parse("12,", 3, &n), VN_ESYNTAX);
}

static struct vn_dec dec(const char *s)
{
    struct vn_dec d;
    assert_int_equal(vn_dec_parse(s, strlen(s), &d), VN_OK);
    return d;
}

static void expect_dec(struct vn_dec d, const char *s)
{
    char buf[VN_DEC_STRLEN];
    vn_dec_format(d, buf);
    assert_string_equal(buf, s);
}

static void test_decimal(void **state)
{
    (void)state;
    struct vn_dec r;
    assert_int_equal(vn_dec_add(dec("26744"), dec("16567.406"), &r), VN_OK);
    expect_dec(r, "43311.406");
    assert_int_equal(vn_dec_sub(dec("98801"), dec("89801"), &r), VN_OK);
    expect_dec(r, "9000");
    assert_int_equal(vn_dec_mul(dec("61.48"), dec("1178.47"), &r), VN_OK);
    expect_dec(r, "72452.3356");
    /* 1.178,47 / 1.187 = 0.99281382... */
    assert_int_equal(vn_dec_div(dec("117847"), dec("1187"), 6, &r), VN_OK);
    expect_dec(r, "99.281381");
    expect_dec(vn_dec_round(dec("99.281382"), 1, VN_ROUND_HALF_UP), "99.3");
    expect_dec(vn_dec_round(dec("99.281382"), 1, VN_ROUND_TRUNCATE), "99.2");
    expect_dec(vn_dec_round(dec("-2.45"), 1, VN_ROUND_HALF_UP), "-2.5");
    assert_int_equal(vn_dec_cmp(dec("1.50"), dec("1.5")), 0);
    assert_int_equal(vn_dec_cmp(dec("2"), dec("10")), -1);
    assert_int_equal(vn_dec_div(dec("1"), dec("0"), 2, &r), VN_EINVAL);
    struct vn_dec big = dec("900000000000000000000000000000000000");   /* 9e35 */
    assert_int_equal(vn_dec_add(big, big, &r), VN_EOVERFLOW);
    assert_int_equal(vn_dec_mul(big, dec("10"), &r), VN_EOVERFLOW);
}

static struct vn_pipeline *pipe_;

static struct vn_doc *load(const char *text)
{
    struct vn_doc *d;
    struct vn_error err;
    assert_int_equal(vn_doc_from_bytes(pipe_, "t", text, strlen(text), &d, &err), VN_OK);
    return d;
}

static const struct vn_record *nth(const struct vn_doc *d, enum vn_record_type t, size_t k)
{
    for (size_t i = 0; i < d->records->n; i++)
        if (d->records->items[i].type == t && k-- == 0)
            return &d->records->items[i];
    return NULL;
}

static size_t count(const struct vn_doc *d, enum vn_record_type t)
{
    size_t n = 0;
    for (size_t i = 0; i < d->records->n; i++)
        n += d->records->items[i].type == t;
    return n;
}

static void expect_amount(const char *text, const char *dong, const char *unit, bool implied)
{
    struct vn_doc *d = load(text);
    const struct vn_record *r = nth(d, VN_REC_AMOUNT, 0);
    assert_non_null(r);
    char buf[VN_DEC_STRLEN];
    vn_dec_format(r->u.amount.dong, buf);
    assert_string_equal(buf, dong);
    const struct vn_span u = r->u.amount.unit;
    assert_int_equal(u.len, strlen(unit));
    assert_memory_equal(d->text->data + u.off, unit, u.len);
    assert_int_equal(r->u.amount.implied_unit, implied);
    vn_doc_free(d);
}

static void expect_no_amount(const char *text)
{
    struct vn_doc *d = load(text);
    assert_int_equal(count(d, VN_REC_AMOUNT), 0);
    vn_doc_free(d);
}

static void test_amounts(void **state)
{
    (void)state;
    expect_amount("tổng vốn 43.311,160 trđ", "43311160000", "trđ", false);
    expect_amount("vốn sự nghiệp 16.567,406trđ", "16567406000", "trđ", false);
    expect_amount("kinh phí 2.997 triệu đồng", "2997000000", "triệu đồng", false);
    expect_amount("kinh phí 5 tỷ đồng", "5000000000", "tỷ đồng", false);
    expect_amount("(vốn ngân sách Trung ương: 1.428 triệu).", "1428000000", "triệu", false);
    expect_amount("thu 443.170.000 đồng.", "443170000", "đồng", false);
    expect_amount("doanh thu 97.540.000đ, nộp", "97540000", "đ", false);
    expect_amount("hỗ trợ 500 nghìn đồng", "500000", "nghìn đồng", false);
    expect_amount("phí 12 tr.đ", "12000000", "tr.đ", false);
    expect_amount("giải ngân 78,8/2.412trđ", "78800000", "trđ", true);
    expect_amount("Vốn sự nghiệp: 9.757,650 (trong đó NSTW: 9.293,0trđ; NSĐP: 464,65trđ)", "9757650000", "trđ",
                  true);
    expect_amount("được giao 85.000.000đ", "85000000", "đ", false);
    expect_amount("(Tám mươi lăm triệu đồng)", "85000000", "triệu đồng", false);
    expect_amount("tổng 46.929,385,459trđ", "46929385459", "trđ", false);
    expect_no_amount("có 500 đồng bào tham gia");
    expect_no_amount("03 đồng chí lãnh đạo");
    expect_no_amount("khoảng 3 triệu người");
    expect_no_amount("tỷ lệ 5% và 02 đ/c");
}

static void test_hedges(void **state)
{
    (void)state;
    struct vn_doc *d = load("hơn 1.980 tỷ đồng; khoảng hơn 16.000 người; ước đạt 850 triệu đồng");
    const struct vn_record *a = nth(d, VN_REC_AMOUNT, 0);
    assert_string_equal(vn_vocab_hedge_word(d->records->vocab, a->u.amount.hedge), "hơn");
    const struct vn_record *q = nth(d, VN_REC_QUANTITY, 0);
    assert_string_equal(vn_vocab_hedge_word(d->records->vocab, q->u.quantity.hedge), "khoảng hơn");
    const struct vn_record *b = nth(d, VN_REC_AMOUNT, 1);
    /* the contract's hedge word: "ước" (ước đạt, ước thực hiện, ước tính) */
    assert_string_equal(vn_vocab_hedge_word(d->records->vocab, b->u.amount.hedge), "ước");
    vn_doc_free(d);
}

static void expect_ref(const char *text, size_t k, const char *number, const char *code, int year, const char *date)
{
    struct vn_doc *d = load(text);
    const struct vn_record *r = nth(d, VN_REC_REFERENCE, k);
    assert_non_null(r);
    const struct vn_reference *f = &r->u.reference;
    assert_int_equal(f->number.len, strlen(number));
    assert_memory_equal(d->text->data + f->number.off, number, f->number.len);
    if (code)
        assert_string_equal(f->code, code);
    else
        assert_null(f->code);
    assert_int_equal(f->year, year);
    if (date) {
        char iso[16];
        snprintf(iso, sizeof iso, "%04d-%02d-%02d", f->date.year, f->date.month, f->date.day);
        assert_string_equal(iso, date);
    } else {
        assert_int_equal(f->date.year, 0);
    }
    vn_doc_free(d);
}

static void test_references(void **state)
{
    (void)state;
    expect_ref("theo Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của", 0, "1719", "QĐ-TTg", 0, "2021-10-14");
    expect_ref("Nghị định số 75/2015/NĐ-CP về", 0, "75", "NĐ-CP", 2015, NULL);
    expect_ref("Kế hoạch số 231/KH- UBND", 0, "231", "KH-UBND", 0, NULL);
    expect_ref("Công văn số 1249/SLĐT BXH-BTXHTE ngày 25/6/2024", 0, "1249", "SLĐTBXH-BTXHTE", 0, "2024-06-25");
    expect_ref("Chương trình số 02-CTr/HU ngày 15/3/2023", 0, "02", "CTr/HU", 0, "2023-03-15");
    expect_ref("Nghị quyết số 47-NQ/TU ngày 09 tháng 9 năm 2021", 0, "47", "NQ/TU", 0, "2021-09-09");
    expect_ref("theo Quyết định 1300 ngày 09/3/2023 của Bộ", 0, "1300", NULL, 0, "2023-03-09");
    expect_ref("tại các Quyết định 272, 388, 674; Công văn", 2, "674", NULL, 0, NULL);
    expect_ref("thực hiện nghị định số 116/2016/NĐ-CP", 0, "116", "NĐ-CP", 2016, NULL);
    struct vn_doc *d = load("Chương trình 135 và Kế hoạch 2024, Dự án 1");
    assert_int_equal(count(d, VN_REC_REFERENCE), 0);
    vn_doc_free(d);
}

static void test_dates_and_findings(void **state)
{
    (void)state;
    struct vn_doc *d = load("Số: /BC-UBND\nHà Nội, ngày tháng 6 năm 2023\nngày 30/02/2024 và ngày 29/02/2024\n");
    assert_int_equal(count(d, VN_REC_DATE), 1);
    size_t placeholders = 0, invalid = 0;
    for (size_t i = 0; i < d->records->n; i++) {
        const struct vn_record *r = &d->records->items[i];
        if (r->type != VN_REC_DIAGNOSTIC)
            continue;
        placeholders += !strcmp(r->u.diagnostic.rule, "unfilled-placeholder");
        invalid += !strcmp(r->u.diagnostic.rule, "invalid-date");
    }
    assert_int_equal(placeholders, 2);
    assert_int_equal(invalid, 1);
    vn_doc_free(d);
}

static char *records_key(const struct vn_doc *d)
{
    /* type, line, col, text of every record */
    static char buf[8192];
    size_t o = 0;
    for (size_t i = 0; i < d->records->n && o < sizeof buf - 200; i++) {
        const struct vn_record *r = &d->records->items[i];
        if (r->type == VN_REC_DIAGNOSTIC)
            continue;
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%d:%u:%u:%.*s|", r->type, r->line, r->col, (int)r->text.len,
                              d->text->data + r->text.off);
    }
    buf[o] = '\0';
    return buf;
}

static const char NFC_TEXT[] = "Dự án 1: giải ngân 5.013,06trđ/26.744trđ, đạt 18,74% KH\n"
                               "Quyết định số 328/QĐ-UBND ngày 28/02/2023; diện tích 1.178,47ha\n";
static const char NFD_TEXT[] = "D\x75\xcc\x9b\xcc\xa3 a\xcc\x81n 1: gia\xcc\x89i ngân 5.013,06trđ/26.744trđ, "
                               "\xc4\x91\x61\xcc\xa3t 18,74% KH\n"
                               "Quy\x65\xcc\x82\xcc\x81t \xc4\x91i\xcc\xa3nh s\x6f\xcc\x82\xcc\x81 328/QĐ-UBND ngày "
                               "28/02/2023; di\x65\xcc\x82\xcc\xa3n tích 1.178,47ha\n";

static void test_nfd_equals_nfc(void **state)
{
    (void)state;
    struct vn_doc *a = load(NFC_TEXT);
    struct vn_doc *b = load(NFD_TEXT);
    assert_string_equal(a->text->data, b->text->data);
    char ka[8192];
    snprintf(ka, sizeof ka, "%s", records_key(a));
    assert_string_equal(ka, records_key(b));
    assert_true(a->text->was_nfc);
    assert_false(b->text->was_nfc);
    vn_doc_free(a);
    vn_doc_free(b);
}

static void test_utf16_crlf_equal_utf8(void **state)
{
    (void)state;
    /* UTF-16LE with BOM and CRLF, built from the NFC text */
    unsigned char u16[1024];
    size_t o = 0;
    u16[o++] = 0xFF;
    u16[o++] = 0xFE;
    const unsigned char *p = (const unsigned char *)NFC_TEXT;
    while (*p) {
        uint32_t cp;
        if (*p < 0x80) {
            cp = *p++;
        } else if (*p < 0xE0) {
            cp = ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
            p += 2;
        } else {
            cp = ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            p += 3;
        }
        if (cp == '\n') {
            u16[o++] = '\r';
            u16[o++] = 0;
        }
        u16[o++] = (unsigned char)(cp & 0xFF);
        u16[o++] = (unsigned char)(cp >> 8);
    }
    struct vn_doc *a = load(NFC_TEXT), *b;
    struct vn_error err;
    assert_int_equal(vn_doc_from_bytes(pipe_, "u16", u16, o, &b, &err), VN_OK);
    assert_int_equal(b->raw->encoding, VN_ENC_UTF16LE);
    assert_true(b->raw->had_crlf);
    assert_string_equal(a->text->data, b->text->data);
    char ka[8192];
    snprintf(ka, sizeof ka, "%s", records_key(a));
    assert_string_equal(ka, records_key(b));
    vn_doc_free(a);
    vn_doc_free(b);
}

static void test_normalize_cleanup(void **state)
{
    (void)state;
    struct vn_doc *d = load("- *Cây lúa*: 2*3\n* Dự án 1\n$8614/8698 = 99,03\\%$ hộ\na\xc2\xa0" "b\xe2\x80\x93" "c\xe2\x80\x8b" "d\n");
    assert_string_equal(d->text->data, "- Cây lúa: 2*3\n* Dự án 1\n8614/8698 = 99,03% hộ\na b-cd\n");
    assert_int_equal(d->text->n_lines, 4);
    vn_doc_free(d);
}

static void test_invalid_bytes_kept(void **state)
{
    (void)state;
    const char bad[] = "a\xff b 5 triệu đồng\nx\0y 7 tỷ đồng\n";
    struct vn_doc *d;
    struct vn_error err;
    assert_int_equal(vn_doc_from_bytes(pipe_, "bad", bad, sizeof bad - 1, &d, &err), VN_OK);
    assert_int_equal(d->raw->n_issues, 2);
    assert_int_equal(d->raw->issues[0].offset, 1);
    assert_int_equal(d->raw->issues[1].kind, VN_ISSUE_NUL_BYTE);
    assert_int_equal(d->raw->issues[1].line, 2);
    assert_int_equal(count(d, VN_REC_AMOUNT), 2);
    assert_int_equal(vn_doc_error_count(d), 2);
    vn_doc_free(d);
}

/* Bytes in memory are held to the pipeline's input limit, as files are,
 * and the error says what to do. */
static void test_from_bytes_limit(void **state)
{
    (void)state;
    struct vn_pipeline_opts o = {.max_input_bytes = 16};
    struct vn_pipeline *p = NULL;
    struct vn_error err;
    assert_int_equal(vn_pipeline_new(&o, &p, &err), VN_OK);
    const char text[] = "Vốn 5 tỷ đồng.\n";     /* 18 bytes */
    struct vn_doc *d = NULL;
    assert_int_equal(vn_doc_from_bytes(p, "x.txt", text, sizeof text - 1, &d, &err), VN_ETOOBIG);
    assert_null(d);
    assert_non_null(strstr(err.message, "input limit of 16 bytes"));
    assert_non_null(strstr(err.message, "--max-input-bytes"));
    assert_int_equal(vn_doc_from_bytes(p, "x.txt", text, 16, &d, &err), VN_OK);
    vn_doc_free(d);
    vn_pipeline_free(p);
    struct vn_text *t = NULL;
    struct vn_ingest_opts io = {.max_bytes = 4};
    assert_int_equal(vn_text_from_bytes_opts("12345", 5, &io, &t, &err), VN_ETOOBIG);
    assert_null(t);
}

static int setup(void **state)
{
    (void)state;
    struct vn_error err;
    return vn_pipeline_new(NULL, &pipe_, &err) == VN_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    vn_pipeline_free(pipe_);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_number_forms),     cmocka_unit_test(test_number_errors),
        cmocka_unit_test(test_decimal),          cmocka_unit_test(test_amounts),
        cmocka_unit_test(test_hedges),           cmocka_unit_test(test_references),
        cmocka_unit_test(test_dates_and_findings), cmocka_unit_test(test_nfd_equals_nfc),
        cmocka_unit_test(test_utf16_crlf_equal_utf8), cmocka_unit_test(test_normalize_cleanup),
        cmocka_unit_test(test_invalid_bytes_kept), cmocka_unit_test(test_from_bytes_limit),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
