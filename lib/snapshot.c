/* Snapshot format, version 1 (all integers and doubles little-endian):
 *
 *   "OTSNAP1\n" | config | now | orgs | actors | ties | disruptions
 *
 * and version 2, written when the model holds state of docs/model.md
 * sections 13-14 (so a model of 1.0 calls writes, and digests, exactly what
 * 1.0 did):
 *
 *   "OTSNAP2\n" | config | timeboxes | now | left | ended | orgs | actors |
 *   ties | disruptions | rungs | memory
 *
 * left, ended: a u64 count and that many u32 ids (actors that left, ties
 * that ended), before the structure so that restoring can end each tie
 * as it is made (a pair's later tie needs the earlier one ended).
 * config: u32 layers, that many strings, 29 f64 parameters.
 * string: u32 length, bytes. Counts are u64. Aggregates are not written:
 * they are exact functions of the ties and are rebuilt on restore.
 * SPDX-License-Identifier: MIT */
#include "snapshot.h"
#include "aggregate.h"
#include "alloc.h"
#include "args.h"
#include "error.h"
#include "due.h"
#include "lookup.h"
#include "trust.h"
#include "memory.h"

#include <math.h>
#include <string.h>

static const char MAGIC[8] = {'O', 'T', 'S', 'N', 'A', 'P', '1', '\n'};
static const char MAGIC2[8] = {'O', 'T', 'S', 'N', 'A', 'P', '2', '\n'};

/* ---- writing ------------------------------------------------------------ */

/* Bytes go to a growing buffer or, for the digest, straight into a hash. */
typedef struct writer {
    uint8_t *buf;
    size_t len, cap;
    int failed;
    int hashing;
    uint64_t h;
} writer;

static void put(writer *w, const void *p, size_t n)
{
    const uint8_t *b = p;
    if (w->hashing) {
        /* FNV-1a over bytes: simple, stable, and ample for telling states apart. */
        for (size_t i = 0; i < n; i++)
            w->h = (w->h ^ b[i]) * 0x100000001b3ULL;
        return;
    }
    if (w->failed)
        return;
    if (OTI_RESERVE(w->buf, w->cap, w->len + n)) {
        w->failed = 1;
        return;
    }
    memcpy(w->buf + w->len, b, n);
    w->len += n;
}

static void put_u8(writer *w, uint8_t v) { put(w, &v, 1); }

static void put_u32(writer *w, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    put(w, b, 4);
}

static void put_u64(writer *w, uint64_t v)
{
    put_u32(w, (uint32_t)v);
    put_u32(w, (uint32_t)(v >> 32));
}

static void put_f64(writer *w, double d)
{
    uint64_t v;
    memcpy(&v, &d, 8);
    put_u64(w, v);
}

static void put_str(writer *w, const char *s)
{
    size_t n = strlen(s);
    put_u32(w, (uint32_t)n);
    put(w, s, n);
}

/* Whether the model holds anything version 1 of the format cannot say. */
static int needs_v2(const ot_model *m)
{
    const oti_life *l = &m->life;
    if (l->nleft || l->nended || l->nmem)
        return 1;
    struct ot_config d;
    oti_timebox_defaults(&d);
    if (memcmp(d.timebox, m->cfg.timebox, m->cfg.nlayers * sizeof *d.timebox) != 0)
        return 1;
    /* Rungs that restoring without them would not give back. */
    for (size_t i = 0; i < m->ndisr; i++)
        if (!oti_ladder_is_initial(m, (ot_id)i))
            return 1;
    return 0;
}

static void write_life_ids(const ot_model *m, writer *w)
{
    put_u64(w, m->life.nleft);
    for (size_t i = 0; i < m->nactors; i++)
        if (oti_actor_left(m, (ot_id)i))
            put_u32(w, (uint32_t)i);
    put_u64(w, m->life.nended);
    for (size_t i = 0; i < m->nties; i++)
        if (oti_tie_ended(&m->ties[i]))
            put_u32(w, (uint32_t)i);
}

static void write_life_tail(const ot_model *m, writer *w)
{
    for (size_t i = 0; i < m->ndisr; i++) {
        const oti_rung *r = &m->life.rung[i];
        put_u8(w, r->layer);
        put_u8(w, r->failed);
        put_u8(w, r->referred);
        put_u32(w, r->x);
        put_u32(w, r->y);
        put_f64(w, r->since);
    }
    put_u64(w, m->life.nmem);
    for (size_t p = 0; p < m->life.nmem; p++) {
        const oti_memory *mem = &m->life.mem[p];
        put_u32(w, mem->lo);
        put_u32(w, mem->hi);
        for (int k = 0; k < 2; k++) {
            put_f64(w, mem->w[k]);
            put_f64(w, mem->wT[k]);
        }
        put_f64(w, mem->t);
    }
}

static void write_state(const ot_model *m, writer *w)
{
    int v2 = needs_v2(m);
    put(w, v2 ? MAGIC2 : MAGIC, sizeof MAGIC);
    put_u32(w, m->cfg.nlayers);
    for (unsigned i = 0; i < m->cfg.nlayers; i++)
        put_str(w, m->cfg.layer[i]);
    for (int i = 1; i <= OTI_NPARAM; i++)
        put_f64(w, m->cfg.p[i]);
    if (v2)
        for (unsigned i = 0; i < m->cfg.nlayers; i++)
            put_f64(w, m->cfg.timebox[i]);
    put_f64(w, m->now);
    if (v2)
        write_life_ids(m, w);
    put_u64(w, m->norgs);
    for (size_t i = 0; i < m->norgs; i++) {
        put_str(w, m->orgs[i].name);
        put_u32(w, m->orgs[i].parent);
    }
    put_u64(w, m->nactors);
    for (size_t i = 0; i < m->nactors; i++) {
        const oti_actor *a = &m->actors[i];
        put_str(w, a->name);
        put_u32(w, a->org);
        put_u32(w, a->layer);
        put_u32(w, a->superior);
        put_f64(w, a->propensity);
    }
    put_u64(w, m->nties);
    for (size_t i = 0; i < m->nties; i++) {
        const oti_tie *e = &m->ties[i];
        put_u32(w, e->a);
        put_u32(w, e->b);
        put_f64(w, oti_tie_w(m, e));
        put_f64(w, oti_tie_affect(m, e));
        put_f64(w, oti_tie_uncertainty(m, e));
        for (int k = 0; k < 2; k++) {
            const oti_dir *d = &e->d[k];
            put_f64(w, d->T);
            for (int j = 0; j < 3; j++)
                put_f64(w, d->r[j]);
            for (int j = 0; j < 3; j++)
                put_f64(w, d->s[j]);
            put_f64(w, e->t_last); /* once per direction: the format predates the shared clock */
        }
    }
    put_u64(w, m->ndisr);
    for (size_t i = 0; i < m->ndisr; i++) {
        const oti_disruption *d = &m->disr[i];
        put_u32(w, d->tie);
        put_u32(w, d->observer);
        put_u8(w, d->kind);
        put_u8(w, d->separated);
        put_u8(w, d->status);
        put_u8(w, d->surfaced);
        put_u8(w, d->failed);
        put_u8(w, d->esc_layer);
        put_f64(w, d->severity);
        put_f64(w, d->t_open);
        put_f64(w, d->t_before);
        put_f64(w, d->t_surfaced);
        put_f64(w, d->t_closed);
    }
    if (v2)
        write_life_tail(m, w);
}

int oti_snapshot(const ot_model *m, uint8_t **buf, size_t *len)
{
    writer w = {0};
    write_state(m, &w);
    if (w.failed) {
        oti_free(w.buf);
        return oti_nomem("snapshot");
    }
    *buf = w.buf;
    *len = w.len;
    return OT_OK;
}

OT_API int ot_model_digest(const ot_model *m, uint64_t *out)
{
    int rc;
    if ((rc = oti_check_model(m, "ot_model_digest")) || (rc = oti_check_out(out, "ot_model_digest", "out")))
        return rc;
    writer w = {.hashing = 1, .h = 0xcbf29ce484222325ULL};
    write_state(m, &w);
    *out = w.h;
    return OT_OK;
}

/* ---- reading ------------------------------------------------------------ */

typedef struct reader {
    const uint8_t *p, *end;
    const char *where; /* what is being read, for the message */
    int bad;
} reader;

static int take(reader *r, void *dst, size_t n)
{
    if (r->bad || (size_t)(r->end - r->p) < n) {
        r->bad = 1;
        memset(dst, 0, n);
        return -1;
    }
    memcpy(dst, r->p, n);
    r->p += n;
    return 0;
}

static uint8_t get_u8(reader *r)
{
    uint8_t v;
    take(r, &v, 1);
    return v;
}

static uint32_t get_u32(reader *r)
{
    uint8_t b[4];
    take(r, b, 4);
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static uint64_t get_u64(reader *r)
{
    uint64_t lo = get_u32(r);
    return lo | (uint64_t)get_u32(r) << 32;
}

static double get_f64(reader *r)
{
    uint64_t v = get_u64(r);
    double d;
    memcpy(&d, &v, 8);
    return d;
}

/* A string into a NUL-terminated buffer of at most `max` bytes. */
static char *get_str(reader *r, size_t max)
{
    uint32_t n = get_u32(r);
    if (r->bad || n > max || (size_t)(r->end - r->p) < n) {
        r->bad = 1;
        return NULL;
    }
    char *s = oti_malloc((size_t)n + 1);
    if (!s)
        return NULL;
    memcpy(s, r->p, n);
    s[n] = '\0';
    r->p += n;
    return s;
}

static int damaged(const char *what)
{
    return oti_fail(OT_EFORMAT, "snapshot: %s is damaged or truncated", what);
}

/* A public call failed on snapshot data: the data is at fault, unless memory ran out. */
static int refused(int rc, const char *what)
{
    if (rc == OT_ENOMEM)
        return rc;
    oti_error_prefix("snapshot: %s refused: ", what);
    return OT_EFORMAT;
}

static int finite_unit(double v) { return v >= 0.0 && v <= 1.0; }

static int read_config(reader *r, int v2, ot_config **out)
{
    ot_config *c;
    int rc = ot_config_new(&c);
    if (rc)
        return rc;
    uint32_t nl = get_u32(r);
    const char *names[OTI_MAX_LAYERS] = {0};
    char *own[OTI_MAX_LAYERS] = {0};
    if (r->bad || nl < 1 || nl > OTI_MAX_LAYERS) {
        rc = damaged("the layer count");
        goto out;
    }
    for (uint32_t i = 0; i < nl; i++) {
        own[i] = get_str(r, OTI_LAYER_NAME_MAX);
        if (!own[i]) {
            rc = r->bad ? damaged("a layer name") : oti_nomem("snapshot");
            goto out;
        }
        names[i] = own[i];
    }
    if ((rc = ot_config_set_layers(c, nl, names))) {
        rc = refused(rc, "the layers");
        goto out;
    }
    for (int i = 1; i <= OTI_NPARAM; i++)
        if ((rc = ot_config_set(c, i, get_f64(r)))) {
            rc = r->bad ? damaged("the configuration") : refused(rc, "a parameter");
            goto out;
        }
    if (v2) {
        double tb[OTI_MAX_LAYERS];
        for (uint32_t i = 0; i < nl; i++)
            tb[i] = get_f64(r);
        if ((rc = ot_config_set_timeboxes(c, nl, tb))) {
            rc = r->bad ? damaged("the timeboxes") : refused(rc, "the timeboxes");
            goto out;
        }
    }
    rc = OT_OK;
out:
    for (unsigned i = 0; i < OTI_MAX_LAYERS; i++)
        oti_free(own[i]);
    if (rc)
        ot_config_free(c);
    else
        *out = c;
    return rc;
}

/* Organisations and actors. Superiors may have later ids (after a
 * reorganisation), so they are collected into *sup and set afterwards. */
/* The ids of actors that left and ties that ended (version 2), each a
 * sorted list so membership is a binary search. */
typedef struct life_ids {
    uint32_t *left, *ended;
    size_t nleft, nended;
} life_ids;

static int read_ids(reader *r, uint32_t **ids, size_t *n, const char *what)
{
    uint64_t k = get_u64(r);
    if (r->bad || k > OTI_MAX_IDS || k > (size_t)(r->end - r->p) / 4)
        return damaged(what);
    *ids = oti_malloc((size_t)k * sizeof **ids + 1);
    if (!*ids)
        return oti_nomem("snapshot");
    for (uint64_t i = 0; i < k; i++) {
        (*ids)[i] = get_u32(r);
        if (i > 0 && (*ids)[i] <= (*ids)[i - 1])
            return damaged(what);
    }
    *n = (size_t)k;
    return r->bad ? damaged(what) : OT_OK;
}

static int listed(const uint32_t *ids, size_t n, uint32_t id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ids[mid] == id)
            return 1;
        if (ids[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

static int read_structure(reader *r, ot_model *m, const life_ids *life, uint32_t **sup)
{
    int rc;
    uint64_t n = get_u64(r);
    if (r->bad || n > OTI_MAX_IDS)
        return damaged("the organisation count");
    for (uint64_t i = 0; i < n; i++) {
        char *name = get_str(r, OTI_NAME_MAX);
        uint32_t parent = get_u32(r);
        if (!name || r->bad) {
            oti_free(name);
            return r->bad ? damaged("an organisation") : oti_nomem("snapshot");
        }
        rc = ot_org_add(m, name, parent, NULL);
        oti_free(name);
        if (rc)
            return refused(rc, "an organisation");
    }
    n = get_u64(r);
    if (r->bad || n > OTI_MAX_IDS || n > (size_t)(r->end - r->p) / 24)
        return damaged("the actor count");
    *sup = oti_malloc((size_t)n * sizeof **sup + 1);
    if (!*sup)
        return oti_nomem("snapshot");
    for (uint64_t i = 0; i < n; i++) {
        char *name = get_str(r, OTI_NAME_MAX);
        uint32_t org = get_u32(r), layer = get_u32(r);
        (*sup)[i] = get_u32(r);
        double p = get_f64(r);
        if (!name || r->bad) {
            oti_free(name);
            return r->bad ? damaged("an actor") : oti_nomem("snapshot");
        }
        rc = ot_actor_add(m, org, layer, OT_NONE, name, NULL);
        oti_free(name);
        if (rc || (rc = ot_actor_set_propensity(m, (ot_id)i, p)))
            return refused(rc, "an actor");
    }
    for (size_t i = 0; i < m->nactors; i++)
        if ((*sup)[i] != OT_NONE && !listed(life->left, life->nleft, (uint32_t)i) &&
            (rc = ot_actor_set_superior(m, (ot_id)i, (*sup)[i])))
            return refused(rc, "a superior");
    for (size_t k = 0; k < life->nleft; k++)
        if (life->left[k] >= m->nactors || ((*sup)[life->left[k]] != OT_NONE && (*sup)[life->left[k]] >= m->nactors))
            return damaged("the actors that left");
    return OT_OK;
}

static int read_ties(reader *r, ot_model *m, double now, const life_ids *life)
{
    uint64_t n = get_u64(r);
    if (r->bad || n > OTI_MAX_IDS || n > (size_t)(r->end - r->p) / 160)
        return damaged("the tie count");
    for (uint64_t i = 0; i < n; i++) {
        uint32_t a = get_u32(r), b = get_u32(r);
        double w = get_f64(r), af = get_f64(r), u = get_f64(r);
        oti_dir d[2];
        double t_last[2];
        for (int k = 0; k < 2; k++) {
            d[k].T = get_f64(r);
            for (int j = 0; j < 3; j++)
                d[k].r[j] = get_f64(r);
            for (int j = 0; j < 3; j++)
                d[k].s[j] = get_f64(r);
            t_last[k] = get_f64(r);
        }
        if (r->bad)
            return damaged("a tie");
        int rc;
        if ((rc = ot_tie_add(m, a, b, NULL)) || (rc = ot_tie_set(m, (ot_id)i, OT_TIE_INTENSITY, w)) ||
            (rc = ot_tie_set(m, (ot_id)i, OT_TIE_AFFECT, af)) ||
            (rc = ot_tie_set(m, (ot_id)i, OT_TIE_UNCERTAINTY, u)))
            return refused(rc, "a tie");
        oti_tie *e = &m->ties[i];
        for (int k = 0; k < 2; k++) {
            if (!finite_unit(d[k].T) || !(t_last[k] == -INFINITY || (isfinite(t_last[k]) && t_last[k] <= now)))
                return damaged("a tie's trust state");
            for (int j = 0; j < 3; j++)
                if (!(d[k].r[j] >= 0.0 && isfinite(d[k].r[j]) && d[k].s[j] >= 0.0 && isfinite(d[k].s[j])))
                    return damaged("a tie's evidence");
        }
        /* Snapshots written before the tie's two directions shared a clock
         * may hold two times: bring the earlier direction up to the later. */
        int late = t_last[1] > t_last[0];
        double f = oti_fade(m, t_last[!late], t_last[late]);
        for (int j = 0; j < 3; j++) {
            d[!late].r[j] *= f;
            d[!late].s[j] *= f;
        }
        e->t_last = t_last[late];
        for (int k = 0; k < 2; k++) {
            double T = d[k].T;
            d[k].T = e->d[k].T;
            e->d[k] = d[k];
            oti_set_trust(m, e, k, T);
        }
        /* Ended as soon as made: a later tie of the same pair restarts it. */
        if (listed(life->ended, life->nended, (uint32_t)i) && (rc = ot_tie_end(m, (ot_id)i, now)))
            return refused(rc, "an ended tie");
    }
    return OT_OK;
}

/* Version 2: the actors that left leave (their ties have ended), then take
 * back the superior they had, as history. */
static int read_left(ot_model *m, double now, const life_ids *life, const uint32_t *sup)
{
    for (size_t k = 0; k < life->nleft; k++) {
        ot_id a = life->left[k];
        int rc = ot_actor_leave(m, a, now);
        if (rc)
            return refused(rc, "an actor that left");
        m->actors[a].superior = sup[a];
    }
    return OT_OK;
}

/* Version 2: every disruption's rung, then the institutional memory. */
static int read_life_tail(reader *r, ot_model *m)
{
    for (size_t i = 0; i < m->ndisr; i++) {
        oti_rung *g = &m->life.rung[i];
        unsigned layer = get_u8(r), failed = get_u8(r), referred = get_u8(r);
        ot_id x = get_u32(r), y = get_u32(r);
        double since = get_f64(r);
        if (r->bad || layer >= m->cfg.nlayers || failed > 1 || referred > 1 || x >= m->nactors ||
            y >= m->nactors || !isfinite(since))
            return damaged("a disruption's level");
        g->layer = (uint8_t)layer;
        g->failed = (uint8_t)failed;
        g->referred = (uint8_t)referred;
        g->x = x;
        g->y = y;
        g->since = since;
        g->due = since + m->cfg.timebox[layer];
        if (g->heap != OT_NONE)
            oti_ladder_fix(m, (ot_id)i);
    }
    uint64_t n = get_u64(r);
    if (r->bad || n > OTI_MAX_IDS || n > (size_t)(r->end - r->p) / 48)
        return damaged("the institutional memory");
    oti_memory_clear(m); /* what ending the ties just now remembered, in the order kept instead */
    for (uint64_t i = 0; i < n; i++) {
        oti_memory mem;
        mem.lo = get_u32(r);
        mem.hi = get_u32(r);
        for (int k = 0; k < 2; k++) {
            mem.w[k] = get_f64(r);
            mem.wT[k] = get_f64(r);
        }
        mem.t = get_f64(r);
        int rc = oti_memory_restore(m, &mem);
        if (r->bad || rc == OT_EFORMAT)
            return damaged("the institutional memory");
        if (rc)
            return rc;
    }
    return OT_OK;
}

static int read_disruptions(reader *r, ot_model *m, double now)
{
    uint64_t n = get_u64(r);
    if (r->bad || n > OTI_MAX_IDS || n > (size_t)(r->end - r->p) / 54)
        return damaged("the disruption count");
    if (OTI_RESERVE(m->disr, m->capdisr, (size_t)n) || oti_ladder_reserve_n(m, (size_t)n))
        return oti_nomem("snapshot");
    for (uint64_t i = 0; i < n; i++) {
        oti_disruption d = {0};
        d.tie = get_u32(r);
        d.observer = get_u32(r);
        d.kind = get_u8(r);
        d.separated = get_u8(r);
        d.status = get_u8(r);
        d.surfaced = get_u8(r);
        d.failed = get_u8(r);
        d.esc_layer = get_u8(r);
        d.severity = get_f64(r);
        d.t_open = get_f64(r);
        d.t_before = get_f64(r);
        d.t_surfaced = get_f64(r);
        d.t_closed = get_f64(r);
        if (r->bad || d.tie >= m->nties ||
            (d.observer != m->ties[d.tie].a && d.observer != m->ties[d.tie].b) ||
            (d.kind != OT_TASK && d.kind != OT_RELATIONAL) || d.separated > 1 || d.status < OT_OPEN ||
            d.status > OT_WITHDRAWN || d.surfaced > 1 || d.failed > 1 ||
            d.esc_layer >= m->cfg.nlayers || !(d.severity > 0.0 && d.severity <= 1.0) || !isfinite(d.t_open) ||
            !finite_unit(d.t_before) || !isfinite(d.t_surfaced) || !isfinite(d.t_closed) || d.t_open > now)
            return damaged("a disruption");
        m->disr[m->ndisr++] = d;
        oti_ladder_init(m, (ot_id)i);
        if (d.status == OT_OPEN)
            m->ties[d.tie].open++;
    }
    return OT_OK;
}

int oti_restore(const uint8_t *buf, size_t len, ot_model **out)
{
    reader r = {.p = buf, .end = buf + len};
    char magic[sizeof MAGIC];
    if (take(&r, magic, sizeof magic) ||
        (memcmp(magic, MAGIC, sizeof MAGIC) != 0 && memcmp(magic, MAGIC2, sizeof MAGIC) != 0))
        return oti_fail(OT_EFORMAT, "snapshot: not an orgtrust snapshot (bad magic)");
    int v2 = magic[6] == '2';
    ot_config *c;
    int rc = read_config(&r, v2, &c);
    if (rc)
        return rc;
    ot_model *m;
    rc = ot_model_new(c, &m);
    ot_config_free(c);
    if (rc)
        return rc == OT_ENOMEM ? rc : refused(rc, "the configuration");
    m->keep_events = 0;
    double now = get_f64(&r);
    if (r.bad || !(now == -INFINITY || isfinite(now))) {
        rc = damaged("the model time");
        goto fail;
    }
    uint32_t *sup = NULL;
    life_ids life = {0};
    if (v2 && ((rc = read_ids(&r, &life.left, &life.nleft, "the actors that left")) ||
               (rc = read_ids(&r, &life.ended, &life.nended, "the ended ties")))) {
        oti_free(life.left);
        oti_free(life.ended);
        goto fail;
    }
    rc = read_structure(&r, m, &life, &sup);
    if (!rc && !(rc = read_ties(&r, m, now, &life)))
        rc = read_left(m, now, &life, sup);
    oti_free(sup);
    oti_free(life.left);
    oti_free(life.ended);
    if (rc || (rc = read_disruptions(&r, m, now)) || (v2 && (rc = read_life_tail(&r, m))))
        goto fail;
    if (r.p != r.end) {
        rc = oti_fail(OT_EFORMAT, "snapshot: %zu bytes follow the end of the state", (size_t)(r.end - r.p));
        goto fail;
    }
    m->now = now;
    *out = m;
    return OT_OK;
fail:
    ot_model_free(m);
    return rc;
}
