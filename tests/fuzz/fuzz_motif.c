/* fuzz_motif.c: libFuzzer target for motif text.  The bytes are parsed as
 * a motif file (with tight limits, so each run stays quick), every getter
 * is asked, and the motif is evaluated and drawn at a tiny resolution: the
 * cell, the unit of one layout chosen from the input, and the border bands.
 * `use NAME` finds the library's motifs in motifs/ (run from the top folder,
 * as `make fuzz-run` does). */
#include "canting.h"
#include "motif/motif.h"
#include "render/border.h"
#include "render/unit.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Small enough that a run is milliseconds: a 4 cm cell at 12 dpi is 19 px. */
#define FUZZ_DPI 12.0

static void load_options(canting_load_options *o)
{
    static const char *const dirs[] = {"motifs", NULL};
    canting_load_options_init(o);
    o->search_dirs = dirs;
    o->limits.max_file_bytes = 64 * 1024;
    o->limits.max_nesting = 32;
    o->limits.max_elements = 2000;
    o->limits.max_pixels = 256 * 256;
    o->limits.max_tile_pixels = 256 * 256;
}

static void ask_everything(canting_motif *m)
{
    double w, h;
    canting_param_info p;
    canting_ink_info ink;
    (void)canting_motif_name(m);
    (void)canting_motif_title(m);
    for (size_t i = 0; i <= canting_motif_param_count(m); i++)
        (void)canting_motif_param(m, i, &p);
    for (size_t i = 0; i <= canting_motif_ink_count(m); i++)
        (void)canting_motif_ink(m, i, &ink);
    size_t ncolourways = canting_motif_colourway_count(m);
    if (ncolourways > 0)
        (void)canting_motif_set_colourway(m, canting_motif_colourway_name(m, ncolourways - 1), NULL);
    (void)canting_motif_cell_mm(m, &w, &h, NULL);
}

/* The unit of a layout picked by the input's length, so every layout
 * (the hexagonal ones included) meets every kind of scene. */
static void draw_unit(const canting_motif *m, size_t size)
{
    ct_scene sc;
    unsigned rgb[256];
    if (ct_motif_scene(m, &sc, NULL) != CANTING_OK)
        return;
    ct_motif_palette(m, rgb);
    canting_tile *unit = NULL;
    if (sc.cell_w_mm > 0)
        (void)ct_unit_from_scene(&sc, rgb, m->def->ninks, (ct_layout_kind)(size % CT_LAYOUT_COUNT), FUZZ_DPI,
                                 &m->limits, &unit, NULL);
    canting_tile_free(unit);
    ct_scene_free(&sc);
}

static void draw_border(const canting_motif *m, size_t size)
{
    canting_tile *first = NULL, *second = NULL;
    ct_border_sides sides = size & 1 ? CT_BORDER_LEFT_RIGHT : CT_BORDER_TOP_BOTTOM;
    if (m->def->border && ct_border_tiles(m, FUZZ_DPI, sides, &first, &second, NULL) == CANTING_OK) {
        canting_tile_free(first);
        canting_tile_free(second);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    canting_load_options options;
    canting_motif *m = NULL;
    canting_error err;
    load_options(&options);
    if (canting_motif_parse((const char *)data, size, "fuzz.motif", &options, &m, &err) != CANTING_OK)
        return 0;
    ask_everything(m);
    canting_tile *tile = NULL;
    if (canting_tile_render(m, FUZZ_DPI, &tile, NULL) == CANTING_OK) {
        size_t stride;
        (void)canting_tile_rgb(tile, &stride);
        canting_tile_free(tile);
    }
    draw_unit(m, size);
    draw_border(m, size);
    canting_motif_free(m);
    return 0;
}
