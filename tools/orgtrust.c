/* orgtrust: scenario files from the command line.
 *
 *   orgtrust report FILE [--json] [-o OUT]   the state report
 *   orgtrust check FILE                      validate only
 *   orgtrust dot FILE [--svg | --png] [-o OUT]  a Graphviz picture (DOT, SVG, PNG)
 *   orgtrust path FILE ACTOR ACTOR           the escalation path of one tie
 *   orgtrust export FILE [-o OUT]            the canonical form
 *   orgtrust timeline FILE [--every DAYS] [--probe SPEC ...] [-o OUT]
 *                                            values over time, as CSV
 *
 * report, dot, path and export take --at DAY: the model as it was that day.
 *
 * Exit status: 0 ok, 1 bad input (the message says where), 2 usage.
 * FILE "-" reads standard input.
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include <orgtrust.h>

#include "render.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
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

/* An option whose argument's name ends in "..." may be given again: its
 * values go to args.many. */
static int repeatable(const option *o) { return o->arg && strstr(o->arg, "...") != NULL; }

typedef struct args {
    const char *pos[4]; /* pos[0] is FILE; NULL when the model comes from --store alone */
    int npos;
    const char *value[8]; /* by option index; a flag's value is "" */
    const char *store;    /* --store STORE, every command's option */
    const char *at;       /* --at DAY, for the commands that take it */
    const char *many[64]; /* the values of the command's repeatable option */
    int nmany;
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
static int parse_day(const char *s, const char *opt, double *day)
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

/* open_model_now(), then with --at DAY the model as it was that day
 * (docs/model.md, section 16). */
static int open_model(const args *a, input *in, ot_model **m)
{
    double day = 0;
    if (a->at && parse_day(a->at, "--at", &day))
        return EXIT_BAD;
    int rc = open_model_now(a, in, m);
    if (rc || !a->at)
        return rc;
    ot_model *past;
    if (ot_model_at(*m, day, &past) != OT_OK) {
        say("%s: --at %s: %s", in->name, a->at, ot_last_error());
        ot_model_free(*m);
        free(in->text);
        return EXIT_BAD;
    }
    ot_model_free(*m);
    *m = past;
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
                if (n_(d, "ceiling") < 1.0)
                    fprintf(f, "        scarred: trust can grow back to %.2f at most now (scar %.2f, deception %.2f)\n",
                            n_(d, "ceiling"), n_(d, "scar"), n_(d, "deception_scar"));
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
        const char *resp = s_(v, "response");
        const json_t *truth = json_object_get(v, "revealed");
        if (resp && strcmp(resp, "none") != 0)
            fprintf(f, "    %s answered with %s %s%s%s\n", AN(s_(v, "other")),
                    strcmp(resp, "apology") == 0 ? "an" : "a", resp, json_is_string(truth) ? "; later shown " : "",
                    json_is_string(truth) ? json_string_value(truth) : "");
        else
            fprintf(f, "    %s has not answered it%s%s\n", AN(s_(v, "other")),
                    json_is_string(truth) ? "; later shown " : "", json_is_string(truth) ? json_string_value(truth) : "");
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

static int cmd_report(const args *a)
{
    return a->value[0] ? produce(a, ot_report_json, ot_free, a->value[1])
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

/* How the command line names actors or organisations: the file's list
 * and events that add them, the report's list, the count and the name. */
typedef struct id_kind {
    const char *list, *adds;
    int count;
    const char *(*name)(const ot_model *, ot_id);
} id_kind;
static const id_kind ACTORS = {"actors", "add_actor", OT_ACTORS, ot_actor_name};
static const id_kind ORGS = {"organisations", "add_org", OT_ORGS, ot_org_name};

/* The file's id, the report's id (a name made unique), a name, or a name
 * in another case: the first that matches. */
static ot_id resolve_as(const id_kind *k, const ot_model *m, const input *in, const json_t *report, const char *arg)
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
static json_t *report_of(const ot_model *m)
{
    char *json = NULL;
    json_t *report = NULL;
    if (ot_report_json(m, &json, NULL) == OT_OK)
        report = json_loads(json, 0, NULL);
    ot_free(json);
    return report;
}

static const char *STEP[] = {"?", "ok", "no superior", "compromised", "no tie", "unhealthy"};

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
    ot_model_free(m);
    free(in.text);
    return rc;
}

/* ---- timeline ------------------------------------------------------------ */

/* The probe kinds by the names --probe uses; `args` says what each
 * argument is: a an actor, o an organisation, l a layer, ? the rest is
 * optional. */
static const struct {
    const char *name;
    int what;
    const char *args;
} PROBE_KINDS[] = {
    {"trust", OT_PROBE_TRUST, "aa"},
    {"trustworthiness", OT_PROBE_TRUSTWORTHINESS, "aa"},
    {"effective_trust", OT_PROBE_EFFECTIVE_TRUST, "aa"},
    {"reputation", OT_PROBE_REPUTATION, "oo?a"},
    {"backing", OT_PROBE_BACKING, "oo"},
    {"layer_trust", OT_PROBE_LAYER_TRUST, "ool"},
    {"damping", OT_PROBE_DAMPING, "aa"},
    {"standing", OT_PROBE_STANDING, "a"},
    {"bridge_gap", OT_PROBE_BRIDGE_GAP, "ao"},
    {"ceiling", OT_PROBE_CEILING, "aa"},
};
#define NPROBE_KINDS (sizeof PROBE_KINDS / sizeof PROBE_KINDS[0])

/* A layer by name (any case) or number; -1 if none. */
static long layer_of(const ot_model *m, const char *arg)
{
    unsigned n = 0;
    ot_model_layers(m, &n);
    for (unsigned l = 0; l < n; l++)
        if (strcasecmp(ot_layer_name(m, l), arg) == 0)
            return (long)l;
    char *end;
    long v = strtol(arg, &end, 10);
    return end != arg && !*end && v >= 0 && v < (long)n ? v : -1;
}

/* SPEC is KIND:ARG,ARG[,ARG]: fill *p, or say why not. */
static int parse_probe(const ot_model *m, const input *in, const json_t *report, const char *spec, ot_probe *p)
{
    const char *colon = strchr(spec, ':');
    size_t klen = colon ? (size_t)(colon - spec) : strlen(spec);
    size_t k = 0;
    while (k < NPROBE_KINDS && !(strlen(PROBE_KINDS[k].name) == klen && strncmp(spec, PROBE_KINDS[k].name, klen) == 0))
        k++;
    if (k == NPROBE_KINDS) {
        say("--probe %s: unknown kind \"%.*s\" (trust, trustworthiness, effective_trust, reputation, backing, "
            "layer_trust, damping, standing, bridge_gap, ceiling)", spec, (int)klen, spec);
        return -1;
    }
    *p = (ot_probe){.what = PROBE_KINDS[k].what, .a = OT_NONE, .b = OT_NONE, .c = OT_NONE};
    ot_id *ids[3] = {&p->a, &p->b, &p->c};
    const char *want = PROBE_KINDS[k].args, *rest = colon ? colon + 1 : "";
    int n = 0, optional = 0;
    char arg[256];
    for (const char *w = want; *w; w++) {
        if (*w == '?') {
            optional = 1;
            continue;
        }
        if (!*rest && optional)
            break;
        const char *comma = strchr(rest, ',');
        size_t len = comma ? (size_t)(comma - rest) : strlen(rest);
        if (!*rest || len >= sizeof arg) {
            say("--probe %s: %s needs %s", spec, PROBE_KINDS[k].name,
                strcmp(want, "aa") == 0 ? "two actors, KIND:ACTOR,ACTOR" : "more arguments (see --help)");
            return -1;
        }
        memcpy(arg, rest, len);
        arg[len] = '\0';
        rest = comma ? comma + 1 : rest + len;
        if (*w == 'l') {
            long l = layer_of(m, arg);
            if (l < 0) {
                say("--probe %s: no layer \"%s\"", spec, arg);
                return -1;
            }
            p->layer = (uint32_t)l;
            continue;
        }
        ot_id id = resolve_as(*w == 'a' ? &ACTORS : &ORGS, m, in, report, arg);
        if (id == OT_NONE) {
            say("--probe %s: no %s \"%s\"", spec, *w == 'a' ? "actor" : "organisation", arg);
            return -1;
        }
        *ids[n++] = id;
    }
    if (*rest) {
        say("--probe %s: too many arguments for %s", spec, PROBE_KINDS[k].name);
        return -1;
    }
    return 0;
}

/* A CSV field: quoted (quotes doubled) when it holds a comma or a quote. */
static void csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

typedef struct column {
    ot_probe p;
    char label[320];
} column;

/* The default columns: for every organisation pair of the report,
 * reputation and backing both ways and the trust of every layer with ties. */
static int default_columns(const ot_model *m, const json_t *report, column *cols, size_t cap, size_t *n)
{
    size_t i, j;
    json_t *pair, *lt;
    *n = 0;
    json_array_foreach(json_object_get(report, "organisation_pairs"), i, pair)
    {
        ot_id a = resolve_as(&ORGS, m, &(input){0}, report, s_(pair, "a"));
        ot_id b = resolve_as(&ORGS, m, &(input){0}, report, s_(pair, "b"));
        const char *an = ot_org_name(m, a), *bn = ot_org_name(m, b);
        const ot_probe base[4] = {{OT_PROBE_REPUTATION, 0, a, b, OT_NONE, 0},
                                  {OT_PROBE_REPUTATION, 0, b, a, OT_NONE, 0},
                                  {OT_PROBE_BACKING, 0, a, b, OT_NONE, 0},
                                  {OT_PROBE_BACKING, 0, b, a, OT_NONE, 0}};
        for (int k = 0; k < 4; k++) {
            if (*n == cap)
                return -1;
            cols[*n].p = base[k];
            snprintf(cols[*n].label, sizeof cols[*n].label, "%s:%s,%s", k < 2 ? "reputation" : "backing",
                     k % 2 ? bn : an, k % 2 ? an : bn);
            ++*n;
        }
        json_array_foreach(json_object_get(pair, "layer_trust"), j, lt)
        {
            if (*n == cap)
                return -1;
            long l = layer_of(m, s_(lt, "layer")); /* the report names the layer */
            if (l < 0)
                continue;
            cols[*n].p = (ot_probe){OT_PROBE_LAYER_TRUST, (uint32_t)l, a, b, OT_NONE, 0};
            snprintf(cols[*n].label, sizeof cols[*n].label, "layer_trust:%s,%s,%s", an, bn,
                     ot_layer_name(m, (unsigned)l));
            ++*n;
        }
    }
    return 0;
}

#define MAX_COLUMNS 4096
#define MAX_ROWS 10000000

static int write_timeline(FILE *f, const column *cols, size_t nc, const double *times, size_t nt, const double *v)
{
    fputs("t", f);
    for (size_t c = 0; c < nc; c++) {
        fputc(',', f);
        csv_field(f, cols[c].label);
    }
    fputc('\n', f);
    for (size_t k = 0; k < nt; k++) {
        fprintf(f, "%.17g", times[k]);
        for (size_t c = 0; c < nc; c++) {
            double x = v[k * nc + c];
            if (x == x)
                fprintf(f, ",%.17g", x);
            else
                fputc(',', f); /* no value at that time */
        }
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

/* Rows from --from (default 0) every --every days (default 7) up to --to
 * (default the model's time), which is always the last row. */
static int timeline_times(const ot_model *m, const args *a, double **times, size_t *nt)
{
    double every = 7, from = 0, to;
    ot_model_time(m, &to);
    if ((a->value[0] && parse_day(a->value[0], "--every", &every)) ||
        (a->value[3] && parse_day(a->value[3], "--from", &from)) ||
        (a->value[4] && parse_day(a->value[4], "--to", &to)))
        return -1;
    if (!(every > 0)) {
        say("--every %s: the step must be more than 0 days", a->value[0]);
        return -1;
    }
    if (to < from)
        to = from; /* no events yet, or --to before --from: one row */
    double steps = (to - from) / every;
    if (steps >= MAX_ROWS) {
        say("%.17g to %.17g every %.17g days: more than %d rows; take a larger --every", from, to, every, MAX_ROWS);
        return -1;
    }
    size_t n = (size_t)steps + 1;
    *times = malloc((n + 1) * sizeof **times);
    if (!*times) {
        say("out of memory");
        return -1;
    }
    for (size_t k = 0; k < n; k++)
        (*times)[k] = from + (double)k * every;
    if ((*times)[n - 1] < to)
        (*times)[n++] = to;
    *nt = n;
    return 0;
}

/* The columns' values at the times, out[k * nc + c] (one ot_timeline()
 * replay), malloc'd; NULL after saying why. */
static double *timeline_values(const ot_model *m, const char *name, const column *cols, size_t nc,
                               const double *times, size_t nt)
{
    ot_probe *probes = malloc((nc ? nc : 1) * sizeof *probes);
    size_t nv = nt * nc;
    double *v = probes ? malloc((nv ? nv : 1) * sizeof *v) : NULL;
    for (size_t c = 0; v && c < nc; c++)
        probes[c] = cols[c].p;
    int failed = !v || (nc && ot_timeline(m, probes, nc, times, nt, v) != OT_OK);
    free(probes);
    if (failed) {
        say("%s: %s", name, v ? ot_last_error() : "out of memory");
        free(v);
        return NULL;
    }
    return v;
}

static int cmd_timeline(const args *a)
{
    input in;
    ot_model *m;
    int rc = open_model(a, &in, &m);
    if (rc)
        return rc;
    char *csv = NULL;
    size_t nc = 0, nt = 0, len = 0;
    json_t *report = NULL;
    double *times = NULL, *v = NULL;
    column *cols = malloc(MAX_COLUMNS * sizeof *cols);
    FILE *mem = NULL;
    rc = EXIT_BAD;
    if (!cols || !(report = report_of(m))) {
        say("%s: %s", in.name, cols ? ot_last_error() : "out of memory");
        goto out;
    }
    for (int i = 0; i < a->nmany; i++, nc++)
        if (parse_probe(m, &in, report, a->many[i], &cols[nc].p))
            goto out;
        else
            snprintf(cols[nc].label, sizeof cols[nc].label, "%s", a->many[i]);
    if (!a->nmany && default_columns(m, report, cols, MAX_COLUMNS, &nc)) {
        say("%s: more than %d columns; choose them with --probe", in.name, MAX_COLUMNS);
        goto out;
    }
    if (nc == 0) {
        say("%s: no organisation pairs to follow; choose what to follow with --probe", in.name);
        goto out;
    }
    if (timeline_times(m, a, &times, &nt) || !(v = timeline_values(m, in.name, cols, nc, times, nt)))
        goto out;
    if (!(mem = open_memstream(&csv, &len)) || write_timeline(mem, cols, nc, times, nt, v)) {
        say("out of memory");
        goto out;
    }
    fclose(mem);
    mem = NULL;
    rc = write_output(a->value[2], csv, len);
out:
    if (mem)
        fclose(mem);
    free(csv);
    free(v);
    free(times);
    free(cols);
    json_decref(report);
    ot_model_free(m);
    free(in.text);
    return rc;
}

/* ---- compare -------------------------------------------------------------- */

/* One value on the two days. */
typedef struct move {
    const column *col;
    double v1, v2;
} move;

/* Largest moves first; a value that did not exist on the first day (NaN)
 * counts as the largest; ties in the order of the columns. */
static double size_of(const move *x) { return isnan(x->v1) || isnan(x->v2) ? INFINITY : fabs(x->v2 - x->v1); }
static int by_size(const void *p, const void *q)
{
    const move *x = p, *y = q;
    double a = size_of(x), b = size_of(y);
    if (a != b)
        return a > b ? -1 : 1;
    return (x->col > y->col) - (x->col < y->col);
}

static void print_value(double v)
{
    if (isnan(v))
        printf("    -");
    else
        printf("%5.3f", v);
}

/* Print the moves of cols[from, to) that changed, largest first. */
static size_t print_moves(const char *title, const column *cols, size_t from, size_t to, const double *v, size_t nc)
{
    move *mv = malloc((to - from + 1) * sizeof *mv);
    size_t n = 0, width = 0;
    if (!mv)
        return 0;
    for (size_t c = from; c < to; c++) {
        double v1 = v[c], v2 = v[nc + c];
        if (v1 == v2 || (isnan(v1) && isnan(v2)))
            continue;
        mv[n++] = (move){&cols[c], v1, v2};
        size_t w = strlen(cols[c].label);
        width = w > width ? w : width;
    }
    qsort(mv, n, sizeof *mv, by_size);
    printf("%s, largest moves first:%s\n", title, n ? "" : " none moved");
    for (size_t k = 0; k < n; k++) {
        printf("  %-*s  ", (int)width, mv[k].col->label);
        print_value(mv[k].v1);
        printf(" -> ");
        print_value(mv[k].v2);
        if (isnan(mv[k].v1))
            printf("  (new)\n");
        else if (isnan(mv[k].v2))
            printf("  (gone)\n");
        else
            printf("  (%+.3f)\n", mv[k].v2 - mv[k].v1);
    }
    free(mv);
    return n;
}

/* compare FILE DAY1 DAY2: what changed between two days (one replay, as
 * ot_timeline() gives both days at once). */
static int cmd_compare(const args *a)
{
    double days[2];
    if (parse_day(a->pos[1], "DAY1", &days[0]) || parse_day(a->pos[2], "DAY2", &days[1]))
        return EXIT_BAD;
    if (days[1] < days[0]) {
        say("DAY2 = %s is before DAY1 = %s; give the earlier day first", a->pos[2], a->pos[1]);
        return EXIT_BAD;
    }
    input in;
    ot_model *m;
    int rc = open_model(a, &in, &m);
    if (rc)
        return rc;
    json_t *report = NULL;
    size_t npairs = 0, nties = 0, nc = 0;
    column *cols = malloc(MAX_COLUMNS * sizeof *cols);
    double *v = NULL;
    rc = EXIT_BAD;
    if (!cols || !(report = report_of(m))) {
        say("%s: %s", in.name, cols ? ot_last_error() : "out of memory");
        goto out;
    }
    if (default_columns(m, report, cols, MAX_COLUMNS, &npairs) || ot_model_count(m, OT_TIES, &nties) ||
        npairs + 2 * nties > MAX_COLUMNS) {
        say("%s: more than %d values to compare", in.name, MAX_COLUMNS);
        goto out;
    }
    /* Every direction of every tie, ended ones included (their trust stays
     * readable). */
    nc = npairs;
    for (ot_id t = 0; t < nties; t++) {
        ot_id x, y;
        ot_tie_ends(m, t, &x, &y);
        for (int k = 0; k < 2; k++, nc++) {
            ot_id from = k ? y : x, to = k ? x : y;
            cols[nc].p = (ot_probe){OT_PROBE_TRUST, 0, from, to, OT_NONE, 0};
            snprintf(cols[nc].label, sizeof cols[nc].label, "trust:%s,%s", ot_actor_name(m, from),
                     ot_actor_name(m, to));
        }
    }
    if (!(v = timeline_values(m, in.name, cols, nc, days, 2)))
        goto out;
    printf("%s: day %g -> day %g\n", in.name, days[0], days[1]);
    print_moves("organisation pairs", cols, 0, npairs, v, nc);
    print_moves("ties", cols, npairs, nc, v, nc);
    rc = EXIT_OK;
out:
    free(v);
    free(cols);
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
    {NULL, NULL, NULL, NULL}};

static const option REPORT_OPTS[] = {
    {"--json", NULL, NULL, "print the report as JSON (the keys of docs/report.md)"},
    {"--output", "-o", "OUT", "write to OUT instead of standard output"},
    {NULL, NULL, NULL, NULL}};
static const option OUT_OPTS[] = {{"--output", "-o", "OUT", "write to OUT instead of standard output"},
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
    {"report", "report FILE [--json] [-o OUT] [--at DAY] [--store STORE]",
     "The state of the model after the scenario: organisation pairs, ties by class, bridge builders, open "
     "disruptions with their escalation paths and the recommended step.",
     1, REPORT_OPTS, cmd_report},
    {"check", "check FILE [--store STORE] | check --store STORE [--deep]",
     "Load the scenario and say whether it is valid; on an error, say where. With --store STORE --deep, verify "
     "the store deeply and say what was checked.",
     1, CHECK_OPTS, cmd_check},
    {"dot", "dot FILE [--svg | --png] [-o OUT] [--at DAY] [--store STORE]",
     "A picture of the network (docs/picture.md): a title with the day and a legend; an organisation a box, "
     "layers as rows; each tie red to green by trust, with its numbers by direction (\"Roy -> Fatima 0.79\": "
     "Roy's trust in Fatima); diagonal ties (escalation hazards) dashed, open disruptions bold with the "
     "recommended step as a blue arrow, ended ties and actors who left grey. As Graphviz DOT text, or with "
     "--svg or --png rendered by the Graphviz library (no dot program needed). --png needs -o OUT.",
     1, DOT_OPTS, cmd_dot},
    {"path", "path FILE ACTOR ACTOR [--at DAY] [--store STORE]",
     "The escalation path of the tie between two actors (given by the file's id or by name) and the recommended "
     "step.",
     3, NO_OPTS, cmd_path},
    {"export", "export FILE [-o OUT] [--at DAY] [--store STORE]",
     "The scenario in canonical form: every parameter written out, ids made from the names, events in order.", 1,
     OUT_OPTS, cmd_export},
    {"backup", "backup --store STORE OUT",
     "An online, consistent copy of the store into the new file OUT (SQLite's backup API), while writers go on.",
     1, NO_OPTS, cmd_backup},
    {"timeline", "timeline FILE [--every DAYS] [--probe SPEC ...] [-o OUT] [--store STORE]",
     "Values over time as CSV: one row per day (every 7 days by default, up to the last event), one column per "
     "probe. Without --probe: reputation and backing both ways and the trust of every layer with ties, for every "
     "organisation pair.",
     1, TIMELINE_OPTS, cmd_timeline},
    {"compare", "compare FILE DAY1 DAY2 [--store STORE]",
     "What changed between two days: reputation, backing and layer trust of every organisation pair, then the "
     "trust of every tie direction, each with its values on both days, largest moves first (\"new\": it did not "
     "exist yet on DAY1). Values that did not move are left out.",
     3, NO_OPTS, cmd_compare},
};
#define NCOMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

/* report, dot, path and export take --at DAY (the model as it was then). */
static int takes_at(const command *c)
{
    return c->run == cmd_report || c->run == cmd_dot || c->run == cmd_path || c->run == cmd_export;
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
        fprintf(f, "  %-22s %s\n", "--at DAY", "the model as it was on day DAY (every event up to it)");
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
