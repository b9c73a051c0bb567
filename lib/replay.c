/* Replaying a model's events into a new model (lib/replay.h).
 *
 * Every event goes through its row of the event table (lib/event.h): the
 * one entry point that applies a recorded event to a model (the public
 * call that first accepted it, validated again), as the store's replay
 * does, so every type of event replays the same way here as when a store
 * is opened. Runs of observations are applied as one
 * ot_observe_batch() (the same result as one by one, far fewer checks)
 * unless a callback must see each event.
 * SPDX-License-Identifier: MIT */
#include "replay.h"
#include "alloc.h"
#include "error.h"
#include "record.h"
#include "trust.h"

#include <math.h>
#include <string.h>

/* Observations applied per ot_observe_batch() call at most. */
#define BATCH 4096

/* Structure calls (organisations, actors, ties and their attributes) carry
 * no time of their own (the event table says which). */
static int timed(const oti_event *ev)
{
    const oti_event_desc *d = oti_event_desc_of(ev->type);
    return !d || d->timed;
}

/* Apply one recorded event through the row of its type in the event
 * table: the public call that first accepted it, validated again. */
static int apply(ot_model *m, const oti_event *ev, const char *name)
{
    const oti_event_desc *d = oti_event_desc_of(ev->type);
    if (!d)
        return oti_fail(OT_EFORMAT, "event type %u is unknown", (unsigned)ev->type);
    return d->apply(m, ev, name);
}

double oti_replay_time(const ot_model *to, const oti_event *ev) { return timed(ev) ? ev->t : to->now; }

void oti_replay_clock(ot_model *to, double t)
{
    if (t > to->now)
        oti_advance(to, t);
}

/* A replayed call failed: the event is at fault, unless memory ran out.
 * `at` counts from 0. */
static int refused(const oti_replay *r, int rc, size_t at)
{
    if (rc == OT_ENOMEM)
        return rc;
    if (r->src->journal.foreach) {
        oti_error_prefix("%s: journal entry %zu no longer validates: ", r->fn, at + 1);
        return OT_EFORMAT;
    }
    oti_error_prefix("%s: kept event %zu is refused: ", r->fn, at);
    return OT_ESTATE;
}

static int flush(oti_replay *r)
{
    if (!r->nobs)
        return OT_OK;
    size_t applied = 0;
    int rc = ot_observe_batch(r->to, r->obs, r->nobs, &applied);
    r->nobs = 0;
    return rc ? refused(r, rc, r->first + applied) : OT_OK;
}

static int step(void *arg, const oti_event *ev, const char *name)
{
    oti_replay *r = arg;
    size_t at = r->index++;
    int rc;
    if (r->cut && timed(ev) && ev->t > r->next) {
        if ((rc = flush(r)) || (rc = r->cut(r, ev->t)))
            return rc;
    }
    if (r->keep && (rc = oti_log_append(r->to, ev, r->fn)))
        return rc;
    if (ev->type == OTI_EV_OBSERVE && !r->before && !r->after) {
        if (r->nobs == BATCH && (rc = flush(r)))
            return rc;
        if (r->nobs == 0)
            r->first = at;
        r->obs[r->nobs++] = (ot_observation){.truster = ev->a, .trustee = ev->b, .kind = ev->kind,
                                             .magnitude = ev->x, .t = ev->t};
        return OT_OK;
    }
    if ((rc = flush(r)) || (r->before && (rc = r->before(r, ev, name))))
        return rc;
    if ((rc = apply(r->to, ev, name)))
        return refused(r, rc, at);
    return r->after ? r->after(r, ev, name) : OT_OK;
}

int oti_replay_run(oti_replay *r)
{
    const ot_model *m = r->src;
    if (!m->keep_events && !m->journal.foreach)
        return oti_fail(OT_ENOTSUP,
                        "%s: the model keeps no events (keep_events = 0) and is not bound to a store: its past "
                        "cannot be recomputed",
                        r->fn);
    r->to = NULL;
    r->index = r->nobs = 0;
    int rc = ot_model_new(&m->cfg, &r->to);
    if (rc)
        return rc == OT_ENOMEM ? oti_nomem(r->fn) : rc;
    r->to->keep_events = 0; /* the log, when kept, is copied as it is read */
    r->to->replaying = 1;   /* texts count as recorded (lib/texts.c) */
    r->to->texts.keep_replayed = r->keep;
    r->to->watch.fn = r->watch;
    r->to->watch.ctx = r->arg;
    if (!(r->obs = oti_malloc(BATCH * sizeof *r->obs))) {
        rc = oti_nomem(r->fn);
    } else {
        rc = oti_events_foreach(m, step, r);
        if (rc == OTI_REPLAY_STOP)
            rc = OT_OK;
        if (!rc)
            rc = flush(r);
    }
    oti_free(r->obs);
    r->obs = NULL;
    r->to->watch.fn = NULL;
    r->to->replaying = 0;
    r->to->texts.keep_replayed = 0;
    if (rc) {
        ot_model_free(r->to);
        r->to = NULL;
        return rc;
    }
    r->to->keep_events = r->keep;
    return OT_OK;
}
