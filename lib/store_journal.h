/* The store's journal: one row per accepted event, appended before the
 * event takes effect with its link of the checksum chain, read back (and
 * checked) to replay, to export and to verify.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_STORE_JOURNAL_H
#define OTI_STORE_JOURNAL_H

#include "store_db.h"

/* Append rows for n events after s->seq (seq s->seq + 1 ...), each with
 * its link of the chain from `head` (in: the hash of entry s->seq; out: of
 * the last row written, also after a failure); no transaction handling.
 * The SQLite result code; SQLite's message stays readable with
 * sqlite3_errmsg(). */
int oti_store_insert(oti_store *s, const oti_event *ev, size_t n, const char *name, uint8_t head[OTI_CHAIN_BYTES]);

/* The hash stored with journal entry seq (1 ...): OT_OK; OT_EFORMAT naming
 * the entry when it is missing or its hash malformed. */
int oti_store_entry_hash(oti_store *s, uint64_t seq, uint8_t out[OTI_CHAIN_BYTES], const char *fn);

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

#endif
