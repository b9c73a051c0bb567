/* The escalation ladder over time (docs/model.md, section 14): timeboxes,
 * referral one rung up, resolution at the current level, and the queries a
 * case system asks (levels, due times, the open and overdue lists, the
 * next due, advice). The rungs and the index of open disruptions by due
 * time are lib/due.c.
 * SPDX-License-Identifier: MIT */
#include "aggregate.h"
#include "alloc.h"
#include "args.h"
#include "disruption.h"
#include "due.h"
#include "escalation.h"
#include "error.h"
#include "texts.h"
#include "record.h"
#include "trust.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- timeboxes --------------------------------------------------------- */

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
    char q[80];
    return oti_fail(OT_ESTATE, "%s: disruption = %s is not open (status %d)", fn, oti_disruption_ref(m, d, q),
                    m->disr[d].status);
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
        if (cap > 0) /* ids may be NULL with cap 0: a count only */
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
