/* Private to report/: the buffered writer, the state a stream carries from
 * file to file, escaping, and what the text, HTML and SARIF writers share
 * (tallies, the order of findings, excerpts of a line). */
#ifndef VN_REPORT_INTERNAL_H
#define VN_REPORT_INTERNAL_H

#include <stdio.h>
#include <string.h>

#include "common/i18n.h"
#include "vnaudit/extract.h"
#include "vnaudit/report.h"
#include "vnaudit/validate.h"

#define VN_WRITER_BUF (64u * 1024u)

/* Bounds on what a stream remembers between files. */
#define VN_RUN_MAX_RULES 64u    /* diagnostic rule ids outside the built-in table */
#define VN_RUN_MAX_FAILED 100u  /* unreadable files listed one by one */

/* Counts of one file or of a whole stream. */
struct vn_tally {
    size_t type[VN_REC_DIAGNOSTIC + 1];
    size_t verdict[VN_VERDICT_AMBIGUOUS + 1];
    size_t sev[VN_SEV_NOTE + 1];
};

struct vn_failed_file {
    char *label;
    char *message;
    size_t input;               /* 1-based position in the batch */
};

/* What a stream carries from file to file. */
struct vn_run {
    size_t files;               /* files written so far */
    size_t results;             /* SARIF results written (for the commas) */
    size_t results_omitted;     /* SARIF results past the cap of a run */
    struct vn_tally total;
    char *rules[VN_RUN_MAX_RULES];  /* SARIF: extra rule ids, first seen first */
    size_t n_rules;
    struct vn_failed_file failed[VN_RUN_MAX_FAILED];
    size_t n_failed, n_failed_total;
};

struct vn_writer {
    FILE *f;                    /* NULL: the output collects in mem */
    char *mem;
    size_t mem_len, mem_cap;
    size_t n;
    bool failed;
    const struct vn_catalog *cat;   /* the stream's language (vn_report_begin); NULL: English */
    struct vn_run run;
    struct vn_src_cursor {      /* source.c: the cell of the last record's place, so a */
        const void *text;       /* long table row is scanned once, not once per record */
        size_t line, off, cell;
    } src;
    char buf[VN_WRITER_BUF];
};

/* Writes the buffer out (and empties it). */
void vn_w_flush(struct vn_writer *w);
/* vn_w_bytes() when s[0, n) does not fit in what is left of the buffer. */
void vn_w_bytes_slow(struct vn_writer *w, const char *s, size_t n);

/* The writes are inline: a record is dozens of small pieces, and each is
 * one copy into the buffer. */
static inline void vn_w_bytes(struct vn_writer *w, const char *s, size_t n)
{
    if (n <= VN_WRITER_BUF - w->n) {
        memcpy(w->buf + w->n, s, n);
        w->n += n;
        return;
    }
    vn_w_bytes_slow(w, s, n);
}

static inline void vn_w_str(struct vn_writer *w, const char *s)
{
    vn_w_bytes(w, s, strlen(s));
}

/* A string literal, its length known when compiling. */
#define VN_W_LIT(w, lit) vn_w_bytes((w), "" lit, sizeof(lit) - 1)

static inline void vn_w_char(struct vn_writer *w, char c)
{
    if (w->n == VN_WRITER_BUF)
        vn_w_flush(w);
    w->buf[w->n++] = c;
}

/* Room for n more bytes (n <= VN_WRITER_BUF) at w->buf + w->n; the caller
 * writes there and adds what it wrote to w->n. */
static inline char *vn_w_room(struct vn_writer *w, size_t n)
{
    if (n > VN_WRITER_BUF - w->n)
        vn_w_flush(w);
    return w->buf + w->n;
}

static inline void vn_w_uint(struct vn_writer *w, uint64_t v)
{
    char *p = vn_w_room(w, 20);
    size_t n = 1;
    for (uint64_t t = v; t >= 10; t /= 10)
        n++;
    for (size_t i = n; i-- > 0; v /= 10)
        p[i] = (char)('0' + v % 10);
    w->n += n;
}
void vn_w_printf(struct vn_writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A JSON string literal (quotes included) of s[0..n). Bytes that are not
 * well-formed UTF-8 (a file name from argv may hold any bytes) become
 * U+FFFD, so the output is always valid JSON. */
void vn_w_json_str(struct vn_writer *w, const char *s, size_t n);
/* The same without the quotes, to build one string from several parts. */
void vn_w_json_chars(struct vn_writer *w, const char *s, size_t n);
/* The escaped form of s[0, n) written at p, which has room for 6 * n bytes
 * (the most a byte takes: "\u001f"); returns its end. */
char *vn_json_escape(char *p, const char *s, size_t n);
static inline void vn_w_json_cstr(struct vn_writer *w, const char *s)
{
    vn_w_json_str(w, s, strlen(s));
}
/* s[0..n) escaped for HTML text and attribute values (& < > " '), with
 * malformed UTF-8 as U+FFFD. */
void vn_w_html(struct vn_writer *w, const char *s, size_t n);
/* s[0..n) for a terminal: control characters other than TAB (an escape
 * sequence in a file name) and malformed UTF-8 become U+FFFD. */
void vn_w_text(struct vn_writer *w, const char *s, size_t n);
/* The file label for a person: "(standard input)" for "-". */
const char *vn_display_label(const char *label);
/* A CSV field, quoted when it must be. */
void vn_w_csv_field(struct vn_writer *w, const char *s, size_t n);
void vn_w_dec(struct vn_writer *w, struct vn_dec d, bool fixed);
/* A decimal the way the reports write it, for a person: '.' groups
 * thousands, ',' is the decimal mark ("43.311,26"). */
void vn_w_dec_vi(struct vn_writer *w, struct vn_dec d);
void vn_w_date(struct vn_writer *w, struct vn_date d);

const char *vn_record_type_name(enum vn_record_type t);
const char *vn_severity_name(enum vn_severity s);
bool vn_record_is_finding(const struct vn_record *r);
/* What `extract` lists: the records, and the error findings that make its
 * exit status 1 (invalid bytes, a number too long, a limit reached), so a
 * status of 1 never comes without its reason. */
static inline bool vn_record_extract_lists(const struct vn_record *r)
{
    return !vn_record_is_finding(r) || (r->type == VN_REC_DIAGNOSTIC && r->u.diagnostic.severity == VN_SEV_ERROR);
}
/* source.c: ,"source":{...} for a record that starts at byte `off` of the
 * normalized text, on line `line`, of a document (DOCX, ODT, FODT, HTML);
 * writes nothing for plain text. */
struct vn_text;
void vn_w_source(struct vn_writer *w, const struct vn_text *raw, const struct vn_normtext *text, size_t line,
                 size_t off);

/* place.c: where byte `off` of line `line` of the normalized text was in
 * the original document (a DOCX, ODT, FODT or HTML input); false for plain
 * text. */
struct vn_source;
bool vn_place_of(const struct vn_text *raw, const struct vn_normtext *text, size_t line, size_t off,
                 struct vn_source *out);
/* "table 1, row 4, column 5", "paragraph 12", "footnote 3", "HTML line 57",
 * in the catalog's language. */
void vn_w_place(struct vn_writer *w, const struct vn_catalog *cat, const struct vn_source *s);
/* before + the place of (line, off) + after, when the input has places;
 * returns whether it wrote anything. */
bool vn_w_place_of(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r, size_t line,
                   size_t off, const char *before, const char *after);
/* A count for a person, its thousands grouped the Vietnamese way in both
 * languages ("12.345"), at buf (room for 32 bytes); returns buf. */
char *vn_count_str(char *buf, size_t n);

/* findings.c ------------------------------------------------------------ */

void vn_tally_records(const struct vn_records *r, struct vn_tally *t);
void vn_tally_add(struct vn_tally *into, const struct vn_tally *t);
/* "3 inconsistent, 1 ambiguous, 42 consistent, 5 partial; 2 diagnostics
 * (1 error, 1 warning, 0 notes)", the two first counts wrapped in inc_on or
 * amb_on and off when not zero (colours, HTML tags). */
void vn_w_check_counts(struct vn_writer *w, const struct vn_tally *t, const char *inc_on, const char *amb_on,
                       const char *off);
/* "120 amounts, 30 percentages, 4 quantities, 12 references, 15 dates" */
void vn_w_record_counts(struct vn_writer *w, const struct vn_tally *t);

/* Verdict, relation and severity names for a person, in the catalog's
 * language (the ids in JSON Lines and SARIF never change). */
const char *vn_verdict_label(const struct vn_catalog *cat, enum vn_verdict v);
const char *vn_relation_label(const struct vn_catalog *cat, enum vn_relation r);
const char *vn_severity_label(const struct vn_catalog *cat, enum vn_severity s);
const char *vn_record_type_label(const struct vn_catalog *cat, enum vn_record_type t);
/* "inconsistent sum", in the stream's language and its order of words. */
void vn_w_verdict_relation(struct vn_writer *w, enum vn_verdict v, enum vn_relation r);

/* The classes of findings, in the order a person reads them. */
enum vn_finding_class {
    VN_FC_INCONSISTENT,
    VN_FC_AMBIGUOUS,
    VN_FC_ERROR,
    VN_FC_WARNING,
    VN_FC_NOTE,
    VN_FC_PARTIAL,
    VN_FC_CONSISTENT,
    VN_FC_NONE          /* not a finding: an amount, a date, ... */
};
enum vn_finding_class vn_finding_class_of(const struct vn_record *rec);

/* A window of one line around a span, at most `width` code points: the
 * bytes [start, end) of the text, the span's place in it in bytes and in
 * code points (mark_col from 0, mark_len), and whether the line goes on beyond either
 * side. Work is bounded by `width`, never by the length of the line. */
struct vn_excerpt {
    size_t start, end;
    size_t mark_start, mark_end;    /* bytes of the span shown */
    size_t mark_col, mark_len;
    bool cut_left, cut_right;
};
void vn_excerpt_of(const struct vn_normtext *t, struct vn_span at, size_t width, struct vn_excerpt *e);

/* Line and column of a byte offset. The column is counted from a known
 * point of the same line (a record's text and col) when there is one, so
 * the work stays proportional to the distance, not the line's length. */
void vn_locate(const struct vn_records *r, const struct vn_record *anchor, size_t off, uint32_t *line,
               uint32_t *col);
/* Line and column just after the span that starts at (line, col). */
void vn_span_end(const struct vn_records *r, struct vn_span s, uint32_t line, uint32_t col, uint32_t *end_line,
                 uint32_t *end_col);

/* The suspect figures of an inconsistent check, one sentence without a
 * final stop: "probably: 64,67 should be 64,76 (two digits swapped)",
 * "possibly one of: 601 should be 610 (two digits swapped), or 7.860 should
 * be 7.869 (one digit changed)"; a figure not on `line` (the claim's) says
 * its line. Text from the document goes through `put` (the format's
 * escaping). Writes nothing and returns false when there is none. */
bool vn_w_suspects(struct vn_writer *w, const struct vn_records *r, const struct vn_check *c, uint32_t line,
                   bool capital, void (*put)(struct vn_writer *, const char *, size_t));

/* The writers, one per format. */
vn_status vn_report_jsonl(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r);
vn_status vn_report_csv(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r);
vn_status vn_report_text(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r);
vn_status vn_report_text_end(struct vn_writer *w, const struct vn_report_opts *o);
vn_status vn_report_sarif_begin(struct vn_writer *w, const struct vn_report_opts *o);
vn_status vn_report_sarif(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r);
vn_status vn_report_sarif_end(struct vn_writer *w, const struct vn_report_opts *o);
vn_status vn_report_html_begin(struct vn_writer *w, const struct vn_report_opts *o);
vn_status vn_report_html(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r);
vn_status vn_report_html_failed(struct vn_writer *w, const struct vn_report_opts *o, const char *message);
vn_status vn_report_html_end(struct vn_writer *w, const struct vn_report_opts *o);

#endif
