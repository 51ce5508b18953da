/* palette.c: an RGB image of few colours as a palette and an index image,
 * for palette PNGs (a motif's proof has a handful of inks, so its file
 * shrinks to a third or less).  Colours are found through a small open-
 * addressing hash table, one or two probes a pixel, and a run of one colour
 * costs one comparison. */
#include "io/png_write.h"
#include "util/util.h"

#include <string.h>

/* Twice the most colours a palette holds, so probe chains stay short and
 * there is always a free slot to end a search. */
#define SLOTS 512
#define SLOT_BITS 9

typedef struct colour_table {
    uint32_t key[SLOTS];   /* colour + 1; 0 marks a free slot */
    uint8_t index[SLOTS];
    uint8_t *palette;      /* the caller's 768 bytes */
    int count;
    uint32_t last_colour;  /* the previous pixel's colour and index */
    uint8_t last_index;
} colour_table;

static uint32_t slot_of(uint32_t colour)
{
    /* Fibonacci hashing: the top bits of the product mix all of r, g, b. */
    return (uint32_t)(colour * 2654435761u) >> (32 - SLOT_BITS);
}

/* The palette index of `colour`, added when new; -1 when the palette is full. */
static int lookup(colour_table *t, uint32_t colour)
{
    uint32_t key = colour + 1, s = slot_of(colour);
    for (; t->key[s] != 0; s = (s + 1) & (SLOTS - 1))
        if (t->key[s] == key)
            return t->index[s];
    if (t->count == 256)
        return -1;
    t->key[s] = key;
    t->index[s] = (uint8_t)t->count;
    uint8_t *entry = t->palette + 3 * t->count;
    entry[0] = (uint8_t)(colour >> 16);
    entry[1] = (uint8_t)(colour >> 8);
    entry[2] = (uint8_t)colour;
    return t->count++;
}

static int index_row(colour_table *t, const uint8_t *rgb, uint32_t w, uint8_t *out)
{
    for (uint32_t x = 0; x < w; x++, rgb += 3) {
        uint32_t colour = (uint32_t)rgb[0] << 16 | (uint32_t)rgb[1] << 8 | rgb[2];
        if (colour != t->last_colour) {
            int i = lookup(t, colour);
            if (i < 0)
                return 0;
            t->last_colour = colour;
            t->last_index = (uint8_t)i;
        }
        out[x] = t->last_index;
    }
    return 1;
}

canting_status ct_palette_from_rgb(const uint8_t *rgb, uint32_t w, uint32_t h, size_t stride, uint8_t palette[768],
                                   int *count, uint8_t **indices, size_t *index_stride, canting_error *err)
{
    *indices = NULL;
    *count = 0;
    *index_stride = 0;
    if (w == 0 || h == 0)
        return ct_fail(err, CANTING_EARG, "palette: empty image");
    size_t bytes;
    if (!ct_mul_size(w, h, &bytes))
        return ct_fail(err, CANTING_ENOMEM, "palette: %lu x %lu px is too large", (unsigned long)w, (unsigned long)h);
    uint8_t *out = ct_malloc(bytes);
    if (!out)
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    colour_table t;
    memset(&t, 0, sizeof t);
    t.palette = palette;
    /* Seed "the previous pixel" with the first one so the fast path is sound. */
    t.last_colour = (uint32_t)rgb[0] << 16 | (uint32_t)rgb[1] << 8 | rgb[2];
    t.last_index = (uint8_t)lookup(&t, t.last_colour);
    for (uint32_t y = 0; y < h; y++) {
        if (!index_row(&t, rgb + (size_t)y * stride, w, out + (size_t)y * w)) {
            ct_free(out);
            return ct_fail(err, CANTING_ERANGE, "palette: the image has more than 256 colours");
        }
    }
    *count = t.count;
    *indices = out;
    *index_stride = w;
    return CANTING_OK;
}
