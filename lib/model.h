/* The model's representation, shared by the library's sources (never
 * installed).
 *
 * Everything is kept in arrays indexed by the dense public ids. Aggregates
 * (reputation, backing, layer trust, standing, per-actor contributions) are
 * sums over directions of ties, kept in 64.64 fixed point (lib/fixed.h).
 * SPDX-License-Identifier: MIT */
#ifndef OTI_MODEL_H
#define OTI_MODEL_H

#include "alloc.h"
#include "config.h"
#include "event.h"
#include "fixed.h"
#include "hmap.h"
#include "kinds.h"
#include "life.h"
#include "textset.h"

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
    double r[OTI_NDIMS], s[OTI_NDIMS]; /* Beta counters by dimension: ability, benevolence, integrity */
    double scar; /* sigma of docs/model.md, section 11, decayed to the tie's t_last: heals */
#ifdef ORGTRUST_TEST_DUMMY_FIELDS
    double test_dummy; /* inert (0): proves the snapshot reads directions by key */
#endif
} oti_dir;

#define OTI_TIE_ALO 1u   /* a works on the leaf pair's lo side */
#define OTI_TIE_BACK0 2u /* a is on a layer >= 1: direction 0 counts for backing */
#define OTI_TIE_BACK1 4u /* b is on a layer >= 1: direction 1 counts for backing */
#define OTI_TIE_ATTR 8u  /* intensity, affect or uncertainty differ from the defaults: see m->attrs */
#define OTI_TIE_RARE 16u /* a direction has had a promise: see m->rare */
/* People come and go (lib/turnover.c); the high bits, apart from the rest. */
#define OTI_TIE_INDIAG 64u /* listed in m->diag (stays listed when it stops being diagonal) */
#define OTI_TIE_ENDED 128u /* ended: in no aggregate, no hazard, no escalation path */
/* The bits oti_tie_place() derives from the ends; the rest it leaves alone. */
#define OTI_TIE_PLACED (OTI_TIE_ALO | OTI_TIE_BACK0 | OTI_TIE_BACK1)


/* A tie: 176 bytes, everything an observation touches and nothing else.
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
    /* Each direction's deception scar sigma_p (docs/model.md, section 11),
     * decayed to t_last: computed in double, kept in single precision (a
     * relative 6e-8), which keeps the tie 8 bytes smaller than a double pair. */
    float deception[2];
    /* When both directions' counters were last decayed (-inf: never). One
     * clock for the tie: decaying the other direction early is exact up to
     * an ulp, as 2^-a * 2^-b = 2^-(a+b) (docs/model.md, section 10). */
    double t_last;
    oti_dir d[2];
} oti_tie;

#define OTI_MAX_OPEN UINT16_MAX /* open disruptions on one tie */

/* What few directions ever have (docs/model.md, section 12): a promise.
 * Kept beside the ties, as attributes are, so the tie record does not
 * grow for it. */
typedef struct oti_rare {
    ot_id tie;
    uint32_t pad;
    double promise_at[2];   /* when the latest promise was made (-inf: never) */
    double promise_gain[2]; /* its factor on the gain rate, 1 + pi * E_I * (1 - sigma_p) */
} oti_rare;

/* The attributes of a tie that no longer has the defaults. */
typedef struct oti_attr {
    ot_id tie;
    uint32_t pad;
    double w, affect, uncertainty; /* in ot_tie_attr order: oti_attr_value() indexes them */
} oti_attr;

/* The value of attribute `attr` (an ot_tie_attr) in a record. */
static inline double *oti_attr_value(oti_attr *at, int attr) { return &at->w + (attr - OT_TIE_INTENSITY); }
_Static_assert(OT_TIE_AFFECT == OT_TIE_INTENSITY + 1 && OT_TIE_UNCERTAINTY == OT_TIE_INTENSITY + 2 &&
                   OTI_NTIE_ATTRS == 3 && offsetof(oti_attr, uncertainty) == offsetof(oti_attr, w) + 2 * sizeof(double),
               "oti_attr holds the tie attributes in ot_tie_attr order");

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
    uint8_t response;  /* ot_response: how the other party answered (OT_RESPONSE_NONE: reticent) */
    uint8_t truth;     /* OTI_TRUTH_*: what later evidence showed */
    double severity, t_open, t_before, t_surfaced, t_closed;
} oti_disruption;

enum { OTI_TRUTH_UNKNOWN = 0, OTI_TRUTH_INNOCENT = 1, OTI_TRUTH_GUILTY = 2 };

/* ---- the model ----------------------------------------------------- */

struct ot_model {
    struct ot_config cfg;
    double now; /* the t of the last accepted event; -inf before the first */
    int keep_events;
    int readonly;
    int replaying; /* applying journaled events: do not journal them again */
    int restoring; /* a snapshot sets each new tie's state itself: no trust transfer to work out */
    int scar_clocks; /* OTI_SCARS_*: how the scars fade beside the evidence (lib/trust.c) */

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
    oti_rare *rare; /* ties with a promise */
    size_t nrare, caprare;
    oti_hmap rare_index; /* tie -> rare entry */
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

    oti_logrec *log; /* kept events */
    /* nlog: the kept events; for a store-bound model (keep_events 0, log
     * empty) the number of journal entries, kept by lib/store.c, so that
     * ot_model_count(OT_EVENTS) counts them. */
    size_t nlog;
    size_t loglen, caplog; /* records in the log (a wide event takes two) */
    oti_event *stage;      /* events staged for a journal */
    size_t capstage;
    uint32_t *scratch; /* a batch's resolved ties */
    size_t capscratch;

    oti_journal journal; /* write == NULL: not bound to a store */
    /* While the history replays the model (lib/history.c): told about each
     * direction's trust just before it changes. fn NULL otherwise. */
    struct {
        void (*fn)(void *ctx, const ot_model *m, const oti_tie *e, int dir);
        void *ctx;
    } watch;

    oti_life life; /* people come and go, the ladder (lib/life.h) */
    oti_texts texts; /* the description, notes, labels, the epoch (lib/texts.h) */
};

#define OTI_P(m, name) ((m)->cfg.p[OT_PARAM_##name])

/* People come and go (lib/turnover.c). */
static inline int oti_actor_left(const ot_model *m, ot_id a) { return (m->life.line[a].flags & OTI_ACTOR_LEFT) != 0; }
static inline int oti_tie_ended(const oti_tie *e) { return (e->flags & OTI_TIE_ENDED) != 0; }

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

#endif
