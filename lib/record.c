/* The record of accepted calls: kept in memory for export, and handed to
 * the store's journal before a call takes effect.
 * SPDX-License-Identifier: MIT */
#include "record.h"
#include "alloc.h"
#include "error.h"

oti_event *oti_stage(ot_model *m, size_t n, const char *fn)
{
    /* Kept events are staged straight into the log's free tail, so keeping
     * them costs no copy. */
    if (m->keep_events) {
        if (OTI_RESERVE(m->log, m->caplog, m->nlog + n)) {
            oti_nomem(fn);
            return NULL;
        }
        return m->log + m->nlog;
    }
    if (OTI_RESERVE(m->stage, m->capstage, n)) {
        oti_nomem(fn);
        return NULL;
    }
    return m->stage;
}

static const oti_event *staged(const ot_model *m)
{
    return m->keep_events ? m->log + m->nlog : m->stage;
}

int oti_journal_staged(ot_model *m, size_t n, const char *name)
{
    if (!m->journal.write || m->replaying)
        return OT_OK;
    return m->journal.write(m->journal.ctx, staged(m), n, name);
}

void oti_commit_staged(ot_model *m, size_t n)
{
    if (m->keep_events)
        m->nlog += n;
}

int oti_record_begin(ot_model *m, const oti_event *ev, const char *name, const char *fn)
{
    if (!oti_recording(m))
        return OT_OK;
    oti_event *slot = oti_stage(m, 1, fn);
    if (!slot)
        return OT_ENOMEM;
    *slot = *ev;
    return oti_journal_staged(m, 1, name);
}

void oti_record_end(ot_model *m)
{
    if (oti_recording(m))
        oti_commit_staged(m, 1);
}

int oti_events_foreach(const ot_model *m, int (*cb)(void *arg, const oti_event *ev, const char *name), void *arg)
{
    if (m->journal.foreach)
        return m->journal.foreach(m->journal.ctx, cb, arg);
    if (!m->keep_events)
        return oti_fail(OT_ENOTSUP, "the model does not keep its events (keep_events = 0); nothing to export");
    for (size_t i = 0; i < m->nlog; i++) {
        const oti_event *ev = &m->log[i];
        /* The named events make an organisation or an actor: a is its id. */
        const char *name = !oti_event_desc_of(ev->type)->named ? NULL
                           : ev->type == OTI_EV_ORG_ADD       ? m->orgs[ev->a].name
                                                              : m->actors[ev->a].name;
        int rc = cb(arg, ev, name);
        if (rc)
            return rc;
    }
    return OT_OK;
}
