/* JSON Lines: one object per record, the fields of docs/CONTRACT.md. */
#include <string.h>

#include "common/arena.h"
#include "report/report_internal.h"
#include "vnaudit/normalize.h"
#include "vnaudit/validate.h"

static void key(struct vn_writer *w, const char *k)
{
    vn_w_char(w, ',');
    vn_w_char(w, '"');
    vn_w_str(w, k);
    vn_w_bytes(w, "\":", 2);
}

static void span_str(struct vn_writer *w, const struct vn_records *r, struct vn_span s)
{
    vn_w_json_str(w, r->text->data + s.off, s.len);
}

static void dec_str(struct vn_writer *w, struct vn_dec d, bool fixed)
{
    vn_w_char(w, '"');
    vn_w_dec(w, d, fixed);
    vn_w_char(w, '"');
}

static void number_fields(struct vn_writer *w, const struct vn_number *n)
{
    if (n->ambiguous) {
        key(w, "ambiguous");
        vn_w_str(w, "true");
        key(w, "note");
        vn_w_json_str(w, n->note, strlen(n->note));
    }
}

static void hedge_field(struct vn_writer *w, const struct vn_records *r, int hedge)
{
    const char *h = hedge >= 0 ? vn_vocab_hedge_word(r->vocab, hedge) : NULL;
    if (h) {
        key(w, "hedge");
        vn_w_json_str(w, h, strlen(h));
    }
}

static void check_fields(struct vn_writer *w, const struct vn_records *r, const struct vn_check *c)
{
    key(w, "relation");
    vn_w_json_str(w, vn_relation_name(c->relation), strlen(vn_relation_name(c->relation)));
    key(w, "lines");
    vn_w_char(w, '[');
    for (size_t i = 0; i < c->n_lines; i++) {
        if (i)
            vn_w_char(w, ',');
        vn_w_uint(w, c->lines[i]);
    }
    vn_w_char(w, ']');
    key(w, "operands");
    vn_w_char(w, '[');
    for (size_t i = 0; i < c->n_operands; i++) {
        if (i)
            vn_w_char(w, ',');
        span_str(w, r, c->operands[i]);
    }
    vn_w_char(w, ']');
    key(w, "claimed");
    span_str(w, r, c->claimed);
    key(w, "claimed_unit");
    vn_w_json_str(w, c->claimed_unit, strlen(c->claimed_unit));
    key(w, "computed");
    dec_str(w, c->computed, false);
    key(w, "verdict");
    vn_w_json_str(w, vn_verdict_name(c->verdict), strlen(vn_verdict_name(c->verdict)));
    key(w, "rule");
    vn_w_json_str(w, c->rule, strlen(c->rule));
    if (c->section_line) {
        key(w, "section_line");
        vn_w_uint(w, c->section_line);
    }
    key(w, "message");
    vn_w_json_str(w, c->message, strlen(c->message));
}

static void write_record(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r,
                         const struct vn_record *rec)
{
    vn_w_str(w, "{\"type\":\"");
    vn_w_str(w, vn_record_type_name(rec->type));
    vn_w_char(w, '"');
    key(w, "file");
    vn_w_json_str(w, o->file_label, strlen(o->file_label));
    key(w, "line");
    vn_w_uint(w, rec->line);
    key(w, "col");
    vn_w_uint(w, rec->col);
    key(w, "text");
    span_str(w, r, rec->text);
    vn_w_source(w, o->raw, r->text, rec->line, rec->text.off);
    switch (rec->type) {
    case VN_REC_AMOUNT: {
        const struct vn_amount *a = &rec->u.amount;
        key(w, "value_dong");
        dec_str(w, a->dong, false);
        key(w, "value");
        dec_str(w, a->num.value, true);
        key(w, "unit");
        span_str(w, r, a->unit);
        key(w, "implied_unit");
        vn_w_str(w, a->implied_unit ? "true" : "false");
        hedge_field(w, r, a->hedge);
        number_fields(w, &a->num);
        break;
    }
    case VN_REC_PERCENT:
        key(w, "value");
        dec_str(w, rec->u.percent.num.value, true);
        hedge_field(w, r, rec->u.percent.hedge);
        number_fields(w, &rec->u.percent.num);
        break;
    case VN_REC_QUANTITY: {
        const struct vn_quantity *q = &rec->u.quantity;
        const char *dim = vn_vocab_measure_name(r->vocab, q->measure);
        key(w, "value");
        dec_str(w, q->num.value, true);
        key(w, "unit");
        span_str(w, r, q->unit);
        key(w, "measure");
        vn_w_json_str(w, dim ? dim : "", dim ? strlen(dim) : 0);
        key(w, "implied_unit");
        vn_w_str(w, q->implied_unit ? "true" : "false");
        hedge_field(w, r, q->hedge);
        number_fields(w, &q->num);
        break;
    }
    case VN_REC_REFERENCE: {
        const struct vn_reference *f = &rec->u.reference;
        key(w, "kind");
        span_str(w, r, f->kind);
        key(w, "number");
        span_str(w, r, f->number);
        key(w, "year");
        if (f->year) {
            vn_w_char(w, '"');
            vn_w_uint(w, (uint64_t)f->year);
            vn_w_char(w, '"');
        } else {
            vn_w_str(w, "null");
        }
        key(w, "code");
        if (f->code)
            vn_w_json_str(w, f->code, strlen(f->code));
        else
            vn_w_str(w, "null");
        key(w, "date");
        if (f->date.year) {
            vn_w_char(w, '"');
            vn_w_date(w, f->date);
            vn_w_char(w, '"');
        } else {
            vn_w_str(w, "null");
        }
        break;
    }
    case VN_REC_DATE:
        key(w, "value");
        vn_w_char(w, '"');
        vn_w_date(w, rec->u.date);
        vn_w_char(w, '"');
        break;
    case VN_REC_DIAGNOSTIC: {
        const struct vn_diagnostic *d = &rec->u.diagnostic;
        key(w, "rule");
        vn_w_json_str(w, d->rule, strlen(d->rule));
        key(w, "severity");
        vn_w_json_str(w, vn_severity_name(d->severity), strlen(vn_severity_name(d->severity)));
        key(w, "message");
        vn_w_json_str(w, d->message, strlen(d->message));
        break;
    }
    case VN_REC_CHECK:
        check_fields(w, r, rec->u.check);
        break;
    }
    vn_w_bytes(w, "}\n", 2);
}

vn_status vn_report_jsonl(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r)
{
    for (size_t i = 0; i < r->n; i++) {
        const struct vn_record *rec = &r->items[i];
        if (!o->include_checks && vn_record_is_finding(rec))
            continue;
        write_record(w, o, r, rec);
    }
    return w->failed ? VN_EIO : VN_OK;
}
