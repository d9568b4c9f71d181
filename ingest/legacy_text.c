/* Plain text in a legacy Vietnamese encoding: named by the caller, or
 * detected when the bytes are mostly not UTF-8.
 *
 * UTF-8 is tried first: text whose multi-byte sequences are mostly valid
 * is UTF-8 with a few bad bytes (reported one by one, as before), because
 * legacy text almost never forms a valid sequence (its letters are followed
 * by ASCII or by other letters, not by 0x80-0xBF runs of the right length).
 * Otherwise every table is scored (legacy_detect.c); the text is converted
 * only when one reads clearly as Vietnamese, and the note says which and
 * why. When none does, the text stays UTF-8 with its invalid bytes and the
 * note says that no table fitted, so nothing is silently mis-converted. */
#include <stdio.h>
#include <string.h>

#include "common/utf8.h"
#include "ingest/ingest_internal.h"
#include "ingest/legacy.h"
#include "common/i18n.h"

bool vn_ingest_encoding_known(const char *name)
{
    enum vn_legacy e;
    bool is_auto;
    return name && vn_legacy_parse(name, &e, &is_auto);
}

/* Valid multi-byte UTF-8 sequences and bytes that start none. */
static void utf8_counts(const unsigned char *s, size_t n, size_t *good, size_t *bad)
{
    *good = *bad = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t l = vn_utf8_decode(s + i, n - i, &cp);
        if (l) {
            ++*good;
            i += l;
        } else {
            ++*bad;
            i++;
        }
    }
}

static vn_status convert(struct vn_text *t, const unsigned char *s, size_t n, size_t base, enum vn_legacy e)
{
    struct vn_legacy_table tab;
    vn_status st = vn_legacy_table_load(e, &tab);
    if (st)
        return st;
    struct vn_buf b;
    vn_buf_init(&b, 0);
    struct vn_legacy_sink sink = {.t = t, .base = base, .line = 1};
    st = vn_legacy_decode(&tab, s, n, false, true, &b, &sink);
    vn_legacy_table_free(&tab);
    if (st) {
        vn_buf_free(&b);
        return st;
    }
    t->data = vn_buf_detach(&b, &t->len);
    if (!t->data)
        return VN_ENOMEM;
    t->had_crlf = sink.had_cr;
    t->encoding = VN_ENC_LEGACY;
    snprintf(t->charset, sizeof t->charset, "%s", vn_legacy_name(e));
    return VN_OK;
}

vn_status vn_text_legacy(struct vn_text *t, const unsigned char *s, size_t n, size_t base, const char *name,
                         bool *done, struct vn_error *err)
{
    *done = false;
    enum vn_legacy forced = VN_LEGACY_NONE;
    bool is_auto = true;
    if (name && !vn_legacy_parse(name, &forced, &is_auto))
        return vn_ingest_fail(err, VN_EINVAL, 0,
                              "unknown encoding '%s' (auto, utf-8, tcvn3, vni, viscii, cp1258)", name);
    if (forced != VN_LEGACY_NONE) {
        snprintf(t->charset_note, sizeof t->charset_note, vn_tr(vn_ingest_catalog(), "converted from %s (named by the caller)"),
                 vn_legacy_name(forced));
        *done = true;
        return convert(t, s, n, base, forced);
    }
    if (!is_auto)
        return VN_OK;   /* utf-8: as always */
    size_t good, bad;
    utf8_counts(s, n < ((size_t)256 << 10) ? n : (size_t)256 << 10, &good, &bad);
    if (good >= bad)
        return VN_OK;
    struct vn_legacy_guess g;
    vn_status st = vn_legacy_detect(s, n, &g);
    if (st)
        return st;
    if (g.enc == VN_LEGACY_NONE) {
        if (!g.syllables)
            snprintf(t->charset_note, sizeof t->charset_note, "%s",
                     vn_tr(vn_ingest_catalog(), "not UTF-8, and no legacy Vietnamese encoding reads as Vietnamese: left as "
                           "invalid UTF-8 (--encoding NAME to choose one)"));
        else
            snprintf(t->charset_note, sizeof t->charset_note,
                     vn_tr(vn_ingest_catalog(), "not UTF-8, and no legacy encoding reads clearly as Vietnamese (best %s: %zu of %zu "
                           "words syllables): left as invalid UTF-8 (--encoding NAME to choose one)"),
                     vn_legacy_name(g.best), g.syllables, g.words);
        return VN_OK;
    }
    snprintf(t->charset_note, sizeof t->charset_note,
             vn_tr(vn_ingest_catalog(), "converted from %s, detected from the bytes: %zu of %zu words read as Vietnamese "
                   "syllables"),
             vn_legacy_name(g.enc), g.syllables, g.words);
    *done = true;
    return convert(t, s, n, base, g.enc);
}
