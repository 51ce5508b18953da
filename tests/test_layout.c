/*
 * test_layout.c: every repeat layout against its formula, pixel by pixel.
 *
 * The oracle below computes each output pixel straight from the definition
 * in layout.h, in 128-bit arithmetic, independent of how layout.c reduces
 * the layouts to spans.  Tiles are seeded random bytes with padded rows.
 */
#include "repeat/layout.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef unsigned __int128 u128;

static uint64_t rng_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

typedef struct tile {
    uint8_t *px;
    uint32_t w, h;
    size_t stride;
    unsigned bpp;
} tile;

/* A random tile whose rows carry `pad` bytes of padding. */
static tile tile_new(uint32_t w, uint32_t h, unsigned bpp, size_t pad, uint64_t seed)
{
    tile t = {NULL, w, h, (size_t)w * bpp + pad, bpp};
    size_t i, n = t.stride * h;

    t.px = malloc(n);
    ck_assert_ptr_nonnull(t.px);
    for (i = 0; i < n; i++)
        t.px[i] = (uint8_t)rng_next(&seed);
    return t;
}

static const uint8_t *tile_px(const tile *t, uint64_t x, uint64_t y)
{
    return t->px + y * t->stride + x * t->bpp;
}

/* The definition.  Pixel (x, y) of the endless repeat. */
static const uint8_t *oracle(const tile *t, ct_layout_kind layout, double f, uint64_t x, uint64_t y)
{
    uint64_t w = t->w, h = t->h;

    switch (layout) {
    case CT_LAYOUT_HALF_DROP: {
        u128 drop = (u128)(uint64_t)round(f * (double)h);
        u128 shift = (u128)(x / w) * drop % h;
        return tile_px(t, x % w, (uint64_t)(((u128)y + h - shift % h) % h));
    }
    case CT_LAYOUT_BRICK: {
        u128 b = (u128)(uint64_t)round(f * (double)w);
        u128 shift = (u128)(y / h) * b % w;
        return tile_px(t, (uint64_t)(((u128)x + w - shift) % w), y % h);
    }
    case CT_LAYOUT_MIRROR: {
        uint64_t tx = x % w, ty = y % h;
        if ((x / w) % 2)
            tx = w - 1 - tx;
        if ((y / h) % 2)
            ty = h - 1 - ty;
        return tile_px(t, tx, ty);
    }
    case CT_LAYOUT_STRAIGHT:
    default:
        return tile_px(t, x % w, y % h);
    }
}

/* Returns the first x where row y differs from the oracle, or -1. */
static long first_wrong_px(const tile *t, ct_layout_kind layout, double f, uint64_t y, const uint8_t *row,
                           uint32_t width)
{
    uint32_t x;
    for (x = 0; x < width; x++)
        if (memcmp(row + (size_t)x * t->bpp, oracle(t, layout, f, x, y), t->bpp) != 0)
            return (long)x;
    return -1;
}

#define PAD_BYTE 0x5a

/* Renders rows y0.. of one repeat in a padded strip, then checks every
 * pixel against the oracle and every padding byte for being untouched. */
static void check_strip(const tile *t, ct_layout_kind layout, double f, const ct_repeat_tuning *tuning,
                        uint32_t width, uint64_t y0, uint32_t rows)
{
    size_t row_bytes = (size_t)width * t->bpp, stride = row_bytes + 3;
    uint8_t *strip = malloc(stride * rows);
    ct_repeat *rep;
    uint32_t k;
    size_t i;

    ck_assert_ptr_nonnull(strip);
    ck_assert_int_eq(ct_repeat_new_tuned(t->px, t->w, t->h, t->stride, t->bpp, layout, f, tuning, &rep),
                     CANTING_OK);
    memset(strip, PAD_BYTE, stride * rows);
    ck_assert_int_eq(ct_repeat_rows(rep, y0, rows, strip, stride, width, 1), CANTING_OK);
    for (k = 0; k < rows; k++) {
        const uint8_t *row = strip + k * stride;
        long bad = first_wrong_px(t, layout, f, y0 + k, row, width);
        if (bad >= 0)
            ck_abort_msg("%s f=%g tile %ux%u bpp %u width %u: pixel (%ld, %llu) wrong", ct_layout_name(layout), f,
                         t->w, t->h, t->bpp, width, bad, (unsigned long long)(y0 + k));
        for (i = row_bytes; i < stride; i++)
            if (row[i] != PAD_BYTE)
                ck_abort_msg("%s: padding after row %u overwritten", ct_layout_name(layout), k);
    }
    ct_repeat_free(rep);
    free(strip);
}

/* One exact-size row from ct_repeat_row (ASan/valgrind see any overrun). */
static void check_one_row(const tile *t, ct_layout_kind layout, double f, const ct_repeat_tuning *tuning,
                          uint32_t width, uint64_t y)
{
    uint8_t *row = malloc((size_t)width * t->bpp + 1);
    ct_repeat *rep;

    ck_assert_ptr_nonnull(row);
    ck_assert_int_eq(ct_repeat_new_tuned(t->px, t->w, t->h, t->stride, t->bpp, layout, f, tuning, &rep),
                     CANTING_OK);
    ck_assert_int_eq(ct_repeat_row(rep, y, row, width), CANTING_OK);
    ck_assert_int_eq(first_wrong_px(t, layout, f, y, row, width), -1);
    ct_repeat_free(rep);
    free(row);
}

static const uint32_t sizes[][2] = {{1, 1}, {1, 4}, {4, 1}, {3, 7}, {7, 3}, {5, 5}, {17, 13}, {64, 9}, {2, 100}};
static const double fractions[] = {0.0, 0.5, 0.3, 1.0};

/* Output widths around the tile width: smaller, equal, not a multiple. */
static size_t widths_for(uint32_t w, uint32_t *out)
{
    size_t n = 0;
    out[n++] = 1;
    if (w > 2)
        out[n++] = w - 1;
    out[n++] = w;
    out[n++] = w + 1;
    out[n++] = 2 * w + 3;
    out[n++] = 7 * w + 5;
    out[n++] = 257;
    return n;
}

/* Every layout and fraction on every tile size, bpp and output width, at
 * the top, the middle and the very end of the uint64 row range. */
static void check_matrix(const ct_repeat_tuning *tuning, int only_half_drop)
{
    static const unsigned bpps[] = {1, 3, 4};
    uint64_t seed = 42;
    size_t b, s, l, fi, wi;

    for (b = 0; b < 3; b++)
        for (s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
            tile t = tile_new(sizes[s][0], sizes[s][1], bpps[b], s % 3 * 5, seed++);
            uint32_t rows = 2 * t.h + 3, widths[8];
            size_t nw = widths_for(t.w, widths);
            uint64_t y0s[] = {0, 98765, UINT64_MAX - rows + 1};
            for (l = 0; l < 4; l++) {
                if (only_half_drop && l != CT_LAYOUT_HALF_DROP)
                    continue;
                for (fi = 0; fi < 4; fi++)
                    for (wi = 0; wi < nw; wi++) {
                        check_strip(&t, (ct_layout_kind)l, fractions[fi], tuning, widths[wi], y0s[(fi + wi) % 3],
                                    rows);
                        check_one_row(&t, (ct_layout_kind)l, fractions[fi], tuning, widths[wi], UINT64_MAX - wi);
                    }
            }
            free(t.px);
        }
}

static const ct_span_impl *kernel_at(int i)
{
    size_t count;
    const ct_span_impl *list = ct_span_available(&count);
    return (size_t)i < count ? &list[i] : NULL;
}

/* The whole matrix once per available span kernel. */
START_TEST(test_formulas)
{
    ct_repeat_tuning tuning = {kernel_at(_i), 0, 0};

    if (tuning.kernel == NULL)
        return;
    check_matrix(&tuning, 0);
}
END_TEST

/* Half-drop drawn column block by column block: the path taken when the
 * widened unit would be too big, forced here by a one-byte cap. */
START_TEST(test_half_drop_columns)
{
    ct_repeat_tuning tuning = {NULL, 1, 0};
    check_matrix(&tuning, 1);
}
END_TEST

/* A drop with a long cycle (gcd 1): widened or not, the same pixels. */
START_TEST(test_half_drop_long_cycle)
{
    tile t = tile_new(5, 211, 3, 2, 7);
    ct_repeat_tuning narrow = {NULL, 1, 0};

    check_strip(&t, CT_LAYOUT_HALF_DROP, 0.3, NULL, 5 * 211 + 17, 1000, 7);
    check_strip(&t, CT_LAYOUT_HALF_DROP, 0.3, &narrow, 5 * 211 + 17, 1000, 7);
    free(t.px);
}
END_TEST

/* Strips made on several threads equal the single-threaded strip. */
START_TEST(test_threads)
{
    static const unsigned counts[] = {2, 3, 4, 7, 64, 0};
    tile t = tile_new(37, 23, 3, 1, 99);
    ct_repeat_tuning tuning = {NULL, 0, 1}; /* let even tiny strips split */
    const uint32_t width = 1000, rows = 97;
    const size_t stride = (size_t)width * 3 + 8;
    uint8_t *one = malloc(stride * rows), *many = malloc(stride * rows);
    const uint64_t y0 = ((uint64_t)1 << 63) - 40;
    size_t l, c;

    ck_assert_ptr_nonnull(one);
    ck_assert_ptr_nonnull(many);
    for (l = 0; l < 4; l++) {
        ct_repeat *rep;
        ck_assert_int_eq(
            ct_repeat_new_tuned(t.px, t.w, t.h, t.stride, t.bpp, (ct_layout_kind)l, 0.3, &tuning, &rep),
            CANTING_OK);
        memset(one, 1, stride * rows);
        ck_assert_int_eq(ct_repeat_rows(rep, y0, rows, one, stride, width, 1), CANTING_OK);
        ck_assert_int_eq(
            first_wrong_px(&t, (ct_layout_kind)l, 0.3, y0 + rows - 1, one + (rows - 1) * stride, width), -1);
        for (c = 0; c < sizeof counts / sizeof counts[0]; c++) {
            memset(many, 1, stride * rows);
            ck_assert_int_eq(ct_repeat_rows(rep, y0, rows, many, stride, width, counts[c]), CANTING_OK);
            ck_assert_msg(memcmp(one, many, stride * rows) == 0, "%s with %u threads differs",
                          ct_layout_name((ct_layout_kind)l), counts[c]);
        }
        ct_repeat_free(rep);
    }
    free(one);
    free(many);
    free(t.px);
}
END_TEST

/* The repeat keeps its own copy of the pixels. */
START_TEST(test_tile_copied)
{
    tile t = tile_new(3, 2, 4, 0, 5);
    uint8_t want[8 * 4], got[8 * 4];
    size_t l;

    for (l = 0; l < 4; l++) {
        ct_repeat *rep;
        ck_assert_int_eq(ct_repeat_new(t.px, t.w, t.h, t.stride, t.bpp, (ct_layout_kind)l, 0.5, &rep), CANTING_OK);
        ck_assert_uint_eq(ct_repeat_bpp(rep), 4);
        ck_assert_int_eq(ct_repeat_row(rep, 3, want, 8), CANTING_OK);
        memset(t.px, 0, t.stride * t.h);
        ck_assert_int_eq(ct_repeat_row(rep, 3, got, 8), CANTING_OK);
        ck_assert_mem_eq(want, got, sizeof want);
        ct_repeat_free(rep);
        free(t.px);
        t = tile_new(3, 2, 4, 0, 5);
    }
    free(t.px);
}
END_TEST

START_TEST(test_parse)
{
    static const char *names[] = {"straight", "half-drop", "brick", "mirror", "p1",   "p2",   "pm",
                                  "pg",       "cm",        "pmm",   "pmg",    "pgg",  "cmm",  "p4",
                                  "p4m",      "p4g",       "p3",    "p3m1",   "p31m", "p6",   "p6m"};
    ct_layout_kind kind = CT_LAYOUT_MIRROR;
    size_t i;

    ck_assert_uint_eq(sizeof names / sizeof names[0], CT_LAYOUT_COUNT);
    for (i = 0; i < CT_LAYOUT_COUNT; i++) {
        ck_assert_int_eq(ct_layout_parse(names[i], &kind), CANTING_OK);
        ck_assert_int_eq(kind, (int)i);
        ck_assert_str_eq(ct_layout_name(kind), names[i]);
    }
    kind = CT_LAYOUT_BRICK;
    ck_assert_int_eq(ct_layout_parse("Straight", &kind), CANTING_EARG);
    ck_assert_int_eq(ct_layout_parse("half", &kind), CANTING_EARG);
    ck_assert_int_eq(ct_layout_parse("", &kind), CANTING_EARG);
    ck_assert_int_eq(ct_layout_parse(NULL, &kind), CANTING_EARG);
    ck_assert_int_eq(ct_layout_parse("brick", NULL), CANTING_EARG);
    ck_assert_int_eq(kind, CT_LAYOUT_BRICK);
    ck_assert_str_eq(ct_layout_name(CT_LAYOUT_COUNT), "?");
    ck_assert(ct_layout_is_hexagonal(CT_LAYOUT_P3) && ct_layout_is_hexagonal(CT_LAYOUT_P6M));
    ck_assert(!ct_layout_is_hexagonal(CT_LAYOUT_P4G) && !ct_layout_is_hexagonal(CT_LAYOUT_MIRROR));
}
END_TEST

START_TEST(test_bad_arguments)
{
    uint8_t px[64] = {0}, row[64];
    ct_repeat *rep = (ct_repeat *)px;

    ck_assert_int_eq(ct_repeat_new(NULL, 2, 2, 6, 3, CT_LAYOUT_STRAIGHT, 0.5, &rep), CANTING_EARG);
    ck_assert_ptr_null(rep);
    ck_assert_int_eq(ct_repeat_new(px, 2, 2, 6, 3, CT_LAYOUT_STRAIGHT, 0.5, NULL), CANTING_EARG);
    ck_assert_int_eq(ct_repeat_new(px, 0, 2, 6, 3, CT_LAYOUT_STRAIGHT, 0.5, &rep), CANTING_EARG);
    ck_assert_int_eq(ct_repeat_new(px, 2, 0, 6, 3, CT_LAYOUT_STRAIGHT, 0.5, &rep), CANTING_EARG);
    ck_assert_int_eq(ct_repeat_new(px, 2, 2, 6, 2, CT_LAYOUT_STRAIGHT, 0.5, &rep), CANTING_EARG);
    ck_assert_int_eq(ct_repeat_new(px, 2, 2, 5, 3, CT_LAYOUT_STRAIGHT, 0.5, &rep), CANTING_EARG);
    ck_assert_int_eq(ct_repeat_new(px, 2, 2, 6, 3, (ct_layout_kind)9, 0.5, &rep), CANTING_EARG);
    ck_assert_int_eq(ct_repeat_new(px, 2, 2, 6, 3, CT_LAYOUT_HALF_DROP, 1.5, &rep), CANTING_EARG);
    ck_assert_int_eq(ct_repeat_new(px, 2, 2, 6, 3, CT_LAYOUT_BRICK, -0.1, &rep), CANTING_EARG);
    ck_assert_int_eq(ct_repeat_new(px, 2, 2, 6, 3, CT_LAYOUT_BRICK, NAN, &rep), CANTING_EARG);
    /* straight and mirror ignore the fraction */
    ck_assert_int_eq(ct_repeat_new(px, 2, 2, 6, 3, CT_LAYOUT_MIRROR, NAN, &rep), CANTING_OK);

    ck_assert_int_eq(ct_repeat_row(NULL, 0, row, 1), CANTING_EARG);
    ck_assert_int_eq(ct_repeat_row(rep, 0, NULL, 1), CANTING_EARG);
    ck_assert_int_eq(ct_repeat_row(rep, 0, NULL, 0), CANTING_OK);
    ck_assert_int_eq(ct_repeat_rows(NULL, 0, 1, row, 6, 2, 1), CANTING_EARG);
    ck_assert_int_eq(ct_repeat_rows(rep, 0, 1, NULL, 6, 2, 1), CANTING_EARG);
    ck_assert_int_eq(ct_repeat_rows(rep, 0, 2, row, 5, 2, 1), CANTING_EARG);            /* stride too short */
    ck_assert_int_eq(ct_repeat_rows(rep, UINT64_MAX, 2, row, 6, 2, 1), CANTING_EARG);   /* past the last row */
    ck_assert_int_eq(ct_repeat_rows(rep, UINT64_MAX, 1, row, 6, 2, 1), CANTING_OK);     /* the last row itself */
    ck_assert_int_eq(ct_repeat_rows(rep, 0, 3, row, SIZE_MAX / 2, 2, 1), CANTING_EARG); /* strip beyond memory */
    ck_assert_int_eq(ct_repeat_rows(rep, 0, 0, NULL, 0, 2, 1), CANTING_OK);             /* nothing to do */
    ct_repeat_free(rep);
    ct_repeat_free(NULL);
    ck_assert_uint_eq(ct_repeat_bpp(NULL), 0);
}
END_TEST

/* Sizes whose unit would not fit in memory are refused before any pixel
 * is read (the tile pointer here covers only 64 bytes).  Sizes that fit
 * size_t but not in memory are not tried: ASan aborts on such requests. */
START_TEST(test_huge_sizes)
{
    uint8_t px[64] = {0};
    ct_repeat *rep = NULL;
    const uint32_t big = UINT32_MAX;

    /* a tile whose last byte lies beyond SIZE_MAX cannot be in memory */
    ck_assert_int_eq(ct_repeat_new(px, 1, big, SIZE_MAX / 1000, 4, CT_LAYOUT_STRAIGHT, 0.5, &rep), CANTING_EARG);
    ck_assert_int_eq(ct_repeat_new(px, big, big, (size_t)big * 4, 4, CT_LAYOUT_STRAIGHT, 0.5, &rep), CANTING_EARG);
    /* a 2^62-byte tile could exist, but its 2w x 2h mirror unit exceeds 2^64 */
    ck_assert_int_eq(ct_repeat_new(px, big, (1u << 28) + 1, (size_t)big * 4, 4, CT_LAYOUT_MIRROR, 0.5, &rep),
                     CANTING_ENOMEM);
    ck_assert_ptr_null(rep);
}
END_TEST

static Suite *layout_suite(void)
{
    Suite *s = suite_create("layout");
    TCase *formulas = tcase_create("formulas");
    TCase *api = tcase_create("api");

    tcase_set_timeout(formulas, 600);
    tcase_add_loop_test(formulas, test_formulas, 0, 3);
    tcase_add_test(formulas, test_half_drop_columns);
    tcase_add_test(formulas, test_half_drop_long_cycle);
    tcase_add_test(formulas, test_threads);
    suite_add_tcase(s, formulas);
    tcase_add_test(api, test_tile_copied);
    tcase_add_test(api, test_parse);
    tcase_add_test(api, test_bad_arguments);
    tcase_add_test(api, test_huge_sizes);
    suite_add_tcase(s, api);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(layout_suite());
    int failed;

    srunner_run_all(runner, CK_NORMAL);
    failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed != 0;
}
