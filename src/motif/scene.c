/* scene.c: draw statements to a display list of paths (the built-in elements). */
#include "motif/build.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct style {
    const ct_clause *fill, *stroke, *gradasi;
    const ct_clause *isen[8];
    size_t nisen;
} style;

canting_status ct_build_fail(const ct_builder *b, const ct_instance *in, int line, int column, canting_status st,
                              const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ct_vfail_at(b->err, st, in->def->file, line, column, fmt, ap);
    va_end(ap);
    return st;
}

canting_status ct_count_work(ct_builder *b, const ct_instance *in, int line, int column, size_t amount)
{
    if (amount > b->limits->max_elements || b->work > b->limits->max_elements - amount)
        return ct_build_fail(b, in, line, column, CANTING_ELIMIT,
                       "this motif draws more than %zu elements (the element limit)", b->limits->max_elements);
    b->work += amount;
    return CANTING_OK;
}

/* ---- clauses -------------------------------------------------------------- */

static int key_is(const char *key, const char *name)
{
    size_t n = strlen(name);
    return strncmp(key, name, n) == 0 && (key[n] == ':' || key[n] == '\0');
}

const ct_clause *ct_find_clause(const ct_clause *clauses, size_t n, const char *name)
{
    const ct_clause *found = NULL;
    for (size_t i = 0; i < n; i++)
        if (key_is(clauses[i].key, name))
            found = &clauses[i];
    return found;
}

/* The expression argument of clause `name`, as unit `unit`; `fallback` when
 * the clause is absent and fallback is not NAN; an error otherwise. */
canting_status ct_clause_value(ct_builder *b, const ct_instance *in, const ct_stmt *s, const ct_clause *clauses,
                                   size_t n, const char *name, canting_unit_kind unit, double fallback, double *out)
{
    const ct_clause *c = ct_find_clause(clauses, n, name);
    if (!c) {
        if (isnan(fallback))
            return ct_build_fail(b, in, s->line, s->column, CANTING_ESYNTAX, "'%s' needs '%s'", s->keyword, name);
        *out = fallback;
        return CANTING_OK;
    }
    return ct_eval_as(&in->env, c->args[0].x, unit, out, b->err);
}

canting_status ct_point_value(ct_builder *b, const ct_instance *in, const ct_arg *a, double *x, double *y)
{
    canting_status st = ct_eval_as(&in->env, a->x, CANTING_UNIT_LENGTH, x, b->err);
    return st == CANTING_OK ? ct_eval_as(&in->env, a->y, CANTING_UNIT_LENGTH, y, b->err) : st;
}

canting_status ct_ink_named(ct_builder *b, const ct_instance *in, const ct_arg *a, size_t *root_ink)
{
    for (size_t i = 0; i < in->def->ninks; i++) {
        if (strcmp(in->def->inks[i].name, a->word) == 0) {
            *root_ink = in->ink_map[i];
            return CANTING_OK;
        }
    }
    return ct_build_fail(b, in, a->line, a->column, CANTING_ENAME, "unknown ink '%s' (not in this motif's inks)",
                         a->word);
}

/* `alternate A B ...` is told from an ink called alternate by the word
 * after it; every name in the list is checked, not only the one drawn, so
 * a misspelt ink is reported whichever copy is drawn first. */
canting_status ct_ink_choice(ct_builder *b, const ct_instance *in, const ct_clause *c, size_t *root_ink,
                             size_t *used)
{
    size_t n = 1;
    if (c->nargs > 1 && c->args[1].kind == ARG_WORD && strcmp(c->args[0].word, "alternate") == 0)
        while (n < c->nargs && c->args[n].kind == ARG_WORD)
            n++;
    size_t first = n > 1 ? 1 : 0, pick = first + in->copy % (n - first);
    for (size_t i = first; i < n; i++) {
        size_t ink;
        canting_status st = ct_ink_named(b, in, &c->args[i], &ink);
        if (st != CANTING_OK)
            return st;
        if (i == pick)
            *root_ink = ink;
    }
    if (used)
        *used = n;
    return CANTING_OK;
}

/* ---- transforms ------------------------------------------------------------ */

/* m then t: the result applies t first (t is the inner, local transform). */
static cairo_matrix_t compose(const cairo_matrix_t *m, const cairo_matrix_t *t)
{
    cairo_matrix_t r;
    cairo_matrix_multiply(&r, t, m);
    return r;
}

cairo_matrix_t ct_translated(const cairo_matrix_t *m, double x, double y)
{
    cairo_matrix_t t;
    cairo_matrix_init_translate(&t, x, y);
    return compose(m, &t);
}

cairo_matrix_t ct_rotated(const cairo_matrix_t *m, double degrees)
{
    cairo_matrix_t t;
    cairo_matrix_init_rotate(&t, degrees * CT_PI / 180.0);
    return compose(m, &t);
}

cairo_matrix_t ct_scaled(const cairo_matrix_t *m, double sx, double sy)
{
    cairo_matrix_t t;
    cairo_matrix_init_scale(&t, sx, sy);
    return compose(m, &t);
}

/* `at`, `rotate` and `scale` clauses of a shape or a `use`. */
canting_status ct_placement(ct_builder *b, const ct_instance *in, const ct_stmt *s, const cairo_matrix_t *m,
                                cairo_matrix_t *out)
{
    double x = 0, y = 0, angle, scale;
    const ct_clause *at = ct_find_clause(s->clauses, s->nclauses, "at");
    canting_status st = at ? ct_point_value(b, in, &at->args[0], &x, &y) : CANTING_OK;
    if (st == CANTING_OK)
        st = ct_clause_value(b, in, s, s->clauses, s->nclauses, "rotate", CANTING_UNIT_ANGLE, 0, &angle);
    if (st == CANTING_OK)
        st = ct_clause_value(b, in, s, s->clauses, s->nclauses, "scale", CANTING_UNIT_NUMBER, 1, &scale);
    if (st != CANTING_OK)
        return st;
    if (scale == 0)
        return ct_build_fail(b, in, s->line, s->column, CANTING_ERANGE, "scale 0 makes the shape vanish");
    cairo_matrix_t t = ct_translated(m, x, y);
    t = ct_rotated(&t, angle);
    *out = ct_scaled(&t, scale, scale);
    return CANTING_OK;
}

/* ---- shapes ---------------------------------------------------------------- */

static void path_lens(cairo_t *cr, double length, double width)
{
    double c = length / 2, s = width / 2;
    double r = (c * c + s * s) / (2 * s);
    double d = r - s;   /* distance of each arc's centre from the axis */
    cairo_new_sub_path(cr);
    cairo_arc(cr, -d, 0, r, atan2(-c, d), atan2(c, d));
    cairo_arc(cr, d, 0, r, atan2(c, -d), atan2(-c, -d) + 2 * CT_PI);
    cairo_close_path(cr);
}

static void path_star(cairo_t *cr, int points, double r, double inner)
{
    for (int k = 0; k < 2 * points; k++) {
        double a = -CT_PI / 2 + k * CT_PI / points;
        double rr = (k % 2) ? inner : r;
        cairo_line_to(cr, rr * cos(a), rr * sin(a));
    }
    cairo_close_path(cr);
}

void ct_path_spiral(cairo_t *cr, double turns, double r)
{
    int steps = (int)ceil(turns * 48);
    for (int k = 0; k <= steps; k++) {
        double t = (double)k / steps;
        double a = t * turns * 2 * CT_PI;
        cairo_line_to(cr, r * t * cos(a), r * t * sin(a));
    }
}

static canting_status path_points(ct_builder *b, const ct_instance *in, const ct_stmt *s, int close)
{
    for (size_t i = 0; i < s->npositional; i++) {
        double x, y;
        canting_status st = ct_point_value(b, in, &s->positional[i], &x, &y);
        if (st != CANTING_OK)
            return st;
        cairo_line_to(b->cr, x, y);
    }
    if (close)
        cairo_close_path(b->cr);
    return CANTING_OK;
}

/* `path M (x, y) L (x, y) C (c1) (c2) (end) Q (c) (end) Z` */
static canting_status path_data(ct_builder *b, const ct_instance *in, const ct_stmt *s)
{
    char cmd = 'M';
    double pts[6];
    size_t have = 0;
    for (size_t i = 0; i < s->npositional; i++) {
        const ct_arg *a = &s->positional[i];
        if (a->kind == ARG_WORD) {
            if (strlen(a->word) != 1 || !strchr("MLCQZ", a->word[0]))
                return ct_build_fail(b, in, a->line, a->column, CANTING_ESYNTAX,
                               "unknown path command '%s' (use M, L, C, Q or Z)", a->word);
            cmd = a->word[0];
            have = 0;
            if (cmd == 'Z')
                cairo_close_path(b->cr);
            continue;
        }
        size_t need = cmd == 'C' ? 3 : cmd == 'Q' ? 2 : 1;
        canting_status st = ct_point_value(b, in, a, &pts[2 * have], &pts[2 * have + 1]);
        if (st != CANTING_OK)
            return st;
        if (cmd == 'Z')
            return ct_build_fail(b, in, a->line, a->column, CANTING_ESYNTAX, "a point after Z needs M or L first");
        if (++have < need)
            continue;
        have = 0;
        if (cmd == 'M') {
            cairo_move_to(b->cr, pts[0], pts[1]);
            cmd = 'L';
        } else if (cmd == 'L') {
            cairo_line_to(b->cr, pts[0], pts[1]);
        } else if (cmd == 'C') {
            cairo_curve_to(b->cr, pts[0], pts[1], pts[2], pts[3], pts[4], pts[5]);
        } else {
            double x0, y0;
            cairo_get_current_point(b->cr, &x0, &y0);
            cairo_curve_to(b->cr, x0 + 2.0 / 3 * (pts[0] - x0), y0 + 2.0 / 3 * (pts[1] - y0),
                           pts[2] + 2.0 / 3 * (pts[0] - pts[2]), pts[3] + 2.0 / 3 * (pts[1] - pts[3]), pts[2], pts[3]);
        }
    }
    if (have)
        return ct_build_fail(b, in, s->line, s->column, CANTING_ESYNTAX, "the path ends in the middle of a %c command", cmd);
    return CANTING_OK;
}

static canting_status positive(ct_builder *b, const ct_instance *in, const ct_stmt *s, const char *what, double v)
{
    if (v > 0 && isfinite(v))
        return CANTING_OK;
    return ct_build_fail(b, in, s->line, s->column, CANTING_ERANGE, "'%s' of %s must be more than 0", what, s->keyword);
}

static canting_status shape_dims(ct_builder *b, const ct_instance *in, const ct_stmt *s, const char *k1, const char *k2,
                                 double *v1, double *v2)
{
    canting_status st = ct_clause_value(b, in, s, s->clauses, s->nclauses, k1, CANTING_UNIT_LENGTH, NAN, v1);
    if (st == CANTING_OK && k2)
        st = ct_clause_value(b, in, s, s->clauses, s->nclauses, k2, CANTING_UNIT_LENGTH, NAN, v2);
    if (st == CANTING_OK)
        st = positive(b, in, s, k1, *v1);
    if (st == CANTING_OK && k2)
        st = positive(b, in, s, k2, *v2);
    return st;
}

static canting_status star_path(ct_builder *b, const ct_instance *in, const ct_stmt *s)
{
    double points, r, inner;
    canting_status st = ct_clause_value(b, in, s, s->clauses, s->nclauses, "points", CANTING_UNIT_NUMBER, NAN, &points);
    if (st == CANTING_OK)
        st = shape_dims(b, in, s, "r", NULL, &r, NULL);
    if (st == CANTING_OK)
        st = ct_clause_value(b, in, s, s->clauses, s->nclauses, "inner", CANTING_UNIT_LENGTH, r * 0.5, &inner);
    if (st != CANTING_OK)
        return st;
    if (!(points >= 2 && points <= 1000))
        return ct_build_fail(b, in, s->line, s->column, CANTING_ERANGE, "a star has 2 to 1000 points");
    path_star(b->cr, (int)round(points), r, inner);
    return CANTING_OK;
}

static canting_status spiral_path(ct_builder *b, const ct_instance *in, const ct_stmt *s)
{
    double turns, r;
    canting_status st = ct_clause_value(b, in, s, s->clauses, s->nclauses, "turns", CANTING_UNIT_NUMBER, 2.5, &turns);
    if (st == CANTING_OK)
        st = shape_dims(b, in, s, "r", NULL, &r, NULL);
    if (st != CANTING_OK)
        return st;
    if (!(turns > 0 && turns <= 100))
        return ct_build_fail(b, in, s->line, s->column, CANTING_ERANGE, "a spiral has more than 0 and at most 100 turns");
    ct_path_spiral(b->cr, turns, r);
    return CANTING_OK;
}

/* Appends the shape's outline, in its local coordinates, to b->cr's path. */
canting_status ct_shape_path(ct_builder *b, const ct_instance *in, const ct_stmt *s)
{
    double v1 = 0, v2 = 0;
    canting_status st = CANTING_OK;
    switch (s->kind) {
    case ST_CIRCLE:
        if ((st = shape_dims(b, in, s, "r", NULL, &v1, NULL)) == CANTING_OK) {
            cairo_new_sub_path(b->cr);
            cairo_arc(b->cr, 0, 0, v1, 0, 2 * CT_PI);
            cairo_close_path(b->cr);
        }
        return st;
    case ST_ELLIPSE:
        if ((st = shape_dims(b, in, s, "rx", "ry", &v1, &v2)) == CANTING_OK) {
            cairo_save(b->cr);
            cairo_scale(b->cr, v1, v2);
            cairo_new_sub_path(b->cr);
            cairo_arc(b->cr, 0, 0, 1, 0, 2 * CT_PI);
            cairo_close_path(b->cr);
            cairo_restore(b->cr);
        }
        return st;
    case ST_PETAL:
        if ((st = shape_dims(b, in, s, "length", "width", &v1, &v2)) == CANTING_OK)
            path_lens(b->cr, v1, v2);
        return st;
    case ST_RECT:
        if ((st = shape_dims(b, in, s, "width", "height", &v1, &v2)) == CANTING_OK)
            cairo_rectangle(b->cr, -v1 / 2, -v2 / 2, v1, v2);
        return st;
    case ST_STAR: return star_path(b, in, s);
    case ST_SPIRAL: return spiral_path(b, in, s);
    case ST_PATH: return path_data(b, in, s);
    case ST_POLYGON: return path_points(b, in, s, 1);
    default: return path_points(b, in, s, 0);
    }
}

/* ---- display list ---------------------------------------------------------- */

canting_status ct_copy_device_path(ct_builder *b, cairo_path_t **out)
{
    cairo_save(b->cr);
    cairo_identity_matrix(b->cr);
    *out = cairo_copy_path(b->cr);
    cairo_restore(b->cr);
    if (!*out || (*out)->status != CAIRO_STATUS_SUCCESS) {
        cairo_path_destroy(*out);
        *out = NULL;
        return ct_fail(b->err, CANTING_ENOMEM, "out of memory copying a path");
    }
    return CANTING_OK;
}

static void op_extents(ct_builder *b, ct_op *op)
{
    cairo_save(b->cr);
    cairo_identity_matrix(b->cr);
    cairo_new_path(b->cr);
    cairo_append_path(b->cr, op->clip ? op->clip : op->path);
    cairo_path_extents(b->cr, &op->x0, &op->y0, &op->x1, &op->y1);
    cairo_new_path(b->cr);
    cairo_restore(b->cr);
    double pad = op->kind == OP_STROKE && !op->clip ? op->width_mm / 2 : 0;
    op->x0 -= pad;
    op->y0 -= pad;
    op->x1 += pad;
    op->y1 += pad;
    if (op->within) {
        op->x0 = fmax(op->x0, op->within->x0);
        op->y0 = fmax(op->y0, op->within->y0);
        op->x1 = fmin(op->x1, op->within->x1);
        op->y1 = fmin(op->y1, op->within->y1);
    }
}

/* Adds an op whose path is b->cr's current path (and clip, if given).  An
 * op wholly outside its region is dropped: it could never show. */
canting_status ct_emit(ct_builder *b, ct_op_kind kind, size_t ink, double width_mm, cairo_path_t *clip)
{
    ct_scene *sc = b->scene;
    if (!ct_grow((void **)&sc->ops, &sc->cap, sc->count + 1, sizeof *sc->ops)) {
        cairo_path_destroy(clip);
        return ct_fail(b->err, CANTING_ENOMEM, "out of memory");
    }
    ct_op *op = &sc->ops[sc->count];
    memset(op, 0, sizeof *op);
    op->kind = kind;
    op->ink = ink;
    op->width_mm = width_mm;
    op->clip = clip;
    op->within = b->clip;
    canting_status st = ct_copy_device_path(b, &op->path);
    if (st != CANTING_OK) {
        cairo_path_destroy(clip);
        return st;
    }
    op_extents(b, op);
    if (op->x0 > op->x1 || op->y0 > op->y1) {
        cairo_path_destroy(op->path);
        cairo_path_destroy(op->clip);
        return CANTING_OK;
    }
    sc->count++;
    return CANTING_OK;
}

double ct_pen_scale(const cairo_matrix_t *m)
{
    return sqrt(fabs(m->xx * m->yy - m->xy * m->yx));
}

/* ---- statements ------------------------------------------------------------ */

static canting_status read_style(ct_builder *b, const ct_instance *in, const ct_stmt *s, style *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < s->nclauses; i++) {
        const ct_clause *c = &s->clauses[i];
        if (key_is(c->key, "fill"))
            out->fill = c;
        else if (key_is(c->key, "stroke"))
            out->stroke = c;
        else if (key_is(c->key, "gradasi"))
            out->gradasi = c;
        else if (key_is(c->key, "isen") && out->nisen == sizeof out->isen / sizeof out->isen[0])
            return ct_build_fail(b, in, c->line, c->column, CANTING_ELIMIT, "at most 8 isen fills on one shape");
        else if (key_is(c->key, "isen"))
            out->isen[out->nisen++] = c;
    }
    if (!out->fill && !out->stroke && !out->nisen && !out->gradasi)
        return ct_build_fail(b, in, s->line, s->column, CANTING_ESYNTAX,
                             "'%s' draws nothing: give it 'fill INK', 'stroke INK [WIDTH]', 'gradasi ...' or "
                             "'isen ...'",
                             s->keyword);
    return CANTING_OK;
}

static canting_status emit_outline(ct_builder *b, const ct_instance *in, const ct_stmt *s, const cairo_matrix_t *shape_m,
                                   const ct_clause *c, ct_op_kind kind)
{
    size_t ink, used;
    double width = 0;
    canting_status st = ct_ink_choice(b, in, c, &ink, &used);
    if (st == CANTING_OK && kind == OP_STROKE) {
        width = 0.5;
        if (c->nargs > used)
            st = ct_eval_as(&in->env, c->args[used].x, CANTING_UNIT_LENGTH, &width, b->err);
        if (st == CANTING_OK && !(width > 0))
            st = ct_build_fail(b, in, c->line, c->column, CANTING_ERANGE, "a stroke's width must be more than 0");
    }
    if (st != CANTING_OK)
        return st;
    cairo_set_matrix(b->cr, shape_m);
    cairo_new_path(b->cr);
    if ((st = ct_shape_path(b, in, s)) != CANTING_OK)
        return st;
    return ct_emit(b, kind, ink, width * ct_pen_scale(shape_m), NULL);
}

/* Fill first, then the gradasi bands and the isen fills inside it, then the
 * outline over all, as a batik maker draws klowongan over the filled ground. */
static canting_status exec_shape(ct_builder *b, const ct_instance *in, const ct_stmt *s, const cairo_matrix_t *m)
{
    style sty;
    cairo_matrix_t shape_m;
    canting_status st = read_style(b, in, s, &sty);
    if (st == CANTING_OK)
        st = ct_placement(b, in, s, m, &shape_m);
    if (st == CANTING_OK && sty.fill)
        st = emit_outline(b, in, s, &shape_m, sty.fill, OP_FILL);
    if (st == CANTING_OK && sty.gradasi)
        st = ct_emit_gradasi(b, in, s, sty.gradasi, &shape_m);
    for (size_t i = 0; st == CANTING_OK && i < sty.nisen; i++)
        st = ct_emit_isen(b, in, s, sty.isen[i], &shape_m);
    if (st == CANTING_OK && sty.stroke)
        st = emit_outline(b, in, s, &shape_m, sty.stroke, OP_STROKE);
    return st;
}

/* mirror draws the block and its mirror images; flip draws only the flipped one. */
static canting_status exec_mirror(ct_builder *b, const ct_instance *in, const ct_stmt *s, const cairo_matrix_t *m,
                                  int keep_original)
{
    const char *axis = s->positional[0].word;
    int fx = strchr(axis, 'x') != NULL, fy = strchr(axis, 'y') != NULL;
    if (strcmp(axis, "x") != 0 && strcmp(axis, "y") != 0 && strcmp(axis, "xy") != 0)
        return ct_build_fail(b, in, s->positional[0].line, s->positional[0].column, CANTING_ESYNTAX,
                       "expected x, y or xy after '%s'", s->keyword);
    int full = fx | (fy << 1);
    for (int k = 0; k < 4; k++) {
        if ((k & ~full) || (!keep_original && k != full))
            continue;
        cairo_matrix_t t = ct_scaled(m, (k & 1) ? -1 : 1, (k & 2) ? -1 : 1);
        canting_status st = ct_exec_block(b, in, s->body, s->nbody, &t);
        if (st != CANTING_OK)
            return st;
    }
    return CANTING_OK;
}

canting_status ct_repeat_count(ct_builder *b, const ct_instance *in, const ct_stmt *s, const ct_expr *e, double *n)
{
    canting_status st = ct_eval_as(&in->env, e, CANTING_UNIT_NUMBER, n, b->err);
    if (st != CANTING_OK)
        return st;
    *n = round(*n);
    if (!(*n >= 1 && *n <= (double)b->limits->max_elements))
        return ct_build_fail(b, in, s->line, s->column, CANTING_ERANGE, "'%s' needs a count from 1 to %zu", s->keyword,
                       b->limits->max_elements);
    return CANTING_OK;
}

static canting_status exec_radial(ct_builder *b, const ct_instance *in, const ct_stmt *s, const cairo_matrix_t *m)
{
    double n, start;
    ct_loop loop;
    canting_status st = ct_repeat_count(b, in, s, s->positional[0].x, &n);
    if (st == CANTING_OK)
        st = ct_clause_value(b, in, s, s->clauses, s->nclauses, "start", CANTING_UNIT_ANGLE, 0, &start);
    if (st != CANTING_OK || (st = ct_loop_begin(b, in, s, &loop)) != CANTING_OK)
        return st;
    for (double k = 0; st == CANTING_OK && k < n; k++) {
        cairo_matrix_t t = ct_rotated(m, start + 360.0 * k / n);
        st = ct_loop_copy(b, &loop, (size_t)k, s->body, s->nbody, &t);
    }
    ct_loop_end(&loop);
    return st;
}

/* A grid of copies centred on the origin, numbered row by row. */
static canting_status exec_grid(ct_builder *b, const ct_instance *in, const ct_stmt *s, const cairo_matrix_t *m)
{
    double cols = 1, rows = 1, dx = 0, dy = 0;
    const ct_clause *cc = ct_find_clause(s->clauses, s->nclauses, "cols");
    const ct_clause *rc = ct_find_clause(s->clauses, s->nclauses, "rows");
    canting_status st = cc ? ct_repeat_count(b, in, s, cc->args[0].x, &cols) : CANTING_OK;
    if (st == CANTING_OK && rc)
        st = ct_repeat_count(b, in, s, rc->args[0].x, &rows);
    if (st == CANTING_OK)
        st = ct_clause_value(b, in, s, s->clauses, s->nclauses, "dx", CANTING_UNIT_LENGTH, cols > 1 ? NAN : 0, &dx);
    if (st == CANTING_OK)
        st = ct_clause_value(b, in, s, s->clauses, s->nclauses, "dy", CANTING_UNIT_LENGTH, rows > 1 ? NAN : 0, &dy);
    ct_loop loop;
    if (st != CANTING_OK || (st = ct_loop_begin(b, in, s, &loop)) != CANTING_OK)
        return st;
    for (double j = 0; st == CANTING_OK && j < rows; j++) {
        for (double i = 0; st == CANTING_OK && i < cols; i++) {
            cairo_matrix_t t = ct_translated(m, (i - (cols - 1) / 2) * dx, (j - (rows - 1) / 2) * dy);
            st = ct_loop_copy(b, &loop, (size_t)(j * cols + i), s->body, s->nbody, &t);
        }
    }
    ct_loop_end(&loop);
    return st;
}

/* The used motif's inks map onto ours by name, or as `childink=ourink`;
 * its cloth is our cloth. */
static canting_status map_use_inks(ct_builder *b, const ct_instance *in, const ct_stmt *s, size_t *map)
{
    const ct_motif_def *child = s->used;
    for (size_t i = 0; i < child->ninks; i++) {
        const char *want = child->inks[i].name;
        int line = s->line, column = s->column;
        for (size_t k = 0; k < s->nclauses; k++) {
            const ct_clause *c = &s->clauses[k];
            /* matched against the used motif's own name, so swaps (a=b b=a) do not chain */
            if (strcmp(c->key, "=") == 0 && strcmp(c->args[0].word, child->inks[i].name) == 0) {
                if (c->args[1].x->kind != EX_VAR)
                    return ct_build_fail(b, in, c->line, c->column, CANTING_ESYNTAX,
                                   "ink '%s' of '%s' must be given one of our inks by name", want, child->name);
                want = c->args[1].x->name;
                line = c->args[1].line;
                column = c->args[1].column;
            }
        }
        ct_arg name = {.kind = ARG_WORD, .line = line, .column = column, .word = (char *)want};
        if (i == 0 && strcmp(want, child->inks[0].name) == 0)
            map[i] = 0;
        else if (ct_ink_named(b, in, &name, &map[i]) != CANTING_OK)
            return ct_build_fail(b, in, line, column, CANTING_ENAME,
                           "'%s' draws with ink '%s', which this motif lacks; add it to inks or map it with "
                           "%s=OURINK",
                           child->name, want, child->inks[i].name);
    }
    return CANTING_OK;
}

static int is_child_ink(const ct_motif_def *child, const char *name)
{
    for (size_t i = 0; i < child->ninks; i++)
        if (strcmp(child->inks[i].name, name) == 0)
            return 1;
    return 0;
}

static canting_status use_overrides(ct_builder *b, const ct_instance *in, const ct_stmt *s, ct_binding *out, size_t *n)
{
    *n = 0;
    for (size_t k = 0; k < s->nclauses; k++) {
        const ct_clause *c = &s->clauses[k];
        if (strcmp(c->key, "=") != 0 || is_child_ink(s->used, c->args[0].word))
            continue;
        size_t p;
        for (p = 0; p < s->used->nparams && strcmp(s->used->params[p].name, c->args[0].word) != 0; p++)
            ;
        if (p == s->used->nparams)
            return ct_build_fail(b, in, c->line, c->column, CANTING_ENAME, "'%s' has no parameter or ink '%s'",
                           s->used->name, c->args[0].word);
        out[*n].name = c->args[0].word;
        canting_status st = ct_eval(&in->env, c->args[1].x, &out[*n].value, b->err);
        if (st != CANTING_OK)
            return st;
        (*n)++;
    }
    return CANTING_OK;
}

/* A value given by `use` that the used motif refuses is the user's mistake
 * at the `use` line, not at the parameter's declaration in the other file. */
static void relocate_error(ct_builder *b, const ct_instance *in, const ct_stmt *s)
{
    if (!b->err)
        return;
    snprintf(b->err->file, sizeof b->err->file, "%s", in->def->file);
    b->err->line = s->line;
    b->err->column = s->column;
}

/* The used motif as an instance: its ink map and its environment with the
 * `use` line's values.  Release with release_child. */
static canting_status enter_child(ct_builder *b, const ct_instance *in, const ct_stmt *s, ct_instance *child)
{
    size_t noverrides;
    size_t *map = ct_calloc(s->used->ninks, sizeof *map);
    ct_binding *overrides = ct_calloc(s->nclauses, sizeof *overrides);
    *child = (ct_instance){.def = s->used, .ink_map = map};
    canting_status st = (!map || !overrides) ? ct_fail(b->err, CANTING_ENOMEM, "out of memory") : CANTING_OK;
    if (st == CANTING_OK)
        st = map_use_inks(b, in, s, map);
    if (st == CANTING_OK)
        st = use_overrides(b, in, s, overrides, &noverrides);
    if (st == CANTING_OK && (st = ct_env_build(s->used, overrides, noverrides, &child->env, b->err)) != CANTING_OK &&
        noverrides > 0)
        relocate_error(b, in, s);
    ct_free(overrides);
    if (st != CANTING_OK) {
        ct_free(map);
        child->ink_map = NULL;
    }
    return st;
}

static void release_child(ct_instance *child)
{
    ct_env_free(&child->env);
    ct_free((size_t *)child->ink_map);
}

/* The box [x0, y0, x1, y1] a tiled `use` must cover, in the coordinates of
 * t: the current region's extents, or the repeat cell when there is none. */
static void tiled_box(const ct_builder *b, const cairo_matrix_t *t, double box[4])
{
    const ct_clip *c = b->clip;
    double w = b->scene->cell_w_mm / 2, h = b->scene->cell_h_mm / 2;
    double corners[8] = {c ? c->x0 : -w, c ? c->y0 : -h, c ? c->x1 : w, c ? c->y0 : -h,
                         c ? c->x1 : w,  c ? c->y1 : h,  c ? c->x0 : -w, c ? c->y1 : h};
    cairo_matrix_t inverse = *t;
    box[0] = box[1] = HUGE_VAL;
    box[2] = box[3] = -HUGE_VAL;
    if (cairo_matrix_invert(&inverse) != CAIRO_STATUS_SUCCESS)
        return;
    for (int i = 0; i < 4; i++) {
        double x = corners[2 * i], y = corners[2 * i + 1];
        cairo_matrix_transform_point(&inverse, &x, &y);
        box[0] = fmin(box[0], x);
        box[1] = fmin(box[1], y);
        box[2] = fmax(box[2], x);
        box[3] = fmax(box[3], y);
    }
}

/* `use NAME tiled`: the used motif's cell laid edge to edge (straight,
 * whatever its own layout) over the current region, one cell beyond it
 * each way for shapes that reach out of their cell. */
static canting_status exec_tiled(ct_builder *b, const ct_instance *in, const ct_stmt *s, ct_instance *child,
                                 const cairo_matrix_t *t)
{
    double cw, ch, box[4];
    const ct_clause *tiled = ct_find_clause(s->clauses, s->nclauses, "tiled");
    if (!s->used->cell_w)
        return ct_build_fail(b, in, tiled->line, tiled->column, CANTING_ESYNTAX,
                             "'tiled' needs a motif with a 'repeat' line: '%s' has none", s->used->name);
    canting_status st = ct_eval_as(&child->env, s->used->cell_w, CANTING_UNIT_LENGTH, &cw, b->err);
    ch = cw;
    if (st == CANTING_OK && s->used->cell_h)
        st = ct_eval_as(&child->env, s->used->cell_h, CANTING_UNIT_LENGTH, &ch, b->err);
    if (st != CANTING_OK)
        return st;
    tiled_box(b, t, box);
    if (!(cw > 0 && ch > 0 && cw < 1e6 && ch < 1e6))
        return ct_build_fail(b, in, tiled->line, tiled->column, CANTING_ERANGE,
                             "the repeat cell of '%s' must be more than 0 and less than 1 km on each side",
                             s->used->name);
    if (!(box[0] <= box[2] && box[1] <= box[3]))
        return CANTING_OK;   /* an empty region: nothing shows */
    double i0 = floor(box[0] / cw) - 1, i1 = ceil(box[2] / cw) + 1;
    double j0 = floor(box[1] / ch) - 1, j1 = ceil(box[3] / ch) + 1;
    double cells = (i1 - i0 + 1) * (j1 - j0 + 1);
    st = ct_count_work(b, child, s->line, s->column, cells > 1e12 ? (size_t)-1 : (size_t)cells);
    for (double j = j0; st == CANTING_OK && j <= j1; j++) {
        for (double i = i0; st == CANTING_OK && i <= i1; i++) {
            cairo_matrix_t cell = ct_translated(t, i * cw, j * ch);
            st = ct_exec_block(b, child, s->used->draw, s->used->ndraw, &cell);
        }
    }
    return st;
}

static canting_status exec_use(ct_builder *b, const ct_instance *in, const ct_stmt *s, const cairo_matrix_t *m)
{
    ct_instance child;
    cairo_matrix_t t;
    canting_status st = ct_placement(b, in, s, m, &t);
    if (st == CANTING_OK && (st = enter_child(b, in, s, &child)) == CANTING_OK) {
        if (ct_find_clause(s->clauses, s->nclauses, "tiled"))
            st = exec_tiled(b, in, s, &child, &t);
        else
            st = ct_exec_block(b, &child, s->used->draw, s->used->ndraw, &t);
        release_child(&child);
    }
    return st;
}

static canting_status exec_transform(ct_builder *b, const ct_instance *in, const ct_stmt *s, const cairo_matrix_t *m)
{
    cairo_matrix_t t;
    double v, x, y;
    canting_status st;
    if (s->kind == ST_TRANSLATE) {
        if ((st = ct_point_value(b, in, &s->positional[0], &x, &y)) != CANTING_OK)
            return st;
        t = ct_translated(m, x, y);
    } else if (s->kind == ST_ROTATE) {
        if ((st = ct_eval_as(&in->env, s->positional[0].x, CANTING_UNIT_ANGLE, &v, b->err)) != CANTING_OK)
            return st;
        t = ct_rotated(m, v);
    } else {
        if ((st = ct_eval_as(&in->env, s->positional[0].x, CANTING_UNIT_NUMBER, &v, b->err)) != CANTING_OK)
            return st;
        if (v == 0)
            return ct_build_fail(b, in, s->line, s->column, CANTING_ERANGE, "scale 0 makes everything vanish");
        t = ct_scaled(m, v, v);
    }
    return ct_exec_block(b, in, s->body, s->nbody, &t);
}

static canting_status exec_stmt(ct_builder *b, const ct_instance *in, const ct_stmt *s, const cairo_matrix_t *m)
{
    canting_status st = ct_count_work(b, in, s->line, s->column, 1);
    if (st != CANTING_OK)
        return st;
    switch (s->kind) {
    case ST_TRANSLATE:
    case ST_ROTATE:
    case ST_SCALE: return exec_transform(b, in, s, m);
    case ST_MIRROR: return exec_mirror(b, in, s, m, 1);
    case ST_FLIP: return exec_mirror(b, in, s, m, 0);
    case ST_RADIAL: return exec_radial(b, in, s, m);
    case ST_GRID: return exec_grid(b, in, s, m);
    case ST_USE: return exec_use(b, in, s, m);
    case ST_CLIP: return ct_exec_clip(b, in, s, m);
    case ST_SCATTER: return ct_exec_scatter(b, in, s, m);
    case ST_ISLANDS: return ct_exec_islands(b, in, s, m);
    case ST_ALONG: return ct_exec_along(b, in, s, m);
    default: return exec_shape(b, in, s, m);
    }
}

canting_status ct_exec_block(ct_builder *b, const ct_instance *in, ct_stmt *const *stmts, size_t n,
                                 const cairo_matrix_t *m)
{
    for (size_t i = 0; i < n; i++) {
        canting_status st = exec_stmt(b, in, stmts[i], m);
        if (st != CANTING_OK)
            return st;
    }
    return CANTING_OK;
}

/* ---- entry points ---------------------------------------------------------- */

static canting_status layout_of(ct_builder *b, const ct_instance *in, ct_scene *scene)
{
    const ct_motif_def *m = in->def;
    scene->layout = CT_LAYOUT_STRAIGHT;
    scene->fraction = CT_LAYOUT_DEFAULT_FRACTION;
    if (m->layout && ct_layout_parse(m->layout, &scene->layout) != CANTING_OK)
        return ct_build_fail(b, in, m->layout_line, m->layout_column, CANTING_ENAME, "unknown layout '%s' (known: %s)",
                       m->layout, ct_layout_list());
    if (!m->fraction)
        return CANTING_OK;
    if (scene->layout != CT_LAYOUT_HALF_DROP && scene->layout != CT_LAYOUT_BRICK)
        return ct_build_fail(b, in, m->fraction->line, m->fraction->column, CANTING_ESYNTAX,
                       "only half-drop takes a drop and only brick a shift");
    canting_status st = ct_eval_as(&in->env, m->fraction, CANTING_UNIT_NUMBER, &scene->fraction, b->err);
    if (st == CANTING_OK && !(scene->fraction >= 0 && scene->fraction <= 1))
        st = ct_build_fail(b, in, m->fraction->line, m->fraction->column, CANTING_ERANGE,
                     "a drop or shift is a share of the cell from 0 to 1 (like 0.5 or 1/3)");
    return st;
}

static canting_status cell_size(ct_builder *b, const ct_instance *in, ct_scene *scene)
{
    const ct_motif_def *m = in->def;
    scene->cell_w_mm = scene->cell_h_mm = 0;
    if (!m->cell_w)
        return CANTING_OK;
    canting_status st = ct_eval_as(&in->env, m->cell_w, CANTING_UNIT_LENGTH, &scene->cell_w_mm, b->err);
    scene->cell_h_mm = scene->cell_w_mm;
    if (st == CANTING_OK && m->cell_h)
        st = ct_eval_as(&in->env, m->cell_h, CANTING_UNIT_LENGTH, &scene->cell_h_mm, b->err);
    if (st == CANTING_OK && !(scene->cell_w_mm > 0 && scene->cell_h_mm > 0 && scene->cell_w_mm < 1e6 &&
                              scene->cell_h_mm < 1e6))
        st = ct_build_fail(b, in, m->repeat_line, m->repeat_column, CANTING_ERANGE,
                     "the repeat cell must be more than 0 and less than 1 km on each side");
    if (st == CANTING_OK)
        st = layout_of(b, in, scene);
    return st;
}

/* The border band: the band motif drawn once, scaled so its cell is `height`
 * across, its cell's width being one step along the band. */
static canting_status exec_border(ct_builder *b, const ct_instance *top, ct_scene *scene)
{
    const ct_stmt *s = top->def->border;
    ct_instance child;
    double height = 0;
    canting_status st = enter_child(b, top, s, &child);
    if (st != CANTING_OK)
        return st;
    st = cell_size(b, &child, scene);
    if (st == CANTING_OK && scene->cell_w_mm <= 0)
        st = ct_build_fail(b, top, s->line, s->column, CANTING_ESYNTAX,
                     "the border motif '%s' needs a 'repeat' line: its cell is one step of the band", s->used->name);
    if (st == CANTING_OK)
        st = ct_clause_value(b, top, s, s->clauses, s->nclauses, "height", CANTING_UNIT_LENGTH, scene->cell_h_mm, &height);
    if (st == CANTING_OK && !(height > 0 && height < 1e5))
        st = ct_build_fail(b, top, s->line, s->column, CANTING_ERANGE, "a border's height must be more than 0");
    if (st == CANTING_OK) {
        double k = height / scene->cell_h_mm;
        cairo_matrix_t m;
        cairo_matrix_init_scale(&m, k, k);
        scene->cell_w_mm *= k;
        scene->cell_h_mm = height;
        scene->layout = CT_LAYOUT_STRAIGHT;
        st = ct_exec_block(b, &child, s->used->draw, s->used->ndraw, &m);
    }
    release_child(&child);
    return st;
}

canting_status ct_scene_build(const ct_motif_def *m, const ct_binding *overrides, size_t noverrides,
                              const canting_limits *limits, ct_scene *scene, canting_error *err)
{
    return ct_scene_build_part(m, overrides, noverrides, limits, CT_PART_FIELD, scene, err);
}

canting_status ct_scene_build_part(const ct_motif_def *m, const ct_binding *overrides, size_t noverrides,
                                   const canting_limits *limits, ct_scene_part part, ct_scene *scene,
                                   canting_error *err)
{
    memset(scene, 0, sizeof *scene);
    ct_builder b = {.limits = limits, .err = err, .scene = scene};
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    b.cr = cairo_create(surface);
    cairo_surface_destroy(surface);
    /* Paths are built in millimetres, so curves must be flattened to a
     * tolerance far below a millimetre, not cairo's default 0.1 unit. */
    cairo_set_tolerance(b.cr, 1e-4);
    size_t *identity = ct_calloc(m->ninks, sizeof *identity);
    if (cairo_status(b.cr) != CAIRO_STATUS_SUCCESS || !identity) {
        cairo_destroy(b.cr);
        ct_free(identity);
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < m->ninks; i++)
        identity[i] = i;
    ct_instance top = {.def = m, .ink_map = identity};
    cairo_matrix_t origin;
    cairo_matrix_init_identity(&origin);
    canting_status st = ct_env_build(m, overrides, noverrides, &top.env, err);
    if (st == CANTING_OK && part == CT_PART_BORDER) {
        st = m->border ? exec_border(&b, &top, scene) : CANTING_EARG;
        ct_env_free(&top.env);
    } else if (st == CANTING_OK) {
        st = cell_size(&b, &top, scene);
        if (st == CANTING_OK)
            st = ct_exec_block(&b, &top, m->draw, m->ndraw, &origin);
        ct_env_free(&top.env);
    }
    cairo_destroy(b.cr);
    ct_free(identity);
    if (st != CANTING_OK)
        ct_scene_free(scene);
    return st;
}

void ct_scene_free(ct_scene *scene)
{
    for (size_t i = 0; i < scene->count; i++) {
        cairo_path_destroy(scene->ops[i].path);
        cairo_path_destroy(scene->ops[i].clip);
    }
    ct_free(scene->ops);
    for (size_t i = 0; i < scene->nclips; i++) {
        cairo_path_destroy(scene->clips[i]->path);
        ct_free(scene->clips[i]);
    }
    ct_free(scene->clips);
    memset(scene, 0, sizeof *scene);
}
