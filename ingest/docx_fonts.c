/* DOCX fonts: a run's text in a legacy Vietnamese font (.VnTime: TCVN3,
 * VNI-Times: VNI) is the legacy bytes stored as the characters U+0000-U+00FF
 * (or the cp1252 characters of bytes 0x80-0x9F, or U+F000-U+F0FF as
 * symbol fonts store them); docx.c hands such text here to be decoded.
 * The default font comes from word/styles.xml: the default paragraph
 * style's, else the document defaults'. */
#include <stdlib.h>
#include <string.h>

#include "common/utf8.h"
#include "ingest/ingest_internal.h"
#include "ingest/legacy.h"
#include "ingest/xml.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

/* cp1252's characters for bytes 0x80-0x9F, as Word may store them. */
static const uint16_t cp1252_hi[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static int legacy_byte(uint32_t cp)
{
    if (cp <= 0xFF)
        return (int)cp;
    if (cp >= 0xF000 && cp <= 0xF0FF)
        return (int)(cp & 0xFF);
    for (int i = 0; i < 32; i++)
        if (cp1252_hi[i] == cp)
            return 0x80 + i;
    return -1;
}

vn_status vn_legacy_from_chars(const struct vn_legacy_table *tab, const char *s, size_t n, bool upper,
                               struct vn_buf *out)
{
    unsigned char bytes[256];
    size_t nb = 0;
    struct vn_legacy_sink sink = {.line = 1};
    vn_status st = VN_OK;
    for (size_t i = 0; i < n && !st;) {
        uint32_t cp;
        size_t l = vn_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        int b = l ? legacy_byte(cp) : -1;
        if (!l)
            l = 1;
        /* a character no byte stands for is kept as it is; the bytes before
           it are decoded first (a VNI letter never spans one) */
        if (b < 0 && nb) {
            st = vn_legacy_decode(tab, bytes, nb, upper, false, out, &sink);
            nb = 0;
        } else if (nb == sizeof bytes) {
            /* the last byte waits: it may be a letter whose mark follows */
            st = vn_legacy_decode(tab, bytes, nb - 1, upper, false, out, &sink);
            bytes[0] = bytes[nb - 1];
            nb = 1;
        }
        if (!st && b < 0)
            st = vn_buf_append(out, s + i, l);
        else if (b >= 0)
            bytes[nb++] = (unsigned char)b;
        i += l;
    }
    if (!st && nb)
        st = vn_legacy_decode(tab, bytes, nb, upper, false, out, &sink);
    return st;
}

/* The font a w:rFonts element names for text beyond ASCII (hAnsi), else
 * for ASCII; "" when it names none. */
void vn_docx_rfonts(xmlTextReaderPtr r, char *font, size_t cap)
{
    font[0] = '\0';
    xmlChar *v = xmlTextReaderGetAttributeNs(r, BAD_CAST "hAnsi", BAD_CAST W_NS);
    if (!v)
        v = xmlTextReaderGetAttributeNs(r, BAD_CAST "ascii", BAD_CAST W_NS);
    if (v) {
        size_t l = strlen((const char *)v);
        if (l < cap) {
            memcpy(font, v, l + 1);
        }
        xmlFree(v);
    }
}

vn_status vn_docx_styles(const char *xml, size_t len, struct vn_tb *tb, struct vn_error *err)
{
    struct vn_xml x;
    vn_status st = vn_xml_open(&x, xml, len, "DOCX word/styles.xml", err);
    if (st)
        return st;
    char defaults[64] = "", style[64] = "";
    bool in_defaults = false, in_default_style = false;
    int rc;
    while ((rc = vn_xml_next(&x, false, err)) == 1) {
        int type = xmlTextReaderNodeType(x.r);
        const char *name = (const char *)xmlTextReaderConstLocalName(x.r);
        const char *uri = (const char *)xmlTextReaderConstNamespaceUri(x.r);
        if (!uri || strcmp(uri, W_NS) != 0)
            continue;
        bool empty = xmlTextReaderIsEmptyElement(x.r) == 1;
        if (type == XML_READER_TYPE_ELEMENT && !strcmp(name, "docDefaults")) {
            in_defaults = !empty;
        } else if (type == XML_READER_TYPE_ELEMENT && !strcmp(name, "style")) {
            in_default_style = !empty && vn_xml_attr_is(&x, W_NS, "type", "paragraph") &&
                               (vn_xml_attr_is(&x, W_NS, "default", "1") ||
                                vn_xml_attr_is(&x, W_NS, "default", "true"));
        } else if (type == XML_READER_TYPE_END_ELEMENT && !strcmp(name, "docDefaults")) {
            in_defaults = false;
        } else if (type == XML_READER_TYPE_END_ELEMENT && !strcmp(name, "style")) {
            in_default_style = false;
        } else if (type == XML_READER_TYPE_ELEMENT && !strcmp(name, "rFonts")) {
            if (in_defaults)
                vn_docx_rfonts(x.r, defaults, sizeof defaults);
            else if (in_default_style)
                vn_docx_rfonts(x.r, style, sizeof style);
        }
    }
    st = rc < 0 ? x.status : VN_OK;
    vn_xml_close(&x);
    memcpy(tb->default_font, style[0] ? style : defaults, sizeof tb->default_font);
    return st;
}
