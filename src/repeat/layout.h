/*
 * layout.h: repeat layouts of a raster tile, private to libcanting.
 *
 * A ct_repeat holds the repeat unit of one tile in one layout, built once,
 * and produces any row of the endless repeated image on demand, so a sink
 * can stream an output of any height strip by strip.
 *
 * Coordinates: output pixel (0, 0) is tile pixel (0, 0); the tile is w x h.
 *   straight:  out(x, y) = tile(x mod w, y mod h)
 *   half-drop: c = floor(x / w), D = round(F * h):
 *              out(x, y) = tile(x mod w, (y - c*D) mod h)
 *   brick:     r = floor(y / h), B = round(F * w):
 *              out(x, y) = tile((x - r*B) mod w, y mod h)
 *   mirror:    a 2w x 2h unit; the tile copy in unit column i, row j is
 *              flipped left-right when i is odd and top-bottom when j is odd.
 * round() is C's (halves away from zero); "mod" is always non-negative.
 *
 * A ct_repeat is read-only once built: any number of threads may call
 * ct_repeat_row / ct_repeat_rows on the same one at once.
 */
#ifndef CANTING_REPEAT_LAYOUT_H
#define CANTING_REPEAT_LAYOUT_H

#include "canting.h"
#include "motif/layout.h"
#include "repeat/span.h"

#include <stddef.h>
#include <stdint.h>

typedef struct ct_repeat ct_repeat;

/* Knobs that tests and benchmarks turn; NULL means all defaults.  A zero
 * field means its default too. */
typedef struct ct_repeat_tuning {
    const ct_span_impl *kernel; /* span kernel; default ct_span_best() */
    size_t max_unit_bytes;      /* cap on a widened half-drop unit; default 64 MiB */
    size_t min_thread_bytes;    /* least output per thread in ct_repeat_rows; default 256 KiB */
} ct_repeat_tuning;

/* Builds the repeat of a tile of w x h pixels of `bpp` bytes (1, 3 or 4),
 * rows `stride` bytes apart (stride >= w * bpp).  The pixels are copied, so
 * the tile may be freed afterwards.  `fraction` is the drop (half-drop) or
 * shift (brick) as a share of the tile, in [0, 1]; straight and mirror
 * ignore it.  On success *out owns a new repeat (ct_repeat_free).
 * CANTING_EARG: NULL pointer, w or h 0, bad bpp, short stride, fraction not
 * in [0, 1].  CANTING_ENOMEM: allocation failed or the unit's size does not
 * fit in size_t.  On failure *out is NULL. */
canting_status ct_repeat_new(const uint8_t *tile, uint32_t w, uint32_t h, size_t stride, unsigned bpp,
                             ct_layout_kind layout, double fraction, ct_repeat **out);

/* ct_repeat_new with tuning (may be NULL). */
canting_status ct_repeat_new_tuned(const uint8_t *tile, uint32_t w, uint32_t h, size_t stride, unsigned bpp,
                                   ct_layout_kind layout, double fraction, const ct_repeat_tuning *tuning,
                                   ct_repeat **out);

/* Frees a repeat; NULL is allowed. */
void ct_repeat_free(ct_repeat *rep);

/* The rows after which the output repeats: row y equals row y + period for
 * every y (the unit's height, or more for a brick whose shift takes several
 * rows to come round).  0 for a NULL rep. */
uint64_t ct_repeat_period_rows(const ct_repeat *rep);

/* The columns after which every row repeats: out(x, y) = out(x + period, y). */
uint64_t ct_repeat_period_cols(const ct_repeat *rep);

/* Bytes per pixel of the repeat's output (the tile's bpp). */
unsigned ct_repeat_bpp(const ct_repeat *rep);

/* Fills dst with output row y: out_width_px pixels, out_width_px * bpp
 * bytes.  Any y is valid.  CANTING_EARG for a NULL rep, or a NULL dst with
 * out_width_px > 0; out_width_px 0 writes nothing. */
canting_status ct_repeat_row(const ct_repeat *rep, uint64_t y, uint8_t *dst, uint32_t out_width_px);

/* Fills `rows` output rows y0 .. y0+rows-1, row k at dst + k*dst_stride
 * (bytes between rows beyond out_width_px * bpp are left alone), using up
 * to `threads` threads, the caller's among them (0: one per online CPU).
 * Fewer threads are used when there is little work; if a thread cannot be
 * started its rows are done by the caller, so the result never depends on
 * the thread count.  CANTING_EARG: NULL rep, NULL dst with work to do,
 * dst_stride < out_width_px * bpp, or y0 + rows - 1 beyond UINT64_MAX. */
canting_status ct_repeat_rows(const ct_repeat *rep, uint64_t y0, uint32_t rows, uint8_t *dst, size_t dst_stride,
                              uint32_t out_width_px, unsigned threads);

#endif
