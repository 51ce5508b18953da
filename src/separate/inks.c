/* inks.c: palettes of inks: from a motif, from a written list, as text, and
 * the public nearest-ink call. */
#include "motif/motif.h"
#include "separate/nearest.h"
#include "util/util.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int name_char_ok(char c)
{
    return isalnum((unsigned char)c) || c == '-' || c == '_';
}

canting_status canting_palette_from_motif(const canting_motif *motif, canting_palette *out, canting_error *err)
{
    ct_error_clear(err);
    if (!motif || !out)
        return ct_fail(err, CANTING_EARG, "canting_palette_from_motif: NULL argument");
    size_t n = motif->def->ninks;
    if (n > CANTING_MAX_INKS)
        return ct_fail(err, CANTING_ELIMIT, "motif '%s' has %zu inks; separations handle at most %d",
                       motif->def->name, n, CANTING_MAX_INKS);
    memset(out, 0, sizeof *out);
    out->count = n;
    for (size_t i = 0; i < n; i++) {
        unsigned rgb = ct_motif_ink_rgb(motif, i);
        if (strlen(motif->def->inks[i].name) >= sizeof out->name[i])
            return ct_fail(err, CANTING_ELIMIT, "ink name '%s' is longer than %zu characters",
                           motif->def->inks[i].name, sizeof out->name[i] - 1);
        snprintf(out->name[i], sizeof out->name[i], "%s", motif->def->inks[i].name);
        out->rgb[i][0] = (uint8_t)(rgb >> 16);
        out->rgb[i][1] = (uint8_t)(rgb >> 8);
        out->rgb[i][2] = (uint8_t)rgb;
    }
    return CANTING_OK;
}

static int hex_digit(char c)
{
    return isdigit((unsigned char)c) ? c - '0' : isxdigit((unsigned char)c) ? tolower((unsigned char)c) - 'a' + 10 : -1;
}

/* "#rgb" or "#rrggbb" of exactly len characters. */
static int parse_colour(const char *s, size_t len, uint8_t rgb[3])
{
    if ((len != 4 && len != 7) || s[0] != '#')
        return 0;
    for (size_t i = 1; i < len; i++)
        if (hex_digit(s[i]) < 0)
            return 0;
    for (int c = 0; c < 3; c++)
        rgb[c] = (uint8_t)(len == 7 ? hex_digit(s[1 + 2 * c]) * 16 + hex_digit(s[2 + 2 * c])
                                    : hex_digit(s[1 + c]) * 17);
    return 1;
}

/* One entry, "#colour" or "name=#colour", of len characters. */
static canting_status parse_entry(const char *s, size_t len, canting_palette *p, canting_error *err)
{
    size_t i = p->count, eq = 0;
    while (eq < len && s[eq] != '=')
        eq++;
    const char *colour = eq < len ? s + eq + 1 : s;
    size_t clen = eq < len ? len - eq - 1 : len;
    if (!parse_colour(colour, clen, p->rgb[i]))
        return ct_fail(err, CANTING_ESYNTAX, "bad ink '%.*s': expected #rrggbb or NAME=#rrggbb", (int)len, s);
    if (eq < len) {
        if (eq == 0 || eq >= sizeof p->name[i])
            return ct_fail(err, CANTING_ESYNTAX, "bad ink name in '%.*s' (1 to 31 characters)", (int)len, s);
        for (size_t k = 0; k < eq; k++)
            if (!name_char_ok(s[k]))
                return ct_fail(err, CANTING_ESYNTAX, "ink names take letters, digits, - and _, not '%.*s'", (int)eq, s);
        memcpy(p->name[i], s, eq);
        p->name[i][eq] = '\0';
    } else if (i == 0) {
        strcpy(p->name[i], "cloth");
    } else {
        snprintf(p->name[i], sizeof p->name[i], "ink%zu", i);
    }
    for (size_t k = 0; k < i; k++)
        if (!strcmp(p->name[k], p->name[i]))
            return ct_fail(err, CANTING_EARG, "ink '%s' is named twice", p->name[i]);
    p->count++;
    return CANTING_OK;
}

canting_status canting_palette_parse(const char *text, canting_palette *out, canting_error *err)
{
    ct_error_clear(err);
    if (!text || !out)
        return ct_fail(err, CANTING_EARG, "canting_palette_parse: NULL argument");
    memset(out, 0, sizeof *out);
    for (const char *s = text; *s;) {
        s += strspn(s, ", \t\n");
        size_t len = strcspn(s, ", \t\n");
        if (len == 0)
            break;
        if (out->count == CANTING_MAX_INKS)
            return ct_fail(err, CANTING_ELIMIT, "more than %d inks", CANTING_MAX_INKS);
        canting_status st = parse_entry(s, len, out, err);
        if (st != CANTING_OK)
            return st;
        s += len;
    }
    if (out->count == 0)
        return ct_fail(err, CANTING_ESYNTAX, "no inks in '%s': expected a list like #f2e8d5,#7a4a22", text);
    return CANTING_OK;
}

char *canting_palette_format(const canting_palette *palette, char *buf, size_t size)
{
    if (!buf || size == 0)
        return buf;
    buf[0] = '\0';
    for (size_t i = 0, used = 0; palette && i < palette->count && used < size; i++) {
        int n = snprintf(buf + used, size - used, "%s#%02x%02x%02x", i ? "," : "", palette->rgb[i][0],
                         palette->rgb[i][1], palette->rgb[i][2]);
        used += n > 0 ? (size_t)n : 0;
    }
    return buf;
}

canting_status canting_nearest_ink(const uint8_t *rgb, size_t stride, uint32_t width_px, uint32_t height_px,
                                   const canting_palette *inks, uint8_t *index, size_t index_stride,
                                   unsigned threads, canting_error *err)
{
    ct_error_clear(err);
    if (!inks || inks->count < 1 || inks->count > CANTING_MAX_INKS)
        return ct_fail(err, CANTING_EARG, "canting_nearest_ink: a palette of 1 to %d inks is needed",
                       CANTING_MAX_INKS);
    if (width_px && height_px && (!rgb || !index || stride / 3 < width_px || index_stride < width_px))
        return ct_fail(err, CANTING_EARG, "canting_nearest_ink: NULL buffer or short stride");
    ct_ink_lab lab;
    ct_ink_lab_from_palette(inks, &lab);
    ct_nearest_rows(NULL, rgb, stride, width_px, height_px, &lab, index, index_stride, threads);
    return CANTING_OK;
}
