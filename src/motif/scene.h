/*
 * scene.h: a motif evaluated into a display list of filled and stroked
 * paths, in millimetres, with the origin at the centre of the repeat cell and
 * y pointing down.  Private to libcanting.
 */
#ifndef CANTING_SCENE_H
#define CANTING_SCENE_H

#include "motif/eval.h"
#include "motif/layout.h"

#include <cairo.h>

typedef enum ct_op_kind { OP_FILL, OP_STROKE } ct_op_kind;

/* A region ops are confined to (a `clip` block, an island): its path and
 * those of its parents all clip, so nested regions intersect.  Owned by the
 * scene and shared by every op drawn inside it. */
typedef struct ct_clip {
    cairo_path_t *path;           /* device mm, filled with the winding rule */
    const struct ct_clip *parent; /* the enclosing region, or NULL */
    double x0, y0, x1, y1;        /* extents, already cut to the parent's */
} ct_clip;

typedef struct ct_op {
    ct_op_kind kind;
    size_t ink;               /* index into the root motif's inks; 0 (cloth) knocks the others out */
    cairo_path_t *path;
    cairo_path_t *clip;       /* NULL, or the shape an isen or gradasi band is clipped to */
    const ct_clip *within;    /* NULL, or the region (and its parents) the op is drawn inside */
    double width_mm;          /* OP_STROKE: pen width */
    double x0, y0, x1, y1;    /* extents in mm, pen width included, cut to the clips */
} ct_op;

typedef struct ct_scene {
    ct_op *ops;
    size_t count, cap;
    ct_clip **clips;              /* every region the ops refer to */
    size_t nclips, clipcap;
    double cell_w_mm, cell_h_mm;  /* 0 when the motif declares no repeat */
    ct_layout_kind layout;        /* from `repeat ... layout NAME`; straight when none */
    double fraction;              /* its drop or shift, 0..1 */
} ct_scene;

/* Evaluates motif m with parameter overrides into *scene.  Errors point at
 * the statement or expression at fault; work beyond limits->max_elements
 * fails with CANTING_ELIMIT. */
canting_status ct_scene_build(const ct_motif_def *m, const ct_binding *overrides, size_t noverrides,
                              const canting_limits *limits, ct_scene *scene, canting_error *err);
void ct_scene_free(ct_scene *scene);

/* Which part of a motif to build: the field (its draw block, as
 * ct_scene_build) or its border band (CANTING_EARG when it has none). */
typedef enum ct_scene_part { CT_PART_FIELD, CT_PART_BORDER } ct_scene_part;

canting_status ct_scene_build_part(const ct_motif_def *m, const ct_binding *overrides, size_t noverrides,
                                   const canting_limits *limits, ct_scene_part part, ct_scene *scene,
                                   canting_error *err);

#endif
