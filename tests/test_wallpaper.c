/* test_wallpaper.c: the 17 wallpaper groups.  Each unit is checked against
 * its group's mirrors, glides and turns, written here from the geometry and
 * not from the library's tables; a census of every flip, turn and shift of
 * the pixel grid that leaves a unit unchanged checks that nothing more
 * symmetric (or less) was made. */
#include "testutil.h"

#include "motif/motif.h"
#include "render/unit.h"
#include "repeat/unit.h"
#include "util/util.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SQRT3 1.7320508075688772
#define DEG (3.14159265358979323846 / 180)

/* ---- pixels ----------------------------------------------------------------- */

typedef struct image {
    const uint8_t *px;
    uint32_t w, h;
    size_t stride;
    unsigned bpp;
} image;

static const uint8_t *at(const image *im, int64_t x, int64_t y)
{
    uint64_t ux = (uint64_t)((x % im->w + im->w) % im->w), uy = (uint64_t)((y % im->h + im->h) % im->h);
    return im->px + uy * im->stride + ux * im->bpp;
}

static int same(const image *im, int64_t x0, int64_t y0, int64_t x1, int64_t y1)
{
    return memcmp(at(im, x0, y0), at(im, x1, y1), im->bpp) == 0;
}

static uint8_t *random_tile(size_t stride, uint32_t h, uint32_t seed)
{
    uint8_t *t = malloc(stride * h);
    uint32_t s = seed * 2654435761u + 1;
    for (size_t i = 0; i < stride * h; i++) {
        s = s * 1664525u + 1013904223u;
        t[i] = (uint8_t)(s >> 24);
    }
    return t;
}

/* ---- the census: every symmetry of the pixel grid of a unit ----------------- */

/* Linear parts of the maps of a W x H grid: bit 4 swaps x and y, then bit 1
 * flips x and bit 2 flips y (as x -> W-1-x: a mirror through the unit's
 * edge).  Indexes 0..7: I FX FY R D CCW CW AD. */
enum { OP_I, OP_FX, OP_FY, OP_R, OP_D, OP_CCW, OP_CW, OP_AD };

static void grid_map(unsigned op, const image *im, int64_t x, int64_t y, int64_t tx, int64_t ty, int64_t *ox,
                     int64_t *oy)
{
    int64_t u = op & 4 ? y : x, v = op & 4 ? x : y;
    *ox = (op & 1 ? (int64_t)im->w - 1 - u : u) + tx;
    *oy = (op & 2 ? (int64_t)im->h - 1 - v : v) + ty;
}

/* Whether the map leaves the image unchanged.  Pixels are visited in a
 * scattered order so that a mismatch shows up early. */
static int is_symmetry(const image *im, unsigned op, int64_t tx, int64_t ty)
{
    uint64_t n = (uint64_t)im->w * im->h;
    ck_assert_uint_lt(n, 1000003);
    for (uint64_t i = 0; i < n; i++) {
        uint64_t k = i * 1000003 % n;
        int64_t x = (int64_t)(k % im->w), y = (int64_t)(k / im->w), ox, oy;
        grid_map(op, im, x, y, tx, ty, &ox, &oy);
        if (!same(im, x, y, ox, oy))
            return 0;
    }
    return 1;
}

typedef struct census {
    int count[8];  /* symmetries with each linear part, modulo shifts by the unit */
    int mirror[8]; /* for the four flips: 1 if they include a true mirror, 0 if only glides */
} census;

/* A flip with shift t is a mirror (has a fixed line) when, for some pure
 * shift s of the pattern, t - s lies across the flip's axis. */
static int has_mirror(unsigned op, const image *im, const int64_t (*shifts)[2], int nshifts, int64_t tx, int64_t ty)
{
    for (int i = 0; i < nshifts; i++) {
        int64_t dx = tx - shifts[i][0], dy = ty - shifts[i][1];
        int64_t w = im->w, h = im->h;
        int fixed = op == OP_FX   ? dy % h == 0
                    : op == OP_FY ? dx % w == 0
                    : op == OP_D  ? (dx + dy) % w == 0
                                  : (dx - dy) % w == 0;
        if (fixed)
            return 1;
    }
    return 0;
}

static census take_census(const image *im)
{
    census c;
    memset(&c, 0, sizeof c);
    int64_t(*shifts)[2] = malloc(sizeof *shifts * im->w * im->h);
    int nshifts = 0;
    for (unsigned op = 0; op < 8; op++) {
        if (op >= OP_D && im->w != im->h)
            break;
        for (int64_t ty = 0; ty < im->h; ty++) {
            for (int64_t tx = 0; tx < im->w; tx++) {
                if (!is_symmetry(im, op, tx, ty))
                    continue;
                c.count[op]++;
                if (op == OP_I) {
                    shifts[nshifts][0] = tx;
                    shifts[nshifts++][1] = ty;
                } else if (op == OP_FX || op == OP_FY || op == OP_D || op == OP_AD) {
                    c.mirror[op] |= has_mirror(op, im, (const int64_t(*)[2])shifts, nshifts, tx, ty);
                }
            }
        }
    }
    free(shifts);
    return c;
}

/* What each group's census must be: counts of I FX FY R D CCW CW AD, and
 * which flips are mirrors (m) rather than glides (g) -- "." for none. */
typedef struct expected {
    ct_layout_kind layout;
    int count[8];
    const char *flips; /* FX FY D AD */
} expected;

static const expected groups[] = {
    {CT_LAYOUT_P1, {1, 0, 0, 0, 0, 0, 0, 0}, "...."},  {CT_LAYOUT_P2, {1, 0, 0, 1, 0, 0, 0, 0}, "...."},
    {CT_LAYOUT_PM, {1, 1, 0, 0, 0, 0, 0, 0}, "m..."},  {CT_LAYOUT_PG, {1, 1, 0, 0, 0, 0, 0, 0}, "g..."},
    {CT_LAYOUT_CM, {2, 2, 0, 0, 0, 0, 0, 0}, "m..."},  {CT_LAYOUT_PMM, {1, 1, 1, 1, 0, 0, 0, 0}, "mm.."},
    {CT_LAYOUT_PMG, {1, 1, 1, 1, 0, 0, 0, 0}, "mg.."}, {CT_LAYOUT_PGG, {1, 1, 1, 1, 0, 0, 0, 0}, "gg.."},
    {CT_LAYOUT_CMM, {2, 2, 2, 2, 0, 0, 0, 0}, "mm.."}, {CT_LAYOUT_P4, {1, 0, 0, 1, 0, 1, 1, 0}, "...."},
    {CT_LAYOUT_P4M, {1, 1, 1, 1, 1, 1, 1, 1}, "mmmm"}, {CT_LAYOUT_P4G, {2, 2, 2, 2, 2, 2, 2, 2}, "mmgg"},
};

static int is_square_group(ct_layout_kind l)
{
    return l == CT_LAYOUT_P4 || l == CT_LAYOUT_P4M || l == CT_LAYOUT_P4G;
}

static void assert_census(const image *im, const expected *e)
{
    census c = take_census(im);
    static const unsigned flips[4] = {OP_FX, OP_FY, OP_D, OP_AD};
    const char *name = ct_layout_name(e->layout);
    for (unsigned op = 0; op < 8; op++)
        ck_assert_msg(c.count[op] == e->count[op], "%s %ux%u: %d symmetries of kind %u, expected %d", name, im->w,
                      im->h, c.count[op], op, e->count[op]);
    for (int i = 0; i < 4; i++) {
        if (e->flips[i] == '.')
            continue;
        ck_assert_msg(c.mirror[flips[i]] == (e->flips[i] == 'm'), "%s: flip %u should be a %s", name, flips[i],
                      e->flips[i] == 'm' ? "mirror" : "glide, not a mirror");
    }
}

/* ---- the groups' generators, from the geometry ------------------------------- */

/* Checks that every pixel equals the pixel the map sends it to; `map`
 * writes the image of (x, y) given the cell size w x h. */
typedef void (*pixel_map)(int64_t w, int64_t h, int64_t x, int64_t y, int64_t *ox, int64_t *oy);

static void m_mirror_v(int64_t w, int64_t h, int64_t x, int64_t y, int64_t *ox, int64_t *oy)
{
    (void)w, (void)h;
    *ox = -1 - x; /* about the line x = 0 */
    *oy = y;
}
static void m_mirror_h(int64_t w, int64_t h, int64_t x, int64_t y, int64_t *ox, int64_t *oy)
{
    (void)w, (void)h;
    *ox = x;
    *oy = -1 - y;
}
static void m_half_turn(int64_t w, int64_t h, int64_t x, int64_t y, int64_t *ox, int64_t *oy)
{
    (void)w, (void)h;
    *ox = -1 - x; /* about the point (0, 0) */
    *oy = -1 - y;
}
static void m_glide_down(int64_t w, int64_t h, int64_t x, int64_t y, int64_t *ox, int64_t *oy)
{
    *ox = w - 1 - x; /* across x = w/2, then down by h */
    *oy = y + h;
}
static void m_glide_right(int64_t w, int64_t h, int64_t x, int64_t y, int64_t *ox, int64_t *oy)
{
    *ox = x + w; /* across y = h/2, then right by w */
    *oy = h - 1 - y;
}
static void m_glide_right_edge(int64_t w, int64_t h, int64_t x, int64_t y, int64_t *ox, int64_t *oy)
{
    (void)h;
    *ox = x + w; /* across y = 0, then right by w */
    *oy = -1 - y;
}
static void m_shift_wh(int64_t w, int64_t h, int64_t x, int64_t y, int64_t *ox, int64_t *oy)
{
    *ox = x + w;
    *oy = y + h;
}
static void m_shift_2wh(int64_t w, int64_t h, int64_t x, int64_t y, int64_t *ox, int64_t *oy)
{
    *ox = x + 2 * w;
    *oy = y + h;
}
static void m_shift_2w2h(int64_t w, int64_t h, int64_t x, int64_t y, int64_t *ox, int64_t *oy)
{
    *ox = x + 2 * w;
    *oy = y + 2 * h;
}
static void m_quarter_turn(int64_t w, int64_t h, int64_t x, int64_t y, int64_t *ox, int64_t *oy)
{
    (void)w, (void)h;
    *ox = -1 - y; /* clockwise about (0, 0) */
    *oy = x;
}
static void m_quarter_turn_nn(int64_t w, int64_t h, int64_t x, int64_t y, int64_t *ox, int64_t *oy)
{
    (void)h;
    *ox = 2 * w - 1 - y; /* clockwise about (n, n) */
    *oy = x;
}
static void m_diagonal(int64_t w, int64_t h, int64_t x, int64_t y, int64_t *ox, int64_t *oy)
{
    (void)w, (void)h;
    *ox = y;
    *oy = x;
}

typedef struct generators {
    ct_layout_kind layout;
    uint32_t cols, rows; /* the unit in cells */
    pixel_map maps[4];
} generators;

static const generators gens[] = {
    {CT_LAYOUT_P1, 1, 1, {NULL}},
    {CT_LAYOUT_P2, 2, 1, {m_half_turn}},
    {CT_LAYOUT_PM, 2, 1, {m_mirror_v}},
    {CT_LAYOUT_PG, 1, 2, {m_glide_down}},
    {CT_LAYOUT_CM, 2, 2, {m_mirror_v, m_shift_wh}},
    {CT_LAYOUT_PMM, 2, 2, {m_mirror_v, m_mirror_h}},
    {CT_LAYOUT_PMG, 2, 2, {m_mirror_v, m_glide_right_edge}},
    {CT_LAYOUT_PGG, 2, 2, {m_glide_down, m_glide_right}},
    {CT_LAYOUT_CMM, 4, 2, {m_mirror_v, m_mirror_h, m_shift_2wh}},
    {CT_LAYOUT_P4, 2, 2, {m_quarter_turn}},
    {CT_LAYOUT_P4M, 2, 2, {m_quarter_turn, m_mirror_v, m_diagonal}},
    {CT_LAYOUT_P4G, 4, 4, {m_quarter_turn_nn, m_mirror_v, m_shift_2w2h}},
};

static void assert_generators(const image *u, const generators *g, uint32_t w, uint32_t h)
{
    ck_assert_uint_eq(u->w, g->cols * w);
    ck_assert_uint_eq(u->h, g->rows * h);
    for (int k = 0; k < 4 && g->maps[k]; k++) {
        for (int64_t y = 0; y < u->h; y++) {
            for (int64_t x = 0; x < u->w; x++) {
                int64_t ox, oy;
                g->maps[k](w, h, x, y, &ox, &oy);
                ck_assert_msg(same(u, x, y, ox, oy), "%s %ux%u: generator %d moves pixel (%lld, %lld)",
                              ct_layout_name(g->layout), w, h, k, (long long)x, (long long)y);
            }
        }
    }
}

/* ---- raster units ------------------------------------------------------------- */

static image raster_unit(const uint8_t *tile, uint32_t w, uint32_t h, size_t stride, unsigned bpp,
                         ct_layout_kind layout, uint8_t **buf)
{
    image u = {NULL, 0, 0, 0, bpp};
    canting_error err;
    canting_status st = ct_unit_from_raster(tile, w, h, stride, bpp, layout, buf, &u.w, &u.h, &u.stride, &err);
    ck_assert_msg(st == CANTING_OK, "%s %ux%u: %s", ct_layout_name(layout), w, h, err.message);
    ck_assert_uint_eq(u.stride, (size_t)u.w * bpp);
    u.px = *buf;
    return u;
}

START_TEST(raster_units_have_exactly_their_groups_symmetry)
{
    /* at least 3 a side: on a grid 2 px wide, a flip and a shift by 1 px
     * is no move at all, and the census would count it */
    static const uint32_t sizes[][2] = {{5, 3}, {3, 7}, {4, 4}, {6, 5}, {3, 3}, {7, 7}};
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
            uint32_t w = sizes[s][0], h = sizes[s][1];
            if (is_square_group(groups[g].layout) && w != h)
                continue;
            for (unsigned bpp = 1; bpp <= 3; bpp += 2) {
                size_t stride = w * bpp + 3; /* padding that must not leak into the unit */
                uint8_t *tile = random_tile(stride, h, (uint32_t)(g * 100 + s * 10 + bpp)), *buf;
                image u = raster_unit(tile, w, h, stride, bpp, groups[g].layout, &buf);
                assert_census(&u, &groups[g]);
                ct_free(buf);
                free(tile);
            }
        }
    }
}
END_TEST

/* The generators hold on any tile, down to a single row or column. */
START_TEST(raster_units_obey_the_generators)
{
    static const uint32_t sizes[][2] = {{1, 1}, {1, 4}, {4, 1}, {1, 5}, {5, 3}, {3, 3}, {6, 6}, {9, 2}};
    for (size_t g = 0; g < sizeof gens / sizeof gens[0]; g++) {
        for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
            uint32_t w = sizes[s][0], h = sizes[s][1];
            if (is_square_group(gens[g].layout) && w != h)
                continue;
            for (unsigned bpp = 1; bpp <= 4; bpp++) {
                uint8_t *tile = random_tile(w * bpp, h, (uint32_t)(g + 31 * s + 7 * bpp)), *buf;
                image u = raster_unit(tile, w, h, w * bpp, bpp, gens[g].layout, &buf);
                assert_generators(&u, &gens[g], w, h);
                /* the tile itself is the unit's top-left block (p4m: its
                 * upper-right half, on and above the diagonal) */
                for (uint32_t y = 0; y < h; y++)
                    for (uint32_t x = 0; x < w; x++)
                        if (gens[g].layout != CT_LAYOUT_P4M || x >= y)
                            ck_assert(memcmp(at(&u, x, y), tile + (y * w + x) * bpp, bpp) == 0);
                ct_free(buf);
                free(tile);
            }
        }
    }
}
END_TEST

START_TEST(engine_layouts_get_the_tile_back)
{
    uint8_t *tile = random_tile(20, 4, 9), *buf;
    for (int l = CT_LAYOUT_STRAIGHT; l <= CT_LAYOUT_P1; l++) {
        image u = raster_unit(tile, 5, 4, 20, 3, (ct_layout_kind)l, &buf);
        ck_assert_uint_eq(u.w, 5);
        ck_assert_uint_eq(u.h, 4);
        for (uint32_t y = 0; y < 4; y++)
            ck_assert(memcmp(u.px + y * u.stride, tile + y * 20, 15) == 0);
        ct_free(buf);
    }
    free(tile);
}
END_TEST

START_TEST(raster_refusals)
{
    uint8_t tile[64] = {0}, *unit = (uint8_t *)tile;
    uint32_t w, h;
    size_t stride;
    canting_error err;
    for (int l = CT_LAYOUT_P3; l <= CT_LAYOUT_P6M; l++) {
        ck_assert_int_eq(ct_unit_from_raster(tile, 4, 4, 4, 1, (ct_layout_kind)l, &unit, &w, &h, &stride, &err),
                         CANTING_EARG);
        ck_assert_ptr_null(unit);
        ck_assert_ptr_nonnull(strstr(err.message, "hexagonal"));
        ck_assert_ptr_nonnull(strstr(err.message, "needs a motif"));
        ck_assert_ptr_nonnull(strstr(err.message, ct_layout_name((ct_layout_kind)l)));
    }
    static const ct_layout_kind turns[] = {CT_LAYOUT_P4, CT_LAYOUT_P4M, CT_LAYOUT_P4G};
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(ct_unit_from_raster(tile, 4, 3, 4, 1, turns[i], &unit, &w, &h, &stride, &err),
                         CANTING_EARG);
        ck_assert_ptr_nonnull(strstr(err.message, "must be square"));
        ck_assert_ptr_nonnull(strstr(err.message, "4x3"));
    }
    ck_assert_int_eq(ct_unit_from_raster(NULL, 4, 4, 4, 1, CT_LAYOUT_P2, &unit, &w, &h, &stride, &err),
                     CANTING_EARG);
    ck_assert_int_eq(ct_unit_from_raster(tile, 0, 4, 4, 1, CT_LAYOUT_P2, &unit, &w, &h, &stride, &err),
                     CANTING_EARG);
    ck_assert_int_eq(ct_unit_from_raster(tile, 4, 0, 4, 1, CT_LAYOUT_P2, &unit, &w, &h, &stride, &err),
                     CANTING_EARG);
    ck_assert_int_eq(ct_unit_from_raster(tile, 4, 4, 3, 1, CT_LAYOUT_P2, &unit, &w, &h, &stride, &err),
                     CANTING_EARG);
    ck_assert_int_eq(ct_unit_from_raster(tile, 4, 4, 20, 5, CT_LAYOUT_P2, &unit, &w, &h, &stride, &err),
                     CANTING_EARG);
    ck_assert_int_eq(ct_unit_from_raster(tile, 4, 4, 4, 0, CT_LAYOUT_P2, &unit, &w, &h, &stride, &err),
                     CANTING_EARG);
    ck_assert_int_eq(ct_unit_from_raster(tile, 4, 4, 4, 1, CT_LAYOUT_COUNT, &unit, &w, &h, &stride, &err),
                     CANTING_EARG);
    ck_assert_int_eq(ct_unit_from_raster(tile, 4, 4, 4, 1, CT_LAYOUT_P2, NULL, &w, &h, &stride, &err),
                     CANTING_EARG);
    ck_assert_ptr_null(unit);
    /* a unit whose size cannot be held */
    ck_assert_int_eq(ct_unit_from_raster(tile, UINT32_MAX, 1, SIZE_MAX, 1, CT_LAYOUT_P2, &unit, &w, &h, &stride,
                                         &err),
                     CANTING_ENOMEM);
    ck_assert_ptr_null(unit);
}
END_TEST

/* ---- motifs --------------------------------------------------------------------- */

/* An F with a dot: no mirror or turn maps it onto itself.  A bar crosses the
 * cell's right edge and a dot its bottom, so wrap-around is exercised too,
 * and the F reaches into every hexagonal group's region (a wedge above the
 * centre). */
static const char f_motif[] = "motif f\n"
                              "inks\n"
                              "  cloth #f3ead7\n"
                              "  soga #8a4b1f\n"
                              "  indigo #1f2f5a\n"
                              "repeat 20mm\n"
                              "draw\n"
                              "  rect width 1.8mm height 8.6mm at (1.9mm, -5.3mm) fill soga\n"
                              "  rect width 5.4mm height 1.7mm at (3.7mm, -8.75mm) fill soga\n"
                              "  rect width 3.6mm height 1.6mm at (2.8mm, -5.6mm) fill soga\n"
                              "  circle r 1.1mm at (6.2mm, -3.4mm) fill indigo\n"
                              "  rect width 6mm height 1mm at (9mm, 4mm) rotate 20deg fill indigo\n"
                              "  circle r 1.5mm at (-4mm, 10mm) fill soga\n"
                              "  ellipse rx 3mm ry 1mm at (-5mm, 2mm) rotate 30deg fill soga stroke indigo 0.4mm\n";

/* 20 mm at 30.48 dpi is 24 px. */
#define CELL_DPI 30.48
#define CELL_PX 24

typedef struct motif_fixture {
    canting_motif *m;
    ct_scene sc;
    unsigned rgb[256];
} motif_fixture;

static void fixture_open(motif_fixture *f, const char *text)
{
    canting_error err;
    f->m = tu_motif(text);
    ck_assert_int_eq(ct_motif_scene(f->m, &f->sc, &err), CANTING_OK);
    ct_motif_palette(f->m, f->rgb);
}

static void fixture_close(motif_fixture *f)
{
    ct_scene_free(&f->sc);
    canting_motif_free(f->m);
}

static canting_tile *motif_unit(motif_fixture *f, ct_layout_kind layout, double dpi)
{
    canting_tile *t = NULL;
    canting_error err;
    canting_status st = ct_unit_from_scene(&f->sc, f->rgb, canting_motif_ink_count(f->m), layout, dpi,
                                           &f->m->limits, &t, &err);
    ck_assert_msg(st == CANTING_OK, "%s: %s", ct_layout_name(layout), err.message);
    return t;
}

static image tile_rgb(const canting_tile *t)
{
    image im = {t->rgb, t->width_px, t->height_px, t->rgb_stride, 3};
    return im;
}

static image tile_plane(const canting_tile *t, size_t ink)
{
    size_t stride;
    const uint8_t *p = canting_tile_plane(t, ink, &stride);
    image im = {p, t->width_px, t->height_px, stride, 1};
    return im;
}

/* The coverages of all inks never add up to more than a whole pixel. */
static void assert_partition(const canting_tile *t)
{
    image a = tile_plane(t, 1), b = tile_plane(t, 2);
    for (uint32_t y = 0; y < t->height_px; y++)
        for (uint32_t x = 0; x < t->width_px; x++)
            ck_assert_uint_le(*at(&a, x, y) + *at(&b, x, y), 256);
}

START_TEST(motif_units_have_exactly_their_groups_symmetry)
{
    motif_fixture f;
    fixture_open(&f, f_motif);
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        canting_tile *t = motif_unit(&f, groups[g].layout, CELL_DPI);
        image rgb = tile_rgb(t);
        assert_census(&rgb, &groups[g]);
        assert_generators(&rgb, &gens[g], CELL_PX, CELL_PX);
        for (size_t ink = 1; ink <= 2; ink++) {
            image plane = tile_plane(t, ink);
            assert_generators(&plane, &gens[g], CELL_PX, CELL_PX);
        }
        assert_partition(t);
        canting_tile_free(t);
    }
    fixture_close(&f);
}
END_TEST

/* A motif's unit is its cell tile folded as a raster tile would be. */
START_TEST(motif_and_raster_units_agree)
{
    motif_fixture f;
    fixture_open(&f, f_motif);
    canting_tile *cell = motif_unit(&f, CT_LAYOUT_STRAIGHT, CELL_DPI);
    for (int l = CT_LAYOUT_STRAIGHT; l <= CT_LAYOUT_P4G; l++) {
        canting_tile *t = motif_unit(&f, (ct_layout_kind)l, CELL_DPI);
        image u = tile_rgb(t);
        uint8_t *buf;
        image r = raster_unit(cell->rgb, cell->width_px, cell->height_px, cell->rgb_stride, 3, (ct_layout_kind)l,
                              &buf);
        ck_assert_uint_eq(u.w, r.w);
        ck_assert_uint_eq(u.h, r.h);
        for (uint32_t y = 0; y < u.h; y++)
            ck_assert(memcmp(at(&u, 0, y), at(&r, 0, y), (size_t)u.w * 3) == 0);
        ct_free(buf);
        canting_tile_free(t);
    }
    canting_tile_free(cell);
    fixture_close(&f);
}
END_TEST

/* The test can fail: an asymmetric motif in p1 has no mirror or turn, and
 * its p2 unit is not a p4 one. */
START_TEST(asymmetric_motif_is_not_symmetric)
{
    motif_fixture f;
    fixture_open(&f, f_motif);
    canting_tile *t = motif_unit(&f, CT_LAYOUT_P1, CELL_DPI);
    image u = tile_rgb(t);
    ck_assert(!is_symmetry(&u, OP_FX, 0, 0));
    ck_assert(!is_symmetry(&u, OP_FY, 0, 0));
    ck_assert(!is_symmetry(&u, OP_R, 0, 0));
    census c = take_census(&u);
    ck_assert_int_eq(c.count[OP_I], 1);
    for (int op = 1; op < 8; op++)
        ck_assert_int_eq(c.count[op], 0);
    canting_tile_free(t);
    t = motif_unit(&f, CT_LAYOUT_P4, CELL_DPI);
    u = tile_rgb(t);
    ck_assert(!is_symmetry(&u, OP_FX, 0, 0));
    ck_assert(!is_symmetry(&u, OP_D, 0, 0));
    canting_tile_free(t);
    fixture_close(&f);
}
END_TEST

START_TEST(motif_refusals)
{
    motif_fixture f;
    fixture_open(&f, "motif o\ninks\n  cloth #ffffff\n  soga #000000\nrepeat 20mm x 10mm\ndraw\n"
                     "  circle r 2mm fill soga\n");
    canting_tile dummy, *t = &dummy;
    canting_error err;
    static const ct_layout_kind turns[] = {CT_LAYOUT_P4, CT_LAYOUT_P4M, CT_LAYOUT_P4G};
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(ct_unit_from_scene(&f.sc, f.rgb, 2, turns[i], CELL_DPI, &f.m->limits, &t, &err),
                         CANTING_EARG);
        ck_assert_ptr_null(t);
        ck_assert_ptr_nonnull(strstr(err.message, "must be square"));
    }
    /* a non-square cell is fine for the others, hexagonal ones included */
    t = motif_unit(&f, CT_LAYOUT_CMM, CELL_DPI);
    ck_assert_uint_eq(t->width_px, 4 * 24);
    ck_assert_uint_eq(t->height_px, 2 * 12);
    canting_tile_free(t);
    t = motif_unit(&f, CT_LAYOUT_P6, CELL_DPI);
    ck_assert_uint_eq(t->width_px, 24);
    canting_tile_free(t);
    /* the unit, not just the cell, is held to the pixel limit */
    canting_limits lim = f.m->limits;
    lim.max_tile_pixels = 24 * 12 * 4;
    ck_assert_int_eq(ct_unit_from_scene(&f.sc, f.rgb, 2, CT_LAYOUT_PMM, CELL_DPI, &lim, &t, &err), CANTING_OK);
    canting_tile_free(t);
    ck_assert_int_eq(ct_unit_from_scene(&f.sc, f.rgb, 2, CT_LAYOUT_CMM, CELL_DPI, &lim, &t, &err), CANTING_ELIMIT);
    ck_assert_ptr_null(t);
    lim.max_tile_pixels = 24 * 42 - 1; /* the p6m unit is 24x42 */
    ck_assert_int_eq(ct_unit_from_scene(&f.sc, f.rgb, 2, CT_LAYOUT_P6M, CELL_DPI, &lim, &t, &err), CANTING_ELIMIT);
    ck_assert_int_eq(ct_unit_from_scene(&f.sc, f.rgb, 2, CT_LAYOUT_P6M, 0, &f.m->limits, &t, &err), CANTING_ERANGE);
    ck_assert_int_eq(ct_unit_from_scene(&f.sc, f.rgb, 2, CT_LAYOUT_COUNT, CELL_DPI, &f.m->limits, &t, &err),
                     CANTING_EARG);
    fixture_close(&f);
}
END_TEST

/* ---- hexagonal groups ---------------------------------------------------------- */

/* A map of the plane in millimetres about the unit's centre. */
typedef struct iso {
    double xx, xy, yx, yy; /* x' = xx x + xy y, y' = yx x + yy y */
    double tx, ty;         /* then moved by this (mm) */
} iso;

static iso turn(double deg)
{
    iso g = {cos(deg * DEG), -sin(deg * DEG), sin(deg * DEG), cos(deg * DEG), 0, 0};
    return g;
}

static iso mirror(double deg)
{
    iso g = {cos(2 * deg * DEG), sin(2 * deg * DEG), sin(2 * deg * DEG), -cos(2 * deg * DEG), 0, 0};
    return g;
}

/* How many pixels of a plane the map does not keep: a pixel is kept when
 * its value lies within the values around the point it is sent to (the
 * unit is a x a*sqrt(3) mm, scaled to its pixels each way), give or take a
 * little for antialiasing. */
static double moved_share(const image *im, double a, iso g)
{
    double sx = im->w / a, sy = im->h / (a * SQRT3), cx = a / 2, cy = a * SQRT3 / 2;
    uint64_t bad = 0;
    for (uint32_t y = 0; y < im->h; y++) {
        for (uint32_t x = 0; x < im->w; x++) {
            double px = (x + 0.5) / sx - cx, py = (y + 0.5) / sy - cy;
            double qx = (g.xx * px + g.xy * py + g.tx + cx) * sx, qy = (g.yx * px + g.yy * py + g.ty + cy) * sy;
            int64_t ix = (int64_t)floor(qx), iy = (int64_t)floor(qy);
            int lo = 255, hi = 0, v = *at(im, x, y);
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int n = *at(im, ix + dx, iy + dy);
                    lo = n < lo ? n : lo;
                    hi = n > hi ? n : hi;
                }
            }
            bad += v < lo - 6 || v > hi + 6;
        }
    }
    return (double)bad / ((double)im->w * im->h);
}

typedef struct hex_case {
    ct_layout_kind layout;
    int turns;
    double mirrors[6];
    int nmirrors;
    double not_mirrors[2]; /* mirror lines the group must not have */
    int nnot;
} hex_case;

static const hex_case hexes[] = {
    {CT_LAYOUT_P3, 3, {0}, 0, {0, 90}, 2},
    {CT_LAYOUT_P3M1, 3, {90, 30, 150}, 3, {0, 60}, 2},
    {CT_LAYOUT_P31M, 3, {0, 60, 120}, 3, {90, 30}, 2},
    {CT_LAYOUT_P6, 6, {0}, 0, {0, 90}, 2},
    {CT_LAYOUT_P6M, 6, {0, 30, 60, 90, 120, 150}, 6, {0}, 0},
};

START_TEST(hexagonal_units_have_their_groups_symmetry)
{
    motif_fixture f;
    fixture_open(&f, f_motif);
    const double a = 20, dpi = 101.6; /* a = 80 px */
    for (size_t k = 0; k < sizeof hexes / sizeof hexes[0]; k++) {
        const hex_case *c = &hexes[k];
        const char *name = ct_layout_name(c->layout);
        canting_tile *t = motif_unit(&f, c->layout, dpi);
        ck_assert_uint_eq(t->width_px, 80);
        ck_assert_uint_eq(t->height_px, 138); /* 80 sqrt(3) = 138.56, to an even count */
        assert_partition(t);
        for (size_t ink = 1; ink <= 2; ink++) {
            image p = tile_plane(t, ink);
            /* the second lattice point, half the unit across and down, is
             * whole pixels away: the same up to cairo's antialiasing,
             * which differs by a few levels on a few edge pixels */
            int off = 0;
            for (uint32_t y = 0; y < p.h; y++) {
                for (uint32_t x = 0; x < p.w; x++) {
                    int d = abs(*at(&p, x, y) - *at(&p, x + p.w / 2, y + p.h / 2));
                    ck_assert_int_le(d, 16);
                    off += d > 2;
                }
            }
            ck_assert_msg(off <= (int)(p.w * p.h / 500), "%s: %d pixels differ from the centring shift", name, off);
            for (int n = 1; n < c->turns; n++) {
                double s = moved_share(&p, a, turn(360.0 / c->turns * n));
                ck_assert_msg(s < 0.002, "%s ink %zu: turn %d moves %.2f%%", name, ink, n, 100 * s);
            }
            for (int n = 0; n < c->nmirrors; n++) {
                double s = moved_share(&p, a, mirror(c->mirrors[n]));
                ck_assert_msg(s < 0.002, "%s ink %zu: mirror at %g deg moves %.2f%%", name, ink, c->mirrors[n],
                              100 * s);
            }
        }
        /* and not more than that (the soga plane carries the F) */
        image p = tile_plane(t, 1);
        for (int n = 0; n < c->nnot; n++) {
            double s = moved_share(&p, a, mirror(c->not_mirrors[n]));
            ck_assert_msg(s > 0.02, "%s has a mirror at %g deg", name, c->not_mirrors[n]);
        }
        if (c->turns == 3)
            ck_assert_msg(moved_share(&p, a, turn(60)) > 0.02, "%s has a 6-fold turn", name);
        canting_tile_free(t);
    }
    fixture_close(&f);
}
END_TEST

/* A shape that covers the whole cell covers the whole unit: where images of
 * the region meet, their edge pixels add up to full coverage, with no line
 * of cloth between them. */
START_TEST(hexagonal_units_have_no_seams)
{
    motif_fixture f;
    fixture_open(&f, "motif full\ninks\n  cloth #ffffff\n  soga #804020\n  indigo #102040\nrepeat 20mm\ndraw\n"
                     "  rect width 30mm height 30mm fill soga\n"
                     "  circle r 2mm fill indigo\n");
    for (int l = CT_LAYOUT_P3; l <= CT_LAYOUT_P6M; l++) {
        canting_tile *t = motif_unit(&f, (ct_layout_kind)l, 73);
        image a = tile_plane(t, 1), b = tile_plane(t, 2);
        int short_ = 0;
        for (uint32_t y = 0; y < a.h; y++) {
            for (uint32_t x = 0; x < a.w; x++) {
                unsigned sum = *at(&a, x, y) + *at(&b, x, y);
                /* where six or twelve images meet, their rounded shares
                 * can fall a few levels short */
                ck_assert_msg(sum >= 240 && sum <= 256, "%s: pixel (%u, %u) is covered %u/255",
                              ct_layout_name((ct_layout_kind)l), x, y, sum);
                short_ += sum < 253;
            }
        }
        ck_assert_int_le(short_, 8);
        /* the cell's centre is a lattice point: at the unit's centre and corners */
        ck_assert_uint_eq(*at(&b, a.w / 2, a.h / 2), 255);
        ck_assert_uint_eq(*at(&b, a.w / 2 - 1, a.h / 2 - 1), 255);
        ck_assert_uint_eq(*at(&b, 0, 0), 255);
        ck_assert_uint_eq(*at(&b, -1, -1), 255);
        ck_assert_uint_eq(*at(&b, a.w / 4, a.h / 2), 0);
        canting_tile_free(t);
    }
    fixture_close(&f);
}
END_TEST

/* The composite of a hexagonal unit is made from its planes, as a cell's is. */
START_TEST(hexagonal_composite_matches_planes)
{
    motif_fixture f;
    fixture_open(&f, f_motif);
    canting_tile *t = motif_unit(&f, CT_LAYOUT_P6M, 60);
    image a = tile_plane(t, 1), b = tile_plane(t, 2), rgb = tile_rgb(t);
    for (uint32_t y = 0; y < a.h; y++) {
        for (uint32_t x = 0; x < a.w; x++) {
            unsigned c1 = *at(&a, x, y), c2 = *at(&b, x, y), cloth = c1 + c2 >= 255 ? 0 : 255 - c1 - c2;
            for (int c = 0; c < 3; c++) {
                unsigned shift = 16 - 8 * c;
                unsigned want = (c1 * ((f.rgb[1] >> shift) & 255) + c2 * ((f.rgb[2] >> shift) & 255) +
                                 cloth * ((f.rgb[0] >> shift) & 255) + 127) / 255;
                ck_assert_uint_eq(at(&rgb, x, y)[c], want);
            }
        }
    }
    canting_tile_free(t);
    fixture_close(&f);
}
END_TEST

int main(void)
{
    const TTest *tests[] = {
        raster_units_have_exactly_their_groups_symmetry,
        raster_units_obey_the_generators,
        engine_layouts_get_the_tile_back,
        raster_refusals,
        motif_units_have_exactly_their_groups_symmetry,
        motif_and_raster_units_agree,
        asymmetric_motif_is_not_symmetric,
        motif_refusals,
        hexagonal_units_have_their_groups_symmetry,
        hexagonal_units_have_no_seams,
        hexagonal_composite_matches_planes,
    };
    return tu_main("wallpaper", tests, sizeof tests / sizeof tests[0], 300, NULL, NULL);
}
