/* The network opinion (docs/model.md, section 15): what a truster can know
 * about someone from its own colleagues, each colleague's opinion
 * discounted by the truster's opinion of that colleague, all fused in one
 * cumulative fusion.
 *
 * A colleague is the other end of an active tie within the truster's
 * organisation (no leaf pair: classes INTERNAL and VERTICAL). The truster's
 * ties are listed in tie-id order, but the fusion takes the colleagues in
 * actor-id order, so that the result does not depend on the order the ties
 * were added in: one sort of at most the truster's ties.
 * SPDX-License-Identifier: MIT */
#include "alloc.h"
#include "args.h"
#include "error.h"
#include "lookup.h"
#include "trust.h"

#include <stdlib.h>

typedef struct source {
    ot_id k;
    ot_sl_opinion w; /* already discounted */
} source;

static int by_actor(const void *x, const void *y)
{
    ot_id a = ((const source *)x)->k, b = ((const source *)y)->k;
    return (a > b) - (a < b);
}

/* The active tie of x and y and the direction x -> y; 0 when there is none.
 * The index holds a pair's latest tie, the only one that can be active. */
static int active_direction(const ot_model *m, ot_id x, ot_id y, const oti_tie **e, int *dir)
{
    uint32_t id = oti_tie_lookup(m, x, y);
    if (id == UINT32_MAX || oti_tie_ended(&m->ties[id]))
        return 0;
    *e = &m->ties[id];
    *dir = (*e)->a == x ? 0 : 1;
    return 1;
}

OT_API int ot_network_opinion(const ot_model *m, ot_id truster, ot_id trustee, ot_sl_opinion *out)
{
    static const char fn[] = "ot_network_opinion";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(out, fn, "out")) ||
        (rc = oti_check_actor(m, truster, fn, "truster")) || (rc = oti_check_actor(m, trustee, fn, "trustee")))
        return rc;
    if (truster == trustee)
        return oti_fail(OT_EINVAL, "%s: truster and trustee are both actor %u (%s); an opinion is about someone else",
                        fn, (unsigned)truster, m->actors[truster].name);
    size_t deg = 0;
    for (uint32_t id = oti_tie_first(m, truster); id != OT_NONE; id = oti_tie_next(m, truster, id))
        deg++;
    /* src: the colleagues, to be sorted; ws: the opinions to fuse, the
     * truster's own first. One block for both. */
    source *src = oti_malloc(deg * sizeof *src + (deg + 1) * sizeof(ot_sl_opinion));
    if (!src)
        return oti_fail(OT_ENOMEM, "%s: out of memory for the opinions of %zu colleagues", fn, deg);
    ot_sl_opinion *ws = (ot_sl_opinion *)(src + deg);
    size_t n = 0, count = 0;
    const oti_tie *e;
    int dir;
    if (active_direction(m, truster, trustee, &e, &dir))
        oti_opinion(m, e, dir, &ws[count++]);
    for (uint32_t id = oti_tie_first(m, truster); id != OT_NONE; id = oti_tie_next(m, truster, id)) {
        const oti_tie *ik = &m->ties[id];
        ot_id k = ik->a == truster ? ik->b : ik->a;
        const oti_tie *kj;
        int kdir;
        if (oti_tie_ended(ik) || ik->leaf != OT_NONE || k == trustee || !active_direction(m, k, trustee, &kj, &kdir))
            continue;
        ot_sl_opinion trust, advice;
        oti_opinion(m, ik, ik->a == truster ? 0 : 1, &trust);
        oti_opinion(m, kj, kdir, &advice);
        src[n].k = k;
        (void)ot_sl_discount(&trust, &advice, &src[n].w); /* opinions of the model are valid inputs */
        n++;
    }
    qsort(src, n, sizeof *src, by_actor);
    for (size_t i = 0; i < n; i++)
        ws[count++] = src[i].w;
    ot_sl_opinion r = {0.0, 0.0, 1.0, m->actors[truster].propensity};
    if (count > 0)
        (void)ot_sl_fuse(ws, count, OT_FUSE_CUMULATIVE, &r);
    oti_free(src);
    *out = r;
    return OT_OK;
}
