/* lib/timeline.c on a store-bound model: the past comes from the store's
 * journal, through the same reader and checks as opening the store, and
 * a damaged entry is named. Expected states are the in-memory story
 * (tests/timeline_story.h) at the same days, compared by digest. */
#include "store_util.h"
#include "timeline_story.h"

#include <sqlite3.h>

/* The story saved as a store at dir/name, and opened (keep_events 0: the
 * journal is the only record). */
static ot_model *story_store_model(const char *dir, const char *name, const char **path_out)
{
    const char *path = in_dir(dir, name);
    ot_model *m = story_model(NULL), *s;
    ck_ok(ot_store_save(m, path));
    ot_model_free(m);
    ck_ok(ot_store_open(path, NULL, 0, &s));
    if (path_out)
        *path_out = path;
    return s;
}

START_TEST(the_past_of_a_store_comes_from_its_journal)
{
    char *dir = tmp_dir();
    ot_model *s = story_store_model(dir, "a.otstore", NULL), *m = story_model(NULL);
    const double days[] = {-1, 1, 3, 10, 25, 31, 40, 61, 100};
    for (size_t k = 0; k < sizeof days / sizeof days[0]; k++) {
        ot_model *a, *b;
        ck_ok(ot_model_at(s, days[k], &a));
        ck_ok(ot_model_at(m, days[k], &b));
        ck_assert_msg(digest_of(a) == digest_of(b), "day %g", days[k]);
        ck_assert_uint_eq(count_of(a, OT_EVENTS), count_of(b, OT_EVENTS));
        ot_model_free(a);
        ot_model_free(b);
    }
    ot_probe p[2] = {{OT_PROBE_TRUST, 0, P_ROY, P_FATIMA, 0, 0}, {OT_PROBE_REPUTATION, 0, O_WATERSCHAP, O_GEMEENTE, OT_NONE, 0}};
    double vs[18], vm[18];
    ck_ok(ot_timeline(s, p, 2, days, 9, vs));
    ck_ok(ot_timeline(m, p, 2, days, 9, vm));
    ck_assert(memcmp(vs, vm, sizeof vs) == 0);
    ot_model_free(m);
    ot_model_free(s);
    rm_dir(dir);
}
END_TEST

START_TEST(a_damaged_journal_entry_is_named)
{
    char *dir = tmp_dir();
    const char *path;
    /* The store has a checkpoint at its end: it opens without reading the
     * journal, so the damage shows only when the past is asked for. The
     * observation on day 12 is entry 18 (17 structure calls and events
     * before it). */
    ot_model *s = story_store_model(dir, "b.otstore", &path);
    ot_model_free(s);
    sql_on(path, "UPDATE orgtrust_journal SET a = 99 WHERE seq = 18");
    ck_ok(ot_store_open(path, NULL, 0, &s));
    ot_model *at = (ot_model *)&at;
    ck_status(ot_model_at(s, 90, &at), OT_EFORMAT);
    /* The checksum chain finds the edit first (docs/store.md). */
    ck_msg_has("journal entry 18 fails its checksum");
    ck_assert_ptr_eq(at, (ot_model *)&at);
    /* The chain is checked over the whole journal before any replay, so a
     * damaged history is refused whatever day is asked for, also a day
     * before the damaged entry. */
    ck_status(ot_model_at(s, 11, &at), OT_EFORMAT);
    ck_msg_has("journal entry 18 fails its checksum");
    ck_assert_ptr_eq(at, (ot_model *)&at);
    double t = 50, v = -1;
    ot_probe p = {OT_PROBE_TRUST, 0, P_ROY, P_FATIMA, 0, 0};
    ck_status(ot_timeline(s, &p, 1, &t, 1, &v), OT_EFORMAT);
    ck_assert(v == -1);
    ot_model_free(s);
    sql_on(path, "UPDATE orgtrust_journal SET x = 'much' WHERE seq = 18");
    ck_ok(ot_store_open(path, NULL, 0, &s));
    ck_status(ot_model_at(s, 90, &at), OT_EFORMAT);
    ck_msg_has("journal entry 18");
    ot_model_free(s);
    rm_dir(dir);
}
END_TEST

START_TEST(the_history_of_a_store_is_that_of_its_model)
{
    char *dir = tmp_dir();
    ot_model *s = story_store_model(dir, "c.otstore", NULL), *m = story_model(NULL);
    char *hs, *hm;
    size_t ns, nm;
    ck_ok(ot_history_json(s, &hs, &ns));
    ck_ok(ot_history_json(m, &hm, &nm));
    ck_assert_uint_eq(ns, nm);
    ck_assert_str_eq(hs, hm);
    ot_free(hs);
    ot_free(hm);
    ot_model_free(m);
    ot_model_free(s);
    rm_dir(dir);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("store timeline");
    TCase *tc = tcase_create("journal");
    tcase_set_timeout(tc, 60); /* fsync is slow on some machines */
    tcase_add_test(tc, the_past_of_a_store_comes_from_its_journal);
    tcase_add_test(tc, a_damaged_journal_entry_is_named);
    tcase_add_test(tc, the_history_of_a_store_is_that_of_its_model);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return ot_run_suite(suite()); }
