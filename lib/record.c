/* The record of accepted calls: kept in memory (for export, and to
 * recompute the past), and handed to the store's journal before a call
 * takes effect.
 *
 * The kept log holds 32-byte records (oti_logrec, lib/event.h), written
 * straight into its free tail before the call applies and counted once it
 * has: keeping costs one store of 32 bytes an event and no copy.
 * SPDX-License-Identifier: MIT */
#include "record.h"
#include "alloc.h"
#include "error.h"

#include <string.h>

/* ---- the log's records ---------------------------------------------------- */

/* Write ev as one record at r, or two when it has both a number and a
 * fourth id (room for two must be there); the number of records. */
static size_t encode(oti_logrec *r, const oti_event *ev)
{
    uint64_t xbits;
    memcpy(&xbits, &ev->x, sizeof xbits);
    *r = (oti_logrec){.type = ev->type, .kind = ev->kind, .flag = ev->flag, .a = ev->a, .b = ev->b, .c = ev->c,
                      .t = ev->t};
    if (ev->d == 0) {
        r->form = OTI_LOG_X;
        r->u.x = ev->x;
        return 1;
    }
    if (xbits == 0) {
        r->form = OTI_LOG_D;
        r->u.d = ev->d; /* the rest of u stays 0 */
        return 1;
    }
    r->form = OTI_LOG_WIDE;
    r->u.x = ev->x;
    r[1] = (oti_logrec){.form = OTI_LOG_D};
    r[1].u.d = ev->d;
    return 2;
}

/* The event of the record(s) at r; the number of records it took. */
static size_t decode(const oti_logrec *r, oti_event *ev)
{
    *ev = (oti_event){.type = r->type, .kind = r->kind, .flag = r->flag, .a = r->a, .b = r->b, .c = r->c,
                      .t = r->t};
    switch (r->form) {
    case OTI_LOG_X: ev->x = r->u.x; return 1;
    case OTI_LOG_D: ev->d = r->u.d; return 1;
    default:
        ev->x = r->u.x;
        ev->d = r[1].u.d;
        return 2;
    }
}

static size_t records_at(const ot_model *m, size_t i) { return m->log[i].form == OTI_LOG_WIDE ? 2 : 1; }

/* Room for n more events of which `wide` may take two records. */
static int reserve_log(ot_model *m, size_t n, size_t wide, const char *fn)
{
    if (OTI_RESERVE(m->log, m->caplog, m->loglen + n + wide))
        return oti_nomem(fn);
    return OT_OK;
}

int oti_log_append(ot_model *m, const oti_event *ev, const char *fn)
{
    int rc = reserve_log(m, 1, 1, fn);
    if (rc)
        return rc;
    m->loglen += encode(m->log + m->loglen, ev);
    m->nlog++;
    return OT_OK;
}

/* ---- recording ------------------------------------------------------------ */

static int journaling(const ot_model *m) { return m->journal.write && !m->replaying; }

int oti_record_begin(ot_model *m, const oti_event *ev, const char *name, const char *fn)
{
    int rc;
    /* Room in the log first: once the journal holds the event, nothing
     * may fail. */
    if (m->keep_events && (rc = reserve_log(m, 1, 1, fn)))
        return rc;
    if (journaling(m) && (rc = m->journal.write(m->journal.ctx, ev, 1, name)))
        return rc;
    if (m->keep_events)
        encode(m->log + m->loglen, ev);
    return OT_OK;
}

void oti_record_end(ot_model *m)
{
    if (m->keep_events) {
        m->loglen += records_at(m, m->loglen);
        m->nlog++;
    }
}

int oti_record_batch(ot_model *m, const ot_observation *obs, size_t n, const char *fn)
{
    int rc;
    if (m->keep_events && (rc = reserve_log(m, n, 0, fn)))
        return rc;
    if (journaling(m)) {
        if (OTI_RESERVE(m->stage, m->capstage, n))
            return oti_nomem(fn);
        for (size_t i = 0; i < n; i++)
            m->stage[i] = (oti_event){.type = OTI_EV_OBSERVE, .a = obs[i].truster, .b = obs[i].trustee,
                                      .kind = (uint8_t)obs[i].kind,
                                      .x = obs[i].magnitude == 0.0 ? 1.0 : obs[i].magnitude, .t = obs[i].t};
        if ((rc = m->journal.write(m->journal.ctx, m->stage, n, NULL)))
            return rc;
    }
    if (m->keep_events) {
        oti_logrec *r = m->log + m->loglen;
        for (size_t i = 0; i < n; i++)
            r[i] = (oti_logrec){.type = OTI_EV_OBSERVE, .kind = (uint8_t)obs[i].kind, .form = OTI_LOG_X,
                                .a = obs[i].truster, .b = obs[i].trustee,
                                .u.x = obs[i].magnitude == 0.0 ? 1.0 : obs[i].magnitude, .t = obs[i].t};
    }
    return OT_OK;
}

void oti_record_batch_end(ot_model *m, size_t n)
{
    if (m->keep_events) {
        m->loglen += n;
        m->nlog += n;
    }
}

/* ---- reading -------------------------------------------------------------- */

int oti_events_foreach(const ot_model *m, int (*cb)(void *arg, const oti_event *ev, const char *name), void *arg)
{
    if (m->journal.foreach)
        return m->journal.foreach(m->journal.ctx, cb, arg);
    if (!m->keep_events)
        return oti_fail(OT_ENOTSUP, "the model does not keep its events (keep_events = 0); nothing to export");
    size_t ntext = 0;
    for (size_t i = 0; i < m->loglen;) {
        oti_event ev;
        i += decode(&m->log[i], &ev);
        /* The named events make an organisation or an actor (a is its id),
         * or give a text (the kept texts, in order). */
        const oti_event_desc *d = oti_event_desc_of(ev.type);
        const char *name = !d || !d->named             ? NULL
                           : ev.type == OTI_EV_TEXT    ? (ntext < m->texts.nkept ? m->texts.kept[ntext++] : NULL)
                           : ev.type == OTI_EV_ORG_ADD ? m->orgs[ev.a].name
                                                       : m->actors[ev.a].name;
        int rc = cb(arg, &ev, name);
        if (rc)
            return rc;
    }
    return OT_OK;
}
