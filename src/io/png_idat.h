/*
 * png_idat.h: the image data of a PNG, filtered and deflated with zlib,
 * copying whole periods of repeating rows.  Private to libcanting.
 */
#ifndef CANTING_PNG_IDAT_H
#define CANTING_PNG_IDAT_H

#include "canting.h"

#include <zlib.h>

/* Receives the zlib stream in pieces, to be framed as IDAT chunks. */
typedef canting_status (*ct_idat_sink)(void *user, const uint8_t *bytes, size_t n);

typedef struct ct_idat {
    uint32_t height, rows;        /* rows in the image; rows given so far */
    unsigned bpp;
    int level, filter_sub;
    size_t row_bytes;
    unsigned threads;
    uint32_t piece_rows;          /* rows deflated as one independent run */
    uint8_t *batch;               /* filtered rows (filter byte + row) waiting to be deflated */
    uint32_t batch_rows;
    uint8_t *out;                 /* bytes not yet passed to the sink */
    size_t out_len, out_cap;
    uLong adler;                  /* of all filtered rows so far */
    uint32_t period;              /* 0: none */
    int recording;
    uint8_t *segment;             /* the deflated first period */
    size_t segment_len, segment_cap;
    uLong segment_adler;
} ct_idat;

/* `period` rows repeat (row y equals row y mod period); 0 for none.
 * CANTING_ENOMEM on failure (release anyway). */
canting_status ct_idat_init(ct_idat *d, uint32_t width, uint32_t height, unsigned bpp, int level, int filter_sub,
                            uint32_t period);
void ct_idat_release(ct_idat *d);

/* Whether row y will be read (rows in copied periods are not). */
int ct_idat_row_needed(const ct_idat *d, uint32_t y);

/* The next row (ignored, and may be NULL, when not needed). */
canting_status ct_idat_row(ct_idat *d, const uint8_t *row, ct_idat_sink sink, void *user);

/* Ends the stream (final block and checksum) after the last row. */
canting_status ct_idat_finish(ct_idat *d, ct_idat_sink sink, void *user);

#endif
