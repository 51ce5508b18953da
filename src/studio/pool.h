/* pool.h: a fixed pool of worker threads running jobs from a bounded queue,
 * so renders never run on the HTTP server's own thread. */
#ifndef CANTING_STUDIO_POOL_H
#define CANTING_STUDIO_POOL_H

#include <pthread.h>
#include <stddef.h>

typedef struct studio_job studio_job;
struct studio_job {
    /* Runs on a worker; `cancelled` is nonzero when the pool stopped before
     * the job started (it must still finish its request, quickly). */
    void (*run)(studio_job *job, int cancelled);
    studio_job *next;
};

typedef struct studio_pool {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    studio_job *head, *tail;
    size_t queued, max_queued;
    int stopping;
    int ready;       /* the lock and condition exist */
    pthread_t *threads;
    size_t nthreads;
} studio_pool;

/* Starts `nthreads` workers; at most `max_queued` jobs wait.  0 or -1. */
int studio_pool_start(studio_pool *pool, size_t nthreads, size_t max_queued);

/* Queues a job; -1 when the queue is full or the pool is stopping (the job
 * is then not run). */
int studio_pool_submit(studio_pool *pool, studio_job *job);

/* Jobs waiting in the queue run cancelled, running ones finish; then the
 * workers are joined.  Later submits are refused.  Safe to repeat, and on a
 * pool that never started. */
void studio_pool_stop(studio_pool *pool);

/* Stops the pool if need be and frees it; nothing may submit after this. */
void studio_pool_free(studio_pool *pool);

#endif
