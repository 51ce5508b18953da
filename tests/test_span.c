/*
 * test_span.c: every span kernel this CPU runs against the scalar reference,
 * and the scalar reference against the definition, byte for byte.
 *
 * Buffers sit flush against PROT_NONE guard pages (and, elsewhere, between
 * sentinel bytes), so a kernel that reads or writes one byte too far
 * crashes or fails instead of passing by luck.  Inputs come from a seeded
 * generator, so a failure names a case that can be replayed.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */

#include "repeat/span.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

/* How this program was started, so a test can run it again in a fresh
 * process (the kernel choice is made once per process). */
static const char *self_path;

/* ---- helpers -------------------------------------------------------------- */

static uint64_t rng_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static size_t rng_below(uint64_t *state, size_t n)
{
    return (size_t)(rng_next(state) % n);
}

/* The definition, written as plainly as possible. */
static void naive_span(uint8_t *dst, size_t n, const uint8_t *src, size_t p, size_t start)
{
    size_t i;
    for (i = 0; i < n; i++)
        dst[i] = src[(start + i) % p];
}

static uint32_t crc_table[256];

static void crc_init(void)
{
    uint32_t i, k;
    for (i = 0; i < 256; i++) {
        uint32_t c = i;
        for (k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static uint32_t crc_update(uint32_t crc, const uint8_t *p, size_t n)
{
    size_t i;
    crc = ~crc;
    for (i = 0; i < n; i++)
        crc = crc_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

/* A region of `size` usable bytes between two PROT_NONE pages. */
typedef struct guarded {
    uint8_t *map;
    size_t map_size;
    uint8_t *data;
    size_t size;
} guarded;

static guarded guarded_new(size_t size)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    guarded g;
    size = (size + page - 1) / page * page;
    g.map_size = size + 2 * page;
    g.map = mmap(NULL, g.map_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ck_assert_ptr_ne(g.map, MAP_FAILED);
    ck_assert_int_eq(mprotect(g.map, page, PROT_NONE), 0);
    ck_assert_int_eq(mprotect(g.map + page + size, page, PROT_NONE), 0);
    g.data = g.map + page;
    g.size = size;
    return g;
}

static void guarded_free(guarded *g)
{
    munmap(g->map, g->map_size);
}

enum { PLACE_END, PLACE_START, PLACE_INSIDE, PLACE_COUNT };
#define MARGIN 64 /* sentinel bytes checked on each side */
#define SENTINEL 0xa5

/* Where a buffer of len bytes goes: flush against the upper guard page,
 * flush against the lower one, or inside at a misalignment of off. */
static uint8_t *place(const guarded *g, size_t len, int mode, size_t off)
{
    if (mode == PLACE_END)
        return g->data + g->size - len;
    if (mode == PLACE_START)
        return g->data;
    return g->data + MARGIN + off;
}

/* Sentinels in the bytes around [p, p+len) that lie inside the region. */
static void paint_margins(const guarded *g, uint8_t *p, size_t len)
{
    uint8_t *lo = p - g->data < MARGIN ? g->data : p - MARGIN;
    uint8_t *end = g->data + g->size;
    uint8_t *hi = (size_t)(end - (p + len)) < MARGIN ? end : p + len + MARGIN;
    memset(lo, SENTINEL, (size_t)(hi - lo));
}

static int margins_intact(const guarded *g, const uint8_t *p, size_t len)
{
    const uint8_t *lo = p - g->data < MARGIN ? g->data : p - MARGIN;
    const uint8_t *end = g->data + g->size;
    const uint8_t *hi = (size_t)(end - (p + len)) < MARGIN ? end : p + len + MARGIN;
    const uint8_t *q;
    for (q = lo; q < p; q++)
        if (*q != SENTINEL)
            return 0;
    for (q = p + len; q < hi; q++)
        if (*q != SENTINEL)
            return 0;
    return 1;
}

/* The kernel to test in a loop test: iteration i is the i-th available. */
static const ct_span_impl *kernel_at(int i)
{
    size_t count;
    const ct_span_impl *list = ct_span_available(&count);
    return (size_t)i < count ? &list[i] : NULL;
}

/* ---- one case ------------------------------------------------------------- */

typedef struct case_bufs {
    guarded src, dst;
    uint8_t *want, *ref;
    size_t max_dst;
} case_bufs;

static case_bufs bufs_new(size_t max_src, size_t max_dst)
{
    case_bufs b;
    b.src = guarded_new(max_src + 2 * MARGIN + 64);
    b.dst = guarded_new(max_dst + 2 * MARGIN + 64);
    b.want = malloc(max_dst + 1);
    b.ref = malloc(max_dst + 1);
    b.max_dst = max_dst;
    ck_assert_ptr_nonnull(b.want);
    ck_assert_ptr_nonnull(b.ref);
    return b;
}

static void bufs_free(case_bufs *b)
{
    guarded_free(&b->src);
    guarded_free(&b->dst);
    free(b->want);
    free(b->ref);
}

/* Runs kernel k on one case; fails the test with a replayable description.
 * Also checks the scalar reference against the definition. */
static void check_case(const ct_span_impl *k, case_bufs *b, uint64_t *rng, size_t p, size_t start, size_t n,
                       int mode, size_t off)
{
    uint8_t *src = place(&b->src, p, mode, off);
    uint8_t *dst = place(&b->dst, n, (mode + 1) % PLACE_COUNT, (off * 7 + 3) % 64);
    size_t i;

    for (i = 0; i < p; i++)
        src[i] = (uint8_t)rng_next(rng);
    naive_span(b->want, n, src, p, start);
    ct_span_copy_scalar(b->ref, n, src, p, start);
    if (memcmp(b->ref, b->want, n) != 0)
        ck_abort_msg("scalar differs from definition: p=%zu start=%zu n=%zu", p, start, n);
    paint_margins(&b->dst, dst, n);
    k->copy(dst, n, src, p, start);
    if (memcmp(dst, b->ref, n) != 0)
        ck_abort_msg("%s differs from scalar: p=%zu start=%zu n=%zu mode=%d off=%zu", k->name, p, start, n, mode,
                     off);
    if (!margins_intact(&b->dst, dst, n))
        ck_abort_msg("%s wrote outside dst: p=%zu start=%zu n=%zu mode=%d off=%zu", k->name, p, start, n, mode,
                     off);
}

/* Mostly short outputs, where heads and tails dominate, some long ones. */
static size_t random_length(uint64_t *rng)
{
    switch (rng_below(rng, 4)) {
    case 0:
    case 1:
        return rng_below(rng, 101);
    case 2:
        return rng_below(rng, 1001);
    default:
        return rng_below(rng, 5001);
    }
}

/* ---- tests ---------------------------------------------------------------- */

/* Every period 1..300 with every start phase, unaligned and guarded. */
START_TEST(test_short_periods)
{
    const ct_span_impl *k = kernel_at(_i);
    uint64_t rng = 0x5eed0001u + (uint64_t)_i;
    case_bufs b;
    size_t p, start;

    if (k == NULL)
        return;
    b = bufs_new(300, 5000);
    for (p = 1; p <= 300; p++)
        for (start = 0; start < p; start++)
            check_case(k, &b, &rng, p, start, random_length(&rng), (int)rng_below(&rng, PLACE_COUNT),
                       rng_below(&rng, 64));
    bufs_free(&b);
}
END_TEST

/* Every output length 0..400 for the periods around each vector size. */
START_TEST(test_every_length)
{
    static const size_t periods[] = {1,  2,  3,  4,  5,  7,  8,  15,  16,  17, 31,
                                     32, 33, 48, 63, 64, 65, 96, 127, 128, 129};
    const ct_span_impl *k = kernel_at(_i);
    uint64_t rng = 0x5eed0002u + (uint64_t)_i;
    case_bufs b;
    size_t j, n;

    if (k == NULL)
        return;
    b = bufs_new(200, 400);
    for (j = 0; j < sizeof periods / sizeof periods[0]; j++)
        for (n = 0; n <= 400; n++) {
            size_t p = periods[j];
            check_case(k, &b, &rng, p, rng_below(&rng, p), n, (int)(n % PLACE_COUNT), rng_below(&rng, 64));
        }
    bufs_free(&b);
}
END_TEST

/* Long periods: tile rows of real images, output shorter and longer. */
START_TEST(test_long_periods)
{
    static const size_t periods[] = {301, 1000, 3072, 4096, 12345, 65543};
    const ct_span_impl *k = kernel_at(_i);
    uint64_t rng = 0x5eed0003u + (uint64_t)_i;
    case_bufs b;
    size_t j, r;

    if (k == NULL)
        return;
    b = bufs_new(65543, 3 * 65543 + 100);
    for (j = 0; j < sizeof periods / sizeof periods[0]; j++) {
        size_t p = periods[j];
        size_t starts[] = {0, 1, 15, 31, p / 2, p - 33, p - 1, rng_below(&rng, p)};
        for (r = 0; r < sizeof starts / sizeof starts[0]; r++) {
            size_t lens[] = {random_length(&rng), p - starts[r], p + 1, 2 * p + rng_below(&rng, p + 1)};
            size_t l;
            for (l = 0; l < sizeof lens / sizeof lens[0]; l++)
                check_case(k, &b, &rng, p, starts[r], lens[l], (int)((r + l) % PLACE_COUNT), rng_below(&rng, 64));
        }
    }
    bufs_free(&b);
}
END_TEST

/* One CRC over thousands of seeded cases: a single golden value that pins
 * the reference down, and that every kernel must reproduce. */
#define CRC_GOLDEN 0x15bf072du
#define CRC_CASES 4000

static uint32_t crc_of_cases(ct_span_copy_fn copy)
{
    uint64_t rng = 0xc0ffee;
    uint8_t src[512], *dst = malloc(2048);
    uint32_t crc = 0;
    int c;
    size_t i;

    ck_assert_ptr_nonnull(dst);
    for (c = 0; c < CRC_CASES; c++) {
        size_t p = 1 + rng_below(&rng, c % 2 ? 64 : 512);
        size_t start = rng_below(&rng, p);
        size_t n = rng_below(&rng, 2048);
        for (i = 0; i < p; i++)
            src[i] = (uint8_t)rng_next(&rng);
        copy(dst, n, src, p, start);
        crc = crc_update(crc, dst, n);
    }
    free(dst);
    return crc;
}

static void naive_as_kernel(uint8_t *dst, size_t n, const uint8_t *src, size_t p, size_t start)
{
    naive_span(dst, n, src, p, start);
}

START_TEST(test_crc)
{
    const ct_span_impl *k = kernel_at(_i);
    uint32_t want = crc_of_cases(naive_as_kernel);
    uint32_t got;

    if (k == NULL)
        return;
    got = crc_of_cases(k->copy);
    ck_assert_msg(want == CRC_GOLDEN, "definition CRC %08x, golden %08x", (unsigned)want, (unsigned)CRC_GOLDEN);
    ck_assert_msg(got == want, "%s CRC %08x, want %08x", k->name, (unsigned)got, (unsigned)want);
}
END_TEST

/* Calls outside the contract must not loop or touch memory. */
START_TEST(test_out_of_contract)
{
    const ct_span_impl *k = kernel_at(_i);
    uint8_t src[5] = {1, 2, 3, 4, 5}, dst[40];

    if (k == NULL)
        return;
    memset(dst, 0, sizeof dst);
    k->copy(dst, sizeof dst, src, 0, 0); /* empty source: nothing written */
    k->copy(NULL, 0, NULL, 0, 0);
    ck_assert_int_eq(dst[0], 0);
    k->copy(dst, sizeof dst, src, 5, 7); /* start reduced mod 5 */
    ck_assert_int_eq(dst[0], 3);
    ck_assert_int_eq(dst[39], 2);
}
END_TEST

START_TEST(test_select)
{
    const unsigned all = CT_SPAN_SCALAR | CT_SPAN_SSE2 | CT_SPAN_AVX2;

    ck_assert_uint_eq(ct_span_select(NULL, all), all);
    ck_assert_uint_eq(ct_span_select("", all), all);
    ck_assert_uint_eq(ct_span_select("avx2", all), CT_SPAN_SCALAR | CT_SPAN_SSE2);
    ck_assert_uint_eq(ct_span_select("sse2", all), CT_SPAN_SCALAR | CT_SPAN_AVX2);
    ck_assert_uint_eq(ct_span_select("avx2 sse2", all), CT_SPAN_SCALAR);
    ck_assert_uint_eq(ct_span_select(" ,AVX2,,Sse2\t", all), CT_SPAN_SCALAR);
    ck_assert_uint_eq(ct_span_select("all", all), CT_SPAN_SCALAR);
    ck_assert_uint_eq(ct_span_select("avx", all), all); /* whole words only */
    ck_assert_uint_eq(ct_span_select("avx22", all), all);
    ck_assert_uint_eq(ct_span_select("scalar", all), all); /* never removed */
    ck_assert_uint_eq(ct_span_select("avx2", CT_SPAN_SCALAR), CT_SPAN_SCALAR);
    ck_assert_uint_eq(ct_span_select(NULL, 0), CT_SPAN_SCALAR);
}
END_TEST

START_TEST(test_available)
{
    size_t count, i, j;
    const ct_span_impl *list = ct_span_available(&count);
    unsigned mask = ct_span_select(getenv("CANTING_DISABLE_SIMD"), ct_span_cpu_mask());
    size_t want = (size_t)__builtin_popcount(mask);

    ck_assert_uint_eq(count, want);
    ck_assert_str_eq(list[0].name, "scalar");
    ck_assert_ptr_eq(ct_span_best(), &list[count - 1]);
    for (i = 0; i < count; i++) {
        ck_assert(list[i].copy != NULL);
        for (j = 0; j < i; j++)
            ck_assert_str_ne(list[i].name, list[j].name);
    }
}
END_TEST

/* Runs this program again with CANTING_DISABLE_SIMD=value and reads the
 * name of the kernel ct_span_best() picks there. */
static void best_in_child(const char *value, char *name, size_t size)
{
    int fds[2];
    pid_t pid;
    ssize_t got;
    int status;

    ck_assert_int_eq(pipe(fds), 0);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        char *args[] = {(char *)self_path, (char *)"--print-best", NULL};
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        setenv("CANTING_DISABLE_SIMD", value, 1);
        /* argv[0] first: under valgrind /proc/self/exe is valgrind's own
         * launcher, which refuses to run; /proc/self/exe covers a start
         * through PATH, where argv[0] has no folder. */
        execv(self_path, args);
        execv("/proc/self/exe", args);
        _exit(127);
    }
    close(fds[1]);
    got = read(fds[0], name, size - 1);
    close(fds[0]);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ck_assert_int_gt(got, 0);
    name[got] = '\0';
    name[strcspn(name, "\n")] = '\0';
}

static const char *highest_name(unsigned mask)
{
    return (mask & CT_SPAN_AVX2) ? "avx2" : (mask & CT_SPAN_SSE2) ? "sse2" : "scalar";
}

START_TEST(test_env_disables)
{
    static const char *values[] = {"", "avx2", "sse2", "avx2 sse2", "all", "nonsense"};
    unsigned cpu = ct_span_cpu_mask();
    char name[64];
    size_t i;

    for (i = 0; i < sizeof values / sizeof values[0]; i++) {
        best_in_child(values[i], name, sizeof name);
        ck_assert_msg(strcmp(name, highest_name(ct_span_select(values[i], cpu))) == 0,
                      "CANTING_DISABLE_SIMD=\"%s\" chose %s", values[i], name);
    }
}
END_TEST

static Suite *span_suite(void)
{
    Suite *s = suite_create("span");
    TCase *kernels = tcase_create("kernels");
    TCase *choice = tcase_create("choice");

    /* Loop tests run once per available kernel (at most three). */
    tcase_set_timeout(kernels, 600);
    tcase_add_loop_test(kernels, test_short_periods, 0, 3);
    tcase_add_loop_test(kernels, test_every_length, 0, 3);
    tcase_add_loop_test(kernels, test_long_periods, 0, 3);
    tcase_add_loop_test(kernels, test_crc, 0, 3);
    tcase_add_loop_test(kernels, test_out_of_contract, 0, 3);
    suite_add_tcase(s, kernels);
    tcase_set_timeout(choice, 60);
    tcase_add_test(choice, test_select);
    tcase_add_test(choice, test_available);
    tcase_add_test(choice, test_env_disables);
    suite_add_tcase(s, choice);
    return s;
}

int main(int argc, char **argv)
{
    SRunner *runner;
    int failed;

    if (argc == 2 && strcmp(argv[1], "--print-best") == 0) {
        puts(ct_span_best()->name);
        return 0;
    }
    self_path = argv[0];
    crc_init();
    runner = srunner_create(span_suite());
    srunner_run_all(runner, CK_NORMAL);
    failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed != 0;
}
