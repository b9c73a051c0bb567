/* SPDX-License-Identifier: MIT */
#include "hmap.h"
#include "alloc.h"

#include <string.h>

void oti_hmap_free(oti_hmap *h)
{
    oti_free(h->slots);
    memset(h, 0, sizeof *h);
}

static void place(oti_hmap *h, uint32_t tag, uint32_t id)
{
    size_t i = oti_hmap_home(h, tag);
    while (h->slots[i].id != UINT32_MAX)
        i = oti_hmap_next(h, i);
    h->slots[i].id = id;
    h->slots[i].tag = tag;
}

int oti_hmap_reserve(oti_hmap *h, size_t extra)
{
    size_t need = h->count + extra;
    /* Linear probing stays short below 4/5 full. */
    if (need <= h->cap / 5 * 4)
        return 0;
    /* Grow to 2/3 full: the slack stays small and each growth is a cheap,
     * nearly sequential pass (homes follow the tags, in order). */
    size_t ncap = need < 8 ? 16 : need / 2 * 3 + 3;
    if (ncap >= ((size_t)1 << 32) || ncap > SIZE_MAX / sizeof(oti_slot))
        return -1;
    oti_slot *ns = oti_malloc(ncap * sizeof *ns);
    if (!ns)
        return -1;
    memset(ns, 0xff, ncap * sizeof *ns);
    oti_hmap old = *h;
    h->slots = ns;
    h->cap = ncap;
    for (size_t i = 0; i < old.cap; i++)
        if (old.slots[i].id != UINT32_MAX)
            place(h, old.slots[i].tag, old.slots[i].id);
    oti_free(old.slots);
    return 0;
}

uint32_t oti_hmap_get(const oti_hmap *h, uint64_t key, oti_key_of key_of, const void *ctx)
{
    if (!h->slots)
        return UINT32_MAX;
    uint32_t tag = (uint32_t)(oti_hash64(key) >> 32);
    for (size_t i = oti_hmap_home(h, tag);; i = oti_hmap_next(h, i)) {
        const oti_slot *s = &h->slots[i];
        if (s->id == UINT32_MAX)
            return UINT32_MAX;
        if (s->tag == tag && key_of(ctx, s->id) == key)
            return s->id;
    }
}

void oti_hmap_put(oti_hmap *h, uint64_t key, uint32_t id)
{
    place(h, (uint32_t)(oti_hash64(key) >> 32), id);
    h->count++;
}
