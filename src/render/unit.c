/* unit.c: the repeat unit of a wallpaper group, from a motif or a cell of
 * pixels.  Groups with a rectangular or square lattice are folded from the
 * cell's pixels, so their mirrors and turns are exact; the hexagonal ones
 * are drawn from the motif's shapes, since a 60-degree turn does not map
 * pixels onto pixels.  The block tables are described in unit.h. */
#include "render/unit.h"
#include "util/util.h"

#include <math.h>
#include <string.h>

/* ---- groups with a rectangular or square lattice --------------------------- */

/* A block's pixel map as three bits: swap x and y first, then flip. */
enum { FLIP_X = 1, FLIP_Y = 2, SWAP = 4 };
enum { I = 0, FX = FLIP_X, FY = FLIP_Y, R = FLIP_X | FLIP_Y, D = SWAP, CCW = SWAP | FLIP_X, CW = SWAP | FLIP_Y,
       AD = SWAP | FLIP_X | FLIP_Y };

typedef struct unit_plan {
    uint8_t cols, rows;
    uint8_t fold;       /* fold the cell over its main diagonal first (p4m) */
    uint8_t square;     /* quarter turns or diagonal flips: the cell must be square */
    uint8_t blocks[16]; /* row by row */
} unit_plan;

/* Indexed by layout - CT_LAYOUT_P1, up to p4g. */
static const unit_plan plans[] = {
    {1, 1, 0, 0, {I}},                                                       /* p1 */
    {2, 1, 0, 0, {I, R}},                                                    /* p2 */
    {2, 1, 0, 0, {I, FX}},                                                   /* pm */
    {1, 2, 0, 0, {I, FX}},                                                   /* pg */
    {2, 2, 0, 0, {I, FX, FX, I}},                                            /* cm */
    {2, 2, 0, 0, {I, FX, FY, R}},                                            /* pmm */
    {2, 2, 0, 0, {I, FX, R, FY}},                                            /* pmg */
    {2, 2, 0, 0, {I, FY, FX, R}},                                            /* pgg */
    {4, 2, 0, 0, {I, R, FY, FX, FY, FX, I, R}},                              /* cmm */
    {2, 2, 0, 1, {I, CW, CCW, R}},                                           /* p4 */
    {2, 2, 1, 1, {I, CW, CCW, R}},                                           /* p4m */
    {4, 4, 0, 1, {I, CW, D, FX, CCW, R, FY, AD, D, FX, I, CW, FY, AD, CCW, R}}, /* p4g */
};

/* The plan of a layout; the engine's own layouts are one plain cell, like
 * p1.  NULL for the hexagonal groups and unknown values. */
static const unit_plan *plan_of(ct_layout_kind layout)
{
    if ((unsigned)layout <= CT_LAYOUT_P1)
        return &plans[0];
    if (layout <= CT_LAYOUT_P4G)
        return &plans[layout - CT_LAYOUT_P1];
    return NULL;
}

void ct_unit_cells(ct_layout_kind layout, uint32_t *cols, uint32_t *rows)
{
    const unit_plan *plan = plan_of(layout);
    *cols = plan ? plan->cols : 0;
    *rows = plan ? plan->rows : 0;
}

canting_status ct_unit_check_cell(ct_layout_kind layout, uint32_t w, uint32_t h, const char *what,
                                  canting_error *err)
{
    if ((unsigned)layout >= CT_LAYOUT_COUNT)
        return ct_fail(err, CANTING_EARG, "unknown layout (%d)", (int)layout);
    if (ct_layout_is_hexagonal(layout))
        return ct_fail(err, CANTING_EARG,
                       "layout %s has a hexagonal lattice: its 60- and 120-degree turns do not map a %s's "
                       "pixels onto pixels, so it needs a motif, not a raster %s",
                       ct_layout_name(layout), what, what);
    if (plan_of(layout)->square && w != h)
        return ct_fail(err, CANTING_EARG,
                       "layout %s turns the %s by 90 degrees, so the %s must be square; it is %ux%u px",
                       ct_layout_name(layout), what, what, w, h);
    return CANTING_OK;
}

/* Copies row y of block `op` (w pixels) from the cell.  Without a fold the
 * source pixels lie on one cell row or column, a fixed step apart. */
static void fold_block_row(const uint8_t *cell, uint32_t w, uint32_t h, size_t stride, unsigned bpp, unsigned op,
                           int fold, uint32_t y, uint8_t *out)
{
    for (uint32_t x = 0; x < w; x++) {
        uint32_t u = op & SWAP ? y : x, v = op & SWAP ? x : y;
        uint32_t sx = op & FLIP_X ? w - 1 - u : u, sy = op & FLIP_Y ? h - 1 - v : v;
        if (fold && sy > sx) {
            uint32_t t = sx;
            sx = sy;
            sy = t;
        }
        const uint8_t *src = cell + (size_t)sy * stride + (size_t)sx * bpp;
        if (bpp == 1)
            out[x] = *src;
        else
            memcpy(out + (size_t)x * bpp, src, bpp);
    }
}

void ct_unit_fold(const uint8_t *cell, uint32_t w, uint32_t h, size_t stride, unsigned bpp, ct_layout_kind layout,
                  uint8_t *unit, size_t unit_stride)
{
    const unit_plan *plan = plan_of(layout);
    size_t block_bytes = (size_t)w * bpp;
    for (uint32_t j = 0; j < plan->rows; j++) {
        for (uint32_t y = 0; y < h; y++) {
            uint8_t *row = unit + ((size_t)j * h + y) * unit_stride;
            for (uint32_t i = 0; i < plan->cols; i++) {
                unsigned op = plan->blocks[j * plan->cols + i];
                uint8_t *out = row + i * block_bytes;
                if (op == I && !plan->fold)
                    memcpy(out, cell + (size_t)y * stride, block_bytes); /* the common case, kept quick */
                else
                    fold_block_row(cell, w, h, stride, bpp, op, plan->fold, y, out);
            }
        }
    }
}

/* The unit of a rectangular-lattice group made from the cell tile's planes
 * and composite, each folded the same way, so the planes still partition
 * every pixel and the composite still matches them. */
static canting_status folded_unit(const canting_tile *cell, ct_layout_kind layout, const canting_limits *limits,
                                  canting_tile **out, canting_error *err)
{
    uint32_t cols, rows;
    ct_unit_cells(layout, &cols, &rows);
    uint64_t w = (uint64_t)cols * cell->width_px, h = (uint64_t)rows * cell->height_px;
    if (w > UINT32_MAX || h > UINT32_MAX || w * h > limits->max_tile_pixels)
        return ct_fail(err, CANTING_ELIMIT,
                       "the repeat unit of %s (%ux%u cells) is %llux%llu px, more than the pixel limit",
                       ct_layout_name(layout), cols, rows, (unsigned long long)w, (unsigned long long)h);
    canting_tile *t;
    canting_status st = ct_tile_new((uint32_t)w, (uint32_t)h, cell->nplanes, &t, err);
    if (st != CANTING_OK)
        return st;
    for (size_t p = 0; p < cell->nplanes; p++) {
        cairo_surface_t *src = cell->planes[p], *dst = t->planes[p];
        cairo_surface_flush(dst);
        ct_unit_fold(cairo_image_surface_get_data(src), cell->width_px, cell->height_px,
                     (size_t)cairo_image_surface_get_stride(src), 1, layout, cairo_image_surface_get_data(dst),
                     (size_t)cairo_image_surface_get_stride(dst));
        cairo_surface_mark_dirty(dst);
    }
    ct_unit_fold(cell->rgb, cell->width_px, cell->height_px, cell->rgb_stride, 3, layout, t->rgb, t->rgb_stride);
    *out = t;
    return CANTING_OK;
}

static canting_status rectangular_unit(const ct_scene *sc, const unsigned *ink_rgb, size_t ninks,
                                       ct_layout_kind layout, double dpi, const canting_limits *limits,
                                       canting_tile **out, canting_error *err)
{
    canting_tile *cell;
    canting_status st = ct_tile_from_scene(sc, ink_rgb, ninks, dpi, limits, &cell, err);
    if (st != CANTING_OK)
        return st;
    const unit_plan *plan = plan_of(layout);
    if (plan->cols == 1 && plan->rows == 1 && !plan->fold) {
        *out = cell; /* the cell is the unit */
        return CANTING_OK;
    }
    st = ct_unit_check_cell(layout, cell->width_px, cell->height_px, "cell", err);
    if (st == CANTING_OK)
        st = folded_unit(cell, layout, limits, out, err);
    canting_tile_free(cell);
    return st;
}

/* ---- hexagonal groups ----------------------------------------------------- */

/* The fundamental regions, each a wedge at the lattice point with its
 * first side pointing up:
 *   RHOMB     centre, v0, v1, v2       120 degrees (p3)
 *   TRIANGLE  centre, v0, v1           60 degrees (p3m1, p6)
 *   KITE      centre, m-1, v0, m0      60 degrees between mirrors (p31m)
 *   HALF      centre, v0, m0           30 degrees (p6m)
 * where v_k are the corners of the lattice point's hexagon (at -90 + 60k
 * degrees, a/sqrt(3) away) and m_k the middles of its sides (at -60 + 60k
 * degrees, a/2 away). */
typedef enum region_kind { REGION_RHOMB, REGION_TRIANGLE, REGION_KITE, REGION_HALF } region_kind;

typedef struct hex_group {
    ct_layout_kind layout;
    unsigned turns;         /* the lattice points are n-fold centres */
    unsigned nmirrors;      /* mirror lines through the lattice points ... */
    double mirror_deg[6];   /* ... at these angles (clockwise from +x on screen) */
    region_kind region;
} hex_group;

static const hex_group hex_groups[] = {
    {CT_LAYOUT_P3, 3, 0, {0}, REGION_RHOMB},
    {CT_LAYOUT_P3M1, 3, 3, {90, 30, 150}, REGION_TRIANGLE},
    {CT_LAYOUT_P31M, 3, 3, {0, 60, 120}, REGION_KITE},
    {CT_LAYOUT_P6, 6, 0, {0}, REGION_TRIANGLE},
    {CT_LAYOUT_P6M, 6, 6, {0, 30, 60, 90, 120, 150}, REGION_HALF},
};

#define SQRT3 1.7320508075688772
#define DEG (3.14159265358979323846 / 180)
/* Lattice points p*e1 + q*e2 from the unit's centre, |p|, |q| <= this, are
 * enough to reach every corner of the unit. */
#define LATTICE_REACH 2
#define MAX_MAPS ((2 * LATTICE_REACH + 1) * (2 * LATTICE_REACH + 1) * 12)

static void polar(double r, double deg, double *xy)
{
    xy[0] = r * cos(deg * DEG);
    xy[1] = r * sin(deg * DEG);
}

/* Fills pts (x, y pairs) with the region of a lattice of spacing a;
 * returns the number of points. */
static size_t region_points(region_kind kind, double a, double pts[8])
{
    double r = a / SQRT3;
    pts[0] = pts[1] = 0;
    switch (kind) {
    case REGION_RHOMB:
        polar(r, -90, pts + 2);
        polar(r, -30, pts + 4);
        polar(r, 30, pts + 6);
        return 4;
    case REGION_TRIANGLE:
        polar(r, -90, pts + 2);
        polar(r, -30, pts + 4);
        return 3;
    case REGION_KITE:
        polar(a / 2, -120, pts + 2);
        polar(r, -90, pts + 4);
        polar(a / 2, -60, pts + 6);
        return 4;
    case REGION_HALF:
    default:
        polar(r, -90, pts + 2);
        polar(a / 2, -60, pts + 4);
        return 3;
    }
}

/* The group's turns and mirrors about the origin (its point group, since
 * every hexagonal group has all of it at the lattice points); returns how
 * many. */
static size_t point_group(const hex_group *g, cairo_matrix_t *out)
{
    size_t n = 0;
    for (unsigned k = 0; k < g->turns; k++) {
        double c = cos(360.0 / g->turns * k * DEG), s = sin(360.0 / g->turns * k * DEG);
        cairo_matrix_init(&out[n++], c, s, -s, c, 0, 0);
    }
    for (unsigned k = 0; k < g->nmirrors; k++) {
        double c = cos(2 * g->mirror_deg[k] * DEG), s = sin(2 * g->mirror_deg[k] * DEG);
        cairo_matrix_init(&out[n++], c, s, s, -c, 0, 0);
    }
    return n;
}

/* Every image of the region around the lattice points near the unit: the
 * point group moved to each lattice point.  The unit is a x a*sqrt(3) with
 * lattice points at its centre and corners; e1 = (a, 0), e2 = (a/2, a*sqrt(3)/2). */
static size_t lattice_maps(const hex_group *g, double a, cairo_matrix_t *maps)
{
    cairo_matrix_t pg[12];
    size_t npg = point_group(g, pg), n = 0;
    for (int p = -LATTICE_REACH; p <= LATTICE_REACH; p++) {
        for (int q = -LATTICE_REACH; q <= LATTICE_REACH; q++) {
            double lx = a / 2 + p * a + q * a / 2, ly = a * SQRT3 / 2 + q * a * SQRT3 / 2;
            for (size_t k = 0; k < npg; k++) {
                maps[n] = pg[k];
                maps[n].x0 = lx;
                maps[n].y0 = ly;
                n++;
            }
        }
    }
    return n;
}

/* Even pixel counts each way, so the lattice point at the unit's centre
 * falls on a pixel corner and the centring translation moves whole pixels. */
static canting_status hex_pixels(double a_mm, double dpi, uint32_t *w, uint32_t *h, canting_error *err)
{
    double wpx = 2 * round(a_mm * dpi / 25.4 / 2);
    if (wpx < 2)
        wpx = 2;
    double hpx = 2 * round(wpx * SQRT3 / 2);
    if (hpx > 32767)
        return ct_fail(err, CANTING_ELIMIT,
                       "the hexagonal repeat unit is %.0fx%.0f px at %g dpi; at most 32767 px a side", wpx, hpx,
                       dpi);
    *w = (uint32_t)wpx;
    *h = (uint32_t)hpx;
    return CANTING_OK;
}

static canting_status hexagonal_unit(const ct_scene *sc, const unsigned *ink_rgb, size_t ninks,
                                     ct_layout_kind layout, double dpi, const canting_limits *limits,
                                     canting_tile **out, canting_error *err)
{
    const hex_group *g = &hex_groups[layout - CT_LAYOUT_P3];
    double a = sc->cell_w_mm, pts[8];
    cairo_matrix_t maps[MAX_MAPS];
    ct_tile_images im = {a, a * SQRT3, maps, lattice_maps(g, a, maps), pts, region_points(g->region, a, pts)};
    uint32_t w = 0, h = 0;
    canting_status st = hex_pixels(a, dpi, &w, &h, err);
    if (st != CANTING_OK)
        return st;
    return ct_tile_from_images(sc, ink_rgb, ninks, &im, w, h, limits, out, err);
}

/* ---- the unit as images, for vector output ------------------------------- */

static void rect_clip(ct_unit_image *im, double w, double h, int triangle)
{
    double pts[8] = {-w / 2, -h / 2, w / 2, -h / 2, w / 2, h / 2, -w / 2, h / 2};
    memcpy(im->clip, pts, sizeof pts);
    /* p4m keeps the half above the main diagonal (y <= x) */
    im->clip_points = triangle ? 3 : 4;
}

/* Block (i, j) of a plan: flips, then the swap, as fold_block_row reads
 * pixels (its inverse), then moved to the block's place. */
static cairo_matrix_t block_map(unsigned op, uint32_t i, uint32_t j, double w, double h, int diagonal)
{
    cairo_matrix_t m, t;
    cairo_matrix_init_identity(&m);
    if (diagonal)
        cairo_matrix_init(&m, 0, 1, 1, 0, 0, 0);
    cairo_matrix_init(&t, op & FLIP_X ? -1 : 1, 0, 0, op & FLIP_Y ? -1 : 1, 0, 0);
    cairo_matrix_multiply(&m, &m, &t);
    if (op & SWAP) {
        cairo_matrix_init(&t, 0, 1, 1, 0, 0, 0);
        cairo_matrix_multiply(&m, &m, &t);
    }
    cairo_matrix_init_translate(&t, i * w + w / 2, j * h + h / 2);
    cairo_matrix_multiply(&m, &m, &t);
    return m;
}

static size_t rectangular_images(const unit_plan *plan, double w, double h, ct_unit_image *out)
{
    size_t n = 0;
    for (uint32_t j = 0; j < plan->rows; j++) {
        for (uint32_t i = 0; i < plan->cols; i++) {
            for (int diagonal = 0; diagonal <= plan->fold; diagonal++) {
                out[n].map = block_map(plan->blocks[j * plan->cols + i], i, j, w, h, diagonal);
                out[n].wrap = 1;
                rect_clip(&out[n++], w, h, plan->fold);
            }
        }
    }
    return n;
}

static size_t hexagonal_images(ct_layout_kind layout, double a, ct_unit_image *out)
{
    const hex_group *g = &hex_groups[layout - CT_LAYOUT_P3];
    cairo_matrix_t maps[MAX_MAPS];
    double pts[8];
    size_t n = lattice_maps(g, a, maps), npts = region_points(g->region, a, pts);
    for (size_t k = 0; k < n && k < CT_UNIT_MAX_IMAGES; k++) {
        out[k].map = maps[k];
        memcpy(out[k].clip, pts, sizeof pts);
        out[k].clip_points = npts;
        out[k].wrap = 0;
    }
    return n < CT_UNIT_MAX_IMAGES ? n : CT_UNIT_MAX_IMAGES;
}

size_t ct_unit_images(ct_layout_kind layout, double w, double h, double *unit_w, double *unit_h,
                      ct_unit_image *out)
{
    if (ct_layout_is_hexagonal(layout)) {
        *unit_w = w;
        *unit_h = w * SQRT3;
        return hexagonal_images(layout, w, out);
    }
    const unit_plan *plan = layout == CT_LAYOUT_MIRROR ? &plans[CT_LAYOUT_PMM - CT_LAYOUT_P1] : plan_of(layout);
    if (!plan || layout == CT_LAYOUT_STRAIGHT || layout == CT_LAYOUT_HALF_DROP || layout == CT_LAYOUT_BRICK)
        return 0;
    *unit_w = plan->cols * w;
    *unit_h = plan->rows * h;
    return rectangular_images(plan, w, h, out);
}

/* ---- either -------------------------------------------------------------- */

canting_status ct_unit_from_scene(const ct_scene *scene, const unsigned *ink_rgb, size_t ninks,
                                  ct_layout_kind layout, double dpi, const canting_limits *limits,
                                  canting_tile **out, canting_error *err)
{
    *out = NULL;
    if ((unsigned)layout >= CT_LAYOUT_COUNT)
        return ct_fail(err, CANTING_EARG, "unknown layout (%d)", (int)layout);
    if (!(scene->cell_w_mm > 0) || !(scene->cell_h_mm > 0))
        return ct_fail(err, CANTING_EARG, "the motif has no repeat cell");
    if (!(dpi >= 1 && dpi <= 10000))
        return ct_fail(err, CANTING_ERANGE, "dpi must be from 1 to 10000, not %g", dpi);
    if (ct_layout_is_hexagonal(layout))
        return hexagonal_unit(scene, ink_rgb, ninks, layout, dpi, limits, out, err);
    return rectangular_unit(scene, ink_rgb, ninks, layout, dpi, limits, out, err);
}
