/* The report of one batch, document by document: shared by the sequential
 * loop (main.c) and the -j workers (jobs.c), so both write the same bytes. */
#ifndef VN_CLI_OUTPUT_H
#define VN_CLI_OUTPUT_H

#include "cli/options.h"
#include "vnaudit/vnaudit.h"

struct vn_cli_out {
    const struct vn_cli *cli;
    struct vn_policy *policy;           /* which findings, at which level (triage collects a baseline in it) */
    struct vn_writer *w;
    struct vn_report_opts ro;
    int status;                         /* the exit status so far */
    bool out_failed;                    /* a write failed: stop */
};

/* Reports one input: its records through the policy, or (st != VN_OK) why it
 * could not be read, on stderr and in the report. `d` stays the caller's. */
void vn_cli_out_doc(struct vn_cli_out *o, const char *path, const struct vn_doc *d, vn_status st,
                    const struct vn_error *err);

#endif
