/* stage_sheet.c: the stage plan drawn as one page, with cairo for the text. */
#include "io/stage_sheet.h"
#include "io/png_write.h"
#include "motif/motif.h"
#include "separate/lab.h"
#include "util/util.h"

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define PANEL_PX 360      /* side of each picture */
#define GAP_PX 36
#define MARGIN_PX 40
#define TITLE_PX 96       /* room above the pictures */
#define CAPTION_PX 150    /* room below each picture */
#define LEGEND_PX 110
#define MAX_COLS 5
#define PAGE_DPI 120      /* about A3 wide for five stages */
#define HATCH 8           /* pixels between hatch lines */

static const uint8_t HATCH_WAX[3] = {0x20, 0x20, 0x20};

/* Wax and scrape marks are drawn in the diagram colours furthest (by dE76)
 * from every ink, so they never read as a dye: wax is no colour of its own
 * on the cloth, and a palette may hold any colour. */
static const uint8_t CANDIDATES[][3] = {{0x19, 0xd3, 0xf3}, {0xe6, 0x19, 0x9e}, {0xff, 0xff, 0xff}, {0x7c, 0xf0, 0x00},
                                        {0x8a, 0x2b, 0xe2}, {0x00, 0x50, 0xff}, {0xff, 0x7a, 0x00}, {0xff, 0x10, 0x10}};

typedef struct page {
    const ct_plan *plan;
    const canting_palette *inks;
    const canting_motif *motif;
    const double *share;
    uint8_t wax[3], scrape[3];    /* diagram colours, see CANDIDATES */
    size_t npanels, cols, rows;
    uint32_t w, h, pic_w, pic_h;
    cairo_surface_t *surface;
    cairo_t *cr;
} page;

/* The candidate furthest from the inks and from `also` (when not NULL). */
static void pick_colour(const canting_palette *inks, const uint8_t *also, uint8_t out[3])
{
    const float *lin = ct_lab_linear_table();
    float best = -1;
    for (size_t k = 0; k < sizeof CANDIDATES / sizeof CANDIDATES[0]; k++) {
        float c[3], d[3], nearest = 1e30f;
        ct_lab_from_rgb(lin, CANDIDATES[k][0], CANDIDATES[k][1], CANDIDATES[k][2], c);
        for (size_t i = 0; i <= inks->count; i++) {
            const uint8_t *rgb = i < inks->count ? inks->rgb[i] : also;
            if (!rgb)
                continue;
            ct_lab_from_rgb(lin, rgb[0], rgb[1], rgb[2], d);
            float e = ct_lab_de2(c[0], c[1], c[2], d[0], d[1], d[2]);
            nearest = e < nearest ? e : nearest;
        }
        if (nearest > best) {
            best = nearest;
            memcpy(out, CANDIDATES[k], 3);
        }
    }
}

/* ---- the pictures -------------------------------------------------------------- */

/* The top left of the output, at most two cells each way, as ink coverages
 * at the page's small scale. */
static canting_status thumbnail(const canting_motif *m, const canting_render_options *o, ct_ink_source *src,
                                ct_ink_strip *strip, canting_error *err)
{
    double cw, ch;
    canting_status st = canting_motif_cell_mm(m, &cw, &ch, err);
    if (st != CANTING_OK)
        return st;
    double full_w = o->width_mm > 0 ? o->width_mm : 2 * cw, full_h = o->height_mm > 0 ? o->height_mm : 2 * ch;
    canting_render_options t = *o;
    t.width_mm = fmin(full_w, 2 * cw);
    t.height_mm = fmin(full_h, 2 * ch);
    t.dpi = PANEL_PX * 25.4 / fmax(t.width_mm, t.height_mm);
    t.progress = NULL;
    t.field_only = 1; /* the pictures show the field; the bands would crowd it out */
    st = ct_ink_source_motif(m, &t, src, err);
    if (st == CANTING_OK)
        st = ct_ink_strip_alloc(src, src->height_px, 1, 0, strip, err);
    if (st == CANTING_OK)
        st = ct_ink_source_fill(src, 0, src->height_px, strip, o->threads, err);
    return st;
}

static void mix(double *acc, const uint8_t rgb[3], double weight)
{
    for (int c = 0; c < 3; c++)
        acc[c] += weight * rgb[c];
}

/* How ink i's areas look as the cloth enters bath k (k == nbaths: done). */
static void ink_look(const page *pg, size_t i, size_t k, uint32_t x, uint32_t y, double out[3])
{
    const ct_plan *p = pg->plan;
    uint64_t taken = k >= 64 ? p->ink_baths[i] : p->ink_baths[i] & ((1ULL << k) - 1);
    const uint8_t *base = pg->inks->rgb[ct_plan_colour_ink(p, taken)];
    memset(out, 0, 3 * sizeof *out);
    if (k == p->nbaths) {
        mix(out, pg->inks->rgb[i], 1);
        return;
    }
    int waxed = p->wax[k] >> i & 1, added = p->added[k] >> i & 1, scraped = p->scraped[k] >> i & 1;
    int on_line = (x + y) % HATCH < 2, on_back = (x + HATCH * 64 - y) % HATCH < 2;
    if (added && on_line)
        mix(out, HATCH_WAX, 1);
    else if (scraped && on_back)
        mix(out, pg->scrape, 1);
    else
        mix(out, waxed ? pg->wax : base, 1);
}

static void draw_picture(page *pg, const ct_ink_strip *s, size_t k, uint32_t x0, uint32_t y0)
{
    uint8_t *data = cairo_image_surface_get_data(pg->surface);
    int stride = cairo_image_surface_get_stride(pg->surface);
    for (uint32_t y = 0; y < pg->pic_h; y++)
        for (uint32_t x = 0; x < pg->pic_w; x++) {
            double acc[3] = {0, 0, 0}, look[3];
            for (size_t i = 0; i < s->ninks; i++) {
                uint8_t c = s->cov[i * s->plane_bytes + (size_t)y * s->width + x];
                if (!c)
                    continue;
                ink_look(pg, i, k, x, y, look);
                for (int ch = 0; ch < 3; ch++)
                    acc[ch] += look[ch] * c / 255.0;
            }
            uint32_t argb = 0xff000000u | (uint32_t)lround(acc[0]) << 16 | (uint32_t)lround(acc[1]) << 8 |
                            (uint32_t)lround(acc[2]);
            memcpy(data + (size_t)(y0 + y) * stride + 4 * (size_t)(x0 + x), &argb, 4);
        }
}

/* ---- the words --------------------------------------------------------------- */

static void text_at(cairo_t *cr, double x, double y, double size, int bold, const char *text)
{
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, text);
}

static const char *ink_name(const void *inks, size_t i)
{
    return ((const canting_palette *)inks)->name[i];
}

/* "cloth, soga" for an ink set; "nothing" when empty. */
static void ink_names(const canting_palette *inks, uint64_t set, char *buf, size_t size)
{
    ct_join_names(buf, size, set, inks->count, ink_name, inks, ", ", "nothing");
}

static void captions(page *pg, size_t k, double x, double y)
{
    const ct_plan *p = pg->plan;
    cairo_t *cr = pg->cr;
    char line[256], names[200];
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    if (k == p->nbaths) {
        snprintf(line, sizeof line, "%zu. Nglorod: boil off all the wax", k + 1);
        text_at(cr, x, y - pg->pic_h - 14, 19, 1, line);
        text_at(cr, x, y + 26, 16, 0, "The finished cloth.");
        return;
    }
    snprintf(line, sizeof line, "%zu. Wax, then bath \"%s\"", k + 1, p->bath[k]);
    text_at(cr, x, y - pg->pic_h - 14, 19, 1, line);
    double ly = y + 26;
    if (p->scraped[k]) {
        ink_names(pg->inks, p->scraped[k], names, sizeof names);
        snprintf(line, sizeof line, "Scrape off (ngerok): %s", names);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        text_at(cr, x, ly, 15, 1, line);
        ly += 22;
    }
    ink_names(pg->inks, p->added[k], names, sizeof names);
    snprintf(line, sizeof line, "%s: %s", k == 0 ? "Wax (nglowong, nembok)" : "Add wax", names);
    cairo_set_source_rgb(cr, 0.35, 0.23, 0.04);
    text_at(cr, x, ly, 15, 1, line);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    snprintf(line, sizeof line, "Under wax: %.0f%% of the cloth", 100 * pg->share[k]);
    text_at(cr, x, ly + 22, 15, 0, line);
    ink_names(pg->inks, p->dyed[k], names, sizeof names);
    snprintf(line, sizeof line, "Bath \"%s\" dyes: %s", p->bath[k], names);
    text_at(cr, x, ly + 44, 15, 0, line);
}

static void legend_box(cairo_t *cr, double x, double y, const uint8_t fill[3], const uint8_t *lines, int back)
{
    cairo_rectangle(cr, x, y, 34, 22);
    cairo_set_source_rgb(cr, fill[0] / 255.0, fill[1] / 255.0, fill[2] / 255.0);
    cairo_fill_preserve(cr);
    cairo_save(cr);
    cairo_clip_preserve(cr);
    for (int i = -30; lines && i < 60; i += HATCH) {
        cairo_move_to(cr, x + i, back ? y : y + 22);
        cairo_line_to(cr, x + i + 22, back ? y + 22 : y);
    }
    if (lines) {
        cairo_set_source_rgb(cr, lines[0] / 255.0, lines[1] / 255.0, lines[2] / 255.0);
        cairo_set_line_width(cr, 2);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 1);
    cairo_stroke(cr);
}

/* The key to the pictures and the recipe in words. */
static void legend(page *pg)
{
    cairo_t *cr = pg->cr;
    double y = pg->h - LEGEND_PX + 20, x = MARGIN_PX;
    static const uint8_t paper[3] = {0xff, 0xff, 0xff};
    legend_box(cr, x, y, pg->wax, NULL, 0);
    text_at(cr, x + 44, y + 17, 15, 0, "under wax (the bath cannot reach it)");
    legend_box(cr, x + 360, y, pg->wax, HATCH_WAX, 0);
    text_at(cr, x + 404, y + 17, 15, 0, "wax put on at this stage");
    legend_box(cr, x + 660, y, paper, pg->scrape, 1);
    text_at(cr, x + 704, y + 17, 15, 0, "wax scraped off before this bath");
    char line[1024], names[200];
    size_t used = (size_t)snprintf(line, sizeof line, "%s", pg->plan->is_default ? "Default recipe, light to dark: "
                                                                                 : "Recipe: ");
    for (size_t i = 1; i < pg->inks->count && used < sizeof line; i++) {
        size_t n = 0;
        names[0] = '\0';
        for (size_t b = 0; b < pg->plan->nbaths; b++)
            if (pg->plan->ink_baths[i] >> b & 1)
                n += (size_t)snprintf(names + n, sizeof names - (n < sizeof names ? n : sizeof names), "%s%s",
                                      n ? " + " : "", pg->plan->bath[b]);
        used += (size_t)snprintf(line + used, sizeof line - used, "%s%s = %s", i > 1 ? ";  " : "",
                                 pg->inks->name[i], names);
    }
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    text_at(cr, x, y + 58, 15, 0, line);
}

/* ---- the page --------------------------------------------------------------- */

static void layout_page(page *pg, uint32_t pic_w, uint32_t pic_h)
{
    pg->npanels = pg->plan->nbaths + 1;
    pg->cols = pg->npanels < MAX_COLS ? pg->npanels : MAX_COLS;
    pg->rows = (pg->npanels + pg->cols - 1) / pg->cols;
    pg->pic_w = pic_w;
    pg->pic_h = pic_h;
    uint32_t cell_w = PANEL_PX + GAP_PX, cell_h = TITLE_PX / 2 + PANEL_PX + CAPTION_PX;
    pg->w = 2 * MARGIN_PX + (uint32_t)pg->cols * cell_w - GAP_PX;
    if (pg->w < 1100)
        pg->w = 1100; /* room for the legend */
    pg->h = MARGIN_PX + TITLE_PX / 2 + (uint32_t)pg->rows * cell_h + LEGEND_PX;
}

static void title(page *pg)
{
    char line[300];
    const canting_motif *m = pg->motif;
    snprintf(line, sizeof line, "%s: the batik stages%s%s", m->def->name, m->colourway ? ", colourway " : "",
             m->colourway ? m->colourway->name : "");
    cairo_set_source_rgb(pg->cr, 0.1, 0.1, 0.1);
    text_at(pg->cr, MARGIN_PX, MARGIN_PX + 12, 28, 1, line);
    if (m->def->title && m->def->title[0])
        text_at(pg->cr, MARGIN_PX, MARGIN_PX + 40, 16, 0, m->def->title);
}

static void panels(page *pg, const ct_ink_strip *s)
{
    uint32_t cell_w = PANEL_PX + GAP_PX, cell_h = TITLE_PX / 2 + PANEL_PX + CAPTION_PX;
    for (size_t k = 0; k < pg->npanels; k++) {
        uint32_t x = MARGIN_PX + (uint32_t)(k % pg->cols) * cell_w;
        uint32_t y = MARGIN_PX + TITLE_PX + (uint32_t)(k / pg->cols) * cell_h;
        cairo_surface_flush(pg->surface);
        draw_picture(pg, s, k, x, y);
        cairo_surface_mark_dirty(pg->surface);
        cairo_rectangle(pg->cr, x - 0.5, y - 0.5, pg->pic_w + 1, pg->pic_h + 1);
        cairo_set_source_rgb(pg->cr, 0.3, 0.3, 0.3);
        cairo_set_line_width(pg->cr, 1);
        cairo_stroke(pg->cr);
        captions(pg, k, x, y + pg->pic_h);
    }
}

static canting_status write_page(page *pg, const char *path, canting_error *err)
{
    cairo_surface_flush(pg->surface);
    const uint8_t *data = cairo_image_surface_get_data(pg->surface);
    int stride = cairo_image_surface_get_stride(pg->surface);
    uint8_t *row = ct_malloc((size_t)pg->w * 3);
    if (!row)
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    ct_png_text texts[] = {{"Software", "canting " CANTING_VERSION_STRING}, {"canting:motif", pg->motif->def->name}};
    ct_png_spec spec = {.width_px = pg->w, .height_px = pg->h, .channels = 3, .dpi = PAGE_DPI, .compression = 6,
                        .texts = texts, .ntexts = 2};
    ct_png_writer *w = NULL;
    canting_status st = ct_png_open(path, &spec, &w, err);
    for (uint32_t y = 0; st == CANTING_OK && y < pg->h; y++) {
        for (uint32_t x = 0; x < pg->w; x++) {
            uint32_t argb;
            memcpy(&argb, data + (size_t)y * stride + 4 * (size_t)x, 4);
            row[3 * x] = (uint8_t)(argb >> 16);
            row[3 * x + 1] = (uint8_t)(argb >> 8);
            row[3 * x + 2] = (uint8_t)argb;
        }
        st = ct_png_write_rows(w, row, 0, 1, err);
    }
    st = st == CANTING_OK ? ct_png_finish(w, err) : (ct_png_abandon(w), st);
    ct_free(row);
    return st;
}

canting_status ct_stage_sheet_write(const canting_motif *motif, const ct_plan *plan, const canting_palette *inks,
                                    const canting_render_options *o, const double *share, const char *path,
                                    canting_error *err)
{
    ct_ink_source src = {0};
    ct_ink_strip strip = {0};
    page pg = {.plan = plan, .inks = inks, .motif = motif, .share = share};
    pick_colour(inks, NULL, pg.wax);
    pick_colour(inks, pg.wax, pg.scrape);
    canting_status st = thumbnail(motif, o, &src, &strip, err);
    if (st == CANTING_OK) {
        layout_page(&pg, src.width_px, src.height_px);
        pg.surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)pg.w, (int)pg.h);
        pg.cr = cairo_create(pg.surface);
        if (cairo_status(pg.cr) != CAIRO_STATUS_SUCCESS)
            st = ct_fail(err, CANTING_ENOMEM, "out of memory for the stage sheet");
    }
    if (st == CANTING_OK) {
        cairo_set_source_rgb(pg.cr, 1, 1, 1);
        cairo_paint(pg.cr);
        title(&pg);
        panels(&pg, &strip);
        legend(&pg);
        st = cairo_status(pg.cr) == CAIRO_STATUS_SUCCESS ? write_page(&pg, path, err)
                                                         : ct_fail(err, CANTING_ERENDER, "cairo failed on the stage sheet");
    }
    if (pg.cr)
        cairo_destroy(pg.cr);
    if (pg.surface)
        cairo_surface_destroy(pg.surface);
    ct_ink_strip_free(&strip);
    ct_ink_source_free(&src);
    return st;
}
