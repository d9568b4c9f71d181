/* Private to report/: baseline files -- reading the accepted findings,
 * matching findings against them (each entry once), and collecting a
 * batch's findings to write a new one. The format is in docs/CONTRACT.md. */
#ifndef VN_REPORT_BASELINE_H
#define VN_REPORT_BASELINE_H

#include <stdio.h>

#include "report/fingerprint.h"
#include "vnaudit/common.h"

#define VN_BASELINE_MAX_BYTES (64u << 20)   /* a baseline file larger than this is refused */
#define VN_BASELINE_MAX_ENTRIES 1000000u    /* entries read or collected */
#define VN_BASELINE_STATEMENT_CPS 120u      /* code points of the statement written */
#define VN_BASELINE_HEADER "# vnaudit baseline 1"

struct vn_baseline_entry {
    struct vn_fp fp;
    char *justification;        /* "" when none */
    bool used;                  /* matched a finding already */
};

struct vn_baseline {
    struct vn_baseline_entry *e;    /* sorted by fingerprint */
    size_t n;
};

/* A finding remembered to write a baseline. */
struct vn_baseline_row {
    struct vn_fp fp;
    char *rule, *file, *statement;  /* owned */
    const char *justification;      /* borrowed from the baseline read, or "" */
    uint32_t line;
};

struct vn_baseline_rows {
    struct vn_baseline_row *rows;
    size_t n, cap;
    bool overflow;              /* more than VN_BASELINE_MAX_ENTRIES */
};

struct vn_catalog;
vn_status vn_baseline_read(struct vn_baseline *b, const char *path, const struct vn_catalog *cat,
                          struct vn_error *err);
void vn_baseline_clear(struct vn_baseline *b);
/* The first unused entry with this fingerprint, marked used; NULL if none. */
const struct vn_baseline_entry *vn_baseline_take(struct vn_baseline *b, struct vn_fp fp);

vn_status vn_baseline_rows_add(struct vn_baseline_rows *rs, struct vn_fp fp, const char *rule, const char *file,
                               uint32_t line, const char *statement, size_t statement_len,
                               const char *justification);
void vn_baseline_rows_clear(struct vn_baseline_rows *rs);
vn_status vn_baseline_rows_write(const struct vn_baseline_rows *rs, FILE *out);

#endif
