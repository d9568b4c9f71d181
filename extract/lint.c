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

vn_status vn_lint_scan(struct vn_scan *sc)
{
    static const char *anchors[] = {"Số", "số", "ngày", "tháng"};
    for (size_t a = 0; a < sizeof anchors / sizeof anchors[0]; a++) {
        size_t alen = strlen(anchors[a]);
        size_t i = 0;
        while (i < sc->len) {
            const char *hit = memmem(sc->s + i, sc->len - i, anchors[a], alen);
            if (!hit)
                break;
            size_t next;
            vn_status st = try_at(sc, (size_t)(hit - sc->s), &next);
            if (st)
                return st;
            i = next;
        }
    }
    return VN_OK;
}
