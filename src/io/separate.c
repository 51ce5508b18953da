/* separate.c: separation sheets of a motif or of raster art, one per ink. */
#include "io/separate.h"
#include "io/film_pdf.h"
#include "io/image_read.h"
#include "motif/motif.h"
#include "util/util.h"

#include <stdio.h>
#include <string.h>

void canting_separate_options_init(canting_separate_options *options)
{
    if (!options)
        return;
    memset(options, 0, sizeof *options);
    canting_render_options_init(&options->render);
    options->bits = 8;
}

static canting_status check_common(const void *what, const char *prefix, const canting_separate_options *o,
                                   canting_error *err)
{
    if (!what || !prefix || !prefix[0])
        return ct_fail(err, CANTING_EARG, "NULL motif, image or prefix");
    if (strlen(prefix) > CT_SHEET_PATH_CAP - 100)
        return ct_fail(err, CANTING_EARG, "the output prefix is too long");
    if (o->format != CANTING_FORMAT_AUTO && o->format != CANTING_FORMAT_PNG && o->format != CANTING_FORMAT_PDF)
        return ct_fail(err, CANTING_EARG, "separations are PNG sheets or a PDF film set");
    if (o->bits != 1 && o->bits != 8)
        return ct_fail(err, CANTING_ERANGE, "sheets have 1 or 8 bits a pixel, not %d", o->bits);
    if (!(o->render.dpi >= 0 && o->render.dpi <= 10000))
        return ct_fail(err, CANTING_ERANGE, "dpi must be from 1 to 10000, not %g", o->render.dpi);
    if (o->render.compression < 0 || o->render.compression > 9)
        return ct_fail(err, CANTING_ERANGE, "PNG compression must be 0..9, not %d", o->render.compression);
    return CANTING_OK;
}

/* The sheets as PNG files, or as the pages of PREFIX.pdf. */
static canting_status write_sheets(const ct_sheet_list *l, const ct_ink_source *src, const canting_palette *inks,
                                   const canting_separate_options *o, const char *prefix, canting_error *err)
{
    if (o->format != CANTING_FORMAT_PDF)
        return ct_separate_write(l, src, o, NULL, err);
    char path[CT_SHEET_PATH_CAP];
    snprintf(path, sizeof path, "%s.pdf", prefix);
    return ct_film_pdf_write(l, src, inks, o, path, err);
}

/* One sheet per ink (and the cloth's when asked), labelled with its colour. */
static void ink_sheets(ct_sheet_list *l, const canting_palette *inks, const char *prefix, const char *footer,
                       int cloth_sheet)
{
    size_t first = cloth_sheet ? 0 : 1, total = inks->count - first;
    for (size_t i = first; i < inks->count; i++) {
        size_t k = ct_sheet_list_add(l, prefix, inks->name[i], 1ULL << i);
        if (k == CT_SHEETS_MAX)
            return; /* cannot happen: a list holds more than CANTING_MAX_INKS */
        snprintf(l->label[k], CT_SHEET_TEXT_CAP, "%s  #%02x%02x%02x%s", inks->name[i], inks->rgb[i][0],
                 inks->rgb[i][1], inks->rgb[i][2], i == 0 ? "  (the cloth: where no ink goes)" : "");
        snprintf(l->footer[k], CT_SHEET_TEXT_CAP, "sheet %zu of %zu  |  %s", i - first + 1, total, footer);
        l->specs[k].swatch = inks->rgb[i];
    }
}

canting_status ct_separate_write(const ct_sheet_list *l, const ct_ink_source *src, const canting_separate_options *o,
                                 uint64_t *ink_area, canting_error *err)
{
    ct_sheets_job job = {.src = src, .sheets = l->specs, .nsheets = l->count, .bits = o->bits,
                         .marks = o->marks, .compression = o->render.compression, .threads = o->render.threads,
                         .texts = l->texts, .ntexts = l->ntexts, .progress = o->render.progress,
                         .progress_user = o->render.progress_user, .ink_area = ink_area};
    return ct_sheets_write(&job, err);
}

void ct_separate_motif_texts(ct_sheet_list *l, const canting_motif *m, const ct_ink_source *src, char *footer,
                             size_t size)
{
    char buf[64];
    ct_sheet_list_text(l, "Software", "canting " CANTING_VERSION_STRING);
    ct_sheet_list_text(l, "canting:motif", m->def->name);
    snprintf(buf, sizeof buf, "%g", src->dpi);
    ct_sheet_list_text(l, "canting:dpi", buf);
    ct_sheet_list_text(l, "canting:layout", ct_layout_name(src->layout));
    if (m->colourway)
        ct_sheet_list_text(l, "canting:colourway", m->colourway->name);
    snprintf(footer, size, "%s%s%s  |  %.1f x %.1f cm at %g dpi  |  %s", m->def->name, m->colourway ? " / " : "",
             m->colourway ? m->colourway->name : "", src->width_px * 2.54 / src->dpi,
             src->height_px * 2.54 / src->dpi, src->dpi, ct_layout_name(src->layout));
}

canting_status ct_separate_prepare(const canting_motif *motif, const canting_separate_options **o,
                                   canting_separate_options *defaults, const char *prefix, ct_ink_source *src,
                                   canting_error *err)
{
    memset(src, 0, sizeof *src);
    if (!*o) {
        canting_separate_options_init(defaults);
        *o = defaults;
    }
    canting_status st = check_common(motif, prefix, *o, err);
    if (st == CANTING_OK && !((*o)->render.dpi >= 1))
        st = ct_fail(err, CANTING_ERANGE, "dpi must be from 1 to 10000, not %g", (*o)->render.dpi);
    if (st == CANTING_OK && !((*o)->render.width_mm >= 0 && (*o)->render.height_mm >= 0))
        st = ct_fail(err, CANTING_ERANGE, "the output size must not be negative");
    if (st == CANTING_OK)
        st = ct_ink_source_motif(motif, &(*o)->render, src, err);
    return st;
}

canting_status canting_separate_motif(const canting_motif *motif, const canting_separate_options *options,
                                      const char *prefix, canting_error *err)
{
    ct_error_clear(err);
    canting_separate_options defaults;
    ct_ink_source src;
    canting_palette inks;
    ct_sheet_list *list = NULL;
    canting_status st = ct_separate_prepare(motif, &options, &defaults, prefix, &src, err);
    if (st == CANTING_OK && !(list = ct_calloc(1, sizeof *list)))
        st = ct_fail(err, CANTING_ENOMEM, "out of memory");
    if (st == CANTING_OK)
        st = canting_palette_from_motif(motif, &inks, err);
    if (st == CANTING_OK) {
        char footer[CT_SHEET_TEXT_CAP];
        ct_separate_motif_texts(list, motif, &src, footer, sizeof footer);
        ink_sheets(list, &inks, prefix, footer, options->cloth_sheet);
        st = write_sheets(list, &src, &inks, options, prefix, err);
    }
    ct_free(list);
    ct_ink_source_free(&src);
    return st;
}

static canting_status separate_image(const canting_image *image, const canting_palette *inks,
                                     const canting_separate_options *o, const char *prefix, ct_ink_source *src,
                                     ct_sheet_list *list, canting_error *err)
{
    double dpi = o->render.dpi > 0 ? o->render.dpi : image->dpi > 0 ? image->dpi : 150;
    canting_status st = ct_ink_source_image(image, inks, dpi, src, err);
    if (st != CANTING_OK)
        return st;
    char footer[CT_SHEET_TEXT_CAP], buf[32];
    ct_sheet_list_text(list, "Software", "canting " CANTING_VERSION_STRING);
    snprintf(buf, sizeof buf, "%g", dpi);
    ct_sheet_list_text(list, "canting:dpi", buf);
    snprintf(footer, sizeof footer, "raster art, nearest ink by dE76  |  %u x %u px at %g dpi", image->width_px,
             image->height_px, dpi);
    ink_sheets(list, inks, prefix, footer, o->cloth_sheet);
    return write_sheets(list, src, inks, o, prefix, err);
}

canting_status canting_separate_image(const canting_image *image, const canting_palette *inks,
                                      const canting_separate_options *options, const char *prefix,
                                      canting_error *err)
{
    ct_error_clear(err);
    canting_separate_options defaults;
    if (!options) {
        canting_separate_options_init(&defaults);
        defaults.render.dpi = 0;
        options = &defaults;
    }
    canting_status st = check_common(image, prefix, options, err);
    if (st == CANTING_OK && !inks)
        st = ct_fail(err, CANTING_EARG, "NULL palette");
    if (st != CANTING_OK)
        return st;
    ct_ink_source src = {0};
    ct_sheet_list *list = ct_calloc(1, sizeof *list);
    st = list ? separate_image(image, inks, options, prefix, &src, list, err)
              : ct_fail(err, CANTING_ENOMEM, "out of memory");
    ct_ink_source_free(&src);
    ct_free(list);
    return st;
}
