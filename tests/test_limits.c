/* test_limits.c: every limit on untrusted input is reached by a test and
 * refused with its own status and a message that names it; inputs that once
 * crashed canting are kept here as regression tests.  (The dimensions of
 * input images are tested in test_io.c, huge_images_are_refused_before_
 * allocation: a PNG or JPEG header claiming a huge size.) */
#include "canting.h"
#include "testutil.h"

#include <check.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *dir;

static void setup(void)
{
    dir = tu_tempdir();
}

static void teardown(void)
{
    tu_rmdir(dir);
}

static const char *in_dir(const char *name)
{
    static char path[2][512];
    static int which;
    which ^= 1;
    snprintf(path[which], sizeof path[which], "%s/%s", dir, name);
    return path[which];
}

/* ---- growing text ------------------------------------------------------------ */

typedef struct text {
    char *s;
    size_t len, cap;
} text;

static void add(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    ck_assert_int_ge(n, 0);
    while (t->len + (size_t)n + 1 > t->cap) {
        t->cap = t->cap ? 2 * t->cap : 256;
        t->s = realloc(t->s, t->cap);
        ck_assert_ptr_nonnull(t->s);
    }
    va_start(ap, fmt);
    vsnprintf(t->s + t->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

/* The header every test motif shares: two inks and a 4 cm cell. */
static void header(text *t)
{
    add(t, "motif limit \"a motif at a limit\"\ninks\n  cloth #ffffff\n  soga #8a5a2b\nrepeat 4cm x 4cm\ndraw\n");
}

static void write_file(const char *path, const char *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(bytes, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
}

/* ---- checks -------------------------------------------------------------------- */

static canting_load_options limited(void)
{
    canting_load_options o;
    canting_load_options_init(&o);
    return o;
}

/* Parses `t` and expects `want` with `words` in the message. */
static void expect_parse(const text *t, const canting_load_options *o, canting_status want, const char *words)
{
    canting_motif *m = (canting_motif *)1;
    canting_error err;
    char buf[1024];
    canting_status st = canting_motif_parse(t->s, t->len, "limit.motif", o, &m, &err);
    ck_assert_msg(st == want, "status %s, expected %s (%s)", canting_strerror(st), canting_strerror(want),
                  canting_error_format(&err, buf, sizeof buf));
    if (want == CANTING_OK) {
        canting_motif_free(m);
        return;
    }
    ck_assert_ptr_null(m);
    ck_assert_int_eq(err.status, want);
    ck_assert_msg(strstr(err.message, words), "message '%s' lacks '%s'", err.message, words);
}

/* ---- file size ------------------------------------------------------------------- */

START_TEST(file_size_limit)
{
    text t = {0};
    header(&t);
    add(&t, "  circle r 1cm fill soga\n");
    canting_load_options o = limited();
    o.limits.max_file_bytes = t.len;  /* inclusive */
    expect_parse(&t, &o, CANTING_OK, NULL);
    o.limits.max_file_bytes = t.len - 1;
    expect_parse(&t, &o, CANTING_ELIMIT, "more than the limit");
    /* A file is refused before it is read: its size is known from stat. */
    write_file(in_dir("big.motif"), t.s, t.len);
    canting_motif *m;
    canting_error err;
    ck_assert_int_eq(canting_motif_load(in_dir("big.motif"), &o, &m, &err), CANTING_ELIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "more than the limit"));
    /* The default, 1 MiB, is on without options. */
    char *huge = malloc((1u << 20) + 2);
    ck_assert_ptr_nonnull(huge);
    memset(huge, '#', (1u << 20) + 1);
    huge[(1u << 20) + 1] = '\n';
    write_file(in_dir("huge.motif"), huge, (1u << 20) + 2);
    ck_assert_int_eq(canting_motif_load(in_dir("huge.motif"), NULL, &m, &err), CANTING_ELIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "1048576"));
    ck_assert_int_eq(canting_motif_parse(huge, (1u << 20) + 2, NULL, NULL, &m, &err), CANTING_ELIMIT);
    free(huge);
    free(t.s);
}
END_TEST

/* ---- nesting -------------------------------------------------------------------- */

/* `depth` blocks, one inside the other, with a circle at the bottom. */
static void nested_blocks(text *t, int depth)
{
    header(t);
    for (int i = 0; i < depth; i++)
        add(t, "%*srotate 1deg\n", 2 * (i + 1), "");
    add(t, "%*scircle r 1cm fill soga\n", 2 * (depth + 1), "");
}

START_TEST(block_nesting_limit)
{
    canting_load_options o = limited();
    o.limits.max_nesting = 8;
    text ok = {0}, deep = {0}, deeper = {0};
    nested_blocks(&ok, 3);
    expect_parse(&ok, &o, CANTING_OK, NULL);
    nested_blocks(&deep, 12);
    expect_parse(&deep, &o, CANTING_ELIMIT, "nested too deeply (limit 8)");
    /* Far past the default (64) and past the lexer's 64 indentation levels:
     * refused, never a crash. */
    nested_blocks(&deeper, 500);
    canting_motif *m = (canting_motif *)1;
    canting_error err;
    canting_status st = canting_motif_parse(deeper.s, deeper.len, "deep.motif", NULL, &m, &err);
    ck_assert_msg(st == CANTING_ELIMIT || st == CANTING_ESYNTAX, "status %s", canting_strerror(st));
    ck_assert_ptr_nonnull(strstr(err.message, "nested too deeply"));
    ck_assert_ptr_null(m);
    free(ok.s);
    free(deep.s);
    free(deeper.s);
}
END_TEST

START_TEST(expression_nesting_limit)
{
    canting_load_options o = limited();
    o.limits.max_nesting = 16;
    text parens = {0}, negs = {0};
    header(&parens);
    add(&parens, "  circle r ");
    for (int i = 0; i < 100; i++)
        add(&parens, "(");
    add(&parens, "1cm");
    for (int i = 0; i < 100; i++)
        add(&parens, ")");
    add(&parens, " fill soga\n");
    expect_parse(&parens, &o, CANTING_ELIMIT, "nested too deeply");
    /* 100000 unary minuses with the default limit: refused, not a stack overflow. */
    header(&negs);
    add(&negs, "  circle r ");
    for (int i = 0; i < 100000; i++)
        add(&negs, "-");
    add(&negs, "1cm fill soga\n");
    expect_parse(&negs, NULL, CANTING_ELIMIT, "nested too deeply");
    free(parens.s);
    free(negs.s);
}
END_TEST

/* Regression: a 250000-term chain `1mm+0+0...` once overflowed the stack
 * (each operator deepens the tree, and evaluation recursed that deep). */
START_TEST(long_operator_chain_is_refused)
{
    text t = {0};
    add(&t, "motif chain \"x\"\nparam a = 1mm");
    for (int i = 0; i < 250000; i++)
        add(&t, "+0");
    add(&t, "\ninks\n  cloth #ffffff\n  soga #8a5a2b\nrepeat 4cm x 4cm\ndraw\n  circle r a fill soga\n");
    expect_parse(&t, NULL, CANTING_ELIMIT, "expression nested too deeply");
    /* The same chain given to canting_motif_set. */
    canting_motif *m = tu_motif("motif p\nparam a = 1mm range 0.1mm..1cm\ninks\n  cloth #ffffff\n  soga #8a5a2b\n"
                                "repeat 4cm\ndraw\n  circle r a fill soga\n");
    canting_error err;
    const char *value = strstr(t.s, "1mm+0");
    char *chain = strndup(value, (size_t)(strchr(value, '\n') - value));
    ck_assert_int_eq(canting_motif_set(m, "a", chain, &err), CANTING_ELIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "nested too deeply"));
    /* and the motif is unchanged */
    canting_param_info info;
    ck_assert_int_eq(canting_motif_param(m, 0, &info), CANTING_OK);
    ck_assert_double_eq(info.value, 1);
    free(chain);
    canting_motif_free(m);
    free(t.s);
}
END_TEST

/* `use` chains: m0 uses m1 uses m2 ...; each file draws a circle. */
static void use_chain(int length)
{
    for (int i = 0; i < length; i++) {
        char name[32], body[512];
        snprintf(name, sizeof name, "m%d.motif", i);
        if (i + 1 < length)
            snprintf(body, sizeof body, "motif m%d\ninks\n  cloth #ffffff\n  soga #8a5a2b\nrepeat 4cm\ndraw\n"
                     "  use m%d scale 0.9\n", i, i + 1);
        else
            snprintf(body, sizeof body, "motif m%d\ninks\n  cloth #ffffff\n  soga #8a5a2b\nrepeat 4cm\ndraw\n"
                     "  circle r 1cm fill soga\n", i);
        write_file(in_dir(name), body, strlen(body));
    }
}

START_TEST(use_depth_limit)
{
    canting_motif *m;
    canting_error err;
    use_chain(10);
    ck_assert_int_eq(canting_motif_load(in_dir("m0.motif"), NULL, &m, &err), CANTING_OK);
    canting_motif_free(m);
    /* `use` has a fixed depth of 32 (not max_nesting, which canting.h says
     * it should follow: see docs/robustness.md). */
    use_chain(40);
    ck_assert_int_eq(canting_motif_load(in_dir("m0.motif"), NULL, &m, &err), CANTING_ELIMIT);
    ck_assert_msg(strstr(err.message, "use each other"), "message: %s", err.message);
}
END_TEST

/* ---- elements ------------------------------------------------------------------- */

static void circles(text *t, int n)
{
    header(t);
    for (int i = 0; i < n; i++)
        add(t, "  circle r 1mm at (%dmm, 0) fill soga\n", i % 40 - 20);
}

START_TEST(element_limit)
{
    canting_load_options o = limited();
    o.limits.max_elements = 10;
    text ten = {0}, eleven = {0}, grid = {0}, radial = {0};
    circles(&ten, 10);
    expect_parse(&ten, &o, CANTING_OK, NULL);
    circles(&eleven, 11);
    expect_parse(&eleven, &o, CANTING_ELIMIT, "element limit");
    /* A grid of a million cells with the default limit (200000). */
    header(&grid);
    add(&grid, "  grid cols 1000 rows 1000 dx 0.04mm dy 0.04mm\n    circle r 0.01mm fill soga\n");
    expect_parse(&grid, NULL, CANTING_ELIMIT, "element limit");
    /* A count beyond the limit is refused before any work. */
    header(&radial);
    add(&radial, "  radial 1000000000\n    circle r 1mm at (0, 1cm) fill soga\n");
    canting_motif *m = (canting_motif *)1;
    canting_error err;
    canting_status st = canting_motif_parse(radial.s, radial.len, "r.motif", NULL, &m, &err);
    ck_assert_msg(st == CANTING_ERANGE || st == CANTING_ELIMIT, "status %s", canting_strerror(st));
    ck_assert_ptr_nonnull(strstr(err.message, "200000"));
    free(ten.s);
    free(eleven.s);
    free(grid.s);
    free(radial.s);
}
END_TEST

/* Regression: a circle of radius 10000 cm in a 4 cm cell crashed when
 * rendered (wrapping it around the cell meant millions of copies); now it
 * is refused with CANTING_ELIMIT (or rendered). */
START_TEST(shape_far_larger_than_its_cell)
{
    text t = {0};
    header(&t);
    add(&t, "  circle r 10000cm fill soga\n");
    canting_motif *m = tu_motif(t.s);
    canting_tile *tile = NULL;
    canting_error err;
    canting_status st = canting_tile_render(m, 150, &tile, &err);
    ck_assert_msg(st == CANTING_ELIMIT || st == CANTING_OK, "status %s", canting_strerror(st));
    canting_tile_free(tile);
    canting_render_options o;
    canting_render_options_init(&o);
    o.width_mm = o.height_mm = 80;
    st = canting_render_file(m, &o, in_dir("big.png"), &err);
    ck_assert_msg(st == CANTING_ELIMIT || st == CANTING_OK, "status %s", canting_strerror(st));
    if (st == CANTING_ELIMIT)
        ck_assert_int_ne(access(in_dir("big.png"), F_OK), 0);
    canting_motif_free(m);
    free(t.s);
}
END_TEST

/* ---- pixels ---------------------------------------------------------------------- */

static canting_motif *small_motif(const canting_load_options *o)
{
    static const char src[] = "motif small\ninks\n  cloth #ffffff\n  soga #8a5a2b\nrepeat 4cm\ndraw\n"
                              "  circle r 1cm fill soga\n";
    canting_motif *m = NULL;
    ck_assert_int_eq(canting_motif_parse(src, sizeof src - 1, "small.motif", o, &m, NULL), CANTING_OK);
    return m;
}

START_TEST(output_pixel_limit)
{
    /* The default takes a 270 x 150 cm cloth at 600 dpi. */
    canting_limits d;
    canting_limits_init(&d);
    uint64_t cloth = canting_mm_to_px(2700, 600) * canting_mm_to_px(1500, 600);
    ck_assert_uint_le(cloth, d.max_pixels);
    canting_render_options r;
    canting_render_options_init(&r);
    canting_error err;
    /* ... but not 4 x 4 m at 600 dpi: refused before anything is written. */
    canting_motif *m = small_motif(NULL);
    r.dpi = 600;
    r.width_mm = r.height_mm = 4000;
    ck_assert_int_eq(canting_render_file(m, &r, in_dir("out.png"), &err), CANTING_ELIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "more than the limit of 4294967296 pixels"));
    ck_assert_int_ne(access(in_dir("out.png"), F_OK), 0);
    canting_motif_free(m);
    /* The limit is settable, and inclusive: 100 x 100 px at 254 dpi is 10 mm. */
    canting_load_options o = limited();
    o.limits.max_pixels = 10000;
    m = small_motif(&o);
    r.dpi = 254;
    r.width_mm = r.height_mm = 10;
    ck_assert_int_eq(canting_render_file(m, &r, in_dir("out.png"), &err), CANTING_OK);
    r.width_mm = 10.1;
    ck_assert_int_eq(canting_render_file(m, &r, in_dir("out2.png"), &err), CANTING_ELIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "101x100 px"));
    ck_assert_int_ne(access(in_dir("out2.png"), F_OK), 0);
    canting_motif_free(m);
}
END_TEST

START_TEST(repeat_cell_pixel_limit)
{
    canting_load_options o = limited();
    o.limits.max_tile_pixels = 1000;
    canting_motif *m = small_motif(&o);
    canting_tile *tile = NULL;
    canting_error err;
    /* A 4 cm cell at 20 dpi is 31 x 31 = 961 px; at 21 dpi 33 x 33. */
    ck_assert_int_eq(canting_tile_render(m, 20, &tile, &err), CANTING_OK);
    canting_tile_free(tile);
    ck_assert_int_eq(canting_tile_render(m, 21, &tile, &err), CANTING_ELIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "33x33 px"));
    ck_assert_ptr_null(tile);
    canting_render_options r;
    canting_render_options_init(&r);
    r.dpi = 100;
    ck_assert_int_eq(canting_render_file(m, &r, in_dir("cell.png"), &err), CANTING_ELIMIT);
    canting_motif_free(m);
    /* A side past what cairo holds (32767 px), whatever the pixel limit. */
    o.limits.max_tile_pixels = UINT64_MAX;
    static const char wide[] = "motif wide\ninks\n  cloth #ffffff\n  soga #8a5a2b\nrepeat 10cm\ndraw\n"
                               "  circle r 1cm fill soga\n";
    ck_assert_int_eq(canting_motif_parse(wide, sizeof wide - 1, "wide.motif", &o, &m, NULL), CANTING_OK);
    ck_assert_int_eq(canting_tile_render(m, 10000, &tile, &err), CANTING_ELIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "a side"));
    canting_motif_free(m);
}
END_TEST

/* ---- sizes and options --------------------------------------------------------- */

START_TEST(absurd_sizes_are_refused)
{
    double w, h;
    canting_error err;
    ck_assert_int_eq(canting_parse_size("99999999x1m", 150, &w, &h, &err), CANTING_ERANGE);
    ck_assert_ptr_nonnull(strstr(err.message, "absurdly large"));
    ck_assert_int_eq(canting_parse_size("1000000000000000000000000000x1cm", 150, &w, &h, &err), CANTING_ERANGE);
    /* too many digits to be a length, exponents, hex, infinities */
    static const char *const bad[] = {"10000000000000000000000000000000000000000x1cm", "1e9x1cm", "0x10x1cm",
                                      "infxinfcm", "nanx1cm", "1x1e400cm", "..x1cm", "1.2.3x1cm"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(canting_parse_size(bad[i], 150, &w, &h, &err) != CANTING_OK, "accepted '%s'", bad[i]);
    /* Whatever slips through is stopped by the pixel limit, never by an
     * overflow: sizes past any integer, infinite and not a number. */
    canting_motif *m = small_motif(NULL);
    canting_render_options r;
    canting_render_options_init(&r);
    const double sizes[] = {1e30, HUGE_VAL, 1e7};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        r.width_mm = sizes[i];
        r.height_mm = 100;
        ck_assert_int_eq(canting_render_file(m, &r, in_dir("absurd.png"), &err), CANTING_ELIMIT);
    }
    r.width_mm = NAN;
    ck_assert_int_eq(canting_render_file(m, &r, in_dir("absurd.png"), &err), CANTING_ERANGE);
    r.width_mm = 100;
    r.dpi = 1e9;
    ck_assert_int_eq(canting_render_file(m, &r, in_dir("absurd.png"), &err), CANTING_ERANGE);
    ck_assert_int_ne(access(in_dir("absurd.png"), F_OK), 0);
    canting_motif_free(m);
}
END_TEST

/* Regression (found writing this file): the one-number form, a square,
 * returned before the size check, so "99999999999m" (a 100 000 km square)
 * was accepted. */
START_TEST(absurd_square_size_is_refused)
{
    double w, h;
    canting_error err;
    ck_assert_int_eq(canting_parse_size("99999999m", 150, &w, &h, &err), CANTING_ERANGE);
    ck_assert_ptr_nonnull(strstr(err.message, "absurdly large"));
    ck_assert_int_eq(canting_parse_size("30cm", 150, &w, &h, &err), CANTING_OK);
}
END_TEST

int main(void)
{
    const TTest *tests[] = {
        file_size_limit,
        block_nesting_limit,
        expression_nesting_limit,
        long_operator_chain_is_refused,
        use_depth_limit,
        element_limit,
        shape_far_larger_than_its_cell,
        output_pixel_limit,
        repeat_cell_pixel_limit,
        absurd_sizes_are_refused,
        absurd_square_size_is_refused,
    };
    return tu_main("limits", tests, sizeof tests / sizeof tests[0], 120, setup, teardown);
}
