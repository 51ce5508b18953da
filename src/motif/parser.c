/* parser.c: motif tokens to the AST, one function per construct. */
#include "motif/parser.h"
#include "motif/lexer.h"
#include "util/util.h"

#include <stdio.h>
#include <string.h>

/* How a statement's clauses and positional arguments are read.  Signature
 * letters: e expression, E optional expression, p point, P one or more
 * points, w word, W one or more words, K an ink (a word, or `alternate`
 * and words), D path data, I an isen fill and G a gradasi (each the rest
 * of the line).  A clause with no letters is a flag (`turn`, `tiled`). */
typedef enum block_kind { BLOCK_NONE, BLOCK_CLAUSES, BLOCK_BODY } block_kind;

typedef struct stmt_def {
    const char *keyword;
    ct_stmt_kind kind;
    const char *positional;
    const char *const *clauses;   /* "key:signature", NULL-terminated */
    block_kind block;
} stmt_def;

#define SHAPE_STYLE "at:p", "rotate:e", "scale:e", "fill:K", "stroke:KE", "gradasi:G", "isen:I"
static const char *const circle_clauses[] = {"r:e", SHAPE_STYLE, NULL};
static const char *const ellipse_clauses[] = {"rx:e", "ry:e", SHAPE_STYLE, NULL};
static const char *const petal_clauses[] = {"length:e", "width:e", SHAPE_STYLE, NULL};
static const char *const rect_clauses[] = {"width:e", "height:e", SHAPE_STYLE, NULL};
static const char *const star_clauses[] = {"points:e", "r:e", "inner:e", SHAPE_STYLE, NULL};
static const char *const spiral_clauses[] = {"turns:e", "r:e", SHAPE_STYLE, NULL};
static const char *const style_clauses[] = {SHAPE_STYLE, NULL};
static const char *const radial_clauses[] = {"start:e", "as:w", NULL};
static const char *const grid_clauses[] = {"cols:e", "rows:e", "dx:e", "dy:e", "as:w", NULL};
static const char *const use_clauses[] = {"at:p", "rotate:e", "scale:e", "tiled:", NULL};
static const char *const border_clauses[] = {"height:e", NULL};
static const char *const no_clauses[] = {NULL};
static const char *const isen_clauses[] = {"spacing:e", "dot:e", "width:e", "size:e", "ink:K", "angle:e", NULL};
static const char *const gradasi_clauses[] = {"inks:W", "steps:e", "inset:e", NULL};
static const char *const scatter_clauses[] = {"spacing:e", "seed:e", "turn:e", "width:e", "height:e", "as:w", NULL};
static const char *const islands_clauses[] = {"seed:e",   "spacing:e",  "width:e", "height:e",
                                              "outline:KE", "as:w",     NULL};
static const char *const along_line_clauses[] = {"from:p", "to:p", "count:e", "turn:", "as:w", NULL};
static const char *const along_arc_clauses[] = {"r:e", "from:e", "to:e", "count:e", "turn:", "as:w", NULL};

static const stmt_def statements[] = {
    {"circle", ST_CIRCLE, "", circle_clauses, BLOCK_CLAUSES},
    {"ellipse", ST_ELLIPSE, "", ellipse_clauses, BLOCK_CLAUSES},
    {"petal", ST_PETAL, "", petal_clauses, BLOCK_CLAUSES},
    {"rect", ST_RECT, "", rect_clauses, BLOCK_CLAUSES},
    {"polygon", ST_POLYGON, "P", style_clauses, BLOCK_CLAUSES},
    {"star", ST_STAR, "", star_clauses, BLOCK_CLAUSES},
    {"spiral", ST_SPIRAL, "", spiral_clauses, BLOCK_CLAUSES},
    {"path", ST_PATH, "D", style_clauses, BLOCK_CLAUSES},
    {"line", ST_LINE, "P", style_clauses, BLOCK_CLAUSES},
    {"translate", ST_TRANSLATE, "p", no_clauses, BLOCK_BODY},
    {"rotate", ST_ROTATE, "e", no_clauses, BLOCK_BODY},
    {"scale", ST_SCALE, "e", no_clauses, BLOCK_BODY},
    {"mirror", ST_MIRROR, "w", no_clauses, BLOCK_BODY},
    {"flip", ST_FLIP, "w", no_clauses, BLOCK_BODY},
    {"radial", ST_RADIAL, "e", radial_clauses, BLOCK_BODY},
    {"grid", ST_GRID, "", grid_clauses, BLOCK_BODY},
    {"use", ST_USE, "w", use_clauses, BLOCK_NONE},
    {"clip", ST_CLIP, "", no_clauses, BLOCK_BODY},
    {"scatter", ST_SCATTER, "e", scatter_clauses, BLOCK_BODY},
    {"islands", ST_ISLANDS, "e", islands_clauses, BLOCK_BODY},
    {"along", ST_ALONG, "w", along_line_clauses, BLOCK_BODY},
};

typedef struct parser {
    ct_lexer lx;
    ct_token tok;
    const char *file;
    canting_error *err;
    ct_loader *loader;
    ct_motif_def *motif;
    unsigned depth, max_depth;
} parser;

static canting_status next(parser *p)
{
    return ct_lexer_next(&p->lx, &p->tok);
}

static canting_status fail_at_token(parser *p, const char *fmt, ...) CT_PRINTF(2, 3);
static canting_status fail_at_token(parser *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ct_vfail_at(p->err, CANTING_ESYNTAX, p->file, p->tok.line, p->tok.column, fmt, ap);
    va_end(ap);
    return CANTING_ESYNTAX;
}

static canting_status expected(parser *p, const char *what)
{
    char buf[64];
    return fail_at_token(p, "expected %s, found %s", what, ct_token_describe(&p->tok, buf, sizeof buf));
}

static int tok_is_word(const parser *p, const char *word)
{
    return p->tok.kind == TOK_IDENT && strlen(word) == p->tok.length &&
           memcmp(p->tok.start, word, p->tok.length) == 0;
}

static canting_status expect_kind(parser *p, ct_tok_kind kind, const char *what)
{
    if (p->tok.kind != kind)
        return expected(p, what);
    return next(p);
}

static canting_status take_text(parser *p, char **out)
{
    *out = ct_strndup(p->tok.start, p->tok.length);
    if (!*out)
        return ct_fail(p->err, CANTING_ENOMEM, "out of memory");
    return next(p);
}

static canting_status take_ident(parser *p, const char *what, char **out)
{
    if (p->tok.kind != TOK_IDENT)
        return expected(p, what);
    return take_text(p, out);
}

static canting_status enter(parser *p)
{
    if (++p->depth > p->max_depth)
        return ct_fail_at(p->err, CANTING_ELIMIT, p->file, p->tok.line, p->tok.column,
                          "nested too deeply (limit %u)", p->max_depth);
    return CANTING_OK;
}

/* ---- expressions ---------------------------------------------------------- */

static canting_status parse_expr(parser *p, ct_expr **out);

static ct_expr *new_expr(parser *p, ct_expr_kind kind, int line, int column)
{
    ct_expr *e = ct_calloc(1, sizeof *e);
    if (!e) {
        ct_fail(p->err, CANTING_ENOMEM, "out of memory");
        return NULL;
    }
    e->kind = kind;
    e->line = line;
    e->column = column;
    return e;
}

static canting_status parse_call_args(parser *p, ct_expr *call)
{
    canting_status st = next(p);
    size_t cap = 0;
    while (st == CANTING_OK && p->tok.kind != TOK_RPAREN) {
        if (call->nargs > 0 && (st = expect_kind(p, TOK_COMMA, "',' or ')'")) != CANTING_OK)
            return st;
        if (!ct_grow((void **)&call->args, &cap, call->nargs + 1, sizeof *call->args))
            return ct_fail(p->err, CANTING_ENOMEM, "out of memory");
        call->args[call->nargs] = NULL;
        st = parse_expr(p, &call->args[call->nargs]);
        call->nargs++;
    }
    return st == CANTING_OK ? next(p) : st;
}

static canting_status parse_primary(parser *p, ct_expr **out)
{
    ct_token t = p->tok;
    canting_status st;
    if (t.kind == TOK_NUMBER) {
        if (!(*out = new_expr(p, EX_NUM, t.line, t.column)))
            return CANTING_ENOMEM;
        (*out)->number = t.number;
        (*out)->unit = t.unit;
        return next(p);
    }
    if (t.kind == TOK_LPAREN) {
        if ((st = next(p)) != CANTING_OK || (st = parse_expr(p, out)) != CANTING_OK)
            return st;
        return expect_kind(p, TOK_RPAREN, "')'");
    }
    if (t.kind != TOK_IDENT)
        return expected(p, "a number, a name or '('");
    if (!(*out = new_expr(p, EX_VAR, t.line, t.column)))
        return CANTING_ENOMEM;
    if ((st = take_text(p, &(*out)->name)) != CANTING_OK)
        return st;
    if (p->tok.kind == TOK_LPAREN && p->tok.line == t.line) {
        (*out)->kind = EX_CALL;
        return parse_call_args(p, *out);
    }
    return CANTING_OK;
}

static canting_status parse_unary(parser *p, ct_expr **out)
{
    canting_status st = enter(p);
    if (st == CANTING_OK && p->tok.kind == TOK_MINUS) {
        if (!(*out = new_expr(p, EX_NEG, p->tok.line, p->tok.column)))
            return CANTING_ENOMEM;
        if ((st = next(p)) == CANTING_OK)
            st = parse_unary(p, &(*out)->a);
    } else if (st == CANTING_OK) {
        st = parse_primary(p, out);
    }
    p->depth--;
    return st;
}

/* Left-associative binary operators: level 0 is + -, level 1 is * /. */
/* Each operator in a chain deepens the tree by one, so a chain counts
 * toward the nesting limit: evaluation recurses that deep. */
static canting_status parse_binary(parser *p, int level, ct_expr **out)
{
    canting_status st = level == 0 ? parse_binary(p, 1, out) : parse_unary(p, out);
    for (unsigned chain = 1;; chain++) {
        ct_tok_kind k = p->tok.kind;
        int matches = level == 0 ? (k == TOK_PLUS || k == TOK_MINUS) : (k == TOK_STAR || k == TOK_SLASH);
        if (st != CANTING_OK || !matches)
            return st;
        if (p->depth + chain > p->max_depth)
            return ct_fail_at(p->err, CANTING_ELIMIT, p->file, p->tok.line, p->tok.column,
                              "expression nested too deeply (limit %u); use 'let' to split it", p->max_depth);
        ct_expr *bin = new_expr(p, EX_BIN, p->tok.line, p->tok.column);
        if (!bin)
            return CANTING_ENOMEM;
        bin->op = *p->tok.start;
        bin->a = *out;
        *out = bin;
        if ((st = next(p)) != CANTING_OK)
            return st;
        st = level == 0 ? parse_binary(p, 1, &bin->b) : parse_unary(p, &bin->b);
    }
}

static canting_status parse_expr(parser *p, ct_expr **out)
{
    *out = NULL;
    canting_status st = enter(p);
    if (st == CANTING_OK)
        st = parse_binary(p, 0, out);
    p->depth--;
    return st;
}

/* ---- arguments and clauses ------------------------------------------------- */

static ct_arg *add_arg(parser *p, ct_arg **args, size_t *n, size_t *cap, ct_arg_kind kind)
{
    if (!ct_grow((void **)args, cap, *n + 1, sizeof **args)) {
        ct_fail(p->err, CANTING_ENOMEM, "out of memory");
        return NULL;
    }
    ct_arg *a = &(*args)[(*n)++];
    memset(a, 0, sizeof *a);
    a->kind = kind;
    a->line = p->tok.line;
    a->column = p->tok.column;
    return a;
}

static canting_status parse_point(parser *p, ct_arg *a)
{
    canting_status st;
    if (p->tok.kind != TOK_LPAREN)
        return expected(p, "a point like (x, y)");
    if ((st = next(p)) != CANTING_OK || (st = parse_expr(p, &a->x)) != CANTING_OK ||
        (st = expect_kind(p, TOK_COMMA, "',' between x and y")) != CANTING_OK ||
        (st = parse_expr(p, &a->y)) != CANTING_OK)
        return st;
    return expect_kind(p, TOK_RPAREN, "')' after a point");
}

static int starts_point(const parser *p)
{
    return p->tok.kind == TOK_LPAREN;
}

static int is_clause_key(const char *const *clauses, const parser *p)
{
    for (size_t i = 0; clauses[i]; i++) {
        size_t n = strcspn(clauses[i], ":");
        if (p->tok.kind == TOK_IDENT && p->tok.length == n && memcmp(p->tok.start, clauses[i], n) == 0)
            return 1;
    }
    return 0;
}

static int at_line_end(const parser *p)
{
    return p->tok.kind == TOK_NEWLINE || p->tok.kind == TOK_EOF || p->tok.kind == TOK_DEDENT;
}

static canting_status parse_clauses(parser *p, const char *const *clauses, ct_clause **out, size_t *n,
                                    size_t *cap);

/* A name declared by param or let above is a value, even where it spells a
 * clause (a parameter called r in `circle r r`). */
static int is_declared(const parser *p)
{
    const ct_motif_def *m = p->motif;
    for (size_t i = 0; m && i < m->nparams + m->nlets; i++) {
        const char *name = i < m->nparams ? m->params[i].name : m->lets[i - m->nparams].name;
        if (name && strlen(name) == p->tok.length && memcmp(name, p->tok.start, p->tok.length) == 0)
            return 1;
    }
    return 0;
}

/* One argument of signature letter `sig`, appended to the list. */
static canting_status parse_arg(parser *p, char sig, const char *const *clauses, ct_arg **args, size_t *n,
                                size_t *cap)
{
    ct_arg *a;
    switch (sig) {
    case 'e':
    case 'E':
        if (sig == 'E' && (at_line_end(p) || is_clause_key(clauses, p) || p->tok.kind == TOK_COLON))
            return CANTING_OK;
        if (p->tok.kind == TOK_IDENT && is_clause_key(clauses, p) && !is_declared(p))
            return fail_at_token(p, "expected a value, found the clause '%.*s' (is a value missing before it?)",
                                 (int)p->tok.length, p->tok.start);
        if (!(a = add_arg(p, args, n, cap, ARG_EXPR)))
            return CANTING_ENOMEM;
        return parse_expr(p, &a->x);
    case 'p':
        if (!(a = add_arg(p, args, n, cap, ARG_POINT)))
            return CANTING_ENOMEM;
        return parse_point(p, a);
    case 'w':
        if (!(a = add_arg(p, args, n, cap, ARG_WORD)))
            return CANTING_ENOMEM;
        return take_ident(p, "a name", &a->word);
    case 'W':
    case 'K': {
        int list = sig == 'W' || tok_is_word(p, "alternate");
        canting_status st = parse_arg(p, 'w', clauses, args, n, cap);
        /* After `alternate` the list needs at least one more name; without
         * one, `alternate` is itself the name of an ink. */
        while (st == CANTING_OK && list && p->tok.kind == TOK_IDENT && !is_clause_key(clauses, p) &&
               !is_declared(p))
            st = parse_arg(p, 'w', clauses, args, n, cap);
        return st;
    }
    case 'P':
        do {
            canting_status st = parse_arg(p, 'p', clauses, args, n, cap);
            if (st != CANTING_OK)
                return st;
        } while (starts_point(p));
        return CANTING_OK;
    default: /* 'D': path data, commands M L C Q Z between points */
        while (p->tok.kind == TOK_IDENT || starts_point(p)) {
            if (p->tok.kind == TOK_IDENT && is_clause_key(clauses, p) && !is_declared(p))
                break;
            canting_status st = parse_arg(p, p->tok.kind == TOK_IDENT ? 'w' : 'p', clauses, args, n, cap);
            if (st != CANTING_OK)
                return st;
        }
        return *n ? CANTING_OK : expected(p, "path data such as M (0, 0) L (1cm, 0) Z");
    }
}

/* `isen KIND ...` and `gradasi ...` read their own clauses to the end of
 * the line. */
static canting_status parse_fill(parser *p, ct_clause *c, char sig)
{
    size_t cap = 0, subcap = 0;
    canting_status st = CANTING_OK;
    if (sig == 'I')
        st = parse_arg(p, 'w', isen_clauses, &c->args, &c->nargs, &cap);
    if (st == CANTING_OK)
        st = parse_clauses(p, sig == 'I' ? isen_clauses : gradasi_clauses, &c->sub, &c->nsub, &subcap);
    return st;
}

static const char *find_clause(const char *const *clauses, const parser *p)
{
    for (size_t i = 0; clauses[i]; i++) {
        size_t n = strcspn(clauses[i], ":");
        if (p->tok.length == n && memcmp(p->tok.start, clauses[i], n) == 0)
            return clauses[i];
    }
    return NULL;
}

static canting_status unknown_clause(parser *p, const char *const *clauses)
{
    char list[256] = "";
    for (size_t i = 0; clauses[i]; i++) {
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%.*s", i ? ", " : "", (int)strcspn(clauses[i], ":"),
                 clauses[i]);
    }
    char buf[64];
    if (!clauses[0])
        return fail_at_token(p, "expected end of line, found %s", ct_token_describe(&p->tok, buf, sizeof buf));
    return fail_at_token(p, "expected one of %s; found %s", list, ct_token_describe(&p->tok, buf, sizeof buf));
}

/* One clause, `key args`, appended to the list. */
static canting_status parse_one_clause(parser *p, const char *const *clauses, ct_clause **out, size_t *n,
                                       size_t *cap)
{
    const char *def = p->tok.kind == TOK_IDENT ? find_clause(clauses, p) : NULL;
    if (!def)
        return unknown_clause(p, clauses);
    for (size_t i = 0; i < *n; i++)
        if ((*out)[i].key == def && strncmp(def, "isen:", 5) != 0)
            return fail_at_token(p, "'%.*s' is given twice", (int)p->tok.length, p->tok.start);
    if (!ct_grow((void **)out, cap, *n + 1, sizeof **out))
        return ct_fail(p->err, CANTING_ENOMEM, "out of memory");
    ct_clause *c = &(*out)[(*n)++];
    memset(c, 0, sizeof *c);
    c->key = def;
    c->line = p->tok.line;
    c->column = p->tok.column;
    canting_status st = next(p);
    size_t argcap = 0;
    const char *sig = def + strcspn(def, ":") + 1;
    if (*sig == 'I' || *sig == 'G')
        return st == CANTING_OK ? parse_fill(p, c, *sig) : st;
    for (; st == CANTING_OK && *sig; sig++)
        st = parse_arg(p, *sig, clauses, &c->args, &c->nargs, &argcap);
    return st;
}

/* Clauses up to the end of the line: `key args key args ...`. */
static canting_status parse_clauses(parser *p, const char *const *clauses, ct_clause **out, size_t *n, size_t *cap)
{
    canting_status st = CANTING_OK;
    while (st == CANTING_OK && !at_line_end(p))
        st = parse_one_clause(p, clauses, out, n, cap);
    return st;
}

/* `use NAME a=1 soga=brown at (0, 0)`: assignments become clauses keyed "=". */
static canting_status parse_use_clauses(parser *p, ct_stmt *s, const char *const *clauses)
{
    size_t cap = 0;
    while (!at_line_end(p)) {
        if (p->tok.kind == TOK_IDENT && !is_clause_key(clauses, p)) {
            if (!ct_grow((void **)&s->clauses, &cap, s->nclauses + 1, sizeof *s->clauses))
                return ct_fail(p->err, CANTING_ENOMEM, "out of memory");
            ct_clause *c = &s->clauses[s->nclauses++];
            memset(c, 0, sizeof *c);
            c->key = "=";
            c->line = p->tok.line;
            c->column = p->tok.column;
            size_t argcap = 0;
            canting_status st = parse_arg(p, 'w', clauses, &c->args, &c->nargs, &argcap);
            if (st == CANTING_OK)
                st = expect_kind(p, TOK_EQUALS, "'=' after a parameter name of the used motif");
            if (st == CANTING_OK)
                st = parse_arg(p, 'e', clauses, &c->args, &c->nargs, &argcap);
            if (st != CANTING_OK)
                return st;
            continue;
        }
        canting_status st = parse_one_clause(p, clauses, &s->clauses, &s->nclauses, &cap);
        if (st != CANTING_OK)
            return st;
    }
    return CANTING_OK;
}

/* ---- statements ------------------------------------------------------------ */

static canting_status parse_block(parser *p, ct_stmt ***body, size_t *n);

static const stmt_def *find_statement(const parser *p)
{
    for (size_t i = 0; i < sizeof statements / sizeof statements[0]; i++)
        if (tok_is_word(p, statements[i].keyword))
            return &statements[i];
    return NULL;
}

const char *const *ct_statement_clauses(const char *keyword)
{
    for (size_t i = 0; i < sizeof statements / sizeof statements[0]; i++)
        if (strcmp(statements[i].keyword, keyword) == 0)
            return statements[i].clauses;
    return NULL;
}

/* Continuation lines of a shape: each indented line holds more clauses. */
static canting_status parse_clause_lines(parser *p, const stmt_def *def, ct_stmt *s, size_t *cap)
{
    canting_status st = next(p);
    while (st == CANTING_OK && p->tok.kind != TOK_DEDENT && p->tok.kind != TOK_EOF) {
        if ((st = parse_clauses(p, def->clauses, &s->clauses, &s->nclauses, cap)) != CANTING_OK)
            return st;
        if (p->tok.kind == TOK_NEWLINE)
            st = next(p);
    }
    return st == CANTING_OK ? next(p) : st;
}

/* `clip SHAPE ...`: the shape is a statement of its own, an outline only. */
static canting_status parse_clip_shape(parser *p, ct_stmt *s)
{
    const stmt_def *def = find_statement(p);
    if (!def || def->block != BLOCK_CLAUSES)
        return expected(p, "a shape to clip to (circle, ellipse, petal, rect, star, polygon, path)");
    ct_stmt *shape = s->shape = ct_calloc(1, sizeof *shape);
    if (!shape)
        return ct_fail(p->err, CANTING_ENOMEM, "out of memory");
    shape->kind = def->kind;
    shape->keyword = def->keyword;
    shape->line = p->tok.line;
    shape->column = p->tok.column;
    size_t poscap = 0, cap = 0;
    canting_status st = next(p);
    for (const char *sig = def->positional; st == CANTING_OK && *sig; sig++)
        st = parse_arg(p, *sig, def->clauses, &shape->positional, &shape->npositional, &poscap);
    if (st == CANTING_OK)
        st = parse_clauses(p, def->clauses, &shape->clauses, &shape->nclauses, &cap);
    for (size_t i = 0; st == CANTING_OK && i < shape->nclauses; i++) {
        const char *key = shape->clauses[i].key;
        if (!strncmp(key, "fill:", 5) || !strncmp(key, "stroke:", 7) || !strncmp(key, "isen:", 5) ||
            !strncmp(key, "gradasi:", 8))
            return ct_fail_at(p->err, CANTING_ESYNTAX, p->file, shape->clauses[i].line, shape->clauses[i].column,
                              "a clip shape is only an outline: it takes no fill, stroke, gradasi or isen");
    }
    return st;
}

/* `along line ...` and `along arc ...` take different clauses. */
static canting_status along_clauses(parser *p, const ct_stmt *s, const char *const **clauses)
{
    const ct_arg *how = &s->positional[0];
    if (strcmp(how->word, "line") == 0 || strcmp(how->word, "arc") == 0) {
        *clauses = how->word[0] == 'l' ? along_line_clauses : along_arc_clauses;
        return CANTING_OK;
    }
    return ct_fail_at(p->err, CANTING_ESYNTAX, p->file, how->line, how->column,
                      "expected line or arc after 'along', found '%s'", how->word);
}

static canting_status parse_statement_tail(parser *p, const stmt_def *def, ct_stmt *s)
{
    size_t poscap = 0, cap = 0;
    const char *const *clauses = def->clauses;
    canting_status st = def->kind == ST_CLIP ? parse_clip_shape(p, s) : CANTING_OK;
    for (const char *sig = def->positional; st == CANTING_OK && *sig; sig++)
        st = parse_arg(p, *sig, def->clauses, &s->positional, &s->npositional, &poscap);
    if (st == CANTING_OK && def->kind == ST_ALONG)
        st = along_clauses(p, s, &clauses);
    if (st != CANTING_OK)
        return st;
    st = def->kind == ST_USE ? parse_use_clauses(p, s, use_clauses) : parse_clauses(p, clauses, &s->clauses, &s->nclauses, &cap);
    if (st != CANTING_OK)
        return st;
    if (p->tok.kind == TOK_NEWLINE && (st = next(p)) != CANTING_OK)
        return st;
    if (def->block == BLOCK_BODY) {
        if (p->tok.kind != TOK_INDENT)
            return ct_fail_at(p->err, CANTING_ESYNTAX, p->file, s->line, s->column,
                              "'%s' needs an indented block of statements on the lines below it", def->keyword);
        return parse_block(p, &s->body, &s->nbody);
    }
    if (def->block == BLOCK_CLAUSES && p->tok.kind == TOK_INDENT)
        return parse_clause_lines(p, def, s, &cap);
    if (p->tok.kind == TOK_INDENT)
        return fail_at_token(p, "'%s' takes no indented block", def->keyword);
    return CANTING_OK;
}

static canting_status parse_statement(parser *p, ct_stmt **out)
{
    const stmt_def *def = find_statement(p);
    if (!def) {
        char buf[64];
        return fail_at_token(p, "expected a drawing statement (circle, ellipse, petal, rect, polygon, star, "
                                "spiral, path, line, translate, rotate, scale, mirror, flip, radial, grid, scatter, "
                                "islands, along, clip, use), "
                                "found %s",
                             ct_token_describe(&p->tok, buf, sizeof buf));
    }
    ct_stmt *s = ct_calloc(1, sizeof *s);
    if (!(*out = s))
        return ct_fail(p->err, CANTING_ENOMEM, "out of memory");
    s->kind = def->kind;
    s->keyword = def->keyword;
    s->line = p->tok.line;
    s->column = p->tok.column;
    canting_status st = enter(p);
    if (st == CANTING_OK && (st = next(p)) == CANTING_OK)
        st = parse_statement_tail(p, def, s);
    if (st == CANTING_OK && def->kind == ST_USE)
        st = ct_loader_use(p->loader, p->motif, s->positional[0].word, s->positional[0].line,
                           s->positional[0].column, &s->used, p->err);
    p->depth--;
    return st;
}

/* INDENT statement+ DEDENT */
static canting_status parse_block(parser *p, ct_stmt ***body, size_t *n)
{
    size_t cap = 0;
    canting_status st = next(p);
    while (st == CANTING_OK && p->tok.kind != TOK_DEDENT && p->tok.kind != TOK_EOF) {
        if (!ct_grow((void **)body, &cap, *n + 1, sizeof **body))
            return ct_fail(p->err, CANTING_ENOMEM, "out of memory");
        (*body)[*n] = NULL;
        st = parse_statement(p, &(*body)[(*n)++]);
    }
    return st == CANTING_OK ? next(p) : st;
}

/* ---- top level ------------------------------------------------------------- */

static canting_status end_of_line(parser *p)
{
    if (p->tok.kind == TOK_EOF)
        return CANTING_OK;
    if (p->tok.kind == TOK_INDENT)
        return fail_at_token(p, "unexpected indentation");
    return expect_kind(p, TOK_NEWLINE, "end of line");
}

static canting_status optional_string(parser *p, char **out)
{
    if (p->tok.kind == TOK_STRING)
        return take_text(p, out);
    *out = ct_strdup("");
    return *out ? CANTING_OK : ct_fail(p->err, CANTING_ENOMEM, "out of memory");
}

/* A text and its Indonesian beside it: `"English" id "Bahasa Indonesia"`. */
static canting_status texts(parser *p, char **english, char **indonesian)
{
    canting_status st = optional_string(p, english);
    if (st != CANTING_OK || !tok_is_word(p, "id"))
        return st == CANTING_OK ? optional_string(p, indonesian) : st;
    if ((st = next(p)) != CANTING_OK)
        return st;
    if (p->tok.kind != TOK_STRING)
        return expected(p, "the Indonesian text in quotes after 'id'");
    return optional_string(p, indonesian);
}

static canting_status parse_motif_line(parser *p)
{
    canting_status st;
    if (p->motif->name)
        return fail_at_token(p, "a file holds one motif; 'motif' may appear only once");
    p->motif->line = p->tok.line;
    p->motif->column = p->tok.column;
    if ((st = next(p)) != CANTING_OK || (st = take_ident(p, "the motif's name", &p->motif->name)) != CANTING_OK ||
        (st = texts(p, &p->motif->title, &p->motif->title_id)) != CANTING_OK)
        return st;
    return end_of_line(p);
}

static canting_status parse_param(parser *p)
{
    ct_motif_def *m = p->motif;
    ct_param_def *grown = ct_realloc_array(m->params, m->nparams + 1, sizeof *m->params);
    if (!grown)
        return ct_fail(p->err, CANTING_ENOMEM, "out of memory");
    m->params = grown;
    ct_param_def *d = &m->params[m->nparams++];
    memset(d, 0, sizeof *d);
    canting_status st = next(p);
    d->line = p->tok.line;
    d->column = p->tok.column;
    if (st != CANTING_OK || (st = take_ident(p, "a parameter name", &d->name)) != CANTING_OK ||
        (st = expect_kind(p, TOK_EQUALS, "'=' and the default value")) != CANTING_OK ||
        (st = parse_expr(p, &d->value)) != CANTING_OK)
        return st;
    if (tok_is_word(p, "range")) {
        if ((st = next(p)) != CANTING_OK || (st = parse_expr(p, &d->lo)) != CANTING_OK ||
            (st = expect_kind(p, TOK_DOTDOT, "'..' between the ends of the range")) != CANTING_OK ||
            (st = parse_expr(p, &d->hi)) != CANTING_OK)
            return st;
    }
    if ((st = texts(p, &d->description, &d->description_id)) != CANTING_OK)
        return st;
    return end_of_line(p);
}

static canting_status parse_let(parser *p)
{
    ct_motif_def *m = p->motif;
    ct_let_def *grown = ct_realloc_array(m->lets, m->nlets + 1, sizeof *m->lets);
    if (!grown)
        return ct_fail(p->err, CANTING_ENOMEM, "out of memory");
    m->lets = grown;
    ct_let_def *d = &m->lets[m->nlets++];
    memset(d, 0, sizeof *d);
    canting_status st = next(p);
    d->line = p->tok.line;
    d->column = p->tok.column;
    if (st != CANTING_OK || (st = take_ident(p, "a name", &d->name)) != CANTING_OK ||
        (st = expect_kind(p, TOK_EQUALS, "'='")) != CANTING_OK || (st = parse_expr(p, &d->value)) != CANTING_OK)
        return st;
    return end_of_line(p);
}

static canting_status parse_ink_line(parser *p)
{
    ct_motif_def *m = p->motif;
    ct_ink_def *grown = ct_realloc_array(m->inks, m->ninks + 1, sizeof *m->inks);
    if (!grown)
        return ct_fail(p->err, CANTING_ENOMEM, "out of memory");
    m->inks = grown;
    ct_ink_def *ink = &m->inks[m->ninks++];
    memset(ink, 0, sizeof *ink);
    ink->line = p->tok.line;
    ink->column = p->tok.column;
    canting_status st = take_ident(p, "an ink name", &ink->name);
    if (st != CANTING_OK)
        return st;
    if (p->tok.kind != TOK_COLOUR)
        return expected(p, "the ink's colour, like #7a4a22");
    ink->rgb = p->tok.rgb;
    if ((st = next(p)) != CANTING_OK || (st = texts(p, &ink->description, &ink->description_id)) != CANTING_OK)
        return st;
    return end_of_line(p);
}

static canting_status parse_inks(parser *p)
{
    if (p->motif->ninks)
        return fail_at_token(p, "'inks' may appear only once");
    canting_status st = next(p);
    if (st == CANTING_OK)
        st = expect_kind(p, TOK_NEWLINE, "end of line after 'inks' (list the inks on indented lines)");
    if (st != CANTING_OK)
        return st;
    if (p->tok.kind != TOK_INDENT)
        return expected(p, "indented lines 'NAME #colour', the cloth first");
    st = next(p);
    while (st == CANTING_OK && p->tok.kind != TOK_DEDENT && p->tok.kind != TOK_EOF)
        st = parse_ink_line(p);
    return st == CANTING_OK ? next(p) : st;
}

static canting_status find_ink(parser *p, size_t *index)
{
    for (size_t i = 0; i < p->motif->ninks; i++) {
        const char *n = p->motif->inks[i].name;
        if (strlen(n) == p->tok.length && memcmp(n, p->tok.start, p->tok.length) == 0) {
            *index = i;
            return next(p);
        }
    }
    return ct_fail_at(p->err, CANTING_ENAME, p->file, p->tok.line, p->tok.column,
                      "unknown ink '%.*s' (inks must be listed before colourways and recipes use them)",
                      (int)p->tok.length, p->tok.start);
}

static canting_status parse_colourway_entry(parser *p, ct_colourway_def *cw)
{
    size_t n = cw->count;
    size_t *ii = ct_realloc_array(cw->ink_index, n + 1, sizeof *ii);
    if (ii)
        cw->ink_index = ii;
    unsigned *rgb = ct_realloc_array(cw->rgb, n + 1, sizeof *rgb);
    if (rgb)
        cw->rgb = rgb;
    if (!ii || !rgb)
        return ct_fail(p->err, CANTING_ENOMEM, "out of memory");
    canting_status st;
    if (p->tok.kind != TOK_IDENT)
        return expected(p, "an ink name or '}'");
    if ((st = find_ink(p, &cw->ink_index[n])) != CANTING_OK)
        return st;
    if (p->tok.kind == TOK_COLON && (st = next(p)) != CANTING_OK)
        return st;
    if (p->tok.kind != TOK_COLOUR)
        return expected(p, "a colour like #8a3b1f");
    cw->rgb[n] = p->tok.rgb;
    cw->count++;
    if ((st = next(p)) == CANTING_OK && p->tok.kind == TOK_COMMA)
        st = next(p);
    return st;
}

static canting_status parse_colourway(parser *p)
{
    ct_motif_def *m = p->motif;
    ct_colourway_def *grown = ct_realloc_array(m->colourways, m->ncolourways + 1, sizeof *m->colourways);
    if (!grown)
        return ct_fail(p->err, CANTING_ENOMEM, "out of memory");
    m->colourways = grown;
    ct_colourway_def *cw = &m->colourways[m->ncolourways++];
    memset(cw, 0, sizeof *cw);
    canting_status st = next(p);
    cw->line = p->tok.line;
    cw->column = p->tok.column;
    if (st != CANTING_OK || (st = take_ident(p, "a colourway name", &cw->name)) != CANTING_OK)
        return st;
    for (size_t i = 0; i + 1 < m->ncolourways; i++)
        if (strcmp(m->colourways[i].name, cw->name) == 0)
            return ct_fail_at(p->err, CANTING_ESYNTAX, p->file, cw->line, cw->column,
                              "colourway '%s' is already defined at line %d", cw->name, m->colourways[i].line);
    if (strcmp(cw->name, "all") == 0)
        return ct_fail_at(p->err, CANTING_ESYNTAX, p->file, cw->line, cw->column,
                          "'all' is reserved: --colourway all renders every colourway");
    if ((st = expect_kind(p, TOK_LBRACE, "'{' and the recoloured inks, like { soga: #8a3b1f }")) != CANTING_OK)
        return st;
    while (st == CANTING_OK && p->tok.kind != TOK_RBRACE)
        st = parse_colourway_entry(p, cw);
    if (st == CANTING_OK && (st = next(p)) == CANTING_OK)
        st = end_of_line(p);
    return st;
}

/* `baths NAME NAME ...`: the dye baths in the order the cloth goes through them. */
static canting_status parse_baths(parser *p, ct_recipe_def *r)
{
    canting_status st = next(p);
    while (st == CANTING_OK && p->tok.kind == TOK_IDENT) {
        if (r->nbaths == CT_MAX_BATHS)
            return fail_at_token(p, "at most %d dye baths", CT_MAX_BATHS);
        for (size_t i = 0; i < r->nbaths; i++)
            if (strlen(r->baths[i]) == p->tok.length && !memcmp(r->baths[i], p->tok.start, p->tok.length))
                return fail_at_token(p, "bath '%s' is named twice", r->baths[i]);
        st = take_text(p, &r->baths[r->nbaths++]);
    }
    if (st == CANTING_OK && r->nbaths == 0)
        return expected(p, "the names of the dye baths, in order");
    return st == CANTING_OK ? end_of_line(p) : st;
}

static canting_status find_bath(parser *p, const ct_recipe_def *r, unsigned *bit)
{
    for (size_t i = 0; i < r->nbaths; i++) {
        if (strlen(r->baths[i]) == p->tok.length && !memcmp(r->baths[i], p->tok.start, p->tok.length)) {
            *bit = 1u << i;
            return next(p);
        }
    }
    return ct_fail_at(p->err, CANTING_ENAME, p->file, p->tok.line, p->tok.column,
                      "unknown bath '%.*s' (name it on the 'baths' line first)", (int)p->tok.length, p->tok.start);
}

/* `INK = BATH + BATH`: the baths that dye this ink's areas. */
static canting_status parse_ink_baths(parser *p, ct_recipe_def *r)
{
    size_t ink;
    if (r->nbaths == 0)
        return fail_at_token(p, "a recipe starts with 'baths NAME ...'");
    canting_status st = find_ink(p, &ink);
    if (st != CANTING_OK)
        return st;
    if (ink == 0)
        return fail_at_token(p, "the cloth (the first ink) takes no bath: it stays waxed throughout");
    if (r->ink_baths[ink])
        return fail_at_token(p, "ink '%s' has its baths already", p->motif->inks[ink].name);
    if ((st = expect_kind(p, TOK_EQUALS, "'=' and the baths that dye this ink, like medel + nyoga")) != CANTING_OK)
        return st;
    for (;;) {
        unsigned bit = 0;
        if (p->tok.kind != TOK_IDENT)
            return expected(p, "a bath name");
        if ((st = find_bath(p, r, &bit)) != CANTING_OK)
            return st;
        r->ink_baths[ink] |= bit;
        if (p->tok.kind != TOK_PLUS)
            break;
        if ((st = next(p)) != CANTING_OK)
            return st;
    }
    return end_of_line(p);
}

static canting_status recipe_complete(parser *p, const ct_recipe_def *r)
{
    for (size_t i = 1; i < p->motif->ninks; i++)
        if (!r->ink_baths[i])
            return ct_fail_at(p->err, CANTING_ESYNTAX, p->file, r->line, r->column,
                              "the recipe does not say which baths make ink '%s'", p->motif->inks[i].name);
    return CANTING_OK;
}

static canting_status parse_recipe(parser *p)
{
    ct_motif_def *m = p->motif;
    if (m->recipe)
        return fail_at_token(p, "'recipe' may appear only once");
    if (m->ninks < 2)
        return fail_at_token(p, "'recipe' comes after the inks it makes");
    ct_recipe_def *r = m->recipe = ct_calloc(1, sizeof *r);
    if (!r || !(r->ink_baths = ct_calloc(m->ninks, sizeof *r->ink_baths)))
        return ct_fail(p->err, CANTING_ENOMEM, "out of memory");
    r->line = p->tok.line;
    r->column = p->tok.column;
    canting_status st = next(p);
    if (st == CANTING_OK)
        st = expect_kind(p, TOK_NEWLINE, "end of line after 'recipe'");
    if (st == CANTING_OK && p->tok.kind != TOK_INDENT)
        st = expected(p, "indented lines: 'baths NAME ...', then 'INK = BATH + BATH'");
    if (st == CANTING_OK)
        st = next(p);
    while (st == CANTING_OK && p->tok.kind != TOK_DEDENT && p->tok.kind != TOK_EOF)
        st = tok_is_word(p, "baths") ? parse_baths(p, r) : parse_ink_baths(p, r);
    if (st == CANTING_OK)
        st = recipe_complete(p, r);
    return st == CANTING_OK ? next(p) : st;
}

static canting_status parse_repeat(parser *p)
{
    ct_motif_def *m = p->motif;
    if (m->cell_w)
        return fail_at_token(p, "'repeat' may appear only once");
    m->repeat_line = p->tok.line;
    m->repeat_column = p->tok.column;
    canting_status st = next(p);
    if (st != CANTING_OK || (st = parse_expr(p, &m->cell_w)) != CANTING_OK)
        return st;
    if (tok_is_word(p, "x")) {
        if ((st = next(p)) != CANTING_OK || (st = parse_expr(p, &m->cell_h)) != CANTING_OK)
            return st;
    }
    if (tok_is_word(p, "layout")) {
        if ((st = next(p)) != CANTING_OK)
            return st;
        m->layout_line = p->tok.line;
        m->layout_column = p->tok.column;
        if ((st = take_ident(p, "a layout name such as straight", &m->layout)) != CANTING_OK)
            return st;
        if (tok_is_word(p, "drop") || tok_is_word(p, "shift")) {
            if ((st = next(p)) != CANTING_OK || (st = parse_expr(p, &m->fraction)) != CANTING_OK)
                return st;
        }
    }
    return end_of_line(p);
}

/* `border NAME height H a=1 ...`: the band at both ends of the cloth, drawn
 * by another motif (a tumpal, a siger row) whose cell is one step of it. */
static canting_status parse_border(parser *p)
{
    ct_motif_def *m = p->motif;
    if (m->border)
        return fail_at_token(p, "'border' may appear only once");
    ct_stmt *s = m->border = ct_calloc(1, sizeof *s);
    if (!s)
        return ct_fail(p->err, CANTING_ENOMEM, "out of memory");
    s->kind = ST_USE;
    s->keyword = "border";
    s->line = p->tok.line;
    s->column = p->tok.column;
    size_t cap = 0;
    canting_status st = next(p);
    if (st == CANTING_OK)
        st = parse_arg(p, 'w', border_clauses, &s->positional, &s->npositional, &cap);
    if (st == CANTING_OK)
        st = parse_use_clauses(p, s, border_clauses);
    if (st == CANTING_OK)
        st = ct_loader_use(p->loader, m, s->positional[0].word, s->positional[0].line, s->positional[0].column,
                           &s->used, p->err);
    return st == CANTING_OK ? end_of_line(p) : st;
}

static canting_status parse_draw(parser *p)
{
    if (p->motif->ndraw)
        return fail_at_token(p, "'draw' may appear only once");
    int line = p->tok.line, column = p->tok.column;
    canting_status st = next(p);
    if (st == CANTING_OK)
        st = expect_kind(p, TOK_NEWLINE, "end of line after 'draw'");
    if (st != CANTING_OK)
        return st;
    if (p->tok.kind != TOK_INDENT)
        return ct_fail_at(p->err, CANTING_ESYNTAX, p->file, line, column,
                          "'draw' needs an indented block of drawing statements below it");
    return parse_block(p, &p->motif->draw, &p->motif->ndraw);
}

static canting_status parse_top(parser *p)
{
    static const struct {
        const char *word;
        canting_status (*parse)(parser *);
    } tops[] = {
        {"motif", parse_motif_line}, {"param", parse_param},         {"let", parse_let},   {"inks", parse_inks},
        {"colourway", parse_colourway}, {"colorway", parse_colourway}, {"recipe", parse_recipe},
        {"border", parse_border},       {"repeat", parse_repeat},       {"draw", parse_draw},
    };
    if (p->tok.kind == TOK_INDENT)
        return fail_at_token(p, "unexpected indentation at the top level");
    for (size_t i = 0; i < sizeof tops / sizeof tops[0]; i++) {
        if (tok_is_word(p, tops[i].word)) {
            if (!p->motif->name && i != 0)
                return fail_at_token(p, "a motif file starts with 'motif NAME \"title\"'");
            return tops[i].parse(p);
        }
    }
    char buf[64];
    return fail_at_token(p, "expected motif, param, let, inks, colourway, recipe, border, repeat or draw; found %s",
                         ct_token_describe(&p->tok, buf, sizeof buf));
}

/* A missing part is reported at the `motif` line that lacks it. */
static canting_status check_complete(parser *p)
{
    const ct_motif_def *m = p->motif;
    int line = m->name ? m->line : p->tok.line, column = m->name ? m->column : p->tok.column;
    if (!m->name)
        return ct_fail_at(p->err, CANTING_ESYNTAX, p->file, line, column, "empty motif: expected 'motif NAME'");
    if (m->ninks < 2)
        return ct_fail_at(p->err, CANTING_ESYNTAX, p->file, line, column,
                          "a motif needs an 'inks' block with the cloth and at least one ink");
    if (!m->ndraw)
        return ct_fail_at(p->err, CANTING_ESYNTAX, p->file, line, column, "a motif needs a 'draw' block");
    return CANTING_OK;
}

canting_status ct_parse_motif(char *text, size_t len, const char *file, ct_loader *loader,
                              const canting_limits *limits, ct_motif_def **out, canting_error *err)
{
    parser p;
    memset(&p, 0, sizeof p);
    p.file = file;
    p.err = err;
    p.loader = loader;
    p.max_depth = limits->max_nesting;
    *out = NULL;
    if (!(p.motif = ct_calloc(1, sizeof *p.motif)))
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    p.motif->file = ct_strdup(file);
    if (!p.motif->file) {
        ct_motif_def_free(p.motif);
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    }
    ct_lexer_init(&p.lx, text, len, file, err);
    canting_status st = next(&p);
    while (st == CANTING_OK && p.tok.kind != TOK_EOF) {
        if (p.tok.kind == TOK_NEWLINE)
            st = next(&p);
        else
            st = parse_top(&p);
    }
    if (st == CANTING_OK)
        st = check_complete(&p);
    if (st != CANTING_OK) {
        ct_motif_def_free(p.motif);
        return st;
    }
    p.motif->text = text;
    *out = p.motif;
    return CANTING_OK;
}

canting_status ct_parse_expression(const char *text, const char *what, ct_expr **out, canting_error *err)
{
    parser p;
    memset(&p, 0, sizeof p);
    p.file = what;
    p.err = err;
    p.max_depth = 64;
    ct_lexer_init(&p.lx, text, strlen(text), what, err);
    *out = NULL;
    canting_status st = next(&p);
    if (st == CANTING_OK && at_line_end(&p))
        st = expected(&p, "a value");
    if (st == CANTING_OK)
        st = parse_expr(&p, out);
    if (st == CANTING_OK && !at_line_end(&p))
        st = expected(&p, "end of the value");
    if (st != CANTING_OK) {
        ct_expr_free(*out);
        *out = NULL;
    }
    return st;
}
