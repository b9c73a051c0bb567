/* The gemeente and the waterschap of seed 000 on three layers, shared by
 * the lifecycle and ladder suites:
 *   layer 2  wethouder  -- dijkgraaf      (the trusts the suite gives)
 *   layer 1  manager G  -- manager W      (likewise)
 *   layer 0  Roy        -- Fatima         T 0.5 / 0.5
 * Roy reports to manager G, who reports to the wethouder; Fatima to manager
 * W, who reports to the dijkgraaf. Header-only, like world.h. */
#ifndef OT_TEST_GW_H
#define OT_TEST_GW_H

#include "world.h"

typedef struct gw {
    ot_model *m;
    ot_id G, W;           /* gemeente, waterschap */
    ot_id weth, dijk;     /* layer 2 */
    ot_id mgr_g, mgr_w;   /* layer 1 */
    ot_id roy, fatima;    /* layer 0 */
    ot_id t_top, t_mgr, t_rf;
} gw;

/* The two organisations under configuration c (NULL: the defaults), with
 * T(wethouder -> dijkgraaf) = top[0], the reverse top[1], and likewise for
 * the managers. */
static inline gw gw_new(const ot_config *c, const double top[2], const double mgr[2])
{
    gw k;
    ck_ok(ot_model_new(c, &k.m));
    ot_model *m = k.m;
    k.G = mk_org(m, "Gemeente", OT_NONE);
    k.W = mk_org(m, "Waterschap", OT_NONE);
    k.weth = mk_actor(m, k.G, 2, OT_NONE, "wethouder");
    k.dijk = mk_actor(m, k.W, 2, OT_NONE, "dijkgraaf");
    k.mgr_g = mk_actor(m, k.G, 1, k.weth, "manager gemeente");
    k.mgr_w = mk_actor(m, k.W, 1, k.dijk, "manager waterschap");
    k.roy = mk_actor(m, k.G, 0, k.mgr_g, "Roy");
    k.fatima = mk_actor(m, k.W, 0, k.mgr_w, "Fatima");
    k.t_top = mk_tie(m, k.weth, k.dijk, top[0], top[1]);
    k.t_mgr = mk_tie(m, k.mgr_g, k.mgr_w, mgr[0], mgr[1]);
    k.t_rf = mk_tie(m, k.roy, k.fatima, 0.5, 0.5);
    return k;
}

/* The end of a story: the incrementally kept state still equals a
 * recomputation (ot_model_check), then the model goes. */
static inline void gw_done(gw *k)
{
    ck_ok(ot_model_check(k->m));
    ot_model_free(k->m);
    k->m = NULL;
}

#endif
