/* The archive's schema, version VN_ARCHIVE_SCHEMA_VERSION (docs/ARCHIVE.md).
 * Money is TEXT (exact decimal strings, as in the JSON Lines); an INTEGER
 * column beside it only where the value is a whole number of đồng that
 * fits, so SQL can add it up exactly.
 *
 * The tables are made with the archive, the secondary indexes apart
 * (vn_archive_indexes): keeping them up to date row by row was a third of
 * the writer's time, so an archive filled from empty gets them at the end
 * of the run, built once from sorted keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive/archive_internal.h"

static const char schema_v1[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS runs(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  started_at TEXT NOT NULL, ended_at TEXT,\n"
    "  tool_version TEXT NOT NULL, options TEXT NOT NULL,\n"
    "  status TEXT NOT NULL CHECK(status IN ('running','done','failed')),\n"
    "  n_found INTEGER, n_stored INTEGER, n_skipped INTEGER, n_failed INTEGER, n_bytes INTEGER);\n"
    "CREATE TABLE IF NOT EXISTS documents(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  path TEXT NOT NULL UNIQUE,\n"
    "  size INTEGER, sha256 TEXT, format TEXT,\n"
    "  status TEXT NOT NULL CHECK(status IN ('ok','error','unsupported','empty')),\n"
    "  message TEXT,\n"
    "  processed_at TEXT NOT NULL, tool_version TEXT NOT NULL,\n"
    "  run_id INTEGER REFERENCES runs(id),\n"
    "  issuer TEXT, locality TEXT, doc_number TEXT, doc_date TEXT, period TEXT, year INTEGER, program TEXT,\n"
    "  n_records INTEGER NOT NULL DEFAULT 0, n_checks INTEGER NOT NULL DEFAULT 0,\n"
    "  n_inconsistent INTEGER NOT NULL DEFAULT 0, n_errors INTEGER NOT NULL DEFAULT 0);\n"
    "CREATE TABLE IF NOT EXISTS records(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  seq INTEGER NOT NULL,\n"
    "  type TEXT NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL, text TEXT NOT NULL,\n"
    "  value TEXT, value_dong TEXT, value_dong_int INTEGER, unit TEXT, implied_unit INTEGER,\n"
    "  hedge TEXT, ambiguous INTEGER, note TEXT, measure TEXT,\n"
    "  kind TEXT, number TEXT, year INTEGER, code TEXT, date TEXT, issuer TEXT, label TEXT,\n"
    "  json TEXT NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS checks(\n"
    "  record_id INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,\n"
    "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  rule TEXT NOT NULL, relation TEXT NOT NULL, operands TEXT NOT NULL,\n"
    "  claimed TEXT NOT NULL, claimed_unit TEXT NOT NULL, computed TEXT NOT NULL,\n"
    "  verdict TEXT NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL, lines TEXT NOT NULL,\n"
    "  section TEXT, section_line INTEGER, message TEXT NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS diagnostics(\n"
    "  record_id INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,\n"
    "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  rule TEXT NOT NULL, severity TEXT NOT NULL, message TEXT NOT NULL,\n"
    "  line INTEGER NOT NULL, col INTEGER NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS findings(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  kind TEXT NOT NULL, subject TEXT NOT NULL, message TEXT NOT NULL, found_at TEXT NOT NULL,\n"
    "  a_document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  a_record_id INTEGER REFERENCES records(id) ON DELETE CASCADE,\n"
    "  a_path TEXT NOT NULL, a_line INTEGER, a_col INTEGER, a_text TEXT,\n"
    "  b_document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  b_record_id INTEGER REFERENCES records(id) ON DELETE CASCADE,\n"
    "  b_path TEXT NOT NULL, b_line INTEGER, b_col INTEGER, b_text TEXT);\n"
    /* findings change only in a crosscheck; their indexes serve the
       cascade when a document is replaced */
    "CREATE INDEX IF NOT EXISTS findings_a ON findings(a_document_id);\n"
    "CREATE INDEX IF NOT EXISTS findings_b ON findings(b_document_id);\n";

/* The secondary indexes, built by vn_archive_indexes(). The questions asked
 * most: inconsistencies by locality or year; the documents citing a
 * decision; totals by programme and year. records(document_id, seq) also
 * serves the cascades and the export's order (archives made before it was
 * an index have it as the table's UNIQUE constraint). */
static const struct {
    const char *name, *sql;
} indexes[] = {
    {"records_document_seq", "CREATE UNIQUE INDEX IF NOT EXISTS records_document_seq ON records(document_id, seq)"},
    {"records_reference", "CREATE INDEX IF NOT EXISTS records_reference ON records(number, code) WHERE type = 'reference'"},
    {"checks_document", "CREATE INDEX IF NOT EXISTS checks_document ON checks(document_id)"},
    {"checks_verdict", "CREATE INDEX IF NOT EXISTS checks_verdict ON checks(verdict, document_id)"},
    {"diagnostics_document", "CREATE INDEX IF NOT EXISTS diagnostics_document ON diagnostics(document_id)"},
    {"documents_locality_year", "CREATE INDEX IF NOT EXISTS documents_locality_year ON documents(locality, year)"},
    {"documents_program_year", "CREATE INDEX IF NOT EXISTS documents_program_year ON documents(program, year)"},
    {"documents_status", "CREATE INDEX IF NOT EXISTS documents_status ON documents(status)"},
};
#define N_INDEXES (sizeof indexes / sizeof *indexes)

/* The version an archive says it has; 0 for a new (empty) database. */
static vn_status read_version(struct vn_archive *a, int *version, struct vn_error *err)
{
    *version = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(a->db, "SELECT name FROM sqlite_master WHERE type='table' AND name='meta'", -1, &st,
                           NULL) != SQLITE_OK)
        return vn_archive_fail(a, err, "reading the schema");
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return VN_OK;
    if (rc != SQLITE_ROW)
        return vn_archive_fail(a, err, "reading the schema");
    if (sqlite3_prepare_v2(a->db, "SELECT value FROM meta WHERE key='schema_version'", -1, &st, NULL) != SQLITE_OK)
        return vn_archive_fail(a, err, "reading the schema version");
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *version = atoi((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return vn_archive_fail(a, err, "reading the schema version");
    return VN_OK;
}

/* One integer from a query without parameters. */
static vn_status query_int(struct vn_archive *a, const char *sql, int64_t *v, struct vn_error *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(a->db, sql, -1, &st, NULL) != SQLITE_OK)
        return vn_archive_fail(a, err, "reading the schema");
    int rc = sqlite3_step(st);
    *v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? VN_OK : vn_archive_fail(a, err, "reading the schema");
}

/* Whether one of the secondary indexes is missing. */
static vn_status missing(struct vn_archive *a, bool *yes, struct vn_error *err)
{
    char sql[1024];
    int n = snprintf(sql, sizeof sql, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ("
                                      "'sqlite_autoindex_records_1'");
    for (size_t i = 0; i < N_INDEXES && n > 0 && (size_t)n < sizeof sql; i++)
        n += snprintf(sql + n, sizeof sql - (size_t)n, ",'%s'", indexes[i].name);
    if (n <= 0 || (size_t)n + 2 >= sizeof sql)
        return VN_EINVAL;   /* the names above outgrew sql[] */
    memcpy(sql + n, ")", 2);
    int64_t present;
    vn_status st = query_int(a, sql, &present, err);
    *yes = !st && present < (int64_t)N_INDEXES;
    return st;
}

vn_status vn_archive_indexes(struct vn_archive *a, struct vn_error *err)
{
    bool need;
    vn_status st = missing(a, &need, err);
    if (st || !need)
        return st;
    st = vn_archive_exec(a, "BEGIN IMMEDIATE", err);
    if (st)
        return st;
    /* an archive made before records(document_id, seq) was an index has
       the same as the table's constraint */
    int64_t old_unique = 0;
    st = query_int(a, "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_autoindex_records_1'", &old_unique,
                   err);
    for (size_t i = old_unique ? 1 : 0; !st && i < N_INDEXES; i++)
        if (sqlite3_exec(a->db, indexes[i].sql, NULL, NULL, NULL) != SQLITE_OK)
            st = vn_archive_fail(a, err, "building the indexes");
    if (!st)
        st = vn_archive_exec(a, "COMMIT", err);
    if (st)
        sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

/* An archive that holds documents gets its missing indexes now (a run that
 * filled it from empty was killed before its end): replacing a document
 * must not scan whole tables. An empty one waits for the end of the run. */
static vn_status indexes_if_filled(struct vn_archive *a, struct vn_error *err)
{
    int64_t filled;
    vn_status st = query_int(a, "SELECT EXISTS(SELECT 1 FROM documents)", &filled, err);
    return st || !filled ? st : vn_archive_indexes(a, err);
}

vn_status vn_archive_schema(struct vn_archive *a, struct vn_error *err)
{
    int version;
    vn_status st = read_version(a, &version, err);
    if (st)
        return st;
    if (version > VN_ARCHIVE_SCHEMA_VERSION) {
        if (err) {
            err->code = VN_EUNSUPPORTED;
            snprintf(err->message, sizeof err->message,
                     "%s: archive schema version %d is newer than this vnaudit's (%d): use a newer vnaudit", a->path,
                     version, VN_ARCHIVE_SCHEMA_VERSION);
        }
        return VN_EUNSUPPORTED;
    }
    if (version == VN_ARCHIVE_SCHEMA_VERSION)
        return indexes_if_filled(a, err);
    /* new database (or, later, an older version: its migrations go here,
       each in the same transaction as the version it leads to) */
    st = vn_archive_exec(a, "BEGIN IMMEDIATE", err);
    if (st)
        return st;
    st = vn_archive_exec(a, schema_v1, err);
    if (!st) {
        char sql[128];
        snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', '%d')",
                 VN_ARCHIVE_SCHEMA_VERSION);
        st = vn_archive_exec(a, sql, err);
    }
    if (!st)
        st = vn_archive_exec(a, "COMMIT", err);
    if (st)
        sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}
