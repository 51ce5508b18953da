/*
 * kmeans.c: suggesting inks for a photo or scan.
 *
 * The image's colours are first counted in a 32768-bin histogram (5 bits a
 * channel), keeping each bin's exact RGB sum, so the work after one pass
 * over the pixels depends on the number of distinct colours, not on the
 * image's size.  k-means then runs in CIELAB over the bins, weighted by
 * their pixel counts, from a k-means++ start drawn with a fixed seed: the
 * same image always gives the same inks.  An ink's colour is the mean sRGB
 * of the pixels it stands for (always in gamut, unlike a Lab mean).
 */
#include "separate/lab.h"
#include "separate/nearest.h"
#include "io/image_read.h"
#include "util/util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define BIN_BITS 5
#define NBINS (1u << (3 * BIN_BITS))
#define MAX_ROUNDS 100
#define SEED 0x243f6a8885a308d3ULL

typedef struct point {
    float lab[3];
    uint64_t count;
    uint64_t sum[3];          /* RGB sums of the pixels in the bin */
} point;

typedef struct kmeans {
    point *points;
    size_t npoints, k;
    double centre[CANTING_MAX_INKS][3];
    size_t *assigned;         /* per point: its cluster */
    uint64_t state;           /* the random generator's */
} kmeans;

/* splitmix64: small, good enough for seeding, the same everywhere. */
static double next_unit(kmeans *km)
{
    uint64_t z = (km->state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return (double)(z >> 11) / 9007199254740992.0;
}

static double dist2(const float lab[3], const double c[3])
{
    double dl = lab[0] - c[0], da = lab[1] - c[1], db = lab[2] - c[2];
    return dl * dl + da * da + db * db;
}

static canting_status histogram(const canting_image *img, kmeans *km, canting_error *err)
{
    point *bins = ct_calloc(NBINS, sizeof *bins);
    if (!bins)
        return ct_fail(err, CANTING_ENOMEM, "out of memory");
    for (uint32_t y = 0; y < img->height_px; y++) {
        const uint8_t *p = img->rgb + (size_t)y * img->stride;
        for (uint32_t x = 0; x < img->width_px; x++, p += 3) {
            point *b = &bins[(p[0] >> 3) << 10 | (p[1] >> 3) << 5 | p[2] >> 3];
            b->count++;
            for (int c = 0; c < 3; c++)
                b->sum[c] += p[c];
        }
    }
    const float *lin = ct_lab_linear_table();
    size_t n = 0;
    for (size_t i = 0; i < NBINS; i++) {
        if (!bins[i].count)
            continue;
        point *q = &bins[n++];
        *q = bins[i]; /* n - 1 <= i: compacting in place */
        uint8_t mean[3];
        for (int c = 0; c < 3; c++)
            mean[c] = (uint8_t)((q->sum[c] + q->count / 2) / q->count);
        ct_lab_from_rgb(lin, mean[0], mean[1], mean[2], q->lab);
    }
    km->points = bins;
    km->npoints = n;
    return CANTING_OK;
}

static void set_centre(kmeans *km, size_t c, const point *p)
{
    for (int d = 0; d < 3; d++)
        km->centre[c][d] = p->lab[d];
}

/* k-means++: each next centre drawn with weight count * (distance to the
 * nearest centre so far)^2; min_d2 caches that distance per point. */
static void seed_centres(kmeans *km, double *min_d2)
{
    double total = 0;
    for (size_t i = 0; i < km->npoints; i++)
        total += (double)km->points[i].count;
    for (size_t c = 0; c < km->k; c++) {
        double target = next_unit(km) * total, acc = 0;
        size_t pick = km->npoints - 1;
        for (size_t i = 0; i < km->npoints; i++) {
            acc += c == 0 ? (double)km->points[i].count : (double)km->points[i].count * min_d2[i];
            if (acc > target) {
                pick = i;
                break;
            }
        }
        set_centre(km, c, &km->points[pick]);
        total = 0;
        for (size_t i = 0; i < km->npoints; i++) {
            double d = dist2(km->points[i].lab, km->centre[c]);
            if (c == 0 || d < min_d2[i])
                min_d2[i] = d;
            total += (double)km->points[i].count * min_d2[i];
        }
        if (total <= 0)
            total = 1e-300; /* every point sits on a centre: any pick is as good */
    }
}

/* Assigns every point to its nearest centre; returns how many moved. */
static size_t assign(kmeans *km)
{
    size_t moved = 0;
    for (size_t i = 0; i < km->npoints; i++) {
        size_t best = 0;
        double bd = dist2(km->points[i].lab, km->centre[0]);
        for (size_t c = 1; c < km->k; c++) {
            double d = dist2(km->points[i].lab, km->centre[c]);
            if (d < bd) {
                bd = d;
                best = c;
            }
        }
        moved += km->assigned[i] != best;
        km->assigned[i] = best;
    }
    return moved;
}

/* A cluster left empty takes the point worst served by its own centre. */
static void refill(kmeans *km, size_t c)
{
    size_t worst = 0;
    double wd = -1;
    for (size_t i = 0; i < km->npoints; i++) {
        double d = (double)km->points[i].count * dist2(km->points[i].lab, km->centre[km->assigned[i]]);
        if (d > wd) {
            wd = d;
            worst = i;
        }
    }
    set_centre(km, c, &km->points[worst]);
    km->assigned[worst] = c;
}

static void update_centres(kmeans *km)
{
    double sum[CANTING_MAX_INKS][3] = {{0}}, weight[CANTING_MAX_INKS] = {0};
    for (size_t i = 0; i < km->npoints; i++) {
        size_t c = km->assigned[i];
        double w = (double)km->points[i].count;
        weight[c] += w;
        for (int d = 0; d < 3; d++)
            sum[c][d] += w * km->points[i].lab[d];
    }
    for (size_t c = 0; c < km->k; c++) {
        if (weight[c] > 0)
            for (int d = 0; d < 3; d++)
                km->centre[c][d] = sum[c][d] / weight[c];
        else
            refill(km, c);
    }
}

/* Mean sRGB and share of each cluster, lightest first. */
static void make_palette(const kmeans *km, uint64_t total, canting_palette *out, double *shares)
{
    uint64_t count[CANTING_MAX_INKS] = {0}, sum[CANTING_MAX_INKS][3] = {{0}};
    for (size_t i = 0; i < km->npoints; i++) {
        size_t c = km->assigned[i];
        count[c] += km->points[i].count;
        for (int d = 0; d < 3; d++)
            sum[c][d] += km->points[i].sum[d];
    }
    size_t order[CANTING_MAX_INKS], n = 0;
    for (size_t c = 0; c < km->k; c++)
        if (count[c])
            order[n++] = c;
    /* Insertion sort by L* descending; equal L* keeps cluster order. */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && km->centre[order[j]][0] > km->centre[order[j - 1]][0]; j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    memset(out, 0, sizeof *out);
    out->count = n;
    for (size_t i = 0; i < n; i++) {
        size_t c = order[i];
        for (int d = 0; d < 3; d++)
            out->rgb[i][d] = (uint8_t)((sum[c][d] + count[c] / 2) / count[c]);
        if (i == 0)
            strcpy(out->name[i], "cloth");
        else
            snprintf(out->name[i], sizeof out->name[i], "ink%zu", i);
        if (shares)
            shares[i] = (double)count[c] / (double)total;
    }
}

canting_status canting_palette_suggest(const canting_image *image, size_t k, canting_palette *out, double *shares,
                                       canting_error *err)
{
    ct_error_clear(err);
    if (!image || !out)
        return ct_fail(err, CANTING_EARG, "canting_palette_suggest: NULL argument");
    if (k < 1 || k > CANTING_MAX_INKS)
        return ct_fail(err, CANTING_ERANGE, "a palette has 1 to %d inks, not %zu", CANTING_MAX_INKS, k);
    kmeans km = {.k = k, .state = SEED};
    canting_status st = histogram(image, &km, err);
    if (st != CANTING_OK)
        return st;
    if (km.k > km.npoints)
        km.k = km.npoints;
    double *min_d2 = ct_calloc(km.npoints, sizeof *min_d2);
    km.assigned = ct_calloc(km.npoints, sizeof *km.assigned);
    if (!min_d2 || !km.assigned) {
        st = ct_fail(err, CANTING_ENOMEM, "out of memory");
    } else {
        seed_centres(&km, min_d2);
        assign(&km);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            update_centres(&km);
            if (assign(&km) == 0)
                break;
        }
        make_palette(&km, (uint64_t)image->width_px * image->height_px, out, shares);
    }
    ct_free(min_d2);
    ct_free(km.assigned);
    ct_free(km.points);
    return st;
}
