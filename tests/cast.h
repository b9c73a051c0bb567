/* The cast of seed 000, shared by the disruption, escalation and governance
 * suites: a gemeente (with its planning department, ruimtelijke ordening)
 * and a waterschap, cooperating on three layers.
 *
 *   layer 2  wethouder (0.9) ------------------------ dijkgraaf (0.8)
 *   layer 1  manager RO (0.8) ----------------------- manager watersysteem (0.7)
 *            projectleider (0.75) ------------------/
 *   layer 0  Roy (RO) ------------------------------- Fatima
 *            Daan (under the projectleider) --------- Bram     (the joint water-test team)
 *            beleidsmedewerker G -------------------- beleidsmedewerker W
 *
 * Numbers in brackets are propensities, so every tie starts with those
 * trusts; operational people have the default 0.5. Reporting lines: Roy ->
 * manager RO -> wethouder; Daan -> projectleider -> wethouder; the gemeente's
 * policy officer -> wethouder; Fatima and Bram -> manager watersysteem ->
 * dijkgraaf; the waterschap's policy officer -> dijkgraaf. Roy also has an
 * internal tie with his own manager.
 *
 * Worked out once for every suite:
 *   h(wethouder, dijkgraaf) = min(0.9, 0.8)  = 0.8
 *   h(manager RO, manager watersysteem) = min(0.8, 0.7) = 0.7
 *   climate of a layer-0 tie: every layer above has mean trust >= 0.5, so
 *   D = min(1, climate / 0.5) = 1 (and 0.5 while a disruption is open).
 *
 * Header-only (static inline) so that each suite stays one file that the
 * CMake glob picks up by itself. */
#ifndef OT_TEST_CAST_H
#define OT_TEST_CAST_H

#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct cast {
    ot_model *m;
    ot_id gemeente, ro, waterschap;
    ot_id weth, dijk;          /* administrative: wethouder and dijkgraaf */
    ot_id mgr_ro, mgr_ws;      /* managerial: manager RO, manager watersysteem */
    ot_id pl;                  /* the gemeente's projectleider (managerial) */
    ot_id roy, fatima;         /* the bridge builders */
    ot_id daan, bram;          /* the joint water-test team */
    ot_id pol_g, pol_w;        /* the policy officers (beleidsmedewerkers) */
    ot_id t_top, t_mgr, t_pl, t_rf, t_team, t_pol, t_roy_mgr;
    ot_id t_diag;              /* projectleider - Bram, once he joins the team; else OT_NONE */
} cast;

/* An actor with its propensity, set before any of its ties exist. */
static inline ot_id cast_actor(ot_model *m, ot_id org, unsigned layer, ot_id sup, const char *name, double p)
{
    ot_id id = OT_NONE;
    ck_ok(ot_actor_add(m, org, layer, sup, name, &id));
    ck_ok(ot_actor_set_propensity(m, id, p));
    return id;
}

/* The cast under configuration c (NULL: the defaults). */
static inline cast cast_new(const ot_config *c)
{
    cast k;
    ck_ok(ot_model_new(c, &k.m));
    ot_model *m = k.m;
    ck_ok(ot_org_add(m, "Gemeente", OT_NONE, &k.gemeente));
    ck_ok(ot_org_add(m, "Ruimtelijke ordening", k.gemeente, &k.ro));
    ck_ok(ot_org_add(m, "Waterschap", OT_NONE, &k.waterschap));
    k.weth = cast_actor(m, k.gemeente, 2, OT_NONE, "wethouder", 0.9);
    k.dijk = cast_actor(m, k.waterschap, 2, OT_NONE, "dijkgraaf", 0.8);
    k.mgr_ro = cast_actor(m, k.ro, 1, k.weth, "manager RO", 0.8);
    k.mgr_ws = cast_actor(m, k.waterschap, 1, k.dijk, "manager watersysteem", 0.7);
    k.pl = cast_actor(m, k.gemeente, 1, k.weth, "projectleider", 0.75);
    k.roy = cast_actor(m, k.ro, 0, k.mgr_ro, "Roy", 0.5);
    k.fatima = cast_actor(m, k.waterschap, 0, k.mgr_ws, "Fatima", 0.5);
    k.daan = cast_actor(m, k.gemeente, 0, k.pl, "Daan", 0.5);
    k.bram = cast_actor(m, k.waterschap, 0, k.mgr_ws, "Bram", 0.5);
    k.pol_g = cast_actor(m, k.gemeente, 0, k.weth, "beleidsmedewerker gemeente", 0.5);
    k.pol_w = cast_actor(m, k.waterschap, 0, k.dijk, "beleidsmedewerker waterschap", 0.5);
    ck_ok(ot_tie_add(m, k.weth, k.dijk, &k.t_top));
    ck_ok(ot_tie_add(m, k.mgr_ro, k.mgr_ws, &k.t_mgr));
    ck_ok(ot_tie_add(m, k.pl, k.mgr_ws, &k.t_pl));
    ck_ok(ot_tie_add(m, k.roy, k.fatima, &k.t_rf));
    ck_ok(ot_tie_add(m, k.daan, k.bram, &k.t_team));
    ck_ok(ot_tie_add(m, k.pol_g, k.pol_w, &k.t_pol));
    ck_ok(ot_tie_add(m, k.roy, k.mgr_ro, &k.t_roy_mgr));
    k.t_diag = OT_NONE;
    return k;
}

/* E_d of a direction (OT_ABILITY, OT_BENEVOLENCE or OT_INTEGRITY). */
static inline double cast_expectation(const ot_model *m, ot_id truster, ot_id trustee, int dim)
{
    double e = -1.0;
    ck_ok(ot_expectation(m, truster, trustee, dim, &e));
    return e;
}

/* A disruption's surfacing as one answer: the time it surfaced, or -1 when
 * it has not (the time is then not written, which this checks too). */
static inline double cast_surfaced_at(const ot_model *m, ot_id d)
{
    int s = -1;
    double t = -1.0;
    ck_ok(ot_disruption_surfaced(m, d, &s, &t));
    ck_assert_int_eq(s, t != -1.0);
    return t;
}

/* Whether an escalation of the disruption failed. */
static inline int cast_failed(const ot_model *m, ot_id d)
{
    int f = -1;
    ck_ok(ot_disruption_failed_escalation(m, d, &f));
    return f;
}

/* The end of a story: the incrementally kept aggregates still equal a
 * recomputation (ot_model_check), then the model goes. */
static inline void cast_done(cast *k)
{
    ck_ok(ot_model_check(k->m));
    ot_model_free(k->m);
    k->m = NULL;
}

/* Seed 000: the projectleider of a large building project joins the joint
 * water-test team on the operational layer, a diagonal tie to Bram. */
static inline void cast_project_leader_joins_team(cast *k)
{
    ck_ok(ot_tie_add(k->m, k->pl, k->bram, &k->t_diag));
}

/* An actor of the cast and a tie to it, in one breath: the extra people a
 * story brings in (an interim hire, a colleague of another department). */
static inline ot_id cast_newcomer(cast *k, ot_id org, unsigned layer, ot_id sup, const char *name, ot_id partner,
                                  ot_id *tie)
{
    ot_id id = cast_actor(k->m, org, layer, sup, name, 0.5);
    if (partner != OT_NONE)
        ck_ok(ot_tie_add(k->m, partner, id, tie));
    return id;
}

/* Kees, an interim hire at the waterschap who reports to nobody, working
 * with Roy (the tie's first end is Roy). */
static inline ot_id cast_interim_hire(cast *k, ot_id *tie)
{
    return cast_newcomer(k, k->waterschap, 0, OT_NONE, "Kees", k->roy, tie);
}

/* The last error message contains the formatted text (an argument and
 * its value, usually). */
#define ck_msg_hasf(...)                                                                                     \
    do {                                                                                                     \
        char want_[160];                                                                                     \
        snprintf(want_, sizeof want_, __VA_ARGS__);                                                          \
        ck_msg_has(want_);                                                                                   \
    } while (0)

/* ---- allocation failures ------------------------------------------------ */

/* While > 0, counts allocations down; the one that brings it to 0 fails. */
static long cast_countdown;

static inline int cast_fails(void) { return cast_countdown > 0 && --cast_countdown == 0; }
static inline void *cast_malloc(size_t n) { return cast_fails() ? NULL : malloc(n); }
static inline void *cast_realloc(void *p, size_t n) { return cast_fails() ? NULL : realloc(p, n); }

/* Make sure the next recorded call needs to grow the event log: pad it with
 * harmless observations (the policy officers keep an agreement) until one
 * is refused for want of memory, which changes nothing. Needs the model to
 * be built under ot_set_allocator(cast_malloc, cast_realloc, free). */
static inline void cast_fill_log(cast *k, double t)
{
    for (int i = 0; i < 10000; i++) {
        cast_countdown = 1;
        int rc = ot_observe(k->m, k->pol_g, k->pol_w, OT_AGREEMENT_KEPT, 1.0, t);
        cast_countdown = 0;
        if (rc == OT_ENOMEM)
            return;
        ck_ok(rc);
    }
    ck_abort_msg("the event log never needed to grow");
}

/* Fail the first, second, ... allocation of `call` until it succeeds: every
 * failure is OT_ENOMEM and leaves the model as it was. At least one
 * allocation must fail, or the test proved nothing. */
#define ck_survives_allocation_failures(k, call)                                                             \
    do {                                                                                                     \
        int failures_ = 0;                                                                                   \
        for (long n_ = 1;; n_++) {                                                                           \
            ot_state before_ = ot_state_of((k)->m);                                                          \
            cast_countdown = n_;                                                                             \
            int rc_ = (call);                                                                                \
            cast_countdown = 0;                                                                              \
            if (rc_ == OT_OK)                                                                                \
                break;                                                                                       \
            ck_assert_msg(rc_ == OT_ENOMEM, "%s with allocation %ld failing -> %d: %s", #call, n_, rc_,      \
                          ot_last_error());                                                                  \
            ck_unchanged((k)->m, before_);                                                                   \
            failures_++;                                                                                     \
        }                                                                                                    \
        ck_assert_msg(failures_ > 0, "%s allocated nothing", #call);                                         \
    } while (0)

#endif
