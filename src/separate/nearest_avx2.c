/*
 * nearest_avx2.c: the nearest-ink kernel on 8-lane AVX2 vectors.  Compiled
 * with -mavx2 only (no FMA: a fused multiply-add would round differently
 * from the scalar reference); called only when the CPU has AVX2.
 */
#include <immintrin.h>
#include <stdint.h>

#define VW 8
#define VF __m256
#define VI __m256i
#define F_SET1 _mm256_set1_ps
#define F_LOADU _mm256_loadu_ps
#define F_ADD _mm256_add_ps
#define F_SUB _mm256_sub_ps
#define F_MUL _mm256_mul_ps
#define F_MIN _mm256_min_ps
#define F_CMPLT(a, b) _mm256_cmp_ps((a), (b), _CMP_LT_OQ)
#define F_CMPGT(a, b) _mm256_cmp_ps((a), (b), _CMP_GT_OQ)
#define F_BLEND(a, b, m) _mm256_blendv_ps((a), (b), (m))
#define F_TO_I _mm256_cvttps_epi32
#define I_TO_F _mm256_cvtepi32_ps
#define F_AS_I _mm256_castps_si256
#define I_AS_F _mm256_castsi256_ps
#define I_SET1 _mm256_set1_epi32
#define I_SUB _mm256_sub_epi32
#define NEAREST_FN ct_nearest_avx2

static void store_index(uint8_t *p, __m256i v)
{
    __m128i words = _mm_packs_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    _mm_storel_epi64((__m128i *)(void *)p, _mm_packus_epi16(words, words));
}
#define STORE_INDEX store_index

#include "separate/nearest_simd.h"
