/* The store's journal: one row per accepted event, appended before the
 * event takes effect, read back to replay (opening a store) and to export.
 *
 * A row holds the fields of an oti_event (lib/event.h) and, for
 * ORG_ADD and ACTOR_ADD, the name given. Doubles go into columns without a
 * declared type, so SQLite stores them as given, bit for bit (a REAL
 * column would turn -0.0 into the integer 0); whole numbers as integers
 * (number_cell()).
 * SPDX-License-Identifier: MIT */
#include "store_journal.h"
#include "alloc.h"
#include "error.h"
#include "store_chain.h"
#include "store_db.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Consecutive observations are replayed as one ot_observe_batch() call of
 * at most this many (same result as one by one, far fewer checks). */
#define REPLAY_BATCH 4096

static const char *const COLUMN[] = {"seq", "type", "kind", "flag", "a", "b", "c", "d", "x", "t", "name", "hash"};

/* ---- writing --------------------------------------------------------- */

/* The event carries a name (the new organisation's or actor's). */
static int named(int type) { return oti_event_desc_of((unsigned)type)->named; }

/* A double that is a whole number (not -0.0, below 2^53 in magnitude) goes
 * in as an integer, exactly: SQLite stores small integers in 0 to 6 bytes
 * instead of 8 (a magnitude of 1 or a time in whole days: a journal row of
 * about 30 bytes instead of 45). Every other value, -0.0 included, as a
 * double, bit for bit. */
static oti_cell number_cell(double v)
{
    if (v > -9007199254740992.0 && v < 9007199254740992.0 && v == (double)(sqlite3_int64)v && !(v == 0.0 && signbit(v)))
        return (oti_cell){.type = SQLITE_INTEGER, .i = (sqlite3_int64)v};
    return (oti_cell){.type = SQLITE_FLOAT, .f = v};
}

static oti_cell int_cell(sqlite3_int64 v) { return (oti_cell){.type = SQLITE_INTEGER, .i = v}; }

/* The columns of one row (OTI_JOURNAL_COLUMNS), as they are bound and
 * stored: the chain hashes these very cells. */
static void row_cells(uint64_t seq, const oti_event *e, const char *name, oti_cell cells[OTI_JOURNAL_NCOLUMNS])
{
    cells[0] = int_cell((sqlite3_int64)seq);
    cells[1] = int_cell(e->type);
    cells[2] = int_cell(e->kind);
    cells[3] = int_cell(e->flag);
    cells[4] = int_cell(e->a);
    cells[5] = int_cell(e->b);
    cells[6] = int_cell(e->c);
    cells[7] = int_cell(e->d);
    cells[8] = number_cell(e->x);
    cells[9] = number_cell(e->t);
    if (named(e->type) && name)
        cells[10] = (oti_cell){.type = SQLITE_TEXT, .p = name, .n = strlen(name)};
    else
        cells[10] = (oti_cell){.type = SQLITE_NULL};
}

int oti_store_insert(oti_store *s, const oti_event *ev, size_t n, const char *name, uint8_t head[OTI_CHAIN_BYTES])
{
    sqlite3_stmt *st = s->ins;
    oti_cell cells[OTI_JOURNAL_NCOLUMNS];
    for (size_t i = 0; i < n; i++) {
        row_cells(s->seq + 1 + i, &ev[i], name, cells);
        for (int c = 0; c < OTI_JOURNAL_NCOLUMNS; c++)
            oti_chain_bind(st, c + 1, &cells[c]);
        oti_chain_link(head, cells, OTI_JOURNAL_NCOLUMNS, head);
        int anchor = i + 1 == n || (s->seq + 1 + i) % OTI_CHAIN_ANCHOR == 0;
        sqlite3_bind_blob(st, OTI_JOURNAL_NCOLUMNS + 1, head, anchor ? OTI_CHAIN_BYTES : OTI_CHAIN_SHORT,
                          SQLITE_STATIC);
        int rc = sqlite3_step(st);
        int rc2 = sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return rc == SQLITE_ROW ? SQLITE_ERROR : rc2 != SQLITE_OK ? rc2 : rc;
    }
    return SQLITE_OK;
}

/* ---- reading --------------------------------------------------------- */

/* One row into an event; NULL on success, else the damaged column. */
static const char *decode(sqlite3_stmt *st, uint64_t *seq, oti_event *ev, const char **name)
{
    static const uint64_t max[8] = {INT64_MAX, OTI_EV_LAST, UINT8_MAX, UINT8_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX,
                                    UINT32_MAX};
    uint64_t v[8];
    for (int i = 0; i < 8; i++) {
        sqlite3_int64 x = sqlite3_column_int64(st, i);
        if (sqlite3_column_type(st, i) != SQLITE_INTEGER || x < 0 || (uint64_t)x > max[i])
            return COLUMN[i];
        v[i] = (uint64_t)x;
    }
    if (!oti_event_desc_of((unsigned)v[1]))
        return COLUMN[1];
    for (int i = 8; i < 10; i++) {
        int type = sqlite3_column_type(st, i);
        /* Integers only as number_cell() makes them. */
        sqlite3_int64 x = sqlite3_column_int64(st, i);
        if (type != SQLITE_FLOAT && (type != SQLITE_INTEGER || x <= -9007199254740992LL || x >= 9007199254740992LL))
            return COLUMN[i];
    }
    *seq = v[0];
    *ev = (oti_event){.type = (uint8_t)v[1], .kind = (uint8_t)v[2], .flag = (uint8_t)v[3], .a = (uint32_t)v[4],
                      .b = (uint32_t)v[5], .c = (uint32_t)v[6], .d = (uint32_t)v[7],
                      .x = sqlite3_column_double(st, 8), .t = sqlite3_column_double(st, 9)};
    *name = NULL;
    if (named(ev->type)) {
        const char *s = (const char *)sqlite3_column_text(st, 10);
        /* A name holds no NUL: the column's length must be the string's. */
        if (sqlite3_column_type(st, 10) != SQLITE_TEXT || !s || strlen(s) != (size_t)sqlite3_column_bytes(st, 10))
            return COLUMN[10];
        *name = s;
    } else if (sqlite3_column_type(st, 10) != SQLITE_NULL) {
        return COLUMN[10];
    }
    return NULL;
}

static int damaged_entry(const oti_store *s, const char *fn, uint64_t seq, const char *column)
{
    return oti_fail(OT_EFORMAT, "%s: store \"%.200s\": journal entry %llu is damaged (column %s)", fn, s->path,
                    (unsigned long long)seq, column);
}

static int missing_entry(const oti_store *s, const char *fn, uint64_t want, uint64_t got)
{
    if (got < want)
        return oti_fail(OT_EFORMAT, "%s: store \"%.200s\": journal entry %llu appears after entry %llu (damaged)", fn,
                        s->path, (unsigned long long)got, (unsigned long long)want - 1);
    return oti_fail(OT_EFORMAT, "%s: store \"%.200s\": journal entry %llu is missing (the journal is damaged)", fn,
                    s->path, (unsigned long long)want);
}

static int read_failed(const oti_store *s, int rc, const char *fn)
{
    return oti_store_fail(s, oti_store_status(rc), fn, "reading the journal");
}

/* The chain at entry seq disagrees with its stored hash. */
static int broken_link(const oti_store *s, const char *fn, uint64_t seq, const uint8_t want[OTI_CHAIN_BYTES],
                       const uint8_t got[OTI_CHAIN_BYTES])
{
    char w[2 * OTI_CHAIN_BYTES + 1], g[2 * OTI_CHAIN_BYTES + 1];
    oti_chain_hex(want, w);
    oti_chain_hex(got, g);
    return oti_fail(OT_EFORMAT,
                    "%s: store \"%.200s\": journal entry %llu fails its checksum: the hash of its content chained to "
                    "%s begins %.8s, the stored hash %.8s (the entry%s was damaged or edited)",
                    fn, s->path, (unsigned long long)seq,
                    seq == 1 ? "the configuration" : "the entry before it", w, g,
                    seq == 1 ? " or the configuration" : " or one before it");
}

/* Row st (the journal's columns, then its hash) continues the chain at
 * entry seq: head moves on to its link. The row holds the link's first
 * bytes, or all of it (an anchor). */
static int check_link(const oti_store *s, sqlite3_stmt *st, uint64_t seq, uint8_t head[OTI_CHAIN_BYTES],
                      const char *fn)
{
    const void *stored = sqlite3_column_blob(st, OTI_JOURNAL_NCOLUMNS);
    int len = sqlite3_column_bytes(st, OTI_JOURNAL_NCOLUMNS);
    if (sqlite3_column_type(st, OTI_JOURNAL_NCOLUMNS) != SQLITE_BLOB || !stored ||
        (len != OTI_CHAIN_BYTES && (len != OTI_CHAIN_SHORT || seq % OTI_CHAIN_ANCHOR == 0)))
        return damaged_entry(s, fn, seq, COLUMN[OTI_JOURNAL_NCOLUMNS]);
    oti_cell cells[OTI_JOURNAL_NCOLUMNS];
    uint8_t link[OTI_CHAIN_BYTES], got[OTI_CHAIN_BYTES];
    oti_chain_cells(st, 0, OTI_JOURNAL_NCOLUMNS, cells);
    oti_chain_link(head, cells, OTI_JOURNAL_NCOLUMNS, link);
    if (memcmp(link, stored, (size_t)len) != 0) {
        memset(got, 0, sizeof got);
        memcpy(got, stored, (size_t)len);
        return broken_link(s, fn, seq, link, got);
    }
    memcpy(head, link, OTI_CHAIN_BYTES);
    return OT_OK;
}

int oti_store_walk(oti_store *s, uint64_t from, uint64_t to, uint8_t *head, const char *fn, oti_visit_fn visit,
                   void *arg)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                head ? "SELECT " OTI_JOURNAL_COLUMNS ", hash FROM orgtrust_journal WHERE seq > ?1 AND "
                                       "seq <= ?2 ORDER BY seq"
                                     : "SELECT " OTI_JOURNAL_COLUMNS " FROM orgtrust_journal WHERE seq > ?1 AND "
                                       "seq <= ?2 ORDER BY seq",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(st);
        return read_failed(s, rc, fn);
    }
    sqlite3_bind_int64(st, 1, (sqlite3_int64)from);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)to);
    uint64_t want = from + 1, seq = 0;
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        oti_event ev;
        const char *name = NULL, *bad;
        /* In its place first (a row moved elsewhere is the entry missing
         * here), then its link of the chain (whatever changed in it), then
         * what it says. */
        seq = (uint64_t)sqlite3_column_int64(st, 0);
        if (seq != want)
            rc = missing_entry(s, fn, want, seq);
        else if (head && (rc = check_link(s, st, want, head, fn)))
            ;
        else if ((bad = decode(st, &seq, &ev, &name)))
            rc = damaged_entry(s, fn, want, bad);
        else
            rc = visit(arg, want++, &ev, name);
    }
    if (!rc && step != SQLITE_DONE)
        rc = read_failed(s, step, fn);
    if (!rc && want != to + 1)
        rc = missing_entry(s, fn, want, to + 1);
    sqlite3_finalize(st);
    return rc;
}

int oti_store_entry_hash(oti_store *s, uint64_t seq, uint8_t out[OTI_CHAIN_BYTES], const char *fn)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT hash FROM orgtrust_journal WHERE seq = ?1", -1, &st, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(st);
        return read_failed(s, rc, fn);
    }
    sqlite3_bind_int64(st, 1, (sqlite3_int64)seq);
    int step = sqlite3_step(st);
    /* (a checkpoint follows the last row of a write: an anchor, whole) */
    if (step == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_BLOB &&
        sqlite3_column_bytes(st, 0) == OTI_CHAIN_BYTES && sqlite3_column_blob(st, 0)) {
        memcpy(out, sqlite3_column_blob(st, 0), OTI_CHAIN_BYTES);
        rc = OT_OK;
    } else if (step == SQLITE_ROW) {
        rc = damaged_entry(s, fn, seq, COLUMN[OTI_JOURNAL_NCOLUMNS]);
    } else if (step == SQLITE_DONE) {
        rc = missing_entry(s, fn, seq, seq + 1);
    } else {
        rc = read_failed(s, step, fn);
    }
    sqlite3_finalize(st);
    return rc;
}

/* ---- replay ------------------------------------------------------------ */

int oti_store_apply(ot_model *m, const oti_event *ev, const char *name)
{
    const oti_event_desc *d = oti_event_desc_of(ev->type);
    if (!d)
        return oti_fail(OT_EFORMAT, "event type %u is unknown", (unsigned)ev->type);
    return d->apply(m, ev, name);
}

/* A replayed call failed: the entry is at fault, unless memory ran out. */
static int refused(const oti_store *s, int rc, const char *fn, uint64_t seq)
{
    if (rc == OT_ENOMEM)
        return rc;
    oti_error_prefix("%s: store \"%.200s\": journal entry %llu no longer validates: ", fn, s->path,
                     (unsigned long long)seq);
    return OT_EFORMAT;
}

int oti_replay_init(oti_replay *r, oti_store *s, ot_model *m, const char *fn)
{
    *r = (oti_replay){.s = s, .m = m, .fn = fn, .obs = oti_malloc(REPLAY_BATCH * sizeof(ot_observation))};
    if (!r->obs)
        return oti_nomem(fn);
    m->replaying = 1;
    return OT_OK;
}

void oti_replay_done(oti_replay *r)
{
    if (r->m)
        r->m->replaying = 0;
    oti_free(r->obs);
    r->obs = NULL;
}

int oti_replay_flush(oti_replay *r)
{
    size_t applied = 0;
    int rc = r->nobs ? ot_observe_batch(r->m, r->obs, r->nobs, &applied) : OT_OK;
    r->nobs = 0;
    return rc ? refused(r->s, rc, r->fn, r->first + applied) : OT_OK;
}

int oti_replay_entry(oti_replay *r, uint64_t seq, const oti_event *ev, const char *name)
{
    int rc;
    if (ev->type == OTI_EV_OBSERVE) {
        if (r->nobs == REPLAY_BATCH && (rc = oti_replay_flush(r)))
            return rc;
        if (r->nobs == 0)
            r->first = seq;
        r->obs[r->nobs++] = (ot_observation){.truster = ev->a, .trustee = ev->b, .kind = ev->kind,
                                             .magnitude = ev->x, .t = ev->t};
        return OT_OK;
    }
    if ((rc = oti_replay_flush(r)))
        return rc;
    rc = oti_store_apply(r->m, ev, name);
    return rc ? refused(r->s, rc, r->fn, seq) : OT_OK;
}

static int replay_one(void *arg, uint64_t seq, const oti_event *ev, const char *name)
{
    return oti_replay_entry(arg, seq, ev, name);
}

int oti_store_replay(oti_store *s, ot_model *m, uint64_t from, uint64_t to, uint8_t *head, const char *fn)
{
    if (from == to)
        return OT_OK;
    oti_replay r;
    int rc = oti_replay_init(&r, s, m, fn);
    if (rc)
        return rc;
    rc = oti_store_walk(s, from, to, head, fn, replay_one, &r);
    if (!rc)
        rc = oti_replay_flush(&r);
    oti_replay_done(&r);
    return rc;
}

/* ---- export ------------------------------------------------------------ */

typedef struct export {
    int (*cb)(void *arg, const oti_event *ev, const char *name);
    void *arg;
    oti_replay r; /* the check: every entry replayed into a model of its own */
} export;

static int export_one(void *arg, uint64_t seq, const oti_event *ev, const char *name)
{
    export *x = arg;
    int rc = oti_replay_entry(&x->r, seq, ev, name);
    return rc ? rc : x->cb(x->arg, ev, name);
}

/* The replayed history ends where the model is: same chain head, same
 * state. */
static int export_end(oti_store *s, export *x, const uint8_t head[OTI_CHAIN_BYTES], const char *fn)
{
    int rc = oti_replay_flush(&x->r);
    if (rc)
        return rc;
    if (s->format >= OTI_STORE_FORMAT && memcmp(head, s->head, OTI_CHAIN_BYTES) != 0)
        return oti_fail(OT_EFORMAT,
                        "%s: store \"%.200s\": the journal up to entry %llu is not the one this model was opened "
                        "with (its chain head differs): the file was changed under the model",
                        fn, s->path, (unsigned long long)s->seq);
    uint64_t want = 0, got = 0;
    ot_model_digest(s->m, &want);
    ot_model_digest(x->r.m, &got);
    if (want != got)
        return oti_fail(OT_EFORMAT,
                        "%s: store \"%.200s\": replaying the journal's %llu entries gives a state (digest %016llx) "
                        "other than the model's (%016llx): the checkpoint disagrees with the journal (damaged)",
                        fn, s->path, (unsigned long long)s->seq, (unsigned long long)got, (unsigned long long)want);
    return OT_OK;
}

int oti_store_foreach(void *ctx, int (*cb)(void *arg, const oti_event *ev, const char *name), void *arg)
{
    /* A statement of its own per call: concurrent queries on one model are
     * allowed, and the connection (SQLITE_OPEN_FULLMUTEX) serialises them. */
    static const char fn[] = "reading the events";
    oti_store *s = ctx;
    export x = {.cb = cb, .arg = arg};
    ot_model *check;
    int rc = ot_model_new(&s->m->cfg, &check);
    if (rc)
        return rc;
    check->keep_events = 0;
    if (!(rc = oti_replay_init(&x.r, s, check, fn))) {
        uint8_t head[OTI_CHAIN_BYTES];
        memcpy(head, s->genesis, OTI_CHAIN_BYTES);
        rc = oti_store_walk(s, 0, s->seq, s->format >= OTI_STORE_FORMAT ? head : NULL, fn, export_one, &x);
        if (!rc)
            rc = export_end(s, &x, head, fn);
        oti_replay_done(&x.r);
    }
    ot_model_free(check);
    return rc;
}
