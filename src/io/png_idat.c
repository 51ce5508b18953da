/* png_idat.c: a PNG's image data (filtered rows, deflated, in IDAT chunks)
 * made here with zlib rather than by libpng's row writer, for one reason:
 * a repeat's rows come back every `period` rows, so one period is deflated
 * once, ended with a full flush (byte-aligned, no reference to what came
 * before), and its bytes are written again for every later whole period.
 * Only the zlib checksum needs the later periods, and adler32_combine gives
 * it without reading them. */
#include "io/png_idat.h"
#include "util/util.h"

#include <string.h>

/* IDAT chunks of up to this many bytes. */
#define CHUNK_BYTES ((size_t)1 << 18)

canting_status ct_idat_init(ct_idat *d, uint32_t width, uint32_t height, unsigned bpp, int level, int filter_sub,
                            uint32_t period)
{
    memset(d, 0, sizeof *d);
    d->height = height;
    d->bpp = bpp;
    d->filter_sub = filter_sub;
    d->row_bytes = (size_t)width * bpp;
    /* Copying pays only from two whole periods on. */
    d->period = period > 0 && height / period >= 2 ? period : 0;
    d->adler = adler32(0L, Z_NULL, 0);
    size_t filtered_bytes;
    if (!ct_add_size(d->row_bytes, 1, &filtered_bytes) || !(d->filtered = ct_malloc(filtered_bytes)) ||
        !(d->out = ct_malloc(CHUNK_BYTES)))
        return CANTING_ENOMEM;
    d->out_cap = CHUNK_BYTES;
    /* Raw deflate: the two-byte zlib header and the checksum are ours. */
    if (deflateInit2(&d->z, level, Z_DEFLATED, -15, 8, filter_sub ? Z_FILTERED : Z_DEFAULT_STRATEGY) != Z_OK)
        return CANTING_ENOMEM;
    d->z_ready = 1;
    d->out[0] = 0x78;
    d->out[1] = 0x01;
    d->out_len = 2;
    return CANTING_OK;
}

void ct_idat_release(ct_idat *d)
{
    if (d->z_ready)
        deflateEnd(&d->z);
    ct_free(d->filtered);
    ct_free(d->out);
    ct_free(d->segment);
    memset(d, 0, sizeof *d);
}

/* Filter type 1 (sub) or 0 (none): each byte less the byte one pixel to its
 * left; only the row itself is read, so equal rows filter equally. */
static void filter_row(ct_idat *d, const uint8_t *row)
{
    uint8_t *f = d->filtered;
    f[0] = d->filter_sub ? 1 : 0;
    if (!d->filter_sub) {
        memcpy(f + 1, row, d->row_bytes);
        return;
    }
    size_t lead = d->bpp < d->row_bytes ? d->bpp : d->row_bytes;
    memcpy(f + 1, row, lead);
    for (size_t i = lead; i < d->row_bytes; i++)
        f[1 + i] = (uint8_t)(row[i] - row[i - d->bpp]);
}

static canting_status keep_segment(ct_idat *d, const uint8_t *bytes, size_t n)
{
    if (n == 0)  /* nothing to keep, and memcpy must not see a NULL segment */
        return CANTING_OK;
    if (!ct_grow((void **)&d->segment, &d->segment_cap, d->segment_len + n, 1))
        return CANTING_ENOMEM;
    memcpy(d->segment + d->segment_len, bytes, n);
    d->segment_len += n;
    return CANTING_OK;
}

static canting_status emit(ct_idat *d, const uint8_t *bytes, size_t n, ct_idat_sink sink, void *user)
{
    while (n > 0) {
        size_t take = d->out_cap - d->out_len < n ? d->out_cap - d->out_len : n;
        memcpy(d->out + d->out_len, bytes, take);
        d->out_len += take;
        bytes += take;
        n -= take;
        if (d->out_len == d->out_cap) {
            canting_status st = sink(user, d->out, d->out_len);
            d->out_len = 0;
            if (st != CANTING_OK)
                return st;
        }
    }
    return CANTING_OK;
}

/* Runs deflate on what is in d->z with `flush`, passing every byte made on. */
static canting_status pump(ct_idat *d, int flush, ct_idat_sink sink, void *user)
{
    uint8_t buf[1 << 15];
    int rc;
    do {
        d->z.next_out = buf;
        d->z.avail_out = sizeof buf;
        rc = deflate(&d->z, flush);
        if (rc == Z_STREAM_ERROR)
            return CANTING_EIO;
        size_t made = sizeof buf - d->z.avail_out;
        canting_status st = d->recording ? keep_segment(d, buf, made) : CANTING_OK;
        if (st == CANTING_OK)
            st = emit(d, buf, made, sink, user);
        if (st != CANTING_OK)
            return st;
    } while (d->z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    return CANTING_OK;
}

static canting_status deflate_row(ct_idat *d, const uint8_t *row, ct_idat_sink sink, void *user)
{
    filter_row(d, row);
    d->adler = adler32_z(d->adler, d->filtered, d->row_bytes + 1);
    d->z.next_in = d->filtered;
    d->z.avail_in = (uInt)(d->row_bytes + 1);
    return pump(d, Z_NO_FLUSH, sink, user);
}

/* Rows of whole periods after the first are written by copy. */
static int copied(const ct_idat *d, uint32_t y)
{
    return d->period && y >= d->period && y < d->height / d->period * d->period;
}

int ct_idat_row_needed(const ct_idat *d, uint32_t y)
{
    return !copied(d, y);
}

canting_status ct_idat_row(ct_idat *d, const uint8_t *row, ct_idat_sink sink, void *user)
{
    uint32_t y = d->rows++;
    uLong period_bytes = (uLong)d->period * (uLong)(d->row_bytes + 1);
    if (copied(d, y)) {
        if ((y + 1) % d->period != 0)
            return CANTING_OK;
        d->adler = adler32_combine(d->adler, d->segment_adler, (z_off_t)period_bytes);
        return emit(d, d->segment, d->segment_len, sink, user);
    }
    d->recording = d->period && y < d->period;
    canting_status st = deflate_row(d, row, sink, user);
    if (st == CANTING_OK && d->period && y + 1 == d->period) {
        st = pump(d, Z_FULL_FLUSH, sink, user);
        d->segment_adler = d->adler; /* the first period is all the data so far */
        d->recording = 0;
    }
    return st;
}

canting_status ct_idat_finish(ct_idat *d, ct_idat_sink sink, void *user)
{
    d->recording = 0;
    canting_status st = pump(d, Z_FINISH, sink, user);
    uint8_t tail[4] = {(uint8_t)(d->adler >> 24), (uint8_t)(d->adler >> 16), (uint8_t)(d->adler >> 8),
                       (uint8_t)d->adler};
    if (st == CANTING_OK)
        st = emit(d, tail, sizeof tail, sink, user);
    if (st == CANTING_OK && d->out_len > 0)
        st = sink(user, d->out, d->out_len);
    d->out_len = 0;
    return st;
}
