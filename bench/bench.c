/* orgtrust benchmarks: one line per figure, "name value unit ties".
 *
 *   bench [--ties N] [--seed S] [--obs N] [--queries N] [--only NAME]
 *
 * Builds a province of about N ties (events not kept), then times the
 * structure build, batched and single observations on random ties, the
 * organisation-level queries, effective trust and escalation paths, and
 * reports memory per tie. Not run by `make test`; `make bench` runs it at
 * several sizes.
 * SPDX-License-Identifier: MIT */
#include "province.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *only;

static int wanted(const char *name) { return !only || strcmp(only, name) == 0; }

int main(int argc, char **argv)
{
    size_t ties = 100000, nobs = 0, nq = 0;
    uint64_t seed = 2026;
    const bench_option opt[] = {{"--ties", .size = &ties}, {"--seed", .u64 = &seed}, {"--obs", .size = &nobs},
                                {"--queries", .size = &nq}, {"--only", .str = &only}};
    if (bench_options(argc, argv, opt, sizeof opt / sizeof *opt,
                      "bench [--ties N] [--seed S] [--obs N] [--queries N] [--only NAME]"))
        return 2;
    if (!nobs)
        nobs = ties < 1000000 ? 2000000 : 2 * ties;
    if (!nq)
        nq = 1000000;

    ot_config *c;
    bench_must(ot_config_new(&c), "config");
    bench_must(ot_config_set(c, OT_PARAM_KEEP_EVENTS, 0), "config");
    province p;
    if (province_reserve(&p, ties))
        return 1;
    size_t rss0 = bench_rss();
    double t = bench_now();
    if (province_build(&p, c, ties, seed))
        return 1;
    double build = bench_now() - t;
    size_t rss1 = bench_rss();
    /* The allocator keeps the holes that growing arrays left in its heap;
     * a host can hand them back (glibc: malloc_trim), so both are shown. */
    bench_trim();
    size_t rss2 = bench_rss();
    ot_config_free(c);
    bench_report("build_structure", build, "s", p.ties);
    bench_report("build_actors", (double)p.actors, "actors", p.ties);
    bench_report("memory_per_tie", (double)(rss2 - rss0) / (double)p.ties, "B", p.ties);
    bench_report("memory_per_tie_untrimmed", (double)(rss1 - rss0) / (double)p.ties, "B", p.ties);

    /* Warm the model: every tie observed once in each direction would take
     * too long at 10M; a batch of random observations does the same. */
    ot_observation *obs = province_observations(&p, nobs, seed + 1, 0.0);
    if (wanted("observe_batch")) {
        size_t chunk = 100000, applied;
        t = bench_now();
        for (size_t i = 0; i < nobs; i += chunk)
            bench_must(ot_observe_batch(p.m, obs + i, nobs - i < chunk ? nobs - i : chunk, &applied), "batch");
        double dt = bench_now() - t;
        bench_report("observe_batch", (double)nobs / dt / 1e6, "M/s", p.ties);
    }
    if (wanted("observe_single")) {
        free(obs);
        obs = province_observations(&p, nobs / 2, seed + 2, 400.0);
        t = bench_now();
        for (size_t i = 0; i < nobs / 2; i++)
            bench_must(ot_observe(p.m, obs[i].truster, obs[i].trustee, obs[i].kind, obs[i].magnitude, obs[i].t),
                 "observe");
        double dt = bench_now() - t;
        bench_report("observe_single", (double)(nobs / 2) / dt / 1e6, "M/s", p.ties);
    }
    free(obs);

    uint64_t s = seed + 3;
    ot_id *qa = malloc(nq * sizeof *qa), *qb = malloc(nq * sizeof *qb);
    if (!qa || !qb)
        return 1;
    for (size_t i = 0; i < nq; i++) {
        size_t tie = (size_t)(bench_rand(&s) % p.ties);
        qa[i] = p.tie_a[tie];
        qb[i] = p.tie_b[tie];
    }
    double sink = 0.0;
    if (wanted("effective_trust")) {
        t = bench_now();
        for (size_t i = 0; i < nq; i++) {
            double v;
            int lim;
            bench_must(ot_effective_trust(p.m, qa[i], qb[i], &v, &lim), "effective trust");
            sink += v;
        }
        bench_report("effective_trust", (bench_now() - t) / (double)nq * 1e9, "ns", p.ties);
    }
    /* Organisation-level queries on the pairs of random ties' top organisations. */
    size_t norg_q = nq / 4;
    ot_id *oa = malloc(norg_q * sizeof *oa), *ob = malloc(norg_q * sizeof *ob);
    size_t k = 0;
    for (size_t i = 0; i < nq && k < norg_q; i++) {
        ot_id x, y, px, py;
        bench_must(ot_actor_org(p.m, qa[i], &x), "org");
        bench_must(ot_actor_org(p.m, qb[i], &y), "org");
        bench_must(ot_org_parent(p.m, x, &px), "parent");
        bench_must(ot_org_parent(p.m, y, &py), "parent");
        px = px == OT_NONE ? x : px;
        py = py == OT_NONE ? y : py;
        if (px != py) {
            oa[k] = px;
            ob[k] = py;
            k++;
        }
    }
    if (k > 0 && wanted("reputation")) {
        t = bench_now();
        for (size_t i = 0; i < k; i++) {
            double v;
            bench_must(ot_reputation(p.m, oa[i], ob[i], OT_NONE, &v), "reputation");
            sink += v;
        }
        bench_report("reputation", (bench_now() - t) / (double)k * 1e9, "ns", p.ties);
        t = bench_now();
        for (size_t i = 0; i < k; i++) {
            double v;
            bench_must(ot_backing(p.m, oa[i], ob[i], &v), "backing");
            sink += v;
        }
        bench_report("backing", (bench_now() - t) / (double)k * 1e9, "ns", p.ties);
        t = bench_now();
        for (size_t i = 0; i < k; i++) {
            double v;
            if (ot_layer_trust(p.m, oa[i], ob[i], 0, &v) == OT_OK)
                sink += v;
        }
        bench_report("layer_trust", (bench_now() - t) / (double)k * 1e9, "ns", p.ties);
    }
    if (wanted("escalation_path")) {
        size_t done = 0;
        t = bench_now();
        for (size_t i = 0; i < nq; i++) {
            ot_id tie;
            ot_escalation_step steps[4];
            size_t n;
            bench_must(ot_tie_find(p.m, qa[i], qb[i], &tie), "find");
            if (ot_escalation_path(p.m, tie, steps, 4, &n) == OT_OK)
                done++;
        }
        double dt = bench_now() - t;
        bench_report("escalation_path", dt / (double)nq * 1e9, "ns", p.ties);
        bench_report("escalation_external_share", (double)done / (double)nq, "ratio", p.ties);
    }
    bench_report("peak_rss", (double)bench_peak_rss() / 1048576.0, "MiB", p.ties);
    if (sink < 0)
        printf("%g\n", sink);
    free(qa);
    free(qb);
    free(oa);
    free(ob);
    province_free(&p);
    return 0;
}
