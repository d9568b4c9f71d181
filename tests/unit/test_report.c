/* Report writers: escaping (JSON, HTML, terminal), Vietnamese decimals,
 * excerpts of long lines, and the text, SARIF, HTML, JSON Lines and CSV
 * outputs of a report whose check records are made by hand
 * (tests/sarif/sample.h), so that nothing here depends on the validator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "report/report_internal.h"
#include "tests/sarif/sample.h"

/* ---- capturing output ------------------------------------------------- */

struct capture {
    char *data;
    size_t len;
    FILE *f;
    struct vn_writer *w;
};

static struct vn_writer *cap_open(struct capture *c)
{
    memset(c, 0, sizeof *c);
    c->f = open_memstream(&c->data, &c->len);
    assert_non_null(c->f);
    assert_int_equal(vn_writer_new(c->f, &c->w), VN_OK);
    return c->w;
}

/* Flushes, closes and returns the NUL-terminated output (free it). */
static char *cap_close(struct capture *c)
{
    assert_int_equal(vn_writer_free(c->w), VN_OK);
    assert_int_equal(fclose(c->f), 0);
    return c->data;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* Fails unless a comes before b in s (both present). */
static void assert_before(const char *s, const char *a, const char *b)
{
    const char *pa = strstr(s, a), *pb = strstr(s, b);
    if (!pa || !pb || pa >= pb)
        fail_msg("expected '%s' before '%s'", a, b);
}

/* ---- a tiny JSON syntax check (RFC 8259), enough to parse output back -- */

struct json {
    const char *s;
    size_t i, n;
    int depth;
};

static void ws(struct json *j)
{
    while (j->i < j->n && strchr(" \t\r\n", j->s[j->i]))
        j->i++;
}

static bool lit(struct json *j, const char *w)
{
    size_t k = strlen(w);
    if (j->n - j->i < k || memcmp(j->s + j->i, w, k) != 0)
        return false;
    j->i += k;
    return true;
}

static bool jstring(struct json *j)
{
    if (j->i >= j->n || j->s[j->i] != '"')
        return false;
    for (j->i++; j->i < j->n; j->i++) {
        unsigned char c = (unsigned char)j->s[j->i];
        if (c == '"') {
            j->i++;
            return true;
        }
        if (c < 0x20)
            return false;
        if (c == '\\') {
            char e = ++j->i < j->n ? j->s[j->i] : 0;
            if (e == 'u') {
                for (int k = 0; k < 4; k++)
                    if (++j->i >= j->n || !strchr("0123456789abcdefABCDEF", j->s[j->i]))
                        return false;
            } else if (!e || !strchr("\"\\/bfnrt", e)) {
                return false;
            }
        }
    }
    return false;
}

static bool jvalue(struct json *j);

static bool jmembers(struct json *j, char close, bool keyed)
{
    j->i++;
    ws(j);
    if (j->i < j->n && j->s[j->i] == close) {
        j->i++;
        return true;
    }
    for (;;) {
        ws(j);
        if (keyed) {
            if (!jstring(j))
                return false;
            ws(j);
            if (j->i >= j->n || j->s[j->i++] != ':')
                return false;
        }
        if (!jvalue(j))
            return false;
        ws(j);
        if (j->i >= j->n)
            return false;
        char c = j->s[j->i++];
        if (c == close)
            return true;
        if (c != ',')
            return false;
    }
}

static bool jvalue(struct json *j)
{
    ws(j);
    if (j->i >= j->n || ++j->depth > 64)
        return false;
    bool ok;
    char c = j->s[j->i];
    if (c == '{')
        ok = jmembers(j, '}', true);
    else if (c == '[')
        ok = jmembers(j, ']', false);
    else if (c == '"')
        ok = jstring(j);
    else if (c == '-' || (c >= '0' && c <= '9')) {
        size_t start = j->i;
        while (j->i < j->n && strchr("+-0123456789.eE", j->s[j->i]))
            j->i++;
        ok = j->i > start;
    } else
        ok = lit(j, "true") || lit(j, "false") || lit(j, "null");
    j->depth--;
    return ok;
}

static bool is_json(const char *s, size_t n)
{
    struct json j = {s, 0, n, 0};
    if (!jvalue(&j))
        return false;
    ws(&j);
    return j.i == n;
}

/* ---- fixtures ---------------------------------------------------------- */

static int setup(void **state)
{
    struct sample *s = malloc(sizeof *s);
    if (!s || sample_new(s) != 0) {
        free(s);
        return -1;
    }
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    sample_free(*state);
    free(*state);
    return 0;
}

/* The sample written in one format as a batch of three inputs: the sample
 * as "a/báo cáo.txt", an unreadable file, the sample as stdin. */
static char *write_batch(struct sample *s, enum vn_format f, bool color, bool verbose)
{
    struct capture c;
    struct vn_writer *w = cap_open(&c);
    struct vn_report_opts o = {.format = f, .include_checks = true, .color = color, .verbose = verbose};
    assert_int_equal(vn_report_begin(w, &o), VN_OK);
    o.file_label = "a/báo cáo.txt";
    assert_int_equal(vn_report_write(w, &o, s->d->records), VN_OK);
    o.file_label = "gone <1>.txt";
    assert_int_equal(vn_report_failed(w, &o, "cannot open: No such file or directory"), VN_OK);
    o.file_label = "-";
    assert_int_equal(vn_report_write(w, &o, s->d->records), VN_OK);
    assert_int_equal(vn_report_end(w, &o), VN_OK);
    return cap_close(&c);
}

/* ---- escaping ---------------------------------------------------------- */

static void test_json_escaping(void **state)
{
    (void)state;
    struct capture c;
    struct vn_writer *w = cap_open(&c);
    static const char in[] = "a\"b\\c\nd\te\x01\x7f đ \xff\xc3 <&>";
    vn_w_json_str(w, in, sizeof in - 1);
    char *out = cap_close(&c);
    assert_string_equal(out, "\"a\\\"b\\\\c\\nd\\te\\u0001\\u007f đ \xEF\xBF\xBD\xEF\xBF\xBD <&>\"");
    assert_true(is_json(out, strlen(out)));
    free(out);
}

static void test_html_escaping(void **state)
{
    (void)state;
    struct capture c;
    struct vn_writer *w = cap_open(&c);
    static const char in[] = "<b>\"Tổng\" & 'vốn'</b>\x02\xfe";
    vn_w_html(w, in, sizeof in - 1);
    char *out = cap_close(&c);
    assert_string_equal(out,
                        "&lt;b&gt;&quot;Tổng&quot; &amp; &#39;vốn&#39;&lt;/b&gt;\xEF\xBF\xBD\xEF\xBF\xBD");
    free(out);
}

static void test_terminal_text(void **state)
{
    (void)state;
    struct capture c;
    struct vn_writer *w = cap_open(&c);
    static const char in[] = "tệp\033]0;x\a\tđó";
    vn_w_text(w, in, sizeof in - 1);
    char *out = cap_close(&c);
    assert_string_equal(out, "tệp\xEF\xBF\xBD]0;x\xEF\xBF\xBD\tđó");
    free(out);
}

static void test_decimal_vi(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"12345678.9", "12.345.678,9"}, {"-1234", "-1.234"}, {"0.5", "0,5"},     {"100", "100"},
        {"1000", "1.000"},              {"43311.26", "43.311,26"}, {"-0.25", "-0,25"}, {"999999", "999.999"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct capture c;
        struct vn_writer *w = cap_open(&c);
        vn_w_dec_vi(w, sample_dec(cases[i][0]));
        char *out = cap_close(&c);
        assert_string_equal(out, cases[i][1]);
        free(out);
    }
}

/* ---- excerpts ---------------------------------------------------------- */

static void test_excerpt_long_line(void **state)
{
    struct sample *s = *state;
    /* a line of 20 000 code points with the claim in the middle */
    size_t n = 20000;
    char *text = malloc(3 * n + 64);
    assert_non_null(text);
    size_t k = 0;
    for (size_t i = 0; i < n / 2; i++)
        k += (size_t)sprintf(text + k, "đ");
    size_t at = k;
    k += (size_t)sprintf(text + k, "1.250 triệu đồng");
    for (size_t i = 0; i < n / 2; i++)
        text[k++] = 'x';
    text[k++] = '\n';
    struct vn_doc *d;
    struct vn_error err;
    assert_int_equal(vn_doc_from_bytes(s->p, "long", text, k, &d, &err), VN_OK);
    struct vn_excerpt e;
    vn_excerpt_of(d->text, (struct vn_span){(uint32_t)at, 5}, 100, &e);
    assert_true(e.cut_left);
    assert_true(e.cut_right);
    assert_int_equal(e.mark_len, 5);
    assert_int_equal(e.mark_start, at);
    assert_int_equal(e.mark_end, at + 5);
    size_t cps = 0;
    for (size_t i = e.start; i < e.end; i++)
        cps += ((unsigned char)d->text->data[i] & 0xC0) != 0x80;
    assert_int_equal(cps, 100);
    assert_int_equal(e.mark_col, 47);     /* (100 - 5) / 2 before the claim */

    /* near the start of the line: all the room goes after the claim */
    vn_excerpt_of(d->text, (struct vn_span){0, 2}, 100, &e);
    assert_false(e.cut_left);
    assert_true(e.cut_right);
    assert_int_equal(e.mark_col, 0);
    vn_doc_free(d);
    free(text);
}

static void test_excerpt_short_line(void **state)
{
    struct sample *s = *state;
    struct vn_excerpt e;
    struct vn_span claim = s->checks[3].claimed;    /* "9.275" on line 7 */
    vn_excerpt_of(s->d->text, claim, 100, &e);
    assert_false(e.cut_left);
    assert_false(e.cut_right);
    assert_int_equal(e.mark_col, 23);
    assert_memory_equal(s->d->text->data + e.start, "Còn lại", strlen("Còn lại"));
    assert_int_equal(s->d->text->data[e.end], '\n');
}

/* ---- formats ---------------------------------------------------------- */

static void test_text_check(void **state)
{
    char *out = write_batch(*state, VN_FMT_TEXT, false, false);
    /* findings first, in class order, then the counts */
    assert_before(out, "== a/báo cáo.txt ==", "Inconsistent (2)");
    assert_before(out, "Inconsistent (2)", "Ambiguous (1)");
    assert_before(out, "Ambiguous (1)", "Warnings (1)");
    assert_before(out, "Warnings (1)", "Notes (1)");
    assert_before(out, "Notes (1)", "Summary: 2 inconsistent");
    assert_non_null(strstr(out, "Summary: 2 inconsistent, 1 ambiguous, 1 consistent, 1 partial; 2 diagnostics "
                                "(0 errors, 1 warning, 1 note)\n"));
    /* grouped by section, with the statement and carets under the claim */
    assert_before(out, " § I. Kết quả giải ngân  (line 2)", "a/báo cáo.txt:3:25  inconsistent sum");
    assert_before(out, "a/báo cáo.txt:3:25", " § 6. Kinh phí còn lại  (line 6)");
    assert_non_null(strstr(out, "claimed 12.500 triệu đồng, computed 12.400\n"));
    assert_non_null(strstr(out, "claimed 26,5%, computed 25%\n"));
    assert_non_null(strstr(out, "    7 | Còn lại chưa giải ngân 9.275 triệu đồng.\n"
                                "      |                        ^^^^^\n"));
    assert_non_null(strstr(out, "lines 2-4, 7"));
    assert_non_null(strstr(out, "[unfilled-placeholder]"));
    /* consistent and partial checks only counted without --verbose */
    assert_non_null(strstr(out, "Checked without a finding: 1 consistent, 1 partial (--verbose lists them)"));
    assert_null(strstr(out, "consistent product"));
    /* stdin named for a person; a batch total; no colours; no control bytes */
    assert_non_null(strstr(out, "== (standard input) =="));
    assert_non_null(strstr(out, "Total: 2 files (and 1 that could not be read); 4 inconsistent"));
    assert_null(strchr(out, '\033'));
    assert_null(strchr(out, '\x01'));
    free(out);
}

static void test_text_verbose_and_colour(void **state)
{
    char *out = write_batch(*state, VN_FMT_TEXT, true, true);
    assert_non_null(strstr(out, "\033[1;31mInconsistent (2)\033[0m"));
    assert_non_null(strstr(out, "consistent\033[0m product"));
    assert_non_null(strstr(out, "partial   \033[0m sum"));
    assert_non_null(strstr(out, "Records\n"));
    assert_non_null(strstr(out, ":3:25  amount     12.500 triệu đồng  = 12500000000 đồng\n"));
    assert_null(strstr(out, "--verbose lists them"));
    free(out);
}

static void test_text_extract_unchanged(void **state)
{
    struct sample *s = *state;
    struct capture c;
    struct vn_writer *w = cap_open(&c);
    struct vn_report_opts o = {.format = VN_FMT_TEXT, .file_label = "-"};
    assert_int_equal(vn_report_begin(w, &o), VN_OK);
    assert_int_equal(vn_report_write(w, &o, s->d->records), VN_OK);
    assert_int_equal(vn_report_end(w, &o), VN_OK);
    char *out = cap_close(&c);
    assert_true(strncmp(out, "== - ==\n  -:3:25  amount     12.500 triệu đồng  = 12500000000 đồng\n", 66) == 0);
    assert_non_null(strstr(out, "Summary: 8 amounts, 1 percentages, 1 quantities, 0 references, 0 dates\n\n"));
    assert_null(strstr(out, "inconsistent"));
    free(out);
}

static void test_sarif_structure(void **state)
{
    char *out = write_batch(*state, VN_FMT_SARIF, false, false);
    size_t n = strlen(out);
    assert_true(is_json(out, n));
    assert_true(strncmp(out, "{\"$schema\":", 11) == 0);
    assert_int_equal(count(out, "\"version\":\"2.1.0\""), 1);
    assert_int_equal(count(out, "\"results\":["), 1);            /* one run for the batch */
    assert_int_equal(count(out, "\"ruleId\":"), 2 * SAMPLE_RESULTS);
    assert_int_equal(count(out, "\"ruleId\":\"inconsistent-"), 2 * SAMPLE_INCONSISTENT);
    assert_int_equal(count(out, "\"level\":\"error\",\"message\":{\"text\":\"cannot read"), 1);
    assert_int_equal(count(out, "\"ruleId\":\"ambiguous-ratio\",\"ruleIndex\":3,\"level\":\"warning\""), 2);
    assert_int_equal(count(out, "\"ruleId\":\"made-up-rule\",\"ruleIndex\":24,\"level\":\"note\""), 2);
    assert_int_equal(count(out, "\"verdict\":\"consistent\""), 0);   /* not results */
    assert_int_equal(count(out, "\"verdict\":\"partial\""), 0);
    assert_non_null(strstr(out, "\"checks\":{\"consistent\":2,\"inconsistent\":4,\"partial\":2,\"ambiguous\":2}"));
    assert_non_null(strstr(out, "\"columnKind\":\"unicodeCodePoints\""));
    /* rules: 8 check rules, 11 built-in diagnostic rules, 5 nd30 rules, 1 met in the records */
    assert_int_equal(count(out, "\"shortDescription\":"), 25);
    assert_int_equal(count(out, "\"helpUri\":"), 25);
    /* every result has a content fingerprint */
    assert_int_equal(count(out, "\"partialFingerprints\":{\"vnauditContent/v1\":\""), 2 * SAMPLE_RESULTS);
    assert_int_equal(count(out, "{\"id\":\"made-up-rule\""), 1);
    /* where: percent-encoded path, stdin, code-point columns, related lines */
    assert_non_null(strstr(out, "\"uri\":\"a/b%C3%A1o%20c%C3%A1o.txt\""));
    assert_non_null(strstr(out, "\"uri\":\"stdin\""));
    assert_non_null(strstr(out, "\"region\":{\"startLine\":7,\"startColumn\":24,\"endColumn\":29,"
                                "\"snippet\":{\"text\":\"9.275\"}}"));
    assert_non_null(strstr(out, "\"message\":{\"text\":\"a line the check draws on\"},\"physicalLocation\":"
                                "{\"artifactLocation\":{\"uri\":\"stdin\"},\"region\":{\"startLine\":2}}"));
    assert_non_null(strstr(out, "\"region\":{\"startLine\":3,\"startColumn\":25,\"endColumn\":31,"
                                "\"snippet\":{\"text\":\"12.500\"}}"));
    /* escaping inside messages; the unreadable file as a notification */
    assert_non_null(strstr(out, "Tỷ lệ <25%> & \\\"26,5%\\\" khác nhau\\u0001 tùy cách đọc."));
    assert_non_null(strstr(out, "\"executionSuccessful\":false,\"toolExecutionNotifications\":["));
    assert_non_null(strstr(out, "\"uri\":\"gone%20%3C1%3E.txt\""));
    free(out);
}

static void test_sarif_empty_run(void **state)
{
    (void)state;
    struct capture c;
    struct vn_writer *w = cap_open(&c);
    struct vn_report_opts o = {.format = VN_FMT_SARIF, .include_checks = true};
    assert_int_equal(vn_report_begin(w, &o), VN_OK);
    assert_int_equal(vn_report_end(w, &o), VN_OK);
    char *out = cap_close(&c);
    assert_true(is_json(out, strlen(out)));
    assert_non_null(strstr(out, "\"results\":[]"));
    assert_non_null(strstr(out, "\"executionSuccessful\":true}"));
    free(out);
}

static void test_html_page(void **state)
{
    char *out = write_batch(*state, VN_FMT_HTML, false, false);
    /* the page's words are English by default; the document's text is marked lang="vi" */
    assert_true(strncmp(out, "<!DOCTYPE html>\n<html lang=\"en\">", 32) == 0);
    assert_non_null(strstr(out, "</body>\n</html>\n"));
    assert_int_equal(count(out, "<html"), 1);   /* one page for the batch */
    assert_int_equal(count(out, "<section"), 3);
    /* balanced elements */
    static const char *const tags[] = {"section", "div", "pre", "a", "span", "p", "details", "table", "h3", "h4"};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        char open1[16], open2[16], close[16];
        snprintf(open1, sizeof open1, "<%s>", tags[i]);
        snprintf(open2, sizeof open2, "<%s ", tags[i]);
        snprintf(close, sizeof close, "</%s>", tags[i]);
        if (count(out, open1) + count(out, open2) != count(out, close))
            fail_msg("<%s>: %zu opened, %zu closed", tags[i], count(out, open1) + count(out, open2),
                     count(out, close));
    }
    /* escaping: the heading, the messages, the file names; nothing raw */
    assert_non_null(strstr(out, "II. Khó khăn &lt;tồn tại&gt; &amp; &quot;kiến nghị&quot;"));
    assert_non_null(strstr(out, "Tỷ lệ &lt;25%&gt; &amp; &quot;26,5%&quot; khác nhau\xEF\xBF\xBD tùy"));
    assert_non_null(strstr(out, "a note with &lt;b&gt;&quot;&amp;&quot;&lt;/b&gt;"));
    assert_non_null(strstr(out, "<h2>gone &lt;1&gt;.txt</h2>"));
    assert_null(strstr(out, "<b>\"&\"</b>"));
    assert_null(strstr(out, "<tồn"));
    /* findings in order, the text view with marks linked to them */
    assert_before(out, "<h3 class=\"inconsistent\" id=\"f1-inconsistent\">Inconsistent (2)</h3>", "<h3 class=\"ambiguous\"");
    assert_before(out, "<h3 class=\"ambiguous\"", "<h3 class=\"warning\"");
    assert_non_null(strstr(out, "<span id=\"f1-L7\"><span class=\"ln bad\">7</span>Còn lại chưa giải ngân "
                                "<a class=\"m c-inconsistent\" href=\"#f1-r"));
    assert_non_null(strstr(out, "<span class=\"m c-consistent\" title=\"consistent product (computed 1.000)\">"
                                "1.000</span>"));
    assert_non_null(strstr(out, "<h2>(standard input)</h2>"));
    assert_non_null(strstr(out, "id=\"f2-L8\""));
    free(out);
}

/* A file too big to show whole: only the lines with findings and a few
 * lines around them; a huge line: windows around its marks. */
static void test_html_bounded(void **state)
{
    struct sample *s = *state;
    size_t lines = 6000, cap = lines * 40 + 300000;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t k = 0;
    for (size_t i = 1; i <= lines; i++)
        k += (size_t)snprintf(text + k, cap - k, i == 4000 ? "Số:   /BC-UBND dòng %zu\n" : "Dòng thứ %zu.\n", i);
    for (size_t i = 0; i < 200000; i++)
        text[k++] = 'y';
    k += (size_t)snprintf(text + k, cap - k, " ngày  /  /2024 hết\n");
    struct vn_doc *d;
    struct vn_error err;
    assert_int_equal(vn_doc_from_bytes(s->p, "big", text, k, &d, &err), VN_OK);
    struct capture c;
    struct vn_writer *w = cap_open(&c);
    struct vn_report_opts o = {.format = VN_FMT_HTML, .include_checks = true, .file_label = "big.txt"};
    assert_int_equal(vn_report_begin(w, &o), VN_OK);
    assert_int_equal(vn_report_write(w, &o, d->records), VN_OK);
    assert_int_equal(vn_report_end(w, &o), VN_OK);
    char *out = cap_close(&c);
    assert_non_null(strstr(out, "id=\"f1-L4000\""));
    assert_non_null(strstr(out, "id=\"f1-L3998\""));
    assert_non_null(strstr(out, "id=\"f1-L4002\""));
    assert_null(strstr(out, "id=\"f1-L3997\""));
    assert_null(strstr(out, "id=\"f1-L10\""));
    assert_non_null(strstr(out, "id=\"f1-L6001\""));
    assert_non_null(strstr(out, "<span class=\"ln doubt\">6001</span><span class=\"gap\">…</span>yyy"));
    assert_true(strlen(out) < 64 * 1024);       /* not the 200 KB line */
    free(out);
    vn_doc_free(d);
    free(text);
}

static void test_jsonl_and_csv(void **state)
{
    char *out = write_batch(*state, VN_FMT_JSONL, false, false);
    size_t lines = 0;
    for (char *p = out, *nl; (nl = strchr(p, '\n')); p = nl + 1, lines++)
        if (!is_json(p, (size_t)(nl - p)))
            fail_msg("not JSON: %.*s", (int)(nl - p), p);
    assert_int_equal(count(out, "\"type\":\"check\""), 10);
    assert_true(lines > 10);
    free(out);

    out = write_batch(*state, VN_FMT_CSV, false, false);
    assert_non_null(strstr(out, "a/báo cáo.txt,7,24,check,9.275,9375,triệu đồng,difference,,,difference-remaining,,"
                                "inconsistent,"));
    assert_non_null(strstr(out, "-,4,40,check,\"26,5\",25,%,ratio,,,ratio-slash,,ambiguous,"));
    free(out);
}

static void test_write_error(void **state)
{
    struct sample *s = *state;
    FILE *full = fopen("/dev/full", "w");
    if (!full)
        skip();
    struct vn_writer *w;
    assert_int_equal(vn_writer_new(full, &w), VN_OK);
    struct vn_report_opts o = {.format = VN_FMT_SARIF, .include_checks = true, .file_label = "x"};
    vn_status st = vn_report_begin(w, &o);
    for (int i = 0; i < 200 && !st; i++)        /* more than the 64 KiB buffer */
        st = vn_report_write(w, &o, s->d->records);
    if (!st)
        st = vn_report_end(w, &o);
    assert_int_equal(st, VN_EIO);
    assert_int_equal(vn_writer_free(w), VN_EIO);
    fclose(full);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_escaping),
        cmocka_unit_test(test_html_escaping),
        cmocka_unit_test(test_terminal_text),
        cmocka_unit_test(test_decimal_vi),
        cmocka_unit_test(test_excerpt_long_line),
        cmocka_unit_test(test_excerpt_short_line),
        cmocka_unit_test(test_text_check),
        cmocka_unit_test(test_text_verbose_and_colour),
        cmocka_unit_test(test_text_extract_unchanged),
        cmocka_unit_test(test_sarif_structure),
        cmocka_unit_test(test_sarif_empty_run),
        cmocka_unit_test(test_html_page),
        cmocka_unit_test(test_html_bounded),
        cmocka_unit_test(test_jsonl_and_csv),
        cmocka_unit_test(test_write_error),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
