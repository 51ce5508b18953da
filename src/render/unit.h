/*
 * unit.h: the repeat unit of a layout, built once: the motif cell (or a
 * raster tile) under a wallpaper group's flips and turns, made into one
 * rectangle that the repeat engine then copies straight.  Private to
 * libcanting; docs/wallpaper.md draws every group.
 *
 * The cell is the group's fundamental region wherever that region can be a
 * rectangle.  Tile pixel (x, y) of a w x h cell; the unit is a grid of
 * cols x rows cell-sized blocks, block (i, j) at unit pixel (i*w, j*h),
 * each a copy of the cell seen through one of these pixel maps (unit pixel
 * (x, y) of the block takes cell pixel ...):
 *
 *     I   (x, y)             FX  (w-1-x, y)         flipped left-right
 *     R   (w-1-x, h-1-y)     FY  (x, h-1-y)         flipped top-bottom
 *     CW  (y, n-1-x)         CCW (n-1-y, x)         turned 90 deg clockwise / anticlockwise on screen
 *     D   (y, x)             AD  (n-1-y, n-1-x)     flipped over the main / the other diagonal
 *
 * (n = w = h for the last four, which need a square cell.)  Rows of blocks,
 * top to bottom, blocks left to right:
 *
 *     p1   1x1  I                 pmm  2x2  I FX / FY R
 *     p2   2x1  I R               pmg  2x2  I FX / R FY
 *     pm   2x1  I FX              pgg  2x2  I FY / FX R
 *     pg   1x2  I / FX            cmm  4x2  I R FY FX / FY FX I R
 *     cm   2x2  I FX / FX I       p4   2x2  I CW / CCW R
 *     p4m  2x2  I CW / CCW R, after folding the cell over its main diagonal:
 *               pixels below it (y > x) take the pixel across it (y, x)
 *     p4g  4x4  I CW D FX / CCW R FY AD / D FX I CW / FY AD CCW R
 *
 * straight, half-drop, brick and mirror are the engine's own: their unit is
 * the cell itself (1x1 I).
 *
 * The hexagonal groups (p3 p3m1 p31m p6 p6m) are drawn from a motif's
 * vector scene; see ct_unit_from_scene.
 */
#ifndef CANTING_RENDER_UNIT_H
#define CANTING_RENDER_UNIT_H

#include "render/tile.h"

#include <stddef.h>
#include <stdint.h>

/* The unit of `layout` for a motif, at `dpi`:
 *  - straight, half-drop, brick, mirror and p1: the cell tile, exactly as
 *    ct_tile_from_scene makes it (the engine lays out the first four);
 *  - the other groups with a rectangular or square lattice: the cell tile
 *    (shapes wrapping around its edges as usual) put through the block
 *    table above, so the unit equals what ct_unit_from_raster makes of the
 *    cell tile, pixel for pixel.  p4, p4m and p4g need a square cell
 *    (CANTING_EARG otherwise);
 *  - the hexagonal groups: the lattice spacing a is the cell's width (its
 *    height is not used); the unit is a x a*sqrt(3) with lattice points at
 *    its centre (where the cell's centre goes) and its corners, rounded to
 *    even pixel counts each way so that the centre falls on a pixel corner.
 *    The fundamental region is a wedge at the cell's centre, pointing up
 *    (see docs/wallpaper.md); the scene is clipped to it and drawn under
 *    each of the group's turns and mirrors about every lattice point.
 * Ink planes partition each pixel as in a cell tile.  CANTING_ELIMIT when
 * the unit exceeds limits->max_pixels or 32767 px a side. */
canting_status ct_unit_from_scene(const ct_scene *scene, const unsigned *ink_rgb, size_t ninks,
                                  ct_layout_kind layout, double dpi, const canting_limits *limits,
                                  canting_tile **out, canting_error *err);

/* Blocks across and down in the unit of a layout with a rectangular or
 * square lattice (1 x 1 for straight ... mirror); 0 x 0 for the hexagonal
 * groups and unknown layouts. */
void ct_unit_cells(ct_layout_kind layout, uint32_t *cols, uint32_t *rows);

/* Whether a w x h raster cell can make the unit of `layout`: CANTING_EARG
 * with a message for an unknown layout, a hexagonal group (it needs a
 * motif), or a group with quarter turns (p4, p4m, p4g) on a cell that is
 * not square.  `what` names the cell in messages ("tile", "cell"). */
canting_status ct_unit_check_cell(ct_layout_kind layout, uint32_t w, uint32_t h, const char *what,
                                  canting_error *err);

/* Builds the unit of `layout` from a w x h cell of `bpp` bytes a pixel,
 * rows `stride` bytes apart, into `unit` (cols*w x rows*h pixels, rows
 * `unit_stride` bytes apart).  The layout must have passed
 * ct_unit_check_cell; every unit pixel is a copy of one cell pixel. */
void ct_unit_fold(const uint8_t *cell, uint32_t w, uint32_t h, size_t stride, unsigned bpp, ct_layout_kind layout,
                  uint8_t *unit, size_t unit_stride);

/* One image of the motif cell in a unit, for drawing the unit as vectors:
 * `map` takes cell coordinates (mm, origin at the cell's centre) to unit
 * coordinates (mm, origin at the unit's top-left); the image shows the part
 * of the cell inside the polygon `clip` (cell coordinates), the cell's
 * shapes wrapped around its edges as in a cell tile when `wrap` is set. */
typedef struct ct_unit_image {
    cairo_matrix_t map;
    double clip[8];
    size_t clip_points;
    int wrap;
} ct_unit_image;

#define CT_UNIT_MAX_IMAGES 320

/* The images of a w x h mm cell that make the unit of a wallpaper group
 * (mirror counts as pmm), and the unit's size in mm.  Returns how many
 * (at most CT_UNIT_MAX_IMAGES); 0 for straight, half-drop and brick, which
 * are lattices of the cell itself.  The images do not overlap. */
size_t ct_unit_images(ct_layout_kind layout, double w, double h, double *unit_w, double *unit_h,
                      ct_unit_image *out);

#endif
