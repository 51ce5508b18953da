/*
 * cli.h: shared parts of the `canting` command.
 */
#ifndef CANTING_CLI_H
#define CANTING_CLI_H

#include "canting.h"

#include <stdio.h>

#define EXIT_USAGE 2
#define CLI_MAX_SETS 64

/* Which commands an option belongs to. */
enum { FOR_RENDER = 1, FOR_REPEAT = 2, FOR_SEPARATE = 4, FOR_PALETTE = 8, FOR_PLAN = 16 };

/* Everything the options of every command can say. */
typedef struct cli_opts {
    const char *input;        /* MOTIF or TILE */
    const char *output;
    const char *size;
    const char *sets[CLI_MAX_SETS];
    size_t nsets;
    int quiet;
    const char *colourway;    /* NULL, a name, or "all" */
    canting_render_options render;
    int bits;                 /* separate, plan: 1 or 8 (0: not given) */
    int marks;                /* separate, plan: registration marks */
    int cloth;                /* separate: a sheet for the cloth too */
    int no_sheet;             /* plan: no stage sheet */
    const char *inks;         /* separate: a list of colours or a motif */
    unsigned count;           /* palette: how many inks */
    int layout_given;         /* --size, --layout, --drop, --shift or --set seen */
} cli_opts;

/* Prints "canting: MESSAGE" and a hint to stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, const char *arg);

/* Prints a library error to stderr; returns EXIT_FAILURE. */
int cli_report(const canting_error *err);

/* Parses argv (after the command word) for `command` (FOR_RENDER ...);
 * returns -1 to go on, or an exit status (help printed, usage error). */
int cli_parse_options(cli_opts *o, unsigned command, const char *usage, int argc, char **argv);

/* A progress bar on stderr, only when stderr is a terminal and not quiet. */
void cli_progress_start(cli_opts *o, const char *what);
void cli_progress_end(cli_opts *o);

/* Applies every --set NAME=VALUE; returns EXIT_SUCCESS or an exit status
 * (the error printed). */
int cli_apply_sets(canting_motif *m, const cli_opts *o);

/* The commands. */
int cli_render(int argc, char **argv);
int cli_repeat(int argc, char **argv);
int cli_separate(int argc, char **argv);
int cli_palette(int argc, char **argv);
int cli_plan(int argc, char **argv);

/* Loads a motif by path or by name from the motif search path. */
int cli_load_motif(const char *name, canting_motif **out);

#endif
