/*
 * border.h: the border band at both ends of the cloth (a tumpal, a row of
 * siger), rasterised and turned to face the field.  Private to libcanting.
 */
#ifndef CANTING_BORDER_H
#define CANTING_BORDER_H

#include "render/tile.h"

/* Where the two bands go: along the short sides of the output. */
typedef enum ct_border_sides { CT_BORDER_LEFT_RIGHT, CT_BORDER_TOP_BOTTOM } ct_border_sides;

/* The two band tiles of motif m at `dpi`, for an output whose short sides
 * are `sides`: each tile is one step of its band, its base on the cloth's
 * edge and its points toward the field.  For LEFT_RIGHT the tiles are band
 * height wide and repeat downwards; for TOP_BOTTOM band height tall and
 * repeat across.  *first is the left (or top) band, *second the right (or
 * bottom).  CANTING_EARG when the motif has no border. */
canting_status ct_border_tiles(const canting_motif *m, double dpi, ct_border_sides sides, canting_tile **first,
                               canting_tile **second, canting_error *err);

#endif
