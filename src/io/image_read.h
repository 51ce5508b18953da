/*
 * image_read.h: what a loaded raster tile is (canting_image_load reads it,
 * the repeat engine uses its pixels).  Private to libcanting.
 */
#ifndef CANTING_IMAGE_READ_H
#define CANTING_IMAGE_READ_H

#include "canting.h"
#include "util/util.h"

#include <stdio.h>

/* No side longer than this is read, whatever canting_limits.max_pixels
 * allows: a tile a million pixels long is a mistake, not a repeat unit. */
#define CT_IMAGE_MAX_SIDE_PX 1000000u

struct canting_image {
    uint32_t width_px, height_px;  /* both at least 1 */
    size_t stride;                 /* bytes a row: 3 * width_px */
    uint8_t *rgb;                  /* R, G, B, 8 bits each, top row first; opaque
                                      (transparency is composited over white) */
    double dpi;                    /* from pHYs or the JFIF density; 0 when none */
    ct_file_id source;             /* the file it was read from */
};

/* canting_image_load on an open stream (named `name` in messages), which it
 * reads from the start and leaves open: the fuzz target feeds it bytes
 * through fmemopen.  `limits` may be NULL for the defaults. */
canting_status ct_image_read(FILE *fp, const char *name, const canting_limits *limits, canting_image **out,
                             canting_error *err);

#endif
