/* tile.c: one repeat cell rasterised with cairo into one coverage plane per
 * ink, and the composite of those planes over the cloth. */
#include "render/tile.h"
#include "util/util.h"

#include <math.h>
#include <string.h>

/* cairo's image surfaces are limited to 32767 pixels a side. */
#define MAX_SIDE_PX 32767

static void tile_release(canting_tile *t)
{
    for (size_t i = 0; t->planes && i < t->nplanes; i++)
        cairo_surface_destroy(t->planes[i]);
    ct_free(t->planes);
    ct_free(t->rgb);
    ct_free(t);
}

void canting_tile_free(canting_tile *tile)
{
    if (tile)
        tile_release(tile);
}

static canting_status cell_pixels(double cell_mm, double dpi, uint32_t *out, canting_error *err)
{
    double px = round(cell_mm * dpi / 25.4);
    if (px < 1)
        px = 1;
    if (px > MAX_SIDE_PX)
        return ct_fail(err, CANTING_ELIMIT, "the repeat cell is %.0f px at %g dpi; at most %d px a side", px, dpi,
                       MAX_SIDE_PX);
    *out = (uint32_t)px;
    return CANTING_OK;
}

/* The offsets k (in whole cells) at which an op spanning [lo, hi] (cell
 * coordinates, 0 at the cell's left edge) still touches [0, size]: shapes
 * that cross the cell's edge come back in on the other side. */
static void wrap_range(double lo, double hi, double size, double pad, long *first, long *last)
{
    *first = (long)floor((-hi - pad) / size) + 1;
    *last = (long)ceil((size - lo + pad) / size) - 1;
}

/* Confines what follows to the op's regions: its own clip (an isen or a
 * gradasi band) and every enclosing `clip` or island; cairo intersects them. */
static void clip_op(cairo_t *cr, const ct_op *op)
{
    for (const ct_clip *c = op->within; c; c = c->parent) {
        cairo_new_path(cr);
        cairo_append_path(cr, c->path);
        cairo_clip(cr);
    }
    if (op->clip) {
        cairo_new_path(cr);
        cairo_append_path(cr, op->clip);
        cairo_clip(cr);
    }
}

void ct_draw_op(cairo_t *cr, const ct_op *op)
{
    int clipped = op->clip || op->within;
    if (clipped) {
        cairo_save(cr);
        clip_op(cr, op);
    }
    cairo_new_path(cr);
    cairo_append_path(cr, op->path);
    if (op->kind == OP_FILL) {
        cairo_fill(cr);
    } else {
        cairo_set_line_width(cr, op->width_mm);
        cairo_stroke(cr);
    }
    if (clipped)
        cairo_restore(cr);
}

/* The lattice the cell repeats on, in mm: copies of a shape stand at
 * (kx*w + ky*shift, ky*h + kx*drop).  A half-drop's next column is `drop`
 * lower and a brick's next row `shift` to the right, so a shape leaving the
 * cell comes back in where that neighbour puts it, not straight across. */
typedef struct lattice {
    double w, h, drop, shift;
} lattice;

static lattice lattice_of(const ct_scene *sc, uint32_t w_px, uint32_t h_px)
{
    lattice l = {sc->cell_w_mm, sc->cell_h_mm, 0, 0};
    /* the same whole pixels the repeat engine shifts by */
    if (sc->layout == CT_LAYOUT_HALF_DROP)
        l.drop = fmod(round(sc->fraction * h_px), h_px) * sc->cell_h_mm / h_px;
    if (sc->layout == CT_LAYOUT_BRICK)
        l.shift = fmod(round(sc->fraction * w_px), w_px) * sc->cell_w_mm / w_px;
    return l;
}

static void draw_at(cairo_t *cr, const ct_op *op, double sx, double sy, double dx, double dy)
{
    cairo_identity_matrix(cr);
    cairo_scale(cr, sx, sy);
    cairo_translate(cr, dx, dy);
    ct_draw_op(cr, op);
}

/* Every copy of op on the lattice that touches the cell.  Cell coordinates
 * have 0 at the cell's top-left corner; the scene's origin is its centre. */
static void draw_copies(cairo_t *cr, const ct_op *op, const lattice *l, double sx, double sy)
{
    double x0 = op->x0 + l->w / 2, x1 = op->x1 + l->w / 2, y0 = op->y0 + l->h / 2, y1 = op->y1 + l->h / 2;
    double pad_x = 2 / sx, pad_y = 2 / sy;
    long a0, a1, b0, b1;
    if (l->shift != 0) {
        wrap_range(y0, y1, l->h, pad_y, &b0, &b1);
        for (long ky = b0; ky <= b1; ky++) {
            wrap_range(x0 + ky * l->shift, x1 + ky * l->shift, l->w, pad_x, &a0, &a1);
            for (long kx = a0; kx <= a1; kx++)
                draw_at(cr, op, sx, sy, l->w / 2 + kx * l->w + ky * l->shift, l->h / 2 + ky * l->h);
        }
        return;
    }
    wrap_range(x0, x1, l->w, pad_x, &a0, &a1);
    for (long kx = a0; kx <= a1; kx++) {
        wrap_range(y0 + kx * l->drop, y1 + kx * l->drop, l->h, pad_y, &b0, &b1);
        for (long ky = b0; ky <= b1; ky++)
            draw_at(cr, op, sx, sy, l->w / 2 + kx * l->w, l->h / 2 + ky * l->h + kx * l->drop);
    }
}

/* Draws every op on the plane of `ink`: that ink's ops add coverage, every
 * other ink's ops (and the cloth's) knock it out, so the planes partition
 * each pixel the way dyed cloth does. */
static canting_status draw_plane(cairo_surface_t *plane, size_t ink, const ct_scene *sc, uint32_t w_px,
                                 uint32_t h_px)
{
    cairo_t *cr = cairo_create(plane);
    double sx = w_px / sc->cell_w_mm, sy = h_px / sc->cell_h_mm;
    lattice l = lattice_of(sc, w_px, h_px);
    cairo_set_source_rgba(cr, 0, 0, 0, 1);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (size_t i = 0; i < sc->count; i++) {
        cairo_set_operator(cr, sc->ops[i].ink == ink ? CAIRO_OPERATOR_OVER : CAIRO_OPERATOR_DEST_OUT);
        draw_copies(cr, &sc->ops[i], &l, sx, sy);
    }
    cairo_status_t cs = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_flush(plane);
    return cs == CAIRO_STATUS_SUCCESS ? CANTING_OK : CANTING_ERENDER;
}

/* Wrapping a shape many times over (a line across a hundred cells) is
 * refused rather than drawn a hundred-squared times. */
static canting_status check_wraps(const ct_scene *sc, const canting_limits *limits, canting_error *err)
{
    double total = 0;
    for (size_t i = 0; i < sc->count; i++) {
        const ct_op *op = &sc->ops[i];
        total += (floor((op->x1 - op->x0) / sc->cell_w_mm) + 2) * (floor((op->y1 - op->y0) / sc->cell_h_mm) + 2);
    }
    if (total > 4.0 * (double)limits->max_elements)
        return ct_fail(err, CANTING_ELIMIT, "shapes span too many repeat cells (%.0f copies to draw)", total);
    return CANTING_OK;
}

/* Each pixel: the inks' coverages weight their colours and the cloth takes
 * what is left, so the composite is exactly the sum of the planes. */
void ct_tile_composite(canting_tile *t, const unsigned *rgb)
{
    size_t stride = (size_t)cairo_image_surface_get_stride(t->planes[0]);
    const uint8_t *data[256];
    for (size_t p = 0; p < t->nplanes; p++)
        data[p] = cairo_image_surface_get_data(t->planes[p]);
    for (uint32_t y = 0; y < t->height_px; y++) {
        uint8_t *out = t->rgb + (size_t)y * t->rgb_stride;
        for (uint32_t x = 0; x < t->width_px; x++) {
            unsigned acc[3] = {0, 0, 0}, total = 0;
            for (size_t p = 0; p < t->nplanes; p++) {
                unsigned a = data[p][(size_t)y * stride + x];
                total += a;
                for (int c = 0; c < 3; c++)
                    acc[c] += a * ((rgb[p + 1] >> (16 - 8 * c)) & 0xff);
            }
            unsigned cloth = total >= 255 ? 0 : 255 - total;
            for (int c = 0; c < 3; c++)
                out[3 * x + c] = (uint8_t)((acc[c] + cloth * ((rgb[0] >> (16 - 8 * c)) & 0xff) + 127) / 255);
        }
    }
}

static canting_status make_planes(canting_tile *t, canting_error *err)
{
    t->planes = ct_calloc(t->nplanes, sizeof *t->planes);
    size_t bytes;
    t->rgb_stride = (size_t)t->width_px * 3;
    if (!t->planes || !ct_mul_size(t->rgb_stride, t->height_px, &bytes) || !(t->rgb = ct_malloc(bytes)))
        return ct_fail(err, CANTING_ENOMEM, "out of memory for a %ux%u tile", t->width_px, t->height_px);
    for (size_t p = 0; p < t->nplanes; p++) {
        t->planes[p] = cairo_image_surface_create(CAIRO_FORMAT_A8, (int)t->width_px, (int)t->height_px);
        if (cairo_surface_status(t->planes[p]) != CAIRO_STATUS_SUCCESS)
            return ct_fail(err, CANTING_ENOMEM, "out of memory for a %ux%u tile", t->width_px, t->height_px);
    }
    return CANTING_OK;
}

canting_status ct_tile_from_scene(const ct_scene *sc, const unsigned *ink_rgb, size_t ninks, double dpi,
                                  const canting_limits *limits, canting_tile **out, canting_error *err)
{
    *out = NULL;
    if (ninks < 2 || ninks > 256)
        return ct_fail(err, CANTING_EARG, "a tile needs 2 to 256 inks");
    canting_tile *t = ct_calloc(1, sizeof *t);
    if (!t)
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    t->nplanes = ninks - 1;
    canting_status st = cell_pixels(sc->cell_w_mm, dpi, &t->width_px, err);
    if (st == CANTING_OK)
        st = cell_pixels(sc->cell_h_mm, dpi, &t->height_px, err);
    if (st == CANTING_OK && (uint64_t)t->width_px * t->height_px > limits->max_tile_pixels)
        st = ct_fail(err, CANTING_ELIMIT, "the repeat cell is %ux%u px, more than the pixel limit", t->width_px,
                     t->height_px);
    if (st == CANTING_OK)
        st = check_wraps(sc, limits, err);
    if (st == CANTING_OK)
        st = make_planes(t, err);
    for (size_t p = 0; st == CANTING_OK && p < t->nplanes; p++)
        if ((st = draw_plane(t->planes[p], p + 1, sc, t->width_px, t->height_px)) != CANTING_OK)
            ct_fail(err, st, "cairo failed while drawing the tile");
    if (st != CANTING_OK) {
        tile_release(t);
        return st;
    }
    ct_tile_composite(t, ink_rgb);
    *out = t;
    return CANTING_OK;
}

canting_status ct_tile_new(uint32_t w, uint32_t h, size_t nplanes, canting_tile **out, canting_error *err)
{
    *out = NULL;
    if (w < 1 || h < 1 || nplanes < 1 || nplanes > 255)
        return ct_fail(err, CANTING_EARG, "a tile needs a size and 1 to 255 ink planes");
    if (w > MAX_SIDE_PX || h > MAX_SIDE_PX)
        return ct_fail(err, CANTING_ELIMIT, "the repeat unit is %ux%u px; at most %d px a side", w, h,
                       MAX_SIDE_PX);
    canting_tile *t = ct_calloc(1, sizeof *t);
    if (!t)
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    t->width_px = w;
    t->height_px = h;
    t->nplanes = nplanes;
    canting_status st = make_planes(t, err);
    if (st != CANTING_OK) {
        tile_release(t);
        return st;
    }
    *out = t;
    return CANTING_OK;
}

/* ---- units made of images of a region ------------------------------------- */

/* The region's bounding box [x0, y0, x1, y1] after `m` (cell mm to device). */
static void region_box(const ct_tile_images *im, const cairo_matrix_t *m, double box[4])
{
    box[0] = box[1] = HUGE_VAL;
    box[2] = box[3] = -HUGE_VAL;
    for (size_t i = 0; i < im->region_points; i++) {
        double x = im->region[2 * i], y = im->region[2 * i + 1];
        if (m)
            cairo_matrix_transform_point(m, &x, &y);
        box[0] = fmin(box[0], x);
        box[1] = fmin(box[1], y);
        box[2] = fmax(box[2], x);
        box[3] = fmax(box[3], y);
    }
}

static int op_meets_box(const ct_op *op, const double box[4], double pad)
{
    return op->x1 >= box[0] - pad && op->x0 <= box[2] + pad && op->y1 >= box[1] - pad && op->y0 <= box[3] + pad;
}

static void region_path(cairo_t *cr, const ct_tile_images *im)
{
    cairo_new_path(cr);
    cairo_move_to(cr, im->region[0], im->region[1]);
    for (size_t i = 1; i < im->region_points; i++)
        cairo_line_to(cr, im->region[2 * i], im->region[2 * i + 1]);
    cairo_close_path(cr);
}

/* One image: the ops that reach the region are drawn with the knockout
 * model into a group of their own, bounded by a pixel-aligned box (whose
 * clip is exact, so it does not soften the group), and the group is then
 * added to the plane through the antialiased region.  Adding is what makes
 * two images that share an edge sum to full coverage there. */
static void draw_image(cairo_t *cr, size_t ink, const ct_scene *sc, const ct_tile_images *im,
                       const cairo_matrix_t *ctm, const uint32_t size[2], const double cell_box[4], double pad)
{
    double box[4];
    region_box(im, ctm, box);
    double x0 = fmax(floor(box[0]), 0), y0 = fmax(floor(box[1]), 0);
    double x1 = fmin(ceil(box[2]), size[0]), y1 = fmin(ceil(box[3]), size[1]);
    if (x0 >= x1 || y0 >= y1)
        return;
    cairo_save(cr);
    cairo_identity_matrix(cr);
    cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
    cairo_clip(cr);
    cairo_set_matrix(cr, ctm);
    cairo_push_group(cr);
    for (size_t i = 0; i < sc->count; i++) {
        const ct_op *op = &sc->ops[i];
        if (!op_meets_box(op, cell_box, pad))
            continue;
        cairo_set_operator(cr, op->ink == ink ? CAIRO_OPERATOR_OVER : CAIRO_OPERATOR_DEST_OUT);
        ct_draw_op(cr, op);
    }
    cairo_pop_group_to_source(cr);
    cairo_reset_clip(cr);
    region_path(cr, im);
    cairo_clip(cr);
    cairo_set_operator(cr, CAIRO_OPERATOR_ADD);
    cairo_paint(cr);
    cairo_restore(cr);
}

static canting_status draw_plane_images(cairo_surface_t *plane, size_t ink, const ct_scene *sc,
                                        const ct_tile_images *im, const uint32_t size[2])
{
    cairo_t *cr = cairo_create(plane);
    cairo_matrix_t scale, ctm;
    double cell_box[4];
    cairo_matrix_init_scale(&scale, size[0] / im->unit_w_mm, size[1] / im->unit_h_mm);
    region_box(im, NULL, cell_box);
    double pad = 2 * im->unit_w_mm / size[0];
    cairo_set_source_rgba(cr, 0, 0, 0, 1);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (size_t i = 0; i < im->count; i++) {
        cairo_matrix_multiply(&ctm, &im->maps[i], &scale);
        draw_image(cr, ink, sc, im, &ctm, size, cell_box, pad);
    }
    cairo_status_t cs = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_flush(plane);
    return cs == CAIRO_STATUS_SUCCESS ? CANTING_OK : CANTING_ERENDER;
}

canting_status ct_tile_from_images(const ct_scene *sc, const unsigned *ink_rgb, size_t ninks,
                                   const ct_tile_images *images, uint32_t w_px, uint32_t h_px,
                                   const canting_limits *limits, canting_tile **out, canting_error *err)
{
    *out = NULL;
    if (ninks < 2 || ninks > 256)
        return ct_fail(err, CANTING_EARG, "a tile needs 2 to 256 inks");
    if (images->region_points < 3 || !(images->unit_w_mm > 0) || !(images->unit_h_mm > 0))
        return ct_fail(err, CANTING_EARG, "a unit needs a size and a region of at least 3 points");
    if ((uint64_t)w_px * h_px > limits->max_tile_pixels)
        return ct_fail(err, CANTING_ELIMIT, "the repeat unit is %ux%u px, more than the pixel limit", w_px, h_px);
    canting_tile *t;
    canting_status st = ct_tile_new(w_px, h_px, ninks - 1, &t, err);
    if (st != CANTING_OK)
        return st;
    const uint32_t size[2] = {w_px, h_px};
    for (size_t p = 0; p < t->nplanes; p++) {
        if (draw_plane_images(t->planes[p], p + 1, sc, images, size) != CANTING_OK) {
            tile_release(t);
            return ct_fail(err, CANTING_ERENDER, "cairo failed while drawing the repeat unit");
        }
    }
    ct_tile_composite(t, ink_rgb);
    *out = t;
    return CANTING_OK;
}

canting_status canting_tile_render(const canting_motif *motif, double dpi, canting_tile **out, canting_error *err)
{
    ct_error_clear(err);
    if (!motif || !out)
        return ct_fail(err, CANTING_EARG, "canting_tile_render: NULL argument");
    *out = NULL;
    if (!(dpi >= 1 && dpi <= 10000))
        return ct_fail(err, CANTING_ERANGE, "dpi must be from 1 to 10000, not %g", dpi);
    ct_scene sc;
    canting_status st = ct_motif_scene(motif, &sc, err);
    if (st != CANTING_OK)
        return st;
    if (sc.cell_w_mm <= 0) {
        ct_scene_free(&sc);
        return ct_fail_at(err, CANTING_ESYNTAX, motif->def->file, 0, 0,
                          "motif '%s' has no 'repeat' line, so it can only be placed by other motifs with 'use'",
                          motif->def->name);
    }
    unsigned rgb[256];
    size_t ninks = motif->def->ninks > 256 ? 256 : motif->def->ninks;
    for (size_t i = 0; i < ninks; i++)
        rgb[i] = motif->def->inks[i].rgb;
    st = ct_tile_from_scene(&sc, rgb, motif->def->ninks, dpi, &motif->limits, out, err);
    ct_scene_free(&sc);
    return st;
}

uint32_t canting_tile_width_px(const canting_tile *tile)
{
    return tile ? tile->width_px : 0;
}

uint32_t canting_tile_height_px(const canting_tile *tile)
{
    return tile ? tile->height_px : 0;
}

const uint8_t *canting_tile_plane(const canting_tile *tile, size_t index, size_t *stride)
{
    if (!tile || index < 1 || index > tile->nplanes)
        return NULL;
    if (stride)
        *stride = (size_t)cairo_image_surface_get_stride(tile->planes[index - 1]);
    return cairo_image_surface_get_data(tile->planes[index - 1]);
}

const uint8_t *canting_tile_rgb(const canting_tile *tile, size_t *stride)
{
    if (!tile)
        return NULL;
    if (stride)
        *stride = tile->rgb_stride;
    return tile->rgb;
}
