/* Escalation paths and settling a disruption a layer up (lib/escalation.c),
 * shared by ot_escalate and the ladder's ot_refer and ot_resolve.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_ESCALATION_H
#define OTI_ESCALATION_H

#include "model.h"

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
/* The checks ot_escalate and ot_refer share: an open disruption on an
 * external tie, a valid mode and time. */
int oti_check_climb(const ot_model *m, ot_id disruption, int mode, double t, const char *fn);
/* The handlers' health min(T(x->y), T(y->x)); 0 without an active tie. */
double oti_health(const ot_model *m, ot_id x, ot_id y);

#endif
