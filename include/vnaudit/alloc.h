/* alloc: where the library's memory comes from (as cmark's cmark_mem).
 *
 * Every allocation the library makes goes through one allocator: the C
 * library's by default, or the one given to vn_set_allocator(). A test can
 * so make the nth allocation fail and check that every path ends in an
 * error status and frees what it took; an embedder can count or pool.
 * Memory that ICU, PCRE2, libxml2 and libzip allocate for themselves does
 * not go through it. */
#ifndef VNAUDIT_ALLOC_H
#define VNAUDIT_ALLOC_H

#include "vnaudit/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* calloc and realloc return NULL on failure, as the C library's do;
 * realloc(NULL, n) allocates and free(NULL) does nothing. */
struct vn_allocator {
    void *(*calloc)(size_t n, size_t size);
    void *(*realloc)(void *p, size_t size);
    void (*free)(void *p);
};

/* Sets the allocator of the whole process (NULL: the C library's again).
 * Call it before any other vn_ call, or when no vn_ object is alive: memory
 * is freed by the allocator that was set when it was allocated. Not
 * thread-safe. The struct is copied. */
VN_API void vn_set_allocator(const struct vn_allocator *a);

#ifdef __cplusplus
}
#endif

#endif
