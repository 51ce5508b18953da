/* film_png.c: 1-bit PNG rows through libpng into an atomic file. */
#include "io/film_png.h"
#include "io/atomic.h"
#include "util/util.h"

#include <png.h>
#include <setjmp.h>
#include <string.h>

struct ct_film_writer {
    ct_atomic_file file;
    png_structp png;
    png_infop info;
    uint8_t *packed;      /* one row, 8 pixels a byte, first pixel in the high bit */
    uint32_t width, rows_left;
    char message[200];
};

static void on_error(png_structp png, png_const_charp msg)
{
    ct_film_writer *w = png_get_error_ptr(png);
    snprintf(w->message, sizeof w->message, "%s", msg);
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

static canting_status start(ct_film_writer *w, const ct_png_spec *spec, canting_error *err)
{
    if (setjmp(png_jmpbuf(w->png)))
        return ct_fail(err, CANTING_EIO, "PNG: %s", w->message);
    png_init_io(w->png, w->file.fp);
    png_set_IHDR(w->png, w->info, spec->width_px, spec->height_px, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_uint_32 ppm = (png_uint_32)(spec->dpi / 0.0254 + 0.5);
    png_set_pHYs(w->png, w->info, ppm, ppm, PNG_RESOLUTION_METER);
    png_set_compression_level(w->png, spec->compression);
    /* Filters work on whole bytes: at 1 bit a pixel they only cost time. */
    png_set_filter(w->png, 0, PNG_FILTER_NONE);
    for (size_t i = 0; i < spec->ntexts; i++) {
        png_text t;
        memset(&t, 0, sizeof t);
        t.compression = PNG_TEXT_COMPRESSION_NONE;
        t.key = (png_charp)spec->texts[i].key;
        t.text = (png_charp)spec->texts[i].value;
        png_set_text(w->png, w->info, &t, 1);
    }
    png_write_info(w->png, w->info);
    return CANTING_OK;
}

canting_status ct_film_open(const char *path, const ct_png_spec *spec, ct_film_writer **out, canting_error *err)
{
    *out = NULL;
    if (spec->width_px == 0 || spec->height_px == 0 || spec->width_px > PNG_UINT_31_MAX ||
        spec->height_px > PNG_UINT_31_MAX || spec->channels != 1 || spec->palette_size != 0)
        return ct_fail(err, CANTING_EARG, "PNG film: bad size, or not one grey channel");
    ct_film_writer *w = ct_calloc(1, sizeof *w);
    if (!w || !(w->packed = ct_malloc(spec->width_px / 8 + 1))) {
        ct_free(w);
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    }
    w->width = spec->width_px;
    w->rows_left = spec->height_px;
    canting_status st = ct_atomic_open(path, &w->file, err);
    if (st != CANTING_OK) {
        ct_free(w->packed);
        ct_free(w);
        return st;
    }
    w->png = png_create_write_struct(PNG_LIBPNG_VER_STRING, w, on_error, on_warning);
    w->info = w->png ? png_create_info_struct(w->png) : NULL;
    if (!w->info) {
        ct_film_abandon(w);
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    }
    png_set_user_limits(w->png, PNG_UINT_31_MAX, PNG_UINT_31_MAX);
    if ((st = start(w, spec, err)) != CANTING_OK) {
        ct_film_abandon(w);
        return st;
    }
    *out = w;
    return CANTING_OK;
}

static void pack(const uint8_t *grey, uint32_t width, uint8_t *out)
{
    uint32_t x = 0;
    for (; x + 8 <= width; x += 8, grey += 8) {
        unsigned byte = 0;
        for (int k = 0; k < 8; k++)
            byte = byte << 1 | (grey[k] >= 128);
        *out++ = (uint8_t)byte;
    }
    if (x < width) {
        unsigned byte = 0;
        for (int k = 0; k < 8; k++)
            byte = byte << 1 | (x + (uint32_t)k < width && grey[k] >= 128);
        *out = (uint8_t)byte;
    }
}

canting_status ct_film_write_rows(ct_film_writer *w, const uint8_t *grey, size_t stride, uint32_t count,
                                  canting_error *err)
{
    if (count > w->rows_left)
        return ct_fail(err, CANTING_EARG, "PNG film: more rows than the image has");
    if (setjmp(png_jmpbuf(w->png)))
        return ct_fail(err, CANTING_EIO, "PNG: %s", w->message);
    for (uint32_t i = 0; i < count; i++) {
        pack(grey + (size_t)i * stride, w->width, w->packed);
        png_write_row(w->png, w->packed);
    }
    w->rows_left -= count;
    return CANTING_OK;
}

static canting_status end(ct_film_writer *w, canting_error *err)
{
    if (setjmp(png_jmpbuf(w->png)))
        return ct_fail(err, CANTING_EIO, "PNG: %s", w->message);
    png_write_end(w->png, NULL);
    return CANTING_OK;
}

canting_status ct_film_finish(ct_film_writer *w, canting_error *err)
{
    canting_status st = w->rows_left ? ct_fail(err, CANTING_EARG, "PNG film: %u rows missing", w->rows_left)
                                     : end(w, err);
    if (st == CANTING_OK)
        st = ct_atomic_commit(&w->file, err);
    ct_film_abandon(w);
    return st;
}

void ct_film_abandon(ct_film_writer *w)
{
    if (!w)
        return;
    png_destroy_write_struct(&w->png, &w->info);
    ct_atomic_abandon(&w->file);
    ct_free(w->packed);
    ct_free(w);
}
