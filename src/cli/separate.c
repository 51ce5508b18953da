/* separate.c: `canting separate` (sheets per ink, from a motif or raster
 * art), `canting palette` (inks for a scan) and `canting plan` (the batik
 * stage plan). */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int is_raster(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot && !strchr(dot, '/') &&
           (!strcasecmp(dot, ".png") || !strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg"));
}

static int needs_output(const cli_opts *o, const char *what)
{
    if (!o->input)
        return cli_usage_error("%s", what);
    if (!o->output)
        return cli_usage_error("%s", _("an output prefix is needed: -o PREFIX (files PREFIX-NAME.png)"));
    return -1;
}

/* Default dpi for a motif; the size read once the dpi is known. */
static int motif_size(cli_opts *o)
{
    if (o->render.dpi == 0)
        o->render.dpi = 150;
    return cli_read_size(o);
}

static void say_sheets(const cli_opts *o, const canting_palette *inks, const char *what)
{
    int pdf = o->render.format == CANTING_FORMAT_PDF;
    if (o->quiet)
        return;
    if (pdf)
        printf(_("wrote %s.pdf: the film set of %s (%d-bit), a page per ink at true size, with marks:"), o->output,
               what, o->bits == 1 ? 1 : 8);
    else
        printf(o->marks ? _("wrote the sheets of %s (%d-bit, with marks):") : _("wrote the sheets of %s (%d-bit):"),
               what, o->bits == 1 ? 1 : 8);
    for (size_t i = o->cloth ? 0 : 1; i < inks->count; i++)
        printf(pdf ? " %s" : " %s-%s.png", pdf ? inks->name[i] : o->output, inks->name[i]);
    printf("\n");
}

static void sheet_options(const cli_opts *o, canting_separate_options *so)
{
    canting_separate_options_init(so);
    so->render = o->render;
    so->bits = o->bits ? o->bits : 8;
    so->marks = o->marks;
    so->cloth_sheet = o->cloth;
    so->format = o->render.format == CANTING_FORMAT_PDF ? CANTING_FORMAT_PDF : CANTING_FORMAT_PNG;
}

/* --inks: a list of colours, or a motif whose inks (in --colourway) to use. */
static int palette_of(const cli_opts *o, canting_palette *inks)
{
    canting_error err;
    if (strchr(o->inks, '#')) {
        if (canting_palette_parse(o->inks, inks, &err) != CANTING_OK)
            return cli_usage_error("--inks: %s", err.message);
        return -1;
    }
    canting_motif *m = NULL;
    cli_opts plain = *o;
    plain.nsets = 0;
    int rc = cli_load_configured(&plain, o->inks, &m);
    if (rc == EXIT_SUCCESS && canting_palette_from_motif(m, inks, &err) != CANTING_OK)
        rc = cli_report(&err);
    canting_motif_free(m);
    return rc == EXIT_SUCCESS ? -1 : rc;
}

static int separate_raster(cli_opts *o)
{
    canting_palette inks;
    canting_error err;
    if (!o->inks)
        return cli_usage_error("%s", _("raster art needs its inks: --inks \"#f2e8d5,#7a4a22,...\" or --inks MOTIF"));
    if (o->layout_given)
        return cli_usage_error("%s", _("raster art is separated at its own size: no --size, --layout or --set"));
    int rc = palette_of(o, &inks);
    if (rc >= 0)
        return rc;
    canting_image *img = NULL;
    if (canting_image_load(o->input, NULL, &img, &err) != CANTING_OK)
        return cli_report(&err);
    canting_separate_options so;
    sheet_options(o, &so);
    cli_progress_start(o, "separate");
    so.render.progress = o->render.progress;
    so.render.progress_user = o->render.progress_user;
    rc = canting_separate_image(img, &inks, &so, o->output, &err) == CANTING_OK ? EXIT_SUCCESS : cli_report(&err);
    cli_progress_end(o);
    canting_image_free(img);
    if (rc == EXIT_SUCCESS)
        say_sheets(o, &inks, o->input);
    return rc;
}

static int separate_motif(cli_opts *o)
{
    canting_error err;
    if (o->inks)
        return cli_usage_error("%s", _("--inks is for raster art; a motif separates into its own inks"));
    int rc = motif_size(o);
    if (rc >= 0)
        return rc;
    canting_motif *m = NULL;
    if ((rc = cli_load_configured(o, o->input, &m)) != EXIT_SUCCESS)
        return rc;
    canting_palette inks;
    canting_separate_options so;
    cli_progress_start(o, canting_motif_name(m));
    sheet_options(o, &so);
    if (canting_palette_from_motif(m, &inks, &err) != CANTING_OK || canting_separate_motif(m, &so, o->output, &err) != CANTING_OK)
        rc = cli_report(&err);
    cli_progress_end(o);
    if (rc == EXIT_SUCCESS)
        say_sheets(o, &inks, canting_motif_name(m));
    canting_motif_free(m);
    return rc;
}

static const char separate_usage[] =
    N_("Usage: canting separate MOTIF -o PREFIX [OPTIONS]\n"
       "       canting separate ART.(png|jpg) --inks PALETTE -o PREFIX [OPTIONS]\n"
       "\n"
       "Writes PREFIX-INK.png, one greyscale sheet per ink (black = ink), for a screen\n"
       "printer or a cap maker.  A motif's sheets come from its ink planes, at the same\n"
       "pixel size and DPI as `canting render` makes its proof with the same options.\n"
       "Raster art (a scan, a photo) is separated pixel by pixel to the nearest ink in\n"
       "CIELAB (dE76, ties to the first ink), at its own size and DPI (--dpi overrides).\n"
       "PALETTE is a list (\"#f2e8d5,#7a4a22,#1f2a44\", the first the cloth; NAME=#colour\n"
       "names a sheet) or a motif whose inks to use; `canting palette` suggests one.\n");

int cli_separate(int argc, char **argv)
{
    cli_opts o = {0};
    canting_render_options_init(&o.render);
    o.render.dpi = 0; /* not given: 150 for a motif, the art's own for a raster */
    int rc = cli_parse_options(&o, FOR_SEPARATE, separate_usage, argc, argv);
    if (rc < 0)
        rc = needs_output(&o, "separate needs a MOTIF or raster art (.png or .jpg)");
    if (rc >= 0)
        return rc;
    return is_raster(o.input) ? separate_raster(&o) : separate_motif(&o);
}

/* ---- palette ------------------------------------------------------------------ */

static void print_palette(const canting_palette *p, const double *shares)
{
    char list[CANTING_MAX_INKS * 8 + 1];
    printf("%s\n", _("Suggested inks, lightest first (k-means in CIELAB):"));
    for (size_t i = 0; i < p->count; i++)
        printf(_("  %-6s #%02x%02x%02x  %5.1f%% of the pixels\n"), p->name[i], p->rgb[i][0], p->rgb[i][1], p->rgb[i][2],
               100 * shares[i]);
    printf("\n%s\n  --inks \"%s\"\n", _("For canting separate:"), canting_palette_format(p, list, sizeof list));
    printf("\n%s\ninks\n", _("For a motif (rename the inks; the first is the cloth):"));
    for (size_t i = 0; i < p->count; i++)
        printf("  %-6s #%02x%02x%02x\n", p->name[i], p->rgb[i][0], p->rgb[i][1], p->rgb[i][2]);
}

static const char palette_usage[] =
    N_("Usage: canting palette ART.(png|jpg) [-n K]\n"
       "\n"
       "Suggests K inks (default 4) for a photo or scan of a cloth: k-means in CIELAB\n"
       "from a fixed seed, so the same image always gives the same inks.  Prints them\n"
       "lightest first, as an --inks list for `canting separate` and as an inks block\n"
       "for a motif.\n");

int cli_palette(int argc, char **argv)
{
    cli_opts o = {0};
    int rc = cli_parse_options(&o, FOR_PALETTE, palette_usage, argc, argv);
    if (rc >= 0)
        return rc;
    if (!o.input)
        return cli_usage_error("%s", _("palette needs a photo or scan (.png or .jpg)"));
    canting_image *img = NULL;
    canting_error err;
    canting_palette p;
    double shares[CANTING_MAX_INKS];
    if (canting_image_load(o.input, NULL, &img, &err) != CANTING_OK)
        return cli_report(&err);
    rc = EXIT_SUCCESS;
    if (canting_palette_suggest(img, o.count ? o.count : 4, &p, shares, &err) != CANTING_OK)
        rc = cli_report(&err);
    else
        print_palette(&p, shares);
    canting_image_free(img);
    return rc;
}

/* ---- plan ------------------------------------------------------------------------ */

static const char plan_usage[] =
    N_("Usage: canting plan MOTIF -o PREFIX [OPTIONS]\n"
       "\n"
       "The batik stage plan, from the inks in dye order and the motif's recipe (which\n"
       "dye baths make which ink; without one, a light-to-dark overdye).  Writes, for\n"
       "each bath N, PREFIX-N-BATH-wax.png (black: wax on the cloth as it enters the\n"
       "bath) and, where wax comes off first, PREFIX-N-BATH-scrape.png; PREFIX-plan.txt,\n"
       "the stages in words with the share of the cloth waxed; and PREFIX-stages.png,\n"
       "a one-page stage sheet for the workshop wall.\n");

int cli_plan(int argc, char **argv)
{
    cli_opts o = {0};
    canting_render_options_init(&o.render);
    o.render.dpi = 0;
    int rc = cli_parse_options(&o, FOR_PLAN, plan_usage, argc, argv);
    if (rc < 0)
        rc = needs_output(&o, "plan needs a MOTIF (a .motif file or a motif name)");
    if (rc < 0)
        rc = motif_size(&o);
    if (rc >= 0)
        return rc;
    canting_motif *m = NULL;
    if ((rc = cli_load_configured(&o, o.input, &m)) != EXIT_SUCCESS)
        return rc;
    canting_plan_options po;
    canting_error err;
    canting_plan_options_init(&po);
    sheet_options(&o, &po.sheets);
    po.stage_sheet = !o.no_sheet;
    cli_progress_start(&o, canting_motif_name(m));
    po.sheets.render.progress = o.render.progress;
    po.sheets.render.progress_user = o.render.progress_user;
    if (canting_plan_write(m, &po, o.output, &err) != CANTING_OK)
        rc = cli_report(&err);
    cli_progress_end(&o);
    if (rc == EXIT_SUCCESS && !o.quiet)
        printf(o.no_sheet ? _("wrote %s-plan.txt and %zu wax masks %s-N-BATH-wax.png (and -scrape.png)\n")
                          : _("wrote %s-plan.txt, the stage sheet and %zu wax masks %s-N-BATH-wax.png (and -scrape.png)\n"),
               o.output, canting_motif_bath_count(m), o.output);
    canting_motif_free(m);
    return rc;
}
