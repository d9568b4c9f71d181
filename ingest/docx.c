/* DOCX: WordprocessingML parts (word/document.xml, footnotes, endnotes)
 * walked with the streaming reader, one node at a time, never as a tree.
 *
 * Only w:t holds text (w:delText of deleted runs and w:instrText of field
 * codes do not). Paragraph properties, run properties and section
 * properties are skipped as subtrees (their w:tab elements are tab stops,
 * not tabs), and so is mc:Fallback, which repeats what mc:Choice says.
 * Paragraphs nested in a paragraph (text boxes) join it with a space; a
 * table nested in a cell, or in a text box, is flattened into its cell.
 * A run in a legacy Vietnamese font (its w:rFonts, else the default font
 * of styles.xml) has its text decoded with that font's table
 * (docx_fonts.c); run properties are read for that alone. */
#include <stdio.h>
#include <string.h>

#include "ingest/ingest_internal.h"
#include "ingest/legacy.h"
#include "ingest/xml.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
/* Office Math (OMML): an equation's text runs (m:t) are kept as text, so
 * "09/281 = 3,3%" typed as an equation reads like the rest */
#define M_NS "http://schemas.openxmlformats.org/officeDocument/2006/math"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"

struct docx {
    struct vn_xml x;
    struct vn_tb *tb;
    const char *ns;         /* the WordprocessingML namespace of this part */
    uint8_t part;
    bool notes;             /* a footnotes or endnotes part */
    uint32_t n_para, n_tbl; /* w:p and w:tbl seen so far */
    int p_depth, tbl_depth;
    bool in_t;
    bool grid;              /* the open top-level table is laid out as rows */
    uint32_t table, row, col, span, grid_after;
    /* legacy fonts */
    bool in_run, in_rpr, run_text;
    enum vn_legacy def_enc, run_enc;
    bool def_upper, run_upper;
    struct vn_legacy_table tabs[VN_LEGACY_LAST + 1];
    struct vn_buf conv;
};

/* The text of a run in a legacy font, decoded. */
static vn_status legacy_text(struct docx *d, const char *v, size_t n)
{
    struct vn_legacy_table *tab = &d->tabs[d->run_enc];
    if (!tab->enc) {
        vn_status st = vn_legacy_table_load(d->run_enc, tab);
        if (st)
            return st;
    }
    d->conv.len = 0;
    vn_status st = vn_legacy_from_chars(tab, v, n, d->run_upper, &d->conv);
    d->run_text = true;
    return st ? st : vn_tb_text(d->tb, d->conv.data, d->conv.len);
}

static void set_font(struct docx *d)
{
    char font[64];
    vn_docx_rfonts(d->x.r, font, sizeof font);
    if (font[0])
        d->run_enc = vn_legacy_font(font, strlen(font), &d->run_upper);
}

static bool in_grid(const struct docx *d)
{
    return d->grid && d->tbl_depth == 1;
}

static vn_status empty_cells(struct docx *d, uint32_t n)
{
    vn_status st = VN_OK;
    for (uint32_t k = 0; k < n && d->col < VN_TB_MAX_COLS && !st; k++)
        st = vn_tb_cell(d->tb, ++d->col, 0);
    return st;
}

static uint32_t val(struct docx *d, uint32_t def)
{
    return vn_xml_attr_uint(&d->x, d->ns, "val", def, VN_TB_MAX_COLS);
}

static vn_status start(struct docx *d, const char *n, bool *skip)
{
    struct vn_tb *tb = d->tb;
    if (!strcmp(n, "rPr") && d->in_run && !d->in_rpr) {
        d->in_rpr = true;   /* read for w:rFonts */
        return VN_OK;
    }
    if (d->in_rpr) {
        if (!strcmp(n, "rFonts"))
            set_font(d);
        else if (!strcmp(n, "rPrChange"))
            *skip = true;   /* the formatting before a tracked change */
        return VN_OK;
    }
    if (!strcmp(n, "pPr") || !strcmp(n, "rPr") || !strcmp(n, "sectPr")) {
        *skip = true;
        return VN_OK;
    }
    if (!strcmp(n, "r")) {
        d->in_run = true;
        d->run_text = false;
        d->run_enc = d->def_enc;
        d->run_upper = d->def_upper;
        return VN_OK;
    }
    if (!strcmp(n, "p")) {
        d->n_para++;
        d->p_depth++;
        if (d->notes) {
            vn_tb_note_para(tb, d->n_para);
            vn_tb_soft_space(tb);
        } else if (d->tbl_depth > 0) {
            vn_tb_cell_para(tb, d->n_para);
            vn_tb_soft_space(tb);
        } else if (d->p_depth == 1) {
            vn_tb_set_line(tb, d->part, VN_SRC_PARAGRAPH, d->n_para, 0, 0);
        } else {
            vn_tb_soft_space(tb);
        }
        return VN_OK;
    }
    if (!strcmp(n, "t")) {
        d->in_t = true;
        return VN_OK;
    }
    if (!strcmp(n, "tab") || !strcmp(n, "ptab"))
        return vn_tb_text(tb, " ", 1);
    if (!strcmp(n, "noBreakHyphen"))
        return vn_tb_text(tb, "-", 1);
    if (!strcmp(n, "br") || !strcmp(n, "cr")) {
        if (!d->notes && d->tbl_depth == 0 && d->p_depth == 1)
            return vn_tb_end_line(tb);
        vn_tb_soft_space(tb);
        return VN_OK;
    }
    if (!d->notes && (!strcmp(n, "footnoteReference") || !strcmp(n, "endnoteReference"))) {
        uint8_t kind = n[0] == 'f' ? VN_SRC_FOOTNOTE : VN_SRC_ENDNOTE;
        size_t idx;
        if (vn_tb_note_find(tb, kind, vn_xml_attr_uint(&d->x, d->ns, "id", 0, UINT32_MAX), &idx))
            return vn_tb_cite(tb, idx);
        return VN_OK;
    }
    if (d->notes && (!strcmp(n, "footnote") || !strcmp(n, "endnote"))) {
        uint8_t kind = n[0] == 'f' ? VN_SRC_FOOTNOTE : VN_SRC_ENDNOTE;
        return vn_tb_note_begin(tb, d->part, kind, vn_xml_attr_uint(&d->x, d->ns, "id", 0, UINT32_MAX));
    }
    if (!strcmp(n, "tbl")) {
        d->n_tbl++;
        d->tbl_depth++;
        if (d->tbl_depth == 1 && !d->notes && d->p_depth == 0) {
            d->grid = true;
            d->table = d->n_tbl;
            d->row = 0;
        } else {
            vn_tb_soft_space(tb);
        }
        return VN_OK;
    }
    if (!strcmp(n, "tr")) {
        if (in_grid(d)) {
            vn_tb_set_line(tb, d->part, VN_SRC_TABLE_ROW, 0, d->table, ++d->row);
            d->col = d->grid_after = 0;
        } else {
            vn_tb_soft_space(tb);
        }
        return VN_OK;
    }
    if (!strcmp(n, "tc")) {
        if (in_grid(d)) {
            d->span = 1;
            if (d->col < VN_TB_MAX_COLS)
                return vn_tb_cell(tb, d->col + 1, 0);
        } else {
            vn_tb_soft_space(tb);
        }
        return VN_OK;
    }
    if (in_grid(d) && !strcmp(n, "gridSpan"))
        d->span = val(d, 1);
    else if (in_grid(d) && !strcmp(n, "gridBefore"))
        return empty_cells(d, val(d, 0));
    else if (in_grid(d) && !strcmp(n, "gridAfter"))
        d->grid_after = val(d, 0);
    return VN_OK;
}

static vn_status end(struct docx *d, const char *n)
{
    struct vn_tb *tb = d->tb;
    vn_status st = VN_OK;
    if (d->in_rpr) {
        if (!strcmp(n, "rPr"))
            d->in_rpr = false;
        return VN_OK;
    }
    if (!strcmp(n, "r")) {
        if (d->run_text)
            tb->legacy_runs[d->run_enc]++;
        d->in_run = d->run_text = false;
        d->run_enc = VN_LEGACY_NONE;
        return VN_OK;
    }
    if (!strcmp(n, "p")) {
        d->p_depth--;
        if (!d->notes && d->p_depth == 0 && d->tbl_depth == 0 && !(st = vn_tb_end_line(tb)))
            st = vn_tb_flush_notes(tb);
        else if (d->p_depth > 0)    /* a text box's paragraph inside a paragraph */
            vn_tb_soft_space(tb);
    } else if (!strcmp(n, "t")) {
        d->in_t = false;
    } else if (!strcmp(n, "tc")) {
        if (in_grid(d) && d->col < VN_TB_MAX_COLS) {
            d->col++;
            st = empty_cells(d, d->span > 1 ? d->span - 1 : 0);
        }
    } else if (!strcmp(n, "tr")) {
        if (in_grid(d) && !(st = empty_cells(d, d->grid_after)) && !(st = vn_tb_end_line(tb)))
            st = vn_tb_flush_notes(tb);
    } else if (!strcmp(n, "tbl")) {
        if (--d->tbl_depth == 0)
            d->grid = false;
    } else if (d->notes && (!strcmp(n, "footnote") || !strcmp(n, "endnote"))) {
        vn_tb_note_end(tb);
    }
    return st;
}

static bool is_w(const char *uri)
{
    return uri && (!strcmp(uri, W_NS) || !strcmp(uri, W_NS_STRICT));
}

vn_status vn_docx_part(const char *xml, size_t len, enum vn_src_part part, struct vn_tb *tb, struct vn_error *err)
{
    char what[64];
    snprintf(what, sizeof what, "DOCX %s", vn_src_part_name(part));
    struct docx d = {.tb = tb, .part = (uint8_t)part, .notes = part != VN_PART_DOCX_DOCUMENT};
    vn_buf_init(&d.conv, 0);
    if (tb->default_font[0])
        d.def_enc = vn_legacy_font(tb->default_font, strlen(tb->default_font), &d.def_upper);
    vn_status st = vn_xml_open(&d.x, xml, len, what, err);
    if (st) {
        vn_buf_free(&d.conv);
        return st;
    }
    xmlTextReaderPtr r = d.x.r;
    bool skip = false;
    int rc = 0;
    while (!st && (rc = vn_xml_next(&d.x, skip, err)) == 1) {
        skip = false;
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
            type == XML_READER_TYPE_CDATA) {
            if (d.in_t) {
                const char *v = (const char *)xmlTextReaderConstValue(r);
                if (v && d.run_enc != VN_LEGACY_NONE)
                    st = legacy_text(&d, v, strlen(v));
                else
                    st = v ? vn_tb_text(tb, v, strlen(v)) : VN_OK;
            }
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT && type != XML_READER_TYPE_END_ELEMENT)
            continue;
        const char *uri = (const char *)xmlTextReaderConstNamespaceUri(r);
        const char *name = (const char *)xmlTextReaderConstLocalName(r);
        if (!d.ns) {    /* the root: w:document, w:footnotes or w:endnotes */
            if (!is_w(uri)) {
                st = vn_ingest_fail(err, VN_EENCODING, 0, "%s: the root element is not WordprocessingML", what);
                break;
            }
            d.ns = !strcmp(uri, W_NS) ? W_NS : W_NS_STRICT;
            continue;
        }
        if (type == XML_READER_TYPE_ELEMENT && uri && !strcmp(uri, MC_NS) && !strcmp(name, "Fallback")) {
            skip = true;
            continue;
        }
        if (uri && !strcmp(uri, M_NS) && !strcmp(name, "t")) {
            if (type == XML_READER_TYPE_ELEMENT)
                d.in_t = xmlTextReaderIsEmptyElement(r) != 1;
            else
                d.in_t = false;
            continue;
        }
        if (!uri || strcmp(uri, d.ns) != 0)
            continue;
        if (type == XML_READER_TYPE_END_ELEMENT) {
            st = end(&d, name);
            continue;
        }
        bool empty = xmlTextReaderIsEmptyElement(r) == 1;
        st = start(&d, name, &skip);
        if (!st && empty && !skip)
            st = end(&d, name);
    }
    if (!st && rc < 0)
        st = d.x.status;
    else if (st == VN_ETOOBIG)
        st = vn_ingest_fail(err, st, 0, "%s: the text made from it is over the input limit", what);
    else if (st == VN_ENOMEM)
        st = vn_ingest_fail(err, st, 0, "%s: out of memory", what);
    vn_xml_close(&d.x);
    for (int e = 0; e <= VN_LEGACY_LAST; e++)
        vn_legacy_table_free(&d.tabs[e]);
    vn_buf_free(&d.conv);
    return st;
}
