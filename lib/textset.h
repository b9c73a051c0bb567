/* The model's texts as it holds them (struct ot_model's `texts`); what
 * they are and the functions on them: lib/texts.h.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_TEXTSET_H
#define OTI_TEXTSET_H

#include "alloc.h"
#include "strmap.h"

#include <stddef.h>
#include <stdint.h>

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

#endif
