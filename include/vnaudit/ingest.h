/* ingest: bytes of one input -> struct vn_text.
 *
 * Takes a path (or "-" for standard input). Gives UTF-8 text with LF line
 * ends: a UTF-8 BOM is dropped, UTF-16LE/BE with a BOM is converted, CRLF and
 * lone CR become LF. Invalid UTF-8 sequences and NUL bytes are replaced by
 * U+FFFD and reported as issues (byte offset, line) so nothing else is lost.
 * An input that cannot be read at all is an error (vn_status + vn_error). */
#ifndef VNAUDIT_INGEST_H
#define VNAUDIT_INGEST_H

#include "vnaudit/common.h"

enum vn_encoding { VN_ENC_UTF8, VN_ENC_UTF8_BOM, VN_ENC_UTF16LE, VN_ENC_UTF16BE };

enum vn_ingest_issue_kind { VN_ISSUE_INVALID_UTF8, VN_ISSUE_NUL_BYTE, VN_ISSUE_INVALID_UTF16 };

struct vn_ingest_issue {
    enum vn_ingest_issue_kind kind;
    size_t offset;  /* byte offset in the input as read */
    size_t line;    /* 1-based line of the converted text */
};

struct vn_text {
    char *data;                 /* NUL-terminated UTF-8, LF line ends */
    size_t len;
    enum vn_encoding encoding;
    bool had_crlf;              /* some line ended in CRLF or CR */
    struct vn_ingest_issue *issues;
    size_t n_issues;            /* stored issues (at most VN_INGEST_MAX_ISSUES) */
    size_t n_issues_total;      /* all issues, stored or not */
};

#define VN_INGEST_MAX_ISSUES 64
#define VN_INGEST_DEFAULT_MAX_BYTES ((size_t)512 << 20)

struct vn_ingest_opts {
    size_t max_bytes;   /* 0: VN_INGEST_DEFAULT_MAX_BYTES */
};

/* Reads and decodes a whole file. */
VN_API VN_NODISCARD vn_status vn_text_read_file(const char *path, const struct vn_ingest_opts *opts,
                                                struct vn_text **out, struct vn_error *err);
/* Decodes bytes already in memory (copied). */
VN_API VN_NODISCARD vn_status vn_text_from_bytes(const void *bytes, size_t len, struct vn_text **out,
                                                 struct vn_error *err);
VN_API void vn_text_free(struct vn_text *t);

#endif
