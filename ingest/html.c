/* HTML: the charset is found (BOM, then a <meta> tag in the first 4 KiB,
 * then the default: UTF-8 when the bytes look like UTF-8, windows-1258
 * otherwise, as Vietnamese pages without a declaration usually are), the
 * bytes are converted to UTF-8 with ICU, each bad sequence replaced by
 * U+FFFD and reported, and libxml2's HTML push parser walks the result
 * through SAX callbacks (no tree is built; HTML_PARSE_IGNORE_ENC keeps it
 * from converting a second time, HTML_PARSE_NONET from fetching).
 *
 * Block elements and <br> end lines; white space folds as a browser folds
 * it (<pre> keeps it); <head>, scripts and styles are skipped, and so are
 * the footnote marks and back-links of pandoc and LibreOffice, which would
 * otherwise glue a digit to the number before them. A table's rows become
 * lines and its cells TAB-separated, with colspan and rowspan turned into
 * empty cells so the columns stay aligned. */
#define _GNU_SOURCE     /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "common/alloc.h"
#include "ingest/ingest_internal.h"
#include "ingest/xml.h"

/* ---- the page ----------------------------------------------------------- */

enum { F_SKIP = 1, F_BLOCK = 2, F_PRE = 4, F_TABLE = 8, F_ROW = 16, F_CELL = 32, F_NOTE = 64, F_MATH = 128 };

#define VN_HTML_MAX_NOTES 4096
#define REF_SLOTS 8192      /* open addressing, at most half full */
#define NO_NOTE SIZE_MAX

/* A note mark's target ("fn1", "sdfootnote1sym") and, once its body was
 * found, the note it became in the text builder. */
struct note_ref {
    char *target;
    size_t note;
};

struct html {
    struct vn_tb *tb;
    htmlParserCtxtPtr ctxt;
    vn_status st;
    uint8_t flags[VN_HTML_MAX_DEPTH];
    size_t depth;           /* open elements, including those past the cap */
    int skip, pre;
    int math;               /* inside a formula (class "math"): see on_text */
    int tbl_depth;
    bool grid, row_open;
    uint32_t n_tbl, table, row, col, span, width;
    uint32_t cover[VN_TB_MAX_COLS];     /* rows still covered by a rowspan, per column */
    bool collect;           /* first pass: only the bodies of notes */
    struct note_ref *refs;  /* VN_HTML_MAX_NOTES of them, allocated with the first */
    size_t n_refs;
    uint16_t *slots;        /* REF_SLOTS: 1 + index in refs by hash of the target, 0 empty */
};

static const char *const blocks[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "ul", "ol", "dl", "blockquote",
    "pre", "section", "article", "header", "footer", "nav", "aside", "main", "address", "figure",
    "figcaption", "caption", "center", "form", "fieldset", "legend", "hr", "body", "details", "summary",
};
static const char *const skipped[] = {"head", "script", "style", "template", "title", "noscript", "select"};
/* pandoc's and LibreOffice's footnote marks (<a href="#fn1">), and the
 * back-links in the notes' bodies */
static const char *const note_cites[] = {"footnote-ref", "sdfootnoteanc", "sdendnoteanc"};
static const char *const note_backs[] = {"footnote-back", "sdfootnotesym", "sdendnotesym"};
/* formulas as pandoc writes them without MathJax (<span class="math inline">) */
static const char *const math_classes[] = {"math"};

static bool in_list(const char *n, const char *const *list, size_t k)
{
    for (size_t i = 0; i < k; i++)
        if (n[0] == list[i][0] && !strcmp(n, list[i]))     /* (every element asks: most differ at once) */
            return true;
    return false;
}
#define IN(n, list) in_list((n), (list), sizeof(list) / sizeof *(list))

static bool class_has(const char *cls, const char *const *list, size_t k)
{
    for (size_t i = 0; cls && i < k; i++)
        if (strstr(cls, list[i]))
            return true;
    return false;
}
#define CLASS_IN(c, list) class_has((c), (list), sizeof(list) / sizeof *(list))

static const char *get_attr(const xmlChar **atts, const char *name)
{
    for (size_t i = 0; atts && atts[i]; i += 2)
        if (!strcmp((const char *)atts[i], name))
            return atts[i + 1] ? (const char *)atts[i + 1] : "";
    return NULL;
}

static uint32_t num_attr(const xmlChar **atts, const char *name, uint32_t max)
{
    const char *v = get_attr(atts, name);
    uint32_t n = 0;
    for (; v && *v == ' '; v++)
        ;
    for (; v && *v >= '0' && *v <= '9' && n <= max; v++)
        n = n * 10 + (uint32_t)(*v - '0');
    return n == 0 ? 1 : n > max ? max : n;
}

static uint32_t src_line(const struct html *h)
{
    int l = h->ctxt && h->ctxt->input ? h->ctxt->input->line : 0;
    return l > 0 ? (uint32_t)l : 0;
}

static bool line_empty(const struct vn_tb *tb)
{
    return tb->out.len == tb->line_start && vn_tb_line_cells(tb) == 0;
}

static void fail(struct html *h, vn_status st)
{
    if (!h->st && st) {
        h->st = st;
        xmlStopParser(h->ctxt);
    }
}

/* Ends a line; the notes it cites follow it (a row's, after the row). */
static vn_status end_line(struct html *h)
{
    vn_status st = vn_tb_end_line(h->tb);
    return st || h->row_open ? st : vn_tb_flush_notes(h->tb);
}

static vn_status empty_cells(struct html *h, uint32_t n)
{
    vn_status st = VN_OK;
    for (uint32_t k = 0; k < n && h->col < VN_TB_MAX_COLS && !st; k++)
        st = vn_tb_cell(h->tb, ++h->col, 0);
    return st;
}

static vn_status end_row(struct html *h)
{
    /* columns still covered by a rowspan from above, past the last cell */
    uint32_t last = h->col;
    for (uint32_t c = h->col; c < h->width; c++)
        if (h->cover[c])
            last = c + 1;
    for (uint32_t c = h->col; c < last; c++)
        if (h->cover[c])
            h->cover[c]--;
    vn_status st = empty_cells(h, last - h->col);
    h->row_open = false;
    return st ? st : end_line(h);
}

static vn_status start_row(struct html *h)
{
    vn_status st = VN_OK;
    if (h->row_open)
        st = end_row(h);
    else if (!line_empty(h->tb))
        st = end_line(h);
    vn_tb_set_line(h->tb, VN_PART_NONE, VN_SRC_TABLE_ROW, src_line(h), h->table, ++h->row);
    h->col = 0;
    h->row_open = true;
    return st;
}

static vn_status start_cell(struct html *h, const xmlChar **atts)
{
    vn_status st = h->row_open ? VN_OK : start_row(h);
    while (!st && h->col < VN_TB_MAX_COLS && h->cover[h->col]) {
        h->cover[h->col]--;
        st = empty_cells(h, 1);
    }
    if (st || h->col >= VN_TB_MAX_COLS)
        return st;
    uint32_t cs = num_attr(atts, "colspan", 1000), rs = num_attr(atts, "rowspan", 65534);
    for (uint32_t k = 0; k < cs && h->col + k < VN_TB_MAX_COLS; k++)
        h->cover[h->col + k] = rs - 1;
    if (h->col + cs > h->width)
        h->width = h->col + cs > VN_TB_MAX_COLS ? VN_TB_MAX_COLS : h->col + cs;
    h->span = cs;
    return vn_tb_cell(h->tb, ++h->col, src_line(h));
}

static size_t hash(const char *k, size_t n)
{
    uint64_t x = 1469598103934665603u;  /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        x = (x ^ (unsigned char)k[i]) * 1099511628211u;
    return (size_t)(x & (REF_SLOTS - 1));
}

/* The ref whose target is k[0..n), or NULL. */
static struct note_ref *ref_find(const struct html *h, const char *k, size_t n)
{
    for (size_t i = h->slots ? hash(k, n) : 0; h->slots && h->slots[i]; i = (i + 1) & (REF_SLOTS - 1)) {
        struct note_ref *r = &h->refs[h->slots[i] - 1];
        if (strlen(r->target) == n && !memcmp(r->target, k, n))
            return r;
    }
    return NULL;
}

/* The ref whose body has this id: its target is the id itself (pandoc's
 * li#fn1) or the id and "sym" (LibreOffice's div#sdfootnote1, whose mark
 * targets the anchor sdfootnote1sym inside it). */
static struct note_ref *ref_of_body(const struct html *h, const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > 200)
        return NULL;
    char k[208];
    memcpy(k, id, n);
    memcpy(k + n, "sym", 3);
    struct note_ref *r = ref_find(h, k, n);
    return r ? r : ref_find(h, k, n + 3);
}

/* First pass: a mark's target is remembered. */
static vn_status add_ref(struct html *h, const char *target)
{
    if (!h->refs) {
        h->refs = vn_calloc(VN_HTML_MAX_NOTES, sizeof *h->refs);
        h->slots = vn_calloc(REF_SLOTS, sizeof *h->slots);
        if (!h->refs || !h->slots)
            return VN_ENOMEM;
    }
    size_t n = strlen(target);
    if (h->n_refs == VN_HTML_MAX_NOTES || ref_find(h, target, n))
        return VN_OK;   /* past the cap, notes stay where the page has them */
    char *t = vn_strdup(target);
    if (!t)
        return VN_ENOMEM;
    size_t i = hash(target, n);
    while (h->slots[i])
        i = (i + 1) & (REF_SLOTS - 1);
    h->refs[h->n_refs++] = (struct note_ref){t, NO_NOTE};
    h->slots[i] = (uint16_t)h->n_refs;
    return VN_OK;
}

/* Notes: marks are skipped, and cite their note in the second pass; an
 * element whose id a mark targets is a note's body, collected in the
 * first pass and skipped in the second. Returns the flags it decided. */
static uint8_t note_start(struct html *h, const char *n, const xmlChar **atts, vn_status *st)
{
    const char *cls = !strcmp(n, "a") ? get_attr(atts, "class") : NULL;
    if (cls && CLASS_IN(cls, note_cites)) {
        const char *href = get_attr(atts, "href");
        if (!href || href[0] != '#')
            return F_SKIP;
        if (h->collect) {
            *st = add_ref(h, href + 1);
        } else {
            struct note_ref *r = ref_find(h, href + 1, strlen(href + 1));
            if (r && r->note != NO_NOTE)
                *st = vn_tb_cite(h->tb, r->note);
        }
        return F_SKIP;
    }
    if ((cls && CLASS_IN(cls, note_backs)) || IN(n, skipped))
        return F_SKIP;
    const char *id = get_attr(atts, "id");
    struct note_ref *r = id ? ref_of_body(h, id) : NULL;
    if (!r)
        return 0;
    if (!h->collect)
        return r->note != NO_NOTE ? F_SKIP : 0;
    if (r->note != NO_NOTE || h->tb->divert)
        return 0;
    r->note = h->tb->n_notes;
    uint8_t kind = !strncmp(r->target, "sdendnote", 9) ? VN_SRC_ENDNOTE : VN_SRC_FOOTNOTE;
    *st = vn_tb_note_begin(h->tb, VN_PART_NONE, kind, (uint32_t)h->tb->n_notes + 1);
    vn_tb_note_para(h->tb, src_line(h));
    return F_NOTE;
}

static void on_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
    struct html *h = ctx;
    const char *n = (const char *)xname;
    uint8_t f = 0;
    if (h->st)
        return;
    size_t d = h->depth++;
    if (h->skip) {
        if (d < VN_HTML_MAX_DEPTH)
            h->flags[d] = 0;
        return;
    }
    vn_status st = VN_OK;
    f = note_start(h, n, atts, &st);
    if (f & F_SKIP) {
        h->skip++;
    } else if (h->collect) {
        /* inside a note's body, structure is only spacing; outside, nothing */
        if (h->tb->divert && !(f & F_NOTE) && (IN(n, blocks) || !strcmp(n, "br") || !strcmp(n, "td")))
            vn_tb_soft_space(h->tb);
    } else if (!strcmp(n, "table")) {
        f = F_TABLE;
        h->n_tbl++;
        if (++h->tbl_depth == 1) {
            if (!line_empty(h->tb))
                st = end_line(h);
            h->grid = true;
            h->table = h->n_tbl;
            h->row = h->col = h->width = 0;
            h->row_open = false;
            memset(h->cover, 0, sizeof h->cover);
        } else {
            vn_tb_soft_space(h->tb);
        }
    } else if (h->grid && h->tbl_depth == 1 && !strcmp(n, "tr")) {
        f = F_ROW;
        st = start_row(h);
    } else if (h->grid && h->tbl_depth == 1 && (!strcmp(n, "td") || !strcmp(n, "th"))) {
        f = F_CELL;
        st = start_cell(h, atts);
    } else if (!strcmp(n, "br")) {
        if (h->row_open || h->tbl_depth > 1)
            vn_tb_soft_space(h->tb);
        else
            st = end_line(h);
    } else if (IN(n, blocks) || !strcmp(n, "tr") || !strcmp(n, "td") || !strcmp(n, "th")) {
        f = F_BLOCK | (!strcmp(n, "pre") ? F_PRE : 0);
        h->pre += !!(f & F_PRE);
        if (h->row_open || h->tbl_depth > 1)
            vn_tb_soft_space(h->tb);
        else if (!line_empty(h->tb))
            st = end_line(h);
    }
    if (!(f & (F_SKIP | F_NOTE)) && !h->collect) {
        const char *cls = get_attr(atts, "class");
        if (cls && CLASS_IN(cls, math_classes)) {
            f |= F_MATH;
            h->math++;
        }
    }
    if (d < VN_HTML_MAX_DEPTH)
        h->flags[d] = f;
    fail(h, st);
}

static void on_end(void *ctx, const xmlChar *xname)
{
    struct html *h = ctx;
    if (h->st || h->depth == 0)
        return;
    size_t d = --h->depth;
    uint8_t f = d < VN_HTML_MAX_DEPTH ? h->flags[d] : 0;
    vn_status st = VN_OK;
    if ((f & F_MATH) && h->math > 0)
        h->math--;
    if (f & F_SKIP) {
        h->skip--;
    } else if (h->skip) {
        return;
    } else if (h->collect) {
        if (f & F_NOTE)
            vn_tb_note_end(h->tb);
        else if (h->tb->divert)
            vn_tb_soft_space(h->tb);
    } else if (f & F_TABLE) {
        if (h->tbl_depth == 1 && h->row_open)
            st = end_row(h);
        if (--h->tbl_depth == 0)
            h->grid = false;
    } else if (f & F_ROW) {
        if (h->row_open)
            st = end_row(h);
    } else if (f & F_CELL) {
        st = empty_cells(h, h->span > 1 ? h->span - 1 : 0);
        h->span = 1;
    } else if (f & F_BLOCK) {
        h->pre -= !!(f & F_PRE);
        if (h->row_open || h->tbl_depth > 1)
            vn_tb_soft_space(h->tb);
        else if (!line_empty(h->tb))
            st = end_line(h);
    }
    fail(h, st);
}

/* The length of a space at s (' ', U+00A0, U+2000..U+200A, U+202F), or 0. */
static size_t math_space(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] == ' ')
        return 1;
    if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] <= 0x8A || u[2] == 0xAF))
        return 3;
    return 0;
}

static void on_text(void *ctx, const xmlChar *xs, int len)
{
    struct html *h = ctx;
    if (h->st || h->skip || len <= 0 || (h->collect && !h->tb->divert))
        return;
    const char *s = (const char *)xs;
    size_t n = (size_t)len;
    struct vn_tb *tb = h->tb;
    if (h->collect) {
        fail(h, vn_tb_text_fold(tb, s, n));
        return;
    }
    if (!h->row_open && line_empty(tb)) {
        /* the source line where this text starts: the parser is at its end */
        uint32_t l = src_line(h);
        for (size_t i = 0; i < n && l > 1; i++)
            l -= s[i] == '\n';
        vn_tb_set_line(tb, VN_PART_NONE, VN_SRC_PARAGRAPH, l, 0, 0);
    }
    vn_status st = VN_OK;
    if (h->pre && !h->row_open && h->tbl_depth == 0) {
        for (size_t i = 0; i < n && !st;) {
            size_t j = i;
            while (j < n && s[j] != '\n')
                j++;
            st = vn_tb_text(tb, s + i, j - i);
            if (!st && j < n)
                st = end_line(h);
            i = j + 1;
        }
    } else if (h->math) {
        /* TeX typesets the comma of "99,03" as punctuation followed by a
           space: "99, 03"; put the decimal comma back */
        char buf[256];
        for (size_t i = 0; i < n && !st;) {
            size_t k = 0;
            while (i < n && k < sizeof buf) {
                size_t sp = math_space(s + i, n - i);
                if (sp && k >= 2 && buf[k - 1] == ',' && buf[k - 2] >= '0' && buf[k - 2] <= '9' && i + sp < n &&
                    s[i + sp] >= '0' && s[i + sp] <= '9') {
                    i += sp;
                    continue;
                }
                buf[k++] = s[i++];
            }
            st = vn_tb_text_fold(tb, buf, k);
        }
    } else {
        st = vn_tb_text_fold(tb, s, n);
    }
    fail(h, st);
}

/* Issues were found before there were lines: the Nth U+FFFD of the text
 * is taken to be the Nth replaced sequence (text skipped in <head> can
 * shift this; the byte offset stays exact). */
static void place_issues(struct vn_text *t)
{
    size_t line = 1, k = 0, last = 1;
    for (size_t i = 0; i + 2 < t->len && k < t->n_issues; i++) {
        if (t->data[i] == '\n')
            line++;
        else if ((unsigned char)t->data[i] == 0xEF && (unsigned char)t->data[i + 1] == 0xBF &&
                 (unsigned char)t->data[i + 2] == 0xBD)
            t->issues[k++].line = last = line;
    }
    for (; k < t->n_issues; k++)
        t->issues[k].line = last;
}

/* One pass of the SAX walker over the UTF-8 page. */
static vn_status parse(struct html *h, const struct vn_buf *u)
{
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = on_start;
    sax.endElement = on_end;
    sax.characters = on_text;
    sax.ignorableWhitespace = on_text;
    vn_xml_init();
    struct vn_xml_quiet quiet;
    vn_xml_quiet_begin(&quiet);
    h->ctxt = htmlCreatePushParserCtxt(&sax, h, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
    if (!h->ctxt) {
        vn_xml_quiet_end(&quiet);
        return VN_ENOMEM;
    }
    htmlCtxtUseOptions(h->ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC);
    const size_t chunk = (size_t)1 << 16;
    for (size_t i = 0; i < u->len && !h->st; i += chunk)
        htmlParseChunk(h->ctxt, u->data + i, (int)(u->len - i < chunk ? u->len - i : chunk), 0);
    if (!h->st)
        htmlParseChunk(h->ctxt, NULL, 0, 1);
    if (h->ctxt->myDoc)
        xmlFreeDoc(h->ctxt->myDoc);
    htmlFreeParserCtxt(h->ctxt);
    h->ctxt = NULL;
    vn_xml_quiet_end(&quiet);
    return h->st;
}

/* Lays the page out; when it has note marks, a first pass collects the
 * notes' bodies so that each can follow the line that cites it (pandoc and
 * LibreOffice put them at the end of the page). */
static vn_status walk(struct vn_tb *tb, const struct vn_buf *u)
{
    struct html *h = vn_calloc(1, sizeof *h);
    if (!h)
        return VN_ENOMEM;
    h->tb = tb;
    h->span = 1;
    vn_status st = VN_OK;
    if (strstr(u->data, "footnote") || strstr(u->data, "sdendnote")) {
        h->collect = true;
        st = parse(h, u);
        vn_tb_note_end(tb);     /* a body left open at the end of the page */
        struct note_ref *refs = h->refs;
        size_t n_refs = h->n_refs;
        uint16_t *slots = h->slots;
        *h = (struct html){.tb = tb, .span = 1, .refs = refs, .n_refs = n_refs, .slots = slots};
    }
    if (!st)
        st = parse(h, u);
    for (size_t i = 0; i < h->n_refs; i++)
        vn_free(h->refs[i].target);
    vn_free(h->refs);
    vn_free(h->slots);
    vn_free(h);
    return st;
}

/* Attribute values longer than this are cut to it before parsing. The
 * walker reads only short ones (class, id, href, colspan, rowspan), and
 * libxml2 holds a value whole, twice (its input buffer waits for the tag's
 * '>', then the value is copied): a page with a 256 MB data: URL took four
 * times its size. */
#define VN_HTML_MAX_ATTR 65536u

/* The end of the quoted value that opens at s[q] (its closing quote), or
 * n when it does not close. */
static size_t quoted_end(const unsigned char *s, size_t n, size_t q)
{
    const unsigned char *e = memchr(s + q + 1, s[q], n - q - 1);
    return e ? (size_t)(e - s) : n;
}

/* Elements whose content is raw text: a '<' inside is no tag. */
static const char *const raw_text[] = {"script", "style", "textarea", "title", "xmp"};

/* The first "</name" (case ignored) at or after s[i], or n. */
static size_t end_tag_at(const unsigned char *s, size_t n, size_t i, const char *name)
{
    size_t k = strlen(name);
    for (;;) {
        const unsigned char *lt = i < n ? memchr(s + i, '<', n - i) : NULL;
        if (!lt)
            return n;
        i = (size_t)(lt - s);
        if (n - i >= k + 2 && s[i + 1] == '/' && !strncasecmp((const char *)s + i + 2, name, k))
            return i;
        i++;
    }
}

/* Copies the page s[0, n) into out with every quoted attribute value (a
 * quote right after '=', blanks between) longer than VN_HTML_MAX_ATTR cut
 * to that (not inside a UTF-8 sequence); with out NULL, only says whether
 * any value is that long. Comments and the content of raw-text elements
 * (scripts, styles) are passed over: the scan reads as a value only what
 * libxml2 reads as one, so a stray quote can never cut the page's text.
 * The bytes are ASCII-compatible (not UTF-16). */
static vn_status cap_attrs(const unsigned char *s, size_t n, struct vn_buf *out, bool *any)
{
    *any = false;
    size_t i = 0, copied = 0;
    while (i < n) {
        const unsigned char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            break;
        i = (size_t)(lt - s);
        if (n - i >= 4 && !memcmp(s + i, "<!--", 4)) {
            const unsigned char *ce = memmem(s + i + 4, n - i - 4, "-->", 3);
            i = ce ? (size_t)(ce - s) + 3 : n;
            continue;
        }
        i++;
        if (i >= n || !(((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') || s[i] == '/'))
            continue;
        /* the element's name, for raw-text elements */
        size_t ns = i, ne = i;
        while (ne < n && !vn_ingest_is_ws((char)s[ne]) && s[ne] != '>' && s[ne] != '/')
            ne++;
        const char *raw = NULL;
        for (size_t k = 0; s[ns] != '/' && k < sizeof raw_text / sizeof *raw_text; k++)
            if (ne - ns == strlen(raw_text[k]) && !strncasecmp((const char *)s + ns, raw_text[k], ne - ns))
                raw = raw_text[k];
        /* inside a tag: up to its '>' outside quoted values */
        bool after_eq = false;
        while (i < n && s[i] != '>') {
            unsigned char c = s[i];
            if (!((c == '"' || c == '\'') && after_eq)) {
                if (c == '=')
                    after_eq = true;
                else if (!vn_ingest_is_ws((char)c))
                    after_eq = false;
                i++;
                continue;
            }
            after_eq = false;
            size_t q = i, e = quoted_end(s, n, q);
            if (e - q - 1 > VN_HTML_MAX_ATTR) {
                *any = true;
                if (!out)
                    return VN_OK;
                size_t cut = q + 1 + VN_HTML_MAX_ATTR;
                while (cut > q + 1 && (s[cut] & 0xC0) == 0x80)
                    cut--;
                vn_status st = vn_buf_append(out, s + copied, cut - copied);
                if (st)
                    return st;
                copied = e;     /* the closing quote (or the end) follows */
            }
            i = e < n ? e + 1 : n;
        }
        if (raw && i < n)
            i = end_tag_at(s, n, i + 1, raw);
    }
    return out ? vn_buf_append(out, s + copied, n - copied) : VN_OK;
}

vn_status vn_read_html(const unsigned char *s, size_t n, size_t max_bytes, struct vn_text *t, struct vn_error *err)
{
    t->format = VN_IN_HTML;
    size_t bom = vn_html_charset(s, n, t->charset, sizeof t->charset);
    t->encoding = bom == 3 ? VN_ENC_UTF8_BOM : !strcmp(t->charset, "utf-16le") && bom ? VN_ENC_UTF16LE
                : !strcmp(t->charset, "utf-16be") && bom                           ? VN_ENC_UTF16BE
                                                                                   : VN_ENC_UTF8;
    struct vn_buf u, capped;
    vn_buf_init(&u, max_bytes);
    vn_buf_init(&capped, max_bytes);
    bool any = false;
    vn_status st = VN_OK;
    if (strncmp(t->charset, "utf-16", 6) != 0 && !(st = cap_attrs(s, n, NULL, &any)) && any &&
        !(st = cap_attrs(s, n, &capped, &any))) {
        /* (byte offsets of encoding problems after a cut value are those
           of the shortened page) */
        s = (const unsigned char *)capped.data;
        n = capped.len;
    }
    if (!st)
        st = vn_charset_to_utf8(t, s, n, bom, t->charset, &u, err);
    vn_buf_free(&capped);
    bool said = st != VN_OK;    /* vn_charset_to_utf8 wrote the message */
    struct vn_tb tb;
    vn_tb_init(&tb, max_bytes);
    if (!st)
        st = walk(&tb, &u);
    vn_buf_free(&u);
    if (!st)
        st = vn_tb_finish(&tb, t);
    vn_tb_free(&tb);
    if (st == VN_ETOOBIG && !said)
        st = vn_ingest_fail(err, st, 0, "HTML: the text made from it is over the input limit");
    else if (st == VN_ENOMEM && !said)
        st = vn_ingest_fail(err, st, 0, "HTML: out of memory");
    if (!st)
        place_issues(t);
    return st;
}
