/*
 * source.h: where separation sheets and wax masks get their pixels, strip by
 * strip: the ink coverages of every output pixel, cloth included, from a
 * motif's ink planes repeated by the repeat engine, or from raster art
 * classified to its nearest inks.  Private to libcanting.
 *
 * A strip holds, for `rows` output rows, one coverage plane per ink (ink 0
 * the cloth; the planes of a pixel sum to exactly 255) and/or the index of
 * each pixel's ink in the 1-bit partition: the ink with the largest
 * coverage, the cloth counting as 255 minus the others, ties to the lowest
 * index.  Raster art is classified outright, so its coverages are 0 or 255.
 */
#ifndef CANTING_SOURCE_H
#define CANTING_SOURCE_H

#include "canting.h"
#include "motif/layout.h"
#include "repeat/cloth.h"
#include "separate/nearest.h"


typedef struct ct_ink_strip {
    size_t ninks;
    uint32_t width, cap_rows;     /* pixels a row; rows the buffers hold */
    size_t plane_bytes;           /* width * cap_rows: plane i starts at cov + i * plane_bytes */
    uint8_t *cov;                 /* NULL unless coverages were asked for (or a motif needs them) */
    uint8_t *idx;                 /* width bytes a row */
    int want_cov, want_idx;
} ct_ink_strip;

typedef enum ct_source_kind { CT_SOURCE_MOTIF, CT_SOURCE_IMAGE } ct_source_kind;

typedef struct ct_ink_source {
    ct_source_kind kind;
    size_t ninks;
    uint32_t width_px, height_px;  /* the output */
    double dpi;
    ct_layout_kind layout;         /* motif: the layout asked for */
    double fraction;
    ct_cloth cloth[CANTING_MAX_INKS]; /* motif: the cloth of ink plane i, for i >= 1 */
    const canting_image *image;    /* raster art */
    ct_ink_lab lab;
} ct_ink_source;

/* The output of canting_render_file for the same options, as ink planes:
 * the same layout, unit, border bands and pixel size.  *src is released with
 * ct_ink_source_free even on failure. */
canting_status ct_ink_source_motif(const canting_motif *motif, const canting_render_options *o, ct_ink_source *src,
                                   canting_error *err);

/* Raster art classified to the palette's inks, at its own size. */
canting_status ct_ink_source_image(const canting_image *image, const canting_palette *inks, double dpi,
                                   ct_ink_source *src, canting_error *err);

void ct_ink_source_free(ct_ink_source *src);

/* Buffers for strips of up to cap_rows rows; free with ct_ink_strip_free. */
canting_status ct_ink_strip_alloc(const ct_ink_source *src, uint32_t cap_rows, int want_cov, int want_idx,
                                  ct_ink_strip *strip, canting_error *err);
void ct_ink_strip_free(ct_ink_strip *strip);

/* Fills rows y .. y+rows-1 (rows <= cap_rows) of what the strip wants. */
canting_status ct_ink_source_fill(const ct_ink_source *src, uint64_t y, uint32_t rows, ct_ink_strip *strip,
                                  unsigned threads, canting_error *err);

#endif
