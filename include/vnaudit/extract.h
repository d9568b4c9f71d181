/* extract: struct vn_normtext -> struct vn_records.
 *
 * Finds, in document order: amounts of money, percentages, quantities (a
 * number with a measure word), references to administrative documents,
 * dates, and lint diagnostics (malformed numbers, invalid dates, unfilled
 * placeholders). Every record points into the normalized text by span; the
 * vocabulary (units, hedges, kinds of document, measure words) comes from
 * the tables in vocab/ (see struct vn_vocab). */
#ifndef VNAUDIT_EXTRACT_H
#define VNAUDIT_EXTRACT_H

#include "vnaudit/common.h"
#include "vnaudit/decimal.h"

#ifdef __cplusplus
extern "C" {
#endif

struct vn_normtext;
struct vn_vocab;        /* opaque: loaded vocabulary tables */
struct vn_extractor;    /* opaque: vocabulary + compiled patterns, reusable */

enum vn_record_type {
    VN_REC_AMOUNT,
    VN_REC_PERCENT,
    VN_REC_QUANTITY,
    VN_REC_REFERENCE,
    VN_REC_DATE,
    VN_REC_CHECK,
    VN_REC_DIAGNOSTIC
};

enum vn_severity { VN_SEV_ERROR, VN_SEV_WARNING, VN_SEV_NOTE };

/* A byte range of the normalized text. */
struct vn_span {
    uint32_t off;
    uint32_t len;
};

struct vn_date {
    int16_t year;   /* 0: none */
    int8_t month, day;
};

/* A number as written: its span, its exact value, and whether the written
 * form is malformed (then `note` says why and the value is the most
 * plausible reading). */
struct vn_number {
    struct vn_span span;
    struct vn_dec value;
    bool ambiguous;
    const char *note;   /* static string, or NULL */
};

struct vn_amount {
    struct vn_number num;
    struct vn_dec dong;         /* exact value in đồng */
    struct vn_span unit;        /* unit as written (for an implied unit: the
                                   unit it was taken from) */
    int unit_pow10;             /* đồng per unit, as a power of ten */
    bool implied_unit;
    int hedge;                  /* index into the hedge table, -1 if none */
};

struct vn_percent {
    struct vn_number num;
    int hedge;
};

struct vn_quantity {
    struct vn_number num;
    struct vn_span unit;        /* measure word as written */
    int measure;                /* index into the measure table */
    bool implied_unit;
    int hedge;
};

struct vn_reference {
    struct vn_span kind;        /* as written */
    int kind_index;             /* index into the kind table */
    struct vn_span number;
    int year;                   /* year inside the number, 0 if none */
    const char *code;           /* issuer code, inner spaces removed; NULL */
    struct vn_date date;        /* issue date, year 0 if none */
};

struct vn_check;                /* defined by the validator (validate.h) */
struct vn_arena;                /* common/arena.h */

struct vn_diagnostic {
    const char *rule;           /* stable kebab-case id */
    enum vn_severity severity;
    const char *message;        /* owned by the records' arena */
};

struct vn_record {
    enum vn_record_type type;
    struct vn_span text;        /* the span the record was read from */
    uint32_t line;              /* 1-based, filled by vn_extract */
    uint32_t col;               /* 1-based code points */
    union {
        struct vn_amount amount;
        struct vn_percent percent;
        struct vn_quantity quantity;
        struct vn_reference reference;
        struct vn_date date;
        struct vn_diagnostic diagnostic;
        const struct vn_check *check;
    } u;
};

struct vn_records {
    struct vn_record *items;
    size_t n;
    const struct vn_normtext *text;   /* borrowed: the text spans point into */
    const struct vn_vocab *vocab;     /* borrowed */
    struct vn_arena *arena;           /* owns strings made for records */
};

/* Vocabulary. vn_vocab_new_builtin() uses the tables compiled in from
 * vocab/NAME.tsv; vn_vocab_new_dir() reads DIR/NAME.tsv files instead, so a
 * domain expert can try changes without rebuilding. */
VN_API VN_NODISCARD vn_status vn_vocab_new_builtin(struct vn_vocab **out, struct vn_error *err);
VN_API VN_NODISCARD vn_status vn_vocab_new_dir(const char *dir, struct vn_vocab **out, struct vn_error *err);
VN_API void vn_vocab_free(struct vn_vocab *v);
VN_API const char *vn_vocab_hedge_word(const struct vn_vocab *v, int hedge);
VN_API const char *vn_vocab_measure_name(const struct vn_vocab *v, int measure);

/* The extractor borrows the vocabulary, which must outlive it. */
VN_API VN_NODISCARD vn_status vn_extractor_new(const struct vn_vocab *vocab, struct vn_extractor **out,
                                               struct vn_error *err);
VN_API void vn_extractor_free(struct vn_extractor *x);
/* Also the format rules of Nghị định 30/2020/NĐ-CP (diagnostics nd30-*,
 * docs/VALIDATION.md); off by default. */
VN_API void vn_extractor_set_nd30(struct vn_extractor *x, bool on);
/* The language of the diagnostics' messages: "en" (NULL, the default) or
 * "vi" (vnaudit/i18n.h). Rule ids never change. */
VN_API void vn_extractor_set_lang(struct vn_extractor *x, const char *lang);

VN_API VN_NODISCARD vn_status vn_extract(struct vn_extractor *x, const struct vn_normtext *text,
                                         struct vn_records **out);
VN_API void vn_records_free(struct vn_records *r);

/* Appends a diagnostic (message copied). Used by later stages too. */
VN_API VN_NODISCARD vn_status vn_records_add_diagnostic(struct vn_records *r, struct vn_span at,
                                                        const char *rule, enum vn_severity sev,
                                                        const char *message);
/* Appends a record as it is (later stages add theirs: check records). */
VN_API VN_NODISCARD vn_status vn_records_push(struct vn_records *r, const struct vn_record *rec);
/* Sorts records by position (stable) and fills line and col of the records
 * appended since the last call (the others keep theirs: a record's text is
 * not to be changed once finished). VN_ENOMEM when memory to sort lacked:
 * the records are then all located but left in the order they came. */
VN_API vn_status vn_records_finish(struct vn_records *r);

/* Number parsing, exposed for tests and tools: parses the Vietnamese-style
 * number at s[0..len) ("33.700,719", "5.013,06", "46.929,385,459",
 * "7,383.915"). Returns VN_ESYNTAX if it is not a number. */
VN_API VN_NODISCARD vn_status vn_number_parse(const char *s, size_t len, struct vn_number *out);

#ifdef __cplusplus
}
#endif

#endif
