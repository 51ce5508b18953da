/*
 * layout.c: repeat units and the rows of the endless repeat, made on demand.
 *
 * Every layout is reduced, when the unit is built, to one of three ways of
 * making a row, each a few span copies:
 *   UNIT_ROWS  the row is unit row (y mod unit_h), repeated: one span.
 *              Straight, mirror (the unit is the 2w x 2h mirrored block)
 *              and half-drop when the drop cycle is short enough to widen
 *              the unit to n tiles, n = h / gcd(h, D), after which the
 *              pattern is straight again.
 *   BRICK      the tile row shifted by (r * B) mod w: one span from a phase.
 *   COLUMNS    half-drop whose widened unit would be too big: one span per
 *              tile-wide column block, each from its own tile row.
 */
#include "repeat/layout.h"

#include "util/util.h"

#include <math.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_MAX_UNIT_BYTES ((size_t)64 << 20)
#define DEFAULT_MIN_THREAD_BYTES ((size_t)256 << 10)
/* More threads than this buy nothing for a memory-bound copy. */
#define MAX_THREADS 64

typedef enum row_mode { MODE_UNIT_ROWS, MODE_BRICK, MODE_COLUMNS } row_mode;

struct ct_repeat {
    row_mode mode;
    unsigned bpp;
    uint32_t tile_w, tile_h;
    uint64_t unit_h;  /* rows in the unit: h, or 2h for mirror */
    size_t row_bytes; /* bytes in one unit row: the span period */
    uint32_t step;    /* BRICK: B mod w (px); COLUMNS: D mod h (rows) */
    uint8_t *unit;    /* unit_h rows of row_bytes, no padding */
    ct_span_copy_fn copy;
    size_t min_thread_bytes;
};

/* ---- building the unit ---------------------------------------------------- */

static uint64_t gcd_u64(uint64_t a, uint64_t b)
{
    while (b != 0) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* round(fraction * size) reduced mod size: the drop or shift in pixels. */
static uint32_t fraction_px(double fraction, uint32_t size)
{
    uint64_t px = (uint64_t)round(fraction * (double)size); /* 0 .. size */
    return (uint32_t)(px % size);
}

/* Allocates an unit of `rows` rows of `row_bytes`, refusing sizes that do
 * not fit in size_t or exceed `cap`. */
static canting_status alloc_unit(ct_repeat *rep, size_t row_bytes, uint64_t rows, size_t cap)
{
    size_t bytes;

    if (rows > SIZE_MAX || !ct_mul_size(row_bytes, (size_t)rows, &bytes) || bytes > cap)
        return CANTING_ENOMEM;
    rep->unit = ct_malloc(bytes);
    if (rep->unit == NULL)
        return CANTING_ENOMEM;
    rep->row_bytes = row_bytes;
    rep->unit_h = rows;
    return CANTING_OK;
}

/* The unit is the tile itself, made contiguous. */
static canting_status build_plain(ct_repeat *rep, const uint8_t *tile, size_t stride)
{
    size_t tile_row = (size_t)rep->tile_w * rep->bpp;
    canting_status st = alloc_unit(rep, tile_row, rep->tile_h, SIZE_MAX);
    uint32_t y;

    if (st != CANTING_OK)
        return st;
    for (y = 0; y < rep->tile_h; y++)
        memcpy(rep->unit + (size_t)y * tile_row, tile + (size_t)y * stride, tile_row);
    return CANTING_OK;
}

/* Unit row uy of the mirror unit: the tile row, and its pixels reversed. */
static void mirror_row(uint8_t *out, const uint8_t *src, uint32_t w, unsigned bpp)
{
    size_t half = (size_t)w * bpp;
    uint32_t x;

    memcpy(out, src, half);
    for (x = 0; x < w; x++)
        memcpy(out + half + (size_t)x * bpp, src + (size_t)(w - 1 - x) * bpp, bpp);
}

static canting_status build_mirror(ct_repeat *rep, const uint8_t *tile, size_t stride)
{
    uint64_t h = rep->tile_h;
    size_t row_bytes;
    canting_status st;
    uint64_t uy;

    if (!ct_mul_size((size_t)rep->tile_w * 2, rep->bpp, &row_bytes))
        return CANTING_ENOMEM;
    st = alloc_unit(rep, row_bytes, 2 * h, SIZE_MAX);
    if (st != CANTING_OK)
        return st;
    for (uy = 0; uy < 2 * h; uy++) {
        uint64_t ty = uy < h ? uy : 2 * h - 1 - uy;
        mirror_row(rep->unit + (size_t)uy * row_bytes, tile + (size_t)ty * stride, rep->tile_w, rep->bpp);
    }
    return CANTING_OK;
}

/* Half-drop widened to n column blocks: block k of unit row uy is tile row
 * (uy - k*D) mod h, and n*D is a multiple of h, so the wide unit repeats
 * straight.  Fails (CANTING_ENOMEM) when it would exceed `cap`. */
static canting_status build_wide_drop(ct_repeat *rep, const uint8_t *tile, size_t stride, uint64_t n, size_t cap)
{
    uint64_t h = rep->tile_h, drop = rep->step;
    size_t tile_row = (size_t)rep->tile_w * rep->bpp;
    size_t row_bytes;
    canting_status st;
    uint64_t uy, k;

    if (n > SIZE_MAX || !ct_mul_size(tile_row, (size_t)n, &row_bytes))
        return CANTING_ENOMEM;
    st = alloc_unit(rep, row_bytes, h, cap);
    if (st != CANTING_OK)
        return st;
    for (uy = 0; uy < h; uy++) {
        uint64_t ty = uy;
        for (k = 0; k < n; k++) {
            memcpy(rep->unit + (size_t)uy * row_bytes + (size_t)k * tile_row, tile + (size_t)ty * stride,
                   tile_row);
            ty = ty >= drop ? ty - drop : ty + h - drop;
        }
    }
    return CANTING_OK;
}

static canting_status build_half_drop(ct_repeat *rep, const uint8_t *tile, size_t stride, double fraction,
                                      size_t cap)
{
    uint64_t n;

    rep->step = fraction_px(fraction, rep->tile_h);
    if (rep->step == 0)
        return build_plain(rep, tile, stride);
    n = rep->tile_h / gcd_u64(rep->tile_h, rep->step);
    if (build_wide_drop(rep, tile, stride, n, cap) == CANTING_OK)
        return CANTING_OK;
    /* Too big (or no memory) for the wide unit: draw column by column. */
    rep->mode = MODE_COLUMNS;
    return build_plain(rep, tile, stride);
}

static canting_status build_brick(ct_repeat *rep, const uint8_t *tile, size_t stride, double fraction)
{
    rep->step = fraction_px(fraction, rep->tile_w);
    if (rep->step != 0)
        rep->mode = MODE_BRICK;
    return build_plain(rep, tile, stride);
}

static canting_status check_args(const uint8_t *tile, uint32_t w, uint32_t h, size_t stride, unsigned bpp,
                                 ct_layout_kind layout, double fraction)
{
    size_t last_row;

    if (tile == NULL || w == 0 || h == 0 || (bpp != 1 && bpp != 3 && bpp != 4))
        return CANTING_EARG;
    /* The engine makes the four tile layouts; wallpaper groups arrive here
     * as a unit already built, laid out straight. */
    if (stride < (size_t)w * bpp || (unsigned)layout > CT_LAYOUT_MIRROR)
        return CANTING_EARG;
    /* A tile whose last byte lies beyond SIZE_MAX cannot be in memory. */
    if (!ct_mul_size(h - 1, stride, &last_row) || !ct_add_size(last_row, (size_t)w * bpp, &last_row))
        return CANTING_EARG;
    if ((layout == CT_LAYOUT_HALF_DROP || layout == CT_LAYOUT_BRICK) && !(fraction >= 0.0 && fraction <= 1.0))
        return CANTING_EARG; /* also refuses NaN */
    return CANTING_OK;
}

static canting_status build_unit(ct_repeat *rep, const uint8_t *tile, size_t stride, ct_layout_kind layout,
                                 double fraction, size_t cap)
{
    switch (layout) {
    case CT_LAYOUT_HALF_DROP:
        return build_half_drop(rep, tile, stride, fraction, cap);
    case CT_LAYOUT_BRICK:
        return build_brick(rep, tile, stride, fraction);
    case CT_LAYOUT_MIRROR:
        return build_mirror(rep, tile, stride);
    case CT_LAYOUT_STRAIGHT:
    default:
        return build_plain(rep, tile, stride);
    }
}

canting_status ct_repeat_new_tuned(const uint8_t *tile, uint32_t w, uint32_t h, size_t stride, unsigned bpp,
                                   ct_layout_kind layout, double fraction, const ct_repeat_tuning *tuning,
                                   ct_repeat **out)
{
    ct_repeat_tuning t = {NULL, 0, 0};
    canting_status st;
    ct_repeat *rep;

    if (out == NULL)
        return CANTING_EARG;
    *out = NULL;
    st = check_args(tile, w, h, stride, bpp, layout, fraction);
    if (st != CANTING_OK)
        return st;
    if (tuning != NULL)
        t = *tuning;
    rep = ct_malloc(sizeof *rep);
    if (rep == NULL)
        return CANTING_ENOMEM;
    memset(rep, 0, sizeof *rep);
    rep->mode = MODE_UNIT_ROWS;
    rep->bpp = bpp;
    rep->tile_w = w;
    rep->tile_h = h;
    rep->copy = t.kernel != NULL ? t.kernel->copy : ct_span_best()->copy;
    rep->min_thread_bytes = t.min_thread_bytes != 0 ? t.min_thread_bytes : DEFAULT_MIN_THREAD_BYTES;
    st = build_unit(rep, tile, stride, layout, fraction,
                    t.max_unit_bytes != 0 ? t.max_unit_bytes : DEFAULT_MAX_UNIT_BYTES);
    if (st != CANTING_OK) {
        ct_repeat_free(rep);
        return st;
    }
    *out = rep;
    return CANTING_OK;
}

canting_status ct_repeat_new(const uint8_t *tile, uint32_t w, uint32_t h, size_t stride, unsigned bpp,
                             ct_layout_kind layout, double fraction, ct_repeat **out)
{
    return ct_repeat_new_tuned(tile, w, h, stride, bpp, layout, fraction, NULL, out);
}

void ct_repeat_free(ct_repeat *rep)
{
    if (rep == NULL)
        return;
    ct_free(rep->unit);
    ct_free(rep);
}

uint64_t ct_repeat_period_rows(const ct_repeat *rep)
{
    if (rep == NULL)
        return 0;
    if (rep->mode == MODE_BRICK) /* row r is shifted by r*B mod w: back after w/gcd(w,B) rows of tiles */
        return (uint64_t)rep->tile_h * (rep->tile_w / gcd_u64(rep->tile_w, rep->step));
    return rep->mode == MODE_COLUMNS ? rep->tile_h : rep->unit_h;
}

uint64_t ct_repeat_period_cols(const ct_repeat *rep)
{
    if (rep == NULL)
        return 0;
    if (rep->mode == MODE_COLUMNS) /* the drop comes round after h/gcd(h,D) columns of tiles */
        return (uint64_t)rep->tile_w * (rep->tile_h / gcd_u64(rep->tile_h, rep->step));
    return rep->mode == MODE_BRICK ? rep->tile_w : rep->row_bytes / rep->bpp;
}

unsigned ct_repeat_bpp(const ct_repeat *rep)
{
    return rep != NULL ? rep->bpp : 0;
}

/* ---- making rows ---------------------------------------------------------- */

static const uint8_t *unit_row(const ct_repeat *rep, uint64_t uy)
{
    return rep->unit + (size_t)uy * rep->row_bytes;
}

/* Row r = floor(y/h) of tiles starts at tile column (-r*B) mod w.  Reducing
 * r mod w first keeps the product below 2^64 for any y. */
static void row_brick(const ct_repeat *rep, uint64_t y, uint8_t *dst, size_t n)
{
    uint64_t w = rep->tile_w;
    uint64_t shift = ((y / rep->tile_h) % w) * rep->step % w;
    uint64_t phase = shift == 0 ? 0 : w - shift;

    rep->copy(dst, n, unit_row(rep, y % rep->tile_h), rep->row_bytes, (size_t)phase * rep->bpp);
}

/* Column block c takes tile row (y - c*D) mod h; the row steps back by D
 * from one block to the next. */
static void row_columns(const ct_repeat *rep, uint64_t y, uint8_t *dst, uint32_t out_width_px)
{
    uint64_t h = rep->tile_h, drop = rep->step, ty = y % h;
    uint64_t x;

    for (x = 0; x < out_width_px; x += rep->tile_w) {
        uint64_t m = out_width_px - x < rep->tile_w ? out_width_px - x : rep->tile_w;
        rep->copy(dst + (size_t)x * rep->bpp, (size_t)m * rep->bpp, unit_row(rep, ty), rep->row_bytes, 0);
        ty = ty >= drop ? ty - drop : ty + h - drop;
    }
}

/* Arguments already checked. */
static void make_row(const ct_repeat *rep, uint64_t y, uint8_t *dst, uint32_t out_width_px)
{
    size_t n = (size_t)out_width_px * rep->bpp; /* < 2^34: fits */

    switch (rep->mode) {
    case MODE_BRICK:
        row_brick(rep, y, dst, n);
        break;
    case MODE_COLUMNS:
        row_columns(rep, y, dst, out_width_px);
        break;
    case MODE_UNIT_ROWS:
    default:
        rep->copy(dst, n, unit_row(rep, y % rep->unit_h), rep->row_bytes, 0);
        break;
    }
}

canting_status ct_repeat_row(const ct_repeat *rep, uint64_t y, uint8_t *dst, uint32_t out_width_px)
{
    if (rep == NULL || (dst == NULL && out_width_px > 0))
        return CANTING_EARG;
    if (out_width_px > 0)
        make_row(rep, y, dst, out_width_px);
    return CANTING_OK;
}

/* ---- strips on several threads -------------------------------------------- */

typedef struct strip_job {
    const ct_repeat *rep;
    uint64_t y0;
    uint32_t rows;
    uint8_t *dst;
    size_t dst_stride;
    uint32_t out_width_px;
} strip_job;

static void run_strip(const strip_job *job)
{
    uint32_t k;

    for (k = 0; k < job->rows; k++)
        make_row(job->rep, job->y0 + k, job->dst + (size_t)k * job->dst_stride, job->out_width_px);
}

static void *strip_thread(void *arg)
{
    run_strip(arg);
    return NULL;
}

/* How many threads are worth starting: the request (0: online CPUs), no
 * more than rows, and each with at least min_thread_bytes of output. */
static unsigned thread_count(const ct_repeat *rep, unsigned threads, uint32_t rows, size_t row_bytes)
{
    uint64_t by_bytes = (uint64_t)rows * row_bytes / rep->min_thread_bytes;
    uint64_t n = threads;

    if (n == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        n = cpus > 0 ? (uint64_t)cpus : 1;
    }
    if (n > rows)
        n = rows;
    if (n > by_bytes)
        n = by_bytes;
    if (n > MAX_THREADS)
        n = MAX_THREADS;
    return n == 0 ? 1 : (unsigned)n;
}

/* Splits rows into n near-equal strips; strip 0 runs on the caller. */
static void run_threads(const strip_job *all, unsigned n)
{
    strip_job jobs[MAX_THREADS];
    pthread_t ids[MAX_THREADS];
    int started[MAX_THREADS];
    unsigned i;

    for (i = 0; i < n; i++) {
        uint32_t a = (uint32_t)((uint64_t)all->rows * i / n);
        uint32_t b = (uint32_t)((uint64_t)all->rows * (i + 1) / n);
        jobs[i] = *all;
        jobs[i].y0 = all->y0 + a;
        jobs[i].rows = b - a;
        jobs[i].dst = all->dst + (size_t)a * all->dst_stride;
        started[i] = i > 0 && pthread_create(&ids[i], NULL, strip_thread, &jobs[i]) == 0;
    }
    for (i = 0; i < n; i++)
        if (!started[i])
            run_strip(&jobs[i]); /* strip 0, and any thread that failed to start */
    for (i = 1; i < n; i++)
        if (started[i])
            pthread_join(ids[i], NULL);
}

canting_status ct_repeat_rows(const ct_repeat *rep, uint64_t y0, uint32_t rows, uint8_t *dst, size_t dst_stride,
                              uint32_t out_width_px, unsigned threads)
{
    size_t row_bytes, span;
    strip_job all;

    if (rep == NULL)
        return CANTING_EARG;
    if (rows == 0 || out_width_px == 0)
        return CANTING_OK;
    row_bytes = (size_t)out_width_px * rep->bpp;
    if (dst == NULL || dst_stride < row_bytes || y0 > UINT64_MAX - (rows - 1))
        return CANTING_EARG;
    /* The strip's last byte must be addressable. */
    if (!ct_mul_size(rows - 1, dst_stride, &span) || !ct_add_size(span, row_bytes, &span))
        return CANTING_EARG;
    all = (strip_job){rep, y0, rows, dst, dst_stride, out_width_px};
    run_threads(&all, thread_count(rep, threads, rows, row_bytes));
    return CANTING_OK;
}
