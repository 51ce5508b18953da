/*
 * nearest.h: nearest-ink classification of RGB pixels in CIELAB, private to
 * libcanting.
 *
 * Each pixel gets the index of the ink with the smallest CIE 1976 colour
 * difference (dE76, Euclidean distance in L*a*b*, D65), compared squared in
 * float32.  Tie rule: the lowest ink index wins (a later ink must be
 * strictly nearer to take a pixel).  nearest.c holds the scalar reference
 * and the run-time choice; nearest_sse2.c and nearest_avx2.c compile one
 * vector body (nearest_simd.h) with their own flags.  Every kernel computes
 * each pixel's Lab with exactly the operations of ct_lab_from_rgb and the
 * distances with those of ct_lab_de2, so all of them agree byte for byte.
 */
#ifndef CANTING_NEAREST_H
#define CANTING_NEAREST_H

#include "canting.h"

#include <stddef.h>
#include <stdint.h>

/* The inks in Lab, as the kernels read them. */
typedef struct ct_ink_lab {
    size_t count;             /* 1 .. CANTING_MAX_INKS */
    float L[CANTING_MAX_INKS], a[CANTING_MAX_INKS], b[CANTING_MAX_INKS];
} ct_ink_lab;

/* Lab of each palette entry, by ct_lab_from_rgb. */
void ct_ink_lab_from_palette(const canting_palette *palette, ct_ink_lab *out);

/* Classifies n pixels (3 bytes each, any alignment) into n indices. */
typedef void (*ct_nearest_fn)(const uint8_t *rgb, size_t n, const ct_ink_lab *inks, uint8_t *index);

void ct_nearest_scalar(const uint8_t *rgb, size_t n, const ct_ink_lab *inks, uint8_t *index);
void ct_nearest_sse2(const uint8_t *rgb, size_t n, const ct_ink_lab *inks, uint8_t *index);
void ct_nearest_avx2(const uint8_t *rgb, size_t n, const ct_ink_lab *inks, uint8_t *index);

typedef struct ct_nearest_impl {
    const char *name;         /* "scalar", "sse2", "avx2" */
    ct_nearest_fn classify;
} ct_nearest_impl;

/* Every kernel this CPU runs, scalar first, less those named in
 * CANTING_DISABLE_SIMD (read as ct_span_select does); static, never NULL. */
const ct_nearest_impl *ct_nearest_available(size_t *count);

/* The fastest of ct_nearest_available. */
const ct_nearest_impl *ct_nearest_best(void);

/* Classifies `rows` rows of `width` pixels (row r at rgb + r * stride) into
 * index + r * index_stride, rows shared among up to `threads` threads (0: one
 * per online CPU; the result never depends on the count).  `kernel` NULL
 * means ct_nearest_best(). */
void ct_nearest_rows(const ct_nearest_impl *kernel, const uint8_t *rgb, size_t stride, uint32_t width, uint32_t rows,
                     const ct_ink_lab *inks, uint8_t *index, size_t index_stride, unsigned threads);

#endif
