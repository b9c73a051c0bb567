/* lib/lifecycle.c: people come and go (docs/model.md, section 13), told
 * with the gemeente and the waterschap of seed 000.
 *
 * Default parameters: g = 0.05, theta_c = 0.5, disrupted gain 0.5,
 * organisation prior 0.5. Every story ends with ot_model_check(), which
 * recomputes every aggregate, the partner counts behind the DIAGONAL
 * entanglement, the hazards list, the reporting lines and the due index
 * from scratch. */
#include "gw.h"

#include <string.h>

typedef struct lc_town {
    ot_model *m;
    ot_id G, W, weth, dijk, mgr_g, mgr_w, roy, fatima;
    ot_id pl, bram; /* layer 0: pl is the operational project leader */
    ot_id t_top, t_mgr, t_rf, t_pb;
} lc_town;

/* tests/gw.h with distrust at the top (T 0.3 / 0.1) and trusting managers
 * (0.8 / 0.8), and a second operational pair: the project leader (under
 * manager G) and Bram (under manager W), T 0.6 / 0.4. */
static lc_town lc_town_new(void)
{
    static const double top[2] = {0.3, 0.1}, mgr[2] = {0.8, 0.8};
    gw g = gw_new(NULL, top, mgr);
    lc_town k = {.m = g.m, .G = g.G, .W = g.W, .weth = g.weth, .dijk = g.dijk, .mgr_g = g.mgr_g, .mgr_w = g.mgr_w,
                 .roy = g.roy, .fatima = g.fatima, .t_top = g.t_top, .t_mgr = g.t_mgr, .t_rf = g.t_rf};
    k.pl = mk_actor(k.m, k.G, 0, k.mgr_g, "projectleider");
    k.bram = mk_actor(k.m, k.W, 0, k.mgr_w, "Bram");
    k.t_pb = mk_tie(k.m, k.pl, k.bram, 0.6, 0.4);
    return k;
}

static void lc_town_done(lc_town *k)
{
    gw_done(&(gw){.m = k->m});
}

static double damping(const ot_model *m, ot_id a, ot_id b)
{
    double d = -1.0;
    ck_ok(ot_damping(m, a, b, &d));
    return d;
}

static double layer_trust(const ot_model *m, ot_id a, ot_id b, unsigned layer)
{
    double v = -1.0;
    ck_ok(ot_layer_trust(m, a, b, layer, &v));
    return v;
}

static int tie_active(const ot_model *m, ot_id tie)
{
    int a = -1;
    ck_ok(ot_tie_active(m, tie, &a));
    return a;
}

static int actor_active(const ot_model *m, ot_id actor)
{
    int a = -1;
    ck_ok(ot_actor_active(m, actor, &a));
    return a;
}

static ot_id superior_of(const ot_model *m, ot_id actor)
{
    ot_id s = 0;
    ck_ok(ot_actor_superior(m, actor, &s));
    return s;
}

/* The wethouder leaves after the elections. Before: the administrative
 * layer trust is (0.3 + 0.1) / 2 = 0.2, so a managerial tie gets D =
 * 0.2 / 0.5 = 0.4 and an operational one min(0.8, 0.2) / 0.5 = 0.4. After:
 * the administrative layer has no ties, the managerial climate is gone (D
 * = 1) and the operational one is the managers' 0.8: D = min(1, 1.6) = 1. */
START_TEST(the_wethouder_leaves_after_the_elections)
{
    lc_town k = lc_town_new();
    ck_near(damping(k.m, k.mgr_g, k.mgr_w), 0.4, 1e-15);
    ck_near(damping(k.m, k.roy, k.fatima), 0.4, 1e-15);
    ck_ok(ot_actor_leave(k.m, k.weth, 100.0));
    ck_ok(ot_model_check(k.m));
    ck_assert_int_eq(actor_active(k.m, k.weth), 0);
    ck_assert_int_eq(tie_active(k.m, k.t_top), 0);
    ck_assert(damping(k.m, k.mgr_g, k.mgr_w) == 1.0);
    ck_assert(damping(k.m, k.roy, k.fatima) == 1.0);
    double v;
    ck_status(ot_layer_trust(k.m, k.G, k.W, 2, &v), OT_ENOTFOUND);
    /* The line closes up: the manager had the wethouder, who had nobody. */
    ck_assert_uint_eq(superior_of(k.m, k.mgr_g), OT_NONE);
    ck_assert_uint_eq(superior_of(k.m, k.weth), OT_NONE);
    /* The ended tie's state stays readable: T(wethouder -> dijkgraaf) 0.3. */
    ck_near(trust_of(k.m, k.weth, k.dijk), 0.3, 0);
    /* A gain on the operational tie now goes undamped:
     * 0.5 + (1 - (1 - 0.05)) * 0.5 = 0.525 (with D = 0.4 it was 0.51). */
    ck_ok(ot_observe(k.m, k.roy, k.fatima, OT_AGREEMENT_KEPT, 1.0, 101.0));
    ck_near(trust_of(k.m, k.roy, k.fatima), 0.525, 1e-15);
    lc_town_done(&k);
}
END_TEST

/* The departed wethouder takes no new part; every refusal changes
 * nothing. */
START_TEST(a_departed_actor_takes_no_new_part)
{
    lc_town k = lc_town_new();
    ck_ok(ot_actor_leave(k.m, k.weth, 100.0));
    ot_state before = ot_state_of(k.m);
    ck_status(ot_actor_leave(k.m, k.weth, 101.0), OT_ESTATE);
    ck_msg_has("actor = 0 (\"wethouder\") has left");
    ck_status(ot_tie_add(k.m, k.weth, k.mgr_w, NULL), OT_ESTATE);
    ck_msg_has("a = 0");
    ck_status(ot_actor_move(k.m, k.weth, k.G, 1, OT_NONE, 101.0), OT_ESTATE);
    ck_status(ot_actor_set_superior(k.m, k.mgr_g, k.weth), OT_ESTATE);
    ck_msg_has("superior = 0");
    ck_status(ot_actor_add(k.m, k.G, 0, k.weth, "nieuw", NULL), OT_ESTATE);
    ck_status(ot_observe(k.m, k.weth, k.dijk, OT_AGREEMENT_KEPT, 1.0, 101.0), OT_ESTATE);
    ck_msg_has("has ended");
    ck_status(ot_disrupt(k.m, k.dijk, k.weth, OT_TASK, 0.5, 0, 101.0, NULL), OT_ESTATE);
    ck_status(ot_consult(k.m, k.weth, k.dijk, OT_NONE, OT_NONE, 101.0), OT_ESTATE);
    ck_status(ot_tie_end(k.m, k.t_top, 101.0), OT_ESTATE);
    ck_msg_has("tie = 0");
    ck_status(ot_tie_set(k.m, k.t_top, OT_TIE_INTENSITY, 2.0), OT_ESTATE);
    ot_observation o = {.truster = k.dijk, .trustee = k.weth, .kind = OT_DELIVERED, .t = 101.0};
    size_t applied = 99;
    ck_status(ot_observe_batch(k.m, &o, 1, &applied), OT_ESTATE);
    ck_assert_uint_eq(applied, 0);
    /* Time going backwards. */
    ck_status(ot_tie_end(k.m, k.t_mgr, 99.0), OT_ETIME);
    ck_msg_has("t = 99");
    ck_status(ot_advance(k.m, 99.0), OT_ETIME);
    ck_status(ot_actor_leave(k.m, k.roy, 99.0), OT_ETIME);
    ck_unchanged(k.m, before);
    lc_town_done(&k);
}
END_TEST

/* The operational project leader is promoted to manager (layer 1, still
 * under the wethouder's line but now reporting to him directly), and his
 * tie to Bram becomes diagonal: a hazard, and Roy's escalation through
 * him is compromised. Layer trust before: layer 0 holds Roy-Fatima and
 * the project leader-Bram, (0.5 + 0.5 + 0.6 + 0.4) / 4 = 0.5; layer 1 the
 * managers, 0.8. After: layer 0 is Roy-Fatima, 0.5; layer 1 is (0.8 + 0.8
 * + 0.6 + 0.4) / 4 = 0.65. */
START_TEST(the_project_leader_is_promoted_to_manager)
{
    lc_town k = lc_town_new();
    size_t n = 99;
    ck_ok(ot_hazards(k.m, k.G, k.W, NULL, 0, &n));
    ck_assert_uint_eq(n, 0);
    ck_near(layer_trust(k.m, k.G, k.W, 0), 0.5, 1e-15);
    ck_near(layer_trust(k.m, k.G, k.W, 1), 0.8, 1e-15);
    ck_ok(ot_actor_move(k.m, k.pl, k.G, 1, k.weth, 30.0));
    ck_ok(ot_model_check(k.m));
    int cls = 0;
    ck_ok(ot_tie_class(k.m, k.t_pb, &cls));
    ck_assert_int_eq(cls, OT_DIAGONAL);
    ot_id h[2] = {OT_NONE, OT_NONE};
    ck_ok(ot_hazards(k.m, k.G, k.W, h, 2, &n));
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(h[0], k.t_pb);
    ck_near(layer_trust(k.m, k.G, k.W, 0), 0.5, 1e-15);
    ck_near(layer_trust(k.m, k.G, k.W, 1), 0.65, 1e-15);
    /* Roy now reports to the promoted project leader: the first step of
     * his path with Fatima is (1, projectleider, manager W), and the
     * project leader works with Bram on layer 0 <= L0 = 0. */
    ck_ok(ot_actor_set_superior(k.m, k.roy, k.pl));
    ot_escalation_step s[4];
    ck_ok(ot_escalation_path(k.m, k.t_rf, s, 4, &n));
    ck_assert_uint_eq(s[0].layer, 1);
    ck_assert_uint_eq(s[0].x, k.pl);
    ck_assert_int_eq(s[0].status, OT_STEP_COMPROMISED);
    ck_assert_int_eq(s[0].reason, OT_REASON_DIAGONAL);
    /* The tie to Bram ends: the hazard and the entanglement go with it. */
    ck_ok(ot_tie_end(k.m, k.t_pb, 40.0));
    ck_ok(ot_hazards(k.m, k.G, k.W, NULL, 0, &n));
    ck_assert_uint_eq(n, 0);
    ck_ok(ot_escalation_path(k.m, k.t_rf, s, 4, &n));
    ck_assert_int_eq(s[0].status, OT_STEP_NO_TIE); /* the project leader has no tie to manager W */
    lc_town_done(&k);
}
END_TEST

/* A manager moves to the waterschap's board: her report takes her former
 * superior, and her tie to her former counterpart becomes internal. */
START_TEST(a_move_closes_the_line_and_reclassifies_ties)
{
    lc_town k = lc_town_new();
    ck_ok(ot_actor_move(k.m, k.mgr_g, k.W, 2, OT_NONE, 10.0));
    ck_assert_uint_eq(superior_of(k.m, k.roy), k.weth);
    ck_assert_uint_eq(superior_of(k.m, k.pl), k.weth);
    int cls = 0;
    ck_ok(ot_tie_class(k.m, k.t_mgr, &cls));
    ck_assert_int_eq(cls, OT_VERTICAL); /* manager W (layer 1) and her, now layer 2 of the waterschap */
    /* Her standing in the waterschap is manager W's trust in her, 0.8. */
    double st = -1.0;
    ck_ok(ot_standing(k.m, k.mgr_g, &st));
    ck_near(st, 0.8, 1e-15);
    /* Only the top tie is managerial-or-higher between the two now:
     * backing(W -> G) = T(dijkgraaf -> wethouder) = 0.1. */
    double b = -1.0;
    ck_ok(ot_backing(k.m, k.W, k.G, &b));
    ck_near(b, 0.1, 1e-15);
    lc_town_done(&k);
}
END_TEST

/* The superior rule is checked for the new position, and a failed move
 * changes nothing. */
START_TEST(a_move_that_breaks_the_superior_rule_changes_nothing)
{
    lc_town k = lc_town_new();
    ot_state before = ot_state_of(k.m);
    /* Manager W works for the waterschap: not the gemeente's superior. */
    ck_status(ot_actor_move(k.m, k.roy, k.G, 0, k.mgr_w, 5.0), OT_EINVAL);
    ck_msg_has("superior = 3");
    /* Manager G on layer 1 cannot lead Roy moved to layer 1. */
    ck_status(ot_actor_move(k.m, k.roy, k.G, 1, k.mgr_g, 5.0), OT_EINVAL);
    ck_msg_has("layer 1");
    ck_status(ot_actor_move(k.m, k.weth, k.G, 1, k.weth, 5.0), OT_EINVAL);
    ck_msg_has("the actor itself");
    ck_status(ot_actor_move(k.m, k.roy, k.G, 3, OT_NONE, 5.0), OT_EINVAL);
    ck_msg_has("layer = 3");
    ck_status(ot_actor_move(k.m, k.roy, 7, 0, OT_NONE, 5.0), OT_ENOTFOUND);
    ck_msg_has("org = 7");
    ck_status(ot_actor_move(k.m, 99, k.G, 0, OT_NONE, 5.0), OT_ENOTFOUND);
    ck_status(ot_actor_move(k.m, k.roy, k.G, 0, OT_NONE, NAN), OT_EINVAL);
    ck_unchanged(k.m, before);
    lc_town_done(&k);
}
END_TEST

/* A tie that ends and restarts gets a new id and the remembered state;
 * pair lookups find the newest. */
START_TEST(a_restarted_tie_remembers)
{
    lc_town k = lc_town_new();
    ck_ok(ot_observe(k.m, k.roy, k.fatima, OT_AGREEMENT_BROKEN, 1.0, 10.0));
    /* 0.5 * (1 - 0.25) = 0.375 */
    ck_ok(ot_tie_end(k.m, k.t_rf, 20.0));
    ot_id found = 0;
    ck_ok(ot_tie_find(k.m, k.roy, k.fatima, &found));
    ck_assert_uint_eq(found, k.t_rf);
    ot_id again = OT_NONE;
    ck_ok(ot_tie_add(k.m, k.fatima, k.roy, &again));
    ck_assert_uint_ne(again, k.t_rf);
    ck_ok(ot_tie_find(k.m, k.roy, k.fatima, &found));
    ck_assert_uint_eq(found, again);
    ck_near(trust_of(k.m, k.roy, k.fatima), 0.375, 0);
    ck_near(trust_of(k.m, k.fatima, k.roy), 0.5, 0);
    /* The evidence too: one broken agreement, decayed by 2^(-10/365) from
     * day 10 to day 20: E_I = 1 / (2 + f). */
    ck_ok(ot_advance(k.m, 20.0));
    double e = -1.0, f = exp2(-10.0 / 365.0);
    ck_ok(ot_expectation(k.m, k.roy, k.fatima, OT_INTEGRITY, &e));
    ck_near(e, 1.0 / (2.0 + f), 1e-12);
    ck_assert_int_eq(tie_active(k.m, k.t_rf), 0);
    ck_assert_int_eq(tie_active(k.m, again), 1);
    ck_status(ot_tie_add(k.m, k.roy, k.fatima, NULL), OT_EEXIST);
    lc_town_done(&k);
}
END_TEST

static double rep(const ot_model *m, ot_id a, ot_id b, ot_id excluding)
{
    double v = -1.0;
    ck_ok(ot_reputation(m, a, b, excluding, &v));
    return v;
}

/* The project ends and its ties end; the gemeente's reputation of the
 * waterschap is carried by memory (Zaheer, McEvily & Perrone 1998:
 * organisational trust outlives its people). Only the operational
 * project ties run between the two: Roy -> Fatima 0.8, Ann -> Bram 0.6,
 * so rep(G -> W) = (0.8 + 0.6) / 2 = 0.7. When both end on day 100 the
 * memory holds w = 2, wT = 1.4: still 0.7. Two years (730 days, the
 * institutional half-life) later both sums are halved, the ratio stays
 * 0.7; Karin's new tie (T 0.5) then counts beside it:
 * (0.5 + 0.7) / (1 + 1) = 0.6. Backing and layer trust use active ties
 * only. */
START_TEST(the_project_ends_and_memory_carries_the_reputation)
{
    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    ot_id G = mk_org(m, "Gemeente", OT_NONE), W = mk_org(m, "Waterschap", OT_NONE);
    ot_id roy = mk_actor(m, G, 0, OT_NONE, "Roy"), ann = mk_actor(m, G, 0, OT_NONE, "Ann");
    ot_id karin = mk_actor(m, G, 0, OT_NONE, "Karin");
    ot_id fatima = mk_actor(m, W, 0, OT_NONE, "Fatima"), bram = mk_actor(m, W, 0, OT_NONE, "Bram");
    ot_id t1 = mk_tie(m, roy, fatima, 0.8, 0.5), t2 = mk_tie(m, ann, bram, 0.6, 0.5);
    ck_near(rep(m, G, W, OT_NONE), 0.7, 1e-15);
    ck_ok(ot_tie_end(m, t1, 100.0));
    ck_ok(ot_tie_end(m, t2, 100.0));
    ck_ok(ot_model_check(m));
    ck_near(rep(m, G, W, OT_NONE), 0.7, 1e-15);
    ck_near(rep(m, W, G, OT_NONE), 0.5, 1e-15);
    /* The memory belongs to the pair as a whole: excluding Roy keeps it. */
    ck_near(rep(m, G, W, roy), 0.7, 1e-15);
    double v;
    ck_status(ot_layer_trust(m, G, W, 0, &v), OT_ENOTFOUND);
    ck_ok(ot_advance(m, 830.0));
    ck_near(rep(m, G, W, OT_NONE), 0.7, 1e-15);
    ck_ok(ot_actor_set_propensity(m, karin, 0.5));
    ck_ok(ot_tie_add(m, karin, fatima, NULL));
    ck_near(rep(m, G, W, OT_NONE), 0.6, 1e-15);
    /* Karin's colleagues' view of the waterschap is the memory alone. */
    ck_near(rep(m, G, W, karin), 0.7, 1e-15);
    /* Her effective trust in Fatima: min(T 0.5, rep 0.7, backing prior 0.5). */
    int lim = 0;
    ck_ok(ot_effective_trust(m, karin, fatima, &v, &lim));
    ck_near(v, 0.5, 1e-15);
    ck_ok(ot_model_check(m));
    ot_model_free(m);
}
END_TEST

/* With OT_PARAM_INSTITUTIONAL_HALF_LIFE <= 0 nothing is remembered: the
 * ended tie simply leaves and the reputation is the prior 0.5 again. */
START_TEST(without_memory_ended_ties_simply_leave)
{
    ot_model *m = model_with(OT_PARAM_INSTITUTIONAL_HALF_LIFE, 0.0);
    ot_id G = mk_org(m, "Gemeente", OT_NONE), W = mk_org(m, "Waterschap", OT_NONE);
    ot_id roy = mk_actor(m, G, 0, OT_NONE, "Roy"), fatima = mk_actor(m, W, 0, OT_NONE, "Fatima");
    ot_id t = mk_tie(m, roy, fatima, 0.9, 0.5);
    ck_near(rep(m, G, W, OT_NONE), 0.9, 0);
    ck_ok(ot_tie_end(m, t, 1.0));
    ck_near(rep(m, G, W, OT_NONE), 0.5, 0);
    ck_ok(ot_model_check(m));
    ot_model_free(m);
}
END_TEST

/* The model's time moves on with no other effect. */
START_TEST(advance_moves_the_clock)
{
    lc_town k = lc_town_new();
    ck_ok(ot_advance(k.m, 50.0));
    double now = 0;
    ck_ok(ot_model_time(k.m, &now));
    ck_assert(now == 50.0);
    ck_status(ot_advance(k.m, INFINITY), OT_EINVAL);
    ck_status(ot_advance(NULL, 60.0), OT_EINVAL);
    int a;
    ck_status(ot_tie_active(k.m, 99, &a), OT_ENOTFOUND);
    ck_status(ot_tie_active(k.m, 0, NULL), OT_EINVAL);
    ck_status(ot_actor_active(k.m, 99, &a), OT_ENOTFOUND);
    lc_town_done(&k);
}
END_TEST

/* The checker agrees after a long mixed sequence of lifecycle calls. */
START_TEST(the_checker_agrees_after_any_sequence)
{
    lc_town k = lc_town_new();
    ot_model *m = k.m;
    ot_id D = mk_org(m, "Dienst", k.G);
    ot_id ann = mk_actor(m, D, 0, k.mgr_g, "Ann");
    ot_id t1 = OT_NONE;
    ck_ok(ot_tie_add(m, ann, k.fatima, &t1));
    ck_ok(ot_tie_add(m, ann, k.roy, NULL));
    ck_ok(ot_tie_add(m, ann, k.mgr_w, NULL));
    ck_ok(ot_tie_set(m, t1, OT_TIE_INTENSITY, 3.0));
    ot_id d = OT_NONE;
    ck_ok(ot_disrupt(m, ann, k.fatima, OT_TASK, 0.5, 1, 1.0, &d));
    ck_ok(ot_model_check(m));
    ck_ok(ot_actor_move(m, ann, k.W, 0, k.mgr_w, 2.0)); /* Ann joins the waterschap */
    ck_ok(ot_model_check(m));
    ck_ok(ot_actor_move(m, ann, D, 1, k.weth, 3.0));
    ck_ok(ot_model_check(m));
    ck_ok(ot_actor_move(m, k.mgr_w, D, 1, OT_NONE, 4.0)); /* Fatima's manager crosses over */
    ck_ok(ot_model_check(m));
    ck_assert_uint_eq(superior_of(m, k.fatima), k.dijk);
    ck_ok(ot_actor_leave(m, ann, 5.0));
    ck_ok(ot_model_check(m));
    int st = 0;
    ck_ok(ot_disruption_status(m, d, &st));
    ck_assert_int_eq(st, OT_WITHDRAWN);
    size_t n = 9;
    ck_ok(ot_disruptions(m, OT_LIST_OPEN, NULL, 0, &n));
    ck_assert_uint_eq(n, 0);
    ck_status(ot_tie_add(m, k.mgr_w, k.mgr_g, NULL), OT_EEXIST);
    ck_ok(ot_tie_end(m, k.t_mgr, 6.0));
    ck_ok(ot_model_check(m));
    ck_ok(ot_actor_move(m, k.mgr_w, k.W, 1, k.dijk, 7.0));
    ck_ok(ot_tie_add(m, k.mgr_w, k.mgr_g, NULL)); /* restarts the ended managers' tie */
    ck_ok(ot_actor_leave(m, k.dijk, 8.0));
    ck_assert_uint_eq(superior_of(m, k.mgr_w), OT_NONE);
    lc_town_done(&k);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("lifecycle");
    TCase *tc = tcase_create("people come and go");
    tcase_add_test(tc, the_wethouder_leaves_after_the_elections);
    tcase_add_test(tc, a_departed_actor_takes_no_new_part);
    tcase_add_test(tc, the_project_leader_is_promoted_to_manager);
    tcase_add_test(tc, a_move_closes_the_line_and_reclassifies_ties);
    tcase_add_test(tc, a_move_that_breaks_the_superior_rule_changes_nothing);
    tcase_add_test(tc, a_restarted_tie_remembers);
    tcase_add_test(tc, the_project_ends_and_memory_carries_the_reputation);
    tcase_add_test(tc, without_memory_ended_ties_simply_leave);
    tcase_add_test(tc, advance_moves_the_clock);
    tcase_add_test(tc, the_checker_agrees_after_any_sequence);
    suite_add_tcase(s, tc);
    return ot_run_suite(s);
}
