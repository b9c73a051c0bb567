/* Escalation paths, escalation, and hazards (docs/model.md sections 5 and 6).
 *
 * Two escalation lines side by side, one step per layer above the
 * disruption: the construction-partnering ladder of named counterparts.
 * SPDX-License-Identifier: MIT */
#include "aggregate.h"
#include "args.h"
#include "disruption.h"
#include "error.h"
#include "texts.h"
#include "due.h"
#include "lookup.h"
#include "orgtree.h"
#include "record.h"
#include "trust.h"

#include <string.h>

#define MAX_STEPS OTI_MAX_LAYERS

/* i and its superiors, lowest first; layers strictly increase, so at most
 * one actor per layer. */
static unsigned escalation_line(const ot_model *m, ot_id i, ot_id line[OTI_MAX_LAYERS])
{
    unsigned n = 0;
    for (ot_id x = i; x != OT_NONE && n < OTI_MAX_LAYERS; x = m->actors[x].superior)
        line[n++] = x;
    return n;
}

/* The lowest actor of the line on a layer >= L, or OT_NONE. */
static ot_id candidate(const ot_model *m, const ot_id *line, unsigned n, unsigned L)
{
    for (unsigned k = 0; k < n; k++)
        if (m->actors[line[k]].layer >= L)
            return line[k];
    return OT_NONE;
}

/* x works directly with a member of the other side of `top` on a layer at or
 * below the disruption's: x is part of the disrupted relationship. */
static int entangled(const ot_model *m, ot_id x, uint32_t top, unsigned L0)
{
    uint32_t ap = oti_apair_lookup(m, x, top);
    return ap != UINT32_MAX && m->apairs[ap].min_layer <= L0;
}

/* The whole path of external tie e seen from party i (x on i's side);
 * returns the number of steps (at most MAX_STEPS). */
static size_t path(const ot_model *m, const oti_tie *e, ot_id i, ot_escalation_step *steps)
{
    ot_id j = e->a == i ? e->b : e->a;
    unsigned L0 = m->actors[i].layer < m->actors[j].layer ? m->actors[i].layer : m->actors[j].layer;
    ot_id li[OTI_MAX_LAYERS], lj[OTI_MAX_LAYERS];
    unsigned ni = escalation_line(m, i, li), nj = escalation_line(m, j, lj);
    uint32_t top = m->pairs[e->leaf].top;
    double theta = OTI_P(m, ESCALATION_THRESHOLD);
    size_t n = 0;
    for (unsigned L = L0 + 1; L < m->cfg.nlayers; L++) {
        ot_id x = candidate(m, li, ni, L), y = candidate(m, lj, nj, L);
        if (n > 0 && steps[n - 1].x == x && steps[n - 1].y == y)
            continue; /* the same two people serve this layer too */
        ot_escalation_step *s = &steps[n++];
        *s = (ot_escalation_step){.layer = L, .x = x, .y = y, .reason = OT_REASON_NONE};
        if (x == OT_NONE || y == OT_NONE) {
            s->status = OT_STEP_NO_SUPERIOR;
            break;
        }
        uint32_t tie = x == y ? UINT32_MAX : oti_tie_lookup(m, x, y);
        if (tie != UINT32_MAX && oti_tie_ended(&m->ties[tie]))
            tie = UINT32_MAX; /* an ended tie is no counterpart relationship */
        if (x == i || x == j || y == i || y == j) {
            s->status = OT_STEP_COMPROMISED;
            s->reason = OT_REASON_PARTY;
        } else if (entangled(m, x, top, L0) || entangled(m, y, top, L0)) {
            s->status = OT_STEP_COMPROMISED;
            s->reason = OT_REASON_DIAGONAL;
        } else if (tie == UINT32_MAX) {
            s->status = OT_STEP_NO_TIE;
        } else {
            const oti_tie *c = &m->ties[tie];
            double h = c->d[0].T < c->d[1].T ? c->d[0].T : c->d[1].T;
            s->status = h < theta ? OT_STEP_UNHEALTHY : OT_STEP_OK;
        }
    }
    return n;
}

size_t oti_disruption_path(const ot_model *m, const oti_disruption *d, ot_escalation_step *steps)
{
    return path(m, &m->ties[d->tie], d->observer, steps);
}

double oti_health(const ot_model *m, ot_id x, ot_id y)
{
    uint32_t tie = x == y ? UINT32_MAX : oti_tie_lookup(m, x, y);
    if (tie == UINT32_MAX || oti_tie_ended(&m->ties[tie]))
        return 0.0;
    const oti_tie *c = &m->ties[tie];
    return c->d[0].T < c->d[1].T ? c->d[0].T : c->d[1].T;
}

int oti_settle(ot_model *m, oti_disruption *d, int ok, double h, unsigned layer, double t)
{
    oti_tie *e = &m->ties[d->tie];
    oti_surface(d, t);
    if (ok && h >= OTI_P(m, ESCALATION_THRESHOLD)) {
        d->esc_layer = (uint8_t)layer;
        oti_restore_trust(m, d, OTI_P(m, ESCALATION_FRACTION) * oti_freshness(m, d, t) * h,
                          OT_RESOLVED_BY_ESCALATION, t);
        return 1;
    }
    /* The trouble at the top spills down onto both directions. */
    d->failed = 1;
    double mag = OTI_P(m, FAILED_ESCALATION_MAGNITUDE);
    oti_evidence(m, e, 0, OTI_DIM_INTEGRITY, 0, mag, 1.0, t);
    oti_evidence(m, e, 1, OTI_DIM_INTEGRITY, 0, mag, 1.0, t);
    return 0;
}

void oti_unilateral_cost(ot_model *m, const oti_disruption *d, double t)
{
    /* j sees i go over j's head. */
    oti_tie *e = &m->ties[d->tie];
    ot_id j = e->a == d->observer ? e->b : e->a;
    oti_evidence(m, e, e->a == j ? 0 : 1, OTI_DIM_INTEGRITY, 0, OTI_P(m, UNILATERAL_MAGNITUDE), 1.0, t);
}

/* Why escalation refuses internal ties; the callers name their argument. */
#define INTERNAL_WHY                                                                                          \
    "internal (its actors' organisations overlap); escalation runs between organisations, colleagues' "     \
    "disputes go to their common superior"

OT_API int ot_escalation_path(const ot_model *m, ot_id tie, ot_escalation_step *steps, size_t cap, size_t *n)
{
    static const char fn[] = "ot_escalation_path";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(n, fn, "n")) || (rc = oti_check_tie(m, tie, fn)))
        return rc;
    if (cap > 0 && !steps)
        return oti_fail(OT_EINVAL, "%s: steps is NULL but cap = %zu", fn, cap);
    if (m->ties[tie].leaf == OT_NONE)
        return oti_fail(OT_EINVAL, "%s: tie = %u is " INTERNAL_WHY, fn, (unsigned)tie);
    if ((rc = oti_check_active(m, tie, fn, "tie")))
        return rc;
    ot_escalation_step all[MAX_STEPS] = {0};
    size_t k = path(m, &m->ties[tie], m->ties[tie].a, all);
    if (steps)
        memcpy(steps, all, (k < cap ? k : cap) * sizeof *all);
    *n = k;
    return OT_OK;
}

int oti_check_climb(const ot_model *m, ot_id disruption, int mode, double t, const char *fn)
{
    int rc;
    if ((rc = oti_check_handling(m, disruption, t, fn)))
        return rc;
    if (mode != OT_JOINT && mode != OT_UNILATERAL)
        return oti_fail(OT_EINVAL, "%s: mode = %d is not an ot_escalation_mode (1 JOINT, 2 UNILATERAL)", fn, mode);
    const oti_disruption *d = &m->disr[disruption];
    char q[80];
    if (m->ties[d->tie].leaf == OT_NONE)
        return oti_fail(OT_EINVAL, "%s: disruption = %s is on tie %u, which is " INTERNAL_WHY, fn,
                        oti_disruption_ref(m, disruption, q), (unsigned)d->tie);
    return OT_OK;
}

OT_API int ot_escalate(ot_model *m, ot_id disruption, int mode, double t, int *resolved, unsigned *layer)
{
    static const char fn[] = "ot_escalate";
    int rc;
    if ((rc = oti_check_climb(m, disruption, mode, t, fn)))
        return rc;
    oti_disruption *d = &m->disr[disruption];
    oti_event ev = {.type = OTI_EV_ESCALATE, .a = disruption, .kind = (uint8_t)mode, .t = t};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    oti_tie *e = &m->ties[d->tie];
    ot_id i = d->observer, j = e->a == i ? e->b : e->a;
    ot_escalation_step steps[MAX_STEPS] = {0};
    size_t n = path(m, e, i, steps);
    /* Straight to the first OK step above the disruption's level (its
     * opening layer until a referral). */
    const ot_escalation_step *ok = NULL;
    unsigned level = m->life.rung[disruption].layer;
    for (size_t k = 0; k < n && !ok; k++)
        if (steps[k].status == OT_STEP_OK && steps[k].layer > level)
            ok = &steps[k];
    if (ok)
        oti_ladder_take(m, disruption, ok, t);
    oti_settle(m, d, ok != NULL, ok ? oti_health(m, ok->x, ok->y) : 0.0, ok ? ok->layer : 0, t);
    if (mode == OT_UNILATERAL)
        oti_unilateral_cost(m, d, t);
    (void)j;
    oti_advance(m, t);
    oti_record_end(m);
    if (resolved)
        *resolved = ok != NULL;
    if (layer && ok)
        *layer = ok->layer;
    return OT_OK;
}

OT_API int ot_hazards(const ot_model *m, ot_id org_a, ot_id org_b, ot_id *ties, size_t cap, size_t *n)
{
    static const char fn[] = "ot_hazards";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(n, fn, "n")) ||
        (rc = oti_check_org(m, org_a, fn, "org_a")) || (rc = oti_check_org(m, org_b, fn, "org_b")))
        return rc;
    if (cap > 0 && !ties)
        return oti_fail(OT_EINVAL, "%s: ties is NULL but cap = %zu", fn, cap);
    if (oti_orgs_overlap(m, org_a, org_b))
        return oti_fail(OT_EINVAL, "%s: organisations org_a = %u and org_b = %u overlap; hazards run between two "
                                   "separate organisations",
                        fn, (unsigned)org_a, (unsigned)org_b);
    size_t k = 0;
    for (size_t q = 0; q < m->ndiag; q++) {
        const oti_tie *e = &m->ties[m->diag[q]];
        if (oti_tie_ended(e) || oti_tie_cls(m, e) != OT_DIAGONAL)
            continue; /* ended, or moved out of the diagonal (the list keeps it) */
        ot_id x = m->actors[e->a].org, y = m->actors[e->b].org;
        if ((oti_org_within(m, x, org_a) && oti_org_within(m, y, org_b)) ||
            (oti_org_within(m, x, org_b) && oti_org_within(m, y, org_a))) {
            if (k < cap)
                ties[k] = m->diag[q];
            k++;
        }
    }
    *n = k;
    return OT_OK;
}
