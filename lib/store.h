/* The store's files (lib/store.c): what lib/store_verify.c and the tests
 * use besides the public functions. Internal; never installed.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_STORE_H
#define OTI_STORE_H

#include "store_db.h"

/* Open the file at path read-only as a store: format, tables, stored
 * configuration (into *cfg, owned by the caller), genesis; nothing is
 * loaded. The connection is for the calling thread only. Free the store
 * with oti_store_close(). */
int oti_store_attach(const char *path, oti_store **out, ot_config **cfg, uint64_t *sealed, const char *fn);

/* A checkpoint row, restored (m) and checked: its snapshot against its
 * digest and the store's configuration. */
typedef struct oti_checkpoint {
    uint64_t seq, digest; /* digest: as recorded (that of the snapshot's bytes in their format) */
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
