/* pool.c: worker threads over a bounded FIFO of jobs. */
#include "studio/pool.h"

#include <signal.h>
#include <stdlib.h>

static studio_job *pop(studio_pool *pool)
{
    studio_job *job = pool->head;
    if (job) {
        pool->head = job->next;
        if (!pool->head)
            pool->tail = NULL;
        pool->queued--;
    }
    return job;
}

static void *worker(void *arg)
{
    studio_pool *pool = arg;
    pthread_mutex_lock(&pool->lock);
    for (;;) {
        while (!pool->head && !pool->stopping)
            pthread_cond_wait(&pool->wake, &pool->lock);
        studio_job *job = pop(pool);
        if (!job)
            break; /* stopping and nothing left */
        int cancelled = pool->stopping;
        pthread_mutex_unlock(&pool->lock);
        job->run(job, cancelled);
        pthread_mutex_lock(&pool->lock);
    }
    pthread_mutex_unlock(&pool->lock);
    return NULL;
}

int studio_pool_start(studio_pool *pool, size_t nthreads, size_t max_queued)
{
    *pool = (studio_pool){.max_queued = max_queued};
    if (pthread_mutex_init(&pool->lock, NULL) != 0)
        return -1;
    if (pthread_cond_init(&pool->wake, NULL) != 0) {
        pthread_mutex_destroy(&pool->lock);
        return -1;
    }
    pool->ready = 1;
    pool->threads = calloc(nthreads, sizeof *pool->threads);
    if (!pool->threads)
        return -1;
    /* Signals are left to the main thread, which waits for them. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    for (; pool->nthreads < nthreads; pool->nthreads++)
        if (pthread_create(&pool->threads[pool->nthreads], NULL, worker, pool) != 0)
            break;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return pool->nthreads == nthreads ? 0 : -1;
}

int studio_pool_submit(studio_pool *pool, studio_job *job)
{
    int ok = 0;
    pthread_mutex_lock(&pool->lock);
    if (!pool->stopping && pool->queued < pool->max_queued) {
        job->next = NULL;
        if (pool->tail)
            pool->tail->next = job;
        else
            pool->head = job;
        pool->tail = job;
        pool->queued++;
        pthread_cond_signal(&pool->wake);
        ok = 1;
    }
    pthread_mutex_unlock(&pool->lock);
    return ok ? 0 : -1;
}

void studio_pool_stop(studio_pool *pool)
{
    if (!pool->ready || pool->stopping)
        return;
    pthread_mutex_lock(&pool->lock);
    pool->stopping = 1;
    pthread_cond_broadcast(&pool->wake);
    pthread_mutex_unlock(&pool->lock);
    for (size_t i = 0; i < pool->nthreads; i++)
        pthread_join(pool->threads[i], NULL);
    free(pool->threads);
    pool->threads = NULL;
    pool->nthreads = 0;
}

void studio_pool_free(studio_pool *pool)
{
    studio_pool_stop(pool);
    if (pool->ready) {
        pthread_cond_destroy(&pool->wake);
        pthread_mutex_destroy(&pool->lock);
        pool->ready = 0;
    }
}
