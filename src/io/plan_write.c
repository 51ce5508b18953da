/*
 * plan_write.c: the stage plan of a motif as files: a wax mask per bath (and
 * a scrape mask where wax comes off), the plan in words, and the stage sheet.
 */
#include "io/atomic.h"
#include "io/separate.h"
#include "io/stage_sheet.h"
#include "motif/motif.h"
#include "separate/plan.h"
#include "util/util.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

void canting_plan_options_init(canting_plan_options *options)
{
    if (!options)
        return;
    memset(options, 0, sizeof *options);
    canting_separate_options_init(&options->sheets);
    options->stage_sheet = 1;
}

/* The masks: wax before every bath, and what is scraped off before it. */
static void mask_sheets(ct_sheet_list *l, const ct_plan *p, const char *prefix, const char *footer)
{
    for (size_t b = 0; b < p->nbaths; b++) {
        char name[96];
        for (int scrape = 0; scrape < 2; scrape++) {
            uint64_t inks = scrape ? p->scraped[b] : p->wax[b];
            if (scrape && !inks)
                continue;
            snprintf(name, sizeof name, "%zu-%s-%s", b + 1, p->bath[b], scrape ? "scrape" : "wax");
            size_t k = ct_sheet_list_add(l, prefix, name, inks);
            if (k == CT_SHEETS_MAX)
                return; /* cannot happen: the list holds two per bath */
            snprintf(l->label[k], CT_SHEET_TEXT_CAP, "%zu. %s: %s", b + 1, p->bath[b],
                     scrape ? "scrape off" : "wax");
            snprintf(l->footer[k], CT_SHEET_TEXT_CAP, "stage %zu of %zu  |  %.100s", b + 1, p->nbaths, footer);
        }
    }
}

static double share_of(const uint64_t *area, size_t ninks, uint64_t set, uint64_t pixels)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < ninks; i++)
        if (set >> i & 1)
            sum += area[i];
    return pixels ? (double)sum / (255.0 * (double)pixels) : 0;
}

static const char *ink_name(const void *inks, size_t i)
{
    return ((const canting_palette *)inks)->name[i];
}

static void names_of(const canting_palette *inks, uint64_t set, char *buf, size_t size)
{
    ct_join_names(buf, size, set, inks->count, ink_name, inks, ", ", "-");
}

static const char *bath_name(const void *plan, size_t b)
{
    return ((const ct_plan *)plan)->bath[b];
}

static void baths_of(const ct_plan *p, uint64_t baths, char *buf, size_t size)
{
    ct_join_names(buf, size, baths, p->nbaths, bath_name, p, " + ", "no bath (under wax throughout)");
}

typedef struct plan_words {
    FILE *f;
    const ct_plan *p;
    const canting_palette *inks;
    const uint64_t *area;
    uint64_t pixels;
    const char *prefix;
} plan_words;

static void words_inks(const plan_words *w)
{
    char baths[512];
    fprintf(w->f, "\nInks, in dye order, and the baths that make them:\n");
    for (size_t i = 0; i < w->inks->count; i++) {
        baths_of(w->p, w->p->ink_baths[i], baths, sizeof baths);
        fprintf(w->f, "  %-12s #%02x%02x%02x  %5.1f%% of the cloth   %s\n", w->inks->name[i], w->inks->rgb[i][0],
                w->inks->rgb[i][1], w->inks->rgb[i][2], 100 * share_of(w->area, w->inks->count, 1ULL << i, w->pixels),
                baths);
        for (size_t j = 1; j < i; j++)
            if (i > 0 && w->p->ink_baths[j] == w->p->ink_baths[i])
                fprintf(w->f, "  note: %s and %s take the same baths, so they come out alike\n", w->inks->name[j],
                        w->inks->name[i]);
    }
}

static void words_stage(const plan_words *w, size_t b)
{
    const ct_plan *p = w->p;
    char names[512];
    size_t n = w->inks->count;
    fprintf(w->f, "\nStage %zu, before bath %zu \"%s\":\n", b + 1, b + 1, p->bath[b]);
    if (p->scraped[b]) {
        names_of(w->inks, p->scraped[b], names, sizeof names);
        fprintf(w->f, "  scrape off (ngerok):       %-30s %5.1f%% of the cloth   %s-%zu-%s-scrape.png\n", names,
                100 * share_of(w->area, n, p->scraped[b], w->pixels), w->prefix, b + 1, p->bath[b]);
    }
    if (p->added[b]) {
        names_of(w->inks, p->added[b], names, sizeof names);
        fprintf(w->f, "  %-26s %-30s %5.1f%% of the cloth\n",
                b == 0 ? "wax (nglowong, nembok):" : p->scraped[b] ? "add wax (mbironi):" : "add wax (nembok):", names,
                100 * share_of(w->area, n, p->added[b], w->pixels));
    }
    names_of(w->inks, p->wax[b], names, sizeof names);
    fprintf(w->f, "  under wax now:             %-30s %5.1f%% of the cloth   %s-%zu-%s-wax.png\n", names,
            100 * share_of(w->area, n, p->wax[b], w->pixels), w->prefix, b + 1, p->bath[b]);
    names_of(w->inks, p->dyed[b], names, sizeof names);
    fprintf(w->f, "  bath \"%s\" dyes:  %s\n", p->bath[b], names);
}

static canting_status write_words(const canting_motif *m, const plan_words *w, const ct_ink_source *src,
                                  const char *path, canting_error *err)
{
    ct_atomic_file file;
    canting_status st = ct_atomic_open(path, &file, err);
    if (st != CANTING_OK)
        return st;
    plan_words words = *w;
    words.f = file.fp;
    fprintf(words.f, "Stage plan for %s%s%s%s%s\n", m->def->name, m->def->title[0] ? ": " : "", m->def->title,
            m->colourway ? ", colourway " : "", m->colourway ? m->colourway->name : "");
    fprintf(words.f, "Artwork %.1f x %.1f cm (%u x %u px at %g dpi), layout %s; shares are of this area.\n",
            src->width_px * 2.54 / src->dpi, src->height_px * 2.54 / src->dpi, src->width_px, src->height_px, src->dpi,
            ct_layout_name(src->layout));
    if (w->p->is_default)
        fprintf(words.f, "No recipe in the motif: the default light-to-dark overdye, one bath per ink.\n");
    words_inks(&words);
    for (size_t b = 0; b < w->p->nbaths; b++)
        words_stage(&words, b);
    fprintf(words.f, "\nStage %zu: boil off all the wax (nglorod).  The cloth is finished.\n", w->p->nbaths + 1);
    return ct_atomic_commit(&file, err);
}

static void remove_written(const ct_sheet_list *list, const char *prefix)
{
    char path[CT_SHEET_PATH_CAP];
    for (size_t k = 0; k < list->count; k++)
        unlink(list->path[k]);
    snprintf(path, sizeof path, "%s-plan.txt", prefix);
    unlink(path);
}

static canting_status plan_files(const canting_motif *m, const canting_plan_options *o, const char *prefix,
                                 const ct_ink_source *src, ct_sheet_list *list, canting_error *err)
{
    ct_plan plan;
    canting_palette inks;
    uint64_t area[CANTING_MAX_INKS];
    canting_status st = ct_plan_from_motif(m, &plan, err);
    if (st == CANTING_OK)
        st = canting_palette_from_motif(m, &inks, err);
    if (st != CANTING_OK)
        return st;
    char footer[CT_SHEET_TEXT_CAP], path[CT_SHEET_PATH_CAP];
    ct_separate_motif_texts(list, m, src, footer, sizeof footer);
    mask_sheets(list, &plan, prefix, footer);
    st = ct_separate_write(list, src, &o->sheets, area, err);
    plan_words w = {NULL, &plan, &inks, area, (uint64_t)src->width_px * src->height_px, prefix};
    snprintf(path, sizeof path, "%s-plan.txt", prefix);
    if (st == CANTING_OK)
        st = write_words(m, &w, src, path, err);
    double share[CT_PLAN_MAX_BATHS];
    for (size_t b = 0; b < plan.nbaths; b++)
        share[b] = share_of(area, inks.count, plan.wax[b], w.pixels);
    snprintf(path, sizeof path, "%s-stages.png", prefix);
    if (st == CANTING_OK && o->stage_sheet)
        st = ct_stage_sheet_write(m, &plan, &inks, &o->sheets.render, share, path, err);
    /* A plan is a set: when its text or sheet fails, the masks already
     * written go too, so no half plan is left for a workshop to follow. */
    if (st != CANTING_OK)
        remove_written(list, prefix);
    return st;
}

canting_status canting_plan_write(const canting_motif *motif, const canting_plan_options *options, const char *prefix,
                                  canting_error *err)
{
    ct_error_clear(err);
    canting_plan_options defaults;
    if (!options) {
        canting_plan_options_init(&defaults);
        options = &defaults;
    }
    const canting_separate_options *so = &options->sheets;
    canting_separate_options unused;
    ct_ink_source src;
    ct_sheet_list *list = NULL;
    canting_status st = ct_separate_prepare(motif, &so, &unused, prefix, &src, err);
    if (st == CANTING_OK && !(list = ct_calloc(1, sizeof *list)))
        st = ct_fail(err, CANTING_ENOMEM, "out of memory");
    if (st == CANTING_OK)
        st = plan_files(motif, options, prefix, &src, list, err);
    ct_free(list);
    ct_ink_source_free(&src);
    return st;
}
