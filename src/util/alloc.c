/* alloc.c: the one allocator of libcanting, and checked size arithmetic. */
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

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
    return malloc(size ? size : 1);
}

void *ct_calloc(size_t count, size_t size)
{
    return calloc(count ? count : 1, size ? size : 1);
}

void *ct_realloc(void *ptr, size_t size)
{
    return realloc(ptr, size ? size : 1);
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
