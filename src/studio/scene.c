/* scene.c: reading a render request. */
#include "studio/scene.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A finite number within [lo, hi], the whole text. */
static int number_in(const char *text, double lo, double hi, double *out)
{
    char *end;
    if (!text || !*text)
        return 0;
    double v = strtod(text, &end);
    if (*end || !isfinite(v) || v < lo || v > hi)
        return 0;
    *out = v;
    return 1;
}

int studio_scene_motif(studio *s, const studio_form *form, const char *name, canting_motif **out,
                       studio_reply *r)
{
    size_t len;
    const char *text = studio_form_get(form, "source", &len);
    studio_source src = {0};
    char msg[400];
    canting_error err;
    if (!studio_name_ok(name)) {
        studio_reply_error(r, 400, "a motif name is 1 to 64 letters, digits, '-' or '_', not '%.80s'", name);
        return -1;
    }
    if (text) {
        src.text = (char *)text;
        src.len = len;
        studio_library_origin(&s->lib, name, &src);
    } else {
        unsigned status = studio_library_read(&s->lib, name, &src, msg, sizeof msg);
        if (status) {
            studio_reply_error(r, status, "%s", msg);
            return -1;
        }
    }
    canting_status st = studio_library_parse(&s->lib, &src, out, &err);
    if (!text)
        studio_source_free(&src);
    if (st != CANTING_OK) {
        studio_reply_canting(r, &err);
        return -1;
    }
    return 0;
}

/* Keeps a header value to printable ASCII. */
static void note_applied(studio_reply *r, const char *name, const char *value)
{
    size_t used = strlen(r->applied);
    snprintf(r->applied + used, sizeof r->applied - used, "%s%s=%s", used ? "; " : "", name, value);
    for (char *p = r->applied + used; *p; p++)
        if (*p < 0x20 || *p > 0x7e)
            *p = '?';
}

/* Every "p.NAME" field sets parameter NAME. */
static int apply_params(const studio_form *form, studio_scene *sc, studio_reply *r)
{
    for (size_t i = 0; i < form->count; i++) {
        const studio_field *f = &form->field[i];
        canting_error err;
        if (strncmp(f->key, "p.", 2) != 0)
            continue;
        if (canting_motif_set(sc->motif, f->key + 2, f->value, &err) != CANTING_OK) {
            studio_reply_canting(r, &err);
            return -1;
        }
        note_applied(r, f->key + 2, f->value);
    }
    return 0;
}

static int apply_look(const studio_form *form, studio_scene *sc, studio_reply *r)
{
    const char *colourway = studio_form_get(form, "colourway", NULL);
    const char *layout = studio_form_get(form, "layout", NULL);
    const char *fraction = studio_form_get(form, "fraction", NULL);
    const char *border = studio_form_get(form, "border", NULL);
    canting_error err;
    if (colourway && *colourway && canting_motif_set_colourway(sc->motif, colourway, &err) != CANTING_OK) {
        studio_reply_canting(r, &err);
        return -1;
    }
    if (layout && *layout)
        sc->render.layout = layout; /* checked by the library, which names the choices */
    if (fraction && *fraction && !number_in(fraction, 0, 1, &sc->render.fraction)) {
        studio_reply_error(r, 400, "fraction (the drop or shift) is a share from 0 to 1, not '%.40s'", fraction);
        return -1;
    }
    sc->render.field_only = border && !strcmp(border, "0");
    return 0;
}

static int apply_size(const studio_form *form, studio_scene *sc, studio_reply *r)
{
    const char *dpi = studio_form_get(form, "dpi", NULL);
    const char *size = studio_form_get(form, "size", NULL);
    canting_error err;
    if (dpi && *dpi && !number_in(dpi, STUDIO_MIN_DPI, STUDIO_MAX_DPI, &sc->render.dpi)) {
        studio_reply_error(r, 400, "dpi is a number from %g to %g, not '%.40s'", STUDIO_MIN_DPI, STUDIO_MAX_DPI, dpi);
        return -1;
    }
    sc->size_given = size && *size;
    if (sc->size_given &&
        canting_parse_size(size, sc->render.dpi, &sc->render.width_mm, &sc->render.height_mm, &err) != CANTING_OK) {
        studio_reply_canting(r, &err);
        return -1;
    }
    if (!sc->size_given) { /* two repeat units, as the command does, said in millimetres */
        double w, h;
        if (canting_motif_cell_mm(sc->motif, &w, &h, &err) != CANTING_OK) {
            studio_reply_canting(r, &err);
            return -1;
        }
        sc->render.width_mm = 2 * w;
        sc->render.height_mm = 2 * h;
    }
    if (!(sc->render.width_mm > 0 && sc->render.height_mm > 0 && sc->render.width_mm <= STUDIO_MAX_CLOTH_MM &&
          sc->render.height_mm <= STUDIO_MAX_CLOTH_MM)) {
        studio_reply_error(r, 400, "a cloth of %.0f x %.0f mm is outside what the studio renders (up to %.0f m a side)",
                           sc->render.width_mm, sc->render.height_mm, STUDIO_MAX_CLOTH_MM / 1000);
        return -1;
    }
    return 0;
}

int studio_scene_load(studio *s, const studio_form *form, studio_scene *sc, studio_reply *r)
{
    const char *name = studio_form_get(form, "motif", NULL);
    *sc = (studio_scene){0};
    canting_render_options_init(&sc->render);
    if (!name) {
        studio_reply_error(r, 400, "which motif? the request needs motif=NAME");
        return -1;
    }
    snprintf(sc->name, sizeof sc->name, "%s", name);
    if (studio_scene_motif(s, form, name, &sc->motif, r) || apply_params(form, sc, r) || apply_look(form, sc, r) ||
        apply_size(form, sc, r))
        return -1;
    /* A job is one of several running at once: one thread each keeps the
     * pool's share of the cores fair; the library's output does not depend
     * on the thread count. */
    sc->render.threads = 1;
    return 0;
}

int studio_scene_print_ok(const studio_scene *sc, studio_reply *r)
{
    uint64_t w = canting_mm_to_px(sc->render.width_mm, sc->render.dpi);
    uint64_t h = canting_mm_to_px(sc->render.height_mm, sc->render.dpi);
    if (w == 0 || h == 0 || w * h > STUDIO_MAX_PRINT_PIXELS) {
        studio_reply_error(r, 400,
                           "%llu x %llu px is too large for the studio (at most %llu Mpx); lower the dpi or the size, "
                           "or use `canting render`",
                           (unsigned long long)w, (unsigned long long)h, STUDIO_MAX_PRINT_PIXELS / 1000000);
        return -1;
    }
    snprintf(r->render_info, sizeof r->render_info, "%llux%llu px at %g dpi", (unsigned long long)w,
             (unsigned long long)h, sc->render.dpi);
    return 0;
}

int studio_scene_preview(studio_scene *sc, const studio_form *form, studio_reply *r)
{
    const char *view = studio_form_get(form, "view", NULL);
    unsigned vw, vh;
    char tail;
    if (!view || sscanf(view, "%ux%u%c", &vw, &vh, &tail) != 2 || vw < 16 || vh < 16 ||
        vw > STUDIO_MAX_PREVIEW_SIDE || vh > STUDIO_MAX_PREVIEW_SIDE) {
        studio_reply_error(r, 400, "view is the preview's size WxH in pixels, 16 to %d a side, not '%.40s'",
                           STUDIO_MAX_PREVIEW_SIDE, view ? view : "");
        return -1;
    }
    /* The whole cloth, scaled to fit the view. */
    double fit_w = vw * 25.4 / sc->render.width_mm, fit_h = vh * 25.4 / sc->render.height_mm;
    sc->render.dpi = fit_w < fit_h ? fit_w : fit_h;
    sc->render.compression = 1; /* speed over size on the loopback */
    uint64_t w = canting_mm_to_px(sc->render.width_mm, sc->render.dpi);
    uint64_t h = canting_mm_to_px(sc->render.height_mm, sc->render.dpi);
    if (w == 0 || h == 0 || w > STUDIO_MAX_PREVIEW_SIDE || h > STUDIO_MAX_PREVIEW_SIDE) {
        studio_reply_error(r, 400, "the cloth does not fit a %ux%u preview", vw, vh);
        return -1;
    }
    snprintf(r->render_info, sizeof r->render_info, "%llux%llu px at %.1f dpi", (unsigned long long)w,
             (unsigned long long)h, sc->render.dpi);
    return 0;
}

void studio_format_value(char *buf, size_t size, canting_unit_kind kind, double value)
{
    const char *unit = kind == CANTING_UNIT_LENGTH ? "mm" : kind == CANTING_UNIT_ANGLE ? "deg" : "";
    snprintf(buf, size, "%.6g%s", value, unit);
}

void studio_scene_free(studio_scene *sc)
{
    canting_motif_free(sc->motif);
    sc->motif = NULL;
}
