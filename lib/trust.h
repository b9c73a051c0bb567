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

/* Deceptive negative integrity evidence (docs/model.md, sections 11 and
 * 12): a loss, a deeper scar and a deeper deception scar. */
void oti_deceive(ot_model *m, oti_tie *e, int dir, double mag, double t);

/* The side table of rare per-direction state: a tie's record (NULL when
 * it has none); room for n new records (message set for fn); the record,
 * created (room reserved) when missing. */
oti_rare *oti_rare_of(const ot_model *m, const oti_tie *e);
int oti_rare_reserve(ot_model *m, size_t n, const char *fn);
oti_rare *oti_rare_get(ot_model *m, oti_tie *e);

/* The two scars of a direction decayed to t (>= the tie's clock). */
void oti_scars_at(const ot_model *m, const oti_tie *e, int dir, double t, double *scar, double *deception);
/* The ceiling C = (1 - sigma) * (1 - sigma_p) at t. */
double oti_ceiling_at(const ot_model *m, const oti_tie *e, int dir, double t);
/* Every restoring move (repair, escalation, responses, revealed
 * innocence): T moves a fraction f of the way to min(target, C(t)), and
 * only when it lies below. */
void oti_restore_toward(ot_model *m, oti_tie *e, int dir, double target, double f, double t);

/* How a model's scars fade (fixed by its configuration): the scar with
 * the evidence's own fade (0), on a clock of its own, and the deception
 * scar not at all (0) or on its clock. */
enum { OTI_SCARS_OWN_CLOCK = 1, OTI_DECEPTION_FADES = 2 };
int oti_scar_clocks(const ot_model *m);

/* The factor evidence fades by from t_last to t (1 when it does not). */
double oti_fade(const ot_model *m, double t_last, double t);

/* The direction's counters decayed to the model's current time. */
void oti_decayed(const ot_model *m, const oti_tie *e, int dir, double r[3], double s[3]);

/* The subjective-logic opinion of a direction, now (docs/model.md,
 * section 2): b = R/K, d = S/K, u = 2/K, K = R + S + 2, the base rate the
 * truster's propensity. */
void oti_opinion(const ot_model *m, const oti_tie *e, int dir, ot_sl_opinion *w);

/* Trustworthiness TW of a direction, now. */
double oti_trustworthiness(const ot_model *m, const oti_tie *e, int dir);

/* The model's clock moves to t (t already checked). */
static inline void oti_advance(ot_model *m, double t) { m->now = t; }

#endif
