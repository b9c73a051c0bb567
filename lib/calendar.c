/* The calendar (docs/scenario.md, "Calendar dates"): a model's epoch is
 * day 0, and day t is the date t days later, UTC. The arithmetic is the C
 * library's (timegm, gmtime_r): no calendar is written here.
 * SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE /* timegm */
#include "calendar.h"
#include "args.h"
#include "error.h"
#include "model.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define DAY 86400.0

/* n digits at s as a number, or -1. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Seconds since 1970 of y-m-d hh:mm:ss UTC, when that is a real moment of
 * the years 1 to 9999: timegm normalises (February 30 becomes March 2), so
 * the moment is turned back into fields and must give the same ones. */
static int moment(int y, int mo, int d, int h, int mi, int sec, int64_t *out)
{
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59)
        return -1;
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = sec};
    time_t t = timegm(&tm);
    struct tm back;
    if (!gmtime_r(&t, &back) || back.tm_year != y - 1900 || back.tm_mon != mo - 1 || back.tm_mday != d ||
        back.tm_hour != h || back.tm_min != mi || back.tm_sec != sec)
        return -1;
    *out = (int64_t)t;
    return 0;
}

/* "YYYY-MM-DD" at s: the fields, or -1. */
static int date_fields(const char *s, int *y, int *mo, int *d)
{
    if (s[4] != '-' || s[7] != '-')
        return -1;
    *y = digits(s, 4);
    *mo = digits(s + 5, 2);
    *d = digits(s + 8, 2);
    return *y < 0 || *mo < 0 || *d < 0 ? -1 : 0;
}

int oti_parse_date(const char *s, int64_t *secs)
{
    int y, mo, d;
    if (oti_strnlen(s, 11) != 10 || date_fields(s, &y, &mo, &d))
        return -1;
    return moment(y, mo, d, 0, 0, 0, secs);
}

int oti_parse_iso(const char *s, double *secs)
{
    int y, mo, d, h = 0, mi = 0, sec = 0;
    size_t n = oti_strnlen(s, 32);
    if (n < 10 || date_fields(s, &y, &mo, &d))
        return -1;
    const char *p = s + 10;
    if (*p == 'T' || *p == 't') {
        if (oti_strnlen(p, 6) < 6 || p[3] != ':' || (h = digits(p + 1, 2)) < 0 || (mi = digits(p + 4, 2)) < 0)
            return -1;
        p += 6;
        if (*p == ':') {
            if ((sec = digits(p + 1, 2)) < 0)
                return -1;
            p += 3;
        }
        if (*p == 'Z' || *p == 'z')
            p++;
    }
    int64_t t;
    if (*p || moment(y, mo, d, h, mi, sec, &t))
        return -1;
    *secs = (double)t;
    return 0;
}

int oti_date(const ot_model *m, double t, char *out, size_t cap)
{
    if (!m->texts.epoch[0])
        return OT_ESTATE;
    /* To the minute; the years 1 to 9999 are about +-3.65 million days. */
    if (!(fabs(t) < 4e6))
        return OT_EINVAL;
    double minutes = round(t * 1440.0);
    time_t s = (time_t)(m->texts.epoch_s + (int64_t)minutes * 60);
    struct tm tm;
    if (!gmtime_r(&s, &tm) || tm.tm_year + 1900 < 1 || tm.tm_year + 1900 > 9999)
        return OT_EINVAL;
    if (fmod(minutes, 1440.0) == 0.0)
        snprintf(out, cap, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    else
        snprintf(out, cap, "%04d-%02d-%02dT%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                 tm.tm_min);
    return OT_OK;
}

OT_API int ot_model_date(const ot_model *m, double t, char *buf, size_t cap)
{
    static const char fn[] = "ot_model_date";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(buf, fn, "buf")))
        return rc;
    if (cap < OT_DATE_CAP)
        return oti_fail(OT_EINVAL, "%s: cap = %zu; a date needs OT_DATE_CAP = %d bytes", fn, cap, OT_DATE_CAP);
    char tmp[OT_DATE_CAP + 16];
    rc = oti_date(m, t, tmp, sizeof tmp);
    if (rc == OT_ESTATE)
        return oti_fail(rc, "%s: the model has no calendar epoch (set one with ot_model_set_epoch)", fn);
    if (rc)
        return oti_fail(rc, "%s: t = %.17g is outside the calendar from the epoch %s (the years 0001 to 9999)", fn,
                        t, m->texts.epoch);
    memcpy(buf, tmp, strlen(tmp) + 1);
    return OT_OK;
}

OT_API int ot_model_day(const ot_model *m, const char *iso, double *t)
{
    static const char fn[] = "ot_model_day";
    int rc;
    if ((rc = oti_check_model(m, fn)) || (rc = oti_check_out(t, fn, "t")))
        return rc;
    if (!iso)
        return oti_fail(OT_EINVAL, "%s: iso is NULL", fn);
    char q[80];
    if (!m->texts.epoch[0])
        return oti_fail(OT_ESTATE, "%s: the model has no calendar epoch, so the date %s means no day (set one with "
                        "ot_model_set_epoch)", fn, oti_quote(iso, q));
    double s;
    if (oti_parse_iso(iso, &s)) {
        return oti_fail(OT_EINVAL, "%s: iso = %s is not an ISO 8601 date or date-time (YYYY-MM-DD, "
                        "YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS, UTC)", fn, oti_quote(iso, q));
    }
    *t = (s - (double)m->texts.epoch_s) / DAY;
    return OT_OK;
}
