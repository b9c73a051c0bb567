/* lib/trust.c: evidence, decay, and trust that comes on foot and leaves on
 * horseback (MODEL.md section 2). Expected values are worked out by hand in
 * the comments. */
#include "testutil.h"

#include <string.h>

/* Roy (gemeente, operational) and Fatima (waterschap, operational), one tie. */
typedef struct pair_fixture {
    ot_model *m;
    ot_id g, w, roy, fatima, tie;
} pair_fixture;

static pair_fixture two_people(double p_roy, double p_fatima)
{
    pair_fixture f;
    ck_ok(ot_model_new(NULL, &f.m));
    ck_ok(ot_org_add(f.m, "Gemeente", OT_NONE, &f.g));
    ck_ok(ot_org_add(f.m, "Waterschap", OT_NONE, &f.w));
    ck_ok(ot_actor_add(f.m, f.g, 0, OT_NONE, "Roy", &f.roy));
    ck_ok(ot_actor_add(f.m, f.w, 0, OT_NONE, "Fatima", &f.fatima));
    ck_ok(ot_actor_set_propensity(f.m, f.roy, p_roy));
    ck_ok(ot_actor_set_propensity(f.m, f.fatima, p_fatima));
    ck_ok(ot_tie_add(f.m, f.roy, f.fatima, &f.tie));
    return f;
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
                                  .kind = (int32_t)(1 + (seed >> 17) % 8),
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
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return ot_run_suite(suite()); }
