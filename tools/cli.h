/* What the orgtrust command's files share: the option and argument
 * tables, the input, and the helpers every command uses (tools/orgtrust.c)
 * and the timeline's columns (tools/timeline.c).
 * SPDX-License-Identifier: MIT */
#ifndef ORGTRUST_CLI_H
#define ORGTRUST_CLI_H

#include <orgtrust.h>

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

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

typedef struct input {
    char *text;
    size_t len;
    const char *name;
} input;

/* How the command line names actors or organisations: the file's list
 * and events that add them, the report's list, the count and the name. */
typedef struct id_kind {
    const char *list, *adds;
    int count;
    const char *(*name)(const ot_model *, ot_id);
} id_kind;

typedef struct column {
    ot_probe p;
    char label[320];
} column;

/* At most this many columns (probes) in a timeline, a comparison or a chart. */
#define MAX_COLUMNS 4096

/* ---- tools/orgtrust.c ---------------------------------------------------- */

extern const char *prog;
extern const id_kind ACTORS, ORGS;

/* A message on standard error, after the program's name. */
void say(const char *fmt, ...);
/* A finite number of days from the command line, or -1 after saying why. */
int parse_day(const char *s, const char *opt, double *day);
/* The same, or with the model's calendar epoch an ISO date ("2025-06-14",
 * "2025-06-14T09:30"): the day it is. */
int parse_when(const ot_model *m, const char *s, const char *opt, double *day);
/* The model a command works on (FILE, --store, --at); EXIT_OK or the exit
 * status after saying why. The caller frees *m and in->text. */
int open_model(const args *a, input *in, ot_model **m);
/* Write len bytes to `out` (NULL or "-": standard output). */
int write_output(const char *out, const char *text, size_t len);
/* A string member of a JSON object ("-" when missing), a number member. */
const char *s_(const json_t *o, const char *key);
double n_(const json_t *o, const char *key);
/* The name of the entry with report id `id` in a report list. */
const char *name_of(const json_t *list, const char *id);
/* An actor or organisation as the command line names it (file id, report
 * id, name); OT_NONE when none matches. */
ot_id resolve_as(const id_kind *k, const ot_model *m, const input *in, const json_t *report, const char *arg);
/* The model's report (ot_report_json) parsed; NULL when it cannot be made. */
json_t *report_of(const ot_model *m);
/* Day t as the reports show it: "day 120", or with a calendar epoch its
 * date, "14 June 2025" (a time of day when t is not a whole day). */
void day_text(const ot_model *m, double t, char *buf, size_t cap);

/* ---- tools/timeline.c ---------------------------------------------------- */

/* For every organisation pair of the report: reputation and backing both
 * ways and the trust of every layer with ties; -1 when more than cap. */
int default_columns(const ot_model *m, const json_t *report, column *cols, size_t cap, size_t *n);
/* The columns' values at the times, out[k * nc + c], malloc'd (one
 * ot_timeline() replay); NULL after saying why. */
double *timeline_values(const ot_model *m, const char *name, const column *cols, size_t nc, const double *times,
                        size_t nt);

/* Charts (tools/chart.h) of timeline columns: one chart of them all, or
 * with CHARTS_BY_PAIR one per organisation pair of default_columns();
 * CHARTS_NO_BACKING leaves the backing out. The charts point into times,
 * v and the set; release the set with chart_set_free(). -1: out of memory. */
enum { CHARTS_BY_PAIR = 1, CHARTS_NO_BACKING = 2 };
struct chart;
typedef struct chart_set {
    struct chart *c;
    size_t n;
    size_t *col;
    const char **label;
    char (*text)[200];
} chart_set;
int chart_set_make(const ot_model *m, const column *cols, const double *times, size_t nt, const double *v, size_t nc,
                   const char *title, int flags, chart_set *s);
void chart_set_free(chart_set *s);
int cmd_timeline(const args *a);
int cmd_compare(const args *a);

/* ---- tools/log.c ---------------------------------------------------------- */

int cmd_log(const args *a);

#endif
