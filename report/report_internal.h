/* Private to report/: the buffered writer and JSON helpers. */
#ifndef VN_REPORT_INTERNAL_H
#define VN_REPORT_INTERNAL_H

#include <stdio.h>

#include "vnaudit/extract.h"
#include "vnaudit/report.h"

#define VN_WRITER_BUF (64u * 1024u)

struct vn_writer {
    FILE *f;
    size_t n;
    bool failed;
    char buf[VN_WRITER_BUF];
};

void vn_w_bytes(struct vn_writer *w, const char *s, size_t n);
void vn_w_str(struct vn_writer *w, const char *s);
void vn_w_char(struct vn_writer *w, char c);
void vn_w_uint(struct vn_writer *w, uint64_t v);
void vn_w_printf(struct vn_writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A JSON string literal (quotes included) of s[0..n). */
void vn_w_json_str(struct vn_writer *w, const char *s, size_t n);
/* A CSV field, quoted when it must be. */
void vn_w_csv_field(struct vn_writer *w, const char *s, size_t n);
void vn_w_dec(struct vn_writer *w, struct vn_dec d, bool fixed);
void vn_w_date(struct vn_writer *w, struct vn_date d);

const char *vn_record_type_name(enum vn_record_type t);
const char *vn_severity_name(enum vn_severity s);
bool vn_record_is_finding(const struct vn_record *r);

vn_status vn_report_jsonl(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r);
vn_status vn_report_csv(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r);
vn_status vn_report_text(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r);

#endif
