/* The organisation hierarchy: nesting, containment and the sides of two
 * organisations below their common ancestor.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_ORGTREE_H
#define OTI_ORGTREE_H

#include "model.h"

/* Deep enough for province / municipality / directorate / department /
 * team / unit and more; bounded because every tie between two deep
 * organisations feeds (depth below the common ancestor)^2 pair aggregates. */
#define OTI_MAX_DEPTH 16

/* 1 when org x is a or lies inside a. */
int oti_org_within(const ot_model *m, ot_id x, ot_id a);
/* 1 when one organisation contains the other (or they are the same). */
int oti_orgs_overlap(const ot_model *m, ot_id x, ot_id y);
/* For non-overlapping x and y: the two organisations just below their
 * lowest common ancestor, on x's and y's side. */
void oti_org_sides(const ot_model *m, ot_id x, ot_id y, ot_id *sx, ot_id *sy);
/* The chain x, parent(x), ... up to and including `stop` (an ancestor of
 * x, or x); its length. */
unsigned oti_org_chain(const ot_model *m, ot_id x, ot_id stop, ot_id chain[OTI_MAX_DEPTH]);

#endif
