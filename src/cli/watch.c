/* watch.c: `canting render --watch`: render, then render again whenever
 * the motif's file or a motif it uses changes, until SIGINT or SIGTERM.
 * Files are polled every 200 ms by their status (modification time, size,
 * inode), which catches an editor's save in place and its save by rename
 * alike, needs no inotify, and is cheap for the handful of files a motif
 * has. */
#include "cli/cli.h"

#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define MAX_WATCHED 64
#define POLL_NS 200000000L

typedef struct watched {
    char path[PATH_MAX];
    struct stat st;
    int exists;
} watched;

typedef struct watch_set {
    watched files[MAX_WATCHED];
    size_t count;
} watch_set;

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void take_status(watched *w)
{
    w->exists = stat(w->path, &w->st) == 0;
}

static int changed(const watched *w)
{
    struct stat now;
    int exists = stat(w->path, &now) == 0;
    if (exists != w->exists)
        return 1;
    return exists && (now.st_mtim.tv_sec != w->st.st_mtim.tv_sec || now.st_mtim.tv_nsec != w->st.st_mtim.tv_nsec ||
                      now.st_size != w->st.st_size || now.st_ino != w->st.st_ino);
}

static void watch_add(watch_set *ws, const char *path)
{
    for (size_t i = 0; i < ws->count; i++)
        if (!strcmp(ws->files[i].path, path))
            return;
    if (ws->count < MAX_WATCHED)
        snprintf(ws->files[ws->count++].path, PATH_MAX, "%s", path);
}

/* The files to watch: the motif's own and those it uses.  After a failed
 * load the last good list stays, so fixing a used file is seen too. */
static void watch_files_of(watch_set *ws, const char *main_path, const canting_motif *m)
{
    if (m) {
        ws->count = 0;
        for (size_t i = 0; i < canting_motif_file_count(m); i++)
            watch_add(ws, canting_motif_file(m, i));
    }
    watch_add(ws, main_path);
}

/* Loads and renders once; errors are printed, never fatal. */
static void render_once(const char *name, watch_set *ws, int (*render)(void *, canting_motif *), void *user)
{
    char path[PATH_MAX];
    canting_load_options lo;
    canting_motif *m = NULL;
    canting_error err;
    if (cli_find_motif(name, path, &lo) != EXIT_SUCCESS)
        return;
    /* The status is taken before reading, so an edit during the render is
     * seen on the next poll. */
    for (size_t i = 0; i < ws->count; i++)
        take_status(&ws->files[i]);
    if (canting_motif_load(path, &lo, &m, &err) != CANTING_OK)
        cli_report(&err);
    size_t before = ws->count;
    watch_files_of(ws, path, m);
    for (size_t i = m ? 0 : before; i < ws->count; i++)
        take_status(&ws->files[i]);
    if (m)
        render(user, m);
    canting_motif_free(m);
    fflush(stdout);
}

static int any_changed(const watch_set *ws)
{
    for (size_t i = 0; i < ws->count; i++)
        if (changed(&ws->files[i]))
            return 1;
    return 0;
}

int cli_watch(const char *name, int (*render)(void *user, canting_motif *m), void *user)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    watch_set *ws = calloc(1, sizeof *ws);
    if (!ws)
        return cli_fail("%s", _("out of memory"));
    render_once(name, ws, render, user);
    printf(_("watching %zu file(s) for changes; Ctrl-C stops\n"), ws->count);
    fflush(stdout);
    const struct timespec pause = {0, POLL_NS};
    while (!stop_requested) {
        nanosleep(&pause, NULL);
        if (!stop_requested && any_changed(ws))
            render_once(name, ws, render, user);
    }
    free(ws);
    return EXIT_SUCCESS;
}
