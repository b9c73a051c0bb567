/* Graphviz export (docs/picture.md): a title with the model's day and a
 * legend; one cluster per organisation (nested for departments), layers as
 * ranks with the top layer first; ties coloured from red to green by trust,
 * each with a label node that gives both directions by name; diagonal ties
 * dashed, open disruptions bold with their recommended step drawn, ended
 * ties and departed actors grey. Needs no jansson.
 *
 * Why label nodes: a tie is drawn as two edges through a small plain-text
 * node holding its numbers, on a rank of its own between the layers. dot
 * never places two nodes over each other and routes edges around nodes, so
 * no number is hidden by another or crossed by an edge (edge labels and
 * xlabels give no such promise).
 * SPDX-License-Identifier: MIT */
#include "alloc.h"
#include "args.h"
#include "error.h"
#include "lookup.h"
#include "model.h"
#include "names.h"
#include "outbuf.h"
#include "texts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char FN[] = "ot_export_dot";

/* ---- the marks: every kind the picture draws, and the legend from it --- */

enum { MARK_DIAGONAL, MARK_OPEN, MARK_ENDED, MARK_ADVICE, NMARKS };

static const struct mark {
    const char *legend; /* the legend's words */
    const char *attrs;  /* DOT attributes of an edge (or node) so marked */
    const char *sample; /* HTML attributes of the legend's sample: a cell's lower border */
    const char *text;   /* the colour of its lines in a tie's label */
} MARKS[NMARKS] = {
    [MARK_DIAGONAL] = {"dashed: a diagonal tie, an escalation hazard", "style=dashed",
                       "BORDER=\"1\" STYLE=\"dashed\"", "#a04000"},
    [MARK_OPEN] = {"bold: an open disruption on the tie", "penwidth=4", "BORDER=\"4\"", "#c00000"},
    [MARK_ENDED] = {"grey: an ended tie, or an actor who left", "color=gray65, fontcolor=gray55",
                    "BORDER=\"1\" COLOR=\"gray65\"", "gray55"},
    [MARK_ADVICE] = {"blue arrows: the recommended step for an open disruption",
                     "color=\"#1f5fbf\", penwidth=2, dir=forward, arrowhead=normal, constraint=false", "BORDER=\"2\" COLOR=\"#1f5fbf\"",
                     "#1f5fbf"},
};

/* Red (0) through yellow to green (1), as a Graphviz HSV colour. */
static void colour(oti_buf *b, double v)
{
    if (!(v >= 0.0))
        v = 0.0;
    if (v > 1.0)
        v = 1.0;
    oti_buf_printf(b, "\"%.3f 0.85 0.80\"", v / 3.0);
}

/* ---- the title ------------------------------------------------------ */

/* The picture's title as plain text (the caller escapes it). The one place
 * that says what the picture shows and when: a scenario's description and
 * calendar date belong here once the model has them. */
static void title_text(const ot_model *m, oti_buf *b)
{
    /* The description's first sentence (a scenario's description can be a
     * paragraph), at most TITLE_MAX bytes and never cut inside a UTF-8
     * character; without one, what the picture shows. */
    enum { TITLE_MAX = 100 };
    const char *d = ot_model_description(m);
    size_t n = 0;
    if (d) {
        const char *stop = strstr(d, ". ");
        n = stop ? (size_t)(stop - d) : strlen(d);
        if (n > TITLE_MAX) {
            n = TITLE_MAX;
            while (n > 0 && ((unsigned char)d[n] & 0xC0) == 0x80)
                n--;
        }
    }
    if (n)
        oti_buf_printf(b, "%.*s%s, ", (int)n, d, n < strlen(d) && d[n] != '.' ? "..." : "");
    else
        oti_buf_str(b, "Trust between the organisations, ");
    if (isfinite(m->now)) {
        char date[OT_DATE_CAP];
        oti_buf_str(b, "day ");
        oti_buf_num(b, m->now);
        if (ot_model_date(m, m->now, date, sizeof date) == OT_OK)
            oti_buf_printf(b, " (%s)", date);
    } else {
        oti_buf_str(b, "before the first event");
    }
}

/* The graph's label: the title, then the legend (the trust scale, how to
 * read a tie's numbers, then one line per mark). */
static void title_and_legend(const ot_model *m, oti_buf *b)
{
    oti_buf tt = {0};
    title_text(m, &tt);
    oti_buf_str(b, "  label=<<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">\n"
                   "    <TR><TD ALIGN=\"LEFT\" COLSPAN=\"2\"><FONT POINT-SIZE=\"20\">");
    if (tt.failed)
        b->failed = 1;
    else
        oti_buf_html_text(b, tt.s ? tt.s : "", tt.len);
    oti_buf_release(&tt);
    oti_buf_str(b, "</FONT></TD></TR>\n"
                   "    <TR><TD ALIGN=\"LEFT\" VALIGN=\"TOP\"><TABLE BORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"1\">\n"
                   "      <TR><TD ALIGN=\"LEFT\" COLSPAN=\"5\"><FONT POINT-SIZE=\"10\">colour: trust, the lower "
                   "direction of the tie</FONT></TD></TR>\n      <TR>");
    for (int k = 0; k <= 4; k++) {
        oti_buf_str(b, "<TD WIDTH=\"34\" BGCOLOR=");
        colour(b, k / 4.0);
        oti_buf_printf(b, "><FONT POINT-SIZE=\"10\">%s</FONT></TD>", (const char *[]){"0", "0.25", "0.5", "0.75", "1"}[k]);
    }
    oti_buf_str(b, "</TR>\n      <TR><TD ALIGN=\"LEFT\" COLSPAN=\"5\"><FONT POINT-SIZE=\"10\">A -&gt; B 0.70: "
                   "A's trust in B</FONT></TD></TR>\n"
                   "    </TABLE></TD>\n    <TD ALIGN=\"LEFT\" VALIGN=\"TOP\"><TABLE BORDER=\"0\" CELLSPACING=\"2\" "
                   "CELLPADDING=\"1\">\n");
    for (int k = 0; k < NMARKS; k++)
        /* the sample: the lower border of the upper of two half-height cells */
        oti_buf_printf(b,
                       "      <TR><TD WIDTH=\"40\" HEIGHT=\"7\" SIDES=\"B\" %s></TD><TD "
                       "ROWSPAN=\"2\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\">%s</FONT></TD></TR>\n"
                       "      <TR><TD WIDTH=\"40\" HEIGHT=\"7\"></TD></TR>\n",
                       MARKS[k].sample, MARKS[k].legend);
    oti_buf_str(b, "    </TABLE></TD></TR>\n  </TABLE>>;\n");
}

/* ---- where things go -------------------------------------------------- */

/* Items grouped by a key in 0 .. nkeys (nkeys: in no group): the items of
 * key k are order[start[k] .. start[k + 1]), in increasing order. */
typedef struct group {
    uint32_t *start, *order;
} group;

static void group_by(group *g, const uint32_t *key, size_t n, size_t nkeys)
{
    memset(g->start, 0, (nkeys + 2) * sizeof *g->start);
    for (size_t i = 0; i < n; i++)
        g->start[key[i] + 1]++;
    for (size_t k = 0; k <= nkeys; k++)
        g->start[k + 1] += g->start[k];
    uint32_t *fill = g->start; /* counts up to the next group's start... */
    for (size_t i = 0; i < n; i++)
        g->order[fill[key[i]]++] = (uint32_t)i;
    for (size_t k = nkeys + 1; k > 0; k--) /* ...so shift it back */
        g->start[k] = g->start[k - 1];
    g->start[0] = 0;
}

/* The organisation whose cluster holds a tie's label node: the lowest one
 * that contains both ends' organisations; m->norgs (the root) if none. */
static uint32_t home_of(const ot_model *m, const oti_tie *e)
{
    ot_id x = m->actors[e->a].org, y = m->actors[e->b].org;
    while (x != y) {
        if (m->orgs[x].depth < m->orgs[y].depth) {
            ot_id s = x;
            x = y;
            y = s;
        }
        x = m->orgs[x].parent; /* the deeper one climbs */
        if (x == OT_NONE)
            return (uint32_t)m->norgs;
    }
    return x;
}

/* The picture's ranks, top to bottom: layer L-1, gap L-1, layer L-2, ...,
 * layer 0, gap 0; gap l holds label nodes just below layer l. A tie's
 * label sits just above its lower end (gap lo + 1), or below the top layer
 * for a tie within it (and gap 0 is used only when there is one layer). */
static unsigned gap_of(const ot_model *m, const oti_tie *e)
{
    unsigned la = m->actors[e->a].layer, lb = m->actors[e->b].layer;
    unsigned lo = la < lb ? la : lb;
    return lo + 1 < m->cfg.nlayers ? lo + 1 : lo;
}

/* An actor's name without a role in brackets at its end ("Henk
 * (projectleider)": "Henk"), when no other actor goes by the same short
 * name (nor by it in full); else the whole name. Tie labels use it. */
typedef struct shortname {
    const char *s;
    uint32_t n, actor;
} shortname;

static int by_short_name(const void *x, const void *y)
{
    const shortname *a = x, *b = y;
    int c = memcmp(a->s, b->s, a->n < b->n ? a->n : b->n);
    return c ? c : a->n != b->n ? (a->n < b->n ? -1 : 1) : (a->actor > b->actor) - (a->actor < b->actor);
}

/* len[a]: the bytes of actor a's name its short name has. */
static int short_names(const ot_model *m, uint32_t *len)
{
    size_t na = m->nactors;
    if (na == 0)
        return 0;
    shortname *v = oti_malloc(na * sizeof *v);
    if (!v)
        return -1;
    for (size_t a = 0; a < na; a++) {
        const char *name = m->actors[a].name, *open = strstr(name, " (");
        size_t full = strlen(name);
        len[a] = (uint32_t)full;
        while (open && strstr(open + 2, " ("))
            open = strstr(open + 2, " (");
        if (open && open > name && full > 0 && name[full - 1] == ')')
            len[a] = (uint32_t)(open - name);
        v[a] = (shortname){name, len[a], (uint32_t)a};
    }
    qsort(v, na, sizeof *v, by_short_name);
    for (size_t i = 0; i + 1 < na; i++)
        if (v[i].n == v[i + 1].n && memcmp(v[i].s, v[i + 1].s, v[i].n) == 0) {
            len[v[i].actor] = (uint32_t)strlen(v[i].s);
            len[v[i + 1].actor] = (uint32_t)strlen(v[i + 1].s);
        }
    oti_free(v);
    return 0;
}

typedef struct work {
    uint32_t *mem;
    uint32_t *shortlen; /* per actor: the bytes of its name a tie's label shows */
    group actors;  /* by organisation */
    group ties;    /* by the organisation their label lives in (m->norgs: the root) */
    group opened;  /* the open disruptions by tie */
} work;

static int work_new(const ot_model *m, work *w)
{
    size_t na = m->nactors, no = m->norgs, nt = m->nties, nd = m->ndisr;
    /* short names: na; keys and orders: na + na, nt + nt, nd + nd; starts:
     * no + 2, no + 3, nt + 2 (ids stay below 2^31: no overflow) */
    size_t n = 3 * na + 2 * (nt + nd) + 2 * no + nt + 7;
    w->mem = oti_malloc(n * sizeof *w->mem);
    if (!w->mem || short_names(m, w->mem)) {
        oti_free(w->mem);
        return -1;
    }
    w->shortlen = w->mem;
    uint32_t *p = w->mem + na, *key = p;
    for (size_t a = 0; a < na; a++)
        key[a] = m->actors[a].org;
    p += na;
    w->actors = (group){.start = p, .order = p + no + 2};
    group_by(&w->actors, key, na, no);
    p += no + 2 + na;
    key = p;
    for (size_t t = 0; t < nt; t++)
        key[t] = home_of(m, &m->ties[t]);
    p += nt;
    w->ties = (group){.start = p, .order = p + no + 3};
    group_by(&w->ties, key, nt, no + 1);
    p += no + 3 + nt;
    key = p;
    for (size_t d = 0; d < nd; d++)
        key[d] = m->disr[d].status == OT_OPEN ? m->disr[d].tie : (uint32_t)nt;
    p += nd;
    w->opened = (group){.start = p, .order = p + nt + 2};
    group_by(&w->opened, key, nd, nt);
    return 0;
}

/* ---- nodes ------------------------------------------------------------ */

/* One line of a tie's label, in the colour of mark k (-1: black). */
static void line_open(oti_buf *b, int k)
{
    oti_buf_str(b, "<TR><TD ALIGN=\"LEFT\">");
    if (k >= 0)
        oti_buf_printf(b, "<FONT COLOR=\"%s\">", MARKS[k].text);
}

static void line_close(oti_buf *b, int k) { oti_buf_str(b, k >= 0 ? "</FONT></TD></TR>" : "</TD></TR>"); }

/* An actor in a tie's label: its short name. */
static void html_name(const ot_model *m, oti_buf *b, const work *w, ot_id a)
{
    oti_buf_html_text(b, m->actors[a].name, w->shortlen[a]);
}

/* What to do with open disruption d: a line of its tie's label. */
static void advice_line(const ot_model *m, oti_buf *b, const work *w, ot_id d)
{
    int action = OT_ADVICE_NONE;
    ot_escalation_step step;
    unsigned layer = 0;
    ot_id x = OT_NONE, y = OT_NONE;
    if (ot_disruption_advice(m, d, &action, &step) != OT_OK || action == OT_ADVICE_NONE)
        return;
    if (action == OT_ADVICE_REFER) {
        layer = step.layer;
        x = step.x;
        y = step.y;
    } else if (ot_disruption_level(m, d, &layer, &x, &y, NULL) != OT_OK) {
        return;
    }
    line_open(b, MARK_ADVICE);
    oti_buf_str(b, action == OT_ADVICE_REFER ? "advice: refer it to " : "advice: settle it where it is, ");
    if (x != OT_NONE)
        html_name(m, b, w, x);
    if (x != OT_NONE && y != OT_NONE)
        oti_buf_str(b, " and ");
    if (y != OT_NONE)
        html_name(m, b, w, y);
    oti_buf_str(b, " (");
    oti_buf_html_text(b, m->cfg.layer[layer], strlen(m->cfg.layer[layer]));
    oti_buf_str(b, ")");
    line_close(b, MARK_ADVICE);
}

/* A tie's label node t<id>: both directions by name, then its marks. */
static void tie_label(const ot_model *m, oti_buf *b, const work *w, uint32_t t, const char *ind)
{
    const oti_tie *e = &m->ties[t];
    oti_buf_printf(b,
                   "%st%u [shape=plaintext, style=\"\", fontsize=10, width=0, height=0, margin=0.03, label=<<TABLE BORDER=\"0\" "
                   "CELLSPACING=\"0\" CELLPADDING=\"0\">",
                   ind, (unsigned)t);
    int ended = oti_tie_ended(e), plain = ended ? MARK_ENDED : -1;
    for (int d = 0; d < 2; d++) {
        line_open(b, plain);
        html_name(m, b, w, d ? e->b : e->a);
        oti_buf_str(b, " -&gt; ");
        html_name(m, b, w, d ? e->a : e->b);
        oti_buf_printf(b, " %.2f", e->d[d].T);
        line_close(b, plain);
    }
    if (ended) {
        line_open(b, MARK_ENDED);
        oti_buf_str(b, "ended");
        line_close(b, MARK_ENDED);
    } else if (oti_tie_cls(m, e) == OT_DIAGONAL) {
        line_open(b, MARK_DIAGONAL);
        oti_buf_str(b, "diagonal: an escalation hazard");
        line_close(b, MARK_DIAGONAL);
    }
    for (uint32_t i = w->opened.start[t]; i < w->opened.start[t + 1]; i++) {
        ot_id d = w->opened.order[i];
        const oti_disruption *D = &m->disr[d];
        line_open(b, MARK_OPEN);
        char id[48], date[OT_DATE_CAP];
        const char *name = oti_disruption_id(m, d, id); /* the file's id when it has one */
        oti_buf_html_text(b, name, strlen(name));
        oti_buf_str(b, " open since day ");
        oti_buf_num(b, D->t_open);
        if (ot_model_date(m, D->t_open, date, sizeof date) == OT_OK)
            oti_buf_printf(b, " (%s)", date);
        oti_buf_printf(b, ": a %s disruption seen by ", oti_name_of(&oti_disruption_names, D->kind));
        html_name(m, b, w, D->observer);
        line_close(b, MARK_OPEN);
        advice_line(m, b, w, d);
    }
    oti_buf_str(b, "</TABLE>>];\n");
}

/* Organisation o's actors, the labels of the ties that live in it and its
 * sub-organisations, as nested clusters. */
static void cluster(const ot_model *m, oti_buf *b, const work *w, ot_id o, int depth)
{
    char ind[40];
    int n = depth * 2 + 2 < (int)sizeof ind - 1 ? depth * 2 + 2 : (int)sizeof ind - 1;
    memset(ind, ' ', (size_t)n);
    ind[n] = '\0';
    oti_buf_printf(b, "%ssubgraph cluster_o%u {\n%s  label=", ind, (unsigned)o, ind);
    oti_buf_dot_str(b, m->orgs[o].name);
    oti_buf_printf(b, ";\n%s  style=\"rounded\"; color=\"%s\";\n", ind, depth ? "gray60" : "gray30");
    for (uint32_t i = w->actors.start[o]; i < w->actors.start[o + 1]; i++) {
        uint32_t a = w->actors.order[i];
        const oti_actor *A = &m->actors[a];
        /* the name, and the layer in small print below it */
        oti_buf_printf(b, "%s  a%u [label=\"", ind, (unsigned)a);
        oti_buf_dot_text(b, A->name);
        oti_buf_str(b, "\\n");
        oti_buf_dot_text(b, m->cfg.layer[A->layer]);
        if (oti_actor_left(m, a))
            oti_buf_printf(b, "\\n(left)\", %s];\n", MARKS[MARK_ENDED].attrs);
        else
            oti_buf_str(b, "\"];\n");
    }
    char inner[44];
    snprintf(inner, sizeof inner, "%s  ", ind);
    for (uint32_t i = w->ties.start[o]; i < w->ties.start[o + 1]; i++)
        tie_label(m, b, w, w->ties.order[i], inner);
    for (size_t c = 0; c < m->norgs; c++)
        if (m->orgs[c].parent == o)
            cluster(m, b, w, (ot_id)c, depth + 1);
    oti_buf_printf(b, "%s}\n", ind);
}

/* ---- edges ------------------------------------------------------------ */

/* The attributes of a half of tie e; `port` the label's side ("headport=n"
 * when the half comes down into it, "tailport=s" when it leaves it
 * downwards: so no half leaves a label sideways, past a neighbour). */
static void tie_attrs(const ot_model *m, oti_buf *b, const oti_tie *e, const char *port)
{
    oti_buf_printf(b, " [%s, ", port);
    if (oti_tie_ended(e)) {
        oti_buf_str(b, MARKS[MARK_ENDED].attrs);
    } else {
        oti_buf_str(b, "color=");
        colour(b, e->d[0].T < e->d[1].T ? e->d[0].T : e->d[1].T);
        if (oti_tie_cls(m, e) == OT_DIAGONAL)
            oti_buf_printf(b, ", %s", MARKS[MARK_DIAGONAL].attrs);
        if (e->open)
            oti_buf_printf(b, ", %s", MARKS[MARK_OPEN].attrs);
    }
    oti_buf_str(b, "];\n");
}

/* The recommended step of each open disruption referred up: an arrow from
 * its tie's label to the label of the step's tie (the handlers' own), or to
 * each handler when they have no tie. */
static void advice_arrows(const ot_model *m, oti_buf *b, const work *w)
{
    for (uint32_t i = w->opened.start[0]; i < w->opened.start[m->nties]; i++) {
        ot_id d = w->opened.order[i];
        int action;
        ot_escalation_step s;
        if (ot_disruption_advice(m, d, &action, &s) != OT_OK || action != OT_ADVICE_REFER)
            continue;
        unsigned from = (unsigned)m->disr[d].tie;
        uint32_t step = s.x != OT_NONE && s.y != OT_NONE ? oti_tie_lookup(m, s.x, s.y) : UINT32_MAX;
        if (step != UINT32_MAX) {
            oti_buf_printf(b, "  t%u -> t%u [%s];\n", from, (unsigned)step, MARKS[MARK_ADVICE].attrs);
            continue;
        }
        ot_id to[2] = {s.x, s.y};
        for (int k = 0; k < 2; k++)
            if (to[k] != OT_NONE)
                oti_buf_printf(b, "  t%u -> a%u [%s];\n", from, (unsigned)to[k], MARKS[MARK_ADVICE].attrs);
    }
}

OT_API int ot_export_dot(const ot_model *m, char **dot, size_t *len)
{
    int rc;
    if ((rc = oti_check_model(m, FN)) || (rc = oti_check_out(dot, FN, "dot")))
        return rc;
    work w;
    if (work_new(m, &w))
        return oti_nomem(FN);
    oti_buf b = {0};
    unsigned L = m->cfg.nlayers;
    oti_buf_str(&b, "digraph orgtrust {\n"
                    "  graph [newrank=true, rankdir=TB, nodesep=0.3, ranksep=0.3, fontname=\"Helvetica\", "
                    "labelloc=t, labeljust=l];\n"
                    "  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\"];\n"
                    "  edge [dir=none, penwidth=1.5];\n");
    /* The layers: a column of labels, the top layer first, and below each
     * an empty node that holds the rank of its gap. */
    oti_buf_str(&b, "  subgraph layers {\n    node [shape=plaintext, style=\"\", fontcolor=gray40];\n");
    for (unsigned l = L; l-- > 0;) {
        oti_buf_printf(&b, "    layer%u [label=", l);
        oti_buf_dot_str(&b, m->cfg.layer[l]);
        oti_buf_printf(&b, "];\n    gap%u [label=\"\", width=0, height=0];\n", l);
    }
    for (unsigned l = L; l-- > 0;) {
        oti_buf_printf(&b, "    layer%u -> gap%u [style=invis];\n", l, l);
        if (l > 0)
            oti_buf_printf(&b, "    gap%u -> layer%u [style=invis];\n", l, l - 1);
    }
    oti_buf_str(&b, "  }\n");
    for (size_t o = 0; o < m->norgs; o++)
        if (m->orgs[o].parent == OT_NONE)
            cluster(m, &b, &w, (ot_id)o, 0);
    for (uint32_t i = w.ties.start[m->norgs]; i < w.ties.start[m->norgs + 1]; i++)
        tie_label(m, &b, &w, w.ties.order[i], "  ");
    /* Everyone on a layer shares its rank; each label its gap's. */
    for (unsigned l = 0; l < L; l++) {
        oti_buf_printf(&b, "  { rank=same; layer%u;", l);
        for (size_t a = 0; a < m->nactors; a++)
            if (m->actors[a].layer == l)
                oti_buf_printf(&b, " a%zu;", a);
        oti_buf_printf(&b, " }\n  { rank=same; gap%u;", l);
        for (size_t t = 0; t < m->nties; t++)
            if (gap_of(m, &m->ties[t]) == l)
                oti_buf_printf(&b, " t%zu;", t);
        oti_buf_str(&b, " }\n");
    }
    /* Each tie: its two ends joined to its label, both halves alike, each
     * written downwards (as dot ranks them: the label between the ends'
     * layers, or above both ends when they share a layer). */
    for (size_t t = 0; t < m->nties; t++) {
        const oti_tie *e = &m->ties[t];
        unsigned g = gap_of(m, e);
        ot_id end[2] = {e->a, e->b};
        for (int k = 0; k < 2; k++) {
            int above = m->actors[end[k]].layer >= g; /* layer g is just above gap g */
            if (above)
                oti_buf_printf(&b, "  a%u -> t%zu", (unsigned)end[k], t);
            else
                oti_buf_printf(&b, "  t%zu -> a%u", t, (unsigned)end[k]);
            tie_attrs(m, &b, e, above ? "headport=n" : "tailport=s");
        }
    }
    advice_arrows(m, &b, &w);
    title_and_legend(m, &b);
    oti_buf_str(&b, "}\n");
    oti_free(w.mem);
    return oti_buf_finish(&b, dot, len, FN);
}
