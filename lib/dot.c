/* Graphviz export: one cluster per organisation (nested for departments),
 * layers as ranks with the top layer first, ties coloured from red to
 * green by trust, diagonal ties dashed and marked as hazards, open
 * disruptions marked. Needs no jansson.
 * SPDX-License-Identifier: MIT */
#include "args.h"
#include "error.h"
#include "lookup.h"
#include "model.h"
#include "names.h"
#include "outbuf.h"

#include <string.h>

static const char FN[] = "ot_export_dot";

/* Red (0) through yellow to green (1), as a Graphviz HSV colour. */
static void colour(oti_buf *b, double v)
{
    if (!(v >= 0.0))
        v = 0.0;
    if (v > 1.0)
        v = 1.0;
    oti_buf_printf(b, "\"%.3f 0.85 0.80\"", v / 3.0);
}

/* The actors of organisation o and its sub-organisations as nested clusters. */
static void cluster(const ot_model *m, oti_buf *b, ot_id o, int depth)
{
    char ind[40];
    int n = depth * 2 + 2 < (int)sizeof ind - 1 ? depth * 2 + 2 : (int)sizeof ind - 1;
    memset(ind, ' ', (size_t)n);
    ind[n] = '\0';
    oti_buf_printf(b, "%ssubgraph cluster_o%u {\n%s  label=", ind, (unsigned)o, ind);
    oti_buf_dot_str(b, m->orgs[o].name);
    oti_buf_printf(b, ";\n%s  style=\"rounded\"; color=\"%s\";\n", ind, depth ? "gray60" : "gray30");
    for (size_t a = 0; a < m->nactors; a++) {
        const oti_actor *A = &m->actors[a];
        if (A->org != o)
            continue;
        /* the name, and the layer in small print below it */
        oti_buf_printf(b, "%s  a%zu [label=\"", ind, a);
        oti_buf_dot_text(b, A->name);
        oti_buf_str(b, "\\n");
        oti_buf_dot_text(b, m->cfg.layer[A->layer]);
        oti_buf_str(b, "\"];\n");
    }
    for (size_t c = 0; c < m->norgs; c++)
        if (m->orgs[c].parent == o)
            cluster(m, b, (ot_id)c, depth + 1);
    oti_buf_printf(b, "%s}\n", ind);
}

OT_API int ot_export_dot(const ot_model *m, char **dot, size_t *len)
{
    int rc;
    if ((rc = oti_check_model(m, FN)) || (rc = oti_check_out(dot, FN, "dot")))
        return rc;
    oti_buf b = {0};
    unsigned L = m->cfg.nlayers;
    oti_buf_str(&b, "digraph orgtrust {\n"
                    "  graph [newrank=true, rankdir=TB, nodesep=0.4, ranksep=0.8, fontname=\"Helvetica\", "
                    "labelloc=t];\n"
                    "  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\"];\n"
                    "  edge [dir=none, fontname=\"Helvetica\", fontsize=10];\n");
    /* The layers: a column of labels, the top layer first. */
    oti_buf_str(&b, "  subgraph layers {\n    node [shape=plaintext, style=\"\", fontcolor=gray40];\n");
    for (unsigned l = L; l-- > 0;) {
        oti_buf_printf(&b, "    layer%u [label=", l);
        oti_buf_dot_str(&b, m->cfg.layer[l]);
        oti_buf_str(&b, "];\n");
    }
    for (unsigned l = L; l-- > 1;)
        oti_buf_printf(&b, "    layer%u -> layer%u [style=invis];\n", l, l - 1);
    oti_buf_str(&b, "  }\n");
    for (size_t o = 0; o < m->norgs; o++)
        if (m->orgs[o].parent == OT_NONE)
            cluster(m, &b, (ot_id)o, 0);
    /* Everyone on a layer shares its rank. */
    for (unsigned l = 0; l < L; l++) {
        oti_buf_printf(&b, "  { rank=same; layer%u;", l);
        for (size_t a = 0; a < m->nactors; a++)
            if (m->actors[a].layer == l)
                oti_buf_printf(&b, " a%zu;", a);
        oti_buf_str(&b, " }\n");
    }
    for (size_t t = 0; t < m->nties; t++) {
        const oti_tie *e = &m->ties[t];
        double lo = e->d[0].T < e->d[1].T ? e->d[0].T : e->d[1].T;
        oti_buf_printf(&b, "  a%u -> a%u [constraint=false, color=", (unsigned)e->a, (unsigned)e->b);
        colour(&b, lo);
        oti_buf_printf(&b, ", penwidth=%.1f, label=\"", e->open ? 3.5 : 1.5);
        int cls = oti_tie_cls(m, e);
        if (cls == OT_DIAGONAL)
            oti_buf_str(&b, "hazard\\n");
        if (e->open)
            oti_buf_printf(&b, "OPEN DISRUPTION%s\\n", e->open > 1 ? "S" : "");
        oti_buf_printf(&b, "%.2f / %.2f\"", e->d[0].T, e->d[1].T);
        if (cls == OT_DIAGONAL)
            oti_buf_str(&b, ", style=dashed");
        else if (cls == OT_VERTICAL || cls == OT_INTERNAL)
            oti_buf_str(&b, ", style=solid, arrowhead=none");
        if (e->open)
            oti_buf_str(&b, ", fontcolor=red");
        oti_buf_str(&b, "];\n");
    }
    oti_buf_str(&b, "}\n");
    return oti_buf_finish(&b, dot, len, FN);
}
