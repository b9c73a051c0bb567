/* The SQLite store: a durable model in one file (the header's
 * "Persistence"; docs/store.md for users).
 *
 * Format version 3, seven tables and nothing else:
 *
 *   orgtrust_format(version, created_by)   one row; this table keeps its
 *                                          definition in every version
 *   orgtrust_model(version)                one row: the model version the
 *                                          store is written for
 *   orgtrust_config(param, name, value)    the parameters, read by name: an
 *                                          unknown name is a newer
 *                                          orgtrust's, a missing one takes
 *                                          its model version's value
 *   orgtrust_layer(layer, name)            the layers, from 0
 *   orgtrust_journal(seq, type, kind, flag, a, b, c, d, x, t, name, hash)
 *                                          every accepted mutating call as
 *                                          oti_event rows, seq 1, 2, ...
 *                                          (lib/store_journal.c), each with
 *                                          its link of the checksum chain
 *                                          (lib/store_chain.c)
 *   orgtrust_checkpoint(seq, digest, snapshot, head)
 *                                          the latest oti_snapshot() of the
 *                                          model after journal entry `seq`,
 *                                          its ot_model_digest(), and its
 *                                          seal: the chain's hash of entry
 *                                          `seq` linked with seq and digest
 *                                          (oti_chain_seal())
 *   orgtrust_chain(algorithm, sealed, sealed_by)
 *                                          one row: the chain's hash, and
 *                                          how many entries a 1.0 store had
 *                                          when 1.1 started its chain
 *
 * Version 2 lacks the hash and head columns and the chain table, version 1
 * (liborgtrust 1.0) also orgtrust_model. Such a store opens as before;
 * opened for writing it becomes format 2 (upgrade_model()), and its first
 * write (a call or a checkpoint) makes it format 3 in the write's own
 * transaction: the columns and the table are added, and the chain is
 * computed over the whole journal (upgrade()).
 *
 * Opening restores the checkpoint (or makes an empty model from the stored
 * configuration) and replays the journal after it through the public
 * functions, inside one read transaction so that a writer appending at the
 * same time cannot tear it. The model is then bound: its mutating calls
 * hand their events to store_write() before they change anything.
 *
 * SQLite is the system library; the library never calls sqlite3_config()
 * or changes anything process-wide: the host may use SQLite too. One
 * connection per store, opened SQLITE_OPEN_FULLMUTEX because concurrent
 * queries on one model are allowed and exporting events reads the journal.
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "store.h"
#include "alloc.h"
#include "args.h"
#include "error.h"
#include "record.h"
#include "snapshot.h"
#include "store_chain.h"
#include "store_db.h"
#include "store_journal.h"

#include <errno.h>
#include <stddef.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { T_FORMAT, T_CONFIG, T_LAYER, T_JOURNAL, T_CHECKPOINT, T_MODEL, T_CHAIN, NTABLES };

/* The columns of the tables that format 3 extends, and what the upgrade
 * adds: the definitions SQLite keeps after ALTER TABLE ... ADD COLUMN are
 * format 3's, word for word. */
#define JOURNAL_V1                                                                                               \
    "CREATE TABLE orgtrust_journal(seq INTEGER PRIMARY KEY, type INTEGER NOT NULL, kind INTEGER NOT NULL, "      \
    "flag INTEGER NOT NULL, a INTEGER NOT NULL, b INTEGER NOT NULL, c INTEGER NOT NULL, d INTEGER NOT NULL, "    \
    "x NOT NULL, t NOT NULL, name TEXT"
#define JOURNAL_ADD "hash BLOB"
#define CHECKPOINT_V1 \
    "CREATE TABLE orgtrust_checkpoint(seq INTEGER PRIMARY KEY, digest INTEGER NOT NULL, snapshot BLOB NOT NULL"
#define CHECKPOINT_ADD "head BLOB"

/* The tables; `sql` (or `unchained` for a store of format 1 or 2) is
 * compared with sqlite_schema word for word when a store is opened. Columns
 * without a type hold doubles bit for bit. */
static const struct {
    const char *name, *sql;
    const char *unchained; /* the definition before format 3, where it differs */
    int since;             /* the first format that has it */
} TABLE[NTABLES] = {
    {"orgtrust_format", "CREATE TABLE orgtrust_format(version INTEGER NOT NULL, created_by TEXT NOT NULL)", NULL, 1},
    {"orgtrust_config", "CREATE TABLE orgtrust_config(param INTEGER PRIMARY KEY, name TEXT NOT NULL, value NOT NULL)",
     NULL, 1},
    {"orgtrust_layer", "CREATE TABLE orgtrust_layer(layer INTEGER PRIMARY KEY, name TEXT NOT NULL)", NULL, 1},
    {"orgtrust_journal", JOURNAL_V1 ", " JOURNAL_ADD ")", JOURNAL_V1 ")", 1},
    {"orgtrust_checkpoint", CHECKPOINT_V1 ", " CHECKPOINT_ADD ")", CHECKPOINT_V1 ")", 1},
    {"orgtrust_model", "CREATE TABLE orgtrust_model(version INTEGER NOT NULL)", NULL, 2},
    {"orgtrust_chain",
     "CREATE TABLE orgtrust_chain(algorithm TEXT NOT NULL, sealed INTEGER NOT NULL, sealed_by TEXT NOT NULL)", NULL,
     3},
};

/* The definition of table i in the store's format version; NULL when that
 * format has no such table. */
static const char *table_sql(const oti_store *s, int i)
{
    if (s->format < TABLE[i].since)
        return NULL;
    return s->format < OTI_STORE_FORMAT_CHAINED && TABLE[i].unchained ? TABLE[i].unchained : TABLE[i].sql;
}

/* The statements kept for the store's lifetime. */
static const struct {
    size_t off;
    const char *sql;
} KEPT[] = {
    {offsetof(oti_store, tip), "SELECT max(seq) FROM orgtrust_journal"},
    {offsetof(oti_store, begin), "BEGIN IMMEDIATE"},
    {offsetof(oti_store, commit), "COMMIT"},
    {offsetof(oti_store, rollback), "ROLLBACK"},
    {offsetof(oti_store, save), "SAVEPOINT oti_write"},
    {offsetof(oti_store, release), "RELEASE oti_write"},
    {offsetof(oti_store, undo_to), "ROLLBACK TO oti_write"},
};
#define NKEPT (sizeof KEPT / sizeof KEPT[0])

/* Kept too, once the store has format 3 (an older store's journal has no
 * hash column until the upgrade). */
static const char INSERT_SQL[] = "INSERT INTO orgtrust_journal(" OTI_JOURNAL_COLUMNS
                                 ", hash) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

static sqlite3_stmt **kept(oti_store *s, size_t i) { return (sqlite3_stmt **)((char *)s + KEPT[i].off); }

/* SQLite's message for the failure that just happened, before cleanup
 * statements replace it. */
static void sqlite_why(const oti_store *s, int rc, char *buf, size_t len)
{
    snprintf(buf, len, "%s, SQLite error %d", sqlite3_errmsg(s->db), rc);
}

static int another_writer(const oti_store *s, const char *fn, uint64_t tip)
{
    return oti_fail(OT_ESTATE,
                    "%s: store \"%.200s\": the journal ends at entry %llu but this model reflects entry %llu: another "
                    "connection wrote to the store since it was opened; free the model and open the store again",
                    fn, s->path, (unsigned long long)tip, (unsigned long long)s->seq);
}

/* ---- closing ------------------------------------------------------------ */

static void end_unit(oti_store *s)
{
    oti_free(s->undo);
    s->undo = NULL;
    s->undo_len = 0;
    s->in_unit = 0;
    s->lost = 0;
}

static void store_close(void *ctx)
{
    oti_store *s = ctx;
    if (s->db && !sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL); /* an open unit is dropped */
    for (size_t i = 0; i < NKEPT; i++)
        sqlite3_finalize(*kept(s, i));
    sqlite3_finalize(s->ins);
    sqlite3_close_v2(s->db);
    end_unit(s);
    oti_free(s->path);
    oti_free(s);
}

static oti_store *store_of(const ot_model *m)
{
    return m && m->journal.close == store_close ? m->journal.ctx : NULL;
}

/* The store m is bound to (writable: not read-only), or NULL with the
 * message set and the status in *rc. */
static oti_store *store_arg(const ot_model *m, const char *fn, int writable, int *rc)
{
    oti_store *s = store_of(m);
    if (!m)
        *rc = oti_fail(OT_EINVAL, "%s: m is NULL", fn);
    else if (!s)
        *rc = oti_fail(OT_ESTATE, "%s: the model is not bound to a store (open one with ot_store_open)", fn);
    else if (writable && s->readonly)
        *rc = oti_fail(OT_ESTATE, "%s: store \"%.200s\" was opened read-only (OT_STORE_READONLY)", fn, s->path);
    else
        return s;
    return NULL;
}

/* ---- the journal hook ---------------------------------------------------- */

static void advance(oti_store *s, size_t n)
{
    s->seq += n;
    s->m->nlog = (size_t)s->seq; /* OT_EVENTS counts the journal's entries */
}

/* OT_EBUSY for a lock held by another connection, otherwise OT_EIO. */
static int busy_or_io(int rc) { return oti_store_status(rc) == OT_EBUSY ? OT_EBUSY : OT_EIO; }

/* The message of a failed journal write; `tail` says what became of it. */
static int write_failed(const oti_store *s, int rc, const char *why, const char *tail)
{
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
        return oti_fail(OT_ESTATE,
                        "store \"%.200s\": journal entry %llu already exists: another connection wrote to the store "
                        "since this model was opened; free the model and open the store again (%s)",
                        s->path, (unsigned long long)s->seq + 1, tail);
    if (busy_or_io(rc) == OT_EBUSY)
        return oti_fail(OT_EBUSY, "store \"%.200s\" is locked by another writer (waited %d ms; %s); %s", s->path,
                        OTI_BUSY_TIMEOUT_MS, why, tail);
    return oti_fail((rc & 0xff) == SQLITE_NOMEM ? OT_ENOMEM : OT_EIO,
                    "store \"%.200s\": writing the journal failed (%s); %s", s->path, why, tail);
}

/* ---- the upgrade of a 1.0 store ------------------------------------------- */

static void forget_insert(oti_store *s)
{
    sqlite3_finalize(s->ins);
    s->ins = NULL;
}

/* Inside the caller's transaction: give a store of format 1 the chain's
 * columns and table, and the chain over every entry it holds (one UPDATE
 * per entry: time in proportion to the journal, once). On failure the
 * caller rolls the transaction back and the store stays at format 1; on
 * success s->format is 2 and s->head the chain's hash of entry s->seq (the
 * caller restores both if its transaction is rolled back later). The
 * SQLite result code (>= 0), or an orgtrust status (< 0) with the message
 * set: OT_EFORMAT for a damaged journal, OT_ESTATE when another connection
 * wrote to the store. */
static int upgrade(oti_store *s, const char *fn)
{
    uint64_t tip;
    int rc = oti_store_tip(s, &tip, NULL);
    if (rc == OT_OK && tip != s->seq)
        return another_writer(s, fn, tip);
    /* The genesis of the configuration as it is now (upgrade_model() may
     * have listed more parameters since the open). */
    if ((rc = oti_chain_genesis(s->db, s->genesis)) != SQLITE_OK)
        return rc;
    char sql[512];
    snprintf(sql, sizeof sql,
             "ALTER TABLE orgtrust_journal ADD COLUMN " JOURNAL_ADD "; ALTER TABLE orgtrust_checkpoint ADD COLUMN "
             CHECKPOINT_ADD "; %s; INSERT INTO orgtrust_chain VALUES('" OTI_CHAIN_ALGORITHM "', %llu, 'liborgtrust "
             OT_VERSION_STRING "'); UPDATE orgtrust_format SET version = %d",
             TABLE[T_CHAIN].sql, (unsigned long long)s->seq, OTI_STORE_FORMAT);
    rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    sqlite3_stmt *rd = NULL, *wr = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db, "SELECT " OTI_JOURNAL_COLUMNS " FROM orgtrust_journal ORDER BY seq", -1, &rd,
                                NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db, "UPDATE orgtrust_journal SET hash = ?1 WHERE seq = ?2", -1, &wr, NULL);
    uint8_t head[OTI_CHAIN_BYTES];
    memcpy(head, s->genesis, OTI_CHAIN_BYTES);
    uint64_t want = 1;
    int step = SQLITE_DONE;
    while (rc == SQLITE_OK && (step = sqlite3_step(rd)) == SQLITE_ROW) {
        oti_cell cells[OTI_JOURNAL_NCOLUMNS];
        oti_chain_cells(rd, 0, OTI_JOURNAL_NCOLUMNS, cells);
        if (cells[0].type != SQLITE_INTEGER || cells[0].i != (sqlite3_int64)want || want > s->seq) {
            oti_fail(OT_EFORMAT, "%s: store \"%.200s\": journal entry %llu is missing or out of place, so the "
                     "checksum chain cannot start (the 1.0 store is damaged)", fn, s->path, (unsigned long long)want);
            rc = OT_EFORMAT;
            break;
        }
        oti_chain_link(head, cells, OTI_JOURNAL_NCOLUMNS, head);
        sqlite3_bind_blob(wr, 1, head, OTI_CHAIN_BYTES, SQLITE_STATIC);
        sqlite3_bind_int64(wr, 2, (sqlite3_int64)want++);
        rc = oti_store_exec(wr);
    }
    if (rc == SQLITE_OK && step != SQLITE_DONE)
        rc = step;
    if (rc == SQLITE_OK && want != s->seq + 1) {
        oti_fail(OT_EFORMAT, "%s: store \"%.200s\": journal entry %llu is missing, so the checksum chain cannot "
                 "start (the 1.0 store is damaged)", fn, s->path, (unsigned long long)want);
        rc = OT_EFORMAT;
    }
    sqlite3_finalize(rd);
    sqlite3_finalize(wr);
    rd = wr = NULL;
    /* Each checkpoint gets its seal (a checkpoint after the journal's end is
     * left without one: the open refuses it as before). */
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db,
                                "SELECT c.seq, c.digest, j.hash FROM orgtrust_checkpoint AS c LEFT JOIN orgtrust_journal "
                                "AS j ON j.seq = c.seq",
                                -1, &rd, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db, "UPDATE orgtrust_checkpoint SET head = ?1 WHERE seq = ?2", -1, &wr, NULL);
    while (rc == SQLITE_OK && (step = sqlite3_step(rd)) == SQLITE_ROW) {
        sqlite3_int64 at = sqlite3_column_int64(rd, 0);
        const void *h = at == 0 ? s->genesis : sqlite3_column_blob(rd, 2);
        if (!h || (at != 0 && sqlite3_column_bytes(rd, 2) != OTI_CHAIN_BYTES))
            continue;
        uint8_t seal[OTI_CHAIN_BYTES];
        oti_chain_seal(h, (uint64_t)at, (uint64_t)sqlite3_column_int64(rd, 1), seal);
        sqlite3_bind_blob(wr, 1, seal, OTI_CHAIN_BYTES, SQLITE_TRANSIENT);
        sqlite3_bind_int64(wr, 2, at);
        rc = oti_store_exec(wr);
    }
    if (rc == SQLITE_OK && rd && step != SQLITE_DONE)
        rc = step;
    sqlite3_finalize(rd);
    sqlite3_finalize(wr);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v3(s->db, INSERT_SQL, -1, SQLITE_PREPARE_PERSISTENT, &s->ins, NULL);
    if (rc != SQLITE_OK) {
        forget_insert(s);
        return rc;
    }
    s->format = OTI_STORE_FORMAT;
    memcpy(s->head, head, OTI_CHAIN_BYTES);
    return SQLITE_OK;
}

/* After a rollback of the transaction that upgraded the store. */
static void undo_upgrade(oti_store *s, int format, const uint8_t head[OTI_CHAIN_BYTES])
{
    if (s->format != format) {
        s->format = format;
        forget_insert(s);
    }
    memcpy(s->head, head, OTI_CHAIN_BYTES);
}

/* The message of a failed upgrade (an orgtrust status: set already). */
static int upgrade_failed(const oti_store *s, int rc, const char *fn)
{
    if (rc < 0)
        return rc;
    return oti_store_fail(s, (rc & 0xff) == SQLITE_NOMEM ? OT_ENOMEM : OT_EIO, fn,
                          "starting the checksum chain of a 1.0 store");
}

/* ---- writing ------------------------------------------------------------- */

/* The rows of n events; more than one between `open` and `close`. The
 * SQLite result code; on success the model's count and the chain move on.
 * `head` receives the chain's hash of the last row written. */
static int append(oti_store *s, const oti_event *ev, size_t n, const char *name, sqlite3_stmt *open,
                  sqlite3_stmt *close, uint8_t head[OTI_CHAIN_BYTES])
{
    memcpy(head, s->head, OTI_CHAIN_BYTES);
    int rc = n > 1 ? oti_store_exec(open) : SQLITE_OK;
    if (rc == SQLITE_OK)
        rc = oti_store_insert(s, ev, n, name, head);
    if (rc == SQLITE_OK && n > 1)
        rc = oti_store_exec(close);
    if (rc == SQLITE_OK) {
        memcpy(s->head, head, OTI_CHAIN_BYTES);
        advance(s, n);
    }
    return rc;
}

/* Outside a unit: one event is one autocommitted INSERT, a batch one
 * transaction; the first write to a 1.0 store is one transaction with its
 * upgrade. */
static int write_auto(oti_store *s, const oti_event *ev, size_t n, const char *name)
{
    int format = s->format, rc = SQLITE_OK;
    uint8_t head0[OTI_CHAIN_BYTES], head[OTI_CHAIN_BYTES];
    memcpy(head0, s->head, OTI_CHAIN_BYTES);
    memcpy(head, s->head, OTI_CHAIN_BYTES);
    if (format != OTI_STORE_FORMAT) {
        if ((rc = oti_store_exec(s->begin)) == SQLITE_OK && (rc = upgrade(s, "writing the journal")) < 0) {
            oti_store_exec(s->rollback);
            undo_upgrade(s, format, head0);
            oti_error_prefix("store \"%.200s\": the call changed nothing: ", s->path);
            return rc;
        }
        if (rc == SQLITE_OK && (rc = oti_store_insert(s, ev, n, name, memcpy(head, s->head, OTI_CHAIN_BYTES))) ==
                                   SQLITE_OK && (rc = oti_store_exec(s->commit)) == SQLITE_OK) {
            memcpy(s->head, head, OTI_CHAIN_BYTES);
            advance(s, n);
            return OT_OK;
        }
    } else {
        rc = append(s, ev, n, name, s->begin, s->commit, head);
        if (rc == SQLITE_OK)
            return OT_OK;
    }
    char why[256];
    sqlite_why(s, rc, why, sizeof why);
    if (!sqlite3_get_autocommit(s->db))
        oti_store_exec(s->rollback);
    /* A failing COMMIT may still have reached the file (an error after the
     * commit record was written). What the connection sees decides: if
     * the rows are there, the call takes effect, so that memory and
     * journal agree. */
    uint64_t tip;
    if ((rc & 0xff) != SQLITE_CONSTRAINT && oti_store_tip(s, &tip, NULL) == OT_OK && tip == s->seq + n) {
        memcpy(s->head, head, OTI_CHAIN_BYTES);
        advance(s, n);
        return OT_OK;
    }
    undo_upgrade(s, format, head0);
    return write_failed(s, rc, why, "the call changed nothing");
}

/* Inside a unit: rows join the unit's transaction; a batch is undone as a
 * whole through a savepoint if one of its rows fails (with the upgrade of
 * a 1.0 store, when this is its first write). */
static int write_unit(oti_store *s, const oti_event *ev, size_t n, const char *name)
{
    if (s->lost || sqlite3_get_autocommit(s->db)) {
        s->lost = 1;
        return oti_fail(OT_EIO,
                        "store \"%.200s\": the unit begun with ot_store_begin was lost when a write failed; call "
                        "ot_store_rollback",
                        s->path);
    }
    int format = s->format, rc;
    uint8_t head0[OTI_CHAIN_BYTES], head[OTI_CHAIN_BYTES];
    memcpy(head0, s->head, OTI_CHAIN_BYTES);
    if (format != OTI_STORE_FORMAT) {
        if ((rc = oti_store_exec(s->save)) == SQLITE_OK && (rc = upgrade(s, "writing the journal")) == SQLITE_OK &&
            (rc = oti_store_insert(s, ev, n, name, memcpy(head, s->head, OTI_CHAIN_BYTES))) == SQLITE_OK &&
            (rc = oti_store_exec(s->release)) == SQLITE_OK) {
            memcpy(s->head, head, OTI_CHAIN_BYTES);
            advance(s, n);
            return OT_OK;
        }
        if (rc < 0) {
            oti_store_exec(s->undo_to);
            oti_store_exec(s->release);
            undo_upgrade(s, format, head0);
            oti_error_prefix("store \"%.200s\": the call changed nothing; the unit goes on: ", s->path);
            return rc;
        }
        undo_upgrade(s, format, head0);
        n = 2; /* undo through the savepoint below */
    } else {
        rc = append(s, ev, n, name, s->save, s->release, head);
        if (rc == SQLITE_OK)
            return OT_OK;
    }
    char why[256];
    sqlite_why(s, rc, why, sizeof why);
    /* After an I/O error or a full disk SQLite may give up the whole
     * transaction; then the unit cannot be committed any more. */
    s->lost = sqlite3_get_autocommit(s->db);
    if (!s->lost && n > 1) {
        oti_store_exec(s->undo_to);
        oti_store_exec(s->release);
    }
    return write_failed(s, rc, why,
                        s->lost ? "the call changed nothing, but SQLite abandoned the unit's transaction: call "
                                  "ot_store_rollback"
                                : "the call changed nothing; the unit goes on");
}

static int store_write(void *ctx, const oti_event *ev, size_t n, const char *name)
{
    oti_store *s = ctx;
    return s->in_unit ? write_unit(s, ev, n, name) : write_auto(s, ev, n, name);
}

/* ---- opening: the connection ---------------------------------------------- */

/* A connection of one call's own (verify) is used by one thread only:
 * SQLite need not lock its mutex on every column read. */
#define PRIVATE_CONNECTION 0x1000

static int connect(oti_store *s, int flags, const char *fn)
{
    int of = flags & PRIVATE_CONNECTION ? SQLITE_OPEN_NOMUTEX : SQLITE_OPEN_FULLMUTEX;
    if (flags & OT_STORE_READONLY)
        of |= SQLITE_OPEN_READONLY;
    else
        of |= SQLITE_OPEN_READWRITE | (flags & OT_STORE_CREATE ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(s->path, &s->db, of, NULL);
    if (!s->db)
        return oti_nomem(fn);
    if (rc != SQLITE_OK) {
        int err = sqlite3_system_errno(s->db);
        if ((rc & 0xff) == SQLITE_CANTOPEN && err == ENOENT && !(flags & OT_STORE_CREATE))
            return oti_fail(OT_EIO, "%s: store \"%.200s\" does not exist%s", fn, s->path,
                            flags & OT_STORE_READONLY ? "" : " (pass OT_STORE_CREATE to create it)");
        return oti_store_fail(s, oti_store_status(rc), fn, "cannot open the file");
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, OTI_BUSY_TIMEOUT_MS);
    /* A file may come from anywhere: no triggers, views or schema
     * functions of its own, no writes to the schema, and early detection
     * of damaged pages. */
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, (int *)NULL);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, (int *)NULL);
    rc = sqlite3_exec(s->db, "PRAGMA cell_size_check = ON", NULL, NULL, NULL);
    return rc == SQLITE_OK ? OT_OK : oti_store_fail(s, oti_store_status(rc), fn, "cannot configure the connection");
}

static int prepare(oti_store *s, const char *sql, sqlite3_stmt **st, const char *fn, const char *what)
{
    int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL);
    if (rc == SQLITE_OK)
        return OT_OK;
    sqlite3_finalize(*st);
    *st = NULL;
    return oti_store_fail(s, oti_store_status(rc), fn, what);
}

/* ---- opening: what the file holds ------------------------------------------- */

static int foreign(const oti_store *s, const char *fn, const char *why)
{
    return oti_fail(OT_EFORMAT, "%s: \"%.200s\" is not an orgtrust store: %s", fn, s->path, why);
}

/* The one integer of a one-row, one-column table: *rows 0, 1 or 2 (more
 * than one); *v when *rows is 1 and it is an integer (*integer 1). OT_OK, or
 * the status of SQLite's failure with the message set. */
static int one_integer(oti_store *s, const char *sql, const char *what, sqlite3_int64 *v, int *integer, int *rows,
                       const char *fn)
{
    sqlite3_stmt *st;
    int rc = prepare(s, sql, &st, fn, what);
    if (rc)
        return rc;
    int step = sqlite3_step(st);
    *rows = 0;
    *v = sqlite3_column_int64(st, 0);
    *integer = sqlite3_column_type(st, 0) == SQLITE_INTEGER;
    if (step == SQLITE_ROW) {
        *rows = 1;
        step = sqlite3_step(st);
        if (step == SQLITE_ROW)
            *rows = 2;
    }
    if (step != SQLITE_DONE && step != SQLITE_ROW)
        rc = oti_store_fail(s, oti_store_status(step), fn, what);
    sqlite3_finalize(st);
    return rc;
}

static int read_format(oti_store *s, const char *fn)
{
    sqlite3_int64 version;
    int integer, rows, rc = one_integer(s, "SELECT version FROM orgtrust_format", "reading the format version",
                                        &version, &integer, &rows, fn);
    if (rc)
        return rc;
    if (rows > 1)
        return foreign(s, fn, "table orgtrust_format has more than one row (damaged)");
    if (rows == 0 || !integer)
        return foreign(s, fn, "table orgtrust_format holds no version (damaged)");
    if (version > OTI_STORE_FORMAT)
        return oti_fail(OT_EFORMAT,
                        "%s: store \"%.200s\" has format version %lld, newer than version %d that this liborgtrust %s "
                        "reads: open it with a newer liborgtrust",
                        fn, s->path, (long long)version, OTI_STORE_FORMAT, OT_VERSION_STRING);
    if (version < 1)
        return oti_fail(OT_EFORMAT, "%s: store \"%.200s\" has format version %lld, which does not exist (damaged)",
                        fn, s->path, (long long)version);
    s->format = (int)version;
    return OT_OK;
}

/* The model version the store is written for: 1 for format 1, else the
 * one row of orgtrust_model. A newer one than this library computes is
 * refused. */
static int read_model(oti_store *s, const char *fn)
{
    s->model = 1;
    if (s->format < 2)
        return OT_OK;
    sqlite3_int64 v;
    int integer, rows, rc = one_integer(s, "SELECT version FROM orgtrust_model", "reading the model version", &v,
                                        &integer, &rows, fn);
    if (rc)
        return rc;
    if (rows != 1 || !integer || v < 1)
        return oti_fail(OT_EFORMAT, "%s: store \"%.200s\": table orgtrust_model does not hold one model version "
                        "(damaged)", fn, s->path);
    if (v > OTI_STORE_MODEL)
        return oti_fail(OT_EFORMAT,
                        "%s: store \"%.200s\" is written for model version %lld, newer than version %d that this "
                        "liborgtrust %s computes: open it with a newer liborgtrust",
                        fn, s->path, (long long)v, OTI_STORE_MODEL, OT_VERSION_STRING);
    s->model = (int)v;
    return OT_OK;
}

/* *empty = 1 for a file without any table; otherwise the file must be a
 * store of a version this library reads, with exactly its format's tables. */
static int inspect(oti_store *s, int *empty, const char *fn)
{
    sqlite3_stmt *st;
    int rc = prepare(s, "SELECT type, name, sql FROM sqlite_schema", &st, fn, "reading the schema");
    if (rc)
        return rc;
    /* Per table: how often it is there, and as which version's definition
     * (bit 1: version 2's, bit 2: version 1's). */
    int count[NTABLES] = {0}, as[NTABLES] = {0}, objects = 0, has_format = 0, step;
    char odd[80] = "";
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(st, 0);
        const char *name = (const char *)sqlite3_column_text(st, 1);
        const char *sql = (const char *)sqlite3_column_text(st, 2);
        objects++;
        int k = -1;
        for (int i = 0; i < NTABLES && name; i++)
            if (strcmp(name, TABLE[i].name) == 0)
                k = i;
        has_format |= k == T_FORMAT;
        if (k >= 0 && type && sql && strcmp(type, "table") == 0) {
            count[k]++;
            as[k] |= (strcmp(sql, TABLE[k].sql) == 0) |
                     (strcmp(sql, TABLE[k].unchained ? TABLE[k].unchained : TABLE[k].sql) == 0) << 1;
        } else if (!odd[0]) {
            snprintf(odd, sizeof odd, "%s \"%.40s\"", type ? type : "object", name ? name : "");
        }
    }
    if (step != SQLITE_DONE)
        rc = oti_store_fail(s, oti_store_status(step), fn, "reading the schema");
    sqlite3_finalize(st);
    if (rc)
        return rc;
    *empty = objects == 0;
    if (*empty)
        return OT_OK;
    if (!has_format)
        return foreign(s, fn,
                       "it is an SQLite database without the table orgtrust_format (another application's file?)");
    if (count[T_FORMAT] != 1 || !as[T_FORMAT])
        return foreign(s, fn, "its table orgtrust_format has an unexpected definition");
    if ((rc = read_format(s, fn)))
        return rc;
    if (odd[0])
        return oti_fail(OT_EFORMAT, "%s: store \"%.200s\" holds %s, which is not part of the store format (damaged)",
                        fn, s->path, odd);
    for (int i = 0; i < NTABLES; i++)
        if (count[i] != (table_sql(s, i) != NULL))
            return oti_fail(OT_EFORMAT, count[i] ? "%s: store \"%.200s\" holds the table %s, which format %d does not "
                                                   "have (damaged)"
                                                 : "%s: store \"%.200s\" lacks the table %s of format %d (damaged)",
                            fn, s->path, TABLE[i].name, s->format);
    int bit = s->format < OTI_STORE_FORMAT_CHAINED ? 2 : 1;
    for (int i = 0; i < NTABLES; i++) {
        if (table_sql(s, i) && !(as[i] & bit))
            return oti_fail(OT_EFORMAT, "%s: store \"%.200s\" holds table \"%s\" with a definition that is not "
                            "that of format version %d (damaged)", fn, s->path, TABLE[i].name, s->format);
    }
    return read_model(s, fn);
}

/* A store of format 3 names its chain's algorithm (one this library
 * knows) and how many entries were sealed when a 1.0 store was upgraded. */
static int read_chain(oti_store *s, uint64_t *sealed, const char *fn)
{
    *sealed = 0;
    if (s->format < OTI_STORE_FORMAT_CHAINED)
        return OT_OK;
    sqlite3_stmt *st;
    int rc = prepare(s, "SELECT algorithm, sealed FROM orgtrust_chain", &st, fn, "reading the chain's table");
    if (rc)
        return rc;
    int step = sqlite3_step(st);
    const char *alg = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    sqlite3_int64 n = step == SQLITE_ROW ? sqlite3_column_int64(st, 1) : -1;
    int type = step == SQLITE_ROW ? sqlite3_column_type(st, 1) : SQLITE_NULL;
    if (step == SQLITE_ROW && alg && strcmp(alg, OTI_CHAIN_ALGORITHM) != 0)
        rc = oti_fail(OT_EFORMAT, "%s: store \"%.200s\": its checksum chain uses \"%.40s\", which this liborgtrust %s "
                      "does not know (it knows " OTI_CHAIN_ALGORITHM ")", fn, s->path, alg, OT_VERSION_STRING);
    else if (step == SQLITE_ROW && (!alg || type != SQLITE_INTEGER || n < 0 || sqlite3_step(st) != SQLITE_DONE))
        rc = foreign(s, fn, "table orgtrust_chain is malformed (damaged)");
    else if (step == SQLITE_DONE)
        rc = foreign(s, fn, "table orgtrust_chain has no row (damaged)");
    else if (step != SQLITE_ROW)
        rc = oti_store_fail(s, oti_store_status(step), fn, "reading the chain's table");
    else
        *sealed = (uint64_t)n;
    sqlite3_finalize(st);
    return rc;
}

static int use_wal(oti_store *s, const char *fn)
{
    sqlite3_stmt *st;
    int rc = prepare(s, "PRAGMA journal_mode = WAL", &st, fn, "switching to write-ahead logging");
    if (rc)
        return rc;
    int step = sqlite3_step(st);
    const char *mode = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    if (step != SQLITE_ROW)
        rc = oti_store_fail(s, oti_store_status(step), fn, "switching to write-ahead logging");
    else if (!mode || strcmp(mode, "wal") != 0)
        rc = oti_fail(OT_EIO, "%s: store \"%.200s\": SQLite keeps journal_mode = %s instead of wal (a file system "
                      "without shared memory?)",
                      fn, s->path, mode ? mode : "(none)");
    sqlite3_finalize(st);
    if (!rc && (step = sqlite3_exec(s->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL)) != SQLITE_OK)
        rc = oti_store_fail(s, oti_store_status(step), fn, "setting synchronous = FULL");
    return rc;
}

/* ---- opening: a new store ------------------------------------------------------ */

/* The parameter rows: every parameter not yet in skip[] (NULL: all). */
static int write_params(oti_store *s, const struct ot_config *c, const unsigned char *skip, const char *fn)
{
    sqlite3_stmt *st;
    int rc = prepare(s, "INSERT INTO orgtrust_config(param, name, value) VALUES(?1, ?2, ?3)", &st, fn,
                     "writing the configuration");
    for (int i = 1; !rc && i <= OTI_NPARAM; i++) {
        if (skip && skip[i])
            continue;
        sqlite3_bind_int(st, 1, i);
        sqlite3_bind_text(st, 2, oti_param_name(i), -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 3, c->p[i]);
        int step = oti_store_exec(st);
        if (step != SQLITE_OK)
            rc = oti_store_fail(s, oti_store_status(step), fn, "writing the configuration");
    }
    sqlite3_finalize(st);
    return rc;
}

/* The timeboxes (docs/model.md, section 14) are configuration rows of
 * their own, "timebox_<layer>", numbered after every parameter. */
#define TIMEBOX_ROW 1000
#define TIMEBOX_NAME "timebox_"

static int write_timeboxes(oti_store *s, const struct ot_config *c, const char *fn)
{
    sqlite3_stmt *st;
    int rc = prepare(s, "INSERT INTO orgtrust_config(param, name, value) VALUES(?1, ?2, ?3)", &st, fn,
                     "writing the timeboxes");
    for (unsigned i = 0; !rc && i < c->nlayers; i++) {
        char name[32];
        snprintf(name, sizeof name, TIMEBOX_NAME "%u", i);
        sqlite3_bind_int(st, 1, TIMEBOX_ROW + (int)i);
        sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_double(st, 3, c->timebox[i]);
        int step = oti_store_exec(st);
        if (step != SQLITE_OK)
            rc = oti_store_fail(s, oti_store_status(step), fn, "writing the timeboxes");
    }
    sqlite3_finalize(st);
    return rc;
}

/* A "timebox_<layer>" row into c (its layers read already): 1 when the
 * row is one, 0 when it is a parameter's, -1 when it is a bad one. */
static int read_timebox(struct ot_config *c, const char *name, double v)
{
    size_t n = strlen(TIMEBOX_NAME);
    if (strncmp(name, TIMEBOX_NAME, n) != 0)
        return 0;
    char *end = NULL;
    unsigned long l = strtoul(name + n, &end, 10);
    if (end == name + n || *end || l >= c->nlayers || !(v > 0.0 && isfinite(v)))
        return -1;
    c->timebox[l] = v;
    return 1;
}

static int write_config(oti_store *s, const struct ot_config *c, const char *fn)
{
    sqlite3_stmt *st;
    int rc = write_params(s, c, NULL, fn);
    if (rc || (rc = prepare(s, "INSERT INTO orgtrust_layer(layer, name) VALUES(?1, ?2)", &st, fn,
                            "writing the layers")))
        return rc;
    for (unsigned i = 0; !rc && i < c->nlayers; i++) {
        sqlite3_bind_int(st, 1, (int)i);
        sqlite3_bind_text(st, 2, c->layer[i], -1, SQLITE_STATIC);
        int step = oti_store_exec(st);
        if (step != SQLITE_OK)
            rc = oti_store_fail(s, oti_store_status(step), fn, "writing the layers");
    }
    sqlite3_finalize(st);
    return rc ? rc : write_timeboxes(s, c, fn);
}

/* Make the empty file a store with configuration c, in one transaction.
 * *created = 0 when another connection made it a store meanwhile. */
static int create(oti_store *s, const struct ot_config *c, int *created, const char *fn)
{
    int rc = use_wal(s, fn);
    if (rc)
        return rc;
    int step = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (step != SQLITE_OK)
        return oti_store_fail(s, oti_store_status(step), fn, "creating the store");
    sqlite3_stmt *st;
    if ((rc = prepare(s, "SELECT count(*) FROM sqlite_schema", &st, fn, "creating the store")))
        goto out;
    step = sqlite3_step(st);
    *created = step == SQLITE_ROW && sqlite3_column_int64(st, 0) == 0;
    sqlite3_finalize(st);
    if (step != SQLITE_ROW) {
        rc = oti_store_fail(s, oti_store_status(step), fn, "creating the store");
        goto out;
    }
    if (!*created)
        goto out;
    char sql[400];
    snprintf(
        sql, sizeof sql,
        "PRAGMA application_id = %d; INSERT INTO orgtrust_format(version, created_by) VALUES(%d, 'liborgtrust %s'); "
        "INSERT INTO orgtrust_model(version) VALUES(%d); "
        "INSERT INTO orgtrust_chain(algorithm, sealed, sealed_by) VALUES('" OTI_CHAIN_ALGORITHM "', 0, "
        "'liborgtrust %s')",
        OTI_STORE_APP_ID, OTI_STORE_FORMAT, OT_VERSION_STRING, OTI_STORE_MODEL, OT_VERSION_STRING);
    for (int i = 0; i < NTABLES && !rc; i++)
        if ((step = sqlite3_exec(s->db, TABLE[i].sql, NULL, NULL, NULL)) != SQLITE_OK)
            rc = oti_store_fail(s, oti_store_status(step), fn, "creating the store");
    if (!rc && (step = sqlite3_exec(s->db, sql, NULL, NULL, NULL)) != SQLITE_OK)
        rc = oti_store_fail(s, oti_store_status(step), fn, "creating the store");
    if (!rc && !(rc = write_config(s, c, fn))) {
        s->format = OTI_STORE_FORMAT;
        s->model = OTI_STORE_MODEL;
    }
out:
    if (!rc && (step = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK)
        rc = oti_store_fail(s, oti_store_status(step), fn, "creating the store");
    if (rc && !sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* ---- opening: the configuration ------------------------------------------------- */

static int bad_config(const oti_store *s, const char *fn, const char *what)
{
    return oti_fail(OT_EFORMAT, "%s: store \"%.200s\": %s (damaged)", fn, s->path, what);
}

/* The stored parameters, by name (format 1 numbered them 1..29 in order;
 * the number is not needed). A name this library does not know means a
 * newer orgtrust wrote the store; a parameter the store does not list takes
 * the value of the model version the store is written for. */
static int read_params(oti_store *s, ot_config *c, const char *fn)
{
    sqlite3_stmt *st;
    int rc = prepare(s, "SELECT param, name, value FROM orgtrust_config ORDER BY param", &st, fn,
                     "reading the configuration");
    int step = SQLITE_DONE;
    memset(s->listed, 0, sizeof s->listed);
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 1);
        int param = name ? oti_param_by_name(name) : 0, tb = 0;
        if (name && !param && sqlite3_column_type(st, 2) == SQLITE_FLOAT &&
            (tb = read_timebox(c, name, sqlite3_column_double(st, 2))) != 0) {
            if (tb < 0)
                rc = bad_config(s, fn, "a timebox row of the configuration is malformed");
            continue;
        }
        if (!name || sqlite3_column_type(st, 2) != SQLITE_FLOAT || (param && s->listed[param]))
            rc = bad_config(s, fn, "a parameter row of the configuration is malformed");
        else if (!param)
            rc = oti_fail(OT_EFORMAT,
                          "%s: store \"%.200s\": the configuration has a parameter \"%.60s\" that liborgtrust %s does "
                          "not know: a newer orgtrust wrote the store; open it with that version or later",
                          fn, s->path, name, OT_VERSION_STRING);
        else if ((rc = ot_config_set(c, param, sqlite3_column_double(st, 2)))) {
            oti_error_prefix("%s: store \"%.200s\": the stored configuration is refused (damaged): ", fn, s->path);
            rc = OT_EFORMAT;
        } else
            s->listed[param] = 1;
    }
    if (!rc && step != SQLITE_DONE)
        rc = oti_store_fail(s, oti_store_status(step), fn, "reading the configuration");
    for (int i = 1; !rc && i <= OTI_NPARAM; i++)
        if (!s->listed[i] && s->model == 1)
            c->p[i] = oti_param_model1(i);
    sqlite3_finalize(st);
    return rc;
}

static int read_layers(oti_store *s, ot_config *c, const char *fn)
{
    sqlite3_stmt *st;
    int rc = prepare(s, "SELECT layer, name FROM orgtrust_layer ORDER BY layer", &st, fn, "reading the layers");
    char *own[OTI_MAX_LAYERS] = {0};
    unsigned n = 0;
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 1);
        if (n == OTI_MAX_LAYERS || sqlite3_column_int64(st, 0) != n || sqlite3_column_type(st, 1) != SQLITE_TEXT ||
            !name || strlen(name) != (size_t)sqlite3_column_bytes(st, 1))
            rc = bad_config(s, fn, "a layer row is malformed");
        else if (!(own[n++] = oti_strdup(name)))
            rc = oti_nomem(fn);
    }
    if (!rc && step != SQLITE_DONE)
        rc = oti_store_fail(s, oti_store_status(step), fn, "reading the layers");
    sqlite3_finalize(st);
    if (!rc && n == 0)
        rc = bad_config(s, fn, "the store has no layers");
    if (!rc && (rc = ot_config_set_layers(c, n, (const char *const *)own))) {
        if (rc != OT_ENOMEM) {
            oti_error_prefix("%s: store \"%.200s\": the stored layers are refused (damaged): ", fn, s->path);
            rc = OT_EFORMAT;
        }
    }
    for (unsigned i = 0; i < n; i++)
        oti_free(own[i]);
    return rc;
}

static int read_config(oti_store *s, ot_config **out, const char *fn)
{
    ot_config *c;
    int rc = ot_config_new(&c);
    if (rc)
        return rc;
    /* The layers first: setting them resets the timeboxes the rows give. */
    if ((rc = read_layers(s, c, fn)) || (rc = read_params(s, c, fn)))
        ot_config_free(c);
    else if ((rc = oti_config_validate(c, fn))) {
        ot_config_free(c);
        oti_error_prefix("store \"%.200s\": the stored configuration is refused (damaged): ", s->path);
        rc = OT_EFORMAT;
    } else
        *out = c;
    return rc;
}

/* Equal to the last bit (0.0 and -0.0 differ, as in the digest). */
static int same_bits(double a, double b)
{
    uint64_t x, y;
    memcpy(&x, &a, sizeof x);
    memcpy(&y, &b, sizeof y);
    return x == y;
}

/* c, given to open an existing store, differs from the stored one: say where. */
static int config_differs(const oti_store *s, const struct ot_config *stored, const struct ot_config *c,
                          const char *fn)
{
    if (c->nlayers != stored->nlayers)
        return oti_fail(OT_EINVAL,
                        "%s: c has %u layers but store \"%.200s\" was created with %u; pass c = NULL to take the "
                        "stored configuration",
                        fn, c->nlayers, s->path, stored->nlayers);
    /* Parameters the store does not list (a 1.0 store has none of 1.1's)
     * keep the values of its model version whatever c says. */
    for (int i = 1; i <= OTI_NPARAM; i++)
        if (s->listed[i] && !same_bits(c->p[i], stored->p[i]))
            return oti_fail(OT_EINVAL, "%s: c sets %s = %.17g but store \"%.200s\" holds %.17g; pass c = NULL to take "
                            "the stored configuration", fn, oti_param_name(i), c->p[i], s->path, stored->p[i]);
    for (unsigned i = 0; i < c->nlayers; i++)
        if (strcmp(c->layer[i], stored->layer[i]) != 0)
            return oti_fail(OT_EINVAL, "%s: c names layer %u \"%.60s\" but store \"%.200s\" names it \"%.60s\"; pass "
                            "c = NULL to take the stored configuration", fn, i, c->layer[i], s->path, stored->layer[i]);
    for (unsigned i = 0; i < c->nlayers; i++)
        if (!same_bits(c->timebox[i], stored->timebox[i]))
            return oti_fail(OT_EINVAL, "%s: c sets the timebox of layer %u to %.17g but store \"%.200s\" holds %.17g; "
                            "pass c = NULL to take the stored configuration", fn, i, c->timebox[i], s->path,
                            stored->timebox[i]);
    return OT_OK;
}

/* ---- opening: the model ------------------------------------------------------------ */

/* The checkpoint in st's current row (seq, digest, snapshot[, head]),
 * restored and checked against its digest and the configuration. */
static int checkpoint_row(oti_store *s, sqlite3_stmt *st, const ot_config *cfg, oti_checkpoint *cp, const char *fn)
{
    sqlite3_int64 at = sqlite3_column_int64(st, 0);
    uint64_t digest = (uint64_t)sqlite3_column_int64(st, 1);
    const void *blob = sqlite3_column_blob(st, 2);
    int len = sqlite3_column_bytes(st, 2);
    int chained = s->format >= OTI_STORE_FORMAT_CHAINED;
    if (sqlite3_column_type(st, 0) != SQLITE_INTEGER || at < 0 || sqlite3_column_type(st, 1) != SQLITE_INTEGER ||
        sqlite3_column_type(st, 2) != SQLITE_BLOB || !blob || len <= 0 ||
        (chained && (sqlite3_column_type(st, 3) != SQLITE_BLOB || sqlite3_column_bytes(st, 3) != OTI_CHAIN_BYTES)))
        return oti_fail(OT_EFORMAT, "%s: store \"%.200s\": the checkpoint row is malformed (damaged)", fn, s->path);
    *cp = (oti_checkpoint){.seq = (uint64_t)at, .digest = digest};
    if (chained)
        memcpy(cp->seal, sqlite3_column_blob(st, 3), OTI_CHAIN_BYTES);
    ot_model *m;
    int rc = oti_restore(blob, (size_t)len, &m);
    if (rc) {
        if (rc != OT_ENOMEM) {
            oti_error_prefix("%s: store \"%.200s\": the checkpoint after journal entry %lld is damaged: ", fn, s->path,
                             (long long)at);
            rc = OT_EFORMAT;
        }
        return rc;
    }
    /* The digest recorded is that of the bytes (ot_model_digest() of the
     * model then): checked on the bytes, so a checkpoint of an earlier
     * format passes as well. */
    uint64_t d = oti_snapshot_hash(blob, (size_t)len);
    if (!oti_config_equal(&m->cfg, cfg))
        rc = oti_fail(OT_EFORMAT,
                      "%s: store \"%.200s\": the checkpoint's configuration differs from the store's (damaged)", fn,
                      s->path);
    else if (d != digest)
        rc = oti_fail(OT_EFORMAT,
                      "%s: store \"%.200s\": the checkpoint after journal entry %lld fails its digest check (%016llx, "
                      "recorded %016llx): damaged",
                      fn, s->path, (long long)at, (unsigned long long)d, (unsigned long long)digest);
    if (rc)
        ot_model_free(m);
    else
        cp->m = m;
    return rc;
}

int oti_store_checkpoints(oti_store *s, const ot_config *cfg, int latest, int (*visit)(void *arg, oti_checkpoint *cp),
                          void *arg, const char *fn)
{
    sqlite3_stmt *st;
    int chained = s->format >= OTI_STORE_FORMAT_CHAINED;
    int rc = prepare(s,
                     latest ? (chained ? "SELECT seq, digest, snapshot, head FROM orgtrust_checkpoint ORDER BY seq DESC "
                                         "LIMIT 1"
                                       : "SELECT seq, digest, snapshot FROM orgtrust_checkpoint ORDER BY seq DESC LIMIT 1")
                            : (chained ? "SELECT seq, digest, snapshot, head FROM orgtrust_checkpoint ORDER BY seq"
                                       : "SELECT seq, digest, snapshot FROM orgtrust_checkpoint ORDER BY seq"),
                     &st, fn, "reading the checkpoint");
    if (rc)
        return rc;
    int step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        oti_checkpoint cp;
        if (!(rc = checkpoint_row(s, st, cfg, &cp, fn))) {
            rc = visit(arg, &cp);
            ot_model_free(cp.m);
        }
    }
    if (!rc && step != SQLITE_DONE)
        rc = oti_store_fail(s, oti_store_status(step), fn, "reading the checkpoint");
    sqlite3_finalize(st);
    return rc;
}

/* A store of format 1, opened for writing, becomes one of format 2 (its
 * model version stays; its chain comes with its first write, upgrade()): the table orgtrust_model and the rows of
 * the parameters it did not list, with the values it was read with. Then an
 * earlier liborgtrust refuses it with its "newer format" message instead of
 * misreading what this one writes (checkpoints of snapshot format 2). */
static int upgrade_model(oti_store *s, const struct ot_config *c, const char *fn)
{
    if (s->readonly || s->format >= OTI_STORE_FORMAT_MODEL)
        return OT_OK;
    int step = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL), rc = OT_OK;
    if (step != SQLITE_OK)
        return oti_store_fail(s, oti_store_status(step), fn, "upgrading the store's format");
    char sql[200];
    snprintf(sql, sizeof sql, "%s; INSERT INTO orgtrust_model(version) VALUES(%d); UPDATE orgtrust_format SET version = %d",
             TABLE[T_MODEL].sql, s->model, OTI_STORE_FORMAT_MODEL);
    if ((step = sqlite3_exec(s->db, sql, NULL, NULL, NULL)) != SQLITE_OK)
        rc = oti_store_fail(s, oti_store_status(step), fn, "upgrading the store's format");
    if (!rc)
        rc = write_params(s, c, s->listed, fn);
    if (!rc && (step = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK)
        rc = oti_store_fail(s, oti_store_status(step), fn, "upgrading the store's format");
    if (rc) {
        if (!sqlite3_get_autocommit(s->db))
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    s->format = OTI_STORE_FORMAT_MODEL;
    memset(s->listed, 1, sizeof s->listed);
    return OT_OK;
}

static int take_checkpoint(void *arg, oti_checkpoint *cp)
{
    *(oti_checkpoint *)arg = *cp;
    cp->m = NULL;
    return OT_OK;
}

/* Where the chain resumes after the checkpoint cp: its head, which must be
 * the hash the journal holds for the entry it follows. */
static int resume_chain(oti_store *s, const oti_checkpoint *cp, uint8_t head[OTI_CHAIN_BYTES], const char *fn)
{
    memcpy(head, s->genesis, OTI_CHAIN_BYTES);
    if (!cp->m)
        return OT_OK;
    uint8_t at[OTI_CHAIN_BYTES], seal[OTI_CHAIN_BYTES];
    int rc = cp->seq ? oti_store_entry_hash(s, cp->seq, at, fn) : (memcpy(at, s->genesis, OTI_CHAIN_BYTES), OT_OK);
    if (rc)
        return rc;
    oti_chain_seal(at, cp->seq, cp->digest, seal);
    if (memcmp(seal, cp->seal, OTI_CHAIN_BYTES) != 0)
        return oti_fail(OT_EFORMAT,
                        "%s: store \"%.200s\": the checkpoint after journal entry %llu fails its seal: it does not "
                        "belong to the chain's hash of %s with its digest (the checkpoint or the journal was damaged "
                        "or edited)",
                        fn, s->path, (unsigned long long)cp->seq, cp->seq ? "that entry" : "the configuration");
    memcpy(head, at, OTI_CHAIN_BYTES);
    return OT_OK;
}

/* The checkpoint and the journal after it, read in one transaction; the
 * chain is checked from the checkpoint on. */
static int load(oti_store *s, const ot_config *cfg, ot_model **out, const char *fn)
{
    int step = sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL);
    if (step != SQLITE_OK)
        return oti_store_fail(s, oti_store_status(step), fn, "reading the store");
    oti_checkpoint cp = {0};
    uint64_t tip = 0;
    uint8_t head[OTI_CHAIN_BYTES];
    int chained = s->format >= OTI_STORE_FORMAT_CHAINED;
    int rc = oti_store_checkpoints(s, cfg, 1, take_checkpoint, &cp, fn);
    ot_model *m = cp.m;
    if (!rc && !m && (rc = ot_model_new(cfg, &m)) && rc != OT_ENOMEM)
        rc = bad_config(s, fn, "the stored configuration makes no model");
    if (!rc && !(rc = oti_store_tip(s, &tip, fn)) && cp.seq > tip)
        rc = oti_fail(OT_EFORMAT,
                      "%s: store \"%.200s\": the checkpoint is after journal entry %llu but the journal ends at "
                      "entry %llu (damaged)",
                      fn, s->path, (unsigned long long)cp.seq, (unsigned long long)tip);
    if (!rc && chained)
        rc = resume_chain(s, &cp, head, fn);
    if (!rc) {
        m->keep_events = 0; /* the journal holds them */
        rc = oti_store_replay(s, m, cp.seq, tip, chained ? head : NULL, fn);
    }
    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL); /* a read transaction: nothing to lose */
    if (rc) {
        ot_model_free(m);
        return rc;
    }
    s->seq = tip;
    if (chained)
        memcpy(s->head, head, OTI_CHAIN_BYTES);
    *out = m;
    return OT_OK;
}

int oti_store_check_path(const char *path, const char *fn)
{
    if (!path)
        return oti_fail(OT_EINVAL, "%s: path is NULL", fn);
    if (!path[0])
        return oti_fail(OT_EINVAL, "%s: path is empty; a store is a file", fn);
    if (strcmp(path, ":memory:") == 0)
        return oti_fail(OT_EINVAL, "%s: path = \":memory:\" names SQLite's in-memory database; a store is a file "
                        "(write \"./:memory:\" for a file of that name)", fn);
    return OT_OK;
}

/* The chain before entry 1, from the stored configuration. */
static int genesis(oti_store *s, const char *fn)
{
    int rc = oti_chain_genesis(s->db, s->genesis);
    if (rc != SQLITE_OK)
        return oti_store_fail(s, oti_store_status(rc), fn, "reading the configuration");
    memcpy(s->head, s->genesis, OTI_CHAIN_BYTES);
    return OT_OK;
}

static int new_store(const char *path, oti_store **out, const char *fn)
{
    if (oti_chain_ready())
        return oti_fail(OT_EIO, "%s: libsodium cannot be initialised (sodium_init failed)", fn);
    oti_store *s = oti_malloc(sizeof *s);
    if (!s)
        return oti_nomem(fn);
    memset(s, 0, sizeof *s);
    s->format = OTI_STORE_FORMAT;
    if (!(s->path = oti_strdup(path))) {
        oti_free(s);
        return oti_nomem(fn);
    }
    *out = s;
    return OT_OK;
}

void oti_store_close(oti_store *s) { store_close(s); }

int oti_store_attach(const char *path, oti_store **out, ot_config **cfg, uint64_t *sealed, const char *fn)
{
    oti_store *s = NULL;
    int rc = new_store(path, &s, fn), empty = 0;
    if (rc || !s)
        return rc ? rc : OT_ENOMEM;
    s->readonly = 1;
    if ((rc = connect(s, OT_STORE_READONLY | PRIVATE_CONNECTION, fn)) || (rc = inspect(s, &empty, fn)))
        goto fail;
    if (empty) {
        rc = foreign(s, fn, "it is empty");
        goto fail;
    }
    if ((rc = read_config(s, cfg, fn)))
        goto fail;
    if ((rc = read_chain(s, sealed, fn)) || (rc = genesis(s, fn)) ||
        (rc = prepare(s, KEPT[0].sql, kept(s, 0), fn, "preparing the store's statements"))) {
        ot_config_free(*cfg);
        goto fail;
    }
    *out = s;
    return OT_OK;
fail:
    store_close(s);
    return rc;
}

/* Open or create; `fresh`: the file must not hold a store yet (OT_EEXIST). */
static int open_store(const char *path, const ot_config *c, int flags, int fresh, ot_model **out, const char *fn)
{
    oti_store *s = NULL;
    int rc = new_store(path, &s, fn);
    if (rc || !s)
        return rc ? rc : OT_ENOMEM;
    s->readonly = (flags & OT_STORE_READONLY) != 0;
    ot_config *stored = NULL;
    ot_model *m = NULL;
    int empty = 0, created = 0;
    if ((rc = connect(s, flags, fn)) || (rc = inspect(s, &empty, fn)))
        goto fail;
    if (empty && !(flags & OT_STORE_CREATE)) {
        rc = foreign(s, fn, "it is empty (pass OT_STORE_CREATE to make it a store)");
        goto fail;
    }
    if (empty) {
        ot_config *defaults = NULL;
        if (!c && (rc = ot_config_new(&defaults)))
            goto fail;
        rc = create(s, c ? c : defaults, &created, fn);
        ot_config_free(defaults);
        if (rc || (!created && (rc = inspect(s, &empty, fn))))
            goto fail;
    }
    if (fresh && !created) {
        rc = oti_fail(OT_EEXIST, "%s: \"%.200s\" is already a store; pick a new file", fn, s->path);
        goto fail;
    }
    uint64_t sealed;
    if ((!s->readonly && !created && (rc = use_wal(s, fn))) || (rc = read_config(s, &stored, fn)) ||
        (rc = read_chain(s, &sealed, fn)) || (rc = genesis(s, fn)))
        goto fail;
    if (c && (rc = config_differs(s, stored, c, fn)))
        goto fail;
    for (size_t i = 0; i < NKEPT; i++)
        if ((rc = prepare(s, KEPT[i].sql, kept(s, i), fn, "preparing the store's statements")))
            goto fail;
    if (s->format == OTI_STORE_FORMAT && (rc = prepare(s, INSERT_SQL, &s->ins, fn, "preparing the store's statements")))
        goto fail;
    if ((rc = load(s, stored, &m, fn)))
        goto fail;
    if ((rc = upgrade_model(s, stored, fn))) {
        ot_model_free(m);
        goto fail;
    }
    ot_config_free(stored);
    s->m = m;
    m->nlog = (size_t)s->seq;
    m->readonly = s->readonly;
    m->journal = (oti_journal){.write = store_write, .foreach = oti_store_foreach, .close = store_close, .ctx = s};
    *out = m;
    return OT_OK;
fail:
    ot_config_free(stored);
    store_close(s);
    return rc;
}

OT_API int ot_store_open(const char *path, const ot_config *c, int flags, ot_model **out)
{
    static const char fn[] = "ot_store_open";
    int rc;
    if ((rc = oti_store_check_path(path, fn)) || (rc = oti_check_out(out, fn, "out")))
        return rc;
    if (flags & ~(OT_STORE_CREATE | OT_STORE_READONLY))
        return oti_fail(OT_EINVAL, "%s: flags = %d has bits that are not ot_store_flags (1 CREATE, 2 READONLY)", fn,
                        flags);
    if ((flags & OT_STORE_CREATE) && (flags & OT_STORE_READONLY))
        return oti_fail(OT_EINVAL, "%s: flags = %d: OT_STORE_CREATE and OT_STORE_READONLY exclude each other", fn,
                        flags);
    if (c && (rc = oti_config_validate(c, fn)))
        return rc;
    return open_store(path, c, flags, 0, out, fn);
}

/* ---- units ------------------------------------------------------------------------ */

/* The model as at begin, in place: the caller's pointer stays valid. The
 * names and layer names already handed out stay valid until the model is
 * freed, even those of organisations and actors the rollback drops: the
 * model keeps its configuration and its arena of names, and the restored
 * organisations and actors take their (equal) names from it. */
static int restore_memory(oti_store *s, const char *fn)
{
    ot_model *m = s->m, *fresh;
    int rc = oti_restore(s->undo, s->undo_len, &fresh);
    if (rc)
        return rc == OT_ENOMEM ? oti_nomem(fn) : rc;
    for (size_t i = 0; i < fresh->norgs && i < m->norgs; i++)
        fresh->orgs[i].name = m->orgs[i].name;
    for (size_t i = 0; i < fresh->nactors && i < m->nactors; i++)
        fresh->actors[i].name = m->actors[i].name;
    oti_arena names = m->names;
    m->names = fresh->names;
    fresh->names = names;
    struct ot_config cfg = m->cfg;
    m->cfg = fresh->cfg;
    fresh->cfg = cfg;
    /* Swap the states; the old one leaves with `fresh`. */
    ot_model old = *m;
    *m = *fresh;
    m->journal = old.journal;
    m->readonly = old.readonly;
    m->keep_events = old.keep_events;
    m->replaying = 0;
    *fresh = old;
    fresh->journal = (oti_journal){0};
    ot_model_free(fresh);
    s->seq = s->unit_seq;
    m->nlog = (size_t)s->seq;
    undo_upgrade(s, s->unit_format, s->unit_head);
    return OT_OK;
}

/* Drop the unit on disk and in memory. */
static int abandon(oti_store *s, const char *fn)
{
    int rc = restore_memory(s, fn);
    if (rc)
        return rc;
    if (!sqlite3_get_autocommit(s->db)) {
        int step = oti_store_exec(s->rollback);
        if (step != SQLITE_OK && !sqlite3_get_autocommit(s->db)) {
            s->lost = 1;
            return oti_store_fail(s, OT_EIO, fn, "rolling back the unit");
        }
    }
    end_unit(s);
    return OT_OK;
}

static int begin_unit(oti_store *s, const char *fn)
{
    if (s->in_unit)
        return oti_fail(OT_ESTATE, "%s: store \"%.200s\" is already inside a unit (ot_store_begin without "
                        "ot_store_commit or ot_store_rollback)", fn, s->path);
    uint8_t *undo;
    size_t len;
    if (oti_snapshot(s->m, &undo, &len))
        return oti_nomem(fn);
    int step = oti_store_exec(s->begin), rc = OT_OK;
    uint64_t tip;
    if (step != SQLITE_OK)
        rc = oti_store_fail(s, busy_or_io(step), fn, "beginning a transaction");
    else if (!(rc = oti_store_tip(s, &tip, fn)) && tip != s->seq)
        rc = another_writer(s, fn, tip);
    if (rc) {
        if (!sqlite3_get_autocommit(s->db))
            oti_store_exec(s->rollback);
        oti_free(undo);
        return rc;
    }
    s->in_unit = 1;
    s->lost = 0;
    s->unit_seq = s->seq;
    s->unit_format = s->format;
    memcpy(s->unit_head, s->head, OTI_CHAIN_BYTES);
    s->undo = undo;
    s->undo_len = len;
    return OT_OK;
}

static int commit_unit(oti_store *s, const char *fn)
{
    if (!s->in_unit)
        return oti_fail(OT_ESTATE, "%s: store \"%.200s\" is not inside a unit (call ot_store_begin first)", fn,
                        s->path);
    char why[256] = "a write inside the unit failed";
    if (!s->lost) {
        int step = oti_store_exec(s->commit);
        if (step == SQLITE_OK) {
            end_unit(s);
            return OT_OK;
        }
        sqlite_why(s, step, why, sizeof why);
        if (!sqlite3_get_autocommit(s->db))
            oti_store_exec(s->rollback);
        /* The commit may have reached the file all the same: then it holds. */
        uint64_t tip;
        if (oti_store_tip(s, &tip, NULL) == OT_OK && tip == s->seq) {
            end_unit(s);
            return OT_OK;
        }
    }
    int rc = abandon(s, fn);
    if (rc == OT_ENOMEM) {
        s->lost = 1;
        return oti_fail(OT_EIO, "%s: store \"%.200s\": the unit could not be committed (%s) and memory ran out "
                        "restoring the model: call ot_store_rollback", fn, s->path, why);
    }
    if (rc)
        return rc;
    return oti_fail(OT_EIO, "%s: store \"%.200s\": the unit could not be committed (%s); it was rolled back: the "
                    "model is as at ot_store_begin", fn, s->path, why);
}

OT_API int ot_store_begin(ot_model *m)
{
    static const char fn[] = "ot_store_begin";
    int rc;
    oti_store *s = store_arg(m, fn, 1, &rc);
    return s ? begin_unit(s, fn) : rc;
}

OT_API int ot_store_commit(ot_model *m)
{
    static const char fn[] = "ot_store_commit";
    int rc;
    oti_store *s = store_arg(m, fn, 1, &rc);
    return s ? commit_unit(s, fn) : rc;
}

OT_API int ot_store_rollback(ot_model *m)
{
    static const char fn[] = "ot_store_rollback";
    int rc;
    oti_store *s = store_arg(m, fn, 1, &rc);
    if (!s)
        return rc;
    if (!s->in_unit)
        return oti_fail(OT_ESTATE, "%s: store \"%.200s\" is not inside a unit (call ot_store_begin first)", fn,
                        s->path);
    return abandon(s, fn);
}

/* ---- checkpoints ---------------------------------------------------------------------- */

static int checkpoint(oti_store *s, const char *fn)
{
    if (s->in_unit)
        return oti_fail(OT_ESTATE, "%s: store \"%.200s\" is inside a unit; commit or roll it back first", fn, s->path);
    uint8_t *buf;
    size_t len;
    uint64_t digest = 0;
    if (oti_snapshot(s->m, &buf, &len))
        return oti_nomem(fn);
    ot_model_digest(s->m, &digest);
    int max = sqlite3_limit(s->db, SQLITE_LIMIT_LENGTH, -1);
    if (len > (size_t)max) {
        oti_free(buf);
        return oti_fail(OT_ELIMIT, "%s: store \"%.200s\": the snapshot takes %zu bytes, more than SQLite's limit of %d "
                        "bytes for one value", fn, s->path, len, max);
    }
    sqlite3_stmt *put = NULL, *prune = NULL;
    uint64_t tip;
    int step = oti_store_exec(s->begin), rc = OT_OK;
    if (step != SQLITE_OK)
        rc = oti_store_fail(s, busy_or_io(step), fn, "beginning a transaction");
    else if (!(rc = oti_store_tip(s, &tip, fn)) && tip != s->seq)
        rc = another_writer(s, fn, tip);
    int format = s->format, up = SQLITE_OK;
    uint8_t head0[OTI_CHAIN_BYTES];
    memcpy(head0, s->head, OTI_CHAIN_BYTES);
    if (!rc && format != OTI_STORE_FORMAT && (up = upgrade(s, fn)) != SQLITE_OK)
        rc = upgrade_failed(s, up, fn);
    if (rc || (rc = prepare(s, "INSERT OR REPLACE INTO orgtrust_checkpoint(seq, digest, snapshot, head) "
                            "VALUES(?1, ?2, ?3, ?4)", &put, fn, "writing the checkpoint")) ||
        (rc = prepare(s, "DELETE FROM orgtrust_checkpoint WHERE seq < ?1", &prune, fn, "writing the checkpoint")))
        goto out;
    sqlite3_bind_int64(put, 1, (sqlite3_int64)s->seq);
    sqlite3_bind_int64(put, 2, (sqlite3_int64)digest);
    sqlite3_bind_blob64(put, 3, buf, len, SQLITE_STATIC);
    uint8_t seal[OTI_CHAIN_BYTES];
    oti_chain_seal(s->head, s->seq, digest, seal);
    sqlite3_bind_blob(put, 4, seal, OTI_CHAIN_BYTES, SQLITE_STATIC);
    sqlite3_bind_int64(prune, 1, (sqlite3_int64)s->seq);
    if ((step = oti_store_exec(put)) != SQLITE_OK || (step = oti_store_exec(prune)) != SQLITE_OK ||
        (step = oti_store_exec(s->commit)) != SQLITE_OK)
        rc = oti_store_fail(s, oti_store_status(step) == OT_ENOMEM ? OT_ENOMEM : busy_or_io(step), fn,
                            "writing the checkpoint");
out:
    if (rc && !sqlite3_get_autocommit(s->db))
        oti_store_exec(s->rollback);
    if (rc)
        undo_upgrade(s, format, head0);
    sqlite3_finalize(put);
    sqlite3_finalize(prune);
    oti_free(buf);
    return rc;
}

OT_API int ot_store_checkpoint(ot_model *m)
{
    static const char fn[] = "ot_store_checkpoint";
    int rc;
    oti_store *s = store_arg(m, fn, 1, &rc);
    return s ? checkpoint(s, fn) : rc;
}

/* ---- saving a model as a new store ------------------------------------------------------- */

typedef struct saving {
    ot_model *to;
    size_t n;
} saving;

static int save_one(void *arg, const oti_event *ev, const char *name)
{
    saving *sv = arg;
    int rc = oti_store_apply(sv->to, ev, name);
    if (rc && rc != OT_ENOMEM && rc != OT_EIO && rc != OT_EBUSY) {
        oti_error_prefix("ot_store_save: event %zu of m is refused: ", sv->n);
        rc = OT_ESTATE;
    }
    sv->n++;
    return rc;
}

static void remove_files(const char *path)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    size_t n = strlen(path);
    char *name = oti_malloc(n + 9);
    if (!name)
        return;
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        snprintf(name, n + 9, "%s%s", path, suffix[i]);
        unlink(name);
    }
    oti_free(name);
}

OT_API int ot_store_save(const ot_model *m, const char *path)
{
    static const char fn[] = "ot_store_save";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_store_check_path(path, fn)))
        return rc;
    if (!m->keep_events && !store_of(m))
        return oti_fail(OT_ENOTSUP, "%s: m does not keep its events (keep_events = 0); a store needs every call that "
                        "made the model", fn);
    struct stat st;
    int existed = stat(path, &st) == 0;
    ot_model *to = NULL;
    rc = open_store(path, &m->cfg, OT_STORE_CREATE, 1, &to, fn);
    oti_store *s = store_of(to);
    if (!s) /* rc says why */
        goto out;
    saving sv = {.to = to};
    uint64_t want = 0, got = 1;
    if (!(rc = begin_unit(s, fn)) && !(rc = oti_events_foreach(m, save_one, &sv)) &&
        !(rc = ot_model_digest(m, &want)) && !(rc = ot_model_digest(to, &got)) && want != got)
        rc = oti_fail(OT_ESTATE, "%s: replaying the events of m gives a different state (digest %016llx, not %016llx)",
                      fn, (unsigned long long)got, (unsigned long long)want);
    if (!rc && !(rc = commit_unit(s, fn)))
        rc = checkpoint(s, fn);
    ot_model_free(to);
out:
    if (rc && !existed && rc != OT_EEXIST)
        remove_files(path);
    return rc;
}

/* ---- online backups ---------------------------------------------------------------------------- */

/* Pages copied per step of SQLite's backup; between steps the copy lets
 * go of nothing (the source's read transaction stays), so a small step
 * only keeps the connection's mutex free for other threads. */
#define BACKUP_PAGES 1024

int oti_store_backup_steps(const ot_model *m, const char *path, int pages, void (*between)(void *arg), void *arg,
                           const char *fn)
{
    int rc;
    oti_store *s = store_arg(m, fn, 0, &rc);
    if (!s)
        return rc;
    if ((rc = oti_store_check_path(path, fn)))
        return rc;
    if (s->in_unit)
        return oti_fail(OT_ESTATE, "%s: store \"%.200s\" is inside a unit; commit or roll it back first", fn, s->path);
    struct stat st;
    if (stat(path, &st) == 0 && st.st_size > 0)
        return oti_fail(OT_EEXIST, "%s: \"%.200s\" already exists and is not empty; a backup goes into a new file", fn,
                        path);
    int existed = stat(path, &st) == 0;
    sqlite3 *dst = NULL;
    int step = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (!dst)
        return oti_nomem(fn);
    char why[256] = "";
    /* One read transaction on the source for the whole copy: the copy is
     * the store at its start, whatever other connections commit meanwhile
     * (in WAL mode they go on; a change seen mid-copy would restart it). */
    if (step == SQLITE_OK && (step = sqlite3_exec(s->db, "BEGIN; SELECT count(*) FROM orgtrust_format", NULL, NULL,
                                                  NULL)) != SQLITE_OK)
        sqlite_why(s, step, why, sizeof why);
    sqlite3_backup *b = step == SQLITE_OK ? sqlite3_backup_init(dst, "main", s->db, "main") : NULL;
    if (step == SQLITE_OK && !b) {
        step = sqlite3_errcode(dst);
        snprintf(why, sizeof why, "%s, SQLite error %d", sqlite3_errmsg(dst), step);
    }
    while (b && (step = sqlite3_backup_step(b, pages)) == SQLITE_OK)
        if (between)
            between(arg);
    if (b) {
        int fin = sqlite3_backup_finish(b);
        if (step == SQLITE_DONE)
            step = fin;
        if (step != SQLITE_OK && !why[0])
            snprintf(why, sizeof why, "%s, SQLite error %d", sqlite3_errmsg(dst), step);
    } else if (step != SQLITE_OK && !why[0]) {
        snprintf(why, sizeof why, "%s, SQLite error %d", sqlite3_errmsg(dst), step);
    }
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    if (sqlite3_close(dst) != SQLITE_OK && step == SQLITE_OK) {
        step = SQLITE_IOERR;
        snprintf(why, sizeof why, "closing the copy failed");
    }
    if (step != SQLITE_OK) {
        if (!existed)
            remove_files(path);
        return oti_fail((step & 0xff) == SQLITE_NOMEM ? OT_ENOMEM : OT_EIO,
                        "%s: copying store \"%.200s\" to \"%.200s\" failed (%s); nothing was left there", fn, s->path,
                        path, why);
    }
    /* The copy must open: its chain from its checkpoint, and the replay. */
    ot_model *copy = NULL;
    if ((rc = open_store(path, NULL, 0, 0, &copy, fn))) {
        if (!existed)
            remove_files(path);
        oti_error_prefix("%s: the copy of store \"%.200s\" does not open, so it was removed: ", fn, s->path);
        return rc == OT_ENOMEM ? rc : rc == OT_EFORMAT ? OT_EFORMAT : OT_EIO;
    }
    ot_model_free(copy);
    return OT_OK;
}

OT_API int ot_store_backup(const ot_model *m, const char *path)
{
    return oti_store_backup_steps(m, path, BACKUP_PAGES, NULL, NULL, "ot_store_backup");
}
