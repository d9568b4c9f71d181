/* Private to extract/: the extractor, the scanning state and the helpers
 * the scanners share. */
#ifndef VN_EXTRACT_INTERNAL_H
#define VN_EXTRACT_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "common/i18n.h"
#include "common/arena.h"
#include "common/table_cells.h"
#include "extract/vocab.h"
#include "vnaudit/extract.h"
#include "vnaudit/normalize.h"

/* Limits on regex work: every match is anchored at a candidate position
 * found by the byte scanner, so these are generous yet bounded. */
#define VN_PCRE2_MATCH_LIMIT 100000u
#define VN_PCRE2_DEPTH_LIMIT 1000u
/* Window of text a reference (number, code, date) may span. */
#define VN_REF_WINDOW 200u

/* The named groups of the reference pattern (reference.c), in the order
 * of vn_ref_group_names. */
enum vn_ref_group { VN_RG_NUM, VN_RG_YEAR, VN_RG_CODE1, VN_RG_CODE2, VN_RG_CODE3, VN_RG_D1, VN_RG_M1, VN_RG_Y1,
                    VN_RG_D2, VN_RG_M2, VN_RG_Y2, VN_REF_NGROUPS };
extern const char *const vn_ref_group_names[VN_REF_NGROUPS];

struct vn_extractor {
    const struct vn_vocab *vocab;
    pcre2_code *ref_tail;       /* number/code/date after a kind word */
    int ref_groups[VN_REF_NGROUPS]; /* its named groups' numbers (-1: none) */
    pcre2_code *placeholder;    /* unfilled "Số: /..", "ngày tháng .." */
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    bool nd30;                  /* also the nd30 rules (nd30.c) */
    bool lone_fast;             /* a number alone on its line takes the short path (scan.c); off only in the
                                   tests that compare the two */
    const struct vn_catalog *cat;   /* the diagnostics' language; NULL: English */
};

/* A number token found by the scanner. */
struct vn_numtok {
    size_t start, end;      /* [start, end) in the text */
    bool spaced_decimal;    /* "10.726, 547": a space after the comma */
    size_t spaced_end;      /* end including the part after the space */
};

/* Unfilled placeholders listed per document: a template repeated a million
 * times is one problem, not a million records (the rest are counted). */
#define VN_MAX_PLACEHOLDERS 10000u
/* Records the scans may give one document (160 bytes each); past it the
 * rest is counted, not kept, and a limit-reached error says so. */
#define VN_MAX_RECORDS 500000u

struct vn_scan {
    struct vn_extractor *x;
    const char *s;
    size_t len;
    struct vn_records *r;
    size_t n_placeholders;          /* lint.c: found so far */
    struct vn_span first_unlisted;  /* lint.c: the first one not listed */
    vn_status st;                   /* a failure inside a helper that answers yes or no (out of
                                       memory): vn_extract returns it */
};

/* A decimal written as the reports write it ("46.929,385459"), for
 * messages in either language (defined in validate/verdict.c). */
void vn_dec_format_vn(struct vn_dec d, char *buf, size_t cap);

/* Appends a record; the record's line/col are filled later. */
VN_NODISCARD vn_status vn_scan_push(struct vn_scan *sc, const struct vn_record *rec);

/* The analysed line of a '|' or tab table: its cells that are amounts. */
struct vn_tcell_money {
    uint32_t off, end;                  /* the cell's text */
    int pow10;                          /* -1: not an amount */
    struct vn_span unit;
};
#define VN_TABLE_MAX_COLS 64
struct vn_table_grid {
    struct vn_tcell *cells;             /* splitter buffers (arena) */
    struct vn_trow *rows;
    struct vn_tcell_money *money;       /* the asked line's cells */
    size_t n_money, cursor;
    size_t ls, le;                      /* the line analysed last */
    bool table;                         /* it is a table line */
    size_t run_next;                    /* start of the next line of the
                                           current run of table lines
                                           (SIZE_MAX: no run) */
    bool data;                          /* the run's data rows began */
    bool unit_header;                   /* the header has a unit column */
    int unit_col;                       /* its index, -1: not known */
    bool pct[VN_TABLE_MAX_COLS];        /* columns of percentages */
};
/* A table whose cells lost their separators and whose units are in its
 * column headings ("Thực hiện (tỷ đồng)", "% so KH"). */
#define VN_TABLE_MAX_UCOLS 32
struct vn_table_ucols {
    size_t rs, re;                      /* its data lines (rs == re: none) */
    size_t tried_to;                    /* lines before this were tried */
    int n;                              /* columns */
    int pow10[VN_TABLE_MAX_UCOLS];      /* -1: not money (percentages) */
    struct vn_span unit[VN_TABLE_MAX_UCOLS];
    size_t ls, le, pos;                 /* the line read, how far */
    int idx;                            /* values of the current run */
};

/* table.c: the tables under a unit heading ("Đơn vị tính: triệu đồng")
 * met so far; the scanner asks about numbers in increasing position. */
#define VN_TABLE_HEADINGS 6
struct vn_table {
    bool known;                         /* hit was searched */
    size_t hit_from, hit;               /* the first heading word at or
                                           after hit_from (SIZE_MAX: none
                                           before searched_to) */
    size_t searched_to;
    size_t from;                        /* where the next table's heading
                                           is searched from */
    bool have;                          /* rs, re: the current table */
    size_t rs, re;                      /* the current table's lines */
    bool plain;                         /* its cells are separated by
                                           blanks, not '|' or tabs */
    struct vn_span unit;                /* its heading's unit */
    int pow10;
    size_t ls, le;                      /* the line asked about last */
    struct vn_table_grid grid;
    struct vn_table_ucols ucols;
};
void vn_table_init(struct vn_table *t);
/* Whether the number at s[a, e) (sign included) is a whole cell, not in the
 * first column, of a table under a unit heading; if so, gives that unit. */
bool vn_table_cell(const struct vn_scan *sc, struct vn_table *t, size_t a, size_t e, struct vn_span *unit,
                   int *pow10);
/* What vn_table_cell() records of a number at s[a] alone on its line, which
 * ends at le (the line is no cell of any table; the search for a table's
 * start moves past it). */
void vn_table_lone(struct vn_table *t, size_t a, size_t le);

/* scan.c: a unit of money at s[i], checked against its table flags ("đ/c"
 * and "500 đồng bào" are not money). */
bool vn_money_unit_at(const struct vn_scan *sc, size_t i, struct vn_vocab_match *m);
/* scan.c: a measure word at s[i], followed by a non-letter (entries of
 * dimension "-" in vocab/measures.tsv are phrases that are not measures). */
bool vn_measure_at(const struct vn_scan *sc, size_t i, struct vn_vocab_match *m);

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
/* nd30.c: the format rules of Nghị định 30/2020, on records already
   finished (line and col known); appends diagnostics. */
VN_NODISCARD vn_status vn_nd30_scan(const struct vn_extractor *x, const struct vn_normtext *t,
                                    struct vn_records *r);

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
