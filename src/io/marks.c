/* marks.c: registration and crop marks drawn row by row, labels by cairo. */
#define _GNU_SOURCE /* RTLD_DEFAULT */
#include "io/marks.h"
#include "util/util.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <string.h>

#define SIDE_MAX 0x7fffffffULL
#define MARGIN_MM 15.0
#define MARGIN_MIN_PX 48   /* below this a label is not readable */
#define CAIRO_SIDE_MAX 32767

static uint32_t px(double mm, double dpi)
{
    return (uint32_t)lround(mm * dpi / 25.4);
}

static void place_boxes(ct_marks *m)
{
    uint32_t g = m->margin / 6, mid_x = m->margin + m->art_w / 2;
    uint32_t left = m->margin + g + 2 * m->line; /* clear of the corner's crop mark */
    uint32_t right = mid_x > m->arm + g ? mid_x - m->arm - g : 0; /* clear of the middle target */
    uint32_t w = right > left ? right - left : 0;
    if (w > CAIRO_SIDE_MAX)
        w = CAIRO_SIDE_MAX;
    m->label = (ct_box){left, m->margin / 5, w, m->margin * 3 / 5};
    m->footer = (ct_box){left, m->margin + m->art_h + m->margin / 5, w, m->margin * 3 / 5};
    if (w == 0)
        m->label.h = m->footer.h = 0;
}

canting_status ct_marks_layout(uint32_t art_w, uint32_t art_h, double dpi, int on, ct_marks *m, canting_error *err)
{
    memset(m, 0, sizeof *m);
    m->art_w = art_w;
    m->art_h = art_h;
    if (on) {
        m->margin = px(MARGIN_MM, dpi);
        if (m->margin < MARGIN_MIN_PX)
            m->margin = MARGIN_MIN_PX;
    }
    uint64_t w = (uint64_t)art_w + 2ULL * m->margin, h = (uint64_t)art_h + 2ULL * m->margin;
    if (w > SIDE_MAX || h > SIDE_MAX)
        return ct_fail(err, CANTING_ELIMIT, "a sheet with marks would be %llux%llu px, more than a PNG holds",
                       (unsigned long long)w, (unsigned long long)h);
    m->sheet_w = (uint32_t)w;
    m->sheet_h = (uint32_t)h;
    if (!on)
        return CANTING_OK;
    m->line = px(0.25, dpi) ? px(0.25, dpi) : 1;
    m->radius = m->margin * 3 / 10;
    m->arm = m->margin * 2 / 5;
    uint32_t half = m->margin / 2, far_x = m->margin + art_w + half, far_y = m->margin + art_h + half;
    uint32_t mid_x = m->margin + art_w / 2, mid_y = m->margin + art_h / 2;
    const uint32_t tx[4] = {mid_x, mid_x, half, far_x}, ty[4] = {half, far_y, mid_y, mid_y};
    memcpy(m->target_x, tx, sizeof tx);
    memcpy(m->target_y, ty, sizeof ty);
    m->font_px = m->margin * 0.3;
    place_boxes(m);
    return CANTING_OK;
}

static void fill(uint8_t *row, uint32_t width, int64_t x0, int64_t x1)
{
    if (x0 < 0)
        x0 = 0;
    if (x1 > (int64_t)width)
        x1 = width;
    if (x1 > x0)
        memset(row + x0, 0, (size_t)(x1 - x0));
}

/* One target on row y: the two arms of the cross and the ring around them. */
static void target_row(const ct_marks *m, int64_t cx, int64_t cy, int64_t y, uint8_t *row)
{
    int64_t dy = y - cy, lw = m->line, arm = m->arm;
    if (dy < -arm || dy > arm)
        return;
    if (dy >= -lw / 2 && dy < lw - lw / 2)
        fill(row, m->sheet_w, cx - arm, cx + arm + 1);
    fill(row, m->sheet_w, cx - lw / 2, cx + lw - lw / 2);
    double ro = m->radius + lw / 2.0, ri = ro - lw, d2 = (double)dy * dy;
    if (d2 > ro * ro)
        return;
    int64_t xo = (int64_t)floor(sqrt(ro * ro - d2));
    int64_t xi = d2 < ri * ri ? (int64_t)ceil(sqrt(ri * ri - d2)) : 0;
    fill(row, m->sheet_w, cx - xo, cx - xi + 1);
    fill(row, m->sheet_w, cx + xi, cx + xo + 1);
}

/* Crop marks: lines in the margin along the artwork's edges, stopping short
 * of the artwork so they never touch it. */
static void crop_row(const ct_marks *m, int64_t y, uint8_t *row)
{
    int64_t mg = m->margin, g = mg / 6, lw = m->line, start = mg / 8;
    const int64_t edge_x[2] = {mg, mg + m->art_w}, edge_y[2] = {mg, mg + m->art_h};
    int in_top = y >= start && y < mg - g, in_bottom = y >= edge_y[1] + g && y < (int64_t)m->sheet_h - start;
    for (int i = 0; i < 2; i++) {
        if (in_top || in_bottom) /* vertical strokes above and below each corner */
            fill(row, m->sheet_w, edge_x[i] - lw / 2, edge_x[i] + lw - lw / 2);
        if (y >= edge_y[i] - lw / 2 && y < edge_y[i] + lw - lw / 2) { /* horizontal strokes beside */
            fill(row, m->sheet_w, start, mg - g);
            fill(row, m->sheet_w, edge_x[1] + g, (int64_t)m->sheet_w - start);
        }
    }
}

void ct_marks_row(const ct_marks *m, uint32_t y, uint8_t *row)
{
    memset(row, 255, m->sheet_w);
    if (!m->margin)
        return;
    crop_row(m, y, row);
    for (int t = 0; t < 4; t++)
        target_row(m, m->target_x[t], m->target_y[t], y, row);
}

/* ---- labels ------------------------------------------------------------------ */

/* The grey with the ink's relative luminance, so a swatch on a grey film is
 * as light as the ink will look. */
static uint8_t grey_of(const uint8_t rgb[3])
{
    double lin[3];
    for (int c = 0; c < 3; c++) {
        double v = rgb[c] / 255.0;
        lin[c] = v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
    }
    double y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
    double s = y <= 0.0031308 ? 12.92 * y : 1.055 * pow(y, 1 / 2.4) - 0.055;
    return (uint8_t)lround(s * 255);
}

static void swatch(uint8_t *pix, uint32_t stride, uint32_t x0, uint32_t y0, uint32_t side, uint8_t grey, int bits)
{
    static const uint8_t bayer[4][4] = {{0, 8, 2, 10}, {12, 4, 14, 6}, {3, 11, 1, 9}, {15, 7, 13, 5}};
    for (uint32_t y = y0; y < y0 + side; y++)
        for (uint32_t x = x0; x < x0 + side; x++) {
            int edge = x < x0 + 2 || y < y0 + 2 || x + 2 >= x0 + side || y + 2 >= y0 + side;
            uint8_t v = bits == 1 ? (grey > bayer[y % 4][x % 4] * 16 + 8 ? 255 : 0) : grey;
            pix[(size_t)y * stride + x] = edge ? 0 : v;
        }
}

/* Text shrinks (to half its size at most) to fit the box; beyond that it is
 * cut at the box's edge rather than run into a mark. */
static canting_status draw_text(cairo_surface_t *s, double font_px, double x, const ct_box *box, const char *text)
{
    cairo_t *cr = cairo_create(s);
    cairo_text_extents_t ext;
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, font_px);
    cairo_text_extents(cr, text, &ext);
    double room = box->w - x - 2;
    if (ext.x_advance > room && room > 0)
        cairo_set_font_size(cr, font_px * fmax(0.5, room / ext.x_advance));
    cairo_move_to(cr, x, box->h / 2.0 + font_px * 0.36);
    cairo_show_text(cr, text);
    canting_status st = cairo_status(cr) == CAIRO_STATUS_SUCCESS ? CANTING_OK : CANTING_ERENDER;
    cairo_destroy(cr);
    return st;
}

canting_status ct_marks_text(const ct_box *box, double font_px, const char *text, const uint8_t *rgb, int bits,
                             uint8_t **pixels, canting_error *err)
{
    *pixels = NULL;
    if (box->w == 0 || box->h == 0)
        return CANTING_OK;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, (int)box->w, (int)box->h);
    uint8_t *out = ct_malloc((size_t)box->w * box->h);
    canting_status st = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS && out ? CANTING_OK : CANTING_ENOMEM;
    uint32_t side = box->h * 4 / 5, text_x = rgb ? side + box->h / 2 : 0;
    if (st == CANTING_OK)
        st = draw_text(s, font_px, text_x, box, text);
    if (st == CANTING_OK) {
        cairo_surface_flush(s);
        const uint8_t *a = cairo_image_surface_get_data(s);
        int stride = cairo_image_surface_get_stride(s);
        for (uint32_t y = 0; y < box->h; y++)
            for (uint32_t x = 0; x < box->w; x++) /* text is black on paper; films want it crisp */
                out[(size_t)y * box->w + x] = bits == 1 ? (a[(size_t)y * stride + x] >= 128 ? 0 : 255)
                                                        : (uint8_t)(255 - a[(size_t)y * stride + x]);
        if (rgb && side >= 6 && side <= box->w)
            swatch(out, box->w, 0, (box->h - side) / 2, side, grey_of(rgb), bits);
    }
    cairo_surface_destroy(s);
    if (st != CANTING_OK) {
        ct_free(out);
        return ct_fail(err, st, "cannot draw the label '%s'", text);
    }
    *pixels = out;
    return CANTING_OK;
}

/* cairo draws labels through fontconfig, which keeps its configuration and
 * font caches for the whole process; freeing them lets leak checkers see a
 * clean exit.  fontconfig is linked directly: cairo needs it anyway. */
void canting_free_font_caches(void)
{
    cairo_debug_reset_static_data();
    FcFini();
}
