/* proof.c: a motif's repeat streamed strip by strip into a PNG proof. */
#include "io/png_write.h"
#include "render/tile.h"
#include "repeat/layout.h"
#include "util/util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Rows produced per strip: enough to keep the threads busy, small enough
 * that memory stays bounded by the strip, not the image. */
#define STRIP_ROWS 64

/* PNG allows 2^31-1 px a side; we keep to what a uint32_t row count and libpng handle. */
#define PNG_SIDE_MAX 0x7fffffffULL

void canting_render_options_init(canting_render_options *options)
{
    if (!options)
        return;
    memset(options, 0, sizeof *options);
    options->dpi = 150;
    options->fraction = -1;
    options->compression = 3;
    options->quality = 90;
}

const char *canting_layout_names(void)
{
    return ct_layout_list();
}

uint64_t canting_mm_to_px(double length_mm, double dpi)
{
    double px = round(length_mm * dpi / 25.4);
    if (!(px >= 0))
        return 0;
    return px >= 1.8e19 ? UINT64_MAX : (uint64_t)px;
}

/* The metadata a proof carries: what made it, so it can be made again. */
typedef struct proof_texts {
    ct_png_text items[80];
    char values[80][96];
    size_t count;
} proof_texts;

static void add_text(proof_texts *t, const char *key, const char *value)
{
    if (t->count == sizeof t->items / sizeof t->items[0])
        return;
    snprintf(t->values[t->count], sizeof t->values[0], "%s", value);
    t->items[t->count].key = key;
    t->items[t->count].value = t->values[t->count];
    t->count++;
}

static void collect_texts(const canting_motif *m, double dpi, proof_texts *t, char keys[][80])
{
    char buf[96];
    t->count = 0;
    add_text(t, "Software", "canting " CANTING_VERSION_STRING);
    add_text(t, "canting:motif", m->def->name);
    snprintf(buf, sizeof buf, "%g", dpi);
    add_text(t, "canting:dpi", buf);
    for (size_t i = 0; i < m->def->nparams && t->count < 80; i++) {
        canting_param_info info;
        if (canting_motif_param(m, i, &info) != CANTING_OK)
            continue;
        ct_value_format((ct_value){info.value, info.kind}, buf, sizeof buf);
        snprintf(keys[i], 80, "canting:param:%.60s", info.name);
        add_text(t, keys[i], buf);
    }
}

static canting_status output_size(const canting_motif *m, const canting_render_options *o, uint32_t *w,
                                  uint32_t *h, canting_error *err)
{
    double cw, ch;
    canting_status st = canting_motif_cell_mm(m, &cw, &ch, err);
    if (st != CANTING_OK)
        return st;
    uint64_t wpx = canting_mm_to_px(o->width_mm > 0 ? o->width_mm : 2 * cw, o->dpi);
    uint64_t hpx = canting_mm_to_px(o->height_mm > 0 ? o->height_mm : 2 * ch, o->dpi);
    if (wpx == 0 || hpx == 0)
        return ct_fail(err, CANTING_ERANGE, "the output would be less than one pixel");
    if (wpx > PNG_SIDE_MAX || hpx > PNG_SIDE_MAX || wpx * hpx > m->limits.max_pixels)
        return ct_fail(err, CANTING_ELIMIT,
                       "an output of %llux%llu px is more than the limit of %llu pixels; lower --dpi or --size",
                       (unsigned long long)wpx, (unsigned long long)hpx,
                       (unsigned long long)m->limits.max_pixels);
    *w = (uint32_t)wpx;
    *h = (uint32_t)hpx;
    return CANTING_OK;
}

static canting_status stream_rows(const ct_repeat *rep, ct_png_writer *png, uint32_t w, uint32_t h,
                                  canting_error *err)
{
    size_t stride = (size_t)w * 3, bytes;
    if (!ct_mul_size(stride, STRIP_ROWS, &bytes))
        return ct_fail(err, CANTING_ELIMIT, "output too wide");
    uint8_t *strip = ct_malloc(bytes);
    if (!strip)
        return ct_fail(err, CANTING_ENOMEM, "out of memory for a strip of %u px rows", w);
    canting_status st = CANTING_OK;
    for (uint32_t y = 0; st == CANTING_OK && y < h; y += STRIP_ROWS) {
        uint32_t rows = h - y < STRIP_ROWS ? h - y : STRIP_ROWS;
        st = ct_repeat_rows(rep, y, rows, strip, stride, w, 0);
        if (st != CANTING_OK)
            ct_fail(err, st, "repeat engine failed");
        else
            st = ct_png_write_rows(png, strip, stride, rows, err);
    }
    ct_free(strip);
    return st;
}

static canting_status write_proof(const canting_motif *m, const canting_render_options *o, const canting_tile *tile,
                                  const char *path, canting_error *err)
{
    uint32_t w = 0, h = 0;
    canting_status st = output_size(m, o, &w, &h, err);
    if (st != CANTING_OK)
        return st;
    ct_repeat *rep;
    if ((st = ct_repeat_new(tile->rgb, tile->width_px, tile->height_px, tile->rgb_stride, 3, CT_LAYOUT_STRAIGHT,
                            0, &rep)) != CANTING_OK)
        return ct_fail(err, st, "cannot build the repeat unit");
    char keys[80][80];
    proof_texts *t = ct_malloc(sizeof *t);
    if (!t) {
        ct_repeat_free(rep);
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    }
    collect_texts(m, o->dpi, t, keys);
    ct_png_spec spec = {w, h, 3, o->dpi, o->compression, t->items, t->count};
    ct_png_writer *png;
    if ((st = ct_png_open(path, &spec, &png, err)) == CANTING_OK) {
        st = stream_rows(rep, png, w, h, err);
        if (st == CANTING_OK)
            st = ct_png_finish(png, err);
        else
            ct_png_abandon(png);
    }
    ct_free(t);
    ct_repeat_free(rep);
    return st;
}

canting_status canting_render_file(const canting_motif *motif, const canting_render_options *options,
                                  const char *path, canting_error *err)
{
    canting_render_options defaults;
    ct_error_clear(err);
    if (!motif || !path)
        return ct_fail(err, CANTING_EARG, "canting_render_file: NULL argument");
    if (!options) {
        canting_render_options_init(&defaults);
        options = &defaults;
    }
    if (options->compression < 0 || options->compression > 9)
        return ct_fail(err, CANTING_ERANGE, "PNG compression must be 0..9, not %d", options->compression);
    canting_tile *tile;
    canting_status st = canting_tile_render(motif, options->dpi, &tile, err);
    if (st != CANTING_OK)
        return st;
    st = write_proof(motif, options, tile, path, err);
    canting_tile_free(tile);
    return st;
}
