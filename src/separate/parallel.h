/*
 * parallel.h: a plain parallel for over a few independent jobs, private to
 * libcanting.  The separation sinks use it for rows and for sheets.
 */
#ifndef CANTING_PARALLEL_H
#define CANTING_PARALLEL_H

#include <stddef.h>

/* Calls job(ctx, i) once for every i in 0 .. count-1, on up to `threads`
 * threads (0: one per online CPU), the caller's among them.  Jobs are taken
 * in order from a shared counter.  If a thread cannot be started its share
 * is done by the others, so the work never depends on the thread count. */
void ct_parallel_for(size_t count, unsigned threads, void (*job)(void *ctx, size_t i), void *ctx);

/* The number of online CPUs, at least 1. */
unsigned ct_cpu_count(void);

#endif
