/* lib/snapshot.c: the digest of the whole state, and the internal snapshot
 * and restore (lib/snapshot.h) that the store's checkpoints use. Damaged
 * snapshots must give a clean status, never a crash or a leak (the ASan
 * pass runs this suite too). */
#include "world.h"

#include "alloc.h"
#include "snapshot.h"

#include <stdlib.h>
#include <string.h>

static uint64_t digest_of(const ot_model *m)
{
    uint64_t d = 0;
    ck_ok(ot_model_digest(m, &d));
    return d;
}

/* A small history over the story's cast: ties on every layer, attributes,
 * observations at several times (so each direction has its own t_last),
 * a repaired disruption, an open one and a consultation that surfaced it. */
static void history(ot_cast *c)
{
    ot_model *m = c->m;
    ot_id rf = mk_tie(m, c->roy, c->fatima, 0.625, 0.5);
    mk_tie(m, c->ahmed, c->kees, 0.5, 0.375);
    mk_tie(m, c->wethouder, c->dijkgraaf, 0.75, 0.25);
    mk_tie(m, c->teamleider, c->fatima, 0.5, 0.5); /* diagonal */
    mk_tie(m, c->roy, c->ahmed, 0.875, 0.5);        /* internal */
    ck_ok(ot_tie_set(m, rf, OT_TIE_AFFECT, 0.5));
    ck_ok(ot_tie_set(m, rf, OT_TIE_INTENSITY, 2.5));
    ck_ok(ot_tie_set(m, rf, OT_TIE_UNCERTAINTY, 0.75));
    ck_ok(ot_observe(m, c->roy, c->fatima, OT_DELIVERED, 1.0, 1.0));
    ck_ok(ot_observe(m, c->fatima, c->roy, OT_WENT_BEYOND, 0.5, 3.0));
    ck_ok(ot_observe(m, c->ahmed, c->kees, OT_AGREEMENT_BROKEN, 2.0, 7.5));
    ck_ok(ot_observe(m, c->dijkgraaf, c->wethouder, OT_CONCEALED, 1.0, 10.0));
    ot_id d0, d1;
    ck_ok(ot_disrupt(m, c->roy, c->fatima, OT_TASK, 0.5, 1, 12.0, &d0));
    ck_ok(ot_repair(m, d0, 14.0));
    ck_ok(ot_disrupt(m, c->kees, c->ahmed, OT_RELATIONAL, 0.25, 0, 20.0, &d1));
    ck_ok(ot_consult(m, c->wethouder, c->dijkgraaf, c->teamleider, OT_NONE, 25.0));
    ck_ok(ot_observe(m, c->roy, c->ahmed, OT_LET_DOWN, 1.0, 30.0));
}

/* A configuration far from the defaults: four named layers and changed
 * parameters. */
static ot_model *custom_model(void)
{
    ot_config *cfg;
    ck_ok(ot_config_new(&cfg));
    const char *names[4] = {"uitvoering", "leiding", "bestuur", "toezicht"};
    ck_ok(ot_config_set_layers(cfg, 4, names));
    ck_ok(ot_config_set(cfg, OT_PARAM_GAIN_RATE, 0.0625));
    ck_ok(ot_config_set(cfg, OT_PARAM_EVIDENCE_HALF_LIFE, 50.0));
    ck_ok(ot_config_set(cfg, OT_PARAM_ORG_PRIOR, 0.375));
    ot_model *m;
    ck_ok(ot_model_new(cfg, &m));
    ot_config_free(cfg);
    return m;
}

static ot_cast story_model(void)
{
    ot_cast c = cast_new();
    history(&c);
    return c;
}

/* ---- the digest -------------------------------------------------------- */

START_TEST(equal_histories_have_equal_digests)
{
    ot_cast a = story_model(), b = story_model();
    ck_assert(digest_of(a.m) == digest_of(b.m));
    /* A query in between changes nothing. */
    double v;
    ck_ok(ot_effective_trust(a.m, a.roy, a.fatima, &v, NULL));
    ck_assert(digest_of(a.m) == digest_of(b.m));
    /* So does a refused call, although it was made on one model only. */
    ck_status(ot_observe(a.m, a.roy, a.fatima, OT_DELIVERED, 1.0, 0.0), OT_ETIME);
    ck_assert(digest_of(a.m) == digest_of(b.m));
    /* Setting an attribute to the value it has is an event but no change
     * of state. */
    ck_ok(ot_tie_set(a.m, 0, OT_TIE_AFFECT, 0.5));
    ck_assert(digest_of(a.m) == digest_of(b.m));
    ot_model_free(a.m);
    ot_model_free(b.m);
}
END_TEST

/* One change after the story's history. */
static void change(ot_cast *c, int which)
{
    ot_model *m = c->m;
    switch (which) {
    case 0: mk_org(m, "Provincie", OT_NONE); break;
    case 1: mk_actor(m, c->waterschap, 0, OT_NONE, "Joost"); break;
    case 2: ck_ok(ot_tie_add(m, c->sanne, c->kees, NULL)); break;
    case 3: ck_ok(ot_tie_set(m, 0, OT_TIE_INTENSITY, 2.0)); break;
    case 4: ck_ok(ot_tie_set(m, 0, OT_TIE_AFFECT, 0.25)); break;
    case 5: ck_ok(ot_tie_set(m, 0, OT_TIE_UNCERTAINTY, 0.5)); break;
    case 6: ck_ok(ot_actor_set_propensity(m, c->sanne, 0.25)); break;
    case 7: ck_ok(ot_actor_set_superior(m, c->roy, c->wethouder)); break;
    /* an observation at the model's time: only the evidence and T move */
    case 8: ck_ok(ot_observe(m, c->roy, c->fatima, OT_DISCLOSED, 0.5, 30.0)); break;
    /* the same magnitude on another dimension */
    case 9: ck_ok(ot_observe(m, c->roy, c->ahmed, OT_DELIVERED, 1.0, 30.0)); break;
    case 10: ck_ok(ot_disrupt(m, c->roy, c->fatima, OT_RELATIONAL, 1.0, 0, 30.0, NULL)); break;
    default: ck_ok(ot_repair(m, 1, 30.0)); break;
    }
}

START_TEST(any_change_changes_the_digest)
{
    ot_cast base = story_model(), c = story_model();
    uint64_t before = digest_of(c.m);
    ck_assert(before == digest_of(base.m));
    change(&c, _i);
    ck_assert_msg(digest_of(c.m) != before, "change %d left the digest", _i);
    ot_model_free(base.m);
    ot_model_free(c.m);
}
END_TEST

START_TEST(configuration_and_names_are_in_the_digest)
{
    ot_model *a, *b;
    ck_ok(ot_model_new(NULL, &a));
    ck_ok(ot_model_new(NULL, &b));
    ck_assert(digest_of(a) == digest_of(b));
    ot_model *c = model_with(OT_PARAM_ORG_PRIOR, 0.5); /* the default again */
    ck_assert(digest_of(a) == digest_of(c));
    ot_model_free(c);
    c = model_with(OT_PARAM_ORG_PRIOR, 0.5 + 0x1p-52);
    ck_assert(digest_of(a) != digest_of(c));
    ot_model_free(c);
    ot_config *cfg;
    ck_ok(ot_config_new(&cfg));
    const char *names[3] = {"operational", "managerial", "bestuurlijk"};
    ck_ok(ot_config_set_layers(cfg, 3, names));
    ck_ok(ot_model_new(cfg, &c));
    ot_config_free(cfg);
    ck_assert(digest_of(a) != digest_of(c));
    ot_model_free(c);
    mk_org(a, "Gemeente", OT_NONE);
    mk_org(b, "Gemeente ", OT_NONE);
    ck_assert(digest_of(a) != digest_of(b));
    uint64_t d = 42;
    ck_status(ot_model_digest(NULL, &d), OT_EINVAL);
    ck_msg_has("m is NULL");
    ck_status(ot_model_digest(a, NULL), OT_EINVAL);
    ck_msg_has("out is NULL");
    ck_assert(d == 42);
    ot_model_free(a);
    ot_model_free(b);
}
END_TEST

/* ---- round trip ------------------------------------------------------- */

/* Snapshot m, restore it, and check the copy: same digest, same bytes when
 * snapshotted again, consistent aggregates. The caller frees the copy. */
static ot_model *round_trip(const ot_model *m)
{
    uint8_t *buf = NULL, *buf2 = NULL;
    size_t len = 0, len2 = 0;
    ck_ok(oti_snapshot(m, &buf, &len));
    ot_model *copy = NULL;
    ck_ok(oti_restore(buf, len, &copy));
    ck_ok(ot_model_check(copy));
    ck_assert(digest_of(copy) == digest_of(m));
    ck_ok(oti_snapshot(copy, &buf2, &len2));
    ck_assert_uint_eq(len2, len);
    ck_assert(memcmp(buf, buf2, len) == 0);
    oti_free(buf);
    oti_free(buf2);
    for (int w = OT_ORGS; w <= OT_DISRUPTIONS; w++) {
        size_t a, b;
        ck_ok(ot_model_count(m, w, &a));
        ck_ok(ot_model_count(copy, w, &b));
        ck_assert_uint_eq(a, b);
    }
    double t1, t2;
    ck_ok(ot_model_time(m, &t1));
    ck_ok(ot_model_time(copy, &t2));
    ck_assert(memcmp(&t1, &t2, sizeof t1) == 0);
    return copy;
}

/* What comes after the history: decay from each direction's own t_last,
 * gains damped by the climate, the open disruption repaired with its
 * surfacing time. Run on both, the two must stay equal. */
static void afterwards(ot_model *m, const ot_cast *c)
{
    ck_ok(ot_observe(m, c->roy, c->fatima, OT_AGREEMENT_KEPT, 1.0, 40.0));
    ck_ok(ot_observe(m, c->kees, c->ahmed, OT_DELIVERED, 3.0, 41.0));
    ck_ok(ot_repair(m, 1, 50.0));
    ck_ok(ot_observe(m, c->wethouder, c->dijkgraaf, OT_WENT_BEYOND, 1.0, 60.0));
    ck_ok(ot_tie_set(m, 1, OT_TIE_INTENSITY, 0.5));
    ck_ok(ot_observe(m, c->fatima, c->teamleider, OT_FAILED_DELIVERY, 1.0, 400.0));
}

START_TEST(restore_gives_the_same_model)
{
    ot_cast c = cast_new_in(custom_model());
    /* A reorganisation: Sanne answers to a manager added after her. */
    ot_id lead2 = mk_actor(c.m, c.planning, 1, c.wethouder, "de nieuwe teamleider");
    ck_ok(ot_actor_set_superior(c.m, c.sanne, lead2));
    ot_id top = mk_actor(c.m, c.waterschap, 3, OT_NONE, "de voorzitter");
    ck_ok(ot_actor_set_superior(c.m, c.dijkgraaf, top));
    history(&c);
    ot_model *copy = round_trip(c.m);
    /* Structure and names came along. */
    ck_assert_str_eq(ot_actor_name(copy, c.fatima), "Fatima");
    ck_assert_str_eq(ot_org_name(copy, c.planning), "Afdeling Ruimtelijke Ordening");
    ck_assert_str_eq(ot_layer_name(copy, 3), "toezicht");
    ot_id sup = 0;
    ck_ok(ot_actor_superior(copy, c.sanne, &sup));
    ck_assert_uint_eq(sup, lead2);
    ck_ok(ot_actor_superior(copy, c.dijkgraaf, &sup));
    ck_assert_uint_eq(sup, top);
    int surfaced = 0;
    double ts = 0.0;
    ck_ok(ot_disruption_surfaced(copy, 1, &surfaced, &ts));
    ck_assert_int_eq(surfaced, 1);
    ck_assert(ts == 25.0);
    /* The restored model keeps no events. */
    size_t n = 99;
    ck_ok(ot_model_count(copy, OT_EVENTS, &n));
    ck_assert_uint_eq(n, 0);
    /* It goes on exactly like the original. */
    afterwards(c.m, &c);
    afterwards(copy, &c);
    ck_assert(digest_of(copy) == digest_of(c.m));
    ck_ok(ot_model_check(copy));
    ot_model_free(copy);
    ot_model_free(c.m);
}
END_TEST

/* People came and went, a disruption climbed the ladder: who left, which
 * ties ended (a pair's later tie restarting the earlier), the departed
 * actor's recorded superior, each disruption's level and the timeboxes all
 * come back, and the copy goes on exactly like the original. */
START_TEST(restore_keeps_people_who_came_and_went)
{
    ot_config *cfg;
    ck_ok(ot_config_new(&cfg));
    double days[3] = {2.0, 4.0, 8.0};
    ck_ok(ot_config_set_timeboxes(cfg, 3, days));
    ot_model *m0;
    ck_ok(ot_model_new(cfg, &m0));
    ot_config_free(cfg);
    ot_cast c = cast_new_in(m0);
    ot_id rf, tm, top, d, d2;
    ck_ok(ot_tie_add(c.m, c.roy, c.fatima, &rf));
    ck_ok(ot_tie_add(c.m, c.teamleider, c.afdelingshoofd, &tm));
    ck_ok(ot_tie_add(c.m, c.wethouder, c.dijkgraaf, &top));
    ck_ok(ot_tie_add(c.m, c.ahmed, c.kees, NULL));
    ck_ok(ot_tie_add(c.m, c.sanne, c.kees, NULL));
    ck_ok(ot_disrupt(c.m, c.sanne, c.kees, OT_TASK, 0.5, 0, 1.0, &d));
    ck_ok(ot_disrupt(c.m, c.ahmed, c.kees, OT_TASK, 0.5, 0, 1.0, &d2));
    ck_ok(ot_refer(c.m, d, OT_JOINT, 2.0));
    ck_ok(ot_resolve(c.m, d, 3.0, NULL));
    ck_ok(ot_observe(c.m, c.roy, c.fatima, OT_AGREEMENT_BROKEN, 1.0, 4.0));
    ck_ok(ot_tie_end(c.m, rf, 5.0));
    ck_ok(ot_tie_add(c.m, c.fatima, c.roy, NULL)); /* restarted */
    ck_ok(ot_actor_leave(c.m, c.ahmed, 6.0));        /* d2 is withdrawn */
    ck_ok(ot_actor_move(c.m, c.teamleider, c.waterschap, 1, c.dijkgraaf, 7.0));
    ck_ok(ot_actor_leave(c.m, c.dijkgraaf, 8.0)); /* the teamleider's line closes up */
    ot_model *copy = round_trip(c.m);
    int active = -1;
    ck_ok(ot_actor_active(copy, c.ahmed, &active));
    ck_assert_int_eq(active, 0);
    ck_ok(ot_tie_active(copy, rf, &active));
    ck_assert_int_eq(active, 0);
    ot_id sup = 0;
    ck_ok(ot_actor_superior(copy, c.ahmed, &sup));
    ck_assert_uint_eq(sup, c.teamleider);
    ck_ok(ot_actor_superior(copy, c.teamleider, &sup));
    ck_assert_uint_eq(sup, OT_NONE);
    unsigned layer = 9;
    ck_ok(ot_disruption_level(copy, d, &layer, NULL, NULL, NULL));
    ck_assert_uint_eq(layer, 1);
    int st = 0;
    ck_ok(ot_disruption_status(copy, d2, &st));
    ck_assert_int_eq(st, OT_WITHDRAWN);
    double v = 0;
    ck_ok(ot_model_timebox(copy, 2, &v));
    ck_assert(v == 8.0);
    ck_ok(ot_disruption_due(copy, d, &v));
    ck_assert(v == 2.0 + 4.0);
    ck_ok(ot_observe(c.m, c.roy, c.fatima, OT_DELIVERED, 1.0, 9.0));
    ck_ok(ot_observe(copy, c.roy, c.fatima, OT_DELIVERED, 1.0, 9.0));
    ck_ok(ot_resolve(c.m, d, 9.5, NULL));
    ck_ok(ot_resolve(copy, d, 9.5, NULL));
    ck_assert(digest_of(copy) == digest_of(c.m));
    ot_model_free(copy);
    ot_model_free(c.m);
}
END_TEST

START_TEST(restore_of_an_empty_model)
{
    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    ot_model *copy = round_trip(m);
    double t = 0.0;
    ck_ok(ot_model_time(copy, &t));
    ck_assert(t == -INFINITY);
    ot_model_free(copy);
    ot_model_free(m);
}
END_TEST

/* ---- damaged snapshots ---------------------------------------------------- */

/* A small but complete snapshot: every section has an entry. */
static uint8_t *small_snapshot(size_t *len)
{
    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    ot_id g = mk_org(m, "G", OT_NONE), d = mk_org(m, "D", g), w = mk_org(m, "W", OT_NONE);
    ot_id boss = mk_actor(m, g, 2, OT_NONE, "B");
    ot_id a = mk_actor(m, d, 0, boss, "A");
    ot_id f = mk_actor(m, w, 1, OT_NONE, "F");
    mk_tie(m, a, f, 0.75, 0.25);
    mk_tie(m, a, boss, 0.5, 0.5);
    ck_ok(ot_observe(m, a, f, OT_DELIVERED, 1.0, 2.0));
    ck_ok(ot_disrupt(m, f, a, OT_TASK, 0.5, 0, 3.0, NULL));
    uint8_t *buf;
    ck_ok(oti_snapshot(m, &buf, len));
    ot_model_free(m);
    return buf;
}

START_TEST(truncated_snapshots_are_refused)
{
    size_t len;
    uint8_t *buf = small_snapshot(&len);
    ck_assert(len > 100);
    /* The whole is fine ... */
    ot_model *m = NULL;
    ck_ok(oti_restore(buf, len, &m));
    ot_model_free(m);
    /* ... every proper prefix is not: each is copied to a buffer of its own
     * size, so reading past it would be caught by ASan. */
    for (size_t cut = 0; cut < len; cut++) {
        uint8_t *part = malloc(cut ? cut : 1);
        memcpy(part, buf, cut);
        static char dummy;
        ot_model *const sentinel = (ot_model *)&dummy;
        m = sentinel;
        int rc = oti_restore(part, cut, &m);
        free(part);
        if (rc != OT_EFORMAT)
            ck_abort_msg("cut at %zu of %zu: status %d (%s)", cut, len, rc, ot_last_error());
        if (m != sentinel)
            ck_abort_msg("cut at %zu: out was written", cut);
        if (strncmp(ot_last_error(), "snapshot: ", 10) != 0)
            ck_abort_msg("cut at %zu: message \"%s\"", cut, ot_last_error());
    }
    /* A byte too many. */
    uint8_t *more = malloc(len + 1);
    memcpy(more, buf, len);
    more[len] = 0;
    ck_status(oti_restore(more, len + 1, &m), OT_EFORMAT);
    ck_msg_has("1 bytes follow");
    free(more);
    oti_free(buf);
}
END_TEST

START_TEST(corrupted_snapshots_give_a_clean_status)
{
    size_t len;
    uint8_t *buf = small_snapshot(&len);
    static const uint8_t masks[] = {0x01, 0x10, 0x80, 0xff};
    int restored = 0, refused = 0;
    for (size_t pos = 0; pos < len; pos++)
        for (size_t k = 0; k < sizeof masks; k++) {
            buf[pos] ^= masks[k];
            ot_model *m = NULL;
            int rc = oti_restore(buf, len, &m);
            buf[pos] ^= masks[k];
            if (rc == OT_OK) {
                /* Whatever was accepted is a consistent model. */
                int check = ot_model_check(m);
                if (check != OT_OK)
                    ck_abort_msg("byte %zu ^ %#x: restored but inconsistent: %s", pos, masks[k], ot_last_error());
                ot_model_free(m);
                restored++;
            } else if (rc == OT_EFORMAT) {
                refused++;
            } else {
                ck_abort_msg("byte %zu ^ %#x: status %d (%s)", pos, masks[k], rc, ot_last_error());
            }
        }
    /* Both outcomes occurred: damage in a trust value may be a valid value,
     * damage in the magic or a count may not. */
    ck_assert(restored > 0);
    ck_assert(refused > 0);
    oti_free(buf);
}
END_TEST

START_TEST(foreign_data_is_refused)
{
    ot_model *m = NULL;
    ck_status(oti_restore((const uint8_t *)"", 0, &m), OT_EFORMAT);
    ck_msg_has("bad magic");
    ck_status(oti_restore((const uint8_t *)"SQLite format 3", 15, &m), OT_EFORMAT);
    ck_msg_has("bad magic");
    /* The magic and nothing after it: format 1 (1.0's) starts with the
     * layers, format 2 with the model version. */
    ck_status(oti_restore((const uint8_t *)"OTSNAP1\n", 8, &m), OT_EFORMAT);
    ck_msg_has("layer count");
    ck_status(oti_restore((const uint8_t *)"OTSNAP2\n", 8, &m), OT_EFORMAT);
    ck_msg_has("model version");
    ck_status(oti_restore((const uint8_t *)"OTSNAP3\n\2\0\0\0", 12, &m), OT_EFORMAT);
    ck_msg_has("a newer orgtrust wrote it");
    ck_status(oti_restore((const uint8_t *)"OTSNAP2\n\3\0\0\0", 12, &m), OT_EFORMAT);
    ck_msg_has("written for model version 3");
    /* Random bytes after the magic (of both formats), many times. */
    uint8_t junk[256];
    uint64_t x = 88172645463325252ULL;
    for (int round = 0; round < 2000; round++) {
        memcpy(junk, round % 4 < 2 ? "OTSNAP1\n" : "OTSNAP2\n", 8);
        for (size_t i = 8; i < sizeof junk; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            junk[i] = (uint8_t)x;
        }
        /* Keep the model version and the layer count plausible now and
         * then, to get further in. */
        size_t at = round % 4 < 2 ? 8 : 12;
        if (at == 12) {
            junk[8] = (uint8_t)(1 + round % 2);
            junk[9] = junk[10] = junk[11] = 0;
        }
        if (round % 2) {
            junk[at] = (uint8_t)(1 + round % OTI_MAX_LAYERS);
            junk[at + 1] = junk[at + 2] = junk[at + 3] = 0;
        }
        int rc = oti_restore(junk, sizeof junk, &m);
        if (rc != OT_EFORMAT)
            ck_abort_msg("round %d: status %d (%s)", round, rc, ot_last_error());
    }
}
END_TEST

START_TEST(out_of_memory_while_restoring)
{
    reset_counts();
    ck_ok(ot_set_allocator(count_malloc, count_realloc, count_free));
    ot_cast c = story_model();
    uint8_t *buf = NULL;
    size_t len = 0;
    /* Writing: ENOMEM until the buffer can grow enough. */
    long k;
    ck_until_memory_suffices(k, oti_snapshot(c.m, &buf, &len), (void)0);
    ck_assert(k > 1);
    /* Reading: ENOMEM (never EFORMAT: the data is fine) until it fits. */
    ot_model *copy = NULL;
    ck_until_memory_suffices(k, oti_restore(buf, len, &copy), (void)0);
    ck_assert(k > 10);
    ck_assert(digest_of(copy) == digest_of(c.m));
    ot_model_free(copy);
    oti_free(buf);
    ot_model_free(c.m);
    ck_assert_int_eq(n_live, 0);
    ck_ok(ot_set_allocator(NULL, NULL, NULL));
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("snapshot");
    TCase *tc = tcase_create("digest");
    tcase_add_test(tc, equal_histories_have_equal_digests);
    tcase_add_loop_test(tc, any_change_changes_the_digest, 0, 12);
    tcase_add_test(tc, configuration_and_names_are_in_the_digest);
    suite_add_tcase(s, tc);
    tc = tcase_create("restore");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, restore_gives_the_same_model);
    tcase_add_test(tc, restore_of_an_empty_model);
    tcase_add_test(tc, truncated_snapshots_are_refused);
    tcase_add_test(tc, corrupted_snapshots_give_a_clean_status);
    tcase_add_test(tc, restore_keeps_people_who_came_and_went);
    tcase_add_test(tc, foreign_data_is_refused);
    tcase_add_test(tc, out_of_memory_while_restoring);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return ot_run_suite(suite()); }
