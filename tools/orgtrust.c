/* orgtrust: scenario files from the command line.
 *
 *   orgtrust report FILE [--json] [-o OUT]   the state report
 *   orgtrust check FILE                      validate; the structure, the events, warnings
 *   orgtrust dot FILE [--svg | --png] [-o OUT]  a Graphviz picture (DOT, SVG, PNG)
 *   orgtrust path FILE ACTOR ACTOR           the escalation path of one tie
 *   orgtrust export FILE [-o OUT]            the canonical form
 *   orgtrust timeline FILE [--every DAYS] [--probe SPEC ...] [-o OUT]
 *                                            values over time, as CSV
 *
 * report, dot, path, export and log take --at DAY: the model as it was that day.
 *
 * Exit status: 0 ok, 1 bad input (the message says where), 2 usage.
 * FILE "-" reads standard input.
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "html.h"

#include "render.h"
#include "story.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* An option whose argument's name ends in "..." may be given again: its
 * values go to args.many. */
static int repeatable(const option *o) { return o->arg && strstr(o->arg, "...") != NULL; }

const char *prog = "orgtrust";

void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* ---- input and output --------------------------------------------------- */


static int read_input(const char *path, input *in)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    in->name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    in->text = NULL;
    in->len = 0;
    if (!f) {
        say("%s: %s", path, strerror(errno));
        return EXIT_BAD;
    }
    size_t cap = 0;
    for (;;) {
        if (in->len == cap) {
            size_t ncap = cap ? cap * 2 : 65536;
            char *p = realloc(in->text, ncap);
            if (!p) {
                say("%s: out of memory", in->name);
                break;
            }
            in->text = p;
            cap = ncap;
        }
        size_t got = fread(in->text + in->len, 1, cap - in->len, f);
        in->len += got;
        if (got == 0)
            break;
    }
    int err = ferror(f) || in->len == cap;
    if (ferror(f))
        say("%s: %s", in->name, strerror(errno));
    if (f != stdin)
        fclose(f);
    if (err) {
        free(in->text);
        return EXIT_BAD;
    }
    return EXIT_OK;
}

static int load(const char *path, input *in, ot_model **m)
{
    int rc = read_input(path, in);
    if (rc)
        return rc;
    if (ot_scenario_load(in->text, in->len, m) != OT_OK) {
        say("%s: %s", in->name, ot_last_error());
        free(in->text);
        return EXIT_BAD;
    }
    return EXIT_OK;
}

/* The model a command works on. With FILE it is the scenario; --store STORE
 * then also saves it as a new store. With --store alone it is the stored
 * model, opened read-only (a writer may be working on it meanwhile). */
static int open_model_now(const args *a, input *in, ot_model **m)
{
    if (a->pos[0]) {
        int rc = load(a->pos[0], in, m);
        if (rc || !a->store)
            return rc;
        if (ot_store_save(*m, a->store) != OT_OK) {
            say("%s: %s", a->store, ot_last_error());
            ot_model_free(*m);
            free(in->text);
            return EXIT_BAD;
        }
        return EXIT_OK;
    }
    in->text = NULL;
    in->len = 0;
    in->name = a->store;
    if (ot_store_open(a->store, NULL, OT_STORE_READONLY, m) != OT_OK) {
        say("%s: %s", a->store, ot_last_error());
        return EXIT_BAD;
    }
    return EXIT_OK;
}

/* A finite number of days from the command line, or -1 with a message. */
int parse_day(const char *s, const char *opt, double *day)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || errno == ERANGE || v != v || v - v != 0) {
        say("%s %s: not a finite number of days", opt, s);
        return -1;
    }
    *day = v;
    return 0;
}

int parse_when(const ot_model *m, const char *s, const char *opt, double *day)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end != s && !*end && errno != ERANGE && v == v && v - v == 0) {
        *day = v;
        return 0;
    }
    if (!ot_model_epoch(m)) {
        say("%s %s: not a number of days (a date needs a scenario with an \"epoch\")", opt, s);
        return -1;
    }
    if (ot_model_day(m, s, day) != OT_OK) {
        say("%s %s: neither a number of days nor a date: %s", opt, s, ot_last_error());
        return -1;
    }
    return 0;
}

/* open_model_now(), then with --at DAY|DATE the model as it was that day
 * (docs/model.md, section 16). */
int open_model(const args *a, input *in, ot_model **m)
{
    int rc = open_model_now(a, in, m);
    if (rc || !a->at)
        return rc;
    double day = 0;
    ot_model *past = NULL;
    if (parse_when(*m, a->at, "--at", &day))
        rc = EXIT_BAD;
    else if (ot_model_at(*m, day, &past) != OT_OK) {
        say("%s: --at %s: %s", in->name, a->at, ot_last_error());
        rc = EXIT_BAD;
    }
    ot_model_free(*m);
    *m = past;
    if (rc) {
        free(in->text);
        in->text = NULL;
    }
    return rc;
}

int write_output(const char *out, const char *text, size_t len)
{
    FILE *f = out && strcmp(out, "-") != 0 ? fopen(out, "wb") : stdout;
    if (!f) {
        say("%s: %s", out, strerror(errno));
        return EXIT_BAD;
    }
    int bad = fwrite(text, 1, len, f) != len;
    bad |= f == stdout ? fflush(f) != 0 : fclose(f) != 0;
    if (bad) {
        say("%s: cannot write: %s", out ? out : "<stdout>", strerror(errno));
        return EXIT_BAD;
    }
    return EXIT_OK;
}

/* ---- the text report ---------------------------------------------------- */

/* Print a JSON report as text: the same content, rounded for reading. */

const char *s_(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "-";
}
double n_(const json_t *o, const char *key) { return json_number_value(json_object_get(o, key)); }

/* An id in the report -> the name to show. */
const char *name_of(const json_t *list, const char *id)
{
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) if (strcmp(s_(v, "id"), id) == 0) return s_(v, "name");
    return id;
}

/* An actor's organisation (its id) in the report. */
static const char *org_of_actor(const json_t *actors, const char *id)
{
    size_t i;
    json_t *v;
    json_array_foreach(actors, i, v) if (strcmp(s_(v, "id"), id) == 0) return s_(v, "organisation");
    return "-";
}

/* ---- the vocabulary (ot_term_info(), lib/words.c) -------------------------- */

/* The terms a text has used, for its legend. */
#define MAX_TERMS 512
typedef struct words {
    unsigned char used[MAX_TERMS];
} words;

/* The index of term `key` (marked used), or -1 when the library has none. */
static int term_index(words *w, const char *key)
{
    unsigned i;
    if (ot_term_find(key, &i) != OT_OK || i >= MAX_TERMS)
        return -1;
    if (w)
        w->used[i] = 1;
    return (int)i;
}

/* The model's term of `key` ("status.compromised" -> "compromised"). */
static const char *term(words *w, const char *key)
{
    const char *t = key;
    int i = term_index(w, key);
    if (i >= 0)
        ot_term_info((unsigned)i, NULL, &t, NULL, NULL);
    return t;
}

/* The plain words of `key`. */
static const char *plain(words *w, const char *key)
{
    const char *p = "";
    int i = term_index(w, key);
    if (i >= 0)
        ot_term_info((unsigned)i, NULL, NULL, &p, NULL);
    return p;
}

/* "field.value" for a term's key, in buf. */
static const char *value_key(char *buf, size_t size, const char *field, const char *value)
{
    snprintf(buf, size, "%s.%s", field, value);
    return buf;
}

/* The plain words of `key` said about names: the slots are name, value
 * pairs up to a NULL name (ot_term_fill()). */
static const char *phrase(words *w, const char *key, char *buf, size_t size, ...)
{
    const char *slots[16];
    size_t n = 0;
    va_list ap;
    va_start(ap, size);
    for (const char *name; n < 8 && (name = va_arg(ap, const char *)) != NULL; n++) {
        slots[2 * n] = name;
        slots[2 * n + 1] = va_arg(ap, const char *);
    }
    va_end(ap);
    int i = term_index(w, key);
    if (i < 0 || ot_term_fill((unsigned)i, slots, n, buf, size, NULL) != OT_OK)
        snprintf(buf, size, "%s", plain(w, key));
    return buf;
}

/* "0.81" -> "81%", for the phrases that say a share. */
static const char *percent(char *buf, size_t size, double v)
{
    snprintf(buf, size, "%.0f%%", 100 * v);
    return buf;
}

/* The legend: every term the text used, its plain words and definition. */
static void legend(FILE *f, const words *w)
{
    fprintf(f, "\nWords used above\n");
    for (unsigned i = 0; i < MAX_TERMS; i++) {
        const char *key, *t, *p, *def;
        if (!w->used[i] || ot_term_info(i, &key, &t, &p, &def) != OT_OK)
            continue;
        /* a value's term ("cooperation_basis.trust") under its field's */
        const char *dot = strchr(key, '.');
        char field[64];
        unsigned fi;
        snprintf(field, sizeof field, "%.*s", dot ? (int)(dot - key) : 0, key);
        const char *in = dot && ot_term_find(field, &fi) == OT_OK ? "    " : "  ";
        fprintf(f, "%s%s: %s.\n%s    %s\n", in, t, p, in, def);
    }
}

/* " (2025-03-14)" when the report gives the date `key`, else "". */
static const char *dated(const json_t *v, const char *key, char buf[48])
{
    const json_t *d = json_object_get(v, key);
    if (!json_is_string(d))
        return "";
    snprintf(buf, 48, " (%.30s)", json_string_value(d));
    return buf;
}

static void text_report(FILE *f, const char *file, const json_t *r)
{
    const json_t *orgs = json_object_get(r, "organisations"), *actors = json_object_get(r, "actors");
    const json_t *c = json_object_get(r, "counts");
    size_t i, k;
    json_t *v, *x;
    words used = {{0}}, *w = &used;
    char say1[512], say2[512], key[64], num[32];
#define ON(id) name_of(orgs, id)
#define AN(id) name_of(actors, id)
    char date[48];
    fprintf(f, "orgtrust report: %s\n", file);
    if (json_is_string(json_object_get(r, "description")))
        fprintf(f, "%s\n", s_(r, "description"));
    const json_t *t = json_object_get(r, "time");
    if (json_is_number(t))
        fprintf(f, "time %g days%s; ", json_number_value(t), dated(r, "date", date));
    else
        fprintf(f, "no events yet; ");
    fprintf(f, "%g organisations, %g actors (%g left), %g ties (%g ended), %g disruptions (%g open), %g events kept\n",
            n_(c, "organisations"), n_(c, "actors"), n_(c, "departed_actors"), n_(c, "ties"), n_(c, "ended_ties"),
            n_(c, "disruptions"), n_(c, "open_disruptions"), n_(c, "events"));
    fprintf(f, "layers (bottom to top):");
    json_array_foreach(json_object_get(r, "layers"), i, v) fprintf(f, "%s %s", i ? "," : "", json_string_value(v));
    fprintf(f, "\n\nOrganisations\n");
    json_array_foreach(orgs, i, v)
    {
        fprintf(f, "  %s", s_(v, "name"));
        if (json_is_string(json_object_get(v, "parent")))
            fprintf(f, " (in %s)", ON(s_(v, "parent")));
        fputc('\n', f);
    }
    fprintf(f, "\nActors\n");
    json_array_foreach(actors, i, v)
    {
        fprintf(f, "  %s: %s, %s", s_(v, "name"), ON(s_(v, "organisation")), s_(v, "layer"));
        if (json_is_string(json_object_get(v, "superior")))
            fprintf(f, ", reports to %s", AN(s_(v, "superior")));
        fprintf(f, "; %s %.2f (%s)%s\n", term(w, "standing"), n_(v, "standing"),
                phrase(w, "standing", say1, sizeof say1, "org", ON(s_(v, "organisation")), "actor", s_(v, "name"),
                       NULL),
                json_is_false(json_object_get(v, "active")) ? "; has LEFT" : "");
    }
    fprintf(f, "\nOrganisation pairs\n");
    if (json_array_size(json_object_get(r, "organisation_pairs")) == 0)
        fprintf(f, "  (none: no tie runs between two organisations)\n");
    json_array_foreach(json_object_get(r, "organisation_pairs"), i, v)
    {
        const char *a = ON(s_(v, "a")), *b = ON(s_(v, "b"));
        const json_t *rep = json_object_get(v, "reputation"), *back = json_object_get(v, "backing");
        fprintf(f, "  %s <-> %s\n", a, b);
        fprintf(f, "    %s: %s %.2f; %s %.2f\n", term(w, "reputation"),
                phrase(w, "reputation", say1, sizeof say1, "a", a, "b", b, NULL), n_(rep, "a_to_b"),
                phrase(w, "reputation", say2, sizeof say2, "a", b, "b", a, NULL), n_(rep, "b_to_a"));
        fprintf(f, "    %s: %s %.2f; %s %.2f\n", term(w, "backing"),
                phrase(w, "backing", say1, sizeof say1, "a", a, "b", b, NULL), n_(back, "a_to_b"),
                phrase(w, "backing", say2, sizeof say2, "a", b, "b", a, NULL), n_(back, "b_to_a"));
        fprintf(f, "    %s (%s):", term(w, "layer_trust"), plain(w, "layer_trust"));
        json_array_foreach(json_object_get(v, "layer_trust"), k, x) fprintf(f, "%s %s %.2f", k ? "," : "",
                                                                              s_(x, "layer"), n_(x, "trust"));
        fprintf(f, "\n    %s:", term(w, "hazards"));
        if (json_array_size(json_object_get(v, "hazards")) == 0)
            fprintf(f, " none");
        json_array_foreach(json_object_get(v, "hazards"), k, x)
        {
            const json_t *bt = json_object_get(x, "between");
            const char *e0 = json_string_value(json_array_get(bt, 0)), *e1 = json_string_value(json_array_get(bt, 1));
            const char *hi = s_(x, "higher"), *lo = e0 && strcmp(e0, hi) == 0 ? e1 : e0;
            fprintf(f, "%s %s", k ? ";" : "",
                    phrase(w, "hazards", say1, sizeof say1, "higher", AN(hi), "layer", s_(x, "compromised_up_to_layer"),
                           "other", AN(lo ? lo : "-"), NULL));
        }
        fputc('\n', f);
    }
    fprintf(f, "\nTies\n");
    const char *cls;
    json_object_foreach((json_t *)json_object_get(r, "ties"), cls, v)
    {
        fprintf(f, "  %s (%zu): %s\n", cls, json_array_size(v), plain(w, value_key(say1, sizeof say1, "ties", cls)));
        json_array_foreach(v, i, x)
        {
            const json_t *bt = json_object_get(x, "between");
            fprintf(f, "    %s -- %s: %s layer; %s %g, %s %g, %s %g%s\n",
                    AN(json_string_value(json_array_get(bt, 0))), AN(json_string_value(json_array_get(bt, 1))),
                    s_(x, "layer"), term(w, "intensity"), n_(x, "intensity"), term(w, "affect"), n_(x, "affect"),
                    term(w, "uncertainty"), n_(x, "uncertainty"),
                    json_is_false(json_object_get(x, "active")) ? "; ENDED" : "");
            json_t *d;
            json_array_foreach(json_object_get(x, "directions"), k, d)
            {
                value_key(key, sizeof key, "limit", s_(d, "limit"));
                fprintf(f, "      %s -> %s: %s %.2f, %s %.2f, %s %.2f (%s: %s)", AN(s_(d, "truster")),
                        AN(s_(d, "trustee")), term(w, "trust"), n_(d, "trust"), term(w, "trustworthiness"),
                        n_(d, "trustworthiness"), term(w, "effective_trust"), n_(d, "effective_trust"), term(w, key),
                        plain(w, key));
                if (json_is_true(json_object_get(d, "dark_side")))
                    fprintf(f, "  DARK SIDE (%s): %s", term(w, "dark_side"),
                            phrase(w, "dark_side", say1, sizeof say1, "truster", AN(s_(d, "truster")), "trustee",
                                   AN(s_(d, "trustee")), NULL));
                fputc('\n', f);
                if (n_(d, "ceiling") < 1.0) {
                    snprintf(num, sizeof num, "%.2f", n_(d, "ceiling"));
                    fprintf(f, "        %s %s: %s (%s %.2f, %s %.2f)\n", term(w, "ceiling"), num,
                            phrase(w, "ceiling", say1, sizeof say1, "value", num, NULL), term(w, "scar"), n_(d, "scar"),
                            term(w, "deception_scar"), n_(d, "deception_scar"));
                }
            }
            value_key(key, sizeof key, "cooperation_basis", s_(x, "cooperation_basis"));
            fprintf(f, "      %s: %s (%s); %s %.2f", term(w, "cooperation_basis"), term(w, key), plain(w, key),
                    term(w, "damping"), n_(x, "damping"));
            if (n_(x, "damping") < 1.0)
                fprintf(f, " (%s)", phrase(w, "damping", say1, sizeof say1, "percent",
                                            percent(num, sizeof num, n_(x, "damping")), NULL));
            if (n_(x, "open_disruptions") > 0)
                fprintf(f, "; %g open disruption(s)", n_(x, "open_disruptions"));
            fputc('\n', f);
        }
    }
    fprintf(f, "\n%s (%s)\n", "On the bridge", plain(w, "bridge"));
    if (json_array_size(json_object_get(r, "bridge")) == 0)
        fprintf(f, "  nobody\n");
    json_array_foreach(json_object_get(r, "bridge"), i, v)
    {
        const char *who = AN(s_(v, "actor"));
        fprintf(f, "  %s, toward %s: %s %.2f (%s); %s %.2f (%s)\n", who, ON(s_(v, "organisation")), term(w, "gap"),
                n_(v, "gap"), phrase(w, "gap", say1, sizeof say1, "actor", who, "org", ON(s_(v, "organisation")), NULL),
                term(w, "standing"), n_(v, "standing"),
                phrase(w, "standing", say2, sizeof say2, "org", ON(org_of_actor(actors, s_(v, "actor"))), "actor",
                       who, NULL));
    }
    fprintf(f, "\nOpen disruptions\n");
    if (json_array_size(json_object_get(r, "open_disruptions")) == 0)
        fprintf(f, "  none\n");
    json_array_foreach(json_object_get(r, "open_disruptions"), i, v)
    {
        value_key(key, sizeof key, "kind", s_(v, "kind"));
        fprintf(f, "  %s: %s experienced a %s (%s) with %s (%s %g%s%s) on day %g%s\n", s_(v, "id"),
                AN(s_(v, "observer")), term(w, key), plain(w, key), AN(s_(v, "other")), term(w, "severity"),
                n_(v, "severity"), json_is_true(json_object_get(v, "separated")) ? ", " : "",
                json_is_true(json_object_get(v, "separated")) ? term(w, "separated") : "", n_(v, "opened"),
                dated(v, "opened_date", date));
        if (json_is_number(json_object_get(v, "surfaced")))
            fprintf(f, "    surfaced on day %g", n_(v, "surfaced"));
        else
            fprintf(f, "    not surfaced yet");
        if (json_is_true(json_object_get(v, "escalation_failed")))
            fprintf(f, "; %s", plain(w, "escalation_failed"));
        fprintf(f, "; trust %.2f before, %.2f now; %s %.2f (%s)\n", n_(v, "trust_before"), n_(v, "trust_now"),
                term(w, "freshness"), n_(v, "freshness"),
                phrase(w, "freshness", say1, sizeof say1, "percent", percent(num, sizeof num, n_(v, "freshness")),
                       NULL));
        const char *resp = s_(v, "response");
        const json_t *truth = json_object_get(v, "revealed");
        value_key(key, sizeof key, "response", resp);
        if (resp && strcmp(resp, "none") != 0)
            fprintf(f, "    %s answered with %s %s (%s)", AN(s_(v, "other")), strcmp(resp, "apology") == 0 ? "an" : "a",
                    term(w, key), plain(w, key));
        else
            fprintf(f, "    %s %s", AN(s_(v, "other")), plain(w, key));
        if (json_is_string(truth))
            fprintf(f, "; %s: %s", term(w, "revealed"),
                    plain(w, value_key(say1, sizeof say1, "revealed", json_string_value(truth))));
        fputc('\n', f);
        fprintf(f, "    %s: %s since day %g; %s %g", term(w, "level"),
                phrase(w, "level", say1, sizeof say1, "layer", s_(v, "level"), "x",
                       AN(json_string_value(json_array_get(json_object_get(v, "handlers"), 0))), "y",
                       AN(json_string_value(json_array_get(json_object_get(v, "handlers"), 1))), NULL),
                n_(v, "level_since"), term(w, "due"), n_(v, "due"));
        if (json_is_true(json_object_get(v, "overdue")))
            fprintf(f, " (OVERDUE: %s)", plain(w, "overdue"));
        value_key(key, sizeof key, "next_action", s_(v, "next_action"));
        const json_t *to = json_object_get(v, "refer_to");
        term(w, key);
        fprintf(f, "; next: %s\n",
                json_is_object(to) ? phrase(w, key, say1, sizeof say1, "layer", s_(to, "layer"), "x", AN(s_(to, "x")),
                                            "y", AN(s_(to, "y")), NULL)
                                   : plain(w, key));
        const json_t *path = json_object_get(v, "escalation_path");
        if (json_is_array(path)) {
            fprintf(f, "    %s (%s):\n", term(w, "escalation_path"), plain(w, "escalation_path"));
            json_array_foreach(path, k, x) {
                /* the step's words come from the vocabulary: mark them for the legend */
                term(w, value_key(key, sizeof key, "status", s_(x, "status")));
                if (json_is_string(json_object_get(x, "reason")))
                    term(w, value_key(key, sizeof key, "reason", s_(x, "reason")));
            }
            json_array_foreach(path, k, x) fprintf(f, "      %s\n", s_(x, "text"));
        }
        fprintf(f, "    advice: %s\n", s_(v, "advice"));
    }
    legend(f, w);
#undef ON
#undef AN
}

/* ---- commands ------------------------------------------------------------- */

/* check --store STORE --deep: ot_store_verify_report(), said in words. */
static int verify_store(const char *store)
{
    char *json = NULL;
    size_t len = 0;
    if (ot_store_verify_report(store, &json, &len) != OT_OK) {
        say("%s: %s", store, ot_last_error());
        return EXIT_BAD;
    }
    json_error_t err;
    json_t *r = json_loadb(json, len, 0, &err);
    ot_free(json);
    if (!r) {
        say("%s: the verify report does not parse: %s", store, err.text);
        return EXIT_BAD;
    }
    long long entries = json_integer_value(json_object_get(r, "entries"));
    long long sealed = json_integer_value(json_object_get(r, "sealed"));
    json_t *cps = json_object_get(r, "checkpoints");
    printf("%s: verified: %lld journal entries (store format %lld), each replayed\n", store, entries,
           json_integer_value(json_object_get(r, "format")));
    if (json_integer_value(json_object_get(r, "chained_from")) == 0)
        printf("%s: no checksum chain: a liborgtrust 1.0 store; the first write by 1.1 starts one\n", store);
    else if (entries == 0)
        printf("%s: checksum chain: no entries yet\n", store);
    else
        printf("%s: checksum chain: entries 1 to %lld, head %s\n", store, entries,
               json_string_value(json_object_get(r, "chain_head")));
    if (sealed > 0)
        printf("%s: entries 1 to %lld were written by liborgtrust 1.0 and sealed when 1.1 started the chain: it "
               "shows they have not changed since then\n",
               store, sealed);
    printf("%s: checkpoints: %zu", store, json_array_size(cps));
    for (size_t i = 0; i < json_array_size(cps); i++)
        printf("%s after entry %lld", i ? "," : "", json_integer_value(json_object_get(json_array_get(cps, i), "entry")));
    printf("%s\n", json_array_size(cps) ? ", equal to the replayed state" : "");
    printf("%s: state digest %s\n", store, json_string_value(json_object_get(r, "digest")));
    json_decref(r);
    return EXIT_OK;
}

/* How many entries of each event kind a history has, in order of first
 * appearance; structure made before the first timed event (t null) is the
 * structure, not an event. */
typedef struct tally {
    const char *kind[64];
    size_t n[64], failed[64];
    size_t nkinds, events;
} tally;

static void count_event(tally *c, const json_t *e)
{
    const char *kind = json_string_value(json_object_get(e, "kind"));
    if (!kind || json_is_null(json_object_get(e, "t")))
        return;
    size_t k = 0;
    while (k < c->nkinds && strcmp(c->kind[k], kind) != 0)
        k++;
    if (k == c->nkinds) {
        if (k == 64)
            return;
        c->kind[c->nkinds++] = kind;
    }
    c->n[k]++;
    c->events++;
    const char *outcome = json_string_value(json_object_get(json_object_get(e, "escalation"), "outcome"));
    if (outcome && strcmp(outcome, "failed") == 0)
        c->failed[k]++;
}

/* A person of the history ({"id", "name"}) by name. */
static const char *person(const json_t *p)
{
    const char *s = json_string_value(json_object_get(p, "name"));
    return s ? s : "nobody";
}

/* Warn about a failed escalation (or referral, or settlement) of the
 * history, with why: every step in the words of `orgtrust log`
 * (story_steps(), tools/story.c). */
static void warn_failed(words *w, const char *file, const ot_model *m, const json_t *e)
{
    const json_t *esc = json_object_get(e, "escalation");
    /* the disruption: "who" names it "disruption", or by the 1.1 event's
     * scenario key ({"resolve": disruption}) */
    const json_t *who = json_object_get(e, "who"), *d = json_object_get(who, "disruption"), *v;
    const char *k;
    json_object_foreach((json_t *)who, k, v) if (!d && json_object_get(v, "observer")) d = v;
    char key[64], name[128], when[64], *steps = NULL;
    size_t len = 0;
    json_t *layers = story_layers(m);
    FILE *mem = open_memstream(&steps, &len);
    if (mem) {
        story_steps(mem, esc, layers);
        fclose(mem);
    }
    /* the steps' terms go into the legend too */
    size_t i;
    const json_t *st;
    json_array_foreach(json_object_get(esc, "path"), i, st)
    {
        term(w, value_key(key, sizeof key, "status", s_(st, "status")));
        if (json_is_string(json_object_get(st, "reason")))
            term(w, value_key(key, sizeof key, "reason", s_(st, "reason")));
    }
    story_disruption_name(d, name, sizeof name);
    day_text(m, n_(e, "t"), when, sizeof when);
    say("%s: warning: %s: the %s of %s (%s with %s) failed (%s): %s", file, when,
        term(w, value_key(key, sizeof key, "kind", s_(e, "kind"))), name, person(json_object_get(d, "observer")),
        person(json_object_get(d, "other")), plain(w, "outcome.failed"), steps ? steps : "");
    free(steps);
    json_decref(layers);
}

/* Warn about every disruption open past its due day (docs/model.md section 14). */
static void warn_overdue(words *w, const char *file, const ot_model *m)
{
    ot_id ids[256];
    size_t n = 0;
    double now = 0;
    char say1[512];
    if (ot_disruptions(m, OT_LIST_OVERDUE, ids, 256, &n) != OT_OK)
        return;
    ot_model_time(m, &now);
    for (size_t k = 0; k < n && k < 256; k++) {
        unsigned layer = 0;
        ot_id x = OT_NONE, y = OT_NONE, obs = OT_NONE, tie, e0, e1;
        double since = 0, due = 0;
        ot_disruption_level(m, ids[k], &layer, &x, &y, &since);
        ot_disruption_due(m, ids[k], &due);
        ot_disruption_detail(m, ids[k], &obs, NULL, NULL, NULL, NULL);
        ot_disruption_tie(m, ids[k], &tie);
        ot_tie_ends(m, tie, &e0, &e1);
        char name[32], d_since[64], d_due[64], d_now[64];
        const char *label = ot_disruption_label(m, ids[k]);
        if (!label)
            snprintf(name, sizeof name, "d%u", (unsigned)ids[k]);
        day_text(m, since, d_since, sizeof d_since);
        day_text(m, due, d_due, sizeof d_due);
        day_text(m, now, d_now, sizeof d_now);
        term(w, "due"); /* in the legend; the sentence says "due 11 January 2026" or "due day 15" */
        say("%s: warning: %s (%s with %s) is %s (%s): %s since %s, due %s, and the file goes on to %s", file,
            label ? label : name, ot_actor_name(m, obs), ot_actor_name(m, obs == e0 ? e1 : e0), term(w, "overdue"),
            plain(w, "overdue"),
            phrase(w, "level", say1, sizeof say1, "layer", ot_layer_name(m, layer), "x", ot_actor_name(m, x), "y",
                   ot_actor_name(m, y), NULL),
            d_since, d_due, d_now);
    }
    if (n > 256)
        say("%s: warning: %zu more disruptions are overdue", file, n - 256);
}

/* The events of the model, counted by kind (its history), with a warning
 * for every failed escalation. */
static void check_events(words *w, const char *file, const ot_model *m)
{
    char *json = NULL;
    size_t len = 0, kept = 0, i;
    json_t *e;
    ot_model_count(m, OT_EVENTS, &kept);
    json_t *h = NULL;
    if (ot_history_json(m, &json, &len) == OT_OK)
        h = json_loadb(json, len, 0, NULL);
    ot_free(json);
    if (!h) {
        printf("%s: events: %zu kept (no history to count them by: %s)\n", file, kept, ot_last_error());
        return;
    }
    tally c;
    memset(&c, 0, sizeof c);
    json_array_foreach(json_object_get(h, "events"), i, e) count_event(&c, e);
    printf("%s: events:", file);
    for (size_t k = 0; k < c.nkinds; k++) {
        char key[64];
        printf("%s %zu %s%s", k ? "," : "", c.n[k], term(w, value_key(key, sizeof key, "kind", c.kind[k])),
               c.n[k] == 1 ? "" : "s");
        if (c.n[k] == 1 && c.failed[k])
            printf(" (failed)");
        else if (c.failed[k])
            printf(" (%zu failed)", c.failed[k]);
    }
    printf("%s%zu in all\n", c.nkinds ? "; " : " ", c.events);
    fflush(stdout);
    json_array_foreach(json_object_get(h, "events"), i, e)
    {
        const char *outcome = json_string_value(json_object_get(json_object_get(e, "escalation"), "outcome"));
        if (outcome && strcmp(outcome, "failed") == 0)
            warn_failed(w, file, m, e);
    }
    json_decref(h);
}

static int cmd_check(const args *a)
{
    if (a->value[0] && (!a->store || a->pos[0]))
        return say("--deep checks a store: check --store STORE --deep"), EXIT_USAGE;
    if (a->value[0]) {
        int v = verify_store(a->store);
        if (v)
            return v;
    }
    input in;
    ot_model *m;
    int rc = open_model(a, &in, &m);
    if (rc)
        return rc;
    size_t n[6] = {0};
    words used = {{0}};
    for (int w = OT_ORGS; w <= OT_EVENTS; w++)
        ot_model_count(m, w, &n[w]);
    printf("%s: ok\n%s: structure: %zu organisations, %zu actors, %zu ties\n", in.name, in.name, n[OT_ORGS],
           n[OT_ACTORS], n[OT_TIES]);
    check_events(&used, in.name, m);
    warn_overdue(&used, in.name, m);
    if (a->pos[0] && a->store)
        printf("%s: saved as the store %s\n", in.name, a->store);
    legend(stdout, &used);
    ot_model_free(m);
    free(in.text);
    return EXIT_OK;
}

/* The file being worked on, for the text report's heading. */
static const char *current_name = "";
/* Why rendering the picture failed (dot --svg, --png), or "". */
static char render_err[1024];

/* The text report: the JSON report, printed for reading. The text is
 * malloc'd (release it with free). */
static int text_report_of(const ot_model *m, char **text, size_t *len)
{
    char *json;
    size_t jlen;
    int rc = ot_report_json(m, &json, &jlen);
    if (rc)
        return rc;
    json_error_t err;
    json_t *r = json_loadb(json, jlen, 0, &err);
    ot_free(json);
    FILE *mem = r ? open_memstream(text, len) : NULL;
    if (mem) {
        text_report(mem, current_name, r);
        fclose(mem);
    }
    json_decref(r);
    return mem ? OT_OK : OT_ENOMEM;
}

typedef int (*producer)(const ot_model *, char **, size_t *);

/* Load FILE, make the text, write it to `out` (NULL: standard output). */
static int produce(const args *a, producer fn, void (*release)(void *), const char *out)
{
    input in;
    ot_model *m;
    int rc = open_model(a, &in, &m);
    if (rc)
        return rc;
    current_name = in.name;
    char *text;
    size_t len;
    if (fn(m, &text, &len) != OT_OK) {
        say("%s: %s", in.name, render_err[0] ? render_err : ot_last_error());
        rc = EXIT_BAD;
    } else {
        rc = write_output(out, text, len);
        release(text);
    }
    ot_model_free(m);
    free(in.text);
    return rc;
}

/* The HTML page (tools/html.c), malloc'd. */
static int html_report_of(const ot_model *m, char **text, size_t *len)
{
    *text = NULL;
    FILE *mem = open_memstream(text, len);
    if (!mem)
        return OT_ENOMEM;
    /* The picture as inline SVG (rendered by libgvc): from its <svg> on,
     * without the XML prolog and DOCTYPE an HTML page does not take. */
    char *dot = NULL, *svg = NULL, err[512];
    size_t dlen = 0, slen = 0;
    const char *inline_svg = NULL;
    if (ot_export_dot(m, &dot, &dlen) == OT_OK && render_graph(dot, dlen, "svg", &svg, &slen, err, sizeof err) == 0)
        inline_svg = strstr(svg, "<svg");
    else
        say("%s: the picture could not be drawn: %s", current_name, dot ? err : ot_last_error());
    ot_free(dot);
    int bad = html_page(mem, m, current_name, inline_svg);
    free(svg);
    bad |= fclose(mem) != 0;
    if (bad) {
        free(*text);
        return OT_ENOMEM;
    }
    return OT_OK;
}

static int cmd_report(const args *a)
{
    if (a->value[0] && a->value[2])
        return say("report: give --json or --html, not both"), EXIT_USAGE;
    return a->value[0]   ? produce(a, ot_report_json, ot_free, a->value[1])
           : a->value[2] ? produce(a, html_report_of, free, a->value[1])
                         : produce(a, text_report_of, free, a->value[1]);
}
/* dot --svg / --png: the picture rendered by Graphviz's library
 * (tools/render.c) as render_format; its message, when it fails, in
 * render_err, which produce() prints instead of ot_last_error(). */
static const char *render_format;

static int rendered_of(const ot_model *m, char **out, size_t *len)
{
    char *dot;
    size_t n;
    int rc = ot_export_dot(m, &dot, &n);
    if (rc)
        return rc;
    rc = render_graph(dot, n, render_format, out, len, render_err, sizeof render_err);
    ot_free(dot);
    if (rc)
        return OT_EINVAL;
    if (render_err[0])
        say("%s: Graphviz: %s", current_name, render_err); /* its warnings */
    render_err[0] = '\0';
    return OT_OK;
}

/* Options: -o OUT (0), --svg (1), --png (2). */
static int cmd_dot(const args *a)
{
    if (a->value[1] && a->value[2])
        return say("dot: --svg and --png: give one of them (orgtrust dot --help)"), EXIT_USAGE;
    if (!a->value[1] && !a->value[2])
        return produce(a, ot_export_dot, ot_free, a->value[0]);
    if (a->value[2] && !a->value[0])
        return say("dot --png writes a binary image: give its file with -o OUT (-o - for standard output)"),
               EXIT_USAGE;
    render_format = a->value[1] ? "svg" : "png";
    return produce(a, rendered_of, free, a->value[0]);
}
static int cmd_export(const args *a) { return produce(a, ot_scenario_export, ot_free, a->value[0]); }

/* The file's own ids of actors ("actors", "add_actor") or organisations
 * ("organisations", "add_org"), in creation order: the list, then the
 * events that add them (the order the loader creates them in). */
static ot_id by_file_id(const input *in, const char *list, const char *adds, const char *id)
{
    if (!in->text)
        return OT_NONE; /* a stored model: its file's ids are gone */
    json_t *root = json_loadb(in->text, in->len, 0, NULL);
    ot_id found = OT_NONE, k = 0;
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(root, list), i, v)
    {
        const char *s = json_string_value(json_object_get(v, "id"));
        if (s && strcmp(s, id) == 0 && found == OT_NONE)
            found = k;
        k++;
    }
    json_array_foreach(json_object_get(root, "events"), i, v)
    {
        const char *s = json_string_value(json_object_get(v, adds));
        if (!s)
            continue;
        if (strcmp(s, id) == 0 && found == OT_NONE)
            found = k;
        k++;
    }
    json_decref(root);
    return found;
}

const id_kind ACTORS = {"actors", "add_actor", OT_ACTORS, ot_actor_name};
const id_kind ORGS = {"organisations", "add_org", OT_ORGS, ot_org_name};

/* The file's id, the report's id (a name made unique), a name, or a name
 * in another case: the first that matches. */
ot_id resolve_as(const id_kind *k, const ot_model *m, const input *in, const json_t *report, const char *arg)
{
    ot_id id = by_file_id(in, k->list, k->adds, arg);
    if (id != OT_NONE)
        return id;
    size_t i, n = 0;
    json_t *v;
    json_array_foreach(json_object_get(report, k->list), i, v) if (strcmp(s_(v, "id"), arg) == 0) return (ot_id)i;
    ot_model_count(m, k->count, &n);
    for (i = 0; i < n; i++)
        if (strcmp(k->name(m, (ot_id)i), arg) == 0)
            return (ot_id)i;
    for (i = 0; i < n; i++)
        if (strcasecmp(k->name(m, (ot_id)i), arg) == 0)
            return (ot_id)i;
    return OT_NONE;
}

/* ACTOR as resolve_as() finds it. */
static ot_id resolve(const ot_model *m, const input *in, const json_t *report, const char *arg)
{
    return resolve_as(&ACTORS, m, in, report, arg);
}

/* The model's report as JSON (the names and ids the commands resolve
 * against), or NULL when it cannot be made (ot_last_error() says why). */
void day_text(const ot_model *m, double t, char *buf, size_t cap)
{
    char iso[OT_DATE_CAP];
    struct tm tm = {0};
    int hour = -1, minute = 0;
    if (ot_model_date(m, t, iso, sizeof iso) != OT_OK ||
        sscanf(iso, "%d-%d-%dT%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &hour, &minute) < 3) {
        snprintf(buf, cap, "day %g", t);
        return;
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    char date[64];
    /* "14 June 2025": the C locale's month names, the day without a zero */
    strftime(date, sizeof date, "%B %Y", &tm);
    if (hour >= 0)
        snprintf(buf, cap, "%d %s, %02d:%02d", tm.tm_mday, date, hour, minute);
    else
        snprintf(buf, cap, "%d %s", tm.tm_mday, date);
}

json_t *report_of(const ot_model *m)
{
    char *json = NULL;
    json_t *report = NULL;
    if (ot_report_json(m, &json, NULL) == OT_OK)
        report = json_loads(json, 0, NULL);
    ot_free(json);
    return report;
}

/* The organisation pair of a tie between x and y (docs/model.md section 1):
 * the two organisations just below the lowest one containing both, or
 * their top-level organisations; *a on x's side. */
static void org_pair(const ot_model *m, ot_id x, ot_id y, ot_id *a, ot_id *b)
{
    ot_id chain[64], o = OT_NONE, prev = OT_NONE;
    size_t n = 0, k = 0;
    ot_actor_org(m, x, &o);
    while (o != OT_NONE && n < 64) {
        chain[n++] = o;
        if (ot_org_parent(m, o, &o) != OT_OK)
            break;
    }
    ot_actor_org(m, y, &o);
    while (o != OT_NONE) {
        for (k = 0; k < n && chain[k] != o; k++)
            ;
        if (k < n)
            break;
        prev = o;
        if (ot_org_parent(m, o, &o) != OT_OK)
            break;
    }
    *a = n == 0 ? OT_NONE : k < n && k > 0 ? chain[k - 1] : chain[n - 1];
    *b = prev;
}

static unsigned layer_of_actor(const ot_model *m, ot_id x)
{
    unsigned l = 0;
    ot_actor_layer(m, x, &l);
    return l;
}

/* A compromised step's reason in words: who is part of the relationship,
 * as the report says it (lib/report.c, step_text). */
static const char *compromised_words(words *w, const ot_model *m, ot_id x, ot_id y, const ot_escalation_step *s,
                                     char *buf, size_t size)
{
    char head[256];
    const char *reason = s->reason == OT_REASON_DIAGONAL ? "reason.diagonal" : "reason.party";
    if (s->reason != OT_REASON_DIAGONAL) {
        ot_id who = s->x == x || s->x == y ? s->x : s->y;
        phrase(w, reason, head, sizeof head, "who", ot_actor_name(m, who), NULL);
    } else {
        /* who works across, with the other side's staff at the lowest layer */
        ot_id a, b, ties[64], who = OT_NONE;
        size_t n = 0;
        unsigned L0 = layer_of_actor(m, x) < layer_of_actor(m, y) ? layer_of_actor(m, x) : layer_of_actor(m, y);
        unsigned staff = L0;
        org_pair(m, x, y, &a, &b);
        ot_hazards(m, a, b, ties, 64, &n);
        /* x first, as the report: the first of the two with a hazard tie at or below L0 */
        for (int c = 0; c < 2 && who == OT_NONE; c++)
            for (size_t k = 0; k < n && k < 64; k++) {
                ot_id e0, e1;
                ot_tie_ends(m, ties[k], &e0, &e1);
                ot_id hi = layer_of_actor(m, e0) > layer_of_actor(m, e1) ? e0 : e1, lo = hi == e0 ? e1 : e0;
                if (hi != (c ? s->y : s->x) || layer_of_actor(m, lo) > L0)
                    continue;
                if (who == OT_NONE || layer_of_actor(m, lo) < staff)
                    staff = layer_of_actor(m, lo);
                who = hi;
            }
        if (who == OT_NONE)
            who = s->x;
        phrase(w, reason, head, sizeof head, "who", ot_actor_name(m, who), "org",
               ot_org_name(m, who == s->x ? b : a), "layer", ot_layer_name(m, staff), NULL);
    }
    snprintf(buf, size, "%s: %s", term(w, reason), head);
    return buf;
}

/* One step of a path in the words of the report's steps. */
static void print_step(words *w, const ot_model *m, ot_id x, ot_id y, size_t k, const ot_escalation_step *s)
{
    /* the vocabulary's keys of the ot_step_status values (fixed in the header) */
    static const char *const STATUS[] = {NULL, "ok", "no_superior", "compromised", "no_tie", "unhealthy"};
    char key[64], detail[512], xy[32] = "", yx[32] = "", theta[32];
    const char *st = s->status >= 1 && s->status <= 5 ? STATUS[s->status] : "?";
    value_key(key, sizeof key, "status", st);
    double a = 0, b = 0, th = 0;
    if (s->x != OT_NONE && s->y != OT_NONE && ot_trust(m, s->x, s->y, &a) == OT_OK &&
        ot_trust(m, s->y, s->x, &b) == OT_OK) {
        snprintf(xy, sizeof xy, "%.2f", a);
        snprintf(yx, sizeof yx, "%.2f", b);
    }
    ot_model_param(m, OT_PARAM_ESCALATION_THRESHOLD, &th);
    snprintf(theta, sizeof theta, "%.2f", th);
    if (s->status == OT_STEP_COMPROMISED)
        compromised_words(w, m, x, y, s, detail, sizeof detail);
    else
        phrase(w, key, detail, sizeof detail, "who", ot_actor_name(m, s->x == OT_NONE ? x : y), "xy", xy, "yx", yx,
               "threshold", theta, NULL);
    printf("  step %zu (%s): %s and %s: %s: %s\n", k + 1, ot_layer_name(m, s->layer),
           s->x == OT_NONE ? "nobody" : ot_actor_name(m, s->x), s->y == OT_NONE ? "nobody" : ot_actor_name(m, s->y),
           term(w, key), detail);
}

static int cmd_path(const args *a)
{
    input in;
    ot_model *m;
    int rc = open_model(a, &in, &m);
    if (rc)
        return rc;
    json_t *report = report_of(m);
    ot_id x = resolve(m, &in, report, a->pos[1]), y = resolve(m, &in, report, a->pos[2]), tie;
    ot_escalation_step steps[8];
    size_t n = 0;
    words used = {{0}};
    rc = EXIT_BAD;
    if (x == OT_NONE || y == OT_NONE) {
        say("%s: no actor \"%s\" (give the file's id or the actor's name)", in.name, a->pos[x == OT_NONE ? 1 : 2]);
    } else if (ot_tie_find(m, x, y, &tie) != OT_OK) {
        say("%s: %s and %s have no tie", in.name, ot_actor_name(m, x), ot_actor_name(m, y));
    } else if (ot_escalation_path(m, tie, steps, 8, &n) != OT_OK) {
        say("%s: %s", in.name, ot_last_error());
    } else {
        ot_id ta, tb;
        ot_tie_ends(m, tie, &ta, &tb);
        if (ta != x) /* show x on the first actor's side */
            for (size_t k = 0; k < n && k < 8; k++) {
                ot_id t = steps[k].x;
                steps[k].x = steps[k].y;
                steps[k].y = t;
            }
        printf("%s of %s -- %s (%s)\n", term(&used, "escalation_path"), ot_actor_name(m, x), ot_actor_name(m, y),
               plain(&used, "escalation_path"));
        size_t rec = SIZE_MAX;
        for (size_t k = 0; k < n && k < 8; k++) {
            print_step(&used, m, x, y, k, &steps[k]);
            if (steps[k].status == OT_STEP_OK && rec == SIZE_MAX)
                rec = k;
        }
        if (rec == SIZE_MAX)
            printf("recommended: none; no step can mediate: escalating would fail and spill down onto both\n");
        else
            printf("recommended: step %zu (%s): %s and %s\n", rec + 1, ot_layer_name(m, steps[rec].layer),
                   ot_actor_name(m, steps[rec].x), ot_actor_name(m, steps[rec].y));
        term(&used, "recommended_step");
        fflush(stdout);
        legend(stdout, &used);
        rc = EXIT_OK;
    }
    json_decref(report);
    ot_model_free(m);
    free(in.text);
    return rc;
}

static const option TIMELINE_OPTS[] = {
    {"--every", NULL, "DAYS", "one row every DAYS days (default 7)"},
    {"--probe", NULL, "SPEC...", "a column: KIND:ARG,... (below); may be given many times"},
    {"--output", "-o", "OUT", "write the CSV to OUT instead of standard output"},
    {"--from", NULL, "DAY", "the first row's day (default 0)"},
    {"--to", NULL, "DAY", "the last row's day (default the model's time, its last event)"},
    {"--svg", NULL, NULL, "draw the values as SVG instead of writing CSV: a chart per organisation pair, or one "
                          "chart of the --probe columns"},
    {NULL, NULL, NULL, NULL}};

static const option REPORT_OPTS[] = {
    {"--json", NULL, NULL, "print the report as JSON (the keys of docs/report.md)"},
    {"--output", "-o", "OUT", "write to OUT instead of standard output"},
    {"--html", NULL, NULL,
     "write one self-contained HTML page: a summary, the network picture, charts over time, the history in words "
     "and a glossary (docs/report.md, \"The HTML page\")"},
    {NULL, NULL, NULL, NULL}};
static const option OUT_OPTS[] = {{"--output", "-o", "OUT", "write to OUT instead of standard output"},
                                  {NULL, NULL, NULL, NULL}};
static const option LOG_OPTS[] = {
    {"--brief", NULL, NULL, "only what a director asks about: disruptions and their handling, consultations, people "
                            "leaving and moving (no structure, no everyday observations)"},
    {"--output", "-o", "OUT", "write to OUT instead of standard output"},
    {NULL, NULL, NULL, NULL}};
static const option NO_OPTS[] = {{NULL, NULL, NULL, NULL}};
static const option DOT_OPTS[] = {
    {"--output", "-o", "OUT", "write to OUT instead of standard output (--png: required; - is standard output)"},
    {"--svg", NULL, NULL, "render the picture as SVG (Graphviz's dot layout, through its library)"},
    {"--png", NULL, NULL, "render the picture as PNG; needs -o OUT"},
    {NULL, NULL, NULL, NULL}};
static const option CHECK_OPTS[] = {
    {"--deep", NULL, NULL,
     "with --store STORE and no FILE: verify the whole store (the checksum chain from the first entry, every "
     "entry replayed, every checkpoint; docs/store.md)"},
    {NULL, NULL, NULL, NULL}};

/* backup --store STORE OUT: an online copy (ot_store_backup). */
static int cmd_backup(const args *a)
{
    if (!a->store || !a->pos[0])
        return say("backup copies a store into a new file: backup --store STORE OUT"), EXIT_USAGE;
    ot_model *m;
    if (ot_store_open(a->store, NULL, OT_STORE_READONLY, &m) != OT_OK) {
        say("%s: %s", a->store, ot_last_error());
        return EXIT_BAD;
    }
    int rc = ot_store_backup(m, a->pos[0]);
    ot_model_free(m);
    if (rc != OT_OK) {
        say("%s: %s", a->store, ot_last_error());
        return EXIT_BAD;
    }
    printf("%s: copied to %s\n", a->store, a->pos[0]);
    return EXIT_OK;
}

static const command COMMANDS[] = {
    {"report", "report FILE [--json | --html] [-o OUT] [--at DAY|DATE] [--store STORE]",
     "The state of the model after the scenario: organisation pairs, ties by class, bridge builders, open "
     "disruptions with their escalation paths and the recommended step. Each number has its term with the plain "
     "words beside it (\"standing 0.55 (how far Gemeente trusts Henk)\"); the text ends with a legend of the "
     "terms it used, and --json writes the same plain words under the keys ending in _plain (docs/report.md, "
     "\"The vocabulary\").",
     1, REPORT_OPTS, cmd_report},
    {"check", "check FILE [--store STORE] | check --store STORE [--deep]",
     "Load the scenario and say whether it is valid; on an error, say where. Then the structure it built "
     "(organisations, actors, ties) and its events counted by kind, with a legend of what each kind does. On "
     "standard error, a warning for every escalation that failed (each step's status, and the trusts against the "
     "threshold) and for every disruption left open past its due day; the exit status stays 0. With --store "
     "STORE --deep, verify the store deeply and say what was checked.",
     1, CHECK_OPTS, cmd_check},
    {"dot", "dot FILE [--svg | --png] [-o OUT] [--at DAY|DATE] [--store STORE]",
     "A picture of the network (docs/picture.md): a title with the day and a legend; an organisation a box, "
     "layers as rows; each tie red to green by trust, with its numbers by direction (\"Roy -> Fatima 0.79\": "
     "Roy's trust in Fatima); diagonal ties (escalation hazards) dashed, open disruptions bold with the "
     "recommended step as a blue arrow, ended ties and actors who left grey. As Graphviz DOT text, or with "
     "--svg or --png rendered by the Graphviz library (no dot program needed). --png needs -o OUT.",
     1, DOT_OPTS, cmd_dot},
    {"path", "path FILE ACTOR ACTOR [--at DAY|DATE] [--store STORE]",
     "The escalation path of the tie between two actors (given by the file's id or by name) and the recommended "
     "step, in the words of the report's escalation steps, with a legend of the terms used.",
     3, NO_OPTS, cmd_path},
    {"export", "export FILE [-o OUT] [--at DAY|DATE] [--store STORE]",
     "The scenario in canonical form: every parameter written out, ids made from the names, events in order.", 1,
     OUT_OPTS, cmd_export},
    {"backup", "backup --store STORE OUT",
     "An online, consistent copy of the store into the new file OUT (SQLite's backup API), while writers go on.",
     1, NO_OPTS, cmd_backup},
    {"timeline", "timeline FILE [--every DAYS] [--probe SPEC ...] [--svg] [-o OUT] [--store STORE]",
     "Values over time as CSV: one row per day (every 7 days by default, up to the last event), one column per "
     "probe. Without --probe: reputation and backing both ways and the trust of every layer with ties, for every "
     "organisation pair.",
     1, TIMELINE_OPTS, cmd_timeline},
    {"compare", "compare FILE DAY1 DAY2 [--store STORE]",
     "What changed between two days: reputation, backing and layer trust of every organisation pair, then the "
     "trust of every tie direction, each with its values on both days, largest moves first (\"new\": it did not "
     "exist yet on DAY1). Values that did not move are left out.",
     3, NO_OPTS, cmd_compare},
    {"log", "log FILE [--brief] [-o OUT] [--at DAY|DATE] [--store STORE]",
     "The history in plain words: every event, oldest first, with its day and what it did (the trust it moved, "
     "how an escalation went and why). docs/report.md, \"The history in words\".",
     1, LOG_OPTS, cmd_log},
};
#define NCOMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

/* report, dot, path, export and log take --at DAY (the model as it was then). */
static int takes_at(const command *c)
{
    return c->run == cmd_report || c->run == cmd_dot || c->run == cmd_path || c->run == cmd_export || c->run == cmd_log;
}

static void command_help(FILE *f, const command *c)
{
    fprintf(f, "usage: %s %s\n\n%s\n", prog, c->synopsis, c->summary);
    fprintf(f, "\nFILE is a scenario file (docs/scenario.md); - reads standard input.\n"
               "With --store STORE and FILE, the scenario is also saved as a new store (docs/store.md);\n"
               "with --store STORE and no FILE, the command works on the stored model (read-only).\n");
    if (c->opts[0].name) {
        fprintf(f, "\noptions:\n");
        for (const option *o = c->opts; o->name; o++) {
            char head[64];
            snprintf(head, sizeof head, "%s%s%s%s%s", o->alias ? o->alias : "", o->alias ? ", " : "", o->name,
                     o->arg ? " " : "", o->arg ? o->arg : "");
            fprintf(f, "  %-22s %s\n", head, o->help);
        }
    } else {
        fprintf(f, "\noptions:\n");
    }
    if (takes_at(c))
        fprintf(f, "  %-22s %s\n", "--at DAY|DATE",
                "the model as it was on day DAY, or on DATE (2025-06-14) when the scenario has an epoch");
    fprintf(f, "  %-22s %s\n", "--store STORE", "save FILE as the store STORE, or without FILE read STORE");
    if (c->run == cmd_timeline)
        fprintf(f, "\nSPEC is KIND:ARG,ARG[,ARG], actors and organisations by the file's id or by name:\n"
                   "  trust:A,B  trustworthiness:A,B  effective_trust:A,B  damping:A,B  ceiling:A,B  (actors)\n"
                   "  reputation:ORG,ORG[,EXCLUDED_ACTOR]  backing:ORG,ORG (the first's leadership toward the second)\n"
                   "  layer_trust:ORG,ORG,LAYER  standing:ACTOR  bridge_gap:ACTOR,ORG\n"
                   "A cell is empty where the value does not exist yet (no tie, no such actor yet).\n");
    fprintf(f, "  %-22s %s\n", "-h, --help", "show this help");
    fprintf(f, "\nexit status: 0 ok, 1 bad input, 2 usage\n");
}

static void main_help(FILE *f)
{
    fprintf(f, "usage: %s COMMAND [OPTIONS] [FILE] ...\n\n"
               "Scenarios of trust between organisations (liborgtrust %s).\n\ncommands:\n",
            prog, ot_version());
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %s\n", COMMANDS[i].synopsis);
    fprintf(f, "\n%s COMMAND --help says more about one command.\n"
               "exit status: 0 ok, 1 bad input, 2 usage\n",
            prog);
}

static int usage(const command *c, const char *fmt, const char *what)
{
    fprintf(stderr, "%s: ", prog);
    fprintf(stderr, fmt, what);
    fprintf(stderr, "\nusage: %s %s\n(%s %s --help for more)\n", prog, c->synopsis, prog, c->name);
    return EXIT_USAGE;
}

/* An option every command (or every command with c->at) takes, given as
 * NAME VALUE or NAME=VALUE: 1 and *value set when s is it, 0 when not, -1
 * when its value is missing. */
static int common_option(const char *s, const char *name, int *i, int argc, char **argv, const char **value)
{
    size_t n = strlen(name);
    if (strncmp(s, name, n) != 0 || (s[n] != '\0' && s[n] != '='))
        return 0;
    if (s[n] == '=')
        *value = s + n + 1;
    else if (*i + 1 < argc)
        *value = argv[++*i];
    else
        return -1;
    return 1;
}

static int parse(const command *c, int argc, char **argv, args *a)
{
    memset(a, 0, sizeof *a);
    int options_done = 0;
    for (int i = 0; i < argc; i++) {
        const char *s = argv[i];
        if (!options_done && s[0] == '-' && s[1] != '\0') {
            if (strcmp(s, "--") == 0) {
                options_done = 1;
                continue;
            }
            if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
                command_help(stdout, c);
                return -1;
            }
            int common = common_option(s, "--store", &i, argc, argv, &a->store);
            if (!common && takes_at(c))
                common = common_option(s, "--at", &i, argc, argv, &a->at);
            if (common < 0)
                return usage(c, "option %s needs a value", s);
            if (common)
                continue;
            const char *eq = strchr(s, '=');
            size_t nlen = eq && s[1] == '-' ? (size_t)(eq - s) : strlen(s);
            int k = 0;
            const option *o = c->opts;
            for (; o->name; o++, k++)
                if ((strlen(o->name) == nlen && strncmp(s, o->name, nlen) == 0) || (o->alias && strcmp(s, o->alias) == 0))
                    break;
            if (!o->name)
                return usage(c, "unknown option %s", s);
            if (!o->arg) {
                if (eq && nlen < strlen(s))
                    return usage(c, "option %s takes no value", o->name);
                a->value[k] = "";
            } else if (eq && nlen < strlen(s)) {
                a->value[k] = eq + 1;
            } else if (i + 1 < argc) {
                a->value[k] = argv[++i];
            } else {
                return usage(c, "option %s needs a value", o->name);
            }
            if (repeatable(o)) {
                if (a->nmany == (int)(sizeof a->many / sizeof a->many[0]))
                    return usage(c, "option %s is given too many times", o->name);
                a->many[a->nmany++] = a->value[k];
            }
            continue;
        }
        if (a->npos >= c->npos)
            return usage(c, "too many arguments (from \"%s\" on)", s);
        a->pos[a->npos++] = s;
    }
    if (a->store && a->npos == c->npos - 1) {
        /* No FILE: the model comes from the store. */
        for (int k = a->npos; k > 0; k--)
            a->pos[k] = a->pos[k - 1];
        a->pos[0] = NULL;
        a->npos++;
    }
    if (a->npos < c->npos)
        return usage(c, "%s", a->npos == 0 ? "FILE is missing" : "an argument is missing");
    if (a->store && a->store[0] == '\0')
        return usage(c, "%s", "--store needs a file name");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        main_help(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0 || strcmp(name, "help") == 0) {
        if (argc > 2)
            for (size_t i = 0; i < NCOMMANDS; i++)
                if (strcmp(argv[2], COMMANDS[i].name) == 0) {
                    command_help(stdout, &COMMANDS[i]);
                    return EXIT_OK;
                }
        main_help(stdout);
        return EXIT_OK;
    }
    if (strcmp(name, "--version") == 0) {
        printf("orgtrust %s\n", ot_version());
        return EXIT_OK;
    }
    for (size_t i = 0; i < NCOMMANDS; i++) {
        if (strcmp(name, COMMANDS[i].name) != 0)
            continue;
        args a;
        int rc = parse(&COMMANDS[i], argc - 2, argv + 2, &a);
        if (rc < 0)
            return EXIT_OK; /* --help */
        if (rc)
            return rc;
        return COMMANDS[i].run(&a);
    }
    fprintf(stderr, "%s: unknown command \"%s\"\n", prog, name);
    main_help(stderr);
    return EXIT_USAGE;
}
