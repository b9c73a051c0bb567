/* lib/sl.c: the subjective-logic operators of docs/model.md section 15.
 *
 * Expected values come from published worked examples where we could find
 * them (cited at each test) and are always worked out again by hand from the
 * formulas, exactly (as fractions) where the numbers allow. Opinions are
 * written (b, d, u, a). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ot_sl_opinion op(double b, double d, double u, double a)
{
    ot_sl_opinion w = {b, d, u, a};
    return w;
}

static ot_sl_opinion fused(const ot_sl_opinion *ws, size_t n, int rule)
{
    ot_sl_opinion r = op(-1, -1, -1, -1);
    ck_ok(ot_sl_fuse(ws, n, rule, &r));
    return r;
}

static ot_sl_opinion discounted(ot_sl_opinion trust, ot_sl_opinion advice)
{
    ot_sl_opinion r = op(-1, -1, -1, -1);
    ck_ok(ot_sl_discount(&trust, &advice, &r));
    return r;
}

static const int RULES[] = {OT_FUSE_CUMULATIVE, OT_FUSE_AVERAGING, OT_FUSE_WEIGHTED};

/* ---- projection and discounting ------------------------------------ */

START_TEST(projected_probability_is_belief_plus_base_rate_share_of_uncertainty)
{
    double p = -1;
    /* 0.2 + 0.75 * 0.4 = 0.5 */
    ot_sl_opinion w = op(0.2, 0.4, 0.4, 0.75);
    ck_ok(ot_sl_projected(&w, &p));
    ck_near(p, 0.5, 1e-15);
    /* The vacuous opinion projects to its base rate; a dogmatic one to b. */
    w = op(0, 0, 1, 0.3);
    ck_ok(ot_sl_projected(&w, &p));
    ck_near(p, 0.3, 0);
    w = op(0.8, 0.2, 0, 0.9);
    ck_ok(ot_sl_projected(&w, &p));
    ck_near(p, 0.8, 0);
}
END_TEST

/* Jøsang, Ivanovska & Muller (2015), "Trust revision for conflicting
 * sources", Proc. FUSION 2015: analyst A gets dogmatic advice about X from
 * three sources C1, C2, C3 (base rate of X 0.1) whom A trusts (base rate of
 * trust 0.9). Probability-sensitive discounting (Jøsang 2016, section
 * 14.3.2): b = P(trust) b_adv, d = P(trust) d_adv, u = 1 - P(trust)(b + d). */
START_TEST(discounting_scales_advice_by_the_projected_trust)
{
    /* C1: trust (0.3, 0, 0.7, 0.9): P = 0.3 + 0.9 * 0.7 = 0.93; advice
     * (1, 0, 0, 0.1) -> (0.93, 0, 0.07, 0.1). */
    ck_opinion(discounted(op(0.3, 0, 0.7, 0.9), op(1, 0, 0, 0.1)), 0.93, 0, 0.07, 0.1, 1e-15);
    /* C2: trust (0.7, 0, 0.3, 0.9): P = 0.7 + 0.27 = 0.97; advice (0, 1, 0)
     * -> (0, 0.97, 0.03, 0.1). */
    ck_opinion(discounted(op(0.7, 0, 0.3, 0.9), op(0, 1, 0, 0.1)), 0, 0.97, 0.03, 0.1, 1e-15);
    /* C3: trust (0.4, 0.1, 0.5, 0.9): P = 0.4 + 0.45 = 0.85 -> (0.85, 0, 0.15, 0.1). */
    ck_opinion(discounted(op(0.4, 0.1, 0.5, 0.9), op(1, 0, 0, 0.1)), 0.85, 0, 0.15, 0.1, 1e-15);
    /* An uncertain advice: trust (0.2, 0.4, 0.4, 0.75) has P = 0.5 (above);
     * advice (0.6, 0.2, 0.2, 0.3) -> (0.3, 0.1, 1 - 0.5 * 0.8 = 0.6, 0.3). */
    ck_opinion(discounted(op(0.2, 0.4, 0.4, 0.75), op(0.6, 0.2, 0.2, 0.3)), 0.3, 0.1, 0.6, 0.3, 1e-15);
}
END_TEST

START_TEST(discounting_at_the_corners_of_trust)
{
    ot_sl_opinion advice = op(0.6, 0.1, 0.3, 0.4);
    /* Full trust (P = 1) takes the advice as it is (u as 1 - 0.7). */
    ck_opinion(discounted(op(1, 0, 0, 0.5), advice), 0.6, 0.1, 0.3, 0.4, 1e-15);
    /* Full distrust (P = 0) leaves A knowing nothing: vacuous, the advice's
     * base rate kept. */
    ck_opinion(discounted(op(0, 1, 0, 0.5), advice), 0, 0, 1, 0.4, 0);
    /* Trust never heard of (vacuous, base rate 0.5): P = 0.5 halves b and
     * d: (0.3, 0.05, 1 - 0.5 * 0.7 = 0.65). */
    ck_opinion(discounted(op(0, 0, 1, 0.5), advice), 0.3, 0.05, 0.65, 0.4, 1e-15);
    /* The output may be the input. */
    ot_sl_opinion t = op(0, 0, 1, 0.5);
    ck_ok(ot_sl_discount(&t, &advice, &advice));
    ck_opinion(advice, 0.3, 0.05, 0.65, 0.4, 1e-15);
}
END_TEST

/* ---- fusion: published examples ------------------------------------- */

/* The same example of Jøsang, Ivanovska & Muller (2015): the three discounted
 * opinions (0.93, 0, 0.07), (0, 0.97, 0.03), (0.85, 0, 0.15), base rate 0.1,
 * fused without trust revision. The paper's table gives, to two decimals,
 * CBF (0.36, 0.62, 0.02) and ABF (0.35, 0.60, 0.05) (the same figures are
 * in the tests of the C++ subjective_logic_lib, which cite that table).
 * Exactly, with U_i = prod_{k != i} u_k: U_1 = 0.03 * 0.15 = 0.0045,
 * U_2 = 0.07 * 0.15 = 0.0105, U_3 = 0.07 * 0.03 = 0.0021, sum 0.0171,
 * U = 0.000315.
 *   CBF: denominator 0.0171 - 2 * 0.000315 = 0.01647;
 *        b = (0.93 * 0.0045 + 0.85 * 0.0021) / 0.01647 = 0.00597 / 0.01647
 *          = 3.98 / 10.98; d = 0.97 * 0.0105 / 0.01647 = 6.79 / 10.98;
 *        u = 0.000315 / 0.01647 = 0.21 / 10.98; a = 0.1.
 *   ABF: denominator 0.0171; b = 0.00597 / 0.0171 = 3.98 / 11.4,
 *        d = 0.0101850 / 0.0171 = 6.79 / 11.4, u = 3 * 0.000315 / 0.0171
 *          = 0.63 / 11.4. */
START_TEST(fusion_of_three_conflicting_advisors)
{
    ot_sl_opinion ws[3];
    ws[0] = discounted(op(0.3, 0, 0.7, 0.9), op(1, 0, 0, 0.1));
    ws[1] = discounted(op(0.7, 0, 0.3, 0.9), op(0, 1, 0, 0.1));
    ws[2] = discounted(op(0.4, 0.1, 0.5, 0.9), op(1, 0, 0, 0.1));
    ot_sl_opinion c = fused(ws, 3, OT_FUSE_CUMULATIVE);
    ck_opinion(c, 3.98 / 10.98, 6.79 / 10.98, 0.21 / 10.98, 0.1, 1e-14);
    ck_opinion(c, 0.36, 0.62, 0.02, 0.1, 0.005); /* the paper's rounding */
    ot_sl_opinion a = fused(ws, 3, OT_FUSE_AVERAGING);
    ck_opinion(a, 3.98 / 11.4, 6.79 / 11.4, 0.63 / 11.4, 0.1, 1e-14);
    ck_opinion(a, 0.35, 0.60, 0.05, 0.1, 0.0055);
}
END_TEST

/* Three sources (0.1, 0.3, 0.6), (0.4, 0.2, 0.4), (0.7, 0.1, 0.2): the
 * three-source example the C++ subjective_logic_lib tests against Jøsang's
 * multi-source fusion (Jøsang, Wang & Zhang 2017, "Multi-source fusion in
 * subjective logic", Proc. FUSION 2017), with CBF b = 0.6511628,
 * d = 0.20930232 and ABF b = 0.5090909, d = 0.16363636. We could not read
 * the original table here, so every value is worked out below; base rates
 * 0.2, 0.5, 0.8 are ours, to tell the base-rate formulas apart.
 * U_i = (0.4 * 0.2, 0.6 * 0.2, 0.6 * 0.4) = (0.08, 0.12, 0.24), sum 0.44,
 * U = 0.048; confidences 1 - u_i = (0.4, 0.6, 0.8).
 *   CBF: den = 0.44 - 2 * 0.048 = 0.344; b = (0.008 + 0.048 + 0.168) / 0.344
 *        = 0.224 / 0.344 = 28/43; d = (0.024 + 0.024 + 0.024) / 0.344 = 9/43;
 *        u = 0.048 / 0.344 = 6/43;
 *        a = (0.2 * 0.032 + 0.5 * 0.072 + 0.8 * 0.192) / 0.296 = 0.196 / 0.296
 *          = 49/74.
 *   ABF: b = 0.224 / 0.44 = 28/55, d = 0.072 / 0.44 = 9/55,
 *        u = 3 * 0.048 / 0.44 = 18/55, a = (0.2 + 0.5 + 0.8) / 3 = 0.5.
 *   WBF: den = 0.44 - 3 * 0.048 = 0.296;
 *        b = (0.1 * 0.4 * 0.08 + 0.4 * 0.6 * 0.12 + 0.7 * 0.8 * 0.24) / 0.296
 *          = 0.1664 / 0.296 = 104/185;
 *        d = (0.3 * 0.4 * 0.08 + 0.2 * 0.6 * 0.12 + 0.1 * 0.8 * 0.24) / 0.296
 *          = 0.0432 / 0.296 = 27/185;
 *        u = (3 - 1.2) * 0.048 / 0.296 = 0.0864 / 0.296 = 54/185;
 *        a = (0.2 * 0.4 + 0.5 * 0.6 + 0.8 * 0.8) / 1.8 = 1.02 / 1.8 = 17/30. */
START_TEST(three_sources_by_each_rule)
{
    ot_sl_opinion ws[3] = {op(0.1, 0.3, 0.6, 0.2), op(0.4, 0.2, 0.4, 0.5), op(0.7, 0.1, 0.2, 0.8)};
    ot_sl_opinion c = fused(ws, 3, OT_FUSE_CUMULATIVE);
    ck_opinion(c, 28.0 / 43, 9.0 / 43, 6.0 / 43, 49.0 / 74, 1e-14);
    ck_near(c.b, 0.6511628, 1e-7);
    ck_near(c.d, 0.20930232, 1e-8);
    ot_sl_opinion a = fused(ws, 3, OT_FUSE_AVERAGING);
    ck_opinion(a, 28.0 / 55, 9.0 / 55, 18.0 / 55, 0.5, 1e-14);
    ck_near(a.b, 0.5090909, 1e-7);
    ck_near(a.d, 0.16363636, 1e-8);
    ck_opinion(fused(ws, 3, OT_FUSE_WEIGHTED), 104.0 / 185, 27.0 / 185, 54.0 / 185, 17.0 / 30, 1e-14);
}
END_TEST

/* Cumulative fusion adds evidence (Jøsang 2016, section 12.3): with the
 * mapping of section 3.5 (W = 2), r positive and s negative observations
 * give (r, s, 2) / (r + s + 2). (3, 1) -> (1/2, 1/6, 1/3) and (1, 1) ->
 * (1/4, 1/4, 1/2) fuse to the opinion of (4, 2): (1/2, 1/4, 1/4). Averaging
 * fusion averages it (section 12.4): (2, 1) -> (2/5, 1/5, 2/5). */
START_TEST(cumulative_fusion_adds_evidence_and_averaging_averages_it)
{
    ot_sl_opinion ws[2] = {op(0.5, 1.0 / 6, 1.0 / 3, 0.5), op(0.25, 0.25, 0.5, 0.5)};
    ck_opinion(fused(ws, 2, OT_FUSE_CUMULATIVE), 0.5, 0.25, 0.25, 0.5, 1e-15);
    ck_opinion(fused(ws, 2, OT_FUSE_AVERAGING), 0.4, 0.2, 0.4, 0.5, 1e-15);
}
END_TEST

/* Two thousand identical sources: the products of the formulas (0.5^2000)
 * are far below the smallest double, yet the result is exact. Each source
 * (0.3, 0.2, 0.5) is the evidence r = 2 * 0.3 / 0.5 = 1.2, s = 0.8, so CBF
 * holds r = 2400, s = 1600: (2400, 1600, 2) / 4002. Averaging or weighting
 * identical opinions gives the opinion itself. */
START_TEST(many_sources_neither_underflow_nor_overflow)
{
    enum { N = 2000 };
    static ot_sl_opinion ws[N];
    for (size_t i = 0; i < N; i++)
        ws[i] = op(0.3, 0.2, 0.5, 0.6);
    ck_opinion(fused(ws, N, OT_FUSE_CUMULATIVE), 2400.0 / 4002, 1600.0 / 4002, 2.0 / 4002, 0.6, 1e-12);
    ck_opinion(fused(ws, N, OT_FUSE_AVERAGING), 0.3, 0.2, 0.5, 0.6, 1e-12);
    ck_opinion(fused(ws, N, OT_FUSE_WEIGHTED), 0.3, 0.2, 0.5, 0.6, 1e-12);
    /* One source all but dogmatic among them carries the day, continuously:
     * u = 1e-300 against 2000 sources with u = 0.5 gives weights 1e-300/0.5
     * each, so b stays 0.9 to within 2000 * 2e-300 * 0.3. */
    ws[7] = op(0.9, 0.1 - 1e-300, 1e-300, 0.6);
    ot_sl_opinion c = fused(ws, N, OT_FUSE_CUMULATIVE);
    ck_near(c.b, 0.9, 1e-15);
    ck_near(c.u, 0.0, 1e-290);
}
END_TEST

/* ---- fusion: dogmatic and vacuous sources ------------------------------ */

/* docs/model.md section 15: with dogmatic sources b and d are their
 * equal-weight mean and u = 0; the base rate is their mean for CBF, and the
 * rule's own formula over all sources for ABF and WBF.
 * Sources (1, 0, 0, 0.2), (0, 1, 0, 0.6), (0.5, 0.2, 0.3, 0.9):
 *   b = d = (1 + 0) / 2 = 0.5, u = 0;
 *   CBF a = (0.2 + 0.6) / 2 = 0.4;
 *   ABF a = (0.2 + 0.6 + 0.9) / 3 = 1.7 / 3;
 *   WBF a = (0.2 * 1 + 0.6 * 1 + 0.9 * 0.7) / (3 - 0.3) = 1.43 / 2.7. */
START_TEST(dogmatic_sources_outweigh_the_rest)
{
    ot_sl_opinion ws[3] = {op(1, 0, 0, 0.2), op(0, 1, 0, 0.6), op(0.5, 0.2, 0.3, 0.9)};
    ck_opinion(fused(ws, 3, OT_FUSE_CUMULATIVE), 0.5, 0.5, 0, 0.4, 1e-15);
    ck_opinion(fused(ws, 3, OT_FUSE_AVERAGING), 0.5, 0.5, 0, 1.7 / 3, 1e-15);
    ck_opinion(fused(ws, 3, OT_FUSE_WEIGHTED), 0.5, 0.5, 0, 1.43 / 2.7, 1e-15);
    /* One dogmatic source among uncertain ones: its b and d. */
    ot_sl_opinion one[2] = {op(0.2, 0.3, 0.5, 0.5), op(0.7, 0.3, 0, 0.1)};
    for (size_t r = 0; r < 3; r++) {
        ot_sl_opinion f = fused(one, 2, RULES[r]);
        ck_near(f.b, 0.7, 1e-15);
        ck_near(f.d, 0.3, 1e-15);
        ck_near(f.u, 0, 0);
    }
}
END_TEST

/* The dogmatic rule is the limit of the general one (Jøsang 2016, section
 * 12.3, relative dogmatism of equal weight): two sources (1 - e, 0, e) and
 * (0, 1 - e, e) fuse to (1 - e, 1 - e, e) / (2 - e) by CBF (w_i = 1 each:
 * b = (1 - e) / (2 - 2e + e)), which tends to (0.5, 0.5, 0). */
START_TEST(dogmatic_rule_is_the_limit_of_the_general_one)
{
    for (double e = 1e-3; e > 1e-15; e /= 10) {
        ot_sl_opinion ws[2] = {op(1 - e, 0, e, 0.5), op(0, 1 - e, e, 0.5)};
        ot_sl_opinion f = fused(ws, 2, OT_FUSE_CUMULATIVE);
        ck_near(f.b, (1 - e) / (2 - e), 1e-15);
        ck_near(f.u, e / (2 - e), 1e-15);
        ck_near(f.b, 0.5, e);
    }
    ot_sl_opinion dog[2] = {op(1, 0, 0, 0.5), op(0, 1, 0, 0.5)};
    ck_opinion(fused(dog, 2, OT_FUSE_CUMULATIVE), 0.5, 0.5, 0, 0.5, 0);
}
END_TEST

/* All sources vacuous: the vacuous opinion with the mean base rate,
 * (0.2 + 0.6) / 2 = 0.4, by every rule. A vacuous source beside an
 * informative one: CBF and WBF ignore it (it has no evidence and no
 * confidence); ABF averages it in: (0.5, 0.2, 0.3) and (0, 0, 1) have
 * U_i = (1, 0.3), so b = 0.5 / 1.3, d = 0.2 / 1.3, u = 2 * 0.3 / 1.3. */
START_TEST(vacuous_sources)
{
    ot_sl_opinion none[2] = {op(0, 0, 1, 0.2), op(0, 0, 1, 0.6)};
    for (size_t r = 0; r < 3; r++)
        ck_opinion(fused(none, 2, RULES[r]), 0, 0, 1, 0.4, 1e-15);
    ot_sl_opinion ws[2] = {op(0.5, 0.2, 0.3, 0.7), op(0, 0, 1, 0.1)};
    ck_opinion(fused(ws, 2, OT_FUSE_CUMULATIVE), 0.5, 0.2, 0.3, 0.7, 1e-15);
    ck_opinion(fused(ws, 2, OT_FUSE_WEIGHTED), 0.5, 0.2, 0.3, 0.7, 1e-15);
    ck_opinion(fused(ws, 2, OT_FUSE_AVERAGING), 0.5 / 1.3, 0.2 / 1.3, 0.6 / 1.3, 0.4, 1e-15);
}
END_TEST

/* One opinion is returned as given, bit for bit, by every rule, also one a
 * hair off the simplex but within the tolerance. */
START_TEST(one_source_is_returned_as_given)
{
    const ot_sl_opinion cases[] = {op(0.1, 0.2, 0.7, 0.3), op(1, 0, 0, 0.9), op(0, 0, 1, 0.25),
                                   op(0.5, 0.5 + 5e-10, 0, 0.5)};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
        for (size_t r = 0; r < 3; r++) {
            ot_sl_opinion f = fused(&cases[c], 1, RULES[r]);
            ck_assert(memcmp(&f, &cases[c], sizeof f) == 0);
        }
}
END_TEST

/* ---- fusion: invariants -------------------------------------------- */

static uint64_t rng_state;
static double uniform(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

/* A random opinion; sometimes on an edge (dogmatic, vacuous, no belief). */
static ot_sl_opinion random_opinion(void)
{
    double shape = uniform();
    double u = shape < 0.1 ? 0.0 : shape < 0.2 ? 1.0 : uniform();
    double b = (1 - u) * (shape < 0.3 ? 0.0 : uniform());
    return op(b, 1 - u - b, u, uniform());
}

/* Results are opinions; the order of the sources does not matter; CBF is
 * associative (fusing a fusion again gives the n-source result) and never
 * more uncertain than its most certain source. */
START_TEST(fusion_invariants_over_random_sources)
{
    rng_state = 20261203u + (uint64_t)_i;
    for (int round = 0; round < 500; round++) {
        ot_sl_opinion ws[8], rev[8];
        size_t n = 2 + (size_t)(uniform() * 7);
        double umin = 1;
        for (size_t i = 0; i < n; i++) {
            ws[i] = random_opinion();
            umin = fmin(umin, ws[i].u);
        }
        for (size_t i = 0; i < n; i++)
            rev[i] = ws[n - 1 - i];
        for (size_t r = 0; r < 3; r++) {
            ot_sl_opinion f = fused(ws, n, RULES[r]);
            ot_sl_opinion g = fused(rev, n, RULES[r]);
            const double *fc = &f.b;
            for (int k = 0; k < 4; k++)
                ck_assert_msg(fc[k] >= 0 && fc[k] <= 1, "rule %d component %d = %g", RULES[r], k, fc[k]);
            ck_near(f.b + f.d + f.u, 1.0, 1e-12);
            ck_opinion(g, f.b, f.d, f.u, f.a, 1e-12);
            /* The result is a valid input again. */
            ot_sl_opinion again = fused(&f, 1, RULES[r]);
            ck_assert(memcmp(&again, &f, sizeof f) == 0);
            if (RULES[r] == OT_FUSE_CUMULATIVE)
                ck_assert_msg(f.u <= umin + 1e-15, "CBF u %g above the smallest source u %g", f.u, umin);
        }
        /* CBF's n-source form equals fusing the first n - 1 and then the
         * last (without dogmatic sources, where the mean of the dogmatic
         * ones is not associative by design). */
        if (umin > 0) {
            ot_sl_opinion pair[2] = {fused(ws, n - 1, OT_FUSE_CUMULATIVE), ws[n - 1]};
            ot_sl_opinion whole = fused(ws, n, OT_FUSE_CUMULATIVE);
            ot_sl_opinion folded = fused(pair, 2, OT_FUSE_CUMULATIVE);
            ck_near(folded.b, whole.b, 1e-9);
            ck_near(folded.d, whole.d, 1e-9);
            ck_near(folded.u, whole.u, 1e-9);
        }
    }
}
END_TEST

/* Averaging is not associative, which is why the n-source form is used: for
 * (0.1, 0.3, 0.6), (0.4, 0.2, 0.4), (0.7, 0.1, 0.2) the n-source ABF has
 * b = 28/55 = 0.509 (above), while fusing the first two (U_i = (0.4, 0.6):
 * b = (0.04 + 0.24) / 1 = 0.28, d = (0.12 + 0.12) / 1 = 0.24, u = 0.48) and
 * then the third (U_i = (0.2, 0.48): b = (0.056 + 0.336) / 0.68 = 0.5765)
 * gives another answer. */
START_TEST(averaging_is_n_source_not_a_fold_of_pairs)
{
    ot_sl_opinion ws[3] = {op(0.1, 0.3, 0.6, 0.5), op(0.4, 0.2, 0.4, 0.5), op(0.7, 0.1, 0.2, 0.5)};
    ot_sl_opinion first = fused(ws, 2, OT_FUSE_AVERAGING);
    ck_opinion(first, 0.28, 0.24, 0.48, 0.5, 1e-15);
    ot_sl_opinion pair[2] = {first, ws[2]};
    ck_near(fused(pair, 2, OT_FUSE_AVERAGING).b, 0.392 / 0.68, 1e-15);
    ck_near(fused(ws, 3, OT_FUSE_AVERAGING).b, 28.0 / 55, 1e-15);
}
END_TEST

/* ---- bad input ------------------------------------------------------- */

typedef struct bad_case {
    ot_sl_opinion w;
    const char *needle; /* in the message, with the argument's name */
} bad_case;

static const bad_case BAD[] = {
    {{NAN, 0.5, 0.5, 0.5}, ".b = nan"},
    {{0.5, NAN, 0.5, 0.5}, ".d = nan"},
    {{0.5, 0.5, NAN, 0.5}, ".u = nan"},
    {{0.5, 0.2, 0.3, NAN}, ".a = nan"},
    {{-0.1, 0.6, 0.5, 0.5}, ".b = -0.1"},
    {{0.5, 0.2, 0.3, 1.5}, ".a = 1.5"},
    {{0.5, 0.2, 1.25, 0.5}, ".u = 1.25"},
    {{INFINITY, 0, 0, 0.5}, ".b = inf"},
    {{0.5, 0.2, 0.3 + 2e-9, 0.5}, " has b + d + u = 1.00000000"},
    {{0.2, 0.2, 0.2, 0.5}, " has b + d + u = 0.6"},
};

START_TEST(opinions_off_the_simplex_are_refused_by_name)
{
    const bad_case *c = &BAD[_i];
    ot_sl_opinion good = op(0.2, 0.3, 0.5, 0.5);
    ot_sl_opinion out = op(7, 7, 7, 7);
    double p = 7;
    char needle[96];

    ck_status(ot_sl_projected(&c->w, &p), OT_EINVAL);
    snprintf(needle, sizeof needle, "ot_sl_projected: w%s", c->needle);
    ck_msg_has(needle);
    ck_assert(p == 7);

    ck_status(ot_sl_discount(&c->w, &good, &out), OT_EINVAL);
    snprintf(needle, sizeof needle, "trust%s", c->needle);
    ck_msg_has(needle);
    ck_status(ot_sl_discount(&good, &c->w, &out), OT_EINVAL);
    snprintf(needle, sizeof needle, "advice%s", c->needle);
    ck_msg_has(needle);

    ot_sl_opinion ws[4] = {good, good, c->w, good};
    for (size_t r = 0; r < 3; r++) {
        ck_status(ot_sl_fuse(ws, 4, RULES[r], &out), OT_EINVAL);
        snprintf(needle, sizeof needle, "ws[2]%s", c->needle);
        ck_msg_has(needle);
    }
    ck_assert(out.b == 7 && out.d == 7 && out.u == 7 && out.a == 7);
}
END_TEST

START_TEST(within_the_tolerance_is_an_opinion)
{
    /* 0.1 + 0.2 + 0.7 is 1.0000000000000002 in doubles; 1 + 9e-10 is
     * inside the 1e-9 the header allows. */
    ot_sl_opinion ws[2] = {op(0.1, 0.2, 0.7, 0.5), op(0.5, 0.2, 0.3 + 9e-10, 0.5)};
    double p;
    ck_ok(ot_sl_projected(&ws[0], &p));
    ot_sl_opinion f = fused(ws, 2, OT_FUSE_CUMULATIVE);
    ck_near(f.b + f.d + f.u, 1.0, 1e-15);
    /* Discounting by a trust a hair above the simplex stays an opinion. */
    ot_sl_opinion high = op(1.0, 0, 9e-10, 1.0), adv = op(0.4, 0.6 + 9e-10, 0, 0.5);
    ot_sl_opinion d = discounted(high, adv);
    ck_assert(d.u >= 0 && d.b <= 1 && d.d <= 1);
    ck_ok(ot_sl_projected(&high, &p));
    ck_assert(p <= 1.0);
}
END_TEST

START_TEST(bad_arguments_are_named)
{
    ot_sl_opinion w = op(0.2, 0.3, 0.5, 0.5), out = op(7, 7, 7, 7);
    double p;
    ck_status(ot_sl_projected(NULL, &p), OT_EINVAL);
    ck_msg_has("w is NULL");
    ck_status(ot_sl_projected(&w, NULL), OT_EINVAL);
    ck_msg_has("p is NULL");
    ck_status(ot_sl_discount(NULL, &w, &out), OT_EINVAL);
    ck_msg_has("trust is NULL");
    ck_status(ot_sl_discount(&w, NULL, &out), OT_EINVAL);
    ck_msg_has("advice is NULL");
    ck_status(ot_sl_discount(&w, &w, NULL), OT_EINVAL);
    ck_msg_has("out is NULL");
    ck_status(ot_sl_fuse(&w, 0, OT_FUSE_CUMULATIVE, &out), OT_EINVAL);
    ck_msg_has("n = 0");
    ck_status(ot_sl_fuse(NULL, 2, OT_FUSE_CUMULATIVE, &out), OT_EINVAL);
    ck_msg_has("ws is NULL with n = 2");
    ck_status(ot_sl_fuse(&w, 1, OT_FUSE_CUMULATIVE, NULL), OT_EINVAL);
    ck_msg_has("out is NULL");
    ck_status(ot_sl_fuse(&w, 1, 0, &out), OT_EINVAL);
    ck_msg_has("rule = 0");
    ck_status(ot_sl_fuse(&w, 1, 4, &out), OT_EINVAL);
    ck_msg_has("rule = 4");
    ck_assert(out.b == 7 && out.d == 7 && out.u == 7 && out.a == 7);
}
END_TEST

START_TEST(rule_values_are_fixed)
{
    ck_assert_int_eq(OT_FUSE_CUMULATIVE, 1);
    ck_assert_int_eq(OT_FUSE_AVERAGING, 2);
    ck_assert_int_eq(OT_FUSE_WEIGHTED, 3);
    /* Four doubles, no padding: the struct is frozen. */
    ck_assert_uint_eq(sizeof(ot_sl_opinion), 4 * sizeof(double));
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("sl");
    TCase *tc = tcase_create("discounting");
    tcase_add_test(tc, projected_probability_is_belief_plus_base_rate_share_of_uncertainty);
    tcase_add_test(tc, discounting_scales_advice_by_the_projected_trust);
    tcase_add_test(tc, discounting_at_the_corners_of_trust);
    suite_add_tcase(s, tc);
    tc = tcase_create("fusion");
    tcase_add_test(tc, fusion_of_three_conflicting_advisors);
    tcase_add_test(tc, three_sources_by_each_rule);
    tcase_add_test(tc, cumulative_fusion_adds_evidence_and_averaging_averages_it);
    tcase_add_test(tc, many_sources_neither_underflow_nor_overflow);
    tcase_add_test(tc, dogmatic_sources_outweigh_the_rest);
    tcase_add_test(tc, dogmatic_rule_is_the_limit_of_the_general_one);
    tcase_add_test(tc, vacuous_sources);
    tcase_add_test(tc, one_source_is_returned_as_given);
    tcase_add_loop_test(tc, fusion_invariants_over_random_sources, 0, 4);
    tcase_add_test(tc, averaging_is_n_source_not_a_fold_of_pairs);
    suite_add_tcase(s, tc);
    tc = tcase_create("bad input");
    tcase_add_loop_test(tc, opinions_off_the_simplex_are_refused_by_name, 0, (int)(sizeof BAD / sizeof BAD[0]));
    tcase_add_test(tc, within_the_tolerance_is_an_opinion);
    tcase_add_test(tc, bad_arguments_are_named);
    tcase_add_test(tc, rule_values_are_fixed);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return ot_run_suite(suite()); }
