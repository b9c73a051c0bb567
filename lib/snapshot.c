/* Snapshot format, version 2 (all integers and doubles little-endian):
 *
 *   "OTSNAP2\n" | u32 model | config | now | orgs | actors | ties | promises | disruptions
 *
 * config: u32 layers, that many strings; then the parameters as a keyed
 * block. string: u32 length, bytes. Counts are u64.
 *
 * A keyed block names its fields once, up front, and then gives each record
 * their values in that order: u32 fields, per field (string key, u8 wire
 * type), then the records. Parameters are one record; ties and their two
 * directions and disruptions have a block each. A reader maps every key to
 * its own table: a key it does not know means a newer orgtrust wrote the
 * snapshot (OT_EFORMAT naming the key); a field the snapshot lacks takes its
 * default (for parameters the value of the model version written in the
 * snapshot, the table's model1 column for model 1).
 *
 * People come and go and the ladder (docs/model.md, sections 13-14) add:
 * after the parameters, u32 layers and one f64 timebox per layer; after the
 * actors, a keyed block of per-actor fields ("left"); the tie block's
 * field "ended"; after the ties, a keyed block of the institutional memory
 * (u64 count, then the records); after the disruptions, a keyed block of
 * their rungs (one record per disruption). Restoring ends each ended tie as soon as
 * it is made (a pair's later tie restarts the earlier one) and lets the
 * actors that left leave once their ties are there.
 *
 * Texts (lib/texts.h) follow the state when the model has any, and are no
 * part of the digest: u64 text events recorded, u32 texts, per text u8
 * kind, u32 disruption, string; then u64 the section's length and the
 * 8 bytes "OTTEXTS\n", so the state's end is found from the end of the
 * bytes (a reader before them sees bytes after the state and refuses).
 *
 * Version 1 (1.0) wrote the same sections with fixed layouts: 29 f64
 * parameters, per tie u32 a, u32 b, three attributes and per direction T,
 * r[3], s[3], t_last; its records are read through the same code with the
 * layout spelt out as a keyed block (V1_*). Aggregates are not written: they
 * are exact functions of the ties and are rebuilt on restore.
 * SPDX-License-Identifier: MIT */
#include "snapshot.h"
#include "aggregate.h"
#include "alloc.h"
#include "args.h"
#include "error.h"
#include "due.h"
#include "lookup.h"
#include "memory.h"
#include "texts.h"
#include "trust.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

static const char MAGIC1[8] = {'O', 'T', 'S', 'N', 'A', 'P', '1', '\n'};
static const char MAGIC[8] = {'O', 'T', 'S', 'N', 'A', 'P', '2', '\n'};

/* The model version a snapshot of this build is written for. */
#define MODEL_VERSION 2

/* ---- fields ------------------------------------------------------------- */

/* Wire types of a keyed block's values. */
enum { W_U8 = 1, W_U32 = 2, W_F64 = 3, W_F32 = 4 /* a record's float; never on the wire */ };

/* A field of a record: its key, where it lives, how it is kept there. */
typedef struct field {
    const char *key;
    size_t off;
    uint8_t type; /* W_*: the record's own type (written as f64 in format 2) */
    double def;   /* when a snapshot lacks it; NaN: it must be there */
} field;

#define F(key, type, member, wt, def) {key, offsetof(type, member), wt, def}

/* One direction's trust state (oti_dir). */
static const field DIR_FIELDS[] = {
    F("trust", oti_dir, T, W_F64, NAN),
    F("r_ability", oti_dir, r[OTI_DIM_ABILITY], W_F64, 0.0),
    F("r_benevolence", oti_dir, r[OTI_DIM_BENEVOLENCE], W_F64, 0.0),
    F("r_integrity", oti_dir, r[OTI_DIM_INTEGRITY], W_F64, 0.0),
    F("s_ability", oti_dir, s[OTI_DIM_ABILITY], W_F64, 0.0),
    F("s_benevolence", oti_dir, s[OTI_DIM_BENEVOLENCE], W_F64, 0.0),
    F("s_integrity", oti_dir, s[OTI_DIM_INTEGRITY], W_F64, 0.0),
    F("scar", oti_dir, scar, W_F64, 0.0), /* since 1.1 */
#ifdef ORGTRUST_TEST_DUMMY_FIELDS
    F("test_dummy", oti_dir, test_dummy, W_F64, 0.0),
#endif
};
#define NDIR (sizeof DIR_FIELDS / sizeof DIR_FIELDS[0])

/* A tie's own fields in oti_tie; its attributes follow (oti_tie_attrs). */
static const field TIE_FIELDS[] = {
    F("a", oti_tie, a, W_U32, NAN),
    F("b", oti_tie, b, W_U32, NAN),
    F("t_last", oti_tie, t_last, W_F64, -INFINITY),
    /* since 1.1: each direction's deception scar (a float in the record) */
    F("deception_scar_ab", oti_tie, deception[0], W_F32, 0.0),
    F("deception_scar_ba", oti_tie, deception[1], W_F32, 0.0),
};
#define NTIEF (sizeof TIE_FIELDS / sizeof TIE_FIELDS[0])

static const field DISR_FIELDS[] = {
    F("tie", oti_disruption, tie, W_U32, NAN),
    F("observer", oti_disruption, observer, W_U32, NAN),
    F("kind", oti_disruption, kind, W_U8, NAN),
    F("separated", oti_disruption, separated, W_U8, 0.0),
    F("status", oti_disruption, status, W_U8, NAN),
    F("surfaced", oti_disruption, surfaced, W_U8, 0.0),
    F("failed", oti_disruption, failed, W_U8, 0.0),
    F("esc_layer", oti_disruption, esc_layer, W_U8, 0.0),
    F("response", oti_disruption, response, W_U8, 0.0), /* since 1.1: not in format 1 */
    F("truth", oti_disruption, truth, W_U8, 0.0),       /* since 1.1: not in format 1 */
    F("severity", oti_disruption, severity, W_F64, NAN),
    F("t_open", oti_disruption, t_open, W_F64, NAN),
    F("t_before", oti_disruption, t_before, W_F64, NAN),
    F("t_surfaced", oti_disruption, t_surfaced, W_F64, 0.0),
    F("t_closed", oti_disruption, t_closed, W_F64, 0.0),
};
#define NDISR (sizeof DISR_FIELDS / sizeof DISR_FIELDS[0])

/* Promises (since 1.1): the side table's records (oti_rare). */
static const field PROMISE_FIELDS[] = {
    F("tie", oti_rare, tie, W_U32, NAN),
    F("promise_at_ab", oti_rare, promise_at[0], W_F64, -INFINITY),
    F("promise_gain_ab", oti_rare, promise_gain[0], W_F64, 1.0),
    F("promise_at_ba", oti_rare, promise_at[1], W_F64, -INFINITY),
    F("promise_gain_ba", oti_rare, promise_gain[1], W_F64, 1.0),
};
#define NPROMISE (sizeof PROMISE_FIELDS / sizeof PROMISE_FIELDS[0])

/* What an actor record carries beside its fixed fields. */
typedef struct actor_life {
    uint8_t left;
    uint8_t pad[7]; /* room for any wire type: field_get() reads by the field's type */
} actor_life;

static const field ACTOR_FIELDS[] = {
    F("left", actor_life, left, W_U8, 0.0),
};
#define NACTF (sizeof ACTOR_FIELDS / sizeof ACTOR_FIELDS[0])

/* A disruption's level on the ladder (oti_rung). */
static const field RUNG_FIELDS[] = {
    F("level", oti_rung, layer, W_U8, NAN),
    F("level_failed", oti_rung, failed, W_U8, 0.0),
    F("referred", oti_rung, referred, W_U8, 0.0),
    F("handler_x", oti_rung, x, W_U32, NAN),
    F("handler_y", oti_rung, y, W_U32, NAN),
    F("level_since", oti_rung, since, W_F64, NAN),
};
#define NRUNG (sizeof RUNG_FIELDS / sizeof RUNG_FIELDS[0])

/* One organisation pair's institutional memory (oti_memory). */
static const field MEM_FIELDS[] = {
    F("lo", oti_memory, lo, W_U32, NAN),
    F("hi", oti_memory, hi, W_U32, NAN),
    F("w_lo_hi", oti_memory, w[0], W_F64, 0.0),
    F("wt_lo_hi", oti_memory, wT[0], W_F64, 0.0),
    F("w_hi_lo", oti_memory, w[1], W_F64, 0.0),
    F("wt_hi_lo", oti_memory, wT[1], W_F64, 0.0),
    F("t", oti_memory, t, W_F64, -INFINITY),
};
#define NMEMF (sizeof MEM_FIELDS / sizeof MEM_FIELDS[0])

/* The tie block's key for an ended tie, after the attributes. */
#define TIE_ENDED_KEY "ended"

/* The value of field f of the record at p, as a double. */
static double field_get(const field *f, const void *p)
{
    const unsigned char *q = (const unsigned char *)p + f->off;
    uint8_t u8;
    uint32_t u32;
    float f32;
    double d;
    switch (f->type) {
    case W_U8: memcpy(&u8, q, sizeof u8); return u8;
    case W_U32: memcpy(&u32, q, sizeof u32); return u32;
    case W_F32: memcpy(&f32, q, sizeof f32); return (double)f32;
    default: memcpy(&d, q, sizeof d); return d;
    }
}

/* Store v (checked to fit by the caller) into field f of the record at p. */
static void field_set(const field *f, void *p, double v)
{
    unsigned char *q = (unsigned char *)p + f->off;
    /* Each conversion only for its own type: v may be -inf for a double. */
    switch (f->type) {
    case W_U8: {
        uint8_t u8 = (uint8_t)v;
        memcpy(q, &u8, sizeof u8);
        break;
    }
    case W_U32: {
        uint32_t u32 = (uint32_t)v;
        memcpy(q, &u32, sizeof u32);
        break;
    }
    case W_F32: {
        float f32 = (float)v;
        memcpy(q, &f32, sizeof f32);
        break;
    }
    default: memcpy(q, &v, sizeof v); break;
    }
}

/* v fits a field of wire type t (whole numbers for the integer types). */
static int fits(uint8_t t, double v)
{
    if (t == W_F64)
        return 1;
    if (t == W_F32)
        return (double)(float)v == v;
    double max = t == W_U8 ? 255.0 : 4294967295.0;
    return v >= 0.0 && v <= max && v == floor(v);
}

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

static void put_keys(writer *w, const field *f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put_str(w, f[i].key);
}

static void put_fields(writer *w, const field *f, size_t n, const void *rec)
{
    for (size_t i = 0; i < n; i++)
        put_f64(w, field_get(&f[i], rec));
}

static void write_state(const ot_model *m, writer *w)
{
    put(w, MAGIC, sizeof MAGIC);
    put_u32(w, MODEL_VERSION);
    put_u32(w, m->cfg.nlayers);
    for (unsigned i = 0; i < m->cfg.nlayers; i++)
        put_str(w, m->cfg.layer[i]);
    put_u32(w, OTI_NPARAM);
    for (int i = 1; i <= OTI_NPARAM; i++)
        put_str(w, oti_param_name(i));
    for (int i = 1; i <= OTI_NPARAM; i++)
        put_f64(w, m->cfg.p[i]);
    put_u32(w, m->cfg.nlayers);
    for (unsigned i = 0; i < m->cfg.nlayers; i++)
        put_f64(w, m->cfg.timebox[i]);
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
    put_u32(w, (uint32_t)NACTF);
    put_keys(w, ACTOR_FIELDS, NACTF);
    for (size_t i = 0; i < m->nactors; i++) {
        actor_life al = {.left = (uint8_t)oti_actor_left(m, (ot_id)i)};
        put_fields(w, ACTOR_FIELDS, NACTF, &al);
    }
    put_u32(w, (uint32_t)(NTIEF + OTI_NTIE_ATTRS + 1));
    put_keys(w, TIE_FIELDS, NTIEF);
    for (int k = 1; k <= OTI_TIE_ATTR_LAST; k++)
        put_str(w, oti_tie_attrs[k].name);
    put_str(w, TIE_ENDED_KEY);
    put_u32(w, (uint32_t)NDIR);
    put_keys(w, DIR_FIELDS, NDIR);
    put_u64(w, m->nties);
    for (size_t i = 0; i < m->nties; i++) {
        const oti_tie *e = &m->ties[i];
        put_fields(w, TIE_FIELDS, NTIEF, e);
        for (int k = 1; k <= OTI_TIE_ATTR_LAST; k++)
            put_f64(w, oti_tie_attr(m, e, k));
        put_f64(w, oti_tie_ended(e));
        for (int k = 0; k < 2; k++)
            put_fields(w, DIR_FIELDS, NDIR, &e->d[k]);
    }
    put_u32(w, (uint32_t)NPROMISE);
    put_keys(w, PROMISE_FIELDS, NPROMISE);
    put_u64(w, m->nrare);
    for (size_t i = 0; i < m->nrare; i++)
        put_fields(w, PROMISE_FIELDS, NPROMISE, &m->rare[i]);
    put_u32(w, (uint32_t)NMEMF);
    put_keys(w, MEM_FIELDS, NMEMF);
    put_u64(w, m->life.nmem);
    for (size_t i = 0; i < m->life.nmem; i++)
        put_fields(w, MEM_FIELDS, NMEMF, &m->life.mem[i]);
    put_u32(w, (uint32_t)NDISR);
    put_keys(w, DISR_FIELDS, NDISR);
    put_u64(w, m->ndisr);
    for (size_t i = 0; i < m->ndisr; i++)
        put_fields(w, DISR_FIELDS, NDISR, &m->disr[i]);
    put_u32(w, (uint32_t)NRUNG);
    put_keys(w, RUNG_FIELDS, NRUNG);
    for (size_t i = 0; i < m->ndisr; i++)
        put_fields(w, RUNG_FIELDS, NRUNG, &m->life.rung[i]);
}

static const char TEXT_MAGIC[8] = {'O', 'T', 'T', 'E', 'X', 'T', 'S', '\n'};

static void put_text(writer *w, int kind, uint32_t d, const char *s)
{
    uint8_t k = (uint8_t)kind;
    put(w, &k, 1);
    put_u32(w, d);
    put_str(w, s);
}

static void write_texts(const ot_model *m, writer *w)
{
    const oti_texts *x = &m->texts;
    size_t start = w->len;
    put_u64(w, x->nev);
    put_u32(w, (uint32_t)(!!x->description + !!x->epoch[0] + x->labels.n));
    if (x->description)
        put_text(w, OTI_TEXT_DESCRIPTION, 0, x->description);
    if (x->epoch[0])
        put_text(w, OTI_TEXT_EPOCH, 0, x->epoch);
    for (size_t i = 0; i < x->labels.n; i++) /* in the order given */
        put_text(w, OTI_TEXT_LABEL, x->labels.ent[i].value, oti_strmap_key(&x->labels, i));
    put_u64(w, w->len - start);
    put(w, TEXT_MAGIC, sizeof TEXT_MAGIC);
}

/* Where the state ends in snapshot bytes: before the text section. */
static size_t state_bytes(const uint8_t *buf, size_t len)
{
    if (len < 16 || memcmp(buf + len - 8, TEXT_MAGIC, 8) != 0)
        return len;
    uint64_t n = 0;
    for (int i = 7; i >= 0; i--)
        n = n << 8 | buf[len - 16 + (size_t)i];
    return n <= len - 16 ? len - 16 - (size_t)n : len;
}

int oti_snapshot(const ot_model *m, uint8_t **buf, size_t *len)
{
    writer w = {0};
    write_state(m, &w);
    if (oti_texts_any(m))
        write_texts(m, &w);
    if (w.failed) {
        oti_free(w.buf);
        return oti_nomem("snapshot");
    }
    *buf = w.buf;
    *len = w.len;
    return OT_OK;
}

uint64_t oti_snapshot_hash(const uint8_t *buf, size_t len)
{
    writer w = {.hashing = 1, .h = 0xcbf29ce484222325ULL};
    put(&w, buf, state_bytes(buf, len));
    return w.h;
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

/* ---- keyed blocks --------------------------------------------------------- */

#define MAX_KEYS 256 /* fields of one block */
#define MAX_KEY 64   /* bytes of a key */

/* How a block's records are laid out: value k goes to entry to[k] of the
 * reader's table and has wire type wire[k]. */
typedef struct layout {
    unsigned n;
    uint16_t to[MAX_KEYS];
    uint8_t wire[MAX_KEYS];
    size_t bytes; /* of one record */
} layout;

static size_t wire_size(uint8_t t) { return t == W_U8 ? 1 : t == W_U32 ? 4 : 8; }

/* Place key (with wire type t) in L: the index of `names` it names. */
static int place_key(layout *L, const char *key, uint8_t t, const char *const *names, size_t nnames, const char *what)
{
    for (size_t i = 0; i < nnames; i++)
        if (strcmp(names[i], key) == 0) {
            for (unsigned k = 0; k < L->n; k++)
                if (L->to[k] == i)
                    return damaged(what);
            L->to[L->n] = (uint16_t)i;
            L->wire[L->n++] = t;
            L->bytes += wire_size(t);
            return OT_OK;
        }
    char q[MAX_KEY + 1];
    size_t k = 0;
    for (; k < MAX_KEY && key[k]; k++) {
        unsigned char c = (unsigned char)key[k];
        q[k] = '?';
        if (c >= 0x20 && c < 0x7f && c != '"')
            q[k] = key[k];
    }
    q[k] = '\0';
    return oti_fail(OT_EFORMAT,
                    "snapshot: %s has a field \"%s\" that liborgtrust %s does not know: a newer orgtrust wrote it; "
                    "open it with that version or later",
                    what, q, OT_VERSION_STRING);
}

/* A format-2 block header: its keys, every value a double. */
static int read_layout(reader *r, layout *L, const char *const *names, size_t nnames, const char *what)
{
    memset(L, 0, sizeof *L);
    uint32_t n = get_u32(r);
    if (r->bad || n > MAX_KEYS)
        return damaged(what);
    for (uint32_t k = 0; k < n; k++) {
        char *key = get_str(r, MAX_KEY);
        if (!key)
            return r->bad ? damaged(what) : oti_nomem("snapshot");
        int rc = place_key(L, key, W_F64, names, nnames, what);
        oti_free(key);
        if (rc)
            return rc;
    }
    return OT_OK;
}

/* A format-1 layout, spelt out: keys and wire types in their fixed order. */
static void fixed_layout(layout *L, const char *const *keys, const uint8_t *wires, size_t n,
                         const char *const *names, size_t nnames)
{
    memset(L, 0, sizeof *L);
    for (size_t k = 0; k < n; k++)
        (void)place_key(L, keys[k], wires[k], names, nnames, ""); /* every key is ours: cannot fail */
}

/* One record: vals[i] for every table entry i the layout gives (given[i]
 * set); the others untouched. */
static void read_record(reader *r, const layout *L, double *vals, unsigned char *given)
{
    for (unsigned k = 0; k < L->n; k++) {
        uint8_t t = L->wire[k];
        double v = t == W_U8 ? (double)get_u8(r) : t == W_U32 ? (double)get_u32(r) : get_f64(r);
        vals[L->to[k]] = v;
        given[L->to[k]] = 1;
    }
}

/* Fill a record from its fields: given values (checked to fit), defaults
 * for the rest. -1 when a required field is missing or a value does not
 * fit. */
static int fill(const field *f, size_t n, const double *vals, const unsigned char *given, void *rec)
{
    for (size_t i = 0; i < n; i++) {
        double v = given[i] ? vals[i] : f[i].def;
        if ((!given[i] && isnan(f[i].def)) || !fits(f[i].type, v))
            return -1;
        field_set(&f[i], rec, v);
    }
    return 0;
}

static void keys_of(const field *f, size_t n, const char **out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = f[i].key;
}

/* The format-1 layouts (1.0's fixed records). */
static const char *const V1_TIE_KEYS[] = {"a", "b", "intensity", "affect", "uncertainty"};
static const uint8_t V1_TIE_WIRES[] = {W_U32, W_U32, W_F64, W_F64, W_F64};
static const char *const V1_DIR_KEYS[] = {"trust", "r_ability", "r_benevolence", "r_integrity",
                                          "s_ability", "s_benevolence", "s_integrity", "t_last"};
static const uint8_t V1_DIR_WIRES[] = {W_F64, W_F64, W_F64, W_F64, W_F64, W_F64, W_F64, W_F64};
#define V1_NPARAM 29 /* the parameters of 1.0, in ot_param order */

static int read_config(reader *r, int version, uint32_t model, ot_config **out)
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
    const char *pnames[OTI_NPARAM];
    for (int i = 1; i <= OTI_NPARAM; i++)
        pnames[i - 1] = oti_param_name(i);
    layout L;
    if (version == 1) {
        uint8_t wires[V1_NPARAM];
        memset(wires, W_F64, sizeof wires);
        fixed_layout(&L, pnames, wires, V1_NPARAM, pnames, OTI_NPARAM);
    } else if ((rc = read_layout(r, &L, pnames, OTI_NPARAM, "the configuration"))) {
        goto out;
    }
    double vals[OTI_NPARAM];
    unsigned char given[OTI_NPARAM] = {0};
    read_record(r, &L, vals, given);
    if (r->bad) {
        rc = damaged("the configuration");
        goto out;
    }
    for (int i = 1; i <= OTI_NPARAM; i++) {
        /* A parameter the snapshot does not list takes the value of the
         * model version it was written for. */
        double v = vals[i - 1];
        if (!given[i - 1] && model == 1)
            v = oti_param_model1(i);
        else if (!given[i - 1])
            (void)ot_param_info(i, NULL, &v, NULL, NULL);
        if ((rc = ot_config_set(c, i, v))) {
            rc = refused(rc, "a parameter");
            goto out;
        }
    }
    if (version >= 2) {
        double tb[OTI_MAX_LAYERS];
        if (get_u32(r) != nl || r->bad) {
            rc = damaged("the timeboxes");
            goto out;
        }
        for (uint32_t i = 0; i < nl; i++)
            tb[i] = get_f64(r);
        if (r->bad || (rc = ot_config_set_timeboxes(c, nl, tb))) {
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
 * reorganisation), so they are collected into *sup and set afterwards; an
 * actor that left (*left, version 2) gets its superior back only after it
 * left (restore_left()), as its superior may no longer fit the rule. */
static int read_structure(reader *r, int version, ot_model *m, uint32_t **sup, uint8_t **left)
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
    *left = oti_malloc((size_t)n + 1);
    if (!*left)
        return oti_nomem("snapshot");
    memset(*left, 0, (size_t)n + 1);
    if (version >= 2) {
        const char *names[NACTF];
        keys_of(ACTOR_FIELDS, NACTF, names);
        layout L;
        if ((rc = read_layout(r, &L, names, NACTF, "the actor fields")))
            return rc;
        for (uint64_t i = 0; i < n; i++) {
            double vals[NACTF];
            unsigned char given[NACTF] = {0};
            actor_life al;
            read_record(r, &L, vals, given);
            if (r->bad || fill(ACTOR_FIELDS, NACTF, vals, given, &al) || al.left > 1)
                return damaged("an actor's fields");
            (*left)[i] = al.left;
        }
    }
    for (size_t i = 0; i < m->nactors; i++)
        if ((*sup)[i] != OT_NONE && !(*left)[i] && (rc = ot_actor_set_superior(m, (ot_id)i, (*sup)[i])))
            return refused(rc, "a superior");
    return OT_OK;
}

/* The actors that left leave (their ties have ended by now), then take
 * back the superior they had, as history. */
static int restore_left(ot_model *m, double now, const uint32_t *sup, const uint8_t *left)
{
    for (size_t i = 0; i < m->nactors; i++) {
        if (!left[i])
            continue;
        if (sup[i] != OT_NONE && sup[i] >= m->nactors)
            return damaged("an actor that left");
        int rc = ot_actor_leave(m, (ot_id)i, now);
        if (rc)
            return refused(rc, "an actor that left");
        m->actors[i].superior = sup[i];
    }
    return OT_OK;
}

/* The table entries of a tie's block: its own fields, then its attributes;
 * of a direction's: its fields, then "t_last" (1.0 kept one per direction). */
#define NTIEK (NTIEF + OTI_NTIE_ATTRS + 1) /* the last: "ended" */
#define TIE_ENDED (NTIEK - 1)
#define DIR_T_LAST NDIR

static int read_ties(reader *r, int version, ot_model *m, double now)
{
    const char *tnames[NTIEK], *dnames[NDIR + 1];
    keys_of(TIE_FIELDS, NTIEF, tnames);
    for (int k = 1; k <= OTI_TIE_ATTR_LAST; k++)
        tnames[NTIEF + (size_t)k - 1] = oti_tie_attrs[k].name;
    tnames[TIE_ENDED] = TIE_ENDED_KEY;
    keys_of(DIR_FIELDS, NDIR, dnames);
    dnames[DIR_T_LAST] = "t_last";
    layout TL, DL;
    int rc;
    if (version == 1) {
        fixed_layout(&TL, V1_TIE_KEYS, V1_TIE_WIRES, sizeof V1_TIE_WIRES, tnames, NTIEK);
        fixed_layout(&DL, V1_DIR_KEYS, V1_DIR_WIRES, sizeof V1_DIR_WIRES, dnames, NDIR + 1);
    } else if ((rc = read_layout(r, &TL, tnames, NTIEK, "the tie fields")) ||
               (rc = read_layout(r, &DL, dnames, NDIR + 1, "the direction fields"))) {
        return rc;
    }
    size_t bytes = TL.bytes + 2 * DL.bytes;
    uint64_t n = get_u64(r);
    if (r->bad || n > OTI_MAX_IDS || (bytes && n > (size_t)(r->end - r->p) / bytes))
        return damaged("the tie count");
    for (uint64_t i = 0; i < n; i++) {
        double tv[NTIEK], dv[2][NDIR + 1];
        unsigned char tg[NTIEK] = {0}, dg[2][NDIR + 1] = {{0}};
        read_record(r, &TL, tv, tg);
        read_record(r, &DL, dv[0], dg[0]);
        read_record(r, &DL, dv[1], dg[1]);
        oti_tie own;
        oti_dir d[2];
        memset(&own, 0, sizeof own);
        memset(d, 0, sizeof d);
        if (r->bad || fill(TIE_FIELDS, NTIEF, tv, tg, &own) || fill(DIR_FIELDS, NDIR, dv[0], dg[0], &d[0]) ||
            fill(DIR_FIELDS, NDIR, dv[1], dg[1], &d[1]))
            return damaged("a tie");
        if ((rc = ot_tie_add(m, own.a, own.b, NULL)))
            return refused(rc, "a tie");
        for (int k = 1; k <= OTI_TIE_ATTR_LAST; k++)
            if (tg[NTIEF + (size_t)k - 1] && (rc = ot_tie_set(m, (ot_id)i, k, tv[NTIEF + (size_t)k - 1])))
                return refused(rc, "a tie");
        /* The tie's clock: its own, or 1.0's one per direction. */
        double t_last[2];
        for (int k = 0; k < 2; k++)
            t_last[k] = tg[2] ? own.t_last : dg[k][DIR_T_LAST] ? dv[k][DIR_T_LAST] : -INFINITY;
        oti_tie *e = &m->ties[i];
        for (int k = 0; k < 2; k++) {
            if (!finite_unit(d[k].T) || !(t_last[k] == -INFINITY || (isfinite(t_last[k]) && t_last[k] <= now)))
                return damaged("a tie's trust state");
            for (int j = 0; j < OTI_NDIMS; j++)
                if (!(d[k].r[j] >= 0.0 && isfinite(d[k].r[j]) && d[k].s[j] >= 0.0 && isfinite(d[k].s[j])))
                    return damaged("a tie's evidence");
            if (!finite_unit(d[k].scar) || !finite_unit(own.deception[k]))
                return damaged("a tie's scars");
        }
        e->deception[0] = own.deception[0];
        e->deception[1] = own.deception[1];
        /* Snapshots written before the tie's two directions shared a clock
         * may hold two times: bring the earlier direction up to the later. */
        int late = t_last[1] > t_last[0];
        double f = oti_fade(m, t_last[!late], t_last[late]);
        for (int j = 0; j < OTI_NDIMS; j++) {
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
        if (tg[TIE_ENDED] && tv[TIE_ENDED] != 0.0 &&
            (tv[TIE_ENDED] != 1.0 || (rc = ot_tie_end(m, (ot_id)i, now))))
            return tv[TIE_ENDED] != 1.0 ? damaged("a tie") : refused(rc, "an ended tie");
    }
    return OT_OK;
}

/* The promises' block (format 2 only; 1.0 had none). */
static int read_promises(reader *r, ot_model *m, double now)
{
    const char *names[NPROMISE];
    keys_of(PROMISE_FIELDS, NPROMISE, names);
    layout L;
    int rc;
    if ((rc = read_layout(r, &L, names, NPROMISE, "the promise fields")))
        return rc;
    uint64_t n = get_u64(r);
    if (r->bad || n > m->nties || (L.bytes && n > (size_t)(r->end - r->p) / L.bytes))
        return damaged("the promise count");
    if ((rc = oti_rare_reserve(m, (size_t)n, "snapshot")))
        return rc;
    for (uint64_t i = 0; i < n; i++) {
        oti_rare v;
        memset(&v, 0, sizeof v);
        double vals[NPROMISE];
        unsigned char given[NPROMISE] = {0};
        read_record(r, &L, vals, given);
        if (r->bad || fill(PROMISE_FIELDS, NPROMISE, vals, given, &v) || v.tie >= m->nties ||
            (m->ties[v.tie].flags & OTI_TIE_RARE))
            return damaged("a promise");
        for (int k = 0; k < 2; k++)
            if (!(v.promise_at[k] == -INFINITY || (isfinite(v.promise_at[k]) && v.promise_at[k] <= now)) ||
                !(v.promise_gain[k] >= 1.0 && v.promise_gain[k] <= 11.0))
                return damaged("a promise");
        *oti_rare_get(m, &m->ties[v.tie]) = v;
    }
    return OT_OK;
}

static int read_disruptions(reader *r, int version, ot_model *m, double now)
{
    const char *names[NDISR];
    keys_of(DISR_FIELDS, NDISR, names);
    layout L;
    int rc;
    if (version == 1) {
        /* 1.0 wrote every field but the 1.1 ones (response, truth) */
        const char *keys[NDISR];
        uint8_t wires[NDISR];
        size_t k = 0;
        for (size_t i = 0; i < NDISR; i++)
            if (DISR_FIELDS[i].off != offsetof(oti_disruption, response) &&
                DISR_FIELDS[i].off != offsetof(oti_disruption, truth)) {
                keys[k] = names[i];
                wires[k++] = DISR_FIELDS[i].type;
            }
        fixed_layout(&L, keys, wires, k, names, NDISR);
    } else if ((rc = read_layout(r, &L, names, NDISR, "the disruption fields"))) {
        return rc;
    }
    uint64_t n = get_u64(r);
    if (r->bad || n > OTI_MAX_IDS || (L.bytes && n > (size_t)(r->end - r->p) / L.bytes))
        return damaged("the disruption count");
    if (OTI_RESERVE(m->disr, m->capdisr, (size_t)n) || oti_ladder_reserve_n(m, (size_t)n))
        return oti_nomem("snapshot");
    for (uint64_t i = 0; i < n; i++) {
        oti_disruption d;
        memset(&d, 0, sizeof d);
        double vals[NDISR];
        unsigned char given[NDISR] = {0};
        read_record(r, &L, vals, given);
        if (r->bad || fill(DISR_FIELDS, NDISR, vals, given, &d) || d.tie >= m->nties ||
            (d.observer != m->ties[d.tie].a && d.observer != m->ties[d.tie].b) ||
            (d.kind != OT_TASK && d.kind != OT_RELATIONAL) || d.separated > 1 || d.status < OT_OPEN ||
            d.status > OT_WITHDRAWN || (d.status == OT_OPEN && oti_tie_ended(&m->ties[d.tie])) || d.surfaced > 1 ||
            d.failed > 1 || d.response > OT_RESPONSE_PROMISE || d.truth > OTI_TRUTH_GUILTY ||
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

/* Version 2: every disruption's rung. */
static int read_rungs(reader *r, ot_model *m)
{
    const char *names[NRUNG];
    layout L;
    int rc;
    keys_of(RUNG_FIELDS, NRUNG, names);
    if ((rc = read_layout(r, &L, names, NRUNG, "the ladder fields")))
        return rc;
    for (size_t i = 0; i < m->ndisr; i++) {
        double vals[NRUNG];
        unsigned char given[NRUNG] = {0};
        oti_rung g = m->life.rung[i];
        read_record(r, &L, vals, given);
        if (r->bad || fill(RUNG_FIELDS, NRUNG, vals, given, &g) || g.layer >= m->cfg.nlayers || g.failed > 1 ||
            g.referred > 1 || g.x >= m->nactors || g.y >= m->nactors || !isfinite(g.since))
            return damaged("a disruption's level");
        g.due = g.since + m->cfg.timebox[g.layer];
        m->life.rung[i] = g;
        if (g.heap != OT_NONE)
            oti_ladder_fix(m, (ot_id)i);
    }
    return OT_OK;
}

/* Version 2: the institutional memory (after the ties, whose ending
 * remembered something already: the snapshot's memory replaces it, in its
 * own order). */
static int read_memory(reader *r, ot_model *m)
{
    const char *names[NMEMF];
    layout L;
    int rc;
    keys_of(MEM_FIELDS, NMEMF, names);
    if ((rc = read_layout(r, &L, names, NMEMF, "the memory fields")))
        return rc;
    uint64_t n = get_u64(r);
    if (r->bad || n > OTI_MAX_IDS || (L.bytes && n > (size_t)(r->end - r->p) / L.bytes))
        return damaged("the institutional memory");
    oti_memory_clear(m);
    for (uint64_t i = 0; i < n; i++) {
        double vals[NMEMF];
        unsigned char given[NMEMF] = {0};
        oti_memory mem;
        memset(&mem, 0, sizeof mem);
        read_record(r, &L, vals, given);
        if (r->bad || fill(MEM_FIELDS, NMEMF, vals, given, &mem))
            return damaged("the institutional memory");
        if ((rc = oti_memory_restore(m, &mem)))
            return rc == OT_EFORMAT ? damaged("the institutional memory") : rc;
    }
    return OT_OK;
}

/* The text section at [r->p, r->end). */
static int read_texts(reader *r, ot_model *m)
{
    uint64_t nev = get_u64(r);
    uint32_t n = get_u32(r);
    for (uint32_t i = 0; i < n && !r->bad; i++) {
        uint8_t kind = get_u8(r);
        uint32_t d = get_u32(r);
        char *s = get_str(r, OTI_TEXT_MAX);
        if (!s)
            return r->bad ? damaged("the texts") : oti_nomem("snapshot");
        int rc = oti_texts_restore(m, kind, d, s);
        oti_free(s);
        if (rc)
            return rc == OT_ENOMEM ? rc : refused(rc, "a text");
    }
    if (r->bad || r->p != r->end)
        return damaged("the texts");
    m->texts.nev = nev;
    return OT_OK;
}

int oti_restore(const uint8_t *buf, size_t len, ot_model **out)
{
    size_t state = state_bytes(buf, len);
    reader r = {.p = buf, .end = buf + state};
    char magic[sizeof MAGIC];
    int version = 2;
    uint32_t model = 1;
    if (take(&r, magic, sizeof magic))
        return oti_fail(OT_EFORMAT, "snapshot: not an orgtrust snapshot (bad magic)");
    if (memcmp(magic, MAGIC1, sizeof MAGIC1) == 0)
        version = 1; /* 1.0: model version 1 */
    else if (memcmp(magic, MAGIC, 6) == 0 && magic[6] > '2' && magic[6] <= '9' && magic[7] == '\n')
        return oti_fail(OT_EFORMAT, "snapshot: format %c is newer than format 2 that liborgtrust %s reads: a newer "
                        "orgtrust wrote it", magic[6], OT_VERSION_STRING);
    else if (memcmp(magic, MAGIC, sizeof MAGIC) != 0)
        return oti_fail(OT_EFORMAT, "snapshot: not an orgtrust snapshot (bad magic)");
    else if ((model = get_u32(&r)) < 1 || r.bad)
        return damaged("the model version");
    else if (model > MODEL_VERSION)
        return oti_fail(OT_EFORMAT, "snapshot: written for model version %u, newer than version %d that liborgtrust "
                        "%s computes: a newer orgtrust wrote it", (unsigned)model, MODEL_VERSION, OT_VERSION_STRING);
    ot_config *c;
    int rc = read_config(&r, version, model, &c);
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
    uint8_t *left = NULL;
    rc = read_structure(&r, version, m, &sup, &left);
    if (!rc) {
        m->restoring = 1;
        rc = read_ties(&r, version, m, now);
        m->restoring = 0;
    }
    if (!rc)
        rc = restore_left(m, now, sup, left);
    oti_free(sup);
    oti_free(left);
    if (rc || (version >= 2 && (rc = read_promises(&r, m, now))) || (version >= 2 && (rc = read_memory(&r, m))) ||
        (rc = read_disruptions(&r, version, m, now)) || (version >= 2 && (rc = read_rungs(&r, m))))
        goto fail;
    if (r.p != r.end) {
        rc = oti_fail(OT_EFORMAT, "snapshot: %zu bytes follow the end of the state", (size_t)(r.end - r.p));
        goto fail;
    }
    if (state < len) {
        reader t = {.p = buf + state, .end = buf + len - 16};
        if ((rc = read_texts(&t, m)))
            goto fail;
    }
    m->now = now;
    *out = m;
    return OT_OK;
fail:
    ot_model_free(m);
    return rc;
}
