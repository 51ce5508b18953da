/* json.c: what a motif is, as JSON for other programs (`canting info
 * --json`, the studio).  Written snprintf-style into the caller's buffer. */
#include "motif/motif.h"
#include "util/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct out {
    char *buf;
    size_t size, len;
} out;

static void put(out *o, const char *fmt, ...) CT_PRINTF(2, 3);
static void put(out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t room = o->len < o->size ? o->size - o->len : 0;
    int n = vsnprintf(room ? o->buf + o->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->len += (size_t)n;
}

/* A JSON string: quotes, backslashes and control characters escaped. */
static void put_string(out *o, const char *s)
{
    put(o, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            put(o, "\\%c", c);
        else if (c < 0x20)
            put(o, "\\u%04x", c);
        else
            put(o, "%c", c);
    }
    put(o, "\"");
}

static const char *unit_of(canting_unit_kind kind)
{
    return kind == CANTING_UNIT_LENGTH ? "mm" : kind == CANTING_UNIT_ANGLE ? "deg" : "";
}

static void put_params(out *o, const canting_motif *m)
{
    put(o, "\"params\": [");
    for (size_t i = 0; i < canting_motif_param_count(m); i++) {
        canting_param_info p;
        if (canting_motif_param(m, i, &p) != CANTING_OK)
            continue;
        put(o, "%s{\"name\": ", i ? ", " : "");
        put_string(o, p.name);
        put(o, ", \"description\": ");
        put_string(o, p.description);
        put(o, ", \"description_id\": ");
        put_string(o, p.description_id);
        put(o, ", \"unit\": \"%s\", \"value\": %.10g, \"default\": %.10g", unit_of(p.kind), p.value, p.default_value);
        if (p.has_range)
            put(o, ", \"min\": %.10g, \"max\": %.10g", p.min, p.max);
        put(o, "}");
    }
    put(o, "]");
}

static void put_inks(out *o, const canting_motif *m)
{
    put(o, "\"inks\": [");
    for (size_t i = 0; i < m->def->ninks; i++) {
        const ct_ink_def *ink = &m->def->inks[i];
        put(o, "%s{\"name\": ", i ? ", " : "");
        put_string(o, ink->name);
        put(o, ", \"description\": ");
        put_string(o, ink->description);
        put(o, ", \"colour\": \"#%06x\"}", ct_motif_ink_rgb(m, i));
    }
    put(o, "]");
}

static void put_colourways(out *o, const canting_motif *m)
{
    put(o, "\"colourways\": [");
    for (size_t i = 0; i < m->def->ncolourways; i++) {
        const ct_colourway_def *cw = &m->def->colourways[i];
        put(o, "%s{\"name\": ", i ? ", " : "");
        put_string(o, cw->name);
        put(o, ", \"inks\": {");
        for (size_t k = 0; k < cw->count; k++) {
            put(o, "%s", k ? ", " : "");
            put_string(o, m->def->inks[cw->ink_index[k]].name);
            put(o, ": \"#%06x\"", cw->rgb[k]);
        }
        put(o, "}}");
    }
    put(o, "]");
}

static void put_repeat(out *o, const canting_motif *m)
{
    ct_scene sc;
    if (ct_motif_scene(m, &sc, NULL) != CANTING_OK || sc.cell_w_mm <= 0) {
        put(o, "\"repeat\": null");
        return;
    }
    put(o, "\"repeat\": {\"width_mm\": %.10g, \"height_mm\": %.10g, \"layout\": \"%s\"", sc.cell_w_mm, sc.cell_h_mm,
        ct_layout_name(sc.layout));
    if (sc.layout == CT_LAYOUT_HALF_DROP || sc.layout == CT_LAYOUT_BRICK)
        put(o, ", \"fraction\": %.10g", sc.fraction);
    put(o, "}");
    ct_scene_free(&sc);
}

canting_status canting_motif_json(const canting_motif *motif, char *buf, size_t size, size_t *needed,
                                  canting_error *err)
{
    ct_error_clear(err);
    if (!motif || (!buf && size))
        return ct_fail(err, CANTING_EARG, "canting_motif_json: NULL argument");
    out o = {buf, size, 0};
    put(&o, "{\"name\": ");
    put_string(&o, motif->def->name);
    put(&o, ", \"title\": ");
    put_string(&o, motif->def->title);
    put(&o, ", \"title_id\": ");
    put_string(&o, motif->def->title_id);
    put(&o, ", ");
    put_repeat(&o, motif);
    put(&o, ", \"border\": ");
    if (motif->def->border)
        put_string(&o, motif->def->border->used->name);
    else
        put(&o, "null");
    put(&o, ", ");
    put_params(&o, motif);
    put(&o, ", ");
    put_inks(&o, motif);
    put(&o, ", ");
    put_colourways(&o, motif);
    put(&o, "}");
    if (needed)
        *needed = o.len + 1;
    if (o.len >= size)
        return ct_fail(err, CANTING_ERANGE, "the JSON needs %zu bytes", o.len + 1);
    return CANTING_OK;
}
