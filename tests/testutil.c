/* testutil.c: helpers shared by the Check suites. */
#include "testutil.h"

#include <check.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

canting_motif *tu_motif(const char *text)
{
    canting_motif *m = NULL;
    canting_error err;
    canting_status st = canting_motif_parse(text, strlen(text), "test.motif", NULL, &m, &err);
    char buf[1024];
    ck_assert_msg(st == CANTING_OK, "motif did not load: %s", canting_error_format(&err, buf, sizeof buf));
    return m;
}

static void read_texts(png_structp png, png_infop info, tu_png *out)
{
    png_textp texts;
    int n = 0;
    png_get_text(png, info, &texts, &n);
    out->ntexts = n > 128 ? 128 : n;
    for (int i = 0; i < out->ntexts; i++) {
        snprintf(out->keys[i], sizeof out->keys[i], "%s", texts[i].key);
        snprintf(out->values[i], sizeof out->values[i], "%s", texts[i].text);
    }
}

int tu_png_read(const char *path, tu_png *out)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        fclose(f);
        free(out->pixels);
        out->pixels = NULL;
        return 0;
    }
    png_init_io(png, f);
    png_read_info(png, info);
    png_set_expand(png);
    png_set_strip_16(png);
    png_read_update_info(png, info);
    out->width = png_get_image_width(png, info);
    out->height = png_get_image_height(png, info);
    out->channels = png_get_channels(png, info);
    int unit;
    png_get_pHYs(png, info, &out->ppm_x, &out->ppm_y, &unit);
    size_t stride = (size_t)out->width * out->channels;
    out->pixels = malloc(stride * out->height);
    for (uint32_t y = 0; y < out->height; y++)
        png_read_row(png, out->pixels + y * stride, NULL);
    png_read_end(png, info);
    read_texts(png, info, out);
    png_destroy_read_struct(&png, &info, NULL);
    fclose(f);
    return 1;
}

void tu_png_free(tu_png *png)
{
    free(png->pixels);
    png->pixels = NULL;
}

const char *tu_png_text(const tu_png *png, const char *key)
{
    for (int i = 0; i < png->ntexts; i++)
        if (strcmp(png->keys[i], key) == 0)
            return png->values[i];
    return NULL;
}

char *tu_tempdir(void)
{
    char *dir = strdup("/tmp/canting-test-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    return dir;
}

void tu_rmdir(char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
    free(dir);
}

int tu_run(const char *command, char *out, size_t size)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "%s 2>&1", command);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    size_t n = fread(out, 1, size - 1, p);
    out[n] = '\0';
    int status = pclose(p);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static char *scratch;

void tu_scratch_setup(void)
{
    scratch = tu_tempdir();
}

void tu_scratch_teardown(void)
{
    tu_rmdir(scratch);
    const char *fork = getenv("CK_FORK");
    if (!fork || strcmp(fork, "no") != 0)
        canting_free_font_caches();
}

const char *tu_scratch(const char *name)
{
    static char path[4][512];
    static int turn;
    turn = (turn + 1) % 4;
    snprintf(path[turn], sizeof path[turn], "%s/%s", scratch, name);
    return path[turn];
}

int tu_main(const char *name, const TTest *const *tests, size_t count, double timeout_s, void (*setup)(void),
            void (*teardown)(void))
{
    Suite *s = suite_create(name);
    TCase *tc = tcase_create(name);
    tcase_set_timeout(tc, timeout_s);
    if (setup || teardown)
        tcase_add_checked_fixture(tc, setup, teardown);
    for (size_t i = 0; i < count; i++)
        tcase_add_test(tc, tests[i]);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    canting_free_font_caches(); /* a clean exit for leak checkers */
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
