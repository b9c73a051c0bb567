/* One accepted mutating call as a record: what the model keeps, the store
 * journals and replay applies again.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_EVENT_H
#define OTI_EVENT_H

#include <stddef.h>
#include <stdint.h>

enum oti_event_type {
    OTI_EV_ORG_ADD = 1,    /* a = id, b = parent */
    OTI_EV_ACTOR_ADD,      /* a = id, b = org, c = superior, kind = layer */
    OTI_EV_SET_SUPERIOR,   /* a = actor, b = superior */
    OTI_EV_SET_PROPENSITY, /* a = actor, x = p */
    OTI_EV_TIE_ADD,        /* a = id, b = first actor, c = second actor */
    OTI_EV_TIE_SET,        /* a = tie, kind = attribute, x = value */
    OTI_EV_OBSERVE,        /* a = truster, b = trustee, kind, x = magnitude, t */
    OTI_EV_DISRUPT,        /* a = observer, b = other, c = id, kind, flag = separated, x = severity, t */
    OTI_EV_REPAIR,         /* a = disruption, t */
    OTI_EV_ESCALATE,       /* a = disruption, kind = mode, t */
    OTI_EV_CONSULT,        /* a = x, b = y, c = liaison x, d = liaison y, t */
    OTI_EV_RULE            /* a = organisation, t */
};

/* One accepted mutating call, enough to replay it exactly. */
typedef struct oti_event {
    uint8_t type, kind, flag, pad;
    uint32_t a, b, c, d;
    double x, t;
} oti_event;

/* The kept log's record: an oti_event in 32 bytes, so keeping the events
 * (the default) costs little memory. The number x and the fourth id d
 * share their 8 bytes, as no event type uses both (consultation, the one
 * with four ids, has no number); an event that did would take a second
 * record (OTI_LOG_WIDE), so the log is exact for any event. */
typedef struct oti_logrec {
    uint8_t type, kind, flag;
    uint8_t form; /* OTI_LOG_X: u holds x (d is 0); OTI_LOG_D: u holds d (x is +0.0); OTI_LOG_WIDE: x here, d next */
    uint32_t a, b, c;
    union {
        double x;
        uint32_t d;
    } u;
    double t;
} oti_logrec;

enum { OTI_LOG_X = 0, OTI_LOG_D = 1, OTI_LOG_WIDE = 2 };

/* Where a store-bound model sends its calls (see lib/store.c). */
typedef struct oti_journal {
    /* Make n staged events durable (name: the org or actor name of an _ADD
     * event). OT_OK, or a status with the message set (nothing written). */
    int (*write)(void *ctx, const oti_event *ev, size_t n, const char *name);
    /* Visit every event ever accepted, oldest first, until cb returns non-0. */
    int (*foreach)(void *ctx, int (*cb)(void *arg, const oti_event *ev, const char *name), void *arg);
    void (*close)(void *ctx);
    void *ctx;
} oti_journal;

#endif
