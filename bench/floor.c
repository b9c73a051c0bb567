/* The floor: what this machine can do for one observation without the
 * library. The same memory layout (oti_tie records of the library's size,
 * the 8-byte index slots, 64.64 fixed-point sums with ancestor lists) and
 * the same arithmetic (index lookup, decay, counter, trust update,
 * aggregate updates), with none of the checks, the damping, the recording
 * or the second (validation) pass, and the best prefetching. One line:
 * "floor_observe value M/s ties".
 *
 *   floor [--ties N] [--seed S] [--obs N]
 *
 * SPDX-License-Identifier: MIT */
#include "kinds.h"
#include "lookup.h" /* the library's own records and tie index, so the layout is the same */
#include "province.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NANC 4    /* pair sums a department-to-department tie feeds */
#ifndef AHEAD
#define AHEAD 8 /* as the library's batch */
#endif
#define LAYERS 3

typedef struct world {
    oti_tie *ties;
    oti_slot *slots;
    size_t mask;
    uint32_t *anc;            /* NANC pair ids per leaf */
    oti_agg *pair, *layer, *apair, *standing;
} world;

static void *must_alloc(size_t n)
{
    void *p = calloc(1, n);
    if (!p) {
        fprintf(stderr, "floor: out of memory\n");
        exit(1);
    }
    return p;
}

static uint64_t key_of(const oti_tie *e) { return oti_tie_key(e->a, e->b); }

static uint32_t lookup(const world *w, uint64_t key, uint64_t hash)
{
    uint32_t tag = (uint32_t)(hash >> 32);
    for (size_t i = (size_t)hash & w->mask;; i = (i + 1) & w->mask) {
        const oti_slot *s = &w->slots[i];
        if (s->id == UINT32_MAX)
            return UINT32_MAX;
        if (s->tag == tag && key_of(&w->ties[s->id]) == key)
            return s->id;
    }
}

static void *sum_of(const world *w, const oti_tie *e, int dir)
{
    return e->leaf == OT_NONE ? (void *)&w->standing[dir ? e->a : e->b] : (void *)&w->apair[e->ap[dir]];
}

int main(int argc, char **argv)
{
    size_t n = 100000, nobs = 0;
    uint64_t seed = 2026;
    const bench_option opt[] = {{"--ties", .size = &n}, {"--seed", .u64 = &seed}, {"--obs", .size = &nobs}};
    if (bench_options(argc, argv, opt, sizeof opt / sizeof *opt, "floor [--ties N] [--seed S] [--obs N]"))
        return 2;
    if (!nobs)
        nobs = n < 1000000 ? 2000000 : 2 * n;
    /* The province's proportions: nine ties an actor, a quarter external,
     * a quarter of an actor-pair record per tie, few pairs. */
    size_t actors = n / 9 + 2, napairs = n / 4 + 1, nleaves = n / 50 + 1, npairs = nleaves * 2;
    world w;
    w.ties = must_alloc(n * sizeof *w.ties);
    size_t cap = 16;
    while (n > cap / 4 * 3)
        cap *= 2;
    w.slots = must_alloc(cap * sizeof *w.slots);
    memset(w.slots, 0xff, cap * sizeof *w.slots);
    w.mask = cap - 1;
    w.anc = must_alloc(nleaves * NANC * sizeof *w.anc);
    w.pair = must_alloc(npairs * 4 * sizeof *w.pair);
    w.layer = must_alloc(npairs * LAYERS * sizeof *w.layer);
    w.apair = must_alloc(napairs * sizeof *w.apair);
    w.standing = must_alloc(actors * sizeof *w.standing);
    uint64_t s = seed | 1;
    for (size_t i = 0; i < nleaves * NANC; i++)
        w.anc[i] = (uint32_t)(bench_rand(&s) % npairs) << 1 | (uint32_t)(i & 1);
    for (size_t i = 0; i < n; i++) {
        oti_tie *e = &w.ties[i];
        for (;;) {
            e->a = (ot_id)(bench_rand(&s) % actors);
            e->b = (ot_id)(bench_rand(&s) % actors);
            if (e->a != e->b && lookup(&w, key_of(e), oti_hash64(key_of(e))) == UINT32_MAX)
                break;
        }
        int external = bench_rand(&s) % 4 == 0;
        e->leaf = external ? (uint32_t)(bench_rand(&s) % nleaves) : OT_NONE;
        e->ap[0] = (uint32_t)(bench_rand(&s) % napairs);
        e->ap[1] = (uint32_t)(bench_rand(&s) % napairs);
        e->layer = (uint8_t)(bench_rand(&s) % 5 == 0);
        e->t_last = -INFINITY;
        e->d[0].T = e->d[1].T = 0.5;
        uint64_t h = oti_hash64(key_of(e));
        size_t j = (size_t)h & w.mask;
        while (w.slots[j].id != UINT32_MAX)
            j = (j + 1) & w.mask;
        w.slots[j] = (oti_slot){(uint32_t)i, (uint32_t)(h >> 32)};
    }
    /* The benchmark's observations: random ties and directions, a day's
     * worth at a time. */
    ot_observation *obs = must_alloc(nobs * sizeof *obs);
    size_t per_day = nobs / 365 + 1;
    for (size_t i = 0; i < nobs; i++) {
        uint64_t r = bench_rand(&s);
        const oti_tie *e = &w.ties[r % n];
        int dir = (int)(r >> 40) & 1;
        obs[i] = (ot_observation){.truster = dir ? e->b : e->a, .trustee = dir ? e->a : e->b,
                                  .kind = (int32_t)(OTI_KIND_FIRST + (r >> 44) % OTI_NKINDS), .magnitude = 1.0,
                                  .t = (double)(i / per_day)};
    }
    static const double weight[9] = {0, 1, 1, 1, 1, 2, 2, 0.5, 1};
    const double H = 365.0, gain = 0.1, loss = 0.3;
    /* Five stages, as the library's two passes have between them: the slot
     * of observation i + 2 AHEAD; the tie at the first slot with its tag (not
     * the home slot: a third of the entries sit further on) for i + AHEAD;
     * the lookup, the rest of the tie and its first aggregate for
     * i + AHEAD / 2; the pair sums for i + AHEAD / 4; the work on i. */
    struct stage {
        uint64_t key;
        size_t slot;
        uint32_t r; /* tie | direction << 31 */
    } ring[4 * AHEAD];
    double t0 = bench_now();
    for (size_t j = 0; j < nobs + 2 * AHEAD; j++) {
        if (j < nobs) {
            struct stage *st = &ring[j % (4 * AHEAD)];
            st->key = oti_tie_key(obs[j].truster, obs[j].trustee);
            st->slot = (size_t)oti_hash64(st->key) & w.mask;
            __builtin_prefetch(&w.slots[st->slot]);
        }
        if (j >= AHEAD && j - AHEAD < nobs) {
            struct stage *st = &ring[(j - AHEAD) % (4 * AHEAD)];
            uint32_t tag = (uint32_t)(oti_hash64(st->key) >> 32);
            while (w.slots[st->slot].id != UINT32_MAX && w.slots[st->slot].tag != tag)
                st->slot = (st->slot + 1) & w.mask;
            __builtin_prefetch(&w.ties[w.slots[st->slot].id]);
        }
        if (j >= AHEAD + AHEAD / 2 && j - AHEAD - AHEAD / 2 < nobs) {
            size_t k = j - AHEAD - AHEAD / 2;
            struct stage *st = &ring[k % (4 * AHEAD)];
            uint32_t id = lookup(&w, st->key, oti_hash64(st->key));
            st->r = id | (uint32_t)(w.ties[id].a != obs[k].truster) << 31;
            const char *p = (const char *)&w.ties[id];
            for (size_t off = 64; off < sizeof(oti_tie); off += 64)
                __builtin_prefetch(p + off, 1);
            __builtin_prefetch(p + sizeof(oti_tie) - 1, 1);
            __builtin_prefetch(sum_of(&w, &w.ties[id], (int)(st->r >> 31)), 1);
        }
        if (j >= 2 * AHEAD - AHEAD / 4 && j - (2 * AHEAD - AHEAD / 4) < nobs) {
            /* the pair sums of i + AHEAD / 4, whose tie is here */
            uint32_t r = ring[(j - (2 * AHEAD - AHEAD / 4)) % (4 * AHEAD)].r;
            const oti_tie *e = &w.ties[r & 0x7fffffffu];
            if (e->leaf != OT_NONE)
                for (int k = 0; k < NANC; k++) {
                    size_t p = w.anc[(size_t)e->leaf * NANC + k] >> 1;
                    __builtin_prefetch(&w.pair[p * 4], 1);
                    __builtin_prefetch(&w.layer[p * LAYERS + e->layer], 1);
                }
        }
        if (j < 2 * AHEAD)
            continue;
        size_t i = j - 2 * AHEAD;
        const ot_observation *o = &obs[i];
        uint32_t r = ring[i % (4 * AHEAD)].r;
        oti_tie *e = &w.ties[r & 0x7fffffffu];
        int dir = (int)(r >> 31);
        /* decay */
        if (o->t != e->t_last) {
            double f = e->t_last == -INFINITY ? 1.0 : exp2(-(o->t - e->t_last) / H);
            for (int k = 0; k < 2; k++)
                for (int j = 0; j < 3; j++) {
                    e->d[k].r[j] *= f;
                    e->d[k].s[j] *= f;
                }
            e->t_last = o->t;
        }
        /* counter and trust */
        oti_dir *d = &e->d[dir];
        double mag = weight[o->kind], T = d->T, T1;
        int dim = (o->kind - 1) % 3;
        if (o->kind % 2 == 1 || o->kind == 6) {
            d->r[dim] += mag;
            double keep = mag == 1.0 ? 1.0 - gain : mag == 2.0 ? (1.0 - gain) * (1.0 - gain) : sqrt(1.0 - gain);
            T1 = T + (1.0 - keep) * (1.0 - T);
        } else {
            d->s[dim] += mag;
            double keep = mag == 1.0 ? 1.0 - loss : (1.0 - loss) * (1.0 - loss);
            T1 = T * keep;
        }
        /* fixed-point aggregates */
        oti_fx ds = oti_fx_of(T1) - oti_fx_of(T);
        d->T = T1;
        if (e->leaf == OT_NONE) {
            w.standing[dir ? e->a : e->b].sum += ds;
        } else {
            const uint32_t *anc = &w.anc[(size_t)e->leaf * NANC];
            for (int k = 0; k < NANC; k++) {
                size_t p = anc[k] >> 1;
                w.pair[p * 4 + ((anc[k] ^ (uint32_t)dir) & 1u)].sum += ds;
                w.layer[p * LAYERS + e->layer].sum += ds;
            }
            w.apair[e->ap[dir]].sum += ds;
        }
    }
    double dt = bench_now() - t0;
    printf("%-28s %14.3f %-8s %zu\n", "floor_observe", (double)nobs / dt / 1e6, "M/s", n);
    double check = 0;
    for (size_t i = 0; i < n; i += 997)
        check += w.ties[i].d[0].T;
    if (check < 0)
        printf("%g\n", check);
    return 0;
}
