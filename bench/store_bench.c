/* The store's benchmarks: one line per figure, "name value unit ties".
 *
 *   store_bench [--ties N] [--events N] [--batch N] [--reopen R] [--seed S]
 *               [--file PATH] [--keep] [--replay]
 *
 * Builds a province of about N ties (bench/province.c) and saves it as a
 * store (ot_store_save), then times:
 *
 *   store_batch      observations written into the store in ot_observe_batch
 *                    calls of --batch (10,000) each, one transaction each,
 *                    until the journal holds --events (10 million) entries;
 *   memory_batch     the same batches into an in-memory model (events not
 *                    kept), and the ratio of the two;
 *   store_single     autocommitted ot_observe calls (each durable: an fsync);
 *   store_replay     (--replay) opening the store before any checkpoint: the
 *                    whole journal replayed;
 *   store_checkpoint writing the checkpoint; closing;
 *   store_reopen     ot_store_open of the checkpointed store, --reopen times
 *                    (median, min, max), each checked bit-identical (digest);
 *   store_verify     ot_store_verify of the store: the checksum chain over
 *                    every entry, every entry replayed, the checkpoint
 *                    compared (time, and entries a second);
 *   store_backup     (--backup) ot_store_backup into a second file.
 *
 * Not run by `make test`. The file (default store_bench.otstore in the
 * current directory) is removed at the end unless --keep.
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "province.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void report(const char *name, double value, const char *unit, size_t ties)
{
    printf("%-28s %14.3f %-8s %zu\n", name, value, unit, ties);
    fflush(stdout);
}

static void must(int rc, const char *what)
{
    if (rc != OT_OK) {
        fprintf(stderr, "%s: %s\n", what, ot_last_error());
        exit(1);
    }
}

/* A batch of observations on random ties, all at time t (a day's worth). */
static void fill(const province *p, ot_observation *obs, size_t n, uint64_t *rng, double t)
{
    for (size_t i = 0; i < n; i++)
        obs[i] = province_observation(p, bench_rand(rng), t);
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void remove_store(const char *path)
{
    char side[1100];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

int main(int argc, char **argv)
{
    size_t ties = 100000, events = 10000000, batch = 10000, reopen = 5;
    uint64_t seed = 2026;
    const char *path = "store_bench.otstore";
    int keep = 0, replay = 0, backup = 0;
    const bench_option opt[] = {
        {"--ties", .size = &ties},     {"--events", .size = &events}, {"--batch", .size = &batch},
        {"--reopen", .size = &reopen}, {"--seed", .u64 = &seed},      {"--file", .str = &path},
        {"--keep", .flag = &keep},     {"--replay", .flag = &replay}, {"--backup", .flag = &backup},
    };
    if (bench_options(argc, argv, opt, sizeof opt / sizeof *opt,
                      "store_bench [--ties N] [--events N] [--batch N] [--reopen R] [--seed S] [--file PATH] [--keep] "
                      "[--replay] [--backup]"))
        return 2;
    if (batch == 0 || reopen == 0 || strlen(path) > 1000) {
        fprintf(stderr, "store_bench: --batch and --reopen must be positive, --file at most 1000 bytes\n");
        return 2;
    }

    /* The province twice: one keeps its events, to be saved as the store;
     * one does not, for the in-memory comparison. Same seed, same model. */
    province p, q;
    if (province_reserve(&p, ties) || province_build(&p, NULL, ties, seed))
        return 1;
    ot_config *c;
    must(ot_config_new(&c), "config");
    must(ot_config_set(c, OT_PARAM_KEEP_EVENTS, 0), "config");
    if (province_reserve(&q, ties) || province_build(&q, c, ties, seed))
        return 1;
    ot_config_free(c);
    remove_store(path);
    double t = bench_now();
    must(ot_store_save(p.m, path), "save");
    report("store_save", bench_now() - t, "s", p.ties);
    size_t structure;
    must(ot_model_count(p.m, OT_EVENTS, &structure), "count");
    report("store_structure_entries", (double)structure, "entries", p.ties);

    ot_model *m;
    must(ot_store_open(path, NULL, 0, &m), "open");
    ot_observation *obs = malloc(batch * sizeof *obs);
    if (!obs)
        return 1;
    uint64_t rng = seed + 1;
    size_t written = structure, n = 0;
    double store_s = 0.0, memory_s = 0.0, day = 0.0;
    while (written < events) {
        size_t k = events - written < batch ? events - written : batch;
        fill(&p, obs, k, &rng, day++);
        t = bench_now();
        must(ot_observe_batch(m, obs, k, NULL), "store batch");
        store_s += bench_now() - t;
        t = bench_now();
        must(ot_observe_batch(q.m, obs, k, NULL), "memory batch");
        memory_s += bench_now() - t;
        written += k;
        n += k;
    }
    report("store_batch", (double)n / store_s / 1e3, "k/s", p.ties);
    report("memory_batch", (double)n / memory_s / 1e3, "k/s", p.ties);
    report("store_to_memory_ratio", memory_s / store_s, "ratio", p.ties);

    /* Autocommitted, durable one by one (not counted in --events). */
    size_t singles = 2000;
    fill(&p, obs, singles < batch ? singles : batch, &rng, day++);
    singles = singles < batch ? singles : batch;
    t = bench_now();
    for (size_t i = 0; i < singles; i++)
        must(ot_observe(m, obs[i].truster, obs[i].trustee, obs[i].kind, obs[i].magnitude, obs[i].t), "observe");
    report("store_single", (double)singles / (bench_now() - t), "calls/s", p.ties);

    if (replay) {
        uint64_t before, after;
        must(ot_model_digest(m, &before), "digest");
        ot_model_free(m);
        t = bench_now();
        must(ot_store_open(path, NULL, 0, &m), "reopen");
        report("store_replay", bench_now() - t, "s", p.ties);
        must(ot_model_digest(m, &after), "digest");
        if (after != before) {
            fprintf(stderr, "store_bench: the replayed store differs from the one closed\n");
            return 1;
        }
    }
    t = bench_now();
    must(ot_store_checkpoint(m), "checkpoint");
    report("store_checkpoint", bench_now() - t, "s", p.ties);
    uint64_t want;
    size_t total;
    must(ot_model_digest(m, &want), "digest");
    must(ot_model_count(m, OT_EVENTS, &total), "count");
    t = bench_now();
    ot_model_free(m);
    report("store_close", bench_now() - t, "s", p.ties);
    struct stat st;
    if (stat(path, &st) == 0)
        report("store_file_size", (double)st.st_size / 1048576.0, "MiB", p.ties);
    report("store_journal_entries", (double)total, "entries", p.ties);

    double *times = malloc(reopen * sizeof *times);
    if (!times)
        return 1;
    for (size_t i = 0; i < reopen; i++) {
        t = bench_now();
        must(ot_store_open(path, NULL, 0, &m), "reopen");
        times[i] = bench_now() - t;
        uint64_t got;
        size_t count;
        must(ot_model_digest(m, &got), "digest");
        must(ot_model_count(m, OT_EVENTS, &count), "count");
        if (got != want || count != total) {
            fprintf(stderr, "store_bench: the reopened store differs from the one closed\n");
            return 1;
        }
        ot_model_free(m);
    }
    qsort(times, reopen, sizeof *times, by_value);
    report("store_reopen_median", times[reopen / 2], "s", p.ties);
    report("store_reopen_min", times[0], "s", p.ties);
    report("store_reopen_max", times[reopen - 1], "s", p.ties);
    t = bench_now();
    must(ot_store_verify(path), "verify");
    double verify_s = bench_now() - t;
    report("store_verify", verify_s, "s", p.ties);
    report("store_verify_rate", (double)total / verify_s / 1e6, "M/s", p.ties);
    if (backup) {
        char copy[1100];
        snprintf(copy, sizeof copy, "%s.backup", path);
        remove_store(copy);
        must(ot_store_open(path, NULL, OT_STORE_READONLY, &m), "open");
        t = bench_now();
        must(ot_store_backup(m, copy), "backup");
        report("store_backup", bench_now() - t, "s", p.ties);
        ot_model_free(m);
        remove_store(copy);
    }
    report("peak_rss", (double)bench_peak_rss() / 1048576.0, "MiB", p.ties);
    free(times);
    free(obs);
    province_free(&p);
    province_free(&q);
    if (!keep)
        remove_store(path);
    return 0;
}
