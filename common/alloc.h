/* The library's allocation calls, all through the allocator of
 * include/vnaudit/alloc.h. scripts/alloc_lint.sh keeps raw malloc, calloc,
 * realloc, free and strdup out of the library's sources. */
#ifndef VN_COMMON_ALLOC_H
#define VN_COMMON_ALLOC_H

#include <stddef.h>

#include "vnaudit/alloc.h"

extern struct vn_allocator vn_mem;

static inline void *vn_malloc(size_t n)
{
    return vn_mem.realloc(NULL, n ? n : 1);
}

static inline void *vn_calloc(size_t n, size_t size)
{
    return vn_mem.calloc(n ? n : 1, size ? size : 1);
}

static inline void *vn_realloc(void *p, size_t n)
{
    return vn_mem.realloc(p, n ? n : 1);
}

static inline void vn_free(void *p)
{
    vn_mem.free(p);
}

/* Room for `need` elements of `size` bytes in *p (capacity *cap, doubled
 * from 64): false when the size overflows or the allocation fails (*p is
 * then unchanged). */
bool vn_grow(void **p, size_t *cap, size_t need, size_t size) __attribute__((warn_unused_result));

/* Frees what the C library allocated itself (open_memstream's buffer),
 * which never came from the hook. */
void vn_libc_free(void *p);

/* Copies of a string (NUL-terminated), of at most n bytes of it. */
char *vn_strdup(const char *s);
char *vn_strndup(const char *s, size_t n);

#endif
