/* The store functions in a build without SQLite: they exist, so the ABI is
 * the same whatever the options, and say why they cannot work.
 * SPDX-License-Identifier: MIT */
#include "error.h"

#include <orgtrust.h>

static int unsupported(const char *fn)
{
    return oti_fail(OT_ENOTSUP, "%s: this liborgtrust was built without the store (ORGTRUST_WITH_SQLITE=OFF: SQLite and libsodium)", fn);
}

OT_API int ot_store_open(const char *path, const ot_config *c, int flags, ot_model **out)
{
    (void)path, (void)c, (void)flags, (void)out;
    return unsupported("ot_store_open");
}

OT_API int ot_store_begin(ot_model *m)
{
    (void)m;
    return unsupported("ot_store_begin");
}

OT_API int ot_store_commit(ot_model *m)
{
    (void)m;
    return unsupported("ot_store_commit");
}

OT_API int ot_store_rollback(ot_model *m)
{
    (void)m;
    return unsupported("ot_store_rollback");
}

OT_API int ot_store_checkpoint(ot_model *m)
{
    (void)m;
    return unsupported("ot_store_checkpoint");
}

OT_API int ot_store_save(const ot_model *m, const char *path)
{
    (void)m, (void)path;
    return unsupported("ot_store_save");
}

OT_API int ot_store_verify(const char *path)
{
    (void)path;
    return unsupported("ot_store_verify");
}

OT_API int ot_store_verify_report(const char *path, char **json, size_t *len)
{
    (void)path, (void)json, (void)len;
    return unsupported("ot_store_verify_report");
}

OT_API int ot_store_backup(const ot_model *m, const char *path)
{
    (void)m, (void)path;
    return unsupported("ot_store_backup");
}
