/* Source locations of a document's lines: lookups over the per-line and
 * per-cell maps that the text builder kept. */
#include "vnaudit/ingest.h"

const char *vn_src_part_name(enum vn_src_part p)
{
    switch (p) {
    case VN_PART_NONE: return "";
    case VN_PART_DOCX_DOCUMENT: return "word/document.xml";
    case VN_PART_DOCX_FOOTNOTES: return "word/footnotes.xml";
    case VN_PART_DOCX_ENDNOTES: return "word/endnotes.xml";
    case VN_PART_ODT_CONTENT: return "content.xml";
    case VN_PART_PDF_TEXT: return "";
    case VN_PART_OCR: return "";
    }
    return "";
}

const char *vn_input_format_name(enum vn_input_format f)
{
    switch (f) {
    case VN_IN_TEXT: return "text";
    case VN_IN_DOCX: return "docx";
    case VN_IN_ODT: return "odt";
    case VN_IN_FODT: return "fodt";
    case VN_IN_HTML: return "html";
    case VN_IN_PDF: return "pdf";
    case VN_IN_OLE2: return "ole2";
    case VN_IN_DOC: return "doc";
    case VN_IN_RTF: return "rtf";
    case VN_IN_PNG: return "png";
    case VN_IN_JPEG: return "jpeg";
    case VN_IN_TIFF: return "tiff";
    case VN_IN_GIF: return "gif";
    case VN_IN_ZIP: return "zip";
    }
    return "text";
}

/* The cells of line i: [*first, *end). */
static void cell_range(const struct vn_text *t, size_t i, size_t *first, size_t *end)
{
    const struct vn_src_line *l = &t->src_lines[i];
    *first = l->kind == VN_SRC_TABLE_ROW ? l->first_cell : 0;
    *end = l->kind != VN_SRC_TABLE_ROW ? 0 : i + 1 < t->n_src_lines ? t->src_lines[i + 1].first_cell : t->n_src_cells;
    if (*end > t->n_src_cells || *first > *end)
        *first = *end = 0;
}

static bool fill(const struct vn_text *t, size_t line, const struct vn_src_cell *c, struct vn_source *out)
{
    const struct vn_src_line *l = &t->src_lines[line - 1];
    bool html = t->format == VN_IN_HTML;
    uint32_t para = c && c->para ? c->para : l->para;
    *out = (struct vn_source){
        .format = t->format,
        .part = *vn_src_part_name((enum vn_src_part)l->part) ? vn_src_part_name((enum vn_src_part)l->part) : NULL,
        .kind = (enum vn_src_kind)l->kind,
        .paragraph = html ? 0 : para,
        .src_line = html ? para : 0,
        .table = l->table,
        .row = l->row,
        .column = c ? c->col : 0,
        .note = l->note,
        .page = l->page,
        .box = c && (c->box.x1 || c->box.y1) ? c->box : l->box,
    };
    return true;
}

bool vn_text_source(const struct vn_text *t, size_t line, size_t col, struct vn_source *out)
{
    if (!t || !t->src_lines || line == 0 || line > t->n_src_lines)
        return false;
    size_t first, end;
    cell_range(t, line - 1, &first, &end);
    if (first == end)
        return fill(t, line, NULL, out);
    /* the last cell starting at or before col */
    size_t lo = first, hi = end;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->src_cells[mid].off <= col)
            lo = mid;
        else
            hi = mid;
    }
    return fill(t, line, &t->src_cells[lo], out);
}

bool vn_text_source_cell(const struct vn_text *t, size_t line, size_t cell, struct vn_source *out)
{
    if (!t || !t->src_lines || line == 0 || line > t->n_src_lines)
        return false;
    size_t first, end;
    cell_range(t, line - 1, &first, &end);
    return fill(t, line, cell < end - first ? &t->src_cells[first + cell] : NULL, out);
}
