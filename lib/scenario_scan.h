/* The scanner of lib/scenario_scan.c.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_SCENARIO_SCAN_H
#define OTI_SCENARIO_SCAN_H

#include "scenario_limits.h"

#include <stddef.h>
#include <stdio.h>

/* Returned for malformed text (err_at, err_what say where and what); the
 * limits give OT_ELIMIT with the message set. */
#define OTI_SCAN_SYNTAX 1

typedef struct oti_scan {
    const char *s;
    size_t n;
    size_t ev_open, ev_close; /* the '[' and ']' of the top-level "events" array; SIZE_MAX: none */
    size_t nevents;
    size_t err_at;
    const char *err_what;
} oti_scan;

/* Check the document's limits and find its events array. */
int oti_scan_doc(oti_scan *sc, const char *s, size_t n);
/* Skip one value at *pos that sits inside `depth` containers. */
int oti_scan_value(oti_scan *sc, size_t *pos, int depth);
size_t oti_scan_ws(const char *s, size_t n, size_t i);
/* Places in a document that oti_scan_doc() accepted, for messages: the
 * offset of the value of member `key` (its name written without escapes;
 * *key_at: the offset of the name's quote, or NULL) of the object at
 * `obj`, and of element `index` of the array at `arr`; SIZE_MAX when there
 * is none. Time in proportion to the bytes before it. */
size_t oti_scan_member(const char *s, size_t n, size_t obj, const char *key, size_t *key_at);
size_t oti_scan_element(const char *s, size_t n, size_t arr, size_t index);
/* The line and column jansson reports after reading the bytes [0, off). */
void oti_scan_locate(const char *s, size_t n, size_t off, unsigned long *line, unsigned long *col);

#endif
