/*
 * span.h: the repeat engine's hot kernel, private to libcanting.
 *
 * A span copy fills `dst_bytes` bytes of an output row from one row of a
 * repeat unit, wrapping around: dst[i] = src[(start + i) % src_bytes].
 * It works on bytes, so one kernel serves A8 planes, RGB and RGBA rows alike
 * (the caller passes start and lengths in bytes, multiples of its pixel size).
 *
 * span.c holds the scalar reference and the run-time choice; span_sse2.c and
 * span_avx2.c hold the SIMD versions, each compiled with only its own flag.
 */
#ifndef CANTING_SPAN_H
#define CANTING_SPAN_H

#include <stddef.h>
#include <stdint.h>

/* Requires src_bytes >= 1 and start < src_bytes; dst and src never overlap. */
typedef void (*ct_span_copy_fn)(uint8_t *dst, size_t dst_bytes, const uint8_t *src, size_t src_bytes,
                                size_t start);

void ct_span_copy_scalar(uint8_t *dst, size_t dst_bytes, const uint8_t *src, size_t src_bytes, size_t start);
void ct_span_copy_sse2(uint8_t *dst, size_t dst_bytes, const uint8_t *src, size_t src_bytes, size_t start);
void ct_span_copy_avx2(uint8_t *dst, size_t dst_bytes, const uint8_t *src, size_t src_bytes, size_t start);

typedef struct ct_span_impl {
    const char *name;    /* "scalar", "sse2", "avx2" */
    ct_span_copy_fn copy;
} ct_span_impl;

/* The best kernel this CPU runs, minus those named in the environment
 * variable CANTING_DISABLE_SIMD (e.g. "avx2" or "avx2 sse2"), so tests and
 * benchmarks can force the lower paths.  Thread-safe; never NULL. */
const ct_span_impl *ct_span_best(void);

/* Every kernel this CPU can run, scalar first; *count receives how many.
 * Kernels named in CANTING_DISABLE_SIMD are left out as if the CPU lacked
 * them (as pixman's PIXMAN_DISABLE does).  The array is static; never NULL. */
const ct_span_impl *ct_span_available(size_t *count);

/* Kernel bits, for the masks below. */
enum {
    CT_SPAN_SCALAR = 1u << 0,
    CT_SPAN_SSE2 = 1u << 1,
    CT_SPAN_AVX2 = 1u << 2
};

/* The kernels this CPU can run (CT_SPAN_* bits; scalar always set). */
unsigned ct_span_cpu_mask(void);

/* Pure: `cpu_mask` minus the kernels named in `disable_list`, a list of the
 * words "sse2", "avx2" or "all" separated by spaces or commas, any case.
 * Unknown words are ignored; NULL or "" disables nothing; the scalar kernel
 * is never removed.  This is how CANTING_DISABLE_SIMD is read. */
unsigned ct_span_select(const char *disable_list, unsigned cpu_mask);

#endif
