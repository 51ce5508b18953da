/*
 * span.c: the scalar span copy, which every SIMD kernel is tested against,
 * and the one-time choice of kernel from the CPU and CANTING_DISABLE_SIMD.
 *
 * The scalar kernel is plain C on memcpy so it runs everywhere and is still
 * fast enough to be a sane fallback, not only a reference.
 */
#include "repeat/span.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Periods shorter than this are written by doubling what is already in dst:
 * a 3-byte RGB pattern would otherwise cost one memcpy call per pixel. */
#define SCALAR_SHORT_PERIOD 64

/* Doubling stops once the block reaches this many bytes; later blocks are
 * copied from the start of dst, which is still in L1. */
#define SCALAR_BLOCK 4096

/* Copies the pattern as runs straight from src: at most one wrap per run. */
static void scalar_runs(uint8_t *dst, size_t n, const uint8_t *src, size_t p, size_t start)
{
    while (n > 0) {
        size_t m = p - start < n ? p - start : n;
        memcpy(dst, src + start, m);
        dst += m;
        n -= m;
        start = 0;
    }
}

/* Writes one period, then copies dst onto itself: dst[i + k*p] == dst[i],
 * and the copied block grows while it is a whole number of periods. */
static void scalar_doubling(uint8_t *dst, size_t n, const uint8_t *src, size_t p, size_t start)
{
    size_t done = p < n ? p : n;
    size_t block;

    scalar_runs(dst, done, src, p, start);
    block = done;
    while (done < n) {
        size_t m = n - done < block ? n - done : block;
        memcpy(dst + done, dst, m); /* m <= done: no overlap */
        done += m;
        if (block < SCALAR_BLOCK)
            block = done;
    }
}

void ct_span_copy_scalar(uint8_t *dst, size_t dst_bytes, const uint8_t *src, size_t src_bytes, size_t start)
{
    /* Out-of-contract calls write nothing rather than loop or fault. */
    if (dst_bytes == 0 || src_bytes == 0)
        return;
    if (start >= src_bytes)
        start %= src_bytes;
    if (src_bytes < SCALAR_SHORT_PERIOD)
        scalar_doubling(dst, dst_bytes, src, src_bytes, start);
    else
        scalar_runs(dst, dst_bytes, src, src_bytes, start);
}

/* ---- run-time choice ------------------------------------------------------ */

static const ct_span_impl all_impls[] = {
    {"scalar", ct_span_copy_scalar},
    {"sse2", ct_span_copy_sse2},
    {"avx2", ct_span_copy_avx2},
};
static const unsigned all_bits[] = {CT_SPAN_SCALAR, CT_SPAN_SSE2, CT_SPAN_AVX2};
#define IMPL_COUNT (sizeof all_impls / sizeof all_impls[0])

/* Filled once under pthread_once, read-only afterwards. */
static ct_span_impl chosen[IMPL_COUNT];
static size_t chosen_count;
static pthread_once_t chosen_once = PTHREAD_ONCE_INIT;

unsigned ct_span_cpu_mask(void)
{
    unsigned mask = CT_SPAN_SCALAR;
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("sse2"))
        mask |= CT_SPAN_SSE2;
    /* libgcc also checks that the OS saves the YMM state (XGETBV). */
    if (__builtin_cpu_supports("avx2"))
        mask |= CT_SPAN_AVX2;
#endif
    return mask;
}

static int is_separator(char c)
{
    return c == ' ' || c == ',' || c == '\t' || c == '\n' || c == ';';
}

/* Case-insensitive match of a token of length len against a lowercase word. */
static int token_is(const char *tok, size_t len, const char *word)
{
    size_t i;

    if (strlen(word) != len)
        return 0;
    for (i = 0; i < len; i++) {
        char c = tok[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != word[i])
            return 0;
    }
    return 1;
}

static unsigned token_bits(const char *tok, size_t len)
{
    if (token_is(tok, len, "sse2"))
        return CT_SPAN_SSE2;
    if (token_is(tok, len, "avx2"))
        return CT_SPAN_AVX2;
    if (token_is(tok, len, "all"))
        return CT_SPAN_SSE2 | CT_SPAN_AVX2;
    return 0; /* unknown words: the library has nowhere to report them */
}

unsigned ct_span_select(const char *disable_list, unsigned cpu_mask)
{
    unsigned off = 0;
    const char *p = disable_list;

    while (p != NULL && *p != '\0') {
        size_t len = 0;
        while (is_separator(*p))
            p++;
        while (p[len] != '\0' && !is_separator(p[len]))
            len++;
        off |= token_bits(p, len);
        p += len;
    }
    return (cpu_mask & ~off) | CT_SPAN_SCALAR;
}

static void choose_once(void)
{
    unsigned mask = ct_span_select(getenv("CANTING_DISABLE_SIMD"), ct_span_cpu_mask());
    size_t i;

    for (i = 0; i < IMPL_COUNT; i++)
        if (mask & all_bits[i])
            chosen[chosen_count++] = all_impls[i];
}

const ct_span_impl *ct_span_available(size_t *count)
{
    pthread_once(&chosen_once, choose_once);
    if (count != NULL)
        *count = chosen_count;
    return chosen;
}

const ct_span_impl *ct_span_best(void)
{
    size_t count;
    const ct_span_impl *list = ct_span_available(&count);

    /* The table is in rising order of speed, so the last one is the best. */
    return &list[count - 1];
}
