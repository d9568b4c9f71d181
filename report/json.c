/* The buffered writer shared by all formats, string escaping, and the
 * entry points that pick a format. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/utf8.h"
#include "report/report_internal.h"

vn_status vn_writer_new(FILE *out, struct vn_writer **w)
{
    /* calloc: the stream state (struct vn_run) starts empty */
    *w = vn_calloc(1, sizeof **w);
    if (!*w)
        return VN_ENOMEM;
    (*w)->f = out;
    return VN_OK;
}

/* Appends to a writer that collects in memory. */
__attribute__((noinline)) static void mem_append(struct vn_writer *w, const char *s, size_t n)
{
    if (w->mem_len + n > w->mem_cap) {
        size_t nc = w->mem_cap ? w->mem_cap : 256u * 1024u;
        while (nc < w->mem_len + n)
            nc *= 2;
        char *t = vn_realloc(w->mem, nc);
        if (!t) {
            w->failed = true;
            return;
        }
        w->mem = t;
        w->mem_cap = nc;
    }
    memcpy(w->mem + w->mem_len, s, n);
    w->mem_len += n;
}

void vn_w_flush(struct vn_writer *w)
{
    if (w->n && !w->f)
        mem_append(w, w->buf, w->n);
    else if (w->n && fwrite(w->buf, 1, w->n, w->f) != w->n)
        w->failed = true;
    w->n = 0;
}

vn_status vn_writer_free(struct vn_writer *w)
{
    if (!w)
        return VN_OK;
    vn_w_flush(w);
    if (fflush(w->f) != 0)
        w->failed = true;
    bool failed = w->failed;
    for (size_t i = 0; i < w->run.n_rules; i++)
        vn_free(w->run.rules[i]);
    for (size_t i = 0; i < w->run.n_failed; i++) {
        vn_free(w->run.failed[i].label);
        vn_free(w->run.failed[i].message);
    }
    vn_free(w);
    return failed ? VN_EIO : VN_OK;
}

void vn_w_bytes_slow(struct vn_writer *w, const char *s, size_t n)
{
    vn_w_flush(w);
    if (n > VN_WRITER_BUF) {
        if (!w->f)
            mem_append(w, s, n);
        else if (fwrite(s, 1, n, w->f) != n)
            w->failed = true;
        return;
    }
    memcpy(w->buf, s, n);
    w->n = n;
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

/* Length of the well-formed UTF-8 sequence at s[i] (a byte >= 0x80), or 0:
 * the rules of vn_utf8_decode(), the two- and three-byte forms (all of
 * Vietnamese) inline. */
static inline size_t utf8_seq(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s + i;
    size_t left = n - i;
    if (u[0] >= 0xC2 && u[0] <= 0xDF)
        return left >= 2 && (u[1] & 0xC0) == 0x80 ? 2 : 0;
    if (u[0] >= 0xE0 && u[0] <= 0xEF) {
        if (left < 3 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80)
            return 0;
        if ((u[0] == 0xE0 && u[1] < 0xA0) || (u[0] == 0xED && u[1] >= 0xA0))
            return 0;   /* overlong, or a surrogate */
        return 3;
    }
    uint32_t cp;
    return vn_utf8_decode(u, left, &cp);
}

#define REPLACEMENT_CHAR "\xEF\xBF\xBD"

/* Strings longer than this are escaped a piece at a time. */
#define JSON_PIECE (VN_WRITER_BUF / 8)

void vn_w_json_str(struct vn_writer *w, const char *s, size_t n)
{
    if (n <= JSON_PIECE) {
        char *p = vn_w_room(w, 6 * n + 2), *q = p;
        *q++ = '"';
        q = vn_json_escape(q, s, n);
        *q++ = '"';
        w->n += (size_t)(q - p);
        return;
    }
    vn_w_char(w, '"');
    vn_w_json_chars(w, s, n);
    vn_w_char(w, '"');
}

void vn_w_json_chars(struct vn_writer *w, const char *s, size_t n)
{
    while (n) {
        size_t m = n;
        if (m > JSON_PIECE) {
            /* cut before a byte that starts a character: a well-formed
               sequence is never split (one that is not stays malformed) */
            m = JSON_PIECE;
            while (m > 0 && ((unsigned char)s[m] & 0xC0) == 0x80)
                m--;
            if (m == 0)
                m = JSON_PIECE;
        }
        char *p = vn_w_room(w, 6 * m);
        w->n += (size_t)(vn_json_escape(p, s, m) - p);
        s += m;
        n -= m;
    }
}

/* Whether the 8 bytes at u are all printable ASCII other than '"' and '\\'. */
static inline bool plain8(const unsigned char *u)
{
    uint64_t x;
    memcpy(&x, u, 8);
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\'), d = x ^ (ones * 0x7F);
    uint64_t bad = x | (((x | high) - ones * 0x20) ^ high);   /* >= 0x80, or < 0x20 */
    bad |= ((q - ones) & ~q) | ((b - ones) & ~b) | ((d - ones) & ~d);   /* a zero byte: '"', '\\', DEL */
    return !(bad & high);
}

char *vn_json_escape(char *p, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* eight plain bytes at once (messages, numbers); otherwise the next
           eight one at a time */
        if (n - i >= 8 && plain8(u + i)) {
            memcpy(p, u + i, 8);
            p += 8;
            i += 8;
            continue;
        }
        size_t stop = n - i >= 8 ? i + 8 : n;
        while (i < stop) {
            unsigned char c = u[i];
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                *p++ = (char)c;
                i++;
                continue;
            }
            if (c >= 0x80) {
                size_t k = utf8_seq(s, n, i);
                if (k) {
                    for (size_t j = 0; j < k; j++)
                        p[j] = (char)u[i + j];
                    p += k;
                    i += k;
                    continue;
                }
            }
            i++;
            switch (c) {
            case '"': memcpy(p, "\\\"", 2); p += 2; break;
            case '\\': memcpy(p, "\\\\", 2); p += 2; break;
            case '\n': memcpy(p, "\\n", 2); p += 2; break;
            case '\t': memcpy(p, "\\t", 2); p += 2; break;
            case '\r': memcpy(p, "\\r", 2); p += 2; break;
            default:
                if (c >= 0x80) {    /* a byte that starts no well-formed sequence */
                    memcpy(p, REPLACEMENT_CHAR, 3);
                    p += 3;
                } else {
                    char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                    memcpy(p, e, 6);
                    p += 6;
                }
            }
        }
    }
    return p;
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

/* v zero-padded to `width` digits, as printf's %0*d for v >= 0. */
static char *put_padded(char *p, int v, int width)
{
    char tmp[12];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n < width)
        tmp[n++] = '0';
    while (n)
        *p++ = tmp[--n];
    return p;
}

void vn_w_date(struct vn_writer *w, struct vn_date d)
{
    if (d.year < 0 || d.month < 0 || d.day < 0) {
        vn_w_printf(w, "%04d-%02d-%02d", d.year, d.month, d.day);
        return;
    }
    char *p = vn_w_room(w, 16), *q = p;
    q = put_padded(q, d.year, 4);
    *q++ = '-';
    q = put_padded(q, d.month, 2);
    *q++ = '-';
    q = put_padded(q, d.day, 2);
    w->n += (size_t)(q - p);
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
    w->cat = vn_catalog_for(o->lang);
    switch (o->format) {
    case VN_FMT_CSV:
        if (o->csv_bom)
            vn_w_str(w, "\xEF\xBB\xBF");
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
        f->label = vn_strdup(o->file_label);
        f->message = vn_strdup(message);
        if (!f->label || !f->message) {
            vn_free(f->label);
            vn_free(f->message);
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
