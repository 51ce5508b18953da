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
#include "repeat/cloth.h"
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
    uint8_t palette[768];          /* when palette_size > 0, pixels are indices into it */
    int palette_size;
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
/* A proof that cannot say what made it is not written: a failure here
 * (out of memory) is the render's failure. */
static canting_status add_param_texts(unit_source *u, const canting_motif *m, char keys[][80], canting_error *err)
{
    char buf[96];
    add_text(u, "canting:motif", m->def->name);
    for (size_t i = 0; i < m->def->nparams && u->ntexts < 80; i++) {
        canting_param_info info;
        canting_status st = canting_motif_param(m, i, &info);
        if (st != CANTING_OK)
            return ct_fail(err, st, "cannot record parameter '%s'", m->def->params[i].name);
        ct_value_format((ct_value){info.value, info.kind}, buf, sizeof buf);
        snprintf(keys[i], 80, "canting:param:%.60s", info.name);
        add_text(u, keys[i], buf);
    }
    return CANTING_OK;
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

/* ---- writing ----------------------------------------------------------------- */

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

static canting_status stream_rows(const ct_cloth *cloth, image_writer *out, const canting_render_options *o,
                                  canting_error *err)
{
    uint32_t w = cloth->width_px, h = cloth->height_px;
    size_t stride, bytes;
    if (!ct_mul_size(w, ct_repeat_bpp(cloth->field), &stride) || !ct_mul_size(stride, STRIP_ROWS, &bytes))
        return ct_fail(err, CANTING_ELIMIT, "output too wide");
    uint8_t *strip = ct_malloc(bytes);
    if (!strip)
        return ct_fail(err, CANTING_ENOMEM, "out of memory for a strip of %u px rows", w);
    canting_status st = CANTING_OK;
    for (uint32_t y = 0; st == CANTING_OK && y < h; y += STRIP_ROWS) {
        uint32_t rows = h - y < STRIP_ROWS ? h - y : STRIP_ROWS;
        int needed = writer_needs(out, rows);
        st = needed ? ct_cloth_rows(cloth, y, rows, strip, stride, o->threads) : CANTING_OK;
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

/* Streams the cloth of unit u (and the band tiles, when given) to path. */
static canting_status write_unit(unit_source *u, const canting_render_options *o, uint32_t w, uint32_t h,
                                 ct_cloth_plan *plan, const char *path, canting_error *err)
{
    canting_tile *const *bands = plan && plan->bands[0] ? plan->bands : NULL;
    ct_border_sides sides = plan ? plan->sides : CT_BORDER_LEFT_RIGHT;
    uint8_t *indices = NULL;
    /* Bands bring colours of their own: a palette is for a lone field. */
    canting_status st = bands ? CANTING_OK : index_unit(u, path, o, &indices, err);
    ct_pixels field = {u->pixels, u->width_px, u->height_px, u->stride, u->palette_size ? 1 : 3};
    ct_pixels band_px[2];
    for (int k = 0; bands && k < 2; k++)
        band_px[k] = ct_tile_pixels(bands[k], 0);
    ct_cloth cloth = {0};
    if (st == CANTING_OK)
        st = ct_cloth_new(&field, u->engine_layout, u->fraction, bands ? band_px : NULL, sides, w, h, &cloth, err);
    /* The repeats hold copies: the tiles (a border's are large) can go before the long part. */
    if (plan)
        ct_cloth_plan_free(plan);
    ct_free(indices);
    indices = NULL;
    image_writer out = {0};
    if (st == CANTING_OK && (st = writer_open(&out, path, u, w, h, ct_cloth_period_rows(&cloth), o, err)) == CANTING_OK) {
        st = stream_rows(&cloth, &out, o, err);
        if (st == CANTING_OK)
            st = writer_finish(&out, err);
        else
            writer_abandon(&out);
    }
    ct_cloth_free(&cloth);
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

static canting_status refuse_own_input(const ct_file_id *source, const char *path, canting_error *err)
{
    if (ct_file_id_is_path(source, path))
        return ct_fail_at(err, CANTING_EARG, path, 0, 0, "this is the input itself; choose another output");
    return CANTING_OK;
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
    st = sc.cell_w_mm > 0 ? ct_layout_choose(o, sc.layout, sc.fraction, &layout, &fraction, err)
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
    ct_cloth_plan plan;
    canting_status st = ct_cloth_plan_motif(m, o, &plan, err);
    if (st != CANTING_OK)
        return st;
    char keys[80][80];
    set_unit_pixels(u, plan.unit);
    set_engine_layout(u, plan.layout, plan.fraction);
    add_layout_texts(u, plan.layout, plan.fraction, o->dpi);
    if (plan.bands[0])
        add_text(u, "canting:border", m->def->border->used->name);
    st = add_param_texts(u, m, keys, err);
    if (st != CANTING_OK) {
        ct_cloth_plan_free(&plan);
        return st;
    }
    return write_unit(u, o, plan.width_px, plan.height_px, &plan, path, err);
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
        st = ct_motif_unit_tile(m, o, &tile, &layout, &fraction, err);
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
    canting_status st = ct_layout_choose(o, CT_LAYOUT_STRAIGHT, CT_LAYOUT_DEFAULT_FRACTION, &layout, &fraction, err);
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
        uint32_t w = 0, h = 0;
        canting_limits_init(&limits);
        set_engine_layout(u, layout, fraction);
        add_layout_texts(u, layout, fraction, o->dpi);
        double mm_per_px = 25.4 / o->dpi * (u->engine_layout == CT_LAYOUT_MIRROR ? 2 : 1);
        st = ct_cloth_size(u->width_px * mm_per_px, u->height_px * mm_per_px, o, limits.max_pixels, &w, &h, err);
        if (st == CANTING_OK)
            st = write_unit(u, o, w, h, NULL, path, err);
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
