/* lib/trust.c: evidence, decay, and trust that comes on foot and leaves on
 * horseback (MODEL.md section 2). Expected values are worked out by hand in
 * the comments. */
#include "world.h"
#include "kinds.h" /* the observation kinds: generators draw from all of them */

#include <stdio.h>
#include <string.h>

/* Roy (gemeente, operational) and Fatima (waterschap, operational), one tie. */
typedef struct pair_fixture {
    ot_model *m;
    ot_id g, w, roy, fatima, tie;
} pair_fixture;

/* The two of them in a given model (taken over by the fixture), not yet
 * tied (f.tie is OT_NONE). */
static pair_fixture two_strangers_in(ot_model *m, double p_roy, double p_fatima)
{
    pair_fixture f;
    f.m = m;
    ck_ok(ot_org_add(f.m, "Gemeente", OT_NONE, &f.g));
    ck_ok(ot_org_add(f.m, "Waterschap", OT_NONE, &f.w));
    ck_ok(ot_actor_add(f.m, f.g, 0, OT_NONE, "Roy", &f.roy));
    ck_ok(ot_actor_add(f.m, f.w, 0, OT_NONE, "Fatima", &f.fatima));
    ck_ok(ot_actor_set_propensity(f.m, f.roy, p_roy));
    ck_ok(ot_actor_set_propensity(f.m, f.fatima, p_fatima));
    f.tie = OT_NONE;
    return f;
}

/* The pair in a given model (taken over by the fixture). */
static pair_fixture two_people_in(ot_model *m, double p_roy, double p_fatima)
{
    pair_fixture f = two_strangers_in(m, p_roy, p_fatima);
    ck_ok(ot_tie_add(f.m, f.roy, f.fatima, &f.tie));
    return f;
}

static pair_fixture two_people(double p_roy, double p_fatima)
{
    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    return two_people_in(m, p_roy, p_fatima);
}

START_TEST(trust_starts_at_propensity)
{
    pair_fixture f = two_people(0.6, 0.3);
    ck_near(trust_of(f.m, f.roy, f.fatima), 0.6, 0.0);
    ck_near(trust_of(f.m, f.fatima, f.roy), 0.3, 0.0);
    ot_model_free(f.m);
}
END_TEST

START_TEST(gain_is_a_share_of_the_gap)
{
    pair_fixture f = two_people(0.5, 0.5);
    /* T = 0.5 + (1 - 0.95^1) * (1 - 0.5) = 0.525 */
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_KEPT, 1.0, 1.0));
    ck_near(trust_of(f.m, f.roy, f.fatima), 0.525, 1e-15);
    /* 0.525 + 0.05 * 0.475 = 0.54875 */
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_DELIVERED, 0.0, 2.0)); /* magnitude 0 means 1 */
    ck_near(trust_of(f.m, f.roy, f.fatima), 0.54875, 1e-15);
    /* The other direction did not move. */
    ck_near(trust_of(f.m, f.fatima, f.roy), 0.5, 0.0);
    ot_model_free(f.m);
}
END_TEST

START_TEST(magnitude_counts_as_unit_events)
{
    pair_fixture f = two_people(0.5, 0.5);
    /* One DELIVERED of magnitude 2: 0.5 + (1 - 0.95^2) * 0.5 = 0.5 + 0.0975 * 0.5 = 0.54875,
     * the same as two unit events. */
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_DELIVERED, 2.0, 1.0));
    ck_near(trust_of(f.m, f.roy, f.fatima), 0.54875, 1e-15);
    ot_model_free(f.m);
}
END_TEST

START_TEST(on_foot_and_on_horseback)
{
    pair_fixture f = two_people(0.8, 0.5);
    /* One unit loss from 0.8: 0.8 * (1 - 0.25) = 0.6. */
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_BROKEN, 1.0, 1.0));
    ck_near(trust_of(f.m, f.roy, f.fatima), 0.6, 1e-15);
    /* Back to 0.8 the gap 1 - T must shrink from 0.4 to 0.2: 0.95^n <= 0.5,
     * n = ln 0.5 / ln 0.95 = 13.51, so 13 gains are not enough and 14 are. */
    for (int k = 0; k < 13; k++)
        ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_KEPT, 1.0, 2.0 + k));
    /* 1 - 0.4 * 0.95^13 = 1 - 0.4 * 0.513342 = 0.794663 */
    ck_near(trust_of(f.m, f.roy, f.fatima), 1.0 - 0.4 * pow(0.95, 13), 1e-12);
    ck_assert(trust_of(f.m, f.roy, f.fatima) < 0.8);
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_KEPT, 1.0, 20.0));
    ck_assert(trust_of(f.m, f.roy, f.fatima) >= 0.8);
    ot_model_free(f.m);
}
END_TEST

START_TEST(trustworthiness_and_expectation)
{
    pair_fixture f = two_people(0.5, 0.5);
    double v;
    /* No evidence: every E_d = 1/2, TW = 1/2. */
    ck_ok(ot_trustworthiness(f.m, f.roy, f.fatima, &v));
    ck_near(v, 0.5, 1e-15);
    /* One kept agreement: r_integrity = 1, E_integrity = 2/3;
     * TW = 0.3 * 0.5 + 0.3 * 0.5 + 0.4 * 2/3 = 0.566666... */
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_KEPT, 1.0, 0.0));
    ck_ok(ot_expectation(f.m, f.roy, f.fatima, OT_INTEGRITY, &v));
    ck_near(v, 2.0 / 3.0, 1e-15);
    ck_ok(ot_trustworthiness(f.m, f.roy, f.fatima, &v));
    ck_near(v, 0.15 + 0.15 + 0.4 * 2.0 / 3.0, 1e-15);
    ot_model_free(f.m);
}
END_TEST

START_TEST(evidence_half_life)
{
    pair_fixture f = two_people(0.5, 0.5);
    double v;
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_KEPT, 1.0, 0.0));
    /* A year later (one half-life) the counter reads 0.5 without new
     * evidence: E = (0.5 + 1) / (0.5 + 2) = 0.6 ... */
    ck_ok(ot_observe(f.m, f.fatima, f.roy, OT_DELIVERED, 1.0, 365.0));
    ck_ok(ot_expectation(f.m, f.roy, f.fatima, OT_INTEGRITY, &v));
    ck_near(v, 0.6, 1e-15);
    /* ... and a new kept agreement adds to the decayed 0.5: r = 1.5,
     * E = 2.5 / 3.5. */
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_KEPT, 1.0, 365.0));
    ck_ok(ot_expectation(f.m, f.roy, f.fatima, OT_INTEGRITY, &v));
    ck_near(v, 2.5 / 3.5, 1e-15);
    ot_model_free(f.m);
}
END_TEST

START_TEST(one_clock_per_tie)
{
    /* Evidence on one direction brings the other direction's counters to
     * its time too (the tie has one clock): fading in two steps must give
     * what one step gives, 2^(-100/365) * 2^(-265/365) = 2^-1, to 1e-12. */
    pair_fixture f = two_people(0.5, 0.5);
    double v;
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_KEPT, 1.0, 0.0));
    ck_ok(ot_observe(f.m, f.fatima, f.roy, OT_DELIVERED, 1.0, 100.0));
    ck_ok(ot_observe(f.m, f.fatima, f.roy, OT_DELIVERED, 1.0, 365.0));
    ck_ok(ot_expectation(f.m, f.roy, f.fatima, OT_INTEGRITY, &v));
    ck_near(v, 1.5 / 2.5, 1e-12);
    ck_ok(ot_model_check(f.m));
    ot_model_free(f.m);
}
END_TEST

START_TEST(tie_attributes_round_trip)
{
    /* Defaults take no room; any other value, -0 included, is kept exactly. */
    pair_fixture f = two_people(0.5, 0.5);
    double v;
    ck_ok(ot_tie_set(f.m, f.tie, OT_TIE_UNCERTAINTY, 0.5));
    ck_ok(ot_tie_get(f.m, f.tie, OT_TIE_UNCERTAINTY, &v));
    ck_near(v, 0.5, 0.0);
    ck_ok(ot_tie_set(f.m, f.tie, OT_TIE_AFFECT, -0.0));
    ck_ok(ot_tie_get(f.m, f.tie, OT_TIE_AFFECT, &v));
    ck_assert(v == 0.0 && signbit(v));
    ck_ok(ot_tie_set(f.m, f.tie, OT_TIE_INTENSITY, 2.5));
    ck_ok(ot_tie_get(f.m, f.tie, OT_TIE_INTENSITY, &v));
    ck_near(v, 2.5, 0.0);
    ck_ok(ot_tie_get(f.m, f.tie, OT_TIE_UNCERTAINTY, &v));
    ck_near(v, 0.5, 0.0);
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_LET_DOWN, 1.0, 1.0));
    ck_ok(ot_model_check(f.m));
    ot_model_free(f.m);
}
END_TEST

START_TEST(batch_equals_one_by_one)
{
    pair_fixture a = two_people(0.5, 0.4), b = two_people(0.5, 0.4);
    ot_observation obs[64];
    unsigned seed = 12345;
    for (int i = 0; i < 64; i++) {
        seed = seed * 1103515245u + 12345u;
        int dir = (seed >> 16) & 1;
        obs[i] = (ot_observation){.truster = dir ? a.roy : a.fatima,
                                  .trustee = dir ? a.fatima : a.roy,
                                  .kind = (int32_t)(OTI_KIND_FIRST + (seed >> 17) % OTI_NKINDS),
                                  .reserved = 0,
                                  .magnitude = ((seed >> 20) % 5) * 0.5,
                                  .t = i * 3.5};
        ck_ok(ot_observe(a.m, obs[i].truster, obs[i].trustee, obs[i].kind, obs[i].magnitude, obs[i].t));
    }
    size_t applied = 0;
    ck_ok(ot_observe_batch(b.m, obs, 64, &applied));
    ck_assert_uint_eq(applied, 64);
    ot_state sa = ot_state_of(a.m), sb = ot_state_of(b.m);
    ck_assert(sa.digest == sb.digest);
    ot_model_free(a.m);
    ot_model_free(b.m);
}
END_TEST

START_TEST(bad_observations_change_nothing)
{
    pair_fixture f = two_people(0.5, 0.5);
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_KEPT, 1.0, 5.0));
    ot_state s = ot_state_of(f.m);
    ck_status(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_KEPT, NAN, 6.0), OT_EINVAL);
    ck_msg_has("magnitude");
    ck_status(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_KEPT, -1.0, 6.0), OT_EINVAL);
    ck_status(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_KEPT, 10.5, 6.0), OT_EINVAL);
    ck_status(ot_observe(f.m, f.roy, f.fatima, 9, 1.0, 6.0), OT_EINVAL);
    ck_msg_has("kind = 9");
    ck_status(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_KEPT, 1.0, 4.0), OT_ETIME);
    ck_msg_has("t = 4");
    ck_status(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_KEPT, 1.0, INFINITY), OT_EINVAL);
    ck_status(ot_observe(f.m, f.roy, 99, OT_AGREEMENT_KEPT, 1.0, 6.0), OT_ENOTFOUND);
    ck_msg_has("trustee = 99");
    ck_status(ot_observe(f.m, f.roy, f.roy, OT_AGREEMENT_KEPT, 1.0, 6.0), OT_EINVAL);
    ck_status(ot_observe(NULL, f.roy, f.fatima, OT_AGREEMENT_KEPT, 1.0, 6.0), OT_EINVAL);
    ot_observation obs[3] = {
        {f.roy, f.fatima, OT_DELIVERED, 0, 1.0, 6.0},
        {f.fatima, f.roy, OT_DELIVERED, 0, 1.0, 7.0},
        {f.fatima, f.roy, OT_DELIVERED, 0, 1.0, 6.5},
    };
    size_t applied = 99;
    ck_status(ot_observe_batch(f.m, obs, 3, &applied), OT_ETIME);
    ck_assert_uint_eq(applied, 2);
    ck_msg_has("obs[2]");
    ck_unchanged(f.m, s);
    ot_model_free(f.m);
}
END_TEST

/* ---- the observation table ---------------------------------------------- */

static double expectation_of(const ot_model *m, ot_id truster, ot_id trustee, int dim)
{
    double v = -1.0;
    ck_ok(ot_expectation(m, truster, trustee, dim, &v));
    return v;
}

typedef struct opinion {
    double b, d, u, a;
} opinion;

static opinion opinion_of(const ot_model *m, ot_id truster, ot_id trustee)
{
    opinion o = {-1, -1, -1, -1};
    ck_ok(ot_opinion(m, truster, trustee, &o.b, &o.d, &o.u, &o.a));
    return o;
}

/* One unit observation of each kind from T = 0.5 with no evidence: the
 * dimension it feeds, its E_d, the new T, and the opinion (b, d, u). The
 * two other dimensions stay at E = (0 + 1) / (0 + 0 + 2) = 1/2. */
static const struct {
    int kind, dim;
    double E, T, b, d, u;
} KIND_TABLE[] = {
    /* integrity +1: E = 2/3; T = 0.5 + 0.05 * 0.5 = 0.525; R = 1: b = 1/3, u = 2/3 */
    {OT_AGREEMENT_KEPT, OT_INTEGRITY, 2.0 / 3.0, 0.525, 1.0 / 3.0, 0.0, 2.0 / 3.0},
    /* integrity -1: E = 1/3; T = 0.5 * 0.75 = 0.375; S = 1: d = 1/3 */
    {OT_AGREEMENT_BROKEN, OT_INTEGRITY, 1.0 / 3.0, 0.375, 0.0, 1.0 / 3.0, 2.0 / 3.0},
    /* ability +1 */
    {OT_DELIVERED, OT_ABILITY, 2.0 / 3.0, 0.525, 1.0 / 3.0, 0.0, 2.0 / 3.0},
    /* ability -1 */
    {OT_FAILED_DELIVERY, OT_ABILITY, 1.0 / 3.0, 0.375, 0.0, 1.0 / 3.0, 2.0 / 3.0},
    /* benevolence +2: E = 3/4; T = 0.5 + (1 - 0.95^2) * 0.5 = 0.5 + 0.0975 * 0.5 = 0.54875;
     * R = 2: b = 2/4, u = 2/4 */
    {OT_WENT_BEYOND, OT_BENEVOLENCE, 0.75, 0.54875, 0.5, 0.0, 0.5},
    /* benevolence -2: E = 1/4; T = 0.5 * 0.75^2 = 0.28125; d = 2/4 */
    {OT_LET_DOWN, OT_BENEVOLENCE, 0.25, 0.28125, 0.0, 0.5, 0.5},
    /* integrity +0.5: E = 1.5 / 2.5 = 0.6; T = 0.5 + (1 - 0.95^0.5) * 0.5
     * = 1 - 0.5 * sqrt(0.95) = 0.51266...; R = 0.5: b = 0.5 / 2.5 = 0.2, u = 0.8 */
    {OT_DISCLOSED, OT_INTEGRITY, 0.6, 0.51266028275955183, 0.2, 0.0, 0.8},
    /* integrity -1 */
    {OT_CONCEALED, OT_INTEGRITY, 1.0 / 3.0, 0.375, 0.0, 1.0 / 3.0, 2.0 / 3.0},
};

START_TEST(every_kind_feeds_its_dimension_with_its_sign_and_weight)
{
    pair_fixture f = two_people(0.5, 0.5);
    ck_ok(ot_observe(f.m, f.roy, f.fatima, KIND_TABLE[_i].kind, 1.0, 0.0));
    for (int dim = OT_ABILITY; dim <= OT_INTEGRITY; dim++)
        ck_near(expectation_of(f.m, f.roy, f.fatima, dim), dim == KIND_TABLE[_i].dim ? KIND_TABLE[_i].E : 0.5,
                1e-15);
    ck_near(trust_of(f.m, f.roy, f.fatima), KIND_TABLE[_i].T, 1e-15);
    opinion o = opinion_of(f.m, f.roy, f.fatima);
    ck_near(o.b, KIND_TABLE[_i].b, 1e-15);
    ck_near(o.d, KIND_TABLE[_i].d, 1e-15);
    ck_near(o.u, KIND_TABLE[_i].u, 1e-15);
    /* Nothing reached the other direction. */
    ck_assert(trust_of(f.m, f.fatima, f.roy) == 0.5);
    ck_near(tw_of(f.m, f.fatima, f.roy), 0.5, 1e-15);
    ot_model_free(f.m);
}
END_TEST

START_TEST(magnitude_multiplies_the_weight)
{
    pair_fixture f = two_people(0.5, 0.5);
    /* WENT_BEYOND of magnitude 1.5 is 2 * 1.5 = 3 units: r_b = 3,
     * E = 4/5; T = 1 - 0.5 * 0.95^3 = 1 - 0.5 * 0.857375 = 0.5713125. */
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_WENT_BEYOND, 1.5, 0.0));
    ck_near(expectation_of(f.m, f.roy, f.fatima, OT_BENEVOLENCE), 0.8, 1e-15);
    ck_near(trust_of(f.m, f.roy, f.fatima), 0.5713125, 1e-15);
    /* LET_DOWN of magnitude 0.25 the other way is 0.5 units: s_b = 0.5,
     * E = 1 / 2.5 = 0.4; T = 0.5 * 0.75^0.5 = 0.5 * sqrt(0.75) = 0.43301270189221935. */
    ck_ok(ot_observe(f.m, f.fatima, f.roy, OT_LET_DOWN, 0.25, 0.0));
    ck_near(expectation_of(f.m, f.fatima, f.roy, OT_BENEVOLENCE), 0.4, 1e-15);
    ck_near(trust_of(f.m, f.fatima, f.roy), 0.43301270189221935, 1e-15);
    /* The largest magnitude, 10: CONCEALED 10 units, T = 0.5 * 0.75^10
     * = 0.5 * 0.056313514709472656 = 0.028156757354736328. */
    ck_ok(ot_observe(f.m, f.fatima, f.roy, OT_CONCEALED, 10.0, 0.0));
    ck_near(trust_of(f.m, f.fatima, f.roy), 0.43301270189221935 * 0.056313514709472656, 1e-15);
    ot_model_free(f.m);
}
END_TEST

START_TEST(opinion_counts_all_evidence)
{
    pair_fixture f = two_people(0.5, 0.5);
    /* R = 1 + 1 + 2 (went beyond) = 4, S = 0.5 (failed, magnitude 0.5);
     * K = R + S + 2 = 6.5: b = 4/6.5, d = 0.5/6.5, u = 2/6.5. */
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_KEPT, 1.0, 0.0));
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_DELIVERED, 1.0, 0.0));
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_WENT_BEYOND, 1.0, 0.0));
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_FAILED_DELIVERY, 0.5, 0.0));
    opinion o = opinion_of(f.m, f.roy, f.fatima);
    ck_near(o.b, 4.0 / 6.5, 1e-15);
    ck_near(o.d, 0.5 / 6.5, 1e-15);
    ck_near(o.u, 2.0 / 6.5, 1e-15);
    ck_near(o.b + o.d + o.u, 1.0, 1e-15);
    ck_assert(o.a == 0.5); /* the base rate: Roy's propensity */
    /* The base rate follows Roy's current propensity. */
    ck_ok(ot_actor_set_propensity(f.m, f.roy, 0.25));
    ck_assert(opinion_of(f.m, f.roy, f.fatima).a == 0.25);
    ck_assert(opinion_of(f.m, f.fatima, f.roy).a == 0.5);
    ot_state s = ot_state_of(f.m);
    double x = 42.0;
    ck_status(ot_opinion(f.m, f.roy, f.fatima, NULL, &x, &x, &x), OT_EINVAL);
    ck_msg_has("b is NULL");
    ck_status(ot_opinion(f.m, f.roy, f.fatima, &x, NULL, &x, &x), OT_EINVAL);
    ck_msg_has("d is NULL");
    ck_status(ot_opinion(f.m, f.roy, f.fatima, &x, &x, NULL, &x), OT_EINVAL);
    ck_msg_has("u is NULL");
    ck_status(ot_opinion(f.m, f.roy, f.fatima, &x, &x, &x, NULL), OT_EINVAL);
    ck_msg_has("a is NULL");
    ck_status(ot_opinion(f.m, f.roy, 7, &x, &x, &x, &x), OT_ENOTFOUND);
    ck_msg_has("trustee = 7");
    ck_status(ot_opinion(NULL, f.roy, f.fatima, &x, &x, &x, &x), OT_EINVAL);
    ck_msg_has("m is NULL");
    ck_status(ot_expectation(f.m, f.roy, f.fatima, 4, &x), OT_EINVAL);
    ck_msg_has("dim = 4");
    ck_status(ot_expectation(f.m, f.roy, f.fatima, 0, &x), OT_EINVAL);
    ck_msg_has("dim = 0");
    ck_status(ot_trustworthiness(f.m, f.roy, f.fatima, NULL), OT_EINVAL);
    ck_status(ot_trust(f.m, f.roy, f.roy, &x), OT_EINVAL);
    ck_msg_has("same actor");
    ck_assert(x == 42.0);
    ck_unchanged(f.m, s);
    ot_model_free(f.m);
}
END_TEST

/* ---- decay ------------------------------------------------------------------ */

START_TEST(counters_halve_every_half_life)
{
    pair_fixture f = two_people_in(model_with(OT_PARAM_EVIDENCE_HALF_LIFE, 10.0), 0.5, 0.5);
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_KEPT, 1.0, 0.0));
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_FAILED_DELIVERY, 1.0, 0.0));
    /* The model's clock moves on through the other direction: at t = 20 (two
     * half-lives) r_i = s_a = 1/4. E_i = 1.25 / 2.25 = 5/9, E_a = 1 / 2.25
     * = 4/9; R = S = 0.25: b = d = 0.25 / 2.5 = 0.1, u = 2 / 2.5 = 0.8. */
    ck_ok(ot_observe(f.m, f.fatima, f.roy, OT_DELIVERED, 1.0, 20.0));
    ck_near(expectation_of(f.m, f.roy, f.fatima, OT_INTEGRITY), 5.0 / 9.0, 1e-15);
    ck_near(expectation_of(f.m, f.roy, f.fatima, OT_ABILITY), 4.0 / 9.0, 1e-15);
    opinion o = opinion_of(f.m, f.roy, f.fatima);
    ck_near(o.b, 0.1, 1e-15);
    ck_near(o.d, 0.1, 1e-15);
    ck_near(o.u, 0.8, 1e-15);
    /* T is a state of its own and does not decay: 0.5 + 0.025 = 0.525,
     * then * 0.75 = 0.39375. */
    ck_near(trust_of(f.m, f.roy, f.fatima), 0.39375, 1e-15);
    /* Evidence at t = 30 lands on counters decayed to t = 30 (not to the
     * last query): s_a = 1/8 + 1 = 1.125, E_a = 1 / (1.125 + 2) = 0.32. */
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_FAILED_DELIVERY, 1.0, 30.0));
    ck_near(expectation_of(f.m, f.roy, f.fatima, OT_ABILITY), 0.32, 1e-15);
    /* Every counter of the direction decayed with it: r_i = 1/8, s_i = 0,
     * E_i = 1.125 / 2.125. */
    ck_near(expectation_of(f.m, f.roy, f.fatima, OT_INTEGRITY), 1.125 / 2.125, 1e-15);
    ot_model_free(f.m);
}
END_TEST

/* Half-lives that switch decay off: zero, negative, +inf. */
static const double NO_DECAY[] = {0.0, -5.0, INFINITY};

START_TEST(no_decay_without_a_positive_finite_half_life)
{
    pair_fixture f = two_people_in(model_with(OT_PARAM_EVIDENCE_HALF_LIFE, NO_DECAY[_i]), 0.5, 0.5);
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_KEPT, 1.0, 0.0));
    ck_ok(ot_observe(f.m, f.fatima, f.roy, OT_DELIVERED, 1.0, 1000.0));
    /* A thousand days on, still E = 2/3 and R = 1. */
    ck_near(expectation_of(f.m, f.roy, f.fatima, OT_INTEGRITY), 2.0 / 3.0, 1e-15);
    ck_near(opinion_of(f.m, f.roy, f.fatima).b, 1.0 / 3.0, 1e-15);
    /* And new evidence adds to the full counter: r = 2, E = 3/4. */
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_KEPT, 1.0, 5000.0));
    ck_near(expectation_of(f.m, f.roy, f.fatima, OT_INTEGRITY), 0.75, 1e-15);
    ot_model_free(f.m);
}
END_TEST

START_TEST(queries_never_change_the_model)
{
    pair_fixture f = two_people_in(model_with(OT_PARAM_EVIDENCE_HALF_LIFE, 10.0), 0.5, 0.5);
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_KEPT, 1.0, 0.0));
    ck_ok(ot_observe(f.m, f.fatima, f.roy, OT_DELIVERED, 1.0, 10.0));
    ot_state s = ot_state_of(f.m);
    /* Every query of this suite's concern, twice. */
    for (int round = 0; round < 2; round++) {
        double v;
        int flag;
        ck_near(expectation_of(f.m, f.roy, f.fatima, OT_INTEGRITY), 1.5 / 2.5, 1e-15); /* r = 1/2 */
        ck_ok(ot_trustworthiness(f.m, f.roy, f.fatima, &v));
        opinion_of(f.m, f.roy, f.fatima);
        ck_ok(ot_dark_side(f.m, f.roy, f.fatima, &flag));
        ck_ok(ot_cooperation_basis(f.m, f.roy, f.fatima, &flag));
        ck_ok(ot_effective_trust(f.m, f.roy, f.fatima, &v, &flag));
        ck_ok(ot_damping(f.m, f.roy, f.fatima, &v));
        trust_of(f.m, f.roy, f.fatima);
    }
    ck_unchanged(f.m, s);
    /* Had a query stored its decayed view, the next step would decay twice:
     * at t = 20, r_i = 1/4 and E_i = 1.25 / 2.25 = 5/9. */
    ck_ok(ot_observe(f.m, f.fatima, f.roy, OT_DELIVERED, 1.0, 20.0));
    ck_near(expectation_of(f.m, f.roy, f.fatima, OT_INTEGRITY), 5.0 / 9.0, 1e-15);
    ot_model_free(f.m);
}
END_TEST

/* ---- the dark side of a click ------------------------------------------------ */

START_TEST(affect_softens_losses_only)
{
    pair_fixture f = two_people(0.5, 0.5);
    ck_ok(ot_tie_set(f.m, f.tie, OT_TIE_AFFECT, 0.8));
    /* l_eff = 0.25 * (1 - 0.9 * 0.8) = 0.25 * 0.28 = 0.07: T = 0.5 * 0.93 = 0.465 */
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_BROKEN, 1.0, 0.0));
    ck_near(trust_of(f.m, f.roy, f.fatima), 0.5 * (1.0 - 0.25 * (1.0 - 0.9 * 0.8)), 1e-15);
    ck_near(trust_of(f.m, f.roy, f.fatima), 0.465, 1e-15);
    /* Magnitude 2: 0.465 * 0.93^2 = 0.4021785 */
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_FAILED_DELIVERY, 2.0, 0.0));
    ck_near(trust_of(f.m, f.roy, f.fatima), 0.4021785, 1e-15);
    /* Affect 1: l_eff = 0.25 * 0.1 = 0.025: 0.5 * 0.975 = 0.4875 */
    ck_ok(ot_tie_set(f.m, f.tie, OT_TIE_AFFECT, 1.0));
    ck_ok(ot_observe(f.m, f.fatima, f.roy, OT_CONCEALED, 1.0, 0.0));
    ck_near(trust_of(f.m, f.fatima, f.roy), 0.4875, 1e-15);
    /* Gains are untouched by the click: 0.4875 + 0.05 * 0.5125 = 0.513125 */
    ck_ok(ot_observe(f.m, f.fatima, f.roy, OT_DELIVERED, 1.0, 0.0));
    ck_near(trust_of(f.m, f.fatima, f.roy), 0.513125, 1e-15);
    /* The record does not care about the click: s_a = 2, E_a = 1/4. */
    ck_near(expectation_of(f.m, f.roy, f.fatima, OT_ABILITY), 0.25, 1e-15);
    ot_model_free(f.m);
}
END_TEST

START_TEST(dark_side_strength_is_a_parameter)
{
    /* k = 0: affect 1 changes nothing, T = 0.5 * 0.75 = 0.375 */
    pair_fixture f = two_people_in(model_with(OT_PARAM_DARK_SIDE, 0.0), 0.5, 0.5);
    ck_ok(ot_tie_set(f.m, f.tie, OT_TIE_AFFECT, 1.0));
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_BROKEN, 1.0, 0.0));
    ck_near(trust_of(f.m, f.roy, f.fatima), 0.375, 1e-15);
    ot_model_free(f.m);
    /* k = 1 and affect 1: l_eff = 0, no loss at all */
    f = two_people_in(model_with(OT_PARAM_DARK_SIDE, 1.0), 0.5, 0.5);
    ck_ok(ot_tie_set(f.m, f.tie, OT_TIE_AFFECT, 1.0));
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_BROKEN, 10.0, 0.0));
    ck_assert(trust_of(f.m, f.roy, f.fatima) == 0.5);
    ot_model_free(f.m);
}
END_TEST

/* T frozen at the propensity (g = l = 0) and TW = E_ability (all weight on
 * ability), so the two conditions of the flag can be set exactly. */
static const ot_setting FROZEN_ABILITY[] = {
    {OT_PARAM_GAIN_RATE, 0.0},
    {OT_PARAM_LOSS_RATE, 0.0},
    {OT_PARAM_WEIGHT_ABILITY, 1.0},
    {OT_PARAM_WEIGHT_BENEVOLENCE, 0.0},
    {OT_PARAM_WEIGHT_INTEGRITY, 0.0},
    {OT_PARAM_EVIDENCE_HALF_LIFE, 10.0},
};

/* Roy at propensity T, with delivered r and failed s on ability at t = 0. */
static pair_fixture frozen_pair(double T, double r, double s)
{
    pair_fixture f = two_people_in(model_set(FROZEN_ABILITY, 6), T, 0.5);
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_DELIVERED, r, 0.0));
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_FAILED_DELIVERY, s, 0.0));
    ck_assert(trust_of(f.m, f.roy, f.fatima) == T);
    return f;
}

START_TEST(dark_side_flag_at_its_edges)
{
    /* r = s = 2.5: evidence R + S = 5 (the minimum), E_a = 3.5 / 7 = 0.5 = TW.
     * T = 0.75: T - TW = 0.25, exactly the gap: flagged. */
    pair_fixture f = frozen_pair(0.75, 2.5, 2.5);
    ck_assert(tw_of(f.m, f.roy, f.fatima) == 0.5);
    ck_assert_int_eq(dark_side_of(f.m, f.roy, f.fatima), 1);
    ck_assert_int_eq(dark_side_of(f.m, f.fatima, f.roy), 0); /* no evidence that way */
    ot_model_free(f.m);
    /* T = 0.75 - 2^-30: the gap falls short by 2^-30. */
    f = frozen_pair(0.75 - 0x1p-30, 2.5, 2.5);
    ck_assert_int_eq(dark_side_of(f.m, f.roy, f.fatima), 0);
    ot_model_free(f.m);
    /* T = 1, gap about 0.5, but evidence 2.5 + (2.5 - 2^-20) < 5. */
    f = frozen_pair(1.0, 2.5, 2.5 - 0x1p-20);
    ck_assert_int_eq(dark_side_of(f.m, f.roy, f.fatima), 0);
    ot_model_free(f.m);
    f = frozen_pair(1.0, 2.5, 2.5);
    ck_assert_int_eq(dark_side_of(f.m, f.roy, f.fatima), 1);
    /* The flag reads decayed evidence: one half-life later R + S = 2.5 < 5,
     * while E_a = (1.25 + 1) / (2.5 + 2) = 0.5 is as before. */
    ck_ok(ot_observe(f.m, f.fatima, f.roy, OT_DELIVERED, 1.0, 10.0));
    ck_assert(tw_of(f.m, f.roy, f.fatima) == 0.5);
    ck_assert_int_eq(dark_side_of(f.m, f.roy, f.fatima), 0);
    ot_model_free(f.m);
}
END_TEST

START_TEST(dark_side_thresholds_are_parameters)
{
    /* min evidence 0 and gap 0.5: no evidence, T = 1, TW = 0.5: flagged */
    const ot_setting set[] = {{OT_PARAM_DARK_SIDE_MIN_EVIDENCE, 0.0}, {OT_PARAM_DARK_SIDE_GAP, 0.5}};
    pair_fixture f = two_people_in(model_set(set, 2), 1.0, 0.5);
    ck_assert_int_eq(dark_side_of(f.m, f.roy, f.fatima), 1);
    ck_assert_int_eq(dark_side_of(f.m, f.fatima, f.roy), 0); /* 0.5 - 0.5 = 0 < 0.5 */
    ot_state s = ot_state_of(f.m);
    int flag = 42;
    ck_status(ot_dark_side(f.m, f.roy, f.fatima, NULL), OT_EINVAL);
    ck_msg_has("flag is NULL");
    ck_status(ot_dark_side(f.m, f.roy, 5, &flag), OT_ENOTFOUND);
    ck_msg_has("trustee = 5");
    ck_assert_int_eq(flag, 42);
    ck_unchanged(f.m, s);
    ot_model_free(f.m);
}
END_TEST

/* ---- cooperation basis ------------------------------------------------------ */

/* T frozen at the propensities, TW = E_integrity. */
static const ot_setting FROZEN_INTEGRITY[] = {
    {OT_PARAM_GAIN_RATE, 0.0},
    {OT_PARAM_LOSS_RATE, 0.0},
    {OT_PARAM_WEIGHT_ABILITY, 0.0},
    {OT_PARAM_WEIGHT_BENEVOLENCE, 0.0},
    {OT_PARAM_WEIGHT_INTEGRITY, 1.0},
};

static void set_uncertainty(pair_fixture *f, double u) { ck_ok(ot_tie_set(f->m, f->tie, OT_TIE_UNCERTAINTY, u)); }

START_TEST(trust_meets_the_bar_of_the_task)
{
    /* U = 0.5: the bar is 0.2 + 0.6 * 0.5 = 0.5; both at 0.5 meet it. */
    pair_fixture f = two_people_in(model_set(FROZEN_INTEGRITY, 5), 0.5, 0.5);
    ck_assert_int_eq(basis_of(f.m, f.roy, f.fatima), OT_BASIS_TRUST);
    /* U = 1: the bar is 0.8; TW = 0.5 (no evidence) and U > 0.5: at risk. */
    set_uncertainty(&f, 1.0);
    ck_assert_int_eq(basis_of(f.m, f.roy, f.fatima), OT_BASIS_AT_RISK);
    ot_model_free(f.m);
    /* U = 0: the bar is tau0 = 0.2; T = 0.2 meets it, 0.2 - 2^-30 does not. */
    f = two_people_in(model_set(FROZEN_INTEGRITY, 5), 0.2, 0.2 - 0x1p-30);
    set_uncertainty(&f, 0.0);
    ck_assert_int_eq(basis_of(f.m, f.roy, f.fatima), OT_BASIS_AT_RISK);
    ck_ok(ot_actor_set_propensity(f.m, f.fatima, 0.2));
    ot_id other = mk_actor(f.m, f.g, 0, OT_NONE, "Ahmed");
    ot_id tie = mk_tie(f.m, other, f.fatima, 0.2, 0.2);
    ck_ok(ot_tie_set(f.m, tie, OT_TIE_UNCERTAINTY, 0.0));
    ck_assert_int_eq(basis_of(f.m, other, f.fatima), OT_BASIS_TRUST);
    ot_model_free(f.m);
    /* U = 1 with T = 0.8 both ways: 0.2 + 0.6 = 0.8 is met. */
    f = two_people_in(model_set(FROZEN_INTEGRITY, 5), 0.8, 0.8);
    set_uncertainty(&f, 1.0);
    ck_assert_int_eq(basis_of(f.m, f.roy, f.fatima), OT_BASIS_TRUST);
    ot_model_free(f.m);
}
END_TEST

START_TEST(reliability_needs_a_record_and_a_clear_task)
{
    /* Roy's T = 0.25 is below the bar 0.5. Kept agreements r = 2 and one
     * broken s = 1: E_i = 3/5 = 0.6 = TW, exactly the reliability bar. */
    pair_fixture f = two_people_in(model_set(FROZEN_INTEGRITY, 5), 0.25, 0.9);
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_KEPT, 2.0, 0.0));
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_BROKEN, 1.0, 0.0));
    ck_assert(tw_of(f.m, f.roy, f.fatima) == 0.6);
    ck_assert_int_eq(basis_of(f.m, f.roy, f.fatima), OT_BASIS_RELIABILITY);
    /* The tie's basis is the weaker direction, whichever end is asked. */
    ck_assert_int_eq(basis_of(f.m, f.fatima, f.roy), OT_BASIS_RELIABILITY);
    /* U just above 0.5: no longer steerable (and the bar rose too). */
    set_uncertainty(&f, 0.5 + 0x1p-20);
    ck_assert_int_eq(basis_of(f.m, f.roy, f.fatima), OT_BASIS_AT_RISK);
    /* U = 0.5 exactly is allowed. */
    set_uncertainty(&f, 0.5);
    ck_assert_int_eq(basis_of(f.m, f.roy, f.fatima), OT_BASIS_RELIABILITY);
    /* A little more broken: s = 1 + 2^-20, TW < 0.6: at risk. */
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_BROKEN, 0x1p-20, 0.0));
    ck_assert(tw_of(f.m, f.roy, f.fatima) < 0.6);
    ck_assert_int_eq(basis_of(f.m, f.roy, f.fatima), OT_BASIS_AT_RISK);
    ck_assert_int_eq(basis_of(f.m, f.fatima, f.roy), OT_BASIS_AT_RISK);
    ot_model_free(f.m);
}
END_TEST

START_TEST(tie_basis_is_the_weaker_direction)
{
    /* Fatima -> Roy: T = 0.9 >= 0.5, TRUST. Roy -> Fatima: T = 0.25 with
     * r_i = 4: E_i = 5/6 >= 0.6, RELIABILITY. The tie: RELIABILITY. */
    pair_fixture f = two_people_in(model_set(FROZEN_INTEGRITY, 5), 0.25, 0.9);
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_AGREEMENT_KEPT, 4.0, 0.0));
    ck_assert_int_eq(basis_of(f.m, f.roy, f.fatima), OT_BASIS_RELIABILITY);
    ck_assert_int_eq(basis_of(f.m, f.fatima, f.roy), OT_BASIS_RELIABILITY);
    /* Uncertainty raises the bar for both: U = 0.75 asks 0.2 + 0.45 = 0.65;
     * 0.9 still meets it, but Roy's reliability no longer counts. */
    set_uncertainty(&f, 0.75);
    ck_assert_int_eq(basis_of(f.m, f.fatima, f.roy), OT_BASIS_AT_RISK);
    ot_state s = ot_state_of(f.m);
    int basis = 42;
    ck_status(ot_cooperation_basis(f.m, f.roy, f.fatima, NULL), OT_EINVAL);
    ck_msg_has("basis is NULL");
    ck_status(ot_cooperation_basis(f.m, f.roy, f.roy, &basis), OT_EINVAL);
    ck_msg_has("same actor");
    ck_status(ot_cooperation_basis(f.m, 9, f.roy, &basis), OT_ENOTFOUND);
    ck_msg_has("a = 9");
    ck_assert_int_eq(basis, 42);
    ck_unchanged(f.m, s);
    ot_model_free(f.m);
}
END_TEST

/* ---- batches ------------------------------------------------------------------ */

/* A small deterministic generator (xorshift64*), so each seed gives the
 * same sequence on every platform. */
static uint64_t next_rand(uint64_t *x)
{
    *x ^= *x >> 12;
    *x ^= *x << 25;
    *x ^= *x >> 27;
    return *x * 0x2545f4914f6cdd1dULL;
}

static double rand_unit(uint64_t *x) { return (double)(next_rand(x) >> 11) * 0x1p-53; }

/* Three organisations (one nested) and ties on every layer, so gains on
 * the lower ties depend on the trust the upper ties have at that moment:
 * any reordering would show. */
typedef struct net {
    ot_model *m;
    ot_id actor[10];
    ot_id ends[16][2];
    size_t nties;
} net;

static net net_new(uint64_t seed)
{
    net n;
    ck_ok(ot_model_new(NULL, &n.m));
    ot_id g = mk_org(n.m, "Gemeente", OT_NONE);
    ot_id ro = mk_org(n.m, "Ruimtelijke Ordening", g);
    ot_id w = mk_org(n.m, "Waterschap", OT_NONE);
    ot_id p = mk_org(n.m, "Provincie", OT_NONE);
    const struct {
        ot_id org;
        unsigned layer;
    } who[10] = {{ro, 0}, {ro, 0}, {g, 1}, {g, 2}, {w, 0}, {w, 1}, {w, 2}, {p, 0}, {p, 2}, {ro, 1}};
    for (int i = 0; i < 10; i++)
        n.actor[i] = mk_actor(n.m, who[i].org, who[i].layer, OT_NONE, "someone");
    static const int pairs[16][2] = {{0, 4}, {1, 4}, {2, 5}, {3, 6}, {0, 1}, {0, 9}, {1, 5}, {3, 8},
                                     {7, 0}, {8, 6}, {4, 5}, {9, 5}, {2, 6}, {7, 4}, {1, 3}, {9, 4}};
    n.nties = 16;
    for (size_t i = 0; i < n.nties; i++) {
        n.ends[i][0] = n.actor[pairs[i][0]];
        n.ends[i][1] = n.actor[pairs[i][1]];
        ot_id tie = mk_tie(n.m, n.ends[i][0], n.ends[i][1], rand_unit(&seed), rand_unit(&seed));
        ck_ok(ot_tie_set(n.m, tie, OT_TIE_AFFECT, rand_unit(&seed)));
        ck_ok(ot_tie_set(n.m, tie, OT_TIE_INTENSITY, 0.25 + 4.0 * rand_unit(&seed)));
    }
    return n;
}

#define NOBS 600

/* A random but valid sequence: every kind, magnitudes including the
 * default 0 and the edge 10, times that repeat and jump. */
static void random_observations(const net *n, uint64_t seed, ot_observation *obs, size_t count)
{
    double t = 0.0;
    for (size_t i = 0; i < count; i++) {
        uint64_t r = next_rand(&seed);
        size_t tie = (size_t)(r % n->nties);
        int dir = (int)((r >> 8) & 1);
        double mags[6] = {0.0, 1.0, 10.0, 0.5, 2.5, 10.0 * rand_unit(&seed) + 0x1p-40};
        if ((r >> 16) % 3 == 0)
            t += (double)((r >> 20) % 40) * 0.75;
        obs[i] = (ot_observation){.truster = n->ends[tie][dir],
                                  .trustee = n->ends[tie][!dir],
                                  .kind = (int32_t)(OTI_KIND_FIRST + (r >> 32) % OTI_NKINDS),
                                  .reserved = 0,
                                  .magnitude = mags[(r >> 40) % 6],
                                  .t = t};
    }
}

static const uint64_t SEEDS[] = {1, 0x9e3779b97f4a7c15ULL, 20250201, 0xdeadbeefcafeULL};

START_TEST(random_batches_equal_one_by_one)
{
    uint64_t seed = SEEDS[_i];
    net one = net_new(seed), all = net_new(seed), parts = net_new(seed);
    static ot_observation obs[NOBS];
    random_observations(&one, seed ^ 0x5555, obs, NOBS);
    for (size_t i = 0; i < NOBS; i++)
        ck_ok(ot_observe(one.m, obs[i].truster, obs[i].trustee, obs[i].kind, obs[i].magnitude, obs[i].t));
    size_t applied = 0;
    ck_ok(ot_observe_batch(all.m, obs, NOBS, &applied));
    ck_assert_uint_eq(applied, NOBS);
    /* In random slices, some empty. */
    uint64_t cut = seed + 7;
    for (size_t i = 0; i < NOBS;) {
        size_t len = (size_t)(next_rand(&cut) % 50);
        if (len > NOBS - i)
            len = NOBS - i;
        ck_ok(ot_observe_batch(parts.m, obs + i, len, &applied));
        ck_assert_uint_eq(applied, len);
        i += len;
    }
    ot_state a = ot_state_of(one.m), b = ot_state_of(all.m), c = ot_state_of(parts.m);
    ck_assert_msg(a.digest == b.digest, "one by one %016llx, batch %016llx", (unsigned long long)a.digest,
                  (unsigned long long)b.digest);
    ck_assert(a.digest == c.digest);
    ck_assert(memcmp(&a.now, &b.now, sizeof a.now) == 0);
    ck_assert_uint_eq(a.count[OT_EVENTS], b.count[OT_EVENTS]);
    ck_assert_uint_eq(a.count[OT_EVENTS], c.count[OT_EVENTS]);
    /* Bit for bit, direction by direction. */
    for (size_t i = 0; i < one.nties; i++)
        for (int d = 0; d < 2; d++) {
            double x = trust_of(one.m, one.ends[i][d], one.ends[i][!d]);
            double y = trust_of(all.m, one.ends[i][d], one.ends[i][!d]);
            ck_assert(memcmp(&x, &y, sizeof x) == 0);
        }
    ot_model_free(one.m);
    ot_model_free(all.m);
    ot_model_free(parts.m);
}
END_TEST

/* One way to spoil an observation, the status it gives, and the message. */
typedef struct spoil {
    int status;
    const char *msg;
} spoil;

static spoil spoil_observation(ot_observation *o, int how, ot_id unknown, ot_id untied)
{
    switch (how) {
    case 0: o->kind = 0; return (spoil){OT_EINVAL, "kind = 0"};
    case 1: o->kind = 9; return (spoil){OT_EINVAL, "kind = 9"};
    case 2: o->reserved = 3; return (spoil){OT_EINVAL, "reserved = 3"};
    case 3: o->magnitude = -1.0; return (spoil){OT_EINVAL, "magnitude = -1"};
    case 4: o->magnitude = 10.5; return (spoil){OT_EINVAL, "magnitude = 10.5"};
    case 5: o->magnitude = NAN; return (spoil){OT_EINVAL, "magnitude = nan"};
    case 6: o->t = NAN; return (spoil){OT_EINVAL, "t = nan"};
    case 7: o->t = INFINITY; return (spoil){OT_EINVAL, "t = inf"};
    case 8: o->t = -1.0; return (spoil){OT_ETIME, "t = -1"}; /* earlier than the one before it */
    case 9: o->truster = unknown; return (spoil){OT_ENOTFOUND, "truster = "};
    case 10: o->trustee = untied; return (spoil){OT_ENOTFOUND, "have no tie"};
    default: o->trustee = o->truster; return (spoil){OT_EINVAL, "same actor"};
    }
}

START_TEST(bad_batches_name_the_first_bad_entry_and_change_nothing)
{
    net n = net_new(99);
    /* An actor with no tie at all, and an id that is no actor. */
    ot_id loner = mk_actor(n.m, 0, 0, OT_NONE, "loner");
    static ot_observation obs[40];
    random_observations(&n, 1234, obs, 40);
    for (size_t i = 0; i < 40; i++)
        obs[i].t += 5.0; /* all after the first accepted event below */
    ck_ok(ot_observe(n.m, n.ends[0][0], n.ends[0][1], OT_DELIVERED, 1.0, 5.0));
    ot_state s = ot_state_of(n.m);
    size_t at = 7 + (size_t)_i; /* the first bad entry */
    ot_observation bad[40];
    memcpy(bad, obs, sizeof bad);
    spoil sp = spoil_observation(&bad[at], _i, 4000, loner);
    spoil_observation(&bad[at + 5], (_i + 1) % 12, 4000, loner); /* a later bad one */
    size_t applied = 99;
    ck_status(ot_observe_batch(n.m, bad, 40, &applied), sp.status);
    ck_assert_uint_eq(applied, at);
    char where[32];
    snprintf(where, sizeof where, "obs[%zu]", at);
    ck_msg_has(where);
    ck_msg_has(sp.msg);
    ck_unchanged(n.m, s);
    /* The good prefix goes through afterwards. */
    ck_ok(ot_observe_batch(n.m, obs, at, &applied));
    ck_assert_uint_eq(applied, at);
    ot_model_free(n.m);
}
END_TEST

START_TEST(batch_edges)
{
    pair_fixture f = two_people(0.5, 0.5);
    ck_ok(ot_observe(f.m, f.roy, f.fatima, OT_DELIVERED, 1.0, 10.0));
    ot_state s = ot_state_of(f.m);
    size_t applied = 99;
    /* n = 0 is fine, even without a buffer. */
    ck_ok(ot_observe_batch(f.m, NULL, 0, &applied));
    ck_assert_uint_eq(applied, 0);
    ck_ok(ot_observe_batch(f.m, NULL, 0, NULL));
    ot_observation one = {f.roy, f.fatima, OT_DELIVERED, 0, 1.0, 9.0};
    ck_status(ot_observe_batch(f.m, NULL, 1, &applied), OT_EINVAL);
    ck_msg_has("obs is NULL");
    /* Earlier than the model's time, at index 0. */
    applied = 99;
    ck_status(ot_observe_batch(f.m, &one, 1, &applied), OT_ETIME);
    ck_assert_uint_eq(applied, 0);
    ck_msg_has("obs[0]");
    ck_status(ot_observe_batch(NULL, &one, 1, &applied), OT_EINVAL);
    ck_msg_has("m is NULL");
    ck_unchanged(f.m, s);
    /* applied may be NULL. */
    one.t = 10.0;
    ck_ok(ot_observe_batch(f.m, &one, 1, NULL));
    /* 0.525 + 0.05 * 0.475 = 0.54875 */
    ck_near(trust_of(f.m, f.roy, f.fatima), 0.54875, 1e-15);
    ot_model_free(f.m);
}
END_TEST

/* A fresh model's clock is -inf, so only finiteness refuses t = -inf; a
 * model without ties refuses every entry at the lookup. */
START_TEST(batch_edges_of_a_fresh_model)
{
    pair_fixture f = two_people(0.5, 0.5);
    ot_state s = ot_state_of(f.m);
    ot_observation obs[3] = {{f.roy, f.fatima, OT_DELIVERED, 0, 1.0, -INFINITY},
                             {f.fatima, f.roy, OT_DELIVERED, 0, 1.0, 1.0},
                             {f.roy, f.fatima, OT_DELIVERED, 0, 1.0, 2.0}};
    size_t applied = 99;
    ck_status(ot_observe_batch(f.m, obs, 3, &applied), OT_EINVAL);
    ck_assert_uint_eq(applied, 0);
    ck_msg_has("obs[0]");
    ck_msg_has("t = -inf");
    obs[0].t = 0.0;
    obs[2].t = 0.5; /* earlier than obs[1] */
    ck_status(ot_observe_batch(f.m, obs, 3, &applied), OT_ETIME);
    ck_assert_uint_eq(applied, 2);
    ck_unchanged(f.m, s);
    ot_model_free(f.m);

    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    f = two_strangers_in(m, 0.5, 0.5);
    ot_observation none = {f.roy, f.fatima, OT_DELIVERED, 0, 1.0, 1.0};
    ck_status(ot_observe_batch(m, &none, 1, &applied), OT_ENOTFOUND);
    ck_assert_uint_eq(applied, 0);
    ck_msg_has("have no tie");
    none.kind = 0;
    ck_status(ot_observe_batch(m, &none, 1, &applied), OT_EINVAL);
    ck_msg_has("kind = 0");
    ot_model_free(m);
}
END_TEST

/* ---- out of memory ---------------------------------------------------------- */

/* Roy and Fatima, then observations one by one and in batches of growing
 * size (the batch's scratch space and the event log grow). */
static int observe_step(ot_model *m, int i)
{
    static ot_observation obs[256];
    switch (i) {
    case 0: return ot_org_add(m, "Gemeente", OT_NONE, NULL);
    case 1: return ot_org_add(m, "Waterschap", OT_NONE, NULL);
    case 2: return ot_actor_add(m, 0, 0, OT_NONE, "Roy", NULL);
    case 3: return ot_actor_add(m, 1, 0, OT_NONE, "Fatima", NULL);
    case 4: return ot_tie_add(m, 0, 1, NULL);
    default:
        if (i % 2)
            return ot_observe(m, (ot_id)(i % 4 == 1), (ot_id)(i % 4 != 1), OT_DELIVERED, 1.0, (double)i);
        /* a batch of i * 4 observations at time i */
        for (int k = 0; k < i * 4; k++)
            obs[k] = (ot_observation){(ot_id)(k % 2), (ot_id)(k % 2 == 0), OTI_KIND_FIRST + k % OTI_NKINDS, 0, 0.5, (double)i};
        return ot_observe_batch(m, obs, (size_t)i * 4, NULL);
    }
}

START_TEST(out_of_memory_changes_nothing)
{
    ck_script_survives_out_of_memory(observe_step, 64);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("trust");
    TCase *tc = tcase_create("dynamics");
    tcase_add_test(tc, trust_starts_at_propensity);
    tcase_add_test(tc, gain_is_a_share_of_the_gap);
    tcase_add_test(tc, magnitude_counts_as_unit_events);
    tcase_add_test(tc, on_foot_and_on_horseback);
    tcase_add_test(tc, trustworthiness_and_expectation);
    tcase_add_test(tc, evidence_half_life);
    tcase_add_test(tc, one_clock_per_tie);
    tcase_add_test(tc, tie_attributes_round_trip);
    tcase_add_test(tc, batch_equals_one_by_one);
    tcase_add_test(tc, bad_observations_change_nothing);
    tcase_add_loop_test(tc, every_kind_feeds_its_dimension_with_its_sign_and_weight, 0,
                        (int)(sizeof KIND_TABLE / sizeof KIND_TABLE[0]));
    tcase_add_test(tc, magnitude_multiplies_the_weight);
    tcase_add_test(tc, opinion_counts_all_evidence);
    suite_add_tcase(s, tc);
    tc = tcase_create("decay");
    tcase_add_test(tc, counters_halve_every_half_life);
    tcase_add_loop_test(tc, no_decay_without_a_positive_finite_half_life, 0,
                        (int)(sizeof NO_DECAY / sizeof NO_DECAY[0]));
    tcase_add_test(tc, queries_never_change_the_model);
    suite_add_tcase(s, tc);
    tc = tcase_create("dark side");
    tcase_add_test(tc, affect_softens_losses_only);
    tcase_add_test(tc, dark_side_strength_is_a_parameter);
    tcase_add_test(tc, dark_side_flag_at_its_edges);
    tcase_add_test(tc, dark_side_thresholds_are_parameters);
    suite_add_tcase(s, tc);
    tc = tcase_create("cooperation basis");
    tcase_add_test(tc, trust_meets_the_bar_of_the_task);
    tcase_add_test(tc, reliability_needs_a_record_and_a_clear_task);
    tcase_add_test(tc, tie_basis_is_the_weaker_direction);
    suite_add_tcase(s, tc);
    tc = tcase_create("batches");
    tcase_add_loop_test(tc, random_batches_equal_one_by_one, 0, (int)(sizeof SEEDS / sizeof SEEDS[0]));
    tcase_add_loop_test(tc, bad_batches_name_the_first_bad_entry_and_change_nothing, 0, 12);
    tcase_add_test(tc, batch_edges);
    tcase_add_test(tc, batch_edges_of_a_fresh_model);
    tcase_add_test(tc, out_of_memory_changes_nothing);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return ot_run_suite(suite()); }
