/* Answers to a breach and the truth coming out (lib/response.c;
 * docs/model.md, section 12), told with Roy (gemeente) and Fatima
 * (waterschap): Roy experiences a disruption with Fatima, Fatima answers.
 *
 * The working behind most numbers: a disruption of severity 0.5 is
 * negative evidence of magnitude 2 * 0.5 = 1; from T = 0.5 it leaves
 * T = 0.5 * 0.75 = 0.375 (section 2) and, as the first evidence of the
 * direction (u = 2 / (0 + 2) = 1), the scar 1 - (1 - 0.5 * 1) = 0.5, so
 * the ceiling is 0.5 and min(T_before, C) = 0.5 on the same day. */
#include "world.h"

#include <string.h>

typedef struct pair {
    ot_model *m;
    ot_id roy, fatima, tie;
} pair;

static pair roy_and_fatima(double p_roy)
{
    pair p;
    ck_ok(ot_model_new(NULL, &p.m));
    ot_id g = mk_org(p.m, "Gemeente", OT_NONE), w = mk_org(p.m, "Waterschap", OT_NONE);
    p.roy = mk_actor(p.m, g, 0, OT_NONE, "Roy");
    p.fatima = mk_actor(p.m, w, 0, OT_NONE, "Fatima");
    p.tie = mk_tie(p.m, p.roy, p.fatima, p_roy, 0.5);
    return p;
}

/* Roy's disruption with Fatima on day 1, severity 0.5. */
static ot_id falls_out(pair *p, int kind)
{
    ot_id d = OT_NONE;
    ck_ok(ot_disrupt(p->m, p->roy, p->fatima, kind, 0.5, 0, 1.0, &d));
    ck_near(trust_of(p->m, p->roy, p->fatima), 0.375, 1e-15);
    return d;
}

static int response_of(const ot_model *m, ot_id d)
{
    int r = -1;
    ck_ok(ot_disruption_response(m, d, &r));
    return r;
}

/* ---- apology and denial --------------------------------------------------- */

static const struct {
    int kind, response;
    double rho; /* the default fraction of docs/model.md, section 12 */
} ANSWERS[] = {
    {OT_TASK, OT_RESPONSE_APOLOGY, 0.5},
    {OT_TASK, OT_RESPONSE_DENIAL, 0.1},
    {OT_RELATIONAL, OT_RESPONSE_APOLOGY, 0.1},
    {OT_RELATIONAL, OT_RESPONSE_DENIAL, 0.4},
};

/* T <- T + rho * (min(T_before, C) - T) = 0.375 + rho * 0.125; no evidence
 * is added, and the disruption stays open. */
START_TEST(an_answer_moves_trust_part_of_the_way_back)
{
    pair p = roy_and_fatima(0.5);
    ot_id d = falls_out(&p, ANSWERS[_i].kind);
    double s_before, tw_before;
    ck_ok(ot_trustworthiness(p.m, p.roy, p.fatima, &tw_before));
    ck_ok(ot_scars(p.m, p.roy, p.fatima, &s_before, NULL));
    ck_assert_int_eq(response_of(p.m, d), OT_RESPONSE_NONE);
    ck_ok(ot_respond(p.m, d, ANSWERS[_i].response, 1.0));
    ck_near(trust_of(p.m, p.roy, p.fatima), 0.375 + ANSWERS[_i].rho * 0.125, 1e-15);
    ck_assert_int_eq(response_of(p.m, d), ANSWERS[_i].response);
    double s, tw;
    ck_ok(ot_trustworthiness(p.m, p.roy, p.fatima, &tw));
    ck_ok(ot_scars(p.m, p.roy, p.fatima, &s, NULL));
    ck_assert(tw == tw_before && s == s_before); /* words are not deeds */
    int status = 0;
    ck_ok(ot_disruption_status(p.m, d, &status));
    ck_assert_int_eq(status, OT_OPEN);
    ot_model_free(p.m);
}
END_TEST

/* The target is min(T_before, C): from 0.9 the disruption leaves
 * 0.9 * 0.75 = 0.675, above the ceiling 0.5, and a denial lifts nothing;
 * it is recorded all the same. */
START_TEST(an_answer_never_lifts_trust_above_the_ceiling)
{
    pair p = roy_and_fatima(0.9);
    ot_id d;
    ck_ok(ot_disrupt(p.m, p.roy, p.fatima, OT_RELATIONAL, 0.5, 0, 1.0, &d));
    ck_near(trust_of(p.m, p.roy, p.fatima), 0.675, 1e-15);
    ck_ok(ot_respond(p.m, d, OT_RESPONSE_DENIAL, 1.0));
    ck_near(trust_of(p.m, p.roy, p.fatima), 0.675, 0.0);
    ck_assert_int_eq(response_of(p.m, d), OT_RESPONSE_DENIAL);
    ot_model_free(p.m);
}
END_TEST

/* ---- a promise ----------------------------------------------------------------- */

/* On day 1 Fatima promises: E_I = (0 + 1) / (0 + 1 + 2) = 1/3 (the
 * disruption's integrity evidence), no deception scar: the gain rate is
 * multiplied by 1 + 1 * 1/3 * (1 - 0) = 4/3 for 30 days. A kept agreement
 * the same day, with the gain halved by the open disruption (D = 0.5):
 * 0.375 + (0.05 * 0.5 * 4/3) * (0.5 - 0.375) = 0.375 + 0.125 / 30. On day
 * 31 the window (30 days from day 1) has closed: the plain rate again. */
START_TEST(a_promise_boosts_gains_for_its_window)
{
    pair p = roy_and_fatima(0.5);
    ot_id d = falls_out(&p, OT_RELATIONAL);
    ck_ok(ot_respond(p.m, d, OT_RESPONSE_PROMISE, 1.0));
    ck_near(trust_of(p.m, p.roy, p.fatima), 0.375, 0.0); /* nothing now */
    ck_ok(ot_observe(p.m, p.roy, p.fatima, OT_AGREEMENT_KEPT, 1.0, 1.0));
    double T1 = 0.375 + 0.125 / 30.0;
    ck_near(trust_of(p.m, p.roy, p.fatima), T1, 1e-15);
    /* Only Roy's direction: Fatima's gains about Roy are plain (no scar
     * there: 0.5 + 0.025 * 0.5). */
    ck_ok(ot_observe(p.m, p.fatima, p.roy, OT_AGREEMENT_KEPT, 1.0, 1.0));
    ck_near(trust_of(p.m, p.fatima, p.roy), 0.5 + 0.025 * 0.5, 1e-15);
    /* Day 31: the scar healed by 2^(-30/365), C = 1 - 0.5 * 2^(-30/365). */
    ck_ok(ot_observe(p.m, p.roy, p.fatima, OT_AGREEMENT_KEPT, 1.0, 31.0));
    double C = 1.0 - 0.5 * exp2(-30.0 / 365.0);
    ck_near(trust_of(p.m, p.roy, p.fatima), T1 + 0.025 * (C - T1), 1e-15);
    ck_assert_int_eq(response_of(p.m, d), OT_RESPONSE_PROMISE);
    ot_model_free(p.m);
}
END_TEST

/* A promise is worth what the promiser's honesty is worth: after a
 * concealment (deception scar 0.25) the factor is 1 + E_I * 0.75. Roy saw
 * a concealment on day 0 (integrity s = 1, T = 0.375, scar 0.5, sigma_p =
 * 0.25: C = 0.375); the disruption on day 1 (s = 2, u before it 2/3: the
 * scar deepens to 1 - 0.5 * (1 - 1/3) = 2/3, C = 1/3 * 0.75 = 0.25, T =
 * 0.375 * 0.75); with T above C no gain moves it: the promise is
 * recorded, the gain capped. */
START_TEST(a_promise_after_deception_is_worth_less)
{
    pair p = roy_and_fatima(0.5);
    ck_ok(ot_observe(p.m, p.roy, p.fatima, OT_CONCEALED, 1.0, 0.0));
    ot_id d;
    ck_ok(ot_disrupt(p.m, p.roy, p.fatima, OT_RELATIONAL, 0.5, 0, 1.0, &d));
    double C = -1;
    ck_ok(ot_ceiling(p.m, p.roy, p.fatima, &C));
    double heal = exp2(-1.0 / 365.0); /* the scars' clock moved a day */
    double scar = 1.0 - (1.0 - 0.5 * heal) * (1.0 - 0.5 * 2.0 / (heal + 2.0));
    ck_near(C, (1.0 - scar) * 0.75, 1e-15);
    ck_ok(ot_respond(p.m, d, OT_RESPONSE_PROMISE, 1.0));
    double T = trust_of(p.m, p.roy, p.fatima);
    ck_near(T, 0.375 * 0.75, 1e-15);
    ck_ok(ot_observe(p.m, p.roy, p.fatima, OT_AGREEMENT_KEPT, 1.0, 1.0));
    ck_near(trust_of(p.m, p.roy, p.fatima), T, 0.0); /* T = 0.28 > C = 0.25 */
    ot_model_free(p.m);
}
END_TEST

/* ---- the truth comes out --------------------------------------------------------- */

/* After a relational disruption (T 0.375) and Fatima's answer on day 1:
 * denial T = 0.425, apology T = 0.3875, none 0.375. Then revealed:
 * - guilty after the denial: a lie, deceptive integrity evidence of
 *   magnitude 2 * 0.5 = 1: T = 0.425 * 0.75; u before it 2 / (1 + 2): the
 *   scar 1 - 0.5 * (1 - 1/3) = 2/3; the deception scar 0.25;
 * - guilty otherwise: nothing changes;
 * - innocent: T + rho_i * (0.5 - T), rho_i 0.8 after a denial, 0.3 after an
 *   apology, 0.6 after silence. */
static const struct {
    int response, guilty;
    double T, scar, deception;
} REVEALED[] = {
    {OT_RESPONSE_DENIAL, 1, 0.425 * 0.75, 2.0 / 3.0, 0.25},
    {OT_RESPONSE_APOLOGY, 1, 0.3875, 0.5, 0.0},
    {OT_RESPONSE_NONE, 1, 0.375, 0.5, 0.0},
    {OT_RESPONSE_DENIAL, 0, 0.425 + 0.8 * 0.075, 0.5, 0.0},
    {OT_RESPONSE_APOLOGY, 0, 0.3875 + 0.3 * 0.1125, 0.5, 0.0},
    {OT_RESPONSE_NONE, 0, 0.375 + 0.6 * 0.125, 0.5, 0.0},
    {OT_RESPONSE_PROMISE, 0, 0.375 + 0.6 * 0.125, 0.5, 0.0},
};

START_TEST(the_truth_judges_the_answer)
{
    pair p = roy_and_fatima(0.5);
    ot_id d = falls_out(&p, OT_RELATIONAL);
    if (REVEALED[_i].response != OT_RESPONSE_NONE)
        ck_ok(ot_respond(p.m, d, REVEALED[_i].response, 1.0));
    int revealed = -1, guilty = -1;
    ck_ok(ot_disruption_revealed(p.m, d, &revealed, &guilty));
    ck_assert_int_eq(revealed, 0);
    ck_assert_int_eq(guilty, -1); /* written only once revealed */
    ck_ok(ot_reveal(p.m, d, REVEALED[_i].guilty, 1.0));
    ck_near(trust_of(p.m, p.roy, p.fatima), REVEALED[_i].T, 1e-15);
    double s, sp;
    ck_ok(ot_scars(p.m, p.roy, p.fatima, &s, &sp));
    ck_near(s, REVEALED[_i].scar, 1e-15);
    ck_near(sp, REVEALED[_i].deception, 1e-15);
    ck_ok(ot_disruption_revealed(p.m, d, &revealed, &guilty));
    ck_assert_int_eq(revealed, 1);
    ck_assert_int_eq(guilty, REVEALED[_i].guilty);
    ck_ok(ot_model_check(p.m));
    ot_model_free(p.m);
}
END_TEST

/* Reveal works on any status: repaired on day 1 (0.375 + 0.6 * 0.125 =
 * 0.45), shown innocent on day 1 (0.45 + 0.6 * 0.05 = 0.48). */
START_TEST(the_truth_comes_out_after_a_repair_too)
{
    pair p = roy_and_fatima(0.5);
    ot_id d = falls_out(&p, OT_TASK);
    ck_ok(ot_repair(p.m, d, 1.0));
    ck_near(trust_of(p.m, p.roy, p.fatima), 0.45, 1e-15);
    ck_ok(ot_reveal(p.m, d, 0, 1.0));
    ck_near(trust_of(p.m, p.roy, p.fatima), 0.48, 1e-15);
    ot_model_free(p.m);
}
END_TEST

/* The truth comes out after the two have parted: Fatima denies (T = 0.375
 * + 0.4 * 0.125 = 0.425, the relational denial), leaves the waterschap the
 * same day (the tie ends, the disruption is withdrawn, and the gemeente's
 * memory keeps w * T = 1 * 0.425), and is then shown innocent: the ended
 * tie's own trust moves, 0.425 + 0.8 * (0.5 - 0.425) = 0.485 (what Roy
 * remembers of her if they meet again), but an ended tie is in no
 * aggregate any more, so reputation stays the memory's 0.425 / 1 and
 * standing does not move (found by the ops fuzzer: the reveal used to add
 * the move to Roy's standing sums without the weight). */
START_TEST(the_truth_comes_out_after_the_tie_ended)
{
    pair p = roy_and_fatima(0.5);
    ot_id d = falls_out(&p, OT_RELATIONAL);
    ck_ok(ot_respond(p.m, d, OT_RESPONSE_DENIAL, 1.0));
    ck_near(trust_of(p.m, p.roy, p.fatima), 0.425, 1e-15);
    ck_ok(ot_actor_leave(p.m, p.fatima, 1.0));
    double rep = -1.0, standing = -1.0, after = -1.0;
    ck_ok(ot_reputation(p.m, 0, 1, OT_NONE, &rep));
    ck_near(rep, 0.425, 1e-15);
    ck_ok(ot_standing(p.m, p.roy, &standing));
    ck_ok(ot_reveal(p.m, d, 0, 1.0));
    ck_near(trust_of(p.m, p.roy, p.fatima), 0.485, 1e-15);
    ck_ok(ot_reputation(p.m, 0, 1, OT_NONE, &after));
    ck_near(after, 0.425, 1e-15);
    ck_ok(ot_standing(p.m, p.roy, &after));
    ck_assert(after == standing);
    ck_ok(ot_model_check(p.m));
    ot_model_free(p.m);
}
END_TEST

/* ---- bad input: the listed status, a message naming argument and value,
 * nothing changed ---------------------------------------------------------------- */

START_TEST(bad_answers_change_nothing)
{
    pair p = roy_and_fatima(0.5);
    ot_id d = falls_out(&p, OT_TASK), done;
    ck_ok(ot_disrupt(p.m, p.fatima, p.roy, OT_TASK, 0.5, 0, 2.0, &done));
    ck_ok(ot_repair(p.m, done, 2.0));
    ck_ok(ot_respond(p.m, d, OT_RESPONSE_APOLOGY, 2.0));
    ot_state before = ot_state_of(p.m);
    ck_status(ot_respond(p.m, d, OT_RESPONSE_DENIAL, 3.0), OT_ESTATE);
    ck_msg_has("already answered (apology)");
    ck_status(ot_respond(p.m, done, OT_RESPONSE_APOLOGY, 3.0), OT_ESTATE);
    ck_msg_has("disruption 1 is not open");
    ot_id fresh;
    ck_unchanged(p.m, before);
    ck_ok(ot_disrupt(p.m, p.roy, p.fatima, OT_RELATIONAL, 0.5, 0, 3.0, &fresh));
    before = ot_state_of(p.m);
    ck_status(ot_respond(p.m, fresh, 4, 3.0), OT_EINVAL);
    ck_msg_has("response = 4");
    ck_status(ot_respond(p.m, fresh, OT_RESPONSE_NONE, 3.0), OT_EINVAL);
    ck_msg_has("response = 0");
    ck_status(ot_respond(p.m, 99, OT_RESPONSE_APOLOGY, 3.0), OT_ENOTFOUND);
    ck_msg_has("disruption = 99");
    ck_status(ot_respond(p.m, fresh, OT_RESPONSE_APOLOGY, 2.5), OT_ETIME);
    ck_msg_has("t = 2.5");
    ck_status(ot_respond(p.m, fresh, OT_RESPONSE_APOLOGY, NAN), OT_EINVAL);
    ck_status(ot_respond(NULL, fresh, OT_RESPONSE_APOLOGY, 3.0), OT_EINVAL);
    ck_msg_has("m is NULL");
    ck_unchanged(p.m, before);
    ot_model_free(p.m);
}
END_TEST

START_TEST(bad_reveals_change_nothing)
{
    pair p = roy_and_fatima(0.5);
    ot_id d = falls_out(&p, OT_TASK);
    ck_ok(ot_reveal(p.m, d, 1, 2.0));
    ot_state before = ot_state_of(p.m);
    ck_status(ot_reveal(p.m, d, 0, 3.0), OT_ESTATE);
    ck_msg_has("already revealed (guilty)");
    ck_status(ot_reveal(p.m, d, 2, 3.0), OT_EINVAL);
    ck_msg_has("guilty = 2");
    ck_status(ot_reveal(p.m, 7, 1, 3.0), OT_ENOTFOUND);
    ck_msg_has("disruption = 7");
    ot_id e;
    ck_unchanged(p.m, before);
    ck_ok(ot_disrupt(p.m, p.roy, p.fatima, OT_TASK, 0.5, 0, 3.0, &e));
    before = ot_state_of(p.m);
    ck_status(ot_reveal(p.m, e, 1, 1.0), OT_ETIME);
    ck_msg_has("t = 1");
    ck_status(ot_reveal(p.m, e, 1, INFINITY), OT_EINVAL);
    ck_unchanged(p.m, before);
    /* the queries check their arguments as well */
    int r = 7, g = 7;
    ck_status(ot_disruption_response(p.m, e, NULL), OT_EINVAL);
    ck_msg_has("response is NULL");
    ck_status(ot_disruption_revealed(p.m, e, NULL, &g), OT_EINVAL);
    ck_msg_has("revealed is NULL");
    ck_status(ot_disruption_response(p.m, 42, &r), OT_ENOTFOUND);
    ck_status(ot_disruption_revealed(NULL, e, &r, &g), OT_EINVAL);
    ck_assert(r == 7 && g == 7);
    ck_unchanged(p.m, before);
    ot_model_free(p.m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("response");
    TCase *tc = tcase_create("answers");
    tcase_add_loop_test(tc, an_answer_moves_trust_part_of_the_way_back, 0, (int)(sizeof ANSWERS / sizeof *ANSWERS));
    tcase_add_test(tc, an_answer_never_lifts_trust_above_the_ceiling);
    tcase_add_test(tc, a_promise_boosts_gains_for_its_window);
    tcase_add_test(tc, a_promise_after_deception_is_worth_less);
    suite_add_tcase(s, tc);
    tc = tcase_create("truth");
    tcase_add_loop_test(tc, the_truth_judges_the_answer, 0, (int)(sizeof REVEALED / sizeof *REVEALED));
    tcase_add_test(tc, the_truth_comes_out_after_a_repair_too);
    tcase_add_test(tc, the_truth_comes_out_after_the_tie_ended);
    suite_add_tcase(s, tc);
    tc = tcase_create("errors");
    tcase_add_test(tc, bad_answers_change_nothing);
    tcase_add_test(tc, bad_reveals_change_nothing);
    suite_add_tcase(s, tc);
    return ot_run_suite(s);
}
