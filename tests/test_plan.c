/* test_plan.c: the batik stage plan.  For the bang-biru recipe, the baths
 * simulated over the wax masks give every final colour region exactly the
 * baths the recipe says, and so the proof's colours; the default recipe is
 * the light-to-dark overdye; the plan's words agree with the masks. */
#include "testutil.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* White = the cloth (waxed throughout), blue = indigo only, brown = soga
 * only, dark = indigo + soga (docs/separation.md works it through). */
static const char bang_biru[] = "motif bangbiru \"bang-biru test\"\n"
                                "param cell = 12mm\n"
                                "inks\n"
                                "  cloth #f3ead8\n"
                                "  biru  #2f4f8f\n"
                                "  soga  #9a5b2a\n"
                                "  hitam #1c1a24\n"
                                "colourway terang { biru: #4a78c8 }\n"
                                "recipe\n"
                                "  baths medel nyoga\n"
                                "  biru  = medel\n"
                                "  soga  = nyoga\n"
                                "  hitam = medel + nyoga\n"
                                "repeat cell x cell\n"
                                "draw\n"
                                "  rect width cell height cell fill biru\n"
                                "  radial 4\n"
                                "    petal at (0, cell/2) length cell*0.9 width cell*0.4 fill soga stroke hitam 0.5mm\n"
                                "  circle r cell*0.1 fill cloth\n"
                                "  circle r cell*0.06 at (cell/2, cell/2) fill hitam\n";

static const char three_inks[] = "motif plain\n"
                                 "inks\n"
                                 "  cloth #ffffff\n"
                                 "  light #e0c060\n"
                                 "  dark #402010\n"
                                 "repeat 10mm\n"
                                 "draw\n"
                                 "  circle r 4mm fill light\n"
                                 "  circle r 2mm fill dark\n";


static void read_grey(const char *name, tu_png *png)
{
    ck_assert_msg(tu_png_read(tu_scratch(name), png), "cannot read %s", name);
    ck_assert_int_eq(png->channels, 1);
}

static void plan(canting_motif *m, int bits, const char *prefix)
{
    canting_plan_options o;
    canting_plan_options_init(&o);
    o.sheets.render.dpi = 254;
    o.sheets.render.width_mm = 30;
    o.sheets.render.height_mm = 20;
    o.sheets.bits = bits;
    canting_error err;
    char buf[1024];
    ck_assert_msg(canting_plan_write(m, &o, tu_scratch(prefix), &err) == CANTING_OK, "%s",
                  canting_error_format(&err, buf, sizeof buf));
}

START_TEST(the_recipe_is_read)
{
    canting_motif *m = tu_motif(bang_biru);
    ck_assert_uint_eq(canting_motif_bath_count(m), 2);
    ck_assert_str_eq(canting_motif_bath_name(m, 0), "medel");
    ck_assert_str_eq(canting_motif_bath_name(m, 1), "nyoga");
    ck_assert_ptr_null(canting_motif_bath_name(m, 2));
    ck_assert_uint_eq(canting_motif_ink_baths(m, 0), 0);
    ck_assert_uint_eq(canting_motif_ink_baths(m, 1), 1);
    ck_assert_uint_eq(canting_motif_ink_baths(m, 2), 2);
    ck_assert_uint_eq(canting_motif_ink_baths(m, 3), 3);
    canting_motif_free(m);
    m = tu_motif(three_inks); /* no recipe: ink i takes baths 1 .. i */
    ck_assert_uint_eq(canting_motif_bath_count(m), 2);
    ck_assert_str_eq(canting_motif_bath_name(m, 1), "dark");
    ck_assert_uint_eq(canting_motif_ink_baths(m, 1), 1);
    ck_assert_uint_eq(canting_motif_ink_baths(m, 2), 3);
    canting_motif_free(m);
}
END_TEST

/* The baths a pixel takes are those whose wax mask leaves it bare; the ink
 * the recipe makes from exactly those baths must be the ink of the pixel in
 * the 1-bit partition, and where the proof shows a pure ink colour, that
 * colour.  Scrape masks are the wax of one stage less the next. */
START_TEST(bang_biru_baths_make_the_proof)
{
    canting_motif *m = tu_motif(bang_biru);
    plan(m, 1, "bb");
    canting_separate_options so;
    canting_separate_options_init(&so);
    so.render.dpi = 254;
    so.render.width_mm = 30;
    so.render.height_mm = 20;
    so.bits = 1;
    so.cloth_sheet = 1;
    ck_assert_int_eq(canting_separate_motif(m, &so, tu_scratch("sep"), NULL), CANTING_OK);
    ck_assert_int_eq(canting_render_file(m, &so.render, tu_scratch("proof.png"), NULL), CANTING_OK);
    tu_png wax[2], scrape, film[4], proof;
    read_grey("bb-1-medel-wax.png", &wax[0]);
    read_grey("bb-2-nyoga-wax.png", &wax[1]);
    read_grey("bb-2-nyoga-scrape.png", &scrape);
    ck_assert(!tu_png_read(tu_scratch("bb-1-medel-scrape.png"), &proof)); /* nothing to scrape before the first bath */
    const char *names[4] = {"sep-cloth.png", "sep-biru.png", "sep-soga.png", "sep-hitam.png"};
    for (int i = 0; i < 4; i++)
        read_grey(names[i], &film[i]);
    ck_assert(tu_png_read(tu_scratch("proof.png"), &proof));
    canting_palette p;
    ck_assert_int_eq(canting_palette_from_motif(m, &p, NULL), CANTING_OK);
    size_t n = (size_t)proof.width * proof.height, pure = 0, seen[4] = {0};
    ck_assert_uint_eq(wax[0].width, proof.width);
    for (size_t px = 0; px < n; px++) {
        uint64_t baths = 0;
        for (int b = 0; b < 2; b++)
            baths |= (uint64_t)(wax[b].pixels[px] == 255) << b;
        int made = -1, in_film = -1;
        for (int i = 0; i < 4; i++) {
            if (canting_motif_ink_baths(m, (size_t)i) == baths)
                made = i;
            if (film[i].pixels[px] == 0)
                in_film = i;
        }
        ck_assert_int_eq(made, in_film);
        seen[made]++;
        ck_assert_int_eq(scrape.pixels[px] == 0, wax[0].pixels[px] == 0 && wax[1].pixels[px] == 255);
        for (int i = 0; i < 4; i++)
            if (!memcmp(proof.pixels + 3 * px, p.rgb[i], 3)) {
                ck_assert_int_eq(made, i);
                pure++;
            }
    }
    ck_assert(pure > n / 2);
    for (int i = 0; i < 4; i++)
        ck_assert_msg(seen[i] > 100, "ink %d has %zu pixels", i, seen[i]);
    for (int i = 0; i < 4; i++)
        tu_png_free(&film[i]);
    tu_png_free(&wax[0]);
    tu_png_free(&wax[1]);
    tu_png_free(&scrape);
    tu_png_free(&proof);
    canting_motif_free(m);
}
END_TEST

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    static char text[16384];
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    return text;
}

/* "under wax now: ... 47.6% of the cloth" of stage `stage`. */
static double waxed_share(const char *text, int stage)
{
    char head[64];
    snprintf(head, sizeof head, "Stage %d, before bath", stage);
    const char *s = strstr(text, head);
    ck_assert_ptr_nonnull(s);
    s = strstr(s, "under wax now:");
    ck_assert_ptr_nonnull(s);
    const char *pct = strstr(s, "% of the cloth");
    ck_assert_ptr_nonnull(pct);
    while (pct > s && (pct[-1] == '.' || (pct[-1] >= '0' && pct[-1] <= '9')))
        pct--;
    return atof(pct);
}

static double black_share(const tu_png *png)
{
    size_t n = (size_t)png->width * png->height, sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += 255u - png->pixels[i];
    return 100.0 * (double)sum / (255.0 * (double)n);
}

START_TEST(the_plan_in_words_agrees_with_the_masks)
{
    canting_motif *m = tu_motif(bang_biru);
    plan(m, 8, "w");
    const char *text = slurp(tu_scratch("w-plan.txt"));
    ck_assert_ptr_nonnull(strstr(text, "scrape off (ngerok):       soga"));
    ck_assert_ptr_nonnull(strstr(text, "add wax (mbironi):         biru"));
    ck_assert_ptr_nonnull(strstr(text, "wax (nglowong, nembok):    cloth, soga"));
    ck_assert_ptr_nonnull(strstr(text, "hitam"));
    ck_assert_ptr_nonnull(strstr(text, "medel + nyoga"));
    ck_assert_ptr_nonnull(strstr(text, "nglorod"));
    tu_png wax;
    read_grey("w-1-medel-wax.png", &wax);
    ck_assert(fabs(waxed_share(text, 1) - black_share(&wax)) < 0.06);
    tu_png_free(&wax);
    read_grey("w-2-nyoga-wax.png", &wax);
    ck_assert(fabs(waxed_share(text, 2) - black_share(&wax)) < 0.06);
    tu_png_free(&wax);
    tu_png sheet;
    ck_assert(tu_png_read(tu_scratch("w-stages.png"), &sheet));
    ck_assert_int_eq(sheet.channels, 3);
    ck_assert(sheet.width >= 1000 && sheet.height >= 500);
    tu_png_free(&sheet);
    canting_motif_free(m);
}
END_TEST

START_TEST(default_recipe_overdyes_light_to_dark)
{
    canting_motif *m = tu_motif(three_inks);
    plan(m, 1, "d");
    tu_png wax[2], film;
    read_grey("d-1-light-wax.png", &wax[0]);
    read_grey("d-2-dark-wax.png", &wax[1]);
    ck_assert(!tu_png_read(tu_scratch("d-2-dark-scrape.png"), &film)); /* overdyeing never scrapes */
    canting_separate_options so;
    canting_separate_options_init(&so);
    so.render.dpi = 254;
    so.render.width_mm = 30;
    so.render.height_mm = 20;
    so.bits = 1;
    so.cloth_sheet = 1;
    ck_assert_int_eq(canting_separate_motif(m, &so, tu_scratch("ds"), NULL), CANTING_OK);
    const char *names[3] = {"ds-cloth.png", "ds-light.png", "ds-dark.png"};
    for (int i = 0; i < 3; i++) {
        read_grey(names[i], &film);
        size_t n = (size_t)film.width * film.height;
        for (size_t px = 0; px < n; px++) {
            if (film.pixels[px])
                continue; /* ink i here: waxed before bath b exactly when b >= i */
            ck_assert_int_eq(wax[0].pixels[px] == 0, i == 0);
            ck_assert_int_eq(wax[1].pixels[px] == 0, i <= 1);
        }
        tu_png_free(&film);
    }
    tu_png_free(&wax[0]);
    tu_png_free(&wax[1]);
    const char *text = slurp(tu_scratch("d-plan.txt"));
    ck_assert_ptr_nonnull(strstr(text, "default light-to-dark overdye"));
    ck_assert_ptr_null(strstr(text, "ngerok"));
    canting_motif_free(m);
}
END_TEST

/* A colourway changes the stage sheet's colours, never the masks. */
START_TEST(colourways_change_the_sheet_not_the_masks)
{
    canting_motif *m = tu_motif(bang_biru);
    plan(m, 8, "a");
    ck_assert_int_eq(canting_motif_set_colourway(m, "terang", NULL), CANTING_OK);
    plan(m, 8, "b");
    tu_png x, y;
    read_grey("a-2-nyoga-wax.png", &x);
    read_grey("b-2-nyoga-wax.png", &y);
    ck_assert(memcmp(x.pixels, y.pixels, (size_t)x.width * x.height) == 0);
    tu_png_free(&x);
    tu_png_free(&y);
    ck_assert(tu_png_read(tu_scratch("a-stages.png"), &x) && tu_png_read(tu_scratch("b-stages.png"), &y));
    ck_assert(x.width == y.width && memcmp(x.pixels, y.pixels, (size_t)x.width * x.height * 3) != 0);
    tu_png_free(&x);
    tu_png_free(&y);
    canting_motif_free(m);
}
END_TEST

int main(void)
{
    const TTest *tests[] = {
        the_recipe_is_read,
        bang_biru_baths_make_the_proof,
        the_plan_in_words_agrees_with_the_masks,
        default_recipe_overdyes_light_to_dark,
        colourways_change_the_sheet_not_the_masks,
    };
    return tu_main("plan", tests, sizeof tests / sizeof tests[0], 300, tu_scratch_setup, tu_scratch_teardown);
}
