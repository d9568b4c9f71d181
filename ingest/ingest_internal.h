/* Private to ingest/: the text builder shared by the document readers,
 * the ZIP and XML wrappers, and the readers themselves. */
#ifndef VN_INGEST_INTERNAL_H
#define VN_INGEST_INTERNAL_H

#include <stdarg.h>

#include "common/buf.h"
#include "vnaudit/ingest.h"

/* Limits on what a document may make us do. */
#define VN_XML_MAX_DEPTH 200            /* element nesting in an XML part */
#define VN_HTML_MAX_DEPTH 256           /* open elements in an HTML page */
#define VN_TB_MAX_COLS 1024             /* grid columns of one table row */
#define VN_ZIP_MAX_ENTRIES 65535
#define VN_ZIP_RATIO_MAX 200            /* uncompressed : compressed, per entry ... */
#define VN_ZIP_RATIO_FLOOR ((size_t)1 << 20)    /* ... once the entry is past 1 MiB */

struct vn_catalog;
/* Fills err (when not NULL) with a formatted message, fmt translated into
 * the language of the read under way (vn_ingest_catalog(); po/update.sh
 * takes fmt as a message to translate); returns st. An argument written
 * for a person is translated by the caller (vn_tr(vn_ingest_catalog(), ..)). */
vn_status vn_ingest_fail(struct vn_error *err, vn_status st, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The catalog of the read under way on this thread (NULL: English). */
const struct vn_catalog *vn_ingest_catalog(void);
void vn_ingest_add_issue(struct vn_text *t, enum vn_ingest_issue_kind kind, size_t offset, size_t line);

/* ---- text builder: lines, cells and notes with their source ------------ */

struct vn_tb_note {
    size_t off, len;        /* in notes_text */
    uint32_t id, para;
    uint8_t part, kind;
    bool written;           /* laid out after the first line citing it; later citations refer to it */
};

struct vn_tb {
    struct vn_buf out;
    size_t line_start;          /* offset of the current line in out */
    struct vn_src_line cur;     /* source of the current line */
    struct vn_src_line *lines;
    size_t n_lines, cap_lines;
    struct vn_src_cell *cells;
    size_t n_cells, cap_cells;
    size_t map_max;             /* bytes the line and cell maps may take */
    bool want_space;            /* a space before the next text, if any */
    /* notes: while `divert`, text goes to notes_text for note n_notes - 1 */
    bool divert;
    bool main_want_space;       /* want_space of the main text while diverted */
    struct vn_buf notes_text;
    struct vn_tb_note *notes;
    size_t n_notes, cap_notes;
    size_t *pending;            /* notes cited by the current line, to follow it */
    size_t n_pending, cap_pending;
    /* runs in legacy fonts converted, by enum vn_legacy (legacy.h); the
       document's default font (DOCX styles.xml), for runs that name none */
    size_t legacy_runs[5];
    char default_font[64];
};

void vn_tb_init(struct vn_tb *tb, size_t max_bytes);
void vn_tb_free(struct vn_tb *tb);
/* The source of the current line (kept for the following lines too). */
void vn_tb_set_line(struct vn_tb *tb, uint8_t part, uint8_t kind, uint32_t para, uint32_t table, uint32_t row);
/* Appends text; TAB, CR and LF become spaces (TAB separates cells, LF lines). */
VN_NODISCARD vn_status vn_tb_text(struct vn_tb *tb, const char *s, size_t n);
/* As vn_tb_text, with each run of white space folded to one soft space (HTML, ODF). */
VN_NODISCARD vn_status vn_tb_text_fold(struct vn_tb *tb, const char *s, size_t n);
/* A space before the next text unless at the start of a line, cell or note. */
void vn_tb_soft_space(struct vn_tb *tb);
/* Ends the current line (even when empty); trailing spaces are dropped. */
VN_NODISCARD vn_status vn_tb_end_line(struct vn_tb *tb);
/* Starts a cell of the current line at grid column col (1-based). */
VN_NODISCARD vn_status vn_tb_cell(struct vn_tb *tb, uint32_t col, uint32_t para);
/* Sets the paragraph of the current cell if it has none yet. */
void vn_tb_cell_para(struct vn_tb *tb, uint32_t para);
/* Number of cells in the current line so far. */
size_t vn_tb_line_cells(const struct vn_tb *tb);
/* Notes: begin diverting text into a new note; end it; find one by id. */
VN_NODISCARD vn_status vn_tb_note_begin(struct vn_tb *tb, uint8_t part, uint8_t kind, uint32_t id);
void vn_tb_note_para(struct vn_tb *tb, uint32_t para);
void vn_tb_note_end(struct vn_tb *tb);
/* Queues note `index` (from vn_tb_note_find or the last one) after the current line. */
VN_NODISCARD vn_status vn_tb_cite(struct vn_tb *tb, size_t index);
bool vn_tb_note_find(const struct vn_tb *tb, uint8_t kind, uint32_t id, size_t *index);
/* Sorts the notes by kind and id, for vn_tb_note_find (call once, before citing). */
void vn_tb_notes_sort(struct vn_tb *tb);
/* Writes the queued notes as lines of their own, each note once: a note
 * cited again is not copied again (a long note cited by every paragraph
 * would otherwise multiply the text). */
VN_NODISCARD vn_status vn_tb_flush_notes(struct vn_tb *tb);
/* Sets t->charset and t->charset_note from the runs converted from legacy
 * fonts (legacy.c). */
void vn_legacy_runs_note(const size_t runs[5], struct vn_text *t);
/* DOCX: the default font of word/styles.xml into tb->default_font (docx_fonts.c). */
VN_NODISCARD vn_status vn_docx_styles(const char *xml, size_t len, struct vn_tb *tb, struct vn_error *err);
/* Moves the text and the maps into t (ends an unfinished line first). */
VN_NODISCARD vn_status vn_tb_finish(struct vn_tb *tb, struct vn_text *t);

/* ---- ZIP (libzip) ------------------------------------------------------ */

struct vn_zip;
/* Opens an archive in memory (borrowed). `cap_total` bounds what all the
 * entries read from it may unpack to. */
VN_NODISCARD vn_status vn_zip_open(const void *bytes, size_t n, size_t cap_total, struct vn_zip **out,
                                   struct vn_error *err);
bool vn_zip_has(struct vn_zip *z, const char *name);
/* Reads one entry whole (NUL-terminated, caller frees) under the size and
 * ratio limits. */
VN_NODISCARD vn_status vn_zip_read(struct vn_zip *z, const char *name, char **data, size_t *len,
                                   struct vn_error *err);
void vn_zip_close(struct vn_zip *z);

/* ---- the readers ------------------------------------------------------- */

/* What the bytes look like: a ZIP (DOCX or ODT, decided inside), flat
 * ODF, HTML, or text. */
enum vn_sniff {
    VN_SNIFF_TEXT, VN_SNIFF_ZIP, VN_SNIFF_FODT, VN_SNIFF_HTML,
    /* formats refused with VN_EUNSUPPORTED */
    VN_SNIFF_PDF, VN_SNIFF_OLE2, VN_SNIFF_RTF, VN_SNIFF_PNG, VN_SNIFF_JPEG, VN_SNIFF_TIFF, VN_SNIFF_GIF
};
enum vn_sniff vn_detect(const unsigned char *s, size_t n);

/* Each fills t (format, text, maps) from the input bytes (borrowed). */
VN_NODISCARD vn_status vn_read_zip_doc(const unsigned char *s, size_t n, size_t max_bytes, struct vn_text *t,
                                       struct vn_error *err);
VN_NODISCARD vn_status vn_read_fodt(const unsigned char *s, size_t n, size_t max_bytes, struct vn_text *t,
                                    struct vn_error *err);
VN_NODISCARD vn_status vn_read_html(const unsigned char *s, size_t n, size_t max_bytes, struct vn_text *t,
                                    struct vn_error *err);

/* ASCII white space as HTML and XML count it (the text builder folds it,
 * the HTML attribute cap reads tags by it). */
static inline bool vn_ingest_is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* HTML charsets (charset.c): picks one into cs (lower case) and returns the
 * length of the BOM; converts s[bom..n) to UTF-8 into b (capped by b's max). */
size_t vn_html_charset(const unsigned char *s, size_t n, char *cs, size_t cap);
VN_NODISCARD vn_status vn_charset_to_utf8(struct vn_text *t, const unsigned char *s, size_t n, size_t bom,
                                          const char *cs, struct vn_buf *b, struct vn_error *err);

/* DOCX and ODT walkers over one XML part (xml.c holds the reader set-up). */
struct vn_xml;
VN_NODISCARD vn_status vn_docx_part(const char *xml, size_t len, enum vn_src_part part, struct vn_tb *tb,
                                    struct vn_error *err);
VN_NODISCARD vn_status vn_odt_part(const char *xml, size_t len, const char *format, enum vn_src_part part,
                                   struct vn_tb *tb, struct vn_error *err);

#endif
