/* The C side of bench_observe.py: the same network, the same observations
 * (read from the file the Python side wrote), applied with one
 * ot_observe_batch call or an ot_observe loop, timed around the call only.
 *
 *   bench_observe FILE batch|single N_ROWS KEEP_EVENTS
 *
 * prints "<seconds> <digest>" for one run.
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 199309L
#include <orgtrust.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define OPS 500
#define MGRS 10
#define ADMS 2
#define FANOUT 4

static void die(const char *what)
{
    fprintf(stderr, "bench_observe: %s: %s\n", what, ot_last_error());
    exit(1);
}

/* The network of bench_observe.py's build(): keep the two in step. */
static ot_model *build(int keep_events)
{
    ot_config *c;
    ot_model *m;
    ot_id org[2], base[2];
    char name[32];
    if (ot_config_new(&c) || ot_config_set(c, OT_PARAM_KEEP_EVENTS, keep_events) || ot_model_new(c, &m))
        die("model");
    ot_config_free(c);
    for (int s = 0; s < 2; s++) {
        snprintf(name, sizeof name, "org%d", s);
        if (ot_org_add(m, name, OT_NONE, &org[s]))
            die("org");
        for (int i = 0; i < OPS + MGRS + ADMS; i++) {
            unsigned layer = i < OPS ? 0 : i < OPS + MGRS ? 1 : 2;
            ot_id id;
            snprintf(name, sizeof name, "%d-%d", s, i);
            if (ot_actor_add(m, org[s], layer, OT_NONE, name, &id))
                die("actor");
            if (i == 0)
                base[s] = id;
        }
    }
    for (int i = 0; i < OPS; i++)
        for (int k = 0; k < FANOUT; k++)
            if (ot_tie_add(m, base[0] + i, base[1] + (7 * i + 131 * k) % OPS, NULL))
                die("tie");
    for (int i = OPS; i < OPS + MGRS + ADMS; i++)
        if (ot_tie_add(m, base[0] + i, base[1] + i, NULL))
            die("tie");
    return m;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: bench_observe FILE batch|single N_ROWS KEEP_EVENTS\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    size_t n = strtoul(argv[3], NULL, 10);
    ot_observation *obs = malloc(n * sizeof *obs);
    if (!obs || fread(obs, sizeof *obs, n, f) != n) {
        fprintf(stderr, "bench_observe: cannot read %zu observations from %s\n", n, argv[1]);
        return 1;
    }
    fclose(f);
    ot_model *m = build(atoi(argv[4]));
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (strcmp(argv[2], "batch") == 0) {
        if (ot_observe_batch(m, obs, n, NULL))
            die("ot_observe_batch");
    } else {
        for (size_t i = 0; i < n; i++)
            if (ot_observe(m, obs[i].truster, obs[i].trustee, obs[i].kind, obs[i].magnitude, obs[i].t))
                die("ot_observe");
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    uint64_t digest;
    if (ot_model_digest(m, &digest))
        die("digest");
    printf("%.9f %llu\n", (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9,
           (unsigned long long)digest);
    ot_model_free(m);
    free(obs);
    return 0;
}
