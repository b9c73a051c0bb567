/* Helpers shared by the Check suites. */
#ifndef OT_TESTUTIL_H
#define OT_TESTUTIL_H

#include <check.h>
#include <math.h>
#include <orgtrust.h>
#include <stdint.h>

/* The call succeeds; otherwise show the expression, status and message. */
#define ck_ok(expr)                                                                                          \
    do {                                                                                                     \
        int rc_ = (expr);                                                                                    \
        ck_assert_msg(rc_ == OT_OK, "%s -> %d (%s): %s", #expr, rc_, ot_strerror(rc_), ot_last_error());   \
    } while (0)

/* The call fails with `status`. */
#define ck_status(expr, status)                                                                              \
    do {                                                                                                     \
        int rc_ = (expr);                                                                                    \
        ck_assert_msg(rc_ == (status), "%s -> %d, expected %d (%s): %s", #expr, rc_, (int)(status),        \
                      ot_strerror(status), ot_last_error());                                                 \
    } while (0)

/* |a - b| <= tol, printed with every digit. */
#define ck_near(a, b, tol)                                                                                   \
    do {                                                                                                     \
        double a_ = (a), b_ = (b);                                                                           \
        ck_assert_msg(fabs(a_ - b_) <= (tol), "%s = %.17g, expected %s = %.17g (tolerance %g)", #a, a_, #b, \
                      b_, (double)(tol));                                                                    \
    } while (0)

/* An ot_sl_opinion: every component within tol of the expected one. */
#define ck_opinion(w, eb, ed, eu, ea, tol) \
    do {                                   \
        ot_sl_opinion w_ = (w);            \
        ck_near(w_.b, (eb), (tol));        \
        ck_near(w_.d, (ed), (tol));        \
        ck_near(w_.u, (eu), (tol));        \
        ck_near(w_.a, (ea), (tol));        \
    } while (0)

/* The last error message contains `needle`. */
#define ck_msg_has(needle)                                                                                   \
    ck_assert_msg(strstr(ot_last_error(), (needle)) != NULL, "message \"%s\" lacks \"%s\"", ot_last_error(), \
                  (needle))

/* Everything a failed call must leave alone. */
typedef struct ot_state {
    uint64_t digest;
    size_t count[6];
    double now;
} ot_state;

ot_state ot_state_of(const ot_model *m);
/* The model's state equals `before` (a failed call changed nothing). */
void ck_unchanged(const ot_model *m, ot_state before);

/* Run one suite; the return is the process's exit status. */
int ot_run_suite(Suite *s);

/* The exit status ctest reads as "skipped" (SKIP_RETURN_CODE in
 * tests/CMakeLists.txt). */
#define OT_SKIPPED 77

/* Run one suite some of whose tests could not run in this build: say which
 * and why (`skipped`, NULL when nothing was left out), and return
 * OT_SKIPPED instead of success, so that ctest reports the program as
 * skipped with the reason in its output rather than as passed. A failure
 * still fails. */
int ot_run_suite_skipping(Suite *s, const char *skipped);

/* Whether this build reads and writes scenarios (built with jansson). */
int ot_have_jansson(void);

/* Read a trust value, failing the test if the call fails. */
double trust_of(const ot_model *m, ot_id truster, ot_id trustee);

/* ---- model 1 and model 2 (docs/testing.md) ---------------------------------
 *
 * The 1.0 story and formula suites are built twice: as they are, with the
 * defaults of model 2, and as `<suite>_model1` with OT_TEST_MODEL1
 * defined, where every model a suite makes takes the values that make the
 * library compute what model 1 computed: every parameter whose model-1
 * value differs from its default (scar_rate, deception_scar and
 * trust_transfer at 0). Those builds must give every 1.0 expected value
 * unchanged; where model 2's defaults change a value, the test names both
 * with OT_V1_V2 (or OT_TEST_MODEL == 1 / 2 where the story differs). */

/* ot_model_new() on a copy of c (NULL: the defaults) with those model-1
 * values. */
int ot_test_model_new_model1(const ot_config *c, ot_model **out);

/* Most story suites start from given trusts ("the aldermen distrust each
 * other, 0.3 and 0.1; the managers trust each other, 0.8"), set through the
 * propensities as in 1.0: each new tie's directions start at the trusters'
 * propensities, which is trust transfer at 0 (docs/model.md, section 13).
 * With transfer on, a new external tie starts halfway to what the
 * truster's organisation thinks of the other side, and a premise such as
 * 0.1 cannot be set at all. The suites built with OT_TEST_GIVEN_TRUST
 * (tests/CMakeLists.txt) keep their premises with every other default of
 * model 2, scars included: every model they make gets trust_transfer = 0.
 * Trust transfer itself is told with the defaults in test_memory.c and
 * test_findings.c (and every suite not so built runs with it on). */
int ot_test_model_new_given(const ot_config *c, ot_model **out);

#ifdef OT_TEST_MODEL1
#define OT_V1_V2(v1, v2) (v1)
#define OT_TEST_MODEL 1
#ifndef OT_TESTUTIL_IMPL
#define ot_model_new(c, out) ot_test_model_new_model1((c), (out))
#endif
#else
#define OT_V1_V2(v1, v2) (v2)
#define OT_TEST_MODEL 2
#if defined(OT_TEST_GIVEN_TRUST) && !defined(OT_TESTUTIL_IMPL)
#define ot_model_new(c, out) ot_test_model_new_given((c), (out))
#endif
#endif

#endif
