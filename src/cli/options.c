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
    fprintf(stderr, _(fmt), arg);
    fprintf(stderr, "\n%s\n", _("Try 'canting --help' for more information."));
    return EXIT_USAGE;
}

int cli_fail(const char *fmt, const char *arg)
{
    fprintf(stderr, "canting: ");
    fprintf(stderr, _(fmt), arg);
    fprintf(stderr, "\n");
    return EXIT_FAILURE;
}

int cli_read_size(cli_opts *o)
{
    canting_error err;
    if (o->size && canting_parse_size(o->size, o->render.dpi, &o->render.width_mm, &o->render.height_mm, &err) !=
                       CANTING_OK)
        return cli_usage_error("%s", err.message);
    return -1;
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

canting_status cli_set(canting_motif *m, const char *set, canting_error *err)
{
    char name[128];
    size_t n = strcspn(set, "=");
    if (n >= sizeof name || !set[n]) {
        snprintf(err->message, sizeof err->message, "%s: '%.200s'", _("--set takes NAME=VALUE"), set);
        err->status = CANTING_EARG;
        err->file[0] = '\0';
        err->line = err->column = 0;
        return CANTING_EARG;
    }
    memcpy(name, set, n);
    name[n] = '\0';
    return canting_motif_set(m, name, set + n + 1, err);
}

int cli_apply_sets(canting_motif *m, const cli_opts *o)
{
    for (size_t i = 0; i < o->nsets; i++) {
        canting_error err;
        if (cli_set(m, o->sets[i], &err) != CANTING_OK)
            return cli_report(&err);
    }
    return EXIT_SUCCESS;
}

int cli_load_configured(const cli_opts *o, const char *name, canting_motif **m)
{
    canting_error err;
    int rc = cli_load_motif(name, m);
    if (rc == EXIT_SUCCESS)
        rc = cli_apply_sets(*m, o);
    if (rc == EXIT_SUCCESS && o->colourway && !strcmp(o->colourway, "all"))
        rc = cli_usage_error("%s", _("one colourway at a time here: --colourway NAME"));
    if (rc == EXIT_SUCCESS && o->colourway && canting_motif_set_colourway(*m, o->colourway, &err) != CANTING_OK)
        rc = cli_report(&err);
    if (rc != EXIT_SUCCESS) {
        canting_motif_free(*m);
        *m = NULL;
    }
    return rc;
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
    static const struct {
        const char *name;
        canting_format format;
    } formats[] = {{"png", CANTING_FORMAT_PNG}, {"jpeg", CANTING_FORMAT_JPEG}, {"jpg", CANTING_FORMAT_JPEG},
                   {"pdf", CANTING_FORMAT_PDF}, {"svg", CANTING_FORMAT_SVG}};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (!strcasecmp(v, formats[i].name)) {
            o->render.format = formats[i].format;
            o->format_given = 1;
            return -1;
        }
    return cli_usage_error("--format takes png, jpeg, pdf or svg, not '%s'", v);
}

/* separate: PNG sheets (the default) or one PDF, a page per ink. */
static int set_sheet_format(cli_opts *o, const char *v)
{
    int rc = set_format(o, v);
    if (rc < 0 && o->render.format != CANTING_FORMAT_PNG && o->render.format != CANTING_FORMAT_PDF)
        return cli_usage_error("--format takes png (a sheet per ink) or pdf (a film set), not '%s'", v);
    return rc;
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

static int set_flag(int *flag)
{
    *flag = 1;
    return -1;
}

static int set_json(cli_opts *o, const char *v)
{
    (void)v;
    return set_flag(&o->json);
}

static int set_watch(cli_opts *o, const char *v)
{
    (void)v;
    return set_flag(&o->watch);
}

static int set_field_only(cli_opts *o, const char *v)
{
    (void)v;
    o->layout_given = 1;
    return set_flag(&o->render.field_only);
}

static int set_vary(cli_opts *o, const char *v)
{
    if (o->nvary == CLI_MAX_VARY)
        return cli_usage_error("at most two --vary options (a sweep over one or two parameters): '%s'", v);
    const char *eq = strchr(v, '=');
    if (!eq || eq == v || !strstr(eq, ".."))
        return cli_usage_error("--vary takes NAME=LO..HI, such as cell=3cm..6cm, not '%s'", v);
    o->vary[o->nvary++] = v;
    return -1;
}

/* "4x3": columns and rows. */
static int set_grid(cli_opts *o, const char *v)
{
    char *end;
    unsigned long c = strtoul(v, &end, 10), r = 0;
    if (end != v && (*end == 'x' || *end == 'X')) {
        const char *rows = end + 1;
        r = strtoul(rows, &end, 10);
        if (end == rows)
            r = 0;
    }
    if (*end || c < 1 || c > 16 || r < 1 || r > 16)
        return cli_usage_error("--grid takes COLUMNSxROWS from 1x1 to 16x16, such as 4x4, not '%s'", v);
    o->grid_cols = (unsigned)c;
    o->grid_rows = (unsigned)r;
    return -1;
}

static int set_random(cli_opts *o, const char *v)
{
    double d;
    if (!number(v, 1, 256, &d) || d != (int)d)
        return cli_usage_error("--random takes a count of samples from 1 to 256, not '%s'", v);
    o->random = (unsigned)d;
    return -1;
}

static int set_seed(cli_opts *o, const char *v)
{
    char *end;
    errno = 0;
    unsigned long long s = strtoull(v, &end, 10);
    if (errno || end == v || *end || v[0] == '-')
        return cli_usage_error("--seed takes a whole number, not '%s'", v);
    o->seed = s;
    return -1;
}

/* Thumbnail cells: "240" or "240px". */
static int set_cell(cli_opts *o, const char *v)
{
    char *end;
    unsigned long px = strtoul(v, &end, 10);
    if (end == v || (*end && strcmp(end, "px")) || px < 64 || px > 1024)
        return cli_usage_error("--cell takes a cell size in pixels from 64 to 1024, such as 240, not '%s'", v);
    o->cell_px = (unsigned)px;
    return -1;
}

static int set_pick(cli_opts *o, const char *v)
{
    double d;
    if (!number(v, 1, 256, &d) || d != (long)d)
        return cli_usage_error("--pick takes a cell's number from 1, as its caption shows, not '%s'", v);
    o->pick = (long)d;
    return -1;
}

static int set_block(cli_opts *o, const char *v)
{
    o->block = v;
    return -1;
}

/* An option may have several rows for different commands (the first row
 * that names the command wins), so each command's help reads right. */
#define PROOFS (FOR_RENDER | FOR_REPEAT | FOR_SEPARATE | FOR_PLAN | FOR_CAP)
#define MOTIF_PROOFS (FOR_RENDER | FOR_SEPARATE | FOR_PLAN | FOR_CAP | FOR_EXPLORE)
static const option_def options[] = {
    {"--output", "-o", "PREFIX", FOR_SEPARATE | FOR_PLAN, set_output,
     N_("write PREFIX-NAME.png for each sheet (PREFIX.pdf with --format pdf; PREFIX-plan.txt, PREFIX-stages.png for plan)")},
    {"--output", "-o", "PREFIX", FOR_CAP, set_output,
     N_("write PREFIX-capNN.png for each cap, PREFIX-overview.png and PREFIX-caps.txt")},
    {"--output", "-o", "SHEET.png", FOR_EXPLORE, set_output, N_("the contact sheet to write")},
    {"--inks", NULL, "PALETTE", FOR_SEPARATE, set_inks,
     N_("raster art's inks: \"#f2e8d5,#7a4a22\", \"cloth=#f2e8d5,soga=#7a4a22\" or a motif (its inks)")},
    {"--count", "-n", "K", FOR_PALETTE, set_count, N_("how many inks to suggest (default 4)")},
    {"--bits", NULL, "1|8", FOR_SEPARATE | FOR_PLAN, set_bits,
     N_("8 (default): grey coverage, black = ink; 1: a 1-bit film, each pixel one ink or the cloth")},
    {"--marks", NULL, NULL, FOR_SEPARATE | FOR_PLAN, set_marks,
     N_("a margin with registration and crop marks, the ink's name and colour, the same on every sheet")},
    {"--cloth", NULL, NULL, FOR_SEPARATE, set_cloth, N_("also a sheet for the cloth (where no ink goes)")},
    {"--no-sheet", NULL, NULL, FOR_PLAN, set_no_sheet, N_("no stage sheet (PREFIX-stages.png)")},
    {"--colourway", NULL, "NAME", FOR_SEPARATE | FOR_PLAN | FOR_CAP | FOR_INFO, set_colourway,
     N_("use one of the motif's colourways")},
    {"--output", "-o", "FILE", FOR_RENDER | FOR_REPEAT, set_output,
     N_("the file to write (.png, .jpg, .pdf or .svg); written whole or not at all")},
    {"--vary", NULL, "NAME=LO..HI", FOR_EXPLORE, set_vary,
     N_("sweep a parameter from LO to HI, e.g. --vary cell=3cm..6cm; twice for two (across, then down)")},
    {"--grid", NULL, "CxR", FOR_EXPLORE, set_grid, N_("columns and rows of the sheet (default 4x4)")},
    {"--random", NULL, "N", FOR_EXPLORE, set_random,
     N_("N random samples inside the declared ranges (of the --vary parameters, else of every one)")},
    {"--seed", NULL, "S", FOR_EXPLORE, set_seed, N_("the seed of --random (default 1): the same seed, the same sheet")},
    {"--cell", NULL, "PX", FOR_EXPLORE, set_cell, N_("the size of a cell in pixels (default 240)")},
    {"--pick", NULL, "K", FOR_EXPLORE, set_pick, N_("print the `canting render` command that makes cell K, render nothing")},
    {"--block", NULL, "WxH", FOR_CAP, set_block, N_("the size of a cap block, e.g. 20x20cm")},
    {"--set", NULL, "NAME=VALUE", MOTIF_PROOFS, set_param, N_("set a motif parameter, e.g. --set cell=5cm; may be repeated")},
    {"--colourway", NULL, "NAME|all", FOR_RENDER | FOR_EXPLORE, set_colourway,
     N_("recolour with one of the motif's colourways; all: one file per colourway, named OUT-NAME.png")},
    {"--size", NULL, "WxH", PROOFS, set_size,
     N_("physical size, e.g. 20x20cm, 250x105cm, 8.5x11in, 1181x1181px (default: 2 x 2 repeat units)")},
    {"--dpi", NULL, "N", PROOFS, set_dpi, N_("resolution in dots per inch (default 150)")},
    {"--layout", NULL, "NAME", PROOFS | FOR_EXPLORE, set_layout,
     N_("straight, half-drop, brick, mirror, or a wallpaper group p1 ... p6m (default: the motif's own)")},
    {"--drop", NULL, "F", PROOFS | FOR_EXPLORE, set_fraction, N_("half-drop: the drop as a share of the cell (default 0.5)")},
    {"--shift", NULL, "F", PROOFS | FOR_EXPLORE, set_fraction, N_("brick: the shift as a share of the cell (default 0.5)")},
    {"--field-only", NULL, NULL, FOR_RENDER | FOR_CAP, set_field_only, N_("leave out the motif's border bands")},
    {"--format", NULL, "png|jpeg|pdf|svg", FOR_RENDER | FOR_REPEAT, set_format,
     N_("output format (default: from the extension); PDF and SVG draw paths at true size")},
    {"--format", NULL, "png|pdf", FOR_SEPARATE, set_sheet_format,
     N_("png (default): a sheet per ink; pdf: one PDF film set, a page per ink at true size, with marks")},
    {"--compression", NULL, "N", PROOFS, set_compression, N_("PNG zlib level 0..9 (default 3: fast proofs)")},
    {"--quality", NULL, "N", FOR_RENDER | FOR_REPEAT, set_quality, N_("JPEG quality 1..100 (default 90)")},
    {"--threads", NULL, "N", PROOFS | FOR_EXPLORE, set_threads, N_("threads to use (default 0: all cores)")},
    {"--watch", NULL, NULL, FOR_RENDER, set_watch,
     N_("render again whenever the motif (or a motif it uses) changes, until Ctrl-C")},
    {"--json", NULL, NULL, FOR_INFO, set_json, N_("print the motif as JSON, for other programs")},
    {"--quiet", "-q", NULL, PROOFS | FOR_PALETTE | FOR_EXPLORE, set_quiet, N_("print nothing but errors (no progress bar)")},
};


/* Help text wraps under its column rather than running off an 80-column
 * terminal, whatever the language's word lengths. */
static void print_option(const char *left, const char *help)
{
    enum { COLUMN = 29, WIDTH = 79 };
    int len = printf("  %-26s", left);
    if (len > COLUMN - 1) {
        printf("\n%*s", COLUMN - 1, "");
        len = COLUMN - 1;
    }
    while (*help) {
        size_t word = strcspn(help, " ");
        if (len + 1 + (int)word > WIDTH && len > COLUMN - 1) {
            printf("\n%*s", COLUMN - 1, "");
            len = COLUMN - 1;
        }
        len += printf(" %.*s", (int)word, help);
        help += word;
        help += strspn(help, " ");
    }
    printf("\n");
}

static void print_help(const char *usage, unsigned command)
{
    printf("%s\n%s\n", _(usage), _("Options:"));
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
        const option_def *d = &options[i];
        if (!(d->commands & command))
            continue;
        char left[48];
        snprintf(left, sizeof left, "%s%s%s%s%s", d->alias ? d->alias : "", d->alias ? ", " : "", d->name,
                 d->arg ? " " : "", d->arg ? d->arg : "");
        print_option(left, _(d->help));
    }
    print_option("-h, --help", _("show this help"));
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
            if (o->input && !(command & FOR_CHECK)) /* check takes many files */
                return cli_usage_error("unexpected argument '%s'", arg);
            if (!o->input)
                o->input = arg;
            o->ninputs++;
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
