/*
 * help.h: the manual pages, embedded at build time (docs/man/embed.sh), for
 * `canting help TOPIC` on machines without man.
 */
#ifndef CANTING_CLI_HELP_H
#define CANTING_CLI_HELP_H

typedef struct cli_man_page {
    const char *name;           /* "canting", "canting-motif" */
    const char *section;        /* "1", "5" */
    const char *const *lines;   /* the roff source, NULL-terminated */
} cli_man_page;

/* Every page, ended by an entry with a NULL name. */
extern const cli_man_page cli_man_pages[];

#endif
