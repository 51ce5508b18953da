/* contact.c: contact sheets: small proofs in a captioned grid. */
#include "io/png_write.h"
#include "io/proof.h"
#include "util/util.h"

#include <cairo.h>
#include <stdio.h>
#include <string.h>

#define CAPTION_PX 34
#define TITLE_PX 40
#define GAP_PX 12

typedef struct cell {
    uint8_t *rgb;             /* cell_px square */
    char caption[2][96];
} cell;

struct canting_contact {
    uint32_t columns, cell_px;
    char title[160];
    cell *cells;
    size_t count, cap;
};

canting_status canting_contact_new(uint32_t columns, uint32_t cell_px, const char *title, canting_contact **out,
                                   canting_error *err)
{
    ct_error_clear(err);
    if (!out || columns < 1 || columns > 64 || cell_px < 16 || cell_px > 2048)
        return ct_fail(err, CANTING_EARG, "a contact sheet has 1..64 columns of 16..2048 px cells");
    canting_contact *s = ct_calloc(1, sizeof *s);
    if (!(*out = s))
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    s->columns = columns;
    s->cell_px = cell_px;
    snprintf(s->title, sizeof s->title, "%s", title ? title : "");
    return CANTING_OK;
}

void canting_contact_free(canting_contact *sheet)
{
    if (!sheet)
        return;
    for (size_t i = 0; i < sheet->count; i++)
        ct_free(sheet->cells[i].rgb);
    ct_free(sheet->cells);
    ct_free(sheet);
}

static void split_caption(cell *c, const char *caption)
{
    const char *nl = caption ? strchr(caption, '\n') : NULL;
    snprintf(c->caption[0], sizeof c->caption[0], "%.*s", nl ? (int)(nl - caption) : 95, caption ? caption : "");
    snprintf(c->caption[1], sizeof c->caption[1], "%s", nl ? nl + 1 : "");
}

canting_status canting_contact_reserve(canting_contact *sheet, size_t count, canting_error *err)
{
    ct_error_clear(err);
    if (!sheet)
        return ct_fail(err, CANTING_EARG, "canting_contact_reserve: NULL sheet");
    if (count > 4096 - sheet->count ||
        !ct_grow((void **)&sheet->cells, &sheet->cap, sheet->count + count, sizeof *sheet->cells))
        return ct_fail(err, CANTING_ENOMEM, "too many cells on one contact sheet");
    memset(sheet->cells + sheet->count, 0, count * sizeof *sheet->cells);
    sheet->count += count;
    return CANTING_OK;
}

/* Touches only cell `index`, so different cells may be drawn at once. */
canting_status canting_contact_draw(canting_contact *sheet, size_t index, const canting_motif *motif,
                                    const canting_render_options *options, const char *caption, canting_error *err)
{
    canting_render_options defaults;
    ct_error_clear(err);
    if (!sheet || !motif || index >= sheet->count)
        return ct_fail(err, CANTING_EARG, "canting_contact_draw: NULL argument or no such cell");
    if (!options) {
        canting_render_options_init(&defaults);
        options = &defaults;
    }
    cell *c = &sheet->cells[index];
    size_t stride = (size_t)sheet->cell_px * 3;
    uint8_t *rgb = ct_malloc(stride * sheet->cell_px);
    if (!rgb)
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    canting_status st = ct_proof_pixels(motif, options, sheet->cell_px, sheet->cell_px, rgb, stride, err);
    if (st != CANTING_OK) {
        ct_free(rgb);
        return st;
    }
    ct_free(c->rgb);
    c->rgb = rgb;
    split_caption(c, caption);
    return CANTING_OK;
}

canting_status canting_contact_add(canting_contact *sheet, const canting_motif *motif,
                                   const canting_render_options *options, const char *caption, canting_error *err)
{
    if (!sheet || !motif)
        return ct_fail(err, CANTING_EARG, "canting_contact_add: NULL argument");
    canting_status st = canting_contact_reserve(sheet, 1, err);
    if (st == CANTING_OK && (st = canting_contact_draw(sheet, sheet->count - 1, motif, options, caption, err)) != CANTING_OK)
        sheet->count--; /* a cell that failed is not kept */
    return st;
}

static void text_at(cairo_t *cr, double x, double y, double size, const char *text)
{
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, text);
}

/* The thumbnail into the page surface (cairo's xRGB32), the caption below. */
static void draw_cell(cairo_surface_t *page, cairo_t *cr, const canting_contact *s, size_t i, uint32_t x0,
                      uint32_t y0)
{
    const cell *c = &s->cells[i];
    if (!c->rgb)
        return; /* reserved, never drawn: the page shows through */
    cairo_surface_flush(page);
    uint8_t *data = cairo_image_surface_get_data(page);
    size_t stride = (size_t)cairo_image_surface_get_stride(page);
    for (uint32_t y = 0; y < s->cell_px; y++) {
        uint32_t *row = (uint32_t *)(void *)(data + (y0 + y) * stride) + x0;
        const uint8_t *src = c->rgb + (size_t)y * s->cell_px * 3;
        for (uint32_t x = 0; x < s->cell_px; x++)
            row[x] = 0xff000000u | (uint32_t)src[3 * x] << 16 | (uint32_t)src[3 * x + 1] << 8 | src[3 * x + 2];
    }
    cairo_surface_mark_dirty(page);
    cairo_set_source_rgb(cr, 0.15, 0.12, 0.1);
    text_at(cr, x0, y0 + s->cell_px + 14, 12, c->caption[0]);
    text_at(cr, x0, y0 + s->cell_px + 28, 11, c->caption[1]);
}

canting_status canting_contact_write(const canting_contact *sheet, const char *path, canting_error *err)
{
    ct_error_clear(err);
    if (!sheet || !path || sheet->count == 0)
        return ct_fail(err, CANTING_EARG, "an empty contact sheet or no path");
    uint32_t cols = sheet->count < sheet->columns ? (uint32_t)sheet->count : sheet->columns;
    uint32_t rows = (uint32_t)((sheet->count + sheet->columns - 1) / sheet->columns);
    uint32_t pitch_x = sheet->cell_px + GAP_PX, pitch_y = sheet->cell_px + CAPTION_PX + GAP_PX;
    cairo_surface_t *page = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(GAP_PX + cols * pitch_x),
                                                       (int)(TITLE_PX + rows * pitch_y));
    cairo_t *cr = cairo_create(page);
    cairo_set_source_rgb(cr, 0.98, 0.96, 0.92);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.15, 0.12, 0.1);
    text_at(cr, GAP_PX, 26, 18, sheet->title);
    cairo_surface_flush(page);
    for (size_t i = 0; i < sheet->count; i++)
        draw_cell(page, cr, sheet, i, GAP_PX + (uint32_t)(i % sheet->columns) * pitch_x,
                  TITLE_PX + (uint32_t)(i / sheet->columns) * pitch_y);
    cairo_surface_flush(page);
    canting_status st = cairo_status(cr) == CAIRO_STATUS_SUCCESS ? ct_png_write_surface(page, 96, path, err)
                                                                  : ct_fail(err, CANTING_ERENDER, "cairo failed");
    cairo_destroy(cr);
    cairo_surface_destroy(page);
    return st;
}
