/* fault_run.c: failure injection (make check-fault).  Built only with
 * -DCANTING_FAULT_INJECTION, under ASan.  Each scenario (a whole job, from
 * loading its input to closing its output) runs again and again with the
 * N-th library allocation failing, N = 1, 2, ..., until a run finishes
 * without reaching its N-th allocation.  Every run cut short must return an
 * error (CANTING_ENOMEM is expected; another status is reported as WARN,
 * since it blames the wrong thing, but does not fail), leave neither the output nor a temporary `.name.XXXXXX`
 * in the output folder, and leak nothing: the library's count of blocks
 * it holds must be back where it was after each run (so a leak names its
 * N), and LeakSanitizer looks at the whole heap after each scenario and at
 * exit (memory from cairo, libpng and libc too).  Repeat threads are set to
 * 1 so that the N-th allocation is the same call every time.
 *
 * usage: build-fault/tests/fault_run   (from the top folder) */
#include "canting.h"
#include "util/util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#define LEAKED() __lsan_do_recoverable_leak_check()
#else
#define LEAKED() 0
#endif

#ifndef CANTING_FAULT_INJECTION
#error "fault_run needs a build with -DCANTING_FAULT_INJECTION (make check-fault)"
#endif

static char in_dir[64], out_dir[64];
static char out_path[128];
static long misreported;  /* failed runs whose status was not CANTING_ENOMEM */
static int reported;      /* FAIL lines printed for the current scenario */

/* ---- the scenarios ------------------------------------------------------- */

static void small_options(canting_render_options *o, double dpi, double w_mm, double h_mm, const char *layout)
{
    canting_render_options_init(o);
    o->dpi = dpi;
    o->width_mm = w_mm;
    o->height_mm = h_mm;
    o->layout = layout;
    o->threads = 1;
}

/* Sets a parameter to the value it has, which any range allows, so the
 * setter's own allocations are part of the run whatever the motif's ranges. */
static canting_status set_first_param(canting_motif *m, canting_error *err)
{
    canting_param_info info;
    char value[64];
    if (canting_motif_param_count(m) == 0)
        return CANTING_OK;
    canting_status st = canting_motif_param(m, 0, &info);
    if (st != CANTING_OK)
        return ct_fail(err, st, "cannot read the first parameter");
    static const char *const units[] = {"", "mm", "deg"};
    snprintf(value, sizeof value, "%.17g%s", info.value, units[info.kind]);
    return canting_motif_set(m, info.name, value, err);
}

/* Load, set and render: the Metro motif, which `use`s others, has
 * colourways, isen fills and a border, as a palette PNG the size of a
 * kain panjang at a very low resolution. */
static canting_status metro_png(const char *out, canting_error *err)
{
    canting_motif *m;
    canting_render_options o;
    canting_status st = canting_motif_load("motifs/metro.motif", NULL, &m, err);
    if (st != CANTING_OK)
        return st;
    st = set_first_param(m, err);
    if (st == CANTING_OK && canting_motif_colourway_count(m) > 0)
        st = canting_motif_set_colourway(m, canting_motif_colourway_name(m, 0), err);
    small_options(&o, 8, 2500, 1050, NULL);
    if (st == CANTING_OK)
        st = canting_render_file(m, &o, out, err);
    canting_motif_free(m);
    return st;
}

/* A hexagonal wallpaper group drawn from the scene, written as JPEG. */
static canting_status kawung_p6m_jpeg(const char *out, canting_error *err)
{
    canting_motif *m;
    canting_render_options o;
    canting_status st = canting_motif_load("motifs/kawung.motif", NULL, &m, err);
    if (st != CANTING_OK)
        return st;
    small_options(&o, 30, 80, 60, "p6m");
    st = canting_render_file(m, &o, out, err);
    canting_motif_free(m);
    return st;
}

/* A motif with border bands, parsed from memory, in a rectangular group. */
static canting_status border_pmg(const char *out, canting_error *err)
{
    char band[160];
    snprintf(band, sizeof band, "%s/band.motif", in_dir);
    static const char field[] = "motif field\ninks\n  cloth #ffffff\n  red #ff0000\n  blue #0000ff\n"
                                "border band height 8mm\nrepeat 10mm\ndraw\n"
                                "  circle r 2mm fill blue isen cecek spacing 1mm dot 0.4mm ink cloth\n";
    char origin[160];
    snprintf(origin, sizeof origin, "%s/field.motif", in_dir);
    canting_motif *m;
    canting_render_options o;
    canting_status st = canting_motif_parse(field, sizeof field - 1, origin, NULL, &m, err);
    if (st != CANTING_OK)
        return st;
    small_options(&o, 50, 90, 40, "pmg");
    st = canting_render_file(m, &o, out, err);
    canting_motif_free(m);
    return st;
}

/* A raster tile read back and repeated in a group built by folding it. */
static canting_status raster_pm(const char *out, canting_error *err)
{
    char tile[160];
    canting_image *img;
    canting_render_options o;
    snprintf(tile, sizeof tile, "%s/tile.png", in_dir);
    canting_status st = canting_image_load(tile, NULL, &img, err);
    if (st != CANTING_OK)
        return st;
    small_options(&o, 60, 60, 40, "pm");
    st = canting_repeat_image(img, &o, out, err);
    canting_image_free(img);
    return st;
}

/* Separation sheets of a motif: 1-bit films with marks and a cloth sheet. */
static canting_status kawung_separate(const char *prefix, canting_error *err)
{
    canting_motif *m;
    canting_separate_options o;
    canting_status st = canting_motif_load("motifs/kawung.motif", NULL, &m, err);
    if (st != CANTING_OK)
        return st;
    canting_separate_options_init(&o);
    small_options(&o.render, 30, 80, 80, NULL);
    o.bits = 1;
    o.marks = 1;
    o.cloth_sheet = 1;
    st = canting_separate_motif(m, &o, prefix, err);
    canting_motif_free(m);
    return st;
}

/* The wax and dye plan of a motif with a recipe: masks, plan text, stages. */
static canting_status plan(const char *prefix, canting_error *err)
{
    canting_motif *m;
    canting_plan_options o;
    canting_status st = canting_motif_load("motifs/bang_biru.motif", NULL, &m, err);
    if (st != CANTING_OK)
        return st;
    canting_plan_options_init(&o);
    small_options(&o.sheets.render, 30, 80, 80, NULL);
    st = canting_plan_write(m, &o, prefix, err);
    canting_motif_free(m);
    return st;
}

typedef struct scenario {
    const char *name;
    const char *output;  /* file name (or, for sheets, prefix) in out_dir */
    canting_status (*run)(const char *out, canting_error *err);
} scenario;

static const scenario scenarios[] = {
    {"load metro + set + colourway + render PNG", "metro.png", metro_png},
    {"load kawung + render p6m JPEG", "kawung.jpg", kawung_p6m_jpeg},
    {"parse a bordered motif + render pmg PNG", "border.png", border_pmg},
    {"load a PNG tile + repeat pm PNG", "raster.png", raster_pm},
    {"load kawung + separate (1-bit, marks, cloth sheet)", "sep", kawung_separate},
    {"load bang_biru + wax/dye plan", "plan", plan},
};

/* ---- checks ---------------------------------------------------------------- */

/* The number of entries in out_dir (other than . and ..); the first one's
 * name goes into `first`. */
static int dir_entries(char *first, size_t size)
{
    DIR *d = opendir(out_dir);
    int n = 0;
    struct dirent *e;
    first[0] = '\0';
    while (d && (e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n++ == 0)
            snprintf(first, size, "%s", e->d_name);
    }
    if (d)
        closedir(d);
    return n;
}

/* Checks one run cut short at allocation n; returns 0 when it behaved.
 * `live` is the count of blocks held before the run.  All that went wrong
 * goes on one line. */
static int check_failed_run(const scenario *s, long n, long live, canting_status st, const canting_error *err)
{
    char left[256], buf[1024], why[1600] = "";
    size_t used = 0;
    if (st == CANTING_OK)
        used += (size_t)snprintf(why + used, sizeof why - used, "; returned success");
    else if (st != CANTING_ENOMEM) {
        /* An error all the same, but one that blames something else. */
        printf("WARN %s: allocation %ld failed and the run returned %s: %s\n", s->name, n, canting_strerror(st),
               canting_error_format(err, buf, sizeof buf));
        misreported++;
    }
    int entries = dir_entries(left, sizeof left);
    if (entries > 0 && used < sizeof why)
        used += (size_t)snprintf(why + used, sizeof why - used, "; left %d file(s) such as '%s'", entries, left);
    long leaked = ct_fault_live_blocks() - live;
    if (leaked != 0 && used < sizeof why)
        used += (size_t)snprintf(why + used, sizeof why - used, "; leaked %ld blocks", leaked);
    if (used == 0)
        return 0;
    if (++reported <= 10)
        fprintf(stderr, "FAIL %s: allocation %ld failed%s\n", s->name, n, why);
    return 1;
}

static void empty_out_dir(void)
{
    char name[256], path[512];
    while (dir_entries(name, sizeof name) > 0) {
        snprintf(path, sizeof path, "%s/%s", out_dir, name);
        if (unlink(path) != 0)
            break;
    }
}

/* Runs scenario s with N = 1, 2, ... failing; returns the failures. */
static int run_scenario(const scenario *s, long *tried)
{
    canting_error err;
    int failures = 0;
    reported = 0;
    snprintf(out_path, sizeof out_path, "%s/%s", out_dir, s->output);
    for (long n = 1;; n++) {
        long live = ct_fault_live_blocks();
        ct_fault_fail_after(n);
        canting_status st = s->run(out_path, &err);
        long used = ct_fault_allocations();
        ct_fault_fail_after(0);
        if (used < n) {
            /* Past the last allocation: this run must have succeeded. */
            char first[256];
            if (st != CANTING_OK || dir_entries(first, sizeof first) == 0) {
                fprintf(stderr, "FAIL %s: the run without a fault returned %s\n", s->name, canting_strerror(st));
                failures++;
            }
            if (ct_fault_live_blocks() != live) {
                fprintf(stderr, "FAIL %s: the run without a fault leaked %ld blocks\n", s->name,
                        ct_fault_live_blocks() - live);
                failures++;
            }
            if (reported > 10)
                fprintf(stderr, "FAIL %s: ... and %d more\n", s->name, reported - 10);
            *tried = n;
            empty_out_dir();
            canting_free_font_caches();  /* cairo's and fontconfig's, filled by sheet labels */
            if (LEAKED()) {
                fprintf(stderr, "FAIL %s: LeakSanitizer found a leak (report above)\n", s->name);
                failures++;
            }
            return failures;
        }
        failures += check_failed_run(s, n, live, st, &err);
        empty_out_dir();
    }
}

/* ---- setup ------------------------------------------------------------------- */

/* The inputs, made with the fault off: a band motif and a PNG tile. */
static int make_inputs(void)
{
    char path[160];
    canting_motif *m;
    canting_render_options o;
    static const char band[] = "motif band\ninks\n  cloth #ffffff\n  red #ff0000\nrepeat 10mm x 10mm\n"
                               "draw\n  polygon (-5mm, 5mm) (0, -5mm) (5mm, 5mm) fill red\n";
    snprintf(path, sizeof path, "%s/band.motif", in_dir);
    FILE *f = fopen(path, "w");
    if (!f || fwrite(band, 1, sizeof band - 1, f) != sizeof band - 1 || fclose(f) != 0)
        return 0;
    if (canting_motif_load("motifs/ceplok.motif", NULL, &m, NULL) != CANTING_OK)
        return 0;
    small_options(&o, 40, 0, 0, NULL);
    snprintf(path, sizeof path, "%s/tile.png", in_dir);
    canting_status st = canting_render_file(m, &o, path, NULL);
    canting_motif_free(m);
    return st == CANTING_OK;
}

static void remove_dir(const char *dir)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

/* `fault_run SCENARIO N` runs scenario SCENARIO (0-based) once with
 * allocation N failing, to look at one failure under a debugger. */
static int run_one(int argc, char **argv)
{
    size_t i = (size_t)atol(argv[1]);
    long n = atol(argv[2]);
    canting_error err;
    char buf[1024];
    if (argc != 3 || i >= sizeof scenarios / sizeof scenarios[0])
        return 2;
    snprintf(out_path, sizeof out_path, "%s/%s", out_dir, scenarios[i].output);
    long live = ct_fault_live_blocks();
    ct_fault_fail_after(n);
    canting_status st = scenarios[i].run(out_path, &err);
    printf("%s, allocation %ld of %ld: %s\n", scenarios[i].name, n, ct_fault_allocations(),
           st == CANTING_OK ? "success" : canting_error_format(&err, buf, sizeof buf));
    ct_fault_fail_after(0);
    return check_failed_run(&scenarios[i], n, live, st, &err);
}

int main(int argc, char **argv)
{
    snprintf(in_dir, sizeof in_dir, "/tmp/canting-fault-in-XXXXXX");
    snprintf(out_dir, sizeof out_dir, "/tmp/canting-fault-out-XXXXXX");
    if (!mkdtemp(in_dir) || !mkdtemp(out_dir) || !make_inputs()) {
        fprintf(stderr, "fault_run: cannot set up its folders and inputs\n");
        return 1;
    }
    int failures = 0;
    long total = 0;
    if (argc > 1) {
        failures = run_one(argc, argv);
    } else {
        for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) {
            long tried = 0;
            int f = run_scenario(&scenarios[i], &tried);
            printf("%s %s: N = 1 .. %ld tried (%ld allocations), %d failed\n", f ? "FAIL" : "PASS",
                   scenarios[i].name, tried, tried - 1, f);
            fflush(stdout);
            failures += f;
            total += tried;
        }
        printf("%ld runs with one allocation failing, %d failures, %ld reported as another error than "
               "CANTING_ENOMEM\n", total, failures, misreported);
    }
    remove_dir(in_dir);
    remove_dir(out_dir);
    return failures ? 1 : 0;
}
