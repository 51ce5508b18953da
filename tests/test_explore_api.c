/* test_explore_api.c: the library's side of the explorer, watch mode and
 * film sets: contact cells drawn from several threads, the files a motif
 * was read from, and separations as one PDF. */
#include "testutil.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char kawung_text[] = "motif k\n"
                                  "param cell = 20mm range 10mm..40mm\n"
                                  "inks\n  cloth #efe3c8\n  soga #8a5a2b\n  indigo #1f2a44\n"
                                  "repeat cell\n"
                                  "draw\n  radial 4\n    petal at (0, cell/2) length cell*0.9 width cell*0.4 fill soga "
                                  "stroke indigo 0.5mm\n";

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

typedef struct cell_job {
    canting_contact *sheet;
    size_t index;
    const char *cell;
    canting_status status;
} cell_job;

static void *draw_one(void *arg)
{
    cell_job *j = arg;
    canting_motif *m = tu_motif(kawung_text); /* one handle per thread */
    canting_render_options o;
    canting_render_options_init(&o);
    o.dpi = 50;
    o.threads = 1;
    canting_motif_set(m, "cell", j->cell, NULL);
    j->status = canting_contact_draw(j->sheet, j->index, m, &o, j->cell, NULL);
    canting_motif_free(m);
    return NULL;
}

/* Cells drawn on four threads at once make the same sheet as cells added
 * one after another. */
START_TEST(contact_cells_drawn_in_parallel_match_added_ones)
{
    static const char *cells[] = {"10mm", "20mm", "30mm", "40mm"};
    char *dir = tu_tempdir(), a[512], b[512];
    canting_contact *serial, *parallel;
    canting_render_options o;
    canting_render_options_init(&o);
    o.dpi = 50;
    o.threads = 1;
    ck_assert_int_eq(canting_contact_new(2, 64, "t", &serial, NULL), CANTING_OK);
    ck_assert_int_eq(canting_contact_new(2, 64, "t", &parallel, NULL), CANTING_OK);
    canting_motif *m = tu_motif(kawung_text);
    for (size_t i = 0; i < 4; i++) {
        canting_motif_set(m, "cell", cells[i], NULL);
        ck_assert_int_eq(canting_contact_add(serial, m, &o, cells[i], NULL), CANTING_OK);
    }
    canting_motif_free(m);
    ck_assert_int_eq(canting_contact_reserve(parallel, 4, NULL), CANTING_OK);
    pthread_t threads[4];
    cell_job jobs[4];
    for (size_t i = 0; i < 4; i++) {
        jobs[i] = (cell_job){parallel, 3 - i, cells[3 - i], CANTING_EARG};
        ck_assert_int_eq(pthread_create(&threads[i], NULL, draw_one, &jobs[i]), 0);
    }
    for (size_t i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        ck_assert_int_eq(jobs[i].status, CANTING_OK);
    }
    snprintf(a, sizeof a, "%s/serial.png", dir);
    snprintf(b, sizeof b, "%s/parallel.png", dir);
    ck_assert_int_eq(canting_contact_write(serial, a, NULL), CANTING_OK);
    ck_assert_int_eq(canting_contact_write(parallel, b, NULL), CANTING_OK);
    size_t la, lb;
    char *da = slurp(a, &la), *db = slurp(b, &lb);
    ck_assert(la == lb && memcmp(da, db, la) == 0);
    free(da);
    free(db);
    /* a cell beyond those reserved is refused */
    m = tu_motif(kawung_text);
    ck_assert_int_eq(canting_contact_draw(parallel, 4, m, &o, "", NULL), CANTING_EARG);
    canting_motif_free(m);
    canting_contact_free(serial);
    canting_contact_free(parallel);
    tu_rmdir(dir);
}
END_TEST

/* A motif lists its own file first, then every motif it uses, once. */
START_TEST(a_motif_lists_the_files_it_was_read_from)
{
    char *dir = tu_tempdir(), top[512], leaf[512], mid[512];
    snprintf(leaf, sizeof leaf, "%s/leaf.motif", dir);
    snprintf(mid, sizeof mid, "%s/mid.motif", dir);
    snprintf(top, sizeof top, "%s/top.motif", dir);
    write_file(leaf, "motif leaf\ninks\n  cloth #fff\n  ink #000\ndraw\n  circle r 2mm fill ink\n");
    write_file(mid, "motif mid\ninks\n  cloth #fff\n  ink #000\ndraw\n  use leaf\n  translate (3mm, 0)\n    use leaf\n");
    write_file(top, "motif top\ninks\n  cloth #fff\n  ink #000\nrepeat 1cm\ndraw\n  use mid\n  use leaf\n");
    canting_motif *m = NULL;
    canting_error err;
    ck_assert_msg(canting_motif_load(top, NULL, &m, &err) == CANTING_OK, "%s", err.message);
    ck_assert_uint_eq(canting_motif_file_count(m), 3);
    ck_assert_str_eq(canting_motif_file(m, 0), top);
    int seen_mid = 0, seen_leaf = 0;
    for (size_t i = 1; i < 3; i++) {
        seen_mid += strstr(canting_motif_file(m, i), "/mid.motif") != NULL;
        seen_leaf += strstr(canting_motif_file(m, i), "/leaf.motif") != NULL;
    }
    ck_assert(seen_mid == 1 && seen_leaf == 1);
    ck_assert_ptr_null(canting_motif_file(m, 3));
    canting_motif_free(m);
    ck_assert_uint_eq(canting_motif_file_count(NULL), 0);
    tu_rmdir(dir);
}
END_TEST

/* format PDF: one file, a page per ink, nothing else written; JPEG is refused. */
START_TEST(separations_as_a_pdf_film_set)
{
    char *dir = tu_tempdir(), prefix[512], path[512], out[4096];
    canting_motif *m = tu_motif(kawung_text);
    canting_separate_options so;
    canting_separate_options_init(&so);
    ck_assert_int_eq(so.format, CANTING_FORMAT_AUTO);
    so.render.dpi = 100;
    so.render.width_mm = so.render.height_mm = 40;
    so.format = CANTING_FORMAT_PDF;
    so.bits = 1;
    snprintf(prefix, sizeof prefix, "%s/films", dir);
    ck_assert_int_eq(canting_separate_motif(m, &so, prefix, NULL), CANTING_OK);
    snprintf(path, sizeof path, "%s/films-soga.png", dir);
    struct stat sb;
    ck_assert_int_ne(stat(path, &sb), 0);
    char command[1200];
    snprintf(command, sizeof command, "pdfinfo %s.pdf", prefix);
    ck_assert_int_eq(tu_run(command, out, sizeof out), 0);
    ck_assert_ptr_nonnull(strstr(out, "Pages:           2"));
    so.format = CANTING_FORMAT_JPEG;
    ck_assert_int_eq(canting_separate_motif(m, &so, prefix, NULL), CANTING_EARG);
    canting_motif_free(m);
    tu_rmdir(dir);
}
END_TEST

int main(void)
{
    const TTest *tests[] = {
        contact_cells_drawn_in_parallel_match_added_ones,
        a_motif_lists_the_files_it_was_read_from,
        separations_as_a_pdf_film_set,
    };
    return tu_main("explore_api", tests, sizeof tests / sizeof tests[0], 120, NULL, NULL);
}
