/* lib/dot.c: the Graphviz picture (docs/picture.md). Its structure is
 * checked by parsing it with Graphviz's own reader (libcgraph) and comparing
 * the graph with the model: one cluster per organisation nested as the
 * organisations are, one node per actor inside its organisation's cluster
 * with its name and layer, one label node per tie joined to both ends, one
 * rank per layer and one per gap between layers; the title, the legend,
 * the colours, the direction labels and the marks are checked as text.
 * (The layout, that no edge crosses a label, is checked in
 * tools/test_render.c, which lays the examples out with Graphviz.) */
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
#define LACKS(text, s) ck_assert_msg(strstr((text), (s)) == NULL, "the picture has %s:\n%s", (s), (text))

/* The grey of ended ties and actors who left (lib/dot.c, MARK_ENDED). */
#define GREY "gray65"

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

/* An attribute's value, "" when it is not set (agget gives NULL when no
 * object of the kind has it). */
static const char *attr(void *obj, char *name)
{
    const char *v = agget(obj, name);
    return v ? v : "";
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
    /* Nodes: the actors, per layer a label and an empty node for the gap
     * below it, one label per tie; edges: each tie's two halves, the
     * invisible chain that stacks the layers and gaps, one arrow per open
     * disruption whose advice is to refer it (to the step's tie). */
    size_t nopen, refer = 0;
    ck_ok(ot_disruptions(m, OT_LIST_OPEN, NULL, 0, &nopen));
    ot_id open[64];
    ck_assert_uint_le(nopen, 64);
    ck_ok(ot_disruptions(m, OT_LIST_OPEN, open, nopen, &nopen));
    for (size_t i = 0; i < nopen; i++) {
        int action;
        ck_ok(ot_disruption_advice(m, open[i], &action, NULL));
        refer += action == OT_ADVICE_REFER;
    }
    ck_assert_int_eq(agnnodes(g), (int)(nactors + 2 * L + nties));
    ck_assert_int_eq(agnedges(g), (int)(2 * nties + 2 * L - 1 + refer));
    for (size_t o = 0; o < norgs; o++) {
        Agraph_t *c = cluster_of(g, m, (ot_id)o);
        const char *name = ot_org_name(m, (ot_id)o);
        if (plain(name))
            ck_assert_str_eq(agget(c, "label"), name);
    }
    for (unsigned l = 0; l < L; l++) {
        Agnode_t *ln = node_of(g, "layer%u", l), *gap = node_of(g, "gap%u", l);
        ck_assert_str_eq(agget(ln, "label"), ot_layer_name(m, l));
        ck_assert_msg(agedge(g, ln, gap, NULL, 0) != NULL, "layer %u not above its gap", l);
        if (l > 0)
            ck_assert_msg(agedge(g, gap, node_of(g, "layer%u", l - 1), NULL, 0) != NULL, "gap %u not above %u", l,
                          l - 1);
        ck_assert_msg(rank_of(g, gap) != rank_of(g, ln), "gap %u shares the rank of its layer", l);
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
        int active;
        ck_ok(ot_actor_active(m, (ot_id)a, &active));
        if (plain(name)) {
            char want[600];
            snprintf(want, sizeof want, "%s\\n%s%s", name, ot_layer_name(m, layer), active ? "" : "\\n(left)");
            ck_assert_str_eq(agget(n, "label"), want);
        }
        ck_assert_str_eq(attr(n, "color"), active ? "" : GREY); /* who left is grey */
    }
    for (size_t t = 0; t < nties; t++) {
        ot_id a, b;
        int cls, active;
        ck_ok(ot_tie_ends(m, (ot_id)t, &a, &b));
        ck_ok(ot_tie_class(m, (ot_id)t, &cls));
        ck_ok(ot_tie_active(m, (ot_id)t, &active));
        Agnode_t *label = node_of(g, "t%u", (unsigned)t);
        ck_assert_msg(aghtmlstr(agget(label, "label")), "tie %zu: its label is not an HTML-like label", t);
        ck_assert_str_eq(agget(label, "shape"), "plaintext");
        /* on the gap just above its lower end, or below the top layer */
        unsigned la, lb;
        ck_ok(ot_actor_layer(m, a, &la));
        ck_ok(ot_actor_layer(m, b, &lb));
        unsigned lo = la < lb ? la : lb, gap = lo + 1 < L ? lo + 1 : lo;
        ck_assert_msg(agsubnode(rank_of(g, node_of(g, "gap%u", gap)), label, 0) != NULL, "tie %zu: not on gap %u", t,
                      gap);
        ot_id end[2] = {a, b};
        for (int k = 0; k < 2; k++) {
            Agnode_t *n = node_of(g, "a%u", end[k]);
            Agedge_t *e = agedge(g, n, label, NULL, 0);
            if (!e)
                e = agedge(g, label, n, NULL, 0);
            ck_assert_msg(e != NULL, "tie %zu: a%u is not joined to its label", t, (unsigned)end[k]);
            int dashed = strcmp(attr(e, "style"), "dashed") == 0;
            ck_assert_msg(dashed == (cls == OT_CLASS_DIAGONAL && active), "tie %zu: dashed %d, class %d, active %d", t,
                          dashed, cls, active);
            if (!active)
                ck_assert_str_eq(attr(e, "color"), GREY); /* an ended tie is grey */
            else
                ck_assert_str_ne(attr(e, "color"), GREY);
        }
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
    /* layers as ranks, the administrative layer on top, a gap below each */
    HAS(d, "layer2 -> gap2 [style=invis];");
    HAS(d, "gap2 -> layer1 [style=invis];");
    HAS(d, "gap1 -> layer0 [style=invis];");
    HAS(d, "{ rank=same; layer0; a1; a2; }");
    HAS(d, "{ rank=same; layer2; a0; }");
    /* both ties' labels just above their lower end, Roy, on layer 0 */
    HAS(d, "{ rank=same; gap1; t0; t1; }");
    HAS(d, "{ rank=same; gap0; }");
    /* Roy -> Fatima 0.9, Fatima -> Roy after a task disruption of severity
     * 0.5 (separated: loss exponent 2 * 0.5 * (1 - 0.8) = 0.2):
     * 0.5 * 0.75^0.2 = 0.4715; the lower one colours the tie: hue 0.4715 / 3
     * = 0.157 on the red (0) to green (1/3) scale; bold for the open
     * disruption. Both ends are below the label: the halves come out of it. */
    HAS(d, "t0 -> a1 [tailport=s, color=\"0.157 0.85 0.80\", penwidth=4];");
    HAS(d, "t0 -> a2 [tailport=s, color=\"0.157 0.85 0.80\", penwidth=4];");
    /* each number by direction, by name; then the disruption, d0, opened on
     * day 1 and not due before day 1 + 5 (the operational timebox): to be
     * settled where it is, by Fatima (the observer) and Roy */
    HAS(d, "<TR><TD ALIGN=\"LEFT\">Roy -&gt; Fatima 0.90</TD></TR>"
           "<TR><TD ALIGN=\"LEFT\">Fatima -&gt; Roy 0.47</TD></TR>"
           "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"#c00000\">d0 open since day 1: a task disruption seen by "
           "Fatima</FONT></TD></TR>"
           "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"#1f5fbf\">advice: settle it where it is, Fatima and Roy "
           "(operational)</FONT></TD></TR></TABLE>>];");
    LACKS(d, "#1f5fbf\", penwidth=2"); /* no arrow: nothing to refer */
    /* the diagonal tie: dashed, a hazard; 0.5 (Marco) colours it: 0.167;
     * Marco is above the label, Roy below */
    HAS(d, "a3 -> t1 [headport=n, color=\"0.167 0.85 0.80\", style=dashed];");
    HAS(d, "t1 -> a1 [tailport=s, color=\"0.167 0.85 0.80\", style=dashed];");
    HAS(d, "<TR><TD ALIGN=\"LEFT\">Roy -&gt; Marco 0.90</TD></TR><TR><TD ALIGN=\"LEFT\">Marco -&gt; Roy "
           "0.50</TD></TR><TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"#a04000\">diagonal: an escalation "
           "hazard</FONT></TD></TR></TABLE>>];");
    /* the title: the model's time, day 1 */
    HAS(d, "<FONT POINT-SIZE=\"20\">Trust between the organisations, day 1</FONT>");
    ot_free(d);
    ot_model_free(m);
}
END_TEST

/* Fatima's disruption with Roy goes overdue and is to be referred to their
 * superiors Marco and Henk, whose tie is drawn; Esther's tie with Fatima
 * has ended and Sanne has left: both grey. The title gives the day, the
 * legend every mark, the labels every number by direction. */
START_TEST(title_legend_grey_and_advice)
{
    ot_model *m;
    ot_id g, w, weth, henk, roy, esther, sanne, dijk, marco, fatima, rf, hm, ef, wd, d;
    ck_ok(ot_model_new(NULL, &m));
    ck_ok(ot_org_add(m, "Gemeente", OT_NONE, &g));
    ck_ok(ot_org_add(m, "Waterschap", OT_NONE, &w));
    ck_ok(ot_actor_add(m, g, 2, OT_NONE, "Wethouder", &weth));
    ck_ok(ot_actor_add(m, g, 1, weth, "Henk (projectleider)", &henk));
    ck_ok(ot_actor_add(m, g, 0, henk, "Roy", &roy));
    ck_ok(ot_actor_add(m, g, 0, henk, "Esther", &esther));
    ck_ok(ot_actor_add(m, g, 0, henk, "Sanne (beleid)", &sanne));
    ck_ok(ot_actor_add(m, w, 2, OT_NONE, "Dijkgraaf", &dijk));
    ck_ok(ot_actor_add(m, w, 1, dijk, "Marco (afdelingshoofd)", &marco));
    ck_ok(ot_actor_add(m, w, 0, marco, "Fatima", &fatima));
    ck_ok(ot_actor_set_propensity(m, henk, 0.7));
    ck_ok(ot_tie_add(m, roy, fatima, &rf));
    ck_ok(ot_tie_add(m, henk, marco, &hm));
    ck_ok(ot_tie_add(m, esther, fatima, &ef));
    ck_ok(ot_tie_add(m, weth, dijk, &wd));
    ck_ok(ot_disrupt(m, fatima, roy, OT_TASK, 0.5, 1, 1.0, &d));
    ck_ok(ot_tie_end(m, ef, 2.0));
    ck_ok(ot_actor_leave(m, sanne, 3.0));
    /* due on day 1 + 5 (the operational timebox), overdue after it */
    ck_ok(ot_advance(m, 7.0));
    char *s = dot_of(m);
    CHECK_STRUCTURE(m, s);
    /* the title: the model's day */
    HAS(s, "<FONT POINT-SIZE=\"20\">Trust between the organisations, day 7</FONT>");
    /* the legend: the trust scale from red (0) to green (1: hue 1/3), how to
     * read a number, every mark with its sample */
    HAS(s, "<TD WIDTH=\"34\" BGCOLOR=\"0.000 0.85 0.80\"><FONT POINT-SIZE=\"10\">0</FONT></TD>");
    HAS(s, "<TD WIDTH=\"34\" BGCOLOR=\"0.333 0.85 0.80\"><FONT POINT-SIZE=\"10\">1</FONT></TD>");
    HAS(s, "A -&gt; B 0.70: A's trust in B");
    HAS(s, "STYLE=\"dashed\"></TD><TD ROWSPAN=\"2\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\">dashed: a diagonal "
           "tie, an escalation hazard</FONT>");
    HAS(s, "BORDER=\"4\"></TD><TD ROWSPAN=\"2\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\">bold: an open disruption "
           "on the tie</FONT>");
    HAS(s, "COLOR=\"gray65\"></TD><TD ROWSPAN=\"2\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\">grey: an ended tie, "
           "or an actor who left</FONT>");
    HAS(s, "COLOR=\"#1f5fbf\"></TD><TD ROWSPAN=\"2\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\">blue arrows: the "
           "recommended step for an open disruption</FONT>");
    /* each number by direction, names without their bracketed roles (no one
     * else is called Henk or Marco): Henk's propensity 0.7, Marco's 0.5 */
    HAS(s, "<TR><TD ALIGN=\"LEFT\">Henk -&gt; Marco 0.70</TD></TR><TR><TD ALIGN=\"LEFT\">Marco -&gt; Henk "
           "0.50</TD></TR></TABLE>>];");
    /* the ended tie: grey, its numbers still there (0.5 both ways), marked */
    HAS(s, "t2 [shape=plaintext");
    HAS(s, "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"gray55\">Esther -&gt; Fatima 0.50</FONT></TD></TR>"
           "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"gray55\">Fatima -&gt; Esther 0.50</FONT></TD></TR>"
           "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"gray55\">ended</FONT></TD></TR></TABLE>>];");
    HAS(s, "t2 -> a3 [tailport=s, color=gray65, fontcolor=gray55];");
    HAS(s, "t2 -> a7 [tailport=s, color=gray65, fontcolor=gray55];");
    /* Sanne has left: grey, and said */
    HAS(s, "a4 [label=\"Sanne (beleid)\\noperational\\n(left)\", color=gray65, fontcolor=gray55];");
    /* the advice: overdue, so one rung up, to Marco (Fatima's side) and
     * Henk, managerial; an arrow from the disruption's tie to theirs */
    int action;
    ck_ok(ot_disruption_advice(m, d, &action, NULL));
    ck_assert_int_eq(action, OT_ADVICE_REFER);
    HAS(s, "<FONT COLOR=\"#1f5fbf\">advice: refer it to Marco and Henk (managerial)</FONT>");
    char arrow[160];
    snprintf(arrow, sizeof arrow,
             "t%u -> t%u [color=\"#1f5fbf\", penwidth=2, dir=forward, arrowhead=normal, constraint=false];",
             (unsigned)rf, (unsigned)hm);
    HAS(s, arrow);
    (void)wd;
    ot_free(s);
    ot_model_free(m);
}
END_TEST

/* Short names in the labels only when they stay apart: two Jans keep their
 * roles; Kees (inkoop) is Kees. */
START_TEST(short_names_stay_unique)
{
    ot_model *m;
    ot_id a, b;
    ck_ok(ot_model_new(NULL, &m));
    ck_ok(ot_org_add(m, "AutoNoord", OT_NONE, &a));
    ck_ok(ot_org_add(m, "AutoZuid", OT_NONE, &b));
    ot_id jan1, jan2, kees;
    ck_ok(ot_actor_add(m, a, 1, OT_NONE, "Jan (inkoop)", &jan1));
    ck_ok(ot_actor_add(m, a, 0, OT_NONE, "Jan (IT)", &jan2));
    ck_ok(ot_actor_add(m, b, 1, OT_NONE, "Kees (inkoop)", &kees));
    ck_ok(ot_tie_add(m, jan1, kees, NULL));
    ck_ok(ot_tie_add(m, jan2, kees, NULL));
    char *s = dot_of(m);
    CHECK_STRUCTURE(m, s);
    HAS(s, ">Jan (inkoop) -&gt; Kees 0.50<");
    HAS(s, ">Kees -&gt; Jan (IT) 0.50<");
    LACKS(s, ">Jan -&gt;");
    ot_free(s);
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
    for (size_t i = 0; i < SC_NEXAMPLES; i++) {
        ot_model *m = sc_load_example(sc_examples[i]);
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
    tcase_add_test(tc, title_legend_grey_and_advice);
    tcase_add_test(tc, short_names_stay_unique);
    tcase_add_test(tc, names_are_escaped);
    tcase_add_test(tc, empty_model_and_arguments);
    if (jansson)
        tcase_add_test(tc, every_example_draws);
    suite_add_tcase(s, tc);
    return ot_run_suite_skipping(s, left_out(jansson));
}
