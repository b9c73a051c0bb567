/* examples/scenarios/: each seed story loads and makes its point. The
 * expected values are worked out from the formulas of docs/model.md in the
 * comments; where a story's point is "this event made the difference", the
 * test also loads the story without that event (a counterfactual) and
 * compares. */
#include "scenario_util.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#ifndef OT_SOURCE_DIR
#define OT_SOURCE_DIR "."
#endif

#define EX(name) "examples/scenarios/" name

/* The story without the events `drop` says yes to. */
static ot_model *load_without(const char *rel, int (*drop)(const json_t *ev))
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", OT_SOURCE_DIR, rel);
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    ck_assert_msg(root != NULL, "%s: %s", path, err.text);
    json_t *events = json_object_get(root, "events"), *kept = json_array();
    size_t i, dropped = 0;
    json_t *ev;
    json_array_foreach(events, i, ev)
    {
        if (drop(ev))
            dropped++;
        else
            json_array_append(kept, ev);
    }
    ck_assert_msg(dropped > 0, "the counterfactual dropped nothing");
    json_object_set_new(root, "events", kept);
    char *text = json_dumps(root, 0);
    ot_model *m = sc_load(text);
    free(text);
    json_decref(root);
    return m;
}

static double expect(const ot_model *m, ot_id x, ot_id y, int dim)
{
    double v = -1;
    ck_ok(ot_expectation(m, x, y, dim, &v));
    return v;
}

static double now_of(const ot_model *m)
{
    double t;
    ck_ok(ot_model_time(m, &t));
    return t;
}

/* ---- 000: the gemeente and the waterschap ---------------------------------- */

START_TEST(water_test_team_escalation_skips_the_project_leader)
{
    ot_model *m = sc_load_source(EX("gemeente-waterschap.json"));
    ot_id roy = sc_actor(m, "Roy"), fatima = sc_actor(m, "Fatima"), henk = sc_actor(m, "Henk (projectleider)"),
          marco = sc_actor(m, "Marco (afdelingshoofd)"), weth = sc_actor(m, "Wethouder"),
          dijk = sc_actor(m, "Dijkgraaf");
    /* The path of the water-test team's tie (Roy's side first): at the
     * managerial layer Roy's line gives Henk and Fatima's gives Marco, but
     * Henk works directly with Fatima at the operational layer (a diagonal
     * tie): compromised. The administrative step is healthy. */
    ot_escalation_step s[8];
    size_t n;
    ck_ok(ot_escalation_path(m, sc_tie(m, "Roy", "Fatima"), s, 8, &n));
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(s[0].layer, 1);
    ck_assert_uint_eq(s[0].x, henk);
    ck_assert_uint_eq(s[0].y, marco);
    ck_assert_int_eq(s[0].status, OT_STEP_COMPROMISED);
    ck_assert_int_eq(s[0].reason, OT_REASON_DIAGONAL);
    ck_assert_uint_eq(s[1].layer, 2);
    ck_assert_uint_eq(s[1].x, weth);
    ck_assert_uint_eq(s[1].y, dijk);
    ck_assert_int_eq(s[1].status, OT_STEP_OK);
    /* The healthy top: only the six consultations (days 0, 60, 120, 160,
     * 230, 290) touch the wethouder-dijkgraaf tie, each positive evidence of
     * magnitude 0.5 with D = 1 (no layer above): from p = 0.6,
     * T = 1 - 0.4 * (0.95^0.5)^6 = 1 - 0.4 * 0.95^3 = 1 - 0.4 * 0.857375 = 0.65705 >= 0.6 */
    ck_near(trust_of(m, weth, dijk), 1.0 - 0.4 * pow(0.95, 3), 1e-12);
    ck_near(trust_of(m, dijk, weth), 1.0 - 0.4 * pow(0.95, 3), 1e-12);
    /* The first disruption surfaced at the consultation of day 160 (the
     * policy officers collected it) and was resolved by escalation. */
    int st, surfaced;
    double ts;
    ck_ok(ot_disruption_status(m, 0, &st));
    ck_assert_int_eq(st, OT_RESOLVED_BY_ESCALATION);
    ck_ok(ot_disruption_surfaced(m, 0, &surfaced, &ts));
    ck_assert_int_eq(surfaced, 1);
    ck_near(ts, 160.0, 0.0);
    /* The second is open; the one hazard is the project leader's tie. */
    ck_ok(ot_disruption_status(m, 1, &st));
    ck_assert_int_eq(st, OT_OPEN);
    ot_id hz[4];
    ck_ok(ot_hazards(m, sc_org(m, "Gemeente"), sc_org(m, "Waterschap"), hz, 4, &n));
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(hz[0], sc_tie(m, "Henk (projectleider)", "Fatima"));
    /* The report recommends the administrative step for the open one and
     * says why the managerial step is skipped. */
    char *json;
    ck_ok(ot_report_json(m, &json, NULL));
    json_t *r = json_loads(json, 0, NULL);
    json_t *d = json_array_get(json_object_get(r, "open_disruptions"), 0);
    ck_assert_int_eq(json_integer_value(json_object_get(d, "recommended_step")), 2);
    json_t *step1 = json_array_get(json_object_get(d, "escalation_path"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(step1, "status")), "compromised");
    ck_assert_str_eq(json_string_value(json_object_get(step1, "reason")), "diagonal");
    ck_assert_str_eq(json_string_value(json_object_get(step1, "text")),
                     "step 1 (managerial): Marco (afdelingshoofd) and Henk (projectleider): compromised: diagonal tie: "
                     "Henk (projectleider) also works directly with Waterschap's operational staff");
    json_decref(r);
    ot_free(json);
    (void)roy, (void)fatima;
    sc_round_trip(m);
    ot_model_free(m);
}
END_TEST

/* ---- 001: the faculty's general rule --------------------------------------- */

static int is_rule(const json_t *ev) { return json_object_get(ev, "general_rule") != NULL; }

START_TEST(faculty_rule_lowers_benevolence_toward_superiors_everywhere)
{
    ot_model *m = sc_load_source(EX("faculteit.json"));
    ot_model *c = load_without(EX("faculteit.json"), is_rule);
    size_t n;
    ck_ok(ot_model_count(m, OT_ACTORS, &n));
    /* The rule (day 170) gives every member with a tie to their superior
     * negative benevolence evidence of magnitude 0.5 about the superior.
     * Nobody observes upward after it, so in each such direction:
     *   T = T_without * (1 - 0.25)^0.5            (affect 0)
     *   E_b = (0 + 1) / (0 + 0.5 * 2^(-(now - 170)/365) + 2),  0.5 without. */
    double now = now_of(m), s = 0.5 * exp2(-(now - 170.0) / 365.0);
    int hit = 0;
    for (ot_id a = 0; a < n; a++) {
        ot_id sup;
        ck_ok(ot_actor_superior(m, a, &sup));
        if (sup == OT_NONE)
            continue;
        ck_near(trust_of(m, a, sup), trust_of(c, a, sup) * sqrt(0.75), 1e-12);
        ck_near(expect(m, a, sup, OT_BENEVOLENCE), 1.0 / (s + 2.0), 1e-12);
        ck_near(expect(c, a, sup, OT_BENEVOLENCE), 0.5, 0.0);
        hit++;
    }
    /* seven lecturers and three heads of department, in all three departments,
     * the good with the late alike */
    ck_assert_int_eq(hit, 10);
    ck_assert(expect(m, sc_actor(m, "Anna"), sc_actor(m, "Afdelingshoofd Psychologie"), OT_BENEVOLENCE) ==
              expect(m, sc_actor(m, "Prof. De Wit"), sc_actor(m, "Afdelingshoofd Psychologie"), OT_BENEVOLENCE));
    sc_round_trip(m);
    ot_model_free(c);
    ot_model_free(m);
}
END_TEST

/* ---- 002: the alliance and the friendship ---------------------------------- */

START_TEST(alliance_steers_on_reliability_while_a_friendship_blinds)
{
    ot_model *m = sc_load_source(EX("alliantie.json"));
    ot_id lotte = sc_actor(m, "Lotte (platformengineer)"), pieter = sc_actor(m, "Pieter (platformengineer)"),
          jan = sc_actor(m, "Jan (inkoop)"), kees = sc_actor(m, "Kees (inkoop)");
    double now = now_of(m); /* day 400 */
    /* Each engineer observes the other: agreement_kept on days 30, 90, ...,
     * 330 (six), delivered on 60, 150, 240, 330 (four), disclosed (weight
     * 0.5) on 400. Layers above stay >= 0.5 (the friends' tie and the CEOs'),
     * so D = 1: from p = 0.1, T = 1 - 0.9 * 0.95^(6 + 4 + 0.5). */
    double T = 1.0 - 0.9 * pow(0.95, 10.5); /* = 0.4748 */
    ck_near(trust_of(m, lotte, pieter), T, 1e-12);
    ck_near(trust_of(m, pieter, lotte), T, 1e-12);
    /* TW = 0.3 E_a + 0.3 * 0.5 + 0.4 E_i with the evidence decayed to now
     * (half-life 365): r_i = sum 2^(-(now - t)/365) over the kept days + 0.5,
     * r_a over the delivered days; E = (r + 1) / (r + 2). */
    double ri = 0.5, ra = 0.0;
    for (int t = 30; t <= 330; t += 60)
        ri += exp2(-(now - t) / 365.0);
    const int deliv[] = {60, 150, 240, 330};
    for (int k = 0; k < 4; k++)
        ra += exp2(-(now - deliv[k]) / 365.0);
    double TW = 0.3 * (ra + 1) / (ra + 2) + 0.3 * 0.5 + 0.4 * (ri + 1) / (ri + 2); /* about 0.72 */
    double tw;
    ck_ok(ot_trustworthiness(m, lotte, pieter, &tw));
    ck_near(tw, TW, 1e-12);
    /* Required trust 0.2 + 0.6 * U = 0.5 (U = 0.5) > T, but TW >= 0.6 and
     * U <= 0.5: both directions steer on reliability. */
    ck_assert(T < 0.5 && TW >= 0.6);
    int basis;
    ck_ok(ot_cooperation_basis(m, lotte, pieter, &basis));
    ck_assert_int_eq(basis, OT_BASIS_RELIABILITY);
    int flag;
    ck_ok(ot_dark_side(m, lotte, pieter, &flag));
    ck_assert_int_eq(flag, 0);
    /* The friends: affect 1, so l_eff = 0.25 * (1 - 0.9 * 1) = 0.025; ten
     * unit failures from p = 0.9 leave T = 0.9 * 0.975^10 = 0.6987. The
     * record says otherwise: s_a over days 45, 105, ..., 285 and s_i over
     * 75, 135, ..., 315, no positive evidence:
     * TW = 0.3 / (s_a + 2) + 0.15 + 0.4 / (s_i + 2), about 0.28; R + S = 6.7 >= 5
     * and T - TW >= 0.25: the dark side. */
    ck_near(trust_of(m, jan, kees), 0.9 * pow(0.975, 10), 1e-12);
    double sa = 0, si = 0;
    for (int t = 45; t <= 285; t += 60)
        sa += exp2(-(now - t) / 365.0);
    for (int t = 75; t <= 315; t += 60)
        si += exp2(-(now - t) / 365.0);
    ck_ok(ot_trustworthiness(m, jan, kees, &tw));
    ck_near(tw, 0.3 / (sa + 2) + 0.15 + 0.4 / (si + 2), 1e-12);
    ck_assert(sa + si >= 5 && 0.9 * pow(0.975, 10) - tw >= 0.25);
    ck_ok(ot_dark_side(m, jan, kees, &flag));
    ck_assert_int_eq(flag, 1);
    ck_ok(ot_dark_side(m, kees, jan, &flag)); /* Kees has no record of Jan */
    ck_assert_int_eq(flag, 0);
    sc_round_trip(m);
    ot_model_free(m);
}
END_TEST

/* ---- 003: the large municipality ------------------------------------------- */

static int is_turmoil(const json_t *ev)
{
    const char *a = json_string_value(json_object_get(ev, "truster"));
    const char *b = json_string_value(json_object_get(ev, "trustee"));
    return a && b && strncmp(a, "dir-", 4) == 0 && strncmp(b, "dir-", 4) == 0;
}

START_TEST(management_team_turmoil_damps_the_teams_below)
{
    ot_model *m = sc_load_source(EX("grote-gemeente.json"));
    ot_model *c = load_without(EX("grote-gemeente.json"), is_turmoil);
    ot_id emma = sc_actor(m, "Emma"), daan = sc_actor(m, "Daan"), noor = sc_actor(m, "Noor");
    ot_id so = sc_org(m, "Directie Stadsontwikkeling"), dv = sc_org(m, "Directie Dienstverlening");
    /* Emma (Wijkteams, under Dienstverlening) and Daan (Vergunningen, under
     * Stadsontwikkeling): their tie's organisation pair is the two
     * directorates. D = min(1, climate / 0.5), the climate being the lowest
     * layer trust between the directorates above the team layer. */
    double l1, l2, D;
    ck_ok(ot_layer_trust(m, so, dv, 1, &l1));
    ck_ok(ot_layer_trust(m, so, dv, 2, &l2));
    ck_ok(ot_damping(m, emma, daan, &D));
    ck_near(D, fmin(1.0, fmin(l1, l2) / 0.5), 1e-15);
    /* The directors: so -> dv lost four unit integrity events, dv -> so three
     * and a let-down (weight 2): 0.6 * 0.75^4 and 0.6 * 0.75^5; then four
     * consultations, 0.5 benevolence each (D = 1 at the top):
     * T = 1 - (1 - T0) * 0.95^2. The storm has settled, but trust comes on
     * foot: the layer trust is still under 0.5 and the teams are damped. */
    double a = 1.0 - (1.0 - 0.6 * pow(0.75, 4)) * pow(0.95, 2), b = 1.0 - (1.0 - 0.6 * pow(0.75, 5)) * pow(0.95, 2);
    ck_near(l2, (a + b) / 2.0, 1e-12); /* intensity 1 each: the plain mean, about 0.247 */
    ck_assert(D < 1.0);
    /* Every gain Emma and Daan made during and after the turmoil counted
     * for less: without it they trust each other more. */
    ck_assert(trust_of(m, emma, daan) < trust_of(c, emma, daan));
    ck_assert(trust_of(m, daan, emma) < trust_of(c, daan, emma));
    /* Inside Emma's own team nothing is damped, and nothing was taken away. */
    ck_ok(ot_damping(m, emma, noor, &D));
    ck_near(D, 1.0, 0.0);
    ck_near(trust_of(m, emma, noor), trust_of(c, emma, noor), 0.0);
    sc_round_trip(m);
    ot_model_free(c);
    ot_model_free(m);
}
END_TEST

/* ---- 004: the IT partnership ----------------------------------------------- */

static int is_beyond(const json_t *ev)
{
    const char *k = json_string_value(json_object_get(ev, "observe"));
    return k && strcmp(k, "went_beyond") == 0;
}

START_TEST(supplier_beyond_its_sla_raises_benevolence_and_trust)
{
    ot_model *m = sc_load_source(EX("it-partnership.json"));
    ot_model *c = load_without(EX("it-partnership.json"), is_beyond);
    ot_id rik = sc_actor(m, "Rik (regisseur)"), yusuf = sc_actor(m, "Yusuf (servicedesk)");
    double now = now_of(m);
    /* Day 212: went_beyond with magnitude 2, weight 2: r_b += 4, and T gains
     * with exponent 4. Nothing else touches Rik's benevolence evidence:
     * E_b = (4 * 2^(-(now - 212)/365) + 1) / (4 * 2^(-(now - 212)/365) + 2), 0.5 without. */
    double r = 4.0 * exp2(-(now - 212.0) / 365.0);
    ck_near(expect(m, rik, yusuf, OT_BENEVOLENCE), (r + 1) / (r + 2), 1e-12);
    ck_near(expect(c, rik, yusuf, OT_BENEVOLENCE), 0.5, 0.0);
    /* Gains shrink the gap 1 - T by a factor (1 - g D)^m whatever T is, and
     * after day 212 Rik only sees gains, with the same D in both stories
     * (the layers above stay >= 0.5, so D = 1): the emergency multiplied
     * the gap by 0.95^4 = 0.8145. */
    ck_near(1.0 - trust_of(m, rik, yusuf), (1.0 - trust_of(c, rik, yusuf)) * pow(0.95, 4), 1e-12);
    ck_assert(trust_of(m, rik, yusuf) > trust_of(c, rik, yusuf));
    sc_round_trip(m);
    ot_model_free(c);
    ot_model_free(m);
}
END_TEST

Suite *examples_suite(void)
{
    Suite *s = suite_create("examples");
    TCase *tc = tcase_create("stories");
    tcase_add_test(tc, water_test_team_escalation_skips_the_project_leader);
    tcase_add_test(tc, faculty_rule_lowers_benevolence_toward_superiors_everywhere);
    tcase_add_test(tc, alliance_steers_on_reliability_while_a_friendship_blinds);
    tcase_add_test(tc, management_team_turmoil_damps_the_teams_below);
    tcase_add_test(tc, supplier_beyond_its_sla_raises_benevolence_and_trust);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return ot_run_suite(examples_suite()); }
