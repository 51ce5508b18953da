/*
 * nearest_sse2.c: the nearest-ink kernel on 4-lane SSE2 vectors.  Compiled
 * with -msse2 only; called only when the CPU has SSE2 (see nearest.c).
 */
#include <emmintrin.h>
#include <stdint.h>
#include <string.h>

#define VW 4
#define VF __m128
#define VI __m128i
#define F_SET1 _mm_set1_ps
#define F_LOADU _mm_loadu_ps
#define F_ADD _mm_add_ps
#define F_SUB _mm_sub_ps
#define F_MUL _mm_mul_ps
#define F_MIN _mm_min_ps
#define F_CMPLT _mm_cmplt_ps
#define F_CMPGT _mm_cmpgt_ps
#define F_BLEND(a, b, m) _mm_or_ps(_mm_and_ps((m), (b)), _mm_andnot_ps((m), (a)))
#define F_TO_I _mm_cvttps_epi32
#define I_TO_F _mm_cvtepi32_ps
#define F_AS_I _mm_castps_si128
#define I_AS_F _mm_castsi128_ps
#define I_SET1 _mm_set1_epi32
#define I_SUB _mm_sub_epi32
#define NEAREST_FN ct_nearest_sse2

static void store_index(uint8_t *p, __m128i v)
{
    __m128i words = _mm_packs_epi32(v, v);
    int bytes = _mm_cvtsi128_si32(_mm_packus_epi16(words, words));
    memcpy(p, &bytes, 4);
}
#define STORE_INDEX store_index

#include "separate/nearest_simd.h"
