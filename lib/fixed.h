/* Fixed-point sums: aggregates kept exact, so that the order in which
 * contributions arrive never changes a bit and the checker can recompute
 * them and compare for equality.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_FIXED_H
#define OTI_FIXED_H

#include <stdint.h>

/* A sum of non-negative reals in units of 2^-64. Intensities are at most
 * 1e6 < 2^20 and ids fewer than 2^32, so a sum stays below 2^116. */
__extension__ typedef __int128 oti_fx;

#define OTI_FX_ONE 18446744073709551616.0 /* 2^64 */

__extension__ typedef unsigned __int128 oti_ufx;

/* Truncation of x * 2^64 for x in [0, 2^63) (w * T and w always are):
 * exact for every x >= 2^-11 and deterministic always, so a recomputation
 * gives the very same integer. The whole part and the fraction's two
 * 32-bit halves, each converted exactly by a signed conversion (one
 * instruction, and no branch on the value as an unsigned one takes), give
 * the same truncation as libgcc's __fixdfti. */
static inline oti_fx oti_fx_term(double x)
{
    int64_t whole = (int64_t)x;
    double f = (x - (double)whole) * 4294967296.0; /* exact: Sterbenz, or whole = 0; then a power of 2 */
    int64_t hi = (int64_t)f;
    int64_t lo = (int64_t)((f - (double)hi) * 4294967296.0); /* exact likewise */
    return (oti_fx)((oti_ufx)(uint64_t)whole << 64 | (uint64_t)hi << 32 | (uint64_t)lo);
}

/* oti_fx_term for any x. */
static inline oti_fx oti_fx_of(double x)
{
    return x >= 0.0 && x < 9223372036854775808.0 ? oti_fx_term(x) : (oti_fx)(x * OTI_FX_ONE);
}

typedef struct oti_agg {
    oti_fx sum; /* sum of w * T */
    oti_fx w;   /* sum of w */
} oti_agg;

/* The weighted mean, or `prior` when nothing contributes. */
static inline double oti_agg_mean(const oti_agg *a, double prior)
{
    if (a->w <= 0)
        return prior;
    double v = (double)a->sum / (double)a->w;
    return v > 1.0 ? 1.0 : v; /* truncation can only push up by 1 ulp */
}

#endif
