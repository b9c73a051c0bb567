/* lib/words.c: the one vocabulary of the reports. Every term has its four
 * strings, keys are unique, every value the library names (lib/names.c) and
 * every key and term value the report and the history write has its term,
 * and the plain words the report writes beside a value are the table's. */
#include "names.h"
#include "scenario_util.h"
#include "testutil.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static unsigned nterms(void)
{
    unsigned n = 0;
    while (ot_term_info(n, NULL, NULL, NULL, NULL) == OT_OK)
        n++;
    return n;
}

static const char *plain_of(const char *key)
{
    unsigned i;
    const char *p = NULL;
    ck_assert_msg(ot_term_find(key, &i) == OT_OK, "no term \"%s\": %s", key, ot_last_error());
    ck_ok(ot_term_info(i, NULL, NULL, &p, NULL));
    return p;
}

START_TEST(every_term_has_four_strings_and_a_unique_key)
{
    unsigned n = nterms();
    ck_assert_uint_gt(n, 60); /* the report alone uses more than 60 terms */
    for (unsigned i = 0; i < n; i++) {
        const char *key = NULL, *term = NULL, *plain = NULL, *def = NULL;
        ck_ok(ot_term_info(i, &key, &term, &plain, &def));
        ck_assert_msg(key && *key && term && *term && plain && *plain && def && *def, "term %u lacks a string", i);
        /* a definition is a sentence that cites the model */
        ck_assert_msg(strstr(def, "docs/model.md section") != NULL, "%s: the definition cites no section", key);
        ck_assert_msg(def[strlen(def) - 1] == '.', "%s: the definition is not a sentence", key);
        unsigned at = n;
        ck_ok(ot_term_find(key, &at));
        ck_assert_msg(at == i, "key \"%s\" is both term %u and term %u", key, at, i);
        for (unsigned j = 0; j < i; j++) {
            const char *other;
            ot_term_info(j, &other, NULL, NULL, NULL);
            ck_assert_msg(strcmp(other, key) != 0, "key \"%s\" twice (%u and %u)", key, j, i);
        }
    }
    /* past the end: OT_ENOTFOUND, nothing written */
    const char *key = "unchanged";
    ck_assert_int_eq(ot_term_info(n, &key, NULL, NULL, NULL), OT_ENOTFOUND);
    ck_assert_str_eq(key, "unchanged");
    ck_assert_ptr_nonnull(strstr(ot_last_error(), "past the last term"));
}
END_TEST

/* Every slot any phrase takes, with a value; a phrase that filled with all
 * of them has no slot left and braces nowhere. */
static const char *const ALL_SLOTS[] = {"truster", "Roy",  "trustee", "Fatima", "actor",     "Henk", "org",
                                        "Gemeente", "a",   "Gemeente", "b",     "Waterschap", "layer", "operational",
                                        "higher", "Henk",  "other",   "Fatima", "value",     "0.80", "percent",
                                        "81%",    "x",     "Marco",   "y",      "Karin",     "xy",   "0.50",
                                        "yx",     "0.40",  "threshold", "0.60", "who",       "Henk"};
#define NALL (sizeof ALL_SLOTS / sizeof ALL_SLOTS[0] / 2)

START_TEST(every_phrase_fills)
{
    unsigned n = nterms();
    for (unsigned i = 0; i < n; i++) {
        char out[512];
        size_t len = 0;
        const char *key;
        ot_term_info(i, &key, NULL, NULL, NULL);
        ck_assert_msg(ot_term_fill(i, ALL_SLOTS, NALL, out, sizeof out, &len) == OT_OK, "%s: %s", key,
                      ot_last_error());
        ck_assert_uint_eq(strlen(out), len);
        ck_assert_msg(!strchr(out, '{') && !strchr(out, '}'), "%s: \"%s\" keeps a brace", key, out);
    }
}
END_TEST

START_TEST(fill_says_it_with_names)
{
    unsigned i;
    char out[128];
    size_t len = 0;
    ck_ok(ot_term_find("standing", &i));
    const char *slots[] = {"actor", "Henk", "org", "Gemeente"};
    ck_ok(ot_term_fill(i, slots, 2, out, sizeof out, &len));
    ck_assert_str_eq(out, "how far Gemeente trusts Henk");
    ck_assert_uint_eq(len, strlen("how far Gemeente trusts Henk"));
    /* truncated like snprintf: 9 bytes hold "how far " and the NUL; len is the whole */
    ck_ok(ot_term_fill(i, slots, 2, out, 9, &len));
    ck_assert_str_eq(out, "how far ");
    ck_assert_uint_eq(len, 28);
    /* size 0: only the length */
    ck_ok(ot_term_fill(i, slots, 2, NULL, 0, &len));
    ck_assert_uint_eq(len, 28);
    /* a term without slots gives its plain words */
    ck_ok(ot_term_find("cooperation_basis.at_risk", &i));
    ck_ok(ot_term_fill(i, NULL, 0, out, sizeof out, NULL));
    ck_assert_str_eq(out, plain_of("cooperation_basis.at_risk"));
    /* a missing slot: OT_EINVAL naming it, nothing written */
    ck_ok(ot_term_find("reputation", &i));
    strcpy(out, "unchanged");
    ck_assert_int_eq(ot_term_fill(i, slots, 2, out, sizeof out, &len), OT_EINVAL);
    ck_assert_str_eq(out, "unchanged");
    ck_assert_ptr_nonnull(strstr(ot_last_error(), "\"a\""));
    ck_assert_ptr_nonnull(strstr(ot_last_error(), "\"reputation\""));
    ck_assert_int_eq(ot_term_fill(i, NULL, 1, out, sizeof out, &len), OT_EINVAL);
    ck_assert_int_eq(ot_term_fill(1000000, slots, 2, out, sizeof out, &len), OT_ENOTFOUND);
    /* find */
    ck_assert_int_eq(ot_term_find("no_such_term", &i), OT_ENOTFOUND);
    ck_assert_ptr_nonnull(strstr(ot_last_error(), "no_such_term"));
    ck_assert_int_eq(ot_term_find(NULL, &i), OT_EINVAL);
    ck_assert_int_eq(ot_term_find("trust", NULL), OT_EINVAL);
}
END_TEST

/* Every value of a table of lib/names.c that the reports write has its
 * term "field.value". */
static void every_value(const char *field, const oti_names *t, int from)
{
    for (int v = from; v < t->n; v++) {
        const char *name = oti_name_of(t, v);
        if (strcmp(name, "?") == 0)
            continue;
        char key[64];
        snprintf(key, sizeof key, "%s.%s", field, name);
        unsigned i;
        ck_assert_msg(ot_term_find(key, &i) == OT_OK, "the value %s of %s has no term \"%s\"", name, field, key);
    }
}

START_TEST(every_named_value_has_a_term)
{
    every_value("cooperation_basis", &oti_basis_names, 0);
    every_value("limit", &oti_limit_names, 0);
    every_value("status", &oti_step_names, 0);
    every_value("reason", &oti_reason_names, 1); /* "none" is written as null */
    every_value("response", &oti_response_names, 0);
    every_value("next_action", &oti_advice_names, 0);
    every_value("kind", &oti_disruption_names, 0);
    every_value("ties", &oti_class_names, 0);
}
END_TEST

/* Keys of the report and the history that are structure, not terms: ids,
 * names, ends, sides, times, lists and their counts. */
static const char *const STRUCTURAL[] = {
    "orgtrust_report", "orgtrust_history", "time", "counts", "organisations", "actors", "ties", "disruptions",
    "events", "ended_ties", "departed_actors", "layers", "id", "name", "parent", "organisation", "layer",
    "superior", "active", "organisation_pairs", "a", "b", "a_to_b", "b_to_a", "between", "directions",
    "truster", "trustee", "actor", "observer", "other", "opened", "handlers", "level_since", "refer_to", "x",
    "y", "step", "text", "higher", "compromised_up_to_layer", "advice", "open_disruptions", "kind", "status",
    "reason", "seq", "t", "date", "who", "org", "tie", "disruption", "liaison_x", "liaison_y", "before",
    "after", "mode", "magnitude", "observation", "disruption_kind", "status_before", "path", "trust_xy",
    "trust_yx", "why", "outcome", "attribute", "value", "propensity", "escalation",
    /* the history writes the 1.1 events' own fields by their scenario keys */
    "guilty", "refer", "resolve", "respond", "reveal",
    /* texts and dates (docs/report.md, docs/history.md): the file's words, not the model's */
    "description", "epoch", "note", "label", "opened_date", "surfaced_date", "level_since_date", "due_date", NULL};

static int structural(const char *key)
{
    for (const char *const *s = STRUCTURAL; *s; s++)
        if (strcmp(*s, key) == 0)
            return 1;
    return 0;
}

static int is_term(const char *key)
{
    unsigned i;
    return ot_term_find(key, &i) == OT_OK;
}

/* Walk a report or a history: every key is a term or structure; every
 * value written with its plain words beside it (key_plain) is the term
 * "key.value" and the words are the table's. `parent` is the key of the
 * enclosing object ("ties" for the classes). */
static int missing; /* keys and values without a term, said on stderr */

static void walk(const json_t *v, const char *parent, const char *where)
{
    size_t i;
    const char *k;
    json_t *x;
    if (json_is_array(v))
        json_array_foreach(v, i, x) walk(x, parent, where);
    if (!json_is_object(v))
        return;
    json_object_foreach((json_t *)v, k, x)
    {
        char key[128];
        size_t n = strlen(k);
        if (n > 6 && strcmp(k + n - 6, "_plain") == 0) {
            /* the field's own value names the term */
            char field[64];
            snprintf(field, sizeof field, "%.*s", (int)(n - 6), k);
            const char *value = json_string_value(json_object_get(v, field));
            ck_assert_msg(json_object_get(v, field) != NULL, "%s: %s without %s", where, k, field);
            if (!value) {
                ck_assert_msg(json_is_null(x), "%s: %s for a null %s", where, k, field);
                continue;
            }
            snprintf(key, sizeof key, "%s.%s", field, value);
            ck_assert_msg(json_is_string(x), "%s: %s is no string", where, k);
            ck_assert_str_eq(json_string_value(x), plain_of(key));
            continue;
        }
        snprintf(key, sizeof key, "%s.%s", parent, k);
        if (!(is_term(k) || is_term(key) || structural(k))) {
            fprintf(stderr, "%s: the key \"%s\" (in %s) is no term\n", where, k, parent);
            missing++;
        }
        /* the history's kinds and step statuses are terms too */
        if ((strcmp(k, "kind") == 0 || strcmp(k, "status") == 0 || strcmp(k, "outcome") == 0) && json_is_string(x) &&
            strcmp(parent, "disruptions") != 0) {
            snprintf(key, sizeof key, "%s.%s", k, json_string_value(x));
            if (!is_term(key)) {
                fprintf(stderr, "%s: the value %s has no term \"%s\"\n", where, json_string_value(x), key);
                missing++;
            }
        }
        walk(x, k, where);
    }
}

static void walk_model(const ot_model *m, const char *where)
{
    char *text = NULL;
    json_t *r;
    ck_ok(ot_report_json(m, &text, NULL));
    ck_assert_ptr_nonnull(r = json_loads(text, 0, NULL));
    ot_free(text);
    walk(r, "", where);
    json_decref(r);
    ck_ok(ot_history_json(m, &text, NULL));
    ck_assert_ptr_nonnull(r = json_loads(text, 0, NULL));
    ot_free(text);
    walk(r, "", where);
    json_decref(r);
    ck_assert_msg(missing == 0, "%s: %d keys or values without a term (listed above)", where, missing);
}

START_TEST(every_key_of_the_report_and_the_history_is_a_term)
{
    static const char *const FILES[] = {"examples/scenarios/gemeente-waterschap.json",
                                        "examples/scenarios/alliantie.json",
                                        "examples/scenarios/faculteit.json",
                                        "examples/scenarios/grote-gemeente.json",
                                        "examples/scenarios/it-partnership.json",
                                        "tests/fixtures/failed-escalation.json"};
    for (size_t f = 0; f < sizeof FILES / sizeof FILES[0]; f++) {
        ot_model *m = sc_load_source(FILES[f]);
        walk_model(m, FILES[f]);
        ot_model_free(m);
    }
    /* answers and revealed truth, a referral and a settlement: the values
     * the examples do not show */
    ot_model *m = sc_load(
        "{\"orgtrust\": 1, \"model\": 2,"
        " \"organisations\": [{\"id\": \"G\"}, {\"id\": \"W\"}],"
        " \"actors\": [{\"id\": \"weth\", \"org\": \"G\", \"layer\": \"administrative\"},"
        "  {\"id\": \"karin\", \"org\": \"G\", \"layer\": \"managerial\", \"superior\": \"weth\"},"
        "  {\"id\": \"roy\", \"org\": \"G\", \"layer\": \"operational\", \"superior\": \"karin\"},"
        "  {\"id\": \"dijk\", \"org\": \"W\", \"layer\": \"administrative\"},"
        "  {\"id\": \"marco\", \"org\": \"W\", \"layer\": \"managerial\", \"superior\": \"dijk\"},"
        "  {\"id\": \"fatima\", \"org\": \"W\", \"layer\": \"operational\", \"superior\": \"marco\"}],"
        " \"ties\": [{\"between\": [\"roy\", \"fatima\"], \"affect\": 1}, {\"between\": [\"karin\", \"marco\"]},"
        "  {\"between\": [\"weth\", \"dijk\"]}],"
        " \"events\": ["
        "  {\"t\": 1, \"disrupt\": \"relational\", \"observer\": \"fatima\", \"other\": \"roy\", \"severity\": 0.5,"
        "   \"id\": \"d1\"},"
        "  {\"t\": 2, \"respond\": \"d1\", \"response\": \"denial\"},"
        "  {\"t\": 3, \"reveal\": \"d1\", \"guilty\": true},"
        "  {\"t\": 4, \"disrupt\": \"task\", \"observer\": \"roy\", \"other\": \"fatima\", \"severity\": 0.2,"
        "   \"separated\": true, \"id\": \"d2\"},"
        "  {\"t\": 5, \"respond\": \"d2\", \"response\": \"apology\"},"
        "  {\"t\": 6, \"reveal\": \"d2\", \"guilty\": false},"
        "  {\"t\": 7, \"disrupt\": \"task\", \"observer\": \"roy\", \"other\": \"fatima\", \"severity\": 0.2,"
        "   \"id\": \"d3\"},"
        "  {\"t\": 8, \"respond\": \"d3\", \"response\": \"promise\"},"
        "  {\"t\": 20, \"refer\": \"d3\", \"mode\": \"joint\"},"
        "  {\"t\": 21, \"resolve\": \"d3\"},"
        "  {\"t\": 22, \"consult\": [\"weth\", \"dijk\"]},"
        "  {\"t\": 23, \"observe\": \"concealed\", \"truster\": \"roy\", \"trustee\": \"fatima\"}]}");
    walk_model(m, "answers and the ladder");
    ot_model_free(m);
}
END_TEST

Suite *words_suite(void)
{
    Suite *s = suite_create("words");
    TCase *tc = tcase_create("words");
    tcase_add_test(tc, every_term_has_four_strings_and_a_unique_key);
    tcase_add_test(tc, every_phrase_fills);
    tcase_add_test(tc, fill_says_it_with_names);
    tcase_add_test(tc, every_named_value_has_a_term);
    tcase_add_test(tc, every_key_of_the_report_and_the_history_is_a_term);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return ot_run_suite(words_suite()); }
