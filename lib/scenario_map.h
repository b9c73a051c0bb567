/* Maps from strings to ids, and the ids export and the report give
 * organisations and actors: shared by the scenario loader, the exporter and
 * the report (the jansson part of the library).
 * SPDX-License-Identifier: MIT */
#ifndef OTI_SCENARIO_MAP_H
#define OTI_SCENARIO_MAP_H

#include "model.h"

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
void oti_strmap_free(oti_strmap *m);

/* Ids for export and the report: every organisation (what = OT_ORGS) or
 * actor (OT_ACTORS) gets its name, cut to OTI_SC_MAX_ID bytes, made unique
 * with "#2", "#3", ... Entry i of *out is the id of object i. OT_OK or
 * OT_ENOMEM (message for fn). */
int oti_unique_names(const ot_model *m, int what, oti_strmap *out, const char *fn);
/* Both: the ids of the organisations and of the actors (on failure both
 * maps are empty). */
int oti_unique_ids(const ot_model *m, oti_strmap *orgs, oti_strmap *actors, const char *fn);

/* A string for a message: quoted, at most about 60 bytes (cut at a
 * character boundary, "..." added), control characters as '?'. */
const char *oti_quote(const char *s, char out[80]);

#endif
