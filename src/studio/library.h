/* library.h: where the studio's motifs come from, and the only code that
 * touches MOTIF_DIR.  Names are [A-Za-z0-9_-]{1,64}; every file is checked
 * by its real path (symlinks resolved) to lie inside its folder before it is
 * read, and written only as NAME.motif inside MOTIF_DIR, atomically. */
#ifndef CANTING_STUDIO_LIBRARY_H
#define CANTING_STUDIO_LIBRARY_H

#include "canting.h"
#include "studio/buf.h"

#include <limits.h>
#include <pthread.h>
#include <time.h>

#define STUDIO_MAX_LIB_DIRS 16
#define STUDIO_MAX_SOURCE (256 * 1024)

typedef struct studio_library {
    char *user_dir;                       /* real path of MOTIF_DIR, or NULL */
    char *lib_dirs[STUDIO_MAX_LIB_DIRS];  /* real paths of the motif library's folders */
    size_t nlib;
    /* `use NAME` from a motif must not follow a link out of MOTIF_DIR, so
     * the loader searches a private folder of links to MOTIF_DIR's checked
     * files instead of MOTIF_DIR itself; rebuilt when MOTIF_DIR changes. */
    char mirror[PATH_MAX];
    struct timespec mirror_mtime;
    pthread_rwlock_t lock;                /* writers rebuild the mirror, readers load motifs */
    const char *search[STUDIO_MAX_LIB_DIRS + 2];
} studio_library;

/* One motif's text and the origin it is parsed under. */
typedef struct studio_source {
    char *text;
    size_t len;
    char origin[PATH_MAX];
    int in_user_dir;
} studio_source;

/* 1 when `name` is a motif name the studio accepts. */
int studio_name_ok(const char *name);

/* Sets up the folders (user_dir may be NULL); the mirror goes under
 * private_dir.  Returns 0, or -1 with a message. */
int studio_library_init(studio_library *lib, const char *user_dir, const char *private_dir, char *msg, size_t size);
void studio_library_free(studio_library *lib);

/* Reads motif `name` (MOTIF_DIR first, then the library).  Returns 0, or an
 * HTTP status (404 unknown, 403 outside its folder, 413 too large, 500) with
 * a message. */
unsigned studio_library_read(studio_library *lib, const char *name, studio_source *out, char *msg, size_t size);

/* The origin for motif text sent from the page under `name`: its own
 * library file when it is a library motif, else MOTIF_DIR's. */
void studio_library_origin(studio_library *lib, const char *name, studio_source *out);

/* Parses src under the studio's limits and search folders. */
canting_status studio_library_parse(studio_library *lib, const studio_source *src, canting_motif **out,
                                    canting_error *err);

/* Appends {"motif_dir": ..., "motifs": [...]} to json. */
void studio_library_list(studio_library *lib, studio_buf *json);

/* Writes MOTIF_DIR/name.motif atomically.  Returns 0 or an HTTP status:
 * 403 no MOTIF_DIR or a link there, 409 exists and !overwrite, 500. */
unsigned studio_library_save(studio_library *lib, const char *name, const char *text, size_t len, int overwrite,
                             char *msg, size_t size);

void studio_source_free(studio_source *src);

#endif
