/* error.c: status names and the canting_error record. */
#include "util/util.h"

#include <stdio.h>
#include <string.h>

const char *canting_strerror(canting_status status)
{
    switch (status) {
    case CANTING_OK: return "success";
    case CANTING_ENOMEM: return "out of memory";
    case CANTING_EARG: return "invalid argument";
    case CANTING_ESYNTAX: return "syntax error in motif";
    case CANTING_ENAME: return "unknown name";
    case CANTING_EUNIT: return "wrong kind of unit";
    case CANTING_ERANGE: return "value out of range";
    case CANTING_ECYCLE: return "motifs use each other in a cycle";
    case CANTING_ELIMIT: return "limit reached";
    case CANTING_EMATH: return "arithmetic error";
    case CANTING_EIO: return "input/output error";
    case CANTING_EFORMAT: return "malformed or unsupported image";
    case CANTING_ERENDER: return "rendering failed";
    }
    return "unknown status";
}

const char *canting_version(void)
{
    return CANTING_VERSION_STRING;
}

void ct_error_clear(canting_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

canting_status ct_vfail_at(canting_error *err, canting_status status, const char *file, int line, int column,
                           const char *fmt, va_list ap)
{
    if (!err)
        return status;
    ct_error_clear(err);
    err->status = status;
    if (file)
        snprintf(err->file, sizeof err->file, "%s", file);
    err->line = line;
    err->column = column;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    return status;
}

canting_status ct_fail_at(canting_error *err, canting_status status, const char *file, int line, int column,
                          const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ct_vfail_at(err, status, file, line, column, fmt, ap);
    va_end(ap);
    return status;
}

canting_status ct_fail(canting_error *err, canting_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ct_vfail_at(err, status, NULL, 0, 0, fmt, ap);
    va_end(ap);
    return status;
}

char *canting_error_format(const canting_error *err, char *buf, size_t size)
{
    if (!buf || size == 0)
        return buf;
    if (!err)
        snprintf(buf, size, "no error");
    else if (err->file[0] && err->line > 0)
        snprintf(buf, size, "%s:%d:%d: %s", err->file, err->line, err->column, err->message);
    else if (err->file[0])
        snprintf(buf, size, "%s: %s", err->file, err->message);
    else
        snprintf(buf, size, "%s", err->message[0] ? err->message : canting_strerror(err->status));
    return buf;
}

void canting_limits_init(canting_limits *limits)
{
    if (!limits)
        return;
    limits->max_file_bytes = 1u << 20;
    limits->max_nesting = 64;
    limits->max_elements = 200000;
    limits->max_pixels = (uint64_t)1 << 32;
    limits->max_tile_pixels = (uint64_t)1 << 27;
}
