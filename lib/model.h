/* The model's representation, shared by the library's sources (never
 * installed).
 *
 * Everything is kept in arrays indexed by the dense public ids. Aggregates
 * (reputation, backing, layer trust, standing, per-actor contributions) are
 * sums over directions of ties, kept in 64.64 fixed point so that they are
 * exact: the order in which contributions arrive never changes a bit, and the
 * checker can recompute them and compare for equality.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_MODEL_H
#define OTI_MODEL_H

#include "alloc.h"
#include "config.h"
#include "hmap.h"
#include "life.h"

#include <orgtrust.h>
#include <stddef.h>
#include <stdint.h>

/* For functions that only prefetch: GCC deems such a function free of side
 * effects (a prefetch touches no memory it models) and deletes a call it did
 * not inline, so they must always be inlined. */
#define OTI_PREFETCHER static inline __attribute__((always_inline))
/* For the steps of an observation: inlined into the batch's loop and
 * ot_observe() even past GCC's size limits, as a call there costs more
 * (saving and restoring registers) than the code it would share. */
#define OTI_HOT static inline __attribute__((always_inline))

/* ---- fixed point ------------------------------------------------------ */

/* A sum of non-negative reals in units of 2^-64. Intensities are at most
 * 1e6 < 2^20 and ids fewer than 2^32, so a sum stays below 2^116. */
__extension__ typedef __int128 oti_fx;

#define OTI_FX_ONE 18446744073709551616.0 /* 2^64 */

__extension__ typedef unsigned __int128 oti_ufx;

/* Truncation of x * 2^64 for x in [0, 2^63) (w * T and w always are):
 * exact for every x >= 2^-11 and deterministic always, so a recomputation
 * gives the very same integer. The whole part and the fraction's two
 * 32-bit halves, each converted exactly by a signed conversion (one
 * instruction, and no branch on the value as an unsigned one takes), give
 * the same truncation as libgcc's __fixdfti. */
static inline oti_fx oti_fx_term(double x)
{
    int64_t whole = (int64_t)x;
    double f = (x - (double)whole) * 4294967296.0; /* exact: Sterbenz, or whole = 0; then a power of 2 */
    int64_t hi = (int64_t)f;
    int64_t lo = (int64_t)((f - (double)hi) * 4294967296.0); /* exact likewise */
    return (oti_fx)((oti_ufx)(uint64_t)whole << 64 | (uint64_t)hi << 32 | (uint64_t)lo);
}

/* oti_fx_term for any x. */
static inline oti_fx oti_fx_of(double x)
{
    return x >= 0.0 && x < 9223372036854775808.0 ? oti_fx_term(x) : (oti_fx)(x * OTI_FX_ONE);
}

typedef struct oti_agg {
    oti_fx sum; /* sum of w * T */
    oti_fx w;   /* sum of w */
} oti_agg;

/* The weighted mean, or `prior` when nothing contributes. */
static inline double oti_agg_mean(const oti_agg *a, double prior)
{
    if (a->w <= 0)
        return prior;
    double v = (double)a->sum / (double)a->w;
    return v > 1.0 ? 1.0 : v; /* truncation can only push up by 1 ulp */
}

/* ---- structure -------------------------------------------------------- */

#define OTI_NAME_MAX 4096
/* Ids stay below OT_NONE, and hash tags below 2^32 slots. */
#define OTI_MAX_IDS 0x7fffffffu

typedef struct oti_org {
    const char *name; /* in m->names */
    ot_id parent;
    uint32_t depth; /* 0 for a root */
} oti_org;

typedef struct oti_actor {
    const char *name; /* in m->names: no allocation per actor */
    ot_id org;
    ot_id superior;
    uint32_t layer;
    uint32_t last; /* the actor's newest tie, where its circular list (oti_tie.next) closes; OT_NONE: none */
    double propensity;
} oti_actor;

/* One direction of a tie: the truster's state about the trustee. */
typedef struct oti_dir {
    double T;
    double r[3], s[3]; /* Beta counters by dimension: ability, benevolence, integrity */
} oti_dir;

#define OTI_TIE_ALO 1u   /* a works on the leaf pair's lo side */
#define OTI_TIE_BACK0 2u /* a is on a layer >= 1: direction 0 counts for backing */
#define OTI_TIE_BACK1 4u /* b is on a layer >= 1: direction 1 counts for backing */
#define OTI_TIE_ATTR 8u  /* intensity, affect or uncertainty differ from the defaults: see m->attrs */
/* People come and go (lib/lifecycle.c); the high bits, apart from the rest. */
#define OTI_TIE_INDIAG 64u /* listed in m->diag (stays listed when it stops being diagonal) */
#define OTI_TIE_ENDED 128u /* ended: in no aggregate, no hazard, no escalation path */
/* The bits oti_tie_place() derives from the ends; the rest it leaves alone. */
#define OTI_TIE_PLACED (OTI_TIE_ALO | OTI_TIE_BACK0 | OTI_TIE_BACK1)

/* The defaults of a new tie's attributes. */
#define OTI_DEFAULT_W 1.0
#define OTI_DEFAULT_AFFECT 0.0
#define OTI_DEFAULT_UNCERTAINTY 0.5

/* A tie: 152 bytes, everything an observation touches and nothing else.
 * Attributes still at their defaults (most ties) take no room here; the
 * class is derived from the ends (oti_tie_cls). */
typedef struct oti_tie {
    ot_id a, b;       /* as given; direction 0 is a -> b, direction 1 is b -> a */
    uint32_t leaf;    /* pair record of (org(a), org(b)); OT_NONE for internal ties */
    uint32_t ap[2];   /* actor-pair record of each direction's truster; external ties */
    uint32_t next[2]; /* the next tie in a's and in b's circular list (the newest wraps to the oldest) */
    uint8_t layer;    /* the higher of the two actors' layers */
    uint8_t flags;    /* OTI_TIE_*: facts about the ends, kept here to spare the hot path a lookup */
    uint16_t open;    /* open disruptions on the tie */
    /* When both directions' counters were last decayed (-inf: never). One
     * clock for the tie: decaying the other direction early is exact up to
     * an ulp, as 2^-a * 2^-b = 2^-(a+b) (docs/model.md, section 10). */
    double t_last;
    oti_dir d[2];
} oti_tie;

#define OTI_MAX_OPEN UINT16_MAX /* open disruptions on one tie */

/* The attributes of a tie that no longer has the defaults. */
typedef struct oti_attr {
    ot_id tie;
    uint32_t pad;
    double w, affect, uncertainty;
} oti_attr;

/* An unordered pair of non-overlapping organisations that some tie runs
 * between (directly or through sub-organisations). */
typedef struct oti_pair {
    ot_id lo, hi;    /* lo < hi */
    uint32_t top;    /* the pair of the two organisations just below the common ancestor */
    uint32_t anc;    /* leaf pairs: first entry in the ancestor pool */
    uint16_t nanc;   /* leaf pairs: entries there (0 until the pair is a leaf; at most 16 * 16) */
    uint16_t flags;  /* OTI_PAIR_TOP when lo and hi are siblings or roots */
    uint32_t climate; /* the top pair's block in m->climate (every pair of the top shares it) */
} oti_pair;

#define OTI_PAIR_TOP 1u

/* What one actor contributes to its side of a top pair. */
typedef struct oti_apair {
    ot_id actor;
    uint32_t pair;
    uint32_t min_layer; /* lowest layer among the actor's partners on the other side */
} oti_apair;

/* Every aggregate, as sums over directions of ties. Kept apart from the
 * records so the checker can rebuild a second set with the same code. */
typedef struct oti_sums {
    /* 4 + nlayers per pair (oti_pair_sums): rep lo->hi, rep hi->lo, backing
     * lo->hi, backing hi->lo (OTI_REP, OTI_BACKING), then both directions
     * by tie layer (OTI_LAYER + l). One block per pair: an observation that
     * feeds a pair's reputation and layer sums finds them side by side. */
    oti_agg *pair;
    oti_agg *apair;    /* per actor-pair record: T(actor -> member of the other side) */
    oti_agg *standing; /* per actor: T(k -> actor) over internal ties */
} oti_sums;

typedef struct oti_disruption {
    ot_id tie;
    ot_id observer;
    uint8_t kind, separated, status, surfaced, failed;
    uint8_t esc_layer; /* layer of the step that resolved it */
    double severity, t_open, t_before, t_surfaced, t_closed;
} oti_disruption;

/* ---- events -------------------------------------------------------- */

enum oti_event_type {
    OTI_EV_ORG_ADD = 1,    /* a = id, b = parent */
    OTI_EV_ACTOR_ADD,      /* a = id, b = org, c = superior, kind = layer */
    OTI_EV_SET_SUPERIOR,   /* a = actor, b = superior */
    OTI_EV_SET_PROPENSITY, /* a = actor, x = p */
    OTI_EV_TIE_ADD,        /* a = id, b = first actor, c = second actor */
    OTI_EV_TIE_SET,        /* a = tie, kind = attribute, x = value */
    OTI_EV_OBSERVE,        /* a = truster, b = trustee, kind, x = magnitude, t */
    OTI_EV_DISRUPT,        /* a = observer, b = other, c = id, kind, flag = separated, x = severity, t */
    OTI_EV_REPAIR,         /* a = disruption, t */
    OTI_EV_ESCALATE,       /* a = disruption, kind = mode, t */
    OTI_EV_CONSULT,        /* a = x, b = y, c = liaison x, d = liaison y, t */
    OTI_EV_RULE,           /* a = organisation, t */
    /* Version 1.1: people come and go, the ladder (lib/lifecycle.c, lib/ladder.c). */
    OTI_EV_TIE_END,        /* a = tie, t */
    OTI_EV_LEAVE,          /* a = actor, t */
    OTI_EV_MOVE,           /* a = actor, b = org, c = superior, kind = layer, t */
    OTI_EV_ADVANCE,        /* t */
    OTI_EV_REFER,          /* a = disruption, kind = mode, t */
    OTI_EV_RESOLVE         /* a = disruption, t */
};
#define OTI_EV_LAST OTI_EV_RESOLVE

/* One accepted mutating call, enough to replay it exactly. */
typedef struct oti_event {
    uint8_t type, kind, flag, pad;
    uint32_t a, b, c, d;
    double x, t;
} oti_event;

/* Where a store-bound model sends its calls (see lib/store.c). */
typedef struct oti_journal {
    /* Make n staged events durable (name: the org or actor name of an _ADD
     * event). OT_OK, or a status with the message set (nothing written). */
    int (*write)(void *ctx, const oti_event *ev, size_t n, const char *name);
    /* Visit every event ever accepted, oldest first, until cb returns non-0. */
    int (*foreach)(void *ctx, int (*cb)(void *arg, const oti_event *ev, const char *name), void *arg);
    void (*close)(void *ctx);
    void *ctx;
} oti_journal;

/* ---- the model ----------------------------------------------------- */

struct ot_model {
    struct ot_config cfg;
    double now; /* the t of the last accepted event; -inf before the first */
    int keep_events;
    int readonly;
    int replaying; /* applying journaled events: do not journal them again */

    oti_org *orgs;
    size_t norgs, caporgs;
    oti_actor *actors;
    size_t nactors, capactors;
    oti_tie *ties;
    size_t nties, capties;
    oti_hmap tie_index; /* (lower actor, higher actor) -> tie */
    oti_attr *attrs; /* ties with attributes other than the defaults */
    size_t nattrs, capattrs;
    oti_hmap attr_index; /* tie -> attrs entry */
    oti_arena names; /* of organisations and actors */

    oti_pair *pairs;
    size_t npairs, cappairs;
    uint32_t *anc; /* ancestor entries: pair << 1 | flip */
    size_t nanc, capanc;
    oti_hmap pair_index; /* (lo, hi) -> pair */

    /* Per top pair, nlayers doubles: the climate damping min(1, climate /
     * threshold) a gain on a tie of that layer gets (1: no tie above). A
     * cache of the top pair's layer sums, refreshed whenever a sum of layer
     * >= 1 changes, so a positive observation reads one double instead of
     * dividing 128-bit sums. Kept in chunks of OTI_CLIMATE_CHUNK blocks that
     * never move: no growing array, so the big arrays' places in the heap
     * (and so the resident memory) stay as they were. */
    double **climate;
    size_t nclimate, nchunks, capchunks; /* blocks, chunks, room for chunk pointers */

    oti_apair *apairs;
    size_t napairs, capapairs;
    oti_hmap apair_index; /* (actor, pair) -> apair */

    oti_sums sums;
    size_t cap_sum_pair, cap_sum_apair, cap_sum_standing;

    uint32_t *diag; /* diagonal ties, increasing */
    size_t ndiag, capdiag;

    oti_disruption *disr;
    size_t ndisr, capdisr;

    oti_event *log; /* kept events */
    /* nlog: the kept events; for a store-bound model (keep_events 0, log
     * empty) the number of journal entries, kept by lib/store.c, so that
     * ot_model_count(OT_EVENTS) counts them. */
    size_t nlog, caplog;
    oti_event *stage; /* events staged for a journal when not kept */
    size_t capstage;
    uint32_t *scratch; /* a batch's resolved ties */
    size_t capscratch;

    oti_journal journal; /* write == NULL: not bound to a store */

    oti_life life; /* people come and go, the ladder (lib/life.h) */
};

#define OTI_P(m, name) ((m)->cfg.p[OT_PARAM_##name])

/* Where the sums of a pair start in s->pair, and their places there. */
enum { OTI_REP = 0, OTI_BACKING = 2, OTI_LAYER = 4 };
static inline oti_agg *oti_pair_sums(const ot_model *m, const oti_sums *s, size_t pair)
{
    return &s->pair[pair * (OTI_LAYER + m->cfg.nlayers)];
}

#define OTI_CLIMATE_CHUNK 1024u /* climate blocks a chunk holds */

/* Climate block c (of nlayers doubles). */
static inline double *oti_climate_block(const ot_model *m, uint32_t c)
{
    return m->climate[c / OTI_CLIMATE_CHUNK] + (size_t)(c % OTI_CLIMATE_CHUNK) * m->cfg.nlayers;
}

/* ---- shared helpers (lib/model.c) ------------------------------------ */

/* 1 when org x is a or lies inside a. */
int oti_org_within(const ot_model *m, ot_id x, ot_id a);
/* 1 when one organisation contains the other (or they are the same). */
int oti_orgs_overlap(const ot_model *m, ot_id x, ot_id y);
/* For non-overlapping x and y: the two organisations just below their
 * lowest common ancestor, on x's and y's side. */
void oti_org_sides(const ot_model *m, ot_id x, ot_id y, ot_id *sx, ot_id *sy);
uint32_t oti_tie_lookup(const ot_model *m, ot_id a, ot_id b);

/* ---- the tie index, inline for the hot paths ---------------------------- */

static inline uint64_t oti_tie_key(ot_id a, ot_id b) { return a < b ? oti_key2(a, b) : oti_key2(b, a); }

/* The first slot from i on that holds `tag` or is empty: the only slots
 * whose tie a lookup reads. Slots must exist. */
static inline size_t oti_tie_probe(const oti_hmap *h, uint32_t tag, size_t i)
{
    while (h->slots[i].id != UINT32_MAX && h->slots[i].tag != tag)
        i = oti_hmap_next(h, i);
    return i;
}

/* Finish a lookup of key (tag = its hash's top half) from slot i, a slot
 * oti_tie_probe() returned: the tie, or UINT32_MAX. */
static inline uint32_t oti_tie_get_at(const ot_model *m, uint64_t key, uint32_t tag, size_t i)
{
    const oti_hmap *h = &m->tie_index;
    for (;; i = oti_tie_probe(h, tag, oti_hmap_next(h, i))) {
        uint32_t id = h->slots[i].id;
        if (id == UINT32_MAX || oti_tie_key(m->ties[id].a, m->ties[id].b) == key)
            return id;
    }
}

/* The tie of key (hash = oti_hash64(key)), or UINT32_MAX. */
static inline uint32_t oti_tie_get(const ot_model *m, uint64_t key, uint64_t hash)
{
    const oti_hmap *h = &m->tie_index;
    if (!h->slots)
        return UINT32_MAX;
    uint32_t tag = (uint32_t)(hash >> 32);
    return oti_tie_get_at(m, key, tag, oti_tie_probe(h, tag, oti_hmap_home(h, tag)));
}

/* Ask for every cache line of a tie ahead of its use (a tie spans 3 or 4). */
OTI_PREFETCHER void oti_prefetch_tie(const ot_model *m, uint32_t tie)
{
    const char *p = (const char *)&m->ties[tie];
    __builtin_prefetch(p, 1);
    __builtin_prefetch(p + 64, 1);
    __builtin_prefetch(p + 128, 1);
    __builtin_prefetch(p + sizeof(oti_tie) - 1, 1);
}
uint32_t oti_pair_lookup(const ot_model *m, ot_id x, ot_id y);
uint32_t oti_apair_lookup(const ot_model *m, ot_id actor, uint32_t pair);

/* A tie's attributes: the defaults unless OTI_TIE_ATTR says otherwise. */
const oti_attr *oti_attr_of(const ot_model *m, const oti_tie *e);
static inline double oti_tie_w(const ot_model *m, const oti_tie *e)
{
    return e->flags & OTI_TIE_ATTR ? oti_attr_of(m, e)->w : OTI_DEFAULT_W;
}
static inline double oti_tie_affect(const ot_model *m, const oti_tie *e)
{
    return e->flags & OTI_TIE_ATTR ? oti_attr_of(m, e)->affect : OTI_DEFAULT_AFFECT;
}
static inline double oti_tie_uncertainty(const ot_model *m, const oti_tie *e)
{
    return e->flags & OTI_TIE_ATTR ? oti_attr_of(m, e)->uncertainty : OTI_DEFAULT_UNCERTAINTY;
}
/* An actor's ties in increasing id order, through the ties themselves (no
 * allocation per actor):
 *   for (id = oti_tie_first(m, x); id != OT_NONE; id = oti_tie_next(m, x, id)) */
static inline uint32_t oti_tie_first(const ot_model *m, ot_id x)
{
    uint32_t last = m->actors[x].last;
    if (last == OT_NONE)
        return OT_NONE;
    const oti_tie *e = &m->ties[last];
    return e->next[e->a == x ? 0 : 1];
}
static inline uint32_t oti_tie_next(const ot_model *m, ot_id x, uint32_t id)
{
    if (id == m->actors[x].last)
        return OT_NONE;
    const oti_tie *e = &m->ties[id];
    return e->next[e->a == x ? 0 : 1];
}

/* ot_tie_class of a tie, from its ends. */
int oti_tie_cls(const ot_model *m, const oti_tie *e);

/* The condition oti_check_mutable() checks, for fast paths that test it
 * inline and call the check only to say why it failed. */
static inline int oti_is_mutable(const ot_model *m) { return m && !m->readonly; }

/* Argument checks that set the message; `fn` names the public function. */
int oti_check_model(const ot_model *m, const char *fn);
int oti_check_mutable(const ot_model *m, const char *fn);
int oti_check_org(const ot_model *m, ot_id org, const char *fn, const char *arg);
int oti_check_actor(const ot_model *m, ot_id actor, const char *fn, const char *arg);
int oti_check_time(const ot_model *m, double t, const char *fn);
int oti_check_unit(double v, const char *fn, const char *arg);
int oti_check_out(const void *p, const char *fn, const char *arg);
int oti_check_tie(const ot_model *m, ot_id tie, const char *fn);
/* Find the tie of two actors and the direction truster -> trustee. */
int oti_find_direction(const ot_model *m, ot_id truster, ot_id trustee, const char *fn, const char *xn,
                       const char *yn, uint32_t *tie, int *dir);

/* ---- events (lib/events.c) ------------------------------------------ */

/* 1 when accepted calls must be recorded (kept or journaled). */
static inline int oti_recording(const ot_model *m)
{
    return m->keep_events || (m->journal.write && !m->replaying);
}
/* Room for n events; NULL on out of memory (message set for fn). */
oti_event *oti_stage(ot_model *m, size_t n, const char *fn);
/* Journal the n staged events (nothing to do when not bound). */
int oti_journal_staged(ot_model *m, size_t n, const char *name);
/* After applying: keep the n staged events when events are kept. */
void oti_commit_staged(ot_model *m, size_t n);
/* Stage, journal and (after the caller applied it) keep a single event: the
 * common path of every call but the batch. */
int oti_record_begin(ot_model *m, const oti_event *ev, const char *name, const char *fn);
void oti_record_end(ot_model *m);
/* Visit every accepted event, oldest first: the kept log, or the store's
 * journal for a store-bound model. For ORG_ADD and ACTOR_ADD events `name`
 * is the name given; NULL otherwise. Stops at the first non-zero return of
 * cb and returns it; OT_ENOTSUP (message set) when the events were not
 * kept. */
int oti_events_foreach(const ot_model *m, int (*cb)(void *arg, const oti_event *ev, const char *name), void *arg);

/* ---- placing ties (lib/model.c), shared with the lifecycle ------------- */

/* Deep enough for province / municipality / directorate / department /
 * team / unit and more; bounded because every tie between two deep
 * organisations feeds (depth below the common ancestor)^2 pair aggregates. */
#define OTI_MAX_DEPTH 16

/* Everything placing a tie between two actors needs, worked out from their
 * positions before anything changes. */
typedef struct oti_tie_plan {
    int external;
    ot_id leaf_lo, leaf_hi;                 /* the two actors' own organisations, ordered */
    ot_id cx[OTI_MAX_DEPTH], cy[OTI_MAX_DEPTH]; /* chains of org(a) and org(b) up to their sides */
    unsigned nx, ny;
    uint32_t pair[OTI_MAX_DEPTH][OTI_MAX_DEPTH]; /* existing record of (cx[i], cy[j]) or UINT32_MAX */
    unsigned new_pairs;
    int new_leaf;      /* the leaf record gets its ancestor list now */
    uint32_t ap[2];    /* existing actor-pair records, or UINT32_MAX */
    unsigned new_aps;
} oti_tie_plan;

/* Room that placing some ties may need (upper bounds; shared records are
 * counted once per tie). */
typedef struct oti_tie_need {
    size_t ties, diag, pairs, aps, anc, tops;
} oti_tie_need;

void oti_tie_plan_of(const ot_model *m, ot_id a, ot_id b, oti_tie_plan *p);
/* Add what placing the planned tie of a and b needs to *n. */
void oti_tie_need_add(const ot_model *m, ot_id a, ot_id b, const oti_tie_plan *p, oti_tie_need *n);
/* Grow every array and index placing ties will touch; nothing visible
 * changes, so a failure (-1) leaves the model as it was. */
int oti_tie_reserve(ot_model *m, const oti_tie_need *n);
/* Derive the class of tie e from its ends' positions (the plan made for
 * them, room reserved): layer, backing flags, organisation pair and
 * actor-pair records; the records it needs are made. Contributions are the
 * caller's. */
void oti_tie_place(ot_model *m, oti_tie *e, oti_tie_plan *p);
/* The superior rule of docs/model.md section 1 for an actor of `org` on
 * `layer`. */
int oti_check_superior(const ot_model *m, ot_id org, unsigned layer, ot_id sup, const char *fn);

/* ---- people come and go (lib/lifecycle.c) ------------------------------ */

static inline int oti_actor_left(const ot_model *m, ot_id a) { return (m->life.line[a].flags & OTI_ACTOR_LEFT) != 0; }
static inline int oti_tie_ended(const oti_tie *e) { return (e->flags & OTI_TIE_ENDED) != 0; }
/* OT_ESTATE naming the actor when it has left (the actor exists). */
int oti_check_present(const ot_model *m, ot_id actor, const char *fn, const char *arg);
/* OT_ESTATE naming the tie when it has ended (the tie exists). */
int oti_check_active(const ot_model *m, ot_id tie, const char *fn, const char *arg);
/* The actor joins (leaves) its superior's list of direct reports. */
void oti_line_join(ot_model *m, ot_id a);
/* A new actor's line record (no reports), in its superior's list. */
void oti_line_new(ot_model *m, ot_id a);
void oti_line_leave(ot_model *m, ot_id a);
/* Actor-pair record ap gains (delta 1) or loses (-1) an active partner on
 * `layer`; its min_layer follows. */
void oti_apair_partner(ot_model *m, uint32_t ap, unsigned layer, int delta);
/* The tie index names `id` where it named `old` (a restarted pair). */
void oti_tie_index_replace(ot_model *m, uint32_t old, uint32_t id);
/* Where a new tie of a and b starts, T0[0] for a -> b and T0[1] for b -> a
 * (propensity, or the trust transfer of docs/model.md section 13). */
void oti_tie_start(const ot_model *m, ot_id a, ot_id b, int external, double T0[2]);
/* After commit: a tie that restarts `old` takes its remembered state;
 * otherwise the directions move to T0. */
void oti_tie_started(ot_model *m, oti_tie *e, uint32_t old, const double T0[2]);
void oti_life_free(oti_life *l);
/* Institutional memory: forget everything (restoring a snapshot); put one
 * entry back as saved (OT_OK, OT_ENOMEM, or OT_EFORMAT for a bad one). */
void oti_memory_clear(ot_model *m);
int oti_memory_restore(ot_model *m, const oti_memory *mem);
/* The checker's part for section 13 and 14 state: OT_OK or OT_ESTATE with
 * the message set. */
int oti_life_check(const ot_model *m);

#endif
