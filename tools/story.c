/* The history in plain words: every entry of ot_history_json()
 * (docs/history.md) told as one sentence, for `orgtrust log`, the
 * history section of the HTML report and the warnings of `orgtrust check`
 * (docs/html.md, "The history in words"). One row per event kind says how
 * its sentence is made; the words of the model's terms come from the
 * library's vocabulary (ot_term_info()).
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include "story.h"

#include <orgtrust.h>

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- the pieces of a sentence ---------------------------------------- */

typedef struct sentence {
    FILE *f;
    const json_t *e;      /* the history entry */
    const json_t *layers; /* the layer names, lowest first */
} sentence;

static void put(sentence *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(s->f, fmt, ap);
    va_end(ap);
}

/* The name of a person or organisation object, "nobody" for null. */
static const char *who_name(const json_t *o)
{
    const char *n = json_string_value(json_object_get(o, "name"));
    return n ? n : "nobody";
}

/* The entry's `who` member `key`. */
static const json_t *who(const sentence *s, const char *key) { return json_object_get(json_object_get(s->e, "who"), key); }
static const char *who_is(const sentence *s, const char *key) { return who_name(who(s, key)); }

/* A disruption object: by its label when it has one, else "d<id>". */
void story_disruption_name(const json_t *d, char *buf, size_t cap)
{
    const char *label = json_string_value(json_object_get(d, "label"));
    const char *id = json_string_value(json_object_get(d, "id")); /* the report's ids are strings */
    if (label || id)
        snprintf(buf, cap, "%s", label ? label : id);
    else
        snprintf(buf, cap, "d%lld", (long long)json_integer_value(json_object_get(d, "id")));
}

/* The one disruption the entry handles (its `who` names it under some key:
 * "disruption", or the event's own key such as "refer"). */
static const json_t *handled(const sentence *s)
{
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)json_object_get(s->e, "who"), key, v) if (json_is_object(v) &&
                                                                              json_object_get(v, "observer")) return v;
    return NULL;
}

static void disruption(sentence *s)
{
    char name[128];
    story_disruption_name(handled(s), name, sizeof name);
    put(s, "%s", name);
}

static double num(const json_t *o, const char *key) { return json_number_value(json_object_get(o, key)); }

/* ", trust A -> B 0.50 -> 0.53; B -> A ..." for what the event moved. */
static void moved(sentence *s)
{
    size_t i;
    const json_t *d;
    json_array_foreach(json_object_get(s->e, "trust"), i, d)
    {
        put(s, "%s%s -> %s ", i ? "; " : " (trust ", who_name(json_object_get(d, "truster")),
            who_name(json_object_get(d, "trustee")));
        if (json_is_number(json_object_get(d, "before")))
            put(s, "%.2f -> ", num(d, "before"));
        put(s, "%.2f", num(d, "after"));
    }
    if (i)
        put(s, ")");
}

static void underscored(sentence *s, const char *text)
{
    for (; text && *text; text++)
        fputc(*text == '_' ? ' ' : *text, s->f);
}

/* The name of a layer object {"layer", "name"}. */
static const char *layer_name(const json_t *o)
{
    const char *n = json_string_value(json_object_get(o, "name"));
    return n ? n : "?";
}

/* The vocabulary's words for key (lib/words.c): its term and plain words;
 * the key itself and "" when the library has no such term. */
static void words_of(const char *key, const char **term, const char **plain)
{
    unsigned i;
    *term = key;
    *plain = "";
    if (ot_term_find(key, &i) == OT_OK)
        ot_term_info(i, NULL, term, plain, NULL);
}

/* The vocabulary's phrase of key with the slots filled, else its plain words. */
static void phrase_of(const char *key, const char *const *slots, size_t n, char *buf, size_t cap)
{
    unsigned i;
    const char *plain;
    buf[0] = '\0';
    if (ot_term_find(key, &i) == OT_OK && ot_term_fill(i, slots, n, buf, cap, NULL) != OT_OK) {
        ot_term_info(i, NULL, NULL, &plain, NULL);
        snprintf(buf, cap, "%s", plain);
    }
}

void story_steps(FILE *f, const json_t *esc, const json_t *layers)
{
    char th[32], xy[32], yx[32], key[64], detail[512];
    snprintf(th, sizeof th, "%.2f", num(esc, "threshold"));
    size_t i;
    const json_t *st;
    json_array_foreach(json_object_get(esc, "path"), i, st)
    {
        const char *status = json_string_value(json_object_get(st, "status"));
        const char *lay =
            json_string_value(json_array_get(layers, (size_t)json_integer_value(json_object_get(st, "layer"))));
        const char *term, *plain;
        snprintf(key, sizeof key, "status.%s", status ? status : "?");
        words_of(key, &term, &plain);
        snprintf(detail, sizeof detail, "%s", plain);
        if (status && strcmp(status, "compromised") == 0) {
            const char *rt, *rp, *reason = json_string_value(json_object_get(st, "reason"));
            snprintf(key, sizeof key, "reason.%s", reason ? reason : "?");
            words_of(key, &rt, &rp);
            snprintf(detail, sizeof detail, "%s: %s", rt, rp);
        } else if (json_is_number(json_object_get(st, "trust_xy"))) {
            snprintf(xy, sizeof xy, "%.2f", num(st, "trust_xy"));
            snprintf(yx, sizeof yx, "%.2f", num(st, "trust_yx"));
            const char *slots[] = {"xy", xy, "yx", yx, "threshold", th};
            phrase_of(key, slots, 3, detail, sizeof detail);
        }
        fprintf(f, "%sstep %zu (%s): %s and %s: %s: %s", i ? "; " : "", i + 1, lay ? lay : "?",
                who_name(json_object_get(st, "x")), who_name(json_object_get(st, "y")), term, detail);
    }
    if (i == 0 && json_is_string(json_object_get(esc, "why")))
        fprintf(f, "%s", json_string_value(json_object_get(esc, "why")));
}

/* What came of an escalation, a referral or a resolution, and every step
 * it looked at. */
static void outcome(sentence *s)
{
    const json_t *esc = json_object_get(s->e, "escalation");
    if (!esc)
        return;
    const char *out = json_string_value(json_object_get(esc, "outcome")), *term, *plain;
    int resolved = out && strcmp(out, "resolved") == 0;
    words_of(resolved ? "outcome.resolved" : "outcome.failed", &term, &plain);
    if (resolved)
        put(s, "; it was settled at the %s layer (%s): ", layer_name(json_object_get(esc, "level")), plain);
    else
        put(s, "; it failed (%s): ", plain);
    story_steps(s->f, esc, s->layers);
}

/* ---- one sentence per kind ---------------------------------------------- */

static void add_org(sentence *s)
{
    put(s, "%s is added", who_is(s, "organisation"));
    if (json_is_object(who(s, "parent")))
        put(s, ", within %s", who_is(s, "parent"));
}

static void add_actor(sentence *s)
{
    put(s, "%s joins %s at the %s layer", who_is(s, "actor"), who_is(s, "org"),
        layer_name(json_object_get(s->e, "layer")));
    if (json_is_object(who(s, "superior")))
        put(s, ", reporting to %s", who_is(s, "superior"));
}

static void set_superior(sentence *s)
{
    if (json_is_object(who(s, "superior")))
        put(s, "%s now reports to %s", who_is(s, "actor"), who_is(s, "superior"));
    else
        put(s, "%s no longer reports to anyone", who_is(s, "actor"));
}

static void set_propensity(sentence *s)
{
    put(s, "%s's propensity to trust is set to %.2f", who_is(s, "actor"), num(s->e, "propensity"));
}

static void add_tie(sentence *s) { put(s, "%s and %s start working together", who_is(s, "a"), who_is(s, "b")); }

static void set_tie(sentence *s)
{
    const json_t *tie = who(s, "tie");
    put(s, "the tie of %s and %s: %s set to %g", who_name(json_object_get(tie, "a")), who_name(json_object_get(tie, "b")),
        json_string_value(json_object_get(s->e, "attribute")), num(s->e, "value"));
}

static void observe(sentence *s)
{
    put(s, "%s about %s: ", who_is(s, "truster"), who_is(s, "trustee"));
    underscored(s, json_string_value(json_object_get(s->e, "observation")));
    if (num(s->e, "magnitude") != 1)
        put(s, " (magnitude %g)", num(s->e, "magnitude"));
}

static void disrupt(sentence *s)
{
    put(s, "%s meets a %s disruption with %s (severity %.2f%s), called ", who_is(s, "observer"),
        json_string_value(json_object_get(s->e, "disruption_kind")), who_is(s, "other"), num(s->e, "severity"),
        json_is_true(json_object_get(s->e, "separated")) ? "; person and task kept apart" : "");
    disruption(s);
}

static void repair(sentence *s)
{
    disruption(s);
    put(s, " is repaired between the two");
}

static void escalate(sentence *s)
{
    put(s, "the %s escalation of ", json_string_value(json_object_get(s->e, "mode")));
    disruption(s);
    put(s, " up the organisations");
}

static void consult(sentence *s)
{
    put(s, "%s and %s consult without a cause", who_is(s, "x"), who_is(s, "y"));
    if (json_is_object(who(s, "liaison_x")) || json_is_object(who(s, "liaison_y")))
        put(s, ", prepared by %s and %s", who_is(s, "liaison_x"), who_is(s, "liaison_y"));
}

static void general_rule(sentence *s) { put(s, "%s sets a general rule", who_is(s, "organisation")); }

static void respond(sentence *s)
{
    const char *r = json_string_value(json_object_get(s->e, "response"));
    const json_t *d = handled(s);
    put(s, "%s answers ", who_name(json_object_get(d, "other")));
    disruption(s);
    put(s, " with %s %s", r && strcmp(r, "apology") == 0 ? "an" : "a", r ? r : "response");
}

static void reveal(sentence *s)
{
    const json_t *d = handled(s);
    put(s, "it comes out that %s was %s in ", who_name(json_object_get(d, "other")),
        json_is_true(json_object_get(s->e, "guilty")) ? "guilty" : "not guilty");
    disruption(s);
}

static void end_tie(sentence *s)
{
    const json_t *pair = who(s, "end_tie");
    put(s, "the tie of %s and %s ends", who_name(json_array_get(pair, 0)), who_name(json_array_get(pair, 1)));
}

static void leave(sentence *s) { put(s, "%s leaves", who_is(s, "leave")); }

static void move(sentence *s)
{
    put(s, "%s moves to %s at the %s layer", who_is(s, "move"), who_is(s, "org"),
        layer_name(json_object_get(s->e, "layer")));
    if (json_is_object(who(s, "superior")))
        put(s, ", reporting to %s", who_is(s, "superior"));
}

static void advance(sentence *s) { put(s, "time moves on"); }

static void refer(sentence *s)
{
    disruption(s);
    put(s, " is referred one layer up (%s)", json_string_value(json_object_get(s->e, "mode")));
}

static void resolve(sentence *s)
{
    put(s, "an attempt to settle ");
    disruption(s);
    put(s, " at its level");
}

static const struct {
    const char *kind;
    int class;
    void (*tell)(sentence *s);
} KINDS[] = {
    {"add_org", STORY_STRUCTURE, add_org},
    {"add_actor", STORY_STRUCTURE, add_actor},
    {"set_superior", STORY_STRUCTURE, set_superior},
    {"set_propensity", STORY_STRUCTURE, set_propensity},
    {"add_tie", STORY_STRUCTURE, add_tie},
    {"set_tie", STORY_STRUCTURE, set_tie},
    {"observe", STORY_OBSERVATION, observe},
    {"disrupt", STORY_EVENT, disrupt},
    {"repair", STORY_EVENT, repair},
    {"escalate", STORY_EVENT, escalate},
    {"consult", STORY_EVENT, consult},
    {"general_rule", STORY_EVENT, general_rule},
    {"respond", STORY_EVENT, respond},
    {"reveal", STORY_EVENT, reveal},
    {"end_tie", STORY_EVENT, end_tie},
    {"leave", STORY_EVENT, leave},
    {"move", STORY_EVENT, move},
    {"advance", STORY_STRUCTURE, advance},
    {"refer", STORY_EVENT, refer},
    {"resolve", STORY_EVENT, resolve},
};

/* The disruptions an event surfaced or whose escalation it marked failed,
 * beyond what its own sentence says. */
static void side_effects(sentence *s, const char *kind)
{
    size_t i;
    const json_t *d;
    json_array_foreach(json_object_get(s->e, "disruptions"), i, d)
    {
        char name[128];
        story_disruption_name(d, name, sizeof name);
        if (json_is_true(json_object_get(d, "surfaced")) && strcmp(kind, "consult") == 0)
            put(s, "; %s comes to the table", name);
        if (json_is_true(json_object_get(d, "escalation_failed")) && !json_object_get(s->e, "escalation"))
            put(s, "; the escalation of %s has failed", name);
    }
}

int story_tell(const json_t *history, const json_t *layers, int (*cb)(void *ctx, const story_line *line), void *ctx)
{
    size_t i;
    const json_t *e;
    json_array_foreach(json_object_get(history, "events"), i, e)
    {
        const char *kind = json_string_value(json_object_get(e, "kind"));
        if (kind && strcmp(kind, "text") == 0)
            continue; /* a description, note or label: its entry tells it (docs/history.md) */
        size_t k = 0;
        while (k < sizeof KINDS / sizeof KINDS[0] && !(kind && strcmp(kind, KINDS[k].kind) == 0))
            k++;
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        if (!f)
            return -1;
        sentence s = {f, e, layers};
        if (k < sizeof KINDS / sizeof KINDS[0])
            KINDS[k].tell(&s);
        else
            put(&s, "%s", kind ? kind : "an event"); /* a kind of a later version: its name */
        outcome(&s);
        side_effects(&s, kind ? kind : "");
        moved(&s);
        const char *note = json_string_value(json_object_get(e, "note"));
        if (note)
            put(&s, " (note: %s)", note);
        if (fclose(f) != 0) {
            free(text);
            return -1;
        }
        const json_t *t = json_object_get(e, "t");
        story_line line = {json_is_number(t) ? json_number_value(t) : NAN,
                           json_string_value(json_object_get(e, "date")),
                           k < sizeof KINDS / sizeof KINDS[0] ? KINDS[k].class : STORY_EVENT, text};
        int rc = cb(ctx, &line);
        free(text);
        if (rc)
            return rc;
    }
    return 0;
}

json_t *story_layers(const ot_model *m)
{
    unsigned n = 0;
    ot_model_layers(m, &n);
    json_t *names = json_array();
    for (unsigned l = 0; names && l < n; l++)
        if (json_array_append_new(names, json_string(ot_layer_name(m, l)))) {
            json_decref(names);
            return NULL;
        }
    return names;
}

json_t *story_history(const ot_model *m, json_t **layers)
{
    char *text = NULL;
    size_t len = 0;
    *layers = NULL;
    if (ot_history_json(m, &text, &len) != OT_OK)
        return NULL;
    json_t *h = json_loadb(text, len, 0, NULL);
    ot_free(text);
    json_t *names = story_layers(m);
    if (!h || !names) {
        json_decref(h);
        json_decref(names);
        return NULL;
    }
    *layers = names;
    return h;
}
