/* Shared definitions: export macro, status codes, error details. */
#ifndef VNAUDIT_COMMON_H
#define VNAUDIT_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#include "vnaudit/version.h"

/* The public headers are plain C99 and C++11: attributes are only used where
 * the compiler has them. */
#if defined(VN_BUILDING_LIBRARY) && defined(__GNUC__)
#define VN_API __attribute__((visibility("default")))
#else
#define VN_API
#endif
#if defined(__GNUC__)
#define VN_NODISCARD __attribute__((warn_unused_result))
#else
#define VN_NODISCARD
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* System-level failures. Problems in a report's content (a malformed number,
 * an invalid date) are not errors: they are diagnostic records. */
typedef enum vn_status {
    VN_OK = 0,
    VN_ENOMEM,      /* an allocation failed */
    VN_EIO,         /* a file could not be opened or read */
    VN_ETOOBIG,     /* input exceeds a configured limit */
    VN_EENCODING,   /* input is not text in a supported encoding */
    VN_EOVERFLOW,   /* a number does not fit the exact representation */
    VN_ESYNTAX,     /* a string is not of the expected form */
    VN_EICU,        /* ICU reported a failure */
    VN_EREGEX,      /* PCRE2 failed to compile or hit a match limit */
    VN_EVOCAB,      /* a vocabulary table is malformed */
    VN_EINVAL,      /* a caller passed an invalid argument */
    VN_EUNSUPPORTED,/* a format vnaudit does not read (PDF, .doc, RTF, an image...) */
    VN_ENOTEXT,     /* the input is empty or holds no text */
    VN_EBUSY        /* a resource is held by another process (an archive being written) */
} vn_status;

VN_API const char *vn_strerror(vn_status s);
VN_API const char *vn_version(void);

/* Where and why an operation failed; filled by fallible functions that take
 * one (may be NULL). `offset` is a byte offset into the input as read. */
struct vn_error {
    vn_status code;
    size_t offset;
    size_t line;    /* 1-based, 0 when unknown */
    size_t col;     /* 1-based code points, 0 when unknown */
    char message[256];
};

#ifdef __cplusplus
}
#endif

#endif
