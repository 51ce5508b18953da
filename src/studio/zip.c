/* zip.c: a store-only zip writer (PKWARE APPNOTE 4.3: local headers, the
 * central directory, the end record), CRC-32 from zlib. */
#include "studio/zip.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

typedef struct member {
    uint32_t crc, size, offset;
} member;

static void le16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v & 0xff);
    p[1] = (unsigned char)(v >> 8 & 0xff);
}

static void le32(unsigned char *p, uint32_t v)
{
    le16(p, v & 0xffff);
    le16(p + 2, v >> 16);
}

/* The member's CRC-32 and size, read before its header is written so that
 * the header needs no data descriptor. */
static int measure(FILE *in, member *m)
{
    unsigned char chunk[65536];
    uLong crc = crc32(0L, Z_NULL, 0);
    uint64_t total = 0;
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, in)) > 0) {
        crc = crc32(crc, chunk, (uInt)n);
        total += n;
    }
    if (ferror(in) || total > UINT32_MAX) {
        errno = ferror(in) ? EIO : EFBIG;
        return -1;
    }
    m->crc = (uint32_t)crc;
    m->size = (uint32_t)total;
    rewind(in);
    return 0;
}

static int copy(FILE *in, FILE *out)
{
    unsigned char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
        if (fwrite(chunk, 1, n, out) != n)
            return -1;
    return ferror(in) ? -1 : 0;
}

/* The fields local and central headers share, from "version needed" on. */
static void common_fields(unsigned char *p, const member *m, size_t name_len, unsigned dos_time, unsigned dos_date)
{
    le16(p, 20);       /* version needed: 2.0 */
    le16(p + 2, 0x800); /* names are UTF-8 */
    le16(p + 4, 0);    /* stored */
    le16(p + 6, dos_time);
    le16(p + 8, dos_date);
    le32(p + 10, m->crc);
    le32(p + 14, m->size);
    le32(p + 18, m->size);
    le16(p + 22, (unsigned)name_len);
    le16(p + 24, 0);   /* no extra field */
}

static void dos_now(unsigned *dos_time, unsigned *dos_date)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    *dos_time = (unsigned)(tm.tm_hour << 11 | tm.tm_min << 5 | tm.tm_sec / 2);
    *dos_date = (unsigned)((tm.tm_year - 80) << 9 | (tm.tm_mon + 1) << 5 | tm.tm_mday);
}

static int add_member(FILE *out, const char *dir, const char *name, member *m, unsigned dt, unsigned dd)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *in = fopen(path, "rb");
    if (!in)
        return -1;
    long at = ftell(out);
    int rc = at < 0 || (uint64_t)at > UINT32_MAX || measure(in, m) ? -1 : 0;
    if (rc == 0) {
        unsigned char h[30];
        m->offset = (uint32_t)at;
        le32(h, 0x04034b50);
        common_fields(h + 4, m, strlen(name), dt, dd);
        if (fwrite(h, 1, sizeof h, out) != sizeof h || fwrite(name, 1, strlen(name), out) != strlen(name) ||
            copy(in, out))
            rc = -1;
    }
    fclose(in);
    return rc;
}

static int write_directory(FILE *out, char *const *names, const member *m, size_t count, unsigned dt, unsigned dd)
{
    long start = ftell(out);
    for (size_t i = 0; i < count; i++) {
        unsigned char h[46] = {0};
        le32(h, 0x02014b50);
        le16(h + 4, 20); /* made by: 2.0, MS-DOS attributes */
        common_fields(h + 6, &m[i], strlen(names[i]), dt, dd);
        le32(h + 42, m[i].offset);
        if (fwrite(h, 1, sizeof h, out) != sizeof h || fwrite(names[i], 1, strlen(names[i]), out) != strlen(names[i]))
            return -1;
    }
    long end = ftell(out);
    if (start < 0 || end < 0 || (uint64_t)end > UINT32_MAX)
        return -1;
    unsigned char e[22] = {0};
    le32(e, 0x06054b50);
    le16(e + 8, (unsigned)count);
    le16(e + 10, (unsigned)count);
    le32(e + 12, (uint32_t)(end - start));
    le32(e + 16, (uint32_t)start);
    return fwrite(e, 1, sizeof e, out) == sizeof e ? 0 : -1;
}

int studio_zip_write(const char *zip_path, const char *dir, char *const *names, size_t count)
{
    if (count > 0xffff) {
        errno = EFBIG;
        return -1;
    }
    member *m = calloc(count ? count : 1, sizeof *m);
    FILE *out = m ? fopen(zip_path, "wb") : NULL;
    if (!out) {
        free(m);
        return -1;
    }
    unsigned dt, dd;
    dos_now(&dt, &dd);
    int rc = 0;
    for (size_t i = 0; i < count && rc == 0; i++)
        rc = add_member(out, dir, names[i], &m[i], dt, dd);
    if (rc == 0)
        rc = write_directory(out, names, m, count, dt, dd);
    if (fclose(out) != 0)
        rc = -1;
    free(m);
    return rc;
}
