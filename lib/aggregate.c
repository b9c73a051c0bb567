/* Organisation-level aggregates (docs/model.md sections 3 and 4).
 *
 * Every aggregate is a sum over directions of ties of (w * T, w), so one
 * function, oti_contrib_to() (aggregate.h), decides which sums a direction
 * feeds; the live model and the checker both go through it.
 * SPDX-License-Identifier: MIT */
#include "aggregate.h"
#include "alloc.h"
#include "args.h"
#include "error.h"
#include "memory.h"
#include "turnover_check.h"
#include "lookup.h"
#include "orgtree.h"

#include <math.h>
#include <string.h>

void oti_contrib(ot_model *m, const oti_tie *e, int dir, oti_fx ds, oti_fx dw)
{
    oti_contrib_live(m, e, dir, ds, dw, 1);
}

void oti_set_trust(ot_model *m, oti_tie *e, int dir, double T)
{
    if (m->watch.fn != NULL)
        m->watch.fn(m->watch.ctx, m, e, dir);
    if (oti_tie_ended(e))
        e->d[dir].T = T;
    else
        oti_set_trust_inline(m, e, dir, T);
}

/* The climate damping of every layer of a top pair, from its layer sums
 * `lay` into c[0..L): docs/model.md section 3, D = min(1, climate / threshold),
 * climate the lowest layer trust above (1 when no layer above has a tie).
 * The minimum does not depend on the order it is taken in, so this equals
 * taking it layer by layer for each tie. */
static void climate_of(const ot_model *m, const oti_agg *lay, double *c)
{
    size_t L = m->cfg.nlayers;
    double climate = INFINITY;
    c[L - 1] = 1.0;
    for (size_t l = L - 1; l-- > 0;) {
        if (lay[l + 1].w > 0) {
            double v = oti_agg_mean(&lay[l + 1], 0.0);
            if (v < climate)
                climate = v;
        }
        double d = climate / OTI_P(m, CLIMATE_THRESHOLD);
        c[l] = climate == INFINITY || d >= 1.0 ? 1.0 : d;
    }
}

void oti_climate_refresh(ot_model *m, uint32_t top)
{
    climate_of(m, oti_pair_sums(m, &m->sums, top) + OTI_LAYER, oti_climate_block(m, m->pairs[top].climate));
}

/* ---- queries ----------------------------------------------------------- */

/* Check two organisations exist and do not overlap. */
static int check_org_pair(const ot_model *m, ot_id a, ot_id b, const char *fn, const char *an, const char *bn)
{
    int rc;
    if ((rc = oti_check_org(m, a, fn, an)) || (rc = oti_check_org(m, b, fn, bn)))
        return rc;
    if (oti_orgs_overlap(m, a, b))
        return oti_fail(OT_EINVAL,
                        "%s: organisations %s = %u and %s = %u overlap (one contains the other or they are the "
                        "same); organisation-pair views need two separate organisations",
                        fn, an, (unsigned)a, bn, (unsigned)b);
    return OT_OK;
}

/* What actor i contributes to rep(. -> b): its trust in members of b. */
static oti_agg actor_out_to(const ot_model *m, ot_id i, ot_id b)
{
    oti_agg s = {0, 0};
    for (uint32_t id = oti_tie_first(m, i); id != OT_NONE; id = oti_tie_next(m, i, id)) {
        const oti_tie *e = &m->ties[id];
        int dir = e->a == i ? 0 : 1;
        ot_id other = dir ? e->a : e->b;
        if (e->leaf != OT_NONE && !oti_tie_ended(e) && oti_org_within(m, m->actors[other].org, b)) {
            double w = oti_tie_w(m, e);
            oti_agg_add(&s, oti_fx_of(w * e->d[dir].T), oti_fx_of(w));
        }
    }
    return s;
}

double oti_reputation(const ot_model *m, ot_id a, ot_id b, ot_id excluding)
{
    double prior = OTI_P(m, ORG_PRIOR);
    uint32_t p = oti_pair_lookup(m, a, b);
    if (p == UINT32_MAX)
        return prior;
    oti_agg s = oti_pair_sums(m, &m->sums, p)[OTI_REP + (m->pairs[p].lo == a ? 0 : 1)];
    if (excluding != OT_NONE && oti_org_within(m, m->actors[excluding].org, a)) {
        /* For a top pair the actor's own share is kept in its actor-pair
         * record (what effective trust subtracts too): O(1), where adding
         * up its ties would cost O(its ties) (a new tie's trust transfer
         * asks this for each end). The same fixed-point sums either way. */
        oti_agg own = {0, 0};
        if (m->pairs[p].flags & OTI_PAIR_TOP) {
            uint32_t ap = oti_apair_lookup(m, excluding, p); /* none: no tie across */
            if (ap != UINT32_MAX)
                own = m->sums.apair[ap];
        } else {
            own = actor_out_to(m, excluding, b);
        }
        s.sum -= own.sum;
        s.w -= own.w;
    }
    /* The memory of ended ties belongs to the pair where they ran, as a
     * whole: it counts for that pair and is excluded with nobody. */
    if (m->pairs[p].flags & OTI_PAIR_TOP)
        return oti_rep_with_memory(m, p, m->pairs[p].lo == a ? 0 : 1, &s, prior);
    return oti_agg_mean(&s, prior);
}

OT_API int ot_reputation(const ot_model *m, ot_id org_a, ot_id org_b, ot_id excluding, double *out)
{
    static const char fn[] = "ot_reputation";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(out, fn, "out")) ||
        (rc = check_org_pair(m, org_a, org_b, fn, "org_a", "org_b")) ||
        (excluding != OT_NONE && (rc = oti_check_actor(m, excluding, fn, "excluding"))))
        return rc;
    *out = oti_reputation(m, org_a, org_b, excluding);
    return OT_OK;
}

OT_API int ot_backing(const ot_model *m, ot_id org_b, ot_id org_a, double *out)
{
    static const char fn[] = "ot_backing";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(out, fn, "out")) ||
        (rc = check_org_pair(m, org_b, org_a, fn, "org_b", "org_a")))
        return rc;
    uint32_t p = oti_pair_lookup(m, org_b, org_a);
    if (p == UINT32_MAX) {
        *out = OTI_P(m, ORG_PRIOR);
        return OT_OK;
    }
    const oti_agg *ps = oti_pair_sums(m, &m->sums, p);
    *out = oti_agg_mean(&ps[OTI_BACKING + (m->pairs[p].lo == org_b ? 0 : 1)], OTI_P(m, ORG_PRIOR));
    return OT_OK;
}

OT_API int ot_layer_trust(const ot_model *m, ot_id org_a, ot_id org_b, unsigned layer, double *out)
{
    static const char fn[] = "ot_layer_trust";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(out, fn, "out")) ||
        (rc = check_org_pair(m, org_a, org_b, fn, "org_a", "org_b")))
        return rc;
    if (layer >= m->cfg.nlayers)
        return oti_fail(OT_EINVAL, "%s: layer = %u does not exist; the model has layers 0..%u", fn, layer,
                        m->cfg.nlayers - 1);
    uint32_t p = oti_pair_lookup(m, org_a, org_b);
    const oti_agg *a = p == UINT32_MAX ? NULL : &oti_pair_sums(m, &m->sums, p)[OTI_LAYER + layer];
    if (!a || a->w <= 0)
        return oti_fail(OT_ENOTFOUND, "%s: organisations %u and %u have no tie at layer %u", fn, (unsigned)org_a,
                        (unsigned)org_b, layer);
    *out = oti_agg_mean(a, 0.0);
    return OT_OK;
}

OT_API int ot_damping(const ot_model *m, ot_id a, ot_id b, double *out)
{
    static const char fn[] = "ot_damping";
    int rc, dir;
    uint32_t tie;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(out, fn, "out")) ||
        (rc = oti_find_direction(m, a, b, fn, "a", "b", &tie, &dir)))
        return rc;
    *out = oti_damping_of(m, &m->ties[tie]);
    return OT_OK;
}

OT_API int ot_effective_trust(const ot_model *m, ot_id truster, ot_id trustee, double *out, int *limit)
{
    static const char fn[] = "ot_effective_trust";
    int rc, dir;
    /* The common case without a call: the tie found inline (no tie has
     * actors out of range or the same actor twice); anything else goes
     * through the checks that say why. */
    if (!m || !out)
        return m ? oti_check_out(out, fn, "out") : oti_check_model(m, fn);
    uint64_t key = oti_tie_key(truster, trustee);
    uint32_t tie = oti_tie_get(m, key, oti_hash64(key));
    if (tie == UINT32_MAX && (rc = oti_find_direction(m, truster, trustee, fn, "truster", "trustee", &tie, &dir)))
        return rc;
    const oti_tie *e = &m->ties[tie];
    dir = e->a != truster;
    double v = e->d[dir].T;
    int lim = OT_LIMIT_PERSON;
    if (e->leaf != OT_NONE) {
        double prior = OTI_P(m, ORG_PRIOR);
        const oti_pair *leaf = &m->pairs[e->leaf];
        /* The top pair's sums from the leaf's record, not from its ancestor
         * list: the two loads go out together instead of one after the
         * other (the list's last entry only says which way round). */
        const oti_agg *ps = oti_pair_sums(m, &m->sums, leaf->top);
        const oti_agg *own = &m->sums.apair[e->ap[dir]];
        int truster_lo = ((e->flags & OTI_TIE_ALO) != 0) == (dir == 0);
        size_t di = (truster_lo ? 0u : 1u) ^ (m->anc[leaf->anc + leaf->nanc - 1] & 1u);
        /* rep(A \ i -> B): the pair's sum without what i itself contributes. */
        oti_agg rep = ps[OTI_REP + di];
        rep.sum -= own->sum;
        rep.w -= own->w;
        double r = m->life.nmem ? oti_rep_with_memory(m, leaf->top, (int)di, &rep, prior) : oti_agg_mean(&rep, prior);
        double bk = oti_agg_mean(&ps[OTI_BACKING + (di ^ 1)], prior);
        if (r < v) {
            v = r;
            lim = OT_LIMIT_REPUTATION;
        }
        if (bk < v) {
            v = bk;
            lim = OT_LIMIT_BACKING;
        }
    }
    *out = v;
    if (limit)
        *limit = lim;
    return OT_OK;
}

OT_API int ot_bridge_gap(const ot_model *m, ot_id actor, ot_id org_b, double *gap, int *on_bridge)
{
    static const char fn[] = "ot_bridge_gap";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(gap, fn, "gap")) ||
        (rc = oti_check_actor(m, actor, fn, "actor")) || (rc = oti_check_org(m, org_b, fn, "org_b")))
        return rc;
    ot_id x = m->actors[actor].org;
    if (oti_orgs_overlap(m, x, org_b))
        return oti_fail(OT_EINVAL,
                        "%s: actor %u works in organisation %u, which overlaps org_b = %u; a bridge runs to a "
                        "separate organisation",
                        fn, (unsigned)actor, (unsigned)x, (unsigned)org_b);
    ot_id side, other;
    oti_org_sides(m, x, org_b, &side, &other);
    oti_agg own = actor_out_to(m, actor, org_b);
    double g = oti_agg_mean(&own, OTI_P(m, ORG_PRIOR)) - oti_reputation(m, side, org_b, actor);
    *gap = g;
    if (on_bridge)
        *on_bridge = g >= OTI_P(m, BRIDGE_GAP);
    return OT_OK;
}

OT_API int ot_standing(const ot_model *m, ot_id actor, double *out)
{
    static const char fn[] = "ot_standing";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(out, fn, "out")) ||
        (rc = oti_check_actor(m, actor, fn, "actor")))
        return rc;
    *out = oti_agg_mean(&m->sums.standing[actor], OTI_P(m, ORG_PRIOR));
    return OT_OK;
}

/* ---- the checker ---------------------------------------------------------- */

static int cmp_aggs(const oti_agg *a, const oti_agg *b, size_t n, const char *what)
{
    for (size_t i = 0; i < n; i++)
        if (a[i].sum != b[i].sum || a[i].w != b[i].w)
            return oti_fail(OT_ESTATE,
                            "ot_model_check: %s[%zu] differs from its recomputation (%.17g/%.17g kept, %.17g/%.17g "
                            "recomputed)",
                            what, i, (double)a[i].sum, (double)a[i].w, (double)b[i].sum, (double)b[i].w);
    return OT_OK;
}

static int check_scores(const ot_model *m)
{
    for (size_t i = 0; i < m->nties; i++) {
        const oti_tie *e = &m->ties[i];
        if (e->a >= m->nactors || e->b >= m->nactors || e->a == e->b)
            return oti_fail(OT_ESTATE, "ot_model_check: tie %zu has bad ends %u, %u", i, (unsigned)e->a,
                            (unsigned)e->b);
        /* The index names a pair's latest tie; any earlier one has ended. */
        uint32_t latest = oti_tie_lookup(m, e->a, e->b);
        if (latest != i && !(latest > i && latest < m->nties && oti_tie_ended(e)))
            return oti_fail(OT_ESTATE, "ot_model_check: tie %zu is not found by its ends", i);
        for (int k = 0; k < 2; k++) {
            const oti_dir *d = &e->d[k];
            if (!(d->T >= 0.0 && d->T <= 1.0))
                return oti_fail(OT_ESTATE, "ot_model_check: tie %zu direction %d has trust %.17g outside [0,1]", i, k,
                                d->T);
            for (int j = 0; j < 3; j++)
                if (!(d->r[j] >= 0.0 && d->s[j] >= 0.0 && isfinite(d->r[j]) && isfinite(d->s[j])))
                    return oti_fail(OT_ESTATE, "ot_model_check: tie %zu direction %d has a bad evidence counter", i,
                                    k);
        }
    }
    size_t open = 0;
    for (size_t i = 0; i < m->ndisr; i++)
        open += m->disr[i].status == OT_OPEN;
    size_t on_ties = 0;
    for (size_t i = 0; i < m->nties; i++)
        on_ties += m->ties[i].open;
    if (open != on_ties)
        return oti_fail(OT_ESTATE, "ot_model_check: %zu disruptions are open but the ties count %zu", open, on_ties);
    return OT_OK;
}

/* Every pair shares its top pair's climate block, and each block equals a
 * recomputation from the (checked) layer sums, bit for bit. */
static int check_climate(const ot_model *m)
{
    size_t L = m->cfg.nlayers;
    for (size_t p = 0; p < m->npairs; p++) {
        const oti_pair *q = &m->pairs[p];
        const oti_pair *top = &m->pairs[q->top];
        if (!(top->flags & OTI_PAIR_TOP) || top->climate >= m->nclimate || q->climate != top->climate)
            return oti_fail(OT_ESTATE, "ot_model_check: pair %zu does not share its top pair's climate", p);
        double c[OTI_MAX_LAYERS];
        climate_of(m, oti_pair_sums(m, &m->sums, q->top) + OTI_LAYER, c);
        if (memcmp(c, oti_climate_block(m, top->climate), L * sizeof *c) != 0)
            return oti_fail(OT_ESTATE, "ot_model_check: the climate of pair %zu differs from its recomputation",
                            (size_t)q->top);
    }
    return OT_OK;
}

OT_API int ot_model_check(const ot_model *m)
{
    int rc;
    if ((rc = oti_check_model(m, "ot_model_check")) || (rc = check_scores(m)))
        return rc;
    size_t L = m->cfg.nlayers;
    oti_sums s;
    s.pair = oti_malloc((m->npairs * (OTI_LAYER + L) + 1) * sizeof *s.pair);
    s.apair = oti_malloc((m->napairs + 1) * sizeof *s.apair);
    s.standing = oti_malloc((m->nactors + 1) * sizeof *s.standing);
    if (!s.pair || !s.apair || !s.standing) {
        rc = oti_nomem("ot_model_check");
        goto out;
    }
    memset(s.pair, 0, m->npairs * (OTI_LAYER + L) * sizeof *s.pair);
    memset(s.apair, 0, m->napairs * sizeof *s.apair);
    memset(s.standing, 0, m->nactors * sizeof *s.standing);
    for (size_t i = 0; i < m->nties; i++) {
        const oti_tie *e = &m->ties[i];
        if (oti_tie_ended(e))
            continue;
        double w = oti_tie_w(m, e);
        for (int k = 0; k < 2; k++)
            oti_contrib_to(m, &s, e, k, oti_fx_of(w * e->d[k].T), oti_fx_of(w), 1);
    }
    if ((rc = cmp_aggs(m->sums.pair, s.pair, m->npairs * (OTI_LAYER + L), "pair aggregate")) ||
        (rc = cmp_aggs(m->sums.apair, s.apair, m->napairs, "actor contribution")) ||
        (rc = cmp_aggs(m->sums.standing, s.standing, m->nactors, "standing")))
        goto out;
    if ((rc = check_climate(m)) || (rc = oti_life_check(m)))
        goto out;
    /* The per-actor contributions must also equal a scan of the actor's ties. */
    for (size_t i = 0; i < m->napairs; i++) {
        const oti_apair *ap = &m->apairs[i];
        const oti_pair *p = &m->pairs[ap->pair];
        /* An actor that moved out of both sides of the pair (docs/model.md
         * section 13) keeps its record, with nothing in it. */
        ot_id org = m->actors[ap->actor].org;
        oti_agg scan = {0, 0};
        if (oti_org_within(m, org, p->lo))
            scan = actor_out_to(m, ap->actor, p->hi);
        else if (oti_org_within(m, org, p->hi))
            scan = actor_out_to(m, ap->actor, p->lo);
        if ((rc = cmp_aggs(&m->sums.apair[i], &scan, 1, "actor contribution by scan")))
            goto out;
    }
out:
    oti_free(s.pair);
    oti_free(s.apair);
    oti_free(s.standing);
    return rc;
}
