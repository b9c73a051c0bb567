/* The model and its structure: organisations, actors, ties.
 * SPDX-License-Identifier: MIT */
#include "model.h"
#include "aggregate.h"
#include "alloc.h"
#include "error.h"
#include "text.h"

#include <math.h>
#include <string.h>


/* ---- argument checks -------------------------------------------------- */

int oti_check_model(const ot_model *m, const char *fn)
{
    return m ? OT_OK : oti_fail(OT_EINVAL, "%s: m is NULL", fn);
}

int oti_check_mutable(const ot_model *m, const char *fn)
{
    if (oti_is_mutable(m))
        return OT_OK;
    if (!m)
        return oti_fail(OT_EINVAL, "%s: m is NULL", fn);
    return oti_fail(OT_ESTATE, "%s: the model is a read-only store view; mutating calls are refused", fn);
}

int oti_check_org(const ot_model *m, ot_id org, const char *fn, const char *arg)
{
    if (org >= m->norgs)
        return oti_fail(OT_ENOTFOUND, "%s: %s = %u is not an organisation (the model has %zu)", fn, arg,
                        (unsigned)org, m->norgs);
    return OT_OK;
}

int oti_check_actor(const ot_model *m, ot_id actor, const char *fn, const char *arg)
{
    if (actor >= m->nactors)
        return oti_fail(OT_ENOTFOUND, "%s: %s = %u is not an actor (the model has %zu)", fn, arg, (unsigned)actor,
                        m->nactors);
    return OT_OK;
}

int oti_check_time(const ot_model *m, double t, const char *fn)
{
    if (!isfinite(t))
        return oti_fail(OT_EINVAL, "%s: t = %g is not a finite number of days", fn, t);
    if (t < m->now)
        return oti_fail(OT_ETIME, "%s: t = %.17g is earlier than the model's time %.17g", fn, t, m->now);
    return OT_OK;
}

int oti_check_unit(double v, const char *fn, const char *arg)
{
    if (!(v >= 0.0 && v <= 1.0))
        return oti_fail(OT_EINVAL, "%s: %s = %.17g is out of range; it must be in [0, 1]", fn, arg, v);
    return OT_OK;
}

int oti_check_out(const void *p, const char *fn, const char *arg)
{
    return p ? OT_OK : oti_fail(OT_EINVAL, "%s: %s is NULL", fn, arg);
}

/* ---- organisations ---------------------------------------------------- */

int oti_org_within(const ot_model *m, ot_id x, ot_id a)
{
    uint32_t da = m->orgs[a].depth;
    while (m->orgs[x].depth > da)
        x = m->orgs[x].parent;
    return x == a;
}

int oti_orgs_overlap(const ot_model *m, ot_id x, ot_id y)
{
    return m->orgs[x].depth >= m->orgs[y].depth ? oti_org_within(m, x, y) : oti_org_within(m, y, x);
}

void oti_org_sides(const ot_model *m, ot_id x, ot_id y, ot_id *sx, ot_id *sy)
{
    while (m->orgs[x].depth > m->orgs[y].depth)
        x = m->orgs[x].parent;
    while (m->orgs[y].depth > m->orgs[x].depth)
        y = m->orgs[y].parent;
    while (m->orgs[x].parent != m->orgs[y].parent) {
        x = m->orgs[x].parent;
        y = m->orgs[y].parent;
    }
    *sx = x;
    *sy = y;
}

/* The chain x, parent(x), ... up to and including `stop`. */
static unsigned org_chain(const ot_model *m, ot_id x, ot_id stop, ot_id chain[OTI_MAX_DEPTH])
{
    unsigned n = 0;
    for (;;) {
        chain[n++] = x;
        if (x == stop)
            return n;
        x = m->orgs[x].parent;
    }
}

/* ---- lookups ------------------------------------------------------------ */

static uint64_t tie_key(const oti_tie *e) { return oti_tie_key(e->a, e->b); }

static uint64_t pair_key_of(const void *ctx, uint32_t id)
{
    const oti_pair *p = &((const ot_model *)ctx)->pairs[id];
    return oti_key2(p->lo, p->hi);
}

static uint64_t apair_key_of(const void *ctx, uint32_t id)
{
    const oti_apair *p = &((const ot_model *)ctx)->apairs[id];
    return oti_key2(p->actor, p->pair);
}

static uint64_t attr_key_of(const void *ctx, uint32_t id)
{
    return ((const ot_model *)ctx)->attrs[id].tie;
}

static uint32_t attr_id(const ot_model *m, const oti_tie *e)
{
    return oti_hmap_get(&m->attr_index, (uint64_t)(e - m->ties), attr_key_of, m);
}

const oti_attr *oti_attr_of(const ot_model *m, const oti_tie *e) { return &m->attrs[attr_id(m, e)]; }

int oti_tie_cls(const ot_model *m, const oti_tie *e)
{
    int same = m->actors[e->a].layer == m->actors[e->b].layer;
    if (e->leaf != OT_NONE)
        return same ? OT_HORIZONTAL : OT_DIAGONAL;
    return same ? OT_INTERNAL : OT_VERTICAL;
}

uint32_t oti_tie_lookup(const ot_model *m, ot_id a, ot_id b)
{
    uint64_t key = oti_tie_key(a, b);
    return oti_tie_get(m, key, oti_hash64(key));
}

uint32_t oti_pair_lookup(const ot_model *m, ot_id x, ot_id y)
{
    uint64_t key = x < y ? oti_key2(x, y) : oti_key2(y, x);
    return oti_hmap_get(&m->pair_index, key, pair_key_of, m);
}

uint32_t oti_apair_lookup(const ot_model *m, ot_id actor, uint32_t pair)
{
    return oti_hmap_get(&m->apair_index, oti_key2(actor, pair), apair_key_of, m);
}

int oti_find_direction(const ot_model *m, ot_id truster, ot_id trustee, const char *fn, const char *xn,
                       const char *yn, uint32_t *tie, int *dir)
{
    int rc;
    if ((rc = oti_check_actor(m, truster, fn, xn)) || (rc = oti_check_actor(m, trustee, fn, yn)))
        return rc;
    if (truster == trustee)
        return oti_fail(OT_EINVAL, "%s: %s and %s are the same actor %u", fn, xn, yn, (unsigned)truster);
    uint32_t id = oti_tie_lookup(m, truster, trustee);
    if (id == UINT32_MAX)
        return oti_fail(OT_ENOTFOUND, "%s: actors %u and %u have no tie", fn, (unsigned)truster, (unsigned)trustee);
    *tie = id;
    *dir = m->ties[id].a == truster ? 0 : 1;
    return OT_OK;
}

/* ---- the model ---------------------------------------------------------- */

OT_API int ot_model_new(const ot_config *c, ot_model **out)
{
    if (!out)
        return oti_fail(OT_EINVAL, "ot_model_new: out is NULL");
    ot_model *m = oti_malloc(sizeof *m);
    if (!m)
        return oti_nomem("ot_model_new");
    memset(m, 0, sizeof *m);
    int rc = c ? oti_config_copy(&m->cfg, c) : oti_config_init(&m->cfg);
    if (rc) {
        oti_free(m);
        return oti_nomem("ot_model_new");
    }
    if ((rc = oti_config_validate(&m->cfg, "ot_model_new"))) {
        oti_config_release(&m->cfg);
        oti_free(m);
        return rc;
    }
    m->now = -INFINITY;
    m->keep_events = OTI_P(m, KEEP_EVENTS) != 0.0;
    oti_pin();
    *out = m;
    return OT_OK;
}

OT_API void ot_model_free(ot_model *m)
{
    if (!m)
        return;
    if (m->journal.close)
        m->journal.close(m->journal.ctx);
    oti_arena_free(&m->names);
    oti_free(m->orgs);
    oti_free(m->actors);
    oti_free(m->ties);
    oti_hmap_free(&m->tie_index);
    oti_free(m->attrs);
    oti_hmap_free(&m->attr_index);
    oti_free(m->pairs);
    oti_free(m->sums.pair);
    oti_free(m->sums.apair);
    oti_free(m->sums.standing);
    for (size_t i = 0; i < m->nchunks; i++)
        oti_free(m->climate[i]);
    oti_free(m->climate);
    oti_free(m->anc);
    oti_hmap_free(&m->pair_index);
    oti_free(m->apairs);
    oti_hmap_free(&m->apair_index);
    oti_free(m->diag);
    oti_free(m->disr);
    oti_free(m->log);
    oti_free(m->stage);
    oti_free(m->scratch);
    oti_life_free(&m->life);
    oti_config_release(&m->cfg);
    oti_free(m);
    oti_unpin();
}

OT_API int ot_model_param(const ot_model *m, int param, double *v)
{
    int rc;
    if ((rc = oti_check_model(m, "ot_model_param")) || (rc = oti_check_out(v, "ot_model_param", "v")))
        return rc;
    if (param < 1 || param > OTI_NPARAM)
        return oti_fail(OT_EINVAL, "ot_model_param: param = %d is not an ot_param (1..%d)", param, OTI_NPARAM);
    *v = m->cfg.p[param];
    return OT_OK;
}

OT_API int ot_model_layers(const ot_model *m, unsigned *n)
{
    int rc;
    if ((rc = oti_check_model(m, "ot_model_layers")) || (rc = oti_check_out(n, "ot_model_layers", "n")))
        return rc;
    *n = m->cfg.nlayers;
    return OT_OK;
}

OT_API const char *ot_layer_name(const ot_model *m, unsigned layer)
{
    return m && layer < m->cfg.nlayers ? m->cfg.layer[layer] : NULL;
}

OT_API int ot_model_count(const ot_model *m, int what, size_t *n)
{
    int rc;
    if ((rc = oti_check_model(m, "ot_model_count")) || (rc = oti_check_out(n, "ot_model_count", "n")))
        return rc;
    switch (what) {
    case OT_ORGS: *n = m->norgs; break;
    case OT_ACTORS: *n = m->nactors; break;
    case OT_TIES: *n = m->nties; break;
    case OT_DISRUPTIONS: *n = m->ndisr; break;
    case OT_EVENTS: *n = m->nlog; break;
    default:
        return oti_fail(OT_EINVAL, "ot_model_count: what = %d is not an ot_count_what (1..5)", what);
    }
    return OT_OK;
}

OT_API int ot_model_time(const ot_model *m, double *t)
{
    int rc;
    if ((rc = oti_check_model(m, "ot_model_time")) || (rc = oti_check_out(t, "ot_model_time", "t")))
        return rc;
    *t = m->now;
    return OT_OK;
}

/* ---- organisations and actors --------------------------------------- */

OT_API int ot_org_add(ot_model *m, const char *name, ot_id parent, ot_id *out)
{
    static const char fn[] = "ot_org_add";
    int rc;
    if ((rc = oti_check_mutable(m, fn)) || (rc = oti_check_name(name, OTI_NAME_MAX, fn, "name")))
        return rc;
    uint32_t depth = 0;
    if (parent != OT_NONE) {
        if ((rc = oti_check_org(m, parent, fn, "parent")))
            return rc;
        depth = m->orgs[parent].depth + 1;
        if (depth >= OTI_MAX_DEPTH)
            return oti_fail(OT_ELIMIT, "%s: parent = %u is %u levels deep; organisations nest at most %d deep", fn,
                            (unsigned)parent, (unsigned)depth, OTI_MAX_DEPTH);
    }
    if (m->norgs >= OTI_MAX_IDS)
        return oti_fail(OT_ELIMIT, "%s: the model holds the maximum of %u organisations", fn, OTI_MAX_IDS);
    size_t len = strlen(name) + 1;
    if (oti_arena_reserve(&m->names, len) || OTI_RESERVE(m->orgs, m->caporgs, m->norgs + 1))
        return oti_nomem(fn);
    ot_id id = (ot_id)m->norgs;
    oti_event ev = {.type = OTI_EV_ORG_ADD, .a = id, .b = parent};
    if ((rc = oti_record_begin(m, &ev, name, fn)))
        return rc;
    m->orgs[id] = (oti_org){.name = oti_arena_put(&m->names, name, len), .parent = parent, .depth = depth};
    m->norgs++;
    oti_record_end(m);
    if (out)
        *out = id;
    return OT_OK;
}

OT_API const char *ot_org_name(const ot_model *m, ot_id org)
{
    return m && org < m->norgs ? m->orgs[org].name : NULL;
}

OT_API int ot_org_parent(const ot_model *m, ot_id org, ot_id *parent)
{
    int rc;
    if ((rc = oti_check_model(m, "ot_org_parent")) || (rc = oti_check_out(parent, "ot_org_parent", "parent")) ||
        (rc = oti_check_org(m, org, "ot_org_parent", "org")))
        return rc;
    *parent = m->orgs[org].parent;
    return OT_OK;
}

/* The superior rule of MODEL.md section 1: same organisation or an ancestor
 * of it, strictly higher layer (so reporting lines cannot cycle). */
int oti_check_superior(const ot_model *m, ot_id org, unsigned layer, ot_id sup, const char *fn)
{
    if (sup == OT_NONE)
        return OT_OK;
    int rc = oti_check_actor(m, sup, fn, "superior");
    if (rc)
        return rc;
    if ((rc = oti_check_present(m, sup, fn, "superior")))
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

void oti_tie_plan_of(const ot_model *m, ot_id a, ot_id b, oti_tie_plan *p)
{
    ot_id x = m->actors[a].org, y = m->actors[b].org;
    memset(p, 0, sizeof *p);
    if (oti_orgs_overlap(m, x, y))
        return;
    p->external = 1;
    ot_id sx, sy;
    oti_org_sides(m, x, y, &sx, &sy);
    p->nx = org_chain(m, x, sx, p->cx);
    p->ny = org_chain(m, y, sy, p->cy);
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

void oti_tie_need_add(const ot_model *m, ot_id a, ot_id b, const oti_tie_plan *p, oti_tie_need *n)
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

int oti_tie_reserve(ot_model *m, const oti_tie_need *n)
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

void oti_tie_place(ot_model *m, oti_tie *e, oti_tie_plan *p)
{
    const oti_actor *A = &m->actors[e->a], *B = &m->actors[e->b];
    e->leaf = OT_NONE;
    e->ap[0] = e->ap[1] = OT_NONE;
    e->layer = (uint8_t)(A->layer > B->layer ? A->layer : B->layer);
    e->flags = (uint8_t)((e->flags & ~OTI_TIE_PLACED) | (A->layer >= 1 ? OTI_TIE_BACK0 : 0) |
                         (B->layer >= 1 ? OTI_TIE_BACK1 : 0));
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
        ot_id truster = k ? e->b : e->a;
        if (p->ap[k] == UINT32_MAX)
            p->ap[k] = make_apair(m, truster, top);
        e->ap[k] = p->ap[k];
        oti_apair_partner(m, p->ap[k], k ? A->layer : B->layer, 1);
    }
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
    e->t_last = -INFINITY;
    if (old == UINT32_MAX)
        oti_hmap_put(&m->tie_index, tie_key(e), id);
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
        return oti_fail(OT_EINVAL, "%s: a and b are the same actor %u; a tie joins two actors", fn, (unsigned)a);
    uint32_t old = oti_tie_lookup(m, a, b);
    if (old != UINT32_MAX && !(m->ties[old].flags & OTI_TIE_ENDED))
        return oti_fail(OT_EEXIST, "%s: actors %u and %u already share tie %u", fn, (unsigned)a, (unsigned)b,
                        (unsigned)old);
    if (m->nties >= OTI_MAX_IDS)
        return oti_fail(OT_ELIMIT, "%s: the model holds the maximum of %u ties", fn, OTI_MAX_IDS);
    oti_tie_plan plan;
    oti_tie_plan_of(m, a, b, &plan);
    oti_tie_need need = {.ties = 1};
    oti_tie_need_add(m, a, b, &plan, &need);
    if (oti_tie_reserve(m, &need))
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
        return oti_fail(OT_EINVAL, "%s: a and b are the same actor %u; a tie joins two actors", fn, (unsigned)a);
    uint32_t id = oti_tie_lookup(m, a, b);
    if (id == UINT32_MAX)
        return oti_fail(OT_ENOTFOUND, "%s: actors %u and %u have no tie", fn, (unsigned)a, (unsigned)b);
    *out = id;
    return OT_OK;
}

int oti_check_tie(const ot_model *m, ot_id tie, const char *fn)
{
    if (tie >= m->nties)
        return oti_fail(OT_ENOTFOUND, "%s: tie = %u is not a tie (the model has %zu)", fn, (unsigned)tie,
                        m->nties);
    return OT_OK;
}

static const char *attr_name(int attr)
{
    switch (attr) {
    case OT_TIE_INTENSITY: return "intensity";
    case OT_TIE_AFFECT: return "affect";
    case OT_TIE_UNCERTAINTY: return "uncertainty";
    default: return NULL;
    }
}

OT_API int ot_tie_set(ot_model *m, ot_id tie, int attr, double v)
{
    static const char fn[] = "ot_tie_set";
    int rc;
    if ((rc = oti_check_mutable(m, fn)) || (rc = oti_check_tie(m, tie, fn)))
        return rc;
    const char *name = attr_name(attr);
    if (!name)
        return oti_fail(OT_EINVAL, "%s: attr = %d is not an ot_tie_attr (1..3)", fn, attr);
    if ((rc = oti_check_active(m, tie, fn, "tie")))
        return rc;
    if (attr == OT_TIE_INTENSITY) {
        /* Bounded so that every aggregate is exact in 64.64 fixed point. */
        if (!(v >= 1e-6 && v <= 1e6))
            return oti_fail(OT_EINVAL, "%s: intensity = %.17g is out of range; it must be in [1e-6, 1e6]", fn, v);
    } else if ((rc = oti_check_unit(v, fn, name))) {
        return rc;
    }
    oti_tie *e = &m->ties[tie];
    /* A tie gets an attribute record the first time a value other than the
     * default (bit for bit) is set. */
    static const double dflt[] = {[OT_TIE_INTENSITY] = OTI_DEFAULT_W, [OT_TIE_AFFECT] = OTI_DEFAULT_AFFECT,
                                  [OT_TIE_UNCERTAINTY] = OTI_DEFAULT_UNCERTAINTY};
    uint64_t vb, db;
    memcpy(&vb, &v, sizeof vb);
    memcpy(&db, &dflt[attr], sizeof db);
    int need_record = !(e->flags & OTI_TIE_ATTR) && vb != db;
    if (need_record && (OTI_RESERVE(m->attrs, m->capattrs, m->nattrs + 1) ||
                        oti_hmap_reserve(&m->attr_index, 1)))
        return oti_nomem(fn);
    oti_event ev = {.type = OTI_EV_TIE_SET, .a = tie, .kind = (uint8_t)attr, .x = v};
    if ((rc = oti_record_begin(m, &ev, NULL, fn)))
        return rc;
    if (need_record) {
        m->attrs[m->nattrs] = (oti_attr){.tie = tie, .w = OTI_DEFAULT_W, .affect = OTI_DEFAULT_AFFECT,
                                         .uncertainty = OTI_DEFAULT_UNCERTAINTY};
        oti_hmap_put(&m->attr_index, tie, (uint32_t)m->nattrs++);
        e->flags |= OTI_TIE_ATTR;
    }
    if (e->flags & OTI_TIE_ATTR) {
        oti_attr *at = &m->attrs[attr_id(m, e)];
        switch (attr) {
        case OT_TIE_INTENSITY:
            for (int k = 0; k < 2; k++)
                oti_contrib(m, e, k, oti_fx_of(v * e->d[k].T) - oti_fx_of(at->w * e->d[k].T),
                            oti_fx_of(v) - oti_fx_of(at->w));
            at->w = v;
            break;
        case OT_TIE_AFFECT: at->affect = v; break;
        default: at->uncertainty = v; break;
        }
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
    const oti_tie *e = &m->ties[tie];
    switch (attr) {
    case OT_TIE_INTENSITY: *v = oti_tie_w(m, e); return OT_OK;
    case OT_TIE_AFFECT: *v = oti_tie_affect(m, e); return OT_OK;
    case OT_TIE_UNCERTAINTY: *v = oti_tie_uncertainty(m, e); return OT_OK;
    default: return oti_fail(OT_EINVAL, "%s: attr = %d is not an ot_tie_attr (1..3)", fn, attr);
    }
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

