/* The buffered writer shared by all formats, string escaping, and the
 * entry points that pick a format. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "common/utf8.h"
#include "report/report_internal.h"

vn_status vn_writer_new(FILE *out, struct vn_writer **w)
{
    /* calloc: the stream state (struct vn_run) starts empty */
    *w = calloc(1, sizeof **w);
    if (!*w)
        return VN_ENOMEM;
    (*w)->f = out;
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
    for (size_t i = 0; i < w->run.n_rules; i++)
        free(w->run.rules[i]);
    for (size_t i = 0; i < w->run.n_failed; i++) {
        free(w->run.failed[i].label);
        free(w->run.failed[i].message);
    }
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

/* Length of the well-formed UTF-8 sequence at s[i] (a byte >= 0x80), or 0. */
static size_t utf8_seq(const char *s, size_t n, size_t i)
{
    uint32_t cp;
    return vn_utf8_decode((const unsigned char *)s + i, n - i, &cp);
}

#define REPLACEMENT_CHAR "\xEF\xBF\xBD"

void vn_w_json_str(struct vn_writer *w, const char *s, size_t n)
{
    vn_w_char(w, '"');
    vn_w_json_chars(w, s, n);
    vn_w_char(w, '"');
}

void vn_w_json_chars(struct vn_writer *w, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F) {
            if (c < 0x80)
                continue;
            size_t k = utf8_seq(s, n, i);
            if (k) {
                i += k - 1;
                continue;
            }
            vn_w_bytes(w, s + run, i - run);
            vn_w_str(w, REPLACEMENT_CHAR);
            run = i + 1;
            continue;
        }
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
}

void vn_w_html(struct vn_writer *w, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *e;
        switch (c) {
        case '&': e = "&amp;"; break;
        case '<': e = "&lt;"; break;
        case '>': e = "&gt;"; break;
        case '"': e = "&quot;"; break;
        case '\'': e = "&#39;"; break;
        case '\t':
        case '\n':
            continue;
        default:
            if (c >= 0x20 && c < 0x7F)
                continue;
            if (c >= 0x80) {
                size_t k = utf8_seq(s, n, i);
                if (k) {
                    i += k - 1;
                    continue;
                }
            }
            /* control characters are parse errors in HTML */
            e = REPLACEMENT_CHAR;
        }
        vn_w_bytes(w, s + run, i - run);
        vn_w_str(w, e);
        run = i + 1;
    }
    vn_w_bytes(w, s + run, n - run);
}

void vn_w_text(struct vn_writer *w, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 0x20 && c < 0x7F) || c == '\t')
            continue;
        if (c >= 0x80) {
            size_t k = utf8_seq(s, n, i);
            if (k) {
                i += k - 1;
                continue;
            }
        }
        vn_w_bytes(w, s + run, i - run);
        vn_w_str(w, REPLACEMENT_CHAR);
        run = i + 1;
    }
    vn_w_bytes(w, s + run, n - run);
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

void vn_w_dec_vi(struct vn_writer *w, struct vn_dec d)
{
    char buf[VN_DEC_STRLEN];
    size_t n = vn_dec_format(d, buf);
    size_t i = 0;
    if (buf[0] == '-')
        vn_w_char(w, buf[i++]);
    size_t int_end = i;
    while (int_end < n && buf[int_end] != '.')
        int_end++;
    for (size_t k = i; k < int_end; k++) {
        if (k > i && (int_end - k) % 3 == 0)
            vn_w_char(w, '.');
        vn_w_char(w, buf[k]);
    }
    if (int_end < n) {
        vn_w_char(w, ',');
        vn_w_bytes(w, buf + int_end + 1, n - int_end - 1);
    }
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
    switch (o->format) {
    case VN_FMT_CSV:
        vn_w_str(w, "file,line,col,type,text,value,unit,kind,number,year,code,date,flags,detail\n");
        break;
    case VN_FMT_SARIF: return vn_report_sarif_begin(w, o);
    case VN_FMT_HTML: return vn_report_html_begin(w, o);
    case VN_FMT_JSONL:
    case VN_FMT_TEXT:
        break;
    }
    return w->failed ? VN_EIO : VN_OK;
}

vn_status vn_report_write(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r)
{
    struct vn_tally t;
    vn_tally_records(r, &t);
    vn_tally_add(&w->run.total, &t);
    w->run.files++;     /* from here on, the 1-based index of this file */
    switch (o->format) {
    case VN_FMT_JSONL: return vn_report_jsonl(w, o, r);
    case VN_FMT_CSV: return vn_report_csv(w, o, r);
    case VN_FMT_TEXT: return vn_report_text(w, o, r);
    case VN_FMT_SARIF: return vn_report_sarif(w, o, r);
    case VN_FMT_HTML: return vn_report_html(w, o, r);
    }
    return VN_EINVAL;
}

vn_status vn_report_failed(struct vn_writer *w, const struct vn_report_opts *o, const char *message)
{
    struct vn_run *run = &w->run;
    run->n_failed_total++;
    if (o->format == VN_FMT_HTML)
        return vn_report_html_failed(w, o, message);
    /* SARIF lists them at the end, in the invocation: keep a copy of the
       first few (the rest are counted) */
    if (o->format == VN_FMT_SARIF && run->n_failed < VN_RUN_MAX_FAILED) {
        struct vn_failed_file *f = &run->failed[run->n_failed];
        f->input = run->files + run->n_failed_total;
        f->label = strdup(o->file_label);
        f->message = strdup(message);
        if (!f->label || !f->message) {
            free(f->label);
            free(f->message);
            f->label = f->message = NULL;
            return VN_ENOMEM;
        }
        run->n_failed++;
    }
    return w->failed ? VN_EIO : VN_OK;
}

vn_status vn_report_end(struct vn_writer *w, const struct vn_report_opts *o)
{
    switch (o->format) {
    case VN_FMT_TEXT: return vn_report_text_end(w, o);
    case VN_FMT_SARIF: return vn_report_sarif_end(w, o);
    case VN_FMT_HTML: return vn_report_html_end(w, o);
    case VN_FMT_JSONL:
    case VN_FMT_CSV:
        break;
    }
    return w->failed ? VN_EIO : VN_OK;
}
