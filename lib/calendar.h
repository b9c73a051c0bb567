/* The calendar's arithmetic (lib/calendar.c), for the texts, the report
 * and the history.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_CALENDAR_H
#define OTI_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

typedef struct ot_model ot_model;

/* The calendar (lib/calendar.c): the ISO date ("2025-03-14", or with the
 * time of day "2025-03-14T09:30" when t is not a whole day) of day t of
 * the model's epoch, into out (room for 32 bytes): OT_OK, OT_ESTATE
 * without an epoch, OT_EINVAL for a t outside the years 1 to 9999. */
int oti_date(const ot_model *m, double t, char *out, size_t cap);
/* Parse "YYYY-MM-DD" (a real day of the years 1 to 9999) into seconds
 * since 1970 at its midnight, UTC: 0, or -1. */
int oti_parse_date(const char *s, int64_t *secs);
/* Parse an ISO 8601 date or date-time (UTC: "YYYY-MM-DD", optional
 * "THH:MM", ":SS", a trailing "Z") into seconds since 1970: 0, or -1. */
int oti_parse_iso(const char *s, double *secs);

#endif
