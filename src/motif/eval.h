/*
 * eval.h: values with units, and the evaluation of expressions and of a
 * motif's parameters.  Private to libcanting.
 */
#ifndef CANTING_EVAL_H
#define CANTING_EVAL_H

#include "motif/ast.h"

typedef struct ct_value {
    double v;                 /* mm for lengths, degrees for angles */
    canting_unit_kind unit;
} ct_value;

typedef struct ct_binding {
    const char *name;
    ct_value value;
} ct_binding;

/* The names visible while a motif is evaluated: its parameters then its lets. */
typedef struct ct_env {
    const ct_motif_def *motif;
    ct_binding *bindings;
    size_t count;
} ct_env;

/* Evaluates e in env; unknown names, unit mismatches and math errors fail
 * with file:line:col of the offending part. */
canting_status ct_eval(const ct_env *env, const ct_expr *e, ct_value *out, canting_error *err);

/* Evaluates e and requires the unit kind `want` ("a length", ...); a plain 0
 * is accepted as any kind. */
canting_status ct_eval_as(const ct_env *env, const ct_expr *e, canting_unit_kind want, double *out,
                          canting_error *err);

/* Builds the environment of motif m: every parameter (with `overrides`, a
 * list of assignments evaluated by the caller, taking precedence) in order,
 * range-checked, then every let.  Free with ct_env_free. */
canting_status ct_env_build(const ct_motif_def *m, const ct_binding *overrides, size_t noverrides, ct_env *env,
                            canting_error *err);
void ct_env_free(ct_env *env);

/* Looks a name up; NULL when unbound. */
const ct_value *ct_env_find(const ct_env *env, const char *name);

const char *ct_unit_noun(canting_unit_kind unit);

/* Formats a value in its natural unit ("40mm", "45deg", "0.46"). */
void ct_value_format(ct_value v, char *buf, size_t size);

#endif
