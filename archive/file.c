/* A file into an entry, as `vnaudit ingest` reads it: the whole file (a
 * regular file, at most the input limit), its SHA-256 while it is read,
 * the caller's "already stored?" test, then the stages. Every way of not
 * being read becomes an error entry with the reason, never a lost file.
 * Shared by the CLI's worker threads and the Python binding (vnaudit.dask),
 * so both make the same rows. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/alloc.h"
#include "archive/sha256.h"
#include "vnaudit/archive.h"
#include "vnaudit/doc.h"

/* Reads the whole file (at most max bytes) and hashes it. On failure NULL,
 * and *why says why (static). */
static char *read_all(const char *path, size_t max, size_t *len, char sha[65], const char **why, int64_t *size)
{
    *why = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        *why = errno == EACCES ? "permission denied" : errno == ENOENT ? "no such file (gone since the walk)"
                                                                       : "could not be opened";
        return NULL;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        *why = "not a regular file";
        return NULL;
    }
    *size = (int64_t)sb.st_size;
    if ((uint64_t)sb.st_size > max) {
        close(fd);
        *why = "too large (over --max-input-bytes)";
        return NULL;
    }
    size_t cap = (size_t)sb.st_size + 1, n = 0;
    char *buf = vn_malloc(cap);
    if (!buf) {
        close(fd);
        *why = "out of memory";
        return NULL;
    }
    struct vn_sha256 h;
    vn_sha256_init(&h);
    for (;;) {
        if (n == cap) {     /* grew since the stat */
            if (cap > max) {
                *why = "too large (over --max-input-bytes)";
                break;
            }
            char *b = vn_realloc(buf, cap * 2);
            if (!b) {
                *why = "out of memory";
                break;
            }
            buf = b;
            cap *= 2;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            *why = errno == EISDIR ? "a folder" : "read error";
            break;
        }
        if (r == 0)
            break;
        vn_sha256_update(&h, buf + n, (size_t)r);
        n += (size_t)r;
    }
    close(fd);
    if (*why) {
        vn_free(buf);
        return NULL;
    }
    vn_sha256_hex(&h, sha);
    *len = n;
    *size = (int64_t)n;
    return buf;
}

vn_status vn_archive_entry_read(struct vn_pipeline *p, const char *path, const struct vn_archive_read_opts *o,
                                struct vn_archive_entry **out, struct vn_archive_read_info *info)
{
    *out = NULL;
    if (info)
        memset(info, 0, sizeof *info);
    if (!p || !path)
        return VN_EINVAL;
    const char *name = o && o->name ? o->name : path;
    struct vn_archive_file f = {.path = name, .size = o ? o->size : -1};
    const char *why = o ? o->problem : NULL;
    char sha[65];
    size_t len = 0;
    char *bytes = NULL;
    if (!why) {
        size_t max = o && o->max_input_bytes ? o->max_input_bytes : VN_INGEST_DEFAULT_MAX_BYTES;
        bytes = read_all(path, max, &len, sha, &why, &f.size);
    }
    vn_status st;
    struct vn_doc *d = NULL;
    struct vn_error err;
    memset(&err, 0, sizeof err);
    if (bytes) {
        if (info)
            info->bytes = len;
        f.sha256 = sha;
        bool ok = false;
        if (o && o->skip && o->skip(o->skip_arg, name, sha, &ok)) {
            vn_free(bytes);
            if (info) {
                info->skipped = true;
                info->skipped_ok = ok;
            }
            return VN_OK;
        }
        f.format = vn_input_format_name(vn_input_detect(bytes, len));
        st = vn_doc_from_bytes(p, name, bytes, len, &d, &err);
        vn_free(bytes);
    } else {
        st = VN_EIO;
        snprintf(err.message, sizeof err.message, "%s", why);
    }
    vn_status rc = vn_archive_entry_new(&f, d, st, err.message, out);
    vn_doc_free(d);
    return rc;
}
