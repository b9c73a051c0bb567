/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include "province.h"

#include <stdio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEPT_SIZE 50  /* a manager and 49 operational staff */
#define DEPTS_PER_ORG 20
#define PARTNERS 3

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static size_t status_kb(const char *key)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    size_t kb = 0, n = strlen(key);
    if (!f)
        return 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, key, n) == 0)
            kb = strtoull(line + n, NULL, 10);
    fclose(f);
    return kb * 1024;
}

void bench_trim(void)
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

size_t bench_peak_rss(void) { return status_kb("VmHWM:"); }
size_t bench_rss(void) { return status_kb("VmRSS:"); }

typedef struct gen {
    province *p;
    size_t want, cap;
    uint64_t rng;
} gen;

static int tie(gen *g, ot_id a, ot_id b)
{
    if (g->p->ties >= g->want || a == b)
        return 0;
    ot_id id;
    int rc = ot_tie_add(g->p->m, a, b, &id);
    if (rc == OT_EEXIST)
        return 0;
    if (rc != OT_OK) {
        fprintf(stderr, "tie %u-%u: %s\n", (unsigned)a, (unsigned)b, ot_last_error());
        return -1;
    }
    g->p->tie_a[id] = a;
    g->p->tie_b[id] = b;
    g->p->ties++;
    return 0;
}

static size_t pick(gen *g, size_t n) { return (size_t)(bench_rand(&g->rng) % n); }

int province_reserve(province *p, size_t ties)
{
    memset(p, 0, sizeof *p);
    p->tie_a = malloc(ties * sizeof *p->tie_a + 1);
    p->tie_b = malloc(ties * sizeof *p->tie_b + 1);
    if (!p->tie_a || !p->tie_b) {
        fprintf(stderr, "province: out of memory\n");
        return -1;
    }
    /* Touch every page now: resident before the caller's baseline. */
    memset(p->tie_a, 0, ties * sizeof *p->tie_a + 1);
    memset(p->tie_b, 0, ties * sizeof *p->tie_b + 1);
    return 0;
}

int province_build(province *p, const ot_config *c, size_t ties, uint64_t seed)
{
    /* About nine ties per actor, rounded up to whole departments. */
    size_t actors = ties / 9 + DEPT_SIZE;
    size_t depts = (actors + DEPT_SIZE - 1) / DEPT_SIZE;
    size_t norgs = depts / DEPTS_PER_ORG < 2 ? 2 : depts / DEPTS_PER_ORG;
    if (depts < norgs)
        depts = norgs;
    gen g = {p, ties, 0, seed | 1};
    ot_id *admin = malloc(norgs * sizeof *admin);
    ot_id *dept_first = malloc(depts * sizeof *dept_first); /* the department's manager; staff follow */
    size_t *dept_org = malloc(depts * sizeof *dept_org);
    if (!admin || !dept_first || !dept_org || ot_model_new(c, &p->m) != OT_OK) {
        fprintf(stderr, "province: out of memory\n");
        return -1;
    }
    /* Organisations with their administrative top, then departments. */
    char name[64];
    for (size_t o = 0; o < norgs; o++) {
        ot_id org;
        snprintf(name, sizeof name, o % 10 == 0 ? "Waterschap %zu" : o % 10 < 7 ? "Gemeente %zu" : "Dienst %zu", o);
        if (ot_org_add(p->m, name, OT_NONE, &org) || ot_actor_add(p->m, org, 2, OT_NONE, "bestuur", &admin[o]))
            goto fail;
    }
    for (size_t d = 0; d < depts; d++) {
        size_t o = d % norgs;
        ot_id org, mgr, x;
        snprintf(name, sizeof name, "afdeling %zu", d);
        if (ot_org_add(p->m, name, (ot_id)o, &org) || ot_actor_add(p->m, org, 1, admin[o], "manager", &mgr))
            goto fail;
        dept_first[d] = mgr;
        dept_org[d] = o;
        for (int k = 1; k < DEPT_SIZE; k++)
            if (ot_actor_add(p->m, org, 0, mgr, "medewerker", &x))
                goto fail;
    }
    p->orgs = norgs + depts;
    p->actors = norgs + depts * DEPT_SIZE;
    /* A department's partner departments lie in partner organisations. */
    /* Ties until the target is met: the operational layer carries most. */
    for (int round = 0; p->ties < ties && round < 64; round++) {
        for (size_t d = 0; d < depts && p->ties < ties; d++) {
            ot_id mgr = dept_first[d];
            size_t o = dept_org[d];
            if (round == 0) {
                if (tie(&g, admin[o], mgr))
                    goto fail;
                for (int k = 1; k < DEPT_SIZE; k++)
                    if (tie(&g, mgr, mgr + (ot_id)k))
                        goto fail;
                if (d < norgs)
                    for (int k = 1; k <= PARTNERS; k++)
                        if (tie(&g, admin[d], admin[(d + (size_t)k) % norgs]))
                            goto fail;
            }
            size_t pd = (d + DEPTS_PER_ORG * (1 + pick(&g, PARTNERS)) + pick(&g, 3)) % depts;
            if (dept_org[pd] == o)
                pd = (pd + 1) % depts;
            if (dept_org[pd] == o)
                continue; /* a province of one organisation has no partners */
            if (tie(&g, mgr, dept_first[pd]) || tie(&g, mgr, dept_first[(d + 1 + pick(&g, depts - 1)) % depts]))
                goto fail;
            /* A few diagonal ties: a manager in the other side's operational team. */
            if (pick(&g, 4) == 0 && tie(&g, mgr, dept_first[pd] + 1 + (ot_id)pick(&g, DEPT_SIZE - 1)))
                goto fail;
            for (int k = 1; k < DEPT_SIZE; k++) {
                ot_id a = mgr + (ot_id)k;
                /* Six colleagues and two partners a round. */
                for (int j = 0; j < 6; j++)
                    if (tie(&g, a, mgr + 1 + (ot_id)pick(&g, DEPT_SIZE - 1)))
                        goto fail;
                for (int j = 0; j < 2; j++)
                    if (tie(&g, a, dept_first[pd] + 1 + (ot_id)pick(&g, DEPT_SIZE - 1)))
                        goto fail;
            }
        }
    }
    free(admin);
    free(dept_first);
    free(dept_org);
    return 0;
fail:
    fprintf(stderr, "province: %s\n", ot_last_error());
    free(admin);
    free(dept_first);
    free(dept_org);
    return -1;
}

void province_free(province *p)
{
    ot_model_free(p->m);
    free(p->tie_a);
    free(p->tie_b);
    memset(p, 0, sizeof *p);
}

ot_observation *province_observations(const province *p, size_t n, uint64_t seed, double t0)
{
    ot_observation *obs = malloc(n * sizeof *obs);
    if (!obs) {
        fprintf(stderr, "province: out of memory\n");
        exit(1);
    }
    uint64_t s = seed | 1;
    size_t per_day = n / 365 + 1;
    for (size_t i = 0; i < n; i++)
        obs[i] = province_observation(p, bench_rand(&s), t0 + (double)(i / per_day));
    return obs;
}

void bench_report(const char *name, double value, const char *unit, size_t ties)
{
    printf("%-28s %14.3f %-8s %zu\n", name, value, unit, ties);
    fflush(stdout);
}

void bench_must(int rc, const char *what)
{
    if (rc != OT_OK) {
        fprintf(stderr, "%s: %s\n", what, ot_last_error());
        exit(1);
    }
}

int bench_options(int argc, char **argv, const bench_option *opt, size_t n, const char *usage)
{
    for (int i = 1; i < argc; i++) {
        const bench_option *o = NULL;
        for (size_t k = 0; k < n && !o; k++)
            if (strcmp(argv[i], opt[k].name) == 0)
                o = &opt[k];
        if (o && o->flag) {
            *o->flag = 1;
            continue;
        }
        if (!o || i + 1 >= argc) {
            fprintf(stderr, "usage: %s\n", usage);
            return 2;
        }
        const char *v = argv[++i];
        if (o->size)
            *o->size = (size_t)strtoull(v, NULL, 10);
        else if (o->u64)
            *o->u64 = strtoull(v, NULL, 10);
        else
            *o->str = v;
    }
    return 0;
}
