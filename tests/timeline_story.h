/* The story the timeline and history suites replay: Roy of the gemeente
 * and Fatima of the waterschap over a season, with their leaders above
 * them, written as a list of steps so that a test can build the model "as
 * it was on day t" by hand: every step up to the first timed step later
 * than t (structure steps count at the model's time when they are made).
 * Header-only; static so each suite takes what it uses. */
#ifndef OT_TIMELINE_STORY_H
#define OT_TIMELINE_STORY_H

#include "world.h"

#define OT_UNUSED_FN __attribute__((unused))

enum { ST_ORG, ST_ACTOR, ST_TIE, ST_SET, ST_PROP, ST_OBS, ST_DISRUPT, ST_REPAIR, ST_ESCALATE, ST_CONSULT, ST_RULE };

typedef struct story_step {
    int what;
    double t; /* timed steps only */
    unsigned a, b, c, d;
    int kind;
    double x;
    const char *name;
} story_step;

/* Ids, in the order the steps make them. */
enum { O_GEMEENTE, O_WATERSCHAP };
enum { P_WETHOUDER, P_ROY, P_DIJKGRAAF, P_FATIMA, P_KEES };
enum { T_ROY_FATIMA, T_WETH_DIJK, T_ROY_KEES, T_ROY_WETH };

static const story_step STORY[] = {
    {ST_ORG, 0, OT_NONE, 0, 0, 0, 0, 0, "Gemeente"},
    {ST_ORG, 0, OT_NONE, 0, 0, 0, 0, 0, "Waterschap"},
    {ST_ACTOR, 0, O_GEMEENTE, 2, OT_NONE, 0, 0, 0, "de wethouder"},
    {ST_ACTOR, 0, O_GEMEENTE, 0, P_WETHOUDER, 0, 0, 0, "Roy"},
    {ST_ACTOR, 0, O_WATERSCHAP, 2, OT_NONE, 0, 0, 0, "de dijkgraaf"},
    {ST_ACTOR, 0, O_WATERSCHAP, 0, P_DIJKGRAAF, 0, 0, 0, "Fatima"},
    {ST_PROP, 0, P_FATIMA, 0, 0, 0, 0, 0.4, NULL},
    {ST_TIE, 0, P_ROY, P_FATIMA, 0, 0, 0, 0, NULL},
    {ST_TIE, 0, P_WETHOUDER, P_DIJKGRAAF, 0, 0, 0, 0, NULL},
    {ST_OBS, 1, P_ROY, P_FATIMA, 0, 0, OT_AGREEMENT_KEPT, 0, NULL},
    {ST_OBS, 1, P_FATIMA, P_ROY, 0, 0, OT_DELIVERED, 0, NULL},
    {ST_OBS, 3, P_WETHOUDER, P_DIJKGRAAF, 0, 0, OT_AGREEMENT_KEPT, 0, NULL},
    /* Kees joins the waterschap on day 3 and gets a tie to Roy: diagonal. */
    {ST_ACTOR, 0, O_WATERSCHAP, 1, P_DIJKGRAAF, 0, 0, 0, "Kees"},
    {ST_TIE, 0, P_ROY, P_KEES, 0, 0, 0, 0, NULL},
    {ST_SET, 0, T_ROY_KEES, 0, 0, 0, OT_TIE_INTENSITY, 2.0, NULL},
    {ST_TIE, 0, P_ROY, P_WETHOUDER, 0, 0, 0, 0, NULL}, /* internal: the general rule reaches it */
    {ST_DISRUPT, 10, P_FATIMA, P_ROY, 0, 0, OT_RELATIONAL, 0.5, NULL}, /* d0 */
    {ST_OBS, 12, P_ROY, P_FATIMA, 0, 0, OT_AGREEMENT_BROKEN, 0, NULL},
    {ST_CONSULT, 20, P_WETHOUDER, P_DIJKGRAAF, OT_NONE, OT_NONE, 0, 0, NULL},
    {ST_REPAIR, 25, 0, 0, 0, 0, 0, 0, NULL},
    {ST_DISRUPT, 30, P_ROY, P_FATIMA, 1, 0, OT_TASK, 0.4, NULL}, /* d1, separated */
    {ST_ESCALATE, 31, 1, 0, 0, 0, OT_UNILATERAL, 0, NULL},
    {ST_RULE, 40, O_GEMEENTE, 0, 0, 0, 0, 0, NULL},
    {ST_OBS, 40, P_KEES, P_ROY, 0, 0, OT_WENT_BEYOND, 2.0, NULL},
    {ST_OBS, 60, P_ROY, P_FATIMA, 0, 0, OT_DELIVERED, 0, NULL},
    {ST_OBS, 61, P_FATIMA, P_ROY, 0, 0, OT_AGREEMENT_KEPT, 0, NULL},
    {ST_OBS, 61, P_ROY, P_KEES, 0, 0, OT_DISCLOSED, 0, NULL},
    {ST_OBS, 90, P_DIJKGRAAF, P_WETHOUDER, 0, 0, OT_LET_DOWN, 0, NULL},
};
#define STORY_STEPS (sizeof STORY / sizeof STORY[0])

static OT_UNUSED_FN int step_timed(const story_step *s) { return s->what >= ST_OBS; }

static OT_UNUSED_FN int story_apply(ot_model *m, const story_step *s)
{
    int resolved;
    unsigned layer;
    switch (s->what) {
    case ST_ORG: return ot_org_add(m, s->name, s->a, NULL);
    case ST_ACTOR: return ot_actor_add(m, s->a, s->b, s->c, s->name, NULL);
    case ST_TIE: return ot_tie_add(m, s->a, s->b, NULL);
    case ST_SET: return ot_tie_set(m, s->a, s->kind, s->x);
    case ST_PROP: return ot_actor_set_propensity(m, s->a, s->x);
    case ST_OBS: return ot_observe(m, s->a, s->b, s->kind, s->x, s->t);
    case ST_DISRUPT: return ot_disrupt(m, s->a, s->b, s->kind, s->x, (int)s->c, s->t, NULL);
    case ST_REPAIR: return ot_repair(m, s->a, s->t);
    case ST_ESCALATE: return ot_escalate(m, s->a, s->kind, s->t, &resolved, &layer);
    case ST_CONSULT: return ot_consult(m, s->a, s->b, s->c, s->d, s->t);
    default: return ot_impose_general_rule(m, s->a, s->t);
    }
}

/* Every step up to the first timed one later than `upto`; the number of
 * steps applied. */
static OT_UNUSED_FN size_t story_until(ot_model *m, double upto)
{
    size_t i = 0;
    for (; i < STORY_STEPS && !(step_timed(&STORY[i]) && STORY[i].t > upto); i++)
        ck_ok(story_apply(m, &STORY[i]));
    return i;
}

/* The whole story in a new model with configuration c (NULL: defaults). */
static OT_UNUSED_FN ot_model *story_model(const ot_config *c)
{
    ot_model *m;
    ck_ok(ot_model_new(c, &m));
    story_until(m, INFINITY);
    return m;
}

#endif
