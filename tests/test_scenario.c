#define _POSIX_C_SOURCE 200809L
/* lib/scenario*.c: loading and exporting scenario files (docs/scenario.md).
 * Every key of the format is loaded and compared with the same model built
 * through the C API (the digests must be equal); every error class is
 * checked with its message; exports load back to the same model. */
#include "scenario_util.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The gemeente (with a department) and the waterschap, built by hand. */
typedef struct gw {
    ot_model *m;
    ot_id g, gro, w, weth, roy, fatima, dijk, pol_g, pol_w;
} gw;

static gw gw_api(void)
{
    gw x;
    ck_ok(ot_model_new(NULL, &x.m));
    ck_ok(ot_org_add(x.m, "Gemeente", OT_NONE, &x.g));
    ck_ok(ot_org_add(x.m, "Ruimtelijke ordening", x.g, &x.gro));
    ck_ok(ot_org_add(x.m, "Waterschap", OT_NONE, &x.w));
    ck_ok(ot_actor_add(x.m, x.g, 2, OT_NONE, "Wethouder", &x.weth));
    ck_ok(ot_actor_add(x.m, x.gro, 0, x.weth, "Roy", &x.roy));
    ck_ok(ot_actor_add(x.m, x.w, 0, OT_NONE, "Fatima", &x.fatima));
    ck_ok(ot_actor_add(x.m, x.w, 2, OT_NONE, "Dijkgraaf", &x.dijk));
    ck_ok(ot_actor_add(x.m, x.g, 1, OT_NONE, "Beleidsmedewerker G", &x.pol_g));
    ck_ok(ot_actor_add(x.m, x.w, 1, OT_NONE, "Beleidsmedewerker W", &x.pol_w));
    return x;
}

/* "model": 2, as the C API's defaults are model version 2's. */
#define GW_HEAD                                                                                                  \
    "{\"orgtrust\": 1, \"model\": 2,\n"                                                                          \
    " \"organisations\": [{\"id\": \"G\", \"name\": \"Gemeente\"},\n"                                            \
    "   {\"id\": \"G-ro\", \"name\": \"Ruimtelijke ordening\", \"parent\": \"G\"},\n"                             \
    "   {\"id\": \"W\", \"name\": \"Waterschap\", \"parent\": null}],\n"                                         \
    " \"actors\": [{\"id\": \"weth\", \"name\": \"Wethouder\", \"org\": \"G\", \"layer\": \"administrative\"},\n" \
    "   {\"id\": \"roy\", \"name\": \"Roy\", \"org\": \"G-ro\", \"layer\": 0, \"superior\": \"weth\"},\n"         \
    "   {\"id\": \"fatima\", \"name\": \"Fatima\", \"org\": \"W\"},\n"                                            \
    "   {\"id\": \"dijk\", \"name\": \"Dijkgraaf\", \"org\": \"W\", \"layer\": 2, \"superior\": null},\n"         \
    "   {\"id\": \"pol-g\", \"name\": \"Beleidsmedewerker G\", \"org\": \"G\", \"layer\": \"managerial\"},\n"     \
    "   {\"id\": \"pol-w\", \"name\": \"Beleidsmedewerker W\", \"org\": \"W\", \"layer\": 1}],\n"

static void same(const ot_model *a, const ot_model *b)
{
    ck_assert_msg(sc_digest(a) == sc_digest(b), "the scenario and the C calls give different models");
}

/* ---- every key, against the C API ------------------------------------ */

START_TEST(structure_keys_match_the_api)
{
    ot_model *m = sc_load(GW_HEAD
                          " \"ties\": [{\"between\": [\"roy\", \"fatima\"], \"intensity\": 2.5, \"affect\": 0.25,\n"
                          "            \"uncertainty\": 0.75, \"note\": \"the joint water test\"},\n"
                          "          {\"between\": [\"weth\", \"dijk\"]}]}");
    gw x = gw_api();
    ot_id t1, t2;
    ck_ok(ot_tie_add(x.m, x.roy, x.fatima, &t1));
    ck_ok(ot_tie_set(x.m, t1, OT_TIE_INTENSITY, 2.5));
    ck_ok(ot_tie_set(x.m, t1, OT_TIE_AFFECT, 0.25));
    ck_ok(ot_tie_set(x.m, t1, OT_TIE_UNCERTAINTY, 0.75));
    ck_ok(ot_tie_add(x.m, x.weth, x.dijk, &t2));
    same(m, x.m);
    /* name defaults to the id; the names given are the names kept */
    ck_assert_str_eq(ot_actor_name(m, 1), "Roy");
    ck_assert_str_eq(ot_org_name(m, 1), "Ruimtelijke ordening");
    ot_model_free(x.m);
    ot_model_free(m);
}
END_TEST

START_TEST(propensity_name_default_and_notes)
{
    ot_model *m = sc_load("{\"orgtrust\": 1, \"model\": 2, \"description\": \"two people\",\n"
                          " \"organisations\": [{\"id\": \"G\", \"note\": \"no name: the id is the name\"}, {\"id\": \"W\"}],\n"
                          " \"actors\": [{\"id\": \"Roy\", \"org\": \"G\", \"propensity\": 0.6},\n"
                          "            {\"id\": \"Fatima\", \"org\": \"W\", \"propensity\": 0, \"note\": \"careful\"}],\n"
                          " \"ties\": [{\"between\": [\"Roy\", \"Fatima\"]}]}");
    ot_model *api;
    ot_id g, w, roy, fatima;
    ck_ok(ot_model_new(NULL, &api));
    ck_ok(ot_org_add(api, "G", OT_NONE, &g));
    ck_ok(ot_org_add(api, "W", OT_NONE, &w));
    ck_ok(ot_actor_add(api, g, 0, OT_NONE, "Roy", &roy));
    ck_ok(ot_actor_set_propensity(api, roy, 0.6));
    ck_ok(ot_actor_add(api, w, 0, OT_NONE, "Fatima", &fatima));
    ck_ok(ot_actor_set_propensity(api, fatima, 0.0));
    ck_ok(ot_tie_add(api, roy, fatima, NULL));
    same(m, api);
    /* A new external tie starts from the propensity blended with the
     * organisation's view (trust transfer 0.5, docs/model.md section 13);
     * with no tie yet between G and W that view is the prior 0.5:
     * 0.5 * 0.6 + 0.5 * 0.5 = 0.55 and 0.5 * 0 + 0.5 * 0.5 = 0.25. */
    ck_near(trust_of(m, 0, 1), 0.55, 1e-15);
    ck_near(trust_of(m, 1, 0), 0.25, 0.0);
    ot_model_free(api);
    ot_model_free(m);
}
END_TEST

START_TEST(config_keys_match_the_api)
{
    /* Every parameter by its name, set to a value other than its default
     * (and within its range), plus the layers. */
    static const struct {
        const char *name;
        int param;
        double v;
    } P[] = {
        {"gain_rate", OT_PARAM_GAIN_RATE, 0.07}, {"loss_rate", OT_PARAM_LOSS_RATE, 0.3},
        {"dark_side", OT_PARAM_DARK_SIDE, 0.8}, {"evidence_half_life", OT_PARAM_EVIDENCE_HALF_LIFE, 180},
        {"weight_ability", OT_PARAM_WEIGHT_ABILITY, 0.25}, {"weight_benevolence", OT_PARAM_WEIGHT_BENEVOLENCE, 0.25},
        {"weight_integrity", OT_PARAM_WEIGHT_INTEGRITY, 0.5}, {"propensity", OT_PARAM_PROPENSITY, 0.4},
        {"climate_threshold", OT_PARAM_CLIMATE_THRESHOLD, 0.6}, {"disrupted_gain", OT_PARAM_DISRUPTED_GAIN, 0.4},
        {"org_prior", OT_PARAM_ORG_PRIOR, 0.45}, {"bridge_gap", OT_PARAM_BRIDGE_GAP, 0.2},
        {"separation", OT_PARAM_SEPARATION, 0.7}, {"disruption_weight", OT_PARAM_DISRUPTION_WEIGHT, 3},
        {"repair_fraction", OT_PARAM_REPAIR_FRACTION, 0.5}, {"repair_half_life", OT_PARAM_REPAIR_HALF_LIFE, 20},
        {"escalation_fraction", OT_PARAM_ESCALATION_FRACTION, 0.8},
        {"escalation_threshold", OT_PARAM_ESCALATION_THRESHOLD, 0.55},
        {"dark_side_gap", OT_PARAM_DARK_SIDE_GAP, 0.2}, {"dark_side_min_evidence", OT_PARAM_DARK_SIDE_MIN_EVIDENCE, 4},
        {"coop_tau0", OT_PARAM_COOP_TAU0, 0.1}, {"coop_tau1", OT_PARAM_COOP_TAU1, 0.5},
        {"coop_reliability", OT_PARAM_COOP_RELIABILITY, 0.65},
        {"coop_max_uncertainty", OT_PARAM_COOP_MAX_UNCERTAINTY, 0.4},
        {"consult_magnitude", OT_PARAM_CONSULT_MAGNITUDE, 0.75}, {"rule_magnitude", OT_PARAM_RULE_MAGNITUDE, 1},
        {"unilateral_magnitude", OT_PARAM_UNILATERAL_MAGNITUDE, 2},
        {"failed_escalation_magnitude", OT_PARAM_FAILED_ESCALATION_MAGNITUDE, 1},
        {"keep_events", OT_PARAM_KEEP_EVENTS, 0},
        {"scar_rate", OT_PARAM_SCAR_RATE, 0.4}, {"scar_half_life", OT_PARAM_SCAR_HALF_LIFE, 200},
        {"deception_scar", OT_PARAM_DECEPTION_SCAR, 0.3}, {"deception_half_life", OT_PARAM_DECEPTION_HALF_LIFE, 3650},
        {"apology_task", OT_PARAM_APOLOGY_TASK, 0.45}, {"apology_relational", OT_PARAM_APOLOGY_RELATIONAL, 0.15},
        {"denial_task", OT_PARAM_DENIAL_TASK, 0.05}, {"denial_relational", OT_PARAM_DENIAL_RELATIONAL, 0.35},
        {"promise_boost", OT_PARAM_PROMISE_BOOST, 1.5}, {"promise_window", OT_PARAM_PROMISE_WINDOW, 20},
        {"innocent_denied", OT_PARAM_INNOCENT_DENIED, 0.7}, {"innocent_apologised", OT_PARAM_INNOCENT_APOLOGISED, 0.2},
        {"innocent_reticent", OT_PARAM_INNOCENT_RETICENT, 0.55}, {"trust_transfer", OT_PARAM_TRUST_TRANSFER, 0.45},
        {"institutional_half_life", OT_PARAM_INSTITUTIONAL_HALF_LIFE, 500},
    };
    char json[4096];
    size_t len = (size_t)snprintf(json, sizeof json, "{\"orgtrust\": 1, \"config\": {");
    for (size_t i = 0; i < sizeof P / sizeof *P; i++)
        len += (size_t)snprintf(json + len, sizeof json - len, "\"%s\": %.17g, ", P[i].name, P[i].v);
    snprintf(json + len, sizeof json - len, "\"layers\": [\"uitvoering\", \"management\", \"bestuur\", \"raad\"]}}");
    ck_assert_uint_eq(sizeof P / sizeof *P, 44); /* every ot_param: the header's 1..44 */
    ot_model *m = sc_load(json);
    for (size_t i = 0; i < sizeof P / sizeof *P; i++) {
        double v;
        ck_ok(ot_model_param(m, P[i].param, &v));
        ck_near(v, P[i].v, 0.0);
    }
    unsigned n;
    ck_ok(ot_model_layers(m, &n));
    ck_assert_uint_eq(n, 4);
    ck_assert_str_eq(ot_layer_name(m, 3), "raad");
    ot_model_free(m);

    /* "inf" switches the half-life off (JSON has no infinity) */
    m = sc_load("{\"orgtrust\": 1, \"config\": {\"evidence_half_life\": \"inf\"}}");
    double h;
    ck_ok(ot_model_param(m, OT_PARAM_EVIDENCE_HALF_LIFE, &h));
    ck_assert(isinf(h) && h > 0);
    sc_round_trip(m);
    ot_model_free(m);
}
END_TEST

/* Files keep their meaning (docs/model.md): a file without "model" was
 * written for model version 1, so the three parameters by which model 2
 * changes what version-1 calls compute are 0 unless the file sets them; every
 * other parameter has its default. "model": 2 gives every default. */
START_TEST(files_without_model_are_model_1)
{
    static const struct {
        int param;
        double model1, model2; /* the header's defaults; model 1 sets the three rates to 0 */
    } V[] = {
        {OT_PARAM_SCAR_RATE, 0.0, 0.5},      {OT_PARAM_DECEPTION_SCAR, 0.0, 0.25},
        {OT_PARAM_TRUST_TRANSFER, 0.0, 0.5}, {OT_PARAM_SCAR_HALF_LIFE, 365.0, 365.0},
        {OT_PARAM_GAIN_RATE, 0.05, 0.05},    {OT_PARAM_INSTITUTIONAL_HALF_LIFE, 730.0, 730.0},
    };
    ot_model *m1 = sc_load("{\"orgtrust\": 1}");
    ot_model *m1c = sc_load("{\"orgtrust\": 1, \"config\": {\"gain_rate\": 0.05}}");
    ot_model *m2 = sc_load("{\"orgtrust\": 1, \"model\": 2}");
    ot_model *set = sc_load("{\"orgtrust\": 1, \"config\": {\"scar_rate\": 0.125}}");
    for (size_t i = 0; i < sizeof V / sizeof V[0]; i++) {
        double a, b, c;
        ck_ok(ot_model_param(m1, V[i].param, &a));
        ck_ok(ot_model_param(m1c, V[i].param, &b));
        ck_ok(ot_model_param(m2, V[i].param, &c));
        ck_assert_msg(a == V[i].model1 && b == V[i].model1 && c == V[i].model2, "param %d: %g %g %g", V[i].param,
                      a, b, c);
    }
    double v;
    ck_ok(ot_model_param(set, OT_PARAM_SCAR_RATE, &v));
    ck_assert(v == 0.125);
    ck_ok(ot_model_param(set, OT_PARAM_DECEPTION_SCAR, &v));
    ck_assert(v == 0.0);
    /* Export writes model 2 and every parameter, so the file reads back the
     * same model (the model-1 values included). */
    char *json;
    size_t len;
    ck_ok(ot_scenario_export(m1, &json, &len));
    ck_assert_ptr_nonnull(strstr(json, "\"model\": 2,"));
    ck_assert_ptr_nonnull(strstr(json, "\"scar_rate\": 0,"));
    ot_free(json);
    sc_round_trip(m1);
    sc_fails("{\"orgtrust\": 1, \"model\": 3}", OT_EFORMAT, "written for model version 3, newer than version 2");
    sc_fails("{\"orgtrust\": 1, \"model\": 0}", OT_EFORMAT, "model: version 0 does not exist");
    sc_fails("{\"orgtrust\": 1, \"model\": \"2\"}", OT_EFORMAT, "the model version is a whole number");
    ot_model_free(m1);
    ot_model_free(m1c);
    ot_model_free(m2);
    ot_model_free(set);
}
END_TEST

START_TEST(event_keys_match_the_api)
{
    ot_model *m = sc_load(
        GW_HEAD
        " \"ties\": [{\"between\": [\"roy\", \"fatima\"]}, {\"between\": [\"weth\", \"dijk\"]},\n"
        "          {\"between\": [\"weth\", \"roy\"]}],\n"
        " \"events\": [\n"
        "  {\"t\": 1, \"observe\": \"agreement_kept\", \"truster\": \"roy\", \"trustee\": \"fatima\"},\n"
        "  {\"t\": 1, \"observe\": \"agreement_broken\", \"truster\": \"fatima\", \"trustee\": \"roy\"},\n"
        "  {\"t\": 2, \"observe\": \"delivered\", \"truster\": \"roy\", \"trustee\": \"fatima\", \"magnitude\": 2},\n"
        "  {\"t\": 3, \"observe\": \"failed_delivery\", \"truster\": \"roy\", \"trustee\": \"fatima\"},\n"
        "  {\"t\": 4, \"observe\": \"went_beyond\", \"truster\": \"fatima\", \"trustee\": \"roy\", \"magnitude\": 1.5},\n"
        "  {\"t\": 5, \"observe\": \"let_down\", \"truster\": \"roy\", \"trustee\": \"fatima\", \"note\": \"Friday\"},\n"
        "  {\"t\": 6, \"observe\": \"disclosed\", \"truster\": \"weth\", \"trustee\": \"dijk\"},\n"
        "  {\"t\": 7, \"observe\": \"concealed\", \"truster\": \"dijk\", \"trustee\": \"weth\"},\n"
        "  {\"t\": 10, \"disrupt\": \"task\", \"observer\": \"roy\", \"other\": \"fatima\", \"severity\": 0.5,\n"
        "   \"separated\": true, \"id\": \"d1\"},\n"
        "  {\"t\": 11, \"disrupt\": \"relational\", \"observer\": \"fatima\", \"other\": \"roy\", \"severity\": 0.25,\n"
        "   \"separated\": false, \"id\": \"d2\"},\n"
        "  {\"t\": 12, \"disrupt\": \"task\", \"observer\": \"roy\", \"other\": \"fatima\", \"severity\": 1, \"id\": \"d3\"},\n"
        "  {\"t\": 13, \"disrupt\": \"task\", \"observer\": \"roy\", \"other\": \"fatima\", \"severity\": 0.1},\n"
        "  {\"t\": 14, \"respond\": \"d1\", \"response\": \"apology\"},\n"
        "  {\"t\": 15, \"respond\": \"d2\", \"response\": \"denial\", \"note\": \"not us\"},\n"
        "  {\"t\": 16, \"respond\": \"d3\", \"response\": \"promise\"},\n"
        "  {\"t\": 20, \"consult\": [\"weth\", \"dijk\"], \"liaisons\": [\"pol-g\", null]},\n"
        "  {\"t\": 21, \"consult\": [\"dijk\", \"weth\"]},\n"
        "  {\"t\": 30, \"escalate\": \"d1\", \"mode\": \"joint\"},\n"
        "  {\"t\": 31, \"escalate\": \"d2\", \"mode\": \"unilateral\"},\n"
        "  {\"t\": 32, \"escalate\": \"d3\"},\n"
        "  {\"t\": 40, \"repair\": \"d2\"},\n"
        "  {\"t\": 41, \"reveal\": \"d2\", \"guilty\": true},\n"
        "  {\"t\": 42, \"reveal\": \"d1\", \"guilty\": false},\n"
        "  {\"t\": 50, \"general_rule\": \"G\"}\n"
        " ]}");
    gw x = gw_api();
    ot_model *a = x.m;
    ot_id d1, d2, d3, t;
    ck_ok(ot_tie_add(a, x.roy, x.fatima, NULL));
    ck_ok(ot_tie_add(a, x.weth, x.dijk, NULL));
    ck_ok(ot_tie_add(a, x.weth, x.roy, NULL));
    ck_ok(ot_observe(a, x.roy, x.fatima, OT_AGREEMENT_KEPT, 1, 1));
    ck_ok(ot_observe(a, x.fatima, x.roy, OT_AGREEMENT_BROKEN, 1, 1));
    ck_ok(ot_observe(a, x.roy, x.fatima, OT_DELIVERED, 2, 2));
    ck_ok(ot_observe(a, x.roy, x.fatima, OT_FAILED_DELIVERY, 1, 3));
    ck_ok(ot_observe(a, x.fatima, x.roy, OT_WENT_BEYOND, 1.5, 4));
    ck_ok(ot_observe(a, x.roy, x.fatima, OT_LET_DOWN, 1, 5));
    ck_ok(ot_observe(a, x.weth, x.dijk, OT_DISCLOSED, 1, 6));
    ck_ok(ot_observe(a, x.dijk, x.weth, OT_CONCEALED, 1, 7));
    ck_ok(ot_disrupt(a, x.roy, x.fatima, OT_TASK, 0.5, 1, 10, &d1));
    ck_ok(ot_disrupt(a, x.fatima, x.roy, OT_RELATIONAL, 0.25, 0, 11, &d2));
    ck_ok(ot_disrupt(a, x.roy, x.fatima, OT_TASK, 1, 0, 12, &d3));
    ck_ok(ot_disrupt(a, x.roy, x.fatima, OT_TASK, 0.1, 0, 13, &t));
    ck_ok(ot_respond(a, d1, OT_RESPONSE_APOLOGY, 14));
    ck_ok(ot_respond(a, d2, OT_RESPONSE_DENIAL, 15));
    ck_ok(ot_respond(a, d3, OT_RESPONSE_PROMISE, 16));
    ck_ok(ot_consult(a, x.weth, x.dijk, x.pol_g, OT_NONE, 20));
    ck_ok(ot_consult(a, x.dijk, x.weth, OT_NONE, OT_NONE, 21));
    ck_ok(ot_escalate(a, d1, OT_JOINT, 30, NULL, NULL));
    ck_ok(ot_escalate(a, d2, OT_UNILATERAL, 31, NULL, NULL));
    ck_ok(ot_escalate(a, d3, OT_JOINT, 32, NULL, NULL)); /* mode defaults to joint */
    ck_ok(ot_repair(a, d2, 40));
    ck_ok(ot_reveal(a, d2, 1, 41));
    ck_ok(ot_reveal(a, d1, 0, 42));
    ck_ok(ot_impose_general_rule(a, x.g, 50));
    same(m, a);
    sc_round_trip(m);
    ot_model_free(a);
    ot_model_free(m);
}
END_TEST

/* Version 1.1: people come and go, the ladder, timeboxes. */
START_TEST(lifecycle_and_ladder_keys_match_the_api)
{
    ot_model *m = sc_load(
        "{\"orgtrust\": 1, \"model\": 2, \"config\": {\"timeboxes\": [3, 6, 12], \"layers\": [\"op\", \"mgr\", \"adm\"]},\n"
        " \"organisations\": [{\"id\": \"G\"}, {\"id\": \"W\"}],\n"
        " \"actors\": [{\"id\": \"weth\", \"org\": \"G\", \"layer\": 2}, {\"id\": \"dijk\", \"org\": \"W\", \"layer\": 2},\n"
        "   {\"id\": \"mg\", \"org\": \"G\", \"layer\": 1, \"superior\": \"weth\"},\n"
        "   {\"id\": \"mw\", \"org\": \"W\", \"layer\": 1, \"superior\": \"dijk\"},\n"
        "   {\"id\": \"roy\", \"org\": \"G\", \"superior\": \"mg\"}, {\"id\": \"fatima\", \"org\": \"W\", \"superior\": \"mw\"},\n"
        "   {\"id\": \"karin\", \"org\": \"G\", \"superior\": \"mg\"}],\n"
        " \"ties\": [{\"between\": [\"roy\", \"fatima\"]}, {\"between\": [\"mg\", \"mw\"]},\n"
        "   {\"between\": [\"weth\", \"dijk\"]}, {\"between\": [\"karin\", \"fatima\"]}],\n"
        " \"events\": [\n"
        "  {\"t\": 10, \"disrupt\": \"task\", \"observer\": \"roy\", \"other\": \"fatima\", \"severity\": 0.5, \"id\": \"d1\"},\n"
        "  {\"t\": 30, \"refer\": \"d1\", \"mode\": \"joint\"},\n"
        "  {\"t\": 35, \"resolve\": \"d1\"},\n"
        "  {\"t\": 36, \"refer\": \"d1\"},\n"
        "  {\"t\": 37, \"resolve\": \"d1\", \"note\": \"the top settles it\"},\n"
        "  {\"t\": 90, \"end_tie\": [\"roy\", \"fatima\"]},\n"
        "  {\"t\": 120, \"leave\": \"roy\"},\n"
        "  {\"t\": 130, \"move\": \"karin\", \"org\": \"G\", \"layer\": \"mgr\", \"superior\": \"weth\"},\n"
        "  {\"t\": 131, \"move\": \"mg\", \"org\": \"W\", \"layer\": 2},\n"
        "  {\"t\": 140, \"advance\": true}\n"
        " ]}");
    ot_model *a;
    ot_config *c;
    ck_ok(ot_config_new(&c));
    const char *names[3] = {"op", "mgr", "adm"};
    ck_ok(ot_config_set_layers(c, 3, names));
    double days[3] = {3, 6, 12};
    ck_ok(ot_config_set_timeboxes(c, 3, days));
    ck_ok(ot_model_new(c, &a));
    ot_config_free(c);
    ot_id G, W, weth, dijk, mg, mw, roy, fatima, karin, rf, d1;
    ck_ok(ot_org_add(a, "G", OT_NONE, &G));
    ck_ok(ot_org_add(a, "W", OT_NONE, &W));
    ck_ok(ot_actor_add(a, G, 2, OT_NONE, "weth", &weth));
    ck_ok(ot_actor_add(a, W, 2, OT_NONE, "dijk", &dijk));
    ck_ok(ot_actor_add(a, G, 1, weth, "mg", &mg));
    ck_ok(ot_actor_add(a, W, 1, dijk, "mw", &mw));
    ck_ok(ot_actor_add(a, G, 0, mg, "roy", &roy));
    ck_ok(ot_actor_add(a, W, 0, mw, "fatima", &fatima));
    ck_ok(ot_actor_add(a, G, 0, mg, "karin", &karin));
    ck_ok(ot_tie_add(a, roy, fatima, &rf));
    ck_ok(ot_tie_add(a, mg, mw, NULL));
    ck_ok(ot_tie_add(a, weth, dijk, NULL));
    ck_ok(ot_tie_add(a, karin, fatima, NULL));
    ck_ok(ot_disrupt(a, roy, fatima, OT_TASK, 0.5, 0, 10, &d1));
    ck_ok(ot_refer(a, d1, OT_JOINT, 30));
    ck_ok(ot_resolve(a, d1, 35, NULL));
    ck_ok(ot_refer(a, d1, OT_JOINT, 36));
    ck_ok(ot_resolve(a, d1, 37, NULL));
    ck_ok(ot_tie_end(a, rf, 90));
    ck_ok(ot_actor_leave(a, roy, 120));
    ck_ok(ot_actor_move(a, karin, G, 1, weth, 130));
    ck_ok(ot_actor_move(a, mg, W, 2, OT_NONE, 131));
    ck_ok(ot_advance(a, 140));
    same(m, a);
    sc_round_trip(m);
    ot_model_free(a);
    ot_model_free(m);
}
END_TEST

/* Bad lifecycle events name the place and the value. */
START_TEST(bad_lifecycle_events_name_the_place)
{
#define LC_HEAD                                                                                               \
    "{\"orgtrust\": 1, \"organisations\": [{\"id\": \"G\"}, {\"id\": \"W\"}],\n"                               \
    " \"actors\": [{\"id\": \"roy\", \"org\": \"G\"}, {\"id\": \"fatima\", \"org\": \"W\"}],\n"                    \
    " \"ties\": [{\"between\": [\"roy\", \"fatima\"]}],\n \"events\": [\n"
    sc_fails(LC_HEAD "{\"t\": 1, \"leave\": \"roy\"}, {\"t\": 2, \"leave\": \"roy\"}]}", OT_ESTATE,
             "events[1]");
    sc_fails(LC_HEAD "{\"t\": 1, \"end_tie\": [\"roy\", \"fatima\"]}, {\"t\": 2, \"end_tie\": [\"roy\", \"fatima\"]}]}",
             OT_ESTATE, "has ended");
    sc_fails(LC_HEAD "{\"t\": 1, \"leave\": \"fatma\"}]}", OT_ENOTFOUND, "fatma");
    sc_fails(LC_HEAD "{\"t\": 1, \"advance\": false}]}", OT_EINVAL, "true is expected");
    sc_fails(LC_HEAD "{\"t\": 5, \"advance\": true}, {\"t\": 4, \"advance\": true}]}", OT_ETIME, "t = 4");
    sc_fails(LC_HEAD "{\"t\": 1, \"move\": \"roy\", \"org\": \"G\", \"layer\": 0, \"superior\": \"fatima\"}]}",
             OT_EINVAL, "superior");
    sc_fails(LC_HEAD "{\"t\": 1, \"move\": \"roy\", \"layer\": 0}]}", OT_EFORMAT, "org");
    sc_fails(LC_HEAD "{\"t\": 1, \"refer\": \"d9\"}]}", OT_ENOTFOUND, "d9");
    sc_fails("{\"orgtrust\": 1, \"config\": {\"timeboxes\": [1, 2]}}", OT_EINVAL, "timeboxes");
    sc_fails("{\"orgtrust\": 1, \"config\": {\"timeboxes\": [1, 0, 2]}}", OT_EINVAL, "days[1] = 0");
#undef LC_HEAD
}
END_TEST

START_TEST(structural_event_keys_match_the_api)
{
    ot_model *m = sc_load(
        GW_HEAD
        " \"ties\": [{\"between\": [\"roy\", \"fatima\"]}],\n"
        " \"events\": [\n"
        "  {\"t\": 5, \"observe\": \"delivered\", \"truster\": \"roy\", \"trustee\": \"fatima\"},\n"
        "  {\"add_org\": \"G-ic\", \"name\": \"Informatievoorziening\", \"parent\": \"G\", \"note\": \"new\"},\n"
        "  {\"add_org\": \"P\"},\n"
        "  {\"add_actor\": \"ann\", \"name\": \"Ann\", \"org\": \"G-ic\", \"layer\": 1, \"superior\": \"weth\",\n"
        "   \"propensity\": 0.7},\n"
        "  {\"add_actor\": \"bob\", \"org\": \"P\"},\n"
        "  {\"add_tie\": [\"ann\", \"fatima\"], \"intensity\": 3, \"uncertainty\": 0.2},\n"
        "  {\"add_tie\": [\"bob\", \"roy\"]},\n"
        "  {\"set_superior\": \"roy\", \"superior\": \"pol-g\"},\n"
        "  {\"set_superior\": \"ann\", \"superior\": null},\n"
        "  {\"set_propensity\": \"fatima\", \"propensity\": 0.3},\n"
        "  {\"set_tie\": [\"fatima\", \"roy\"], \"affect\": 0.5},\n"
        "  {\"set_tie\": [\"roy\", \"fatima\"], \"intensity\": 1.5, \"affect\": 0.6, \"uncertainty\": 0.9},\n"
        "  {\"t\": 6, \"observe\": \"delivered\", \"truster\": \"ann\", \"trustee\": \"fatima\"}\n"
        " ]}");
    gw x = gw_api();
    ot_model *a = x.m;
    ot_id ic, p, ann, bob, t1, t2;
    ck_ok(ot_tie_add(a, x.roy, x.fatima, &t1));
    ck_ok(ot_observe(a, x.roy, x.fatima, OT_DELIVERED, 1, 5));
    ck_ok(ot_org_add(a, "Informatievoorziening", x.g, &ic));
    ck_ok(ot_org_add(a, "P", OT_NONE, &p));
    ck_ok(ot_actor_add(a, ic, 1, x.weth, "Ann", &ann));
    ck_ok(ot_actor_set_propensity(a, ann, 0.7));
    ck_ok(ot_actor_add(a, p, 0, OT_NONE, "bob", &bob));
    ck_ok(ot_tie_add(a, ann, x.fatima, &t2));
    ck_ok(ot_tie_set(a, t2, OT_TIE_INTENSITY, 3));
    ck_ok(ot_tie_set(a, t2, OT_TIE_UNCERTAINTY, 0.2));
    ck_ok(ot_tie_add(a, bob, x.roy, NULL));
    ck_ok(ot_actor_set_superior(a, x.roy, x.pol_g));
    ck_ok(ot_actor_set_superior(a, ann, OT_NONE));
    ck_ok(ot_actor_set_propensity(a, x.fatima, 0.3));
    ck_ok(ot_tie_set(a, t1, OT_TIE_AFFECT, 0.5));
    ck_ok(ot_tie_set(a, t1, OT_TIE_INTENSITY, 1.5));
    ck_ok(ot_tie_set(a, t1, OT_TIE_AFFECT, 0.6));
    ck_ok(ot_tie_set(a, t1, OT_TIE_UNCERTAINTY, 0.9));
    ck_ok(ot_observe(a, ann, x.fatima, OT_DELIVERED, 1, 6));
    same(m, a);
    sc_round_trip(m);
    ot_model_free(a);
    ot_model_free(m);
}
END_TEST

/* ---- errors: every class, with the place in the message -------------- */

#define TWO                                                                                                      \
    "{\"orgtrust\": 1, \"organisations\": [{\"id\": \"G\"}, {\"id\": \"W\"}],\n"                                 \
    " \"actors\": [{\"id\": \"roy\", \"org\": \"G\"}, {\"id\": \"fatima\", \"org\": \"W\"},\n"                   \
    "            {\"id\": \"weth\", \"org\": \"G\", \"layer\": 2}],\n"                                           \
    " \"ties\": [{\"between\": [\"roy\", \"fatima\"]}],\n"

START_TEST(unknown_references_name_the_place)
{
    /* the issue's own example */
    sc_fails(TWO " \"events\": [{\"t\": 1, \"observe\": \"delivered\", \"truster\": \"roy\", \"trustee\": \"fatma\"}]}",
             OT_ENOTFOUND, "events[0].trustee: unknown actor \"fatma\"");
    sc_fails(TWO " \"events\": [{\"t\": 1, \"general_rule\": \"X\"}]}", OT_ENOTFOUND,
             "events[0].general_rule: unknown organisation \"X\"");
    sc_fails(TWO " \"events\": [{\"t\": 1, \"repair\": \"d9\"}]}", OT_ENOTFOUND,
             "events[0].repair: unknown disruption \"d9\"");
    sc_fails(TWO " \"events\": [{\"t\": 1, \"escalate\": \"d9\"}]}", OT_ENOTFOUND,
             "events[0].escalate: unknown disruption \"d9\"");
    sc_fails(TWO " \"events\": [{\"t\": 1, \"respond\": \"d9\", \"response\": \"apology\"}]}", OT_ENOTFOUND,
             "events[0].respond: unknown disruption \"d9\"");
    /* respond and reveal (since 1.1): a bad response, a verdict that is not
     * a boolean, and a second answer, each named by place */
    sc_fails(TWO " \"events\": [{\"t\": 1, \"disrupt\": \"task\", \"observer\": \"roy\", \"other\": \"fatima\",\n"
                 "  \"severity\": 0.5, \"id\": \"d1\"}, {\"t\": 2, \"respond\": \"d1\", \"response\": \"sorry\"}]}",
             OT_EINVAL, "events[1].response");
    sc_fails(TWO " \"events\": [{\"t\": 1, \"disrupt\": \"task\", \"observer\": \"roy\", \"other\": \"fatima\",\n"
                 "  \"severity\": 0.5, \"id\": \"d1\"}, {\"t\": 2, \"reveal\": \"d1\", \"guilty\": 1}]}",
             OT_EFORMAT, "events[1].guilty: true or false is expected");
    sc_fails(TWO " \"events\": [{\"t\": 1, \"disrupt\": \"task\", \"observer\": \"roy\", \"other\": \"fatima\",\n"
                 "  \"severity\": 0.5, \"id\": \"d1\"}, {\"t\": 2, \"respond\": \"d1\", \"response\": \"denial\"},\n"
                 "  {\"t\": 3, \"respond\": \"d1\", \"response\": \"apology\"}]}",
             OT_ESTATE, "already answered");
    sc_fails("{\"orgtrust\": 1, \"organisations\": [{\"id\": \"A\", \"parent\": \"B\"}, {\"id\": \"B\"}]}",
             OT_ENOTFOUND, "organisations[0].parent: unknown organisation \"B\"");
    sc_fails("{\"orgtrust\": 1, \"organisations\": [{\"id\": \"A\"}], \"actors\": [{\"id\": \"x\", \"org\": \"A\", "
             "\"layer\": 0, \"superior\": \"y\"}, {\"id\": \"y\", \"org\": \"A\", \"layer\": 1}]}",
             OT_ENOTFOUND, "actors[0].superior: unknown actor \"y\"");
    sc_fails(TWO " \"events\": [{\"t\": 1, \"consult\": [\"roy\", \"weth\"]}]}", OT_ENOTFOUND,
             "events[0].consult: actors \"roy\" and \"weth\" have no tie");
    sc_fails(TWO " \"events\": [{\"t\": 1, \"observe\": \"delivered\", \"truster\": \"weth\", \"trustee\": \"fatima\"}]}",
             OT_ENOTFOUND, "events[0]: truster \"weth\" and trustee \"fatima\" have no tie");
    sc_fails(TWO " \"events\": [{\"set_tie\": [\"weth\", \"fatima\"], \"affect\": 1}]}", OT_ENOTFOUND,
             "events[0].set_tie: actors \"weth\" and \"fatima\" have no tie");
    sc_fails(TWO " \"events\": [{\"t\": 1, \"disrupt\": \"task\", \"observer\": \"weth\", \"other\": \"fatima\", "
                 "\"severity\": 1}]}",
             OT_ENOTFOUND, "events[0]: observer \"weth\" and other \"fatima\" have no tie");
}
END_TEST

START_TEST(duplicates_are_refused)
{
    sc_fails("{\"orgtrust\": 1, \"organisations\": [{\"id\": \"G\"}, {\"id\": \"G\"}]}", OT_EEXIST,
             "organisations[1].id: the organisation id \"G\" is already taken");
    sc_fails(TWO " \"events\": [{\"add_actor\": \"roy\", \"org\": \"W\"}]}", OT_EEXIST,
             "events[0].add_actor: the actor id \"roy\" is already taken");
    sc_fails(TWO " \"events\": [{\"add_tie\": [\"fatima\", \"roy\"]}]}", OT_EEXIST,
             "events[0].add_tie: \"fatima\" and \"roy\" already have a tie");
    sc_fails(TWO " \"events\": [{\"t\": 1, \"disrupt\": \"task\", \"observer\": \"roy\", \"other\": \"fatima\", "
                 "\"severity\": 1, \"id\": \"d\"}, {\"t\": 2, \"disrupt\": \"task\", \"observer\": \"roy\", "
                 "\"other\": \"fatima\", \"severity\": 1, \"id\": \"d\"}]}",
             OT_EEXIST, "events[1].id: the disruption id \"d\" is already taken");
    /* jansson refuses a key given twice in one object */
    sc_fails("{\"orgtrust\": 1, \"orgtrust\": 1}", OT_EFORMAT, "line 1, column");
}
END_TEST

START_TEST(library_checks_come_with_the_place)
{
    /* The library's own messages, prefixed with where the call came from. */
    sc_fails(TWO " \"events\": [{\"t\": 5, \"observe\": \"delivered\", \"truster\": \"roy\", \"trustee\": \"fatima\"},\n"
                 "  {\"t\": 4, \"observe\": \"delivered\", \"truster\": \"roy\", \"trustee\": \"fatima\"}]}",
             OT_ETIME, "events[1]: ot_observe: t = 4 is earlier");
    sc_fails(TWO " \"events\": [{\"t\": 1, \"disrupt\": \"task\", \"observer\": \"roy\", \"other\": \"fatima\", "
                 "\"severity\": 2}]}",
             OT_EINVAL, "events[0]: ot_disrupt: severity = 2 is out of range");
    sc_fails(TWO " \"events\": [{\"t\": 1, \"observe\": \"delivered\", \"truster\": \"roy\", \"trustee\": \"fatima\", "
                 "\"magnitude\": 11}]}",
             OT_EINVAL, "events[0]: ot_observe: magnitude = 11 is out of range");
    sc_fails(TWO " \"events\": [{\"add_tie\": [\"roy\", \"weth\"], \"intensity\": 0}]}", OT_EINVAL,
             "events[0]: ot_tie_set: intensity = 0 is out of range");
    sc_fails("{\"orgtrust\": 1, \"config\": {\"gain_rate\": 1.5}}", OT_EINVAL,
             "config: ot_config_set: gain_rate = 1.5 is out of range");
    sc_fails("{\"orgtrust\": 1, \"config\": {\"weight_ability\": 0.5}}", OT_EINVAL,
             "config: ot_model_new: weight_ability + weight_benevolence + weight_integrity");
    sc_fails("{\"orgtrust\": 1, \"config\": {\"layers\": [\"a\", \"a\"]}}", OT_EINVAL,
             "config: ot_config_set_layers: names[1] = \"a\" repeats names[0]");
    sc_fails("{\"orgtrust\": 1, \"organisations\": [{\"id\": \"A\"}], \"actors\": [{\"id\": \"x\", \"org\": \"A\", "
             "\"layer\": 1}, {\"id\": \"y\", \"org\": \"A\", \"superior\": \"x\", \"layer\": 1}]}",
             OT_EINVAL, "actors[1]: ot_actor_add: superior = 0 (\"x\") is on layer 1 (managerial), not above the actor's layer 1 (managerial)");
    sc_fails(TWO " \"events\": [{\"t\": 1, \"disrupt\": \"task\", \"observer\": \"roy\", \"other\": \"fatima\", "
                 "\"severity\": 1, \"id\": \"d\"}, {\"t\": 2, \"repair\": \"d\"}, {\"t\": 3, \"repair\": \"d\"}]}",
             OT_ESTATE, "events[2]: ot_repair: disruption \"d\" is not open"); /* by the file's id */
    sc_fails(TWO " \"events\": [{\"set_propensity\": \"roy\", \"propensity\": -1}]}", OT_EINVAL,
             "events[0]: ot_actor_set_propensity: p = -1 is out of range");
    sc_fails(TWO " \"events\": [{\"add_actor\": \"x\", \"org\": \"G\", \"propensity\": 2}]}", OT_EINVAL,
             "events[0].propensity: 2 is out of range");
}
END_TEST

START_TEST(bad_values_name_key_and_value)
{
    sc_fails(TWO " \"events\": [{\"t\": 1, \"observe\": \"kept\", \"truster\": \"roy\", \"trustee\": \"fatima\"}]}",
             OT_EINVAL, "events[0].observe: unknown observation kind \"kept\"; one of agreement_kept");
    sc_fails(TWO " \"events\": [{\"t\": 1, \"disrupt\": \"personal\", \"observer\": \"roy\", \"other\": \"fatima\", "
                 "\"severity\": 1}]}",
             OT_EINVAL, "events[0].disrupt: unknown disruption kind \"personal\"; one of task, relational");
    sc_fails(TWO " \"events\": [{\"t\": 1, \"disrupt\": \"task\", \"observer\": \"roy\", \"other\": \"fatima\", "
                 "\"severity\": 1, \"id\": \"d\"}, {\"t\": 2, \"escalate\": \"d\", \"mode\": \"hard\"}]}",
             OT_EINVAL, "events[1].mode: unknown escalation mode \"hard\"; one of joint, unilateral");
    sc_fails(TWO " \"events\": [{\"add_actor\": \"x\", \"org\": \"G\", \"layer\": \"bestuur\"}]}", OT_EINVAL,
             "events[0].layer: unknown layer \"bestuur\"; the layers are operational, managerial, administrative");
    sc_fails(TWO " \"events\": [{\"add_actor\": \"x\", \"org\": \"G\", \"layer\": 3}]}", OT_EINVAL,
             "events[0].layer: layer 3 does not exist; the layers are 0 to 2");
    sc_fails(TWO " \"events\": [{\"add_actor\": \"x\", \"org\": \"G\", \"layer\": 1.5}]}", OT_EFORMAT,
             "events[0].layer: a layer is an index or a name, not a number");
    sc_fails(TWO " \"events\": [{\"t\": \"monday\", \"observe\": \"delivered\", \"truster\": \"roy\", "
                 "\"trustee\": \"fatima\"}]}",
             OT_EFORMAT, "events[0].t: an observe event has the date \"monday\" as its time, but the scenario has "
                         "no \"epoch\"");
    sc_fails(TWO " \"events\": [{\"t\": true, \"observe\": \"delivered\", \"truster\": \"roy\", "
                 "\"trustee\": \"fatima\"}]}",
             OT_EFORMAT, "events[0].t: a number is expected, not a boolean");
    sc_fails(TWO " \"events\": [{\"t\": 1, \"disrupt\": \"task\", \"observer\": \"roy\", \"other\": \"fatima\", "
                 "\"severity\": 1, \"separated\": 1}]}",
             OT_EFORMAT, "events[0].separated: true or false is expected, not a number");
    sc_fails(TWO " \"events\": [{\"t\": 1, \"consult\": [\"roy\"]}]}", OT_EFORMAT,
             "events[0].consult: two actor ids [\"a\", \"b\"] are expected");
    sc_fails(TWO " \"events\": [{\"t\": 1, \"consult\": [\"roy\", \"fatima\"], \"liaisons\": [null, 3]}]}",
             OT_EFORMAT, "events[0].liaisons[1]: actor id (a string or null) is expected, not a number");
    sc_fails(TWO " \"events\": [{\"t\": 1, \"consult\": [\"roy\", \"fatima\"], \"liaisons\": [\"weth\", \"nobody\"]}]}",
             OT_ENOTFOUND, "events[0].liaisons[1]: unknown actor \"nobody\"");
    sc_fails(TWO " \"events\": [{\"set_tie\": [\"roy\", \"fatima\"]}]}", OT_EFORMAT,
             "events[0]: a set_tie event sets intensity, affect or uncertainty");
    sc_fails(TWO " \"events\": [{\"set_tie\": [\"roy\", \"fatima\"], \"affect\": \"high\"}]}", OT_EFORMAT,
             "events[0].affect: a number is expected, not a string");
    sc_fails(TWO " \"events\": [{\"add_tie\": [\"roy\", \"roy\"]}]}", OT_EINVAL,
             "events[0].add_tie: a tie joins two different actors, not \"roy\" with itself");
    sc_fails("{\"orgtrust\": 1, \"organisations\": [{\"id\": 7}]}", OT_EFORMAT,
             "organisations[0].id: an id is a string, not a number");
    sc_fails("{\"orgtrust\": 1, \"organisations\": [{\"id\": \"\"}]}", OT_EFORMAT,
             "organisations[0].id: an id is not empty");
    sc_fails("{\"orgtrust\": 1, \"organisations\": [{\"id\": \"A\", \"name\": [\"A\"]}]}", OT_EFORMAT,
             "organisations[0].name: a string is expected, not an array");
    sc_fails("{\"orgtrust\": 1, \"organisations\": [{\"id\": \"A\", \"note\": 5}]}", OT_EFORMAT,
             "organisations[0].note: a note is a string, not a number");
    sc_fails("{\"orgtrust\": 1, \"organisations\": [{\"id\": \"A\\u0000B\"}]}", OT_EFORMAT, "line 1");
    sc_fails("{\"orgtrust\": 1, \"config\": {\"gain_rate\": \"fast\"}}", OT_EFORMAT,
             "config.gain_rate: a number (or \"inf\") is expected, not a string");
    sc_fails("{\"orgtrust\": 1, \"config\": {\"layers\": []}}", OT_EINVAL,
             "config.layers: the layers are an array of 1 to 8 names");
    sc_fails("{\"orgtrust\": 1, \"config\": {\"layers\": [\"a\", 2]}}", OT_EFORMAT,
             "config.layers[1]: a string is expected, not a number");
    sc_fails("{\"orgtrust\": 1, \"config\": []}", OT_EFORMAT, "config: config is an object, not an array");
}
END_TEST

START_TEST(events_key_spelt_with_escapes)
{
    /* "ev\u0065nts" is "events" to JSON: the scanner does not see it, so
     * jansson parses the array with the top level; the result is the same. */
    ot_model *a = sc_load("{\"orgtrust\": 1, \"ev\\u0065nts\": [{\"add_org\": \"A\"}, {\"add_org\": \"B\"}]}");
    ot_model *b = sc_load("{\"orgtrust\": 1, \"events\": [{\"add_org\": \"A\"}, {\"add_org\": \"B\"}]}");
    same(a, b);
    size_t n;
    ck_ok(ot_model_count(a, OT_ORGS, &n));
    ck_assert_uint_eq(n, 2);
    ot_model_free(a);
    ot_model_free(b);
    sc_fails("{\"orgtrust\": 1, \"ev\\u0065nts\": [{\"add_org\": 5}]}", OT_EFORMAT,
             "events[0].add_org: an id is a string, not a number");
}
END_TEST

START_TEST(shape_errors)
{
    sc_fails("{}", OT_EFORMAT, "orgtrust: missing; a scenario starts with \"orgtrust\": 1");
    sc_fails("{\"orgtrust\": 2}", OT_EFORMAT, "orgtrust: version 2 is not supported; this library reads version 1");
    sc_fails("{\"orgtrust\": \"1\"}", OT_EFORMAT, "orgtrust: the format version is the number 1, not a string");
    sc_fails("{\"orgtrust\": 1, \"people\": []}", OT_EFORMAT, "unknown top-level key \"people\"");
    sc_fails("{\"orgtrust\": 1, \"description\": 5}", OT_EFORMAT, "description is a string, not a number");
    sc_fails("{\"orgtrust\": 1, \"actors\": {}}", OT_EFORMAT, "actors: actors is an array, not an object");
    sc_fails("{\"orgtrust\": 1, \"events\": {}}", OT_EFORMAT, "events: events is an array, not an object");
    sc_fails("{\"orgtrust\": 1, \"events\": [5]}", OT_EFORMAT, "events[0]: an event is an object, not a number");
    sc_fails("{\"orgtrust\": 1, \"organisations\": [[]]}", OT_EFORMAT,
             "organisations[0]: an organisation is an object, not an array");
    sc_fails("{\"orgtrust\": 1, \"organisations\": [{\"id\": \"A\", \"colour\": \"red\"}]}", OT_EFORMAT,
             "organisations[0]: unknown key \"colour\" in an organisation");
    sc_fails("{\"orgtrust\": 1, \"organisations\": [{\"id\": \"A\", \"org\": \"B\"}]}", OT_EFORMAT,
             "organisations[0]: key \"org\" does not belong in an organisation; it takes id, name, note, parent");
    sc_fails("{\"orgtrust\": 1, \"organisations\": [{\"name\": \"A\"}]}", OT_EFORMAT,
             "organisations[0]: an organisation needs \"id\"");
    sc_fails("{\"orgtrust\": 1, \"config\": {\"speed\": 1}}", OT_EFORMAT, "config: unknown parameter \"speed\"");
    sc_fails(TWO " \"events\": [{\"t\": 1}]}", OT_EFORMAT, "events[0]: an event needs one of observe, disrupt");
    sc_fails(TWO " \"events\": [{\"t\": 1, \"repair\": \"d\", \"escalate\": \"d\"}]}", OT_EFORMAT,
             "events[0]: an event does one thing: it has both \"repair\" and \"escalate\"");
    sc_fails(TWO " \"events\": [{\"observe\": \"delivered\", \"truster\": \"roy\", \"trustee\": \"fatima\"}]}",
             OT_EFORMAT, "events[0]: an observe event needs \"t\"");
    sc_fails(TWO " \"events\": [{\"t\": 3, \"add_org\": \"X\"}]}", OT_EFORMAT,
             "events[0].t: an add_org event takes no time (structure changes are not timed)");
    sc_fails(TWO " \"events\": [{\"t\": 3, \"repair\": \"d\", \"severity\": 1}]}", OT_EFORMAT,
             "events[0]: key \"severity\" does not belong in a repair event; it takes note, repair, t");
}
END_TEST

START_TEST(syntax_errors_give_line_and_column)
{
    /* Every error jansson finds must carry the line and column jansson
     * itself gives when it parses the whole text: compare. */
    static const char *const bad[] = {
        "{\"orgtrust\": 1,\n \"events\": [ {\"t\": 1,, } ]}",
        "{\"orgtrust\": 1,\n \"events\": [\n  {\"add_org\": \"X\"},\n  {\"t\": 2 \"repair\": \"d\"}\n ]}",
        "{\"orgtrust\": 1,\n \"events\": [\n  {\"t\": 1}\n ],\n \"ties\": [}",
        "{\"orgtrust\": 1,\n \"ties\": [\n  {\"between\": [\"é\", \"ü\"] x}]}",
        "{\"orgtrust\": 1,\n \"events\": [{\"note\": \"caf\xc3\xa9\", \"t\": tru}]}",
        "{\"orgtrust\": 1,\n \"events\": [{\"t\": 1} {\"t\": 2}]}",
        "{\"orgtrust\": 1, \"events\": [{\"t\": 1}, ]}",
        "{\"orgtrust\": 1 \"x\": 2}",
        "{\"orgtrust\": 1}\n  x",
        "{\"orgtrust\": 1, \"events\": [{\"t\": \"\xff\"}]}",
        "{\"orgtrust\": 1, \"events\": [{\"t\": 1, \"t\": 2}]}",
        "{\"orgtrust\": 1, \"events\": [{\"t\": 1e999}]}",
        "{\"orgtrust\": 1, \"events\": [{\"t\": 99999999999999999999999}]}",
        "{\"orgtrust\": 1, \"events\": [\"unterminated}]}",
        "[1, 2]",
        "",
        "   \n  ",
        "{\"orgtrust\": 1, \"events\": [",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        json_error_t err;
        json_t *whole = json_loadb(bad[i], strlen(bad[i]), JSON_REJECT_DUPLICATES, &err);
        ck_assert_msg(whole == NULL || bad[i][0] != '{', "case %zu parses as JSON", i);
        json_decref(whole);
        ot_model *m = NULL;
        ck_status(ot_scenario_load(bad[i], strlen(bad[i]), &m), OT_EFORMAT);
        ck_assert_ptr_null(m);
        char where[64];
        snprintf(where, sizeof where, "line %d, column %d:", err.line, err.column);
        if (bad[i][0] == '{') /* the others are refused before jansson sees them */
            ck_assert_msg(strncmp(ot_last_error(), where, strlen(where)) == 0, "case %zu: \"%s\", jansson says %s %s",
                          i, ot_last_error(), where, err.text);
        else
            ck_msg_has("line ");
    }
    /* NUL bytes anywhere (the fuzzer's first find: the scan must move on) */
    static const char nul[] = "{\"orgtrust\": 1, \"x\": \0, \"events\": [{\"t\": \0}]}";
    ot_model *m = NULL;
    ck_status(ot_scenario_load(nul, sizeof nul - 1, &m), OT_EFORMAT);
    ck_msg_has("line 1, column 22:");
    ck_status(ot_scenario_load(nul + 28, sizeof nul - 29, &m), OT_EFORMAT);
    ck_assert_ptr_null(m);
    sc_fails("[1, 2]", OT_EFORMAT, "line 1, column 1: a scenario is a JSON object");
    sc_fails("", OT_EFORMAT, "line 1, column 0: ");
}
END_TEST

/* ---- limits against hostile input --------------------------------------- */

static char *repeat(const char *head, const char *unit, size_t n, const char *tail)
{
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
    char *s = malloc(hl + ul * n + tl + 1);
    memcpy(s, head, hl);
    for (size_t i = 0; i < n; i++)
        memcpy(s + hl + i * ul, unit, ul);
    memcpy(s + hl + ul * n, tail, tl + 1);
    return s;
}

START_TEST(limits)
{
    /* nesting: 32 levels pass the scanner (and are then refused as a bad
     * note), 33 do not */
    char *s = repeat("{\"orgtrust\": 1, \"description\": ", "[", 31, "");
    char *t = repeat(s, "]", 31, "}");
    sc_fails(t, OT_EFORMAT, "description is a string, not an array");
    free(s);
    free(t);
    s = repeat("{\"orgtrust\": 1, \"description\": ", "[", 32, "");
    t = repeat(s, "]", 32, "}");
    sc_fails(t, OT_ELIMIT, "line 1, column 63: arrays and objects nest deeper than 32 levels");
    free(s);
    free(t);
    /* deeper than jansson's own limit: still a clean refusal */
    sc_fails_repeated("{\"orgtrust\": 1, \"events\": ", "[", 100000, "", OT_ELIMIT, "nest deeper than 32 levels");
    /* strings */
    s = repeat("{\"orgtrust\": 1, \"description\": \"", "x", 65536, "\"}");
    ot_model *m = sc_load(s); /* 65536 bytes between the quotes: the most there may be */
    ot_model_free(m);
    free(s);
    sc_fails_repeated("{\"orgtrust\": 1, \"description\": \"", "x", 65537, "\"}", OT_ELIMIT,
                      "line 1, column 32: a string of more than 65536 bytes");
    /* numbers */
    sc_fails_repeated("{\"orgtrust\": 1, \"description\": ", "1", 257, "}", OT_ELIMIT,
                      "a number or literal longer than 256 bytes");
    /* elements of one array (the events array aside) */
    sc_fails_repeated("{\"orgtrust\": 1, \"description\": [0", ",0", 999999, "]}", OT_EFORMAT,
                      "description is a string, not an array");
    sc_fails_repeated("{\"orgtrust\": 1, \"description\": [0", ",0", 1000000, "]}", OT_ELIMIT,
                      "an array or object with more than 1000000 entries");
    /* ids */
    sc_fails_repeated("{\"orgtrust\": 1, \"organisations\": [{\"id\": \"", "i", 256, "\"}]}", OT_ELIMIT,
                      "organisations[0].id: the id is 256 bytes long; ids are at most 255 bytes");
    /* names: the library's limit, 4096 bytes */
    sc_fails_repeated("{\"orgtrust\": 1, \"organisations\": [{\"id\": \"A\", \"name\": \"", "n", 4097, "\"}]}",
                      OT_ELIMIT, "organisations[0]: ot_org_add: name is longer than 4096 bytes");
    /* the size of the text, checked before anything is read */
    m = NULL;
    ck_status(ot_scenario_load("{}", (size_t)1 << 31, &m), OT_ELIMIT);
    ck_msg_has("scenarios are at most 1073741824 bytes");
    ck_assert_ptr_null(m);
}
END_TEST

START_TEST(arguments_and_files)
{
    ot_model *m = NULL;
    ck_status(ot_scenario_load(NULL, 0, &m), OT_EINVAL);
    ck_status(ot_scenario_load("{}", 2, NULL), OT_EINVAL);
    ck_status(ot_scenario_load_file(NULL, &m), OT_EINVAL);
    ck_status(ot_scenario_load_file("x", NULL), OT_EINVAL);
    ck_status(ot_scenario_load_file("/nonexistent/orgtrust.json", &m), OT_EIO);
    ck_msg_has("\"/nonexistent/orgtrust.json\": cannot open: ");
    ck_status(ot_scenario_load_file("/", &m), OT_EIO);
    ck_msg_has("cannot read");
    ck_assert_ptr_null(m);
    char *j = NULL;
    ck_status(ot_scenario_export(NULL, &j, NULL), OT_EINVAL);
    /* a file's errors carry its path */
    char path[] = "/tmp/ot_scenario_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs("{\"orgtrust\": 1,\n \"organisations\": [{\"id\": 1}]}", f);
    fclose(f);
    ck_status(ot_scenario_load_file(path, &m), OT_EFORMAT);
    ck_msg_has(path);
    ck_msg_has(": organisations[0].id: an id is a string, not a number");
    remove(path);
}
END_TEST

/* ---- export and the round trip ----------------------------------------- */

START_TEST(export_needs_kept_events)
{
    ot_config *c;
    ot_model *m;
    ck_ok(ot_config_new(&c));
    ck_ok(ot_config_set(c, OT_PARAM_KEEP_EVENTS, 0));
    ck_ok(ot_model_new(c, &m));
    ot_config_free(c);
    char *j = (char *)&j;
    ck_status(ot_scenario_export(m, &j, NULL), OT_ENOTSUP);
    ck_msg_has("ot_scenario_export: the model does not keep its events (keep_events = 0)");
    ck_assert_ptr_eq(j, (char *)&j);
    ot_model_free(m);
}
END_TEST

START_TEST(round_trip_of_a_model_built_in_any_order)
{
    /* Structure after timed events, propensity changed after ties exist,
     * tie attributes changed mid-history, superiors changed (also to an
     * actor created later), duplicate and awkward names, a custom config. */
    ot_config *c;
    ck_ok(ot_config_new(&c));
    ck_ok(ot_config_set(c, OT_PARAM_GAIN_RATE, 0.1));
    ck_ok(ot_config_set(c, OT_PARAM_EVIDENCE_HALF_LIFE, INFINITY));
    const char *layers[] = {"werkvloer", "midden", "top", "raad"};
    ck_ok(ot_config_set_layers(c, 4, layers));
    ot_model *m;
    ck_ok(ot_model_new(c, &m));
    ot_config_free(c);
    ot_id g, w, x, roy, roy2, fatima, boss, boss2, late, chef, t1, t2, d;
    ck_ok(ot_org_add(m, "Gemeente", OT_NONE, &g));
    ck_ok(ot_actor_add(m, g, 0, OT_NONE, "Roy", &roy));
    ck_ok(ot_org_add(m, "Water \"schap\"\n\\", OT_NONE, &w));
    ck_ok(ot_actor_add(m, g, 0, OT_NONE, "Roy", &roy2)); /* same name */
    ck_ok(ot_actor_add(m, w, 0, OT_NONE, "Roy#2", &fatima)); /* a name that looks made unique */
    ck_ok(ot_actor_add(m, g, 3, OT_NONE, "Baas \xc3\xa9\xe2\x82\xac", &boss));
    ck_ok(ot_actor_set_propensity(m, roy, 0.7));
    ck_ok(ot_actor_set_superior(m, roy, boss)); /* a later actor: folds? no: boss comes after roy */
    ck_ok(ot_tie_add(m, roy, fatima, &t1));
    ck_ok(ot_tie_set(m, t1, OT_TIE_AFFECT, 0.4));
    ck_ok(ot_actor_set_propensity(m, fatima, 0.2)); /* after her first tie: an event */
    ck_ok(ot_tie_add(m, fatima, roy2, &t2));
    ck_ok(ot_observe(m, roy, fatima, OT_WENT_BEYOND, 2.5, 0.5));
    ck_ok(ot_tie_set(m, t1, OT_TIE_INTENSITY, 3.25)); /* mid-history */
    ck_ok(ot_observe(m, fatima, roy, OT_CONCEALED, 0.0, 1.0)); /* magnitude 0 means 1 */
    ck_ok(ot_org_add(m, "Later BV", g, &x));
    ck_ok(ot_actor_add(m, x, 1, boss, "", &late)); /* empty name */
    ck_ok(ot_actor_add(m, w, 2, OT_NONE, "Dijkgraaf", &boss2));
    ck_ok(ot_actor_add(m, g, 2, OT_NONE, "Chef", &chef));
    ck_ok(ot_actor_set_superior(m, roy2, chef)); /* an actor created later */
    ck_ok(ot_actor_set_propensity(m, late, 0.9));
    ck_ok(ot_tie_add(m, late, fatima, NULL));
    ck_ok(ot_tie_add(m, boss, boss2, NULL));
    ck_ok(ot_disrupt(m, fatima, roy, OT_TASK, 0.3, 1, 2.0, &d));
    ck_ok(ot_consult(m, boss, boss2, late, OT_NONE, 3.0));
    ck_ok(ot_escalate(m, d, OT_UNILATERAL, 4.0, NULL, NULL));
    ck_ok(ot_impose_general_rule(m, g, 5.0));
    ck_ok(ot_actor_set_superior(m, roy, OT_NONE));
    sc_round_trip(m);

    char *j;
    ck_ok(ot_scenario_export(m, &j, NULL));
    /* Names made unique, awkward characters escaped. */
    ck_assert_ptr_nonnull(strstr(j, "{\"id\": \"Roy#2\", \"name\": \"Roy\""));
    ck_assert_ptr_nonnull(strstr(j, "{\"id\": \"Roy#2#2\", \"name\": \"Roy#2\""));
    ck_assert_ptr_nonnull(strstr(j, "\"Water \\\"schap\\\"\\n\\\\\""));
    ck_assert_ptr_nonnull(strstr(j, "\"evidence_half_life\": \"inf\""));
    /* Folded where exact, events where not. */
    ck_assert_ptr_nonnull(strstr(j, "{\"id\": \"Roy\", \"org\": \"Gemeente\", \"layer\": \"werkvloer\", \"propensity\": 0.7}"));
    ck_assert_ptr_nonnull(strstr(j, "{\"set_superior\": \"Roy\", \"superior\": \"Baas"));
    ck_assert_ptr_nonnull(strstr(j, "{\"set_propensity\": \"Roy#2#2\", \"propensity\": 0.2}"));
    ck_assert_ptr_nonnull(strstr(j, "{\"set_tie\": [\"Roy\", \"Roy#2#2\"], \"intensity\": 3.25}"));
    ck_assert_ptr_nonnull(strstr(j, "{\"add_actor\": \"actor\", \"name\": \"\", \"org\": \"Later BV\""));
    ot_free(j);
    ot_model_free(m);
}
END_TEST

START_TEST(round_trip_folds_only_what_is_exact)
{
    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    ot_id g, w, a, b, s, t;
    ck_ok(ot_org_add(m, "G", OT_NONE, &g));
    ck_ok(ot_org_add(m, "W", OT_NONE, &w));
    ck_ok(ot_actor_add(m, g, 1, OT_NONE, "boss", &s));
    ck_ok(ot_actor_add(m, g, 0, OT_NONE, "a", &a));
    ck_ok(ot_actor_add(m, w, 0, OT_NONE, "b", &b));
    ck_ok(ot_actor_set_superior(m, a, s)); /* s before a: folds */
    ck_ok(ot_actor_set_propensity(m, a, 0.1));
    ck_ok(ot_actor_set_propensity(m, a, 0.3)); /* the last one counts */
    ck_ok(ot_tie_add(m, a, b, &t));
    ck_ok(ot_tie_set(m, t, OT_TIE_UNCERTAINTY, 0.1));
    ck_ok(ot_tie_set(m, t, OT_TIE_UNCERTAINTY, 0.2));
    char *j;
    ck_ok(ot_scenario_export(m, &j, NULL));
    ck_assert_ptr_nonnull(strstr(j, "{\"id\": \"a\", \"org\": \"G\", \"layer\": \"operational\", \"superior\": \"boss\", "
                                    "\"propensity\": 0.3}"));
    ck_assert_ptr_nonnull(strstr(j, "{\"between\": [\"a\", \"b\"], \"uncertainty\": 0.2}"));
    ck_assert_ptr_nonnull(strstr(j, "\"events\": []"));
    ot_free(j);
    sc_round_trip(m);
    ot_model_free(m);
    /* an empty model */
    ck_ok(ot_model_new(NULL, &m));
    sc_round_trip(m);
    ot_model_free(m);
}
END_TEST

/* ---- out of memory ------------------------------------------------------- */


START_TEST(allocation_failures_leave_nothing_behind)
{
    /* Fail the k-th allocation, k = 0, 1, 2, ... until loading succeeds:
     * every failure is OT_ENOMEM with no model and (under ASan) no leak. */
    const char *json = TWO " \"events\": [{\"t\": 1, \"observe\": \"delivered\", \"truster\": \"roy\", \"trustee\": "
                           "\"fatima\"}, {\"t\": 2, \"disrupt\": \"task\", \"observer\": \"roy\", \"other\": \"fatima\", "
                           "\"severity\": 0.5, \"id\": \"d\"}, {\"add_org\": \"X\"}]}";
    sc_failing_allocator(1);
    int rc = OT_ENOMEM;
    long k;
    for (k = 0; rc == OT_ENOMEM && k < 10000; k++) {
        sc_budget = k;
        ot_model *m = NULL;
        rc = ot_scenario_load(json, strlen(json), &m);
        sc_budget = -1;
        if (rc == OT_OK) {
            /* and the export, failing likewise */
            int erc = OT_ENOMEM;
            for (long e = 0; erc == OT_ENOMEM; e++) {
                char *j = NULL;
                sc_budget = e;
                erc = ot_scenario_export(m, &j, NULL);
                sc_budget = -1;
                ck_assert_msg(erc == OT_OK || erc == OT_ENOMEM, "export gave %d: %s", erc, ot_last_error());
                ot_free(j);
            }
            ot_model_free(m);
        } else {
            ck_assert_msg(rc == OT_ENOMEM, "allocation %ld: %d %s", k, rc, ot_last_error());
            ck_assert_ptr_null(m);
        }
    }
    ck_ok(rc);
    ck_assert_int_gt(k, 10); /* it did fail a good number of allocations */
    sc_failing_allocator(0);
}
END_TEST

/* ---- texts, dates and lines (1.1) ---- */

/* A scenario whose lines are counted by hand (the number of each line at
 * its end). FATMA is the last event, spread over lines 14 to 17. */
#define LINED(last_event)                                                                                       \
    "{\"orgtrust\": 1,\n"                                                          /* 1 */                       \
    " \"epoch\": \"2025-01-06\",\n"                                               /* 2 */                       \
    " \"description\": \"Roy en Fatima\",\n"                                      /* 3 */                       \
    " \"organisations\": [{\"id\": \"G\"}, {\"id\": \"W\"}],\n"                   /* 4 */                       \
    " \"actors\": [\n"                                                             /* 5 */                       \
    "   {\"id\": \"roy\", \"org\": \"G\", \"note\": \"de ambtenaar\"},\n"         /* 6 */                       \
    "   {\"id\": \"fatima\", \"org\": \"W\"}],\n"                                 /* 7 */                       \
    " \"ties\": [{\"between\": [\"roy\", \"fatima\"]}],\n"                       /* 8 */                       \
    " \"events\": [\n"                                                             /* 9 */                       \
    "   {\"t\": \"2025-01-07\", \"observe\": \"delivered\", \"truster\": \"roy\", \"trustee\": \"fatima\", "        \
    "\"note\": \"de eerste levering\"},\n"                                         /* 10 */                      \
    "   {\"t\": 2, \"disrupt\": \"task\", \"observer\": \"roy\", \"other\": \"fatima\", \"severity\": 0.5, "      \
    "\"id\": \"watertoets-2\"},\n"                                                 /* 11 */                      \
    "   {\"t\": \"2025-01-09T09:30\",\n"                                          /* 12 */                      \
    "    \"repair\": \"watertoets-2\"},\n"                                         /* 13 */                      \
    last_event "\n ]}\n"

#define FATMA                                                                                                  \
    "   {\"t\": 4,\n"                                                              /* 14 */                      \
    "    \"observe\": \"delivered\",\n"                                           /* 15 */                      \
    "    \"truster\": \"roy\",\n"                                                 /* 16 */                      \
    "    \"trustee\": \"fatma\"}"                                                  /* 17 */

START_TEST(messages_give_the_line_and_the_files_ids)
{
    if (!ot_have_jansson())
        return;
    sc_fails(LINED(FATMA), OT_ENOTFOUND, "line 17: events[3].trustee: unknown actor \"fatma\"");
    /* Repairing twice: the library's message by the file's id. */
    sc_fails(LINED("   {\"t\": 5, \"repair\": \"watertoets-2\"}"), OT_ESTATE,
             "line 14: events[3]: ot_repair: disruption \"watertoets-2\" is not open");
    /* A bad entry of a top-level list, and a bad top-level text. */
    static const char lined[] = LINED(FATMA);
    char bad[sizeof lined];
    memcpy(bad, lined, sizeof lined);
    memcpy(strstr(bad, "\"org\": \"W\""), "\"org\": \"Q\"", 10);
    sc_fails(bad, OT_ENOTFOUND, "line 7: actors[1].org: unknown organisation \"Q\"");
    memcpy(bad, lined, sizeof lined);
    memcpy(strstr(bad, "2025-01-06"), "2025-02-30", 10);
    sc_fails(bad, OT_EINVAL, "line 2: epoch: ot_model_set_epoch: date = \"2025-02-30\" is not a day");
    /* A date for a time needs an epoch; one that is no date is refused. */
    sc_fails("{\"orgtrust\": 1, \"organisations\": [{\"id\": \"G\"}],\n \"events\": [{\"t\": \"2025-01-07\", "
             "\"general_rule\": \"G\"}]}",
             OT_EFORMAT, "line 2: events[0].t: a general_rule event has the date \"2025-01-07\" as its time, but "
                         "the scenario has no \"epoch\"");
    sc_fails("{\"orgtrust\": 1, \"epoch\": \"2025-01-06\", \"organisations\": [{\"id\": \"G\"}], \"events\": "
             "[{\"t\": \"7 januari\", \"general_rule\": \"G\"}]}",
             OT_EINVAL, "events[0].t: a general_rule event has the time \"7 januari\", which is neither");
    sc_fails("{\"orgtrust\": 1, \"description\": 3}", OT_EFORMAT, "line 1: description: the description is a "
                                                                  "string, not a number");
}
END_TEST

START_TEST(texts_and_dates_are_kept_and_exported)
{
    if (!ot_have_jansson())
        return;
    ot_model *m = sc_load(LINED("   {\"t\": 5, \"observe\": \"delivered\", \"truster\": \"fatima\", \"trustee\": "
                                "\"roy\", \"note\": \"terug\"}"));
    ck_assert_str_eq(ot_model_description(m), "Roy en Fatima");
    ck_assert_str_eq(ot_model_epoch(m), "2025-01-06");
    ck_assert_str_eq(ot_disruption_label(m, 0), "watertoets-2");
    /* 2025-01-09T09:30 is day 3 + 570/1440 of the epoch 2025-01-06. */
    double t = 0;
    ck_ok(ot_model_time(m, &t));
    ck_near(t, 5.0, 0);
    int status = 0;
    ck_ok(ot_disruption_status(m, 0, &status));
    ck_assert_int_eq(status, OT_RESOLVED_LOCALLY);
    /* Export writes the texts back and numbers for t; loading that gives
     * the same digest and texts (sc_round_trip: and the same export). */
    sc_round_trip(m);
    char *json;
    size_t len;
    ck_ok(ot_scenario_export(m, &json, &len));
    ck_assert_ptr_nonnull(strstr(json, "\"description\": \"Roy en Fatima\""));
    ck_assert_ptr_nonnull(strstr(json, "\"epoch\": \"2025-01-06\""));
    ck_assert_ptr_nonnull(strstr(json, "\"id\": \"watertoets-2\""));
    ck_assert_ptr_nonnull(strstr(json, "\"repair\": \"watertoets-2\""));
    ck_assert_ptr_nonnull(strstr(json, "\"note\": \"de ambtenaar\""));
    ck_assert_ptr_nonnull(strstr(json, "\"note\": \"de eerste levering\""));
    ck_assert_ptr_nonnull(strstr(json, "\"note\": \"terug\""));
    ck_assert_ptr_null(strstr(json, "\"t\": \"2025"));
    ot_model *back = sc_load(json);
    ck_assert_str_eq(ot_model_description(back), "Roy en Fatima");
    ck_assert_str_eq(ot_disruption_label(back, 0), "watertoets-2");
    ot_free(json);
    ot_model_free(back);
    ot_model_free(m);
}
END_TEST

START_TEST(texts_change_no_digest)
{
    if (!ot_have_jansson())
        return;
    /* Files without texts load as before: the same file with and without
     * description, epoch, notes and disruption ids has one digest. */
    static const char *const with =
        "{\"orgtrust\": 1, \"description\": \"x\", \"epoch\": \"2025-01-06\", \"organisations\": [{\"id\": \"G\", "
        "\"note\": \"n\"}, {\"id\": \"W\"}], \"actors\": [{\"id\": \"roy\", \"org\": \"G\"}, {\"id\": \"fatima\", "
        "\"org\": \"W\"}], \"ties\": [{\"between\": [\"roy\", \"fatima\"]}], \"events\": [{\"t\": \"2025-01-08\", "
        "\"disrupt\": \"task\", \"observer\": \"roy\", \"other\": \"fatima\", \"severity\": 0.5, \"id\": \"w\", "
        "\"note\": \"n\"}]}";
    static const char *const without =
        "{\"orgtrust\": 1, \"organisations\": [{\"id\": \"G\"}, {\"id\": \"W\"}], \"actors\": [{\"id\": \"roy\", "
        "\"org\": \"G\"}, {\"id\": \"fatima\", \"org\": \"W\"}], \"ties\": [{\"between\": [\"roy\", \"fatima\"]}], "
        "\"events\": [{\"t\": 2, \"disrupt\": \"task\", \"observer\": \"roy\", \"other\": \"fatima\", "
        "\"severity\": 0.5}]}";
    ot_model *a = sc_load(with), *b = sc_load(without);
    ck_assert_uint_eq(sc_digest(a), sc_digest(b));
    ck_assert_ptr_null(ot_model_description(b));
    ck_assert_ptr_null(ot_disruption_label(b, 0));
    ot_model_free(a);
    ot_model_free(b);
}
END_TEST

Suite *scenario_suite(void)
{
    Suite *s = suite_create("scenario");
    TCase *keys = tcase_create("keys");
    tcase_add_test(keys, structure_keys_match_the_api);
    tcase_add_test(keys, propensity_name_default_and_notes);
    tcase_add_test(keys, config_keys_match_the_api);
    tcase_add_test(keys, files_without_model_are_model_1);
    tcase_add_test(keys, event_keys_match_the_api);
    tcase_add_test(keys, structural_event_keys_match_the_api);
    suite_add_tcase(s, keys);
    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, unknown_references_name_the_place);
    tcase_add_test(errors, duplicates_are_refused);
    tcase_add_test(errors, library_checks_come_with_the_place);
    tcase_add_test(errors, bad_values_name_key_and_value);
    tcase_add_test(errors, shape_errors);
    tcase_add_test(errors, events_key_spelt_with_escapes);
    tcase_add_test(errors, syntax_errors_give_line_and_column);
    tcase_add_test(errors, limits);
    tcase_add_test(errors, arguments_and_files);
    tcase_add_test(errors, messages_give_the_line_and_the_files_ids);
    tcase_set_timeout(errors, 60);
    suite_add_tcase(s, errors);
    TCase *rt = tcase_create("export");
    tcase_add_test(rt, export_needs_kept_events);
    tcase_add_test(rt, round_trip_of_a_model_built_in_any_order);
    tcase_add_test(rt, lifecycle_and_ladder_keys_match_the_api);
    tcase_add_test(rt, bad_lifecycle_events_name_the_place);
    tcase_add_test(rt, round_trip_folds_only_what_is_exact);
    tcase_add_test(rt, texts_and_dates_are_kept_and_exported);
    tcase_add_test(rt, texts_change_no_digest);
    tcase_add_test(rt, allocation_failures_leave_nothing_behind);
    tcase_set_timeout(rt, 60);
    suite_add_tcase(s, rt);
    return s;
}

int main(void) { return ot_run_suite(scenario_suite()); }
