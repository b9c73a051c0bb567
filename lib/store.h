/* The SQLite store: shared by lib/store.c (files, units, checkpoints, the
 * public functions) and lib/store_journal.c (journal rows, replay).
 * Internal; never installed.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_STORE_H
#define OTI_STORE_H

#include "model.h"

#include <sqlite3.h>
#include <stdint.h>

/* The file format this library writes; a store with a higher version is
 * refused (OT_EFORMAT), never guessed at. Version 1 (liborgtrust 1.0, no
 * checksum chain) is read, and upgraded to 2 by the first write. */
#define OTI_STORE_FORMAT 2
#define OTI_STORE_FORMAT_UNCHAINED 1

/* The checksum chain (lib/store_chain.c): BLAKE2b with this many bytes of
 * output, named in the store so that a later version can tell. */
#define OTI_CHAIN_BYTES 16
#define OTI_CHAIN_ALGORITHM "blake2b-128"
/* A journal row stores the first OTI_CHAIN_SHORT bytes of its link, or all
 * of it when it is an anchor: the last row of every write (so every commit
 * ends on a whole link) and every OTI_CHAIN_ANCHOR-th entry. A change in a
 * row shows at that row with a chance of 1 - 2^-32, and for certain
 * (2^-128) by the next anchor, at most 63 entries on; rows stay 12 bytes
 * shorter than with whole links (docs/store.md). */
#define OTI_CHAIN_SHORT 4
#define OTI_CHAIN_ANCHOR 64

/* PRAGMA application_id of a store ("OTST"), so file(1) and foreign tools
 * can tell what the file is. */
#define OTI_STORE_APP_ID 0x4f545354

/* A journal row's columns, in this order, in every statement that reads
 * or writes them. */
#define OTI_JOURNAL_COLUMNS "seq, type, kind, flag, a, b, c, d, x, t, name"
#define OTI_JOURNAL_NCOLUMNS 11

/* One column's value as SQLite holds it (type SQLITE_INTEGER, _FLOAT,
 * _TEXT, _BLOB or _NULL): what the chain hashes, and what a journal row is
 * bound from, so that the hash written is the hash of what is stored. */
typedef struct oti_cell {
    int type;
    sqlite3_int64 i;
    double f;
    const void *p; /* TEXT, BLOB: n bytes, not owned */
    size_t n;
} oti_cell;

typedef struct oti_store {
    sqlite3 *db;
    ot_model *m;   /* the bound model */
    char *path;    /* as given, for messages */
    int readonly;
    int format;    /* OTI_STORE_FORMAT, or 1: a 1.0 store, upgraded by the first write */
    uint64_t seq;  /* journal entries the model reflects (the last one's seq) */
    uint8_t genesis[OTI_CHAIN_BYTES]; /* the chain before entry 1 */
    uint8_t head[OTI_CHAIN_BYTES];    /* the chain's hash of entry seq (genesis when 0) */

    /* Statements kept for the store's lifetime. */
    sqlite3_stmt *ins;     /* append one journal row */
    sqlite3_stmt *tip;     /* the last journal seq */
    sqlite3_stmt *begin;   /* BEGIN IMMEDIATE */
    sqlite3_stmt *commit;
    sqlite3_stmt *rollback;
    sqlite3_stmt *save;    /* SAVEPOINT around a multi-row write inside a unit */
    sqlite3_stmt *release;
    sqlite3_stmt *undo_to; /* ROLLBACK TO the savepoint */

    /* The unit between ot_store_begin() and its commit or rollback. */
    int in_unit;
    int lost;         /* SQLite gave up the unit's transaction after a failed write */
    uint64_t unit_seq; /* seq at begin */
    uint8_t unit_head[OTI_CHAIN_BYTES];
    int unit_format;
    uint8_t *undo;    /* the model's snapshot at begin */
    size_t undo_len;
} oti_store;

/* A message naming fn, the store and SQLite's own error; returns status. */
int oti_store_fail(const oti_store *s, int status, const char *fn, const char *what);

/* The orgtrust status for an SQLite result code of a failed read. */
int oti_store_status(int sqlite_rc);

/* Run a kept statement with no result rows (BEGIN, COMMIT, ...); the
 * SQLite result code. */
int oti_store_exec(sqlite3_stmt *st);

/* The seq of the last journal row (0 when the journal is empty). */
int oti_store_tip(oti_store *s, uint64_t *tip, const char *fn);

/* Append rows for n events after s->seq (seq s->seq + 1 ...), each with
 * its link of the chain from `head` (in: the hash of entry s->seq; out: of
 * the last row written, also after a failure); no transaction handling.
 * The SQLite result code; SQLite's message stays readable with
 * sqlite3_errmsg(). */
int oti_store_insert(oti_store *s, const oti_event *ev, size_t n, const char *name, uint8_t head[OTI_CHAIN_BYTES]);

/* The hash stored with journal entry seq (1 ...): OT_OK; OT_EFORMAT naming
 * the entry when it is missing or its hash malformed. */
int oti_store_entry_hash(oti_store *s, uint64_t seq, uint8_t out[OTI_CHAIN_BYTES], const char *fn);

/* ---- the chain (lib/store_chain.c) ---- */

/* Make libsodium ready (once per process; later calls are free). */
int oti_chain_ready(void);
/* out = the link after prev for a row of n cells. */
void oti_chain_link(const uint8_t prev[OTI_CHAIN_BYTES], const oti_cell *cells, size_t n,
                    uint8_t out[OTI_CHAIN_BYTES]);
/* The seal a checkpoint records: head (the chain's hash of entry seq, or
 * the genesis for 0) linked with seq and the checkpoint's digest. */
void oti_chain_seal(const uint8_t head[OTI_CHAIN_BYTES], uint64_t seq, uint64_t digest, uint8_t out[OTI_CHAIN_BYTES]);
/* Columns first .. first + n - 1 of the statement's current row. The
 * cells point into the statement's row: valid until it steps on. */
void oti_chain_cells(sqlite3_stmt *st, int first, size_t n, oti_cell *cells);
/* Bind a cell to parameter col (SQLITE_STATIC: the cell's bytes must
 * outlive the statement's step). */
int oti_chain_bind(sqlite3_stmt *st, int col, const oti_cell *c);
/* The genesis: the hash of the stored configuration. The SQLite result code. */
int oti_chain_genesis(sqlite3 *db, uint8_t out[OTI_CHAIN_BYTES]);
void oti_chain_hex(const uint8_t h[OTI_CHAIN_BYTES], char out[2 * OTI_CHAIN_BYTES + 1]);

/* Apply one event to m through the public function that first accepted it,
 * so it is validated again. OT_OK, or that function's status and message. */
int oti_store_apply(ot_model *m, const oti_event *ev, const char *name);

/* Visit the journal entries from + 1 .. to in order, each checked: in its
 * place (missing, out of place), its link of the chain (when `head` is not
 * NULL: in, the hash of entry `from`; out, of entry `to`; NULL for a store
 * of format 1, which has no chain), decoded; until `visit` returns non-0.
 * That value, or OT_EFORMAT naming the first bad entry, OT_EIO, OT_ENOMEM. */
typedef int (*oti_visit_fn)(void *arg, uint64_t seq, const oti_event *ev, const char *name);
int oti_store_walk(oti_store *s, uint64_t from, uint64_t to, uint8_t *head, const char *fn, oti_visit_fn visit,
                   void *arg);

/* Replaying entries into a model through the public functions, so each is
 * validated again; consecutive observations go as one batch. */
typedef struct oti_replay {
    oti_store *s;
    ot_model *m;
    const char *fn;
    ot_observation *obs;
    size_t nobs;
    uint64_t first; /* seq of obs[0] */
} oti_replay;
int oti_replay_init(oti_replay *r, oti_store *s, ot_model *m, const char *fn);
/* Entry seq: OT_OK, or OT_EFORMAT "journal entry N no longer validates". */
int oti_replay_entry(oti_replay *r, uint64_t seq, const oti_event *ev, const char *name);
/* Apply what is still batched; call before looking at r->m. */
int oti_replay_flush(oti_replay *r);
void oti_replay_done(oti_replay *r);

/* Replay the journal rows after seq `from` into m, up to and including seq
 * `to` (the rows must be exactly from + 1 .. to), checking the chain from
 * `head` as oti_store_walk() does. OT_EFORMAT naming the entry when one is
 * damaged, breaks the chain or no longer validates; OT_ENOMEM; OT_EIO. */
int oti_store_replay(oti_store *s, ot_model *m, uint64_t from, uint64_t to, uint8_t *head, const char *fn);

/* The journal hook m->journal.foreach of a store-bound model: the entries
 * the model reflects (seq <= s->seq), oldest first. Every entry is checked
 * on the way, the chain from the genesis and a replay into a model of its
 * own (memory as for the model; time as for replaying the whole journal),
 * and the replayed state must equal the model's: an entry that is damaged,
 * breaks the chain or no longer validates is OT_EFORMAT naming it, after
 * cb has seen the entries before it. So everything that reads the history
 * through oti_events_foreach() (export, saving, replays to a point in
 * time) refuses a changed history. */
int oti_store_foreach(void *ctx, int (*cb)(void *arg, const oti_event *ev, const char *name), void *arg);

/* ---- files (lib/store.c), for verify (lib/store_verify.c) ---- */

/* Open the file at path read-only as a store: format, tables, stored
 * configuration (into *cfg, owned by the caller), genesis; nothing is
 * loaded. The connection is for the calling thread only. Free the store
 * with oti_store_close(). */
int oti_store_attach(const char *path, oti_store **out, ot_config **cfg, uint64_t *sealed, const char *fn);

/* A checkpoint row, restored (m) and checked: its snapshot against its
 * digest and the store's configuration. */
typedef struct oti_checkpoint {
    uint64_t seq, digest;
    uint8_t seal[OTI_CHAIN_BYTES]; /* format 2: oti_chain_seal() of the chain head it covers */
    ot_model *m; /* freed after visit() unless visit takes it (sets it NULL) */
} oti_checkpoint;
/* Visit the latest checkpoint (latest = 1) or every one in journal order,
 * until visit returns non-0. OT_EFORMAT naming a damaged one. */
int oti_store_checkpoints(oti_store *s, const ot_config *cfg, int latest, int (*visit)(void *arg, oti_checkpoint *cp),
                          void *arg, const char *fn);
void oti_store_close(oti_store *s);

/* ot_store_backup() in steps of `pages` pages, calling between(arg) after
 * each step that leaves more to copy (tests write to the store there). */
int oti_store_backup_steps(const ot_model *m, const char *path, int pages, void (*between)(void *arg), void *arg,
                           const char *fn);
int oti_store_check_path(const char *path, const char *fn);

#endif
