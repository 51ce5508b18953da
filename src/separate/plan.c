/* plan.c: which areas carry wax before which bath. */
#include "separate/plan.h"
#include "motif/motif.h"
#include "util/util.h"

#include <string.h>

static int popcount64(uint64_t v)
{
    int n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

void ct_plan_derive(ct_plan *plan)
{
    uint64_t all = plan->ninks >= 64 ? ~0ULL : (1ULL << plan->ninks) - 1;
    for (size_t b = 0; b < plan->nbaths; b++) {
        uint64_t dyed = 0;
        for (size_t i = 1; i < plan->ninks; i++)
            if (plan->ink_baths[i] >> b & 1)
                dyed |= 1ULL << i;
        plan->dyed[b] = dyed;
        plan->wax[b] = all & ~dyed;
        uint64_t before = b ? plan->wax[b - 1] : 0;
        plan->added[b] = plan->wax[b] & ~before;
        plan->scraped[b] = before & ~plan->wax[b];
    }
}

size_t ct_plan_colour_ink(const ct_plan *plan, uint64_t baths)
{
    size_t best = 0;
    int best_n = 0;
    for (size_t i = 1; i < plan->ninks; i++) {
        uint64_t s = plan->ink_baths[i];
        if (s == baths)
            return i;
        if ((s & ~baths) == 0 && popcount64(s) > best_n) {
            best = i;
            best_n = popcount64(s);
        }
    }
    return best;
}

canting_status ct_plan_from_motif(const canting_motif *motif, ct_plan *plan, canting_error *err)
{
    const ct_motif_def *d = motif->def;
    const ct_recipe_def *r = d->recipe;
    memset(plan, 0, sizeof *plan);
    if (d->ninks > CANTING_MAX_INKS)
        return ct_fail(err, CANTING_ELIMIT, "motif '%s' has %zu inks; a stage plan handles at most %d", d->name,
                       d->ninks, CANTING_MAX_INKS);
    plan->ninks = d->ninks;
    plan->is_default = r == NULL;
    plan->nbaths = r ? r->nbaths : d->ninks - 1;
    for (size_t b = 0; b < plan->nbaths; b++)
        plan->bath[b] = r ? r->baths[b] : d->inks[b + 1].name;
    for (size_t i = 1; i < d->ninks; i++)
        plan->ink_baths[i] = r ? r->ink_baths[i] : (1ULL << i) - 1; /* light-to-dark: ink i takes baths 0..i-1 */
    ct_plan_derive(plan);
    return CANTING_OK;
}

size_t canting_motif_bath_count(const canting_motif *motif)
{
    if (!motif)
        return 0;
    return motif->def->recipe ? motif->def->recipe->nbaths : motif->def->ninks - 1;
}

const char *canting_motif_bath_name(const canting_motif *motif, size_t index)
{
    if (!motif || index >= canting_motif_bath_count(motif))
        return NULL;
    return motif->def->recipe ? motif->def->recipe->baths[index] : motif->def->inks[index + 1].name;
}

uint64_t canting_motif_ink_baths(const canting_motif *motif, size_t index)
{
    if (!motif || index == 0 || index >= motif->def->ninks)
        return 0;
    if (motif->def->recipe)
        return motif->def->recipe->ink_baths[index];
    return index >= 64 ? ~0ULL : (1ULL << index) - 1;
}
