/* The CLI's end of the library's log (include/vnaudit/log.h): the
 * environment variables VNAUDIT_TIMING, VNAUDIT_DEBUG_STRUCTURE and
 * VNAUDIT_DEBUG_RESTATE choose topics, and the lines go to stderr. */
#ifndef VN_CLI_LOG_H
#define VN_CLI_LOG_H

#include "vnaudit/log.h"

/* The log the environment asks for (fn NULL when it asks for nothing). */
struct vn_log vn_cli_log_from_env(void);

#endif
