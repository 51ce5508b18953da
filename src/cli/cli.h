/*
 * cli.h: shared parts of the `canting` command.
 */
#ifndef CANTING_CLI_H
#define CANTING_CLI_H

#include "canting.h"

#include <libintl.h>
#include <stdio.h>

/* Messages, help and progress text go through gettext (domain "canting");
 * N_ marks text in tables that is translated where it is printed. */
#define _(text) gettext(text)
#define N_(text) text

#define EXIT_USAGE 2
#define CLI_MAX_SETS 64
#define CLI_MAX_VARY 2

/* Which commands an option belongs to. */
enum {
    FOR_RENDER = 1,
    FOR_REPEAT = 2,
    FOR_SEPARATE = 4,
    FOR_PALETTE = 8,
    FOR_PLAN = 16,
    FOR_INFO = 32,
    FOR_LIST = 64,
    FOR_CHECK = 128,
    FOR_EXPLORE = 256,
    FOR_CAP = 512
};

/* Everything the options of every command can say. */
typedef struct cli_opts {
    const char *input;        /* MOTIF or TILE */
    size_t ninputs;           /* check: how many FILEs (every argument not an option) */
    const char *output;
    const char *size;
    const char *sets[CLI_MAX_SETS];
    size_t nsets;
    int quiet;
    const char *colourway;    /* NULL, a name, or "all" */
    canting_render_options render;
    int format_given;         /* --format seen (render: PDF/SVG by name, separate: a PDF film set) */
    int bits;                 /* separate, plan: 1 or 8 (0: not given) */
    int marks;                /* separate, plan: registration marks */
    int cloth;                /* separate: a sheet for the cloth too */
    int no_sheet;             /* plan: no stage sheet */
    const char *inks;         /* separate: a list of colours or a motif */
    unsigned count;           /* palette: how many inks */
    int layout_given;         /* --size, --layout, --drop, --shift or --set seen */
    int json;                 /* info: JSON */
    int watch;                /* render: re-render when the motif changes */
    const char *vary[CLI_MAX_VARY]; /* explore: NAME=LO..HI */
    size_t nvary;
    unsigned grid_cols, grid_rows; /* explore: 0 when not given */
    unsigned random;          /* explore: samples, 0 for a sweep */
    unsigned long long seed;
    unsigned cell_px;         /* explore: 0 when not given */
    long pick;                /* explore: the cell to print a command for, 0 when none */
    const char *block;        /* cap: the block size */
} cli_opts;

/* Prints "canting: MESSAGE" (fmt translated) and a hint to stderr; returns
 * EXIT_USAGE. */
int cli_usage_error(const char *fmt, const char *arg);

/* Prints a library error to stderr; returns EXIT_FAILURE. */
int cli_report(const canting_error *err);

/* Prints "canting: MESSAGE" (fmt translated, one %s) to stderr; returns
 * EXIT_FAILURE. */
int cli_fail(const char *fmt, const char *arg);

/* Parses argv (after the command word) for `command` (FOR_RENDER ...);
 * returns -1 to go on, or an exit status (help printed, usage error). */
int cli_parse_options(cli_opts *o, unsigned command, const char *usage, int argc, char **argv);

/* A progress bar on stderr, only when stderr is a terminal and not quiet. */
void cli_progress_start(cli_opts *o, const char *what);
void cli_progress_end(cli_opts *o);

/* Sets one parameter from "NAME=VALUE" (err filled on failure, nothing
 * printed, so threads may call it). */
canting_status cli_set(canting_motif *m, const char *set, canting_error *err);

/* Applies every --set NAME=VALUE; returns EXIT_SUCCESS or an exit status
 * (the error printed). */
int cli_apply_sets(canting_motif *m, const cli_opts *o);

/* Loads MOTIF with --set and one --colourway applied; EXIT_SUCCESS or an
 * exit status (the error printed, *m NULL). */
int cli_load_configured(const cli_opts *o, const char *name, canting_motif **m);

/* Reads --size once the dpi is known; -1 to go on, or EXIT_USAGE. */
int cli_read_size(cli_opts *o);

/* "out.png" and "sogan" give "out-sogan.png". */
void cli_suffixed_path(const char *output, const char *suffix, char *buf, size_t size);

/* The commands. */
int cli_render(int argc, char **argv);
int cli_repeat(int argc, char **argv);
int cli_separate(int argc, char **argv);
int cli_palette(int argc, char **argv);
int cli_plan(int argc, char **argv);
int cli_studio(int argc, char **argv);
int cli_list(int argc, char **argv);
int cli_info(int argc, char **argv);
int cli_check(int argc, char **argv);
int cli_explore(int argc, char **argv);
int cli_cap(int argc, char **argv);
int cli_help(int argc, char **argv);

/* Loads a motif by path or by name from the motif search path. */
int cli_load_motif(const char *name, canting_motif **out);

/* Finds a motif's file by path or name into `path` (PATH_MAX bytes) and
 * the load options with the search path; EXIT_SUCCESS or an exit status
 * (the error printed).  The search path lives until the next call. */
int cli_find_motif(const char *name, char *path, canting_load_options *options);

/* The motif search path's folders, NULL-terminated, in order. */
const char *const *cli_motif_dirs(void);

/* Whether the user's language is Indonesian, as gettext decided it
 * (LANGUAGE, LC_ALL, LC_MESSAGES, LANG): a motif's texts follow it. */
int cli_speaks_indonesian(void);

/* A number printed so that reading it back gives the same double, in the
 * fewest digits and never with an exponent (the motif language has none). */
void cli_exact_number(double value, char *buf, size_t size);

/* "mm", "deg" or "" for a parameter's unit kind. */
const char *cli_unit_suffix(canting_unit_kind kind);

/* A string field of the motif's JSON ("layout", "border"), or "" when
 * absent or null. */
void cli_motif_field(const canting_motif *m, const char *key, char *buf, size_t size);

/* Watch mode: calls render(user) now and again whenever a file of the
 * motif named `name` (or one it uses) changes, until SIGINT or SIGTERM. */
int cli_watch(const char *name, int (*render)(void *user, canting_motif *m), void *user);

#endif
