/* text.c: small text helpers the commands share: numbers that read back
 * exactly, units, the motif's JSON fields, the user's language. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

void cli_exact_number(double value, char *buf, size_t size)
{
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(buf, size, "%.*g", digits, value);
        if (!strchr(buf, 'e') && strtod(buf, NULL) == value)
            return;
    }
    /* Beyond %g's plain range: fixed-point, as many places as it takes. */
    for (int places = 0; places <= 40; places++) {
        snprintf(buf, size, "%.*f", places, value);
        if (strtod(buf, NULL) == value)
            return;
    }
}

const char *cli_unit_suffix(canting_unit_kind kind)
{
    return kind == CANTING_UNIT_LENGTH ? "mm" : kind == CANTING_UNIT_ANGLE ? "deg" : "";
}

int cli_speaks_indonesian(void)
{
    /* TRANSLATORS: the code of your language, as a motif's texts are marked
     * ("id" for Indonesian): `canting info` shows a motif's texts in it. */
    return strcmp(_("en"), "id") == 0;
}

/* The value after "KEY": in JSON text, unquoted; "" for null or none.  The
 * motif's JSON has each key once where we look (layout, border). */
static void json_value(const char *json, const char *key, char *buf, size_t size)
{
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\"%s\": ", key);
    const char *at = strstr(json, pattern);
    buf[0] = '\0';
    if (!at)
        return;
    at += strlen(pattern);
    size_t n = at[0] == '"' ? strcspn(++at, "\"") : strcspn(at, ",}");
    if (!strncmp(at, "null", n) && n == 4)
        return;
    snprintf(buf, size, "%.*s", (int)n, at);
}

void cli_motif_field(const canting_motif *m, const char *key, char *buf, size_t size)
{
    size_t needed = 0;
    buf[0] = '\0';
    canting_motif_json(m, NULL, 0, &needed, NULL);
    char *json = needed ? malloc(needed) : NULL;
    if (json && canting_motif_json(m, json, needed, NULL, NULL) == CANTING_OK)
        json_value(json, key, buf, size);
    free(json);
}
