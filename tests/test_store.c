/* lib/store.c and lib/store_journal.c: the durable model (the header's
 * "Persistence"). Every expected state is an in-memory model fed the same
 * calls, compared by digest; expected counts are worked out from the story
 * (store_util.h: 23 structure calls + 14 event calls). The crash test is in
 * test_store_crash.c, fault injection in test_store_faults.c. */
#define _POSIX_C_SOURCE 200809L /* as store_util.h: before any system header */

#include "record.h"
#include "store_chain.h" /* before store_util.h: reseal() */

#include "store_util.h"

#include <math.h>
#include <sqlite3.h>

/* A closed store at dir/name with the story and n observations. */
static const char *story_store(const char *dir, const char *name, uint64_t n)
{
    const char *path = in_dir(dir, name);
    make_story_store(path, n);
    return path;
}

static void open_fails(const char *path, int flags, int status, const char *needle)
{
    ot_model *m = (ot_model *)&m; /* must stay untouched */
    ck_status(ot_store_open(path, NULL, flags, &m), status);
    ck_assert_ptr_eq(m, (ot_model *)&m);
    if (needle)
        ck_msg_has(needle);
}

/* ---- basics ------------------------------------------------------------------ */

START_TEST(create_then_reopen_gives_the_same_model)
{
    char *dir = tmp_dir();
    const char *path = in_dir(dir, "a.otstore");
    ot_model *m, *ref = reference(0);
    ck_ok(ot_store_open(path, NULL, OT_STORE_CREATE, &m));
    ck_assert_uint_eq(count_of(m, OT_EVENTS), 0);
    ck_ok(story(m));
    ck_assert_uint_eq(digest_of(m), digest_of(ref));
    ck_assert_uint_eq(count_of(m, OT_EVENTS), STORY_CALLS);
    ot_model_free(m);

    ck_ok(ot_store_open(path, NULL, 0, &m));
    ck_assert_uint_eq(digest_of(m), digest_of(ref));
    ck_ok(ot_model_check(m));
    ck_assert_uint_eq(count_of(m, OT_EVENTS), STORY_CALLS);
    ck_assert_str_eq(ot_actor_name(m, FATIMA), "Fatima");
    ck_assert_str_eq(ot_org_name(m, G_RO), "Ruimtelijke ordening");
    /* -0.0 survives the round trip bit for bit (an SQLite REAL column
     * would have made it 0). */
    double affect = 1.0;
    ck_ok(ot_tie_get(m, 3, OT_TIE_AFFECT, &affect));
    ck_assert(affect == 0.0 && signbit(affect));
    /* The store goes on where it was. */
    ck_ok(observe_at(m, 0));
    ck_ok(observe_at(ref, 0));
    ck_assert_uint_eq(digest_of(m), digest_of(ref));
    ot_model_free(m);
    ot_model_free(ref);
    rm_dir(dir);
}
END_TEST

/* Times and magnitudes come back bit for bit: whole numbers are stored as
 * integers, everything else (-0.0, halves, beyond 2^53) as doubles. */
START_TEST(numbers_come_back_bit_for_bit)
{
    static const double t[] = {-5.0, -0.0, 0.0, 0.5, 1.0, 4503599627370497.0 /* 2^52 + 1 */,
                               9007199254740994.0 /* 2^53 + 2 */, 1e300};
    static const double mag[] = {1.0, 0.5, 10.0, 0.0, 2.0, 1e-300, 3.0, 0.25};
    char *dir = tmp_dir();
    const char *path = in_dir(dir, "a");
    ot_model *m, *ref;
    ck_ok(ot_store_open(path, NULL, OT_STORE_CREATE, &m));
    ck_ok(ot_model_new(NULL, &ref));
    ck_ok(story_structure(m));
    ck_ok(story_structure(ref));
    for (int i = 0; i < 8; i++) {
        ck_ok(ot_observe(m, ROY, FATIMA, OT_DELIVERED, mag[i], t[i]));
        ck_ok(ot_observe(ref, ROY, FATIMA, OT_DELIVERED, mag[i], t[i]));
    }
    ot_model_free(m);
    ck_ok(ot_store_open(path, NULL, 0, &m));
    ck_assert_uint_eq(digest_of(m), digest_of(ref));
    double now = 0;
    ck_ok(ot_model_time(m, &now));
    ck_assert(now == 1e300);
    ot_model_free(m);
    /* How they lie in the file: entries 24 to 31. */
    static const char *const want[] = {"integer", "real", "integer", "real", "integer", "integer", "real", "real"};
    sqlite3 *db;
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT typeof(t) FROM orgtrust_journal WHERE seq > 23 ORDER BY seq", -1,
                                        &st, NULL),
                     SQLITE_OK);
    for (int i = 0; i < 8; i++) {
        ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
        ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), want[i]);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    ot_model_free(ref);
    rm_dir(dir);
}
END_TEST

START_TEST(an_empty_file_becomes_a_store_only_when_asked)
{
    char *dir = tmp_dir();
    const char *path = in_dir(dir, "empty");
    write_file(path, "", 0);
    open_fails(path, 0, OT_EFORMAT, "empty");
    open_fails(path, OT_STORE_READONLY, OT_EFORMAT, "empty");
    ot_model *m;
    ck_ok(ot_store_open(path, NULL, OT_STORE_CREATE, &m));
    ck_ok(ot_org_add(m, "Gemeente", OT_NONE, NULL));
    ot_model_free(m);
    ck_ok(ot_store_open(path, NULL, OT_STORE_READONLY, &m));
    ck_assert_uint_eq(count_of(m, OT_ORGS), 1);
    ot_model_free(m);
    rm_dir(dir);
}
END_TEST

START_TEST(bad_arguments)
{
    char *dir = tmp_dir();
    const char *path = in_dir(dir, "x");
    ot_model *m = NULL;
    ck_status(ot_store_open(NULL, NULL, OT_STORE_CREATE, &m), OT_EINVAL);
    ck_msg_has("path is NULL");
    ck_status(ot_store_open("", NULL, OT_STORE_CREATE, &m), OT_EINVAL);
    ck_msg_has("path is empty");
    ck_status(ot_store_open(":memory:", NULL, OT_STORE_CREATE, &m), OT_EINVAL);
    ck_msg_has(":memory:");
    ck_status(ot_store_open(path, NULL, OT_STORE_CREATE, NULL), OT_EINVAL);
    ck_msg_has("out is NULL");
    ck_status(ot_store_open(path, NULL, 4, &m), OT_EINVAL);
    ck_msg_has("flags = 4");
    ck_status(ot_store_open(path, NULL, OT_STORE_CREATE | OT_STORE_READONLY, &m), OT_EINVAL);
    ck_msg_has("exclude each other");
    ck_assert_ptr_null(m);
    /* A missing file is not created unless asked. */
    open_fails(path, 0, OT_EIO, "does not exist (pass OT_STORE_CREATE");
    open_fails(path, OT_STORE_READONLY, OT_EIO, "does not exist");
    ck_assert_int_ne(access(path, F_OK), 0);
    open_fails(dir, OT_STORE_CREATE, OT_EIO, "cannot open");
    /* The store functions want a store-bound model. */
    ck_status(ot_store_begin(NULL), OT_EINVAL);
    ck_status(ot_store_commit(NULL), OT_EINVAL);
    ck_status(ot_store_rollback(NULL), OT_EINVAL);
    ck_status(ot_store_checkpoint(NULL), OT_EINVAL);
    ck_ok(ot_model_new(NULL, &m));
    ck_status(ot_store_begin(m), OT_ESTATE);
    ck_msg_has("not bound to a store");
    ck_status(ot_store_commit(m), OT_ESTATE);
    ck_status(ot_store_rollback(m), OT_ESTATE);
    ck_status(ot_store_checkpoint(m), OT_ESTATE);
    ot_model_free(m);
    /* Units nest no deeper than one, and end only once. */
    ck_ok(ot_store_open(path, NULL, OT_STORE_CREATE, &m));
    ck_status(ot_store_commit(m), OT_ESTATE);
    ck_msg_has("not inside a unit");
    ck_status(ot_store_rollback(m), OT_ESTATE);
    ck_ok(ot_store_begin(m));
    ck_status(ot_store_begin(m), OT_ESTATE);
    ck_msg_has("already inside a unit");
    ck_status(ot_store_checkpoint(m), OT_ESTATE);
    ck_msg_has("inside a unit");
    ck_ok(ot_store_commit(m));
    ot_model_free(m);
    rm_dir(dir);
}
END_TEST

/* Durable when it returns: another connection sees each call at once. */
START_TEST(every_call_is_visible_to_a_reader_when_it_returns)
{
    char *dir = tmp_dir();
    const char *path = in_dir(dir, "a");
    ot_model *w, *r;
    ck_ok(ot_store_open(path, NULL, OT_STORE_CREATE, &w));
    ck_ok(story_structure(w));
    for (uint64_t i = 0; i < 5; i++) {
        ck_ok(observe_at(w, i));
        ck_ok(ot_store_open(path, NULL, OT_STORE_READONLY, &r));
        ck_assert_uint_eq(count_of(r, OT_EVENTS), 23 + i + 1);
        ck_assert_uint_eq(digest_of(r), digest_of(w));
        ot_model_free(r);
    }
    ot_model_free(w);
    rm_dir(dir);
}
END_TEST

START_TEST(a_batch_is_one_call_all_or_nothing)
{
    char *dir = tmp_dir();
    const char *path = in_dir(dir, "a");
    ot_model *m, *ref = reference(0);
    ck_ok(ot_store_open(path, NULL, OT_STORE_CREATE, &m));
    ck_ok(story(m));
    ot_observation obs[1000];
    for (int i = 0; i < 1000; i++)
        obs[i] = obs_at((uint64_t)i);
    size_t applied = 0;
    ck_ok(ot_observe_batch(m, obs, 1000, &applied));
    ck_assert_uint_eq(applied, 1000);
    ck_assert_uint_eq(count_of(m, OT_EVENTS), STORY_CALLS + 1000);
    for (int i = 0; i < 1000; i++)
        ck_ok(observe_at(ref, (uint64_t)i));
    ck_assert_uint_eq(digest_of(m), digest_of(ref));
    /* One bad entry: nothing is written, nothing changes. */
    ot_state before = ot_state_of(m);
    for (int i = 0; i < 10; i++)
        obs[i] = obs_at((uint64_t)(1000 + i));
    obs[7].t = 0.5; /* before the model's time */
    ck_status(ot_observe_batch(m, obs, 10, &applied), OT_ETIME);
    ck_assert_uint_eq(applied, 7);
    ck_unchanged(m, before);
    ot_model_free(m);
    ck_ok(ot_store_open(path, NULL, 0, &m));
    ck_unchanged(m, before);
    ot_model_free(m);
    ot_model_free(ref);
    rm_dir(dir);
}
END_TEST

/* ---- export reads the journal ------------------------------------------------- */

typedef struct ev_list {
    oti_event ev[128];
    char name[128][64];
    size_t n;
} ev_list;

static int collect(void *arg, const oti_event *ev, const char *name)
{
    ev_list *l = arg;
    ck_assert_uint_lt(l->n, 128);
    l->ev[l->n] = *ev;
    snprintf(l->name[l->n], sizeof l->name[0], "%s", name ? name : "(none)");
    l->n++;
    return OT_OK;
}

static int stop_at_3(void *arg, const oti_event *ev, const char *name)
{
    (void)ev, (void)name;
    return ++*(int *)arg == 3 ? 42 : 0;
}

START_TEST(export_reads_every_event_from_the_journal)
{
    char *dir = tmp_dir();
    const char *path = story_store(dir, "a", 20);
    ot_model *m, *ref = reference(20); /* keeps its events in memory */
    static ev_list want, got;
    want.n = got.n = 0;
    ck_ok(oti_events_foreach(ref, collect, &want));
    ck_assert_uint_eq(want.n, STORY_CALLS + 20);

    ck_ok(ot_store_open(path, NULL, 0, &m));
    ck_assert_ptr_null(m->log); /* no second copy in memory */
    ck_ok(ot_store_checkpoint(m));
    ot_model_free(m);
    ck_ok(ot_store_open(path, NULL, OT_STORE_READONLY, &m));
    /* Also the entries before the checkpoint, which the open did not read. */
    ck_assert_uint_eq(count_of(m, OT_EVENTS), STORY_CALLS + 20);
    ck_ok(oti_events_foreach(m, collect, &got));
    ck_assert_uint_eq(got.n, want.n);
    for (size_t i = 0; i < want.n; i++) {
        ck_assert_msg(memcmp(&got.ev[i], &want.ev[i], sizeof want.ev[i]) == 0, "event %zu differs", i);
        ck_assert_str_eq(got.name[i], want.name[i]);
    }
    int calls = 0;
    ck_assert_int_eq(oti_events_foreach(m, stop_at_3, &calls), 42);
    ck_assert_int_eq(calls, 3);
    /* So the scenario export of the store is that of the model in memory. */
    char *a = NULL, *b = NULL;
    size_t na = 0, nb = 0;
    int rc = ot_scenario_export(ref, &a, &na);
    if (ot_have_jansson()) { /* otherwise main() reports the comparison as skipped */
        ck_ok(rc);
        ck_ok(ot_scenario_export(m, &b, &nb));
        ck_assert_uint_eq(na, nb);
        ck_assert_str_eq(a, b);
    }
    ot_free(a);
    ot_free(b);
    ot_model_free(m);
    ot_model_free(ref);
    rm_dir(dir);
}
END_TEST

/* ---- units ------------------------------------------------------------------------ */

START_TEST(a_unit_becomes_visible_and_durable_at_commit)
{
    char *dir = tmp_dir();
    const char *path = story_store(dir, "a", 0);
    ot_model *m, *r, *ref = reference(0);
    ck_ok(ot_store_open(path, NULL, 0, &m));
    ck_ok(ot_store_begin(m));
    for (uint64_t i = 0; i < 50; i++) {
        ck_ok(observe_at(m, i));
        ck_ok(observe_at(ref, i));
    }
    ck_assert_uint_eq(count_of(m, OT_EVENTS), STORY_CALLS + 50);
    /* A reader opening now sees the store as before the unit. */
    ck_ok(ot_store_open(path, NULL, OT_STORE_READONLY, &r));
    ck_assert_uint_eq(count_of(r, OT_EVENTS), STORY_CALLS);
    ot_model_free(r);
    ck_ok(ot_store_commit(m));
    ck_ok(ot_store_open(path, NULL, OT_STORE_READONLY, &r));
    ck_assert_uint_eq(digest_of(r), digest_of(ref));
    ck_assert_uint_eq(count_of(r, OT_EVENTS), STORY_CALLS + 50);
    ot_model_free(r);
    /* Freeing the model inside a unit drops the unit. */
    ck_ok(ot_store_begin(m));
    ck_ok(observe_at(m, 50));
    ot_model_free(m);
    ck_store_is(path, ref);
    ot_model_free(ref);
    rm_dir(dir);
}
END_TEST

START_TEST(rollback_restores_disk_and_memory_as_at_begin)
{
    char *dir = tmp_dir();
    const char *path = story_store(dir, "a", 10);
    ot_model *m, *ref = reference(10);
    ck_ok(ot_store_open(path, NULL, 0, &m));
    ot_state before = ot_state_of(m);
    const char *kept_name = ot_actor_name(m, ROY);
    const char *layer = ot_layer_name(m, 1);

    ck_ok(ot_store_begin(m));
    ot_id org, a, tie, d;
    ck_ok(ot_org_add(m, "Provincie", OT_NONE, &org));
    ck_ok(ot_actor_add(m, org, 2, OT_NONE, "de gedeputeerde", &a));
    ck_ok(ot_tie_add(m, a, WETH, &tie));
    ck_ok(ot_actor_set_superior(m, POL_G, WETH));
    ck_ok(ot_tie_set(m, 0, OT_TIE_INTENSITY, 5.0));
    ot_observation obs[3] = {obs_at(10), obs_at(11), obs_at(12)};
    ck_ok(ot_observe_batch(m, obs, 3, NULL));
    ck_ok(ot_disrupt(m, a, WETH, OT_RELATIONAL, 1.0, 0, 40.0, &d));
    const char *dropped = ot_org_name(m, org);
    ck_assert_uint_ne(digest_of(m), before.digest);

    ck_ok(ot_store_rollback(m));
    ck_unchanged(m, before);
    ck_assert_uint_eq(digest_of(m), digest_of(ref));
    ck_ok(ot_model_check(m));
    /* Strings handed out stay valid until the model is freed, also those
     * of what the rollback dropped. */
    ck_assert_str_eq(kept_name, "Roy");
    ck_assert_ptr_eq(ot_actor_name(m, ROY), kept_name);
    ck_assert_ptr_eq(ot_layer_name(m, 1), layer);
    ck_assert_str_eq(dropped, "Provincie");
    ck_assert_ptr_null(ot_org_name(m, org));
    /* The ids are free again, and the store goes on. */
    ot_id again;
    ck_ok(ot_org_add(m, "Provincie Utrecht", OT_NONE, &again));
    ck_assert_uint_eq(again, org);
    ck_ok(ot_org_add(ref, "Provincie Utrecht", OT_NONE, NULL));
    ot_model_free(m);
    ck_ok(ot_store_open(path, NULL, 0, &m));
    ck_assert_uint_eq(digest_of(m), digest_of(ref));
    ck_assert_uint_eq(count_of(m, OT_EVENTS), STORY_CALLS + 10 + 1);
    /* A rollback of a unit that did nothing is fine too. */
    ck_ok(ot_store_begin(m));
    ck_ok(ot_store_rollback(m));
    ck_assert_uint_eq(digest_of(m), digest_of(ref));
    ot_model_free(m);
    ot_model_free(ref);
    rm_dir(dir);
}
END_TEST

/* People come and go, a disruption climbs the ladder: every such call is
 * journalled and replayed on open, a checkpoint keeps their state, and a
 * rollback undoes them. */
static int lifecycle_calls(ot_model *m)
{
    int rc, resolved;
    ot_id d, tie;
    if ((rc = ot_disrupt(m, ROY, FATIMA, OT_TASK, 0.5, 0, 40.0, &d)) || (rc = ot_advance(m, 46.0)) ||
        (rc = ot_refer(m, d, OT_UNILATERAL, 46.5)) || (rc = ot_resolve(m, d, 47.0, &resolved)) ||
        (rc = ot_tie_find(m, ROY, MAN_W, &tie)) || (rc = ot_tie_end(m, tie, 48.0)) ||
        (rc = ot_tie_add(m, MAN_W, ROY, NULL)) || (rc = ot_actor_move(m, POL_G, G_RO, 1, WETH, 49.0)) ||
        (rc = ot_actor_leave(m, MAN_G, 50.0)))
        return rc;
    return OT_OK; /* 10 calls */
}

START_TEST(lifecycle_events_are_journalled_and_replayed)
{
    char *dir = tmp_dir();
    const char *path = story_store(dir, "a", 10);
    ot_model *m, *ref = reference(10);
    ck_ok(ot_store_open(path, NULL, 0, &m));
    ck_ok(lifecycle_calls(m));
    ck_ok(lifecycle_calls(ref));
    ck_assert_uint_eq(digest_of(m), digest_of(ref));
    ot_model_free(m);
    ck_store_is(path, ref);
    /* A checkpoint holds the state; what follows is replayed after it. */
    ck_ok(ot_store_open(path, NULL, 0, &m));
    ck_ok(ot_store_checkpoint(m));
    ck_ok(ot_advance(m, 60.0));
    ck_ok(ot_advance(ref, 60.0));
    ot_model_free(m);
    ck_store_is(path, ref);
    /* A unit of lifecycle calls rolled back leaves disk and memory as at
     * begin. */
    ck_ok(ot_store_open(path, NULL, 0, &m));
    ot_state before = ot_state_of(m);
    ck_ok(ot_store_begin(m));
    ck_ok(ot_actor_leave(m, ROY, 61.0));
    ck_ok(ot_actor_move(m, FATIMA, W, 1, DIJK, 62.0));
    ck_ok(ot_store_rollback(m));
    ck_unchanged(m, before);
    ot_model_free(m);
    ck_store_is(path, ref);
    ot_model_free(ref);
    rm_dir(dir);
}
END_TEST

/* The timeboxes are part of the stored configuration. */
START_TEST(timeboxes_are_stored)
{
    char *dir = tmp_dir();
    const char *path = in_dir(dir, "tb");
    ot_config *c;
    ck_ok(ot_config_new(&c));
    double days[3] = {2.0, 3.0, 4.0};
    ck_ok(ot_config_set_timeboxes(c, 3, days));
    ot_model *m;
    ck_ok(ot_store_open(path, c, OT_STORE_CREATE, &m));
    ck_ok(story(m));
    ck_ok(ot_store_checkpoint(m));
    uint64_t d = digest_of(m);
    ot_model_free(m);
    ck_ok(ot_store_open(path, NULL, 0, &m));
    double v = 0;
    ck_ok(ot_model_timebox(m, 1, &v));
    ck_assert(v == 3.0);
    ck_assert_uint_eq(digest_of(m), d);
    ot_model_free(m);
    ck_ok(ot_store_open(path, c, 0, &m)); /* the same configuration */
    ot_model_free(m);
    days[2] = 5.0;
    ck_ok(ot_config_set_timeboxes(c, 3, days));
    ck_status(ot_store_open(path, c, 0, &m), OT_EINVAL);
    ck_msg_has("timebox of layer 2");
    ot_config_free(c);
    rm_dir(dir);
}
END_TEST

/* ---- checkpoints --------------------------------------------------------------------- */

START_TEST(checkpoint_reopens_bit_identical_and_replays_only_what_follows)
{
    char *dir = tmp_dir();
    const char *path = story_store(dir, "a", 300);
    ot_model *m, *ref = reference(300);
    ck_ok(ot_store_open(path, NULL, 0, &m));
    ck_ok(ot_store_checkpoint(m));
    ck_ok(ot_store_checkpoint(m)); /* again at the same entry: replaced */
    ot_model_free(m);
    ck_ok(ot_store_open(path, NULL, 0, &m));
    ck_assert_uint_eq(digest_of(m), digest_of(ref));
    ck_ok(ot_model_check(m));
    for (uint64_t i = 300; i < 310; i++) {
        ck_ok(observe_at(m, i));
        ck_ok(observe_at(ref, i));
    }
    ot_model_free(m);

    /* Entries before the checkpoint are not read when opening: damage to
     * one does not stop the open (the chain is checked from the
     * checkpoint on); export, which reads them all, finds it. Entry 40 is
     * an observation (the story has 37 calls). */
    sql_on(path, "UPDATE orgtrust_journal SET type = 99 WHERE seq = 40");
    ck_ok(ot_store_open(path, NULL, 0, &m));
    ck_assert_uint_eq(digest_of(m), digest_of(ref));
    ck_assert_uint_eq(count_of(m, OT_EVENTS), STORY_CALLS + 310);
    static ev_list all;
    all.n = 0;
    ck_status(oti_events_foreach(m, collect, &all), OT_EFORMAT);
    ck_msg_has("journal entry 40 fails its checksum");
    ck_assert_uint_eq(all.n, 39);
    ot_model_free(m);
    /* Entries after it are: the same damage there is refused. */
    sql_on(path, "UPDATE orgtrust_journal SET type = 99 WHERE seq = 340");
    open_fails(path, 0, OT_EFORMAT, "journal entry 340 fails its checksum");
    ot_model_free(ref);
    rm_dir(dir);
}
END_TEST

START_TEST(only_the_latest_checkpoint_is_kept)
{
    char *dir = tmp_dir();
    const char *path = story_store(dir, "a", 5);
    ot_model *m;
    ck_ok(ot_store_open(path, NULL, 0, &m));
    ck_ok(ot_store_checkpoint(m));
    ck_ok(observe_at(m, 5));
    ck_ok(ot_store_checkpoint(m));
    ot_model_free(m);
    sqlite3 *db;
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT count(*), max(seq) FROM orgtrust_checkpoint", -1, &st, NULL),
                     SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    ck_assert_int_eq(sqlite3_column_int(st, 0), 1);
    ck_assert_int_eq(sqlite3_column_int(st, 1), STORY_CALLS + 6);
    sqlite3_finalize(st);
    sqlite3_close(db);
    rm_dir(dir);
}
END_TEST

/* ---- read-only use, other connections ---------------------------------------------------- */

START_TEST(a_reader_refuses_mutations)
{
    char *dir = tmp_dir();
    const char *path = story_store(dir, "a", 3);
    ot_model *m;
    ck_ok(ot_store_open(path, NULL, OT_STORE_READONLY, &m));
    ot_state before = ot_state_of(m);
    ck_status(ot_org_add(m, "Provincie", OT_NONE, NULL), OT_ESTATE);
    ck_msg_has("read-only");
    ck_status(ot_observe(m, ROY, FATIMA, OT_DELIVERED, 1.0, 100.0), OT_ESTATE);
    ot_observation o = obs_at(3);
    ck_status(ot_observe_batch(m, &o, 1, NULL), OT_ESTATE);
    ck_status(ot_tie_set(m, 0, OT_TIE_AFFECT, 0.5), OT_ESTATE);
    ck_status(ot_impose_general_rule(m, G, 100.0), OT_ESTATE);
    ck_status(ot_store_begin(m), OT_ESTATE);
    ck_msg_has("opened read-only");
    ck_status(ot_store_checkpoint(m), OT_ESTATE);
    ck_status(ot_store_commit(m), OT_ESTATE);
    ck_status(ot_store_rollback(m), OT_ESTATE);
    ck_unchanged(m, before);
    ot_model_free(m);
    rm_dir(dir);
}
END_TEST

START_TEST(a_reader_opens_while_a_writer_works)
{
    char *dir = tmp_dir();
    const char *path = story_store(dir, "a", 0);
    ot_model *w, *r, *ref = reference(0);
    ck_ok(ot_store_open(path, NULL, 0, &w));
    ck_ok(ot_store_begin(w)); /* the writer holds the write lock */
    ck_ok(observe_at(w, 0));
    ck_ok(ot_store_open(path, NULL, OT_STORE_READONLY, &r));
    ck_assert_uint_eq(digest_of(r), digest_of(ref));
    ck_ok(ot_store_commit(w));
    ck_ok(observe_at(w, 1));
    /* The reader shows the store as it was when opened. */
    ck_assert_uint_eq(digest_of(r), digest_of(ref));
    ot_model_free(r);
    ck_ok(ot_store_open(path, NULL, OT_STORE_READONLY, &r));
    ck_assert_uint_eq(digest_of(r), digest_of(w));
    ot_model_free(r);
    ot_model_free(w);
    ot_model_free(ref);
    rm_dir(dir);
}
END_TEST

START_TEST(a_second_writer_cannot_fork_the_journal)
{
    char *dir = tmp_dir();
    const char *path = story_store(dir, "a", 0);
    ot_model *a, *b;
    ck_ok(ot_store_open(path, NULL, 0, &a));
    ck_ok(ot_store_open(path, NULL, 0, &b));
    ck_ok(observe_at(a, 0));
    ot_state before = ot_state_of(b);
    ck_status(observe_at(b, 0), OT_ESTATE);
    ck_msg_has("another connection");
    ck_unchanged(b, before);
    ot_observation two[2] = {obs_at(0), obs_at(1)};
    ck_status(ot_observe_batch(b, two, 2, NULL), OT_ESTATE);
    ck_status(ot_store_begin(b), OT_ESTATE);
    ck_msg_has("another connection");
    ck_status(ot_store_checkpoint(b), OT_ESTATE);
    ck_unchanged(b, before);
    /* b's failures left no transaction open: a writes on at once. */
    ck_ok(observe_at(a, 1));
    ot_model_free(b);
    ot_model_free(a);
    ot_model *ref = reference(2);
    ck_store_is(path, ref);
    ot_model_free(ref);
    rm_dir(dir);
}
END_TEST

/* A writer that finds the store locked by another (a unit open elsewhere)
 * waits 5 s, then gets OT_EBUSY, not OT_EIO, with nothing changed; once the
 * lock is gone the same call goes through. */
START_TEST(a_locked_store_is_busy)
{
    char *dir = tmp_dir();
    const char *path = story_store(dir, "a", 0);
    ot_model *a, *b;
    ck_ok(ot_store_open(path, NULL, 0, &a));
    ck_ok(ot_store_open(path, NULL, 0, &b));
    ck_ok(ot_store_begin(b)); /* b holds the write lock */
    ot_state before = ot_state_of(a);
    ck_status(observe_at(a, 0), OT_EBUSY);
    ck_msg_has("is locked by another writer");
    ck_msg_has("the call changed nothing");
    ck_unchanged(a, before);
    ck_ok(ot_store_rollback(b)); /* b wrote nothing: a may go on */
    ck_ok(observe_at(a, 0));
    ot_model_free(b);
    ot_model_free(a);
    ot_model *ref = reference(1);
    ck_store_is(path, ref);
    ot_model_free(ref);
    rm_dir(dir);
}
END_TEST

/* ---- configuration ------------------------------------------------------------------------ */

START_TEST(the_store_keeps_its_configuration)
{
    char *dir = tmp_dir();
    const char *path = in_dir(dir, "a");
    ot_config *c, *other;
    const char *names[4] = {"werkvloer", "team", "directie", "bestuur"};
    ck_ok(ot_config_new(&c));
    ck_ok(ot_config_set(c, OT_PARAM_GAIN_RATE, 0.1));
    ck_ok(ot_config_set_layers(c, 4, names));
    ot_model *m;
    ck_ok(ot_store_open(path, c, OT_STORE_CREATE, &m));
    ot_model_free(m);
    /* NULL takes the stored configuration; an equal one is accepted. */
    ck_ok(ot_store_open(path, NULL, 0, &m));
    double g = 0;
    unsigned n = 0;
    ck_ok(ot_model_param(m, OT_PARAM_GAIN_RATE, &g));
    ck_ok(ot_model_layers(m, &n));
    ck_assert(g == 0.1);
    ck_assert_uint_eq(n, 4);
    ck_assert_str_eq(ot_layer_name(m, 3), "bestuur");
    ot_model_free(m);
    ck_ok(ot_store_open(path, c, OT_STORE_READONLY, &m));
    ot_model_free(m);
    /* A different one is refused, naming what differs. */
    ck_ok(ot_config_new(&other));
    ck_ok(ot_config_set_layers(other, 4, names));
    m = NULL;
    ck_status(ot_store_open(path, other, 0, &m), OT_EINVAL);
    ck_msg_has("gain_rate = 0.050000000000000003");
    ck_ok(ot_config_set(other, OT_PARAM_GAIN_RATE, 0.1));
    const char *renamed[4] = {"werkvloer", "team", "directie", "raad"};
    ck_ok(ot_config_set_layers(other, 4, renamed));
    ck_status(ot_store_open(path, other, 0, &m), OT_EINVAL);
    ck_msg_has("names layer 3 \"raad\"");
    ck_ok(ot_config_set_layers(other, 3, NULL));
    ck_status(ot_store_open(path, other, 0, &m), OT_EINVAL);
    ck_msg_has("c has 3 layers");
    ck_assert_ptr_null(m);
    ot_config_free(other);
    ot_config_free(c);
    rm_dir(dir);
}
END_TEST

/* ---- damaged, foreign and newer files ------------------------------------------------------ */

START_TEST(random_bytes_are_not_a_store)
{
    char *dir = tmp_dir();
    const char *path = in_dir(dir, "noise");
    unsigned char noise[8192];
    uint64_t x = 88172645463325252ULL;
    for (size_t i = 0; i < sizeof noise; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        noise[i] = (unsigned char)x;
    }
    write_file(path, noise, sizeof noise);
    open_fails(path, 0, OT_EFORMAT, "not a database");
    open_fails(path, OT_STORE_CREATE, OT_EFORMAT, "not a database");
    open_fails(path, OT_STORE_READONLY, OT_EFORMAT, "not a database");
    write_file(path, "orgtrust", 8); /* shorter than SQLite's header */
    open_fails(path, 0, OT_EFORMAT, NULL);
    rm_dir(dir);
}
END_TEST

static long file_size(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fclose(f);
    return n;
}

START_TEST(a_truncated_store_is_refused)
{
    char *dir = tmp_dir();
    char path[1024];
    snprintf(path, sizeof path, "%s", story_store(dir, "a", 2000));
    ot_model *m;
    ck_ok(ot_store_open(path, NULL, 0, &m));
    ck_ok(ot_store_checkpoint(m));
    ot_model_free(m); /* the last connection folds the WAL into the file */
    long size = file_size(path);
    ck_assert_int_gt(size, 8 * 4096);
    /* (A cut inside the last page may lose only unused bytes: SQLite reads
     * the missing tail as zeros, and the state is whole.) */
    static const long cut[] = {50, 100, 4096, 3 * 4096, 12 * 4096, -4096};
    for (size_t i = 0; i < sizeof cut / sizeof cut[0]; i++) {
        const char *copy = in_dir(dir, "cut");
        long n = cut[i] > 0 ? cut[i] : size + cut[i];
        FILE *f = fopen(path, "rb");
        char *buf = malloc((size_t)n);
        ck_assert(fread(buf, 1, (size_t)n, f) == (size_t)n);
        fclose(f);
        write_file(copy, buf, (size_t)n);
        free(buf);
        int rc = ot_store_open(copy, NULL, OT_STORE_READONLY, &m);
        ck_assert_msg(rc == OT_EFORMAT, "cut at %ld of %ld: %d", n, size, rc);
        ck_assert_msg(strstr(ot_last_error(), "damaged") || strstr(ot_last_error(), "malformed") ||
                          strstr(ot_last_error(), "not a database"),
                      "cut at %ld: %s", n, ot_last_error());
        unlink(copy);
    }
    rm_dir(dir);
}
END_TEST

START_TEST(a_foreign_sqlite_file_is_refused)
{
    char *dir = tmp_dir();
    const char *path = in_dir(dir, "hr.db");
    sql_on(path, "CREATE TABLE employee(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO employee VALUES(1, 'Roy')");
    open_fails(path, 0, OT_EFORMAT, "without the table orgtrust_format");
    open_fails(path, OT_STORE_CREATE, OT_EFORMAT, "not an orgtrust store");
    /* Our table's name with another definition. */
    const char *p2 = in_dir(dir, "lookalike.db");
    sql_on(p2, "CREATE TABLE orgtrust_format(version TEXT)");
    open_fails(p2, 0, OT_EFORMAT, "unexpected definition");
    rm_dir(dir);
}
END_TEST

START_TEST(a_newer_format_version_is_refused)
{
    char *dir = tmp_dir();
    const char *path = story_store(dir, "a", 0);
    sql_on(path, "UPDATE orgtrust_format SET version = 4");
    open_fails(path, 0, OT_EFORMAT, "format version 4, newer than version 3");
    open_fails(path, OT_STORE_READONLY, OT_EFORMAT, "open it with a newer liborgtrust");
    sql_on(path, "UPDATE orgtrust_format SET version = 0");
    open_fails(path, 0, OT_EFORMAT, "format version 0");
    /* A version-2 store that claims to be of version 1 (liborgtrust 1.0). */
    sql_on(path, "UPDATE orgtrust_format SET version = 1");
    open_fails(path, 0, OT_EFORMAT, "holds the table orgtrust_model, which format 1 does not have");
    sql_on(path, "UPDATE orgtrust_format SET version = 3; INSERT INTO orgtrust_format VALUES(3, 'x')");
    open_fails(path, 0, OT_EFORMAT, "more than one row");
    rm_dir(dir);
}
END_TEST

START_TEST(objects_outside_the_format_are_refused)
{
    char *dir = tmp_dir();
    const char *path = story_store(dir, "a", 0);
    sql_on(path, "CREATE TRIGGER t AFTER INSERT ON orgtrust_journal BEGIN DELETE FROM orgtrust_config; END");
    open_fails(path, 0, OT_EFORMAT, "holds trigger \"t\"");
    sql_on(path, "DROP TRIGGER t; CREATE TABLE notes(x)");
    open_fails(path, 0, OT_EFORMAT, "holds table \"notes\"");
    sql_on(path, "DROP TABLE notes; DROP TABLE orgtrust_checkpoint");
    open_fails(path, 0, OT_EFORMAT, "lacks the table orgtrust_checkpoint");
    rm_dir(dir);
}
END_TEST

/* Each edit damages one thing in a fresh copy of a store with the story
 * and 20 observations (55 entries); the open names it. An edit of an entry
 * breaks the chain at that entry (`chain`); with the chain rewritten over
 * the edit (reseal(): no signature stops that), the replay still names
 * what is wrong with it. */
static const struct {
    const char *sql, *needle;
    int chain;
} DAMAGE[] = {
    /* entries that no longer validate */
    {"UPDATE orgtrust_journal SET t = 0.5 WHERE seq = 50", "journal entry 50 no longer validates: ot_observe_batch", 50},
    {"UPDATE orgtrust_journal SET a = 99 WHERE seq = 30", "journal entry 30 no longer validates: ot_disrupt", 30},
    {"UPDATE orgtrust_journal SET name = CAST(X'ff' AS TEXT) WHERE seq = 1",
     "journal entry 1 no longer validates: ot_org_add: name is not valid UTF-8", 1},
    {"UPDATE orgtrust_journal SET a = 7 WHERE seq = 14", "journal entry 14 no longer validates: ot_tie_add made tie 0",
     14},
    {"UPDATE orgtrust_journal SET kind = 9 WHERE seq = 24", "journal entry 24 no longer validates: ot_observe", 24},
    {"UPDATE orgtrust_journal SET x = 20.0 WHERE seq = 13",
     "journal entry 13 no longer validates: ot_actor_set_propensity", 13},
    /* entries that are damaged */
    {"UPDATE orgtrust_journal SET type = 250 WHERE seq = 3", "journal entry 3 is damaged (column type)", 3},
    {"UPDATE orgtrust_journal SET a = -1 WHERE seq = 3", "journal entry 3 is damaged (column a)", 3},
    {"UPDATE orgtrust_journal SET b = 4294967296 WHERE seq = 3", "journal entry 3 is damaged (column b)", 3},
    {"UPDATE orgtrust_journal SET x = 'one' WHERE seq = 40", "journal entry 40 is damaged (column x)", 40},
    {"UPDATE orgtrust_journal SET t = X'00' WHERE seq = 40", "journal entry 40 is damaged (column t)", 40},
    {"UPDATE orgtrust_journal SET name = NULL WHERE seq = 4", "journal entry 4 is damaged (column name)", 4},
    {"UPDATE orgtrust_journal SET name = 'x' WHERE seq = 40", "journal entry 40 is damaged (column name)", 40},
    {"UPDATE orgtrust_journal SET name = CAST(X'526f790079' AS TEXT) WHERE seq = 6",
     "entry 6 is damaged (column name)", 6},
    {"UPDATE orgtrust_journal SET hash = X'00' WHERE seq = 7", "entry 7 is damaged (column hash)", 0},
    {"UPDATE orgtrust_journal SET hash = NULL WHERE seq = 55", "entry 55 is damaged (column hash)", 0},
    {"DELETE FROM orgtrust_journal WHERE seq = 20", "journal entry 20 is missing", 0},
    {"DELETE FROM orgtrust_journal WHERE seq = 1", "journal entry 1 is missing", 0},
    {"UPDATE orgtrust_journal SET seq = 70 WHERE seq = 55", "journal entry 55 is missing", 0},
    /* the configuration */
    {"UPDATE orgtrust_config SET value = 7.0 WHERE param = 1", "the stored configuration is refused", 0},
    {"UPDATE orgtrust_config SET value = 1 WHERE param = 1", "a parameter row of the configuration is malformed", 0},
    /* parameters are read by name: one this build does not know comes from a
     * newer orgtrust (a missing one takes its default: test_store_compat.c) */
    {"UPDATE orgtrust_config SET name = 'speed' WHERE param = 2", "parameter \"speed\" that liborgtrust", 0},
    {"INSERT INTO orgtrust_config VALUES(99, 'new', 1.0)", "a newer orgtrust wrote the store", 0},
    {"INSERT INTO orgtrust_config VALUES(99, 'gain_rate', 0.5)", "a parameter row of the configuration is malformed", 0},
    {"DELETE FROM orgtrust_model", "does not hold one model version", 0},
    {"UPDATE orgtrust_model SET version = 3", "written for model version 3, newer than version 2", 0},
    {"UPDATE orgtrust_format SET version = 1", "holds the table orgtrust_model, which format 1 does not have", 0},
    {"DROP TABLE orgtrust_model", "lacks the table orgtrust_model of format 3", 0},
    {"DELETE FROM orgtrust_layer", "no layers", 0},
    {"UPDATE orgtrust_layer SET layer = 5 WHERE layer = 2", "a layer row is malformed", 0},
    {"UPDATE orgtrust_layer SET name = '' WHERE layer = 1", "the stored layers are refused", 0},
    {"UPDATE orgtrust_config SET value = 0.9 WHERE param = 5", "the stored configuration is refused", 0},
    /* a valid configuration, but not the one the history was made with:
     * the chain starts from the configuration */
    {"UPDATE orgtrust_config SET value = 0.1 WHERE param = 1", "journal entry 1 fails its checksum", 0},
    {"UPDATE orgtrust_layer SET name = 'werkvloer' WHERE layer = 0", "journal entry 1 fails its checksum", 0},
    {"DELETE FROM orgtrust_config WHERE param = 29", "journal entry 1 fails its checksum", 0},
    /* the chain's own table */
    {"UPDATE orgtrust_chain SET algorithm = 'md5'", "its checksum chain uses \"md5\"", 0},
    {"DELETE FROM orgtrust_chain", "table orgtrust_chain has no row", 0},
};

START_TEST(damage_is_named)
{
    char *dir = tmp_dir();
    const char *path = story_store(dir, "a", 20);
    FILE *f = fopen(path, "rb");
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    ck_assert_uint_lt(n, sizeof buf);
    for (size_t i = 0; i < sizeof DAMAGE / sizeof DAMAGE[0]; i++) {
        const char *copy = in_dir(dir, "copy");
        write_file(copy, buf, n);
        sql_on(copy, DAMAGE[i].sql);
        ot_model *m = (ot_model *)&m;
        int rc = ot_store_open(copy, NULL, OT_STORE_READONLY, &m);
        char chain[64];
        snprintf(chain, sizeof chain, "journal entry %d fails its checksum", DAMAGE[i].chain);
        const char *want = DAMAGE[i].chain ? chain : DAMAGE[i].needle;
        ck_assert_msg(rc == OT_EFORMAT && strstr(ot_last_error(), want), "%s: got %d \"%s\", wanted OT_EFORMAT \"%s\"",
                      DAMAGE[i].sql, rc, ot_last_error(), want);
        ck_assert_ptr_eq(m, (ot_model *)&m);
        if (DAMAGE[i].chain) {
            reseal(copy);
            rc = ot_store_open(copy, NULL, OT_STORE_READONLY, &m);
            ck_assert_msg(rc == OT_EFORMAT && strstr(ot_last_error(), DAMAGE[i].needle),
                          "%s, resealed: got %d \"%s\", wanted OT_EFORMAT \"%s\"", DAMAGE[i].sql, rc, ot_last_error(),
                          DAMAGE[i].needle);
            ck_assert_ptr_eq(m, (ot_model *)&m);
        }
        unlink(copy);
    }
    rm_dir(dir);
}
END_TEST

static const struct {
    const char *sql, *needle;
} CHECKPOINT_DAMAGE[] = {
    /* The second-lowest byte of the last double (the last tie's deception
     * scar, 0): the snapshot still parses (a tiny scar); the digest catches
     * it. */
    {"UPDATE orgtrust_checkpoint SET snapshot = CAST(substr(snapshot, 1, length(snapshot) - 8) || X'55' || "
     "substr(snapshot, length(snapshot) - 6) AS BLOB)",
     "fails its digest check"},
    {"UPDATE orgtrust_checkpoint SET snapshot = substr(snapshot, 1, 100)",
     "the checkpoint after journal entry 57 is damaged"},
    {"UPDATE orgtrust_checkpoint SET snapshot = X'00'", "not an orgtrust snapshot"},
    {"UPDATE orgtrust_checkpoint SET snapshot = 'text'", "the checkpoint row is malformed"},
    {"UPDATE orgtrust_checkpoint SET digest = digest + 1", "fails its digest check"},
    {"UPDATE orgtrust_checkpoint SET seq = 58",
     "the checkpoint is after journal entry 58 but the journal ends at entry 57"},
    {"UPDATE orgtrust_checkpoint SET seq = -1", "the checkpoint row is malformed"},
};

START_TEST(a_damaged_checkpoint_is_named)
{
    char *dir = tmp_dir();
    const char *path = story_store(dir, "a", 20);
    ot_model *m;
    ck_ok(ot_store_open(path, NULL, 0, &m));
    ck_ok(ot_store_checkpoint(m));
    ot_model_free(m);
    FILE *f = fopen(path, "rb");
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    for (size_t i = 0; i < sizeof CHECKPOINT_DAMAGE / sizeof CHECKPOINT_DAMAGE[0]; i++) {
        const char *copy = in_dir(dir, "copy");
        write_file(copy, buf, n);
        sql_on(copy, CHECKPOINT_DAMAGE[i].sql);
        m = (ot_model *)&m;
        int rc = ot_store_open(copy, NULL, 0, &m);
        ck_assert_msg(rc == OT_EFORMAT && strstr(ot_last_error(), CHECKPOINT_DAMAGE[i].needle),
                      "%s: got %d \"%s\", wanted OT_EFORMAT \"%s\"", CHECKPOINT_DAMAGE[i].sql, rc, ot_last_error(),
                      CHECKPOINT_DAMAGE[i].needle);
        ck_assert_ptr_eq(m, (ot_model *)&m);
        unlink(copy);
    }
    rm_dir(dir);
}
END_TEST

/* ---- saving a model as a store ------------------------------------------------------------------ */

START_TEST(a_model_saved_as_a_store_reopens_identical)
{
    char *dir = tmp_dir();
    const char *path = in_dir(dir, "saved");
    ot_model *ref = reference(100), *m;
    ck_ok(ot_store_save(ref, path));
    ck_ok(ot_store_open(path, NULL, OT_STORE_READONLY, &m));
    ck_assert_uint_eq(digest_of(m), digest_of(ref));
    ck_assert_uint_eq(count_of(m, OT_EVENTS), STORY_CALLS + 100);
    /* A store-bound model saves a copy of its store. */
    const char *copy = in_dir(dir, "copy");
    ck_ok(ot_store_save(m, copy));
    ot_model_free(m);
    ck_store_is(copy, ref);
    /* Only into a new file. */
    ck_status(ot_store_save(ref, path), OT_EEXIST);
    ck_msg_has("already a store");
    const char *foreign = in_dir(dir, "foreign");
    sql_on(foreign, "CREATE TABLE employee(id)");
    ck_status(ot_store_save(ref, foreign), OT_EFORMAT);
    ck_assert_int_eq(access(foreign, F_OK), 0); /* left alone */
    ck_status(ot_store_save(NULL, path), OT_EINVAL);
    ck_status(ot_store_save(ref, NULL), OT_EINVAL);
    ot_model_free(ref);
    /* A model that dropped its events cannot be one. */
    ot_config *c;
    ck_ok(ot_config_new(&c));
    ck_ok(ot_config_set(c, OT_PARAM_KEEP_EVENTS, 0));
    ck_ok(ot_model_new(c, &ref));
    const char *none = in_dir(dir, "none");
    ck_status(ot_store_save(ref, none), OT_ENOTSUP);
    ck_msg_has("keep_events = 0");
    ck_assert_int_ne(access(none, F_OK), 0);
    ot_model_free(ref);
    ot_config_free(c);
    rm_dir(dir);
}
END_TEST


/* ---- texts (lib/texts.c) ------------------------------------------------------ */

START_TEST(texts_survive_reopening_and_checkpoints)
{
    char *dir = tmp_dir();
    const char *path = in_dir(dir, "texts.otstore");
    ot_model *m, *ref = reference(0);
    ck_ok(ot_store_open(path, NULL, OT_STORE_CREATE, &m));
    ck_ok(ot_model_set_description(m, "het verhaal van Roy en Fatima"));
    ck_ok(ot_model_set_epoch(m, "2025-01-06"));
    ck_ok(story(m));
    ck_ok(ot_disruption_set_label(m, 1, "watertoets-2"));
    ck_ok(ot_note(m, "Fatima belt terug"));
    /* Texts change no value: the digest is the story's. */
    ck_assert_uint_eq(digest_of(m), digest_of(ref));
    ck_assert_uint_eq(count_of(m, OT_EVENTS), STORY_CALLS + 4);
    ot_model_free(m);
    for (int round = 0; round < 2; round++) {
        /* Reopened from the journal, then (round 1) from a checkpoint. */
        ck_ok(ot_store_open(path, NULL, 0, &m));
        ck_assert_uint_eq(digest_of(m), digest_of(ref));
        ck_assert_str_eq(ot_model_description(m), "het verhaal van Roy en Fatima");
        ck_assert_str_eq(ot_model_epoch(m), "2025-01-06");
        ck_assert_str_eq(ot_disruption_label(m, 1), "watertoets-2");
        ck_assert_ptr_null(ot_disruption_label(m, 0));
        ck_assert_uint_eq(count_of(m, OT_EVENTS), STORY_CALLS + 4 + (size_t)round); /* + round 0's note */
        ck_ok(ot_note(m, round ? "weer open" : "open")); /* an event is there to note */
        if (!round)
            ck_ok(ot_store_checkpoint(m));
        ot_model_free(m);
    }
    ck_ok(ot_store_verify(path));
    ot_model_free(ref);
    rm_dir(dir);
}
END_TEST
static Suite *suite(void)
{
    Suite *s = suite_create("store");
    TCase *tc = tcase_create("basics");
    tcase_set_timeout(tc, 60); /* fsync is slow on some machines */
    tcase_add_test(tc, texts_survive_reopening_and_checkpoints);
    tcase_add_test(tc, create_then_reopen_gives_the_same_model);
    tcase_add_test(tc, numbers_come_back_bit_for_bit);
    tcase_add_test(tc, an_empty_file_becomes_a_store_only_when_asked);
    tcase_add_test(tc, bad_arguments);
    tcase_add_test(tc, every_call_is_visible_to_a_reader_when_it_returns);
    tcase_add_test(tc, a_batch_is_one_call_all_or_nothing);
    tcase_add_test(tc, export_reads_every_event_from_the_journal);
    suite_add_tcase(s, tc);
    tc = tcase_create("units and checkpoints");
    tcase_set_timeout(tc, 60); /* fsync is slow on some machines */
    tcase_add_test(tc, a_unit_becomes_visible_and_durable_at_commit);
    tcase_add_test(tc, rollback_restores_disk_and_memory_as_at_begin);
    tcase_add_test(tc, lifecycle_events_are_journalled_and_replayed);
    tcase_add_test(tc, timeboxes_are_stored);
    tcase_add_test(tc, checkpoint_reopens_bit_identical_and_replays_only_what_follows);
    tcase_add_test(tc, only_the_latest_checkpoint_is_kept);
    suite_add_tcase(s, tc);
    tc = tcase_create("sharing");
    tcase_set_timeout(tc, 60); /* fsync is slow on some machines */
    tcase_add_test(tc, a_reader_refuses_mutations);
    tcase_add_test(tc, a_reader_opens_while_a_writer_works);
    tcase_add_test(tc, a_second_writer_cannot_fork_the_journal);
    tcase_add_test(tc, a_locked_store_is_busy);
    tcase_add_test(tc, the_store_keeps_its_configuration);
    suite_add_tcase(s, tc);
    tc = tcase_create("damage");
    tcase_set_timeout(tc, 60); /* fsync is slow on some machines */
    tcase_add_test(tc, random_bytes_are_not_a_store);
    tcase_add_test(tc, a_truncated_store_is_refused);
    tcase_add_test(tc, a_foreign_sqlite_file_is_refused);
    tcase_add_test(tc, a_newer_format_version_is_refused);
    tcase_add_test(tc, objects_outside_the_format_are_refused);
    tcase_add_test(tc, damage_is_named);
    tcase_add_test(tc, a_damaged_checkpoint_is_named);
    suite_add_tcase(s, tc);
    tc = tcase_create("save");
    tcase_set_timeout(tc, 60); /* fsync is slow on some machines */
    tcase_add_test(tc, a_model_saved_as_a_store_reopens_identical);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ot_run_suite_skipping(suite(), ot_have_jansson() ? NULL
                                                            : "export_reads_every_event_from_the_journal does not "
                                                              "compare the store's scenario export with the model's: "
                                                              "this build has no jansson (ORGTRUST_WITH_JANSSON=OFF)");
}
