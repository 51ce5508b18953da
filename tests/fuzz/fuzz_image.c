/* fuzz_image.c: libFuzzer target for raster tiles.  The bytes are decoded as
 * a PNG or JPEG file (by content, as canting_image_load does) through an
 * in-memory stream, under a pixel limit small enough that a run is quick;
 * a decoded tile is then folded into one wallpaper unit chosen from it. */
#include "canting.h"
#include "io/image_read.h"
#include "render/unit.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Exercises the fold of a tile that decoded: the layout comes from the
 * image's size, so different inputs reach different groups. */
static void fold(const canting_image *img)
{
    ct_layout_kind layout = (ct_layout_kind)((img->width_px + img->height_px) % CT_LAYOUT_COUNT);
    uint32_t cols, rows;
    if (ct_unit_check_cell(layout, img->width_px, img->height_px, "tile", NULL) != CANTING_OK)
        return;
    ct_unit_cells(layout, &cols, &rows);
    size_t stride = (size_t)img->width_px * cols * 3;
    uint8_t *unit = malloc(stride * img->height_px * rows);
    if (!unit)
        return;
    ct_unit_fold(img->rgb, img->width_px, img->height_px, img->stride, 3, layout, unit, stride);
    free(unit);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    FILE *fp = fmemopen((void *)data, size, "rb");
    if (!fp)
        return 0;
    canting_limits limits;
    canting_limits_init(&limits);
    limits.max_tile_pixels = 512 * 512;
    canting_image *img = NULL;
    if (ct_image_read(fp, "fuzz.img", &limits, &img, NULL) == CANTING_OK) {
        (void)canting_image_dpi(img);
        fold(img);
        canting_image_free(img);
    }
    fclose(fp);
    return 0;
}
