/* The concepts that come in kinds, one table each, for every reader of
 * them: observation kinds, tie attributes and the fields of a direction's
 * trust state (docs/model.md sections 1 and 2).
 * SPDX-License-Identifier: MIT */
#ifndef OTI_KINDS_H
#define OTI_KINDS_H

#include <orgtrust.h>
#include <stddef.h>

/* Tables are shared inside the library only: hidden, so that position-
 * independent code reaches them directly, not through the GOT. */
#define OTI_HIDDEN __attribute__((visibility("hidden")))

/* Dimensions as indices of a direction's counters (r[3], s[3]). */
enum { OTI_DIM_ABILITY = 0, OTI_DIM_BENEVOLENCE = 1, OTI_DIM_INTEGRITY = 2, OTI_NDIMS = 3 };

/* ---- observation kinds (docs/model.md section 2) ---------------------- */

#define OTI_KIND_FIRST OT_AGREEMENT_KEPT
#define OTI_KIND_LAST OT_CONCEALED /* the highest ot_kind */
#define OTI_NKINDS (OTI_KIND_LAST - OTI_KIND_FIRST + 1)

typedef struct oti_kind {
    const char *name; /* as scenario files spell it; first, for oti_kind_names */
    int dim;          /* OTI_DIM_* */
    int positive;
    double weight;
    int deceptive;    /* the evidence is deception (docs/model.md section 11) */
} oti_kind;

/* Indexed by ot_kind; entry 0 is unused (name NULL). */
extern const oti_kind oti_kinds[OTI_KIND_LAST + 1] OTI_HIDDEN;

/* ---- tie attributes (ot_tie_attr) ------------------------------------- */

#define OTI_TIE_ATTR_LAST OT_TIE_UNCERTAINTY /* the highest ot_tie_attr */
#define OTI_NTIE_ATTRS OTI_TIE_ATTR_LAST

/* The defaults of a new tie's attributes (also in oti_tie_attrs; constants
 * here for the observation path). */
#define OTI_DEFAULT_W 1.0
#define OTI_DEFAULT_AFFECT 0.0
#define OTI_DEFAULT_UNCERTAINTY 0.5

typedef struct oti_tie_attr_desc {
    const char *name; /* the scenario key and the message's name */
    double def;       /* a new tie's value */
    double lo, hi;    /* valid range, closed */
    const char *range; /* the same, for messages */
} oti_tie_attr_desc;

/* Indexed by ot_tie_attr; entry 0 is unused (name NULL). */
extern const oti_tie_attr_desc oti_tie_attrs[OTI_TIE_ATTR_LAST + 1] OTI_HIDDEN;

/* The attribute named so, or 0. */
int oti_tie_attr_by_name(const char *name);

#endif
