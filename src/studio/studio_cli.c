/* studio_cli.c: `canting studio [MOTIF_DIR] [--port N] [--listen ADDR]`. */
#include "cli/cli.h"
#ifndef CANTING_NO_STUDIO
#include "studio/studio.h"
#endif

#include <stdlib.h>
#include <string.h>

static const char studio_usage[] =
    "Usage: canting studio [MOTIF_DIR] [OPTIONS]\n"
    "\n"
    "Starts a small web server on this computer and prints the address to open\n"
    "in a browser: a page to pick a motif, shape it with sliders, colourways and\n"
    "layouts and watch the batik change, edit its text, save variations into\n"
    "MOTIF_DIR, and download the proof, the films, the stage sheet and a sheet of\n"
    "variations.  Motifs come from MOTIF_DIR and the motif library; without\n"
    "MOTIF_DIR nothing is saved.  Ctrl+C (or SIGTERM) stops it.\n"
    "\n"
    "Options:\n"
    "  --port N         the port (default 8150; 0: any free port)\n"
    "  --listen ADDR    the address to listen on (default 127.0.0.1, this computer only)\n"
    "  --threads N      preview render threads (default: one per core)\n"
    "  -q, --quiet      print only the address, no request errors\n"
    "  -h, --help       show this help\n";

#ifdef CANTING_NO_STUDIO
int cli_studio(int argc, char **argv)
{
    (void)argc, (void)argv;
    fprintf(stderr, "canting: this canting was built without libmicrohttpd, so it has no studio "
                    "(install libmicrohttpd-dev and rebuild)\n");
    return EXIT_FAILURE;
}
#else

/* A whole number in [lo, hi]. */
static int whole(const char *text, unsigned long lo, unsigned long hi, unsigned *out)
{
    char *end;
    if (!text || !*text || *text == '-')
        return 0;
    unsigned long v = strtoul(text, &end, 10);
    if (*end || v < lo || v > hi)
        return 0;
    *out = (unsigned)v;
    return 1;
}

static int parse(studio_config *c, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(studio_usage, stdout);
            return EXIT_SUCCESS;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            c->quiet = 1;
        } else if (!strcmp(a, "--port")) {
            if (!whole(v, 0, 65535, &c->port))
                return cli_usage_error("--port takes a number from 0 to 65535, not '%s'", v ? v : "");
            i++;
        } else if (!strcmp(a, "--listen")) {
            if (!v)
                return cli_usage_error("%s", "--listen needs an address, such as 127.0.0.1");
            c->listen = v;
            i++;
        } else if (!strcmp(a, "--threads")) {
            if (!whole(v, 1, 64, &c->workers))
                return cli_usage_error("--threads takes a count from 1 to 64, not '%s'", v ? v : "");
            i++;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("unknown option '%s'", a);
        } else if (c->motif_dir) {
            return cli_usage_error("unexpected argument '%s' (one MOTIF_DIR at most)", a);
        } else {
            c->motif_dir = a;
        }
    }
    return -1;
}

int cli_studio(int argc, char **argv)
{
    studio_config c = {.listen = "127.0.0.1", .port = 8150};
    int rc = parse(&c, argc, argv);
    return rc >= 0 ? rc : studio_run(&c);
}
#endif
