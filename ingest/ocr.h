/* Private to ingest/: OCR with Tesseract (ocr.c), and the check of a
 * PDF's compressed streams before poppler reads it (pdfscan.c). */
#ifndef VN_INGEST_OCR_H
#define VN_INGEST_OCR_H

#include "ingest/pages.h"

/* Pages are rendered for OCR at this resolution, and an image may have at
 * most this many pixels (an A4 page at 300 dpi has 8.7 million). */
#define VN_OCR_DPI 300
#define VN_OCR_MAX_PIXELS ((size_t)60 << 20)

struct vn_ocr;
/* Tesseract with the Vietnamese model; VN_EUNSUPPORTED when it is missing. */
VN_NODISCARD vn_status vn_ocr_new(struct vn_ocr **out, struct vn_error *err);
void vn_ocr_free(struct vn_ocr *o);
/* Reads an 8-bit gray image (w x h, `stride` bytes a row) into the current
 * page of pp; `scale` converts pixels to the page's units. Gives up with
 * VN_ETOOBIG once the clock passes deadline_ms (CLOCK_MONOTONIC). */
VN_NODISCARD vn_status vn_ocr_gray(struct vn_ocr *o, const uint8_t *gray, int w, int h, int stride, double scale,
                                   double deadline_ms, struct vn_pages *pp, struct vn_error *err);
double vn_ocr_now_ms(void);

/* Inflates each Flate stream of a PDF (zlib, into a small window, nothing
 * kept) and refuses the file when one inflates past 200 times its size
 * beyond 1 MiB, or all of them past cap bytes: a compression bomb is
 * refused before poppler reads a page. */
VN_NODISCARD vn_status vn_pdf_scan(const unsigned char *s, size_t n, size_t cap, struct vn_error *err);

#endif
