/*
 * png_write.h: a streamed PNG writer that writes to a temporary file and
 * renames it into place only when complete.  Private to libcanting.
 */
#ifndef CANTING_PNG_WRITE_H
#define CANTING_PNG_WRITE_H

#include "canting.h"

typedef struct ct_png_text {
    const char *key;      /* 1..79 Latin-1 characters */
    const char *value;
} ct_png_text;

typedef struct ct_png_spec {
    uint32_t width_px, height_px;
    int channels;         /* 1 grey, 3 RGB, 4 RGBA; 8 bits each */
    double dpi;           /* written as pHYs in pixels per metre */
    int compression;      /* zlib level 0..9 */
    const ct_png_text *texts;
    size_t ntexts;
    /* Optional palette: when palette_size is 1..256, channels must be 1 and
     * each row holds one palette index a pixel; the file is colour type
     * PALETTE, 8 bits.  palette_rgb holds palette_size R, G, B triples.
     * 0 (or fields left out of an initialiser): no palette. */
    const uint8_t *palette_rgb;
    int palette_size;
    /* When the rows repeat (row y equals row y mod period_rows, as a
     * repeat's do), one period is compressed once and its bytes written
     * again for every later whole period: the rows of those periods are not
     * looked at (ct_png_rows_needed says which to skip making).  0: no
     * period. */
    uint32_t period_rows;
    /* 1: a 1-bit grey image (a film, a wax mask): rows are still given as
     * 8-bit grey, and a sample of 128 or more is white, less is black.
     * 0 or 8: 8 bits a sample. */
    int bits;
} ct_png_spec;

typedef struct ct_png_writer ct_png_writer;

canting_status ct_png_open(const char *path, const ct_png_spec *spec, ct_png_writer **out, canting_error *err);

/* Writes `count` rows, each `stride` bytes apart.  `rows` may be NULL when
 * ct_png_rows_needed said the rows are not needed. */
canting_status ct_png_write_rows(ct_png_writer *w, const uint8_t *rows, size_t stride, uint32_t count,
                                 canting_error *err);

/* Whether rows y0 .. y0+count-1 (the next ones to write) will be read;
 * false when they all fall in a period that is written by copy, so the
 * caller may pass any bytes (or skip making them). */
int ct_png_rows_needed(const ct_png_writer *w, uint32_t count);

/* Finishes the file and renames it into place; after all rows only. */
canting_status ct_png_finish(ct_png_writer *w, canting_error *err);

/* Abandons the file: the temporary is removed, the target untouched.  Also
 * frees a finished writer.  NULL is allowed. */
void ct_png_abandon(ct_png_writer *w);

/* Writes an xRGB32 cairo image surface as an RGB PNG of `dpi` (atomically). */
typedef struct _cairo_surface cairo_surface_t;
canting_status ct_png_write_surface(cairo_surface_t *page, double dpi, const char *path, canting_error *err);

/* (palette.c) Turns a w x h RGB image (`stride` bytes a row) into a palette
 * and an index image, for a palette PNG: CANTING_OK when it has at most 256
 * distinct colours, with *count of them in `palette` (R, G, B triples, in
 * order of first appearance, row by row) and *indices a new w x h image of
 * one byte a pixel, *index_stride (= w) bytes a row, freed with ct_free.
 * CANTING_ERANGE when it has more (the caller keeps RGB), CANTING_EARG for
 * an empty image, CANTING_ENOMEM; on failure nothing stays allocated and
 * *indices is NULL. */
canting_status ct_palette_from_rgb(const uint8_t *rgb, uint32_t w, uint32_t h, size_t stride, uint8_t palette[768],
                                   int *count, uint8_t **indices, size_t *index_stride, canting_error *err);

#endif
