/* proof.c: a repeat unit streamed strip by strip into an image file.  The
 * unit comes from a motif (rendered once) or a raster tile; the repeat
 * engine makes each strip on all cores; the writer encodes it and forgets it,
 * so memory is the unit plus one strip whatever the output size. */
#include "io/image_read.h"
#include "io/jpeg_write.h"
#include "io/png_write.h"
#include "io/proof.h"
#include "io/vector.h"
#include "render/border.h"
#include "render/unit.h"
#include "repeat/layout.h"
#include "repeat/unit.h"
#include "util/util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Rows produced per strip: enough to keep the threads busy, small enough
 * that memory stays bounded by the strip, not the image. */
#define STRIP_ROWS 16

/* PNG allows 2^31-1 px a side. */
#define PNG_SIDE_MAX 0x7fffffffULL

void canting_render_options_init(canting_render_options *options)
{
    if (!options)
        return;
    memset(options, 0, sizeof *options);
    options->dpi = 150;
    options->fraction = -1;
    options->compression = 3;
    options->quality = 90;
}

const char *canting_layout_names(void)
{
    return ct_layout_list();
}

uint64_t canting_mm_to_px(double length_mm, double dpi)
{
    double px = round(length_mm * dpi / 25.4);
    if (!(px >= 0))
        return 0;
    return px >= 1.8e19 ? UINT64_MAX : (uint64_t)px;
}

/* ---- what is being repeated ------------------------------------------------ */

/* A repeat unit ready for the engine, and what to record about it. */
typedef struct unit_source {
    const uint8_t *pixels;    /* RGB */
    uint32_t width_px, height_px;
    size_t stride;
    ct_layout_kind engine_layout;  /* straight, half-drop, brick or mirror */
    double fraction;
    double unit_w_mm, unit_h_mm;   /* the default output is two units each way */
    uint8_t palette[768];          /* when palette_size > 0, pixels are indices into it */
    int palette_size;
    const canting_motif *border;   /* the motif whose border bands end the cloth, or NULL */
    ct_png_text texts[80];
    size_t ntexts;
    char text_store[80][96];
} unit_source;

static void add_text(unit_source *u, const char *key, const char *value)
{
    if (u->ntexts == sizeof u->texts / sizeof u->texts[0])
        return;
    snprintf(u->text_store[u->ntexts], sizeof u->text_store[0], "%s", value);
    u->texts[u->ntexts].key = key;
    u->texts[u->ntexts].value = u->text_store[u->ntexts];
    u->ntexts++;
}

/* The parameters a proof records so it can be made again. */
static void add_param_texts(unit_source *u, const canting_motif *m, char keys[][80])
{
    char buf[96];
    add_text(u, "canting:motif", m->def->name);
    for (size_t i = 0; i < m->def->nparams && u->ntexts < 80; i++) {
        canting_param_info info;
        if (canting_motif_param(m, i, &info) != CANTING_OK)
            continue;
        ct_value_format((ct_value){info.value, info.kind}, buf, sizeof buf);
        snprintf(keys[i], 80, "canting:param:%.60s", info.name);
        add_text(u, keys[i], buf);
    }
}

static void add_layout_texts(unit_source *u, ct_layout_kind layout, double fraction, double dpi)
{
    char buf[32];
    add_text(u, "Software", "canting " CANTING_VERSION_STRING);
    snprintf(buf, sizeof buf, "%g", dpi);
    add_text(u, "canting:dpi", buf);
    add_text(u, "canting:layout", ct_layout_name(layout));
    if (layout == CT_LAYOUT_HALF_DROP || layout == CT_LAYOUT_BRICK) {
        snprintf(buf, sizeof buf, "%g", fraction);
        add_text(u, layout == CT_LAYOUT_HALF_DROP ? "canting:drop" : "canting:shift", buf);
    }
}

/* The options' layout, or else the motif's (or straight for a raster). */
static canting_status chosen_layout(const canting_render_options *o, ct_layout_kind own, double own_fraction,
                                    ct_layout_kind *layout, double *fraction, canting_error *err)
{
    *layout = own;
    *fraction = o->fraction >= 0 ? o->fraction : own_fraction;
    if (o->layout && ct_layout_parse(o->layout, layout) != CANTING_OK)
        return ct_fail(err, CANTING_EARG, "unknown layout '%s' (known: %s)", o->layout, ct_layout_list());
    if (!(*fraction >= 0 && *fraction <= 1))
        return ct_fail(err, CANTING_ERANGE, "a drop or shift is a share of the cell from 0 to 1, not %g", *fraction);
    return CANTING_OK;
}

/* ---- writing ----------------------------------------------------------------- */

static canting_status output_size(const unit_source *u, const canting_render_options *o, uint64_t max_pixels,
                                  uint32_t *w, uint32_t *h, canting_error *err)
{
    uint64_t wpx = canting_mm_to_px(o->width_mm > 0 ? o->width_mm : 2 * u->unit_w_mm, o->dpi);
    uint64_t hpx = canting_mm_to_px(o->height_mm > 0 ? o->height_mm : 2 * u->unit_h_mm, o->dpi);
    if (wpx == 0 || hpx == 0)
        return ct_fail(err, CANTING_ERANGE, "the output would be less than one pixel");
    if (wpx > PNG_SIDE_MAX || hpx > PNG_SIDE_MAX || (double)wpx * (double)hpx > (double)max_pixels)
        return ct_fail(err, CANTING_ELIMIT,
                       "an output of %llux%llu px is more than the limit of %llu pixels; lower --dpi or --size",
                       (unsigned long long)wpx, (unsigned long long)hpx, (unsigned long long)max_pixels);
    *w = (uint32_t)wpx;
    *h = (uint32_t)hpx;
    return CANTING_OK;
}

/* ---- the writers ------------------------------------------------------------ */

/* PNG or JPEG behind one face.  A PNG of a unit with at most 256 colours is
 * written with a palette: the engine then copies 1 byte a pixel instead of 3
 * and the encoder compresses a third of the data. */
typedef struct image_writer {
    canting_format format;
    ct_png_writer *png;
    ct_jpeg_writer *jpeg;
} image_writer;

static canting_format format_for(canting_format format, const char *path)
{
    if (format != CANTING_FORMAT_AUTO)
        return format;
    static const struct {
        const char *ext;
        canting_format format;
    } by_ext[] = {{".jpg", CANTING_FORMAT_JPEG}, {".jpeg", CANTING_FORMAT_JPEG}, {".pdf", CANTING_FORMAT_PDF},
                  {".svg", CANTING_FORMAT_SVG}};
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && !strchr(dot, '/') && i < sizeof by_ext / sizeof by_ext[0]; i++)
        if (!strcasecmp(dot, by_ext[i].ext))
            return by_ext[i].format;
    return CANTING_FORMAT_PNG;
}

static canting_status writer_open(image_writer *w, const char *path, const unit_source *u, uint32_t width,
                                  uint32_t height, uint64_t period, const canting_render_options *o,
                                  canting_error *err)
{
    w->format = format_for(o->format, path);
    if (w->format == CANTING_FORMAT_JPEG) {
        ct_jpeg_spec spec = {.width_px = width, .height_px = height, .channels = 3, .dpi = o->dpi,
                             .quality = o->quality};
        return ct_jpeg_open(path, &spec, &w->jpeg, err);
    }
    ct_png_spec spec = {.width_px = width,
                        .height_px = height,
                        .channels = u->palette_size ? 1 : 3,
                        .dpi = o->dpi,
                        .compression = o->compression,
                        .texts = u->texts,
                        .ntexts = u->ntexts,
                        .palette_rgb = u->palette,
                        .palette_size = u->palette_size,
                        .period_rows = period < height ? (uint32_t)period : 0};
    return ct_png_open(path, &spec, &w->png, err);
}

static canting_status writer_rows(image_writer *w, const uint8_t *rows, size_t stride, uint32_t count,
                                  canting_error *err)
{
    if (w->jpeg)
        return ct_jpeg_write_rows(w->jpeg, rows, stride, count, err);
    return ct_png_write_rows(w->png, rows, stride, count, err);
}

/* Whether the writer will read the next `count` rows (a PNG copies whole
 * periods of a repeat instead of compressing them again). */
static int writer_needs(const image_writer *w, uint32_t count)
{
    return w->png ? ct_png_rows_needed(w->png, count) : 1;
}

static canting_status writer_finish(image_writer *w, canting_error *err)
{
    return w->jpeg ? ct_jpeg_finish(w->jpeg, err) : ct_png_finish(w->png, err);
}

static void writer_abandon(image_writer *w)
{
    ct_jpeg_abandon(w->jpeg);
    ct_png_abandon(w->png);
}

/* ---- streaming ----------------------------------------------------------------- */

/* The border bands at the two short ends of the cloth, each repeated along
 * its side; the field starts where the first band ends. */
typedef struct bands {
    ct_repeat *first, *second;
    ct_border_sides sides;
    uint32_t px;                  /* band height across the cloth */
} bands;

static void bands_free(bands *b)
{
    ct_repeat_free(b->first);
    ct_repeat_free(b->second);
}

static canting_status bands_new(const canting_motif *m, const canting_render_options *o, uint32_t w, uint32_t h,
                                bands *b, canting_error *err)
{
    canting_tile *first, *second;
    memset(b, 0, sizeof *b);
    b->sides = w >= h ? CT_BORDER_LEFT_RIGHT : CT_BORDER_TOP_BOTTOM;
    canting_status st = ct_border_tiles(m, o->dpi, b->sides, &first, &second, err);
    if (st != CANTING_OK)
        return st;
    b->px = b->sides == CT_BORDER_LEFT_RIGHT ? first->width_px : first->height_px;
    uint32_t across = b->sides == CT_BORDER_LEFT_RIGHT ? w : h;
    if (2 * (uint64_t)b->px >= across)
        st = ct_fail(err, CANTING_ERANGE, "the border bands (%u px each) leave no room for the field", b->px);
    if (st == CANTING_OK)
        st = ct_repeat_new(first->rgb, first->width_px, first->height_px, first->rgb_stride, 3, CT_LAYOUT_STRAIGHT, 0,
                           &b->first);
    if (st == CANTING_OK)
        st = ct_repeat_new(second->rgb, second->width_px, second->height_px, second->rgb_stride, 3,
                           CT_LAYOUT_STRAIGHT, 0, &b->second);
    canting_tile_free(first);
    canting_tile_free(second);
    if (st != CANTING_OK)
        bands_free(b);
    return st;
}

/* Rows y .. y+rows-1 of the cloth: the field, and the bands over its ends. */
static canting_status make_rows(const ct_repeat *field, const bands *b, uint64_t y, uint32_t rows, uint8_t *strip,
                                size_t stride, uint32_t w, uint32_t h, unsigned threads)
{
    if (!b)
        return ct_repeat_rows(field, y, rows, strip, stride, w, threads);
    size_t bpp = ct_repeat_bpp(field);
    if (b->sides == CT_BORDER_LEFT_RIGHT) {
        canting_status st = ct_repeat_rows(field, y, rows, strip + b->px * bpp, stride, w - 2 * b->px, threads);
        if (st == CANTING_OK)
            st = ct_repeat_rows(b->first, y, rows, strip, stride, b->px, 1);
        if (st == CANTING_OK)
            st = ct_repeat_rows(b->second, y, rows, strip + (w - b->px) * bpp, stride, b->px, 1);
        return st;
    }
    canting_status st = CANTING_OK;
    for (uint32_t k = 0; st == CANTING_OK && k < rows; k++) {
        uint64_t row = y + k;
        uint8_t *dst = strip + k * stride;
        if (row < b->px)
            st = ct_repeat_row(b->first, row, dst, w);
        else if (row >= h - b->px)
            st = ct_repeat_row(b->second, row - (h - b->px), dst, w);
        else
            st = ct_repeat_row(field, row - b->px, dst, w);
    }
    return st;
}

static canting_status stream_rows(const ct_repeat *rep, const bands *b, image_writer *out, uint32_t w, uint32_t h,
                                  const canting_render_options *o, canting_error *err)
{
    size_t stride, bytes;
    if (!ct_mul_size(w, ct_repeat_bpp(rep), &stride) || !ct_mul_size(stride, STRIP_ROWS, &bytes))
        return ct_fail(err, CANTING_ELIMIT, "output too wide");
    uint8_t *strip = ct_malloc(bytes);
    if (!strip)
        return ct_fail(err, CANTING_ENOMEM, "out of memory for a strip of %u px rows", w);
    canting_status st = CANTING_OK;
    for (uint32_t y = 0; st == CANTING_OK && y < h; y += STRIP_ROWS) {
        uint32_t rows = h - y < STRIP_ROWS ? h - y : STRIP_ROWS;
        int needed = writer_needs(out, rows);
        st = needed ? make_rows(rep, b, y, rows, strip, stride, w, h, o->threads) : CANTING_OK;
        if (st != CANTING_OK)
            ct_fail(err, st, "the repeat engine failed");
        else
            st = writer_rows(out, needed ? strip : NULL, stride, rows, err);
        if (st == CANTING_OK && o->progress)
            o->progress(o->progress_user, (uint64_t)y + rows, h);
    }
    ct_free(strip);
    return st;
}

/* Indices instead of RGB when the unit has few enough colours for a PNG palette. */
static canting_status index_unit(unit_source *u, const char *path, const canting_render_options *o,
                                 uint8_t **indices, canting_error *err)
{
    *indices = NULL;
    if (format_for(o->format, path) != CANTING_FORMAT_PNG)
        return CANTING_OK;
    size_t index_stride;
    canting_status st = ct_palette_from_rgb(u->pixels, u->width_px, u->height_px, u->stride, u->palette,
                                            &u->palette_size, indices, &index_stride, err);
    if (st == CANTING_ERANGE) {
        u->palette_size = 0;
        ct_error_clear(err);
        return CANTING_OK;
    }
    if (st == CANTING_OK) {
        u->pixels = *indices;
        u->stride = index_stride;
    }
    return st;
}

static uint64_t gcd(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* The rows after which the whole output repeats: the field's period, and
 * with bands down the sides the least common multiple with theirs; bands
 * across the top and bottom break it. */
static uint64_t period_of(const ct_repeat *field, const bands *b)
{
    uint64_t p = ct_repeat_period_rows(field);
    if (!b)
        return p;
    if (b->sides == CT_BORDER_TOP_BOTTOM)
        return 0;
    uint64_t q = ct_repeat_period_rows(b->first);
    return p / gcd(p, q) > UINT32_MAX / q ? 0 : p / gcd(p, q) * q;
}

static canting_status write_unit(unit_source *u, const canting_render_options *o, uint64_t max_pixels,
                                 const char *path, canting_error *err)
{
    uint32_t w = 0, h = 0;
    uint8_t *indices = NULL;
    bands b, *with_bands = u->border ? &b : NULL;
    canting_status st = output_size(u, o, max_pixels, &w, &h, err);
    if (st != CANTING_OK || (with_bands && (st = bands_new(u->border, o, w, h, &b, err)) != CANTING_OK))
        return st;
    /* Bands bring colours of their own: a palette is for a lone field. */
    if (!with_bands)
        st = index_unit(u, path, o, &indices, err);
    ct_repeat *rep = NULL;
    unsigned bpp = u->palette_size ? 1 : 3;
    if (st == CANTING_OK && (st = ct_repeat_new(u->pixels, u->width_px, u->height_px, u->stride, bpp,
                                                u->engine_layout, u->fraction, &rep)) != CANTING_OK)
        ct_fail(err, st, "cannot build the repeat unit");
    image_writer out = {0};
    if (st == CANTING_OK && (st = writer_open(&out, path, u, w, h, period_of(rep, with_bands), o, err)) == CANTING_OK) {
        st = stream_rows(rep, with_bands, &out, w, h, o, err);
        if (st == CANTING_OK)
            st = writer_finish(&out, err);
        else
            writer_abandon(&out);
    }
    if (with_bands)
        bands_free(with_bands);
    ct_repeat_free(rep);
    ct_free(indices);
    return st;
}

static canting_status check_options(const canting_render_options *o, canting_error *err)
{
    if (!(o->dpi >= 1 && o->dpi <= 10000))
        return ct_fail(err, CANTING_ERANGE, "dpi must be from 1 to 10000, not %g", o->dpi);
    if (o->compression < 0 || o->compression > 9)
        return ct_fail(err, CANTING_ERANGE, "PNG compression must be 0..9, not %d", o->compression);
    if (o->quality < 1 || o->quality > 100)
        return ct_fail(err, CANTING_ERANGE, "JPEG quality must be 1..100, not %d", o->quality);
    if (!(o->width_mm >= 0 && o->height_mm >= 0))
        return ct_fail(err, CANTING_ERANGE, "the output size must not be negative");
    return CANTING_OK;
}

/* ---- motifs and tiles ------------------------------------------------------- */

/* The engine lays out the four tile layouts itself; a wallpaper group's
 * unit arrives built and is repeated straight. */
static void set_engine_layout(unit_source *u, ct_layout_kind layout, double fraction)
{
    u->engine_layout = layout <= CT_LAYOUT_MIRROR ? layout : CT_LAYOUT_STRAIGHT;
    u->fraction = fraction;
}

/* The default output is two units each way; mirror's unit is 2 x 2 tiles. */
static void set_unit_size(unit_source *u, double dpi)
{
    double scale = u->engine_layout == CT_LAYOUT_MIRROR ? 2 : 1;
    u->unit_w_mm = scale * u->width_px * 25.4 / dpi;
    u->unit_h_mm = scale * u->height_px * 25.4 / dpi;
}

static canting_status motif_unit(const canting_motif *m, const ct_scene *sc, ct_layout_kind layout, double dpi,
                                 canting_tile **tile, canting_error *err)
{
    unsigned rgb[256];
    ct_motif_palette(m, rgb);
    if (sc->cell_w_mm <= 0)
        return ct_fail_at(err, CANTING_ESYNTAX, m->def->file, 0, 0,
                          "motif '%s' has no 'repeat' line, so it can only be placed by other motifs with 'use'",
                          m->def->name);
    return ct_unit_from_scene(sc, rgb, m->def->ninks, layout, dpi, &m->limits, tile, err);
}

static canting_status refuse_own_input(const ct_file_id *source, const char *path, canting_error *err)
{
    if (ct_file_id_is_path(source, path))
        return ct_fail_at(err, CANTING_EARG, path, 0, 0, "this is the input itself; choose another output");
    return CANTING_OK;
}

/* The unit tile of motif m in the options' layout (or its own), drawn for
 * the lattice it will be laid on.  Free the tile with canting_tile_free. */
static canting_status motif_tile(const canting_motif *m, const canting_render_options *o, canting_tile **tile,
                                 ct_layout_kind *layout, double *fraction, canting_error *err)
{
    ct_scene sc;
    *tile = NULL;
    canting_status st = ct_motif_scene(m, &sc, err);
    if (st != CANTING_OK)
        return st;
    st = chosen_layout(o, sc.layout, sc.fraction, layout, fraction, err);
    sc.layout = *layout;
    sc.fraction = *fraction;
    if (st == CANTING_OK)
        st = motif_unit(m, &sc, *layout, o->dpi, tile, err);
    ct_scene_free(&sc);
    return st;
}

static void set_unit_pixels(unit_source *u, const canting_tile *tile)
{
    u->pixels = tile->rgb;
    u->width_px = tile->width_px;
    u->height_px = tile->height_px;
    u->stride = tile->rgb_stride;
}

static int is_vector(canting_format format)
{
    return format == CANTING_FORMAT_PDF || format == CANTING_FORMAT_SVG;
}

/* PDF and SVG: the unit as paths, the page filled with it. */
static canting_status render_vector(const canting_motif *m, const canting_render_options *o, const char *path,
                                    canting_error *err)
{
    ct_scene sc;
    canting_status st = ct_motif_scene(m, &sc, err);
    if (st != CANTING_OK)
        return st;
    ct_layout_kind layout;
    double fraction, uw = sc.cell_w_mm, uh = sc.cell_h_mm;
    static ct_unit_image images[CT_UNIT_MAX_IMAGES];
    st = sc.cell_w_mm > 0 ? chosen_layout(o, sc.layout, sc.fraction, &layout, &fraction, err)
                          : ct_fail(err, CANTING_ESYNTAX, "motif '%s' has no 'repeat' line", m->def->name);
    if (st == CANTING_OK) {
        sc.layout = layout;
        sc.fraction = fraction;
        ct_unit_images(layout, sc.cell_w_mm, sc.cell_h_mm, &uw, &uh, images);
        st = ct_vector_write(m, &sc, o->width_mm > 0 ? o->width_mm : 2 * uw, o->height_mm > 0 ? o->height_mm : 2 * uh,
                             format_for(o->format, path), !o->field_only, path, err);
    }
    ct_scene_free(&sc);
    return st;
}

static canting_status render_motif(const canting_motif *m, const canting_render_options *o, const char *path,
                                   unit_source *u, canting_error *err)
{
    if (refuse_own_input(&m->source, path, err) != CANTING_OK)
        return CANTING_EARG;
    if (is_vector(format_for(o->format, path)))
        return render_vector(m, o, path, err);
    ct_layout_kind layout;
    double fraction;
    canting_tile *tile;
    canting_status st = motif_tile(m, o, &tile, &layout, &fraction, err);
    if (st == CANTING_OK) {
        char keys[80][80];
        set_unit_pixels(u, tile);
        set_engine_layout(u, layout, fraction);
        set_unit_size(u, o->dpi);
        add_layout_texts(u, layout, fraction, o->dpi);
        add_param_texts(u, m, keys);
        if (m->def->border && !o->field_only) {
            u->border = m;
            add_text(u, "canting:border", m->def->border->used->name);
        }
        st = write_unit(u, o, m->limits.max_pixels, path, err);
    }
    canting_tile_free(tile);
    return st;
}

canting_status ct_proof_repeat(const canting_motif *m, const canting_render_options *o, ct_repeat **out,
                               canting_error *err)
{
    ct_layout_kind layout;
    double fraction;
    canting_tile *tile;
    unit_source u = {0};
    *out = NULL;
    canting_status st = check_options(o, err);
    if (st == CANTING_OK)
        st = motif_tile(m, o, &tile, &layout, &fraction, err);
    if (st != CANTING_OK)
        return st;
    set_unit_pixels(&u, tile);
    set_engine_layout(&u, layout, fraction);
    st = ct_repeat_new(u.pixels, u.width_px, u.height_px, u.stride, 3, u.engine_layout, u.fraction, out);
    canting_tile_free(tile);
    return st == CANTING_OK ? st : ct_fail(err, st, "cannot build the repeat unit");
}

canting_status ct_proof_pixels(const canting_motif *m, const canting_render_options *o, uint32_t w, uint32_t h,
                               uint8_t *rgb, size_t stride, canting_error *err)
{
    ct_repeat *rep;
    canting_status st = ct_proof_repeat(m, o, &rep, err);
    if (st != CANTING_OK)
        return st;
    st = ct_repeat_rows(rep, 0, h, rgb, stride, w, o->threads);
    ct_repeat_free(rep);
    return st == CANTING_OK ? st : ct_fail(err, st, "the repeat engine failed");
}

static canting_status repeat_raster(const canting_image *tile, const canting_render_options *o, const char *path,
                                    unit_source *u, canting_error *err)
{
    ct_layout_kind layout;
    double fraction;
    if (refuse_own_input(&tile->source, path, err) != CANTING_OK)
        return CANTING_EARG;
    if (is_vector(format_for(o->format, path)))
        return ct_fail(err, CANTING_EARG, "a raster tile cannot be written as PDF or SVG; write PNG or JPEG");
    canting_status st = chosen_layout(o, CT_LAYOUT_STRAIGHT, CT_LAYOUT_DEFAULT_FRACTION, &layout, &fraction, err);
    if (st != CANTING_OK)
        return st;
    uint8_t *unit = NULL;
    u->pixels = tile->rgb;
    u->width_px = tile->width_px;
    u->height_px = tile->height_px;
    u->stride = tile->stride;
    if (layout > CT_LAYOUT_MIRROR) {
        st = ct_unit_from_raster(tile->rgb, tile->width_px, tile->height_px, tile->stride, 3, layout, &unit,
                                 &u->width_px, &u->height_px, &u->stride, err);
        u->pixels = unit;
    }
    if (st == CANTING_OK) {
        canting_limits limits;
        canting_limits_init(&limits);
        set_engine_layout(u, layout, fraction);
        set_unit_size(u, o->dpi);
        add_layout_texts(u, layout, fraction, o->dpi);
        st = write_unit(u, o, limits.max_pixels, path, err);
    }
    ct_free(unit);
    return st;
}

/* Checks the arguments and options, then runs one of the two sources. */
static canting_status run(const void *source, const canting_render_options *options, const char *path,
                          canting_status (*make)(const void *, const canting_render_options *, const char *,
                                                 unit_source *, canting_error *),
                          canting_error *err)
{
    canting_render_options defaults;
    ct_error_clear(err);
    if (!source || !path)
        return ct_fail(err, CANTING_EARG, "NULL motif, tile or path");
    if (!options) {
        canting_render_options_init(&defaults);
        options = &defaults;
    }
    canting_status st = check_options(options, err);
    if (st != CANTING_OK)
        return st;
    unit_source *u = ct_calloc(1, sizeof *u);
    if (!u)
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    st = make(source, options, path, u, err);
    ct_free(u);
    return st;
}

static canting_status make_from_motif(const void *source, const canting_render_options *o, const char *path,
                                      unit_source *u, canting_error *err)
{
    return render_motif(source, o, path, u, err);
}

static canting_status make_from_image(const void *source, const canting_render_options *o, const char *path,
                                      unit_source *u, canting_error *err)
{
    return repeat_raster(source, o, path, u, err);
}

canting_status canting_repeat_image(const canting_image *tile, const canting_render_options *options,
                                    const char *path, canting_error *err)
{
    return run(tile, options, path, make_from_image, err);
}

canting_status canting_render_file(const canting_motif *motif, const canting_render_options *options,
                                   const char *path, canting_error *err)
{
    return run(motif, options, path, make_from_motif, err);
}
