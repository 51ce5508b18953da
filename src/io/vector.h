/*
 * vector.h: PDF and SVG output of a motif's repeat.  Private to libcanting.
 */
#ifndef CANTING_VECTOR_H
#define CANTING_VECTOR_H

#include "motif/motif.h"

/* Writes the scene's repeat (in sc->layout, sc->fraction) filling a page of
 * w_mm x h_mm as `format` (PDF or SVG) at true size, with the motif's
 * border bands at the short ends when `borders` and it has them.  Written
 * atomically. */
canting_status ct_vector_write(const canting_motif *m, const ct_scene *sc, double w_mm, double h_mm,
                               canting_format format, int borders, const char *path, canting_error *err);

#endif
