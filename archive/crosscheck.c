/* Across documents: (a) a decision cited with different dates or issuers,
 * (b) the same figure stated with different values by two documents of the
 * same issuer and period. An accusation needs a forced match, so both are
 * narrow (docs/ARCHIVE.md, "Crosscheck"):
 *   (a) the same number, code and year (the year in the number, else the
 *       date's: numbers start again every year); a code of a local body
 *       (UBND, HĐND, a department...) only among documents of one issuer,
 *       since every province and district numbers its own; issuers differ
 *       only when neither names the other (one a prefix of the other);
 *   (b) an amount outside tables, not hedged, malformed or of implied unit,
 *       whose clause label is the same words, at least MIN_LABEL_WORDS of
 *       them, once only in each document, in documents whose issuer, period
 *       and programme the heads state alike. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive/archive_internal.h"

#define MIN_LABEL_WORDS 3

/* Codes whose issuer is one national body: the same number and year is
 * one decision wherever it is cited. Any other code is a local body's. */
static const char *const national[] = {"TTg", "CP", "QH", "UBTVQH", "BTC", "BKHĐT", "UBDT", "BNNPTNT",
                                       "BLĐTBXH", "NHNN", "BXD", "BGDĐT", "BYT", "BTNMT", "BNV", "BTP",
                                       "BCT", "BTTTT", "BVHTTDL", "BQP", "BCA", "BGTVT", "BKHCN", "VPCP",
                                       "KTNN", "TTCP", "TW", "BCĐTW"};

static bool is_national(const char *code)
{
    const char *dash = strrchr(code, '-');
    const char *issuer = dash ? dash + 1 : code;
    for (size_t i = 0; i < sizeof national / sizeof *national; i++)
        if (strcmp(issuer, national[i]) == 0)
            return true;
    return false;
}

struct place {
    int64_t doc, rec;
    char *path, *text, *value, *issuer;     /* value: a date or a value in đồng */
    uint32_t line, col;
};

struct group {
    struct place *p;
    size_t n, cap;
};

static void group_clear(struct group *g)
{
    for (size_t i = 0; i < g->n; i++) {
        free(g->p[i].path);
        free(g->p[i].text);
        free(g->p[i].value);
        free(g->p[i].issuer);
    }
    g->n = 0;
}

static char *dup_col(sqlite3_stmt *s, int i, bool *oom)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    if (!t)
        return NULL;
    char *d = strdup((const char *)t);
    if (!d)
        *oom = true;
    return d;
}

/* Appends the place in columns 0..6 (rec, doc, path, line, col, text, value) and 7 (issuer). */
static bool group_add(struct group *g, sqlite3_stmt *s)
{
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 16;
        struct place *p = realloc(g->p, cap * sizeof *p);
        if (!p)
            return false;
        g->p = p;
        g->cap = cap;
    }
    bool oom = false;
    struct place *p = &g->p[g->n++];
    memset(p, 0, sizeof *p);
    p->rec = sqlite3_column_int64(s, 0);
    p->doc = sqlite3_column_int64(s, 1);
    p->path = dup_col(s, 2, &oom);
    p->line = (uint32_t)sqlite3_column_int64(s, 3);
    p->col = (uint32_t)sqlite3_column_int64(s, 4);
    p->text = dup_col(s, 5, &oom);
    p->value = dup_col(s, 6, &oom);
    p->issuer = sqlite3_column_count(s) > 7 ? dup_col(s, 7, &oom) : NULL;
    return !oom && p->path && p->text;
}

struct ctx {
    struct vn_archive *a;
    sqlite3_stmt *ins;
    vn_archive_finding_cb cb;
    void *arg;
    size_t n;
    char now[32];
    bool failed;
};

static void emit(struct ctx *c, const char *kind, const char *subject, const char *message, const struct place *x,
                 const struct place *y)
{
    sqlite3_stmt *s = c->ins;
    sqlite3_reset(s);
    sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, message, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, c->now, -1, SQLITE_STATIC);
    const struct place *pl[2] = {x, y};
    for (int k = 0; k < 2; k++) {
        sqlite3_bind_int64(s, 5 + 6 * k, pl[k]->doc);
        sqlite3_bind_int64(s, 6 + 6 * k, pl[k]->rec);
        sqlite3_bind_text(s, 7 + 6 * k, pl[k]->path, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 8 + 6 * k, pl[k]->line);
        sqlite3_bind_int64(s, 9 + 6 * k, pl[k]->col);
        sqlite3_bind_text(s, 10 + 6 * k, pl[k]->text, -1, SQLITE_STATIC);
    }
    if (sqlite3_step(s) != SQLITE_DONE)
        c->failed = true;
    sqlite3_reset(s);
    c->n++;
    if (c->cb) {
        struct vn_archive_finding f = {
            .kind = kind, .subject = subject, .message = message,
            .a = {x->path, x->line, x->col, x->text}, .b = {y->path, y->line, y->col, y->text}};
        c->cb(c->arg, &f);
    }
}

/* Folded, with the people's committee spelled one way. */
static void canon_issuer(const char *s, char *out, size_t cap)
{
    char f[256];
    vn_archive_fold(s, strlen(s), f, sizeof f);
    const char *rest = f;
    const char *ubnd = "ubnd ";
    if (strncmp(f, ubnd, strlen(ubnd)) == 0) {
        snprintf(out, cap, "ủy ban nhân dân %.200s", f + strlen(ubnd));
        return;
    }
    if (strncmp(f, "uỷ ban", strlen("uỷ ban")) == 0) {
        snprintf(out, cap, "ủy ban%.200s", f + strlen("uỷ ban"));
        return;
    }
    snprintf(out, cap, "%s", rest);
}

/* The citations of one decision: the date most places give against each
 * other date; then the issuers named, pairwise, when neither contains the
 * other. */
static void reference_group(struct ctx *c, struct group *g, const char *subject)
{
    if (g->n < 2)
        return;
    size_t best = 0, best_n = 0;
    for (size_t i = 0; i < g->n; i++) {
        size_t k = 0;
        for (size_t j = 0; j < g->n; j++)
            k += strcmp(g->p[i].value, g->p[j].value) == 0;
        if (k > best_n)
            best = i, best_n = k;
    }
    for (size_t i = 0; i < g->n; i++) {
        bool first = strcmp(g->p[i].value, g->p[best].value) != 0;
        for (size_t j = 0; first && j < i; j++)
            first = strcmp(g->p[j].value, g->p[i].value) != 0;
        if (!first)
            continue;
        char msg[512];
        snprintf(msg, sizeof msg, "%s is dated %s in %s (line %u) but %s in %s (line %u)", subject,
                 g->p[best].value, g->p[best].path, g->p[best].line, g->p[i].value, g->p[i].path, g->p[i].line);
        emit(c, "reference-date", subject, msg, &g->p[best], &g->p[i]);
    }
    /* issuers: the first place naming each distinct one against the first naming another */
    size_t first_named = g->n;
    for (size_t i = 0; i < g->n; i++)
        if (g->p[i].issuer) {
            first_named = i;
            break;
        }
    if (first_named == g->n)
        return;
    char a[256];
    canon_issuer(g->p[first_named].issuer, a, sizeof a);
    char seen[8][256];
    size_t n_seen = 0;
    for (size_t i = first_named + 1; i < g->n && n_seen < 8; i++) {
        if (!g->p[i].issuer)
            continue;
        char b[256];
        canon_issuer(g->p[i].issuer, b, sizeof b);
        if (strncmp(a, b, strlen(a)) == 0 || strncmp(a, b, strlen(b)) == 0)
            continue;
        bool dup = false;
        for (size_t k = 0; k < n_seen && !dup; k++)
            dup = strcmp(seen[k], b) == 0;
        if (dup)
            continue;
        snprintf(seen[n_seen++], sizeof seen[0], "%s", b);
        char msg[600];
        snprintf(msg, sizeof msg, "%s is issued by \"%s\" in %s (line %u) but by \"%s\" in %s (line %u)", subject,
                 g->p[first_named].issuer, g->p[first_named].path, g->p[first_named].line, g->p[i].issuer,
                 g->p[i].path, g->p[i].line);
        emit(c, "reference-issuer", subject, msg, &g->p[first_named], &g->p[i]);
    }
}

static bool same(const unsigned char *x, const unsigned char *y)
{
    return (!x && !y) || (x && y && strcmp((const char *)x, (const char *)y) == 0);
}

/* (a) */
static vn_status references(struct ctx *c, struct vn_error *err)
{
    /* columns: rec, doc, path, line, col, text, date, cited issuer; then the
       key: code, number, year, the citing document's issuer */
    static const char sql[] =
        "SELECT r.id, r.document_id, d.path, r.line, r.col, r.text, r.date, r.issuer,"
        " r.code, r.number, COALESCE(r.year, CAST(substr(r.date, 1, 4) AS INTEGER)) AS y, d.issuer"
        " FROM records r JOIN documents d ON d.id = r.document_id"
        " WHERE r.type = 'reference' AND r.code IS NOT NULL AND r.date IS NOT NULL AND r.number IS NOT NULL"
        " AND r.text NOT LIKE 'Số%'"    /* a document's own number is not a citation */
        " ORDER BY r.code, r.number, y, d.issuer, d.path, r.line, r.col";
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(c->a->db, sql, -1, &s, NULL) != SQLITE_OK)
        return vn_archive_fail(c->a, err, "crosscheck");
    struct group g = {0};
    char key[512] = "", subject[256] = "";
    int rc;
    bool oom = false;
    while (!oom && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(s, 8);
        const char *number = (const char *)sqlite3_column_text(s, 9);
        int year = sqlite3_column_int(s, 10);
        const char *doc_issuer = (const char *)sqlite3_column_text(s, 11);
        bool nat = is_national(code);
        if (!nat && !doc_issuer)
            continue;   /* a local body's decision cited by a document of unknown issuer */
        char k[512];
        snprintf(k, sizeof k, "%s\x1f%s\x1f%d\x1f%s", code, number, year, nat ? "" : doc_issuer);
        if (strcmp(k, key) != 0) {
            reference_group(c, &g, subject);
            group_clear(&g);
            snprintf(key, sizeof key, "%s", k);
            snprintf(subject, sizeof subject, "%s/%s (%d)", number, code, year);
        }
        oom = !group_add(&g, s);
    }
    if (!oom)
        reference_group(c, &g, subject);
    group_clear(&g);
    free(g.p);
    vn_status st = oom ? VN_ENOMEM : rc == SQLITE_DONE || rc == SQLITE_ROW ? VN_OK : vn_archive_fail(c->a, err, "crosscheck");
    sqlite3_finalize(s);
    return st;
}

static size_t words(const char *s)
{
    size_t n = 0;
    for (bool in = false; *s; s++) {
        bool sp = *s == ' ';
        n += !sp && !in;
        in = !sp;
    }
    return n;
}

/* One figure's places: those of documents where its label is alone; each
 * value that differs from the first document's is a finding. */
static void figure_group(struct ctx *c, struct group *g, const char *label)
{
    if (g->n < 2)
        return;
    size_t first = g->n;
    for (size_t i = 0; i < g->n; i++) {
        bool alone = (i == 0 || g->p[i - 1].doc != g->p[i].doc) && (i + 1 == g->n || g->p[i + 1].doc != g->p[i].doc);
        if (!alone)
            continue;
        if (first == g->n) {
            first = i;
            continue;
        }
        if (strcmp(g->p[i].value, g->p[first].value) == 0)
            continue;
        char msg[700];
        snprintf(msg, sizeof msg, "\"%s\" is %s in %s (line %u) but %s in %s (line %u), same issuer and period",
                 label, g->p[first].text, g->p[first].path, g->p[first].line, g->p[i].text, g->p[i].path,
                 g->p[i].line);
        emit(c, "figure-value", label, msg, &g->p[first], &g->p[i]);
    }
}

/* (b) */
static vn_status figures(struct ctx *c, struct vn_error *err)
{
    static const char sql[] =
        "SELECT r.id, r.document_id, d.path, r.line, r.col, r.text, r.value_dong, NULL,"
        " d.issuer, d.period, d.program, r.label"
        " FROM records r JOIN documents d ON d.id = r.document_id"
        " WHERE r.type = 'amount' AND r.label IS NOT NULL AND r.hedge IS NULL AND r.ambiguous = 0"
        " AND r.implied_unit = 0 AND d.status = 'ok' AND d.issuer IS NOT NULL AND d.period IS NOT NULL"
        " ORDER BY d.issuer, d.period, d.program, r.label, d.path, r.line, r.col";
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(c->a->db, sql, -1, &s, NULL) != SQLITE_OK)
        return vn_archive_fail(c->a, err, "crosscheck");
    struct group g = {0};
    char *issuer = NULL, *period = NULL, *program = NULL, *label = NULL;
    int rc;
    bool oom = false;
    while (!oom && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        const unsigned char *li = sqlite3_column_text(s, 8), *lp = sqlite3_column_text(s, 9),
                            *lg = sqlite3_column_text(s, 10), *ll = sqlite3_column_text(s, 11);
        if (words((const char *)ll) < MIN_LABEL_WORDS)
            continue;
        if (!label || !same(li, (const unsigned char *)issuer) || !same(lp, (const unsigned char *)period) ||
            !same(lg, (const unsigned char *)program) || !same(ll, (const unsigned char *)label)) {
            if (label)
                figure_group(c, &g, label);
            group_clear(&g);
            free(issuer), free(period), free(program), free(label);
            issuer = dup_col(s, 8, &oom), period = dup_col(s, 9, &oom);
            program = dup_col(s, 10, &oom), label = dup_col(s, 11, &oom);
        }
        if (!oom)
            oom = !group_add(&g, s);
    }
    if (!oom && label)
        figure_group(c, &g, label);
    group_clear(&g);
    free(g.p);
    free(issuer), free(period), free(program), free(label);
    vn_status st = oom ? VN_ENOMEM : rc == SQLITE_DONE || rc == SQLITE_ROW ? VN_OK : vn_archive_fail(c->a, err, "crosscheck");
    sqlite3_finalize(s);
    return st;
}

vn_status vn_archive_crosscheck(struct vn_archive *a, vn_archive_finding_cb cb, void *arg, size_t *n_findings,
                                struct vn_error *err)
{
    if (n_findings)
        *n_findings = 0;
    struct ctx c = {.a = a, .cb = cb, .arg = arg};
    vn_archive_now(c.now);
    vn_status st = vn_archive_exec(a, "BEGIN IMMEDIATE", err);
    if (st)
        return st;
    if (sqlite3_prepare_v2(a->db,
                           "INSERT INTO findings(kind, subject, message, found_at,"
                           " a_document_id, a_record_id, a_path, a_line, a_col, a_text,"
                           " b_document_id, b_record_id, b_path, b_line, b_col, b_text)"
                           " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)",
                           -1, &c.ins, NULL) != SQLITE_OK)
        st = vn_archive_fail(a, err, "crosscheck");
    if (!st)
        st = vn_archive_exec(a, "DELETE FROM findings", err);
    if (!st)
        st = references(&c, err);
    if (!st)
        st = figures(&c, err);
    if (!st && c.failed)
        st = vn_archive_fail(a, err, "storing a finding");
    sqlite3_finalize(c.ins);
    if (!st)
        st = vn_archive_exec(a, "COMMIT", err);
    if (st) {
        sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL);
        return st;
    }
    if (n_findings)
        *n_findings = c.n;
    return VN_OK;
}
