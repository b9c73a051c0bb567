/* An open-addressing index from 64-bit keys to dense uint32 ids.
 *
 * The index stores only the id and 32 bits of the key's hash; the key itself
 * lives in the record the id names and is fetched through `key_of` when the
 * hash bits match. That keeps the index at 8 bytes a slot. Entries are never
 * removed (ties, pairs and records are never deleted).
 * SPDX-License-Identifier: MIT */
#ifndef OTI_HMAP_H
#define OTI_HMAP_H

#include <stddef.h>
#include <stdint.h>

typedef uint64_t (*oti_key_of)(const void *ctx, uint32_t id);

typedef struct oti_slot {
    uint32_t id; /* UINT32_MAX: empty */
    uint32_t tag;
} oti_slot;

typedef struct oti_hmap {
    oti_slot *slots;
    size_t mask; /* capacity - 1; capacity is a power of two (0 when empty) */
    size_t count;
} oti_hmap;

static inline uint64_t oti_hash64(uint64_t x)
{
    /* splitmix64's finaliser: every key bit reaches every hash bit. */
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

static inline uint64_t oti_key2(uint32_t a, uint32_t b)
{
    return ((uint64_t)a << 32) | b;
}

void oti_hmap_free(oti_hmap *h);
/* Make room for `extra` more entries without further allocation. 0 or -1
 * (ENOMEM; the map is untouched). */
int oti_hmap_reserve(oti_hmap *h, size_t extra, oti_key_of key_of, const void *ctx);
/* UINT32_MAX when absent. */
uint32_t oti_hmap_get(const oti_hmap *h, uint64_t key, oti_key_of key_of, const void *ctx);
/* The key must be absent and room reserved. */
void oti_hmap_put(oti_hmap *h, uint64_t key, uint32_t id);

#endif
