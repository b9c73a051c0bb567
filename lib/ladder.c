/* The escalation ladder over time (docs/model.md, section 14).
 *
 * Every disruption has a rung: the layer it is handled at, its handlers,
 * since when, and its due time (since + that layer's timebox). The open
 * ones sit in a binary min-heap ordered by (due time, id): O(log n) to add,
 * move or remove one, O(1) for the next due, and the overdue ones form the
 * heap's top, found in O(k) without looking further.
 * SPDX-License-Identifier: MIT */
#include "ladder.h"
#include "aggregate.h"
#include "alloc.h"
#include "disruption.h"
#include "error.h"
#include "trust.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- timeboxes --------------------------------------------------------- */

void oti_timebox_defaults(struct ot_config *c)
{
    for (unsigned l = 0; l < OTI_MAX_LAYERS; l++)
        c->timebox[l] = 5.0 * ldexp(1.0, (int)l);
}

OT_API int ot_config_set_timeboxes(ot_config *c, unsigned n, const double *days)
{
    static const char fn[] = "ot_config_set_timeboxes";
    if (!c)
        return oti_fail(OT_EINVAL, "%s: c is NULL", fn);
    if (n != c->nlayers)
        return oti_fail(OT_EINVAL, "%s: n = %u, but the configuration has %u layers (one timebox per layer)", fn, n,
                        c->nlayers);
    if (!days)
        return oti_fail(OT_EINVAL, "%s: days is NULL", fn);
    for (unsigned l = 0; l < n; l++)
        if (!(days[l] > 0.0 && isfinite(days[l])))
            return oti_fail(OT_EINVAL, "%s: days[%u] = %.17g is out of range; a timebox is a finite number of days > 0",
                            fn, l, days[l]);
    memcpy(c->timebox, days, n * sizeof *days);
    return OT_OK;
}

OT_API int ot_model_timebox(const ot_model *m, unsigned layer, double *days)
{
    static const char fn[] = "ot_model_timebox";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(days, fn, "days")))
        return rc;
    if (layer >= m->cfg.nlayers)
        return oti_fail(OT_EINVAL, "%s: layer = %u does not exist; the model has layers 0..%u", fn, layer,
                        m->cfg.nlayers - 1);
    *days = m->cfg.timebox[layer];
    return OT_OK;
}

/* ---- the due heap ------------------------------------------------------- */

/* Disruption a is due before b (the lower id first on equal times). */
static int before(const ot_model *m, uint32_t a, uint32_t b)
{
    double x = m->life.rung[a].due, y = m->life.rung[b].due;
    return x < y || (x == y && a < b);
}

static void heap_put(ot_model *m, size_t pos, uint32_t id)
{
    m->life.heap[pos] = id;
    m->life.rung[id].heap = (uint32_t)pos;
}

static void sift_up(ot_model *m, size_t pos)
{
    uint32_t id = m->life.heap[pos];
    while (pos > 0) {
        size_t parent = (pos - 1) / 2;
        if (!before(m, id, m->life.heap[parent]))
            break;
        heap_put(m, pos, m->life.heap[parent]);
        pos = parent;
    }
    heap_put(m, pos, id);
}

static void sift_down(ot_model *m, size_t pos)
{
    size_t n = m->life.nheap;
    uint32_t id = m->life.heap[pos];
    for (;;) {
        size_t c = 2 * pos + 1;
        if (c >= n)
            break;
        if (c + 1 < n && before(m, m->life.heap[c + 1], m->life.heap[c]))
            c++;
        if (!before(m, m->life.heap[c], id))
            break;
        heap_put(m, pos, m->life.heap[c]);
        pos = c;
    }
    heap_put(m, pos, id);
}

/* Disruption id's due time changed: back to its place. */
static void heap_fix(ot_model *m, uint32_t id)
{
    size_t pos = m->life.rung[id].heap;
    sift_up(m, pos);
    sift_down(m, m->life.rung[id].heap);
}

int oti_ladder_reserve_n(ot_model *m, size_t n)
{
    return OTI_RESERVE(m->life.rung, m->life.caprung, m->ndisr + n) ||
                   OTI_RESERVE(m->life.heap, m->life.capheap, m->life.nheap + n)
               ? -1
               : 0;
}

int oti_ladder_reserve(ot_model *m) { return oti_ladder_reserve_n(m, 1); }

/* The level of rung r is `layer` from t on. */
static void set_level(ot_model *m, oti_rung *r, unsigned layer, double t)
{
    r->layer = (uint8_t)layer;
    r->since = t;
    r->due = t + m->cfg.timebox[layer];
}

void oti_ladder_init(ot_model *m, ot_id id)
{
    const oti_disruption *d = &m->disr[id];
    const oti_tie *e = &m->ties[d->tie];
    ot_id other = e->a == d->observer ? e->b : e->a;
    unsigned li = m->actors[d->observer].layer, lj = m->actors[other].layer;
    oti_rung *r = &m->life.rung[id];
    *r = (oti_rung){.x = d->observer, .y = other, .heap = OT_NONE};
    set_level(m, r, li < lj ? li : lj, d->t_open);
    if (d->status != OT_OPEN)
        return;
    size_t pos = m->life.nheap++;
    heap_put(m, pos, id);
    sift_up(m, pos);
}

void oti_ladder_fix(ot_model *m, ot_id id) { heap_fix(m, id); }

int oti_ladder_is_initial(const ot_model *m, ot_id id)
{
    const oti_disruption *d = &m->disr[id];
    const oti_tie *e = &m->ties[d->tie];
    const oti_rung *r = &m->life.rung[id];
    ot_id other = e->a == d->observer ? e->b : e->a;
    unsigned li = m->actors[d->observer].layer, lj = m->actors[other].layer;
    return r->x == d->observer && r->y == other && r->layer == (li < lj ? li : lj) && r->since == d->t_open &&
           !r->failed && !r->referred;
}

void oti_ladder_close(ot_model *m, ot_id id)
{
    size_t pos = m->life.rung[id].heap;
    size_t last = --m->life.nheap;
    m->life.rung[id].heap = OT_NONE;
    if (pos == last)
        return;
    heap_put(m, pos, m->life.heap[last]);
    heap_fix(m, m->life.heap[pos]);
}

void oti_ladder_withdraw_one(ot_model *m, uint32_t tie, double t)
{
    /* A tie with open disruptions is rare and ends once: a look through the
     * open ones (the heap) finds them. */
    for (size_t k = 0; k < m->life.nheap; k++) {
        uint32_t id = m->life.heap[k];
        oti_disruption *d = &m->disr[id];
        if (d->tie != tie)
            continue;
        d->status = OT_WITHDRAWN;
        d->t_closed = t;
        m->ties[tie].open--;
        oti_ladder_close(m, id);
        return;
    }
}

void oti_ladder_take(ot_model *m, ot_id id, const ot_escalation_step *step, double t)
{
    oti_rung *r = &m->life.rung[id];
    r->x = step->x;
    r->y = step->y;
    r->failed = 0;
    r->referred = 1;
    set_level(m, r, step->layer, t);
    if (r->heap != OT_NONE)
        heap_fix(m, id);
}

/* ---- referral and resolution ---------------------------------------------- */

/* The next rung above disruption id's level where someone can act: a step
 * OK or UNHEALTHY; COMPROMISED and NO_TIE steps are passed over, a
 * NO_SUPERIOR step ends the search. 1 and *step, or 0. */
static int next_rung(const ot_model *m, ot_id id, ot_escalation_step *step)
{
    const oti_disruption *d = &m->disr[id];
    if (m->ties[d->tie].leaf == OT_NONE)
        return 0;
    ot_escalation_step steps[OTI_MAX_LAYERS];
    size_t n = oti_disruption_path(m, d, steps);
    unsigned level = m->life.rung[id].layer;
    for (size_t k = 0; k < n; k++) {
        if (steps[k].layer <= level)
            continue;
        if (steps[k].status == OT_STEP_NO_SUPERIOR)
            return 0;
        if (steps[k].status == OT_STEP_OK || steps[k].status == OT_STEP_UNHEALTHY) {
            *step = steps[k];
            return 1;
        }
    }
    return 0;
}

OT_API int ot_refer(ot_model *m, ot_id disruption, int mode, double t)
{
    static const char fn[] = "ot_refer";
    int rc;
    if ((rc = oti_check_climb(m, disruption, mode, t, fn)))
        return rc;
    oti_disruption *d = &m->disr[disruption];
    ot_escalation_step step;
    if (!next_rung(m, disruption, &step))
        return oti_fail(OT_ESTATE,
                        "%s: disruption = %u has no rung free above its level (layer %u): every step above is "
                        "compromised, has no counterpart tie, or has no superior",
                        fn, (unsigned)disruption, (unsigned)m->life.rung[disruption].layer);
    oti_event ev = {.type = OTI_EV_REFER, .a = disruption, .kind = (uint8_t)mode, .t = t};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    oti_ladder_take(m, disruption, &step, t);
    oti_surface(d, t);
    if (mode == OT_UNILATERAL)
        oti_unilateral_cost(m, d, t);
    oti_advance(m, t);
    oti_record_end(m);
    return OT_OK;
}

OT_API int ot_resolve(ot_model *m, ot_id disruption, double t, int *resolved)
{
    static const char fn[] = "ot_resolve";
    int rc;
    if ((rc = oti_check_handling(m, disruption, t, fn)))
        return rc;
    oti_event ev = {.type = OTI_EV_RESOLVE, .a = disruption, .t = t};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    oti_disruption *d = &m->disr[disruption];
    oti_rung *r = &m->life.rung[disruption];
    int ok = 1;
    if (!r->referred) {
        oti_repair_apply(m, d, t); /* the parties settle it between themselves */
    } else {
        ok = oti_settle(m, d, 1, oti_health(m, r->x, r->y), r->layer, t);
        if (!ok)
            r->failed = 1;
    }
    oti_advance(m, t);
    oti_record_end(m);
    if (resolved)
        *resolved = ok;
    return OT_OK;
}

/* ---- queries ---------------------------------------------------------------- */

static int query(const ot_model *m, ot_id d, const char *fn)
{
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_disruption(m, d, fn)))
        return rc;
    return OT_OK;
}

OT_API int ot_disruption_level(const ot_model *m, ot_id d, unsigned *layer, ot_id *x, ot_id *y, double *since)
{
    int rc = query(m, d, "ot_disruption_level");
    if (rc)
        return rc;
    const oti_rung *r = &m->life.rung[d];
    if (layer)
        *layer = r->layer;
    if (x)
        *x = r->x;
    if (y)
        *y = r->y;
    if (since)
        *since = r->since;
    return OT_OK;
}

static int not_open(const ot_model *m, ot_id d, const char *fn)
{
    return oti_fail(OT_ESTATE, "%s: disruption = %u is not open (status %d)", fn, (unsigned)d, m->disr[d].status);
}

OT_API int ot_disruption_due(const ot_model *m, ot_id d, double *due)
{
    static const char fn[] = "ot_disruption_due";
    int rc;
    if ((rc = query(m, d, fn)) || (rc = oti_check_out(due, fn, "due")))
        return rc;
    if (m->disr[d].status != OT_OPEN)
        return not_open(m, d, fn);
    *due = m->life.rung[d].due;
    return OT_OK;
}

OT_API int ot_disruption_freshness(const ot_model *m, ot_id d, double *fresh)
{
    static const char fn[] = "ot_disruption_freshness";
    int rc;
    if ((rc = query(m, d, fn)) || (rc = oti_check_out(fresh, fn, "fresh")))
        return rc;
    /* A closed disruption keeps the factor it was handled with. */
    const oti_disruption *r = &m->disr[d];
    *fresh = oti_freshness(m, r, r->status == OT_OPEN ? m->now : r->t_closed);
    return OT_OK;
}

/* Overdue: open and the model's time strictly past the due time. */
static int overdue(const ot_model *m, uint32_t id) { return m->now > m->life.rung[id].due; }

/* Count (and, with out, collect) the overdue disruptions in the heap's
 * subtree at pos: a node not overdue has none below it. */
static size_t collect_overdue(const ot_model *m, size_t pos, uint32_t *out, size_t k)
{
    if (pos >= m->life.nheap || !overdue(m, m->life.heap[pos]))
        return k;
    if (out)
        out[k] = m->life.heap[pos];
    k++;
    k = collect_overdue(m, 2 * pos + 1, out, k);
    return collect_overdue(m, 2 * pos + 2, out, k);
}

static int cmp_id(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

OT_API int ot_disruptions(const ot_model *m, int which, ot_id *ids, size_t cap, size_t *n)
{
    static const char fn[] = "ot_disruptions";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(n, fn, "n")))
        return rc;
    if (which < OT_LIST_OPEN || which > OT_LIST_ALL)
        return oti_fail(OT_EINVAL, "%s: which = %d is not an ot_list (1 OPEN, 2 OVERDUE, 3 ALL)", fn, which);
    if (cap > 0 && !ids)
        return oti_fail(OT_EINVAL, "%s: ids is NULL but cap = %zu", fn, cap);
    if (which == OT_LIST_ALL) {
        for (size_t i = 0; i < m->ndisr && i < cap; i++)
            ids[i] = (ot_id)i;
        *n = m->ndisr;
        return OT_OK;
    }
    size_t k = which == OT_LIST_OPEN ? m->life.nheap : collect_overdue(m, 0, NULL, 0);
    /* Sorted in the caller's buffer when it holds them all, else in one of
     * ours. */
    if (k == 0) {
        *n = 0;
        return OT_OK;
    }
    uint32_t *all = k <= cap ? ids : oti_malloc(k * sizeof *all);
    if (!all)
        return oti_nomem(fn);
    if (which == OT_LIST_OPEN)
        memcpy(all, m->life.heap, k * sizeof *all);
    else
        collect_overdue(m, 0, all, 0);
    qsort(all, k, sizeof *all, cmp_id);
    if (all != ids) {
        memcpy(ids, all, cap * sizeof *ids);
        oti_free(all);
    }
    *n = k;
    return OT_OK;
}

OT_API int ot_next_due(const ot_model *m, double *t, ot_id *d)
{
    static const char fn[] = "ot_next_due";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(t, fn, "t")))
        return rc;
    if (m->life.nheap == 0)
        return oti_fail(OT_ENOTFOUND, "%s: no disruption is open", fn);
    uint32_t id = m->life.heap[0];
    *t = m->life.rung[id].due;
    if (d)
        *d = id;
    return OT_OK;
}

OT_API int ot_disruption_advice(const ot_model *m, ot_id d, int *action, ot_escalation_step *step)
{
    static const char fn[] = "ot_disruption_advice";
    int rc;
    if ((rc = query(m, d, fn)) || (rc = oti_check_out(action, fn, "action")))
        return rc;
    if (m->disr[d].status != OT_OPEN) {
        *action = OT_ADVICE_NONE;
        return OT_OK;
    }
    ot_escalation_step s;
    if ((overdue(m, d) || m->life.rung[d].failed) && next_rung(m, d, &s)) {
        *action = OT_ADVICE_REFER;
        if (step)
            *step = s;
        return OT_OK;
    }
    *action = OT_ADVICE_RESOLVE;
    return OT_OK;
}
