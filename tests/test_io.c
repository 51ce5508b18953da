/* test_io.c: the streamed JPEG writer, palette PNGs, and the PNG/JPEG reader
 * on every kind of input, good and bad.  Fixtures are made here, with libpng
 * and libjpeg, in a fresh folder per test. */
#include "testutil.h"
#include "io/image_read.h"
#include "io/jpeg_write.h"
#include "io/png_write.h"
#include "util/util.h"

#include <check.h>
#include <dirent.h>
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dir;

static void setup(void)
{
    dir = tu_tempdir();
}

static void teardown(void)
{
    tu_rmdir(dir);
}

static const char *in_dir(char *buf, const char *name)
{
    snprintf(buf, 512, "%s/%s", dir, name);
    return buf;
}

static int entries_in_dir(void)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static uint8_t *read_bytes(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    uint8_t *bytes = malloc(*len ? *len : 1);
    ck_assert_uint_eq(fread(bytes, 1, *len, f), *len);
    fclose(f);
    return bytes;
}

static void write_bytes(const char *path, const uint8_t *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(bytes, 1, len, f), len);
    fclose(f);
}

/* A deterministic byte stream, for "random" files. */
static uint8_t next_byte(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return (uint8_t)(*state >> 24);
}

static canting_image *load_ok(const char *path)
{
    canting_image *img = NULL;
    canting_error err;
    char buf[1024];
    canting_status st = canting_image_load(path, NULL, &img, &err);
    ck_assert_msg(st == CANTING_OK, "%s did not load: %s", path, canting_error_format(&err, buf, sizeof buf));
    return img;
}

static void expect_load(const char *path, const canting_limits *limits, canting_status want)
{
    canting_image *img = (canting_image *)1;
    canting_error err;
    char buf[1024];
    canting_status st = canting_image_load(path, limits, &img, &err);
    ck_assert_msg(st == want, "%s: status %d, expected %d (%s)", path, st, want,
                  canting_error_format(&err, buf, sizeof buf));
    ck_assert_ptr_null(img);
    ck_assert_int_eq(err.status, want);
    ck_assert_msg(err.message[0], "no message");
}

/* ---- synthetic images ------------------------------------------------------- */

/* Smooth ramps, the kind JPEG keeps well: R across, G down, B diagonally. */
static uint8_t *gradient(uint32_t w, uint32_t h, int channels, size_t *stride)
{
    *stride = (size_t)w * channels + 5;  /* padding a writer must skip */
    uint8_t *px = calloc(*stride, h);
    for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w; x++) {
            uint8_t *p = px + y * *stride + x * channels;
            uint8_t v[3] = {(uint8_t)(x * 255 / (w - 1)), (uint8_t)(y * 255 / (h - 1)),
                            (uint8_t)((x + y) * 255 / (w + h - 2))};
            memcpy(p, channels == 1 ? &v[2] : v, (size_t)channels);
        }
    return px;
}

/* Mean and largest difference between a loaded image and the source. */
static void assert_close(const canting_image *img, const uint8_t *px, size_t stride, int channels, double max_mean,
                         int max_abs)
{
    double sum = 0;
    int worst = 0;
    for (uint32_t y = 0; y < img->height_px; y++)
        for (uint32_t x = 0; x < img->width_px; x++)
            for (int c = 0; c < 3; c++) {
                int want = px[y * stride + x * channels + (channels == 1 ? 0 : c)];
                int d = abs(img->rgb[y * img->stride + x * 3 + c] - want);
                sum += d;
                worst = d > worst ? d : worst;
            }
    double mean = sum / (3.0 * img->width_px * img->height_px);
    ck_assert_msg(mean <= max_mean && worst <= max_abs, "mean error %.2f, worst %d", mean, worst);
}

/* ---- the JPEG writer --------------------------------------------------------- */

/* Writes in uneven batches: one row, a few, many, then the rest. */
static void write_jpeg(const char *path, const uint8_t *px, size_t stride, const ct_jpeg_spec *spec)
{
    static const uint32_t batches[] = {1, 7, 40, UINT32_MAX};
    ct_jpeg_writer *w;
    canting_error err;
    ck_assert_int_eq(ct_jpeg_open(path, spec, &w, &err), CANTING_OK);
    uint32_t y = 0;
    for (int i = 0; i < 4; i++) {
        uint32_t n = batches[i] < spec->height_px - y ? batches[i] : spec->height_px - y;
        ck_assert_int_eq(ct_jpeg_write_rows(w, px + y * stride, stride, n, &err), CANTING_OK);
        y += n;
    }
    ck_assert_int_eq(ct_jpeg_finish(w, &err), CANTING_OK);
}

START_TEST(jpeg_round_trip)
{
    /* RGB at both chroma settings and both DCTs, then grey. */
    static const struct {
        int channels, quality;
        double dpi, mean;
        int worst;
    } cases[] = {{3, 95, 300, 1.5, 16}, {3, 75, 72.4, 3, 40}, {1, 85, 0, 1.5, 12}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[512];
        size_t stride;
        uint32_t w = 157, h = 93;  /* not whole 8- or 16-pixel blocks */
        uint8_t *px = gradient(w, h, cases[i].channels, &stride);
        ct_jpeg_spec spec = {w, h, cases[i].channels, cases[i].dpi, cases[i].quality};
        write_jpeg(in_dir(path, "out.jpg"), px, stride, &spec);
        canting_image *img = load_ok(path);
        ck_assert_uint_eq(canting_image_width_px(img), w);
        ck_assert_uint_eq(canting_image_height_px(img), h);
        ck_assert_double_eq(canting_image_dpi(img), round(cases[i].dpi));
        ck_assert_uint_eq(img->stride, 3 * w);
        assert_close(img, px, stride, cases[i].channels, cases[i].mean, cases[i].worst);
        canting_image_free(img);
        free(px);
        ck_assert_int_eq(entries_in_dir(), 1);  /* no temporary left */
    }
}
END_TEST

START_TEST(jpeg_refuses_bad_specs)
{
    char path[512];
    ct_jpeg_writer *w = (ct_jpeg_writer *)1;
    canting_error err;
    ct_jpeg_spec big = {65501, 10, 3, 150, 90};
    ck_assert_int_eq(ct_jpeg_open(in_dir(path, "big.jpg"), &big, &w, &err), CANTING_ELIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "65500"));
    ck_assert_ptr_null(w);
    ct_jpeg_spec tall = {10, 70000, 1, 150, 90};
    ck_assert_int_eq(ct_jpeg_open(path, &tall, &w, &err), CANTING_ELIMIT);
    ct_jpeg_spec bad[] = {{0, 10, 3, 150, 90}, {10, 10, 2, 150, 90}, {10, 10, 4, 150, 90}, {10, 10, 3, 150, 0},
                          {10, 10, 3, 150, 101}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_int_eq(ct_jpeg_open(path, &bad[i], &w, &err), CANTING_EARG);
    ck_assert_int_eq(entries_in_dir(), 0);
}
END_TEST

START_TEST(jpeg_row_count_is_checked)
{
    char path[512];
    size_t stride;
    uint8_t *px = gradient(20, 10, 3, &stride);
    ct_jpeg_spec spec = {20, 10, 3, 100, 90};
    ct_jpeg_writer *w;
    canting_error err;
    ck_assert_int_eq(ct_jpeg_open(in_dir(path, "rows.jpg"), &spec, &w, &err), CANTING_OK);
    ck_assert_int_eq(ct_jpeg_write_rows(w, px, stride, 11, &err), CANTING_EARG);
    ck_assert_int_eq(ct_jpeg_write_rows(w, px, stride, 9, &err), CANTING_OK);
    ck_assert_int_eq(ct_jpeg_finish(w, &err), CANTING_EARG);
    ck_assert_ptr_nonnull(strstr(err.message, "1 rows missing"));
    ck_assert_int_eq(entries_in_dir(), 0);
    free(px);
}
END_TEST

START_TEST(jpeg_abandon_and_failed_open_leave_nothing)
{
    char path[512];
    size_t stride;
    uint8_t *px = gradient(20, 10, 3, &stride);
    write_bytes(in_dir(path, "keep.jpg"), (const uint8_t *)"old", 3);
    ct_jpeg_spec spec = {20, 10, 3, 100, 90};
    ct_jpeg_writer *w;
    canting_error err;
    ck_assert_int_eq(ct_jpeg_open(path, &spec, &w, &err), CANTING_OK);
    ck_assert_int_eq(ct_jpeg_write_rows(w, px, stride, 5, &err), CANTING_OK);
    ct_jpeg_abandon(w);
    ct_jpeg_abandon(NULL);
    size_t len;
    uint8_t *kept = read_bytes(path, &len);
    ck_assert_uint_eq(len, 3);
    ck_assert_int_eq(memcmp(kept, "old", 3), 0);
    free(kept);
    ck_assert_int_eq(entries_in_dir(), 1);
    ck_assert_int_eq(ct_jpeg_open(in_dir(path, "missing/out.jpg"), &spec, &w, &err), CANTING_EIO);
    ck_assert_ptr_null(w);
    ck_assert_str_eq(err.file, path);
    ck_assert_int_eq(entries_in_dir(), 1);
    free(px);
}
END_TEST

/* ---- JPEGs made with libjpeg directly ------------------------------------------ */

typedef struct raw_jpeg {
    uint32_t w, h;
    int components;
    J_COLOR_SPACE space;
    int density_unit, density;
    int progressive;  /* 0 baseline, 1 libjpeg's script, 2 an absurd number of scans */
    int quality;
} raw_jpeg;

/* 1 + 63 * 10 scans: DC, then each AC coefficient sent a bit at a time. */
static jpeg_scan_info *many_scans(int *count)
{
    jpeg_scan_info *s = calloc(1 + 63 * 10, sizeof *s);
    int n = 0;
    s[n++] = (jpeg_scan_info){1, {0}, 0, 0, 0, 0};
    for (int k = 1; k < 64; k++) {
        s[n++] = (jpeg_scan_info){1, {0}, k, k, 0, 9};
        for (int al = 8; al >= 0; al--)
            s[n++] = (jpeg_scan_info){1, {0}, k, k, al + 1, al};
    }
    *count = n;
    return s;
}

static void write_raw_jpeg(const char *path, const raw_jpeg *r, const uint8_t *px)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr jerr;
    c.err = jpeg_std_error(&jerr);
    jpeg_create_compress(&c);
    FILE *f = fopen(path, "wb");
    jpeg_stdio_dest(&c, f);
    c.image_width = r->w;
    c.image_height = r->h;
    c.input_components = r->components;
    c.in_color_space = r->space;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, r->quality, TRUE);
    c.density_unit = (UINT8)r->density_unit;
    c.X_density = c.Y_density = (UINT16)r->density;
    jpeg_scan_info *scans = NULL;
    if (r->progressive == 1)
        jpeg_simple_progression(&c);
    if (r->progressive == 2) {
        scans = many_scans(&c.num_scans);
        c.scan_info = scans;
    }
    jpeg_start_compress(&c, TRUE);
    for (uint32_t y = 0; y < r->h; y++) {
        JSAMPROW row = (JSAMPROW)(px + (size_t)y * r->w * r->components);
        jpeg_write_scanlines(&c, &row, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    fclose(f);
    free(scans);
}

START_TEST(jpeg_density_in_dots_per_cm_and_none)
{
    char path[512];
    size_t stride;
    uint8_t *px = gradient(16, 16, 1, &stride);
    uint8_t packed[256];
    for (int y = 0; y < 16; y++)
        memcpy(packed + 16 * y, px + y * stride, 16);
    raw_jpeg r = {16, 16, 1, JCS_GRAYSCALE, 2, 100, 0, 90};
    write_raw_jpeg(in_dir(path, "cm.jpg"), &r, packed);
    canting_image *img = load_ok(path);
    ck_assert_double_eq_tol(canting_image_dpi(img), 254, 1e-9);
    canting_image_free(img);
    r.density_unit = 0;  /* an aspect ratio only */
    r.density = 1;
    write_raw_jpeg(path, &r, packed);
    img = load_ok(path);
    ck_assert_double_eq(canting_image_dpi(img), 0);
    canting_image_free(img);
    free(px);
}
END_TEST

START_TEST(jpeg_progressive_loads)
{
    char path[512];
    size_t stride;
    uint8_t *px = gradient(40, 24, 3, &stride);
    uint8_t packed[40 * 24 * 3];
    for (int y = 0; y < 24; y++)
        memcpy(packed + 120 * y, px + y * stride, 120);
    raw_jpeg r = {40, 24, 3, JCS_RGB, 1, 200, 1, 95};
    write_raw_jpeg(in_dir(path, "p.jpg"), &r, packed);
    canting_image *img = load_ok(path);
    ck_assert_double_eq(canting_image_dpi(img), 200);
    assert_close(img, packed, 120, 3, 2, 24);
    canting_image_free(img);
    free(px);
}
END_TEST

START_TEST(jpeg_with_too_many_scans_is_refused)
{
    char path[512];
    uint8_t px[16 * 16];
    for (int i = 0; i < 256; i++)
        px[i] = (uint8_t)(i * 7);
    raw_jpeg r = {16, 16, 1, JCS_GRAYSCALE, 1, 100, 2, 90};
    write_raw_jpeg(in_dir(path, "scans.jpg"), &r, px);
    expect_load(path, NULL, CANTING_EFORMAT);
    canting_error err;
    canting_image *img;
    canting_image_load(path, NULL, &img, &err);
    ck_assert_ptr_nonnull(strstr(err.message, "scans"));
}
END_TEST

/* Adobe-style (inverted) CMYK: four flat 8x8 blocks of known colour. */
START_TEST(jpeg_cmyk_becomes_rgb)
{
    static const uint8_t ink[4][4] = {{0, 255, 255, 0}, {0, 0, 0, 0}, {0, 0, 0, 255}, {0, 0, 0, 128}};
    static const int rgb[4][3] = {{255, 0, 0}, {255, 255, 255}, {0, 0, 0}, {127, 127, 127}};
    uint8_t px[16 * 16 * 4];
    for (int y = 0; y < 16; y++)
        for (int x = 0; x < 16; x++)
            for (int c = 0; c < 4; c++)
                px[(y * 16 + x) * 4 + c] = (uint8_t)(255 - ink[(y / 8) * 2 + x / 8][c]);
    char path[512];
    raw_jpeg r = {16, 16, 4, JCS_CMYK, 1, 300, 0, 100};
    write_raw_jpeg(in_dir(path, "cmyk.jpg"), &r, px);
    canting_image *img = load_ok(path);
    for (int y = 0; y < 16; y++)
        for (int x = 0; x < 16; x++)
            for (int c = 0; c < 3; c++) {
                int got = img->rgb[y * img->stride + x * 3 + c], want = rgb[(y / 8) * 2 + x / 8][c];
                ck_assert_msg(abs(got - want) <= 3, "(%d, %d)[%d] is %d, expected %d", x, y, c, got, want);
            }
    canting_image_free(img);
}
END_TEST

/* ---- palette PNGs -------------------------------------------------------------- */

static void png_header(const char *path, int *colour_type, int *bit_depth)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png)))
        ck_abort_msg("cannot read %s", path);
    png_init_io(png, f);
    png_read_info(png, info);
    *colour_type = png_get_color_type(png, info);
    *bit_depth = png_get_bit_depth(png, info);
    png_destroy_read_struct(&png, &info, NULL);
    fclose(f);
}

/* Six inks in bands and checks, with a stride padded with other colours. */
static uint8_t *few_colours(uint32_t w, uint32_t h, size_t *stride)
{
    static const uint8_t inks[6][3] = {{0xef, 0xe3, 0xc8}, {0x8a, 0x5a, 0x2b}, {0x1f, 0x2a, 0x44},
                                       {0, 0, 0},          {255, 255, 255},    {0x8a, 0x5a, 0x2c}};
    *stride = 3 * (size_t)w + 6;
    uint8_t *px = malloc(*stride * h);
    for (size_t i = 0; i < *stride * h; i++)
        px[i] = (uint8_t)(i * 31);  /* padding bytes must never count */
    for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w; x++)
            memcpy(px + y * *stride + 3 * x, inks[(x / 4 + y / 3 + (x * y) % 2) % 6], 3);
    return px;
}

START_TEST(palette_png_round_trip)
{
    uint32_t w = 37, h = 23;
    size_t stride, istride;
    uint8_t *px = few_colours(w, h, &stride), palette[768], *idx;
    int count;
    canting_error err;
    ck_assert_int_eq(ct_palette_from_rgb(px, w, h, stride, palette, &count, &idx, &istride, &err), CANTING_OK);
    ck_assert_int_eq(count, 6);
    ck_assert_uint_eq(istride, w);
    char path[512];
    ct_png_spec spec = {w, h, 1, 200, 6, NULL, 0, palette, count, 0, 0};
    ct_png_writer *pw;
    ck_assert_int_eq(ct_png_open(in_dir(path, "pal.png"), &spec, &pw, &err), CANTING_OK);
    ck_assert_int_eq(ct_png_write_rows(pw, idx, istride, 5, &err), CANTING_OK);
    ck_assert_int_eq(ct_png_write_rows(pw, idx + 5 * istride, istride, h - 5, &err), CANTING_OK);
    ck_assert_int_eq(ct_png_finish(pw, &err), CANTING_OK);
    int type, depth;
    png_header(path, &type, &depth);
    ck_assert_int_eq(type, PNG_COLOR_TYPE_PALETTE);
    ck_assert_int_eq(depth, 8);
    canting_image *img = load_ok(path);
    ck_assert_double_eq_tol(canting_image_dpi(img), 200, 0.01);
    for (uint32_t y = 0; y < h; y++)
        ck_assert_int_eq(memcmp(img->rgb + y * img->stride, px + y * stride, 3 * w), 0);
    canting_image_free(img);
    ct_free(idx);
    free(px);
}
END_TEST

START_TEST(palette_png_refuses_bad_specs)
{
    static const uint8_t palette[6] = {0, 0, 0, 255, 255, 255};
    char path[512];
    canting_error err;
    ct_png_writer *pw;
    ct_png_spec specs[] = {{4, 4, 3, 100, 3, NULL, 0, palette, 2, 0, 0},
                           {4, 4, 1, 100, 3, NULL, 0, palette, 257, 0, 0},
                           {4, 4, 1, 100, 3, NULL, 0, palette, -1, 0, 0},
                           {4, 4, 1, 100, 3, NULL, 0, NULL, 2, 0, 0}};
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
        ck_assert_int_eq(ct_png_open(in_dir(path, "bad.png"), &specs[i], &pw, &err), CANTING_EARG);
    ck_assert_int_eq(entries_in_dir(), 0);
    /* An abandoned palette PNG leaves nothing either. */
    ck_assert_int_eq(ct_png_open(path, &(ct_png_spec){4, 4, 1, 100, 3, NULL, 0, palette, 2, 0, 0}, &pw, &err),
                     CANTING_OK);
    ct_png_abandon(pw);
    ck_assert_int_eq(entries_in_dir(), 0);
    ck_assert_int_eq(ct_png_open(in_dir(path, "missing/p.png"), &(ct_png_spec){4, 4, 1, 100, 3, NULL, 0, palette, 2, 0, 0},
                                 &pw, &err),
                     CANTING_EIO);
    ck_assert_int_eq(entries_in_dir(), 0);
    /* An index past the palette's end is refused with the row that holds it. */
    static const uint8_t rows[16] = {0, 1, 5, 1};
    ck_assert_int_eq(ct_png_open(in_dir(path, "oob.png"), &(ct_png_spec){4, 4, 1, 100, 3, NULL, 0, palette, 2, 0, 0},
                                 &pw, &err),
                     CANTING_OK);
    ck_assert_int_eq(ct_png_write_rows(pw, rows, 4, 4, &err), CANTING_EARG);
    ck_assert_ptr_nonnull(strstr(err.message, "palette index"));
    ct_png_abandon(pw);
    ck_assert_int_eq(entries_in_dir(), 0);
}
END_TEST

/* `n` distinct colours spread over the 24-bit cube, each used twice. */
static uint8_t *distinct_colours(uint32_t n, size_t *stride)
{
    *stride = 3 * (size_t)n;
    uint8_t *px = malloc(*stride * 2);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t c = (i * 0x9e3779b1u) >> 8;
        uint8_t rgb[3] = {(uint8_t)(c >> 16), (uint8_t)(c >> 8), (uint8_t)c};
        memcpy(px + 3 * i, rgb, 3);
        memcpy(px + *stride + 3 * (n - 1 - i), rgb, 3);
    }
    return px;
}

START_TEST(palette_from_rgb_counts_colours)
{
    uint8_t palette[768], *idx;
    int count;
    size_t istride, stride;
    canting_error err;
    uint8_t one[5 * 4 * 3];
    for (size_t i = 0; i < sizeof one; i++)
        one[i] = (uint8_t)(i % 3 == 0 ? 0x10 : 0xab);
    ck_assert_int_eq(ct_palette_from_rgb(one, 5, 4, 15, palette, &count, &idx, &istride, &err), CANTING_OK);
    ck_assert_int_eq(count, 1);
    ck_assert_int_eq(palette[0], 0x10);
    for (int i = 0; i < 20; i++)
        ck_assert_int_eq(idx[i], 0);
    ct_free(idx);

    uint8_t *px = distinct_colours(256, &stride);
    ck_assert_int_eq(ct_palette_from_rgb(px, 256, 2, stride, palette, &count, &idx, &istride, &err), CANTING_OK);
    ck_assert_int_eq(count, 256);
    for (uint32_t y = 0; y < 2; y++)
        for (uint32_t x = 0; x < 256; x++)
            ck_assert_int_eq(memcmp(palette + 3 * idx[y * istride + x], px + y * stride + 3 * x, 3), 0);
    ct_free(idx);
    free(px);

    px = distinct_colours(257, &stride);
    idx = (uint8_t *)1;
    ck_assert_int_eq(ct_palette_from_rgb(px, 257, 2, stride, palette, &count, &idx, &istride, &err), CANTING_ERANGE);
    ck_assert_ptr_null(idx);
    ck_assert_int_eq(count, 0);
    ck_assert_int_eq(ct_palette_from_rgb(px, 0, 2, stride, palette, &count, &idx, &istride, &err), CANTING_EARG);
    free(px);
}
END_TEST

/* ---- the PNG reader on every colour type ----------------------------------------- */

typedef struct png_case {
    const char *name;
    int colour_type, bit_depth, interlace;
    uint32_t ppm;          /* pHYs in pixels per metre; 0: none */
    int tolerance;
} png_case;

static const png_color test_palette[16] = {{0, 0, 0},     {255, 0, 0},   {0, 255, 0},   {0, 0, 255},
                                           {9, 99, 199},  {200, 10, 30}, {1, 2, 3},     {250, 251, 252},
                                           {128, 64, 32}, {32, 64, 128}, {17, 34, 51},  {68, 85, 102},
                                           {119, 136, 153}, {170, 187, 204}, {221, 238, 255}, {5, 5, 5}};
static const png_byte test_trns[3] = {0, 128, 200};

static void put_sample(uint8_t *row, size_t i, int depth, unsigned v)
{
    if (depth == 16) {
        row[2 * i] = (uint8_t)(v >> 8);
        row[2 * i + 1] = (uint8_t)v;
    } else if (depth == 8) {
        row[i] = (uint8_t)v;
    } else {
        size_t bit = i * (size_t)depth;
        row[bit / 8] |= (uint8_t)(v << (8 - depth - bit % 8));
    }
}

static unsigned over_white(unsigned c, unsigned a)
{
    return (c * a + 255 * (255 - a) + 127) / 255;
}

/* One pixel of a case: its samples at the file's depth (into s) and the RGB
 * a reader should give (into want).  Returns how many samples a pixel has. */
static int case_pixel(const png_case *pc, uint32_t x, uint32_t y, unsigned s[4], unsigned want[3])
{
    if (pc->colour_type == PNG_COLOR_TYPE_PALETTE) {
        unsigned i = (x + 3 * y) % 16, a = i < 3 ? test_trns[i] : 255;
        s[0] = i;
        want[0] = over_white(test_palette[i].red, a);
        want[1] = over_white(test_palette[i].green, a);
        want[2] = over_white(test_palette[i].blue, a);
        return 1;
    }
    unsigned max = (1u << pc->bit_depth) - 1, m[4];
    unsigned c8[4] = {(x * 19 + y * 7) & 255, (x * 3 + y * 31) & 255, (x * y * 5) & 255, (x * 40 + y * 13) & 255};
    for (int i = 0; i < 4; i++) {
        /* At 16 bits, low-byte noise that the reader must round away. */
        s[i] = pc->bit_depth == 16 ? (c8[i] * 257) ^ ((x * 37 + y) & 0x7f) : c8[i] * max / 255;
        m[i] = (s[i] * 255 + max / 2) / max;  /* what the sample means at 8 bits */
    }
    int colour = pc->colour_type & PNG_COLOR_MASK_COLOR, alpha = pc->colour_type & PNG_COLOR_MASK_ALPHA;
    for (int c = 0; c < 3; c++)
        want[c] = over_white(colour ? m[c] : m[0], alpha ? m[3] : 255);
    if (alpha && !colour)
        s[1] = s[3];
    return (colour ? 3 : 1) + (alpha ? 1 : 0);
}

/* Writes a PNG with libpng. */
static void write_raw_png(const char *path, const png_case *pc, uint32_t w, uint32_t h, const uint8_t *rows,
                          size_t stride)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png)))
        ck_abort_msg("libpng failed to write %s", path);
    png_set_user_limits(png, PNG_UINT_31_MAX, PNG_UINT_31_MAX);
    png_init_io(png, f);
    png_set_IHDR(png, info, w, h, pc->bit_depth, pc->colour_type, pc->interlace, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    if (pc->colour_type == PNG_COLOR_TYPE_PALETTE) {
        png_set_PLTE(png, info, test_palette, 16);
        png_set_tRNS(png, info, test_trns, 3, NULL);
    }
    if (pc->ppm)
        png_set_pHYs(png, info, pc->ppm, pc->ppm, PNG_RESOLUTION_METER);
    png_write_info(png, info);
    int passes = png_set_interlace_handling(png);
    for (int pass = 0; pass < passes; pass++)
        for (uint32_t y = 0; y < h; y++)
            png_write_row(png, rows + y * stride);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    fclose(f);
}

static void write_case_png(const char *path, const png_case *pc, uint32_t w, uint32_t h)
{
    size_t stride = ((size_t)w * 4 * pc->bit_depth + 7) / 8;
    uint8_t *rows = calloc(stride, h);
    for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w; x++) {
            unsigned s[4], want[3];
            int n = case_pixel(pc, x, y, s, want);
            for (int i = 0; i < n; i++)
                put_sample(rows + y * stride, (size_t)x * n + i, pc->bit_depth, s[i]);
        }
    write_raw_png(path, pc, w, h, rows, stride);
    free(rows);
}

START_TEST(png_reader_reads_every_colour_type)
{
    static const png_case cases[] = {
        {"rgb8", PNG_COLOR_TYPE_RGB, 8, PNG_INTERLACE_NONE, 0, 0},
        {"rgba8", PNG_COLOR_TYPE_RGB_ALPHA, 8, PNG_INTERLACE_NONE, 0, 1},
        {"grey8", PNG_COLOR_TYPE_GRAY, 8, PNG_INTERLACE_NONE, 11811, 0},
        {"greyalpha8", PNG_COLOR_TYPE_GRAY_ALPHA, 8, PNG_INTERLACE_NONE, 0, 1},
        {"grey1", PNG_COLOR_TYPE_GRAY, 1, PNG_INTERLACE_NONE, 0, 0},
        {"grey4", PNG_COLOR_TYPE_GRAY, 4, PNG_INTERLACE_NONE, 0, 0},
        {"palette4", PNG_COLOR_TYPE_PALETTE, 4, PNG_INTERLACE_NONE, 5906, 1},
        {"palette8_adam7", PNG_COLOR_TYPE_PALETTE, 8, PNG_INTERLACE_ADAM7, 0, 1},
        {"rgb16", PNG_COLOR_TYPE_RGB, 16, PNG_INTERLACE_NONE, 3937, 1},
        {"grey16", PNG_COLOR_TYPE_GRAY, 16, PNG_INTERLACE_NONE, 0, 1},
        {"rgba16_adam7", PNG_COLOR_TYPE_RGB_ALPHA, 16, PNG_INTERLACE_ADAM7, 0, 2},
        {"rgb8_adam7", PNG_COLOR_TYPE_RGB, 8, PNG_INTERLACE_ADAM7, 0, 0},
    };
    uint32_t w = 13, h = 9;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const png_case *pc = &cases[i];
        char path[512];
        /* An extension that lies: the content decides. */
        snprintf(path, sizeof path, "%s/%s.jpg", dir, pc->name);
        write_case_png(path, pc, w, h);
        canting_image *img = load_ok(path);
        ck_assert_uint_eq(img->width_px, w);
        ck_assert_uint_eq(img->height_px, h);
        /* pHYs within half a pixel per metre of a whole dpi reads as that dpi */
        double dpi = pc->ppm * 0.0254;
        ck_assert_double_eq_tol(img->dpi, fabs(dpi - round(dpi)) <= 0.0127 ? round(dpi) : dpi, 1e-9);
        for (uint32_t y = 0; y < h; y++)
            for (uint32_t x = 0; x < w; x++) {
                unsigned s[4], want[3];
                case_pixel(pc, x, y, s, want);
                for (int c = 0; c < 3; c++) {
                    int got = img->rgb[y * img->stride + 3 * x + c];
                    ck_assert_msg(abs(got - (int)want[c]) <= pc->tolerance, "%s (%u, %u)[%d] is %d, expected %u",
                                  pc->name, x, y, c, got, want[c]);
                }
            }
        canting_image_free(img);
    }
}
END_TEST

/* ---- bad files ----------------------------------------------------------------- */

static const png_case plain_rgb = {"rgb8", PNG_COLOR_TYPE_RGB, 8, PNG_INTERLACE_NONE, 3937, 0};

static uint8_t *valid_png(size_t *len)
{
    char path[512];
    write_case_png(in_dir(path, "valid.png"), &plain_rgb, 40, 30);
    return read_bytes(path, len);
}

static uint8_t *valid_jpeg(size_t *len)
{
    char path[512];
    size_t stride;
    uint8_t *px = gradient(40, 30, 3, &stride);
    ct_jpeg_spec spec = {40, 30, 3, 150, 90};
    write_jpeg(in_dir(path, "valid.jpg"), px, stride, &spec);
    free(px);
    return read_bytes(path, len);
}

static void expect_cut(const uint8_t *bytes, size_t cut, canting_status want)
{
    char path[512];
    write_bytes(in_dir(path, "cut"), bytes, cut);
    expect_load(path, NULL, want);
    canting_error err;
    canting_image *img;
    canting_image_load(path, NULL, &img, &err);
    ck_assert_str_eq(err.file, path);  /* the message names the file */
}

START_TEST(truncated_files_are_malformed)
{
    size_t len;
    uint8_t *png = valid_png(&len);
    size_t png_cuts[] = {8, 20, 33, len / 2, len - 12, len - 1};
    for (size_t i = 0; i < sizeof png_cuts / sizeof png_cuts[0]; i++)
        expect_cut(png, png_cuts[i], CANTING_EFORMAT);
    png[len / 2] ^= 0x55;  /* inside IDAT: its CRC no longer matches */
    expect_cut(png, len, CANTING_EFORMAT);
    free(png);
    uint8_t *jpeg = valid_jpeg(&len);
    size_t jpeg_cuts[] = {2, 3, 20, len / 2, len - 2, len - 1};
    for (size_t i = 0; i < sizeof jpeg_cuts / sizeof jpeg_cuts[0]; i++)
        expect_cut(jpeg, jpeg_cuts[i], CANTING_EFORMAT);
    free(jpeg);
}
END_TEST

START_TEST(garbage_is_malformed)
{
    uint8_t bytes[4096] = {0};
    uint32_t seed = 12345;
    expect_cut(bytes, 0, CANTING_EFORMAT);
    canting_error err;
    canting_image *img;
    canting_image_load(dir, NULL, &img, &err);  /* a folder */
    ck_assert_int_eq(err.status, CANTING_EIO);
    for (int round = 0; round < 20; round++) {
        for (size_t i = 0; i < sizeof bytes; i++)
            bytes[i] = next_byte(&seed);
        expect_cut(bytes, sizeof bytes, CANTING_EFORMAT);
        memcpy(bytes, "\x89PNG\r\n\x1a\n", 8);
        expect_cut(bytes, sizeof bytes, CANTING_EFORMAT);
        memcpy(bytes, "\xff\xd8\xff", 3);
        expect_cut(bytes, sizeof bytes, CANTING_EFORMAT);
    }
    char path[512];
    expect_load(in_dir(path, "absent.png"), NULL, CANTING_EIO);
    ck_assert_int_eq(canting_image_load(NULL, NULL, &img, &err), CANTING_EARG);
    ck_assert_int_eq(canting_image_load(path, NULL, NULL, &err), CANTING_EARG);
    canting_image_free(NULL);
    ck_assert_uint_eq(canting_image_width_px(NULL), 0);
}
END_TEST

static uint32_t crc32_of(const uint8_t *bytes, size_t len)
{
    uint32_t crc = 0xffffffffu;
    for (size_t i = 0; i < len; i++) {
        crc ^= bytes[i];
        for (int k = 0; k < 8; k++)
            crc = crc >> 1 ^ (0xedb88320u & (0u - (crc & 1)));
    }
    return ~crc;
}

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* A PNG that is all header: signature, an 8-bit RGB IHDR claiming w x h,
 * and the start of an empty IDAT, which is where a reader learns the size
 * (libpng would refuse to write such an image at all). */
static void write_png_header(const char *path, uint32_t w, uint32_t h)
{
    uint8_t b[8 + 25 + 12] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    put_be32(b + 8, 13);
    memcpy(b + 12, "IHDR", 4);
    put_be32(b + 16, w);
    put_be32(b + 20, h);
    b[24] = 8;  /* bit depth */
    b[25] = 2;  /* RGB */
    put_be32(b + 29, crc32_of(b + 12, 17));
    memcpy(b + 37, "IDAT", 4);
    put_be32(b + 41, crc32_of(b + 37, 4));
    write_bytes(path, b, sizeof b);
}

/* Sets the height and width in a JPEG's SOF0 segment. */
static void patch_jpeg_size(uint8_t *bytes, size_t len, uint16_t w, uint16_t h)
{
    for (size_t i = 0; i + 9 < len; i++)
        if (bytes[i] == 0xff && bytes[i + 1] == 0xc0) {
            bytes[i + 5] = (uint8_t)(h >> 8);
            bytes[i + 6] = (uint8_t)h;
            bytes[i + 7] = (uint8_t)(w >> 8);
            bytes[i + 8] = (uint8_t)w;
            return;
        }
    ck_abort_msg("no SOF0");
}

START_TEST(huge_images_are_refused_before_allocation)
{
    char path[512];
    canting_error err;
    canting_image *img;
    write_png_header(in_dir(path, "huge.png"), 100000, 100000);
    expect_load(path, NULL, CANTING_ELIMIT);
    canting_image_load(path, NULL, &img, &err);
    ck_assert_ptr_nonnull(strstr(err.message, "100000 x 100000"));
    canting_limits lots;
    canting_limits_init(&lots);
    lots.max_tile_pixels = UINT64_MAX;
    write_png_header(path, 2000000, 1);
    expect_load(path, &lots, CANTING_ELIMIT);
    canting_image_load(path, &lots, &img, &err);
    ck_assert_ptr_nonnull(strstr(err.message, "a side is longer"));

    size_t len;
    uint8_t *jpeg = valid_jpeg(&len);
    patch_jpeg_size(jpeg, len, 60000, 60000);
    write_bytes(in_dir(path, "huge.jpg"), jpeg, len);
    expect_load(path, NULL, CANTING_ELIMIT);
    patch_jpeg_size(jpeg, len, 40, 0);
    write_bytes(path, jpeg, len);
    expect_load(path, NULL, CANTING_EFORMAT);
    free(jpeg);

    /* The limit is inclusive. */
    write_case_png(in_dir(path, "ten.png"), &plain_rgb, 10, 10);
    canting_limits small;
    canting_limits_init(&small);
    small.max_tile_pixels = 99;
    expect_load(path, &small, CANTING_ELIMIT);
    small.max_tile_pixels = 100;
    ck_assert_int_eq(canting_image_load(path, &small, &img, &err), CANTING_OK);
    canting_image_free(img);
}
END_TEST

/* Rows deflated in many pieces on several threads, whole periods copied,
 * a tail after the last whole period: libpng reads every pixel back. */
static void periodic_round_trip(uint32_t w, uint32_t h, uint32_t period, int compression)
{
    char path[512];
    size_t stride = (size_t)w * 3;
    uint8_t *px = malloc(stride * h);
    uint32_t seed = 12345;
    for (uint32_t y = 0; y < h; y++)
        for (size_t i = 0; i < stride; i++) {
            if (period && y >= period)
                px[y * stride + i] = px[(y % period) * stride + i];
            else
                px[y * stride + i] = (uint8_t)((seed = seed * 1103515245u + 12345u) >> 24) & 0xf0;
        }
    ct_png_spec spec = {.width_px = w, .height_px = h, .channels = 3, .dpi = 100, .compression = compression,
                        .period_rows = period};
    ct_png_writer *pw;
    canting_error err;
    ck_assert_int_eq(ct_png_open(in_dir(path, "period.png"), &spec, &pw, &err), CANTING_OK);
    for (uint32_t y = 0; y < h; y += 7) {
        uint32_t n = h - y < 7 ? h - y : 7;
        const uint8_t *rows = ct_png_rows_needed(pw, n) ? px + (size_t)y * stride : NULL;
        ck_assert_int_eq(ct_png_write_rows(pw, rows, stride, n, &err), CANTING_OK);
    }
    ck_assert_int_eq(ct_png_finish(pw, &err), CANTING_OK);
    tu_png png;
    ck_assert(tu_png_read(path, &png));
    ck_assert_uint_eq(png.width, w);
    ck_assert_uint_eq(png.height, h);
    ck_assert_int_eq(memcmp(png.pixels, px, stride * h), 0);
    tu_png_free(&png);
    free(px);
}

START_TEST(png_pieces_and_periods_read_back_exactly)
{
    periodic_round_trip(20000, 200, 50, 3);  /* 17 rows a piece: pieces, copies and a tail */
    periodic_round_trip(20000, 200, 0, 3);   /* no period: pieces only */
    periodic_round_trip(20000, 130, 64, 0);  /* stored blocks, one copy and a tail */
    periodic_round_trip(1, 300, 7, 6);       /* one pixel wide: thousands of rows a piece */
    periodic_round_trip(5000, 100, 100, 3);  /* a period as tall as the image: nothing to copy */
}
END_TEST

int main(void)
{
    const TTest *tests[] = {
        jpeg_round_trip,
        jpeg_refuses_bad_specs,
        jpeg_row_count_is_checked,
        jpeg_abandon_and_failed_open_leave_nothing,
        jpeg_density_in_dots_per_cm_and_none,
        jpeg_progressive_loads,
        jpeg_with_too_many_scans_is_refused,
        jpeg_cmyk_becomes_rgb,
        palette_png_round_trip,
        palette_png_refuses_bad_specs,
        palette_from_rgb_counts_colours,
        png_reader_reads_every_colour_type,
        truncated_files_are_malformed,
        garbage_is_malformed,
        huge_images_are_refused_before_allocation,
        png_pieces_and_periods_read_back_exactly,
    };
    return tu_main("io", tests, sizeof tests / sizeof tests[0], 60, setup, teardown);
}
