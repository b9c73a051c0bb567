/* The vocabulary of the reports (lib/words.c): every term the report, the
 * history and the command line show, with the model's term, the plain words
 * a director understands, a phrase with slots for names, and a definition.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_WORDS_H
#define OTI_WORDS_H

#include "names.h"

/* The plain words of the term `key`, or NULL when the table has none. */
const char *oti_term_plain(const char *key);

/* The plain words of the value `v` of the field `field` (a table of
 * lib/names.c): the term "field.name" (e.g. "cooperation_basis.at_risk"),
 * or NULL when there is none. */
const char *oti_value_plain(const char *field, const oti_names *t, int v);

#endif
