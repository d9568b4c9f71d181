/* validate: struct vn_normtext + struct vn_records -> check records.
 *
 * Reads the structure of a report (headings, named units such as "Dự án 1"
 * and "Tiểu dự án 2", bullets, sentences), gives each amount a role from
 * the vocabulary (what it is: kinh phí, đã phân bổ, giải ngân, ...; which
 * source: NSTW, NSĐP, ...; which capital: vốn đầu tư, vốn sự nghiệp), finds
 * the arithmetic relations the text states (sum, ratio, difference,
 * product), computes each exactly and gives a verdict. Each relation is
 * appended to the records as a VN_REC_CHECK record whose `text` is the
 * claimed value; the rules are described in docs/VALIDATION.md. */
#ifndef VNAUDIT_VALIDATE_H
#define VNAUDIT_VALIDATE_H

#include "vnaudit/common.h"
#include "vnaudit/decimal.h"
#include "vnaudit/extract.h"
#include "vnaudit/log.h"

#ifdef __cplusplus
extern "C" {
#endif

struct vn_validator;    /* opaque: vocabulary tables for roles, reusable */

enum vn_relation { VN_REL_SUM, VN_REL_RATIO, VN_REL_DIFFERENCE, VN_REL_PRODUCT };

enum vn_verdict {
    VN_VERDICT_CONSISTENT,
    VN_VERDICT_INCONSISTENT,
    VN_VERDICT_PARTIAL,     /* the parts are explicitly only some of the total */
    VN_VERDICT_AMBIGUOUS    /* the text allows readings with different verdicts */
};

/* The kinds of typing slip a suspect figure is explained by. */
enum vn_typo_kind {
    VN_TYPO_DIGIT,      /* one digit changed: 1.229 for 1.226 */
    VN_TYPO_SWAP,       /* two adjacent digits swapped: 64,67 for 64,76 */
    VN_TYPO_DROPPED,    /* a digit left out: 1.26 for 1.226 */
    VN_TYPO_EXTRA,      /* a digit typed once too often: 1.2226 for 1.226 */
    VN_TYPO_COPY,       /* the value of another figure of the relation, copied */
    VN_TYPO_OCR         /* text read by OCR: one digit read as another it looks like (6 for 0) */
};

/* A figure of an inconsistent relation (an operand or the claim) that is
 * probably mistyped, and the value that makes the relation hold. */
struct vn_suspect {
    struct vn_span figure;      /* the figure as written */
    uint32_t line, col;         /* where it is (1-based, col in code points) */
    const char *should_be;      /* the closing value, written as the report
                                   writes numbers ("64,76") */
    enum vn_typo_kind kind;
    uint32_t closes;            /* inconsistent checks this correction makes
                                   hold (>= 1; more when the figure breaks
                                   several relations) */
};

/* One relation and its verdict. All spans point into the normalized text;
 * all strings are owned by the records' arena. */
struct vn_check {
    enum vn_relation relation;
    enum vn_verdict verdict;
    const char *rule;           /* stable kebab-case id of the rule that found it
                                   ("sum-breakdown", "ratio-slash", ...) */
    struct vn_span claimed;     /* the claimed number as written, no unit */
    const char *claimed_unit;   /* "triệu đồng", "%", "tấn", ... or "" */
    struct vn_dec computed;     /* exact, in the claimed value's unit */
    const struct vn_span *operands; /* operand numbers as written, text order */
    size_t n_operands;
    const uint32_t *lines;      /* every line drawn on, ascending */
    size_t n_lines;
    uint32_t section_line;      /* line of the heading the claim is under, 0: none */
    const char *section;        /* that heading's text (trimmed), or "" */
    const char *message;        /* one sentence, says what differs and by how much */
    /* inconsistent checks only: one entry when a single figure explains
       the error (the suspect); 2 to VN_SUSPECT_MAX_LISTED when several
       explain it equally well (candidates); none otherwise */
    const struct vn_suspect *suspects;
    size_t n_suspects;
};
#define VN_SUSPECT_MAX_LISTED 3

/* "digit", "transposition", "dropped-digit", "extra-digit", "copy" */
VN_API const char *vn_typo_kind_name(enum vn_typo_kind k);
/* For a person: "one digit changed", "two digits swapped", ... */
VN_API const char *vn_typo_kind_why(enum vn_typo_kind k);

VN_API const char *vn_relation_name(enum vn_relation r);
VN_API const char *vn_verdict_name(enum vn_verdict v);

/* The validator borrows the vocabulary, which must outlive it. */
VN_API VN_NODISCARD vn_status vn_validator_new(const struct vn_vocab *vocab, struct vn_validator **out,
                                               struct vn_error *err);
VN_API void vn_validator_free(struct vn_validator *v);
/* 2 (or more): vn_validate runs its two groups of rules on two threads
 * (the records are the same as with one); 0 or 1 (the default): one. Set it
 * before vn_validate, not while a call runs. */
VN_API void vn_validator_set_threads(struct vn_validator *v, unsigned threads);
/* Where the validator's timings and debug lines go (copied; NULL: nowhere,
 * the default). Set it before vn_validate, not while a call runs. */
VN_API void vn_validator_set_log(struct vn_validator *v, const struct vn_log *log);
/* The language of the check records' messages: "en" (NULL, the default) or
 * "vi" (vnaudit/i18n.h); numbers are written the Vietnamese way in both.
 * Rule ids, verdicts and values never change with it. */
VN_API void vn_validator_set_lang(struct vn_validator *v, const char *lang);

/* Appends one check record per relation found in `text` to `records`
 * (which vn_extract made from the same text). Call vn_records_finish
 * afterwards to put them in document order. Work is linear in the size of
 * the text. */
VN_API VN_NODISCARD vn_status vn_validate(struct vn_validator *v, const struct vn_normtext *text,
                                          struct vn_records *records);

/* The rounding rule of the contract: a claimed value with d decimals is
 * consistent with the exact value when the exact value rounded half-up or
 * truncated to d decimals equals it. */
VN_API bool vn_claim_matches(struct vn_dec exact, struct vn_dec claimed);

/* Counts check records with verdict inconsistent. */
VN_API size_t vn_records_inconsistent_count(const struct vn_records *r);

#ifdef __cplusplus
}
#endif

#endif
