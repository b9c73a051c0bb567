/* The institutional memory of ended ties (lib/memory.c).
 * SPDX-License-Identifier: MIT */
#ifndef OTI_MEMORY_H
#define OTI_MEMORY_H

#include "model.h"

/* Forget everything (restoring a snapshot). */
void oti_memory_clear(ot_model *m);
/* Put one entry back as saved: OT_OK, OT_ENOMEM, or OT_EFORMAT for a bad
 * one. */
int oti_memory_restore(ot_model *m, const oti_memory *mem);

#endif
