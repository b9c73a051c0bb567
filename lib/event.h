/* One accepted mutating call as a record (what the model keeps, the store
 * journals and replay applies again), and the one table of event types that
 * every reader of events uses: the scenario reader and exporter, the store's
 * journal and its replay (lib/event.c).
 *
 * Adding an event type: its OTI_EV_ value here (at the end: the values are
 * journal rows' types), one row in oti_events[] (lib/event.c) with its
 * scenario key, its fields and its apply function (the public call). The
 * scenario reader and exporter handle a timed event from its row alone;
 * structure events are folded into the top-level lists and keep their own
 * code there.
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
    OTI_EV_RESPOND,        /* a = disruption, kind = response, t */
    OTI_EV_REVEAL,         /* a = disruption, flag = guilty, t */
    /* Version 1.1: people come and go, the ladder (lib/turnover.c, lib/ladder.c). */
    OTI_EV_TIE_END,        /* a, b = the tie's two actors (it is their latest tie), t */
    OTI_EV_LEAVE,          /* a = actor, t */
    OTI_EV_MOVE,           /* a = actor, b = org, c = superior, kind = layer, t */
    OTI_EV_ADVANCE,        /* flag = 1, t */
    OTI_EV_REFER,          /* a = disruption, kind = mode, t */
    OTI_EV_RESOLVE,        /* a = disruption, t */
    /* Texts: none changes a value (lib/texts.h). */
    OTI_EV_TEXT,           /* kind = OTI_TEXT_*, a = the disruption of a label; the text is the record's name */
    OTI_EV_END_             /* one past the last */
};
#define OTI_EV_LAST (OTI_EV_END_ - 1)

/* OTI_EV_TEXT's kind: what the text is. Journal rows hold these values. */
enum oti_text_kind {
    OTI_TEXT_DESCRIPTION = 1, /* the model's description */
    OTI_TEXT_NOTE = 2,        /* a note on the last event before it that is not a text */
    OTI_TEXT_LABEL = 3,       /* a = the disruption */
    OTI_TEXT_EPOCH = 4,       /* the calendar's day 0, "YYYY-MM-DD" */
    OTI_TEXT_LAST = OTI_TEXT_EPOCH
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

/* ---- the table of event types ------------------------------------------ */

/* What a field of a timed event is, for reading, checking and writing it. */
enum oti_ev_arg {
    OTI_ARG_ACTOR = 1,      /* an actor, by its id in a file */
    OTI_ARG_ACTOR_OPT,      /* an actor or null (OT_NONE) */
    OTI_ARG_ORG,            /* an organisation */
    OTI_ARG_DISRUPTION,     /* a disruption, by the id a disrupt event gave it */
    OTI_ARG_PAIR,           /* two actors ["x", "y"]: slot and the next one */
    OTI_ARG_PAIR_OPT,       /* the same, each may be null */
    OTI_ARG_NUMBER,         /* x */
    OTI_ARG_BOOL,           /* flag: true or false */
    OTI_ARG_ENUM,           /* kind, by its name in `names` */
    OTI_ARG_NEW_DISRUPTION, /* the id a file gives the disruption this event opens */
    OTI_ARG_LAYER           /* kind: a layer, by index or name */
};

/* Where a field lives in the record. */
enum oti_ev_slot { OTI_SLOT_A, OTI_SLOT_B, OTI_SLOT_C, OTI_SLOT_D, OTI_SLOT_X, OTI_SLOT_KIND, OTI_SLOT_FLAG };

struct oti_names;
typedef struct ot_model ot_model;

typedef struct oti_ev_field {
    const char *key;               /* its scenario key; NULL ends the list */
    uint8_t arg, slot;             /* OTI_ARG_*, OTI_SLOT_* */
    uint8_t optional;              /* a file may leave it out: then `def` (ids: none) */
    uint8_t terse;                 /* the exporter leaves it out when it is `def` */
    const struct oti_names *names; /* OTI_ARG_ENUM: the names of its values */
    const char *what;              /* for messages: "actor", "observation kind" */
    double def;
} oti_ev_field;

#define OTI_EV_MAX_FIELDS 6

/* The two actors of fields 1 and 2 must share a tie: a file's message says
 * so by their keys when the call finds none (observe, disrupt). */
#define OTI_EV_NEEDS_TIE 1u
/* The pair of field 0 must share a tie unless it is one actor twice, said
 * before the call (consult). */
#define OTI_EV_PAIR_TIE 2u

typedef struct oti_event_desc {
    const char *key; /* the scenario key naming the event ("observe"); NULL: no such type */
    uint8_t timed;   /* carries t; structure changes do not */
    uint8_t named;   /* the record comes with a name (the organisation's or actor's, or a text) */
    uint8_t ties;    /* OTI_EV_NEEDS_TIE, OTI_EV_PAIR_TIE */
    /* Timed events: every field, the first the head key's value, in the
     * order files and exports give them. */
    oti_ev_field field[OTI_EV_MAX_FIELDS];
    /* Apply the event through the public function that first accepted it,
     * so it is validated again (replay, and the scenario reader for timed
     * events). OT_OK, or that function's status and message. */
    int (*apply)(ot_model *m, const oti_event *ev, const char *name);
} oti_event_desc;

/* Indexed by type; entry 0 is empty. */
extern const oti_event_desc oti_events[OTI_EV_LAST + 1];

/* The row of a type, or NULL when there is none. */
const oti_event_desc *oti_event_desc_of(unsigned type);

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
