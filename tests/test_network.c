/* lib/network.c: the network opinion (docs/model.md, section 15), told as
 * Roy of the gemeente asking his colleagues Anna and Bert what they know of
 * Fatima at the waterschap before he works with her himself.
 *
 * Every expected value is worked out by hand below from the formulas of
 * section 15 (opinion from evidence, probability-sensitive discounting,
 * cumulative fusion), as fractions. One unit observation adds 1 to one
 * dimension's evidence and a `went_beyond` adds 2 (the observation table of
 * docs/model.md section 2; tests/test_trust.c checks it), so with R and S
 * the summed evidence an opinion is (R/K, S/K, 2/K) with K = R + S + 2.
 * Everything happens on day 0, so no evidence has faded. */
#include "world.h"

#include <math.h>
#include <string.h>

typedef struct office {
    ot_model *m;
    ot_id G, W, roy, anna, bert, fatima, wim;
    ot_id t_ra, t_rb, t_af, t_bf;
} office;

/* Propensities: Roy 0.5, Anna 0.6, Bert 0.4, Fatima 0.5 (each direction's
 * base rate is its truster's propensity). Anna and Bert work in Roy's
 * organisation; Wim is in a third one. With bert_first the ties of Roy are
 * added in the other order, and Bert gets the lower actor id. */
static office office_new(int bert_first)
{
    office k;
    ck_ok(ot_model_new(NULL, &k.m));
    k.G = mk_org(k.m, "Gemeente", OT_NONE);
    k.W = mk_org(k.m, "Waterschap", OT_NONE);
    ot_id P = mk_org(k.m, "Provincie", OT_NONE);
    k.roy = mk_actor(k.m, k.G, 0, OT_NONE, "Roy");
    if (bert_first) {
        k.bert = mk_actor(k.m, k.G, 0, OT_NONE, "Bert");
        k.anna = mk_actor(k.m, k.G, 0, OT_NONE, "Anna");
    } else {
        k.anna = mk_actor(k.m, k.G, 0, OT_NONE, "Anna");
        k.bert = mk_actor(k.m, k.G, 0, OT_NONE, "Bert");
    }
    k.fatima = mk_actor(k.m, k.W, 0, OT_NONE, "Fatima");
    k.wim = mk_actor(k.m, P, 0, OT_NONE, "Wim");
    if (bert_first) {
        k.t_rb = mk_tie(k.m, k.roy, k.bert, 0.5, 0.4);
        k.t_ra = mk_tie(k.m, k.roy, k.anna, 0.5, 0.6);
    } else {
        k.t_ra = mk_tie(k.m, k.roy, k.anna, 0.5, 0.6);
        k.t_rb = mk_tie(k.m, k.roy, k.bert, 0.5, 0.4);
    }
    k.t_af = mk_tie(k.m, k.anna, k.fatima, 0.6, 0.5);
    k.t_bf = mk_tie(k.m, k.bert, k.fatima, 0.4, 0.5);
    /* Roy has seen Anna go beyond (R = 2): (1/2, 0, 1/2, 0.5), P = 3/4.
     * Roy knows nothing of Bert yet: (0, 0, 1, 0.5), P = 1/2.
     * Anna saw Fatima keep an agreement (R = 1): (1/3, 0, 2/3, 0.6).
     * Bert saw her break one (S = 1): (0, 1/3, 2/3, 0.4). */
    ck_ok(ot_observe(k.m, k.roy, k.anna, OT_WENT_BEYOND, 1, 0));
    ck_ok(ot_observe(k.m, k.anna, k.fatima, OT_AGREEMENT_KEPT, 1, 0));
    ck_ok(ot_observe(k.m, k.bert, k.fatima, OT_AGREEMENT_BROKEN, 1, 0));
    return k;
}

static void office_done(office *k)
{
    ck_ok(ot_model_check(k->m));
    ot_model_free(k->m);
}

static ot_sl_opinion network(const ot_model *m, ot_id truster, ot_id trustee)
{
    ot_sl_opinion w = {-1, -1, -1, -1};
    ck_ok(ot_network_opinion(m, truster, trustee, &w));
    return w;
}

/* The opinions the fusion starts from are the model's own (ot_opinion). */
START_TEST(the_colleagues_opinions_are_what_they_saw)
{
    office k = office_new(0);
    double b, d, u, a;
    ck_ok(ot_opinion(k.m, k.roy, k.anna, &b, &d, &u, &a));
    ck_opinion(((ot_sl_opinion){b, d, u, a}), 0.5, 0, 0.5, 0.5, 1e-15);
    ck_ok(ot_opinion(k.m, k.anna, k.fatima, &b, &d, &u, &a));
    ck_opinion(((ot_sl_opinion){b, d, u, a}), 1.0 / 3, 0, 2.0 / 3, 0.6, 1e-15);
    ck_ok(ot_opinion(k.m, k.bert, k.fatima, &b, &d, &u, &a));
    ck_opinion(((ot_sl_opinion){b, d, u, a}), 0, 1.0 / 3, 2.0 / 3, 0.4, 1e-15);
    office_done(&k);
}
END_TEST

/* Discounted: via Anna, P = 3/4: (3/4 * 1/3, 0, 1 - 1/4, 0.6) = (1/4, 0,
 * 3/4, 0.6); via Bert, P = 1/2: (0, 1/6, 5/6, 0.4).
 * Cumulative fusion of the two: U = 3/4 * 5/6 = 5/8, U_1 = 5/6, U_2 = 3/4,
 * sum U_i - U = 19/12 - 5/8 = 23/24;
 *   b = (1/4 * 5/6) / (23/24) = (5/24) / (23/24) = 5/23,
 *   d = (1/6 * 3/4) / (23/24) = (3/24) / (23/24) = 3/23,
 *   u = (5/8) / (23/24) = 15/23;
 *   a = (0.6 * (1/4)(5/6) + 0.4 * (1/6)(3/4)) / ((1/4)(5/6) + (1/6)(3/4))
 *     = (0.6 * 5 + 0.4 * 3) / (5 + 3) = 4.2 / 8 = 0.525. */
START_TEST(roy_asks_anna_and_bert_about_fatima)
{
    office k = office_new(0);
    ck_opinion(network(k.m, k.roy, k.fatima), 5.0 / 23, 3.0 / 23, 15.0 / 23, 0.525, 1e-15);
    office_done(&k);
}
END_TEST

/* Roy then works with Fatima himself and sees her deliver (R = 1): his own
 * opinion (1/3, 0, 2/3, 0.5) comes first. Three sources, u = 2/3, 3/4,
 * 5/6: U = 5/12; U_0 = 5/8, U_1 = 5/9, U_2 = 1/2, sum 121/72; the
 * denominator 121/72 - 2 * 30/72 = 61/72;
 *   b = (1/3 * 5/8 + 1/4 * 5/9) / (61/72) = (15/72 + 10/72) / (61/72) = 25/61,
 *   d = (1/6 * 1/2) / (61/72) = 6/61,  u = (30/72) / (61/72) = 30/61;
 *   a: weights (1 - u_i) U_i = 15/72, 10/72, 6/72:
 *     (0.5 * 15 + 0.6 * 10 + 0.4 * 6) / 31 = 15.9 / 31. */
START_TEST(his_own_experience_joins_theirs)
{
    office k = office_new(0);
    ck_ok(ot_tie_add(k.m, k.roy, k.fatima, NULL));
    ck_ok(ot_observe(k.m, k.roy, k.fatima, OT_DELIVERED, 1, 0));
    ck_opinion(network(k.m, k.roy, k.fatima), 25.0 / 61, 6.0 / 61, 30.0 / 61, 15.9 / 31, 1e-15);
    office_done(&k);
}
END_TEST

/* The colleagues are fused in actor-id order, whatever the order of the
 * ties: the same people give the same opinion bit for bit. */
START_TEST(the_order_ties_were_made_in_does_not_matter)
{
    office x = office_new(0), y = office_new(1);
    ot_sl_opinion a = network(x.m, x.roy, x.fatima), b = network(y.m, y.roy, y.fatima);
    ck_opinion(b, 5.0 / 23, 3.0 / 23, 15.0 / 23, 0.525, 1e-15);
    office_done(&x);
    office_done(&y);
    ck_assert_msg(a.b == b.b && a.d == b.d && a.u == b.u && a.a == b.a, "(%.17g %.17g %.17g %.17g) vs (%.17g ...)",
                  a.b, a.d, a.u, a.a, b.b);
}
END_TEST

/* Only colleagues count, and only active ties: Wim of the provincie knows
 * Fatima too, and Roy knows Wim, but Wim is not in Roy's organisation.
 * When Anna's tie to Fatima ends, Bert's word is all there is: one source
 * is returned as it is, (0, 1/6, 5/6, 0.4). When Bert leaves too, Roy has
 * nobody to ask: the vacuous opinion with his propensity, (0, 0, 1, 0.5). */
START_TEST(only_active_colleagues_are_asked)
{
    office k = office_new(0);
    ot_id t_rw = mk_tie(k.m, k.roy, k.wim, 0.5, 0.5), t_wf = mk_tie(k.m, k.wim, k.fatima, 0.5, 0.5);
    (void)t_rw;
    (void)t_wf;
    ck_ok(ot_observe(k.m, k.roy, k.wim, OT_WENT_BEYOND, 1, 0));
    ck_ok(ot_observe(k.m, k.wim, k.fatima, OT_LET_DOWN, 1, 0));
    ck_opinion(network(k.m, k.roy, k.fatima), 5.0 / 23, 3.0 / 23, 15.0 / 23, 0.525, 1e-15);
    ck_ok(ot_tie_end(k.m, k.t_af, 0));
    ck_opinion(network(k.m, k.roy, k.fatima), 0, 1.0 / 6, 5.0 / 6, 0.4, 1e-15);
    ck_ok(ot_actor_leave(k.m, k.bert, 0));
    ck_opinion(network(k.m, k.roy, k.fatima), 0, 0, 1, 0.5, 0);
    /* Fatima asking about Roy: her colleagues are nobody. */
    ck_opinion(network(k.m, k.fatima, k.roy), 0, 0, 1, 0.5, 0);
    office_done(&k);
}
END_TEST

START_TEST(bad_arguments_change_nothing)
{
    office k = office_new(0);
    ot_sl_opinion w = {-1, -1, -1, -1};
    ck_status(ot_network_opinion(NULL, k.roy, k.fatima, &w), OT_EINVAL);
    ck_status(ot_network_opinion(k.m, k.roy, k.fatima, NULL), OT_EINVAL);
    ck_msg_has("out");
    ck_status(ot_network_opinion(k.m, k.roy, k.roy, &w), OT_EINVAL);
    ck_msg_has("Roy");
    ck_status(ot_network_opinion(k.m, 99, k.fatima, &w), OT_ENOTFOUND);
    ck_msg_has("truster");
    ck_status(ot_network_opinion(k.m, k.roy, 99, &w), OT_ENOTFOUND);
    ck_msg_has("trustee");
    ck_assert(w.b == -1 && w.d == -1 && w.u == -1 && w.a == -1);
    office_done(&k);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("network");
    TCase *tc = tcase_create("network");
    tcase_add_test(tc, the_colleagues_opinions_are_what_they_saw);
    tcase_add_test(tc, roy_asks_anna_and_bert_about_fatima);
    tcase_add_test(tc, his_own_experience_joins_theirs);
    tcase_add_test(tc, the_order_ties_were_made_in_does_not_matter);
    tcase_add_test(tc, only_active_colleagues_are_asked);
    tcase_add_test(tc, bad_arguments_change_nothing);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return ot_run_suite(suite()); }
