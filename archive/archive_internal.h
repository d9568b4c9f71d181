/* Private to archive/: an entry's rows, the connection, the schema. */
#ifndef VN_ARCHIVE_INTERNAL_H
#define VN_ARCHIVE_INTERNAL_H

#include <sqlite3.h>

#include "vnaudit/archive.h"

/* Strings of an entry live in one pool; a field is an offset into it, 0 for
 * NULL (the pool starts with one unused byte). */
typedef uint32_t vn_str;

/* One record as a row of `records`, plus its `checks` or `diagnostics` row. */
struct vn_arow {
    vn_str type, text, json;
    uint32_t line, col;
    vn_str value, value_dong, unit, hedge, note, measure;
    vn_str kind, number, code, date;
    vn_str label;                       /* amount outside a table: the words before it in its clause, folded */
    vn_str issuer;                      /* reference: who issued it, as the text says ("của ...") */
    int8_t implied_unit, ambiguous;     /* -1: NULL */
    bool has_dong_int;                  /* value_dong is an integer that fits int64 */
    int64_t dong_int;
    int32_t year;                       /* 0: NULL */
    /* check: rule relation operands claimed claimed_unit computed verdict
       lines section section_line message; diagnostic: rule severity message */
    vn_str rule, relation, operands, claimed, claimed_unit, computed, verdict, lines, section, message;
    vn_str severity;
    uint32_t section_line;
};

/* What the head of a document says about it (docmeta.c). */
struct vn_docmeta {
    vn_str issuer, locality, doc_number, doc_date, period, program;
    int32_t year;       /* the year the document reports on; 0: not said */
};

struct vn_archive_entry {
    vn_str path, sha256, format, status, message, processed_at;
    int64_t size;
    struct vn_docmeta meta;
    uint32_t n_records, n_checks, n_inconsistent, n_errors;
    struct vn_arow *rows;
    size_t n_rows;
    char *pool;
    size_t pool_len, pool_cap;
};

static inline const char *vn_entry_str(const struct vn_archive_entry *e, vn_str s)
{
    return s ? e->pool + s : NULL;
}

/* Appends s[0..len) and a NUL to the pool; 0 when out of memory (or, for
 * s NULL, to mean NULL: check with the caller's own test). */
vn_str vn_entry_put(struct vn_archive_entry *e, const char *s, size_t len, bool *oom);

/* Lowercase copy of s[0..n), code point by code point (ICU), cut to at most
 * out_cap - 1 bytes at a character's end; NUL-terminated. Returns its length. */
size_t vn_archive_fold(const char *s, size_t n, char *out, size_t out_cap);

/* Reads the head of the text: issuer, locality, number, date, period,
 * program (docmeta.c). */
void vn_docmeta_read(struct vn_archive_entry *e, const char *text, size_t len, bool *oom);

#define VN_ARCHIVE_N_DEL 5

struct vn_archive {
    sqlite3 *db;
    char *path;
    int lock_fd;                /* flock'ed in VN_ARCHIVE_WRITE_EXCLUSIVE, else -1 */
    sqlite3_stmt *st_has, *st_old, *st_begin, *st_commit, *st_doc, *st_rec, *st_chk, *st_diag;
    sqlite3_stmt *st_del[VN_ARCHIVE_N_DEL];    /* a replaced document's rows, table by table */
};

/* Fills err with "DB: what: sqlite's message" and returns VN_EIO (VN_EBUSY
 * when the database is locked, VN_ENOMEM when SQLite ran out). */
vn_status vn_archive_fail(const struct vn_archive *a, struct vn_error *err, const char *what);
/* Runs SQL without results. */
vn_status vn_archive_exec(struct vn_archive *a, const char *sql, struct vn_error *err);
/* The current UTC time as ISO 8601 with milliseconds ("2024-07-05T10:20:30.123Z"). */
void vn_archive_now(char buf[32]);

/* schema.c */
vn_status vn_archive_schema(struct vn_archive *a, struct vn_error *err);

#endif
