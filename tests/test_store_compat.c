/* Stores written by orgtrust 1.0.0 (tests/fixtures/, README.md there) open
 * in this build with every value 1.0 read from them, bit for bit: trust and
 * trustworthiness of every direction, reputation and backing, propensities,
 * tie attributes, the time, the counts, the disruptions' states. They pass
 * ot_model_check(), take new events, and after that stay openable. The
 * expected values are 1.0's own outputs (store-1.0-values.txt), which is
 * what compatibility means here. The store format (lib/store.c) and the
 * snapshot format (lib/snapshot.c) are read by key, so this build, with more
 * parameters and fields than 1.0 had, reads 1.0's files; the build made with
 * ORGTRUST_TEST_DUMMY_FIELDS (one parameter and one per-direction field
 * more) runs this suite too. */
#include "store_util.h"

#include <sqlite3.h>

#ifndef OT_SOURCE_DIR
#error "OT_SOURCE_DIR must name the source tree"
#endif
#define FIXTURES OT_SOURCE_DIR "/tests/fixtures/"

/* A copy of a committed fixture in dir (opening writes -shm and -wal files
 * beside a store, and a writer upgrades it: never beside the original). */
static const char *copy_fixture(const char *dir, const char *name)
{
    char src[1024];
    snprintf(src, sizeof src, "%s%s", FIXTURES, name);
    FILE *f = fopen(src, "rb");
    ck_assert_msg(f != NULL, "cannot read %s", src);
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    ck_assert_uint_lt(n, sizeof buf);
    const char *path = in_dir(dir, name);
    write_file(path, buf, n);
    return path;
}

static int same_bits(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

/* got is bit for bit what 1.0 read; `what` names the value (x and y fill
 * its %u's). */
static void ck_bits(double got, double want, const char *what, unsigned x, unsigned y)
{
    char name[80];
    snprintf(name, sizeof name, what, x, y);
    ck_assert_msg(same_bits(got, want), "%s: got %a, 1.0 read %a", name, got, want);
}

/* Compare m with the section `[section]` of store-1.0-values.txt; the number
 * of values compared. */
static int ck_values(const ot_model *m, const char *section)
{
    FILE *f = fopen(FIXTURES "store-1.0-values.txt", "r");
    ck_assert_msg(f != NULL, "cannot read store-1.0-values.txt");
    char line[512], head[64];
    snprintf(head, sizeof head, "[%s]\n", section);
    int in = 0, checked = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '[') {
            in = strcmp(line, head) == 0;
            continue;
        }
        if (!in || line[0] == '#')
            continue;
        unsigned x, y, z;
        double a, b, c;
        size_t n[4];
        int st;
        if (sscanf(line, "counts %zu %zu %zu %zu", &n[0], &n[1], &n[2], &n[3]) == 4) {
            ck_assert_uint_eq(count_of(m, OT_ORGS), n[0]);
            ck_assert_uint_eq(count_of(m, OT_ACTORS), n[1]);
            ck_assert_uint_eq(count_of(m, OT_TIES), n[2]);
            ck_assert_uint_eq(count_of(m, OT_DISRUPTIONS), n[3]);
        } else if (sscanf(line, "time %la", &a) == 1) {
            double t;
            ck_ok(ot_model_time(m, &t));
            ck_bits(t, a, "time", 0, 0);
        } else if (sscanf(line, "tie %u %u %u %la %la %la", &x, &y, &z, &a, &b, &c) == 6) {
            ot_id ea, eb;
            double w, af, u;
            ck_ok(ot_tie_ends(m, x, &ea, &eb));
            ck_assert(ea == y && eb == z);
            ck_ok(ot_tie_get(m, x, OT_TIE_INTENSITY, &w));
            ck_ok(ot_tie_get(m, x, OT_TIE_AFFECT, &af));
            ck_ok(ot_tie_get(m, x, OT_TIE_UNCERTAINTY, &u));
            ck_bits(w, a, "intensity of tie %u", x, 0);
            ck_bits(af, b, "affect of tie %u", x, 0);
            ck_bits(u, c, "uncertainty of tie %u", x, 0);
        } else if (sscanf(line, "trust %u %u %la %la", &x, &y, &a, &b) == 4) {
            double T, TW;
            ck_ok(ot_trust(m, x, y, &T));
            ck_ok(ot_trustworthiness(m, x, y, &TW));
            ck_bits(T, a, "T(%u -> %u)", x, y);
            ck_bits(TW, b, "TW(%u -> %u)", x, y);
        } else if (sscanf(line, "propensity %u %la", &x, &a) == 2) {
            double p;
            ck_ok(ot_actor_propensity(m, x, &p));
            ck_bits(p, a, "propensity of %u", x, 0);
        } else if (sscanf(line, "org %u %u %la %la", &x, &y, &a, &b) == 4) {
            double r, bk;
            ck_ok(ot_reputation(m, x, y, OT_NONE, &r));
            ck_ok(ot_backing(m, x, y, &bk));
            ck_bits(r, a, "rep(%u -> %u)", x, y);
            ck_bits(bk, b, "backing(%u, %u)", x, y);
        } else if (sscanf(line, "disruption %u %d", &x, &st) == 2) {
            int s;
            ck_ok(ot_disruption_status(m, x, &s));
            ck_assert_int_eq(s, st);
        } else {
            ck_abort_msg("store-1.0-values.txt: a line this test does not read: %s", line);
        }
        checked++;
    }
    fclose(f);
    ck_assert_int_ge(checked, 29); /* the lines of each section of the file */
    return checked;
}

/* A 1.0 store has model version 1: the parameters 1.0 did not have take the
 * values that reproduce model 1 (docs/model.md, "Files keep their meaning"):
 * 0 for the three rates by which model 2 changes version-1 calls, the
 * defaults for the rest; those 1.0 did have keep their stored values. */
static void ck_model1_parameters(const ot_model *m)
{
    double v;
    ck_ok(ot_model_param(m, OT_PARAM_SCAR_RATE, &v));
    ck_assert(v == 0.0);
    ck_ok(ot_model_param(m, OT_PARAM_DECEPTION_SCAR, &v));
    ck_assert(v == 0.0);
    ck_ok(ot_model_param(m, OT_PARAM_TRUST_TRANSFER, &v));
    ck_assert(v == 0.0);
    ck_ok(ot_model_param(m, OT_PARAM_PROMISE_WINDOW, &v));
    ck_assert(v == 30.0);
    ck_ok(ot_model_param(m, OT_PARAM_GAIN_RATE, &v)); /* the fixture's own, not the default 0.05 */
    ck_assert(v == 0.07);
    ck_assert_str_eq(ot_layer_name(m, 2), "bestuur");
}

static void check_fixture(const char *name, const char *section)
{
    char *dir = tmp_dir();
    const char *path = copy_fixture(dir, name);

    /* Read-only: nothing in the file changes. */
    ot_model *m;
    ck_ok(ot_store_open(path, NULL, OT_STORE_READONLY, &m));
    ck_values(m, section);
    ck_ok(ot_model_check(m));
    ck_model1_parameters(m);
    uint64_t d = digest_of(m);
    ot_model_free(m);

    /* For writing: the store becomes format 2 (so 1.0 would refuse it as
     * newer rather than misread it) and takes new events of every kind. */
    ck_ok(ot_store_open(path, NULL, 0, &m));
    ck_assert(digest_of(m) == d);
    ck_values(m, section);
    ck_model1_parameters(m);
    size_t events = count_of(m, OT_EVENTS);
    ot_id org, karel, tie, dis;
    ck_ok(ot_org_add(m, "Provincie", OT_NONE, &org));
    ck_ok(ot_actor_add(m, org, 0, OT_NONE, "Karel", &karel));
    ck_ok(ot_tie_add(m, 2, karel, &tie)); /* Roy (actor 2) and Karel */
    ck_ok(ot_tie_set(m, tie, OT_TIE_AFFECT, 0.25));
    ck_ok(ot_observe(m, 2, karel, OT_DELIVERED, 1.0, 70.0));
    ck_ok(ot_observe(m, 2, 3, OT_AGREEMENT_KEPT, 1.0, 71.0)); /* Roy about Fatima, on the old tie */
    ck_ok(ot_disrupt(m, karel, 2, OT_TASK, 0.5, 0, 72.0, &dis));
    ck_ok(ot_repair(m, dis, 80.0));
    ck_ok(ot_model_check(m));
    ck_assert_uint_eq(count_of(m, OT_EVENTS), events + 8);
    uint64_t after = digest_of(m);
    ot_model_free(m);

    /* Reopened: the same model (the journal replays the new entries). */
    ck_ok(ot_store_open(path, NULL, 0, &m));
    ck_assert(digest_of(m) == after);
    ck_ok(ot_model_check(m));
    ck_ok(ot_store_checkpoint(m));
    ot_model_free(m);
    ck_ok(ot_store_open(path, NULL, OT_STORE_READONLY, &m));
    ck_assert(digest_of(m) == after);
    ck_model1_parameters(m);
    ot_model_free(m);

    /* The file now says format 2, model 1, and lists every parameter. */
    sqlite3 *db;
    ck_assert(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
    sqlite3_stmt *st;
    ck_assert(sqlite3_prepare_v2(db,
                                 "SELECT (SELECT version FROM orgtrust_format), (SELECT version FROM orgtrust_model), "
                                 "(SELECT count(*) FROM orgtrust_config), "
                                 "(SELECT value FROM orgtrust_config WHERE name = 'scar_rate')",
                                 -1, &st, NULL) == SQLITE_OK);
    ck_assert(sqlite3_step(st) == SQLITE_ROW);
    ck_assert_int_eq(sqlite3_column_int(st, 0), 2);
    ck_assert_int_eq(sqlite3_column_int(st, 1), 1);
    size_t nparams = 0;
    while (ot_param_info((int)nparams + 1, NULL, NULL, NULL, NULL) == OT_OK)
        nparams++;
    ck_assert_int_eq(sqlite3_column_int(st, 2), (int)nparams);
    ck_assert(sqlite3_column_double(st, 3) == 0.0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    rm_dir(dir);
}

START_TEST(a_plain_1_0_store_opens_with_its_values)
{
    check_fixture("store-1.0-plain.ots", "plain");
}
END_TEST

START_TEST(a_checkpointed_1_0_store_opens_with_its_values)
{
    check_fixture("store-1.0-checkpointed.ots", "checkpointed");
}
END_TEST

/* A store of this build that lacks parameter rows (as a build with fewer
 * parameters would write) takes the defaults of its model version for them;
 * one with a parameter this build does not know is refused, naming it. */
START_TEST(parameters_are_read_by_name)
{
    char *dir = tmp_dir();
    const char *path = in_dir(dir, "s");
    ot_config *c;
    ck_ok(ot_config_new(&c));
    ck_ok(ot_config_set(c, OT_PARAM_SCAR_RATE, 0.25));
    ot_model *m;
    ck_ok(ot_store_open(path, c, OT_STORE_CREATE, &m));
    ot_model_free(m);
    ot_config_free(c);

    sqlite3 *db;
    ck_assert(sqlite3_open(path, &db) == SQLITE_OK);
    ck_assert(sqlite3_exec(db, "DELETE FROM orgtrust_config WHERE name IN ('scar_rate', 'gain_rate')", NULL, NULL,
                           NULL) == SQLITE_OK);
    sqlite3_close(db);
    ck_ok(ot_store_open(path, NULL, OT_STORE_READONLY, &m));
    double v;
    ck_ok(ot_model_param(m, OT_PARAM_SCAR_RATE, &v));
    ck_assert(v == 0.5); /* model 2's default, not model 1's 0 */
    ck_ok(ot_model_param(m, OT_PARAM_GAIN_RATE, &v));
    ck_assert(v == 0.05);
    ot_model_free(m);

    ck_assert(sqlite3_open(path, &db) == SQLITE_OK);
    ck_assert(sqlite3_exec(db, "INSERT INTO orgtrust_config VALUES(900, 'memory_of_elephants', 1.0)", NULL, NULL,
                           NULL) == SQLITE_OK);
    sqlite3_close(db);
    m = (ot_model *)&m;
    ck_status(ot_store_open(path, NULL, OT_STORE_READONLY, &m), OT_EFORMAT);
    ck_msg_has("\"memory_of_elephants\"");
    ck_msg_has("a newer orgtrust wrote the store");
    ck_assert_ptr_eq(m, (ot_model *)&m);
    rm_dir(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("store compatibility");
    TCase *tc = tcase_create("1.0 fixtures");
    tcase_add_test(tc, a_plain_1_0_store_opens_with_its_values);
    tcase_add_test(tc, a_checkpointed_1_0_store_opens_with_its_values);
    tcase_add_test(tc, parameters_are_read_by_name);
    suite_add_tcase(s, tc);
    return ot_run_suite(s);
}
