/* A PDF's Flate streams inflated once, before poppler reads the file, to
 * refuse a compression bomb up front: poppler inflates content streams
 * while it extracts text and would take its time over gigabytes.
 *
 * The scan looks for the `stream` keyword, checks that the dictionary in
 * front of it (back to the nearest `obj`) names FlateDecode, and inflates
 * from there into a 64 KiB window that is thrown away, until zlib says the
 * stream ends, the bytes run out, or a limit is passed. Streams that are
 * not Flate (images in DCT, CCITT, JBIG2) are skipped. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "common/alloc.h"
#include "ingest/ocr.h"

#define WINDOW ((size_t)64 << 10)
#define RATIO_MAX 200                       /* inflated : compressed, per stream ... */
#define RATIO_FLOOR ((size_t)16 << 20)      /* ... once it is past 16 MiB */
#define DICT_BACK 4096                      /* how far back to look for the dictionary */

static const unsigned char *find(const unsigned char *s, const unsigned char *end, const char *what)
{
    size_t k = strlen(what);
    while (s + k <= end) {
        const unsigned char *p = memchr(s, what[0], (size_t)(end - s));
        if (!p || p + k > end)
            return NULL;
        if (!memcmp(p, what, k))
            return p;
        s = p + 1;
    }
    return NULL;
}

/* Does the dictionary before `at` name FlateDecode? */
static bool is_flate(const unsigned char *start, const unsigned char *at)
{
    const unsigned char *from = at - start > DICT_BACK ? at - DICT_BACK : start;
    /* from the last "obj" before the keyword */
    const unsigned char *obj = NULL, *p = from;
    while ((p = find(p, at, "obj")) != NULL)
        obj = p++;
    if (obj)
        from = obj;
    return find(from, at, "/FlateDecode") != NULL || find(from, at, "/Fl ") != NULL ||
           find(from, at, "/Fl/") != NULL || find(from, at, "/Fl]") != NULL;
}

vn_status vn_pdf_scan(const unsigned char *s, size_t n, size_t cap, struct vn_error *err)
{
    unsigned char *win = vn_malloc(WINDOW);
    if (!win)
        return VN_ENOMEM;
    const unsigned char *end = s + n, *p = s;
    size_t total = 0, streams = 0;
    vn_status st = VN_OK;
    while (!st && (p = find(p, end, "stream")) != NULL) {
        const unsigned char *kw = p;
        p += 6;
        if (kw > s && kw[-1] == 'd')    /* "endstream" */
            continue;
        if (p < end && *p == '\r')
            p++;
        if (p >= end || *p != '\n' || !is_flate(s, kw))
            continue;
        p++;
        z_stream z;
        memset(&z, 0, sizeof z);
        if (inflateInit(&z) != Z_OK) {
            st = VN_ENOMEM;
            break;
        }
        streams++;
        z.next_in = (unsigned char *)p;
        z.avail_in = (uInt)((size_t)(end - p) > UINT32_MAX ? UINT32_MAX : (size_t)(end - p));
        size_t out = 0;
        int rc = Z_OK;
        while (rc == Z_OK) {
            z.next_out = win;
            z.avail_out = (uInt)WINDOW;
            rc = inflate(&z, Z_NO_FLUSH);
            out += WINDOW - z.avail_out;
            size_t used = (size_t)(z.next_in - p);
            if (out > RATIO_FLOOR && out / RATIO_MAX > used) {
                st = vn_ingest_fail(err, VN_ETOOBIG, (size_t)(kw - s),
                                    "PDF: a compressed stream at byte %zu inflates more than %d times its size "
                                    "(a compression bomb?)",
                                    (size_t)(kw - s), RATIO_MAX);
                break;
            }
            if (total + out > cap) {
                st = vn_ingest_fail(err, VN_ETOOBIG, (size_t)(kw - s),
                                    "PDF: its compressed streams inflate to more than %zu bytes, over the limit "
                                    "(a compression bomb?)",
                                    cap);
                break;
            }
            if (z.avail_out != 0 && rc == Z_OK && z.avail_in == 0)
                break;
        }
        total += out;
        p = z.next_in > p ? z.next_in : p;
        inflateEnd(&z);
    }
    (void)streams;
    vn_free(win);
    return st;
}
