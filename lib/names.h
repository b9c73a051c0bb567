/* The lower-case names of the API's enums as scenario files, the report
 * and the pictures spell them ("agreement_kept", "relational", "joint").
 * SPDX-License-Identifier: MIT */
#ifndef OTI_NAMES_H
#define OTI_NAMES_H

#include <stddef.h>

/* A table of names indexed by enum value; NULL where no value exists. The
 * names may be the first member of the rows of a bigger table (the
 * observation kinds of lib/kinds.c): `stride` bytes from one to the next. */
typedef struct oti_names {
    const void *base; /* the first name: a const char *const */
    int n;            /* entries, indices 0 .. n-1 */
    size_t stride;
} oti_names;

extern const oti_names oti_kind_names;       /* ot_kind */
extern const oti_names oti_disruption_names; /* ot_disruption_kind */
extern const oti_names oti_mode_names;       /* ot_escalation_mode */
extern const oti_names oti_class_names;      /* ot_class */
extern const oti_names oti_limit_names;      /* ot_limit */
extern const oti_names oti_basis_names;      /* ot_basis */
extern const oti_names oti_status_names;     /* ot_disruption_state */
extern const oti_names oti_step_names;       /* ot_step_status */
extern const oti_names oti_reason_names;     /* ot_step_reason */
extern const oti_names oti_response_names;   /* ot_response */
extern const oti_names oti_advice_names;     /* ot_advice (1.1) */
extern const oti_names oti_list_names;       /* ot_list (1.1) */

/* The name of value v, or "?" if the table has none. */
const char *oti_name_of(const oti_names *t, int v);
/* The value named s, or -1. */
int oti_value_of(const oti_names *t, const char *s);
/* The names of a table joined with ", " into out (for messages). */
void oti_names_list(const oti_names *t, char *out, unsigned size);

#endif
