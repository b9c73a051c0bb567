/* Organisation-level aggregates: reputation, backing, layer trust, climate,
 * standing, and the queries built on them.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_AGGREGATE_H
#define OTI_AGGREGATE_H

#include "lookup.h"
#include "model.h"

static inline void oti_agg_add(oti_agg *a, oti_fx ds, oti_fx dw)
{
    a->sum += ds;
    a->w += dw;
}

/* Add (ds, dw) for direction `dir` of tie e to every aggregate in s that
 * the direction belongs to: the one rule for the live model and the
 * checker. with_w = 0 (a constant at each call) leaves the weight sums
 * alone, sparing half the stores when only a trust changed. Inline, so the
 * observation path runs it without a call. */
static inline void oti_contrib_to(const ot_model *m, oti_sums *s, const oti_tie *e, int dir, oti_fx ds, oti_fx dw,
                                  int with_w)
{
    if (!with_w)
        dw = 0;
    if (e->leaf == OT_NONE) {
        oti_agg_add(&s->standing[dir ? e->a : e->b], ds, dw);
        return;
    }
    const oti_pair *leaf = &m->pairs[e->leaf];
    int truster_lo = ((e->flags & OTI_TIE_ALO) != 0) == (dir == 0);
    uint32_t ldi = truster_lo ? 0u : 1u;
    int back = (e->flags & (dir ? OTI_TIE_BACK1 : OTI_TIE_BACK0)) != 0;
    const uint32_t *anc = &m->anc[leaf->anc];
    for (uint32_t k = 0; k < leaf->nanc; k++) {
        oti_agg *ps = oti_pair_sums(m, s, anc[k] >> 1);
        uint32_t di = ldi ^ (anc[k] & 1u);
        oti_agg_add(&ps[OTI_REP + di], ds, dw);
        if (back)
            oti_agg_add(&ps[OTI_BACKING + di], ds, dw);
        oti_agg_add(&ps[OTI_LAYER + e->layer], ds, dw);
    }
    oti_agg_add(&s->apair[e->ap[dir]], ds, dw);
}

/* rep(a \ excluding -> b) for checked, non-overlapping a and b
 * (docs/model.md, section 4; with the memory of section 13 for a top
 * pair); excluding may be OT_NONE. Cost: O(ties of excluding). */
double oti_reputation(const ot_model *m, ot_id a, ot_id b, ot_id excluding);

/* Recompute the climate cache of a top pair (m->climate) from its layer
 * sums: a pure function of the sums, so the cache is exact. */
void oti_climate_refresh(ot_model *m, uint32_t top);

/* oti_contrib_to on the model's own sums, with the climate cache in step:
 * only sums of layers >= 1 make a climate, and only the top pair's. */
static inline void oti_contrib_live(ot_model *m, const oti_tie *e, int dir, oti_fx ds, oti_fx dw, int with_w)
{
    oti_contrib_to(m, &m->sums, e, dir, ds, dw, with_w);
    if (e->layer >= 1 && e->leaf != OT_NONE)
        oti_climate_refresh(m, m->pairs[e->leaf].top);
}

/* oti_contrib_live with the weight: a direction joins, leaves or changes
 * its weight. */
void oti_contrib(ot_model *m, const oti_tie *e, int dir, oti_fx dsum, oti_fx dw);

/* Set the trust of one direction of an active tie, keeping the aggregates
 * in step: inline, for the observation path alone, which refuses ended
 * ties before it gets here and which the model's watch does not see (the
 * history's replay takes the one direction an observation moves itself,
 * lib/history.c); oti_set_trust() for everything else. `w` is the tie's
 * intensity, for a caller that has it at hand. */
static inline void oti_set_trust_w(ot_model *m, oti_tie *e, int dir, double T, double w)
{
    oti_fx ds = oti_fx_term(w * T) - oti_fx_term(w * e->d[dir].T); /* both in [0, 1e6] */
    e->d[dir].T = T;
    if (ds != 0)
        oti_contrib_live(m, e, dir, ds, 0, 0);
}
static inline void oti_set_trust_inline(ot_model *m, oti_tie *e, int dir, double T)
{
    oti_set_trust_w(m, e, dir, T, oti_tie_w(m, e));
}
/* The same for any tie, and seen by the model's watch: an ended tie is in
 * no sum (section 13), yet ot_reveal() still moves its trust, and only its
 * trust. */
void oti_set_trust(ot_model *m, oti_tie *e, int dir, double T);

/* The gain damping D of docs/model.md section 3 for a tie, now: the cached
 * climate damping of its layer, halved (by default) while disrupted. */
static inline double oti_damping_of(const ot_model *m, const oti_tie *e)
{
    double D = e->leaf == OT_NONE
                   ? 1.0
                   : oti_climate_block(m, m->pairs[e->leaf].climate)[e->layer];
    return e->open ? D * OTI_P(m, DISRUPTED_GAIN) : D;
}

#endif
