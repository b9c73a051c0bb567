/* lib/error.c: the version, the fixed status texts, and the per-thread last
 * error. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "testutil.h"

#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

START_TEST(version_agrees_with_the_header)
{
    /* 1.1.0 = 1 * 10000 + 1 * 100 + 0 */
    ck_assert_int_eq(ot_version_number(), 10100);
    ck_assert_str_eq(ot_version(), "1.1.0");
    ck_assert_int_eq(ot_version_number(), OT_VERSION_NUMBER);
    ck_assert_int_eq(ot_version_number(), OT_VERSION_MAJOR * 10000 + OT_VERSION_MINOR * 100 + OT_VERSION_PATCH);
    ck_assert_str_eq(ot_version(), OT_VERSION_STRING);
    char want[32];
    snprintf(want, sizeof want, "%d.%d.%d", OT_VERSION_MAJOR, OT_VERSION_MINOR, OT_VERSION_PATCH);
    ck_assert_str_eq(ot_version(), want);
}
END_TEST

/* Every unprefixed enumerator of 1.0 has a prefixed name of the same value
 * (include/orgtrust.h), with the values the header fixes; the old names stay. */
START_TEST(prefixed_aliases_name_the_same_values)
{
    const int pairs[][3] = {
        {OT_COUNT_ORGS, OT_ORGS, 1}, {OT_COUNT_ACTORS, OT_ACTORS, 2}, {OT_COUNT_TIES, OT_TIES, 3},
        {OT_COUNT_DISRUPTIONS, OT_DISRUPTIONS, 4}, {OT_COUNT_EVENTS, OT_EVENTS, 5},
        {OT_CLASS_INTERNAL, OT_INTERNAL, 1}, {OT_CLASS_VERTICAL, OT_VERTICAL, 2},
        {OT_CLASS_HORIZONTAL, OT_HORIZONTAL, 3}, {OT_CLASS_DIAGONAL, OT_DIAGONAL, 4},
        {OT_KIND_AGREEMENT_KEPT, OT_AGREEMENT_KEPT, 1}, {OT_KIND_AGREEMENT_BROKEN, OT_AGREEMENT_BROKEN, 2},
        {OT_KIND_DELIVERED, OT_DELIVERED, 3}, {OT_KIND_FAILED_DELIVERY, OT_FAILED_DELIVERY, 4},
        {OT_KIND_WENT_BEYOND, OT_WENT_BEYOND, 5}, {OT_KIND_LET_DOWN, OT_LET_DOWN, 6},
        {OT_KIND_DISCLOSED, OT_DISCLOSED, 7}, {OT_KIND_CONCEALED, OT_CONCEALED, 8},
        {OT_DIMENSION_ABILITY, OT_ABILITY, 1}, {OT_DIMENSION_BENEVOLENCE, OT_BENEVOLENCE, 2},
        {OT_DIMENSION_INTEGRITY, OT_INTEGRITY, 3},
        {OT_DISRUPTION_TASK, OT_TASK, 1}, {OT_DISRUPTION_RELATIONAL, OT_RELATIONAL, 2},
        {OT_DISRUPTION_OPEN, OT_OPEN, 1}, {OT_DISRUPTION_RESOLVED_LOCALLY, OT_RESOLVED_LOCALLY, 2},
        {OT_DISRUPTION_RESOLVED_BY_ESCALATION, OT_RESOLVED_BY_ESCALATION, 3},
        {OT_ESCALATE_JOINT, OT_JOINT, 1}, {OT_ESCALATE_UNILATERAL, OT_UNILATERAL, 2},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        ck_assert_int_eq(pairs[i][0], pairs[i][1]);
        ck_assert_int_eq(pairs[i][0], pairs[i][2]);
    }
}
END_TEST

START_TEST(status_values_and_texts_are_fixed)
{
    /* The values are the ABI: the header pins them. */
    ck_assert_int_eq(OT_OK, 0);
    ck_assert_int_eq(OT_EINVAL, -1);
    ck_assert_int_eq(OT_ENOMEM, -2);
    ck_assert_int_eq(OT_ENOTFOUND, -3);
    ck_assert_int_eq(OT_EEXIST, -4);
    ck_assert_int_eq(OT_ETIME, -5);
    ck_assert_int_eq(OT_ESTATE, -6);
    ck_assert_int_eq(OT_EIO, -7);
    ck_assert_int_eq(OT_EFORMAT, -8);
    ck_assert_int_eq(OT_ENOTSUP, -9);
    ck_assert_int_eq(OT_ELIMIT, -10);
    ck_assert_int_eq(OT_EBUSY, -11);
    ck_assert_str_eq(ot_strerror(OT_OK), "success");
    ck_assert_str_eq(ot_strerror(OT_EINVAL), "invalid argument");
    ck_assert_str_eq(ot_strerror(OT_ETIME), "time goes backwards");
    ck_assert_str_eq(ot_strerror(OT_EBUSY), "store locked by another writer");
    /* Every status has its own text; anything else is "unknown status". */
    for (int a = OT_EBUSY; a <= OT_OK; a++) {
        ck_assert_str_ne(ot_strerror(a), "unknown status");
        for (int b = OT_EBUSY; b < a; b++)
            ck_assert_str_ne(ot_strerror(a), ot_strerror(b));
    }
    ck_assert_str_eq(ot_strerror(1), "unknown status");
    ck_assert_str_eq(ot_strerror(-12), "unknown status");
    ot_free(NULL); /* allowed, does nothing */
}
END_TEST

static void *fail_in_thread(void *arg)
{
    (void)arg;
    ot_model *m;
    if (ot_model_new(NULL, &m) != OT_OK)
        return NULL;
    (void)ot_org_add(m, "Waterschap", 77, NULL); /* unknown parent */
    char *copy = strdup(ot_last_error());
    ot_model_free(m);
    return copy;
}

START_TEST(last_error_is_per_thread)
{
    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    ck_status(ot_org_add(m, "Gemeente", 5, NULL), OT_ENOTFOUND);
    char mine[256];
    snprintf(mine, sizeof mine, "%s", ot_last_error());
    ck_assert_ptr_nonnull(strstr(mine, "parent = 5"));
    pthread_t th;
    void *theirs = NULL;
    ck_assert_int_eq(pthread_create(&th, NULL, fail_in_thread, NULL), 0);
    ck_assert_int_eq(pthread_join(th, &theirs), 0);
    ck_assert_ptr_nonnull(theirs);
    ck_assert_ptr_nonnull(strstr(theirs, "parent = 77"));
    /* The other thread's failure did not touch this thread's message... */
    ck_assert_str_eq(ot_last_error(), mine);
    /* ...and a successful call does not clear it either. */
    ck_ok(ot_org_add(m, "Gemeente", OT_NONE, NULL));
    ck_assert_str_eq(ot_last_error(), mine);
    free(theirs);
    ot_model_free(m);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("error");
    TCase *tc = tcase_create("error");
    tcase_add_test(tc, version_agrees_with_the_header);
    tcase_add_test(tc, status_values_and_texts_are_fixed);
    tcase_add_test(tc, prefixed_aliases_name_the_same_values);
    tcase_add_test(tc, last_error_is_per_thread);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return ot_run_suite(suite()); }
