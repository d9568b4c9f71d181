/* Private to ingest/: words placed on pages, as a PDF's text layer
 * (pdf.c) and OCR (ocr.c) give them, before they are laid out as lines
 * (layout.c). Coordinates have their origin at the top-left corner of the
 * page: PDF points, or pixels for an image. */
#ifndef VN_INGEST_PAGES_H
#define VN_INGEST_PAGES_H

#include "ingest/ingest_internal.h"

struct vn_pword {
    uint32_t off, len;          /* bytes in vn_pages.text (UTF-8, no white space) */
    double x0, y0, x1, y1;
    uint8_t conf;               /* 0-100; 100 for a text layer */
    uint8_t digit_conf;         /* the lowest confidence of its digits (100: none low or no digit) */
};

struct vn_ppage {
    uint32_t number;            /* 1-based page of the input */
    double width, height;
    uint8_t part;               /* VN_PART_PDF_TEXT or VN_PART_OCR */
    size_t first_word, n_words; /* in vn_pages.words */
};

struct vn_pages {
    struct vn_buf text;
    struct vn_pword *words;
    size_t n_words, cap_words;
    struct vn_ppage *pages;
    size_t n_pages, cap_pages;
    size_t max_words;           /* words on all pages together, at most */
};

void vn_pages_init(struct vn_pages *pp, size_t max_bytes);
void vn_pages_free(struct vn_pages *pp);
/* Starts a page; the words added next belong to it. */
VN_NODISCARD vn_status vn_pages_begin(struct vn_pages *pp, uint32_t number, double width, double height,
                                      uint8_t part);
/* Adds a word to the current page (its text is copied). */
VN_NODISCARD vn_status vn_pages_word(struct vn_pages *pp, const char *s, size_t n, double x0, double y0,
                                     double x1, double y1, uint8_t conf, uint8_t digit_conf);

/* Below this, a digit read by OCR makes its figure ambiguous. */
#define VN_OCR_DIGIT_MIN_CONF 80

/* Lays the pages out as lines of text into tb (layout.c): lines in reading
 * order, wrapped paragraphs joined, running headers, footers and page
 * numbers dropped, footnotes after the line citing them, aligned columns as
 * TAB-separated cells. Fills t's OCR marks (the caller then calls
 * vn_tb_finish). */
VN_NODISCARD vn_status vn_layout(const struct vn_pages *pp, struct vn_tb *tb, struct vn_text *t);

/* The readers (pdf.c, ocr.c), built only with their libraries. */
VN_NODISCARD vn_status vn_read_pdf(const unsigned char *s, size_t n, const struct vn_ingest_opts *o,
                                   struct vn_text *t, struct vn_error *err);
VN_NODISCARD vn_status vn_read_image(const unsigned char *s, size_t n, const struct vn_ingest_opts *o,
                                     struct vn_text *t, struct vn_error *err);

#endif
