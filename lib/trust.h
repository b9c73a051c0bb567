/* Directed trust state: evidence, decay and the trust dynamics.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_TRUST_H
#define OTI_TRUST_H

#include "kinds.h"
#include "model.h"


/* Record evidence of effective magnitude `mag` on dimension `dim` for
 * direction `dir` of tie e at time t: decay the counters to t, add to r or
 * s, and move T (the loss exponent is `mag * loss_scale`). */
void oti_evidence(ot_model *m, oti_tie *e, int dir, int dim, int positive, double mag, double loss_scale, double t);

/* The factor evidence fades by from t_last to t (1 when it does not). */
double oti_fade(const ot_model *m, double t_last, double t);

/* The direction's counters decayed to the model's current time. */
void oti_decayed(const ot_model *m, const oti_tie *e, int dir, double r[3], double s[3]);

/* Trustworthiness TW of a direction, now. */
double oti_trustworthiness(const ot_model *m, const oti_tie *e, int dir);

/* The model's clock moves to t (t already checked). */
static inline void oti_advance(ot_model *m, double t) { m->now = t; }

#endif
