/* alloc.c: the one allocator of libcanting, and checked size arithmetic. */
#include "util/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef CANTING_FAULT_INJECTION
#include <stdatomic.h>

/* Allocations counted since the last ct_fault_fail_after, the one that is to
 * fail (0: none), and blocks taken but not yet given back.  Atomic because
 * the repeat engine's threads allocate too; a test that wants the same N to
 * hit the same call each time renders with one thread. */
static atomic_long allocations;
static atomic_long fail_at;
static atomic_long live;

void ct_fault_fail_after(long n)
{
    atomic_store(&allocations, 0);
    atomic_store(&fail_at, n > 0 ? n : 0);
}

long ct_fault_allocations(void)
{
    return atomic_load(&allocations);
}

long ct_fault_live_blocks(void)
{
    return atomic_load(&live);
}

/* Only the N-th allocation fails, not every one after it: each error path
 * must then survive its own clean-up allocating again. */
static bool fault_now(void)
{
    long n = atomic_fetch_add(&allocations, 1) + 1;
    return n == atomic_load(&fail_at);
}

static void *counted(void *block, long more)
{
    if (block)
        atomic_fetch_add(&live, more);
    return block;
}
#else
/* The normal build has no counters: these fold away. */
static inline bool fault_now(void)
{
    return false;
}

static inline void *counted(void *block, long more)
{
    (void)more;
    return block;
}
#endif

bool ct_mul_size(size_t a, size_t b, size_t *out)
{
    if (b != 0 && a > SIZE_MAX / b)
        return false;
    *out = a * b;
    return true;
}

bool ct_add_size(size_t a, size_t b, size_t *out)
{
    if (a > SIZE_MAX - b)
        return false;
    *out = a + b;
    return true;
}

void *ct_malloc(size_t size)
{
    if (fault_now())
        return NULL;
    return counted(malloc(size ? size : 1), 1);
}

void *ct_calloc(size_t count, size_t size)
{
    if (fault_now())
        return NULL;
    return counted(calloc(count ? count : 1, size ? size : 1), 1);
}

void *ct_realloc(void *ptr, size_t size)
{
    if (fault_now())
        return NULL;
    return counted(realloc(ptr, size ? size : 1), ptr ? 0 : 1);
}

void *ct_realloc_array(void *ptr, size_t count, size_t size)
{
    size_t bytes;
    if (!ct_mul_size(count, size, &bytes))
        return NULL;
    return ct_realloc(ptr, bytes);
}

void ct_free(void *ptr)
{
    if (ptr)
        counted(ptr, -1);
    free(ptr);
}

char *ct_strndup(const char *s, size_t n)
{
    char *copy = ct_malloc(n + 1);
    if (copy) {
        memcpy(copy, s, n);
        copy[n] = '\0';
    }
    return copy;
}

char *ct_strdup(const char *s)
{
    return ct_strndup(s, strlen(s));
}

bool ct_grow(void **items, size_t *cap, size_t need, size_t item_size)
{
    if (need <= *cap)
        return true;
    size_t new_cap = *cap ? *cap : 8;
    while (new_cap < need) {
        if (new_cap > SIZE_MAX / 2)
            return false;
        new_cap *= 2;
    }
    void *grown = ct_realloc_array(*items, new_cap, item_size);
    if (!grown)
        return false;
    *items = grown;
    *cap = new_cap;
    return true;
}
