/* The table of event types (lib/event.h): for each, how files name it and
 * its fields, and the public call that applies it.
 * SPDX-License-Identifier: MIT */
#include "event.h"
#include "error.h"
#include "names.h"

#include <orgtrust.h>

/* A call that makes a record must make the one the journal names. */
static int check_id(ot_id got, uint32_t want, const char *fn, const char *what)
{
    if (got == want)
        return OT_OK;
    return oti_fail(OT_EFORMAT, "%s made %s %u where the journal says %u", fn, what, (unsigned)got, (unsigned)want);
}

static int org_add(ot_model *m, const oti_event *ev, const char *name)
{
    ot_id id = OT_NONE;
    int rc = ot_org_add(m, name, ev->b, &id);
    return rc ? rc : check_id(id, ev->a, "ot_org_add", "organisation");
}

static int actor_add(ot_model *m, const oti_event *ev, const char *name)
{
    ot_id id = OT_NONE;
    int rc = ot_actor_add(m, ev->b, ev->kind, ev->c, name, &id);
    return rc ? rc : check_id(id, ev->a, "ot_actor_add", "actor");
}

static int set_superior(ot_model *m, const oti_event *ev, const char *name)
{
    (void)name;
    return ot_actor_set_superior(m, ev->a, ev->b);
}

static int set_propensity(ot_model *m, const oti_event *ev, const char *name)
{
    (void)name;
    return ot_actor_set_propensity(m, ev->a, ev->x);
}

static int tie_add(ot_model *m, const oti_event *ev, const char *name)
{
    (void)name;
    ot_id id = OT_NONE;
    int rc = ot_tie_add(m, ev->b, ev->c, &id);
    return rc ? rc : check_id(id, ev->a, "ot_tie_add", "tie");
}

static int tie_set(ot_model *m, const oti_event *ev, const char *name)
{
    (void)name;
    return ot_tie_set(m, ev->a, ev->kind, ev->x);
}

static int observe(ot_model *m, const oti_event *ev, const char *name)
{
    (void)name;
    return ot_observe(m, ev->a, ev->b, ev->kind, ev->x, ev->t);
}

static int disrupt(ot_model *m, const oti_event *ev, const char *name)
{
    (void)name;
    ot_id id = OT_NONE;
    int rc = ot_disrupt(m, ev->a, ev->b, ev->kind, ev->x, ev->flag, ev->t, &id);
    return rc ? rc : check_id(id, ev->c, "ot_disrupt", "disruption");
}

static int repair(ot_model *m, const oti_event *ev, const char *name)
{
    (void)name;
    return ot_repair(m, ev->a, ev->t);
}

static int escalate(ot_model *m, const oti_event *ev, const char *name)
{
    (void)name;
    return ot_escalate(m, ev->a, ev->kind, ev->t, NULL, NULL);
}

static int consult(ot_model *m, const oti_event *ev, const char *name)
{
    (void)name;
    return ot_consult(m, ev->a, ev->b, ev->c, ev->d, ev->t);
}

static int rule(ot_model *m, const oti_event *ev, const char *name)
{
    (void)name;
    return ot_impose_general_rule(m, ev->a, ev->t);
}

static int respond(ot_model *m, const oti_event *ev, const char *name)
{
    (void)name;
    return ot_respond(m, ev->a, ev->kind, ev->t);
}

static int reveal(ot_model *m, const oti_event *ev, const char *name)
{
    (void)name;
    return ot_reveal(m, ev->a, ev->flag, ev->t);
}

/* ---- people come and go, the ladder (1.1) ---- */

static int tie_end(ot_model *m, const oti_event *ev, const char *name)
{
    (void)name;
    ot_id tie = OT_NONE;
    int rc = ot_tie_find(m, ev->a, ev->b, &tie);
    return rc ? rc : ot_tie_end(m, tie, ev->t);
}

static int leave(ot_model *m, const oti_event *ev, const char *name)
{
    (void)name;
    return ot_actor_leave(m, ev->a, ev->t);
}

static int move(ot_model *m, const oti_event *ev, const char *name)
{
    (void)name;
    return ot_actor_move(m, ev->a, ev->b, ev->kind, ev->c, ev->t);
}

static int advance(ot_model *m, const oti_event *ev, const char *name)
{
    (void)name;
    if (!ev->flag)
        return oti_fail(OT_EINVAL, "advance: true is expected (the event moves the clock)");
    return ot_advance(m, ev->t);
}

static int refer(ot_model *m, const oti_event *ev, const char *name)
{
    (void)name;
    return ot_refer(m, ev->a, ev->kind, ev->t);
}

static int resolve(ot_model *m, const oti_event *ev, const char *name)
{
    (void)name;
    return ot_resolve(m, ev->a, ev->t, NULL);
}

/* ---- texts (lib/texts.h) ---- */

static int text(ot_model *m, const oti_event *ev, const char *name)
{
    switch (ev->kind) {
    case OTI_TEXT_DESCRIPTION: return ot_model_set_description(m, name);
    case OTI_TEXT_NOTE: return ot_note(m, name);
    case OTI_TEXT_LABEL: return ot_disruption_set_label(m, ev->a, name);
    case OTI_TEXT_EPOCH: return ot_model_set_epoch(m, name);
    default: return oti_fail(OT_EFORMAT, "text kind %u is unknown", (unsigned)ev->kind);
    }
}

#define FIELD(key, arg, slot, ...) {key, OTI_ARG_##arg, OTI_SLOT_##slot, __VA_ARGS__}

const oti_event_desc oti_events[OTI_EV_LAST + 1] = {
    /* Structure: folded into a scenario's top-level lists where exact, else
     * add_org, add_actor, ... events (lib/scenario.c, lib/scenario_export.c). */
    [OTI_EV_ORG_ADD] = {"add_org", 0, 1, 0, {{0}}, org_add},
    [OTI_EV_ACTOR_ADD] = {"add_actor", 0, 1, 0, {{0}}, actor_add},
    [OTI_EV_SET_SUPERIOR] = {"set_superior", 0, 0, 0, {{0}}, set_superior},
    [OTI_EV_SET_PROPENSITY] = {"set_propensity", 0, 0, 0, {{0}}, set_propensity},
    [OTI_EV_TIE_ADD] = {"add_tie", 0, 0, 0, {{0}}, tie_add},
    [OTI_EV_TIE_SET] = {"set_tie", 0, 0, 0, {{0}}, tie_set},
    /* Timed events: read and written from their rows alone. */
    [OTI_EV_OBSERVE] = {"observe", 1, 0, OTI_EV_NEEDS_TIE,
                        {FIELD("observe", ENUM, KIND, 0, 0, &oti_kind_names, "observation kind", 0),
                         FIELD("truster", ACTOR, A, 0, 0, NULL, "actor", 0),
                         FIELD("trustee", ACTOR, B, 0, 0, NULL, "actor", 0),
                         FIELD("magnitude", NUMBER, X, 1, 1, NULL, NULL, 1.0)},
                        observe},
    [OTI_EV_DISRUPT] = {"disrupt", 1, 0, OTI_EV_NEEDS_TIE,
                        {FIELD("disrupt", ENUM, KIND, 0, 0, &oti_disruption_names, "disruption kind", 0),
                         FIELD("observer", ACTOR, A, 0, 0, NULL, "actor", 0),
                         FIELD("other", ACTOR, B, 0, 0, NULL, "actor", 0),
                         FIELD("severity", NUMBER, X, 0, 0, NULL, NULL, 0),
                         FIELD("separated", BOOL, FLAG, 1, 1, NULL, NULL, 0),
                         FIELD("id", NEW_DISRUPTION, C, 1, 0, NULL, "the disruption", 0)},
                        disrupt},
    [OTI_EV_REPAIR] = {"repair", 1, 0, 0, {FIELD("repair", DISRUPTION, A, 0, 0, NULL, "disruption", 0)}, repair},
    [OTI_EV_ESCALATE] = {"escalate", 1, 0, 0,
                         {FIELD("escalate", DISRUPTION, A, 0, 0, NULL, "disruption", 0),
                          FIELD("mode", ENUM, KIND, 1, 0, &oti_mode_names, "escalation mode", OT_JOINT)},
                         escalate},
    [OTI_EV_CONSULT] = {"consult", 1, 0, OTI_EV_PAIR_TIE,
                        {FIELD("consult", PAIR, A, 0, 0, NULL, "actor", 0),
                         FIELD("liaisons", PAIR_OPT, C, 1, 1, NULL, "actor", 0)},
                        consult},
    [OTI_EV_RULE] = {"general_rule", 1, 0, 0, {FIELD("general_rule", ORG, A, 0, 0, NULL, "organisation", 0)}, rule},
    /* since 1.1 (docs/model.md, section 12) */
    [OTI_EV_RESPOND] = {"respond", 1, 0, 0,
                        {FIELD("respond", DISRUPTION, A, 0, 0, NULL, "disruption", 0),
                         FIELD("response", ENUM, KIND, 0, 0, &oti_response_names, "response", 0)},
                        respond},
    [OTI_EV_REVEAL] = {"reveal", 1, 0, 0,
                       {FIELD("reveal", DISRUPTION, A, 0, 0, NULL, "disruption", 0),
                        FIELD("guilty", BOOL, FLAG, 0, 0, NULL, NULL, 0)},
                       reveal},
    [OTI_EV_TIE_END] = {"end_tie", 1, 0, OTI_EV_PAIR_TIE, {FIELD("end_tie", PAIR, A, 0, 0, NULL, "actor", 0)}, tie_end},
    [OTI_EV_LEAVE] = {"leave", 1, 0, 0, {FIELD("leave", ACTOR, A, 0, 0, NULL, "actor", 0)}, leave},
    [OTI_EV_MOVE] = {"move", 1, 0, 0,
                     {FIELD("move", ACTOR, A, 0, 0, NULL, "actor", 0),
                      FIELD("org", ORG, B, 0, 0, NULL, "organisation", 0),
                      FIELD("layer", LAYER, KIND, 0, 0, NULL, "layer", 0),
                      FIELD("superior", ACTOR_OPT, C, 1, 1, NULL, "actor", 0)},
                     move},
    [OTI_EV_ADVANCE] = {"advance", 1, 0, 0, {FIELD("advance", BOOL, FLAG, 0, 0, NULL, NULL, 0)}, advance},
    [OTI_EV_REFER] = {"refer", 1, 0, 0,
                      {FIELD("refer", DISRUPTION, A, 0, 0, NULL, "disruption", 0),
                       FIELD("mode", ENUM, KIND, 1, 0, &oti_mode_names, "escalation mode", OT_JOINT)},
                      refer},
    [OTI_EV_RESOLVE] = {"resolve", 1, 0, 0, {FIELD("resolve", DISRUPTION, A, 0, 0, NULL, "disruption", 0)}, resolve},
    /* Not a key of files: a scenario's texts have their own places
     * ("description", "epoch", "note", a disrupt event's "id"). */
    [OTI_EV_TEXT] = {"text", 0, 1, 0, {{0}}, text},
};

const oti_event_desc *oti_event_desc_of(unsigned type)
{
    return type >= 1 && type <= OTI_EV_LAST && oti_events[type].key ? &oti_events[type] : NULL;
}
