/* lib/alloc.c: the allocator hook, and SQLite's method of failing the k-th
 * allocation of an operation for k = 1, 2, ... until it succeeds. After each
 * failure the call must have returned OT_ENOMEM, the model must be exactly
 * as before (digest, counts, clock), and nothing may leak. */
#include "testutil.h"
#include "kinds.h" /* the observation kinds: generators draw from all of them */

#include "alloc.h"
#include "snapshot.h"

#include <stdlib.h>
#include <string.h>

/* ---- a counting allocator that fails on demand ----------------------- */

static long allocs;  /* successful allocations so far */
static long live;    /* blocks allocated and not yet freed */
static long fail_at; /* the allocation number that fails; 0: none */

static int should_fail(void)
{
    return fail_at != 0 && allocs + 1 == fail_at;
}

static void *t_malloc(size_t n)
{
    if (should_fail()) {
        fail_at = 0;
        return NULL;
    }
    void *p = malloc(n);
    if (p) {
        allocs++;
        live++;
    }
    return p;
}

static void *t_realloc(void *p, size_t n)
{
    if (should_fail()) {
        fail_at = 0;
        return NULL;
    }
    void *q = realloc(p, n);
    if (q) {
        allocs++;
        if (!p)
            live++;
    }
    return q;
}

static void t_free(void *p)
{
    if (p)
        live--;
    free(p);
}

static void setup(void)
{
    allocs = live = fail_at = 0;
    ck_ok(ot_set_allocator(t_malloc, t_realloc, t_free));
}

static void teardown(void)
{
    ck_assert_msg(live == 0, "%ld blocks leaked", live);
    ck_ok(ot_set_allocator(NULL, NULL, NULL));
}

/* ---- the model the operations run on ------------------------------------- */

/* Two municipalities' departments and a water board, three layers, with a
 * nested pair so that a new tie needs several new pair records. */
typedef struct world {
    ot_model *m;
    ot_id g, g_ro, g_ro_team, w, w_dept;
    ot_id weth, dijk, mgr_g, mgr_w, roy, fatima, bram;
    ot_id d;  /* an open disruption */
    double t; /* the time for the next event */
} world;

static world build(int keep_events)
{
    world x;
    ot_config *c;
    ck_ok(ot_config_new(&c));
    ck_ok(ot_config_set(c, OT_PARAM_KEEP_EVENTS, keep_events));
    ck_ok(ot_model_new(c, &x.m));
    ot_config_free(c);
    ck_ok(ot_org_add(x.m, "Gemeente", OT_NONE, &x.g));
    ck_ok(ot_org_add(x.m, "Ruimtelijke ordening", x.g, &x.g_ro));
    ck_ok(ot_org_add(x.m, "Team watertoets", x.g_ro, &x.g_ro_team));
    ck_ok(ot_org_add(x.m, "Waterschap", OT_NONE, &x.w));
    ck_ok(ot_org_add(x.m, "Watersysteem", x.w, &x.w_dept));
    ck_ok(ot_actor_add(x.m, x.g, 2, OT_NONE, "wethouder", &x.weth));
    ck_ok(ot_actor_add(x.m, x.w, 2, OT_NONE, "dijkgraaf", &x.dijk));
    ck_ok(ot_actor_add(x.m, x.g_ro, 1, x.weth, "manager RO", &x.mgr_g));
    ck_ok(ot_actor_add(x.m, x.w_dept, 1, x.dijk, "manager watersysteem", &x.mgr_w));
    ck_ok(ot_actor_add(x.m, x.g_ro_team, 0, x.mgr_g, "Roy", &x.roy));
    ck_ok(ot_actor_add(x.m, x.w_dept, 0, x.mgr_w, "Fatima", &x.fatima));
    ck_ok(ot_actor_add(x.m, x.w_dept, 0, x.mgr_w, "Bram", &x.bram));
    ck_ok(ot_tie_add(x.m, x.weth, x.dijk, NULL));
    ck_ok(ot_tie_add(x.m, x.mgr_g, x.mgr_w, NULL));
    ck_ok(ot_tie_add(x.m, x.roy, x.fatima, NULL));
    ck_ok(ot_tie_add(x.m, x.roy, x.mgr_g, NULL));
    ck_ok(ot_observe(x.m, x.roy, x.fatima, OT_AGREEMENT_KEPT, 1, 1));
    ck_ok(ot_disrupt(x.m, x.roy, x.fatima, OT_RELATIONAL, 0.5, 0, 2, &x.d));
    x.t = 3;
    return x;
}

/* The state, read without the failure armed (the checker allocates). */
static ot_state quiet_state(const ot_model *m)
{
    long saved = fail_at;
    fail_at = 0;
    ot_state s = ot_state_of(m);
    fail_at = saved;
    return s;
}

typedef int (*op_fn)(world *x);

/* Fail allocation 1, 2, ... of op until it succeeds; count the failures. */
static int fail_each(world *x, op_fn op)
{
    for (long k = 1;; k++) {
        ot_state before = quiet_state(x->m);
        fail_at = allocs + k;
        int rc = op(x);
        int failed = fail_at == 0; /* the armed allocation was reached */
        fail_at = 0;
        if (rc == OT_OK) {
            ck_ok(ot_model_check(x->m));
            ck_assert_msg(!failed, "the operation succeeded although allocation %ld failed", k);
            x->t += 1;
            return (int)(k - 1);
        }
        ck_assert_msg(rc == OT_ENOMEM, "allocation %ld failed: status %d (%s), not OT_ENOMEM", k, rc,
                      ot_last_error());
        ck_assert_msg(strstr(ot_last_error(), "memory") != NULL, "message: %s", ot_last_error());
        ck_unchanged(x->m, before);
        ck_assert_msg(k < 10000, "the operation never succeeds");
    }
}

/* Every operation, `reps` times in a row, on a model that keeps its events
 * and on one that does not. Thirty calls are sure to grow the kept event log
 * at least once (it grows by half again when full), so on the keeping model
 * some allocation of every repeatable operation gets failed. */
static void run(op_fn op, int reps)
{
    for (int keep = 0; keep <= 1; keep++) {
        world x = build(keep);
        int n = 0;
        for (int r = 0; r < reps; r++)
            n += fail_each(&x, op);
        if (keep && reps >= 30)
            ck_assert_msg(n > 0, "no allocation of the operation was failed");
        ot_model_free(x.m);
    }
}

static int op_org(world *x) { return ot_org_add(x->m, "Provincie", OT_NONE, NULL); }
static int op_actor(world *x) { return ot_actor_add(x->m, x->g_ro_team, 0, x->mgr_g, "Sanne", NULL); }
/* A new nested external tie: Bram's department and Roy's team need new pair
 * records on every level, and both need actor contributions. */
static int op_tie(world *x) { return ot_tie_add(x->m, x->bram, x->roy, NULL); }
static int op_tie_set(world *x) { return ot_tie_set(x->m, 2, OT_TIE_INTENSITY, 2.5); }
static int op_superior(world *x) { return ot_actor_set_superior(x->m, x->roy, x->weth); }
static int op_propensity(world *x) { return ot_actor_set_propensity(x->m, x->roy, 0.7); }
static int op_observe(world *x) { return ot_observe(x->m, x->fatima, x->roy, OT_WENT_BEYOND, 1.5, x->t); }

static int op_batch(world *x)
{
    ot_observation obs[40];
    for (int i = 0; i < 40; i++)
        obs[i] = (ot_observation){i % 2 ? x->roy : x->fatima, i % 2 ? x->fatima : x->roy, OTI_KIND_FIRST + (int)(i % OTI_NKINDS), 0, 1.0,
                                  x->t};
    size_t applied;
    return ot_observe_batch(x->m, obs, 40, &applied);
}

static int op_disrupt(world *x) { return ot_disrupt(x->m, x->mgr_w, x->mgr_g, OT_TASK, 0.4, 1, x->t, NULL); }
static int op_repair(world *x) { return ot_repair(x->m, x->d, x->t); }
static int op_escalate(world *x) { return ot_escalate(x->m, x->d, OT_UNILATERAL, x->t, NULL, NULL); }
/* A promise needs a record in the side table of rare state (the first on
 * its tie); revealing a denial false records deceptive evidence. */
static int op_promise(world *x) { return ot_respond(x->m, x->d, OT_RESPONSE_PROMISE, x->t); }
static int op_reveal(world *x) { return ot_reveal(x->m, x->d, 0, x->t); }
static int op_consult(world *x) { return ot_consult(x->m, x->weth, x->dijk, x->roy, OT_NONE, x->t); }
static int op_rule(world *x) { return ot_impose_general_rule(x->m, x->g, x->t); }

/* People come and go, and the ladder (docs/model.md, sections 13-14). */
static int op_advance(world *x) { return ot_advance(x->m, x->t); }
/* Roy moves to the waterschap's department and back, in turn: his ties are
 * re-placed under pair records made the first time. */
static int op_move(world *x)
{
    int there = ((long)x->t) % 2;
    return there ? ot_actor_move(x->m, x->roy, x->w_dept, 0, x->mgr_w, x->t)
                 : ot_actor_move(x->m, x->roy, x->g_ro_team, 0, x->mgr_g, x->t);
}
static int op_refer(world *x) { return ot_refer(x->m, x->d, OT_UNILATERAL, x->t); }
static int op_resolve(world *x) { return ot_resolve(x->m, x->d, x->t, NULL); }
static int op_tie_end(world *x) { return ot_tie_end(x->m, 2, x->t); }
static int op_restart(world *x) { return ot_tie_add(x->m, x->fatima, x->roy, NULL); }
static int op_leave(world *x) { return ot_actor_leave(x->m, x->mgr_g, x->t); }

START_TEST(lifecycle_calls_survive_every_failure)
{
    run(op_advance, 30);
    run(op_move, 30);
    run(op_leave, 1);
    for (int keep = 0; keep <= 1; keep++) {
        world x = build(keep);
        fail_each(&x, op_refer); /* to the managers, whose tie is unhealthy */
        fail_each(&x, op_resolve); /* fails there: still open */
        fail_each(&x, op_tie_end); /* the tie of the open disruption: withdrawn */
        fail_each(&x, op_restart);
        fail_each(&x, op_leave);
        ot_model_free(x.m);
    }
}
END_TEST

START_TEST(structure_calls_survive_every_failure)
{
    run(op_org, 30);
    run(op_actor, 30);
    run(op_tie, 1);
}
END_TEST

START_TEST(attribute_calls_survive_every_failure)
{
    run(op_tie_set, 30);
    run(op_superior, 30);
    run(op_propensity, 30);
}
END_TEST

START_TEST(events_survive_every_failure)
{
    run(op_observe, 30);
    run(op_batch, 30);
    run(op_disrupt, 30);
    run(op_repair, 1); /* once: the disruption is then closed */
    run(op_escalate, 1);
    run(op_promise, 1); /* once: one response per disruption */
    run(op_reveal, 1);  /* once per disruption */
    run(op_consult, 30);
    run(op_rule, 30);
}
END_TEST

START_TEST(model_and_config_creation)
{
    for (long k = 1;; k++) {
        ot_config *c = NULL;
        fail_at = allocs + k;
        int rc = ot_config_new(&c);
        fail_at = 0;
        if (rc == OT_OK) {
            ot_config_free(c);
            break;
        }
        ck_assert_int_eq(rc, OT_ENOMEM);
        ck_assert_int_eq(live, 0);
    }
    const char *names[] = {"uitvoering", "management", "bestuur", "raad"};
    ot_config *c;
    ck_ok(ot_config_new(&c));
    for (long k = 1;; k++) {
        fail_at = allocs + k;
        int rc = ot_config_set_layers(c, 4, names);
        fail_at = 0;
        unsigned n;
        ot_model *m;
        ck_ok(ot_model_new(c, &m));
        ck_ok(ot_model_layers(m, &n));
        if (rc == OT_OK) {
            ck_assert_uint_eq(n, 4);
            ot_model_free(m);
            break;
        }
        ck_assert_int_eq(rc, OT_ENOMEM);
        ck_assert_uint_eq(n, 3); /* unchanged */
        ot_model_free(m);
    }
    for (long k = 1;; k++) {
        ot_model *m = NULL;
        fail_at = allocs + k;
        int rc = ot_model_new(c, &m);
        fail_at = 0;
        if (rc == OT_OK) {
            ot_model_free(m);
            break;
        }
        ck_assert_int_eq(rc, OT_ENOMEM);
        ck_assert_ptr_null(m);
    }
    ot_config_free(c);
}
END_TEST

START_TEST(queries_that_allocate)
{
    world x = build(1);
    for (long k = 1;; k++) {
        fail_at = allocs + k;
        int rc = ot_model_check(x.m);
        fail_at = 0;
        if (rc == OT_OK)
            break;
        ck_assert_int_eq(rc, OT_ENOMEM);
    }
    /* The network opinion sorts the truster's colleagues in a block of its
     * own: on failure nothing is written. */
    for (long k = 1;; k++) {
        ot_sl_opinion w = {-1, -1, -1, -1};
        fail_at = allocs + k;
        int rc = ot_network_opinion(x.m, x.roy, x.fatima, &w);
        fail_at = 0;
        if (rc == OT_OK) {
            ck_assert(w.u > 0 && w.u < 1);
            break;
        }
        ck_assert_int_eq(rc, OT_ENOMEM);
        ck_assert(w.b == -1 && w.d == -1 && w.u == -1 && w.a == -1);
    }
    /* Snapshots and their restore: a failure anywhere frees everything. */
    uint8_t *buf = NULL;
    size_t len = 0;
    for (long k = 1;; k++) {
        fail_at = allocs + k;
        int rc = oti_snapshot(x.m, &buf, &len);
        fail_at = 0;
        if (rc == OT_OK)
            break;
        ck_assert_int_eq(rc, OT_ENOMEM);
    }
    uint64_t want, got;
    ck_ok(ot_model_digest(x.m, &want));
    for (long k = 1;; k++) {
        ot_model *r = NULL;
        fail_at = allocs + k;
        int rc = oti_restore(buf, len, &r);
        fail_at = 0;
        if (rc == OT_OK) {
            ck_ok(ot_model_digest(r, &got));
            ck_assert(got == want);
            ot_model_free(r);
            break;
        }
        ck_assert_msg(rc == OT_ENOMEM, "restore with allocation %ld failing: %d %s", k, rc, ot_last_error());
    }
    oti_free(buf); /* an internal buffer, through the hook: given back the same way */
    ot_model_free(x.m);
}
END_TEST

/* Scenario files, the report and the picture: every allocation of the
 * library's own fails in turn (jansson's are the host's: its allocator is
 * process-wide, so the library leaves it alone). */
static const char SCENARIO[] =
    "{\"orgtrust\": 1, \"config\": {\"layers\": [\"uitvoering\", \"leiding\", \"bestuur\"]},"
    " \"organisations\": [{\"id\": \"G\"}, {\"id\": \"G-ro\", \"parent\": \"G\"}, {\"id\": \"W\"}],"
    " \"actors\": [{\"id\": \"weth\", \"org\": \"G\", \"layer\": 2},"
    "  {\"id\": \"dijk\", \"org\": \"W\", \"layer\": \"bestuur\"},"
    "  {\"id\": \"roy\", \"org\": \"G-ro\", \"layer\": 0, \"superior\": \"weth\", \"propensity\": 0.6},"
    "  {\"id\": \"fatima\", \"org\": \"W\", \"layer\": 0, \"superior\": \"dijk\"}],"
    " \"ties\": [{\"between\": [\"roy\", \"fatima\"], \"intensity\": 2}, {\"between\": [\"weth\", \"dijk\"]}],"
    " \"events\": [{\"t\": 1, \"observe\": \"agreement_kept\", \"truster\": \"roy\", \"trustee\": \"fatima\"},"
    "  {\"t\": 2, \"disrupt\": \"relational\", \"observer\": \"roy\", \"other\": \"fatima\", \"severity\": 0.5, \"id\": \"d1\"},"
    "  {\"t\": 3, \"consult\": [\"weth\", \"dijk\"], \"liaisons\": [\"roy\", null]},"
    "  {\"t\": 4, \"escalate\": \"d1\", \"mode\": \"joint\"}]}";

/* The three writers, from `first` on (the picture, the last, needs no
 * jansson), give a buffer or OT_ENOMEM, and never change the model. */
static void writers_survive_every_failure(ot_model *m, int first)
{
    for (int which = first; which < 3; which++) {
        for (long k = 1;; k++) {
            ot_state before = quiet_state(m);
            char *text = NULL;
            size_t len = 0;
            fail_at = allocs + k;
            int rc = which == 0 ? ot_scenario_export(m, &text, &len)
                     : which == 1 ? ot_report_json(m, &text, &len)
                                  : ot_export_dot(m, &text, &len);
            fail_at = 0;
            ck_unchanged(m, before);
            if (rc == OT_OK) {
                ck_assert(text != NULL && len == strlen(text));
                ot_free(text);
                break;
            }
            ck_assert_msg(rc == OT_ENOMEM, "writer %d with allocation %ld failing: %d %s", which, k, rc,
                          ot_last_error());
            ck_assert_ptr_null(text);
        }
    }
}

START_TEST(pictures_survive_every_failure)
{
    world x = build(1);
    writers_survive_every_failure(x.m, 2);
    ot_model_free(x.m);
}
END_TEST

START_TEST(scenarios_reports_and_pictures)
{
    ot_model *m = NULL;
    ck_ok(ot_scenario_load(SCENARIO, sizeof SCENARIO - 1, &m));
    uint64_t want;
    ck_ok(ot_model_digest(m, &want));
    ot_model_free(m);
    ck_assert_int_eq(live, 0);
    int failures = 0;
    for (long k = 1;; k++) {
        ot_model *r = NULL;
        fail_at = allocs + k;
        int rc = ot_scenario_load(SCENARIO, sizeof SCENARIO - 1, &r);
        fail_at = 0;
        if (rc == OT_OK) {
            uint64_t got;
            ck_ok(ot_model_digest(r, &got));
            ck_assert(got == want);
            m = r;
            break;
        }
        ck_assert_msg(rc == OT_ENOMEM, "load with allocation %ld failing: %d %s", k, rc, ot_last_error());
        ck_assert_ptr_null(r);
        ck_assert_msg(live == 0, "allocation %ld failing leaked %ld blocks", k, live);
        failures++;
    }
    ck_assert(failures > 0);
    writers_survive_every_failure(m, 0);
    ot_model_free(m);
}
END_TEST

START_TEST(hook_rules)
{
    /* Inside this test the counting allocator is set and nothing exists. */
    ot_config *c;
    ck_ok(ot_config_new(&c));
    ck_status(ot_set_allocator(NULL, NULL, NULL), OT_ESTATE);
    ck_msg_has("still exist");
    ot_config_free(c);
    ck_status(ot_set_allocator(t_malloc, NULL, t_free), OT_EINVAL);
    ck_msg_has("1 of 3");
    /* Every block the library made went through the hook and came back. */
    ck_assert(allocs > 0);
    ck_assert_int_eq(live, 0);
}
END_TEST

/* A second allocator, to change the hook to while a buffer lives. */
static long b_frees, b_live;
static void *b_malloc(size_t n)
{
    void *p = malloc(n);
    b_live += p != NULL;
    return p;
}
static void *b_realloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    b_live += q != NULL && p == NULL;
    return q;
}
static void b_free(void *p)
{
    if (p) {
        b_frees++;
        b_live--;
    }
    free(p);
}

/* A picture of Roy and Fatima, written under the hook in force. */
static char *a_picture(void)
{
    ot_model *m;
    ot_id g, w, roy, fatima;
    ck_ok(ot_model_new(NULL, &m));
    ck_ok(ot_org_add(m, "Gemeente", OT_NONE, &g));
    ck_ok(ot_org_add(m, "Waterschap", OT_NONE, &w));
    ck_ok(ot_actor_add(m, g, 0, OT_NONE, "Roy", &roy));
    ck_ok(ot_actor_add(m, w, 0, OT_NONE, "Fatima", &fatima));
    ck_ok(ot_tie_add(m, roy, fatima, NULL));
    char *dot = NULL;
    ck_ok(ot_export_dot(m, &dot, NULL));
    ot_model_free(m);
    return dot;
}

/* ot_free() releases a buffer with the free function of the hook that made
 * it, whatever the hook is now (include/orgtrust.h, ot_free()). */
START_TEST(a_buffer_is_freed_by_the_allocator_that_made_it)
{
    /* Made under the counting hook, which is then replaced. */
    char *dot = a_picture();
    ck_assert(strstr(dot, "Roy") != NULL);
    ck_assert_int_eq(live, 1); /* the buffer, and nothing else, is alive */
    b_frees = b_live = 0;
    ck_ok(ot_set_allocator(b_malloc, b_realloc, b_free));
    ot_free(dot);
    ck_assert_int_eq(live, 0);    /* the counting hook's free took it back */
    ck_assert_int_eq(b_frees, 0); /* the new hook never saw it */
    /* Made under the new hook, freed after a return to the C library's. */
    dot = a_picture();
    ck_assert_int_eq(b_live, 1);
    ck_ok(ot_set_allocator(NULL, NULL, NULL));
    ot_free(dot);
    ck_assert_int_eq(b_live, 0);
    ck_assert_int_eq(b_frees > 0, 1);
    /* Made under the C library's malloc, freed while the counting hook is
     * set: it goes back to free(), the counting hook does not count it. */
    dot = a_picture();
    ck_ok(ot_set_allocator(t_malloc, t_realloc, t_free));
    long before = live;
    ot_free(dot);
    ck_assert_int_eq(live, before);
    ot_free(NULL); /* nothing happens */
}
END_TEST

static Suite *suite(int jansson)
{
    Suite *s = suite_create("alloc");
    TCase *tc = tcase_create("failures");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, structure_calls_survive_every_failure);
    tcase_add_test(tc, attribute_calls_survive_every_failure);
    tcase_add_test(tc, events_survive_every_failure);
    tcase_add_test(tc, lifecycle_calls_survive_every_failure);
    tcase_add_test(tc, model_and_config_creation);
    tcase_add_test(tc, queries_that_allocate);
    tcase_add_test(tc, pictures_survive_every_failure);
    if (jansson)
        tcase_add_test(tc, scenarios_reports_and_pictures);
    tcase_add_test(tc, hook_rules);
    tcase_add_test(tc, a_buffer_is_freed_by_the_allocator_that_made_it);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    int jansson = ot_have_jansson();
    return ot_run_suite_skipping(suite(jansson), jansson ? NULL
                                                         : "scenarios_reports_and_pictures: this build has no jansson "
                                                           "(ORGTRUST_WITH_JANSSON=OFF): no scenario to load, export "
                                                           "or report");
}
