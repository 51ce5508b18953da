/*
 * film_pdf.h: separations as a printer's film set: one PDF, a page per
 * sheet at true size (the artwork and the same margin of registration and
 * crop marks, label and footer as the PNG sheets with marks), each page
 * named after its inks in the viewer's page labels and outline.  Private
 * to libcanting.
 */
#ifndef CANTING_FILM_PDF_H
#define CANTING_FILM_PDF_H

#include "io/sheets.h"

/* Writes `path` (atomically) with a page for each sheet of the list, in
 * order, black where the sheet's inks are: grey coverage for bits 8, the
 * 1-bit partition for bits 1.  The pixels come from `src` strip by strip
 * (made again for each page, so memory stays a strip and a page's images);
 * `inks` names the pages. */
canting_status ct_film_pdf_write(const ct_sheet_list *list, const ct_ink_source *src, const canting_palette *inks,
                                 const canting_separate_options *o, const char *path, canting_error *err);

#endif
