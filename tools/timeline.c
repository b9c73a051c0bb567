/* orgtrust timeline and orgtrust compare: values over time (CSV) and what
 * changed between two days, both from one ot_timeline() replay
 * (docs/model.md, section 16).
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include "chart.h"
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The probe kinds by the names --probe uses; `args` says what each
 * argument is: a an actor, o an organisation, l a layer, ? the rest is
 * optional. */
static const struct {
    const char *name;
    int what;
    const char *args;
} PROBE_KINDS[] = {
    {"trust", OT_PROBE_TRUST, "aa"},
    {"trustworthiness", OT_PROBE_TRUSTWORTHINESS, "aa"},
    {"effective_trust", OT_PROBE_EFFECTIVE_TRUST, "aa"},
    {"reputation", OT_PROBE_REPUTATION, "oo?a"},
    {"backing", OT_PROBE_BACKING, "oo"},
    {"layer_trust", OT_PROBE_LAYER_TRUST, "ool"},
    {"damping", OT_PROBE_DAMPING, "aa"},
    {"standing", OT_PROBE_STANDING, "a"},
    {"bridge_gap", OT_PROBE_BRIDGE_GAP, "ao"},
    {"ceiling", OT_PROBE_CEILING, "aa"},
};
#define NPROBE_KINDS (sizeof PROBE_KINDS / sizeof PROBE_KINDS[0])

/* A layer by name (any case) or number; -1 if none. */
static long layer_of(const ot_model *m, const char *arg)
{
    unsigned n = 0;
    ot_model_layers(m, &n);
    for (unsigned l = 0; l < n; l++)
        if (strcasecmp(ot_layer_name(m, l), arg) == 0)
            return (long)l;
    char *end;
    long v = strtol(arg, &end, 10);
    return end != arg && !*end && v >= 0 && v < (long)n ? v : -1;
}

/* SPEC is KIND:ARG,ARG[,ARG]: fill *p, or say why not. */
static int parse_probe(const ot_model *m, const input *in, const json_t *report, const char *spec, ot_probe *p)
{
    const char *colon = strchr(spec, ':');
    size_t klen = colon ? (size_t)(colon - spec) : strlen(spec);
    size_t k = 0;
    while (k < NPROBE_KINDS && !(strlen(PROBE_KINDS[k].name) == klen && strncmp(spec, PROBE_KINDS[k].name, klen) == 0))
        k++;
    if (k == NPROBE_KINDS) {
        say("--probe %s: unknown kind \"%.*s\" (trust, trustworthiness, effective_trust, reputation, backing, "
            "layer_trust, damping, standing, bridge_gap, ceiling)", spec, (int)klen, spec);
        return -1;
    }
    *p = (ot_probe){.what = PROBE_KINDS[k].what, .a = OT_NONE, .b = OT_NONE, .c = OT_NONE};
    ot_id *ids[3] = {&p->a, &p->b, &p->c};
    const char *want = PROBE_KINDS[k].args, *rest = colon ? colon + 1 : "";
    int n = 0, optional = 0;
    char arg[256];
    for (const char *w = want; *w; w++) {
        if (*w == '?') {
            optional = 1;
            continue;
        }
        if (!*rest && optional)
            break;
        const char *comma = strchr(rest, ',');
        size_t len = comma ? (size_t)(comma - rest) : strlen(rest);
        if (!*rest || len >= sizeof arg) {
            say("--probe %s: %s needs %s", spec, PROBE_KINDS[k].name,
                strcmp(want, "aa") == 0 ? "two actors, KIND:ACTOR,ACTOR" : "more arguments (see --help)");
            return -1;
        }
        memcpy(arg, rest, len);
        arg[len] = '\0';
        rest = comma ? comma + 1 : rest + len;
        if (*w == 'l') {
            long l = layer_of(m, arg);
            if (l < 0) {
                say("--probe %s: no layer \"%s\"", spec, arg);
                return -1;
            }
            p->layer = (uint32_t)l;
            continue;
        }
        ot_id id = resolve_as(*w == 'a' ? &ACTORS : &ORGS, m, in, report, arg);
        if (id == OT_NONE) {
            say("--probe %s: no %s \"%s\"", spec, *w == 'a' ? "actor" : "organisation", arg);
            return -1;
        }
        *ids[n++] = id;
    }
    if (*rest) {
        say("--probe %s: too many arguments for %s", spec, PROBE_KINDS[k].name);
        return -1;
    }
    return 0;
}

/* A CSV field: quoted (quotes doubled) when it holds a comma or a quote. */
static void csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}


/* The default columns: for every organisation pair of the report,
 * reputation and backing both ways and the trust of every layer with ties.
 * Past cap, *n counts the pairs that fitted whole. */
int default_columns(const ot_model *m, const json_t *report, column *cols, size_t cap, size_t *n)
{
    size_t i, j, whole = 0;
    json_t *pair, *lt;
    *n = 0;
    json_array_foreach(json_object_get(report, "organisation_pairs"), i, pair)
    {
        ot_id a = resolve_as(&ORGS, m, &(input){0}, report, s_(pair, "a"));
        ot_id b = resolve_as(&ORGS, m, &(input){0}, report, s_(pair, "b"));
        const char *an = ot_org_name(m, a), *bn = ot_org_name(m, b);
        const ot_probe base[4] = {{OT_PROBE_REPUTATION, 0, a, b, OT_NONE, 0},
                                  {OT_PROBE_REPUTATION, 0, b, a, OT_NONE, 0},
                                  {OT_PROBE_BACKING, 0, a, b, OT_NONE, 0},
                                  {OT_PROBE_BACKING, 0, b, a, OT_NONE, 0}};
        for (int k = 0; k < 4; k++) {
            if (*n == cap)
                goto full;
            cols[*n].p = base[k];
            snprintf(cols[*n].label, sizeof cols[*n].label, "%s:%s,%s", k < 2 ? "reputation" : "backing",
                     k % 2 ? bn : an, k % 2 ? an : bn);
            ++*n;
        }
        json_array_foreach(json_object_get(pair, "layer_trust"), j, lt)
        {
            if (*n == cap)
                goto full;
            long l = layer_of(m, s_(lt, "layer")); /* the report names the layer */
            if (l < 0)
                continue;
            cols[*n].p = (ot_probe){OT_PROBE_LAYER_TRUST, (uint32_t)l, a, b, OT_NONE, 0};
            snprintf(cols[*n].label, sizeof cols[*n].label, "layer_trust:%s,%s,%s", an, bn,
                     ot_layer_name(m, (unsigned)l));
            ++*n;
        }
        whole = *n;
    }
    return 0;
full:
    *n = whole;
    return -1;
}

#define MAX_ROWS 10000000

static int write_timeline(FILE *f, const column *cols, size_t nc, const double *times, size_t nt, const double *v)
{
    fputs("t", f);
    for (size_t c = 0; c < nc; c++) {
        fputc(',', f);
        csv_field(f, cols[c].label);
    }
    fputc('\n', f);
    for (size_t k = 0; k < nt; k++) {
        fprintf(f, "%.17g", times[k]);
        for (size_t c = 0; c < nc; c++) {
            double x = v[k * nc + c];
            if (x == x)
                fprintf(f, ",%.17g", x);
            else
                fputc(',', f); /* no value at that time */
        }
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

/* Rows from --from (default 0) every --every days (default 7) up to --to
 * (default the model's time), which is always the last row. */
static int timeline_times(const ot_model *m, const args *a, double **times, size_t *nt)
{
    double every = 7, from = 0, to;
    ot_model_time(m, &to);
    if ((a->value[0] && parse_day(a->value[0], "--every", &every)) ||
        (a->value[3] && parse_when(m, a->value[3], "--from", &from)) ||
        (a->value[4] && parse_when(m, a->value[4], "--to", &to)))
        return -1;
    if (!(every > 0)) {
        say("--every %s: the step must be more than 0 days", a->value[0]);
        return -1;
    }
    if (to < from)
        to = from; /* no events yet, or --to before --from: one row */
    double steps = (to - from) / every;
    if (steps >= MAX_ROWS) {
        say("%.17g to %.17g every %.17g days: more than %d rows; take a larger --every", from, to, every, MAX_ROWS);
        return -1;
    }
    size_t n = (size_t)steps + 1;
    *times = malloc((n + 1) * sizeof **times);
    if (!*times) {
        say("out of memory");
        return -1;
    }
    for (size_t k = 0; k < n; k++)
        (*times)[k] = from + (double)k * every;
    if ((*times)[n - 1] < to)
        (*times)[n++] = to;
    *nt = n;
    return 0;
}

/* The columns' values at the times, out[k * nc + c] (one ot_timeline()
 * replay), malloc'd; NULL after saying why. */
double *timeline_values(const ot_model *m, const char *name, const column *cols, size_t nc,
                               const double *times, size_t nt)
{
    ot_probe *probes = malloc((nc ? nc : 1) * sizeof *probes);
    size_t nv = nt * nc;
    double *v = probes ? malloc((nv ? nv : 1) * sizeof *v) : NULL;
    for (size_t c = 0; v && c < nc; c++)
        probes[c] = cols[c].p;
    int failed = !v || (nc && ot_timeline(m, probes, nc, times, nt, v) != OT_OK);
    free(probes);
    if (failed) {
        say("%s: %s", name, v ? ot_last_error() : "out of memory");
        free(v);
        return NULL;
    }
    return v;
}

/* ---- charts ---------------------------------------------------------------- */

/* A column's legend text in plain words. */
static void series_label(const ot_model *m, const column *c, char *buf, size_t cap)
{
    switch (c->p.what) {
    case OT_PROBE_REPUTATION:
        snprintf(buf, cap, "reputation: how %s sees %s", ot_org_name(m, c->p.a), ot_org_name(m, c->p.b));
        break;
    case OT_PROBE_BACKING:
        snprintf(buf, cap, "backing: how %s's leadership stands toward %s", ot_org_name(m, c->p.a),
                 ot_org_name(m, c->p.b));
        break;
    case OT_PROBE_LAYER_TRUST: snprintf(buf, cap, "trust at the %s layer", ot_layer_name(m, c->p.layer)); break;
    default: snprintf(buf, cap, "%s", c->label);
    }
}

/* Whether two columns of default_columns() are about the same pair. */
static int same_pair(const column *x, const column *y)
{
    return (x->p.a == y->p.a && x->p.b == y->p.b) || (x->p.a == y->p.b && x->p.b == y->p.a);
}

void chart_set_free(chart_set *s)
{
    free(s->c);
    free(s->col);
    free(s->label);
    free(s->text);
    *s = (chart_set){0};
}

int chart_set_make(const ot_model *m, const column *cols, const double *times, size_t nt, const double *v, size_t nc,
                   const char *title, int flags, chart_set *s)
{
    *s = (chart_set){.c = calloc(nc + 1, sizeof *s->c),
                     .col = calloc(nc + 1, sizeof *s->col),
                     .label = calloc(nc + 1, sizeof *s->label),
                     .text = calloc(2 * nc + 1, sizeof *s->text)};
    if (!s->c || !s->col || !s->label || !s->text) {
        chart_set_free(s);
        return -1;
    }
    size_t ns = 0, first = 0;
    for (size_t c = 0; c < nc; c++) {
        if ((flags & CHARTS_NO_BACKING) && cols[c].p.what == OT_PROBE_BACKING)
            continue;
        if (s->n == 0 || ((flags & CHARTS_BY_PAIR) && !same_pair(&cols[c], &cols[first]))) {
            char *t = s->text[nc + s->n];
            if (flags & CHARTS_BY_PAIR)
                snprintf(t, sizeof s->text[0], "%s and %s", ot_org_name(m, cols[c].p.a), ot_org_name(m, cols[c].p.b));
            else
                snprintf(t, sizeof s->text[0], "%s", title);
            s->c[s->n++] = (chart){.title = t, .times = times, .nt = nt, .v = v, .nc = nc, .col = &s->col[ns],
                                   .label = &s->label[ns]};
            first = c;
        }
        series_label(m, &cols[c], s->text[ns], sizeof s->text[0]);
        s->label[ns] = s->text[ns];
        s->col[ns++] = c;
        s->c[s->n - 1].ns++;
    }
    return 0;
}

int cmd_timeline(const args *a)
{
    input in;
    ot_model *m;
    int rc = open_model(a, &in, &m);
    if (rc)
        return rc;
    char *csv = NULL;
    size_t nc = 0, nt = 0, len = 0;
    json_t *report = NULL;
    double *times = NULL, *v = NULL;
    column *cols = malloc(MAX_COLUMNS * sizeof *cols);
    FILE *mem = NULL;
    rc = EXIT_BAD;
    if (!cols || !(report = report_of(m))) {
        say("%s: %s", in.name, cols ? ot_last_error() : "out of memory");
        goto out;
    }
    for (int i = 0; i < a->nmany; i++, nc++)
        if (parse_probe(m, &in, report, a->many[i], &cols[nc].p))
            goto out;
        else
            snprintf(cols[nc].label, sizeof cols[nc].label, "%s", a->many[i]);
    if (!a->nmany && default_columns(m, report, cols, MAX_COLUMNS, &nc)) {
        say("%s: more than %d columns; choose them with --probe", in.name, MAX_COLUMNS);
        goto out;
    }
    if (nc == 0) {
        say("%s: no organisation pairs to follow; choose what to follow with --probe", in.name);
        goto out;
    }
    if (timeline_times(m, a, &times, &nt) || !(v = timeline_values(m, in.name, cols, nc, times, nt)))
        goto out;
    if (!(mem = open_memstream(&csv, &len))) {
        say("out of memory");
        goto out;
    }
    if (a->value[5]) { /* --svg: the same values drawn */
        chart_set charts;
        if (chart_set_make(m, cols, times, nt, v, nc, in.name, a->nmany ? 0 : CHARTS_BY_PAIR, &charts)) {
            say("out of memory");
            goto out;
        }
        chart_svg_document(mem, charts.c, charts.n);
        chart_set_free(&charts);
    } else if (write_timeline(mem, cols, nc, times, nt, v)) {
        say("out of memory");
        goto out;
    }
    fclose(mem);
    mem = NULL;
    rc = write_output(a->value[2], csv, len);
out:
    if (mem)
        fclose(mem);
    free(csv);
    free(v);
    free(times);
    free(cols);
    json_decref(report);
    ot_model_free(m);
    free(in.text);
    return rc;
}

/* ---- compare -------------------------------------------------------------- */

/* One value on the two days. */
typedef struct move {
    const column *col;
    double v1, v2;
} move;

/* Largest moves first; a value that did not exist on the first day (NaN)
 * counts as the largest; ties in the order of the columns. */
static double size_of(const move *x) { return isnan(x->v1) || isnan(x->v2) ? INFINITY : fabs(x->v2 - x->v1); }
static int by_size(const void *p, const void *q)
{
    const move *x = p, *y = q;
    double a = size_of(x), b = size_of(y);
    if (a != b)
        return a > b ? -1 : 1;
    return (x->col > y->col) - (x->col < y->col);
}

static void print_value(double v)
{
    if (isnan(v))
        printf("    -");
    else
        printf("%5.3f", v);
}

/* Print the moves of cols[from, to) that changed, largest first. */
static size_t print_moves(const char *title, const column *cols, size_t from, size_t to, const double *v, size_t nc)
{
    move *mv = malloc((to - from + 1) * sizeof *mv);
    size_t n = 0, width = 0;
    if (!mv)
        return 0;
    for (size_t c = from; c < to; c++) {
        double v1 = v[c], v2 = v[nc + c];
        if (v1 == v2 || (isnan(v1) && isnan(v2)))
            continue;
        mv[n++] = (move){&cols[c], v1, v2};
        size_t w = strlen(cols[c].label);
        width = w > width ? w : width;
    }
    qsort(mv, n, sizeof *mv, by_size);
    printf("%s, largest moves first:%s\n", title, n ? "" : " none moved");
    for (size_t k = 0; k < n; k++) {
        printf("  %-*s  ", (int)width, mv[k].col->label);
        print_value(mv[k].v1);
        printf(" -> ");
        print_value(mv[k].v2);
        if (isnan(mv[k].v1))
            printf("  (new)\n");
        else if (isnan(mv[k].v2))
            printf("  (gone)\n");
        else
            printf("  (%+.3f)\n", mv[k].v2 - mv[k].v1);
    }
    free(mv);
    return n;
}

/* compare FILE DAY1 DAY2: what changed between two days (one replay, as
 * ot_timeline() gives both days at once). */
int cmd_compare(const args *a)
{
    double days[2];
    input in;
    ot_model *m;
    int rc = open_model(a, &in, &m);
    if (rc)
        return rc;
    json_t *report = NULL;
    size_t npairs = 0, nties = 0, nc = 0;
    column *cols = NULL;
    double *v = NULL;
    rc = EXIT_BAD;
    if (parse_when(m, a->pos[1], "DAY1", &days[0]) || parse_when(m, a->pos[2], "DAY2", &days[1]))
        goto out;
    if (days[1] < days[0]) {
        say("DAY2 = %s is before DAY1 = %s; give the earlier day first", a->pos[2], a->pos[1]);
        goto out;
    }
    cols = malloc(MAX_COLUMNS * sizeof *cols);
    if (!cols || !(report = report_of(m))) {
        say("%s: %s", in.name, cols ? ot_last_error() : "out of memory");
        goto out;
    }
    if (default_columns(m, report, cols, MAX_COLUMNS, &npairs) || ot_model_count(m, OT_TIES, &nties) ||
        npairs + 2 * nties > MAX_COLUMNS) {
        say("%s: more than %d values to compare", in.name, MAX_COLUMNS);
        goto out;
    }
    /* Every direction of every tie, ended ones included (their trust stays
     * readable). */
    nc = npairs;
    for (ot_id t = 0; t < nties; t++) {
        ot_id x, y;
        ot_tie_ends(m, t, &x, &y);
        for (int k = 0; k < 2; k++, nc++) {
            ot_id from = k ? y : x, to = k ? x : y;
            cols[nc].p = (ot_probe){OT_PROBE_TRUST, 0, from, to, OT_NONE, 0};
            snprintf(cols[nc].label, sizeof cols[nc].label, "trust:%s,%s", ot_actor_name(m, from),
                     ot_actor_name(m, to));
        }
    }
    if (!(v = timeline_values(m, in.name, cols, nc, days, 2)))
        goto out;
    if (ot_model_epoch(m)) {
        char d1[64], d2[64];
        day_text(m, days[0], d1, sizeof d1);
        day_text(m, days[1], d2, sizeof d2);
        printf("%s: %s (day %g) -> %s (day %g)\n", in.name, d1, days[0], d2, days[1]);
    } else {
        printf("%s: day %g -> day %g\n", in.name, days[0], days[1]);
    }
    print_moves("organisation pairs", cols, 0, npairs, v, nc);
    print_moves("ties", cols, npairs, nc, v, nc);
    rc = EXIT_OK;
out:
    free(v);
    free(cols);
    json_decref(report);
    ot_model_free(m);
    free(in.text);
    return rc;
}

