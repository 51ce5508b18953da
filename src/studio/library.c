/* library.c: motif names, folders, safe reads and atomic saves. */
#include "studio/library.h"
#include "cli/cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int studio_name_ok(const char *name)
{
    size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");
    return n > 0 && n <= 64 && name[n] == '\0';
}

/* "dir/name.motif" when it fits. */
static int motif_path(char *buf, size_t size, const char *dir, const char *name)
{
    size_t d = strlen(dir), n = strlen(name);
    if (d + n + 8 > size)
        return 0;
    memcpy(buf, dir, d);
    buf[d] = '/';
    memcpy(buf + d + 1, name, n);
    memcpy(buf + d + 1 + n, ".motif", 7);
    return 1;
}

/* 1 when `path` resolves to a regular file inside `dir` (a real path). */
static int resolves_inside(const char *path, const char *dir, char *real)
{
    struct stat st;
    size_t n = strlen(dir);
    return realpath(path, real) && !strncmp(real, dir, n) && real[n] == '/' && stat(real, &st) == 0 &&
           S_ISREG(st.st_mode);
}

static void add_lib_dir(studio_library *lib, const char *dir)
{
    char *real = realpath(dir, NULL);
    if (!real || lib->nlib == STUDIO_MAX_LIB_DIRS || (lib->user_dir && !strcmp(real, lib->user_dir))) {
        free(real);
        return;
    }
    for (size_t i = 0; i < lib->nlib; i++)
        if (!strcmp(lib->lib_dirs[i], real)) {
            free(real);
            return;
        }
    lib->lib_dirs[lib->nlib++] = real;
}

/* The command line's folders, in its order (called once, at start-up). */
static void find_lib_dirs(studio_library *lib)
{
    for (const char *const *d = cli_motif_dirs(); *d; d++)
        add_lib_dir(lib, *d);
}

/* Clears the mirror and links every checked NAME.motif of MOTIF_DIR. */
static void rebuild_mirror(studio_library *lib)
{
    DIR *d = opendir(lib->mirror);
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.') {
            char path[PATH_MAX + 256];
            snprintf(path, sizeof path, "%s/%s", lib->mirror, e->d_name);
            unlink(path);
        }
    if (d)
        closedir(d);
    d = lib->user_dir ? opendir(lib->user_dir) : NULL;
    while (d && (e = readdir(d))) {
        size_t len = strlen(e->d_name);
        char name[80], path[PATH_MAX], real[PATH_MAX], link[PATH_MAX];
        if (len <= 6 || len - 6 >= sizeof name || strcmp(e->d_name + len - 6, ".motif"))
            continue;
        memcpy(name, e->d_name, len - 6);
        name[len - 6] = '\0';
        if (studio_name_ok(name) && motif_path(path, sizeof path, lib->user_dir, name) &&
            resolves_inside(path, lib->user_dir, real) && motif_path(link, sizeof link, lib->mirror, name))
            (void)!symlink(real, link);
    }
    if (d)
        closedir(d);
}

/* Rebuilds the mirror when MOTIF_DIR's entries changed since the last time. */
static void refresh_mirror(studio_library *lib, int force)
{
    struct stat st;
    if (!lib->user_dir || stat(lib->user_dir, &st) != 0)
        return;
    pthread_rwlock_wrlock(&lib->lock);
    if (force || st.st_mtim.tv_sec != lib->mirror_mtime.tv_sec || st.st_mtim.tv_nsec != lib->mirror_mtime.tv_nsec) {
        rebuild_mirror(lib);
        lib->mirror_mtime = st.st_mtim;
    }
    pthread_rwlock_unlock(&lib->lock);
}

int studio_library_init(studio_library *lib, const char *user_dir, const char *private_dir, char *msg, size_t size)
{
    *lib = (studio_library){0};
    pthread_rwlock_init(&lib->lock, NULL);
    struct stat st;
    if (user_dir && (!(lib->user_dir = realpath(user_dir, NULL)) || stat(lib->user_dir, &st) || !S_ISDIR(st.st_mode))) {
        snprintf(msg, size, "%s is not a folder", user_dir);
        return -1;
    }
    find_lib_dirs(lib);
    snprintf(lib->mirror, sizeof lib->mirror, "%s/mirror", private_dir);
    if (mkdir(lib->mirror, 0700) != 0) {
        snprintf(msg, size, "cannot create %s: %s", lib->mirror, strerror(errno));
        return -1;
    }
    size_t k = 0;
    lib->search[k++] = lib->mirror;
    for (size_t i = 0; i < lib->nlib; i++)
        lib->search[k++] = lib->lib_dirs[i];
    lib->search[k] = NULL;
    refresh_mirror(lib, 1);
    return 0;
}

void studio_library_free(studio_library *lib)
{
    free(lib->user_dir);
    lib->user_dir = NULL;
    if (lib->mirror[0]) {
        rebuild_mirror(lib); /* with no MOTIF_DIR: just empties it */
        rmdir(lib->mirror);
    }
    for (size_t i = 0; i < lib->nlib; i++)
        free(lib->lib_dirs[i]);
    pthread_rwlock_destroy(&lib->lock);
    *lib = (studio_library){0};
}

/* Reads a checked regular file of at most STUDIO_MAX_SOURCE bytes. */
static unsigned read_file(const char *real, studio_source *out, char *msg, size_t size)
{
    int fd = open(real, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(msg, size, "cannot read the motif: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return 500;
    }
    if (st.st_size > STUDIO_MAX_SOURCE) {
        close(fd);
        snprintf(msg, size, "the motif is %lld bytes; the studio edits motifs up to %d bytes", (long long)st.st_size,
                 STUDIO_MAX_SOURCE);
        return 413;
    }
    out->text = malloc((size_t)st.st_size + 1);
    ssize_t got = out->text ? read(fd, out->text, (size_t)st.st_size) : -1;
    close(fd);
    if (got < 0) {
        snprintf(msg, size, "cannot read the motif");
        return 500;
    }
    out->len = (size_t)got;
    out->text[out->len] = '\0';
    return 0;
}

/* Looks for name in `dir`: 0 not there, 1 found (real path in `real`), -1
 * there but resolving outside the folder. */
static int find_in(const char *dir, const char *name, char *real)
{
    char path[PATH_MAX];
    struct stat st;
    if (!motif_path(path, sizeof path, dir, name) || lstat(path, &st) != 0)
        return 0;
    return resolves_inside(path, dir, real) ? 1 : -1;
}

unsigned studio_library_read(studio_library *lib, const char *name, studio_source *out, char *msg, size_t size)
{
    *out = (studio_source){0};
    char real[PATH_MAX];
    if (!studio_name_ok(name)) {
        snprintf(msg, size, "a motif name is 1 to 64 letters, digits, '-' or '_'");
        return 400;
    }
    int found = lib->user_dir ? find_in(lib->user_dir, name, real) : 0;
    if (found > 0) {
        out->in_user_dir = 1;
        motif_path(out->origin, sizeof out->origin, lib->mirror, name);
    }
    for (size_t i = 0; found == 0 && i < lib->nlib; i++)
        if ((found = find_in(lib->lib_dirs[i], name, real)) > 0)
            snprintf(out->origin, sizeof out->origin, "%s", real);
    if (found < 0) {
        snprintf(msg, size, "motif '%s' is a link to somewhere outside its folder; the studio does not follow it", name);
        return 403;
    }
    if (found == 0) {
        snprintf(msg, size, "no motif named '%s'", name);
        return 404;
    }
    return read_file(real, out, msg, size);
}

void studio_library_origin(studio_library *lib, const char *name, studio_source *out)
{
    char real[PATH_MAX];
    int found = lib->user_dir ? find_in(lib->user_dir, name, real) : 0;
    for (size_t i = 0; found == 0 && i < lib->nlib; i++)
        if (find_in(lib->lib_dirs[i], name, real) > 0) {
            snprintf(out->origin, sizeof out->origin, "%s", real);
            return;
        }
    out->in_user_dir = 1;
    motif_path(out->origin, sizeof out->origin, lib->mirror, name);
}

canting_status studio_library_parse(studio_library *lib, const studio_source *src, canting_motif **out,
                                    canting_error *err)
{
    canting_load_options o;
    canting_load_options_init(&o);
    o.search_dirs = lib->search;
    /* A page is untrusted input: smaller work limits than the command's. */
    o.limits.max_file_bytes = STUDIO_MAX_SOURCE;
    o.limits.max_tile_pixels = (uint64_t)1 << 25;
    refresh_mirror(lib, 0);
    pthread_rwlock_rdlock(&lib->lock);
    canting_status st = canting_motif_parse(src->text, src->len, src->origin, &o, out, err);
    pthread_rwlock_unlock(&lib->lock);
    return st;
}

void studio_source_free(studio_source *src)
{
    free(src->text);
    src->text = NULL;
}

/* ---- listing -------------------------------------------------------------- */

typedef struct entry {
    char name[72];
    char real[PATH_MAX];
    int in_user_dir;
} entry;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
}

static int listed(const entry *list, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(list[i].name, name))
            return 1;
    return 0;
}

/* Adds the checked motifs of `dir` not already listed (MOTIF_DIR comes first
 * and so shadows the library, as it does when loading). */
static void scan(const char *dir, int in_user_dir, entry **list, size_t *n, size_t *cap)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        size_t len = strlen(e->d_name);
        char name[72], real[PATH_MAX];
        if (len <= 6 || len - 6 >= sizeof name || strcmp(e->d_name + len - 6, ".motif"))
            continue;
        memcpy(name, e->d_name, len - 6);
        name[len - 6] = '\0';
        if (!studio_name_ok(name) || listed(*list, *n, name) || find_in(dir, name, real) <= 0)
            continue;
        if (*n == *cap) {
            entry *grown = realloc(*list, (*cap = *cap ? *cap * 2 : 32) * sizeof **list);
            if (!grown)
                break;
            *list = grown;
        }
        entry *en = &(*list)[(*n)++];
        snprintf(en->name, sizeof en->name, "%s", name);
        snprintf(en->real, sizeof en->real, "%s", real);
        en->in_user_dir = in_user_dir;
    }
    if (d)
        closedir(d);
}

/* One motif's listing: its title, or the error that stops it loading. */
static void list_one(studio_library *lib, const entry *en, studio_buf *json)
{
    studio_source src = {0};
    char msg[300];
    canting_motif *m = NULL;
    canting_error err = {0};
    studio_buf_str(json, "{\"name\": ");
    studio_buf_json(json, en->name, strlen(en->name));
    studio_buf_printf(json, ", \"where\": \"%s\"", en->in_user_dir ? "folder" : "library");
    if (studio_library_read(lib, en->name, &src, msg, sizeof msg) == 0 &&
        studio_library_parse(lib, &src, &m, &err) == CANTING_OK) {
        studio_buf_str(json, ", \"title\": ");
        studio_buf_json(json, canting_motif_title(m), strlen(canting_motif_title(m)));
        studio_buf_str(json, ", \"title_id\": ");
        studio_buf_json(json, canting_motif_title_id(m), strlen(canting_motif_title_id(m)));
    } else {
        studio_buf_str(json, ", \"error\": ");
        studio_buf_json(json, err.message[0] ? err.message : msg, strlen(err.message[0] ? err.message : msg));
    }
    studio_buf_str(json, "}");
    canting_motif_free(m);
    studio_source_free(&src);
}

void studio_library_list(studio_library *lib, studio_buf *json)
{
    entry *list = NULL;
    size_t n = 0, cap = 0;
    if (lib->user_dir)
        scan(lib->user_dir, 1, &list, &n, &cap);
    for (size_t i = 0; i < lib->nlib; i++)
        scan(lib->lib_dirs[i], 0, &list, &n, &cap);
    if (n)
        qsort(list, n, sizeof *list, by_name);
    studio_buf_printf(json, "{\"motif_dir\": %s, \"motifs\": [", lib->user_dir ? "true" : "false");
    for (size_t i = 0; i < n; i++) {
        if (i)
            studio_buf_str(json, ", ");
        list_one(lib, &list[i], json);
    }
    studio_buf_str(json, "]}");
    free(list);
}

/* ---- saving ---------------------------------------------------------------- */

static int write_all(int fd, const char *text, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, text, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        text += n;
        len -= (size_t)n;
    }
    return 0;
}

/* A hidden temporary beside the target, then rename: a reader never sees a
 * half-written motif, and a failure leaves nothing behind. */
static unsigned write_atomically(const char *dir, const char *name, const char *text, size_t len, char *msg,
                                 size_t size)
{
    char tmp[PATH_MAX], target[PATH_MAX];
    int n = snprintf(tmp, sizeof tmp, "%s/.%s.motif.XXXXXX", dir, name);
    if (n <= 0 || (size_t)n >= sizeof tmp || !motif_path(target, sizeof target, dir, name)) {
        snprintf(msg, size, "the folder's path is too long");
        return 500;
    }
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(msg, size, "cannot write in the motif folder: %s", strerror(errno));
        return 500;
    }
    int ok = fchmod(fd, 0644) == 0 && write_all(fd, text, len) == 0 && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, target) != 0) {
        snprintf(msg, size, "cannot save %s.motif: %s", name, strerror(errno));
        unlink(tmp);
        return 500;
    }
    return 0;
}

unsigned studio_library_save(studio_library *lib, const char *name, const char *text, size_t len, int overwrite,
                             char *msg, size_t size)
{
    char path[PATH_MAX];
    struct stat st;
    if (!lib->user_dir) {
        snprintf(msg, size, "no motif folder to save into: start the studio as `canting studio FOLDER`");
        return 403;
    }
    if (!studio_name_ok(name) || !motif_path(path, sizeof path, lib->user_dir, name)) {
        snprintf(msg, size, "a motif name is 1 to 64 letters, digits, '-' or '_'");
        return 400;
    }
    if (lstat(path, &st) == 0) {
        if (!S_ISREG(st.st_mode)) {
            snprintf(msg, size, "%s.motif in the motif folder is not a plain file; the studio leaves it alone", name);
            return 403;
        }
        if (!overwrite) {
            snprintf(msg, size, "%s.motif already exists", name);
            return 409;
        }
    }
    unsigned status = write_atomically(lib->user_dir, name, text, len, msg, size);
    refresh_mirror(lib, 1);
    return status;
}
