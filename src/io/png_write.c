/* png_write.c: a PNG streamed into an atomic file: libpng writes the header
 * chunks and frames the chunks; the image data is made by png_idat.c. */
#include "io/png_write.h"
#include "io/atomic.h"
#include "io/png_idat.h"
#include "util/util.h"

#include <cairo.h>
#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <string.h>

struct ct_png_writer {
    ct_atomic_file file;
    png_structp png;
    png_infop info;
    char message[200];    /* libpng's last error, for our own error record */
    uint32_t rows_left;
    int palette_size;     /* 0: not a palette image */
    uint8_t *packed;      /* 1-bit images: one row, 8 pixels a byte, the first in the high bit */
    uint32_t width;
    ct_idat idat;
};

/* libpng's write errors say only "Write Error": the reason is in errno
 * (a full disk is ENOSPC), and the file is named where the error is made. */
static void on_png_error(png_structp png, png_const_charp msg)
{
    ct_png_writer *w = png_get_error_ptr(png);
    int e = errno;
    if (e)
        snprintf(w->message, sizeof w->message, "%s: %s", msg, strerror(e));
    else
        snprintf(w->message, sizeof w->message, "%s", msg);
    png_longjmp(png, 1);
}

static void on_png_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

static void set_palette(ct_png_writer *w, const ct_png_spec *spec)
{
    png_color colours[256];
    for (int i = 0; i < spec->palette_size; i++) {
        colours[i].red = spec->palette_rgb[3 * i];
        colours[i].green = spec->palette_rgb[3 * i + 1];
        colours[i].blue = spec->palette_rgb[3 * i + 2];
    }
    png_set_PLTE(w->png, w->info, colours, spec->palette_size);
}

static void set_header(ct_png_writer *w, const ct_png_spec *spec)
{
    static const int colour_types[] = {0, PNG_COLOR_TYPE_GRAY, 0, PNG_COLOR_TYPE_RGB, PNG_COLOR_TYPE_RGB_ALPHA};
    int indexed = spec->palette_size > 0;
    png_set_IHDR(w->png, w->info, spec->width_px, spec->height_px, spec->bits == 1 ? 1 : 8,
                 indexed ? PNG_COLOR_TYPE_PALETTE : colour_types[spec->channels], PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (indexed)
        set_palette(w, spec);
    png_uint_32 ppm = (png_uint_32)(spec->dpi / 0.0254 + 0.5);
    png_set_pHYs(w->png, w->info, ppm, ppm, PNG_RESOLUTION_METER);
}

/* Fast proofs: one cheap filter; level 0..2 skip filtering altogether.
 * Indices are not magnitudes, so filters only hurt them (PNG spec 12.8). */
static canting_status start_idat(ct_png_writer *w, const ct_png_spec *spec, canting_error *err)
{
    unsigned bpp = spec->palette_size > 0 ? 1 : (unsigned)spec->channels;
    /* Filters work on whole bytes: at 1 bit a pixel they only cost time. */
    int sub = !(spec->compression <= 2 || spec->palette_size > 0 || spec->bits == 1);
    uint32_t row_units = spec->bits == 1 ? (spec->width_px + 7) / 8 : spec->width_px;
    if ((size_t)spec->width_px * bpp >= 0x7fffffff)
        return ct_fail(err, CANTING_ELIMIT, "PNG: rows of %u px are too long", spec->width_px);
    if (spec->bits == 1 && !(w->packed = ct_malloc(row_units)))
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    if (ct_idat_init(&w->idat, row_units, spec->height_px, bpp, spec->compression, sub, spec->period_rows) !=
        CANTING_OK)
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    return CANTING_OK;
}

/* 8-bit grey to 1 bit a pixel: 128 and up is white. */
static const uint8_t *pack_row(ct_png_writer *w, const uint8_t *grey)
{
    memset(w->packed, 0, (w->width + 7) / 8);
    for (uint32_t x = 0; x < w->width; x++)
        if (grey[x] >= 128)
            w->packed[x >> 3] |= (uint8_t)(0x80u >> (x & 7));
    return w->packed;
}

static void set_texts(ct_png_writer *w, const ct_png_spec *spec)
{
    for (size_t i = 0; i < spec->ntexts; i++) {
        png_text t;
        memset(&t, 0, sizeof t);
        t.compression = PNG_TEXT_COMPRESSION_NONE;
        t.key = (png_charp)spec->texts[i].key;
        t.text = (png_charp)spec->texts[i].value;
        png_set_text(w->png, w->info, &t, 1);
    }
}

static canting_status start(ct_png_writer *w, const ct_png_spec *spec, canting_error *err)
{
    if (setjmp(png_jmpbuf(w->png)))
        return ct_fail(err, CANTING_EIO, "PNG: %s", w->message);
    png_init_io(w->png, w->file.fp);
    set_header(w, spec);
    set_texts(w, spec);
    png_write_info(w->png, w->info);
    return CANTING_OK;
}

canting_status ct_png_open(const char *path, const ct_png_spec *spec, ct_png_writer **out, canting_error *err)
{
    *out = NULL;
    if (spec->width_px == 0 || spec->height_px == 0 || spec->width_px > PNG_UINT_31_MAX ||
        spec->height_px > PNG_UINT_31_MAX || spec->channels < 1 || spec->channels > 4 || spec->channels == 2)
        return ct_fail(err, CANTING_EARG, "PNG: bad size or channel count");
    if (spec->palette_size < 0 || spec->palette_size > 256 || (spec->palette_size > 0 && !spec->palette_rgb))
        return ct_fail(err, CANTING_EARG, "PNG: a palette has 1..256 colours");
    if (spec->bits != 0 && spec->bits != 8 && (spec->bits != 1 || spec->channels != 1 || spec->palette_size))
        return ct_fail(err, CANTING_EARG, "PNG: 1-bit images are grey, without a palette");
    if (spec->palette_size > 0 && spec->channels != 1)
        return ct_fail(err, CANTING_EARG, "PNG: palette rows hold one index a pixel (channels must be 1)");
    ct_png_writer *w = ct_calloc(1, sizeof *w);
    if (!w)
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    w->rows_left = spec->height_px;
    w->palette_size = spec->palette_size;
    w->width = spec->width_px;
    canting_status st = ct_atomic_open(path, &w->file, err);
    if (st != CANTING_OK) {
        ct_free(w);
        return st;
    }
    w->png = png_create_write_struct(PNG_LIBPNG_VER_STRING, w, on_png_error, on_png_warning);
    w->info = w->png ? png_create_info_struct(w->png) : NULL;
    if (!w->info) {
        ct_png_abandon(w);
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    }
    png_set_user_limits(w->png, PNG_UINT_31_MAX, PNG_UINT_31_MAX);
    if ((st = start_idat(w, spec, err)) != CANTING_OK || (st = start(w, spec, err)) != CANTING_OK) {
        ct_png_abandon(w);
        return st;
    }
    *out = w;
    return CANTING_OK;
}

/* The idat sink: one IDAT chunk, framed and checksummed by libpng. */
static canting_status write_idat(void *user, const uint8_t *bytes, size_t n)
{
    ct_png_writer *w = user;
    if (setjmp(png_jmpbuf(w->png)))
        return CANTING_EIO;
    png_write_chunk(w->png, (png_const_bytep) "IDAT", bytes, n);
    return CANTING_OK;
}

static canting_status idat_failed(ct_png_writer *w, canting_status st, canting_error *err)
{
    if (st == CANTING_ENOMEM)
        return ct_fail(err, st, "out of memory");
    return ct_fail_at(err, CANTING_EIO, w->file.target, 0, 0, "cannot write the PNG: %s",
                      w->message[0] ? w->message : strerror(errno ? errno : EIO));
}

/* A palette image's bytes are indices: each must name a palette entry. */
static int indices_fit(const ct_png_writer *w, const uint8_t *row)
{
    if (w->palette_size == 0 || w->palette_size == 256)
        return 1;
    uint8_t top = 0;
    for (size_t i = 0; i < w->idat.row_bytes; i++)
        top = row[i] > top ? row[i] : top;
    return top < w->palette_size;
}

int ct_png_rows_needed(const ct_png_writer *w, uint32_t count)
{
    for (uint32_t k = 0; k < count; k++)
        if (ct_idat_row_needed(&w->idat, w->idat.rows + k))
            return 1;
    return 0;
}

canting_status ct_png_write_rows(ct_png_writer *w, const uint8_t *rows, size_t stride, uint32_t count,
                                 canting_error *err)
{
    if (count > w->rows_left)
        return ct_fail(err, CANTING_EARG, "PNG: more rows than the image has");
    for (uint32_t i = 0; i < count; i++) {
        const uint8_t *row = rows ? rows + (size_t)i * stride : NULL;
        if (!row && ct_idat_row_needed(&w->idat, w->idat.rows))
            return ct_fail(err, CANTING_EARG, "PNG: a needed row is missing");
        if (row && !indices_fit(w, row))
            return ct_fail(err, CANTING_EARG, "PNG: a palette index is past the palette's end");
        if (row && w->packed)
            row = pack_row(w, row);
        canting_status st = ct_idat_row(&w->idat, row, write_idat, w);
        if (st != CANTING_OK)
            return idat_failed(w, st, err);
    }
    w->rows_left -= count;
    return CANTING_OK;
}

static canting_status end(ct_png_writer *w, canting_error *err)
{
    canting_status st = ct_idat_finish(&w->idat, write_idat, w);
    if (st != CANTING_OK)
        return idat_failed(w, st, err);
    if (setjmp(png_jmpbuf(w->png)))
        return ct_fail(err, CANTING_EIO, "PNG: %s", w->message);
    png_write_chunk(w->png, (png_const_bytep) "IEND", NULL, 0);
    png_write_flush(w->png);
    return CANTING_OK;
}

canting_status ct_png_finish(ct_png_writer *w, canting_error *err)
{
    canting_status st = w->rows_left ? ct_fail(err, CANTING_EARG, "PNG: %u rows missing", w->rows_left)
                                     : end(w, err);
    if (st == CANTING_OK)
        st = ct_atomic_commit(&w->file, err);
    ct_png_abandon(w);
    return st;
}

void ct_png_abandon(ct_png_writer *w)
{
    if (!w)
        return;
    png_destroy_write_struct(&w->png, &w->info);
    ct_idat_release(&w->idat);
    ct_free(w->packed);
    ct_atomic_abandon(&w->file);
    ct_free(w);
}

/* An image surface (xRGB32) row by row into a PNG. */
canting_status ct_png_write_surface(cairo_surface_t *page, double dpi, const char *path, canting_error *err)
{
    uint32_t w = (uint32_t)cairo_image_surface_get_width(page), h = (uint32_t)cairo_image_surface_get_height(page);
    size_t stride = (size_t)cairo_image_surface_get_stride(page);
    uint8_t *row = ct_malloc((size_t)w * 3);
    ct_png_writer *png = NULL;
    ct_png_spec spec = {.width_px = w, .height_px = h, .channels = 3, .dpi = dpi, .compression = 6};
    canting_status st = row ? ct_png_open(path, &spec, &png, err) : ct_fail(err, CANTING_ENOMEM, "out of memory");
    for (uint32_t y = 0; st == CANTING_OK && y < h; y++) {
        const uint32_t *px = (const uint32_t *)(const void *)(cairo_image_surface_get_data(page) + y * stride);
        for (uint32_t x = 0; x < w; x++) {
            row[3 * x] = (uint8_t)(px[x] >> 16);
            row[3 * x + 1] = (uint8_t)(px[x] >> 8);
            row[3 * x + 2] = (uint8_t)px[x];
        }
        st = ct_png_write_rows(png, row, 0, 1, err);
    }
    if (st == CANTING_OK && png)
        st = ct_png_finish(png, err);
    else
        ct_png_abandon(png);
    ct_free(row);
    return st;
}
