/* Export for people who do not write SQL: the stored records as JSON Lines
 * (each exactly as the CLI wrote it) or CSV (one row per record, the
 * columns of docs/ARCHIVE.md), ordered by path then place in the document. */
#include <stdio.h>
#include <string.h>

#include "archive/archive_internal.h"

static const char csv_header[] =
    "path,line,col,type,text,value,value_dong,unit,hedge,ambiguous,kind,number,year,code,date,"
    "rule,relation,verdict,claimed,computed,severity,message\n";

static const char sql_csv_cols[] =
    "d.path, r.line, r.col, r.type, r.text, r.value, r.value_dong, r.unit, r.hedge, r.ambiguous, r.kind,"
    " r.number, r.year, r.code, r.date, COALESCE(c.rule, g.rule), c.relation, c.verdict, c.claimed, c.computed,"
    " g.severity, COALESCE(c.message, g.message, r.note)";

/* RFC 4180: quoted when it holds a comma, quote or line break. */
static void csv_field(FILE *f, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

vn_status vn_archive_export(struct vn_archive *a, const struct vn_archive_export_opts *o, FILE *out, uint64_t *n_out,
                            struct vn_error *err)
{
    if (n_out)
        *n_out = 0;
    bool csv = o && o->format == VN_EXPORT_CSV;
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT %s FROM records r JOIN documents d ON d.id = r.document_id"
             " LEFT JOIN checks c ON c.record_id = r.id LEFT JOIN diagnostics g ON g.record_id = r.id"
             " WHERE (?1 IS NULL OR r.type = ?1) AND (?2 IS NULL OR c.verdict = ?2)"
             " ORDER BY d.path, r.seq",
             csv ? sql_csv_cols : "r.json");
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(a->db, sql, -1, &s, NULL) != SQLITE_OK)
        return vn_archive_fail(a, err, "exporting");
    if (o && o->type)
        sqlite3_bind_text(s, 1, o->type, -1, SQLITE_STATIC);
    if (o && o->verdict)
        sqlite3_bind_text(s, 2, o->verdict, -1, SQLITE_STATIC);
    if (csv)
        fputs(csv_header, out);
    uint64_t n = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (!csv) {
            fputs((const char *)sqlite3_column_text(s, 0), out);
            fputc('\n', out);
        } else {
            int cols = sqlite3_column_count(s);
            for (int i = 0; i < cols; i++) {
                if (i)
                    fputc(',', out);
                csv_field(out, (const char *)sqlite3_column_text(s, i));
            }
            fputc('\n', out);
        }
        n++;
    }
    vn_status st = rc == SQLITE_DONE ? VN_OK : vn_archive_fail(a, err, "exporting");
    sqlite3_finalize(s);
    if (!st && ferror(out)) {
        st = VN_EIO;
        if (err) {
            err->code = st;
            snprintf(err->message, sizeof err->message, "error writing the export");
        }
    }
    if (n_out)
        *n_out = n;
    return st;
}
