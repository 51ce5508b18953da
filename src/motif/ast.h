/*
 * ast.h: the parsed form of a motif.  Private to libcanting.
 *
 * A draw statement is a keyword with clauses (`circle r 3mm at (0, 1cm) fill
 * soga`); the clauses each statement takes are listed in one table in
 * parser.c, which docs/motif-language.md follows.
 */
#ifndef CANTING_AST_H
#define CANTING_AST_H

#include "canting.h"

#include <stddef.h>

typedef struct ct_motif_def ct_motif_def;

typedef enum ct_expr_kind { EX_NUM, EX_VAR, EX_NEG, EX_BIN, EX_CALL } ct_expr_kind;

typedef struct ct_expr {
    ct_expr_kind kind;
    int line, column;
    double number;            /* EX_NUM, in canonical units */
    canting_unit_kind unit;   /* EX_NUM */
    char *name;               /* EX_VAR, EX_CALL */
    char op;                  /* EX_BIN: + - * / */
    struct ct_expr *a, *b;    /* EX_NEG: a; EX_BIN: a op b */
    struct ct_expr **args;    /* EX_CALL */
    size_t nargs;
} ct_expr;

typedef enum ct_arg_kind { ARG_EXPR, ARG_POINT, ARG_WORD, ARG_COLOUR } ct_arg_kind;

typedef struct ct_arg {
    ct_arg_kind kind;
    int line, column;
    ct_expr *x, *y;           /* ARG_EXPR uses x; ARG_POINT x and y */
    char *word;               /* ARG_WORD */
    unsigned rgb;             /* ARG_COLOUR */
} ct_arg;

typedef struct ct_clause {
    const char *key;          /* static string from the statement table, or a `use` parameter name */
    int line, column;
    ct_arg *args;
    size_t nargs;
    struct ct_clause *sub;    /* `isen KIND ...`, `gradasi ...`: the fill's own clauses */
    size_t nsub;
} ct_clause;

typedef enum ct_stmt_kind {
    ST_CIRCLE, ST_ELLIPSE, ST_PETAL, ST_RECT, ST_POLYGON, ST_STAR, ST_SPIRAL, ST_PATH, ST_LINE,
    ST_TRANSLATE, ST_ROTATE, ST_SCALE, ST_MIRROR, ST_FLIP, ST_RADIAL, ST_GRID, ST_USE,
    ST_CLIP, ST_SCATTER, ST_ISLANDS, ST_ALONG
} ct_stmt_kind;

typedef struct ct_stmt {
    ct_stmt_kind kind;
    const char *keyword;
    int line, column;
    ct_arg *positional;       /* arguments right after the keyword */
    size_t npositional;
    ct_clause *clauses;
    size_t nclauses;
    struct ct_stmt **body;    /* block statements: the indented body */
    size_t nbody;
    ct_motif_def *used;       /* ST_USE: the motif it places (owned by the motif's `uses` list) */
    struct ct_stmt *shape;    /* ST_CLIP: the shape its body is drawn inside */
} ct_stmt;

typedef struct ct_param_def {
    char *name;
    char *description;
    char *description_id;     /* the Indonesian text after `id`, "" when none */
    int line, column;
    ct_expr *value;           /* default, or the override */
    ct_expr *lo, *hi;         /* NULL when no range */
    int overridden;
} ct_param_def;

typedef struct ct_let_def {
    char *name;
    int line, column;
    ct_expr *value;
} ct_let_def;

typedef struct ct_ink_def {
    char *name;
    char *description;
    char *description_id;
    unsigned rgb;
    int line, column;
} ct_ink_def;

typedef struct ct_colourway_def {
    char *name;
    int line, column;
    size_t count;
    size_t *ink_index;        /* which ink each entry recolours */
    unsigned *rgb;
} ct_colourway_def;

/* Which dye baths make which ink: `recipe` with `baths NAME...` in bath
 * order and `INK = BATH + BATH` lines.  Inks not named receive no bath
 * (they stay the cloth's colour through every bath only if they are the
 * cloth; the parser refuses a recipe that leaves a non-cloth ink out). */
#define CT_MAX_BATHS 16

typedef struct ct_recipe_def {
    char *baths[CT_MAX_BATHS];
    size_t nbaths;
    unsigned *ink_baths;      /* per ink: bit b set when bath b dyes it */
    int line, column;
} ct_recipe_def;

struct ct_motif_def {
    char *name;
    char *title;
    char *title_id;
    char *file;               /* for messages */
    char *dir;                /* folder searched first for `use` */
    int line, column;         /* of the `motif` line */
    ct_param_def *params;
    size_t nparams;
    ct_let_def *lets;
    size_t nlets;
    ct_ink_def *inks;
    size_t ninks;
    ct_colourway_def *colourways;
    size_t ncolourways;
    ct_recipe_def *recipe;    /* NULL: the default light-to-dark overdye */
    ct_stmt *border;          /* `border NAME height H ...`: a use of the band's motif; NULL when none */
    ct_expr *cell_w, *cell_h; /* NULL when the motif has no `repeat` */
    char *layout;
    ct_expr *fraction;        /* `drop F` or `shift F` after the layout; NULL when none */
    int repeat_line, repeat_column;
    int layout_line, layout_column;
    ct_stmt **draw;
    size_t ndraw;
    ct_motif_def **uses;      /* motifs placed by `use`, owned here */
    size_t nuses;
    char *text;               /* the source, owned: tokens point into it */
};

void ct_expr_free(ct_expr *e);
void ct_stmt_free(ct_stmt *s);
void ct_motif_def_free(ct_motif_def *m);

#endif
