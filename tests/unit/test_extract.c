/* The whole pipeline (ingest -> normalize -> extract) on small in-memory
 * texts: amounts, percentages, quantities, references, dates and lint
 * diagnostics, checked field by field against docs/CONTRACT.md. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "helpers.h"
#include "extract/extract_internal.h"
#include "extract/vocab.h"

/* ---- helpers ------------------------------------------------------------ */

/* Checks an amount record. hedge NULL: no hedge. */
static void check_amount(const struct vn_doc *d, const struct vn_record *r, const char *text, const char *dong,
                         const char *unit, bool implied, const char *hedge)
{
    assert_int_equal(r->type, VN_REC_AMOUNT);
    const struct vn_amount *a = &r->u.amount;
    if (strcmp(t_span(d, r->text), text) != 0 || strcmp(t_dec(a->dong), dong) != 0 ||
        strcmp(t_span(d, a->unit), unit) != 0 || a->implied_unit != implied) {
        t_dump(d);
        fail_msg("amount: got text '%s' dong %s unit '%s' implied %d; expected '%s' %s '%s' %d",
                 t_span(d, r->text), t_dec(a->dong), t_span(d, a->unit), a->implied_unit, text, dong, unit,
                 implied);
    }
    const char *h = vn_vocab_hedge_word(d->records->vocab, a->hedge);
    if (hedge == NULL) {
        if (a->hedge != -1)
            fail_msg("amount '%s': unexpected hedge '%s'", text, h ? h : "?");
    } else {
        if (!h || strcmp(h, hedge) != 0)
            fail_msg("amount '%s': hedge '%s', expected '%s'", text, h ? h : "(none)", hedge);
    }
}

/* A document whose only record (of any type) is one amount. */
static void expect_one_amount(struct vn_pipeline *p, const char *input, const char *text, const char *dong,
                              const char *unit)
{
    struct vn_doc *d = t_doc(p, input);
    if (t_count(d, VN_REC_AMOUNT) != 1) {
        t_dump(d);
        fail_msg("'%s': %zu amounts, expected 1", input, t_count(d, VN_REC_AMOUNT));
    }
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 0), text, dong, unit, false, NULL);
    t_free(d);
}

static void expect_no_amount(struct vn_pipeline *p, const char *input)
{
    struct vn_doc *d = t_doc(p, input);
    if (t_count(d, VN_REC_AMOUNT) != 0) {
        t_dump(d);
        fail_msg("'%s': %zu amounts, expected none", input, t_count(d, VN_REC_AMOUNT));
    }
    t_free(d);
}

static void check_ref(const struct vn_doc *d, const struct vn_record *r, const char *kind, const char *number,
                      int year, const char *code, const char *date)
{
    assert_int_equal(r->type, VN_REC_REFERENCE);
    const struct vn_reference *f = &r->u.reference;
    char iso[16] = "null";
    if (f->date.year)
        snprintf(iso, sizeof iso, "%04d-%02d-%02d", f->date.year, f->date.month, f->date.day);
    const char *got_code = f->code ? f->code : "null";
    const char *want_code = code ? code : "null";
    const char *want_date = date ? date : "null";
    if (strcmp(t_span(d, f->kind), kind) != 0 || strcmp(t_span(d, f->number), number) != 0 || f->year != year ||
        strcmp(got_code, want_code) != 0 || strcmp(iso, want_date) != 0) {
        t_dump(d);
        fail_msg("reference: got kind '%s' number '%s' year %d code %s date %s; "
                 "expected '%s' '%s' %d %s %s",
                 t_span(d, f->kind), t_span(d, f->number), f->year, got_code, iso, kind, number, year,
                 want_code, want_date);
    }
}

static void check_date(const struct vn_record *r, int y, int m, int dd)
{
    assert_int_equal(r->type, VN_REC_DATE);
    assert_int_equal(r->u.date.year, y);
    assert_int_equal(r->u.date.month, m);
    assert_int_equal(r->u.date.day, dd);
}

static const char *fixed(struct vn_dec v)
{
    static char b[4][VN_DEC_STRLEN];
    static unsigned k;
    char *s = b[k++ % 4];
    vn_dec_format_fixed(v, s);
    return s;
}

/* ---- amounts: unit spellings -------------------------------------------- */

static void test_unit_spellings(void **state)
{
    struct vn_pipeline *p = *state;
    expect_one_amount(p, "Tổng vốn 33.700,719 triệu đồng.", "33.700,719 triệu đồng", "33700719000", "triệu đồng");
    expect_one_amount(p, "Đã giải ngân 5.013,06 trđ.", "5.013,06 trđ", "5013060000", "trđ");
    expect_one_amount(p, "Kinh phí 6.851 tr đ.", "6.851 tr đ", "6851000000", "tr đ");
    expect_one_amount(p, "Kinh phí 4.938,9 tr.đ.", "4.938,9 tr.đ", "4938900000", "tr.đ");
    expect_one_amount(p, "Kinh phí 2.215,475 Tr.đ.", "2.215,475 Tr.đ", "2215475000", "Tr.đ");
    expect_one_amount(p, "Tổng vốn 14,5 tỷ đồng.", "14,5 tỷ đồng", "14500000000", "tỷ đồng");
    expect_one_amount(p, "Mức hỗ trợ 750 nghìn đồng.", "750 nghìn đồng", "750000", "nghìn đồng");
    expect_one_amount(p, "Mức hỗ trợ 750 ngàn đồng.", "750 ngàn đồng", "750000", "ngàn đồng");
    expect_one_amount(p, "Số tiền 443.170.000 đồng.", "443.170.000 đồng", "443170000", "đồng");
    expect_one_amount(p, "Số tiền 85.000.000đ.", "85.000.000đ", "85000000", "đ");
    expect_one_amount(p, "Số tiền 85.000.000 đ.", "85.000.000 đ", "85000000", "đ");
    expect_one_amount(p, "Số tiền 1.500.000 VNĐ.", "1.500.000 VNĐ", "1500000", "VNĐ");
    expect_one_amount(p, "Số tiền 1.500.000 VND.", "1.500.000 VND", "1500000", "VND");
    expect_one_amount(p, "Tổng số 0 triệu đồng.", "0 triệu đồng", "0", "triệu đồng");
}

static void test_bare_multiplier(void **state)
{
    struct vn_pipeline *p = *state;
    expect_one_amount(p, "Dự án A (vốn: 1.428 triệu)", "1.428 triệu", "1428000000", "triệu");
    expect_one_amount(p, "Hỗ trợ 2 triệu, tăng so với năm trước", "2 triệu", "2000000", "triệu");
    expect_one_amount(p, "Còn lại 3,5 tỷ.", "3,5 tỷ", "3500000000", "tỷ");
}

static void test_glued_unit(void **state)
{
    struct vn_pipeline *p = *state;
    expect_one_amount(p, "Đã chi 16.567,406trđ cho dự án.", "16.567,406trđ", "16567406000", "trđ");
    expect_one_amount(p, "Đã chi 31.250trđ.", "31.250trđ", "31250000000", "trđ");
    expect_one_amount(p, "Đã chi 2,5tỷ đồng.", "2,5tỷ đồng", "2500000000", "tỷ đồng");
}

static void test_amount_value_and_pow10(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Tổng vốn 33.700,719 triệu đồng");
    const struct vn_record *r = t_nth(d, VN_REC_AMOUNT, 0);
    assert_string_equal(fixed(r->u.amount.num.value), "33700.719");
    assert_int_equal(r->u.amount.unit_pow10, 6);
    assert_false(r->u.amount.num.ambiguous);
    assert_string_equal(t_span(d, r->u.amount.num.span), "33.700,719");
    /* exact: mantissa and scale, not a float */
    assert_true(r->u.amount.dong.mant == 33700719000);
    assert_int_equal(r->u.amount.dong.scale, 0);
    t_free(d);

    d = t_doc(p, "Số tiền 0,5 đồng lẻ");
    r = t_nth(d, VN_REC_AMOUNT, 0);
    assert_string_equal(t_dec(r->u.amount.dong), "0.5");
    t_free(d);
}

/* ---- amounts: what is not money ---------------------------------------- */

static void test_not_money(void **state)
{
    struct vn_pipeline *p = *state;
    expect_no_amount(p, "Vận động 500 đồng bào tham gia.");
    expect_no_amount(p, "Có hơn 600 đồng bào dân tộc thiểu số.");
    expect_no_amount(p, "Cử 03 đồng chí tham gia đoàn kiểm tra.");
    expect_no_amount(p, "Khoảng 3 triệu người được hưởng lợi.");
    expect_no_amount(p, "Dân số 3 tỷ người.");
    expect_no_amount(p, "Cử 02 đ/c tham gia.");
    expect_no_amount(p, "Đ/c Nguyễn Văn A, đ/c Trần Văn B.");
    expect_no_amount(p, "Đầu tư 5 dự án, đồng thời triển khai 2 mô hình.");

    /* "tỷ lệ 5%" is a percentage only */
    struct vn_doc *d = t_doc(p, "Đạt tỷ lệ 5% kế hoạch.");
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 0);
    assert_int_equal(t_count(d, VN_REC_PERCENT), 1);
    assert_string_equal(fixed(t_nth(d, VN_REC_PERCENT, 0)->u.percent.num.value), "5");
    t_free(d);

    /* money right before "đồng thời" is still money */
    expect_one_amount(p, "Giải ngân 2.320 triệu đồng, đồng thời hoàn thành.", "2.320 triệu đồng", "2320000000",
                      "triệu đồng");
}

/* Per-item rates are money: "40 triệu đồng/nhà", "50.000 đ/người/ngày".
 * "đ/c" (đồng chí) is the only "đ/" that is not. */
static void test_rate_per_item(void **state)
{
    struct vn_pipeline *p = *state;
    expect_one_amount(p, "Hỗ trợ 40 triệu đồng/nhà.", "40 triệu đồng", "40000000", "triệu đồng");
    expect_one_amount(p, "Hỗ trợ 375.000 đồng/ha/năm.", "375.000 đồng", "375000", "đồng");
    expect_one_amount(p, "Hỗ trợ 2 trđ/hộ.", "2 trđ", "2000000", "trđ");
    expect_one_amount(p, "Hỗ trợ tiền ăn 50.000 đ/người/ngày.", "50.000 đ", "50000", "đ");
    expect_one_amount(p, "Phí tham quan 30.000đ/lượt.", "30.000đ", "30000", "đ");
    expect_one_amount(p, "Khoán 1,2 trđ/ha.", "1,2 trđ", "1200000", "trđ");
    /* đồng chí, abbreviated, with or without a space before it */
    expect_no_amount(p, "Cử 05 đ/c và 02 Đ/c dự họp.");
    expect_no_amount(p, "Danh sách 03 đ/cs tham gia.");
}

/* ---- hedges --------------------------------------------------------------- */

static void test_hedges(void **state)
{
    struct vn_pipeline *p = *state;
    static const struct {
        const char *input, *text, *dong, *hedge;
    } cases[] = {
        {"Đã giải ngân hơn 5 tỷ đồng.", "5 tỷ đồng", "5000000000", "hơn"},
        {"Đã giải ngân gần 6 tỷ đồng.", "6 tỷ đồng", "6000000000", "gần"},
        {"Đã giải ngân khoảng 4 tỷ đồng.", "4 tỷ đồng", "4000000000", "khoảng"},
        {"Đã giải ngân trên 8 tỷ đồng.", "8 tỷ đồng", "8000000000", "trên"},
        {"Đã giải ngân dưới 9 tỷ đồng.", "9 tỷ đồng", "9000000000", "dưới"},
        {"Đã giải ngân xấp xỉ 10 tỷ đồng.", "10 tỷ đồng", "10000000000", "xấp xỉ"},
        {"Giá trị ước 11 tỷ đồng.", "11 tỷ đồng", "11000000000", "ước"},
        {"Khoảng 7 tỷ đồng đã giải ngân.", "7 tỷ đồng", "7000000000", "khoảng"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct vn_doc *d = t_doc(p, cases[i].input);
        if (t_count(d, VN_REC_AMOUNT) != 1) {
            t_dump(d);
            fail_msg("'%s': expected one amount", cases[i].input);
        }
        check_amount(d, t_nth(d, VN_REC_AMOUNT, 0), cases[i].text, cases[i].dong, "tỷ đồng", false,
                     cases[i].hedge);
        t_free(d);
    }
}

/* "ước đạt" is written before estimates; the contract's hedge word is
 * "ước" (the list: hơn, gần, khoảng, trên, dưới, xấp xỉ, ước; the
 * fixtures' README says the same). */
static void test_hedge_uoc_dat(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Giá trị sản xuất ước đạt 920 triệu đồng.");
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 0), "920 triệu đồng", "920000000", "triệu đồng", false, "ước");
    t_free(d);
}

/* Every "ước …" estimate is reported with the contract's word "ước"; the
 * hedge still covers the whole phrase (not part of the amount's text). */
static void test_hedge_uoc_variants(void **state)
{
    struct vn_pipeline *p = *state;
    static const char *const inputs[] = {
        "Cả năm ước thực hiện 1.200 triệu đồng.",
        "Giá trị ước tính 1.200 triệu đồng.",
        "Giải ngân ước đạt 1.200 triệu đồng.",
        "Giải ngân Ước đạt 1.200 triệu đồng.",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        struct vn_doc *d = t_doc(p, inputs[i]);
        check_amount(d, t_nth(d, VN_REC_AMOUNT, 0), "1.200 triệu đồng", "1200000000", "triệu đồng", false, "ước");
        t_free(d);
    }
}

/* "khoảng hơn": the longest hedge wins; the figure is a lower bound and the
 * hedge words are not part of the amount's text. */
static void test_hedge_khoang_hon(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Đã huy động khoảng hơn 13 tỷ đồng.");
    const struct vn_record *r = t_nth(d, VN_REC_AMOUNT, 0);
    assert_string_equal(t_span(d, r->text), "13 tỷ đồng");
    assert_string_equal(t_dec(r->u.amount.dong), "13000000000");
    assert_true(r->u.amount.hedge >= 0);
    assert_non_null(vn_vocab_hedge_word(d->records->vocab, r->u.amount.hedge));
    assert_int_equal(d->records->vocab->hedges.e[r->u.amount.hedge].value, VN_HEDGE_LOWER);
    t_free(d);
}

static void test_no_false_hedge(void **state)
{
    struct vn_pipeline *p = *state;
    /* "Trên địa bàn" and "dưới đây:" are not hedges of the figure */
    struct vn_doc *d = t_doc(p, "Trên địa bàn huyện có 5 tỷ đồng; số tiền dưới đây: 6 tỷ đồng.");
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 2);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 0), "5 tỷ đồng", "5000000000", "tỷ đồng", false, NULL);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 1), "6 tỷ đồng", "6000000000", "tỷ đồng", false, NULL);
    t_free(d);

    /* a hedge on a percentage */
    d = t_doc(p, "Tỷ lệ hộ nghèo giảm hơn 2,5%.");
    const struct vn_record *r = t_nth(d, VN_REC_PERCENT, 0);
    const char *h = vn_vocab_hedge_word(d->records->vocab, r->u.percent.hedge);
    assert_non_null(h);
    assert_string_equal(h, "hơn");
    assert_string_equal(t_span(d, r->text), "2,5%");
    t_free(d);
}

/* ---- implied units ------------------------------------------------------- */

static void test_implied_unit_slash(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Giải ngân 78,8/2.412trđ, đạt 3,3%.");
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 2);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 0), "78,8", "78800000", "trđ", true, NULL);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 1), "2.412trđ", "2412000000", "trđ", false, NULL);
    assert_int_equal(t_nth(d, VN_REC_AMOUNT, 0)->u.amount.unit_pow10, 6);
    assert_int_equal(t_count(d, VN_REC_PERCENT), 1);
    t_free(d);
}

static void test_implied_unit_breakdown(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Vốn sự nghiệp: 9.757,650 (trong đó NSTW: 9.293,0trđ; NSĐP: 464,65trđ)");
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 3);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 0), "9.757,650", "9757650000", "trđ", true, NULL);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 1), "9.293,0trđ", "9293000000", "trđ", false, NULL);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 2), "464,65trđ", "464650000", "trđ", false, NULL);
    /* the implied unit points at the unit it was taken from */
    const struct vn_record *r = t_nth(d, VN_REC_AMOUNT, 0);
    assert_true(r->u.amount.unit.off > r->text.off + r->text.len);
    assert_int_equal(r->line, 1);
    assert_int_equal(r->col, 16);
    t_free(d);
}

static void test_bare_number_stays_bare(void **state)
{
    struct vn_pipeline *p = *state;
    /* a count in parentheses is not given the unit of a later figure */
    struct vn_doc *d = t_doc(p, "Hỗ trợ 12 (mười hai) hộ; kinh phí 300 triệu đồng.");
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 1);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 0), "300 triệu đồng", "300000000", "triệu đồng", false, NULL);
    t_free(d);
}

/* A bare figure in a list of labelled figures separated by ';' takes the
 * unit of a sibling that has one, before or after it. */
static void test_implied_unit_siblings(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Dự án 9: 2.263 triệu đồng (NSTW: 2.150; NSĐP: 113 triệu đồng).");
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 3);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 1), "2.150", "2150000000", "triệu đồng", true, NULL);
    t_free(d);

    d = t_doc(p, "Tổng vốn 43.311,160 trđ (vốn đầu tư 26.744; vốn sự nghiệp 16.567,406trđ).");
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 3);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 1), "26.744", "26744000000", "trđ", true, NULL);
    const struct vn_record *r = t_nth(d, VN_REC_AMOUNT, 1);
    assert_int_equal(r->col, 37);
    t_free(d);

    /* a chain of bare siblings before the one with a unit */
    d = t_doc(p, "Chia ra: xã A: 1.000; xã B: 2.000; xã C: 300 triệu đồng.");
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 3);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 0), "1.000", "1000000000", "triệu đồng", true, NULL);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 1), "2.000", "2000000000", "triệu đồng", true, NULL);
    t_free(d);

    /* siblings after the one with a unit */
    d = t_doc(p, "Vốn giao: NSTW 1.200 triệu đồng; NSĐP 300; vốn khác 50.");
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 3);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 1), "300", "300000000", "triệu đồng", true, NULL);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 2), "50", "50000000", "triệu đồng", true, NULL);
    t_free(d);

    /* counts, years, commas and unlabelled numbers stay bare */
    static const char *const bare[] = {
        "Số hộ: 120; kinh phí: 300 triệu đồng.",
        "Kinh phí: 300 triệu đồng; số hộ hưởng lợi: 120.",
        "Kế hoạch năm 2024; vốn giao 300 triệu đồng.",
        "Vốn NSTW: 2.150, vốn NSĐP 113 triệu đồng.",
        "Chia ra (2.150; 113 triệu đồng).",
        "Hỗ trợ 12 hộ; 300 triệu đồng.",
    };
    for (size_t i = 0; i < sizeof bare / sizeof bare[0]; i++) {
        d = t_doc(p, bare[i]);
        if (t_count(d, VN_REC_AMOUNT) != 1) {
            t_dump(d);
            fail_msg("'%s': %zu amounts, expected 1", bare[i], t_count(d, VN_REC_AMOUNT));
        }
        t_free(d);
    }
}

/* "từ 40 đến 60 triệu đồng": both ends are amounts (and quantities). */
static void test_implied_unit_range(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Mức hỗ trợ từ 40 đến 60 triệu đồng/hộ.");
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 2);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 0), "40", "40000000", "triệu đồng", true, NULL);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 1), "60 triệu đồng", "60000000", "triệu đồng", false, NULL);
    t_free(d);

    d = t_doc(p, "Từ 1,5 tới 2 tỷ đồng mỗi xã; từ 5 - 10 ha mỗi mô hình.");
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 2);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 0), "1,5", "1500000000", "tỷ đồng", true, NULL);
    assert_int_equal(t_count(d, VN_REC_QUANTITY), 2);
    const struct vn_record *q = t_nth(d, VN_REC_QUANTITY, 0);
    assert_string_equal(t_span(d, q->text), "5");
    assert_true(q->u.quantity.implied_unit);
    assert_string_equal(t_span(d, q->u.quantity.unit), "ha");
    t_free(d);

    /* not a range: no "từ", or a period of years */
    expect_one_amount(p, "Giai đoạn 40 đến 60 triệu đồng.", "60 triệu đồng", "60000000", "triệu đồng");
    expect_one_amount(p, "Từ 2021 đến 2025 bố trí 60 triệu đồng.", "60 triệu đồng", "60000000", "triệu đồng");
}

/* Cells of a table under a unit heading: pure numbers, not in the first
 * column, in '|' or tab-separated lines right under the heading. */
static void test_table_heading(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Bảng 1 (Đơn vị tính: triệu đồng)\n"
                                "\n"
                                "| STT | Xã | Vốn giao | Giải ngân | Tỷ lệ |\n"
                                "|---|---|---|---|---|\n"
                                "| 1 | Nà Khoang | 1.845,6 | 1.200 | 65% |\n"
                                "| 2 | Lũng Pàn | 2.130,72 | 15 trđ | 0,7% |\n"
                                "| | Năm | 2024 | 12 hộ | |\n"
                                "\n"
                                "| 3 | Sau bảng | 1.000 |\n");
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 4);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 0), "1.845,6", "1845600000", "triệu đồng", true, NULL);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 1), "1.200", "1200000000", "triệu đồng", true, NULL);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 2), "2.130,72", "2130720000", "triệu đồng", true, NULL);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 3), "15 trđ", "15000000", "trđ", false, NULL);
    assert_int_equal(t_nth(d, VN_REC_AMOUNT, 0)->line, 5);
    assert_int_equal(t_nth(d, VN_REC_AMOUNT, 0)->col, 19);
    assert_int_equal(t_count(d, VN_REC_PERCENT), 2);
    assert_int_equal(t_count(d, VN_REC_QUANTITY), 1);
    t_free(d);

    /* tabs; "ĐVT"; a number glued to the next cell's word is not a quantity */
    d = t_doc(p, "ĐVT: Tr.đ\nXã A\t300\t200,5\n1\tXã B\t100\nXã C 7\t8 và 9\n");
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 3);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 0), "300", "300000000", "Tr.đ", true, NULL);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 1), "200,5", "200500000", "Tr.đ", true, NULL);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 2), "100", "100000000", "Tr.đ", true, NULL);
    assert_int_equal(t_count(d, VN_REC_QUANTITY), 0);
    t_free(d);

    /* a heading with prose under it, or a unit that is not money: nothing */
    static const char *const none[] = {
        "Đơn vị tính: triệu đồng\nCác xã đã giải ngân 1.845,6 và 300.\n| a | 5 |\n",
        "Đơn vị tính: ha\n| Lúa | 1.200 |\n",
        "Các đơn vị triệu đồng hóa 5 lần\n| Lúa | 1.200 |\n",
        "| Lúa | 1.200 |\nĐơn vị tính: triệu đồng\n",
    };
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        d = t_doc(p, none[i]);
        if (t_count(d, VN_REC_AMOUNT) != 0) {
            t_dump(d);
            fail_msg("'%s': %zu amounts, expected none", none[i], t_count(d, VN_REC_AMOUNT));
        }
        t_free(d);
    }
}

/* A sign glued to a number is part of its text and value. */
static void test_signed_numbers(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Diện tích giảm 1,4% (-16,74 ha); năng suất tăng (+0,27 tạ/ha); vượt -12,6 triệu đồng.");
    assert_int_equal(t_count(d, VN_REC_QUANTITY), 2);
    const struct vn_record *q = t_nth(d, VN_REC_QUANTITY, 0);
    assert_string_equal(t_span(d, q->text), "-16,74 ha");
    assert_string_equal(fixed(q->u.quantity.num.value), "-16.74");
    assert_int_equal(q->col, 22);
    q = t_nth(d, VN_REC_QUANTITY, 1);
    assert_string_equal(t_span(d, q->text), "+0,27 tạ/ha");
    assert_string_equal(fixed(q->u.quantity.num.value), "0.27");
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 0), "-12,6 triệu đồng", "-12600000", "triệu đồng", false, NULL);
    assert_string_equal(fixed(t_nth(d, VN_REC_PERCENT, 0)->u.percent.num.value), "1.4");
    t_free(d);

    /* a bullet, a period of years and a code are not signs */
    d = t_doc(p, "-5 triệu đồng cho xã A\n+ 7 ha lúa\ngiai đoạn 2021-2025 cấp 3 triệu đồng\n");
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 0), "5 triệu đồng", "5000000", "triệu đồng", false, NULL);
    assert_string_equal(t_span(d, t_nth(d, VN_REC_QUANTITY, 0)->text), "7 ha");
    t_free(d);
}

/* ---- amounts in words ------------------------------------------------------ */

static void test_amount_in_words(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Số tiền: 85.000.000đ (Tám mươi lăm triệu đồng).");
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 2);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 0), "85.000.000đ", "85000000", "đ", false, NULL);
    check_amount(d, t_nth(d, VN_REC_AMOUNT, 1), "Tám mươi lăm triệu đồng", "85000000", "triệu đồng", false,
                 NULL);
    /* records come in document order */
    assert_true(t_nth(d, VN_REC_AMOUNT, 0)->text.off < t_nth(d, VN_REC_AMOUNT, 1)->text.off);
    assert_int_equal(t_nth(d, VN_REC_AMOUNT, 1)->col, 23);
    t_free(d);

    expect_one_amount(p, "(Tám mươi lăm triệu đồng)", "Tám mươi lăm triệu đồng", "85000000", "triệu đồng");
    expect_one_amount(p, "(Hai tỷ ba trăm triệu đồng)", "Hai tỷ ba trăm triệu đồng", "2300000000", "triệu đồng");
    expect_one_amount(p, "(Một trăm linh năm triệu đồng)", "Một trăm linh năm triệu đồng", "105000000",
                      "triệu đồng");
    expect_one_amount(p, "(mười lăm nghìn đồng)", "mười lăm nghìn đồng", "15000", "nghìn đồng");
    /* "hai đồng chí" is not money */
    expect_no_amount(p, "Cử hai đồng chí tham gia.");
}

/* ---- malformed numbers ----------------------------------------------------- */

static void expect_malformed(struct vn_pipeline *p, const char *input, const char *text, const char *dong,
                             const char *unit, const char *num_text)
{
    struct vn_doc *d = t_doc(p, input);
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 1);
    const struct vn_record *r = t_nth(d, VN_REC_AMOUNT, 0);
    check_amount(d, r, text, dong, unit, false, NULL);
    assert_true(r->u.amount.num.ambiguous);
    assert_non_null(r->u.amount.num.note);
    assert_int_equal(t_count_rule(d, "malformed-number"), 1);
    const struct vn_record *g = t_rule(d, "malformed-number", 0);
    assert_int_equal(g->u.diagnostic.severity, VN_SEV_WARNING);
    assert_string_equal(t_span(d, g->text), num_text);
    assert_int_equal(g->line, r->line);
    assert_int_equal(g->col, r->col);
    t_free(d);
}

static void test_malformed_amounts(void **state)
{
    struct vn_pipeline *p = *state;
    expect_malformed(p, "Tổng 46.929,385,459trđ.", "46.929,385,459trđ", "46929385459", "trđ", "46.929,385,459");
    expect_malformed(p, "Tổng 10.726, 547 triệu đồng.", "10.726, 547 triệu đồng", "10726547000", "triệu đồng",
                     "10.726, 547");
    expect_malformed(p, "Tổng 7,383.915trđ.", "7,383.915trđ", "7383915000", "trđ", "7,383.915");
    expect_malformed(p, "Tổng 1.8,0trđ.", "1.8,0trđ", "18000000", "trđ", "1.8,0");
    expect_malformed(p, "Tổng 2.5 tỷ đồng.", "2.5 tỷ đồng", "2500000000", "tỷ đồng", "2.5");

    /* well-formed numbers give no finding */
    struct vn_doc *d = t_doc(p, "Tổng 33.700,719 triệu đồng và 5.013,06 trđ.");
    assert_int_equal(t_count_rule(d, "malformed-number"), 0);
    assert_false(t_nth(d, VN_REC_AMOUNT, 0)->u.amount.num.ambiguous);
    t_free(d);

    /* "10.726, 547" without a unit is a number and a separate one */
    d = t_doc(p, "Mã 10.726, 547 và 12");
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 0);
    assert_int_equal(t_count_rule(d, "malformed-number"), 0);
    t_free(d);
}

static void test_overflow_amount(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Số liệu 1234567890123456789012345678901234567890 đồng lỗi.");
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 0);
    assert_int_equal(t_count_rule(d, "number-overflow"), 1);
    assert_int_equal(t_rule(d, "number-overflow", 0)->u.diagnostic.severity, VN_SEV_ERROR);
    assert_int_equal(vn_doc_error_count(d), 1);
    t_free(d);

    /* fits as a number but not in đồng once multiplied by 10^9 */
    d = t_doc(p, "Số liệu 999.999.999.999.999.999.999.999.999.999 tỷ đồng lỗi.");
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 0);
    assert_int_equal(t_count_rule(d, "number-overflow"), 1);
    t_free(d);
}

/* ---- percentages and quantities ------------------------------------------ */

static void test_percent(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Tỷ lệ hộ nghèo 25,9%; giải ngân đạt 99,3 % KH; 63,30%.");
    assert_int_equal(t_count(d, VN_REC_PERCENT), 3);
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 0);
    const struct vn_record *r = t_nth(d, VN_REC_PERCENT, 0);
    assert_string_equal(t_span(d, r->text), "25,9%");
    assert_string_equal(fixed(r->u.percent.num.value), "25.9");
    assert_int_equal(r->u.percent.hedge, -1);
    assert_int_equal(r->col, 16);
    r = t_nth(d, VN_REC_PERCENT, 1);
    assert_string_equal(t_span(d, r->text), "99,3 %");
    assert_string_equal(fixed(r->u.percent.num.value), "99.3");
    r = t_nth(d, VN_REC_PERCENT, 2);
    assert_string_equal(fixed(r->u.percent.num.value), "63.30");   /* trailing zero as written */
    t_free(d);
}

/* Measure words of vocab/measures.tsv, each a quantity with a dimension;
 * a longer phrase that starts with one is not ("xã hội", "giải pháp"). */
static void test_measure_words(void **state)
{
    struct vn_pipeline *p = *state;
    static const char *const words[] = {
        "vụ", "bị can", "đối tượng", "trường hợp", "lỗi", "thẻ", "HTX", "hợp tác xã", "cơ sở", "lượt",
        "lượt người", "hộ gia đình", "mô hình", "căn", "căn nhà", "công trình", "dự án", "chương trình", "giờ",
        "tin", "bài", "cầu", "bể", "trạm", "phòng học", "giải", "đợt", "đoàn", "hội nghị", "sản phẩm", "pano",
        "xã", "thôn", "người", "con", "tấn", "tạ", "tạ/ha", "ha", "km", "m", "m²", "m³",
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        char in[128];
        snprintf(in, sizeof in, "Thực hiện 12 %s trong năm.", words[i]);
        struct vn_doc *d = t_doc(p, in);
        if (t_count(d, VN_REC_QUANTITY) != 1) {
            t_dump(d);
            fail_msg("'%s': %zu quantities, expected 1", in, t_count(d, VN_REC_QUANTITY));
        }
        const struct vn_record *q = t_nth(d, VN_REC_QUANTITY, 0);
        const char *dim = vn_vocab_measure_name(d->records->vocab, q->u.quantity.measure);
        if (strcmp(t_span(d, q->u.quantity.unit), words[i]) != 0 || !dim || !strcmp(dim, "-"))
            fail_msg("'%s': unit '%s', dimension '%s'", in, t_span(d, q->u.quantity.unit), dim ? dim : "(none)");
        t_free(d);
    }
    static const char *const not_measures[] = {
        "Năm 2024 xã hội hóa được nhiều nguồn lực.",
        "Đề ra 5 giải pháp trọng tâm.",
        "Đến nay 2024 giải ngân chậm.",
        "Có 3 xã có 12 mới.",
    };
    for (size_t i = 0; i < sizeof not_measures / sizeof not_measures[0]; i++) {
        struct vn_doc *d = t_doc(p, not_measures[i]);
        if (t_count(d, VN_REC_QUANTITY) != (i == 3 ? 1u : 0u)) {
            t_dump(d);
            fail_msg("'%s': %zu quantities", not_measures[i], t_count(d, VN_REC_QUANTITY));
        }
        t_free(d);
    }
}

static void test_quantities(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Diện tích gieo trồng 1.178,47ha/1.187 ha, đạt 99,28%.");
    assert_int_equal(t_count(d, VN_REC_QUANTITY), 2);
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 0);
    const struct vn_record *q = t_nth(d, VN_REC_QUANTITY, 0);
    assert_string_equal(t_span(d, q->text), "1.178,47ha");
    assert_string_equal(fixed(q->u.quantity.num.value), "1178.47");
    assert_string_equal(t_span(d, q->u.quantity.unit), "ha");
    assert_string_equal(vn_vocab_measure_name(d->records->vocab, q->u.quantity.measure), "area");
    assert_false(q->u.quantity.implied_unit);
    q = t_nth(d, VN_REC_QUANTITY, 1);
    assert_string_equal(t_span(d, q->text), "1.187 ha");
    assert_string_equal(fixed(q->u.quantity.num.value), "1187");
    assert_string_equal(t_span(d, q->u.quantity.unit), "ha");
    assert_int_equal(t_count(d, VN_REC_PERCENT), 1);
    t_free(d);

    d = t_doc(p, "Năng suất lúa bình quân 61,48 tạ/ha.");
    assert_int_equal(t_count(d, VN_REC_QUANTITY), 1);
    q = t_nth(d, VN_REC_QUANTITY, 0);
    assert_string_equal(t_span(d, q->text), "61,48 tạ/ha");
    assert_string_equal(fixed(q->u.quantity.num.value), "61.48");
    assert_string_equal(t_span(d, q->u.quantity.unit), "tạ/ha");
    assert_string_equal(vn_vocab_measure_name(d->records->vocab, q->u.quantity.measure), "yield");
    t_free(d);
}

/* ---- references ----------------------------------------------------------- */

static void test_reference_full(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Thực hiện Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng.");
    assert_int_equal(t_count(d, VN_REC_REFERENCE), 1);
    const struct vn_record *r = t_nth(d, VN_REC_REFERENCE, 0);
    check_ref(d, r, "Quyết định", "1719", 0, "QĐ-TTg", "2021-10-14");
    assert_string_equal(t_span(d, r->text), "Quyết định số 1719/QĐ-TTg ngày 14/10/2021");
    assert_int_equal(r->line, 1);
    assert_int_equal(r->col, 11);
    /* the issue date is also a date record */
    assert_int_equal(t_count(d, VN_REC_DATE), 1);
    check_date(t_nth(d, VN_REC_DATE, 0), 2021, 10, 14);
    assert_string_equal(t_span(d, t_nth(d, VN_REC_DATE, 0)->text), "14/10/2021");
    /* nothing in a reference is an amount or a quantity */
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 0);
    assert_int_equal(t_count(d, VN_REC_QUANTITY), 0);
    assert_int_equal(t_count(d, VN_REC_DIAGNOSTIC), 0);
    t_free(d);
}

static void test_reference_codes(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Theo Nghị định số 75/2015/NĐ-CP của Chính phủ.");
    assert_int_equal(t_count(d, VN_REC_REFERENCE), 1);
    check_ref(d, t_nth(d, VN_REC_REFERENCE, 0), "Nghị định", "75", 2015, "NĐ-CP", NULL);
    assert_int_equal(t_count(d, VN_REC_DATE), 0);
    t_free(d);

    d = t_doc(p, "Theo Kế hoạch số 231/KH- UBND của huyện.");
    assert_int_equal(t_count(d, VN_REC_REFERENCE), 1);
    check_ref(d, t_nth(d, VN_REC_REFERENCE, 0), "Kế hoạch", "231", 0, "KH-UBND", NULL);
    t_free(d);

    d = t_doc(p, "Theo Công văn số 1249/SLĐT BXH-BTXHTE ngày 25/6/2024 của Sở.");
    assert_int_equal(t_count(d, VN_REC_REFERENCE), 1);
    check_ref(d, t_nth(d, VN_REC_REFERENCE, 0), "Công văn", "1249", 0, "SLĐTBXH-BTXHTE", "2024-06-25");
    check_date(t_nth(d, VN_REC_DATE, 0), 2024, 6, 25);
    t_free(d);

    d = t_doc(p, "Thực hiện Chương trình số 02-CTr/HU của Huyện ủy.");
    assert_int_equal(t_count(d, VN_REC_REFERENCE), 1);
    check_ref(d, t_nth(d, VN_REC_REFERENCE, 0), "Chương trình", "02", 0, "CTr/HU", NULL);
    t_free(d);

    d = t_doc(p, "Thông tư số 15/2022/TT-BTC ngày 4 tháng 3 năm 2022.");
    check_ref(d, t_nth(d, VN_REC_REFERENCE, 0), "Thông tư", "15", 2022, "TT-BTC", "2022-03-04");
    t_free(d);

    /* kind in capitals, "Số" */
    d = t_doc(p, "QUYẾT ĐỊNH Số 12/QĐ-UBND");
    check_ref(d, t_nth(d, VN_REC_REFERENCE, 0), "QUYẾT ĐỊNH", "12", 0, "QĐ-UBND", NULL);
    t_free(d);
}

static void test_reference_date_in_words(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Nghị quyết số 47-NQ/TU ngày 09 tháng 9 năm 2021 của Tỉnh ủy.");
    assert_int_equal(t_count(d, VN_REC_REFERENCE), 1);
    check_ref(d, t_nth(d, VN_REC_REFERENCE, 0), "Nghị quyết", "47", 0, "NQ/TU", "2021-09-09");
    assert_int_equal(t_count(d, VN_REC_DATE), 1);
    check_date(t_nth(d, VN_REC_DATE, 0), 2021, 9, 9);
    assert_string_equal(t_span(d, t_nth(d, VN_REC_DATE, 0)->text), "09 tháng 9 năm 2021");
    t_free(d);
}

static void test_reference_no_code(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Theo Quyết định 1300 ngày 09/3/2023 của UBND tỉnh.");
    assert_int_equal(t_count(d, VN_REC_REFERENCE), 1);
    check_ref(d, t_nth(d, VN_REC_REFERENCE, 0), "Quyết định", "1300", 0, NULL, "2023-03-09");
    assert_int_equal(t_count(d, VN_REC_QUANTITY), 0);
    t_free(d);
}

static void test_reference_list(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Đã phê duyệt tại các Quyết định 272, 388, 674 của UBND huyện.");
    assert_int_equal(t_count(d, VN_REC_REFERENCE), 3);
    check_ref(d, t_nth(d, VN_REC_REFERENCE, 0), "Quyết định", "272", 0, NULL, NULL);
    check_ref(d, t_nth(d, VN_REC_REFERENCE, 1), "Quyết định", "388", 0, NULL, NULL);
    check_ref(d, t_nth(d, VN_REC_REFERENCE, 2), "Quyết định", "674", 0, NULL, NULL);
    assert_int_equal(t_nth(d, VN_REC_REFERENCE, 1)->col, 38);
    assert_int_equal(t_count(d, VN_REC_AMOUNT) + t_count(d, VN_REC_QUANTITY), 0);
    t_free(d);

    d = t_doc(p, "Nghị định 116/2016/NĐ-CP, 81/2021/NĐ-CP và 38/2023/NĐ-CP");
    assert_int_equal(t_count(d, VN_REC_REFERENCE), 3);
    check_ref(d, t_nth(d, VN_REC_REFERENCE, 0), "Nghị định", "116", 2016, "NĐ-CP", NULL);
    check_ref(d, t_nth(d, VN_REC_REFERENCE, 1), "Nghị định", "81", 2021, "NĐ-CP", NULL);
    check_ref(d, t_nth(d, VN_REC_REFERENCE, 2), "Nghị định", "38", 2023, "NĐ-CP", NULL);
    t_free(d);
}

static void test_not_references(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Thực hiện Chương trình 135 và Kế hoạch 2024 của xã.");
    if (t_count(d, VN_REC_REFERENCE) != 0) {
        t_dump(d);
        fail_msg("expected no reference");
    }
    t_free(d);

    /* a unit after the number: a figure, not a document */
    d = t_doc(p, "Quyết định 300 triệu đồng cho dự án.");
    assert_int_equal(t_count(d, VN_REC_REFERENCE), 0);
    assert_int_equal(t_count(d, VN_REC_AMOUNT), 1);
    t_free(d);
}

static void test_reference_invalid_date(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Báo cáo số 45/BC-UBND ngày 31/04/2024 của xã.");
    assert_int_equal(t_count(d, VN_REC_REFERENCE), 1);
    check_ref(d, t_nth(d, VN_REC_REFERENCE, 0), "Báo cáo", "45", 0, "BC-UBND", NULL);
    assert_int_equal(t_count(d, VN_REC_DATE), 0);
    assert_int_equal(t_count_rule(d, "invalid-date"), 1);
    t_free(d);
}

/* ---- dates ------------------------------------------------------------------ */

static void test_dates(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Họp ngày 14/10/2021, ngày 05 tháng 6 năm 2024 và ngày 1.12.2023.\n"
                                "Ngày 29/02/2024 và 29/02/2000.");
    assert_int_equal(t_count(d, VN_REC_DATE), 5);
    check_date(t_nth(d, VN_REC_DATE, 0), 2021, 10, 14);
    check_date(t_nth(d, VN_REC_DATE, 1), 2024, 6, 5);
    check_date(t_nth(d, VN_REC_DATE, 2), 2023, 12, 1);
    check_date(t_nth(d, VN_REC_DATE, 3), 2024, 2, 29);
    check_date(t_nth(d, VN_REC_DATE, 4), 2000, 2, 29);
    assert_int_equal(t_nth(d, VN_REC_DATE, 0)->line, 1);
    assert_int_equal(t_nth(d, VN_REC_DATE, 0)->col, 10);
    assert_int_equal(t_nth(d, VN_REC_DATE, 3)->line, 2);
    assert_int_equal(t_nth(d, VN_REC_DATE, 3)->col, 6);
    assert_int_equal(t_count(d, VN_REC_DIAGNOSTIC), 0);
    t_free(d);
}

static void test_invalid_dates(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Báo cáo ngày 30/02/2024 gửi UBND.");
    assert_int_equal(t_count(d, VN_REC_DATE), 0);
    assert_int_equal(t_count_rule(d, "invalid-date"), 1);
    const struct vn_record *g = t_rule(d, "invalid-date", 0);
    assert_string_equal(t_span(d, g->text), "30/02/2024");
    assert_int_equal(g->line, 1);
    assert_int_equal(g->col, 14);
    assert_non_null(strstr(g->u.diagnostic.message, "30/02/2024"));
    assert_int_equal(t_count(d, VN_REC_AMOUNT) + t_count(d, VN_REC_QUANTITY), 0);
    t_free(d);

    d = t_doc(p, "Các ngày 29/02/2023, 29/02/1900, 31/6/2024, 15/13/2024, 00/5/2024.");
    assert_int_equal(t_count(d, VN_REC_DATE), 0);
    assert_int_equal(t_count_rule(d, "invalid-date"), 5);
    t_free(d);
}

/* ---- placeholders --------------------------------------------------------- */

static void test_placeholders(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Số: /BC-UBND");
    assert_int_equal(t_count_rule(d, "unfilled-placeholder"), 1);
    const struct vn_record *g = t_rule(d, "unfilled-placeholder", 0);
    assert_string_equal(t_span(d, g->text), "Số: /BC-UBND");
    assert_int_equal(g->line, 1);
    assert_int_equal(g->col, 1);
    assert_int_equal(t_count(d, VN_REC_REFERENCE), 0);
    t_free(d);

    d = t_doc(p, "Tân Lĩnh, ngày tháng 6 năm 2023");
    assert_int_equal(t_count_rule(d, "unfilled-placeholder"), 1);
    g = t_rule(d, "unfilled-placeholder", 0);
    assert_int_equal(g->col, 11);
    assert_int_equal(t_count(d, VN_REC_DATE), 0);
    t_free(d);

    d = t_doc(p, "ngày   /  /2024 và ngày 12 tháng năm 2023");
    assert_int_equal(t_count_rule(d, "unfilled-placeholder"), 2);
    assert_int_equal(t_count(d, VN_REC_DATE), 0);
    t_free(d);

    /* the whole slot, with what names it */
    d = t_doc(p, "Tân Lĩnh, ngày    tháng 6 năm 2024\nCăn cứ Kế hoạch số     /KH-UBND ngày   /  /2024;\n"
                 "Quyết định số .../QĐ-UBND ngày .../.../2024; ngày 12 tháng năm 2023.\n"
                 "Giải ngân ....... triệu đồng, đạt ....% KH; ghi chú v.v... và 1...2.\n");
    static const char *const slots[] = {
        "ngày    tháng 6 năm 2024", "Kế hoạch số     /KH-UBND", "ngày   /  /2024", "Quyết định số .../QĐ-UBND",
        "ngày .../.../2024", "ngày 12 tháng năm 2023", "....... triệu đồng", "....%",
    };
    if (t_count_rule(d, "unfilled-placeholder") != sizeof slots / sizeof slots[0]) {
        t_dump(d);
        fail_msg("%zu placeholders", t_count_rule(d, "unfilled-placeholder"));
    }
    for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++) {
        g = t_rule(d, "unfilled-placeholder", i);
        assert_string_equal(t_span(d, g->text), slots[i]);
        assert_non_null(strstr(g->u.diagnostic.message, slots[i]));
    }
    assert_int_equal(t_rule(d, "unfilled-placeholder", 1)->col, 8);
    assert_non_null(strstr(t_rule(d, "unfilled-placeholder", 6)->u.diagnostic.message, "amount"));
    assert_non_null(strstr(t_rule(d, "unfilled-placeholder", 7)->u.diagnostic.message, "percentage"));
    assert_int_equal(t_count(d, VN_REC_DATE) + t_count(d, VN_REC_REFERENCE) + t_count(d, VN_REC_AMOUNT), 0);
    t_free(d);

    /* a template repeated without end: VN_MAX_PLACEHOLDERS listed, then one
       finding that counts the rest */
    {
        static const char line[] = "Số: /BC-UBND\n";
        size_t reps = VN_MAX_PLACEHOLDERS + 5, n = reps * (sizeof line - 1);
        char *big = malloc(n + 1);
        assert_non_null(big);
        for (size_t i = 0; i < reps; i++)
            memcpy(big + i * (sizeof line - 1), line, sizeof line - 1);
        big[n] = '\0';
        d = t_doc(p, big);
        free(big);
        assert_int_equal(t_count_rule(d, "unfilled-placeholder"), VN_MAX_PLACEHOLDERS + 1);
        g = t_rule(d, "unfilled-placeholder", VN_MAX_PLACEHOLDERS);
        assert_non_null(strstr(g->u.diagnostic.message, "5 more unfilled placeholders"));
        assert_int_equal(g->line, VN_MAX_PLACEHOLDERS + 1);
        t_free(d);
    }

    /* filled-in forms are not placeholders */
    d = t_doc(p, "Số: 123/BC-UBND\nTân Lĩnh, ngày 05 tháng 6 năm 2023");
    assert_int_equal(t_count_rule(d, "unfilled-placeholder"), 0);
    assert_int_equal(t_count(d, VN_REC_DATE), 1);
    t_free(d);
}

/* ---- positions ------------------------------------------------------------- */

static void test_line_col(void **state)
{
    struct vn_pipeline *p = *state;
    struct vn_doc *d = t_doc(p, "Dòng một không có số liệu\n"
                                "\n"
                                "Tổng vốn: 33.700,719 triệu đồng; đạt 25,9%\n"
                                "\tKinh phí 5 trđ");
    assert_int_equal(d->text->n_lines, 4);
    const struct vn_record *a = t_nth(d, VN_REC_AMOUNT, 0);
    assert_int_equal(a->line, 3);
    assert_int_equal(a->col, 11);
    const struct vn_record *pc = t_nth(d, VN_REC_PERCENT, 0);
    assert_int_equal(pc->line, 3);
    assert_int_equal(pc->col, 38);
    a = t_nth(d, VN_REC_AMOUNT, 1);
    assert_int_equal(a->line, 4);
    assert_int_equal(a->col, 11);
    /* records are sorted by position */
    for (size_t i = 1; i < d->records->n; i++)
        assert_true(d->records->items[i - 1].text.off <= d->records->items[i].text.off);
    t_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unit_spellings),
        cmocka_unit_test(test_bare_multiplier),
        cmocka_unit_test(test_glued_unit),
        cmocka_unit_test(test_amount_value_and_pow10),
        cmocka_unit_test(test_not_money),
        cmocka_unit_test(test_rate_per_item),
        cmocka_unit_test(test_hedges),
        cmocka_unit_test(test_hedge_uoc_dat),
        cmocka_unit_test(test_hedge_uoc_variants),
        cmocka_unit_test(test_hedge_khoang_hon),
        cmocka_unit_test(test_no_false_hedge),
        cmocka_unit_test(test_implied_unit_slash),
        cmocka_unit_test(test_implied_unit_breakdown),
        cmocka_unit_test(test_bare_number_stays_bare),
        cmocka_unit_test(test_implied_unit_siblings),
        cmocka_unit_test(test_implied_unit_range),
        cmocka_unit_test(test_table_heading),
        cmocka_unit_test(test_signed_numbers),
        cmocka_unit_test(test_amount_in_words),
        cmocka_unit_test(test_malformed_amounts),
        cmocka_unit_test(test_overflow_amount),
        cmocka_unit_test(test_percent),
        cmocka_unit_test(test_measure_words),
        cmocka_unit_test(test_quantities),
        cmocka_unit_test(test_reference_full),
        cmocka_unit_test(test_reference_codes),
        cmocka_unit_test(test_reference_date_in_words),
        cmocka_unit_test(test_reference_no_code),
        cmocka_unit_test(test_reference_list),
        cmocka_unit_test(test_not_references),
        cmocka_unit_test(test_reference_invalid_date),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_invalid_dates),
        cmocka_unit_test(test_placeholders),
        cmocka_unit_test(test_line_col),
    };
    return cmocka_run_group_tests(tests, t_pipeline_setup, t_pipeline_teardown);
}
