/* cap.c: `canting cap`: cap blocks (copper stamps) for a motif's cloth. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

static const char cap_usage[] =
    N_("Usage: canting cap MOTIF --block WxH -o PREFIX [OPTIONS]\n"
       "\n"
       "Cuts the cloth (--size, default 2 x 2 repeat units) into a grid of stamp\n"
       "blocks (a cap is about 20 x 20 cm) that tile it.  Blocks at the same place in\n"
       "the repeat are one cap, so each distinct cap is written once:\n"
       "PREFIX-capNN.png, mirrored left-right as the copper is cut, with alignment\n"
       "marks in a margin; PREFIX-overview.png, the cloth with every block numbered\n"
       "by its cap; PREFIX-caps.txt, the same as text.\n");

static int read_block(const cli_opts *o, double *w_mm, double *h_mm)
{
    canting_error err;
    if (!o->block)
        return cli_usage_error("%s", _("cap needs the size of a block: --block 20x20cm"));
    if (canting_parse_size(o->block, o->render.dpi, w_mm, h_mm, &err) != CANTING_OK)
        return cli_usage_error("--block: %s", err.message);
    return -1;
}

int cli_cap(int argc, char **argv)
{
    cli_opts o = {0};
    double block_w, block_h;
    canting_render_options_init(&o.render);
    int rc = cli_parse_options(&o, FOR_CAP, cap_usage, argc, argv);
    if (rc < 0 && !o.input)
        rc = cli_usage_error("%s", _("cap needs a MOTIF (a .motif file or a motif name)"));
    if (rc < 0 && !o.output)
        rc = cli_usage_error("%s", _("an output prefix is needed: -o PREFIX (files PREFIX-capNN.png)"));
    if (rc < 0)
        rc = read_block(&o, &block_w, &block_h);
    if (rc < 0)
        rc = cli_read_size(&o);
    if (rc >= 0)
        return rc;
    canting_motif *m = NULL;
    canting_error err;
    size_t caps = 0;
    rc = cli_load_configured(&o, o.input, &m);
    if (rc == EXIT_SUCCESS && canting_render_caps(m, &o.render, block_w, block_h, o.output, &caps, &err) != CANTING_OK)
        rc = cli_report(&err);
    if (rc == EXIT_SUCCESS && !o.quiet)
        printf(_("wrote %zu cap(s) %s-capNN.png (mirrored, as the copper is cut), %s-overview.png and %s-caps.txt\n"),
               caps, o.output, o.output, o.output);
    canting_motif_free(m);
    return rc;
}
