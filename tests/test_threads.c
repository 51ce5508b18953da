/* test_threads.c: one library, several threads.  Threads that each render
 * a different library motif at the same time (each with its own handle, as
 * canting.h allows) write the same bytes as the same renders made one after
 * the other; and the repeat engine's thread count never changes a byte.
 * make check-tsan runs this under ThreadSanitizer. */
#include "canting.h"
#include "testutil.h"

#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dir;

static void setup(void)
{
    dir = tu_tempdir();
}

static void teardown(void)
{
    tu_rmdir(dir);
}

/* What each thread renders: a motif of the library, a layout that takes
 * a different path through the renderer, and an output format. */
typedef struct job {
    const char *motif;
    const char *layout;  /* NULL: the motif's own */
    const char *ext;
    double width_mm, height_mm;
    unsigned threads;    /* for the repeat engine */
    char path[512];
    canting_status status;
    char message[600];
} job;

static const job jobs_template[] = {
    {"kawung", "p6m", "png", 160, 120, 0, "", 0, ""},
    {"ceplok", "half-drop", "png", 200, 150, 0, "", 0, ""},
    {"parang", NULL, "jpg", 150, 150, 0, "", 0, ""},
    {"lereng", "mirror", "png", 180, 100, 0, "", 0, ""},
    {"metro", NULL, "png", 1000, 600, 0, "", 0, ""},
};
#define NJOBS (sizeof jobs_template / sizeof jobs_template[0])

/* Loads the motif and renders it at a low resolution (quick under
 * valgrind and the sanitizers); the result goes into j. */
static void *render_job(void *arg)
{
    job *j = arg;
    char path[512];
    canting_error err;
    canting_motif *m = NULL;
    snprintf(path, sizeof path, "motifs/%s.motif", j->motif);
    j->status = canting_motif_load(path, NULL, &m, &err);
    if (j->status == CANTING_OK) {
        canting_render_options o;
        canting_render_options_init(&o);
        o.dpi = 20;
        o.width_mm = j->width_mm;
        o.height_mm = j->height_mm;
        o.layout = j->layout;
        o.threads = j->threads;
        j->status = canting_render_file(m, &o, j->path, &err);
    }
    if (j->status != CANTING_OK)
        canting_error_format(&err, j->message, sizeof j->message);
    canting_motif_free(m);
    return NULL;
}

static void name_output(job *j, const char *tag)
{
    snprintf(j->path, sizeof j->path, "%s/%s-%s.%s", dir, j->motif, tag, j->ext);
}

static void expect_ok(const job *j)
{
    ck_assert_msg(j->status == CANTING_OK, "%s: %s", j->motif, j->message);
}

/* The whole file, or fails the test. */
static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "%s is missing", path);
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    long size = ftell(f);
    ck_assert_int_gt(size, 0);
    rewind(f);
    uint8_t *bytes = malloc((size_t)size);
    ck_assert_ptr_nonnull(bytes);
    ck_assert_uint_eq(fread(bytes, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    *len = (size_t)size;
    return bytes;
}

static void expect_same_bytes(const char *a, const char *b)
{
    size_t la, lb;
    uint8_t *x = slurp(a, &la), *y = slurp(b, &lb);
    ck_assert_msg(la == lb && memcmp(x, y, la) == 0, "%s and %s differ", a, b);
    free(x);
    free(y);
}

START_TEST(parallel_renders_match_serial_ones)
{
    job serial[NJOBS], parallel[NJOBS];
    pthread_t ids[NJOBS];
    memcpy(serial, jobs_template, sizeof serial);
    memcpy(parallel, jobs_template, sizeof parallel);
    for (size_t i = 0; i < NJOBS; i++) {
        name_output(&serial[i], "serial");
        serial[i].threads = 1;
        render_job(&serial[i]);
        expect_ok(&serial[i]);
    }
    /* Each render also runs its own repeat threads: 2 each. */
    for (size_t i = 0; i < NJOBS; i++) {
        name_output(&parallel[i], "parallel");
        parallel[i].threads = 2;
        ck_assert_int_eq(pthread_create(&ids[i], NULL, render_job, &parallel[i]), 0);
    }
    for (size_t i = 0; i < NJOBS; i++)
        ck_assert_int_eq(pthread_join(ids[i], NULL), 0);
    for (size_t i = 0; i < NJOBS; i++) {
        expect_ok(&parallel[i]);
        expect_same_bytes(serial[i].path, parallel[i].path);
    }
}
END_TEST

/* The same job twice at once, on two handles of one motif file. */
START_TEST(one_motif_on_two_threads)
{
    job a = jobs_template[1], b = jobs_template[1];
    pthread_t ta, tb;
    name_output(&a, "a");
    name_output(&b, "b");
    ck_assert_int_eq(pthread_create(&ta, NULL, render_job, &a), 0);
    ck_assert_int_eq(pthread_create(&tb, NULL, render_job, &b), 0);
    ck_assert_int_eq(pthread_join(ta, NULL), 0);
    ck_assert_int_eq(pthread_join(tb, NULL), 0);
    expect_ok(&a);
    expect_ok(&b);
    expect_same_bytes(a.path, b.path);
}
END_TEST

START_TEST(thread_count_never_changes_the_bytes)
{
    static const unsigned counts[] = {1, 0, 3};
    for (size_t i = 0; i < NJOBS; i++) {
        job first = jobs_template[i];
        for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
            job j = jobs_template[i];
            char tag[16];
            snprintf(tag, sizeof tag, "t%u", counts[c]);
            name_output(&j, tag);
            j.threads = counts[c];
            render_job(&j);
            expect_ok(&j);
            if (c == 0)
                first = j;
            else
                expect_same_bytes(first.path, j.path);
        }
    }
}
END_TEST

int main(void)
{
    const TTest *tests[] = {
        parallel_renders_match_serial_ones,
        one_motif_on_two_threads,
        thread_count_never_changes_the_bytes,
    };
    return tu_main("threads", tests, sizeof tests / sizeof tests[0], 300, setup, teardown);
}
