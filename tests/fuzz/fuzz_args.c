/* fuzz_args.c: libFuzzer target for what arrives on the command line:
 * `--size` (canting_parse_size), `--set NAME=VALUE` (canting_motif_set on a
 * loaded motif, which is then evaluated and drawn small), `--colourway` and
 * the `--inks` colour list (canting_palette_parse).  An input is
 * "KEYWORD TEXT" with KEYWORD size, set, colourway or inks; any other input
 * goes to every parser whole. */
#include "canting.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Parameters of every kind, one without a range so any value reaches the
 * renderer, and a let that depends on them. */
static const char motif_text[] =
    "motif args \"every kind of parameter\"\n"
    "param cell = 4cm range 1cm..20cm\n"
    "param r = 5mm\n"
    "param n = 6 range 1..24\n"
    "param turn = 10deg range -180deg..180deg\n"
    "param share = 50% range 0..1\n"
    "let half = cell / 2\n"
    "inks\n"
    "  cloth #efe3c8\n"
    "  soga #8a5a2b\n"
    "colourway sogan { cloth: #e6cf9c soga: #7a4a22 }\n"
    "repeat cell x cell layout half-drop drop share\n"
    "draw\n"
    "  rotate turn\n"
    "    radial n\n"
    "      circle r r at (0, half * share) fill soga\n";

static canting_motif *motif(void)
{
    canting_load_options o;
    canting_load_options_init(&o);
    o.limits.max_elements = 2000;
    o.limits.max_pixels = 256 * 256;
    o.limits.max_tile_pixels = 256 * 256;
    canting_motif *m = NULL;
    if (canting_motif_parse(motif_text, sizeof motif_text - 1, "args.motif", &o, &m, NULL) != CANTING_OK)
        abort();  /* the fuzzer's own motif must load */
    return m;
}

static void try_size(const char *text)
{
    double w, h;
    (void)canting_parse_size(text, 150, &w, &h, NULL);
    (void)canting_parse_size(text, 0, &w, &h, NULL);
}

/* A fresh motif each time, so one input's value cannot shape the next run. */
static void try_set(const char *text)
{
    canting_motif *m = motif();
    char *copy = strdup(text);
    char *eq = copy ? strchr(copy, '=') : NULL;
    if (eq) {
        *eq = '\0';
        if (canting_motif_set(m, copy, eq + 1, NULL) == CANTING_OK) {
            canting_tile *tile = NULL;
            double w, h;
            (void)canting_motif_cell_mm(m, &w, &h, NULL);
            if (canting_tile_render(m, 10, &tile, NULL) == CANTING_OK)
                canting_tile_free(tile);
        }
    }
    free(copy);
    canting_motif_free(m);
}

static void try_colourway(const char *text)
{
    canting_motif *m = motif();
    (void)canting_motif_set_colourway(m, text, NULL);
    canting_motif_free(m);
}

/* A list that parses must format and parse back to the same inks. */
static void try_inks(const char *text)
{
    canting_palette inks, again;
    char buf[CANTING_MAX_INKS * 9 + 1];
    if (canting_palette_parse(text, &inks, NULL) != CANTING_OK)
        return;
    canting_palette_format(&inks, buf, sizeof buf);
    if (canting_palette_parse(buf, &again, NULL) != CANTING_OK || again.count != inks.count ||
        memcmp(again.rgb, inks.rgb, inks.count * 3) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    if (strncmp(text, "size ", 5) == 0) {
        try_size(text + 5);
    } else if (strncmp(text, "set ", 4) == 0) {
        try_set(text + 4);
    } else if (strncmp(text, "colourway ", 10) == 0) {
        try_colourway(text + 10);
    } else if (strncmp(text, "inks ", 5) == 0) {
        try_inks(text + 5);
    } else {
        try_size(text);
        try_set(text);
        try_colourway(text);
        try_inks(text);
    }
    free(text);
    return 0;
}
