/* lib/store_chain.c, lib/store_verify.c and the backup in lib/store.c: a
 * history you can prove (docs/store.md, "The checksum chain"). Damage is
 * made with SQLite's own tools on a copy; every expected entry number is
 * the one the damage was made in; every expected state is an in-memory
 * model fed the same calls (store_util.h), compared by digest. */
#define _POSIX_C_SOURCE 200809L /* as store_util.h: before any system header */

#include "record.h"
#include "store.h"
#include "store_chain.h" /* before store_util.h: reseal() */

#define STORE_UTIL_STORY_1_0 /* entry numbers as in the 1.0 fixture */
#include "store_util.h"

#include <inttypes.h>
#include <sqlite3.h>

#ifndef OT_FIXTURES
#error "OT_FIXTURES (the directory of tests/fixtures) must be defined"
#endif

static void verify_fails(const char *path, const char *needle, const char *what)
{
    int rc = ot_store_verify(path);
    ck_assert_msg(rc == OT_EFORMAT && strstr(ot_last_error(), needle), "%s: verify gave %d \"%s\", wanted \"%s\"",
                  what, rc, ot_last_error(), needle);
}

/* The report of ot_store_verify_report(); free with ot_free. */
static char *report_of(const char *path)
{
    char *json = NULL;
    size_t len = 0;
    ck_ok(ot_store_verify_report(path, &json, &len));
    ck_assert_uint_eq(strlen(json), len);
    return json;
}

static void report_has(const char *json, const char *needle)
{
    ck_assert_msg(strstr(json, needle), "report %s lacks %s", json, needle);
}

/* A closed store at path: the story, observations [0, n), a checkpoint
 * after observation cp - 1 (none when cp > n). */
static void make_store(const char *path, uint64_t n, uint64_t cp)
{
    ot_model *m;
    ck_ok(ot_store_open(path, NULL, OT_STORE_CREATE, &m));
    ck_ok(story(m));
    ck_ok(ot_store_begin(m));
    for (uint64_t i = 0; i < n; i++) {
        if (i == cp) {
            ck_ok(ot_store_commit(m));
            ck_ok(ot_store_checkpoint(m));
            ck_ok(ot_store_begin(m));
        }
        ck_ok(observe_at(m, i));
    }
    ck_ok(ot_store_commit(m));
    if (cp == n)
        ck_ok(ot_store_checkpoint(m));
    ot_model_free(m);
}

static int format_of(const char *path)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT version FROM orgtrust_format", -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    int v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static int count_events(void *arg, const oti_event *ev, const char *name)
{
    (void)ev, (void)name;
    ++*(size_t *)arg;
    return 0;
}

/* ---- a sound store ---------------------------------------------------------- */

START_TEST(a_sound_store_verifies_and_says_what_was_checked)
{
    char *dir = tmp_dir();
    const char *path = in_dir(dir, "a");
    /* The story (35 calls), 20 observations with a checkpoint after the
     * 10th (entry 45): 55 entries. */
    make_store(path, 20, 10);
    ot_model *ref = reference(20);
    ck_ok(ot_store_verify(path));
    char *json = report_of(path);
    report_has(json, "\"format\": 3, \"entries\": 55, \"chained_from\": 1, \"sealed\": 0");
    report_has(json, "\"checkpoints\": [{\"entry\": 45, \"digest\": \"");
    char digest[64];
    snprintf(digest, sizeof digest, "\"digest\": \"%016" PRIx64 "\"}", digest_of(ref));
    report_has(json, digest);
    /* The chain head: 32 hex digits, the same in a second verify. */
    const char *head = strstr(json, "\"chain_head\": \"");
    ck_assert_ptr_nonnull(head);
    ck_assert_uint_eq(strcspn(head + 15, "\""), 32);
    char *again = report_of(path);
    ck_assert_str_eq(json, again);
    ot_free(again);
    ot_free(json);
    /* The checkpoint's seal is the journal's: reopening checks it. */
    ck_store_is(path, ref);
    ot_model_free(ref);
    /* An empty store verifies too. */
    const char *empty = in_dir(dir, "empty");
    ot_model *m;
    ck_ok(ot_store_open(empty, NULL, OT_STORE_CREATE, &m));
    ot_model_free(m);
    json = report_of(empty);
    report_has(json, "\"entries\": 0");
    ot_free(json);
    rm_dir(dir);
}
END_TEST

START_TEST(verify_refuses_what_is_not_a_store)
{
    char *dir = tmp_dir();
    ck_status(ot_store_verify(NULL), OT_EINVAL);
    ck_msg_has("path is NULL");
    ck_status(ot_store_verify(""), OT_EINVAL);
    ck_status(ot_store_verify(in_dir(dir, "missing")), OT_EIO);
    ck_msg_has("does not exist");
    char *json = (char *)&json;
    ck_status(ot_store_verify_report(in_dir(dir, "missing"), &json, NULL), OT_EIO);
    ck_assert_ptr_eq(json, (char *)&json);
    ck_status(ot_store_verify_report(in_dir(dir, "missing"), NULL, NULL), OT_EINVAL);
    const char *hr = in_dir(dir, "hr.db");
    sql_on(hr, "CREATE TABLE employee(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO employee VALUES(1, 'Roy')");
    verify_fails(hr, "not an orgtrust store", "a foreign SQLite file");
    const char *text = in_dir(dir, "text");
    write_file(text, "orgtrust store? no: plain text, and long enough to be no SQLite header at all", 78);
    verify_fails(text, "not a database", "a text file");
    const char *none = in_dir(dir, "empty");
    write_file(none, "", 0);
    verify_fails(none, "is empty", "an empty file");
    ck_assert_int_eq(access(none, F_OK), 0);
    rm_dir(dir);
}
END_TEST

/* ---- every bit of every row -------------------------------------------------- */

static const char *const COLUMNS[] = {"seq", "type", "kind", "flag", "a", "b", "c", "d", "x", "t", "name", "hash"};
#define NCOLUMNS (sizeof COLUMNS / sizeof COLUMNS[0])

/* Set column col of row seq to value v (type and bytes as given); the
 * SQLite result code. */
static int set_column(sqlite3 *db, const char *col, sqlite3_int64 seq, int type, sqlite3_int64 i, double f,
                      const void *p, int n)
{
    char sql[128];
    snprintf(sql, sizeof sql, "UPDATE orgtrust_journal SET %s = ?1 WHERE seq = ?2", col);
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    if (type == SQLITE_INTEGER)
        sqlite3_bind_int64(st, 1, i);
    else if (type == SQLITE_FLOAT)
        sqlite3_bind_double(st, 1, f);
    else if (type == SQLITE_TEXT)
        sqlite3_bind_text(st, 1, p, n, SQLITE_TRANSIENT);
    else
        sqlite3_bind_blob(st, 1, p, n, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, seq);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The sweep: each bit of each column of each journal row flipped, one at
 * a time, on a copy of the store (each flip undone before the next); verify
 * must name the row's entry. Under valgrind (CK_FORK=no) every 37th bit. */
START_TEST(every_bit_flip_is_found_at_its_entry)
{
    char *dir = tmp_dir();
    char path[1024];
    snprintf(path, sizeof path, "%s", in_dir(dir, "pristine"));
    /* The story's 23 structure calls (a whole link each: every call is a
     * write of its own), a batch of two observations (entry 24 keeps the
     * short link, 25 the whole one), a checkpoint, and another batch of two
     * (26 short, 27 whole): 27 rows, two after the checkpoint. */
    ot_model *m;
    ck_ok(ot_store_open(path, NULL, OT_STORE_CREATE, &m));
    ck_ok(story_structure(m));
    ot_observation two[2] = {obs_at(0), obs_at(1)};
    ck_ok(ot_observe_batch(m, two, 2, NULL));
    ck_ok(ot_store_checkpoint(m));
    two[0] = obs_at(2);
    two[1] = obs_at(3);
    ck_ok(ot_observe_batch(m, two, 2, NULL));
    ot_model_free(m);
    const char *copy = in_dir(dir, "copy");
    copy_file(path, copy);
    ck_ok(ot_store_verify(copy));
    const char *valgrind = getenv("CK_FORK");
    int stride = valgrind && strcmp(valgrind, "no") == 0 ? 37 : 1;
    const sqlite3_int64 rows = 27;
    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open(copy, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, "PRAGMA synchronous = OFF", NULL, NULL, NULL), SQLITE_OK);
    long flips = 0, found = 0, unstorable = 0;
    for (sqlite3_int64 seq = 1; seq <= rows; seq++) {
        for (size_t c = 0; c < NCOLUMNS; c++) {
            char sql[96];
            snprintf(sql, sizeof sql, "SELECT %s FROM orgtrust_journal WHERE seq = ?1", COLUMNS[c]);
            sqlite3_stmt *st;
            ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
            sqlite3_bind_int64(st, 1, seq);
            ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
            int type = sqlite3_column_type(st, 0);
            sqlite3_int64 iv = sqlite3_column_int64(st, 0);
            double fv = sqlite3_column_double(st, 0);
            unsigned char bytes[256];
            int n = sqlite3_column_bytes(st, 0);
            ck_assert_int_le(n, (int)sizeof bytes);
            if (n)
                memcpy(bytes, type == SQLITE_TEXT ? (const void *)sqlite3_column_text(st, 0) : sqlite3_column_blob(st, 0),
                       (size_t)n);
            sqlite3_finalize(st);
            int nbits = type == SQLITE_INTEGER || type == SQLITE_FLOAT ? 64
                        : type == SQLITE_TEXT || type == SQLITE_BLOB  ? 8 * n
                                                                      : 0;
            for (int bit = (int)((seq * 13 + (sqlite3_int64)c) % stride); bit < nbits; bit += stride) {
                sqlite3_int64 ni = iv;
                double nf = fv;
                unsigned char nb[256];
                memcpy(nb, bytes, (size_t)n);
                if (type == SQLITE_INTEGER) {
                    ni = (sqlite3_int64)((uint64_t)iv ^ (1ULL << bit));
                } else if (type == SQLITE_FLOAT) {
                    uint64_t u;
                    memcpy(&u, &fv, 8);
                    u ^= 1ULL << bit;
                    memcpy(&nf, &u, 8);
                } else {
                    nb[bit / 8] ^= (unsigned char)(1u << (bit % 8));
                }
                /* A row moved onto another entry's number would destroy
                 * that row too: not a one-bit flip of one row. */
                if (c == 0 && ni >= 1 && ni <= rows)
                    continue;
                /* SQLite cannot hold a NaN (it stores NULL, which the
                 * column refuses): not a flip the file can show. */
                if (set_column(db, COLUMNS[c], seq, type, ni, nf, nb, n) != SQLITE_OK) {
                    unstorable++;
                    continue;
                }
                flips++;
                int rc = ot_store_verify(copy);
                char want[64];
                /* The last row moved before entry 1 leaves a journal that
                 * ends at entry 26 and a row outside it. */
                if (c == 0 && seq == rows && ni < 1)
                    snprintf(want, sizeof want, "rows for entries 1 to %lld", (long long)rows - 1);
                else
                    snprintf(want, sizeof want, "journal entry %lld ", (long long)seq);
                if (rc == OT_EFORMAT && strstr(ot_last_error(), want))
                    found++;
                else
                    ck_abort_msg("entry %lld, column %s, bit %d: verify gave %d \"%s\", wanted \"%s\"", (long long)seq,
                                 COLUMNS[c], bit, rc, ot_last_error(), want);
                ck_assert_int_eq(set_column(db, COLUMNS[c], c == 0 ? ni : seq, type, iv, fv, bytes, n), SQLITE_OK);
            }
        }
    }
    sqlite3_close(db);
    /* Every flip undone: the copy verifies again. */
    ck_ok(ot_store_verify(copy));
    printf("bit flips: %ld of %lld rows' bits flipped one at a time (every %d), %ld found at their entry, %ld not "
           "storable (NaN)\n",
           flips, (long long)rows, stride, found, unstorable);
    ck_assert_int_eq(found, flips);
    ck_assert_int_gt(flips, stride == 1 ? 20000 : 500);
    /* The rows of a batch but its last keep the short link. */
    ck_assert_int_eq(sqlite3_open(copy, &db), SQLITE_OK);
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT group_concat(length(hash)) FROM orgtrust_journal WHERE seq > 22",
                                        -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "16,4,16,4,16");
    sqlite3_finalize(st);
    sqlite3_close(db);
    rm_dir(dir);
}
END_TEST

/* ---- rows cut, deleted, duplicated, reordered; checkpoints edited --------------- */

/* A fresh copy of pristine with sql run on it. */
static const char *damaged(const char *dir, const char *pristine, const char *sql)
{
    const char *copy = in_dir(dir, "copy");
    copy_file(pristine, copy);
    sql_on(copy, sql);
    return copy;
}

START_TEST(rows_cut_deleted_duplicated_or_reordered_are_found)
{
    char *dir = tmp_dir();
    char pristine[1024];
    snprintf(pristine, sizeof pristine, "%s", in_dir(dir, "pristine"));
    make_store(pristine, 20, 10); /* 55 entries, checkpoint after entry 45 */
    sql_on(pristine, "PRAGMA journal_mode = DELETE"); /* one file to copy */

    /* Cut below the checkpoint. */
    const char *p = damaged(dir, pristine, "DELETE FROM orgtrust_journal WHERE seq > 40");
    verify_fails(p, "checkpoint is after journal entry 45 but the journal ends at entry 40", "cut below");
    ot_model *m = (ot_model *)&m;
    ck_status(ot_store_open(p, NULL, 0, &m), OT_EFORMAT);
    /* Cut after it: no chain can tell entries that are not there from
     * entries that never were (docs/store.md); verify says what it saw. */
    p = damaged(dir, pristine, "DELETE FROM orgtrust_journal WHERE seq > 50");
    char *json = report_of(p);
    report_has(json, "\"entries\": 50");
    ot_free(json);
    /* Deleted in the middle. */
    p = damaged(dir, pristine, "DELETE FROM orgtrust_journal WHERE seq = 20");
    verify_fails(p, "journal entry 20 is missing", "deleted");
    /* Duplicated at the end, and before the first entry. */
    p = damaged(dir, pristine,
                "INSERT INTO orgtrust_journal SELECT 56, type, kind, flag, a, b, c, d, x, t, name, hash FROM "
                "orgtrust_journal WHERE seq = 55");
    verify_fails(p, "journal entry 56 fails its checksum", "duplicated at the end");
    ck_status(ot_store_open(p, NULL, 0, &m), OT_EFORMAT);
    ck_msg_has("journal entry 56 fails its checksum");
    p = damaged(dir, pristine,
                "INSERT INTO orgtrust_journal SELECT 0, type, kind, flag, a, b, c, d, x, t, name, hash FROM "
                "orgtrust_journal WHERE seq = 1");
    verify_fails(p, "holds 56 rows for entries 1 to 55; the lowest is numbered 0", "duplicated before 1");
    /* Two rows swapped: the chain covers each row's number. */
    p = damaged(dir, pristine,
                "UPDATE orgtrust_journal SET seq = -24 WHERE seq = 24; UPDATE orgtrust_journal SET seq = 24 WHERE "
                "seq = 25; UPDATE orgtrust_journal SET seq = 25 WHERE seq = -24");
    verify_fails(p, "journal entry 24 fails its checksum", "swapped");
    /* Swapped after the checkpoint: the open finds it. */
    p = damaged(dir, pristine,
                "UPDATE orgtrust_journal SET seq = -50 WHERE seq = 50; UPDATE orgtrust_journal SET seq = 50 WHERE "
                "seq = 51; UPDATE orgtrust_journal SET seq = 51 WHERE seq = -50");
    ck_status(ot_store_open(p, NULL, OT_STORE_READONLY, &m), OT_EFORMAT);
    ck_msg_has("journal entry 50 fails its checksum");
    ck_assert_ptr_eq(m, (ot_model *)&m);
    rm_dir(dir);
}
END_TEST

START_TEST(an_edited_checkpoint_is_found)
{
    char *dir = tmp_dir();
    char pristine[1024];
    snprintf(pristine, sizeof pristine, "%s", in_dir(dir, "pristine"));
    make_store(pristine, 20, 10); /* checkpoint after entry 45 */
    /* The checkpoint after entry 45 as it is, then a second one after
     * entry 55 (which replaces it). */
    sqlite3 *db;
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_open(pristine, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT digest, snapshot FROM orgtrust_checkpoint", -1, &st, NULL),
                     SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    sqlite3_int64 old_digest = sqlite3_column_int64(st, 0);
    int old_len = sqlite3_column_bytes(st, 1);
    void *old = malloc((size_t)old_len);
    memcpy(old, sqlite3_column_blob(st, 1), (size_t)old_len);
    sqlite3_finalize(st);
    sqlite3_close(db);
    ot_model *m;
    ck_ok(ot_store_open(pristine, NULL, 0, &m));
    ck_ok(ot_store_checkpoint(m));
    ot_model_free(m);
    sql_on(pristine, "PRAGMA journal_mode = DELETE");
    ck_ok(ot_store_verify(pristine));

    /* Its seal changed. */
    const char *p = damaged(dir, pristine, "UPDATE orgtrust_checkpoint SET head = zeroblob(16)");
    ck_status(ot_store_open(p, NULL, 0, &m), OT_EFORMAT);
    ck_msg_has("the checkpoint after journal entry 55 fails its seal");
    verify_fails(p, "the checkpoint after journal entry 55 fails its seal", "seal");
    /* Moved to another entry. */
    p = damaged(dir, pristine, "UPDATE orgtrust_checkpoint SET seq = 50");
    ck_status(ot_store_open(p, NULL, 0, &m), OT_EFORMAT);
    ck_msg_has("the checkpoint after journal entry 50 fails its seal");
    /* Given the older checkpoint's snapshot and digest (a consistent pair:
     * the digest check passes): the seal binds the digest to entry 55. */
    p = damaged(dir, pristine, "PRAGMA journal_mode = DELETE");
    ck_assert_int_eq(sqlite3_open(p, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db, "UPDATE orgtrust_checkpoint SET digest = ?1, snapshot = ?2", -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_int64(st, 1, old_digest);
    sqlite3_bind_blob(st, 2, old, old_len, SQLITE_STATIC);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_close(db);
    ck_status(ot_store_open(p, NULL, 0, &m), OT_EFORMAT);
    ck_msg_has("fails its seal");
    /* And with the chain and the seals rewritten over it (no signature
     * stops that), verify still finds the checkpoint unequal to the
     * replayed journal, and export refuses the history. */
    reseal(p);
    ck_ok(ot_store_open(p, NULL, OT_STORE_READONLY, &m)); /* the open trusts a sealed checkpoint */
    static const char needle[] = "the checkpoint after journal entry 55 holds a state";
    verify_fails(p, needle, "an older checkpoint, resealed");
    size_t n = 0;
    ck_status(oti_events_foreach(m, count_events, &n), OT_EFORMAT);
    ck_msg_has("the checkpoint disagrees with the journal");
    ot_model_free(m);
    free(old);
    rm_dir(dir);
}
END_TEST

/* An entry before the checkpoint edited so that it no longer validates,
 * with the chain rewritten over it: the open (from the checkpoint) cannot
 * see it; export and verify replay it and refuse. */
START_TEST(export_refuses_a_history_the_model_rejects)
{
    char *dir = tmp_dir();
    const char *path = in_dir(dir, "a");
    make_store(path, 20, 20); /* checkpoint after entry 55 */
    /* Entry 40 is observation 4 (the story has 35 calls): back to t = 0. */
    sql_on(path, "UPDATE orgtrust_journal SET t = 0 WHERE seq = 40");
    reseal(path);
    ot_model *m;
    ck_ok(ot_store_open(path, NULL, OT_STORE_READONLY, &m));
    size_t n = 0;
    ck_status(oti_events_foreach(m, count_events, &n), OT_EFORMAT);
    ck_msg_has("journal entry 40 no longer validates");
    char *json = NULL;
    size_t len = 0;
    int rc = ot_scenario_export(m, &json, &len);
    ck_assert_msg(rc == OT_EFORMAT || rc == OT_ENOTSUP, "export: %d", rc);
    ck_assert_ptr_null(json);
    ot_model_free(m);
    verify_fails(path, "journal entry 40 no longer validates", "an entry the model rejects");
    rm_dir(dir);
}
END_TEST

START_TEST(a_vacuumed_store_still_verifies)
{
    char *dir = tmp_dir();
    const char *path = in_dir(dir, "a");
    make_store(path, 50, 30);
    char *before = report_of(path);
    /* Other pages, another page size, rows moved: the chain hashes the
     * values, not the pages. */
    sql_on(path, "PRAGMA journal_mode = DELETE; PRAGMA page_size = 512; VACUUM");
    char *after = report_of(path);
    ck_assert_str_eq(before, after);
    ot_model *ref = reference(50);
    ck_store_is(path, ref);
    ot_model_free(ref);
    ot_free(before);
    ot_free(after);
    rm_dir(dir);
}
END_TEST

/* ---- stores written by 1.0 ----------------------------------------------------- */

/* tests/fixtures/store-1.0.otstore (tests/fixtures/make_store_1_0.c): the
 * story, observations 0 .. 29, a checkpoint after entry 55; 65 entries. */
static const char *fixture(const char *dir, const char *name)
{
    const char *path = in_dir(dir, name);
    copy_file(OT_FIXTURES "/store-1.0.otstore", path);
    return path;
}

/* reference(n) with the configuration of m: a 1.0 store computes 1.1's new
 * parameters with model version 1's values (test_store_compat.c). */
static ot_model *reference_like(const ot_model *m, uint64_t n)
{
    ot_model *ref;
    ck_ok(ot_model_new(&m->cfg, &ref));
    ck_ok(story(ref));
    for (uint64_t i = 0; i < n; i++)
        ck_ok(observe_at(ref, i));
    return ref;
}

START_TEST(a_1_0_store_opens_and_its_first_write_starts_the_chain)
{
    char *dir = tmp_dir();
    const char *path = fixture(dir, "old");
    ot_model *m, *ref;
    ck_ok(ot_store_open(path, NULL, OT_STORE_READONLY, &m));
    ref = reference_like(m, 30);
    ot_model_free(m);
    /* It opens, read-only and for writing, and verifies (replayed only). */
    ck_ok(ot_store_open(path, NULL, OT_STORE_READONLY, &m));
    ck_assert_uint_eq(digest_of(m), digest_of(ref));
    ck_assert_uint_eq(count_of(m, OT_EVENTS), STORY_CALLS + 30);
    size_t n = 0;
    ck_ok(oti_events_foreach(m, count_events, &n)); /* export reads it */
    ck_assert_uint_eq(n, STORY_CALLS + 30);
    ot_model_free(m);
    char *json = report_of(path);
    report_has(json, "\"format\": 1, \"entries\": 65, \"chained_from\": 0, \"sealed\": 0");
    report_has(json, "\"checkpoints\": [{\"entry\": 55");
    report_has(json, "\"chain_head\": \"\"");
    ot_free(json);
    /* Opened for writing it becomes format 2 (the model version and the
     * parameters it did not list, lib/store.c upgrade_model()); the chain
     * waits for the first write. */
    ck_ok(ot_store_open(path, NULL, 0, &m));
    ck_assert_uint_eq(digest_of(m), digest_of(ref));
    ck_assert_int_eq(format_of(path), 2);
    /* A unit rolled back takes the chain's start with it. */
    ck_ok(ot_store_begin(m));
    ck_ok(observe_at(m, 30));
    ck_assert_int_eq(format_of(path), 2); /* not committed yet (another connection's view) */
    ck_ok(ot_store_rollback(m));
    ck_assert_uint_eq(digest_of(m), digest_of(ref));
    ck_assert_int_eq(format_of(path), 2);
    /* The first write: chain and call in one transaction. */
    ck_ok(observe_at(m, 30));
    ck_ok(observe_at(ref, 30));
    ck_assert_int_eq(format_of(path), 3);
    ck_ok(observe_at(m, 31));
    ck_ok(observe_at(ref, 31));
    ot_model_free(m);
    json = report_of(path);
    report_has(json, "\"format\": 3, \"entries\": 67, \"chained_from\": 1, \"sealed\": 65");
    report_has(json, "\"checkpoints\": [{\"entry\": 55");
    ot_free(json);
    ck_store_is(path, ref);
    /* From now on an edit of a sealed entry is found like any other. */
    sql_on(path, "UPDATE orgtrust_journal SET t = t + 1 WHERE seq = 50");
    verify_fails(path, "journal entry 50 fails its checksum", "a sealed entry edited");

    /* A checkpoint as the first write upgrades too. */
    path = fixture(dir, "old2");
    ck_ok(ot_store_open(path, NULL, 0, &m));
    ck_ok(ot_store_checkpoint(m));
    ot_model_free(m);
    ck_assert_int_eq(format_of(path), 3);
    json = report_of(path);
    report_has(json, "\"entries\": 65, \"chained_from\": 1, \"sealed\": 65, \"checkpoints\": [{\"entry\": 65");
    ot_free(json);
    ck_ok(ot_store_open(path, NULL, OT_STORE_READONLY, &m));
    ot_model_free(ref);
    ref = reference_like(m, 30);
    ot_model_free(m);
    ck_store_is(path, ref);
    /* And a damaged 1.0 journal cannot be sealed: the write is refused
     * and changes nothing. */
    path = fixture(dir, "old3");
    sql_on(path, "DELETE FROM orgtrust_journal WHERE seq = 10");
    ck_ok(ot_store_open(path, NULL, 0, &m)); /* entry 10 is before the checkpoint */
    ot_state before = ot_state_of(m);
    ck_status(observe_at(m, 30), OT_EFORMAT);
    ck_msg_has("journal entry 10 is missing");
    ck_unchanged(m, before);
    ot_model_free(m);
    ck_assert_int_eq(format_of(path), 2);
    ot_model_free(ref);
    rm_dir(dir);
}
END_TEST

/* ---- backups ---------------------------------------------------------------------- */

typedef struct writer {
    ot_model *w;
    uint64_t next; /* the next observation of the stream */
    int calls;
} writer;

static void write_one(void *arg)
{
    writer *x = arg;
    ck_ok(observe_at(x->w, x->next++));
    x->calls++;
}

START_TEST(a_backup_is_the_store_at_one_moment_while_a_writer_goes_on)
{
    char *dir = tmp_dir();
    const char *path = in_dir(dir, "a");
    char copy[1024];
    snprintf(copy, sizeof copy, "%s", in_dir(dir, "copy"));
    make_store(path, 3000, 2000);
    /* The writer has its own connection; the backup reads through a
     * reader's, two pages a step, and the writer commits one observation
     * after every step. */
    writer x = {.next = 3000};
    ot_model *r;
    ck_ok(ot_store_open(path, NULL, 0, &x.w));
    ck_ok(ot_store_open(path, NULL, OT_STORE_READONLY, &r));
    ck_ok(oti_store_backup_steps(r, copy, 2, write_one, &x, "test"));
    printf("backup: %d calls committed between its steps\n", x.calls);
    ck_assert_int_ge(x.calls, 10);
    /* The copy is the store as it was when the backup began. */
    ck_ok(ot_store_verify(copy));
    ot_model *ref = reference(3000);
    ck_store_is(copy, ref);
    ot_model_free(ref);
    /* The source has every call. */
    ref = reference(x.next);
    ck_assert_uint_eq(digest_of(x.w), digest_of(ref));
    ot_model_free(r);
    ot_model_free(x.w);
    ck_store_is(path, ref);
    ck_ok(ot_store_verify(path));
    ot_model_free(ref);
    rm_dir(dir);
}
END_TEST

START_TEST(backup_arguments)
{
    char *dir = tmp_dir();
    const char *path = in_dir(dir, "a");
    char copy[1024];
    snprintf(copy, sizeof copy, "%s", in_dir(dir, "copy"));
    make_store(path, 5, 10);
    ot_model *m, *free_model;
    ck_ok(ot_store_open(path, NULL, 0, &m));
    ck_ok(ot_store_backup(m, copy));
    ck_store_is(copy, m);
    /* Only into a new (or empty) file. */
    ck_status(ot_store_backup(m, copy), OT_EEXIST);
    ck_msg_has("already exists");
    ck_status(ot_store_backup(NULL, copy), OT_EINVAL);
    ck_status(ot_store_backup(m, NULL), OT_EINVAL);
    ck_status(ot_store_backup(m, ""), OT_EINVAL);
    ck_ok(ot_model_new(NULL, &free_model));
    ck_status(ot_store_backup(free_model, in_dir(dir, "x")), OT_ESTATE);
    ck_msg_has("not bound to a store");
    ot_model_free(free_model);
    ck_ok(ot_store_begin(m));
    ck_status(ot_store_backup(m, in_dir(dir, "y")), OT_ESTATE);
    ck_msg_has("inside a unit");
    ck_ok(ot_store_rollback(m));
    /* A directory that cannot hold it: nothing is left. */
    ck_status(ot_store_backup(m, in_dir(dir, "no/such/dir")), OT_EIO);
    ot_model_free(m);
    ck_assert_int_ne(access(in_dir(dir, "y"), F_OK), 0);
    rm_dir(dir);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("store chain");
    TCase *tc = tcase_create("verify");
    tcase_set_timeout(tc, 600); /* the sweep: some 20,000 verifies */
    tcase_add_test(tc, a_sound_store_verifies_and_says_what_was_checked);
    tcase_add_test(tc, verify_refuses_what_is_not_a_store);
    tcase_add_test(tc, every_bit_flip_is_found_at_its_entry);
    tcase_add_test(tc, rows_cut_deleted_duplicated_or_reordered_are_found);
    tcase_add_test(tc, an_edited_checkpoint_is_found);
    tcase_add_test(tc, export_refuses_a_history_the_model_rejects);
    tcase_add_test(tc, a_vacuumed_store_still_verifies);
    suite_add_tcase(s, tc);
    tc = tcase_create("1.0 stores");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, a_1_0_store_opens_and_its_first_write_starts_the_chain);
    suite_add_tcase(s, tc);
    tc = tcase_create("backup");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, a_backup_is_the_store_at_one_moment_while_a_writer_goes_on);
    tcase_add_test(tc, backup_arguments);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return ot_run_suite(suite()); }
