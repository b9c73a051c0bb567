/* Answers to a breach and the truth coming out (docs/model.md, section 12).
 *
 * Words are not deeds: a response adds no evidence. It moves the
 * observer's trust part of the way back (apology, denial) or makes the
 * observer's next gains about the other count for more (promise); what is
 * revealed later judges the response.
 * SPDX-License-Identifier: MIT */
#include "args.h"
#include "disruption.h"
#include "error.h"
#include "texts.h"
#include "names.h"
#include "record.h"
#include "trust.h"

#include <math.h>

/* The direction of a disruption: the observer's trust in the other. */
static int observer_dir(const ot_model *m, const oti_disruption *d) { return m->ties[d->tie].a == d->observer ? 0 : 1; }

OT_API int ot_respond(ot_model *m, ot_id disruption, int response, double t)
{
    static const char fn[] = "ot_respond";
    int rc;
    if ((rc = oti_check_handling(m, disruption, t, fn)))
        return rc;
    if (response < OT_RESPONSE_APOLOGY || response > OT_RESPONSE_PROMISE)
        return oti_fail(OT_EINVAL, "%s: response = %d is not an ot_response (1 APOLOGY, 2 DENIAL, 3 PROMISE)", fn,
                        response);
    oti_disruption *d = &m->disr[disruption];
    char q[80];
    if (d->response != OT_RESPONSE_NONE)
        return oti_fail(OT_ESTATE, "%s: disruption %s was already answered (%s); one response per disruption", fn,
                        oti_disruption_ref(m, disruption, q), oti_name_of(&oti_response_names, d->response));
    oti_tie *e = &m->ties[d->tie];
    int dir = observer_dir(m, d);
    if (response == OT_RESPONSE_PROMISE && !(e->flags & OTI_TIE_RARE) && (rc = oti_rare_reserve(m, 1, fn)))
        return rc;
    oti_event ev = {.type = OTI_EV_RESPOND, .a = disruption, .kind = (uint8_t)response, .t = t};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    int task = d->kind == OT_TASK;
    if (response == OT_RESPONSE_PROMISE) {
        /* A promise is worth what the promiser's honesty is worth, both
         * read at the time of the promise. */
        double f = oti_fade(m, e->t_last, t);
        const oti_dir *od = &e->d[dir];
        double ri = od->r[OTI_DIM_INTEGRITY] * f, si = od->s[OTI_DIM_INTEGRITY] * f;
        double EI = (ri + 1.0) / (ri + si + 2.0); /* as ot_expectation() reads it at t */
        double scar, deception;
        oti_scars_at(m, e, dir, t, &scar, &deception);
        oti_rare *r = oti_rare_get(m, e);
        r->promise_at[dir] = t;
        r->promise_gain[dir] = 1.0 + OTI_P(m, PROMISE_BOOST) * EI * (1.0 - deception);
    } else {
        double rho = response == OT_RESPONSE_APOLOGY
                         ? (task ? OTI_P(m, APOLOGY_TASK) : OTI_P(m, APOLOGY_RELATIONAL))
                         : (task ? OTI_P(m, DENIAL_TASK) : OTI_P(m, DENIAL_RELATIONAL));
        oti_restore_toward(m, e, dir, d->t_before, rho, t);
    }
    d->response = (uint8_t)response;
    oti_advance(m, t);
    oti_record_end(m);
    return OT_OK;
}

OT_API int ot_reveal(ot_model *m, ot_id disruption, int guilty, double t)
{
    static const char fn[] = "ot_reveal";
    int rc;
    if ((rc = oti_check_mutable(m, fn)) || (rc = oti_check_disruption(m, disruption, fn)))
        return rc;
    if (guilty != 0 && guilty != 1)
        return oti_fail(OT_EINVAL, "%s: guilty = %d; it must be 1 (at fault) or 0 (not)", fn, guilty);
    oti_disruption *d = &m->disr[disruption];
    char q[80];
    if (d->truth != OTI_TRUTH_UNKNOWN)
        return oti_fail(OT_ESTATE, "%s: the truth about disruption %s was already revealed (%s); once per disruption",
                        fn, oti_disruption_ref(m, disruption, q), d->truth == OTI_TRUTH_GUILTY ? "guilty" : "not guilty");
    if ((rc = oti_check_time(m, t, fn)))
        return rc;
    oti_tie *e = &m->ties[d->tie];
    int dir = observer_dir(m, d);
    int lie = guilty && d->response == OT_RESPONSE_DENIAL;
    oti_event ev = {.type = OTI_EV_REVEAL, .a = disruption, .flag = (uint8_t)guilty, .t = t};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    if (lie) {
        /* The denial was a lie: deceptive evidence, in full (no separation). */
        oti_deceive(m, e, dir, OTI_P(m, DISRUPTION_WEIGHT) * d->severity, t);
    } else if (!guilty) {
        double rho = d->response == OT_RESPONSE_DENIAL    ? OTI_P(m, INNOCENT_DENIED)
                     : d->response == OT_RESPONSE_APOLOGY ? OTI_P(m, INNOCENT_APOLOGISED)
                                                          : OTI_P(m, INNOCENT_RETICENT);
        oti_restore_toward(m, e, dir, d->t_before, rho, t);
    }
    d->truth = (uint8_t)(guilty ? OTI_TRUTH_GUILTY : OTI_TRUTH_INNOCENT);
    oti_advance(m, t);
    oti_record_end(m);
    return OT_OK;
}

OT_API int ot_disruption_response(const ot_model *m, ot_id d, int *response)
{
    static const char fn[] = "ot_disruption_response";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(response, fn, "response")) ||
        (rc = oti_check_disruption(m, d, fn)))
        return rc;
    *response = m->disr[d].response;
    return OT_OK;
}

OT_API int ot_disruption_revealed(const ot_model *m, ot_id d, int *revealed, int *guilty)
{
    static const char fn[] = "ot_disruption_revealed";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(revealed, fn, "revealed")) ||
        (rc = oti_check_disruption(m, d, fn)))
        return rc;
    *revealed = m->disr[d].truth != OTI_TRUTH_UNKNOWN;
    if (guilty && *revealed)
        *guilty = m->disr[d].truth == OTI_TRUTH_GUILTY;
    return OT_OK;
}
