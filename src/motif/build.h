/*
 * build.h: what the files that turn draw statements into a scene share.
 * scene.c draws shapes, transforms and `use`; isen.c the fills inside a
 * shape (isen-isen, gradasi); place.c the placements (scatter, islands,
 * along) and `clip`.  Private to the motif stage.
 */
#ifndef CANTING_BUILD_H
#define CANTING_BUILD_H

#include "motif/scene.h"
#include "util/util.h"

#define CT_PI 3.14159265358979323846

/* One motif being drawn: the top one, or one placed by `use`. */
typedef struct ct_instance {
    const ct_motif_def *def;
    ct_env env;               /* its parameters and lets, then the `as` names of the repetitions around */
    const size_t *ink_map;    /* this motif's ink i is the root's ink_map[i] */
    size_t copy;              /* which copy of the innermost repetition is drawn: picks `alternate` inks */
} ct_instance;

typedef struct ct_builder {
    const canting_limits *limits;
    size_t work;
    canting_error *err;
    cairo_t *cr;              /* scratch context, used only to build paths */
    ct_scene *scene;
    const ct_clip *clip;      /* the region statements are drawn in now; NULL when none */
} ct_builder;

canting_status ct_build_fail(const ct_builder *b, const ct_instance *in, int line, int column, canting_status st,
                             const char *fmt, ...) CT_PRINTF(6, 7);

/* Adds `amount` to the element count; CANTING_ELIMIT past the limit. */
canting_status ct_count_work(ct_builder *b, const ct_instance *in, int line, int column, size_t amount);

/* The last clause called `name`, or NULL. */
const ct_clause *ct_find_clause(const ct_clause *clauses, size_t n, const char *name);

/* The expression argument of clause `name`, as unit `unit`; `fallback` when
 * the clause is absent and fallback is not NAN; an error otherwise. */
canting_status ct_clause_value(ct_builder *b, const ct_instance *in, const ct_stmt *s, const ct_clause *clauses,
                               size_t n, const char *name, canting_unit_kind unit, double fallback, double *out);
canting_status ct_point_value(ct_builder *b, const ct_instance *in, const ct_arg *a, double *x, double *y);

/* The root ink of the ink word `a` names in this instance's motif. */
canting_status ct_ink_named(ct_builder *b, const ct_instance *in, const ct_arg *a, size_t *root_ink);

/* The root ink an ink clause names: its word, or with `alternate A B ...`
 * the word the instance's copy number picks.  `*used` (may be NULL) is how
 * many arguments the ink took. */
canting_status ct_ink_choice(ct_builder *b, const ct_instance *in, const ct_clause *c, size_t *root_ink,
                             size_t *used);

/* A repetition's count: a plain number, rounded, 1 .. the element limit. */
canting_status ct_repeat_count(ct_builder *b, const ct_instance *in, const ct_stmt *s, const ct_expr *e, double *n);

/* m then a local transform: the result applies the local one first. */
cairo_matrix_t ct_translated(const cairo_matrix_t *m, double x, double y);
cairo_matrix_t ct_rotated(const cairo_matrix_t *m, double degrees);
cairo_matrix_t ct_scaled(const cairo_matrix_t *m, double sx, double sy);
double ct_pen_scale(const cairo_matrix_t *m);

/* `at`, `rotate` and `scale` clauses of a shape or a `use`. */
canting_status ct_placement(ct_builder *b, const ct_instance *in, const ct_stmt *s, const cairo_matrix_t *m,
                            cairo_matrix_t *out);

/* An Archimedean spiral from the origin out to r, clockwise, `turns` turns. */
void ct_path_spiral(cairo_t *cr, double turns, double r);

/* Appends the shape's outline, in its local coordinates, to b->cr's path. */
canting_status ct_shape_path(ct_builder *b, const ct_instance *in, const ct_stmt *s);

/* b->cr's current path in device millimetres. */
canting_status ct_copy_device_path(ct_builder *b, cairo_path_t **out);

/* Adds an op whose path is b->cr's current path, clipped to `clip` (taken
 * over, may be NULL) and to the current region. */
canting_status ct_emit(ct_builder *b, ct_op_kind kind, size_t ink, double width_mm, cairo_path_t *clip);

canting_status ct_exec_block(ct_builder *b, const ct_instance *in, ct_stmt *const *stmts, size_t n,
                             const cairo_matrix_t *m);

/* The copies of a repetition: each is drawn with the copy number set (for
 * `alternate`) and, with `as NAME`, NAME bound to it. */
typedef struct ct_loop {
    ct_instance in;
    size_t slot;              /* the binding of NAME, when named */
    int named;
} ct_loop;

canting_status ct_loop_begin(ct_builder *b, const ct_instance *in, const ct_stmt *s, ct_loop *loop);
canting_status ct_loop_copy(ct_builder *b, ct_loop *loop, size_t k, ct_stmt *const *stmts, size_t n,
                            const cairo_matrix_t *m);
void ct_loop_end(ct_loop *loop);

/* isen.c: the fills inside a shape placed by shape_m. */
canting_status ct_emit_isen(ct_builder *b, const ct_instance *in, const ct_stmt *s, const ct_clause *c,
                            const cairo_matrix_t *shape_m);
canting_status ct_emit_gradasi(ct_builder *b, const ct_instance *in, const ct_stmt *s, const ct_clause *c,
                               const cairo_matrix_t *shape_m);

/* place.c: the placement statements and `clip`. */
canting_status ct_exec_clip(ct_builder *b, const ct_instance *in, const ct_stmt *s, const cairo_matrix_t *m);
canting_status ct_exec_scatter(ct_builder *b, const ct_instance *in, const ct_stmt *s, const cairo_matrix_t *m);
canting_status ct_exec_islands(ct_builder *b, const ct_instance *in, const ct_stmt *s, const cairo_matrix_t *m);
canting_status ct_exec_along(ct_builder *b, const ct_instance *in, const ct_stmt *s, const cairo_matrix_t *m);

#endif
