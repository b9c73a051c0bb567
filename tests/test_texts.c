/* lib/texts.c: the description, notes and disruption labels; that they are
 * events (kept, replayed, exported) and change no value. The Roy and
 * Fatima story of the other suites, in words. */
#include "world.h"

#include <string.h>

/* Roy and Fatima, one tie, one disruption (id 0) at day 3. */
static ot_model *story(void)
{
    ot_model *m;
    ot_id d;
    ck_ok(ot_model_new(NULL, &m));
    ot_id roy = mk_actor(m, mk_org(m, "Gemeente", OT_NONE), 0, OT_NONE, "Roy");
    ot_id fatima = mk_actor(m, mk_org(m, "Waterschap", OT_NONE), 0, OT_NONE, "Fatima");
    ck_ok(ot_tie_add(m, roy, fatima, NULL));
    ck_ok(ot_observe(m, roy, fatima, OT_AGREEMENT_KEPT, 1.0, 1.0));
    ck_ok(ot_disrupt(m, roy, fatima, OT_TASK, 0.5, 0, 3.0, &d));
    return m;
}

static uint64_t digest(const ot_model *m)
{
    uint64_t h = 0;
    ck_ok(ot_model_digest(m, &h));
    return h;
}

static size_t events(const ot_model *m)
{
    size_t n = 0;
    ck_ok(ot_model_count(m, OT_EVENTS, &n));
    return n;
}

START_TEST(description_is_kept_and_replaced)
{
    ot_model *m = story();
    uint64_t before = digest(m);
    ck_assert_ptr_null(ot_model_description(m));
    ck_ok(ot_model_set_description(m, "De watertoets van de gemeente en het waterschap"));
    ck_assert_str_eq(ot_model_description(m), "De watertoets van de gemeente en het waterschap");
    ck_ok(ot_model_set_description(m, "Tweede versie"));
    ck_assert_str_eq(ot_model_description(m), "Tweede versie");
    /* Words change no value; each setting is an event (7 + 2). */
    ck_assert_uint_eq(digest(m), before);
    ck_assert_uint_eq(events(m), 9);
    ot_model_free(m);
}
END_TEST

START_TEST(bad_texts_change_nothing)
{
    ot_model *m = story();
    ck_ok(ot_model_set_description(m, "eerst"));
    size_t n = events(m);
    ck_status(ot_model_set_description(m, NULL), OT_EINVAL);
    ck_msg_has("text is NULL");
    ck_status(ot_model_set_description(m, ""), OT_EINVAL);
    ck_msg_has("text is empty");
    ck_status(ot_model_set_description(m, "caf\xc3"), OT_EINVAL); /* a cut UTF-8 sequence */
    ck_msg_has("not valid UTF-8");
    static char big[65538];
    memset(big, 'a', sizeof big - 1);
    ck_status(ot_model_set_description(m, big), OT_ELIMIT);
    ck_msg_has("longer than 65536 bytes");
    big[65536] = '\0'; /* exactly the limit */
    ck_ok(ot_model_set_description(m, big));
    ck_ok(ot_model_set_description(m, "eerst"));
    n += 2;
    ck_status(ot_note(m, ""), OT_EINVAL);
    ck_status(ot_disruption_set_label(m, 0, "x\xff"), OT_EINVAL);
    ck_assert_str_eq(ot_model_description(m), "eerst");
    ck_assert_uint_eq(events(m), n);
    ck_status(ot_model_set_description(NULL, "x"), OT_EINVAL);
    ck_assert_ptr_null(ot_model_description(NULL));
    ot_model_free(m);
}
END_TEST

START_TEST(notes_need_an_event)
{
    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    ck_status(ot_note(m, "te vroeg"), OT_ESTATE);
    ck_msg_has("no event to note");
    ck_ok(ot_model_set_description(m, "alleen woorden"));
    ck_status(ot_note(m, "nog te vroeg"), OT_ESTATE); /* a text is no event to note */
    ck_ok(ot_org_add(m, "Gemeente", OT_NONE, NULL));
    ck_ok(ot_note(m, "de gemeente doet mee"));
    ck_assert_uint_eq(events(m), 3);
    ot_model_free(m);
    /* A model that records nothing takes a note and keeps nothing. */
    ot_config *c;
    ck_ok(ot_config_new(&c));
    ck_ok(ot_config_set(c, OT_PARAM_KEEP_EVENTS, 0));
    ck_ok(ot_model_new(c, &m));
    ot_config_free(c);
    ck_ok(ot_org_add(m, "Gemeente", OT_NONE, NULL));
    ck_ok(ot_note(m, "nergens"));
    ck_ok(ot_model_set_description(m, "wel bewaard"));
    ck_assert_str_eq(ot_model_description(m), "wel bewaard");
    ck_assert_uint_eq(events(m), 0);
    ot_model_free(m);
}
END_TEST

START_TEST(labels_are_unique_and_given_once)
{
    ot_model *m = story();
    ot_id d2;
    ck_ok(ot_disrupt(m, 1, 0, OT_RELATIONAL, 0.25, 0, 4.0, &d2)); /* Fatima about Roy */
    ck_assert_ptr_null(ot_disruption_label(m, 0));
    ck_ok(ot_disruption_set_label(m, 0, "watertoets-1"));
    ck_assert_str_eq(ot_disruption_label(m, 0), "watertoets-1");
    ck_assert_ptr_null(ot_disruption_label(m, d2));
    ck_status(ot_disruption_set_label(m, d2, "watertoets-1"), OT_EEXIST);
    ck_msg_has("label \"watertoets-1\" is taken by disruption 0");
    ck_status(ot_disruption_set_label(m, 0, "anders"), OT_ESTATE);
    ck_msg_has("already has the label \"watertoets-1\"");
    ck_status(ot_disruption_set_label(m, 7, "zeven"), OT_ENOTFOUND);
    ck_msg_has("d = 7");
    ck_ok(ot_disruption_set_label(m, d2, "watertoets-2"));
    ck_assert_ptr_null(ot_disruption_label(m, 99));
    ck_assert_ptr_null(ot_disruption_label(NULL, 0));
    /* Messages call a labelled disruption by its label. */
    ck_ok(ot_repair(m, 0, 5.0));
    ck_status(ot_repair(m, 0, 6.0), OT_ESTATE);
    ck_msg_has("ot_repair: disruption \"watertoets-1\" is not open");
    ot_model_free(m);
}
END_TEST

START_TEST(texts_replay_with_the_events)
{
    ot_model *m = story();
    ck_ok(ot_model_set_description(m, "het verhaal"));
    ck_ok(ot_disruption_set_label(m, 0, "d-roy"));
    ck_ok(ot_note(m, "Roy belt Fatima"));
    ck_ok(ot_model_set_epoch(m, "2025-01-06"));
    ck_ok(ot_observe(m, 0, 1, OT_DELIVERED, 1.0, 10.0));
    /* At day 5 every text event so far has happened (texts have the time
     * of the model when they were given: day 3). */
    ot_model *at;
    ck_ok(ot_model_at(m, 5.0, &at));
    ck_assert_str_eq(ot_model_description(at), "het verhaal");
    ck_assert_str_eq(ot_disruption_label(at, 0), "d-roy");
    ck_assert_str_eq(ot_model_epoch(at), "2025-01-06");
    ot_model_free(at);
    /* The history: the note on the event before it, the label on the
     * disruption, a date beside every time (day 10 of 2025-01-06 is
     * 2025-01-16). */
    char *json;
    size_t len;
    ck_ok(ot_history_json(m, &json, &len));
    ck_assert_ptr_nonnull(strstr(json, "\"description\": \"het verhaal\""));
    ck_assert_ptr_nonnull(strstr(json, "\"epoch\": \"2025-01-06\""));
    ck_assert_ptr_nonnull(strstr(json, "\"label\": \"d-roy\""));
    ck_assert_ptr_nonnull(strstr(json, "\"t\": 10, \"date\": \"2025-01-16\""));
    ck_assert_ptr_nonnull(strstr(json, "\"note\": \"Roy belt Fatima\""));
    ck_assert_ptr_null(strstr(json, "\"kind\": \"text\""));
    ot_free(json);
    ot_model_free(m);
}
END_TEST

START_TEST(export_keeps_the_texts)
{
    if (!ot_have_jansson())
        return;
    ot_model *m = story(), *back;
    ck_ok(ot_model_set_description(m, "met \"aanhalingstekens\"\nen een regel"));
    ck_ok(ot_model_set_epoch(m, "2025-01-06"));
    ck_ok(ot_disruption_set_label(m, 0, "d1")); /* the name export gives disruption 1 */
    ck_ok(ot_note(m, "eerste"));
    ck_ok(ot_note(m, "tweede"));
    ot_id d2;
    ck_ok(ot_disrupt(m, 1, 0, OT_TASK, 0.25, 0, 4.0, &d2));
    char *json;
    size_t len;
    ck_ok(ot_scenario_export(m, &json, &len));
    ck_assert_ptr_nonnull(strstr(json, "\"epoch\": \"2025-01-06\""));
    ck_assert_ptr_nonnull(strstr(json, "\"id\": \"d1\""));
    ck_assert_ptr_nonnull(strstr(json, "\"id\": \"d1#2\"")); /* disruption 1 has no label; d1 is taken */
    ck_assert_ptr_nonnull(strstr(json, "\"note\": \"eerste\\ntweede\""));
    ck_ok(ot_scenario_load(json, len, &back));
    ck_assert_uint_eq(digest(back), digest(m));
    ck_assert_str_eq(ot_model_description(back), ot_model_description(m));
    ck_assert_str_eq(ot_model_epoch(back), "2025-01-06");
    ck_assert_str_eq(ot_disruption_label(back, 0), "d1");
    ck_assert_str_eq(ot_disruption_label(back, 1), "d1#2");
    ot_free(json);
    ot_model_free(back);
    ot_model_free(m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("texts");
    TCase *tc = tcase_create("texts");
    tcase_add_test(tc, description_is_kept_and_replaced);
    tcase_add_test(tc, bad_texts_change_nothing);
    tcase_add_test(tc, notes_need_an_event);
    tcase_add_test(tc, labels_are_unique_and_given_once);
    tcase_add_test(tc, texts_replay_with_the_events);
    tcase_add_test(tc, export_keeps_the_texts);
    suite_add_tcase(s, tc);
    return ot_run_suite(s);
}
