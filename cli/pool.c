/* The ordered pool: workers claim the next task while fewer than `window`
 * results wait; the caller takes results in order. One mutex guards the
 * counters and slots; workers never touch another worker's state. */
#include <pthread.h>
#include <stdlib.h>

#include "cli/pool.h"

struct slot {
    bool done;
    void *result;
};

struct pool {
    const struct vn_pool_job *j;
    size_t window;
    struct slot *slots;
    pthread_mutex_t mu;
    pthread_cond_t done_cv, space_cv;
    size_t next_task;       /* the next task to claim */
    size_t next_take;       /* the next task to take */
    unsigned failed_starts;
    bool stop;
};

struct worker_arg {
    struct pool *p;
    unsigned id;
};

static void *worker(void *arg)
{
    struct worker_arg *wa = arg;
    struct pool *p = wa->p;
    const struct vn_pool_job *j = p->j;
    void *state = j->start(j->arg, wa->id);
    if (!state) {
        pthread_mutex_lock(&p->mu);
        p->failed_starts++;
        pthread_cond_broadcast(&p->done_cv);
        pthread_mutex_unlock(&p->mu);
        return NULL;
    }
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (!p->stop && p->next_task < j->n_tasks && p->next_task >= p->next_take + p->window)
            pthread_cond_wait(&p->space_cv, &p->mu);
        if (p->stop || p->next_task >= j->n_tasks) {
            pthread_mutex_unlock(&p->mu);
            break;
        }
        size_t task = p->next_task++;
        pthread_mutex_unlock(&p->mu);
        void *result = j->work(j->arg, state, task);
        pthread_mutex_lock(&p->mu);
        p->slots[task % p->window].result = result;
        p->slots[task % p->window].done = true;
        pthread_cond_broadcast(&p->done_cv);
        pthread_mutex_unlock(&p->mu);
    }
    j->stop(j->arg, state);
    return NULL;
}

int vn_pool_run(const struct vn_pool_job *j)
{
    struct pool p = {.j = j, .window = j->window ? j->window : 2 * (size_t)j->workers};
    if (p.window < j->workers)
        p.window = j->workers;
    p.slots = calloc(p.window, sizeof *p.slots);
    pthread_t *th = calloc(j->workers, sizeof *th);
    struct worker_arg *wa = calloc(j->workers, sizeof *wa);
    if (!p.slots || !th || !wa) {
        free(p.slots), free(th), free(wa);
        return -1;
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.done_cv, NULL);
    pthread_cond_init(&p.space_cv, NULL);
    unsigned started = 0;
    for (unsigned i = 0; i < j->workers; i++) {
        wa[i] = (struct worker_arg){&p, i};
        if (pthread_create(&th[started], NULL, worker, &wa[i]) != 0)
            break;
        started++;
    }
    int rc = started ? 0 : -1;
    for (size_t t = 0; rc == 0 && t < j->n_tasks; t++) {
        struct slot *s = &p.slots[t % p.window];
        pthread_mutex_lock(&p.mu);
        while (!s->done && p.failed_starts < started)
            pthread_cond_wait(&p.done_cv, &p.mu);
        if (!s->done) {
            pthread_mutex_unlock(&p.mu);
            rc = -1;    /* no worker could start */
            break;
        }
        void *result = s->result;
        s->done = false;
        s->result = NULL;
        p.next_take = t + 1;
        pthread_cond_broadcast(&p.space_cv);
        pthread_mutex_unlock(&p.mu);
        if (!j->take(j->arg, t, result))
            rc = 1;
    }
    pthread_mutex_lock(&p.mu);
    p.stop = true;
    pthread_cond_broadcast(&p.space_cv);
    pthread_mutex_unlock(&p.mu);
    for (unsigned i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    for (size_t i = 0; i < p.window; i++)
        if (p.slots[i].done && j->drop)
            j->drop(j->arg, p.slots[i].result);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.done_cv);
    pthread_cond_destroy(&p.space_cv);
    free(p.slots), free(th), free(wa);
    return rc;
}
