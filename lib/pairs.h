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

/* Grow every array and index the planned records need; nothing visible
 * changes, so a failure (-1) leaves the model as it was. */
int oti_pairs_reserve(ot_model *m, const oti_tie_plan *p);

/* Make the planned records (room reserved; cannot fail) and point the new
 * tie e (ends a and b) at them: its leaf pair, OTI_TIE_ALO, its actor-pair
 * records. */
void oti_pairs_commit(ot_model *m, oti_tie *e, ot_id a, ot_id b, oti_tie_plan *p);

#endif
