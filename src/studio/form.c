/* form.c: request fields. */
#include "studio/form.h"

#include <stdlib.h>
#include <string.h>

static int grow_last(studio_form *f, const char *data, size_t size)
{
    studio_field *fl = &f->field[f->count - 1];
    char *v = realloc(fl->value, fl->len + size + 1);
    if (!v)
        return -1;
    memcpy(v + fl->len, data, size);
    fl->value = v;
    fl->len += size;
    v[fl->len] = '\0';
    return 0;
}

int studio_form_add(studio_form *f, const char *key, const char *data, uint64_t off, size_t size)
{
    size_t klen = strlen(key);
    if (f->bytes + klen + size > f->max_bytes)
        return -1;
    f->bytes += size;
    if (off > 0 && f->count > 0 && !strcmp(f->field[f->count - 1].key, key))
        return grow_last(f, data, size);
    if (f->count == STUDIO_MAX_FIELDS)
        return -1;
    studio_field *fl = &f->field[f->count];
    fl->key = malloc(klen + 1);
    fl->value = malloc(1);
    if (!fl->key || !fl->value) {
        free(fl->key);
        free(fl->value);
        return -1;
    }
    memcpy(fl->key, key, klen + 1);
    fl->value[0] = '\0';
    fl->len = 0;
    f->count++;
    f->bytes += klen;
    return size ? grow_last(f, data, size) : 0;
}

const char *studio_form_get(const studio_form *f, const char *key, size_t *len)
{
    for (size_t i = f->count; i-- > 0;)
        if (!strcmp(f->field[i].key, key)) {
            if (len)
                *len = f->field[i].len;
            else if (strlen(f->field[i].value) != f->field[i].len)
                return ""; /* a NUL inside would cut a name short: "mine%00x" is not "mine" */
            return f->field[i].value;
        }
    return NULL;
}

void studio_form_free(studio_form *f)
{
    for (size_t i = 0; i < f->count; i++) {
        free(f->field[i].key);
        free(f->field[i].value);
    }
    f->count = 0;
    f->bytes = 0;
}
