/* A pool of worker threads over numbered tasks whose results are taken in
 * task order on the calling thread: N documents read at once, output (or
 * the database) written by one thread in input order. At most `window`
 * results wait to be taken, so memory stays bounded however many tasks. */
#ifndef VN_CLI_POOL_H
#define VN_CLI_POOL_H

#include <stdbool.h>
#include <stddef.h>

struct vn_pool_job {
    size_t n_tasks;
    unsigned workers;           /* >= 1 */
    size_t window;              /* results held at most; 0: 2 per worker */
    /* per-worker state, made and freed on the worker's thread; NULL: this
       worker could not start (the others go on) */
    void *(*start)(void *arg, unsigned worker);
    void (*stop)(void *arg, void *state);
    /* the result of a task, on a worker's thread */
    void *(*work)(void *arg, void *state, size_t task);
    /* a result, in task order, on the thread that called vn_pool_run;
       false stops the run (the results not taken are dropped) */
    bool (*take)(void *arg, size_t task, void *result);
    void (*drop)(void *arg, void *result);
    void *arg;
};

/* 0 when every task was taken; 1 when take() stopped the run; -1 when no
 * worker could start or no thread could be made. */
int vn_pool_run(const struct vn_pool_job *j);

#endif
