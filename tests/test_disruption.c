/* lib/disruption.c: opening disruptions, freshness and local repair (docs/model.md
 * section 5), with Roy and Fatima of seed 000 (tests/cast.h).
 *
 * Defaults used in the working: l = 0.25 (a unit loss multiplies T by
 * 0.75), g = 0.05, disruption weight 2, sigma = 0.8, f0 = 0.6, H_r = 30
 * days, disrupted gain factor 0.5, evidence half-life H = 365 days. */
#include "cast.h"

#include <string.h>

static double damping(const ot_model *m, ot_id a, ot_id b)
{
    double d = -1.0;
    ck_ok(ot_damping(m, a, b, &d));
    return d;
}

/* ---- opening ------------------------------------------------------------ */

START_TEST(relational_disruption_is_integrity_evidence)
{
    cast k = cast_new(NULL);
    ot_id d = OT_NONE;
    /* Roy experiences Fatima's behaviour as a breach (relational, severity
     * 0.5) on day 10: integrity evidence of magnitude 2 * 0.5 = 1. */
    ck_ok(ot_disrupt(k.m, k.roy, k.fatima, OT_RELATIONAL, 0.5, 0, 10.0, &d));
    ck_assert_uint_eq(d, 0);
    /* T = 0.5 * (1 - 0.25)^1 = 0.375 */
    ck_near(trust_of(k.m, k.roy, k.fatima), 0.375, 1e-15);
    /* E_integrity = (0 + 1) / (0 + 1 + 2) = 1/3; ability untouched, 1/2. */
    ck_near(cast_expectation(k.m, k.roy, k.fatima, OT_INTEGRITY), 1.0 / 3.0, 1e-15);
    ck_near(cast_expectation(k.m, k.roy, k.fatima, OT_ABILITY), 0.5, 0.0);
    /* Fatima's side of the tie does not move. */
    ck_near(trust_of(k.m, k.fatima, k.roy), 0.5, 0.0);
    ck_near(cast_expectation(k.m, k.fatima, k.roy, OT_INTEGRITY), 0.5, 0.0);
    /* The record. */
    ot_id observer = OT_NONE, tie = OT_NONE;
    int kind = 0, status = 0;
    double severity = 0.0, t_open = 0.0, before = 0.0;
    ck_ok(ot_disruption_detail(k.m, d, &observer, &kind, &severity, &t_open, &before));
    ck_assert_uint_eq(observer, k.roy);
    ck_assert_int_eq(kind, OT_RELATIONAL);
    ck_near(severity, 0.5, 0.0);
    ck_near(t_open, 10.0, 0.0);
    ck_near(before, 0.5, 0.0);
    ck_ok(ot_disruption_tie(k.m, d, &tie));
    ck_assert_uint_eq(tie, k.t_rf);
    ck_ok(ot_disruption_status(k.m, d, &status));
    ck_assert_int_eq(status, OT_OPEN);
    ck_near(cast_surfaced_at(k.m, d), -1.0, 0.0);
    ck_assert_int_eq(cast_failed(k.m, d), 0);
    size_t n = 0;
    ck_ok(ot_model_count(k.m, OT_DISRUPTIONS, &n));
    ck_assert_uint_eq(n, 1);
    cast_done(&k);
}
END_TEST

START_TEST(task_disruption_is_ability_evidence)
{
    cast k = cast_new(NULL);
    /* A disagreement on the joint task, severity 0.25: ability evidence of
     * magnitude 0.5. T = 0.5 * 0.75^0.5; E_ability = 1 / (0.5 + 2) = 0.4. */
    ck_ok(ot_disrupt(k.m, k.roy, k.fatima, OT_TASK, 0.25, 0, 1.0, NULL));
    ck_near(trust_of(k.m, k.roy, k.fatima), 0.5 * sqrt(0.75), 1e-15);
    ck_near(cast_expectation(k.m, k.roy, k.fatima, OT_ABILITY), 0.4, 1e-15);
    ck_near(cast_expectation(k.m, k.roy, k.fatima, OT_INTEGRITY), 0.5, 0.0);
    cast_done(&k);
}
END_TEST

START_TEST(separated_softens_the_loss_not_the_record)
{
    /* "Yes to the person, no to the behaviour": a task disruption of
     * severity 0.5 (magnitude 1) kept apart from the person. */
    cast k = cast_new(NULL);
    ck_ok(ot_disrupt(k.m, k.roy, k.fatima, OT_TASK, 0.5, 1, 1.0, NULL));
    /* The record is in full: s_ability = 1, E = 1/3 ... */
    ck_near(cast_expectation(k.m, k.roy, k.fatima, OT_ABILITY), 1.0 / 3.0, 1e-15);
    /* ... the loss exponent is 1 * (1 - 0.8): T = 0.5 * 0.75^0.2 = 0.4719... */
    ck_near(trust_of(k.m, k.roy, k.fatima), 0.5 * pow(0.75, 1.0 - 0.8), 1e-15);
    /* Any non-zero flag means separated. */
    ck_ok(ot_disrupt(k.m, k.fatima, k.roy, OT_TASK, 0.5, 7, 1.0, NULL));
    ck_near(trust_of(k.m, k.fatima, k.roy), 0.5 * pow(0.75, 1.0 - 0.8), 1e-15);
    cast_done(&k);

    /* Separation is about the task: a relational disruption is not softened
     * (T = 0.5 * 0.75 = 0.375), and severity 1 weighs 2 (T = 0.5 * 0.75^2). */
    k = cast_new(NULL);
    ck_ok(ot_disrupt(k.m, k.roy, k.fatima, OT_RELATIONAL, 0.5, 1, 1.0, NULL));
    ck_near(trust_of(k.m, k.roy, k.fatima), 0.375, 1e-15);
    ck_ok(ot_disrupt(k.m, k.fatima, k.roy, OT_RELATIONAL, 1.0, 0, 1.0, NULL));
    ck_near(trust_of(k.m, k.fatima, k.roy), 0.28125, 1e-15);
    cast_done(&k);
}
END_TEST

START_TEST(trust_before_is_recorded_per_disruption)
{
    cast k = cast_new(NULL);
    ot_id d1, d2;
    double before = 0.0;
    ck_ok(ot_disrupt(k.m, k.roy, k.fatima, OT_RELATIONAL, 0.5, 0, 1.0, &d1)); /* 0.5 -> 0.375 */
    ck_ok(ot_disrupt(k.m, k.roy, k.fatima, OT_RELATIONAL, 0.5, 0, 2.0, &d2)); /* 0.375 -> 0.28125 */
    ck_assert_uint_eq(d2, d1 + 1);
    ck_ok(ot_disruption_detail(k.m, d1, NULL, NULL, NULL, NULL, &before));
    ck_near(before, 0.5, 0.0);
    ck_ok(ot_disruption_detail(k.m, d2, NULL, NULL, NULL, NULL, &before));
    ck_near(before, 0.375, 1e-15);
    ck_near(trust_of(k.m, k.roy, k.fatima), 0.28125, 1e-15);
    cast_done(&k);
}
END_TEST

START_TEST(open_disruptions_halve_gains_once)
{
    cast k = cast_new(NULL);
    ot_id d1, d2;
    /* Every layer above Roy and Fatima has mean trust >= 0.5: D = 1. */
    ck_near(damping(k.m, k.roy, k.fatima), 1.0, 0.0);
    ck_ok(ot_disrupt(k.m, k.roy, k.fatima, OT_RELATIONAL, 0.5, 0, 1.0, &d1)); /* T = 0.375 */
    ck_near(damping(k.m, k.roy, k.fatima), 0.5, 0.0);
    /* A second one, seen by Fatima: still halved once, not quartered. */
    ck_ok(ot_disrupt(k.m, k.fatima, k.roy, OT_RELATIONAL, 0.5, 0, 1.0, &d2));
    ck_near(damping(k.m, k.fatima, k.roy), 0.5, 0.0);
    /* Other ties are not touched. */
    ck_near(damping(k.m, k.pol_g, k.pol_w), 1.0, 0.0);
    /* A kept agreement: T = 0.375 + (1 - (1 - 0.05 * 0.5)^1) * (C - 0.375).
     * Model 1: C = 1, 0.375 + 0.025 * 0.625 = 0.390625. Model 2: the
     * disruption (magnitude 2 * 0.5 = 1, no evidence before: u = 1) left
     * the scar 0.5, C = 0.5: 0.375 + 0.025 * 0.125 = 0.378125. */
    ck_ok(ot_observe(k.m, k.roy, k.fatima, OT_AGREEMENT_KEPT, 1.0, 1.0));
    ck_near(trust_of(k.m, k.roy, k.fatima), OT_V1_V2(0.390625, 0.378125), 1e-15);
    /* Losses are not damped: 0.390625 * 0.75 = 0.29296875 (model 2:
     * 0.378125 * 0.75 = 0.28359375). */
    ck_ok(ot_observe(k.m, k.roy, k.fatima, OT_AGREEMENT_BROKEN, 1.0, 1.0));
    ck_near(trust_of(k.m, k.roy, k.fatima), OT_V1_V2(0.29296875, 0.28359375), 1e-15);
    /* One repaired: the other still halves; both repaired: D = 1 again. */
    ck_ok(ot_repair(k.m, d1, 1.0));
    ck_near(damping(k.m, k.roy, k.fatima), 0.5, 0.0);
    ck_ok(ot_repair(k.m, d2, 1.0));
    ck_near(damping(k.m, k.roy, k.fatima), 1.0, 0.0);
    cast_done(&k);
}
END_TEST

START_TEST(internal_ties_are_halved_too)
{
    cast k = cast_new(NULL);
    /* Roy and his own manager: internal, so no climate (D = 1), but an open
     * disruption halves gains there as well. */
    ck_near(damping(k.m, k.roy, k.mgr_ro), 1.0, 0.0);
    ot_id d;
    ck_ok(ot_disrupt(k.m, k.roy, k.mgr_ro, OT_RELATIONAL, 0.5, 0, 1.0, &d)); /* 0.5 -> 0.375 */
    ck_near(damping(k.m, k.roy, k.mgr_ro), 0.5, 0.0);
    /* Repair works on internal ties: 0.375 + 0.6 * 1 * 0.125 = 0.45. */
    ck_ok(ot_repair(k.m, d, 1.0));
    ck_near(trust_of(k.m, k.roy, k.mgr_ro), 0.45, 1e-15);
    ck_near(damping(k.m, k.roy, k.mgr_ro), 1.0, 0.0);
    cast_done(&k);
}
END_TEST

/* ---- repair and freshness -------------------------------------------- */

/* Roy's trust in Fatima after a disruption on day 10 (T 0.5 -> 0.375) and
 * its repair on day `t_repair`. */
static double repaired(const ot_config *c, double t_repair)
{
    cast k = cast_new(c);
    ot_id d;
    int status = 0;
    ck_ok(ot_disrupt(k.m, k.roy, k.fatima, OT_RELATIONAL, 0.5, 0, 10.0, &d));
    ck_ok(ot_repair(k.m, d, t_repair));
    ck_ok(ot_disruption_status(k.m, d, &status));
    ck_assert_int_eq(status, OT_RESOLVED_LOCALLY);
    double T = trust_of(k.m, k.roy, k.fatima);
    cast_done(&k);
    return T;
}

START_TEST(repair_at_once)
{
    /* fresh = 1: T = 0.375 + 0.6 * 1 * (0.5 - 0.375) = 0.45 */
    ck_near(repaired(NULL, 10.0), 0.45, 1e-15);
}
END_TEST

START_TEST(repair_after_one_half_life_repairs_half)
{
    /* 30 days later, fresh = 2^-1: T = 0.375 + 0.6 * 0.5 * 0.125 = 0.4125,
     * a repair of 0.0375, half the 0.075 of an immediate repair. */
    double now = repaired(NULL, 10.0), late = repaired(NULL, 40.0);
    ck_near(late, 0.4125, 1e-15);
    ck_near(late - 0.375, (now - 0.375) / 2.0, 1e-15);
    /* Three half-lives: fresh = 1/8, T = 0.375 + 0.6 * 0.125 * 0.125. */
    ck_near(repaired(NULL, 100.0), 0.384375, 1e-15);
}
END_TEST

START_TEST(no_fading_without_repair_half_life)
{
    /* H_r <= 0 or +inf switches fading off: fresh = 1 after 300 days. */
    const double off[] = {0.0, -5.0, INFINITY};
    for (int i = 0; i < 3; i++) {
        ot_config *c;
        ck_ok(ot_config_new(&c));
        ck_ok(ot_config_set(c, OT_PARAM_REPAIR_HALF_LIFE, off[i]));
        ck_near(repaired(c, 310.0), 0.45, 1e-15);
        ot_config_free(c);
    }
}
END_TEST

START_TEST(surfacing_stops_the_clock)
{
    cast k = cast_new(NULL);
    ot_id d;
    ck_ok(ot_disrupt(k.m, k.roy, k.fatima, OT_RELATIONAL, 0.5, 0, 10.0, &d));
    /* Day 40: the dijkgraaf visits the wethouder, prepared by the
     * waterschap's policy officer, who collected what was going on: the
     * disruption surfaces. */
    ck_ok(ot_consult(k.m, k.dijk, k.weth, k.pol_w, OT_NONE, 40.0));
    ck_near(cast_surfaced_at(k.m, d), 40.0, 0.0);
    /* Repaired on day 100, it is as fresh as on day 40: 2^-(30/30) = 0.5,
     * T = 0.4125, not the 0.384375 of three half-lives. */
    ck_ok(ot_repair(k.m, d, 100.0));
    ck_near(trust_of(k.m, k.roy, k.fatima), 0.4125, 1e-15);
    cast_done(&k);
}
END_TEST

START_TEST(repair_only_raises)
{
    cast k = cast_new(NULL);
    ot_id d;
    ck_ok(ot_disrupt(k.m, k.roy, k.fatima, OT_RELATIONAL, 0.5, 0, 10.0, &d)); /* T_before 0.5, T 0.375 */
    /* Fatima goes through fire for Roy: benevolence weight 2, magnitude 10,
     * damped gain 0.05 * 0.5: T = 1 - 0.625 * 0.975^20 = 0.6233... > 0.5. */
    ck_ok(ot_observe(k.m, k.roy, k.fatima, OT_WENT_BEYOND, 10.0, 11.0));
    double T = trust_of(k.m, k.roy, k.fatima);
#ifdef OT_TEST_MODEL1
    ck_near(T, 1.0 - 0.625 * pow(0.975, 20.0), 1e-15);
    ck_assert(T > 0.5);
    /* Repair closes the disruption but does not pull T down to T_before. */
    ck_ok(ot_repair(k.m, d, 11.0));
    ck_near(trust_of(k.m, k.roy, k.fatima), T, 0.0);
#else
    /* Model 2: the disruption, first evidence (u = 1), left the scar 0.5;
     * a day later it is 0.5 * 2^(-1/365), so the gain closes only the gap
     * to the ceiling C = 1 - 0.5 * 2^(-1/365) = 0.50095:
     * T = 0.375 + (1 - 0.975^20) * (C - 0.375) = 0.4250. */
    double C = 1.0 - 0.5 * pow(2.0, -1.0 / 365.0);
    ck_near(T, 0.375 + (1.0 - pow(0.975, 20.0)) * (C - 0.375), 1e-15);
    /* Repair raises T towards min(T_before, C) = 0.5, a day fresh:
     * T + 0.6 * 2^(-1/30) * (0.5 - T). */
    ck_ok(ot_repair(k.m, d, 11.0));
    ck_near(trust_of(k.m, k.roy, k.fatima), T + 0.6 * pow(2.0, -1.0 / 30.0) * (0.5 - T), 1e-15);
#endif
    int status = 0;
    ck_ok(ot_disruption_status(k.m, d, &status));
    ck_assert_int_eq(status, OT_RESOLVED_LOCALLY);
    cast_done(&k);
}
END_TEST

/* ---- errors ----------------------------------------------------------- */

START_TEST(disrupt_errors_change_nothing)
{
    cast k = cast_new(NULL);
    ck_ok(ot_observe(k.m, k.roy, k.fatima, OT_AGREEMENT_KEPT, 1.0, 5.0));
    ot_state st = ot_state_of(k.m);
    ot_id out = 1234;
    ck_status(ot_disrupt(k.m, k.roy, k.fatima, 0, 0.5, 0, 6.0, &out), OT_EINVAL);
    ck_msg_has("kind = 0");
    ck_status(ot_disrupt(k.m, k.roy, k.fatima, 3, 0.5, 0, 6.0, &out), OT_EINVAL);
    ck_msg_has("kind = 3");
    const double bad[] = {0.0, -0.5, 1.5, NAN, INFINITY};
    const char *shown[] = {"severity = 0 ", "severity = -0.5", "severity = 1.5", "severity = nan",
                           "severity = inf"};
    for (int i = 0; i < 5; i++) {
        ck_status(ot_disrupt(k.m, k.roy, k.fatima, OT_TASK, bad[i], 0, 6.0, &out), OT_EINVAL);
        ck_msg_has(shown[i]);
    }
    /* Just above 1. */
    ck_status(ot_disrupt(k.m, k.roy, k.fatima, OT_TASK, nextafter(1.0, 2.0), 0, 6.0, &out), OT_EINVAL);
    ck_msg_has("(0, 1]");
    ck_status(ot_disrupt(k.m, k.roy, k.fatima, OT_TASK, 0.5, 0, 4.0, &out), OT_ETIME);
    ck_msg_has("t = 4");
    ck_status(ot_disrupt(k.m, k.roy, k.fatima, OT_TASK, 0.5, 0, NAN, &out), OT_EINVAL);
    ck_msg_has("t = nan");
    ck_status(ot_disrupt(k.m, 99, k.fatima, OT_TASK, 0.5, 0, 6.0, &out), OT_ENOTFOUND);
    ck_msg_has("observer = 99");
    ck_status(ot_disrupt(k.m, k.roy, 98, OT_TASK, 0.5, 0, 6.0, &out), OT_ENOTFOUND);
    ck_msg_has("other = 98");
    ck_status(ot_disrupt(k.m, k.roy, k.roy, OT_TASK, 0.5, 0, 6.0, &out), OT_EINVAL);
    ck_msg_hasf("same actor %u", (unsigned)k.roy);
    /* Roy and Bram have no tie. */
    ck_status(ot_disrupt(k.m, k.roy, k.bram, OT_TASK, 0.5, 0, 6.0, &out), OT_ENOTFOUND);
    ck_msg_hasf("actors %u (\"Roy\") and %u (\"Bram\") have no tie", (unsigned)k.roy, (unsigned)k.bram);
    ck_status(ot_disrupt(NULL, k.roy, k.fatima, OT_TASK, 0.5, 0, 6.0, &out), OT_EINVAL);
    ck_msg_has("m is NULL");
    ck_assert_uint_eq(out, 1234);
    ck_unchanged(k.m, st);
    cast_done(&k);
}
END_TEST

START_TEST(repair_errors_change_nothing)
{
    cast k = cast_new(NULL);
    ot_id d;
    ck_ok(ot_disrupt(k.m, k.roy, k.fatima, OT_RELATIONAL, 0.5, 0, 10.0, &d));
    ot_state st = ot_state_of(k.m);
    ck_status(ot_repair(k.m, d + 1, 11.0), OT_ENOTFOUND);
    ck_msg_hasf("disruption = %u", (unsigned)(d + 1));
    ck_status(ot_repair(k.m, d, 9.0), OT_ETIME);
    ck_msg_has("t = 9");
    ck_status(ot_repair(k.m, d, NAN), OT_EINVAL);
    ck_msg_has("t = nan");
    ck_status(ot_repair(k.m, d, -INFINITY), OT_EINVAL);
    ck_msg_has("t = -inf");
    ck_status(ot_repair(NULL, d, 11.0), OT_EINVAL);
    ck_msg_has("m is NULL");
    ck_unchanged(k.m, st);
    ck_ok(ot_repair(k.m, d, 11.0));
    st = ot_state_of(k.m);
    ck_status(ot_repair(k.m, d, 12.0), OT_ESTATE);
    ck_msg_hasf("disruption %u is not open", (unsigned)d);
    ck_msg_has("locally");
    ck_unchanged(k.m, st);
    cast_done(&k);
}
END_TEST

START_TEST(disruption_query_errors)
{
    cast k = cast_new(NULL);
    ot_id d, tie = 77;
    int v = 77;
    double t = 77.0;
    ck_ok(ot_disrupt(k.m, k.roy, k.fatima, OT_RELATIONAL, 0.5, 0, 10.0, &d));
    ck_status(ot_disruption_status(k.m, 5, &v), OT_ENOTFOUND);
    ck_msg_has("disruption = 5");
    ck_status(ot_disruption_tie(k.m, 5, &tie), OT_ENOTFOUND);
    ck_status(ot_disruption_surfaced(k.m, 5, &v, &t), OT_ENOTFOUND);
    ck_status(ot_disruption_failed_escalation(k.m, 5, &v), OT_ENOTFOUND);
    ck_status(ot_disruption_detail(k.m, 5, NULL, NULL, NULL, NULL, NULL), OT_ENOTFOUND);
    ck_msg_has("disruption = 5");
    ck_status(ot_disruption_status(k.m, d, NULL), OT_EINVAL);
    ck_status(ot_disruption_tie(k.m, d, NULL), OT_EINVAL);
    ck_status(ot_disruption_surfaced(k.m, d, NULL, &t), OT_EINVAL);
    ck_status(ot_disruption_failed_escalation(k.m, d, NULL), OT_EINVAL);
    ck_status(ot_disruption_status(NULL, d, &v), OT_EINVAL);
    ck_status(ot_disruption_detail(NULL, d, NULL, NULL, NULL, NULL, NULL), OT_EINVAL);
    ck_assert_int_eq(v, 77);
    ck_assert_uint_eq(tie, 77);
    ck_near(t, 77.0, 0.0);
    cast_done(&k);
}
END_TEST

START_TEST(disrupt_and_repair_survive_allocation_failures)
{
    ck_ok(ot_set_allocator(cast_malloc, cast_realloc, free));
    cast k = cast_new(NULL);
    ot_id d = OT_NONE;
    /* The first disruption needs the disruption table itself. */
    ck_survives_allocation_failures(&k, ot_disrupt(k.m, k.roy, k.fatima, OT_RELATIONAL, 0.5, 0, 10.0, &d));
    ck_assert_uint_eq(d, 0);
    cast_fill_log(&k, 10.0);
    ck_survives_allocation_failures(&k, ot_repair(k.m, d, 10.0));
    ck_near(trust_of(k.m, k.roy, k.fatima), 0.45, 1e-15);
    cast_done(&k);
    ck_ok(ot_set_allocator(NULL, NULL, NULL));
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("disruption");
    TCase *open = tcase_create("open");
    tcase_add_test(open, relational_disruption_is_integrity_evidence);
    tcase_add_test(open, task_disruption_is_ability_evidence);
    tcase_add_test(open, separated_softens_the_loss_not_the_record);
    tcase_add_test(open, trust_before_is_recorded_per_disruption);
    tcase_add_test(open, open_disruptions_halve_gains_once);
    tcase_add_test(open, internal_ties_are_halved_too);
    suite_add_tcase(s, open);
    TCase *repair = tcase_create("repair");
    tcase_add_test(repair, repair_at_once);
    tcase_add_test(repair, repair_after_one_half_life_repairs_half);
    tcase_add_test(repair, no_fading_without_repair_half_life);
    tcase_add_test(repair, surfacing_stops_the_clock);
    tcase_add_test(repair, repair_only_raises);
    suite_add_tcase(s, repair);
    TCase *err = tcase_create("errors");
    tcase_add_test(err, disrupt_errors_change_nothing);
    tcase_add_test(err, repair_errors_change_nothing);
    tcase_add_test(err, disruption_query_errors);
    tcase_add_test(err, disrupt_and_repair_survive_allocation_failures);
    suite_add_tcase(s, err);
    return s;
}

int main(void) { return ot_run_suite(suite()); }
