/* Fuzz target: document containers. The first byte chooses what the rest
 * is: 'D' word/document.xml of a DOCX, 'N' its word/footnotes.xml (beside a
 * body citing notes 1 to 3), 'O' content.xml of an ODT (these three are
 * put in a stored ZIP made here, so the XML readers are reached past the
 * ZIP's checksums), anything else: the bytes as a whole file (HTML, FODT,
 * ZIP, UTF-16 text, PDF, .doc). The text made is then looked up in its source map. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vnaudit/vnaudit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t crc32_of(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

struct zip_out {
    uint8_t *buf;
    size_t len, cap;
    uint8_t *cdir;
    size_t cdir_len, cdir_cap;
    uint16_t n;
};

static void put(uint8_t **b, size_t *len, size_t *cap, const void *p, size_t n)
{
    if (*len + n > *cap) {
        size_t nc = (*len + n) * 2;
        uint8_t *nb = realloc(*b, nc);
        if (!nb)
            abort();
        *b = nb;
        *cap = nc;
    }
    memcpy(*b + *len, p, n);
    *len += n;
}

static void le16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void le32(uint8_t *p, uint32_t v)
{
    le16(p, (uint16_t)v);
    le16(p + 2, (uint16_t)(v >> 16));
}

/* One stored entry (no compression). */
static void zip_add(struct zip_out *z, const char *name, const uint8_t *p, size_t n)
{
    uint8_t h[30] = {0x50, 0x4b, 0x03, 0x04, 20, 0};
    uint16_t nl = (uint16_t)strlen(name);
    uint32_t crc = crc32_of(p, n), off = (uint32_t)z->len;
    le32(h + 14, crc);
    le32(h + 18, (uint32_t)n);
    le32(h + 22, (uint32_t)n);
    le16(h + 26, nl);
    put(&z->buf, &z->len, &z->cap, h, sizeof h);
    put(&z->buf, &z->len, &z->cap, name, nl);
    put(&z->buf, &z->len, &z->cap, p, n);
    uint8_t c[46] = {0x50, 0x4b, 0x01, 0x02, 20, 0, 20, 0};
    le32(c + 16, crc);
    le32(c + 20, (uint32_t)n);
    le32(c + 24, (uint32_t)n);
    le16(c + 28, nl);
    le32(c + 42, off);
    put(&z->cdir, &z->cdir_len, &z->cdir_cap, c, sizeof c);
    put(&z->cdir, &z->cdir_len, &z->cdir_cap, name, nl);
    z->n++;
}

static void zip_end(struct zip_out *z)
{
    uint32_t at = (uint32_t)z->len;
    put(&z->buf, &z->len, &z->cap, z->cdir, z->cdir_len);
    uint8_t e[22] = {0x50, 0x4b, 0x05, 0x06};
    le16(e + 8, z->n);
    le16(e + 10, z->n);
    le32(e + 12, (uint32_t)z->cdir_len);
    le32(e + 16, at);
    put(&z->buf, &z->len, &z->cap, e, sizeof e);
    free(z->cdir);
}

#define S(lit) (const uint8_t *)(lit), sizeof(lit) - 1
#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
static const char types[] = "<?xml version=\"1.0\"?><Types "
                            "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
static const char body_citing[] =
    "<?xml version=\"1.0\"?><w:document " W_NS "><w:body><w:p><w:r><w:t>Vốn 5 triệu đồng</w:t></w:r>"
    "<w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>2</w:t></w:r>"
    "<w:footnoteReference w:id=\"2\"/></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:footnoteReference w:id=\"3\"/>"
    "<w:footnoteReference w:id=\"1\"/></w:r></w:p></w:body></w:document>";

static void look_up(const struct vn_text *t)
{
    struct vn_source s;
    size_t line = 1;
    for (size_t i = 0; i < t->len && line < 4096; i++)
        if (t->data[i] == '\n') {
            (void)vn_text_source(t, line, 0, &s);
            (void)vn_text_source_cell(t, line, 3, &s);
            line++;
        }
    (void)vn_text_source(t, line + 1, 0, &s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 20))
        return 0;
    struct zip_out z = {0};
    const uint8_t *in = data;
    size_t n = size;
    if (size >= 1 && (data[0] == 'D' || data[0] == 'N' || data[0] == 'O')) {
        if (data[0] == 'O') {
            zip_add(&z, "mimetype", S("application/vnd.oasis.opendocument.text"));
            zip_add(&z, "content.xml", data + 1, size - 1);
        } else {
            zip_add(&z, "[Content_Types].xml", S(types));
            if (data[0] == 'D') {
                zip_add(&z, "word/document.xml", data + 1, size - 1);
            } else {
                zip_add(&z, "word/footnotes.xml", data + 1, size - 1);
                zip_add(&z, "word/document.xml", S(body_citing));
            }
        }
        zip_end(&z);
        in = z.buf;
        n = z.len;
    }
    struct vn_text *t;
    struct vn_error err;
    /* PDFs too (poppler, the stream pre-scan, the layout), without OCR and
       with small page and time limits: a fuzzed page is read, not waited for */
    struct vn_ingest_opts o = {.ocr = VN_OCR_NEVER, .max_pages = 50, .max_ms = 5000};
    if (vn_text_from_bytes_opts(in, n, &o, &t, &err) == VN_OK) {
        look_up(t);
        vn_text_free(t);
    }
    free(z.buf);
    return 0;
}
