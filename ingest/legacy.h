/* Pre-Unicode Vietnamese encodings: TCVN3 (ABC), VNI-Windows, VISCII and
 * Windows-1258, decoded by the tables in vocab/encodings/ (compiled
 * in). Private to ingest/. */
#ifndef VN_INGEST_LEGACY_H
#define VN_INGEST_LEGACY_H

#include <stdint.h>

#include "common/buf.h"
#include "vnaudit/ingest.h"

enum vn_legacy { VN_LEGACY_NONE, VN_LEGACY_TCVN3, VN_LEGACY_VNI, VN_LEGACY_VISCII, VN_LEGACY_CP1258 };
#define VN_LEGACY_FIRST VN_LEGACY_TCVN3
#define VN_LEGACY_LAST VN_LEGACY_CP1258

/* "TCVN3", "VNI", "VISCII", "CP1258" ("" for NONE). */
const char *vn_legacy_name(enum vn_legacy e);
/* A name as --encoding takes it (case ignored): tcvn3 (abc), vni,
 * viscii, cp1258 (windows-1258); utf-8 and auto give VN_LEGACY_NONE.
 * False for a name it does not know. */
bool vn_legacy_parse(const char *name, enum vn_legacy *e, bool *is_auto);

/* One table: a byte, or a base letter and a mark byte (VNI), to a code point. */
struct vn_legacy_pair {
    uint16_t key;   /* first byte << 8 | second */
    uint32_t cp;
};
struct vn_legacy_table {
    enum vn_legacy enc;
    uint32_t single[256];   /* 0: the byte is invalid (byte 0 itself is NUL) */
    bool mark[256];         /* the second byte of some pair */
    struct vn_legacy_pair *pairs;   /* sorted by key */
    size_t n_pairs;
};
VN_NODISCARD vn_status vn_legacy_table_load(enum vn_legacy e, struct vn_legacy_table *t);
void vn_legacy_table_free(struct vn_legacy_table *t);

/* Where decoding problems go: issues of t (NULL: only counted) at
 * base + the byte's offset, with the line of the output so far. */
struct vn_legacy_sink {
    struct vn_text *t;
    size_t base;
    size_t line;        /* 1-based line of the output being written */
    size_t bad;         /* bytes the table does not list, and NULs */
    bool had_cr;
};

/* Decodes s[0..n) and appends UTF-8 to b. CRLF and lone CR become LF
 * (when crlf), a byte the table does not list or a NUL becomes U+FFFD,
 * a combining tone mark is composed with the letter before it (NFC), and
 * with upper every letter is a capital (the TCVN3 "H" fonts). */
VN_NODISCARD vn_status vn_legacy_decode(const struct vn_legacy_table *tab, const unsigned char *s, size_t n,
                                        bool upper, bool crlf, struct vn_buf *b, struct vn_legacy_sink *sink);

/* The encoding a font's text is in (vocab/encodings/fonts.tsv), and
 * whether the font draws capitals; VN_LEGACY_NONE for a Unicode font. */
enum vn_legacy vn_legacy_font(const char *font, size_t len, bool *upper);

/* Text of a run in a legacy font (docx_fonts.c): each character standing
 * for a byte (U+0000-U+00FF, cp1252's characters for 0x80-0x9F, symbol
 * fonts' U+F000-U+F0FF) is decoded as that byte; others are kept. */
VN_NODISCARD vn_status vn_legacy_from_chars(const struct vn_legacy_table *tab, const char *s, size_t n,
                                            bool upper, struct vn_buf *out);

/* The font a w:rFonts element (the reader's current node) names for text
 * beyond ASCII, else for ASCII; "" when none (docx_fonts.c). */
#include <libxml/xmlreader.h>
void vn_docx_rfonts(xmlTextReaderPtr r, char *font, size_t cap);

/* ---- detection (legacy_detect.c) --------------------------------------- */

/* How well text decoded with one table reads as Vietnamese: of the words
 * holding a character beyond ASCII, how many are Vietnamese syllables. */
struct vn_legacy_guess {
    enum vn_legacy enc;     /* the table chosen, or NONE when none reads well enough */
    enum vn_legacy best;    /* the best table, chosen or not; words and syllables are its */
    size_t words, syllables;
    enum vn_legacy runner_up;
    size_t runner_words, runner_syllables;
};
/* Scores every table on the first bytes of s and picks one: at least 80 %
 * of its words syllables, at least 3 syllables, and clearly ahead of the
 * others. */
VN_NODISCARD vn_status vn_legacy_detect(const unsigned char *s, size_t n, struct vn_legacy_guess *g);
/* The same score for UTF-8 text already decoded (words and syllables). */
void vn_legacy_score_utf8(const char *s, size_t n, size_t *words, size_t *syllables);

/* ---- plain text (legacy_text.c) ------------------------------------------ */

/* Plain text s[0..n) (base: its offset in the input) that is not clean
 * UTF-8, or any text when `name` names a legacy encoding: converts it into
 * t and sets *done, or leaves t alone (*done false) for the UTF-8 reader;
 * t->charset_note says what was decided when there was a question. An
 * unknown name is VN_EINVAL. */
VN_NODISCARD vn_status vn_text_legacy(struct vn_text *t, const unsigned char *s, size_t n, size_t base,
                                      const char *name, bool *done, struct vn_error *err);

#endif
