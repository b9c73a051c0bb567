/* Fault injection for the store: SQLite's writes fail on demand through a
 * VFS shim that this test process registers as the default VFS (the host's
 * right; the library itself never touches SQLite's global settings), and
 * allocations fail through ot_set_allocator(). Each failure is tried at
 * every possible point in turn (k = 0, 1, 2, ... until the operation
 * succeeds): the call returns OT_EIO (or OT_ENOMEM), the model is
 * unchanged, the store on disk agrees with it, and the same handle works
 * again once the fault is gone. */
#include "store_util.h"

#include <sqlite3.h>

/* ---- the VFS shim ---------------------------------------------------------------- */

/* Which I/O calls fail: writes, fsyncs; FAIL_MAIN_DB limits them to the
 * store file itself (not its -wal log). */
enum { FAIL_WRITE = 1, FAIL_SYNC = 2, FAIL_MAIN_DB = 4 };

static struct {
    long countdown; /* I/O calls of the armed kinds before the failing one; -1: never */
    int kinds;
    int code;   /* what a failing write returns */
    int sticky; /* keep failing after the first failure: a full disk */
    long failed;
} fault = {.countdown = -1};

static void arm(long k, int kinds, int code, int sticky)
{
    fault.countdown = k;
    fault.kinds = kinds;
    fault.code = code;
    fault.sticky = sticky;
    fault.failed = 0;
}

static void disarm(void) { fault.countdown = -1; }

static int failing(int kind, int main_db)
{
    if (fault.countdown < 0 || !(fault.kinds & kind) || (fault.kinds & FAIL_MAIN_DB && !main_db))
        return 0;
    if (fault.countdown > 0) {
        fault.countdown--;
        return 0;
    }
    fault.failed++;
    if (!fault.sticky)
        fault.countdown = -1;
    return 1;
}

typedef struct shim_file {
    sqlite3_file base;
    sqlite3_file *real;
    int main_db;
} shim_file;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs shim_vfs;

#define REAL(f) (((shim_file *)(f))->real)
#define MAIN(f) (((shim_file *)(f))->main_db)
#define FWD(f, method, ...) REAL(f)->pMethods->method(REAL(f), __VA_ARGS__)

static int s_close(sqlite3_file *f) { return REAL(f)->pMethods->xClose(REAL(f)); }
static int s_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o) { return FWD(f, xRead, b, n, o); }
static int s_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{
    return failing(FAIL_WRITE, MAIN(f)) ? fault.code : FWD(f, xWrite, b, n, o);
}
static int s_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    return failing(FAIL_WRITE, MAIN(f)) ? SQLITE_IOERR_TRUNCATE : FWD(f, xTruncate, size);
}
static int s_sync(sqlite3_file *f, int flags)
{
    return failing(FAIL_SYNC, MAIN(f)) ? SQLITE_IOERR_FSYNC : FWD(f, xSync, flags);
}
static int s_size(sqlite3_file *f, sqlite3_int64 *size) { return FWD(f, xFileSize, size); }
static int s_lock(sqlite3_file *f, int l) { return FWD(f, xLock, l); }
static int s_unlock(sqlite3_file *f, int l) { return FWD(f, xUnlock, l); }
static int s_reserved(sqlite3_file *f, int *r) { return FWD(f, xCheckReservedLock, r); }
static int s_control(sqlite3_file *f, int op, void *arg) { return FWD(f, xFileControl, op, arg); }
static int s_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int s_device(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
static int s_shm_map(sqlite3_file *f, int pg, int sz, int ext, void volatile **p)
{
    return FWD(f, xShmMap, pg, sz, ext, p);
}
static int s_shm_lock(sqlite3_file *f, int off, int n, int flags) { return FWD(f, xShmLock, off, n, flags); }
static void s_shm_barrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int s_shm_unmap(sqlite3_file *f, int del) { return FWD(f, xShmUnmap, del); }
static int s_fetch(sqlite3_file *f, sqlite3_int64 o, int n, void **p) { return FWD(f, xFetch, o, n, p); }
static int s_unfetch(sqlite3_file *f, sqlite3_int64 o, void *p) { return FWD(f, xUnfetch, o, p); }

static const sqlite3_io_methods shim_io = {
    3,        s_close,  s_read,     s_write,      s_truncate,    s_sync,        s_size,
    s_lock,   s_unlock, s_reserved, s_control,    s_sector,      s_device,      s_shm_map,
    s_shm_lock, s_shm_barrier, s_shm_unmap, s_fetch, s_unfetch};

static int s_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out)
{
    (void)vfs;
    shim_file *p = (shim_file *)f;
    p->real = (sqlite3_file *)(p + 1);
    p->main_db = (flags & SQLITE_OPEN_MAIN_DB) != 0;
    int rc = real_vfs->xOpen(real_vfs, name, p->real, flags, out);
    f->pMethods = rc == SQLITE_OK && p->real->pMethods ? &shim_io : NULL;
    return rc;
}

static void register_shim(void)
{
    real_vfs = sqlite3_vfs_find(NULL);
    shim_vfs = *real_vfs;
    shim_vfs.zName = "ot_faults";
    shim_vfs.szOsFile = (int)sizeof(shim_file) + real_vfs->szOsFile;
    shim_vfs.xOpen = s_open;
    shim_vfs.pNext = NULL;
    if (sqlite3_vfs_register(&shim_vfs, 1) != SQLITE_OK)
        abort();
}

/* ---- files -------------------------------------------------------------------- */

static void remove_store(const char *path)
{
    char side[2048];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    unlink(path);
}

/* The store at `path` as it was in `pristine`. */
static void reset_store(const char *pristine, const char *path)
{
    remove_store(path);
    copy_file(pristine, path);
}

/* ---- operations under test ------------------------------------------------------- */

#define BASE_OBS 200 /* the pristine store: the story and 200 observations */

/* Each applies one operation; the same calls on `ref` (nothing on failure). */
typedef int (*operation)(ot_model *m);

static int op_observe(ot_model *m) { return observe_at(m, BASE_OBS); }

static int op_org(ot_model *m)
{
    ot_id id;
    return ot_org_add(m, "Provincie Zuid-Holland", OT_NONE, &id);
}

#define BATCH_N 3000
static int op_batch(ot_model *m)
{
    static ot_observation obs[BATCH_N];
    for (int i = 0; i < BATCH_N; i++)
        obs[i] = obs_at(BASE_OBS + (uint64_t)i);
    return ot_observe_batch(m, obs, BATCH_N, NULL);
}

/* A unit; a call failing inside it is followed by a rollback. */
static int op_unit(ot_model *m)
{
    int rc = ot_store_begin(m);
    if (rc)
        return rc;
    for (uint64_t i = 0; i < 300 && !rc; i++)
        rc = observe_at(m, BASE_OBS + i);
    if (!rc)
        rc = op_org(m);
    if (rc) {
        ck_ok(ot_store_rollback(m));
        return rc;
    }
    return ot_store_commit(m); /* on failure the unit is rolled back */
}

static int op_checkpoint(ot_model *m) { return ot_store_checkpoint(m); }

/* The calls of 1.1 (tests/store_util.h): a case's life in one unit, and a
 * departure on its own, autocommitted (Fatima leaves: her ties end, their
 * open disruptions are withdrawn). */
#define CASE_T 40.0 /* after the pristine store's last observation (32.199) */
static int op_case(ot_model *m)
{
    int rc = ot_store_begin(m);
    if (rc)
        return rc;
    if ((rc = case_unit(m, 0, CASE_T))) {
        ck_ok(ot_store_rollback(m));
        return rc;
    }
    return ot_store_commit(m);
}

static int op_leave(ot_model *m) { return ot_actor_leave(m, FATIMA, CASE_T); }

static void apply_ref(ot_model *ref, operation op)
{
    if (op == op_observe)
        ck_ok(observe_at(ref, BASE_OBS));
    else if (op == op_org)
        ck_ok(op_org(ref));
    else if (op == op_batch)
        for (int i = 0; i < BATCH_N; i++)
            ck_ok(observe_at(ref, BASE_OBS + (uint64_t)i));
    else if (op == op_unit) {
        for (uint64_t i = 0; i < 300; i++)
            ck_ok(observe_at(ref, BASE_OBS + i));
        ck_ok(op_org(ref));
    } else if (op == op_case)
        ck_ok(case_unit(ref, 0, CASE_T));
    else if (op == op_leave)
        ck_ok(op_leave(ref));
}

/* Fail the k-th I/O call of `kinds`, k = 0, 1, ..., until `op` succeeds. */
static long fail_each_point(operation op, const char *name, int kinds, int code, int sticky)
{
    char *dir = tmp_dir();
    char pristine[1024], path[1024];
    snprintf(pristine, sizeof pristine, "%s", in_dir(dir, "pristine"));
    snprintf(path, sizeof path, "%s", in_dir(dir, "store"));
    ot_model *m, *ref = reference(BASE_OBS), *after = reference(BASE_OBS);
    apply_ref(after, op);
    uint64_t want_before = digest_of(ref), want_after = digest_of(after);
    make_story_store(pristine, BASE_OBS);

    long k;
    for (k = 0;; k++) {
        ck_assert_msg(k < 100000, "%s: never succeeded", name);
        reset_store(pristine, path);
        ck_ok(ot_store_open(path, NULL, 0, &m));
        ot_state before = ot_state_of(m);
        arm(k, kinds, code, sticky);
        int rc = op(m);
        disarm();
        if (rc == OT_OK) {
            ck_assert_msg(fault.failed == 0, "%s, k = %ld: succeeded over a failed write", name, k);
            ck_assert_uint_eq(digest_of(m), want_after);
            ot_model_free(m);
            break;
        }
        ck_assert_msg(rc == OT_EIO, "%s, k = %ld: %d (%s)", name, k, rc, ot_last_error());
        ck_assert_msg(strstr(ot_last_error(), "store \"") && strstr(ot_last_error(), "SQLite error"),
                      "%s, k = %ld: message \"%s\"", name, k, ot_last_error());
        /* Nothing changed in memory ... */
        ck_unchanged(m, before);
        ck_assert_uint_eq(before.digest, want_before);
        if (k % 2) {
            /* ... and the same handle works once the fault is gone ... */
            ck_ok(op(m));
            ck_assert_uint_eq(digest_of(m), want_after);
            ot_model_free(m);
            ck_ok(ot_store_open(path, NULL, 0, &m));
            ck_assert_uint_eq(digest_of(m), want_after);
        } else {
            /* ... and nothing on disk: the file verifies as before (at
             * every 8th point: a verify replays the whole journal). */
            ot_model_free(m);
            ck_ok(ot_store_open(path, NULL, 0, &m));
            ck_unchanged(m, before);
            ck_assert_msg(k % 8 != 0 || ot_store_verify(path) == OT_OK, "%s, k = %ld: %s", name, k, ot_last_error());
        }
        ck_ok(ot_model_check(m));
        ot_model_free(m);
    }
    /* The operation with the fault placed after its last I/O call also
     * proves the reopened store, and the whole file verifies. */
    ck_store_is(path, after);
    ck_ok(ot_store_verify(path));
    ot_model_free(ref);
    ot_model_free(after);
    rm_dir(dir);
    return k;
}

static const struct {
    operation op;
    const char *name;
} OPS[] = {
    {op_observe, "ot_observe"},  {op_org, "ot_org_add"},         {op_batch, "ot_observe_batch"},
    {op_unit, "a unit"},         {op_checkpoint, "ot_store_checkpoint"},
    {op_case, "a case's life (the calls of 1.1)"}, {op_leave, "ot_actor_leave"},
};

START_TEST(a_failing_write_changes_nothing)
{
    long k = fail_each_point(OPS[_i].op, OPS[_i].name, FAIL_WRITE, SQLITE_IOERR_WRITE, 0);
    printf("%s: a write error at each of %ld points\n", OPS[_i].name, k);
}
END_TEST

START_TEST(a_full_disk_changes_nothing)
{
    long k = fail_each_point(OPS[_i].op, OPS[_i].name, FAIL_WRITE, SQLITE_FULL, 1);
    printf("%s: a full disk from each of %ld points on\n", OPS[_i].name, k);
}
END_TEST

START_TEST(a_failing_sync_changes_nothing)
{
    long k = fail_each_point(OPS[_i].op, OPS[_i].name, FAIL_SYNC, 0, 0);
    printf("%s: an fsync error at each of %ld points\n", OPS[_i].name, k);
}
END_TEST

/* Creating a store: a failure leaves no half store behind; the next try
 * makes a whole one. */
START_TEST(a_failing_create_can_be_retried)
{
    char *dir = tmp_dir();
    char path[1024];
    snprintf(path, sizeof path, "%s", in_dir(dir, "new"));
    for (long k = 0;; k++) {
        ck_assert(k < 10000);
        remove_store(path);
        ot_model *m = NULL;
        arm(k, FAIL_WRITE | FAIL_SYNC, SQLITE_IOERR_WRITE, 0);
        int rc = ot_store_open(path, NULL, OT_STORE_CREATE, &m);
        disarm();
        if (rc == OT_OK) {
            ot_model_free(m);
            break;
        }
        ck_assert_msg(rc == OT_EIO, "k = %ld: %d %s", k, rc, ot_last_error());
        ck_assert_ptr_null(m);
        ck_ok(ot_store_open(path, NULL, OT_STORE_CREATE, &m));
        ck_ok(story(m));
        ot_model_free(m);
        ot_model *ref = reference(0);
        ck_store_is(path, ref);
        ot_model_free(ref);
    }
    rm_dir(dir);
}
END_TEST

/* A new store dir/store (the name into path) with the story. */
static ot_model *story_in(const char *dir, char path[1024])
{
    ot_model *m;
    snprintf(path, 1024, "%s", in_dir(dir, "store"));
    ck_ok(ot_store_open(path, NULL, OT_STORE_CREATE, &m));
    ck_ok(story(m));
    return m;
}

/* Observations [first, first + 10000) of the stream. */
static const ot_observation *ten_thousand(uint64_t first)
{
    static ot_observation obs[10000];
    for (int i = 0; i < 10000; i++)
        obs[i] = obs_at(first + (uint64_t)i);
    return obs;
}

/* A unit larger than SQLite's page cache spills to the WAL before commit;
 * a full disk then fails a call inside the unit. The call changes
 * nothing; whether SQLite kept the transaction or gave it up, rollback
 * brings disk and memory back to the begin. */
START_TEST(a_full_disk_inside_a_large_unit)
{
    char *dir = tmp_dir(), path[1024];
    ot_model *m = story_in(dir, path), *ref = reference(0);
    ot_state at_begin = ot_state_of(m);
    ck_ok(ot_store_begin(m));
    int rc = OT_OK;
    uint64_t next = 0;
    arm(3, FAIL_WRITE, SQLITE_FULL, 1);
    for (int round = 0; round < 40 && !rc; round++) {
        const ot_observation *obs = ten_thousand(next);
        ot_state before = ot_state_of(m);
        rc = ot_observe_batch(m, obs, 10000, NULL);
        if (rc) {
            ck_assert_msg(rc == OT_EIO, "%d %s", rc, ot_last_error());
            ck_unchanged(m, before);
        } else
            next += 10000;
    }
    ck_assert_msg(rc == OT_EIO, "the page cache never spilled");
    printf("full disk inside a unit: %s\n", ot_last_error());
    /* While the disk is full, a commit fails and rolls the unit back. */
    rc = ot_store_commit(m);
    if (rc == OT_OK) /* (SQLite kept the transaction and the commit needed no new page) */
        ck_abort_msg("commit succeeded on a full disk");
    ck_assert_int_eq(rc, OT_EIO);
    disarm();
    ck_unchanged(m, at_begin);
    ck_status(ot_store_rollback(m), OT_ESTATE); /* the unit is over */
    ot_model_free(m);
    ck_store_is(path, ref);
    ot_model_free(ref);
    rm_dir(dir);
}
END_TEST

/* SQLite folds its log into the store file after commits (every 1000
 * pages). When the store file cannot be written while the log can, every
 * call still commits to the log, takes effect, and is there on reopening
 * (once the file can be written again). */
START_TEST(an_unwritable_store_file_behind_the_log_loses_nothing)
{
    char *dir = tmp_dir(), path[1024];
    ot_model *m = story_in(dir, path), *ref = reference(0);
    uint64_t next = 0;
    arm(0, FAIL_WRITE | FAIL_SYNC | FAIL_MAIN_DB, SQLITE_IOERR_WRITE, 1);
    for (int round = 0; round < 30 && fault.failed == 0; round++) {
        const ot_observation *obs = ten_thousand(next);
        ck_ok(ot_observe_batch(m, obs, 10000, NULL));
        ck_ok(ot_observe_batch(ref, obs, 10000, NULL)); /* the same as one by one */
        next += 10000;
        ck_assert_uint_eq(digest_of(m), digest_of(ref));
    }
    ck_assert_msg(fault.failed > 0, "SQLite never wrote to the store file");
    /* Single calls too, while the store file stays unwritable. */
    for (int i = 0; i < 20; i++) {
        ck_ok(observe_at(m, next));
        ck_ok(observe_at(ref, next++));
    }
    disarm();
    ck_assert_uint_eq(digest_of(m), digest_of(ref));
    ck_assert_uint_eq(count_of(m, OT_EVENTS), STORY_CALLS + next);
    ot_model_free(m);
    ck_store_is(path, ref);
    ot_model_free(ref);
    rm_dir(dir);
}
END_TEST

/* ---- allocation failures --------------------------------------------------------- */

static struct {
    long countdown;
    long live;
} mem = {.countdown = -1};

static int out_of_memory(void)
{
    if (mem.countdown < 0)
        return 0;
    return mem.countdown-- == 0;
}

static void *f_malloc(size_t n)
{
    if (out_of_memory())
        return NULL;
    void *p = malloc(n);
    mem.live += p != NULL;
    return p;
}

static void *f_realloc(void *p, size_t n)
{
    if (out_of_memory())
        return NULL;
    void *q = realloc(p, n);
    mem.live += q && !p;
    return q;
}

static void f_free(void *p)
{
    mem.live -= p != NULL;
    free(p);
}

/* Fail allocation k = 0, 1, ... of `call` until it succeeds; each failure
 * is OT_ENOMEM, changes nothing, and leaves no allocation behind. */
#define FAIL_EACH_ALLOCATION(call, on_failure)                                                                  \
    for (long k_ = 0;; k_++) {                                                                                 \
        ck_assert(k_ < 1000000);                                                                               \
        long live_ = mem.live;                                                                                 \
        mem.countdown = k_;                                                                                    \
        int rc_ = (call);                                                                                      \
        int hit_ = mem.countdown < 0;                                                                          \
        mem.countdown = -1;                                                                                    \
        if (rc_ == OT_OK) {                                                                                    \
            ck_assert_msg(!hit_, "%s succeeded over a failed allocation", #call);                              \
            break;                                                                                             \
        }                                                                                                      \
        ck_assert_msg(rc_ == OT_ENOMEM, "%s, allocation %ld: %d %s", #call, k_, rc_, ot_last_error());         \
        ck_assert_msg(mem.live == live_, "%s, allocation %ld: %ld allocations left behind", #call, k_,       \
                      mem.live - live_);                                                                       \
        on_failure;                                                                                            \
    }

START_TEST(out_of_memory_changes_nothing)
{
    ck_ok(ot_set_allocator(f_malloc, f_realloc, f_free));
    char *dir = tmp_dir();
    char path[1024], saved[1024];
    snprintf(path, sizeof path, "%s", in_dir(dir, "store"));
    snprintf(saved, sizeof saved, "%s", in_dir(dir, "saved"));
    ot_model *m = NULL, *ref = reference(50);

    /* Creating, opening (checkpoint and journal tail). */
    FAIL_EACH_ALLOCATION(ot_store_open(path, NULL, OT_STORE_CREATE, &m), ck_assert_ptr_null(m));
    ck_ok(story(m));
    for (uint64_t i = 0; i < 40; i++)
        ck_ok(observe_at(m, i));
    ck_ok(ot_store_checkpoint(m));
    for (uint64_t i = 40; i < 50; i++)
        ck_ok(observe_at(m, i));
    ot_model_free(m);
    m = NULL;
    FAIL_EACH_ALLOCATION(ot_store_open(path, NULL, 0, &m), ck_assert_ptr_null(m));
    ck_assert_uint_eq(digest_of(m), digest_of(ref));

    /* A mutating call that runs out of memory writes nothing. */
    ot_state before = ot_state_of(m);
    FAIL_EACH_ALLOCATION(ot_org_add(m, "Provincie", OT_NONE, NULL), ck_unchanged(m, before));
    ck_ok(ot_org_add(ref, "Provincie", OT_NONE, NULL));
    ck_assert_uint_eq(digest_of(m), digest_of(ref));

    /* Checkpoint, begin, rollback. */
    before = ot_state_of(m);
    FAIL_EACH_ALLOCATION(ot_store_checkpoint(m), ck_unchanged(m, before));
    FAIL_EACH_ALLOCATION(ot_store_begin(m), {
        ck_unchanged(m, before);
        ck_status(ot_store_commit(m), OT_ESTATE);
    });
    ot_id org;
    ck_ok(ot_org_add(m, "Tijdelijk", OT_NONE, &org));
    ck_ok(observe_at(m, 50));
    ot_state inside = ot_state_of(m);
    FAIL_EACH_ALLOCATION(ot_store_rollback(m), ck_unchanged(m, inside));
    ck_unchanged(m, before);
    ot_model_free(m);
    ck_ok(ot_store_open(path, NULL, 0, &m));
    ck_unchanged(m, before);

    /* Verifying and backing up: a failure leaves nothing behind. */
    FAIL_EACH_ALLOCATION(ot_store_verify(path), (void)0);
    const char *copy = in_dir(dir, "copy");
    FAIL_EACH_ALLOCATION(ot_store_backup(m, copy), ck_assert_int_ne(access(copy, F_OK), 0));
    ck_ok(ot_store_verify(copy));

    /* Saving: a failure leaves no file behind. */
    FAIL_EACH_ALLOCATION(ot_store_save(m, saved), ck_assert_int_ne(access(saved, F_OK), 0));
    ot_model_free(m);
    ck_ok(ot_store_open(saved, NULL, OT_STORE_READONLY, &m));
    ck_assert_uint_eq(digest_of(m), digest_of(ref));
    ot_model_free(m);
    ot_model_free(ref);
    ck_assert_int_eq(mem.live, 0);
    ck_ok(ot_set_allocator(NULL, NULL, NULL));
    rm_dir(dir);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("store faults");
    int nops = (int)(sizeof OPS / sizeof OPS[0]);
    TCase *tc = tcase_create("I/O");
    tcase_set_timeout(tc, 300);
    tcase_add_loop_test(tc, a_failing_write_changes_nothing, 0, nops);
    tcase_add_loop_test(tc, a_full_disk_changes_nothing, 0, nops);
    tcase_add_loop_test(tc, a_failing_sync_changes_nothing, 0, nops);
    tcase_add_test(tc, a_failing_create_can_be_retried);
    tcase_add_test(tc, a_full_disk_inside_a_large_unit);
    tcase_add_test(tc, an_unwritable_store_file_behind_the_log_loses_nothing);
    suite_add_tcase(s, tc);
    tc = tcase_create("memory");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, out_of_memory_changes_nothing);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    register_shim();
    return ot_run_suite(suite());
}
