/* The record of accepted calls: kept in memory for export, and handed to
 * the store's journal before a call takes effect.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_RECORD_H
#define OTI_RECORD_H

#include "model.h"

/* 1 when accepted calls must be recorded (kept or journaled). */
static inline int oti_recording(const ot_model *m)
{
    return m->keep_events || (m->journal.write && !m->replaying);
}
/* Record n validated observations before they are applied: journal them
 * (bound to a store) and write them to the log's free tail (kept), in one
 * pass each; OT_OK or the status with the message set. After applying,
 * oti_record_batch_end() counts them as kept. */
int oti_record_batch(ot_model *m, const ot_observation *obs, size_t n, const char *fn);
void oti_record_batch_end(ot_model *m, size_t n);
/* Journal and (after the caller applied it) keep a single event: the
 * common path of every call but the batch. */
int oti_record_begin(ot_model *m, const oti_event *ev, const char *name, const char *fn);
void oti_record_end(ot_model *m);
/* Append an event to m's kept log (a model that replays another's events);
 * OT_OK or OT_ENOMEM (message set for fn). */
int oti_log_append(ot_model *m, const oti_event *ev, const char *fn);
/* Visit every accepted event, oldest first: the kept log, or the store's
 * journal for a store-bound model. For ORG_ADD and ACTOR_ADD events `name`
 * is the name given; NULL otherwise. Stops at the first non-zero return of
 * cb and returns it; OT_ENOTSUP (message set) when the events were not
 * kept. */
int oti_events_foreach(const ot_model *m, int (*cb)(void *arg, const oti_event *ev, const char *name), void *arg);

#endif
