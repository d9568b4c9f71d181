/* report: struct vn_records -> bytes on a FILE*.
 *
 * Formats: JSON Lines (the contract in docs/CONTRACT.md), CSV (one row per
 * record, fixed columns), text (for a person reading top to bottom). */
#ifndef VNAUDIT_REPORT_H
#define VNAUDIT_REPORT_H

#include <stdio.h>
#include "vnaudit/common.h"

struct vn_records;

enum vn_format { VN_FMT_JSONL, VN_FMT_CSV, VN_FMT_TEXT };

struct vn_report_opts {
    enum vn_format format;
    const char *file_label;     /* the path as given ("-" for stdin) */
    bool include_checks;        /* check and diagnostic records too */
    bool color;                 /* text format: ANSI colours */
};

struct vn_writer;   /* opaque: buffered output, one per output stream */

VN_API VN_NODISCARD vn_status vn_writer_new(FILE *out, struct vn_writer **w);
/* Flushes and frees; returns VN_EIO if any write failed. */
VN_API VN_NODISCARD vn_status vn_writer_free(struct vn_writer *w);

/* Writes the header of a format that has one (CSV). Call once per stream. */
VN_API VN_NODISCARD vn_status vn_report_begin(struct vn_writer *w, const struct vn_report_opts *o);
VN_API VN_NODISCARD vn_status vn_report_write(struct vn_writer *w, const struct vn_report_opts *o,
                                              const struct vn_records *r);

#endif
