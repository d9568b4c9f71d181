/* report: struct vn_records -> bytes on a FILE*.
 *
 * Formats: JSON Lines (the contract in docs/CONTRACT.md), CSV (one row per
 * record, fixed columns), text (for a person reading top to bottom), SARIF
 * 2.1.0 (for code-scanning tools and editors) and HTML (one self-contained
 * page). The outputs are described in docs/CONTRACT.md and
 * docs/internals/REPORT.md.
 *
 * A stream is written as: vn_report_begin, then for each input either
 * vn_report_write (its records) or vn_report_failed (it could not be read),
 * then vn_report_end. SARIF and HTML make one document of the whole batch:
 * each file's part is written as soon as it is given (memory stays bounded
 * by one file), and vn_report_end closes the document. The other formats
 * write nothing at the end except, for text with several files, a total. */
#ifndef VNAUDIT_REPORT_H
#define VNAUDIT_REPORT_H

#include <stdio.h>
#include "vnaudit/common.h"

#ifdef __cplusplus
extern "C" {
#endif

struct vn_records;
struct vn_text;
struct vn_mark;

enum vn_format { VN_FMT_JSONL, VN_FMT_CSV, VN_FMT_TEXT, VN_FMT_SARIF, VN_FMT_HTML };

struct vn_report_opts {
    enum vn_format format;
    const char *file_label;     /* the path as given ("-" for stdin) */
    bool include_checks;        /* check and diagnostic records too (the
                                   `check` command); SARIF and HTML always
                                   include them */
    bool color;                 /* text format: ANSI colours */
    bool verbose;               /* text and HTML of check: also list each
                                   consistent and partial check and every
                                   record, not only their counts */
    const struct vn_text *raw;  /* the document as read: JSONL gives each
                                   record its `source` in a DOCX, ODT or
                                   HTML input; NULL for none */
    unsigned threads;           /* JSONL: 2 formats a long document's records
                                   on two threads (the output is the same) */
    const struct vn_mark *marks;    /* one per record given to vn_report_write,
                                   from vn_triage_new (policy.h): levels,
                                   fingerprints, suppressions; NULL: each
                                   finding at its rule's level */
    const char *srcroot;        /* SARIF: an absolute folder; inputs under it get
                                   URIs relative to %SRCROOT%; NULL: as given */
    const char *lang;           /* text, HTML, SARIF: the language of headings
                                   and explanations, "en" (NULL) or "vi"
                                   (vnaudit/i18n.h); rule ids never change */
    bool csv_bom;               /* CSV: a UTF-8 byte order mark first, so that
                                   Excel reads the file as UTF-8 */
    unsigned text_width;        /* text: code points of a source line shown
                                   (the terminal's width); 0: 100 */
};

struct vn_writer;   /* opaque: buffered output, one per output stream */

VN_API VN_NODISCARD vn_status vn_writer_new(FILE *out, struct vn_writer **w);
/* Flushes and frees; returns VN_EIO if any write failed. */
VN_API VN_NODISCARD vn_status vn_writer_free(struct vn_writer *w);

/* Starts the stream: the CSV header, the opening of a SARIF log or an HTML
 * page. Call once per stream, before the first file. */
VN_API VN_NODISCARD vn_status vn_report_begin(struct vn_writer *w, const struct vn_report_opts *o);
/* The records of one file (o->file_label names it). */
VN_API VN_NODISCARD vn_status vn_report_write(struct vn_writer *w, const struct vn_report_opts *o,
                                              const struct vn_records *r);
/* Notes that the file o->file_label could not be read, and why (SARIF: a
 * tool execution notification; HTML: a line in the page; the other formats
 * write nothing: the caller says it on stderr). */
VN_API VN_NODISCARD vn_status vn_report_failed(struct vn_writer *w, const struct vn_report_opts *o,
                                               const char *message);
/* Ends the stream: closes the SARIF log or the HTML page. Call once, after
 * the last file. */
VN_API VN_NODISCARD vn_status vn_report_end(struct vn_writer *w, const struct vn_report_opts *o);

#ifdef __cplusplus
}
#endif

#endif
