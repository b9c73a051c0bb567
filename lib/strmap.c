/* A map from strings to ids that owns copies of its keys.
 * SPDX-License-Identifier: MIT */
#include "strmap.h"
#include "alloc.h"

#include <string.h>

static uint32_t hash_str(const char *s, size_t n)
{
    /* FNV-1a, folded to 32 bits; the map compares whole keys anyway. */
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    return (uint32_t)(h ^ (h >> 32));
}

uint32_t oti_strmap_get(const oti_strmap *m, const char *s, size_t len)
{
    if (!m->slot)
        return UINT32_MAX;
    uint32_t h = hash_str(s, len);
    for (size_t i = h & m->mask;; i = (i + 1) & m->mask) {
        uint32_t k = m->slot[i];
        if (k == 0)
            return UINT32_MAX;
        const oti_strent *e = &m->ent[k - 1];
        if (e->hash == h && e->len == len && memcmp(m->arena + e->off, s, len) == 0)
            return e->value;
    }
}

static void place(uint32_t *slot, size_t mask, uint32_t h, uint32_t k)
{
    size_t i = h & mask;
    while (slot[i])
        i = (i + 1) & mask;
    slot[i] = k;
}

int oti_strmap_reserve(oti_strmap *m, size_t len)
{
    if (m->n >= UINT32_MAX - 1 || len >= UINT32_MAX)
        return -1;
    size_t cap = m->slot ? m->mask + 1 : 0;
    if (m->n + 1 > cap / 4 * 3) {
        size_t ncap = cap ? cap * 2 : 64;
        if (ncap > SIZE_MAX / sizeof(uint32_t))
            return -1;
        uint32_t *ns = oti_malloc(ncap * sizeof *ns);
        if (!ns)
            return -1;
        memset(ns, 0, ncap * sizeof *ns);
        for (size_t k = 0; k < m->n; k++)
            place(ns, ncap - 1, m->ent[k].hash, (uint32_t)k + 1);
        oti_free(m->slot);
        m->slot = ns;
        m->mask = ncap - 1;
    }
    if (OTI_RESERVE(m->ent, m->cap, m->n + 1) || OTI_RESERVE(m->arena, m->acap, m->alen + len + 1))
        return -1;
    return 0;
}

int oti_strmap_add(oti_strmap *m, const char *s, size_t len, uint32_t value)
{
    if (oti_strmap_reserve(m, len))
        return -1;
    oti_strent *e = &m->ent[m->n];
    e->off = m->alen;
    e->len = (uint32_t)len;
    e->hash = hash_str(s, len);
    e->value = value;
    memcpy(m->arena + m->alen, s, len);
    m->arena[m->alen + len] = '\0';
    m->alen += len + 1;
    place(m->slot, m->mask, e->hash, (uint32_t)++m->n);
    return 0;
}

void oti_strmap_free(oti_strmap *m)
{
    oti_free(m->slot);
    oti_free(m->ent);
    oti_free(m->arena);
    memset(m, 0, sizeof *m);
}
