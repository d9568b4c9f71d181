/* The library's only way to say something outside its results: a line
 * handed to the caller's function, never a write to a stream. */
#include <stdarg.h>
#include <stdio.h>

#include "common/log.h"

void vn_logf(const struct vn_log *l, unsigned topic, const char *fmt, ...)
{
    if (!vn_log_on(l, topic))
        return;
    char line[VN_LOG_LINE_MAX];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    l->fn(l->user, topic, line);
}
