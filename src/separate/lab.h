/*
 * lab.h: sRGB to CIELAB in float32, written so that the scalar reference and
 * the SIMD kernels (nearest_simd.h) do the same IEEE operations in the same
 * order and so agree bit for bit.  Private to libcanting.
 *
 * sRGB (IEC 61966-2-1) -> linear through a 256-entry table -> XYZ (D65, the
 * sRGB matrix with each row already divided by the white point) -> L*a*b*.
 * The cube root is not libm's cbrtf (whose last bit may differ between
 * libraries and has no vector twin) but three Newton steps for t^(-1/3) from
 * a bit-level first guess, multiplications only; t^(1/3) = t * (t^(-1/3))^2.
 * Over the range it sees it is within 5e-7 of the true cube root (relative),
 * a change in L* of less than 1e-4.
 */
#ifndef CANTING_LAB_H
#define CANTING_LAB_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The constants every path uses, as floats. */
#define CT_LAB_M00 0.43395276f   /* 0.4124564 / 0.95047 */
#define CT_LAB_M01 0.37621945f   /* 0.3575761 / 0.95047 */
#define CT_LAB_M02 0.18984164f   /* 0.1804375 / 0.95047 */
#define CT_LAB_M10 0.2126729f
#define CT_LAB_M11 0.7151522f
#define CT_LAB_M12 0.0721750f
#define CT_LAB_M20 0.01775639f   /* 0.0193339 / 1.08883 */
#define CT_LAB_M21 0.10946888f   /* 0.1191920 / 1.08883 */
#define CT_LAB_M22 0.87277752f   /* 0.9503041 / 1.08883 */
#define CT_LAB_EPS 0.008856452f  /* (6/29)^3: below it f(t) is linear */
#define CT_LAB_LIN_K 7.7870370f  /* 1 / (3 (6/29)^2) */
#define CT_LAB_LIN_C 0.13793103f /* 4/29 */
#define CT_LAB_THIRD (1.0f / 3.0f)
#define CT_LAB_FOUR_THIRDS (4.0f / 3.0f)
#define CT_LAB_MAGIC 0x549ac000  /* first guess of t^(-1/3) from t's bits, tuned for [EPS, 1.2] */

/* sRGB byte -> linear light, 0..1; filled once, read-only afterwards. */
const float *ct_lab_linear_table(void);

/* The cube root as every path computes it, for t > 0. */
static inline float ct_lab_cbrt(float t)
{
    int32_t i;
    float r;
    memcpy(&i, &t, sizeof i);
    i = CT_LAB_MAGIC - (int32_t)((float)i * CT_LAB_THIRD);
    memcpy(&r, &i, sizeof r);
    float t3 = t * CT_LAB_THIRD;
    r = r * (CT_LAB_FOUR_THIRDS - t3 * (r * r * r));
    r = r * (CT_LAB_FOUR_THIRDS - t3 * (r * r * r));
    r = r * (CT_LAB_FOUR_THIRDS - t3 * (r * r * r));
    return t * r * r;
}

static inline float ct_lab_f(float t)
{
    return t > CT_LAB_EPS ? ct_lab_cbrt(t) : t * CT_LAB_LIN_K + CT_LAB_LIN_C;
}

/* L*a*b* of one sRGB pixel: lab[0] = L* (0..100), lab[1] = a*, lab[2] = b*. */
static inline void ct_lab_from_rgb(const float *lin, uint8_t r8, uint8_t g8, uint8_t b8, float lab[3])
{
    float r = lin[r8], g = lin[g8], b = lin[b8];
    float fx = ct_lab_f(CT_LAB_M00 * r + CT_LAB_M01 * g + CT_LAB_M02 * b);
    float fy = ct_lab_f(CT_LAB_M10 * r + CT_LAB_M11 * g + CT_LAB_M12 * b);
    float fz = ct_lab_f(CT_LAB_M20 * r + CT_LAB_M21 * g + CT_LAB_M22 * b);
    lab[0] = 116.0f * fy - 16.0f;
    lab[1] = 500.0f * (fx - fy);
    lab[2] = 200.0f * (fy - fz);
}

/* Squared CIE 1976 colour difference (dE76 squared), in the one order of
 * operations every kernel uses. */
static inline float ct_lab_de2(float l0, float a0, float b0, float l1, float a1, float b1)
{
    float dl = l0 - l1, da = a0 - a1, db = b0 - b1;
    return dl * dl + da * da + db * db;
}

#endif
