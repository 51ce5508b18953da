/*
 * nearest_simd.h: the body of the SIMD nearest-ink kernels, written once.
 *
 * Not an ordinary header: nearest_sse2.c and nearest_avx2.c define the
 * vector macros below and then include it, so one algorithm is compiled
 * twice with only its own instruction-set flag.  Every step mirrors
 * ct_lab_from_rgb, ct_lab_cbrt and ct_lab_de2 (lab.h) operation for
 * operation and in the same association, so the kernels agree with the
 * scalar reference bit for bit; the last n % VW pixels go through the
 * scalar kernel itself.
 *
 *   VF, VI            float and int32 vectors of VW lanes
 *   F_SET1 F_LOADU F_ADD F_SUB F_MUL F_MIN
 *   F_CMPLT F_CMPGT   all-ones lanes where a < b (a > b)
 *   F_BLEND(a, b, m)  b where m is set, else a
 *   F_TO_I            float -> int32, truncating like a C cast
 *   I_TO_F            int32 -> float, rounding like a C conversion
 *   F_AS_I I_AS_F     bit casts
 *   I_SET1 I_SUB
 *   STORE_INDEX(p, v) the VW int32 lanes (each 0..255) as VW bytes at p
 *   NEAREST_FN        the name of the kernel
 */
#if !defined(VW) || !defined(NEAREST_FN) || !defined(STORE_INDEX) || !defined(F_BLEND)
#error "define the vector macros before including nearest_simd.h"
#endif

#include "separate/lab.h"
#include "separate/nearest.h"

/* Channel c of VW pixels through the linearisation table. */
static VF linear_lanes(const float *lin, const uint8_t *p, int c)
{
    float lanes[VW];
    for (int k = 0; k < VW; k++)
        lanes[k] = lin[p[3 * k + c]];
    return F_LOADU(lanes);
}

/* ct_lab_f on every lane: both branches, then the one the scalar takes. */
static VF lab_f(VF t)
{
    VI i = F_AS_I(t);
    i = I_SUB(I_SET1(CT_LAB_MAGIC), F_TO_I(F_MUL(I_TO_F(i), F_SET1(CT_LAB_THIRD))));
    VF r = I_AS_F(i);
    VF t3 = F_MUL(t, F_SET1(CT_LAB_THIRD));
    VF four_thirds = F_SET1(CT_LAB_FOUR_THIRDS);
    for (int step = 0; step < 3; step++)
        r = F_MUL(r, F_SUB(four_thirds, F_MUL(t3, F_MUL(F_MUL(r, r), r))));
    VF root = F_MUL(F_MUL(t, r), r);
    VF linear = F_ADD(F_MUL(t, F_SET1(CT_LAB_LIN_K)), F_SET1(CT_LAB_LIN_C));
    return F_BLEND(linear, root, F_CMPGT(t, F_SET1(CT_LAB_EPS)));
}

static VF row3(VF r, VF g, VF b, float m0, float m1, float m2)
{
    return F_ADD(F_ADD(F_MUL(F_SET1(m0), r), F_MUL(F_SET1(m1), g)), F_MUL(F_SET1(m2), b));
}

static VF de2(VF l, VF a, VF b, const ct_ink_lab *inks, size_t k)
{
    VF dl = F_SUB(l, F_SET1(inks->L[k]));
    VF da = F_SUB(a, F_SET1(inks->a[k]));
    VF db = F_SUB(b, F_SET1(inks->b[k]));
    return F_ADD(F_ADD(F_MUL(dl, dl), F_MUL(da, da)), F_MUL(db, db));
}

/* VW pixels: Lab, then the ink with the least distance, ties to the lowest. */
static VI classify_lanes(const float *lin, const uint8_t *p, const ct_ink_lab *inks)
{
    VF r = linear_lanes(lin, p, 0), g = linear_lanes(lin, p, 1), b = linear_lanes(lin, p, 2);
    VF fx = lab_f(row3(r, g, b, CT_LAB_M00, CT_LAB_M01, CT_LAB_M02));
    VF fy = lab_f(row3(r, g, b, CT_LAB_M10, CT_LAB_M11, CT_LAB_M12));
    VF fz = lab_f(row3(r, g, b, CT_LAB_M20, CT_LAB_M21, CT_LAB_M22));
    VF l = F_SUB(F_MUL(F_SET1(116.0f), fy), F_SET1(16.0f));
    VF a = F_MUL(F_SET1(500.0f), F_SUB(fx, fy));
    VF bb = F_MUL(F_SET1(200.0f), F_SUB(fy, fz));
    VF best = de2(l, a, bb, inks, 0);
    VF which = F_SET1(0.0f);
    for (size_t k = 1; k < inks->count; k++) {
        VF d = de2(l, a, bb, inks, k);
        which = F_BLEND(which, F_SET1((float)k), F_CMPLT(d, best));
        best = F_MIN(d, best); /* d < best ? d : best, as the scalar keeps it */
    }
    return F_TO_I(which);
}

void NEAREST_FN(const uint8_t *rgb, size_t n, const ct_ink_lab *inks, uint8_t *index)
{
    const float *lin = ct_lab_linear_table();
    size_t i = 0;
    for (; i + VW <= n; i += VW)
        STORE_INDEX(index + i, classify_lanes(lin, rgb + 3 * i, inks));
    if (i < n)
        ct_nearest_scalar(rgb + 3 * i, n - i, inks, index + i);
}
