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
/* Room for n events; NULL on out of memory (message set for fn). */
oti_event *oti_stage(ot_model *m, size_t n, const char *fn);
/* Journal the n staged events (nothing to do when not bound). */
int oti_journal_staged(ot_model *m, size_t n, const char *name);
/* After applying: keep the n staged events when events are kept. */
void oti_commit_staged(ot_model *m, size_t n);
/* Stage, journal and (after the caller applied it) keep a single event: the
 * common path of every call but the batch. */
int oti_record_begin(ot_model *m, const oti_event *ev, const char *name, const char *fn);
void oti_record_end(ot_model *m);
/* Visit every accepted event, oldest first: the kept log, or the store's
 * journal for a store-bound model. For ORG_ADD and ACTOR_ADD events `name`
 * is the name given; NULL otherwise. Stops at the first non-zero return of
 * cb and returns it; OT_ENOTSUP (message set) when the events were not
 * kept. */
int oti_events_foreach(const ot_model *m, int (*cb)(void *arg, const oti_event *ev, const char *name), void *arg);

#endif
