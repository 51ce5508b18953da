/* caps.c: cap blocks.  A cap is a copper stamp of about 20 x 20 cm; the
 * cloth is stamped with it block by block.  The cloth is cut into a grid of
 * blocks; blocks at the same phase of the repeat are the same cap, so only
 * the distinct ones are made.  Each is written mirrored (a stamp prints its
 * mirror image) inside a margin with alignment marks, with an overview of
 * the cloth that numbers every block and a text list of the same. */
#include "io/atomic.h"
#include "io/png_write.h"
#include "io/proof.h"
#include "util/util.h"

#include <cairo.h>
#include <stdio.h>
#include <string.h>

#define MARGIN_MM 8.0
#define OVERVIEW_PX 1200.0

typedef struct caps_plan {
    uint32_t cloth_w, cloth_h;    /* px */
    uint32_t block_w, block_h;    /* px */
    uint32_t cols, rows;
    uint32_t *cap_of;             /* per grid cell (row-major): its cap, 0-based */
    uint32_t *first;              /* per cap: the grid cell it was first seen at */
    size_t ncaps;
} caps_plan;

static void plan_free(caps_plan *p)
{
    ct_free(p->cap_of);
    ct_free(p->first);
}

/* Blocks whose corners fall at the same place in the repeat's periods are
 * the same cap. */
static canting_status plan_caps(caps_plan *p, const ct_repeat *rep, canting_error *err)
{
    uint64_t px = ct_repeat_period_cols(rep), py = ct_repeat_period_rows(rep);
    size_t cells = (size_t)p->cols * p->rows;
    p->cap_of = ct_calloc(cells, sizeof *p->cap_of);
    p->first = ct_calloc(cells, sizeof *p->first);
    if (!p->cap_of || !p->first)
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    for (size_t c = 0; c < cells; c++) {
        uint64_t kx = (uint64_t)(c % p->cols) * p->block_w % px, ky = (uint64_t)(c / p->cols) * p->block_h % py;
        size_t k;
        for (k = 0; k < p->ncaps; k++) {
            size_t f = p->first[k];
            if ((uint64_t)(f % p->cols) * p->block_w % px == kx && (uint64_t)(f / p->cols) * p->block_h % py == ky)
                break;
        }
        if (k == p->ncaps)
            p->first[p->ncaps++] = (uint32_t)c;
        p->cap_of[c] = (uint32_t)k;
    }
    return CANTING_OK;
}

/* Alignment marks in the margin: a cross at the middle of each side and a
 * corner mark at each corner, all just outside the block. */
static void draw_marks(cairo_t *cr, double m, double bw, double bh, const char *label)
{
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_set_line_width(cr, m / 16);
    double cx = m + bw / 2, cy = m + bh / 2, t = m * 0.7;
    double crosses[4][2] = {{cx, m / 2}, {cx, m + bh + m / 2}, {m / 2, cy}, {m + bw + m / 2, cy}};
    for (int i = 0; i < 4; i++) {
        cairo_move_to(cr, crosses[i][0] - t / 2, crosses[i][1]);
        cairo_line_to(cr, crosses[i][0] + t / 2, crosses[i][1]);
        cairo_move_to(cr, crosses[i][0], crosses[i][1] - t / 2);
        cairo_line_to(cr, crosses[i][0], crosses[i][1] + t / 2);
    }
    double corners[4][2] = {{m, m}, {m + bw, m}, {m, m + bh}, {m + bw, m + bh}};
    for (int i = 0; i < 4; i++) {
        double sx = i % 2 ? 1 : -1, sy = i / 2 ? 1 : -1;
        cairo_move_to(cr, corners[i][0] + sx * t, corners[i][1]);
        cairo_line_to(cr, corners[i][0] + sx * m / 8, corners[i][1]);
        cairo_move_to(cr, corners[i][0], corners[i][1] + sy * t);
        cairo_line_to(cr, corners[i][0], corners[i][1] + sy * m / 8);
    }
    cairo_stroke(cr);
    cairo_set_font_size(cr, m * 0.45);
    cairo_move_to(cr, m, m * 0.4);
    cairo_show_text(cr, label);
}

/* One cap: the block at grid cell `cell`, mirrored left-right, in a margin. */
static canting_status write_cap(const caps_plan *p, const ct_repeat *rep, size_t cap, double dpi,
                                const char *path, canting_error *err)
{
    uint32_t m = (uint32_t)canting_mm_to_px(MARGIN_MM, dpi) + 8;
    uint32_t x0 = (p->first[cap] % p->cols) * p->block_w, y0 = (p->first[cap] / p->cols) * p->block_h;
    cairo_surface_t *page = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(p->block_w + 2 * m),
                                                       (int)(p->block_h + 2 * m));
    uint8_t *row = ct_malloc(((size_t)x0 + p->block_w) * 3);
    if (!row || cairo_surface_status(page) != CAIRO_STATUS_SUCCESS) {
        ct_free(row);
        cairo_surface_destroy(page);
        return ct_fail(err, CANTING_ENOMEM, "out of memory for a cap of %ux%u px", p->block_w, p->block_h);
    }
    cairo_t *cr = cairo_create(page);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    char label[64];
    snprintf(label, sizeof label, "cap %zu (mirrored)", cap + 1);
    draw_marks(cr, m, p->block_w, p->block_h, label);
    cairo_surface_flush(page);
    uint8_t *data = cairo_image_surface_get_data(page);
    size_t stride = (size_t)cairo_image_surface_get_stride(page);
    for (uint32_t y = 0; y < p->block_h; y++) {
        (void)ct_repeat_row(rep, (uint64_t)y0 + y, row, x0 + p->block_w); /* arguments checked above */
        uint32_t *out = (uint32_t *)(void *)(data + (size_t)(m + y) * stride) + m;
        const uint8_t *src = row + (size_t)x0 * 3;
        for (uint32_t x = 0; x < p->block_w; x++) {
            const uint8_t *px = src + (size_t)(p->block_w - 1 - x) * 3;
            out[x] = 0xff000000u | (uint32_t)px[0] << 16 | (uint32_t)px[1] << 8 | px[2];
        }
    }
    cairo_surface_mark_dirty(page);
    cairo_destroy(cr);
    canting_status st = ct_png_write_surface(page, dpi, path, err);
    cairo_surface_destroy(page);
    ct_free(row);
    return st;
}

/* The cloth small, the block grid over it, each block's cap number. */
static canting_status write_overview(const caps_plan *p, const canting_motif *motif, const canting_render_options *o,
                                     const char *path, canting_error *err)
{
    double scale = OVERVIEW_PX / (p->cloth_w > p->cloth_h ? p->cloth_w : p->cloth_h);
    if (scale > 1)
        scale = 1;
    canting_render_options small = *o;
    small.dpi = o->dpi * scale;
    uint32_t w = (uint32_t)(p->cloth_w * scale + 0.5), h = (uint32_t)(p->cloth_h * scale + 0.5);
    cairo_surface_t *page = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(w ? w : 1), (int)(h ? h : 1));
    uint8_t *rgb = ct_malloc((size_t)w * h * 3 + 3);
    canting_status st = rgb ? ct_proof_pixels(motif, &small, w, h, rgb, (size_t)w * 3, err)
                            : ct_fail(err, CANTING_ENOMEM, "out of memory");
    if (st == CANTING_OK) {
        uint8_t *data = cairo_image_surface_get_data(page);
        size_t stride = (size_t)cairo_image_surface_get_stride(page);
        for (uint32_t y = 0; y < h; y++)
            for (uint32_t x = 0; x < w; x++) {
                const uint8_t *s = rgb + ((size_t)y * w + x) * 3;
                ((uint32_t *)(void *)(data + y * stride))[x] = 0xff000000u | (uint32_t)s[0] << 16 | (uint32_t)s[1] << 8 | s[2];
            }
        cairo_surface_mark_dirty(page);
        cairo_t *cr = cairo_create(page);
        cairo_set_line_width(cr, 2);
        cairo_set_font_size(cr, 14);
        for (size_t c = 0; c < (size_t)p->cols * p->rows; c++) {
            double bx = (c % p->cols) * p->block_w * scale, by = (c / p->cols) * p->block_h * scale;
            char label[16];
            snprintf(label, sizeof label, "%u", p->cap_of[c] + 1);
            cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
            cairo_rectangle(cr, bx + 3, by + 3, 12 + 8.0 * strlen(label), 18);
            cairo_fill(cr);
            cairo_set_source_rgb(cr, 0.8, 0.05, 0.05);
            cairo_rectangle(cr, bx, by, p->block_w * scale, p->block_h * scale);
            cairo_stroke(cr);
            cairo_move_to(cr, bx + 8, by + 17);
            cairo_show_text(cr, label);
        }
        cairo_destroy(cr);
        st = ct_png_write_surface(page, small.dpi, path, err);
    }
    ct_free(rgb);
    cairo_surface_destroy(page);
    return st;
}

static canting_status write_list(const caps_plan *p, double dpi, const char *path, canting_error *err)
{
    ct_atomic_file f;
    canting_status st = ct_atomic_open(path, &f, err);
    if (st != CANTING_OK)
        return st;
    fprintf(f.fp, "cap blocks: %zu distinct caps of %.1f x %.1f mm for a cloth of %.1f x %.1f mm\n", p->ncaps,
            p->block_w * 25.4 / dpi, p->block_h * 25.4 / dpi, p->cloth_w * 25.4 / dpi, p->cloth_h * 25.4 / dpi);
    fprintf(f.fp, "each cap image is mirrored, as the copper is cut; stamp row by row from the top left:\n");
    for (uint32_t r = 0; r < p->rows; r++) {
        for (uint32_t c = 0; c < p->cols; c++)
            fprintf(f.fp, "%4u", p->cap_of[(size_t)r * p->cols + c] + 1);
        fputc('\n', f.fp);
    }
    return ct_atomic_commit(&f, err);
}

/* A block within 2% of a whole number of periods is made exactly that many,
 * so that one cap serves the whole cloth instead of rounding making many. */
static uint64_t snap(uint64_t block_px, uint64_t period_px)
{
    uint64_t k = (block_px + period_px / 2) / period_px;
    if (k >= 1 && (double)block_px > 0.98 * (double)(k * period_px) && (double)block_px < 1.02 * (double)(k * period_px))
        return k * period_px;
    return block_px;
}

static canting_status plan_sizes(caps_plan *p, const canting_render_options *o, double block_w_mm,
                                 double block_h_mm, const ct_repeat *rep, const canting_limits *limits,
                                 canting_error *err)
{
    uint64_t bw = snap(canting_mm_to_px(block_w_mm, o->dpi), ct_repeat_period_cols(rep));
    uint64_t bh = snap(canting_mm_to_px(block_h_mm, o->dpi), ct_repeat_period_rows(rep));
    uint64_t w = o->width_mm > 0 ? canting_mm_to_px(o->width_mm, o->dpi) : 2 * ct_repeat_period_cols(rep);
    uint64_t h = o->height_mm > 0 ? canting_mm_to_px(o->height_mm, o->dpi) : 2 * ct_repeat_period_rows(rep);
    if (bw < 1 || bh < 1 || bw > 32000 || bh > 32000 || bw * bh > limits->max_tile_pixels)
        return ct_fail(err, CANTING_ERANGE, "a cap of %gx%g mm at %g dpi is out of range", block_w_mm, block_h_mm, o->dpi);
    if (w < 1 || h < 1 || w > UINT32_MAX || h > UINT32_MAX || (w / bw + 1) * (h / bh + 1) > 10000)
        return ct_fail(err, CANTING_ERANGE, "the cloth would need more than 10000 cap blocks");
    p->cloth_w = (uint32_t)w;
    p->cloth_h = (uint32_t)h;
    p->block_w = (uint32_t)bw;
    p->block_h = (uint32_t)bh;
    p->cols = (uint32_t)((w + bw - 1) / bw);
    p->rows = (uint32_t)((h + bh - 1) / bh);
    return CANTING_OK;
}

static canting_status write_all(const caps_plan *p, const ct_repeat *rep, const canting_motif *m,
                                const canting_render_options *o, const char *prefix, canting_error *err)
{
    char path[4096];
    canting_status st = CANTING_OK;
    for (size_t k = 0; st == CANTING_OK && k < p->ncaps; k++) {
        snprintf(path, sizeof path, "%s-cap%02zu.png", prefix, k + 1);
        st = write_cap(p, rep, k, o->dpi, path, err);
    }
    snprintf(path, sizeof path, "%s-overview.png", prefix);
    if (st == CANTING_OK)
        st = write_overview(p, m, o, path, err);
    snprintf(path, sizeof path, "%s-caps.txt", prefix);
    return st == CANTING_OK ? write_list(p, o->dpi, path, err) : st;
}

canting_status canting_render_caps(const canting_motif *motif, const canting_render_options *options,
                                   double block_w_mm, double block_h_mm, const char *prefix, size_t *caps,
                                   canting_error *err)
{
    canting_render_options defaults;
    ct_error_clear(err);
    if (!motif || !prefix || !prefix[0])
        return ct_fail(err, CANTING_EARG, "canting_render_caps: NULL motif or prefix");
    if (!options) {
        canting_render_options_init(&defaults);
        options = &defaults;
    }
    ct_repeat *rep;
    caps_plan p;
    memset(&p, 0, sizeof p);
    canting_status st = ct_proof_repeat(motif, options, &rep, err);
    if (st != CANTING_OK)
        return st;
    st = plan_sizes(&p, options, block_w_mm, block_h_mm, rep, &motif->limits, err);
    if (st == CANTING_OK)
        st = plan_caps(&p, rep, err);
    if (st == CANTING_OK)
        st = write_all(&p, rep, motif, options, prefix, err);
    if (st == CANTING_OK && caps)
        *caps = p.ncaps;
    plan_free(&p);
    ct_repeat_free(rep);
    return st;
}
