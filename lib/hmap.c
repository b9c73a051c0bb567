/* SPDX-License-Identifier: MIT */
#include "hmap.h"
#include "alloc.h"

#include <string.h>

void oti_hmap_free(oti_hmap *h)
{
    oti_free(h->slots);
    memset(h, 0, sizeof *h);
}

static void place(oti_slot *slots, size_t mask, uint64_t hash, uint32_t id)
{
    size_t i = (size_t)hash & mask;
    while (slots[i].id != UINT32_MAX)
        i = (i + 1) & mask;
    slots[i].id = id;
    slots[i].tag = (uint32_t)(hash >> 32);
}

int oti_hmap_reserve(oti_hmap *h, size_t extra, oti_key_of key_of, const void *ctx)
{
    size_t need = h->count + extra;
    size_t cap = h->slots ? h->mask + 1 : 0;
    /* Linear probing stays short below 3/4 full. */
    if (need <= cap / 4 * 3)
        return 0;
    size_t ncap = cap ? cap : 16;
    while (need > ncap / 4 * 3) {
        if (ncap > SIZE_MAX / 2 / sizeof(oti_slot))
            return -1;
        ncap *= 2;
    }
    oti_slot *ns = oti_malloc(ncap * sizeof *ns);
    if (!ns)
        return -1;
    memset(ns, 0xff, ncap * sizeof *ns);
    for (size_t i = 0; i < cap; i++)
        if (h->slots[i].id != UINT32_MAX)
            place(ns, ncap - 1, oti_hash64(key_of(ctx, h->slots[i].id)), h->slots[i].id);
    oti_free(h->slots);
    h->slots = ns;
    h->mask = ncap - 1;
    return 0;
}

uint32_t oti_hmap_get(const oti_hmap *h, uint64_t key, oti_key_of key_of, const void *ctx)
{
    if (!h->slots)
        return UINT32_MAX;
    uint64_t hash = oti_hash64(key);
    uint32_t tag = (uint32_t)(hash >> 32);
    size_t i = (size_t)hash & h->mask;
    for (;;) {
        const oti_slot *s = &h->slots[i];
        if (s->id == UINT32_MAX)
            return UINT32_MAX;
        if (s->tag == tag && key_of(ctx, s->id) == key)
            return s->id;
        i = (i + 1) & h->mask;
    }
}

void oti_hmap_put(oti_hmap *h, uint64_t key, uint32_t id)
{
    place(h->slots, h->mask, oti_hash64(key), id);
    h->count++;
}
