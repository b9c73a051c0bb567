/* What a model says in words, beside its numbers (lib/texts.c,
 * lib/calendar.c): the description, a note on an event, each disruption's
 * label, the calendar epoch. None of them changes a value: they are kept
 * out of ot_model_digest(), carried in the snapshot's text section
 * (lib/snapshot.c), and each setting is an OTI_EV_TEXT event, so the kept
 * log and the store's journal hold them and every replay (ot_model_at,
 * ot_timeline, ot_history_json, reopening a store) sees them in order.
 *
 * Why events and not plain state: a note belongs to a moment of the
 * history (the event before it), which only the event order can say, and
 * the store must journal every change it is to keep; one event type for
 * all four keeps the event table (lib/event.c) the one list of what a
 * model accepts.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_TEXTS_H
#define OTI_TEXTS_H

#include "alloc.h"
#include "strmap.h"

#include <stddef.h>
#include <stdint.h>

/* OTI_EV_TEXT's kind: what the text is. Journal rows hold these values. */
enum oti_text_kind {
    OTI_TEXT_DESCRIPTION = 1, /* the model's description */
    OTI_TEXT_NOTE = 2,        /* a note on the last event before it that is not a text */
    OTI_TEXT_LABEL = 3,       /* a = the disruption */
    OTI_TEXT_EPOCH = 4,       /* the calendar's day 0, "YYYY-MM-DD" */
    OTI_TEXT_LAST = OTI_TEXT_EPOCH
};

#define OTI_TEXT_MAX 65536 /* bytes of a description or a note */
#define OTI_LABEL_MAX 255  /* bytes of a label (a scenario id's limit) */

typedef struct oti_texts {
    oti_arena pool;          /* every string below: they never move until the state is replaced */
    const char *description; /* NULL: none */
    char epoch[11];          /* "YYYY-MM-DD"; "" none */
    int64_t epoch_s;         /* its midnight (UTC) in seconds since 1970-01-01 */
    const char **label;      /* per disruption below nlabel; NULL none */
    size_t nlabel, caplabel;
    oti_strmap labels;       /* label -> disruption */
    const char **kept;       /* the texts of the kept log's text events, in order */
    size_t nkept, capkept;
    uint64_t nev;            /* text events recorded (kept, or journalled and replayed) */
    int keep_replayed;       /* a replay copies the log (lib/replay.c): keep the texts of its text events */
} oti_texts;

typedef struct ot_model ot_model;

void oti_texts_free(oti_texts *x);
/* 1 when the model has a text a snapshot must carry. */
int oti_texts_any(const ot_model *m);
/* The label of d, or NULL (d need not exist). */
const char *oti_label(const ot_model *m, uint32_t d);
/* A disruption as messages name it: its label quoted ("\"watertoets-2\""),
 * or its number. out has room for 80 bytes. */
const char *oti_disruption_ref(const ot_model *m, uint32_t d, char out[80]);
/* A disruption's id in files and reports: its label, or "d<number>" made
 * unique beside the labels ("d3#2"). */
const char *oti_disruption_id(const ot_model *m, uint32_t d, char buf[48]);
/* Restore texts read from a snapshot (lib/snapshot.c) into a new model,
 * without events: OT_OK, OT_ENOMEM, or the setter's status. */
int oti_texts_restore(ot_model *m, int kind, uint32_t d, const char *text);
/* The text of the k-th text event of the kept log (k from 0). */
const char *oti_texts_kept(const ot_model *m, size_t k);

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
