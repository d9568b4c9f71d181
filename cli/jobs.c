/* -j N: each worker loads documents with its own pipeline; this thread
 * reports each one in turn (vn_cli_out_doc, as the sequential loop does;
 * the test archive.jobs compares their outputs byte for byte). */
#include <stdio.h>
#include <stdlib.h>

#include "cli/jobs.h"
#include "cli/pool.h"

struct jobs {
    struct vn_cli_out *out;
    const struct vn_pipeline_opts *po;
};

struct loaded {
    struct vn_doc *d;
    vn_status st;
    struct vn_error err;
};

static void *start(void *arg, unsigned id)
{
    (void)id;
    struct jobs *j = arg;
    struct vn_error err;
    struct vn_pipeline *p;
    return vn_pipeline_new(j->po, &p, &err) ? NULL : p;
}

static void stop(void *arg, void *state)
{
    (void)arg;
    vn_pipeline_free(state);
}

static void *work(void *arg, void *state, size_t task)
{
    struct jobs *j = arg;
    struct loaded *l = calloc(1, sizeof *l);
    if (l)
        l->st = vn_doc_load(state, j->out->cli->files[task], &l->d, &l->err);
    return l;
}

static void drop(void *arg, void *result)
{
    (void)arg;
    struct loaded *l = result;
    if (l)
        vn_doc_free(l->d);
    free(l);
}

static bool take(void *arg, size_t task, void *result)
{
    struct jobs *j = arg;
    struct loaded *l = result;
    const char *path = j->out->cli->files[task];
    if (!l) {
        struct vn_error err = {.code = VN_ENOMEM};
        vn_cli_out_doc(j->out, path, NULL, VN_ENOMEM, &err);
    } else {
        vn_cli_out_doc(j->out, path, l->d, l->st, &l->err);
    }
    drop(arg, l);
    return !j->out->out_failed;
}

int vn_run_jobs(struct vn_cli_out *o, const struct vn_pipeline_opts *po, unsigned jobs)
{
    struct jobs j = {.out = o, .po = po};
    struct vn_pool_job job = {.n_tasks = (size_t)o->cli->n_files, .workers = jobs, .start = start, .stop = stop,
                              .work = work, .take = take, .drop = drop, .arg = &j};
    return vn_pool_run(&job) < 0 ? -1 : 0;
}
