/* explore.c: `canting explore`: a contact sheet of a motif's variations,
 * a sweep over one or two parameters or seeded random samples inside
 * their ranges, and `--pick K`: the `canting render` command that makes
 * cell K again, pixel for pixel.
 *
 * Every cell's parameter values are fixed first, as text that reads back
 * to the same double (cli_exact_number), and both the sheet and the picked
 * command set them from that text: so a cell and its re-render cannot
 * differ by a rounding.  Cells render in parallel, one motif handle per
 * thread, each cell on its own, so the sheet is the same whatever the
 * number of threads. */
#include "cli/cli.h"

#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_AXES 32       /* parameters varied at once (--random over every one) */
#define MAX_CELLS 256
#define SET_TEXT 96       /* "name=value" */
#define DEFAULT_CELL_PX 240
#define DEFAULT_SIDE 4    /* a 4 x 4 sweep: 16 variations */

typedef struct axis {
    char name[64];
    canting_unit_kind kind;
    double lo, hi;
} axis;

typedef struct plan {
    axis axes[MAX_AXES];
    size_t naxes;
    size_t ncells;
    unsigned cols;
    char (*sets)[MAX_AXES][SET_TEXT]; /* per cell, per axis: "name=value" */
    double dpi;
    int border;               /* the motif has border bands: cells show the field only */
    char path[PATH_MAX];      /* the motif's file */
    canting_load_options load;
} plan;

/* ---- the parameters and their values ------------------------------------------------- */

static int param_index(const canting_motif *m, const char *name, canting_param_info *info)
{
    for (size_t i = 0; i < canting_motif_param_count(m); i++)
        if (canting_motif_param(m, i, info) == CANTING_OK && !strcmp(info->name, name))
            return (int)i;
    return -1;
}

/* A value as the motif reads it (range-checked), in mm, degrees or plain. */
static int value_of(canting_motif *scratch, const char *name, const char *text, double *out)
{
    canting_error err;
    canting_param_info info;
    if (canting_motif_set(scratch, name, text, &err) != CANTING_OK)
        return cli_report(&err);
    param_index(scratch, name, &info);
    *out = info.value;
    return EXIT_SUCCESS;
}

/* --vary NAME=LO..HI */
static int read_vary(canting_motif *scratch, const char *spec, axis *a)
{
    canting_param_info info;
    const char *eq = strchr(spec, '='), *dots = strstr(eq, "..");
    char lo[64], hi[64];
    snprintf(a->name, sizeof a->name, "%.*s", (int)(eq - spec), spec);
    snprintf(lo, sizeof lo, "%.*s", (int)(dots - eq - 1), eq + 1);
    snprintf(hi, sizeof hi, "%s", dots + 2);
    if (param_index(scratch, a->name, &info) < 0)
        return cli_fail(N_("the motif has no parameter '%s' (`canting info MOTIF` lists them)"), a->name);
    a->kind = info.kind;
    int rc = value_of(scratch, a->name, lo, &a->lo);
    return rc == EXIT_SUCCESS ? value_of(scratch, a->name, hi, &a->hi) : rc;
}

static int is_set_by_user(const cli_opts *o, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < o->nsets; i++)
        if (!strncmp(o->sets[i], name, n) && o->sets[i][n] == '=')
            return 1;
    return 0;
}

/* --random without --vary: every parameter with a range the user left free. */
static void every_ranged_param(const canting_motif *m, const cli_opts *o, plan *p)
{
    for (size_t i = 0; i < canting_motif_param_count(m) && p->naxes < MAX_AXES; i++) {
        canting_param_info info;
        if (canting_motif_param(m, i, &info) != CANTING_OK || !info.has_range || is_set_by_user(o, info.name))
            continue;
        axis *a = &p->axes[p->naxes++];
        snprintf(a->name, sizeof a->name, "%s", info.name);
        a->kind = info.kind;
        a->lo = info.min;
        a->hi = info.max;
    }
}

/* splitmix64: a small generator whose stream is fixed by the seed on every
 * machine, so a seed names a sheet. */
static double next_unit(unsigned long long *state)
{
    unsigned long long z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return (double)(z >> 11) / 9007199254740992.0; /* [0, 1) in 53 bits */
}

/* Step i of n from lo to hi, landing exactly on both ends. */
static double step(const axis *a, size_t i, size_t n)
{
    if (n < 2 || i == 0)
        return a->lo;
    if (i == n - 1)
        return a->hi;
    return a->lo + (a->hi - a->lo) * (double)i / (double)(n - 1);
}

/* A value rounded to `digits` significant digits, unless that leaves the
 * axis: a sweep's 0.7999999999999999 reads 0.8 and a random draw keeps
 * six digits, in the captions and the picked commands alike. */
static double tidy(const axis *a, double v, int digits)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.*g", digits, v);
    double t = strtod(buf, NULL);
    return t >= fmin(a->lo, a->hi) && t <= fmax(a->lo, a->hi) ? t : v;
}

static double cell_value(const cli_opts *o, const plan *p, size_t cell, size_t ax, unsigned long long *rng)
{
    const axis *a = &p->axes[ax];
    if (o->random)
        return tidy(a, a->lo + (a->hi - a->lo) * next_unit(rng), 6);
    if (p->naxes == 1)
        return tidy(a, step(a, cell, p->ncells), 10);
    size_t rows = (p->ncells + p->cols - 1) / p->cols;
    return tidy(a, ax == 0 ? step(a, cell % p->cols, p->cols) : step(a, cell / p->cols, rows), 10);
}

static void fill_sets(const cli_opts *o, plan *p)
{
    unsigned long long rng = o->seed;
    for (size_t c = 0; c < p->ncells; c++)
        for (size_t a = 0; a < p->naxes; a++) {
            char num[64];
            cli_exact_number(cell_value(o, p, c, a, &rng), num, sizeof num);
            snprintf(p->sets[c][a], SET_TEXT, "%s=%s%s", p->axes[a].name, num, cli_unit_suffix(p->axes[a].kind));
        }
}

static canting_status apply_cell(canting_motif *m, const plan *p, size_t cell, canting_error *err)
{
    canting_status st = CANTING_OK;
    for (size_t a = 0; st == CANTING_OK && a < p->naxes; a++)
        st = cli_set(m, p->sets[cell][a], err);
    return st;
}

/* Two repeats across a cell for the largest variation: one scale for the
 * whole sheet, so sizes compare by eye.  Also checks every cell's values. */
static int choose_dpi(canting_motif *scratch, const plan *p, unsigned cell_px, double *dpi)
{
    double largest = 0;
    for (size_t c = 0; c < p->ncells; c++) {
        double w, h;
        canting_error err;
        if (apply_cell(scratch, p, c, &err) != CANTING_OK || canting_motif_cell_mm(scratch, &w, &h, &err) != CANTING_OK)
            return cli_report(&err);
        largest = fmax(largest, fmax(w, h));
    }
    char tidy_dpi[32]; /* four digits: any scale near two repeats will do, and it reads well in --pick */
    snprintf(tidy_dpi, sizeof tidy_dpi, "%.4g", largest > 0 ? cell_px * 25.4 / (2 * largest) : 150);
    *dpi = strtod(tidy_dpi, NULL);
    return EXIT_SUCCESS;
}

/* ---- the plan from the options ---------------------------------------------------------- */

static int plan_grid(const cli_opts *o, plan *p)
{
    if (o->random) {
        p->ncells = o->random;
        p->cols = o->grid_cols ? o->grid_cols : (unsigned)ceil(sqrt((double)o->random));
        return -1;
    }
    p->cols = o->grid_cols ? o->grid_cols : DEFAULT_SIDE;
    p->ncells = (size_t)p->cols * (o->grid_rows ? o->grid_rows : DEFAULT_SIDE);
    if (p->ncells > MAX_CELLS)
        return cli_usage_error("%s", _("at most 256 cells on one sheet"));
    return -1;
}

static int make_plan(const cli_opts *o, canting_motif *scratch, plan *p)
{
    if (!o->random && o->nvary == 0)
        return cli_usage_error("%s", _("explore needs a sweep (--vary NAME=LO..HI) or samples (--random N)"));
    int rc = plan_grid(o, p);
    if (rc >= 0)
        return rc;
    for (size_t i = 0; i < o->nvary; i++)
        if ((rc = read_vary(scratch, o->vary[i], &p->axes[p->naxes++])) != EXIT_SUCCESS)
            return rc;
    if (o->nvary == 0)
        every_ranged_param(scratch, o, p);
    if (p->naxes == 0)
        return cli_fail(N_("motif '%s' has no parameter with a range to sample"), canting_motif_name(scratch));
    if (!(p->sets = calloc(p->ncells, sizeof *p->sets)))
        return cli_fail("%s", _("out of memory"));
    fill_sets(o, p);
    char border[64];
    cli_motif_field(scratch, "border", border, sizeof border);
    p->border = border[0] != '\0';
    return choose_dpi(scratch, p, o->cell_px, &p->dpi);
}

/* ---- captions and the picked command ------------------------------------------------------ */

/* "K: a=3.5cm b=0.8", wrapped onto a second line when it would run past
 * the cell, and cut with "..." when that is full too: --pick gives every
 * value exactly. */
static void caption_of(const plan *p, size_t cell, unsigned cell_px, char *buf, size_t size)
{
    size_t width = cell_px / 7, line_start = 0, len = (size_t)snprintf(buf, size, "%zu:", cell + 1);
    for (size_t a = 0; a < p->naxes && len + 4 < size; a++) {
        double v = strtod(strchr(p->sets[cell][a], '=') + 1, NULL);
        char item[96];
        size_t n = (size_t)snprintf(item, sizeof item, "%s=%.3g%s", p->axes[a].name, v, cli_unit_suffix(p->axes[a].kind));
        int fits = len - line_start + 1 + n <= width;
        if (!fits && line_start > 0) {
            snprintf(buf + len, size - len, " ...");
            return;
        }
        if (!fits && a > 0)
            line_start = len + 1;
        len += (size_t)snprintf(buf + len, size - len, "%s%s", !fits && a > 0 ? "\n" : " ", item);
    }
}

/* An argument as the shell reads it back. */
static void print_arg(const char *arg)
{
    if (arg[strspn(arg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=./,:+%")] == '\0') {
        printf(" %s", arg);
        return;
    }
    printf(" '");
    for (; *arg; arg++)
        *arg == '\'' ? printf("'\\''") : printf("%c", *arg);
    printf("'");
}

static void print_option_arg(const char *option, const char *value)
{
    print_arg(option);
    print_arg(value);
}

/* The user's --set of a parameter the sheet does not vary. */
static int is_fixed_set(const plan *p, const char *set)
{
    size_t n = strcspn(set, "=");
    for (size_t a = 0; a < p->naxes; a++)
        if (strlen(p->axes[a].name) == n && !strncmp(p->axes[a].name, set, n))
            return 0;
    return 1;
}

static void print_pick(const cli_opts *o, const plan *p, size_t cell)
{
    char out[PATH_MAX], num[32], size[64], dpi[64];
    snprintf(num, sizeof num, "%zu", cell + 1);
    if (o->output)
        cli_suffixed_path(o->output, num, out, sizeof out);
    else
        snprintf(out, sizeof out, "explore-%s.png", num);
    unsigned px = o->cell_px;
    snprintf(size, sizeof size, "%ux%upx", px, px);
    cli_exact_number(p->dpi, dpi, sizeof dpi);
    printf("canting render");
    const char *head[] = {o->input, "-o", out, "--size", size, "--dpi", dpi};
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        print_arg(head[i]);
    if (o->render.layout)
        print_option_arg("--layout", o->render.layout);
    if (o->render.fraction >= 0) {
        char f[64];
        cli_exact_number(o->render.fraction, f, sizeof f);
        print_option_arg(o->render.layout && !strcmp(o->render.layout, "brick") ? "--shift" : "--drop", f);
    }
    if (p->border)
        print_arg("--field-only");
    if (o->colourway)
        print_option_arg("--colourway", o->colourway);
    for (size_t i = 0; i < o->nsets; i++)
        if (is_fixed_set(p, o->sets[i]))
            print_option_arg("--set", o->sets[i]);
    for (size_t a = 0; a < p->naxes; a++)
        print_option_arg("--set", p->sets[cell][a]);
    printf("\n");
}

/* ---- rendering the cells in parallel ------------------------------------------------------- */

typedef struct job {
    const cli_opts *o;
    const plan *p;
    canting_contact *sheet;
    const char *colourway;
    canting_render_options render;
    unsigned first, stride;   /* this thread's cells: first, first + stride, ... */
    int rc;
    canting_error err;
} job;

/* A thread's own motif: loaded, --set, the colourway. */
static canting_status load_own(const job *j, canting_motif **m, canting_error *err)
{
    canting_status st = canting_motif_load(j->p->path, &j->p->load, m, err);
    for (size_t i = 0; st == CANTING_OK && i < j->o->nsets; i++)
        st = cli_set(*m, j->o->sets[i], err);
    if (st == CANTING_OK && j->colourway)
        st = canting_motif_set_colourway(*m, j->colourway, err);
    return st;
}

static void *render_cells(void *arg)
{
    job *j = arg;
    canting_motif *m = NULL;
    canting_status st = load_own(j, &m, &j->err);
    for (size_t c = j->first; st == CANTING_OK && c < j->p->ncells; c += j->stride) {
        char caption[256];
        st = apply_cell(m, j->p, c, &j->err);
        caption_of(j->p, c, j->o->cell_px, caption, sizeof caption);
        if (st == CANTING_OK)
            st = canting_contact_draw(j->sheet, c, m, &j->render, caption, &j->err);
    }
    j->rc = st == CANTING_OK ? EXIT_SUCCESS : EXIT_FAILURE;
    canting_motif_free(m);
    return NULL;
}

static unsigned thread_count(const cli_opts *o, size_t cells)
{
    long cores = o->render.threads ? (long)o->render.threads : sysconf(_SC_NPROCESSORS_ONLN);
    if (cores < 1)
        cores = 1;
    return (unsigned)(cores < (long)cells ? cores : (long)cells);
}

static int render_sheet(const cli_opts *o, const plan *p, canting_contact *sheet, const char *colourway)
{
    unsigned n = thread_count(o, p->ncells);
    job *jobs = calloc(n, sizeof *jobs);
    pthread_t *threads = calloc(n, sizeof *threads);
    int rc = jobs && threads ? EXIT_SUCCESS : cli_fail("%s", _("out of memory"));
    unsigned started = 0;
    for (unsigned t = 0; rc == EXIT_SUCCESS && t < n; t++) {
        jobs[t] = (job){.o = o, .p = p, .sheet = sheet, .colourway = colourway, .render = o->render,
                        .first = t, .stride = n};
        jobs[t].render.dpi = p->dpi;
        jobs[t].render.threads = 1; /* the parallelism is across cells */
        jobs[t].render.field_only = 1;
        jobs[t].render.progress = NULL;
        if (pthread_create(&threads[t], NULL, render_cells, &jobs[t]) != 0)
            rc = cli_fail("%s", _("cannot start a thread"));
        else
            started++;
    }
    for (unsigned t = 0; t < started; t++) {
        pthread_join(threads[t], NULL);
        if (jobs[t].rc != EXIT_SUCCESS && rc == EXIT_SUCCESS)
            rc = cli_report(&jobs[t].err);
    }
    free(jobs);
    free(threads);
    return rc;
}

static int write_sheet(const cli_opts *o, const plan *p, const char *motif, const char *colourway, const char *path)
{
    char title[160];
    canting_contact *sheet = NULL;
    canting_error err;
    unsigned cell_px = o->cell_px;
    if (o->random)
        snprintf(title, sizeof title, _("%s%s%s: %zu random samples, seed %llu"), motif, colourway ? " / " : "",
                 colourway ? colourway : "", p->ncells, o->seed);
    else
        snprintf(title, sizeof title, _("%s%s%s: %zu variations of %s%s%s"), motif, colourway ? " / " : "",
                 colourway ? colourway : "", p->ncells, p->axes[0].name, p->naxes > 1 ? _(" and ") : "",
                 p->naxes > 1 ? p->axes[1].name : "");
    if (canting_contact_new(p->cols, cell_px, title, &sheet, &err) != CANTING_OK ||
        canting_contact_reserve(sheet, p->ncells, &err) != CANTING_OK) {
        canting_contact_free(sheet);
        return cli_report(&err);
    }
    int rc = render_sheet(o, p, sheet, colourway);
    if (rc == EXIT_SUCCESS && canting_contact_write(sheet, path, &err) != CANTING_OK)
        rc = cli_report(&err);
    canting_contact_free(sheet);
    if (rc == EXIT_SUCCESS && !o->quiet)
        printf(_("wrote %s: %zu cells of %u px at %g dpi; --pick K prints the command that renders cell K\n"), path,
               p->ncells, cell_px, p->dpi);
    return rc;
}

static int write_sheets(const cli_opts *o, const plan *p, const canting_motif *m)
{
    if (!o->colourway || strcmp(o->colourway, "all"))
        return write_sheet(o, p, canting_motif_name(m), o->colourway, o->output);
    size_t n = canting_motif_colourway_count(m);
    if (n == 0)
        return cli_fail(N_("motif '%s' declares no colourways"), canting_motif_name(m));
    int rc = EXIT_SUCCESS;
    for (size_t i = 0; i < n && rc == EXIT_SUCCESS; i++) {
        char path[PATH_MAX];
        const char *way = canting_motif_colourway_name(m, i);
        cli_suffixed_path(o->output, way, path, sizeof path);
        rc = write_sheet(o, p, canting_motif_name(m), way, path);
    }
    return rc;
}

/* ---- the command -------------------------------------------------------------------------- */

static const char explore_usage[] =
    N_("Usage: canting explore MOTIF -o SHEET.png --vary NAME=LO..HI [--vary NAME=LO..HI] [OPTIONS]\n"
       "       canting explore MOTIF -o SHEET.png --random N [--seed S] [OPTIONS]\n"
       "       canting explore ... --pick K\n"
       "\n"
       "A contact sheet of variations of MOTIF, each cell a small repeat captioned with\n"
       "its number and parameter values.  One --vary sweeps a parameter over the cells\n"
       "(--grid, default 4x4); two sweep the first across and the second down.  --random\n"
       "draws N samples inside the ranges (of the --vary parameters, else of every\n"
       "parameter not --set); the same seed gives the same sheet.  Every cell is at\n"
       "one scale, two repeats of the largest variation across.  --pick K prints the\n"
       "`canting render` command that makes cell K again, pixel for pixel.\n");

static int check_options(const cli_opts *o)
{
    if (!o->input)
        return cli_usage_error("%s", _("explore needs a MOTIF (a .motif file or a motif name)"));
    if (!o->output && !o->pick)
        return cli_usage_error("%s", _("a contact sheet is needed: -o SHEET.png"));
    if (o->random && o->grid_rows && o->grid_cols * o->grid_rows < o->random)
        return cli_usage_error("%s", _("--grid has fewer cells than --random samples"));
    if (o->pick && o->colourway && !strcmp(o->colourway, "all"))
        return cli_usage_error("%s", _("--pick takes one colourway: --colourway NAME"));
    return -1;
}

int cli_explore(int argc, char **argv)
{
    cli_opts o = {0};
    canting_render_options_init(&o.render);
    o.seed = 1;
    int rc = cli_parse_options(&o, FOR_EXPLORE, explore_usage, argc, argv);
    if (!o.cell_px)
        o.cell_px = DEFAULT_CELL_PX;
    if (rc < 0)
        rc = check_options(&o);
    if (rc >= 0)
        return rc;
    plan *p = calloc(1, sizeof *p);
    canting_motif *scratch = NULL;
    cli_opts one = o;
    if (one.colourway && !strcmp(one.colourway, "all"))
        one.colourway = NULL; /* checked per sheet */
    rc = p ? cli_find_motif(o.input, p->path, &p->load) : cli_fail("%s", _("out of memory"));
    if (rc == EXIT_SUCCESS)
        rc = cli_load_configured(&one, p->path, &scratch);
    if (rc == EXIT_SUCCESS)
        rc = make_plan(&o, scratch, p);
    if (rc == EXIT_SUCCESS && o.pick > (long)p->ncells) {
        char count[32];
        snprintf(count, sizeof count, "%zu", p->ncells);
        rc = cli_usage_error("--pick: the sheet has only %s cells", count);
    }
    if (rc == EXIT_SUCCESS && o.pick)
        print_pick(&o, p, (size_t)o.pick - 1);
    else if (rc == EXIT_SUCCESS)
        rc = write_sheets(&o, p, scratch);
    canting_motif_free(scratch);
    if (p)
        free(p->sets);
    free(p);
    return rc;
}
