/* The pair records behind the aggregates (see lib/pairs.h).
 * SPDX-License-Identifier: MIT */
#include "pairs.h"
#include "alloc.h"
#include "lookup.h"
#include "orgtree.h"

#include <string.h>

void oti_pairs_plan(const ot_model *m, ot_id a, ot_id b, oti_tie_plan *p)
{
    ot_id x = m->actors[a].org, y = m->actors[b].org;
    memset(p, 0, sizeof *p);
    if (oti_orgs_overlap(m, x, y))
        return;
    p->external = 1;
    ot_id sx, sy;
    oti_org_sides(m, x, y, &sx, &sy);
    p->nx = oti_org_chain(m, x, sx, p->cx);
    p->ny = oti_org_chain(m, y, sy, p->cy);
    p->leaf_lo = x < y ? x : y;
    p->leaf_hi = x < y ? y : x;
    for (unsigned i = 0; i < p->nx; i++)
        for (unsigned j = 0; j < p->ny; j++) {
            p->pair[i][j] = oti_pair_lookup(m, p->cx[i], p->cy[j]);
            p->new_pairs += p->pair[i][j] == UINT32_MAX;
        }
    uint32_t leaf = p->pair[0][0];
    p->new_leaf = leaf == UINT32_MAX || m->pairs[leaf].nanc == 0;
    uint32_t top = p->pair[p->nx - 1][p->ny - 1];
    for (int k = 0; k < 2; k++) {
        p->ap[k] = top == UINT32_MAX ? UINT32_MAX : oti_apair_lookup(m, k ? b : a, top);
        p->new_aps += p->ap[k] == UINT32_MAX;
    }
}

void oti_pairs_need_add(const ot_model *m, ot_id a, ot_id b, const oti_tie_plan *p, oti_tie_need *n)
{
    if (p->external && m->actors[a].layer != m->actors[b].layer)
        n->diag++;
    if (!p->external)
        return;
    n->pairs += p->new_pairs;
    n->aps += p->new_aps;
    n->anc += p->new_leaf ? (size_t)p->nx * p->ny : 0;
    n->tops += p->pair[p->nx - 1][p->ny - 1] == UINT32_MAX;
}

int oti_pairs_reserve(ot_model *m, const oti_tie_need *n)
{
    size_t L = m->cfg.nlayers;
    if (OTI_RESERVE(m->ties, m->capties, m->nties + n->ties) || oti_hmap_reserve(&m->tie_index, n->ties))
        return -1;
    if (n->diag && OTI_RESERVE(m->diag, m->capdiag, m->ndiag + n->diag))
        return -1;
    size_t np = m->npairs + n->pairs, na = m->napairs + n->aps;
    if (OTI_RESERVE(m->pairs, m->cappairs, np) || OTI_RESERVE(m->sums.pair, m->cap_sum_pair, np * (OTI_LAYER + L)) ||
        oti_hmap_reserve(&m->pair_index, n->pairs) || OTI_RESERVE(m->anc, m->capanc, m->nanc + n->anc) ||
        OTI_RESERVE(m->apairs, m->capapairs, na) || OTI_RESERVE(m->sums.apair, m->cap_sum_apair, na) ||
        OTI_RESERVE(m->life.apcnt, m->life.capapcnt, na * L) || oti_hmap_reserve(&m->apair_index, n->aps))
        return -1;
    while (m->nclimate + n->tops > m->nchunks * OTI_CLIMATE_CHUNK) {
        /* A new chunk of climate blocks: room, not state, like the rest. */
        if (OTI_RESERVE(m->climate, m->capchunks, m->nchunks + 1))
            return -1;
        double *chunk = oti_malloc(OTI_CLIMATE_CHUNK * L * sizeof *chunk);
        if (!chunk)
            return -1;
        m->climate[m->nchunks++] = chunk;
    }
    return 0;
}

static uint32_t make_pair(ot_model *m, ot_id x, ot_id y, int top)
{
    uint32_t id = (uint32_t)m->npairs++;
    oti_pair *p = &m->pairs[id];
    memset(p, 0, sizeof *p);
    p->lo = x < y ? x : y;
    p->hi = x < y ? y : x;
    p->flags = top ? (uint16_t)OTI_PAIR_TOP : 0;
    p->climate = OT_NONE;
    memset(oti_pair_sums(m, &m->sums, id), 0, (OTI_LAYER + m->cfg.nlayers) * sizeof *m->sums.pair);
    if (top) {
        /* No tie yet, so no layer has a climate. */
        p->climate = (uint32_t)m->nclimate++;
        double *c = oti_climate_block(m, p->climate);
        for (size_t l = 0; l < m->cfg.nlayers; l++)
            c[l] = 1.0;
    }
    oti_hmap_put(&m->pair_index, oti_key2(p->lo, p->hi), id);
    return id;
}

static uint32_t make_apair(ot_model *m, ot_id actor, uint32_t pair)
{
    uint32_t id = (uint32_t)m->napairs++;
    oti_apair *ap = &m->apairs[id];
    memset(ap, 0, sizeof *ap);
    ap->actor = actor;
    ap->pair = pair;
    ap->min_layer = UINT32_MAX;
    memset(&m->sums.apair[id], 0, sizeof *m->sums.apair);
    memset(&m->life.apcnt[(size_t)id * m->cfg.nlayers], 0, m->cfg.nlayers * sizeof *m->life.apcnt);
    oti_hmap_put(&m->apair_index, oti_key2(actor, pair), id);
    return id;
}

void oti_pairs_commit(ot_model *m, oti_tie *e, ot_id a, ot_id b, oti_tie_plan *p)
{
    const oti_actor *A = &m->actors[a], *B = &m->actors[b];
    if (!p->external)
        return;
    for (unsigned i = 0; i < p->nx; i++)
        for (unsigned j = 0; j < p->ny; j++)
            if (p->pair[i][j] == UINT32_MAX)
                p->pair[i][j] = make_pair(m, p->cx[i], p->cy[j], i == p->nx - 1 && j == p->ny - 1);
    uint32_t top = p->pair[p->nx - 1][p->ny - 1];
    uint32_t leaf = p->pair[0][0];
    oti_pair *lp = &m->pairs[leaf];
    if (lp->nanc == 0) {
        /* ot_id of org(a) is cx[0]; the leaf's lo side is cx when org(a) < org(b). */
        int a_lo = p->cx[0] == lp->lo;
        lp->anc = (uint32_t)m->nanc;
        lp->nanc = (uint16_t)(p->nx * p->ny);
        for (unsigned i = 0; i < p->nx; i++)
            for (unsigned j = 0; j < p->ny; j++) {
                uint32_t q = p->pair[i][j];
                /* flip: the record's lo is on the leaf's hi side */
                int q_lo_is_x = m->pairs[q].lo == p->cx[i];
                uint32_t flip = (uint32_t)(q_lo_is_x != a_lo);
                m->anc[m->nanc++] = q << 1 | flip;
            }
    }
    lp->top = top;
    for (unsigned i = 0; i < p->nx; i++)
        for (unsigned j = 0; j < p->ny; j++) {
            m->pairs[p->pair[i][j]].top = top;
            m->pairs[p->pair[i][j]].climate = m->pairs[top].climate;
        }
    e->leaf = leaf;
    if (p->cx[0] == lp->lo)
        e->flags |= OTI_TIE_ALO;
    for (int k = 0; k < 2; k++) {
        ot_id truster = k ? b : a;
        if (p->ap[k] == UINT32_MAX)
            p->ap[k] = make_apair(m, truster, top);
        oti_apair_partner(m, p->ap[k], k ? A->layer : B->layer, 1);
        e->ap[k] = p->ap[k];
    }
}

void oti_tie_place(ot_model *m, oti_tie *e, oti_tie_plan *p)
{
    const oti_actor *A = &m->actors[e->a], *B = &m->actors[e->b];
    e->leaf = OT_NONE;
    e->ap[0] = e->ap[1] = OT_NONE;
    e->layer = (uint8_t)(A->layer > B->layer ? A->layer : B->layer);
    e->flags = (uint8_t)((e->flags & ~OTI_TIE_PLACED) | (A->layer >= 1 ? OTI_TIE_BACK0 : 0) |
                         (B->layer >= 1 ? OTI_TIE_BACK1 : 0));
    oti_pairs_commit(m, e, e->a, e->b, p);
}

void oti_apair_partner(ot_model *m, uint32_t ap, unsigned layer, int delta)
{
    unsigned L = m->cfg.nlayers;
    size_t base = (size_t)ap * L;
    m->life.apcnt[base + layer] = (uint32_t)((int64_t)m->life.apcnt[base + layer] + delta);
    uint32_t min = UINT32_MAX;
    for (unsigned l = 0; l < L && min == UINT32_MAX; l++)
        if (m->life.apcnt[base + l])
            min = l;
    m->apairs[ap].min_layer = min;
}
