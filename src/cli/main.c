/* main.c: the `canting` command. */
#include "canting.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef CANTING_MOTIF_DIR
#define CANTING_MOTIF_DIR "/usr/local/share/canting/motifs"
#endif

#define EXIT_USAGE 2
#define MAX_SETS 64
#define MAX_DIRS 16

static const char *program = "canting";

static const char main_help[] =
    "canting: compose parametric batik motifs into printable repeats\n"
    "\n"
    "Usage: canting COMMAND [OPTIONS]\n"
    "\n"
    "Commands:\n"
    "  render MOTIF -o OUT.png   render a motif's repeat to a true-size PNG proof\n"
    "\n"
    "Options:\n"
    "  -h, --help      show this help (`canting render --help` for the command's)\n"
    "  -V, --version   show the version\n"
    "\n"
    "MOTIF is a .motif file, or a name looked up in $CANTING_MOTIF_PATH (folders\n"
    "separated by ':'), the motifs/ folder of a build tree, and " CANTING_MOTIF_DIR ".\n";

static const char render_help[] =
    "Usage: canting render MOTIF -o OUT.png [OPTIONS]\n"
    "\n"
    "Renders MOTIF's repeat to fill a physical size and writes a PNG proof that\n"
    "carries its resolution (pHYs) and what made it (tEXt: motif, parameters,\n"
    "version), so it prints at true size and can be made again.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE     the PNG to write (required); written whole or not at all\n"
    "  --set NAME=VALUE      set a parameter, e.g. --set cell=5cm --set petal=0.42;\n"
    "                        may be given many times; values keep the motif's ranges\n"
    "  --size WxH            physical size of the proof, e.g. 20x20cm, 250x105cm,\n"
    "                        8.5x11in or 1181x1181px (default: 2 x 2 repeat cells)\n"
    "  --dpi N               resolution in dots per inch (default 150)\n"
    "  --compression N       PNG zlib level 0..9 (default 3: fast proofs)\n"
    "  -q, --quiet           print nothing but errors\n"
    "  -h, --help            show this help\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", program);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry '%s --help' for more information.\n", program);
    return EXIT_USAGE;
}

static int report(const canting_error *err)
{
    char buf[1024];
    fprintf(stderr, "%s: %s\n", program, canting_error_format(err, buf, sizeof buf));
    return EXIT_FAILURE;
}

/* Folders searched for motif names: $CANTING_MOTIF_PATH, the build tree's
 * motifs/ (found from this program's own location), the installed library. */
typedef struct search_path {
    char *dirs[MAX_DIRS + 1];
    size_t count;
    char storage[MAX_DIRS][PATH_MAX];
} search_path;

static void add_dir(search_path *sp, const char *dir)
{
    if (sp->count < MAX_DIRS && access(dir, R_OK | X_OK) == 0) {
        snprintf(sp->storage[sp->count], PATH_MAX, "%s", dir);
        sp->dirs[sp->count] = sp->storage[sp->count];
        sp->dirs[++sp->count] = NULL;
    }
}

static void build_search_path(search_path *sp)
{
    sp->count = 0;
    sp->dirs[0] = NULL;
    const char *env = getenv("CANTING_MOTIF_PATH");
    while (env && *env) {
        char dir[PATH_MAX];
        size_t n = strcspn(env, ":");
        if (n > 0 && n < sizeof dir) {
            memcpy(dir, env, n);
            dir[n] = '\0';
            add_dir(sp, dir);
        }
        env += n + (env[n] == ':');
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash && (size_t)(slash - exe) + 12 < sizeof exe) {
            strcpy(slash, "/../motifs");
            add_dir(sp, exe);
        }
    }
    add_dir(sp, CANTING_MOTIF_DIR);
}

static int is_path(const char *name)
{
    size_t n = strlen(name);
    return strchr(name, '/') || (n > 6 && strcmp(name + n - 6, ".motif") == 0);
}

static int load_motif(const char *name, const search_path *sp, canting_motif **out)
{
    canting_load_options opts;
    canting_error err;
    canting_load_options_init(&opts);
    opts.search_dirs = (const char *const *)sp->dirs;
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s", name);
    for (size_t i = 0; !is_path(name) && i < sp->count; i++) {
        snprintf(path, sizeof path, "%s/%s.motif", sp->dirs[i], name);
        if (access(path, R_OK) == 0)
            break;
    }
    if (!is_path(name) && access(path, R_OK) != 0) {
        fprintf(stderr, "%s: no motif named '%s' (looked in $CANTING_MOTIF_PATH and %s); give a path to a .motif file\n",
                program, name, sp->count ? sp->dirs[sp->count - 1] : CANTING_MOTIF_DIR);
        return EXIT_FAILURE;
    }
    if (canting_motif_load(path, &opts, out, &err) != CANTING_OK)
        return report(&err);
    return EXIT_SUCCESS;
}

typedef struct render_args {
    const char *motif, *output, *size;
    const char *sets[MAX_SETS];
    size_t nsets;
    double dpi;
    int compression, quiet;
} render_args;

static int parse_number(const char *text, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (errno || end == text || *end || !(v >= lo && v <= hi))
        return 0;
    *out = v;
    return 1;
}

/* Returns -1 to go on, or an exit status. */
static int parse_render_option(render_args *a, int argc, char **argv, int *i)
{
    const char *opt = argv[*i];
    const char *val = *i + 1 < argc ? argv[*i + 1] : NULL;
    double v;
    if (!strcmp(opt, "-h") || !strcmp(opt, "--help")) {
        fputs(render_help, stdout);
        return EXIT_SUCCESS;
    }
    if (!strcmp(opt, "-q") || !strcmp(opt, "--quiet")) {
        a->quiet = 1;
        return -1;
    }
    static const char *const with_value[] = {"-o", "--output", "--set", "--size", "--dpi", "--compression", NULL};
    size_t k;
    for (k = 0; with_value[k] && strcmp(opt, with_value[k]); k++)
        ;
    if (!with_value[k])
        return usage_error(opt[0] == '-' ? "unknown option '%s'" : "unexpected argument '%s'", opt);
    if (!val)
        return usage_error("option '%s' needs a value", opt);
    (*i)++;
    if (k <= 1)
        a->output = val;
    else if (k == 2 && a->nsets == MAX_SETS)
        return usage_error("too many --set options (at most 64): '%s'", val);
    else if (k == 2)
        a->sets[a->nsets++] = val;
    else if (k == 3)
        a->size = val;
    else if (k == 4 && !parse_number(val, 1, 10000, &a->dpi))
        return usage_error("--dpi takes a number from 1 to 10000, not '%s'", val);
    else if (k == 5 && !parse_number(val, 0, 9, &v))
        return usage_error("--compression takes a level from 0 to 9, not '%s'", val);
    else if (k == 5)
        a->compression = (int)v;
    return -1;
}

static int apply_sets(canting_motif *m, const render_args *a)
{
    for (size_t i = 0; i < a->nsets; i++) {
        char name[128];
        const char *eq = strchr(a->sets[i], '=');
        if (!eq || eq == a->sets[i] || (size_t)(eq - a->sets[i]) >= sizeof name)
            return usage_error("--set takes NAME=VALUE, not '%s'", a->sets[i]);
        memcpy(name, a->sets[i], (size_t)(eq - a->sets[i]));
        name[eq - a->sets[i]] = '\0';
        canting_error err;
        if (canting_motif_set(m, name, eq + 1, &err) != CANTING_OK)
            return report(&err);
    }
    return EXIT_SUCCESS;
}

static int run_render(const render_args *a)
{
    search_path sp;
    canting_motif *m = NULL;
    canting_render_options o;
    canting_error err;
    canting_render_options_init(&o);
    o.dpi = a->dpi;
    o.compression = a->compression;
    if (a->size && canting_parse_size(a->size, o.dpi, &o.width_mm, &o.height_mm, &err) != CANTING_OK)
        return usage_error("%s", err.message);
    build_search_path(&sp);
    int rc = load_motif(a->motif, &sp, &m);
    if (rc == EXIT_SUCCESS)
        rc = apply_sets(m, a);
    if (rc == EXIT_SUCCESS && canting_render_file(m, &o, a->output, &err) != CANTING_OK)
        rc = report(&err);
    if (rc == EXIT_SUCCESS && !a->quiet) {
        double w, h;
        canting_motif_cell_mm(m, &w, &h, NULL);
        printf("wrote %s: %s at %g dpi, %llux%llu px\n", a->output, canting_motif_name(m), o.dpi,
               (unsigned long long)canting_mm_to_px(o.width_mm > 0 ? o.width_mm : 2 * w, o.dpi),
               (unsigned long long)canting_mm_to_px(o.height_mm > 0 ? o.height_mm : 2 * h, o.dpi));
    }
    canting_motif_free(m);
    return rc;
}

static int cmd_render(int argc, char **argv)
{
    render_args a = {.dpi = 150, .compression = 3};
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] != '-' && !a.motif) {
            a.motif = argv[i];
            continue;
        }
        int rc = parse_render_option(&a, argc, argv, &i);
        if (rc >= 0)
            return rc;
    }
    if (!a.motif)
        return usage_error("%s", "render needs a MOTIF (a .motif file or a motif name)");
    if (!a.output)
        return usage_error("%s", "render needs -o OUT.png");
    return run_render(&a);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("%s", "missing command");
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        fputs(main_help, stdout);
        return EXIT_SUCCESS;
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
        printf("canting %s\n", canting_version());
        return EXIT_SUCCESS;
    }
    if (!strcmp(cmd, "render"))
        return cmd_render(argc - 1, argv + 1);
    return usage_error("unknown command '%s'", cmd);
}
