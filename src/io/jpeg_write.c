/* jpeg_write.c: rows streamed through libjpeg-turbo into an atomic file. */
#include "io/jpeg_write.h"
#include "io/atomic.h"
#include "util/util.h"

#include <jerror.h>
#include <math.h>
#include <string.h>

/* Rows handed to libjpeg per call; it consumes them an MCU row at a time. */
#define ROWS_PER_CALL 16

struct ct_jpeg_writer {
    ct_atomic_file file;
    struct jpeg_compress_struct cinfo;
    ct_jpeg_errors errors;
    uint32_t rows_left;
};

/* ---- the shared error manager --------------------------------------------- */

static void on_jpeg_error(j_common_ptr cinfo)
{
    ct_jpeg_errors *e = (ct_jpeg_errors *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, e->message);
    longjmp(e->jump, 1);
}

/* libjpeg only warns when its input ends early and then fills the missing
 * rows with grey; a truncated file is a malformed file to us, so that one
 * warning is fatal.  Other warnings (extra bytes between markers, ...) are
 * counted and otherwise ignored, as every viewer does. */
static void on_jpeg_message(j_common_ptr cinfo, int level)
{
    if (level >= 0)
        return;
    cinfo->err->num_warnings++;
    if (cinfo->err->msg_code == JWRN_JPEG_EOF)
        on_jpeg_error(cinfo);
}

/* The library never prints. */
static void on_jpeg_output(j_common_ptr cinfo)
{
    (void)cinfo;
}

struct jpeg_error_mgr *ct_jpeg_errors_init(ct_jpeg_errors *e)
{
    memset(e, 0, sizeof *e);
    jpeg_std_error(&e->mgr);
    e->mgr.error_exit = on_jpeg_error;
    e->mgr.emit_message = on_jpeg_message;
    e->mgr.output_message = on_jpeg_output;
    return &e->mgr;
}

/* ---- the writer -------------------------------------------------------------- */

static canting_status fail(ct_jpeg_writer *w, canting_error *err)
{
    canting_status st = w->errors.mgr.msg_code == JERR_OUT_OF_MEMORY ? CANTING_ENOMEM : CANTING_EIO;
    return ct_fail_at(err, st, w->file.target, 0, 0, "JPEG: %s", w->errors.message);
}

static canting_status check_spec(const ct_jpeg_spec *spec, canting_error *err)
{
    if (spec->width_px == 0 || spec->height_px == 0 || (spec->channels != 1 && spec->channels != 3))
        return ct_fail(err, CANTING_EARG, "JPEG: bad size or channel count");
    if (spec->quality < 1 || spec->quality > 100)
        return ct_fail(err, CANTING_EARG, "JPEG: quality %d is outside 1..100", spec->quality);
    if (spec->width_px > JPEG_MAX_DIMENSION || spec->height_px > JPEG_MAX_DIMENSION)
        return ct_fail(err, CANTING_ELIMIT, "JPEG: %lu x %lu px is larger than JPEG allows (%ld px a side); use PNG",
                       (unsigned long)spec->width_px, (unsigned long)spec->height_px, (long)JPEG_MAX_DIMENSION);
    return CANTING_OK;
}

static void set_density(struct jpeg_compress_struct *c, double dpi)
{
    if (!(dpi > 0))
        return;  /* jpeg_set_defaults left "no unit, 1:1" */
    double d = round(dpi);
    c->density_unit = 1;  /* dots per inch */
    c->X_density = c->Y_density = (UINT16)(d < 1 ? 1 : d > 65535 ? 65535 : d);
}

static void set_header(ct_jpeg_writer *w, const ct_jpeg_spec *spec)
{
    struct jpeg_compress_struct *c = &w->cinfo;
    c->image_width = spec->width_px;
    c->image_height = spec->height_px;
    c->input_components = spec->channels;
    c->in_color_space = spec->channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(c);
    jpeg_set_quality(c, spec->quality, TRUE);
    /* Optimised Huffman tables need a second pass over the coefficients of
     * the whole image, which libjpeg then buffers: off, so memory stays one
     * MCU row whatever the size (the file is a few per cent larger). */
    c->optimize_coding = FALSE;
    /* The fast DCT is a little quicker (about 5% on a 2000 x 2000 proof
     * here; libjpeg-turbo's notes say 5-15%) and, by libjpeg-turbo's notes,
     * indistinguishable up to quality 90; above, it visibly loses detail,
     * so the accurate one is used there. */
    c->dct_method = spec->quality <= 90 ? JDCT_IFAST : JDCT_ISLOW;
    /* A motif's ink edges are sharp colour edges, which 4:2:0 chroma
     * smears; proofs at quality 90 and above keep full-resolution colour. */
    if (spec->channels == 3 && spec->quality >= 90)
        c->comp_info[0].h_samp_factor = c->comp_info[0].v_samp_factor = 1;
    set_density(c, spec->dpi);
}

static canting_status start(ct_jpeg_writer *w, const ct_jpeg_spec *spec, canting_error *err)
{
    w->cinfo.err = ct_jpeg_errors_init(&w->errors);
    if (setjmp(w->errors.jump))
        return fail(w, err);
    jpeg_create_compress(&w->cinfo);
    jpeg_stdio_dest(&w->cinfo, w->file.fp);
    set_header(w, spec);
    jpeg_start_compress(&w->cinfo, TRUE);
    return CANTING_OK;
}

canting_status ct_jpeg_open(const char *path, const ct_jpeg_spec *spec, ct_jpeg_writer **out, canting_error *err)
{
    *out = NULL;
    canting_status st = check_spec(spec, err);
    if (st != CANTING_OK)
        return st;
    ct_jpeg_writer *w = ct_calloc(1, sizeof *w);
    if (!w)
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    w->rows_left = spec->height_px;
    if ((st = ct_atomic_open(path, &w->file, err)) != CANTING_OK) {
        ct_free(w);
        return st;
    }
    if ((st = start(w, spec, err)) != CANTING_OK) {
        ct_jpeg_abandon(w);
        return st;
    }
    *out = w;
    return CANTING_OK;
}

canting_status ct_jpeg_write_rows(ct_jpeg_writer *w, const uint8_t *rows, size_t stride, uint32_t count,
                                  canting_error *err)
{
    if (count > w->rows_left)
        return ct_fail(err, CANTING_EARG, "JPEG: more rows than the image has");
    if (setjmp(w->errors.jump))
        return fail(w, err);
    JSAMPROW batch[ROWS_PER_CALL];
    for (uint32_t done = 0; done < count;) {
        uint32_t n = count - done < ROWS_PER_CALL ? count - done : ROWS_PER_CALL;
        /* libjpeg's row type is not const, but it only reads the rows. */
        for (uint32_t i = 0; i < n; i++)
            batch[i] = (JSAMPROW)(rows + (size_t)(done + i) * stride);
        /* A stdio destination never suspends, so every row is taken. */
        done += jpeg_write_scanlines(&w->cinfo, batch, n);
    }
    w->rows_left -= count;
    return CANTING_OK;
}

static canting_status end(ct_jpeg_writer *w, canting_error *err)
{
    if (setjmp(w->errors.jump))
        return fail(w, err);
    jpeg_finish_compress(&w->cinfo);
    return CANTING_OK;
}

canting_status ct_jpeg_finish(ct_jpeg_writer *w, canting_error *err)
{
    canting_status st = w->rows_left ? ct_fail(err, CANTING_EARG, "JPEG: %lu rows missing", (unsigned long)w->rows_left)
                                     : end(w, err);
    if (st == CANTING_OK)
        st = ct_atomic_commit(&w->file, err);
    ct_jpeg_abandon(w);
    return st;
}

void ct_jpeg_abandon(ct_jpeg_writer *w)
{
    if (!w)
        return;
    /* Safe before jpeg_create_compress too: the zeroed struct has no memory manager. */
    jpeg_destroy_compress(&w->cinfo);
    ct_atomic_abandon(&w->file);
    ct_free(w);
}
