/* Legacy Vietnamese encodings: the tables (vocab/encodings/, compiled
 * in by cmake/EmbedVocab.cmake), decoding with them, and fonts.
 *
 * A table is read from its text each time one is needed (a few hundred
 * lines: microseconds), so there is no process-wide state. Decoding is
 * greedy: a base letter followed by a mark byte that the table lists as a
 * pair (VNI) is one letter; anything else is one byte. Windows-1258's tone
 * marks are combining characters: each is composed with the letter before
 * it by ICU's composition pairs, so the text is NFC as if typed in Unicode. */
#include "common/alloc.h"
#include "ingest/legacy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>

#include "common/utf8.h"
#include "ingest/ingest_internal.h"
#include "common/i18n.h"

extern const unsigned char vn_enc_tcvn3[], vn_enc_vni[], vn_enc_viscii[], vn_enc_cp1258[], vn_enc_fonts[];
extern const size_t vn_enc_tcvn3_len, vn_enc_vni_len, vn_enc_viscii_len, vn_enc_cp1258_len, vn_enc_fonts_len;

#define REPLACEMENT 0xFFFD

static const struct {
    enum vn_legacy enc;
    const char *name;
    const char *aliases[3];
} encodings[] = {
    {VN_LEGACY_TCVN3, "TCVN3", {"tcvn3", "abc", "tcvn"}},
    {VN_LEGACY_VNI, "VNI", {"vni", "vni-windows", "vni-win"}},
    {VN_LEGACY_VISCII, "VISCII", {"viscii", NULL, NULL}},
    {VN_LEGACY_CP1258, "CP1258", {"cp1258", "windows-1258", "windows1258"}},
};

const char *vn_legacy_name(enum vn_legacy e)
{
    for (size_t i = 0; i < sizeof encodings / sizeof *encodings; i++)
        if (encodings[i].enc == e)
            return encodings[i].name;
    return "";
}

static bool same_ci(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

bool vn_legacy_parse(const char *name, enum vn_legacy *e, bool *is_auto)
{
    *e = VN_LEGACY_NONE;
    *is_auto = false;
    if (same_ci(name, "auto")) {
        *is_auto = true;
        return true;
    }
    if (same_ci(name, "utf-8") || same_ci(name, "utf8"))
        return true;
    for (size_t i = 0; i < sizeof encodings / sizeof *encodings; i++)
        for (size_t k = 0; k < 3 && encodings[i].aliases[k]; k++)
            if (same_ci(name, encodings[i].aliases[k])) {
                *e = encodings[i].enc;
                return true;
            }
    return false;
}

static bool table_text(enum vn_legacy e, const char **text, size_t *len)
{
    switch (e) {
    case VN_LEGACY_TCVN3: *text = (const char *)vn_enc_tcvn3; *len = vn_enc_tcvn3_len; return true;
    case VN_LEGACY_VNI: *text = (const char *)vn_enc_vni; *len = vn_enc_vni_len; return true;
    case VN_LEGACY_VISCII: *text = (const char *)vn_enc_viscii; *len = vn_enc_viscii_len; return true;
    case VN_LEGACY_CP1258: *text = (const char *)vn_enc_cp1258; *len = vn_enc_cp1258_len; return true;
    case VN_LEGACY_NONE: break;
    }
    return false;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* One line "XX[ YY]<TAB>U+XXXX..." into bytes and a code point. */
static bool parse_line(const char *p, const char *end, unsigned char *bytes, size_t *nb, uint32_t *cp)
{
    *nb = 0;
    while (p < end && *p != '\t') {
        if (*p == ' ') {
            p++;
            continue;
        }
        if (end - p < 2 || hexval(p[0]) < 0 || hexval(p[1]) < 0 || *nb == 2)
            return false;
        bytes[(*nb)++] = (unsigned char)(hexval(p[0]) << 4 | hexval(p[1]));
        p += 2;
    }
    if (!*nb || end - p < 4 || p[1] != 'U' || p[2] != '+')
        return false;
    uint32_t v = 0;
    size_t digits = 0;
    for (p += 3; p < end && hexval(*p) >= 0 && digits < 6; p++, digits++)
        v = v << 4 | (uint32_t)hexval(*p);
    if (digits < 4 || v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return false;
    *cp = v;
    return true;
}

static int pair_cmp(const void *a, const void *b)
{
    const struct vn_legacy_pair *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

vn_status vn_legacy_table_load(enum vn_legacy e, struct vn_legacy_table *t)
{
    memset(t, 0, sizeof *t);
    const char *text;
    size_t len;
    if (!table_text(e, &text, &len))
        return VN_EINVAL;
    t->enc = e;
    for (uint32_t b = 1; b < 0x80; b++)
        t->single[b] = b;
    size_t cap = 0;
    for (const char *p = text, *end = text + len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        if (le > p && *p != '#') {
            unsigned char bytes[2];
            size_t nb;
            uint32_t cp;
            if (!parse_line(p, le, bytes, &nb, &cp)) {
                vn_legacy_table_free(t);
                return VN_EVOCAB;
            }
            if (nb == 1) {
                t->single[bytes[0]] = cp;
            } else {
                if (t->n_pairs == cap) {
                    size_t nc = cap ? cap * 2 : 128;
                    void *np = vn_realloc(t->pairs, nc * sizeof *t->pairs);
                    if (!np) {
                        vn_legacy_table_free(t);
                        return VN_ENOMEM;
                    }
                    t->pairs = np;
                    cap = nc;
                }
                t->pairs[t->n_pairs++] = (struct vn_legacy_pair){(uint16_t)(bytes[0] << 8 | bytes[1]), cp};
                t->mark[bytes[1]] = true;
            }
        }
        p = le + 1;
    }
    if (t->n_pairs > 1)
        qsort(t->pairs, t->n_pairs, sizeof *t->pairs, pair_cmp);
    return VN_OK;
}

void vn_legacy_table_free(struct vn_legacy_table *t)
{
    vn_free(t->pairs);
    t->pairs = NULL;
    t->n_pairs = 0;
}

static uint32_t pair_find(const struct vn_legacy_table *t, unsigned char a, unsigned char b)
{
    struct vn_legacy_pair k = {(uint16_t)(a << 8 | b), 0};
    const struct vn_legacy_pair *hit = bsearch(&k, t->pairs, t->n_pairs, sizeof *t->pairs, pair_cmp);
    return hit ? hit->cp : 0;
}

/* The capital of a Vietnamese letter (others unchanged). */
static uint32_t upper_vi(uint32_t c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7))
        return c - 0x20;
    if (c == 0x103 || c == 0x111 || c == 0x129 || c == 0x169)
        return c - 1;
    if (c == 0x1A1 || c == 0x1B0)
        return c - 1;
    if (c >= 0x1EA0 && c <= 0x1EF9 && (c & 1))
        return c - 1;
    return c;
}

static bool is_combining_tone(uint32_t c)
{
    return c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 || c == 0x323;
}

vn_status vn_legacy_decode(const struct vn_legacy_table *tab, const unsigned char *s, size_t n, bool upper,
                           bool crlf, struct vn_buf *b, struct vn_legacy_sink *sink)
{
    UErrorCode ue = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&ue);
    if (U_FAILURE(ue))
        nfc = NULL;
    vn_status st = vn_buf_reserve(b, n + n / 2 + 16);
    size_t prev_at = SIZE_MAX;  /* where the last letter written starts in b */
    uint32_t prev = 0;
    for (size_t i = 0; i < n && !st;) {
        unsigned char c = s[i];
        uint32_t cp;
        size_t used = 1;
        if (c == '\r' && crlf) {
            sink->had_cr = true;
            used = i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
            cp = '\n';
        } else if (i + 1 < n && tab->mark[s[i + 1]] && (cp = pair_find(tab, c, s[i + 1])) != 0) {
            used = 2;
        } else {
            cp = c ? tab->single[c] : 0;
            if (!cp) {
                if (sink->t)
                    vn_ingest_add_issue(sink->t, c ? VN_ISSUE_INVALID_UTF8 : VN_ISSUE_NUL_BYTE, sink->base + i,
                                        sink->line);
                sink->bad++;
                cp = REPLACEMENT;
            }
        }
        i += used;
        if (upper)
            cp = upper_vi(cp);
        if (is_combining_tone(cp) && nfc && prev_at != SIZE_MAX) {
            UChar32 comp = unorm2_composePair(nfc, (UChar32)prev, (UChar32)cp);
            if (comp < 0 && prev < 0x10000) {
                /* a letter with its own mark and a tone that composes
                   only below it (Ô + dot below: Ộ is Ọ + circumflex) */
                UChar in2[2] = {(UChar)prev, (UChar)cp}, out2[4];
                UErrorCode e2 = U_ZERO_ERROR;
                int32_t k = unorm2_normalize(nfc, in2, 2, out2, 4, &e2);
                if (U_SUCCESS(e2) && k == 1)
                    comp = out2[0];
            }
            if (comp > 0) {
                b->len = prev_at;
                cp = (uint32_t)comp;
            }
        }
        char enc[4];
        size_t at = b->len;
        st = vn_buf_append(b, enc, vn_utf8_encode(cp, enc));
        if (cp == '\n')
            sink->line++;
        prev = cp;
        prev_at = cp >= 'A' ? at : SIZE_MAX;
    }
    return st;
}

/* Does name[0..len) match pattern (case ignored; one '*' for any run)? */
static bool font_match(const char *pat, size_t plen, const char *name, size_t len)
{
    const char *star = memchr(pat, '*', plen);
    size_t head = star ? (size_t)(star - pat) : plen, tail = star ? plen - head - 1 : 0;
    if (!star && len != plen)
        return false;
    if (len < head + tail)
        return false;
    for (size_t i = 0; i < head; i++)
        if ((name[i] | 0x20) != (pat[i] | 0x20))
            return false;
    for (size_t i = 0; i < tail; i++)
        if ((name[len - tail + i] | 0x20) != (star[1 + i] | 0x20))
            return false;
    return true;
}

enum vn_legacy vn_legacy_font(const char *font, size_t len, bool *upper)
{
    *upper = false;
    const char *text = (const char *)vn_enc_fonts, *end = text + vn_enc_fonts_len;
    for (const char *p = text; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *t1 = memchr(p, '\t', (size_t)(le - p));
        if (*p != '#' && t1 && font_match(p, (size_t)(t1 - p), font, len)) {
            const char *t2 = memchr(t1 + 1, '\t', (size_t)(le - t1 - 1));
            char name[16] = "";
            size_t nl2 = (size_t)((t2 ? t2 : le) - (t1 + 1));
            if (nl2 < sizeof name) {
                memcpy(name, t1 + 1, nl2);
                name[nl2] = '\0';
            }
            enum vn_legacy e;
            bool is_auto;
            if (!vn_legacy_parse(name, &e, &is_auto))
                return VN_LEGACY_NONE;
            *upper = t2 && le - t2 > 5 && !strncmp(t2 + 1, "upper", 5);
            return e;
        }
        p = le + 1;
    }
    return VN_LEGACY_NONE;
}

void vn_legacy_runs_note(const size_t runs[5], struct vn_text *t)
{
    size_t total = 0;
    char names[32] = "";
    for (int e = VN_LEGACY_FIRST; e <= VN_LEGACY_LAST; e++) {
        if (!runs[e])
            continue;
        total += runs[e];
        size_t l = strlen(names);
        snprintf(names + l, sizeof names - l, "%s%s", l ? "+" : "", vn_legacy_name((enum vn_legacy)e));
    }
    if (!total)
        return;
    snprintf(t->charset, sizeof t->charset, "%s", names);
    snprintf(t->charset_note, sizeof t->charset_note, 
             vn_trn(vn_ingest_catalog(), "converted from %s: %zu run in legacy fonts",
                    "converted from %s: %zu runs in legacy fonts", total),
             names, total);
}
