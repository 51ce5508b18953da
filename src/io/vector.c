/* vector.c: a motif's repeat as PDF or SVG at true size, through cairo.
 * The repeat unit is drawn once, as paths, into a recording surface; the
 * page is filled with it as a repeating pattern, so the file holds one
 * unit however large the cloth.  Inks are painted in drawing order, each
 * over what came before, which is what the ink planes' knock-out gives. */
#include "io/vector.h"
#include "io/atomic.h"
#include "render/border.h"
#include "render/unit.h"
#include "util/util.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <string.h>

#define PT_PER_MM (72.0 / 25.4)

static void set_ink(cairo_t *cr, const unsigned *rgb, size_t ink)
{
    cairo_set_source_rgb(cr, (rgb[ink] >> 16 & 255) / 255.0, (rgb[ink] >> 8 & 255) / 255.0, (rgb[ink] & 255) / 255.0);
}

static void wrap_range(double lo, double hi, double size, long *first, long *last)
{
    *first = (long)floor(-hi / size) + 1;
    *last = (long)ceil((size - lo) / size) - 1;
}

/* Every copy of op on the lattice (copies at (kx*w + ky*shift, ky*h +
 * kx*drop)) that touches the box [0, bw] x [0, bh], cell origin at (w/2, h/2). */
static void draw_lattice(cairo_t *cr, const ct_op *op, double w, double h, double drop, double shift, double bw,
                         double bh)
{
    long a0, a1, b0, b1;
    double x0 = op->x0 + w / 2, x1 = op->x1 + w / 2, y0 = op->y0 + h / 2, y1 = op->y1 + h / 2;
    wrap_range(y0 - fabs(drop) * (bw / w + 1), y1 + fabs(drop) * (bw / w + 1), h, &b0, &b1);
    b1 += (long)ceil(bh / h);
    for (long ky = b0; ky <= b1; ky++) {
        wrap_range(x0 + ky * shift, x1 + ky * shift, w, &a0, &a1);
        a1 += (long)ceil(bw / w);
        for (long kx = a0; kx <= a1; kx++) {
            double dy = ky * h + kx * drop, dx = kx * w + ky * shift;
            if (y1 + dy < 0 || y0 + dy > bh || x1 + dx < 0 || x0 + dx > bw)
                continue;
            cairo_save(cr);
            cairo_translate(cr, w / 2 + dx, h / 2 + dy);
            ct_draw_op(cr, op);
            cairo_restore(cr);
        }
    }
}

static void clip_polygon(cairo_t *cr, const double *pts, size_t n)
{
    cairo_new_path(cr);
    for (size_t k = 0; k < n; k++)
        cairo_line_to(cr, pts[2 * k], pts[2 * k + 1]);
    cairo_close_path(cr);
    cairo_clip(cr);
}

/* A wallpaper group's unit: each image of the cell clipped to its part. */
static void draw_images(cairo_t *cr, const ct_scene *sc, const unsigned *rgb, const ct_unit_image *im, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        cairo_save(cr);
        cairo_transform(cr, &im[k].map);
        clip_polygon(cr, im[k].clip, im[k].clip_points);
        cairo_translate(cr, -sc->cell_w_mm / 2, -sc->cell_h_mm / 2);
        for (size_t i = 0; i < sc->count; i++) {
            set_ink(cr, rgb, sc->ops[i].ink);
            if (im[k].wrap)
                draw_lattice(cr, &sc->ops[i], sc->cell_w_mm, sc->cell_h_mm, 0, 0, sc->cell_w_mm, sc->cell_h_mm);
            else {
                cairo_save(cr);
                cairo_translate(cr, sc->cell_w_mm / 2, sc->cell_h_mm / 2);
                ct_draw_op(cr, &sc->ops[i]);
                cairo_restore(cr);
            }
        }
        cairo_restore(cr);
    }
}

/* The columns (half-drop) or rows (brick) after which a drop or shift of
 * `fraction` comes round to a rectangle; 0 when it takes more than 12. */
static unsigned round_trip(double fraction)
{
    for (unsigned n = 1; n <= 12; n++)
        if (fabs(n * fraction - round(n * fraction)) < 1e-9)
            return n;
    return 0;
}

/* Records the repeat unit of the scene in its layout; *uw x *uh mm. */
static canting_status record_unit(const ct_scene *sc, const unsigned *rgb, cairo_surface_t **rec, double *uw,
                                  double *uh, canting_error *err)
{
    static ct_unit_image images[CT_UNIT_MAX_IMAGES];
    double w = sc->cell_w_mm, h = sc->cell_h_mm;
    size_t n = ct_unit_images(sc->layout, w, h, uw, uh, images);
    double drop = sc->layout == CT_LAYOUT_HALF_DROP ? sc->fraction * h : 0;
    double shift = sc->layout == CT_LAYOUT_BRICK ? sc->fraction * w : 0;
    if (n == 0) {
        unsigned k = round_trip(sc->fraction);
        if ((drop != 0 || shift != 0) && k == 0)
            return ct_fail(err, CANTING_EARG,
                           "vector output needs a drop or shift that comes round within 12 cells (1/2, 1/3, 2/5 ...), "
                           "not %g", sc->fraction);
        *uw = drop != 0 ? k * w : w;
        *uh = shift != 0 ? k * h : h;
    }
    cairo_rectangle_t extents = {0, 0, *uw, *uh};
    *rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
    cairo_t *cr = cairo_create(*rec);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    set_ink(cr, rgb, 0);
    cairo_paint(cr);
    if (n > 0)
        draw_images(cr, sc, rgb, images, n);
    for (size_t i = 0; n == 0 && i < sc->count; i++) {
        set_ink(cr, rgb, sc->ops[i].ink);
        draw_lattice(cr, &sc->ops[i], w, h, drop, shift, *uw, *uh);
    }
    canting_status st = cairo_status(cr) == CAIRO_STATUS_SUCCESS ? CANTING_OK : ct_fail(err, CANTING_ERENDER, "cairo failed");
    cairo_destroy(cr);
    return st;
}

/* Fills the box with the recorded unit repeated, its origin at (ox, oy);
 * `turn` quarter turns clockwise for a border band. */
static void fill_with(cairo_t *cr, cairo_surface_t *unit, double uw, double uh, double x, double y, double bw,
                      double bh, int turn)
{
    cairo_pattern_t *pat = cairo_pattern_create_for_surface(unit);
    cairo_pattern_set_extend(pat, CAIRO_EXTEND_REPEAT);
    cairo_matrix_t m;
    cairo_matrix_init_translate(&m, x, y);
    cairo_matrix_rotate(&m, turn * M_PI / 2);
    if (turn == 1)
        cairo_matrix_translate(&m, 0, -uh);
    else if (turn == 3)
        cairo_matrix_translate(&m, -uw, 0);
    else if (turn == 2)
        cairo_matrix_translate(&m, -uw, -uh);
    cairo_matrix_invert(&m);
    cairo_pattern_set_matrix(pat, &m);
    cairo_set_source(cr, pat);
    cairo_rectangle(cr, x, y, bw, bh);
    cairo_fill(cr);
    cairo_pattern_destroy(pat);
}

static cairo_status_t write_to_file(void *closure, const unsigned char *data, unsigned int length)
{
    FILE *fp = closure;
    return fwrite(data, 1, length, fp) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

typedef struct page {
    cairo_surface_t *surface;
    cairo_t *cr;
    double w_mm, h_mm;
} page;

static canting_status page_open(page *pg, canting_format format, ct_atomic_file *f, canting_error *err)
{
    /* A PDF page is measured in points; an SVG document here in mm, so its
     * user unit is the millimetre the scene is drawn in. */
    if (format == CANTING_FORMAT_PDF) {
        pg->surface = cairo_pdf_surface_create_for_stream(write_to_file, f->fp, pg->w_mm * PT_PER_MM,
                                                          pg->h_mm * PT_PER_MM);
    } else {
        pg->surface = cairo_svg_surface_create_for_stream(write_to_file, f->fp, pg->w_mm, pg->h_mm);
        cairo_svg_surface_set_document_unit(pg->surface, CAIRO_SVG_UNIT_MM);
    }
    pg->cr = cairo_create(pg->surface);
    if (format == CANTING_FORMAT_PDF)
        cairo_scale(pg->cr, PT_PER_MM, PT_PER_MM);
    return cairo_status(pg->cr) == CAIRO_STATUS_SUCCESS ? CANTING_OK
                                                         : ct_fail(err, CANTING_ENOMEM, "cannot start the page");
}

static canting_status page_close(page *pg, canting_error *err)
{
    cairo_destroy(pg->cr);
    cairo_surface_finish(pg->surface);
    cairo_status_t cs = cairo_surface_status(pg->surface);
    cairo_surface_destroy(pg->surface);
    return cs == CAIRO_STATUS_SUCCESS ? CANTING_OK : ct_fail(err, CANTING_EIO, "cannot write the page: %s",
                                                             cairo_status_to_string(cs));
}

/* The two border bands at the short ends, each the band's unit repeated
 * along its side, turned so its base lies on the cloth's edge; returns the
 * band's height so the field can start after it. */
static canting_status draw_borders(const canting_motif *m, const unsigned *rgb, page *pg, double *band,
                                   canting_error *err)
{
    ct_scene bs;
    canting_status st = ct_scene_build_part(m->def, m->overrides, m->noverrides, &m->limits, CT_PART_BORDER, &bs, err);
    if (st != CANTING_OK)
        return st;
    cairo_surface_t *rec = NULL;
    double uw, uh;
    st = record_unit(&bs, rgb, &rec, &uw, &uh, err);
    *band = uh;
    int across = pg->w_mm >= pg->h_mm;
    if (st == CANTING_OK && 2 * uh >= (across ? pg->w_mm : pg->h_mm))
        st = ct_fail(err, CANTING_ERANGE, "the border bands (%.0f mm each) leave no room for the field", uh);
    if (st == CANTING_OK && across) {
        fill_with(pg->cr, rec, uw, uh, 0, 0, uh, pg->h_mm, 1);
        fill_with(pg->cr, rec, uw, uh, pg->w_mm - uh, 0, uh, pg->h_mm, 3);
    } else if (st == CANTING_OK) {
        fill_with(pg->cr, rec, uw, uh, 0, 0, pg->w_mm, uh, 2);
        fill_with(pg->cr, rec, uw, uh, 0, pg->h_mm - uh, pg->w_mm, uh, 0);
    }
    if (rec)
        cairo_surface_destroy(rec);
    ct_scene_free(&bs);
    return st;
}

static canting_status draw_page(const canting_motif *m, const ct_scene *sc, page *pg, int borders, canting_error *err)
{
    unsigned rgb[256];
    double band = 0, uw, uh;
    ct_motif_palette(m, rgb);
    canting_status st = borders ? draw_borders(m, rgb, pg, &band, err) : CANTING_OK;
    cairo_surface_t *rec = NULL;
    if (st == CANTING_OK)
        st = record_unit(sc, rgb, &rec, &uw, &uh, err);
    if (st == CANTING_OK && pg->w_mm >= pg->h_mm)
        fill_with(pg->cr, rec, uw, uh, band, 0, pg->w_mm - 2 * band, pg->h_mm, 0);
    else if (st == CANTING_OK)
        fill_with(pg->cr, rec, uw, uh, 0, band, pg->w_mm, pg->h_mm - 2 * band, 0);
    if (rec)
        cairo_surface_destroy(rec);
    return st;
}

canting_status ct_vector_write(const canting_motif *m, const ct_scene *sc, double w_mm, double h_mm,
                               canting_format format, int borders, const char *path, canting_error *err)
{
    ct_atomic_file f;
    page pg = {.w_mm = w_mm, .h_mm = h_mm};
    if (!(w_mm > 0 && h_mm > 0 && w_mm * PT_PER_MM < 1e6 && h_mm * PT_PER_MM < 1e6))
        return ct_fail(err, CANTING_ERANGE, "a PDF or SVG page of %gx%g mm is out of range", w_mm, h_mm);
    canting_status st = ct_atomic_open(path, &f, err);
    if (st != CANTING_OK)
        return st;
    st = page_open(&pg, format, &f, err);
    if (st == CANTING_OK)
        st = draw_page(m, sc, &pg, borders && m->def->border, err);
    canting_status closed = page_close(&pg, err);
    if (st == CANTING_OK)
        st = closed;
    if (st == CANTING_OK)
        return ct_atomic_commit(&f, err);
    ct_atomic_abandon(&f);
    return st;
}
