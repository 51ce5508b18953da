/*
 * jpeg_write.h: a streamed JPEG writer (libjpeg-turbo) that writes to a
 * temporary file and renames it into place only when complete, the twin of
 * png_write.h.  Also the libjpeg error manager the JPEG reader shares.
 * Private to libcanting.
 */
#ifndef CANTING_JPEG_WRITE_H
#define CANTING_JPEG_WRITE_H

#include "canting.h"

/* jpeglib.h needs FILE and size_t declared before it. */
#include <setjmp.h>
#include <stdio.h>
#include <jpeglib.h>

typedef struct ct_jpeg_spec {
    uint32_t width_px, height_px;  /* 1 .. 65500 each (libjpeg's JPEG_MAX_DIMENSION) */
    int channels;                  /* 1 grey or 3 RGB; 8 bits each */
    double dpi;                    /* JFIF density in dots per inch, rounded; <= 0: none */
    int quality;                   /* 1..100 */
} ct_jpeg_spec;

typedef struct ct_jpeg_writer ct_jpeg_writer;

/* Starts the file (under a temporary name).  A side over 65500 px is refused
 * with CANTING_ELIMIT, other bad specs with CANTING_EARG. */
canting_status ct_jpeg_open(const char *path, const ct_jpeg_spec *spec, ct_jpeg_writer **out, canting_error *err);

/* Compresses `count` rows, each `stride` bytes apart (width * channels bytes
 * used), as they come; nothing is kept once written. */
canting_status ct_jpeg_write_rows(ct_jpeg_writer *w, const uint8_t *rows, size_t stride, uint32_t count,
                                  canting_error *err);

/* Finishes the file and renames it into place; after all rows only.  The
 * writer is freed whatever the outcome. */
canting_status ct_jpeg_finish(ct_jpeg_writer *w, canting_error *err);

/* Abandons the file: the temporary is removed, the target untouched.  NULL is
 * allowed. */
void ct_jpeg_abandon(ct_jpeg_writer *w);

/* libjpeg's error manager routed back to the caller: a fatal error (and a
 * premature end of the input, which libjpeg only warns about) formats its
 * message into `message` and longjmps to `jump`; nothing is ever printed. */
typedef struct ct_jpeg_errors {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
} ct_jpeg_errors;

/* Fills `e` and returns the manager to put in cinfo.err. */
struct jpeg_error_mgr *ct_jpeg_errors_init(ct_jpeg_errors *e);

#endif
