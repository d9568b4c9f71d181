/* CSV: one row per record with fixed columns (see vn_report_begin), for
 * spreadsheets. Columns that do not apply to a record type are empty. */
#include <string.h>

#include "report/report_internal.h"
#include "vnaudit/normalize.h"
#include "vnaudit/validate.h"

static void field_span(struct vn_writer *w, const struct vn_records *r, struct vn_span s)
{
    vn_w_csv_field(w, r->text->data + s.off, s.len);
}

static void field_dec(struct vn_writer *w, struct vn_dec d, bool fixed)
{
    vn_w_dec(w, d, fixed);
}

vn_status vn_report_csv(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r)
{
    for (size_t i = 0; i < r->n; i++) {
        const struct vn_record *rec = &r->items[i];
        if (!o->include_checks && !vn_record_extract_lists(rec))
            continue;
        vn_w_csv_field(w, o->file_label, strlen(o->file_label));
        vn_w_printf(w, ",%u,%u,%s,", rec->line, rec->col, vn_record_type_name(rec->type));
        field_span(w, r, rec->text);
        vn_w_char(w, ',');
        /* value,unit,kind,number,year,code,date,flags,detail */
        switch (rec->type) {
        case VN_REC_AMOUNT:
            field_dec(w, rec->u.amount.dong, false);
            vn_w_char(w, ',');
            field_span(w, r, rec->u.amount.unit);
            vn_w_str(w, ",,,,,,");
            if (rec->u.amount.implied_unit)
                vn_w_str(w, "implied ");
            if (rec->u.amount.num.ambiguous)
                vn_w_str(w, "ambiguous");
            vn_w_char(w, ',');
            if (rec->u.amount.num.note)
                vn_w_csv_field(w, rec->u.amount.num.note, strlen(rec->u.amount.num.note));
            break;
        case VN_REC_PERCENT:
            field_dec(w, rec->u.percent.num.value, true);
            vn_w_str(w, ",%,,,,,,,");
            break;
        case VN_REC_QUANTITY:
            field_dec(w, rec->u.quantity.num.value, true);
            vn_w_char(w, ',');
            field_span(w, r, rec->u.quantity.unit);
            vn_w_str(w, ",,,,,,");
            if (rec->u.quantity.implied_unit)
                vn_w_str(w, "implied");
            vn_w_char(w, ',');
            break;
        case VN_REC_REFERENCE: {
            const struct vn_reference *f = &rec->u.reference;
            vn_w_str(w, ",,");
            field_span(w, r, f->kind);
            vn_w_char(w, ',');
            field_span(w, r, f->number);
            vn_w_char(w, ',');
            if (f->year)
                vn_w_uint(w, (uint64_t)f->year);
            vn_w_char(w, ',');
            if (f->code)
                vn_w_csv_field(w, f->code, strlen(f->code));
            vn_w_char(w, ',');
            if (f->date.year)
                vn_w_date(w, f->date);
            vn_w_str(w, ",,");
            break;
        }
        case VN_REC_DATE:
            vn_w_date(w, rec->u.date);
            vn_w_str(w, ",,,,,,,,");
            break;
        case VN_REC_DIAGNOSTIC:
            vn_w_str(w, ",,");
            vn_w_str(w, rec->u.diagnostic.rule);
            vn_w_str(w, ",,,,,");
            vn_w_str(w, vn_severity_name(rec->u.diagnostic.severity));
            vn_w_char(w, ',');
            vn_w_csv_field(w, rec->u.diagnostic.message, strlen(rec->u.diagnostic.message));
            break;
        case VN_REC_CHECK: {
            /* value: the computed result; unit: the claimed value's unit;
               kind: the relation; code: the rule; flags: the verdict */
            const struct vn_check *c = rec->u.check;
            field_dec(w, c->computed, false);
            vn_w_char(w, ',');
            vn_w_csv_field(w, c->claimed_unit, strlen(c->claimed_unit));
            vn_w_char(w, ',');
            vn_w_str(w, vn_relation_name(c->relation));
            vn_w_str(w, ",,,");
            vn_w_csv_field(w, c->rule, strlen(c->rule));
            vn_w_str(w, ",,");
            vn_w_str(w, vn_verdict_name(c->verdict));
            vn_w_char(w, ',');
            vn_w_csv_field(w, c->message, strlen(c->message));
            break;
        }
        }
        vn_w_char(w, '\n');
    }
    return w->failed ? VN_EIO : VN_OK;
}
