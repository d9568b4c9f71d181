/* -j N: each worker loads documents with its own pipeline; this thread
 * writes each one's report in turn through the one writer, exactly as
 * main.c's run() does for one thread (keep the two in step: the test
 * cli.jobs compares their outputs byte for byte). */
#include <stdio.h>
#include <stdlib.h>

#include "cli/jobs.h"
#include "cli/pool.h"
#include "vnaudit/vnaudit.h"

struct jobs {
    const struct vn_cli *cli;
    unsigned threads;
    struct vn_writer *w;
    struct vn_report_opts ro;
    int status;
    bool out_failed;
};

struct loaded {
    struct vn_doc *d;
    vn_status st;
    struct vn_error err;
};

static void *start(void *arg, unsigned id)
{
    struct jobs *j = arg;
    struct vn_pipeline_opts po = {.vocab_dir = j->cli->vocab_dir,
                                  .max_input_bytes = j->cli->max_input_bytes,
                                  .validate = j->cli->command == CMD_CHECK,
                                  .threads = j->threads};
    struct vn_error err;
    struct vn_pipeline *p;
    return vn_pipeline_new(&po, &p, &err) ? NULL : p;
}

static void stop(void *arg, void *state)
{
    vn_pipeline_free(state);
}

static void *work(void *arg, void *state, size_t task)
{
    struct jobs *j = arg;
    struct loaded *l = calloc(1, sizeof *l);
    if (l)
        l->st = vn_doc_load(state, j->cli->files[task], &l->d, &l->err);
    return l;
}

static void drop(void *arg, void *result)
{
    struct loaded *l = result;
    if (l)
        vn_doc_free(l->d);
    free(l);
}

static bool take(void *arg, size_t task, void *result)
{
    struct jobs *j = arg;
    struct loaded *l = result;
    const char *path = j->cli->files[task];
    if (!l) {
        fprintf(stderr, "vnaudit: %s: out of memory\n", path);
        j->status = 2;
        return true;
    }
    if (l->st) {
        fprintf(stderr, "vnaudit: %s: %s\n", path, l->err.message[0] ? l->err.message : vn_strerror(l->st));
        j->status = 2;
        j->ro.file_label = path;
        j->out_failed = vn_report_failed(j->w, &j->ro, l->err.message[0] ? l->err.message : vn_strerror(l->st)) !=
                        VN_OK;
    } else {
        struct vn_doc *d = l->d;
        j->ro.file_label = path;
        j->ro.raw = d->raw;
        j->out_failed = vn_report_write(j->w, &j->ro, d->records) != VN_OK;
        size_t errors = vn_doc_error_count(d) + vn_records_inconsistent_count(d->records);
        if (errors && d->raw->n_issues_total)
            fprintf(stderr, "vnaudit: %s: %zu encoding problem(s), first at byte offset %zu (line %zu)\n", path,
                    d->raw->n_issues_total, d->raw->issues[0].offset, d->raw->issues[0].line);
        if (errors && j->status == 0)
            j->status = 1;
    }
    drop(arg, l);
    return !j->out_failed;
}

int vn_run_jobs(const struct vn_cli *cli, unsigned jobs, unsigned threads, bool want_color)
{
    struct jobs j = {.cli = cli, .threads = threads};
    if (vn_writer_new(stdout, &j.w)) {
        fputs("vnaudit: out of memory\n", stderr);
        return 2;
    }
    j.ro = (struct vn_report_opts){.format = cli->format,
                                   .include_checks = cli->command == CMD_CHECK,
                                   .color = cli->format == VN_FMT_TEXT && want_color,
                                   .verbose = cli->verbose,
                                   .threads = threads};
    j.out_failed = vn_report_begin(j.w, &j.ro) != VN_OK;
    if (!j.out_failed) {
        struct vn_pool_job job = {.n_tasks = (size_t)cli->n_files, .workers = jobs, .start = start, .stop = stop,
                                  .work = work, .take = take, .drop = drop, .arg = &j};
        int rc = vn_pool_run(&job);
        if (rc < 0) {
            fputs("vnaudit: cannot start the workers\n", stderr);
            j.status = 2;
        }
    }
    if (!j.out_failed)
        j.out_failed = vn_report_end(j.w, &j.ro) != VN_OK;
    if (vn_writer_free(j.w) || j.out_failed) {
        fputs("vnaudit: error writing output\n", stderr);
        j.status = 2;
    }
    return j.status;
}
