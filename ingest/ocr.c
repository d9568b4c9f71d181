/* OCR: scanned pages and images through Tesseract's C API with the
 * Vietnamese model ("vie"), as words with boxes and confidences for the
 * layout (layout.c).
 *
 * Each word keeps the lowest confidence of its digits: a figure read with a
 * doubtful digit becomes `ambiguous` downstream (pipeline/doc.c). Numbers
 * are read a second time, by a second engine (the English model) limited
 * to digits and the separators, over the box of the number alone: when
 * both readings agree the figure is as sure as the surer of them; when they
 * differ it is doubtful (ambiguous), and the second reading is taken only
 * where it corrects the first one's known failure (DIGITS_LANG). A unit word misread the usual ways right
 * after a number ("đông" for "đồng") is put right from vocab/ocr.tsv.
 *
 * Limits: images over VN_OCR_MAX_PIXELS are refused from their header,
 * before they are decoded; recognition stops at the deadline (Tesseract's
 * own monitor), and so does the second reading. Tesseract's messages go to
 * /dev/null (debug_file), never to the caller's stderr. */
#include <leptonica/allheaders.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>
#include <time.h>

#include "common/alloc.h"
#include "ingest/ocr.h"

extern const unsigned char vn_vocab_ocr[];
extern const size_t vn_vocab_ocr_len;

/* The second reading of numbers: the English model, digits and separators
 * only. Measured on the development reports rendered at 300 dpi, the
 * Vietnamese model reads a 0 as a 6 with high confidence ("807" as "867"),
 * which the English one does not; but the English reading, over a box that
 * may catch a neighbour ("%" as 5, the "9" of "số 92" as 0), goes wrong in
 * other places. So the second reading wins only where it turns the
 * Vietnamese model's closed loops (6, 8, 9) into 0, or is a well-formed
 * number where the first is not ("979.824.0060": "000" read as "0060"), and
 * is itself sure (DIGITS_TRUSTED); any disagreement leaves the figure
 * doubtful. */
#define DIGITS_LANG "eng"
#define DIGITS_TRUSTED 50

struct vn_ocr {
    TessBaseAPI *api;       /* the page */
    TessBaseAPI *digits;    /* numbers again, digits and separators only */
};

double vn_ocr_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static TessBaseAPI *engine(const char *lang, const char *whitelist)
{
    TessBaseAPI *api = TessBaseAPICreate();
    if (!api)
        return NULL;
    /* quiet before Init: it already warns */
    TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    if (TessBaseAPIInit3(api, NULL, lang) != 0) {
        TessBaseAPIDelete(api);
        return NULL;
    }
    TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    if (whitelist) {
        TessBaseAPISetVariable(api, "tessedit_char_whitelist", whitelist);
        TessBaseAPISetPageSegMode(api, PSM_SINGLE_LINE);
    } else {
        TessBaseAPISetPageSegMode(api, PSM_AUTO);
    }
    return api;
}

vn_status vn_ocr_new(struct vn_ocr **out, struct vn_error *err)
{
    *out = NULL;
    struct vn_ocr *o = vn_calloc(1, sizeof *o);
    if (!o)
        return VN_ENOMEM;
    o->api = engine("vie", NULL);
    o->digits = o->api ? engine(DIGITS_LANG, "0123456789.,%") : NULL;
    if (o->api && !o->digits)   /* no English model: the Vietnamese one reads the numbers again */
        o->digits = engine("vie", "0123456789.,%");
    if (!o->api || !o->digits) {
        vn_ocr_free(o);
        return vn_ingest_fail(err, VN_EUNSUPPORTED, 0,
                              "OCR: Tesseract cannot load its Vietnamese model (Debian: tesseract-ocr-vie)");
    }
    *out = o;
    return VN_OK;
}

void vn_ocr_free(struct vn_ocr *o)
{
    if (!o)
        return;
    if (o->api) {
        TessBaseAPIEnd(o->api);
        TessBaseAPIDelete(o->api);
    }
    if (o->digits) {
        TessBaseAPIEnd(o->digits);
        TessBaseAPIDelete(o->digits);
    }
    vn_free(o);
}

/* ---- words -------------------------------------------------------------- */

struct sym {
    char s[8];
    int len;
    float conf;
    int x0, y0, x1, y1;
};

#define MAX_SYMS 256

static bool is_digit(const struct sym *y)
{
    return y->len == 1 && y->s[0] >= '0' && y->s[0] <= '9';
}

static bool is_numch(const struct sym *y)
{
    return is_digit(y) || (y->len == 1 && (y->s[0] == '.' || y->s[0] == ','));
}

/* A number in a word: the first run of digits and separators holding a
 * digit at or after `from`, [*a, *b). False when there is none. */
static bool number_run(const struct sym *sy, int from, int n, int *a, int *b)
{
    for (int i = from; i < n; i++) {
        if (!is_digit(&sy[i]))
            continue;
        int s = i, e = i;
        while (s > from && is_numch(&sy[s - 1]))
            s--;
        while (e < n && is_numch(&sy[e]))
            e++;
        while (s < e && !is_digit(&sy[s]))     /* no leading separator */
            s++;
        while (e > s && !is_digit(&sy[e - 1]))
            e--;
        *a = s;
        *b = e;
        return true;
    }
    return false;
}

/* Do `first` and `second` differ only where `first` has 6, 8 or 9 and
 * `second` has 0? */
static bool loops_for_zeros(const char *first, const char *second)
{
    if (strlen(first) != strlen(second))
        return false;
    for (size_t i = 0; first[i]; i++)
        if (first[i] != second[i] && !(second[i] == '0' && strchr("689", first[i])))
            return false;
    return true;
}

/* A number written the Vietnamese way: 1 to 3 digits, then groups of three
 * after dots, then a comma and decimals; or digits alone. */
static bool well_formed(const char *s)
{
    size_t i = 0, lead = 0;
    while (s[i] >= '0' && s[i] <= '9')
        i++, lead++;
    if (!lead)
        return false;
    if (s[i] == '.' && lead > 3)
        return false;
    while (s[i] == '.') {
        size_t k = 0;
        for (i++; s[i] >= '0' && s[i] <= '9'; i++)
            k++;
        if (k != 3)
            return false;
    }
    if (s[i] == ',') {
        size_t k = 0;
        for (i++; s[i] >= '0' && s[i] <= '9'; i++)
            k++;
        if (!k)
            return false;
    }
    return s[i] == '\0';
}

/* Reads the box again with digits and separators only. Returns the text
 * (caller frees with TessDeleteText) and its confidence. */
static char *read_digits(struct vn_ocr *o, int x0, int y0, int x1, int y1, int w, int h, double deadline,
                         int *conf)
{
    int pad = (y1 - y0) / 4 + 2;
    int l = x0 - pad > 0 ? x0 - pad : 0, t = y0 - pad > 0 ? y0 - pad : 0;
    int r = x1 + pad < w ? x1 + pad : w, b = y1 + pad < h ? y1 + pad : h;
    if (r <= l || b <= t)
        return NULL;
    TessBaseAPISetRectangle(o->digits, l, t, r - l, b - t);
    ETEXT_DESC *mon = TessMonitorCreate();
    if (!mon)
        return NULL;
    double left = deadline - vn_ocr_now_ms();
    TessMonitorSetDeadlineMSecs(mon, left > 1 ? (int)fmin(left, 1e9) : 1);
    char *s = TessBaseAPIRecognize(o->digits, mon) == 0 ? TessBaseAPIGetUTF8Text(o->digits) : NULL;
    TessMonitorDelete(mon);
    *conf = s ? TessBaseAPIMeanTextConf(o->digits) : 0;
    return s;
}

/* The unit read for `word` after a number, from vocab/ocr.tsv
 * ("read<TAB>meant[<TAB>scale]" lines); NULL when it is not listed.
 * *scale: a scale word ("triệu"), after which a unit word may follow. */
static const char *unit_fix(const char *word, size_t n, size_t *out_len, bool *scale)
{
    const char *p = (const char *)vn_vocab_ocr, *end = p + vn_vocab_ocr_len;
    *scale = false;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *tab = memchr(p, '\t', (size_t)(le - p));
        if (*p != '#' && tab && (size_t)(tab - p) == n && !memcmp(p, word, n)) {
            const char *v = tab + 1, *ve = v;
            while (ve < le && *ve != '\t' && *ve != '\r')
                ve++;
            *out_len = (size_t)(ve - v);
            *scale = ve < le && *ve == '\t' && (size_t)(le - ve) >= 6 && !memcmp(ve + 1, "scale", 5);
            return v;
        }
        p = le + 1;
    }
    return NULL;
}

/* Noise: a word of no letter or digit read with little confidence (a
 * table rule, a speck, a stamp's edge). */
static bool is_noise(const struct sym *sy, int n, float wconf)
{
    for (int i = 0; i < n; i++) {
        unsigned char c = (unsigned char)sy[i].s[0];
        if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0xC3)
            return false;
    }
    return wconf < 60 || n == 0;
}

/* OCR reads the slash between two figures ("6.422trđ/17.500trđ") as a
 * slash and a fraction slash (U+2044), or the fraction slash alone: one
 * '/' either way. Returns the symbols left. */
static int slashes(struct sym *sy, int n)
{
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (sy[i].len == 3 && !memcmp(sy[i].s, "\xE2\x81\x84", 3)) {
            if (m > 0 && sy[m - 1].len == 1 && sy[m - 1].s[0] == '/')
                continue;
            sy[i].s[0] = '/';
            sy[i].len = 1;
        }
        sy[m++] = sy[i];
    }
    return m;
}

/* One recognized word: its symbols, read again if it holds a number, into
 * pp. *has_number: a unit word may follow it. */
/* A word's text: its symbols (at most MAX_SYMS of at most 7 bytes) with
 * each number and unit replaced; a replacement that would not fit is not
 * made (the reading stays as it was). */
#define WORD_CAP (MAX_SYMS * 8)

/* The bytes of sy[from, n). */
static size_t rest_bytes(const struct sym *sy, int from, int n)
{
    size_t k = 0;
    for (int i = from; i < n; i++)
        k += (size_t)sy[i].len;
    return k;
}

/* Appends sy[from, to) to buf: they fit, since every replacement is made
 * only when the rest of the word still fits after it. */
static void put_syms(const struct sym *sy, int from, int to, char *buf, size_t *len)
{
    for (int i = from; i < to; i++)
        memcpy(buf + *len, sy[i].s, (size_t)sy[i].len), *len += (size_t)sy[i].len;
}

/* Appends the number sy[a, b) to buf, read again (see DIGITS_LANG), and
 * returns how sure it is: the lowest confidence of its digits, raised when
 * the two readings agree, below VN_OCR_DIGIT_MIN_CONF when they differ. */
static float put_number(struct vn_ocr *o, const struct sym *sy, int a, int b, int n, int by0, int by1, int w,
                        int h, double deadline, char *buf, size_t *len)
{
    float low = 100;
    char core[MAX_SYMS + 1];
    int cn = 0, x0 = sy[a].x0, x1 = sy[b - 1].x1;
    for (int i = a; i < b; i++) {
        if (is_digit(&sy[i]) && sy[i].conf < low)
            low = sy[i].conf;
        core[cn++] = sy[i].s[0];
        x0 = sy[i].x0 < x0 ? sy[i].x0 : x0;
        x1 = sy[i].x1 > x1 ? sy[i].x1 : x1;
    }
    core[cn] = '\0';
    int dconf = 0;
    char *d = read_digits(o, x0, by0, x1, by1, w, h, deadline, &dconf);
    char dig[MAX_SYMS + 1];     /* its digits, white space dropped */
    int dn = 0;
    for (const char *q = d; q && *q && dn < MAX_SYMS; q++)
        if (*q != ' ' && *q != '\n')
            dig[dn++] = *q;
    dig[dn] = '\0';
    if (d)
        TessDeleteText(d);
    bool usable = dn > 0 && strchr("0123456789", dig[0]) && strchr("0123456789", dig[dn - 1]);
    bool differ = usable && strcmp(dig, core) != 0;
    if (differ && dconf >= DIGITS_TRUSTED && *len + (size_t)dn + rest_bytes(sy, b, n) <= WORD_CAP &&
        (loops_for_zeros(core, dig) || (!well_formed(core) && well_formed(dig)))) {
        memcpy(buf + *len, dig, (size_t)dn), *len += (size_t)dn;
    } else {
        memcpy(buf + *len, core, (size_t)cn), *len += (size_t)cn;
        if (usable && !differ && dconf > low)
            low = (float)dconf;     /* two readings agree */
    }
    if (differ && low >= VN_OCR_DIGIT_MIN_CONF)
        low = VN_OCR_DIGIT_MIN_CONF - 1;    /* the readings differ: doubtful either way */
    return low;
}

/* One recognized word: its symbols, each number in it read again, into
 * pp. *has_number: a unit word may follow it. */
static vn_status add_word(struct vn_ocr *o, struct sym *sy, int n, float wconf, int bx0, int by0, int bx1, int by1,
                          int w, int h, double scale, double deadline, bool after_number, struct vn_pages *pp,
                          bool *has_number)
{
    char buf[WORD_CAP];
    size_t len = 0;
    n = slashes(sy, n);
    float low = 100;
    int from = 0, a, b;
    *has_number = false;
    /* each number of the word ("5.013,06trđ/26.744trđ", "03/02/2023") */
    while (number_run(sy, from, n, &a, &b)) {
        *has_number = true;
        put_syms(sy, from, a, buf, &len);
        float l = put_number(o, sy, a, b, n, by0, by1, w, h, deadline, buf, &len);
        low = l < low ? l : low;
        /* the unit glued to the number ("26.744trở"): up to the next
           punctuation, put right from vocab/ocr.tsv */
        int e = b;
        while (e < n && !(sy[e].len == 1 && strchr("/,;.)(", sy[e].s[0])))
            e++;
        char suf[MAX_SYMS * 8];
        size_t sl = 0, fl;
        bool scale_word;
        put_syms(sy, b, e, suf, &sl);
        const char *fix = sl ? unit_fix(suf, sl, &fl, &scale_word) : NULL;
        if (fix && len + fl + rest_bytes(sy, e, n) <= WORD_CAP) {
            memcpy(buf + len, fix, fl), len += fl;
            b = e;
        }
        from = b;
    }
    put_syms(sy, from, n, buf, &len);
    if (!*has_number) {
        size_t fl;
        bool scale_word = false;
        const char *fix = after_number ? unit_fix(buf, len, &fl, &scale_word) : NULL;
        if (fix && fl <= WORD_CAP) {
            memcpy(buf, fix, fl);
            len = fl;
        }
        *has_number = scale_word;    /* "38.640 triệu đông": the unit may follow the scale word */
    }
    uint8_t digit_conf = low < 0 ? 0 : (uint8_t)lrintf(low);
    uint8_t c = wconf < 0 ? 0 : wconf > 100 ? 100 : (uint8_t)lrintf(wconf);
    return vn_pages_word(pp, buf, len, bx0 * scale, by0 * scale, bx1 * scale, by1 * scale, c, digit_conf);
}

vn_status vn_ocr_gray(struct vn_ocr *o, const uint8_t *gray, int w, int h, int stride, double scale,
                      double deadline_ms, struct vn_pages *pp, struct vn_error *err)
{
    if ((size_t)w * (size_t)h > VN_OCR_MAX_PIXELS)
        return vn_ingest_fail(err, VN_ETOOBIG, 0, "OCR: an image of %dx%d pixels, over the limit of %zu", w, h,
                              VN_OCR_MAX_PIXELS);
    TessBaseAPISetImage(o->api, gray, w, h, 1, stride);
    TessBaseAPISetSourceResolution(o->api, VN_OCR_DPI);
    TessBaseAPISetImage(o->digits, gray, w, h, 1, stride);
    TessBaseAPISetSourceResolution(o->digits, VN_OCR_DPI);
    ETEXT_DESC *mon = TessMonitorCreate();
    if (!mon)
        return VN_ENOMEM;
    double left = deadline_ms - vn_ocr_now_ms();
    TessMonitorSetDeadlineMSecs(mon, left > 1 ? (int)fmin(left, 1e9) : 1);
    int rc = TessBaseAPIRecognize(o->api, mon);
    TessMonitorDelete(mon);
    if (vn_ocr_now_ms() > deadline_ms)
        return vn_ingest_fail(err, VN_ETOOBIG, 0, "OCR: over the time limit");
    if (rc != 0)
        return vn_ingest_fail(err, VN_EENCODING, 0, "OCR: Tesseract could not read the page");
    TessResultIterator *it = TessBaseAPIGetIterator(o->api);
    if (!it)
        return VN_OK;   /* nothing on the page */
    vn_status st = VN_OK;
    struct sym *sy = vn_malloc(MAX_SYMS * sizeof *sy);
    if (!sy) {
        TessResultIteratorDelete(it);
        return VN_ENOMEM;
    }
    bool prev_number = false;
    do {
        const TessPageIterator *pi = TessResultIteratorGetPageIterator(it);
        int bx0, by0, bx1, by1;
        if (!TessPageIteratorBoundingBox(pi, RIL_WORD, &bx0, &by0, &bx1, &by1))
            continue;
        float wconf = TessResultIteratorConfidence(it, RIL_WORD);
        /* its symbols, with a copy of the iterator */
        int n = 0;
        TessResultIterator *si = TessResultIteratorCopy(it);
        while (si && n < MAX_SYMS) {
            char *ch = TessResultIteratorGetUTF8Text(si, RIL_SYMBOL);
            const TessPageIterator *spi = TessResultIteratorGetPageIterator(si);
            if (ch) {
                size_t cl = strlen(ch);
                if (cl > 0 && cl < sizeof sy[n].s) {
                    memcpy(sy[n].s, ch, cl);
                    sy[n].len = (int)cl;
                    sy[n].conf = TessResultIteratorConfidence(si, RIL_SYMBOL);
                    if (!TessPageIteratorBoundingBox(spi, RIL_SYMBOL, &sy[n].x0, &sy[n].y0, &sy[n].x1, &sy[n].y1))
                        sy[n].x0 = bx0, sy[n].y0 = by0, sy[n].x1 = bx1, sy[n].y1 = by1;
                    n++;
                }
                TessDeleteText(ch);
            }
            if (TessPageIteratorIsAtFinalElement(spi, RIL_WORD, RIL_SYMBOL) ||
                !TessResultIteratorNext(si, RIL_SYMBOL))
                break;
        }
        if (si)
            TessResultIteratorDelete(si);
        bool num = false;
        /* a rule or a border: flatter than any letter at this resolution */
        bool flat = by1 - by0 < VN_OCR_DPI / 30 && bx1 - bx0 > 3 * (by1 - by0);
        if (n > 0 && !flat && !is_noise(sy, n, wconf))
            st = add_word(o, sy, n, wconf, bx0, by0, bx1, by1, w, h, scale, deadline_ms, prev_number, pp, &num);
        prev_number = num;
        if (!st && vn_ocr_now_ms() > deadline_ms)
            st = vn_ingest_fail(err, VN_ETOOBIG, 0, "OCR: over the time limit");
    } while (!st && TessResultIteratorNext(it, RIL_WORD));
    vn_free(sy);
    TessResultIteratorDelete(it);
    return st;
}

/* ---- image files ---------------------------------------------------------- */

vn_status vn_read_image(const unsigned char *s, size_t n, const struct vn_ingest_opts *o, struct vn_text *t,
                        struct vn_error *err)
{
    size_t max = o && o->max_bytes ? o->max_bytes : VN_INGEST_DEFAULT_MAX_BYTES;
    double max_ms = o && o->max_ms ? o->max_ms : VN_INGEST_DEFAULT_MAX_MS;
    double t0 = vn_ocr_now_ms();
    if (o && o->ocr == VN_OCR_NEVER)
        return vn_ingest_fail(err, VN_ENOTEXT, 0, "%s: an image, and OCR is off (--ocr never): no text to check",
                              vn_input_format_name(t->format));
    /* Leptonica writes its errors to stderr; a library stays quiet (this
       setting is process-wide: Leptonica has no other) */
    setMsgSeverity(L_SEVERITY_NONE);
    l_int32 fmt, w, h, bps, spp, cmap;
    if (pixReadHeaderMem(s, n, &fmt, &w, &h, &bps, &spp, &cmap) != 0 || w <= 0 || h <= 0)
        return vn_ingest_fail(err, VN_EENCODING, 0, "%s: a broken image, its header cannot be read",
                              vn_input_format_name(t->format));
    if ((size_t)w * (size_t)h > VN_OCR_MAX_PIXELS)
        return vn_ingest_fail(err, VN_ETOOBIG, 0, "%s: %dx%d pixels, over the limit of %zu pixels",
                              vn_input_format_name(t->format), w, h, VN_OCR_MAX_PIXELS);
    PIX *pix = pixReadMem(s, n);
    if (!pix)
        return vn_ingest_fail(err, VN_EENCODING, 0, "%s: a broken image, it cannot be decoded",
                              vn_input_format_name(t->format));
    PIX *g = pixConvertTo8(pix, 0);
    pixDestroy(&pix);
    if (!g)
        return VN_ENOMEM;
    struct vn_ocr *ocr;
    vn_status st = vn_ocr_new(&ocr, err);
    struct vn_pages pp;
    vn_pages_init(&pp, max);
    if (!st) {
        /* Leptonica's 8-bit rows are 32-bit words, most significant byte first */
        int gw = pixGetWidth(g), gh = pixGetHeight(g);
        uint8_t *buf = vn_malloc((size_t)gw * (size_t)gh);
        const l_uint32 *data = pixGetData(g);
        int wpl = pixGetWpl(g);
        if (!buf)
            st = VN_ENOMEM;
        for (int y = 0; buf && y < gh; y++)
            for (int x = 0; x < gw; x++)
                buf[(size_t)y * (size_t)gw + (size_t)x] = (uint8_t)GET_DATA_BYTE(data + (size_t)y * (size_t)wpl, x);
        if (!st)
            st = vn_pages_begin(&pp, 1, gw, gh, VN_PART_OCR);
        if (!st)
            st = vn_ocr_gray(ocr, buf, gw, gh, gw, 1.0, t0 + max_ms, &pp, err);
        vn_free(buf);
        vn_ocr_free(ocr);
    }
    pixDestroy(&g);
    t->n_pages = 1;
    t->n_ocr_pages = 1;
    struct vn_tb tb;
    vn_tb_init(&tb, max);
    if (!st && pp.n_words == 0)
        st = vn_ingest_fail(err, VN_ENOTEXT, 0, "%s: OCR found no text in the image", vn_input_format_name(t->format));
    if (!st)
        st = vn_layout(&pp, &tb, t);
    if (!st)
        st = vn_tb_finish(&tb, t);
    vn_tb_free(&tb);
    vn_pages_free(&pp);
    return st;
}
