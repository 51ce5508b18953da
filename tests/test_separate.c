/* test_separate.c: nearest-ink separation (Lab, every SIMD kernel against
 * the scalar reference, ties, threads), palettes, palette suggestion, and a
 * motif's separation sheets: they recombine to the proof, 1-bit films
 * partition the artwork, marks stand at the same place on every sheet. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include "testutil.h"

#include "io/marks.h"
#include "separate/lab.h"
#include "separate/nearest.h"

#include <check.h>
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static const char probe[] = "motif probe\n"
                            "inks\n"
                            "  cloth #f0e0c0\n"
                            "  soga #804020\n"
                            "  indigo #102040\n"
                            "  merah #a3261f\n"
                            "colourway night { cloth: #000000 soga: #ffffff }\n"
                            "repeat 10mm x 8mm\n"
                            "draw\n"
                            "  petal at (-2mm, 1mm) length 5mm width 2mm rotate 30deg fill soga\n"
                            "  circle r 1mm at (3mm, -2mm) fill indigo\n"
                            "  circle r 1.4mm at (2mm, 2mm) fill merah stroke indigo 0.3mm\n"
                            "  rect width 2mm height 1mm at (5mm, 0) fill indigo\n";


/* xorshift, so the random images are the same on every run */
static uint32_t rng_state = 2463534242u;
static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* ---- Lab ---------------------------------------------------------------------------- */

static void lab_reference(const uint8_t rgb[3], double out[3])
{
    double lin[3], xyz[3];
    for (int c = 0; c < 3; c++) {
        double v = rgb[c] / 255.0;
        lin[c] = v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
    }
    xyz[0] = (0.4124564 * lin[0] + 0.3575761 * lin[1] + 0.1804375 * lin[2]) / 0.95047;
    xyz[1] = 0.2126729 * lin[0] + 0.7151522 * lin[1] + 0.0721750 * lin[2];
    xyz[2] = (0.0193339 * lin[0] + 0.1191920 * lin[1] + 0.9503041 * lin[2]) / 1.08883;
    double f[3];
    for (int c = 0; c < 3; c++)
        f[c] = xyz[c] > 216.0 / 24389 ? cbrt(xyz[c]) : xyz[c] * 24389.0 / 27 / 116 + 16.0 / 116;
    out[0] = 116 * f[1] - 16;
    out[1] = 500 * (f[0] - f[1]);
    out[2] = 200 * (f[1] - f[2]);
}

START_TEST(lab_agrees_with_the_textbook)
{
    const float *lin = ct_lab_linear_table();
    for (int i = 0; i < 20000; i++) {
        uint8_t rgb[3] = {(uint8_t)rnd(), (uint8_t)rnd(), (uint8_t)rnd()};
        if (i < 256)
            rgb[0] = rgb[1] = rgb[2] = (uint8_t)i; /* every grey, black and white among them */
        float lab[3];
        double ref[3];
        ct_lab_from_rgb(lin, rgb[0], rgb[1], rgb[2], lab);
        lab_reference(rgb, ref);
        for (int c = 0; c < 3; c++)
            ck_assert_msg(fabs(lab[c] - ref[c]) < 5e-3, "#%02x%02x%02x channel %d: %g, expected %g", rgb[0], rgb[1],
                          rgb[2], c, lab[c], ref[c]);
    }
    float white[3];
    ct_lab_from_rgb(lin, 255, 255, 255, white);
    ck_assert(fabs(white[0] - 100) < 1e-3 && fabs(white[1]) < 1e-2 && fabs(white[2]) < 1e-2);
}
END_TEST

/* ---- the kernels ---------------------------------------------------------------------- */

/* n bytes ending right before a page that faults, so a kernel reading or
 * writing one byte too far crashes instead of passing. */
typedef struct guarded {
    uint8_t *base, *p;
    size_t len;
} guarded;

static guarded guarded_new(size_t n)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE), data = (n + page - 1) / page * page;
    guarded g = {NULL, NULL, data + page};
    g.base = mmap(NULL, g.len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ck_assert(g.base != MAP_FAILED);
    ck_assert_int_eq(mprotect(g.base + data, page, PROT_NONE), 0);
    g.p = g.base + data - n;
    return g;
}

static void guarded_free(guarded *g)
{
    munmap(g->base, g->len);
}

static void random_palette(ct_ink_lab *lab, canting_palette *p, size_t count)
{
    memset(p, 0, sizeof *p);
    p->count = count;
    for (size_t i = 0; i < count; i++) {
        for (int c = 0; c < 3; c++)
            p->rgb[i][c] = (uint8_t)rnd();
        if (i > 0 && rnd() % 5 == 0) /* duplicates: ties the kernels must break alike */
            memcpy(p->rgb[i], p->rgb[rnd() % i], 3);
    }
    ct_ink_lab_from_palette(p, lab);
}

/* Every kernel on the same n pixels at byte offset `shift`, output at
 * offset `oshift`, against the scalar reference. */
static void compare_kernels(size_t n, size_t shift, size_t oshift, const ct_ink_lab *lab, int ink_pixels,
                            const canting_palette *p)
{
    guarded in = guarded_new(3 * n + shift);
    uint8_t *rgb = in.p + shift;
    for (size_t i = 0; i < 3 * n; i++)
        rgb[i] = (uint8_t)rnd();
    for (size_t i = 0; ink_pixels && i < n; i += 1 + rnd() % 3) /* pixels on an ink: exact ties */
        memcpy(rgb + 3 * i, p->rgb[rnd() % p->count], 3);
    uint8_t *want = malloc(n ? n : 1);
    ct_nearest_scalar(rgb, n, lab, want);
    size_t count;
    const ct_nearest_impl *impls = ct_nearest_available(&count);
    for (size_t k = 1; k < count; k++) {
        guarded out = guarded_new(n + oshift);
        impls[k].classify(rgb, n, lab, out.p + oshift);
        ck_assert_msg(n == 0 || memcmp(want, out.p + oshift, n) == 0, "%s differs from scalar: n=%zu shift=%zu",
                      impls[k].name, n, shift);
        guarded_free(&out);
    }
    free(want);
    guarded_free(&in);
}

START_TEST(simd_equals_scalar_byte_for_byte)
{
    size_t count;
    ct_nearest_available(&count);
    if (count < 2)
        fprintf(stderr, "note: only the scalar kernel runs here (CANTING_DISABLE_SIMD or an old CPU)\n");
    /* 400 random rounds; 40 under valgrind, which checks memory, not volume */
    int rounds = getenv("CANTING_VALGRIND") ? 40 : 400;
    for (int round = 0; round < rounds; round++) {
        ct_ink_lab lab;
        canting_palette p;
        random_palette(&lab, &p, 1 + rnd() % CANTING_MAX_INKS);
        size_t n = round < 40 ? (size_t)round : rnd() % 300; /* 0 and 1 wide, odd widths, tails */
        compare_kernels(n, rnd() % 32, rnd() % 32, &lab, round % 2, &p);
    }
    ct_ink_lab lab;
    canting_palette p;
    random_palette(&lab, &p, 6);
    compare_kernels(4096 * 64 + 3, 1, 7, &lab, 0, &p);
}
END_TEST

START_TEST(ties_go_to_the_lowest_index)
{
    canting_palette p;
    ck_assert_int_eq(canting_palette_parse("#336699,#aa2200,#336699,#aa2200,#ffffff", &p, NULL), CANTING_OK);
    ct_ink_lab lab;
    ct_ink_lab_from_palette(&p, &lab);
    uint8_t rgb[3 * 37];
    for (int i = 0; i < 37; i++)
        memcpy(rgb + 3 * i, p.rgb[i % 5], 3);
    size_t count;
    const ct_nearest_impl *impls = ct_nearest_available(&count);
    for (size_t k = 0; k < count; k++) {
        uint8_t idx[37];
        impls[k].classify(rgb, 37, &lab, idx);
        for (int i = 0; i < 37; i++)
            ck_assert_msg(idx[i] == (uint8_t)(i % 5 == 2 ? 0 : i % 5 == 3 ? 1 : i % 5), "%s: pixel %d got ink %d",
                          impls[k].name, i, idx[i]);
    }
}
END_TEST

/* Worked out by hand in docs/separation.md: mid grey splits at L* = 50, not
 * at RGB 127.5, and magenta is nearer blue than red in CIELAB (in RGB it is
 * equally far from both). */
START_TEST(hand_computed_cases)
{
    canting_palette bw, rb;
    ck_assert_int_eq(canting_palette_parse("black=#000000,white=#ffffff", &bw, NULL), CANTING_OK);
    ck_assert_int_eq(canting_palette_parse("#ff0000,#0000ff", &rb, NULL), CANTING_OK);
    const uint8_t greys[] = {118, 118, 118, 119, 119, 119};
    const uint8_t magenta[] = {255, 0, 255};
    uint8_t idx[2] = {9, 9}, m = 9;
    ck_assert_int_eq(canting_nearest_ink(greys, 6, 2, 1, &bw, idx, 2, 1, NULL), CANTING_OK);
    ck_assert_int_eq(idx[0], 0); /* L* 49.65: nearer black */
    ck_assert_int_eq(idx[1], 1); /* L* 50.04: nearer white */
    ck_assert_int_eq(canting_nearest_ink(magenta, 3, 1, 1, &rb, &m, 1, 1, NULL), CANTING_OK);
    ck_assert_int_eq(m, 1); /* dE76 to blue 57.8, to red 129.5 */
}
END_TEST

START_TEST(threads_do_not_change_the_result)
{
    enum { W = 333, H = 77 };
    static uint8_t rgb[W * 3 * H], want[W * H], got[W * H + 5 * H];
    for (size_t i = 0; i < sizeof rgb; i++)
        rgb[i] = (uint8_t)rnd();
    canting_palette p;
    ck_assert_int_eq(canting_palette_parse("#f2e8d5,#7a4a22,#1f2a44,#a3261f,#5b6b2c,#d9a23a", &p, NULL), CANTING_OK);
    ct_ink_lab lab;
    ct_ink_lab_from_palette(&p, &lab);
    for (int y = 0; y < H; y++)
        ct_nearest_scalar(rgb + y * W * 3, W, &lab, want + y * W);
    const unsigned counts[] = {1, 2, 3, 7, 0};
    for (size_t t = 0; t < sizeof counts / sizeof counts[0]; t++) {
        memset(got, 0, sizeof got);
        ck_assert_int_eq(canting_nearest_ink(rgb, W * 3, W, H, &p, got, W + 5, counts[t], NULL), CANTING_OK);
        for (int y = 0; y < H; y++)
            ck_assert(memcmp(got + y * (W + 5), want + y * W, W) == 0);
    }
}
END_TEST

/* ---- palettes ------------------------------------------------------------------------- */

START_TEST(palettes_are_read_and_written)
{
    canting_palette p;
    canting_error err;
    char buf[256];
    ck_assert_int_eq(canting_palette_parse(" #f2e8d5, soga=#7A4A22  #123 ", &p, &err), CANTING_OK);
    ck_assert_uint_eq(p.count, 3);
    ck_assert_str_eq(p.name[0], "cloth");
    ck_assert_str_eq(p.name[1], "soga");
    ck_assert_str_eq(p.name[2], "ink2");
    ck_assert_int_eq(p.rgb[1][0], 0x7a);
    ck_assert_int_eq(p.rgb[2][2], 0x33);
    ck_assert_str_eq(canting_palette_format(&p, buf, sizeof buf), "#f2e8d5,#7a4a22,#112233");
    const char *bad[] = {"", "#12345", "f2e8d5", "a b=#fff", "x=#fff,x=#000", "=#fff", "#ggg"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(canting_palette_parse(bad[i], &p, &err) != CANTING_OK, "accepted '%s'", bad[i]);
    char many[2048] = "";
    for (int i = 0; i < CANTING_MAX_INKS + 1; i++)
        strcat(many, "#000000,");
    ck_assert_int_eq(canting_palette_parse(many, &p, &err), CANTING_ELIMIT);
}
END_TEST

/* canting_image comes from a file, so the test image is written as one. */
static void write_rgb_png(const char *path, const uint8_t *rgb, uint32_t w, uint32_t h)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    ck_assert(png && info && !setjmp(png_jmpbuf(png)));
    png_init_io(png, f);
    png_set_IHDR(png, info, w, h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (uint32_t y = 0; y < h; y++)
        png_write_row(png, rgb + (size_t)y * w * 3);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    fclose(f);
}

/* An image made from four known inks (in blocks of different sizes, with a
 * little noise) gives those four inks back, lightest first. */
START_TEST(suggested_palette_recovers_known_inks)
{
    static const uint8_t inks[4][3] = {{0x1f, 0x2a, 0x44}, {0xf2, 0xe8, 0xd5}, {0xa3, 0x26, 0x1f}, {0x7a, 0x8a, 0x32}};
    enum { W = 240, H = 160 };
    static uint8_t rgb[W * H * 3];
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            int which = x < 110 ? (y < 100 ? 1 : 0) : (x < 190 ? 2 : 3);
            for (int c = 0; c < 3; c++) {
                int v = inks[which][c] + (int)(rnd() % 5) - 2;
                rgb[(y * W + x) * 3 + c] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
            }
        }
    char path[512];
    snprintf(path, sizeof path, "%s", tu_scratch("four.png"));
    canting_image *img = NULL;
    write_rgb_png(path, rgb, W, H);
    ck_assert_int_eq(canting_image_load(path, NULL, &img, NULL), CANTING_OK);
    canting_palette p, again;
    double shares[4];
    ck_assert_int_eq(canting_palette_suggest(img, 4, &p, shares, NULL), CANTING_OK);
    ck_assert_uint_eq(p.count, 4);
    const float *lin = ct_lab_linear_table();
    for (size_t i = 0; i < 4; i++) {
        float a[3], b[3], best = 1e9f;
        ct_lab_from_rgb(lin, p.rgb[i][0], p.rgb[i][1], p.rgb[i][2], a);
        for (int k = 0; k < 4; k++) {
            ct_lab_from_rgb(lin, inks[k][0], inks[k][1], inks[k][2], b);
            float d = sqrtf(ct_lab_de2(a[0], a[1], a[2], b[0], b[1], b[2]));
            best = d < best ? d : best;
        }
        ck_assert_msg(best < 1.0f, "ink %zu #%02x%02x%02x is dE %g from every known ink", i, p.rgb[i][0],
                      p.rgb[i][1], p.rgb[i][2], best);
        if (i > 0)
            ck_assert(shares[i] > 0.1);
    }
    ck_assert_str_eq(p.name[0], "cloth");
    ck_assert(abs(p.rgb[0][0] - 0xf2) <= 1 && abs(p.rgb[3][2] - 0x44) <= 1); /* lightest first, darkest last */
    ck_assert_int_eq(canting_palette_suggest(img, 4, &again, NULL, NULL), CANTING_OK);
    ck_assert(memcmp(&p, &again, sizeof p) == 0); /* the same every time */
    ck_assert_int_eq(canting_palette_suggest(img, 0, &p, NULL, NULL), CANTING_ERANGE);
    canting_image_free(img);
}
END_TEST

/* ---- a motif's sheets ------------------------------------------------------------------- */

/* Wide enough for the label to fit beside the middle target. */
static void separate(canting_motif *m, int bits, int marks, int cloth, const char *prefix)
{
    canting_separate_options o;
    canting_separate_options_init(&o);
    o.render.dpi = 200;
    o.render.layout = "half-drop";
    o.render.width_mm = 83;
    o.render.height_mm = 17;
    o.bits = bits;
    o.marks = marks;
    o.cloth_sheet = cloth;
    canting_error err;
    char buf[1024];
    ck_assert_msg(canting_separate_motif(m, &o, tu_scratch(prefix), &err) == CANTING_OK, "%s",
                  canting_error_format(&err, buf, sizeof buf));
}

static void read_sheet(const char *prefix, const char *ink, tu_png *png)
{
    char name[256];
    snprintf(name, sizeof name, "%s-%s.png", prefix, ink);
    ck_assert_msg(tu_png_read(tu_scratch(name), png), "cannot read %s", name);
    ck_assert_int_eq(png->channels, 1);
}

START_TEST(separations_recombine_to_the_proof)
{
    canting_motif *m = tu_motif(probe);
    canting_render_options o;
    canting_render_options_init(&o);
    o.dpi = 200;
    o.layout = "half-drop";
    o.width_mm = 83;
    o.height_mm = 17;
    ck_assert_int_eq(canting_render_file(m, &o, tu_scratch("proof.png"), NULL), CANTING_OK);
    separate(m, 8, 0, 0, "s8");
    tu_png proof, sheet[4];
    ck_assert(tu_png_read(tu_scratch("proof.png"), &proof));
    canting_palette p;
    ck_assert_int_eq(canting_palette_from_motif(m, &p, NULL), CANTING_OK);
    for (size_t i = 1; i < p.count; i++) {
        read_sheet("s8", p.name[i], &sheet[i]);
        ck_assert_uint_eq(sheet[i].width, proof.width);
        ck_assert_uint_eq(sheet[i].height, proof.height);
        ck_assert_uint_eq(sheet[i].ppm_x, proof.ppm_x);
    }
    size_t inked = 0;
    for (size_t px = 0; px < (size_t)proof.width * proof.height; px++) {
        unsigned acc[3] = {0, 0, 0}, total = 0;
        for (size_t i = 1; i < p.count; i++) {
            unsigned a = 255u - sheet[i].pixels[px];
            total += a;
            for (int c = 0; c < 3; c++)
                acc[c] += a * p.rgb[i][c];
        }
        ck_assert_uint_le(total, 255);
        inked += total > 0;
        for (int c = 0; c < 3; c++) /* the composite rule of the proof, exactly */
            ck_assert_uint_eq(proof.pixels[3 * px + c], (acc[c] + (255 - total) * p.rgb[0][c] + 127) / 255);
    }
    ck_assert(inked > 1000);
    for (size_t i = 1; i < p.count; i++)
        tu_png_free(&sheet[i]);
    tu_png_free(&proof);
    canting_motif_free(m);
}
END_TEST

static int png_bit_depth(const char *path)
{
    uint8_t head[25] = {0};
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fread(head, 1, sizeof head, f), sizeof head);
    fclose(f);
    return head[24];
}

START_TEST(films_partition_the_artwork)
{
    canting_motif *m = tu_motif(probe);
    separate(m, 1, 0, 1, "s1");
    separate(m, 8, 0, 1, "s8");
    canting_palette p;
    ck_assert_int_eq(canting_palette_from_motif(m, &p, NULL), CANTING_OK);
    tu_png film[4], grey[4];
    for (size_t i = 0; i < p.count; i++) {
        char name[64];
        snprintf(name, sizeof name, "s1-%s.png", p.name[i]);
        ck_assert_int_eq(png_bit_depth(tu_scratch(name)), 1);
        read_sheet("s1", p.name[i], &film[i]);
        read_sheet("s8", p.name[i], &grey[i]);
    }
    size_t n = (size_t)film[0].width * film[0].height;
    for (size_t px = 0; px < n; px++) {
        int black = 0;
        size_t which = 0, most = 0;
        unsigned best = 0;
        for (size_t i = 0; i < p.count; i++) {
            ck_assert(film[i].pixels[px] == 0 || film[i].pixels[px] == 255);
            if (film[i].pixels[px] == 0) {
                black++;
                which = i;
            }
            unsigned cov = 255u - grey[i].pixels[px];
            if (cov > best || i == 0) {
                best = cov;
                most = i;
            }
        }
        ck_assert_msg(black == 1, "pixel %zu is black on %d films", px, black);
        ck_assert_uint_eq(which, most); /* the ink of largest coverage, ties to the lowest index */
    }
    for (size_t i = 0; i < p.count; i++) {
        tu_png_free(&film[i]);
        tu_png_free(&grey[i]);
    }
    canting_motif_free(m);
}
END_TEST

static int in_box(const ct_box *b, uint32_t x, uint32_t y)
{
    return x >= b->x && x < b->x + b->w && y >= b->y && y < b->y + b->h;
}

START_TEST(marks_stand_at_the_same_place_on_every_sheet)
{
    canting_motif *m = tu_motif(probe);
    ck_assert_int_eq(canting_motif_set_colourway(m, "night", NULL), CANTING_OK);
    separate(m, 1, 1, 1, "mk");
    separate(m, 1, 0, 1, "plain");
    canting_palette p;
    ck_assert_int_eq(canting_palette_from_motif(m, &p, NULL), CANTING_OK);
    tu_png sheet[4], bare;
    for (size_t i = 0; i < p.count; i++)
        read_sheet("mk", p.name[i], &sheet[i]);
    read_sheet("plain", p.name[1], &bare);
    ct_marks mk;
    ck_assert_int_eq(ct_marks_layout(bare.width, bare.height, 200, 1, &mk, NULL), CANTING_OK);
    ck_assert_uint_eq(sheet[0].width, mk.sheet_w);
    ck_assert_uint_eq(sheet[0].height, mk.sheet_h);
    ck_assert_uint_ge(mk.margin, 48);
    size_t marks_black = 0, label_black = 0;
    for (uint32_t y = 0; y < mk.sheet_h; y++)
        for (uint32_t x = 0; x < mk.sheet_w; x++) {
            size_t at = (size_t)y * mk.sheet_w + x;
            int art = x >= mk.margin && y >= mk.margin && x < mk.margin + mk.art_w && y < mk.margin + mk.art_h;
            if (art) { /* the artwork is the sheet without marks */
                ck_assert_uint_eq(sheet[1].pixels[at], bare.pixels[(size_t)(y - mk.margin) * bare.width + x - mk.margin]);
                continue;
            }
            if (in_box(&mk.label, x, y) || in_box(&mk.footer, x, y)) {
                label_black += sheet[1].pixels[at] == 0;
                continue; /* each sheet names its own ink there */
            }
            marks_black += sheet[0].pixels[at] == 0;
            for (size_t i = 1; i < p.count; i++)
                ck_assert_msg(sheet[i].pixels[at] == sheet[0].pixels[at], "sheet %zu differs at (%u, %u)", i, x, y);
        }
    ck_assert(marks_black > 200);
    ck_assert(label_black > 20);
    for (int t = 0; t < 4; t++) /* the targets' centres */
        ck_assert_int_eq(sheet[2].pixels[(size_t)mk.target_y[t] * mk.sheet_w + mk.target_x[t]], 0);
    for (size_t i = 0; i < p.count; i++)
        tu_png_free(&sheet[i]);
    tu_png_free(&bare);
    canting_motif_free(m);
}
END_TEST

START_TEST(raster_art_separates_to_its_nearest_inks)
{
    canting_motif *m = tu_motif(probe);
    canting_render_options o;
    canting_render_options_init(&o);
    o.dpi = 150;
    ck_assert_int_eq(canting_render_file(m, &o, tu_scratch("art.png"), NULL), CANTING_OK);
    canting_image *img = NULL;
    ck_assert_int_eq(canting_image_load(tu_scratch("art.png"), NULL, &img, NULL), CANTING_OK);
    canting_palette p;
    ck_assert_int_eq(canting_palette_from_motif(m, &p, NULL), CANTING_OK);
    canting_separate_options so;
    canting_separate_options_init(&so);
    so.render.dpi = 0; /* the art's own */
    so.bits = 1;
    so.cloth_sheet = 1;
    ck_assert_int_eq(canting_separate_image(img, &p, &so, tu_scratch("r"), NULL), CANTING_OK);
    tu_png art, sheet[4];
    ck_assert(tu_png_read(tu_scratch("art.png"), &art));
    for (size_t i = 0; i < p.count; i++) {
        read_sheet("r", p.name[i], &sheet[i]);
        ck_assert_uint_eq(sheet[i].ppm_x, art.ppm_x);
    }
    size_t n = (size_t)art.width * art.height, pure = 0;
    uint8_t *idx = malloc(n);
    ck_assert_int_eq(canting_nearest_ink(art.pixels, 3 * art.width, art.width, art.height, &p, idx, art.width, 0, NULL),
                     CANTING_OK);
    for (size_t px = 0; px < n; px++) {
        for (size_t i = 0; i < p.count; i++) {
            ck_assert_int_eq(sheet[i].pixels[px] == 0, idx[px] == i);
            if (!memcmp(art.pixels + 3 * px, p.rgb[i], 3)) {
                ck_assert_uint_eq(idx[px], i); /* an ink's own colour goes to that ink */
                pure++;
            }
        }
    }
    ck_assert(pure > n / 2);
    free(idx);
    for (size_t i = 0; i < p.count; i++)
        tu_png_free(&sheet[i]);
    tu_png_free(&art);
    canting_image_free(img);
    canting_motif_free(m);
}
END_TEST

START_TEST(bad_arguments_are_refused)
{
    canting_motif *m = tu_motif(probe);
    canting_separate_options o;
    canting_separate_options_init(&o);
    canting_error err;
    o.bits = 4;
    ck_assert_int_eq(canting_separate_motif(m, &o, tu_scratch("x"), &err), CANTING_ERANGE);
    o.bits = 8;
    ck_assert_int_eq(canting_separate_motif(m, &o, NULL, &err), CANTING_EARG);
    ck_assert_int_eq(canting_separate_motif(NULL, &o, tu_scratch("x"), &err), CANTING_EARG);
    o.render.layout = "zigzag";
    ck_assert_int_eq(canting_separate_motif(m, &o, tu_scratch("x"), &err), CANTING_EARG);
    ck_assert_int_eq(access(tu_scratch("x-soga.png"), F_OK), -1);
    o.render.layout = NULL;
    char nodir[600];
    snprintf(nodir, sizeof nodir, "%s", tu_scratch("no/such/folder/x"));
    ck_assert_int_eq(canting_separate_motif(m, &o, nodir, &err), CANTING_EIO);
    canting_motif_free(m);
}
END_TEST

int main(void)
{
    const TTest *tests[] = {
        lab_agrees_with_the_textbook,
        simd_equals_scalar_byte_for_byte,
        ties_go_to_the_lowest_index,
        hand_computed_cases,
        threads_do_not_change_the_result,
        palettes_are_read_and_written,
        suggested_palette_recovers_known_inks,
        separations_recombine_to_the_proof,
        films_partition_the_artwork,
        marks_stand_at_the_same_place_on_every_sheet,
        raster_art_separates_to_its_nearest_inks,
        bad_arguments_are_refused,
    };
    return tu_main("separate", tests, sizeof tests / sizeof tests[0], 300, tu_scratch_setup, tu_scratch_teardown);
}
