/* The state of version 1.1's people who come and go (lib/lifecycle.c) and
 * of the escalation ladder (lib/ladder.c): kept beside the 1.0 records, in
 * arrays of their own, so that nothing an observation touches grows.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_LIFE_H
#define OTI_LIFE_H

#include "hmap.h"

#include <orgtrust.h>
#include <stddef.h>
#include <stdint.h>

#define OTI_ACTOR_LEFT 1u /* oti_line.flags: the actor has left */

/* Per actor: its direct reports (a list threaded through their records,
 * doubly linked so that one report leaves its superior's list in O(1)) and
 * whether it has left. An actor is in the list of the superior it has,
 * unless it left (then it keeps the superior it had, as history). */
typedef struct oti_line {
    uint32_t first;      /* the first direct report, OT_NONE when none */
    uint32_t next, prev; /* siblings under the same superior, OT_NONE at the ends */
    uint32_t flags;      /* OTI_ACTOR_* */
} oti_line;

/* Per disruption: its level on the ladder (docs/model.md, section 14). */
typedef struct oti_rung {
    ot_id x, y;     /* the handlers: the parties (observer, other) at the opening level */
    uint32_t heap;  /* its place in the due heap; OT_NONE when not open */
    uint8_t layer;  /* the level's layer */
    uint8_t failed; /* resolution failed at this level (cleared by a referral) */
    uint8_t referred; /* 1 once referred (or escalated): the level is above the opening one */
    uint8_t pad;
    double since;   /* t_level: when the handlers took it */
    double due;     /* since + the timebox of the layer */
} oti_rung;

/* The institutional memory of one organisation pair (lo < hi, the two
 * sides of ended ties) per direction (lo -> hi, hi -> lo), both sums
 * decaying together from `t` on (docs/model.md, section 13). Entries are
 * made in the order pairs first remember something. */
typedef struct oti_memory {
    ot_id lo, hi;
    double w[2], wT[2];
    double t;
} oti_memory;

typedef struct oti_life {
    oti_line *line; /* per actor */
    size_t capline;
    /* Per actor-pair record, nlayers counters: the actor's active ties to
     * the other side by the partner's layer, so the lowest such layer (the
     * DIAGONAL entanglement of an escalation candidate) follows a tie that
     * ends or moves in O(layers). */
    uint32_t *apcnt;
    size_t capapcnt;
    oti_rung *rung; /* per disruption */
    size_t caprung;
    uint32_t *heap; /* the open disruptions, a binary min-heap by (due, id) */
    size_t nheap, capheap;
    oti_memory *mem; /* institutional memory, by first use */
    size_t nmem, capmem;
    oti_hmap mem_index; /* (lo, hi) -> mem entry */
    size_t nended, nleft, nmoved; /* ties ended, actors left, moves made */
} oti_life;

#endif
