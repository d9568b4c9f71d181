/* ingest: read one input and give UTF-8 text with LF line ends.
 *
 * The bytes are read whole (bounded by max_bytes; a large regular file is
 * mapped instead), then their content says what they are (detect.c): a ZIP
 * goes to the DOCX/ODT readers (container.c), flat ODF XML to the ODT
 * reader, HTML to html.c, and anything else is text, decoded here.
 *
 * Text: one pass over the bytes (vn_utf8_clean_prefix(): 32 bytes at a time
 * with AVX2). Clean UTF-8 with LF ends (the common case) is handed over
 * without a copy; otherwise the text is rebuilt with CRLF/CR turned into LF
 * and each invalid sequence or NUL byte replaced by U+FFFD, recorded as an
 * issue with its byte offset, the clean stretches between copied whole. */
#include "common/alloc.h"
#include "vnaudit/ingest.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/i18n.h"
#include "common/utf8.h"
#include "ingest/ingest_internal.h"
#include "ingest/legacy.h"
#include "ingest/ole2.h"
#include "ingest/pages.h"

#define REPLACEMENT "\xEF\xBF\xBD"

/* Files at least this large are mapped rather than read (map_file()). */
#define MAP_MIN_BYTES ((size_t)256 << 10)

/* The catalog of the read under way on this thread: set by
 * vn_text_read_file from vn_ingest_opts.lang for the length of the call
 * (and restored after), NULL (English) otherwise. Per thread rather than a
 * parameter of every reader: it reaches each vn_ingest_fail below without
 * changing some forty internal signatures, and threads reading files at
 * once each have their own. Never set from the environment. */
static _Thread_local const struct vn_catalog *ingest_cat;

const struct vn_catalog *vn_ingest_catalog(void)
{
    return ingest_cat;
}

vn_status vn_ingest_fail(struct vn_error *err, vn_status st, size_t offset, const char *fmt, ...)
{
    if (!err)
        return st;
    err->code = st;
    err->offset = offset;
    err->line = err->col = 0;
    /* Whether the message already says what to do is decided on the English
       text (the hint words below), whatever the language written. */
    char en[sizeof err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(en, sizeof en, fmt, ap);
    va_end(ap);
    const struct vn_catalog *cat = ingest_cat;
    if (cat) {
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, vn_tr(cat, fmt), ap);
        va_end(ap);
    } else
        memcpy(err->message, en, sizeof en);
    /* what to do next, by the kind of failure (unless the message says it) */
    const char *next = NULL;
    switch (st) {
    case VN_ETOOBIG: next = N_("raise the input limit (--max-input-bytes) if the document is genuine, or split it"); break;
    case VN_EENCODING:
    case VN_ESYNTAX: next = N_("re-save the document from its editor (or convert it to UTF-8 text) and try again"); break;
    case VN_EIO: next = N_("check the path and its permissions"); break;
    case VN_ENOMEM: next = N_("free some memory or split the document"); break;
    default: break;
    }
    bool said = strstr(en, "raise ") || strstr(en, "re-save") || strstr(en, "convert it") || strstr(en, "save it");
    if (next) {
        next = vn_tr(cat, next);
        size_t n = strlen(err->message);
        if (!said && n + strlen(next) + 3 < sizeof err->message)
            snprintf(err->message + n, sizeof err->message - n, "; %s", next);
    }
    return st;
}

/* The failure with no more to say than its status. */
static void set_err(struct vn_error *err, vn_status code, size_t offset)
{
    vn_ingest_fail(err, code, offset, "%s", vn_tr(ingest_cat, vn_strerror(code)));
}

void vn_ingest_add_issue(struct vn_text *t, enum vn_ingest_issue_kind kind, size_t offset, size_t line)
{
    t->n_issues_total++;
    if (t->n_issues < VN_INGEST_MAX_ISSUES) {
        t->issues[t->n_issues].kind = kind;
        t->issues[t->n_issues].offset = offset;
        t->issues[t->n_issues].line = line;
        t->n_issues++;
    }
}

/* Newlines in s[0 .. n). */
static size_t count_lf(const char *s, size_t n)
{
    size_t k = 0;
    for (const char *p = s, *end = s + n; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        k++;
    return k;
}

/* Rebuilds UTF-8 input: CRLF/CR -> LF, invalid bytes and NUL -> U+FFFD.
 * The clean stretches between them are copied whole: short ones found
 * here, long ones by vn_utf8_clean_prefix(). */
static vn_status rebuild_utf8(struct vn_text *t, const unsigned char *s, size_t n, size_t base)
{
    struct vn_buf b;
    vn_buf_init(&b, 0);
    vn_status st = vn_buf_reserve(&b, n + n / 8 + 16);
    size_t line = 1, counted = 0;   /* line: 1 + the LFs in b.data[0 .. counted) */
    for (size_t i = 0; i < n && !st;) {
        size_t k = i, lim = n - i > 16 ? i + 16 : n;
        while (k < lim) {
            unsigned char c = s[k];
            size_t l;
            if (c < 0x80) {
                l = c != 0 && c != '\r';
            } else if (k + 1 < n && (s[k + 1] & 0xC0) != 0x80) {
                l = 0;  /* a lead byte without its continuation (a legacy code page) */
            } else {
                uint32_t cp;
                l = vn_utf8_decode(s + k, n - k, &cp);
            }
            if (!l)
                break;
            k += l;
        }
        if (k >= lim && k < n)
            k += vn_utf8_clean_prefix(s + k, n - k);
        if ((st = vn_buf_append(&b, s + i, k - i)) || (i = k) >= n)
            break;
        if (s[i] == '\r') {
            t->had_crlf = true;
            st = vn_buf_putc(&b, '\n');
            i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
            continue;
        }
        if (t->n_issues < VN_INGEST_MAX_ISSUES) {  /* (past the list, only counted: no line needed) */
            line += count_lf(b.data + counted, b.len - counted);
            counted = b.len;
        }
        /* a NUL, or a byte that does not start a well-formed sequence */
        vn_ingest_add_issue(t, s[i] == 0 ? VN_ISSUE_NUL_BYTE : VN_ISSUE_INVALID_UTF8, base + i, line);
        st = vn_buf_append(&b, REPLACEMENT, 3);
        i++;
    }
    if (st) {
        vn_buf_free(&b);
        return st;
    }
    t->data = vn_buf_detach(&b, &t->len);
    return t->data ? VN_OK : VN_ENOMEM;
}

static vn_status decode_utf16(struct vn_text *t, const unsigned char *s, size_t n, bool be)
{
    struct vn_buf b;
    vn_buf_init(&b, 0);
    vn_status st = vn_buf_reserve(&b, n + n / 2 + 16);
    size_t line = 1;
    size_t i = 2;   /* after the BOM */
    for (; i + 1 < n && !st; i += 2) {
        uint32_t u = be ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
        size_t at = i;
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
            uint32_t lo = be ? (uint32_t)(s[i + 2] << 8 | s[i + 3]) : (uint32_t)(s[i + 3] << 8 | s[i + 2]);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            }
        }
        if ((u >= 0xD800 && u <= 0xDFFF) || u == 0) {
            vn_ingest_add_issue(t, u == 0 ? VN_ISSUE_NUL_BYTE : VN_ISSUE_INVALID_UTF16, at, line);
            st = vn_buf_append(&b, REPLACEMENT, 3);
            continue;
        }
        if (u == '\r') {
            t->had_crlf = true;
            uint32_t nx = 0;
            if (i + 3 < n)
                nx = be ? (uint32_t)(s[i + 2] << 8 | s[i + 3]) : (uint32_t)(s[i + 3] << 8 | s[i + 2]);
            if (nx == '\n')
                i += 2;
            u = '\n';
        }
        line += u == '\n';
        char enc[4];
        st = vn_buf_append(&b, enc, vn_utf8_encode(u, enc));
    }
    if (!st && i < n) {   /* odd trailing byte */
        vn_ingest_add_issue(t, VN_ISSUE_INVALID_UTF16, i, line);
        st = vn_buf_append(&b, REPLACEMENT, 3);
    }
    if (st) {
        vn_buf_free(&b);
        return st;
    }
    t->data = vn_buf_detach(&b, &t->len);
    return t->data ? VN_OK : VN_ENOMEM;
}

/* Text with many NUL bytes early on is binary or UTF-16 without a BOM;
 * text with many other control characters (text in any encoding has
 * almost none: random data has one byte in nine) is binary. Refusing it
 * beats a report full of replacement characters. Returns 0 for text, 1 for
 * NULs (*first: the first), 2 for controls (*first: the first control). */
static int looks_binary(const unsigned char *s, size_t n, size_t *first)
{
    size_t lim = n < 8192 ? n : 8192, nuls = 0, ctrls = 0, first_nul = SIZE_MAX, first_ctrl = SIZE_MAX;
    for (size_t i = 0; i < lim; i++) {
        unsigned char c = s[i];
        if (c == 0) {
            nuls++;
            if (first_nul == SIZE_MAX)
                first_nul = i;
        } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1B) ||
                   c == 0x7F) {
            ctrls++;
            if (first_ctrl == SIZE_MAX)
                first_ctrl = i;
        }
    }
    if (nuls > 8 && nuls * 20 > lim) {
        *first = first_nul;
        return 1;
    }
    if (nuls + ctrls > 8 && (nuls + ctrls) * 20 > lim) {
        *first = first_nul < first_ctrl ? first_nul : first_ctrl;
        return 2;
    }
    return 0;
}

/* The bytes of one input, NUL-terminated at n: malloc'd, or (map_len > 0)
 * a private mapping of the file. */
struct input {
    unsigned char *p;
    size_t n;
    size_t map_len;
};

static void input_drop(struct input *in)
{
    if (in->map_len)
        munmap(in->p, in->map_len);
    else
        vn_free(in->p);
    in->p = NULL;
}

/* struct vn_text as allocated here: how to release its data. */
struct text_impl {
    struct vn_text pub;     /* first: vn_text_free() casts back */
    size_t map_len;         /* pub.data is a file mapping of this length; 0: malloc'd */
};

/* Plain text: UTF-16 with a BOM, UTF-8 (with or without a BOM), or a
 * legacy Vietnamese encoding, named or detected (legacy_text.c). */
static vn_status decode_text(struct text_impl *ti, struct input *in, const char *encoding, struct vn_error *err)
{
    struct vn_text *t = &ti->pub;
    unsigned char *bytes = in->p;
    size_t n = in->n, nul;
    if (n >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))) {
        bool be = bytes[0] == 0xFE;
        t->encoding = be ? VN_ENC_UTF16BE : VN_ENC_UTF16LE;
        vn_status st = decode_utf16(t, bytes, n, be);
        input_drop(in);
        return st;
    }
    int bin = looks_binary(bytes, n, &nul);
    if (bin) {
        if (bin == 1)
            vn_ingest_fail(err, VN_EENCODING, nul,
                           "binary data or UTF-16 without a byte-order mark (NUL byte at offset %zu); if it is "
                           "text, convert it to UTF-8",
                           nul);
        else
            vn_ingest_fail(err, VN_EENCODING, nul,
                           "binary data, not text (control bytes from offset %zu on); if it is a document, save "
                           "it as DOCX, ODT, HTML or UTF-8 text",
                           nul);
        input_drop(in);
        return VN_EENCODING;
    }
    size_t skip = 0;
    if (n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) {
        t->encoding = VN_ENC_UTF8_BOM;
        skip = 3;
    }
    enum vn_legacy named = VN_LEGACY_NONE;
    bool is_auto, legacy_named = encoding && vn_legacy_parse(encoding, &named, &is_auto) && named;
    if (!legacy_named && !skip && vn_utf8_clean_prefix(bytes, n) == n) {
        t->data = (char *)bytes;   /* no copy */
        t->len = n;
        ti->map_len = in->map_len;
        in->p = NULL;
        return VN_OK;
    }
    bool done = false;
    vn_status st = vn_text_legacy(t, bytes + skip, n - skip, skip, encoding, &done, err);
    if (st || done) {
        input_drop(in);
        return st;
    }
    st = rebuild_utf8(t, bytes + skip, n - skip, skip);
    input_drop(in);
    return st;
}

/* A format recognized but not read: the error names it and says what to do. */
static vn_status refuse_format(enum vn_sniff kind, struct vn_text *t, struct vn_error *err)
{
    static const struct {
        enum vn_sniff kind;
        enum vn_input_format format;
        const char *what;
    } refused[] = {
        {VN_SNIFF_PDF, VN_IN_PDF, N_("a PDF document; convert it to text (pdftotext -layout) or save it as DOCX")},
        {VN_SNIFF_OLE2, VN_IN_OLE2,
         N_("a Word 97-2003 (.doc) or other OLE2 file; save it as DOCX or ODT (libreoffice --convert-to docx)")},
        {VN_SNIFF_RTF, VN_IN_RTF, N_("an RTF document; save it as DOCX or ODT (libreoffice --convert-to docx)")},
        {VN_SNIFF_PNG, VN_IN_PNG, N_("a PNG image; run OCR on it (tesseract -l vie) and check the text")},
        {VN_SNIFF_JPEG, VN_IN_JPEG, N_("a JPEG image; run OCR on it (tesseract -l vie) and check the text")},
        {VN_SNIFF_TIFF, VN_IN_TIFF, N_("a TIFF image; run OCR on it (tesseract -l vie) and check the text")},
        {VN_SNIFF_GIF, VN_IN_GIF, N_("a GIF image; run OCR on it (tesseract -l vie) and check the text")},
    };
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++)
        if (refused[i].kind == kind) {
            t->format = refused[i].format;
            return vn_ingest_fail(err, VN_EUNSUPPORTED, 0, "unsupported format: %s",
                                  vn_tr(ingest_cat, refused[i].what));
        }
    return vn_ingest_fail(err, VN_EUNSUPPORTED, 0, "unsupported format");
}

/* Any character other than white space (ASCII or the U+FEFF/U+00A0 a
 * converted document may hold)? Stops at the first one: O(1) on a report. */
static bool has_text(const struct vn_text *t)
{
    const unsigned char *p = (const unsigned char *)t->data, *end = p + t->len;
    while (p < end) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')
            p++;
        else if (end - p >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
            p += 3;
        else if (end - p >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
            p += 2;
        else
            return true;
    }
    return false;
}

/* PDF and images: read when this build has their reader, else refused. */
static vn_status read_paged(enum vn_sniff kind, const struct input *in, const struct vn_ingest_opts *o,
                            struct vn_text *t, struct vn_error *err)
{
    if (kind == VN_SNIFF_PDF && vn_ingest_has_pdf())
        return vn_read_pdf(in->p, in->n, o, t, err);
    if (kind != VN_SNIFF_PDF && vn_ingest_has_ocr()) {
        t->format = vn_input_detect(in->p, in->n);
        return vn_read_image(in->p, in->n, o, t, err);
    }
    vn_status st = refuse_format(kind, t, err);
    if (err)    /* say why: the build, not the file */
        snprintf(err->message + strlen(err->message), sizeof err->message - strlen(err->message),
                 " (this build of vnaudit has no %s reader)", kind == VN_SNIFF_PDF ? "PDF" : "OCR");
    return st;
}

/* Takes ownership of the input's bytes. */
static vn_status decode(struct input *in, const struct vn_ingest_opts *o, struct vn_text **out,
                        struct vn_error *err)
{
    size_t max = o && o->max_bytes ? o->max_bytes : VN_INGEST_DEFAULT_MAX_BYTES;
    const char *encoding = o ? o->encoding : NULL;
    struct text_impl *ti = vn_calloc(1, sizeof *ti);
    if (!ti) {
        input_drop(in);
        return VN_ENOMEM;
    }
    struct vn_text *t = &ti->pub;
    t->issues = vn_calloc(VN_INGEST_MAX_ISSUES, sizeof *t->issues);
    if (!t->issues) {
        vn_free(ti);
        input_drop(in);
        return VN_ENOMEM;
    }
    if (err)
        err->message[0] = '\0';
    vn_status st;
    switch (vn_detect(in->p, in->n)) {
    case VN_SNIFF_ZIP:
        st = vn_read_zip_doc(in->p, in->n, max, t, err);
        input_drop(in);
        break;
    case VN_SNIFF_FODT:
        st = vn_read_fodt(in->p, in->n, max, t, err);
        input_drop(in);
        break;
    case VN_SNIFF_HTML:
        st = vn_read_html(in->p, in->n, max, t, err);
        input_drop(in);
        break;
    case VN_SNIFF_TEXT:
        st = decode_text(ti, in, encoding, err);
        break;
    case VN_SNIFF_OLE2:
        st = vn_read_doc(in->p, in->n, max, encoding, t, err);
        input_drop(in);
        break;
    case VN_SNIFF_PDF:
    case VN_SNIFF_PNG:
    case VN_SNIFF_JPEG:
    case VN_SNIFF_TIFF:
    case VN_SNIFF_GIF:
        st = read_paged(vn_detect(in->p, in->n), in, o, t, err);
        input_drop(in);
        break;
    default:
        st = refuse_format(vn_detect(in->p, in->n), t, err);
        input_drop(in);
        break;
    }
    if (!st && !has_text(t))
        st = vn_ingest_fail(err, VN_ENOTEXT, 0,
                            t->len ? N_("%s: no text, only white space: nothing to check (is it the right file?)")
                                   : N_("%s: empty: nothing to check (is it the right file?)"),
                            t->format == VN_IN_TEXT ? vn_tr(ingest_cat, N_("the file"))
                                                    : vn_input_format_name(t->format));
    if (st) {
        if (err && !err->message[0])
            set_err(err, st, 0);
        vn_text_free(t);
        return st;
    }
    *out = t;
    return VN_OK;
}

static vn_status from_bytes(const void *p, size_t len, const struct vn_ingest_opts *opts, struct vn_text **out,
                            struct vn_error *err)
{
    *out = NULL;
    if (err)
        err->message[0] = '\0';
    size_t max = opts && opts->max_bytes ? opts->max_bytes : VN_INGEST_DEFAULT_MAX_BYTES;
    if (len > max || len == SIZE_MAX)
        return vn_ingest_fail(err, VN_ETOOBIG, 0, N_("larger than the input limit of %zu bytes"), max);
    unsigned char *copy = vn_malloc(len + 1);
    if (!copy)
        return VN_ENOMEM;
    if (len)
        memcpy(copy, p, len);
    copy[len] = 0;
    struct input in = {copy, len, 0};
    return decode(&in, opts, out, err);
}

vn_status vn_text_from_bytes(const void *p, size_t len, struct vn_text **out, struct vn_error *err)
{
    return vn_text_from_bytes_opts(p, len, NULL, out, err);
}

vn_status vn_text_from_bytes_opts(const void *p, size_t len, const struct vn_ingest_opts *opts, struct vn_text **out,
                                  struct vn_error *err)
{
    const struct vn_catalog *saved = ingest_cat;
    ingest_cat = vn_catalog_for(opts ? opts->lang : NULL);
    vn_status st = from_bytes(p, len, opts, out, err);
    ingest_cat = saved;
    return st;
}

/* Maps a regular file of `size` bytes instead of reading it: no copy, and
 * the pages come straight from the page cache (a read costs a copy and a
 * fault on every page of the new buffer: 64 MiB, 35 ms against 3). Only
 * when the size is not a multiple of the page size, so that the byte after
 * the last (in the last page, beyond the end of the file) reads as the NUL
 * that terminates the text; and only for files large enough to be worth a
 * mapping. The mapping is private and writable, as a malloc'd buffer would
 * be. Returns false when the file is to be read instead. */
static bool map_file(int fd, size_t size, struct input *in)
{
    long page = sysconf(_SC_PAGESIZE);
    if (size < MAP_MIN_BYTES || page <= 0 || size % (size_t)page == 0)
        return false;
    void *p = mmap(NULL, size + 1, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED)
        return false;
    in->p = p;
    in->n = size;
    in->map_len = size + 1;
    return true;
}

static vn_status read_file(const char *path, const struct vn_ingest_opts *opts, struct vn_text **out,
                           struct vn_error *err)
{
    *out = NULL;
    size_t max = opts && opts->max_bytes ? opts->max_bytes : VN_INGEST_DEFAULT_MAX_BYTES;
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        vn_ingest_fail(err, VN_EIO, 0, "cannot open: %s", vn_tr_errno(ingest_cat, errno));
        return VN_EIO;
    }
    struct vn_buf b;
    vn_buf_init(&b, max);
    vn_status st = VN_OK;
    /* a regular file: mapped, or one allocation of its size (growth is the
       fallback) */
    struct stat sb;
    if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0) {
        struct input in;
        if ((uint64_t)sb.st_size > max)
            st = VN_ETOOBIG;
        else if (!is_stdin && map_file(fileno(f), (size_t)sb.st_size, &in)) {
            fclose(f);
            return decode(&in, opts, out, err);
        } else
            st = vn_buf_reserve(&b, (size_t)sb.st_size + 1);
    }
    while (!st) {
        size_t room = b.cap > b.len + 1 ? b.cap - b.len - 1 : 0;
        if (room > max - b.len)
            room = max - b.len;
        if (room == 0) {
            size_t want = max - b.len < (1u << 20) ? max - b.len : (1u << 20);
            if (want == 0) {
                /* at the cap: anything more is too much */
                if (fgetc(f) != EOF)
                    st = VN_ETOOBIG;
                break;
            }
            st = vn_buf_reserve(&b, want);
            continue;
        }
        size_t got = fread(b.data + b.len, 1, room, f);
        b.len += got;
        if (got < room) {
            if (ferror(f))
                st = VN_EIO;
            break;
        }
    }
    int saved = errno;
    if (!is_stdin)
        fclose(f);
    if (st) {
        if (st == VN_ETOOBIG)
            vn_ingest_fail(err, st, b.len, "larger than the input limit of %zu bytes", max);
        else if (st == VN_EIO)
            vn_ingest_fail(err, st, b.len, "read error: %s", vn_tr_errno(ingest_cat, saved));
        else
            set_err(err, st, b.len);
        vn_buf_free(&b);
        return st;
    }
    if (b.data)
        b.data[b.len] = '\0';  /* the reads leave room for it */
    struct input in = {NULL, 0, 0};
    in.p = (unsigned char *)vn_buf_detach(&b, &in.n);
    if (!in.p)
        return VN_ENOMEM;
    return decode(&in, opts, out, err);
}

vn_status vn_text_read_file(const char *path, const struct vn_ingest_opts *opts, struct vn_text **out,
                            struct vn_error *err)
{
    const struct vn_catalog *saved = ingest_cat;
    ingest_cat = vn_catalog_for(opts ? opts->lang : NULL);
    vn_status st = read_file(path, opts, out, err);
    ingest_cat = saved;
    return st;
}

void vn_text_free(struct vn_text *t)
{
    if (!t)
        return;
    const struct text_impl *ti = (const struct text_impl *)t;
    if (ti->map_len)
        munmap(t->data, ti->map_len);
    else
        vn_free(t->data);
    vn_free(t->issues);
    vn_free(t->src_lines);
    vn_free(t->src_cells);
    vn_free(t->ocr_marks);
    vn_free(t);
}
