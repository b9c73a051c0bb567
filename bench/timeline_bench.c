/* The cost of the event log and of trust over time (docs/performance.md,
 * "Trust over time"). One line per figure, "name value unit ties":
 *
 *   timeline_bench [--ties N] [--obs N] [--seed S] [--only NAME]
 *
 *   batch_kept        ot_observe_batch with the default configuration
 *                     (events kept), the observations of bench/bench.c
 *   batch_not_kept    the same with keep_events = 0
 *   log_bytes         bytes the kept log takes per observation (its
 *                     records, and the resident memory it added)
 *   replay            ot_model_at(m, last day) of the kept model: events
 *                     replayed per second
 *   timeline          a scenario of about one million events: loading it,
 *                     and ot_timeline of 10 probes at 365 times over it,
 *                     with their ratio
 *
 * Compare batch_kept with bench/floor run right after it at the same size
 * (the machine is shared: ratios within one run, never times across runs).
 * SPDX-License-Identifier: MIT */
#include "model.h" /* the kept log's record, for its size */
#include "province.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *only;

/* --only NAME, or --only kept for the figures of the kept model together. */
static int wanted(const char *name)
{
    return !only || strcmp(only, name) == 0 ||
           (strcmp(only, "kept") == 0 && (!strcmp(name, "batch_kept") || !strcmp(name, "log_bytes") || !strcmp(name, "replay")));
}

static void build(province *p, size_t ties, int keep, uint64_t seed)
{
    ot_config *c;
    bench_must(ot_config_new(&c), "config");
    bench_must(ot_config_set(c, OT_PARAM_KEEP_EVENTS, keep), "config");
    if (province_reserve(p, ties) || province_build(p, c, ties, seed))
        exit(1);
    ot_config_free(c);
}

/* The batch as bench/bench.c runs it: chunks of 100,000. Seconds. */
static double run_batch(ot_model *m, const ot_observation *obs, size_t n)
{
    size_t chunk = 100000, applied;
    double t = bench_now();
    for (size_t i = 0; i < n; i += chunk)
        bench_must(ot_observe_batch(m, obs + i, n - i < chunk ? n - i : chunk, &applied), "batch");
    return bench_now() - t;
}

/* A scenario of two organisations, 200 actors and 199 ties with `n`
 * observations over a year, as JSON text (through the export). */
static char *scenario_text(size_t n, uint64_t seed, size_t *len)
{
    ot_model *m;
    bench_must(ot_model_new(NULL, &m), "model");
    ot_id g, w;
    bench_must(ot_org_add(m, "Gemeente", OT_NONE, &g), "org");
    bench_must(ot_org_add(m, "Waterschap", OT_NONE, &w), "org");
    ot_id actor[200];
    for (int i = 0; i < 200; i++) {
        char name[32];
        snprintf(name, sizeof name, "actor %d", i);
        unsigned layer = i % 100 == 0 ? 2 : i % 10 == 0 ? 1 : 0;
        bench_must(ot_actor_add(m, i < 100 ? g : w, layer, OT_NONE, name, &actor[i]), "actor");
    }
    for (int i = 0; i < 199; i++)
        bench_must(ot_tie_add(m, actor[i], actor[(i * 37 + 11) % 200 == i ? (i + 1) % 200 : (i * 37 + 11) % 200], NULL),
             "tie");
    uint64_t s = seed | 1;
    size_t per_day = n / 365 + 1;
    for (size_t i = 0; i < n; i++) {
        uint64_t r = bench_rand(&s);
        ot_id a, b;
        bench_must(ot_tie_ends(m, (ot_id)(r % 199), &a, &b), "ends");
        int flip = (int)(r >> 40) & 1;
        bench_must(ot_observe(m, flip ? b : a, flip ? a : b, 1 + (int)((r >> 44) % 8), 1.0, (double)(i / per_day)),
             "observe");
    }
    char *text;
    bench_must(ot_scenario_export(m, &text, len), "export");
    ot_model_free(m);
    return text;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void timeline_figures(size_t n, uint64_t seed)
{
    size_t len;
    char *text = scenario_text(n, seed, &len);
    enum { RUNS = 5 };
    double load[RUNS], tl[RUNS];
    /* 10 probes of the kinds a researcher follows, 365 days. */
    ot_probe probes[10] = {
        {OT_PROBE_TRUST, 0, 1, 0, 0, 0},        {OT_PROBE_TRUST, 0, 0, 1, 0, 0},
        {OT_PROBE_TRUSTWORTHINESS, 0, 1, 0, 0, 0}, {OT_PROBE_EFFECTIVE_TRUST, 0, 1, 0, 0, 0},
        {OT_PROBE_REPUTATION, 0, 0, 1, OT_NONE, 0}, {OT_PROBE_REPUTATION, 0, 1, 0, OT_NONE, 0},
        {OT_PROBE_BACKING, 0, 0, 1, 0, 0},      {OT_PROBE_BACKING, 0, 1, 0, 0, 0},
        {OT_PROBE_LAYER_TRUST, 0, 0, 1, 0, 0},  {OT_PROBE_STANDING, 0, 5, 0, 0, 0},
    };
    double times[365], *out = malloc(sizeof(double) * 365 * 10);
    for (int k = 0; k < 365; k++)
        times[k] = k;
    ot_model *m = NULL;
    for (int r = 0; r < RUNS; r++) {
        ot_model_free(m);
        double t = bench_now();
        bench_must(ot_scenario_load(text, len, &m), "load");
        load[r] = bench_now() - t;
        /* The direction probes follow the first tie. */
        ot_id a, b;
        bench_must(ot_tie_ends(m, 0, &a, &b), "ends");
        probes[0].a = probes[1].b = probes[2].a = probes[3].a = a;
        probes[0].b = probes[1].a = probes[2].b = probes[3].b = b;
        t = bench_now();
        bench_must(ot_timeline(m, probes, 10, times, 365, out), "timeline");
        tl[r] = bench_now() - t;
    }
    size_t events = 0;
    ot_model_count(m, OT_EVENTS, &events);
    ot_model_free(m);
    double ratio[RUNS];
    for (int r = 0; r < RUNS; r++)
        ratio[r] = tl[r] / load[r];
    qsort(load, RUNS, sizeof *load, by_value);
    qsort(tl, RUNS, sizeof *tl, by_value);
    qsort(ratio, RUNS, sizeof *ratio, by_value);
    bench_report("scenario_events", (double)events, "events", 199);
    bench_report("scenario_load", load[RUNS / 2], "s", 199);
    bench_report("timeline_10x365", tl[RUNS / 2], "s", 199);
    bench_report("timeline_over_load", ratio[RUNS / 2], "x", 199);
    free(out);
    ot_free(text);
}

int main(int argc, char **argv)
{
    size_t ties = 1000000, nobs = 0;
    uint64_t seed = 2026;
    const bench_option opt[] = {{"--ties", .size = &ties}, {"--seed", .u64 = &seed}, {"--obs", .size = &nobs},
                                {"--only", .str = &only}};
    if (bench_options(argc, argv, opt, sizeof opt / sizeof *opt,
                      "timeline_bench [--ties N] [--obs N] [--seed S] [--only NAME]"))
        return 2;
    if (!nobs)
        nobs = ties < 1000000 ? 2000000 : 2 * ties;

    if (wanted("batch_kept") || wanted("log_bytes") || wanted("replay")) {
        province p;
        build(&p, ties, 1, seed);
        ot_observation *obs = province_observations(&p, nobs, seed + 1, 0.0);
        size_t before = 0, after = 0;
        ot_model_count(p.m, OT_EVENTS, &before);
        bench_trim();
        size_t rss0 = bench_rss();
        double dt = run_batch(p.m, obs, nobs);
        size_t rss1 = bench_rss();
        ot_model_count(p.m, OT_EVENTS, &after);
        if (wanted("batch_kept"))
            bench_report("batch_kept", (double)nobs / dt / 1e6, "M/s", p.ties);
        if (wanted("log_bytes")) {
            bench_report("log_record", (double)sizeof(oti_logrec), "B", p.ties);
            bench_report("log_rss_per_event", (double)(rss1 - rss0) / (double)(after - before), "B", p.ties);
        }
        free(obs);
        if (wanted("replay")) {
            double last;
            ot_model_time(p.m, &last);
            ot_model *at;
            double t = bench_now();
            bench_must(ot_model_at(p.m, last, &at), "model_at");
            double rt = bench_now() - t;
            bench_report("replay", (double)after / rt / 1e6, "M ev/s", p.ties);
            ot_model_free(at);
            /* The same replay without making a model to keep: one probe on
             * the last day. */
            ot_probe probe = {OT_PROBE_TRUST, 0, p.tie_a[0], p.tie_b[0], 0, 0};
            double v;
            t = bench_now();
            bench_must(ot_timeline(p.m, &probe, 1, &last, 1, &v), "timeline");
            rt = bench_now() - t;
            bench_report("replay_for_timeline", (double)after / rt / 1e6, "M ev/s", p.ties);
        }
        province_free(&p);
    }
    if (wanted("batch_not_kept")) {
        province p;
        build(&p, ties, 0, seed);
        ot_observation *obs = province_observations(&p, nobs, seed + 1, 0.0);
        double dt = run_batch(p.m, obs, nobs);
        bench_report("batch_not_kept", (double)nobs / dt / 1e6, "M/s", p.ties);
        free(obs);
        province_free(&p);
    }
    if (wanted("timeline"))
        timeline_figures(1000000, seed);
    return 0;
}
