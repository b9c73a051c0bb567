/* The model's structure: actors and the ties between them.
 * SPDX-License-Identifier: MIT */
#include "aggregate.h"
#include "args.h"
#include "error.h"
#include "lookup.h"
#include "orgtree.h"
#include "pairs.h"
#include "record.h"
#include "structure.h"
#include "text.h"

#include <math.h>
#include <string.h>

/* ---- actors ----------------------------------------------------------- */

/* The superior rule of docs/model.md section 1: same organisation or an ancestor
 * of it, strictly higher layer (so reporting lines cannot cycle). */
int oti_check_superior(const ot_model *m, ot_id org, unsigned layer, ot_id sup, const char *fn)
{
    if (sup == OT_NONE)
        return OT_OK;
    int rc = oti_check_actor(m, sup, fn, "superior");
    if (rc || (rc = oti_check_present(m, sup, fn, "superior")))
        return rc;
    const oti_actor *s = &m->actors[sup];
    if (s->layer <= layer)
        return oti_fail(OT_EINVAL, "%s: superior = %u (\"%.100s\") is on layer %u (%s), not above the actor's layer %u (%s)",
                        fn, (unsigned)sup, s->name, (unsigned)s->layer, m->cfg.layer[s->layer], layer,
                        layer < m->cfg.nlayers ? m->cfg.layer[layer] : "?");
    if (!oti_org_within(m, org, s->org))
        return oti_fail(OT_EINVAL,
                        "%s: superior = %u works in organisation %u, which is neither the actor's organisation %u "
                        "nor one it belongs to",
                        fn, (unsigned)sup, (unsigned)s->org, (unsigned)org);
    return OT_OK;
}

OT_API int ot_actor_add(ot_model *m, ot_id org, unsigned layer, ot_id superior, const char *name, ot_id *out)
{
    static const char fn[] = "ot_actor_add";
    int rc;
    if ((rc = oti_check_mutable(m, fn)) || (rc = oti_check_org(m, org, fn, "org")))
        return rc;
    if (layer >= m->cfg.nlayers)
        return oti_fail(OT_EINVAL, "%s: layer = %u does not exist; the model has layers 0..%u", fn, layer,
                        m->cfg.nlayers - 1);
    if ((rc = oti_check_superior(m, org, layer, superior, fn)) || (rc = oti_check_name(name, OTI_NAME_MAX, fn, "name")))
        return rc;
    if (m->nactors >= OTI_MAX_IDS)
        return oti_fail(OT_ELIMIT, "%s: the model holds the maximum of %u actors", fn, OTI_MAX_IDS);
    size_t len = strlen(name) + 1;
    if (oti_arena_reserve(&m->names, len) || OTI_RESERVE(m->actors, m->capactors, m->nactors + 1) ||
        OTI_RESERVE(m->sums.standing, m->cap_sum_standing, m->nactors + 1) ||
        OTI_RESERVE(m->life.line, m->life.capline, m->nactors + 1))
        return oti_nomem(fn);
    ot_id id = (ot_id)m->nactors;
    oti_event ev = {.type = OTI_EV_ACTOR_ADD, .a = id, .b = org, .c = superior, .kind = (uint8_t)layer};
    if ((rc = oti_record_begin(m, &ev, name, fn)))
        return rc;
    m->actors[id] = (oti_actor){.name = oti_arena_put(&m->names, name, len),
                                .org = org,
                                .superior = superior,
                                .layer = layer,
                                .last = OT_NONE,
                                .propensity = OTI_P(m, PROPENSITY)};
    memset(&m->sums.standing[id], 0, sizeof *m->sums.standing);
    m->nactors++;
    oti_line_new(m, id);
    oti_record_end(m);
    if (out)
        *out = id;
    return OT_OK;
}

OT_API int ot_actor_set_superior(ot_model *m, ot_id actor, ot_id superior)
{
    static const char fn[] = "ot_actor_set_superior";
    int rc;
    if ((rc = oti_check_mutable(m, fn)) || (rc = oti_check_actor(m, actor, fn, "actor")) ||
        (rc = oti_check_present(m, actor, fn, "actor")))
        return rc;
    oti_actor *a = &m->actors[actor];
    if ((rc = oti_check_superior(m, a->org, a->layer, superior, fn)))
        return rc;
    oti_event ev = {.type = OTI_EV_SET_SUPERIOR, .a = actor, .b = superior};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    oti_line_leave(m, actor);
    a->superior = superior;
    oti_line_join(m, actor);
    oti_record_end(m);
    return OT_OK;
}

OT_API int ot_actor_set_propensity(ot_model *m, ot_id actor, double p)
{
    static const char fn[] = "ot_actor_set_propensity";
    int rc;
    if ((rc = oti_check_mutable(m, fn)) || (rc = oti_check_actor(m, actor, fn, "actor")) ||
        (rc = oti_check_unit(p, fn, "p")))
        return rc;
    oti_event ev = {.type = OTI_EV_SET_PROPENSITY, .a = actor, .x = p};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    m->actors[actor].propensity = p;
    oti_record_end(m);
    return OT_OK;
}

OT_API const char *ot_actor_name(const ot_model *m, ot_id actor)
{
    return m && actor < m->nactors ? m->actors[actor].name : NULL;
}

/* The common head of the actor getters: the actor, or NULL with the status. */
static const oti_actor *actor_of(const ot_model *m, ot_id actor, const void *out, const char *fn, const char *arg,
                                 int *rc)
{
    if ((*rc = oti_check_model(m, fn)) || (*rc = oti_check_out(out, fn, arg)) ||
        (*rc = oti_check_actor(m, actor, fn, "actor")))
        return NULL;
    return &m->actors[actor];
}

OT_API int ot_actor_org(const ot_model *m, ot_id actor, ot_id *org)
{
    int rc;
    const oti_actor *a = actor_of(m, actor, org, "ot_actor_org", "org", &rc);
    if (a)
        *org = a->org;
    return rc;
}

OT_API int ot_actor_layer(const ot_model *m, ot_id actor, unsigned *layer)
{
    int rc;
    const oti_actor *a = actor_of(m, actor, layer, "ot_actor_layer", "layer", &rc);
    if (a)
        *layer = a->layer;
    return rc;
}

OT_API int ot_actor_superior(const ot_model *m, ot_id actor, ot_id *sup)
{
    int rc;
    const oti_actor *a = actor_of(m, actor, sup, "ot_actor_superior", "sup", &rc);
    if (a)
        *sup = a->superior;
    return rc;
}

OT_API int ot_actor_propensity(const ot_model *m, ot_id actor, double *p)
{
    int rc;
    const oti_actor *a = actor_of(m, actor, p, "ot_actor_propensity", "p", &rc);
    if (a)
        *p = a->propensity;
    return rc;
}

/* ---- ties ----------------------------------------------------------------- */

/* Close actor x's circular list of ties (x is end k of tie id) over id. */
static void append_tie(ot_model *m, ot_id x, uint32_t id, int k)
{
    oti_actor *X = &m->actors[x];
    if (X->last == OT_NONE) {
        m->ties[id].next[k] = id;
    } else {
        oti_tie *L = &m->ties[X->last];
        int kl = L->a == x ? 0 : 1;
        m->ties[id].next[k] = L->next[kl];
        L->next[kl] = id;
    }
    X->last = id;
}

/* Apply a planned tie (room reserved): cannot fail. `old`: the ended tie of
 * the same two actors it restarts, or UINT32_MAX. */
static void commit_tie(ot_model *m, ot_id a, ot_id b, oti_tie_plan *p, uint32_t old)
{
    const oti_actor *A = &m->actors[a], *B = &m->actors[b];
    uint32_t id = (uint32_t)m->nties;
    oti_tie *e = &m->ties[id];
    memset(e, 0, sizeof *e);
    e->a = a;
    e->b = b;
    oti_tie_place(m, e, p);
    e->d[0].T = A->propensity;
    e->d[1].T = B->propensity;
    for (int k = 0; k < 2; k++)
        for (int d = 0; d < 3; d++)
            e->d[k].r[d] = e->d[k].s[d] = 0.0;
    e->d[0].scar = e->d[1].scar = 0.0;
    e->deception[0] = e->deception[1] = 0.0f;
    e->t_last = -INFINITY;
    if (old == UINT32_MAX)
        oti_hmap_put(&m->tie_index, oti_tie_key(e->a, e->b), id);
    else
        oti_tie_index_replace(m, old, id);
    append_tie(m, a, id, 0);
    append_tie(m, b, id, 1);
    if (oti_tie_cls(m, e) == OT_DIAGONAL) {
        m->diag[m->ndiag++] = id;
        e->flags |= OTI_TIE_INDIAG;
    }
    m->nties++;
    for (int k = 0; k < 2; k++)
        oti_contrib(m, e, k, oti_fx_of(OTI_DEFAULT_W * e->d[k].T), oti_fx_of(OTI_DEFAULT_W));
}

OT_API int ot_tie_add(ot_model *m, ot_id a, ot_id b, ot_id *out)
{
    static const char fn[] = "ot_tie_add";
    int rc;
    if ((rc = oti_check_mutable(m, fn)) || (rc = oti_check_actor(m, a, fn, "a")) ||
        (rc = oti_check_actor(m, b, fn, "b")) || (rc = oti_check_present(m, a, fn, "a")) ||
        (rc = oti_check_present(m, b, fn, "b")))
        return rc;
    if (a == b)
        return oti_fail(OT_EINVAL, "%s: a and b are the same actor %u (\"%.100s\"); a tie joins two actors", fn,
                        (unsigned)a, m->actors[a].name);
    uint32_t old = oti_tie_lookup(m, a, b);
    if (old != UINT32_MAX && !oti_tie_ended(&m->ties[old]))
        return oti_fail(OT_EEXIST, "%s: actors %u (\"%.100s\") and %u (\"%.100s\") already share tie %u", fn,
                        (unsigned)a, m->actors[a].name, (unsigned)b, m->actors[b].name, (unsigned)old);
    if (m->nties >= OTI_MAX_IDS)
        return oti_fail(OT_ELIMIT, "%s: the model holds the maximum of %u ties", fn, OTI_MAX_IDS);
    oti_tie_plan plan;
    oti_pairs_plan(m, a, b, &plan);
    oti_tie_need need = {.ties = 1};
    oti_pairs_need_add(m, a, b, &plan, &need);
    if (oti_pairs_reserve(m, &need))
        return oti_nomem(fn);
    /* Where the new tie's trust starts (docs/model.md, section 13), worked
     * out before the tie exists. */
    double T0[2];
    oti_tie_start(m, a, b, plan.external, T0);
    oti_event ev = {.type = OTI_EV_TIE_ADD, .a = (uint32_t)m->nties, .b = a, .c = b};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    ot_id id = (ot_id)m->nties;
    commit_tie(m, a, b, &plan, old);
    oti_tie_started(m, &m->ties[id], old, T0);
    oti_record_end(m);
    if (out)
        *out = id;
    return OT_OK;
}

OT_API int ot_tie_find(const ot_model *m, ot_id a, ot_id b, ot_id *out)
{
    static const char fn[] = "ot_tie_find";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(out, fn, "out")) ||
        (rc = oti_check_actor(m, a, fn, "a")) || (rc = oti_check_actor(m, b, fn, "b")))
        return rc;
    if (a == b)
        return oti_fail(OT_EINVAL, "%s: a and b are the same actor %u (\"%.100s\"); a tie joins two actors", fn,
                        (unsigned)a, m->actors[a].name);
    uint32_t id = oti_tie_lookup(m, a, b);
    if (id == UINT32_MAX)
        return oti_fail(OT_ENOTFOUND, "%s: actors %u (\"%.100s\") and %u (\"%.100s\") have no tie", fn, (unsigned)a,
                        m->actors[a].name, (unsigned)b, m->actors[b].name);
    *out = id;
    return OT_OK;
}

static int check_attr(int attr, const char *fn)
{
    if (attr < 1 || attr > OTI_TIE_ATTR_LAST)
        return oti_fail(OT_EINVAL, "%s: attr = %d is not an ot_tie_attr (1..%d)", fn, attr, OTI_TIE_ATTR_LAST);
    return OT_OK;
}

OT_API int ot_tie_set(ot_model *m, ot_id tie, int attr, double v)
{
    static const char fn[] = "ot_tie_set";
    int rc;
    if ((rc = oti_check_mutable(m, fn)) || (rc = oti_check_tie(m, tie, fn)))
        return rc;
    if ((rc = check_attr(attr, fn)) || (rc = oti_check_active(m, tie, fn, "tie")))
        return rc;
    const oti_tie_attr_desc *desc = &oti_tie_attrs[attr];
    if (!(v >= desc->lo && v <= desc->hi))
        return oti_fail(OT_EINVAL, "%s: %s = %.17g is out of range; it must be in %s", fn, desc->name, v,
                        desc->range);
    oti_tie *e = &m->ties[tie];
    /* A tie gets an attribute record the first time a value other than the
     * default (bit for bit) is set. */
    uint64_t vb, db;
    memcpy(&vb, &v, sizeof vb);
    memcpy(&db, &desc->def, sizeof db);
    int need_record = !(e->flags & OTI_TIE_ATTR) && vb != db;
    if (need_record && (OTI_RESERVE(m->attrs, m->capattrs, m->nattrs + 1) ||
                        oti_hmap_reserve(&m->attr_index, 1)))
        return oti_nomem(fn);
    oti_event ev = {.type = OTI_EV_TIE_SET, .a = tie, .kind = (uint8_t)attr, .x = v};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    if (need_record) {
        oti_attr *fresh = &m->attrs[m->nattrs];
        *fresh = (oti_attr){.tie = tie};
        for (int k = 1; k <= OTI_TIE_ATTR_LAST; k++)
            *oti_attr_value(fresh, k) = oti_tie_attrs[k].def;
        oti_hmap_put(&m->attr_index, tie, (uint32_t)m->nattrs++);
        e->flags |= OTI_TIE_ATTR;
    }
    if (e->flags & OTI_TIE_ATTR) {
        oti_attr *at = &m->attrs[oti_attr_id(m, e)];
        /* The intensity weighs the tie in every aggregate. */
        if (attr == OT_TIE_INTENSITY)
            for (int k = 0; k < 2; k++)
                oti_contrib(m, e, k, oti_fx_of(v * e->d[k].T) - oti_fx_of(at->w * e->d[k].T),
                            oti_fx_of(v) - oti_fx_of(at->w));
        *oti_attr_value(at, attr) = v;
    }
    oti_record_end(m);
    return OT_OK;
}

OT_API int ot_tie_get(const ot_model *m, ot_id tie, int attr, double *v)
{
    static const char fn[] = "ot_tie_get";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(v, fn, "v")) || (rc = oti_check_tie(m, tie, fn)))
        return rc;
    if ((rc = check_attr(attr, fn)))
        return rc;
    *v = oti_tie_attr(m, &m->ties[tie], attr);
    return OT_OK;
}

OT_API int ot_tie_ends(const ot_model *m, ot_id tie, ot_id *a, ot_id *b)
{
    static const char fn[] = "ot_tie_ends";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(a, fn, "a")) || (rc = oti_check_out(b, fn, "b")) ||
        (rc = oti_check_tie(m, tie, fn)))
        return rc;
    *a = m->ties[tie].a;
    *b = m->ties[tie].b;
    return OT_OK;
}

OT_API int ot_tie_class(const ot_model *m, ot_id tie, int *cls)
{
    static const char fn[] = "ot_tie_class";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(cls, fn, "cls")) || (rc = oti_check_tie(m, tie, fn)))
        return rc;
    *cls = oti_tie_cls(m, &m->ties[tie]);
    return OT_OK;
}

/* ---- reporting lines (direct reports, for the lifecycle) --------------- */

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

/* ---- where a new tie starts (docs/model.md, section 13) ----------------- */

void oti_tie_start(const ot_model *m, ot_id a, ot_id b, int external, double T0[2])
{
    /* Each direction starts at its truster's propensity (docs/model.md,
     * section 2); an external one blends in what the truster's side thinks
     * of the other side, without the truster: T0 = (1 - tau) p + tau rep(A
     * \ i -> B) over the tie's top pair, memory included (section 13). */
    const oti_actor *A = &m->actors[a], *B = &m->actors[b];
    T0[0] = A->propensity;
    T0[1] = B->propensity;
    double tau = OTI_P(m, TRUST_TRANSFER);
    /* Model 1 (tau 0): exactly the propensities. A snapshot's restore sets
     * the state itself right after. */
    if (!external || tau == 0.0 || m->restoring)
        return;
    ot_id sa, sb;
    oti_org_sides(m, A->org, B->org, &sa, &sb);
    T0[0] = (1.0 - tau) * A->propensity + tau * oti_reputation(m, sa, sb, a);
    T0[1] = (1.0 - tau) * B->propensity + tau * oti_reputation(m, sb, sa, b);
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
