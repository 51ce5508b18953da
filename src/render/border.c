/* border.c: border bands, drawn upright once and turned to their sides. */
#include "render/border.h"
#include "util/util.h"

#include <string.h>

/* Where the pixel (x, y) of the turned tile comes from in the upright one. */
typedef enum turn { TURN_NONE, TURN_CLOCKWISE, TURN_ANTICLOCKWISE, TURN_HALF } turn;

static void source_of(turn t, uint32_t w, uint32_t h, uint32_t x, uint32_t y, uint32_t *sx, uint32_t *sy)
{
    switch (t) {
    case TURN_CLOCKWISE: *sx = y, *sy = h - 1 - x; break;         /* the band's top faces right */
    case TURN_ANTICLOCKWISE: *sx = w - 1 - y, *sy = x; break;     /* its top faces left */
    case TURN_HALF: *sx = w - 1 - x, *sy = h - 1 - y; break;      /* its top faces down */
    default: *sx = x, *sy = y;
    }
}

static canting_status turned(const canting_tile *up, turn t, canting_tile **out, canting_error *err)
{
    int quarter = t == TURN_CLOCKWISE || t == TURN_ANTICLOCKWISE;
    uint32_t w = quarter ? up->height_px : up->width_px, h = quarter ? up->width_px : up->height_px;
    canting_status st = ct_tile_new(w, h, up->nplanes, out, err);
    if (st != CANTING_OK)
        return st;
    size_t in_stride = (size_t)cairo_image_surface_get_stride(up->planes[0]);
    size_t out_stride = (size_t)cairo_image_surface_get_stride((*out)->planes[0]);
    for (uint32_t y = 0; y < h; y++) {
        for (uint32_t x = 0; x < w; x++) {
            uint32_t sx, sy;
            source_of(t, up->width_px, up->height_px, x, y, &sx, &sy);
            memcpy((*out)->rgb + (size_t)y * (*out)->rgb_stride + 3 * (size_t)x,
                   up->rgb + (size_t)sy * up->rgb_stride + 3 * (size_t)sx, 3);
            for (size_t p = 0; p < up->nplanes; p++)
                cairo_image_surface_get_data((*out)->planes[p])[(size_t)y * out_stride + x] =
                    cairo_image_surface_get_data(up->planes[p])[(size_t)sy * in_stride + sx];
        }
    }
    for (size_t p = 0; p < up->nplanes; p++)
        cairo_surface_mark_dirty((*out)->planes[p]);
    return CANTING_OK;
}

canting_status ct_border_tiles(const canting_motif *m, double dpi, ct_border_sides sides, canting_tile **first,
                               canting_tile **second, canting_error *err)
{
    *first = *second = NULL;
    if (!m->def->border)
        return ct_fail(err, CANTING_EARG, "motif '%s' has no border", m->def->name);
    ct_scene sc;
    canting_status st = ct_scene_build_part(m->def, m->overrides, m->noverrides, &m->limits, CT_PART_BORDER, &sc, err);
    if (st != CANTING_OK)
        return st;
    unsigned rgb[256];
    ct_motif_palette(m, rgb);
    canting_tile *up = NULL;
    st = ct_tile_from_scene(&sc, rgb, m->def->ninks, dpi, &m->limits, &up, err);
    ct_scene_free(&sc);
    /* The second band is the first turned half round; at most two tiles of a
     * large band are held at once.  Across the top and bottom the bottom
     * band is the upright tile itself. */
    if (st == CANTING_OK)
        st = turned(up, sides == CT_BORDER_LEFT_RIGHT ? TURN_CLOCKWISE : TURN_HALF, first, err);
    if (st == CANTING_OK && sides == CT_BORDER_TOP_BOTTOM) {
        *second = up;
        up = NULL;
    } else if (st == CANTING_OK) {
        canting_tile_free(up);
        up = NULL;
        st = turned(*first, TURN_HALF, second, err);
    }
    canting_tile_free(up);
    if (st != CANTING_OK) {
        canting_tile_free(*first);
        canting_tile_free(*second);
        *first = *second = NULL;
    }
    return st;
}
