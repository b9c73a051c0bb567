/* lib/calendar.c: day t of the epoch as an ISO date and back. Every
 * expected date is counted by hand from the calendar (the days of each
 * month written out in the comments). */
#include "testutil.h"

#include <string.h>

static ot_model *with_epoch(const char *epoch)
{
    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    ck_ok(ot_model_set_epoch(m, epoch));
    return m;
}

static void date_is(const ot_model *m, double t, const char *want)
{
    char buf[OT_DATE_CAP];
    ck_ok(ot_model_date(m, t, buf, sizeof buf));
    ck_assert_str_eq(buf, want);
}

static void day_is(const ot_model *m, const char *iso, double want)
{
    double t = -1;
    ck_ok(ot_model_day(m, iso, &t));
    ck_near(t, want, 1e-9);
}

START_TEST(days_become_dates)
{
    ot_model *m = with_epoch("2025-01-01");
    ck_assert_str_eq(ot_model_epoch(m), "2025-01-01");
    date_is(m, 0, "2025-01-01");
    date_is(m, 30, "2025-01-31");
    date_is(m, 31, "2025-02-01");
    /* January 31 + February 28 (2025 is no leap year) = 59: March 1. */
    date_is(m, 59, "2025-03-01");
    /* 365 days: a year later. */
    date_is(m, 365, "2026-01-01");
    date_is(m, -1, "2024-12-31");
    /* 9:30 is 570 minutes, 570 / 1440 of a day. */
    date_is(m, 72 + 570.0 / 1440.0, "2025-03-14T09:30");
    ot_model_free(m);
}
END_TEST

START_TEST(leap_years)
{
    /* 2024 is a leap year (divisible by 4): January 31 + 28 = day 59 is
     * February 29, day 60 March 1. */
    ot_model *m = with_epoch("2024-01-01");
    date_is(m, 59, "2024-02-29");
    date_is(m, 60, "2024-03-01");
    day_is(m, "2024-12-31", 365); /* 366 days in 2024 */
    ot_model_free(m);
    /* 2100 is divisible by 100 and not by 400: no February 29. */
    m = with_epoch("2100-02-28");
    date_is(m, 1, "2100-03-01");
    ck_status(ot_model_set_epoch(m, "2100-02-29"), OT_EINVAL);
    ck_assert_str_eq(ot_model_epoch(m), "2100-02-28"); /* unchanged */
    ot_model_free(m);
    /* 2000 is divisible by 400: it has one. */
    m = with_epoch("2000-02-29");
    date_is(m, 1, "2000-03-01");
    ot_model_free(m);
}
END_TEST

START_TEST(dates_become_days)
{
    ot_model *m = with_epoch("2025-01-06");
    day_is(m, "2025-01-06", 0);
    /* January 6 to March 14: 25 + 28 + 14 = 67 days. */
    day_is(m, "2025-03-14", 67);
    day_is(m, "2025-03-14T09:30", 67 + 570.0 / 1440.0);
    day_is(m, "2025-03-14T09:30Z", 67 + 570.0 / 1440.0);
    /* 12:00:36 is 43236 seconds, 43236 / 86400 = 0.500416... */
    day_is(m, "2025-03-14T12:00:36", 67 + 43236.0 / 86400.0);
    day_is(m, "2025-01-05", -1);
    /* and back */
    date_is(m, 67 + 570.0 / 1440.0, "2025-03-14T09:30");
    ot_model_free(m);
}
END_TEST

START_TEST(bad_dates_are_refused)
{
    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    char buf[OT_DATE_CAP];
    double t;
    ck_status(ot_model_date(m, 0, buf, sizeof buf), OT_ESTATE);
    ck_msg_has("no calendar epoch");
    ck_status(ot_model_day(m, "2025-01-01", &t), OT_ESTATE);
    ck_assert_ptr_null(ot_model_epoch(m));
    static const char *const bad[] = {"2025-02-30", "2025-13-01", "2025-00-10", "2025-1-01", "25-01-01",
                                      "2025/01/01", "2025-01-01T", "0000-01-01", "", "2025-04-31"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ck_status(ot_model_set_epoch(m, bad[i]), OT_EINVAL);
        ck_msg_has("date = \"");
    }
    ck_status(ot_model_set_epoch(m, NULL), OT_EINVAL);
    ck_assert_ptr_null(ot_model_epoch(m));
    ck_ok(ot_model_set_epoch(m, "2025-01-01"));
    static const char *const bad_iso[] = {"2025-02-29", "2025-01-01T24:00", "2025-01-01T10:60", "2025-01-01T10",
                                          "2025-01-01 10:00", "2025-01-01T10:00:61", "2025-01-01T10:00+01:00",
                                          "monday"};
    for (size_t i = 0; i < sizeof bad_iso / sizeof *bad_iso; i++) {
        ck_status(ot_model_day(m, bad_iso[i], &t), OT_EINVAL);
        ck_msg_has("iso = \"");
    }
    ck_status(ot_model_date(m, 0, buf, 5), OT_EINVAL);
    ck_msg_has("cap = 5");
    ck_status(ot_model_date(m, NAN, buf, sizeof buf), OT_EINVAL);
    ck_status(ot_model_date(m, 1e9, buf, sizeof buf), OT_EINVAL);
    ck_status(ot_model_date(NULL, 0, buf, sizeof buf), OT_EINVAL);
    ot_model_free(m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("calendar");
    TCase *tc = tcase_create("calendar");
    tcase_add_test(tc, days_become_dates);
    tcase_add_test(tc, leap_years);
    tcase_add_test(tc, dates_become_days);
    tcase_add_test(tc, bad_dates_are_refused);
    suite_add_tcase(s, tc);
    return ot_run_suite(s);
}
