/* The due index (lib/due.c): each disruption's level, handlers and due
 * time, and the open disruptions by due time.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_DUE_H
#define OTI_DUE_H

#include "model.h"

/* Room for one more disruption's rung and heap entry (before ot_disrupt
 * changes anything). 0 or -1. */
int oti_ladder_reserve(ot_model *m);
/* Disruption id's rung from its record: the opening layer, the parties as
 * handlers since t_open; in the due index when open. */
void oti_ladder_init(ot_model *m, ot_id id);
/* Room for n disruptions' rungs and heap entries. 0 or -1. */
int oti_ladder_reserve_n(ot_model *m, size_t n);
/* Disruption id is no longer open (resolved or withdrawn): out of the index. */
void oti_ladder_close(ot_model *m, ot_id id);
/* Disruption id's due time changed (it is open): back to its place. */
void oti_ladder_fix(ot_model *m, ot_id id);
/* 1 when disruption id's rung is what oti_ladder_init() gives it now. */
int oti_ladder_is_initial(const ot_model *m, ot_id id);
/* One open disruption of tie `tie` is withdrawn at t (its tie ended). */
void oti_ladder_withdraw_one(ot_model *m, uint32_t tie, double t);

/* Disruption id (open) is now handled at `step` from t on. */
void oti_ladder_take(ot_model *m, ot_id id, const ot_escalation_step *step, double t);

#endif
