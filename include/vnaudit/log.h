/* log: what the library can tell about its own work (stage timings, the
 * validator's view of a document's structure) for people tuning it.
 *
 * The library never reads the environment and never writes to stderr or
 * stdout: a caller that wants these lines asks for topics and gives a
 * function, in struct vn_pipeline_opts or with vn_validator_set_log(). */
#ifndef VNAUDIT_LOG_H
#define VNAUDIT_LOG_H

#include "vnaudit/common.h"

#ifdef __cplusplus
extern "C" {
#endif

enum vn_log_topic {
    VN_LOG_TIMING = 1u << 0,            /* wall and CPU time of each stage, per document */
    VN_LOG_DEBUG_STRUCTURE = 1u << 1,   /* the validator's tree of headings and named units */
    VN_LOG_DEBUG_RESTATE = 1u << 2      /* the tables the restatement rule read */
};

/* Called with one line of text (no newline, at most VN_LOG_LINE_MAX - 1
 * bytes, longer lines cut) and the topic it belongs to. It may be called
 * from a thread the library started (the validator's second thread), and
 * from two threads at once: it must be thread-safe. It must not call back
 * into the object that is logging. */
typedef void (*vn_log_fn)(void *user, unsigned topic, const char *line);
#define VN_LOG_LINE_MAX 512

struct vn_log {
    vn_log_fn fn;       /* NULL: nothing is logged (the default) */
    void *user;         /* passed to fn as it is */
    unsigned topics;    /* OR of enum vn_log_topic */
};

#ifdef __cplusplus
}
#endif

#endif
