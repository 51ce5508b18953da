/*
 * proof.h: the proof sink's pieces other sinks share.  Private to libcanting.
 */
#ifndef CANTING_PROOF_H
#define CANTING_PROOF_H

#include "motif/motif.h"
#include "repeat/cloth.h"
#include "repeat/layout.h"

/* The top-left w x h pixels of the motif's proof (the field in its layout,
 * no border), as RGB rows `stride` bytes apart, in memory: for thumbnails
 * and contact sheets. */
canting_status ct_proof_pixels(const canting_motif *m, const canting_render_options *o, uint32_t w, uint32_t h,
                               uint8_t *rgb, size_t stride, canting_error *err);

/* The field of the motif's proof (its layout, no border) as a repeat whose
 * rows the caller makes; free with ct_repeat_free. */
canting_status ct_proof_repeat(const canting_motif *m, const canting_render_options *o, ct_repeat **out,
                               canting_error *err);

#endif
