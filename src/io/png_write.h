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
} ct_png_spec;

typedef struct ct_png_writer ct_png_writer;

canting_status ct_png_open(const char *path, const ct_png_spec *spec, ct_png_writer **out, canting_error *err);

/* Writes `count` rows, each `stride` bytes apart. */
canting_status ct_png_write_rows(ct_png_writer *w, const uint8_t *rows, size_t stride, uint32_t count,
                                 canting_error *err);

/* Finishes the file and renames it into place; after all rows only. */
canting_status ct_png_finish(ct_png_writer *w, canting_error *err);

/* Abandons the file: the temporary is removed, the target untouched.  Also
 * frees a finished writer.  NULL is allowed. */
void ct_png_abandon(ct_png_writer *w);

#endif
