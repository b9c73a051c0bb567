/* Write the seed corpus of the store fuzzer (fuzzers/store_open.c) into a
 * directory: small stores (512-byte pages) of format 2 that reach every
 * part of the format, two with a broken chain, and a few files that are
 * not stores. The corpus also keeps stores of format 1 (v1_*: written by
 * liborgtrust 1.0 with this program as it was then), which the harness
 * opens, upgrades and verifies.
 *
 *   store_seeds DIR        (the committed corpus is fuzzers/corpus/store/)
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include <orgtrust.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[512];

static const char *at(const char *name)
{
    static char buf[2][600];
    static int next;
    char *p = buf[next++ % 2];
    snprintf(p, sizeof buf[0], "%s/%s", dir, name);
    return p;
}

static void must(int rc, const char *what)
{
    if (rc != OT_OK) {
        fprintf(stderr, "store_seeds: %s: %s\n", what, ot_last_error());
        exit(1);
    }
}

static void sql(const char *path, const char *text)
{
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK || sqlite3_exec(db, text, NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "store_seeds: %s: %s\n", path, sqlite3_errmsg(db));
        exit(1);
    }
    sqlite3_close(db);
}

/* Small pages and no WAL: a compact single file. */
static void compact(const char *path) { sql(path, "PRAGMA journal_mode = DELETE; PRAGMA page_size = 512; VACUUM"); }

/* Two organisations, a hierarchy on three layers, one of every call. */
static void story(ot_model *m)
{
    ot_id g, w, weth, man, roy, dijk, fat, d;
    int resolved;
    must(ot_org_add(m, "Gemeente", OT_NONE, &g), "org");
    must(ot_org_add(m, "Waterschap", OT_NONE, &w), "org");
    must(ot_actor_add(m, g, 2, OT_NONE, "de wethouder", &weth), "actor");
    must(ot_actor_add(m, g, 1, weth, "Mira", &man), "actor");
    must(ot_actor_add(m, g, 0, OT_NONE, "Roy", &roy), "actor");
    must(ot_actor_add(m, w, 2, OT_NONE, "de dijkgraaf", &dijk), "actor");
    must(ot_actor_add(m, w, 0, dijk, "Fatima", &fat), "actor");
    must(ot_actor_set_superior(m, roy, man), "superior");
    must(ot_actor_set_propensity(m, fat, 0.4), "propensity");
    must(ot_tie_add(m, roy, fat, NULL), "tie");
    must(ot_tie_add(m, weth, dijk, NULL), "tie");
    must(ot_tie_add(m, roy, man, NULL), "tie");
    must(ot_tie_set(m, 0, OT_TIE_INTENSITY, 2.0), "tie_set");
    must(ot_observe(m, roy, fat, OT_AGREEMENT_KEPT, 1.0, 1.0), "observe");
    ot_observation obs[3] = {{roy, fat, OT_DELIVERED, 0, 0.0, 2.0},
                             {fat, roy, OT_WENT_BEYOND, 0, 1.5, 3.0},
                             {weth, dijk, OT_CONCEALED, 0, 1.0, 4.0}};
    must(ot_observe_batch(m, obs, 3, NULL), "batch");
    must(ot_disrupt(m, roy, fat, OT_RELATIONAL, 0.5, 0, 10.0, &d), "disrupt");
    must(ot_escalate(m, d, OT_JOINT, 11.0, &resolved, NULL), "escalate");
    must(ot_disrupt(m, fat, roy, OT_TASK, 0.25, 1, 12.0, &d), "disrupt");
    must(ot_repair(m, d, 13.0), "repair");
    must(ot_consult(m, roy, fat, man, OT_NONE, 14.0), "consult");
    must(ot_impose_general_rule(m, g, 15.0), "rule");
}

static void store(const char *name, int checkpoint)
{
    ot_model *m;
    const char *path = at(name);
    unlink(path);
    must(ot_store_open(path, NULL, OT_STORE_CREATE, &m), name);
    story(m);
    if (checkpoint) {
        must(ot_store_checkpoint(m), "checkpoint");
        must(ot_observe(m, 4, 2, OT_LET_DOWN, 1.0, 20.0), "observe");
    }
    ot_model_free(m);
    compact(path);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: store_seeds DIR\n");
        return 2;
    }
    snprintf(dir, sizeof dir, "%s", argv[1]);
    ot_model *m;
    const char *path = at("empty_store");
    unlink(path);
    must(ot_store_open(path, NULL, OT_STORE_CREATE, &m), "empty store");
    ot_model_free(m);
    compact(path);
    store("story", 0);
    store("checkpoint", 1);
    /* Another layer count in the configuration. */
    ot_config *c;
    must(ot_config_new(&c), "config");
    must(ot_config_set_layers(c, 5, NULL), "layers");
    path = at("five_layers");
    unlink(path);
    must(ot_store_open(path, c, OT_STORE_CREATE, &m), "five layers");
    must(ot_org_add(m, "Provincie", OT_NONE, NULL), "org");
    ot_model_free(m);
    ot_config_free(c);
    compact(path);
    /* A chain broken by an edit (entry 5), and a checkpoint whose seal no
     * longer matches. */
    store("edited", 1);
    sql(at("edited"), "UPDATE orgtrust_journal SET t = t + 1 WHERE seq = 5");
    store("unsealed", 1);
    sql(at("unsealed"), "UPDATE orgtrust_checkpoint SET head = zeroblob(16)");
    /* Not stores. */
    path = at("foreign");
    unlink(path);
    sql(path, "PRAGMA page_size = 512; CREATE TABLE employee(id INTEGER PRIMARY KEY, name TEXT); "
              "INSERT INTO employee VALUES(1, 'Roy')");
    store("newer", 0);
    sql(at("newer"), "UPDATE orgtrust_format SET version = 4");
    FILE *f = fopen(at("not_sqlite"), "wb");
    if (!f || fputs("orgtrust store? no: plain text\n", f) < 0 || fclose(f))
        return 1;
    return 0;
}
