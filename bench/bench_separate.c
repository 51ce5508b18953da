/*
 * bench_separate.c: nearest-ink separation throughput in Mpx/s, every
 * kernel on one thread, then the best kernel on all cores, on the same
 * 4096 x 4096 scan-like image and 6-ink palette in the same run.  The
 * kernels' outputs are compared byte for byte.  Nothing is asserted: speed
 * is reported only (bench/separate.sh puts ImageMagick beside it).
 *
 * Usage: bench_separate [--write DIR]
 *   --write DIR  also writes DIR/scan.png (the image) and DIR/palette.png
 *                (the inks, one pixel each, for ImageMagick's -remap), and
 *                prints the inks as an --inks list.
 */
#include "separate/nearest.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SIDE 4096u
#define ROUNDS 3
#define INKS "cloth=#f2e8d5,gold=#d9a23a,soga=#7a4a22,red=#a3261f,green=#5b6b2c,indigo=#1f2a44"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A scan of a dyed cloth: soft-edged regions of the six inks, each pixel
 * mixed a little with its neighbour region and given grain, so the
 * classifier sees many distinct colours as a real scan has. */
static void make_scan(uint8_t *rgb, const canting_palette *p)
{
    uint32_t s = 12345;
    for (uint32_t y = 0; y < SIDE; y++)
        for (uint32_t x = 0; x < SIDE; x++) {
            uint32_t cx = x / 97, cy = y / 131, region = (cx * 7 + cy * 13 + (cx ^ cy)) % 6;
            uint32_t other = (region + 1) % 6, edge = (x % 97) * 255 / 96;
            s = s * 1664525u + 1013904223u;
            int grain = (int)(s >> 27) - 16;
            for (int c = 0; c < 3; c++) {
                int v = (p->rgb[region][c] * (int)(255 - edge / 3) + p->rgb[other][c] * (int)(edge / 3)) / 255 + grain;
                rgb[((size_t)y * SIDE + x) * 3 + c] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
            }
        }
}

static int write_png(const char *path, const uint8_t *rgb, uint32_t w, uint32_t h)
{
    FILE *f = fopen(path, "wb");
    png_structp png = f ? png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL) : NULL;
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info || setjmp(png_jmpbuf(png))) {
        if (png)
            png_destroy_write_struct(&png, &info);
        if (f)
            fclose(f);
        return 0;
    }
    png_init_io(png, f);
    png_set_IHDR(png, info, w, h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, 1);
    png_write_info(png, info);
    for (uint32_t y = 0; y < h; y++)
        png_write_row(png, rgb + (size_t)y * w * 3);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return fclose(f) == 0;
}

/* Best of ROUNDS: Mpx/s of one kernel on `threads` threads. */
static double measure(const ct_nearest_impl *k, const uint8_t *rgb, const ct_ink_lab *lab, uint8_t *out,
                      unsigned threads)
{
    double best = 0;
    for (int r = 0; r < ROUNDS; r++) {
        double t = now_s();
        ct_nearest_rows(k, rgb, SIDE * 3, SIDE, SIDE, lab, out, SIDE, threads);
        t = now_s() - t;
        double mpx = (double)SIDE * SIDE / t / 1e6;
        best = mpx > best ? mpx : best;
    }
    return best;
}

static int write_inputs(const char *dir, const uint8_t *rgb, const canting_palette *p)
{
    char path[4096];
    uint8_t swatch[CANTING_MAX_INKS * 3];
    for (size_t i = 0; i < p->count; i++)
        memcpy(swatch + 3 * i, p->rgb[i], 3);
    snprintf(path, sizeof path, "%s/scan.png", dir);
    int ok = write_png(path, rgb, SIDE, SIDE);
    snprintf(path, sizeof path, "%s/palette.png", dir);
    ok = ok && write_png(path, swatch, (uint32_t)p->count, 1);
    if (ok)
        printf("inks %s\n", INKS);
    return ok;
}

int main(int argc, char **argv)
{
    canting_palette p;
    if (canting_palette_parse(INKS, &p, NULL) != CANTING_OK)
        return 1;
    ct_ink_lab lab;
    ct_ink_lab_from_palette(&p, &lab);
    size_t n = (size_t)SIDE * SIDE;
    uint8_t *rgb = malloc(3 * n), *want = malloc(n), *got = malloc(n);
    if (!rgb || !want || !got)
        return 1;
    make_scan(rgb, &p);
    if (argc == 3 && !strcmp(argv[1], "--write") && !write_inputs(argv[2], rgb, &p)) {
        fprintf(stderr, "bench_separate: cannot write into %s\n", argv[2]);
        return 1;
    }
    size_t count;
    const ct_nearest_impl *k = ct_nearest_available(&count);
    printf("nearest-ink separation, %ux%u px, %zu inks, Mpx/s, best of %d\n", SIDE, SIDE, p.count, ROUNDS);
    ct_nearest_rows(&k[0], rgb, SIDE * 3, SIDE, SIDE, &lab, want, SIDE, 0);
    for (size_t i = 0; i < count; i++) {
        double mpx = measure(&k[i], rgb, &lab, got, 1);
        printf("nearest %s threads=1 %.1f Mpx/s %s\n", k[i].name, mpx, memcmp(got, want, n) ? "DIFFERS" : "same bytes");
    }
    double mpx = measure(&k[count - 1], rgb, &lab, got, 0);
    printf("nearest %s threads=all %.1f Mpx/s %s\n", k[count - 1].name, mpx, memcmp(got, want, n) ? "DIFFERS" : "same bytes");
    free(rgb);
    free(want);
    free(got);
    return 0;
}
