/* Replaying a model's events into a new model: the engine behind
 * ot_model_at(), ot_timeline() and ot_history_json() (docs/model.md,
 * section 16). Internal; never installed.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_REPLAY_H
#define OTI_REPLAY_H

#include "model.h"

/* A callback's "enough": the replay stops there, successfully. */
#define OTI_REPLAY_STOP 1

typedef struct oti_replay oti_replay;

struct oti_replay {
    /* Set by the caller. */
    const ot_model *src; /* whose events: the kept log, or its store's journal */
    const char *fn;      /* the public function, for messages */
    /* Called before the first event whose time is later than `next`,
     * with every earlier event applied: return 0 to go on (after moving
     * `next` on), OTI_REPLAY_STOP to stop before that event, or a status.
     * NULL: never. */
    int (*cut)(oti_replay *r, double t);
    double next;
    /* Called around every event, one at a time (the replay then applies
     * observations one by one). NULL: none. */
    int (*before)(oti_replay *r, const oti_event *ev, const char *name);
    int (*after)(oti_replay *r, const oti_event *ev, const char *name);
    void *arg;
    int keep; /* the new model keeps the replayed events (as its configuration says) */
    /* Set as the new model's watch while it replays (lib/history.c). */
    void (*watch)(void *ctx, const ot_model *m, const oti_tie *e, int dir);

    /* Set by the replay. */
    ot_model *to;  /* the new model, owned by the caller after oti_replay_run() */
    size_t index;  /* events read so far */
    ot_observation *obs;
    size_t nobs, first; /* buffered observations; the index of obs[0] */
};

/* The time an event counts at in the replayed model `to`: its own t, or,
 * for a structure call, the model's time when it was made. */
double oti_replay_time(const ot_model *to, const oti_event *ev);

/* Make r->to (a new model with src's configuration, not bound) and replay
 * src's events into it until the end or a callback stops. On failure
 * r->to is freed and NULL. A call that no longer validates is OT_EFORMAT
 * naming the journal entry (store-bound src) or OT_ESTATE naming the kept
 * event; OT_ENOTSUP when src keeps no events. */
int oti_replay_run(oti_replay *r);

/* Move the replayed model's clock to t (later than its time) with no
 * other effect, as advancing it would. */
void oti_replay_clock(ot_model *to, double t);

#endif
