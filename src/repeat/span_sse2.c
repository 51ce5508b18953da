/*
 * span_sse2.c: the span kernel with 16-byte SSE2 vectors.  Compiled with
 * -msse2 only; called only when the CPU has SSE2 (see span.c).
 */
#include "repeat/span.h"

#include <emmintrin.h>

#define VEC __m128i
#define VL 16
#define VLOADU(p) _mm_loadu_si128((const __m128i *)(const void *)(p))
#define VSTOREU(p, v) _mm_storeu_si128((__m128i *)(void *)(p), (v))
#define VSTOREA(p, v) _mm_store_si128((__m128i *)(void *)(p), (v))
#define SPAN_FN ct_span_copy_sse2

#include "repeat/span_simd.h"
