/* ot_store_verify(): the deep, read-only check of a store file
 * (docs/store.md, "Verifying a store").
 *
 * One read transaction, so a writer may go on meanwhile: the chain from
 * the genesis through every entry, every entry replayed into a new model
 * through the public functions, and at each checkpoint's entry the
 * replayed state's digest equal to the checkpoint's (whose snapshot was
 * itself restored and checked against that digest) and the chain's hash
 * equal to the checkpoint's head. Then no journal row may lie outside
 * entries 1 .. the last, and the replayed model must pass ot_model_check().
 * SPDX-License-Identifier: MIT */
#include "store.h"
#include "alloc.h"
#include "args.h"
#include "error.h"
#include "outbuf.h"
#include "store_chain.h"
#include "store_db.h"
#include "store_journal.h"

#include <string.h>

typedef struct mark {
    uint64_t seq, digest, state;
    uint8_t seal[OTI_CHAIN_BYTES];
} mark;

typedef struct verify {
    oti_store *s;
    const char *fn;
    oti_replay r;
    uint8_t *head; /* the chain so far; NULL for a store without one */
    mark *marks;   /* the checkpoints, in journal order */
    size_t nmarks, capmarks, next;
} verify;

static int collect(void *arg, oti_checkpoint *cp)
{
    verify *v = arg;
    if (v->nmarks == v->capmarks) {
        size_t cap = v->capmarks ? 2 * v->capmarks : 4;
        mark *p = oti_realloc(v->marks, cap * sizeof *p);
        if (!p)
            return oti_nomem(v->fn);
        v->marks = p;
        v->capmarks = cap;
    }
    mark *k = &v->marks[v->nmarks];
    /* The restored model's digest by this library (the recorded one is of
     * the snapshot's bytes, in their format): only a verify needs it, so
     * opening a store does not pay for it. */
    int rc = ot_model_digest(cp->m, &k->state);
    if (rc)
        return rc;
    v->nmarks++;
    k->seq = cp->seq;
    k->digest = cp->digest;
    memcpy(k->seal, cp->seal, OTI_CHAIN_BYTES);
    return OT_OK;
}

/* The replay has reached entry seq: the checkpoints there must agree. */
static int at_entry(verify *v, uint64_t seq)
{
    for (; v->next < v->nmarks && v->marks[v->next].seq == seq; v->next++) {
        const mark *k = &v->marks[v->next];
        int rc = oti_replay_flush(&v->r);
        if (rc)
            return rc;
        uint64_t d = 0;
        ot_model_digest(v->r.m, &d);
        if (d != k->state)
            return oti_fail(OT_EFORMAT,
                            "%s: store \"%.200s\": the checkpoint after journal entry %llu holds a state (digest "
                            "%016llx) other than the journal's entries 1 to %llu replayed (digest %016llx): the "
                            "checkpoint was damaged or edited",
                            v->fn, v->s->path, (unsigned long long)seq, (unsigned long long)k->state,
                            (unsigned long long)seq, (unsigned long long)d);
        uint8_t seal[OTI_CHAIN_BYTES];
        if (v->head)
            oti_chain_seal(v->head, seq, k->digest, seal);
        if (v->head && memcmp(seal, k->seal, OTI_CHAIN_BYTES) != 0)
            return oti_fail(OT_EFORMAT,
                            "%s: store \"%.200s\": the checkpoint after journal entry %llu fails its seal: it does "
                            "not belong to the chain's hash of %s with its digest (the checkpoint was damaged or "
                            "edited)",
                            v->fn, v->s->path, (unsigned long long)seq, seq ? "that entry" : "the configuration");
    }
    return OT_OK;
}

static int verify_one(void *arg, uint64_t seq, const oti_event *ev, const char *name)
{
    verify *v = arg;
    int rc = oti_replay_entry(&v->r, seq, ev, name);
    return rc ? rc : at_entry(v, seq);
}

/* No journal row outside entries 1 .. tip (they would be skipped by every
 * reader, so they are damage). */
static int no_strays(oti_store *s, uint64_t tip, const char *fn)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT count(*), min(seq) FROM orgtrust_journal", -1, &st, NULL);
    int step = rc == SQLITE_OK ? sqlite3_step(st) : rc;
    if (step != SQLITE_ROW) {
        sqlite3_finalize(st);
        return oti_store_fail(s, oti_store_status(step), fn, "reading the journal");
    }
    uint64_t n = (uint64_t)sqlite3_column_int64(st, 0);
    sqlite3_int64 low = sqlite3_column_int64(st, 1);
    sqlite3_finalize(st);
    if (n != tip)
        return oti_fail(OT_EFORMAT,
                        "%s: store \"%.200s\": the journal holds %llu rows for entries 1 to %llu; the lowest is "
                        "numbered %lld (damaged)",
                        fn, s->path, (unsigned long long)n, (unsigned long long)tip, (long long)low);
    return OT_OK;
}

static void report(oti_buf *b, const verify *v, uint64_t tip, uint64_t sealed, uint64_t digest)
{
    char hex[2 * OTI_CHAIN_BYTES + 1] = "";
    if (v->head)
        oti_chain_hex(v->head, hex);
    oti_buf_str(b, "{\"store\": ");
    oti_buf_json_str(b, v->s->path);
    oti_buf_printf(b, ", \"format\": %d, \"entries\": %llu, \"chained_from\": %d, \"sealed\": %llu, \"checkpoints\": [",
                   v->s->format, (unsigned long long)tip, v->head ? 1 : 0, (unsigned long long)sealed);
    for (size_t i = 0; i < v->nmarks; i++)
        oti_buf_printf(b, "%s{\"entry\": %llu, \"digest\": \"%016llx\"}", i ? ", " : "",
                       (unsigned long long)v->marks[i].seq, (unsigned long long)v->marks[i].digest);
    oti_buf_printf(b, "], \"chain_head\": \"%s\", \"digest\": \"%016llx\"}\n", hex, (unsigned long long)digest);
}

static int check(oti_store *s, const ot_config *cfg, uint64_t sealed, oti_buf *out, const char *fn)
{
    verify v = {.s = s, .fn = fn};
    uint8_t head[OTI_CHAIN_BYTES];
    ot_model *m = NULL;
    uint64_t tip = 0, digest = 0;
    int rc = oti_store_checkpoints(s, cfg, 0, collect, &v, fn);
    if (!rc && (rc = ot_model_new(cfg, &m)) && rc != OT_ENOMEM)
        rc = oti_fail(OT_EFORMAT, "%s: store \"%.200s\": the stored configuration makes no model (damaged)", fn,
                      s->path);
    if (rc)
        goto out;
    m->keep_events = 0;
    if (s->format >= OTI_STORE_FORMAT_CHAINED) {
        memcpy(head, s->genesis, OTI_CHAIN_BYTES);
        v.head = head;
    }
    if ((rc = oti_store_tip(s, &tip, fn)))
        goto out;
    if (v.nmarks && v.marks[v.nmarks - 1].seq > tip) {
        rc = oti_fail(OT_EFORMAT,
                      "%s: store \"%.200s\": a checkpoint is after journal entry %llu but the journal ends at entry "
                      "%llu (damaged)",
                      fn, s->path, (unsigned long long)v.marks[v.nmarks - 1].seq, (unsigned long long)tip);
        goto out;
    }
    if (sealed > tip) {
        rc = oti_fail(OT_EFORMAT,
                      "%s: store \"%.200s\": its chain was started over %llu entries but the journal ends at entry "
                      "%llu (damaged)",
                      fn, s->path, (unsigned long long)sealed, (unsigned long long)tip);
        goto out;
    }
    if ((rc = oti_replay_init(&v.r, s, m, fn)))
        goto out;
    if (!(rc = at_entry(&v, 0)) && !(rc = oti_store_walk(s, 0, tip, v.head, fn, verify_one, &v)))
        rc = oti_replay_flush(&v.r);
    oti_replay_done(&v.r);
    if (!rc)
        rc = no_strays(s, tip, fn);
    int checked = rc ? OT_OK : ot_model_check(m);
    if (checked == OT_ENOMEM)
        rc = oti_nomem(fn);
    else if (checked)
        rc = oti_fail(OT_EFORMAT, "%s: store \"%.200s\": the replayed state fails the model's own consistency check",
                      fn, s->path);
    if (!rc) {
        ot_model_digest(m, &digest);
        if (out)
            report(out, &v, tip, sealed, digest);
    }
out:
    ot_model_free(m);
    oti_free(v.marks);
    return rc;
}

static int verify_file(const char *path, oti_buf *out, const char *fn)
{
    int rc = oti_store_check_path(path, fn);
    if (rc)
        return rc;
    oti_store *s;
    ot_config *cfg;
    uint64_t sealed = 0;
    if ((rc = oti_store_attach(path, &s, &cfg, &sealed, fn)))
        return rc;
    int step = sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL);
    if (step != SQLITE_OK)
        rc = oti_store_fail(s, oti_store_status(step), fn, "reading the store");
    else
        rc = check(s, cfg, sealed, out, fn);
    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL); /* a read transaction */
    ot_config_free(cfg);
    oti_store_close(s);
    return rc;
}

OT_API int ot_store_verify(const char *path) { return verify_file(path, NULL, "ot_store_verify"); }

OT_API int ot_store_verify_report(const char *path, char **json, size_t *len)
{
    static const char fn[] = "ot_store_verify_report";
    int rc = oti_check_out(json, fn, "json");
    if (rc)
        return rc;
    oti_buf b = {0};
    if ((rc = verify_file(path, &b, fn))) {
        oti_buf_release(&b);
        return rc;
    }
    return oti_buf_finish(&b, json, len, fn);
}
