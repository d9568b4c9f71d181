/* A report whose check records are made by hand, so that the writers can
 * be tested without the validator: one of each verdict, operands on other
 * lines, a section heading and messages with characters that need escaping
 * (< & " and a control character), plus the diagnostics extraction finds.
 * Used by tests/unit/test_report.c and tests/sarif/sarif_sample.c.
 * Header-only (static functions); include after <stdio.h>. */
#ifndef VN_TEST_REPORT_SAMPLE_H
#define VN_TEST_REPORT_SAMPLE_H

#include <stdlib.h>
#include <string.h>

#include "vnaudit/vnaudit.h"

/* The project's own text, in the style of a district's progress report. */
static const char sample_text[] =
    "BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH NĂM 2024\n"                                        /* 1 */
    "I. Kết quả giải ngân\n"                                                                   /* 2 */
    "Tổng vốn giao năm 2024: 12.500 triệu đồng, trong đó vốn đầu tư 8.000 triệu đồng, "
    "vốn sự nghiệp 4.400 triệu đồng.\n"                                                        /* 3 */
    "Giải ngân 3.125/12.500 triệu đồng, đạt 26,5% kế hoạch.\n"                                /* 4 */
    "II. Khó khăn <tồn tại> & \"kiến nghị\"\n"                                                 /* 5 */
    "Hỗ trợ 40 hộ, mỗi hộ 25 triệu đồng, tổng 1.000 triệu đồng.\n"                             /* 6 */
    "Còn lại chưa giải ngân 9.275 triệu đồng.\n"                                               /* 7 */
    "Số:     /BC-UBND\n";                                                                      /* 8 */

/* What the sample gives (one vn_report_write): */
#define SAMPLE_INCONSISTENT 2   /* the sum on line 3, the difference on line 7 */
#define SAMPLE_AMBIGUOUS 1      /* the ratio on line 4 */
#define SAMPLE_CONSISTENT 1     /* the product on line 6 */
#define SAMPLE_PARTIAL 1        /* a sum on line 4 */
#define SAMPLE_DIAGNOSTICS 2    /* unfilled-placeholder (warning) + a made-up note */
#define SAMPLE_RESULTS (SAMPLE_INCONSISTENT + SAMPLE_AMBIGUOUS + SAMPLE_DIAGNOSTICS)

struct sample {
    struct vn_pipeline *p;
    struct vn_doc *d;
    struct vn_check checks[5];
    struct vn_span operands[5][3];
    uint32_t lines[5][4];
};

/* The span of the nth (0-based) occurrence of s in the normalized text. */
static struct vn_span sample_find(const struct vn_doc *d, const char *s, int nth)
{
    const char *t = d->text->data, *at = t;
    for (;;) {
        at = strstr(at, s);
        if (!at) {
            fprintf(stderr, "sample: '%s' #%d not in the text\n", s, nth);
            abort();
        }
        if (nth-- == 0)
            break;
        at++;
    }
    return (struct vn_span){(uint32_t)(at - t), (uint32_t)strlen(s)};
}

/* The span of `sub` inside the first occurrence of `ctx`. */
static struct vn_span sample_find_in(const struct vn_doc *d, const char *ctx, const char *sub)
{
    struct vn_span c = sample_find(d, ctx, 0);
    const char *at = strstr(d->text->data + c.off, sub);
    if (!at) {
        fprintf(stderr, "sample: '%s' not in '%s'\n", sub, ctx);
        abort();
    }
    return (struct vn_span){(uint32_t)(at - d->text->data), (uint32_t)strlen(sub)};
}

static struct vn_dec sample_dec(const char *s)
{
    struct vn_dec v = {0, 0};
    if (vn_dec_parse(s, strlen(s), &v) != VN_OK)
        abort();
    return v;
}

/* Appends a check record: vn_records_add_diagnostic grows the array (the
 * records' capacity is private to extract/), then the record is made a
 * check. */
static vn_status sample_add_check(struct vn_records *r, const struct vn_check *c)
{
    vn_status st = vn_records_add_diagnostic(r, c->claimed, "placeholder", VN_SEV_NOTE, "");
    if (st)
        return st;
    struct vn_record *rec = &r->items[r->n - 1];
    rec->type = VN_REC_CHECK;
    rec->u.check = c;
    return VN_OK;
}

static void sample_check(struct sample *s, int k, enum vn_relation rel, enum vn_verdict v, const char *rule,
                         struct vn_span claimed, const char *unit, const char *computed, const char *message)
{
    struct vn_check *c = &s->checks[k];
    memset(c, 0, sizeof *c);
    c->relation = rel;
    c->verdict = v;
    c->rule = rule;
    c->claimed = claimed;
    c->claimed_unit = unit;
    c->computed = sample_dec(computed);
    c->operands = s->operands[k];
    c->lines = s->lines[k];
    c->section = "";
    c->message = message;
}

/* Builds the sample; returns 0, or -1 after printing why. */
static int sample_new(struct sample *s)
{
    memset(s, 0, sizeof *s);
    struct vn_error err;
    memset(&err, 0, sizeof err);
    if (vn_pipeline_new(NULL, &s->p, &err) != VN_OK ||
        vn_doc_from_bytes(s->p, "sample", sample_text, sizeof sample_text - 1, &s->d, &err) != VN_OK) {
        fprintf(stderr, "sample: %s\n", err.message);
        return -1;
    }
    struct vn_doc *d = s->d;
    static const char heading1[] = "I. Kết quả giải ngân";
    static const char heading2[] = "II. Khó khăn <tồn tại> & \"kiến nghị\"";

    sample_check(s, 0, VN_REL_SUM, VN_VERDICT_INCONSISTENT, "sum-breakdown", sample_find(d, "12.500", 0),
                 "triệu đồng", "12400", "Các phần cộng lại được 12.400 triệu đồng, ít hơn tổng 100 triệu đồng.");
    s->operands[0][0] = sample_find(d, "8.000", 0);
    s->operands[0][1] = sample_find(d, "4.400", 0);
    s->checks[0].n_operands = 2;
    s->lines[0][0] = 3;
    s->checks[0].n_lines = 1;

    sample_check(s, 1, VN_REL_RATIO, VN_VERDICT_AMBIGUOUS, "ratio-slash", sample_find(d, "26,5", 0), "%", "25",
                 "Tỷ lệ <25%> & \"26,5%\" khác nhau\x01 tùy cách đọc.");
    s->operands[1][0] = sample_find(d, "3.125", 0);
    s->operands[1][1] = sample_find(d, "12.500", 1);
    s->checks[1].n_operands = 2;
    s->lines[1][0] = 4;
    s->checks[1].n_lines = 1;

    sample_check(s, 2, VN_REL_PRODUCT, VN_VERDICT_CONSISTENT, "product-per-item", sample_find(d, "1.000", 0),
                 "triệu đồng", "1000", "40 × 25 = 1.000.");
    s->operands[2][0] = sample_find_in(d, "Hỗ trợ 40", "40");
    s->operands[2][1] = sample_find_in(d, "mỗi hộ 25", "25");
    s->checks[2].n_operands = 2;
    s->lines[2][0] = 6;
    s->checks[2].n_lines = 1;

    /* operands two and three lines up, and line 2 drawn on without one */
    sample_check(s, 3, VN_REL_DIFFERENCE, VN_VERDICT_INCONSISTENT, "difference-remaining",
                 sample_find(d, "9.275", 0), "triệu đồng", "9375",
                 "12.500 - 3.125 = 9.375, không phải 9.275 triệu đồng.");
    s->operands[3][0] = sample_find(d, "12.500", 0);
    s->operands[3][1] = sample_find(d, "3.125", 0);
    s->checks[3].n_operands = 2;
    s->lines[3][0] = 2;
    s->lines[3][1] = 3;
    s->lines[3][2] = 4;
    s->lines[3][3] = 7;
    s->checks[3].n_lines = 4;

    sample_check(s, 4, VN_REL_SUM, VN_VERDICT_PARTIAL, "sum-subset", sample_find(d, "12.500", 1), "triệu đồng",
                 "3125", "Chỉ nêu một phần của tổng.");
    s->operands[4][0] = sample_find(d, "3.125", 0);
    s->checks[4].n_operands = 1;
    s->lines[4][0] = 4;
    s->checks[4].n_lines = 1;

    for (int k = 0; k < 5; k++) {
        bool second = k >= 2 && k != 3 && k != 4;
        s->checks[k].section_line = second ? 5 : 2;
        s->checks[k].section = second ? heading2 : heading1;
    }
    s->checks[3].section_line = 6;  /* as if line 6 were a heading: a second section under one class */
    s->checks[3].section = "6. Kinh phí còn lại";

    for (int k = 0; k < 5; k++)
        if (sample_add_check(d->records, &s->checks[k]) != VN_OK)
            return -1;
    /* a rule the SARIF writer has no description for, and a message to escape */
    if (vn_records_add_diagnostic(d->records, sample_find_in(d, "Hỗ trợ 40", "40"), "made-up-rule", VN_SEV_NOTE,
                                  "a note with <b>\"&\"</b> and a tab\there") != VN_OK)
        return -1;
    vn_records_finish(d->records);
    return 0;
}

static void sample_free(struct sample *s)
{
    vn_doc_free(s->d);
    vn_pipeline_free(s->p);
    s->d = NULL;
    s->p = NULL;
}

#endif
