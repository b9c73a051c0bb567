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
    OTI_EV_RULE,           /* a = organisation, t */
    /* Version 1.1: people come and go, the ladder (lib/turnover.c, lib/ladder.c). */
    OTI_EV_TIE_END,        /* a = tie, t */
    OTI_EV_LEAVE,          /* a = actor, t */
    OTI_EV_MOVE,           /* a = actor, b = org, c = superior, kind = layer, t */
    OTI_EV_ADVANCE,        /* t */
    OTI_EV_REFER,          /* a = disruption, kind = mode, t */
    OTI_EV_RESOLVE         /* a = disruption, t */
};
#define OTI_EV_LAST OTI_EV_RESOLVE

/* One accepted mutating call, enough to replay it exactly. */
typedef struct oti_event {
    uint8_t type, kind, flag, pad;
    uint32_t a, b, c, d;
    double x, t;
} oti_event;

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
