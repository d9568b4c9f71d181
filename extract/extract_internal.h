/* Private to extract/: the extractor, the scanning state and the helpers
 * the scanners share. */
#ifndef VN_EXTRACT_INTERNAL_H
#define VN_EXTRACT_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "common/arena.h"
#include "extract/vocab.h"
#include "vnaudit/extract.h"
#include "vnaudit/normalize.h"

/* Limits on regex work: every match is anchored at a candidate position
 * found by the byte scanner, so these are generous yet bounded. */
#define VN_PCRE2_MATCH_LIMIT 100000u
#define VN_PCRE2_DEPTH_LIMIT 1000u
/* Window of text a reference (number, code, date) may span. */
#define VN_REF_WINDOW 200u

struct vn_extractor {
    const struct vn_vocab *vocab;
    pcre2_code *ref_tail;       /* number/code/date after a kind word */
    pcre2_code *placeholder;    /* unfilled "Số: /..", "ngày tháng .." */
    pcre2_match_data *md;
    pcre2_match_context *mctx;
};

/* A number token found by the scanner. */
struct vn_numtok {
    size_t start, end;      /* [start, end) in the text */
    bool spaced_decimal;    /* "10.726, 547": a space after the comma */
    size_t spaced_end;      /* end including the part after the space */
};

struct vn_scan {
    struct vn_extractor *x;
    const char *s;
    size_t len;
    struct vn_records *r;
};

/* Appends a record; the record's line/col are filled later. */
VN_NODISCARD vn_status vn_scan_push(struct vn_scan *sc, const struct vn_record *rec);

/* scan.c: appends an amount (and a malformed-number finding if the number
 * is ambiguous); end is the end of its unit. */
VN_NODISCARD vn_status vn_scan_push_amount(struct vn_scan *sc, const struct vn_number *num, size_t end,
                                           struct vn_span unit, int pow10, bool implied, int hedge);

/* number.c: the token at s[pos] (a digit); returns its end. */
size_t vn_numtok_scan(const char *s, size_t len, size_t pos, struct vn_numtok *t);

/* date.c: a date starting at s[pos] (a digit): "14/10/2021", "14.10.2021",
 * "14 tháng 10 năm 2021". Returns the end (0 if none); sets *valid. */
size_t vn_date_scan(const char *s, size_t len, size_t pos, struct vn_date *d, bool *valid);
bool vn_date_valid(int y, int m, int d);

/* reference.c: a reference whose number starts at s[pos]. Returns the end
 * of what was consumed (0 if no reference there). */
size_t vn_reference_scan(struct vn_scan *sc, size_t pos, vn_status *st);

/* words.c: amounts written in words ("tám mươi lăm triệu đồng"). */
VN_NODISCARD vn_status vn_words_scan(struct vn_scan *sc);

/* lint.c: diagnostics over the whole text (placeholders). */
VN_NODISCARD vn_status vn_lint_scan(struct vn_scan *sc);

/* scan.c: the main pass. */
VN_NODISCARD vn_status vn_scan_text(struct vn_scan *sc);

static inline bool vn_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static inline bool vn_is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Start of the run of blanks that ends at s[i]. */
static inline size_t vn_back_blanks(const char *s, size_t i)
{
    while (i > 0 && vn_is_blank(s[i - 1]))
        i--;
    return i;
}

#endif
