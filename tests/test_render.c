/* test_render.c: ink planes, their composite, wrap-around, and PNG proofs. */
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* At 254 dpi one millimetre is exactly 10 pixels. */
#define DPI_10_PX_PER_MM 254

static const char two_inks[] = "motif probe\n"
                               "param r = 3mm range 1mm..4mm\n"
                               "inks\n"
                               "  cloth #f0e0c0\n"
                               "  soga #804020\n"
                               "  indigo #102040\n"
                               "repeat 10mm x 8mm\n"
                               "draw\n"
                               "  circle r r fill soga\n"
                               "  circle r 1mm fill indigo\n"
                               "  circle r 0.5mm at (2mm, 0) fill cloth\n"
                               "  rect width 2mm height 2mm at (5mm, 4mm) fill indigo\n";

static const uint8_t *rgb_at(const canting_tile *t, uint32_t x, uint32_t y)
{
    size_t stride;
    return canting_tile_rgb(t, &stride) + y * stride + 3 * x;
}

static unsigned plane_at(const canting_tile *t, size_t ink, uint32_t x, uint32_t y)
{
    size_t stride;
    return canting_tile_plane(t, ink, &stride)[y * stride + x];
}

static void assert_rgb(const canting_tile *t, uint32_t x, uint32_t y, unsigned rgb)
{
    const uint8_t *p = rgb_at(t, x, y);
    unsigned got = (unsigned)p[0] << 16 | (unsigned)p[1] << 8 | p[2];
    ck_assert_msg(got == rgb, "pixel (%u, %u) is #%06x, expected #%06x", x, y, got, rgb);
}

static canting_tile *render(const char *text)
{
    canting_motif *m = tu_motif(text);
    canting_tile *t = NULL;
    canting_error err;
    ck_assert_int_eq(canting_tile_render(m, DPI_10_PX_PER_MM, &t, &err), CANTING_OK);
    canting_motif_free(m);
    return t;
}

START_TEST(known_pixels_have_their_ink)
{
    canting_tile *t = render(two_inks);
    ck_assert_uint_eq(canting_tile_width_px(t), 100);
    ck_assert_uint_eq(canting_tile_height_px(t), 80);
    assert_rgb(t, 50, 40, 0x102040);   /* centre: the indigo dot over the soga disc */
    assert_rgb(t, 50, 40 + 15, 0x804020); /* inside the soga disc */
    assert_rgb(t, 70, 40, 0xf0e0c0);   /* the cloth dot knocks the soga out */
    assert_rgb(t, 50, 40 + 25, 0x804020);
    assert_rgb(t, 10, 10, 0xf0e0c0);   /* bare cloth */
    ck_assert_uint_eq(plane_at(t, 1, 50, 55), 255);
    ck_assert_uint_eq(plane_at(t, 2, 50, 55), 0);
    ck_assert_uint_eq(plane_at(t, 1, 50, 40), 0);
    ck_assert_uint_eq(plane_at(t, 2, 50, 40), 255);
    ck_assert_ptr_null(canting_tile_plane(t, 0, NULL));
    ck_assert_ptr_null(canting_tile_plane(t, 3, NULL));
    canting_tile_free(t);
}
END_TEST

/* The rect at (5mm, 4mm) sits on the cell's corner: a quarter of it shows in
 * each corner of the tile, so copies join without a seam. */
START_TEST(shapes_wrap_around_the_cell)
{
    canting_tile *t = render(two_inks);
    uint32_t corners[4][2] = {{0, 0}, {99, 0}, {0, 79}, {99, 79}};
    for (int i = 0; i < 4; i++) {
        assert_rgb(t, corners[i][0], corners[i][1], 0x102040);
        ck_assert_uint_eq(plane_at(t, 2, corners[i][0], corners[i][1]), 255);
    }
    assert_rgb(t, 12, 12, 0xf0e0c0);
    assert_rgb(t, 87, 67, 0xf0e0c0);
    canting_tile_free(t);
}
END_TEST

/* Composite = sum over inks of coverage x colour, the cloth taking the rest;
 * and the coverages never add up to more than a whole pixel. */
START_TEST(planes_sum_to_the_composite)
{
    canting_tile *t = render(two_inks);
    const unsigned colours[3] = {0xf0e0c0, 0x804020, 0x102040};
    for (uint32_t y = 0; y < 80; y++) {
        for (uint32_t x = 0; x < 100; x++) {
            unsigned a1 = plane_at(t, 1, x, y), a2 = plane_at(t, 2, x, y);
            ck_assert_uint_le(a1 + a2, 256);
            unsigned cloth = a1 + a2 >= 255 ? 0 : 255 - a1 - a2;
            for (int c = 0; c < 3; c++) {
                unsigned shift = 16 - 8 * c;
                unsigned want = (a1 * ((colours[1] >> shift) & 255) + a2 * ((colours[2] >> shift) & 255) +
                                 cloth * ((colours[0] >> shift) & 255) + 127) / 255;
                ck_assert_uint_eq(rgb_at(t, x, y)[c], want);
            }
        }
    }
    canting_tile_free(t);
}
END_TEST

START_TEST(cell_rounds_to_whole_pixels)
{
    canting_motif *m = tu_motif(two_inks);
    canting_tile *t;
    ck_assert_int_eq(canting_tile_render(m, 100, &t, NULL), CANTING_OK);
    /* 10mm at 100 dpi is 39.37 px: 39; 8mm is 31.5 px: 31 or 32 */
    ck_assert_uint_eq(canting_tile_width_px(t), 39);
    ck_assert_uint_eq(canting_tile_height_px(t), 31);
    canting_tile_free(t);
    canting_error err;
    ck_assert_int_eq(canting_tile_render(m, 0, &t, &err), CANTING_ERANGE);
    ck_assert_int_eq(canting_tile_render(m, 1e9, &t, &err), CANTING_ERANGE);
    canting_motif_free(m);
}
END_TEST

START_TEST(proof_carries_dpi_and_what_made_it)
{
    char *dir = tu_tempdir();
    char path[512];
    snprintf(path, sizeof path, "%s/proof.png", dir);
    canting_motif *m = tu_motif(two_inks);
    ck_assert_int_eq(canting_motif_set(m, "r", "2.5mm", NULL), CANTING_OK);
    canting_render_options o;
    canting_render_options_init(&o);
    o.dpi = 150;
    o.width_mm = 200;
    o.height_mm = 100;
    canting_error err;
    ck_assert_int_eq(canting_render_file(m, &o, path, &err), CANTING_OK);
    tu_png png;
    ck_assert(tu_png_read(path, &png));
    ck_assert_uint_eq(png.width, 1181);
    ck_assert_uint_eq(png.height, 591);
    ck_assert_uint_eq(png.ppm_x, 5906);
    ck_assert_uint_eq(png.ppm_y, 5906);
    ck_assert_str_eq(tu_png_text(&png, "canting:motif"), "probe");
    ck_assert_str_eq(tu_png_text(&png, "canting:param:r"), "2.5mm");
    ck_assert_str_eq(tu_png_text(&png, "canting:dpi"), "150");
    ck_assert_str_eq(tu_png_text(&png, "Software"), "canting " CANTING_VERSION_STRING);
    /* the proof is the tile repeated: row 0 equals row (cell height) of the proof */
    canting_tile *t;
    ck_assert_int_eq(canting_tile_render(m, 150, &t, NULL), CANTING_OK);
    uint32_t tw = canting_tile_width_px(t), th = canting_tile_height_px(t);
    for (uint32_t y = 0; y < png.height; y += 7)
        for (uint32_t x = 0; x < png.width; x += 5)
            ck_assert_int_eq(memcmp(png.pixels + (y * png.width + x) * 3, rgb_at(t, x % tw, y % th), 3), 0);
    canting_tile_free(t);
    tu_png_free(&png);
    canting_motif_free(m);
    tu_rmdir(dir);
}
END_TEST

/* A failed write leaves nothing behind, and an existing file stays as it was. */
START_TEST(failed_write_leaves_no_file)
{
    char *dir = tu_tempdir();
    char path[512];
    canting_motif *m = tu_motif(two_inks);
    canting_error err;
    snprintf(path, sizeof path, "%s/missing/proof.png", dir);
    ck_assert_int_eq(canting_render_file(m, NULL, path, &err), CANTING_EIO);
    ck_assert_ptr_nonnull(strstr(err.message, "cannot create"));
    snprintf(path, sizeof path, "%s/keep.png", dir);
    FILE *f = fopen(path, "w");
    fputs("old", f);
    fclose(f);
    canting_render_options o;
    canting_render_options_init(&o);
    o.width_mm = 1e6;
    o.height_mm = 1e6;
    ck_assert_int_eq(canting_render_file(m, &o, path, &err), CANTING_ELIMIT);
    struct stat sb;
    ck_assert_int_eq(stat(path, &sb), 0);
    ck_assert_int_eq(sb.st_size, 3);
    char cmd[600], out[256];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
    tu_run(cmd, out, sizeof out);
    ck_assert_int_eq(atoi(out), 1);
    canting_motif_free(m);
    tu_rmdir(dir);
}
END_TEST

int main(void)
{
    const TTest *tests[] = {
        known_pixels_have_their_ink,
        shapes_wrap_around_the_cell,
        planes_sum_to_the_composite,
        cell_rounds_to_whole_pixels,
        proof_carries_dpi_and_what_made_it,
        failed_write_leaves_no_file,
    };
    return tu_main("render", tests, sizeof tests / sizeof tests[0], 60, NULL, NULL);
}
