#include "scenario_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef OT_SOURCE_DIR
#define OT_SOURCE_DIR "."
#endif

ot_model *sc_load(const char *json)
{
    ot_model *m = NULL;
    ck_ok(ot_scenario_load(json, strlen(json), &m));
    return m;
}

ot_model *sc_load_source(const char *relpath)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", OT_SOURCE_DIR, relpath);
    ot_model *m = NULL;
    ck_ok(ot_scenario_load_file(path, &m));
    ck_ok(ot_model_check(m));
    return m;
}

const char *const sc_examples[SC_NEXAMPLES] = {"gemeente-waterschap", "faculteit", "alliantie", "grote-gemeente",
                                                "it-partnership"};

ot_model *sc_load_example(const char *name)
{
    char rel[256];
    snprintf(rel, sizeof rel, "examples/scenarios/%s.json", name);
    return sc_load_source(rel);
}

void sc_fails(const char *json, int status, const char *needle)
{
    ot_model *m = (ot_model *)&m; /* must stay untouched */
    ot_model *const before = m;
    int rc = ot_scenario_load(json, strlen(json), &m);
    ck_assert_msg(rc == status, "loading gave %d (%s: %s), expected %d\n%s", rc, ot_strerror(rc), ot_last_error(),
                  status, json);
    ck_assert_msg(m == before, "a model was returned on failure");
    ck_assert_msg(strstr(ot_last_error(), needle) != NULL, "message \"%s\" lacks \"%s\"", ot_last_error(), needle);
}

uint64_t sc_digest(const ot_model *m)
{
    uint64_t d = 0;
    ck_ok(ot_model_digest(m, &d));
    return d;
}

void sc_round_trip(const ot_model *m)
{
    char *a = NULL, *b = NULL;
    size_t na = 0, nb = 0;
    ot_model *m2 = NULL;
    ck_ok(ot_scenario_export(m, &a, &na));
    ck_assert_uint_eq(strlen(a), na);
    ck_ok(ot_scenario_load(a, na, &m2));
    ck_ok(ot_model_check(m2));
    ck_assert_msg(sc_digest(m) == sc_digest(m2), "the round trip changed the model:\n%s", a);
    ck_ok(ot_scenario_export(m2, &b, &nb));
    ck_assert_msg(na == nb && memcmp(a, b, na) == 0, "exporting twice differs:\n%s\n----\n%s", a, b);
    ot_free(a);
    ot_free(b);
    ot_model_free(m2);
}

/* The object of a kind (OT_ORGS or OT_ACTORS) named `name`. */
static ot_id named(const ot_model *m, int what, const char *name)
{
    size_t n = 0;
    ck_ok(ot_model_count(m, what, &n));
    for (ot_id i = 0; i < n; i++)
        if (strcmp(what == OT_ORGS ? ot_org_name(m, i) : ot_actor_name(m, i), name) == 0)
            return i;
    ck_abort_msg("no %s named %s", what == OT_ORGS ? "organisation" : "actor", name);
    return OT_NONE;
}

ot_id sc_actor(const ot_model *m, const char *name) { return named(m, OT_ACTORS, name); }
ot_id sc_org(const ot_model *m, const char *name) { return named(m, OT_ORGS, name); }

long sc_budget = -1;
static void *failing_malloc(size_t n) { return sc_budget-- == 0 ? NULL : malloc(n); }
static void *failing_realloc(void *p, size_t n) { return sc_budget-- == 0 ? NULL : realloc(p, n); }

void sc_failing_allocator(int on)
{
    sc_budget = -1;
    if (on)
        ck_ok(ot_set_allocator(failing_malloc, failing_realloc, free));
    else
        ck_ok(ot_set_allocator(NULL, NULL, NULL));
}

void sc_fails_repeated(const char *head, const char *unit, size_t n, const char *tail, int status, const char *needle)
{
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
    char *s = malloc(hl + ul * n + tl + 1);
    ck_assert_ptr_nonnull(s);
    memcpy(s, head, hl);
    for (size_t i = 0; i < n; i++)
        memcpy(s + hl + i * ul, unit, ul);
    memcpy(s + hl + ul * n, tail, tl + 1);
    sc_fails(s, status, needle);
    free(s);
}

ot_id sc_tie(const ot_model *m, const char *a, const char *b)
{
    ot_id t = OT_NONE;
    ck_ok(ot_tie_find(m, sc_actor(m, a), sc_actor(m, b), &t));
    return t;
}
