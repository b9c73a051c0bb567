/* lib/ladder.c: the escalation ladder over time (docs/model.md, section
 * 14), told with the gemeente and the waterschap of seed 000.
 *
 *   layer 2  wethouder    -- dijkgraaf         T 0.9 / 0.8: healthy (h = 0.8)
 *   layer 1  manager G    -- manager W         T 0.5 / 0.5: unhealthy (h = 0.5 < 0.6)
 *   layer 0  Roy          -- Fatima            T 0.5 / 0.5
 *
 * Default parameters: timeboxes 5, 10, 20 days; f_esc = 0.9, theta_esc =
 * 0.6, H_r = 30 days, l = 0.25, disruption weight 2, failed-escalation
 * magnitude 0.5, unilateral magnitude 1. */
#include "gw.h"

#include <string.h>

typedef struct ladder {
    ot_model *m;
    ot_id G, W, weth, dijk, mgr_g, mgr_w, roy, fatima, collega;
    ot_id t_top, t_mgr, t_rf, t_internal;
} ladder;

/* tests/gw.h with a healthy top and unhealthy managers, and Roy's
 * colleague (an internal tie). */
static ladder ladder_new(const ot_config *c)
{
    static const double top[2] = {0.9, 0.8}, mgr[2] = {0.5, 0.5};
    gw g = gw_new(c, top, mgr);
    ladder k = {.m = g.m, .G = g.G, .W = g.W, .weth = g.weth, .dijk = g.dijk, .mgr_g = g.mgr_g, .mgr_w = g.mgr_w,
                .roy = g.roy, .fatima = g.fatima, .t_top = g.t_top, .t_mgr = g.t_mgr, .t_rf = g.t_rf};
    k.collega = mk_actor(k.m, k.G, 0, k.mgr_g, "collega");
    k.t_internal = mk_tie(k.m, k.roy, k.collega, 0.5, 0.5);
    return k;
}

static void ladder_done(ladder *k)
{
    gw_done(&(gw){.m = k->m});
}

static int advice(const ot_model *m, ot_id d, ot_escalation_step *step)
{
    int a = -1;
    ck_ok(ot_disruption_advice(m, d, &a, step));
    return a;
}

static size_t listed(const ot_model *m, int which, ot_id *ids, size_t cap)
{
    size_t n = 99;
    ck_ok(ot_disruptions(m, which, ids, cap, &n));
    return n;
}

static int status_of(const ot_model *m, ot_id d)
{
    int s = 0;
    ck_ok(ot_disruption_status(m, d, &s));
    return s;
}

/* The whole climb. Roy falls out with Fatima on day 10 (relational,
 * severity 0.5: evidence 2 * 0.5 = 1, T(Roy -> Fatima) = 0.5 * 0.75 =
 * 0.375). At the operational layer the timebox is 5 days: due on day 15,
 * overdue once the model's time is past it. Referred jointly to the
 * managers on day 16 (due 16 + 10 = 26), who fail to settle it on day 18
 * (h = 0.5 < 0.6): both directions take 0.5 integrity evidence, T *=
 * 0.75^0.5. Referred on to the wethouder and the dijkgraaf on day 20 (due
 * 20 + 20 = 40), who settle it on day 22 with h = min(0.9, 0.8) = 0.8:
 * T <- T + 0.9 * fresh * 0.8 * (0.5 - T), fresh = 2^(-(16 - 10)/30), the
 * clock having stopped when the first referral surfaced it. */
START_TEST(a_disruption_climbs_the_ladder)
{
    ladder k = ladder_new(NULL);
    ot_model *m = k.m;
    ot_id d = OT_NONE;
    ck_ok(ot_disrupt(m, k.roy, k.fatima, OT_RELATIONAL, 0.5, 0, 10.0, &d));
    unsigned layer = 9;
    ot_id x = 0, y = 0;
    double since = 0, due = 0, t = 0;
    ck_ok(ot_disruption_level(m, d, &layer, &x, &y, &since));
    ck_assert_uint_eq(layer, 0);
    ck_assert_uint_eq(x, k.roy);
    ck_assert_uint_eq(y, k.fatima);
    ck_assert(since == 10.0);
    ck_ok(ot_disruption_due(m, d, &due));
    ck_assert(due == 15.0);
    ot_id next = OT_NONE;
    ck_ok(ot_next_due(m, &t, &next));
    ck_assert(t == 15.0);
    ck_assert_uint_eq(next, d);

    ck_ok(ot_advance(m, 15.0)); /* due, not yet past due */
    ck_assert_uint_eq(listed(m, OT_LIST_OVERDUE, NULL, 0), 0);
    ck_assert_int_eq(advice(m, d, NULL), OT_ADVICE_RESOLVE);
    ck_ok(ot_advance(m, 15.5));
    ot_id ids[4] = {OT_NONE};
    ck_assert_uint_eq(listed(m, OT_LIST_OVERDUE, ids, 4), 1);
    ck_assert_uint_eq(ids[0], d);
    ot_escalation_step s;
    memset(&s, 0, sizeof s);
    ck_assert_int_eq(advice(m, d, &s), OT_ADVICE_REFER);
    ck_assert_uint_eq(s.layer, 1);
    ck_assert_uint_eq(s.x, k.mgr_g);
    ck_assert_uint_eq(s.y, k.mgr_w);
    ck_assert_int_eq(s.status, OT_STEP_UNHEALTHY);

    ck_ok(ot_refer(m, d, OT_JOINT, 16.0));
    ck_ok(ot_disruption_level(m, d, &layer, &x, &y, &since));
    ck_assert_uint_eq(layer, 1);
    ck_assert_uint_eq(x, k.mgr_g);
    ck_assert_uint_eq(y, k.mgr_w);
    ck_assert(since == 16.0);
    ck_ok(ot_disruption_due(m, d, &due));
    ck_assert(due == 26.0);
    ck_assert_uint_eq(listed(m, OT_LIST_OVERDUE, NULL, 0), 0);
    ck_assert_int_eq(advice(m, d, NULL), OT_ADVICE_RESOLVE);
    int surfaced = 0;
    ck_ok(ot_disruption_surfaced(m, d, &surfaced, &t));
    ck_assert(surfaced && t == 16.0);
    /* A joint referral costs nothing: T(Fatima -> Roy) is still 0.5. */
    ck_near(trust_of(m, k.fatima, k.roy), 0.5, 0);

    int resolved = -1;
    ck_ok(ot_resolve(m, d, 18.0, &resolved));
    ck_assert_int_eq(resolved, 0);
    ck_assert_int_eq(status_of(m, d), OT_OPEN);
    int failed = 0;
    ck_ok(ot_disruption_failed_escalation(m, d, &failed));
    ck_assert_int_eq(failed, 1);
    double t1 = 0.375 * sqrt(0.75);
    ck_near(trust_of(m, k.roy, k.fatima), t1, 1e-15);
    ck_near(trust_of(m, k.fatima, k.roy), 0.5 * sqrt(0.75), 1e-15);
    ck_assert_int_eq(advice(m, d, &s), OT_ADVICE_REFER); /* failed there, a rung is free above */
    ck_assert_uint_eq(s.layer, 2);
    ck_assert_int_eq(s.status, OT_STEP_OK);

    ck_ok(ot_refer(m, d, OT_JOINT, 20.0));
    ck_ok(ot_disruption_level(m, d, &layer, &x, &y, &since));
    ck_assert_uint_eq(layer, 2);
    ck_assert_uint_eq(x, k.weth);
    ck_assert_uint_eq(y, k.dijk);
    ck_ok(ot_disruption_due(m, d, &due));
    ck_assert(due == 40.0);
    /* Nothing is above the top. */
    ot_state before = ot_state_of(m);
    ck_status(ot_refer(m, d, OT_JOINT, 21.0), OT_ESTATE);
    ck_msg_has("disruption = 0 has no rung free above its level (layer 2)");
    ck_unchanged(m, before);

    ck_ok(ot_resolve(m, d, 22.0, &resolved));
    ck_assert_int_eq(resolved, 1);
    ck_assert_int_eq(status_of(m, d), OT_RESOLVED_BY_ESCALATION);
    double fresh = exp2(-6.0 / 30.0);
    /* The restore goes toward min(T_before, ceiling) (docs/model.md section
     * 11). Roy's scar of Fatima: on day 10 the disruption's evidence
     * (magnitude 2 * 0.5 = 1) meets no earlier evidence, u = 1:
     * s0 = 1 - (1 - 0.5 * 1)^1 = 0.5. On day 18 the spill-down (0.5) meets
     * S = 2^(-8/365) (R = 0), u = 2 / (S + 2), the scar healed to
     * s0 * 2^(-8/365): s1 = 1 - (1 - s0 * 2^(-8/365)) * (1 - 0.5 u)^0.5.
     * On day 22 the ceiling is 1 - s1 * 2^(-4/365) = 0.418..., below
     * T_before = 0.5, so it is the target. */
    double S = exp2(-8.0 / 365.0), u = 2.0 / (S + 2.0);
    double s1 = 1.0 - (1.0 - 0.5 * exp2(-8.0 / 365.0)) * pow(1.0 - 0.5 * u, 0.5);
    double ceiling = 1.0 - s1 * exp2(-4.0 / 365.0);
    ck_assert(ceiling < 0.5);
    ck_near(trust_of(m, k.roy, k.fatima), t1 + 0.9 * fresh * 0.8 * (ceiling - t1), 1e-12);
    double f = 0;
    ck_ok(ot_disruption_freshness(m, d, &f));
    ck_near(f, fresh, 1e-15);
    ck_status(ot_next_due(m, &t, &next), OT_ENOTFOUND);
    ck_assert_int_eq(advice(m, d, NULL), OT_ADVICE_NONE);
    ck_status(ot_disruption_due(m, d, &due), OT_ESTATE);
    ck_assert_uint_eq(listed(m, OT_LIST_OPEN, NULL, 0), 0);
    ck_assert_uint_eq(listed(m, OT_LIST_ALL, NULL, 0), 1);
    ladder_done(&k);
}
END_TEST

/* Resolving at the opening level is repair: the same state as ot_repair. */
START_TEST(resolve_at_the_opening_level_is_repair)
{
    ladder a = ladder_new(NULL), b = ladder_new(NULL);
    ot_id da, db;
    ck_ok(ot_disrupt(a.m, a.roy, a.fatima, OT_TASK, 0.8, 0, 1.0, &da));
    ck_ok(ot_disrupt(b.m, b.roy, b.fatima, OT_TASK, 0.8, 0, 1.0, &db));
    int resolved = -1;
    ck_ok(ot_resolve(a.m, da, 4.0, &resolved));
    ck_assert_int_eq(resolved, 1);
    ck_ok(ot_repair(b.m, db, 4.0));
    uint64_t ha, hb;
    ck_ok(ot_model_digest(a.m, &ha));
    ck_ok(ot_model_digest(b.m, &hb));
    ck_assert(ha == hb);
    ck_assert_int_eq(status_of(a.m, da), OT_RESOLVED_LOCALLY);
    ladder_done(&a);
    ladder_done(&b);
}
END_TEST

/* A unilateral referral costs Roy 1 integrity evidence in Fatima's eyes,
 * at every referral: 0.5 * 0.75 = 0.375. */
START_TEST(a_unilateral_referral_costs_at_every_rung)
{
    ladder k = ladder_new(NULL);
    ot_id d;
    ck_ok(ot_disrupt(k.m, k.roy, k.fatima, OT_TASK, 0.5, 0, 1.0, &d));
    ck_ok(ot_refer(k.m, d, OT_UNILATERAL, 2.0));
    ck_near(trust_of(k.m, k.fatima, k.roy), 0.375, 1e-15);
    ck_ok(ot_refer(k.m, d, OT_UNILATERAL, 3.0));
    ck_near(trust_of(k.m, k.fatima, k.roy), 0.375 * 0.75, 1e-15);
    ladder_done(&k);
}
END_TEST

/* ot_escalate keeps its meaning after a referral: straight to the first
 * OK step above the current level. From the managers' level that is the
 * top: resolved at layer 2. */
START_TEST(escalate_from_a_referred_level)
{
    ladder k = ladder_new(NULL);
    ot_id d;
    ck_ok(ot_disrupt(k.m, k.roy, k.fatima, OT_RELATIONAL, 0.5, 0, 1.0, &d));
    ck_ok(ot_refer(k.m, d, OT_JOINT, 2.0));
    int resolved = -1;
    unsigned layer = 9;
    ck_ok(ot_escalate(k.m, d, OT_JOINT, 3.0, &resolved, &layer));
    ck_assert_int_eq(resolved, 1);
    ck_assert_uint_eq(layer, 2);
    unsigned lv = 9;
    ck_ok(ot_disruption_level(k.m, d, &lv, NULL, NULL, NULL));
    ck_assert_uint_eq(lv, 2);
    ladder_done(&k);
}
END_TEST

/* Bad input: a clear status, the argument named, nothing changed. */
START_TEST(bad_referrals_change_nothing)
{
    ladder k = ladder_new(NULL);
    ot_id d, di;
    ck_ok(ot_disrupt(k.m, k.roy, k.fatima, OT_RELATIONAL, 0.5, 0, 1.0, &d));
    ck_ok(ot_disrupt(k.m, k.roy, k.collega, OT_RELATIONAL, 0.5, 0, 1.0, &di));
    ot_state before = ot_state_of(k.m);
    ck_status(ot_refer(k.m, di, OT_JOINT, 2.0), OT_EINVAL);
    ck_msg_has("disruption = 1");
    ck_status(ot_refer(k.m, d, 7, 2.0), OT_EINVAL);
    ck_msg_has("mode = 7");
    ck_status(ot_refer(k.m, d, OT_JOINT, 0.5), OT_ETIME);
    ck_status(ot_refer(k.m, 9, OT_JOINT, 2.0), OT_ENOTFOUND);
    ck_msg_has("disruption = 9");
    ck_status(ot_resolve(k.m, 9, 2.0, NULL), OT_ENOTFOUND);
    ck_status(ot_resolve(k.m, d, -1.0, NULL), OT_ETIME);
    int a;
    ck_status(ot_disruptions(k.m, 4, NULL, 0, NULL), OT_EINVAL);
    size_t n;
    ck_status(ot_disruptions(k.m, 4, NULL, 0, &n), OT_EINVAL);
    ck_msg_has("which = 4");
    ck_status(ot_disruptions(k.m, OT_LIST_ALL, NULL, 2, &n), OT_EINVAL);
    ck_status(ot_disruption_advice(k.m, 9, &a, NULL), OT_ENOTFOUND);
    ck_status(ot_disruption_level(k.m, 9, NULL, NULL, NULL, NULL), OT_ENOTFOUND);
    ck_unchanged(k.m, before);
    /* With nobody free above: the managers' tie ends and the wethouder
     * leaves, so the only steps are NO_TIE and NO_SUPERIOR. */
    ck_ok(ot_tie_end(k.m, k.t_mgr, 2.0));
    ck_ok(ot_actor_leave(k.m, k.weth, 2.0));
    before = ot_state_of(k.m);
    ck_status(ot_refer(k.m, d, OT_JOINT, 3.0), OT_ESTATE);
    ck_msg_has("no rung free");
    ck_unchanged(k.m, before);
    /* Overdue, but no rung free: resolve where it is. */
    ck_ok(ot_advance(k.m, 7.0));
    ck_assert_int_eq(advice(k.m, d, NULL), OT_ADVICE_RESOLVE);
    ladder_done(&k);
}
END_TEST

/* The index of open disruptions: the next due is the earliest (the lowest
 * id on a tie), lists come in id order, a referral moves the due time. */
START_TEST(the_due_index_orders_by_time_then_id)
{
    ladder k = ladder_new(NULL);
    ot_model *m = k.m;
    ot_id d[4];
    ck_ok(ot_disrupt(m, k.roy, k.fatima, OT_TASK, 0.1, 0, 3.0, &d[0]));    /* due 8 */
    ck_ok(ot_disrupt(m, k.mgr_g, k.mgr_w, OT_TASK, 0.1, 0, 3.0, &d[1]));   /* layer 1: due 13 */
    ck_ok(ot_disrupt(m, k.fatima, k.roy, OT_TASK, 0.1, 0, 3.0, &d[2]));    /* due 8 */
    ck_ok(ot_disrupt(m, k.roy, k.collega, OT_TASK, 0.1, 0, 4.0, &d[3]));   /* due 9 */
    double t;
    ot_id next;
    ck_ok(ot_next_due(m, &t, &next));
    ck_assert(t == 8.0 && next == d[0]);
    ck_ok(ot_refer(m, d[0], OT_JOINT, 5.0)); /* now due 5 + 10 = 15 */
    ck_ok(ot_next_due(m, &t, &next));
    ck_assert(t == 8.0 && next == d[2]);
    ck_ok(ot_advance(m, 14.0)); /* past 8, 9 and 13, not 15 */
    ot_id ids[4];
    ck_assert_uint_eq(listed(m, OT_LIST_OVERDUE, ids, 4), 3);
    ck_assert_uint_eq(ids[0], d[1]);
    ck_assert_uint_eq(ids[1], d[2]);
    ck_assert_uint_eq(ids[2], d[3]);
    /* A short buffer gets the first ids; *n says how many there are. */
    ck_assert_uint_eq(listed(m, OT_LIST_OPEN, ids, 2), 4);
    ck_assert_uint_eq(ids[0], d[0]);
    ck_assert_uint_eq(ids[1], d[1]);
    ck_ok(ot_repair(m, d[2], 14.0));
    ck_ok(ot_next_due(m, &t, &next));
    ck_assert(t == 9.0 && next == d[3]);
    ladder_done(&k);
}
END_TEST

START_TEST(timeboxes_are_configured_per_layer)
{
    ot_config *c;
    ck_ok(ot_config_new(&c));
    double days[3] = {1.0, 2.0, 3.0};
    ck_ok(ot_config_set_timeboxes(c, 3, days));
    double bad[3] = {1.0, 0.0, 3.0};
    ck_status(ot_config_set_timeboxes(c, 3, bad), OT_EINVAL);
    ck_msg_has("days[1] = 0");
    bad[1] = INFINITY;
    ck_status(ot_config_set_timeboxes(c, 3, bad), OT_EINVAL);
    ck_status(ot_config_set_timeboxes(c, 2, days), OT_EINVAL);
    ck_msg_has("n = 2");
    ck_status(ot_config_set_timeboxes(c, 3, NULL), OT_EINVAL);
    ck_status(ot_config_set_timeboxes(NULL, 3, days), OT_EINVAL);
    ladder k = ladder_new(c);
    double v = 0;
    ck_ok(ot_model_timebox(k.m, 1, &v));
    ck_assert(v == 2.0);
    ck_status(ot_model_timebox(k.m, 3, &v), OT_EINVAL);
    ot_id d;
    ck_ok(ot_disrupt(k.m, k.roy, k.fatima, OT_TASK, 0.5, 0, 10.0, &d));
    ck_ok(ot_disruption_due(k.m, d, &v));
    ck_assert(v == 11.0);
    ladder_done(&k);
    /* New layers, new defaults: 5 * 2^L. */
    ck_ok(ot_config_set_layers(c, 4, NULL));
    ot_model *m;
    ck_ok(ot_model_new(c, &m));
    for (unsigned l = 0; l < 4; l++) {
        ck_ok(ot_model_timebox(m, l, &v));
        ck_assert(v == 5.0 * (double)(1u << l));
    }
    ot_model_free(m);
    ot_config_free(c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ladder");
    TCase *tc = tcase_create("the escalation ladder");
    tcase_add_test(tc, a_disruption_climbs_the_ladder);
    tcase_add_test(tc, resolve_at_the_opening_level_is_repair);
    tcase_add_test(tc, a_unilateral_referral_costs_at_every_rung);
    tcase_add_test(tc, escalate_from_a_referred_level);
    tcase_add_test(tc, bad_referrals_change_nothing);
    tcase_add_test(tc, the_due_index_orders_by_time_then_id);
    tcase_add_test(tc, timeboxes_are_configured_per_layer);
    suite_add_tcase(s, tc);
    return ot_run_suite(s);
}
