/* Text for a person: findings first (what needs attention), then the
 * records, then a one-line summary. */
#include <string.h>

#include "report/report_internal.h"
#include "vnaudit/normalize.h"

static void span(struct vn_writer *w, const struct vn_records *r, struct vn_span s)
{
    vn_w_bytes(w, r->text->data + s.off, s.len);
}

static void where(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_record *rec)
{
    vn_w_printf(w, "  %s:%u:%u  ", o->file_label, rec->line, rec->col);
}

static void write_record(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r,
                         const struct vn_record *rec)
{
    where(w, o, rec);
    vn_w_printf(w, "%-9s  ", vn_record_type_name(rec->type));
    span(w, r, rec->text);
    switch (rec->type) {
    case VN_REC_AMOUNT:
        vn_w_str(w, "  = ");
        vn_w_dec(w, rec->u.amount.dong, false);
        vn_w_str(w, " đồng");
        if (rec->u.amount.implied_unit)
            vn_w_str(w, " (unit implied)");
        if (rec->u.amount.hedge >= 0)
            vn_w_str(w, " (approximate)");
        break;
    case VN_REC_PERCENT:
        vn_w_str(w, "  = ");
        vn_w_dec(w, rec->u.percent.num.value, true);
        vn_w_char(w, '%');
        break;
    case VN_REC_QUANTITY: {
        const char *dim = vn_vocab_measure_name(r->vocab, rec->u.quantity.measure);
        vn_w_str(w, "  = ");
        vn_w_dec(w, rec->u.quantity.num.value, true);
        vn_w_char(w, ' ');
        span(w, r, rec->u.quantity.unit);
        if (dim)
            vn_w_printf(w, " (%s)", dim);
        break;
    }
    case VN_REC_REFERENCE: {
        const struct vn_reference *f = &rec->u.reference;
        vn_w_str(w, "  -> ");
        span(w, r, f->kind);
        vn_w_str(w, " no. ");
        span(w, r, f->number);
        if (f->code)
            vn_w_printf(w, " code %s", f->code);
        if (f->date.year) {
            vn_w_str(w, " of ");
            vn_w_date(w, f->date);
        }
        break;
    }
    case VN_REC_DATE:
        vn_w_str(w, "  = ");
        vn_w_date(w, rec->u.date);
        break;
    case VN_REC_DIAGNOSTIC:
    case VN_REC_CHECK:
        break;
    }
    vn_w_char(w, '\n');
}

vn_status vn_report_text(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r)
{
    size_t count[VN_REC_DIAGNOSTIC + 1] = {0}, sev[3] = {0};
    for (size_t i = 0; i < r->n; i++) {
        count[r->items[i].type]++;
        if (r->items[i].type == VN_REC_DIAGNOSTIC)
            sev[r->items[i].u.diagnostic.severity]++;
    }
    vn_w_printf(w, "== %s ==\n", o->file_label);
    if (o->include_checks) {
        vn_w_str(w, count[VN_REC_DIAGNOSTIC] ? "Findings\n" : "Findings: none\n");
        for (size_t i = 0; i < r->n; i++) {
            const struct vn_record *rec = &r->items[i];
            if (rec->type != VN_REC_DIAGNOSTIC)
                continue;
            where(w, o, rec);
            vn_w_printf(w, "%s [%s] %s\n", vn_severity_name(rec->u.diagnostic.severity), rec->u.diagnostic.rule,
                        rec->u.diagnostic.message);
        }
        vn_w_str(w, "Records\n");
    }
    for (size_t i = 0; i < r->n; i++)
        if (!vn_record_is_finding(&r->items[i]))
            write_record(w, o, r, &r->items[i]);
    vn_w_printf(w, "Summary: %zu amounts, %zu percentages, %zu quantities, %zu references, %zu dates", count[VN_REC_AMOUNT],
                count[VN_REC_PERCENT], count[VN_REC_QUANTITY], count[VN_REC_REFERENCE], count[VN_REC_DATE]);
    if (o->include_checks)
        vn_w_printf(w, "; %zu errors, %zu warnings, %zu notes", sev[VN_SEV_ERROR], sev[VN_SEV_WARNING], sev[VN_SEV_NOTE]);
    vn_w_str(w, "\n\n");
    return w->failed ? VN_EIO : VN_OK;
}
