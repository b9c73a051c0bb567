/* Fuzz the store's reading of files: the input bytes become a store file,
 * which is opened read-only and read-write. Whatever the bytes, opening
 * returns OT_OK, OT_EFORMAT, OT_EIO or OT_ENOMEM with a message, never
 * crashes or leaks; and a model it returns holds, so the harness traps
 * (a crash the fuzzer reports) when:
 *
 * - ot_model_check() finds an aggregate that differs from its
 *   recomputation, or a score outside [0, 1];
 * - the read-only and the read-write open of the same bytes disagree;
 * - after a checkpoint, reopening gives a different model (digest);
 * - exporting the events fails other than with OT_EFORMAT or OT_EIO;
 * - ot_store_verify() (the checksum chain of format 2, every entry
 *   replayed, every checkpoint) passes a file that then does not open, or
 *   passes it with a digest other than the opened model's; or verify
 *   passes before the read-write open and fails after its checkpoint
 *   (which upgrades a format-1 store: the chain it starts must hold); or
 *   the checkpoint refuses a file as damaged that verify passed.
 *
 * Built with clang -fsanitize=fuzzer,address,undefined as a libFuzzer target
 * (ORGTRUST_FUZZ=ON; `make fuzz`), or with any compiler plus
 * fuzzers/standalone.c to replay the seed corpus fuzzers/corpus/store/
 * under ctest.
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "record.h" /* oti_events_foreach: what export reads */

#include <orgtrust.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[512];
static char path[600], side[620];

static void cleanup(void)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        snprintf(side, sizeof side, "%s%s", path, suffix[i]);
        unlink(side);
    }
}

/* A directory of its own per input, removed when the input is done (also
 * when libFuzzer ends the run without running exit handlers). */
static void setup(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/ot_fuzz_store_XXXXXX", base && base[0] ? base : "/tmp");
    if (!mkdtemp(dir))
        abort();
    snprintf(path, sizeof path, "%s/store", dir);
}

static void teardown(void)
{
    cleanup();
    rmdir(dir);
}

/* A failed invariant names its line, so a crash input found in CI can be
 * told apart from a sanitizer report at a glance. */
static void must_at(int ok, int line)
{
    if (!ok) {
        fprintf(stderr, "store_open.c:%d: invariant failed (%s)\n", line, ot_last_error());
        abort();
    }
}
#define must(ok) must_at((ok), __LINE__)

static int expected(int rc) { return rc == OT_OK || rc == OT_EFORMAT || rc == OT_EIO || rc == OT_ENOMEM; }

static int count(void *arg, const oti_event *ev, const char *name)
{
    (void)ev, (void)name;
    ++*(size_t *)arg;
    return 0;
}

/* What every opened model must satisfy; its digest. */
static uint64_t inspect(ot_model *m)
{
    uint64_t d = 0;
    size_t n = 0, events = 0;
    must(ot_model_check(m) == OT_OK);
    must(ot_model_digest(m, &d) == OT_OK);
    must(ot_model_count(m, OT_EVENTS, &events) == OT_OK);
    int rc = oti_events_foreach(m, count, &n);
    must(rc == OT_OK ? n == events : rc == OT_EFORMAT || rc == OT_EIO || rc == OT_ENOMEM);
    return d;
}

static void write_input(const uint8_t *data, size_t size)
{
    cleanup();
    FILE *f = fopen(path, "wb");
    must(f != NULL);
    must(fwrite(data, 1, size, f) == size);
    must(fclose(f) == 0);
}

/* The digest ot_store_verify_report() gives, or the status. */
static int verified(uint64_t *digest)
{
    char *json = NULL;
    int rc = ot_store_verify_report(path, &json, NULL);
    must(expected(rc) && (rc == OT_OK || ot_last_error()[0]));
    if (rc == OT_OK) {
        const char *d = strstr(json, "\"digest\": \"");
        must(d != NULL);
        /* the last "digest" is the replayed state's */
        for (const char *n; (n = strstr(d + 1, "\"digest\": \"")); d = n)
            ;
        *digest = strtoull(d + 11, NULL, 16);
    }
    ot_free(json);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    write_input(data, size);
    ot_model *m = NULL;
    uint64_t ro = 0, vd = 0;
    int rc_v = verified(&vd);
    write_input(data, size);
    int rc_ro = ot_store_open(path, NULL, OT_STORE_READONLY, &m);
    must(expected(rc_ro) && (rc_ro == OT_OK || ot_last_error()[0]));
    must(rc_v != OT_OK || rc_ro == OT_OK || rc_ro == OT_ENOMEM);
    if (rc_ro == OT_OK) {
        ro = inspect(m);
        must(rc_v != OT_OK || ro == vd);
        must(ot_observe(m, 0, 1, OT_DELIVERED, 1.0, 1e9) == OT_ESTATE);
        ot_model_free(m);
    }
    /* Read-write on a fresh copy of the bytes (the read-only open may have
     * left a -wal or -shm file). */
    write_input(data, size);
    m = NULL;
    int rc = ot_store_open(path, NULL, 0, &m);
    must(expected(rc));
    if (rc == OT_OK) {
        uint64_t d = inspect(m);
        must(rc_ro != OT_OK || d == ro);
        rc = ot_store_checkpoint(m);
        /* OT_EFORMAT: a 1.0 store whose journal before its last checkpoint
         * (which the open does not read) is damaged cannot start its chain;
         * the deep verify, which reads all of it, must have failed too. */
        must(rc == OT_OK || rc == OT_EIO || rc == OT_ESTATE || rc == OT_ELIMIT || rc == OT_ENOMEM ||
             (rc == OT_EFORMAT && rc_v != OT_OK));
        ot_model_free(m);
        if (rc == OT_OK) {
            m = NULL;
            must(ot_store_open(path, NULL, OT_STORE_READONLY, &m) == OT_OK);
            must(inspect(m) == d);
            ot_model_free(m);
            uint64_t after = 0;
            int rc_after = verified(&after);
            must(rc_v != OT_OK || rc_after == OT_ENOMEM || (rc_after == OT_OK && after == d));
        }
    }
    teardown();
    return 0;
}
