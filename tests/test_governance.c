/* lib/governance.c: consultation without a cause and the general rule
 * (docs/model.md section 8). Consultation is the dijkgraaf's regular visit to
 * the wethouder of seed 000, prepared by the policy officers (tests/cast.h);
 * the general rule is the faculty of seed 001 that fines its departments
 * for late grades.
 *
 * Defaults used in the working: consultation magnitude 0.5 (benevolence,
 * +), rule magnitude 0.5 (benevolence, -), g = 0.05, l = 0.25. */
#include "cast.h"

static double benevolence(const ot_model *m, ot_id truster, ot_id trustee)
{
    return cast_expectation(m, truster, trustee, OT_BENEVOLENCE);
}

/* ---- consultation ------------------------------------------------------- */

START_TEST(consultation_builds_benevolence_both_ways)
{
    cast k = cast_new(NULL);
    /* The top tie has no layer above it (D = 1). Each direction gains
     * 1 - 0.95^0.5 of its gap:
     *   T(wethouder -> dijkgraaf) = 0.9 + (1 - 0.95^0.5) * 0.1
     *   T(dijkgraaf -> wethouder) = 0.8 + (1 - 0.95^0.5) * 0.2
     * and each benevolence counter reads r = 0.5: E = 1.5 / 2.5 = 0.6. */
    ck_ok(ot_consult(k.m, k.dijk, k.weth, OT_NONE, OT_NONE, 5.0));
    ck_near(trust_of(k.m, k.weth, k.dijk), 0.9 + (1.0 - sqrt(0.95)) * (1.0 - 0.9), 1e-15);
    ck_near(trust_of(k.m, k.dijk, k.weth), 0.8 + (1.0 - sqrt(0.95)) * (1.0 - 0.8), 1e-15);
    ck_near(benevolence(k.m, k.weth, k.dijk), 0.6, 1e-15);
    ck_near(benevolence(k.m, k.dijk, k.weth), 0.6, 1e-15);
    double t = 0.0;
    ck_ok(ot_model_time(k.m, &t));
    ck_near(t, 5.0, 0.0);
    cast_done(&k);
}
END_TEST

START_TEST(liaisons_surface_what_is_open_between_the_two)
{
    cast k = cast_new(NULL);
    ot_id rws, roy_joost, d_rf, d_int, d_rws, d_team, d_pl;
    ck_ok(ot_org_add(k.m, "Rijkswaterstaat", OT_NONE, &rws));
    ot_id joost = cast_newcomer(&k, rws, 0, OT_NONE, "Joost", k.roy, &roy_joost);
    /* Roy (in the planning department) and Fatima; Roy and his own
     * manager; Roy and Joost of Rijkswaterstaat; the water-test team,
     * whose trouble is repaired at once. */
    ck_ok(ot_disrupt(k.m, k.roy, k.fatima, OT_RELATIONAL, 0.5, 0, 10.0, &d_rf));
    ck_ok(ot_disrupt(k.m, k.roy, k.mgr_ro, OT_RELATIONAL, 0.5, 0, 11.0, &d_int));
    ck_ok(ot_disrupt(k.m, k.roy, joost, OT_TASK, 0.5, 0, 12.0, &d_rws));
    ck_ok(ot_disrupt(k.m, k.daan, k.bram, OT_TASK, 0.5, 0, 13.0, &d_team));
    ck_ok(ot_repair(k.m, d_team, 14.0));
    /* Day 20: a visit without liaisons surfaces nothing. */
    ck_ok(ot_consult(k.m, k.weth, k.dijk, OT_NONE, OT_NONE, 20.0));
    for (ot_id d = d_rf; d <= d_team; d++)
        ck_near(cast_surfaced_at(k.m, d), -1.0, 0.0);
    /* Day 30: the waterschap's policy officer went round every layer. What
     * is open between gemeente and waterschap surfaces, the planning
     * department included; not the internal trouble, not Rijkswaterstaat,
     * not what was already repaired. */
    ck_ok(ot_consult(k.m, k.weth, k.dijk, OT_NONE, k.pol_w, 30.0));
    ck_near(cast_surfaced_at(k.m, d_rf), 30.0, 0.0);
    ck_near(cast_surfaced_at(k.m, d_int), -1.0, 0.0);
    ck_near(cast_surfaced_at(k.m, d_rws), -1.0, 0.0);
    ck_near(cast_surfaced_at(k.m, d_team), -1.0, 0.0);
    /* Day 35 trouble on the managerial layer; day 40 the managers meet
     * (manager RO is in the planning department, the tie still joins
     * gemeente and waterschap), prepared by the gemeente's policy officer.
     * The new disruption surfaces at 40; the old one keeps its 30. */
    ck_ok(ot_disrupt(k.m, k.pl, k.mgr_ws, OT_RELATIONAL, 0.5, 0, 35.0, &d_pl));
    ck_ok(ot_consult(k.m, k.mgr_ro, k.mgr_ws, k.pol_g, OT_NONE, 40.0));
    ck_near(cast_surfaced_at(k.m, d_pl), 40.0, 0.0);
    ck_near(cast_surfaced_at(k.m, d_rf), 30.0, 0.0);
    ck_near(cast_surfaced_at(k.m, d_int), -1.0, 0.0);
    ck_near(cast_surfaced_at(k.m, d_rws), -1.0, 0.0);
    /* A liaison from the planning department counts as the gemeente's. */
    ck_ok(ot_consult(k.m, k.weth, k.dijk, k.roy, k.pol_w, 50.0));
    ck_near(cast_surfaced_at(k.m, d_rws), -1.0, 0.0);
    cast_done(&k);
}
END_TEST

START_TEST(internal_consultation_surfaces_nothing)
{
    cast k = cast_new(NULL);
    ot_id d;
    ck_ok(ot_tie_add(k.m, k.weth, k.mgr_ro, NULL));
    ck_ok(ot_disrupt(k.m, k.roy, k.mgr_ro, OT_RELATIONAL, 0.5, 0, 1.0, &d));
    ck_ok(ot_disrupt(k.m, k.roy, k.fatima, OT_RELATIONAL, 0.5, 0, 1.0, NULL));
    /* The gemeente's own management meeting, with its policy officer: the
     * benevolence evidence is recorded (internal: D = 1) ... */
    ck_ok(ot_consult(k.m, k.weth, k.mgr_ro, k.pol_g, OT_NONE, 2.0));
    ck_near(trust_of(k.m, k.weth, k.mgr_ro), 0.9 + (1.0 - sqrt(0.95)) * (1.0 - 0.9), 1e-15);
    ck_near(trust_of(k.m, k.mgr_ro, k.weth), 0.8 + (1.0 - sqrt(0.95)) * (1.0 - 0.8), 1e-15);
    /* ... but nothing surfaces, not even the disruption on Roy's tie with
     * the manager himself, nor the one with the waterschap. */
    ck_near(cast_surfaced_at(k.m, d), -1.0, 0.0);
    ck_near(cast_surfaced_at(k.m, d + 1), -1.0, 0.0);
    /* A liaison must work in one of the two organisations: the wethouder's
     * (gemeente) or the manager's (planning department). */
    ot_state st = ot_state_of(k.m);
    ck_status(ot_consult(k.m, k.weth, k.mgr_ro, OT_NONE, k.pol_w, 3.0), OT_EINVAL);
    ck_msg_hasf("liaison_y = %u", (unsigned)k.pol_w);
    ck_unchanged(k.m, st);
    cast_done(&k);
}
END_TEST

START_TEST(consultation_errors_change_nothing)
{
    cast k = cast_new(NULL);
    ot_id rws;
    ck_ok(ot_org_add(k.m, "Rijkswaterstaat", OT_NONE, &rws));
    ot_id joost = cast_newcomer(&k, rws, 2, OT_NONE, "Joost", OT_NONE, NULL);
    ck_ok(ot_consult(k.m, k.weth, k.dijk, OT_NONE, OT_NONE, 5.0));
    ot_state st = ot_state_of(k.m);
    /* Rijkswaterstaat's Joost cannot prepare the gemeente-waterschap visit. */
    ck_status(ot_consult(k.m, k.weth, k.dijk, joost, OT_NONE, 6.0), OT_EINVAL);
    ck_msg_hasf("liaison_x = %u", (unsigned)joost);
    ck_status(ot_consult(k.m, k.weth, k.dijk, k.pol_g, joost, 6.0), OT_EINVAL);
    ck_msg_hasf("liaison_y = %u", (unsigned)joost);
    ck_status(ot_consult(k.m, k.weth, k.dijk, 99, OT_NONE, 6.0), OT_ENOTFOUND);
    ck_msg_has("liaison_x = 99");
    ck_status(ot_consult(k.m, k.weth, k.dijk, OT_NONE, 98, 6.0), OT_ENOTFOUND);
    ck_msg_has("liaison_y = 98");
    /* The wethouder and the manager watersysteem have no tie. */
    ck_status(ot_consult(k.m, k.weth, k.mgr_ws, OT_NONE, OT_NONE, 6.0), OT_ENOTFOUND);
    ck_msg_hasf("actors %u (\"wethouder\") and %u (\"manager watersysteem\") have no tie", (unsigned)k.weth,
                (unsigned)k.mgr_ws);
    ck_status(ot_consult(k.m, 99, k.dijk, OT_NONE, OT_NONE, 6.0), OT_ENOTFOUND);
    ck_msg_has("x = 99");
    ck_status(ot_consult(k.m, k.weth, 98, OT_NONE, OT_NONE, 6.0), OT_ENOTFOUND);
    ck_msg_has("y = 98");
    ck_status(ot_consult(k.m, k.weth, k.weth, OT_NONE, OT_NONE, 6.0), OT_EINVAL);
    ck_msg_hasf("same actor %u", (unsigned)k.weth);
    ck_status(ot_consult(k.m, k.weth, k.dijk, OT_NONE, OT_NONE, 4.0), OT_ETIME);
    ck_msg_has("t = 4");
    ck_status(ot_consult(k.m, k.weth, k.dijk, OT_NONE, OT_NONE, NAN), OT_EINVAL);
    ck_msg_has("t = nan");
    ck_status(ot_consult(NULL, k.weth, k.dijk, OT_NONE, OT_NONE, 6.0), OT_EINVAL);
    ck_msg_has("m is NULL");
    ck_unchanged(k.m, st);
    cast_done(&k);
}
END_TEST

START_TEST(consultation_survives_allocation_failures)
{
    ck_ok(ot_set_allocator(cast_malloc, cast_realloc, free));
    cast k = cast_new(NULL);
    ot_id d;
    ck_ok(ot_disrupt(k.m, k.roy, k.fatima, OT_RELATIONAL, 0.5, 0, 1.0, &d));
    cast_fill_log(&k, 1.0);
    ck_survives_allocation_failures(&k, ot_consult(k.m, k.weth, k.dijk, k.pol_g, k.pol_w, 2.0));
    ck_near(cast_surfaced_at(k.m, d), 2.0, 0.0);
    cast_fill_log(&k, 2.0);
    ck_survives_allocation_failures(&k, ot_impose_general_rule(k.m, k.gemeente, 3.0));
    cast_done(&k);
    ck_ok(ot_set_allocator(NULL, NULL, NULL));
}
END_TEST

/* ---- the general rule --------------------------------------------------- */

/* Seed 001: a faculty with two departments, where a few lecturers (one
 * professor above all, four months late) publish grades too late; and the
 * law faculty next door. Everyone starts at propensity 0.5. */
typedef struct faculty {
    ot_model *m;
    ot_id fac, dep_a, dep_b, law;
    ot_id dean, head_a, head_b, professor, ans, bert, carla, law_dean, law_lecturer;
    ot_id t_prof, t_ans, t_carla, t_head_a, t_colleagues, t_bert, t_carla_head_a, t_law;
} faculty;

static faculty faculty_new(void)
{
    faculty f;
    ck_ok(ot_model_new(NULL, &f.m));
    ot_model *m = f.m;
    ck_ok(ot_org_add(m, "Faculteit", OT_NONE, &f.fac));
    ck_ok(ot_org_add(m, "Afdeling A", f.fac, &f.dep_a));
    ck_ok(ot_org_add(m, "Afdeling B", f.fac, &f.dep_b));
    ck_ok(ot_org_add(m, "Faculteit Rechten", OT_NONE, &f.law));
    ck_ok(ot_actor_add(m, f.fac, 2, OT_NONE, "decaan", &f.dean));
    ck_ok(ot_actor_add(m, f.dep_a, 1, f.dean, "afdelingshoofd A", &f.head_a));
    ck_ok(ot_actor_add(m, f.dep_b, 1, f.dean, "afdelingshoofd B", &f.head_b));
    ck_ok(ot_actor_add(m, f.dep_a, 0, f.head_a, "hoogleraar", &f.professor));
    ck_ok(ot_actor_add(m, f.dep_a, 0, f.head_a, "Ans", &f.ans));
    ck_ok(ot_actor_add(m, f.dep_b, 0, f.head_b, "Bert", &f.bert));
    ck_ok(ot_actor_add(m, f.dep_b, 0, f.head_b, "Carla", &f.carla));
    ck_ok(ot_actor_add(m, f.law, 2, OT_NONE, "decaan rechten", &f.law_dean));
    ck_ok(ot_actor_add(m, f.law, 0, f.law_dean, "docent rechten", &f.law_lecturer));
    ck_ok(ot_tie_add(m, f.professor, f.head_a, &f.t_prof));
    ck_ok(ot_tie_add(m, f.head_a, f.ans, &f.t_ans)); /* superior first: the direction still counts */
    ck_ok(ot_tie_add(m, f.carla, f.head_b, &f.t_carla));
    ck_ok(ot_tie_add(m, f.head_a, f.dean, &f.t_head_a));
    ck_ok(ot_tie_add(m, f.ans, f.carla, &f.t_colleagues));
    ck_ok(ot_tie_add(m, f.bert, f.ans, &f.t_bert)); /* Bert has no tie with his own head */
    ck_ok(ot_tie_add(m, f.carla, f.head_a, &f.t_carla_head_a)); /* not Carla's superior */
    ck_ok(ot_tie_add(m, f.law_lecturer, f.law_dean, &f.t_law));
    /* The head of department B has no tie with the dean. */
    return f;
}

START_TEST(general_rule_punishes_the_many_with_the_few)
{
    faculty f = faculty_new();
    /* The faculty fines departments for every late grade. Everyone in it,
     * departments included, who works with their own superior records
     * benevolence evidence 0.5 against that superior:
     *   T = 0.5 * 0.75^0.5, E_benevolence = 1 / (0.5 + 2) = 0.4. */
    ck_ok(ot_impose_general_rule(f.m, f.fac, 1.0));
    const ot_id hit[4][2] = {
        {f.professor, f.head_a}, {f.ans, f.head_a}, {f.carla, f.head_b}, {f.head_a, f.dean}};
    for (int i = 0; i < 4; i++) {
        ck_near(trust_of(f.m, hit[i][0], hit[i][1]), 0.5 * sqrt(0.75), 1e-15);
        ck_near(benevolence(f.m, hit[i][0], hit[i][1]), 0.4, 1e-15);
    }
    /* Untouched: the superiors' own view, colleagues, Carla about a head
     * who is not hers, Bert (no tie with his head), the law faculty. */
    const ot_id spared[8][2] = {{f.head_a, f.professor}, {f.head_a, f.ans}, {f.dean, f.head_a},
                                {f.ans, f.carla},        {f.carla, f.ans},  {f.bert, f.ans},
                                {f.carla, f.head_a},     {f.law_lecturer, f.law_dean}};
    for (int i = 0; i < 8; i++) {
        ck_near(trust_of(f.m, spared[i][0], spared[i][1]), 0.5, 0.0);
        ck_near(benevolence(f.m, spared[i][0], spared[i][1]), 0.5, 0.0);
    }
    /* A rule in department B alone reaches only Carla: another 0.5,
     * T = 0.5 * 0.75^0.5 * 0.75^0.5 = 0.375. */
    ck_ok(ot_impose_general_rule(f.m, f.dep_b, 2.0));
    ck_near(trust_of(f.m, f.carla, f.head_b), 0.375, 1e-15);
    ck_near(trust_of(f.m, f.ans, f.head_a), 0.5 * sqrt(0.75), 1e-15);
    ck_near(trust_of(f.m, f.head_a, f.dean), 0.5 * sqrt(0.75), 1e-15);
    ck_ok(ot_model_check(f.m));
    ot_model_free(f.m);
}
END_TEST

START_TEST(general_rule_errors_change_nothing)
{
    faculty f = faculty_new();
    ck_ok(ot_impose_general_rule(f.m, f.law, 5.0));
    ot_state st = ot_state_of(f.m);
    ck_status(ot_impose_general_rule(f.m, 9, 6.0), OT_ENOTFOUND);
    ck_msg_has("org = 9");
    ck_status(ot_impose_general_rule(f.m, f.fac, 4.0), OT_ETIME);
    ck_msg_has("t = 4");
    ck_status(ot_impose_general_rule(f.m, f.fac, NAN), OT_EINVAL);
    ck_msg_has("t = nan");
    ck_status(ot_impose_general_rule(f.m, f.fac, INFINITY), OT_EINVAL);
    ck_msg_has("t = inf");
    ck_status(ot_impose_general_rule(NULL, f.fac, 6.0), OT_EINVAL);
    ck_msg_has("m is NULL");
    ck_unchanged(f.m, st);
    ot_model_free(f.m);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("governance");
    TCase *consult = tcase_create("consultation");
    tcase_add_test(consult, consultation_builds_benevolence_both_ways);
    tcase_add_test(consult, liaisons_surface_what_is_open_between_the_two);
    tcase_add_test(consult, internal_consultation_surfaces_nothing);
    tcase_add_test(consult, consultation_errors_change_nothing);
    tcase_add_test(consult, consultation_survives_allocation_failures);
    suite_add_tcase(s, consult);
    TCase *rule = tcase_create("general rule");
    tcase_add_test(rule, general_rule_punishes_the_many_with_the_few);
    tcase_add_test(rule, general_rule_errors_change_nothing);
    suite_add_tcase(s, rule);
    return s;
}

int main(void) { return ot_run_suite(suite()); }
