/* lab.c: the sRGB linearisation table, made once. */
#include "separate/lab.h"

#include <math.h>
#include <pthread.h>

static float linear[256];
static pthread_once_t linear_once = PTHREAD_ONCE_INIT;

/* In double, rounded once to float, so the table is the same on every libm
 * that rounds pow correctly to within far less than a float's ulp. */
static void fill_linear(void)
{
    for (int v = 0; v < 256; v++) {
        double c = v / 255.0;
        linear[v] = (float)(c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4));
    }
}

const float *ct_lab_linear_table(void)
{
    pthread_once(&linear_once, fill_linear);
    return linear;
}
