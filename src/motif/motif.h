/*
 * motif.h: the motif handle, as the later stages see it.  Private to libcanting.
 */
#ifndef CANTING_MOTIF_H
#define CANTING_MOTIF_H

#include "motif/scene.h"

struct canting_motif {
    ct_motif_def *def;
    ct_binding *overrides;    /* parameter values set through canting_motif_set; names owned */
    size_t noverrides;
    canting_limits limits;
};

/* Evaluates the motif with its current parameter values into a scene. */
canting_status ct_motif_scene(const canting_motif *motif, ct_scene *scene, canting_error *err);

/* The i-th name a motif defines, over parameters, lets and inks in turn. */
void ct_motif_name_at(const ct_motif_def *m, size_t i, const char **name, int *line, int *column);

#endif
