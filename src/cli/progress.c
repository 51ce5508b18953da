/* progress.c: a progress bar on stderr for long renders. */
#include "cli/cli.h"

#include <time.h>
#include <unistd.h>

typedef struct bar {
    const char *what;
    int shown;
    int last_percent;
    struct timespec start;
} bar;

static bar the_bar;

static double seconds_since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Drawn only after half a second, so quick renders stay silent. */
static void draw(void *user, uint64_t done, uint64_t total)
{
    bar *b = user;
    int percent = total ? (int)(done * 100 / total) : 100;
    double elapsed = seconds_since(&b->start);
    if (percent == b->last_percent || (elapsed < 0.5 && !b->shown))
        return;
    b->last_percent = percent;
    b->shown = 1;
    char cells[31];
    int filled = percent * 30 / 100;
    for (int i = 0; i < 30; i++)
        cells[i] = i < filled ? '#' : '.';
    cells[30] = '\0';
    double left = percent > 0 ? elapsed * (100 - percent) / percent : 0;
    fputc('\r', stderr);
    fprintf(stderr, _("%s [%s] %3d%%  %llu/%llu rows  %.0fs left "), b->what, cells, percent,
            (unsigned long long)done, (unsigned long long)total, left);
    fflush(stderr);
}

void cli_progress_start(cli_opts *o, const char *what)
{
    if (o->quiet || !isatty(2))
        return;
    the_bar = (bar){.what = what, .last_percent = -1};
    clock_gettime(CLOCK_MONOTONIC, &the_bar.start);
    o->render.progress = draw;
    o->render.progress_user = &the_bar;
}

void cli_progress_end(cli_opts *o)
{
    if (o->render.progress && the_bar.shown)
        fprintf(stderr, "\n");
}
