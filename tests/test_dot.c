/* lib/dot.c: the Graphviz picture. Its structure is checked by parsing it
 * with Graphviz's own reader (libcgraph) and comparing the graph with the
 * model: one cluster per organisation nested as the organisations are, one
 * node per actor inside its organisation's cluster with its name and layer,
 * one edge per tie, one rank per layer; the colours and marks are checked
 * as text. */
#include "scenario_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef OT_HAVE_CGRAPH
#include <graphviz/cgraph.h>
#endif

static char *dot_of(const ot_model *m)
{
    char *text;
    size_t len;
    ck_ok(ot_export_dot(m, &text, &len));
    ck_assert_uint_eq(strlen(text), len);
    return text;
}

#define HAS(text, s) ck_assert_msg(strstr((text), (s)) != NULL, "the picture lacks %s:\n%s", (s), (text))

#ifdef OT_HAVE_CGRAPH
/* A name the picture shows as it is (no quote, backslash or control
 * character for the writer to escape or replace). */
static int plain(const char *s)
{
    for (; *s; s++)
        if (*s == '"' || *s == '\\' || (unsigned char)*s < 0x20)
            return 0;
    return 1;
}

static Agraph_t *cluster_of(Agraph_t *g, const ot_model *m, ot_id org)
{
    ot_id parent;
    ck_ok(ot_org_parent(m, org, &parent));
    Agraph_t *outer = parent == OT_NONE ? g : cluster_of(g, m, parent);
    char name[32];
    snprintf(name, sizeof name, "cluster_o%u", (unsigned)org);
    Agraph_t *c = agsubg(outer, name, 0);
    ck_assert_msg(c != NULL, "no %s inside the cluster of its parent organisation", name);
    return c;
}

static Agnode_t *node_of(Agraph_t *g, const char *fmt, unsigned id)
{
    char name[32];
    snprintf(name, sizeof name, fmt, id);
    Agnode_t *n = agnode(g, name, 0);
    ck_assert_msg(n != NULL, "no node %s", name);
    return n;
}

/* The rank=same subgraph that holds layer l's label node. */
static Agraph_t *rank_of(Agraph_t *g, Agnode_t *layer)
{
    Agraph_t *found = NULL;
    for (Agraph_t *sg = agfstsubg(g); sg; sg = agnxtsubg(sg)) {
        const char *r = agget(sg, "rank");
        if (r && strcmp(r, "same") == 0 && agsubnode(sg, layer, 0)) {
            ck_assert_msg(found == NULL, "layer %s has two ranks", agnameof(layer));
            found = sg;
        }
    }
    ck_assert_msg(found != NULL, "layer %s has no rank", agnameof(layer));
    return found;
}

static void check_structure(const ot_model *m, const char *dot)
{
    Agraph_t *g = agmemread(dot);
    ck_assert_msg(g != NULL, "Graphviz cannot read the picture:\n%s", dot);
    ck_assert(agisdirected(g));
    size_t norgs, nactors, nties;
    unsigned L;
    ck_ok(ot_model_count(m, OT_COUNT_ORGS, &norgs));
    ck_ok(ot_model_count(m, OT_COUNT_ACTORS, &nactors));
    ck_ok(ot_model_count(m, OT_COUNT_TIES, &nties));
    ck_ok(ot_model_layers(m, &L));
    /* Nodes: the actors and one label per layer; edges: the ties and the
     * invisible chain that stacks the layers. */
    ck_assert_int_eq(agnnodes(g), (int)(nactors + L));
    ck_assert_int_eq(agnedges(g), (int)(nties + L - 1));
    for (size_t o = 0; o < norgs; o++) {
        Agraph_t *c = cluster_of(g, m, (ot_id)o);
        const char *name = ot_org_name(m, (ot_id)o);
        if (plain(name))
            ck_assert_str_eq(agget(c, "label"), name);
    }
    for (unsigned l = 0; l < L; l++) {
        Agnode_t *ln = node_of(g, "layer%u", l);
        ck_assert_str_eq(agget(ln, "label"), ot_layer_name(m, l));
        if (l > 0)
            ck_assert_msg(agedge(g, ln, node_of(g, "layer%u", l - 1), NULL, 0) != NULL, "layer %u not above %u", l,
                          l - 1);
    }
    for (size_t a = 0; a < nactors; a++) {
        Agnode_t *n = node_of(g, "a%u", (unsigned)a);
        ot_id org;
        unsigned layer;
        ck_ok(ot_actor_org(m, (ot_id)a, &org));
        ck_ok(ot_actor_layer(m, (ot_id)a, &layer));
        ck_assert_msg(agsubnode(cluster_of(g, m, org), n, 0) != NULL, "actor %zu is outside its cluster", a);
        /* ... and in no cluster of an organisation that is not its own or an
         * ancestor: only the top-level cluster of its own tree holds it. */
        int tops = 0;
        for (size_t o = 0; o < norgs; o++) {
            ot_id parent;
            ck_ok(ot_org_parent(m, (ot_id)o, &parent));
            if (parent == OT_NONE && agsubnode(cluster_of(g, m, (ot_id)o), n, 0))
                tops++;
        }
        ck_assert_int_eq(tops, 1);
        Agraph_t *rank = rank_of(g, node_of(g, "layer%u", layer));
        ck_assert_msg(agsubnode(rank, n, 0) != NULL, "actor %zu is not on the rank of layer %u", a, layer);
        const char *name = ot_actor_name(m, (ot_id)a);
        if (plain(name)) {
            char want[600];
            snprintf(want, sizeof want, "%s\\n%s", name, ot_layer_name(m, layer));
            ck_assert_str_eq(agget(n, "label"), want);
        }
    }
    for (size_t t = 0; t < nties; t++) {
        ot_id a, b;
        int cls;
        ck_ok(ot_tie_ends(m, (ot_id)t, &a, &b));
        ck_ok(ot_tie_class(m, (ot_id)t, &cls));
        Agedge_t *e = agedge(g, node_of(g, "a%u", a), node_of(g, "a%u", b), NULL, 0);
        ck_assert_msg(e != NULL, "tie %zu (a%u -> a%u) is not drawn", t, (unsigned)a, (unsigned)b);
        const char *style = agget(e, "style");
        int dashed = style && strcmp(style, "dashed") == 0;
        ck_assert_msg(dashed == (cls == OT_CLASS_DIAGONAL), "tie %zu: dashed %d, class %d", t, dashed, cls);
    }
    agclose(g);
}
#define CHECK_STRUCTURE(m, d) check_structure((m), (d))
#else
#define CHECK_STRUCTURE(m, d) ((void)(m), (void)(d))
#endif

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
    CHECK_STRUCTURE(m, d);
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
    CHECK_STRUCTURE(m, d);
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
    CHECK_STRUCTURE(m, d);
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
    for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
        char rel[128];
        snprintf(rel, sizeof rel, "examples/scenarios/%s.json", ex[i]);
        ot_model *m = sc_load_source(rel);
        char *d = dot_of(m);
        HAS(d, "digraph orgtrust {");
        CHECK_STRUCTURE(m, d);
        ot_free(d);
        ot_model_free(m);
    }
}
END_TEST

/* What this build cannot test, or NULL. */
static const char *left_out(int jansson)
{
    static char why[512];
    why[0] = '\0';
#ifndef OT_HAVE_CGRAPH
    strcat(why, "the pictures' structure is not checked: Graphviz's libcgraph (libgraphviz-dev) was not found "
                "when the build was configured");
#endif
    if (!jansson)
        strcat(why, why[0] ? "; every_example_draws: " : "every_example_draws: ");
    if (!jansson)
        strcat(why, "this build has no jansson (ORGTRUST_WITH_JANSSON=OFF), so it reads no example scenarios");
    return why[0] ? why : NULL;
}

int main(void)
{
    int jansson = ot_have_jansson();
    Suite *s = suite_create("dot");
    TCase *tc = tcase_create("dot");
    tcase_add_test(tc, clusters_ranks_colours_hazards);
    tcase_add_test(tc, names_are_escaped);
    tcase_add_test(tc, empty_model_and_arguments);
    if (jansson)
        tcase_add_test(tc, every_example_draws);
    suite_add_tcase(s, tc);
    return ot_run_suite_skipping(s, left_out(jansson));
}
