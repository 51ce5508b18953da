/*
 * span_avx2.c: the span kernel with 32-byte AVX2 vectors.  Compiled with
 * -mavx2 only; called only when the CPU and OS support AVX2 (see span.c).
 */
#include "repeat/span.h"

#include <immintrin.h>

#define VEC __m256i
#define VL 32
#define VLOADU(p) _mm256_loadu_si256((const __m256i *)(const void *)(p))
#define VSTOREU(p, v) _mm256_storeu_si256((__m256i *)(void *)(p), (v))
#define VSTOREA(p, v) _mm256_store_si256((__m256i *)(void *)(p), (v))
#define SPAN_FN ct_span_copy_avx2

#include "repeat/span_simd.h"
