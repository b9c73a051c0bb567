/* The store's connection: what lib/store.c and lib/store_journal.c share.
 * SPDX-License-Identifier: MIT */
#include "store_db.h"
#include "error.h"

/* ---- messages ---------------------------------------------------------- */

int oti_store_status(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_NOMEM: return OT_ENOMEM;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_FORMAT:
    case SQLITE_MISMATCH: return OT_EFORMAT;
    default: return OT_EIO;
    }
}

int oti_store_fail(const oti_store *s, int status, const char *fn, const char *what)
{
    const char *why = s->db ? sqlite3_errmsg(s->db) : "out of memory";
    int code = s->db ? sqlite3_extended_errcode(s->db) : SQLITE_NOMEM;
    if (status == OT_EFORMAT)
        return oti_fail(status, "%s: store \"%.200s\": %s: %s (SQLite error %d): the file is damaged or not a store",
                        fn, s->path, what, why, code);
    return oti_fail(status, "%s: store \"%.200s\": %s: %s (SQLite error %d)", fn, s->path, what, why, code);
}

/* ---- statements -------------------------------------------------------- */

int oti_store_exec(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    /* After a failure sqlite3_reset() returns the same code and keeps the
     * message for sqlite3_errmsg(). */
    int rc2 = sqlite3_reset(st);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return rc2;
    return rc;
}

int oti_store_tip(oti_store *s, uint64_t *tip, const char *fn)
{
    int rc = sqlite3_step(s->tip);
    if (rc == SQLITE_ROW) {
        sqlite3_int64 v = sqlite3_column_int64(s->tip, 0);
        int type = sqlite3_column_type(s->tip, 0);
        rc = sqlite3_step(s->tip);
        if (rc == SQLITE_DONE && (type == SQLITE_NULL || (type == SQLITE_INTEGER && v >= 0))) {
            sqlite3_reset(s->tip);
            *tip = type == SQLITE_NULL ? 0 : (uint64_t)v;
            return OT_OK;
        }
    }
    int status = rc == SQLITE_DONE || rc == SQLITE_ROW ? OT_EFORMAT : oti_store_status(rc);
    if (fn)
        oti_store_fail(s, status, fn, "reading the end of the journal");
    sqlite3_reset(s->tip);
    return status;
}
