/* The SQLite store: shared by lib/store.c (files, units, checkpoints, the
 * public functions) and lib/store_journal.c (journal rows, replay).
 * Internal; never installed.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_STORE_H
#define OTI_STORE_H

#include "model.h"

#include <sqlite3.h>
#include <stdint.h>

/* The file format this library writes and reads; a store with a higher
 * version is refused (OT_EFORMAT), never guessed at. */
#define OTI_STORE_FORMAT 1

/* PRAGMA application_id of a store ("OTST"), so file(1) and foreign tools
 * can tell what the file is. */
#define OTI_STORE_APP_ID 0x4f545354

/* A journal row's columns, in this order, in every statement that reads
 * or writes them. */
#define OTI_JOURNAL_COLUMNS "seq, type, kind, flag, a, b, c, d, x, t, name"

typedef struct oti_store {
    sqlite3 *db;
    ot_model *m;   /* the bound model */
    char *path;    /* as given, for messages */
    int readonly;
    uint64_t seq;  /* journal entries the model reflects (the last one's seq) */

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

/* Append rows for n events after s->seq (seq s->seq + 1 ...); no
 * transaction handling. The SQLite result code; SQLite's message stays
 * readable with sqlite3_errmsg(). */
int oti_store_insert(oti_store *s, const oti_event *ev, size_t n, const char *name);

/* Apply one event to m through the public function that first accepted it,
 * so it is validated again. OT_OK, or that function's status and message. */
int oti_store_apply(ot_model *m, const oti_event *ev, const char *name);

/* Replay the journal rows after seq `from` into m, through the public
 * functions, up to and including seq `to` (the rows must be exactly
 * from + 1 .. to). OT_EFORMAT naming the entry when one is damaged or no
 * longer validates; OT_ENOMEM; OT_EIO. */
int oti_store_replay(oti_store *s, ot_model *m, uint64_t from, uint64_t to, const char *fn);

/* The journal hook m->journal.foreach of a store-bound model: the entries
 * the model reflects (seq <= s->seq), oldest first. */
int oti_store_foreach(void *ctx, int (*cb)(void *arg, const oti_event *ev, const char *name), void *arg);

#endif
