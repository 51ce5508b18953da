/*
 * nearest.c: the scalar nearest-ink kernel, which every SIMD kernel is
 * tested against byte for byte, the run-time choice of kernel, and rows
 * shared among threads.
 */
#include "separate/nearest.h"
#include "repeat/span.h"
#include "separate/lab.h"
#include "separate/parallel.h"

#include <pthread.h>
#include <stdlib.h>

/* Less work than this per thread does not pay for starting it. */
#define MIN_PIXELS_PER_JOB 32768

void ct_ink_lab_from_palette(const canting_palette *palette, ct_ink_lab *out)
{
    const float *lin = ct_lab_linear_table();
    out->count = palette->count;
    for (size_t k = 0; k < palette->count; k++) {
        float lab[3];
        ct_lab_from_rgb(lin, palette->rgb[k][0], palette->rgb[k][1], palette->rgb[k][2], lab);
        out->L[k] = lab[0];
        out->a[k] = lab[1];
        out->b[k] = lab[2];
    }
}

void ct_nearest_scalar(const uint8_t *rgb, size_t n, const ct_ink_lab *inks, uint8_t *index)
{
    const float *lin = ct_lab_linear_table();
    for (size_t i = 0; i < n; i++, rgb += 3) {
        float lab[3];
        ct_lab_from_rgb(lin, rgb[0], rgb[1], rgb[2], lab);
        float best = ct_lab_de2(lab[0], lab[1], lab[2], inks->L[0], inks->a[0], inks->b[0]);
        uint8_t which = 0;
        for (size_t k = 1; k < inks->count; k++) {
            float d = ct_lab_de2(lab[0], lab[1], lab[2], inks->L[k], inks->a[k], inks->b[k]);
            if (d < best) { /* strictly nearer: ties stay with the lower index */
                best = d;
                which = (uint8_t)k;
            }
        }
        index[i] = which;
    }
}

/* ---- run-time choice ------------------------------------------------------ */

static const ct_nearest_impl all_impls[] = {
    {"scalar", ct_nearest_scalar},
    {"sse2", ct_nearest_sse2},
    {"avx2", ct_nearest_avx2},
};
static const unsigned all_bits[] = {CT_SPAN_SCALAR, CT_SPAN_SSE2, CT_SPAN_AVX2};
#define IMPL_COUNT (sizeof all_impls / sizeof all_impls[0])

static ct_nearest_impl chosen[IMPL_COUNT];
static size_t chosen_count;
static pthread_once_t chosen_once = PTHREAD_ONCE_INIT;

/* The same CPU probe and CANTING_DISABLE_SIMD words as the span kernels. */
static void choose_once(void)
{
    unsigned mask = ct_span_select(getenv("CANTING_DISABLE_SIMD"), ct_span_cpu_mask());
    for (size_t i = 0; i < IMPL_COUNT; i++)
        if (mask & all_bits[i])
            chosen[chosen_count++] = all_impls[i];
}

const ct_nearest_impl *ct_nearest_available(size_t *count)
{
    pthread_once(&chosen_once, choose_once);
    if (count)
        *count = chosen_count;
    return chosen;
}

const ct_nearest_impl *ct_nearest_best(void)
{
    size_t count;
    const ct_nearest_impl *list = ct_nearest_available(&count);
    return &list[count - 1]; /* in rising order of speed */
}

/* ---- rows on threads ---------------------------------------------------------- */

typedef struct rows_job {
    ct_nearest_fn classify;
    const uint8_t *rgb;
    size_t stride;
    uint32_t width, rows, rows_per_job;
    const ct_ink_lab *inks;
    uint8_t *index;
    size_t index_stride;
} rows_job;

static void do_rows(void *ctx, size_t j)
{
    const rows_job *r = ctx;
    uint32_t y0 = (uint32_t)j * r->rows_per_job;
    uint32_t y1 = r->rows - y0 < r->rows_per_job ? r->rows : y0 + r->rows_per_job;
    for (uint32_t y = y0; y < y1; y++)
        r->classify(r->rgb + (size_t)y * r->stride, r->width, r->inks, r->index + (size_t)y * r->index_stride);
}

void ct_nearest_rows(const ct_nearest_impl *kernel, const uint8_t *rgb, size_t stride, uint32_t width, uint32_t rows,
                     const ct_ink_lab *inks, uint8_t *index, size_t index_stride, unsigned threads)
{
    if (rows == 0 || width == 0)
        return;
    if (threads == 0)
        threads = ct_cpu_count();
    /* A few bands per thread even out uneven cores; none below the minimum. */
    uint64_t per = (uint64_t)rows / ((uint64_t)threads * 4);
    uint64_t least = (MIN_PIXELS_PER_JOB + width - 1) / width;
    if (per < least)
        per = least;
    if (per > rows)
        per = rows;
    rows_job job = {(kernel ? kernel : ct_nearest_best())->classify, rgb, stride, width, rows, (uint32_t)per,
                    inks, index, index_stride};
    ct_parallel_for((rows + per - 1) / per, threads, do_rows, &job);
}
