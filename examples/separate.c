/*
 * separate.c: a motif to a screen printer and to a batik workshop, and a
 * scanned cloth to inks.
 *
 *   build/examples/separate [MOTIF.motif [SCAN.png]]
 *
 * Writes out-INK.png (1-bit films with registration marks, one per ink),
 * out-plan.txt, out-N-BATH-wax.png and out-stages.png (the stage plan),
 * and, given a scan, prints four inks for it and separates it to scan-INK.png.
 */
#include <canting.h>

#include <stdio.h>

static int fail(const canting_error *err)
{
    char buf[1024];
    fprintf(stderr, "separate: %s\n", canting_error_format(err, buf, sizeof buf));
    return 1;
}

static int scan_to_inks(const char *path)
{
    canting_error err;
    canting_image *scan;
    canting_palette inks;
    double shares[4];
    char list[128];
    if (canting_image_load(path, NULL, &scan, &err) != CANTING_OK)
        return fail(&err);
    int rc = canting_palette_suggest(scan, 4, &inks, shares, &err) != CANTING_OK;
    if (!rc) {
        printf("inks for %s: %s\n", path, canting_palette_format(&inks, list, sizeof list));
        canting_separate_options o;
        canting_separate_options_init(&o);
        o.render.dpi = 0; /* the scan's own */
        rc = canting_separate_image(scan, &inks, &o, "scan", &err) != CANTING_OK;
    }
    canting_image_free(scan);
    return rc ? fail(&err) : 0;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "motifs/metro.motif";
    canting_motif *motif;
    canting_error err;
    if (canting_motif_load(path, NULL, &motif, &err) != CANTING_OK)
        return fail(&err);

    canting_plan_options o; /* its .sheets are separation options too */
    canting_plan_options_init(&o);
    o.sheets.render.dpi = 100;
    o.sheets.render.width_mm = 600;
    o.sheets.render.height_mm = 400;
    o.sheets.bits = 1;
    o.sheets.marks = 1;
    int rc = 0;
    if (canting_separate_motif(motif, &o.sheets, "out", &err) != CANTING_OK ||
        canting_plan_write(motif, &o, "out", &err) != CANTING_OK)
        rc = fail(&err);
    for (size_t b = 0; rc == 0 && b < canting_motif_bath_count(motif); b++)
        printf("bath %zu: %s\n", b + 1, canting_motif_bath_name(motif, b));
    canting_motif_free(motif);
    return rc == 0 && argc > 2 ? scan_to_inks(argv[2]) : rc;
}
