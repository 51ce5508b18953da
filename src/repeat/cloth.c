/* cloth.c: the field and its border bands, row by row. */
#include "repeat/cloth.h"
#include "render/unit.h"
#include "util/util.h"

#include <math.h>

#include <string.h>

ct_pixels ct_tile_pixels(const canting_tile *tile, size_t channel)
{
    if (channel == 0)
        return (ct_pixels){tile->rgb, tile->width_px, tile->height_px, tile->rgb_stride, 3};
    cairo_surface_t *s = tile->planes[channel - 1];
    cairo_surface_flush(s);
    return (ct_pixels){cairo_image_surface_get_data(s), tile->width_px, tile->height_px,
                       (size_t)cairo_image_surface_get_stride(s), 1};
}

void ct_cloth_free(ct_cloth *c)
{
    ct_repeat_free(c->field);
    ct_repeat_free(c->band[0]);
    ct_repeat_free(c->band[1]);
    memset(c, 0, sizeof *c);
}

static canting_status repeat_of(const ct_pixels *p, ct_layout_kind engine, double fraction, ct_repeat **out,
                                canting_error *err)
{
    canting_status st = ct_repeat_new(p->px, p->w, p->h, p->stride, p->bpp, engine, fraction, out);
    return st == CANTING_OK ? st : ct_fail(err, st, "cannot build a repeat unit of %ux%u px", p->w, p->h);
}

canting_status ct_cloth_new(const ct_pixels *field, ct_layout_kind engine, double fraction, const ct_pixels *bands,
                            ct_border_sides sides, uint32_t width_px, uint32_t height_px, ct_cloth *out,
                            canting_error *err)
{
    memset(out, 0, sizeof *out);
    out->width_px = width_px;
    out->height_px = height_px;
    out->sides = sides;
    canting_status st = repeat_of(field, engine, fraction, &out->field, err);
    if (st == CANTING_OK && bands) {
        out->band_px = sides == CT_BORDER_LEFT_RIGHT ? bands[0].w : bands[0].h;
        if (2 * (uint64_t)out->band_px >= (sides == CT_BORDER_LEFT_RIGHT ? width_px : height_px))
            st = ct_fail(err, CANTING_ERANGE, "the border bands (%u px each) leave no room for the field",
                         out->band_px);
        for (int k = 0; k < 2 && st == CANTING_OK; k++)
            st = repeat_of(&bands[k], CT_LAYOUT_STRAIGHT, 0, &out->band[k], err);
    }
    if (st != CANTING_OK)
        ct_cloth_free(out);
    return st;
}

/* Bands down the sides: the field between them, each band over its end. */
static canting_status side_rows(const ct_cloth *c, uint64_t y, uint32_t rows, uint8_t *dst, size_t stride,
                                unsigned threads)
{
    size_t bpp = ct_repeat_bpp(c->field);
    uint32_t w = c->width_px, px = c->band_px;
    canting_status st = ct_repeat_rows(c->field, y, rows, dst + px * bpp, stride, w - 2 * px, threads);
    if (st == CANTING_OK)
        st = ct_repeat_rows(c->band[0], y, rows, dst, stride, px, 1);
    if (st == CANTING_OK)
        st = ct_repeat_rows(c->band[1], y, rows, dst + (w - px) * bpp, stride, px, 1);
    return st;
}

/* Bands across the top and bottom: each row is a band's or the field's. */
static canting_status end_rows(const ct_cloth *c, uint64_t y, uint32_t rows, uint8_t *dst, size_t stride)
{
    uint32_t h = c->height_px, px = c->band_px;
    canting_status st = CANTING_OK;
    for (uint32_t k = 0; st == CANTING_OK && k < rows; k++) {
        uint64_t row = y + k;
        uint8_t *out = dst + (size_t)k * stride;
        if (row < px)
            st = ct_repeat_row(c->band[0], row, out, c->width_px);
        else if (row >= h - px)
            st = ct_repeat_row(c->band[1], row - (h - px), out, c->width_px);
        else
            st = ct_repeat_row(c->field, row - px, out, c->width_px);
    }
    return st;
}

canting_status ct_cloth_rows(const ct_cloth *c, uint64_t y, uint32_t rows, uint8_t *dst, size_t stride,
                             unsigned threads)
{
    if (!c->band[0])
        return ct_repeat_rows(c->field, y, rows, dst, stride, c->width_px, threads);
    return c->sides == CT_BORDER_LEFT_RIGHT ? side_rows(c, y, rows, dst, stride, threads)
                                            : end_rows(c, y, rows, dst, stride);
}

static uint64_t gcd(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

uint64_t ct_cloth_period_rows(const ct_cloth *c)
{
    uint64_t p = ct_repeat_period_rows(c->field);
    if (!c->band[0])
        return p;
    if (c->sides == CT_BORDER_TOP_BOTTOM)
        return 0;
    uint64_t q = ct_repeat_period_rows(c->band[0]);
    return p / gcd(p, q) > UINT32_MAX / q ? 0 : p / gcd(p, q) * q;
}

/* ---- how a motif's cloth is laid out --------------------------------------- */

/* PNG allows 2^31-1 px a side. */
#define SIDE_MAX 0x7fffffffULL

/* The options' layout, or else the motif's (or straight for a raster). */
canting_status ct_layout_choose(const canting_render_options *o, ct_layout_kind own, double own_fraction,
                                    ct_layout_kind *layout, double *fraction, canting_error *err)
{
    *layout = own;
    *fraction = o->fraction >= 0 ? o->fraction : own_fraction;
    if (o->layout && ct_layout_parse(o->layout, layout) != CANTING_OK)
        return ct_fail(err, CANTING_EARG, "unknown layout '%s' (known: %s)", o->layout, ct_layout_list());
    if (!(*fraction >= 0 && *fraction <= 1))
        return ct_fail(err, CANTING_ERANGE, "a drop or shift is a share of the cell from 0 to 1, not %g", *fraction);
    return CANTING_OK;
}

/* The cloth: the options' size, or two units each way, in whole pixels. */
canting_status ct_cloth_size(double unit_w_mm, double unit_h_mm, const canting_render_options *o,
                                 uint64_t max_pixels, uint32_t *w, uint32_t *h, canting_error *err)
{
    uint64_t wpx = canting_mm_to_px(o->width_mm > 0 ? o->width_mm : 2 * unit_w_mm, o->dpi);
    uint64_t hpx = canting_mm_to_px(o->height_mm > 0 ? o->height_mm : 2 * unit_h_mm, o->dpi);
    if (wpx == 0 || hpx == 0)
        return ct_fail(err, CANTING_ERANGE, "the output would be less than one pixel");
    if (wpx > SIDE_MAX || hpx > SIDE_MAX || (double)wpx * (double)hpx > (double)max_pixels)
        return ct_fail(err, CANTING_ELIMIT,
                       "an output of %llux%llu px is more than the limit of %llu pixels; lower --dpi or --size",
                       (unsigned long long)wpx, (unsigned long long)hpx, (unsigned long long)max_pixels);
    *w = (uint32_t)wpx;
    *h = (uint32_t)hpx;
    return CANTING_OK;
}

static canting_status unit_of_scene(const canting_motif *m, const ct_scene *sc, ct_layout_kind layout, double dpi,
                                 canting_tile **tile, canting_error *err)
{
    unsigned rgb[256];
    ct_motif_palette(m, rgb);
    if (sc->cell_w_mm <= 0)
        return ct_fail_at(err, CANTING_ESYNTAX, m->def->file, 0, 0,
                          "motif '%s' has no 'repeat' line, so it can only be placed by other motifs with 'use'",
                          m->def->name);
    return ct_unit_from_scene(sc, rgb, m->def->ninks, layout, dpi, &m->limits, tile, err);
}

/* The unit tile of motif m in the options' layout (or its own), drawn for
 * the lattice it will be laid on.  Free the tile with canting_tile_free. */
canting_status ct_motif_unit_tile(const canting_motif *m, const canting_render_options *o, canting_tile **tile,
                                 ct_layout_kind *layout, double *fraction, canting_error *err)
{
    ct_scene sc;
    *tile = NULL;
    canting_status st = ct_motif_scene(m, &sc, err);
    if (st != CANTING_OK)
        return st;
    st = ct_layout_choose(o, sc.layout, sc.fraction, layout, fraction, err);
    sc.layout = *layout;
    sc.fraction = *fraction;
    if (st == CANTING_OK)
        st = unit_of_scene(m, &sc, *layout, o->dpi, tile, err);
    ct_scene_free(&sc);
    return st;
}

void ct_cloth_plan_free(ct_cloth_plan *p)
{
    canting_tile_free(p->unit);
    canting_tile_free(p->bands[0]);
    canting_tile_free(p->bands[1]);
    memset(p, 0, sizeof *p);
}

canting_status ct_cloth_plan_motif(const canting_motif *m, const canting_render_options *o, ct_cloth_plan *p,
                                   canting_error *err)
{
    memset(p, 0, sizeof *p);
    canting_status st = ct_motif_unit_tile(m, o, &p->unit, &p->layout, &p->fraction, err);
    if (st != CANTING_OK)
        return st;
    p->engine = p->layout <= CT_LAYOUT_MIRROR ? p->layout : CT_LAYOUT_STRAIGHT;
    double mm_per_px = 25.4 / o->dpi * (p->engine == CT_LAYOUT_MIRROR ? 2 : 1); /* mirror's unit is 2 x 2 tiles */
    st = ct_cloth_size(p->unit->width_px * mm_per_px, p->unit->height_px * mm_per_px, o, m->limits.max_pixels,
                    &p->width_px, &p->height_px, err);
    p->sides = p->width_px >= p->height_px ? CT_BORDER_LEFT_RIGHT : CT_BORDER_TOP_BOTTOM;
    if (st == CANTING_OK && m->def->border && !o->field_only)
        st = ct_border_tiles(m, o->dpi, p->sides, &p->bands[0], &p->bands[1], err);
    if (st != CANTING_OK)
        ct_cloth_plan_free(p);
    return st;
}

canting_status ct_cloth_plan_cloth(const ct_cloth_plan *p, size_t channel, ct_cloth *out, canting_error *err)
{
    ct_pixels field = ct_tile_pixels(p->unit, channel), bands[2];
    for (int k = 0; p->bands[0] && k < 2; k++)
        bands[k] = ct_tile_pixels(p->bands[k], channel);
    return ct_cloth_new(&field, p->engine, p->fraction, p->bands[0] ? bands : NULL, p->sides, p->width_px,
                        p->height_px, out, err);
}

