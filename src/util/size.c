/* size.c: physical sizes as people write them on the command line. */
#include "util/util.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* mm per unit; px is resolved through the dpi. */
static int unit_factor(const char *unit, size_t len, double dpi, double *mm)
{
    static const struct {
        const char *name;
        double mm;
    } units[] = {{"mm", 1}, {"cm", 10}, {"m", 1000}, {"in", 25.4}};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strlen(units[i].name) == len && strncmp(unit, units[i].name, len) == 0) {
            *mm = units[i].mm;
            return 1;
        }
    }
    if (len == 2 && strncmp(unit, "px", 2) == 0 && dpi > 0) {
        *mm = 25.4 / dpi;
        return 1;
    }
    return 0;
}

/* One "number[unit]"; *unit_mm is 0 when no unit follows. */
static const char *read_length(const char *s, double dpi, double *value, double *unit_mm, int *ok)
{
    /* Digits and a point only: strtod alone would also read "0x5c" as hex. */
    char digits[32];
    size_t n = strspn(s, "0123456789.");
    *ok = 0;
    if (n == 0 || n >= sizeof digits)
        return s;
    memcpy(digits, s, n);
    digits[n] = '\0';
    char *stop;
    *value = strtod(digits, &stop);
    if (*stop)
        return s;
    const char *end = s + n;
    size_t ulen = 0;
    /* an 'x' followed by a digit separates width from height: "20x30cm", "20pxx30px" */
    while (isalpha((unsigned char)end[ulen]) &&
           !(end[ulen] == 'x' && (isdigit((unsigned char)end[ulen + 1]) || end[ulen + 1] == '.')))
        ulen++;
    *unit_mm = 0;
    if (ulen && !unit_factor(end, ulen, dpi, unit_mm))
        return end;
    *ok = isfinite(*value) && *value > 0;
    return end + ulen;
}

canting_status canting_parse_size(const char *text, double dpi, double *width_mm, double *height_mm,
                                  canting_error *err)
{
    ct_error_clear(err);
    if (!text || !width_mm || !height_mm)
        return ct_fail(err, CANTING_EARG, "canting_parse_size: NULL argument");
    double w = 0, h = 0, wu = 0, hu = 0;
    int ok;
    const char *p = read_length(text, dpi, &w, &wu, &ok);
    if (ok && *p == '\0' && wu > 0) { /* "30cm": a square */
        h = w;
        hu = wu;
    } else {
        if (ok && *p == 'x')
            p = read_length(p + 1, dpi, &h, &hu, &ok);
        if (!ok || *p != '\0' || hu == 0)
            return ct_fail(err, CANTING_EARG,
                           "bad size '%s': expected WIDTHxHEIGHT with a unit (mm, cm, m, in, px), like 20x20cm",
                           text);
    }
    *width_mm = w * (wu > 0 ? wu : hu);
    *height_mm = h * hu;
    if (!(*width_mm < 1e7 && *height_mm < 1e7))
        return ct_fail(err, CANTING_ERANGE, "size '%s' is absurdly large", text);
    return CANTING_OK;
}
