/*
 * util.h: errors, checked arithmetic and small helpers shared by every stage.
 * Private to libcanting.
 */
#ifndef CANTING_UTIL_H
#define CANTING_UTIL_H

#include "canting.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define CT_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define CT_PRINTF(fmt, args)
#endif

/* Records a failure in err (if not NULL) and returns status, so callers can
 * write `return ct_fail(err, CANTING_EARG, "...")`. */
canting_status ct_fail(canting_error *err, canting_status status, const char *fmt, ...) CT_PRINTF(3, 4);

/* The same for an error at a place in motif text. */
canting_status ct_fail_at(canting_error *err, canting_status status, const char *file, int line, int column,
                          const char *fmt, ...) CT_PRINTF(6, 7);
canting_status ct_vfail_at(canting_error *err, canting_status status, const char *file, int line, int column,
                           const char *fmt, va_list ap);

/* Clears err to "no error". */
void ct_error_clear(canting_error *err);

/* Overflow-checked size arithmetic: false when the result does not fit. */
bool ct_mul_size(size_t a, size_t b, size_t *out);
bool ct_add_size(size_t a, size_t b, size_t *out);

/* Allocation that every stage uses, so a test build can make the N-th one fail. */
void *ct_malloc(size_t size);
void *ct_calloc(size_t count, size_t size);
void *ct_realloc(void *ptr, size_t size);
void *ct_realloc_array(void *ptr, size_t count, size_t size);
char *ct_strdup(const char *s);
char *ct_strndup(const char *s, size_t n);
void ct_free(void *ptr);

#ifdef CANTING_FAULT_INJECTION
/* Only in a build with -DCANTING_FAULT_INJECTION (make check-fault): from
 * now on the n-th call of ct_malloc, ct_calloc or ct_realloc (counting from
 * 1; ct_strdup and ct_grow go through them) returns NULL, once; n <= 0 turns
 * failing off.  Also restarts the count. */
void ct_fault_fail_after(long n);

/* Allocations since the last ct_fault_fail_after. */
long ct_fault_allocations(void);

/* Blocks taken through ct_malloc, ct_calloc or ct_realloc and not yet given
 * to ct_free: back where it was after a job means the job leaked nothing. */
long ct_fault_live_blocks(void);
#endif

/* Which file something was read from, so an output never replaces its own
 * input (renaming a proof over the motif it came from would lose the motif). */
typedef struct ct_file_id {
    unsigned long long dev, ino;
    bool known;
} ct_file_id;

void ct_file_id_of_fd(int fd, ct_file_id *id);

/* True when `path` names the file `id` was taken from. */
bool ct_file_id_is_path(const ct_file_id *id, const char *path);

/* Writes the names of the members of `set` (bit i: item i, i < count),
 * separated by `sep`, into buf (always NUL-terminated); `none` when the set
 * is empty.  name_of(items, i) gives item i's name. */
void ct_join_names(char *buf, size_t size, uint64_t set, size_t count,
                   const char *(*name_of)(const void *items, size_t i), const void *items, const char *sep,
                   const char *none);

/* Grows *items (of `item_size` bytes each, *cap slots) to hold at least `need`. */
bool ct_grow(void **items, size_t *cap, size_t need, size_t item_size);

#endif
