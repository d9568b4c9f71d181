/* JSON Lines: one object per record, the fields of docs/CONTRACT.md.
 * Field names are literals copied whole; the file name, the same on every
 * line, is escaped once per file. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "common/arena.h"
#include "report/report_internal.h"
#include "vnaudit/normalize.h"
#include "vnaudit/policy.h"
#include "vnaudit/validate.h"

/* ,"k": */
#define KEY(w, k) VN_W_LIT(w, ",\"" k "\":")

static void span_str(struct vn_writer *w, const struct vn_records *r, struct vn_span s)
{
    vn_w_json_str(w, r->text->data + s.off, s.len);
}

static void dec_str(struct vn_writer *w, struct vn_dec d, bool fixed)
{
    char *p = vn_w_room(w, VN_DEC_STRLEN + 2);
    p[0] = '"';
    size_t n = fixed ? vn_dec_format_fixed(d, p + 1) : vn_dec_format(d, p + 1);
    p[n + 1] = '"';
    w->n += n + 2;
}

static void number_fields(struct vn_writer *w, const struct vn_number *n)
{
    if (n->ambiguous) {
        KEY(w, "ambiguous");
        VN_W_LIT(w, "true");
        KEY(w, "note");
        vn_w_json_str(w, n->note, strlen(n->note));
    }
}

static void hedge_field(struct vn_writer *w, const struct vn_records *r, int hedge)
{
    const char *h = hedge >= 0 ? vn_vocab_hedge_word(r->vocab, hedge) : NULL;
    if (h) {
        KEY(w, "hedge");
        vn_w_json_str(w, h, strlen(h));
    }
}

/* {"line":34,"col":65,"text":"64,67","should_be":"64,76","kind":"transposition",
    "why":"two digits swapped","closes":1} */
static void suspect_obj(struct vn_writer *w, const struct vn_records *r, const struct vn_suspect *s)
{
    VN_W_LIT(w, "{\"line\":");
    vn_w_uint(w, s->line);
    VN_W_LIT(w, ",\"col\":");
    vn_w_uint(w, s->col);
    KEY(w, "text");
    span_str(w, r, s->figure);
    KEY(w, "should_be");
    vn_w_json_cstr(w, s->should_be);
    KEY(w, "kind");
    vn_w_json_cstr(w, vn_typo_kind_name(s->kind));
    KEY(w, "why");
    vn_w_json_cstr(w, vn_typo_kind_why(s->kind));
    KEY(w, "closes");
    vn_w_uint(w, s->closes);
    vn_w_char(w, '}');
}

static void check_fields(struct vn_writer *w, const struct vn_records *r, const struct vn_check *c)
{
    KEY(w, "relation");
    vn_w_json_str(w, vn_relation_name(c->relation), strlen(vn_relation_name(c->relation)));
    KEY(w, "lines");
    vn_w_char(w, '[');
    for (size_t i = 0; i < c->n_lines; i++) {
        if (i)
            vn_w_char(w, ',');
        vn_w_uint(w, c->lines[i]);
    }
    vn_w_char(w, ']');
    KEY(w, "operands");
    vn_w_char(w, '[');
    for (size_t i = 0; i < c->n_operands; i++) {
        if (i)
            vn_w_char(w, ',');
        span_str(w, r, c->operands[i]);
    }
    vn_w_char(w, ']');
    KEY(w, "claimed");
    span_str(w, r, c->claimed);
    KEY(w, "claimed_unit");
    vn_w_json_str(w, c->claimed_unit, strlen(c->claimed_unit));
    KEY(w, "computed");
    dec_str(w, c->computed, false);
    KEY(w, "verdict");
    vn_w_json_str(w, vn_verdict_name(c->verdict), strlen(vn_verdict_name(c->verdict)));
    KEY(w, "rule");
    vn_w_json_str(w, c->rule, strlen(c->rule));
    if (c->section_line) {
        KEY(w, "section_line");
        vn_w_uint(w, c->section_line);
    }
    KEY(w, "message");
    vn_w_json_str(w, c->message, strlen(c->message));
    if (c->n_suspects == 1) {
        KEY(w, "suspect");
        suspect_obj(w, r, &c->suspects[0]);
    } else if (c->n_suspects > 1) {
        KEY(w, "suspect_candidates");
        vn_w_char(w, '[');
        for (size_t i = 0; i < c->n_suspects; i++) {
            if (i)
                vn_w_char(w, ',');
            suspect_obj(w, r, &c->suspects[i]);
        }
        vn_w_char(w, ']');
    }
}

/* ,"file":"..." as written for this file (NULL: write it each time). */
struct file_field {
    char *text;
    size_t len;
};

static void file_field(struct vn_writer *w, const struct vn_report_opts *o, const struct file_field *f)
{
    if (f->text) {
        vn_w_bytes(w, f->text, f->len);
        return;
    }
    KEY(w, "file");
    vn_w_json_str(w, o->file_label, strlen(o->file_label));
}

/* Escapes the file name once: written into the buffer (with room made
 * first, so that nothing is flushed in between) and copied from there. */
static void file_field_init(struct vn_writer *w, const struct vn_report_opts *o, struct file_field *f)
{
    f->text = NULL;
    f->len = 0;
    size_t n = strlen(o->file_label);
    if (n > VN_WRITER_BUF / 16)
        return;     /* (a huge name is escaped on every line) */
    size_t bound = 6 * n + 16;  /* each byte escapes to at most 6 */
    vn_w_room(w, bound);
    size_t at = w->n;
    file_field(w, o, f);
    size_t len = w->n - at;
    w->n = at;
    f->text = malloc(len);
    if (!f->text)
        return;
    memcpy(f->text, w->buf + at, len);
    f->len = len;
}

static void write_record(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r,
                         const struct vn_record *rec, const struct file_field *ff)
{
    VN_W_LIT(w, "{\"type\":\"");
    vn_w_str(w, vn_record_type_name(rec->type));
    vn_w_char(w, '"');
    file_field(w, o, ff);
    KEY(w, "line");
    vn_w_uint(w, rec->line);
    KEY(w, "col");
    vn_w_uint(w, rec->col);
    KEY(w, "text");
    span_str(w, r, rec->text);
    vn_w_source(w, o->raw, r->text, rec->line, rec->text.off);
    switch (rec->type) {
    case VN_REC_AMOUNT: {
        const struct vn_amount *a = &rec->u.amount;
        KEY(w, "value_dong");
        dec_str(w, a->dong, false);
        KEY(w, "value");
        dec_str(w, a->num.value, true);
        KEY(w, "unit");
        span_str(w, r, a->unit);
        KEY(w, "implied_unit");
        if (a->implied_unit)
            VN_W_LIT(w, "true");
        else
            VN_W_LIT(w, "false");
        hedge_field(w, r, a->hedge);
        number_fields(w, &a->num);
        break;
    }
    case VN_REC_PERCENT:
        KEY(w, "value");
        dec_str(w, rec->u.percent.num.value, true);
        hedge_field(w, r, rec->u.percent.hedge);
        number_fields(w, &rec->u.percent.num);
        break;
    case VN_REC_QUANTITY: {
        const struct vn_quantity *q = &rec->u.quantity;
        const char *dim = vn_vocab_measure_name(r->vocab, q->measure);
        KEY(w, "value");
        dec_str(w, q->num.value, true);
        KEY(w, "unit");
        span_str(w, r, q->unit);
        KEY(w, "measure");
        vn_w_json_str(w, dim ? dim : "", dim ? strlen(dim) : 0);
        KEY(w, "implied_unit");
        if (q->implied_unit)
            VN_W_LIT(w, "true");
        else
            VN_W_LIT(w, "false");
        hedge_field(w, r, q->hedge);
        number_fields(w, &q->num);
        break;
    }
    case VN_REC_REFERENCE: {
        const struct vn_reference *f = &rec->u.reference;
        KEY(w, "kind");
        span_str(w, r, f->kind);
        KEY(w, "number");
        span_str(w, r, f->number);
        KEY(w, "year");
        if (f->year) {
            vn_w_char(w, '"');
            vn_w_uint(w, (uint64_t)f->year);
            vn_w_char(w, '"');
        } else {
            VN_W_LIT(w, "null");
        }
        KEY(w, "code");
        if (f->code)
            vn_w_json_str(w, f->code, strlen(f->code));
        else
            VN_W_LIT(w, "null");
        KEY(w, "date");
        if (f->date.year) {
            vn_w_char(w, '"');
            vn_w_date(w, f->date);
            vn_w_char(w, '"');
        } else {
            VN_W_LIT(w, "null");
        }
        break;
    }
    case VN_REC_DATE:
        KEY(w, "value");
        vn_w_char(w, '"');
        vn_w_date(w, rec->u.date);
        vn_w_char(w, '"');
        break;
    case VN_REC_DIAGNOSTIC: {
        const struct vn_diagnostic *d = &rec->u.diagnostic;
        KEY(w, "rule");
        vn_w_json_str(w, d->rule, strlen(d->rule));
        KEY(w, "severity");
        vn_w_json_str(w, vn_severity_name(d->severity), strlen(vn_severity_name(d->severity)));
        KEY(w, "message");
        vn_w_json_str(w, d->message, strlen(d->message));
        break;
    }
    case VN_REC_CHECK:
        check_fields(w, r, rec->u.check);
        break;
    }
    /* a finding a baseline accepts, shown with --show-suppressed */
    if (o->marks && o->marks[rec - r->items].suppressed) {
        KEY(w, "suppressed");
        VN_W_LIT(w, "{\"kind\":\"baseline\",\"justification\":");
        vn_w_json_cstr(w, o->marks[rec - r->items].justification);
        vn_w_char(w, '}');
    }
    VN_W_LIT(w, "}\n");
}

static void write_range(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r, size_t a,
                        size_t b, const struct file_field *ff)
{
    for (size_t i = a; i < b; i++) {
        const struct vn_record *rec = &r->items[i];
        /* the text a record quotes is far from the last one's in a long
           document: ask for it a few records ahead */
        if (i + 6 < r->n)
            __builtin_prefetch(r->text->data + r->items[i + 6].text.off);
        if (!o->include_checks && vn_record_is_finding(rec))
            continue;
        write_record(w, o, r, rec, ff);
    }
}

/* A long document on two threads: the records in chunks, the even ones
 * written here, the odd ones formatted meanwhile by a helper into one of
 * two buffers and written here in their turn. The output is the same;
 * the memory held is two chunks. */
#define JSONL_CHUNK 4096u

struct jsonl_par {
    const struct vn_report_opts *o;
    const struct vn_records *r;
    size_t n_chunks;
    struct vn_writer slot[2];   /* in memory */
    size_t held[2];             /* chunk index + 1 a slot holds, 0: free */
    struct file_field ff;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool stop;
};

static void *jsonl_helper(void *arg)
{
    struct jsonl_par *p = arg;
    for (size_t k = 1; k < p->n_chunks; k += 2) {
        size_t s = (k / 2) % 2;
        pthread_mutex_lock(&p->mu);
        while (p->held[s] && !p->stop)
            pthread_cond_wait(&p->cv, &p->mu);
        bool stop = p->stop;
        pthread_mutex_unlock(&p->mu);
        if (stop)
            break;
        struct vn_writer *w = &p->slot[s];
        w->mem_len = 0;
        size_t a = k * JSONL_CHUNK, b = a + JSONL_CHUNK < p->r->n ? a + JSONL_CHUNK : p->r->n;
        write_range(w, p->o, p->r, a, b, &p->ff);
        vn_w_flush(w);
        pthread_mutex_lock(&p->mu);
        p->held[s] = k + 1;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
    return NULL;
}

static bool jsonl_parallel(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r,
                           const struct file_field *ff)
{
    struct jsonl_par *p = calloc(1, sizeof *p);
    if (!p)
        return false;
    p->o = o;
    p->r = r;
    p->n_chunks = (r->n + JSONL_CHUNK - 1) / JSONL_CHUNK;
    p->ff = *ff;
    if (pthread_mutex_init(&p->mu, NULL)) {
        free(p);
        return false;
    }
    if (pthread_cond_init(&p->cv, NULL)) {
        pthread_mutex_destroy(&p->mu);
        free(p);
        return false;
    }
    pthread_t th;
    if (pthread_create(&th, NULL, jsonl_helper, p)) {
        pthread_cond_destroy(&p->cv);
        pthread_mutex_destroy(&p->mu);
        free(p);
        return false;
    }
    for (size_t k = 0; k < p->n_chunks; k++) {
        if (k % 2 == 0) {
            size_t a = k * JSONL_CHUNK, b = a + JSONL_CHUNK < r->n ? a + JSONL_CHUNK : r->n;
            write_range(w, o, r, a, b, ff);
            continue;
        }
        size_t s = (k / 2) % 2;
        pthread_mutex_lock(&p->mu);
        while (p->held[s] != k + 1)
            pthread_cond_wait(&p->cv, &p->mu);
        pthread_mutex_unlock(&p->mu);
        vn_w_flush(w);
        vn_w_bytes(w, p->slot[s].mem, p->slot[s].mem_len);
        w->failed |= p->slot[s].failed;
        pthread_mutex_lock(&p->mu);
        p->held[s] = 0;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
    pthread_join(th, NULL);
    pthread_cond_destroy(&p->cv);
    pthread_mutex_destroy(&p->mu);
    free(p->slot[0].mem);
    free(p->slot[1].mem);
    free(p);
    return true;
}

vn_status vn_report_jsonl(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r)
{
    struct file_field ff;
    file_field_init(w, o, &ff);
    if (!(o->threads >= 2 && r->n >= 4 * JSONL_CHUNK && jsonl_parallel(w, o, r, &ff)))
        write_range(w, o, r, 0, r->n, &ff);
    free(ff.text);
    return w->failed ? VN_EIO : VN_OK;
}
