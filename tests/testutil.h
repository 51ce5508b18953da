/*
 * testutil.h: helpers shared by the Check suites.  Tests run from the
 * repository's top folder (make check does so).
 */
#ifndef CANTING_TESTUTIL_H
#define CANTING_TESTUTIL_H

#include "canting.h"

#include <check.h>

#include <stddef.h>
#include <stdint.h>

/* Parses motif text from a string; fails the test with the message if it
 * does not load. */
canting_motif *tu_motif(const char *text);

/* A decoded PNG with what a proof carries besides its pixels. */
typedef struct tu_png {
    uint32_t width, height;
    int channels;
    uint8_t *pixels;          /* width * channels bytes a row */
    uint32_t ppm_x, ppm_y;    /* pHYs, pixels per metre; 0 when absent */
    int ntexts;
    char keys[128][80];
    char values[128][256];
} tu_png;

/* Reads a PNG as 8-bit pixels; returns 0 on failure. */
int tu_png_read(const char *path, tu_png *out);
void tu_png_free(tu_png *png);

/* The tEXt value for key, or NULL. */
const char *tu_png_text(const tu_png *png, const char *key);

/* A fresh folder under /tmp for this test; the caller removes it with tu_rmdir. */
char *tu_tempdir(void);
void tu_rmdir(char *dir);

/* Runs a shell command, capturing stdout+stderr into out (NUL-terminated);
 * returns the exit status. */
int tu_run(const char *command, char *out, size_t size);

/* A scratch folder for each test: use tu_scratch_setup and
 * tu_scratch_teardown as a checked fixture; tu_scratch(name) is a path in
 * it (four stay valid at a time).  The teardown frees the font caches in
 * forked tests; under CK_FORK=no (valgrind) tu_main does once at the end,
 * since fontconfig does not start again cleanly after it is freed. */
void tu_scratch_setup(void);
void tu_scratch_teardown(void);
const char *tu_scratch(const char *name);

/* Runs `count` tests as one suite with a per-test timeout and an optional
 * fixture (setup and teardown may be NULL); returns main's exit status. */
int tu_main(const char *name, const TTest *const *tests, size_t count, double timeout_s, void (*setup)(void),
            void (*teardown)(void));

#endif
