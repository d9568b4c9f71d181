/* Reading the environment and writing to stderr are the tool's business,
 * not the library's: the library only calls this function with a line. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/log.h"

static void to_stderr(void *user, unsigned topic, const char *line)
{
    (void)user;
    /* one fprintf per line: stdio locks the stream, so lines from the
       validator's two threads do not interleave */
    fprintf(stderr, "%s%s\n", topic == VN_LOG_TIMING ? "vnaudit: " : "", line);
}

struct vn_log vn_cli_log_from_env(void)
{
    struct vn_log log = {NULL, NULL, 0};
    if (getenv("VNAUDIT_TIMING"))
        log.topics |= VN_LOG_TIMING;
    if (getenv("VNAUDIT_DEBUG_STRUCTURE"))
        log.topics |= VN_LOG_DEBUG_STRUCTURE;
    if (getenv("VNAUDIT_DEBUG_RESTATE"))
        log.topics |= VN_LOG_DEBUG_RESTATE;
    if (log.topics)
        log.fn = to_stderr;
    return log;
}
