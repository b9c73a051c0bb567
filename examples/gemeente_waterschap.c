/* The gemeente and the waterschap (seed 000), told through the C API.
 *
 * A municipality and a water board cooperate on three layers. Roy (planning
 * department) and Fatima (water board) work well together; Roy's colleagues
 * do not follow him across the bridge. The alderman (wethouder) and the
 * dike-reeve (dijkgraaf) start out wary of each other, which makes trust
 * harder to build below; regular consultations prepared by two policy
 * officers build trust at the top. A project leader sits in the joint
 * water-test team, so when that team runs into trouble the managerial step
 * of the escalation ladder is compromised and the case goes to the top.
 *
 * Build: part of the CMake build (examples/); run: make demo.
 * SPDX-License-Identifier: MIT */
#include <orgtrust.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_ACTORS 32

/* Stop with the library's own explanation if a call fails. */
static void must(int rc, const char *what)
{
    if (rc != OT_OK) {
        fprintf(stderr, "%s: %s (%s)\n", what, ot_strerror(rc), ot_last_error());
        exit(1);
    }
}

static const char *limit_name(int limit)
{
    switch (limit) {
    case OT_LIMIT_PERSON: return "the person";
    case OT_LIMIT_REPUTATION: return "the colleagues' reputation of the other organisation";
    default: return "the other organisation's leadership";
    }
}

static const char *basis_name(int basis)
{
    switch (basis) {
    case OT_BASIS_TRUST: return "trust";
    case OT_BASIS_RELIABILITY: return "reliability (kept agreements)";
    default: return "at risk";
    }
}

static const char *step_words(const ot_model *m, const ot_escalation_step *s, char *buf, size_t n)
{
    const char *x = s->x == OT_NONE ? "nobody" : ot_actor_name(m, s->x);
    const char *y = s->y == OT_NONE ? "nobody" : ot_actor_name(m, s->y);
    switch (s->status) {
    case OT_STEP_OK: snprintf(buf, n, "%s and %s trust each other enough to resolve it", x, y); break;
    case OT_STEP_NO_SUPERIOR: snprintf(buf, n, "one side has nobody at this layer (%s, %s)", x, y); break;
    case OT_STEP_NO_TIE: snprintf(buf, n, "%s and %s have no working relationship", x, y); break;
    case OT_STEP_UNHEALTHY: snprintf(buf, n, "%s and %s do not trust each other enough", x, y); break;
    default:
        if (s->reason == OT_REASON_PARTY)
            snprintf(buf, n, "%s and %s are compromised: one of them is a party to the dispute", x, y);
        else
            snprintf(buf, n,
                     "%s and %s are compromised: one of them also works directly with the other "
                     "organisation's people at the disrupted layer",
                     x, y);
    }
    return buf;
}

int main(void)
{
    ot_model *m;
    must(ot_model_new(NULL, &m), "model");

    ot_id gemeente, ro, waterschap;
    must(ot_org_add(m, "Gemeente", OT_NONE, &gemeente), "org");
    must(ot_org_add(m, "Ruimtelijke ordening", gemeente, &ro), "org");
    must(ot_org_add(m, "Waterschap", OT_NONE, &waterschap), "org");

    ot_id weth, dijk, mgr_g, mgr_w, pl, roy, sanne, daan, fatima, bram, pol_g, pol_w;
    must(ot_actor_add(m, gemeente, 2, OT_NONE, "wethouder", &weth), "actor");
    must(ot_actor_add(m, waterschap, 2, OT_NONE, "dijkgraaf", &dijk), "actor");
    must(ot_actor_add(m, ro, 1, weth, "manager RO", &mgr_g), "actor");
    must(ot_actor_add(m, waterschap, 1, dijk, "manager watersysteem", &mgr_w), "actor");
    must(ot_actor_add(m, gemeente, 1, weth, "projectleider", &pl), "actor");
    must(ot_actor_add(m, ro, 0, mgr_g, "Roy", &roy), "actor");
    must(ot_actor_add(m, ro, 0, mgr_g, "Sanne", &sanne), "actor");
    must(ot_actor_add(m, gemeente, 0, pl, "Daan", &daan), "actor");
    must(ot_actor_add(m, waterschap, 0, mgr_w, "Fatima", &fatima), "actor");
    must(ot_actor_add(m, waterschap, 0, mgr_w, "Bram", &bram), "actor");
    must(ot_actor_add(m, gemeente, 0, weth, "beleidsmedewerker gemeente", &pol_g), "actor");
    must(ot_actor_add(m, waterschap, 0, dijk, "beleidsmedewerker waterschap", &pol_w), "actor");

    /* The top starts out wary. */
    must(ot_actor_set_propensity(m, weth, 0.45), "propensity");
    must(ot_actor_set_propensity(m, dijk, 0.45), "propensity");

    ot_id tie;
    must(ot_tie_add(m, weth, dijk, NULL), "tie");
    must(ot_tie_add(m, mgr_g, mgr_w, NULL), "tie");
    must(ot_tie_add(m, roy, fatima, &tie), "tie");
    must(ot_tie_set(m, tie, OT_TIE_INTENSITY, 3.0), "intensity"); /* they work together most */
    must(ot_tie_add(m, sanne, bram, NULL), "tie");
    must(ot_tie_add(m, daan, bram, NULL), "tie");
    must(ot_tie_add(m, pl, bram, NULL), "tie"); /* the project leader in the water-test team */
    must(ot_tie_add(m, pl, mgr_w, NULL), "tie");
    must(ot_tie_add(m, roy, sanne, NULL), "tie");
    must(ot_tie_add(m, roy, mgr_g, NULL), "tie");
    must(ot_tie_add(m, sanne, mgr_g, NULL), "tie");
    must(ot_tie_add(m, pol_g, pol_w, NULL), "tie");

    /* A year of work. Roy and Fatima deliver and keep agreements every
     * fortnight; Sanne and Bram have a rocky time. */
    for (int week = 0; week < 52; week += 2) {
        double t = week * 7.0;
        must(ot_observe(m, roy, fatima, OT_AGREEMENT_KEPT, 1, t), "observe");
        must(ot_observe(m, fatima, roy, OT_DELIVERED, 1, t), "observe");
        must(ot_observe(m, sanne, bram, week % 4 ? OT_FAILED_DELIVERY : OT_DELIVERED, 1, t), "observe");
        must(ot_observe(m, bram, sanne, OT_AGREEMENT_KEPT, 1, t), "observe");
        must(ot_observe(m, roy, sanne, OT_AGREEMENT_KEPT, 1, t), "observe");
        /* Once a month the dijkgraaf visits the wethouder, prepared by the
         * two policy officers. */
        if (week % 4 == 0)
            must(ot_consult(m, dijk, weth, pol_w, pol_g, t + 1), "consult");
    }
    /* Trouble in the water-test team, late in the year. */
    ot_id d;
    must(ot_disrupt(m, daan, bram, OT_RELATIONAL, 0.6, 0, 370.0, &d), "disrupt");

    unsigned layers;
    must(ot_model_layers(m, &layers), "layers");
    printf("orgtrust %s: the gemeente and the waterschap, after a year\n\n", ot_version());

    printf("Trust between the organisations, by layer\n");
    for (unsigned l = 0; l < layers; l++) {
        double v;
        if (ot_layer_trust(m, gemeente, waterschap, l, &v) == OT_OK)
            printf("  %-15s %.3f\n", ot_layer_name(m, l), v);
    }
    double rep_gw, rep_wg, back_w, back_g;
    must(ot_reputation(m, gemeente, waterschap, OT_NONE, &rep_gw), "reputation");
    must(ot_reputation(m, waterschap, gemeente, OT_NONE, &rep_wg), "reputation");
    must(ot_backing(m, waterschap, gemeente, &back_w), "backing");
    must(ot_backing(m, gemeente, waterschap, &back_g), "backing");
    printf("  reputation: gemeente of waterschap %.3f, waterschap of gemeente %.3f\n", rep_gw, rep_wg);
    printf("  backing:    waterschap's leadership %.3f, gemeente's leadership %.3f\n\n", back_w, back_g);

    printf("Effective trust across the organisations (you must trust the person and the organisation)\n");
    size_t nties;
    must(ot_model_count(m, OT_TIES, &nties), "count");
    for (ot_id t = 0; t < nties; t++) {
        ot_id a, b;
        int cls, basis;
        must(ot_tie_ends(m, t, &a, &b), "ends");
        must(ot_tie_class(m, t, &cls), "class");
        if (cls != OT_HORIZONTAL && cls != OT_DIAGONAL)
            continue;
        must(ot_cooperation_basis(m, a, b, &basis), "basis");
        for (int k = 0; k < 2; k++) {
            ot_id x = k ? b : a, y = k ? a : b;
            double tr, et;
            int lim;
            must(ot_trust(m, x, y, &tr), "trust");
            must(ot_effective_trust(m, x, y, &et, &lim), "effective trust");
            printf("  %-28s -> %-28s trust %.3f, effective %.3f, limited by %s\n", ot_actor_name(m, x),
                   ot_actor_name(m, y), tr, et, limit_name(lim));
        }
        printf("  %-28s    cooperation basis: %s\n", "", basis_name(basis));
    }

    printf("\nBridge builders (far ahead of their own organisation)\n");
    size_t nactors;
    int any = 0;
    must(ot_model_count(m, OT_ACTORS, &nactors), "count");
    for (ot_id a = 0; a < nactors; a++) {
        ot_id org;
        must(ot_actor_org(m, a, &org), "org");
        ot_id other = org == waterschap ? gemeente : waterschap;
        double gap, standing;
        int on;
        must(ot_bridge_gap(m, a, other, &gap, &on), "bridge gap");
        if (!on)
            continue;
        must(ot_standing(m, a, &standing), "standing");
        printf("  %s trusts %s %.3f more than the colleagues do; standing at home %.3f\n", ot_actor_name(m, a),
               ot_org_name(m, other), gap, standing);
        any = 1;
    }
    if (!any)
        printf("  none\n");

    printf("\nDark side (trusting against the record)\n");
    any = 0;
    for (ot_id t = 0; t < nties; t++) {
        ot_id a, b;
        must(ot_tie_ends(m, t, &a, &b), "ends");
        for (int k = 0; k < 2; k++) {
            int flag;
            must(ot_dark_side(m, k ? b : a, k ? a : b, &flag), "dark side");
            if (flag) {
                printf("  %s keeps trusting %s\n", ot_actor_name(m, k ? b : a), ot_actor_name(m, k ? a : b));
                any = 1;
            }
        }
    }
    if (!any)
        printf("  none\n");

    printf("\nOpen disruption: %s and %s (water-test team)\n", ot_actor_name(m, daan), ot_actor_name(m, bram));
    ot_id dtie;
    must(ot_disruption_tie(m, d, &dtie), "disruption tie");
    ot_escalation_step steps[8];
    size_t n;
    char words[256];
    must(ot_escalation_path(m, dtie, steps, 8, &n), "path");
    for (size_t k = 0; k < n && k < 8; k++)
        printf("  step %zu (%s): %s\n", k + 1, ot_layer_name(m, steps[k].layer),
               step_words(m, &steps[k], words, sizeof words));
    ot_id hz[8];
    size_t nh;
    must(ot_hazards(m, gemeente, waterschap, hz, 8, &nh), "hazards");
    printf("  escalation hazards (diagonal ties):");
    for (size_t k = 0; k < nh && k < 8; k++) {
        ot_id a, b;
        must(ot_tie_ends(m, hz[k], &a, &b), "ends");
        printf(" %s-%s", ot_actor_name(m, a), ot_actor_name(m, b));
    }
    printf("\n");

    int resolved;
    unsigned at = 0;
    double before, after;
    must(ot_trust(m, daan, bram, &before), "trust");
    must(ot_escalate(m, d, OT_JOINT, 372.0, &resolved, &at), "escalate");
    must(ot_trust(m, daan, bram, &after), "trust");
    if (resolved)
        printf("  escalated jointly: resolved at the %s layer; Daan's trust in Bram %.3f -> %.3f\n",
               ot_layer_name(m, at), before, after);
    else
        printf("  escalated jointly: no healthy step; Daan's trust in Bram %.3f -> %.3f\n", before, after);

    must(ot_model_check(m), "check");
    ot_model_free(m);
    return 0;
}
