/* Legacy encoding tables and the syllable score behind detection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unicode/ucnv.h>

#include "ingest/legacy.h"

static char *decode(enum vn_legacy e, const char *bytes, bool upper)
{
    struct vn_legacy_table t;
    assert_int_equal(vn_legacy_table_load(e, &t), VN_OK);
    struct vn_buf b;
    vn_buf_init(&b, 0);
    struct vn_legacy_sink sink = {.line = 1};
    assert_int_equal(vn_legacy_decode(&t, (const unsigned char *)bytes, strlen(bytes), upper, true, &b, &sink),
                     VN_OK);
    vn_legacy_table_free(&t);
    size_t n;
    return vn_buf_detach(&b, &n);
}

static void expect(enum vn_legacy e, const char *bytes, bool upper, const char *want)
{
    char *got = decode(e, bytes, upper);
    assert_string_equal(got, want);
    free(got);
}

/* Single code points where the published tables disagree, as README.md resolves them. */
static void test_disputed_points(void **state)
{
    (void)state;
    expect(VN_LEGACY_VISCII, "\xA0", false, "Õ");           /* RFC 1456; Unikey lacks it */
    expect(VN_LEGACY_VISCII, "\x02\x05\x06\x14\x19\x1E", false, "ẲẴẪỶỸỴ");
    expect(VN_LEGACY_TCVN3, "\xAE\xE5ng", false, "đồng");     /* not the đồng sign */
    expect(VN_LEGACY_TCVN3, "\x93\xB0", false, "“°");        /* cp1252, not VN1 capitals or marks */
    expect(VN_LEGACY_TCVN3, "\xAF", false, "Ằ");             /* VN1 capital where VN3 has none */
}

static void test_forms(void **state)
{
    (void)state;
    expect(VN_LEGACY_TCVN3, "B\xb8o c\xb8o t\xd7nh h\xd7nh", false, "Báo cáo tình hình");
    expect(VN_LEGACY_TCVN3, "\xf1y ban", true, "ỦY BAN");      /* .VnTimeH */
    expect(VN_LEGACY_VNI, "Vie\xe4t Nam, \xd1" "a\xef" "i ho\xef" "c", false, "Việt Nam, Đại học");
    expect(VN_LEGACY_VNI, "\xf9 a", false, "ù a");              /* a mark alone is its cp1252 character */
    expect(VN_LEGACY_CP1258, "Vi\xea\xf2t Nam \xd4\xf2", false, "Việt Nam Ộ"); /* composed, NFC */
    expect(VN_LEGACY_CP1258, "a\r\nb\rc", false, "a\nb\nc");
    expect(VN_LEGACY_CP1258, "x\x81y", false, "x\xEF\xBF\xBDy");  /* undefined byte */
}

/* The CP1258 table against ICU's windows-1258, byte by byte. */
static void test_cp1258_icu(void **state)
{
    (void)state;
    struct vn_legacy_table t;
    assert_int_equal(vn_legacy_table_load(VN_LEGACY_CP1258, &t), VN_OK);
    UErrorCode e = U_ZERO_ERROR;
    UConverter *c = ucnv_open("windows-1258", &e);
    assert_true(U_SUCCESS(e));
    int compared = 0;
    for (int b = 0x80; b < 0x100; b++) {
        char in = (char)b;
        UChar out[4];
        e = U_ZERO_ERROR;
        ucnv_reset(c);
        ucnv_setToUCallBack(c, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &e);
        int32_t n = ucnv_toUChars(c, out, 4, &in, 1, &e);
        /* ICU gives a byte Microsoft leaves undefined as the C1 control of that value */
        if (U_FAILURE(e) || n != 1 || out[0] == 0xFFFD || out[0] == 0x1A || (b < 0xA0 && out[0] == b)) {
            assert_int_equal(t.single[b], 0);
            continue;
        }
        assert_int_equal(t.single[b], out[0]);
        compared++;
    }
    assert_true(compared >= 119);
    ucnv_close(c);
    vn_legacy_table_free(&t);
}

static void test_syllables(void **state)
{
    (void)state;
    size_t w, s;
    const char *vi = "Báo cáo tình hình thực hiện dự án năm nay, kinh phí được giao, quyết định của Ủy ban";
    vn_legacy_score_utf8(vi, strlen(vi), &w, &s);
    assert_int_equal(w, 15);
    assert_int_equal(s, 15);
    const char *bad = "B¸o c¸o t×nh h×nh thùc hiÖn dù ¸n";    /* TCVN3 read as cp1252 */
    vn_legacy_score_utf8(bad, strlen(bad), &w, &s);
    assert_int_equal(w, 8);
    assert_int_equal(s, 2);     /* thùc, dù: by chance; far below the 80 % detection needs */
    const char *two = "thưởngg aé ươườ";                       /* bad final, two tones, no nucleus */
    vn_legacy_score_utf8(two, strlen(two), &w, &s);
    assert_int_equal(w, 3);
    assert_int_equal(s, 0);
}

static void test_names_and_fonts(void **state)
{
    (void)state;
    enum vn_legacy e;
    bool a, up;
    assert_true(vn_legacy_parse("TCVN3", &e, &a) && e == VN_LEGACY_TCVN3);
    assert_true(vn_legacy_parse("windows-1258", &e, &a) && e == VN_LEGACY_CP1258);
    assert_true(vn_legacy_parse("auto", &e, &a) && a);
    assert_false(vn_legacy_parse("latin1", &e, &a));
    assert_int_equal(vn_legacy_font(".VnTime", 7, &up), VN_LEGACY_TCVN3);
    assert_false(up);
    assert_int_equal(vn_legacy_font(".VnArialH", 9, &up), VN_LEGACY_TCVN3);
    assert_true(up);
    assert_int_equal(vn_legacy_font("vni-times", 9, &up), VN_LEGACY_VNI);
    assert_int_equal(vn_legacy_font("Times New Roman", 15, &up), VN_LEGACY_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_disputed_points), cmocka_unit_test(test_forms), cmocka_unit_test(test_cp1258_icu),
        cmocka_unit_test(test_syllables), cmocka_unit_test(test_names_and_fonts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
