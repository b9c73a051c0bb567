/* Writing a model as a scenario (docs/scenario.md), events included.
 *
 * The events come from oti_events_foreach(): the kept log, or a store's
 * journal. Structure created before the first timed event goes into the
 * top-level lists, with superior, propensity and tie attribute changes
 * folded into the entries where that gives exactly the same model; every
 * other call becomes an event, in order, so loading the file replays the
 * same calls and gives the same state (the same ot_model_digest()).
 *
 * Texts (lib/texts.h) go where files keep them: the description and the
 * epoch at the top, each disruption's label as its disrupt event's "id"
 * (and wherever it is referred to), a note on the entry or event it
 * follows (notes on one event joined by a line break).
 * SPDX-License-Identifier: MIT */
#include "alloc.h"
#include "args.h"
#include "error.h"
#include "event.h"
#include "kinds.h"
#include "names.h"
#include "outbuf.h"
#include "record.h"
#include "scenario_map.h"
#include "texts.h"

#include <stdio.h>

#include <string.h>

static const char FN[] = "ot_scenario_export";

typedef struct exporter {
    const ot_model *m;
    oti_strmap org, actor; /* the ids written */
    /* what the structural prefix folds into the top-level entries */
    size_t nprefix, norgs, nactors, nties;
    ot_id *sup;        /* per actor: superior at the end of the prefix */
    uint64_t *place;   /* per actor: organisation << 8 | layer it was added with (it may have moved since) */
    double *prop;      /* per actor: folded propensity */
    uint8_t *aflags;   /* per actor: 1 propensity folded, 2 has a tie */
    double *attr;      /* per tie: the folded attributes, OTI_NTIE_ATTRS of them */
    uint8_t *tflags;   /* per tie: bit k: attribute k folded */
    int stopped;
    size_t index;
    size_t written; /* events written after the prefix */
    /* Notes: per top-level entry (organisations, actors, ties in a row), and
     * of the event being written, which stays open for them. */
    char **entry_note;
    int last_kind;    /* 0 none, 1 org, 2 actor, 3 tie: the entry the prefix's last event went to */
    uint32_t last_id;
    oti_buf note;     /* the notes of the open event */
    int open;         /* an event is written up to its closing brace */
    oti_buf out;
} exporter;

#define STOP 1 /* a callback's "enough", not an error */

static const char *org_id(const exporter *x, ot_id o) { return oti_strmap_key(&x->org, o); }
static const char *actor_id(const exporter *x, ot_id a) { return oti_strmap_key(&x->actor, a); }

static int bad_log(const oti_event *ev)
{
    return oti_fail(OT_ESTATE, "%s: the event log refers to an object that does not exist (event type %u)", FN,
                    (unsigned)ev->type);
}

/* Add a note to a buffer of notes (joined by a line break). */
static void add_note(oti_buf *b, const char *note)
{
    if (b->len)
        oti_buf_str(b, "\n");
    oti_buf_str(b, note);
}

/* A note in the prefix, on the entry its event went to. */
static int entry_note(exporter *x, const char *note)
{
    if (!x->last_kind || !note)
        return OT_OK; /* nothing to note: dropped */
    size_t i = x->last_id + (x->last_kind > 1 ? x->m->norgs : 0) + (x->last_kind > 2 ? x->m->nactors : 0);
    const char *old = x->entry_note[i];
    size_t n = strlen(note), o = old ? strlen(old) + 1 : 0;
    char *s = oti_malloc(o + n + 1);
    if (!s)
        return oti_nomem(FN);
    if (old)
        memcpy(s, old, o - 1), s[o - 1] = '\n';
    memcpy(s + o, note, n + 1);
    oti_free(x->entry_note[i]);
    x->entry_note[i] = s;
    return OT_OK;
}

/* Pass 1: how far the structural prefix goes, and what it folds. */
static int analyse(void *arg, const oti_event *ev, const char *name)
{
    exporter *x = arg;
    const ot_model *m = x->m;
    int kind = 0;
    uint32_t id = 0;
    switch (ev->type) {
    case OTI_EV_ORG_ADD:
        if (ev->a >= m->norgs)
            return bad_log(ev);
        x->norgs = ev->a + 1;
        kind = 1, id = ev->a;
        break;
    case OTI_EV_ACTOR_ADD:
        if (ev->a >= m->nactors || ev->b >= m->norgs || ev->kind >= m->cfg.nlayers)
            return bad_log(ev);
        x->nactors = ev->a + 1;
        x->sup[ev->a] = ev->c;
        x->place[ev->a] = (uint64_t)ev->b << 8 | ev->kind;
        kind = 2, id = ev->a;
        break;
    case OTI_EV_SET_SUPERIOR:
        /* In the entry only when the superior comes earlier in the list. */
        if (ev->a >= x->nactors || (ev->b != OT_NONE && ev->b >= ev->a))
            return STOP;
        x->sup[ev->a] = ev->b;
        kind = 2, id = ev->a;
        break;
    case OTI_EV_SET_PROPENSITY:
        /* Propensity counts when a tie is made: folding is exact only
         * before the actor's first tie. */
        if (ev->a >= x->nactors || (x->aflags[ev->a] & 2))
            return STOP;
        x->prop[ev->a] = ev->x;
        x->aflags[ev->a] |= 1;
        kind = 2, id = ev->a;
        break;
    case OTI_EV_TIE_ADD:
        if (ev->a >= m->nties || ev->b >= x->nactors || ev->c >= x->nactors)
            return bad_log(ev);
        x->nties = ev->a + 1;
        x->aflags[ev->b] |= 2;
        x->aflags[ev->c] |= 2;
        kind = 3, id = ev->a;
        break;
    case OTI_EV_TIE_SET:
        /* No trust has moved yet, so the last value is all that counts. */
        if (ev->a >= x->nties || ev->kind < 1 || ev->kind > OTI_TIE_ATTR_LAST)
            return STOP;
        x->attr[(size_t)ev->a * OTI_NTIE_ATTRS + ev->kind - 1] = ev->x;
        x->tflags[ev->a] |= (uint8_t)(1u << (ev->kind - 1));
        kind = 3, id = ev->a;
        break;
    case OTI_EV_TEXT: {
        /* The description, epoch and labels are written from the model. */
        int rc = ev->kind == OTI_TEXT_NOTE ? entry_note(x, name) : OT_OK;
        if (rc)
            return rc;
        x->nprefix++;
        return OT_OK;
    }
    default:
        return STOP;
    }
    x->last_kind = kind;
    x->last_id = id;
    x->nprefix++;
    return OT_OK;
}

static void str(exporter *x, const char *s) { oti_buf_str(&x->out, s); }
static void key_str(exporter *x, const char *key, const char *v)
{
    oti_buf_printf(&x->out, ", \"%s\": ", key);
    oti_buf_json_str(&x->out, v);
}
static void key_num(exporter *x, const char *key, double v)
{
    oti_buf_printf(&x->out, ", \"%s\": ", key);
    oti_buf_num(&x->out, v);
}
static void key_ref(exporter *x, const char *key, const oti_strmap *ids, ot_id id)
{
    if (id == OT_NONE)
        oti_buf_printf(&x->out, ", \"%s\": null", key);
    else
        key_str(x, key, oti_strmap_key(ids, id));
}
static void pair(exporter *x, ot_id a, ot_id b)
{
    str(x, "[");
    oti_buf_json_str(&x->out, actor_id(x, a));
    str(x, ", ");
    oti_buf_json_str(&x->out, actor_id(x, b));
    str(x, "]");
}

/* The body of an organisation entry after its id. */
static void org_body(exporter *x, ot_id o)
{
    const oti_org *g = &x->m->orgs[o];
    if (strcmp(g->name, org_id(x, o)) != 0)
        key_str(x, "name", g->name);
    if (g->parent != OT_NONE)
        key_ref(x, "parent", &x->org, g->parent);
}

/* The body of an actor entry after its id: as it was added (org and layer
 * from its ACTOR_ADD event; it may have moved since). */
static void actor_body(exporter *x, ot_id a, ot_id org, unsigned layer, ot_id sup)
{
    const oti_actor *p = &x->m->actors[a];
    if (strcmp(p->name, actor_id(x, a)) != 0)
        key_str(x, "name", p->name);
    key_str(x, "org", org_id(x, org));
    key_str(x, "layer", x->m->cfg.layer[layer]);
    if (sup != OT_NONE)
        key_ref(x, "superior", &x->actor, sup);
}

/* Id slot i (OTI_SLOT_A..D) of a record; OT_NONE for any other. */
static uint32_t slot_id(const oti_event *ev, unsigned i)
{
    switch (i) {
    case OTI_SLOT_A: return ev->a;
    case OTI_SLOT_B: return ev->b;
    case OTI_SLOT_C: return ev->c;
    case OTI_SLOT_D: return ev->d;
    default: return OT_NONE;
    }
}

static int actor_ok(const ot_model *m, ot_id a, int nullable) { return a < m->nactors || (nullable && a == OT_NONE); }

/* The ids of a timed event's fields exist (a damaged log is refused, never
 * written). */
static int fields_ok(const ot_model *m, const oti_event_desc *d, const oti_event *ev)
{
    for (const oti_ev_field *f = d->field; f < d->field + OTI_EV_MAX_FIELDS && f->key; f++) {
        uint32_t id = slot_id(ev, f->slot), id2 = slot_id(ev, f->slot + 1u);
        switch (f->arg) {
        case OTI_ARG_ACTOR:
        case OTI_ARG_ACTOR_OPT:
            if (!actor_ok(m, id, f->arg == OTI_ARG_ACTOR_OPT))
                return 0;
            break;
        case OTI_ARG_PAIR:
        case OTI_ARG_PAIR_OPT:
            if (!actor_ok(m, id, f->arg == OTI_ARG_PAIR_OPT) || !actor_ok(m, id2, f->arg == OTI_ARG_PAIR_OPT))
                return 0;
            break;
        case OTI_ARG_ORG:
            if (id >= m->norgs)
                return 0;
            break;
        case OTI_ARG_LAYER:
            if (ev->kind >= m->cfg.nlayers)
                return 0;
            break;
        default: break;
        }
    }
    return 1;
}

static void nullable_actor(exporter *x, ot_id a)
{
    if (a == OT_NONE)
        str(x, "null");
    else
        oti_buf_json_str(&x->out, actor_id(x, a));
}

/* A timed event from its row of the event table: "t", then every field in
 * the row's order; a terse field at its default is left out. */
static void write_timed(exporter *x, const oti_event_desc *d, const oti_event *ev)
{
    oti_buf *b = &x->out;
    str(x, "\"t\": ");
    oti_buf_num(b, ev->t);
    for (const oti_ev_field *f = d->field; f < d->field + OTI_EV_MAX_FIELDS && f->key; f++) {
        uint32_t id = slot_id(ev, f->slot), id2 = slot_id(ev, f->slot + 1u);
        switch (f->arg) {
        case OTI_ARG_ACTOR: key_str(x, f->key, actor_id(x, id)); break;
        case OTI_ARG_ACTOR_OPT: key_ref(x, f->key, &x->actor, id); break;
        case OTI_ARG_ORG: key_str(x, f->key, org_id(x, id)); break;
        case OTI_ARG_DISRUPTION:
        case OTI_ARG_NEW_DISRUPTION: {
            char buf[48];
            key_str(x, f->key, oti_disruption_id(x->m, id, buf));
            break;
        }
        case OTI_ARG_PAIR:
            oti_buf_printf(b, ", \"%s\": ", f->key);
            pair(x, id, id2);
            break;
        case OTI_ARG_PAIR_OPT:
            if (f->terse && id == OT_NONE && id2 == OT_NONE)
                break;
            oti_buf_printf(b, ", \"%s\": [", f->key);
            nullable_actor(x, id);
            str(x, ", ");
            nullable_actor(x, id2);
            str(x, "]");
            break;
        case OTI_ARG_NUMBER:
            if (!(f->terse && ev->x == f->def))
                key_num(x, f->key, ev->x);
            break;
        case OTI_ARG_BOOL:
            if (!(f->terse && !ev->flag))
                oti_buf_printf(b, ", \"%s\": %s", f->key, ev->flag ? "true" : "false");
            break;
        case OTI_ARG_ENUM:
            if (!(f->terse && ev->kind == f->def))
                key_str(x, f->key, oti_name_of(f->names, ev->kind));
            break;
        case OTI_ARG_LAYER: key_str(x, f->key, x->m->cfg.layer[ev->kind]); break;
        default: break;
        }
    }
}

/* The open event's notes and closing brace. */
static void close_event(exporter *x)
{
    if (!x->open)
        return;
    if (x->note.len) {
        oti_buf_put(&x->note, "", 1);
        key_str(x, "note", x->note.s);
        if (x->note.failed)
            x->out.failed = 1;
        x->note.len = 0;
    }
    str(x, "}");
    x->open = 0;
}

/* Pass 2: every event after the prefix. */
static int write_event(void *arg, const oti_event *ev, const char *name)
{
    exporter *x = arg;
    const ot_model *m = x->m;
    if (x->index++ < x->nprefix)
        return OT_OK;
    if (ev->type == OTI_EV_TEXT) {
        if (ev->kind == OTI_TEXT_NOTE && x->open && name)
            add_note(&x->note, name);
        return OT_OK;
    }
    close_event(x);
    const oti_event_desc *d = oti_event_desc_of(ev->type);
    /* Every id is checked against the model before it is written. */
    int ok = d != NULL;
    if (ok && d->timed) {
        ok = fields_ok(m, d, ev);
    } else if (ok) {
        switch (ev->type) {
        case OTI_EV_ORG_ADD: ok = ev->a < m->norgs; break;
        case OTI_EV_ACTOR_ADD:
            ok = ev->a < m->nactors && ev->b < m->norgs && ev->kind < m->cfg.nlayers && actor_ok(m, ev->c, 1);
            break;
        case OTI_EV_SET_SUPERIOR: ok = ev->a < m->nactors && actor_ok(m, ev->b, 1); break;
        case OTI_EV_SET_PROPENSITY: ok = ev->a < m->nactors; break;
        case OTI_EV_TIE_ADD: ok = ev->b < m->nactors && ev->c < m->nactors; break;
        default: ok = ev->a < m->nties && ev->kind >= 1 && ev->kind <= OTI_TIE_ATTR_LAST; break; /* TIE_SET */
        }
    }
    if (!ok)
        return bad_log(ev);
    str(x, x->written++ ? ",\n    {" : "\n    {");
    x->open = 1;
    if (d->timed) {
        write_timed(x, d, ev);
        return OT_OK;
    }
    /* Structure changes after the first timed event, as events. */
    oti_buf *b = &x->out;
    oti_buf_printf(b, "\"%s\": ", d->key);
    switch (ev->type) {
    case OTI_EV_ORG_ADD:
        oti_buf_json_str(b, org_id(x, ev->a));
        org_body(x, ev->a);
        break;
    case OTI_EV_ACTOR_ADD:
        oti_buf_json_str(b, actor_id(x, ev->a));
        actor_body(x, ev->a, ev->b, ev->kind, ev->c);
        break;
    case OTI_EV_SET_SUPERIOR:
        oti_buf_json_str(b, actor_id(x, ev->a));
        key_ref(x, "superior", &x->actor, ev->b);
        break;
    case OTI_EV_SET_PROPENSITY:
        oti_buf_json_str(b, actor_id(x, ev->a));
        key_num(x, "propensity", ev->x);
        break;
    case OTI_EV_TIE_ADD: pair(x, ev->b, ev->c); break;
    default: /* OTI_EV_TIE_SET */
        pair(x, m->ties[ev->a].a, m->ties[ev->a].b);
        key_num(x, oti_tie_attrs[ev->kind].name, ev->x);
        break;
    }
    return OT_OK;
}

/* The note of top-level entry i (organisations, actors, ties in a row). */
static void entry_note_of(exporter *x, size_t i)
{
    if (x->entry_note[i])
        key_str(x, "note", x->entry_note[i]);
}

static void write_head(exporter *x)
{
    const ot_model *m = x->m;
    oti_buf *b = &x->out;
    /* Model version 2, every parameter: the file computes the same with any
     * later library (docs/model.md, "Files keep their meaning"). */
    str(x, "{\n  \"orgtrust\": 1,\n  \"model\": 2,");
    if (m->texts.description) {
        str(x, "\n  \"description\": ");
        oti_buf_json_str(b, m->texts.description);
        str(x, ",");
    }
    if (m->texts.epoch[0])
        oti_buf_printf(b, "\n  \"epoch\": \"%s\",", m->texts.epoch);
    str(x, "\n  \"config\": {");
    for (int p = 1; p <= OTI_NPARAM; p++) {
        oti_buf_printf(b, "\n    \"%s\": ", oti_param_name(p));
        oti_buf_num(b, m->cfg.p[p]);
        str(x, ",");
    }
    str(x, "\n    \"layers\": [");
    for (unsigned l = 0; l < m->cfg.nlayers; l++) {
        if (l)
            str(x, ", ");
        oti_buf_json_str(b, m->cfg.layer[l]);
    }
    str(x, "],\n    \"timeboxes\": [");
    for (unsigned l = 0; l < m->cfg.nlayers; l++) {
        if (l)
            str(x, ", ");
        oti_buf_num(b, m->cfg.timebox[l]);
    }
    str(x, "]\n  },\n  \"organisations\": [");
    for (size_t o = 0; o < x->norgs; o++) {
        str(x, o ? ",\n    {\"id\": " : "\n    {\"id\": ");
        oti_buf_json_str(b, org_id(x, (ot_id)o));
        org_body(x, (ot_id)o);
        entry_note_of(x, o);
        str(x, "}");
    }
    str(x, x->norgs ? "\n  ],\n  \"actors\": [" : "],\n  \"actors\": [");
    for (size_t a = 0; a < x->nactors; a++) {
        str(x, a ? ",\n    {\"id\": " : "\n    {\"id\": ");
        oti_buf_json_str(b, actor_id(x, (ot_id)a));
        actor_body(x, (ot_id)a, (ot_id)(x->place[a] >> 8), (unsigned)(x->place[a] & 0xffu), x->sup[a]);
        if (x->aflags[a] & 1)
            key_num(x, "propensity", x->prop[a]);
        entry_note_of(x, m->norgs + a);
        str(x, "}");
    }
    str(x, x->nactors ? "\n  ],\n  \"ties\": [" : "],\n  \"ties\": [");
    for (size_t t = 0; t < x->nties; t++) {
        str(x, t ? ",\n    {\"between\": " : "\n    {\"between\": ");
        pair(x, m->ties[t].a, m->ties[t].b);
        for (int k = 0; k < OTI_NTIE_ATTRS; k++)
            if (x->tflags[t] & (1u << k))
                key_num(x, oti_tie_attrs[k + 1].name, x->attr[t * OTI_NTIE_ATTRS + (size_t)k]);
        entry_note_of(x, m->norgs + m->nactors + t);
        str(x, "}");
    }
    str(x, x->nties ? "\n  ],\n  \"events\": [" : "],\n  \"events\": [");
}

static void *alloc_array(size_t n, size_t size)
{
    size_t bytes;
    if (__builtin_mul_overflow(n ? n : 1, size, &bytes))
        return NULL;
    void *p = oti_malloc(bytes);
    if (p)
        memset(p, 0, bytes);
    return p;
}

OT_API int ot_scenario_export(const ot_model *m, char **json, size_t *len)
{
    int rc;
    if ((rc = oti_check_model(m, FN)) || (rc = oti_check_out(json, FN, "json")))
        return rc;
    exporter x;
    memset(&x, 0, sizeof x);
    x.m = m;
    x.sup = alloc_array(m->nactors, sizeof *x.sup);
    x.place = alloc_array(m->nactors, sizeof *x.place);
    x.prop = alloc_array(m->nactors, sizeof *x.prop);
    x.aflags = alloc_array(m->nactors, 1);
    x.attr = alloc_array(m->nties, OTI_NTIE_ATTRS * sizeof *x.attr);
    x.tflags = alloc_array(m->nties, 1);
    size_t nentries = m->norgs + m->nactors + m->nties;
    x.entry_note = nentries < SIZE_MAX / sizeof(char *) ? alloc_array(nentries, sizeof(char *)) : NULL;
    if (!x.sup || !x.place || !x.prop || !x.aflags || !x.attr || !x.tflags || !x.entry_note) {
        rc = oti_nomem(FN);
        goto out;
    }
    if ((rc = oti_unique_ids(m, &x.org, &x.actor, FN)))
        goto out;
    rc = oti_events_foreach(m, analyse, &x);
    if (rc == STOP)
        rc = OT_OK;
    if (rc)
        goto fail;
    write_head(&x);
    if ((rc = oti_events_foreach(m, write_event, &x)))
        goto fail;
    close_event(&x);
    str(&x, x.written ? "\n  ]\n}\n" : "]\n}\n");
    rc = oti_buf_finish(&x.out, json, len, FN);
    goto out;
fail:
    if (rc != OT_ENOMEM)
        oti_error_prefix("%s: ", FN);
out:
    oti_buf_release(&x.out);
    oti_strmap_free(&x.org);
    oti_strmap_free(&x.actor);
    oti_free(x.sup);
    oti_free(x.place);
    oti_free(x.prop);
    oti_free(x.aflags);
    oti_free(x.attr);
    oti_free(x.tflags);
    for (size_t i = 0; x.entry_note && i < m->norgs + m->nactors + m->nties; i++)
        oti_free(x.entry_note[i]);
    oti_free(x.entry_note);
    oti_buf_release(&x.note);
    return rc;
}
