/*
 * unit.h: the repeat unit of a wallpaper group made from a raster tile.
 * Private to libcanting.
 *
 * The tile is the group's fundamental region (p4m: the half of it on and
 * above its main diagonal), and the unit is the grid of flipped and turned
 * copies that src/render/unit.h tabulates: the same unit, pixel for pixel,
 * that a motif's cell tile makes.  Block (0, 0) is always the tile as it is
 * (p4m: folded), at the unit's top-left corner.
 */
#ifndef CANTING_REPEAT_UNIT_H
#define CANTING_REPEAT_UNIT_H

#include "canting.h"
#include "motif/layout.h"

#include <stddef.h>
#include <stdint.h>

/* Builds the unit of `layout` from a w x h tile of `bpp` bytes a pixel (1
 * to 4), rows `stride` bytes apart, into a new buffer *unit (free with
 * ct_free) of *unit_w x *unit_h pixels, rows *unit_stride = *unit_w * bpp
 * bytes apart; repeated straight it makes the group's pattern.  For
 * straight, half-drop, brick and mirror the unit is a copy of the tile (the
 * repeat engine lays those out).
 * CANTING_EARG: a NULL pointer, an empty tile, a bad bpp or short stride, an
 * unknown layout, a hexagonal group (p3 ... p6m: they need a motif), or a
 * group with quarter turns (p4, p4m, p4g) on a tile that is not square.
 * CANTING_ENOMEM: out of memory, or a unit whose size does not fit.
 * On failure *unit is NULL. */
canting_status ct_unit_from_raster(const uint8_t *pixels, uint32_t w, uint32_t h, size_t stride, unsigned bpp,
                                   ct_layout_kind layout, uint8_t **unit, uint32_t *unit_w, uint32_t *unit_h,
                                   size_t *unit_stride, canting_error *err);

#endif
