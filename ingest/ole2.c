/* OLE2 compound files ([MS-CFB]): the container of Word 97-2003 .doc.
 *
 * A file of fixed-size sectors; a FAT (its sectors listed by the header
 * and the DIFAT chain) links each stream's sectors; the directory is a
 * stream of 128-byte entries; streams under 4096 bytes live in 64-byte
 * mini sectors inside the root entry's stream, linked by the mini FAT.
 * Everything the file says is checked against the file: sector numbers
 * within it, chains no longer than the sectors there are (a loop ends
 * there), sizes within the cap. */
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "ingest/ole2.h"
#include "common/i18n.h"

#define ENDOFCHAIN 0xFFFFFFFEu
#define MAX_REGSECT 0xFFFFFFFAu

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

struct vn_ole2 {
    const unsigned char *s;
    size_t n;
    size_t ssz;             /* sector size */
    size_t n_sectors;       /* sectors the file holds */
    uint32_t *fat;
    size_t n_fat;
    uint32_t *minifat;
    size_t n_minifat;
    unsigned char *dir;     /* the directory stream */
    size_t dir_len;
    unsigned char *ministream;
    size_t ministream_len;
    size_t cap;
};

static const unsigned char *sector(const struct vn_ole2 *o, uint32_t sec)
{
    if (sec >= o->n_sectors)
        return NULL;
    return o->s + ((size_t)sec + 1) * o->ssz;
}

/* Reads the chain from `first` through `fat` (of `unit`-byte units taken
 * from `base`, or from the file's sectors when base is NULL), `size` bytes
 * (SIZE_MAX: the whole chain). */
static vn_status chain(const struct vn_ole2 *o, const uint32_t *fat, size_t n_fat, const unsigned char *base,
                       size_t base_len, size_t unit, uint32_t first, size_t size, unsigned char **out,
                       size_t *len)
{
    *out = NULL;
    *len = 0;
    size_t max_units = base ? base_len / unit : o->n_sectors;
    if (size != SIZE_MAX && (size > o->cap || size / unit > max_units + 1))
        return VN_ETOOBIG;
    size_t want = size != SIZE_MAX ? size : max_units * unit;
    if (want > o->cap)
        want = o->cap;
    unsigned char *buf = vn_malloc(want ? want : 1);
    if (!buf)
        return VN_ENOMEM;
    size_t got = 0, steps = 0;
    for (uint32_t sec = first; sec != ENDOFCHAIN; steps++) {
        if (got >= want) {
            if (size != SIZE_MAX)
                break;
            vn_free(buf);      /* a whole-chain read longer than the file: a loop */
            return VN_EENCODING;
        }
        const unsigned char *p = NULL;
        if (sec <= MAX_REGSECT && steps <= max_units)
            p = base ? ((size_t)sec < max_units ? base + (size_t)sec * unit : NULL) : sector(o, sec);
        if (!p || sec >= n_fat) {
            if (p && size == SIZE_MAX) {    /* a chain's last link beyond a short FAT */
                size_t k = want - got < unit ? want - got : unit;
                memcpy(buf + got, p, k);
                got += k;
                break;
            }
            vn_free(buf);
            return VN_EENCODING;
        }
        size_t k = want - got < unit ? want - got : unit;
        memcpy(buf + got, p, k);
        got += k;
        sec = fat[sec];
    }
    if (size != SIZE_MAX && got < size) {
        vn_free(buf);
        return VN_EENCODING;
    }
    *out = buf;
    *len = got;
    return VN_OK;
}

void vn_ole2_close(struct vn_ole2 *o)
{
    if (!o)
        return;
    vn_free(o->fat);
    vn_free(o->minifat);
    vn_free(o->dir);
    vn_free(o->ministream);
    vn_free(o);
}

static vn_status fail(struct vn_ole2 *o, struct vn_error *err, vn_status st, const char *what)
{
    vn_ole2_close(o);
    return vn_ingest_fail(err, st, 0, "Word 97-2003 (.doc): the OLE2 container is broken: %s",
                          vn_tr(vn_ingest_catalog(), what));
}

vn_status vn_ole2_open(const unsigned char *s, size_t n, size_t cap, struct vn_ole2 **out, struct vn_error *err)
{
    *out = NULL;
    struct vn_ole2 *o = vn_calloc(1, sizeof *o);
    if (!o)
        return VN_ENOMEM;
    o->s = s;
    o->n = n;
    o->cap = cap;
    if (n < 512)
        return fail(o, err, VN_EENCODING, N_("shorter than its header"));
    unsigned shift = le16(s + 0x1E);
    if ((shift != 9 && shift != 12) || le16(s + 0x20) != 6 || le16(s + 0x1C) != 0xFFFE)
        return fail(o, err, VN_EENCODING, N_("a header with unknown sector sizes"));
    o->ssz = (size_t)1 << shift;
    o->n_sectors = n > o->ssz ? (n - o->ssz + o->ssz - 1) / o->ssz : 0;
    /* the last sector may be short; never read past the file */
    while (o->n_sectors && ((size_t)o->n_sectors + 1) * o->ssz > n)
        o->n_sectors--;
    uint32_t n_fat_sectors = le32(s + 0x2C);
    if (n_fat_sectors > o->n_sectors)
        return fail(o, err, VN_EENCODING, N_("more FAT sectors than the file has"));
    size_t per = o->ssz / 4;
    o->n_fat = (size_t)n_fat_sectors * per;
    o->fat = vn_malloc((o->n_fat ? o->n_fat : 1) * sizeof *o->fat);
    if (!o->fat)
        return fail(o, err, VN_ENOMEM, N_("out of memory"));
    /* the FAT's sectors: 109 in the header, then the DIFAT chain */
    uint32_t difat = le32(s + 0x44);
    size_t done = 0, hops = 0;
    for (size_t i = 0; i < 109 && done < n_fat_sectors; i++, done++) {
        const unsigned char *p = sector(o, le32(s + 0x4C + 4 * i));
        if (!p)
            return fail(o, err, VN_EENCODING, N_("a FAT sector outside the file"));
        for (size_t k = 0; k < per; k++)
            o->fat[done * per + k] = le32(p + 4 * k);
    }
    while (done < n_fat_sectors) {
        const unsigned char *d = sector(o, difat);
        if (!d || ++hops > o->n_sectors)
            return fail(o, err, VN_EENCODING, N_("a DIFAT sector outside the file"));
        for (size_t i = 0; i + 1 < per && done < n_fat_sectors; i++, done++) {
            const unsigned char *p = sector(o, le32(d + 4 * i));
            if (!p)
                return fail(o, err, VN_EENCODING, N_("a FAT sector outside the file"));
            for (size_t k = 0; k < per; k++)
                o->fat[done * per + k] = le32(p + 4 * k);
        }
        difat = le32(d + 4 * (per - 1));
    }
    vn_status st = chain(o, o->fat, o->n_fat, NULL, 0, o->ssz, le32(s + 0x30), SIZE_MAX, &o->dir, &o->dir_len);
    if (st)
        return fail(o, err, st, N_("its directory"));
    if (o->dir_len < 128 || o->dir[0x42] != 5)
        return fail(o, err, VN_EENCODING, N_("no root entry"));
    /* the mini FAT, and the mini stream (the root entry's stream) */
    uint32_t n_minifat = le32(s + 0x40);
    if (n_minifat) {
        unsigned char *mf;
        size_t mlen;
        if (n_minifat > o->n_sectors)
            return fail(o, err, VN_EENCODING, N_("more mini FAT sectors than the file has"));
        st = chain(o, o->fat, o->n_fat, NULL, 0, o->ssz, le32(s + 0x3C), (size_t)n_minifat * o->ssz, &mf, &mlen);
        if (st)
            return fail(o, err, st, N_("its mini FAT"));
        o->n_minifat = mlen / 4;
        o->minifat = vn_malloc((o->n_minifat ? o->n_minifat : 1) * sizeof *o->minifat);
        if (!o->minifat) {
            vn_free(mf);
            return fail(o, err, VN_ENOMEM, N_("out of memory"));
        }
        for (size_t i = 0; i < o->n_minifat; i++)
            o->minifat[i] = le32(mf + 4 * i);
        vn_free(mf);
        uint64_t root_size = le32(o->dir + 0x78) | (uint64_t)(shift == 12 ? le32(o->dir + 0x7C) : 0) << 32;
        if (root_size > o->cap)
            return fail(o, err, VN_ETOOBIG, N_("a mini stream over the size limit"));
        st = chain(o, o->fat, o->n_fat, NULL, 0, o->ssz, le32(o->dir + 0x74), (size_t)root_size, &o->ministream,
                   &o->ministream_len);
        if (st)
            return fail(o, err, st, N_("its mini stream"));
    }
    *out = o;
    return VN_OK;
}

/* The directory entry of the stream named `name` (ASCII), or NULL. */
static const unsigned char *find(const struct vn_ole2 *o, const char *name)
{
    size_t nl = strlen(name);
    for (size_t off = 0; off + 128 <= o->dir_len; off += 128) {
        const unsigned char *e = o->dir + off;
        if (e[0x42] != 2 || le16(e + 0x40) != (nl + 1) * 2)
            continue;
        size_t k = 0;
        while (k < nl && le16(e + 2 * k) == (unsigned char)name[k])
            k++;
        if (k == nl)
            return e;
    }
    return NULL;
}

bool vn_ole2_has(const struct vn_ole2 *o, const char *name)
{
    return find(o, name) != NULL;
}

vn_status vn_ole2_read(const struct vn_ole2 *o, const char *name, unsigned char **data, size_t *len,
                       struct vn_error *err)
{
    *data = NULL;
    *len = 0;
    const unsigned char *e = find(o, name);
    if (!e)
        return vn_ingest_fail(err, VN_EENCODING, 0, "Word 97-2003 (.doc): no %s stream", name);
    uint64_t size = le32(e + 0x78) | (uint64_t)(o->ssz == 4096 ? le32(e + 0x7C) : 0) << 32;
    if (size > o->cap)
        return vn_ingest_fail(err, VN_ETOOBIG, 0, "Word 97-2003 (.doc): the %s stream is over the size limit",
                              name);
    vn_status st;
    if (size < 4096 && o->ministream)
        st = chain(o, o->minifat, o->n_minifat, o->ministream, o->ministream_len, 64, le32(e + 0x74), (size_t)size,
                   data, len);
    else
        st = chain(o, o->fat, o->n_fat, NULL, 0, o->ssz, le32(e + 0x74), (size_t)size, data, len);
    if (st)
        return vn_ingest_fail(err, st, 0, "Word 97-2003 (.doc): the %s stream is %s", name,
                              vn_tr(vn_ingest_catalog(), st == VN_ETOOBIG ? N_("over the size limit")
                                                                     : N_("broken (a sector chain leaves the file)")));
    return VN_OK;
}
