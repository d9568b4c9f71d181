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

enum vn_sniff vn_detect(const unsigned char *s, size_t n)
{
    if (n >= 4 && s[0] == 'P' && s[1] == 'K' && ((s[2] == 3 && s[3] == 4) || (s[2] == 5 && s[3] == 6)))
        return VN_SNIFF_ZIP;
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
