/* ingest: bytes of one input -> struct vn_text.
 *
 * Takes a path (or "-" for standard input) or bytes in memory, and decides
 * what they are by their content, never by the file name:
 *   - DOCX: a ZIP with [Content_Types].xml and word/document.xml;
 *   - ODT: a ZIP whose "mimetype" entry is application/vnd.oasis.opendocument.text;
 *   - FODT: flat ODF XML (an office:document root);
 *   - HTML: a doctype, an <html> root, or a fragment starting with a block
 *     tag; its charset comes from a BOM, a <meta> tag, or the default (UTF-8
 *     when the bytes look like UTF-8, windows-1258 otherwise), converted
 *     with ICU (bytes that are all valid UTF-8 are read as UTF-8 whatever
 *     the <meta> says);
 *   - Word 97-2003 .doc (an OLE2 file with a WordDocument stream): text,
 *     tables and footnotes (ingest/doc.c); the text of a document typed
 *     in TCVN3 or VNI fonts is converted when it reads so (legacy.h);
 *   - PDF: the text layer (poppler), laid out again as lines (ingest/pdf.c,
 *     ingest/layout.c); pages without text, and PNG, JPEG, TIFF, GIF
 *     images, through OCR (Tesseract, "vie") as vn_ingest_opts.ocr says,
 *     when the library was built with them (VNAUDIT_PDF, VNAUDIT_OCR);
 *   - other OLE2 files (.xls), RTF, ZIP archives of other kinds, and
 *     PDF or images in a build without their reader, are recognized and
 *     refused with VN_EUNSUPPORTED, the message naming the type and what to do;
 *   - anything else: plain text.
 * An input that is empty, or a document without a character of text other
 * than white space, is refused with VN_ENOTEXT: it is never "clean".
 * Gives UTF-8 text with LF line ends. Plain text: a UTF-8 BOM is dropped,
 * UTF-16LE/BE with a BOM is converted, CRLF and lone CR become LF. Invalid
 * sequences and NUL bytes are replaced by U+FFFD and reported as issues
 * (byte offset, line) so nothing else is lost.
 *
 * Documents (DOCX, ODT, FODT, HTML) become one line per paragraph (a line
 * break inside a paragraph starts a new line), one line per table row with
 * the cells separated by a TAB (merged cells padded with empty cells so
 * columns stay aligned), and one line per footnote or endnote after the
 * paragraph (or row) that cites it (HTML: as pandoc and LibreOffice mark
 * them). Headers, footers, comments and deleted text are left out. TAB
 * appears only between cells. Each line keeps where it came from
 * (struct vn_src_line, vn_text_source()).
 *
 * An input that cannot be read at all is an error (vn_status + vn_error):
 * a broken or unknown container, an XML part that is not well-formed or has
 * a DTD, a ZIP entry over the size or compression-ratio limits. */
#ifndef VNAUDIT_INGEST_H
#define VNAUDIT_INGEST_H

#include "vnaudit/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* VN_ENC_LEGACY: plain text converted from a pre-Unicode Vietnamese
 * encoding (vn_text.charset names it: "TCVN3", "VNI", "VISCII", "CP1258"),
 * detected from byte statistics or named by vn_ingest_opts.encoding. */
enum vn_encoding { VN_ENC_UTF8, VN_ENC_UTF8_BOM, VN_ENC_UTF16LE, VN_ENC_UTF16BE, VN_ENC_LEGACY };

/* What the input was, as detected from its content. */
enum vn_input_format {
    VN_IN_TEXT, VN_IN_DOCX, VN_IN_ODT, VN_IN_FODT, VN_IN_HTML,
    /* recognized by their content but not read (yet): VN_EUNSUPPORTED */
    VN_IN_PDF, VN_IN_OLE2, VN_IN_RTF, VN_IN_PNG, VN_IN_JPEG, VN_IN_TIFF, VN_IN_GIF, VN_IN_ZIP,
    VN_IN_DOC   /* Word 97-2003, read (an OLE2 file of another kind stays VN_IN_OLE2, refused) */
};

/* Charset problems of an HTML input other than UTF-8/16 are reported as
 * VN_ISSUE_INVALID_UTF8 (the offset is in the input as read). */
enum vn_ingest_issue_kind { VN_ISSUE_INVALID_UTF8, VN_ISSUE_NUL_BYTE, VN_ISSUE_INVALID_UTF16 };

struct vn_ingest_issue {
    enum vn_ingest_issue_kind kind;
    size_t offset;  /* byte offset in the input as read */
    size_t line;    /* 1-based line of the converted text */
};

/* The part of a container a line came from. */
enum vn_src_part {
    VN_PART_NONE,           /* the file itself (text, FODT, HTML) */
    VN_PART_DOCX_DOCUMENT,  /* word/document.xml */
    VN_PART_DOCX_FOOTNOTES, /* word/footnotes.xml */
    VN_PART_DOCX_ENDNOTES,  /* word/endnotes.xml */
    VN_PART_ODT_CONTENT,    /* content.xml */
    VN_PART_PDF_TEXT,       /* a PDF page's text layer */
    VN_PART_OCR             /* text read by OCR (a scanned PDF page or an image) */
};

enum vn_src_kind { VN_SRC_PARAGRAPH, VN_SRC_TABLE_ROW, VN_SRC_FOOTNOTE, VN_SRC_ENDNOTE };

/* A rectangle on a page: PDF points (1/72 inch) from the top-left corner of
 * the page, rounded outwards; pixels for an image read by OCR. All 0 when
 * unknown (documents other than PDF and images). */
struct vn_box {
    uint32_t x0, y0, x1, y1;
};

/* Where one line of a document came from: 44 bytes a line, 28 a cell.
 * `para` is the 1-based paragraph index in the part: the Nth w:p of the
 * part (XPath (//w:p)[N]) for DOCX, the Nth text:p or text:h inside
 * office:body for ODT/FODT; for HTML it is the line of the source file
 * where the block starts. 0 when unknown. */
struct vn_src_line {
    uint32_t para;
    uint32_t table;         /* table rows: 1-based index of the table in the part, else 0 */
    uint32_t row;           /* table rows: 1-based row in that table, else 0 */
    uint32_t note;          /* notes: the note's id (DOCX w:id; ODT, HTML: its order in the document) */
    uint32_t first_cell;    /* table rows: index in vn_text.src_cells of the first cell */
    uint8_t part;           /* enum vn_src_part */
    uint8_t kind;           /* enum vn_src_kind */
    uint32_t page;          /* PDF and images: the 1-based page; else 0 */
    struct vn_box box;      /* PDF and images: the box of the line's words */
};

struct vn_src_cell {
    uint32_t off;   /* byte offset in the line of the cell's first byte */
    uint32_t col;   /* 1-based grid column (after spans) */
    uint32_t para;  /* first paragraph of the cell, as vn_src_line.para; 0 for an empty cell */
    struct vn_box box;  /* PDF and images: the box of the cell's words */
};

/* OCR: a word of the text read with a low-confidence digit. The pipeline
 * marks the figure read from it `ambiguous`. */
struct vn_ocr_mark {
    uint32_t line;      /* 1-based line of vn_text.data */
    uint32_t off, len;  /* bytes of the word in that line */
    uint8_t conf;       /* the lowest confidence of its digits, 0-100 */
};

struct vn_text {
    char *data;                 /* NUL-terminated UTF-8, LF line ends */
    size_t len;
    enum vn_encoding encoding;
    enum vn_input_format format;
    char charset[32];           /* HTML: the charset converted from ("windows-1258"); text, and documents
                                   with runs in legacy fonts: the legacy encoding(s) converted from
                                   ("TCVN3", "TCVN3+VNI"); else "" */
    char charset_note[256];     /* how the legacy encoding was chosen, or why none was ("" when no
                                   question arose) */
    bool had_crlf;              /* some line ended in CRLF or CR */
    struct vn_ingest_issue *issues;
    size_t n_issues;            /* stored issues (at most VN_INGEST_MAX_ISSUES) */
    size_t n_issues_total;      /* all issues, stored or not */
    /* documents only (NULL/0 for plain text): src_lines[i] is line i + 1;
       a table row's cells are src_cells[first_cell .. next row's first_cell) */
    struct vn_src_line *src_lines;
    size_t n_src_lines;
    struct vn_src_cell *src_cells;
    size_t n_src_cells;
    /* PDF and images */
    uint32_t n_pages;           /* pages read */
    uint32_t n_ocr_pages;       /* of which read by OCR */
    uint32_t n_pages_unread;    /* pages without a text layer left unread (OCR off or not built) */
    struct vn_ocr_mark *ocr_marks;
    size_t n_ocr_marks;
};

#define VN_INGEST_MAX_ISSUES 64
#define VN_INGEST_DEFAULT_MAX_BYTES ((size_t)512 << 20)

/* When PDF pages and images go through OCR. */
enum vn_ocr_mode {
    VN_OCR_AUTO,    /* pages without a text layer, and images */
    VN_OCR_ALWAYS,  /* every page, ignoring any text layer */
    VN_OCR_NEVER    /* never: a PDF without text, or an image, is VN_ENOTEXT */
};

#define VN_INGEST_DEFAULT_MAX_PAGES 2000
#define VN_INGEST_DEFAULT_MAX_MS 600000     /* 10 minutes: OCR takes seconds a page */

struct vn_ingest_opts {
    size_t max_bytes;   /* 0: VN_INGEST_DEFAULT_MAX_BYTES. Also caps the text made from a document,
                           and half of it caps what a ZIP may unpack to (256 MiB by default)
                           and what a PDF's compressed streams may inflate to. */
    enum vn_ocr_mode ocr;
    uint32_t max_pages; /* PDF: 0: VN_INGEST_DEFAULT_MAX_PAGES; more is refused before any is read */
    uint32_t max_ms;    /* PDF and OCR: wall-clock limit, checked between pages and OCR words;
                           0: VN_INGEST_DEFAULT_MAX_MS */
    const char *encoding;   /* plain text: NULL or "auto" (UTF-8/16, else a legacy encoding detected from
                               the bytes), "utf-8" (never a legacy one), or one to use whatever the bytes
                               look like: "tcvn3", "vni", "viscii", "cp1258" (vn_ingest_encoding_known) */
    const char *lang;       /* the language of vn_error.message and vn_text.charset_note: "en" (NULL) or
                               "vi" (vnaudit/i18n.h); the C library's strerror text inside stays as given */
};

/* Whether vn_ingest_opts.encoding accepts this name (case ignored). */
VN_API bool vn_ingest_encoding_known(const char *name);

/* Reads and decodes a whole file. */
VN_API VN_NODISCARD vn_status vn_text_read_file(const char *path, const struct vn_ingest_opts *opts,
                                                struct vn_text **out, struct vn_error *err);
/* Decodes bytes already in memory (copied), with the default limits. */
VN_API VN_NODISCARD vn_status vn_text_from_bytes(const void *bytes, size_t len, struct vn_text **out,
                                                 struct vn_error *err);
/* The same with options (NULL: the defaults); more than opts->max_bytes is
 * refused (VN_ETOOBIG) before anything is copied. */
VN_API VN_NODISCARD vn_status vn_text_from_bytes_opts(const void *bytes, size_t len,
                                                      const struct vn_ingest_opts *opts, struct vn_text **out,
                                                      struct vn_error *err);
VN_API void vn_text_free(struct vn_text *t);

/* Source location of one place in a document's text. */
struct vn_source {
    enum vn_input_format format;
    const char *part;       /* "word/document.xml", "content.xml"; NULL for the file itself */
    enum vn_src_kind kind;
    uint32_t paragraph;     /* see vn_src_line.para; 0 for HTML or when unknown */
    uint32_t src_line;      /* HTML: line of the source file; else 0 */
    uint32_t table, row, column;    /* 1-based; 0 outside a table */
    uint32_t note;          /* footnotes and endnotes: the note's id */
    uint32_t page;          /* PDF and images: 1-based page; else 0 */
    struct vn_box box;      /* PDF and images: the line's box, or the cell's */
};

/* Where byte `col` (0-based) of line `line` (1-based) of t->data came from.
 * False for plain text or a line out of range. */
VN_API bool vn_text_source(const struct vn_text *t, size_t line, size_t col, struct vn_source *out);
/* The same for the `cell`-th (0-based) TAB-separated cell of a line: the
 * form to use from the normalized text, which keeps lines and TABs but may
 * move bytes within a line. A cell past the last gives the line itself. */
VN_API bool vn_text_source_cell(const struct vn_text *t, size_t line, size_t cell, struct vn_source *out);
VN_API const char *vn_src_part_name(enum vn_src_part p);
VN_API const char *vn_input_format_name(enum vn_input_format f);
/* What the first bytes of an input say it is (the same test the readers use;
 * a ZIP is VN_IN_ZIP until its entries are read). */
VN_API enum vn_input_format vn_input_detect(const void *bytes, size_t len);
/* Whether this build reads PDF text layers (poppler) and runs OCR (Tesseract). */
VN_API bool vn_ingest_has_pdf(void);
VN_API bool vn_ingest_has_ocr(void);

#ifdef __cplusplus
}
#endif

#endif
