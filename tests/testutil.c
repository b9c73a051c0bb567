#define OT_TESTUTIL_IMPL
#include "testutil.h"
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

ot_state ot_state_of(const ot_model *m)
{
    ot_state s;
    memset(&s, 0, sizeof s);
    ck_ok(ot_model_digest(m, &s.digest));
    for (int w = OT_ORGS; w <= OT_EVENTS; w++)
        ck_ok(ot_model_count(m, w, &s.count[w]));
    ck_ok(ot_model_time(m, &s.now));
    ck_ok(ot_model_check(m));
    return s;
}

void ck_unchanged(const ot_model *m, ot_state before)
{
    ot_state now = ot_state_of(m);
    ck_assert_msg(now.digest == before.digest, "the model's state changed (digest %016llx -> %016llx)",
                  (unsigned long long)before.digest, (unsigned long long)now.digest);
    for (int w = OT_ORGS; w <= OT_EVENTS; w++)
        ck_assert_msg(now.count[w] == before.count[w], "count %d changed: %zu -> %zu", w, before.count[w],
                      now.count[w]);
    ck_assert_msg(memcmp(&now.now, &before.now, sizeof now.now) == 0, "the model's time changed");
}

int ot_run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

int ot_run_suite_skipping(Suite *s, const char *skipped)
{
    int rc = ot_run_suite(s);
    if (rc != EXIT_SUCCESS || !skipped)
        return rc;
    printf("SKIPPED in part: %s\n", skipped);
    fflush(stdout);
    return OT_SKIPPED;
}

int ot_have_jansson(void)
{
    ot_model *m = NULL;
    int rc = ot_scenario_load("{}", 2, &m);
    ot_model_free(m);
    return rc != OT_ENOTSUP;
}

double trust_of(const ot_model *m, ot_id truster, ot_id trustee)
{
    double t = -1.0;
    ck_ok(ot_trust(m, truster, trustee, &t));
    return t;
}

/* A copy of c (NULL: the defaults), layers and timeboxes included (the
 * suites may read struct ot_config: they see lib/). */
static int config_copy(const ot_config *c, ot_config **out)
{
    ot_config *v = NULL;
    int rc = ot_config_new(&v);
    if (!rc && c) {
        for (int p = 1; p <= OTI_NPARAM && !rc; p++)
            rc = ot_config_set(v, p, c->p[p]);
        if (!rc)
            rc = ot_config_set_layers(v, c->nlayers, (const char *const *)c->layer);
        if (!rc)
            rc = ot_config_set_timeboxes(v, c->nlayers, c->timebox);
    }
    if (rc)
        ot_config_free(v);
    else
        *out = v;
    return rc;
}

int ot_test_model_new_model1(const ot_config *c, ot_model **out)
{
    ot_config *v1 = NULL;
    int rc = config_copy(c, &v1);
    if (rc)
        return rc;
    /* Every parameter whose model-1 value differs from its default (the
     * library's one parameter table says which: scar_rate, deception_scar,
     * trust_transfer) takes the model-1 value. */
    for (int p = 1; p <= OTI_NPARAM && !rc; p++) {
        double def = 0.0;
        if ((rc = ot_param_info(p, NULL, &def, NULL, NULL)) == OT_OK && oti_param_model1(p) != def)
            rc = ot_config_set(v1, p, oti_param_model1(p));
    }
    if (!rc)
        rc = ot_model_new(v1, out);
    ot_config_free(v1);
    return rc;
}

int ot_test_model_new_given(const ot_config *c, ot_model **out)
{
    ot_config *v = NULL;
    int rc = config_copy(c, &v);
    if (!rc)
        rc = ot_config_set(v, OT_PARAM_TRUST_TRANSFER, 0.0);
    if (!rc)
        rc = ot_model_new(v, out);
    ot_config_free(v);
    return rc;
}
