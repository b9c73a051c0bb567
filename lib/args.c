/* Argument checks shared by the public functions.
 * SPDX-License-Identifier: MIT */
#include "args.h"
#include "error.h"

#include <math.h>

int oti_check_model(const ot_model *m, const char *fn)
{
    return m ? OT_OK : oti_fail(OT_EINVAL, "%s: m is NULL", fn);
}

int oti_check_mutable(const ot_model *m, const char *fn)
{
    if (oti_is_mutable(m))
        return OT_OK;
    if (!m)
        return oti_fail(OT_EINVAL, "%s: m is NULL", fn);
    return oti_fail(OT_ESTATE, "%s: the model is a read-only store view; mutating calls are refused", fn);
}

int oti_check_org(const ot_model *m, ot_id org, const char *fn, const char *arg)
{
    if (org >= m->norgs)
        return oti_fail(OT_ENOTFOUND, "%s: %s = %u is not an organisation (the model has %zu)", fn, arg,
                        (unsigned)org, m->norgs);
    return OT_OK;
}

int oti_check_actor(const ot_model *m, ot_id actor, const char *fn, const char *arg)
{
    if (actor >= m->nactors)
        return oti_fail(OT_ENOTFOUND, "%s: %s = %u is not an actor (the model has %zu)", fn, arg, (unsigned)actor,
                        m->nactors);
    return OT_OK;
}

int oti_check_time(const ot_model *m, double t, const char *fn)
{
    if (!isfinite(t))
        return oti_fail(OT_EINVAL, "%s: t = %g is not a finite number of days", fn, t);
    if (t < m->now)
        return oti_fail(OT_ETIME, "%s: t = %.17g is earlier than the model's time %.17g", fn, t, m->now);
    return OT_OK;
}

int oti_check_unit(double v, const char *fn, const char *arg)
{
    if (!(v >= 0.0 && v <= 1.0))
        return oti_fail(OT_EINVAL, "%s: %s = %.17g is out of range; it must be in [0, 1]", fn, arg, v);
    return OT_OK;
}

int oti_check_out(const void *p, const char *fn, const char *arg)
{
    return p ? OT_OK : oti_fail(OT_EINVAL, "%s: %s is NULL", fn, arg);
}


int oti_check_tie(const ot_model *m, ot_id tie, const char *fn)
{
    if (tie >= m->nties)
        return oti_fail(OT_ENOTFOUND, "%s: tie = %u is not a tie (the model has %zu)", fn, (unsigned)tie,
                        m->nties);
    return OT_OK;
}

/* ---- people come and go (docs/model.md, section 13) ---------------- */

int oti_check_present(const ot_model *m, ot_id actor, const char *fn, const char *arg)
{
    if (!oti_actor_left(m, actor))
        return OT_OK;
    return oti_fail(OT_ESTATE, "%s: %s = %u (\"%.100s\") has left; a departed actor takes no new part", fn, arg,
                    (unsigned)actor, m->actors[actor].name);
}

int oti_check_active(const ot_model *m, ot_id tie, const char *fn, const char *arg)
{
    const oti_tie *e = &m->ties[tie];
    if (!oti_tie_ended(e))
        return OT_OK;
    return oti_fail(OT_ESTATE,
                    "%s: %s = %u (between actors %u \"%.100s\" and %u \"%.100s\") has ended; its state can be read, "
                    "not changed",
                    fn, arg, (unsigned)tie, (unsigned)e->a, m->actors[e->a].name, (unsigned)e->b, m->actors[e->b].name);
}
