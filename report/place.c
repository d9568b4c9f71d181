/* Where a finding is in the original document, for a person: "table 1,
 * row 4, column 5", "paragraph 12", "footnote 3", "HTML line 57" (or in
 * Vietnamese "bảng 1, dòng 4, cột 5", ...), from the source map ingest
 * keeps for DOCX, ODT, FODT and HTML inputs. Plain text has none: its line
 * is the place. */
#include "report/report_internal.h"
#include "vnaudit/ingest.h"
#include "vnaudit/normalize.h"

bool vn_place_of(const struct vn_text *raw, const struct vn_normtext *text, size_t line, size_t off,
                 struct vn_source *out)
{
    if (!raw || !text || raw->format == VN_IN_TEXT || line == 0 || line > text->n_lines)
        return false;
    /* normalization keeps lines and TABs: the cell is the TABs before off */
    size_t cell = 0;
    for (size_t i = text->line_start[line - 1]; i < off && i < text->len; i++)
        cell += text->data[i] == '\t';
    return vn_text_source_cell(raw, line, cell, out);
}

void vn_w_place(struct vn_writer *w, const struct vn_catalog *cat, const struct vn_source *s)
{
    switch (s->kind) {
    case VN_SRC_FOOTNOTE:
        vn_w_printf(w, vn_tr(cat, "footnote %u"), s->note);
        return;
    case VN_SRC_ENDNOTE:
        vn_w_printf(w, vn_tr(cat, "endnote %u"), s->note);
        return;
    case VN_SRC_TABLE_ROW:
        if (s->table && s->row) {
            vn_w_printf(w, vn_tr(cat, "table %u, row %u"), s->table, s->row);
            if (s->column)
                vn_w_printf(w, vn_tr(cat, ", column %u"), s->column);
            return;
        }
        break;
    case VN_SRC_PARAGRAPH:
        break;
    }
    if (s->src_line)
        vn_w_printf(w, vn_tr(cat, "HTML line %u"), s->src_line);
    else if (s->paragraph)
        vn_w_printf(w, vn_tr(cat, "paragraph %u"), s->paragraph);
}

bool vn_w_place_of(struct vn_writer *w, const struct vn_report_opts *o, const struct vn_records *r, size_t line,
                   size_t off, const char *before, const char *after)
{
    struct vn_source s;
    if (!vn_place_of(o->raw, r->text, line, off, &s))
        return false;
    if (!s.paragraph && !s.src_line && !s.table && !s.note)
        return false;
    vn_w_str(w, before);
    vn_w_place(w, vn_catalog_for(o->lang), &s);
    vn_w_str(w, after);
    return true;
}
