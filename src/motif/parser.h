/*
 * parser.h: tokens to the motif AST.  Private to libcanting.
 */
#ifndef CANTING_PARSER_H
#define CANTING_PARSER_H

#include "motif/ast.h"

/* Resolves `use NAME` to a parsed motif; owned by the loader in motif.c. */
typedef struct ct_loader ct_loader;
canting_status ct_loader_use(ct_loader *loader, const ct_motif_def *from, const char *name, int line, int column,
                             ct_motif_def **out, canting_error *err);

/* Parses `text` (owned by the caller until it is moved into the result:
 * on success the result's `text` takes it over) into *out. */
canting_status ct_parse_motif(char *text, size_t len, const char *file, ct_loader *loader,
                              const canting_limits *limits, ct_motif_def **out, canting_error *err);

/* Parses a lone expression, as given to canting_motif_set ("3cm", "cell/2"). */
canting_status ct_parse_expression(const char *text, const char *what, ct_expr **out, canting_error *err);

/* Clause keys of a statement keyword, for the documentation and `is this a
 * clause` checks; NULL when the keyword is no statement. */
const char *const *ct_statement_clauses(const char *keyword);

#endif
