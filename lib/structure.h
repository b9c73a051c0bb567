/* The model's structure: actors and the ties between them (lib/structure.c).
 * SPDX-License-Identifier: MIT */
#ifndef OTI_STRUCTURE_H
#define OTI_STRUCTURE_H

#include "model.h"

/* The superior rule of docs/model.md section 1 for an actor of `org` on
 * `layer`: #OT_NONE, or an active actor of `org` or an organisation
 * containing it on a strictly higher layer. */
int oti_check_superior(const ot_model *m, ot_id org, unsigned layer, ot_id sup, const char *fn);

/* Reporting lines: the actor joins (leaves) its superior's list of direct
 * reports; a new actor's record (no reports) joins it. */
void oti_line_join(ot_model *m, ot_id a);
void oti_line_leave(ot_model *m, ot_id a);
void oti_line_new(ot_model *m, ot_id a);

/* Where a new tie of a and b starts, T0[0] for a -> b and T0[1] for b -> a
 * (propensity, or the trust transfer of docs/model.md section 13). */
void oti_tie_start(const ot_model *m, ot_id a, ot_id b, int external, double T0[2]);
/* After commit: a tie that restarts `old` takes its remembered state;
 * otherwise the directions move to T0. */
void oti_tie_started(ot_model *m, oti_tie *e, uint32_t old, const double T0[2]);

#endif
