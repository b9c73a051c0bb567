/* Unique ids made from names (the map itself: lib/strmap.c).
 * SPDX-License-Identifier: MIT */
#include "scenario_map.h"
#include "alloc.h"
#include "error.h"
#include "scenario_limits.h"
#include "text.h"

#include <stdio.h>
#include <string.h>

int oti_unique_names(const ot_model *m, int what, oti_strmap *out, const char *fn)
{
    size_t count = what == OT_ORGS ? m->norgs : m->nactors;
    memset(out, 0, sizeof *out);
    char buf[OTI_SC_MAX_ID + 1];
    for (size_t i = 0; i < count; i++) {
        const char *name = what == OT_ORGS ? m->orgs[i].name : m->actors[i].name;
        size_t n = oti_cut_utf8(name, OTI_SC_MAX_ID);
        if (n == 0) {
            /* An empty name still needs an id that reads as one. */
            name = what == OT_ORGS ? "org" : "actor";
            n = strlen(name);
        }
        memcpy(buf, name, n);
        buf[n] = '\0';
        size_t len = n;
        for (unsigned k = 2; oti_strmap_get(out, buf, len) != UINT32_MAX; k++) {
            char suffix[16];
            int sl = snprintf(suffix, sizeof suffix, "#%u", k);
            size_t keep = oti_cut_utf8(name, OTI_SC_MAX_ID - (size_t)sl);
            if (keep > n)
                keep = n;
            memcpy(buf, name, keep);
            memcpy(buf + keep, suffix, (size_t)sl + 1);
            len = keep + (size_t)sl;
        }
        if (oti_strmap_add(out, buf, len, (uint32_t)i)) {
            oti_strmap_free(out);
            return oti_nomem(fn);
        }
    }
    return OT_OK;
}

int oti_unique_ids(const ot_model *m, oti_strmap *orgs, oti_strmap *actors, const char *fn)
{
    int rc = oti_unique_names(m, OT_ORGS, orgs, fn);
    if (rc)
        return rc;
    if ((rc = oti_unique_names(m, OT_ACTORS, actors, fn)))
        oti_strmap_free(orgs);
    return rc;
}
