/* The buffered writer shared by all formats, and string escaping. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_internal.h"

vn_status vn_writer_new(FILE *out, struct vn_writer **w)
{
    *w = malloc(sizeof **w);
    if (!*w)
        return VN_ENOMEM;
    (*w)->f = out;
    (*w)->n = 0;
    (*w)->failed = false;
    return VN_OK;
}

static void flush(struct vn_writer *w)
{
    if (w->n && fwrite(w->buf, 1, w->n, w->f) != w->n)
        w->failed = true;
    w->n = 0;
}

vn_status vn_writer_free(struct vn_writer *w)
{
    if (!w)
        return VN_OK;
    flush(w);
    if (fflush(w->f) != 0)
        w->failed = true;
    bool failed = w->failed;
    free(w);
    return failed ? VN_EIO : VN_OK;
}

void vn_w_bytes(struct vn_writer *w, const char *s, size_t n)
{
    if (n > VN_WRITER_BUF - w->n) {
        flush(w);
        if (n > VN_WRITER_BUF) {
            if (fwrite(s, 1, n, w->f) != n)
                w->failed = true;
            return;
        }
    }
    memcpy(w->buf + w->n, s, n);
    w->n += n;
}

void vn_w_str(struct vn_writer *w, const char *s)
{
    vn_w_bytes(w, s, strlen(s));
}

void vn_w_char(struct vn_writer *w, char c)
{
    if (w->n == VN_WRITER_BUF)
        flush(w);
    w->buf[w->n++] = c;
}

void vn_w_uint(struct vn_writer *w, uint64_t v)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        vn_w_char(w, tmp[--n]);
}

void vn_w_printf(struct vn_writer *w, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    vn_w_bytes(w, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

void vn_w_json_str(struct vn_writer *w, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    vn_w_char(w, '"');
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F)
            continue;
        vn_w_bytes(w, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': vn_w_bytes(w, "\\\"", 2); break;
        case '\\': vn_w_bytes(w, "\\\\", 2); break;
        case '\n': vn_w_bytes(w, "\\n", 2); break;
        case '\t': vn_w_bytes(w, "\\t", 2); break;
        case '\r': vn_w_bytes(w, "\\r", 2); break;
        default: {
            char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            vn_w_bytes(w, e, 6);
        }
        }
    }
    vn_w_bytes(w, s + run, n - run);
    vn_w_char(w, '"');
}

void vn_w_csv_field(struct vn_writer *w, const char *s, size_t n)
{
    bool quote = false;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        vn_w_bytes(w, s, n);
        return;
    }
    vn_w_char(w, '"');
    size_t run = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '"') {
            vn_w_bytes(w, s + run, i + 1 - run);
            vn_w_char(w, '"');
            run = i + 1;
        }
    vn_w_bytes(w, s + run, n - run);
    vn_w_char(w, '"');
}

void vn_w_dec(struct vn_writer *w, struct vn_dec d, bool fixed)
{
    char buf[VN_DEC_STRLEN];
    size_t n = fixed ? vn_dec_format_fixed(d, buf) : vn_dec_format(d, buf);
    vn_w_bytes(w, buf, n);
}

void vn_w_date(struct vn_writer *w, struct vn_date d)
{
    vn_w_printf(w, "%04d-%02d-%02d", d.year, d.month, d.day);
}

const char *vn_record_type_name(enum vn_record_type t)
{
    switch (t) {
    case VN_REC_AMOUNT: return "amount";
    case VN_REC_PERCENT: return "percent";
    case VN_REC_QUANTITY: return "quantity";
    case VN_REC_REFERENCE: return "reference";
    case VN_REC_DATE: return "date";
    case VN_REC_CHECK: return "check";
    case VN_REC_DIAGNOSTIC: return "diagnostic";
    }
    return "unknown";
}

const char *vn_severity_name(enum vn_severity s)
{
    switch (s) {
    case VN_SEV_ERROR: return "error";
    case VN_SEV_WARNING: return "warning";
    case VN_SEV_NOTE: return "note";
    }
    return "note";
}

bool vn_record_is_finding(const struct vn_record *r)
{
    return r->type == VN_REC_CHECK || r->type == VN_REC_DIAGNOSTIC;
}

vn_status vn_report_begin(struct vn_writer *w, const struct vn_report_opts *o)
{
    if (o->format == VN_FMT_CSV)
        vn_w_str(w, "file,line,col,type,text,value,unit,kind,number,year,code,date,flags,detail\n");
    return w->failed ? VN_EIO : VN_OK;
}

vn_status vn_report_write(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r)
{
    switch (o->format) {
    case VN_FMT_JSONL: return vn_report_jsonl(w, o, r);
    case VN_FMT_CSV: return vn_report_csv(w, o, r);
    case VN_FMT_TEXT: return vn_report_text(w, o, r);
    }
    return VN_EINVAL;
}
