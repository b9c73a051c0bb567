/* Builders and readers shared by the suites: one-line wrappers that fail the
 * test when a call fails, and the cast of the seed stories (docs/model.md
 * section 10). Header-only, so the test library needs no new source. */
#ifndef OT_WORLD_H
#define OT_WORLD_H

#include "testutil.h"

#include <stdlib.h>
#include <string.h>

/* ck_ok() and ck_near() for hot loops: silent on success. (Check marks
 * every passing assertion with a message to its parent process, which
 * costs a system call; thousands of them dominate a test's time.) */
#define ok_quiet(expr)                                                                                      \
    do {                                                                                                     \
        int rcq_ = (expr);                                                                                   \
        if (rcq_ != OT_OK)                                                                                   \
            ck_abort_msg("%s -> %d (%s): %s", #expr, rcq_, ot_strerror(rcq_), ot_last_error());             \
    } while (0)

#define near_quiet(a, b, tol)                                                                               \
    do {                                                                                                     \
        double aq_ = (a), bq_ = (b);                                                                         \
        if (!(fabs(aq_ - bq_) <= (tol)))                                                                     \
            ck_abort_msg("%s = %.17g, expected %s = %.17g (tolerance %g)", #a, aq_, #b, bq_, (double)(tol)); \
    } while (0)

static inline ot_id mk_org(ot_model *m, const char *name, ot_id parent)
{
    ot_id id = OT_NONE;
    ck_ok(ot_org_add(m, name, parent, &id));
    return id;
}

static inline ot_id mk_actor(ot_model *m, ot_id org, unsigned layer, ot_id superior, const char *name)
{
    ot_id id = OT_NONE;
    ck_ok(ot_actor_add(m, org, layer, superior, name, &id));
    return id;
}

/* A tie whose directions start at trust t_ab (a -> b) and t_ba (b -> a):
 * a direction starts at its truster's propensity (docs/model.md section 2), so
 * the two propensities are set just before the tie is made. */
static inline ot_id mk_tie(ot_model *m, ot_id a, ot_id b, double t_ab, double t_ba)
{
    ot_id id = OT_NONE;
    ck_ok(ot_actor_set_propensity(m, a, t_ab));
    ck_ok(ot_actor_set_propensity(m, b, t_ba));
    ck_ok(ot_tie_add(m, a, b, &id));
    return id;
}

/* mk_tie() with intensity w. */
static inline ot_id mk_tie_w(ot_model *m, ot_id a, ot_id b, double t_ab, double t_ba, double w)
{
    ot_id id = mk_tie(m, a, b, t_ab, t_ba);
    ck_ok(ot_tie_set(m, id, OT_TIE_INTENSITY, w));
    return id;
}

/* One parameter and its value. */
typedef struct ot_setting {
    int param;
    double v;
} ot_setting;

/* A model from the default configuration with n parameters changed. */
static inline ot_model *model_set(const ot_setting *set, size_t n)
{
    ot_config *c = NULL;
    ot_model *m = NULL;
    ck_ok(ot_config_new(&c));
    for (size_t i = 0; i < n; i++)
        ck_ok(ot_config_set(c, set[i].param, set[i].v));
    ck_ok(ot_model_new(c, &m));
    ot_config_free(c);
    return m;
}

/* A model from the default configuration with one parameter changed. */
static inline ot_model *model_with(int param, double v)
{
    ot_setting one = {param, v};
    return model_set(&one, 1);
}

/* A reader: makes the call, checked by `check` (ck_ok, or ok_quiet in long
 * loops), and returns what the call wrote to v. */
#define OT_READER(check, name, type, init, call, ...)                                                         \
    static inline type name(__VA_ARGS__)                                                                      \
    {                                                                                                         \
        type v = init;                                                                                        \
        check(call);                                                                                          \
        return v;                                                                                             \
    }

OT_READER(ck_ok, rep_of, double, -1.0, ot_reputation(m, a, b, excluding, &v), const ot_model *m, ot_id a, ot_id b,
          ot_id excluding)
OT_READER(ck_ok, backing_of, double, -1.0, ot_backing(m, b, a, &v), const ot_model *m, ot_id b, ot_id a)
OT_READER(ck_ok, layer_trust_of, double, -1.0, ot_layer_trust(m, a, b, layer, &v), const ot_model *m, ot_id a,
          ot_id b, unsigned layer)
OT_READER(ck_ok, damping_of, double, -1.0, ot_damping(m, a, b, &v), const ot_model *m, ot_id a, ot_id b)
/* Effective trust; *limit (may be NULL) gets the limiting factor. */
OT_READER(ck_ok, et_of, double, -1.0, ot_effective_trust(m, truster, trustee, &v, limit), const ot_model *m,
          ot_id truster, ot_id trustee, int *limit)
OT_READER(ck_ok, tw_of, double, -1.0, ot_trustworthiness(m, truster, trustee, &v), const ot_model *m, ot_id truster,
          ot_id trustee)
OT_READER(ck_ok, standing_of, double, -1.0, ot_standing(m, actor, &v), const ot_model *m, ot_id actor)
/* The bridge gap; *on_bridge (may be NULL) gets the flag. */
OT_READER(ck_ok, gap_of, double, -2.0, ot_bridge_gap(m, actor, org_b, &v, on_bridge), const ot_model *m, ot_id actor,
          ot_id org_b, int *on_bridge)
OT_READER(ck_ok, dark_side_of, int, -1, ot_dark_side(m, truster, trustee, &v), const ot_model *m, ot_id truster,
          ot_id trustee)
OT_READER(ck_ok, basis_of, int, -1, ot_cooperation_basis(m, a, b, &v), const ot_model *m, ot_id a, ot_id b)

/* n observations of one kind, magnitude 1, all at time t. */
static inline void observe_n(ot_model *m, ot_id truster, ot_id trustee, int kind, int n, double t)
{
    for (int k = 0; k < n; k++)
        ck_ok(ot_observe(m, truster, trustee, kind, 1.0, t));
}

/* T after n unit gains from T0 with damping D and gain rate g:
 * 1 - (1 - T0) * (1 - g*D)^n (docs/model.md section 2). */
static inline double after_gains(double T0, int n, double g, double D)
{
    return 1.0 - (1.0 - T0) * pow(1.0 - g * D, n);
}

/* ---- a counting allocator that can fail ------------------------------ */

/* Installed with ot_set_allocator(count_malloc, count_realloc, count_free)
 * while nothing exists. fail_after = k lets k more allocations succeed and
 * fails every one after; -1 never fails. */
static long n_malloc, n_realloc, n_free;
static long n_live;          /* blocks handed out and not yet freed */
static long fail_after = -1; /* allocations left before they fail; -1: never */

static inline int alloc_allowed(void)
{
    if (fail_after == 0)
        return 0;
    if (fail_after > 0)
        fail_after--;
    return 1;
}

static inline void *count_malloc(size_t n)
{
    if (!alloc_allowed())
        return NULL;
    void *p = malloc(n);
    n_malloc++;
    n_live += p != NULL;
    return p;
}

static inline void *count_realloc(void *p, size_t n)
{
    if (!alloc_allowed())
        return NULL;
    void *q = realloc(p, n);
    n_realloc++;
    n_live += p == NULL && q != NULL;
    return q;
}

static inline void count_free(void *p)
{
    n_free++;
    n_live -= p != NULL;
    free(p);
}

static inline void reset_counts(void) { n_malloc = n_realloc = n_free = n_live = 0; }

/* One mutating step of a script: step i applied to m. */
typedef int (*ot_step)(ot_model *m, int i);

/* Make `call` with allocation 0, then 1, ... failing until it returns
 * OT_OK (the counting allocator must be installed). Every failure must be
 * OT_ENOMEM; `after` then runs with the allocator working again, to check
 * that nothing changed. `tries` ends as the number of failed attempts. */
#define ck_until_memory_suffices(tries, call, after)                                                          \
    for (tries = 0;; tries++) {                                                                               \
        fail_after = tries;                                                                                   \
        int rcm_ = (call);                                                                                    \
        fail_after = -1;                                                                                      \
        if (rcm_ == OT_OK)                                                                                    \
            break;                                                                                            \
        if (rcm_ != OT_ENOMEM)                                                                                \
            ck_abort_msg("%s with allocation %ld failing: %d (%s)", #call, tries, rcm_, ot_last_error());    \
        after;                                                                                                \
    }

/* Step i of a script under ck_until_memory_suffices(), checking after each
 * failure that the model is as it was. Returns the failed attempts. */
static inline long until_memory_suffices(ot_model *m, ot_step step, int i)
{
    ot_state before = ot_state_of(m);
    long k;
    ck_until_memory_suffices(k, step(m, i), ck_unchanged(m, before));
    return k;
}

/* Run steps 0 .. n-1 once without failures (the reference) and once with
 * every allocation of every step failing in turn: the two models end
 * bit-identical, some attempts did fail, and nothing leaks. */
static inline void ck_script_survives_out_of_memory(ot_step step, int n)
{
    reset_counts();
    ck_ok(ot_set_allocator(count_malloc, count_realloc, count_free));
    ot_model *ref, *m;
    ck_ok(ot_model_new(NULL, &ref));
    ck_ok(ot_model_new(NULL, &m));
    long failures = 0;
    for (int i = 0; i < n; i++) {
        ck_ok(step(ref, i));
        failures += until_memory_suffices(m, step, i);
    }
    ck_assert(failures > 0);
    ot_state a = ot_state_of(ref), b = ot_state_of(m);
    ck_assert(a.digest == b.digest);
    ck_assert_uint_eq(a.count[OT_EVENTS], b.count[OT_EVENTS]);
    ot_model_free(ref);
    ot_model_free(m);
    ck_assert_int_eq(n_live, 0);
    ck_ok(ot_set_allocator(NULL, NULL, NULL));
}

/* ---- a gemeente with departments ------------------------------------- */

/* A town for the structure and aggregate suites: the gemeente has two
 * departments (planning, finance), the waterschap one (beheer). Layers:
 * 0 operational, 1 managerial, 2 administrative. */
typedef struct ot_town {
    ot_model *m;
    ot_id gemeente, planning, finance, waterschap, beheer;
    ot_id wethouder;   /* gemeente, 2 */
    ot_id clerk;       /* gemeente itself, 0 */
    ot_id teamleider;  /* planning, 1, under the wethouder */
    ot_id roy, ahmed;  /* planning, 0, under the teamleider */
    ot_id controller;  /* finance, 0 */
    ot_id fin_head;    /* finance, 1 */
    ot_id dijkgraaf;   /* waterschap, 2 */
    ot_id fatima;      /* waterschap, 0 */
    ot_id beheerder;   /* beheer, 0 */
} ot_town;

static inline ot_town town_new(void)
{
    ot_town t;
    ck_ok(ot_model_new(NULL, &t.m));
    t.gemeente = mk_org(t.m, "Gemeente", OT_NONE);
    t.planning = mk_org(t.m, "Planning", t.gemeente);
    t.finance = mk_org(t.m, "Financien", t.gemeente);
    t.waterschap = mk_org(t.m, "Waterschap", OT_NONE);
    t.beheer = mk_org(t.m, "Beheer", t.waterschap);
    t.wethouder = mk_actor(t.m, t.gemeente, 2, OT_NONE, "de wethouder");
    t.clerk = mk_actor(t.m, t.gemeente, 0, t.wethouder, "de griffier");
    t.teamleider = mk_actor(t.m, t.planning, 1, t.wethouder, "de teamleider");
    t.roy = mk_actor(t.m, t.planning, 0, t.teamleider, "Roy");
    t.ahmed = mk_actor(t.m, t.planning, 0, t.teamleider, "Ahmed");
    t.controller = mk_actor(t.m, t.finance, 0, OT_NONE, "de controller");
    t.fin_head = mk_actor(t.m, t.finance, 1, t.wethouder, "het hoofd financien");
    t.dijkgraaf = mk_actor(t.m, t.waterschap, 2, OT_NONE, "de dijkgraaf");
    t.fatima = mk_actor(t.m, t.waterschap, 0, t.dijkgraaf, "Fatima");
    t.beheerder = mk_actor(t.m, t.beheer, 0, OT_NONE, "de beheerder");
    return t;
}

/* ---- the cast of the seed stories ------------------------------------- */

/* The gemeente with its planning department, and the waterschap. Roy,
 * Ahmed and Sanne work in planning on the operational layer under their
 * team leader (managerial), who answers to the wethouder (administrative,
 * in the gemeente itself). Fatima and Kees work in the waterschap under the
 * afdelingshoofd, who answers to the dijkgraaf. Nobody has a tie yet: every
 * story makes the ties it needs. */
typedef struct ot_cast {
    ot_model *m;
    ot_id gemeente, planning, waterschap;
    ot_id wethouder, teamleider, roy, ahmed, sanne;
    ot_id dijkgraaf, afdelingshoofd, fatima, kees;
} ot_cast;

static inline ot_cast cast_new_in(ot_model *m)
{
    ot_cast c;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.gemeente = mk_org(m, "Gemeente", OT_NONE);
    c.planning = mk_org(m, "Afdeling Ruimtelijke Ordening", c.gemeente);
    c.waterschap = mk_org(m, "Waterschap", OT_NONE);
    c.wethouder = mk_actor(m, c.gemeente, 2, OT_NONE, "de wethouder");
    c.teamleider = mk_actor(m, c.planning, 1, c.wethouder, "de teamleider");
    c.roy = mk_actor(m, c.planning, 0, c.teamleider, "Roy");
    c.ahmed = mk_actor(m, c.planning, 0, c.teamleider, "Ahmed");
    c.sanne = mk_actor(m, c.planning, 0, c.teamleider, "Sanne");
    c.dijkgraaf = mk_actor(m, c.waterschap, 2, OT_NONE, "de dijkgraaf");
    c.afdelingshoofd = mk_actor(m, c.waterschap, 1, c.dijkgraaf, "het afdelingshoofd");
    c.fatima = mk_actor(m, c.waterschap, 0, c.afdelingshoofd, "Fatima");
    c.kees = mk_actor(m, c.waterschap, 0, c.afdelingshoofd, "Kees");
    return c;
}

/* The cast in a model with the default configuration. */
static inline ot_cast cast_new(void)
{
    ot_model *m = NULL;
    ck_ok(ot_model_new(NULL, &m));
    return cast_new_in(m);
}

#endif
