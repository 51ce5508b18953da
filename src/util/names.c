/* names.c: a set of names as one line of text, for plans and captions. */
#include "util/util.h"

#include <stdio.h>

void ct_join_names(char *buf, size_t size, uint64_t set, size_t count,
                   const char *(*name_of)(const void *items, size_t i), const void *items, const char *sep,
                   const char *none)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < count && i < 64 && used < size; i++) {
        if (!(set >> i & 1))
            continue;
        int n = snprintf(buf + used, size - used, "%s%s", used ? sep : "", name_of(items, i));
        used += n > 0 ? (size_t)n : 0;
    }
    if (!used)
        snprintf(buf, size, "%s", none);
}
