/* lib/model.c: organisations, actors, ties, their classes and attributes
 * (docs/model.md section 1), counts, names and getters. Every refused call is
 * checked to leave the model exactly as it was and to name the argument
 * and its value in ot_last_error(). */
#include "world.h"

#include <stdio.h>
#include <string.h>

static size_t count_of(const ot_model *m, int what)
{
    size_t n = 99999;
    ck_ok(ot_model_count(m, what, &n));
    return n;
}

static int class_of(const ot_model *m, ot_id a, ot_id b)
{
    ot_id tie;
    int cls = -1;
    ck_ok(ot_tie_find(m, a, b, &tie));
    ck_ok(ot_tie_class(m, tie, &cls));
    return cls;
}

static double attr_of(const ot_model *m, ot_id tie, int attr)
{
    double v = NAN;
    ck_ok(ot_tie_get(m, tie, attr, &v));
    return v;
}

/* ---- organisations -------------------------------------------------- */

START_TEST(organisations_nest)
{
    ot_town t = town_new();
    /* Ids are dense from 0 in creation order. */
    ck_assert_uint_eq(t.gemeente, 0);
    ck_assert_uint_eq(t.planning, 1);
    ck_assert_uint_eq(t.beheer, 4);
    ck_assert_uint_eq(count_of(t.m, OT_ORGS), 5);
    ot_id parent = 77;
    ck_ok(ot_org_parent(t.m, t.planning, &parent));
    ck_assert_uint_eq(parent, t.gemeente);
    ck_ok(ot_org_parent(t.m, t.gemeente, &parent));
    ck_assert_uint_eq(parent, OT_NONE);
    ck_assert_str_eq(ot_org_name(t.m, t.finance), "Financien");
    ck_assert_ptr_null(ot_org_name(t.m, 5));
    ck_assert_ptr_null(ot_org_name(NULL, 0));
    /* A team inside a department inside the gemeente, and no out-pointer. */
    char name[8];
    strcpy(name, "Team");
    ck_ok(ot_org_add(t.m, name, t.planning, NULL));
    name[0] = 'X'; /* the name was copied */
    ck_assert_str_eq(ot_org_name(t.m, 5), "Team");
    ck_ok(ot_org_parent(t.m, 5, &parent));
    ck_assert_uint_eq(parent, t.planning);
    ot_model_free(t.m);
}
END_TEST

START_TEST(bad_organisations_change_nothing)
{
    ot_town t = town_new();
    ot_state s = ot_state_of(t.m);
    ot_id out = 12345;
    ck_status(ot_org_add(t.m, "Provincie", 5, &out), OT_ENOTFOUND);
    ck_msg_has("parent = 5");
    ck_status(ot_org_add(t.m, "Provincie", OT_NONE - 1, &out), OT_ENOTFOUND);
    ck_msg_has("parent = 4294967294");
    ck_status(ot_org_add(t.m, NULL, OT_NONE, &out), OT_EINVAL);
    ck_msg_has("name is NULL");
    ck_status(ot_org_add(t.m, "\xff\xfe", OT_NONE, &out), OT_EINVAL);
    ck_msg_has("UTF-8");
    ck_status(ot_org_add(NULL, "Provincie", OT_NONE, &out), OT_EINVAL);
    ck_msg_has("m is NULL");
    static char longname[4098];
    memset(longname, 'a', 4097);
    ck_status(ot_org_add(t.m, longname, OT_NONE, &out), OT_ELIMIT);
    ck_msg_has("4096");
    ck_assert_uint_eq(out, 12345); /* never written */
    ot_id parent = 42;
    ck_status(ot_org_parent(t.m, 9, &parent), OT_ENOTFOUND);
    ck_msg_has("org = 9");
    ck_status(ot_org_parent(t.m, 0, NULL), OT_EINVAL);
    ck_msg_has("parent is NULL");
    ck_assert_uint_eq(parent, 42);
    ck_unchanged(t.m, s);
    /* 4096 bytes are fine. */
    longname[4096] = '\0';
    ck_ok(ot_org_add(t.m, longname, OT_NONE, NULL));
    ot_model_free(t.m);
}
END_TEST

START_TEST(organisations_nest_at_most_16_deep)
{
    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    ot_id org = mk_org(m, "0", OT_NONE);
    for (int depth = 1; depth < 16; depth++)
        org = mk_org(m, "deeper", org); /* depths 1 .. 15 */
    ot_state s = ot_state_of(m);
    ck_status(ot_org_add(m, "too deep", org, NULL), OT_ELIMIT);
    ck_msg_has("parent = 15");
    ck_unchanged(m, s);
    ot_model_free(m);
}
END_TEST

/* ---- actors ------------------------------------------------------------ */

START_TEST(actors_and_their_getters)
{
    ot_town t = town_new();
    ck_assert_uint_eq(count_of(t.m, OT_ACTORS), 10);
    ck_assert_uint_eq(t.wethouder, 0);
    ck_assert_uint_eq(t.beheerder, 9);
    ot_id org = 77, sup = 77;
    unsigned layer = 77;
    double p = -1.0;
    ck_ok(ot_actor_org(t.m, t.roy, &org));
    ck_assert_uint_eq(org, t.planning);
    ck_ok(ot_actor_layer(t.m, t.teamleider, &layer));
    ck_assert_uint_eq(layer, 1);
    ck_ok(ot_actor_superior(t.m, t.roy, &sup));
    ck_assert_uint_eq(sup, t.teamleider);
    ck_ok(ot_actor_superior(t.m, t.wethouder, &sup));
    ck_assert_uint_eq(sup, OT_NONE);
    ck_ok(ot_actor_propensity(t.m, t.roy, &p));
    ck_assert(p == 0.5); /* the default propensity */
    ck_assert_str_eq(ot_actor_name(t.m, t.fatima), "Fatima");
    ck_assert_ptr_null(ot_actor_name(t.m, 10));
    ck_assert_ptr_null(ot_actor_name(NULL, 0));
    ot_model_free(t.m);
}
END_TEST

START_TEST(actors_take_the_configured_propensity)
{
    ot_model *m = model_with(OT_PARAM_PROPENSITY, 0.75);
    ot_id g = mk_org(m, "Gemeente", OT_NONE);
    ot_id roy = mk_actor(m, g, 0, OT_NONE, "Roy");
    double p = -1.0;
    ck_ok(ot_actor_propensity(m, roy, &p));
    ck_assert(p == 0.75);
    ot_model_free(m);
}
END_TEST

START_TEST(superiors_follow_the_rules)
{
    ot_town t = town_new();
    /* Allowed: same organisation, strictly higher (the teamleider over
     * Roy); an ancestor organisation (the wethouder of the gemeente over
     * the teamleider of planning, two layers up). */
    ot_id sanne, joost, hoofd, nobody;
    ck_ok(ot_actor_add(t.m, t.planning, 0, t.wethouder, "Sanne", &sanne));
    ck_ok(ot_actor_add(t.m, t.planning, 0, t.teamleider, "Joost", &joost));
    /* The dijkgraaf of the waterschap over someone in its beheer department. */
    ck_ok(ot_actor_add(t.m, t.beheer, 1, t.dijkgraaf, "hoofd beheer", &hoofd));
    ck_ok(ot_actor_add(t.m, t.beheer, 1, OT_NONE, "nobody's", &nobody));
    /* Each reads back as given, with its organisation and layer. */
    const struct {
        ot_id actor, superior, org;
        unsigned layer;
    } want[] = {{sanne, t.wethouder, t.planning, 0},
                {joost, t.teamleider, t.planning, 0},
                {hoofd, t.dijkgraaf, t.beheer, 1},
                {nobody, OT_NONE, t.beheer, 1}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        ot_id sup = 12345, org = 12345;
        unsigned layer = 12345;
        ck_ok(ot_actor_superior(t.m, want[i].actor, &sup));
        ck_assert_uint_eq(sup, want[i].superior);
        ck_ok(ot_actor_org(t.m, want[i].actor, &org));
        ck_assert_uint_eq(org, want[i].org);
        ck_ok(ot_actor_layer(t.m, want[i].actor, &layer));
        ck_assert_uint_eq(layer, want[i].layer);
    }
    /* The superiors are distinct people: the read-back is not a constant. */
    ck_assert_uint_ne(t.wethouder, t.teamleider);
    ot_model_free(t.m);
}
END_TEST

/* A refused actor (or superior change) in a town: status, message, and
 * nothing changed. */
typedef struct bad_actor {
    unsigned org_sel; /* index into the town's organisations below */
    unsigned layer;
    int sup_sel;      /* -1: OT_NONE; -2: actor 99; else an actor id of the town */
    int status;
    const char *msg;
} bad_actor;

static const bad_actor BAD_ACTORS[] = {
    /* layer 3 does not exist with 3 layers */
    {0, 3, -1, OT_EINVAL, "layer = 3"},
    {0, 4000000000u, -1, OT_EINVAL, "layer = 4000000000"},
    /* unknown organisation and superior */
    {9, 0, -1, OT_ENOTFOUND, "org = 9"},
    {1, 0, -2, OT_ENOTFOUND, "superior = 99"},
    /* same layer: Roy (planning, 0) cannot lead a planning colleague on 0 */
    {1, 0, 3, OT_EINVAL, "superior = 3"},
    /* lower layer: Roy cannot lead a managerial actor */
    {1, 1, 3, OT_EINVAL, "superior = 3 (\"Roy\") is on layer 0 (operational)"},
    /* another branch: the head of finance cannot lead someone in planning */
    {1, 0, 6, OT_EINVAL, "superior = 6"},
    /* a sub-organisation: the teamleider of planning cannot lead someone
     * of the gemeente itself */
    {0, 0, 2, OT_EINVAL, "superior = 2"},
    /* another organisation altogether: the dijkgraaf cannot lead in planning */
    {1, 0, 7, OT_EINVAL, "superior = 7"},
    /* the wethouder cannot lead in the waterschap */
    {3, 1, 0, OT_EINVAL, "superior = 0"},
};

static ot_id town_org(const ot_town *t, unsigned sel)
{
    const ot_id orgs[5] = {t->gemeente, t->planning, t->finance, t->waterschap, t->beheer};
    return sel < 5 ? orgs[sel] : sel;
}

static ot_id sup_of_sel(int sel)
{
    return sel == -1 ? OT_NONE : sel == -2 ? 99 : (ot_id)sel;
}

START_TEST(bad_actors_change_nothing)
{
    const bad_actor *b = &BAD_ACTORS[_i];
    ot_town t = town_new();
    ot_state s = ot_state_of(t.m);
    ot_id out = 12345;
    ck_status(ot_actor_add(t.m, town_org(&t, b->org_sel), b->layer, sup_of_sel(b->sup_sel), "Nieuw", &out),
              b->status);
    ck_msg_has("ot_actor_add");
    ck_msg_has(b->msg);
    ck_assert_uint_eq(out, 12345);
    ck_unchanged(t.m, s);
    ot_model_free(t.m);
}
END_TEST

START_TEST(bad_actor_arguments_change_nothing)
{
    ot_town t = town_new();
    ot_state s = ot_state_of(t.m);
    ck_status(ot_actor_add(NULL, t.gemeente, 0, OT_NONE, "x", NULL), OT_EINVAL);
    ck_msg_has("m is NULL");
    ck_status(ot_actor_add(t.m, t.gemeente, 0, OT_NONE, NULL, NULL), OT_EINVAL);
    ck_msg_has("name is NULL");
    ck_status(ot_actor_add(t.m, t.gemeente, 0, OT_NONE, "\xe2\x82", NULL), OT_EINVAL);
    ck_msg_has("UTF-8");
    ck_unchanged(t.m, s);
    ot_model_free(t.m);
}
END_TEST

START_TEST(set_superior_reorganises_within_the_rules)
{
    ot_town t = town_new();
    /* Roy now reports to the wethouder directly, then to nobody. */
    ck_ok(ot_actor_set_superior(t.m, t.roy, t.wethouder));
    ot_id sup = 77;
    ck_ok(ot_actor_superior(t.m, t.roy, &sup));
    ck_assert_uint_eq(sup, t.wethouder);
    ck_ok(ot_actor_set_superior(t.m, t.roy, OT_NONE));
    ck_ok(ot_actor_superior(t.m, t.roy, &sup));
    ck_assert_uint_eq(sup, OT_NONE);
    /* A superior added later than the actor is fine (ids need not rise). */
    ot_id head = mk_actor(t.m, t.beheer, 2, OT_NONE, "hoofd beheer");
    ck_ok(ot_actor_set_superior(t.m, t.beheerder, head));
    ot_state s = ot_state_of(t.m);
    ck_status(ot_actor_set_superior(t.m, t.roy, t.ahmed), OT_EINVAL); /* same layer */
    ck_msg_has("superior = 4");
    ck_status(ot_actor_set_superior(t.m, t.teamleider, t.roy), OT_EINVAL); /* lower layer */
    ck_msg_has("superior = 3");
    ck_status(ot_actor_set_superior(t.m, t.roy, t.fin_head), OT_EINVAL); /* another branch */
    ck_msg_has("superior = 6");
    ck_status(ot_actor_set_superior(t.m, t.clerk, t.teamleider), OT_EINVAL); /* a sub-organisation */
    ck_msg_has("superior = 2");
    ck_status(ot_actor_set_superior(t.m, t.roy, t.dijkgraaf), OT_EINVAL); /* another organisation */
    ck_msg_has("superior = 7");
    ck_status(ot_actor_set_superior(t.m, t.roy, t.roy), OT_EINVAL); /* oneself */
    ck_status(ot_actor_set_superior(t.m, 99, OT_NONE), OT_ENOTFOUND);
    ck_msg_has("actor = 99");
    ck_status(ot_actor_set_superior(t.m, t.roy, 99), OT_ENOTFOUND);
    ck_msg_has("superior = 99");
    ck_status(ot_actor_set_superior(NULL, t.roy, OT_NONE), OT_EINVAL);
    ck_msg_has("m is NULL");
    ck_unchanged(t.m, s);
    ot_model_free(t.m);
}
END_TEST

START_TEST(propensity_applies_to_later_ties_only)
{
    ot_town t = town_new();
    ot_id first, second;
    ck_ok(ot_tie_add(t.m, t.roy, t.fatima, &first));
    ck_ok(ot_actor_set_propensity(t.m, t.roy, 0.875));
    ck_ok(ot_tie_add(t.m, t.roy, t.ahmed, &second));
    /* The old tie keeps the propensity Roy had then (0.5). */
    ck_assert(trust_of(t.m, t.roy, t.fatima) == 0.5);
    ck_assert(trust_of(t.m, t.roy, t.ahmed) == 0.875);
    /* The other ends start at their own propensity. */
    ck_assert(trust_of(t.m, t.ahmed, t.roy) == 0.5);
    double p = -1.0;
    ck_ok(ot_actor_propensity(t.m, t.roy, &p));
    ck_assert(p == 0.875);
    /* The edges 0 and 1 are allowed. */
    ck_ok(ot_actor_set_propensity(t.m, t.ahmed, 0.0));
    ck_ok(ot_actor_set_propensity(t.m, t.ahmed, 1.0));
    ot_state s = ot_state_of(t.m);
    ck_status(ot_actor_set_propensity(t.m, t.roy, 1.0625), OT_EINVAL);
    ck_msg_has("p = 1.0625");
    ck_status(ot_actor_set_propensity(t.m, t.roy, -0.5), OT_EINVAL);
    ck_msg_has("p = -0.5");
    ck_status(ot_actor_set_propensity(t.m, t.roy, NAN), OT_EINVAL);
    ck_msg_has("p = nan");
    ck_status(ot_actor_set_propensity(t.m, t.roy, INFINITY), OT_EINVAL);
    ck_msg_has("p = inf");
    ck_status(ot_actor_set_propensity(t.m, 99, 0.5), OT_ENOTFOUND);
    ck_msg_has("actor = 99");
    ck_status(ot_actor_set_propensity(NULL, t.roy, 0.5), OT_EINVAL);
    ck_unchanged(t.m, s);
    ot_model_free(t.m);
}
END_TEST

START_TEST(actor_getters_refuse_bad_arguments)
{
    ot_town t = town_new();
    ot_state s = ot_state_of(t.m);
    ot_id id = 42;
    unsigned layer = 42;
    double p = 42.0;
    ck_status(ot_actor_org(t.m, t.roy, NULL), OT_EINVAL);
    ck_msg_has("org is NULL");
    ck_status(ot_actor_layer(t.m, t.roy, NULL), OT_EINVAL);
    ck_msg_has("layer is NULL");
    ck_status(ot_actor_superior(t.m, t.roy, NULL), OT_EINVAL);
    ck_msg_has("sup is NULL");
    ck_status(ot_actor_propensity(t.m, t.roy, NULL), OT_EINVAL);
    ck_msg_has("p is NULL");
    ck_status(ot_actor_org(t.m, 10, &id), OT_ENOTFOUND);
    ck_msg_has("actor = 10");
    ck_status(ot_actor_layer(t.m, 10, &layer), OT_ENOTFOUND);
    ck_msg_has("actor = 10");
    ck_status(ot_actor_superior(t.m, OT_NONE, &id), OT_ENOTFOUND);
    ck_msg_has("actor = 4294967295");
    ck_status(ot_actor_propensity(t.m, 10, &p), OT_ENOTFOUND);
    ck_status(ot_actor_org(NULL, t.roy, &id), OT_EINVAL);
    ck_msg_has("m is NULL");
    ck_assert_uint_eq(id, 42);
    ck_assert_uint_eq(layer, 42);
    ck_assert(p == 42.0);
    ck_unchanged(t.m, s);
    ot_model_free(t.m);
}
END_TEST

/* ---- ties ---------------------------------------------------------------- */

START_TEST(ties_are_found_in_either_order)
{
    ot_town t = town_new();
    ot_id tie = 77, found = 77, a = 77, b = 77;
    ck_ok(ot_tie_add(t.m, t.fatima, t.roy, &tie));
    ck_assert_uint_eq(tie, 0);
    ck_ok(ot_tie_find(t.m, t.roy, t.fatima, &found));
    ck_assert_uint_eq(found, tie);
    ck_ok(ot_tie_find(t.m, t.fatima, t.roy, &found));
    ck_assert_uint_eq(found, tie);
    /* Ends in the order given. */
    ck_ok(ot_tie_ends(t.m, tie, &a, &b));
    ck_assert_uint_eq(a, t.fatima);
    ck_assert_uint_eq(b, t.roy);
    ck_ok(ot_tie_add(t.m, t.roy, t.ahmed, NULL));
    ck_ok(ot_tie_find(t.m, t.ahmed, t.roy, &found));
    ck_assert_uint_eq(found, 1);
    ck_assert_uint_eq(count_of(t.m, OT_TIES), 2);
    /* Defaults: intensity 1, affect 0, uncertainty 0.5; both directions at
     * the truster's propensity. */
    ck_assert(attr_of(t.m, tie, OT_TIE_INTENSITY) == 1.0);
    ck_assert(attr_of(t.m, tie, OT_TIE_AFFECT) == 0.0);
    ck_assert(attr_of(t.m, tie, OT_TIE_UNCERTAINTY) == 0.5);
    ck_assert(trust_of(t.m, t.roy, t.fatima) == 0.5);
    ck_assert(trust_of(t.m, t.fatima, t.roy) == 0.5);
    ot_model_free(t.m);
}
END_TEST

START_TEST(bad_ties_change_nothing)
{
    ot_town t = town_new();
    ck_ok(ot_tie_add(t.m, t.roy, t.fatima, NULL));
    ot_state s = ot_state_of(t.m);
    ot_id out = 12345;
    ck_status(ot_tie_add(t.m, t.roy, t.roy, &out), OT_EINVAL);
    ck_msg_has("a and b are the same actor 3");
    ck_status(ot_tie_add(t.m, t.roy, t.fatima, &out), OT_EEXIST);
    ck_msg_has("actors 3 (\"Roy\") and 8 (\"Fatima\") already share tie 0");
    ck_status(ot_tie_add(t.m, t.fatima, t.roy, &out), OT_EEXIST);
    ck_msg_has("actors 8 (\"Fatima\") and 3 (\"Roy\") already share tie 0");
    ck_status(ot_tie_add(t.m, t.roy, 11, &out), OT_ENOTFOUND);
    ck_msg_has("b = 11");
    ck_status(ot_tie_add(t.m, 200, t.roy, &out), OT_ENOTFOUND);
    ck_msg_has("a = 200");
    ck_status(ot_tie_add(NULL, t.roy, t.ahmed, &out), OT_EINVAL);
    ck_msg_has("m is NULL");
    ck_status(ot_tie_find(t.m, t.roy, t.ahmed, &out), OT_ENOTFOUND);
    ck_msg_has("actors 3 (\"Roy\") and 4 (\"Ahmed\") have no tie");
    ck_status(ot_tie_find(t.m, t.roy, t.roy, &out), OT_EINVAL); /* like every two-actor call */
    ck_msg_has("same actor");
    ck_status(ot_tie_find(t.m, t.roy, 11, &out), OT_ENOTFOUND);
    ck_msg_has("b = 11");
    ck_status(ot_tie_find(t.m, t.roy, t.fatima, NULL), OT_EINVAL);
    ck_msg_has("out is NULL");
    ck_status(ot_tie_find(NULL, t.roy, t.fatima, &out), OT_EINVAL);
    ck_assert_uint_eq(out, 12345);
    ot_id a = 42, b = 42;
    int cls = 42;
    ck_status(ot_tie_ends(t.m, 1, &a, &b), OT_ENOTFOUND);
    ck_msg_has("tie = 1");
    ck_status(ot_tie_ends(t.m, 0, NULL, &b), OT_EINVAL);
    ck_msg_has("a is NULL");
    ck_status(ot_tie_ends(t.m, 0, &a, NULL), OT_EINVAL);
    ck_msg_has("b is NULL");
    ck_status(ot_tie_class(t.m, 1, &cls), OT_ENOTFOUND);
    ck_msg_has("tie = 1");
    ck_status(ot_tie_class(t.m, 0, NULL), OT_EINVAL);
    ck_msg_has("cls is NULL");
    ck_assert_uint_eq(a, 42);
    ck_assert_uint_eq(b, 42);
    ck_assert_int_eq(cls, 42);
    ck_unchanged(t.m, s);
    ot_model_free(t.m);
}
END_TEST

START_TEST(tie_classes_follow_the_organisations)
{
    ot_town t = town_new();
    const struct {
        ot_id a, b;
        int cls;
    } cases[] = {
        /* same organisation, same layer */
        {t.roy, t.ahmed, OT_INTERNAL},
        /* same organisation, across layers */
        {t.roy, t.teamleider, OT_VERTICAL},
        /* a department and its own municipality overlap: internal */
        {t.roy, t.clerk, OT_INTERNAL},
        {t.roy, t.wethouder, OT_VERTICAL},
        /* two departments of one municipality are external to each other */
        {t.roy, t.controller, OT_HORIZONTAL},
        {t.roy, t.fin_head, OT_DIAGONAL},
        /* two organisations */
        {t.roy, t.fatima, OT_HORIZONTAL},
        {t.roy, t.dijkgraaf, OT_DIAGONAL},
        {t.wethouder, t.dijkgraaf, OT_HORIZONTAL},
        {t.fatima, t.teamleider, OT_DIAGONAL},
        /* a sub-organisation of the waterschap against the waterschap itself */
        {t.beheerder, t.fatima, OT_INTERNAL},
        {t.beheerder, t.dijkgraaf, OT_VERTICAL},
        /* a department against the other organisation's department */
        {t.beheerder, t.roy, OT_HORIZONTAL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ck_ok(ot_tie_add(t.m, cases[i].a, cases[i].b, NULL));
        ck_assert_msg(class_of(t.m, cases[i].a, cases[i].b) == cases[i].cls, "case %zu: class %d, expected %d", i,
                      class_of(t.m, cases[i].a, cases[i].b), cases[i].cls);
    }
    ot_model_free(t.m);
}
END_TEST

START_TEST(tie_attributes_read_back)
{
    ot_town t = town_new();
    ot_id tie;
    ck_ok(ot_tie_add(t.m, t.roy, t.fatima, &tie));
    const struct {
        int attr;
        double v;
    } ok[] = {
        {OT_TIE_INTENSITY, 1e-6}, {OT_TIE_INTENSITY, 1e6}, {OT_TIE_INTENSITY, 2.5},
        {OT_TIE_AFFECT, 0.0},     {OT_TIE_AFFECT, 1.0},    {OT_TIE_AFFECT, 0.75},
        {OT_TIE_UNCERTAINTY, 0.0}, {OT_TIE_UNCERTAINTY, 1.0}, {OT_TIE_UNCERTAINTY, 0.125},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        ck_ok(ot_tie_set(t.m, tie, ok[i].attr, ok[i].v));
        ck_assert(attr_of(t.m, tie, ok[i].attr) == ok[i].v);
    }
    ck_assert(attr_of(t.m, tie, OT_TIE_INTENSITY) == 2.5);
    ck_assert(attr_of(t.m, tie, OT_TIE_AFFECT) == 0.75);
    ck_assert(attr_of(t.m, tie, OT_TIE_UNCERTAINTY) == 0.125);
    /* Setting attributes moves no trust. */
    ck_assert(trust_of(t.m, t.roy, t.fatima) == 0.5);
    ot_model_free(t.m);
}
END_TEST

START_TEST(bad_tie_attributes_change_nothing)
{
    ot_town t = town_new();
    ot_id tie;
    ck_ok(ot_tie_add(t.m, t.roy, t.fatima, &tie));
    ck_ok(ot_tie_set(t.m, tie, OT_TIE_INTENSITY, 3.0));
    ot_state s = ot_state_of(t.m);
    const struct {
        int attr;
        double v;
        const char *msg;
    } bad[] = {
        {OT_TIE_INTENSITY, 0.0, "intensity = 0"},
        {OT_TIE_INTENSITY, 0x1p-21, "intensity = 4.76837158203125e-07"}, /* 2^-21 < 1e-6 */
        {OT_TIE_INTENSITY, 1000000.5, "intensity = 1000000.5"},
        {OT_TIE_INTENSITY, -1.0, "intensity = -1"},
        {OT_TIE_INTENSITY, NAN, "intensity = nan"},
        {OT_TIE_INTENSITY, INFINITY, "intensity = inf"},
        {OT_TIE_AFFECT, -0.25, "affect = -0.25"},
        {OT_TIE_AFFECT, 1.5, "affect = 1.5"},
        {OT_TIE_AFFECT, NAN, "affect = nan"},
        {OT_TIE_UNCERTAINTY, 1.25, "uncertainty = 1.25"},
        {OT_TIE_UNCERTAINTY, -0.0078125, "uncertainty = -0.0078125"},
        {OT_TIE_UNCERTAINTY, NAN, "uncertainty = nan"},
        {0, 0.5, "attr = 0"},
        {4, 0.5, "attr = 4"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_status(ot_tie_set(t.m, tie, bad[i].attr, bad[i].v), OT_EINVAL);
        ck_msg_has("ot_tie_set");
        ck_msg_has(bad[i].msg);
    }
    ck_status(ot_tie_set(t.m, 1, OT_TIE_AFFECT, 0.5), OT_ENOTFOUND);
    ck_msg_has("tie = 1");
    ck_status(ot_tie_set(NULL, tie, OT_TIE_AFFECT, 0.5), OT_EINVAL);
    ck_msg_has("m is NULL");
    double v = 42.0;
    ck_status(ot_tie_get(t.m, tie, 4, &v), OT_EINVAL);
    ck_msg_has("attr = 4");
    ck_status(ot_tie_get(t.m, 1, OT_TIE_AFFECT, &v), OT_ENOTFOUND);
    ck_msg_has("tie = 1");
    ck_status(ot_tie_get(t.m, tie, OT_TIE_AFFECT, NULL), OT_EINVAL);
    ck_msg_has("v is NULL");
    ck_status(ot_tie_get(NULL, tie, OT_TIE_AFFECT, &v), OT_EINVAL);
    ck_assert(v == 42.0);
    ck_unchanged(t.m, s);
    ck_assert(attr_of(t.m, tie, OT_TIE_INTENSITY) == 3.0);
    ot_model_free(t.m);
}
END_TEST

/* ---- counts -------------------------------------------------------------- */

START_TEST(counts_follow_the_calls)
{
    ot_town t = town_new();
    /* 5 organisations and 10 actors, each one accepted call. */
    ck_assert_uint_eq(count_of(t.m, OT_ORGS), 5);
    ck_assert_uint_eq(count_of(t.m, OT_ACTORS), 10);
    ck_assert_uint_eq(count_of(t.m, OT_TIES), 0);
    ck_assert_uint_eq(count_of(t.m, OT_DISRUPTIONS), 0);
    ck_assert_uint_eq(count_of(t.m, OT_EVENTS), 15);
    ck_ok(ot_tie_add(t.m, t.roy, t.fatima, NULL));
    ck_ok(ot_tie_set(t.m, 0, OT_TIE_AFFECT, 0.5));
    ck_ok(ot_observe(t.m, t.roy, t.fatima, OT_DELIVERED, 1.0, 1.0));
    ck_assert_uint_eq(count_of(t.m, OT_TIES), 1);
    ck_assert_uint_eq(count_of(t.m, OT_EVENTS), 18); /* 15 + tie + attribute + observation */
    /* Refused calls are not events. */
    ck_status(ot_tie_set(t.m, 0, OT_TIE_AFFECT, 2.0), OT_EINVAL);
    ck_assert_uint_eq(count_of(t.m, OT_EVENTS), 18);
    size_t n = 42;
    ck_status(ot_model_count(t.m, 0, &n), OT_EINVAL);
    ck_msg_has("what = 0");
    ck_status(ot_model_count(t.m, 6, &n), OT_EINVAL);
    ck_msg_has("what = 6");
    ck_status(ot_model_count(t.m, OT_ORGS, NULL), OT_EINVAL);
    ck_msg_has("n is NULL");
    ck_status(ot_model_count(NULL, OT_ORGS, &n), OT_EINVAL);
    ck_msg_has("m is NULL");
    ck_assert_uint_eq(n, 42);
    unsigned layers = 42;
    ck_status(ot_model_layers(t.m, NULL), OT_EINVAL);
    ck_status(ot_model_layers(NULL, &layers), OT_EINVAL);
    ck_assert_uint_eq(layers, 42);
    double now = 42.0;
    ck_status(ot_model_time(t.m, NULL), OT_EINVAL);
    ck_status(ot_model_time(NULL, &now), OT_EINVAL);
    ck_ok(ot_model_time(t.m, &now));
    ck_assert(now == 1.0);
    ot_model_free(t.m);
}
END_TEST

START_TEST(time_starts_before_everything)
{
    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    double now = 0.0;
    ck_ok(ot_model_time(m, &now));
    ck_assert(now == -INFINITY);
    /* Structure carries no time. */
    ot_id g = mk_org(m, "Gemeente", OT_NONE);
    mk_actor(m, g, 0, OT_NONE, "Roy");
    ck_ok(ot_model_time(m, &now));
    ck_assert(now == -INFINITY);
    ot_model_free(m);
}
END_TEST

START_TEST(one_layer_models_have_only_layer_0)
{
    ot_config *c;
    ck_ok(ot_config_new(&c));
    ck_ok(ot_config_set_layers(c, 1, NULL));
    ot_model *m;
    ck_ok(ot_model_new(c, &m));
    ot_config_free(c);
    ot_id g = mk_org(m, "Gemeente", OT_NONE);
    mk_actor(m, g, 0, OT_NONE, "Roy");
    ot_state s = ot_state_of(m);
    ck_status(ot_actor_add(m, g, 1, OT_NONE, "Manager", NULL), OT_EINVAL);
    ck_msg_has("layer = 1 does not exist; the model has layers 0..0");
    ck_unchanged(m, s);
    ot_model_free(m);
}
END_TEST

/* ---- out of memory ------------------------------------------------------ */

/* A town built call by call: the first tie between the two departments of
 * different organisations creates four pair records and two actor-pair
 * records, later ones grow every array and index. */
static int town_step(ot_model *m, int i)
{
    static const char *const names[6] = {"Roy", "de wethouder", "de beheerder", "het afdelingshoofd", "Ahmed",
                                         "Kees"};
    switch (i) {
    case 0: return ot_org_add(m, "Gemeente", OT_NONE, NULL);
    case 1: return ot_org_add(m, "Planning", 0, NULL);
    case 2: return ot_org_add(m, "Waterschap", OT_NONE, NULL);
    case 3: return ot_org_add(m, "Beheer", 2, NULL);
    case 4: return ot_actor_add(m, 1, 0, OT_NONE, names[0], NULL);
    case 5: return ot_actor_add(m, 0, 2, OT_NONE, names[1], NULL);
    case 6: return ot_actor_add(m, 3, 0, OT_NONE, names[2], NULL);
    case 7: return ot_actor_add(m, 2, 1, OT_NONE, names[3], NULL);
    case 8: return ot_tie_add(m, 0, 2, NULL); /* Roy - beheerder: (Planning, Beheer) and its ancestors */
    case 9: return ot_tie_add(m, 0, 1, NULL); /* internal */
    case 10: return ot_tie_add(m, 1, 3, NULL);
    case 11: return ot_tie_add(m, 0, 3, NULL); /* diagonal */
    case 12: return ot_tie_set(m, 0, OT_TIE_INTENSITY, 2.0);
    case 13: return ot_actor_set_superior(m, 0, 1);
    case 14: return ot_actor_set_propensity(m, 2, 0.25);
    case 15: return ot_observe(m, 0, 2, OT_DELIVERED, 1.0, 1.0);
    default: {
        /* Many more actors, each with a tie to one of the first four:
         * arrays and indexes grow again. */
        int k = (i - 16) / 2;
        if ((i - 16) % 2 == 0)
            return ot_actor_add(m, (ot_id)(k % 4), (unsigned)(k % 3), OT_NONE, names[4 + k % 2], NULL);
        return ot_tie_add(m, (ot_id)(4 + k), (ot_id)(k % 4), NULL);
    }
    }
}

START_TEST(out_of_memory_changes_nothing)
{
    ck_script_survives_out_of_memory(town_step, 16 + 80);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("model");
    TCase *tc = tcase_create("organisations");
    tcase_add_test(tc, organisations_nest);
    tcase_add_test(tc, bad_organisations_change_nothing);
    tcase_add_test(tc, organisations_nest_at_most_16_deep);
    suite_add_tcase(s, tc);
    tc = tcase_create("actors");
    tcase_add_test(tc, actors_and_their_getters);
    tcase_add_test(tc, actors_take_the_configured_propensity);
    tcase_add_test(tc, superiors_follow_the_rules);
    tcase_add_loop_test(tc, bad_actors_change_nothing, 0, (int)(sizeof BAD_ACTORS / sizeof BAD_ACTORS[0]));
    tcase_add_test(tc, bad_actor_arguments_change_nothing);
    tcase_add_test(tc, set_superior_reorganises_within_the_rules);
    tcase_add_test(tc, propensity_applies_to_later_ties_only);
    tcase_add_test(tc, actor_getters_refuse_bad_arguments);
    suite_add_tcase(s, tc);
    tc = tcase_create("ties");
    tcase_add_test(tc, ties_are_found_in_either_order);
    tcase_add_test(tc, bad_ties_change_nothing);
    tcase_add_test(tc, tie_classes_follow_the_organisations);
    tcase_add_test(tc, tie_attributes_read_back);
    tcase_add_test(tc, bad_tie_attributes_change_nothing);
    suite_add_tcase(s, tc);
    tc = tcase_create("counts");
    tcase_add_test(tc, counts_follow_the_calls);
    tcase_add_test(tc, time_starts_before_everything);
    tcase_add_test(tc, one_layer_models_have_only_layer_0);
    tcase_add_test(tc, out_of_memory_changes_nothing);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return ot_run_suite(suite()); }
