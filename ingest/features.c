/* What this build reads beyond text and office documents. */
#include "vnaudit/ingest.h"

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
