/* ODT and FODT: the office:body of an OpenDocument text (content.xml of
 * the ZIP, or the whole flat XML file) walked with the streaming reader.
 *
 * Everything outside office:body is skipped as a subtree: styles, and with
 * them the master pages that hold headers and footers; metadata; settings.
 * Inside, comments (office:annotation), tracked deletions
 * (text:tracked-changes), note citations (the "1" of a footnote) and the
 * titles of drawings are skipped too. White space inside paragraphs folds
 * as ODF says (text:s, text:tab and text:line-break carry the real ones).
 * Notes sit inside the paragraph that cites them: their text is diverted
 * and written as a line of its own after that paragraph or table row.
 * Merged table cells: a spanning cell is followed by covered cells, each
 * written as an empty cell; when a writer leaves covered cells out, empty
 * cells are added so the columns stay aligned. */
#include <stdio.h>
#include <string.h>

#include "ingest/ingest_internal.h"
#include "ingest/xml.h"

#define OFFICE_NS "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define TEXT_NS "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define TABLE_NS "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define SVG_NS "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"

struct odt {
    struct vn_xml x;
    struct vn_tb *tb;
    uint8_t part;
    bool in_body;
    uint32_t n_para, n_tbl, n_note;
    int p_depth, tbl_depth, note_depth;
    bool grid;              /* the open top-level table is laid out as rows */
    uint32_t table, row, col;
    uint32_t cover;         /* columns a spanning cell still owes covered cells for */
    uint32_t repeat;        /* number-columns-repeated of the open cell */
};

static bool in_grid(const struct odt *o)
{
    return o->grid && o->tbl_depth == 1;
}

static vn_status empty_cells(struct odt *o, uint32_t n)
{
    vn_status st = VN_OK;
    for (uint32_t k = 0; k < n && o->col < VN_TB_MAX_COLS && !st; k++)
        st = vn_tb_cell(o->tb, ++o->col, 0);
    return st;
}

static uint32_t attr(struct odt *o, const char *ns, const char *name, uint32_t def, uint32_t max)
{
    return vn_xml_attr_uint(&o->x, ns, name, def, max);
}

static vn_status text_start(struct odt *o, const char *n, bool *skip)
{
    struct vn_tb *tb = o->tb;
    if (!strcmp(n, "p") || !strcmp(n, "h")) {
        o->n_para++;
        o->p_depth++;
        if (o->note_depth) {
            vn_tb_note_para(tb, o->n_para);
            vn_tb_soft_space(tb);
        } else if (o->tbl_depth > 0) {
            vn_tb_cell_para(tb, o->n_para);
            vn_tb_soft_space(tb);
        } else if (o->p_depth == 1) {
            vn_tb_set_line(tb, o->part, VN_SRC_PARAGRAPH, o->n_para, 0, 0);
        } else {
            vn_tb_soft_space(tb);
        }
        return VN_OK;
    }
    if (!strcmp(n, "s")) {
        static const char spaces[] = "                                ";
        uint32_t c = attr(o, TEXT_NS, "c", 1, 1024);
        vn_status st = VN_OK;
        for (; c > 0 && !st; c -= c < 32 ? c : 32)
            st = vn_tb_text(tb, spaces, c < 32 ? c : 32);
        return st;
    }
    if (!strcmp(n, "tab"))
        return vn_tb_text(tb, " ", 1);
    if (!strcmp(n, "line-break")) {
        if (!o->note_depth && o->tbl_depth == 0 && o->p_depth == 1)
            return vn_tb_end_line(tb);
        vn_tb_soft_space(tb);
        return VN_OK;
    }
    if (!strcmp(n, "note")) {
        o->n_note++;
        if (o->note_depth++ == 0) {
            uint8_t kind = vn_xml_attr_is(&o->x, TEXT_NS, "note-class", "endnote") ? VN_SRC_ENDNOTE : VN_SRC_FOOTNOTE;
            return vn_tb_note_begin(tb, o->part, kind, o->n_note);
        }
        return VN_OK;
    }
    if (!strcmp(n, "note-citation") || !strcmp(n, "tracked-changes"))
        *skip = true;
    return VN_OK;
}

static vn_status cell_start(struct odt *o, bool covered)
{
    uint32_t rep = attr(o, TABLE_NS, "number-columns-repeated", 1, VN_TB_MAX_COLS);
    if (!rep)
        rep = 1;
    vn_status st = VN_OK;
    if (covered) {
        for (uint32_t k = 0; k < rep && !st; k++) {
            if (o->cover)
                o->cover--;
            st = empty_cells(o, 1);
        }
        o->repeat = 0;
        return st;
    }
    /* covered cells a writer left out after a spanning cell */
    st = empty_cells(o, o->cover);
    o->cover = attr(o, TABLE_NS, "number-columns-spanned", 1, VN_TB_MAX_COLS);
    o->cover = o->cover ? o->cover - 1 : 0;
    o->repeat = rep;
    if (!st && o->col < VN_TB_MAX_COLS)
        st = vn_tb_cell(o->tb, ++o->col, 0);
    return st;
}

static vn_status table_start(struct odt *o, const char *n)
{
    struct vn_tb *tb = o->tb;
    if (!strcmp(n, "table")) {
        o->n_tbl++;
        if (++o->tbl_depth == 1 && !o->note_depth && o->p_depth == 0) {
            o->grid = true;
            o->table = o->n_tbl;
            o->row = 0;
        } else {
            vn_tb_soft_space(tb);
        }
    } else if (!strcmp(n, "table-row")) {
        if (in_grid(o)) {
            vn_tb_set_line(tb, o->part, VN_SRC_TABLE_ROW, 0, o->table, ++o->row);
            o->col = o->cover = 0;
        } else {
            vn_tb_soft_space(tb);
        }
    } else if (!strcmp(n, "table-cell") || !strcmp(n, "covered-table-cell")) {
        if (in_grid(o))
            return cell_start(o, n[0] == 'c');
        vn_tb_soft_space(tb);
    }
    return VN_OK;
}

static vn_status end(struct odt *o, const char *uri, const char *n)
{
    struct vn_tb *tb = o->tb;
    vn_status st = VN_OK;
    if (!strcmp(uri, TEXT_NS)) {
        if (!strcmp(n, "p") || !strcmp(n, "h")) {
            o->p_depth--;
            if (!o->note_depth && o->p_depth == 0 && o->tbl_depth == 0 && !(st = vn_tb_end_line(tb)))
                st = vn_tb_flush_notes(tb);
            else if (o->p_depth > 0)    /* a frame's paragraph inside a paragraph */
                vn_tb_soft_space(tb);
        } else if (!strcmp(n, "note") && --o->note_depth == 0) {
            vn_tb_note_end(tb);
            st = vn_tb_cite(tb, tb->n_notes - 1);
        }
    } else if (!strcmp(uri, TABLE_NS)) {
        if (!strcmp(n, "table")) {
            if (--o->tbl_depth == 0)
                o->grid = false;
        } else if (!strcmp(n, "table-cell") && in_grid(o)) {
            /* repeated cells: the content once, then empty cells */
            st = empty_cells(o, o->repeat > 1 ? o->repeat - 1 : 0);
            o->repeat = 0;
        } else if (!strcmp(n, "table-row") && in_grid(o)) {
            if (!(st = empty_cells(o, o->cover)) && !(st = vn_tb_end_line(tb)))
                st = vn_tb_flush_notes(tb);
            o->cover = 0;
        }
    } else if (!strcmp(uri, OFFICE_NS) && !strcmp(n, "body")) {
        o->in_body = false;
    }
    return st;
}

static vn_status start(struct odt *o, const char *uri, const char *n, bool *skip)
{
    if (!strcmp(uri, OFFICE_NS)) {
        if (!strcmp(n, "body"))
            o->in_body = true;
        else if (!o->in_body && strcmp(n, "document") && strcmp(n, "document-content"))
            *skip = true;   /* styles (headers, footers), meta, settings, scripts */
        else if (!strcmp(n, "annotation"))
            *skip = true;
        return VN_OK;
    }
    if (!o->in_body) {
        *skip = true;
        return VN_OK;
    }
    if (!strcmp(uri, TEXT_NS))
        return text_start(o, n, skip);
    if (!strcmp(uri, TABLE_NS))
        return table_start(o, n);
    if (!strcmp(uri, SVG_NS) && (!strcmp(n, "title") || !strcmp(n, "desc")))
        *skip = true;
    return VN_OK;
}

vn_status vn_odt_part(const char *xml, size_t len, const char *format, enum vn_src_part part, struct vn_tb *tb,
                      struct vn_error *err)
{
    char what[64];
    snprintf(what, sizeof what, "%s%s%s", format, part ? " " : "", part ? vn_src_part_name(part) : "");
    struct odt o = {.tb = tb, .part = (uint8_t)part};
    vn_status st = vn_xml_open(&o.x, xml, len, what, err);
    if (st)
        return st;
    xmlTextReaderPtr r = o.x.r;
    bool skip = false, root = false;
    int rc = 0;
    while (!st && (rc = vn_xml_next(&o.x, skip, err)) == 1) {
        skip = false;
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
            type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_CDATA) {
            if (o.in_body && (o.p_depth > 0 || o.note_depth > 0)) {
                const char *v = (const char *)xmlTextReaderConstValue(r);
                st = v ? vn_tb_text_fold(tb, v, strlen(v)) : VN_OK;
            }
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT && type != XML_READER_TYPE_END_ELEMENT)
            continue;
        const char *uri = (const char *)xmlTextReaderConstNamespaceUri(r);
        const char *name = (const char *)xmlTextReaderConstLocalName(r);
        if (!root) {
            root = true;
            if (!uri || strcmp(uri, OFFICE_NS) != 0) {
                st = vn_ingest_fail(err, VN_EENCODING, 0, "%s: the root element is not an OpenDocument one", what);
                break;
            }
        }
        if (!uri)
            continue;
        if (type == XML_READER_TYPE_END_ELEMENT) {
            st = end(&o, uri, name);
            continue;
        }
        bool empty = xmlTextReaderIsEmptyElement(r) == 1;
        st = start(&o, uri, name, &skip);
        if (!st && empty && !skip)
            st = end(&o, uri, name);
    }
    if (!st && rc < 0)
        st = o.x.status;
    else if (st == VN_ETOOBIG)
        st = vn_ingest_fail(err, st, 0, "%s: the text made from it is over the input limit", what);
    else if (st == VN_ENOMEM)
        st = vn_ingest_fail(err, st, 0, "%s: out of memory", what);
    vn_xml_close(&o.x);
    return st;
}
