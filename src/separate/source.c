/* source.c: ink coverages of the output, strip by strip, from a motif or
 * from classified raster art. */
#include "separate/source.h"
#include "io/image_read.h"
#include "util/util.h"

#include <string.h>

void ct_ink_source_free(ct_ink_source *src)
{
    for (size_t i = 0; i < CANTING_MAX_INKS; i++)
        ct_cloth_free(&src->cloth[i]);
    memset(src, 0, sizeof *src);
}

/* Laid out exactly as the proof: one cloth plan, one cloth per ink plane. */
canting_status ct_ink_source_motif(const canting_motif *m, const canting_render_options *o, ct_ink_source *src,
                                   canting_error *err)
{
    memset(src, 0, sizeof *src);
    src->kind = CT_SOURCE_MOTIF;
    src->ninks = m->def->ninks;
    src->dpi = o->dpi;
    if (src->ninks > CANTING_MAX_INKS)
        return ct_fail(err, CANTING_ELIMIT, "motif '%s' has %zu inks; separations handle at most %d",
                       m->def->name, src->ninks, CANTING_MAX_INKS);
    ct_cloth_plan plan;
    canting_status st = ct_cloth_plan_motif(m, o, &plan, err);
    if (st != CANTING_OK)
        return st;
    src->layout = plan.layout;
    src->fraction = plan.fraction;
    src->width_px = plan.width_px;
    src->height_px = plan.height_px;
    for (size_t i = 1; st == CANTING_OK && i < src->ninks; i++)
        st = ct_cloth_plan_cloth(&plan, i, &src->cloth[i], err);
    ct_cloth_plan_free(&plan);
    return st;
}

canting_status ct_ink_source_image(const canting_image *image, const canting_palette *inks, double dpi,
                                   ct_ink_source *src, canting_error *err)
{
    memset(src, 0, sizeof *src);
    src->kind = CT_SOURCE_IMAGE;
    if (inks->count < 1 || inks->count > CANTING_MAX_INKS)
        return ct_fail(err, CANTING_EARG, "a palette of 1 to %d inks is needed", CANTING_MAX_INKS);
    src->ninks = inks->count;
    src->width_px = image->width_px;
    src->height_px = image->height_px;
    src->dpi = dpi;
    src->image = image;
    ct_ink_lab_from_palette(inks, &src->lab);
    return CANTING_OK;
}

canting_status ct_ink_strip_alloc(const ct_ink_source *src, uint32_t cap_rows, int want_cov, int want_idx,
                                  ct_ink_strip *s, canting_error *err)
{
    memset(s, 0, sizeof *s);
    s->ninks = src->ninks;
    s->width = src->width_px;
    s->cap_rows = cap_rows;
    s->want_cov = want_cov;
    s->want_idx = want_idx;
    size_t cov_bytes;
    if (!ct_mul_size(src->width_px, cap_rows, &s->plane_bytes) || !ct_mul_size(s->plane_bytes, s->ninks, &cov_bytes))
        return ct_fail(err, CANTING_ELIMIT, "output too wide");
    int need_cov = want_cov || src->kind == CT_SOURCE_MOTIF;
    s->idx = ct_malloc(s->plane_bytes);
    s->cov = need_cov ? ct_malloc(cov_bytes) : NULL;
    if (!s->idx || (need_cov && !s->cov)) {
        ct_ink_strip_free(s);
        return ct_fail(err, CANTING_ENOMEM, "out of memory for a strip of %u px rows", src->width_px);
    }
    return CANTING_OK;
}

void ct_ink_strip_free(ct_ink_strip *s)
{
    ct_free(s->cov);
    ct_free(s->idx);
    s->cov = s->idx = NULL;
}

/* The cloth's plane is what the inks leave; then the partition, if wanted. */
static void cloth_and_partition(ct_ink_strip *s, size_t count)
{
    uint8_t *cloth = s->cov;
    for (size_t x = 0; x < count; x++) {
        unsigned sum = 0;
        for (size_t i = 1; i < s->ninks; i++)
            sum += s->cov[i * s->plane_bytes + x];
        cloth[x] = (uint8_t)(sum >= 255 ? 0 : 255 - sum);
    }
    if (!s->want_idx)
        return;
    for (size_t x = 0; x < count; x++) {
        uint8_t best = cloth[x], which = 0;
        for (size_t i = 1; i < s->ninks; i++) {
            uint8_t c = s->cov[i * s->plane_bytes + x];
            if (c > best) { /* strictly more: ties stay with the lower index */
                best = c;
                which = (uint8_t)i;
            }
        }
        s->idx[x] = which;
    }
}

static canting_status fill_motif(const ct_ink_source *src, uint64_t y, uint32_t rows, ct_ink_strip *s,
                                 unsigned threads, canting_error *err)
{
    for (size_t i = 1; i < src->ninks; i++) {
        canting_status st = ct_cloth_rows(&src->cloth[i], y, rows, s->cov + i * s->plane_bytes, s->width, threads);
        if (st != CANTING_OK)
            return ct_fail(err, st, "the repeat engine failed");
    }
    cloth_and_partition(s, (size_t)s->width * rows);
    return CANTING_OK;
}

static void fill_image(const ct_ink_source *src, uint64_t y, uint32_t rows, ct_ink_strip *s, unsigned threads)
{
    const canting_image *img = src->image;
    size_t count = (size_t)s->width * rows;
    ct_nearest_rows(NULL, img->rgb + (size_t)y * img->stride, img->stride, s->width, rows, &src->lab, s->idx,
                    s->width, threads);
    if (!s->want_cov)
        return;
    memset(s->cov, 0, s->plane_bytes * s->ninks);
    for (size_t x = 0; x < count; x++)
        s->cov[s->idx[x] * s->plane_bytes + x] = 255;
}

canting_status ct_ink_source_fill(const ct_ink_source *src, uint64_t y, uint32_t rows, ct_ink_strip *strip,
                                  unsigned threads, canting_error *err)
{
    if (rows > strip->cap_rows || y + rows > src->height_px)
        return ct_fail(err, CANTING_EARG, "strip out of range");
    if (src->kind == CT_SOURCE_MOTIF)
        return fill_motif(src, y, rows, strip, threads, err);
    fill_image(src, y, rows, strip, threads);
    return CANTING_OK;
}
