/* png_write.c: rows streamed through libpng into an atomic file. */
#include "io/png_write.h"
#include "io/atomic.h"
#include "util/util.h"

#include <png.h>
#include <setjmp.h>
#include <string.h>

struct ct_png_writer {
    ct_atomic_file file;
    png_structp png;
    png_infop info;
    char message[200];    /* libpng's last error, for our own error record */
    uint32_t rows_left;
};

static void on_png_error(png_structp png, png_const_charp msg)
{
    ct_png_writer *w = png_get_error_ptr(png);
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
    png_set_IHDR(w->png, w->info, spec->width_px, spec->height_px, 8,
                 indexed ? PNG_COLOR_TYPE_PALETTE : colour_types[spec->channels], PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (indexed)
        set_palette(w, spec);
    png_uint_32 ppm = (png_uint_32)(spec->dpi / 0.0254 + 0.5);
    png_set_pHYs(w->png, w->info, ppm, ppm, PNG_RESOLUTION_METER);
    png_set_compression_level(w->png, spec->compression);
    /* Fast proofs: one cheap filter; level 0..2 skip filtering altogether.
     * Indices are not magnitudes, so filters only hurt them (PNG spec 12.8). */
    png_set_filter(w->png, 0, spec->compression <= 2 || indexed ? PNG_FILTER_NONE : PNG_FILTER_SUB);
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
    if (spec->palette_size > 0 && spec->channels != 1)
        return ct_fail(err, CANTING_EARG, "PNG: palette rows hold one index a pixel (channels must be 1)");
    ct_png_writer *w = ct_calloc(1, sizeof *w);
    if (!w)
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    w->rows_left = spec->height_px;
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
    if ((st = start(w, spec, err)) != CANTING_OK) {
        ct_png_abandon(w);
        return st;
    }
    *out = w;
    return CANTING_OK;
}

canting_status ct_png_write_rows(ct_png_writer *w, const uint8_t *rows, size_t stride, uint32_t count,
                                 canting_error *err)
{
    if (count > w->rows_left)
        return ct_fail(err, CANTING_EARG, "PNG: more rows than the image has");
    if (setjmp(png_jmpbuf(w->png)))
        return ct_fail(err, CANTING_EIO, "PNG: %s", w->message);
    for (uint32_t i = 0; i < count; i++)
        png_write_row(w->png, rows + (size_t)i * stride);
    w->rows_left -= count;
    return CANTING_OK;
}

static canting_status end(ct_png_writer *w, canting_error *err)
{
    if (setjmp(png_jmpbuf(w->png)))
        return ct_fail(err, CANTING_EIO, "PNG: %s", w->message);
    png_write_end(w->png, NULL);
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
    ct_atomic_abandon(&w->file);
    ct_free(w);
}
