/* The contract's rounding rule through vn_claim_matches(exact, claimed): a
 * claim with d decimals is consistent when the exact value rounded half-up
 * or truncated to d decimals equals it. Also overflow of the decimal
 * operations the validator computes with, near the 36-digit limit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "helpers.h"

#define D(s) t_parse_dec(s)

/* exact, claimed, expected */
struct case_ {
    const char *exact, *claimed;
    bool match;
    const char *why;
};

static void run_cases(const struct case_ *c, size_t n)
{
    size_t bad = 0;
    for (size_t i = 0; i < n; i++) {
        bool got = vn_claim_matches(D(c[i].exact), D(c[i].claimed));
        if (got != c[i].match) {
            print_message("vn_claim_matches(%s, %s) = %s, expected %s (%s)\n", c[i].exact, c[i].claimed,
                          got ? "true" : "false", c[i].match ? "true" : "false", c[i].why);
            bad++;
        }
    }
    if (bad)
        fail_msg("%zu of %zu cases wrong", bad, n);
}

#define RUN(cases) run_cases(cases, sizeof cases / sizeof cases[0])

static void test_rounded_only(void **state)
{
    (void)state;
    static const struct case_ cases[] = {
        {"99.281382", "99.3", true, "rounded half-up; truncation gives 99.2"},
        {"60.769231", "60.8", true, "rounded; truncation gives 60.7"},
        {"0.967332", "0.97", true, "rounded; truncation gives 0.96"},
        {"2.5", "3", true, "half-up, not half-even (which gives 2)"},
        {"0.5", "1", true, "half-up at the first decimal"},
        {"0.05", "0.1", true, "an exact half rounds up"},
        {"4770.15", "4770.2", true, "product 1032.5 x 46.2 / 10, half rounds up"},
        {"9.996", "10.00", true, "rounding carries into a new integer digit"},
        {"9.996", "10.0", true, "carry at one decimal"},
        {"9.996", "10", true, "carry with an integer claim"},
    };
    RUN(cases);
}

static void test_truncated_only(void **state)
{
    (void)state;
    static const struct case_ cases[] = {
        {"99.249726", "99.24", true, "truncated; rounding gives 99.25"},
        {"58.97019", "58.9", true, "truncated; rounding gives 59.0"},
        {"63.076923", "63.07", true, "truncated; rounding gives 63.08"},
        {"2.5", "2", true, "truncated"},
        {"9.996", "9.99", true, "truncated; rounding carries to 10.00"},
        {"0.049999", "0.0", true, "truncated and rounded agree below the half"},
    };
    RUN(cases);
}

static void test_both(void **state)
{
    (void)state;
    static const struct case_ cases[] = {
        {"1.400591", "1.4", true, "both readings give 1.4"},
        {"47.703968", "47.7", true, "both"},
        {"7245.23356", "7245.23", true, "product, both"},
        {"92.5", "92.5", true, "exact"},
        {"31", "31", true, "exact integer"},
        {"2.345", "2.35", true, "the half rounds up"},
        {"2.345", "2.34", true, "truncated"},
        {"2.345", "2.3", true, "both at one decimal"},
    };
    RUN(cases);
}

static void test_neither(void **state)
{
    (void)state;
    static const struct case_ cases[] = {
        {"99.96503", "97.94", false, "neither 99.97 nor 99.96"},
        {"99.281382", "99.4", false, "off by one in the last place"},
        {"99.281382", "99.28", true, "sanity: 99.28 is both"},
        {"99.281382", "99.29", false, "rounded and truncated are both 99.28"},
        {"63.292208", "63.30", false, "a trailing zero is a claimed decimal: 63.29 either way"},
        {"64.761904", "64.67", false, "swapped digits"},
        {"9.996", "9.98", false, "below the truncation"},
        {"0.049999", "0.1", false, "just below the half"},
        {"2.5", "1", false, "not a reading of 2.5"},
        {"13.000867", "13.2", false, "off by 0.2"},
    };
    RUN(cases);
}

static void test_integer_claims(void **state)
{
    (void)state;
    static const struct case_ cases[] = {
        {"100", "100", true, "exact"},
        {"100", "99", false, "exact value, claim one less"},
        {"100", "101", false, "exact value, claim one more"},
        {"44.6", "45", true, "rounded"},
        {"44.6", "44", true, "truncated"},
        {"44.6", "46", false, "neither"},
        {"20.992616", "21", true, "rounded only"},
        {"20.992616", "20", true, "truncated only"},
        {"0", "0", true, "zero"},
        {"0.4", "0", true, "rounds and truncates to zero"},
        {"1911", "1911", true, "product in tấn"},
        {"6622", "6662", false, "swapped digits in an integer"},
    };
    RUN(cases);
}

static void test_claim_more_decimals(void **state)
{
    (void)state;
    static const struct case_ cases[] = {
        {"5.1", "5.10", true, "written with a trailing zero"},
        {"5.1", "5.100", true, "two trailing zeros"},
        {"5", "5.00", true, "an integer written with decimals"},
        {"5.1", "5.11", false, "a digit the exact value does not have"},
        {"5.1", "5.09", false, "below"},
        {"5", "5.01", false, "above an integer"},
        {"12.5", "12.50", true, "same value, more decimals"},
        {"1", "1.000000000000000000000000000000", true, "30 claimed decimals"},
        {"0.333333333333333333333333333333", "0.33", true, "30 exact decimals"},
        {"0.333333333333333333333333333333", "0.34", false, "30 exact decimals, wrong claim"},
    };
    RUN(cases);
}

static void test_negative(void **state)
{
    (void)state;
    /* Reports write decreases as positive numbers ("giảm 1,4%"), but a
     * computed difference can be negative. Rounding is symmetric (half away
     * from zero, as vn_dec_round) and truncation is toward zero. */
    static const struct case_ cases[] = {
        {"-2.346", "-2.35", true, "rounded"},
        {"-2.346", "-2.34", true, "truncated toward zero"},
        {"-2.346", "-2.36", false, "neither"},
        {"-2.344", "-2.34", true, "both"},
        {"-2.344", "-2.35", false, "toward zero, not the floor"},
        {"-2.345", "-2.35", true, "the half rounds away from zero"},
        {"-1.2", "1.2", false, "the sign differs"},
        {"1.2", "-1.2", false, "the sign differs"},
        {"-0.04", "0.0", true, "rounds to zero"},
        {"-9", "-9", true, "negative integer"},
    };
    RUN(cases);
}

static void test_large_values(void **state)
{
    (void)state;
    static const struct case_ cases[] = {
        /* 35 significant digits: the rounding carry makes 30 integer digits */
        {"99999999999999999999999999999.999999", "100000000000000000000000000000", true, "carry, 30 digits"},
        {"99999999999999999999999999999.999999", "99999999999999999999999999999", true, "truncated"},
        {"99999999999999999999999999999.999999", "99999999999999999999999999998", false, "neither"},
        {"999999999999999999999999999999999999", "999999999999999999999999999999999999", true, "36 digits"},
        {"33700719000", "33700719000", true, "đồng"},
    };
    RUN(cases);
}

static void test_overflow_add(void **state)
{
    (void)state;
    struct vn_dec r;
    const struct vn_dec max = D("999999999999999999999999999999999999");   /* 10^36 - 1 */
    const struct vn_dec min = D("-999999999999999999999999999999999999");
    assert_int_equal(vn_dec_add(max, D("0"), &r), VN_OK);
    assert_int_equal(vn_dec_add(D("999999999999999999999999999999999998"), D("1"), &r), VN_OK);
    assert_int_equal(vn_dec_cmp(r, max), 0);
    assert_int_equal(vn_dec_add(max, D("1"), &r), VN_EOVERFLOW);
    assert_int_equal(vn_dec_add(min, D("-1"), &r), VN_EOVERFLOW);
    assert_int_equal(vn_dec_add(max, min, &r), VN_OK);
    assert_string_equal(t_dec(r), "0");
    assert_int_equal(vn_dec_sub(min, D("1"), &r), VN_EOVERFLOW);
    assert_int_equal(vn_dec_sub(max, D("-1"), &r), VN_EOVERFLOW);
    /* aligning the scales needs a 37th digit */
    assert_int_equal(vn_dec_add(D("99999999999999999999999999999999999.9"), D("0.01"), &r), VN_EOVERFLOW);
    assert_int_equal(vn_dec_add(D("1000000"), D("0.000000000000000000000000000001"), &r), VN_EOVERFLOW);
    /* ... and without it: 31 digits */
    assert_int_equal(vn_dec_add(D("1"), D("0.000000000000000000000000000001"), &r), VN_OK);
    assert_string_equal(t_dec(r), "1.000000000000000000000000000001");
    /* a sum of many large parts that overflows on the last one */
    struct vn_dec acc = D("0");
    const struct vn_dec part = D("100000000000000000000000000000000000");  /* 10^35 */
    for (int i = 0; i < 9; i++)
        assert_int_equal(vn_dec_add(acc, part, &acc), VN_OK);
    assert_int_equal(vn_dec_add(acc, part, &r), VN_EOVERFLOW);
}

static void test_overflow_mul(void **state)
{
    (void)state;
    struct vn_dec r;
    const struct vn_dec n18 = D("999999999999999999");    /* 10^18 - 1 */
    const struct vn_dec e18 = D("1000000000000000000");   /* 10^18 */
    assert_int_equal(vn_dec_mul(n18, n18, &r), VN_OK);   /* 10^36 - 2*10^18 + 1: 36 digits */
    assert_string_equal(t_dec(r), "999999999999999998000000000000000001");
    assert_int_equal(vn_dec_mul(e18, e18, &r), VN_EOVERFLOW);
    assert_int_equal(vn_dec_mul(D("-1000000000000000000"), e18, &r), VN_EOVERFLOW);
    assert_int_equal(vn_dec_mul(D("100000000000000000000000000000000000"), D("9"), &r), VN_OK);
    assert_int_equal(vn_dec_mul(D("100000000000000000000000000000000000"), D("10"), &r), VN_EOVERFLOW);
    /* far beyond 128 bits: caught before the check on 10^36 */
    assert_int_equal(vn_dec_mul(D("999999999999999999999999999999999999"),
                                D("999999999999999999999999999999999999"), &r), VN_EOVERFLOW);
    /* the scales add up past VN_DEC_MAX_SCALE */
    assert_int_equal(vn_dec_mul(D("0.000000000000001"), D("0.0000000000000001"), &r), VN_EOVERFLOW);
    /* area x yield with decimals stays exact: 2416.8 ha x 58.6 tạ/ha */
    assert_int_equal(vn_dec_mul(D("2416.8"), D("58.6"), &r), VN_OK);
    assert_string_equal(t_dec(r), "141624.48");
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(vn_relation_name(VN_REL_SUM), "sum");
    assert_string_equal(vn_relation_name(VN_REL_RATIO), "ratio");
    assert_string_equal(vn_relation_name(VN_REL_DIFFERENCE), "difference");
    assert_string_equal(vn_relation_name(VN_REL_PRODUCT), "product");
    assert_string_equal(vn_verdict_name(VN_VERDICT_CONSISTENT), "consistent");
    assert_string_equal(vn_verdict_name(VN_VERDICT_INCONSISTENT), "inconsistent");
    assert_string_equal(vn_verdict_name(VN_VERDICT_PARTIAL), "partial");
    assert_string_equal(vn_verdict_name(VN_VERDICT_AMBIGUOUS), "ambiguous");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rounded_only),
        cmocka_unit_test(test_truncated_only),
        cmocka_unit_test(test_both),
        cmocka_unit_test(test_neither),
        cmocka_unit_test(test_integer_claims),
        cmocka_unit_test(test_claim_more_decimals),
        cmocka_unit_test(test_negative),
        cmocka_unit_test(test_large_values),
        cmocka_unit_test(test_overflow_add),
        cmocka_unit_test(test_overflow_mul),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
