/* motif.c: loading motifs (with `use` and its cycle check) and the public
 * motif API: names, parameters, inks, cell size. */
#include "motif/motif.h"
#include "motif/parser.h"
#include "util/util.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_USE_DEPTH 32

/* State of one load: the search path, the motifs being loaded (for cycles)
 * and those already loaded (each file is parsed once, however often used). */
struct ct_loader {
    const char *const *search_dirs;
    const canting_limits *limits;
    char *stack[MAX_USE_DEPTH];
    size_t depth;
    ct_motif_def **loaded;
    char **loaded_paths;
    size_t nloaded, cap;
};

void canting_load_options_init(canting_load_options *options)
{
    if (!options)
        return;
    options->search_dirs = NULL;
    canting_limits_init(&options->limits);
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return ct_strdup(".");
    return ct_strndup(path, slash == path ? 1 : (size_t)(slash - path));
}

/* Reads a whole file, refusing one larger than max_bytes. */
static canting_status read_file(const char *path, size_t max_bytes, char **text, size_t *len, ct_file_id *id,
                                canting_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return ct_fail_at(err, CANTING_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    struct stat sb;
    if (id)
        ct_file_id_of_fd(fileno(f), id);
    if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        fclose(f);
        return ct_fail_at(err, CANTING_EIO, path, 0, 0, "not a regular file");
    }
    if ((uintmax_t)sb.st_size > max_bytes) {
        fclose(f);
        return ct_fail_at(err, CANTING_ELIMIT, path, 0, 0, "file is %jd bytes, more than the limit of %zu",
                          (intmax_t)sb.st_size, max_bytes);
    }
    char *buf = ct_malloc((size_t)sb.st_size + 1);
    if (!buf) {
        fclose(f);
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    }
    size_t n = fread(buf, 1, (size_t)sb.st_size, f);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        ct_free(buf);
        return ct_fail_at(err, CANTING_EIO, path, 0, 0, "read error");
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return CANTING_OK;
}

static canting_status parse_owned(ct_loader *loader, char *text, size_t len, const char *file, ct_motif_def **out,
                                  canting_error *err)
{
    canting_status st = ct_parse_motif(text, len, file, loader, loader->limits, out, err);
    if (st != CANTING_OK) {
        ct_free(text);
        return st;
    }
    if (!((*out)->dir = dir_of(file))) {
        ct_motif_def_free(*out);
        *out = NULL;
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    }
    return CANTING_OK;
}

/* Finds NAME.motif in the using motif's folder, then the search folders. */
/* Finds NAME.motif in the using motif's folder, then the search folders:
 * CANTING_OK with *out set, CANTING_ENAME when there is none, CANTING_ENOMEM. */
static canting_status find_motif_file(const ct_loader *loader, const ct_motif_def *from, const char *name,
                                      char **out)
{
    char path[PATH_MAX];
    char *dir = dir_of(from->file);
    *out = NULL;
    if (!dir)
        return CANTING_ENOMEM;
    for (size_t i = 0;; i++) {
        const char *d = i == 0 ? dir : loader->search_dirs ? loader->search_dirs[i - 1] : NULL;
        if (!d)
            break;
        int n = snprintf(path, sizeof path, "%s/%s.motif", d, name);
        if (n > 0 && (size_t)n < sizeof path && access(path, R_OK) == 0) {
            ct_free(dir);
            *out = realpath(path, NULL);
            return *out ? CANTING_OK : errno == ENOMEM ? CANTING_ENOMEM : CANTING_ENAME;
        }
    }
    ct_free(dir);
    return CANTING_ENAME;
}

static canting_status cycle_error(const ct_loader *loader, const ct_motif_def *from, const char *name, int line,
                                  int column, canting_error *err)
{
    char chain[400] = "";
    for (size_t i = 0; i < loader->depth; i++) {
        const char *base = strrchr(loader->stack[i], '/');
        size_t used = strlen(chain);
        snprintf(chain + used, sizeof chain - used, "%s -> ", base ? base + 1 : loader->stack[i]);
    }
    size_t used = strlen(chain);
    snprintf(chain + used, sizeof chain - used, "%s.motif", name);
    return ct_fail_at(err, CANTING_ECYCLE, from->file, line, column, "motifs use each other in a cycle: %s", chain);
}

static canting_status remember(ct_loader *loader, char *path, ct_motif_def *def, canting_error *err)
{
    size_t cap = loader->cap;
    if (!ct_grow((void **)&loader->loaded, &cap, loader->nloaded + 1, sizeof *loader->loaded) ||
        !ct_grow((void **)&loader->loaded_paths, &loader->cap, loader->nloaded + 1, sizeof *loader->loaded_paths)) {
        ct_motif_def_free(def);
        free(path);
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    }
    loader->loaded[loader->nloaded] = def;
    loader->loaded_paths[loader->nloaded++] = path;
    return CANTING_OK;
}

static canting_status load_used(ct_loader *loader, char *path, ct_motif_def **out, canting_error *err)
{
    char *text;
    size_t len;
    canting_status st = read_file(path, loader->limits->max_file_bytes, &text, &len, NULL, err);
    if (st != CANTING_OK) {
        free(path);
        return st;
    }
    loader->stack[loader->depth++] = path;
    st = parse_owned(loader, text, len, path, out, err);
    loader->depth--;
    if (st != CANTING_OK) {
        free(path);
        return st;
    }
    return remember(loader, path, *out, err);
}

canting_status ct_loader_use(ct_loader *loader, const ct_motif_def *from, const char *name, int line, int column,
                             ct_motif_def **out, canting_error *err)
{
    char *path;
    canting_status found = find_motif_file(loader, from, name, &path);
    if (found == CANTING_ENOMEM)
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    if (found != CANTING_OK)
        return ct_fail_at(err, CANTING_ENAME, from->file, line, column,
                          "no motif '%s' found (looked for %s.motif beside this file and in the motif library)",
                          name, name);
    for (size_t i = 0; i < loader->depth; i++) {
        if (strcmp(loader->stack[i], path) == 0) {
            free(path);
            return cycle_error(loader, from, name, line, column, err);
        }
    }
    for (size_t i = 0; i < loader->nloaded; i++) {
        if (strcmp(loader->loaded_paths[i], path) == 0) {
            free(path);
            *out = loader->loaded[i];
            return CANTING_OK;
        }
    }
    if (loader->depth == MAX_USE_DEPTH) {
        free(path);
        return ct_fail_at(err, CANTING_ELIMIT, from->file, line, column, "motifs use each other %d deep",
                          MAX_USE_DEPTH);
    }
    return load_used(loader, path, out, err);
}

static void loader_release(ct_loader *loader, ct_motif_def *root)
{
    for (size_t i = 0; i < loader->nloaded; i++) {
        free(loader->loaded_paths[i]);
        if (!root)
            ct_motif_def_free(loader->loaded[i]);
    }
    ct_free(loader->loaded_paths);
    if (root) {
        root->uses = loader->loaded;
        root->nuses = loader->nloaded;
    } else {
        ct_free(loader->loaded);
    }
}

/* Names must be unique across parameters, lets and inks, since expressions
 * and `use` assignments look them up in one namespace. */
static canting_status check_names(const ct_motif_def *m, canting_error *err)
{
    size_t n = m->nparams + m->nlets + m->ninks;
    for (size_t i = 0; i < n; i++) {
        const char *a;
        int line, column;
        ct_motif_name_at(m, i, &a, &line, &column);
        for (size_t j = 0; j < i; j++) {
            const char *b;
            int bl, bc;
            ct_motif_name_at(m, j, &b, &bl, &bc);
            if (strcmp(a, b) == 0)
                return ct_fail_at(err, CANTING_ESYNTAX, m->file, line, column,
                                  "'%s' is already defined at line %d", a, bl);
        }
    }
    return CANTING_OK;
}

void ct_motif_name_at(const ct_motif_def *m, size_t i, const char **name, int *line, int *column)
{
    if (i < m->nparams) {
        *name = m->params[i].name, *line = m->params[i].line, *column = m->params[i].column;
    } else if ((i -= m->nparams) < m->nlets) {
        *name = m->lets[i].name, *line = m->lets[i].line, *column = m->lets[i].column;
    } else {
        i -= m->nlets;
        *name = m->inks[i].name, *line = m->inks[i].line, *column = m->inks[i].column;
    }
}

/* A motif is checked by evaluating it once with its defaults, so that every
 * unknown name or unit mistake is reported at load with its place. */
static canting_status validate(const canting_motif *motif, canting_error *err)
{
    canting_status st = check_names(motif->def, err);
    for (size_t i = 0; st == CANTING_OK && i < motif->def->nuses; i++)
        st = check_names(motif->def->uses[i], err);
    if (st != CANTING_OK)
        return st;
    ct_scene scene;
    st = ct_scene_build(motif->def, NULL, 0, &motif->limits, &scene, err);
    if (st == CANTING_OK)
        ct_scene_free(&scene);
    if (st == CANTING_OK && motif->def->border &&
        (st = ct_scene_build_part(motif->def, NULL, 0, &motif->limits, CT_PART_BORDER, &scene, err)) == CANTING_OK)
        ct_scene_free(&scene);
    return st;
}

static canting_status finish_load(ct_loader *loader, char *text, size_t len, const char *file,
                                  const canting_load_options *options, canting_motif **out, canting_error *err)
{
    ct_motif_def *def = NULL;
    canting_status st = parse_owned(loader, text, len, file, &def, err);
    loader_release(loader, st == CANTING_OK ? def : NULL);
    if (st != CANTING_OK)
        return st;
    canting_motif *motif = ct_calloc(1, sizeof *motif);
    if (!motif) {
        ct_motif_def_free(def);
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    }
    motif->def = def;
    motif->limits = options->limits;
    st = validate(motif, err);
    if (st != CANTING_OK) {
        canting_motif_free(motif);
        return st;
    }
    *out = motif;
    return CANTING_OK;
}

canting_status canting_motif_parse(const char *text, size_t len, const char *origin,
                                   const canting_load_options *options, canting_motif **out, canting_error *err)
{
    canting_load_options defaults;
    ct_error_clear(err);
    if (!out || (!text && len))
        return ct_fail(err, CANTING_EARG, "canting_motif_parse: NULL argument");
    *out = NULL;
    if (!options) {
        canting_load_options_init(&defaults);
        options = &defaults;
    }
    if (len > options->limits.max_file_bytes)
        return ct_fail(err, CANTING_ELIMIT, "motif text is %zu bytes, more than the limit of %zu", len,
                       options->limits.max_file_bytes);
    char *copy = ct_strndup(text ? text : "", len);
    if (!copy)
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    ct_loader loader = {.search_dirs = options->search_dirs, .limits = &options->limits};
    return finish_load(&loader, copy, len, origin ? origin : "<memory>", options, out, err);
}

canting_status canting_motif_load(const char *path, const canting_load_options *options, canting_motif **out,
                                  canting_error *err)
{
    canting_load_options defaults;
    ct_error_clear(err);
    if (!out || !path)
        return ct_fail(err, CANTING_EARG, "canting_motif_load: NULL argument");
    *out = NULL;
    if (!options) {
        canting_load_options_init(&defaults);
        options = &defaults;
    }
    char *text;
    size_t len;
    ct_file_id source;
    canting_status st = read_file(path, options->limits.max_file_bytes, &text, &len, &source, err);
    if (st != CANTING_OK)
        return st;
    ct_loader loader = {.search_dirs = options->search_dirs, .limits = &options->limits};
    char *real = realpath(path, NULL);
    if (real)
        loader.stack[loader.depth++] = real;
    st = finish_load(&loader, text, len, path, options, out, err);
    free(real);
    if (st == CANTING_OK)
        (*out)->source = source;
    return st;
}

void canting_motif_free(canting_motif *motif)
{
    if (!motif)
        return;
    for (size_t i = 0; i < motif->noverrides; i++)
        ct_free((char *)motif->overrides[i].name);
    ct_free(motif->overrides);
    ct_motif_def_free(motif->def);
    ct_free(motif);
}

const char *canting_motif_name(const canting_motif *motif)
{
    return motif ? motif->def->name : "";
}

const char *canting_motif_title(const canting_motif *motif)
{
    return motif ? motif->def->title : "";
}

const char *canting_motif_title_id(const canting_motif *motif)
{
    return motif ? motif->def->title_id : "";
}

size_t canting_motif_param_count(const canting_motif *motif)
{
    return motif ? motif->def->nparams : 0;
}

canting_status canting_motif_param(const canting_motif *motif, size_t index, canting_param_info *info)
{
    if (!motif || !info || index >= motif->def->nparams)
        return CANTING_EARG;
    ct_env env;
    canting_status st = ct_env_build(motif->def, motif->overrides, motif->noverrides, &env, NULL);
    if (st != CANTING_OK)
        return st;
    ct_env defaults;
    if ((st = ct_env_build(motif->def, NULL, 0, &defaults, NULL)) != CANTING_OK) {
        ct_env_free(&env);
        return st;
    }
    const ct_param_def *d = &motif->def->params[index];
    memset(info, 0, sizeof *info);
    info->name = d->name;
    info->description = d->description;
    info->description_id = d->description_id;
    info->kind = env.bindings[index].value.unit;
    info->value = env.bindings[index].value.v;
    info->default_value = defaults.bindings[index].value.v;
    if (d->lo) {
        info->has_range = 1;
        st = ct_eval_as(&env, d->lo, info->kind, &info->min, NULL);
        if (st == CANTING_OK)
            st = ct_eval_as(&env, d->hi, info->kind, &info->max, NULL);
    }
    ct_env_free(&env);
    ct_env_free(&defaults);
    return st;
}

static canting_status store_override(canting_motif *motif, const char *name, ct_value v, canting_error *err)
{
    for (size_t i = 0; i < motif->noverrides; i++) {
        if (strcmp(motif->overrides[i].name, name) == 0) {
            motif->overrides[i].value = v;
            return CANTING_OK;
        }
    }
    ct_binding *grown = ct_realloc_array(motif->overrides, motif->noverrides + 1, sizeof *grown);
    if (!grown)
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    motif->overrides = grown;
    char *copy = ct_strdup(name);
    if (!copy)
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    motif->overrides[motif->noverrides++] = (ct_binding){copy, v};
    return CANTING_OK;
}

static canting_status find_param(const canting_motif *motif, const char *name, canting_error *err)
{
    for (size_t i = 0; i < motif->def->nparams; i++)
        if (strcmp(motif->def->params[i].name, name) == 0)
            return CANTING_OK;
    char list[300] = "";
    for (size_t i = 0; i < motif->def->nparams; i++) {
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", motif->def->params[i].name);
    }
    return ct_fail(err, CANTING_ENAME, "motif '%s' has no parameter '%s' (it has: %s)", motif->def->name, name,
                   list[0] ? list : "none");
}

/* Evaluates the new value among the current ones, then checks every
 * parameter's range with it in place; on any failure nothing changes. */
canting_status canting_motif_set(canting_motif *motif, const char *name, const char *value, canting_error *err)
{
    ct_error_clear(err);
    if (!motif || !name || !value)
        return ct_fail(err, CANTING_EARG, "canting_motif_set: NULL argument");
    canting_status st = find_param(motif, name, err);
    if (st != CANTING_OK)
        return st;
    char what[128];
    snprintf(what, sizeof what, "value of %s", name);
    ct_expr *e;
    if ((st = ct_parse_expression(value, what, &e, err)) != CANTING_OK)
        return st;
    ct_env env;
    ct_value v;
    st = ct_env_build(motif->def, motif->overrides, motif->noverrides, &env, err);
    if (st == CANTING_OK) {
        st = ct_eval(&env, e, &v, err);
        ct_env_free(&env);
    }
    ct_expr_free(e);
    if (st != CANTING_OK)
        return st;
    ct_binding *saved = ct_malloc(sizeof *saved * (motif->noverrides + 1));
    if (!saved)
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    size_t nsaved = motif->noverrides;
    if (nsaved)
        memcpy(saved, motif->overrides, sizeof *saved * nsaved);
    if ((st = store_override(motif, name, v, err)) == CANTING_OK &&
        (st = ct_env_build(motif->def, motif->overrides, motif->noverrides, &env, err)) == CANTING_OK) {
        ct_env_free(&env);
        ct_free(saved);
        return CANTING_OK;
    }
    canting_error keep;
    if (err)
        keep = *err;
    for (size_t i = nsaved; i < motif->noverrides; i++)
        ct_free((char *)motif->overrides[i].name);
    if (nsaved)
        memcpy(motif->overrides, saved, sizeof *saved * nsaved);
    motif->noverrides = nsaved;
    ct_free(saved);
    if (err) {
        *err = keep;
        err->file[0] = '\0';
        err->line = err->column = 0;
    }
    return st;
}

size_t canting_motif_ink_count(const canting_motif *motif)
{
    return motif ? motif->def->ninks : 0;
}

canting_status canting_motif_ink(const canting_motif *motif, size_t index, canting_ink_info *info)
{
    if (!motif || !info || index >= motif->def->ninks)
        return CANTING_EARG;
    const ct_ink_def *ink = &motif->def->inks[index];
    unsigned rgb = ct_motif_ink_rgb(motif, index);
    info->name = ink->name;
    info->description = ink->description;
    info->description_id = ink->description_id;
    info->r = (uint8_t)(rgb >> 16);
    info->g = (uint8_t)(rgb >> 8);
    info->b = (uint8_t)rgb;
    return CANTING_OK;
}

unsigned ct_motif_ink_rgb(const canting_motif *motif, size_t i)
{
    const ct_colourway_def *cw = motif->colourway;
    for (size_t k = 0; cw && k < cw->count; k++)
        if (cw->ink_index[k] == i)
            return cw->rgb[k];
    return motif->def->inks[i].rgb;
}

void ct_motif_palette(const canting_motif *motif, unsigned *rgb)
{
    for (size_t i = 0; i < motif->def->ninks && i < 256; i++)
        rgb[i] = ct_motif_ink_rgb(motif, i);
}

size_t canting_motif_colourway_count(const canting_motif *motif)
{
    return motif ? motif->def->ncolourways : 0;
}

const char *canting_motif_colourway_name(const canting_motif *motif, size_t index)
{
    return motif && index < motif->def->ncolourways ? motif->def->colourways[index].name : NULL;
}

canting_status canting_motif_set_colourway(canting_motif *motif, const char *name, canting_error *err)
{
    ct_error_clear(err);
    if (!motif)
        return ct_fail(err, CANTING_EARG, "canting_motif_set_colourway: NULL motif");
    if (!name || !name[0]) {
        motif->colourway = NULL;
        return CANTING_OK;
    }
    char list[300] = "";
    for (size_t i = 0; i < motif->def->ncolourways; i++) {
        const ct_colourway_def *cw = &motif->def->colourways[i];
        if (strcmp(cw->name, name) == 0) {
            motif->colourway = cw;
            return CANTING_OK;
        }
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", cw->name);
    }
    return ct_fail(err, CANTING_ENAME, "motif '%s' has no colourway '%s' (it has: %s)", motif->def->name, name,
                   list[0] ? list : "none");
}

canting_status ct_motif_scene(const canting_motif *motif, ct_scene *scene, canting_error *err)
{
    return ct_scene_build(motif->def, motif->overrides, motif->noverrides, &motif->limits, scene, err);
}

canting_status canting_motif_cell_mm(const canting_motif *motif, double *width_mm, double *height_mm,
                                     canting_error *err)
{
    ct_error_clear(err);
    if (!motif || !width_mm || !height_mm)
        return ct_fail(err, CANTING_EARG, "canting_motif_cell_mm: NULL argument");
    ct_scene scene;
    canting_status st = ct_motif_scene(motif, &scene, err);
    if (st != CANTING_OK)
        return st;
    *width_mm = scene.cell_w_mm;
    *height_mm = scene.cell_h_mm;
    ct_scene_free(&scene);
    if (*width_mm <= 0)
        return ct_fail_at(err, CANTING_ESYNTAX, motif->def->file, 0, 0,
                          "motif '%s' has no 'repeat' line, so it can only be placed by other motifs with 'use'",
                          motif->def->name);
    return CANTING_OK;
}
