/* Consultation without a cause, and the general rule (docs/model.md section 8).
 * SPDX-License-Identifier: MIT */
#include "aggregate.h"
#include "args.h"
#include "disruption.h"
#include "error.h"
#include "lookup.h"
#include "orgtree.h"
#include "record.h"
#include "trust.h"

/* A liaison must come from one of the two organisations the consultation
 * joins: a side of the tie's top pair, or for an internal tie the two
 * actors' own organisations. */
static int check_liaison(const ot_model *m, ot_id l, ot_id sx, ot_id sy, const char *fn, const char *arg)
{
    if (l == OT_NONE)
        return OT_OK;
    int rc = oti_check_actor(m, l, fn, arg);
    if (rc || (rc = oti_check_present(m, l, fn, arg)))
        return rc;
    ot_id o = m->actors[l].org;
    if (!oti_org_within(m, o, sx) && !oti_org_within(m, o, sy))
        return oti_fail(OT_EINVAL,
                        "%s: %s = %u works in organisation %u, outside the two organisations %u and %u the "
                        "consultation joins",
                        fn, arg, (unsigned)l, (unsigned)o, (unsigned)sx, (unsigned)sy);
    return OT_OK;
}

OT_API int ot_consult(ot_model *m, ot_id x, ot_id y, ot_id liaison_x, ot_id liaison_y, double t)
{
    static const char fn[] = "ot_consult";
    int rc, dir;
    uint32_t tie;
    if ((rc = oti_check_mutable(m, fn)) || (rc = oti_find_direction(m, x, y, fn, "x", "y", &tie, &dir)) ||
        (rc = oti_check_active(m, tie, fn, "the tie of x and y")))
        return rc;
    oti_tie *e = &m->ties[tie];
    ot_id sx, sy;
    uint32_t top = OT_NONE;
    if (e->leaf != OT_NONE) {
        top = m->pairs[e->leaf].top;
        sx = m->pairs[top].lo;
        sy = m->pairs[top].hi;
    } else {
        sx = m->actors[x].org;
        sy = m->actors[y].org;
    }
    if ((rc = check_liaison(m, liaison_x, sx, sy, fn, "liaison_x")) ||
        (rc = check_liaison(m, liaison_y, sx, sy, fn, "liaison_y")) || (rc = oti_check_time(m, t, fn)))
        return rc;
    oti_event ev = {.type = OTI_EV_CONSULT, .a = x, .b = y, .c = liaison_x, .d = liaison_y, .t = t};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    double mag = OTI_P(m, CONSULT_MAGNITUDE);
    oti_evidence(m, e, dir, OTI_DIM_BENEVOLENCE, 1, mag, 1.0, t);
    oti_evidence(m, e, dir ^ 1, OTI_DIM_BENEVOLENCE, 1, mag, 1.0, t);
    /* The liaisons gathered signals on every layer beforehand: whatever is
     * open between the two organisations comes to the table now. */
    if (top != OT_NONE && (liaison_x != OT_NONE || liaison_y != OT_NONE))
        for (size_t k = 0; k < m->ndisr; k++) {
            oti_disruption *d = &m->disr[k];
            const oti_tie *de = &m->ties[d->tie];
            if (d->status == OT_OPEN && de->leaf != OT_NONE && m->pairs[de->leaf].top == top)
                oti_surface(d, t);
        }
    oti_advance(m, t);
    oti_record_end(m);
    return OT_OK;
}

OT_API int ot_impose_general_rule(ot_model *m, ot_id org, double t)
{
    static const char fn[] = "ot_impose_general_rule";
    int rc;
    if ((rc = oti_check_mutable(m, fn)) || (rc = oti_check_org(m, org, fn, "org")) ||
        (rc = oti_check_time(m, t, fn)))
        return rc;
    oti_event ev = {.type = OTI_EV_RULE, .a = org, .t = t};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    /* Everyone under the rule who works with their own superior feels it,
     * the many who did nothing wrong included. */
    double mag = OTI_P(m, RULE_MAGNITUDE);
    for (size_t k = 0; k < m->nactors; k++) {
        const oti_actor *a = &m->actors[k];
        if (a->superior == OT_NONE || !oti_org_within(m, a->org, org))
            continue;
        uint32_t tie = oti_tie_lookup(m, (ot_id)k, a->superior);
        if (tie == UINT32_MAX || oti_tie_ended(&m->ties[tie]))
            continue;
        oti_tie *e = &m->ties[tie];
        oti_evidence(m, e, e->a == k ? 0 : 1, OTI_DIM_BENEVOLENCE, 0, mag, 1.0, t);
    }
    oti_advance(m, t);
    oti_record_end(m);
    return OT_OK;
}
