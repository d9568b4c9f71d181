/* Private to report/: the content fingerprint of a finding, which baselines
 * and SARIF's partialFingerprints use to recognise a finding from one
 * version of a report to the next. */
#ifndef VN_REPORT_FINGERPRINT_H
#define VN_REPORT_FINGERPRINT_H

#include <stdbool.h>
#include <stdint.h>

#include "vnaudit/extract.h"

/* 128 bits, written as 32 lowercase hex digits. */
struct vn_fp {
    uint64_t hi, lo;
};
#define VN_FP_HEX 32

/* The fingerprint of a finding (a check or a diagnostic): its rule id, the
 * statement it is in (the sentence of its line around it, list markers
 * and runs of blanks taken out) and its figures (a check's claim, computed
 * value and operands; a diagnostic's span). Never its line, column or
 * section: inserting lines or moving a paragraph leaves it unchanged. */
struct vn_fp vn_fingerprint(const struct vn_records *r, const struct vn_record *rec, const char *rule);
/* Writes 32 hex digits and a NUL into out. */
void vn_fp_hex(struct vn_fp f, char out[VN_FP_HEX + 1]);
/* Reads exactly 32 hex digits. */
bool vn_fp_parse(const char *s, size_t n, struct vn_fp *out);
static inline bool vn_fp_eq(struct vn_fp a, struct vn_fp b)
{
    return a.hi == b.hi && a.lo == b.lo;
}
static inline int vn_fp_cmp(struct vn_fp a, struct vn_fp b)
{
    if (a.hi != b.hi)
        return a.hi < b.hi ? -1 : 1;
    return a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0;
}
/* The statement of a finding as bytes [*start, *end) of the normalized
 * text (the sentence around its span, within its line). */
void vn_statement_of(const struct vn_records *r, const struct vn_record *rec, size_t *start, size_t *end);

#endif
