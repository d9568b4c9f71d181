/* extract and check with -j N: documents read on N threads, reports
 * written in input order by this thread (the same bytes as one thread). */
#ifndef VN_CLI_JOBS_H
#define VN_CLI_JOBS_H

#include "cli/options.h"

/* The batch of cli->files, as main.c's run() does it one by one; returns
 * the exit status. `want_color`: colours in the text format. */
int vn_run_jobs(const struct vn_cli *cli, unsigned jobs, unsigned threads, bool want_color);

#endif
