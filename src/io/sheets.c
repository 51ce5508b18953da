/* sheets.c: many sheets from one source, strip by strip, in parallel. */
#include "io/sheets.h"
#include "io/marks.h"
#include "separate/parallel.h"
#include "util/util.h"

#include <stdio.h>
#include <string.h>

/* A strip's coverage planes aim at this many bytes: big enough for the
 * threads, small enough to stay a strip. */
#define STRIP_TARGET_BYTES (8u << 20)

typedef struct sheet {
    const ct_sheet_spec *spec;
    ct_png_writer *png;       /* 8 bits */
    uint8_t *row;             /* sheet_w bytes */
    uint8_t *label, *footer;  /* grey boxes, or NULL */
    uint8_t lut[256];         /* 1 bit: partition index -> grey */
    int complement;           /* 8 bits: sum the inks not on the sheet */
    canting_status status;
    canting_error err;
} sheet;

typedef struct run {
    const ct_sheets_job *job;
    ct_marks marks;
    sheet *sheets;
    ct_ink_strip strip;
    uint32_t strip_y, strip_rows; /* artwork rows in the strip */
} run;

uint32_t ct_sheets_strip_rows(uint32_t width, size_t ninks)
{
    uint64_t per_row = (uint64_t)width * (ninks + 1);
    uint64_t rows = STRIP_TARGET_BYTES / (per_row ? per_row : 1);
    return rows < 16 ? 16 : rows > 256 ? 256 : (uint32_t)rows;
}

static int popcount64(uint64_t v)
{
    int n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

/* ---- one row of one sheet ------------------------------------------------------ */

/* 8 bits: 255 less the sheet's inks, or (cheaper when they are most of the
 * inks) the sum of the others, the same number since a pixel's coverages
 * sum to 255. */
static void art_grey(const run *r, const sheet *s, size_t offset, uint8_t *out)
{
    const ct_ink_strip *st = &r->strip;
    uint64_t set = s->complement ? ~s->spec->inks : s->spec->inks;
    memset(out, s->complement ? 0 : 255, st->width);
    for (size_t i = 0; i < st->ninks; i++) {
        if (!(set >> i & 1))
            continue;
        const uint8_t *c = st->cov + i * st->plane_bytes + offset;
        if (s->complement)
            for (uint32_t x = 0; x < st->width; x++)
                out[x] = (uint8_t)(out[x] + c[x]);
        else
            for (uint32_t x = 0; x < st->width; x++)
                out[x] = (uint8_t)(out[x] - c[x]);
    }
}

static void art_film(const run *r, const sheet *s, size_t offset, uint8_t *out)
{
    const uint8_t *idx = r->strip.idx + offset;
    for (uint32_t x = 0; x < r->strip.width; x++)
        out[x] = s->lut[idx[x]];
}

static void blit(const ct_box *box, const uint8_t *pix, uint32_t y, uint8_t *row)
{
    if (pix && y >= box->y && y < box->y + box->h)
        memcpy(row + box->x, pix + (size_t)(y - box->y) * box->w, box->w);
}

static canting_status emit_row(run *r, sheet *s, uint32_t y)
{
    const ct_marks *m = &r->marks;
    ct_marks_row(m, y, s->row);
    blit(&m->label, s->label, y, s->row);
    blit(&m->footer, s->footer, y, s->row);
    if (y >= m->margin && y - m->margin >= r->strip_y && y - m->margin < r->strip_y + r->strip_rows) {
        size_t offset = (size_t)(y - m->margin - r->strip_y) * r->strip.width;
        if (r->job->bits == 1)
            art_film(r, s, offset, s->row + m->margin);
        else
            art_grey(r, s, offset, s->row + m->margin);
    }
    return ct_png_write_rows(s->png, s->row, m->sheet_w, 1, &s->err);
}

/* ---- the sheets in parallel ------------------------------------------------------ */

typedef struct rows_task {
    run *r;
    uint32_t y0, y1;          /* sheet rows */
} rows_task;

static void sheet_rows(void *ctx, size_t i)
{
    rows_task *t = ctx;
    sheet *s = &t->r->sheets[i];
    for (uint32_t y = t->y0; y < t->y1 && s->status == CANTING_OK; y++)
        s->status = emit_row(t->r, s, y);
}

static canting_status rows_all(run *r, uint32_t y0, uint32_t y1, canting_error *err)
{
    rows_task t = {r, y0, y1};
    ct_parallel_for(r->job->nsheets, r->job->threads, sheet_rows, &t);
    for (size_t i = 0; i < r->job->nsheets; i++)
        if (r->sheets[i].status != CANTING_OK) {
            if (err)
                *err = r->sheets[i].err;
            return r->sheets[i].status;
        }
    return CANTING_OK;
}

static void count_area(run *r)
{
    const ct_ink_strip *st = &r->strip;
    size_t n = (size_t)st->width * r->strip_rows;
    uint64_t *area = r->job->ink_area;
    if (r->job->bits == 1) {
        for (size_t x = 0; x < n; x++)
            area[st->idx[x]] += 255;
        return;
    }
    for (size_t i = 0; i < st->ninks; i++) {
        const uint8_t *c = st->cov + i * st->plane_bytes;
        uint64_t sum = 0;
        for (size_t x = 0; x < n; x++)
            sum += c[x];
        area[i] += sum;
    }
}

static canting_status stream(run *r, canting_error *err)
{
    const ct_sheets_job *job = r->job;
    const ct_ink_source *src = job->src;
    const ct_marks *m = &r->marks;
    canting_status st = rows_all(r, 0, m->margin, err);
    for (uint32_t y = 0; st == CANTING_OK && y < src->height_px; y += r->strip_rows) {
        r->strip_y = y;
        r->strip_rows = src->height_px - y < r->strip.cap_rows ? src->height_px - y : r->strip.cap_rows;
        st = ct_ink_source_fill(src, y, r->strip_rows, &r->strip, job->threads, err);
        if (st == CANTING_OK)
            st = rows_all(r, m->margin + y, m->margin + y + r->strip_rows, err);
        if (st == CANTING_OK && job->ink_area)
            count_area(r);
        if (st == CANTING_OK && job->progress)
            job->progress(job->progress_user, (uint64_t)y + r->strip_rows, src->height_px);
    }
    r->strip_rows = 0;
    return st == CANTING_OK ? rows_all(r, m->margin + src->height_px, m->sheet_h, err) : st;
}

/* ---- the list ------------------------------------------------------------------------- */

size_t ct_sheet_list_add(ct_sheet_list *l, const char *prefix, const char *name, uint64_t inks)
{
    if (l->count == CT_SHEETS_MAX)
        return CT_SHEETS_MAX;
    size_t k = l->count++;
    snprintf(l->path[k], CT_SHEET_PATH_CAP, "%s-%s.png", prefix, name);
    l->label[k][0] = l->footer[k][0] = '\0';
    l->specs[k] = (ct_sheet_spec){l->path[k], inks, l->label[k], l->footer[k], NULL};
    return k;
}

void ct_sheet_list_text(ct_sheet_list *l, const char *key, const char *value)
{
    if (l->ntexts == sizeof l->texts / sizeof l->texts[0])
        return;
    snprintf(l->values[l->ntexts], CT_SHEET_TEXT_CAP, "%s", value);
    l->texts[l->ntexts] = (ct_png_text){key, l->values[l->ntexts]};
    l->ntexts++;
}

/* ---- opening and closing ------------------------------------------------------------ */

static canting_status open_sheet(run *r, sheet *s, const ct_sheet_spec *spec, canting_error *err)
{
    const ct_sheets_job *job = r->job;
    s->spec = spec;
    s->complement = popcount64(spec->inks) * 2 > (int)job->src->ninks;
    for (size_t i = 0; i < 256; i++)
        s->lut[i] = i < 64 && (spec->inks >> i & 1) ? 0 : 255;
    if (!(s->row = ct_malloc(r->marks.sheet_w)))
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    canting_status st = CANTING_OK;
    if (r->marks.margin) {
        st = ct_marks_text(&r->marks.label, r->marks.font_px, spec->label ? spec->label : "", spec->swatch,
                           job->bits, &s->label, err);
        if (st == CANTING_OK)
            st = ct_marks_text(&r->marks.footer, r->marks.font_px * 0.8, spec->footer ? spec->footer : "", NULL,
                               job->bits, &s->footer, err);
    }
    ct_png_spec ps = {.width_px = r->marks.sheet_w, .height_px = r->marks.sheet_h, .channels = 1,
                      .dpi = job->src->dpi, .compression = job->compression, .texts = job->texts,
                      .ntexts = job->ntexts, .bits = job->bits};
    if (st == CANTING_OK)
        st = ct_png_open(spec->path, &ps, &s->png, err);
    return st;
}

static void release_sheet(sheet *s)
{
    ct_png_abandon(s->png);
    ct_free(s->row);
    ct_free(s->label);
    ct_free(s->footer);
    memset(s, 0, sizeof *s);
}

static canting_status finish_all(run *r, canting_error *err)
{
    canting_status st = CANTING_OK;
    for (size_t i = 0; i < r->job->nsheets; i++) {
        sheet *s = &r->sheets[i];
        if (st == CANTING_OK)
            st = ct_png_finish(s->png, err);
        else
            ct_png_abandon(s->png);
        s->png = NULL;
    }
    return st;
}

static canting_status check_job(const ct_sheets_job *job, canting_error *err)
{
    if (!job->src || !job->sheets || job->nsheets == 0)
        return ct_fail(err, CANTING_EARG, "no sheets to write");
    if (job->bits != 1 && job->bits != 8)
        return ct_fail(err, CANTING_ERANGE, "sheets have 1 or 8 bits a pixel, not %d", job->bits);
    if (job->compression < 0 || job->compression > 9)
        return ct_fail(err, CANTING_ERANGE, "PNG compression must be 0..9, not %d", job->compression);
    return CANTING_OK;
}

canting_status ct_sheets_write(const ct_sheets_job *job, canting_error *err)
{
    canting_status st = check_job(job, err);
    if (st != CANTING_OK)
        return st;
    run r = {.job = job};
    if ((st = ct_marks_layout(job->src->width_px, job->src->height_px, job->src->dpi, job->marks, &r.marks, err)) !=
        CANTING_OK)
        return st;
    if (job->ink_area)
        memset(job->ink_area, 0, job->src->ninks * sizeof *job->ink_area);
    r.sheets = ct_calloc(job->nsheets, sizeof *r.sheets);
    if (!r.sheets)
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    uint32_t rows = ct_sheets_strip_rows(job->src->width_px, job->src->ninks);
    st = ct_ink_strip_alloc(job->src, rows, job->bits == 8, job->bits == 1, &r.strip, err);
    for (size_t i = 0; st == CANTING_OK && i < job->nsheets; i++)
        st = open_sheet(&r, &r.sheets[i], &job->sheets[i], err);
    if (st == CANTING_OK)
        st = stream(&r, err);
    if (st == CANTING_OK)
        st = finish_all(&r, err);
    for (size_t i = 0; i < job->nsheets; i++)
        release_sheet(&r.sheets[i]);
    ct_ink_strip_free(&r.strip);
    ct_free(r.sheets);
    return st;
}
