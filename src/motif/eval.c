/* eval.c: expressions with units (numbers, lengths in mm, angles in degrees). */
#include "motif/eval.h"
#include "util/util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define PI 3.14159265358979323846

const char *ct_unit_noun(canting_unit_kind unit)
{
    switch (unit) {
    case CANTING_UNIT_LENGTH: return "a length";
    case CANTING_UNIT_ANGLE: return "an angle";
    default: return "a plain number";
    }
}

static canting_status fail_expr(const ct_env *env, const ct_expr *e, canting_error *err, canting_status st,
                                const char *fmt, ...) CT_PRINTF(5, 6);
static canting_status fail_expr(const ct_env *env, const ct_expr *e, canting_error *err, canting_status st,
                                const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ct_vfail_at(err, st, env->motif ? env->motif->file : NULL, e->line, e->column, fmt, ap);
    va_end(ap);
    return st;
}

const ct_value *ct_env_find(const ct_env *env, const char *name)
{
    for (size_t i = env->count; i-- > 0;)
        if (strcmp(env->bindings[i].name, name) == 0)
            return &env->bindings[i].value;
    return NULL;
}

static canting_status eval_var(const ct_env *env, const ct_expr *e, ct_value *out, canting_error *err)
{
    const ct_value *v = ct_env_find(env, e->name);
    if (v) {
        *out = *v;
        return CANTING_OK;
    }
    if (strcmp(e->name, "pi") == 0) {
        *out = (ct_value){PI, CANTING_UNIT_NUMBER};
        return CANTING_OK;
    }
    return fail_expr(env, e, err, CANTING_ENAME, "unknown name '%s' (not a parameter or let of this motif)",
                     e->name);
}

/* Combines units for + - * /; returns false when the combination has no unit. */
static bool combine_units(char op, canting_unit_kind a, canting_unit_kind b, canting_unit_kind *out)
{
    switch (op) {
    case '+':
    case '-':
        *out = a;
        return a == b;
    case '*':
        *out = a == CANTING_UNIT_NUMBER ? b : a;
        return a == CANTING_UNIT_NUMBER || b == CANTING_UNIT_NUMBER;
    default:
        if (b == CANTING_UNIT_NUMBER) {
            *out = a;
            return true;
        }
        *out = CANTING_UNIT_NUMBER;
        return a == b;
    }
}

static canting_status eval_bin(const ct_env *env, const ct_expr *e, ct_value *out, canting_error *err)
{
    ct_value a, b;
    canting_status st = ct_eval(env, e->a, &a, err);
    if (st == CANTING_OK)
        st = ct_eval(env, e->b, &b, err);
    if (st != CANTING_OK)
        return st;
    /* A bare 0 adds to anything: "x + 0" is fine whatever x is. */
    if ((e->op == '+' || e->op == '-') && b.v == 0 && b.unit == CANTING_UNIT_NUMBER)
        b.unit = a.unit;
    if ((e->op == '+' || e->op == '-') && a.v == 0 && a.unit == CANTING_UNIT_NUMBER)
        a.unit = b.unit;
    if (!combine_units(e->op, a.unit, b.unit, &out->unit))
        return fail_expr(env, e, err, CANTING_EUNIT, "cannot use '%c' on %s and %s", e->op, ct_unit_noun(a.unit),
                         ct_unit_noun(b.unit));
    switch (e->op) {
    case '+': out->v = a.v + b.v; break;
    case '-': out->v = a.v - b.v; break;
    case '*': out->v = a.v * b.v; break;
    default:
        if (b.v == 0)
            return fail_expr(env, e, err, CANTING_EMATH, "division by zero");
        out->v = a.v / b.v;
    }
    if (!isfinite(out->v))
        return fail_expr(env, e, err, CANTING_EMATH, "the result is too large");
    return CANTING_OK;
}

typedef enum fn_kind { FN_TRIG, FN_SQRT, FN_SAME, FN_MINMAX, FN_ATAN2 } fn_kind;

typedef struct fn_def {
    const char *name;
    fn_kind kind;
    size_t nargs;
} fn_def;

static const fn_def functions[] = {
    {"sin", FN_TRIG, 1},   {"cos", FN_TRIG, 1},   {"tan", FN_TRIG, 1},   {"sqrt", FN_SQRT, 1},
    {"abs", FN_SAME, 1},   {"floor", FN_SAME, 1}, {"round", FN_SAME, 1}, {"min", FN_MINMAX, 2},
    {"max", FN_MINMAX, 2}, {"atan2", FN_ATAN2, 2},
};

static double apply_same(const char *name, double v)
{
    if (strcmp(name, "abs") == 0)
        return fabs(v);
    return strcmp(name, "floor") == 0 ? floor(v) : round(v);
}

static double apply_trig(const char *name, double degrees)
{
    double r = degrees * PI / 180.0;
    if (strcmp(name, "sin") == 0)
        return sin(r);
    return strcmp(name, "cos") == 0 ? cos(r) : tan(r);
}

static canting_status apply_fn(const ct_env *env, const ct_expr *e, const fn_def *fn, const ct_value *a,
                               ct_value *out, canting_error *err)
{
    switch (fn->kind) {
    case FN_TRIG:
        if (a[0].unit != CANTING_UNIT_ANGLE && !(a[0].v == 0))
            return fail_expr(env, e, err, CANTING_EUNIT, "%s() takes an angle, like %s(30deg)", fn->name, fn->name);
        *out = (ct_value){apply_trig(fn->name, a[0].v), CANTING_UNIT_NUMBER};
        break;
    case FN_SQRT:
        if (a[0].unit != CANTING_UNIT_NUMBER)
            return fail_expr(env, e, err, CANTING_EUNIT, "sqrt() takes a plain number");
        if (a[0].v < 0)
            return fail_expr(env, e, err, CANTING_EMATH, "sqrt() of a negative number");
        *out = (ct_value){sqrt(a[0].v), CANTING_UNIT_NUMBER};
        break;
    case FN_SAME:
        *out = (ct_value){apply_same(fn->name, a[0].v), a[0].unit};
        break;
    case FN_MINMAX:
        if (a[0].unit != a[1].unit && a[0].v != 0 && a[1].v != 0)
            return fail_expr(env, e, err, CANTING_EUNIT, "%s() takes two values of the same kind", fn->name);
        *out = a[0];
        if ((strcmp(fn->name, "min") == 0) == (a[1].v < a[0].v))
            *out = a[1];
        out->unit = a[0].v != 0 ? a[0].unit : a[1].unit;
        break;
    case FN_ATAN2:
        if (a[0].unit != a[1].unit)
            return fail_expr(env, e, err, CANTING_EUNIT, "atan2() takes two values of the same kind");
        *out = (ct_value){atan2(a[0].v, a[1].v) * 180.0 / PI, CANTING_UNIT_ANGLE};
        break;
    }
    return CANTING_OK;
}

static canting_status eval_call(const ct_env *env, const ct_expr *e, ct_value *out, canting_error *err)
{
    const fn_def *fn = NULL;
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++)
        if (strcmp(functions[i].name, e->name) == 0)
            fn = &functions[i];
    if (!fn)
        return fail_expr(env, e, err, CANTING_ENAME,
                         "unknown function '%s' (known: sin, cos, tan, sqrt, abs, floor, round, min, max, atan2)",
                         e->name);
    if (e->nargs != fn->nargs)
        return fail_expr(env, e, err, CANTING_ESYNTAX, "%s() takes %zu argument%s, not %zu", fn->name, fn->nargs,
                         fn->nargs == 1 ? "" : "s", e->nargs);
    ct_value args[2];
    for (size_t i = 0; i < fn->nargs; i++) {
        canting_status st = ct_eval(env, e->args[i], &args[i], err);
        if (st != CANTING_OK)
            return st;
    }
    return apply_fn(env, e, fn, args, out, err);
}

canting_status ct_eval(const ct_env *env, const ct_expr *e, ct_value *out, canting_error *err)
{
    switch (e->kind) {
    case EX_NUM:
        *out = (ct_value){e->number, e->unit};
        return CANTING_OK;
    case EX_VAR:
        return eval_var(env, e, out, err);
    case EX_NEG: {
        canting_status st = ct_eval(env, e->a, out, err);
        out->v = -out->v;
        return st;
    }
    case EX_BIN:
        return eval_bin(env, e, out, err);
    default:
        return eval_call(env, e, out, err);
    }
}

canting_status ct_eval_as(const ct_env *env, const ct_expr *e, canting_unit_kind want, double *out,
                          canting_error *err)
{
    ct_value v;
    canting_status st = ct_eval(env, e, &v, err);
    if (st != CANTING_OK)
        return st;
    if (v.unit != want && v.v != 0) {
        const char *hint = want == CANTING_UNIT_LENGTH ? " (like 3mm or 1.5cm)"
                           : want == CANTING_UNIT_ANGLE ? " (like 45deg)"
                                                        : "";
        return fail_expr(env, e, err, CANTING_EUNIT, "expected %s%s, got %s", ct_unit_noun(want), hint,
                         ct_unit_noun(v.unit));
    }
    *out = v.v;
    return CANTING_OK;
}

void ct_value_format(ct_value v, char *buf, size_t size)
{
    const char *suffix = v.unit == CANTING_UNIT_LENGTH ? "mm" : v.unit == CANTING_UNIT_ANGLE ? "deg" : "";
    snprintf(buf, size, "%.6g%s", v.v, suffix);
}

void ct_env_free(ct_env *env)
{
    ct_free(env->bindings);
    env->bindings = NULL;
    env->count = 0;
}

static canting_status check_range(ct_env *env, const ct_param_def *d, ct_value v, canting_error *err)
{
    if (!d->lo)
        return CANTING_OK;
    double lo, hi;
    canting_status st = ct_eval_as(env, d->lo, v.unit, &lo, err);
    if (st == CANTING_OK)
        st = ct_eval_as(env, d->hi, v.unit, &hi, err);
    if (st != CANTING_OK)
        return st;
    /* A hair of tolerance so "range 2cm..10cm" accepts 100mm written as 10cm. */
    double eps = 1e-9 * (fabs(lo) + fabs(hi) + 1);
    if (v.v < lo - eps || v.v > hi + eps) {
        char sv[32], slo[32], shi[32];
        ct_value_format(v, sv, sizeof sv);
        ct_value_format((ct_value){lo, v.unit}, slo, sizeof slo);
        ct_value_format((ct_value){hi, v.unit}, shi, sizeof shi);
        return ct_fail_at(err, CANTING_ERANGE, env->motif->file, d->line, d->column,
                          "parameter '%s' = %s is outside its range %s..%s", d->name, sv, slo, shi);
    }
    return CANTING_OK;
}

static const ct_binding *find_override(const ct_binding *o, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(o[i].name, name) == 0)
            return &o[i];
    return NULL;
}

static canting_status bind_param(ct_env *env, const ct_param_def *d, const ct_binding *o, canting_error *err)
{
    ct_value v;
    canting_status st = ct_eval(env, d->value, &v, err);
    if (st != CANTING_OK)
        return st;
    if (o) {
        if (o->value.unit != v.unit && o->value.v != 0)
            return ct_fail_at(err, CANTING_EUNIT, env->motif->file, d->line, d->column,
                              "parameter '%s' is %s, but was given %s", d->name, ct_unit_noun(v.unit),
                              ct_unit_noun(o->value.unit));
        v = (ct_value){o->value.v, v.unit};
    }
    if ((st = check_range(env, d, v, err)) != CANTING_OK)
        return st;
    env->bindings[env->count++] = (ct_binding){d->name, v};
    return CANTING_OK;
}

canting_status ct_env_build(const ct_motif_def *m, const ct_binding *overrides, size_t noverrides, ct_env *env,
                            canting_error *err)
{
    env->motif = m;
    env->count = 0;
    env->bindings = ct_calloc(m->nparams + m->nlets, sizeof *env->bindings);
    if (!env->bindings)
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    canting_status st = CANTING_OK;
    for (size_t i = 0; st == CANTING_OK && i < m->nparams; i++)
        st = bind_param(env, &m->params[i], find_override(overrides, noverrides, m->params[i].name), err);
    for (size_t i = 0; st == CANTING_OK && i < m->nlets; i++) {
        ct_value v;
        st = ct_eval(env, m->lets[i].value, &v, err);
        if (st == CANTING_OK)
            env->bindings[env->count++] = (ct_binding){m->lets[i].name, v};
    }
    if (st != CANTING_OK)
        ct_env_free(env);
    return st;
}
