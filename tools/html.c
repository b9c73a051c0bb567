/* orgtrust report --html: one self-contained page for the people who read
 * the results and do not program (docs/report.md, "The HTML page"). In
 * the order a director reads it: a summary, the network picture, the
 * charts over time, the history in words, and a glossary of every term the
 * page uses, linked from where it appears. No script, no style sheet, font
 * or image from elsewhere: the page carries a Content-Security-Policy that
 * forbids them, so a browser would say so if one slipped in.
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include "chart.h"
#include "cli.h"
#include "html.h"
#include "story.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- writing -------------------------------------------------------------- */

typedef struct page {
    FILE *f;
    const ot_model *m;
    const json_t *r; /* the report */
    unsigned char used[256]; /* the glossary terms the page has linked to, by ot_term_info() index */
} page;

static void text(page *p, const char *s) { markup_text(p->f, s); }

static void out(page *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void out(page *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(p->f, fmt, ap);
    va_end(ap);
}

/* A name from the report's lists by its report id, escaped. */
static void org(page *p, const char *id) { text(p, name_of(json_object_get(p->r, "organisations"), id)); }
static void actor(page *p, const char *id) { text(p, name_of(json_object_get(p->r, "actors"), id)); }

/* A term of the glossary, linked to its entry (shown as `shown`). */
static void term(page *p, const char *key, const char *shown)
{
    unsigned i;
    if (ot_term_find(key, &i) != OT_OK || i >= sizeof p->used) {
        text(p, shown);
        return;
    }
    p->used[i] = 1;
    out(p, "<a class=\"term\" href=\"#g-%s\">", key);
    text(p, shown);
    out(p, "</a>");
}

/* A day as the page shows it: the date when the model has a calendar. */
static void day(page *p, double t)
{
    char buf[64];
    day_text(p->m, t, buf, sizeof buf);
    text(p, buf);
}

static void value(page *p, double v)
{
    if (isnan(v))
        out(p, "&ndash;");
    else
        out(p, "%.2f", v);
}

/* ---- the summary ---------------------------------------------------------- */

/* One line in plain words on how a pair stands, by the model's own
 * yardstick: a layer whose trust reaches the escalation threshold can take
 * an escalation (docs/model.md, section 6). */
static void reading(page *p, const json_t *pair, double threshold)
{
    const json_t *rep = json_object_get(pair, "reputation");
    out(p, "<p class=\"reading\">");
    org(p, s_(pair, "a"));
    out(p, " sees ");
    org(p, s_(pair, "b"));
    out(p, " at %.2f, and ", n_(rep, "a_to_b"));
    org(p, s_(pair, "b"));
    out(p, " sees ");
    org(p, s_(pair, "a"));
    out(p, " at %.2f. ", n_(rep, "b_to_a"));
    size_t k, weak = 0, n = json_array_size(json_object_get(pair, "layer_trust"));
    const json_t *lt;
    json_array_foreach(json_object_get(pair, "layer_trust"), k, lt) weak += n_(lt, "trust") < threshold;
    if (n == 0)
        out(p, "No layer has ties between them yet.");
    else if (weak == 0)
        out(p, "Every layer with ties trusts enough to take an escalation (%.2f is needed).", threshold);
    else {
        out(p, "Not trusting each other enough to take an escalation (%.2f is needed): ", threshold);
        size_t said = 0;
        json_array_foreach(json_object_get(pair, "layer_trust"), k, lt) if (n_(lt, "trust") < threshold)
        {
            out(p, "%sthe ", said++ ? ", " : "");
            text(p, s_(lt, "layer"));
            out(p, " layer (%.2f)", n_(lt, "trust"));
        }
        out(p, ".");
    }
    const json_t *hz = json_object_get(pair, "hazards");
    size_t nh = json_array_size(hz);
    if (nh) {
        out(p, " %zu ", nh);
        term(p, "ties.diagonal", nh == 1 ? "diagonal tie" : "diagonal ties");
        out(p, " between them %s block an escalation.", nh == 1 ? "can" : "can each");
    }
    out(p, "</p>\n");
}

/* A row of a value both ways ({a_to_b, b_to_a} of the report), named by
 * its term. */
static void both_ways(page *p, const char *key, const json_t *v)
{
    out(p, "<tr><th scope=\"row\">");
    term(p, key, key);
    out(p, "</th><td>");
    value(p, n_(v, "a_to_b"));
    out(p, "</td><td>");
    value(p, n_(v, "b_to_a"));
    out(p, "</td></tr>\n");
}

static void pair_table(page *p, const json_t *pair)
{
    const char *a = s_(pair, "a"), *b = s_(pair, "b");
    const json_t *rep = json_object_get(pair, "reputation"), *back = json_object_get(pair, "backing");
    out(p, "<table class=\"pair\"><thead><tr><th></th><th>");
    org(p, a);
    out(p, " &rarr; ");
    org(p, b);
    out(p, "</th><th>");
    org(p, b);
    out(p, " &rarr; ");
    org(p, a);
    out(p, "</th></tr></thead><tbody>\n");
    both_ways(p, "reputation", rep);
    both_ways(p, "backing", back);
    size_t k;
    const json_t *lt;
    json_array_foreach(json_object_get(pair, "layer_trust"), k, lt)
    {
        out(p, "<tr><th scope=\"row\">");
        term(p, "layer_trust", "trust");
        out(p, " at the ");
        text(p, s_(lt, "layer"));
        out(p, " layer</th><td colspan=\"2\">");
        value(p, n_(lt, "trust"));
        out(p, " (both ways)</td></tr>\n");
    }
    out(p, "</tbody></table>\n");
}

static void disruption_item(page *p, const json_t *d)
{
    char name[128];
    story_disruption_name(d, name, sizeof name);
    const int overdue = json_is_true(json_object_get(d, "overdue"));
    out(p, "<li class=\"disruption%s\"><strong>", overdue ? " overdue" : "");
    text(p, name);
    out(p, "</strong>: ");
    actor(p, s_(d, "observer"));
    out(p, " and ");
    actor(p, s_(d, "other"));
    out(p, ", a ");
    text(p, s_(d, "kind"));
    out(p, " ");
    term(p, "open_disruptions", "disruption");
    out(p, " since ");
    day(p, n_(d, "opened"));
    out(p, ". It is handled at the ");
    text(p, s_(d, "level"));
    out(p, " layer by ");
    const json_t *h = json_object_get(d, "handlers");
    actor(p, json_string_value(json_array_get(h, 0)));
    out(p, " and ");
    actor(p, json_string_value(json_array_get(h, 1)));
    out(p, "; ");
    term(p, "due", "due");
    out(p, " ");
    day(p, n_(d, "due"));
    if (overdue) {
        out(p, " <span class=\"flag\">");
        term(p, "overdue", "overdue");
        out(p, "</span>");
    }
    out(p, ".<br><span class=\"advice\">");
    term(p, "next_action", "Advice");
    out(p, ": ");
    text(p, s_(d, "advice"));
    const json_t *to = json_object_get(d, "refer_to");
    if (json_is_object(to)) {
        out(p, ". The next rung of the ladder is the ");
        text(p, s_(to, "layer"));
        out(p, " layer (");
        actor(p, s_(to, "x"));
        out(p, " and ");
        actor(p, s_(to, "y"));
        out(p, ")");
    }
    out(p, ".</span></li>\n");
}

static void summary(page *p)
{
    double threshold = 0.6;
    ot_model_param(p->m, OT_PARAM_ESCALATION_THRESHOLD, &threshold);
    out(p, "<section id=\"summary\">\n<h2>Summary</h2>\n");
    const json_t *pairs = json_object_get(p->r, "organisation_pairs");
    if (json_array_size(pairs) == 0)
        out(p, "<p>No tie runs between two organisations yet.</p>\n");
    size_t i;
    const json_t *pair;
    json_array_foreach(pairs, i, pair)
    {
        out(p, "<article class=\"pair\"><h3>");
        org(p, s_(pair, "a"));
        out(p, " and ");
        org(p, s_(pair, "b"));
        out(p, "</h3>\n");
        reading(p, pair, threshold);
        pair_table(p, pair);
        out(p, "</article>\n");
    }
    const json_t *open = json_object_get(p->r, "open_disruptions");
    out(p, "<h3 id=\"open\">Open disruptions</h3>\n");
    if (json_array_size(open) == 0)
        out(p, "<p>None.</p>\n");
    else {
        out(p, "<ul class=\"disruptions\">\n");
        const json_t *d;
        json_array_foreach(open, i, d) disruption_item(p, d);
        out(p, "</ul>\n");
    }
    out(p, "</section>\n");
}

/* ---- the charts ----------------------------------------------------------- */

/* When no organisations meet, the chart follows the trust of this many
 * directions of the first ties (more lines could not be told apart). */
#define MAX_TIE_SERIES 8
/* A page for people shows at most this many pairs' charts. */
#define MAX_PAIR_CHARTS 24

static void tick(void *ctx, double t, char *buf, size_t cap) { day_text(ctx, t, buf, cap); }

static void over_time(page *p, const char *file)
{
    double end = 0;
    ot_model_time(p->m, &end);
    out(p, "<section id=\"over-time\">\n<h2>Over time</h2>\n<p>");
    if (json_array_size(json_object_get(p->r, "organisation_pairs"))) {
        term(p, "reputation", "Reputation");
        out(p, " both ways and the ");
        term(p, "layer_trust", "trust");
        out(p, " of every layer");
    } else {
        out(p, "No two organisations meet, so: the ");
        term(p, "trust", "trust");
        out(p, " both ways in the first working relationships");
    }
    out(p, ", from ");
    day(p, 0);
    out(p, " to ");
    day(p, end);
    out(p, ".</p>\n");
    column *cols = malloc(MAX_COLUMNS * sizeof *cols);
    size_t nc = 0, nt = 0;
    double *times = NULL, *v = NULL;
    chart_set set = {0};
    int by_pair = 1, all = cols && default_columns(p->m, p->r, cols, MAX_COLUMNS, &nc) == 0;
    if (cols && !all) /* default_columns() kept the pairs that fit whole */
        out(p, "<p>The first organisation pairs only: <code>orgtrust timeline</code> gives them all.</p>\n");
    if (cols && all && nc == 0) {
        /* No two organisations meet (a faculty's departments under one
         * roof have only internal ties): the trust of the first ties. */
        size_t nties = 0;
        ot_model_count(p->m, OT_TIES, &nties);
        for (ot_id t = 0; t < nties && nc < MAX_TIE_SERIES; t++) {
            ot_id x, y;
            ot_tie_ends(p->m, t, &x, &y);
            for (int k = 0; k < 2; k++, nc++) {
                cols[nc].p = (ot_probe){OT_PROBE_TRUST, 0, k ? y : x, k ? x : y, OT_NONE, 0};
                snprintf(cols[nc].label, sizeof cols[nc].label, "trust: %s -> %s", ot_actor_name(p->m, k ? y : x),
                         ot_actor_name(p->m, k ? x : y));
            }
        }
        by_pair = 0;
    }
    if (!cols || nc == 0 || !(end > 0)) {
        out(p, "<p>Nothing to draw yet.</p>\n");
        goto done;
    }
    /* about 200 points, a day apart at least */
    double step = end / 200 > 1 ? end / 200 : 1;
    nt = (size_t)(end / step) + 2;
    if (!(times = malloc(nt * sizeof *times)))
        goto done;
    for (size_t k = 0; k + 1 < nt; k++)
        times[k] = (double)k * step;
    times[nt - 1] = end;
    if (times[nt - 2] >= end)
        nt--;
    if (!(v = timeline_values(p->m, file, cols, nc, times, nt)) ||
        chart_set_make(p->m, cols, times, nt, v, nc, "Trust in the first working relationships",
                       by_pair ? CHARTS_BY_PAIR | CHARTS_NO_BACKING : 0, &set))
        goto done;
    if (set.n > MAX_PAIR_CHARTS)
        out(p, "<p>The first %d of %zu organisation pairs: <code>orgtrust timeline --svg</code> draws them all.</p>\n",
            MAX_PAIR_CHARTS, set.n);
    for (size_t c = 0; c < set.n && c < MAX_PAIR_CHARTS; c++) {
        set.c[c].tick = tick;
        set.c[c].ctx = (void *)p->m;
        char id[32];
        snprintf(id, sizeof id, "chart-%zu", c);
        chart_svg(p->f, &set.c[c], id);
    }
done:
    chart_set_free(&set);
    free(v);
    free(times);
    free(cols);
    out(p, "</section>\n");
}

/* ---- the history in words ------------------------------------------------- */

typedef struct told {
    page *p;
    size_t observations; /* the everyday observations not told one by one */
    double since, until; /* their first and last day */
} told;

static void flush_observations(told *t)
{
    if (!t->observations)
        return;
    out(t->p, "<li class=\"routine\"><span class=\"when\">");
    day(t->p, t->since);
    if (t->until > t->since) {
        out(t->p, " to ");
        day(t->p, t->until);
    }
    out(t->p, "</span>: %zu everyday ", t->observations);
    term(t->p, "kind.observe", t->observations == 1 ? "observation" : "observations");
    out(t->p, " of each other's work</li>\n");
    t->observations = 0;
}

/* A sentence of the history with the terms of its escalation steps
 * linked to the glossary: story_steps() writes each as ": TERM: " after the
 * two people ("Henk and Marco: unhealthy: they do not ..."), with the terms
 * of the vocabulary's "status." and "reason." keys. */
static void linked_text(page *p, const char *s)
{
    char one[2] = {0, 0};
    while (*s) {
        size_t best = 0;
        const char *key = NULL, *k, *t;
        if (s[0] == ':' && s[1] == ' ')
            for (unsigned i = 0; ot_term_info(i, &k, &t, NULL, NULL) == OT_OK; i++) {
                size_t n = strlen(t);
                if ((strncmp(k, "status.", 7) == 0 || strncmp(k, "reason.", 7) == 0) && n > best &&
                    strncmp(s + 2, t, n) == 0 && s[2 + n] == ':') {
                    best = n;
                    key = k;
                }
            }
        if (key) {
            out(p, ": ");
            char shown[128];
            snprintf(shown, sizeof shown, "%.*s", (int)best, s + 2);
            term(p, key, shown);
            s += 2 + best;
        } else {
            one[0] = *s++;
            text(p, one);
        }
    }
}

static int history_line(void *ctx, const story_line *l)
{
    told *t = ctx;
    if (l->class == STORY_STRUCTURE)
        return 0;
    if (l->class == STORY_OBSERVATION) {
        if (!t->observations++)
            t->since = l->t;
        t->until = l->t;
        return 0;
    }
    flush_observations(t);
    out(t->p, "<li><span class=\"when\">");
    day(t->p, l->t);
    out(t->p, "</span>: ");
    linked_text(t->p, l->text);
    out(t->p, ".</li>\n");
    return 0;
}

static void history(page *p)
{
    out(p, "<section id=\"history\">\n<h2>What happened</h2>\n");
    json_t *layers = NULL, *h = story_history(p->m, &layers);
    if (!h) {
        out(p, "<p>The model keeps no history (");
        text(p, ot_last_error());
        out(p, ").</p>\n</section>\n");
        return;
    }
    out(p, "<p>Every disruption and how it was handled, every consultation, and people leaving and moving, with "
           "the trust each moved. The <code>orgtrust log</code> command tells every event.</p>\n<ol class=\"history\">\n");
    told t = {p, 0, 0, 0};
    story_tell(h, layers, history_line, &t);
    flush_observations(&t);
    out(p, "</ol>\n</section>\n");
    json_decref(h);
    json_decref(layers);
}

/* ---- the glossary ----------------------------------------------------------- */

static void glossary(page *p)
{
    out(p, "<section id=\"glossary\">\n<h2>Glossary</h2>\n<dl>\n");
    unsigned char done[sizeof p->used] = {0};
    const char *key, *name, *plain, *def;
    for (unsigned i = 0; i < sizeof p->used && ot_term_info(i, &key, &name, &plain, &def) == OT_OK; i++) {
        if (!p->used[i] || done[i])
            continue;
        out(p, "<dt id=\"g-%s\">", key);
        text(p, name);
        out(p, "</dt>\n");
        /* The same word for two terms (a diagonal tie as a class of ties and
         * as the reason a step is passed over): one entry, both meanings,
         * each with its own anchor. */
        const char *k2, *n2, *p2, *d2;
        for (unsigned j = i; j < sizeof p->used && ot_term_info(j, &k2, &n2, &p2, &d2) == OT_OK; j++) {
            if (!p->used[j] || done[j] || strcmp(n2, name) != 0)
                continue;
            done[j] = 1;
            if (j == i)
                out(p, "<dd><em>");
            else
                out(p, "<dd id=\"g-%s\"><em>", k2);
            text(p, p2);
            out(p, "</em>. ");
            text(p, d2);
            out(p, "</dd>\n");
        }
    }
    out(p, "</dl>\n</section>\n");
}

/* ---- the page ------------------------------------------------------------- */

static const char STYLE[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;line-height:1.45;margin:0;color:#222;"
    "background:#fff}"
    "main{max-width:60rem;margin:0 auto;padding:1rem 1.25rem 3rem}"
    "h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.3rem;border-bottom:2px solid #0072b2;padding-bottom:.2rem;"
    "margin-top:2.2rem}h3{font-size:1.1rem;margin:1.2rem 0 .4rem}"
    "p,li,dd,dt,td,th{overflow-wrap:anywhere}"
    ".sub{color:#555}.reading{margin:.2rem 0 .6rem}"
    "table.pair{border-collapse:collapse;width:100%;max-width:40rem}"
    "table.pair th,table.pair td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}"
    "table.pair td{font-variant-numeric:tabular-nums}"
    "ul.disruptions{padding-left:1.2rem}li.disruption{margin-bottom:.7rem}.overdue .flag{color:#b00020;"
    "font-weight:bold}.advice{color:#333}"
    "figure{margin:1rem 0}figure svg{width:100%;height:auto;max-width:100%}"
    /* the network is wide: it takes the window's width, not the text's */
    "figure.network{position:relative;left:50%;transform:translateX(-50%);width:96vw;max-width:110rem}"
    "ol.history{padding-left:1.4rem}ol.history li{margin-bottom:.35rem}li.routine{color:#666}"
    ".when{font-weight:600}"
    "a.term{color:inherit;text-decoration:underline dotted}"
    "dt{font-weight:bold;margin-top:.6rem}dd{margin-left:1rem}"
    "@media (max-width:600px){main{padding:.6rem}h1{font-size:1.3rem}table.pair th,table.pair td{padding:.25rem}}";

int html_page(FILE *f, const ot_model *m, const char *file, const char *picture_svg)
{
    json_t *r = report_of(m);
    if (!r)
        return -1;
    page p = {f, m, r, {0}};
    const char *title = json_string_value(json_object_get(r, "description"));
    double now = 0;
    ot_model_time(m, &now);
    out(&p, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "img-src data:\">\n<title>Trust between the organisations: ");
    text(&p, file);
    out(&p, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n<header>\n<h1>Trust between the organisations</h1>\n"
            "<p class=\"sub\">",
        STYLE);
    text(&p, file);
    out(&p, " &middot; as of ");
    day(&p, now);
    out(&p, " &middot; orgtrust %s</p>\n", ot_version());
    if (title) {
        out(&p, "<p class=\"description\">");
        text(&p, title);
        out(&p, "</p>\n");
    }
    out(&p, "<nav><a href=\"#summary\">Summary</a> &middot; <a href=\"#picture\">The network</a> &middot; "
            "<a href=\"#over-time\">Over time</a> &middot; <a href=\"#history\">What happened</a> &middot; "
            "<a href=\"#glossary\">Glossary</a></nav>\n</header>\n");
    summary(&p);
    out(&p, "<section id=\"picture\">\n<h2>The network</h2>\n");
    if (picture_svg) {
        out(&p, "<p>Every person, by organisation and layer; a line is a working relationship, its colour the ");
        term(&p, "trust", "trust");
        out(&p, " (red low, green high), dashed a ");
        term(&p, "ties.diagonal", "diagonal tie");
        out(&p, ", bold an open ");
        term(&p, "open_disruptions", "disruption");
        out(&p, ", grey an ended tie or a person who left.</p>\n<figure class=\"network\">\n%s</figure>\n",
            picture_svg);
    } else {
        out(&p, "<p>The picture could not be drawn.</p>\n");
    }
    out(&p, "</section>\n");
    over_time(&p, file);
    history(&p);
    glossary(&p);
    out(&p, "</main>\n</body>\n</html>\n");
    json_decref(r);
    return ferror(f) ? -1 : 0;
}
