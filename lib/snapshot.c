/* Snapshot format, version 2 (all integers and doubles little-endian):
 *
 *   "OTSNAP2\n" | config | now | orgs | actors | ties | disruptions
 *
 *   | answers | rare | scars   (since 1.1; "OTSNAP1\n" snapshots end before: all 0)
 *
 * config: u32 layers, that many strings, every f64 parameter (OTI_NPARAM).
 * answers: per disruption u8 response and u8 truth. rare: u64 count, then
 * per record u32 tie and, per direction, the latest promise's time and
 * gain (f64). scars: per tie and direction, the scar and the deception
 * scar (f64).
 * string: u32 length, bytes. Counts are u64. Aggregates are not written:
 * they are exact functions of the ties and are rebuilt on restore.
 * SPDX-License-Identifier: MIT */
#include "snapshot.h"
#include "aggregate.h"
#include "alloc.h"
#include "args.h"
#include "error.h"
#include "lookup.h"
#include "trust.h"

#include <math.h>
#include <string.h>

/* Version 2 adds the 1.1 section; version 1 is still read. */
static const char MAGIC[8] = {'O', 'T', 'S', 'N', 'A', 'P', '2', '\n'};
static const char MAGIC1[8] = {'O', 'T', 'S', 'N', 'A', 'P', '1', '\n'};

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

static void write_state(const ot_model *m, writer *w)
{
    put(w, MAGIC, sizeof MAGIC);
    put_u32(w, m->cfg.nlayers);
    for (unsigned i = 0; i < m->cfg.nlayers; i++)
        put_str(w, m->cfg.layer[i]);
    for (int i = 1; i <= OTI_NPARAM; i++)
        put_f64(w, m->cfg.p[i]);
    put_f64(w, m->now);
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
    for (size_t i = 0; i < m->ndisr; i++) {
        put_u8(w, m->disr[i].response);
        put_u8(w, m->disr[i].truth);
    }
    put_u64(w, m->nrare);
    for (size_t i = 0; i < m->nrare; i++) {
        const oti_rare *r = &m->rare[i];
        put_u32(w, r->tie);
        for (int k = 0; k < 2; k++) {
            put_f64(w, r->promise_at[k]);
            put_f64(w, r->promise_gain[k]);
        }
    }
    for (size_t i = 0; i < m->nties; i++)
        for (int k = 0; k < 2; k++) {
            put_f64(w, m->ties[i].d[k].scar);
            put_f64(w, m->ties[i].d[k].deception);
        }
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

/* The parameters a version-1 snapshot holds; the others take the values
 * that reproduce model 1 (docs/model.md, "Files keep their meaning"). */
#define V1_NPARAM 29

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
    if (!v2 && ((rc = ot_config_set(c, OT_PARAM_SCAR_RATE, 0.0)) ||
                (rc = ot_config_set(c, OT_PARAM_DECEPTION_SCAR, 0.0))))
        goto out;
    for (int i = 1; i <= (v2 ? OTI_NPARAM : V1_NPARAM); i++)
        if ((rc = ot_config_set(c, i, get_f64(r)))) {
            rc = r->bad ? damaged("the configuration") : refused(rc, "a parameter");
            goto out;
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
static int read_structure(reader *r, ot_model *m, uint32_t **sup)
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
        if ((*sup)[i] != OT_NONE && (rc = ot_actor_set_superior(m, (ot_id)i, (*sup)[i])))
            return refused(rc, "a superior");
    return OT_OK;
}

static int read_ties(reader *r, ot_model *m, double now)
{
    uint64_t n = get_u64(r);
    if (r->bad || n > OTI_MAX_IDS || n > (size_t)(r->end - r->p) / 160)
        return damaged("the tie count");
    for (uint64_t i = 0; i < n; i++) {
        uint32_t a = get_u32(r), b = get_u32(r);
        double w = get_f64(r), af = get_f64(r), u = get_f64(r);
        oti_dir d[2] = {{0}};
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
    }
    return OT_OK;
}

static int read_disruptions(reader *r, ot_model *m, double now)
{
    uint64_t n = get_u64(r);
    if (r->bad || n > OTI_MAX_IDS || n > (size_t)(r->end - r->p) / 54)
        return damaged("the disruption count");
    if (OTI_RESERVE(m->disr, m->capdisr, (size_t)n))
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
            d.status > OT_RESOLVED_BY_ESCALATION || d.surfaced > 1 || d.failed > 1 ||
            d.esc_layer >= m->cfg.nlayers || !(d.severity > 0.0 && d.severity <= 1.0) || !isfinite(d.t_open) ||
            !finite_unit(d.t_before) || !isfinite(d.t_surfaced) || !isfinite(d.t_closed) || d.t_open > now)
            return damaged("a disruption");
        m->disr[m->ndisr++] = d;
        if (d.status == OT_OPEN)
            m->ties[d.tie].open++;
    }
    return OT_OK;
}

static int scar_ok(double v) { return v >= 0.0 && v < 1.0; }

/* The 1.1 section: scars, rare records, answers (a 1.0 snapshot ends
 * before it, and everything there is 0). */
/* The 1.1 section: answers, rare records, scars (a version-1 snapshot has
 * none, and everything there is 0). */
static int read_v2(reader *r, ot_model *m, double now)
{
    for (size_t i = 0; i < m->ndisr; i++) {
        uint8_t resp = get_u8(r), truth = get_u8(r);
        if (r->bad || resp > OT_RESPONSE_PROMISE || truth > OTI_TRUTH_GUILTY)
            return damaged("a disruption's answer");
        m->disr[i].response = resp;
        m->disr[i].truth = truth;
    }
    uint64_t n = get_u64(r);
    if (r->bad || n > m->nties || n > (size_t)(r->end - r->p) / 36)
        return damaged("the count of promises");
    int rc;
    if ((rc = oti_rare_reserve(m, (size_t)n, "snapshot")))
        return rc;
    for (uint64_t i = 0; i < n; i++) {
        uint32_t tie = get_u32(r);
        oti_rare v = {.tie = tie};
        for (int k = 0; k < 2; k++) {
            v.promise_at[k] = get_f64(r);
            v.promise_gain[k] = get_f64(r);
        }
        if (r->bad || tie >= m->nties || (m->ties[tie].flags & OTI_TIE_RARE))
            return damaged("a promise");
        for (int k = 0; k < 2; k++)
            if (!(v.promise_at[k] == -INFINITY || v.promise_at[k] <= now) ||
                !(v.promise_gain[k] >= 1.0 && v.promise_gain[k] <= 11.0))
                return damaged("a promise");
        *oti_rare_get(m, &m->ties[tie]) = v;
    }
    for (size_t i = 0; i < m->nties; i++)
        for (int k = 0; k < 2; k++) {
            double v = get_f64(r), vd = get_f64(r);
            if (r->bad || !scar_ok(v) || !scar_ok(vd))
                return damaged("a tie's scars");
            m->ties[i].d[k].scar = v;
            m->ties[i].d[k].deception = vd;
        }
    return OT_OK;
}

int oti_restore(const uint8_t *buf, size_t len, ot_model **out)
{
    reader r = {.p = buf, .end = buf + len};
    char magic[sizeof MAGIC];
    if (take(&r, magic, sizeof magic) ||
        (memcmp(magic, MAGIC, sizeof MAGIC) != 0 && memcmp(magic, MAGIC1, sizeof MAGIC1) != 0))
        return oti_fail(OT_EFORMAT, "snapshot: not an orgtrust snapshot (bad magic)");
    int v2 = memcmp(magic, MAGIC, sizeof MAGIC) == 0;
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
    rc = read_structure(&r, m, &sup);
    oti_free(sup);
    if (rc || (rc = read_ties(&r, m, now)) || (rc = read_disruptions(&r, m, now)) || (v2 && (rc = read_v2(&r, m, now))))
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
