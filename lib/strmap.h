/* A map from strings to ids, owning copies of its keys: scenario ids, the
 * ids export and the report give, and disruption labels (lib/texts.c).
 * SPDX-License-Identifier: MIT */
#ifndef OTI_STRMAP_H
#define OTI_STRMAP_H

#include <stddef.h>
#include <stdint.h>

/* ---- a map from strings to ids, owning copies of its keys ---------- */
typedef struct oti_strent {
    size_t off;     /* the key in the arena, NUL-terminated */
    uint32_t len;
    uint32_t hash;
    uint32_t value;
} oti_strent;

typedef struct oti_strmap {
    uint32_t *slot; /* entry index + 1; 0 is empty */
    size_t mask;
    oti_strent *ent;
    size_t n, cap;
    char *arena;
    size_t alen, acap;
} oti_strmap;

/* The value of key s (len bytes), or UINT32_MAX. */
uint32_t oti_strmap_get(const oti_strmap *m, const char *s, size_t len);
/* Add a key that is absent. 0, or -1 when out of memory (map unchanged). */
int oti_strmap_add(oti_strmap *m, const char *s, size_t len, uint32_t value);
/* The key of entry i (entries count from 0 in the order added). */
static inline const char *oti_strmap_key(const oti_strmap *m, size_t i) { return m->arena + m->ent[i].off; }
/* Room for one more key of up to len bytes: the next oti_strmap_add() of
 * such a key cannot fail. 0, or -1 when out of memory (map unchanged). */
int oti_strmap_reserve(oti_strmap *m, size_t len);
void oti_strmap_free(oti_strmap *m);

#endif
