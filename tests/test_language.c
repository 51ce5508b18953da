/* test_language.c: the drawing constructs beyond shapes, checked on the ink
 * planes they make: gradasi, clip, scatter, islands, along, the isen kinds,
 * numbered copies (`as`) and `alternate` inks, `use ... tiled`. */
#include "testutil.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* At 254 dpi one millimetre is exactly 10 pixels. */
#define DPI 254
#define PX 10.0

/* Four inks a b c d after the cloth, a cell of `cell`, and `body` as the
 * draw block (each line indented two spaces by the caller). */
static char *motif_text(const char *cell, const char *body)
{
    static char text[8192];
    snprintf(text, sizeof text,
             "motif probe\n"
             "param size = 1mm\n"
             "inks\n  cloth #ffffff\n  a #ff0000\n  b #00ff00\n  c #0000ff\n  d #000000\n"
             "repeat %s\n"
             "draw\n%s",
             cell, body);
    return text;
}

static canting_tile *render(const char *cell, const char *body)
{
    canting_motif *m = tu_motif(motif_text(cell, body));
    canting_tile *t = NULL;
    canting_error err;
    char buf[1024];
    canting_status st = canting_tile_render(m, DPI, &t, &err);
    ck_assert_msg(st == CANTING_OK, "%s", canting_error_format(&err, buf, sizeof buf));
    canting_motif_free(m);
    return t;
}

/* Coverage of ink (1 = a ... 4 = d) at a point in mm from the cell's
 * centre; the cell repeats, so any point has a pixel. */
static unsigned ink_at(const canting_tile *t, size_t ink, double x_mm, double y_mm)
{
    size_t stride;
    const uint8_t *p = canting_tile_plane(t, ink, &stride);
    double w = canting_tile_width_px(t), h = canting_tile_height_px(t);
    double x = fmod(floor(w / 2 + x_mm * PX) + w, w), y = fmod(floor(h / 2 + y_mm * PX) + h, h);
    return p[(size_t)y * stride + (size_t)x];
}

/* The only ink at a point (1..4), 0 for bare cloth, -1 when mixed. */
static int sole_ink(const canting_tile *t, double x_mm, double y_mm)
{
    int found = 0;
    for (size_t ink = 1; ink <= 4; ink++) {
        unsigned v = ink_at(t, ink, x_mm, y_mm);
        if (v == 255 && found == 0)
            found = (int)ink;
        else if (v != 0)
            return -1;
    }
    return found;
}

static double plane_sum(const canting_tile *t, size_t ink)
{
    size_t stride;
    const uint8_t *p = canting_tile_plane(t, ink, &stride);
    double sum = 0;
    for (uint32_t y = 0; y < canting_tile_height_px(t); y++)
        for (uint32_t x = 0; x < canting_tile_width_px(t); x++)
            sum += p[(size_t)y * stride + x];
    return sum / 255;
}

static canting_status load_error(const char *cell, const char *body, canting_error *err)
{
    const char *text = motif_text(cell, body);
    canting_motif *m = NULL;
    canting_status st = canting_motif_parse(text, strlen(text), "probe.motif", NULL, &m, err);
    canting_motif_free(m);
    return st;
}

/* ---- blobs: the dots a placement drew, found again on a plane -------------- */

typedef struct blob {
    double x, y;              /* centroid in mm from the cell's centre */
    double area;              /* in px */
} blob;

/* Flood fill on the torus: the tile repeats, so a dot cut by an edge is
 * one blob whose pixels continue on the other side. */
static size_t find_blobs(const canting_tile *t, size_t ink, blob *out, size_t max)
{
    uint32_t w = canting_tile_width_px(t), h = canting_tile_height_px(t);
    size_t stride, n = 0;
    const uint8_t *p = canting_tile_plane(t, ink, &stride);
    uint8_t *seen = calloc((size_t)w * h, 1);
    long *stack = malloc(sizeof(long) * 3 * (size_t)w * h);
    ck_assert_ptr_nonnull(seen);
    ck_assert_ptr_nonnull(stack);
    for (uint32_t y0 = 0; y0 < h; y0++) {
        for (uint32_t x0 = 0; x0 < w; x0++) {
            if (seen[(size_t)y0 * w + x0] || p[(size_t)y0 * stride + x0] < 128)
                continue;
            double sx = 0, sy = 0, area = 0;
            size_t top = 0;
            seen[(size_t)y0 * w + x0] = 1;
            stack[top++] = x0, stack[top++] = y0;
            while (top) {
                long y = stack[--top], x = stack[--top];
                sx += (double)x, sy += (double)y, area++;
                for (int d = 0; d < 4; d++) {
                    long nx = x + (d == 0) - (d == 1), ny = y + (d == 2) - (d == 3);
                    size_t wx = (size_t)((nx % (long)w + (long)w) % (long)w);
                    size_t wy = (size_t)((ny % (long)h + (long)h) % (long)h);
                    if (seen[wy * w + wx] || p[wy * stride + wx] < 128)
                        continue;
                    seen[wy * w + wx] = 1;
                    stack[top++] = nx, stack[top++] = ny;
                }
            }
            ck_assert_uint_lt(n, max);
            out[n++] = (blob){(sx / area + 0.5 - w / 2.0) / PX, (sy / area + 0.5 - h / 2.0) / PX, area};
        }
    }
    free(seen);
    free(stack);
    return n;
}

/* Distance around a w x h torus. */
static double wrap_distance(const blob *a, const blob *b, double w, double h)
{
    double dx = fabs(a->x - b->x), dy = fabs(a->y - b->y);
    dx = fmod(dx, w);
    dy = fmod(dy, h);
    return hypot(fmin(dx, w - dx), fmin(dy, h - dy));
}

/* ---- gradasi ---------------------------------------------------------------- */

START_TEST(gradasi_bands_step_inward_from_the_outline)
{
    canting_tile *t = render("30mm", "  circle r 10mm fill d gradasi inks a b c inset 2mm\n");
    ck_assert_int_eq(sole_ink(t, 9, 0), 1);     /* 1mm in: the first band */
    ck_assert_int_eq(sole_ink(t, 0, -7), 2);    /* 3mm in */
    ck_assert_int_eq(sole_ink(t, -5, 0), 3);    /* 5mm in */
    ck_assert_int_eq(sole_ink(t, 0, 2), 4);     /* beyond the bands: the fill */
    ck_assert_int_eq(sole_ink(t, 11, 0), 0);    /* outside */
    /* bands are exactly `inset` wide: 2mm in, a gives way to b */
    ck_assert_int_eq(sole_ink(t, 8.15, 0), 1);
    ck_assert_int_eq(sole_ink(t, 7.85, 0), 2);
    canting_tile_free(t);
}
END_TEST

START_TEST(gradasi_repeats_its_inks_over_more_steps)
{
    canting_tile *t = render("30mm", "  rect width 20mm height 20mm gradasi inks a b steps 4 inset 1mm\n");
    ck_assert_int_eq(sole_ink(t, 9.5, 0), 1);
    ck_assert_int_eq(sole_ink(t, 0, 8.5), 2);
    ck_assert_int_eq(sole_ink(t, -7.5, 0), 1);
    ck_assert_int_eq(sole_ink(t, 0, -6.5), 2);
    ck_assert_int_eq(sole_ink(t, 0, 0), 0);     /* no fill: the core stays cloth */
    canting_tile_free(t);
}
END_TEST

/* ---- clip ----------------------------------------------------------------- */

START_TEST(clip_confines_coverage_and_nests)
{
    canting_tile *t = render("30mm", "  clip circle r 5mm\n"
                                     "    rect width 30mm height 30mm fill a\n"
                                     "  clip circle r 4mm at (-6mm, 8mm)\n"
                                     "    clip rect width 20mm height 2mm at (-6mm, 8mm)\n"
                                     "      circle r 10mm at (-6mm, 8mm) fill b stroke c\n");
    ck_assert_int_eq(sole_ink(t, 4.5, 0), 1);
    ck_assert_int_eq(sole_ink(t, 0, -5.5), 0);
    ck_assert_int_eq(sole_ink(t, 3.4, 3.4), 1);
    ck_assert_int_eq(sole_ink(t, 3.7, 3.7), 0);
    ck_assert_int_eq(sole_ink(t, -6, 8), 2);       /* inside both */
    ck_assert_int_eq(sole_ink(t, -6, 10.5), 0);    /* in the circle, out of the bar */
    ck_assert_int_eq(sole_ink(t, -10.5, 8), 0);    /* in the bar, out of the circle */
    ck_assert_double_eq_tol(plane_sum(t, 3), 0, 1e-9);  /* the far outline never shows */
    canting_tile_free(t);
}
END_TEST

/* ---- scatter -------------------------------------------------------------- */

static const char scatter_body[] = "  scatter 25 spacing 9mm seed %d\n"
                                   "    circle r 0.8mm fill a\n";

static size_t scatter_blobs(int seed, blob *b, canting_tile **tile)
{
    char body[256];
    snprintf(body, sizeof body, scatter_body, seed);
    *tile = render("60mm", body);
    return find_blobs(*tile, 1, b, 64);
}

START_TEST(scatter_keeps_its_spacing_around_the_repeat)
{
    blob b[64];
    canting_tile *t;
    size_t n = scatter_blobs(7, b, &t);
    ck_assert_uint_eq(n, 25);
    double full = M_PI * 8 * 8;   /* a whole dot, in px */
    for (size_t i = 0; i < n; i++) {
        /* dots cut by the cell's edge come back whole on the other side */
        ck_assert_double_eq_tol(b[i].area, full, full * 0.08);
        for (size_t j = i + 1; j < n; j++)
            ck_assert_double_ge(wrap_distance(&b[i], &b[j], 60, 60), 9 - 0.15);
    }
    canting_tile_free(t);
}
END_TEST

START_TEST(scatter_is_fixed_by_its_seed)
{
    blob b1[64], b2[64], b3[64];
    canting_tile *t1, *t2, *t3;
    size_t n1 = scatter_blobs(7, b1, &t1), n2 = scatter_blobs(7, b2, &t2), n3 = scatter_blobs(8, b3, &t3);
    ck_assert_uint_eq(n1, n2);
    size_t stride;
    const uint8_t *p1 = canting_tile_plane(t1, 1, &stride), *p2 = canting_tile_plane(t2, 1, NULL);
    ck_assert_int_eq(memcmp(p1, p2, stride * canting_tile_height_px(t1)), 0);
    size_t same = 0;
    for (size_t i = 0; i < n1; i++)
        for (size_t j = 0; j < n3; j++)
            same += wrap_distance(&b1[i], &b3[j], 60, 60) < 0.5;
    ck_assert_uint_lt(same, 3);
    canting_tile_free(t1);
    canting_tile_free(t2);
    canting_tile_free(t3);
}
END_TEST

START_TEST(scatter_draws_fewer_when_spacing_leaves_no_room)
{
    blob b[64];
    canting_tile *t = render("20mm", "  scatter 50 spacing 8mm seed 3\n    circle r 0.5mm fill a\n");
    size_t n = find_blobs(t, 1, b, 64);
    ck_assert_uint_ge(n, 3);
    ck_assert_uint_le(n, 8);   /* hexagonal packing fits at most ~7 at this spacing */
    canting_tile_free(t);
}
END_TEST

/* ---- islands -------------------------------------------------------------- */

START_TEST(islands_partition_the_cell_and_take_fillers_in_turn)
{
    canting_tile *t = render("40mm", "  islands 7 seed 5\n"
                                     "    rect width 80mm height 80mm fill a\n"
                                     "    rect width 80mm height 80mm fill b\n"
                                     "    rect width 80mm height 80mm fill c\n");
    uint32_t w = canting_tile_width_px(t), h = canting_tile_height_px(t);
    size_t stride, bare = 0;
    const uint8_t *p[3];
    for (size_t i = 0; i < 3; i++)
        p[i] = canting_tile_plane(t, i + 1, &stride);
    for (uint32_t y = 0; y < h; y++) {
        for (uint32_t x = 0; x < w; x++) {
            size_t o = (size_t)y * stride + x;
            unsigned sum = p[0][o] + p[1][o] + p[2][o];
            ck_assert_uint_le(sum, 255);
            bare += sum < 128;
        }
    }
    ck_assert_uint_lt(bare, (size_t)w * h / 1000);   /* every spot lies in an island */
    double a = plane_sum(t, 1), b = plane_sum(t, 2), c = plane_sum(t, 3);
    ck_assert_double_gt(a, 0.05 * w * h);   /* three islands */
    ck_assert_double_gt(b, 0.05 * w * h);   /* two each */
    ck_assert_double_gt(c, 0.05 * w * h);
    canting_tile_free(t);
}
END_TEST

START_TEST(islands_are_outlined_seamlessly)
{
    canting_tile *t = render("40mm", "  islands 6 seed 2 outline d 1mm as k\n"
                                     "    circle r 1mm + k * 0.25mm fill a\n");
    blob dots[16];
    size_t n = find_blobs(t, 1, dots, 16);
    ck_assert_uint_eq(n, 6);   /* one dot at each island's site, sized by its number */
    double smallest = 1e9, largest = 0;
    for (size_t i = 0; i < n; i++) {
        smallest = fmin(smallest, dots[i].area);
        largest = fmax(largest, dots[i].area);
    }
    ck_assert_double_eq_tol(smallest, M_PI * 10 * 10, 20);
    ck_assert_double_eq_tol(largest, M_PI * 22.5 * 22.5, 40);
    /* the outlines form one connected net over the torus */
    blob net[8];
    ck_assert_uint_eq(find_blobs(t, 4, net, 8), 1);
    canting_tile_free(t);
}
END_TEST

/* ---- along ----------------------------------------------------------------- */

static void assert_blob_near(const blob *b, size_t n, double x, double y)
{
    for (size_t i = 0; i < n; i++)
        if (hypot(b[i].x - x, b[i].y - y) < 0.1)
            return;
    ck_abort_msg("no copy at (%g, %g)", x, y);
}

START_TEST(along_spaces_copies_on_a_line_and_an_arc)
{
    canting_tile *t = render("40mm", "  along line from (-10mm, -15mm) to (10mm, -15mm) count 4\n"
                                     "    circle r 0.5mm fill a\n"
                                     "  along arc r 10mm count 4\n"
                                     "    circle r 0.5mm fill b\n"
                                     "  along arc r 14mm from 180deg to 0deg count 2\n"
                                     "    circle r 0.5mm fill c\n");
    blob b[16];
    size_t n = find_blobs(t, 1, b, 16);
    ck_assert_uint_eq(n, 4);
    for (int k = 0; k < 4; k++)
        assert_blob_near(b, n, -7.5 + 5 * k, -15);
    n = find_blobs(t, 2, b, 16);
    ck_assert_uint_eq(n, 4);
    double r = 10 / sqrt(2);
    assert_blob_near(b, n, r, r);
    assert_blob_near(b, n, -r, r);
    assert_blob_near(b, n, -r, -r);
    assert_blob_near(b, n, r, -r);
    n = find_blobs(t, 3, b, 16);
    ck_assert_uint_eq(n, 2);
    assert_blob_near(b, n, -1.4 * r, 1.4 * r);   /* 135deg, then 45deg: y points down */
    assert_blob_near(b, n, 1.4 * r, 1.4 * r);
    canting_tile_free(t);
}
END_TEST

START_TEST(along_turn_follows_the_track)
{
    canting_tile *t = render("40mm", "  along arc r 10mm count 4 turn\n"
                                     "    rect width 6mm height 0.6mm fill a\n"
                                     "  along arc r 10mm count 4\n"
                                     "    rect width 6mm height 0.6mm at (0, 15mm) fill b\n");
    double r = 10 / sqrt(2), u = 2.5 / sqrt(2);
    /* at 45deg the way ahead is 135deg: the bar lies across the radius */
    ck_assert_int_eq(sole_ink(t, r - u, r + u), 1);
    ck_assert_int_eq(sole_ink(t, r + u, r + u), 0);
    /* unturned copies stay level */
    ck_assert_int_eq(sole_ink(t, r + 2.5, r + 15), 2);
    canting_tile_free(t);
}
END_TEST

/* ---- isen kinds ----------------------------------------------------------- */

START_TEST(every_isen_kind_stays_inside_its_shape)
{
    static const char *const kinds[] = {"cecek", "cecek-pitu", "galar", "galaran", "sisik", "sawut", "ukel"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        char body[256];
        snprintf(body, sizeof body, "  circle r 8mm isen %s ink a\n", kinds[i]);
        canting_tile *t = render("30mm", body);
        size_t stride;
        const uint8_t *p = canting_tile_plane(t, 1, &stride);
        double inside = 0, outside = 0;
        for (uint32_t y = 0; y < 300; y++) {
            for (uint32_t x = 0; x < 300; x++) {
                double d = hypot(x + 0.5 - 150, y + 0.5 - 150) / PX;
                if (d > 8.1)
                    outside += p[(size_t)y * stride + x];
                else
                    inside += p[(size_t)y * stride + x];
            }
        }
        double share = inside / 255 / (M_PI * 80 * 80);
        ck_assert_msg(outside == 0, "isen %s leaks out of its shape", kinds[i]);
        ck_assert_msg(share > 0.04 && share < 0.7, "isen %s covers %.2f of its shape", kinds[i], share);
        canting_tile_free(t);
    }
}
END_TEST

START_TEST(isen_kinds_take_their_own_clauses)
{
    canting_error err;
    ck_assert_int_eq(load_error("30mm", "  circle r 8mm isen cecek size 2mm ink a\n", &err), CANTING_ESYNTAX);
    ck_assert_int_eq(err.column, 27);
    ck_assert_ptr_nonnull(strstr(err.message, "not size"));
    ck_assert_int_eq(load_error("30mm", "  circle r 8mm isen ukel size 0mm ink a\n", &err), CANTING_ERANGE);
    ck_assert_int_eq(load_error("30mm", "  circle r 8mm isen herangan ink a\n", &err), CANTING_ENAME);
    ck_assert_ptr_nonnull(strstr(err.message, "sisik"));
}
END_TEST

START_TEST(cecek_pitu_draws_seven_dots_a_cluster)
{
    canting_tile *t = render("40mm", "  rect width 4mm height 4mm isen cecek-pitu spacing 20mm dot 0.6mm ink a\n");
    blob b[16];
    ck_assert_uint_eq(find_blobs(t, 1, b, 16), 7);
    assert_blob_near(b, 7, 0, 0);
    assert_blob_near(b, 7, 0.9, 0);
    assert_blob_near(b, 7, -0.45, 0.9 * sqrt(3) / 2);
    canting_tile_free(t);
}
END_TEST

/* ---- numbered copies and alternate inks ----------------------------------- */

START_TEST(copies_are_numbered_and_alternate_inks)
{
    canting_tile *t = render("40mm", "  radial 4 as k\n"
                                     "    circle r 1mm + k * 0.5mm at (0, -12mm) fill alternate a b\n"
                                     "  grid cols 3 dx 5mm as i\n"
                                     "    rect width 1mm height 1mm + i * 1mm at (0, 5mm) fill alternate c d c\n");
    ck_assert_int_eq(sole_ink(t, 0, -12.8), 1);      /* copy 0, r 1mm, ink a */
    ck_assert_int_eq(sole_ink(t, 12 + 1.3, 0), 2);   /* copy 1 turned to the right, r 1.5mm, ink b */
    ck_assert_int_eq(sole_ink(t, 0, 12 + 1.8), 1);   /* copy 2, r 2mm, a again */
    ck_assert_int_eq(sole_ink(t, -12 - 2.3, 0), 2);  /* copy 3, r 2.5mm */
    ck_assert_int_eq(sole_ink(t, -12 - 2.7, 0), 0);
    ck_assert_int_eq(sole_ink(t, -5, 5.3), 3);
    ck_assert_int_eq(sole_ink(t, -5, 5.7), 0);
    ck_assert_int_eq(sole_ink(t, 0, 5.8), 4);
    ck_assert_int_eq(sole_ink(t, 5, 6.3), 3);
    canting_tile_free(t);
}
END_TEST

START_TEST(copy_names_must_be_new)
{
    canting_error err;
    ck_assert_int_eq(load_error("30mm", "  radial 4 as size\n    circle r 1mm fill a\n", &err), CANTING_ESYNTAX);
    ck_assert_int_eq(err.column, 15);
    ck_assert_int_eq(load_error("30mm", "  radial 4 as a\n    circle r 1mm fill a\n", &err), CANTING_ESYNTAX);
    ck_assert_int_eq(load_error("30mm", "  circle r 1mm fill alternate a e\n", &err), CANTING_ENAME);
    ck_assert_int_eq(err.column, 33);
    /* an inner repetition may reuse an outer one's name; it hides it */
    canting_tile *t = render("30mm", "  radial 2 as k\n    grid cols 2 dx 10mm as k\n"
                                     "      circle r 1mm + k * 1mm fill a\n");
    ck_assert_int_eq(sole_ink(t, 5 + 1.8, 0), 1);
    canting_tile_free(t);
}
END_TEST

/* ---- use ... tiled ----------------------------------------------------------- */

START_TEST(a_tiled_motif_fills_the_region)
{
    char *dir = tu_tempdir();
    char path[512];
    snprintf(path, sizeof path, "%s/spot.motif", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("motif spot\ninks\n  cloth #fff\n  a #f00\nrepeat 4mm\ndraw\n  circle r 1mm fill a\n", f);
    fclose(f);
    const char *text = motif_text("40mm", "  clip circle r 10mm\n    use spot tiled\n");
    snprintf(path, sizeof path, "%s/field.motif", dir);
    canting_motif *m = NULL;
    canting_error err;
    char buf[1024];
    ck_assert_msg(canting_motif_parse(text, strlen(text), path, NULL, &m, &err) == CANTING_OK, "%s",
                  canting_error_format(&err, buf, sizeof buf));
    canting_tile *t = NULL;
    ck_assert_int_eq(canting_tile_render(m, DPI, &t, &err), CANTING_OK);
    blob b[64];
    size_t n = find_blobs(t, 1, b, 64);
    ck_assert_uint_ge(n, 16);   /* spots 4mm apart over the disc, and none beyond it */
    for (size_t i = 0; i < n; i++)
        ck_assert_double_le(hypot(b[i].x, b[i].y), 10.5);
    assert_blob_near(b, n, 4, -8);
    assert_blob_near(b, n, -8, 0);
    canting_tile_free(t);
    canting_motif_free(m);
    /* a motif without a repeat has no cell to lay */
    snprintf(path, sizeof path, "%s/lone.motif", dir);
    f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("motif lone\ninks\n  cloth #fff\n  a #f00\ndraw\n  circle r 1mm fill a\n", f);
    fclose(f);
    text = motif_text("40mm", "  use lone tiled\n");
    snprintf(path, sizeof path, "%s/field.motif", dir);
    ck_assert_int_eq(canting_motif_parse(text, strlen(text), path, NULL, &m, &err), CANTING_ESYNTAX);
    ck_assert_int_eq(err.line, 11);
    ck_assert_int_eq(err.column, 12);
    ck_assert_ptr_nonnull(strstr(err.message, "'repeat'"));
    tu_rmdir(dir);
}
END_TEST

static Suite *language_suite(void)
{
    Suite *s = suite_create("language");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, gradasi_bands_step_inward_from_the_outline);
    tcase_add_test(tc, gradasi_repeats_its_inks_over_more_steps);
    tcase_add_test(tc, clip_confines_coverage_and_nests);
    tcase_add_test(tc, scatter_keeps_its_spacing_around_the_repeat);
    tcase_add_test(tc, scatter_is_fixed_by_its_seed);
    tcase_add_test(tc, scatter_draws_fewer_when_spacing_leaves_no_room);
    tcase_add_test(tc, islands_partition_the_cell_and_take_fillers_in_turn);
    tcase_add_test(tc, islands_are_outlined_seamlessly);
    tcase_add_test(tc, along_spaces_copies_on_a_line_and_an_arc);
    tcase_add_test(tc, along_turn_follows_the_track);
    tcase_add_test(tc, every_isen_kind_stays_inside_its_shape);
    tcase_add_test(tc, isen_kinds_take_their_own_clauses);
    tcase_add_test(tc, cecek_pitu_draws_seven_dots_a_cluster);
    tcase_add_test(tc, copies_are_numbered_and_alternate_inks);
    tcase_add_test(tc, copy_names_must_be_new);
    tcase_add_test(tc, a_tiled_motif_fills_the_region);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(language_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
