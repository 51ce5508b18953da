/* layout.c: the catalogue of repeat layouts. */
#include "motif/layout.h"

#include <string.h>

static const char *const names[CT_LAYOUT_COUNT] = {
    "straight", "half-drop", "brick", "mirror", "p1",  "p2",  "pm",   "pg",   "cm", "pmm", "pmg",
    "pgg",      "cmm",       "p4",    "p4m",    "p4g", "p3",  "p3m1", "p31m", "p6", "p6m",
};

canting_status ct_layout_parse(const char *name, ct_layout_kind *out)
{
    if (name == NULL || out == NULL)
        return CANTING_EARG;
    for (size_t i = 0; i < CT_LAYOUT_COUNT; i++) {
        if (strcmp(name, names[i]) == 0) {
            *out = (ct_layout_kind)i;
            return CANTING_OK;
        }
    }
    return CANTING_EARG;
}

const char *ct_layout_name(ct_layout_kind kind)
{
    return (unsigned)kind < CT_LAYOUT_COUNT ? names[kind] : "?";
}

const char *ct_layout_list(void)
{
    return "straight, half-drop, brick, mirror, p1, p2, pm, pg, cm, pmm, pmg, pgg, cmm, p4, p4m, p4g, p3, p3m1, "
           "p31m, p6, p6m";
}

int ct_layout_is_hexagonal(ct_layout_kind kind)
{
    return kind >= CT_LAYOUT_P3 && kind <= CT_LAYOUT_P6M;
}
