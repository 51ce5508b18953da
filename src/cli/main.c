/* main.c: the `canting` command: dispatch to its subcommands. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

static const char main_help[] =
    "canting: compose parametric batik motifs into printable repeats\n"
    "\n"
    "Usage: canting COMMAND [OPTIONS]\n"
    "\n"
    "Commands:\n"
    "  render MOTIF -o OUT.png     render a motif's repeat to a true-size proof (PNG or JPEG)\n"
    "  repeat TILE.png -o OUT.png  repeat a raster tile (a scanned cap print) in a layout\n"
    "  separate MOTIF -o PREFIX    one grey sheet (or 1-bit film) per ink, from the ink planes\n"
    "  separate ART.png --inks PALETTE -o PREFIX\n"
    "                              separate raster art by the nearest ink (CIELAB dE76)\n"
    "  palette ART.png -n K        suggest K inks for a photo or scan of a cloth\n"
    "  plan MOTIF -o PREFIX        the batik stage plan: wax masks, plan.txt, a stage sheet\n"
    "\n"
    "Options:\n"
    "  -h, --help      show this help (`canting COMMAND --help` for a command's)\n"
    "  -V, --version   show the version\n"
    "\n"
    "MOTIF is a .motif file, or a name looked up in $CANTING_MOTIF_PATH (folders\n"
    "separated by ':'), the motifs/ folder of a build tree, and the installed library.\n";

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"render", cli_render},
    {"repeat", cli_repeat},
    {"separate", cli_separate},
    {"palette", cli_palette},
    {"plan", cli_plan},
};

static int dispatch(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error("%s", "missing command");
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        fputs(main_help, stdout);
        return EXIT_SUCCESS;
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
        printf("canting %s\n", canting_version());
        return EXIT_SUCCESS;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(cmd, commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    return cli_usage_error("unknown command '%s'", cmd);
}

/* The font caches go before exit so that leak checkers see a clean run. */
int main(int argc, char **argv)
{
    int rc = dispatch(argc, argv);
    canting_free_font_caches();
    return rc;
}
