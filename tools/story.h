/* The history in plain words (tools/story.c).
 * SPDX-License-Identifier: MIT */
#ifndef ORGTRUST_STORY_H
#define ORGTRUST_STORY_H

#include <orgtrust.h>

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

/* What an event is, for a reader who wants only some: the structure
 * (organisations, actors, ties; the clock moving on), the everyday
 * observations, and the events a director asks about (disruptions and
 * their handling, consultations, people leaving and moving). */
enum { STORY_STRUCTURE = 1, STORY_OBSERVATION, STORY_EVENT };

typedef struct story_line {
    double t;         /* the event's day; NaN for structure before the first timed event */
    const char *date; /* its ISO date when the model has a calendar, else NULL */
    int class;        /* STORY_* */
    const char *text; /* the sentence, without a full stop; valid during the call */
} story_line;

/* Tell every entry of a parsed ot_history_json() document, oldest first,
 * to cb (layers: the report's "layers", the names lowest first). Stops at
 * the first non-zero return of cb and returns it; -1 when out of memory. */
int story_tell(const json_t *history, const json_t *layers, int (*cb)(void *ctx, const story_line *line), void *ctx);

/* Every step an escalation entry of the history looked at, in the
 * vocabulary's words: "step 1 (managerial): Henk and Marco: unhealthy: they
 * do not trust each other enough (0.38 and 0.50; 0.60 is needed); step 2
 * ..." (layers: the layer names, lowest first). */
void story_steps(FILE *f, const json_t *escalation, const json_t *layers);

/* A disruption object of the history or the report: its label, or "d<id>". */
void story_disruption_name(const json_t *d, char *buf, size_t cap);

/* The model's layer names, lowest first, as a JSON array (what
 * story_tell() and story_steps() take); NULL when out of memory. */
json_t *story_layers(const ot_model *m);

/* The model's history (ot_history_json) parsed, and its layer names in
 * *layers; NULL when it cannot be made (ot_last_error() says why, or out
 * of memory). The caller releases both with json_decref(). */
json_t *story_history(const ot_model *m, json_t **layers);

#endif
