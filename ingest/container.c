/* DOCX and ODT containers, and flat ODT: which parts are read, in which
 * order, under which limits.
 *
 * DOCX: footnotes and endnotes are read first, so that the body can put
 * each note after the paragraph that cites it; headers and footers live in
 * parts of their own (word/header1.xml, ...) and are simply not read.
 * ODT: the "mimetype" entry must name a text document; only content.xml is
 * read (headers and footers are in styles.xml). A ZIP may unpack to at
 * most half the input limit, whatever its entries claim. */
#include <stdlib.h>
#include <string.h>

#include "ingest/ingest_internal.h"

#define ODT_MIME "application/vnd.oasis.opendocument.text"

static vn_status docx_part(struct vn_zip *z, const char *name, enum vn_src_part part, struct vn_tb *tb,
                           struct vn_error *err)
{
    char *xml;
    size_t len;
    vn_status st = vn_zip_read(z, name, &xml, &len, err);
    if (!st)
        st = vn_docx_part(xml, len, part, tb, err);
    free(xml);
    return st;
}

static vn_status read_docx(struct vn_zip *z, struct vn_tb *tb, struct vn_error *err)
{
    vn_status st = VN_OK;
    if (vn_zip_has(z, "word/styles.xml")) {
        char *xml;
        size_t len;
        if (!(st = vn_zip_read(z, "word/styles.xml", &xml, &len, err)))
            st = vn_docx_styles(xml, len, tb, err);
        free(xml);
    }
    if (!st && vn_zip_has(z, "word/footnotes.xml"))
        st = docx_part(z, "word/footnotes.xml", VN_PART_DOCX_FOOTNOTES, tb, err);
    if (!st && vn_zip_has(z, "word/endnotes.xml"))
        st = docx_part(z, "word/endnotes.xml", VN_PART_DOCX_ENDNOTES, tb, err);
    vn_tb_notes_sort(tb);
    if (!st)
        st = docx_part(z, "word/document.xml", VN_PART_DOCX_DOCUMENT, tb, err);
    return st;
}

static vn_status read_odt(struct vn_zip *z, struct vn_tb *tb, struct vn_error *err)
{
    char *mime, *xml;
    size_t len;
    vn_status st = vn_zip_read(z, "mimetype", &mime, &len, err);
    if (st)
        return st;
    while (len && (mime[len - 1] == '\n' || mime[len - 1] == '\r' || mime[len - 1] == ' '))
        mime[--len] = '\0';
    bool text = !strcmp(mime, ODT_MIME) || !strcmp(mime, ODT_MIME "-template");
    if (!text) {
        st = vn_ingest_fail(err, VN_EENCODING, 0,
                            "an OpenDocument container of type \"%.80s\", not a text document (ODT)", mime);
        free(mime);
        return st;
    }
    free(mime);
    if (!vn_zip_has(z, "content.xml"))
        return vn_ingest_fail(err, VN_EENCODING, 0, "an ODT container without content.xml");
    st = vn_zip_read(z, "content.xml", &xml, &len, err);
    if (!st)
        st = vn_odt_part(xml, len, "ODT", VN_PART_ODT_CONTENT, tb, err);
    free(xml);
    return st;
}

vn_status vn_read_zip_doc(const unsigned char *s, size_t n, size_t max_bytes, struct vn_text *t,
                          struct vn_error *err)
{
    struct vn_zip *z;
    vn_status st = vn_zip_open(s, n, max_bytes / 2, &z, err);
    if (st)
        return st;
    struct vn_tb tb;
    vn_tb_init(&tb, max_bytes);
    if (vn_zip_has(z, "[Content_Types].xml") && vn_zip_has(z, "word/document.xml")) {
        t->format = VN_IN_DOCX;
        st = read_docx(z, &tb, err);
    } else if (vn_zip_has(z, "mimetype")) {
        t->format = VN_IN_ODT;
        st = read_odt(z, &tb, err);
    } else {
        t->format = VN_IN_ZIP;
        st = vn_ingest_fail(err, VN_EUNSUPPORTED, 0,
                            "unsupported format: a ZIP archive that is neither DOCX ([Content_Types].xml and "
                            "word/document.xml) nor ODT (a mimetype entry); unpack it and check the documents inside");
    }
    vn_zip_close(z);
    if (!st && (st = vn_tb_finish(&tb, t)))
        vn_ingest_fail(err, st, 0, "%s: the text made from it is over the input limit",
                       vn_input_format_name(t->format));
    vn_tb_free(&tb);
    return st;
}

vn_status vn_read_fodt(const unsigned char *s, size_t n, size_t max_bytes, struct vn_text *t, struct vn_error *err)
{
    struct vn_tb tb;
    vn_tb_init(&tb, max_bytes);
    t->format = VN_IN_FODT;
    vn_status st = vn_odt_part((const char *)s, n, "FODT", VN_PART_NONE, &tb, err);
    if (!st && (st = vn_tb_finish(&tb, t)))
        vn_ingest_fail(err, st, 0, "FODT: the text made from it is over the input limit");
    vn_tb_free(&tb);
    return st;
}
