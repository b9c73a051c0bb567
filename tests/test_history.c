/* lib/history.c: the history of a model (docs/history.md). The JSON is
 * read back with jansson; every number checked is worked out from the
 * formulas of docs/model.md in the comment beside it. */
#include "world.h"

#include <jansson.h>
#include <string.h>

/* The seed story in small: Roy (gemeente, operational) and Fatima
 * (waterschap, operational), their wethouder and dijkgraaf above them. */
enum { GEM, WAT };
enum { WETH, ROY, DIJK, FATIMA };

static ot_model *small_story(double leaders_trust)
{
    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    mk_org(m, "Gemeente", OT_NONE);
    mk_org(m, "Waterschap", OT_NONE);
    mk_actor(m, GEM, 2, OT_NONE, "de wethouder");
    mk_actor(m, GEM, 0, WETH, "Roy");
    mk_actor(m, WAT, 2, OT_NONE, "de dijkgraaf");
    mk_actor(m, WAT, 0, DIJK, "Fatima");
    ck_ok(ot_tie_add(m, ROY, FATIMA, NULL));
    mk_tie(m, WETH, DIJK, leaders_trust, leaders_trust);
    ck_ok(ot_actor_set_propensity(m, WETH, 0.5));
    ck_ok(ot_tie_add(m, ROY, WETH, NULL));
    return m; /* 12 calls */
}

static json_t *history_of(const ot_model *m)
{
    char *s;
    size_t n;
    ck_ok(ot_history_json(m, &s, &n));
    ck_assert_uint_eq(strlen(s), n);
    json_error_t err;
    json_t *j = json_loads(s, 0, &err);
    ck_assert_msg(j != NULL, "not JSON: %s (line %d)", err.text, err.line);
    ot_free(s);
    ck_assert_int_eq(json_integer_value(json_object_get(j, "orgtrust_history")), 1);
    return j;
}

static json_t *event(json_t *h, size_t i) { return json_array_get(json_object_get(h, "events"), i); }

static double num(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    ck_assert_msg(json_is_number(v), "key %s is not a number", key);
    return json_number_value(v);
}

static const char *text(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    ck_assert_msg(json_is_string(v), "key %s is not a string", key);
    return json_string_value(v);
}

/* The name of the actor under o[key]. */
static const char *name_at(json_t *o, const char *key) { return text(json_object_get(o, key), "name"); }

START_TEST(every_event_in_order_with_its_time_and_kind)
{
    ot_model *m = small_story(0.5);
    ck_ok(ot_observe(m, ROY, FATIMA, OT_AGREEMENT_KEPT, 0, 1));
    mk_actor(m, WAT, 1, DIJK, "Kees");
    ck_ok(ot_observe(m, FATIMA, ROY, OT_DELIVERED, 2, 5));
    json_t *h = history_of(m);
    json_t *ev = json_object_get(h, "events");
    ck_assert_uint_eq(json_array_size(ev), 15);
    static const char *const kinds[15] = {"add_org", "add_org", "add_actor", "add_actor", "add_actor", "add_actor",
                                          "add_tie", "set_propensity", "set_propensity", "add_tie",
                                          "set_propensity", "add_tie", "observe", "add_actor", "observe"};
    for (size_t i = 0; i < 15; i++) {
        ck_assert_int_eq(json_integer_value(json_object_get(event(h, i), "seq")), (json_int_t)i + 1);
        ck_assert_str_eq(text(event(h, i), "kind"), kinds[i]);
    }
    /* Structure made before any event has no time yet; Kees joined at
     * the model's time then, day 1. */
    ck_assert(json_is_null(json_object_get(event(h, 0), "t")));
    ck_assert(num(event(h, 12), "t") == 1);
    ck_assert(num(event(h, 13), "t") == 1);
    ck_assert(num(event(h, 14), "t") == 5);
    /* Who: names and ids; what: the observation kind and its magnitude. */
    json_t *who = json_object_get(event(h, 14), "who");
    ck_assert_str_eq(name_at(who, "truster"), "Fatima");
    ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(who, "trustee"), "id")), ROY);
    ck_assert_str_eq(text(event(h, 14), "observation"), "delivered");
    ck_assert(num(event(h, 14), "magnitude") == 2);
    ck_assert(num(event(h, 12), "magnitude") == 1); /* 0 means 1 */
    who = json_object_get(event(h, 13), "who");
    ck_assert_str_eq(name_at(who, "actor"), "Kees");
    ck_assert_str_eq(name_at(who, "superior"), "de dijkgraaf");
    ck_assert_str_eq(text(json_object_get(event(h, 13), "layer"), "name"), "managerial");
    json_decref(h);
    ot_model_free(m);
}
END_TEST

/* The entry of the direction truster -> trustee in an event's "trust". */
static json_t *moved(json_t *ev, const char *truster, const char *trustee)
{
    json_t *list = json_object_get(ev, "trust");
    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *d = json_array_get(list, i);
        if (!strcmp(name_at(d, "truster"), truster) && !strcmp(name_at(d, "trustee"), trustee))
            return d;
    }
    return NULL;
}

START_TEST(trust_before_and_after_for_every_direction_moved)
{
    ot_model *m = small_story(0.5);
    ck_ok(ot_observe(m, ROY, FATIMA, OT_AGREEMENT_KEPT, 0, 1));
    ck_ok(ot_impose_general_rule(m, GEM, 2));
    ck_ok(ot_consult(m, WETH, DIJK, OT_NONE, OT_NONE, 3));
    json_t *h = history_of(m);
    /* A new tie: both directions start at their trusters' propensities. */
    json_t *d = moved(event(h, 6), "Roy", "Fatima");
    ck_assert(d && json_is_null(json_object_get(d, "before")) && num(d, "after") == 0.5);
    /* The kept agreement: 0.5 -> 0.5 + 0.05 * 0.5 = 0.525 (the layer-2
     * climate 0.5 gives D = 1); nothing else moved. */
    json_t *ev = event(h, 12);
    ck_assert_uint_eq(json_array_size(json_object_get(ev, "trust")), 1);
    d = moved(ev, "Roy", "Fatima");
    ck_assert(num(d, "before") == 0.5);
    ck_near(num(d, "after"), 0.525, 1e-15);
    /* The general rule: Roy, tied to his own superior, records negative
     * benevolence of magnitude 0.5 about him: 0.5 * 0.75^0.5. */
    d = moved(event(h, 13), "Roy", "de wethouder");
    ck_assert(num(d, "before") == 0.5);
    ck_near(num(d, "after"), 0.5 * sqrt(0.75), 1e-15);
    /* Consultation moves both directions of the leaders' tie: positive
     * benevolence of magnitude 0.5, with D = 1 as no layer is above
     * theirs: 0.5 + (1 - 0.95^0.5) * 0.5. */
    ev = event(h, 14);
    ck_assert_uint_eq(json_array_size(json_object_get(ev, "trust")), 2);
    ck_near(num(moved(ev, "de wethouder", "de dijkgraaf"), "after"), 0.5 + (1 - sqrt(0.95)) * 0.5, 1e-15);
    ck_near(num(moved(ev, "de dijkgraaf", "de wethouder"), "after"), 0.5 + (1 - sqrt(0.95)) * 0.5, 1e-15);
    json_decref(h);
    ot_model_free(m);
}
END_TEST

static json_t *first_disruption(json_t *ev) { return json_array_get(json_object_get(ev, "disruptions"), 0); }

START_TEST(a_disruption_opened_surfaced_and_repaired)
{
    ot_model *m = small_story(0.5);
    ot_id d;
    ck_ok(ot_disrupt(m, FATIMA, ROY, OT_RELATIONAL, 0.5, 0, 10, &d));
    ck_ok(ot_consult(m, WETH, DIJK, ROY, OT_NONE, 11));
    ck_ok(ot_repair(m, d, 13));
    json_t *h = history_of(m);
    /* Opened: Fatima's trust in Roy takes integrity evidence of magnitude
     * 2 * 0.5 = 1: 0.5 * (1 - 0.25) = 0.375. */
    json_t *ev = event(h, 12), *x = first_disruption(ev);
    ck_assert_str_eq(text(ev, "kind"), "disrupt");
    ck_assert(json_is_true(json_object_get(x, "opened")));
    ck_assert_str_eq(text(x, "status"), "open");
    ck_assert_str_eq(text(x, "kind"), "relational");
    ck_assert(num(x, "trust_before") == 0.5);
    ck_assert(num(x, "severity") == 0.5);
    ck_assert(num(moved(ev, "Fatima", "Roy"), "after") == 0.375);
    /* The consultation's liaison surfaced it on day 11. */
    x = first_disruption(event(h, 13));
    ck_assert(json_is_true(json_object_get(x, "surfaced")));
    ck_assert_str_eq(text(x, "status"), "open");
    /* Repaired on day 13, known since day 11: fresh = 2^(-1/30), and
     * T = 0.375 + 0.6 * fresh * (0.5 - 0.375). */
    ev = event(h, 14);
    x = first_disruption(ev);
    ck_assert_str_eq(text(x, "status_before"), "open");
    ck_assert_str_eq(text(x, "status"), "resolved_locally");
    ck_near(num(moved(ev, "Fatima", "Roy"), "after"), 0.375 + 0.6 * exp2(-1.0 / 30) * 0.125, 1e-15);
    json_decref(h);
    ot_model_free(m);
}
END_TEST

START_TEST(a_failed_escalation_says_why)
{
    /* The leaders trust each other 0.5: below the threshold 0.6. */
    ot_model *m = small_story(0.5);
    ot_id d;
    int resolved;
    unsigned layer;
    ck_ok(ot_disrupt(m, FATIMA, ROY, OT_TASK, 0.5, 0, 10, &d));
    ck_ok(ot_escalate(m, d, OT_JOINT, 12, &resolved, &layer));
    ck_assert_int_eq(resolved, 0);
    json_t *h = history_of(m), *ev = event(h, 13);
    json_t *esc = json_object_get(ev, "escalation");
    ck_assert_str_eq(text(esc, "outcome"), "failed");
    ck_assert(num(esc, "threshold") == 0.6);
    json_t *path = json_object_get(esc, "path");
    /* One step (layers 1 and 2 have the same candidates): the wethouder
     * and the dijkgraaf, 0.5 both ways. */
    ck_assert_uint_eq(json_array_size(path), 1);
    json_t *s = json_array_get(path, 0);
    ck_assert_str_eq(text(s, "status"), "unhealthy");
    ck_assert_str_eq(name_at(s, "x"), "de dijkgraaf"); /* the observer's side first */
    ck_assert(num(s, "trust_xy") == 0.5 && num(s, "trust_yx") == 0.5);
    ck_assert_msg(strstr(text(esc, "why"), "unhealthy (min(0.5, 0.5) < 0.6)"), "%s", text(esc, "why"));
    ck_assert(json_is_true(json_object_get(first_disruption(ev), "escalation_failed")));
    /* The trouble spills down: both directions of Roy and Fatima's tie
     * take integrity evidence of magnitude 0.5. */
    ck_assert_uint_eq(json_array_size(json_object_get(ev, "trust")), 2);
    json_decref(h);
    ot_model_free(m);
}
END_TEST

START_TEST(a_successful_escalation_names_its_level)
{
    ot_model *m = small_story(0.8);
    ot_id d;
    int resolved;
    unsigned layer;
    ck_ok(ot_disrupt(m, FATIMA, ROY, OT_TASK, 0.5, 0, 10, &d));
    ck_ok(ot_escalate(m, d, OT_JOINT, 12, &resolved, &layer));
    ck_assert_int_eq(resolved, 1);
    json_t *h = history_of(m), *ev = event(h, 13);
    json_t *esc = json_object_get(ev, "escalation");
    ck_assert_str_eq(text(esc, "outcome"), "resolved");
    ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(esc, "level"), "layer")), (json_int_t)layer);
    ck_assert(json_object_get(esc, "why") == NULL);
    json_t *x = first_disruption(ev);
    ck_assert_str_eq(text(x, "status"), "resolved_by_escalation");
    /* Fatima's trust in Roy after the TASK disruption of magnitude 1:
     * 0.5 * 0.75 = 0.375; restored by f_esc * fresh * h of the gap with
     * fresh = 2^(-2/30), h = 0.8. */
    ck_near(num(moved(ev, "Fatima", "Roy"), "after"), 0.375 + 0.9 * exp2(-2.0 / 30) * 0.8 * 0.125, 1e-15);
    json_decref(h);
    ot_model_free(m);
}
END_TEST

START_TEST(every_event_of_version_1_1_is_told)
{
    /* Every 1.1 event type once (before this test, a move crashed the
     * history: its layer field has no table of names). Each entry names
     * its type, and a move its new layer as an object. */
    ot_model *m = small_story(0.5);
    ot_id d, tie;
    int resolved;
    ck_ok(ot_disrupt(m, FATIMA, ROY, OT_TASK, 0.5, 0, 10, &d));
    ck_ok(ot_respond(m, d, OT_RESPONSE_APOLOGY, 11));
    ck_ok(ot_refer(m, d, OT_JOINT, 12));
    ck_ok(ot_resolve(m, d, 13, &resolved));
    ck_ok(ot_reveal(m, d, 0, 14));
    ck_ok(ot_tie_find(m, ROY, WETH, &tie));
    ck_ok(ot_tie_end(m, tie, 15));
    ck_ok(ot_actor_move(m, ROY, GEM, 1, WETH, 16));
    ck_ok(ot_actor_leave(m, FATIMA, 17));
    ck_ok(ot_advance(m, 18));
    json_t *h = history_of(m);
    static const char *const kinds[] = {"disrupt", "respond", "refer", "resolve", "reveal",
                                        "end_tie", "move",    "leave", "advance"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        json_t *ev = event(h, 12 + i);
        ck_assert_str_eq(text(ev, "kind"), kinds[i]);
        ck_assert(num(ev, "t") == 10 + (double)i); /* days 10 to 18, one a day */
    }
    json_t *layer = json_object_get(event(h, 18), "layer");
    ck_assert_int_eq(json_integer_value(json_object_get(layer, "layer")), 1);
    ck_assert_str_eq(text(layer, "name"), "managerial");
    ck_assert_str_eq(name_at(json_object_get(event(h, 18), "who"), "move"), "Roy");
    json_decref(h);
    ot_model_free(m);
}
END_TEST

START_TEST(without_events_there_is_no_history)
{
    ot_config *c;
    ck_ok(ot_config_new(&c));
    ck_ok(ot_config_set(c, OT_PARAM_KEEP_EVENTS, 0));
    ot_model *m;
    ck_ok(ot_model_new(c, &m));
    char *s = (char *)&s;
    ck_status(ot_history_json(m, &s, NULL), OT_ENOTSUP);
    ck_assert_ptr_eq(s, (char *)&s);
    ck_status(ot_history_json(NULL, &s, NULL), OT_EINVAL);
    ck_status(ot_history_json(m, NULL, NULL), OT_EINVAL);
    ot_model_free(m);
    ot_config_free(c);
}
END_TEST

START_TEST(an_empty_model_has_an_empty_history)
{
    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    json_t *h = history_of(m);
    ck_assert_uint_eq(json_array_size(json_object_get(h, "events")), 0);
    json_decref(h);
    ot_model_free(m);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("history");
    TCase *tc = tcase_create("history");
    tcase_add_test(tc, every_event_in_order_with_its_time_and_kind);
    tcase_add_test(tc, trust_before_and_after_for_every_direction_moved);
    tcase_add_test(tc, a_disruption_opened_surfaced_and_repaired);
    tcase_add_test(tc, a_failed_escalation_says_why);
    tcase_add_test(tc, a_successful_escalation_names_its_level);
    tcase_add_test(tc, every_event_of_version_1_1_is_told);
    tcase_add_test(tc, without_events_there_is_no_history);
    tcase_add_test(tc, an_empty_model_has_an_empty_history);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return ot_run_suite(suite()); }
