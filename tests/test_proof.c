/* test_proof.c: the output pipeline: layouts by their formulas, JPEG and
 * palette PNG output, threads, progress, colourways, raster tiles. */
#include "testutil.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char probe[] = "motif probe\n"
                            "inks\n"
                            "  cloth #f0e0c0\n"
                            "  soga #804020\n"
                            "  indigo #102040\n"
                            "colourway night { cloth: #000000 soga: #ffffff }\n"
                            "repeat 10mm x 8mm\n"
                            "draw\n"
                            "  petal at (-2mm, 1mm) length 5mm width 2mm rotate 30deg fill soga\n"
                            "  circle r 1mm at (3mm, -2mm) fill indigo\n"
                            "  rect width 2mm height 1mm at (3mm, 2mm) fill indigo\n";

static char *dir;

static void setup(void)
{
    dir = tu_tempdir();
}

static void teardown(void)
{
    tu_rmdir(dir);
}

static const char *out_path(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

/* The source pixel of output (x, y) by the layout formulas of the issue. */
static void formula(const char *layout, double f, long w, long h, long x, long y, long *sx, long *sy)
{
    long c = x / w, r = y / h;
    *sx = x % w;
    *sy = y % h;
    if (!strcmp(layout, "half-drop")) {
        long d = lround(f * h);
        *sy = (((y - c * d) % h) + h) % h;
    } else if (!strcmp(layout, "brick")) {
        long b = lround(f * w);
        *sx = (((x - r * b) % w) + w) % w;
    } else if (!strcmp(layout, "mirror")) {
        if (c % 2)
            *sx = w - 1 - *sx;
        if (r % 2)
            *sy = h - 1 - *sy;
    }
}

static void check_layout(const char *layout, double fraction)
{
    canting_motif *m = tu_motif(probe);
    canting_render_options o;
    canting_render_options_init(&o);
    o.dpi = 127; /* 5 px/mm: the cell is 50 x 40 px */
    o.width_mm = 47.3;
    o.height_mm = 33.1;
    o.layout = layout;
    o.fraction = fraction;
    canting_error err;
    ck_assert_int_eq(canting_render_file(m, &o, out_path("l.png"), &err), CANTING_OK);
    canting_tile *t;
    ck_assert_int_eq(canting_tile_render(m, o.dpi, &t, NULL), CANTING_OK);
    size_t ts;
    const uint8_t *tile = canting_tile_rgb(t, &ts);
    long w = canting_tile_width_px(t), h = canting_tile_height_px(t);
    ck_assert_int_eq(w, 50);
    tu_png png;
    ck_assert(tu_png_read(out_path("l.png"), &png));
    ck_assert_uint_eq(png.width, 237);
    ck_assert_uint_eq(png.height, 166);
    ck_assert_str_eq(tu_png_text(&png, "canting:layout"), layout);
    for (long y = 0; y < (long)png.height; y++) {
        for (long x = 0; x < (long)png.width; x++) {
            long sx, sy;
            formula(layout, fraction, w, h, x, y, &sx, &sy);
            ck_assert_msg(!memcmp(png.pixels + (y * png.width + x) * 3, tile + sy * ts + sx * 3, 3),
                          "%s %g: pixel (%ld, %ld) is not tile (%ld, %ld)", layout, fraction, x, y, sx, sy);
        }
    }
    tu_png_free(&png);
    canting_tile_free(t);
    canting_motif_free(m);
}

START_TEST(layouts_follow_their_formulas)
{
    check_layout("straight", 0.5);
    check_layout("half-drop", 0.5);
    check_layout("half-drop", 0.3);
    check_layout("brick", 0.5);
    check_layout("brick", 1.0 / 3);
    check_layout("mirror", 0.5);
}
END_TEST

START_TEST(unknown_layout_is_refused)
{
    canting_motif *m = tu_motif(probe);
    canting_render_options o;
    canting_render_options_init(&o);
    o.layout = "zigzag";
    canting_error err;
    ck_assert_int_eq(canting_render_file(m, &o, out_path("z.png"), &err), CANTING_EARG);
    ck_assert_ptr_nonnull(strstr(err.message, "half-drop"));
    o.layout = "half-drop";
    o.fraction = 1.5;
    ck_assert_int_eq(canting_render_file(m, &o, out_path("z.png"), &err), CANTING_ERANGE);
    canting_motif_free(m);
}
END_TEST

START_TEST(jpeg_carries_its_density)
{
    canting_motif *m = tu_motif(probe);
    canting_render_options o;
    canting_render_options_init(&o);
    o.dpi = 200;
    ck_assert_int_eq(canting_render_file(m, &o, out_path("p.jpg"), NULL), CANTING_OK);
    canting_image *img;
    canting_error err;
    ck_assert_int_eq(canting_image_load(out_path("p.jpg"), NULL, &img, &err), CANTING_OK);
    /* two cells of 10 x 8 mm at 200 dpi: 79 x 63 px each */
    ck_assert_uint_eq(canting_image_width_px(img), 158);
    ck_assert_uint_eq(canting_image_height_px(img), 126);
    ck_assert_double_eq_tol(canting_image_dpi(img), 200, 0.5);
    canting_image_free(img);
    FILE *f = fopen(out_path("p.jpg"), "rb");
    unsigned char magic[3];
    ck_assert_uint_eq(fread(magic, 1, 3, f), 3);
    fclose(f);
    ck_assert(magic[0] == 0xff && magic[1] == 0xd8 && magic[2] == 0xff);
    canting_motif_free(m);
}
END_TEST

static int png_colour_type(const char *path)
{
    FILE *f = fopen(path, "rb");
    unsigned char head[26];
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    return n == sizeof head ? head[25] : -1;
}

/* Few colours (pixel-aligned squares, no antialiased edges): a palette PNG
 * with the same pixels as an RGB one. */
START_TEST(few_colours_give_a_palette_png)
{
    canting_motif *m = tu_motif("motif squares\ninks\n  cloth #ffffff\n  ink #336699\nrepeat 10mm\n"
                                "draw\n  rect width 4mm height 4mm fill ink\n");
    canting_render_options o;
    canting_render_options_init(&o);
    o.dpi = 254;
    ck_assert_int_eq(canting_render_file(m, &o, out_path("pal.png"), NULL), CANTING_OK);
    ck_assert_int_eq(png_colour_type(out_path("pal.png")), 3);
    tu_png png;
    ck_assert(tu_png_read(out_path("pal.png"), &png));
    ck_assert_uint_eq(png.width, 200);
    const uint8_t *centre = png.pixels + (50 * png.width + 50) * 3;
    ck_assert(centre[0] == 0x33 && centre[1] == 0x66 && centre[2] == 0x99);
    tu_png_free(&png);
    canting_motif_free(m);
    /* kawung's antialiased curves between three inks have far more colours */
    ck_assert_int_eq(canting_motif_load("motifs/kawung.motif", NULL, &m, NULL), CANTING_OK);
    ck_assert_int_eq(canting_render_file(m, &o, out_path("rgb.png"), NULL), CANTING_OK);
    ck_assert_int_eq(png_colour_type(out_path("rgb.png")), 2);
    canting_motif_free(m);
}
END_TEST

static int same_file(const char *a, const char *b)
{
    char cmd[1200], out[64];
    snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s' && echo same", a, b);
    tu_run(cmd, out, sizeof out);
    return strncmp(out, "same", 4) == 0;
}

START_TEST(threads_do_not_change_the_bytes)
{
    canting_motif *m = tu_motif(probe);
    canting_render_options o;
    canting_render_options_init(&o);
    o.width_mm = 300;
    o.height_mm = 200;
    o.layout = "half-drop";
    char one[512];
    o.threads = 1;
    ck_assert_int_eq(canting_render_file(m, &o, out_path("t1.png"), NULL), CANTING_OK);
    snprintf(one, sizeof one, "%s", out_path("t1.png"));
    for (unsigned threads = 0; threads <= 5; threads += 2) {
        o.threads = threads;
        ck_assert_int_eq(canting_render_file(m, &o, out_path("tn.png"), NULL), CANTING_OK);
        ck_assert_msg(same_file(one, out_path("tn.png")), "threads=%u changed the output", threads);
    }
    canting_motif_free(m);
}
END_TEST

typedef struct progress_log {
    uint64_t last, total, calls;
    int backwards;
} progress_log;

static void log_progress(void *user, uint64_t done, uint64_t total)
{
    progress_log *p = user;
    p->backwards |= done < p->last;
    p->last = done;
    p->total = total;
    p->calls++;
}

START_TEST(progress_reaches_the_end)
{
    canting_motif *m = tu_motif(probe);
    canting_render_options o;
    canting_render_options_init(&o);
    o.height_mm = 100;
    progress_log log = {0};
    o.progress = log_progress;
    o.progress_user = &log;
    ck_assert_int_eq(canting_render_file(m, &o, out_path("pr.png"), NULL), CANTING_OK);
    ck_assert_uint_eq(log.total, 591);
    ck_assert_uint_eq(log.last, 591);
    ck_assert_uint_ge(log.calls, 591 / 64);
    ck_assert(!log.backwards);
    canting_motif_free(m);
}
END_TEST

START_TEST(colourways_recolour_the_inks)
{
    canting_motif *m = tu_motif(probe);
    canting_error err;
    ck_assert_uint_eq(canting_motif_colourway_count(m), 1);
    ck_assert_str_eq(canting_motif_colourway_name(m, 0), "night");
    ck_assert_ptr_null(canting_motif_colourway_name(m, 1));
    ck_assert_int_eq(canting_motif_set_colourway(m, "day", &err), CANTING_ENAME);
    ck_assert_ptr_nonnull(strstr(err.message, "night"));
    ck_assert_int_eq(canting_motif_set_colourway(m, "night", &err), CANTING_OK);
    canting_ink_info ink;
    canting_motif_ink(m, 1, &ink);
    ck_assert(ink.r == 255 && ink.g == 255 && ink.b == 255);
    canting_motif_ink(m, 2, &ink);
    ck_assert(ink.r == 0x10 && ink.g == 0x20 && ink.b == 0x40);
    canting_render_options o;
    canting_render_options_init(&o);
    o.dpi = 127;
    ck_assert_int_eq(canting_render_file(m, &o, out_path("night.png"), NULL), CANTING_OK);
    tu_png png;
    ck_assert(tu_png_read(out_path("night.png"), &png));
    const uint8_t *corner = png.pixels + (2 * png.width + 25) * 3; /* bare cloth */
    ck_assert(corner[0] == 0 && corner[1] == 0 && corner[2] == 0);
    tu_png_free(&png);
    ck_assert_int_eq(canting_motif_set_colourway(m, NULL, &err), CANTING_OK);
    canting_motif_ink(m, 0, &ink);
    ck_assert(ink.r == 0xf0 && ink.g == 0xe0 && ink.b == 0xc0);
    canting_motif_free(m);
}
END_TEST

/* A raster tile (here a proof read back) repeats by the same formulas. */
START_TEST(raster_tiles_repeat_in_layouts)
{
    canting_motif *m = tu_motif(probe);
    canting_render_options o;
    canting_render_options_init(&o);
    o.dpi = 127;
    o.width_mm = 10;
    o.height_mm = 8;
    ck_assert_int_eq(canting_render_file(m, &o, out_path("tile.png"), NULL), CANTING_OK);
    canting_motif_free(m);
    canting_image *tile;
    canting_error err;
    ck_assert_int_eq(canting_image_load(out_path("tile.png"), NULL, &tile, &err), CANTING_OK);
    ck_assert_double_eq_tol(canting_image_dpi(tile), 127, 0.1);
    o.width_mm = 33;
    o.height_mm = 29;
    o.layout = "mirror";
    ck_assert_int_eq(canting_repeat_image(tile, &o, out_path("rep.png"), &err), CANTING_OK);
    tu_png a, b;
    ck_assert(tu_png_read(out_path("tile.png"), &a));
    ck_assert(tu_png_read(out_path("rep.png"), &b));
    for (long y = 0; y < (long)b.height; y++) {
        for (long x = 0; x < (long)b.width; x++) {
            long sx, sy;
            formula("mirror", 0, a.width, a.height, x, y, &sx, &sy);
            ck_assert(!memcmp(b.pixels + (y * b.width + x) * 3, a.pixels + (sy * a.width + sx) * 3, 3));
        }
    }
    tu_png_free(&a);
    tu_png_free(&b);
    o.layout = "p6m";
    ck_assert_int_eq(canting_repeat_image(tile, &o, out_path("hex.png"), &err), CANTING_EARG);
    ck_assert_ptr_nonnull(strstr(err.message, "motif"));
    canting_image_free(tile);
}
END_TEST

static void write_text(const char *name, const char *text)
{
    FILE *f = fopen(out_path(name), "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

/* A red triangle band (apex up in its own cell) as the border of a field of
 * blue dots: on a landscape cloth the bands stand at the left and right
 * ends, bases on the edges; on a portrait one at the top and bottom. */
static void border_files(void)
{
    write_text("band.motif", "motif band\ninks\n  cloth #ffffff\n  red #ff0000\nrepeat 10mm x 10mm\n"
                             "draw\n  polygon (-5mm, 5mm) (0, -5mm) (5mm, 5mm) fill red\n");
    write_text("field.motif", "motif field\ninks\n  cloth #ffffff\n  red #ff0000\n  blue #0000ff\n"
                              "border band height 20mm\nrepeat 10mm\ndraw\n  circle r 2mm fill blue\n");
}

static const uint8_t *px(const tu_png *png, uint32_t x, uint32_t y)
{
    return png->pixels + ((size_t)y * png->width + x) * (size_t)png->channels;
}

static int is_colour(const uint8_t *p, unsigned rgb)
{
    return p[0] == (rgb >> 16 & 255) && p[1] == (rgb >> 8 & 255) && p[2] == (rgb & 255);
}

static int column_has(const tu_png *png, uint32_t x, unsigned rgb)
{
    for (uint32_t y = 0; y < png->height; y++)
        if (is_colour(px(png, x, y), rgb))
            return 1;
    return 0;
}

START_TEST(borders_stand_at_both_ends)
{
    border_files();
    canting_motif *m;
    canting_error err;
    ck_assert_int_eq(canting_motif_load(out_path("field.motif"), NULL, &m, &err), CANTING_OK);
    canting_render_options o;
    canting_render_options_init(&o);
    o.dpi = 127; /* 5 px/mm: bands 100 px across, steps 50 px */
    o.width_mm = 120;
    o.height_mm = 60;
    ck_assert_int_eq(canting_render_file(m, &o, out_path("land.png"), &err), CANTING_OK);
    tu_png png;
    ck_assert(tu_png_read(out_path("land.png"), &png));
    ck_assert_str_eq(tu_png_text(&png, "canting:border"), "band");
    /* the base of each band is solid red along the cloth's edge, blue never
     * shows inside a band, and the field (blue dots) lies between them */
    uint32_t edge_red = 0;
    for (uint32_t y = 0; y < png.height; y++)
        edge_red += is_colour(px(&png, 0, y), 0xff0000) + is_colour(px(&png, png.width - 1, y), 0xff0000);
    ck_assert_uint_ge(edge_red, 2 * png.height * 9 / 10); /* but where two antialiased corners meet */
    for (uint32_t x = 0; x < 100; x++) {
        ck_assert(!column_has(&png, x, 0x0000ff));
        ck_assert(!column_has(&png, png.width - 1 - x, 0x0000ff));
    }
    ck_assert(column_has(&png, 125, 0x0000ff));
    ck_assert(!column_has(&png, 125, 0xff0000));
    /* a point of the band reaches into the field side at the band's middle row of a step */
    ck_assert(is_colour(px(&png, 95, 50), 0xff0000));
    ck_assert(is_colour(px(&png, 95, 2), 0xffffff));
    tu_png_free(&png);
    o.width_mm = 60;
    o.height_mm = 120;
    ck_assert_int_eq(canting_render_file(m, &o, out_path("port.png"), &err), CANTING_OK);
    ck_assert(tu_png_read(out_path("port.png"), &png));
    edge_red = 0;
    for (uint32_t x = 0; x < png.width; x++)
        edge_red += is_colour(px(&png, x, 0), 0xff0000) + is_colour(px(&png, x, png.height - 1), 0xff0000);
    ck_assert_uint_ge(edge_red, 2 * png.width * 9 / 10);
    tu_png_free(&png);
    o.width_mm = 30;
    ck_assert_int_eq(canting_render_file(m, &o, out_path("narrow.png"), &err), CANTING_OK);
    o.height_mm = 30;
    ck_assert_int_eq(canting_render_file(m, &o, out_path("tiny.png"), &err), CANTING_ERANGE);
    ck_assert_ptr_nonnull(strstr(err.message, "no room"));
    canting_motif_free(m);
}
END_TEST

/* An output never replaces its own input, nor anything but a regular file. */
START_TEST(outputs_never_replace_inputs)
{
    border_files();
    canting_motif *m;
    canting_error err;
    ck_assert_int_eq(canting_motif_load(out_path("band.motif"), NULL, &m, &err), CANTING_OK);
    ck_assert_int_eq(canting_render_file(m, NULL, out_path("band.motif"), &err), CANTING_EARG);
    ck_assert_ptr_nonnull(strstr(err.message, "input itself"));
    ck_assert_int_eq(canting_render_file(m, NULL, "/dev/null", &err), CANTING_EIO);
    ck_assert_int_eq(canting_render_file(m, NULL, dir, &err), CANTING_EIO);
    ck_assert_int_eq(canting_render_file(m, NULL, out_path("band.png"), &err), CANTING_OK);
    canting_motif_free(m);
    canting_image *img;
    ck_assert_int_eq(canting_image_load(out_path("band.png"), NULL, &img, &err), CANTING_OK);
    ck_assert_int_eq(canting_repeat_image(img, NULL, out_path("band.png"), &err), CANTING_EARG);
    canting_image_free(img);
    canting_motif *again;
    ck_assert_int_eq(canting_motif_load(out_path("band.motif"), NULL, &again, &err), CANTING_OK);
    canting_motif_free(again);
}
END_TEST

/* A disc on the cell's right edge is whole in a half-drop and in a brick:
 * its part beyond the edge comes back where the shifted neighbour puts it. */
static void check_whole_discs(const char *layout)
{
    canting_motif *m = tu_motif("motif edge\ninks\n  cloth #ffffff\n  ink #000000\nrepeat 40mm x 40mm\n"
                                "draw\n  circle r 10mm at (20mm, 0) fill ink\n");
    canting_render_options o;
    canting_render_options_init(&o);
    o.dpi = 25.4; /* 1 px/mm */
    o.width_mm = o.height_mm = 200;
    o.layout = layout;
    ck_assert_int_eq(canting_render_file(m, &o, out_path("edge.png"), NULL), CANTING_OK);
    tu_png png;
    ck_assert(tu_png_read(out_path("edge.png"), &png));
    int half_drop = !strcmp(layout, "half-drop"), brick = !strcmp(layout, "brick");
    for (long kx = -1; kx <= 5; kx++) {
        for (long ky = -1; ky <= 5; ky++) {
            /* disc centre in output pixels: cell centre (20, 20) + (20, 0) on the lattice */
            double cx = 40 + kx * 40 + (brick ? ky * 20 : 0), cy = 20 + ky * 40 + (half_drop ? kx * 20 : 0);
            for (int a = 0; a < 16; a++) {
                double ang = a * 3.14159265 / 8;
                long ix = lround(cx + 8 * cos(ang)), iy = lround(cy + 8 * sin(ang));
                long ox = lround(cx + 12.5 * cos(ang)), oy = lround(cy + 12.5 * sin(ang));
                if (ix >= 0 && iy >= 0 && ix < (long)png.width && iy < (long)png.height)
                    ck_assert_msg(png.pixels[(iy * png.width + ix) * 3] == 0, "%s: (%ld, %ld) not inked", layout, ix, iy);
                if (ox >= 0 && oy >= 0 && ox < (long)png.width && oy < (long)png.height)
                    ck_assert_msg(png.pixels[(oy * png.width + ox) * 3] == 255, "%s: (%ld, %ld) inked", layout, ox, oy);
            }
        }
    }
    tu_png_free(&png);
    canting_motif_free(m);
}

START_TEST(shapes_across_edges_follow_the_lattice)
{
    check_whole_discs("half-drop");
    check_whole_discs("brick");
    check_whole_discs("straight");
}
END_TEST

/* A contact sheet holds each proof's top-left, pixel for pixel, in a grid. */
START_TEST(contact_sheets_hold_the_proofs)
{
    canting_motif *m = tu_motif(probe);
    canting_contact *sheet;
    canting_error err;
    ck_assert_int_eq(canting_contact_new(0, 64, NULL, &sheet, &err), CANTING_EARG);
    ck_assert_int_eq(canting_contact_new(2, 64, "probe", &sheet, &err), CANTING_OK);
    canting_render_options o;
    canting_render_options_init(&o);
    o.dpi = 127;
    for (int i = 0; i < 3; i++) {
        o.layout = i == 2 ? "mirror" : "straight";
        ck_assert_int_eq(canting_motif_set_colourway(m, i == 1 ? "night" : NULL, NULL), CANTING_OK);
        ck_assert_int_eq(canting_contact_add(sheet, m, &o, "probe\nvariant", &err), CANTING_OK);
    }
    ck_assert_int_eq(canting_contact_write(sheet, out_path("sheet.png"), &err), CANTING_OK);
    canting_contact_free(sheet);
    o.width_mm = o.height_mm = 64 * 25.4 / 127;
    o.layout = "mirror";
    ck_assert_int_eq(canting_render_file(m, &o, out_path("third.png"), &err), CANTING_OK);
    tu_png page, third;
    ck_assert(tu_png_read(out_path("sheet.png"), &page));
    ck_assert(tu_png_read(out_path("third.png"), &third));
    ck_assert_uint_eq(page.width, 12 + 2 * 76);
    ck_assert_uint_eq(page.height, 40 + 2 * (64 + 34 + 12));
    ck_assert_uint_eq(third.width, 64);
    /* the third cell starts a second row: x 12, y 40 + 110 */
    for (uint32_t y = 0; y < 64; y++)
        ck_assert(!memcmp(px(&page, 12, 150 + y), px(&third, 0, y), 64 * 3));
    tu_png_free(&page);
    tu_png_free(&third);
    canting_motif_free(m);
}
END_TEST

/* Caps mirrored back and laid out as the list says are the proof, pixel for
 * pixel; blocks at the same phase of the repeat share a cap. */
START_TEST(caps_laid_out_reproduce_the_proof)
{
    canting_motif *m = tu_motif(probe);
    canting_render_options o;
    canting_render_options_init(&o);
    o.dpi = 127; /* cell 50 x 40 px; blocks 75 x 60 px: two phases each way */
    o.width_mm = 60;
    o.height_mm = 48;
    size_t caps = 0;
    char prefix[600];
    snprintf(prefix, sizeof prefix, "%s/c", dir);
    canting_error err;
    ck_assert_int_eq(canting_render_caps(m, &o, 15, 12, prefix, &caps, &err), CANTING_OK);
    ck_assert_uint_eq(caps, 4);
    ck_assert_int_eq(canting_render_file(m, &o, out_path("cloth.png"), &err), CANTING_OK);
    tu_png cloth;
    ck_assert(tu_png_read(out_path("cloth.png"), &cloth));
    FILE *list = fopen(out_path("c-caps.txt"), "r");
    ck_assert_ptr_nonnull(list);
    char line[256];
    ck_assert_ptr_nonnull(fgets(line, sizeof line, list));
    ck_assert_ptr_nonnull(fgets(line, sizeof line, list));
    uint32_t margin = (uint32_t)canting_mm_to_px(8, 127) + 8;
    for (uint32_t r = 0; r < 4; r++) {
        for (uint32_t c = 0; c < 4; c++) {
            int cap;
            ck_assert_int_eq(fscanf(list, "%d", &cap), 1);
            char name[64];
            snprintf(name, sizeof name, "c-cap%02d.png", cap);
            tu_png block;
            ck_assert(tu_png_read(out_path(name), &block));
            ck_assert_uint_eq(block.width, 75 + 2 * margin);
            for (uint32_t y = 0; y < 60 && r * 60 + y < cloth.height; y++)
                for (uint32_t x = 0; x < 75 && c * 75 + x < cloth.width; x++)
                    ck_assert_msg(!memcmp(px(&block, margin + 74 - x, margin + y), px(&cloth, c * 75 + x, r * 60 + y), 3),
                                  "block (%u, %u) pixel (%u, %u)", c, r, x, y);
            tu_png_free(&block);
        }
    }
    fclose(list);
    tu_png_free(&cloth);
    /* a block of two whole repeats each way is one cap for the whole cloth */
    ck_assert_int_eq(canting_render_caps(m, &o, 20, 16, prefix, &caps, &err), CANTING_OK);
    ck_assert_uint_eq(caps, 1);
    canting_motif_free(m);
}
END_TEST

/* The share of ink (dark) in columns [x0, x1) of a grey separation sheet. */
static double ink_share(const tu_png *sheet, uint32_t x0, uint32_t x1, uint32_t y0, uint32_t y1)
{
    double sum = 0;
    for (uint32_t y = y0; y < y1; y++)
        for (uint32_t x = x0; x < x1; x++)
            sum += 255 - px(sheet, x, y)[0];
    return sum / 255 / ((double)(x1 - x0) * (y1 - y0));
}

/* The Metro kain panjang ends in its siger border at both ends: the tapis
 * band's red runs the whole height of the cloth at each end, in the red ink
 * plane (its separation), and the field between has far less red. */
START_TEST(metro_border_stands_at_both_ends_of_a_kain_panjang)
{
    canting_motif *m;
    canting_error err;
    ck_assert_int_eq(canting_motif_load("motifs/metro.motif", NULL, &m, &err), CANTING_OK);
    canting_separate_options o;
    canting_separate_options_init(&o);
    o.render.dpi = 10;
    o.render.width_mm = 2500;
    o.render.height_mm = 1050;
    char prefix[600];
    snprintf(prefix, sizeof prefix, "%s/kain", dir);
    ck_assert_int_eq(canting_separate_motif(m, &o, prefix, &err), CANTING_OK);
    tu_png red;
    ck_assert(tu_png_read(out_path("kain-red.png"), &red));
    ck_assert_uint_eq(red.width, 984);
    ck_assert_uint_eq(red.height, 413);
    uint32_t band = 8; /* the outer 2 cm of each end: the tapis diamonds */
    for (uint32_t part = 0; part < 4; part++) {
        uint32_t y0 = part * red.height / 4, y1 = (part + 1) * red.height / 4;
        ck_assert_double_gt(ink_share(&red, 0, band, y0, y1), 0.3);
        ck_assert_double_gt(ink_share(&red, red.width - band, red.width, y0, y1), 0.3);
    }
    ck_assert_double_lt(ink_share(&red, 400, 400 + band, 0, red.height), 0.15);
    /* the two ends mirror each other */
    double left = ink_share(&red, 0, 87, 0, red.height), right = ink_share(&red, red.width - 87, red.width, 0, red.height);
    ck_assert_double_eq_tol(left, right, 0.02);
    tu_png_free(&red);
    canting_motif_free(m);
}
END_TEST

int main(void)
{
    const TTest *tests[] = {
        layouts_follow_their_formulas,
        unknown_layout_is_refused,
        jpeg_carries_its_density,
        few_colours_give_a_palette_png,
        threads_do_not_change_the_bytes,
        progress_reaches_the_end,
        colourways_recolour_the_inks,
        raster_tiles_repeat_in_layouts,
        borders_stand_at_both_ends,
        outputs_never_replace_inputs,
        shapes_across_edges_follow_the_lattice,
        contact_sheets_hold_the_proofs,
        caps_laid_out_reproduce_the_proof,
        metro_border_stands_at_both_ends_of_a_kain_panjang,
    };
    return tu_main("proof", tests, sizeof tests / sizeof tests[0], 120, setup, teardown);
}
