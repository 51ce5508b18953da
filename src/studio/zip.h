/* zip.h: bundles finished files into one .zip for a single download.  The
 * members are PNGs and text, already compressed or small, so they are
 * stored, not deflated; no zip64, so each member stays under 4 GiB. */
#ifndef CANTING_STUDIO_ZIP_H
#define CANTING_STUDIO_ZIP_H

#include <stddef.h>

/* Writes `zip_path` holding dir/names[i] as names[i], for i < count.
 * Returns 0, or -1 with errno set. */
int studio_zip_write(const char *zip_path, const char *dir, char *const *names, size_t count);

#endif
