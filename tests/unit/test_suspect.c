/* Suspect figures (validate/suspect.c): the generator of numbers one typing
 * slip away from a written one, and, on small reports, which figure of an
 * inconsistent check is named: one (the suspect), several (candidates), or
 * none. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "helpers.h"
#include "validate/validate_internal.h"

/* ---- the generator ------------------------------------------------------ */

#define MAX_EDITS 2048

struct edits {
    struct vn_typo_edit e[MAX_EDITS];
    size_t n;
    size_t stop_after;      /* 0: never stop */
};

static bool collect(void *ctx, const struct vn_typo_edit *e)
{
    struct edits *x = ctx;
    if (x->n < MAX_EDITS)
        x->e[x->n++] = *e;
    return !x->stop_after || x->n < x->stop_after;
}

static struct edits *gen(const char *s)
{
    static struct edits x;
    memset(&x, 0, sizeof x);
    if (!vn_typo_edits(s, strlen(s), collect, &x))
        fail_msg("vn_typo_edits(\"%s\") refused a plain number", s);
    return &x;
}

/* The edit that writes `text`, or NULL. */
static const struct vn_typo_edit *find(const struct edits *x, const char *text)
{
    for (size_t i = 0; i < x->n; i++)
        if (strcmp(x->e[i].text, text) == 0)
            return &x->e[i];
    return NULL;
}

static void expect_edit(const char *written, const char *corrected, enum vn_typo_kind kind, const char *value)
{
    struct edits *x = gen(written);
    const struct vn_typo_edit *e = find(x, corrected);
    if (!e)
        fail_msg("%s: no edit gives %s (%zu edits)", written, corrected, x->n);
    if (e->kind != kind)
        fail_msg("%s -> %s: kind %s, expected %s", written, corrected, vn_typo_kind_name(e->kind),
                 vn_typo_kind_name(kind));
    assert_string_equal(t_dec(e->value), value);
}

static void test_each_kind(void **state)
{
    (void)state;
    expect_edit("1.229", "1.226", VN_TYPO_DIGIT, "1226");
    expect_edit("13,2", "13,0", VN_TYPO_DIGIT, "13");
    expect_edit("64,67", "64,76", VN_TYPO_SWAP, "64.76");
    expect_edit("3.907", "3.970", VN_TYPO_SWAP, "3970");
    expect_edit("601", "610", VN_TYPO_SWAP, "610");
    expect_edit("4,56", "5,46", VN_TYPO_SWAP, "5.46");          /* across the comma */
    expect_edit("126", "1.226", VN_TYPO_DROPPED, "1226");      /* regrouped */
    expect_edit("1.190", "11.190", VN_TYPO_DROPPED, "11190");
    expect_edit("5,2", "5,27", VN_TYPO_DROPPED, "5.27");
    expect_edit("12.226", "1.226", VN_TYPO_EXTRA, "1226");     /* a doubled 2 */
}

static void test_kinds_exact(void **state)
{
    (void)state;
    /* "1.2296" is not a Vietnamese number (a group of four): refused */
    struct edits x;
    memset(&x, 0, sizeof x);
    assert_false(vn_typo_edits("1.2296", 6, collect, &x));
    assert_int_equal(x.n, 0);
}

static void test_signs_and_style(void **state)
{
    (void)state;
    expect_edit("-16,74", "-16,47", VN_TYPO_SWAP, "-16.47");
    expect_edit("+24,6", "+23,6", VN_TYPO_DIGIT, "23.6");
    /* ungrouped numbers stay ungrouped */
    expect_edit("8614", "8641", VN_TYPO_SWAP, "8641");
    expect_edit("8614", "86140", VN_TYPO_DROPPED, "86140");
    /* a leading zero as written is kept */
    expect_edit("02", "03", VN_TYPO_DIGIT, "3");
}

static void test_no_leading_zero_no_original(void **state)
{
    (void)state;
    const char *nums[] = {"26.514", "64,67", "586", "1.000", "5,2", "9", "43.311,160", "100"};
    for (size_t k = 0; k < sizeof nums / sizeof nums[0]; k++) {
        struct edits *x = gen(nums[k]);
        assert_true(x->n > 0);
        char plain[64];
        size_t o = 0;
        for (const char *p = nums[k]; *p; p++)
            if (*p != '.')
                plain[o++] = *p == ',' ? '.' : *p;
        plain[o] = '\0';
        struct vn_dec orig = t_parse_dec(plain);
        for (size_t i = 0; i < x->n; i++) {
            const struct vn_typo_edit *e = &x->e[i];
            if (e->text[0] == '0' && e->text[1] && e->text[1] != ',')
                fail_msg("%s -> %s: a new leading zero", nums[k], e->text);
            if (vn_dec_cmp(e->value, orig) == 0)
                fail_msg("%s -> %s: the original value", nums[k], e->text);
            for (size_t j = 0; j < i; j++)
                if (x->e[j].kind == e->kind && vn_dec_cmp(x->e[j].value, e->value) == 0)
                    fail_msg("%s -> %s twice as %s", nums[k], e->text, vn_typo_kind_name(e->kind));
        }
    }
    /* "9": 9 changed digits, no swap, 18 insertions (no leading 0; "99"
       once), no
       removal (nothing would be left) */
    struct edits *x = gen("9");
    size_t kinds[5] = {0};
    for (size_t i = 0; i < x->n; i++)
        kinds[x->e[i].kind]++;
    assert_int_equal(kinds[VN_TYPO_DIGIT], 9);
    assert_int_equal(kinds[VN_TYPO_SWAP], 0);
    assert_int_equal(kinds[VN_TYPO_DROPPED], 18);
    assert_int_equal(kinds[VN_TYPO_EXTRA], 0);
    /* "100": "10" once as a removal (the zeros are one run) */
    x = gen("100");
    size_t tens = 0;
    for (size_t i = 0; i < x->n; i++)
        tens += x->e[i].kind == VN_TYPO_EXTRA && strcmp(x->e[i].text, "10") == 0;
    assert_int_equal(tens, 1);
}

static void test_refused_and_stopped(void **state)
{
    (void)state;
    struct edits x;
    const char *bad[] = {"", "abc", "1..250", "7,383.915", "46.929,385,459", "1.8,0", "12,", ".5", "1.2345",
                         "1234567890123456789012345678901"};     /* 31 digits: more than VN_TYPO_MAX_DIGITS */
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        memset(&x, 0, sizeof x);
        if (vn_typo_edits(bad[k], strlen(bad[k]), collect, &x))
            fail_msg("\"%s\" accepted", bad[k]);
        assert_int_equal(x.n, 0);
    }
    /* 30 digits: no insertion (it would not fit), values exact */
    memset(&x, 0, sizeof x);
    assert_true(vn_typo_edits("999999999999999999999999999999", 30, collect, &x));
    for (size_t i = 0; i < x.n; i++)
        assert_int_not_equal(x.e[i].kind, VN_TYPO_DROPPED);
    /* the callback stops the generator */
    memset(&x, 0, sizeof x);
    x.stop_after = 3;
    assert_true(vn_typo_edits("26.514", 6, collect, &x));
    assert_int_equal(x.n, 3);
}

static void test_format_like(void **state)
{
    (void)state;
    char buf[64];
    assert_true(vn_typo_format_like("64", 2, t_parse_dec("12"), 0, buf, sizeof buf));
    assert_string_equal(buf, "12");
    assert_true(vn_typo_format_like("1.229", 5, t_parse_dec("1226"), 0, buf, sizeof buf));
    assert_string_equal(buf, "1.226");
    assert_true(vn_typo_format_like("8614", 4, t_parse_dec("1234567.5"), 1, buf, sizeof buf));
    assert_string_equal(buf, "1234567,5");
    assert_true(vn_typo_format_like("13,2", 4, t_parse_dec("13"), 1, buf, sizeof buf));
    assert_string_equal(buf, "13,0");
    /* fewer decimals than the value has: refused, never rounded */
    assert_false(vn_typo_format_like("13,2", 4, t_parse_dec("13.04"), 1, buf, sizeof buf));
}

/* ---- on reports ------------------------------------------------------- */

static int setup(void **state)
{
    struct vn_pipeline_opts o = {.vocab_dir = NULL, .max_input_bytes = 0, .validate = true};
    struct vn_pipeline *p = NULL;
    struct vn_error err;
    memset(&err, 0, sizeof err);
    if (vn_pipeline_new(&o, &p, &err) != VN_OK) {
        fprintf(stderr, "vn_pipeline_new: %s\n", err.message);
        return -1;
    }
    *state = p;
    return 0;
}

/* The inconsistent check whose claim is written `claimed`. */
static const struct vn_check *inconsistent(const struct vn_doc *d, const char *claimed)
{
    for (size_t i = 0; i < d->records->n; i++) {
        const struct vn_record *r = &d->records->items[i];
        if (r->type == VN_REC_CHECK && r->u.check->verdict == VN_VERDICT_INCONSISTENT &&
            strcmp(t_span(d, r->u.check->claimed), claimed) == 0)
            return r->u.check;
    }
    t_dump(d);
    fail_msg("no inconsistent check claiming %s", claimed);
    return NULL;
}

static void expect_suspect(const struct vn_doc *d, const struct vn_suspect *s, const char *text, const char *should_be,
                           enum vn_typo_kind kind)
{
    assert_string_equal(t_span(d, s->figure), text);
    assert_string_equal(s->should_be, should_be);
    assert_string_equal(vn_typo_kind_name(s->kind), vn_typo_kind_name(kind));
}

static void test_unique_swap_in_claim(void **state)
{
    struct vn_doc *d = t_doc(*state, "Giải ngân 204/315 triệu đồng, đạt 64,67% KH.\n");
    const struct vn_check *c = inconsistent(d, "64,67");
    assert_int_equal(c->n_suspects, 1);
    expect_suspect(d, &c->suspects[0], "64,67", "64,76", VN_TYPO_SWAP);
    assert_int_equal(c->suspects[0].line, 1);
    assert_int_equal(c->suspects[0].col, 35);
    assert_int_equal(c->suspects[0].closes, 1);
    t_free(d);
}

static void test_ambiguous_digit(void **state)
{
    /* 26.514 for 26.510, or 1.592 for 1.596: the arithmetic cannot tell */
    struct vn_doc *d = t_doc(*state, "Kinh phí 26.514 triệu đồng, gồm: chi trả trợ cấp hằng tháng 24.918 triệu đồng, hỗ trợ mai táng phí 1.592 "
                                     "triệu đồng.\n");
    const struct vn_check *c = inconsistent(d, "26.514");
    assert_int_equal(c->n_suspects, 2);
    expect_suspect(d, &c->suspects[0], "26.514", "26.510", VN_TYPO_DIGIT);
    expect_suspect(d, &c->suspects[1], "1.592", "1.596", VN_TYPO_DIGIT);
    t_free(d);
}

static void test_consistent_check_settles_it(void **state)
{
    /* the same, but 1.592 is also the total of a breakdown that holds: it
       is confirmed there, so the total 26.514 is the one */
    struct vn_doc *d = t_doc(*state, "Kinh phí 26.514 triệu đồng, gồm: chi trả trợ cấp 24.918 triệu đồng, mai táng "
                                     "phí 1.592 triệu đồng (NSTW 1.000 triệu đồng; NSĐP 592 triệu đồng).\n");
    const struct vn_check *c = inconsistent(d, "26.514");
    assert_int_equal(c->n_suspects, 1);
    expect_suspect(d, &c->suspects[0], "26.514", "26.510", VN_TYPO_DIGIT);
    t_free(d);
}

static void test_too_many_is_none(void **state)
{
    /* 10 too few: each of the four figures could be it */
    struct vn_doc *d = t_doc(*state, "Kinh phí 586 triệu đồng, gồm: NSTW 251 triệu đồng, ngân sách tỉnh 198 triệu đồng, "
                                     "ngân sách huyện 147 triệu đồng.\n");
    const struct vn_check *c = inconsistent(d, "586");
    assert_int_equal(c->n_suspects, 0);
    t_free(d);
}

static void test_copy_ambiguous(void **state)
{
    /* two equal parts: either may be the copy */
    struct vn_doc *d = t_doc(*state, "Kinh phí 76 triệu đồng, gồm: NSTW 64 triệu đồng, NSĐP 64 triệu đồng.\n");
    const struct vn_check *c = inconsistent(d, "76");
    assert_int_equal(c->n_suspects, 2);
    expect_suspect(d, &c->suspects[0], "64", "12", VN_TYPO_COPY);
    expect_suspect(d, &c->suspects[1], "64", "12", VN_TYPO_COPY);
    assert_true(c->suspects[0].figure.off < c->suspects[1].figure.off);
    t_free(d);
}

static void test_cross_check(void **state)
{
    /* 1.229 breaks both its breakdown and the remainder; 1.226 closes both */
    struct vn_doc *d = t_doc(*state, "Kinh phí năm 2025 là 1.229 triệu đồng (vốn đầu tư: 1.190 triệu đồng; vốn sự "
                                     "nghiệp: 36 triệu đồng), đã phân bổ 1.000 triệu đồng, còn 226 triệu đồng chưa phân bổ.\n");
    const struct vn_check *a = inconsistent(d, "1.229"), *b = inconsistent(d, "226");
    assert_int_equal(a->n_suspects, 1);
    assert_int_equal(b->n_suspects, 1);
    expect_suspect(d, &a->suspects[0], "1.229", "1.226", VN_TYPO_DIGIT);
    expect_suspect(d, &b->suspects[0], "1.229", "1.226", VN_TYPO_DIGIT);
    assert_int_equal(a->suspects[0].closes, 2);
    t_free(d);
}

static void test_hedged_and_not_a_typo(void **state)
{
    /* a hedged figure is never suspected; a claim off by far more than a
       slip names nothing */
    struct vn_doc *d = t_doc(*state, "Giải ngân 243/973 triệu đồng, đạt 71,3% KH.\n"
                                     "Kinh phí khoảng 2.000 triệu đồng, gồm: NSTW 1.500 triệu đồng, NSĐP 900 triệu đồng.\n");
    const struct vn_check *c = inconsistent(d, "71,3");
    assert_int_equal(c->n_suspects, 0);
    const struct vn_check *h = inconsistent(d, "2.000");
    for (size_t i = 0; i < h->n_suspects; i++)
        assert_string_not_equal(t_span(d, h->suspects[i].figure), "2.000");
    t_free(d);
}

/* ---- in every format ---------------------------------------------------- */

static char *render(const struct vn_doc *d, enum vn_format fmt)
{
    char *data = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&data, &len);
    assert_non_null(f);
    struct vn_writer *w;
    assert_int_equal(vn_writer_new(f, &w), VN_OK);
    struct vn_report_opts o = {.format = fmt, .include_checks = true, .file_label = "r.txt"};
    assert_int_equal(vn_report_begin(w, &o), VN_OK);
    assert_int_equal(vn_report_write(w, &o, d->records), VN_OK);
    assert_int_equal(vn_report_end(w, &o), VN_OK);
    assert_int_equal(vn_writer_free(w), VN_OK);
    assert_int_equal(fclose(f), 0);
    return data;
}

static void expect_in(char *out, const char *what)
{
    if (!strstr(out, what)) {
        print_message("%s\n", out);
        free(out);
        fail_msg("missing: %s", what);
    }
}

static void test_formats(void **state)
{
    struct vn_doc *d = t_doc(*state, "Giải ngân 204/315 triệu đồng, đạt 64,67% KH.\n"
                                     "Kinh phí 76 triệu đồng, gồm: NSTW 64 triệu đồng, NSĐP 64 triệu đồng.\n");
    char *out = render(d, VN_FMT_JSONL);
    expect_in(out, "\"suspect\":{\"line\":1,\"col\":35,\"text\":\"64,67\",\"should_be\":\"64,76\","
                   "\"kind\":\"transposition\",\"why\":\"two digits swapped\",\"closes\":1}}");
    expect_in(out, "\"suspect_candidates\":[{\"line\":2,\"col\":35,\"text\":\"64\",\"should_be\":\"12\","
                   "\"kind\":\"copy\"");
    free(out);
    out = render(d, VN_FMT_TEXT);
    expect_in(out, "      probably: 64,67 should be 64,76 (two digits swapped)\n");
    expect_in(out, "      possibly one of: 64 should be 12 (copied from another figure), or 64 should be 12 "
                   "(copied from another figure)\n");
    free(out);
    out = render(d, VN_FMT_HTML);
    expect_in(out, "<p class=\"suspect\">Probably: 64,67 should be 64,76 (two digits swapped).</p>");
    free(out);
    out = render(d, VN_FMT_SARIF);
    expect_in(out, "(claimed 64,67%, computed 64,761904) Probably: 64,67 should be 64,76 (two digits swapped).\"");
    expect_in(out, "\"message\":{\"text\":\"probably mistyped: should be 64,76 (two digits swapped)\"}");
    expect_in(out, "\"suspect\":{\"line\":1,\"col\":35,\"text\":\"64,67\",\"shouldBe\":\"64,76\","
                   "\"kind\":\"transposition\",\"closes\":1}");
    expect_in(out, "\"suspectCandidates\":[{");
    free(out);
    t_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_kind),
        cmocka_unit_test(test_kinds_exact),
        cmocka_unit_test(test_signs_and_style),
        cmocka_unit_test(test_no_leading_zero_no_original),
        cmocka_unit_test(test_refused_and_stopped),
        cmocka_unit_test(test_format_like),
        cmocka_unit_test(test_unique_swap_in_claim),
        cmocka_unit_test(test_ambiguous_digit),
        cmocka_unit_test(test_consistent_check_settles_it),
        cmocka_unit_test(test_too_many_is_none),
        cmocka_unit_test(test_copy_ambiguous),
        cmocka_unit_test(test_cross_check),
        cmocka_unit_test(test_hedged_and_not_a_typo),
        cmocka_unit_test(test_formats),
    };
    return cmocka_run_group_tests(tests, setup, t_pipeline_teardown);
}
