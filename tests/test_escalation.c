/* lib/escalation.c: escalation paths, escalation and hazards (docs/model.md
 * sections 5 and 6), told with the gemeente and the waterschap of seed 000
 * (tests/cast.h draws the cast and works out its healths once).
 *
 * Every path is written out step by step: (layer, x, y, status, reason).
 * Default parameters: f_esc = 0.9, theta_esc = 0.6, H_r = 30 days,
 * l = 0.25, disruption weight 2, failed-escalation magnitude 0.5,
 * unilateral magnitude 1. */
#include "cast.h"

#include <string.h>

/* One step, field by field. */
#define ck_step(s, L, X, Y, ST, R)                                                                                 \
    do {                                                                                                           \
        const ot_escalation_step *s_ = &(s);                                                                       \
        ck_assert_msg(s_->layer == (L) && s_->x == (X) && s_->y == (Y) && s_->status == (ST) &&                   \
                          s_->reason == (R),                                                                       \
                      "step (layer %u, x %u, y %u, status %d, reason %d), expected (%s, %s, %s, %s, %s)",          \
                      s_->layer, s_->x, s_->y, s_->status, s_->reason, #L, #X, #Y, #ST, #R);                       \
    } while (0)

/* The whole path of a tie; the cast's paths have at most two steps. */
static size_t path_of(const ot_model *m, ot_id tie, ot_escalation_step steps[4])
{
    size_t n = 99;
    memset(steps, 0, 4 * sizeof *steps);
    ck_ok(ot_escalation_path(m, tie, steps, 4, &n));
    return n;
}

/* Escalate: the layer of the step that resolved it, or -1 when no step
 * was OK (then the layer must not have been written). */
static int escalate(ot_model *m, ot_id d, int mode, double t)
{
    int resolved = -1;
    unsigned layer = 99;
    ck_ok(ot_escalate(m, d, mode, t, &resolved, &layer));
    ck_assert_int_eq(resolved, layer != 99);
    return resolved ? (int)layer : -1;
}

/* The plot most stories share: `observer` falls out with `other`
 * (relational, severity 0.5: evidence 2 * 0.5 = 1, so T * 0.75) on day
 * t_open, and escalates it on day t_esc. Returns what escalate() does. */
static int falls_out_and_escalates(cast *k, ot_id observer, ot_id other, double t_open, int mode, double t_esc,
                                   ot_id *d)
{
    ck_ok(ot_disrupt(k->m, observer, other, OT_RELATIONAL, 0.5, 0, t_open, d));
    return escalate(k->m, *d, mode, t_esc);
}

static int status_of(const ot_model *m, ot_id d)
{
    int s = 0;
    ck_ok(ot_disruption_status(m, d, &s));
    return s;
}

static double integrity(const ot_model *m, ot_id truster, ot_id trustee)
{
    return cast_expectation(m, truster, trustee, OT_INTEGRITY);
}

/* ---- the statuses of a path ------------------------------------------- */

START_TEST(ok_when_the_managers_get_on)
{
    /* Roy and Fatima (layer 0): the managers above them trust each other
     * 0.8 and 0.7, h = 0.7 >= 0.6; the wethouder and the dijkgraaf 0.9 and
     * 0.8, h = 0.8. */
    cast k = cast_new(NULL);
    ot_escalation_step s[4];
    ck_assert_uint_eq(path_of(k.m, k.t_rf, s), 2);
    ck_step(s[0], 1, k.mgr_ro, k.mgr_ws, OT_STEP_OK, OT_REASON_NONE);
    ck_step(s[1], 2, k.weth, k.dijk, OT_STEP_OK, OT_REASON_NONE);
    cast_done(&k);
}
END_TEST

START_TEST(unhealthy_when_the_managers_fell_out)
{
    cast k = cast_new(NULL);
    /* The manager watersysteem saw the manager RO break an agreement:
     * T = 0.7 * 0.75 = 0.525, so h = min(0.8, 0.525) = 0.525 < 0.6. */
    ck_ok(ot_observe(k.m, k.mgr_ws, k.mgr_ro, OT_AGREEMENT_BROKEN, 1.0, 1.0));
    ck_near(trust_of(k.m, k.mgr_ws, k.mgr_ro), 0.525, 1e-15);
    ot_escalation_step s[4];
    ck_assert_uint_eq(path_of(k.m, k.t_rf, s), 2);
    ck_step(s[0], 1, k.mgr_ro, k.mgr_ws, OT_STEP_UNHEALTHY, OT_REASON_NONE);
    ck_step(s[1], 2, k.weth, k.dijk, OT_STEP_OK, OT_REASON_NONE);
    cast_done(&k);
}
END_TEST

START_TEST(health_threshold_is_inclusive)
{
    /* h = min(0.8, 0.7) = 0.7 exactly (both are propensities): with
     * theta_esc = 0.7 the step is OK (UNHEALTHY needs h < theta), with the
     * next double above 0.7 it is UNHEALTHY. */
    for (int above = 0; above <= 1; above++) {
        ot_config *c;
        ck_ok(ot_config_new(&c));
        ck_ok(ot_config_set(c, OT_PARAM_ESCALATION_THRESHOLD, above ? nextafter(0.7, 1.0) : 0.7));
        cast k = cast_new(c);
        ot_config_free(c);
        ot_escalation_step s[4];
        ck_assert_uint_eq(path_of(k.m, k.t_rf, s), 2);
        ck_step(s[0], 1, k.mgr_ro, k.mgr_ws, above ? OT_STEP_UNHEALTHY : OT_STEP_OK, OT_REASON_NONE);
        cast_done(&k);
    }
}
END_TEST

START_TEST(no_superior_ends_the_path)
{
    cast k = cast_new(NULL);
    /* Kees, an interim hire at the waterschap, reports to nobody. On
     * Roy's side the line goes on (manager RO, wethouder), but the first
     * step without a counterpart ends the path: one step, not two. */
    ot_id rk, dk;
    ot_id kees = cast_interim_hire(&k, &rk);
    ot_escalation_step s[4];
    ck_assert_uint_eq(path_of(k.m, rk, s), 1);
    ck_step(s[0], 1, k.mgr_ro, OT_NONE, OT_STEP_NO_SUPERIOR, OT_REASON_NONE);
    /* Seen from Kees's end (the tie's first end), the missing candidate is x. */
    ck_ok(ot_tie_add(k.m, kees, k.daan, &dk));
    ck_assert_uint_eq(path_of(k.m, dk, s), 1);
    ck_step(s[0], 1, OT_NONE, k.pl, OT_STEP_NO_SUPERIOR, OT_REASON_NONE);
    /* The projectleider (layer 1) working with Kees directly: on layer 1
     * the candidate on his side is himself, a party, but the missing
     * counterpart is checked first. */
    ot_id pk;
    ck_ok(ot_tie_add(k.m, k.pl, kees, &pk));
    ck_assert_uint_eq(path_of(k.m, pk, s), 1);
    ck_step(s[0], 1, k.pl, OT_NONE, OT_STEP_NO_SUPERIOR, OT_REASON_NONE);
    cast_done(&k);
}
END_TEST

START_TEST(no_tie_between_the_candidates)
{
    cast k = cast_new(NULL);
    /* The gemeente's policy officer reports straight to the wethouder, so
     * the wethouder is x on both layers; on layer 1 he meets the manager
     * watersysteem, with whom he has no tie. */
    ot_id pf;
    ck_ok(ot_tie_add(k.m, k.pol_g, k.fatima, &pf));
    ot_escalation_step s[4];
    ck_assert_uint_eq(path_of(k.m, pf, s), 2);
    ck_step(s[0], 1, k.weth, k.mgr_ws, OT_STEP_NO_TIE, OT_REASON_NONE);
    ck_step(s[1], 2, k.weth, k.dijk, OT_STEP_OK, OT_REASON_NONE);
    cast_done(&k);
}
END_TEST

START_TEST(equal_pairs_are_reported_once)
{
    cast k = cast_new(NULL);
    /* Both policy officers report to the top: (wethouder, dijkgraaf) serve
     * layer 1 and layer 2. One step, with the layer where the pair first
     * appears. */
    ot_escalation_step s[4];
    ck_assert_uint_eq(path_of(k.m, k.t_pol, s), 1);
    ck_step(s[0], 1, k.weth, k.dijk, OT_STEP_OK, OT_REASON_NONE);
    /* Escalating their own quarrel reports that step's layer, 1, though
     * both people on it sit on layer 2. */
    ot_id d;
    ck_assert_int_eq(falls_out_and_escalates(&k, k.pol_g, k.pol_w, 1.0, OT_JOINT, 1.0, &d), 1);
    cast_done(&k);
}
END_TEST

START_TEST(lines_that_meet_in_the_wethouder)
{
    cast k = cast_new(NULL);
    /* Sanne works in another department of the gemeente (openbare ruimte),
     * so Roy-Sanne is external (two departments). On layer 1 their
     * managers have no tie; on layer 2 both lines reach the same wethouder:
     * one person is no counterpart relationship, NO_TIE. */
    ot_id openbare_ruimte, rs;
    ck_ok(ot_org_add(k.m, "Openbare ruimte", k.gemeente, &openbare_ruimte));
    ot_id mgr_or = cast_actor(k.m, openbare_ruimte, 1, k.weth, "manager OR", 0.8);
    cast_newcomer(&k, openbare_ruimte, 0, mgr_or, "Sanne", k.roy, &rs);
    ot_escalation_step s[4];
    ck_assert_uint_eq(path_of(k.m, rs, s), 2);
    ck_step(s[0], 1, k.mgr_ro, mgr_or, OT_STEP_NO_TIE, OT_REASON_NONE);
    ck_step(s[1], 2, k.weth, k.weth, OT_STEP_NO_TIE, OT_REASON_NONE);
    cast_done(&k);
}
END_TEST

START_TEST(a_party_is_compromised_before_anything_else)
{
    cast k = cast_new(NULL);
    cast_project_leader_joins_team(&k);
    /* The diagonal tie itself: projectleider (layer 1) and Bram (layer 0),
     * L0 = 0. On layer 1 the candidate on his side is the projectleider
     * himself: a party (PARTY wins, although he also works with Bram on
     * layer 0 <= L0, which would be DIAGONAL, and has a healthy tie to the
     * manager watersysteem, which would be OK). */
    ot_escalation_step s[4];
    ck_assert_uint_eq(path_of(k.m, k.t_diag, s), 2);
    ck_step(s[0], 1, k.pl, k.mgr_ws, OT_STEP_COMPROMISED, OT_REASON_PARTY);
    ck_step(s[1], 2, k.weth, k.dijk, OT_STEP_OK, OT_REASON_NONE);
    /* A party with no tie to the counterpart: PARTY before NO_TIE. */
    ot_id pe;
    ot_id mgr_vg = cast_actor(k.m, k.waterschap, 1, k.dijk, "manager vergunningen", 0.7);
    cast_newcomer(&k, k.waterschap, 0, mgr_vg, "Eva", k.pl, &pe);
    ck_assert_uint_eq(path_of(k.m, pe, s), 2);
    ck_step(s[0], 1, k.pl, mgr_vg, OT_STEP_COMPROMISED, OT_REASON_PARTY);
    cast_done(&k);
}
END_TEST

START_TEST(diagonal_before_no_tie)
{
    cast k = cast_new(NULL);
    /* Daan works with Eva, whose manager (vergunningen) has no tie with
     * the projectleider: NO_TIE on layer 1 ... */
    ot_id de;
    ot_id mgr_vg = cast_actor(k.m, k.waterschap, 1, k.dijk, "manager vergunningen", 0.7);
    cast_newcomer(&k, k.waterschap, 0, mgr_vg, "Eva", k.daan, &de);
    ot_escalation_step s[4];
    ck_assert_uint_eq(path_of(k.m, de, s), 2);
    ck_step(s[0], 1, k.pl, mgr_vg, OT_STEP_NO_TIE, OT_REASON_NONE);
    /* ... until the projectleider joins the water-test team: then he is
     * compromised, which is checked first. */
    cast_project_leader_joins_team(&k);
    ck_assert_uint_eq(path_of(k.m, de, s), 2);
    ck_step(s[0], 1, k.pl, mgr_vg, OT_STEP_COMPROMISED, OT_REASON_DIAGONAL);
    ck_step(s[1], 2, k.weth, k.dijk, OT_STEP_OK, OT_REASON_NONE);
    cast_done(&k);
}
END_TEST

START_TEST(diagonal_on_the_other_side_and_x_on_the_first_end)
{
    cast k = cast_new(NULL);
    cast_project_leader_joins_team(&k);
    /* Bram and Sanne (another gemeente colleague under the projectleider),
     * the tie added Bram first: x is on Bram's side, and the compromised
     * candidate (the projectleider) is y. */
    ot_id bs;
    ot_id sanne = cast_actor(k.m, k.gemeente, 0, k.pl, "Sanne", 0.5);
    ck_ok(ot_tie_add(k.m, k.bram, sanne, &bs));
    ot_escalation_step s[4];
    ck_assert_uint_eq(path_of(k.m, bs, s), 2);
    ck_step(s[0], 1, k.mgr_ws, k.pl, OT_STEP_COMPROMISED, OT_REASON_DIAGONAL);
    ck_step(s[1], 2, k.dijk, k.weth, OT_STEP_OK, OT_REASON_NONE);
    cast_done(&k);
}
END_TEST

START_TEST(diagonal_counts_partners_at_or_below_the_disruption_layer)
{
    /* The status table: a candidate is compromised by an external tie to a
     * member of the other organisation whose layer is <= L0. The
     * dijkgraaf (layer 2) works directly with the manager RO (layer 1). */
    cast k = cast_new(NULL);
    ck_ok(ot_tie_add(k.m, k.dijk, k.mgr_ro, NULL));
    ot_escalation_step s[4];
    /* Roy-Fatima, L0 = 0: the dijkgraaf's partner is on layer 1 > 0, so he
     * is not part of an operational disruption; neither is the manager RO,
     * whose partners on the other side are on layers 1 and 2. */
    ck_assert_uint_eq(path_of(k.m, k.t_rf, s), 2);
    ck_step(s[0], 1, k.mgr_ro, k.mgr_ws, OT_STEP_OK, OT_REASON_NONE);
    ck_step(s[1], 2, k.weth, k.dijk, OT_STEP_OK, OT_REASON_NONE);
    /* The managers' own tie, L0 = 1: partner layer 1 <= 1, compromised. */
    ck_assert_uint_eq(path_of(k.m, k.t_mgr, s), 1);
    ck_step(s[0], 2, k.weth, k.dijk, OT_STEP_COMPROMISED, OT_REASON_DIAGONAL);
    cast_done(&k);

    /* The dijkgraaf who works directly with Daan (layer 0) is part of the
     * relationship at layer 0 and everything above it: a managerial
     * disruption (L0 = 1) finds him compromised too. */
    k = cast_new(NULL);
    ck_ok(ot_tie_add(k.m, k.dijk, k.daan, NULL));
    ck_assert_uint_eq(path_of(k.m, k.t_mgr, s), 1);
    ck_step(s[0], 2, k.weth, k.dijk, OT_STEP_COMPROMISED, OT_REASON_DIAGONAL);
    ck_assert_uint_eq(path_of(k.m, k.t_rf, s), 2);
    ck_step(s[1], 2, k.weth, k.dijk, OT_STEP_COMPROMISED, OT_REASON_DIAGONAL);
    cast_done(&k);
}
END_TEST

START_TEST(top_layer_has_no_path)
{
    cast k = cast_new(NULL);
    /* Nobody is above the wethouder and the dijkgraaf: no layer L0 + 1. */
    ot_escalation_step s[4];
    ck_assert_uint_eq(path_of(k.m, k.t_top, s), 0);
    cast_done(&k);
}
END_TEST

START_TEST(count_beyond_cap_and_guard_bytes)
{
    cast k = cast_new(NULL);
    ot_escalation_step s[5], guard;
    memset(&guard, 0xA5, sizeof guard);
    for (int i = 0; i < 5; i++)
        s[i] = guard;
    size_t n = 99;
    /* Roy-Fatima has two steps; room for one: n says 2, only s[0] written. */
    ck_ok(ot_escalation_path(k.m, k.t_rf, s, 1, &n));
    ck_assert_uint_eq(n, 2);
    ck_step(s[0], 1, k.mgr_ro, k.mgr_ws, OT_STEP_OK, OT_REASON_NONE);
    for (int i = 1; i < 5; i++)
        ck_assert_msg(memcmp(&s[i], &guard, sizeof guard) == 0, "s[%d] was written", i);
    /* No room at all: NULL is fine, n still counts. */
    n = 99;
    ck_ok(ot_escalation_path(k.m, k.t_rf, NULL, 0, &n));
    ck_assert_uint_eq(n, 2);
    /* cap 0 with a buffer writes nothing. */
    s[0] = guard;
    ck_ok(ot_escalation_path(k.m, k.t_rf, s, 0, &n));
    ck_assert(memcmp(&s[0], &guard, sizeof guard) == 0);
    /* More room than steps: the rest stays as it was. */
    ck_ok(ot_escalation_path(k.m, k.t_rf, s, 5, &n));
    ck_assert_uint_eq(n, 2);
    ck_step(s[1], 2, k.weth, k.dijk, OT_STEP_OK, OT_REASON_NONE);
    for (int i = 2; i < 5; i++)
        ck_assert(memcmp(&s[i], &guard, sizeof guard) == 0);
    cast_done(&k);
}
END_TEST

START_TEST(path_errors)
{
    cast k = cast_new(NULL);
    ot_state st = ot_state_of(k.m);
    ot_escalation_step s[4];
    size_t n = 77;
    /* Colleagues' disputes go to their common superior, not up two lines. */
    ck_status(ot_escalation_path(k.m, k.t_roy_mgr, s, 4, &n), OT_EINVAL);
    ck_msg_hasf("tie = %u", (unsigned)k.t_roy_mgr);
    ck_msg_has("internal");
    ck_status(ot_escalation_path(k.m, 99, s, 4, &n), OT_ENOTFOUND);
    ck_msg_has("tie = 99");
    ck_status(ot_escalation_path(k.m, k.t_rf, NULL, 2, &n), OT_EINVAL);
    ck_msg_has("cap = 2");
    ck_status(ot_escalation_path(k.m, k.t_rf, s, 4, NULL), OT_EINVAL);
    ck_msg_has("n is NULL");
    ck_status(ot_escalation_path(NULL, k.t_rf, s, 4, &n), OT_EINVAL);
    ck_msg_has("m is NULL");
    ck_assert_uint_eq(n, 77);
    ck_unchanged(k.m, st);
    cast_done(&k);
}
END_TEST

/* ---- escalation ------------------------------------------------------- */

START_TEST(escalation_repairs_by_the_counterparts_health)
{
    cast k = cast_new(NULL);
    ot_id d;
    /* Roy is let down by Fatima (relational, severity 0.5) on day 10:
     * evidence 2 * 0.5 = 1, T = 0.5 * 0.75 = 0.375. */
    /* A month later (one repair half-life, fresh = 0.5) they escalate
     * together; the first OK step is the managers', h = min(0.8, 0.7) = 0.7:
     * T = 0.375 + 0.9 * 0.5 * 0.7 * (0.5 - 0.375) = 0.375 + 0.039375. */
    ck_assert_int_eq(falls_out_and_escalates(&k, k.roy, k.fatima, 10.0, OT_JOINT, 40.0, &d), 1);
    ck_near(trust_of(k.m, k.roy, k.fatima), 0.414375, 1e-15);
    ck_assert_int_eq(status_of(k.m, d), OT_RESOLVED_BY_ESCALATION);
    ck_near(cast_surfaced_at(k.m, d), 40.0, 0.0);
    ck_assert_int_eq(cast_failed(k.m, d), 0);
    /* JOINT: Fatima pays nothing for it. */
    ck_near(trust_of(k.m, k.fatima, k.roy), 0.5, 0.0);
    ck_near(integrity(k.m, k.fatima, k.roy), 0.5, 0.0);
    cast_done(&k);
}
END_TEST

START_TEST(escalation_skips_unhealthy_managers)
{
    cast k = cast_new(NULL);
    ot_id d;
    ck_ok(ot_observe(k.m, k.mgr_ws, k.mgr_ro, OT_AGREEMENT_BROKEN, 1.0, 1.0)); /* h = 0.525 */
    /* Roy falls out with Fatima (T = 0.375) and they escalate the same day
     * (fresh = 1): the top takes it, h = min(0.9, 0.8) = 0.8,
     * T = 0.375 + 0.9 * 1 * 0.8 * 0.125 = 0.375 + 0.09 = 0.465. */
    ck_assert_int_eq(falls_out_and_escalates(&k, k.roy, k.fatima, 10.0, OT_JOINT, 10.0, &d), 2);
    ck_near(trust_of(k.m, k.roy, k.fatima), 0.465, 1e-15);
    cast_done(&k);
}
END_TEST

START_TEST(project_leader_in_the_water_test_team)
{
    /* Seed 000: a projectleider of the gemeente (managerial) sits in the
     * joint water-test team on the operational layer. Trouble in the team:
     * his approach to his counterpart, the manager watersysteem, does not
     * work, because he is part of the disrupted relationship. */
    cast k = cast_new(NULL);
    ot_escalation_step s[4];
    /* Before he joins, the managerial step would be OK: h = min(0.75, 0.7). */
    ck_assert_uint_eq(path_of(k.m, k.t_team, s), 2);
    ck_step(s[0], 1, k.pl, k.mgr_ws, OT_STEP_OK, OT_REASON_NONE);
    cast_project_leader_joins_team(&k);
    ck_assert_uint_eq(path_of(k.m, k.t_team, s), 2);
    ck_step(s[0], 1, k.pl, k.mgr_ws, OT_STEP_COMPROMISED, OT_REASON_DIAGONAL);
    ck_step(s[1], 2, k.weth, k.dijk, OT_STEP_OK, OT_REASON_NONE);
    /* The network check lists his tie as the hazard between the two. */
    ot_id hz[2] = {OT_NONE, OT_NONE};
    size_t n = 0;
    ck_ok(ot_hazards(k.m, k.gemeente, k.waterschap, hz, 2, &n));
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(hz[0], k.t_diag);
    /* Daan falls out with Bram (relational, severity 0.5) on day 100:
     * T = 0.375. Escalated the same day, it skips to the wethouder and the
     * dijkgraaf: T = 0.375 + 0.9 * 1 * 0.8 * (0.5 - 0.375) = 0.465. */
    ot_id d;
    ck_assert_int_eq(falls_out_and_escalates(&k, k.daan, k.bram, 100.0, OT_JOINT, 100.0, &d), 2);
    ck_near(trust_of(k.m, k.daan, k.bram), 0.465, 1e-15);
    cast_done(&k);
}
END_TEST

START_TEST(the_observer_is_i)
{
    cast k = cast_new(NULL);
    cast_project_leader_joins_team(&k);
    ot_id d;
    /* Bram experiences the disruption on the tie Daan-Bram (Daan is its
     * first end). Escalation walks from Bram's side: (manager
     * watersysteem, projectleider) is compromised, (dijkgraaf, wethouder) is
     * OK; T(Bram -> Daan) = 0.375 + 0.9 * 0.8 * 0.125 = 0.465. */
    ck_assert_int_eq(falls_out_and_escalates(&k, k.bram, k.daan, 5.0, OT_UNILATERAL, 5.0, &d), 2);
    ck_near(trust_of(k.m, k.bram, k.daan), 0.465, 1e-15);
    /* Bram went over Daan's head: j = Daan records integrity evidence 1
     * about i = Bram: T = 0.5 * 0.75 = 0.375, E = 1 / (1 + 2). */
    ck_near(trust_of(k.m, k.daan, k.bram), 0.375, 1e-15);
    ck_near(integrity(k.m, k.daan, k.bram), 1.0 / 3.0, 1e-15);
    cast_done(&k);
}
END_TEST

START_TEST(failed_escalation_spills_down_and_stays_open)
{
    cast k = cast_new(NULL);
    ot_id rk, d;
    ot_id kees = cast_interim_hire(&k, &rk);
    /* Roy falls out with Kees (T = 0.375). Kees has nobody above him: no
     * OK step. Both directions take integrity evidence 0.5:
     * T(Roy -> Kees) = 0.375 * 0.75^0.5, T(Kees -> Roy) = 0.5 * 0.75^0.5;
     * JOINT adds nothing. */
    ck_assert_int_eq(falls_out_and_escalates(&k, k.roy, kees, 10.0, OT_JOINT, 40.0, &d), -1);
    double t1 = 0.375 * sqrt(0.75);
    ck_near(trust_of(k.m, k.roy, kees), t1, 1e-15);
    ck_near(trust_of(k.m, kees, k.roy), 0.5 * sqrt(0.75), 1e-15);
    /* Integrity counters: Roy's 1 from day 10 has decayed for 30 days
     * (H = 365) before the 0.5 is added, s = 2^(-30/365) + 0.5,
     * E = 1 / (s + 2); Kees s = 0.5, E = 1 / 2.5. */
    ck_near(integrity(k.m, k.roy, kees), 1.0 / (exp2(-30.0 / 365.0) + 0.5 + 2.0), 1e-15);
    ck_near(integrity(k.m, kees, k.roy), 1.0 / 2.5, 1e-15);
    ck_assert_int_eq(status_of(k.m, d), OT_OPEN);
    ck_assert_int_eq(cast_failed(k.m, d), 1);
    ck_near(cast_surfaced_at(k.m, d), 40.0, 0.0);
    /* Still open, so it can be escalated again. The waterschap gives Kees
     * a manager; on day 70 the managers take it (h = 0.7). The clock
     * stopped when it surfaced on day 40: fresh = 2^-(30/30) = 0.5.
     * T = t1 + 0.9 * 0.5 * 0.7 * (0.5 - t1). */
    ck_ok(ot_actor_set_superior(k.m, kees, k.mgr_ws));
    ck_assert_int_eq(escalate(k.m, d, OT_JOINT, 70.0), 1);
    /* Model 2 restores towards min(0.5, C) instead (section 11). Roy's
     * scar: 0.5 from the disruption (no evidence before, u = 1); on day 40,
     * healed to 0.5 f (f = 2^(-30/365), the evidence's fade too), the
     * spill-down (x = 0.5, u = 2 / (f + 2)) deepens it to
     * 1 - (1 - 0.5 f) * sqrt(1 - 0.5 u) = 0.571; by day 70 it healed by f
     * again: C = 1 - 0.571 f = 0.460 < 0.5. */
    double f = exp2(-30.0 / 365.0), u = 2.0 / (f + 2.0);
    double C = 1.0 - (1.0 - (1.0 - 0.5 * f) * sqrt(1.0 - 0.5 * u)) * f;
    (void)C; /* unused in the model-1 build */
    ck_near(trust_of(k.m, k.roy, kees), t1 + 0.9 * 0.5 * 0.7 * (OT_V1_V2(0.5, C) - t1), 1e-15);
    cast_done(&k);
}
END_TEST

START_TEST(failed_escalation_can_be_repaired)
{
    cast k = cast_new(NULL);
    ot_id rk, d;
    ot_id kees = cast_interim_hire(&k, &rk);
    ck_assert_int_eq(falls_out_and_escalates(&k, k.roy, kees, 10.0, OT_JOINT, 10.0, &d), -1);
    /* Repaired locally the same day: T = t1 + 0.6 * 1 * (0.5 - t1). Model
     * 2: towards min(0.5, C): the disruption scarred 0.5 (u = 1), the
     * spill-down (x = 0.5, u = 2 / 3) deepened it to
     * 1 - 0.5 * sqrt(1 - 1/3) = 0.592: C = 0.5 * sqrt(2/3) = 0.408. */
    double t1 = 0.375 * sqrt(0.75);
    ck_ok(ot_repair(k.m, d, 10.0));
    ck_near(trust_of(k.m, k.roy, kees), t1 + 0.6 * (OT_V1_V2(0.5, 0.5 * sqrt(2.0 / 3.0)) - t1), 1e-15);
    ck_assert_int_eq(status_of(k.m, d), OT_RESOLVED_LOCALLY);
    cast_done(&k);
}
END_TEST

START_TEST(unilateral_costs_whatever_the_outcome)
{
    cast k = cast_new(NULL);
    ot_id d1, d2, rk;
    /* Success: Roy goes over Fatima's head. Fatima records integrity
     * evidence 1 about Roy: T = 0.5 * 0.75 = 0.375, E = 1/3. */
    ck_assert_int_eq(falls_out_and_escalates(&k, k.roy, k.fatima, 10.0, OT_UNILATERAL, 10.0, &d1), 1);
    ck_near(trust_of(k.m, k.fatima, k.roy), 0.375, 1e-15);
    ck_near(integrity(k.m, k.fatima, k.roy), 1.0 / 3.0, 1e-15);
    /* Failure: Roy goes over Kees's head and nobody is there. Kees takes
     * the spill 0.5 and the cost 1: T = 0.5 * 0.75^0.5 * 0.75,
     * E = 1 / (1.5 + 2). */
    ot_id kees = cast_interim_hire(&k, &rk);
    ck_assert_int_eq(falls_out_and_escalates(&k, k.roy, kees, 20.0, OT_UNILATERAL, 20.0, &d2), -1);
    ck_near(trust_of(k.m, kees, k.roy), 0.5 * sqrt(0.75) * 0.75, 1e-15);
    ck_near(integrity(k.m, kees, k.roy), 1.0 / 3.5, 1e-15);
    cast_done(&k);
}
END_TEST

START_TEST(top_layer_disruption_cannot_escalate)
{
    cast k = cast_new(NULL);
    ot_id d;
    /* The wethouder and the dijkgraaf fall out: T = 0.9 * 0.75. There is
     * no one above them, so escalation fails and both take 0.5. */
    ck_assert_int_eq(falls_out_and_escalates(&k, k.weth, k.dijk, 3.0, OT_JOINT, 3.0, &d), -1);
    ck_near(trust_of(k.m, k.weth, k.dijk), 0.9 * 0.75 * sqrt(0.75), 1e-15);
    ck_near(trust_of(k.m, k.dijk, k.weth), 0.8 * sqrt(0.75), 1e-15);
    cast_done(&k);
}
END_TEST

START_TEST(escalate_errors_change_nothing)
{
    cast k = cast_new(NULL);
    ot_id d, di;
    ck_ok(ot_disrupt(k.m, k.roy, k.fatima, OT_RELATIONAL, 0.5, 0, 10.0, &d));
    ck_ok(ot_disrupt(k.m, k.roy, k.mgr_ro, OT_RELATIONAL, 0.5, 0, 10.0, &di)); /* internal tie */
    ot_state st = ot_state_of(k.m);
    int resolved = 42;
    unsigned layer = 42;
    ck_status(ot_escalate(k.m, d, 0, 11.0, &resolved, &layer), OT_EINVAL);
    ck_msg_has("mode = 0");
    ck_status(ot_escalate(k.m, d, 3, 11.0, &resolved, &layer), OT_EINVAL);
    ck_msg_has("mode = 3");
    ck_status(ot_escalate(k.m, 7, OT_JOINT, 11.0, &resolved, &layer), OT_ENOTFOUND);
    ck_msg_has("disruption = 7");
    ck_status(ot_escalate(k.m, d, OT_JOINT, 9.0, &resolved, &layer), OT_ETIME);
    ck_msg_has("t = 9");
    ck_status(ot_escalate(k.m, d, OT_JOINT, NAN, &resolved, &layer), OT_EINVAL);
    ck_msg_has("t = nan");
    ck_status(ot_escalate(k.m, d, OT_JOINT, INFINITY, &resolved, &layer), OT_EINVAL);
    ck_msg_has("t = inf");
    ck_status(ot_escalate(k.m, di, OT_JOINT, 11.0, &resolved, &layer), OT_EINVAL);
    ck_msg_hasf("disruption = %u", (unsigned)di);
    ck_msg_hasf("tie %u", (unsigned)k.t_roy_mgr);
    ck_msg_has("internal");
    ck_status(ot_escalate(NULL, d, OT_JOINT, 11.0, &resolved, &layer), OT_EINVAL);
    ck_msg_has("m is NULL");
    ck_assert_int_eq(resolved, 42);
    ck_assert_uint_eq(layer, 42);
    ck_unchanged(k.m, st);
    /* Closed disruptions cannot be handled again. */
    ck_ok(ot_escalate(k.m, d, OT_JOINT, 11.0, NULL, NULL));
    st = ot_state_of(k.m);
    ck_status(ot_escalate(k.m, d, OT_JOINT, 12.0, &resolved, &layer), OT_ESTATE);
    ck_msg_has("disruption 0");
    ck_msg_has("by escalation");
    ck_status(ot_repair(k.m, d, 12.0), OT_ESTATE);
    ck_msg_has("disruption 0");
    ck_unchanged(k.m, st);
    /* The internal disruption can still be repaired (repair works on any tie). */
    ck_ok(ot_repair(k.m, di, 12.0));
    cast_done(&k);
}
END_TEST

START_TEST(escalate_survives_allocation_failures)
{
    ck_ok(ot_set_allocator(cast_malloc, cast_realloc, free));
    cast k = cast_new(NULL);
    ot_id d1, d2, rk;
    ot_id kees = cast_interim_hire(&k, &rk);
    ck_ok(ot_disrupt(k.m, k.roy, k.fatima, OT_RELATIONAL, 0.5, 0, 10.0, &d1));
    ck_ok(ot_disrupt(k.m, k.roy, kees, OT_RELATIONAL, 0.5, 0, 10.0, &d2));
    cast_fill_log(&k, 10.0);
    ck_survives_allocation_failures(&k, ot_escalate(k.m, d1, OT_UNILATERAL, 10.0, NULL, NULL));
    cast_fill_log(&k, 10.0);
    ck_survives_allocation_failures(&k, ot_escalate(k.m, d2, OT_UNILATERAL, 10.0, NULL, NULL));
    cast_done(&k);
    ck_ok(ot_set_allocator(NULL, NULL, NULL));
}
END_TEST

/* ---- hazards ---------------------------------------------------------- */

START_TEST(hazards_in_tie_order)
{
    cast k = cast_new(NULL);
    /* Rijkswaterstaat's Joost (managerial) works directly with Roy: a
     * diagonal tie, but between other organisations. */
    ot_id rws, joost_roy, dijk_roy;
    ck_ok(ot_org_add(k.m, "Rijkswaterstaat", OT_NONE, &rws));
    cast_newcomer(&k, rws, 1, OT_NONE, "Joost", k.roy, &joost_roy);
    cast_project_leader_joins_team(&k);
    ck_ok(ot_tie_add(k.m, k.dijk, k.roy, &dijk_roy));
    ck_assert(joost_roy < k.t_diag && k.t_diag < dijk_roy);
    ot_id hz[4] = {OT_NONE, OT_NONE, OT_NONE, OT_NONE};
    size_t n = 0;
    /* Gemeente and waterschap: projectleider-Bram, then dijkgraaf-Roy; the
     * horizontal ties are no hazards. Either order of the organisations. */
    ck_ok(ot_hazards(k.m, k.gemeente, k.waterschap, hz, 4, &n));
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(hz[0], k.t_diag);
    ck_assert_uint_eq(hz[1], dijk_roy);
    ck_assert_uint_eq(hz[2], OT_NONE);
    ck_ok(ot_hazards(k.m, k.waterschap, k.gemeente, hz, 4, &n));
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(hz[0], k.t_diag);
    ck_assert_uint_eq(hz[1], dijk_roy);
    /* Only Roy works in the planning department. */
    ck_ok(ot_hazards(k.m, k.ro, k.waterschap, hz, 4, &n));
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(hz[0], dijk_roy);
    ck_ok(ot_hazards(k.m, k.gemeente, rws, hz, 4, &n));
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(hz[0], joost_roy);
    ck_ok(ot_hazards(k.m, k.waterschap, rws, hz, 4, &n));
    ck_assert_uint_eq(n, 0);
    /* Room for one: n counts both, nothing beyond hz[0] is written. */
    hz[0] = hz[1] = hz[2] = OT_NONE;
    ck_ok(ot_hazards(k.m, k.gemeente, k.waterschap, hz, 1, &n));
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(hz[0], k.t_diag);
    ck_assert_uint_eq(hz[1], OT_NONE);
    n = 0;
    ck_ok(ot_hazards(k.m, k.gemeente, k.waterschap, NULL, 0, &n));
    ck_assert_uint_eq(n, 2);
    cast_done(&k);
}
END_TEST

START_TEST(hazards_errors)
{
    cast k = cast_new(NULL);
    cast_project_leader_joins_team(&k);
    ot_state st = ot_state_of(k.m);
    ot_id hz[2] = {OT_NONE, OT_NONE};
    size_t n = 77;
    /* The planning department lies inside the gemeente: they overlap. */
    ck_status(ot_hazards(k.m, k.gemeente, k.ro, hz, 2, &n), OT_EINVAL);
    ck_msg_has("org_a = 0");
    ck_msg_has("org_b = 1");
    ck_status(ot_hazards(k.m, k.waterschap, k.waterschap, hz, 2, &n), OT_EINVAL);
    ck_msg_has("overlap");
    ck_status(ot_hazards(k.m, k.gemeente, 9, hz, 2, &n), OT_ENOTFOUND);
    ck_msg_has("org_b = 9");
    ck_status(ot_hazards(k.m, 9, k.gemeente, hz, 2, &n), OT_ENOTFOUND);
    ck_msg_has("org_a = 9");
    ck_status(ot_hazards(k.m, k.gemeente, k.waterschap, NULL, 2, &n), OT_EINVAL);
    ck_msg_has("cap = 2");
    ck_status(ot_hazards(k.m, k.gemeente, k.waterschap, hz, 2, NULL), OT_EINVAL);
    ck_msg_has("n is NULL");
    ck_status(ot_hazards(NULL, k.gemeente, k.waterschap, hz, 2, &n), OT_EINVAL);
    ck_assert_uint_eq(n, 77);
    ck_assert_uint_eq(hz[0], OT_NONE);
    ck_unchanged(k.m, st);
    cast_done(&k);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("escalation");
    TCase *path = tcase_create("path");
    tcase_add_test(path, ok_when_the_managers_get_on);
    tcase_add_test(path, unhealthy_when_the_managers_fell_out);
    tcase_add_test(path, health_threshold_is_inclusive);
    tcase_add_test(path, no_superior_ends_the_path);
    tcase_add_test(path, no_tie_between_the_candidates);
    tcase_add_test(path, equal_pairs_are_reported_once);
    tcase_add_test(path, lines_that_meet_in_the_wethouder);
    tcase_add_test(path, a_party_is_compromised_before_anything_else);
    tcase_add_test(path, diagonal_before_no_tie);
    tcase_add_test(path, diagonal_on_the_other_side_and_x_on_the_first_end);
    tcase_add_test(path, diagonal_counts_partners_at_or_below_the_disruption_layer);
    tcase_add_test(path, top_layer_has_no_path);
    tcase_add_test(path, count_beyond_cap_and_guard_bytes);
    tcase_add_test(path, path_errors);
    suite_add_tcase(s, path);
    TCase *esc = tcase_create("escalate");
    tcase_add_test(esc, escalation_repairs_by_the_counterparts_health);
    tcase_add_test(esc, escalation_skips_unhealthy_managers);
    tcase_add_test(esc, project_leader_in_the_water_test_team);
    tcase_add_test(esc, the_observer_is_i);
    tcase_add_test(esc, failed_escalation_spills_down_and_stays_open);
    tcase_add_test(esc, failed_escalation_can_be_repaired);
    tcase_add_test(esc, unilateral_costs_whatever_the_outcome);
    tcase_add_test(esc, top_layer_disruption_cannot_escalate);
    tcase_add_test(esc, escalate_errors_change_nothing);
    tcase_add_test(esc, escalate_survives_allocation_failures);
    suite_add_tcase(s, esc);
    TCase *hz = tcase_create("hazards");
    tcase_add_test(hz, hazards_in_tie_order);
    tcase_add_test(hz, hazards_errors);
    suite_add_tcase(s, hz);
    return s;
}

int main(void) { return ot_run_suite(suite()); }
