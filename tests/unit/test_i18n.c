/* The message catalog (common/i18n.c): lookups with and without a context,
 * plural forms, English as the fallback, and a damaged catalog read safely;
 * then the whole pipeline in Vietnamese: messages translated, rule ids,
 * verdicts and values unchanged, numbers written the Vietnamese way. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "common/i18n.h"
#include "vnaudit/vnaudit.h"

static void test_lookup(void **state)
{
    (void)state;
    const struct vn_catalog *vi = vn_catalog_for("vi");
    assert_non_null(vi);
    assert_null(vn_catalog_for("en"));
    assert_null(vn_catalog_for(NULL));
    assert_null(vn_catalog_for("fr"));
    assert_string_equal(vn_tr(vi, "Inconsistent"), "Không khớp");
    assert_string_equal(vn_tr(NULL, "Inconsistent"), "Inconsistent");
    /* the same word, two contexts, two translations */
    assert_string_equal(vn_trp(vi, "verdict", "inconsistent"), "không khớp");
    assert_string_equal(vn_trp(vi, "claim", "not"), "không khớp với");
    assert_string_equal(vn_trp(vi, "relation", "sum"), "tổng");
    assert_string_equal(vn_trp(NULL, "relation", "sum"), "sum");
    /* a context that does not exist is not the bare msgid's translation */
    assert_string_equal(vn_trp(vi, "no such context", "Inconsistent"), "Inconsistent");
    /* plurals: Vietnamese has one form, English two */
    assert_string_equal(vn_trn(vi, "%s file", "%s files", 1), "%s tệp");
    assert_string_equal(vn_trn(vi, "%s file", "%s files", 7), "%s tệp");
    assert_string_equal(vn_trn(NULL, "%s file", "%s files", 1), "%s file");
    assert_string_equal(vn_trn(NULL, "%s file", "%s files", 7), "%s files");
    /* unknown and empty msgids come back as they are (not the .mo header) */
    assert_string_equal(vn_tr(vi, "no such message"), "no such message");
    assert_string_equal(vn_tr(vi, ""), "");
    /* the public form */
    assert_true(vn_lang_known("vi") && vn_lang_known("en") && !vn_lang_known("fr") && !vn_lang_known(NULL));
    assert_string_equal(vn_gettext("vi", "No findings."), "Không có phát hiện nào.");
    assert_string_equal(vn_gettext("en", "No findings."), "No findings.");
}

/* Every translated format keeps its conversions: rendered with the same
 * arguments, the Vietnamese puts the same values in (msgfmt --check checks
 * the formats at build time; this checks a positional one at run time). */
static void test_positional_format(void **state)
{
    (void)state;
    char buf[64];
    snprintf(buf, sizeof buf, vn_trp(vn_catalog_for("vi"), "verdict relation", "%s %s"), "không khớp", "tổng");
    assert_string_equal(buf, "tổng không khớp");
}

static char *check_jsonl(const char *lang, const char *text)
{
    struct vn_pipeline_opts po = {.validate = true, .lang = lang};
    struct vn_pipeline *p;
    struct vn_error err = {0};
    assert_int_equal(vn_pipeline_new(&po, &p, &err), VN_OK);
    struct vn_doc *d;
    assert_int_equal(vn_doc_from_bytes(p, "t.txt", text, strlen(text), &d, &err), VN_OK);
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    struct vn_writer *w;
    assert_int_equal(vn_writer_new(f, &w), VN_OK);
    struct vn_report_opts ro = {.format = VN_FMT_JSONL, .file_label = "t.txt", .include_checks = true, .lang = lang};
    assert_int_equal(vn_report_begin(w, &ro), VN_OK);
    assert_int_equal(vn_report_write(w, &ro, d->records), VN_OK);
    assert_int_equal(vn_report_end(w, &ro), VN_OK);
    assert_int_equal(vn_writer_free(w), VN_OK);
    fclose(f);
    vn_doc_free(d);
    vn_pipeline_free(p);
    return out;
}

/* Drops every "message":"..." field. */
static void strip_messages(char *s)
{
    char *m;
    while ((m = strstr(s, ",\"message\":\"")) != NULL) {
        char *e = m + 12;
        while (*e && !(*e == '"' && e[-1] != '\\'))
            e++;
        memmove(m, e + 1, strlen(e + 1) + 1);
    }
}

static void test_pipeline_in_vietnamese(void **state)
{
    (void)state;
    const char *text = "Vốn giao 5.120 triệu đồng (Tiểu dự án 1: 1.450 triệu đồng; Tiểu dự án 2: 3.760 triệu đồng).\n"
                       "Giải ngân 12.5 triệu đồng ngày 31/02/2024.\n";
    char *en = check_jsonl(NULL, text), *vi = check_jsonl("vi", text);
    assert_non_null(strstr(en, "\"message\":\"The parts 1.450 + 3.760 = 5.210, not the stated total 5.120 (+90).\""));
    assert_non_null(strstr(vi, "\"message\":\"Các khoản thành phần 1.450 + 3.760 = 5.210, không khớp với tổng số "
                               "báo cáo 5.120 (chênh lệch +90).\""));
    /* diagnostics too, their numbers written the Vietnamese way in both */
    assert_non_null(strstr(en, "read as 12,5 triệu đồng"));
    assert_non_null(strstr(vi, "được đọc là 12,5 triệu đồng"));
    assert_non_null(strstr(vi, "ngày không hợp lệ '31/02/2024'"));
    /* everything else is the same: rule ids, verdicts, values, places */
    assert_non_null(strstr(vi, "\"rule\":\"sum-breakdown\""));
    assert_non_null(strstr(vi, "\"rule\":\"invalid-date\""));
    strip_messages(en);
    strip_messages(vi);
    assert_string_equal(en, vi);
    free(en);
    free(vi);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_positional_format),
        cmocka_unit_test(test_pipeline_in_vietnamese),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
