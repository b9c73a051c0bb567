/* The model's lifecycle: creation, release, and what it says about itself.
 * SPDX-License-Identifier: MIT */
#include "args.h"
#include "error.h"
#include "model.h"
#include "texts.h"
#include "trust.h"

#include <math.h>
#include <string.h>

OT_API int ot_model_new(const ot_config *c, ot_model **out)
{
    if (!out)
        return oti_fail(OT_EINVAL, "ot_model_new: out is NULL");
    ot_model *m = oti_malloc(sizeof *m);
    if (!m)
        return oti_nomem("ot_model_new");
    memset(m, 0, sizeof *m);
    int rc = c ? oti_config_copy(&m->cfg, c) : oti_config_init(&m->cfg);
    if (rc) {
        oti_free(m);
        return oti_nomem("ot_model_new");
    }
    if ((rc = oti_config_validate(&m->cfg, "ot_model_new"))) {
        oti_config_release(&m->cfg);
        oti_free(m);
        return rc;
    }
    m->now = -INFINITY;
    m->keep_events = OTI_P(m, KEEP_EVENTS) != 0.0;
    m->scar_clocks = oti_scar_clocks(m);
    oti_pin();
    *out = m;
    return OT_OK;
}

OT_API void ot_model_free(ot_model *m)
{
    if (!m)
        return;
    if (m->journal.close)
        m->journal.close(m->journal.ctx);
    oti_arena_free(&m->names);
    oti_free(m->orgs);
    oti_free(m->actors);
    oti_free(m->ties);
    oti_hmap_free(&m->tie_index);
    oti_free(m->attrs);
    oti_hmap_free(&m->attr_index);
    oti_free(m->rare);
    oti_hmap_free(&m->rare_index);
    oti_free(m->pairs);
    oti_free(m->sums.pair);
    oti_free(m->sums.apair);
    oti_free(m->sums.standing);
    for (size_t i = 0; i < m->nchunks; i++)
        oti_free(m->climate[i]);
    oti_free(m->climate);
    oti_free(m->anc);
    oti_hmap_free(&m->pair_index);
    oti_free(m->apairs);
    oti_hmap_free(&m->apair_index);
    oti_free(m->diag);
    oti_free(m->disr);
    oti_free(m->log);
    oti_free(m->stage);
    oti_free(m->scratch);
    oti_free(m->life.line);
    oti_free(m->life.apcnt);
    oti_free(m->life.rung);
    oti_free(m->life.heap);
    oti_free(m->life.mem);
    oti_hmap_free(&m->life.mem_index);
    oti_texts_free(&m->texts);
    oti_config_release(&m->cfg);
    oti_free(m);
    oti_unpin();
}

OT_API int ot_model_param(const ot_model *m, int param, double *v)
{
    int rc;
    if ((rc = oti_check_model(m, "ot_model_param")) || (rc = oti_check_out(v, "ot_model_param", "v")))
        return rc;
    if (param < 1 || param > OTI_NPARAM)
        return oti_fail(OT_EINVAL, "ot_model_param: param = %d is not an ot_param (1..%d)", param, OTI_NPARAM);
    *v = m->cfg.p[param];
    return OT_OK;
}

OT_API int ot_model_layers(const ot_model *m, unsigned *n)
{
    int rc;
    if ((rc = oti_check_model(m, "ot_model_layers")) || (rc = oti_check_out(n, "ot_model_layers", "n")))
        return rc;
    *n = m->cfg.nlayers;
    return OT_OK;
}

OT_API const char *ot_layer_name(const ot_model *m, unsigned layer)
{
    return m && layer < m->cfg.nlayers ? m->cfg.layer[layer] : NULL;
}

OT_API int ot_model_count(const ot_model *m, int what, size_t *n)
{
    int rc;
    if ((rc = oti_check_model(m, "ot_model_count")) || (rc = oti_check_out(n, "ot_model_count", "n")))
        return rc;
    switch (what) {
    case OT_ORGS: *n = m->norgs; break;
    case OT_ACTORS: *n = m->nactors; break;
    case OT_TIES: *n = m->nties; break;
    case OT_DISRUPTIONS: *n = m->ndisr; break;
    case OT_EVENTS: *n = m->nlog; break;
    default:
        return oti_fail(OT_EINVAL, "ot_model_count: what = %d is not an ot_count_what (1..5)", what);
    }
    return OT_OK;
}

OT_API int ot_model_time(const ot_model *m, double *t)
{
    int rc;
    if ((rc = oti_check_model(m, "ot_model_time")) || (rc = oti_check_out(t, "ot_model_time", "t")))
        return rc;
    *t = m->now;
    return OT_OK;
}
