/* OCR in a build without Tesseract: every entry point says so. */
#include <time.h>

#include "ingest/ocr.h"

struct vn_ocr {
    int unused;
};

vn_status vn_ocr_new(struct vn_ocr **out, struct vn_error *err)
{
    *out = NULL;
    return vn_ingest_fail(err, VN_EUNSUPPORTED, 0, "this build of vnaudit has no OCR (Tesseract)");
}

void vn_ocr_free(struct vn_ocr *o)
{
    (void)o;
}

vn_status vn_ocr_gray(struct vn_ocr *o, const uint8_t *gray, int w, int h, int stride, double scale,
                      double deadline_ms, struct vn_pages *pp, struct vn_error *err)
{
    return vn_ingest_fail(err, VN_EUNSUPPORTED, 0, "this build of vnaudit has no OCR (Tesseract)");
}

double vn_ocr_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

vn_status vn_read_image(const unsigned char *s, size_t n, const struct vn_ingest_opts *o, struct vn_text *t,
                        struct vn_error *err)
{
    return vn_ingest_fail(err, VN_EUNSUPPORTED, 0, "an image: this build of vnaudit has no OCR (Tesseract)");
}
