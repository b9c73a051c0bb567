/* Helpers of the store suites (test_store*.c): temporary files, one story
 * that makes every kind of event, and a deterministic stream of
 * observations. Static so each suite takes what it uses. */
#ifndef OT_STORE_UTIL_H
#define OT_STORE_UTIL_H

#define _POSIX_C_SOURCE 200809L

#include "testutil.h"

#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OT_UNUSED __attribute__((unused))

/* ---- temporary files ---------------------------------------------------- */

/* A fresh directory per test; files in it are named by the test. */
static OT_UNUSED char *tmp_dir(void)
{
    const char *base = getenv("TMPDIR");
    static char dir[512];
    snprintf(dir, sizeof dir, "%s/ot_store_XXXXXX", base && base[0] ? base : "/tmp");
    ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp failed");
    return dir;
}

/* dir/name in a static buffer (one of four, so a few can be alive). */
static OT_UNUSED const char *in_dir(const char *dir, const char *name)
{
    static char buf[4][1024];
    static int next;
    char *p = buf[next++ % 4];
    ck_assert(strlen(dir) + strlen(name) + 2 <= sizeof buf[0]);
    strcpy(p, dir);
    strcat(p, "/");
    strcat(p, name);
    return p;
}

static OT_UNUSED void rm_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            unlink(in_dir(dir, e->d_name));
    closedir(d);
    rmdir(dir);
}

static OT_UNUSED void write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "cannot write %s", path);
    ck_assert(fwrite(data, 1, n, f) == n);
    fclose(f);
}

/* A copy of a file of at most 4 MB. */
static OT_UNUSED void copy_file(const char *from, const char *to)
{
    FILE *f = fopen(from, "rb");
    ck_assert_ptr_nonnull(f);
    static char buf[1 << 22];
    size_t n = fread(buf, 1, sizeof buf, f);
    ck_assert_uint_lt(n, sizeof buf);
    fclose(f);
    write_file(to, buf, n);
}

/* Run SQL on a store file through a connection of the test's own (not the
 * library's): the way damage and foreign files are made. */
static OT_UNUSED void sql_on(const char *path, const char *sql)
{
    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    char *err = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
    ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, err ? err : "?");
    sqlite3_close(db);
}

static OT_UNUSED uint64_t digest_of(const ot_model *m)
{
    uint64_t d = 0;
    ck_ok(ot_model_digest(m, &d));
    return d;
}

static OT_UNUSED size_t count_of(const ot_model *m, int what)
{
    size_t n = 0;
    ck_ok(ot_model_count(m, what, &n));
    return n;
}

/* The store at path opens (for writing) to a model bit-identical to ref. */
static OT_UNUSED void ck_store_is(const char *path, const ot_model *ref)
{
    ot_model *m;
    ck_ok(ot_store_open(path, NULL, 0, &m));
    ck_assert_msg(digest_of(m) == digest_of(ref), "store %s differs from the reference model", path);
    ck_ok(ot_model_check(m));
    ot_model_free(m);
}

/* ---- the story ------------------------------------------------------------ */

/* The gemeente and the waterschap: three organisations, seven actors on
 * three layers, six ties (internal, horizontal, vertical-crossing diagonal),
 * and one of every other kind of call: STORY_CALLS calls in all. */
enum { G, G_RO, W };
enum { WETH, MAN_G, ROY, DIJK, MAN_W, FATIMA, POL_G };
/* A suite that defines STORE_UTIL_STORY_1_0 before including this file
 * gets the story as liborgtrust 1.0 told it (35 calls: no call of 1.1), so
 * that its entry numbers match stores 1.0 wrote (tests/test_store_chain.c
 * and its fixture). */
#ifdef STORE_UTIL_STORY_1_0
#define STORY_CALLS 35
#define STORY_1_1(call) 0
#else
#define STORY_CALLS 37
#define STORY_1_1(call) (call)
#endif

static OT_UNUSED int story_structure(ot_model *m)
{
    int rc;
    if ((rc = ot_org_add(m, "Gemeente", OT_NONE, NULL)) || (rc = ot_org_add(m, "Ruimtelijke ordening", G, NULL)) ||
        (rc = ot_org_add(m, "Waterschap", OT_NONE, NULL)) ||
        (rc = ot_actor_add(m, G, 2, OT_NONE, "de wethouder", NULL)) ||
        (rc = ot_actor_add(m, G, 1, WETH, "Mira", NULL)) || (rc = ot_actor_add(m, G_RO, 0, MAN_G, "Roy", NULL)) ||
        (rc = ot_actor_add(m, W, 2, OT_NONE, "de dijkgraaf", NULL)) ||
        (rc = ot_actor_add(m, W, 1, DIJK, "Kees", NULL)) || (rc = ot_actor_add(m, W, 0, MAN_W, "Fatima", NULL)) ||
        (rc = ot_actor_add(m, G, 0, OT_NONE, "Pol", NULL)) || (rc = ot_actor_set_superior(m, POL_G, MAN_G)) ||
        (rc = ot_actor_set_propensity(m, ROY, 0.6)) || (rc = ot_actor_set_propensity(m, FATIMA, 0.4)))
        return rc;
    if ((rc = ot_tie_add(m, ROY, FATIMA, NULL)) || (rc = ot_tie_add(m, MAN_G, MAN_W, NULL)) ||
        (rc = ot_tie_add(m, WETH, DIJK, NULL)) || (rc = ot_tie_add(m, ROY, MAN_W, NULL)) ||
        (rc = ot_tie_add(m, ROY, MAN_G, NULL)) || (rc = ot_tie_add(m, FATIMA, MAN_W, NULL)) ||
        (rc = ot_tie_set(m, 0, OT_TIE_INTENSITY, 2.0)) || (rc = ot_tie_set(m, 0, OT_TIE_AFFECT, 0.1)) ||
        (rc = ot_tie_set(m, 0, OT_TIE_UNCERTAINTY, 0.7)) || (rc = ot_tie_set(m, 3, OT_TIE_AFFECT, -0.0)))
        return rc;
    return OT_OK; /* 23 calls */
}

static OT_UNUSED int story_events(ot_model *m)
{
    int rc, resolved;
    unsigned layer;
    ot_id d;
    if ((rc = ot_observe(m, ROY, FATIMA, OT_AGREEMENT_KEPT, 1.0, 1.0)) ||
        (rc = ot_observe(m, FATIMA, ROY, OT_WENT_BEYOND, 1.5, 2.0)) ||
        (rc = ot_observe(m, MAN_G, MAN_W, OT_DELIVERED, 0.0, 3.0)) ||
        (rc = ot_observe(m, ROY, MAN_W, OT_CONCEALED, 2.0, 4.0)) ||
        (rc = ot_disrupt(m, ROY, FATIMA, OT_RELATIONAL, 0.5, 0, 20.0, &d)) ||
        (rc = ot_escalate(m, d, OT_JOINT, 21.0, &resolved, &layer)) ||
        (rc = ot_disrupt(m, FATIMA, ROY, OT_TASK, 0.25, 1, 22.0, &d)) || (rc = ot_repair(m, d, 23.0)) ||
        (rc = ot_disrupt(m, MAN_W, ROY, OT_TASK, 0.75, 0, 24.0, &d)) ||
        (rc = STORY_1_1(ot_respond(m, d, OT_RESPONSE_PROMISE, 24.0))) ||
        (rc = STORY_1_1(ot_reveal(m, d, 0, 24.5))) ||
        (rc = ot_consult(m, ROY, FATIMA, POL_G, OT_NONE, 25.0)) || (rc = ot_impose_general_rule(m, G, 30.0)) ||
        (rc = ot_observe(m, ROY, MAN_G, OT_LET_DOWN, 1.0, 31.0)))
        return rc;
    return OT_OK; /* 14 calls (12 in the 1.0 story) */
}

static OT_UNUSED int story(ot_model *m)
{
    int rc = story_structure(m);
    return rc ? rc : story_events(m);
}

/* ---- a stream of observations ---------------------------------------------- */

/* Observation i of an endless, deterministic stream over the story's ties,
 * after the story's time 31. */
static OT_UNUSED ot_observation obs_at(uint64_t i)
{
    static const ot_id pair[6][2] = {{ROY, FATIMA}, {MAN_G, MAN_W}, {WETH, DIJK},
                                     {ROY, MAN_W},  {ROY, MAN_G},   {FATIMA, MAN_W}};
    uint64_t h = i * 0x9e3779b97f4a7c15ULL;
    h ^= h >> 29;
    const ot_id *p = pair[h % 6];
    int flip = (int)((h >> 8) & 1);
    return (ot_observation){.truster = p[flip],
                            .trustee = p[!flip],
                            .kind = (int32_t)(1 + (h >> 16) % 8),
                            .magnitude = (double)((h >> 24) % 5) * 0.5,
                            .t = 32.0 + (double)i * 0.001};
}

static OT_UNUSED int observe_at(ot_model *m, uint64_t i)
{
    ot_observation o = obs_at(i);
    return ot_observe(m, o.truster, o.trustee, o.kind, o.magnitude, o.t);
}

/* ---- a case's life: the calls of 1.1 ------------------------------------------- */

/* Case k at time t, valid in any state the story and the stream reach:
 * Roy opens a relational disruption about Fatima; she answers it (an
 * apology or a denial), the truth comes out, it is referred a rung up
 * (jointly) and the handlers there try to settle it; then the tie of the
 * two ends, which withdraws the disruption if it is still open, and
 * restarts at once (the stream goes on observing the pair); a temporary
 * colleague of Fatima's joins, meets Pol and leaves; Pol moves between the
 * gemeente and its department. The case has a label ("zaak k") and a note
 * on its referral (texts: no value changes). CASE_ENTRIES journal entries,
 * whatever the outcomes (a failed settlement is an entry too). */
#define CASE_ENTRIES 13
static OT_UNUSED int case_unit(ot_model *m, uint64_t k, double t)
{
    int rc, resolved;
    ot_id d, tie, temp;
    char name[48];
    char label[48];
    snprintf(name, sizeof name, "tijdelijk %llu", (unsigned long long)k);
    snprintf(label, sizeof label, "zaak %llu", (unsigned long long)k);
    if ((rc = ot_disrupt(m, ROY, FATIMA, OT_RELATIONAL, 0.25, 0, t, &d)) || (rc = ot_disruption_set_label(m, d, label)) ||
        (rc = ot_respond(m, d, k % 2 ? OT_RESPONSE_DENIAL : OT_RESPONSE_APOLOGY, t)) ||
        (rc = ot_reveal(m, d, k % 3 == 0, t)) || (rc = ot_refer(m, d, OT_JOINT, t)) ||
        (rc = ot_note(m, "naar de managers")) ||
        (rc = ot_resolve(m, d, t, &resolved)) || (rc = ot_tie_find(m, ROY, FATIMA, &tie)) ||
        (rc = ot_tie_end(m, tie, t)) || (rc = ot_tie_add(m, FATIMA, ROY, NULL)) ||
        (rc = ot_actor_add(m, W, 0, MAN_W, name, &temp)) || (rc = ot_tie_add(m, POL_G, temp, NULL)) ||
        (rc = ot_actor_leave(m, temp, t)) || (rc = ot_actor_move(m, POL_G, k % 2 ? G : G_RO, 0, MAN_G, t)))
        return rc;
    return OT_OK;
}

/* A model in memory with the story and observations [0, n). */
static OT_UNUSED ot_model *reference(uint64_t n)
{
    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    ck_ok(story(m));
    for (uint64_t i = 0; i < n; i++)
        ck_ok(observe_at(m, i));
    return m;
}

/* A closed store at path with the story and observations [0, n) (these in
 * one unit: one fsync, not n). */
static OT_UNUSED void make_story_store(const char *path, uint64_t n)
{
    ot_model *m;
    ck_ok(ot_store_open(path, NULL, OT_STORE_CREATE, &m));
    ck_ok(story(m));
    ck_ok(ot_store_begin(m));
    for (uint64_t i = 0; i < n; i++)
        ck_ok(observe_at(m, i));
    ck_ok(ot_store_commit(m));
    ot_model_free(m);
}

/* ---- the chain, rewritten --------------------------------------------------- */

#ifdef OTI_STORE_CHAIN_H
/* Give every journal row of the store at path the hash the chain would
 * have for the rows as they are now, and every checkpoint the head at its
 * entry: what someone who can rewrite the whole file can do (the chain is
 * no signature). Damage then shows only where the replay refuses it. */
static OT_UNUSED void reseal(const char *path)
{
    sqlite3 *db;
    sqlite3_stmt *rd, *wr, *cp;
    uint8_t head[OTI_CHAIN_BYTES];
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    ck_assert_int_eq(oti_chain_genesis(db, head), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT " OTI_JOURNAL_COLUMNS " FROM orgtrust_journal ORDER BY seq", -1,
                                        &rd, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db, "UPDATE orgtrust_journal SET hash = ?1 WHERE seq = ?2", -1, &wr, NULL),
                     SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db, "UPDATE orgtrust_checkpoint SET head = ?1 WHERE seq = ?2", -1, &cp, NULL),
                     SQLITE_OK);
    uint64_t seq = 0;
    for (;;) {
        /* The checkpoint after entry seq, if any, is sealed with the head. */
        sqlite3_stmt *dg;
        ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT digest FROM orgtrust_checkpoint WHERE seq = ?1", -1, &dg, NULL),
                         SQLITE_OK);
        sqlite3_bind_int64(dg, 1, (sqlite3_int64)seq);
        if (sqlite3_step(dg) == SQLITE_ROW) {
            uint8_t seal[OTI_CHAIN_BYTES];
            oti_chain_seal(head, seq, (uint64_t)sqlite3_column_int64(dg, 0), seal);
            sqlite3_bind_blob(cp, 1, seal, OTI_CHAIN_BYTES, SQLITE_TRANSIENT);
            sqlite3_bind_int64(cp, 2, (sqlite3_int64)seq);
            ck_assert_int_eq(sqlite3_step(cp), SQLITE_DONE);
            sqlite3_reset(cp);
        }
        sqlite3_finalize(dg);
        if (sqlite3_step(rd) != SQLITE_ROW)
            break;
        oti_cell cells[OTI_JOURNAL_NCOLUMNS];
        oti_chain_cells(rd, 0, OTI_JOURNAL_NCOLUMNS, cells);
        oti_chain_link(head, cells, OTI_JOURNAL_NCOLUMNS, head);
        seq = (uint64_t)sqlite3_column_int64(rd, 0);
        sqlite3_bind_blob(wr, 1, head, OTI_CHAIN_BYTES, SQLITE_TRANSIENT);
        sqlite3_bind_int64(wr, 2, (sqlite3_int64)seq);
        ck_assert_int_eq(sqlite3_step(wr), SQLITE_DONE);
        sqlite3_reset(wr);
    }
    sqlite3_finalize(rd);
    sqlite3_finalize(wr);
    sqlite3_finalize(cp);
    ck_assert_int_eq(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}
#endif

#endif
