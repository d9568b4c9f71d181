/* SHA-256 (FIPS 180-4), for the archive's content key: a document already
 * stored with the same digest and tool version is not read again. Written
 * here rather than taken from a crypto library because it is a hash of a
 * file, not a security boundary, and this is all of it. */
#ifndef VN_ARCHIVE_SHA256_H
#define VN_ARCHIVE_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct vn_sha256 {
    uint32_t h[8];
    uint64_t n;             /* bytes hashed so far */
    unsigned char block[64];
    size_t fill;            /* bytes waiting in block */
};

void vn_sha256_init(struct vn_sha256 *s);
void vn_sha256_update(struct vn_sha256 *s, const void *data, size_t len);
/* Writes the digest as 64 lowercase hex digits and a NUL into hex[65]. */
void vn_sha256_hex(struct vn_sha256 *s, char hex[65]);

#endif
