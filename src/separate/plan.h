/*
 * plan.h: the stage plan of a batik, from the inks and the recipe.  Private
 * to libcanting; docs/separation.md works the bang-biru example through.
 *
 * Each ink is made by a set of dye baths (bit b: bath b).  Before bath b the
 * cloth carries wax over every area whose ink that bath must not reach: the
 * cloth's own areas always, and every ink whose set lacks b.  Between baths
 * wax is added (areas that just took their last wanted dye) and scraped off
 * (areas waxed so far that this bath must now reach: ngerok).  After the
 * last bath all wax is boiled off (nglorod).
 *
 * Ink sets are bit masks over ink indices (bit i: ink i), so one sheet or
 * mask is "black wherever these inks are".
 */
#ifndef CANTING_PLAN_H
#define CANTING_PLAN_H

#include "canting.h"

#include <stdint.h>

#define CT_PLAN_MAX_BATHS 63

typedef struct ct_plan {
    size_t ninks, nbaths;
    int is_default;                            /* no recipe: light-to-dark overdye */
    const char *bath[CT_PLAN_MAX_BATHS];       /* names, owned by the motif */
    uint64_t ink_baths[CANTING_MAX_INKS];      /* per ink: the baths that dye it */
    uint64_t wax[CT_PLAN_MAX_BATHS];           /* inks under wax as bath b begins */
    uint64_t added[CT_PLAN_MAX_BATHS];         /* inks waxed anew before bath b */
    uint64_t scraped[CT_PLAN_MAX_BATHS];       /* inks whose wax comes off before bath b */
    uint64_t dyed[CT_PLAN_MAX_BATHS];          /* inks bath b reaches (= not waxed) */
} ct_plan;

/* The plan of a motif (its recipe, or the default).  CANTING_ELIMIT when it
 * has more inks or baths than a plan holds. */
canting_status ct_plan_from_motif(const canting_motif *motif, ct_plan *plan, canting_error *err);

/* Fills the per-bath sets from ninks, nbaths and ink_baths. */
void ct_plan_derive(ct_plan *plan);

/* The ink whose colour shows where the cloth has taken exactly the baths in
 * `baths`: the ink made by exactly those, else the ink made by the most of
 * them and no others (lowest index on a tie), else the cloth (0). */
size_t ct_plan_colour_ink(const ct_plan *plan, uint64_t baths);

#endif
