/* The model's whole state as bytes: for the digest, for tests that compare
 * states, and for the store's checkpoints.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_SNAPSHOT_H
#define OTI_SNAPSHOT_H

#include "model.h"

#include <stdint.h>

/* Write the state (not the kept events) as a newly allocated buffer, owned
 * by the caller (oti_free). OT_OK or OT_ENOMEM. */
int oti_snapshot(const ot_model *m, uint8_t **buf, size_t *len);

/* The digest of snapshot bytes: ot_model_digest() of the model they were
 * written from, whatever their format version. */
uint64_t oti_snapshot_hash(const uint8_t *buf, size_t len);

/* Rebuild a model from oti_snapshot()'s bytes. Everything is validated;
 * damage gives OT_EFORMAT with a message. The new model keeps no events
 * (m->keep_events is 0) whatever its configuration says. */
int oti_restore(const uint8_t *buf, size_t len, ot_model **out);

#endif
