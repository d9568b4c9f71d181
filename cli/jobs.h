/* -j N: documents read by N workers, each with its own pipeline, and
 * reported in input order on the calling thread (cli/output.h), so the
 * output is the same as with one. */
#ifndef VN_CLI_JOBS_H
#define VN_CLI_JOBS_H

#include "cli/output.h"

/* Reads o->cli->files on `jobs` workers made with `po` and reports each
 * through `o`. Returns -1 when no worker could start, else 0. */
int vn_run_jobs(struct vn_cli_out *o, const struct vn_pipeline_opts *po, unsigned jobs);

#endif
