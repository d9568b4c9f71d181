/* PDF: the text layer of each page through poppler-glib, as words with
 * boxes; pages without text go to OCR (ocr.c) when vn_ingest_opts.ocr
 * allows it; layout.c makes lines of them.
 *
 * Limits, checked before poppler sees the bytes or between pages: the
 * compressed streams may not inflate past the caps of pdfscan.c (a bomb is
 * refused before any page is read); the page count (poppler reads the page
 * tree lazily, so the count is checked before a page is touched); a
 * wall-clock budget, checked after each page. poppler's own messages go to
 * GLib's log at level INFO, which is not printed unless asked for. */
#include <glib.h>
#include <math.h>
#include <poppler.h>
#include <stdio.h>
#include <string.h>

#include "ingest/ocr.h"
#include "ingest/pages.h"

#define now_ms vn_ocr_now_ms

#ifdef VN_HAVE_OCR
#include <cairo.h>

/* Renders a page at VN_OCR_DPI (less if it would exceed VN_OCR_MAX_PIXELS)
 * on white, in gray, and reads it. */
static vn_status ocr_page(struct vn_ocr *ocr, PopplerPage *pg, double w, double h, double deadline,
                          struct vn_pages *pp, struct vn_error *err)
{
    double scale = VN_OCR_DPI / 72.0;
    if (w * scale * h * scale > (double)VN_OCR_MAX_PIXELS)
        scale = sqrt((double)VN_OCR_MAX_PIXELS / (w * h));
    int pw = (int)ceil(w * scale), ph = (int)ceil(h * scale);
    if (pw <= 0 || ph <= 0)
        return VN_OK;
    cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
    if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(sf);
        return VN_ENOMEM;
    }
    cairo_t *cr = cairo_create(sf);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render_for_printing(pg, cr);
    cairo_destroy(cr);
    cairo_surface_flush(sf);
    const unsigned char *px = cairo_image_surface_get_data(sf);
    int stride = cairo_image_surface_get_stride(sf);
    uint8_t *gray = g_try_malloc((size_t)pw * (size_t)ph);
    vn_status st = gray ? VN_OK : VN_ENOMEM;
    for (int y = 0; gray && y < ph; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
        for (int x = 0; x < pw; x++) {
            uint32_t v = row[x];
            gray[(size_t)y * (size_t)pw + (size_t)x] =
                (uint8_t)((((v >> 16) & 255) * 299 + ((v >> 8) & 255) * 587 + (v & 255) * 114) / 1000);
        }
    }
    cairo_surface_destroy(sf);
    if (!st)
        st = vn_ocr_gray(ocr, gray, pw, ph, pw, 1 / scale, deadline, pp, err);
    g_free(gray);
    return st;
}
#else
static vn_status ocr_page(struct vn_ocr *ocr, PopplerPage *pg, double w, double h, double deadline,
                          struct vn_pages *pp, struct vn_error *err)
{
    return vn_ingest_fail(err, VN_EUNSUPPORTED, 0, "PDF: this build of vnaudit has no OCR (Tesseract)");
}
#endif

/* A word being gathered from characters. */
struct wacc {
    size_t start, end;      /* bytes of the page text */
    double x0, y0, x1, y1, h;
    bool open;
};

static vn_status flush(struct wacc *a, const char *text, struct vn_pages *pp)
{
    if (!a->open)
        return VN_OK;
    a->open = false;
    return vn_pages_word(pp, text + a->start, a->end - a->start, a->x0, a->y0, a->x1, a->y1, 100, 100);
}

/* The characters of a page and their boxes -> words. A word ends at white
 * space, and where the next character changes size by a third (a raised
 * note mark glued to a word), jumps back, or leaves a gap. */
static vn_status page_words(PopplerPage *pg, struct vn_pages *pp, size_t *n_glyphs)
{
    char *text = poppler_page_get_text(pg);
    PopplerRectangle *r = NULL;
    guint nr = 0;
    *n_glyphs = 0;
    if (!text)
        return VN_OK;
    if (!poppler_page_get_text_layout(pg, &r, &nr)) {
        g_free(text);
        return VN_OK;
    }
    vn_status st = VN_OK;
    struct wacc a = {0};
    size_t i = 0;
    for (guint ci = 0; text[i] && ci < nr && !st; ci++) {
        const char *p = text + i;
        gunichar c = g_utf8_get_char_validated(p, -1);
        size_t l = (c == (gunichar)-1 || c == (gunichar)-2) ? 1 : (size_t)(g_utf8_next_char(p) - p);
        const PopplerRectangle *rc = &r[ci];
        double h = rc->y2 - rc->y1;
        if (c == (gunichar)-1 || c == (gunichar)-2 || g_unichar_isspace(c) || c == 0xA0 || c == 0xFEFF ||
            h <= 0) {
            st = flush(&a, text, pp);
        } else {
            (*n_glyphs)++;
            if (a.open && (fabs(h - a.h) > a.h / 3 || rc->x1 < a.x1 - a.h || rc->x1 - a.x1 > 0.3 * a.h ||
                           rc->y1 > a.y1 || rc->y2 < a.y0))
                st = flush(&a, text, pp);
            if (!a.open) {
                a = (struct wacc){i, i, rc->x1, rc->y1, rc->x2, rc->y2, h, true};
            } else {
                a.x0 = fmin(a.x0, rc->x1);
                a.y0 = fmin(a.y0, rc->y1);
                a.x1 = fmax(a.x1, rc->x2);
                a.y1 = fmax(a.y1, rc->y2);
            }
            a.end = i + l;
        }
        i += l;
    }
    if (!st)
        st = flush(&a, text, pp);
    g_free(r);
    g_free(text);
    return st;
}

static vn_status open_doc(const unsigned char *s, size_t n, PopplerDocument **out, struct vn_error *err)
{
    if (n > INT_MAX)
        return vn_ingest_fail(err, VN_ETOOBIG, 0, "PDF: larger than poppler reads (2 GiB)");
    GBytes *b = g_bytes_new_static(s, n);
    GError *ge = NULL;
    *out = poppler_document_new_from_bytes(b, NULL, &ge);
    g_bytes_unref(b);
    if (*out)
        return VN_OK;
    vn_status st;
    if (ge && ge->domain == POPPLER_ERROR && ge->code == POPPLER_ERROR_ENCRYPTED)
        st = vn_ingest_fail(err, VN_EUNSUPPORTED, 0, "PDF: encrypted, a password is needed to read it");
    else
        st = vn_ingest_fail(err, VN_EENCODING, 0, "PDF: broken, poppler cannot read it (%s)",
                            ge && ge->message ? ge->message : "no reason given");
    if (ge)
        g_error_free(ge);
    return st;
}

vn_status vn_read_pdf(const unsigned char *s, size_t n, const struct vn_ingest_opts *o, struct vn_text *t,
                      struct vn_error *err)
{
    t->format = VN_IN_PDF;
    size_t max = o && o->max_bytes ? o->max_bytes : VN_INGEST_DEFAULT_MAX_BYTES;
    uint32_t max_pages = o && o->max_pages ? o->max_pages : VN_INGEST_DEFAULT_MAX_PAGES;
    double max_ms = o && o->max_ms ? o->max_ms : VN_INGEST_DEFAULT_MAX_MS;
    enum vn_ocr_mode mode = o ? o->ocr : VN_OCR_AUTO;
    double t0 = now_ms();

    vn_status st = vn_pdf_scan(s, n, max / 2, err);
    if (st)
        return st;
    PopplerDocument *doc;
    if ((st = open_doc(s, n, &doc, err)))
        return st;
    int np = poppler_document_get_n_pages(doc);
    if (np <= 0) {
        g_object_unref(doc);
        return vn_ingest_fail(err, VN_ENOTEXT, 0, "PDF: no pages: nothing to check");
    }
    if ((uint32_t)np > max_pages) {
        g_object_unref(doc);
        return vn_ingest_fail(err, VN_ETOOBIG, 0, "PDF: %d pages, over the limit of %u pages", np, max_pages);
    }
    struct vn_pages pp;
    vn_pages_init(&pp, max);
    struct vn_ocr *ocr = NULL;
    uint32_t no_text = 0;   /* pages without a text layer, not read by OCR */
    for (int i = 0; i < np && !st; i++) {
        PopplerPage *pg = poppler_document_get_page(doc, i);
        if (!pg) {
            st = vn_ingest_fail(err, VN_EENCODING, 0, "PDF: page %d cannot be read", i + 1);
            break;
        }
        double w, h;
        poppler_page_get_size(pg, &w, &h);
        size_t glyphs = 0;
        if (mode != VN_OCR_ALWAYS) {
            if (!(st = vn_pages_begin(&pp, (uint32_t)i + 1, w, h, VN_PART_PDF_TEXT)))
                st = page_words(pg, &pp, &glyphs);
            if (!st && glyphs == 0) {   /* the page is dropped (or read again by OCR) */
                pp.n_pages--;
                pp.n_words = pp.pages[pp.n_pages].first_word;
            }
        }
        if (!st && glyphs == 0) {
            if (mode == VN_OCR_NEVER || !vn_ingest_has_ocr()) {
                no_text++;
            } else {
                if (!ocr)
                    st = vn_ocr_new(&ocr, err);
                if (!st && !(st = vn_pages_begin(&pp, (uint32_t)i + 1, w, h, VN_PART_OCR)))
                    st = ocr_page(ocr, pg, w, h, t0 + max_ms, &pp, err);
                if (!st)
                    t->n_ocr_pages++;
            }
        }
        g_object_unref(pg);
        t->n_pages++;
        if (!st && now_ms() - t0 > max_ms)
            st = vn_ingest_fail(err, VN_ETOOBIG, 0, "PDF: still reading after %.0f s (page %d of %d): over the time limit",
                                max_ms / 1000, i + 1, np);
    }
    vn_ocr_free(ocr);
    g_object_unref(doc);
    t->n_pages_unread = no_text;
    if (!st && pp.n_words == 0) {
        vn_pages_free(&pp);
        if (no_text == 0)
            return vn_ingest_fail(err, VN_ENOTEXT, 0, "PDF: no text on any page: nothing to check");
        return vn_ingest_fail(err, VN_ENOTEXT, 0,
                              "PDF: no text layer on its %u page(s), a scan: %s", no_text,
                              !vn_ingest_has_ocr() ? "this build of vnaudit has no OCR (Tesseract)"
                                                   : "OCR is off (--ocr never); try --ocr auto");
    }
    struct vn_tb tb;
    vn_tb_init(&tb, max);
    if (!st)
        st = vn_layout(&pp, &tb, t);
    if (!st)
        st = vn_tb_finish(&tb, t);
    vn_tb_free(&tb);
    vn_pages_free(&pp);
    if (st == VN_ETOOBIG && err && !err->message[0])
        vn_ingest_fail(err, st, 0, "PDF: the text made from it is over the input limit");
    return st;
}
