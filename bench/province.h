/* A seeded generator of realistic structures for the benchmarks: the
 * municipalities, water boards and other bodies of a province, each with
 * directorates and departments on three layers, reporting lines, mostly
 * operational ties inside departments and between partner organisations,
 * and a few diagonal ones.
 * SPDX-License-Identifier: MIT */
#ifndef OT_BENCH_PROVINCE_H
#define OT_BENCH_PROVINCE_H

#include <orgtrust.h>
#include <stddef.h>
#include <stdint.h>

typedef struct province {
    ot_model *m;
    size_t orgs, actors, ties;
    ot_id *tie_a, *tie_b; /* the two ends of every tie, by tie id */
} province;

/* xorshift64*: small, fast, and the same sequence everywhere. */
static inline uint64_t bench_rand(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545f4914f6cdd1dULL;
}

/* The observation at time t on the tie and direction the random number r
 * picks, of one of the eight kinds, magnitude 1. */
static inline ot_observation province_observation(const province *p, uint64_t r, double t)
{
    size_t tie = (size_t)(r % p->ties);
    int dir = (int)(r >> 40) & 1;
    return (ot_observation){.truster = dir ? p->tie_b[tie] : p->tie_a[tie],
                            .trustee = dir ? p->tie_a[tie] : p->tie_b[tie],
                            .kind = (int32_t)(OT_AGREEMENT_KEPT + (r >> 44) % (OT_CONCEALED - OT_AGREEMENT_KEPT + 1)),
                            .reserved = 0,
                            .magnitude = 1.0,
                            .t = t};
}

/* n observations on random ties in random directions, a day's worth at a
 * time over a year from t0 (malloc'd; exits when memory runs out). */
ot_observation *province_observations(const province *p, size_t n, uint64_t seed, double t0);

/* Allocate and touch the benchmark's own arrays (tie_a, tie_b) for about
 * `ties` ties, so a memory baseline taken after this call leaves them out.
 * Returns 0, or -1 with a message on stderr. */
int province_reserve(province *p, size_t ties);
/* Build a province with about `ties` ties (about one actor per nine ties)
 * into a new model made from `c` (NULL: defaults); p must come from
 * province_reserve(p, ties). Returns 0, or -1 with a message on stderr. */
int province_build(province *p, const ot_config *c, size_t ties, uint64_t seed);
void province_free(province *p);

/* Peak and current resident memory of this process, in bytes. */
size_t bench_peak_rss(void);
size_t bench_rss(void);
/* Hand the allocator's free heap pages back to the system (glibc). */
void bench_trim(void);
/* Monotonic seconds. */
double bench_now(void);

/* One figure: "name value unit ties", flushed. */
void bench_report(const char *name, double value, const char *unit, size_t ties);
/* Exit with the library's message when a call failed. */
void bench_must(int rc, const char *what);

/* One command-line option of a benchmark: "--name VALUE" into exactly one
 * of size (a count), u64 (a seed) or str; or "--name" alone setting *flag
 * to 1. */
typedef struct bench_option {
    const char *name;
    size_t *size;
    uint64_t *u64;
    const char **str;
    int *flag;
} bench_option;

/* Parse argv against the n options; 0, or 2 after printing "usage: " and
 * `usage` on stderr for an unknown option or a missing value. */
int bench_options(int argc, char **argv, const bench_option *opt, size_t n, const char *usage);

#endif
