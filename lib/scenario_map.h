/* Maps from strings to ids, and the ids export and the report give
 * organisations and actors: shared by the scenario loader, the exporter and
 * the report (the jansson part of the library).
 * SPDX-License-Identifier: MIT */
#ifndef OTI_SCENARIO_MAP_H
#define OTI_SCENARIO_MAP_H

#include "model.h"
#include "strmap.h"

#include <stddef.h>
#include <stdint.h>

/* Ids for export and the report: every organisation (what = OT_ORGS) or
 * actor (OT_ACTORS) gets its name, cut to OTI_SC_MAX_ID bytes, made unique
 * with "#2", "#3", ... Entry i of *out is the id of object i. OT_OK or
 * OT_ENOMEM (message for fn). */
int oti_unique_names(const ot_model *m, int what, oti_strmap *out, const char *fn);
/* Both: the ids of the organisations and of the actors (on failure both
 * maps are empty). */
int oti_unique_ids(const ot_model *m, oti_strmap *orgs, oti_strmap *actors, const char *fn);

#include "text.h" /* oti_quote */

#endif
