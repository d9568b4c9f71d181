/* vn_number_parse: Vietnamese-style numbers, including the malformed forms
 * met in real reports. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "helpers.h"

/* Parses s and checks status, value (canonical and fixed forms) and the
 * ambiguity flag. */
static void check_num(const char *s, const char *value, const char *fixed, bool ambiguous)
{
    struct vn_number n;
    vn_status st = vn_number_parse(s, strlen(s), &n);
    if (st != VN_OK)
        fail_msg("vn_number_parse(\"%s\"): %s", s, vn_strerror(st));
    char buf[VN_DEC_STRLEN];
    vn_dec_format(n.value, buf);
    if (strcmp(buf, value) != 0)
        fail_msg("vn_number_parse(\"%s\") = %s, expected %s", s, buf, value);
    vn_dec_format_fixed(n.value, buf);
    if (strcmp(buf, fixed) != 0)
        fail_msg("vn_number_parse(\"%s\") fixed form %s, expected %s", s, buf, fixed);
    if (n.ambiguous != ambiguous)
        fail_msg("vn_number_parse(\"%s\"): ambiguous=%d, expected %d", s, n.ambiguous, ambiguous);
    if (ambiguous) {
        assert_non_null(n.note);
        assert_true(strlen(n.note) > 0);
    } else {
        assert_null(n.note);
    }
    assert_int_equal(n.span.len, strlen(s));
}

static void test_plain_integers(void **state)
{
    (void)state;
    check_num("0", "0", "0", false);
    check_num("7", "7", "7", false);
    check_num("125", "125", "125", false);
    check_num("2024", "2024", "2024", false);
    check_num("123456789", "123456789", "123456789", false);
    struct vn_number n;
    assert_int_equal(vn_number_parse("125", 3, &n), VN_OK);
    assert_true(n.value.mant == 125);
    assert_int_equal(n.value.scale, 0);
}

static void test_thousands_groups(void **state)
{
    (void)state;
    check_num("443.170.000", "443170000", "443170000", false);
    check_num("1.000", "1000", "1000", false);
    check_num("2.412", "2412", "2412", false);
    check_num("1.234.567.890.123", "1234567890123", "1234567890123", false);
    struct vn_number n;
    assert_int_equal(vn_number_parse("443.170.000", 11, &n), VN_OK);
    assert_true(n.value.mant == 443170000);
    assert_int_equal(n.value.scale, 0);
}

static void test_decimal_comma(void **state)
{
    (void)state;
    check_num("33.700,719", "33700.719", "33700.719", false);
    check_num("5.013,06", "5013.06", "5013.06", false);
    check_num("0,5", "0.5", "0.5", false);
    check_num("0,05", "0.05", "0.05", false);
    check_num("9.293,0", "9293", "9293.0", false);
    check_num("25,9", "25.9", "25.9", false);
    check_num("464,65", "464.65", "464.65", false);
    struct vn_number n;
    assert_int_equal(vn_number_parse("33.700,719", 10, &n), VN_OK);
    assert_true(n.value.mant == 33700719);
    assert_int_equal(n.value.scale, 3);
    /* the written precision is kept: 9.293,0 has one fraction digit */
    assert_int_equal(vn_number_parse("9.293,0", 7, &n), VN_OK);
    assert_true(n.value.mant == 92930);
    assert_int_equal(n.value.scale, 1);
}

static void test_leading_zeros(void **state)
{
    (void)state;
    check_num("09", "9", "9", false);
    check_num("03", "3", "3", false);
    check_num("000", "0", "0", false);
    check_num("007,50", "7.5", "7.50", false);
}

static void test_malformed_second_comma(void **state)
{
    (void)state;
    check_num("46.929,385,459", "46929.385459", "46929.385459", true);
    struct vn_number n;
    assert_int_equal(vn_number_parse("46.929,385,459", 14, &n), VN_OK);
    assert_true(n.value.mant == 46929385459);
    assert_int_equal(n.value.scale, 6);
}

static void test_malformed_english_separators(void **state)
{
    (void)state;
    check_num("7,383.915", "7383.915", "7383.915", true);
    check_num("1,234,567.5", "1234567.5", "1234567.5", true);
}

static void test_malformed_stray_dot(void **state)
{
    (void)state;
    /* a dot that does not group three digits before the decimal comma:
       the digits are joined */
    check_num("1.8,0", "18", "18.0", true);
    struct vn_number n;
    assert_int_equal(vn_number_parse("1.8,0", 5, &n), VN_OK);
    assert_true(n.value.mant == 180);
    assert_int_equal(n.value.scale, 1);
}

static void test_malformed_dot_as_decimal(void **state)
{
    (void)state;
    check_num("2.5", "2.5", "2.5", true);
    check_num("12.75", "12.75", "12.75", true);
    /* three digits after one dot is a thousands group, not a decimal */
    check_num("2.500", "2500", "2500", false);
}

static void test_malformed_space_after_comma(void **state)
{
    (void)state;
    check_num("10.726, 547", "10726.547", "10726.547", true);
    struct vn_number n;
    assert_int_equal(vn_number_parse("10.726, 547", 11, &n), VN_OK);
    assert_int_equal(n.span.len, 11);
    assert_non_null(n.note);
}

static void test_overflow(void **state)
{
    (void)state;
    struct vn_number n;
    /* 40 digits */
    const char *big = "1234567890123456789012345678901234567890";
    assert_int_equal(strlen(big), 40);
    assert_int_equal(vn_number_parse(big, strlen(big), &n), VN_EOVERFLOW);
    /* 37 digits, the first over the limit */
    const char *b37 = "9999999999999999999999999999999999999";
    assert_int_equal(vn_number_parse(b37, strlen(b37), &n), VN_EOVERFLOW);
    /* grouped: 1 followed by 39 zeros */
    const char *grp = "1.000.000.000.000.000.000.000.000.000.000.000.000.000";
    assert_int_equal(vn_number_parse(grp, strlen(grp), &n), VN_EOVERFLOW);
    /* digits spread over integer and fraction parts */
    const char *frac = "12345678901234567890,12345678901234567890";
    assert_int_equal(vn_number_parse(frac, strlen(frac), &n), VN_EOVERFLOW);
    /* 36 digits still fit exactly */
    const char *b36 = "999999999999999999999999999999999999";
    assert_int_equal(vn_number_parse(b36, strlen(b36), &n), VN_OK);
    char buf[VN_DEC_STRLEN];
    vn_dec_format(n.value, buf);
    assert_string_equal(buf, b36);
    /* leading zeros do not count against the limit */
    const char *lz = "0000000000000000000000000000000000000000042";
    assert_int_equal(vn_number_parse(lz, strlen(lz), &n), VN_OK);
    assert_true(n.value.mant == 42);
}

static void test_not_numbers(void **state)
{
    (void)state;
    struct vn_number n;
    static const char *bad[] = {"abc", "x12", ",5", ".5", "-5", "5,", "5.", "12a", "1/2", "5%", "1,2x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        vn_status st = vn_number_parse(bad[i], strlen(bad[i]), &n);
        if (st != VN_ESYNTAX)
            fail_msg("vn_number_parse(\"%s\") = %s, expected VN_ESYNTAX", bad[i], vn_strerror(st));
    }
    assert_int_equal(vn_number_parse("", 0, &n), VN_ESYNTAX);
}

static void test_len_is_respected(void **state)
{
    (void)state;
    /* only s[0..len) is read: "12,5trđ" with len 4 is 12,5 */
    struct vn_number n;
    assert_int_equal(vn_number_parse("12,5trđ", 4, &n), VN_OK);
    assert_string_equal(t_dec(n.value), "12.5");
    assert_int_equal(vn_number_parse("443.170.000 đồng", 11, &n), VN_OK);
    assert_string_equal(t_dec(n.value), "443170000");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_integers),
        cmocka_unit_test(test_thousands_groups),
        cmocka_unit_test(test_decimal_comma),
        cmocka_unit_test(test_leading_zeros),
        cmocka_unit_test(test_malformed_second_comma),
        cmocka_unit_test(test_malformed_english_separators),
        cmocka_unit_test(test_malformed_stray_dot),
        cmocka_unit_test(test_malformed_dot_as_decimal),
        cmocka_unit_test(test_malformed_space_after_comma),
        cmocka_unit_test(test_overflow),
        cmocka_unit_test(test_not_numbers),
        cmocka_unit_test(test_len_is_respected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
