/* Helpers of the store suites (test_store*.c): temporary files, one story
 * that makes every kind of event, and a deterministic stream of
 * observations. Static so each suite takes what it uses. */
#ifndef OT_STORE_UTIL_H
#define OT_STORE_UTIL_H

#define _POSIX_C_SOURCE 200809L

#include "testutil.h"

#include <dirent.h>
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
#define STORY_CALLS 37

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
        (rc = ot_respond(m, d, OT_RESPONSE_PROMISE, 24.0)) || (rc = ot_reveal(m, d, 0, 24.5)) ||
        (rc = ot_consult(m, ROY, FATIMA, POL_G, OT_NONE, 25.0)) || (rc = ot_impose_general_rule(m, G, 30.0)) ||
        (rc = ot_observe(m, ROY, MAN_G, OT_LET_DOWN, 1.0, 31.0)))
        return rc;
    return OT_OK; /* 14 calls */
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

#endif
