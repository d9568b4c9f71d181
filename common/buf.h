/* A growable byte buffer with a hard size cap (curl's dynbuf): appending
 * past the cap fails with VN_ETOOBIG instead of growing without bound. */
#ifndef VN_BUF_H
#define VN_BUF_H

#include <stddef.h>
#include "vnaudit/common.h"

struct vn_buf {
    char *data;
    size_t len, cap;
    size_t max;     /* 0: SIZE_MAX / 2 */
};

void vn_buf_init(struct vn_buf *b, size_t max);
void vn_buf_free(struct vn_buf *b);
VN_NODISCARD vn_status vn_buf_reserve(struct vn_buf *b, size_t extra);
VN_NODISCARD vn_status vn_buf_append(struct vn_buf *b, const void *p, size_t n);
VN_NODISCARD vn_status vn_buf_putc(struct vn_buf *b, char c);
/* Hands the (NUL-terminated) data to the caller, who frees it. */
char *vn_buf_detach(struct vn_buf *b, size_t *len);

#endif
