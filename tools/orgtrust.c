/* orgtrust: scenario files from the command line.
 *
 *   orgtrust report FILE [--json] [-o OUT]   the state report
 *   orgtrust check FILE                      validate only
 *   orgtrust dot FILE [-o OUT]               a Graphviz picture
 *   orgtrust path FILE ACTOR ACTOR           the escalation path of one tie
 *   orgtrust export FILE [-o OUT]            the canonical form
 *
 * Exit status: 0 ok, 1 bad input (the message says where), 2 usage.
 * FILE "-" reads standard input.
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include <orgtrust.h>

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { EXIT_OK = 0, EXIT_BAD = 1, EXIT_USAGE = 2 };

/* ---- options: a table per command, so new ones (--store) are one line -- */

typedef struct option {
    const char *name;  /* "--json" */
    const char *alias; /* "-o", or NULL */
    const char *arg;   /* the argument's name, or NULL for a flag */
    const char *help;
} option;

typedef struct args {
    const char *pos[4]; /* pos[0] is FILE; NULL when the model comes from --store alone */
    int npos;
    const char *value[8]; /* by option index; a flag's value is "" */
    const char *store;    /* --store STORE, every command's option */
} args;

typedef struct command {
    const char *name;
    const char *synopsis;
    const char *summary;
    int npos;
    const option *opts;
    int (*run)(const args *a);
} command;

static const char *prog = "orgtrust";

static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* ---- input and output --------------------------------------------------- */

typedef struct input {
    char *text;
    size_t len;
    const char *name;
} input;

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
static int open_model(const args *a, input *in, ot_model **m)
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

static int write_output(const char *out, const char *text, size_t len)
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

static const char *s_(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "-";
}
static double n_(const json_t *o, const char *key) { return json_number_value(json_object_get(o, key)); }

/* An id in the report -> the name to show. */
static const char *name_of(const json_t *list, const char *id)
{
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) if (strcmp(s_(v, "id"), id) == 0) return s_(v, "name");
    return id;
}

static void underscore_to_space(char *s)
{
    for (; *s; s++)
        if (*s == '_')
            *s = ' ';
}

static void text_report(FILE *f, const char *file, const json_t *r)
{
    const json_t *orgs = json_object_get(r, "organisations"), *actors = json_object_get(r, "actors");
    const json_t *c = json_object_get(r, "counts");
    size_t i, k;
    json_t *v, *x;
#define ON(id) name_of(orgs, id)
#define AN(id) name_of(actors, id)
    fprintf(f, "orgtrust report: %s\n", file);
    const json_t *t = json_object_get(r, "time");
    if (json_is_number(t))
        fprintf(f, "time %g days; ", json_number_value(t));
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
        fprintf(f, "; standing %.2f%s\n", n_(v, "standing"),
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
        fprintf(f, "    reputation: %s of %s %.2f; %s of %s %.2f\n", a, b, n_(rep, "a_to_b"), b, a, n_(rep, "b_to_a"));
        fprintf(f, "    backing: %s's leadership toward %s %.2f; %s's leadership toward %s %.2f\n", a, b,
                n_(back, "a_to_b"), b, a, n_(back, "b_to_a"));
        fprintf(f, "    layer trust:");
        json_array_foreach(json_object_get(v, "layer_trust"), k, x) fprintf(f, "%s %s %.2f", k ? "," : "",
                                                                              s_(x, "layer"), n_(x, "trust"));
        fprintf(f, "\n    hazards:");
        if (json_array_size(json_object_get(v, "hazards")) == 0)
            fprintf(f, " none");
        json_array_foreach(json_object_get(v, "hazards"), k, x)
        {
            const json_t *bt = json_object_get(x, "between");
            fprintf(f, "%s %s -- %s (%s is compromised for disruptions up to the %s layer)", k ? ";" : "",
                    AN(json_string_value(json_array_get(bt, 0))), AN(json_string_value(json_array_get(bt, 1))),
                    AN(s_(x, "higher")), s_(x, "compromised_up_to_layer"));
        }
        fputc('\n', f);
    }
    fprintf(f, "\nTies\n");
    const char *key;
    json_object_foreach((json_t *)json_object_get(r, "ties"), key, v)
    {
        fprintf(f, "  %s (%zu)\n", key, json_array_size(v));
        json_array_foreach(v, i, x)
        {
            const json_t *bt = json_object_get(x, "between");
            fprintf(f, "    %s -- %s: %s layer; intensity %g, affect %g, uncertainty %g%s\n",
                    AN(json_string_value(json_array_get(bt, 0))), AN(json_string_value(json_array_get(bt, 1))),
                    s_(x, "layer"), n_(x, "intensity"), n_(x, "affect"), n_(x, "uncertainty"),
                    json_is_false(json_object_get(x, "active")) ? "; ENDED" : "");
            json_t *d;
            json_array_foreach(json_object_get(x, "directions"), k, d)
            {
                fprintf(f, "      %s -> %s: trust %.2f, trustworthiness %.2f, effective %.2f (limited by %s)%s\n",
                        AN(s_(d, "truster")), AN(s_(d, "trustee")), n_(d, "trust"), n_(d, "trustworthiness"),
                        n_(d, "effective_trust"), s_(d, "limit"),
                        json_is_true(json_object_get(d, "dark_side")) ? "  DARK SIDE: trusts against the record" : "");
            }
            char basis[32];
            snprintf(basis, sizeof basis, "%s", s_(x, "cooperation_basis"));
            underscore_to_space(basis);
            fprintf(f, "      cooperation basis: %s; damping %.2f", basis, n_(x, "damping"));
            if (n_(x, "open_disruptions") > 0)
                fprintf(f, "; %g open disruption(s)", n_(x, "open_disruptions"));
            fputc('\n', f);
        }
    }
    fprintf(f, "\nOn the bridge\n");
    if (json_array_size(json_object_get(r, "bridge")) == 0)
        fprintf(f, "  nobody\n");
    json_array_foreach(json_object_get(r, "bridge"), i, v)
        fprintf(f, "  %s, toward %s: gap %.2f (trusts it far more than colleagues do); standing %.2f\n",
                AN(s_(v, "actor")), ON(s_(v, "organisation")), n_(v, "gap"), n_(v, "standing"));
    fprintf(f, "\nOpen disruptions\n");
    if (json_array_size(json_object_get(r, "open_disruptions")) == 0)
        fprintf(f, "  none\n");
    json_array_foreach(json_object_get(r, "open_disruptions"), i, v)
    {
        fprintf(f, "  %s: %s experienced a %s disruption with %s (severity %g%s) on day %g\n", s_(v, "id"),
                AN(s_(v, "observer")), s_(v, "kind"), AN(s_(v, "other")), n_(v, "severity"),
                json_is_true(json_object_get(v, "separated")) ? ", person and task kept apart" : "", n_(v, "opened"));
        if (json_is_number(json_object_get(v, "surfaced")))
            fprintf(f, "    surfaced on day %g", n_(v, "surfaced"));
        else
            fprintf(f, "    not surfaced yet");
        fprintf(f, "%s; trust %.2f before, %.2f now; freshness %.2f\n",
                json_is_true(json_object_get(v, "escalation_failed")) ? "; an escalation already failed" : "",
                n_(v, "trust_before"), n_(v, "trust_now"), n_(v, "freshness"));
        fprintf(f, "    handled at the %s layer by %s and %s since day %g; due day %g%s; next: ", s_(v, "level"),
                AN(json_string_value(json_array_get(json_object_get(v, "handlers"), 0))),
                AN(json_string_value(json_array_get(json_object_get(v, "handlers"), 1))), n_(v, "level_since"),
                n_(v, "due"), json_is_true(json_object_get(v, "overdue")) ? " (OVERDUE)" : "");
        const json_t *to = json_object_get(v, "refer_to");
        if (json_is_object(to))
            fprintf(f, "refer it to the %s layer (%s and %s)\n", s_(to, "layer"), AN(s_(to, "x")), AN(s_(to, "y")));
        else
            fprintf(f, "resolve it at this level\n");
        const json_t *path = json_object_get(v, "escalation_path");
        if (json_is_array(path)) {
            fprintf(f, "    escalation path:\n");
            json_array_foreach(path, k, x) fprintf(f, "      %s\n", s_(x, "text"));
        }
        fprintf(f, "    advice: %s\n", s_(v, "advice"));
    }
#undef ON
#undef AN
}

/* ---- commands ------------------------------------------------------------- */

static int cmd_check(const args *a)
{
    input in;
    ot_model *m;
    int rc = open_model(a, &in, &m);
    if (rc)
        return rc;
    size_t n[6] = {0};
    for (int w = OT_ORGS; w <= OT_EVENTS; w++)
        ot_model_count(m, w, &n[w]);
    printf("%s: ok: %zu organisations, %zu actors, %zu ties, %zu disruptions, %zu events\n", in.name, n[OT_ORGS],
           n[OT_ACTORS], n[OT_TIES], n[OT_DISRUPTIONS], n[OT_EVENTS]);
    if (a->pos[0] && a->store)
        printf("%s: saved as the store %s\n", in.name, a->store);
    ot_model_free(m);
    free(in.text);
    return EXIT_OK;
}

/* The file being worked on, for the text report's heading. */
static const char *current_name = "";

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
        say("%s: %s", in.name, ot_last_error());
        rc = EXIT_BAD;
    } else {
        rc = write_output(out, text, len);
        release(text);
    }
    ot_model_free(m);
    free(in.text);
    return rc;
}

static int cmd_report(const args *a)
{
    return a->value[0] ? produce(a, ot_report_json, ot_free, a->value[1])
                       : produce(a, text_report_of, free, a->value[1]);
}
static int cmd_dot(const args *a) { return produce(a, ot_export_dot, ot_free, a->value[0]); }
static int cmd_export(const args *a) { return produce(a, ot_scenario_export, ot_free, a->value[0]); }

/* The file's own actor ids, in creation order: the "actors" list, then
 * the add_actor events (the order the loader creates them in). */
static ot_id by_file_id(const input *in, const char *id)
{
    if (!in->text)
        return OT_NONE; /* a stored model: its file's ids are gone */
    json_t *root = json_loadb(in->text, in->len, 0, NULL);
    ot_id found = OT_NONE, k = 0;
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(root, "actors"), i, v)
    {
        const char *s = json_string_value(json_object_get(v, "id"));
        if (s && strcmp(s, id) == 0 && found == OT_NONE)
            found = k;
        k++;
    }
    json_array_foreach(json_object_get(root, "events"), i, v)
    {
        const char *s = json_string_value(json_object_get(v, "add_actor"));
        if (!s)
            continue;
        if (strcmp(s, id) == 0 && found == OT_NONE)
            found = k;
        k++;
    }
    json_decref(root);
    return found;
}

/* ACTOR is the file's id, the report's id (a name made unique), a name,
 * or a name in another case: the first that matches. */
static ot_id resolve(const ot_model *m, const input *in, const json_t *report, const char *arg)
{
    ot_id id = by_file_id(in, arg);
    if (id != OT_NONE)
        return id;
    size_t i, n = 0;
    json_t *v;
    json_array_foreach(json_object_get(report, "actors"), i, v) if (strcmp(s_(v, "id"), arg) == 0) return (ot_id)i;
    ot_model_count(m, OT_ACTORS, &n);
    for (i = 0; i < n; i++)
        if (strcmp(ot_actor_name(m, (ot_id)i), arg) == 0)
            return (ot_id)i;
    for (i = 0; i < n; i++)
        if (strcasecmp(ot_actor_name(m, (ot_id)i), arg) == 0)
            return (ot_id)i;
    return OT_NONE;
}

static const char *STEP[] = {"?", "ok", "no superior", "compromised", "no tie", "unhealthy"};

static int cmd_path(const args *a)
{
    input in;
    ot_model *m;
    int rc = open_model(a, &in, &m);
    if (rc)
        return rc;
    char *json = NULL;
    json_t *report = NULL;
    if (ot_report_json(m, &json, NULL) == OT_OK)
        report = json_loads(json, 0, NULL);
    ot_id x = resolve(m, &in, report, a->pos[1]), y = resolve(m, &in, report, a->pos[2]), tie;
    ot_escalation_step steps[8];
    size_t n = 0;
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
        printf("escalation path of %s -- %s\n", ot_actor_name(m, x), ot_actor_name(m, y));
        size_t rec = SIZE_MAX;
        for (size_t k = 0; k < n && k < 8; k++) {
            const ot_escalation_step *s = &steps[k];
            printf("  step %zu (%s): %s and %s: %s%s\n", k + 1, ot_layer_name(m, s->layer),
                   s->x == OT_NONE ? "nobody" : ot_actor_name(m, s->x),
                   s->y == OT_NONE ? "nobody" : ot_actor_name(m, s->y), STEP[s->status < 6 ? s->status : 0],
                   s->status != OT_STEP_COMPROMISED ? ""
                   : s->reason == OT_REASON_PARTY   ? " (a party to the relationship)"
                                                    : " (works directly with the other side below)");
            if (s->status == OT_STEP_OK && rec == SIZE_MAX)
                rec = k;
        }
        if (rec == SIZE_MAX)
            printf("recommended: none; no step is healthy, escalating would fail\n");
        else
            printf("recommended: step %zu (%s): %s and %s\n", rec + 1, ot_layer_name(m, steps[rec].layer),
                   ot_actor_name(m, steps[rec].x), ot_actor_name(m, steps[rec].y));
        rc = EXIT_OK;
    }
    json_decref(report);
    ot_free(json);
    ot_model_free(m);
    free(in.text);
    return rc;
}

static const option REPORT_OPTS[] = {
    {"--json", NULL, NULL, "print the report as JSON (the keys of docs/report.md)"},
    {"--output", "-o", "OUT", "write to OUT instead of standard output"},
    {NULL, NULL, NULL, NULL}};
static const option OUT_OPTS[] = {{"--output", "-o", "OUT", "write to OUT instead of standard output"},
                                  {NULL, NULL, NULL, NULL}};
static const option NO_OPTS[] = {{NULL, NULL, NULL, NULL}};

static const command COMMANDS[] = {
    {"report", "report FILE [--json] [-o OUT] [--store STORE]",
     "The state of the model after the scenario: organisation pairs, ties by class, bridge builders, open "
     "disruptions with their escalation paths and the recommended step.",
     1, REPORT_OPTS, cmd_report},
    {"check", "check FILE [--store STORE]", "Load the scenario and say whether it is valid; on an error, say where.", 1, NO_OPTS,
     cmd_check},
    {"dot", "dot FILE [-o OUT] [--store STORE]",
     "A Graphviz picture: an organisation a box, layers as rows, ties red to green by trust, hazards dashed. "
     "Render it with: orgtrust dot FILE | dot -Tsvg -o picture.svg",
     1, OUT_OPTS, cmd_dot},
    {"path", "path FILE ACTOR ACTOR [--store STORE]",
     "The escalation path of the tie between two actors (given by the file's id or by name) and the recommended "
     "step.",
     3, NO_OPTS, cmd_path},
    {"export", "export FILE [-o OUT] [--store STORE]",
     "The scenario in canonical form: every parameter written out, ids made from the names, events in order.", 1,
     OUT_OPTS, cmd_export},
};
#define NCOMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

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
    fprintf(f, "  %-22s %s\n", "--store STORE", "save FILE as the store STORE, or without FILE read STORE");
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
            if (strncmp(s, "--store", 7) == 0 && (s[7] == '\0' || s[7] == '=')) {
                if (s[7] == '=')
                    a->store = s + 8;
                else if (i + 1 < argc)
                    a->store = argv[++i];
                else
                    return usage(c, "option %s needs a value", "--store");
                continue;
            }
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
