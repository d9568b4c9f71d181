/* Lint findings that are not numbers: unfilled placeholders left in a
 * template ("Số: /BC-UBND", "ngày tháng 6 năm 2023", "ngày   /  /2024").
 * Candidates are found with memmem on the anchor words, then confirmed by
 * one anchored PCRE2 pattern, so the whole text is not run through PCRE2. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "extract/extract_internal.h"

const char vn_placeholder_pattern[] =
    "(?:"
    /* a document number with no number: "Số: /BC-UBND", "Số:    /QĐ-UBND" */
    "(?<num>[Ss]ố\\s*:?\\s*/\\s*\\p{Lu}[\\p{L}\\p{N}&-]*)"
    /* a date with no day: "ngày tháng 6 năm 2023", "ngày ... tháng",
       "ngày   /  /2024", "ngày /6/2024" */
    "|(?<day>ngày(?:\\s*(?:\\.{2,}|…|_{2,}))?\\s+(?:tháng\\b|/\\s*(?:/|\\d{1,2}\\s*/)\\s*\\d{2,4}))"
    /* a date with no month: "ngày 12 tháng năm 2023" */
    "|(?<month>tháng(?:\\s*(?:\\.{2,}|…|_{2,}))?\\s+năm\\s+\\d{4})"
    ")";

static vn_status try_at(struct vn_scan *sc, size_t pos, size_t *next)
{
    struct vn_extractor *x = sc->x;
    size_t lim = sc->len - pos > 120 ? pos + 120 : sc->len;
    *next = pos + 1;
    /* anchors must start a word */
    if (pos > 0 && ((unsigned char)sc->s[pos - 1] >= 0x80 || ((sc->s[pos - 1] | 0x20) >= 'a' && (sc->s[pos - 1] | 0x20) <= 'z')))
        return VN_OK;
    int rc = pcre2_match(x->placeholder, (PCRE2_SPTR)sc->s, lim, pos, PCRE2_ANCHORED | PCRE2_NO_UTF_CHECK, x->md,
                         x->mctx);
    if (rc == PCRE2_ERROR_NOMATCH)
        return VN_OK;
    if (rc < 0)
        return VN_EREGEX;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(x->md);
    struct vn_span at = {(uint32_t)ov[0], (uint32_t)(ov[1] - ov[0])};
    const char *what = ov[2] != PCRE2_UNSET   ? "the document number is missing"
                       : ov[4] != PCRE2_UNSET ? "the day of the date is missing"
                                              : "the month of the date is missing";
    char msg[300];
    snprintf(msg, sizeof msg, "unfilled placeholder '%.*s': %s", (int)at.len, sc->s + at.off, what);
    *next = ov[1];
    return vn_records_add_diagnostic(sc->r, at, "unfilled-placeholder", VN_SEV_WARNING, msg);
}

/* The word w ending at s[end], not glued to a letter before it; returns its
 * start or SIZE_MAX. Case of the first letter is ignored. */
static size_t word_before(const char *s, size_t end, const char *w, const char *W)
{
    size_t n = strlen(w);
    if (end < n || (memcmp(s + end - n, w, n) != 0 && memcmp(s + end - n, W, n) != 0))
        return SIZE_MAX;
    size_t st = end - n;
    if (st > 0 && ((unsigned char)s[st - 1] >= 0x80 || ((s[st - 1] | 0x20) >= 'a' && (s[st - 1] | 0x20) <= 'z')))
        return SIZE_MAX;
    return st;
}

vn_status vn_lint_scan(struct vn_scan *sc)
{
    const char *s = sc->s;
    size_t len = sc->len, i = 0;
    vn_status st = VN_OK;
    size_t next;
    /* "Số: /BC-UBND" and "ngày   /  /2024": a '/' after a word with blanks */
    while (i < len && !st) {
        const char *hit = memchr(s + i, '/', len - i);
        if (!hit)
            break;
        size_t h = (size_t)(hit - s);
        i = h + 1;
        size_t k = vn_back_blanks(s, h);
        if (k > 0 && s[k - 1] == ':')
            k = vn_back_blanks(s, k - 1);
        size_t w = word_before(s, k, "số", "Số");
        if (w == SIZE_MAX)
            w = word_before(s, k, "ngày", "Ngày");
        if (w != SIZE_MAX && (st = try_at(sc, w, &next)) == VN_OK && next > i)
            i = next;
    }
    /* "ngày tháng 6 năm 2023" (no day), "ngày 5 tháng năm 2023" (no month) */
    static const char thang[] = "tháng";
    i = 0;
    while (i < len && !st) {
        const char *hit = memmem(s + i, len - i, thang, sizeof thang - 1);
        if (!hit)
            break;
        size_t h = (size_t)(hit - s);
        i = h + sizeof thang - 1;
        size_t w = word_before(s, vn_back_blanks(s, h), "ngày", "Ngày");
        if (w != SIZE_MAX && vn_back_blanks(s, h) < h)
            st = try_at(sc, w, &next);
        if (!st)
            st = try_at(sc, h, &next);
        if (!st && next > i)
            i = next;
    }
    return st;
}
