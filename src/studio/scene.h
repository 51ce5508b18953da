/* scene.h: what a render request asks for, read from its form and checked:
 * the motif (by name, or motif text from the editor), parameter values,
 * colourway, layout, border, cloth size and resolution. */
#ifndef CANTING_STUDIO_SCENE_H
#define CANTING_STUDIO_SCENE_H

#include "studio/studio.h"

typedef struct studio_scene {
    char name[72];
    canting_motif *motif;
    canting_render_options render; /* size and print dpi */
    int size_given;                /* else two repeat units */
} studio_scene;

/* Loads and configures the motif.  Returns 0, or -1 with the reply filled
 * with the error. */
int studio_scene_load(studio *s, const studio_form *form, studio_scene *sc, studio_reply *r);

/* Checks that the print-size image stays within the studio's bounds. */
int studio_scene_print_ok(const studio_scene *sc, studio_reply *r);

/* Turns the scene into a screen preview fitting view=WxH pixels. */
int studio_scene_preview(studio_scene *sc, const studio_form *form, studio_reply *r);

/* Loads a motif by name or from the form's "source" text. */
int studio_scene_motif(studio *s, const studio_form *form, const char *name, canting_motif **out,
                       studio_reply *r);

/* "123mm", "5deg" or "0.3": a value in a parameter's own unit, as
 * canting_motif_set reads it. */
void studio_format_value(char *buf, size_t size, canting_unit_kind kind, double value);

void studio_scene_free(studio_scene *sc);

#endif
