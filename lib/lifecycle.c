/* People come and go (docs/model.md, section 13): a tie ends, an actor
 * leaves or moves, and the model's time moves on with no other effect.
 *
 * An ended tie stays in the arrays (its id, its state and its place in its
 * actors' lists), flagged OTI_TIE_ENDED, and is taken out of every
 * aggregate exactly: each direction contributes (w * T, w) in fixed point,
 * and that very amount is subtracted. A moved actor's active ties are taken
 * out, re-placed for the new position (oti_tie_place(), the same code a new
 * tie goes through) and put back. The cost is the actor's ties times the
 * depth of the organisation tree; nothing scans the model.
 * SPDX-License-Identifier: MIT */
#include "aggregate.h"
#include "alloc.h"
#include "error.h"
#include "ladder.h"
#include "trust.h"

#include <math.h>
#include <string.h>

/* ---- checks ----------------------------------------------------------- */

int oti_check_present(const ot_model *m, ot_id actor, const char *fn, const char *arg)
{
    if (!oti_actor_left(m, actor))
        return OT_OK;
    return oti_fail(OT_ESTATE, "%s: %s = %u (\"%.100s\") has left; a departed actor takes no new part", fn, arg,
                    (unsigned)actor, m->actors[actor].name);
}

int oti_check_active(const ot_model *m, ot_id tie, const char *fn, const char *arg)
{
    const oti_tie *e = &m->ties[tie];
    if (!oti_tie_ended(e))
        return OT_OK;
    return oti_fail(OT_ESTATE, "%s: %s = %u (between actors %u and %u) has ended; its state can be read, not changed",
                    fn, arg, (unsigned)tie, (unsigned)e->a, (unsigned)e->b);
}

/* ---- reporting lines ---------------------------------------------------- */

void oti_line_join(ot_model *m, ot_id a)
{
    oti_line *L = m->life.line;
    ot_id sup = m->actors[a].superior;
    L[a].prev = OT_NONE;
    L[a].next = OT_NONE;
    if (sup == OT_NONE)
        return;
    L[a].next = L[sup].first;
    if (L[sup].first != OT_NONE)
        L[L[sup].first].prev = a;
    L[sup].first = a;
}

void oti_line_leave(ot_model *m, ot_id a)
{
    oti_line *L = m->life.line;
    ot_id sup = m->actors[a].superior;
    if (sup == OT_NONE)
        return;
    if (L[a].prev != OT_NONE)
        L[L[a].prev].next = L[a].next;
    else
        L[sup].first = L[a].next;
    if (L[a].next != OT_NONE)
        L[L[a].next].prev = L[a].prev;
    L[a].prev = L[a].next = OT_NONE;
}

void oti_line_new(ot_model *m, ot_id a)
{
    m->life.line[a] = (oti_line){.first = OT_NONE, .next = OT_NONE, .prev = OT_NONE, .flags = 0};
    oti_line_join(m, a);
}

/* a's direct reports take `sup` as theirs: the line closes up. */
static void reports_to(ot_model *m, ot_id a, ot_id sup)
{
    while (m->life.line[a].first != OT_NONE) {
        ot_id r = m->life.line[a].first;
        oti_line_leave(m, r);
        m->actors[r].superior = sup;
        oti_line_join(m, r);
    }
}

/* ---- actor-pair records -------------------------------------------------- */

void oti_apair_partner(ot_model *m, uint32_t ap, unsigned layer, int delta)
{
    unsigned L = m->cfg.nlayers;
    uint32_t *cnt = &m->life.apcnt[(size_t)ap * L];
    cnt[layer] = (uint32_t)((int64_t)cnt[layer] + delta);
    uint32_t min = UINT32_MAX;
    for (unsigned l = 0; l < L && min == UINT32_MAX; l++)
        if (cnt[l])
            min = l;
    m->apairs[ap].min_layer = min;
}

/* Add (sign 1) or take out (-1) both directions of e from every aggregate. */
static void tie_contrib(ot_model *m, oti_tie *e, int sign)
{
    double w = oti_tie_w(m, e);
    for (int k = 0; k < 2; k++) {
        oti_fx ds = oti_fx_of(w * e->d[k].T), dw = oti_fx_of(w);
        oti_contrib(m, e, k, sign > 0 ? ds : -ds, sign > 0 ? dw : -dw);
    }
}

/* Take an active tie out of everything it is counted in: the aggregates
 * and its actor-pair records' partner counts (oti_tie_place() puts the
 * counts back). */
static void tie_unplace(ot_model *m, oti_tie *e)
{
    tie_contrib(m, e, -1);
    if (e->leaf != OT_NONE)
        for (int k = 0; k < 2; k++)
            oti_apair_partner(m, e->ap[k], m->actors[k ? e->a : e->b].layer, -1);
}

/* ---- the tie index --------------------------------------------------- */

void oti_tie_index_replace(ot_model *m, uint32_t old, uint32_t id)
{
    oti_hmap *h = &m->tie_index;
    uint32_t tag = (uint32_t)(oti_hash64(oti_tie_key(m->ties[old].a, m->ties[old].b)) >> 32);
    size_t i = oti_hmap_home(h, tag);
    while (h->slots[i].id != old)
        i = oti_hmap_next(h, i);
    h->slots[i].id = id;
}

/* ---- where a new tie starts ------------------------------------------ */

void oti_tie_start(const ot_model *m, ot_id a, ot_id b, int external, double T0[2])
{
    T0[0] = m->actors[a].propensity;
    T0[1] = m->actors[b].propensity;
    (void)external;
}

void oti_tie_started(ot_model *m, oti_tie *e, uint32_t old, const double T0[2])
{
    if (old == UINT32_MAX) {
        for (int k = 0; k < 2; k++)
            if (T0[k] != e->d[k].T)
                oti_set_trust(m, e, k, T0[k]);
        return;
    }
    /* People remember each other: the restarted tie's directions are the
     * ended tie's, clock included (so the next event decays them from where
     * they were, as if they had been decayed to now). */
    const oti_tie *o = &m->ties[old];
    e->t_last = o->t_last;
    (void)T0;
    for (int k = 0; k < 2; k++) {
        const oti_dir *src = &o->d[o->a == (k ? e->b : e->a) ? 0 : 1];
        double contributed = e->d[k].T;
        e->d[k] = *src;
        e->d[k].T = contributed;
        oti_set_trust(m, e, k, src->T);
    }
}

/* ---- ending a tie ------------------------------------------------------ */

/* End an active tie at t (room for everything reserved): it leaves every
 * aggregate and the lists of live relationships; its open disruptions are
 * withdrawn. Cannot fail. */
static void end_tie(ot_model *m, uint32_t tie, double t)
{
    oti_tie *e = &m->ties[tie];
    tie_unplace(m, e);
    e->flags |= OTI_TIE_ENDED;
    m->life.nended++;
    while (e->open > 0)
        oti_ladder_withdraw_one(m, tie, t);
}

static int check_event(const ot_model *m, double t, const char *fn)
{
    int rc;
    if ((rc = oti_check_mutable(m, fn)))
        return rc;
    return oti_check_time(m, t, fn);
}

OT_API int ot_tie_end(ot_model *m, ot_id tie, double t)
{
    static const char fn[] = "ot_tie_end";
    int rc;
    if ((rc = oti_check_mutable(m, fn)) || (rc = oti_check_tie(m, tie, fn)) ||
        (rc = oti_check_active(m, tie, fn, "tie")) || (rc = oti_check_time(m, t, fn)))
        return rc;
    oti_event ev = {.type = OTI_EV_TIE_END, .a = tie, .t = t};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    end_tie(m, tie, t);
    oti_advance(m, t);
    oti_record_end(m);
    return OT_OK;
}

OT_API int ot_tie_active(const ot_model *m, ot_id tie, int *active)
{
    static const char fn[] = "ot_tie_active";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(active, fn, "active")) ||
        (rc = oti_check_tie(m, tie, fn)))
        return rc;
    *active = !oti_tie_ended(&m->ties[tie]);
    return OT_OK;
}

/* ---- actors leave and move ---------------------------------------------- */

OT_API int ot_actor_leave(ot_model *m, ot_id actor, double t)
{
    static const char fn[] = "ot_actor_leave";
    int rc;
    if ((rc = oti_check_mutable(m, fn)) || (rc = oti_check_actor(m, actor, fn, "actor")) ||
        (rc = oti_check_present(m, actor, fn, "actor")) || (rc = oti_check_time(m, t, fn)))
        return rc;
    oti_event ev = {.type = OTI_EV_LEAVE, .a = actor, .t = t};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    for (uint32_t id = oti_tie_first(m, actor); id != OT_NONE; id = oti_tie_next(m, actor, id))
        if (!oti_tie_ended(&m->ties[id]))
            end_tie(m, id, t);
    reports_to(m, actor, m->actors[actor].superior);
    oti_line_leave(m, actor); /* keeps its superior, as history */
    m->life.line[actor].flags |= OTI_ACTOR_LEFT;
    m->life.nleft++;
    oti_advance(m, t);
    oti_record_end(m);
    return OT_OK;
}

OT_API int ot_actor_active(const ot_model *m, ot_id actor, int *active)
{
    static const char fn[] = "ot_actor_active";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(active, fn, "active")) ||
        (rc = oti_check_actor(m, actor, fn, "actor")))
        return rc;
    *active = !oti_actor_left(m, actor);
    return OT_OK;
}

/* Insert tie id into the increasing list of diagonal ties (room reserved). */
static void diag_insert(ot_model *m, uint32_t id)
{
    size_t lo = 0, hi = m->ndiag;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->diag[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    memmove(&m->diag[lo + 1], &m->diag[lo], (m->ndiag - lo) * sizeof *m->diag);
    m->diag[lo] = id;
    m->ndiag++;
    m->ties[id].flags |= OTI_TIE_INDIAG;
}

OT_API int ot_actor_move(ot_model *m, ot_id actor, ot_id org, unsigned layer, ot_id superior, double t)
{
    static const char fn[] = "ot_actor_move";
    int rc;
    if ((rc = oti_check_mutable(m, fn)) || (rc = oti_check_actor(m, actor, fn, "actor")) ||
        (rc = oti_check_present(m, actor, fn, "actor")) || (rc = oti_check_org(m, org, fn, "org")))
        return rc;
    if (layer >= m->cfg.nlayers)
        return oti_fail(OT_EINVAL, "%s: layer = %u does not exist; the model has layers 0..%u", fn, layer,
                        m->cfg.nlayers - 1);
    if (superior == actor)
        return oti_fail(OT_EINVAL, "%s: superior = %u is the actor itself", fn, (unsigned)superior);
    if ((rc = oti_check_superior(m, org, layer, superior, fn)) || (rc = oti_check_time(m, t, fn)))
        return rc;
    /* What re-placing the actor's ties needs, planned from the new position
     * (set for the planning only, then put back). */
    oti_actor *X = &m->actors[actor];
    ot_id org0 = X->org;
    uint32_t layer0 = X->layer;
    X->org = org;
    X->layer = layer;
    oti_tie_need need = {0};
    oti_tie_plan plan;
    for (uint32_t id = oti_tie_first(m, actor); id != OT_NONE; id = oti_tie_next(m, actor, id)) {
        const oti_tie *e = &m->ties[id];
        if (oti_tie_ended(e))
            continue;
        oti_tie_plan_of(m, e->a, e->b, &plan);
        oti_tie_need_add(m, e->a, e->b, &plan, &need);
    }
    X->org = org0;
    X->layer = layer0;
    if (oti_tie_reserve(m, &need))
        return oti_nomem(fn);
    oti_event ev = {.type = OTI_EV_MOVE, .a = actor, .b = org, .c = superior, .kind = (uint8_t)layer, .t = t};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    for (uint32_t id = oti_tie_first(m, actor); id != OT_NONE; id = oti_tie_next(m, actor, id))
        if (!oti_tie_ended(&m->ties[id]))
            tie_unplace(m, &m->ties[id]);
    reports_to(m, actor, X->superior);
    oti_line_leave(m, actor);
    X->org = org;
    X->layer = layer;
    X->superior = superior;
    oti_line_join(m, actor);
    m->life.nmoved++;
    for (uint32_t id = oti_tie_first(m, actor); id != OT_NONE; id = oti_tie_next(m, actor, id)) {
        oti_tie *e = &m->ties[id];
        if (oti_tie_ended(e))
            continue;
        oti_tie_plan_of(m, e->a, e->b, &plan);
        oti_tie_place(m, e, &plan);
        tie_contrib(m, e, 1);
        if (oti_tie_cls(m, e) == OT_DIAGONAL && !(e->flags & OTI_TIE_INDIAG))
            diag_insert(m, id);
    }
    oti_advance(m, t);
    oti_record_end(m);
    return OT_OK;
}

/* ---- time ----------------------------------------------------------------- */

OT_API int ot_advance(ot_model *m, double t)
{
    static const char fn[] = "ot_advance";
    int rc;
    if ((rc = check_event(m, t, fn)))
        return rc;
    oti_event ev = {.type = OTI_EV_ADVANCE, .t = t};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    oti_advance(m, t);
    oti_record_end(m);
    return OT_OK;
}

void oti_life_free(oti_life *l)
{
    oti_free(l->line);
    oti_free(l->apcnt);
    oti_free(l->rung);
    oti_free(l->heap);
    oti_free(l->mem);
    oti_hmap_free(&l->mem_index);
    memset(l, 0, sizeof *l);
}

/* ---- the checker's part ------------------------------------------------ */

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
        oti_tie_plan_of(m, e->a, e->b, &p);
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

/* ---- institutional memory ----------------------------------------------- */

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

/* Room for one more entry. 0 or -1. */
static int memory_reserve(ot_model *m)
{
    return OTI_RESERVE(m->life.mem, m->life.capmem, m->life.nmem + 1) ||
                   oti_hmap_reserve(&m->life.mem_index, 1)
               ? -1
               : 0;
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
