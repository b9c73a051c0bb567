/* Helpers for the suites that read and write scenarios. */
#ifndef OT_SCENARIO_UTIL_H
#define OT_SCENARIO_UTIL_H

#include "testutil.h"

#include <stddef.h>

/* Load a scenario held in a C string; the call must succeed. */
ot_model *sc_load(const char *json);
/* Load a scenario file below the source tree (e.g. "examples/scenarios/x.json"). */
ot_model *sc_load_source(const char *relpath);
/* The example scenarios, examples/scenarios/NAME.json, by NAME. */
#define SC_NEXAMPLES 5
extern const char *const sc_examples[SC_NEXAMPLES];
/* Load the example NAME (as sc_load_source). */
ot_model *sc_load_example(const char *name);
/* The loading fails with `status` and a message containing `needle`;
 * no model is returned. */
void sc_fails(const char *json, int status, const char *needle);
/* Export, load the export again: same digest; exporting that gives the
 * very same text. */
void sc_round_trip(const ot_model *m);
/* The actor named `name` (fails the test if there is none). */
ot_id sc_actor(const ot_model *m, const char *name);
/* The organisation named `name`. */
ot_id sc_org(const ot_model *m, const char *name);
/* The tie between two actors named so. */
ot_id sc_tie(const ot_model *m, const char *a, const char *b);
/* Route the library's allocations through functions that fail when
 * sc_budget counts down to 0 (-1: never); on = 0 restores malloc. */
extern long sc_budget;
void sc_failing_allocator(int on);
/* sc_fails on head + n copies of unit + tail. */
void sc_fails_repeated(const char *head, const char *unit, size_t n, const char *tail, int status, const char *needle);
/* The digest of a model. */
uint64_t sc_digest(const ot_model *m);

#endif
