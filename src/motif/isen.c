/* isen.c: what is drawn inside a shape: the isen-isen fills (cecek, cecek
 * pitu, galar, sisik, sawut, ukel) and gradasi, the bands of a mega mendung
 * cloud.  Everything here is clipped to the shape. */
#include "motif/build.h"

#include <math.h>
#include <string.h>

/* ---- isen kinds ------------------------------------------------------------ */

/* How a kind lays its elements out, which decides how many it draws. */
typedef enum isen_layout {
    LAY_LATTICE,   /* one element per point of a staggered (triangular) lattice */
    LAY_BARS,      /* one bar per row */
    LAY_SCALES,    /* arcs in rows half a spacing apart */
    LAY_RAYS       /* strokes radiating from the centre */
} isen_layout;

typedef struct isen_kind {
    const char *name;
    const char *takes;        /* its clauses besides ink, for checks and messages */
    isen_layout layout;
    double per_site;          /* elements drawn at each lattice point */
    int stroked;              /* drawn as lines `width` wide rather than filled */
    double spacing, dot, width, size, angle;  /* defaults */
} isen_kind;

static const isen_kind kinds[] = {
    {"cecek", "spacing, dot, angle", LAY_LATTICE, 1, 0, 2.0, 0.6, 0, 0, 0},
    {"cecek-pitu", "spacing, dot, angle", LAY_LATTICE, 7, 0, 4.0, 0.5, 0, 0, 0},
    {"galar", "spacing, width, angle", LAY_BARS, 1, 0, 1.5, 0, 0.35, 0, 45},
    {"galaran", "spacing, width, angle", LAY_BARS, 1, 0, 1.5, 0, 0.35, 0, 45},
    {"sisik", "spacing, width, angle", LAY_SCALES, 1, 1, 3.0, 0, 0.3, 0, 0},
    {"sawut", "spacing, width", LAY_RAYS, 1, 1, 1.0, 0, 0.2, 0, 0},
    {"ukel", "spacing, size, width, angle", LAY_LATTICE, 1, 1, 4.0, 0, 0.3, 2.5, 0},
};

#define ROW_HEIGHT 0.8660254037844386   /* sqrt(3)/2: rows of an equilateral lattice */

typedef struct isen_params {
    const isen_kind *kind;
    double spacing, dot, width, size, angle;
    size_t ink;
} isen_params;

/* Whether the list "a, b, c" holds the word of `len` characters at `word`. */
static int takes_word(const char *takes, const char *word, size_t len)
{
    for (const char *p = takes; *p; p += strspn(p, ", ")) {
        size_t n = strcspn(p, ",");
        if (n == len && strncmp(p, word, len) == 0)
            return 1;
        p += n;
    }
    return 0;
}

static canting_status isen_kind_of(ct_builder *b, const ct_instance *in, const ct_clause *c, const isen_kind **out)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (strcmp(kinds[i].name, c->args[0].word) == 0) {
            *out = &kinds[i];
            break;
        }
    }
    if (!*out)
        return ct_build_fail(b, in, c->args[0].line, c->args[0].column, CANTING_ENAME,
                             "unknown isen '%s' (known: cecek, cecek-pitu, galar, galaran, sisik, sawut, ukel)",
                             c->args[0].word);
    for (size_t i = 0; i < c->nsub; i++) {
        const char *key = c->sub[i].key;
        size_t len = strcspn(key, ":");
        if (strncmp(key, "ink", len) != 0 && !takes_word((*out)->takes, key, len))
            return ct_build_fail(b, in, c->sub[i].line, c->sub[i].column, CANTING_ESYNTAX,
                                 "isen %s takes %s and ink, not %.*s", (*out)->name, (*out)->takes, (int)len, key);
    }
    return CANTING_OK;
}

static canting_status isen_read(ct_builder *b, const ct_instance *in, const ct_stmt *s, const ct_clause *c,
                                isen_params *ip)
{
    memset(ip, 0, sizeof *ip);
    canting_status st = isen_kind_of(b, in, c, &ip->kind);
    if (st != CANTING_OK)
        return st;
    const isen_kind *k = ip->kind;
    const ct_clause *ink = ct_find_clause(c->sub, c->nsub, "ink");
    if (!ink)
        return ct_build_fail(b, in, c->line, c->column, CANTING_ESYNTAX, "isen %s needs 'ink NAME'", k->name);
    st = ct_ink_choice(b, in, ink, &ip->ink, NULL);
    const struct {
        const char *key;
        double fallback, *out;
        canting_unit_kind unit;
    } values[] = {
        {"spacing", k->spacing, &ip->spacing, CANTING_UNIT_LENGTH}, {"dot", k->dot, &ip->dot, CANTING_UNIT_LENGTH},
        {"width", k->width, &ip->width, CANTING_UNIT_LENGTH},       {"size", k->size, &ip->size, CANTING_UNIT_LENGTH},
        {"angle", k->angle, &ip->angle, CANTING_UNIT_ANGLE},
    };
    for (size_t i = 0; st == CANTING_OK && i < sizeof values / sizeof values[0]; i++)
        st = ct_clause_value(b, in, s, c->sub, c->nsub, values[i].key, values[i].unit, values[i].fallback,
                             values[i].out);
    for (size_t i = 0; st == CANTING_OK && i + 1 < sizeof values / sizeof values[0]; i++)
        if (takes_word(k->takes, values[i].key, strlen(values[i].key)) && !(*values[i].out > 0))
            st = ct_build_fail(b, in, c->line, c->column, CANTING_ERANGE, "isen %s: '%s' must be more than 0",
                               k->name, values[i].key);
    return st;
}

/* The lattice rows j0..j1 and columns i0..i1 that cover the shape's box,
 * counted in the turned lattice's own steps, one step beyond each side. */
typedef struct span {
    double i0, i1, j0, j1;
    double col, row;          /* the steps */
} span;

static span lattice_span(const isen_params *ip, const double box[4])
{
    double a = -ip->angle * CT_PI / 180.0, ca = cos(a), sa = sin(a);
    double u0 = HUGE_VAL, u1 = -HUGE_VAL, v0 = HUGE_VAL, v1 = -HUGE_VAL;
    for (int k = 0; k < 4; k++) {
        double x = box[k & 1 ? 2 : 0], y = box[k & 2 ? 3 : 1];
        double u = x * ca - y * sa, v = x * sa + y * ca;
        u0 = fmin(u0, u);
        u1 = fmax(u1, u);
        v0 = fmin(v0, v);
        v1 = fmax(v1, v);
    }
    span sp = {0, 0, 0, 0, ip->spacing, ip->spacing};
    if (ip->kind->layout == LAY_LATTICE)
        sp.row = ip->spacing * ROW_HEIGHT;
    else if (ip->kind->layout == LAY_SCALES)
        sp.row = ip->spacing / 2;
    sp.i0 = floor(u0 / sp.col) - 1;
    sp.i1 = ceil(u1 / sp.col) + 1;
    sp.j0 = floor(v0 / sp.row) - 1;
    sp.j1 = ceil(v1 / sp.row) + 1;
    return sp;
}

static double isen_count(const isen_params *ip, const span *sp, double edge)
{
    double rows = sp->j1 - sp->j0 + 1, cols = sp->i1 - sp->i0 + 1;
    switch (ip->kind->layout) {
    case LAY_LATTICE: return rows * cols * ip->kind->per_site;
    case LAY_BARS: return rows;
    case LAY_SCALES: return rows * cols;
    default: return ceil(2 * CT_PI * edge / ip->spacing);
    }
}

static void dot(cairo_t *cr, double x, double y, double r)
{
    cairo_new_sub_path(cr);
    cairo_arc(cr, x, y, r, 0, 2 * CT_PI);
    cairo_close_path(cr);
}

/* cecek pitu: a centre dot and six around it, one dot's gap apart. */
static void dot_cluster(cairo_t *cr, double x, double y, double d)
{
    dot(cr, x, y, d / 2);
    for (int k = 0; k < 6; k++)
        dot(cr, x + 1.5 * d * cos(k * CT_PI / 3), y + 1.5 * d * sin(k * CT_PI / 3), d / 2);
}

/* ukel: a small curl, a spiral of one and three quarter turns. */
static void curl(cairo_t *cr, double x, double y, double size)
{
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_new_sub_path(cr);
    ct_path_spiral(cr, 1.75, size / 2);
    cairo_restore(cr);
}

/* Odd rows of a staggered lattice (and of sisik) shift half a step. */
static double row_shift(double j, double col)
{
    return fmod(fabs(j), 2) == 1 ? col / 2 : 0;
}

static void lay_lattice(cairo_t *cr, const isen_params *ip, const span *sp)
{
    for (double j = sp->j0; j <= sp->j1; j++) {
        for (double i = sp->i0; i <= sp->i1; i++) {
            double x = i * sp->col + row_shift(j, sp->col), y = j * sp->row;
            if (ip->kind->per_site > 1)
                dot_cluster(cr, x, y, ip->dot);
            else if (ip->kind->stroked)
                curl(cr, x, y, ip->size);
            else
                dot(cr, x, y, ip->dot / 2);
        }
    }
}

/* sisik: half circles opening upward in rows half a scale apart, each row
 * shifted half a scale, so each scale's lower rim overlaps the row below. */
static void lay_scales(cairo_t *cr, const span *sp)
{
    for (double j = sp->j0; j <= sp->j1; j++) {
        for (double i = sp->i0; i <= sp->i1; i++) {
            cairo_new_sub_path(cr);
            cairo_arc(cr, i * sp->col + row_shift(j, sp->col), j * sp->row, sp->col / 2, 0, CT_PI);
        }
    }
}

/* sawut: fine strokes from a third of the way out to beyond the edge,
 * `spacing` apart where they leave the shape's farthest point. */
static void lay_rays(cairo_t *cr, const isen_params *ip, double edge)
{
    double count = ceil(2 * CT_PI * edge / ip->spacing), reach = edge + ip->spacing;
    for (double k = 0; k < count; k++) {
        double a = 2 * CT_PI * k / count;
        cairo_move_to(cr, edge / 3 * cos(a), edge / 3 * sin(a));
        cairo_line_to(cr, reach * cos(a), reach * sin(a));
    }
}

/* The elements covering the shape's local box, in the shape's own
 * coordinates so the fill turns and scales with the shape. */
static canting_status isen_pattern(ct_builder *b, const ct_instance *in, const ct_clause *c, const isen_params *ip,
                                   const double box[4])
{
    double edge = hypot(fmax(fabs(box[0]), fabs(box[2])), fmax(fabs(box[1]), fabs(box[3])));
    span sp = lattice_span(ip, box);
    double count = isen_count(ip, &sp, edge);
    canting_status st = ct_count_work(b, in, c->line, c->column, count > 1e12 ? (size_t)-1 : (size_t)count);
    if (st != CANTING_OK)
        return st;
    cairo_rotate(b->cr, ip->angle * CT_PI / 180.0);
    cairo_new_path(b->cr);
    switch (ip->kind->layout) {
    case LAY_LATTICE: lay_lattice(b->cr, ip, &sp); break;
    case LAY_SCALES: lay_scales(b->cr, &sp); break;
    case LAY_RAYS: lay_rays(b->cr, ip, edge); break;
    default:
        for (double j = sp.j0; j <= sp.j1; j++)
            cairo_rectangle(b->cr, sp.i0 * sp.col, j * sp.row - ip->width / 2, (sp.i1 - sp.i0) * sp.col, ip->width);
    }
    return CANTING_OK;
}

/* The shape's outline in device mm (to clip to), its local box in *box. */
static canting_status shape_clip(ct_builder *b, const ct_instance *in, const ct_stmt *s,
                                 const cairo_matrix_t *shape_m, cairo_path_t **clip, double box[4])
{
    cairo_set_matrix(b->cr, shape_m);
    cairo_new_path(b->cr);
    canting_status st = ct_shape_path(b, in, s);
    if (st == CANTING_OK)
        st = ct_copy_device_path(b, clip);
    if (st == CANTING_OK)
        cairo_path_extents(b->cr, &box[0], &box[1], &box[2], &box[3]);
    return st;
}

canting_status ct_emit_isen(ct_builder *b, const ct_instance *in, const ct_stmt *s, const ct_clause *c,
                            const cairo_matrix_t *shape_m)
{
    isen_params ip;
    cairo_path_t *clip = NULL;
    double box[4];
    canting_status st = isen_read(b, in, s, c, &ip);
    if (st == CANTING_OK)
        st = shape_clip(b, in, s, shape_m, &clip, box);
    if (st == CANTING_OK)
        st = isen_pattern(b, in, c, &ip, box);
    if (st != CANTING_OK) {
        cairo_path_destroy(clip);
        return st;
    }
    if (ip.kind->stroked)
        return ct_emit(b, OP_STROKE, ip.ink, ip.width * ct_pen_scale(shape_m), clip);
    return ct_emit(b, OP_FILL, ip.ink, 0, clip);
}

/* ---- gradasi --------------------------------------------------------------- */

#define MAX_GRADASI_STEPS 100

/* `gradasi inks A B C [steps N] [inset D]`: N bands D wide inward from the
 * outline, band k in the k-th ink (the list repeating when there are more
 * steps than inks).  Band k is the part of the shape within (k+1)*D of its
 * outline: the shape clipped to the outline stroked 2*(k+1)*D wide, which
 * is exact (round joins make the stroke the set of points that near) with no
 * offset polygons to compute.  They are drawn innermost first, so each
 * narrower band knocks the wider one out where it lies over it. */
canting_status ct_emit_gradasi(ct_builder *b, const ct_instance *in, const ct_stmt *s, const ct_clause *c,
                               const cairo_matrix_t *shape_m)
{
    const ct_clause *inks = ct_find_clause(c->sub, c->nsub, "inks");
    if (!inks)
        return ct_build_fail(b, in, c->line, c->column, CANTING_ESYNTAX,
                             "gradasi needs 'inks A B ...', the bands' inks from the outline inward");
    double steps, inset;
    canting_status st = ct_clause_value(b, in, s, c->sub, c->nsub, "steps", CANTING_UNIT_NUMBER,
                                        (double)inks->nargs, &steps);
    if (st == CANTING_OK)
        st = ct_clause_value(b, in, s, c->sub, c->nsub, "inset", CANTING_UNIT_LENGTH, 2.0, &inset);
    if (st != CANTING_OK)
        return st;
    steps = round(steps);
    if (!(steps >= 1 && steps <= MAX_GRADASI_STEPS))
        return ct_build_fail(b, in, c->line, c->column, CANTING_ERANGE, "gradasi has 1 to %d steps",
                             MAX_GRADASI_STEPS);
    if (steps < (double)inks->nargs)
        return ct_build_fail(b, in, inks->line, inks->column, CANTING_ERANGE,
                             "gradasi has %.0f steps but %zu inks; give at most one ink a step", steps, inks->nargs);
    if (!(inset > 0 && isfinite(inset)))
        return ct_build_fail(b, in, c->line, c->column, CANTING_ERANGE, "gradasi's inset must be more than 0");
    if ((st = ct_count_work(b, in, c->line, c->column, (size_t)steps)) != CANTING_OK)
        return st;
    for (size_t k = (size_t)steps; k-- > 0;) {
        size_t ink;
        cairo_path_t *clip;
        double box[4];
        if ((st = ct_ink_named(b, in, &inks->args[k % inks->nargs], &ink)) != CANTING_OK ||
            (st = shape_clip(b, in, s, shape_m, &clip, box)) != CANTING_OK)
            return st;
        if ((st = ct_emit(b, OP_STROKE, ink, 2.0 * (double)(k + 1) * inset * ct_pen_scale(shape_m), clip)) !=
            CANTING_OK)
            return st;
    }
    return CANTING_OK;
}
