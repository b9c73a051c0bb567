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
 * store is written for) and reads the configuration by parameter name. */
#define OTI_STORE_FORMAT 2
/* The model version a new store is written for. */
#define OTI_STORE_MODEL 2

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
    int format;       /* the file's format version (1 until upgraded) */
    int model;        /* the model version it is written for (1 for format 1) */
    unsigned char listed[OTI_NPARAM + 1]; /* parameters the stored configuration lists */
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

#endif
