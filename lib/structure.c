/* The model's structure: actors and the ties between them.
 * SPDX-License-Identifier: MIT */
#include "aggregate.h"
#include "args.h"
#include "error.h"
#include "lookup.h"
#include "orgtree.h"
#include "pairs.h"
#include "record.h"
#include "text.h"

#include <math.h>
#include <string.h>

/* ---- actors ----------------------------------------------------------- */

/* The superior rule of docs/model.md section 1: same organisation or an ancestor
 * of it, strictly higher layer (so reporting lines cannot cycle). */
static int check_superior(const ot_model *m, ot_id org, unsigned layer, ot_id sup, const char *fn)
{
    if (sup == OT_NONE)
        return OT_OK;
    int rc = oti_check_actor(m, sup, fn, "superior");
    if (rc)
        return rc;
    const oti_actor *s = &m->actors[sup];
    if (s->layer <= layer)
        return oti_fail(OT_EINVAL, "%s: superior = %u is on layer %u, not above the actor's layer %u", fn,
                        (unsigned)sup, (unsigned)s->layer, layer);
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
    if ((rc = check_superior(m, org, layer, superior, fn)) || (rc = oti_check_name(name, OTI_NAME_MAX, fn, "name")))
        return rc;
    if (m->nactors >= OTI_MAX_IDS)
        return oti_fail(OT_ELIMIT, "%s: the model holds the maximum of %u actors", fn, OTI_MAX_IDS);
    size_t len = strlen(name) + 1;
    if (oti_arena_reserve(&m->names, len) || OTI_RESERVE(m->actors, m->capactors, m->nactors + 1) ||
        OTI_RESERVE(m->sums.standing, m->cap_sum_standing, m->nactors + 1))
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
    oti_record_end(m);
    if (out)
        *out = id;
    return OT_OK;
}

OT_API int ot_actor_set_superior(ot_model *m, ot_id actor, ot_id superior)
{
    static const char fn[] = "ot_actor_set_superior";
    int rc;
    if ((rc = oti_check_mutable(m, fn)) || (rc = oti_check_actor(m, actor, fn, "actor")))
        return rc;
    oti_actor *a = &m->actors[actor];
    if ((rc = check_superior(m, a->org, a->layer, superior, fn)))
        return rc;
    oti_event ev = {.type = OTI_EV_SET_SUPERIOR, .a = actor, .b = superior};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    a->superior = superior;
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

/* Grow every array and index the new tie will touch; nothing visible
 * changes, so a failure here leaves the model as it was. */
static int reserve_tie(ot_model *m, int diagonal, const oti_tie_plan *p)
{
    if (OTI_RESERVE(m->ties, m->capties, m->nties + 1) ||
        oti_hmap_reserve(&m->tie_index, 1))
        return -1;
    if (diagonal && OTI_RESERVE(m->diag, m->capdiag, m->ndiag + 1))
        return -1;
    return oti_pairs_reserve(m, p);
}

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

/* Apply a planned tie (room reserved): cannot fail. */
static void commit_tie(ot_model *m, ot_id a, ot_id b, oti_tie_plan *p)
{
    const oti_actor *A = &m->actors[a], *B = &m->actors[b];
    uint32_t id = (uint32_t)m->nties;
    oti_tie *e = &m->ties[id];
    memset(e, 0, sizeof *e);
    e->a = a;
    e->b = b;
    e->leaf = OT_NONE;
    e->ap[0] = e->ap[1] = OT_NONE;
    e->layer = (uint8_t)(A->layer > B->layer ? A->layer : B->layer);
    e->flags = (uint8_t)((A->layer >= 1 ? OTI_TIE_BACK0 : 0) | (B->layer >= 1 ? OTI_TIE_BACK1 : 0));
    oti_pairs_commit(m, e, a, b, p);
    e->d[0].T = A->propensity;
    e->d[1].T = B->propensity;
    for (int k = 0; k < 2; k++)
        for (int d = 0; d < 3; d++)
            e->d[k].r[d] = e->d[k].s[d] = 0.0;
    e->d[0].scar = e->d[1].scar = 0.0;
    e->deception[0] = e->deception[1] = 0.0f;
    e->t_last = -INFINITY;
    oti_hmap_put(&m->tie_index, oti_tie_key(e->a, e->b), id);
    append_tie(m, a, id, 0);
    append_tie(m, b, id, 1);
    if (oti_tie_cls(m, e) == OT_DIAGONAL)
        m->diag[m->ndiag++] = id;
    m->nties++;
    for (int k = 0; k < 2; k++)
        oti_contrib(m, e, k, oti_fx_of(OTI_DEFAULT_W * e->d[k].T), oti_fx_of(OTI_DEFAULT_W));
}

OT_API int ot_tie_add(ot_model *m, ot_id a, ot_id b, ot_id *out)
{
    static const char fn[] = "ot_tie_add";
    int rc;
    if ((rc = oti_check_mutable(m, fn)) || (rc = oti_check_actor(m, a, fn, "a")) ||
        (rc = oti_check_actor(m, b, fn, "b")))
        return rc;
    if (a == b)
        return oti_fail(OT_EINVAL, "%s: a and b are the same actor %u; a tie joins two actors", fn, (unsigned)a);
    uint32_t old = oti_tie_lookup(m, a, b);
    if (old != UINT32_MAX)
        return oti_fail(OT_EEXIST, "%s: actors %u and %u already share tie %u", fn, (unsigned)a, (unsigned)b,
                        (unsigned)old);
    if (m->nties >= OTI_MAX_IDS)
        return oti_fail(OT_ELIMIT, "%s: the model holds the maximum of %u ties", fn, OTI_MAX_IDS);
    oti_tie_plan plan;
    oti_pairs_plan(m, a, b, &plan);
    int diagonal = plan.external && m->actors[a].layer != m->actors[b].layer;
    if (reserve_tie(m, diagonal, &plan))
        return oti_nomem(fn);
    oti_event ev = {.type = OTI_EV_TIE_ADD, .a = (uint32_t)m->nties, .b = a, .c = b};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    ot_id id = (ot_id)m->nties;
    commit_tie(m, a, b, &plan);
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
        return oti_fail(OT_EINVAL, "%s: a and b are the same actor %u; a tie joins two actors", fn, (unsigned)a);
    uint32_t id = oti_tie_lookup(m, a, b);
    if (id == UINT32_MAX)
        return oti_fail(OT_ENOTFOUND, "%s: actors %u and %u have no tie", fn, (unsigned)a, (unsigned)b);
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
    if ((rc = check_attr(attr, fn)))
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

