/* ZIP containers through libzip, read from memory, looked up by fixed
 * entry names only (an entry's name is never used as a path).
 *
 * A ZIP can claim anything, so each entry is checked twice: before
 * unpacking, against what the central directory declares (size, method,
 * encryption), and while unpacking, against what really comes out: the
 * total of all entries read stays under cap_total, an entry never yields
 * more than it declared, and past VN_ZIP_RATIO_FLOOR an entry may not
 * unpack to more than VN_ZIP_RATIO_MAX times its compressed size. A bomb
 * is thus refused after at most a little more than 1 MiB of work. */
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "common/alloc.h"
#include "ingest/ingest_internal.h"
#include "common/i18n.h"

struct vn_zip {
    zip_t *za;
    size_t total;       /* bytes unpacked so far */
    size_t cap_total;
};

vn_status vn_zip_open(const void *bytes, size_t n, size_t cap_total, struct vn_zip **out, struct vn_error *err)
{
    *out = NULL;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(bytes, n, 0, &ze);
    if (!src) {
        zip_error_fini(&ze);
        return vn_ingest_fail(err, VN_ENOMEM, 0, "a ZIP container: cannot start reading it");
    }
    /* ZIP_CHECKCONS: the local headers must agree with the central
       directory, which catches most truncated and spliced files */
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!za) {
        vn_status st = vn_ingest_fail(err, VN_EENCODING, 0,
                                      "a ZIP container that cannot be read (truncated or corrupt: %s)",
                                      zip_error_strerror(&ze));
        zip_source_free(src);
        zip_error_fini(&ze);
        return st;
    }
    zip_error_fini(&ze);
    zip_int64_t entries = zip_get_num_entries(za, 0);
    if (entries < 0 || entries > VN_ZIP_MAX_ENTRIES) {
        zip_discard(za);
        return vn_ingest_fail(err, VN_ETOOBIG, 0, "a ZIP container with %lld entries (at most %d are read)",
                              (long long)entries, VN_ZIP_MAX_ENTRIES);
    }
    struct vn_zip *z = vn_calloc(1, sizeof *z);
    if (!z) {
        zip_discard(za);
        return VN_ENOMEM;
    }
    z->za = za;
    z->cap_total = cap_total;
    *out = z;
    return VN_OK;
}

bool vn_zip_has(struct vn_zip *z, const char *name)
{
    return zip_name_locate(z->za, name, 0) >= 0;
}

static vn_status too_big(struct vn_error *err, const char *name, const char *why, unsigned long long a,
                         unsigned long long b)
{
    return vn_ingest_fail(err, VN_ETOOBIG, 0, "ZIP entry %s: %s (%llu > %llu bytes); refused as a possible ZIP bomb",
                          name, vn_tr(vn_ingest_catalog(), why), a, b);
}

vn_status vn_zip_read(struct vn_zip *z, const char *name, char **data, size_t *len, struct vn_error *err)
{
    *data = NULL;
    *len = 0;
    zip_int64_t idx = zip_name_locate(z->za, name, 0);
    if (idx < 0)
        return vn_ingest_fail(err, VN_EENCODING, 0, "the ZIP container has no entry %s", name);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
        !(st.valid & ZIP_STAT_COMP_SIZE))
        return vn_ingest_fail(err, VN_EENCODING, 0, "ZIP entry %s: cannot read its header (%s)", name,
                              zip_strerror(z->za));
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return vn_ingest_fail(err, VN_EENCODING, 0, "ZIP entry %s is encrypted", name);
    size_t room = z->cap_total - z->total;
    if (st.size > room)
        return too_big(err, name, N_("declared size over the limit left for the archive"), st.size, room);
    zip_uint64_t comp = st.comp_size ? st.comp_size : 1;
    if (st.size > VN_ZIP_RATIO_FLOOR && st.size / comp > VN_ZIP_RATIO_MAX)
        return too_big(err, name, N_("declared compression ratio over 200:1"), st.size, comp * VN_ZIP_RATIO_MAX);

    zip_file_t *f = zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
    if (!f)
        return vn_ingest_fail(err, VN_EENCODING, 0, "ZIP entry %s: cannot be unpacked (%s)", name,
                              zip_strerror(z->za));
    size_t want = (size_t)st.size;
    char *buf = vn_malloc(want + 1);
    if (!buf) {
        zip_fclose(f);
        return VN_ENOMEM;
    }
    size_t got = 0;
    vn_status rc = VN_OK;
    for (;;) {
        /* one byte more than declared, to notice an entry that lies */
        size_t chunk = want - got < ((size_t)1 << 16) ? want - got : ((size_t)1 << 16);
        char probe;
        zip_int64_t r = chunk ? zip_fread(f, buf + got, chunk) : zip_fread(f, &probe, 1);
        if (r < 0) {
            rc = vn_ingest_fail(err, VN_EENCODING, got, "ZIP entry %s: corrupt data after %zu bytes (%s)", name,
                                got, zip_file_strerror(f));
            break;
        }
        if (r == 0)
            break;
        if (!chunk) {
            rc = too_big(err, name, N_("unpacks to more than its declared size"), want + 1ull, want);
            break;
        }
        got += (size_t)r;
        if (got > VN_ZIP_RATIO_FLOOR && got / comp > VN_ZIP_RATIO_MAX) {
            rc = too_big(err, name, N_("compression ratio over 200:1"), got, comp * VN_ZIP_RATIO_MAX);
            break;
        }
    }
    zip_fclose(f);
    if (!rc && got != want)
        rc = vn_ingest_fail(err, VN_EENCODING, got, "ZIP entry %s: truncated (%zu of %zu bytes)", name, got, want);
    if (rc) {
        vn_free(buf);
        return rc;
    }
    buf[got] = '\0';
    z->total += got;
    *data = buf;
    *len = got;
    return VN_OK;
}

void vn_zip_close(struct vn_zip *z)
{
    if (!z)
        return;
    zip_discard(z->za);
    vn_free(z);
}
