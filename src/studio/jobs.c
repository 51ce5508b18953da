/* jobs.c: the studio's API, one function per route, each run on a worker. */
#include "studio/scene.h"
#include "studio/zip.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void motif_json(const canting_motif *m, studio_buf *json)
{
    size_t need = 0;
    canting_motif_json(m, NULL, 0, &need, NULL);
    char *text = malloc(need ? need : 1);
    if (text && canting_motif_json(m, text, need, NULL, NULL) == CANTING_OK)
        studio_buf_str(json, text);
    else
        json->failed = 1;
    free(text);
}

static void route_info(studio *s, const studio_form *form, studio_reply *r)
{
    (void)form;
    studio_buf json = {0};
    studio_buf_str(&json, "{\"version\": ");
    studio_buf_json(&json, canting_version(), strlen(canting_version()));
    studio_buf_printf(&json, ", \"motif_dir\": %s, \"layouts\": [", s->lib.user_dir ? "true" : "false");
    const char *names = canting_layout_names();
    for (int first = 1; *names; first = 0) {
        size_t n = strcspn(names, ", ");
        if (!first)
            studio_buf_str(&json, ", ");
        studio_buf_json(&json, names, n);
        names += n;
        names += strspn(names, ", ");
    }
    studio_buf_printf(&json,
                      "], \"limits\": {\"body_bytes\": %d, \"preview_side\": %d, \"print_pixels\": %llu, "
                      "\"dpi_min\": %g, \"dpi_max\": %g}}",
                      STUDIO_MAX_BODY, STUDIO_MAX_PREVIEW_SIDE, STUDIO_MAX_PRINT_PIXELS, STUDIO_MIN_DPI, STUDIO_MAX_DPI);
    studio_reply_json(r, 200, &json);
}

static void route_motifs(studio *s, const studio_form *form, studio_reply *r)
{
    (void)form;
    studio_buf json = {0};
    studio_library_list(&s->lib, &json);
    studio_reply_json(r, 200, &json);
}

/* A motif's description and its text for the editor.  A motif that does not
 * load still comes with its text (422), so the page can show where it breaks. */
static void route_motif(studio *s, const studio_form *form, studio_reply *r)
{
    const char *name = studio_form_get(form, "name", NULL);
    studio_source src = {0};
    char msg[400];
    unsigned status = studio_library_read(&s->lib, name ? name : "", &src, msg, sizeof msg);
    if (status) {
        studio_reply_error(r, status, "%s", msg);
        return;
    }
    canting_motif *m = NULL;
    canting_error err;
    studio_buf json = {0};
    if (studio_library_parse(&s->lib, &src, &m, &err) == CANTING_OK) {
        studio_buf_str(&json, "{\"motif\": ");
        motif_json(m, &json);
    } else {
        char message[600];
        studio_error_text(&err, message, sizeof message);
        studio_buf_str(&json, "{\"error\": ");
        studio_buf_json(&json, message, strlen(message));
        studio_buf_printf(&json, ", \"line\": %d, \"column\": %d", err.line, err.column);
        snprintf(r->error, sizeof r->error, "%s does not load: %s", name, message);
    }
    studio_buf_printf(&json, ", \"where\": \"%s\", \"source\": ", src.in_user_dir ? "folder" : "library");
    studio_buf_json(&json, src.text, src.len);
    studio_buf_str(&json, "}");
    studio_reply_json(r, m ? 200 : 422, &json);
    canting_motif_free(m);
    studio_source_free(&src);
}

/* Motif text from the editor: its description, or where it goes wrong. */
static void route_check(studio *s, const studio_form *form, studio_reply *r)
{
    const char *name = studio_form_get(form, "motif", NULL);
    canting_motif *m = NULL;
    if (!studio_form_get(form, "source", NULL)) {
        studio_reply_error(r, 400, "check needs the motif text: source=...");
        return;
    }
    if (studio_scene_motif(s, form, name ? name : "", &m, r))
        return;
    studio_buf json = {0};
    studio_buf_str(&json, "{\"motif\": ");
    motif_json(m, &json);
    studio_buf_str(&json, "}");
    studio_reply_json(r, 200, &json);
    canting_motif_free(m);
}

/* Renders the scene into a job folder as NAME.png and serves it. */
static void render_png(studio *s, studio_scene *sc, studio_reply *r, const char *filename)
{
    char dir[PATH_MAX], path[PATH_MAX + 16];
    canting_error err;
    if (studio_job_dir(s, dir, sizeof dir)) {
        studio_reply_error(r, 500, "cannot make a working folder");
        return;
    }
    snprintf(path, sizeof path, "%s/out.png", dir);
    if (canting_render_file(sc->motif, &sc->render, path, &err) != CANTING_OK)
        studio_reply_canting(r, &err);
    else
        studio_reply_file(r, path, "image/png", filename);
    studio_remove_dir(dir);
}

static void route_preview(studio *s, const studio_form *form, studio_reply *r)
{
    studio_scene sc;
    if (studio_superseded(s, form)) {
        studio_reply_error(r, 409, "superseded by a newer preview from the same page");
        return;
    }
    if (studio_scene_load(s, form, &sc, r) == 0 && studio_scene_preview(&sc, form, r) == 0)
        render_png(s, &sc, r, NULL);
    studio_scene_free(&sc);
}

static void route_proof(studio *s, const studio_form *form, studio_reply *r)
{
    studio_scene sc;
    char filename[96];
    if (studio_scene_load(s, form, &sc, r) == 0 && studio_scene_print_ok(&sc, r) == 0) {
        snprintf(filename, sizeof filename, "%s-proof.png", sc.name);
        render_png(s, &sc, r, filename);
    }
    studio_scene_free(&sc);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Zips every file of `dir` (sorted) into `zip` and serves it. */
static void serve_zip(const char *dir, const char *zip, const char *filename, studio_reply *r)
{
    char *names[CANTING_MAX_INKS * 3];
    size_t n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) && n < sizeof names / sizeof names[0])
        if (e->d_name[0] != '.')
            names[n++] = strdup(e->d_name);
    if (d)
        closedir(d);
    qsort(names, n, sizeof names[0], by_name);
    int ok = 1;
    for (size_t i = 0; i < n; i++)
        ok = ok && names[i];
    if (ok && studio_zip_write(zip, dir, names, n) == 0)
        studio_reply_file(r, zip, "application/zip", filename);
    else
        studio_reply_error(r, 500, "cannot bundle the sheets");
    for (size_t i = 0; i < n; i++)
        free(names[i]);
}

/* The separations as films (1-bit, with registration marks), or 8-bit
 * coverage with bits=8, in one zip. */
static void route_films(studio *s, const studio_form *form, studio_reply *r)
{
    studio_scene sc;
    canting_separate_options so;
    canting_error err;
    char dir[PATH_MAX], sheets[PATH_MAX + 16], prefix[PATH_MAX + 96], zip[PATH_MAX + 16], filename[96];
    const char *bits = studio_form_get(form, "bits", NULL);
    if (studio_scene_load(s, form, &sc, r) || studio_scene_print_ok(&sc, r))
        goto done;
    canting_separate_options_init(&so);
    so.render = sc.render;
    so.bits = bits && !strcmp(bits, "8") ? 8 : 1;
    so.marks = 1;
    if (studio_job_dir(s, dir, sizeof dir)) {
        studio_reply_error(r, 500, "cannot make a working folder");
        goto done;
    }
    snprintf(sheets, sizeof sheets, "%s/sheets", dir);
    snprintf(prefix, sizeof prefix, "%s/%s", sheets, sc.name);
    snprintf(zip, sizeof zip, "%s/films.zip", dir);
    snprintf(filename, sizeof filename, "%s-films.zip", sc.name);
    if (mkdir(sheets, 0700) != 0)
        studio_reply_error(r, 500, "cannot make a working folder");
    else if (canting_separate_motif(sc.motif, &so, prefix, &err) != CANTING_OK)
        studio_reply_canting(r, &err);
    else
        serve_zip(sheets, zip, filename, r);
    studio_remove_dir(sheets);
    studio_remove_dir(dir);
done:
    studio_scene_free(&sc);
}

/* The stage sheet of the wax/dye plan, for the workshop wall. */
static void route_stages(studio *s, const studio_form *form, studio_reply *r)
{
    studio_scene sc;
    canting_plan_options po;
    canting_error err;
    char dir[PATH_MAX], prefix[PATH_MAX + 96], sheet[PATH_MAX + 128], filename[96];
    if (studio_scene_load(s, form, &sc, r) || studio_scene_print_ok(&sc, r))
        goto done;
    canting_plan_options_init(&po);
    po.sheets.render = sc.render;
    if (studio_job_dir(s, dir, sizeof dir)) {
        studio_reply_error(r, 500, "cannot make a working folder");
        goto done;
    }
    snprintf(prefix, sizeof prefix, "%s/%s", dir, sc.name);
    snprintf(sheet, sizeof sheet, "%s-stages.png", prefix);
    snprintf(filename, sizeof filename, "%s-stages.png", sc.name);
    if (canting_plan_write(sc.motif, &po, prefix, &err) != CANTING_OK)
        studio_reply_canting(r, &err);
    else
        studio_reply_file(r, sheet, "image/png", filename);
    studio_remove_dir(dir);
done:
    studio_scene_free(&sc);
}

#define CONTACT_STEPS 8
#define CONTACT_COLUMNS 4
#define CONTACT_CELL_PX 320

static int find_param(const canting_motif *m, const char *name, canting_param_info *info)
{
    for (size_t i = 0; i < canting_motif_param_count(m); i++)
        if (canting_motif_param(m, i, info) == CANTING_OK && !strcmp(info->name, name))
            return 0;
    return -1;
}

/* One cell: two repeat units across, without the border, in the scene's
 * colourway and layout. */
static int contact_cell(canting_contact *sheet, const studio_scene *sc, const canting_param_info *p, double value,
                        canting_error *err)
{
    char text[64], caption[160];
    double w, h;
    studio_format_value(text, sizeof text, p->kind, value);
    if (canting_motif_set(sc->motif, p->name, text, err) != CANTING_OK ||
        canting_motif_cell_mm(sc->motif, &w, &h, err) != CANTING_OK)
        return -1;
    canting_render_options o = sc->render;
    o.dpi = CONTACT_CELL_PX * 25.4 / (2 * (w > h ? w : h));
    o.width_mm = o.height_mm = CONTACT_CELL_PX * 25.4 / o.dpi;
    o.field_only = 1;
    snprintf(caption, sizeof caption, "%s = %s", p->name, text);
    return canting_contact_add(sheet, sc->motif, &o, caption, err) == CANTING_OK ? 0 : -1;
}

/* A sweep of one parameter across its range, the rest as set. */
static void route_contact(studio *s, const studio_form *form, studio_reply *r)
{
    studio_scene sc;
    canting_param_info p;
    canting_contact *sheet = NULL;
    canting_error err;
    char title[200], dir[PATH_MAX], path[PATH_MAX + 16], filename[160];
    const char *vary = studio_form_get(form, "vary", NULL);
    if (studio_scene_load(s, form, &sc, r))
        goto done;
    if (!vary || find_param(sc.motif, vary, &p) || !p.has_range || !(p.max > p.min)) {
        studio_reply_error(r, 400, "vary names a parameter of %s with a range", sc.name);
        goto done;
    }
    snprintf(title, sizeof title, "%s: %s across its range", sc.name, p.name);
    if (canting_contact_new(CONTACT_COLUMNS, CONTACT_CELL_PX, title, &sheet, &err) != CANTING_OK) {
        studio_reply_canting(r, &err);
        goto done;
    }
    for (int i = 0; i < CONTACT_STEPS; i++)
        if (contact_cell(sheet, &sc, &p, p.min + (p.max - p.min) * i / (CONTACT_STEPS - 1), &err)) {
            studio_reply_canting(r, &err);
            goto done;
        }
    if (studio_job_dir(s, dir, sizeof dir)) {
        studio_reply_error(r, 500, "cannot make a working folder");
        goto done;
    }
    snprintf(path, sizeof path, "%s/sheet.png", dir);
    snprintf(filename, sizeof filename, "%s-%s-variations.png", sc.name, p.name);
    if (canting_contact_write(sheet, path, &err) != CANTING_OK)
        studio_reply_canting(r, &err);
    else
        studio_reply_file(r, path, "image/png", filename);
    studio_remove_dir(dir);
done:
    canting_contact_free(sheet);
    studio_scene_free(&sc);
}

/* Saves the editor's text as MOTIF_DIR/NAME.motif, only if it loads. */
static void route_save(studio *s, const studio_form *form, studio_reply *r)
{
    const char *name = studio_form_get(form, "name", NULL);
    const char *overwrite = studio_form_get(form, "overwrite", NULL);
    size_t len;
    const char *text = studio_form_get(form, "source", &len);
    canting_motif *m = NULL;
    char msg[400];
    if (!name || !text) {
        studio_reply_error(r, 400, "save needs name=NAME and source=...");
        return;
    }
    if (studio_scene_motif(s, form, name, &m, r))
        return;
    canting_motif_free(m);
    unsigned status = studio_library_save(&s->lib, name, text, len, overwrite && !strcmp(overwrite, "1"), msg,
                                          sizeof msg);
    if (status) {
        studio_reply_error(r, status, "%s", msg);
        return;
    }
    studio_buf json = {0};
    studio_buf_str(&json, "{\"saved\": ");
    studio_buf_json(&json, name, strlen(name));
    studio_buf_str(&json, "}");
    studio_reply_json(r, 200, &json);
}

const studio_route studio_routes[] = {
    {"GET", "/", NULL, 0},
    {"GET", "/index.html", NULL, 0},
    {"GET", "/studio.css", NULL, 0},
    {"GET", "/studio.js", NULL, 0},
    {"GET", "/api/info", route_info, 0},
    {"GET", "/api/motifs", route_motifs, 0},
    {"GET", "/api/motif", route_motif, 0},
    {"POST", "/api/check", route_check, 0},
    {"POST", "/api/preview", route_preview, 0},
    {"POST", "/api/save", route_save, 0},
    {"POST", "/api/proof", route_proof, 1},
    {"POST", "/api/films", route_films, 1},
    {"POST", "/api/stages", route_stages, 1},
    {"POST", "/api/contact", route_contact, 1},
    {NULL, NULL, NULL, 0},
};
