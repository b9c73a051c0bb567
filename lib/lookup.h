/* Finding records: the tie of two actors, pair and actor-pair records, a
 * tie's attributes, an actor's ties in order. The tie index is inline for
 * the observation path.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_LOOKUP_H
#define OTI_LOOKUP_H

#include "model.h"

/* The tie of actors a and b (either order), or UINT32_MAX. */
uint32_t oti_tie_lookup(const ot_model *m, ot_id a, ot_id b);

/* The tie index, inline for the hot paths. */
static inline uint64_t oti_tie_key(ot_id a, ot_id b) { return a < b ? oti_key2(a, b) : oti_key2(b, a); }

/* The first slot from i on that holds `tag` or is empty: the only slots
 * whose tie a lookup reads. Slots must exist. */
static inline size_t oti_tie_probe(const oti_hmap *h, uint32_t tag, size_t i)
{
    while (h->slots[i].id != UINT32_MAX && h->slots[i].tag != tag)
        i = oti_hmap_next(h, i);
    return i;
}

/* Finish a lookup of key (tag = its hash's top half) from slot i, a slot
 * oti_tie_probe() returned: the tie, or UINT32_MAX. */
static inline uint32_t oti_tie_get_at(const ot_model *m, uint64_t key, uint32_t tag, size_t i)
{
    const oti_hmap *h = &m->tie_index;
    for (;; i = oti_tie_probe(h, tag, oti_hmap_next(h, i))) {
        uint32_t id = h->slots[i].id;
        if (id == UINT32_MAX || oti_tie_key(m->ties[id].a, m->ties[id].b) == key)
            return id;
    }
}

/* The tie of key (hash = oti_hash64(key)), or UINT32_MAX. */
static inline uint32_t oti_tie_get(const ot_model *m, uint64_t key, uint64_t hash)
{
    const oti_hmap *h = &m->tie_index;
    if (!h->slots)
        return UINT32_MAX;
    uint32_t tag = (uint32_t)(hash >> 32);
    return oti_tie_get_at(m, key, tag, oti_tie_probe(h, tag, oti_hmap_home(h, tag)));
}

/* Ask for every cache line of a tie ahead of its use (a tie spans 3 or 4). */
OTI_PREFETCHER void oti_prefetch_tie(const ot_model *m, uint32_t tie)
{
    const char *p = (const char *)&m->ties[tie];
    __builtin_prefetch(p, 1);
    __builtin_prefetch(p + 64, 1);
    __builtin_prefetch(p + 128, 1);
    __builtin_prefetch(p + sizeof(oti_tie) - 1, 1);
}
/* The pair record of organisations x and y (either order), the actor-pair
 * record of (actor, pair); UINT32_MAX when there is none. */
uint32_t oti_pair_lookup(const ot_model *m, ot_id x, ot_id y);
uint32_t oti_apair_lookup(const ot_model *m, ot_id actor, uint32_t pair);

/* A tie's attributes: the defaults unless OTI_TIE_ATTR says otherwise.
 * oti_attr_id: the index of its record in m->attrs (OTI_TIE_ATTR set). */
uint32_t oti_attr_id(const ot_model *m, const oti_tie *e);
const oti_attr *oti_attr_of(const ot_model *m, const oti_tie *e);
static inline double oti_tie_w(const ot_model *m, const oti_tie *e)
{
    return e->flags & OTI_TIE_ATTR ? oti_attr_of(m, e)->w : OTI_DEFAULT_W;
}
static inline double oti_tie_affect(const ot_model *m, const oti_tie *e)
{
    return e->flags & OTI_TIE_ATTR ? oti_attr_of(m, e)->affect : OTI_DEFAULT_AFFECT;
}
static inline double oti_tie_uncertainty(const ot_model *m, const oti_tie *e)
{
    return e->flags & OTI_TIE_ATTR ? oti_attr_of(m, e)->uncertainty : OTI_DEFAULT_UNCERTAINTY;
}
/* Any attribute (an ot_tie_attr, checked) of a tie. */
static inline double oti_tie_attr(const ot_model *m, const oti_tie *e, int attr)
{
    return e->flags & OTI_TIE_ATTR ? *oti_attr_value((oti_attr *)oti_attr_of(m, e), attr) : oti_tie_attrs[attr].def;
}
/* An actor's ties in increasing id order, through the ties themselves (no
 * allocation per actor):
 *   for (id = oti_tie_first(m, x); id != OT_NONE; id = oti_tie_next(m, x, id)) */
static inline uint32_t oti_tie_first(const ot_model *m, ot_id x)
{
    uint32_t last = m->actors[x].last;
    if (last == OT_NONE)
        return OT_NONE;
    const oti_tie *e = &m->ties[last];
    return e->next[e->a == x ? 0 : 1];
}
static inline uint32_t oti_tie_next(const ot_model *m, ot_id x, uint32_t id)
{
    if (id == m->actors[x].last)
        return OT_NONE;
    const oti_tie *e = &m->ties[id];
    return e->next[e->a == x ? 0 : 1];
}

/* ot_tie_class of a tie, from its ends. */
int oti_tie_cls(const ot_model *m, const oti_tie *e);

/* The tie index names `id` where it named `old` (a pair's restarted tie:
 * the index holds each pair's latest tie). */
void oti_tie_index_replace(ot_model *m, uint32_t old, uint32_t id);

/* Find the tie of two actors and the direction truster -> trustee. */
int oti_find_direction(const ot_model *m, ot_id truster, ot_id trustee, const char *fn, const char *xn,
                       const char *yn, uint32_t *tie, int *dir);

#endif
