/* studio.h: `canting studio`, a local web page for shaping motifs.  The
 * HTTP side (server.c) reads requests and hands each API call to a job on a
 * worker pool (pool.c); the jobs (jobs.c, scene.c) load the motif, render
 * into a private temporary folder and fill a studio_reply. */
#ifndef CANTING_STUDIO_H
#define CANTING_STUDIO_H

#include "canting.h"
#include "studio/buf.h"
#include "studio/form.h"
#include "studio/library.h"
#include "studio/pool.h"

#include <limits.h>
#include <stdint.h>

/* Bounds on what one request may ask for. */
#define STUDIO_MAX_BODY (256 * 1024)          /* a form body */
#define STUDIO_MAX_PREVIEW_SIDE 2048          /* px per side of a preview */
#define STUDIO_MAX_PRINT_PIXELS 400000000ull  /* a 250 x 105 cm kain panjang at 300 dpi is 366 Mpx */
#define STUDIO_MAX_CLOTH_MM 10000.0           /* ten metres a side */
#define STUDIO_MAX_DPI 600.0
#define STUDIO_MIN_DPI 10.0
#define STUDIO_CLIENTS 64                     /* tabs whose latest preview is remembered */

/* What a job hands back to the server. */
typedef struct studio_reply {
    unsigned status;
    const char *type;      /* Content-Type */
    char *body;            /* malloc'd, len bytes; or */
    size_t len;
    int fd;                /* an open, already unlinked file served whole (-1: none) */
    uint64_t fd_size;
    char filename[128];    /* nonempty: Content-Disposition: attachment */
    char applied[1024];    /* X-Canting-Applied: the parameters a render used */
    char render_info[128]; /* X-Canting-Render: pixels and dpi */
    char error[600];       /* for the access error log */
} studio_reply;

typedef struct studio_client {
    char id[33];
    unsigned long latest;
} studio_client;

typedef struct studio {
    studio_library lib;
    char tmp_dir[PATH_MAX];  /* private: renders land here, then are served and removed */
    studio_pool quick;       /* previews, checks, listings, saves */
    studio_pool heavy;       /* print-size downloads, so they never hold up previews */
    pthread_mutex_t clients_lock;
    studio_client clients[STUDIO_CLIENTS];
    size_t next_client;
} studio;

typedef void (*studio_route_fn)(studio *s, const studio_form *form, studio_reply *reply);

typedef struct studio_route {
    const char *method;
    const char *path;
    studio_route_fn run;   /* NULL: a static page asset */
    int heavy;             /* runs on the heavy pool */
} studio_route;

/* The routes (jobs.c), ending with a NULL path. */
extern const studio_route studio_routes[];

/* Replies.  studio_reply_error formats the message into a JSON body. */
void studio_reply_init(studio_reply *r);
void studio_reply_json(studio_reply *r, unsigned status, studio_buf *json);
void studio_reply_error(studio_reply *r, unsigned status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* A library failure: 400 for what the request got wrong (with line and
 * column for motif text), 500 for the rest. */
void studio_reply_canting(studio_reply *r, const canting_error *err);
/* "line L, column C: message", or the message alone. */
void studio_error_text(const canting_error *err, char *buf, size_t size);
/* Serves `path` (opened, then unlinked) as the reply. */
void studio_reply_file(studio_reply *r, const char *path, const char *type, const char *filename);
void studio_reply_clear(studio_reply *r);

/* Remembers the latest preview a page asked for ("client", "seq" fields);
 * studio_superseded says whether a newer one has arrived since. */
void studio_note_seq(studio *s, const studio_form *form);
int studio_superseded(studio *s, const studio_form *form);

/* A fresh private folder for one job's files under s->tmp_dir, and its
 * removal with everything in it. */
int studio_job_dir(studio *s, char *dir, size_t size);
void studio_remove_dir(const char *dir);

/* Runs the studio until SIGINT or SIGTERM (server.c). */
typedef struct studio_config {
    const char *motif_dir;   /* NULL: no saving */
    const char *listen;      /* an IPv4 or IPv6 address */
    unsigned port;           /* 0: any free port */
    unsigned workers;        /* preview workers; 0: one per core */
    const char *web_dir;     /* NULL: find it */
    int quiet;               /* no access error log */
} studio_config;

int studio_run(const studio_config *config);

#endif
