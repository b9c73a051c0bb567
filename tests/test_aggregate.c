/* lib/aggregate.c: organisations in the eye of a person (MODEL.md section
 * 4) and the climate of section 3. Trust values are set through the
 * trusters' propensities (a direction starts at its truster's propensity),
 * so every expected mean is worked out by hand from the numbers given. */
#include "world.h"
#include "kinds.h" /* the observation kinds: generators draw from all of them */

#include "model.h" /* the checker tests reach into the kept sums and caches */

#include <stdio.h>
#include <string.h>

/* Two or three organisations side by side: the gemeente G, the waterschap
 * W and the provincie P, with one actor on each layer in G and W. */
typedef struct trio {
    ot_model *m;
    ot_id G, W, P;
    ot_id g[3], w[3], p0;
} trio;

static trio trio_new_in(ot_model *m)
{
    trio t;
    t.m = m;
    t.G = mk_org(m, "Gemeente", OT_NONE);
    t.W = mk_org(m, "Waterschap", OT_NONE);
    t.P = mk_org(m, "Provincie", OT_NONE);
    static const char *const gn[3] = {"Roy", "de teamleider", "de wethouder"};
    static const char *const wn[3] = {"Fatima", "het afdelingshoofd", "de dijkgraaf"};
    for (unsigned l = 0; l < 3; l++) {
        t.g[l] = mk_actor(m, t.G, l, OT_NONE, gn[l]);
        t.w[l] = mk_actor(m, t.W, l, OT_NONE, wn[l]);
    }
    t.p0 = mk_actor(m, t.P, 0, OT_NONE, "de gedeputeerde");
    return t;
}

static trio trio_new(void)
{
    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    return trio_new_in(m);
}

/* ---- reputation ------------------------------------------------------- */

START_TEST(reputation_is_the_weighted_mean_over_ties)
{
    trio t = trio_new();
    ot_id g0b = mk_actor(t.m, t.G, 0, OT_NONE, "Ahmed");
    /* Roy -> Fatima 0.75 (w 1), Ahmed -> Fatima 0.25 (w 3), teamleider ->
     * afdelingshoofd 0.5 (w 2); the other directions 0.5, 0.625, 0.875. */
    mk_tie_w(t.m, t.g[0], t.w[0], 0.75, 0.5, 1.0);
    ot_id ahmed_tie = mk_tie_w(t.m, g0b, t.w[0], 0.25, 0.625, 3.0);
    mk_tie_w(t.m, t.g[1], t.w[1], 0.5, 0.875, 2.0);
    /* An internal tie counts for no organisation pair. */
    mk_tie(t.m, t.g[0], g0b, 0.125, 0.125);
    /* rep(G -> W) = (0.75*1 + 0.25*3 + 0.5*2) / 6 = 2.5 / 6 = 5/12 */
    ck_near(rep_of(t.m, t.G, t.W, OT_NONE), 2.5 / 6.0, 1e-15);
    /* rep(W -> G) = (0.5*1 + 0.625*3 + 0.875*2) / 6 = 4.125 / 6 = 0.6875 */
    ck_near(rep_of(t.m, t.W, t.G, OT_NONE), 0.6875, 1e-15);
    /* Without Ahmed: (0.75 + 1) / 3 = 7/12; without Roy: (0.75 + 1) / 5 = 0.35 */
    ck_near(rep_of(t.m, t.G, t.W, g0b), 1.75 / 3.0, 1e-15);
    ck_near(rep_of(t.m, t.G, t.W, t.g[0]), 0.35, 1e-15);
    /* Excluding someone outside A excludes nothing: Fatima (in W), the
     * gedeputeerde (in P). */
    ck_near(rep_of(t.m, t.G, t.W, t.w[0]), 2.5 / 6.0, 1e-15);
    ck_near(rep_of(t.m, t.G, t.W, t.p0), 2.5 / 6.0, 1e-15);
    /* W without Fatima: only the afdelingshoofd's 0.875 */
    ck_near(rep_of(t.m, t.W, t.G, t.w[0]), 0.875, 1e-15);
    /* No tie: the prior. */
    ck_near(rep_of(t.m, t.G, t.P, OT_NONE), 0.5, 0.0);
    ck_near(rep_of(t.m, t.P, t.G, t.p0), 0.5, 0.0);
    /* Intensity 3 -> 1: (0.75 + 0.25 + 1) / 4 = 0.5 */
    ck_ok(ot_tie_set(t.m, ahmed_tie, OT_TIE_INTENSITY, 1.0));
    ck_near(rep_of(t.m, t.G, t.W, OT_NONE), 0.5, 1e-15);
    /* An observation moves it: Roy -> Fatima 0.75 * 0.75 = 0.5625;
     * (0.5625 + 0.25 + 1) / 4 = 0.453125 */
    ck_ok(ot_observe(t.m, t.g[0], t.w[0], OT_AGREEMENT_BROKEN, 1.0, 1.0));
    ck_near(rep_of(t.m, t.G, t.W, OT_NONE), 0.453125, 1e-15);
    ck_ok(ot_model_check(t.m));
    ot_model_free(t.m);
}
END_TEST

START_TEST(reputation_without_the_only_truster_is_the_prior)
{
    trio t = trio_new_in(model_with(OT_PARAM_ORG_PRIOR, 0.375));
    mk_tie(t.m, t.g[0], t.w[0], 0.875, 0.5);
    ck_near(rep_of(t.m, t.G, t.W, OT_NONE), 0.875, 1e-15);
    ck_near(rep_of(t.m, t.G, t.W, t.g[0]), 0.375, 0.0);
    ck_near(rep_of(t.m, t.G, t.P, OT_NONE), 0.375, 0.0);
    ot_model_free(t.m);
}
END_TEST

START_TEST(a_departments_ties_count_for_its_municipality)
{
    ot_town n = town_new();
    mk_tie(n.m, n.roy, n.fatima, 0.75, 0.5);
    mk_tie(n.m, n.clerk, n.fatima, 0.25, 0.625);
    mk_tie(n.m, n.roy, n.beheerder, 0.875, 0.375);
    mk_tie(n.m, n.roy, n.controller, 0.5, 0.125); /* two departments: external */
    /* rep(RO -> W): Roy's 0.75 and 0.875: 0.8125 */
    ck_near(rep_of(n.m, n.planning, n.waterschap, OT_NONE), 0.8125, 1e-15);
    /* rep(G -> W): Roy's two and the clerk's 0.25: 1.875 / 3 = 0.625 */
    ck_near(rep_of(n.m, n.gemeente, n.waterschap, OT_NONE), 0.625, 1e-15);
    /* rep(G -> B) = rep(RO -> B) = 0.875 */
    ck_near(rep_of(n.m, n.gemeente, n.beheer, OT_NONE), 0.875, 1e-15);
    ck_near(rep_of(n.m, n.planning, n.beheer, OT_NONE), 0.875, 1e-15);
    /* rep(W -> G): 0.5, 0.625, 0.375: 1.5 / 3 = 0.5; rep(B -> RO) = 0.375 */
    ck_near(rep_of(n.m, n.waterschap, n.gemeente, OT_NONE), 0.5, 1e-15);
    ck_near(rep_of(n.m, n.beheer, n.planning, OT_NONE), 0.375, 1e-15);
    /* rep(W \ beheerder -> G) = (0.5 + 0.625) / 2 = 0.5625 */
    ck_near(rep_of(n.m, n.waterschap, n.gemeente, n.beheerder), 0.5625, 1e-15);
    /* Between the departments: rep(RO -> FIN) = 0.5, rep(FIN -> RO) = 0.125 */
    ck_near(rep_of(n.m, n.planning, n.finance, OT_NONE), 0.5, 1e-15);
    ck_near(rep_of(n.m, n.finance, n.planning, OT_NONE), 0.125, 1e-15);
    /* Without Roy the gemeente's view of the waterschap is the clerk's. */
    ck_near(rep_of(n.m, n.gemeente, n.waterschap, n.roy), 0.25, 1e-15);
    /* The clerk is in G but not in RO: excluding him leaves RO's view. */
    ck_near(rep_of(n.m, n.planning, n.waterschap, n.clerk), 0.8125, 1e-15);
    /* No tie between FIN and W: the prior. */
    ck_near(rep_of(n.m, n.finance, n.waterschap, OT_NONE), 0.5, 0.0);
    ck_ok(ot_model_check(n.m));
    ot_model_free(n.m);
}
END_TEST

/* ---- backing and layer trust ---------------------------------------------- */

/* Ties across the layers of G and W: Fatima (0) - teamleider (1),
 * afdelingshoofd (1) - Roy (0), dijkgraaf (2) - wethouder (2) with w 3. */
static trio layered(void)
{
    trio t = trio_new();
    mk_tie(t.m, t.w[0], t.g[1], 0.25, 0.75);
    mk_tie(t.m, t.w[1], t.g[0], 0.625, 0.375);
    mk_tie_w(t.m, t.w[2], t.g[2], 0.875, 0.375, 3.0);
    return t;
}

START_TEST(backing_counts_only_leaders_as_trusters)
{
    trio t = layered();
    /* backing(W -> G): the afdelingshoofd's 0.625 (w 1) and the
     * dijkgraaf's 0.875 (w 3); Fatima (layer 0) does not count:
     * (0.625 + 2.625) / 4 = 0.8125 */
    ck_near(backing_of(t.m, t.W, t.G), 0.8125, 1e-15);
    /* backing(G -> W): the teamleider's 0.75 and the wethouder's 0.375 (w 3);
     * Roy does not count: (0.75 + 1.125) / 4 = 0.46875 */
    ck_near(backing_of(t.m, t.G, t.W), 0.46875, 1e-15);
    /* No leader tie toward P: the prior. */
    ck_near(backing_of(t.m, t.W, t.P), 0.5, 0.0);
    ot_model_free(t.m);
    /* Only operational trusters: the prior although a tie exists. */
    t = trio_new_in(model_with(OT_PARAM_ORG_PRIOR, 0.25));
    mk_tie(t.m, t.w[0], t.g[2], 0.875, 0.875); /* Fatima trusts the wethouder */
    ck_near(backing_of(t.m, t.W, t.G), 0.25, 0.0);
    /* ... while the wethouder's trust in Fatima is backing(G -> W). */
    ck_near(backing_of(t.m, t.G, t.W), 0.875, 1e-15);
    ot_model_free(t.m);
}
END_TEST

START_TEST(layer_trust_pools_both_directions_by_tie_layer)
{
    trio t = layered();
    /* Layer 1 (the higher end of the two diagonal ties): 0.25, 0.75, 0.625,
     * 0.375: 2 / 4 = 0.5 */
    ck_near(layer_trust_of(t.m, t.G, t.W, 1), 0.5, 1e-15);
    ck_near(layer_trust_of(t.m, t.W, t.G, 1), 0.5, 1e-15);
    /* Layer 2: (0.875*3 + 0.375*3) / 6 = 0.625 */
    ck_near(layer_trust_of(t.m, t.G, t.W, 2), 0.625, 1e-15);
    ot_state s = ot_state_of(t.m);
    double v = 42.0;
    ck_status(ot_layer_trust(t.m, t.G, t.W, 0, &v), OT_ENOTFOUND);
    ck_msg_has("no tie at layer 0");
    ck_status(ot_layer_trust(t.m, t.G, t.P, 1, &v), OT_ENOTFOUND);
    ck_msg_has("no tie at layer 1");
    ck_status(ot_layer_trust(t.m, t.G, t.W, 3, &v), OT_EINVAL);
    ck_msg_has("layer = 3");
    ck_status(ot_layer_trust(t.m, t.G, t.G, 1, &v), OT_EINVAL);
    ck_msg_has("overlap");
    ck_status(ot_layer_trust(t.m, t.G, 9, 1, &v), OT_ENOTFOUND);
    ck_msg_has("org_b = 9");
    ck_status(ot_layer_trust(t.m, t.G, t.W, 1, NULL), OT_EINVAL);
    ck_msg_has("out is NULL");
    ck_assert(v == 42.0);
    ck_unchanged(t.m, s);
    ot_model_free(t.m);
}
END_TEST

/* ---- climate damping ------------------------------------------------------ */

START_TEST(climate_is_the_lowest_layer_trust_above)
{
    trio t = trio_new();
    mk_tie(t.m, t.g[0], t.w[0], 0.5, 0.5);
    mk_tie(t.m, t.g[0], t.g[1], 0.5, 0.5); /* internal */
    /* No higher layer has ties: D = 1. */
    ck_assert(damping_of(t.m, t.g[0], t.w[0]) == 1.0);
    /* Administrative layer trust (0.2 + 0.4) / 2 = 0.3: D = 0.3 / 0.5 = 0.6
     * for the operational tie; the administrative tie has nothing above. */
    mk_tie(t.m, t.g[2], t.w[2], 0.2, 0.4);
    ck_near(damping_of(t.m, t.g[0], t.w[0]), 0.6, 1e-15);
    ck_assert(damping_of(t.m, t.g[2], t.w[2]) == 1.0);
    /* Managerial layer trust (0.1 + 0.3) / 2 = 0.2 is now the lowest above
     * the operational tie: D = 0.2 / 0.5 = 0.4. The managerial tie sees
     * only the administrative layer: D = 0.6. */
    mk_tie(t.m, t.g[1], t.w[1], 0.1, 0.3);
    ck_near(damping_of(t.m, t.g[0], t.w[0]), 0.4, 1e-15);
    ck_near(damping_of(t.m, t.w[1], t.g[1]), 0.6, 1e-15);
    /* A diagonal tie has the layer of its higher end (1): D = 0.6. Its own
     * trust (0.2 both ways) keeps layer 1 at (0.1 + 0.3 + 0.2 + 0.2) / 4 = 0.2. */
    mk_tie(t.m, t.g[0], t.w[1], 0.2, 0.2);
    ck_near(damping_of(t.m, t.g[0], t.w[1]), 0.6, 1e-15);
    ck_near(damping_of(t.m, t.g[0], t.w[0]), 0.4, 1e-15);
    /* Internal ties are never damped. */
    ck_assert(damping_of(t.m, t.g[0], t.g[1]) == 1.0);
    /* A gain on the operational tie: T = 0.5 + (1 - (1 - 0.05*0.4)) * 0.5
     * = 0.5 + 0.02 * 0.5 = 0.51 */
    ck_ok(ot_observe(t.m, t.g[0], t.w[0], OT_DELIVERED, 1.0, 1.0));
    ck_near(trust_of(t.m, t.g[0], t.w[0]), 0.51, 1e-15);
    /* Magnitude 2: 1 - 0.98^2 = 0.0396 of the gap 0.49: 0.51 + 0.019404 = 0.529404 */
    ck_ok(ot_observe(t.m, t.g[0], t.w[0], OT_DELIVERED, 2.0, 1.0));
    ck_near(trust_of(t.m, t.g[0], t.w[0]), 0.529404, 1e-15);
    /* Losses are not damped: 0.529404 * 0.75 = 0.397053 */
    ck_ok(ot_observe(t.m, t.g[0], t.w[0], OT_FAILED_DELIVERY, 1.0, 1.0));
    ck_near(trust_of(t.m, t.g[0], t.w[0]), 0.397053, 1e-15);
    /* The internal tie gains undamped: 0.5 + 0.05 * 0.5 = 0.525 */
    ck_ok(ot_observe(t.m, t.g[0], t.g[1], OT_DELIVERED, 1.0, 1.0));
    ck_near(trust_of(t.m, t.g[0], t.g[1]), 0.525, 1e-15);
    ck_ok(ot_model_check(t.m));
    ot_model_free(t.m);
}
END_TEST

START_TEST(climate_skips_layers_without_ties_and_caps_at_one)
{
    trio t = trio_new();
    mk_tie(t.m, t.g[0], t.w[0], 0.5, 0.5);
    /* Only the administrative layer above: (0.25 + 0.35) / 2 = 0.3, D = 0.6. */
    ot_id top = mk_tie(t.m, t.g[2], t.w[2], 0.25, 0.35);
    ck_near(damping_of(t.m, t.g[0], t.w[0]), 0.6, 1e-15);
    /* A warm managerial layer above does not lift the minimum. */
    mk_tie(t.m, t.g[1], t.w[1], 0.9, 0.9);
    ck_near(damping_of(t.m, t.g[0], t.w[0]), 0.6, 1e-15);
    /* The top warms up: intensity does not move a mean of one tie, trust
     * does: 0.25 + 0.05 * 0.75 = 0.2875 -> layer 2 = (0.2875 + 0.35) / 2
     * = 0.31875, D = 0.6375. */
    ck_ok(ot_tie_set(t.m, top, OT_TIE_INTENSITY, 5.0));
    ck_ok(ot_observe(t.m, t.g[2], t.w[2], OT_AGREEMENT_KEPT, 1.0, 1.0));
    ck_near(damping_of(t.m, t.g[0], t.w[0]), 0.6375, 1e-15);
    ot_model_free(t.m);
    /* Climate above the threshold: D = min(1, 0.75 / 0.5) = 1. */
    t = trio_new();
    mk_tie(t.m, t.g[0], t.w[0], 0.5, 0.5);
    mk_tie(t.m, t.g[2], t.w[2], 0.75, 0.75);
    ck_assert(damping_of(t.m, t.g[0], t.w[0]) == 1.0);
    ot_model_free(t.m);
    /* theta_c = 0.25: climate 0.2 gives D = 0.2 / 0.25 = 0.8. */
    t = trio_new_in(model_with(OT_PARAM_CLIMATE_THRESHOLD, 0.25));
    mk_tie(t.m, t.g[0], t.w[0], 0.5, 0.5);
    mk_tie(t.m, t.g[1], t.w[1], 0.2, 0.2);
    ck_near(damping_of(t.m, t.g[0], t.w[0]), 0.8, 1e-15);
    ck_assert(damping_of(t.m, t.g[1], t.w[1]) == 1.0);
    ot_model_free(t.m);
}
END_TEST

START_TEST(climate_belongs_to_the_organisation_pair)
{
    ot_town n = town_new();
    mk_tie(n.m, n.roy, n.beheerder, 0.5, 0.5);
    mk_tie(n.m, n.roy, n.controller, 0.5, 0.5);
    /* Distrust between the wethouder and the dijkgraaf (0.1 and 0.2: 0.15)
     * damps the departments' operational tie, whose pair is (G, W):
     * D = 0.15 / 0.5 = 0.3. */
    mk_tie(n.m, n.wethouder, n.dijkgraaf, 0.1, 0.2);
    ck_near(damping_of(n.m, n.roy, n.beheerder), 0.3, 1e-15);
    /* It does not reach the tie between two departments of the gemeente:
     * pair (RO, FIN) has no ties above. */
    ck_assert(damping_of(n.m, n.roy, n.controller) == 1.0);
    /* The wethouder's tie to the head of finance is internal to the
     * gemeente: no pair's climate. */
    mk_tie(n.m, n.wethouder, n.fin_head, 0.0, 0.0);
    ck_assert(damping_of(n.m, n.roy, n.controller) == 1.0);
    /* The teamleider's tie to the head of finance is (RO, FIN)'s managerial
     * layer: 0.2, so D = 0.4 there, and nothing changes for (G, W). */
    mk_tie(n.m, n.teamleider, n.fin_head, 0.2, 0.2);
    ck_near(damping_of(n.m, n.roy, n.controller), 0.4, 1e-15);
    ck_near(damping_of(n.m, n.roy, n.beheerder), 0.3, 1e-15);
    ot_model_free(n.m);
}
END_TEST

/* The climate is kept per top pair as a cache of its layer sums; the
 * checker recomputes it, bit for bit, like every other aggregate. */
START_TEST(the_checker_recomputes_the_climate_cache)
{
    ot_town n = town_new();
    mk_tie(n.m, n.roy, n.beheerder, 0.5, 0.5);
    mk_tie(n.m, n.wethouder, n.dijkgraaf, 0.1, 0.2);
    ck_near(damping_of(n.m, n.roy, n.beheerder), 0.3, 1e-15);
    /* Evidence on the top tie moves the cache with the layer sum: 0.1 loses
     * 0.25 of itself, so the climate is (0.075 + 0.2) / 2 and D = 0.275. */
    ck_ok(ot_observe(n.m, n.wethouder, n.dijkgraaf, OT_AGREEMENT_BROKEN, 1.0, 1.0));
    ck_near(damping_of(n.m, n.roy, n.beheerder), 0.275, 1e-15);
    ck_ok(ot_model_check(n.m));
    /* A stale cache is found. */
    ot_model *m = n.m;
    ot_id tie;
    ck_ok(ot_tie_find(m, n.roy, n.beheerder, &tie));
    double *c = oti_climate_block(m, m->pairs[m->ties[tie].leaf].climate);
    double kept = c[0];
    c[0] = 0.5;
    ck_status(ot_model_check(m), OT_ESTATE);
    ck_msg_has("climate");
    c[0] = kept;
    ck_ok(ot_model_check(m));
    ot_model_free(m);
}
END_TEST

/* Terms enter the sums through a conversion of their own (no libgcc
 * call); it gives the compiler's truncation of x * 2^64 for every x. */
START_TEST(terms_convert_like_the_compiler)
{
    static const double edge[] = {0.0, 0x1p-1074, 0x1p-64, 0x1p-33, 0x1p-32, 0.5 - 0x1p-54, 0.5, 0.1, 1.0 / 3.0,
                                  1.0 - 0x1p-53, 1.0, 1.0 + 0x1p-52, 2.0, 1e6, 1e6 - 0x1p-33, 0x1p62,
                                  0x1p63 - 1024.0};
    for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++)
        ck_assert(oti_fx_term(edge[i]) == (oti_fx)(edge[i] * OTI_FX_ONE));
    uint64_t r = 88172645463325252ull;
    for (int i = 0; i < 200000; i++) {
        r ^= r << 13;
        r ^= r >> 7;
        r ^= r << 17;
        /* any mantissa, exponents from 2^-80 to 2^62 */
        uint64_t bits = (r & 0x000fffffffffffffull) | (uint64_t)(1023 - 80 + (int)((r >> 52) % 143)) << 52;
        double x;
        memcpy(&x, &bits, sizeof x);
        ck_assert(oti_fx_term(x) == (oti_fx)(x * OTI_FX_ONE));
        ck_assert(oti_fx_of(x) == (oti_fx)(x * OTI_FX_ONE));
    }
}
END_TEST

/* ---- effective trust ---------------------------------------------------------- */

/* Roy and Ahmed in the planning department RO of G, the wethouder in G;
 * Fatima and Kees in W, the dijkgraaf in W. */
typedef struct et_world {
    ot_model *m;
    ot_id G, RO, W;
    ot_id roy, ahmed, weth, fatima, kees, dijk;
} et_world;

/* T(Roy -> Fatima) = T; Roy's colleagues' view of W is rep: Ahmed -> Kees
 * rep - 0.125 and wethouder -> dijkgraaf rep + 0.125 (mean rep in G, but
 * rep - 0.125 in RO alone); backing(W -> G) is the dijkgraaf's trust b in
 * the wethouder. */
static et_world et_world_new(double T, double rep, double b)
{
    et_world e;
    ck_ok(ot_model_new(NULL, &e.m));
    e.G = mk_org(e.m, "Gemeente", OT_NONE);
    e.RO = mk_org(e.m, "Ruimtelijke Ordening", e.G);
    e.W = mk_org(e.m, "Waterschap", OT_NONE);
    e.roy = mk_actor(e.m, e.RO, 0, OT_NONE, "Roy");
    e.ahmed = mk_actor(e.m, e.RO, 0, OT_NONE, "Ahmed");
    e.weth = mk_actor(e.m, e.G, 2, OT_NONE, "de wethouder");
    e.fatima = mk_actor(e.m, e.W, 0, OT_NONE, "Fatima");
    e.kees = mk_actor(e.m, e.W, 0, OT_NONE, "Kees");
    e.dijk = mk_actor(e.m, e.W, 2, OT_NONE, "de dijkgraaf");
    mk_tie(e.m, e.roy, e.fatima, T, 0.5);
    mk_tie(e.m, e.ahmed, e.kees, rep - 0.125, 0.5);
    mk_tie(e.m, e.weth, e.dijk, rep + 0.125, b);
    return e;
}

static const struct {
    double T, rep, b, et;
    int limit;
} ET_CASES[] = {
    {0.25, 0.5, 0.75, 0.25, OT_LIMIT_PERSON},
    {0.75, 0.25, 0.5, 0.25, OT_LIMIT_REPUTATION},
    {0.75, 0.5, 0.25, 0.25, OT_LIMIT_BACKING},
    {0.625, 0.75, 0.875, 0.625, OT_LIMIT_PERSON},
    /* ties: PERSON, then REPUTATION, then BACKING */
    {0.5, 0.5, 0.5, 0.5, OT_LIMIT_PERSON},
    {0.75, 0.5, 0.5, 0.5, OT_LIMIT_REPUTATION},
    {0.5, 0.75, 0.5, 0.5, OT_LIMIT_PERSON},
    {0.875, 0.625, 0.625, 0.625, OT_LIMIT_REPUTATION},
};

START_TEST(effective_trust_is_the_weakest_of_person_and_organisation)
{
    et_world e = et_world_new(ET_CASES[_i].T, ET_CASES[_i].rep, ET_CASES[_i].b);
    /* The components as the model reports them: rep(G \ Roy -> W) is the
     * mean of rep -/+ 0.125 = rep (the pair is (G, W), not (RO, W)). */
    ck_near(rep_of(e.m, e.G, e.W, e.roy), ET_CASES[_i].rep, 1e-15);
    ck_near(rep_of(e.m, e.RO, e.W, e.roy), ET_CASES[_i].rep - 0.125, 1e-15);
    ck_near(backing_of(e.m, e.W, e.G), ET_CASES[_i].b, 1e-15);
    int limit = -1;
    ck_near(et_of(e.m, e.roy, e.fatima, &limit), ET_CASES[_i].et, 1e-15);
    ck_assert_int_eq(limit, ET_CASES[_i].limit);
    /* limit may be NULL */
    ck_near(et_of(e.m, e.roy, e.fatima, NULL), ET_CASES[_i].et, 1e-15);
    ot_model_free(e.m);
}
END_TEST

START_TEST(effective_trust_of_the_other_side_and_inside)
{
    et_world e = et_world_new(0.75, 0.5, 0.25);
    /* Fatima -> Roy is 0.5; rep(W \ Fatima -> G): Kees -> Ahmed 0.5 and the
     * dijkgraaf -> wethouder 0.25: 0.375; backing(G -> W): the wethouder's
     * 0.625. ET = 0.375, REPUTATION. */
    int limit = -1;
    ck_near(et_of(e.m, e.fatima, e.roy, &limit), 0.375, 1e-15);
    ck_assert_int_eq(limit, OT_LIMIT_REPUTATION);
    /* An internal tie: ET = T, PERSON, whatever the organisations think. */
    mk_tie(e.m, e.roy, e.ahmed, 0.875, 0.0625);
    ck_near(et_of(e.m, e.roy, e.ahmed, &limit), 0.875, 0.0);
    ck_assert_int_eq(limit, OT_LIMIT_PERSON);
    ck_near(et_of(e.m, e.ahmed, e.roy, &limit), 0.0625, 0.0);
    ck_assert_int_eq(limit, OT_LIMIT_PERSON);
    /* A vertical tie inside the gemeente too. */
    mk_tie(e.m, e.roy, e.weth, 0.125, 0.5);
    ck_near(et_of(e.m, e.roy, e.weth, &limit), 0.125, 0.0);
    ck_assert_int_eq(limit, OT_LIMIT_PERSON);
    /* Roy's own new tie to Kees does not enter his colleagues' view. */
    mk_tie(e.m, e.roy, e.kees, 0.0, 0.5);
    ck_near(et_of(e.m, e.roy, e.fatima, &limit), 0.25, 1e-15);
    ck_assert_int_eq(limit, OT_LIMIT_BACKING);
    ot_state s = ot_state_of(e.m);
    double v = 42.0;
    ck_status(ot_effective_trust(e.m, e.fatima, e.dijk, &v, &limit), OT_ENOTFOUND);
    ck_msg_has("have no tie");
    ck_status(ot_effective_trust(e.m, e.roy, e.roy, &v, &limit), OT_EINVAL);
    ck_msg_has("same actor");
    ck_status(ot_effective_trust(e.m, e.roy, 77, &v, &limit), OT_ENOTFOUND);
    ck_msg_has("trustee = 77");
    ck_status(ot_effective_trust(e.m, e.roy, e.fatima, NULL, &limit), OT_EINVAL);
    ck_msg_has("out is NULL");
    ck_status(ot_effective_trust(NULL, e.roy, e.fatima, &v, &limit), OT_EINVAL);
    ck_msg_has("m is NULL");
    ck_assert(v == 42.0);
    ck_unchanged(e.m, s);
    ot_model_free(e.m);
}
END_TEST

/* ---- bridge builders and standing ------------------------------------------------ */

START_TEST(bridge_gap_at_its_edge)
{
    /* Roy trusts Fatima 0.75; his colleagues Ahmed (0.375 in Kees) and the
     * wethouder (0.625 in the dijkgraaf) average 0.5: gap = 0.75 - 0.5 =
     * 0.25, on the bridge. */
    et_world e = et_world_new(0.75, 0.5, 0.5);
    int on = -1;
    ck_near(gap_of(e.m, e.roy, e.W, &on), 0.25, 1e-15);
    ck_assert_int_eq(on, 1);
    ot_model_free(e.m);
    /* 2^-30 less: not on the bridge. */
    e = et_world_new(0.75 - 0x1p-30, 0.5, 0.5);
    ck_near(gap_of(e.m, e.roy, e.W, &on), 0.25 - 0x1p-30, 1e-15);
    ck_assert_int_eq(on, 0);
    ot_model_free(e.m);
}
END_TEST

START_TEST(bridge_gap_compares_own_trust_with_the_colleagues)
{
    et_world e = et_world_new(0.75, 0.5, 0.5);
    /* Roy also trusts Kees 0.875 with intensity 3: own(Roy -> W)
     * = (0.75 + 2.625) / 4 = 0.84375; colleagues (0.375, 0.625): 0.5;
     * gap 0.34375. */
    mk_tie_w(e.m, e.roy, e.kees, 0.875, 0.5, 3.0);
    int on = -1;
    ck_near(gap_of(e.m, e.roy, e.W, &on), 0.34375, 1e-15);
    ck_assert_int_eq(on, 1);
    /* Ahmed: own 0.375; his colleagues Roy (0.75, 0.875 * 3) and the
     * wethouder (0.625): (0.75 + 2.625 + 0.625) / 5 = 0.8; gap -0.425. */
    ck_near(gap_of(e.m, e.ahmed, e.W, &on), -0.425, 1e-15);
    ck_assert_int_eq(on, 0);
    /* The dijkgraaf toward the planning department: his side is W. His
     * only tie is to the wethouder, who is in G but not in RO, so own is
     * the prior 0.5; rep(W \ dijkgraaf -> RO): Fatima -> Roy, Kees ->
     * Ahmed and Kees -> Roy, all 0.5: 0.5. Gap 0. */
    ck_near(gap_of(e.m, e.dijk, e.RO, &on), 0.0, 1e-15);
    ck_assert_int_eq(on, 0);
    /* on_bridge may be NULL. */
    ck_near(gap_of(e.m, e.roy, e.W, NULL), 0.34375, 1e-15);
    ot_model_free(e.m);
}
END_TEST

START_TEST(bridge_side_is_found_below_the_common_ancestor)
{
    ot_town n = town_new();
    mk_tie(n.m, n.roy, n.controller, 0.875, 0.5);
    mk_tie(n.m, n.clerk, n.controller, 0.125, 0.5); /* internal: G overlaps FIN */
    mk_tie(n.m, n.ahmed, n.controller, 0.5, 0.5);
    /* Roy toward FIN: his side is RO (the gemeente is their common
     * ancestor), so the clerk's view does not count: 0.875 - 0.5 = 0.375. */
    int on = -1;
    ck_near(gap_of(n.m, n.roy, n.finance, &on), 0.375, 1e-15);
    ck_assert_int_eq(on, 1);
    /* With the bridge threshold at 0.5 he is not on it. */
    ot_model_free(n.m);
    ot_model *m = model_with(OT_PARAM_BRIDGE_GAP, 0.5);
    ot_id G = mk_org(m, "Gemeente", OT_NONE), W = mk_org(m, "Waterschap", OT_NONE);
    ot_id roy = mk_actor(m, G, 0, OT_NONE, "Roy"), fatima = mk_actor(m, W, 0, OT_NONE, "Fatima");
    mk_tie(m, roy, fatima, 0.875, 0.5);
    /* No colleague: own 0.875 - prior 0.5 = 0.375 < 0.5 */
    ck_near(gap_of(m, roy, W, &on), 0.375, 1e-15);
    ck_assert_int_eq(on, 0);
    ot_state s = ot_state_of(m);
    double v = 42.0;
    ck_status(ot_bridge_gap(m, roy, G, &v, &on), OT_EINVAL);
    ck_msg_has("overlaps org_b = 0");
    ck_status(ot_bridge_gap(m, roy, 5, &v, &on), OT_ENOTFOUND);
    ck_msg_has("org_b = 5");
    ck_status(ot_bridge_gap(m, 5, W, &v, &on), OT_ENOTFOUND);
    ck_msg_has("actor = 5");
    ck_status(ot_bridge_gap(m, roy, W, NULL, &on), OT_EINVAL);
    ck_msg_has("gap is NULL");
    ck_assert(v == 42.0);
    ck_unchanged(m, s);
    ot_model_free(m);
}
END_TEST

START_TEST(standing_counts_internal_ties_only)
{
    ot_town n = town_new();
    /* Into Roy: Ahmed 0.25 (w 1), the teamleider 0.75 (w 3, vertical), the
     * clerk of the gemeente itself 0.5 (w 2: department and municipality
     * overlap). Not counted: Fatima (external), the controller (another
     * department: external), and Roy's own trust in others. */
    mk_tie_w(n.m, n.ahmed, n.roy, 0.25, 1.0, 1.0);
    mk_tie_w(n.m, n.teamleider, n.roy, 0.75, 1.0, 3.0);
    mk_tie_w(n.m, n.clerk, n.roy, 0.5, 1.0, 2.0);
    mk_tie(n.m, n.fatima, n.roy, 0.0, 1.0);
    mk_tie(n.m, n.controller, n.roy, 0.0, 1.0);
    /* (0.25 + 2.25 + 1.0) / 6 = 3.5 / 6 */
    ck_near(standing_of(n.m, n.roy), 3.5 / 6.0, 1e-15);
    /* The controller's ties are all external: the prior. */
    ck_near(standing_of(n.m, n.controller), 0.5, 0.0);
    /* Ahmed is trusted by Roy (1.0): standing 1. */
    ck_near(standing_of(n.m, n.ahmed), 1.0, 1e-15);
    /* Standing moves with trust: Ahmed sees Roy conceal something,
     * 0.25 * 0.75 = 0.1875; (0.1875 + 2.25 + 1.0) / 6 = 3.4375 / 6 */
    ck_ok(ot_observe(n.m, n.ahmed, n.roy, OT_CONCEALED, 1.0, 1.0));
    ck_near(standing_of(n.m, n.roy), 3.4375 / 6.0, 1e-15);
    ot_state s = ot_state_of(n.m);
    double v = 42.0;
    ck_status(ot_standing(n.m, 99, &v), OT_ENOTFOUND);
    ck_msg_has("actor = 99");
    ck_status(ot_standing(n.m, n.roy, NULL), OT_EINVAL);
    ck_msg_has("out is NULL");
    ck_status(ot_standing(NULL, n.roy, &v), OT_EINVAL);
    ck_assert(v == 42.0);
    ck_unchanged(n.m, s);
    ot_model_free(n.m);
    /* The prior is a parameter. */
    ot_model *m = model_with(OT_PARAM_ORG_PRIOR, 0.125);
    ot_id G = mk_org(m, "Gemeente", OT_NONE);
    ck_near(standing_of(m, mk_actor(m, G, 0, OT_NONE, "Roy")), 0.125, 0.0);
    ot_model_free(m);
}
END_TEST

START_TEST(overlapping_organisations_have_no_pair_view)
{
    ot_town n = town_new();
    mk_tie(n.m, n.roy, n.fatima, 0.5, 0.5);
    ot_state s = ot_state_of(n.m);
    double v = 42.0;
    const ot_id overlapping[][2] = {{n.gemeente, n.gemeente},
                                    {n.gemeente, n.planning},
                                    {n.planning, n.gemeente},
                                    {n.waterschap, n.beheer},
                                    {n.planning, n.planning}};
    for (size_t i = 0; i < sizeof overlapping / sizeof overlapping[0]; i++) {
        ot_id a = overlapping[i][0], b = overlapping[i][1];
        char want[64];
        snprintf(want, sizeof want, "org_a = %u and org_b = %u overlap", (unsigned)a, (unsigned)b);
        ck_status(ot_reputation(n.m, a, b, OT_NONE, &v), OT_EINVAL);
        ck_msg_has(want);
        snprintf(want, sizeof want, "org_b = %u and org_a = %u overlap", (unsigned)a, (unsigned)b);
        ck_status(ot_backing(n.m, a, b, &v), OT_EINVAL);
        ck_msg_has(want);
        ck_status(ot_layer_trust(n.m, a, b, 0, &v), OT_EINVAL);
        ck_msg_has("overlap");
    }
    ck_status(ot_bridge_gap(n.m, n.roy, n.gemeente, &v, NULL), OT_EINVAL);
    ck_status(ot_bridge_gap(n.m, n.roy, n.planning, &v, NULL), OT_EINVAL);
    ck_status(ot_bridge_gap(n.m, n.clerk, n.planning, &v, NULL), OT_EINVAL);
    ck_msg_has("overlaps org_b = 1");
    /* Unknown organisations and actors. */
    ck_status(ot_reputation(n.m, n.gemeente, 9, OT_NONE, &v), OT_ENOTFOUND);
    ck_msg_has("org_b = 9");
    ck_status(ot_reputation(n.m, 9, n.gemeente, OT_NONE, &v), OT_ENOTFOUND);
    ck_msg_has("org_a = 9");
    ck_status(ot_reputation(n.m, n.gemeente, n.waterschap, 99, &v), OT_ENOTFOUND);
    ck_msg_has("excluding = 99");
    ck_status(ot_reputation(n.m, n.gemeente, n.waterschap, OT_NONE, NULL), OT_EINVAL);
    ck_msg_has("out is NULL");
    ck_status(ot_backing(n.m, 9, n.gemeente, &v), OT_ENOTFOUND);
    ck_msg_has("org_b = 9");
    ck_status(ot_backing(n.m, n.gemeente, n.waterschap, NULL), OT_EINVAL);
    ck_status(ot_damping(n.m, n.roy, n.controller, &v), OT_ENOTFOUND);
    ck_msg_has("have no tie");
    ck_status(ot_damping(n.m, n.roy, n.fatima, NULL), OT_EINVAL);
    ck_msg_has("out is NULL");
    ck_status(ot_reputation(NULL, n.gemeente, n.waterschap, OT_NONE, &v), OT_EINVAL);
    ck_msg_has("m is NULL");
    ck_assert(v == 42.0);
    ck_unchanged(n.m, s);
    ot_model_free(n.m);
}
END_TEST

/* ---- an independent recomputation ---------------------------------------------- */

/* Everything below reads the model only through the public API and
 * computes each aggregate with plain doubles, straight from MODEL.md. The
 * loops are long, so they use the quiet checks of world.h. */

OT_READER(ok_quiet, quiet_trust, double, -2.0, ot_trust(m, i, j, &v), const ot_model *m, ot_id i, ot_id j)
OT_READER(ok_quiet, quiet_rep, double, -2.0, ot_reputation(m, a, b, x, &v), const ot_model *m, ot_id a, ot_id b,
          ot_id x)
OT_READER(ok_quiet, quiet_backing, double, -2.0, ot_backing(m, b, a, &v), const ot_model *m, ot_id b, ot_id a)
OT_READER(ok_quiet, quiet_standing, double, -2.0, ot_standing(m, i, &v), const ot_model *m, ot_id i)
OT_READER(ok_quiet, quiet_gap, double, -2.0, ot_bridge_gap(m, i, b, &v, NULL), const ot_model *m, ot_id i,
          ot_id b)
OT_READER(ok_quiet, quiet_damping, double, -2.0, ot_damping(m, i, j, &v), const ot_model *m, ot_id i, ot_id j)
OT_READER(ok_quiet, quiet_et, double, -2.0, ot_effective_trust(m, i, j, &v, lim), const ot_model *m, ot_id i,
          ot_id j, int *lim)

typedef struct oracle {
    const ot_model *m;
    size_t norgs, nactors, nties;
} oracle;

static oracle oracle_of(const ot_model *m)
{
    oracle o = {m, 0, 0, 0};
    ok_quiet(ot_model_count(m, OT_ORGS, &o.norgs));
    ok_quiet(ot_model_count(m, OT_ACTORS, &o.nactors));
    ok_quiet(ot_model_count(m, OT_TIES, &o.nties));
    return o;
}

static ot_id parent_of(const oracle *o, ot_id org)
{
    ot_id p;
    ok_quiet(ot_org_parent(o->m, org, &p));
    return p;
}

static int within(const oracle *o, ot_id x, ot_id a)
{
    for (; x != OT_NONE; x = parent_of(o, x))
        if (x == a)
            return 1;
    return 0;
}

static int overlap(const oracle *o, ot_id x, ot_id y) { return within(o, x, y) || within(o, y, x); }

/* The two organisations just below the lowest common ancestor. */
static void sides(const oracle *o, ot_id x, ot_id y, ot_id *sx, ot_id *sy)
{
    for (ot_id a = x;; a = parent_of(o, a)) {
        ot_id pa = parent_of(o, a);
        /* a is x's side when a's parent contains y (or a is a root and no
         * ancestor of a contains y). */
        if (pa == OT_NONE || within(o, y, pa)) {
            *sx = a;
            break;
        }
    }
    for (ot_id b = y;; b = parent_of(o, b)) {
        ot_id pb = parent_of(o, b);
        if (pb == OT_NONE || within(o, x, pb)) {
            *sy = b;
            break;
        }
    }
}

static ot_id org_of(const oracle *o, ot_id actor)
{
    ot_id org;
    ok_quiet(ot_actor_org(o->m, actor, &org));
    return org;
}

static unsigned layer_of(const oracle *o, ot_id actor)
{
    unsigned l;
    ok_quiet(ot_actor_layer(o->m, actor, &l));
    return l;
}

typedef struct dir_view {
    ot_id i, j;  /* truster, trustee */
    double T, w;
    unsigned layer; /* the tie's */
} dir_view;

static dir_view dir_of(const oracle *o, ot_id tie, int d)
{
    ot_id a, b;
    ok_quiet(ot_tie_ends(o->m, tie, &a, &b));
    dir_view v;
    v.i = d ? b : a;
    v.j = d ? a : b;
    v.T = quiet_trust(o->m, v.i, v.j);
    ok_quiet(ot_tie_get(o->m, tie, OT_TIE_INTENSITY, &v.w));
    unsigned la = layer_of(o, a), lb = layer_of(o, b);
    v.layer = la > lb ? la : lb;
    return v;
}

enum { ALL_TRUSTERS, LEADERS };

/* Weighted mean of T(i -> j) over directions with i in A (not `excl`, and
 * on a layer >= 1 for LEADERS) and j in B; the prior when none. */
static double mean_over(const oracle *o, ot_id A, ot_id B, ot_id excl, int who, double prior)
{
    double s = 0, w = 0;
    for (ot_id t = 0; t < o->nties; t++)
        for (int d = 0; d < 2; d++) {
            dir_view v = dir_of(o, t, d);
            if (v.i == excl || !within(o, org_of(o, v.i), A) || !within(o, org_of(o, v.j), B))
                continue;
            if (who == LEADERS && layer_of(o, v.i) < 1)
                continue;
            s += v.w * v.T;
            w += v.w;
        }
    return w > 0 ? s / w : prior;
}

/* Layer trust, or -1 when no tie between A and B has that layer. */
static double layer_mean(const oracle *o, ot_id A, ot_id B, unsigned L)
{
    double s = 0, w = 0;
    for (ot_id t = 0; t < o->nties; t++)
        for (int d = 0; d < 2; d++) {
            dir_view v = dir_of(o, t, d);
            ot_id oi = org_of(o, v.i), oj = org_of(o, v.j);
            int between = (within(o, oi, A) && within(o, oj, B)) || (within(o, oi, B) && within(o, oj, A));
            if (between && v.layer == L) {
                s += v.w * v.T;
                w += v.w;
            }
        }
    return w > 0 ? s / w : -1.0;
}

static double oracle_damping(const oracle *o, ot_id tie, unsigned nlayers, double theta)
{
    dir_view v = dir_of(o, tie, 0);
    ot_id x = org_of(o, v.i), y = org_of(o, v.j);
    if (overlap(o, x, y))
        return 1.0;
    ot_id A, B;
    sides(o, x, y, &A, &B);
    double climate = 2.0;
    for (unsigned L = v.layer + 1; L < nlayers; L++) {
        double lt = layer_mean(o, A, B, L);
        if (lt >= 0 && lt < climate)
            climate = lt;
    }
    return climate > 1.5 ? 1.0 : climate / theta < 1.0 ? climate / theta : 1.0;
}

static double param(const ot_model *m, int p)
{
    double v;
    ok_quiet(ot_model_param(m, p, &v));
    return v;
}

/* Compare every aggregate the model reports with the recomputation. */
static void ck_against_oracle(const ot_model *m)
{
    oracle o = oracle_of(m);
    double prior = param(m, OT_PARAM_ORG_PRIOR), theta = param(m, OT_PARAM_CLIMATE_THRESHOLD);
    unsigned nlayers;
    ok_quiet(ot_model_layers(m, &nlayers));
    for (ot_id A = 0; A < o.norgs; A++)
        for (ot_id B = 0; B < o.norgs; B++) {
            if (overlap(&o, A, B))
                continue;
            near_quiet(quiet_rep(m, A, B, OT_NONE), mean_over(&o, A, B, OT_NONE, ALL_TRUSTERS, prior), 1e-12);
            near_quiet(quiet_backing(m, A, B), mean_over(&o, A, B, OT_NONE, LEADERS, prior), 1e-12);
            for (ot_id x = 0; x < o.nactors; x += 3)
                near_quiet(quiet_rep(m, A, B, x), mean_over(&o, A, B, x, ALL_TRUSTERS, prior), 1e-12);
            for (unsigned L = 0; L < nlayers; L++) {
                double want = layer_mean(&o, A, B, L), got = -1.0;
                int rc = ot_layer_trust(m, A, B, L, &got);
                if (rc != (want < 0 ? OT_ENOTFOUND : OT_OK))
                    ck_abort_msg("layer trust %u/%u at %u: %d", (unsigned)A, (unsigned)B, L, rc);
                if (want >= 0)
                    near_quiet(got, want, 1e-12);
            }
        }
    for (ot_id i = 0; i < o.nactors; i++) {
        /* standing: T(k -> i) over i's internal ties */
        double s = 0, w = 0;
        for (ot_id t = 0; t < o.nties; t++)
            for (int d = 0; d < 2; d++) {
                dir_view v = dir_of(&o, t, d);
                if (v.j == i && overlap(&o, org_of(&o, v.i), org_of(&o, i))) {
                    s += v.w * v.T;
                    w += v.w;
                }
            }
        near_quiet(quiet_standing(m, i), w > 0 ? s / w : prior, 1e-12);
        /* bridge gap toward every organisation not overlapping i's */
        for (ot_id B = 0; B < o.norgs; B++) {
            if (overlap(&o, org_of(&o, i), B))
                continue;
            ot_id A, B2;
            sides(&o, org_of(&o, i), B, &A, &B2);
            double own_s = 0, own_w = 0;
            for (ot_id t = 0; t < o.nties; t++)
                for (int d = 0; d < 2; d++) {
                    dir_view v = dir_of(&o, t, d);
                    if (v.i == i && within(&o, org_of(&o, v.j), B)) {
                        own_s += v.w * v.T;
                        own_w += v.w;
                    }
                }
            double own = own_w > 0 ? own_s / own_w : prior;
            near_quiet(quiet_gap(m, i, B), own - mean_over(&o, A, B, i, ALL_TRUSTERS, prior), 1e-12);
        }
    }
    for (ot_id t = 0; t < o.nties; t++) {
        dir_view v0 = dir_of(&o, t, 0);
        near_quiet(quiet_damping(m, v0.i, v0.j), oracle_damping(&o, t, nlayers, theta), 1e-12);
        for (int d = 0; d < 2; d++) {
            dir_view v = dir_of(&o, t, d);
            ot_id x = org_of(&o, v.i), y = org_of(&o, v.j);
            double want = v.T, gap = 1.0;
            int lim = OT_LIMIT_PERSON;
            if (!overlap(&o, x, y)) {
                ot_id A, B;
                sides(&o, x, y, &A, &B);
                double r = mean_over(&o, A, B, v.i, ALL_TRUSTERS, prior);
                double b = mean_over(&o, B, A, OT_NONE, LEADERS, prior);
                double vals[3] = {v.T, r, b};
                for (int k = 1; k < 3; k++)
                    if (vals[k] < want) {
                        want = vals[k];
                        lim = OT_LIMIT_PERSON + k;
                    }
                /* how far the minimum stands from the runner-up */
                for (int k = 0; k < 3; k++)
                    if (k + OT_LIMIT_PERSON != lim && fabs(vals[k] - want) < gap)
                        gap = fabs(vals[k] - want);
            }
            int got_lim = -1;
            near_quiet(quiet_et(m, v.i, v.j, &got_lim), want, 1e-12);
            if (gap > 1e-9 && got_lim != lim) /* well defined only without a near tie */
                ck_abort_msg("tie %u direction %d: limit %d, expected %d", (unsigned)t, d, got_lim, lim);
        }
    }
}

/* Knuth's MMIX linear congruential step; the high half. */
static uint32_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(*s >> 32);
}

/* A random history: nested organisations, actors on every layer, ties
 * of every class, intensity and affect changes, observations and
 * propensity changes. The checker runs after every step and the oracle
 * every 40 steps. */
START_TEST(random_histories_agree_with_the_recomputation)
{
    uint64_t seed = 0x51ed270b27c3a1ULL * (uint64_t)(_i + 1);
    uint32_t r;
    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    /* G > {RO > {team}, FIN}; W > {B}; P */
    ot_id G = mk_org(m, "G", OT_NONE), RO = mk_org(m, "RO", G), W = mk_org(m, "W", OT_NONE);
    mk_org(m, "FIN", G);
    mk_org(m, "team", RO);
    mk_org(m, "B", W);
    mk_org(m, "P", OT_NONE);
    size_t norgs = 7;
    for (int i = 0; i < 14; i++) {
        r = lcg(&seed);
        mk_actor(m, (ot_id)(r % norgs), (r >> 8) % 3, OT_NONE, "someone");
    }
    double t = 0.0;
    for (int step = 1; step <= 400; step++) {
        r = lcg(&seed);
        size_t nactors, nties;
        ck_ok(ot_model_count(m, OT_ACTORS, &nactors));
        ck_ok(ot_model_count(m, OT_TIES, &nties));
        double u = (double)(r & 0xffff) / 65536.0;
        switch (r % 7) {
        case 0: {
            ot_id a = (ot_id)((r >> 8) % nactors), b = (ot_id)((r >> 16) % nactors);
            ot_id tie;
            if (a != b && ot_tie_find(m, a, b, &tie) != OT_OK)
                mk_tie(m, a, b, u, 1.0 - u);
            break;
        }
        case 1:
            if (nties)
                ck_ok(ot_tie_set(m, (ot_id)((r >> 8) % nties), OT_TIE_INTENSITY, 0.125 + 8.0 * u));
            break;
        case 2:
            if (nties)
                ck_ok(ot_tie_set(m, (ot_id)((r >> 8) % nties), OT_TIE_AFFECT, u));
            break;
        case 3:
            ck_ok(ot_actor_set_propensity(m, (ot_id)((r >> 8) % nactors), u));
            break;
        case 4:
            if (nactors < 24)
                mk_actor(m, (ot_id)((r >> 8) % norgs), (r >> 16) % 3, OT_NONE, "newcomer");
            break;
        default:
            if (nties) {
                ot_id a, b;
                ck_ok(ot_tie_ends(m, (ot_id)((r >> 8) % nties), &a, &b));
                t += (r >> 20) % 3;
                ck_ok(ot_observe(m, (r >> 19) & 1 ? a : b, (r >> 19) & 1 ? b : a, OTI_KIND_FIRST + (int)((r >> 21) % OTI_NKINDS),
                                 0.25 + 4.0 * u, t));
            }
            break;
        }
        ck_ok(ot_model_check(m));
        if (step % 40 == 0)
            ck_against_oracle(m);
    }
    size_t nties;
    ck_ok(ot_model_count(m, OT_TIES, &nties));
    ck_assert(nties >= 20); /* the history really built a network */
    ot_model_free(m);
}
END_TEST

/* Organisations nested as deep as allowed (16 levels): a tie between the
 * two deepest feeds every pair of their ancestors, 16 x 16 = 256 of them
 * under two roots, 15 x 15 under one. */
START_TEST(the_deepest_nesting_feeds_every_ancestor_pair)
{
    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    ot_id a[16], b[16];
    ot_id root = _i ? mk_org(m, "Provincie", OT_NONE) : OT_NONE;
    a[0] = mk_org(m, "A0", root);
    b[0] = mk_org(m, "B0", root);
    for (int d = 1; d < 16 - _i; d++) {
        a[d] = mk_org(m, "A", a[d - 1]);
        b[d] = mk_org(m, "B", b[d - 1]);
    }
    int deep = 15 - _i;
    ot_id x = mk_actor(m, a[deep], 0, OT_NONE, "x"), y = mk_actor(m, b[deep], 0, OT_NONE, "y");
    ot_id x7 = mk_actor(m, a[7], 1, OT_NONE, "x7"), y3 = mk_actor(m, b[3], 2, OT_NONE, "y3");
    ot_id x0 = mk_actor(m, a[0], 2, OT_NONE, "x0");
    mk_tie(m, x, y, 0.75, 0.25);
    mk_tie(m, x7, y3, 0.5, 0.625);
    mk_tie(m, x0, y3, 0.125, 0.875);
    mk_tie(m, x, x0, 0.5, 0.5); /* internal */
    /* rep(A_deep -> B_deep) = 0.75; rep(A_0 -> B_0): (0.75 + 0.5 + 0.125) / 3 */
    ck_near(rep_of(m, a[deep], b[deep], OT_NONE), 0.75, 1e-15);
    ck_near(rep_of(m, a[deep], b[0], OT_NONE), 0.75, 1e-15);
    ck_near(rep_of(m, a[0], b[0], OT_NONE), 1.375 / 3.0, 1e-15);
    /* rep(A_7 -> B_3): x's 0.75 and x7's 0.5 */
    ck_near(rep_of(m, a[7], b[3], OT_NONE), 0.625, 1e-15);
    ck_ok(ot_observe(m, x, y, OT_DELIVERED, 2.0, 1.0));
    ck_ok(ot_observe(m, y3, x0, OT_CONCEALED, 1.0, 2.0));
    ck_ok(ot_model_check(m));
    ck_against_oracle(m);
    ot_model_free(m);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("aggregate");
    TCase *tc = tcase_create("reputation");
    tcase_add_test(tc, reputation_is_the_weighted_mean_over_ties);
    tcase_add_test(tc, reputation_without_the_only_truster_is_the_prior);
    tcase_add_test(tc, a_departments_ties_count_for_its_municipality);
    tcase_add_test(tc, backing_counts_only_leaders_as_trusters);
    tcase_add_test(tc, layer_trust_pools_both_directions_by_tie_layer);
    tcase_add_test(tc, overlapping_organisations_have_no_pair_view);
    suite_add_tcase(s, tc);
    tc = tcase_create("climate");
    tcase_add_test(tc, climate_is_the_lowest_layer_trust_above);
    tcase_add_test(tc, climate_skips_layers_without_ties_and_caps_at_one);
    tcase_add_test(tc, climate_belongs_to_the_organisation_pair);
    tcase_add_test(tc, the_checker_recomputes_the_climate_cache);
    suite_add_tcase(s, tc);
    tc = tcase_create("person and organisation");
    tcase_add_loop_test(tc, effective_trust_is_the_weakest_of_person_and_organisation, 0,
                        (int)(sizeof ET_CASES / sizeof ET_CASES[0]));
    tcase_add_test(tc, effective_trust_of_the_other_side_and_inside);
    tcase_add_test(tc, bridge_gap_at_its_edge);
    tcase_add_test(tc, bridge_gap_compares_own_trust_with_the_colleagues);
    tcase_add_test(tc, bridge_side_is_found_below_the_common_ancestor);
    tcase_add_test(tc, standing_counts_internal_ties_only);
    suite_add_tcase(s, tc);
    tc = tcase_create("recomputation");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, random_histories_agree_with_the_recomputation, 0, 3);
    tcase_add_loop_test(tc, the_deepest_nesting_feeds_every_ancestor_pair, 0, 2);
    tcase_add_test(tc, terms_convert_like_the_compiler);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return ot_run_suite(suite()); }
