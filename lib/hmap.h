/* An open-addressing index from 64-bit keys to dense uint32 ids.
 *
 * The index stores only the id and 32 bits of the key's hash (the tag); the
 * key itself lives in the record the id names and is fetched through
 * `key_of` when the tags match. That keeps the index at 8 bytes a slot. An
 * entry's home slot follows from its tag alone (tag * capacity / 2^32), so
 * growing re-places the slots without reading a single record, and the
 * capacity need not be a power of two: the index runs between 2/3 and 4/5
 * full. Entries are never removed (ties, pairs and records are never
 * deleted).
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
    size_t cap; /* slots (0 when empty); below 2^32 */
    size_t count;
} oti_hmap;

/* The slot a tag's probe starts at: the tag scaled to the capacity. */
static inline size_t oti_hmap_home(const oti_hmap *h, uint32_t tag)
{
    return (size_t)(((uint64_t)tag * h->cap) >> 32);
}

static inline size_t oti_hmap_next(const oti_hmap *h, size_t i) { return i + 1 == h->cap ? 0 : i + 1; }

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
int oti_hmap_reserve(oti_hmap *h, size_t extra);
/* UINT32_MAX when absent. */
uint32_t oti_hmap_get(const oti_hmap *h, uint64_t key, oti_key_of key_of, const void *ctx);
/* The key must be absent and room reserved. */
void oti_hmap_put(oti_hmap *h, uint64_t key, uint32_t id);

#endif
