/* People come and go (docs/model.md, section 13): a tie ends, an actor
 * leaves or moves, and the model's time moves on with no other effect.
 *
 * An ended tie stays in the arrays (its id, its state and its place in its
 * actors' lists), flagged OTI_TIE_ENDED, and is taken out of every
 * aggregate exactly: each direction contributes (w * T, w) in fixed point,
 * and that very amount is subtracted. A moved actor's active ties are taken
 * out, re-placed for the new position (oti_tie_place(), the same code a new
 * tie goes through) and put back. The cost is the actor's ties times the
 * depth of the organisation tree; nothing scans the model.
 * SPDX-License-Identifier: MIT */
#include "aggregate.h"
#include "alloc.h"
#include "args.h"
#include "error.h"
#include "due.h"
#include "memory.h"
#include "lookup.h"
#include "orgtree.h"
#include "pairs.h"
#include "record.h"
#include "structure.h"
#include "trust.h"

#include <math.h>
#include <string.h>

/* ---- reporting lines ---------------------------------------------------- */

/* a's direct reports take `sup` as theirs: the line closes up. */
static void reports_to(ot_model *m, ot_id a, ot_id sup)
{
    while (m->life.line[a].first != OT_NONE) {
        ot_id r = m->life.line[a].first;
        oti_line_leave(m, r);
        m->actors[r].superior = sup;
        oti_line_join(m, r);
    }
}

/* ---- contributions ---------------------------------------------------- */

/* Add (sign 1) or take out (-1) both directions of e from every aggregate. */
static void tie_contrib(ot_model *m, oti_tie *e, int sign)
{
    double w = oti_tie_w(m, e);
    for (int k = 0; k < 2; k++) {
        oti_fx ds = oti_fx_of(w * e->d[k].T), dw = oti_fx_of(w);
        oti_contrib(m, e, k, sign > 0 ? ds : -ds, sign > 0 ? dw : -dw);
    }
}

/* Take an active tie out of everything it is counted in: the aggregates
 * and its actor-pair records' partner counts (oti_tie_place() puts the
 * counts back). */
static void tie_unplace(ot_model *m, oti_tie *e)
{
    tie_contrib(m, e, -1);
    if (e->leaf != OT_NONE)
        for (int k = 0; k < 2; k++)
            oti_apair_partner(m, e->ap[k], m->actors[k ? e->a : e->b].layer, -1);
}

/* ---- ending a tie ------------------------------------------------------ */

/* End an active tie at t (room for everything reserved): it leaves every
 * aggregate and the lists of live relationships; its open disruptions are
 * withdrawn. Cannot fail. */
static void end_tie(ot_model *m, uint32_t tie, double t)
{
    oti_tie *e = &m->ties[tie];
    oti_memory_keep(m, e, oti_tie_w(m, e), t);
    tie_unplace(m, e);
    e->flags |= OTI_TIE_ENDED;
    m->life.nended++;
    while (e->open > 0)
        oti_ladder_withdraw_one(m, tie, t);
}

static int check_event(const ot_model *m, double t, const char *fn)
{
    int rc;
    if ((rc = oti_check_mutable(m, fn)))
        return rc;
    return oti_check_time(m, t, fn);
}

OT_API int ot_tie_end(ot_model *m, ot_id tie, double t)
{
    static const char fn[] = "ot_tie_end";
    int rc;
    if ((rc = oti_check_mutable(m, fn)) || (rc = oti_check_tie(m, tie, fn)) ||
        (rc = oti_check_active(m, tie, fn, "tie")) || (rc = oti_check_time(m, t, fn)))
        return rc;
    if (oti_memory_reserve(m, 1))
        return oti_nomem(fn);
    oti_event ev = {.type = OTI_EV_TIE_END, .a = m->ties[tie].a, .b = m->ties[tie].b, .t = t};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    end_tie(m, tie, t);
    oti_advance(m, t);
    oti_record_end(m);
    return OT_OK;
}

OT_API int ot_tie_active(const ot_model *m, ot_id tie, int *active)
{
    static const char fn[] = "ot_tie_active";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(active, fn, "active")) ||
        (rc = oti_check_tie(m, tie, fn)))
        return rc;
    *active = !oti_tie_ended(&m->ties[tie]);
    return OT_OK;
}

/* ---- actors leave and move ---------------------------------------------- */

OT_API int ot_actor_leave(ot_model *m, ot_id actor, double t)
{
    static const char fn[] = "ot_actor_leave";
    int rc;
    if ((rc = oti_check_mutable(m, fn)) || (rc = oti_check_actor(m, actor, fn, "actor")) ||
        (rc = oti_check_present(m, actor, fn, "actor")) || (rc = oti_check_time(m, t, fn)))
        return rc;
    size_t ending = 0;
    for (uint32_t id = oti_tie_first(m, actor); id != OT_NONE; id = oti_tie_next(m, actor, id))
        ending += !oti_tie_ended(&m->ties[id]);
    if (oti_memory_reserve(m, ending))
        return oti_nomem(fn);
    oti_event ev = {.type = OTI_EV_LEAVE, .a = actor, .t = t};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    for (uint32_t id = oti_tie_first(m, actor); id != OT_NONE; id = oti_tie_next(m, actor, id))
        if (!oti_tie_ended(&m->ties[id]))
            end_tie(m, id, t);
    reports_to(m, actor, m->actors[actor].superior);
    oti_line_leave(m, actor); /* keeps its superior, as history */
    m->life.line[actor].flags |= OTI_ACTOR_LEFT;
    m->life.nleft++;
    oti_advance(m, t);
    oti_record_end(m);
    return OT_OK;
}

OT_API int ot_actor_active(const ot_model *m, ot_id actor, int *active)
{
    static const char fn[] = "ot_actor_active";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(active, fn, "active")) ||
        (rc = oti_check_actor(m, actor, fn, "actor")))
        return rc;
    *active = !oti_actor_left(m, actor);
    return OT_OK;
}

/* Insert tie id into the increasing list of diagonal ties (room reserved). */
static void diag_insert(ot_model *m, uint32_t id)
{
    size_t lo = 0, hi = m->ndiag;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->diag[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    memmove(&m->diag[lo + 1], &m->diag[lo], (m->ndiag - lo) * sizeof *m->diag);
    m->diag[lo] = id;
    m->ndiag++;
    m->ties[id].flags |= OTI_TIE_INDIAG;
}

OT_API int ot_actor_move(ot_model *m, ot_id actor, ot_id org, unsigned layer, ot_id superior, double t)
{
    static const char fn[] = "ot_actor_move";
    int rc;
    if ((rc = oti_check_mutable(m, fn)) || (rc = oti_check_actor(m, actor, fn, "actor")) ||
        (rc = oti_check_present(m, actor, fn, "actor")) || (rc = oti_check_org(m, org, fn, "org")))
        return rc;
    if (layer >= m->cfg.nlayers)
        return oti_fail(OT_EINVAL, "%s: layer = %u does not exist; the model has layers 0..%u", fn, layer,
                        m->cfg.nlayers - 1);
    if (superior == actor)
        return oti_fail(OT_EINVAL, "%s: superior = %u (\"%.100s\") is the actor itself", fn, (unsigned)superior,
                        m->actors[actor].name);
    if ((rc = oti_check_superior(m, org, layer, superior, fn)) || (rc = oti_check_time(m, t, fn)))
        return rc;
    /* What re-placing the actor's ties needs, planned from the new position
     * (set for the planning only, then put back). */
    oti_actor *X = &m->actors[actor];
    ot_id org0 = X->org;
    uint32_t layer0 = X->layer;
    X->org = org;
    X->layer = layer;
    oti_tie_need need = {0};
    oti_tie_plan plan;
    for (uint32_t id = oti_tie_first(m, actor); id != OT_NONE; id = oti_tie_next(m, actor, id)) {
        const oti_tie *e = &m->ties[id];
        if (oti_tie_ended(e))
            continue;
        oti_pairs_plan(m, e->a, e->b, &plan);
        oti_pairs_need_add(m, e->a, e->b, &plan, &need);
    }
    X->org = org0;
    X->layer = layer0;
    if (oti_pairs_reserve(m, &need))
        return oti_nomem(fn);
    oti_event ev = {.type = OTI_EV_MOVE, .a = actor, .b = org, .c = superior, .kind = (uint8_t)layer, .t = t};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    for (uint32_t id = oti_tie_first(m, actor); id != OT_NONE; id = oti_tie_next(m, actor, id))
        if (!oti_tie_ended(&m->ties[id]))
            tie_unplace(m, &m->ties[id]);
    reports_to(m, actor, X->superior);
    oti_line_leave(m, actor);
    X->org = org;
    X->layer = layer;
    X->superior = superior;
    oti_line_join(m, actor);
    m->life.nmoved++;
    for (uint32_t id = oti_tie_first(m, actor); id != OT_NONE; id = oti_tie_next(m, actor, id)) {
        oti_tie *e = &m->ties[id];
        if (oti_tie_ended(e))
            continue;
        oti_pairs_plan(m, e->a, e->b, &plan);
        oti_tie_place(m, e, &plan);
        tie_contrib(m, e, 1);
        if (oti_tie_cls(m, e) == OT_DIAGONAL && !(e->flags & OTI_TIE_INDIAG))
            diag_insert(m, id);
    }
    oti_advance(m, t);
    oti_record_end(m);
    return OT_OK;
}

/* ---- time ----------------------------------------------------------------- */

OT_API int ot_advance(ot_model *m, double t)
{
    static const char fn[] = "ot_advance";
    int rc;
    if ((rc = check_event(m, t, fn)))
        return rc;
    oti_event ev = {.type = OTI_EV_ADVANCE, .flag = 1, .t = t};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    oti_advance(m, t);
    oti_record_end(m);
    return OT_OK;
}
