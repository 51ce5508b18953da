/*
 * marks.h: the margin of a separation sheet or wax mask: registration
 * targets (a cross in a circle) at the middle of each side, crop marks at
 * the artwork's corners, a label (swatch, ink name and colour) above the
 * artwork and a footer below it.  Everything is placed from the artwork's
 * size and DPI alone, so it lands on the same pixels on every sheet of a
 * set.  Private to libcanting.
 */
#ifndef CANTING_MARKS_H
#define CANTING_MARKS_H

#include "canting.h"

typedef struct ct_box {
    uint32_t x, y, w, h;      /* in sheet pixels; w or h 0: no room */
} ct_box;

typedef struct ct_marks {
    uint32_t art_w, art_h;    /* the artwork, at (margin, margin) on the sheet */
    uint32_t margin;          /* 0: no marks, the sheet is the artwork */
    uint32_t sheet_w, sheet_h;
    uint32_t radius, arm, line; /* target ring radius, cross arm, line width (px) */
    uint32_t target_x[4], target_y[4]; /* centres: top, bottom, left, right */
    ct_box label, footer;
    double font_px;
} ct_marks;

/* Lays the marks out for a w x h artwork at `dpi`; `on` 0 gives no margin.
 * CANTING_ELIMIT when the sheet would be wider or taller than a PNG allows. */
canting_status ct_marks_layout(uint32_t art_w, uint32_t art_h, double dpi, int on, ct_marks *m, canting_error *err);

/* Row y of the sheet (0 .. sheet_h-1) as marks alone: sheet_w bytes of grey,
 * 255 paper, 0 black.  The artwork's pixels are the caller's to fill. */
void ct_marks_row(const ct_marks *m, uint32_t y, uint8_t *row);

/* Renders text into a box-sized grey image (*pixels, box.w bytes a row,
 * ct_free it), after a swatch of `rgb` when rgb is not NULL: grey of the
 * ink's lightness, or for bits == 1 that grey as an ordered dither.
 * *pixels is NULL for an empty box. */
canting_status ct_marks_text(const ct_box *box, double font_px, const char *text, const uint8_t *rgb, int bits,
                             uint8_t **pixels, canting_error *err);

#endif
