/* Format detection by content: the first bytes say what a file is, its
 * name never does (reports arrive as "baocao.doc" that are HTML, or DOCX
 * files without an extension). */
#include <string.h>

#include "ingest/ingest_internal.h"

#define HEAD 1024

/* The first bytes as lower-case ASCII, through a BOM: UTF-16 code units
 * above 0x7F become '?', which is all the tests below need. */
static size_t ascii_head(const unsigned char *s, size_t n, char *out)
{
    size_t k = 0;
    if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
        bool be = s[0] == 0xFE;
        for (size_t i = 2; i + 1 < n && k < HEAD - 1; i += 2) {
            unsigned hi = be ? s[i] : s[i + 1], lo = be ? s[i + 1] : s[i];
            out[k++] = hi == 0 && lo < 0x80 ? (char)lo : '?';
        }
    } else {
        size_t i = n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF ? 3 : 0;
        for (; i < n && k < HEAD - 1; i++)
            out[k++] = (char)s[i];
    }
    out[k] = '\0';
    for (size_t i = 0; i < k; i++)
        if (out[i] >= 'A' && out[i] <= 'Z')
            out[i] = (char)(out[i] - 'A' + 'a');
    return k;
}

static bool starts_tag(const char *p, const char *tag)
{
    size_t l = strlen(tag);
    if (strncmp(p, tag, l) != 0)
        return false;
    char c = p[l];
    return c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' || c == '\0';
}

/* Tags an HTML fragment (pandoc without -s, a copied page) may start with. */
static const char *const html_starts[] = {
    "<html", "<head", "<body", "<meta", "<title", "<p", "<div", "<h1", "<h2", "<h3", "<h4", "<h5", "<h6",
    "<table", "<section", "<article", "<header", "<main", "<ul", "<ol", "<br", "<center", "<style",
};

/* Magic numbers of the binary formats refused by name (their signatures as
 * published: PDF 1.7 section 7.5.2, the OLE2 compound file header, RTF 1.9,
 * PNG, JFIF/Exif, TIFF in both byte orders, GIF87a/89a). A PDF header may sit
 * after up to 1024 bytes of junk, which readers accept. */
static enum vn_sniff sniff_binary(const unsigned char *s, size_t n)
{
    static const struct {
        const char *magic;
        size_t len;
        enum vn_sniff kind;
    } sigs[] = {
        {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, VN_SNIFF_OLE2},
        {"{\\rtf", 5, VN_SNIFF_RTF},
        {"\x89PNG\r\n\x1A\n", 8, VN_SNIFF_PNG},
        {"\xFF\xD8\xFF", 3, VN_SNIFF_JPEG},
        {"II*\0", 4, VN_SNIFF_TIFF},
        {"MM\0*", 4, VN_SNIFF_TIFF},
        {"GIF87a", 6, VN_SNIFF_GIF},
        {"GIF89a", 6, VN_SNIFF_GIF},
    };
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
        if (n >= sigs[i].len && memcmp(s, sigs[i].magic, sigs[i].len) == 0)
            return sigs[i].kind;
    size_t lim = n < HEAD ? n : HEAD;
    for (size_t i = 0; i + 5 <= lim; i++)
        if (s[i] == '%' && memcmp(s + i, "%PDF-", 5) == 0)
            return VN_SNIFF_PDF;
    return VN_SNIFF_TEXT;
}

enum vn_sniff vn_detect(const unsigned char *s, size_t n)
{
    if (n >= 4 && s[0] == 'P' && s[1] == 'K' && ((s[2] == 3 && s[3] == 4) || (s[2] == 5 && s[3] == 6)))
        return VN_SNIFF_ZIP;
    enum vn_sniff bin = sniff_binary(s, n);
    if (bin != VN_SNIFF_TEXT)
        return bin;
    char head[HEAD];
    size_t k = ascii_head(s, n, head);
    const char *p = head, *end = head + k;
    /* past white space, the XML declaration and comments */
    for (;;) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
            p++;
        const char *close = NULL;
        if (!strncmp(p, "<?xml", 5))
            close = strstr(p, "?>");
        else if (!strncmp(p, "<!--", 4))
            close = strstr(p + 4, "-->");
        if (!close)
            break;
        p = close + (p[1] == '?' ? 2 : 3);
    }
    if (starts_tag(p, "<office:document") || starts_tag(p, "<office:document-content") ||
        !strncmp(p, "<!doctype office:document", 25))   /* refused later, for its DTD */
        return VN_SNIFF_FODT;
    if (!strncmp(p, "<!doctype html", 14))
        return VN_SNIFF_HTML;
    for (size_t i = 0; i < sizeof html_starts / sizeof *html_starts; i++)
        if (starts_tag(p, html_starts[i]))
            return VN_SNIFF_HTML;
    return VN_SNIFF_TEXT;
}

enum vn_input_format vn_input_detect(const void *bytes, size_t len)
{
    switch (vn_detect(bytes, len)) {
    case VN_SNIFF_ZIP: return VN_IN_ZIP;
    case VN_SNIFF_FODT: return VN_IN_FODT;
    case VN_SNIFF_HTML: return VN_IN_HTML;
    case VN_SNIFF_PDF: return VN_IN_PDF;
    case VN_SNIFF_OLE2: return VN_IN_OLE2;
    case VN_SNIFF_RTF: return VN_IN_RTF;
    case VN_SNIFF_PNG: return VN_IN_PNG;
    case VN_SNIFF_JPEG: return VN_IN_JPEG;
    case VN_SNIFF_TIFF: return VN_IN_TIFF;
    case VN_SNIFF_GIF: return VN_IN_GIF;
    case VN_SNIFF_TEXT: break;
    }
    return VN_IN_TEXT;
}
