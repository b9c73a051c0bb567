/* Disruptions and their handling (docs/model.md section 5).
 * SPDX-License-Identifier: MIT */
#ifndef OTI_DISRUPTION_H
#define OTI_DISRUPTION_H

#include "model.h"

/* fresh = 2^(-(t_known - t_open) / H_r), t_known the surfacing time if the
 * disruption surfaced before t. */
double oti_freshness(const ot_model *m, const oti_disruption *d, double t);

/* Look up a disruption for a call named fn. */
int oti_check_disruption(const ot_model *m, ot_id d, const char *fn);

/* The checks ot_repair and ot_escalate share: writable model, an open
 * disruption, a valid time. */
int oti_check_handling(const ot_model *m, ot_id d, double t, const char *fn);

/* Move T(observer -> other) a fraction `f` of the way back to T_before (if
 * it fell), close the disruption with `status` at t. */
void oti_restore_trust(ot_model *m, oti_disruption *d, double f, int status, double t);

/* repair (docs/model.md, section 5): the parties settle d between themselves. */
void oti_repair_apply(ot_model *m, oti_disruption *d, double t);

/* The disruption counts as surfaced from t on (if it had not yet). */
void oti_surface(oti_disruption *d, double t);

#endif
