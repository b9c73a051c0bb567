/* lib/report.c: the state report's keys (docs/report.md) and values worked
 * out by hand. */
#include "scenario_util.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static json_t *report_of(const ot_model *m)
{
    char *text;
    size_t len;
    ck_ok(ot_report_json(m, &text, &len));
    ck_assert_uint_eq(strlen(text), len);
    json_error_t err;
    json_t *r = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
    ck_assert_msg(r != NULL, "the report is not JSON: %s\n%s", err.text, text);
    ot_free(text);
    return r;
}

/* The object has exactly these keys (a NULL-terminated list). */
static void keys_are(const json_t *o, const char *what, const char *const *keys)
{
    ck_assert_msg(json_is_object(o), "%s is not an object", what);
    size_t n = 0;
    for (; keys[n]; n++)
        ck_assert_msg(json_object_get(o, keys[n]) != NULL, "%s lacks \"%s\"", what, keys[n]);
    ck_assert_msg(json_object_size(o) == n, "%s has %zu keys, the documentation %zu", what, json_object_size(o), n);
}

#define KEYS(...) ((const char *const[]){__VA_ARGS__, NULL})

START_TEST(every_documented_key)
{
    ot_model *m = sc_load_source("examples/scenarios/gemeente-waterschap.json");
    json_t *r = report_of(m);
    /* The example has a description and an epoch (1.1): their keys and
     * the dates beside the days. */
    keys_are(r, "report", KEYS("orgtrust_report", "description", "epoch", "time", "date", "counts", "layers", "organisations", "actors",
                               "organisation_pairs", "ties", "bridge", "open_disruptions"));
    ck_assert_int_eq(json_integer_value(json_object_get(r, "orgtrust_report")), 1);
    ck_near(json_number_value(json_object_get(r, "time")), 400.0, 0.0);
    keys_are(json_object_get(r, "counts"), "counts",
             KEYS("organisations", "actors", "ties", "disruptions", "open_disruptions", "events", "ended_ties",
                  "departed_actors"));
    keys_are(json_array_get(json_object_get(r, "organisations"), 1), "organisation", KEYS("id", "name", "parent"));
    keys_are(json_array_get(json_object_get(r, "actors"), 0), "actor",
             KEYS("id", "name", "organisation", "layer", "superior", "standing", "active"));
    json_t *pair = json_array_get(json_object_get(r, "organisation_pairs"), 0);
    keys_are(pair, "organisation pair", KEYS("a", "b", "reputation", "backing", "layer_trust", "hazards"));
    keys_are(json_object_get(pair, "reputation"), "reputation", KEYS("a_to_b", "b_to_a"));
    keys_are(json_object_get(pair, "backing"), "backing", KEYS("a_to_b", "b_to_a"));
    keys_are(json_array_get(json_object_get(pair, "layer_trust"), 0), "layer trust", KEYS("layer", "trust"));
    ck_assert_uint_eq(json_array_size(json_object_get(pair, "layer_trust")), 3);
    keys_are(json_array_get(json_object_get(pair, "hazards"), 0), "hazard",
             KEYS("between", "higher", "compromised_up_to_layer"));
    json_t *ties = json_object_get(r, "ties");
    keys_are(ties, "ties", KEYS("horizontal", "diagonal", "vertical", "internal"));
    json_t *tie = json_array_get(json_object_get(ties, "horizontal"), 0);
    keys_are(tie, "tie", KEYS("between", "layer", "intensity", "affect", "uncertainty", "directions",
                              "cooperation_basis", "cooperation_basis_plain", "damping", "open_disruptions", "active"));
    keys_are(json_array_get(json_object_get(tie, "directions"), 0), "direction",
             KEYS("truster", "trustee", "trust", "trustworthiness", "effective_trust", "limit", "limit_plain", "dark_side", "scar",
                  "deception_scar", "ceiling"));
    json_t *d = json_array_get(json_object_get(r, "open_disruptions"), 0);
    keys_are(d, "open disruption", KEYS("id", "observer", "other", "kind", "kind_plain", "severity", "separated",
                                        "opened", "opened_date", "surfaced", "escalation_failed", "response",
                                        "response_plain", "revealed", "revealed_plain", "trust_before", "trust_now",
                                        "freshness", "level", "handlers", "level_since", "level_since_date", "due",
                                        "due_date", "overdue", "next_action", "next_action_plain", "refer_to",
                                        "escalation_path", "recommended_step", "advice"));
    /* The disruption by its file id; day 365 of the epoch 2025-01-06 is
     * 2026-01-06 (2025 has 365 days), day 400 35 days later: 2026-02-10. */
    ck_assert_str_eq(json_string_value(json_object_get(d, "id")), "watertoets-2");
    ck_assert_str_eq(json_string_value(json_object_get(d, "opened_date")), "2026-01-06");
    ck_assert_str_eq(json_string_value(json_object_get(r, "date")), "2026-02-10");
    keys_are(json_array_get(json_object_get(d, "escalation_path"), 0), "step",
             KEYS("step", "layer", "x", "y", "status", "status_plain", "reason", "reason_plain", "text"));
    /* the second disruption (d1, the file's "watertoets-2") is the open
     * one, seen from Fatima */
    ck_assert_str_eq(json_string_value(json_object_get(d, "observer")), "Fatima");
    ck_assert_str_eq(json_string_value(json_object_get(d, "advice")),
                     "escalate jointly to step 2 (administrative): Dijkgraaf and Wethouder");
    json_decref(r);
    ot_model_free(m);
}
END_TEST

/* Roy and Ann of the gemeente work with Fatima of the waterschap; Roy
 * trusts her far more than Ann does. */
static ot_model *bridge_model(void)
{
    ot_model *m;
    ot_id g, w, roy, ann, fatima;
    ck_ok(ot_model_new(NULL, &m));
    ck_ok(ot_org_add(m, "G", OT_NONE, &g));
    ck_ok(ot_org_add(m, "W", OT_NONE, &w));
    ck_ok(ot_actor_add(m, g, 0, OT_NONE, "Roy", &roy));
    ck_ok(ot_actor_add(m, g, 0, OT_NONE, "Ann", &ann));
    ck_ok(ot_actor_add(m, w, 0, OT_NONE, "Fatima", &fatima));
    ck_ok(ot_actor_set_propensity(m, roy, 0.9));
    ck_ok(ot_actor_set_propensity(m, ann, 0.3));
    ck_ok(ot_tie_add(m, roy, fatima, NULL));
    ck_ok(ot_tie_add(m, ann, fatima, NULL));
    return m;
}

START_TEST(values_worked_out_by_hand)
{
    ot_model *m = bridge_model();
    json_t *r = report_of(m);
    ck_assert(json_is_null(json_object_get(r, "time"))); /* no event yet */
    json_t *pair = json_array_get(json_object_get(r, "organisation_pairs"), 0);
    /* rep(G -> W) = (0.9 + 0.3) / 2 = 0.6; rep(W -> G) = Fatima's 0.5 twice */
    ck_near(json_number_value(json_object_get(json_object_get(pair, "reputation"), "a_to_b")), 0.6, 1e-15);
    ck_near(json_number_value(json_object_get(json_object_get(pair, "reputation"), "b_to_a")), 0.5, 1e-15);
    /* nobody on a layer >= 1: backing is the prior 0.5 both ways */
    ck_near(json_number_value(json_object_get(json_object_get(pair, "backing"), "a_to_b")), 0.5, 0.0);
    /* operational layer trust: the mean of 0.9, 0.5, 0.3, 0.5 = 0.55 */
    json_t *lt = json_array_get(json_object_get(pair, "layer_trust"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(lt, "layer")), "operational");
    ck_near(json_number_value(json_object_get(lt, "trust")), 0.55, 1e-15);
    /* Roy: own 0.9, his colleagues' rep(G \ Roy -> W) = Ann's 0.3: gap 0.6
     * >= 0.25, on the bridge; no internal tie, standing = prior 0.5. Ann's
     * gap is 0.3 - 0.9 < 0. */
    json_t *bridge = json_object_get(r, "bridge");
    ck_assert_uint_eq(json_array_size(bridge), 1);
    json_t *b = json_array_get(bridge, 0);
    keys_are(b, "bridge entry", KEYS("actor", "organisation", "gap", "standing"));
    ck_assert_str_eq(json_string_value(json_object_get(b, "actor")), "Roy");
    ck_assert_str_eq(json_string_value(json_object_get(b, "organisation")), "W");
    ck_near(json_number_value(json_object_get(b, "gap")), 0.6, 1e-15);
    /* Effective trust: Roy -> Fatima = min(0.9, rep(G \ Roy -> W) = 0.3,
     * backing(W -> G) = 0.5) = 0.3, limited by reputation; Ann -> Fatima =
     * min(0.3, 0.9, 0.5) = 0.3 by the person. */
    json_t *tie = json_array_get(json_object_get(json_object_get(r, "ties"), "horizontal"), 0);
    json_t *dir = json_array_get(json_object_get(tie, "directions"), 0);
    ck_near(json_number_value(json_object_get(dir, "effective_trust")), 0.3, 1e-15);
    ck_assert_str_eq(json_string_value(json_object_get(dir, "limit")), "reputation");
    tie = json_array_get(json_object_get(json_object_get(r, "ties"), "horizontal"), 1);
    dir = json_array_get(json_object_get(tie, "directions"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(dir, "limit")), "person");
    /* Ann -- Fatima: required trust 0.2 + 0.6 * 0.5 = 0.5; Ann's 0.3 falls
     * short and with no evidence TW = 0.5 < 0.6: at risk (the weaker side) */
    ck_assert_str_eq(json_string_value(json_object_get(tie, "cooperation_basis")), "at_risk");
    json_decref(r);
    ot_model_free(m);
}
END_TEST

START_TEST(disruptions_without_a_healthy_step_and_internal_ones)
{
    ot_model *m = bridge_model();
    ot_id g = 0, roy = 0, ann = 1, fatima = 2, boss, d;
    ck_ok(ot_actor_add(m, g, 1, OT_NONE, "Baas", &boss));
    ck_ok(ot_tie_add(m, roy, ann, NULL));
    ck_ok(ot_disrupt(m, roy, fatima, OT_TASK, 0.5, 0, 10.0, &d));
    ck_ok(ot_disrupt(m, ann, roy, OT_RELATIONAL, 0.5, 0, 11.0, &d));
    json_t *r = report_of(m);
    json_t *open = json_object_get(r, "open_disruptions");
    ck_assert_uint_eq(json_array_size(open), 2);
    /* Roy has no superior: step 1 (managerial) has nobody on his side */
    json_t *x = json_array_get(open, 0);
    json_t *s = json_array_get(json_object_get(x, "escalation_path"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(s, "status")), "no_superior");
    ck_assert(json_is_null(json_object_get(s, "x")));
    ck_assert(json_is_null(json_object_get(x, "recommended_step")));
    ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(x, "advice")), "no step is healthy"));
    /* freshness at t = 11 for a disruption of t = 10: 2^(-1/30) */
    ck_near(json_number_value(json_object_get(x, "freshness")), exp2(-1.0 / 30.0), 1e-15);
    /* T_before 0.9; now 0.9 * 0.75^(2 * 0.5) = 0.675 */
    ck_near(json_number_value(json_object_get(x, "trust_now")), 0.675, 1e-15);
    /* colleagues: no escalation path, advice to handle it inside */
    x = json_array_get(open, 1);
    ck_assert(json_is_null(json_object_get(x, "escalation_path")));
    ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(x, "advice")), "an internal matter"));
    ck_assert_uint_eq(json_array_size(json_object_get(json_object_get(r, "ties"), "internal")), 1);
    json_decref(r);
    ot_model_free(m);
}
END_TEST

/* Fatima denies the breach Roy experienced, later shown false (a lie):
 * the report shows the answer, the truth and the scars. Roy's direction:
 * from 0.9 the disruption (magnitude 1, the first evidence: u = 1) left
 * 0.675 and the scar 0.5, so the ceiling 0.5 is below T and the denial
 * lifted nothing; the lie (magnitude 1, u = 2/3 before it) left
 * 0.675 * 0.75, the scar 1 - 0.5 * 2/3 = 2/3 and the deception scar 0.25:
 * ceiling 1/3 * 0.75 = 0.25. */
START_TEST(answers_truth_and_scars)
{
    ot_model *m = bridge_model();
    ot_id d;
    ck_ok(ot_disrupt(m, 0, 2, OT_RELATIONAL, 0.5, 0, 1.0, &d));
    ck_ok(ot_respond(m, d, OT_RESPONSE_DENIAL, 1.0));
    ck_ok(ot_reveal(m, d, 1, 1.0));
    json_t *r = report_of(m);
    json_t *od = json_array_get(json_object_get(r, "open_disruptions"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(od, "response")), "denial");
    ck_assert_str_eq(json_string_value(json_object_get(od, "revealed")), "guilty");
    ck_near(json_real_value(json_object_get(od, "trust_now")), 0.675 * 0.75, 1e-12);
    json_t *tie = json_array_get(json_object_get(json_object_get(r, "ties"), "horizontal"), 0);
    json_t *dir = json_array_get(json_object_get(tie, "directions"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(dir, "truster")), "Roy");
    ck_near(json_real_value(json_object_get(dir, "scar")), 2.0 / 3.0, 1e-12);
    ck_near(json_real_value(json_object_get(dir, "deception_scar")), 0.25, 1e-12);
    ck_near(json_real_value(json_object_get(dir, "ceiling")), 0.25, 1e-12);
    json_decref(r);
    ot_model_free(m);
}
END_TEST

START_TEST(names_are_escaped_and_made_unique)
{
    ot_model *m;
    ot_id g;
    ck_ok(ot_model_new(NULL, &m));
    ck_ok(ot_org_add(m, "G \"de\" gemeente\n", OT_NONE, &g));
    ck_ok(ot_actor_add(m, g, 0, OT_NONE, "Roy", NULL));
    ck_ok(ot_actor_add(m, g, 0, OT_NONE, "Roy", NULL));
    json_t *r = report_of(m);
    json_t *actors = json_object_get(r, "actors");
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(actors, 1), "id")), "Roy#2");
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(actors, 1), "name")), "Roy");
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(json_object_get(r, "organisations"), 0), "name")),
                     "G \"de\" gemeente\n");
    json_decref(r);
    ot_model_free(m);
}
END_TEST

/* People who left, ties that ended, and where each open disruption stands
 * on the ladder (timeboxes 5, 10, 20 days). */
START_TEST(lifecycle_and_ladder_in_the_report)
{
    ot_model *m = sc_load(
        "{\"orgtrust\": 1, \"organisations\": [{\"id\": \"G\"}, {\"id\": \"W\"}],\n"
        " \"actors\": [{\"id\": \"weth\", \"org\": \"G\", \"layer\": 2}, {\"id\": \"dijk\", \"org\": \"W\", \"layer\": 2},\n"
        "   {\"id\": \"mg\", \"org\": \"G\", \"layer\": 1, \"superior\": \"weth\"},\n"
        "   {\"id\": \"mw\", \"org\": \"W\", \"layer\": 1, \"superior\": \"dijk\"},\n"
        "   {\"id\": \"roy\", \"org\": \"G\", \"superior\": \"mg\"}, {\"id\": \"fatima\", \"org\": \"W\", \"superior\": \"mw\"},\n"
        "   {\"id\": \"bram\", \"org\": \"W\", \"superior\": \"mw\"}],\n"
        " \"ties\": [{\"between\": [\"roy\", \"fatima\"]}, {\"between\": [\"mg\", \"mw\"]},\n"
        "   {\"between\": [\"weth\", \"dijk\"]}, {\"between\": [\"roy\", \"bram\"]}],\n"
        " \"events\": [\n"
        "  {\"t\": 10, \"disrupt\": \"task\", \"observer\": \"roy\", \"other\": \"fatima\", \"severity\": 0.5, \"id\": \"d0\"},\n"
        "  {\"t\": 11, \"disrupt\": \"task\", \"observer\": \"roy\", \"other\": \"bram\", \"severity\": 0.5, \"id\": \"d1\"},\n"
        "  {\"t\": 12, \"refer\": \"d1\"},\n"
        "  {\"t\": 13, \"leave\": \"fatima\"},\n"
        "  {\"t\": 16, \"advance\": true}]}");
    json_t *r = report_of(m);
    json_t *c = json_object_get(r, "counts");
    ck_assert_int_eq(json_integer_value(json_object_get(c, "ended_ties")), 1);
    ck_assert_int_eq(json_integer_value(json_object_get(c, "departed_actors")), 1);
    ck_assert(json_is_false(json_object_get(json_array_get(json_object_get(r, "actors"), 5), "active")));
    ck_assert(json_is_true(json_object_get(json_array_get(json_object_get(r, "actors"), 4), "active")));
    json_t *h = json_object_get(json_object_get(r, "ties"), "horizontal");
    ck_assert(json_is_false(json_object_get(json_array_get(h, 0), "active"))); /* Roy -- Fatima */
    /* d0 was withdrawn with Fatima's tie; d1 is with the managers since day
     * 12, due 12 + 10 = 22, not overdue on day 16: resolve it there. */
    json_t *open = json_object_get(r, "open_disruptions");
    ck_assert_uint_eq(json_array_size(open), 1);
    json_t *d = json_array_get(open, 0);
    ck_assert_str_eq(json_string_value(json_object_get(d, "id")), "d1");
    ck_assert_str_eq(json_string_value(json_object_get(d, "level")), "managerial");
    ck_assert_str_eq(json_string_value(json_array_get(json_object_get(d, "handlers"), 0)), "mg");
    ck_assert_str_eq(json_string_value(json_array_get(json_object_get(d, "handlers"), 1)), "mw");
    ck_near(json_number_value(json_object_get(d, "level_since")), 12.0, 0.0);
    ck_near(json_number_value(json_object_get(d, "due")), 22.0, 0.0);
    ck_assert(json_is_false(json_object_get(d, "overdue")));
    ck_assert_str_eq(json_string_value(json_object_get(d, "next_action")), "resolve");
    ck_assert(json_is_null(json_object_get(d, "refer_to")));
    json_decref(r);
    /* Past the managers' timebox: overdue, refer to the top. */
    ck_ok(ot_advance(m, 23.0));
    r = report_of(m);
    d = json_array_get(json_object_get(r, "open_disruptions"), 0);
    ck_assert(json_is_true(json_object_get(d, "overdue")));
    ck_assert_str_eq(json_string_value(json_object_get(d, "next_action")), "refer");
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(d, "refer_to"), "layer")), "administrative");
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(d, "refer_to"), "x")), "weth");
    json_decref(r);
    ot_model_free(m);
}
END_TEST

START_TEST(arguments)
{
    char *j = NULL;
    ck_status(ot_report_json(NULL, &j, NULL), OT_EINVAL);
    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    ck_status(ot_report_json(m, NULL, NULL), OT_EINVAL);
    ck_ok(ot_report_json(m, &j, NULL)); /* len may be NULL */
    ot_free(j);
    ot_model_free(m);
}
END_TEST


START_TEST(allocation_failures)
{
    ot_model *m = sc_load_source("examples/scenarios/gemeente-waterschap.json");
    ot_model_free(m);
    sc_failing_allocator(1);
    m = NULL;
    sc_budget = -1;
    ck_ok(ot_scenario_load_file(OT_SOURCE_DIR "/examples/scenarios/gemeente-waterschap.json", &m));
    for (int which = 0; which < 2; which++) {
        int rc = OT_ENOMEM;
        for (long k = 0; rc == OT_ENOMEM; k++) {
            char *text = NULL;
            sc_budget = k;
            rc = which ? ot_export_dot(m, &text, NULL) : ot_report_json(m, &text, NULL);
            sc_budget = -1;
            ck_assert_msg(rc == OT_OK || (rc == OT_ENOMEM && text == NULL), "%d: %s", rc, ot_last_error());
            ot_free(text);
        }
    }
    ot_model_free(m);
    sc_failing_allocator(0);
}
END_TEST

Suite *report_suite(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("report");
    tcase_add_test(tc, every_documented_key);
    tcase_add_test(tc, values_worked_out_by_hand);
    tcase_add_test(tc, disruptions_without_a_healthy_step_and_internal_ones);
    tcase_add_test(tc, answers_truth_and_scars);
    tcase_add_test(tc, names_are_escaped_and_made_unique);
    tcase_add_test(tc, lifecycle_and_ladder_in_the_report);
    tcase_add_test(tc, arguments);
    tcase_add_test(tc, allocation_failures);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return ot_run_suite(report_suite()); }
