/*
 * span_simd.h: the body of the SIMD span kernels, written once.
 *
 * Not an ordinary header: span_sse2.c and span_avx2.c each define the
 * vector macros below and then include this file, so one algorithm is
 * compiled twice, each time with only its own instruction-set flag.
 *
 *   VEC            the vector type
 *   VL             its size in bytes (a power of two)
 *   VLOADU(p)      unaligned load from const uint8_t *p
 *   VSTOREU(p, v)  unaligned store to uint8_t *p
 *   VSTOREA(p, v)  store to uint8_t *p aligned to VL
 *   SPAN_FN        the name of the kernel to define
 *
 * Every kernel has the shape: aligned head (one unaligned vector, then
 * stores aligned to VL), vector body, and a tail that is one more unaligned
 * vector ending exactly at the last byte.  The head and tail overlap bytes
 * the body writes too, with the same values, so nothing is written twice
 * differently and no byte outside dst[0, n) is touched.
 */
#if !defined(VEC) || !defined(VL) || !defined(VLOADU) || !defined(VSTOREU) || !defined(VSTOREA) ||                \
    !defined(SPAN_FN)
#error "define the vector macros before including span_simd.h"
#endif

#include <string.h>

/* Patterns shorter than this are replicated into a small buffer first, so
 * each vector load reads VL whole bytes of pattern whatever the wrap. */
#define PATTERN_MAX (4 * VL)

/* The replicated period r (a multiple of p) is at least this long, so the
 * four-vector body wraps at most once per iteration. */
#define REP_MIN (4 * VL)

/* Room for r (< REP_MIN + PATTERN_MAX) plus the four vectors read past it. */
#define REP_CAP (REP_MIN + PATTERN_MAX + 4 * VL)

static size_t min_size(size_t a, size_t b)
{
    return a < b ? a : b;
}

/* Fewer than VL bytes: no vector fits, a byte loop is cheapest. */
static void tiny_copy(uint8_t *dst, size_t n, const uint8_t *src, size_t p, size_t start)
{
    size_t i;

    for (i = 0; i < n; i++) {
        dst[i] = src[start];
        if (++start == p)
            start = 0;
    }
}

/* Writes len bytes of the pattern from its phase `start`: one period from
 * src, then out copied onto itself in doubling blocks of whole periods. */
static void replicate(uint8_t *out, size_t len, const uint8_t *src, size_t p, size_t start)
{
    size_t head = min_size(p - start, len);
    size_t have;

    memcpy(out, src + start, head);
    memcpy(out + head, src, min_size(start, len - head));
    for (have = min_size(p, len); have < len; have += min_size(have, len - have))
        memcpy(out + have, out, min_size(have, len - have)); /* no overlap */
}

/* m >= VL contiguous bytes, like memcpy. */
static void run_copy(uint8_t *dst, const uint8_t *src, size_t m)
{
    size_t i = VL - ((uintptr_t)dst & (VL - 1)); /* first aligned offset, 1..VL */

    VSTOREU(dst, VLOADU(src));
    for (; i + 4 * VL <= m; i += 4 * VL) {
        VEC a = VLOADU(src + i);
        VEC b = VLOADU(src + i + VL);
        VEC c = VLOADU(src + i + 2 * VL);
        VEC d = VLOADU(src + i + 3 * VL);
        VSTOREA(dst + i, a);
        VSTOREA(dst + i + VL, b);
        VSTOREA(dst + i + 2 * VL, c);
        VSTOREA(dst + i + 3 * VL, d);
    }
    for (; i + VL <= m; i += VL)
        VSTOREA(dst + i, VLOADU(src + i));
    if (i < m)
        VSTOREU(dst + m - VL, VLOADU(src + m - VL));
}

/* Long periods: one run per wrap, each copied like memcpy. */
static void long_copy(uint8_t *dst, size_t n, const uint8_t *src, size_t p, size_t start)
{
    while (n > 0) {
        size_t m = min_size(p - start, n);
        if (m >= VL)
            run_copy(dst, src + start, m);
        else
            memcpy(dst, src + start, m); /* only the first or last run */
        dst += m;
        n -= m;
        start = 0;
    }
}

/* Short periods: vectors are loaded from a replicated copy of the pattern,
 * rep[o] being the pattern at phase o, and o advances modulo r. */
static void pattern_copy(uint8_t *dst, size_t n, const uint8_t *src, size_t p, size_t start)
{
    uint8_t rep[REP_CAP];
    size_t r = p * ((REP_MIN + p - 1) / p);
    size_t i, o;

    if (n <= r + 4 * VL) {
        /* Building rep would cost as much as writing dst directly. */
        replicate(dst, n, src, p, start);
        return;
    }
    replicate(rep, r + 4 * VL, src, p, start);
    VSTOREU(dst, VLOADU(rep));
    i = VL - ((uintptr_t)dst & (VL - 1));
    o = i; /* i <= VL < r */
    for (; i + 4 * VL <= n; i += 4 * VL) {
        VEC a = VLOADU(rep + o);
        VEC b = VLOADU(rep + o + VL);
        VEC c = VLOADU(rep + o + 2 * VL);
        VEC d = VLOADU(rep + o + 3 * VL);
        VSTOREA(dst + i, a);
        VSTOREA(dst + i + VL, b);
        VSTOREA(dst + i + 2 * VL, c);
        VSTOREA(dst + i + 3 * VL, d);
        o += 4 * VL;
        if (o >= r)
            o -= r; /* r >= 4 * VL, so once is enough */
    }
    for (; i + VL <= n; i += VL) {
        VSTOREA(dst + i, VLOADU(rep + o));
        o += VL;
        if (o >= r)
            o -= r;
    }
    if (i < n)
        VSTOREU(dst + n - VL, VLOADU(rep + (n - VL) % r));
}

void SPAN_FN(uint8_t *dst, size_t dst_bytes, const uint8_t *src, size_t src_bytes, size_t start)
{
    /* Out-of-contract calls write nothing rather than loop or fault. */
    if (dst_bytes == 0 || src_bytes == 0)
        return;
    if (start >= src_bytes)
        start %= src_bytes;
    if (dst_bytes < VL)
        tiny_copy(dst, dst_bytes, src, src_bytes, start);
    else if (src_bytes < PATTERN_MAX)
        pattern_copy(dst, dst_bytes, src, src_bytes, start);
    else
        long_copy(dst, dst_bytes, src, src_bytes, start);
}
