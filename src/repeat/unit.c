/* unit.c: a raster tile's wallpaper unit, folded pixel for pixel by the
 * same tables that fold a motif's cell (src/render/unit.c), so a raster and
 * a motif in one group are laid out alike. */
#include "repeat/unit.h"

#include "render/unit.h"
#include "util/util.h"

canting_status ct_unit_from_raster(const uint8_t *pixels, uint32_t w, uint32_t h, size_t stride, unsigned bpp,
                                   ct_layout_kind layout, uint8_t **unit, uint32_t *unit_w, uint32_t *unit_h,
                                   size_t *unit_stride, canting_error *err)
{
    if (!unit || !unit_w || !unit_h || !unit_stride)
        return ct_fail(err, CANTING_EARG, "ct_unit_from_raster: NULL argument");
    *unit = NULL;
    if (!pixels || w == 0 || h == 0)
        return ct_fail(err, CANTING_EARG, "the raster tile is empty");
    if (bpp < 1 || bpp > 4 || stride < (size_t)w * bpp)
        return ct_fail(err, CANTING_EARG, "the raster tile's rows are %zu bytes apart, too few for %u px of %u bytes",
                       stride, w, bpp);
    canting_status st = ct_unit_check_cell(layout, w, h, "tile", err);
    if (st != CANTING_OK)
        return st;
    uint32_t cols, rows;
    ct_unit_cells(layout, &cols, &rows);
    uint64_t uw = (uint64_t)cols * w, uh = (uint64_t)rows * h;
    size_t row_bytes, bytes;
    if (uw > UINT32_MAX || uh > UINT32_MAX || !ct_mul_size((size_t)uw, bpp, &row_bytes) ||
        !ct_mul_size(row_bytes, (size_t)uh, &bytes))
        return ct_fail(err, CANTING_ENOMEM, "the %s unit of a %ux%u tile is too large", ct_layout_name(layout), w, h);
    uint8_t *out = ct_malloc(bytes);
    if (!out)
        return ct_fail(err, CANTING_ENOMEM, "out of memory for the %llux%llu px %s unit", (unsigned long long)uw,
                       (unsigned long long)uh, ct_layout_name(layout));
    ct_unit_fold(pixels, w, h, stride, bpp, layout, out, row_bytes);
    *unit = out;
    *unit_w = (uint32_t)uw;
    *unit_h = (uint32_t)uh;
    *unit_stride = row_bytes;
    return CANTING_OK;
}
