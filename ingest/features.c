/* What this build reads beyond text and office documents; in a build
 * without poppler, the PDF reader's entry point says so. */
#include "ingest/pages.h"

bool vn_ingest_has_pdf(void)
{
#ifdef VN_HAVE_PDF
    return true;
#else
    return false;
#endif
}

bool vn_ingest_has_ocr(void)
{
#ifdef VN_HAVE_OCR
    return true;
#else
    return false;
#endif
}

#ifndef VN_HAVE_PDF
vn_status vn_read_pdf(const unsigned char *s, size_t n, const struct vn_ingest_opts *o, struct vn_text *t,
                      struct vn_error *err)
{
    (void)s, (void)n, (void)o, (void)t;
    return vn_ingest_fail(err, VN_EUNSUPPORTED, 0, "PDF: this build of vnaudit has no PDF reader (poppler)");
}
#endif
