/* The "source" field of a JSON record: where in the original document
 * (part, paragraph, table, row, column, note) a record was read.
 *
 * Normalization keeps lines and TABs, so the cell of a record is the
 * number of TABs before it on its line of the normalized text; byte
 * columns are not used, since NFC and space folding may move them. */
#include "report/report_internal.h"
#include "vnaudit/ingest.h"
#include "vnaudit/normalize.h"

static const char *kind_name(enum vn_src_kind k)
{
    switch (k) {
    case VN_SRC_PARAGRAPH: return "paragraph";
    case VN_SRC_TABLE_ROW: return "table_cell";
    case VN_SRC_FOOTNOTE: return "footnote";
    case VN_SRC_ENDNOTE: return "endnote";
    }
    return "paragraph";
}

static void field(struct vn_writer *w, const char *key, uint32_t v)
{
    if (!v)
        return;
    vn_w_printf(w, ",\"%s\":", key);
    vn_w_uint(w, v);
}

void vn_w_source(struct vn_writer *w, const struct vn_text *raw, const struct vn_normtext *text, size_t line,
                 size_t off)
{
    if (!raw || !text || raw->format == VN_IN_TEXT || line == 0 || line > text->n_lines)
        return;
    size_t cell = 0;
    if (line <= raw->n_src_lines && raw->src_lines[line - 1].kind == VN_SRC_TABLE_ROW) {
        /* TABs before off on its line, counted on from the last record's
           place when it is on the same line and before (records come in
           order): a long row costs one scan, not one per record */
        struct vn_src_cursor *c = &w->src;
        size_t from = text->line_start[line - 1];
        if (c->text == text && c->line == line && c->off <= off) {
            from = c->off;
            cell = c->cell;
        }
        size_t end = off < text->len ? off : text->len;
        for (const char *p = text->data + from, *e = text->data + end;
             p < e && (p = memchr(p, '\t', (size_t)(e - p))) != NULL; p++)
            cell++;
        *c = (struct vn_src_cursor){text, line, end, cell};
    }
    struct vn_source s;
    if (!vn_text_source_cell(raw, line, cell, &s))
        return;
    vn_w_str(w, ",\"source\":{\"format\":\"");
    vn_w_str(w, vn_input_format_name(s.format));
    vn_w_str(w, "\",\"kind\":\"");
    vn_w_str(w, kind_name(s.kind));
    vn_w_char(w, '"');
    if (s.part) {
        vn_w_str(w, ",\"part\":");
        vn_w_json_str(w, s.part, strlen(s.part));
    }
    field(w, "paragraph", s.paragraph);
    field(w, "html_line", s.src_line);
    field(w, "table", s.table);
    field(w, "row", s.row);
    field(w, "column", s.column);
    field(w, s.kind == VN_SRC_ENDNOTE ? "endnote" : "footnote", s.note);
    field(w, "page", s.page);
    if (s.page && (s.box.x1 || s.box.y1))
        vn_w_printf(w, ",\"box\":[%u,%u,%u,%u]", s.box.x0, s.box.y0, s.box.x1, s.box.y1);
    if (raw->src_lines[line - 1].part == VN_PART_OCR)
        vn_w_str(w, ",\"ocr\":true");
    vn_w_char(w, '}');
}
