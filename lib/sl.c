/* Subjective-logic operators on binomial opinions: projection, trust
 * discounting and n-source fusion (docs/model.md section 15).
 * SPDX-License-Identifier: MIT */
#include "error.h"

#include <math.h>
#include <orgtrust.h>
#include <stdint.h>
#include <stdio.h>

/* How far b + d + u may be from 1: room for the rounding of a caller's own
 * arithmetic, far below any difference a model could mean. */
#define SL_SUM_TOLERANCE 1e-9

static int in_unit(double x) { return x >= 0.0 && x <= 1.0; } /* false for NaN */

#define NO_INDEX SIZE_MAX

/* The message names the argument `arg`, with `[index]` for an array. The
 * name is formatted only on failure: validation is on every call's path. */
static int check_opinion(const char *fn, const char *arg, size_t index, const ot_sl_opinion *w)
{
    const double v[4] = {w->b, w->d, w->u, w->a};
    static const char field[4] = {'b', 'd', 'u', 'a'};
    int bad = -1;
    for (int k = 0; k < 4 && bad < 0; k++)
        if (!in_unit(v[k]))
            bad = k;
    double sum = w->b + w->d + w->u;
    if (bad < 0 && fabs(sum - 1.0) <= SL_SUM_TOLERANCE)
        return OT_OK;
    char what[48];
    if (index == NO_INDEX)
        snprintf(what, sizeof what, "%s", arg);
    else
        snprintf(what, sizeof what, "%s[%zu]", arg, index);
    if (bad >= 0)
        return oti_fail(OT_EINVAL, "%s: %s.%c = %.17g is not a number in [0, 1]", fn, what, field[bad], v[bad]);
    return oti_fail(OT_EINVAL, "%s: %s has b + d + u = %.17g (b %.17g, d %.17g, u %.17g); it must be 1 within 1e-9",
                    fn, what, sum, w->b, w->d, w->u);
}

/* b + a u; an input within the tolerance of the simplex can put it a hair
 * above 1, and a probability is never above 1. */
static double projected(const ot_sl_opinion *w) { return fmin(w->b + w->a * w->u, 1.0); }

OT_API int ot_sl_projected(const ot_sl_opinion *w, double *p)
{
    if (!w || !p)
        return oti_fail(OT_EINVAL, "ot_sl_projected: %s is NULL", !w ? "w" : "p");
    int rc = check_opinion("ot_sl_projected", "w", NO_INDEX, w);
    if (rc != OT_OK)
        return rc;
    *p = projected(w);
    return OT_OK;
}

OT_API int ot_sl_discount(const ot_sl_opinion *trust, const ot_sl_opinion *advice, ot_sl_opinion *out)
{
    if (!trust || !advice || !out)
        return oti_fail(OT_EINVAL, "ot_sl_discount: %s is NULL", !trust ? "trust" : !advice ? "advice" : "out");
    int rc = check_opinion("ot_sl_discount", "trust", NO_INDEX, trust);
    if (rc == OT_OK)
        rc = check_opinion("ot_sl_discount", "advice", NO_INDEX, advice);
    if (rc != OT_OK)
        return rc;
    double p = projected(trust);
    ot_sl_opinion r;
    r.b = p * advice->b;
    r.d = p * advice->d;
    /* Never below 0, also for an advice whose b + d is a hair above 1. */
    r.u = fmax(1.0 - p * (advice->b + advice->d), 0.0);
    r.a = advice->a;
    *out = r;
    return OT_OK;
}

/* The three rules share one pass. Instead of the products U = prod u_k and
 * U_i = prod_{k != i} u_k of the formulas (which underflow to 0 for a few
 * hundred sources and turn every quotient into 0/0), each is divided by
 * U / u_min: U_i becomes w_i = u_min / u_i, in (0, 1], and U becomes u_min.
 * Numerators and denominators scale alike, so the quotients are the same.
 * The denominator is taken as the sum of the three numerators: for exact
 * inputs that is the formula's denominator (sum U_i - (n-1) U for CBF,
 * sum U_i for ABF, sum U_i - n U for WBF, after the division), and for an
 * input off the simplex by up to the tolerance it still gives b + d + u = 1.
 * Sums run in index order, so the result is reproducible bit for bit. */
static ot_sl_opinion fuse_uncertain(const ot_sl_opinion *ws, size_t n, int rule)
{
    double umin = 1.0;
    for (size_t i = 0; i < n; i++)
        umin = fmin(umin, ws[i].u);
    double nb = 0, nd = 0, nu = 0, na = 0, da = 0;
    for (size_t i = 0; i < n; i++) {
        const ot_sl_opinion *w = &ws[i];
        double wi = umin / w->u;
        double c = 1.0 - w->u; /* the source's confidence */
        switch (rule) {
        case OT_FUSE_CUMULATIVE:
            nb += w->b * wi;
            nd += w->d * wi;
            na += w->a * c * wi;
            da += c * wi;
            break;
        case OT_FUSE_AVERAGING:
            nb += w->b * wi;
            nd += w->d * wi;
            nu += umin;
            na += w->a;
            break;
        default: /* OT_FUSE_WEIGHTED */
            nb += w->b * c * wi;
            nd += w->d * c * wi;
            nu += c * umin;
            na += w->a * c;
            da += c;
            break;
        }
    }
    if (rule == OT_FUSE_CUMULATIVE)
        nu = umin;
    if (rule == OT_FUSE_AVERAGING)
        da = (double)n;
    double den = nb + nd + nu;
    ot_sl_opinion r = {nb / den, nd / den, nu / den, na / da};
    return r;
}

/* At least one u_i = 0: the dogmatic sources outweigh every other, so b and
 * d are their equal-weight mean (normalised so that b + d = 1). */
static ot_sl_opinion fuse_dogmatic(const ot_sl_opinion *ws, size_t n, int rule)
{
    double sb = 0, sd = 0, sa = 0, sc = 0, sac = 0, all_a = 0;
    for (size_t i = 0; i < n; i++) {
        const ot_sl_opinion *w = &ws[i];
        double c = 1.0 - w->u;
        all_a += w->a;
        sac += w->a * c;
        sc += c;
        if (w->u == 0.0) {
            sb += w->b;
            sd += w->d;
            sa += w->a;
        }
    }
    ot_sl_opinion r = {sb / (sb + sd), sd / (sb + sd), 0.0, 0.0};
    if (rule == OT_FUSE_CUMULATIVE) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            k += ws[i].u == 0.0;
        r.a = sa / (double)k;
    } else if (rule == OT_FUSE_AVERAGING) {
        r.a = all_a / (double)n;
    } else {
        r.a = sac / sc; /* sc >= 1: a dogmatic source has confidence 1 */
    }
    return r;
}

OT_API int ot_sl_fuse(const ot_sl_opinion *ws, size_t n, int rule, ot_sl_opinion *out)
{
    static const char fn[] = "ot_sl_fuse";
    if (!out)
        return oti_fail(OT_EINVAL, "%s: out is NULL", fn);
    if (rule != OT_FUSE_CUMULATIVE && rule != OT_FUSE_AVERAGING && rule != OT_FUSE_WEIGHTED)
        return oti_fail(OT_EINVAL, "%s: rule = %d is not a fusion rule (OT_FUSE_CUMULATIVE 1, OT_FUSE_AVERAGING 2, "
                                   "OT_FUSE_WEIGHTED 3)", fn, rule);
    if (n == 0)
        return oti_fail(OT_EINVAL, "%s: n = 0; fusion needs at least one opinion", fn);
    if (!ws)
        return oti_fail(OT_EINVAL, "%s: ws is NULL with n = %zu", fn, n);
    size_t dogmatic = 0, vacuous = 0;
    for (size_t i = 0; i < n; i++) {
        int rc = check_opinion(fn, "ws", i, &ws[i]);
        if (rc != OT_OK)
            return rc;
        dogmatic += ws[i].u == 0.0;
        vacuous += ws[i].u == 1.0;
    }
    ot_sl_opinion r;
    if (n == 1) {
        r = ws[0];
    } else if (dogmatic > 0) {
        r = fuse_dogmatic(ws, n, rule);
    } else if (vacuous == n) {
        double sa = 0;
        for (size_t i = 0; i < n; i++)
            sa += ws[i].a;
        r = (ot_sl_opinion){0.0, 0.0, 1.0, sa / (double)n};
    } else {
        r = fuse_uncertain(ws, n, rule);
    }
    *out = r;
    return OT_OK;
}
