/* gallery.c: every motif in a folder, in every colourway, as small proofs
 * and one contact sheet.  `make gallery` runs it on motifs/:
 *
 *   gallery motifs docs/gallery
 */
#include <canting.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CELL_PX 220

static int fail(const char *what, const canting_error *err)
{
    char message[1024];
    fprintf(stderr, "gallery: %s: %s\n", what, canting_error_format(err, message, sizeof message));
    return 1;
}

/* Two repeat units across a thumbnail, whatever the motif's cell. */
static void thumbnail_options(const canting_motif *m, canting_render_options *o)
{
    double w, h;
    canting_render_options_init(o);
    canting_motif_cell_mm(m, &w, &h, NULL);
    o->dpi = CELL_PX * 25.4 / (2 * (w > h ? w : h));
    o->width_mm = o->height_mm = CELL_PX * 25.4 / o->dpi;
    o->field_only = 1; /* a border is wider than a thumbnail */
}

/* One proof and one sheet cell per colourway (and the motif's own inks). */
static int add_motif(canting_contact *sheet, canting_motif *m, const char *out_dir)
{
    canting_render_options o;
    canting_error err;
    thumbnail_options(m, &o);
    for (size_t i = 0; i <= canting_motif_colourway_count(m); i++) {
        const char *way = i ? canting_motif_colourway_name(m, i - 1) : NULL;
        char path[1024], caption[256];
        canting_motif_set_colourway(m, way, NULL);
        snprintf(path, sizeof path, "%s/%s%s%s.png", out_dir, canting_motif_name(m), way ? "-" : "", way ? way : "");
        snprintf(caption, sizeof caption, "%s\n%s", canting_motif_name(m), way ? way : "(own inks)");
        if (canting_render_file(m, &o, path, &err) != CANTING_OK || canting_contact_add(sheet, m, &o, caption, &err))
            return fail(path, &err);
    }
    return 0;
}

static int is_motif(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return n > 6 && strcmp(e->d_name + n - 6, ".motif") == 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gallery MOTIF_DIR OUT_DIR\n");
        return 2;
    }
    canting_contact *sheet;
    canting_error err;
    if (canting_contact_new(6, CELL_PX, "canting: the motif library", &sheet, &err) != CANTING_OK)
        return fail("sheet", &err);
    struct dirent **names;
    int count = scandir(argv[1], &names, is_motif, alphasort);
    int rc = count < 0;
    for (int i = 0; rc == 0 && i < count; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", argv[1], names[i]->d_name);
        canting_load_options lo;
        canting_load_options_init(&lo);
        canting_motif *m = NULL;
        double w, h;
        if (canting_motif_load(path, &lo, &m, &err) != CANTING_OK)
            rc = fail(path, &err);
        else if (canting_motif_cell_mm(m, &w, &h, NULL) == CANTING_OK)
            rc = add_motif(sheet, m, argv[2]);
        canting_motif_free(m);
    }
    for (int i = 0; i < count; i++)
        free(names[i]);
    free(count >= 0 ? names : NULL);
    char sheet_path[1024];
    snprintf(sheet_path, sizeof sheet_path, "%s/contact-sheet.png", argv[2]);
    if (rc == 0 && canting_contact_write(sheet, sheet_path, &err) != CANTING_OK)
        rc = fail(sheet_path, &err);
    canting_contact_free(sheet);
    return rc;
}
