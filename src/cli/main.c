/* main.c: the `canting` command: dispatch to its subcommands. */
#include "cli/cli.h"

#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef CANTING_LOCALE_DIR
#define CANTING_LOCALE_DIR "/usr/local/share/locale"
#endif

static const char main_help[] = N_(
    "canting: compose parametric batik motifs into printable repeats\n"
    "\n"
    "Usage: canting COMMAND [OPTIONS]\n"
    "\n"
    "Commands:\n"
    "  render MOTIF -o OUT.png     render a motif's repeat to a true-size proof (PNG, JPEG, PDF, SVG)\n"
    "  explore MOTIF -o SHEET.png  a contact sheet of variations: --vary NAME=LO..HI or --random N\n"
    "  list                        the motif library, one line each\n"
    "  info MOTIF                  parameters, inks, colourways, cell and layout (--json for programs)\n"
    "  check FILE...               validate motif files, every error as file:line:col\n"
    "  cap MOTIF --block WxH -o PREFIX\n"
    "                              cap blocks (copper stamps), mirrored, with marks and an overview\n"
    "  repeat TILE.png -o OUT.png  repeat a raster tile (a scanned cap print) in a layout\n"
    "  separate MOTIF -o PREFIX    one grey sheet (or 1-bit film, or a PDF film set) per ink\n"
    "  separate ART.png --inks PALETTE -o PREFIX\n"
    "                              separate raster art by the nearest ink (CIELAB dE76)\n"
    "  palette ART.png -n K        suggest K inks for a photo or scan of a cloth\n"
    "  plan MOTIF -o PREFIX        the batik stage plan: wax masks, plan.txt, a stage sheet\n"
    "  studio [MOTIF_DIR]          a local web page to shape motifs with sliders, live\n"
    "  help [TOPIC]                the manual: a command's part of canting(1), or motif for canting-motif(5)\n"
    "\n"
    "Options:\n"
    "  -h, --help      show this help (`canting COMMAND --help` for a command's)\n"
    "  -V, --version   show the version\n"
    "\n"
    "MOTIF is a .motif file, or a name looked up in $CANTING_MOTIF_PATH (folders\n"
    "separated by ':'), the motifs/ folder of a build tree, and the installed library.\n");

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"render", cli_render},
    {"repeat", cli_repeat},
    {"separate", cli_separate},
    {"palette", cli_palette},
    {"plan", cli_plan},
    {"studio", cli_studio},
    {"list", cli_list},
    {"info", cli_info},
    {"check", cli_check},
    {"explore", cli_explore},
    {"cap", cli_cap},
    {"help", cli_help},
};

static int dispatch(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error("%s", _("missing command"));
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || (!strcmp(cmd, "help") && argc == 2)) {
        fputs(_(main_help), stdout);
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

/* Translations come from the build tree (build/locale, beside the program)
 * when run from there, else from the installed $PREFIX/share/locale. */
static void init_messages(void)
{
    static char dir[PATH_MAX];
    const char *chosen = CANTING_LOCALE_DIR;
    ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
    if (n > 0) {
        dir[n] = '\0';
        char *slash = strrchr(dir, '/');
        if (slash && (size_t)(slash - dir) + sizeof "/locale" < sizeof dir) {
            strcpy(slash, "/locale");
            if (access(dir, R_OK | X_OK) == 0)
                chosen = dir;
        }
    }
    setlocale(LC_ALL, "");
    /* Numbers stay C: motif text, --dpi 76.2 and the PNG's tEXt use a point
     * as the decimal mark in every language. */
    setlocale(LC_NUMERIC, "C");
    bindtextdomain("canting", chosen);
    textdomain("canting");
}

/* The font caches go before exit so that leak checkers see a clean run. */
int main(int argc, char **argv)
{
    init_messages();
    int rc = dispatch(argc, argv);
    canting_free_font_caches();
    return rc;
}
