/* normalize: NFC, space/dash/zero-width clean-up and markup removal, one
 * line at a time so that line numbers never move.
 *
 * Fast path: a 64 Ki-entry class table, built once from ICU's data, says for
 * each BMP code point whether it might not be NFC (NFC_QC != Yes or a
 * non-zero combining class), is a space or dash variant, or is to be
 * dropped. A line whose every code point has class 0 and no markup byte is
 * copied as is. Only lines that need it go through ICU (UTF-8 -> UTF-16 ->
 * unorm2_normalize -> UTF-8), in chunks cut at NFC boundaries so a huge
 * line needs scratch memory for one chunk only (a chunk grows past its
 * limit only to hold a whole combining sequence). */
#include "vnaudit/normalize.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "common/utf8.h"
#include "normalize/normalize_internal.h"

#define CHUNK_BYTES (64u * 1024u)

static uint8_t classify(const UNormalizer2 *nfd, UChar32 c)
{
    uint8_t k = 0;
    if (c < 0x80) {
        if (c == '*' || c == '$' || c == '\\')
            k |= CLS_MARKUP;
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
            k |= CLS_CTRL;
        return k;
    }
    int qc = u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK);
    uint8_t cc = u_getCombiningClass(c);
    if (qc != UNORM_YES || cc != 0)
        k |= CLS_NFC;
    /* what the mark-composition fast path does not handle: characters that
       NFC replaces, and starters that combine with what precedes them */
    if (qc == UNORM_NO || (qc == UNORM_MAYBE && cc == 0))
        k |= CLS_HARD;
    UChar d[8];
    UErrorCode ue = U_ZERO_ERROR;
    if (unorm2_getRawDecomposition(nfd, c, d, 8, &ue) > 0 || ue == U_BUFFER_OVERFLOW_ERROR)
        k |= CLS_DECOMP;
    if (c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000 ||
        c == 0x1680)
        k |= CLS_SPACE;
    else if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 || c == 0xFE63 || c == 0xFF0D)
        k |= CLS_DASH;
    else if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0xAD)
        k |= CLS_DROP;
    else if ((c >= 0x80 && c < 0xA0) || c == 0x2028 || c == 0x2029)
        k |= CLS_CTRL;
    return k;
}

vn_status vn_normalizer_new(struct vn_normalizer **out)
{
    *out = NULL;
    struct vn_normalizer *n = calloc(1, sizeof *n);
    if (!n)
        return VN_ENOMEM;
    UErrorCode ue = U_ZERO_ERROR;
    n->nfc = unorm2_getNFCInstance(&ue);
    if (!U_FAILURE(ue))
        n->nfd = unorm2_getNFDInstance(&ue);
    if (U_FAILURE(ue)) {
        free(n);
        return VN_EICU;
    }
    n->cls = malloc(0x10000);
    if (!n->cls) {
        free(n);
        return VN_ENOMEM;
    }
    n->ccc = malloc(0x10000);
    if (U_FAILURE(ue) || !n->ccc) {
        vn_normalizer_free(n);
        return U_FAILURE(ue) ? VN_EICU : VN_ENOMEM;
    }
    for (UChar32 c = 0; c < 0x10000; c++) {
        n->cls[c] = classify(n->nfd, c);
        n->ccc[c] = u_getCombiningClass(c);
    }
    for (size_t i = 0; i < VN_PAIR_CACHE; i++)
        n->pairs[i].a = UINT32_MAX;
    vn_buf_init(&n->tmp1, 0);
    vn_buf_init(&n->tmp2, 0);
    vn_buf_init(&n->order, 0);
    *out = n;
    return VN_OK;
}

void vn_normalizer_free(struct vn_normalizer *n)
{
    if (!n)
        return;
    free(n->cls);
    free(n->ccc);
    free(n->u16);
    free(n->u16out);
    vn_buf_free(&n->tmp1);
    vn_buf_free(&n->tmp2);
    vn_buf_free(&n->order);
    free(n->scratch);
    free(n);
}

uint8_t vn_norm_class(const struct vn_normalizer *n, uint32_t cp)
{
    if (cp < 0x10000)
        return n->cls[cp];
    return classify(n->nfd, (UChar32)cp);
}

static vn_status grow_u16(UChar **p, int32_t *cap, int64_t need)
{
    if (need <= *cap)
        return VN_OK;
    if (need > INT32_MAX / 2)
        return VN_ETOOBIG;
    UChar *q = realloc(*p, (size_t)need * sizeof(UChar));
    if (!q)
        return VN_ENOMEM;
    *p = q;
    *cap = (int32_t)need;
    return VN_OK;
}

/* NFC of one chunk (no boundary problems inside), appended to out. */
static vn_status nfc_chunk(struct vn_normalizer *n, const char *s, size_t len, struct vn_buf *out)
{
    bool ordered;
    vn_status st = vn_order_mark_runs(n, s, len, &n->order, &ordered);
    if (st)
        return st;
    if (ordered) {
        s = n->order.data;
        len = n->order.len;
    }
    if ((st = grow_u16(&n->u16, &n->u16cap, (int64_t)len + 1)))
        return st;
    UErrorCode ue = U_ZERO_ERROR;
    int32_t ulen = 0;
    u_strFromUTF8(n->u16, n->u16cap, &ulen, s, (int32_t)len, &ue);
    if (U_FAILURE(ue))
        return VN_EICU;
    /* NFC expands by at most 3x */
    if ((st = grow_u16(&n->u16out, &n->u16outcap, (int64_t)ulen * 3 + 1)))
        return st;
    ue = U_ZERO_ERROR;
    int32_t olen = unorm2_normalize(n->nfc, n->u16, ulen, n->u16out, n->u16outcap, &ue);
    if (U_FAILURE(ue))
        return VN_EICU;
    if ((st = vn_buf_reserve(out, (size_t)olen * 3 + 1)))
        return st;
    int32_t blen = 0;
    ue = U_ZERO_ERROR;
    u_strToUTF8(out->data + out->len, (int32_t)(out->cap - out->len), &blen, n->u16out, olen, &ue);
    if (U_FAILURE(ue))
        return VN_EICU;
    out->len += (size_t)blen;
    out->data[out->len] = '\0';
    return VN_OK;
}

/* Whether NFC has a boundary before s[i] (the start of a code point): an
 * ASCII byte always does; another code point when ICU says so. */
static bool boundary_at(const struct vn_normalizer *n, const char *s, size_t len, size_t i)
{
    if ((unsigned char)s[i] < 0x80)
        return true;
    uint32_t cp;
    return vn_utf8_decode((const unsigned char *)s + i, len - i, &cp) &&
           unorm2_hasBoundaryBefore(n->nfc, (UChar32)cp);
}

/* Where to cut a long line (len > limit) so that no chunk splits a
 * combining sequence, whose marks NFC reorders and composes as a whole: the
 * last boundary in (limit/2, limit], else the first one after limit, else
 * the end of the line. A chunk is then longer than `limit` only by one
 * sequence (a flood of marks), and it is never cut inside. */
static size_t chunk_cut(const struct vn_normalizer *n, const char *s, size_t len, size_t limit)
{
    for (size_t i = limit; i > limit / 2; i--)
        if ((unsigned char)s[i] < 0x80)
            return i;
    size_t i = limit;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    for (size_t j = i; j > limit / 2; j = vn_utf8_prev(s, j))
        if (boundary_at(n, s, len, j))
            return j;
    for (size_t j = i; j < len; j++)
        if (((unsigned char)s[j] & 0xC0) != 0x80 && boundary_at(n, s, len, j))
            return j;
    return len;
}

static vn_status nfc_line(struct vn_normalizer *n, const char *s, size_t len, struct vn_buf *out)
{
    while (len > CHUNK_BYTES) {
        size_t cut = chunk_cut(n, s, len, CHUNK_BYTES);
        if (cut == 0)
            cut = len;
        vn_status st = nfc_chunk(n, s, cut, out);
        if (st)
            return st;
        s += cut;
        len -= cut;
    }
    return len ? nfc_chunk(n, s, len, out) : VN_OK;
}

/* Space, dash, zero-width and control mapping. */
static vn_status map_line(const struct vn_normalizer *n, const char *s, size_t len, struct vn_buf *out)
{
    vn_status st = vn_buf_reserve(out, len);
    if (st)
        return st;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp = c;
        size_t l = 1;
        if (c >= 0x80) {
            l = vn_utf8_decode((const unsigned char *)s + i, len - i, &cp);
            if (!l) {   /* cannot happen after ingest; keep the byte */
                cp = c;
                l = 1;
            }
        }
        uint8_t k = vn_norm_class(n, cp);
        if (k & (CLS_SPACE | CLS_CTRL))
            out->data[out->len++] = ' ';
        else if (k & CLS_DASH)
            out->data[out->len++] = '-';
        else if (!(k & CLS_DROP)) {
            memcpy(out->data + out->len, s + i, l);
            out->len += l;
        }
        i += l;
    }
    out->data[out->len] = '\0';
    return VN_OK;
}

static vn_status push_line_start(uint32_t **ls, size_t *n, size_t *cap, size_t off)
{
    if (off > UINT32_MAX)
        return VN_ETOOBIG;
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 1024;
        uint32_t *p = realloc(*ls, c * sizeof *p);
        if (!p)
            return VN_ENOMEM;
        *ls = p;
        *cap = c;
    }
    (*ls)[(*n)++] = (uint32_t)off;
    return VN_OK;
}

vn_status vn_normalize(struct vn_normalizer *n, const char *in, size_t len, struct vn_normtext **out)
{
    *out = NULL;
    struct vn_normtext *t = calloc(1, sizeof *t);
    if (!t)
        return VN_ENOMEM;
    t->was_nfc = true;
    struct vn_buf b;
    vn_buf_init(&b, 0);
    size_t ls_cap = 0;
    vn_status st = vn_buf_reserve(&b, len + 1);
    size_t line_no = 0;
    const char *p = in, *end = in + len;
    while (!st) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        if (p == end && !nl && line_no > 0)
            break;  /* text ended with '\n': no further line */
        line_no++;
        if ((st = push_line_start(&t->line_start, &t->n_lines, &ls_cap, b.len)))
            break;
        /* classify the line */
        uint8_t flags = 0;
        size_t llen = (size_t)(le - p);
        const unsigned char *u = (const unsigned char *)p;
        for (size_t i = 0; i < llen;) {
            unsigned char c = u[i];
            if (c < 0x80) {
                flags |= n->cls[c];
                i++;
            } else if (c < 0xE0 && i + 1 < llen) {
                flags |= n->cls[((c & 0x1Fu) << 6) | (u[i + 1] & 0x3Fu)];
                i += 2;
            } else if (c < 0xF0 && i + 2 < llen) {
                flags |= n->cls[((c & 0x0Fu) << 12) | ((u[i + 1] & 0x3Fu) << 6) | (u[i + 2] & 0x3Fu)];
                i += 3;
            } else {
                uint32_t cp;
                size_t l = vn_utf8_decode(u + i, llen - i, &cp);
                flags |= l ? vn_norm_class(n, cp) : CLS_NFC;   /* odd bytes: let ICU see them */
                i += l ? l : 1;
            }
        }
        if (!flags) {
            st = vn_buf_append(&b, p, llen);
        } else {
            const char *src = p;
            size_t slen = llen;
            if (flags & CLS_NFC) {
                n->tmp1.len = 0;
                /* marks after ordinary letters (all of Vietnamese NFD) are
                   composed here; anything else goes to ICU */
                st = (flags & CLS_HARD) ? VN_ESYNTAX : vn_compose_line(n, src, slen, &n->tmp1);
                if (st == VN_ESYNTAX) {
                    n->tmp1.len = 0;
                    st = nfc_line(n, src, slen, &n->tmp1);
                }
                if (st)
                    break;
                if (n->tmp1.len != slen || memcmp(n->tmp1.data, src, slen) != 0) {
                    if (t->was_nfc)
                        t->first_non_nfc_line = line_no;
                    t->was_nfc = false;
                }
                src = n->tmp1.data;
                slen = n->tmp1.len;
            }
            if (flags & CLS_MAP) {
                n->tmp2.len = 0;
                if ((st = map_line(n, src, slen, &n->tmp2)))
                    break;
                src = n->tmp2.data;
                slen = n->tmp2.len;
            }
            if (flags & CLS_MARKUP)
                st = vn_markup_strip_line(src, slen, &b, &t->n_markup_removed);
            else
                st = vn_buf_append(&b, src, slen);
        }
        if (st || !nl)
            break;
        st = vn_buf_putc(&b, '\n');
        p = nl + 1;
    }
    if (st) {
        vn_buf_free(&b);
        free(t->line_start);
        free(t);
        return st;
    }
    t->data = vn_buf_detach(&b, &t->len);
    if (!t->data) {
        free(t->line_start);
        free(t);
        return VN_ENOMEM;
    }
    *out = t;
    return VN_OK;
}

void vn_normtext_free(struct vn_normtext *t)
{
    if (!t)
        return;
    free(t->data);
    free(t->line_start);
    free(t);
}

size_t vn_normtext_line_of(const struct vn_normtext *t, size_t offset)
{
    size_t lo = 0, hi = t->n_lines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->line_start[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo + 1;
}

size_t vn_normtext_col_of(const struct vn_normtext *t, size_t line, size_t offset)
{
    size_t start = t->line_start[line - 1];
    return vn_utf8_count(t->data + start, offset - start) + 1;
}
