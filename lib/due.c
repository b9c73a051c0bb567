/* The due index (docs/model.md, section 14): every disruption's rung (the
 * layer it is handled at, its handlers, since when, and its due time since
 * + that layer's timebox), and the open ones in a binary min-heap ordered
 * by (due time, id): O(log n) to add, move or remove one, O(1) for the
 * next due, and the overdue ones are the heap's top, found in O(k).
 * SPDX-License-Identifier: MIT */
#include "due.h"
#include "alloc.h"

/* ---- the due heap ------------------------------------------------------- */

/* Disruption a is due before b (the lower id first on equal times). */
static int before(const ot_model *m, uint32_t a, uint32_t b)
{
    double x = m->life.rung[a].due, y = m->life.rung[b].due;
    return x < y || (x == y && a < b);
}

static void heap_put(ot_model *m, size_t pos, uint32_t id)
{
    m->life.heap[pos] = id;
    m->life.rung[id].heap = (uint32_t)pos;
}

static void sift_up(ot_model *m, size_t pos)
{
    uint32_t id = m->life.heap[pos];
    while (pos > 0) {
        size_t parent = (pos - 1) / 2;
        if (!before(m, id, m->life.heap[parent]))
            break;
        heap_put(m, pos, m->life.heap[parent]);
        pos = parent;
    }
    heap_put(m, pos, id);
}

static void sift_down(ot_model *m, size_t pos)
{
    size_t n = m->life.nheap;
    uint32_t id = m->life.heap[pos];
    for (;;) {
        size_t c = 2 * pos + 1;
        if (c >= n)
            break;
        if (c + 1 < n && before(m, m->life.heap[c + 1], m->life.heap[c]))
            c++;
        if (!before(m, m->life.heap[c], id))
            break;
        heap_put(m, pos, m->life.heap[c]);
        pos = c;
    }
    heap_put(m, pos, id);
}

/* Disruption id's due time changed: back to its place. */
static void heap_fix(ot_model *m, uint32_t id)
{
    size_t pos = m->life.rung[id].heap;
    sift_up(m, pos);
    sift_down(m, m->life.rung[id].heap);
}

int oti_ladder_reserve_n(ot_model *m, size_t n)
{
    return OTI_RESERVE(m->life.rung, m->life.caprung, m->ndisr + n) ||
                   OTI_RESERVE(m->life.heap, m->life.capheap, m->life.nheap + n)
               ? -1
               : 0;
}

int oti_ladder_reserve(ot_model *m) { return oti_ladder_reserve_n(m, 1); }

/* The level of rung r is `layer` from t on. */
static void set_level(ot_model *m, oti_rung *r, unsigned layer, double t)
{
    r->layer = (uint8_t)layer;
    r->since = t;
    r->due = t + m->cfg.timebox[layer];
}

void oti_ladder_init(ot_model *m, ot_id id)
{
    const oti_disruption *d = &m->disr[id];
    const oti_tie *e = &m->ties[d->tie];
    ot_id other = e->a == d->observer ? e->b : e->a;
    unsigned li = m->actors[d->observer].layer, lj = m->actors[other].layer;
    oti_rung *r = &m->life.rung[id];
    *r = (oti_rung){.x = d->observer, .y = other, .heap = OT_NONE};
    set_level(m, r, li < lj ? li : lj, d->t_open);
    if (d->status != OT_OPEN)
        return;
    size_t pos = m->life.nheap++;
    heap_put(m, pos, id);
    sift_up(m, pos);
}

void oti_ladder_fix(ot_model *m, ot_id id) { heap_fix(m, id); }

int oti_ladder_is_initial(const ot_model *m, ot_id id)
{
    const oti_disruption *d = &m->disr[id];
    const oti_tie *e = &m->ties[d->tie];
    const oti_rung *r = &m->life.rung[id];
    ot_id other = e->a == d->observer ? e->b : e->a;
    unsigned li = m->actors[d->observer].layer, lj = m->actors[other].layer;
    return r->x == d->observer && r->y == other && r->layer == (li < lj ? li : lj) && r->since == d->t_open &&
           !r->failed && !r->referred;
}

void oti_ladder_close(ot_model *m, ot_id id)
{
    size_t pos = m->life.rung[id].heap;
    size_t last = --m->life.nheap;
    m->life.rung[id].heap = OT_NONE;
    if (pos == last)
        return;
    heap_put(m, pos, m->life.heap[last]);
    heap_fix(m, m->life.heap[pos]);
}

void oti_ladder_withdraw_one(ot_model *m, uint32_t tie, double t)
{
    /* A tie with open disruptions is rare and ends once: a look through the
     * open ones (the heap) finds them. */
    for (size_t k = 0; k < m->life.nheap; k++) {
        uint32_t id = m->life.heap[k];
        oti_disruption *d = &m->disr[id];
        if (d->tie != tie)
            continue;
        d->status = OT_WITHDRAWN;
        d->t_closed = t;
        m->ties[tie].open--;
        oti_ladder_close(m, id);
        return;
    }
}

void oti_ladder_take(ot_model *m, ot_id id, const ot_escalation_step *step, double t)
{
    oti_rung *r = &m->life.rung[id];
    r->x = step->x;
    r->y = step->y;
    r->failed = 0;
    r->referred = 1;
    set_level(m, r, step->layer, t);
    if (r->heap != OT_NONE)
        heap_fix(m, id);
}

