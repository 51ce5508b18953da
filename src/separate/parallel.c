/* parallel.c: ct_parallel_for on pthreads, with an atomic job counter. */
#include "separate/parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#define MAX_THREADS 256

typedef struct pool {
    atomic_size_t next;
    size_t count;
    void (*job)(void *, size_t);
    void *ctx;
} pool;

static void *worker(void *arg)
{
    pool *p = arg;
    for (size_t i; (i = atomic_fetch_add(&p->next, 1)) < p->count;)
        p->job(p->ctx, i);
    return NULL;
}

unsigned ct_cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (unsigned)n;
}

void ct_parallel_for(size_t count, unsigned threads, void (*job)(void *ctx, size_t i), void *ctx)
{
    pool p = {.count = count, .job = job, .ctx = ctx};
    atomic_init(&p.next, 0);
    if (threads == 0)
        threads = ct_cpu_count();
    if (threads > MAX_THREADS)
        threads = MAX_THREADS;
    if (threads > count)
        threads = (unsigned)count;
    pthread_t ids[MAX_THREADS];
    unsigned started = 0;
    while (started + 1 < threads && pthread_create(&ids[started], NULL, worker, &p) == 0)
        started++;
    worker(&p);
    for (unsigned t = 0; t < started; t++)
        pthread_join(ids[t], NULL);
}
