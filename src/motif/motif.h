/*
 * motif.h: the motif handle, as the later stages see it.  Private to libcanting.
 */
#ifndef CANTING_MOTIF_H
#define CANTING_MOTIF_H

#include "motif/scene.h"
#include "util/util.h"

struct canting_motif {
    ct_motif_def *def;
    ct_binding *overrides;    /* parameter values set through canting_motif_set; names owned */
    size_t noverrides;
    canting_limits limits;
    const ct_colourway_def *colourway;  /* NULL: the inks' own colours */
    ct_file_id source;                  /* the file it was loaded from, if any */
};

/* The colour (0xRRGGBB) ink i has in the chosen colourway. */
unsigned ct_motif_ink_rgb(const canting_motif *motif, size_t i);

/* Every ink's colour in the chosen colourway, for the renderer; rgb holds
 * at least 256 entries. */
void ct_motif_palette(const canting_motif *motif, unsigned *rgb);

/* Evaluates the motif with its current parameter values into a scene. */
canting_status ct_motif_scene(const canting_motif *motif, ct_scene *scene, canting_error *err);

/* The i-th name a motif defines, over parameters, lets and inks in turn. */
void ct_motif_name_at(const ct_motif_def *m, size_t i, const char **name, int *line, int *column);

#endif
