/* ast.c: freeing the parsed form of a motif. */
#include "motif/ast.h"
#include "util/util.h"

void ct_expr_free(ct_expr *e)
{
    if (!e)
        return;
    ct_expr_free(e->a);
    ct_expr_free(e->b);
    for (size_t i = 0; i < e->nargs; i++)
        ct_expr_free(e->args[i]);
    ct_free(e->args);
    ct_free(e->name);
    ct_free(e);
}

static void args_free(ct_arg *args, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ct_expr_free(args[i].x);
        ct_expr_free(args[i].y);
        ct_free(args[i].word);
    }
    ct_free(args);
}

static void clauses_free(ct_clause *clauses, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        args_free(clauses[i].args, clauses[i].nargs);
        clauses_free(clauses[i].sub, clauses[i].nsub);
    }
    ct_free(clauses);
}

void ct_stmt_free(ct_stmt *s)
{
    if (!s)
        return;
    args_free(s->positional, s->npositional);
    clauses_free(s->clauses, s->nclauses);
    for (size_t i = 0; i < s->nbody; i++)
        ct_stmt_free(s->body[i]);
    ct_free(s->body);
    ct_stmt_free(s->shape);
    ct_free(s);
}

void ct_motif_def_free(ct_motif_def *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->nparams; i++) {
        ct_free(m->params[i].name);
        ct_free(m->params[i].description);
        ct_free(m->params[i].description_id);
        ct_expr_free(m->params[i].value);
        ct_expr_free(m->params[i].lo);
        ct_expr_free(m->params[i].hi);
    }
    ct_free(m->params);
    for (size_t i = 0; i < m->nlets; i++) {
        ct_free(m->lets[i].name);
        ct_expr_free(m->lets[i].value);
    }
    ct_free(m->lets);
    for (size_t i = 0; i < m->ninks; i++) {
        ct_free(m->inks[i].name);
        ct_free(m->inks[i].description);
        ct_free(m->inks[i].description_id);
    }
    ct_free(m->inks);
    for (size_t i = 0; i < m->ncolourways; i++) {
        ct_free(m->colourways[i].name);
        ct_free(m->colourways[i].ink_index);
        ct_free(m->colourways[i].rgb);
    }
    ct_free(m->colourways);
    if (m->recipe) {
        for (size_t i = 0; i < m->recipe->nbaths; i++)
            ct_free(m->recipe->baths[i]);
        ct_free(m->recipe->ink_baths);
        ct_free(m->recipe);
    }
    ct_stmt_free(m->border);
    ct_expr_free(m->cell_w);
    ct_expr_free(m->cell_h);
    ct_free(m->layout);
    ct_expr_free(m->fraction);
    for (size_t i = 0; i < m->ndraw; i++)
        ct_stmt_free(m->draw[i]);
    ct_free(m->draw);
    for (size_t i = 0; i < m->nuses; i++)
        ct_motif_def_free(m->uses[i]);
    ct_free(m->uses);
    ct_free(m->name);
    ct_free(m->title);
    ct_free(m->title_id);
    ct_free(m->file);
    ct_free(m->dir);
    ct_free(m->text);
    ct_free(m);
}
