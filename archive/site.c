/* The archive as a static site (vnaudit report --db F --html DIR): an
 * index of every document (sortable and filterable by a small inline
 * script), a page per document read (its findings and checks, rendered
 * from the stored rows: the text itself is not stored), the crosscheck's
 * findings, and the documents that could not be read with their messages.
 * No external assets; every link is relative and points to a file written
 * here. Pages are named by documents.id, so no path ends up in a URL.
 *
 * Limits: at most INDEX_PAGE documents per index page (index.html,
 * index-2.html, ...; sorting and filtering work within a page), and at most
 * MAX_LISTED entries per list of a page (the export has them all). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/alloc.h"
#include "archive/archive_internal.h"

#define INDEX_PAGE 20000u
#define MAX_LISTED 2000u

static const char css[] =
    "body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:80rem;padding:1rem 1.5rem;color:#1b1b1b}"
    "h1{font-size:1.4rem}h2{font-size:1.15rem;border-bottom:2px solid #ccc;margin-top:2rem}"
    "nav a{margin-right:1.2rem}table{border-collapse:collapse;font-size:.9em;width:100%}"
    "td,th{padding:.15rem .5rem;border-bottom:1px solid #eee;text-align:left;vertical-align:top}"
    "th{cursor:pointer;background:#f4f4f4;position:sticky;top:0}td.n{text-align:right}"
    ".ok{color:#2e7d32}.error,.inconsistent{color:#c62828}.unsupported,.empty,.ambiguous,.warning{color:#a86400}"
    ".finding{border-left:4px solid #999;padding:.3rem .8rem;margin:.5rem 0;background:#fafafa}"
    ".finding.inconsistent,.finding.error{border-color:#c62828}.finding.ambiguous,.finding.warning{border-color:#ef8f00}"
    ".finding p{margin:.15rem 0}.detail{color:#555;font-size:.9em}code{font-size:.9em}"
    "#filter{margin:.5rem 0}#filter input{width:24rem}footer{margin-top:3rem;color:#555;font-size:.9em}";

/* Sorts the table on a header click (numbers by data-v), and hides the rows
 * that do not contain the filter text or do not have the chosen status. */
static const char script[] =
    "(function(){var t=document.getElementById('docs'),b=t.tBodies[0],q=document.getElementById('q'),"
    "s=document.getElementById('st'),n=document.getElementById('shown');"
    "function f(){var w=q.value.toLowerCase(),v=s.value,k=0;for(var i=0;i<b.rows.length;i++){var r=b.rows[i],"
    "ok=(!w||r.textContent.toLowerCase().indexOf(w)>=0)&&(!v||r.getAttribute('data-status')==v);"
    "r.style.display=ok?'':'none';if(ok)k++}n.textContent=k}"
    "q.addEventListener('input',f);s.addEventListener('change',f);"
    "var hs=t.tHead.rows[0].cells;for(var c=0;c<hs.length;c++)(function(c){var up=true;"
    "hs[c].addEventListener('click',function(){var rs=Array.prototype.slice.call(b.rows);"
    "rs.sort(function(x,y){var a=x.cells[c],e=y.cells[c],p=a.getAttribute('data-v'),o=e.getAttribute('data-v');"
    "var d=p!==null&&o!==null?Number(p)-Number(o):a.textContent.localeCompare(e.textContent,'vi');"
    "return up?d:-d});up=!up;rs.forEach(function(r){b.appendChild(r)})})})(c);f()})();";

/* Writes s as HTML text: &, <, >, " and ' escaped; a byte that does not
 * start a valid UTF-8 sequence becomes U+FFFD, so a file name in another
 * encoding cannot break the page. */
static void esc(FILE *f, const char *s)
{
    if (!s)
        return;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned char c = *p;
        if (c < 0x80) {
            switch (c) {
            case '&': fputs("&amp;", f); break;
            case '<': fputs("&lt;", f); break;
            case '>': fputs("&gt;", f); break;
            case '"': fputs("&quot;", f); break;
            case '\'': fputs("&#39;", f); break;
            default:
                if (c < 0x20 && c != '\t' && c != '\n')
                    fputs("\xEF\xBF\xBD", f);
                else
                    fputc(c, f);
            }
            p++;
            continue;
        }
        size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
        bool ok = n > 0;
        for (size_t i = 1; ok && i < n; i++)
            ok = (p[i] & 0xC0) == 0x80;
        /* no overlong forms, surrogates or code points past U+10FFFF */
        if (ok && n == 3)
            ok = !(c == 0xE0 && p[1] < 0xA0) && !(c == 0xED && p[1] >= 0xA0);
        if (ok && n == 4)
            ok = !(c == 0xF0 && p[1] < 0x90) && !(c == 0xF4 && p[1] >= 0x90);
        if (ok) {
            fwrite(p, 1, n, f);
            p += n;
        } else {
            fputs("\xEF\xBF\xBD", f);
            p++;
        }
    }
}

static const char *col(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

static void head(FILE *f, const char *title, const char *up)
{
    fputs("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>",
          f);
    esc(f, title);
    fprintf(f, "</title><style>%s</style></head><body>\n<nav><a href=\"%sindex.html\">Documents</a>"
               "<a href=\"%sfindings.html\">Across documents</a><a href=\"%sfailed.html\">Not read</a></nav>\n",
            css, up, up, up);
}

static void foot(FILE *f, const char *db_path)
{
    fputs("<footer>vnaudit ", f);
    esc(f, vn_version());
    fputs(", from the archive <code>", f);
    esc(f, db_path);
    fputs("</code>.</footer>\n</body></html>\n", f);
}

struct site {
    struct vn_archive *a;
    const char *dir;
    char *path;             /* scratch: DIR/name */
    size_t path_cap;
    struct vn_error *err;
};

static vn_status io_fail(struct site *w, const char *what, const char *name)
{
    if (w->err) {
        w->err->code = VN_EIO;
        snprintf(w->err->message, sizeof w->err->message, "%s: %s: %s", name, what, strerror(errno));
    }
    return VN_EIO;
}

/* Opens DIR/name for writing. */
static vn_status open_page(struct site *w, const char *name, FILE **out)
{
    size_t need = strlen(w->dir) + strlen(name) + 2;
    if (need > w->path_cap) {
        char *p = vn_realloc(w->path, need);
        if (!p)
            return VN_ENOMEM;
        w->path = p;
        w->path_cap = need;
    }
    snprintf(w->path, w->path_cap, "%s/%s", w->dir, name);
    *out = fopen(w->path, "w");
    return *out ? VN_OK : io_fail(w, "cannot write", w->path);
}

static vn_status close_page(struct site *w, FILE *f)
{
    bool bad = ferror(f) != 0;
    if (fclose(f) != 0 || bad)
        return io_fail(w, "error writing", w->path);
    return VN_OK;
}

static vn_status prepare(struct site *w, const char *sql, sqlite3_stmt **s)
{
    if (sqlite3_prepare_v2(w->a->db, sql, -1, s, NULL) != SQLITE_OK)
        return vn_archive_fail(w->a, w->err, "reading the archive for the site");
    return VN_OK;
}

/* ---- index pages ---- */

static const char sql_docs[] =
    "SELECT id, path, status, format, n_records, n_checks, n_inconsistent, n_errors, locality, period, message,"
    " (SELECT count(*) FROM checks c WHERE c.document_id = d.id AND c.verdict = 'ambiguous'),"
    " (SELECT count(*) FROM findings x WHERE x.a_document_id = d.id OR x.b_document_id = d.id)"
    " FROM documents d ORDER BY path";

static void index_start(FILE *f, unsigned page, unsigned pages)
{
    fputs("<h1>Archive: every document</h1>\n", f);
    if (pages > 1) {
        fputs("<p>Pages:", f);
        for (unsigned i = 1; i <= pages; i++) {
            if (i == page)
                fprintf(f, " <b>%u</b>", i);
            else if (i == 1)
                fputs(" <a href=\"index.html\">1</a>", f);
            else
                fprintf(f, " <a href=\"index-%u.html\">%u</a>", i, i);
        }
        fprintf(f, " (at most %u documents a page; sorting and filtering work within a page)</p>\n", INDEX_PAGE);
    }
    fputs("<div id=\"filter\"><input id=\"q\" type=\"search\" placeholder=\"filter: path, format, locality…\""
          " aria-label=\"filter\"> <select id=\"st\" aria-label=\"status\"><option value=\"\">any status</option>"
          "<option>ok</option><option>error</option><option>unsupported</option><option>empty</option></select>"
          " <span id=\"shown\"></span> shown</div>\n"
          "<table id=\"docs\"><thead><tr><th>path</th><th>status</th><th>format</th><th>inconsistent</th>"
          "<th>ambiguous</th><th>errors</th><th>checks</th><th>records</th><th>across documents</th>"
          "<th>locality</th><th>period</th></tr></thead><tbody>\n",
          f);
}

static void index_row(FILE *f, sqlite3_stmt *s)
{
    const char *status = col(s, 2);
    bool ok = status && !strcmp(status, "ok");
    fputs("<tr data-status=\"", f);
    esc(f, status);
    fputs("\"><td>", f);
    if (ok)
        fprintf(f, "<a href=\"doc/%lld.html\">", (long long)sqlite3_column_int64(s, 0));
    else
        fprintf(f, "<a href=\"failed.html#d%lld\">", (long long)sqlite3_column_int64(s, 0));
    esc(f, col(s, 1));
    fputs("</a></td><td class=\"", f);
    esc(f, status);
    fputs("\">", f);
    esc(f, status);
    fputs("</td><td>", f);
    esc(f, col(s, 3));
    fputs("</td>", f);
    static const int counts[] = {6, 11, 7, 5, 4, 12};
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
        long long v = sqlite3_column_int64(s, counts[i]);
        fprintf(f, "<td class=\"n%s\" data-v=\"%lld\">%lld</td>", i == 0 && v ? " inconsistent" : "", v, v);
    }
    fputs("<td>", f);
    esc(f, col(s, 8));
    fputs("</td><td>", f);
    esc(f, col(s, 9));
    fputs("</td></tr>\n", f);
}

static vn_status index_close(struct site *w, FILE *f, const char *db_path)
{
    fprintf(f, "</tbody></table>\n<script>%s</script>\n", script);
    foot(f, db_path);
    return close_page(w, f);
}

static vn_status index_open(struct site *w, unsigned page, unsigned pages, FILE **f)
{
    char name[32];
    if (page == 1)
        snprintf(name, sizeof name, "index.html");
    else
        snprintf(name, sizeof name, "index-%u.html", page);
    vn_status st = open_page(w, name, f);
    if (!st) {
        head(*f, "Archive: every document", "");
        index_start(*f, page, pages);
    }
    return st;
}

static vn_status write_index(struct site *w, uint64_t n_docs, const char *db_path)
{
    sqlite3_stmt *s;
    vn_status st = prepare(w, sql_docs, &s);
    if (st)
        return st;
    unsigned pages = n_docs ? (unsigned)((n_docs + INDEX_PAGE - 1) / INDEX_PAGE) : 1, page = 1;
    FILE *f = NULL;
    st = index_open(w, page, pages, &f);
    uint64_t on_page = 0;
    int rc = SQLITE_DONE;
    while (!st && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (on_page == INDEX_PAGE) {
            st = index_close(w, f, db_path);
            f = NULL;
            if (!st)
                st = index_open(w, ++page, pages, &f);
            on_page = 0;
        }
        if (!st) {
            index_row(f, s);
            on_page++;
        }
    }
    if (!st && rc != SQLITE_DONE)
        st = vn_archive_fail(w->a, w->err, "reading the documents");
    if (f) {
        vn_status st2 = index_close(w, f, db_path);
        if (!st)
            st = st2;
    }
    sqlite3_finalize(s);
    return st;
}

/* ---- the documents not read ---- */

static vn_status write_failed(struct site *w, const char *db_path)
{
    sqlite3_stmt *s;
    vn_status st = prepare(w, "SELECT id, path, status, format, message, size FROM documents WHERE status != 'ok'"
                              " ORDER BY status, path", &s);
    if (st)
        return st;
    FILE *f;
    st = open_page(w, "failed.html", &f);
    if (st) {
        sqlite3_finalize(s);
        return st;
    }
    head(f, "Documents not read", "");
    fputs("<h1>Documents not read</h1>\n<table><thead><tr><th>path</th><th>status</th><th>format</th>"
          "<th>size</th><th>why</th></tr></thead><tbody>\n",
          f);
    int rc;
    uint64_t n = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        fprintf(f, "<tr id=\"d%lld\"><td>", (long long)sqlite3_column_int64(s, 0));
        esc(f, col(s, 1));
        fputs("</td><td class=\"", f);
        esc(f, col(s, 2));
        fputs("\">", f);
        esc(f, col(s, 2));
        fputs("</td><td>", f);
        esc(f, col(s, 3));
        fputs("</td><td class=\"n\">", f);
        if (sqlite3_column_type(s, 5) != SQLITE_NULL)
            fprintf(f, "%lld", (long long)sqlite3_column_int64(s, 5));
        fputs("</td><td>", f);
        esc(f, col(s, 4));
        fputs("</td></tr>\n", f);
        n++;
    }
    fprintf(f, "</tbody></table>\n<p>%llu document%s.</p>\n", (unsigned long long)n, n == 1 ? "" : "s");
    if (rc != SQLITE_DONE)
        st = vn_archive_fail(w->a, w->err, "reading the documents");
    foot(f, db_path);
    vn_status st2 = close_page(w, f);
    sqlite3_finalize(s);
    return st ? st : st2;
}

/* ---- the crosscheck's findings ---- */

static void place(FILE *f, sqlite3_stmt *s, int at, const char *up, long long finding)
{
    /* at: document_id, path, line, col, text; the status of that document at at+5 */
    long long doc = sqlite3_column_int64(s, at);
    const char *status = col(s, at + 5);
    if (status && !strcmp(status, "ok"))
        fprintf(f, "<a href=\"%sdoc/%lld.html#f%lld\">", up, doc, finding);
    else
        fprintf(f, "<a href=\"%sfailed.html#d%lld\">", up, doc);
    esc(f, col(s, at + 1));
    fprintf(f, ":%lld:%lld</a>: ", (long long)sqlite3_column_int64(s, at + 2),
            (long long)sqlite3_column_int64(s, at + 3));
    esc(f, col(s, at + 4));
}

static const char sql_findings[] =
    "SELECT x.id, x.kind, x.subject, x.message,"
    " x.a_document_id, x.a_path, x.a_line, x.a_col, x.a_text, (SELECT status FROM documents WHERE id = x.a_document_id),"
    " x.b_document_id, x.b_path, x.b_line, x.b_col, x.b_text, (SELECT status FROM documents WHERE id = x.b_document_id)"
    " FROM findings x WHERE ?1 IS NULL OR x.a_document_id = ?1 OR x.b_document_id = ?1 ORDER BY x.kind, x.b_path, x.id";

/* The findings (of one document when doc > 0), as entries of a page. */
static vn_status findings_list(struct site *w, FILE *f, sqlite3_stmt *s, int64_t doc, const char *up, uint64_t *n)
{
    sqlite3_reset(s);
    if (doc > 0)
        sqlite3_bind_int64(s, 1, doc);
    else
        sqlite3_bind_null(s, 1);
    int rc;
    *n = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (++*n > MAX_LISTED)
            continue;
        long long id = sqlite3_column_int64(s, 0);
        fprintf(f, "<div class=\"finding inconsistent\" id=\"f%lld\"><p><b>", id);
        esc(f, col(s, 1));
        fputs("</b>: ", f);
        esc(f, col(s, 3));
        fputs("</p><p class=\"detail\">", f);
        place(f, s, 4, up, id);
        fputs("</p><p class=\"detail\">", f);
        place(f, s, 10, up, id);
        fputs("</p></div>\n", f);
    }
    if (*n > MAX_LISTED)
        fprintf(f, "<p>… and %llu more (<code>SELECT * FROM findings</code>).</p>\n",
                (unsigned long long)(*n - MAX_LISTED));
    return rc == SQLITE_DONE ? VN_OK : vn_archive_fail(w->a, w->err, "reading the findings");
}

static vn_status write_findings(struct site *w, sqlite3_stmt *fs, const char *db_path)
{
    FILE *f;
    vn_status st = open_page(w, "findings.html", &f);
    if (st)
        return st;
    head(f, "Across documents", "");
    fputs("<h1>Across documents</h1>\n<p>What <code>vnaudit crosscheck</code> found: a decision cited with different"
          " dates or issuers, the same figure stated with different values by two documents of one issuer and"
          " period. Each names both places.</p>\n",
          f);
    uint64_t n;
    st = findings_list(w, f, fs, 0, "", &n);
    if (!n)
        fputs("<p>No finding (or <code>vnaudit crosscheck</code> has not been run on this archive).</p>\n", f);
    foot(f, db_path);
    vn_status st2 = close_page(w, f);
    return st ? st : st2;
}

/* ---- a page per document read ---- */

struct doc_stmts {
    sqlite3_stmt *checks, *diags, *findings;
};

static const char *const verdict_title[][2] = {
    {"inconsistent", "Inconsistent"}, {"ambiguous", "Ambiguous"}, {"partial", "Partly checked"},
    {"consistent", "Consistent"}};

static void check_entry(FILE *f, sqlite3_stmt *s, const char *verdict)
{
    /* record_id, line, col, rule, relation, claimed, claimed_unit, computed, message, operands, section, suspect */
    fprintf(f, "<div class=\"finding %s\" id=\"r%lld\"><p><b>line %lld</b> <code>", verdict,
            (long long)sqlite3_column_int64(s, 0), (long long)sqlite3_column_int64(s, 1));
    esc(f, col(s, 3));
    fputs("</code>: ", f);
    esc(f, col(s, 8));
    fputs("</p><p class=\"detail\">claimed ", f);
    esc(f, col(s, 5));
    if (col(s, 6) && col(s, 6)[0]) {
        fputc(' ', f);
        esc(f, col(s, 6));
    }
    fputs(", computed ", f);
    esc(f, col(s, 7));
    fputs("; operands ", f);
    esc(f, col(s, 9));
    if (col(s, 10)) {
        fputs("; section ", f);
        esc(f, col(s, 10));
    }
    fputs("</p>", f);
    if (col(s, 11)) {
        fputs("<p class=\"detail\">probably mistyped: ", f);
        esc(f, col(s, 11));
        fputs("</p>", f);
    }
    fputs("</div>\n", f);
}

static vn_status doc_checks(struct site *w, FILE *f, sqlite3_stmt *s, int64_t doc)
{
    for (size_t v = 0; v < sizeof verdict_title / sizeof *verdict_title; v++) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, doc);
        sqlite3_bind_text(s, 2, verdict_title[v][0], -1, SQLITE_STATIC);
        bool folded = v >= 2;   /* what holds, folded as in the single-document report */
        uint64_t n = 0;
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            if (n == 0 && folded)
                fprintf(f, "<details><summary>%s</summary>\n", verdict_title[v][1]);
            else if (n == 0)
                fprintf(f, "<h2 class=\"%s\">%s</h2>\n", verdict_title[v][0], verdict_title[v][1]);
            if (++n <= MAX_LISTED)
                check_entry(f, s, verdict_title[v][0]);
        }
        if (rc != SQLITE_DONE)
            return vn_archive_fail(w->a, w->err, "reading the checks");
        if (n > MAX_LISTED)
            fprintf(f, "<p>… and %llu more (<code>vnaudit export --type check</code>).</p>\n",
                    (unsigned long long)(n - MAX_LISTED));
        if (n && folded)
            fprintf(f, "<p>%llu check%s.</p></details>\n", (unsigned long long)n, n == 1 ? "" : "s");
    }
    return VN_OK;
}

static vn_status doc_diags(struct site *w, FILE *f, sqlite3_stmt *s, int64_t doc)
{
    sqlite3_reset(s);
    sqlite3_bind_int64(s, 1, doc);
    uint64_t n = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (n++ == 0)
            fputs("<h2>Diagnostics</h2>\n", f);
        if (n > MAX_LISTED)
            continue;
        const char *sev = col(s, 2);
        fputs("<div class=\"finding ", f);
        esc(f, sev);
        fprintf(f, "\" id=\"r%lld\"><p><b>line %lld</b> ", (long long)sqlite3_column_int64(s, 0),
                (long long)sqlite3_column_int64(s, 4));
        esc(f, sev);
        fputs(" <code>", f);
        esc(f, col(s, 1));
        fputs("</code>: ", f);
        esc(f, col(s, 3));
        fputs("</p></div>\n", f);
    }
    if (n > MAX_LISTED)
        fprintf(f, "<p>… and %llu more.</p>\n", (unsigned long long)(n - MAX_LISTED));
    return rc == SQLITE_DONE ? VN_OK : vn_archive_fail(w->a, w->err, "reading the diagnostics");
}

static vn_status write_doc(struct site *w, struct doc_stmts *q, sqlite3_stmt *d, const char *db_path)
{
    int64_t id = sqlite3_column_int64(d, 0);
    char name[48];
    snprintf(name, sizeof name, "doc/%lld.html", (long long)id);
    FILE *f;
    vn_status st = open_page(w, name, &f);
    if (st)
        return st;
    head(f, col(d, 1), "../");
    fputs("<h1>", f);
    esc(f, col(d, 1));
    fputs("</h1>\n<table>", f);
    /* id path format size sha256 processed_at tool_version issuer locality doc_number doc_date period program
       n_records n_checks n_inconsistent n_errors */
    static const struct {
        int at;
        const char *label;
    } facts[] = {{2, "format"}, {3, "size (bytes)"}, {4, "SHA-256"}, {7, "issuer"}, {8, "locality"},
                 {9, "number"}, {10, "date"}, {11, "period"}, {12, "programme"}, {13, "records"},
                 {14, "checks"}, {15, "inconsistent"}, {16, "errors"}, {5, "read at"}, {6, "by vnaudit"}};
    for (size_t i = 0; i < sizeof facts / sizeof *facts; i++) {
        if (sqlite3_column_type(d, facts[i].at) == SQLITE_NULL)
            continue;
        fprintf(f, "<tr><th>%s</th><td>", facts[i].label);
        esc(f, col(d, facts[i].at));
        fputs("</td></tr>", f);
    }
    fputs("</table>\n", f);
    st = doc_checks(w, f, q->checks, id);
    if (!st)
        st = doc_diags(w, f, q->diags, id);
    if (!st) {
        fputs("<h2>Across documents</h2>\n", f);
        uint64_t n;
        st = findings_list(w, f, q->findings, id, "../", &n);
        if (!n)
            fputs("<p>No finding names this document.</p>\n", f);
    }
    foot(f, db_path);
    vn_status st2 = close_page(w, f);
    return st ? st : st2;
}

static vn_status write_docs(struct site *w, const char *db_path, uint64_t *n_pages)
{
    struct doc_stmts q = {0};
    sqlite3_stmt *d = NULL;
    vn_status st = prepare(w, "SELECT id, path, format, size, sha256, processed_at, tool_version, issuer, locality,"
                              " doc_number, doc_date, period, program, n_records, n_checks, n_inconsistent, n_errors"
                              " FROM documents WHERE status = 'ok' ORDER BY id", &d);
    if (!st)
        st = prepare(w, "SELECT c.record_id, c.line, c.col, c.rule, c.relation, c.claimed, c.claimed_unit,"
                        " c.computed, c.message, c.operands, c.section,"
                        " CASE WHEN json_extract(r.json, '$.suspect') IS NOT NULL THEN"
                        " json_extract(r.json, '$.suspect.text') || ' should be ' ||"
                        " json_extract(r.json, '$.suspect.should_be') || ' (' || json_extract(r.json, '$.suspect.why')"
                        " || ', line ' || json_extract(r.json, '$.suspect.line') || ')' END"
                        " FROM checks c JOIN records r ON r.id = c.record_id"
                        " WHERE c.document_id = ?1 AND c.verdict = ?2 ORDER BY c.line, c.col, c.record_id",
                     &q.checks);
    if (!st)
        st = prepare(w, "SELECT record_id, rule, severity, message, line, col FROM diagnostics WHERE document_id = ?1"
                        " ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, line, col",
                     &q.diags);
    if (!st)
        st = prepare(w, sql_findings, &q.findings);
    int rc = SQLITE_DONE;
    while (!st && (rc = sqlite3_step(d)) == SQLITE_ROW) {
        st = write_doc(w, &q, d, db_path);
        if (!st)
            ++*n_pages;
    }
    if (!st && rc != SQLITE_DONE)
        st = vn_archive_fail(w->a, w->err, "reading the documents");
    if (!st)
        st = write_findings(w, q.findings, db_path);
    sqlite3_finalize(d);
    sqlite3_finalize(q.checks);
    sqlite3_finalize(q.diags);
    sqlite3_finalize(q.findings);
    return st;
}

static vn_status make_dir(struct site *w, const char *p)
{
    if (mkdir(p, 0777) == 0 || errno == EEXIST)
        return VN_OK;
    return io_fail(w, "cannot make the folder", p);
}

vn_status vn_archive_site(struct vn_archive *a, const char *dir, uint64_t *n_pages, struct vn_error *err)
{
    if (n_pages)
        *n_pages = 0;
    if (err)
        memset(err, 0, sizeof *err);
    struct site w = {.a = a, .dir = dir, .err = err};
    uint64_t pages = 0, n_docs = 0;
    vn_status st = make_dir(&w, dir);
    if (!st) {
        size_t n = strlen(dir) + 8;
        char *sub = vn_malloc(n);
        if (!sub)
            return VN_ENOMEM;
        snprintf(sub, n, "%s/doc", dir);
        st = make_dir(&w, sub);
        vn_free(sub);
    }
    /* one read transaction: the pages agree with each other even while an
       ingest writes */
    if (!st)
        st = vn_archive_exec(a, "BEGIN", err);
    if (!st) {
        sqlite3_stmt *s;
        st = prepare(&w, "SELECT count(*) FROM documents", &s);
        if (!st) {
            if (sqlite3_step(s) == SQLITE_ROW)
                n_docs = (uint64_t)sqlite3_column_int64(s, 0);
            sqlite3_finalize(s);
        }
        if (!st)
            st = write_index(&w, n_docs, a->path);
        if (!st)
            st = write_failed(&w, a->path);
        if (!st)
            st = write_docs(&w, a->path, &pages);
        sqlite3_exec(a->db, "COMMIT", NULL, NULL, NULL);
    }
    vn_free(w.path);
    if (n_pages)
        *n_pages = pages;
    return st;
}
