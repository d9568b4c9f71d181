/* Charsets of HTML pages: which one (BOM, <meta>, default) and the
 * conversion to UTF-8 with ICU, each bad sequence replaced by U+FFFD and
 * recorded as an issue with its byte offset in the input. */
#include <stdio.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>

#include "ingest/ingest_internal.h"

#define PRESCAN 4096

/* Counts valid multi-byte UTF-8 sequences and invalid bytes. Bytes
 * without a declared charset read as UTF-8 when good >= bad: windows-1258
 * text almost never forms a valid sequence (its letters are followed by
 * ASCII or by tone marks, not by 0x80..0xBF), while UTF-8 text with a
 * stray bad byte is still mostly valid sequences, and is better read as
 * UTF-8 with one U+FFFD than as mojibake. */
static void utf8_counts(const unsigned char *s, size_t n, size_t *good_out, size_t *bad_out)
{
    size_t good = 0, bad = 0, i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t l = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        bool ok = l && i + l <= n;
        for (size_t k = 1; ok && k < l; k++)
            ok = (s[i + k] & 0xC0) == 0x80;
        if (ok && ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] > 0x9F) ||
                   (c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] > 0x8F)))
            ok = false;
        if (ok) {
            good++;
            i += l;
        } else {
            bad++;
            i++;
        }
    }
    *good_out = good;
    *bad_out = bad;
}

/* The charset named by the first <meta ... charset=NAME> in the first
 * bytes (both the HTML5 form and http-equiv's content="...; charset=").
 * Returns false when there is none. */
static bool meta_charset(const unsigned char *s, size_t n, char *name, size_t cap)
{
    char head[PRESCAN + 1];
    size_t k = n < PRESCAN ? n : PRESCAN;
    for (size_t i = 0; i < k; i++)
        head[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a') : (s[i] ? (char)s[i] : ' ');
    head[k] = '\0';
    for (const char *m = strstr(head, "<meta"); m; m = strstr(m + 5, "<meta")) {
        const char *gt = strchr(m, '>');
        const char *c = strstr(m, "charset");
        if (!c || (gt && c > gt))
            continue;
        c += 7;
        while (*c == ' ')
            c++;
        if (*c++ != '=')
            continue;
        while (*c == ' ' || *c == '"' || *c == '\'')
            c++;
        size_t l = 0;
        while (l + 1 < cap && ((c[l] >= 'a' && c[l] <= 'z') || (c[l] >= '0' && c[l] <= '9') || c[l] == '-' ||
                               c[l] == '_' || c[l] == '.' || c[l] == ':'))
            l++;
        if (l) {
            memcpy(name, c, l);
            name[l] = '\0';
            return true;
        }
    }
    return false;
}

struct conv {
    struct vn_text *t;
    const char *base;
    size_t n;
    enum vn_ingest_issue_kind kind;
};

/* Each bad sequence becomes U+FFFD and an issue (line filled in later). */
static void on_bad(const void *ctx, UConverterToUnicodeArgs *a, const char *units, int32_t len,
                   UConverterCallbackReason why, UErrorCode *e)
{
    if (why != UCNV_UNASSIGNED && why != UCNV_ILLEGAL && why != UCNV_IRREGULAR)
        return;
    const struct conv *c = ctx;
    size_t end = (size_t)(a->source - c->base);
    size_t off = end >= (size_t)len ? end - (size_t)len : 0;
    vn_ingest_add_issue(c->t, c->kind, off < c->n ? off : c->n, 0);
    static const UChar fffd = 0xFFFD;
    *e = U_ZERO_ERROR;
    ucnv_cbToUWriteUChars(a, &fffd, 1, 0, e);
}


vn_status vn_charset_to_utf8(struct vn_text *t, const unsigned char *s, size_t n, size_t bom, const char *cs,
                         struct vn_buf *b, struct vn_error *err)
{
    UErrorCode e = U_ZERO_ERROR;
    UConverter *src = ucnv_open(cs, &e);
    UConverter *u8 = U_SUCCESS(e) ? ucnv_open("UTF-8", &e) : NULL;
    struct conv ctx = {t, (const char *)s, n, !strncmp(cs, "utf-16", 6) ? VN_ISSUE_INVALID_UTF16 : VN_ISSUE_INVALID_UTF8};
    if (U_SUCCESS(e))
        ucnv_setToUCallBack(src, on_bad, &ctx, NULL, NULL, &e);
    vn_status st = U_SUCCESS(e) ? VN_OK : VN_EICU;
    UChar pivot[1024], *ps = pivot, *pt = pivot;
    const char *in = (const char *)s + bom, *in_end = (const char *)s + n;
    for (UBool reset = true; !st; reset = false) {
        if ((st = vn_buf_reserve(b, (size_t)1 << 16)))
            break;
        char *out = b->data + b->len;
        e = U_ZERO_ERROR;
        ucnv_convertEx(u8, src, &out, b->data + b->len + ((size_t)1 << 16), &in, in_end, pivot, &ps, &pt,
                       pivot + 1024, reset, true, &e);
        b->len = (size_t)(out - b->data);
        b->data[b->len] = '\0';
        if (e == U_BUFFER_OVERFLOW_ERROR)
            continue;
        if (U_FAILURE(e))
            st = VN_EICU;
        break;
    }
    ucnv_close(src);
    ucnv_close(u8);
    if (st == VN_EICU)
        return vn_ingest_fail(err, st, 0, "HTML: cannot convert from charset %s (%s)", cs, u_errorName(e));
    if (st == VN_ETOOBIG)
        return vn_ingest_fail(err, st, 0, "HTML: the text converted from %s is over the input limit", cs);
    return st;
}

size_t vn_html_charset(const unsigned char *s, size_t n, char *cs, size_t cap)
{
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        snprintf(cs, cap, "utf-8");
        return 3;
    }
    if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
        snprintf(cs, cap, "utf-16le");
        return 2;
    }
    if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
        snprintf(cs, cap, "utf-16be");
        return 2;
    }
    size_t good, bad;
    utf8_counts(s, n, &good, &bad);
    if (meta_charset(s, n, cs, cap) && strncmp(cs, "utf-16", 6) != 0) {
        /* A page saved as UTF-8 that still says windows-1258 (an editor
           changed the bytes, not the tag) is read as UTF-8: text in a
           legacy code page is never entirely valid UTF-8 with letters
           beyond ASCII. A name ICU does not know falls through to the
           default. */
        if (good > 0 && bad == 0) {
            snprintf(cs, cap, "utf-8");
            return 0;
        }
        UErrorCode e = U_ZERO_ERROR;
        UConverter *c = ucnv_open(cs, &e);
        ucnv_close(c);
        if (U_SUCCESS(e))
            return 0;
    }
    snprintf(cs, cap, "%s", good >= bad ? "utf-8" : "windows-1258");
    return 0;
}
