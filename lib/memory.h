/* The institutional memory of ended ties (lib/memory.c).
 * SPDX-License-Identifier: MIT */
#ifndef OTI_MEMORY_H
#define OTI_MEMORY_H

#include "model.h"

/* The institutional half-life in days (OT_PARAM_INSTITUTIONAL_HALF_LIFE,
 * docs/model.md section 13): <= 0 keeps no memory, infinite never forgets. */
double oti_memory_half_life(const ot_model *m);

/* Room for n more organisation pairs' memories. 0 or -1. */
int oti_memory_reserve(ot_model *m, size_t n);
/* External tie e (intensity w) ends at t: each direction's (w, w * T)
 * moves into its organisation pair's memory (room reserved). */
void oti_memory_keep(ot_model *m, const oti_tie *e, double w, double t);
/* The memory of top pair `top` in direction k (0: lo -> hi) decayed to the
 * model's time: 1 and *w, *wT, or 0 when it remembers nothing. */
int oti_memory_of(const ot_model *m, uint32_t top, int k, double *w, double *wT);
/* Reputation over the live sums of top pair `top`, direction k, counting
 * its memory as if it were ties; `prior` when both weigh nothing. */
double oti_rep_with_memory(const ot_model *m, uint32_t top, int k, const oti_agg *live, double prior);

/* Forget everything (restoring a snapshot). */
void oti_memory_clear(ot_model *m);
/* Put one entry back as saved: OT_OK, OT_ENOMEM, or OT_EFORMAT for a bad
 * one. */
int oti_memory_restore(ot_model *m, const oti_memory *mem);

#endif
