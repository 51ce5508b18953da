/* buf.c: a growable text buffer and JSON string escaping. */
#include "studio/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int reserve(studio_buf *b, size_t more)
{
    if (b->failed)
        return 0;
    if (b->len + more + 1 <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + more + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return 0;
    }
    b->data = p;
    b->cap = cap;
    return 1;
}

void studio_buf_add(studio_buf *b, const char *text, size_t len)
{
    if (!reserve(b, len))
        return;
    memcpy(b->data + b->len, text, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void studio_buf_str(studio_buf *b, const char *text)
{
    studio_buf_add(b, text, strlen(text));
}

void studio_buf_printf(studio_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void studio_buf_json(studio_buf *b, const char *text, size_t len)
{
    studio_buf_add(b, "\"", 1);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        char esc[8];
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            studio_buf_add(b, esc, 2);
        } else if (c == '\n') {
            studio_buf_add(b, "\\n", 2);
        } else if (c == '\t') {
            studio_buf_add(b, "\\t", 2);
        } else if (c < 0x20 || c == 0x7f) {
            snprintf(esc, sizeof esc, "\\u%04x", c);
            studio_buf_add(b, esc, 6);
        } else {
            studio_buf_add(b, (const char *)&text[i], 1);
        }
    }
    studio_buf_add(b, "\"", 1);
}

char *studio_buf_take(studio_buf *b, size_t *len)
{
    if (!b->failed && reserve(b, 0)) /* an empty buffer still gives "" */
        b->data[b->len] = '\0';
    char *data = b->failed ? NULL : b->data;
    if (!data)
        free(b->data);
    if (len)
        *len = data ? b->len : 0;
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
    return data;
}

void studio_buf_free(studio_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
