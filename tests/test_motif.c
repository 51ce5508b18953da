/* test_motif.c: the motif language: every library motif loads, the bad
 * corpus is refused at the right place, parameters and composition. */
#include "testutil.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char small_motif[] = "motif dot \"a dot\" id \"sebuah titik\"\n"
                                  "param r = 3mm range 1mm..4mm \"radius\" id \"jari-jari\"\n"
                                  "param n = 4 range 1..8\n"
                                  "inks\n"
                                  "  cloth #ffffff\n"
                                  "  ink #000000\n"
                                  "repeat 10mm\n"
                                  "draw\n"
                                  "  circle r r fill ink\n";

/* Calls fn on every *.motif in dir (sorted by readdir); returns the count. */
static int each_motif(const char *dir, void (*fn)(const char *path))
{
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot open %s", dir);
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 7 || strcmp(e->d_name + n - 6, ".motif") != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        fn(path);
        count++;
    }
    closedir(d);
    return count;
}

static void loads_and_renders(const char *path)
{
    canting_motif *m = NULL;
    canting_error err;
    char buf[1024];
    canting_status st = canting_motif_load(path, NULL, &m, &err);
    ck_assert_msg(st == CANTING_OK, "%s", canting_error_format(&err, buf, sizeof buf));
    double w, h;
    if (canting_motif_cell_mm(m, &w, &h, NULL) == CANTING_OK) {
        canting_tile *t = NULL;
        st = canting_tile_render(m, 30, &t, &err);
        ck_assert_msg(st == CANTING_OK, "%s", canting_error_format(&err, buf, sizeof buf));
        canting_tile_free(t);
    }
    canting_motif_free(m);
}

static void render_small(canting_motif *m, const char *path, const char *what)
{
    canting_tile *t = NULL;
    canting_error err;
    char buf[1024];
    canting_status st = canting_tile_render(m, 20, &t, &err);
    ck_assert_msg(st == CANTING_OK, "%s %s: %s", path, what, canting_error_format(&err, buf, sizeof buf));
    canting_tile_free(t);
}

/* Every parameter at both ends of its range, and every colourway. */
static void renders_at_the_ends(const char *path)
{
    canting_motif *m = NULL;
    ck_assert_int_eq(canting_motif_load(path, NULL, &m, NULL), CANTING_OK);
    double w, h;
    if (canting_motif_cell_mm(m, &w, &h, NULL) != CANTING_OK) {
        canting_motif_free(m);
        return; /* a part placed by others, not rendered alone */
    }
    for (size_t i = 0; i < canting_motif_param_count(m); i++) {
        canting_param_info p;
        ck_assert_int_eq(canting_motif_param(m, i, &p), CANTING_OK);
        if (!p.has_range)
            continue;
        const char *unit = p.kind == CANTING_UNIT_LENGTH ? "mm" : p.kind == CANTING_UNIT_ANGLE ? "deg" : "";
        double ends[3] = {p.min, p.max, p.default_value};
        for (int e = 0; e < 3; e++) {
            char value[64], what[128];
            snprintf(value, sizeof value, "%.17g%s", ends[e], unit);
            snprintf(what, sizeof what, "%s=%s", p.name, value);
            canting_error err;
            char buf[1024];
            ck_assert_msg(canting_motif_set(m, p.name, value, &err) == CANTING_OK, "%s %s: %s", path, what,
                          canting_error_format(&err, buf, sizeof buf));
            render_small(m, path, what);
        }
    }
    for (size_t c = 0; c < canting_motif_colourway_count(m); c++) {
        ck_assert_int_eq(canting_motif_set_colourway(m, canting_motif_colourway_name(m, c), NULL), CANTING_OK);
        render_small(m, path, canting_motif_colourway_name(m, c));
    }
    canting_motif_free(m);
}

/* Under valgrind (make check-valgrind) the whole library would take many
 * minutes for code the plain and sanitizer runs already sweep: there one
 * motif, with a border, recipe-free and three colourways, stands for all. */
START_TEST(every_motif_renders_at_the_ends_of_its_ranges)
{
    if (getenv("CANTING_VALGRIND"))
        renders_at_the_ends("motifs/metro.motif");
    else
        ck_assert_int_ge(each_motif("motifs", renders_at_the_ends), 20);
}
END_TEST

START_TEST(every_library_motif_loads)
{
    ck_assert_int_ge(each_motif("motifs", loads_and_renders), 20);
}
END_TEST

static const char *status_name(canting_status st)
{
    static const char *const names[] = {"CANTING_OK",     "CANTING_ENOMEM", "CANTING_EARG",   "CANTING_ESYNTAX",
                                        "CANTING_ENAME",  "CANTING_EUNIT",  "CANTING_ERANGE", "CANTING_ECYCLE",
                                        "CANTING_ELIMIT", "CANTING_EMATH",  "CANTING_EIO",    "CANTING_EFORMAT",
                                        "CANTING_ERENDER"};
    return (size_t)st < sizeof names / sizeof names[0] ? names[st] : "?";
}

/* Each bad motif's first line says where and how it must fail:
 * "# expect: LINE:COL STATUS". */
static void refused_as_expected(const char *path)
{
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    int line = 0, col = 0;
    char status[64] = "";
    int got = fscanf(f, "# expect: %d:%d %63s", &line, &col, status);
    fclose(f);
    ck_assert_msg(got == 3, "%s: first line must be '# expect: LINE:COL STATUS'", path);
    canting_motif *m = NULL;
    canting_error err;
    canting_status st = canting_motif_load(path, NULL, &m, &err);
    char buf[1024];
    canting_error_format(&err, buf, sizeof buf);
    ck_assert_msg(m == NULL, "%s: loaded, but should fail", path);
    ck_assert_msg(strcmp(status_name(st), status) == 0, "%s: got %s (%s), expected %s", path, status_name(st), buf,
                  status);
    ck_assert_msg(err.line == line && err.column == col, "%s: error at %d:%d, expected %d:%d (%s)", path, err.line,
                  err.column, line, col, buf);
    ck_assert_msg(strlen(err.message) > 10, "%s: message too thin: %s", path, buf);
}

START_TEST(bad_corpus_is_refused_at_the_right_place)
{
    ck_assert_int_ge(each_motif("tests/bad", refused_as_expected), 30);
}
END_TEST

START_TEST(parameters_are_listed_with_ranges)
{
    canting_motif *m = tu_motif(small_motif);
    ck_assert_str_eq(canting_motif_name(m), "dot");
    ck_assert_str_eq(canting_motif_title(m), "a dot");
    ck_assert_uint_eq(canting_motif_param_count(m), 2);
    canting_param_info p;
    ck_assert_int_eq(canting_motif_param(m, 0, &p), CANTING_OK);
    ck_assert_str_eq(p.name, "r");
    ck_assert_str_eq(p.description, "radius");
    ck_assert_str_eq(p.description_id, "jari-jari");
    ck_assert_str_eq(canting_motif_title_id(m), "sebuah titik");
    ck_assert_int_eq(p.kind, CANTING_UNIT_LENGTH);
    ck_assert_double_eq_tol(p.value, 3.0, 1e-12);
    ck_assert_int_eq(p.has_range, 1);
    ck_assert_double_eq_tol(p.min, 1.0, 1e-12);
    ck_assert_double_eq_tol(p.max, 4.0, 1e-12);
    ck_assert_int_eq(canting_motif_param(m, 2, &p), CANTING_EARG);
    canting_motif_free(m);
}
END_TEST

START_TEST(overrides_are_checked)
{
    canting_motif *m = tu_motif(small_motif);
    canting_error err;
    ck_assert_int_eq(canting_motif_set(m, "radius", "2mm", &err), CANTING_ENAME);
    ck_assert_ptr_nonnull(strstr(err.message, "radius"));
    ck_assert_int_eq(canting_motif_set(m, "r", "9mm", &err), CANTING_ERANGE);
    ck_assert_ptr_nonnull(strstr(err.message, "outside its range"));
    ck_assert_int_eq(canting_motif_set(m, "r", "30deg", &err), CANTING_EUNIT);
    ck_assert_int_eq(canting_motif_set(m, "r", "2mm +", &err), CANTING_ESYNTAX);
    ck_assert_int_eq(canting_motif_set(m, "n", "2.5", &err), CANTING_OK);
    ck_assert_int_eq(canting_motif_set(m, "r", "0.25cm", &err), CANTING_OK);
    canting_param_info p;
    canting_motif_param(m, 0, &p);
    ck_assert_double_eq_tol(p.value, 2.5, 1e-12);
    ck_assert_double_eq_tol(p.default_value, 3.0, 1e-12);
    /* a refused value leaves the last good one in place */
    ck_assert_int_eq(canting_motif_set(m, "r", "5mm", &err), CANTING_ERANGE);
    canting_motif_param(m, 0, &p);
    ck_assert_double_eq_tol(p.value, 2.5, 1e-12);
    canting_motif_free(m);
}
END_TEST

/* The inked area in pixels: coverage summed over the plane. */
static unsigned ink_pixels(const canting_tile *t)
{
    size_t stride;
    const uint8_t *plane = canting_tile_plane(t, 1, &stride);
    unsigned long sum = 0;
    for (uint32_t y = 0; y < canting_tile_height_px(t); y++)
        for (uint32_t x = 0; x < canting_tile_width_px(t); x++)
            sum += plane[y * stride + x];
    return (unsigned)((sum + 127) / 255);
}

START_TEST(values_change_the_render)
{
    canting_motif *m = tu_motif(small_motif);
    canting_tile *t1, *t2;
    ck_assert_int_eq(canting_tile_render(m, 254, &t1, NULL), CANTING_OK);
    ck_assert_int_eq(canting_motif_set(m, "r", "1.5mm", NULL), CANTING_OK);
    ck_assert_int_eq(canting_tile_render(m, 254, &t2, NULL), CANTING_OK);
    /* pi r^2 at 10 px/mm: 2827 px at r = 3mm, 707 px at r = 1.5mm */
    ck_assert_uint_ge(ink_pixels(t1), 2827 - 15);
    ck_assert_uint_le(ink_pixels(t1), 2827 + 15);
    ck_assert_uint_ge(ink_pixels(t2), 707 - 8);
    ck_assert_uint_le(ink_pixels(t2), 707 + 8);
    canting_tile_free(t1);
    canting_tile_free(t2);
    canting_motif_free(m);
}
END_TEST

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

#define PART(name, body)                                                                                              \
    "motif " name "\ninks\n  cloth #ffffff\n  soga #7a4a22\n  indigo #1f2a44\ndraw\n" body

START_TEST(composition_places_other_motifs)
{
    char *dir = tu_tempdir();
    write_file(dir, "petal4.motif",
               "motif petal4\nparam size = 2mm range 1mm..5mm\ninks\n  cloth #ffffff\n  soga #7a4a22\n"
               "draw\n  radial 4\n    petal at (0, size) length size*2 width size fill soga\n");
    write_file(dir, "top.motif",
               "motif top\ninks\n  cloth #ffffff\n  brown #7a4a22\nrepeat 20mm\ndraw\n"
               "  use petal4 size=4mm soga=brown at (0, 0)\n");
    char path[512];
    snprintf(path, sizeof path, "%s/top.motif", dir);
    canting_motif *m = NULL;
    canting_error err;
    char buf[1024];
    ck_assert_msg(canting_motif_load(path, NULL, &m, &err) == CANTING_OK, "%s",
                  canting_error_format(&err, buf, sizeof buf));
    canting_tile *t;
    ck_assert_int_eq(canting_tile_render(m, 254, &t, NULL), CANTING_OK);
    ck_assert_uint_gt(ink_pixels(t), 1000);
    canting_tile_free(t);
    canting_motif_free(m);
    tu_rmdir(dir);
}
END_TEST

/* `use child a=b b=a` swaps the two inks: each mapping reads the used
 * motif's own ink names, so the second does not undo the first. */
START_TEST(composition_swaps_inks)
{
    char *dir = tu_tempdir();
    write_file(dir, "dot2.motif", "motif dot2\ninks\n  cloth #ffffff\n  a #ff0000\n  b #0000ff\n"
                                  "draw\n  circle r 4mm fill a\n  circle r 2mm fill b\n");
    write_file(dir, "swap.motif", "motif swap\ninks\n  cloth #ffffff\n  a #ff0000\n  b #0000ff\nrepeat 10mm\n"
                                  "draw\n  use dot2 a=b b=a\n");
    char path[512];
    snprintf(path, sizeof path, "%s/swap.motif", dir);
    canting_motif *m = NULL;
    ck_assert_int_eq(canting_motif_load(path, NULL, &m, NULL), CANTING_OK);
    canting_tile *t;
    ck_assert_int_eq(canting_tile_render(m, 254, &t, NULL), CANTING_OK);
    size_t stride;
    /* centre (50, 50): the small disc, child's b, now our a; at 3mm out: child's a, now our b */
    ck_assert_uint_eq(canting_tile_plane(t, 1, &stride)[50 * stride + 50], 255);
    ck_assert_uint_eq(canting_tile_plane(t, 2, &stride)[50 * stride + 80], 255);
    ck_assert_uint_eq(canting_tile_plane(t, 1, &stride)[50 * stride + 80], 0);
    canting_tile_free(t);
    canting_motif_free(m);
    tu_rmdir(dir);
}
END_TEST

START_TEST(composition_cycles_are_refused)
{
    char *dir = tu_tempdir();
    write_file(dir, "a.motif", PART("a", "  use b\n"));
    write_file(dir, "b.motif", PART("b", "  use a\n"));
    write_file(dir, "self.motif", PART("self", "  circle r 1mm fill soga\n  use self\n"));
    char path[512];
    canting_motif *m = NULL;
    canting_error err;
    snprintf(path, sizeof path, "%s/a.motif", dir);
    ck_assert_int_eq(canting_motif_load(path, NULL, &m, &err), CANTING_ECYCLE);
    ck_assert_ptr_null(m);
    ck_assert_ptr_nonnull(strstr(err.message, "cycle"));
    ck_assert_ptr_nonnull(strstr(err.file, "b.motif"));
    snprintf(path, sizeof path, "%s/self.motif", dir);
    ck_assert_int_eq(canting_motif_load(path, NULL, &m, &err), CANTING_ECYCLE);
    ck_assert_int_eq(err.line, 8);
    tu_rmdir(dir);
}
END_TEST

/* Bad input returns a status and a message; nothing goes to stdout or
 * stderr, and the process goes on. */
START_TEST(library_never_prints)
{
    fflush(stdout);
    fflush(stderr);
    FILE *capture = tmpfile();
    int saved_out = dup(1), saved_err = dup(2);
    dup2(fileno(capture), 1);
    dup2(fileno(capture), 2);
    canting_motif *m = NULL;
    canting_error err;
    static const char *const bad[] = {"", "motif", "motif x\ninks\n  cloth #fff\n", "\x01\x02\xff",
                                      "motif x\ninks\n  c #fff\n  i #000\nrepeat 1mm\ndraw\n  circle r 1/0 fill i\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_ne(canting_motif_parse(bad[i], strlen(bad[i]), "bad", NULL, &m, &err), CANTING_OK);
        ck_assert_ptr_null(m);
        ck_assert_int_gt(strlen(err.message), 0);
    }
    ck_assert_int_eq(canting_motif_load("/nonexistent/x.motif", NULL, &m, &err), CANTING_EIO);
    ck_assert_int_eq(canting_motif_parse(NULL, 5, NULL, NULL, &m, &err), CANTING_EARG);
    ck_assert_int_eq(canting_motif_set(NULL, "a", "b", &err), CANTING_EARG);
    ck_assert_int_eq(canting_render_file(NULL, NULL, "/tmp/x.png", &err), CANTING_EARG);
    canting_motif_free(NULL);
    canting_tile_free(NULL);
    fflush(stdout);
    fflush(stderr);
    dup2(saved_out, 1);
    dup2(saved_err, 2);
    close(saved_out);
    close(saved_err);
    ck_assert_int_eq(ftell(capture), 0);
    fclose(capture);
}
END_TEST

START_TEST(error_format_names_the_place)
{
    canting_motif *m = NULL;
    canting_error err;
    const char *text = "motif x\ninks\n  cloth #ffffff\n  ink #000000\nrepeat 5mm\ndraw\n  circle r 2 fill ink\n";
    ck_assert_int_eq(canting_motif_parse(text, strlen(text), "x.motif", NULL, &m, &err), CANTING_EUNIT);
    char buf[256];
    canting_error_format(&err, buf, sizeof buf);
    ck_assert_msg(strncmp(buf, "x.motif:7:12: expected a length", 31) == 0, "got: %s", buf);
    ck_assert_str_eq(canting_strerror(CANTING_EUNIT), "wrong kind of unit");
    ck_assert_str_eq(canting_version(), CANTING_VERSION_STRING);
}
END_TEST

START_TEST(sizes_parse_in_every_unit)
{
    double w, h;
    ck_assert_int_eq(canting_parse_size("20x20cm", 150, &w, &h, NULL), CANTING_OK);
    ck_assert_double_eq_tol(w, 200, 1e-9);
    ck_assert_double_eq_tol(h, 200, 1e-9);
    ck_assert_int_eq(canting_parse_size("250cmx105cm", 150, &w, &h, NULL), CANTING_OK);
    ck_assert_double_eq_tol(h, 1050, 1e-9);
    ck_assert_int_eq(canting_parse_size("8.5x11in", 150, &w, &h, NULL), CANTING_OK);
    ck_assert_double_eq_tol(w, 215.9, 1e-9);
    ck_assert_int_eq(canting_parse_size("1181x591px", 150, &w, &h, NULL), CANTING_OK);
    ck_assert_uint_eq(canting_mm_to_px(w, 150), 1181);
    ck_assert_uint_eq(canting_mm_to_px(h, 150), 591);
    ck_assert_int_eq(canting_parse_size("30cm", 150, &w, &h, NULL), CANTING_OK);
    ck_assert_double_eq_tol(h, 300, 1e-9);
    static const char *const bad[] = {"", "x", "20", "20x", "x20cm", "20x20", "20x20furlong", "-5x5cm", "0x5cm",
                                      "5x5cmm", "1e999x1cm", "20 x 20cm"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(canting_parse_size(bad[i], 150, &w, &h, NULL) != CANTING_OK, "accepted '%s'", bad[i]);
}
END_TEST

START_TEST(json_says_what_a_motif_is)
{
    canting_motif *m = tu_motif(small_motif);
    size_t needed = 0;
    char small[8];
    ck_assert_int_eq(canting_motif_json(m, small, sizeof small, &needed, NULL), CANTING_ERANGE);
    ck_assert_uint_gt(needed, 100);
    char *buf = malloc(needed);
    ck_assert_int_eq(canting_motif_json(m, buf, needed, NULL, NULL), CANTING_OK);
    ck_assert_uint_eq(strlen(buf) + 1, needed);
    ck_assert_ptr_nonnull(strstr(buf, "\"name\": \"dot\""));
    ck_assert_ptr_nonnull(strstr(buf, "{\"name\": \"r\", \"description\": \"radius\", \"description_id\": \"jari-jari\", \"unit\": \"mm\", "
                                      "\"value\": 3, \"default\": 3, \"min\": 1, \"max\": 4}"));
    ck_assert_ptr_nonnull(strstr(buf, "\"repeat\": {\"width_mm\": 10, \"height_mm\": 10, \"layout\": \"straight\"}"));
    ck_assert_ptr_nonnull(strstr(buf, "\"colour\": \"#000000\""));
    free(buf);
    canting_motif_free(m);
}
END_TEST

int main(void)
{
    const TTest *tests[] = {
        every_library_motif_loads,
        bad_corpus_is_refused_at_the_right_place,
        parameters_are_listed_with_ranges,
        overrides_are_checked,
        values_change_the_render,
        composition_places_other_motifs,
        composition_cycles_are_refused,
        composition_swaps_inks,
        library_never_prints,
        error_format_names_the_place,
        sizes_parse_in_every_unit,
        json_says_what_a_motif_is,
        every_motif_renders_at_the_ends_of_its_ranges,
    };
    return tu_main("motif", tests, sizeof tests / sizeof tests[0], 60, NULL, NULL);
}
