/* form.h: the fields of one request (query arguments and a form body),
 * bounded in count and in total size. */
#ifndef CANTING_STUDIO_FORM_H
#define CANTING_STUDIO_FORM_H

#include <stddef.h>
#include <stdint.h>

#define STUDIO_MAX_FIELDS 96

typedef struct studio_field {
    char *key;
    char *value; /* NUL-terminated; may hold NULs of its own before len */
    size_t len;
} studio_field;

typedef struct studio_form {
    studio_field field[STUDIO_MAX_FIELDS];
    size_t count;
    size_t bytes;     /* keys and values together */
    size_t max_bytes;
} studio_form;

/* Adds `size` bytes at offset `off` of field `key`: a new field when off is
 * 0, else more of the last one (a form body arrives in pieces).  Returns 0,
 * or -1 when the form would hold too many fields or bytes, or on ENOMEM. */
int studio_form_add(studio_form *f, const char *key, const char *data, uint64_t off, size_t size);

/* The value of the last field named `key`, or NULL.  With len NULL it is
 * read as text, and a value holding a NUL reads as "" (refused by every
 * check); with len, the bytes are given whole. */
const char *studio_form_get(const studio_form *f, const char *key, size_t *len);

void studio_form_free(studio_form *f);

#endif
