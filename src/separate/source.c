/* source.c: ink coverages of the output, strip by strip, from a motif or
 * from classified raster art. */
#include "separate/source.h"
#include "io/image_read.h"
#include "render/border.h"
#include "render/unit.h"
#include "repeat/layout.h"
#include "util/util.h"

#include <string.h>

/* PNG allows 2^31-1 px a side. */
#define SIDE_MAX 0x7fffffffULL

void ct_ink_source_free(ct_ink_source *src)
{
    for (size_t i = 0; i < CANTING_MAX_INKS; i++) {
        ct_repeat_free(src->planes[i]);
        ct_repeat_free(src->band[0][i]);
        ct_repeat_free(src->band[1][i]);
    }
    memset(src, 0, sizeof *src);
}

/* As canting_render_file chooses it: the options' layout, else the motif's. */
static canting_status pick_layout(const canting_render_options *o, const ct_scene *sc, ct_ink_source *src,
                                  canting_error *err)
{
    src->layout = sc->layout;
    src->fraction = o->fraction >= 0 ? o->fraction : sc->fraction;
    if (o->layout && ct_layout_parse(o->layout, &src->layout) != CANTING_OK)
        return ct_fail(err, CANTING_EARG, "unknown layout '%s' (known: %s)", o->layout, ct_layout_list());
    if (!(src->fraction >= 0 && src->fraction <= 1))
        return ct_fail(err, CANTING_ERANGE, "a drop or shift is a share of the cell from 0 to 1, not %g",
                       src->fraction);
    return CANTING_OK;
}

/* The proof's size: the options' or two units each way (mirror's unit is
 * 2 x 2 tiles), in whole pixels as canting_mm_to_px rounds them. */
static canting_status output_size(const canting_tile *tile, const canting_render_options *o, ct_layout_kind engine,
                                  uint64_t max_pixels, ct_ink_source *src, canting_error *err)
{
    double scale = engine == CT_LAYOUT_MIRROR ? 2 : 1;
    double unit_w_mm = scale * tile->width_px * 25.4 / o->dpi, unit_h_mm = scale * tile->height_px * 25.4 / o->dpi;
    uint64_t w = canting_mm_to_px(o->width_mm > 0 ? o->width_mm : 2 * unit_w_mm, o->dpi);
    uint64_t h = canting_mm_to_px(o->height_mm > 0 ? o->height_mm : 2 * unit_h_mm, o->dpi);
    if (w == 0 || h == 0)
        return ct_fail(err, CANTING_ERANGE, "the output would be less than one pixel");
    if (w > SIDE_MAX || h > SIDE_MAX || (double)w * (double)h > (double)max_pixels)
        return ct_fail(err, CANTING_ELIMIT,
                       "an output of %llux%llu px is more than the limit of %llu pixels; lower --dpi or --size",
                       (unsigned long long)w, (unsigned long long)h, (unsigned long long)max_pixels);
    src->width_px = (uint32_t)w;
    src->height_px = (uint32_t)h;
    return CANTING_OK;
}

/* One repeat per ink plane of a tile, into reps[1 ..]. */
static canting_status repeat_planes(const canting_tile *tile, ct_layout_kind engine, double fraction, size_t ninks,
                                    ct_repeat **reps, canting_error *err)
{
    if (tile->nplanes + 1 != ninks)
        return ct_fail(err, CANTING_ERENDER, "a tile has %zu ink planes, not %zu", tile->nplanes, ninks - 1);
    for (size_t p = 0; p < tile->nplanes; p++) {
        cairo_surface_t *s = tile->planes[p];
        cairo_surface_flush(s);
        canting_status st = ct_repeat_new(cairo_image_surface_get_data(s), tile->width_px, tile->height_px,
                                          (size_t)cairo_image_surface_get_stride(s), 1, engine, fraction, &reps[p + 1]);
        if (st != CANTING_OK)
            return ct_fail(err, st, "cannot build the repeat of ink plane %zu", p + 1);
    }
    return CANTING_OK;
}

/* The border bands at the two short ends of the cloth, as the proof puts
 * them (see canting_render_file): each band's planes repeated along it. */
static canting_status border_bands(const canting_motif *m, const canting_render_options *o, ct_ink_source *src,
                                   canting_error *err)
{
    canting_tile *tiles[2] = {NULL, NULL};
    src->band_sides = src->width_px >= src->height_px ? CT_BORDER_LEFT_RIGHT : CT_BORDER_TOP_BOTTOM;
    canting_status st = ct_border_tiles(m, o->dpi, (ct_border_sides)src->band_sides, &tiles[0], &tiles[1], err);
    if (st != CANTING_OK)
        return st;
    int across_x = src->band_sides == CT_BORDER_LEFT_RIGHT;
    src->band_px = across_x ? tiles[0]->width_px : tiles[0]->height_px;
    if (2 * (uint64_t)src->band_px >= (across_x ? src->width_px : src->height_px))
        st = ct_fail(err, CANTING_ERANGE, "the border bands (%u px each) leave no room for the field", src->band_px);
    for (int k = 0; k < 2 && st == CANTING_OK; k++)
        st = repeat_planes(tiles[k], CT_LAYOUT_STRAIGHT, 0, src->ninks, src->band[k], err);
    canting_tile_free(tiles[0]);
    canting_tile_free(tiles[1]);
    return st;
}

static canting_status motif_unit(const canting_motif *m, const canting_render_options *o, ct_ink_source *src,
                                 canting_tile **tile, canting_error *err)
{
    ct_scene sc;
    canting_status st = ct_motif_scene(m, &sc, err);
    if (st != CANTING_OK)
        return st;
    unsigned rgb[256];
    ct_motif_palette(m, rgb);
    st = pick_layout(o, &sc, src, err);
    sc.layout = src->layout; /* the cell is drawn for the lattice it is laid on */
    sc.fraction = src->fraction;
    if (st == CANTING_OK && sc.cell_w_mm <= 0)
        st = ct_fail_at(err, CANTING_ESYNTAX, m->def->file, 0, 0,
                        "motif '%s' has no 'repeat' line, so it can only be placed by other motifs with 'use'",
                        m->def->name);
    if (st == CANTING_OK)
        st = ct_unit_from_scene(&sc, rgb, m->def->ninks, src->layout, o->dpi, &m->limits, tile, err);
    ct_scene_free(&sc);
    return st;
}

canting_status ct_ink_source_motif(const canting_motif *m, const canting_render_options *o, ct_ink_source *src,
                                   canting_error *err)
{
    memset(src, 0, sizeof *src);
    src->kind = CT_SOURCE_MOTIF;
    src->ninks = m->def->ninks;
    src->dpi = o->dpi;
    if (src->ninks > CANTING_MAX_INKS)
        return ct_fail(err, CANTING_ELIMIT, "motif '%s' has %zu inks; separations handle at most %d",
                       m->def->name, src->ninks, CANTING_MAX_INKS);
    canting_tile *tile = NULL;
    canting_status st = motif_unit(m, o, src, &tile, err);
    ct_layout_kind engine = src->layout <= CT_LAYOUT_MIRROR ? src->layout : CT_LAYOUT_STRAIGHT;
    if (st == CANTING_OK)
        st = output_size(tile, o, engine, m->limits.max_pixels, src, err);
    if (st == CANTING_OK)
        st = repeat_planes(tile, engine, src->fraction, src->ninks, src->planes, err);
    if (st == CANTING_OK && m->def->border && !o->field_only)
        st = border_bands(m, o, src, err);
    canting_tile_free(tile);
    return st;
}

canting_status ct_ink_source_image(const canting_image *image, const canting_palette *inks, double dpi,
                                   ct_ink_source *src, canting_error *err)
{
    memset(src, 0, sizeof *src);
    src->kind = CT_SOURCE_IMAGE;
    if (inks->count < 1 || inks->count > CANTING_MAX_INKS)
        return ct_fail(err, CANTING_EARG, "a palette of 1 to %d inks is needed", CANTING_MAX_INKS);
    src->ninks = inks->count;
    src->width_px = image->width_px;
    src->height_px = image->height_px;
    src->dpi = dpi;
    src->image = image;
    ct_ink_lab_from_palette(inks, &src->lab);
    return CANTING_OK;
}

canting_status ct_ink_strip_alloc(const ct_ink_source *src, uint32_t cap_rows, int want_cov, int want_idx,
                                  ct_ink_strip *s, canting_error *err)
{
    memset(s, 0, sizeof *s);
    s->ninks = src->ninks;
    s->width = src->width_px;
    s->cap_rows = cap_rows;
    s->want_cov = want_cov;
    s->want_idx = want_idx;
    size_t cov_bytes;
    if (!ct_mul_size(src->width_px, cap_rows, &s->plane_bytes) || !ct_mul_size(s->plane_bytes, s->ninks, &cov_bytes))
        return ct_fail(err, CANTING_ELIMIT, "output too wide");
    int need_cov = want_cov || src->kind == CT_SOURCE_MOTIF;
    s->idx = ct_malloc(s->plane_bytes);
    s->cov = need_cov ? ct_malloc(cov_bytes) : NULL;
    if (!s->idx || (need_cov && !s->cov)) {
        ct_ink_strip_free(s);
        return ct_fail(err, CANTING_ENOMEM, "out of memory for a strip of %u px rows", src->width_px);
    }
    return CANTING_OK;
}

void ct_ink_strip_free(ct_ink_strip *s)
{
    ct_free(s->cov);
    ct_free(s->idx);
    s->cov = s->idx = NULL;
}

/* The cloth's plane is what the inks leave; then the partition, if wanted. */
static void cloth_and_partition(ct_ink_strip *s, size_t count)
{
    uint8_t *cloth = s->cov;
    for (size_t x = 0; x < count; x++) {
        unsigned sum = 0;
        for (size_t i = 1; i < s->ninks; i++)
            sum += s->cov[i * s->plane_bytes + x];
        cloth[x] = (uint8_t)(sum >= 255 ? 0 : 255 - sum);
    }
    if (!s->want_idx)
        return;
    for (size_t x = 0; x < count; x++) {
        uint8_t best = cloth[x], which = 0;
        for (size_t i = 1; i < s->ninks; i++) {
            uint8_t c = s->cov[i * s->plane_bytes + x];
            if (c > best) { /* strictly more: ties stay with the lower index */
                best = c;
                which = (uint8_t)i;
            }
        }
        s->idx[x] = which;
    }
}

/* Rows of plane i: the field, and the bands over its ends (as the proof). */
static canting_status plane_rows(const ct_ink_source *src, size_t i, uint64_t y, uint32_t rows, uint8_t *dst,
                                 unsigned threads)
{
    uint32_t w = src->width_px, h = src->height_px, px = src->band_px;
    if (!src->band[0][i])
        return ct_repeat_rows(src->planes[i], y, rows, dst, w, w, threads);
    if (src->band_sides == CT_BORDER_LEFT_RIGHT) {
        canting_status st = ct_repeat_rows(src->planes[i], y, rows, dst + px, w, w - 2 * px, threads);
        if (st == CANTING_OK)
            st = ct_repeat_rows(src->band[0][i], y, rows, dst, w, px, 1);
        return st == CANTING_OK ? ct_repeat_rows(src->band[1][i], y, rows, dst + (w - px), w, px, 1) : st;
    }
    canting_status st = CANTING_OK;
    for (uint32_t k = 0; st == CANTING_OK && k < rows; k++) {
        uint64_t row = y + k;
        if (row < px)
            st = ct_repeat_row(src->band[0][i], row, dst + (size_t)k * w, w);
        else if (row >= h - px)
            st = ct_repeat_row(src->band[1][i], row - (h - px), dst + (size_t)k * w, w);
        else
            st = ct_repeat_row(src->planes[i], row - px, dst + (size_t)k * w, w);
    }
    return st;
}

static canting_status fill_motif(const ct_ink_source *src, uint64_t y, uint32_t rows, ct_ink_strip *s,
                                 unsigned threads, canting_error *err)
{
    for (size_t i = 1; i < src->ninks; i++) {
        canting_status st = plane_rows(src, i, y, rows, s->cov + i * s->plane_bytes, threads);
        if (st != CANTING_OK)
            return ct_fail(err, st, "the repeat engine failed");
    }
    cloth_and_partition(s, (size_t)s->width * rows);
    return CANTING_OK;
}

static void fill_image(const ct_ink_source *src, uint64_t y, uint32_t rows, ct_ink_strip *s, unsigned threads)
{
    const canting_image *img = src->image;
    size_t count = (size_t)s->width * rows;
    ct_nearest_rows(NULL, img->rgb + (size_t)y * img->stride, img->stride, s->width, rows, &src->lab, s->idx,
                    s->width, threads);
    if (!s->want_cov)
        return;
    memset(s->cov, 0, s->plane_bytes * s->ninks);
    for (size_t x = 0; x < count; x++)
        s->cov[s->idx[x] * s->plane_bytes + x] = 255;
}

canting_status ct_ink_source_fill(const ct_ink_source *src, uint64_t y, uint32_t rows, ct_ink_strip *strip,
                                  unsigned threads, canting_error *err)
{
    if (rows > strip->cap_rows || y + rows > src->height_px)
        return ct_fail(err, CANTING_EARG, "strip out of range");
    if (src->kind == CT_SOURCE_MOTIF)
        return fill_motif(src, y, rows, strip, threads, err);
    fill_image(src, y, rows, strip, threads);
    return CANTING_OK;
}
