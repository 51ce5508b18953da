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

/* Fills or strokes one op (clipped to its clip path, if any) in cr's
 * current user space (mm) and source; round caps and joins are the
 * caller's to set, as a canting pen draws. */
void ct_draw_op(cairo_t *cr, const ct_op *op);

/* Rasterises a scene at `dpi` with the given ink colours (0xRRGGBB, cloth
 * first); the cell is rounded to whole pixels. */
canting_status ct_tile_from_scene(const ct_scene *scene, const unsigned *ink_rgb, size_t ninks, double dpi,
                                  const canting_limits *limits, canting_tile **out, canting_error *err);

/* A new tile of w x h pixels with `nplanes` ink planes, every coverage 0
 * and the composite not yet made.  CANTING_ELIMIT when a side exceeds what
 * cairo can hold (32767 px), CANTING_ENOMEM when memory runs out. */
canting_status ct_tile_new(uint32_t w, uint32_t h, size_t nplanes, canting_tile **out, canting_error *err);

/* Makes t's composite from its planes with the ink colours (0xRRGGBB, cloth
 * first, one more than t's planes). */
void ct_tile_composite(canting_tile *t, const unsigned *ink_rgb);

/* A unit made of images of one region of the motif cell (the fundamental
 * region of a wallpaper group).  Each image is drawn clipped to the region's
 * image; copies wrap around the unit only as far as the caller lists them,
 * so `maps` should include the images around the unit's edges (those that
 * miss the unit are skipped at no cost). */
typedef struct ct_tile_images {
    double unit_w_mm, unit_h_mm;  /* the unit; its pixel size is given apart */
    const cairo_matrix_t *maps;   /* cell mm (origin at the cell centre) -> unit mm (origin top-left) */
    size_t count;
    const double *region;         /* polygon in cell mm: x0, y0, x1, y1, ... */
    size_t region_points;         /* at least 3 */
} ct_tile_images;

/* Draws the scene's region under every map into a new w_px x h_px unit and
 * makes its composite.  Images are added, not laid over each other, so
 * where two images meet along an edge their antialiased coverages sum to a
 * whole pixel and no seam of cloth shows; the planes still partition each
 * pixel.  The unit's pixel count is checked against limits->max_pixels. */
canting_status ct_tile_from_images(const ct_scene *scene, const unsigned *ink_rgb, size_t ninks,
                                   const ct_tile_images *images, uint32_t w_px, uint32_t h_px,
                                   const canting_limits *limits, canting_tile **out, canting_error *err);

#endif
