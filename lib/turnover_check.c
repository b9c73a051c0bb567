/* The checker's part for people who come and go and for the ladder: every
 * tie's class, the partner counts behind the DIAGONAL entanglement, the
 * list of diagonal ties, the reporting lines and the due index, recomputed
 * from scratch and compared (ot_model_check, lib/aggregate.c).
 * SPDX-License-Identifier: MIT */
#include "turnover_check.h"
#include "alloc.h"
#include "error.h"
#include "lookup.h"
#include "orgtree.h"
#include "pairs.h"

#include <string.h>

static int bad(const char *what, size_t i)
{
    return oti_fail(OT_ESTATE, "ot_model_check: %s (at %zu) differs from its recomputation", what, i);
}

/* Every active tie's class, as a tie placed now would get it. */
static int check_places(const ot_model *m)
{
    oti_tie_plan p;
    for (size_t i = 0; i < m->nties; i++) {
        const oti_tie *e = &m->ties[i];
        if (oti_tie_ended(e))
            continue;
        const oti_actor *A = &m->actors[e->a], *B = &m->actors[e->b];
        if (oti_actor_left(m, e->a) || oti_actor_left(m, e->b))
            return bad("an active tie of a departed actor", i);
        oti_pairs_plan(m, e->a, e->b, &p);
        unsigned layer = A->layer > B->layer ? A->layer : B->layer;
        unsigned back = (A->layer >= 1 ? OTI_TIE_BACK0 : 0) | (B->layer >= 1 ? OTI_TIE_BACK1 : 0);
        if (e->layer != layer || (e->flags & (OTI_TIE_BACK0 | OTI_TIE_BACK1)) != back)
            return bad("a tie's layer", i);
        if (!p.external) {
            if (e->leaf != OT_NONE)
                return bad("an internal tie's pair", i);
            continue;
        }
        if (p.new_pairs || p.new_aps || p.new_leaf || e->leaf != p.pair[0][0] || e->ap[0] != p.ap[0] ||
            e->ap[1] != p.ap[1] || ((e->flags & OTI_TIE_ALO) != 0) != (p.cx[0] == m->pairs[e->leaf].lo))
            return bad("a tie's organisation pair", i);
    }
    return OT_OK;
}

/* The partner counts of every actor-pair record, and the diagonal list. */
static int check_partners(const ot_model *m)
{
    unsigned L = m->cfg.nlayers;
    size_t n = m->napairs * L;
    uint32_t *cnt = oti_malloc(n * sizeof *cnt + 1);
    if (!cnt)
        return oti_nomem("ot_model_check");
    memset(cnt, 0, n * sizeof *cnt);
    size_t flagged = 0;
    int rc = OT_OK;
    for (size_t i = 0; i < m->nties; i++) {
        const oti_tie *e = &m->ties[i];
        flagged += (e->flags & OTI_TIE_INDIAG) != 0;
        if (oti_tie_ended(e))
            continue;
        if (oti_tie_cls(m, e) == OT_DIAGONAL && !(e->flags & OTI_TIE_INDIAG))
            rc = rc ? rc : bad("the list of diagonal ties (a tie missing)", i);
        if (e->leaf != OT_NONE)
            for (int k = 0; k < 2; k++)
                cnt[(size_t)e->ap[k] * L + m->actors[k ? e->a : e->b].layer]++;
    }
    for (size_t i = 0; !rc && i < m->napairs; i++) {
        uint32_t min = UINT32_MAX;
        for (unsigned l = 0; l < L; l++) {
            if (cnt[i * L + l] != m->life.apcnt[i * L + l])
                rc = bad("an actor's partner count", i);
            if (min == UINT32_MAX && cnt[i * L + l])
                min = l;
        }
        if (!rc && min != m->apairs[i].min_layer)
            rc = bad("an actor's lowest partner layer", i);
    }
    oti_free(cnt);
    if (rc)
        return rc;
    if (flagged != m->ndiag)
        return bad("the list of diagonal ties (its length)", m->ndiag);
    for (size_t q = 0; q < m->ndiag; q++)
        if (m->diag[q] >= m->nties || !(m->ties[m->diag[q]].flags & OTI_TIE_INDIAG) ||
            (q > 0 && m->diag[q] <= m->diag[q - 1]))
            return bad("the list of diagonal ties (its order)", q);
    return OT_OK;
}

/* Reporting lines: every present actor with a superior is in that
 * superior's list, and nobody else is in any list. */
static int check_lines(const ot_model *m)
{
    size_t members = 0, want = 0;
    for (size_t a = 0; a < m->nactors; a++) {
        const oti_actor *A = &m->actors[a];
        if (oti_actor_left(m, (ot_id)a) || A->superior == OT_NONE)
            continue;
        want++;
        const oti_actor *S = &m->actors[A->superior];
        if (oti_actor_left(m, A->superior) || S->layer <= A->layer || !oti_org_within(m, A->org, S->org))
            return bad("a superior (the superior rule)", a);
    }
    for (size_t s = 0; s < m->nactors; s++) {
        ot_id prev = OT_NONE;
        for (ot_id r = m->life.line[s].first; r != OT_NONE; r = m->life.line[r].next) {
            if (r >= m->nactors || m->actors[r].superior != s || oti_actor_left(m, r) ||
                m->life.line[r].prev != prev || ++members > want)
                return bad("a list of direct reports", s);
            prev = r;
        }
    }
    return members == want ? OT_OK : bad("the lists of direct reports (their length)", members);
}

/* The due heap holds exactly the open disruptions, in heap order. */
static int check_ladder(const ot_model *m)
{
    size_t open = 0;
    for (size_t i = 0; i < m->ndisr; i++) {
        const oti_rung *r = &m->life.rung[i];
        int is_open = m->disr[i].status == OT_OPEN;
        open += is_open;
        if (r->layer >= m->cfg.nlayers || r->due != r->since + m->cfg.timebox[r->layer])
            return bad("a disruption's due time", i);
        if (is_open != (r->heap != OT_NONE) ||
            (is_open && (r->heap >= m->life.nheap || m->life.heap[r->heap] != i)))
            return bad("the index of open disruptions", i);
        if (is_open && oti_tie_ended(&m->ties[m->disr[i].tie]))
            return bad("an open disruption on an ended tie", i);
    }
    if (open != m->life.nheap)
        return bad("the number of open disruptions", open);
    for (size_t k = 1; k < m->life.nheap; k++) {
        const oti_rung *c = &m->life.rung[m->life.heap[k]], *p = &m->life.rung[m->life.heap[(k - 1) / 2]];
        if (c->due < p->due || (c->due == p->due && m->life.heap[k] < m->life.heap[(k - 1) / 2]))
            return bad("the order of the due index", k);
    }
    return OT_OK;
}

int oti_life_check(const ot_model *m)
{
    int rc;
    if ((rc = check_places(m)) || (rc = check_partners(m)) || (rc = check_lines(m)) || (rc = check_ladder(m)))
        return rc;
    return OT_OK;
}

