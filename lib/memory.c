/* The institutional memory of ended ties (docs/model.md, section 13): per
 * pair of organisations, decaying sums kept beside the live aggregates.
 * SPDX-License-Identifier: MIT */
#include "memory.h"
#include "alloc.h"
#include "error.h"
#include "orgtree.h"

#include <math.h>

static uint64_t mem_key_of(const void *ctx, uint32_t id)
{
    const oti_memory *e = &((const ot_model *)ctx)->life.mem[id];
    return oti_key2(e->lo, e->hi);
}

/* The memory entry of organisations lo < hi, or UINT32_MAX. */
static uint32_t memory_find(const ot_model *m, ot_id lo, ot_id hi)
{
    return oti_hmap_get(&m->life.mem_index, oti_key2(lo, hi), mem_key_of, m);
}

int oti_memory_reserve(ot_model *m, size_t n)
{
    return OTI_RESERVE(m->life.mem, m->life.capmem, m->life.nmem + n) ||
                   oti_hmap_reserve(&m->life.mem_index, n)
               ? -1
               : 0;
}

static int memory_reserve(ot_model *m) { return oti_memory_reserve(m, 1); }

double oti_memory_half_life(const ot_model *m) { return OTI_P(m, INSTITUTIONAL_HALF_LIFE); }

/* The factor memory fades by from `from` to t: both sums decay together
 * with the institutional half-life (infinite: not at all). */
static double fade(const ot_model *m, double from, double t)
{
    double H = oti_memory_half_life(m);
    return from != -INFINITY && t > from && H != INFINITY ? exp2(-(t - from) / H) : 1.0;
}

/* The entry of lo < hi, made empty if new (room reserved). */
static oti_memory *memory_get(ot_model *m, ot_id lo, ot_id hi)
{
    uint32_t id = memory_find(m, lo, hi);
    if (id != UINT32_MAX)
        return &m->life.mem[id];
    id = (uint32_t)m->life.nmem++;
    m->life.mem[id] = (oti_memory){.lo = lo, .hi = hi, .t = -INFINITY};
    oti_hmap_put(&m->life.mem_index, oti_key2(lo, hi), id);
    return &m->life.mem[id];
}

void oti_memory_clear(ot_model *m)
{
    m->life.nmem = 0;
    oti_hmap_free(&m->life.mem_index);
}

int oti_memory_restore(ot_model *m, const oti_memory *mem)
{
    if (mem->lo >= mem->hi || mem->hi >= m->norgs || oti_orgs_overlap(m, mem->lo, mem->hi) ||
        memory_find(m, mem->lo, mem->hi) != UINT32_MAX || !(mem->t == -INFINITY || isfinite(mem->t)))
        return OT_EFORMAT;
    for (int k = 0; k < 2; k++)
        if (!(mem->w[k] >= 0.0 && isfinite(mem->w[k]) && mem->wT[k] >= 0.0 && mem->wT[k] <= mem->w[k]))
            return OT_EFORMAT;
    if (memory_reserve(m))
        return oti_nomem("snapshot");
    *memory_get(m, mem->lo, mem->hi) = *mem;
    return OT_OK;
}

/* Direction index of truster -> trustee in the top pair of external tie e
 * (0: the pair's lo side trusts its hi side), as the aggregates use it. */
static int top_direction(const ot_model *m, const oti_tie *e, int dir)
{
    const oti_pair *leaf = &m->pairs[e->leaf];
    int truster_lo = ((e->flags & OTI_TIE_ALO) != 0) == (dir == 0);
    return (truster_lo ? 0 : 1) ^ (int)(m->anc[leaf->anc + leaf->nanc - 1] & 1u);
}

void oti_memory_keep(ot_model *m, const oti_tie *e, double w, double t)
{
    if (e->leaf == OT_NONE || !(oti_memory_half_life(m) > 0.0))
        return; /* no memory: ended ties simply leave */
    const oti_pair *top = &m->pairs[m->pairs[e->leaf].top];
    oti_memory *mem = memory_get(m, top->lo, top->hi);
    double f = fade(m, mem->t, t);
    for (int k = 0; k < 2; k++) {
        mem->w[k] *= f;
        mem->wT[k] *= f;
    }
    mem->t = t;
    for (int dir = 0; dir < 2; dir++) {
        int k = top_direction(m, e, dir);
        mem->w[k] += w;
        mem->wT[k] += w * e->d[dir].T;
    }
}

int oti_memory_of(const ot_model *m, uint32_t top, int k, double *w, double *wT)
{
    if (m->life.nmem == 0)
        return 0;
    const oti_pair *p = &m->pairs[top];
    uint32_t id = memory_find(m, p->lo, p->hi);
    if (id == UINT32_MAX)
        return 0;
    const oti_memory *mem = &m->life.mem[id];
    double f = fade(m, mem->t, m->now);
    *w = mem->w[k] * f;
    *wT = mem->wT[k] * f;
    return *w > 0.0;
}

double oti_rep_with_memory(const ot_model *m, uint32_t top, int k, const oti_agg *live, double prior)
{
    double mw, mwT;
    if (!oti_memory_of(m, top, k, &mw, &mwT))
        return oti_agg_mean(live, prior);
    double w = (double)live->w / OTI_FX_ONE + mw, wT = (double)live->sum / OTI_FX_ONE + mwT;
    double v = wT / w;
    return v > 1.0 ? 1.0 : v;
}
