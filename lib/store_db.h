/* The SQLite store's connection and what every part of the store shares:
 * the handle, its kept statements, the messages. Below lib/store_journal.c
 * (journal rows, replay) and lib/store.c (files, units, checkpoints, the
 * public functions). Internal; never installed.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_STORE_DB_H
#define OTI_STORE_DB_H

#include "model.h"

#include <sqlite3.h>
#include <stdint.h>

/* The file format this library writes; it reads this and every earlier one
 * (1: 1.0's). A store with a higher version is refused (OT_EFORMAT), never
 * guessed at. Format 2 adds the table orgtrust_model (the model version the
 * store is written for) and reads the configuration by parameter name;
 * format 3 the checksum chain (the journal's hash, the checkpoint's head,
 * the table orgtrust_chain). A store of format 1 opened for writing becomes
 * one of format 2 at once, and of format 3 with its first write. */
#define OTI_STORE_FORMAT 3
#define OTI_STORE_FORMAT_MODEL 2   /* the first with orgtrust_model */
#define OTI_STORE_FORMAT_CHAINED 3 /* the first with the checksum chain */
/* The model version a new store is written for. */
#define OTI_STORE_MODEL 2

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
/* How long a connection waits for another one's lock before giving up. */
#define OTI_BUSY_TIMEOUT_MS 5000

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
    int format;       /* the file's format version (1 until upgraded; below 3: no chain until the first write) */
    int model;        /* the model version it is written for (1 for format 1) */
    unsigned char listed[OTI_NPARAM + 1]; /* parameters the stored configuration lists */
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

#endif
