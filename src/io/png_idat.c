/* png_idat.c: a PNG's image data (filtered rows, deflated, in IDAT chunks)
 * made here with zlib rather than by libpng's row writer, for two reasons.
 *
 * Cores: rows are gathered into pieces of about a megabyte, and the pieces
 * of a batch are deflated at once on several threads, each as a raw deflate
 * run ended with a full flush: byte-aligned and referring to nothing before
 * it, so the runs simply follow each other in the stream.
 *
 * Repeats: a repeat's rows come back every `period` rows, so the pieces of
 * the first period are kept and written again for every later whole period.
 * Only the zlib checksum needs the later periods, and adler32_combine gives
 * it without reading them. */
#include "io/png_idat.h"
#include "util/util.h"

#include <pthread.h>
#include <string.h>
#include <unistd.h>

/* IDAT chunks of up to this many bytes. */
#define CHUNK_BYTES ((size_t)1 << 18)
/* Raw bytes deflated as one independent piece. */
#define PIECE_BYTES ((size_t)1 << 20)
#define MAX_THREADS 4

static unsigned thread_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (unsigned)n;
}

canting_status ct_idat_init(ct_idat *d, uint32_t width, uint32_t height, unsigned bpp, int level, int filter_sub,
                            uint32_t period)
{
    memset(d, 0, sizeof *d);
    d->height = height;
    d->bpp = bpp;
    d->level = level;
    d->filter_sub = filter_sub;
    d->row_bytes = (size_t)width * bpp;
    /* Copying pays only from two whole periods on. */
    d->period = period > 0 && height / period >= 2 ? period : 0;
    d->adler = adler32(0L, Z_NULL, 0);
    d->threads = thread_count();
    size_t filtered = d->row_bytes + 1, batch_bytes;
    d->piece_rows = PIECE_BYTES / filtered > 0 ? (uint32_t)(PIECE_BYTES / filtered) : 1;
    if (!ct_mul_size(filtered, (size_t)d->piece_rows * d->threads, &batch_bytes) ||
        !(d->batch = ct_malloc(batch_bytes)) || !(d->out = ct_malloc(CHUNK_BYTES)))
        return CANTING_ENOMEM;
    d->out_cap = CHUNK_BYTES;
    /* The two-byte zlib header; the deflate runs after it are raw. */
    d->out[0] = 0x78;
    d->out[1] = 0x01;
    d->out_len = 2;
    return CANTING_OK;
}

void ct_idat_release(ct_idat *d)
{
    ct_free(d->batch);
    ct_free(d->out);
    ct_free(d->segment);
    memset(d, 0, sizeof *d);
}

/* Filter type 1 (sub) or 0 (none): each byte less the byte one pixel to its
 * left; only the row itself is read, so equal rows filter equally. */
static void filter_row(const ct_idat *d, const uint8_t *row, uint8_t *f)
{
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

/* Copies pay only while the kept period stays small (it does when it
 * compresses; stored blocks at level 0 would keep the raw period): past
 * this, the rows are deflated like any others.  Only first-period rows have
 * been seen when this happens, so nothing has been skipped yet. */
#define SEGMENT_CAP ((size_t)32 << 20)

static canting_status keep_segment(ct_idat *d, const uint8_t *bytes, size_t n)
{
    if (n == 0 || d->period == 0)
        return CANTING_OK;
    if (d->segment_len + n > SEGMENT_CAP) {
        d->period = 0;
        ct_free(d->segment);
        d->segment = NULL;
        d->segment_len = d->segment_cap = 0;
        return CANTING_OK;
    }
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

/* ---- pieces on several threads --------------------------------------------- */

typedef struct piece {
    const uint8_t *raw;
    size_t raw_len;
    int level, strategy;
    uint8_t *out;
    size_t out_len;
    uLong adler;
    canting_status status;
} piece;

/* One independent raw deflate run, ended by a full flush. */
static void *deflate_piece(void *arg)
{
    piece *p = arg;
    z_stream z;
    memset(&z, 0, sizeof z);
    p->status = CANTING_ENOMEM;
    if (deflateInit2(&z, p->level, Z_DEFLATED, -15, 8, p->strategy) != Z_OK)
        return NULL;
    size_t cap = deflateBound(&z, (uLong)p->raw_len) + 16;
    if ((p->out = ct_malloc(cap))) {
        z.next_in = (Bytef *)p->raw;
        z.avail_in = (uInt)p->raw_len;
        z.next_out = p->out;
        z.avail_out = (uInt)cap;
        int rc = deflate(&z, Z_FULL_FLUSH);
        p->out_len = cap - z.avail_out;
        p->status = rc == Z_OK && z.avail_in == 0 ? CANTING_OK : CANTING_EIO;
    }
    deflateEnd(&z);
    p->adler = adler32_z(adler32(0L, Z_NULL, 0), p->raw, p->raw_len);
    return NULL;
}

/* Deflates the pieces, the first on this thread and the rest on their own;
 * a piece whose thread cannot start is done here. */
static void deflate_pieces(piece *ps, size_t n)
{
    pthread_t tid[MAX_THREADS];
    int started[MAX_THREADS] = {0};
    for (size_t k = 1; k < n; k++)
        started[k] = pthread_create(&tid[k], NULL, deflate_piece, &ps[k]) == 0;
    deflate_piece(&ps[0]);
    for (size_t k = 1; k < n; k++) {
        if (started[k])
            pthread_join(tid[k], NULL);
        else
            deflate_piece(&ps[k]);
    }
}

/* Deflates the batch's rows and writes them out in order; the rows of the
 * first period are also kept for copying. */
static canting_status flush_batch(ct_idat *d, ct_idat_sink sink, void *user)
{
    piece ps[MAX_THREADS];
    size_t filtered = d->row_bytes + 1, n = 0;
    for (uint32_t r = 0; r < d->batch_rows; r += d->piece_rows, n++) {
        uint32_t rows = d->batch_rows - r < d->piece_rows ? d->batch_rows - r : d->piece_rows;
        ps[n] = (piece){.raw = d->batch + (size_t)r * filtered, .raw_len = (size_t)rows * filtered,
                        .level = d->level, .strategy = d->filter_sub ? Z_FILTERED : Z_DEFAULT_STRATEGY};
    }
    deflate_pieces(ps, n);
    canting_status st = CANTING_OK;
    for (size_t k = 0; k < n; k++) {
        if (st == CANTING_OK)
            st = ps[k].status;
        if (st == CANTING_OK && d->recording)
            st = keep_segment(d, ps[k].out, ps[k].out_len);
        if (st == CANTING_OK)
            st = emit(d, ps[k].out, ps[k].out_len, sink, user);
        d->adler = adler32_combine(d->adler, ps[k].adler, (z_off_t)ps[k].raw_len);
        ct_free(ps[k].out);
    }
    d->batch_rows = 0;
    return st;
}

/* ---- rows ---------------------------------------------------------------------- */

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
    if (copied(d, y)) {
        if ((y + 1) % d->period != 0)
            return CANTING_OK;
        uLong period_bytes = (uLong)d->period * (uLong)(d->row_bytes + 1);
        d->adler = adler32_combine(d->adler, d->segment_adler, (z_off_t)period_bytes);
        return emit(d, d->segment, d->segment_len, sink, user);
    }
    filter_row(d, row, d->batch + (size_t)d->batch_rows++ * (d->row_bytes + 1));
    /* A batch ends where the first period does, so the period's pieces are
     * exactly the bytes to copy. */
    int period_end = d->period && y + 1 == d->period;
    if (d->batch_rows < d->piece_rows * d->threads && !period_end && y + 1 < d->height)
        return CANTING_OK;
    d->recording = d->period && y < d->period;
    canting_status st = flush_batch(d, sink, user);
    if (period_end)
        d->segment_adler = d->adler; /* the first period is all the data so far */
    d->recording = 0;
    return st;
}

canting_status ct_idat_finish(ct_idat *d, ct_idat_sink sink, void *user)
{
    canting_status st = d->batch_rows ? flush_batch(d, sink, user) : CANTING_OK;
    /* An empty final block (BFINAL, fixed codes, end of block) closes the
     * stream; then the checksum of everything, high byte first. */
    uint8_t tail[6] = {0x03, 0x00, (uint8_t)(d->adler >> 24), (uint8_t)(d->adler >> 16), (uint8_t)(d->adler >> 8),
                       (uint8_t)d->adler};
    if (st == CANTING_OK)
        st = emit(d, tail, sizeof tail, sink, user);
    if (st == CANTING_OK && d->out_len > 0)
        st = sink(user, d->out, d->out_len);
    d->out_len = 0;
    return st;
}
