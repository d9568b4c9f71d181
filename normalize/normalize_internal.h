/* Private to normalize/: the per-line passes. */
#ifndef VN_NORMALIZE_INTERNAL_H
#define VN_NORMALIZE_INTERNAL_H

#include "common/buf.h"
#include "vnaudit/normalize.h"

/* Markup pass over one line (no '\n' inside): removes markdown emphasis
 * delimiters and LaTeX math wrappers; appends the result to out. Returns
 * the status and adds the number of delimiters removed to *removed. */
VN_NODISCARD vn_status vn_markup_strip_line(const char *s, size_t n, struct vn_buf *out, size_t *removed);

#endif
