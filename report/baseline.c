/* Baseline files: one accepted finding a line, TAB-separated --
 *   fingerprint  rule  file  line  statement  justification
 * -- after a header line naming the format. Only the fingerprint and the
 * justification are read back; the rule, file, line and statement are for
 * the reviewer (the file and line change as reports move, the fingerprint
 * does not). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/i18n.h"
#include "report/baseline.h"

/* why: a message id (N_), translated here */
static vn_status fail(const struct vn_catalog *cat, struct vn_error *err, vn_status st, const char *path, size_t line,
                      const char *why)
{
    why = vn_tr(cat, why);
    if (err) {
        err->code = st;
        err->line = line;
        if (line)
            snprintf(err->message, sizeof err->message, "%s:%zu: %s", path, line, why);
        else
            snprintf(err->message, sizeof err->message, "%s: %s", path, why);
    }
    return st;
}

static int cmp_entry(const void *a, const void *b)
{
    const struct vn_baseline_entry *x = a, *y = b;
    return vn_fp_cmp(x->fp, y->fp);
}

void vn_baseline_clear(struct vn_baseline *b)
{
    for (size_t i = 0; i < b->n; i++)
        vn_free(b->e[i].justification);
    vn_free(b->e);
    b->e = NULL;
    b->n = 0;
}

/* Reads the whole file, at most VN_BASELINE_MAX_BYTES. */
static vn_status slurp(const char *path, const struct vn_catalog *cat, char **out, size_t *len, struct vn_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(NULL, err, VN_EIO, path, 0, vn_tr_errno(cat, errno));
    size_t cap = 1 << 16, n = 0;
    char *buf = vn_malloc(cap + 1);
    vn_status st = buf ? VN_OK : VN_ENOMEM;
    while (!st) {
        if (n == cap) {
            if (cap >= VN_BASELINE_MAX_BYTES) {
                st = fail(cat, err, VN_ETOOBIG, path, 0, N_("larger than 64 MiB: not a baseline"));
                break;
            }
            char *t = vn_realloc(buf, cap * 2 + 1);
            if (!t) {
                st = VN_ENOMEM;
                break;
            }
            buf = t;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f))
                st = fail(cat, err, VN_EIO, path, 0, N_("read error"));
            break;
        }
    }
    fclose(f);
    if (st) {
        vn_free(buf);
        return st;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return VN_OK;
}

vn_status vn_baseline_read(struct vn_baseline *b, const char *path, const struct vn_catalog *cat, struct vn_error *err)
{
    char *buf;
    size_t len;
    vn_status st = slurp(path, cat, &buf, &len, err);
    if (st)
        return st;
    size_t hl = strlen(VN_BASELINE_HEADER);
    if (len < hl || memcmp(buf, VN_BASELINE_HEADER, hl) != 0 || (len > hl && buf[hl] != '\n' && buf[hl] != '\r')) {
        vn_free(buf);
        return fail(cat, err, VN_ESYNTAX, path, 1,
                    N_("not a vnaudit baseline (the first line must be '# vnaudit baseline 1'); write one with "
                       "--write-baseline"));
    }
    size_t cap = 0, lineno = 0;
    for (size_t i = 0; i < len && !st;) {
        char *ln = buf + i;
        char *nl = memchr(ln, '\n', len - i);
        size_t n = nl ? (size_t)(nl - ln) : len - i;
        i += n + 1;
        lineno++;
        if (n && ln[n - 1] == '\r')
            n--;
        if (n == 0 || ln[0] == '#')
            continue;
        char *tab = memchr(ln, '\t', n);
        size_t fl = tab ? (size_t)(tab - ln) : n;
        struct vn_fp fp;
        if (!vn_fp_parse(ln, fl, &fp)) {
            st = fail(cat, err, VN_ESYNTAX, path, lineno, N_("the first field is not a fingerprint (32 hex digits)"));
            break;
        }
        /* the justification: what follows the fifth TAB */
        const char *just = "";
        size_t jl = 0;
        size_t tabs = 0;
        for (size_t k = 0; k < n; k++)
            if (ln[k] == '\t' && ++tabs == 5) {
                just = ln + k + 1;
                jl = n - k - 1;
                break;
            }
        if (b->n == VN_BASELINE_MAX_ENTRIES) {
            st = fail(cat, err, VN_ETOOBIG, path, lineno, N_("more than 1000000 entries"));
            break;
        }
        if (b->n == cap) {
            size_t nc = cap ? cap * 2 : 256;
            struct vn_baseline_entry *t = vn_realloc(b->e, nc * sizeof *t);
            if (!t) {
                st = VN_ENOMEM;
                break;
            }
            b->e = t;
            cap = nc;
        }
        char *j = vn_malloc(jl + 1);
        if (!j) {
            st = VN_ENOMEM;
            break;
        }
        memcpy(j, just, jl);
        j[jl] = '\0';
        b->e[b->n++] = (struct vn_baseline_entry){fp, j, false};
    }
    vn_free(buf);
    if (st) {
        vn_baseline_clear(b);
        return st;
    }
    qsort(b->e, b->n, sizeof *b->e, cmp_entry);
    return VN_OK;
}

const struct vn_baseline_entry *vn_baseline_take(struct vn_baseline *b, struct vn_fp fp)
{
    size_t lo = 0, hi = b->n;
    while (lo < hi) {   /* the first entry >= fp */
        size_t mid = lo + (hi - lo) / 2;
        if (vn_fp_cmp(b->e[mid].fp, fp) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < b->n && vn_fp_eq(b->e[i].fp, fp); i++)
        if (!b->e[i].used) {
            b->e[i].used = true;
            return &b->e[i];
        }
    return NULL;
}

/* A copy of s[0, n) fit for one TSV field: TABs, line ends and other
   control characters as spaces, at most max_cps code points ("…" when
   cut; 0: no bound). */
static char *field_copy(const char *s, size_t n, size_t max_cps)
{
    char *out = vn_malloc(n + 4);
    if (!out)
        return NULL;
    size_t o = 0, cps = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c & 0xC0) != 0x80 && max_cps && cps++ == max_cps) {
            memcpy(out + o, "…", 3);
            o += 3;
            break;
        }
        out[o++] = c < 0x20 || c == 0x7F ? ' ' : (char)c;
    }
    out[o] = '\0';
    return out;
}

vn_status vn_baseline_rows_add(struct vn_baseline_rows *rs, struct vn_fp fp, const char *rule, const char *file,
                               uint32_t line, const char *statement, size_t statement_len,
                               const char *justification)
{
    if (rs->n == VN_BASELINE_MAX_ENTRIES) {
        rs->overflow = true;
        return VN_ETOOBIG;
    }
    if (rs->n == rs->cap) {
        size_t nc = rs->cap ? rs->cap * 2 : 256;
        struct vn_baseline_row *t = vn_realloc(rs->rows, nc * sizeof *t);
        if (!t)
            return VN_ENOMEM;
        rs->rows = t;
        rs->cap = nc;
    }
    struct vn_baseline_row *r = &rs->rows[rs->n];
    r->fp = fp;
    r->line = line;
    r->justification = justification ? justification : "";
    r->rule = field_copy(rule, strlen(rule), 0);
    r->file = field_copy(file, strlen(file), 0);
    r->statement = field_copy(statement, statement_len, VN_BASELINE_STATEMENT_CPS);
    if (!r->rule || !r->file || !r->statement) {
        vn_free(r->rule);
        vn_free(r->file);
        vn_free(r->statement);
        return VN_ENOMEM;
    }
    rs->n++;
    return VN_OK;
}

void vn_baseline_rows_clear(struct vn_baseline_rows *rs)
{
    for (size_t i = 0; i < rs->n; i++) {
        vn_free(rs->rows[i].rule);
        vn_free(rs->rows[i].file);
        vn_free(rs->rows[i].statement);
    }
    vn_free(rs->rows);
    memset(rs, 0, sizeof *rs);
}

vn_status vn_baseline_rows_write(const struct vn_baseline_rows *rs, FILE *out)
{
    if (rs->overflow)
        return VN_ETOOBIG;
    fputs(VN_BASELINE_HEADER "\n"
          "# One accepted finding a line, TAB-separated: fingerprint, rule, file, line, statement, justification.\n"
          "# Only the fingerprint and the justification are read back; write the reason a finding is accepted\n"
          "# in the last field. Made by 'vnaudit check --write-baseline'; see docs/CONTRACT.md.\n",
          out);
    for (size_t i = 0; i < rs->n; i++) {
        const struct vn_baseline_row *r = &rs->rows[i];
        char hex[VN_FP_HEX + 1];
        vn_fp_hex(r->fp, hex);
        fprintf(out, "%s\t%s\t%s\t%u\t%s\t%s\n", hex, r->rule, r->file, r->line, r->statement, r->justification);
    }
    return ferror(out) ? VN_EIO : VN_OK;
}
