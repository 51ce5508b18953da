/*
 * stage_sheet.h: the one-page overview of a stage plan for the workshop
 * wall: the cloth as it goes into each bath, wax and scraping shown, the
 * stages side by side with captions, then the finished cloth.  Private to
 * libcanting.
 */
#ifndef CANTING_STAGE_SHEET_H
#define CANTING_STAGE_SHEET_H

#include "separate/plan.h"
#include "separate/source.h"

/* Writes the page to `path` (PNG, atomically).  The pictures show the top
 * left of the output the render options describe (at most two repeat cells
 * each way), drawn again at the small scale of the page.  `share` holds,
 * per bath, the share of the cloth under wax (0..1). */
canting_status ct_stage_sheet_write(const canting_motif *motif, const ct_plan *plan, const canting_palette *inks,
                                    const canting_render_options *o, const double *share, const char *path,
                                    canting_error *err);

#endif
