/* info.c: `canting list` (the motif library), `canting info` (one motif's
 * parameters, inks and repeat, as text or JSON) and `canting check`
 * (validating motif files). */
#include "cli/cli.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* A text in the user's language when the motif has one. */
static const char *local_text(const char *english, const char *indonesian)
{
    return cli_speaks_indonesian() && indonesian && indonesian[0] ? indonesian : english;
}

/* ---- list ----------------------------------------------------------------------- */

static int is_motif_file(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return n > 6 && strcmp(e->d_name + n - 6, ".motif") == 0 && e->d_name[0] != '.';
}

/* Names already listed: a motif in an earlier folder hides one of the same
 * name later, as the search does. */
typedef struct seen {
    char (*names)[NAME_MAX + 1];
    size_t count, cap;
} seen;

static int seen_before(seen *s, const char *name)
{
    for (size_t i = 0; i < s->count; i++)
        if (!strcmp(s->names[i], name))
            return 1;
    if (s->count == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        void *grown = realloc(s->names, cap * sizeof *s->names);
        if (!grown)
            return 1;
        s->names = grown;
        s->cap = cap;
    }
    snprintf(s->names[s->count++], NAME_MAX + 1, "%s", name);
    return 0;
}

static void list_one(const char *dir, const char *file, const canting_load_options *lo)
{
    char path[PATH_MAX];
    canting_motif *m = NULL;
    canting_error err;
    snprintf(path, sizeof path, "%s/%s", dir, file);
    int len = (int)(strlen(file) - 6);
    if (canting_motif_load(path, lo, &m, &err) == CANTING_OK)
        printf("%-16.*s %s\n", len, file, local_text(canting_motif_title(m), canting_motif_title_id(m)));
    else
        printf("%-16.*s (%s: %s)\n", len, file, _("does not load"), err.message);
    canting_motif_free(m);
}

static const char list_usage[] = N_("Usage: canting list\n"
                                    "\n"
                                    "Lists the motif library, one motif a line: its name (for any command's MOTIF)\n"
                                    "and its title.  Folders are searched as MOTIF names are: $CANTING_MOTIF_PATH,\n"
                                    "the build tree's motifs/, the installed library.\n");

int cli_list(int argc, char **argv)
{
    cli_opts o = {0};
    int rc = cli_parse_options(&o, FOR_LIST, list_usage, argc, argv);
    if (rc >= 0)
        return rc;
    if (o.input)
        return cli_usage_error("unexpected argument '%s'", o.input);
    const char *const *dirs = cli_motif_dirs();
    canting_load_options lo;
    canting_load_options_init(&lo);
    lo.search_dirs = dirs;
    seen s = {0};
    for (size_t d = 0; dirs[d]; d++) {
        struct dirent **names;
        int n = scandir(dirs[d], &names, is_motif_file, alphasort);
        for (int i = 0; i < n; i++) {
            if (!seen_before(&s, names[i]->d_name))
                list_one(dirs[d], names[i]->d_name, &lo);
            free(names[i]);
        }
        if (n >= 0)
            free(names);
    }
    if (s.count == 0)
        fprintf(stderr, "%s\n", _("canting: no motifs found (set $CANTING_MOTIF_PATH to a folder of .motif files)"));
    free(s.names);
    return EXIT_SUCCESS;
}

/* ---- info ----------------------------------------------------------------------- */

static void print_params(const canting_motif *m)
{
    size_t n = canting_motif_param_count(m);
    printf("\n%s\n", n ? _("Parameters (--set NAME=VALUE):") : _("Parameters: none"));
    for (size_t i = 0; i < n; i++) {
        canting_param_info p;
        if (canting_motif_param(m, i, &p) != CANTING_OK)
            continue;
        const char *unit = cli_unit_suffix(p.kind);
        char def[48], range[64] = "";
        snprintf(def, sizeof def, "%g%s", p.default_value, unit);
        if (p.has_range)
            snprintf(range, sizeof range, "%g%s..%g%s", p.min, unit, p.max, unit);
        printf("  %-10s %-9s %-16s %s\n", p.name, def, range[0] ? range : _("(any)"),
               local_text(p.description, p.description_id));
    }
}

static void print_inks(const canting_motif *m)
{
    printf("\n%s\n", _("Inks, in dye order (the first is the cloth):"));
    for (size_t i = 0; i < canting_motif_ink_count(m); i++) {
        canting_ink_info ink;
        if (canting_motif_ink(m, i, &ink) == CANTING_OK)
            printf("  %2zu. %-12s #%02x%02x%02x  %s\n", i + 1, ink.name, ink.r, ink.g, ink.b,
                   local_text(ink.description, ink.description_id));
    }
}

static void print_colourways(const canting_motif *m)
{
    size_t n = canting_motif_colourway_count(m);
    printf("\n%s", n ? _("Colourways (--colourway NAME):") : _("Colourways: none"));
    for (size_t i = 0; i < n; i++)
        printf("%s %s", i ? "," : "", canting_motif_colourway_name(m, i));
    printf("\n");
}

static void print_repeat(const canting_motif *m, const char *path)
{
    char layout[64], fraction[32], border[128];
    double w = 0, h = 0;
    cli_motif_field(m, "layout", layout, sizeof layout);
    cli_motif_field(m, "fraction", fraction, sizeof fraction);
    cli_motif_field(m, "border", border, sizeof border);
    const char *title = local_text(canting_motif_title(m), canting_motif_title_id(m));
    printf("%s%s%s\n", canting_motif_name(m), title[0] ? ": " : "", title);
    printf("%-12s %s\n", _("file:"), path);
    if (canting_motif_cell_mm(m, &w, &h, NULL) == CANTING_OK)
        printf("%-12s %g x %g mm\n", _("cell:"), w, h);
    printf("%-12s %s%s%s\n", _("layout:"), layout, fraction[0] ? " " : "", fraction);
    printf("%-12s %s\n", _("border:"), border[0] ? border : _("none"));
}

static int print_json(const canting_motif *m)
{
    size_t needed = 0;
    canting_error err;
    canting_motif_json(m, NULL, 0, &needed, NULL);
    char *json = malloc(needed ? needed : 1);
    if (!json)
        return cli_fail("%s", _("out of memory"));
    int rc = EXIT_SUCCESS;
    if (canting_motif_json(m, json, needed, NULL, &err) == CANTING_OK)
        printf("%s\n", json);
    else
        rc = cli_report(&err);
    free(json);
    return rc;
}

static const char info_usage[] =
    N_("Usage: canting info MOTIF [--json] [--colourway NAME]\n"
       "\n"
       "Shows what MOTIF is: its cell and layout, its parameters (default, range with\n"
       "units, description), its inks in dye order and its colourways.  Descriptions\n"
       "come in Indonesian when the language is Indonesian and the motif has them.\n"
       "--json prints the same as one JSON object, for other programs.\n");

int cli_info(int argc, char **argv)
{
    cli_opts o = {0};
    int rc = cli_parse_options(&o, FOR_INFO, info_usage, argc, argv);
    if (rc >= 0)
        return rc;
    if (!o.input)
        return cli_usage_error("%s", _("info needs a MOTIF (a .motif file or a motif name)"));
    char path[PATH_MAX];
    canting_load_options lo;
    canting_motif *m = NULL;
    canting_error err;
    if ((rc = cli_find_motif(o.input, path, &lo)) != EXIT_SUCCESS)
        return rc;
    if (canting_motif_load(path, &lo, &m, &err) != CANTING_OK)
        return cli_report(&err);
    if (o.colourway && canting_motif_set_colourway(m, o.colourway, &err) != CANTING_OK)
        rc = cli_report(&err);
    else if (o.json)
        rc = print_json(m);
    else {
        print_repeat(m, path);
        print_params(m);
        print_inks(m);
        print_colourways(m);
    }
    canting_motif_free(m);
    return rc;
}

/* ---- check ---------------------------------------------------------------------- */

static const char check_usage[] =
    N_("Usage: canting check FILE...\n"
       "\n"
       "Loads each motif FILE (a path or a motif name) as every command would: its\n"
       "syntax, names, units, ranges, the motifs it uses, and one evaluation with the\n"
       "defaults.  Prints `FILE: ok` or the error as file:line:col: message, for every\n"
       "file; the exit status is 1 when any fails.\n");

static int check_one(const char *name)
{
    char path[PATH_MAX];
    canting_load_options lo;
    canting_motif *m = NULL;
    canting_error err;
    int rc = cli_find_motif(name, path, &lo);
    if (rc != EXIT_SUCCESS)
        return rc;
    if (canting_motif_load(path, &lo, &m, &err) != CANTING_OK) {
        char buf[1024];
        fprintf(stderr, "%s\n", canting_error_format(&err, buf, sizeof buf));
        return EXIT_FAILURE;
    }
    printf("%s: %s\n", path, _("ok"));
    canting_motif_free(m);
    return EXIT_SUCCESS;
}

int cli_check(int argc, char **argv)
{
    cli_opts o = {0};
    int rc = cli_parse_options(&o, FOR_CHECK, check_usage, argc, argv);
    if (rc >= 0)
        return rc;
    if (!o.input)
        return cli_usage_error("%s", _("check needs one or more motif FILEs"));
    rc = EXIT_SUCCESS;
    for (int i = 1; i < argc; i++)
        if (argv[i][0] != '-' && check_one(argv[i]) != EXIT_SUCCESS)
            rc = EXIT_FAILURE;
    return rc;
}
