/*
 * sheets.h: a set of grey sheets streamed from one ink source: separation
 * sheets (one ink each) and wax masks (a set of inks each).  Each sheet is
 * black wherever its inks are: in 8 bits 255 minus their summed coverage,
 * in 1 bit black where the pixel's ink in the partition is one of them.
 * The source makes each strip once and all the sheets are written from it
 * in parallel, one encoder per sheet, so memory is a strip and a row per
 * sheet whatever the output size.  Private to libcanting.
 */
#ifndef CANTING_SHEETS_H
#define CANTING_SHEETS_H

#include "io/png_write.h"
#include "separate/source.h"

typedef struct ct_sheet_spec {
    const char *path;
    uint64_t inks;            /* bit i: ink i is black on this sheet */
    const char *label;        /* above the artwork (marks only) */
    const char *footer;       /* below it (marks only) */
    const uint8_t *swatch;    /* RGB of a swatch before the label, or NULL */
} ct_sheet_spec;

typedef struct ct_sheets_job {
    const ct_ink_source *src;
    const ct_sheet_spec *sheets;
    size_t nsheets;
    int bits;                 /* 8 or 1 */
    int marks;
    int compression;          /* zlib level 0..9 */
    unsigned threads;         /* 0: all cores */
    const ct_png_text *texts; /* tEXt chunks for every sheet */
    size_t ntexts;
    canting_progress_fn progress;
    void *progress_user;
    uint64_t *ink_area;       /* NULL, or src->ninks sums of coverage (255 = a whole pixel) */
} ct_sheets_job;

/* The files, labels and tEXt chunks of one set of sheets, in one block. */
#define CT_SHEETS_MAX (CANTING_MAX_INKS + 2 * 63)
#define CT_SHEET_PATH_CAP 4096
#define CT_SHEET_TEXT_CAP 160

typedef struct ct_sheet_list {
    ct_sheet_spec specs[CT_SHEETS_MAX];
    char path[CT_SHEETS_MAX][CT_SHEET_PATH_CAP];
    char label[CT_SHEETS_MAX][CT_SHEET_TEXT_CAP];
    char footer[CT_SHEETS_MAX][CT_SHEET_TEXT_CAP];
    size_t count;
    ct_png_text texts[8];
    char values[8][CT_SHEET_TEXT_CAP];
    size_t ntexts;
} ct_sheet_list;

/* Adds the sheet PREFIX-NAME.png, black where `inks` are, with an empty
 * label and footer (fill l->label[k] and l->footer[k]); returns its index k,
 * or CT_SHEETS_MAX when the list is full. */
size_t ct_sheet_list_add(ct_sheet_list *l, const char *prefix, const char *name, uint64_t inks);

/* Adds a tEXt chunk that every sheet carries (at most 8; more are dropped). */
void ct_sheet_list_text(ct_sheet_list *l, const char *key, const char *value);

/* Writes every sheet, each atomically.  On failure the sheets not yet
 * finished are removed; err says which failed. */
canting_status ct_sheets_write(const ct_sheets_job *job, canting_error *err);

/* Rows a strip holds for an output `width` px wide with `ninks` inks. */
uint32_t ct_sheets_strip_rows(uint32_t width, size_t ninks);

#endif
