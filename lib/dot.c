/* Graphviz export: placeholder until the picture lands (issue 5).
 * SPDX-License-Identifier: MIT */
#include "error.h"
#include "model.h"

OT_API int ot_export_dot(const ot_model *m, char **dot, size_t *len)
{
    (void)len;
    int rc;
    if ((rc = oti_check_model(m, "ot_export_dot")) || (rc = oti_check_out(dot, "ot_export_dot", "dot")))
        return rc;
    return oti_fail(OT_ENOTSUP, "ot_export_dot: not implemented yet");
}
