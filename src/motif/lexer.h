/*
 * lexer.h: motif text to tokens.  Private to libcanting.
 *
 * Lines are significant: a line ends a statement, and a deeper indented line
 * opens a block (INDENT ... DEDENT), as in Python.  Inside ( ) and { } line
 * ends are ignored, so a long list may run over several lines.
 */
#ifndef CANTING_LEXER_H
#define CANTING_LEXER_H

#include "canting.h"

#include <stddef.h>

typedef enum ct_tok_kind {
    TOK_EOF = 0,
    TOK_NEWLINE,
    TOK_INDENT,
    TOK_DEDENT,
    TOK_IDENT,
    TOK_NUMBER,   /* value and unit: "4cm" is 40 (mm) with unit LENGTH */
    TOK_STRING,
    TOK_COLOUR,   /* #rrggbb or #rgb */
    TOK_LPAREN, TOK_RPAREN, TOK_LBRACE, TOK_RBRACE,
    TOK_COMMA, TOK_COLON, TOK_EQUALS, TOK_DOTDOT,
    TOK_PLUS, TOK_MINUS, TOK_STAR, TOK_SLASH
} ct_tok_kind;

typedef struct ct_token {
    ct_tok_kind kind;
    int line, column;
    const char *start;   /* into the source text */
    size_t length;
    double number;       /* TOK_NUMBER: value in canonical units (mm, degrees, plain) */
    canting_unit_kind unit;
    unsigned rgb;        /* TOK_COLOUR: 0xRRGGBB */
} ct_token;

typedef struct ct_lexer {
    const char *text, *end, *pos;
    const char *file;
    int line, column;
    int at_line_start;
    int depth;           /* open ( and { */
    int indents[64];
    int indent_count;
    int pending_dedents;
    ct_tok_kind last_kind;
    canting_error *err;
} ct_lexer;

void ct_lexer_init(ct_lexer *lx, const char *text, size_t len, const char *file, canting_error *err);

/* Reads the next token; CANTING_ESYNTAX (with err filled) on a bad character,
 * unterminated string, bad colour, bad unit or inconsistent indentation. */
canting_status ct_lexer_next(ct_lexer *lx, ct_token *tok);

/* A readable name of a token for messages: "'('", "a number", "end of line". */
const char *ct_token_describe(const ct_token *tok, char *buf, size_t size);

#endif
