/* The connection: opening (WAL, busy timeout, the schema),
 * runs, the "already stored" test and storing one document in one
 * transaction with prepared statements. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "common/alloc.h"
#include "archive/archive_internal.h"

vn_status vn_archive_fail(const struct vn_archive *a, struct vn_error *err, const char *what)
{
    int code = a && a->db ? sqlite3_errcode(a->db) : SQLITE_ERROR;
    vn_status st = code == SQLITE_NOMEM ? VN_ENOMEM : (code == SQLITE_BUSY || code == SQLITE_LOCKED) ? VN_EBUSY
                                                                                                   : VN_EIO;
    /* what to do, by SQLite's primary code */
    const char *todo;
    switch (code & 0xFF) {
    case SQLITE_NOTADB: todo = "give --db a new file, or an archive vnaudit made"; break;
    case SQLITE_CORRUPT: todo = "the archive is damaged: restore it from a copy, or export what it holds into a new one"; break;
    case SQLITE_FULL: todo = "free disk space and run again (documents already stored are kept)"; break;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH: todo = "check the path and its permissions"; break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: todo = "another program holds the archive: wait for it to end and run again"; break;
    case SQLITE_NOMEM: todo = "free memory, or run with fewer jobs"; break;
    default: todo = "run again; if it happens again, check the disk and the file"; break;
    }
    if (err) {
        err->code = st;
        snprintf(err->message, sizeof err->message, "%.100s: %s: %s; %s", a && a->path ? a->path : "archive", what,
                 a && a->db ? sqlite3_errmsg(a->db) : "cannot open", todo);
    }
    return st;
}

vn_status vn_archive_exec(struct vn_archive *a, const char *sql, struct vn_error *err)
{
    if (sqlite3_exec(a->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return vn_archive_fail(a, err, "writing");
    return VN_OK;
}

void vn_archive_now(char buf[32])
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(buf, 24, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf + n, 32 - n, ".%03uZ", (unsigned)(ts.tv_nsec / 1000000) % 1000u);
}

/* One exclusive writer: a BSD lock on the database file (independent of
 * SQLite's POSIX locks on Linux), dropped by the kernel when the process
 * ends however it ends. */
static vn_status take_lock(struct vn_archive *a, struct vn_error *err)
{
    a->lock_fd = open(a->path, O_RDONLY | O_CLOEXEC);
    if (a->lock_fd < 0)
        return vn_archive_fail(a, err, "opening for the writer's lock");
    if (flock(a->lock_fd, LOCK_EX | LOCK_NB) == 0)
        return VN_OK;
    int e = errno;
    if (err) {
        err->code = e == EWOULDBLOCK ? VN_EBUSY : VN_EIO;
        snprintf(err->message, sizeof err->message,
                 e == EWOULDBLOCK ? "%s: another vnaudit is writing to this archive; wait for it to end, or use "
                                    "another --db"
                                  : "%s: cannot lock the archive",
                 a->path);
    }
    return e == EWOULDBLOCK ? VN_EBUSY : VN_EIO;
}

static const char *const sql_has =
    "SELECT status = 'ok' FROM documents WHERE path = ?1 AND sha256 = ?2 AND tool_version = ?3";
static const char *const sql_old = "SELECT id FROM documents WHERE path = ?1";
/* A document replaced, with its rows: what ON DELETE CASCADE would do, but
 * the writer keeps foreign keys off, since checking each row's parent cost
 * an eighth of its time and it makes every row with its parent. */
static const char *const sql_del[VN_ARCHIVE_N_DEL] = {
    "DELETE FROM findings WHERE a_document_id = ?1 OR b_document_id = ?1",
    "DELETE FROM checks WHERE document_id = ?1",
    "DELETE FROM diagnostics WHERE document_id = ?1",
    "DELETE FROM records WHERE document_id = ?1",
    "DELETE FROM documents WHERE id = ?1",
};
static const char *const sql_doc =
    "INSERT INTO documents(path, size, sha256, format, status, message, processed_at, tool_version, run_id,"
    " issuer, locality, doc_number, doc_date, period, year, program,"
    " n_records, n_checks, n_inconsistent, n_errors)"
    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20)";
static const char *const sql_rec =
    "INSERT INTO records(document_id, seq, type, line, col, text, value, value_dong, value_dong_int, unit,"
    " implied_unit, hedge, ambiguous, note, measure, kind, number, year, code, date, json, issuer, label)"
    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23)";
static const char *const sql_chk =
    "INSERT INTO checks(record_id, document_id, rule, relation, operands, claimed, claimed_unit, computed,"
    " verdict, line, col, lines, section, section_line, message)"
    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)";
static const char *const sql_diag =
    "INSERT INTO diagnostics(record_id, document_id, rule, severity, message, line, col)"
    " VALUES(?1,?2,?3,?4,?5,?6,?7)";

vn_status vn_archive_new(const char *path, const struct vn_archive_opts *o, struct vn_archive **out,
                         struct vn_error *err)
{
    *out = NULL;
    if (err)
        memset(err, 0, sizeof *err);
    struct vn_archive *a = vn_calloc(1, sizeof *a);
    if (!a)
        return VN_ENOMEM;
    a->lock_fd = -1;
    a->path = vn_strdup(path);
    if (!a->path) {
        vn_free(a);
        return VN_ENOMEM;
    }
    enum vn_archive_mode mode = o ? o->mode : VN_ARCHIVE_READ;
    int flags = mode == VN_ARCHIVE_READ ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    vn_status st = VN_OK;
    if (sqlite3_open_v2(path, &a->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
        st = vn_archive_fail(a, err, "cannot open");
    if (!st)
        sqlite3_busy_timeout(a->db, o && o->busy_timeout_ms ? (int)o->busy_timeout_ms : 10000);
    if (!st && mode == VN_ARCHIVE_WRITE_EXCLUSIVE)
        st = take_lock(a, err);
    /* WAL: readers beside the writer; synchronous=NORMAL: a commit survives
       the process being killed (not a power cut, which loses at most the
       last documents, never the database) */
    if (!st && mode != VN_ARCHIVE_READ)
        st = vn_archive_exec(a, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL", err);
    /* the writer's cost is the archive's bottleneck: index pages kept in
       memory (64 MiB) rather than read again, and the WAL copied into the
       database every 64 MiB rather than every 4 */
    if (!st && mode != VN_ARCHIVE_READ)
        st = vn_archive_exec(a, "PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=16384", err);
    if (!st)
        st = vn_archive_exec(a, "PRAGMA foreign_keys=OFF", err);
    if (!st && mode != VN_ARCHIVE_READ)
        st = vn_archive_schema(a, err);
    if (!st && mode == VN_ARCHIVE_READ) {
        /* an archive, not any database */
        sqlite3_stmt *s = NULL;
        if (sqlite3_prepare_v2(a->db, "SELECT value FROM meta WHERE key='schema_version'", -1, &s, NULL) !=
            SQLITE_OK)
            st = vn_archive_fail(a, err, "not a vnaudit archive");
        else if (sqlite3_step(s) != SQLITE_ROW)
            st = vn_archive_fail(a, err, "not a vnaudit archive (no schema_version)");
        sqlite3_finalize(s);
    }
    if (!st && (sqlite3_prepare_v2(a->db, sql_has, -1, &a->st_has, NULL) != SQLITE_OK))
        st = vn_archive_fail(a, err, "preparing");
    for (size_t i = 0; !st && mode != VN_ARCHIVE_READ && i < VN_ARCHIVE_N_DEL; i++)
        if (sqlite3_prepare_v2(a->db, sql_del[i], -1, &a->st_del[i], NULL) != SQLITE_OK)
            st = vn_archive_fail(a, err, "preparing");
    if (!st && mode != VN_ARCHIVE_READ &&
        (sqlite3_prepare_v2(a->db, sql_old, -1, &a->st_old, NULL) != SQLITE_OK ||
         sqlite3_prepare_v2(a->db, "BEGIN IMMEDIATE", -1, &a->st_begin, NULL) != SQLITE_OK ||
         sqlite3_prepare_v2(a->db, "COMMIT", -1, &a->st_commit, NULL) != SQLITE_OK ||
         sqlite3_prepare_v2(a->db, sql_doc, -1, &a->st_doc, NULL) != SQLITE_OK ||
         sqlite3_prepare_v2(a->db, sql_rec, -1, &a->st_rec, NULL) != SQLITE_OK ||
         sqlite3_prepare_v2(a->db, sql_chk, -1, &a->st_chk, NULL) != SQLITE_OK ||
         sqlite3_prepare_v2(a->db, sql_diag, -1, &a->st_diag, NULL) != SQLITE_OK))
        st = vn_archive_fail(a, err, "preparing");
    if (st) {
        vn_archive_free(a);
        return st;
    }
    *out = a;
    return VN_OK;
}

void vn_archive_free(struct vn_archive *a)
{
    if (!a)
        return;
    sqlite3_stmt *sts[] = {a->st_has,   a->st_old, a->st_begin, a->st_commit,
                           a->st_doc,   a->st_rec, a->st_chk,   a->st_diag};
    for (size_t i = 0; i < sizeof sts / sizeof *sts; i++)
        sqlite3_finalize(sts[i]);
    for (size_t i = 0; i < VN_ARCHIVE_N_DEL; i++)
        sqlite3_finalize(a->st_del[i]);
    sqlite3_close(a->db);
    if (a->lock_fd >= 0)
        close(a->lock_fd);
    vn_free(a->path);
    vn_free(a);
}

vn_status vn_archive_run_begin(struct vn_archive *a, const char *options, int64_t *run_id, struct vn_error *err)
{
    sqlite3_stmt *s;
    char now[32];
    vn_archive_now(now);
    if (sqlite3_prepare_v2(a->db,
                           "INSERT INTO runs(started_at, tool_version, options, status) VALUES(?1, ?2, ?3, 'running')",
                           -1, &s, NULL) != SQLITE_OK)
        return vn_archive_fail(a, err, "starting a run");
    sqlite3_bind_text(s, 1, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, vn_version(), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, options ? options : "", -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return vn_archive_fail(a, err, "starting a run");
    *run_id = sqlite3_last_insert_rowid(a->db);
    return VN_OK;
}

vn_status vn_archive_run_end(struct vn_archive *a, int64_t run_id, const struct vn_archive_counts *c, bool complete,
                             struct vn_error *err)
{
    vn_status st = vn_archive_indexes(a, err);
    if (st)
        return st;
    sqlite3_stmt *s;
    char now[32];
    vn_archive_now(now);
    if (sqlite3_prepare_v2(a->db,
                           "UPDATE runs SET ended_at=?2, status=?3, n_found=?4, n_stored=?5, n_skipped=?6,"
                           " n_failed=?7, n_bytes=?8 WHERE id=?1",
                           -1, &s, NULL) != SQLITE_OK)
        return vn_archive_fail(a, err, "ending a run");
    sqlite3_bind_int64(s, 1, run_id);
    sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, complete ? "done" : "failed", -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)c->found);
    sqlite3_bind_int64(s, 5, (sqlite3_int64)c->stored);
    sqlite3_bind_int64(s, 6, (sqlite3_int64)c->skipped);
    sqlite3_bind_int64(s, 7, (sqlite3_int64)c->failed);
    sqlite3_bind_int64(s, 8, (sqlite3_int64)c->bytes);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? VN_OK : vn_archive_fail(a, err, "ending a run");
}

static vn_status has(struct vn_archive *a, const char *path, const char *sha256, bool *yes, bool *ok,
                     struct vn_error *err)
{
    *yes = false;
    if (ok)
        *ok = false;
    if (!sha256)
        return VN_OK;   /* a file that could not be read is tried again */
    sqlite3_stmt *s = a->st_has;
    sqlite3_reset(s);
    sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, vn_version(), -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && ok)
        *ok = sqlite3_column_int(s, 0) != 0;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return vn_archive_fail(a, err, "looking up a document");
    *yes = rc == SQLITE_ROW;
    return VN_OK;
}

vn_status vn_archive_is_stored(struct vn_archive *a, const char *path, const char *sha256, bool *stored, bool *ok,
                               struct vn_error *err)
{
    return has(a, path, sha256, stored, ok, err);
}

/* Binds a pool string or NULL. */
static void bind_s(sqlite3_stmt *s, int i, const struct vn_archive_entry *e, vn_str v)
{
    if (v)
        sqlite3_bind_text(s, i, e->pool + v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, i);
}

static void bind_flag(sqlite3_stmt *s, int i, int8_t v)
{
    if (v < 0)
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_int(s, i, v);
}

static bool step(sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE;
}

static bool insert_document(struct vn_archive *a, int64_t run_id, const struct vn_archive_entry *e)
{
    sqlite3_stmt *s = a->st_doc;
    sqlite3_clear_bindings(s);
    bind_s(s, 1, e, e->path);
    if (e->size >= 0)
        sqlite3_bind_int64(s, 2, e->size);
    bind_s(s, 3, e, e->sha256);
    bind_s(s, 4, e, e->format);
    bind_s(s, 5, e, e->status);
    bind_s(s, 6, e, e->message);
    bind_s(s, 7, e, e->processed_at);
    sqlite3_bind_text(s, 8, vn_version(), -1, SQLITE_STATIC);
    if (run_id > 0)
        sqlite3_bind_int64(s, 9, run_id);
    bind_s(s, 10, e, e->meta.issuer);
    bind_s(s, 11, e, e->meta.locality);
    bind_s(s, 12, e, e->meta.doc_number);
    bind_s(s, 13, e, e->meta.doc_date);
    bind_s(s, 14, e, e->meta.period);
    if (e->meta.year)
        sqlite3_bind_int(s, 15, e->meta.year);
    bind_s(s, 16, e, e->meta.program);
    sqlite3_bind_int64(s, 17, e->n_records);
    sqlite3_bind_int64(s, 18, e->n_checks);
    sqlite3_bind_int64(s, 19, e->n_inconsistent);
    sqlite3_bind_int64(s, 20, e->n_errors);
    return step(s);
}

static bool insert_record(struct vn_archive *a, int64_t doc, size_t seq, const struct vn_archive_entry *e,
                          const struct vn_arow *r)
{
    sqlite3_stmt *s = a->st_rec;
    sqlite3_clear_bindings(s);
    sqlite3_bind_int64(s, 1, doc);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)seq);
    bind_s(s, 3, e, r->type);
    sqlite3_bind_int64(s, 4, r->line);
    sqlite3_bind_int64(s, 5, r->col);
    bind_s(s, 6, e, r->text);
    bind_s(s, 7, e, r->value);
    bind_s(s, 8, e, r->value_dong);
    if (r->has_dong_int)
        sqlite3_bind_int64(s, 9, r->dong_int);
    bind_s(s, 10, e, r->unit);
    bind_flag(s, 11, r->implied_unit);
    bind_s(s, 12, e, r->hedge);
    bind_flag(s, 13, r->ambiguous);
    bind_s(s, 14, e, r->note);
    bind_s(s, 15, e, r->measure);
    bind_s(s, 16, e, r->kind);
    bind_s(s, 17, e, r->number);
    if (r->year)
        sqlite3_bind_int(s, 18, r->year);
    bind_s(s, 19, e, r->code);
    bind_s(s, 20, e, r->date);
    bind_s(s, 21, e, r->json);
    bind_s(s, 22, e, r->issuer);
    bind_s(s, 23, e, r->label);
    if (!step(s))
        return false;
    int64_t rec = sqlite3_last_insert_rowid(a->db);
    if (r->verdict) {
        s = a->st_chk;
        sqlite3_clear_bindings(s);
        sqlite3_bind_int64(s, 1, rec);
        sqlite3_bind_int64(s, 2, doc);
        bind_s(s, 3, e, r->rule);
        bind_s(s, 4, e, r->relation);
        bind_s(s, 5, e, r->operands);
        bind_s(s, 6, e, r->claimed);
        bind_s(s, 7, e, r->claimed_unit);
        bind_s(s, 8, e, r->computed);
        bind_s(s, 9, e, r->verdict);
        sqlite3_bind_int64(s, 10, r->line);
        sqlite3_bind_int64(s, 11, r->col);
        bind_s(s, 12, e, r->lines);
        bind_s(s, 13, e, r->section);
        if (r->section_line)
            sqlite3_bind_int64(s, 14, r->section_line);
        bind_s(s, 15, e, r->message);
        return step(s);
    }
    if (r->severity) {
        s = a->st_diag;
        sqlite3_clear_bindings(s);
        sqlite3_bind_int64(s, 1, rec);
        sqlite3_bind_int64(s, 2, doc);
        bind_s(s, 3, e, r->rule);
        bind_s(s, 4, e, r->severity);
        bind_s(s, 5, e, r->message);
        sqlite3_bind_int64(s, 6, r->line);
        sqlite3_bind_int64(s, 7, r->col);
        return step(s);
    }
    return true;
}

/* Deletes the row of `path` and every row of its document, if any. */
static bool remove_old(struct vn_archive *a, const char *path)
{
    sqlite3_bind_text(a->st_old, 1, path, -1, SQLITE_STATIC);
    int rc = sqlite3_step(a->st_old);
    int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(a->st_old, 0) : 0;
    sqlite3_reset(a->st_old);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE;
    for (size_t i = 0; i < VN_ARCHIVE_N_DEL; i++) {
        sqlite3_bind_int64(a->st_del[i], 1, id);
        if (!step(a->st_del[i]))
            return false;
    }
    return true;
}

vn_status vn_archive_store(struct vn_archive *a, int64_t run_id, const struct vn_archive_entry *e, bool *stored,
                           struct vn_error *err)
{
    *stored = false;
    if (!a->st_doc)
        return VN_EINVAL;   /* opened read-only */
    /* IMMEDIATE: take the write lock now (waiting for another writer up to
       the busy timeout) rather than fail half way */
    if (!step(a->st_begin))
        return vn_archive_fail(a, err, "writing");
    bool same;
    vn_status st = has(a, vn_entry_str(e, e->path), vn_entry_str(e, e->sha256), &same, NULL, err);
    if (!st && !same) {
        bool ok = remove_old(a, vn_entry_str(e, e->path)) && insert_document(a, run_id, e);
        int64_t doc = sqlite3_last_insert_rowid(a->db);
        for (size_t i = 0; ok && i < e->n_rows; i++)
            ok = insert_record(a, doc, i, e, &e->rows[i]);
        if (!ok)
            st = vn_archive_fail(a, err, "storing a document");
    }
    if (!st && !step(a->st_commit))
        st = vn_archive_fail(a, err, "writing");
    if (st) {
        sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL);
        return st;
    }
    *stored = !same;
    return VN_OK;
}
