/*
 * cloth.h: the whole cloth as rows: the field repeated in its layout, and
 * the border bands over its two short ends.  One description for every
 * sink (the proof's RGB, each ink plane of a separation, a wax mask), so
 * they all lay the cloth out alike.  Private to libcanting.
 */
#ifndef CANTING_CLOTH_H
#define CANTING_CLOTH_H

#include "render/border.h"
#include "repeat/layout.h"

/* Pixels of a unit or a band tile: w x h of bpp bytes, rows stride apart. */
typedef struct ct_pixels {
    const uint8_t *px;
    uint32_t w, h;
    size_t stride;
    unsigned bpp;
} ct_pixels;

/* Channel 0 of a tile is its RGB composite (3 bytes a pixel), channel k its
 * ink plane k (1 byte). */
ct_pixels ct_tile_pixels(const canting_tile *tile, size_t channel);

typedef struct ct_cloth {
    ct_repeat *field;
    ct_repeat *band[2];           /* left/top and right/bottom; NULL without a border */
    ct_border_sides sides;
    uint32_t width_px, height_px;
    uint32_t band_px;             /* each band's height across the cloth */
} ct_cloth;

/* The field repeats `field` in the engine layout (straight, half-drop,
 * brick or mirror) from the cloth's corner, or from the end of the first
 * band; `bands` (NULL for none) are the two band tiles, each repeated
 * along its side.  CANTING_ERANGE when the bands leave no room. */
canting_status ct_cloth_new(const ct_pixels *field, ct_layout_kind engine, double fraction, const ct_pixels *bands,
                            ct_border_sides sides, uint32_t width_px, uint32_t height_px, ct_cloth *out,
                            canting_error *err);
void ct_cloth_free(ct_cloth *c);

/* Rows y .. y+rows-1 of the cloth into dst, `stride` bytes apart. */
canting_status ct_cloth_rows(const ct_cloth *c, uint64_t y, uint32_t rows, uint8_t *dst, size_t stride,
                             unsigned threads);

/* The rows after which the whole cloth repeats; 0 when it does not (bands
 * across the top and bottom). */
uint64_t ct_cloth_period_rows(const ct_cloth *c);

/* ---- how a motif's cloth is laid out ---------------------------------------- */

/* The options' layout and drop/shift, or else `own` (the motif's, or
 * straight for a raster tile); CANTING_EARG/ERANGE for bad ones. */
canting_status ct_layout_choose(const canting_render_options *o, ct_layout_kind own, double own_fraction,
                                ct_layout_kind *layout, double *fraction, canting_error *err);

/* The cloth's size: the options', or two units each way, in whole pixels;
 * CANTING_ELIMIT beyond max_pixels. */
canting_status ct_cloth_size(double unit_w_mm, double unit_h_mm, const canting_render_options *o, uint64_t max_pixels,
                             uint32_t *w, uint32_t *h, canting_error *err);

/* The unit tile of motif m in the options' layout (or its own), drawn for
 * the lattice it will be laid on.  Free the tile with canting_tile_free. */
canting_status ct_motif_unit_tile(const canting_motif *m, const canting_render_options *o, canting_tile **tile,
                                  ct_layout_kind *layout, double *fraction, canting_error *err);

/* How the proof of a motif lays out its cloth, for every sink that must lay
 * it out alike (the proof, separations, wax masks): the unit tile in its
 * layout, the border band tiles, and the cloth's size. */
typedef struct ct_cloth_plan {
    canting_tile *unit;           /* the field's unit, drawn for its lattice */
    canting_tile *bands[2];       /* the border bands, turned; NULL without a border or with field_only */
    ct_border_sides sides;
    ct_layout_kind layout;        /* as chosen: the options', else the motif's */
    ct_layout_kind engine;        /* what the repeat engine lays out */
    double fraction;
    uint32_t width_px, height_px;
} ct_cloth_plan;

canting_status ct_cloth_plan_motif(const canting_motif *m, const canting_render_options *o, ct_cloth_plan *plan,
                                   canting_error *err);
void ct_cloth_plan_free(ct_cloth_plan *plan);

/* The cloth of one channel of the plan's tiles: 0 the RGB composite, k ink
 * plane k.  Free with ct_cloth_free. */
canting_status ct_cloth_plan_cloth(const ct_cloth_plan *plan, size_t channel, ct_cloth *out, canting_error *err);

#endif
