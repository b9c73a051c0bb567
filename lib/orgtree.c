/* The organisation hierarchy: organisations, their nesting and the
 * questions asked of it.
 * SPDX-License-Identifier: MIT */
#include "orgtree.h"
#include "args.h"
#include "error.h"
#include "record.h"
#include "text.h"

#include <string.h>

int oti_org_within(const ot_model *m, ot_id x, ot_id a)
{
    uint32_t da = m->orgs[a].depth;
    while (m->orgs[x].depth > da)
        x = m->orgs[x].parent;
    return x == a;
}

int oti_orgs_overlap(const ot_model *m, ot_id x, ot_id y)
{
    return m->orgs[x].depth >= m->orgs[y].depth ? oti_org_within(m, x, y) : oti_org_within(m, y, x);
}

void oti_org_sides(const ot_model *m, ot_id x, ot_id y, ot_id *sx, ot_id *sy)
{
    while (m->orgs[x].depth > m->orgs[y].depth)
        x = m->orgs[x].parent;
    while (m->orgs[y].depth > m->orgs[x].depth)
        y = m->orgs[y].parent;
    while (m->orgs[x].parent != m->orgs[y].parent) {
        x = m->orgs[x].parent;
        y = m->orgs[y].parent;
    }
    *sx = x;
    *sy = y;
}

unsigned oti_org_chain(const ot_model *m, ot_id x, ot_id stop, ot_id chain[OTI_MAX_DEPTH])
{
    unsigned n = 0;
    for (;;) {
        chain[n++] = x;
        if (x == stop)
            return n;
        x = m->orgs[x].parent;
    }
}

/* ---- organisations ---------------------------------------------------- */

OT_API int ot_org_add(ot_model *m, const char *name, ot_id parent, ot_id *out)
{
    static const char fn[] = "ot_org_add";
    int rc;
    if ((rc = oti_check_mutable(m, fn)) || (rc = oti_check_name(name, OTI_NAME_MAX, fn, "name")))
        return rc;
    uint32_t depth = 0;
    if (parent != OT_NONE) {
        if ((rc = oti_check_org(m, parent, fn, "parent")))
            return rc;
        depth = m->orgs[parent].depth + 1;
        if (depth >= OTI_MAX_DEPTH)
            return oti_fail(OT_ELIMIT, "%s: parent = %u is %u levels deep; organisations nest at most %d deep", fn,
                            (unsigned)parent, (unsigned)depth, OTI_MAX_DEPTH);
    }
    if (m->norgs >= OTI_MAX_IDS)
        return oti_fail(OT_ELIMIT, "%s: the model holds the maximum of %u organisations", fn, OTI_MAX_IDS);
    size_t len = strlen(name) + 1;
    if (oti_arena_reserve(&m->names, len) || OTI_RESERVE(m->orgs, m->caporgs, m->norgs + 1))
        return oti_nomem(fn);
    ot_id id = (ot_id)m->norgs;
    oti_event ev = {.type = OTI_EV_ORG_ADD, .a = id, .b = parent};
    if ((rc = oti_record_begin(m, &ev, name, fn)))
        return rc;
    m->orgs[id] = (oti_org){.name = oti_arena_put(&m->names, name, len), .parent = parent, .depth = depth};
    m->norgs++;
    oti_record_end(m);
    if (out)
        *out = id;
    return OT_OK;
}

OT_API const char *ot_org_name(const ot_model *m, ot_id org)
{
    return m && org < m->norgs ? m->orgs[org].name : NULL;
}

OT_API int ot_org_parent(const ot_model *m, ot_id org, ot_id *parent)
{
    int rc;
    if ((rc = oti_check_model(m, "ot_org_parent")) || (rc = oti_check_out(parent, "ot_org_parent", "parent")) ||
        (rc = oti_check_org(m, org, "ot_org_parent", "org")))
        return rc;
    *parent = m->orgs[org].parent;
    return OT_OK;
}
