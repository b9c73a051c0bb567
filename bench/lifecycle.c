/* Benchmarks of people who come and go and of the escalation ladder
 * (docs/model.md, sections 13-14): one line per figure, "name value unit
 * ties".
 *
 *   lifecycle [--ties N] [--seed S] [--calls K] [--disruptions D]
 *
 * Builds a province of about N ties (default 1M, events not kept), then
 * times, call by call, ot_actor_move (an actor re-placed where it is: every
 * tie taken out and put back) and ot_actor_leave of K actors with 18 to 22
 * ties each, opens D disruptions (default 100k) on random external ties,
 * and times ot_next_due and K referrals. Reports the median of the single
 * calls (and ot_next_due's mean over a million calls). Not run by ctest.
 * SPDX-License-Identifier: MIT */
#include "province.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
    return n ? v[n / 2] : 0.0;
}

int main(int argc, char **argv)
{
    size_t ties = 1000000, calls = 200, ndisr = 100000;
    uint64_t seed = 42;
    const bench_option opt[] = {{"--ties", .size = &ties}, {"--seed", .u64 = &seed}, {"--calls", .size = &calls},
                                {"--disruptions", .size = &ndisr}};
    if (bench_options(argc, argv, opt, sizeof opt / sizeof *opt,
                      "lifecycle [--ties N] [--seed S] [--calls K] [--disruptions D]"))
        return 2;
    ot_config *c;
    bench_must(ot_config_new(&c), "config");
    bench_must(ot_config_set(c, OT_PARAM_KEEP_EVENTS, 0), "config");
    province p;
    if (province_reserve(&p, ties) || province_build(&p, c, ties, seed))
        return 1;
    ot_config_free(c);
    ot_model *m = p.m;

    /* Actors with 18 to 22 ties, in id order. */
    unsigned *deg = calloc(p.actors, sizeof *deg);
    double *dt = malloc((calls > 1000 ? calls : 1000) * sizeof *dt);
    if (!deg || !dt)
        return 1;
    for (size_t t = 0; t < p.ties; t++) {
        deg[p.tie_a[t]]++;
        deg[p.tie_b[t]]++;
    }
    ot_id *pick = malloc(2 * calls * sizeof *pick);
    size_t npick = 0;
    for (size_t a = 0; a < p.actors && npick < 2 * calls; a++)
        if (deg[a] >= 18 && deg[a] <= 22)
            pick[npick++] = (ot_id)a;
    if (npick < 2 * calls) {
        fprintf(stderr, "only %zu actors with about 20 ties\n", npick);
        return 1;
    }
    double now = 1.0, sum_deg = 0;
    for (size_t k = 0; k < calls; k++) {
        ot_id a = pick[k], org, sup;
        unsigned layer;
        bench_must(ot_actor_org(m, a, &org), "org");
        bench_must(ot_actor_layer(m, a, &layer), "layer");
        bench_must(ot_actor_superior(m, a, &sup), "superior");
        sum_deg += deg[a];
        double t0 = bench_now();
        bench_must(ot_actor_move(m, a, org, layer, sup, now), "move");
        dt[k] = (bench_now() - t0) * 1e6;
    }
    bench_report("actor_move_ties", sum_deg / (double)calls, "ties", p.ties);
    bench_report("actor_move", median(dt, calls), "us", p.ties);
    for (size_t k = 0; k < calls; k++) {
        double t0 = bench_now();
        bench_must(ot_actor_leave(m, pick[calls + k], now), "leave");
        dt[k] = (bench_now() - t0) * 1e6;
    }
    bench_report("actor_leave", median(dt, calls), "us", p.ties);

    /* Open disruptions on random active external ties. */
    uint64_t s = seed + 7;
    size_t opened = 0;
    ot_id *d = malloc(ndisr * sizeof *d);
    while (opened < ndisr) {
        size_t t = (size_t)(bench_rand(&s) % p.ties);
        int cls = 0, active = 0;
        bench_must(ot_tie_class(m, (ot_id)t, &cls), "class");
        bench_must(ot_tie_active(m, (ot_id)t, &active), "active");
        if (!active || cls == OT_INTERNAL || cls == OT_VERTICAL)
            continue;
        now += 1e-4;
        bench_must(ot_disrupt(m, p.tie_a[t], p.tie_b[t], OT_TASK, 0.1, 0, now, &d[opened]), "disrupt");
        opened++;
    }
    double due = 0, sink = 0;
    ot_id next = 0;
    size_t nq = 1000000;
    double t0 = bench_now();
    for (size_t i = 0; i < nq; i++) {
        bench_must(ot_next_due(m, &due, &next), "next due");
        sink += due;
    }
    bench_report("next_due", (bench_now() - t0) / (double)nq * 1e9, "ns", p.ties);
    size_t nref = 0;
    for (size_t k = 0; k < ndisr && nref < 1000; k++) {
        ot_id x = d[(size_t)(bench_rand(&s) % ndisr)];
        double t1 = bench_now();
        int rc = ot_refer(m, x, OT_JOINT, now);
        double el = (bench_now() - t1) * 1e6;
        if (rc == OT_OK)
            dt[nref++] = el;
    }
    bench_report("refer", median(dt, nref), "us", p.ties);
    bench_report("refer_calls", (double)nref, "calls", p.ties);
    bench_must(ot_model_check(m), "check");
    if (sink == 42.0)
        puts("");
    free(deg);
    free(dt);
    free(pick);
    free(d);
    province_free(&p);
    return 0;
}
