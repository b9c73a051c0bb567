/* The escalation ladder over time (docs/model.md, section 14): each open
 * disruption's level, handlers and due time, and the index of the open
 * disruptions by due time.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_LADDER_H
#define OTI_LADDER_H

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

/* The escalation path of disruption d's tie from its observer's side
 * (steps has room for OTI_MAX_LAYERS): lib/escalation.c. */
size_t oti_disruption_path(const ot_model *m, const oti_disruption *d, ot_escalation_step *steps);
/* Settle disruption d at the level of `layer` with handlers' health h:
 * h >= theta_esc succeeds as escalation does (docs/model.md, section 5),
 * otherwise it fails there (spill-down evidence). The one code path of
 * ot_escalate and ot_resolve. Returns 1 on success. */
int oti_settle(ot_model *m, oti_disruption *d, int ok, double h, unsigned layer, double t);
/* j records the cost of i going over j's head (mode UNILATERAL). */
void oti_unilateral_cost(ot_model *m, const oti_disruption *d, double t);
/* Disruption id (open) is now handled at `step` from t on. */
void oti_ladder_take(ot_model *m, ot_id id, const ot_escalation_step *step, double t);
/* The checks ot_escalate and ot_refer share: an open disruption on an
 * external tie, a valid mode and time. */
int oti_check_climb(const ot_model *m, ot_id disruption, int mode, double t, const char *fn);
/* The handlers' health min(T(x->y), T(y->x)); 0 without an active tie. */
double oti_health(const ot_model *m, ot_id x, ot_id y);

#endif
