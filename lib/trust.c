/* Directed trust (docs/model.md section 2) and the per-direction views of
 * section 7.
 * SPDX-License-Identifier: MIT */
#include "trust.h"
#include "aggregate.h"
#include "alloc.h"
#include "args.h"
#include "error.h"
#include "lookup.h"
#include "kinds.h"
#include "record.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* 2^(-(t - t_last) / H), 1 when H switches fading off or no time passed. */
static inline double half_fade(double H, double t_last, double t)
{
    return t_last != -INFINITY && t > t_last && H > 0.0 && H != INFINITY ? exp2(-(t - t_last) / H) : 1.0;
}

double oti_fade(const ot_model *m, double t_last, double t)
{
    return half_fade(OTI_P(m, EVIDENCE_HALF_LIFE), t_last, t);
}

/* ---- the side table of rare state (promises) ------------------------------- */

static uint64_t rare_key_of(const void *ctx, uint32_t id) { return ((const ot_model *)ctx)->rare[id].tie; }

oti_rare *oti_rare_of(const ot_model *m, const oti_tie *e)
{
    if (!(e->flags & OTI_TIE_RARE))
        return NULL;
    return &m->rare[oti_hmap_get(&m->rare_index, (uint64_t)(e - m->ties), rare_key_of, m)];
}

int oti_rare_reserve(ot_model *m, size_t n, const char *fn)
{
    if (n == 0)
        return OT_OK;
    if (m->nrare + n > OTI_MAX_IDS)
        return oti_fail(OT_ELIMIT, "%s: the model holds the maximum number of promises", fn);
    if (OTI_RESERVE(m->rare, m->caprare, m->nrare + n) || oti_hmap_reserve(&m->rare_index, n))
        return oti_nomem(fn);
    return OT_OK;
}

oti_rare *oti_rare_get(ot_model *m, oti_tie *e)
{
    if (e->flags & OTI_TIE_RARE)
        return oti_rare_of(m, e);
    ot_id tie = (ot_id)(e - m->ties);
    oti_rare *r = &m->rare[m->nrare];
    *r = (oti_rare){.tie = tie, .promise_at = {-INFINITY, -INFINITY}, .promise_gain = {1.0, 1.0}};
    oti_hmap_put(&m->rare_index, tie, (uint32_t)m->nrare++);
    e->flags |= OTI_TIE_RARE;
    return r;
}

int oti_scar_clocks(const ot_model *m)
{
    double Hd = OTI_P(m, DECEPTION_HALF_LIFE);
    return (OTI_P(m, SCAR_HALF_LIFE) != OTI_P(m, EVIDENCE_HALF_LIFE) ? OTI_SCARS_OWN_CLOCK : 0) |
           (Hd > 0.0 && Hd != INFINITY ? OTI_DECEPTION_FADES : 0);
}

/* decay_to when a scar half-life differs from the default arrangement; f
 * is the evidence's fade over the same interval. */
static void fade_apart(const ot_model *m, oti_tie *e, double f, double t)
{
    for (int k = 0; k < 2; k++)
        for (int j = 0; j < 3; j++) {
            e->d[k].r[j] *= f;
            e->d[k].s[j] *= f;
        }
    double fs = m->scar_clocks & OTI_SCARS_OWN_CLOCK ? half_fade(OTI_P(m, SCAR_HALF_LIFE), e->t_last, t) : f;
    e->d[0].scar *= fs;
    e->d[1].scar *= fs;
    if (m->scar_clocks & OTI_DECEPTION_FADES) {
        double fd = half_fade(OTI_P(m, DECEPTION_HALF_LIFE), e->t_last, t);
        e->deception[0] = (float)(e->deception[0] * fd);
        e->deception[1] = (float)(e->deception[1] * fd);
    }
}

/* Bring both directions' counters and scars to t: they share one clock. */
OTI_HOT void decay_to(const ot_model *m, oti_tie *e, double t)
{
    /* A zero interval (the common case of several events at one t) leaves
     * everything as it is: skip the exp2. */
    if (t == e->t_last)
        return;
    double f = oti_fade(m, e->t_last, t);
    /* Scars heal on the same clock; with the default half-lives the scar's
     * fade is the evidence's, and the deception scar does not fade. */
    if (m->scar_clocks) {
        fade_apart(m, e, f, t);
    } else if (f != 1.0) {
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 3; j++) {
                e->d[k].r[j] *= f;
                e->d[k].s[j] *= f;
            }
            e->d[k].scar *= f;
        }
    }
    e->t_last = t;
}

/* b^x for b in [0, 1]; the observation kinds' weights (1, 2, 1/2) times
 * magnitude 1 skip pow(): x * x and sqrt are correctly rounded, so they
 * agree with pow to an ulp at most. */
static inline double power(double b, double x)
{
    if (x == 1.0)
        return b;
    if (x == 2.0)
        return b * b;
    if (x == 0.5)
        return sqrt(b);
    return pow(b, x);
}

/* 1 - (1 - scar) * (1 - rate)^x: a scar deepened by x unit blows. */
static inline double deepen(double scar, double rate, double x) { return 1.0 - (1.0 - scar) * power(1.0 - rate, x); }

/* The gain of positive evidence on a tie that had a promise: a live one
 * raises the rate (section 12). */
static double promised_gain(const ot_model *m, const oti_tie *e, int dir, double gD, double mag, double C, double T,
                            double t)
{
    const oti_rare *r = oti_rare_of(m, e);
    if (t - r->promise_at[dir] < OTI_P(m, PROMISE_WINDOW)) {
        gD *= r->promise_gain[dir];
        if (gD > 1.0)
            gD = 1.0;
    }
    double gap = C > T ? C - T : 0.0;
    return T + (1.0 - power(1.0 - gD, mag)) * gap;
}

/* oti_evidence, inline so the observation path runs without a call. */
/* any_tie: the tie may have ended (ot_reveal()); only the observation path,
 * which refuses ended ties first, passes 0 and skips the test. */
OTI_HOT void evidence(ot_model *m, oti_tie *e, int dir, int dim, int positive, double mag, double loss_scale,
                      int deceptive, int any_tie, double t)
{
    oti_dir *d = &e->d[dir];
    decay_to(m, e, t);
    /* A tie with its own attributes keeps them in a side table: one lookup
     * serves both the intensity and the affect. */
    const oti_attr *at = e->flags & OTI_TIE_ATTR ? oti_attr_of(m, e) : NULL;
    double T = d->T, T1;
    if (positive) {
        d->r[dim] += mag;
        double gD = OTI_P(m, GAIN_RATE) * oti_damping_of(m, e);
        /* Gains close the gap to the ceiling, never more (section 11);
         * without scars the ceiling is exactly 1 and this is section 2. */
        double C = 1.0 - d->scar;
        if (e->deception[dir] != 0.0f)
            C *= 1.0 - (double)e->deception[dir];
        if (e->flags & OTI_TIE_RARE) {
            T1 = promised_gain(m, e, dir, gD, mag, C, T, t);
        } else {
            double gap = C > T ? C - T : 0.0;
            /* A magnitude m counts as m unit events: 1 - (1 - gD)^m of the gap. */
            T1 = T + (1.0 - power(1.0 - gD, mag)) * gap;
        }
    } else {
        double x = mag * loss_scale;
        /* The scar deepens by the uncertainty before this evidence, u =
         * 2 / (R + S + 2); with a scar rate of 0 it stays exactly as it is
         * (1 - (1 - sigma) * 1 = sigma for the sigma = 0 it then always is). */
        double n = d->r[0] + d->r[1] + d->r[2] + d->s[0] + d->s[1] + d->s[2];
        double keep = 1.0 - OTI_P(m, SCAR_RATE) * (2.0 / (n + 2.0));
        double leff = OTI_P(m, LOSS_RATE) * (1.0 - OTI_P(m, DARK_SIDE) * (at ? at->affect : OTI_DEFAULT_AFFECT));
        double lose = 1.0 - leff;
        if (x != 1.0) { /* the loss and the scar share the exponent */
            keep = power(keep, x);
            lose = power(lose, x);
        }
        d->scar = 1.0 - (1.0 - d->scar) * keep;
        if (deceptive)
            e->deception[dir] = (float)deepen(e->deception[dir], OTI_P(m, DECEPTION_SCAR), x);
        d->s[dim] += mag;
        T1 = T * lose;
    }
    if (any_tie)
        oti_set_trust(m, e, dir, T1);
    else
        oti_set_trust_w(m, e, dir, T1, at ? at->w : OTI_DEFAULT_W);
}

void oti_evidence(ot_model *m, oti_tie *e, int dir, int dim, int positive, double mag, double loss_scale, double t)
{
    evidence(m, e, dir, dim, positive, mag, loss_scale, 0, 1, t);
}

void oti_deceive(ot_model *m, oti_tie *e, int dir, double mag, double t)
{
    evidence(m, e, dir, OTI_DIM_INTEGRITY, 0, mag, 1.0, 1, 1, t);
}

/* ---- scars and the ceiling (section 11) ------------------------------------ */

void oti_scars_at(const ot_model *m, const oti_tie *e, int dir, double t, double *scar, double *deception)
{
    double Hs = OTI_P(m, SCAR_HALF_LIFE);
    *scar = e->d[dir].scar * half_fade(Hs, e->t_last, t);
    *deception = (double)e->deception[dir] * half_fade(OTI_P(m, DECEPTION_HALF_LIFE), e->t_last, t);
}

double oti_ceiling_at(const ot_model *m, const oti_tie *e, int dir, double t)
{
    double s, sp;
    oti_scars_at(m, e, dir, t, &s, &sp);
    return (1.0 - s) * (1.0 - sp);
}

void oti_restore_toward(ot_model *m, oti_tie *e, int dir, double target, double f, double t)
{
    double C = oti_ceiling_at(m, e, dir, t);
    double goal = target < C ? target : C;
    double T = e->d[dir].T;
    if (T < goal)
        oti_set_trust(m, e, dir, T + f * (goal - T));
}

void oti_decayed(const ot_model *m, const oti_tie *e, int dir, double r[3], double s[3])
{
    double f = oti_fade(m, e->t_last, m->now);
    const oti_dir *d = &e->d[dir];
    for (int k = 0; k < 3; k++) {
        r[k] = d->r[k] * f;
        s[k] = d->s[k] * f;
    }
}

static double expectation(double r, double s) { return (r + 1.0) / (r + s + 2.0); }

double oti_trustworthiness(const ot_model *m, const oti_tie *e, int dir)
{
    double r[3], s[3];
    oti_decayed(m, e, dir, r, s);
    return OTI_P(m, WEIGHT_ABILITY) * expectation(r[0], s[0]) +
           OTI_P(m, WEIGHT_BENEVOLENCE) * expectation(r[1], s[1]) +
           OTI_P(m, WEIGHT_INTEGRITY) * expectation(r[2], s[2]);
}

/* ---- observations ------------------------------------------------------ */

/* Validate one observation; on success *tie and *dir name the direction. */
static int check_observation(const ot_model *m, ot_id truster, ot_id trustee, int kind, double magnitude, double t,
                             double after, const char *fn, uint32_t *tie, int *dir)
{
    int rc;
    if (kind < OTI_KIND_FIRST || kind > OTI_KIND_LAST)
        return oti_fail(OT_EINVAL, "%s: kind = %d is not an ot_kind (%d..%d)", fn, kind, OTI_KIND_FIRST, OTI_KIND_LAST);
    if (!(magnitude >= 0.0 && magnitude <= 10.0))
        return oti_fail(OT_EINVAL, "%s: magnitude = %.17g is out of range; it must be in (0, 10] (0 means 1)", fn,
                        magnitude);
    if (!isfinite(t))
        return oti_fail(OT_EINVAL, "%s: t = %g is not a finite number of days", fn, t);
    if (t < after)
        return oti_fail(OT_ETIME, "%s: t = %.17g is earlier than the previous event's time %.17g", fn, t, after);
    if ((rc = oti_find_direction(m, truster, trustee, fn, "truster", "trustee", tie, dir)) ||
        (rc = oti_check_active(m, *tie, fn, "the tie of truster and trustee")))
        return rc;
    return OT_OK;
}

OTI_HOT void apply_observation(ot_model *m, uint32_t tie, int dir, int kind, double magnitude, double t)
{
    double mag = oti_kinds[kind].weight * (magnitude == 0.0 ? 1.0 : magnitude);
    evidence(m, &m->ties[tie], dir, oti_kinds[kind].dim, oti_kinds[kind].positive, mag, 1.0, oti_kinds[kind].deceptive, 0,
             t);
    oti_advance(m, t);
}

/* The aggregate a direction's trust change lands in first: the truster's
 * actor-pair sum (external) or the trustee's standing (internal). */
static inline const void *first_sum(const ot_model *m, const oti_tie *e, int dir)
{
    return e->leaf == OT_NONE ? (const void *)&m->sums.standing[dir ? e->a : e->b]
                              : (const void *)&m->sums.apair[e->ap[dir]];
}

/* Ask for what a direction's trust change touches once its tie is here:
 * the first aggregate and, for an external tie, the leaf pair's record. */
OTI_PREFETCHER void prefetch_sums(const ot_model *m, uint32_t s)
{
    uint32_t tie = s & 0x7fffffffu;
    const oti_tie *e = &m->ties[tie];
    __builtin_prefetch(first_sum(m, e, (int)(s >> 31)), 1);
    if (e->leaf != OT_NONE)
        __builtin_prefetch(&m->pairs[e->leaf]);
    /* A tie with its own attributes keeps them in the side table: its
     * index slot now, the record once the slot is here (prefetch_pairs). */
    if (e->flags & OTI_TIE_ATTR)
        __builtin_prefetch(&m->attr_index.slots[oti_hmap_home(&m->attr_index, (uint32_t)(oti_hash64(tie) >> 32))]);
}

/* Once the leaf's record is here: the sums of every pair the direction
 * feeds (its reputation and layer entries) and the top pair's climate. */
OTI_PREFETCHER void prefetch_pairs(const ot_model *m, uint32_t s)
{
    uint32_t tie = s & 0x7fffffffu;
    const oti_tie *e = &m->ties[tie];
    if (e->flags & OTI_TIE_ATTR) {
        /* The record the first slot with the tie's tag names: the right one
         * but for a rare tag collision, which only wastes this hint. */
        const oti_hmap *h = &m->attr_index;
        uint32_t tag = (uint32_t)(oti_hash64(tie) >> 32);
        uint32_t id = h->slots[oti_tie_probe(h, tag, oti_hmap_home(h, tag))].id;
        if (id != UINT32_MAX)
            __builtin_prefetch(&m->attrs[id]);
    }
    if (e->leaf == OT_NONE)
        return;
    const oti_pair *leaf = &m->pairs[e->leaf];
    const uint32_t *anc = &m->anc[leaf->anc];
    for (uint32_t k = 0; k < leaf->nanc; k++) {
        const oti_agg *ps = oti_pair_sums(m, &m->sums, anc[k] >> 1);
        __builtin_prefetch(ps, 1);
        __builtin_prefetch(&ps[OTI_LAYER + e->layer], 1);
    }
    __builtin_prefetch(oti_climate_block(m, leaf->climate));
}

/* How far ahead the batch asks for memory: enough observations to cover a
 * miss to DRAM, few enough that the lines are still cached when used. */
#define APPLY_TIE 16
#define APPLY_SUMS 8
#define APPLY_PAIRS 4
/* The validation pass looks ties up as a pipeline: the index slot of entry
 * i + SLOT_AHEAD, the tie that entry i + TIE_AHEAD's probe lands on, then
 * the check of entry i. */
#define SLOT_AHEAD 16
#define TIE_AHEAD 8

/* One entry's lookup in flight. */
typedef struct lookup {
    uint64_t key;
    uint32_t tag;
    uint32_t slot; /* the home slot, then the first slot with the tag */
} lookup;

/* Stage 1: the key and its home slot, whose line is asked for. */
static inline void lookup_start(const ot_model *m, const ot_observation *o, lookup *l)
{
    const oti_hmap *h = &m->tie_index;
    l->key = oti_tie_key(o->truster, o->trustee);
    l->tag = (uint32_t)(oti_hash64(l->key) >> 32);
    l->slot = (uint32_t)oti_hmap_home(h, l->tag);
    __builtin_prefetch(&h->slots[l->slot]);
}

/* Stage 2: the slot arrived; ask for the tie the key compare will read
 * (the first slot with the tag, not the home slot: over a third of the
 * entries sit further on). */
static inline void lookup_probe(const ot_model *m, lookup *l)
{
    const oti_hmap *h = &m->tie_index;
    l->slot = (uint32_t)oti_tie_probe(h, l->tag, l->slot);
    uint32_t id = h->slots[l->slot].id;
    if (id != UINT32_MAX)
        __builtin_prefetch(&m->ties[id]);
}

/* The fields of a valid observation, with one branch, as they are almost
 * never wrong (check_observation says what is). */
static inline int fields_ok(int kind, double magnitude, double t, double after)
{
    return ((uint32_t)kind - (uint32_t)OTI_KIND_FIRST <= OTI_KIND_LAST - OTI_KIND_FIRST) &
           (magnitude >= 0.0) & (magnitude <= 10.0) & (isfinite(t) != 0) & (t >= after);
}

/* Stage 3: the tie of a valid observation, its direction in the top bit
 * (ids < 2^31); UINT32_MAX when any check fails (check_observation then
 * says which). Actors out of range or the same actor twice need no test
 * here: no tie has such a key, so the lookup fails for them. */
static inline uint32_t quick_check(const ot_model *m, const ot_observation *o, double after, const lookup *l)
{
    if (!((o->reserved == 0) & fields_ok(o->kind, o->magnitude, o->t, after)))
        return UINT32_MAX;
    uint32_t tie = oti_tie_get_at(m, l->key, l->tag, l->slot);
    if (tie == UINT32_MAX || (m->ties[tie].flags & OTI_TIE_ENDED))
        return UINT32_MAX;
    return tie | (uint32_t)(m->ties[tie].a != o->truster) << 31;
}

OT_API int ot_observe(ot_model *m, ot_id truster, ot_id trustee, int kind, double magnitude, double t)
{
    static const char fn[] = "ot_observe";
    int rc;
    if (!oti_is_mutable(m))
        return oti_check_mutable(m, fn);
    /* The common case without a call: valid fields and the tie found inline
     * (no tie has actors out of range or the same actor twice); anything
     * else goes through the checks that say why. */
    uint32_t tie = UINT32_MAX;
    if (fields_ok(kind, magnitude, t, m->now)) {
        /* Most ties are internal, and their trust change lands in the
         * trustee's standing: ask for it now, beside the lookup's misses. */
        if (trustee < m->nactors)
            __builtin_prefetch(&m->sums.standing[trustee], 1);
        uint64_t key = oti_tie_key(truster, trustee);
        tie = oti_tie_get(m, key, oti_hash64(key));
        if (tie != UINT32_MAX && (m->ties[tie].flags & OTI_TIE_ENDED))
            tie = UINT32_MAX; /* check_observation says why */
    }
    int dir = tie != UINT32_MAX && m->ties[tie].a != truster;
    if (tie == UINT32_MAX &&
        (rc = check_observation(m, truster, trustee, kind, magnitude, t, m->now, fn, &tie, &dir)))
        return rc;
    /* The lookup brought the tie's first line: ask for the rest, its first
     * aggregate and its leaf pair's record and sums now, so the misses
     * overlap instead of queueing. */
    oti_prefetch_tie(m, tie);
    prefetch_sums(m, tie | (uint32_t)dir << 31);
    if (m->ties[tie].leaf != OT_NONE)
        __builtin_prefetch(oti_pair_sums(m, &m->sums, m->ties[tie].leaf), 1);
    if (oti_recording(m)) {
        oti_event ev = {.type = OTI_EV_OBSERVE, .a = truster, .b = trustee, .kind = (uint8_t)kind,
                        .x = magnitude == 0.0 ? 1.0 : magnitude, .t = t};
        if ((rc = oti_record_begin(m, &ev, NULL, fn)))
            return rc;
    }
    apply_observation(m, tie, dir, kind, magnitude, t);
    oti_record_end(m);
    return OT_OK;
}

/* Entry i of a batch failed the quick check: say why, naming the entry. */
static int batch_failure(const ot_model *m, const ot_observation *obs, size_t i, double after, size_t *applied)
{
    const ot_observation *o = &obs[i];
    uint32_t tie = 0;
    int dir = 0, rc;
    char where[64];
    snprintf(where, sizeof where, "ot_observe_batch: obs[%zu]", i);
    if (o->reserved != 0)
        rc = oti_fail(OT_EINVAL, "%s.reserved = %u; it must be 0", where, (unsigned)o->reserved);
    else
        rc = check_observation(m, o->truster, o->trustee, o->kind, o->magnitude, o->t, after, where, &tie, &dir);
    if (applied)
        *applied = i;
    return rc;
}

OT_API int ot_observe_batch(ot_model *m, const ot_observation *obs, size_t n, size_t *applied)
{
    static const char fn[] = "ot_observe_batch";
    int rc;
    if ((rc = oti_check_mutable(m, fn)))
        return rc;
    if (n == 0) {
        if (applied)
            *applied = 0;
        return OT_OK;
    }
    if (!obs)
        return oti_fail(OT_EINVAL, "%s: obs is NULL but n = %zu", fn, n);
    if (n > OTI_MAX_IDS)
        return oti_fail(OT_ELIMIT, "%s: n = %zu is above the batch limit %u; split the batch", fn, n, OTI_MAX_IDS);
    /* The resolved tie of each observation, so the apply pass does not look
     * them up again; the direction bit rides in the top bit (ids < 2^31). */
    if (OTI_RESERVE(m->scratch, m->capscratch, n + APPLY_TIE))
        return oti_nomem(fn);
    double after = m->now;
    if (!m->tie_index.slots)
        return batch_failure(m, obs, 0, after, applied); /* no ties: the first entry fails */
    lookup ring[SLOT_AHEAD];
    for (size_t i = 0; i < n && i < SLOT_AHEAD; i++)
        lookup_start(m, &obs[i], &ring[i]);
    for (size_t i = 0; i < n && i < TIE_AHEAD; i++)
        lookup_probe(m, &ring[i]);
    for (size_t i = 0; i < n; i++) {
        const ot_observation *o = &obs[i];
        lookup *l = &ring[i % SLOT_AHEAD];
        uint32_t s = quick_check(m, o, after, l);
        if (i + SLOT_AHEAD < n)
            lookup_start(m, &obs[i + SLOT_AHEAD], l);
        if (i + TIE_AHEAD < n)
            lookup_probe(m, &ring[(i + TIE_AHEAD) % SLOT_AHEAD]);
        if (s == UINT32_MAX)
            return batch_failure(m, obs, i, after, applied);
        after = o->t;
        m->scratch[i] = s;
    }
    if (oti_recording(m) && (rc = oti_record_batch(m, obs, n, fn)))
        return rc;
    /* Past the end the pipeline asks for the last entry's records again
     * (harmless, and no test in the loop). */
    for (size_t i = n; i < n + APPLY_TIE; i++)
        m->scratch[i] = m->scratch[n - 1];
    for (size_t i = 0; i < n; i++) {
        /* A pipeline as deep as the chain of records: the tie of entry i +
         * APPLY_TIE, the first sum and pair record of i + APPLY_SUMS (its
         * tie is here by now), the pair sums of i + APPLY_PAIRS. */
        oti_prefetch_tie(m, m->scratch[i + APPLY_TIE] & 0x7fffffffu);
        prefetch_sums(m, m->scratch[i + APPLY_SUMS]);
        prefetch_pairs(m, m->scratch[i + APPLY_PAIRS]);
        uint32_t s = m->scratch[i];
        apply_observation(m, s & 0x7fffffffu, (int)(s >> 31), obs[i].kind, obs[i].magnitude, obs[i].t);
    }
    oti_record_batch_end(m, n);
    if (applied)
        *applied = n;
    return OT_OK;
}

/* ---- per-direction queries ----------------------------------------------- */

/* The common head of the queries on one direction. `on` is the name the
 * header gives the output argument, so a NULL one is reported by its name. */
static int direction2(const ot_model *m, ot_id truster, ot_id trustee, const void *out, const char *on,
                      const char *fn, const char *xn, const char *yn, const oti_tie **e, int *dir)
{
    int rc;
    uint32_t tie;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(out, fn, on)) ||
        (rc = oti_find_direction(m, truster, trustee, fn, xn, yn, &tie, dir)))
        return rc;
    *e = &m->ties[tie];
    return OT_OK;
}

static int direction(const ot_model *m, ot_id truster, ot_id trustee, const void *out, const char *on,
                     const char *fn, const oti_tie **e, int *dir)
{
    return direction2(m, truster, trustee, out, on, fn, "truster", "trustee", e, dir);
}

OT_API int ot_trust(const ot_model *m, ot_id truster, ot_id trustee, double *out)
{
    const oti_tie *e;
    int dir, rc = direction(m, truster, trustee, out, "out", "ot_trust", &e, &dir);
    if (rc)
        return rc;
    *out = e->d[dir].T;
    return OT_OK;
}

OT_API int ot_trustworthiness(const ot_model *m, ot_id truster, ot_id trustee, double *out)
{
    const oti_tie *e;
    int dir, rc = direction(m, truster, trustee, out, "out", "ot_trustworthiness", &e, &dir);
    if (rc)
        return rc;
    *out = oti_trustworthiness(m, e, dir);
    return OT_OK;
}

OT_API int ot_expectation(const ot_model *m, ot_id truster, ot_id trustee, int dim, double *out)
{
    const oti_tie *e;
    int dir, rc = direction(m, truster, trustee, out, "out", "ot_expectation", &e, &dir);
    if (rc)
        return rc;
    if (dim < OT_ABILITY || dim > OT_INTEGRITY)
        return oti_fail(OT_EINVAL, "ot_expectation: dim = %d is not an ot_dimension (1..3)", dim);
    double r[3], s[3];
    oti_decayed(m, e, dir, r, s);
    *out = expectation(r[dim - 1], s[dim - 1]);
    return OT_OK;
}

void oti_opinion(const ot_model *m, const oti_tie *e, int dir, ot_sl_opinion *w)
{
    double r[3], s[3];
    oti_decayed(m, e, dir, r, s);
    double R = r[0] + r[1] + r[2], S = s[0] + s[1] + s[2], K = R + S + 2.0;
    w->b = R / K;
    w->d = S / K;
    w->u = 2.0 / K;
    w->a = m->actors[dir == 0 ? e->a : e->b].propensity;
}

OT_API int ot_opinion(const ot_model *m, ot_id truster, ot_id trustee, double *b, double *d, double *u, double *a)
{
    static const char fn[] = "ot_opinion";
    const oti_tie *e;
    int dir, rc;
    if ((rc = oti_check_out(b, fn, "b")) || (rc = oti_check_out(d, fn, "d")) || (rc = oti_check_out(u, fn, "u")) ||
        (rc = oti_check_out(a, fn, "a")) || (rc = direction(m, truster, trustee, b, "b", fn, &e, &dir)))
        return rc;
    ot_sl_opinion w;
    oti_opinion(m, e, dir, &w);
    *b = w.b;
    *d = w.d;
    *u = w.u;
    *a = w.a;
    return OT_OK;
}

OT_API int ot_dark_side(const ot_model *m, ot_id truster, ot_id trustee, int *flag)
{
    const oti_tie *e;
    int dir, rc = direction(m, truster, trustee, flag, "flag", "ot_dark_side", &e, &dir);
    if (rc)
        return rc;
    double r[3], s[3];
    oti_decayed(m, e, dir, r, s);
    double evidence = r[0] + r[1] + r[2] + s[0] + s[1] + s[2];
    *flag = evidence >= OTI_P(m, DARK_SIDE_MIN_EVIDENCE) &&
            e->d[dir].T - oti_trustworthiness(m, e, dir) >= OTI_P(m, DARK_SIDE_GAP);
    return OT_OK;
}

OT_API int ot_scars(const ot_model *m, ot_id truster, ot_id trustee, double *scar, double *deception_scar)
{
    static const char fn[] = "ot_scars";
    const oti_tie *e;
    int dir, rc;
    uint32_t tie;
    if ((rc = oti_check_model(m, fn)))
        return rc;
    if (!scar && !deception_scar)
        return oti_fail(OT_EINVAL, "%s: scar and deception_scar are both NULL; nothing to write", fn);
    if ((rc = oti_find_direction(m, truster, trustee, fn, "truster", "trustee", &tie, &dir)))
        return rc;
    e = &m->ties[tie];
    double s, sp;
    oti_scars_at(m, e, dir, m->now, &s, &sp);
    if (scar)
        *scar = s;
    if (deception_scar)
        *deception_scar = sp;
    return OT_OK;
}

OT_API int ot_ceiling(const ot_model *m, ot_id truster, ot_id trustee, double *out)
{
    const oti_tie *e;
    int dir, rc = direction(m, truster, trustee, out, "out", "ot_ceiling", &e, &dir);
    if (rc)
        return rc;
    *out = oti_ceiling_at(m, e, dir, m->now);
    return OT_OK;
}

static int basis_of(const ot_model *m, const oti_tie *e, int dir)
{
    double u = oti_tie_uncertainty(m, e);
    if (e->d[dir].T >= OTI_P(m, COOP_TAU0) + OTI_P(m, COOP_TAU1) * u)
        return OT_BASIS_TRUST;
    if (oti_trustworthiness(m, e, dir) >= OTI_P(m, COOP_RELIABILITY) && u <= OTI_P(m, COOP_MAX_UNCERTAINTY))
        return OT_BASIS_RELIABILITY;
    return OT_BASIS_AT_RISK;
}

OT_API int ot_cooperation_basis(const ot_model *m, ot_id a, ot_id b, int *basis)
{
    const oti_tie *e;
    int dir, rc = direction2(m, a, b, basis, "basis", "ot_cooperation_basis", "a", "b", &e, &dir);
    if (rc)
        return rc;
    int x = basis_of(m, e, 0), y = basis_of(m, e, 1);
    *basis = x < y ? x : y;
    return OT_OK;
}
