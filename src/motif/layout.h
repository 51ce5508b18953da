/*
 * layout.h: the repeat layouts a motif or a raster tile can be laid out in,
 * by the names `repeat ... layout NAME` and `--layout NAME` take.  One
 * catalogue for the language, the renderer and the repeat engine.
 * Private to libcanting.
 */
#ifndef CANTING_LAYOUT_H
#define CANTING_LAYOUT_H

#include "canting.h"

typedef enum ct_layout_kind {
    /* made by the repeat engine from one tile */
    CT_LAYOUT_STRAIGHT = 0,
    CT_LAYOUT_HALF_DROP,
    CT_LAYOUT_BRICK,
    CT_LAYOUT_MIRROR,
    /* the 17 wallpaper groups: the unit is built with the group's
     * reflections and rotations, then repeated straight */
    CT_LAYOUT_P1,
    CT_LAYOUT_P2,
    CT_LAYOUT_PM,
    CT_LAYOUT_PG,
    CT_LAYOUT_CM,
    CT_LAYOUT_PMM,
    CT_LAYOUT_PMG,
    CT_LAYOUT_PGG,
    CT_LAYOUT_CMM,
    CT_LAYOUT_P4,
    CT_LAYOUT_P4M,
    CT_LAYOUT_P4G,
    CT_LAYOUT_P3,
    CT_LAYOUT_P3M1,
    CT_LAYOUT_P31M,
    CT_LAYOUT_P6,
    CT_LAYOUT_P6M,
    CT_LAYOUT_COUNT
} ct_layout_kind;

/* The drop (half-drop) or shift (brick) when none is named. */
#define CT_LAYOUT_DEFAULT_FRACTION 0.5

/* Reads a layout name (exact, lowercase).  CANTING_EARG for NULL or an
 * unknown name (*out untouched). */
canting_status ct_layout_parse(const char *name, ct_layout_kind *out);

/* The name ct_layout_parse reads for `kind`; "?" for a value out of range. */
const char *ct_layout_name(ct_layout_kind kind);

/* Every name, comma-separated, for messages. */
const char *ct_layout_list(void);

/* True for the wallpaper groups with a hexagonal lattice (p3 ... p6m), which
 * need a motif: a raster tile cannot be turned by 60 degrees on its grid. */
int ct_layout_is_hexagonal(ct_layout_kind kind);

#endif
