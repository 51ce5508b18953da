/*
 * film_png.h: a streamed 1-bit greyscale PNG (bit depth 1), the form a
 * screen printer's film or a wax mask takes.  Written atomically like
 * png_write.h, whose spec it takes.  Private to libcanting.
 *
 * ct_png_writer only writes 8-bit samples; films are 1/8 the size raw and
 * leave no doubt about what is ink.
 */
#ifndef CANTING_FILM_PNG_H
#define CANTING_FILM_PNG_H

#include "io/png_write.h"

typedef struct ct_film_writer ct_film_writer;

/* Starts the file under a temporary name.  spec->channels must be 1 and no
 * palette is allowed (CANTING_EARG). */
canting_status ct_film_open(const char *path, const ct_png_spec *spec, ct_film_writer **out, canting_error *err);

/* Writes `count` rows given as 8-bit grey, `stride` bytes apart: a sample
 * of 128 or more becomes white (1), less becomes black (0). */
canting_status ct_film_write_rows(ct_film_writer *w, const uint8_t *grey, size_t stride, uint32_t count,
                                  canting_error *err);

/* Finishes the file and renames it into place; after all rows only.  The
 * writer is freed whatever the outcome. */
canting_status ct_film_finish(ct_film_writer *w, canting_error *err);

/* Removes the temporary and frees the writer; NULL is allowed. */
void ct_film_abandon(ct_film_writer *w);

#endif
