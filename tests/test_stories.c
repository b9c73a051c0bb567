/* The seed stories of docs/model.md section 11 that the core covers, told with
 * the seeds' names: Roy in the gemeente's planning department, Fatima at the
 * waterschap, their colleagues Ahmed, Sanne and Kees, the teamleider and the
 * afdelingshoofd, the wethouder and the dijkgraaf (tests/world.h). Every
 * number is worked out from the formulas of docs/model.md in the comments.
 *
 * Shorthands: "10 deliveries from 0.5" is 1 - 0.5 * 0.95^10 = 0.7006...
 * (D = 1); "a unit loss" multiplies T by 0.75. */
#include "world.h"

/* Ten good deliveries from Fatima: T(Roy -> Fatima) = 1 - 0.5 * 0.95^10
 * = 0.70062... Returns the model's value, checked against that. */
static double roy_works_well_with_fatima(ot_cast *c)
{
    mk_tie(c->m, c->roy, c->fatima, 0.5, 0.5);
    observe_n(c->m, c->roy, c->fatima, OT_DELIVERED, 10, 10.0);
    double T = trust_of(c->m, c->roy, c->fatima);
    ck_near(T, 1.0 - 0.5 * pow(0.95, 10), 1e-12);
    return T;
}

/* Roy's colleagues had a harder time with the waterschap: Kees broke two
 * agreements with Ahmed (0.5 * 0.75^2 = 0.28125), Fatima once failed a
 * delivery to Sanne (0.5 * 0.75 = 0.375). */
static void colleagues_doubt_the_waterschap(ot_cast *c)
{
    mk_tie(c->m, c->ahmed, c->kees, 0.5, 0.5);
    mk_tie(c->m, c->sanne, c->fatima, 0.5, 0.5);
    observe_n(c->m, c->ahmed, c->kees, OT_AGREEMENT_BROKEN, 2, 11.0);
    ck_ok(ot_observe(c->m, c->sanne, c->fatima, OT_FAILED_DELIVERY, 1.0, 12.0));
}

/* (a) Roy judges Fatima and her organisation: his trust in her is high,
 * but his colleagues' view of the waterschap limits what he can rely on. */
START_TEST(roy_judges_fatima_and_the_waterschap_reputation)
{
    ot_cast c = cast_new();
    double T = roy_works_well_with_fatima(&c);
    colleagues_doubt_the_waterschap(&c);
    /* rep(gemeente \ Roy -> waterschap) = (0.28125 + 0.375) / 2 = 0.328125 */
    ck_near(rep_of(c.m, c.gemeente, c.waterschap, c.roy), 0.328125, 1e-15);
    /* No leader of the waterschap has a tie yet: backing is the prior 0.5. */
    ck_near(backing_of(c.m, c.waterschap, c.gemeente), 0.5, 0.0);
    /* ET = min(0.7006, 0.328125, 0.5) = 0.328125, limited by REPUTATION,
     * while his trust in Fatima herself is well above it. */
    int limit = 0;
    ck_near(et_of(c.m, c.roy, c.fatima, &limit), 0.328125, 1e-15);
    ck_assert_int_eq(limit, OT_LIMIT_REPUTATION);
    ck_assert(T > 0.7);
    ot_model_free(c.m);
}
END_TEST

/* (a) ... and her leadership's attitude: Roy gets on with Fatima, but
 * judges that her organisation will not back her. */
START_TEST(roy_judges_the_waterschap_leadership)
{
    ot_cast c = cast_new();
    double T = roy_works_well_with_fatima(&c);
    /* Ahmed's work with Kees goes well: four kept agreements,
     * 1 - 0.5 * 0.95^4 = 0.59274... */
    mk_tie(c.m, c.ahmed, c.kees, 0.5, 0.5);
    observe_n(c.m, c.ahmed, c.kees, OT_AGREEMENT_KEPT, 4, 14.0);
    double ahmed_kees = 1.0 - 0.5 * pow(0.95, 4);
    /* The leaders meet: the dijkgraaf sees the wethouder conceal his aims
     * twice (0.5 * 0.75^2 = 0.28125); the afdelingshoofd and the
     * teamleider stay at 0.5. */
    mk_tie(c.m, c.wethouder, c.dijkgraaf, 0.5, 0.5);
    mk_tie(c.m, c.teamleider, c.afdelingshoofd, 0.5, 0.5);
    observe_n(c.m, c.dijkgraaf, c.wethouder, OT_CONCEALED, 2, 20.0);
    /* backing(waterschap -> gemeente) = (0.28125 + 0.5) / 2 = 0.390625 */
    ck_near(backing_of(c.m, c.waterschap, c.gemeente), 0.390625, 1e-15);
    /* rep(gemeente \ Roy -> waterschap): Ahmed 0.59274, the wethouder 0.5,
     * the teamleider 0.5: (0.59274 + 1) / 3 = 0.53091 */
    ck_near(rep_of(c.m, c.gemeente, c.waterschap, c.roy), (ahmed_kees + 1.0) / 3.0, 1e-12);
    /* ET = min(0.7006, 0.5309, 0.390625): BACKING */
    int limit = 0;
    ck_near(et_of(c.m, c.roy, c.fatima, &limit), 0.390625, 1e-15);
    ck_assert_int_eq(limit, OT_LIMIT_BACKING);
    ck_near(trust_of(c.m, c.roy, c.fatima), T, 0.0); /* the leaders' quarrel took nothing from Roy */
    ot_model_free(c.m);
}
END_TEST

/* (a) Fatima trusts Roy's organisation (she works with his colleagues in
 * other projects) but not Roy. */
START_TEST(fatima_trusts_the_gemeente_but_not_roy)
{
    ot_cast c = cast_new();
    mk_tie(c.m, c.fatima, c.roy, 0.5, 0.5);
    mk_tie(c.m, c.fatima, c.ahmed, 0.5, 0.5);
    mk_tie(c.m, c.fatima, c.sanne, 0.5, 0.5);
    mk_tie(c.m, c.kees, c.ahmed, 0.5, 0.5);
    /* Ahmed and Sanne deliver, six times each: 1 - 0.5 * 0.95^6 = 0.63245... */
    observe_n(c.m, c.fatima, c.ahmed, OT_DELIVERED, 6, 5.0);
    observe_n(c.m, c.fatima, c.sanne, OT_AGREEMENT_KEPT, 6, 6.0);
    /* Kees, too, has kept agreements with Ahmed: 1 - 0.5 * 0.95^2 = 0.54875 */
    observe_n(c.m, c.kees, c.ahmed, OT_AGREEMENT_KEPT, 2, 7.0);
    /* Roy let Fatima down when it mattered: 0.5 * 0.75^2 = 0.28125 */
    ck_ok(ot_observe(c.m, c.fatima, c.roy, OT_LET_DOWN, 1.0, 8.0));
    double colleagues = 1.0 - 0.5 * pow(0.95, 6);
    ck_near(trust_of(c.m, c.fatima, c.ahmed), colleagues, 1e-12);
    ck_near(trust_of(c.m, c.fatima, c.sanne), colleagues, 1e-12);
    /* rep(waterschap \ Fatima -> gemeente) = 0.54875; backing(gemeente ->
     * waterschap) = 0.5 (no gemeente leader has a tie): ET(Fatima -> Roy)
     * = min(0.28125, 0.54875, 0.5) = 0.28125, limited by PERSON. */
    int limit = 0;
    ck_near(et_of(c.m, c.fatima, c.roy, &limit), 0.28125, 1e-15);
    ck_assert_int_eq(limit, OT_LIMIT_PERSON);
    /* Toward Ahmed it is the organisation that limits her:
     * min(0.63245, 0.54875, 0.5) = 0.5, BACKING. */
    ck_near(et_of(c.m, c.fatima, c.ahmed, &limit), 0.5, 1e-15);
    ck_assert_int_eq(limit, OT_LIMIT_BACKING);
    /* Her own view of the gemeente is good: own = (0.28125 + 2 * 0.63245) / 3
     * = 0.51538, 0.51538 - 0.54875 < 0: she is no bridge builder. */
    int on = -1;
    ck_near(gap_of(c.m, c.fatima, c.gemeente, &on), (0.28125 + 2.0 * colleagues) / 3.0 - 0.54875, 1e-12);
    ck_assert_int_eq(on, 0);
    ot_model_free(c.m);
}
END_TEST

/* (b) Distrust at the top makes operational trust harder to build, takes
 * nothing away that is there, and operations go on until the top is
 * sorted out. Two gemeenten-and-waterschappen side by side: a calm one and
 * one whose wethouder and dijkgraaf fell out. */
START_TEST(distrust_at_the_top_damps_the_work_below)
{
    ot_cast calm = cast_new(), rough = cast_new();
    double T0 = roy_works_well_with_fatima(&calm);
    roy_works_well_with_fatima(&rough);
    mk_tie(calm.m, calm.wethouder, calm.dijkgraaf, 0.5, 0.5);
    mk_tie(rough.m, rough.wethouder, rough.dijkgraaf, 0.5, 0.5);
    /* The fall-out: each conceals twice from the other, 0.28125 both ways;
     * administrative layer trust 0.28125, D = 0.28125 / 0.5 = 0.5625. */
    observe_n(rough.m, rough.dijkgraaf, rough.wethouder, OT_CONCEALED, 2, 20.0);
    observe_n(rough.m, rough.wethouder, rough.dijkgraaf, OT_CONCEALED, 2, 20.0);
    ck_near(layer_trust_of(rough.m, rough.gemeente, rough.waterschap, 2), 0.28125, 1e-15);
    ck_near(damping_of(rough.m, rough.roy, rough.fatima), 0.5625, 1e-15);
    /* Calm: administrative trust 0.5, D = min(1, 0.5 / 0.5) = 1. */
    ck_assert(damping_of(calm.m, calm.roy, calm.fatima) == 1.0);
    /* Nothing was taken away below, and the work still rests on trust. */
    ck_near(trust_of(rough.m, rough.roy, rough.fatima), T0, 0.0);
    ck_assert_int_eq(basis_of(rough.m, rough.roy, rough.fatima), OT_BASIS_TRUST);
    /* Five more deliveries in both: calm 1 - (1 - T0) * 0.95^5, rough
     * 1 - (1 - T0) * (1 - 0.05 * 0.5625)^5 = 1 - (1 - T0) * 0.971875^5. */
    observe_n(calm.m, calm.roy, calm.fatima, OT_DELIVERED, 5, 30.0);
    observe_n(rough.m, rough.roy, rough.fatima, OT_DELIVERED, 5, 30.0);
    double Tc = after_gains(T0, 5, 0.05, 1.0), Tr = after_gains(T0, 5, 0.05, 0.5625);
    ck_near(trust_of(calm.m, calm.roy, calm.fatima), Tc, 1e-12);
    ck_near(trust_of(rough.m, rough.roy, rough.fatima), Tr, 1e-12);
    ck_assert(Tr < Tc);
    /* A failure costs the same share in both: no worse below a bad top. */
    ck_ok(ot_observe(calm.m, calm.roy, calm.fatima, OT_FAILED_DELIVERY, 1.0, 40.0));
    ck_ok(ot_observe(rough.m, rough.roy, rough.fatima, OT_FAILED_DELIVERY, 1.0, 40.0));
    ck_near(trust_of(calm.m, calm.roy, calm.fatima), 0.75 * Tc, 1e-12);
    ck_near(trust_of(rough.m, rough.roy, rough.fatima), 0.75 * Tr, 1e-12);
    /* The top sorts it out: eight kept agreements each way (nothing above
     * the administrative layer, so D = 1 there): 1 - 0.71875 * 0.95^8
     * = 0.52317 >= 0.5, and the damping below is gone. */
    observe_n(rough.m, rough.dijkgraaf, rough.wethouder, OT_AGREEMENT_KEPT, 8, 50.0);
    observe_n(rough.m, rough.wethouder, rough.dijkgraaf, OT_AGREEMENT_KEPT, 8, 50.0);
#ifdef OT_TEST_MODEL1
    ck_near(layer_trust_of(rough.m, rough.gemeente, rough.waterschap, 2), 1.0 - 0.71875 * pow(0.95, 8), 1e-12);
    ck_assert(damping_of(rough.m, rough.roy, rough.fatima) == 1.0);
#else
    /* Model 2: the fall-out was concealment, deception, and it leaves a
     * lasting deficit (section 11). Each direction's two concealments, the
     * first evidence there, scarred 1 - (1 - 0.5)(1 - 0.5 * 2/3) = 2/3 and
     * left the deception scar 1 - 0.75^2 = 0.4375, which never heals; by
     * day 50 the scar healed to 2/3 f (f = 2^(-30/365)), and the ceiling
     * (1 - 2/3 f) * 0.5625 = 0.208 stays below T = 0.28125: the kept
     * agreements lift nothing, and the damping below stays. */
    ck_near(layer_trust_of(rough.m, rough.gemeente, rough.waterschap, 2), 0.28125, 1e-15);
    ck_near(damping_of(rough.m, rough.roy, rough.fatima), 0.5625, 1e-15);
    double C = 0.0;
    ck_ok(ot_ceiling(rough.m, rough.wethouder, rough.dijkgraaf, &C));
    ck_near(C, (1.0 - 2.0 / 3.0 * exp2(-30.0 / 365.0)) * 0.5625, 1e-15);
#endif
    /* After seven kept agreements it was not yet: 1 - 0.71875 * 0.95^7
     * = 0.49807 < 0.5. */
    ck_assert(1.0 - 0.71875 * pow(0.95, 7) < 0.5);
    ck_ok(ot_model_check(rough.m));
    ot_model_free(calm.m);
    ot_model_free(rough.m);
}
END_TEST

/* (c) The bridge builder: Roy trusts the waterschap far more than his
 * colleagues do; they do not follow him across, and his standing at home
 * suffers. */
START_TEST(roy_stands_on_the_bridge)
{
    ot_cast c = cast_new();
    double T = roy_works_well_with_fatima(&c);
    colleagues_doubt_the_waterschap(&c);
    /* gap = 0.7006 - 0.328125 = 0.3725 >= 0.25: on the bridge */
    int on = -1;
    ck_near(gap_of(c.m, c.roy, c.waterschap, &on), T - 0.328125, 1e-12);
    ck_assert_int_eq(on, 1);
    /* His department sees it the same way: Roy's side toward the
     * waterschap is the gemeente, whatever department he is in. */
    ck_near(rep_of(c.m, c.planning, c.waterschap, c.roy), 0.328125, 1e-15);
    /* Ahmed: own 0.28125, colleagues (0.7006 + 0.375) / 2: far below. */
    ck_near(gap_of(c.m, c.ahmed, c.waterschap, &on), 0.28125 - (T + 0.375) / 2.0, 1e-12);
    ck_assert_int_eq(on, 0);
    /* Sanne: own 0.375, colleagues (0.7006 + 0.28125) / 2. */
    ck_near(gap_of(c.m, c.sanne, c.waterschap, &on), 0.375 - (T + 0.28125) / 2.0, 1e-12);
    ck_assert_int_eq(on, 0);
    /* At home: Ahmed feels Roy keeps the waterschap's cards close (one
     * CONCEALED: 0.375), the teamleider saw him break an agreement made at
     * home (0.375), Sanne stays at 0.5. standing = (0.375 + 0.375 + 0.5) / 3
     * = 0.41667. Fatima's trust in him does not count: she is external. */
    mk_tie(c.m, c.ahmed, c.roy, 0.5, 0.5);
    mk_tie(c.m, c.sanne, c.roy, 0.5, 0.5);
    mk_tie(c.m, c.teamleider, c.roy, 0.5, 0.5);
    ck_ok(ot_observe(c.m, c.ahmed, c.roy, OT_CONCEALED, 1.0, 15.0));
    ck_ok(ot_observe(c.m, c.teamleider, c.roy, OT_AGREEMENT_BROKEN, 1.0, 16.0));
    ck_ok(ot_observe(c.m, c.fatima, c.roy, OT_WENT_BEYOND, 1.0, 17.0));
    ck_near(standing_of(c.m, c.roy), 1.25 / 3.0, 1e-15);
    ot_model_free(c.m);
}
END_TEST

/* (d) The dark side of trust: a strong click keeps Roy trusting Fatima
 * against a failing record. Everything is recorded at one project review
 * on day 30, so no evidence decays in between. */
START_TEST(a_strong_click_keeps_trust_up_against_the_record)
{
    ot_cast c = cast_new();
    /* Roy trusts easily (0.8) and clicks with Fatima (affect 0.9); Sanne,
     * just as trusting, has no click with her. */
    ot_id roy_tie = mk_tie(c.m, c.roy, c.fatima, 0.8, 0.5);
    mk_tie(c.m, c.sanne, c.fatima, 0.8, 0.5);
    ck_ok(ot_tie_set(c.m, roy_tie, OT_TIE_AFFECT, 0.9));
    /* l_eff = 0.25 * (1 - 0.9 * 0.9) = 0.0475 for Roy, 0.25 for Sanne. */
    const int failures[5] = {OT_FAILED_DELIVERY, OT_AGREEMENT_BROKEN, OT_LET_DOWN, OT_FAILED_DELIVERY,
                             OT_AGREEMENT_BROKEN};
    /* evidence R + S after each: 1, 2, 4, 5, 6 */
    for (int k = 0; k < 3; k++) {
        ck_ok(ot_observe(c.m, c.roy, c.fatima, failures[k], 1.0, 30.0));
        ck_ok(ot_observe(c.m, c.sanne, c.fatima, failures[k], 1.0, 30.0));
    }
    /* After three: s_a = 1, s_i = 1, s_b = 2: TW = 0.3/3 + 0.3/4 + 0.4/3
     * = 0.30833; T = 0.8 * 0.9525^4 = 0.65849: the gap 0.35 is there but the
     * evidence (4) is too thin for the flag. */
    ck_near(tw_of(c.m, c.roy, c.fatima), 0.1 + 0.075 + 0.4 / 3.0, 1e-15);
    ck_near(trust_of(c.m, c.roy, c.fatima), 0.8 * pow(0.9525, 4), 1e-12);
    ck_assert_int_eq(dark_side_of(c.m, c.roy, c.fatima), 0);
    /* The fourth brings the evidence to 5: TW = 0.075 + 0.075 + 0.4/3
     * = 0.28333, T = 0.8 * 0.9525^5 = 0.62721, gap 0.344: flagged. */
    ck_ok(ot_observe(c.m, c.roy, c.fatima, failures[3], 1.0, 30.0));
    ck_ok(ot_observe(c.m, c.sanne, c.fatima, failures[3], 1.0, 30.0));
    ck_near(trust_of(c.m, c.roy, c.fatima), 0.8 * pow(0.9525, 5), 1e-12);
    ck_assert_int_eq(dark_side_of(c.m, c.roy, c.fatima), 1);
    ck_ok(ot_observe(c.m, c.roy, c.fatima, failures[4], 1.0, 30.0));
    ck_ok(ot_observe(c.m, c.sanne, c.fatima, failures[4], 1.0, 30.0));
    /* After five: every E_d = 1/4, TW = 0.25; T = 0.8 * 0.9525^6 = 0.59742. */
    ck_near(tw_of(c.m, c.roy, c.fatima), 0.25, 1e-15);
    ck_near(trust_of(c.m, c.roy, c.fatima), 0.8 * pow(0.9525, 6), 1e-12);
    ck_assert_int_eq(dark_side_of(c.m, c.roy, c.fatima), 1);
    /* Roy still cooperates on trust (0.597 >= 0.2 + 0.6 * 0.5). */
    ck_assert_int_eq(basis_of(c.m, c.roy, c.fatima), OT_BASIS_TRUST);
    /* Sanne saw the same record: T = 0.8 * 0.75^6 = 0.14238 < TW: no dark
     * side, and no basis left: 0.142 < 0.5 and TW 0.25 < 0.6. */
    ck_near(tw_of(c.m, c.sanne, c.fatima), 0.25, 1e-15);
    ck_near(trust_of(c.m, c.sanne, c.fatima), 0.8 * pow(0.75, 6), 1e-12);
    ck_assert_int_eq(dark_side_of(c.m, c.sanne, c.fatima), 0);
    ck_assert_int_eq(basis_of(c.m, c.sanne, c.fatima), OT_BASIS_AT_RISK);
    ot_model_free(c.m);
}
END_TEST

/* (e) Reliability without trust: the gemeente and a neighbouring gemeente
 * compete for the same regional funds, yet keep every agreement they make
 * on a shared project. They can steer on that, as long as the task is
 * clear; once it is uncertain, only trust would carry it. */
START_TEST(competitors_who_keep_agreements)
{
    ot_cast c = cast_new();
    ot_id buur = mk_org(c.m, "Buurgemeente", OT_NONE);
    ot_id lotte = mk_actor(c.m, buur, 0, OT_NONE, "Lotte");
    ot_id tie = mk_tie(c.m, c.roy, lotte, 0.2, 0.2); /* wary competitors */
    /* Six kept agreements each way, at the project's close on day 60. */
    observe_n(c.m, c.roy, lotte, OT_AGREEMENT_KEPT, 6, 60.0);
    observe_n(c.m, lotte, c.roy, OT_AGREEMENT_KEPT, 6, 60.0);
    /* T = 1 - 0.8 * 0.95^6 = 0.41193; E_i = 7/8, TW = 0.15 + 0.15 + 0.35
     * = 0.65 */
    ck_near(trust_of(c.m, c.roy, lotte), 1.0 - 0.8 * pow(0.95, 6), 1e-12);
    ck_near(tw_of(c.m, c.roy, lotte), 0.65, 1e-15);
    /* U = 0.5: trust 0.412 is below the bar 0.5, but TW 0.65 >= 0.6 and
     * U <= 0.5: RELIABILITY. */
    ck_assert_int_eq(basis_of(c.m, c.roy, lotte), OT_BASIS_RELIABILITY);
    /* No dark side here: trust is below the record, not above it. */
    ck_assert_int_eq(dark_side_of(c.m, c.roy, lotte), 0);
    /* The next project is uncertain (U = 0.8): the bar is 0.2 + 0.48 = 0.68,
     * and the record no longer suffices: AT_RISK. */
    ck_ok(ot_tie_set(c.m, tie, OT_TIE_UNCERTAINTY, 0.8));
    ck_assert_int_eq(basis_of(c.m, lotte, c.roy), OT_BASIS_AT_RISK);
    ot_model_free(c.m);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("stories");
    TCase *tc = tcase_create("seed 000: person and organisation");
    tcase_add_test(tc, roy_judges_fatima_and_the_waterschap_reputation);
    tcase_add_test(tc, roy_judges_the_waterschap_leadership);
    tcase_add_test(tc, fatima_trusts_the_gemeente_but_not_roy);
    tcase_add_test(tc, distrust_at_the_top_damps_the_work_below);
    tcase_add_test(tc, roy_stands_on_the_bridge);
    suite_add_tcase(s, tc);
    tc = tcase_create("seed 002: trust and trustworthiness");
    tcase_add_test(tc, a_strong_click_keeps_trust_up_against_the_record);
    tcase_add_test(tc, competitors_who_keep_agreements);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return ot_run_suite(suite()); }
