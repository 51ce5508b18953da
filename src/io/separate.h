/*
 * separate.h: what separations and the stage plan share: checking the
 * options, the motif's ink source, and the chunks and footer that say where
 * a sheet comes from.  Private to libcanting.
 */
#ifndef CANTING_IO_SEPARATE_H
#define CANTING_IO_SEPARATE_H

#include "io/sheets.h"

/* Checks the options (NULL: *o becomes the defaults, kept in `defaults`)
 * and the prefix, and makes the motif's ink source (free it with
 * ct_ink_source_free, even on failure). */
canting_status ct_separate_prepare(const canting_motif *motif, const canting_separate_options **o,
                                   canting_separate_options *defaults, const char *prefix, ct_ink_source *src,
                                   canting_error *err);

/* The tEXt chunks of a motif's sheets, and the footer line they print. */
void ct_separate_motif_texts(ct_sheet_list *list, const canting_motif *motif, const ct_ink_source *src, char *footer,
                             size_t size);

/* Writes the list's sheets from src with the options' bits, marks,
 * compression, threads and progress; ink_area as ct_sheets_job has it. */
canting_status ct_separate_write(const ct_sheet_list *list, const ct_ink_source *src,
                                 const canting_separate_options *o, uint64_t *ink_area, canting_error *err);

#endif
