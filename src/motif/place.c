/* place.c: where copies go and what confines them: the numbered copies of
 * a repetition (`as NAME`), `clip`, `scatter` (seeded points a minimum
 * distance apart, measured around the repeat so it stays seamless),
 * `islands` (the Voronoi cells of such points, each filled in turn) and
 * `along` (copies spaced along a line or an arc). */
#include "motif/build.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* ---- numbered copies -------------------------------------------------------- */

static int name_taken(const ct_motif_def *m, const char *name)
{
    for (size_t i = 0; i < m->nparams; i++)
        if (strcmp(m->params[i].name, name) == 0)
            return 1;
    for (size_t i = 0; i < m->nlets; i++)
        if (strcmp(m->lets[i].name, name) == 0)
            return 1;
    for (size_t i = 0; i < m->ninks; i++)
        if (strcmp(m->inks[i].name, name) == 0)
            return 1;
    return strcmp(name, "pi") == 0;
}

/* The loop draws with a copy of the instance whose names end in NAME, so
 * the body sees it and an inner `as` of the same name hides it. */
canting_status ct_loop_begin(ct_builder *b, const ct_instance *in, const ct_stmt *s, ct_loop *loop)
{
    memset(loop, 0, sizeof *loop);
    loop->in = *in;
    const ct_clause *as = ct_find_clause(s->clauses, s->nclauses, "as");
    if (!as)
        return CANTING_OK;
    const ct_arg *name = &as->args[0];
    if (name_taken(in->def, name->word))
        return ct_build_fail(b, in, name->line, name->column, CANTING_ESYNTAX,
                             "'%s' is already a name in this motif; give the copies' number another name",
                             name->word);
    ct_binding *bindings = ct_calloc(in->env.count + 1, sizeof *bindings);
    if (!bindings)
        return ct_fail(b->err, CANTING_ENOMEM, "out of memory");
    if (in->env.count)
        memcpy(bindings, in->env.bindings, in->env.count * sizeof *bindings);
    bindings[in->env.count] = (ct_binding){name->word, {0, CANTING_UNIT_NUMBER}};
    loop->in.env.bindings = bindings;
    loop->in.env.count = in->env.count + 1;
    loop->slot = in->env.count;
    loop->named = 1;
    return CANTING_OK;
}

canting_status ct_loop_copy(ct_builder *b, ct_loop *loop, size_t k, ct_stmt *const *stmts, size_t n,
                            const cairo_matrix_t *m)
{
    loop->in.copy = k;
    if (loop->named)
        loop->in.env.bindings[loop->slot].value.v = (double)k;
    return ct_exec_block(b, &loop->in, stmts, n, m);
}

void ct_loop_end(ct_loop *loop)
{
    if (loop->named)
        ct_free(loop->in.env.bindings);
    loop->named = 0;
}

/* ---- clip ---------------------------------------------------------------------- */

/* Makes b->cr's current path a region inside the current one; the scene
 * owns it.  Its extents are cut to the parent's, so ops inside an empty
 * intersection are dropped when emitted. */
static canting_status push_region(ct_builder *b, ct_clip **out)
{
    ct_scene *sc = b->scene;
    ct_clip *c = ct_calloc(1, sizeof *c);
    if (!c || !ct_grow((void **)&sc->clips, &sc->clipcap, sc->nclips + 1, sizeof *sc->clips)) {
        ct_free(c);
        return ct_fail(b->err, CANTING_ENOMEM, "out of memory");
    }
    canting_status st = ct_copy_device_path(b, &c->path);
    if (st != CANTING_OK) {
        ct_free(c);
        return st;
    }
    sc->clips[sc->nclips++] = c;
    cairo_save(b->cr);
    cairo_identity_matrix(b->cr);
    cairo_path_extents(b->cr, &c->x0, &c->y0, &c->x1, &c->y1);
    cairo_restore(b->cr);
    c->parent = b->clip;
    if (c->parent) {
        c->x0 = fmax(c->x0, c->parent->x0);
        c->y0 = fmax(c->y0, c->parent->y0);
        c->x1 = fmin(c->x1, c->parent->x1);
        c->y1 = fmin(c->y1, c->parent->y1);
    }
    *out = c;
    return CANTING_OK;
}

/* Draws stmts inside the region of b->cr's current path. */
static canting_status draw_inside(ct_builder *b, ct_loop *loop, size_t k, ct_stmt *const *stmts, size_t n,
                                  const cairo_matrix_t *m)
{
    ct_clip *region;
    canting_status st = push_region(b, &region);
    if (st != CANTING_OK)
        return st;
    const ct_clip *outer = b->clip;
    b->clip = region;
    st = ct_loop_copy(b, loop, k, stmts, n, m);
    b->clip = outer;
    return st;
}

canting_status ct_exec_clip(ct_builder *b, const ct_instance *in, const ct_stmt *s, const cairo_matrix_t *m)
{
    cairo_matrix_t shape_m;
    ct_loop loop;
    canting_status st = ct_placement(b, in, s->shape, m, &shape_m);
    if (st != CANTING_OK)
        return st;
    cairo_set_matrix(b->cr, &shape_m);
    cairo_new_path(b->cr);
    if ((st = ct_shape_path(b, in, s->shape)) != CANTING_OK || (st = ct_loop_begin(b, in, s, &loop)) != CANTING_OK)
        return st;
    loop.in.copy = in->copy;
    st = draw_inside(b, &loop, in->copy, s->body, s->nbody, m);
    ct_loop_end(&loop);
    return st;
}

/* ---- seeded points ---------------------------------------------------------------- */

/* splitmix64: a small, fixed generator, so a seed gives the same points on
 * every machine and in every version. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* A number in [0, 1). */
static double unit_random(uint64_t *state)
{
    return (double)(next_random(state) >> 11) * (1.0 / 9007199254740992.0);
}

/* Points in a w x h area whose distances are measured around it (across
 * the right edge to the left one, as the repeat joins them), kept in a
 * grid of buckets at least `spacing` wide so a new point is compared only
 * with those in the 3 x 3 buckets around it. */
typedef struct darts {
    double w, h, spacing;
    size_t gx, gy;
    size_t *head;             /* per bucket: its first point + 1; 0 when empty */
    size_t *next;             /* per point: the next point of its bucket + 1 */
    double *xy;               /* in [0, w) x [0, h) */
    size_t count;
} darts;

#define MAX_BUCKETS_A_SIDE 512
#define TRIES_PER_POINT 30

static size_t buckets_across(double size, double spacing)
{
    double n = spacing > 0 ? floor(size / spacing) : MAX_BUCKETS_A_SIDE;
    return n < 1 ? 1 : n > MAX_BUCKETS_A_SIDE ? MAX_BUCKETS_A_SIDE : (size_t)n;
}

static size_t bucket_of(const darts *d, double x, double y)
{
    size_t bx = (size_t)(x / d->w * (double)d->gx), by = (size_t)(y / d->h * (double)d->gy);
    return (by < d->gy ? by : d->gy - 1) * d->gx + (bx < d->gx ? bx : d->gx - 1);
}

static int far_enough(const darts *d, double x, double y)
{
    size_t home = bucket_of(d, x, y), bx = home % d->gx, by = home / d->gx;
    for (size_t j = 0; j < 3; j++) {
        for (size_t i = 0; i < 3; i++) {
            size_t cell = (by + d->gy + j - 1) % d->gy * d->gx + (bx + d->gx + i - 1) % d->gx;
            for (size_t p = d->head[cell]; p; p = d->next[p - 1]) {
                double dx = fabs(d->xy[2 * (p - 1)] - x), dy = fabs(d->xy[2 * (p - 1) + 1] - y);
                dx = fmin(dx, d->w - dx);
                dy = fmin(dy, d->h - dy);
                if (dx * dx + dy * dy < d->spacing * d->spacing)
                    return 0;
            }
        }
    }
    return 1;
}

/* Dart throwing: up to n points, each try a uniform point kept when far
 * enough from all kept so far.  A bounded number of tries, so spacing too
 * large for n ends with fewer points rather than a hang. */
static void throw_darts(darts *d, size_t n, uint64_t seed)
{
    uint64_t state = seed;
    for (size_t tries = 0; d->count < n && tries / TRIES_PER_POINT < n; tries++) {
        double x = unit_random(&state) * d->w, y = unit_random(&state) * d->h;
        if (!far_enough(d, x, y))
            continue;
        size_t cell = bucket_of(d, x, y);
        d->xy[2 * d->count] = x;
        d->xy[2 * d->count + 1] = y;
        d->next[d->count] = d->head[cell];
        d->head[cell] = ++d->count;
    }
}

/* Up to n seeded points in the w x h area centred on the origin; *xy
 * (free with ct_free) holds x, y pairs. */
static canting_status seeded_points(ct_builder *b, size_t n, double w, double h, double spacing, uint64_t seed,
                                    double **xy, size_t *count)
{
    darts d = {.w = w, .h = h, .spacing = spacing};
    d.gx = buckets_across(w, spacing);
    d.gy = buckets_across(h, spacing);
    d.head = ct_calloc(d.gx * d.gy, sizeof *d.head);
    d.next = ct_calloc(n, sizeof *d.next);
    d.xy = ct_calloc(n, 2 * sizeof *d.xy);
    if (!d.head || !d.next || !d.xy) {
        ct_free(d.head);
        ct_free(d.next);
        ct_free(d.xy);
        return ct_fail(b->err, CANTING_ENOMEM, "out of memory");
    }
    throw_darts(&d, n, seed);
    for (size_t i = 0; i < d.count; i++) {
        d.xy[2 * i] -= w / 2;
        d.xy[2 * i + 1] -= h / 2;
    }
    ct_free(d.head);
    ct_free(d.next);
    *xy = d.xy;
    *count = d.count;
    return CANTING_OK;
}

/* The area points are scattered in: `width` and `height`, by default the
 * repeat cell of this motif, or of the motif being rendered. */
static canting_status scatter_area(ct_builder *b, const ct_instance *in, const ct_stmt *s, double *w, double *h)
{
    double cw = b->scene->cell_w_mm, ch = b->scene->cell_h_mm;
    canting_status st = CANTING_OK;
    if (in->def->cell_w) {
        st = ct_eval_as(&in->env, in->def->cell_w, CANTING_UNIT_LENGTH, &cw, b->err);
        ch = cw;
        if (st == CANTING_OK && in->def->cell_h)
            st = ct_eval_as(&in->env, in->def->cell_h, CANTING_UNIT_LENGTH, &ch, b->err);
    }
    if (st == CANTING_OK)
        st = ct_clause_value(b, in, s, s->clauses, s->nclauses, "width", CANTING_UNIT_LENGTH, cw > 0 ? cw : NAN, w);
    if (st == CANTING_OK)
        st = ct_clause_value(b, in, s, s->clauses, s->nclauses, "height", CANTING_UNIT_LENGTH, ch > 0 ? ch : NAN, h);
    if (st == CANTING_OK && !(*w > 0 && *h > 0 && *w < 1e6 && *h < 1e6))
        st = ct_build_fail(b, in, s->line, s->column, CANTING_ERANGE,
                           "'%s' needs a width and height more than 0 and less than 1 km", s->keyword);
    return st;
}

static canting_status seed_value(ct_builder *b, const ct_instance *in, const ct_stmt *s, uint64_t *seed)
{
    double v;
    canting_status st = ct_clause_value(b, in, s, s->clauses, s->nclauses, "seed", CANTING_UNIT_NUMBER, 1, &v);
    if (st == CANTING_OK && !(fabs(v) < 9007199254740992.0))
        st = ct_build_fail(b, in, s->line, s->column, CANTING_ERANGE, "a seed is a whole number below 2^53");
    if (st == CANTING_OK)
        *seed = (uint64_t)(int64_t)llround(v);
    return st;
}

/* The points of `scatter` or `islands`: count, seed, spacing and area. */
static canting_status statement_points(ct_builder *b, const ct_instance *in, const ct_stmt *s, double max_n,
                                       double default_share, double **xy, size_t *count)
{
    double n, w, h, spacing;
    uint64_t seed;
    canting_status st = ct_repeat_count(b, in, s, s->positional[0].x, &n);
    if (st == CANTING_OK && n > max_n)
        st = ct_build_fail(b, in, s->line, s->column, CANTING_ERANGE, "'%s' draws at most %.0f", s->keyword, max_n);
    if (st == CANTING_OK)
        st = seed_value(b, in, s, &seed);
    if (st == CANTING_OK)
        st = scatter_area(b, in, s, &w, &h);
    if (st == CANTING_OK)
        st = ct_clause_value(b, in, s, s->clauses, s->nclauses, "spacing", CANTING_UNIT_LENGTH,
                             default_share * sqrt(w * h / n), &spacing);
    if (st == CANTING_OK && !(spacing >= 0 && spacing < 1e6))
        st = ct_build_fail(b, in, s->line, s->column, CANTING_ERANGE, "'%s': spacing must be 0 or more",
                           s->keyword);
    if (st == CANTING_OK)
        st = seeded_points(b, (size_t)n, w, h, spacing, seed, xy, count);
    return st;
}

/* ---- scatter ------------------------------------------------------------------ */

/* `turn random` turns each copy anywhere; `turn A` by up to A either way. */
static canting_status turn_range(ct_builder *b, const ct_instance *in, const ct_stmt *s, double *range)
{
    const ct_clause *c = ct_find_clause(s->clauses, s->nclauses, "turn");
    *range = 0;
    if (!c)
        return CANTING_OK;
    const ct_expr *e = c->args[0].x;
    if (e->kind == EX_VAR && strcmp(e->name, "random") == 0 && !ct_env_find(&in->env, "random")) {
        *range = 180;
        return CANTING_OK;
    }
    return ct_eval_as(&in->env, e, CANTING_UNIT_ANGLE, range, b->err);
}

#define TURN_STREAM 0xd1b54a32d192ed03u   /* turns come from their own stream: they do not move the points */

canting_status ct_exec_scatter(ct_builder *b, const ct_instance *in, const ct_stmt *s, const cairo_matrix_t *m)
{
    double *xy = NULL, range;
    size_t count = 0;
    uint64_t state;
    ct_loop loop;
    canting_status st = turn_range(b, in, s, &range);
    if (st == CANTING_OK)
        st = seed_value(b, in, s, &state);
    if (st == CANTING_OK)
        st = statement_points(b, in, s, (double)b->limits->max_elements, 0, &xy, &count);
    if (st == CANTING_OK && (st = ct_loop_begin(b, in, s, &loop)) == CANTING_OK) {
        state ^= TURN_STREAM;
        for (size_t k = 0; st == CANTING_OK && k < count; k++) {
            cairo_matrix_t t = ct_translated(m, xy[2 * k], xy[2 * k + 1]);
            t = ct_rotated(&t, range * (2 * unit_random(&state) - 1));
            st = ct_loop_copy(b, &loop, k, s->body, s->nbody, &t);
        }
        ct_loop_end(&loop);
    }
    ct_free(xy);
    return st;
}

/* ---- islands -------------------------------------------------------------------- */

#define MAX_ISLANDS 256
#define MAX_ISLAND_ASPECT 8
#define ISLAND_SPACING_SHARE 0.6   /* default spacing, of the side of a cell's share of the area */

typedef struct polygon {
    double *xy;
    size_t count, cap;        /* cap: room for the most vertices clipping can make */
} polygon;

/* Keeps the part of `in` nearer to site a than to site c (the half-plane
 * of the bisector), into `out`: one step of Sutherland-Hodgman. */
static void keep_nearer(const polygon *in, polygon *out, const double a[2], const double c[2])
{
    double nx = c[0] - a[0], ny = c[1] - a[1];
    double limit = (nx * (a[0] + c[0]) + ny * (a[1] + c[1])) / 2;
    out->count = 0;
    for (size_t i = 0; i < in->count; i++) {
        const double *p = &in->xy[2 * i], *q = &in->xy[2 * ((i + 1) % in->count)];
        double dp = nx * p[0] + ny * p[1] - limit, dq = nx * q[0] + ny * q[1] - limit;
        if (dp <= 0 && out->count < out->cap) {
            out->xy[2 * out->count] = p[0];
            out->xy[2 * out->count++ + 1] = p[1];
        }
        if ((dp < 0) != (dq < 0) && dp != dq && out->count < out->cap) {
            double t = dp / (dp - dq);
            out->xy[2 * out->count] = p[0] + t * (q[0] - p[0]);
            out->xy[2 * out->count++ + 1] = p[1] + t * (q[1] - p[1]);
        }
    }
}

/* How many whole areas away another site's copy can still bound a cell: a
 * cell lies within the area centred on its site, so only copies nearer
 * than its diagonal count. */
static long copies_reach(double side, double w, double h)
{
    return (long)ceil(hypot(w, h) / side) + 1;
}

/* The Voronoi cell of site i among all sites repeated every w and h: the
 * area around the site (bounded by its own copies) cut by the bisector
 * with each other site's copies.  The result is left in cell[0]. */
static void island_cell(const double *xy, size_t n, size_t i, double w, double h, polygon cell[2])
{
    const double *a = &xy[2 * i];
    double box[8] = {a[0] - w / 2, a[1] - h / 2, a[0] + w / 2, a[1] - h / 2,
                     a[0] + w / 2, a[1] + h / 2, a[0] - w / 2, a[1] + h / 2};
    memcpy(cell[0].xy, box, sizeof box);
    cell[0].count = 4;
    long kx = copies_reach(w, w, h), ky = copies_reach(h, w, h);
    for (size_t j = 0; j < n; j++) {
        for (long oy = -ky; oy <= ky; oy++) {
            for (long ox = -kx; ox <= kx; ox++) {
                double c[2] = {xy[2 * j] + (double)ox * w, xy[2 * j + 1] + (double)oy * h};
                if ((j == i && ox == 0 && oy == 0) || hypot(c[0] - a[0], c[1] - a[1]) > hypot(w, h))
                    continue;
                keep_nearer(&cell[0], &cell[1], a, c);
                polygon swap = cell[0];
                cell[0] = cell[1];
                cell[1] = swap;
            }
        }
    }
}

static void polygon_path(cairo_t *cr, const polygon *p)
{
    cairo_new_path(cr);
    for (size_t i = 0; i < p->count; i++)
        cairo_line_to(cr, p->xy[2 * i], p->xy[2 * i + 1]);
    cairo_close_path(cr);
}

/* Every island's polygon, one after another, `stride` doubles apart. */
typedef struct island_map {
    double *xy;               /* the sites */
    size_t count;
    double *cells;            /* count * stride doubles */
    size_t *sizes;            /* vertices of each cell */
    size_t stride;
} island_map;

static void island_map_free(island_map *map)
{
    ct_free(map->xy);
    ct_free(map->cells);
    ct_free(map->sizes);
}

static canting_status island_cells(ct_builder *b, island_map *map, double w, double h)
{
    size_t cap = 4 + map->count * (size_t)((2 * copies_reach(w, w, h) + 1) * (2 * copies_reach(h, w, h) + 1));
    polygon cell[2] = {{ct_calloc(cap, 2 * sizeof(double)), 0, cap}, {ct_calloc(cap, 2 * sizeof(double)), 0, cap}};
    map->stride = 2 * cap;
    map->cells = ct_calloc(map->count, map->stride * sizeof *map->cells);
    map->sizes = ct_calloc(map->count, sizeof *map->sizes);
    canting_status st = CANTING_OK;
    if (!cell[0].xy || !cell[1].xy || !map->cells || !map->sizes)
        st = ct_fail(b->err, CANTING_ENOMEM, "out of memory");
    for (size_t i = 0; st == CANTING_OK && i < map->count; i++) {
        island_cell(map->xy, map->count, i, w, h, cell);
        memcpy(&map->cells[i * map->stride], cell[0].xy, cell[0].count * 2 * sizeof(double));
        map->sizes[i] = cell[0].count;
    }
    ct_free(cell[0].xy);
    ct_free(cell[1].xy);
    return st;
}

static polygon island_polygon(const island_map *map, size_t i)
{
    return (polygon){&map->cells[i * map->stride], map->sizes[i], map->sizes[i]};
}

/* The borders between islands, drawn over all of them. */
static canting_status island_outlines(ct_builder *b, const ct_instance *in, const ct_stmt *s, const island_map *map,
                                      const cairo_matrix_t *m)
{
    const ct_clause *c = ct_find_clause(s->clauses, s->nclauses, "outline");
    size_t ink, used;
    double width = 0.5;
    canting_status st = c ? ct_ink_choice(b, in, c, &ink, &used) : CANTING_OK;
    if (!c || st != CANTING_OK)
        return st;
    if (c->nargs > used && (st = ct_eval_as(&in->env, c->args[used].x, CANTING_UNIT_LENGTH, &width, b->err)) !=
                               CANTING_OK)
        return st;
    if (!(width > 0))
        return ct_build_fail(b, in, c->line, c->column, CANTING_ERANGE, "an outline's width must be more than 0");
    for (size_t i = 0; st == CANTING_OK && i < map->count; i++) {
        polygon p = island_polygon(map, i);
        cairo_set_matrix(b->cr, m);
        polygon_path(b->cr, &p);
        st = ct_emit(b, OP_STROKE, ink, width * ct_pen_scale(m), NULL);
    }
    return st;
}

/* Island k is drawn with the body's statement k (round again when there are
 * more islands than statements), its origin at the island's site and
 * clipped to the island. */
canting_status ct_exec_islands(ct_builder *b, const ct_instance *in, const ct_stmt *s, const cairo_matrix_t *m)
{
    island_map map = {0};
    double w, h;
    ct_loop loop;
    canting_status st = scatter_area(b, in, s, &w, &h);
    /* A long thin area would bring many copies of each site within reach
     * of a cell, and the work with them. */
    if (st == CANTING_OK && (w > MAX_ISLAND_ASPECT * h || h > MAX_ISLAND_ASPECT * w))
        st = ct_build_fail(b, in, s->line, s->column, CANTING_ERANGE,
                           "islands need an area at most %d times as long as it is wide", MAX_ISLAND_ASPECT);
    if (st == CANTING_OK)
        st = statement_points(b, in, s, MAX_ISLANDS, ISLAND_SPACING_SHARE, &map.xy, &map.count);
    if (st == CANTING_OK)
        st = ct_count_work(b, in, s->line, s->column, map.count);
    if (st == CANTING_OK)
        st = island_cells(b, &map, w, h);
    if (st == CANTING_OK && (st = ct_loop_begin(b, in, s, &loop)) == CANTING_OK) {
        for (size_t k = 0; st == CANTING_OK && k < map.count; k++) {
            polygon p = island_polygon(&map, k);
            cairo_matrix_t t = ct_translated(m, map.xy[2 * k], map.xy[2 * k + 1]);
            cairo_set_matrix(b->cr, m);
            polygon_path(b->cr, &p);
            st = draw_inside(b, &loop, k, &s->body[k % s->nbody], 1, &t);
        }
        ct_loop_end(&loop);
    }
    if (st == CANTING_OK)
        st = island_outlines(b, in, s, &map, m);
    island_map_free(&map);
    return st;
}

/* ---- along ---------------------------------------------------------------------- */

/* Where copy k of n goes on a line or arc: the middle of the k-th of n equal
 * pieces, so copies across a whole repeat join evenly at the seam; `dir`
 * is the direction of travel there, in degrees. */
typedef struct track {
    int arc;
    double x0, y0, x1, y1;    /* line: from, to */
    double r, a0, a1;         /* arc: radius, from and to angles in degrees */
} track;

static void track_point(const track *tr, double t, double *x, double *y, double *dir)
{
    if (!tr->arc) {
        *x = tr->x0 + t * (tr->x1 - tr->x0);
        *y = tr->y0 + t * (tr->y1 - tr->y0);
        *dir = atan2(tr->y1 - tr->y0, tr->x1 - tr->x0) * 180 / CT_PI;
        return;
    }
    double a = tr->a0 + t * (tr->a1 - tr->a0);
    *x = tr->r * cos(a * CT_PI / 180);
    *y = tr->r * sin(a * CT_PI / 180);
    *dir = a + (tr->a1 >= tr->a0 ? 90 : -90);
}

static canting_status read_track(ct_builder *b, const ct_instance *in, const ct_stmt *s, track *tr)
{
    memset(tr, 0, sizeof *tr);
    tr->arc = strcmp(s->positional[0].word, "arc") == 0;
    if (tr->arc) {
        canting_status st =
            ct_clause_value(b, in, s, s->clauses, s->nclauses, "r", CANTING_UNIT_LENGTH, NAN, &tr->r);
        if (st == CANTING_OK)
            st = ct_clause_value(b, in, s, s->clauses, s->nclauses, "from", CANTING_UNIT_ANGLE, 0, &tr->a0);
        if (st == CANTING_OK)
            st = ct_clause_value(b, in, s, s->clauses, s->nclauses, "to", CANTING_UNIT_ANGLE, tr->a0 + 360, &tr->a1);
        if (st == CANTING_OK && !(tr->r > 0))
            st = ct_build_fail(b, in, s->line, s->column, CANTING_ERANGE, "'r' of along arc must be more than 0");
        return st;
    }
    const ct_clause *from = ct_find_clause(s->clauses, s->nclauses, "from");
    const ct_clause *to = ct_find_clause(s->clauses, s->nclauses, "to");
    if (!from || !to)
        return ct_build_fail(b, in, s->line, s->column, CANTING_ESYNTAX,
                             "'along line' needs 'from (x, y)' and 'to (x, y)'");
    canting_status st = ct_point_value(b, in, &from->args[0], &tr->x0, &tr->y0);
    return st == CANTING_OK ? ct_point_value(b, in, &to->args[0], &tr->x1, &tr->y1) : st;
}

canting_status ct_exec_along(ct_builder *b, const ct_instance *in, const ct_stmt *s, const cairo_matrix_t *m)
{
    track tr;
    double n;
    ct_loop loop;
    const ct_clause *count = ct_find_clause(s->clauses, s->nclauses, "count");
    if (!count)
        return ct_build_fail(b, in, s->line, s->column, CANTING_ESYNTAX, "'along' needs 'count N'");
    canting_status st = ct_repeat_count(b, in, s, count->args[0].x, &n);
    if (st == CANTING_OK)
        st = read_track(b, in, s, &tr);
    if (st != CANTING_OK || (st = ct_loop_begin(b, in, s, &loop)) != CANTING_OK)
        return st;
    int turn = ct_find_clause(s->clauses, s->nclauses, "turn") != NULL;
    for (double k = 0; st == CANTING_OK && k < n; k++) {
        double x, y, dir;
        track_point(&tr, (k + 0.5) / n, &x, &y, &dir);
        cairo_matrix_t t = ct_translated(m, x, y);
        if (turn)
            t = ct_rotated(&t, dir);
        st = ct_loop_copy(b, &loop, (size_t)k, s->body, s->nbody, &t);
    }
    ct_loop_end(&loop);
    return st;
}
