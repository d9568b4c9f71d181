/* Internal: lines for the caller's log function (include/vnaudit/log.h). */
#ifndef VN_COMMON_LOG_H
#define VN_COMMON_LOG_H

#include <stdbool.h>

#include "vnaudit/log.h"

static inline bool vn_log_on(const struct vn_log *l, unsigned topic)
{
    return l && l->fn && (l->topics & topic);
}

/* Formats one line and gives it to l->fn when the topic is asked for. */
void vn_logf(const struct vn_log *l, unsigned topic, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
