/* Trust over time (docs/model.md, section 16): the model as of a day, and
 * chosen quantities over a list of days in one replay.
 * SPDX-License-Identifier: MIT */
#include "replay.h"
#include "orgtree.h"
#include "args.h"
#include "error.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* ---- the model as of a day ---------------------------------------------- */

static int stop_after(oti_replay *r, double t)
{
    (void)r, (void)t;
    return OTI_REPLAY_STOP;
}

OT_API int ot_model_at(const ot_model *m, double t, ot_model **out)
{
    static const char fn[] = "ot_model_at";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(out, fn, "out")))
        return rc;
    if (!isfinite(t))
        return oti_fail(OT_EINVAL, "%s: t = %g is not a finite number of days", fn, t);
    oti_replay r = {.src = m, .fn = fn, .cut = stop_after, .next = t, .keep = OTI_P(m, KEEP_EVENTS) != 0.0};
    if ((rc = oti_replay_run(&r)))
        return rc;
    /* The clock moves by an advance event, kept like any other: the new
     * model's own events then give it again (its export reloads to the
     * same digest, and ot_model_at of it on the same day is itself). */
    if (t > r.to->now && (rc = ot_advance(r.to, t))) {
        oti_error_prefix("%s: ", fn);
        ot_model_free(r.to);
        return rc;
    }
    *out = r.to;
    return OT_OK;
}

/* ---- probes -------------------------------------------------------------- */

/* What a probe kind reads: which of a, b, c are actors or organisations. */
enum { NONE = 0, ACTOR, ORG, ACTOR_OR_NONE };

/* Each kind's query; a failing query (something that does not exist yet)
 * gives NaN. */
static int read_trust(const ot_model *m, const ot_probe *p, double *v) { return ot_trust(m, p->a, p->b, v); }
static int read_tw(const ot_model *m, const ot_probe *p, double *v) { return ot_trustworthiness(m, p->a, p->b, v); }
static int read_et(const ot_model *m, const ot_probe *p, double *v)
{
    return ot_effective_trust(m, p->a, p->b, v, NULL);
}
static int read_rep(const ot_model *m, const ot_probe *p, double *v) { return ot_reputation(m, p->a, p->b, p->c, v); }
static int read_backing(const ot_model *m, const ot_probe *p, double *v) { return ot_backing(m, p->a, p->b, v); }
static int read_layer(const ot_model *m, const ot_probe *p, double *v)
{
    return ot_layer_trust(m, p->a, p->b, p->layer, v);
}
static int read_damping(const ot_model *m, const ot_probe *p, double *v) { return ot_damping(m, p->a, p->b, v); }
static int read_standing(const ot_model *m, const ot_probe *p, double *v) { return ot_standing(m, p->a, v); }
static int read_gap(const ot_model *m, const ot_probe *p, double *v) { return ot_bridge_gap(m, p->a, p->b, v, NULL); }
static int read_ceiling(const ot_model *m, const ot_probe *p, double *v) { return ot_ceiling(m, p->a, p->b, v); }

static const struct {
    const char *name;
    uint8_t a, b, c;
    uint8_t pair;  /* a and b must be two non-overlapping organisations, or two distinct actors */
    uint8_t layer; /* reads `layer` */
    int (*read)(const ot_model *m, const ot_probe *p, double *v);
} PROBE[] = {
    [OT_PROBE_TRUST] = {"OT_PROBE_TRUST", ACTOR, ACTOR, NONE, 1, 0, read_trust},
    [OT_PROBE_TRUSTWORTHINESS] = {"OT_PROBE_TRUSTWORTHINESS", ACTOR, ACTOR, NONE, 1, 0, read_tw},
    [OT_PROBE_EFFECTIVE_TRUST] = {"OT_PROBE_EFFECTIVE_TRUST", ACTOR, ACTOR, NONE, 1, 0, read_et},
    [OT_PROBE_REPUTATION] = {"OT_PROBE_REPUTATION", ORG, ORG, ACTOR_OR_NONE, 1, 0, read_rep},
    [OT_PROBE_BACKING] = {"OT_PROBE_BACKING", ORG, ORG, NONE, 1, 0, read_backing},
    [OT_PROBE_LAYER_TRUST] = {"OT_PROBE_LAYER_TRUST", ORG, ORG, NONE, 1, 1, read_layer},
    [OT_PROBE_DAMPING] = {"OT_PROBE_DAMPING", ACTOR, ACTOR, NONE, 1, 0, read_damping},
    [OT_PROBE_STANDING] = {"OT_PROBE_STANDING", ACTOR, NONE, NONE, 0, 0, read_standing},
    [OT_PROBE_BRIDGE_GAP] = {"OT_PROBE_BRIDGE_GAP", ACTOR, ORG, NONE, 0, 0, read_gap},
    [OT_PROBE_CEILING] = {"OT_PROBE_CEILING", ACTOR, ACTOR, NONE, 1, 0, read_ceiling},
};
#define NPROBE ((int)(sizeof PROBE / sizeof PROBE[0]) - 1)

static int check_id(const ot_model *m, int kind, ot_id id, size_t i, const char *field, const char *fn)
{
    if (kind == NONE || (kind == ACTOR_OR_NONE && id == OT_NONE))
        return OT_OK;
    if (kind == ORG)
        return id < m->norgs ? OT_OK
                             : oti_fail(OT_EINVAL, "%s: probes[%zu].%s = %u is not an organisation of m (it has %zu)",
                                        fn, i, field, (unsigned)id, m->norgs);
    return id < m->nactors ? OT_OK
                           : oti_fail(OT_EINVAL, "%s: probes[%zu].%s = %u is not an actor of m (it has %zu)", fn, i,
                                      field, (unsigned)id, m->nactors);
}

/* A probe is checked against the latest state: its ids must exist there
 * (earlier they may not exist yet, which gives NaN, not an error). */
static int check_probe(const ot_model *m, const ot_probe *p, size_t i, const char *fn)
{
    int rc;
    if (p->what < 1 || p->what > NPROBE)
        return oti_fail(OT_EINVAL, "%s: probes[%zu].what = %d is not an ot_probe_what (1..%d)", fn, i, (int)p->what,
                        NPROBE);
    if (p->reserved != 0)
        return oti_fail(OT_EINVAL, "%s: probes[%zu].reserved = %u; it must be 0", fn, i, (unsigned)p->reserved);
    const char *name = PROBE[p->what].name;
    if ((rc = check_id(m, PROBE[p->what].a, p->a, i, "a", fn)) || (rc = check_id(m, PROBE[p->what].b, p->b, i, "b", fn)) ||
        (rc = check_id(m, PROBE[p->what].c, p->c, i, "c", fn)))
        return rc;
    if (PROBE[p->what].pair && p->a == p->b)
        return oti_fail(OT_EINVAL, "%s: probes[%zu] (%s) names %u as both a and b", fn, i, name, (unsigned)p->a);
    if (PROBE[p->what].pair && PROBE[p->what].a == ORG && oti_orgs_overlap(m, p->a, p->b))
        return oti_fail(OT_EINVAL, "%s: probes[%zu] (%s): organisations %u and %u overlap (one contains the other)", fn,
                        i, name, (unsigned)p->a, (unsigned)p->b);
    if (PROBE[p->what].layer ? p->layer >= m->cfg.nlayers : p->layer != 0)
        return oti_fail(OT_EINVAL, "%s: probes[%zu] (%s): layer = %u %s", fn, i, name, (unsigned)p->layer,
                        PROBE[p->what].layer ? "does not exist" : "must be 0 (the kind reads no layer)");
    return OT_OK;
}

/* The value of a checked probe in m now; NaN where it does not exist. */
static double probe_value(const ot_model *m, const ot_probe *p)
{
    double v;
    return PROBE[p->what].read(m, p, &v) ? NAN : v;
}

/* ---- timelines ------------------------------------------------------------ */

typedef struct timeline {
    const ot_probe *probes;
    size_t np;
    const double *times;
    size_t nt, k; /* times written so far */
    double *out;
} timeline;

/* Every time before t: the model with every event up to it applied, read
 * at that day (the clock moved there for the queries only: the events
 * still to come must see the clock where the events left it). */
static void read_until(oti_replay *r, double t)
{
    timeline *tl = r->arg;
    ot_model *m = r->to;
    double now = m->now;
    for (; tl->k < tl->nt && tl->times[tl->k] < t; tl->k++) {
        oti_replay_clock(m, tl->times[tl->k]);
        for (size_t p = 0; p < tl->np; p++)
            tl->out[tl->k * tl->np + p] = probe_value(m, &tl->probes[p]);
        m->now = now;
    }
    r->next = tl->k < tl->nt ? tl->times[tl->k] : INFINITY;
}

static int timeline_cut(oti_replay *r, double t)
{
    read_until(r, t);
    return r->next == INFINITY ? OTI_REPLAY_STOP : OT_OK;
}

OT_API int ot_timeline(const ot_model *m, const ot_probe *probes, size_t np, const double *times, size_t nt,
                       double *out)
{
    static const char fn[] = "ot_timeline";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(probes, fn, "probes")) ||
        (rc = oti_check_out(times, fn, "times")) || (rc = oti_check_out(out, fn, "out")))
        return rc;
    size_t cells;
    if (np == 0 || nt == 0 || __builtin_mul_overflow(np, nt, &cells) || cells > SIZE_MAX / sizeof(double))
        return oti_fail(OT_EINVAL, "%s: np = %zu probes at nt = %zu times: both must be at least 1 (and their "
                        "product fit in memory)", fn, np, nt);
    for (size_t i = 0; i < np; i++)
        if ((rc = check_probe(m, &probes[i], i, fn)))
            return rc;
    for (size_t k = 0; k < nt; k++) {
        if (!isfinite(times[k]))
            return oti_fail(OT_EINVAL, "%s: times[%zu] = %g is not a finite number of days", fn, k, times[k]);
        if (k && times[k] < times[k - 1])
            return oti_fail(OT_EINVAL, "%s: times[%zu] = %.17g is earlier than times[%zu] = %.17g; times must not "
                            "decrease", fn, k, times[k], k - 1, times[k - 1]);
    }
    /* Written into a buffer of our own: out only on success. */
    double *buf = oti_malloc(cells * sizeof *buf);
    if (!buf)
        return oti_nomem(fn);
    timeline tl = {.probes = probes, .np = np, .times = times, .nt = nt, .out = buf};
    oti_replay r = {.src = m, .fn = fn, .cut = timeline_cut, .next = times[0], .arg = &tl};
    if (!(rc = oti_replay_run(&r))) {
        read_until(&r, INFINITY); /* the times after the last event */
        ot_model_free(r.to);
        memcpy(out, buf, cells * sizeof *buf);
    }
    oti_free(buf);
    return rc;
}
