#include "common/alloc.h"
#include "common/buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void vn_buf_init(struct vn_buf *b, size_t max)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->max = max ? max : SIZE_MAX / 2;
}

void vn_buf_free(struct vn_buf *b)
{
    vn_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

vn_status vn_buf_reserve(struct vn_buf *b, size_t extra)
{
    if (extra > b->max || b->len > b->max - extra)
        return VN_ETOOBIG;
    size_t need = b->len + extra + 1;   /* room for a terminating NUL */
    if (need <= b->cap)
        return VN_OK;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = vn_realloc(b->data, cap);
    if (!p)
        return VN_ENOMEM;
    b->data = p;
    b->cap = cap;
    return VN_OK;
}

vn_status vn_buf_append(struct vn_buf *b, const void *p, size_t n)
{
    vn_status s = vn_buf_reserve(b, n);
    if (s)
        return s;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return VN_OK;
}

vn_status vn_buf_putc(struct vn_buf *b, char c)
{
    return vn_buf_append(b, &c, 1);
}

char *vn_buf_detach(struct vn_buf *b, size_t *len)
{
    if (!b->data && vn_buf_reserve(b, 0) != VN_OK)
        return NULL;
    char *p = b->data;
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}
