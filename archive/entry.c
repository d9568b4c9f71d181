/* A document as rows: its documents row and one records row per record,
 * each with the record's JSON line exactly as `check --format jsonl`
 * writes it, so an export gives back what the CLI gives. Made on a worker
 * thread; no database here. */
#define _GNU_SOURCE     /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive/archive_internal.h"
#include "report/report_internal.h"
#include "vnaudit/doc.h"
#include "vnaudit/ingest.h"
#include "vnaudit/report.h"

/* Strings above this are not stored whole: the pool's offsets are 32-bit. */
#define POOL_MAX ((size_t)UINT32_MAX - 1)

vn_str vn_entry_put(struct vn_archive_entry *e, const char *s, size_t len, bool *oom)
{
    if (!s || *oom)
        return 0;
    size_t need = e->pool_len + len + 1;
    if (need > POOL_MAX || need < len) {
        *oom = true;
        return 0;
    }
    if (need > e->pool_cap) {
        size_t cap = e->pool_cap ? e->pool_cap : 4096;
        while (cap < need)
            cap = cap > POOL_MAX / 2 ? POOL_MAX : cap * 2;
        char *p = realloc(e->pool, cap);
        if (!p) {
            *oom = true;
            return 0;
        }
        e->pool = p;
        e->pool_cap = cap;
    }
    vn_str at = (vn_str)e->pool_len;
    memcpy(e->pool + at, s, len);
    e->pool[at + len] = '\0';
    e->pool_len = need;
    return at;
}

static vn_str put_c(struct vn_archive_entry *e, const char *s, bool *oom)
{
    return s ? vn_entry_put(e, s, strlen(s), oom) : 0;
}

static vn_str put_span(struct vn_archive_entry *e, const struct vn_records *r, struct vn_span s, bool *oom)
{
    return vn_entry_put(e, r->text->data + s.off, s.len, oom);
}

static vn_str put_dec(struct vn_archive_entry *e, struct vn_dec d, bool fixed, bool *oom)
{
    char buf[VN_DEC_STRLEN];
    size_t n = fixed ? vn_dec_format_fixed(d, buf) : vn_dec_format(d, buf);
    return vn_entry_put(e, buf, n, oom);
}

static vn_str put_date(struct vn_archive_entry *e, struct vn_date d, bool *oom)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return vn_entry_put(e, buf, (size_t)n, oom);
}

/* A JSON string of s[0..len) appended to the pool-in-progress b. */
static void json_str(FILE *f, const char *s, size_t len)
{
    fputc('"', f);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

/* operands as a JSON array of the numbers as written; lines as one of
 * integers. */
static void check_arrays(struct vn_archive_entry *e, const struct vn_records *r, const struct vn_check *c,
                         struct vn_arow *row, bool *oom)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) {
        *oom = true;
        return;
    }
    fputc('[', f);
    for (size_t i = 0; i < c->n_operands; i++) {
        if (i)
            fputc(',', f);
        json_str(f, r->text->data + c->operands[i].off, c->operands[i].len);
    }
    fputc(']', f);
    if (fclose(f) || !buf) {
        free(buf);
        *oom = true;
        return;
    }
    row->operands = vn_entry_put(e, buf, len, oom);
    free(buf);
    buf = NULL;
    f = open_memstream(&buf, &len);
    if (!f) {
        *oom = true;
        return;
    }
    fputc('[', f);
    for (size_t i = 0; i < c->n_lines; i++)
        fprintf(f, i ? ",%u" : "%u", (unsigned)c->lines[i]);
    fputc(']', f);
    if (fclose(f) || !buf) {
        free(buf);
        *oom = true;
        return;
    }
    row->lines = vn_entry_put(e, buf, len, oom);
    free(buf);
}

/* The issuer a citation names right after it ("... ngày 14/10/2021 của Thủ
 * tướng Chính phủ về ..."): the words after "của" up to punctuation or a
 * word that starts what the document is about; NULL when none. */
static vn_str cited_issuer(struct vn_archive_entry *e, const struct vn_records *r, struct vn_span s, bool *oom)
{
    static const char *const stops[] = {" về ", " phê duyệt", " ban hành", " quy định", " hướng dẫn", " giao ",
                                        " triển khai", " thực hiện", " năm "};
    const char *t = r->text->data;
    size_t at = (size_t)s.off + s.len, len = r->text->len;
    while (at < len && t[at] == ' ')
        at++;
    static const char cua[] = "của ";
    if (len - at < sizeof cua - 1 || memcmp(t + at, cua, sizeof cua - 1) != 0)
        return 0;
    at += sizeof cua - 1;
    size_t end = at;
    while (end < len && end - at < 80 && !strchr(",;.()\n\t:", t[end]))
        end++;
    while (end > at && end < len && ((unsigned char)t[end] & 0xC0) == 0x80)
        end--;      /* cut at a character's start */
    for (size_t i = 0; i < sizeof stops / sizeof *stops; i++) {
        size_t k = strlen(stops[i]);
        for (size_t j = at; j + k <= end; j++)
            if (memcmp(t + j, stops[i], k) == 0) {
                end = j;
                break;
            }
    }
    while (end > at && t[end - 1] == ' ')
        end--;
    return end > at ? vn_entry_put(e, t + at, end - at, oom) : 0;
}

/* The words before an amount in its clause ("Tổng vốn được giao năm 2024
 * là"), folded, spaces collapsed, a trailing ":" dropped: what the
 * crosscheck compares to say two documents state the same figure. Back to
 * the line's start or a ',', ';', '(' or sentence end, at most LABEL_MAX
 * bytes; NULL in a table row (a cell's meaning is its column's) or when
 * there are no words. */
#define LABEL_MAX 160u
static vn_str label_of(struct vn_archive_entry *e, const struct vn_records *r, uint32_t off, bool *oom)
{
    const char *t = r->text->data;
    size_t ls = off;
    while (ls > 0 && t[ls - 1] != '\n')
        ls--;
    size_t le = off;
    while (t[le] && t[le] != '\n')
        le++;
    if (memchr(t + ls, '\t', le - ls))
        return 0;
    size_t start = off;
    while (start > ls && off - start < LABEL_MAX) {
        char c = t[start - 1];
        if (c == ',' || c == ';' || c == '(' || c == ')' || (c == '.' && t[start] == ' '))
            break;
        start--;
    }
    while (start < off && ((unsigned char)t[start] & 0xC0) == 0x80)
        start++;
    char folded[LABEL_MAX * 2 + 8], out[LABEL_MAX * 2 + 8];
    size_t n = vn_archive_fold(t + start, off - start, folded, sizeof folded), o = 0;
    bool space = true;
    for (size_t i = 0; i < n; i++) {
        char c = folded[i];
        bool sp = c == ' ' || c == '-' || c == '+' || c == '*';
        if (sp) {
            if (!space)
                out[o++] = ' ';
            space = true;
        } else {
            out[o++] = c;
            space = false;
        }
    }
    while (o && (out[o - 1] == ' ' || out[o - 1] == ':'))
        o--;
    return o ? vn_entry_put(e, out, o, oom) : 0;
}

static void number_cols(struct vn_archive_entry *e, const struct vn_number *n, struct vn_arow *row, bool *oom)
{
    row->value = put_dec(e, n->value, true, oom);
    row->ambiguous = n->ambiguous;
    if (n->ambiguous)
        row->note = put_c(e, n->note, oom);
}

static void fill_row(struct vn_archive_entry *e, const struct vn_records *r, const struct vn_record *rec,
                     struct vn_arow *row, bool *oom)
{
    row->type = put_c(e, vn_record_type_name(rec->type), oom);
    row->line = rec->line;
    row->col = rec->col;
    row->text = put_span(e, r, rec->text, oom);
    row->implied_unit = row->ambiguous = -1;
    switch (rec->type) {
    case VN_REC_AMOUNT: {
        const struct vn_amount *a = &rec->u.amount;
        number_cols(e, &a->num, row, oom);
        row->value_dong = put_dec(e, a->dong, false, oom);
        struct vn_dec d = vn_dec_reduce(a->dong);
        if (d.scale == 0 && d.mant <= INT64_MAX && d.mant >= INT64_MIN) {
            row->has_dong_int = true;
            row->dong_int = (int64_t)d.mant;
        }
        row->unit = put_span(e, r, a->unit, oom);
        row->implied_unit = a->implied_unit;
        row->hedge = put_c(e, a->hedge >= 0 ? vn_vocab_hedge_word(r->vocab, a->hedge) : NULL, oom);
        row->label = label_of(e, r, rec->text.off, oom);
        break;
    }
    case VN_REC_PERCENT:
        number_cols(e, &rec->u.percent.num, row, oom);
        row->unit = put_c(e, "%", oom);
        row->hedge = put_c(e, rec->u.percent.hedge >= 0 ? vn_vocab_hedge_word(r->vocab, rec->u.percent.hedge)
                                                        : NULL, oom);
        break;
    case VN_REC_QUANTITY: {
        const struct vn_quantity *q = &rec->u.quantity;
        number_cols(e, &q->num, row, oom);
        row->unit = put_span(e, r, q->unit, oom);
        row->measure = put_c(e, vn_vocab_measure_name(r->vocab, q->measure), oom);
        row->implied_unit = q->implied_unit;
        row->hedge = put_c(e, q->hedge >= 0 ? vn_vocab_hedge_word(r->vocab, q->hedge) : NULL, oom);
        break;
    }
    case VN_REC_REFERENCE: {
        const struct vn_reference *f = &rec->u.reference;
        row->kind = put_span(e, r, f->kind, oom);
        row->number = put_span(e, r, f->number, oom);
        row->year = f->year;
        row->code = put_c(e, f->code, oom);
        if (f->date.year)
            row->date = put_date(e, f->date, oom);
        row->issuer = cited_issuer(e, r, rec->text, oom);
        break;
    }
    case VN_REC_DATE:
        row->date = row->value = put_date(e, rec->u.date, oom);
        break;
    case VN_REC_DIAGNOSTIC:
        row->rule = put_c(e, rec->u.diagnostic.rule, oom);
        row->severity = put_c(e, vn_severity_name(rec->u.diagnostic.severity), oom);
        row->message = put_c(e, rec->u.diagnostic.message, oom);
        e->n_errors += rec->u.diagnostic.severity == VN_SEV_ERROR;
        break;
    case VN_REC_CHECK: {
        const struct vn_check *c = rec->u.check;
        row->rule = put_c(e, c->rule, oom);
        row->relation = put_c(e, vn_relation_name(c->relation), oom);
        row->claimed = put_span(e, r, c->claimed, oom);
        row->claimed_unit = put_c(e, c->claimed_unit ? c->claimed_unit : "", oom);
        row->computed = put_dec(e, c->computed, false, oom);
        row->verdict = put_c(e, vn_verdict_name(c->verdict), oom);
        row->section = put_c(e, c->section && c->section[0] ? c->section : NULL, oom);
        row->section_line = c->section_line;
        row->message = put_c(e, c->message, oom);
        check_arrays(e, r, c, row, oom);
        e->n_checks++;
        e->n_inconsistent += c->verdict == VN_VERDICT_INCONSISTENT;
        break;
    }
    }
}

/* Every record's JSON line, as the CLI writes them for this path. */
static vn_status json_lines(struct vn_archive_entry *e, const char *path, const struct vn_doc *d, bool *oom)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return VN_ENOMEM;
    struct vn_writer *w;
    if (vn_writer_new(f, &w)) {
        fclose(f);
        free(buf);
        return VN_ENOMEM;
    }
    struct vn_report_opts ro = {
        .format = VN_FMT_JSONL, .file_label = path, .include_checks = true, .raw = d->raw, .threads = 1};
    vn_status st = vn_report_begin(w, &ro);
    if (!st)
        st = vn_report_write(w, &ro, d->records);
    if (!st)
        st = vn_report_end(w, &ro);
    vn_status st2 = vn_writer_free(w);
    if (fclose(f) && !st)
        st = VN_ENOMEM;
    if (!st)
        st = st2;
    size_t i = 0;
    for (size_t at = 0; !st && at < len; i++) {
        const char *nl = memchr(buf + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - buf) : len;
        if (i >= e->n_rows) {
            st = VN_EINVAL;     /* more lines than records: never, the writer writes one a record */
            break;
        }
        e->rows[i].json = vn_entry_put(e, buf + at, end - at, oom);
        at = end + 1;
    }
    if (!st && i != e->n_rows)
        st = VN_EINVAL;
    free(buf);
    return st;
}

static const char *status_of(vn_status st)
{
    switch (st) {
    case VN_OK: return "ok";
    case VN_EUNSUPPORTED: return "unsupported";
    case VN_ENOTEXT: return "empty";
    default: return "error";
    }
}

vn_status vn_archive_entry_new(const struct vn_archive_file *f, const struct vn_doc *d, vn_status st,
                               const char *message, struct vn_archive_entry **out)
{
    *out = NULL;
    if (!f || !f->path || (!d && st == VN_OK))
        return VN_EINVAL;
    struct vn_archive_entry *e = calloc(1, sizeof *e);
    if (!e)
        return VN_ENOMEM;
    bool oom = false;
    vn_entry_put(e, "", 0, &oom);     /* offset 0 is NULL */
    char now[32];
    vn_archive_now(now);
    e->path = put_c(e, f->path, &oom);
    e->sha256 = put_c(e, f->sha256, &oom);
    e->size = f->size;
    e->status = put_c(e, status_of(d ? VN_OK : st), &oom);
    e->message = put_c(e, d ? NULL : (message && message[0] ? message : vn_strerror(st)), &oom);
    e->processed_at = put_c(e, now, &oom);
    const char *format = d && d->raw ? vn_input_format_name(d->raw->format) : f->format;
    e->format = put_c(e, format, &oom);
    vn_status rc = VN_OK;
    if (d && d->records) {
        const struct vn_records *r = d->records;
        e->rows = calloc(r->n ? r->n : 1, sizeof *e->rows);
        if (!e->rows)
            oom = true;
        for (size_t i = 0; !oom && i < r->n; i++)
            fill_row(e, r, &r->items[i], &e->rows[i], &oom);
        e->n_rows = oom ? 0 : r->n;
        e->n_records = (uint32_t)e->n_rows;
        if (!oom)
            rc = json_lines(e, f->path, d, &oom);
        if (!oom && !rc && d->text)
            vn_docmeta_read(e, d->text->data, d->text->len, &oom);
    }
    if (oom && !rc)
        rc = VN_ENOMEM;
    if (rc) {
        vn_archive_entry_free(e);
        return rc;
    }
    *out = e;
    return VN_OK;
}

void vn_archive_entry_free(struct vn_archive_entry *e)
{
    if (!e)
        return;
    free(e->rows);
    free(e->pool);
    free(e);
}

const char *vn_archive_entry_status(const struct vn_archive_entry *e)
{
    return vn_entry_str(e, e->status);
}

size_t vn_archive_entry_inconsistent(const struct vn_archive_entry *e)
{
    return e->n_inconsistent;
}
