/* The allocator every allocation of the library goes through (common/alloc.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"

struct vn_allocator vn_mem = {calloc, realloc, free};

void vn_set_allocator(const struct vn_allocator *a)
{
    if (a && a->calloc && a->realloc && a->free)
        vn_mem = *a;
    else
        vn_mem = (struct vn_allocator){calloc, realloc, free};
}

char *vn_strdup(const char *s)
{
    return vn_strndup(s, strlen(s));
}

char *vn_strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *d = vn_malloc(len + 1);
    if (!d)
        return NULL;
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

void vn_libc_free(void *p)
{
    free(p);
}

bool vn_grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return true;
    size_t nc = *cap ? *cap : 64;
    while (nc < need) {
        if (nc > SIZE_MAX / 2)
            return false;
        nc *= 2;
    }
    if (nc > SIZE_MAX / size)
        return false;
    void *t = vn_realloc(*p, nc * size);
    if (!t)
        return false;
    *p = t;
    *cap = nc;
    return true;
}
