/* film_pdf.c: a film set as one PDF, a page per ink, through cairo's PDF
 * surface.  Each page is the sheet a PNG separation with marks would be
 * (ct_marks places the marks from the artwork's size and DPI alone, so they
 * land on the same spot of every page), drawn as image masks in black at
 * 72/dpi points a pixel: a film prints at true size whatever the RIP.  The
 * page is made in horizontal bands, one per strip of the ink source, so
 * the pixels are never all in memory at once. */
#include "io/film_pdf.h"
#include "io/atomic.h"
#include "io/marks.h"
#include "util/util.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <stdio.h>
#include <string.h>

#define CAIRO_SIDE_MAX 32767
#define PT_PER_IN 72.0
#define PAGE_PT_MAX 1e6

typedef struct film {
    const ct_sheet_list *list;
    const ct_ink_source *src;
    const canting_separate_options *o;
    ct_marks marks;
    ct_ink_strip strip;
    uint32_t strip_y;             /* the artwork row the strip starts at */
    uint8_t *row;                 /* one page row of grey, sheet_w bytes */
    uint8_t *label, *footer;      /* this page's text boxes (grey), or NULL */
    cairo_surface_t *surface;
    cairo_t *cr;
    uint64_t rows_done, rows_total;
} film;

static cairo_status_t write_to_file(void *closure, const unsigned char *data, unsigned int length)
{
    FILE *fp = closure;
    return fwrite(data, 1, length, fp) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* ---- one page row ----------------------------------------------------------------- */

/* The artwork's part of a row: black where the sheet's inks are. */
static void art_row(const film *f, const ct_sheet_spec *spec, uint32_t strip_row, uint8_t *out)
{
    const ct_ink_strip *st = &f->strip;
    size_t offset = (size_t)strip_row * st->width;
    if (f->o->bits == 1) {
        const uint8_t *idx = st->idx + offset;
        for (uint32_t x = 0; x < st->width; x++)
            out[x] = spec->inks >> idx[x] & 1 ? 0 : 255;
        return;
    }
    memset(out, 255, st->width);
    for (size_t i = 0; i < st->ninks; i++) {
        if (!(spec->inks >> i & 1))
            continue;
        const uint8_t *cov = st->cov + i * st->plane_bytes + offset;
        for (uint32_t x = 0; x < st->width; x++)
            out[x] = out[x] > cov[x] ? (uint8_t)(out[x] - cov[x]) : 0;
    }
}

static void paste_box(const ct_box *box, const uint8_t *pixels, uint32_t y, uint8_t *row)
{
    if (pixels && y >= box->y && y < box->y + box->h)
        memcpy(row + box->x, pixels + (size_t)(y - box->y) * box->w, box->w);
}

static void page_row(const film *f, const ct_sheet_spec *spec, uint32_t y, uint8_t *row)
{
    const ct_marks *m = &f->marks;
    ct_marks_row(m, y, row);
    if (y >= m->margin && y - m->margin < m->art_h)
        art_row(f, spec, y - m->margin - f->strip_y, row + m->margin);
    paste_box(&m->label, f->label, y, row);
    paste_box(&m->footer, f->footer, y, row);
}

/* ---- bands of rows as image masks ------------------------------------------------------ */

/* cairo's A1 packs 32 pixels a word, the first in the low bit on a
 * little-endian machine and in the high bit on a big-endian one. */
static void pack_a1(const uint8_t *grey, uint32_t width, uint32_t *words)
{
    const uint16_t probe = 1;
    int little = *(const uint8_t *)&probe;
    memset(words, 0, ((size_t)width + 31) / 32 * 4);
    for (uint32_t x = 0; x < width; x++)
        if (grey[x] < 128)
            words[x / 32] |= 1u << (little ? x % 32 : 31 - x % 32);
}

static void fill_band(const film *f, const ct_sheet_spec *spec, uint32_t y0, uint32_t y1, cairo_surface_t *img)
{
    uint8_t *data = cairo_image_surface_get_data(img);
    size_t stride = (size_t)cairo_image_surface_get_stride(img);
    for (uint32_t y = y0; y < y1; y++) {
        uint8_t *out = data + (size_t)(y - y0) * stride;
        page_row(f, spec, y, f->row);
        if (f->o->bits == 1) {
            pack_a1(f->row, f->marks.sheet_w, (uint32_t *)(void *)out);
        } else {
            for (uint32_t x = 0; x < f->marks.sheet_w; x++)
                out[x] = (uint8_t)(255 - f->row[x]); /* alpha is how much black */
        }
    }
    cairo_surface_mark_dirty(img);
}

/* Page rows y0 .. y1-1, painted black through themselves as a mask.  No
 * interpolation: a film's pixels are its dots. */
static canting_status draw_band(film *f, const ct_sheet_spec *spec, uint32_t y0, uint32_t y1, canting_error *err)
{
    if (y1 <= y0)
        return CANTING_OK;
    cairo_surface_t *img = cairo_image_surface_create(f->o->bits == 1 ? CAIRO_FORMAT_A1 : CAIRO_FORMAT_A8,
                                                      (int)f->marks.sheet_w, (int)(y1 - y0));
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(img);
        return ct_fail(err, CANTING_ENOMEM, "out of memory for a band of the film");
    }
    fill_band(f, spec, y0, y1, img);
    cairo_pattern_t *mask = cairo_pattern_create_for_surface(img);
    cairo_matrix_t at;
    cairo_matrix_init_translate(&at, 0, -(double)y0);
    cairo_pattern_set_matrix(mask, &at);
    cairo_pattern_set_filter(mask, CAIRO_FILTER_NEAREST);
    cairo_set_source_rgb(f->cr, 0, 0, 0);
    cairo_mask(f->cr, mask);
    cairo_pattern_destroy(mask);
    cairo_surface_destroy(img);
    return cairo_status(f->cr) == CAIRO_STATUS_SUCCESS ? CANTING_OK
                                                        : ct_fail(err, CANTING_ERENDER, "cairo cannot draw the film");
}

/* ---- pages ------------------------------------------------------------------------- */

/* "soga", or "soga+indigo" for a sheet of several inks. */
static void page_name(const ct_sheet_spec *spec, const canting_palette *inks, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < inks->count && len < size; i++)
        if (spec->inks >> i & 1)
            len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? "+" : "", inks->name[i]);
}

static canting_status page_texts(film *f, const ct_sheet_spec *spec, canting_error *err)
{
    ct_free(f->label);
    ct_free(f->footer);
    f->label = f->footer = NULL;
    canting_status st = ct_marks_text(&f->marks.label, f->marks.font_px, spec->label ? spec->label : "", spec->swatch,
                                      f->o->bits, &f->label, err);
    if (st == CANTING_OK)
        st = ct_marks_text(&f->marks.footer, f->marks.font_px * 0.8, spec->footer ? spec->footer : "", NULL,
                           f->o->bits, &f->footer, err);
    return st;
}

static void report(film *f, uint32_t rows)
{
    f->rows_done += rows;
    if (f->o->render.progress)
        f->o->render.progress(f->o->render.progress_user, f->rows_done, f->rows_total);
}

/* The margin above, the artwork strip by strip, the margin below. */
static canting_status draw_page(film *f, const ct_sheet_spec *spec, canting_error *err)
{
    const ct_marks *m = &f->marks;
    canting_status st = page_texts(f, spec, err);
    if (st == CANTING_OK)
        st = draw_band(f, spec, 0, m->margin, err);
    for (uint32_t y = 0; st == CANTING_OK && y < m->art_h; y += f->strip.cap_rows) {
        uint32_t rows = m->art_h - y < f->strip.cap_rows ? m->art_h - y : f->strip.cap_rows;
        f->strip_y = y;
        st = ct_ink_source_fill(f->src, y, rows, &f->strip, f->o->render.threads, err);
        if (st == CANTING_OK)
            st = draw_band(f, spec, m->margin + y, m->margin + y + rows, err);
        if (st == CANTING_OK)
            report(f, rows);
    }
    if (st == CANTING_OK)
        st = draw_band(f, spec, m->margin + m->art_h, m->sheet_h, err);
    return st;
}

static canting_status draw_pages(film *f, const canting_palette *inks, canting_error *err)
{
    canting_status st = CANTING_OK;
    for (size_t k = 0; st == CANTING_OK && k < f->list->count; k++) {
        char name[CANTING_MAX_INKS * 33], dest[32];
        page_name(&f->list->specs[k], inks, name, sizeof name);
        snprintf(dest, sizeof dest, "page=%zu", k + 1);
        cairo_pdf_surface_set_page_label(f->surface, name);
        cairo_pdf_surface_add_outline(f->surface, CAIRO_PDF_OUTLINE_ROOT, name, dest, 0);
        st = draw_page(f, &f->list->specs[k], err);
        cairo_show_page(f->cr);
    }
    return st;
}

static canting_status open_surface(film *f, ct_atomic_file *file, canting_error *err)
{
    double pt = PT_PER_IN / f->src->dpi;
    double w = f->marks.sheet_w * pt, h = f->marks.sheet_h * pt;
    if (f->marks.sheet_w > CAIRO_SIDE_MAX || f->marks.sheet_h > CAIRO_SIDE_MAX || w > PAGE_PT_MAX || h > PAGE_PT_MAX)
        return ct_fail(err, CANTING_ELIMIT, "a film page of %ux%u px is more than a PDF film holds: lower the dpi",
                       f->marks.sheet_w, f->marks.sheet_h);
    f->surface = cairo_pdf_surface_create_for_stream(write_to_file, file->fp, w, h);
    cairo_pdf_surface_set_metadata(f->surface, CAIRO_PDF_METADATA_TITLE, "canting film set");
    cairo_pdf_surface_set_metadata(f->surface, CAIRO_PDF_METADATA_CREATOR, "canting " CANTING_VERSION_STRING);
    f->cr = cairo_create(f->surface);
    cairo_scale(f->cr, pt, pt);
    return cairo_status(f->cr) == CAIRO_STATUS_SUCCESS ? CANTING_OK
                                                        : ct_fail(err, CANTING_ENOMEM, "cannot start the PDF");
}

static canting_status close_surface(film *f, canting_error *err)
{
    if (!f->surface)
        return CANTING_OK;
    cairo_destroy(f->cr);
    cairo_surface_finish(f->surface);
    cairo_status_t cs = cairo_surface_status(f->surface);
    cairo_surface_destroy(f->surface);
    return cs == CAIRO_STATUS_SUCCESS ? CANTING_OK : ct_fail(err, CANTING_EIO, "cannot write the PDF: %s",
                                                             cairo_status_to_string(cs));
}

static canting_status prepare(film *f, canting_error *err)
{
    canting_status st = ct_marks_layout(f->src->width_px, f->src->height_px, f->src->dpi, 1, &f->marks, err);
    if (st != CANTING_OK)
        return st;
    if (!(f->row = ct_malloc(f->marks.sheet_w)))
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    uint32_t rows = ct_sheets_strip_rows(f->src->width_px, f->src->ninks);
    f->rows_total = (uint64_t)f->src->height_px * f->list->count;
    return ct_ink_strip_alloc(f->src, rows, f->o->bits == 8, f->o->bits == 1, &f->strip, err);
}

canting_status ct_film_pdf_write(const ct_sheet_list *list, const ct_ink_source *src, const canting_palette *inks,
                                 const canting_separate_options *o, const char *path, canting_error *err)
{
    film f = {.list = list, .src = src, .o = o};
    ct_atomic_file file;
    canting_status st = prepare(&f, err);
    int opened = st == CANTING_OK && (st = ct_atomic_open(path, &file, err)) == CANTING_OK;
    if (st == CANTING_OK)
        st = open_surface(&f, &file, err);
    if (st == CANTING_OK)
        st = draw_pages(&f, inks, err);
    canting_status closed = close_surface(&f, st == CANTING_OK ? err : NULL);
    if (st == CANTING_OK)
        st = closed;
    if (opened && st == CANTING_OK)
        st = ct_atomic_commit(&file, err);
    else if (opened)
        ct_atomic_abandon(&file);
    ct_ink_strip_free(&f.strip);
    ct_free(f.row);
    ct_free(f.label);
    ct_free(f.footer);
    return st;
}
