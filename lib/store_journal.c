/* The store's journal: one row per accepted event, appended before the
 * event takes effect, read back to replay (opening a store) and to export.
 *
 * A row holds the fields of an oti_event (lib/event.h) and, for
 * ORG_ADD and ACTOR_ADD, the name given. Doubles go into columns without a
 * declared type, so SQLite stores them as given, bit for bit (a REAL
 * column would turn -0.0 into the integer 0); whole numbers as integers
 * (bind_number()).
 * SPDX-License-Identifier: MIT */
#include "store_journal.h"
#include "alloc.h"
#include "error.h"
#include "store_db.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Consecutive observations are replayed as one ot_observe_batch() call of
 * at most this many (same result as one by one, far fewer checks). */
#define REPLAY_BATCH 4096

static const char *const COLUMN[] = {"seq", "type", "kind", "flag", "a", "b", "c", "d", "x", "t", "name"};

/* ---- writing --------------------------------------------------------- */

/* The event carries a name (the new organisation's or actor's). */
static int named(int type) { return oti_event_desc_of((unsigned)type)->named; }

/* A double that is a whole number (not -0.0, below 2^53 in magnitude) goes
 * in as an integer, exactly: SQLite stores small integers in 0 to 6 bytes
 * instead of 8 (a magnitude of 1 or a time in whole days: a journal row of
 * about 30 bytes instead of 45). Every other value, -0.0 included, as a
 * double, bit for bit. */
static void bind_number(sqlite3_stmt *st, int col, double v)
{
    if (v > -9007199254740992.0 && v < 9007199254740992.0 && v == (double)(sqlite3_int64)v && !(v == 0.0 && signbit(v)))
        sqlite3_bind_int64(st, col, (sqlite3_int64)v);
    else
        sqlite3_bind_double(st, col, v);
}

int oti_store_insert(oti_store *s, const oti_event *ev, size_t n, const char *name)
{
    sqlite3_stmt *st = s->ins;
    for (size_t i = 0; i < n; i++) {
        const oti_event *e = &ev[i];
        sqlite3_bind_int64(st, 1, (sqlite3_int64)s->seq + 1 + (sqlite3_int64)i);
        sqlite3_bind_int(st, 2, e->type);
        sqlite3_bind_int(st, 3, e->kind);
        sqlite3_bind_int(st, 4, e->flag);
        sqlite3_bind_int64(st, 5, e->a);
        sqlite3_bind_int64(st, 6, e->b);
        sqlite3_bind_int64(st, 7, e->c);
        sqlite3_bind_int64(st, 8, e->d);
        bind_number(st, 9, e->x);
        bind_number(st, 10, e->t);
        if (named(e->type) && name)
            sqlite3_bind_text(st, 11, name, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 11);
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
        /* Integers only as bind_number() writes them. */
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

typedef int (*visit_fn)(void *arg, uint64_t seq, const oti_event *ev, const char *name);

/* Visit the journal entries from + 1 .. to in order, each decoded and
 * checked (damaged, missing or out of place: OT_EFORMAT naming it), until
 * `visit` returns non-0; that value, or the status. */
static int each_entry(oti_store *s, uint64_t from, uint64_t to, const char *fn, visit_fn visit, void *arg)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        s->db, "SELECT " OTI_JOURNAL_COLUMNS " FROM orgtrust_journal WHERE seq > ?1 AND seq <= ?2 ORDER BY seq", -1,
        &st, NULL);
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
        const char *name = NULL, *bad = decode(st, &seq, &ev, &name);
        if (bad)
            rc = damaged_entry(s, fn, want, bad);
        else if (seq != want)
            rc = missing_entry(s, fn, want, seq);
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

typedef struct replay {
    oti_store *s;
    ot_model *m;
    const char *fn;
    ot_observation *obs;
    size_t nobs;
    uint64_t first; /* seq of obs[0] */
} replay;

static int flush(replay *r)
{
    size_t applied = 0;
    int rc = r->nobs ? ot_observe_batch(r->m, r->obs, r->nobs, &applied) : OT_OK;
    r->nobs = 0;
    return rc ? refused(r->s, rc, r->fn, r->first + applied) : OT_OK;
}

static int replay_one(void *arg, uint64_t seq, const oti_event *ev, const char *name)
{
    replay *r = arg;
    int rc;
    if (ev->type == OTI_EV_OBSERVE) {
        if (r->nobs == REPLAY_BATCH && (rc = flush(r)))
            return rc;
        if (r->nobs == 0)
            r->first = seq;
        r->obs[r->nobs++] = (ot_observation){.truster = ev->a, .trustee = ev->b, .kind = ev->kind,
                                             .magnitude = ev->x, .t = ev->t};
        return OT_OK;
    }
    if ((rc = flush(r)))
        return rc;
    rc = oti_store_apply(r->m, ev, name);
    return rc ? refused(r->s, rc, r->fn, seq) : OT_OK;
}

int oti_store_replay(oti_store *s, ot_model *m, uint64_t from, uint64_t to, const char *fn)
{
    if (from == to)
        return OT_OK;
    replay r = {.s = s, .m = m, .fn = fn, .obs = oti_malloc(REPLAY_BATCH * sizeof(ot_observation))};
    if (!r.obs)
        return oti_nomem(fn);
    m->replaying = 1;
    int rc = each_entry(s, from, to, fn, replay_one, &r);
    if (!rc)
        rc = flush(&r);
    m->replaying = 0;
    oti_free(r.obs);
    return rc;
}

/* ---- export ------------------------------------------------------------ */

typedef struct export {
    int (*cb)(void *arg, const oti_event *ev, const char *name);
    void *arg;
} export;

static int export_one(void *arg, uint64_t seq, const oti_event *ev, const char *name)
{
    (void)seq;
    const export *x = arg;
    return x->cb(x->arg, ev, name);
}

int oti_store_foreach(void *ctx, int (*cb)(void *arg, const oti_event *ev, const char *name), void *arg)
{
    /* A statement of its own per call: concurrent queries on one model are
     * allowed, and the connection (SQLITE_OPEN_FULLMUTEX) serialises them. */
    export x = {.cb = cb, .arg = arg};
    return each_entry(ctx, 0, ((oti_store *)ctx)->seq, "reading the events", export_one, &x);
}
