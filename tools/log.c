/* orgtrust log FILE: the history in plain words (tools/story.c), one line
 * per event with its day (and its date when the scenario has a calendar).
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "story.h"

#include <math.h>
#include <stdlib.h>

typedef struct log_ctx {
    FILE *f;
    const ot_model *m;
    int brief; /* leave out the structure and the everyday observations */
} log_ctx;

static int line(void *ctx, const story_line *l)
{
    const log_ctx *c = ctx;
    if (c->brief && l->class != STORY_EVENT)
        return 0;
    if (isnan(l->t)) {
        fprintf(c->f, "before day 0: %s.\n", l->text);
    } else if (ot_model_epoch(c->m)) {
        char when[64];
        day_text(c->m, l->t, when, sizeof when);
        fprintf(c->f, "%s (day %g): %s.\n", when, l->t, l->text);
    } else {
        fprintf(c->f, "day %g: %s.\n", l->t, l->text);
    }
    return 0;
}

int cmd_log(const args *a)
{
    input in;
    ot_model *m;
    int rc = open_model(a, &in, &m);
    if (rc)
        return rc;
    json_t *layers = NULL, *h = story_history(m, &layers);
    char *text = NULL;
    size_t len = 0;
    FILE *mem = NULL;
    rc = EXIT_BAD;
    if (!h) {
        say("%s: %s", in.name, ot_last_error());
        goto out;
    }
    if (!(mem = open_memstream(&text, &len)) || story_tell(h, layers, line, &(log_ctx){mem, m, a->value[0] != NULL})) {
        say("%s: out of memory", in.name);
        goto out;
    }
    int bad = fclose(mem);
    mem = NULL;
    if (bad)
        say("%s: out of memory", in.name);
    else
        rc = write_output(a->value[1], text, len);
out:
    if (mem)
        fclose(mem);
    free(text);
    json_decref(h);
    json_decref(layers);
    ot_model_free(m);
    free(in.text);
    return rc;
}
