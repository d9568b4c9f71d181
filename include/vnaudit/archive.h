/* archive: documents, their records and checks in an SQLite database.
 *
 * The schema (tables documents, records, checks, diagnostics, runs,
 * findings; docs/ARCHIVE.md) is a contract: other tools read and write it.
 * Values are stored exactly: decimal strings, never REAL.
 *
 * The work of one document is split in two so that many documents can be
 * read at once and written by one connection:
 *   - vn_archive_entry_new() turns a document (or why it could not be read)
 *     into the rows to store. It touches no database and may run on any
 *     thread: a worker makes entries with its own vn_pipeline.
 *   - vn_archive_store() writes an entry in one transaction on a
 *     connection (struct vn_archive).
 *
 * Threads: a struct vn_archive is one SQLite connection and is used by one
 * thread at a time; open one per thread that needs one (readers and the one
 * writer may work at the same time: the database is in WAL mode). Entries
 * are plain data, made on one thread and handed to another. A vn_pipeline
 * (doc.h) is used by one thread at a time: a worker makes its own.
 *
 * Errors: functions return a vn_status and fill a struct vn_error (may be
 * NULL) whose message names the database and what failed. The library
 * prints nothing; progress and findings reach the caller by callback. */
#ifndef VNAUDIT_ARCHIVE_H
#define VNAUDIT_ARCHIVE_H

#include <stdio.h>
#include "vnaudit/common.h"

#ifdef __cplusplus
extern "C" {
#endif

struct vn_doc;
struct vn_pipeline;
struct vn_archive;          /* opaque: one connection to an archive */
struct vn_archive_entry;    /* opaque: one document's rows, ready to store */

/* The schema this library writes (table meta, key schema_version). Opening
 * an older archive migrates it; a newer one is refused. */
#define VN_ARCHIVE_SCHEMA_VERSION 1

enum vn_archive_mode {
    VN_ARCHIVE_READ,            /* queries only (export, reading) */
    VN_ARCHIVE_WRITE,           /* creates the schema if needed; writes wait
                                   for other writers (busy timeout) */
    VN_ARCHIVE_WRITE_EXCLUSIVE  /* as WRITE, and refuses (VN_EBUSY) while
                                   another exclusive writer holds the
                                   database: one ingest at a time */
};

struct vn_archive_opts {
    enum vn_archive_mode mode;
    unsigned busy_timeout_ms;   /* how long a write waits for a lock; 0: 10 s */
};

/* Opens (creates, in a write mode) the archive at `path`. */
VN_API VN_NODISCARD vn_status vn_archive_new(const char *path, const struct vn_archive_opts *o,
                                             struct vn_archive **out, struct vn_error *err);
VN_API void vn_archive_free(struct vn_archive *a);

/* The file a document came from, as the caller found and read it. */
struct vn_archive_file {
    const char *path;           /* as found (the key of a document) */
    int64_t size;               /* bytes; -1 when unknown */
    const char *sha256;         /* 64 lowercase hex digits; NULL when the
                                   file could not be read */
    const char *format;         /* vn_input_format_name() of what it is; NULL
                                   when unknown */
};

/* The rows of one document. `d` is the document read, or NULL when it
 * could not be: then `st` says why (VN_EUNSUPPORTED: status unsupported,
 * VN_ENOTEXT: empty, anything else: error) and `message` says it for a
 * person. Copies what it needs: f, d and message may be freed afterwards.
 * No database access: any thread. */
VN_API VN_NODISCARD vn_status vn_archive_entry_new(const struct vn_archive_file *f, const struct vn_doc *d,
                                                   vn_status st, const char *message,
                                                   struct vn_archive_entry **out);
VN_API void vn_archive_entry_free(struct vn_archive_entry *e);
/* "ok", "error", "unsupported" or "empty". */
VN_API const char *vn_archive_entry_status(const struct vn_archive_entry *e);
/* Its count of inconsistent checks. */
VN_API size_t vn_archive_entry_inconsistent(const struct vn_archive_entry *e);

/* Reading a file into an entry the way `vnaudit ingest` does, so that every
 * program storing documents makes the same rows. */
struct vn_archive_read_opts {
    const char *name;           /* the path stored (a document's key and its
                                   records' "file"); NULL: the path read */
    const char *problem;        /* why the caller already knows it cannot be
                                   read (a broken link found by its walk), or
                                   NULL; then it is not opened */
    int64_t size;               /* the size the caller saw; -1 unknown */
    size_t max_input_bytes;     /* larger files are error rows; 0: the default */
    /* Called, when not NULL, once the file is read and hashed and before
       the stages run: true skips it (no entry), e.g. when an archive holds
       this content by this version (vn_archive_is_stored); *ok then says
       whether that row is ok. */
    bool (*skip)(void *arg, const char *name, const char *sha256, bool *ok);
    void *skip_arg;
};
struct vn_archive_read_info {
    uint64_t bytes;             /* bytes read */
    bool skipped, skipped_ok;   /* skip() said so; its *ok */
};

/* Reads `path` (a regular file, at most the limit, hashed as it is read),
 * runs p's stages on it and makes its entry: *out is an entry whatever
 * happened to the file (status error with the reason when it could not be
 * read), or NULL when skipped. Fails only for VN_ENOMEM and VN_EINVAL.
 * info may be NULL. Touches no database; one pipeline, one thread. */
VN_API VN_NODISCARD vn_status vn_archive_entry_read(struct vn_pipeline *p, const char *path,
                                                    const struct vn_archive_read_opts *o,
                                                    struct vn_archive_entry **out, struct vn_archive_read_info *info);

/* What a run did, for its runs row. */
struct vn_archive_counts {
    uint64_t found;             /* files given or found by walking */
    uint64_t stored;            /* documents rows written by this run */
    uint64_t skipped;           /* already stored (same path, sha256, version) */
    uint64_t failed;            /* whose row (stored now or before) has a
                                   status other than ok */
    uint64_t bytes;             /* bytes of the files read */
};

/* Starts a runs row (`options`: the command line, for the record). */
VN_API VN_NODISCARD vn_status vn_archive_run_begin(struct vn_archive *a, const char *options, int64_t *run_id,
                                                   struct vn_error *err);
/* Ends it: builds the secondary indexes if missing (vn_archive_indexes),
 * then records its end time, counts and status ("done", or "failed" when
 * the run could not store every document). */
VN_API VN_NODISCARD vn_status vn_archive_run_end(struct vn_archive *a, int64_t run_id,
                                                 const struct vn_archive_counts *c, bool complete,
                                                 struct vn_error *err);

/* Builds the secondary indexes (docs/ARCHIVE.md) that are missing, in one
 * transaction. An archive filled from empty has none until then: storing
 * is cheaper without them, and building them once at the end is cheaper
 * than keeping them row by row. Opening an archive for writing that holds
 * documents but lacks them (a run killed before its end) builds them. */
VN_API VN_NODISCARD vn_status vn_archive_indexes(struct vn_archive *a, struct vn_error *err);

/* Whether `path` is stored with this content (sha256) by this version of
 * the tool: then reading it again would give the same rows. *ok (may be
 * NULL): whether that row's status is ok. */
VN_API VN_NODISCARD vn_status vn_archive_is_stored(struct vn_archive *a, const char *path, const char *sha256,
                                                   bool *stored, bool *ok, struct vn_error *err);

/* Stores an entry in one transaction: its documents row, records, checks
 * and diagnostics. A row of the same path made from other content or by
 * another version is replaced (its records go with it); the same content
 * by the same version is left alone (*stored false). A kill at any moment
 * leaves the document either wholly stored or absent. */
VN_API VN_NODISCARD vn_status vn_archive_store(struct vn_archive *a, int64_t run_id,
                                               const struct vn_archive_entry *e, bool *stored,
                                               struct vn_error *err);

/* A finding of the crosscheck: two places that cannot both be right. */
struct vn_archive_place {
    const char *path;
    uint32_t line, col;
    const char *text;           /* as written there */
};
struct vn_archive_finding {
    const char *kind;           /* "reference-date", "reference-issuer", "figure-value" */
    const char *subject;        /* the decision ("1719/QĐ-TTg (2021)") or the figure's label */
    const char *message;        /* one sentence naming both values */
    struct vn_archive_place a, b;
};
typedef void (*vn_archive_finding_cb)(void *arg, const struct vn_archive_finding *f);

/* Compares the documents stored (see docs/ARCHIVE.md, "Crosscheck"):
 * (a) a decision (same number, code and year) cited with different dates
 * or issuers; (b) the same figure stated with different values by two
 * documents of the same issuer and period. Replaces the findings table
 * with what it finds (one transaction); calls cb (may be NULL) for each. */
VN_API VN_NODISCARD vn_status vn_archive_crosscheck(struct vn_archive *a, vn_archive_finding_cb cb, void *arg,
                                                    size_t *n_findings, struct vn_error *err);

enum vn_archive_export_format { VN_EXPORT_JSONL, VN_EXPORT_CSV };

struct vn_archive_export_opts {
    enum vn_archive_export_format format;
    const char *type;           /* only records of this type ("check"); NULL: all */
    const char *verdict;        /* only checks with this verdict; NULL: any */
};

/* Writes the stored records, ordered by path then position in the
 * document. JSONL: each record exactly as `vnaudit check --format jsonl`
 * wrote it for that path. CSV: one row per record, the columns of
 * docs/ARCHIVE.md. *n_out: rows written (may be NULL). */
VN_API VN_NODISCARD vn_status vn_archive_export(struct vn_archive *a, const struct vn_archive_export_opts *o,
                                                FILE *out, uint64_t *n_out, struct vn_error *err);

/* Writes the archive as a static site in the folder `dir` (made if
 * missing; files of the same names replaced): index.html (every document:
 * status, format, counts; sorted and filtered by an inline script, nothing
 * fetched), doc/ID.html for each ok document (its checks, diagnostics and
 * findings, from the stored rows), findings.html (the crosscheck's) and
 * failed.html (the documents not read, with why). *n_pages (may be NULL):
 * document pages written. See docs/ARCHIVE.md, "A browsable archive". */
VN_API VN_NODISCARD vn_status vn_archive_site(struct vn_archive *a, const char *dir, uint64_t *n_pages,
                                              struct vn_error *err);

#ifdef __cplusplus
}
#endif

#endif
