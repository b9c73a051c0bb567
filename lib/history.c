/* The history of a model in words and numbers (ot_history_json; the keys
 * are documented in docs/history.md).
 *
 * The events are replayed one at a time into a new model (lib/replay.h)
 * while a watch records the directions whose trust each one moves, so the
 * history tells what every event did, whatever its type, without knowing
 * how it does it. What an event names (its parties, the disruption it
 * handles) comes from the table of event types below.
 * SPDX-License-Identifier: MIT */
#include "replay.h"
#include "args.h"
#include "alloc.h"
#include "disruption.h"
#include "error.h"
#include "kinds.h"
#include "lookup.h"
#include "names.h"
#include "outbuf.h"
#include "calendar.h"
#include "texts.h"

#include <math.h>
#include <string.h>

static const char FN[] = "ot_history_json";

/* ---- what an event names ------------------------------------------------ */

enum { R_NONE = 0, R_ORG, R_ACTOR, R_TIE, R_DISRUPTION }; /* what a field of oti_event holds */
enum { K_NONE = 0, K_NAMES, K_LAYER };                   /* what its `kind` holds */

/* The tie attributes by their names in the table of lib/kinds.c. */
static const oti_names attr_names = {&oti_tie_attrs[0].name, OTI_TIE_ATTR_LAST + 1, sizeof oti_tie_attrs[0]};

typedef struct role {
    const char *key;
    uint8_t what;
} role;

static const struct {
    const char *name;       /* as a scenario file spells the event */
    const char *kind_key;   /* the key of `kind`'s value */
    const oti_names *kinds; /* K_NAMES: the names of `kind`'s values */
    const char *x_key;      /* what `x` means, or NULL */
    const char *flag_key;   /* what `flag` means, or NULL */
    role f[4];              /* fields a, b, c, d */
    uint8_t kind;           /* K_*: what `kind` means */
    uint8_t escalation;     /* handles a disruption up its escalation path */
} TYPE[] = {
    [OTI_EV_ORG_ADD] = {.name = "add_org", .f = {{"organisation", R_ORG}, {"parent", R_ORG}}},
    [OTI_EV_ACTOR_ADD] = {.name = "add_actor",
                          .f = {{"actor", R_ACTOR}, {"org", R_ORG}, {"superior", R_ACTOR}},
                          .kind = K_LAYER,
                          .kind_key = "layer"},
    [OTI_EV_SET_SUPERIOR] = {.name = "set_superior", .f = {{"actor", R_ACTOR}, {"superior", R_ACTOR}}},
    [OTI_EV_SET_PROPENSITY] = {.name = "set_propensity", .f = {{"actor", R_ACTOR}}, .x_key = "propensity"},
    [OTI_EV_TIE_ADD] = {.name = "add_tie", .f = {{"tie", R_TIE}, {"a", R_ACTOR}, {"b", R_ACTOR}}},
    [OTI_EV_TIE_SET] = {.name = "set_tie",
                        .f = {{"tie", R_TIE}},
                        .kind = K_NAMES,
                        .kind_key = "attribute",
                        .kinds = &attr_names,
                        .x_key = "value"},
    [OTI_EV_OBSERVE] = {.name = "observe",
                        .f = {{"truster", R_ACTOR}, {"trustee", R_ACTOR}},
                        .kind = K_NAMES,
                        .kind_key = "observation",
                        .kinds = &oti_kind_names,
                        .x_key = "magnitude"},
    [OTI_EV_DISRUPT] = {.name = "disrupt",
                        .f = {{"observer", R_ACTOR}, {"other", R_ACTOR}, {"disruption", R_DISRUPTION}},
                        .kind = K_NAMES,
                        .kind_key = "disruption_kind",
                        .kinds = &oti_disruption_names,
                        .x_key = "severity",
                        .flag_key = "separated"},
    [OTI_EV_REPAIR] = {.name = "repair", .f = {{"disruption", R_DISRUPTION}}},
    [OTI_EV_ESCALATE] = {.name = "escalate",
                         .f = {{"disruption", R_DISRUPTION}},
                         .kind = K_NAMES,
                         .kind_key = "mode",
                         .kinds = &oti_mode_names,
                         .escalation = 1},
    [OTI_EV_CONSULT] = {.name = "consult",
                        .f = {{"x", R_ACTOR}, {"y", R_ACTOR}, {"liaison_x", R_ACTOR}, {"liaison_y", R_ACTOR}}},
    [OTI_EV_RULE] = {.name = "general_rule", .f = {{"organisation", R_ORG}}},
};
#define NTYPES (sizeof TYPE / sizeof TYPE[0])

static int known(const oti_event *ev) { return ev->type < NTYPES && TYPE[ev->type].name; }

static uint32_t field(const oti_event *ev, int i)
{
    const uint32_t v[4] = {ev->a, ev->b, ev->c, ev->d};
    return v[i];
}

/* The value of a slot of the event table (lib/event.h). */
static double slot_value(const oti_event *ev, int slot)
{
    switch (slot) {
    case OTI_SLOT_A: return ev->a;
    case OTI_SLOT_B: return ev->b;
    case OTI_SLOT_C: return ev->c;
    case OTI_SLOT_D: return ev->d;
    case OTI_SLOT_X: return ev->x;
    case OTI_SLOT_KIND: return ev->kind;
    default: return ev->flag;
    }
}

/* The disruption an event handles, or OT_NONE: from the table above, or
 * for another type from its row of the event table. */
static ot_id named_disruption(const oti_event *ev)
{
    if (known(ev)) {
        for (int i = 0; i < 4; i++)
            if (TYPE[ev->type].f[i].what == R_DISRUPTION)
                return field(ev, i);
        return OT_NONE;
    }
    const oti_event_desc *d = oti_event_desc_of(ev->type);
    for (int i = 0; d && i < OTI_EV_MAX_FIELDS && d->field[i].key; i++)
        if (d->field[i].arg == OTI_ARG_DISRUPTION)
            return (ot_id)slot_value(ev, d->field[i].slot);
    return OT_NONE;
}

/* ---- the watch ------------------------------------------------------------ */

typedef struct moved {
    uint32_t tie;
    int dir;
    double before;
} moved;

typedef struct oti_watch {
    moved *e;
    size_t n, cap;
    int failed; /* out of memory while recording: the history fails */
} oti_watch;

/* ---- the state before an event ----------------------------------------------- */

#define MAX_STEPS 16 /* an escalation path has at most one step per layer (8) */

typedef struct step_before {
    ot_escalation_step s;
    double xy, yx; /* trust between the step's actors (NaN without a tie) */
} step_before;

typedef struct history {
    const ot_model *src; /* whose history: its texts (labels, epoch) are the final ones */
    oti_buf out;
    oti_buf note; /* the notes of the open entry (a text event is no entry of its own) */
    int open;     /* an entry is written up to its closing brace */
    oti_watch watch;
    size_t nties, ndisr; /* before the event */
    /* Disruptions the event may change: the open ones and the one it names. */
    struct kept_disruption {
        ot_id id;
        oti_disruption rec;
    } *dis;
    size_t nd, capd;
    step_before path[MAX_STEPS];
    size_t npath;
    int has_path;
    size_t seq, entries;
} history;

/* The model's watch: remember the direction's trust before its first
 * change in this event. */
static void watch_trust(void *ctx, const ot_model *m, const oti_tie *e, int dir)
{
    oti_watch *w = &((history *)ctx)->watch;
    uint32_t tie = (uint32_t)(e - m->ties);
    for (size_t i = 0; i < w->n; i++)
        if (w->e[i].tie == tie && w->e[i].dir == dir)
            return;
    if (OTI_RESERVE(w->e, w->cap, w->n + 1)) {
        w->failed = 1;
        return;
    }
    w->e[w->n++] = (moved){tie, dir, e->d[dir].T};
}

static int remember_disruption(history *h, const ot_model *m, ot_id d)
{
    if (OTI_RESERVE(h->dis, h->capd, h->nd + 1))
        return -1;
    h->dis[h->nd].id = d;
    h->dis[h->nd++].rec = m->disr[d];
    return 0;
}

static void remember_path(history *h, const ot_model *m, ot_id d)
{
    h->has_path = 0;
    ot_escalation_step steps[MAX_STEPS];
    size_t n = 0;
    if (ot_escalation_path(m, m->disr[d].tie, steps, MAX_STEPS, &n) || n > MAX_STEPS)
        return; /* an internal tie has no path */
    /* The path is seen from the tie's first actor; every rule of it is
     * symmetric, so from the observer's side x and y change places. */
    int swap = m->ties[m->disr[d].tie].a != m->disr[d].observer;
    for (size_t i = 0; i < n; i++) {
        step_before *b = &h->path[i];
        b->s = steps[i];
        if (swap) {
            b->s.x = steps[i].y;
            b->s.y = steps[i].x;
        }
        b->xy = b->yx = NAN;
        if (steps[i].x != OT_NONE && steps[i].y != OT_NONE && ot_trust(m, steps[i].x, steps[i].y, &b->xy) == OT_OK)
            ot_trust(m, steps[i].y, steps[i].x, &b->yx);
    }
    h->npath = n;
    h->has_path = 1;
}

static int before(oti_replay *r, const oti_event *ev, const char *name)
{
    (void)name;
    history *h = r->arg;
    const ot_model *m = r->to;
    h->watch.n = 0;
    h->nd = 0;
    h->has_path = 0;
    h->nties = m->nties;
    h->ndisr = m->ndisr;
    /* The observation path is not watched (lib/aggregate.h): the one
     * direction an observation moves is taken here. */
    if (ev->type == OTI_EV_OBSERVE) {
        uint32_t tie = oti_tie_lookup(m, ev->a, ev->b);
        if (tie != UINT32_MAX && !oti_tie_ended(&m->ties[tie]))
            watch_trust(h, m, &m->ties[tie], m->ties[tie].a != ev->a);
    }
    ot_id named = named_disruption(ev);
    for (size_t d = 0; d < m->ndisr; d++)
        if ((m->disr[d].status == OT_OPEN || d == named) && remember_disruption(h, m, (ot_id)d))
            return oti_nomem(FN);
    /* An escalation's path; for a newer type that handles an open
     * disruption, the path too, told if it settles or fails it there. */
    if (named < m->ndisr && (known(ev) ? TYPE[ev->type].escalation : m->disr[named].status == OT_OPEN))
        remember_path(h, m, named);
    return OT_OK;
}

/* ---- writing ----------------------------------------------------------------- */

static void str(history *h, const char *s) { oti_buf_str(&h->out, s); }

static void num(history *h, double v)
{
    if (isfinite(v))
        oti_buf_num(&h->out, v);
    else
        str(h, "null");
}

static void key(history *h, const char *k) { oti_buf_printf(&h->out, ", \"%s\": ", k); }

static void actor(history *h, const ot_model *m, ot_id a)
{
    if (a == OT_NONE || a >= m->nactors) {
        str(h, "null");
        return;
    }
    oti_buf_printf(&h->out, "{\"id\": %u, \"name\": ", (unsigned)a);
    oti_buf_json_str(&h->out, m->actors[a].name);
    str(h, "}");
}

static void org(history *h, const ot_model *m, ot_id o)
{
    if (o == OT_NONE || o >= m->norgs) {
        str(h, "null");
        return;
    }
    oti_buf_printf(&h->out, "{\"id\": %u, \"name\": ", (unsigned)o);
    oti_buf_json_str(&h->out, m->orgs[o].name);
    str(h, "}");
}

static void tie(history *h, const ot_model *m, ot_id t)
{
    if (t >= m->nties) {
        str(h, "null");
        return;
    }
    oti_buf_printf(&h->out, "{\"id\": %u, \"a\": ", (unsigned)t);
    actor(h, m, m->ties[t].a);
    str(h, ", \"b\": ");
    actor(h, m, m->ties[t].b);
    str(h, "}");
}

static ot_id other_of(const ot_model *m, const oti_disruption *d)
{
    const oti_tie *e = &m->ties[d->tie];
    return e->a == d->observer ? e->b : e->a;
}

/* A disruption's object without its closing brace (d exists). */
static void disruption_open(history *h, const ot_model *m, ot_id d)
{
    oti_buf_printf(&h->out, "{\"id\": %u, ", (unsigned)d);
    const char *label = oti_label(h->src, d);
    if (label) {
        str(h, "\"label\": ");
        oti_buf_json_str(&h->out, label);
        str(h, ", ");
    }
    oti_buf_printf(&h->out, "\"tie\": %u, \"observer\": ", (unsigned)m->disr[d].tie);
    actor(h, m, m->disr[d].observer);
    str(h, ", \"other\": ");
    actor(h, m, other_of(m, &m->disr[d]));
}

static void disruption_ref(history *h, const ot_model *m, ot_id d)
{
    if (d >= m->ndisr) {
        str(h, "null");
        return;
    }
    disruption_open(h, m, d);
    str(h, "}");
}

static void layer(history *h, const ot_model *m, unsigned l)
{
    oti_buf_printf(&h->out, "{\"layer\": %u, \"name\": ", l);
    oti_buf_json_str(&h->out, l < m->cfg.nlayers ? m->cfg.layer[l] : "?");
    str(h, "}");
}

/* With a calendar epoch, the ISO date of day t (the key "date" beside
 * "t"); NULL otherwise. */
static const char *date_of(const ot_model *m, double t, char buf[32])
{
    return oti_date(m, t, buf, 32) == OT_OK ? buf : NULL;
}

static void who(history *h, const ot_model *m, const oti_event *ev)
{
    str(h, ", \"who\": {");
    int first = 1;
    for (int i = 0; i < 4; i++) {
        const role *f = &TYPE[ev->type].f[i];
        if (f->what == R_NONE)
            continue;
        oti_buf_printf(&h->out, "%s\"%s\": ", first ? "" : ", ", f->key);
        first = 0;
        uint32_t id = field(ev, i);
        switch (f->what) {
        case R_ORG: org(h, m, id); break;
        case R_ACTOR: actor(h, m, id); break;
        case R_TIE: tie(h, m, id); break;
        default: disruption_ref(h, m, id);
        }
    }
    str(h, "}");
}

static void what(history *h, const ot_model *m, const oti_event *ev)
{
    if (TYPE[ev->type].kind == K_LAYER) {
        key(h, TYPE[ev->type].kind_key);
        layer(h, m, ev->kind);
    } else if (TYPE[ev->type].kind != K_NONE) {
        key(h, TYPE[ev->type].kind_key);
        oti_buf_json_str(&h->out, oti_name_of(TYPE[ev->type].kinds, ev->kind));
    }
    if (TYPE[ev->type].x_key) {
        key(h, TYPE[ev->type].x_key);
        /* An observation's magnitude 0 means 1 (its default). */
        num(h, ev->type == OTI_EV_OBSERVE && ev->x == 0.0 ? 1.0 : ev->x);
    }
    if (TYPE[ev->type].flag_key) {
        key(h, TYPE[ev->type].flag_key);
        str(h, ev->flag ? "true" : "false");
    }
}

/* An event type this file's table does not describe (a newer one): who
 * and what from its row of the event table, by the keys scenario files
 * use. */
static void described(history *h, const ot_model *m, const oti_event *ev, const oti_event_desc *d)
{
    str(h, ", \"who\": {");
    int first = 1;
    for (int i = 0; i < OTI_EV_MAX_FIELDS && d->field[i].key; i++) {
        const oti_ev_field *f = &d->field[i];
        ot_id id = (ot_id)slot_value(ev, f->slot);
        if (f->arg > OTI_ARG_PAIR_OPT && f->arg != OTI_ARG_NEW_DISRUPTION)
            continue;
        oti_buf_printf(&h->out, "%s\"%s\": ", first ? "" : ", ", f->key);
        first = 0;
        switch (f->arg) {
        case OTI_ARG_ACTOR:
        case OTI_ARG_ACTOR_OPT: actor(h, m, id); break;
        case OTI_ARG_ORG: org(h, m, id); break;
        case OTI_ARG_PAIR:
        case OTI_ARG_PAIR_OPT:
            str(h, "[");
            actor(h, m, id);
            str(h, ", ");
            actor(h, m, (ot_id)slot_value(ev, f->slot + 1));
            str(h, "]");
            break;
        default: disruption_ref(h, m, id);
        }
    }
    str(h, "}");
    for (int i = 0; i < OTI_EV_MAX_FIELDS && d->field[i].key; i++) {
        const oti_ev_field *f = &d->field[i];
        if (f->arg <= OTI_ARG_PAIR_OPT || f->arg == OTI_ARG_NEW_DISRUPTION)
            continue;
        key(h, f->key);
        if (f->arg == OTI_ARG_NUMBER)
            num(h, ev->x);
        else if (f->arg == OTI_ARG_BOOL)
            str(h, ev->flag ? "true" : "false");
        else if (f->arg == OTI_ARG_LAYER) /* a layer has no names table: the model names it */
            layer(h, m, ev->kind);
        else
            oti_buf_json_str(&h->out, oti_name_of(f->names, ev->kind));
    }
}

static void direction(history *h, const ot_model *m, uint32_t t, int dir)
{
    const oti_tie *e = &m->ties[t];
    oti_buf_printf(&h->out, "{\"tie\": %u, \"truster\": ", (unsigned)t);
    actor(h, m, dir ? e->b : e->a);
    str(h, ", \"trustee\": ");
    actor(h, m, dir ? e->a : e->b);
}

/* Every direction the event moved, then those of the ties it made. */
static void trust(history *h, const ot_model *m)
{
    int first = 1;
    for (size_t i = 0; i < h->watch.n; i++) {
        const moved *mv = &h->watch.e[i];
        double after = m->ties[mv->tie].d[mv->dir].T;
        if (after == mv->before)
            continue;
        str(h, first ? ", \"trust\": [" : ", ");
        first = 0;
        direction(h, m, mv->tie, mv->dir);
        str(h, ", \"before\": ");
        num(h, mv->before);
        str(h, ", \"after\": ");
        num(h, after);
        str(h, "}");
    }
    for (size_t t = h->nties; t < m->nties; t++)
        for (int dir = 0; dir < 2; dir++) {
            str(h, first ? ", \"trust\": [" : ", ");
            first = 0;
            direction(h, m, (uint32_t)t, dir);
            str(h, ", \"before\": null, \"after\": ");
            num(h, m->ties[t].d[dir].T);
            str(h, "}");
        }
    if (!first)
        str(h, "]");
}

static void status(history *h, const char *k, int s)
{
    key(h, k);
    oti_buf_json_str(&h->out, oti_name_of(&oti_status_names, s));
}

static void disruption(history *h, const ot_model *m, ot_id id, const oti_disruption *was, int *first)
{
    const oti_disruption *d = &m->disr[id];
    str(h, *first ? ", \"disruptions\": [" : ", ");
    *first = 0;
    disruption_open(h, m, id);
    key(h, "kind");
    oti_buf_json_str(&h->out, oti_name_of(&oti_disruption_names, d->kind));
    key(h, "severity");
    num(h, d->severity);
    if (!was) {
        str(h, ", \"opened\": true");
        key(h, "trust_before");
        num(h, d->t_before);
    } else if (was->status != d->status) {
        status(h, "status_before", was->status);
    }
    status(h, "status", d->status);
    if (d->status == OT_RESOLVED_BY_ESCALATION && (!was || was->status != d->status)) {
        key(h, "level");
        layer(h, m, d->esc_layer);
    }
    if (d->surfaced && !(was && was->surfaced))
        str(h, ", \"surfaced\": true");
    if (d->failed && !(was && was->failed))
        str(h, ", \"escalation_failed\": true");
    str(h, "}");
}

static int same_bits(double a, double b)
{
    uint64_t x, y;
    memcpy(&x, &a, sizeof x);
    memcpy(&y, &b, sizeof y);
    return x == y;
}

/* Whether an event changed a disruption's record, member by member. */
static int disruption_changed(const oti_disruption *a, const oti_disruption *b)
{
    return a->tie != b->tie || a->observer != b->observer || a->kind != b->kind || a->separated != b->separated ||
           a->status != b->status || a->surfaced != b->surfaced || a->failed != b->failed ||
           a->esc_layer != b->esc_layer || !same_bits(a->severity, b->severity) || !same_bits(a->t_open, b->t_open) ||
           !same_bits(a->t_before, b->t_before) || !same_bits(a->t_surfaced, b->t_surfaced) ||
           !same_bits(a->t_closed, b->t_closed);
}

/* The disruptions the event opened or changed. */
static void disruptions(history *h, const ot_model *m)
{
    int first = 1;
    for (size_t i = 0; i < h->nd; i++)
        if (disruption_changed(&h->dis[i].rec, &m->disr[h->dis[i].id]))
            disruption(h, m, h->dis[i].id, &h->dis[i].rec, &first);
    for (size_t d = h->ndisr; d < m->ndisr; d++)
        disruption(h, m, (ot_id)d, NULL, &first);
    if (!first)
        str(h, "]");
}

/* A newer event type settled d by escalation or marked it failed. */
static int went_up(const history *h, const ot_model *m, ot_id d)
{
    for (size_t i = 0; i < h->nd; i++)
        if (h->dis[i].id == d)
            return (m->disr[d].status == OT_RESOLVED_BY_ESCALATION && h->dis[i].rec.status != OT_RESOLVED_BY_ESCALATION) ||
                   (m->disr[d].failed && !h->dis[i].rec.failed);
    return 0;
}

static const char *step_name(int s) { return oti_name_of(&oti_step_names, s); }

/* The path as it stood before an escalation, and what came of it: for a
 * failed one, why every step was passed over. */
static void escalation(history *h, const ot_model *m, ot_id d)
{
    double theta = OTI_P(m, ESCALATION_THRESHOLD);
    int resolved = m->disr[d].status == OT_RESOLVED_BY_ESCALATION;
    str(h, ", \"escalation\": {\"outcome\": ");
    str(h, resolved ? "\"resolved\"" : "\"failed\"");
    if (resolved) {
        key(h, "level");
        layer(h, m, m->disr[d].esc_layer);
    }
    key(h, "threshold");
    num(h, theta);
    str(h, ", \"path\": [");
    for (size_t i = 0; i < h->npath; i++) {
        const step_before *b = &h->path[i];
        oti_buf_printf(&h->out, "%s{\"layer\": %u, \"x\": ", i ? ", " : "", (unsigned)b->s.layer);
        actor(h, m, b->s.x);
        str(h, ", \"y\": ");
        actor(h, m, b->s.y);
        key(h, "status");
        oti_buf_json_str(&h->out, step_name(b->s.status));
        if (b->s.reason != OT_REASON_NONE) {
            key(h, "reason");
            oti_buf_json_str(&h->out, oti_name_of(&oti_reason_names, b->s.reason));
        }
        if (!isnan(b->xy)) {
            key(h, "trust_xy");
            num(h, b->xy);
            key(h, "trust_yx");
            num(h, b->yx);
        }
        str(h, "}");
    }
    str(h, "]");
    if (!resolved) {
        /* In words, for the plain-language reports. */
        key(h, "why");
        oti_buf why = {0};
        if (h->npath == 0)
            oti_buf_str(&why, "there is no escalation path above the disruption's layer");
        for (size_t i = 0; i < h->npath; i++) {
            const step_before *b = &h->path[i];
            oti_buf_printf(&why, "%slayer %u: %s", i ? "; " : "", (unsigned)b->s.layer, step_name(b->s.status));
            if (b->s.status == OT_STEP_COMPROMISED)
                oti_buf_printf(&why, " (%s)", oti_name_of(&oti_reason_names, b->s.reason));
            else if (b->s.status == OT_STEP_UNHEALTHY)
                oti_buf_printf(&why, " (min(%.3g, %.3g) < %.3g)", b->xy, b->yx, theta);
        }
        if (why.failed)
            h->out.failed = 1;
        oti_buf_json_str(&h->out, why.s ? why.s : "");
        oti_buf_release(&why);
    }
    str(h, "}");
}

/* The open entry's notes and closing brace. */
static void close_entry(history *h)
{
    if (!h->open)
        return;
    if (h->note.len) {
        oti_buf_put(&h->note, "", 1);
        key(h, "note");
        oti_buf_json_str(&h->out, h->note.s);
        if (h->note.failed)
            h->out.failed = 1;
        h->note.len = 0;
    }
    str(h, "}");
    h->open = 0;
}

static int after(oti_replay *r, const oti_event *ev, const char *name)
{
    history *h = r->arg;
    const ot_model *m = r->to;
    if (h->watch.failed)
        return oti_nomem(FN);
    h->seq++;
    /* A text is no entry: a note goes on the entry before it (joined by a
     * line break), the others are the document's or the disruptions'. */
    if (ev->type == OTI_EV_TEXT) {
        if (ev->kind == OTI_TEXT_NOTE && h->open && name) {
            if (h->note.len)
                oti_buf_str(&h->note, "\n");
            oti_buf_str(&h->note, name);
        }
        return OT_OK;
    }
    close_entry(h);
    oti_buf_printf(&h->out, "%s\n    {\"seq\": %zu, \"t\": ", h->entries++ ? "," : "", h->seq);
    h->open = 1;
    double t = oti_replay_time(m, ev);
    num(h, t); /* null for structure made before the first event (at no time yet) */
    char dbuf[32];
    const char *date = date_of(h->src, t, dbuf);
    if (date) {
        key(h, "date");
        oti_buf_json_str(&h->out, date);
    }
    key(h, "kind");
    const oti_event_desc *desc = oti_event_desc_of(ev->type);
    if (!known(ev) && !desc) {
        oti_buf_printf(&h->out, "\"event type %u\"", (unsigned)ev->type);
        return OT_OK;
    }
    oti_buf_json_str(&h->out, known(ev) ? TYPE[ev->type].name : desc->key);
    if (known(ev)) {
        who(h, m, ev);
        what(h, m, ev);
    } else {
        described(h, m, ev, desc);
    }
    trust(h, m);
    disruptions(h, m);
    ot_id d = named_disruption(ev);
    if (h->has_path && d < m->ndisr && (known(ev) || went_up(h, m, d)))
        escalation(h, m, d);
    return h->out.failed ? oti_nomem(FN) : OT_OK;
}

OT_API int ot_history_json(const ot_model *m, char **json, size_t *len)
{
    int rc;
    if ((rc = oti_check_model(m, FN)) || (rc = oti_check_out(json, FN, "json")))
        return rc;
    history h;
    memset(&h, 0, sizeof h);
    h.src = m;
    str(&h, "{\n  \"orgtrust_history\": 1,");
    if (m->texts.description) {
        str(&h, "\n  \"description\": ");
        oti_buf_json_str(&h.out, m->texts.description);
        str(&h, ",");
    }
    if (m->texts.epoch[0])
        oti_buf_printf(&h.out, "\n  \"epoch\": \"%s\",", m->texts.epoch);
    str(&h, "\n  \"events\": [");
    oti_replay r = {.src = m, .fn = FN, .before = before, .after = after, .arg = &h, .watch = watch_trust};
    rc = oti_replay_run(&r);
    if (!rc) {
        ot_model_free(r.to);
        close_entry(&h);
        str(&h, h.entries ? "\n  ]\n}\n" : "]\n}\n");
        rc = oti_buf_finish(&h.out, json, len, FN);
    }
    oti_buf_release(&h.out);
    oti_buf_release(&h.note);
    oti_free(h.watch.e);
    oti_free(h.dis);
    return rc;
}
