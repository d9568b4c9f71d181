/* The OCR reading of suspect figures (validate/ocr_hint.c): among the
 * one-digit corrections of an inconsistent check, the one that reads a
 * digit as a look-alike (0/6/8/9, 1/7, 3/8, 5/6) is named a misread; a
 * correction to a digit that does not look alike stays a typing slip, and
 * so does a swap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "helpers.h"
#include "validate/ocr_hint.h"

static int setup(void **state)
{
    struct vn_pipeline_opts o = {.validate = true};
    struct vn_pipeline *p = NULL;
    struct vn_error err;
    memset(&err, 0, sizeof err);
    if (vn_pipeline_new(&o, &p, &err) != VN_OK)
        return -1;
    *state = p;
    return 0;
}

static const struct vn_check *inconsistent_on(const struct vn_doc *d, uint32_t line)
{
    for (size_t i = 0; i < d->records->n; i++) {
        const struct vn_record *r = &d->records->items[i];
        if (r->type == VN_REC_CHECK && r->u.check->verdict == VN_VERDICT_INCONSISTENT && r->line == line)
            return r->u.check;
    }
    t_dump(d);
    fail_msg("no inconsistent check on line %u", line);
    return NULL;
}

/* 5.680 = 4.200 + 1.420 fails by 60: 5.620, 4.260 and 1.480 each close it
 * (three candidates); only 4.200 -> 4.260 is a look-alike (0 read for 6). */
static void test_one_lookalike_among_candidates(void **state)
{
    struct vn_doc *d = t_doc(*state, "Tổng vốn giao 5.680 triệu đồng, gồm: vốn đầu tư 4.200 triệu đồng, "
                                     "vốn sự nghiệp 1.420 triệu đồng.\n");
    const struct vn_check *c = inconsistent_on(d, 1);
    assert_int_equal(c->n_suspects, 3);
    for (size_t k = 0; k < 3; k++)
        assert_int_equal(c->suspects[k].kind, VN_TYPO_DIGIT);
    vn_ocr_hints(d->records);
    assert_int_equal(c->n_suspects, 1);
    assert_string_equal(t_span(d, c->suspects[0].figure), "4.200");
    assert_string_equal(c->suspects[0].should_be, "4.260");
    assert_int_equal(c->suspects[0].kind, VN_TYPO_OCR);
    assert_string_equal(vn_typo_kind_name(c->suspects[0].kind), "ocr-misread");
    t_free(d);
}

/* 5.640 = 4.200 + 1.420 fails by 20: 5.620, 4.220, 1.440: 4->2, 0->2, 2->4,
 * none a look-alike: the candidates stay as they are. */
static void test_no_lookalike(void **state)
{
    struct vn_doc *d = t_doc(*state, "Tổng vốn giao 5.640 triệu đồng, gồm: vốn đầu tư 4.200 triệu đồng, "
                                     "vốn sự nghiệp 1.420 triệu đồng.\n");
    const struct vn_check *c = inconsistent_on(d, 1);
    assert_int_equal(c->n_suspects, 3);
    vn_ocr_hints(d->records);
    assert_int_equal(c->n_suspects, 3);
    for (size_t k = 0; k < 3; k++)
        assert_int_equal(c->suspects[k].kind, VN_TYPO_DIGIT);
    t_free(d);
}

/* A unique suspect whose digit is a look-alike (8 read for 6) becomes a
 * misread; a swap stays a swap. */
static void test_unique_suspects(void **state)
{
    struct vn_doc *d = t_doc(*state, "Giải ngân 204/315 triệu đồng, đạt 64,78% KH.\n"
                                     "Giải ngân 204/315 triệu đồng, đạt 64,67% KH.\n");
    const struct vn_check *c1 = inconsistent_on(d, 1), *c2 = inconsistent_on(d, 2);
    assert_int_equal(c1->n_suspects, 1);
    assert_int_equal(c1->suspects[0].kind, VN_TYPO_DIGIT);
    assert_int_equal(c2->n_suspects, 1);
    assert_int_equal(c2->suspects[0].kind, VN_TYPO_SWAP);
    vn_ocr_hints(d->records);
    assert_int_equal(c1->n_suspects, 1);
    assert_string_equal(c1->suspects[0].should_be, "64,76");
    assert_int_equal(c1->suspects[0].kind, VN_TYPO_OCR);
    assert_string_equal(vn_typo_kind_why(c1->suspects[0].kind), "probably misread by OCR");
    assert_int_equal(c2->suspects[0].kind, VN_TYPO_SWAP);
    t_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_lookalike_among_candidates),
        cmocka_unit_test(test_no_lookalike),
        cmocka_unit_test(test_unique_suspects),
    };
    return cmocka_run_group_tests(tests, setup, t_pipeline_teardown);
}
