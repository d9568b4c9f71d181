/* Exact decimals: parse, format, arithmetic, comparison, rounding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "helpers.h"

#define D(s) t_parse_dec(s)

static void check_fmt(const char *in, const char *canon, const char *fixed)
{
    struct vn_dec d = D(in);
    char buf[VN_DEC_STRLEN];
    size_t n = vn_dec_format(d, buf);
    if (strcmp(buf, canon) != 0)
        fail_msg("format(%s) = %s, expected %s", in, buf, canon);
    assert_int_equal(n, strlen(canon));
    n = vn_dec_format_fixed(d, buf);
    if (strcmp(buf, fixed) != 0)
        fail_msg("format_fixed(%s) = %s, expected %s", in, buf, fixed);
    assert_int_equal(n, strlen(fixed));
}

static void test_parse_format(void **state)
{
    (void)state;
    check_fmt("0", "0", "0");
    check_fmt("-3", "-3", "-3");
    check_fmt("+3", "3", "3");
    check_fmt("12.5", "12.5", "12.5");
    check_fmt("12.500", "12.5", "12.500");
    check_fmt("0.001", "0.001", "0.001");
    check_fmt("-0.001", "-0.001", "-0.001");
    check_fmt("-123.4500", "-123.45", "-123.4500");
    check_fmt("100", "100", "100");
    check_fmt("100.0", "100", "100.0");
    check_fmt("007.10", "7.1", "7.10");
    check_fmt("-0", "0", "0");
    check_fmt("33700719000", "33700719000", "33700719000");
    check_fmt("999999999999999999999999999999999999", "999999999999999999999999999999999999",
              "999999999999999999999999999999999999");
    check_fmt("-999999999999999999999999999999999999", "-999999999999999999999999999999999999",
              "-999999999999999999999999999999999999");

    struct vn_dec d = D("-123.4500");
    assert_true(d.mant == -1234500);
    assert_int_equal(d.scale, 4);
}

static void test_parse_errors(void **state)
{
    (void)state;
    struct vn_dec d;
    static const char *bad[] = {"", "-", "+", ".", "1.2.3", "abc", "1,5", "1e5", " 1", "1 ", "--1", "0x10"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        vn_status st = vn_dec_parse(bad[i], strlen(bad[i]), &d);
        if (st != VN_ESYNTAX)
            fail_msg("vn_dec_parse(\"%s\") = %s, expected VN_ESYNTAX", bad[i], vn_strerror(st));
    }
    /* 37 significant digits, or more than 30 fraction digits */
    const char *b37 = "1000000000000000000000000000000000000";
    assert_int_equal(vn_dec_parse(b37, strlen(b37), &d), VN_EOVERFLOW);
    const char *f31 = "0.0000000000000000000000000000001";
    assert_int_equal(vn_dec_parse(f31, strlen(f31), &d), VN_EOVERFLOW);
    const char *f30 = "0.000000000000000000000000000001";
    assert_int_equal(vn_dec_parse(f30, strlen(f30), &d), VN_OK);
    assert_int_equal(d.scale, 30);
    assert_true(d.mant == 1);
}

static void test_add_sub_exact(void **state)
{
    (void)state;
    struct vn_dec r;
    /* 0.1 + 0.2 is exactly 0.3 (no binary floating point) */
    assert_int_equal(vn_dec_add(D("0.1"), D("0.2"), &r), VN_OK);
    assert_string_equal(t_dec(r), "0.3");
    assert_int_equal(vn_dec_cmp(r, D("0.3")), 0);
    /* sums of report figures */
    assert_int_equal(vn_dec_add(D("9293.0"), D("464.65"), &r), VN_OK);
    assert_string_equal(t_dec(r), "9757.65");
    assert_int_equal(r.scale, 2);
    assert_int_equal(vn_dec_add(D("33700.719"), D("-0.719"), &r), VN_OK);
    assert_string_equal(t_dec(r), "33700");
    assert_int_equal(vn_dec_sub(D("5013.06"), D("13.0600"), &r), VN_OK);
    assert_string_equal(t_dec(r), "5000");
    assert_int_equal(vn_dec_sub(D("1"), D("1.000001"), &r), VN_OK);
    assert_string_equal(t_dec(r), "-0.000001");
    assert_int_equal(vn_dec_sub(D("-2.5"), D("-2.5"), &r), VN_OK);
    assert_string_equal(t_dec(r), "0");
    /* many small terms stay exact */
    struct vn_dec acc = D("0");
    for (int i = 0; i < 1000; i++)
        assert_int_equal(vn_dec_add(acc, D("0.001"), &acc), VN_OK);
    assert_int_equal(vn_dec_cmp(acc, D("1")), 0);
}

static void test_mul_exact(void **state)
{
    (void)state;
    struct vn_dec r;
    assert_int_equal(vn_dec_mul(D("0.1"), D("0.1"), &r), VN_OK);
    assert_string_equal(t_dec(r), "0.01");
    assert_int_equal(vn_dec_mul(D("1.5"), D("2"), &r), VN_OK);
    assert_string_equal(t_dec(r), "3");
    assert_int_equal(vn_dec_cmp(r, D("3")), 0);
    assert_int_equal(vn_dec_mul(D("-2.5"), D("4.4"), &r), VN_OK);
    assert_string_equal(t_dec(r), "-11");
    assert_int_equal(vn_dec_mul(D("16567.406"), D("1000000"), &r), VN_OK);
    assert_string_equal(t_dec(r), "16567406000");
    assert_int_equal(vn_dec_mul(D("0"), D("-123.45"), &r), VN_OK);
    assert_string_equal(t_dec(r), "0");
}

static void test_div(void **state)
{
    (void)state;
    struct vn_dec r;
    assert_int_equal(vn_dec_div(D("1"), D("3"), 6, &r), VN_OK);
    assert_string_equal(t_dec(r), "0.333333");
    assert_int_equal(r.scale, 6);
    /* truncated, not rounded */
    assert_int_equal(vn_dec_div(D("2"), D("3"), 6, &r), VN_OK);
    assert_string_equal(t_dec(r), "0.666666");
    /* toward zero for negatives */
    assert_int_equal(vn_dec_div(D("-2"), D("3"), 6, &r), VN_OK);
    assert_string_equal(t_dec(r), "-0.666666");
    assert_int_equal(vn_dec_div(D("2"), D("-3"), 2, &r), VN_OK);
    assert_string_equal(t_dec(r), "-0.66");
    /* a ratio from a report: 8614/8698 = 99,03% */
    assert_int_equal(vn_dec_div(D("861400"), D("8698"), 6, &r), VN_OK);
    assert_string_equal(t_dec(r), "99.03426");
    assert_true(r.mant == 99034260);
    /* operands at different scales */
    assert_int_equal(vn_dec_div(D("9757.650"), D("0.5"), 3, &r), VN_OK);
    assert_string_equal(t_dec(r), "19515.3");
    assert_int_equal(vn_dec_div(D("1.2345"), D("100"), 2, &r), VN_OK);
    assert_string_equal(t_dec(r), "0.01");
    assert_int_equal(vn_dec_div(D("10"), D("4"), 0, &r), VN_OK);
    assert_string_equal(t_dec(r), "2");
    assert_int_equal(vn_dec_div(D("10"), D("4"), 1, &r), VN_OK);
    assert_string_equal(t_dec(r), "2.5");
}

static void test_div_by_zero(void **state)
{
    (void)state;
    struct vn_dec r = {12345, 2};
    assert_int_equal(vn_dec_div(D("1"), D("0"), 6, &r), VN_EINVAL);
    assert_int_equal(vn_dec_div(D("0"), D("0.000"), 2, &r), VN_EINVAL);
    assert_int_equal(vn_dec_div(D("-5.5"), D("-0"), 0, &r), VN_EINVAL);
    /* the output is left alone */
    assert_true(r.mant == 12345);
    assert_int_equal(r.scale, 2);
}

static void test_overflow_add(void **state)
{
    (void)state;
    struct vn_dec r;
    struct vn_dec max = D("999999999999999999999999999999999999");   /* 10^36 - 1 */
    struct vn_dec min = D("-999999999999999999999999999999999999");
    assert_int_equal(vn_dec_add(max, D("1"), &r), VN_EOVERFLOW);
    assert_int_equal(vn_dec_sub(min, D("1"), &r), VN_EOVERFLOW);
    assert_int_equal(vn_dec_add(min, D("-1"), &r), VN_EOVERFLOW);
    assert_int_equal(vn_dec_sub(max, min, &r), VN_EOVERFLOW);
    struct vn_dec half = D("500000000000000000000000000000000000");     /* 5 * 10^35 */
    assert_int_equal(vn_dec_add(half, half, &r), VN_EOVERFLOW);
    /* aligning the scales would overflow */
    assert_int_equal(vn_dec_add(D("100000000000000000000000000000000000"), D("0.1"), &r), VN_EOVERFLOW);
    /* just below the limit is fine and exact */
    assert_int_equal(vn_dec_add(D("999999999999999999999999999999999998"), D("1"), &r), VN_OK);
    assert_string_equal(t_dec(r), "999999999999999999999999999999999999");
    assert_int_equal(vn_dec_add(max, min, &r), VN_OK);
    assert_string_equal(t_dec(r), "0");
}

static void test_overflow_mul(void **state)
{
    (void)state;
    struct vn_dec r;
    struct vn_dec e18 = D("1000000000000000000");
    /* 10^36 is one past the limit */
    assert_int_equal(vn_dec_mul(e18, e18, &r), VN_EOVERFLOW);
    /* beyond __int128 altogether: must not wrap */
    struct vn_dec e20 = D("100000000000000000000");
    assert_int_equal(vn_dec_mul(e20, e20, &r), VN_EOVERFLOW);
    struct vn_dec big = D("999999999999999999999999999999999999");
    assert_int_equal(vn_dec_mul(big, big, &r), VN_EOVERFLOW);
    assert_int_equal(vn_dec_mul(big, D("-2"), &r), VN_EOVERFLOW);
    assert_int_equal(vn_dec_mul(D("-99999999999999999999"), D("99999999999999999999"), &r), VN_EOVERFLOW);
    /* just below */
    assert_int_equal(vn_dec_mul(D("1000000000000000000"), D("999999999999999999"), &r), VN_OK);
    assert_string_equal(t_dec(r), "999999999999999999000000000000000000");
    /* scales add up past the maximum */
    struct vn_dec tiny = D("0.0000000000000001");   /* 10^-16 */
    assert_int_equal(vn_dec_mul(tiny, tiny, &r), VN_EOVERFLOW);
    /* shifting (đồng per unit) checks too */
    assert_int_equal(vn_dec_shift(D("1000000000000000000000000000000"), 6, &r), VN_EOVERFLOW);
    assert_int_equal(vn_dec_shift(D("12.5"), 6, &r), VN_OK);
    assert_string_equal(t_dec(r), "12500000");
}

static void test_cmp(void **state)
{
    (void)state;
    assert_int_equal(vn_dec_cmp(D("1.50"), D("1.5")), 0);
    assert_int_equal(vn_dec_cmp(D("1.5"), D("1.50")), 0);
    assert_int_equal(vn_dec_cmp(D("2"), D("2.000000")), 0);
    assert_int_equal(vn_dec_cmp(D("0"), D("-0.0")), 0);
    assert_int_equal(vn_dec_cmp(D("1.49"), D("1.5")), -1);
    assert_int_equal(vn_dec_cmp(D("1.5"), D("1.49")), 1);
    assert_int_equal(vn_dec_cmp(D("-1.5"), D("-1.49")), -1);
    assert_int_equal(vn_dec_cmp(D("-1"), D("0.000001")), -1);
    assert_int_equal(vn_dec_cmp(D("99.3"), D("99.281382")), 1);
    assert_int_equal(vn_dec_cmp(D("1.000000000000000000000000000001"), D("1")), 1);
    /* values whose alignment would overflow still compare correctly */
    struct vn_dec huge = D("999999999999999999999999999999999999");
    struct vn_dec tiny = D("0.000000000000000000000000000001");
    assert_int_equal(vn_dec_cmp(huge, tiny), 1);
    assert_int_equal(vn_dec_cmp(tiny, huge), -1);
    assert_int_equal(vn_dec_cmp(D("-999999999999999999999999999999999999"), tiny), -1);
    assert_int_equal(vn_dec_cmp(huge, huge), 0);
}

static void check_round(const char *in, int scale, const char *half_up, const char *trunc)
{
    struct vn_dec d = D(in);
    struct vn_dec h = vn_dec_round(d, scale, VN_ROUND_HALF_UP);
    struct vn_dec t = vn_dec_round(d, scale, VN_ROUND_TRUNCATE);
    char hb[VN_DEC_STRLEN], tb[VN_DEC_STRLEN];
    vn_dec_format_fixed(h, hb);
    vn_dec_format_fixed(t, tb);
    if (strcmp(hb, half_up) != 0)
        fail_msg("round(%s, %d, half-up) = %s, expected %s", in, scale, hb, half_up);
    if (strcmp(tb, trunc) != 0)
        fail_msg("round(%s, %d, truncate) = %s, expected %s", in, scale, tb, trunc);
    if (scale <= d.scale) {
        assert_int_equal(h.scale, scale);
        assert_int_equal(t.scale, scale);
    }
}

static void test_round(void **state)
{
    (void)state;
    check_round("99.281382", 1, "99.3", "99.2");
    check_round("30.434783", 2, "30.43", "30.43");
    check_round("0.5", 0, "1", "0");
    check_round("0.45", 1, "0.5", "0.4");
    check_round("0.449", 1, "0.4", "0.4");
    check_round("2.675", 2, "2.68", "2.67");   /* no binary-float surprise */
    check_round("1.005", 2, "1.01", "1.00");
    check_round("77.96", 2, "77.96", "77.96");
    check_round("9.999", 2, "10.00", "9.99");
    check_round("99.95", 1, "100.0", "99.9");
    check_round("123.456", 0, "123", "123");
    /* negative values: half away from zero; truncation toward zero */
    check_round("-99.281382", 1, "-99.3", "-99.2");
    check_round("-30.434783", 2, "-30.43", "-30.43");
    check_round("-2.5", 0, "-3", "-2");
    check_round("-0.45", 1, "-0.5", "-0.4");
    check_round("-0.04", 1, "0.0", "0.0");
    /* rounding to the same or a larger scale changes nothing */
    check_round("1.25", 2, "1.25", "1.25");
    check_round("1.25", 4, "1.25", "1.25");
}

static void test_reduce_rescale(void **state)
{
    (void)state;
    struct vn_dec r = vn_dec_reduce(D("12.5000"));
    assert_true(r.mant == 125);
    assert_int_equal(r.scale, 1);
    r = vn_dec_reduce(D("100"));
    assert_true(r.mant == 100);   /* integer zeros are not fraction zeros */
    assert_int_equal(r.scale, 0);
    assert_int_equal(vn_dec_rescale(D("1.5"), 4, &r), VN_OK);
    assert_true(r.mant == 15000);
    assert_int_equal(r.scale, 4);
    assert_int_equal(vn_dec_cmp(r, D("1.5")), 0);
    assert_int_equal(vn_dec_rescale(D("1.5"), 31, &r), VN_EOVERFLOW);
    assert_int_equal(vn_dec_rescale(D("100000000000000000000000000000000000"), 2, &r), VN_EOVERFLOW);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_format),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_add_sub_exact),
        cmocka_unit_test(test_mul_exact),
        cmocka_unit_test(test_div),
        cmocka_unit_test(test_div_by_zero),
        cmocka_unit_test(test_overflow_add),
        cmocka_unit_test(test_overflow_mul),
        cmocka_unit_test(test_cmp),
        cmocka_unit_test(test_round),
        cmocka_unit_test(test_reduce_rescale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
