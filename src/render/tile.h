/*
 * tile.h: the rasterised repeat cell.  Private to libcanting.
 */
#ifndef CANTING_TILE_H
#define CANTING_TILE_H

#include "motif/motif.h"

#include <cairo.h>

struct canting_tile {
    uint32_t width_px, height_px;
    size_t nplanes;               /* inks other than the cloth */
    cairo_surface_t **planes;     /* A8 coverage, plane p is ink p+1 */
    uint8_t *rgb;                 /* composite, 3 bytes a pixel */
    size_t rgb_stride;
};

/* Rasterises a scene at `dpi` with the given ink colours (0xRRGGBB, cloth
 * first); the cell is rounded to whole pixels. */
canting_status ct_tile_from_scene(const ct_scene *scene, const unsigned *ink_rgb, size_t ninks, double dpi,
                                  const canting_limits *limits, canting_tile **out, canting_error *err);

#endif
