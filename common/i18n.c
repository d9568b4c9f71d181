/* Lookup in a GNU .mo catalog held in memory (see i18n.h for why the
 * library does not call dgettext). The format: a header of 32-bit words
 * (magic, revision, N, offset of the originals' table, offset of the
 * translations' table), then two tables of N (length, offset) pairs; msgfmt
 * sorts the originals by strcmp, so a lookup is a bisection. A context is
 * stored as "CTX\004MSGID"; a plural entry's original is "SINGULAR\0PLURAL"
 * and its translation the forms one after the other, NUL-separated.
 *
 * msgfmt --check checks the catalog at build time; the reader still
 * bounds every offset, so a damaged catalog gives English, never a read out
 * of bounds. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "vnaudit/i18n.h"
#include "common/i18n.h"

struct vn_catalog {
    const unsigned char *mo;
    const size_t *size;     /* a link-time constant: pointed to */
};

/* generated from po/vi.po by msgfmt and cmake/EmbedFile.cmake */
extern const unsigned char vn_catalog_vi_mo[];
extern const size_t vn_catalog_vi_mo_len;

static const struct vn_catalog catalog_vi = {vn_catalog_vi_mo, &vn_catalog_vi_mo_len};

static uint32_t word(const struct vn_catalog *c, size_t off)
{
    if (off + 4 > *c->size)
        return 0;
    const unsigned char *p = c->mo + off;
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The i-th string of the table at `table`: its bytes and length, or NULL
 * when it does not lie inside the catalog with its NUL. */
static const char *entry(const struct vn_catalog *c, uint32_t table, uint32_t i, uint32_t *len)
{
    uint32_t n = word(c, (size_t)table + 8u * i), off = word(c, (size_t)table + 8u * i + 4);
    if ((size_t)off + n >= *c->size || c->mo[off + n] != '\0')
        return NULL;
    *len = n;
    return (const char *)c->mo + off;
}

/* Compares the key "ctx\004id" (ctx NULL: "id") with the NUL-terminated s. */
static int key_cmp(const char *ctx, const char *id, const char *s)
{
    if (ctx) {
        size_t n = strlen(ctx);
        int d = strncmp(ctx, s, n);
        if (d)
            return d;
        if (s[n] != '\004')
            return (unsigned char)'\004' - (unsigned char)s[n];
        s += n + 1;
    }
    return strcmp(id, s);
}

/* The translation of the key, as the whole msgstr (plural forms included)
 * with its length; NULL when there is none. */
static const char *lookup(const struct vn_catalog *c, const char *ctx, const char *id, uint32_t *len)
{
    if (!c || !id[0] || *c->size < 28 || word(c, 0) != 0x950412deu)   /* "": the header */
        return NULL;
    uint32_t n = word(c, 8), orig = word(c, 12), trans = word(c, 16);
    if ((size_t)orig + 8u * n > *c->size || (size_t)trans + 8u * n > *c->size)
        return NULL;
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2, olen;
        const char *o = entry(c, orig, mid, &olen);
        if (!o)
            return NULL;
        int d = key_cmp(ctx, id, o);
        if (d == 0) {
            const char *t = entry(c, trans, mid, len);
            return t && *len ? t : NULL;    /* an empty msgstr is untranslated */
        }
        if (d < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const struct vn_catalog *vn_catalog_for(const char *lang)
{
    return lang && !strcmp(lang, "vi") ? &catalog_vi : NULL;
}

const char *vn_tr(const struct vn_catalog *c, const char *msgid)
{
    uint32_t len;
    const char *t = lookup(c, NULL, msgid, &len);
    return t ? t : msgid;
}

const char *vn_trp(const struct vn_catalog *c, const char *ctx, const char *msgid)
{
    uint32_t len;
    const char *t = lookup(c, ctx, msgid, &len);
    return t ? t : msgid;
}

const char *vn_trn(const struct vn_catalog *c, const char *singular, const char *plural, unsigned long n)
{
    uint32_t len;
    const char *t = lookup(c, NULL, singular, &len);
    if (t)
        return t;   /* the catalogs built in (Vietnamese) have one form */
    return n == 1 ? singular : plural;
}

const char *vn_gettext(const char *lang, const char *msgid)
{
    return vn_tr(vn_catalog_for(lang), msgid);
}

bool vn_lang_known(const char *lang)
{
    return lang && (!strcmp(lang, "en") || !strcmp(lang, "vi"));
}

const char *vn_strerror_lang(vn_status s, const char *lang)
{
    return vn_tr(vn_catalog_for(lang), vn_strerror(s));
}

const char *vn_tr_errno(const struct vn_catalog *c, int errnum)
{
    const char *ours = NULL;
    switch (errnum) {
    case ENOENT: ours = N_("no such file or folder"); break;
    case EACCES: ours = N_("permission denied"); break;
    case EISDIR: ours = N_("a folder, not a document"); break;
    case ENOTDIR: ours = N_("a part of the path is not a folder"); break;
    case ELOOP: ours = N_("too many levels of symbolic links"); break;
    case ENAMETOOLONG: ours = N_("the path is too long"); break;
    default: break;
    }
    return c && ours ? vn_tr(c, ours) : strerror(errnum);
}

const char *vn_strerrno_lang(int errnum, const char *lang)
{
    return vn_tr_errno(vn_catalog_for(lang), errnum);
}
