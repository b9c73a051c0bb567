/* lib/dot.c: the Graphviz picture. */
#include "scenario_util.h"

#include <stdio.h>
#include <string.h>

static char *dot_of(const ot_model *m)
{
    char *text;
    size_t len;
    ck_ok(ot_export_dot(m, &text, &len));
    ck_assert_uint_eq(strlen(text), len);
    return text;
}

#define HAS(text, s) ck_assert_msg(strstr((text), (s)) != NULL, "the picture lacks %s:\n%s", (s), (text))

START_TEST(clusters_ranks_colours_hazards)
{
    ot_model *m;
    ot_id g, gro, w, weth, roy, fatima, marco, t;
    ck_ok(ot_model_new(NULL, &m));
    ck_ok(ot_org_add(m, "Gemeente", OT_NONE, &g));
    ck_ok(ot_org_add(m, "Ruimtelijke ordening", g, &gro));
    ck_ok(ot_org_add(m, "Waterschap", OT_NONE, &w));
    ck_ok(ot_actor_add(m, g, 2, OT_NONE, "Wethouder", &weth));
    ck_ok(ot_actor_add(m, gro, 0, weth, "Roy", &roy));
    ck_ok(ot_actor_add(m, w, 0, OT_NONE, "Fatima", &fatima));
    ck_ok(ot_actor_add(m, w, 1, OT_NONE, "Marco", &marco));
    ck_ok(ot_actor_set_propensity(m, roy, 0.9));
    ck_ok(ot_tie_add(m, roy, fatima, &t));
    ck_ok(ot_tie_add(m, roy, marco, NULL)); /* diagonal */
    ck_ok(ot_disrupt(m, fatima, roy, OT_TASK, 0.5, 1, 1.0, NULL));
    char *d = dot_of(m);
    /* one cluster per organisation, the department inside its gemeente */
    char *c0 = strstr(d, "subgraph cluster_o0 {"), *c1 = strstr(d, "subgraph cluster_o1 {"),
         *c2 = strstr(d, "subgraph cluster_o2 {");
    ck_assert(c0 && c1 && c2 && c0 < c1 && c1 < c2);
    HAS(d, "label=\"Ruimtelijke ordening\"");
    HAS(d, "a1 [label=\"Roy\\noperational\"];");
    /* layers as ranks, the administrative layer on top */
    HAS(d, "layer2 -> layer1 [style=invis];");
    HAS(d, "layer1 -> layer0 [style=invis];");
    HAS(d, "{ rank=same; layer0; a1; a2; }");
    HAS(d, "{ rank=same; layer2; a0; }");
    /* Roy -> Fatima 0.9, Fatima -> Roy after a task disruption of severity
     * 0.5 (separated: loss exponent 2 * 0.5 * (1 - 0.8) = 0.2):
     * 0.5 * 0.75^0.2 = 0.4715; the lower one colours the tie: hue 0.4715 / 3
     * = 0.157 on the red (0) to green (1/3) scale. */
    HAS(d, "a1 -> a2 [constraint=false, color=\"0.157 0.85 0.80\", penwidth=3.5, "
           "label=\"OPEN DISRUPTION\\n0.90 / 0.47\", fontcolor=red];");
    /* the diagonal tie: dashed, a hazard; 0.5 (Marco) colours it: 0.167 */
    HAS(d, "a1 -> a3 [constraint=false, color=\"0.167 0.85 0.80\", penwidth=1.5, label=\"hazard\\n0.90 / 0.50\", "
           "style=dashed];");
    ot_free(d);
    ot_model_free(m);
}
END_TEST

START_TEST(names_are_escaped)
{
    ot_model *m;
    ot_id g;
    ck_ok(ot_model_new(NULL, &m));
    ck_ok(ot_org_add(m, "A \"quoted\" \\ org\nwith a newline", OT_NONE, &g));
    ck_ok(ot_actor_add(m, g, 1, OT_NONE, "R\\oy \"the\" \xc3\xa9", NULL));
    char *d = dot_of(m);
    HAS(d, "label=\"A \\\"quoted\\\" \\\\ org with a newline\";");
    HAS(d, "a0 [label=\"R\\\\oy \\\"the\\\" \xc3\xa9\\nmanagerial\"];");
    ot_free(d);
    ot_model_free(m);
}
END_TEST

START_TEST(empty_model_and_arguments)
{
    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    char *d = dot_of(m);
    HAS(d, "digraph orgtrust {");
    ck_assert_ptr_null(strstr(d, "cluster"));
    ot_free(d);
    ck_status(ot_export_dot(NULL, &d, NULL), OT_EINVAL);
    ck_status(ot_export_dot(m, NULL, NULL), OT_EINVAL);
    ot_model_free(m);
}
END_TEST

START_TEST(every_example_draws)
{
    static const char *const ex[] = {"gemeente-waterschap", "faculteit", "alliantie", "grote-gemeente",
                                     "it-partnership"};
    ot_model *none = NULL;
    if (ot_scenario_load("{}", 2, &none) == OT_ENOTSUP)
        return; /* a build without jansson reads no scenarios */
    for (size_t i = 0; i < 5; i++) {
        char rel[128];
        snprintf(rel, sizeof rel, "examples/scenarios/%s.json", ex[i]);
        ot_model *m = sc_load_source(rel);
        char *d = dot_of(m);
        HAS(d, "subgraph cluster_o0 {");
        ot_free(d);
        ot_model_free(m);
    }
}
END_TEST

Suite *dot_suite(void)
{
    Suite *s = suite_create("dot");
    TCase *tc = tcase_create("dot");
    tcase_add_test(tc, clusters_ranks_colours_hazards);
    tcase_add_test(tc, names_are_escaped);
    tcase_add_test(tc, empty_model_and_arguments);
    tcase_add_test(tc, every_example_draws);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return ot_run_suite(dot_suite()); }
