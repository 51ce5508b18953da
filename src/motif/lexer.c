/* lexer.c: motif text to tokens, with Python-like indentation blocks. */
#include "motif/lexer.h"
#include "util/util.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ct_lexer_init(ct_lexer *lx, const char *text, size_t len, const char *file, canting_error *err)
{
    memset(lx, 0, sizeof *lx);
    lx->text = text;
    lx->pos = text;
    lx->end = text + len;
    lx->file = file;
    lx->line = 1;
    lx->column = 1;
    lx->at_line_start = 1;
    lx->indents[0] = 0;
    lx->indent_count = 1;
    lx->err = err;
    lx->last_kind = TOK_NEWLINE;
}

static int peek(const ct_lexer *lx, size_t ahead)
{
    return lx->pos + ahead < lx->end ? (unsigned char)lx->pos[ahead] : -1;
}

static void advance(ct_lexer *lx)
{
    if (lx->pos >= lx->end)
        return;
    if (*lx->pos == '\n') {
        lx->line++;
        lx->column = 1;
    } else {
        lx->column++;
    }
    lx->pos++;
}

static canting_status lex_error(ct_lexer *lx, int line, int column, const char *fmt, ...) CT_PRINTF(4, 5);
static canting_status lex_error(ct_lexer *lx, int line, int column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ct_vfail_at(lx->err, CANTING_ESYNTAX, lx->file, line, column, fmt, ap);
    va_end(ap);
    return CANTING_ESYNTAX;
}

static int is_hex_colour_start(const ct_lexer *lx)
{
    size_t n = 0;
    while (isxdigit(peek(lx, 1 + n)))
        n++;
    int after = peek(lx, 1 + n);
    return (n == 6 || n == 3) && !(isalnum(after) || after == '_');
}

/* A comment is '#' followed by a space, another '#', or the end of the line;
 * '#' followed by 3 or 6 hex digits is a colour. */
static int is_comment_start(const ct_lexer *lx)
{
    int next = peek(lx, 1);
    return next == ' ' || next == '\t' || next == '#' || next == '\n' || next == '\r' || next == -1 || next == '!';
}

static void skip_to_line_end(ct_lexer *lx)
{
    while (lx->pos < lx->end && *lx->pos != '\n')
        advance(lx);
}

/* Skips blanks (and comments) inside a line. */
static void skip_blanks(ct_lexer *lx)
{
    for (;;) {
        int c = peek(lx, 0);
        if (c == ' ' || c == '\t' || c == '\r')
            advance(lx);
        else if (c == '#' && is_comment_start(lx))
            skip_to_line_end(lx);
        else if (c == '\n' && lx->depth > 0)
            advance(lx);
        else
            return;
    }
}

/* At the start of a line: measures indentation, skipping blank and comment
 * lines.  Returns the width, or -1 at the end of the text. */
static canting_status measure_indent(ct_lexer *lx, int *width)
{
    for (;;) {
        int w = 0;
        while (peek(lx, 0) == ' ') {
            advance(lx);
            w++;
        }
        int c = peek(lx, 0);
        if (c == '\t')
            return lex_error(lx, lx->line, lx->column, "a tab in indentation; indent with spaces");
        if (c == '\r' && peek(lx, 1) == '\n')
            advance(lx), c = '\n';
        if (c == '#' && is_comment_start(lx)) {
            skip_to_line_end(lx);
            c = peek(lx, 0);
        }
        if (c == '\n') {
            advance(lx);
            continue;
        }
        *width = (c == -1) ? -1 : w;
        return CANTING_OK;
    }
}

static void make_token(ct_lexer *lx, ct_token *tok, ct_tok_kind kind)
{
    memset(tok, 0, sizeof *tok);
    tok->kind = kind;
    tok->line = lx->line;
    tok->column = lx->column;
    tok->start = lx->pos;
}

/* Emits INDENT/DEDENT/NEWLINE bookkeeping at the start of a line; returns 1
 * when it produced a token. */
static canting_status line_start(ct_lexer *lx, ct_token *tok, int *produced)
{
    int width = 0;
    canting_status st = measure_indent(lx, &width);
    *produced = 0;
    if (st != CANTING_OK)
        return st;
    lx->at_line_start = 0;
    if (width < 0)
        width = 0;
    int top = lx->indents[lx->indent_count - 1];
    if (width > top) {
        if (lx->indent_count == (int)(sizeof lx->indents / sizeof lx->indents[0]))
            return lex_error(lx, lx->line, lx->column, "blocks nested too deeply");
        lx->indents[lx->indent_count++] = width;
        make_token(lx, tok, TOK_INDENT);
        *produced = 1;
        return CANTING_OK;
    }
    while (width < lx->indents[lx->indent_count - 1]) {
        lx->indent_count--;
        lx->pending_dedents++;
    }
    if (width != lx->indents[lx->indent_count - 1])
        return lex_error(lx, lx->line, lx->column,
                         "this line's indentation (%d spaces) matches no enclosing block", width);
    return CANTING_OK;
}

typedef struct unit_def {
    const char *name;
    canting_unit_kind kind;
    double factor;
} unit_def;

/* px is the CSS reference pixel (1/96 in), so a motif draws the same at every DPI. */
static const unit_def units[] = {
    {"mm", CANTING_UNIT_LENGTH, 1.0},        {"cm", CANTING_UNIT_LENGTH, 10.0},
    {"in", CANTING_UNIT_LENGTH, 25.4},       {"px", CANTING_UNIT_LENGTH, 25.4 / 96.0},
    {"deg", CANTING_UNIT_ANGLE, 1.0},        {"%", CANTING_UNIT_NUMBER, 0.01},
};

static canting_status lex_number(ct_lexer *lx, ct_token *tok)
{
    make_token(lx, tok, TOK_NUMBER);
    const char *s = lx->pos;
    while (isdigit(peek(lx, 0)))
        advance(lx);
    if (peek(lx, 0) == '.' && isdigit(peek(lx, 1))) {
        advance(lx);
        while (isdigit(peek(lx, 0)))
            advance(lx);
    }
    char buf[64];
    size_t n = (size_t)(lx->pos - s);
    if (n >= sizeof buf)
        return lex_error(lx, tok->line, tok->column, "number too long");
    memcpy(buf, s, n);
    buf[n] = '\0';
    tok->number = strtod(buf, NULL);
    tok->unit = CANTING_UNIT_NUMBER;
    const char *u = lx->pos;
    size_t ulen = 0;
    while (u + ulen < lx->end && (isalpha((unsigned char)u[ulen]) || u[ulen] == '%'))
        ulen++;
    if (ulen > 0) {
        size_t i;
        for (i = 0; i < sizeof units / sizeof units[0]; i++)
            if (strlen(units[i].name) == ulen && memcmp(units[i].name, u, ulen) == 0)
                break;
        if (i == sizeof units / sizeof units[0])
            return lex_error(lx, lx->line, lx->column, "unknown unit '%.*s'; expected mm, cm, in, px, deg or %%",
                             (int)ulen, u);
        tok->number *= units[i].factor;
        tok->unit = units[i].kind;
        for (size_t k = 0; k < ulen; k++)
            advance(lx);
    }
    if (!isfinite(tok->number))
        return lex_error(lx, tok->line, tok->column, "number too large");
    tok->length = (size_t)(lx->pos - tok->start);
    return CANTING_OK;
}

static canting_status lex_string(ct_lexer *lx, ct_token *tok)
{
    make_token(lx, tok, TOK_STRING);
    advance(lx);
    tok->start = lx->pos;
    while (peek(lx, 0) != '"') {
        int c = peek(lx, 0);
        if (c == -1 || c == '\n')
            return lex_error(lx, tok->line, tok->column, "unterminated string; close it with \" on the same line");
        advance(lx);
    }
    tok->length = (size_t)(lx->pos - tok->start);
    advance(lx);
    return CANTING_OK;
}

static unsigned hex_value(int c)
{
    return (unsigned)(isdigit(c) ? c - '0' : tolower(c) - 'a' + 10);
}

static canting_status lex_colour(ct_lexer *lx, ct_token *tok)
{
    make_token(lx, tok, TOK_COLOUR);
    if (!is_hex_colour_start(lx))
        return lex_error(lx, tok->line, tok->column,
                         "expected a colour like #7a4a22 (a comment needs a space after '#')");
    advance(lx);
    unsigned digits[6];
    size_t n = 0;
    while (isxdigit(peek(lx, 0))) {
        digits[n++] = hex_value(peek(lx, 0));
        advance(lx);
    }
    unsigned rgb = 0;
    for (size_t i = 0; i < 3; i++) {
        unsigned v = (n == 3) ? digits[i] * 17 : digits[2 * i] * 16 + digits[2 * i + 1];
        rgb = (rgb << 8) | v;
    }
    tok->rgb = rgb;
    tok->length = (size_t)(lx->pos - tok->start);
    return CANTING_OK;
}

static const struct {
    char c;
    ct_tok_kind kind;
} single_chars[] = {
    {'(', TOK_LPAREN}, {')', TOK_RPAREN}, {'{', TOK_LBRACE}, {'}', TOK_RBRACE}, {',', TOK_COMMA},
    {':', TOK_COLON},  {'=', TOK_EQUALS}, {'+', TOK_PLUS},   {'-', TOK_MINUS},  {'*', TOK_STAR},
    {'/', TOK_SLASH},
};

static canting_status lex_punct(ct_lexer *lx, ct_token *tok)
{
    int c = peek(lx, 0);
    make_token(lx, tok, TOK_EOF);
    if (c == '.' && peek(lx, 1) == '.') {
        tok->kind = TOK_DOTDOT;
        advance(lx);
        advance(lx);
        tok->length = 2;
        return CANTING_OK;
    }
    for (size_t i = 0; i < sizeof single_chars / sizeof single_chars[0]; i++) {
        if (single_chars[i].c == c) {
            tok->kind = single_chars[i].kind;
            if (c == '(' || c == '{')
                lx->depth++;
            else if ((c == ')' || c == '}') && lx->depth > 0)
                lx->depth--;
            advance(lx);
            tok->length = 1;
            return CANTING_OK;
        }
    }
    if (c >= 0x20 && c < 0x7f)
        return lex_error(lx, tok->line, tok->column, "unexpected character '%c'", c);
    return lex_error(lx, tok->line, tok->column, "unexpected byte 0x%02x", (unsigned)c);
}

static canting_status lex_word(ct_lexer *lx, ct_token *tok)
{
    int c = peek(lx, 0);
    if (isalpha(c) || c == '_') {
        make_token(lx, tok, TOK_IDENT);
        while (isalnum(peek(lx, 0)) || peek(lx, 0) == '_' || (peek(lx, 0) == '-' && isalpha(peek(lx, 1))))
            advance(lx);
        tok->length = (size_t)(lx->pos - tok->start);
        return CANTING_OK;
    }
    if (isdigit(c) || (c == '.' && isdigit(peek(lx, 1))))
        return lex_number(lx, tok);
    if (c == '"')
        return lex_string(lx, tok);
    if (c == '#')
        return lex_colour(lx, tok);
    return lex_punct(lx, tok);
}

static canting_status next_raw(ct_lexer *lx, ct_token *tok)
{
    if (lx->at_line_start) {
        int produced;
        canting_status st = line_start(lx, tok, &produced);
        if (st != CANTING_OK || produced)
            return st;
    }
    if (lx->pending_dedents > 0) {
        lx->pending_dedents--;
        make_token(lx, tok, TOK_DEDENT);
        return CANTING_OK;
    }
    skip_blanks(lx);
    int c = peek(lx, 0);
    if (c == -1) {
        make_token(lx, tok, TOK_EOF);
        if (lx->indent_count > 1) {
            lx->indent_count--;
            tok->kind = TOK_DEDENT;
        }
        return CANTING_OK;
    }
    if (c == '\n') {
        make_token(lx, tok, TOK_NEWLINE);
        advance(lx);
        lx->at_line_start = 1;
        return CANTING_OK;
    }
    return lex_word(lx, tok);
}

/* A file whose last line has no line end still ends its last statement. */
canting_status ct_lexer_next(ct_lexer *lx, ct_token *tok)
{
    canting_status st = next_raw(lx, tok);
    if (st == CANTING_OK && (tok->kind == TOK_EOF || tok->kind == TOK_DEDENT) && lx->pos >= lx->end &&
        lx->last_kind != TOK_NEWLINE && lx->last_kind != TOK_DEDENT && lx->last_kind != TOK_EOF &&
        lx->last_kind != TOK_INDENT) {
        if (tok->kind == TOK_DEDENT)
            lx->indent_count++;
        tok->kind = TOK_NEWLINE;
    }
    if (st == CANTING_OK)
        lx->last_kind = tok->kind;
    return st;
}

const char *ct_token_describe(const ct_token *tok, char *buf, size_t size)
{
    switch (tok->kind) {
    case TOK_EOF: return "end of file";
    case TOK_NEWLINE: return "end of line";
    case TOK_INDENT: return "an indented block";
    case TOK_DEDENT: return "end of block";
    case TOK_NUMBER: snprintf(buf, size, "number '%.*s'", (int)tok->length, tok->start); return buf;
    case TOK_STRING: return "a string";
    case TOK_COLOUR: return "a colour";
    default:
        snprintf(buf, size, "'%.*s'", (int)(tok->length > 40 ? 40 : tok->length), tok->start);
        return buf;
    }
}
