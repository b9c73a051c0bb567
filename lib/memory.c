/* The institutional memory of ended ties (docs/model.md, section 13): per
 * pair of organisations, decaying sums kept beside the live aggregates.
 * SPDX-License-Identifier: MIT */
#include "memory.h"
#include "alloc.h"
#include "error.h"
#include "orgtree.h"

#include <math.h>

static uint64_t mem_key_of(const void *ctx, uint32_t id)
{
    const oti_memory *e = &((const ot_model *)ctx)->life.mem[id];
    return oti_key2(e->lo, e->hi);
}

/* The memory entry of organisations lo < hi, or UINT32_MAX. */
static uint32_t memory_find(const ot_model *m, ot_id lo, ot_id hi)
{
    return oti_hmap_get(&m->life.mem_index, oti_key2(lo, hi), mem_key_of, m);
}

/* Room for one more entry. 0 or -1. */
static int memory_reserve(ot_model *m)
{
    return OTI_RESERVE(m->life.mem, m->life.capmem, m->life.nmem + 1) ||
                   oti_hmap_reserve(&m->life.mem_index, 1)
               ? -1
               : 0;
}

/* The entry of lo < hi, made empty if new (room reserved). */
static oti_memory *memory_get(ot_model *m, ot_id lo, ot_id hi)
{
    uint32_t id = memory_find(m, lo, hi);
    if (id != UINT32_MAX)
        return &m->life.mem[id];
    id = (uint32_t)m->life.nmem++;
    m->life.mem[id] = (oti_memory){.lo = lo, .hi = hi, .t = -INFINITY};
    oti_hmap_put(&m->life.mem_index, oti_key2(lo, hi), id);
    return &m->life.mem[id];
}

void oti_memory_clear(ot_model *m)
{
    m->life.nmem = 0;
    oti_hmap_free(&m->life.mem_index);
}

int oti_memory_restore(ot_model *m, const oti_memory *mem)
{
    if (mem->lo >= mem->hi || mem->hi >= m->norgs || oti_orgs_overlap(m, mem->lo, mem->hi) ||
        memory_find(m, mem->lo, mem->hi) != UINT32_MAX || !(mem->t == -INFINITY || isfinite(mem->t)))
        return OT_EFORMAT;
    for (int k = 0; k < 2; k++)
        if (!(mem->w[k] >= 0.0 && isfinite(mem->w[k]) && mem->wT[k] >= 0.0 && mem->wT[k] <= mem->w[k]))
            return OT_EFORMAT;
    if (memory_reserve(m))
        return oti_nomem("snapshot");
    *memory_get(m, mem->lo, mem->hi) = *mem;
    return OT_OK;
}
