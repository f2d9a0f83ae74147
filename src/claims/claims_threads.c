/* SPDX-License-Identifier: MIT
 * claims_threads.c - the scratch memory of one thread of a claims run and
 * the loop that spreads the fits of the specification curve over threads
 * (pthreads). Each item's result depends only on its inputs, so the output
 * is the same for any number of threads.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "claims/claims_internal.h"

int cl_work_init(cl_work *w, size_t n_max)
{
    w->glm = ct_stats_glm_workspace_alloc(n_max);
    w->mk = ct_stats_mk_workspace_alloc(n_max);
    w->inter = cl_iws_alloc(n_max);
    if (w->glm == NULL || w->mk == NULL || w->inter == NULL) {
        cl_work_done(w);
        return CT_ENOMEM;
    }
    return CT_OK;
}

void cl_work_done(cl_work *w)
{
    ct_stats_glm_workspace_free(w->glm);
    ct_stats_mk_workspace_free(w->mk);
    cl_iws_free(w->inter);
    w->glm = NULL;
    w->mk = NULL;
    w->inter = NULL;
}

typedef struct pool {
    size_t n;                /* items                                      */
    atomic_size_t next;      /* the next item to hand out                  */
    void (*fn)(void *ctx, size_t i, cl_work *w);
    void *ctx;
} pool;

typedef struct worker {
    pool *p;
    cl_work *work;           /* this thread's own                          */
    pthread_t tid;
} worker;

static void *worker_main(void *arg)
{
    worker *k = arg;
    pool *p = k->p;
    size_t i;

    while ((i = atomic_fetch_add(&p->next, 1)) < p->n)
        p->fn(p->ctx, i, k->work);
    return NULL;
}

void cl_parallel(size_t n, size_t n_threads, cl_work *work,
                 void (*fn)(void *ctx, size_t i, cl_work *w), void *ctx)
{
    pool p;
    worker *k = NULL;
    size_t t, started = 0;

    p.n = n;
    atomic_init(&p.next, 0);
    p.fn = fn;
    p.ctx = ctx;
    if (n_threads > n)
        n_threads = n;
    if (n_threads > 1 && (k = calloc(n_threads, sizeof *k)) != NULL) {
        for (t = 1; t < n_threads; t++) {
            k[t].p = &p;
            k[t].work = &work[t];
            if (pthread_create(&k[t].tid, NULL, worker_main, &k[t]) != 0)
                break;
            started++;
        }
    }
    {
        worker self = {&p, &work[0], pthread_self()};
        worker_main(&self);
    }
    for (t = 1; t <= started; t++)
        pthread_join(k[t].tid, NULL);
    free(k);
}
