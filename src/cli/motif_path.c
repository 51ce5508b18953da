/* motif_path.c: finding a motif by name: $CANTING_MOTIF_PATH, the build
 * tree's motifs/ (from this program's own location), the installed library. */
#include "cli/cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef CANTING_MOTIF_DIR
#define CANTING_MOTIF_DIR "/usr/local/share/canting/motifs"
#endif

#define MAX_DIRS 16

typedef struct search_path {
    const char *dirs[MAX_DIRS + 1];
    size_t count;
    char storage[MAX_DIRS][PATH_MAX];
} search_path;

static void add_dir(search_path *sp, const char *dir)
{
    if (sp->count < MAX_DIRS && access(dir, R_OK | X_OK) == 0) {
        snprintf(sp->storage[sp->count], PATH_MAX, "%s", dir);
        sp->dirs[sp->count] = sp->storage[sp->count];
        sp->dirs[++sp->count] = NULL;
    }
}

static void add_env_dirs(search_path *sp)
{
    const char *env = getenv("CANTING_MOTIF_PATH");
    while (env && *env) {
        char dir[PATH_MAX];
        size_t n = strcspn(env, ":");
        if (n > 0 && n < sizeof dir) {
            memcpy(dir, env, n);
            dir[n] = '\0';
            add_dir(sp, dir);
        }
        env += n + (env[n] == ':');
    }
}

/* build/canting -> motifs/ of the same tree */
static void add_build_tree_dir(search_path *sp)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    char real[PATH_MAX];
    if (slash && (size_t)(slash - exe) + 12 < sizeof exe) {
        strcpy(slash, "/../motifs");
        add_dir(sp, realpath(exe, real) ? real : exe); /* messages name the plain path */
    }
}

static int is_path(const char *name)
{
    size_t n = strlen(name);
    return strchr(name, '/') || (n > 6 && strcmp(name + n - 6, ".motif") == 0);
}

static search_path the_path;

/* Built afresh on each call, so a folder made since the last is seen. */
const char *const *cli_motif_dirs(void)
{
    search_path *sp = &the_path;
    sp->count = 0;
    sp->dirs[0] = NULL;
    add_env_dirs(sp);
    add_build_tree_dir(sp);
    add_dir(sp, CANTING_MOTIF_DIR);
    return (const char *const *)sp->dirs;
}

int cli_find_motif(const char *name, char *path, canting_load_options *options)
{
    const char *const *dirs = cli_motif_dirs();
    snprintf(path, PATH_MAX, "%s", name);
    for (size_t i = 0; !is_path(name) && dirs[i]; i++) {
        snprintf(path, PATH_MAX, "%s/%s.motif", dirs[i], name);
        if (access(path, R_OK) == 0)
            break;
    }
    if (!is_path(name) && access(path, R_OK) != 0) {
        fprintf(stderr, _("canting: no motif named '%s' (looked in $CANTING_MOTIF_PATH, the build tree and %s); "
                          "give a path to a .motif file\n"),
                name, CANTING_MOTIF_DIR);
        return EXIT_FAILURE;
    }
    canting_load_options_init(options);
    options->search_dirs = dirs;
    return EXIT_SUCCESS;
}

int cli_load_motif(const char *name, canting_motif **out)
{
    char path[PATH_MAX];
    canting_load_options opts;
    canting_error err;
    *out = NULL;
    int rc = cli_find_motif(name, path, &opts);
    if (rc == EXIT_SUCCESS && canting_motif_load(path, &opts, out, &err) != CANTING_OK)
        rc = cli_report(&err);
    return rc;
}
