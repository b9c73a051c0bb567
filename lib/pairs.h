/* The pair records behind the aggregates: for every tie between two
 * organisations, a record for each pair of organisations on the chains up
 * to their common ancestor, the leaf pair's list of those (the ancestor
 * pool), the actor-pair records and the top pair's climate block. Made when
 * a tie needs them, never removed.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_PAIRS_H
#define OTI_PAIRS_H

#include "model.h"
#include "orgtree.h"

/* Everything a new tie needs, worked out before anything changes. */
typedef struct oti_tie_plan {
    int external;
    ot_id leaf_lo, leaf_hi;                 /* the two actors' own organisations, ordered */
    ot_id cx[OTI_MAX_DEPTH], cy[OTI_MAX_DEPTH]; /* chains of org(a) and org(b) up to their sides */
    unsigned nx, ny;
    uint32_t pair[OTI_MAX_DEPTH][OTI_MAX_DEPTH]; /* existing record of (cx[i], cy[j]) or UINT32_MAX */
    unsigned new_pairs;
    int new_leaf;      /* the leaf record gets its ancestor list now */
    uint32_t ap[2];    /* existing actor-pair records, or UINT32_MAX */
    unsigned new_aps;
} oti_tie_plan;

/* Work out which records a tie between actors a and b needs (nothing
 * changes). */
void oti_pairs_plan(const ot_model *m, ot_id a, ot_id b, oti_tie_plan *p);

/* Room that placing some ties may need (upper bounds: a record two ties
 * share is counted for each). */
typedef struct oti_tie_need {
    size_t ties, diag, pairs, aps, anc, tops;
} oti_tie_need;

/* Add what placing the planned tie of a and b needs to *n. */
void oti_pairs_need_add(const ot_model *m, ot_id a, ot_id b, const oti_tie_plan *p, oti_tie_need *n);

/* Grow every array and index the needed ties and records take; nothing
 * visible changes, so a failure (-1) leaves the model as it was. */
int oti_pairs_reserve(ot_model *m, const oti_tie_need *n);

/* Make the planned records (room reserved; cannot fail) and point the new
 * tie e (ends a and b) at them: its leaf pair, OTI_TIE_ALO, its actor-pair
 * records. */
void oti_pairs_commit(ot_model *m, oti_tie *e, ot_id a, ot_id b, oti_tie_plan *p);

/* Derive the class of tie e from its ends' positions and the plan made for
 * them (room reserved): its layer, backing flags, organisation pair and
 * actor-pair records (with their partner counts). Used for a new tie and
 * for the ties of an actor who moved; the aggregates are the caller's. */
void oti_tie_place(ot_model *m, oti_tie *e, oti_tie_plan *p);

/* Actor-pair record ap gains (delta 1) or loses (-1) an active partner on
 * `layer`; its min_layer follows. */
void oti_apair_partner(ot_model *m, uint32_t ap, unsigned layer, int delta);

#endif
