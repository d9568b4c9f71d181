/* Documents in memory and on disk: layout of tables (spans, covered
 * cells), notes, and the source map with its lookups and JSON field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report/report_internal.h"
#include "vnaudit/vnaudit.h"

#define DOCS VNAUDIT_SOURCE_DIR "/fixtures/docs/"

static struct vn_text *load(const char *name)
{
    struct vn_text *t = NULL;
    struct vn_error e;
    memset(&e, 0, sizeof e);
    vn_status st = vn_text_read_file(name, NULL, &t, &e);
    if (st)
        fail_msg("%s: %s", name, e.message);
    return t;
}

static struct vn_text *from(const char *s)
{
    struct vn_text *t = NULL;
    struct vn_error e;
    memset(&e, 0, sizeof e);
    if (vn_text_from_bytes(s, strlen(s), &t, &e))
        fail_msg("%s", e.message);
    return t;
}

/* byte offset of `needle` in line `line` of t */
static size_t col_of(const struct vn_text *t, size_t line, const char *needle)
{
    const char *p = t->data;
    for (size_t l = 1; l < line; l++)
        p = strchr(p, '\n') + 1;
    const char *q = strstr(p, needle);
    assert_non_null(q);
    return (size_t)(q - p);
}

static void html_spans(void **state)
{
    (void)state;
    struct vn_text *t = from("<table><tr><td rowspan=2>a</td><td colspan=2>b</td></tr>"
                             "<tr><td>c</td><td>d<br>e</td></tr></table><p>sau</p>");
    assert_int_equal(t->format, VN_IN_HTML);
    assert_string_equal(t->data, "a\tb\t\n\tc\td e\nsau\n");
    vn_text_free(t);
}

static void html_notes_follow_their_line(void **state)
{
    (void)state;
    /* pandoc's marks and LibreOffice's, one cited from a table cell */
    struct vn_text *t = from(
        "<p>Vốn 5 tỷ đồng<a href=\"#fn1\" class=\"footnote-ref\" id=\"fnref1\"><sup>1</sup></a>.</p>"
        "<table><tr><td>A<a class=\"sdfootnoteanc\" href=\"#sdfootnote2sym\"><sup>2</sup></a></td><td>B</td></tr>"
        "</table><p>Sau.</p>"
        "<section class=\"footnotes\"><hr/><ol><li id=\"fn1\"><p>Ghi chú một."
        "<a href=\"#fnref1\" class=\"footnote-back\">↩︎</a></p></li></ol></section>"
        "<div id=\"sdfootnote2\"><p><a class=\"sdfootnotesym\" href=\"#sdfootnote2anc\">2</a>Ghi chú hai.</p></div>");
    assert_string_equal(t->data, "Vốn 5 tỷ đồng.\nGhi chú một.\nA\tB\nGhi chú hai.\nSau.\n");
    struct vn_source s;
    assert_true(vn_text_source(t, 2, 0, &s));
    assert_int_equal(s.kind, VN_SRC_FOOTNOTE);
    assert_int_equal(s.note, 1);
    assert_true(vn_text_source(t, 4, 0, &s));
    assert_int_equal(s.kind, VN_SRC_FOOTNOTE);
    assert_int_equal(s.note, 2);
    vn_text_free(t);
}

static void html_long_attribute_values(void **state)
{
    (void)state;
    /* values past the cap (64 KiB) are cut before parsing: the text around
       them, a short value after them and a long quoted run in a comment
       are kept; a cut never splits a UTF-8 sequence */
    size_t big = 70000;
    char *page = malloc(3 * big + 1000);
    assert_non_null(page);
    char *w = page;
    w += sprintf(w, "<html><body><p title=\"");
    for (size_t i = 0; i < big; i++)
        *w++ = (i % 3 == 2) ? 'x' : (i % 3 == 0 ? '\xC3' : '\xA1');     /* á x á x ...: byte 65536 continues a sequence */
    w += sprintf(w, "\" class=\"a\">Vốn 5 tỷ đồng</p><!-- \"");
    memset(w, 'z', big);
    w += big;
    w += sprintf(w, "\" --><p>Chi 2 tỷ đồng</p><table><tr><td colspan=\"2\" data-x='");
    memset(w, 'q', big);
    w += big;
    w += sprintf(w, "'>C</td><td>D</td></tr></table></body></html>");
    struct vn_text *t = NULL;
    assert_int_equal(vn_text_from_bytes(page, (size_t)(w - page), &t, NULL), VN_OK);
    assert_string_equal(t->data, "Vốn 5 tỷ đồng\nChi 2 tỷ đồng\nC\t\tD\n");
    assert_int_equal(t->n_issues_total, 0);
    vn_text_free(t);
    free(page);
}

/* Quotes that are no attribute value to libxml2 (an apostrophe in an
 * unquoted value, a doubled quote, a quote in a script) never make the cap
 * cut the page: the figure 64 KiB on is still read. */
static void html_stray_quotes_cut_nothing(void **state)
{
    (void)state;
    const char *heads[] = {"<p title=it's>", "<p><a href=\"x\"\">a</a>",
                           "<script>var s = \"<a href='\";</script><p>"};
    for (size_t k = 0; k < sizeof heads / sizeof *heads; k++) {
        size_t fill = 70000;
        char *page = malloc(fill + 200);
        assert_non_null(page);
        char *w = page + sprintf(page, "%s", heads[k]);
        for (size_t i = 0; i < fill / 2; i++, w += 2)
            memcpy(w, "x ", 2);
        w += sprintf(w, "Tổng 5 tỷ đồng</p><p>'\"</p>");
        struct vn_text *t = NULL;
        assert_int_equal(vn_text_from_bytes(page, (size_t)(w - page), &t, NULL), VN_OK);
        if (!strstr(t->data, "Tổng 5 tỷ đồng"))
            fail_msg("case %zu: the text after the stray quote was lost (%zu bytes kept)", k, t->len);
        vn_text_free(t);
        free(page);
    }
}

static void fodt_missing_covered_cells(void **state)
{
    (void)state;
    /* a writer that leaves out the covered cell after a spanning one, and
       a repeated empty cell */
    struct vn_text *t = from(
        "<?xml version=\"1.0\"?><office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
        "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\">"
        "<office:master-styles><text:p>Header text</text:p></office:master-styles>"
        "<office:body><office:text><text:p>Vốn<text:s text:c=\"2\"/>5 tỷ<text:note text:note-class=\"footnote\">"
        "<text:note-citation>1</text:note-citation><text:note-body><text:p>Ghi chú 1.</text:p></text:note-body>"
        "</text:note> đồng.</text:p>"
        "<table:table><table:table-row><table:table-cell table:number-columns-spanned=\"2\"><text:p>A</text:p>"
        "</table:table-cell><table:table-cell><text:p>B</text:p></table:table-cell></table:table-row>"
        "<table:table-row><table:table-cell table:number-columns-repeated=\"2\"/><table:table-cell>"
        "<text:p>C</text:p></table:table-cell></table:table-row></table:table>"
        "</office:text></office:body></office:document>");
    assert_int_equal(t->format, VN_IN_FODT);
    assert_string_equal(t->data, "Vốn  5 tỷ đồng.\nGhi chú 1.\nA\t\tB\n\t\tC\n");
    struct vn_source s;
    assert_true(vn_text_source(t, 2, 0, &s));
    assert_int_equal(s.kind, VN_SRC_FOOTNOTE);
    assert_int_equal(s.note, 1);
    assert_int_equal(s.paragraph, 2);
    assert_null(s.part);
    assert_true(vn_text_source_cell(t, 3, 1, &s));
    assert_int_equal(s.column, 2);
    assert_int_equal(s.row, 1);
    vn_text_free(t);
}

static void docx_report_map(void **state)
{
    (void)state;
    struct vn_text *t = load(DOCS "report.pandoc.docx");
    assert_int_equal(t->format, VN_IN_DOCX);
    struct vn_source s;
    assert_true(vn_text_source(t, 1, 0, &s));
    assert_string_equal(s.part, "word/document.xml");
    assert_int_equal(s.kind, VN_SRC_PARAGRAPH);
    assert_int_equal(s.paragraph, 1);
    /* the footnote follows its paragraph */
    assert_true(vn_text_source(t, 9, 0, &s));
    assert_string_equal(s.part, "word/footnotes.xml");
    assert_int_equal(s.kind, VN_SRC_FOOTNOTE);
    assert_true(s.note > 0);
    /* the "Tổng cộng" row: table 1, row 6; 38.640 in column 3 */
    size_t c = col_of(t, 16, "38.640");
    assert_true(vn_text_source(t, 16, c, &s));
    assert_int_equal(s.kind, VN_SRC_TABLE_ROW);
    assert_int_equal(s.table, 1);
    assert_int_equal(s.row, 6);
    assert_int_equal(s.column, 3);
    assert_true(s.paragraph > 0);
    assert_true(vn_text_source_cell(t, 16, 1, &s));
    assert_int_equal(s.column, 2);
    assert_false(vn_text_source(t, 0, 0, &s));
    assert_false(vn_text_source(t, t->n_src_lines + 1, 0, &s));
    vn_text_free(t);
}

static void merged_columns(void **state)
{
    (void)state;
    const char *files[] = {DOCS "table-merged.docx", DOCS "table-merged.odt", DOCS "table-merged.fodt",
                           DOCS "table-merged.html"};
    for (size_t i = 0; i < 4; i++) {
        struct vn_text *t = load(files[i]);
        struct vn_source s;
        /* "Đã giải ngân" spans columns 5-6 of the first row */
        assert_true(vn_text_source(t, 2, col_of(t, 2, "Đã giải ngân"), &s));
        assert_int_equal(s.column, 5);
        assert_int_equal(s.row, 1);
        /* "Tổng cộng" spans 1-2; 11.110 is column 3 of row 7 */
        assert_true(vn_text_source(t, 8, col_of(t, 8, "11.110"), &s));
        assert_int_equal(s.column, 3);
        assert_int_equal(s.row, 7);
        if (t->format == VN_IN_HTML)
            assert_int_equal(s.src_line, 16);
        vn_text_free(t);
    }
}

static void plain_text_has_no_map(void **state)
{
    (void)state;
    struct vn_text *t = from("Vốn 5 triệu đồng\n");
    struct vn_source s;
    assert_int_equal(t->format, VN_IN_TEXT);
    assert_false(vn_text_source(t, 1, 0, &s));
    vn_text_free(t);
}

static void json_source_field(void **state)
{
    (void)state;
    struct vn_text *t = load(DOCS "report.lo.docx");
    struct vn_normalizer *n;
    struct vn_normtext *nt;
    assert_int_equal(vn_normalizer_new(&n), VN_OK);
    assert_int_equal(vn_normalize(n, t->data, t->len, &nt), VN_OK);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    struct vn_writer *w;
    assert_int_equal(vn_writer_new(f, &w), VN_OK);
    const char *line = nt->data + nt->line_start[15];
    vn_w_source(w, t, nt, 16, (size_t)(strstr(line, "38.640") - nt->data));
    vn_w_char(w, '\n');
    vn_w_source(w, t, nt, 1, 0);
    assert_int_equal(vn_writer_free(w), VN_OK);
    fclose(f);
    assert_non_null(strstr(buf, ",\"source\":{\"format\":\"docx\",\"kind\":\"table_cell\","
                                "\"part\":\"word/document.xml\",\"paragraph\":"));
    assert_non_null(strstr(buf, ",\"table\":1,\"row\":6,\"column\":3}\n"));
    assert_non_null(strstr(buf, "\n,\"source\":{\"format\":\"docx\",\"kind\":\"paragraph\","
                                "\"part\":\"word/document.xml\",\"paragraph\":1}"));
    free(buf);
    vn_normtext_free(nt);
    vn_normalizer_free(n);
    vn_text_free(t);
}

static void errors_name_the_part(void **state)
{
    (void)state;
    struct vn_text *t = NULL;
    struct vn_error e;
    memset(&e, 0, sizeof e);
    const char *bad = "<?xml version=\"1.0\"?><office:document "
                      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"><office:body>";
    assert_int_not_equal(vn_text_from_bytes(bad, strlen(bad), &t, &e), VN_OK);
    assert_null(t);
    assert_non_null(strstr(e.message, "FODT"));
    assert_non_null(strstr(e.message, "well-formed"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(html_spans),
        cmocka_unit_test(html_notes_follow_their_line),
        cmocka_unit_test(html_long_attribute_values),
        cmocka_unit_test(html_stray_quotes_cut_nothing),
        cmocka_unit_test(fodt_missing_covered_cells),
        cmocka_unit_test(docx_report_map),
        cmocka_unit_test(merged_columns),
        cmocka_unit_test(plain_text_has_no_map),
        cmocka_unit_test(json_source_field),
        cmocka_unit_test(errors_name_the_part),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
