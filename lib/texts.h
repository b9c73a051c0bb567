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

#include "textset.h"

#include <stddef.h>
#include <stdint.h>

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

#endif
