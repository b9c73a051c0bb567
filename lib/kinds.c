/* The tables of lib/kinds.h.
 * SPDX-License-Identifier: MIT */
#include "kinds.h"

#include <string.h>

/* docs/model.md section 2, the observation table; CONCEALED is the one
 * deceptive kind (section 11). */
const oti_kind oti_kinds[OTI_KIND_LAST + 1] = {
    [OT_AGREEMENT_KEPT] = {"agreement_kept", OTI_DIM_INTEGRITY, 1, 1.0, 0},
    [OT_AGREEMENT_BROKEN] = {"agreement_broken", OTI_DIM_INTEGRITY, 0, 1.0, 0},
    [OT_DELIVERED] = {"delivered", OTI_DIM_ABILITY, 1, 1.0, 0},
    [OT_FAILED_DELIVERY] = {"failed_delivery", OTI_DIM_ABILITY, 0, 1.0, 0},
    [OT_WENT_BEYOND] = {"went_beyond", OTI_DIM_BENEVOLENCE, 1, 2.0, 0},
    [OT_LET_DOWN] = {"let_down", OTI_DIM_BENEVOLENCE, 0, 2.0, 0},
    [OT_DISCLOSED] = {"disclosed", OTI_DIM_INTEGRITY, 1, 0.5, 0},
    [OT_CONCEALED] = {"concealed", OTI_DIM_INTEGRITY, 0, 1.0, 1},
};

/* Intensity is bounded so that every aggregate is exact in 64.64 fixed
 * point (lib/fixed.h). */
const oti_tie_attr_desc oti_tie_attrs[OTI_TIE_ATTR_LAST + 1] = {
    [OT_TIE_INTENSITY] = {"intensity", OTI_DEFAULT_W, 1e-6, 1e6, "[1e-6, 1e6]"},
    [OT_TIE_AFFECT] = {"affect", OTI_DEFAULT_AFFECT, 0.0, 1.0, "[0, 1]"},
    [OT_TIE_UNCERTAINTY] = {"uncertainty", OTI_DEFAULT_UNCERTAINTY, 0.0, 1.0, "[0, 1]"},
};

int oti_tie_attr_by_name(const char *name)
{
    for (int i = 1; i <= OTI_TIE_ATTR_LAST; i++)
        if (strcmp(oti_tie_attrs[i].name, name) == 0)
            return i;
    return 0;
}
