/* Finding records by their keys.
 * SPDX-License-Identifier: MIT */
#include "lookup.h"
#include "args.h"
#include "error.h"

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

uint32_t oti_attr_id(const ot_model *m, const oti_tie *e)
{
    return oti_hmap_get(&m->attr_index, (uint64_t)(e - m->ties), attr_key_of, m);
}

const oti_attr *oti_attr_of(const ot_model *m, const oti_tie *e) { return &m->attrs[oti_attr_id(m, e)]; }

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
        return oti_fail(OT_EINVAL, "%s: %s and %s are the same actor %u (\"%.100s\")", fn, xn, yn, (unsigned)truster,
                        m->actors[truster].name);
    uint32_t id = oti_tie_lookup(m, truster, trustee);
    if (id == UINT32_MAX)
        return oti_fail(OT_ENOTFOUND, "%s: actors %u (\"%.100s\") and %u (\"%.100s\") have no tie", fn,
                        (unsigned)truster, m->actors[truster].name, (unsigned)trustee, m->actors[trustee].name);
    *tie = id;
    *dir = m->ties[id].a == truster ? 0 : 1;
    return OT_OK;
}

void oti_tie_index_replace(ot_model *m, uint32_t old, uint32_t id)
{
    oti_hmap *h = &m->tie_index;
    uint32_t tag = (uint32_t)(oti_hash64(oti_tie_key(m->ties[old].a, m->ties[old].b)) >> 32);
    size_t i = oti_hmap_home(h, tag);
    while (h->slots[i].id != old)
        i = oti_hmap_next(h, i);
    h->slots[i].id = id;
}
