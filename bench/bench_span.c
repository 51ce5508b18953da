/*
 * bench_span.c: throughput of the span kernels beside memcpy and memset of
 * the same bytes, measured in the same run on the same buffers.
 *
 * Figures are GB/s of output written (1 GB = 1e9 bytes), best of several
 * timed rounds.  memcpy reads as many bytes as it writes, a span copy reads
 * only its (small, cached) source row, so memset is the write-only ceiling
 * a span copy could reach and memcpy the usual yardstick; the ratio column
 * is kernel / memcpy.  Nothing here is asserted: speed is reported only.
 *
 * Usage: bench_span [strip_rows]   (default 1024 rows of 29528 RGB pixels,
 * about 90 MB, well beyond L2 and most L3s)
 */
#include "repeat/layout.h"
#include "repeat/span.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define OUT_PX 29528u /* 250 cm at 300 dpi: a kain panjang's width */
#define ROUNDS 5
#define MIN_ROUND_NS 40000000.0

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Keeps the compiler from dropping stores nobody reads. */
static void clobber(void *p)
{
    __asm__ __volatile__("" : : "r"(p) : "memory");
}

/* One way of filling `rows` rows of `row_bytes` at dst. */
typedef struct job {
    const char *what;
    ct_span_copy_fn span; /* NULL for memcpy/memset/repeat */
    int kind;             /* 0 span, 1 memcpy, 2 memset, 3 ct_repeat_rows */
    unsigned threads;
} job;

typedef struct bench_case {
    const char *name;
    const uint8_t *src; /* span source row */
    size_t src_bytes;
    const uint8_t *copy_src; /* memcpy source, as big as the output */
    uint8_t *dst;
    size_t row_bytes;
    uint32_t rows;
    const ct_repeat *rep; /* for kind 3 */
} bench_case;

static void run_once(const bench_case *c, const job *j)
{
    uint32_t r;

    if (j->kind == 3) {
        ct_repeat_rows(c->rep, 0, c->rows, c->dst, c->row_bytes, (uint32_t)(c->row_bytes / 3), j->threads);
    } else {
        for (r = 0; r < c->rows; r++) {
            uint8_t *d = c->dst + (size_t)r * c->row_bytes;
            if (j->kind == 0)
                j->span(d, c->row_bytes, c->src, c->src_bytes, (size_t)r * 3 % c->src_bytes);
            else if (j->kind == 1)
                memcpy(d, c->copy_src + (size_t)r * c->row_bytes, c->row_bytes);
            else
                memset(d, (int)r, c->row_bytes);
        }
    }
    clobber(c->dst);
}

/* Best GB/s over ROUNDS rounds, each repeating the job for MIN_ROUND_NS. */
static double measure(const bench_case *c, const job *j)
{
    double bytes = (double)c->row_bytes * c->rows, best = 0.0;
    int round;

    run_once(c, j); /* warm caches and page tables */
    for (round = 0; round < ROUNDS; round++) {
        double t0 = now_ns(), t;
        long reps = 0;
        do {
            run_once(c, j);
            reps++;
            t = now_ns() - t0;
        } while (t < MIN_ROUND_NS);
        if (bytes * (double)reps / t > best)
            best = bytes * (double)reps / t; /* bytes per ns == GB/s */
    }
    return best;
}

static void print_header(const ct_span_impl *impls, size_t count)
{
    size_t i;
    printf("%-34s %9s %7s %7s", "case", "out", "memcpy", "memset");
    for (i = 0; i < count; i++)
        printf(" %7s %5s", impls[i].name, "x");
    printf("\n");
}

static void format_bytes(double bytes, char *buf, size_t size)
{
    if (bytes >= 1e6)
        snprintf(buf, size, "%.1f MB", bytes / 1e6);
    else
        snprintf(buf, size, "%.1f kB", bytes / 1e3);
}

static void bench_one(const bench_case *c, const ct_span_impl *impls, size_t count)
{
    job copy = {"memcpy", NULL, 1, 1}, set = {"memset", NULL, 2, 1};
    double base = measure(c, &copy);
    size_t i;
    char size[32];

    format_bytes((double)c->row_bytes * c->rows, size, sizeof size);
    printf("%-34s %9s %7.2f %7.2f", c->name, size, base, measure(c, &set));
    for (i = 0; i < count; i++) {
        job k = {impls[i].name, impls[i].copy, 0, 1};
        double g = measure(c, &k);
        printf(" %7.2f %5.2f", g, g / base);
    }
    printf("\n");
    fflush(stdout);
}

static uint8_t *random_bytes(size_t n, uint32_t seed)
{
    uint8_t *p = malloc(n);
    size_t i;
    if (p == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (uint8_t)(seed >> 16);
    }
    return p;
}

/* The repeat engine itself on a whole strip: single thread and all cores. */
static void bench_repeat(const bench_case *big, const uint8_t *tile, double memcpy_gbs)
{
    static const unsigned counts[] = {1, 0};
    ct_repeat *rep;
    bench_case c = *big;
    size_t i;

    if (ct_repeat_new(tile, 1024, 1024, 1024 * 3, 3, CT_LAYOUT_HALF_DROP, 0.5, &rep) != CANTING_OK) {
        printf("ct_repeat_new failed\n");
        return;
    }
    c.rep = rep;
    for (i = 0; i < 2; i++) {
        job j = {"repeat", NULL, 3, counts[i]};
        double g = measure(&c, &j);
        printf("ct_repeat_rows half-drop, threads=%-3s %9s %7.2f GB/s  (%.2f x single-thread memcpy)\n",
               counts[i] ? "1" : "all", "", g, g / memcpy_gbs);
    }
    ct_repeat_free(rep);
}

int main(int argc, char **argv)
{
    uint32_t strip_rows = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 10) : 1024;
    size_t count, row = (size_t)OUT_PX * 3, strip = row * (strip_rows ? strip_rows : 1);
    const ct_span_impl *impls = ct_span_available(&count);
    uint8_t *tile = random_bytes(1024 * 1024 * 3, 1), *copy_src = random_bytes(strip, 2), *dst = malloc(strip);
    job copy = {"memcpy", NULL, 1, 1};

    if (tile == NULL || copy_src == NULL || dst == NULL) {
        fprintf(stderr, "bench_span: out of memory\n");
        return 1;
    }
    memset(dst, 0, strip);
    {
        const bench_case cases[] = {
            {"1024-px RGB row -> 29528 px", tile, 3072, copy_src, dst, row, 1, NULL},
            {"1-px RGB (3 B) -> 29528 px", tile, 3, copy_src, dst, row, 1, NULL},
            {"7-px RGB (21 B) -> 29528 px", tile, 21, copy_src, dst, row, 1, NULL},
            {"33-px A8 (33 B) -> 29528 px", tile, 33, copy_src, dst, row, 1, NULL},
            {"100-px RGBA (400 B) -> 29528 px", tile, 400, copy_src, dst, row, 1, NULL},
            {"1024-px RGB row -> 200 px", tile, 3072, copy_src, dst, 600, 1, NULL},
            {"strip: 1024-px RGB rows", tile, 3072, copy_src, dst, row, strip_rows ? strip_rows : 1, NULL},
        };
        size_t i, n = sizeof cases / sizeof cases[0];

        printf("span copy throughput, GB/s of output (x = ratio to memcpy); best of %d rounds\n", ROUNDS);
        print_header(impls, count);
        for (i = 0; i < n; i++)
            bench_one(&cases[i], impls, count);
        bench_repeat(&cases[n - 1], tile, measure(&cases[n - 1], &copy));
    }
    free(tile);
    free(copy_src);
    free(dst);
    return 0;
}
