/* The store's journal: one row per accepted event, appended before the
 * event takes effect, read back to replay and to export.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_STORE_JOURNAL_H
#define OTI_STORE_JOURNAL_H

#include "store_db.h"

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
