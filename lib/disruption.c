/* Disruptions: opening, local repair, and their records.
 * SPDX-License-Identifier: MIT */
#include "disruption.h"
#include "aggregate.h"
#include "alloc.h"
#include "args.h"
#include "error.h"
#include "texts.h"
#include "due.h"
#include "lookup.h"
#include "record.h"
#include "trust.h"

#include <math.h>

double oti_freshness(const ot_model *m, const oti_disruption *d, double t)
{
    double H = OTI_P(m, REPAIR_HALF_LIFE);
    double known = d->surfaced && d->t_surfaced < t ? d->t_surfaced : t;
    if (!(H > 0.0 && H != INFINITY))
        return 1.0;
    return exp2(-(known - d->t_open) / H);
}

int oti_check_disruption(const ot_model *m, ot_id d, const char *fn)
{
    if (d >= m->ndisr)
        return oti_fail(OT_ENOTFOUND, "%s: disruption = %u is not a disruption (the model has %zu)", fn,
                        (unsigned)d, m->ndisr);
    return OT_OK;
}

void oti_surface(oti_disruption *d, double t)
{
    if (!d->surfaced) {
        d->surfaced = 1;
        d->t_surfaced = t;
    }
}

void oti_restore_trust(ot_model *m, oti_disruption *d, double f, int status, double t)
{
    oti_tie *e = &m->ties[d->tie];
    int dir = e->a == d->observer ? 0 : 1;
    oti_restore_toward(m, e, dir, d->t_before, f, t);
    d->status = (uint8_t)status;
    d->t_closed = t;
    e->open--;
    oti_ladder_close(m, (ot_id)(d - m->disr));
}

void oti_repair_apply(ot_model *m, oti_disruption *d, double t)
{
    oti_restore_trust(m, d, OTI_P(m, REPAIR_FRACTION) * oti_freshness(m, d, t), OT_RESOLVED_LOCALLY, t);
}

OT_API int ot_disrupt(ot_model *m, ot_id observer, ot_id other, int kind, double severity, int separated, double t,
                      ot_id *out)
{
    static const char fn[] = "ot_disrupt";
    int rc, dir;
    uint32_t tie;
    if ((rc = oti_check_mutable(m, fn)))
        return rc;
    if (kind != OT_TASK && kind != OT_RELATIONAL)
        return oti_fail(OT_EINVAL, "%s: kind = %d is not an ot_disruption_kind (1 TASK, 2 RELATIONAL)", fn, kind);
    if (!(severity > 0.0 && severity <= 1.0))
        return oti_fail(OT_EINVAL, "%s: severity = %.17g is out of range; it must be in (0, 1]", fn, severity);
    if ((rc = oti_check_time(m, t, fn)))
        return rc;
    if ((rc = oti_find_direction(m, observer, other, fn, "observer", "other", &tie, &dir)) ||
        (rc = oti_check_active(m, tie, fn, "the tie of observer and other")))
        return rc;
    if (m->ndisr >= OTI_MAX_IDS || m->ties[tie].open == OTI_MAX_OPEN)
        return oti_fail(OT_ELIMIT, "%s: the model holds the maximum number of disruptions", fn);
    if (OTI_RESERVE(m->disr, m->capdisr, m->ndisr + 1) || oti_ladder_reserve(m))
        return oti_nomem(fn);
    ot_id id = (ot_id)m->ndisr;
    oti_event ev = {.type = OTI_EV_DISRUPT, .a = observer, .b = other, .c = id, .kind = (uint8_t)kind,
                    .flag = separated != 0, .x = severity, .t = t};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    oti_tie *e = &m->ties[tie];
    oti_disruption *d = &m->disr[id];
    *d = (oti_disruption){.tie = tie,
                          .observer = observer,
                          .kind = (uint8_t)kind,
                          .separated = separated != 0,
                          .status = OT_OPEN,
                          .severity = severity,
                          .t_open = t,
                          .t_before = e->d[dir].T,
                          .t_surfaced = 0.0,
                          .t_closed = 0.0};
    m->ndisr++;
    /* Yes to the person, no to the behaviour: the record keeps the full
     * evidence, the trust loss is softened. */
    double scale = kind == OT_TASK && separated ? 1.0 - OTI_P(m, SEPARATION) : 1.0;
    oti_evidence(m, e, dir, kind == OT_TASK ? OTI_DIM_ABILITY : OTI_DIM_INTEGRITY, 0,
                 OTI_P(m, DISRUPTION_WEIGHT) * severity, scale, t);
    e->open++;
    oti_ladder_init(m, id);
    oti_advance(m, t);
    oti_record_end(m);
    if (out)
        *out = id;
    return OT_OK;
}

int oti_check_handling(const ot_model *m, ot_id d, double t, const char *fn)
{
    int rc;
    if ((rc = oti_check_mutable(m, fn)) || (rc = oti_check_disruption(m, d, fn)))
        return rc;
    char q[80];
    if (m->disr[d].status != OT_OPEN)
        return oti_fail(OT_ESTATE, "%s: disruption %s is not open (it was %s)", fn, oti_disruption_ref(m, d, q),
                        m->disr[d].status == OT_RESOLVED_LOCALLY       ? "resolved locally"
                        : m->disr[d].status == OT_RESOLVED_BY_ESCALATION ? "resolved by escalation"
                                                                         : "withdrawn: its tie ended");
    return oti_check_time(m, t, fn);
}

OT_API int ot_repair(ot_model *m, ot_id disruption, double t)
{
    static const char fn[] = "ot_repair";
    int rc;
    if ((rc = oti_check_handling(m, disruption, t, fn)))
        return rc;
    oti_event ev = {.type = OTI_EV_REPAIR, .a = disruption, .t = t};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    oti_repair_apply(m, &m->disr[disruption], t);
    oti_advance(m, t);
    oti_record_end(m);
    return OT_OK;
}

/* The common head of the queries on one disruption. */
static int query(const ot_model *m, ot_id d, const void *out, const char *fn, const char *arg)
{
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(out, fn, arg)) ||
        (rc = oti_check_disruption(m, d, fn)))
        return rc;
    return OT_OK;
}

OT_API int ot_disruption_status(const ot_model *m, ot_id d, int *status)
{
    int rc = query(m, d, status, "ot_disruption_status", "status");
    if (!rc)
        *status = m->disr[d].status;
    return rc;
}

OT_API int ot_disruption_tie(const ot_model *m, ot_id d, ot_id *tie)
{
    int rc = query(m, d, tie, "ot_disruption_tie", "tie");
    if (!rc)
        *tie = m->disr[d].tie;
    return rc;
}

OT_API int ot_disruption_surfaced(const ot_model *m, ot_id d, int *surfaced, double *t)
{
    int rc = query(m, d, surfaced, "ot_disruption_surfaced", "surfaced");
    if (rc)
        return rc;
    *surfaced = m->disr[d].surfaced;
    if (t && m->disr[d].surfaced)
        *t = m->disr[d].t_surfaced;
    return OT_OK;
}

OT_API int ot_disruption_failed_escalation(const ot_model *m, ot_id d, int *failed)
{
    int rc = query(m, d, failed, "ot_disruption_failed_escalation", "failed");
    if (!rc)
        *failed = m->disr[d].failed;
    return rc;
}

OT_API int ot_disruption_detail(const ot_model *m, ot_id d, ot_id *observer, int *kind, double *severity,
                                double *t_open, double *trust_before)
{
    static const char fn[] = "ot_disruption_detail";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_disruption(m, d, fn)))
        return rc;
    const oti_disruption *r = &m->disr[d];
    if (observer)
        *observer = r->observer;
    if (kind)
        *kind = r->kind;
    if (severity)
        *severity = r->severity;
    if (t_open)
        *t_open = r->t_open;
    if (trust_before)
        *trust_before = r->t_before;
    return OT_OK;
}
