/* vnaudit_checks: the check records of each FILE ("-": standard input), read
 * through the library's public API only (include/vnaudit/), one JSON object
 * per line:
 *
 *   {"file":F,"rule":R,"relation":REL,"verdict":V,"claimed":C,"line":L,"col":K,
 *    "computed":X,"lines":[...],"operands":[{"text":T,"line":L,"col":K},...]}
 *
 * line/col of the claim and of each operand are positions in the normalized
 * text (1-based line, 1-based column in code points), as in the CLI's JSON
 * Lines. The CLI prints the operands' text only; the tests in
 * tests/validate/ (run_forms.py, null_test.py, mutation_test.py) use this
 * program for the library side of the spec and for the operands' places.
 *
 * Exit status: 0 every file read, 2 usage error or a file that could not be
 * read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vnaudit/vnaudit.h"

static void put_json_string(FILE *out, const char *s, size_t n)
{
    putc('"', out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            putc(c, out);
    }
    putc('"', out);
}

/* 1-based line and code-point column of byte offset `off` of the text. */
static void line_col(const struct vn_normtext *t, size_t off, unsigned *line, unsigned *col)
{
    size_t lo = 0, hi = t->n_lines;   /* last line whose start <= off */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->line_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    unsigned c = 1;
    for (size_t i = t->n_lines ? t->line_start[lo] : 0; i < off && i < t->len; i++)
        c += ((unsigned char)t->data[i] & 0xC0) != 0x80;
    *line = (unsigned)lo + 1;
    *col = c;
}

static void print_checks(FILE *out, const char *file, const struct vn_doc *d)
{
    const struct vn_normtext *t = d->text;
    for (size_t i = 0; i < d->records->n; i++) {
        const struct vn_record *r = &d->records->items[i];
        if (r->type != VN_REC_CHECK)
            continue;
        const struct vn_check *c = r->u.check;
        char computed[VN_DEC_STRLEN];
        vn_dec_format(c->computed, computed);
        unsigned line, col;
        line_col(t, c->claimed.off, &line, &col);
        fputs("{\"file\":", out);
        put_json_string(out, file, strlen(file));
        fputs(",\"rule\":", out);
        put_json_string(out, c->rule, strlen(c->rule));
        fprintf(out, ",\"relation\":\"%s\",\"verdict\":\"%s\",\"claimed\":", vn_relation_name(c->relation),
                vn_verdict_name(c->verdict));
        put_json_string(out, t->data + c->claimed.off, c->claimed.len);
        fprintf(out, ",\"line\":%u,\"col\":%u,\"computed\":\"%s\",\"lines\":[", line, col, computed);
        for (size_t k = 0; k < c->n_lines; k++)
            fprintf(out, "%s%u", k ? "," : "", c->lines[k]);
        fputs("],\"operands\":[", out);
        for (size_t k = 0; k < c->n_operands; k++) {
            unsigned ol, oc;
            line_col(t, c->operands[k].off, &ol, &oc);
            fputs(k ? ",{\"text\":" : "{\"text\":", out);
            put_json_string(out, t->data + c->operands[k].off, c->operands[k].len);
            fprintf(out, ",\"line\":%u,\"col\":%u}", ol, oc);
        }
        fputs("]}\n", out);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        fprintf(stderr, "usage: %s FILE...   (FILE may be - for standard input)\n", argv[0]);
        return 2;
    }
    struct vn_pipeline_opts o = {.vocab_dir = NULL, .max_input_bytes = 0, .validate = true};
    struct vn_pipeline *p = NULL;
    struct vn_error err;
    memset(&err, 0, sizeof err);
    if (vn_pipeline_new(&o, &p, &err) != VN_OK) {
        fprintf(stderr, "vn_pipeline_new: %s\n", err.message);
        return 2;
    }
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        struct vn_doc *d = NULL;
        memset(&err, 0, sizeof err);
        if (vn_doc_load(p, argv[i], &d, &err) != VN_OK) {
            fprintf(stderr, "%s: %s\n", argv[i], err.message);
            rc = 2;
            continue;
        }
        print_checks(stdout, argv[i], d);
        vn_doc_free(d);
    }
    vn_pipeline_free(p);
    if (fflush(stdout) != 0)
        rc = 2;
    return rc;
}
