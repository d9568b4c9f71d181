/* Lint findings that are not numbers: unfilled placeholders left in a
 * template. A slot is left blank, or written as dots, an ellipsis or
 * underscores:
 *   Số: /BC-UBND        Kế hoạch số     /KH-UBND    Quyết định số .../QĐ-UBND
 *   ngày tháng 6 năm 2023    ngày ... tháng ... năm 2024    ngày   /  /2024
 *   ngày 12 tháng năm 2023   giải ngân ....... triệu đồng    đạt ....% KH
 * Candidates are found with memchr/memmem on the anchors ('/', "tháng",
 * runs of dots), then confirmed by one anchored PCRE2 pattern (or, for a
 * figure left as dots, by the unit that follows), so the whole text is not
 * run through PCRE2. A placeholder's text is the whole slot with what
 * names it: the kind of document, the whole date, the unit. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "common/i18n.h"
#include "common/utf8.h"
#include "extract/bytescan.h"
#include "extract/chars.h"
#include "extract/extract_internal.h"

#define SLOT "(?:\\.{2,}|…|_{2,})"

const char vn_placeholder_pattern[] =
    "(?:"
    /* a document number with no number: "Số: /BC-UBND", "Số:    /QĐ-UBND",
       "số .../QĐ-UBND" */
    "(?<num>[Ss]ố\\s*:?\\s*(?:" SLOT "\\s*)?/\\s*\\p{Lu}[\\p{L}\\p{N}&-]*)"
    /* a date with no day: "ngày tháng 6 năm 2023", "ngày ... tháng ... năm
       2024", "ngày   /  /2024", "ngày .../.../2024", "ngày /6/2024" */
    "|(?<day>[Nn]gày(?:\\s*" SLOT ")?"
    "(?:\\s+tháng\\b(?:(?:\\s+\\d{1,2}|\\s*" SLOT ")?\\s+năm(?:\\s+\\d{4})?)?"
    "|\\s*/\\s*(?:" SLOT "|\\d{1,2})?\\s*/\\s*\\d{2,4}))"
    /* a date with no month: "ngày 12 tháng năm 2023", "tháng ... năm 2023" */
    "|(?<month>(?:[Nn]gày\\s+\\d{1,2}\\s+)?tháng(?:\\s*" SLOT ")?\\s+năm\\s+\\d{4})"
    ")";

static bool is_slot_byte_before(const char *s, size_t i)
{
    return s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '.' || s[i - 1] == '_';
}

/* Start of the run of blanks and slot characters (dots, underscores,
 * ellipses) that ends at s[i]. */
static size_t back_slot(const char *s, size_t i)
{
    for (;;) {
        if (i > 0 && is_slot_byte_before(s, i))
            i--;
        else if (i >= 3 && memcmp(s + i - 3, "…", 3) == 0)
            i -= 3;
        else
            return i;
    }
}

/* Lists an unfilled placeholder, up to VN_MAX_PLACEHOLDERS of them. */
static vn_status add_placeholder(struct vn_scan *sc, struct vn_span at, const char *msg)
{
    if (sc->n_placeholders++ == VN_MAX_PLACEHOLDERS)
        sc->first_unlisted = at;
    if (sc->n_placeholders > VN_MAX_PLACEHOLDERS)
        return VN_OK;
    return vn_records_add_diagnostic(sc->r, at, "unfilled-placeholder", VN_SEV_WARNING, msg);
}

static vn_status try_at(struct vn_scan *sc, size_t pos, size_t *next)
{
    struct vn_extractor *x = sc->x;
    size_t lim = sc->len - pos > 120 ? pos + 120 : sc->len;
    *next = pos + 1;
    /* anchors must start a word */
    if (pos > 0 && ((unsigned char)sc->s[pos - 1] >= 0x80 || ((sc->s[pos - 1] | 0x20) >= 'a' && (sc->s[pos - 1] | 0x20) <= 'z')))
        return VN_OK;
    int rc = pcre2_match(x->placeholder, (PCRE2_SPTR)sc->s, lim, pos, PCRE2_NO_UTF_CHECK, x->md,
                         x->mctx);
    if (rc == PCRE2_ERROR_NOMATCH)
        return VN_OK;
    if (rc < 0)
        return VN_EREGEX;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(x->md);
    size_t start = ov[0];
    /* "Kế hoạch số     /KH-UBND": the slot names the kind of document */
    struct vn_vocab_match km;
    if (ov[2] != PCRE2_UNSET && vn_vocab_match_before(&x->vocab->kinds, sc->s, vn_back_blanks(sc->s, start), &km) &&
        vn_back_blanks(sc->s, start) < start)
        start = km.start;
    struct vn_span at = {(uint32_t)start, (uint32_t)(ov[1] - start)};
    const char *what = ov[2] != PCRE2_UNSET   ? N_("the document number is missing")
                       : ov[4] != PCRE2_UNSET ? N_("the day of the date is missing")
                                              : N_("the month of the date is missing");
    char msg[300];
    snprintf(msg, sizeof msg, vn_tr(x->cat, "unfilled placeholder '%.*s': %s"), (int)at.len, sc->s + at.off,
             vn_tr(x->cat, what));
    *next = ov[1];
    return add_placeholder(sc, at, msg);
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

/* Whether a run of dots, ellipses and underscores is a slot: at least three
 * dots, an ellipsis or two underscores. Sets *end to the run's end. */
static bool slot_run(const char *s, size_t len, size_t i, size_t *end)
{
    size_t dots = 0, other = 0;
    while (i < len) {
        if (s[i] == '.') {
            dots++;
            i++;
        } else if (s[i] == '_' && i + 1 < len && s[i + 1] == '_') {
            other++;
            i += 2;
        } else if (i + 3 <= len && memcmp(s + i, "…", 3) == 0) {
            other++;
            i += 3;
        } else {
            break;
        }
    }
    *end = i;
    return dots >= 3 || other > 0;
}

/* A figure left as a slot: "giải ngân ....... triệu đồng", "đạt ....% KH". */
static vn_status figure_slots(struct vn_scan *sc)
{
    const char *s = sc->s;
    size_t len = sc->len;
    for (size_t i = 0; i < len;) {
        i = vn_find_byte3(s, i, len, '.', '_', 0xE2);   /* 0xE2 starts '…' */
        if (i >= len)
            break;
        size_t a = i, e;
        bool slot = slot_run(s, len, i, &e);
        i = e > i ? e : i + 1;
        if (!slot || (a > 0 && (vn_ch_word_before(s, a) || s[a - 1] == ',' || s[a - 1] == '/')))
            continue;
        size_t j = e;
        while (j < len && s[j] == ' ' && j - e < 2)
            j++;
        struct vn_vocab_match m;
        const char *what;
        size_t end;
        if (j < len && s[j] == '%') {
            what = N_("the percentage is missing");
            end = j + 1;
        } else if (vn_money_unit_at(sc, j, &m)) {
            what = N_("the amount is missing");
            end = m.end;
        } else {
            continue;
        }
        char msg[300];
        snprintf(msg, sizeof msg, vn_tr(sc->x->cat, "unfilled placeholder '%.*s': %s"), (int)(end - a), s + a,
                 vn_tr(sc->x->cat, what));
        struct vn_span at = {(uint32_t)a, (uint32_t)(end - a)};
        vn_status st = add_placeholder(sc, at, msg);
        if (st)
            return st;
        i = end;
    }
    return VN_OK;
}

/* "ngày" before "tháng" at s[h] with only a slot between ("ngày ... tháng"),
 * or with a day ("ngày 12 tháng"); its start or SIZE_MAX. */
static size_t ngay_before_thang(const char *s, size_t h)
{
    size_t k = back_slot(s, h);
    size_t w = word_before(s, k, "ngày", "Ngày");
    if (w != SIZE_MAX && k < h)
        return w;
    k = vn_back_blanks(s, h);
    size_t d = k;
    while (d > 0 && k - d < 2 && vn_is_digit(s[d - 1]))
        d--;
    if (d == k || d == vn_back_blanks(s, d))
        return SIZE_MAX;
    return word_before(s, vn_back_blanks(s, d), "ngày", "Ngày");
}

vn_status vn_lint_scan(struct vn_scan *sc)
{
    const char *s = sc->s;
    size_t len = sc->len, i = 0;
    vn_status st = VN_OK;
    size_t next;
    /* "Số: /BC-UBND", "số .../QĐ-UBND" and "ngày   /  /2024": a '/' after
       a word, with blanks or a slot between */
    while (i < len && !st) {
        const char *hit = memchr(s + i, '/', len - i);
        if (!hit)
            break;
        size_t h = (size_t)(hit - s);
        i = h + 1;
        size_t k = back_slot(s, h);
        if (k > 0 && s[k - 1] == ':')
            k = back_slot(s, k - 1);
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
        /* by its bytes "\xA1n" (the end of 'á', then 'n') */
        size_t h = vn_find_word(s, i, len, thang, sizeof thang - 1, 3);
        if (h == SIZE_MAX)
            break;
        i = h + sizeof thang - 1;
        size_t w = ngay_before_thang(s, h);
        next = 0;
        if (w != SIZE_MAX)
            st = try_at(sc, w, &next);
        if (!st && next <= h)
            st = try_at(sc, h, &next);
        if (!st && next > i)
            i = next;
    }
    if (!st)
        st = figure_slots(sc);
    if (!st && sc->n_placeholders > VN_MAX_PLACEHOLDERS) {
        char msg[200];
        snprintf(msg, sizeof msg, vn_tr(sc->x->cat, "%zu more unfilled placeholders are not listed (at most %u per document)"),
                 sc->n_placeholders - VN_MAX_PLACEHOLDERS, VN_MAX_PLACEHOLDERS);
        st = vn_records_add_diagnostic(sc->r, sc->first_unlisted, "unfilled-placeholder", VN_SEV_WARNING, msg);
    }
    return st;
}
