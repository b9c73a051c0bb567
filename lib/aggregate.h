/* Organisation-level aggregates: reputation, backing, layer trust, climate,
 * standing, and the queries built on them.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_AGGREGATE_H
#define OTI_AGGREGATE_H

#include "model.h"

/* Add (dsum, dw) for direction `dir` of tie e to every aggregate in s that
 * the direction belongs to. */
void oti_contrib(const ot_model *m, oti_sums *s, const oti_tie *e, int dir, oti_fx dsum, oti_fx dw);

/* Set the trust of one direction, keeping the aggregates in step. */
void oti_set_trust(ot_model *m, oti_tie *e, int dir, double T);

/* The gain damping D of MODEL.md section 3 for a tie, now. */
double oti_damping_of(const ot_model *m, const oti_tie *e);

/* The tie's top pair, and which of its directions (0: lo -> hi) the truster
 * of `dir` trusts along. External ties only. */
uint32_t oti_top_dir(const ot_model *m, const oti_tie *e, int dir, int *di);

#endif
