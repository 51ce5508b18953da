/* render.c: `canting render` (a motif) and `canting repeat` (a raster tile). */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int prepare(cli_opts *o, const char *what)
{
    if (!o->input)
        return cli_usage_error("%s", what);
    if (!o->output)
        return cli_usage_error("%s", _("an output is needed: -o FILE.png (or .jpg, .pdf, .svg)"));
    return cli_read_size(o);
}

static const char render_usage[] =
    N_("Usage: canting render MOTIF -o OUT.png [OPTIONS]\n"
       "\n"
       "Renders MOTIF's repeat to fill a physical size and writes a PNG or JPEG that\n"
       "carries its resolution and what made it (motif, parameters, layout, version),\n"
       "so it prints at true size and can be made again; or a PDF or SVG that draws\n"
       "the repeat as paths at true size.  MOTIF is a .motif file or a name from the\n"
       "motif library.\n");

static int is_vector(const cli_opts *o, const char *output)
{
    const char *dot = strrchr(output, '.');
    if (o->render.format != CANTING_FORMAT_AUTO)
        return o->render.format == CANTING_FORMAT_PDF || o->render.format == CANTING_FORMAT_SVG;
    return dot && !strchr(dot, '/') && (!strcasecmp(dot, ".pdf") || !strcasecmp(dot, ".svg"));
}

static void say_written(const cli_opts *o, const char *output, const char *what)
{
    if (o->quiet)
        return;
    if (o->size && is_vector(o, output))
        printf(_("wrote %s: %s, %g x %g cm, paths at true size\n"), output, what, o->render.width_mm / 10,
               o->render.height_mm / 10);
    else if (o->size)
        printf(_("wrote %s: %s, %llux%llu px at %g dpi\n"), output, what,
               (unsigned long long)canting_mm_to_px(o->render.width_mm, o->render.dpi),
               (unsigned long long)canting_mm_to_px(o->render.height_mm, o->render.dpi), o->render.dpi);
    else
        printf(_("wrote %s: %s, 2 x 2 repeat units at %g dpi\n"), output, what, o->render.dpi);
}

static int render_one(canting_motif *m, cli_opts *o, const char *output)
{
    canting_error err;
    int rc = EXIT_SUCCESS;
    cli_progress_start(o, canting_motif_name(m));
    if (canting_render_file(m, &o->render, output, &err) != CANTING_OK)
        rc = cli_report(&err);
    cli_progress_end(o);
    if (rc == EXIT_SUCCESS)
        say_written(o, output, canting_motif_name(m));
    return rc;
}

void cli_suffixed_path(const char *output, const char *suffix, char *buf, size_t size)
{
    const char *dot = strrchr(output, '.');
    if (!dot || strchr(dot, '/'))
        dot = output + strlen(output);
    snprintf(buf, size, "%.*s-%s%s", (int)(dot - output), output, suffix, dot);
}

static int render_colourways(canting_motif *m, cli_opts *o)
{
    canting_error err;
    if (!o->colourway || strcmp(o->colourway, "all") != 0) {
        if (o->colourway && canting_motif_set_colourway(m, o->colourway, &err) != CANTING_OK)
            return cli_report(&err);
        return render_one(m, o, o->output);
    }
    size_t n = canting_motif_colourway_count(m);
    if (n == 0)
        return cli_fail(N_("motif '%s' declares no colourways"), canting_motif_name(m));
    int rc = EXIT_SUCCESS;
    for (size_t i = 0; i < n && rc == EXIT_SUCCESS; i++) {
        char path[4096];
        cli_suffixed_path(o->output, canting_motif_colourway_name(m, i), path, sizeof path);
        canting_motif_set_colourway(m, canting_motif_colourway_name(m, i), NULL);
        rc = render_one(m, o, path);
    }
    return rc;
}

/* One render of a loaded motif: the options' --set and colourways. */
static int render_loaded(void *user, canting_motif *m)
{
    cli_opts *o = user;
    int rc = cli_apply_sets(m, o);
    return rc == EXIT_SUCCESS ? render_colourways(m, o) : rc;
}

int cli_render(int argc, char **argv)
{
    cli_opts o = {0};
    canting_render_options_init(&o.render);
    int rc = cli_parse_options(&o, FOR_RENDER, render_usage, argc, argv);
    if (rc < 0)
        rc = prepare(&o, _("render needs a MOTIF (a .motif file or a motif name)"));
    if (rc >= 0)
        return rc;
    if (o.watch)
        return cli_watch(o.input, render_loaded, &o);
    canting_motif *m = NULL;
    rc = cli_load_motif(o.input, &m);
    if (rc == EXIT_SUCCESS)
        rc = render_loaded(&o, m);
    canting_motif_free(m);
    return rc;
}

static const char repeat_usage[] =
    N_("Usage: canting repeat TILE.(png|jpg) -o OUT.png [OPTIONS]\n"
       "\n"
       "Repeats an existing raster tile (a scanned cap print, say) in a layout to\n"
       "fill a physical size.  Any size is allowed, whole repeats or not.  The\n"
       "hexagonal wallpaper groups (p3 ... p6m) need a motif, not a raster tile.\n"
       "Without --dpi the tile's own resolution is used, else 150.\n");

int cli_repeat(int argc, char **argv)
{
    cli_opts o = {0};
    canting_render_options_init(&o.render);
    o.render.dpi = 0;
    int rc = cli_parse_options(&o, FOR_REPEAT, repeat_usage, argc, argv);
    if (rc >= 0)
        return rc;
    canting_image *tile = NULL;
    canting_error err;
    if (o.input && canting_image_load(o.input, NULL, &tile, &err) != CANTING_OK)
        return cli_report(&err);
    if (o.render.dpi == 0)
        o.render.dpi = tile && canting_image_dpi(tile) > 0 ? canting_image_dpi(tile) : 150;
    rc = prepare(&o, _("repeat needs a TILE image (.png or .jpg)"));
    if (rc < 0) {
        rc = EXIT_SUCCESS;
        cli_progress_start(&o, "repeat");
        if (canting_repeat_image(tile, &o.render, o.output, &err) != CANTING_OK)
            rc = cli_report(&err);
        cli_progress_end(&o);
        if (rc == EXIT_SUCCESS)
            say_written(&o, o.output, o.input);
    }
    canting_image_free(tile);
    return rc;
}
