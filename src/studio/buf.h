/* buf.h: a growable text buffer for JSON replies, and JSON string escaping. */
#ifndef CANTING_STUDIO_BUF_H
#define CANTING_STUDIO_BUF_H

#include <stddef.h>

/* Appends fail soft: after an allocation failure `failed` is set and later
 * appends do nothing, so callers check once at the end. */
typedef struct studio_buf {
    char *data;
    size_t len, cap;
    int failed;
} studio_buf;

void studio_buf_add(studio_buf *b, const char *text, size_t len);
void studio_buf_str(studio_buf *b, const char *text);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void studio_buf_printf(studio_buf *b, const char *fmt, ...);
/* Appends `text` as a quoted JSON string (len bytes; invalid UTF-8 is kept,
 * control characters are escaped). */
void studio_buf_json(studio_buf *b, const char *text, size_t len);
/* Hands the text over (NUL-terminated) or NULL after a failure; the buffer is
 * left empty either way. */
char *studio_buf_take(studio_buf *b, size_t *len);
void studio_buf_free(studio_buf *b);

#endif
