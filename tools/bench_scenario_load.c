/* Times ot_scenario_load on a generated scenario: 200 actors in two
 * organisations, 199 ties, N observations (default one million) in
 * non-decreasing time, drawn from a fixed pseudo-random sequence so every
 * run loads the same text. Prints each run and the median.
 *   bench_scenario_load [EVENTS] [RUNS] [--write FILE]
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include <orgtrust.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    long events = argc > 1 ? atol(argv[1]) : 1000000;
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    const char *write = argc > 4 && strcmp(argv[3], "--write") == 0 ? argv[4] : NULL;
    if (events < 0 || runs < 1 || runs > 100)
        return 2;
    size_t cap = (size_t)events * 96 + 65536, len = 0;
    char *s = malloc(cap);
    if (!s)
        return 1;
#define PUT(...) (len += (size_t)snprintf(s + len, cap - len, __VA_ARGS__))
    PUT("{\"orgtrust\": 1,\n \"organisations\": [{\"id\": \"G\"}, {\"id\": \"W\"}],\n \"actors\": [\n");
    for (int i = 0; i < 200; i++)
        PUT("  {\"id\": \"a%d\", \"org\": \"%s\"}%s\n", i, i % 2 ? "W" : "G", i < 199 ? "," : "");
    PUT(" ],\n \"ties\": [\n");
    for (int i = 0; i < 199; i++)
        PUT("  {\"between\": [\"a%d\", \"a%d\"]}%s\n", i, i + 1, i < 198 ? "," : "");
    PUT(" ],\n \"events\": [\n");
    static const char *const kinds[] = {"agreement_kept", "delivered", "went_beyond", "failed_delivery"};
    uint64_t x = 88172645463325252ULL;
    for (long k = 0; k < events; k++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift64 */
        int i = (int)(x % 199), flip = (int)(x >> 40) & 1;
        PUT("  {\"t\": %ld, \"observe\": \"%s\", \"truster\": \"a%d\", \"trustee\": \"a%d\"}%s\n", k / 100,
            kinds[(x >> 20) & 3], flip ? i + 1 : i, flip ? i : i + 1, k + 1 < events ? "," : "");
    }
    PUT(" ]\n}\n");
    if (write) {
        FILE *f = fopen(write, "wb");
        if (!f || fwrite(s, 1, len, f) != len || fclose(f))
            return 1;
    }
    double t[100];
    for (int r = 0; r < runs; r++) {
        ot_model *m;
        double t0 = seconds();
        int rc = ot_scenario_load(s, len, &m);
        t[r] = seconds() - t0;
        if (rc) {
            fprintf(stderr, "load failed: %s\n", ot_last_error());
            return 1;
        }
        size_t n;
        ot_model_count(m, OT_EVENTS, &n);
        printf("run %d: %.3f s (%zu events kept, %.1f MB of text)\n", r + 1, t[r], n, len / 1e6);
        ot_model_free(m);
    }
    qsort(t, (size_t)runs, sizeof *t, cmp);
    printf("median of %d runs: %.3f s\n", runs, t[runs / 2]);
    free(s);
    return 0;
}
