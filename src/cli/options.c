/* options.c: one table of options, from which both parsing and --help come. */
#include "cli/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef int (*apply_fn)(cli_opts *o, const char *value);

typedef struct option_def {
    const char *name;         /* "--size" */
    const char *alias;        /* "-o" or NULL */
    const char *arg;          /* "WxH", or NULL for a flag */
    unsigned commands;
    apply_fn apply;
    const char *help;
} option_def;

int cli_usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "canting: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'canting --help' for more information.\n");
    return EXIT_USAGE;
}

int cli_report(const canting_error *err)
{
    char buf[1024];
    fprintf(stderr, "canting: %s\n", canting_error_format(err, buf, sizeof buf));
    return EXIT_FAILURE;
}

static int number(const char *text, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (errno || end == text || *end || !(v >= lo && v <= hi))
        return 0;
    *out = v;
    return 1;
}

int cli_apply_sets(canting_motif *m, const cli_opts *o)
{
    for (size_t i = 0; i < o->nsets; i++) {
        char name[128];
        size_t n = strcspn(o->sets[i], "=");
        if (n >= sizeof name)
            return cli_usage_error("parameter name too long in '%s'", o->sets[i]);
        memcpy(name, o->sets[i], n);
        name[n] = '\0';
        canting_error err;
        if (canting_motif_set(m, name, o->sets[i] + n + 1, &err) != CANTING_OK)
            return cli_report(&err);
    }
    return EXIT_SUCCESS;
}

static int set_output(cli_opts *o, const char *v)
{
    o->output = v;
    return -1;
}

static int set_param(cli_opts *o, const char *v)
{
    if (o->nsets == CLI_MAX_SETS)
        return cli_usage_error("too many --set options (at most 64): '%s'", v);
    if (!strchr(v, '=') || v[0] == '=')
        return cli_usage_error("--set takes NAME=VALUE, not '%s'", v);
    o->sets[o->nsets++] = v;
    o->layout_given = 1;
    return -1;
}

static int set_size(cli_opts *o, const char *v)
{
    o->size = v;
    o->layout_given = 1;
    return -1;
}

static int set_dpi(cli_opts *o, const char *v)
{
    return number(v, 1, 10000, &o->render.dpi) ? -1 : cli_usage_error("--dpi takes a number from 1 to 10000, not '%s'", v);
}

static int set_layout(cli_opts *o, const char *v)
{
    o->render.layout = v;
    o->layout_given = 1;
    return -1;
}

static int set_fraction(cli_opts *o, const char *v)
{
    o->layout_given = 1;
    return number(v, 0, 1, &o->render.fraction) ? -1
                                                 : cli_usage_error("--drop and --shift take a share from 0 to 1, not '%s'", v);
}

static int set_format(cli_opts *o, const char *v)
{
    if (!strcasecmp(v, "png"))
        o->render.format = CANTING_FORMAT_PNG;
    else if (!strcasecmp(v, "jpeg") || !strcasecmp(v, "jpg"))
        o->render.format = CANTING_FORMAT_JPEG;
    else
        return cli_usage_error("--format takes png or jpeg, not '%s'", v);
    return -1;
}

static int set_compression(cli_opts *o, const char *v)
{
    double d;
    if (!number(v, 0, 9, &d) || d != (int)d)
        return cli_usage_error("--compression takes a level from 0 to 9, not '%s'", v);
    o->render.compression = (int)d;
    return -1;
}

static int set_quality(cli_opts *o, const char *v)
{
    double d;
    if (!number(v, 1, 100, &d) || d != (int)d)
        return cli_usage_error("--quality takes a number from 1 to 100, not '%s'", v);
    o->render.quality = (int)d;
    return -1;
}

static int set_threads(cli_opts *o, const char *v)
{
    double d;
    if (!number(v, 0, 1024, &d) || d != (int)d)
        return cli_usage_error("--threads takes a count from 0 (all cores) to 1024, not '%s'", v);
    o->render.threads = (unsigned)d;
    return -1;
}

static int set_colourway(cli_opts *o, const char *v)
{
    o->colourway = v;
    return -1;
}

static int set_quiet(cli_opts *o, const char *v)
{
    (void)v;
    o->quiet = 1;
    return -1;
}

static int set_bits(cli_opts *o, const char *v)
{
    if (strcmp(v, "1") && strcmp(v, "8"))
        return cli_usage_error("--bits takes 1 (a film) or 8 (grey coverage), not '%s'", v);
    o->bits = v[0] - '0';
    return -1;
}

static int set_marks(cli_opts *o, const char *v)
{
    (void)v;
    o->marks = 1;
    return -1;
}

static int set_cloth(cli_opts *o, const char *v)
{
    (void)v;
    o->cloth = 1;
    return -1;
}

static int set_no_sheet(cli_opts *o, const char *v)
{
    (void)v;
    o->no_sheet = 1;
    return -1;
}

static int set_inks(cli_opts *o, const char *v)
{
    o->inks = v;
    return -1;
}

static int set_count(cli_opts *o, const char *v)
{
    double d;
    if (!number(v, 1, CANTING_MAX_INKS, &d) || d != (int)d)
        return cli_usage_error("-n takes a count of inks from 1 to 64, not '%s'", v);
    o->count = (unsigned)d;
    return -1;
}

/* An option may have several rows for different commands (the first row
 * that names the command wins), so each command's help reads right. */
static const option_def options[] = {
    {"--output", "-o", "PREFIX", FOR_SEPARATE | FOR_PLAN, set_output,
     "write PREFIX-NAME.png for each sheet (and PREFIX-plan.txt, PREFIX-stages.png for plan)"},
    {"--inks", NULL, "PALETTE", FOR_SEPARATE, set_inks,
     "raster art's inks: \"#f2e8d5,#7a4a22\", \"cloth=#f2e8d5,soga=#7a4a22\" or a motif (its inks)"},
    {"--count", "-n", "K", FOR_PALETTE, set_count, "how many inks to suggest (default 4)"},
    {"--bits", NULL, "1|8", FOR_SEPARATE | FOR_PLAN, set_bits,
     "8 (default): grey coverage, black = ink; 1: a 1-bit film, each pixel one ink or the cloth"},
    {"--marks", NULL, NULL, FOR_SEPARATE | FOR_PLAN, set_marks,
     "a margin with registration and crop marks, the ink's name and colour, the same on every sheet"},
    {"--cloth", NULL, NULL, FOR_SEPARATE, set_cloth, "also a sheet for the cloth (where no ink goes)"},
    {"--no-sheet", NULL, NULL, FOR_PLAN, set_no_sheet, "no stage sheet (PREFIX-stages.png)"},
    {"--colourway", NULL, "NAME", FOR_SEPARATE | FOR_PLAN, set_colourway,
     "use one of the motif's colourways (labels, swatches, the stage sheet, --inks MOTIF)"},
    {"--output", "-o", "FILE", FOR_RENDER | FOR_REPEAT, set_output,
     "the image to write (.png or .jpg); written whole or not at all"},
    {"--set", NULL, "NAME=VALUE", FOR_RENDER | FOR_SEPARATE | FOR_PLAN, set_param,
     "set a motif parameter, e.g. --set cell=5cm; may be repeated"},
    {"--colourway", NULL, "NAME|all", FOR_RENDER, set_colourway,
     "recolour with one of the motif's colourways; all: one file per colourway, named OUT-NAME.png"},
    {"--size", NULL, "WxH", FOR_RENDER | FOR_REPEAT | FOR_SEPARATE | FOR_PLAN, set_size,
     "physical size, e.g. 20x20cm, 250x105cm, 8.5x11in, 1181x1181px (default: 2 x 2 repeat units)"},
    {"--dpi", NULL, "N", FOR_RENDER | FOR_REPEAT | FOR_SEPARATE | FOR_PLAN, set_dpi, "resolution in dots per inch (default 150)"},
    {"--layout", NULL, "NAME", FOR_RENDER | FOR_REPEAT | FOR_SEPARATE | FOR_PLAN, set_layout,
     "straight, half-drop, brick, mirror, or a wallpaper group p1 ... p6m (default: the motif's own)"},
    {"--drop", NULL, "F", FOR_RENDER | FOR_REPEAT | FOR_SEPARATE | FOR_PLAN, set_fraction, "half-drop: the drop as a share of the cell (default 0.5)"},
    {"--shift", NULL, "F", FOR_RENDER | FOR_REPEAT | FOR_SEPARATE | FOR_PLAN, set_fraction, "brick: the shift as a share of the cell (default 0.5)"},
    {"--format", NULL, "png|jpeg", FOR_RENDER | FOR_REPEAT, set_format, "output format (default: from the extension)"},
    {"--compression", NULL, "N", FOR_RENDER | FOR_REPEAT | FOR_SEPARATE | FOR_PLAN, set_compression, "PNG zlib level 0..9 (default 3: fast proofs)"},
    {"--quality", NULL, "N", FOR_RENDER | FOR_REPEAT, set_quality, "JPEG quality 1..100 (default 90)"},
    {"--threads", NULL, "N", FOR_RENDER | FOR_REPEAT | FOR_SEPARATE | FOR_PLAN, set_threads, "threads for the repeat engine (default 0: all cores)"},
    {"--quiet", "-q", NULL, FOR_RENDER | FOR_REPEAT | FOR_SEPARATE | FOR_PALETTE | FOR_PLAN, set_quiet, "print nothing but errors (no progress bar)"},
};

static void print_help(const char *usage, unsigned command)
{
    printf("%s\nOptions:\n", usage);
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
        const option_def *d = &options[i];
        if (!(d->commands & command))
            continue;
        char left[48];
        snprintf(left, sizeof left, "%s%s%s%s%s", d->alias ? d->alias : "", d->alias ? ", " : "", d->name,
                 d->arg ? " " : "", d->arg ? d->arg : "");
        printf("  %-26s %s\n", left, d->help);
    }
    printf("  %-26s %s\n", "-h, --help", "show this help");
}

static const option_def *find_option(const char *arg, unsigned command)
{
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
        const option_def *d = &options[i];
        if ((d->commands & command) && (!strcmp(arg, d->name) || (d->alias && !strcmp(arg, d->alias))))
            return d;
    }
    return NULL;
}

int cli_parse_options(cli_opts *o, unsigned command, const char *usage, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
            print_help(usage, command);
            return EXIT_SUCCESS;
        }
        if (arg[0] != '-' || !arg[1]) {
            if (o->input)
                return cli_usage_error("unexpected argument '%s'", arg);
            o->input = arg;
            continue;
        }
        const option_def *d = find_option(arg, command);
        if (!d)
            return cli_usage_error("unknown option '%s'", arg);
        if (d->arg && i + 1 >= argc)
            return cli_usage_error("option '%s' needs a value", arg);
        int rc = d->apply(o, d->arg ? argv[++i] : NULL);
        if (rc >= 0)
            return rc;
    }
    return -1;
}
