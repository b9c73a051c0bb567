/* The scenario and report functions in a build without jansson: they exist,
 * so the ABI is the same whatever the options, and say why they cannot work.
 * SPDX-License-Identifier: MIT */
#include "error.h"

#include <orgtrust.h>

static int unsupported(const char *fn)
{
    return oti_fail(OT_ENOTSUP, "%s: this liborgtrust was built without jansson (ORGTRUST_WITH_JANSSON=OFF)", fn);
}

OT_API int ot_scenario_load(const char *json, size_t len, ot_model **out)
{
    (void)json, (void)len, (void)out;
    return unsupported("ot_scenario_load");
}

OT_API int ot_scenario_load_file(const char *path, ot_model **out)
{
    (void)path, (void)out;
    return unsupported("ot_scenario_load_file");
}

OT_API int ot_scenario_export(const ot_model *m, char **json, size_t *len)
{
    (void)m, (void)json, (void)len;
    return unsupported("ot_scenario_export");
}

OT_API int ot_report_json(const ot_model *m, char **json, size_t *len)
{
    (void)m, (void)json, (void)len;
    return unsupported("ot_report_json");
}
