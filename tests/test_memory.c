/* lib/memory.c: what an organisation remembers (docs/model.md, section
 * 13): the institutional memory of ended ties, and trust transfer, where a
 * new external tie starts from it:
 *
 *     T0(i -> j) = (1 - tau) * p_i + tau * rep(A \ i -> B)
 *
 * with the defaults: tau = OT_PARAM_TRUST_TRANSFER 0.5, the organisation
 * prior 0.5, the institutional half-life 730 days. Every value below is
 * worked out by hand in the comment beside it; all ties have intensity 1. */
#include "world.h"

#include <math.h>

typedef struct sides {
    ot_model *m;
    ot_id G, W;
} sides;

static sides sides_new(const ot_config *c)
{
    sides s;
    ck_ok(ot_model_new(c, &s.m));
    s.G = mk_org(s.m, "Gemeente", OT_NONE);
    s.W = mk_org(s.m, "Waterschap", OT_NONE);
    return s;
}

static ot_id person(const sides *s, ot_id org, const char *name, double p)
{
    ot_id a = mk_actor(s->m, org, 0, OT_NONE, name);
    ck_ok(ot_actor_set_propensity(s->m, a, p));
    return a;
}

static ot_id tie(const sides *s, ot_id a, ot_id b)
{
    ot_id t = OT_NONE;
    ck_ok(ot_tie_add(s->m, a, b, &t));
    return t;
}

static double rep(const sides *s, ot_id a, ot_id b, ot_id excluding)
{
    double v = -1;
    ck_ok(ot_reputation(s->m, a, b, excluding, &v));
    return v;
}

/* Roy of the gemeente and Fatima of the waterschap, with the propensities
 * given, make the first tie between the two organisations. */
static sides first_meeting(const ot_config *c, double p_roy, double p_fatima, ot_id *roy, ot_id *fatima)
{
    sides s = sides_new(c);
    *roy = person(&s, s.G, "Roy", p_roy);
    *fatima = person(&s, s.W, "Fatima", p_fatima);
    tie(&s, *roy, *fatima);
    return s;
}

static void sides_done(sides *s)
{
    ck_ok(ot_model_check(s->m));
    ot_model_free(s->m);
}

/* Roy (propensity 0.9) and Kees (0.5) of the gemeente, Fatima (0.3) and
 * Bram (0.5) of the waterschap meet one by one. */
START_TEST(a_new_tie_starts_halfway_to_what_its_side_thinks)
{
    sides s = sides_new(NULL);
    ot_id roy = person(&s, s.G, "Roy", 0.9), kees = person(&s, s.G, "Kees", 0.5);
    ot_id fatima = person(&s, s.W, "Fatima", 0.3), bram = person(&s, s.W, "Bram", 0.5);
    /* The first tie between the two: neither side has a view yet, so each
     * is the prior: 0.5 * 0.9 + 0.5 * 0.5 = 0.7 and 0.5 * 0.3 + 0.25 = 0.4. */
    tie(&s, roy, fatima);
    ck_near(trust_of(s.m, roy, fatima), 0.7, 1e-15);
    ck_near(trust_of(s.m, fatima, roy), 0.4, 1e-15);
    /* Kees meets Fatima: the gemeente without Kees thinks 0.7 of the
     * waterschap (Roy's tie): 0.25 + 0.5 * 0.7 = 0.6. The waterschap
     * without Fatima has no view: 0.15 + 0.25 = 0.4. */
    tie(&s, kees, fatima);
    ck_near(trust_of(s.m, kees, fatima), 0.6, 1e-15);
    ck_near(trust_of(s.m, fatima, kees), 0.4, 1e-15);
    /* Colleagues start at their propensities: no organisation lies
     * between them. */
    tie(&s, roy, kees);
    ck_assert(trust_of(s.m, roy, kees) == 0.9);
    ck_assert(trust_of(s.m, kees, roy) == 0.5);
    /* Roy meets Bram: Roy's own view is left out, Kees's 0.6 counts:
     * 0.45 + 0.5 * 0.6 = 0.75. The waterschap without Bram: Fatima's 0.4
     * and 0.4, mean 0.4: 0.25 + 0.2 = 0.45. */
    tie(&s, roy, bram);
    ck_near(trust_of(s.m, roy, bram), 0.75, 1e-15);
    ck_near(trust_of(s.m, bram, roy), 0.45, 1e-15);
    sides_done(&s);
}
END_TEST

/* Fatima of the waterschap worked well with Roy of the gemeente: both
 * trust each other 0.7 (propensities 0.9: 0.45 + 0.25). She leaves on day
 * 0; two years later (730 days, one institutional half-life) Sanne
 * (propensity 0.5) takes over her work with Roy. */
START_TEST(the_successor_starts_from_what_the_organisation_remembers)
{
    ot_id roy, fatima;
    sides s = first_meeting(NULL, 0.9, 0.9, &roy, &fatima);
    ck_near(rep(&s, s.W, s.G, OT_NONE), 0.7, 1e-15);
    /* The memory takes both directions over whole: M_w = 1 and M_wT = 0.7
     * each way, so the reputation stays 0.7. */
    ck_ok(ot_actor_leave(s.m, fatima, 0.0));
    ck_near(rep(&s, s.W, s.G, OT_NONE), 0.7, 1e-15);
    /* Both sums halve in 730 days: 0.35 / 0.5, still 0.7. */
    ck_ok(ot_advance(s.m, 730.0));
    ck_near(rep(&s, s.W, s.G, OT_NONE), 0.7, 1e-15);
    ot_id sanne = person(&s, s.W, "Sanne", 0.5);
    tie(&s, sanne, roy);
    /* Sanne: 0.5 * 0.5 + 0.5 * 0.7 = 0.6, above her own propensity. Roy:
     * the memory is never left out with an actor (his ended tie is the
     * gemeente's memory now): 0.45 + 0.5 * 0.7 = 0.8. */
    ck_near(trust_of(s.m, sanne, roy), 0.6, 1e-15);
    ck_near(trust_of(s.m, roy, sanne), 0.8, 1e-15);
    /* The reputation now counts Sanne beside the memory:
     * (0.6 + 0.35) / (1 + 0.5) = 0.95 / 1.5. */
    ck_near(rep(&s, s.W, s.G, OT_NONE), 0.95 / 1.5, 1e-15);
    sides_done(&s);
}
END_TEST

/* A pair that meets again takes its own remembered state, not a blend:
 * Roy (0.9) and Fatima (0.3) start at 0.7 and 0.4; their tie ends; the new
 * one starts at 0.7 and 0.4 again, where a blend with the memory would
 * give 0.45 + 0.5 * 0.7 = 0.8. */
START_TEST(people_who_meet_again_remember_each_other)
{
    sides s = sides_new(NULL);
    ot_id roy = person(&s, s.G, "Roy", 0.9), fatima = person(&s, s.W, "Fatima", 0.3);
    ot_id first = tie(&s, roy, fatima);
    ck_ok(ot_tie_end(s.m, first, 1.0));
    ot_id again = tie(&s, fatima, roy);
    ck_assert_uint_ne(again, first);
    ck_near(trust_of(s.m, roy, fatima), 0.7, 1e-15);
    ck_near(trust_of(s.m, fatima, roy), 0.4, 1e-15);
    sides_done(&s);
}
END_TEST

/* tau = 0 is model 1 (every tie at its truster's propensity); tau = 1
 * starts a tie at the side's view alone; without memory (half-life <= 0) a
 * successor meets an organisation with no view. */
START_TEST(the_transfer_and_the_memory_are_parameters)
{
    ot_config *c;
    ck_ok(ot_config_new(&c));
    ck_ok(ot_config_set(c, OT_PARAM_TRUST_TRANSFER, 0.0));
    ot_id roy, fatima;
    sides s = first_meeting(c, 0.9, 0.3, &roy, &fatima);
    ck_assert(trust_of(s.m, roy, fatima) == 0.9);
    ck_assert(trust_of(s.m, fatima, roy) == 0.3);
    sides_done(&s);

    ck_ok(ot_config_set(c, OT_PARAM_TRUST_TRANSFER, 1.0));
    ck_ok(ot_config_set(c, OT_PARAM_ORG_PRIOR, 0.25));
    s = first_meeting(c, 0.9, 0.3, &roy, &fatima);
    ck_assert(trust_of(s.m, roy, fatima) == 0.25);
    ck_assert(trust_of(s.m, fatima, roy) == 0.25);
    sides_done(&s);

    /* No memory: Fatima (0.9, so 0.7) leaves and the waterschap's view of
     * the gemeente is the prior again; Sanne starts at 0.25 + 0.25 = 0.5. */
    ck_ok(ot_config_set(c, OT_PARAM_TRUST_TRANSFER, 0.5));
    ck_ok(ot_config_set(c, OT_PARAM_ORG_PRIOR, 0.5));
    ck_ok(ot_config_set(c, OT_PARAM_INSTITUTIONAL_HALF_LIFE, 0.0));
    s = first_meeting(c, 0.9, 0.9, &roy, &fatima);
    ck_ok(ot_actor_leave(s.m, fatima, 0.0));
    ck_assert(rep(&s, s.W, s.G, OT_NONE) == 0.5);
    ot_id sanne = person(&s, s.W, "Sanne", 0.5);
    tie(&s, sanne, roy);
    ck_assert(trust_of(s.m, sanne, roy) == 0.5);
    sides_done(&s);
    ot_config_free(c);
}
END_TEST

/* The start is part of the tie's event: a replay of the kept events (and
 * so a scenario's export and reload) gives the same trust, as the
 * reputation it read is rebuilt in the same order. */
START_TEST(the_start_replays_exactly)
{
    sides s = sides_new(NULL);
    ot_id roy = person(&s, s.G, "Roy", 0.9), kees = person(&s, s.G, "Kees", 0.5);
    ot_id fatima = person(&s, s.W, "Fatima", 0.3);
    tie(&s, roy, fatima);
    ck_ok(ot_observe(s.m, roy, fatima, OT_WENT_BEYOND, 1.0, 3.0));
    ck_ok(ot_actor_leave(s.m, roy, 10.0));
    ck_ok(ot_advance(s.m, 100.0));
    tie(&s, kees, fatima);
    ot_model *at;
    ck_ok(ot_model_at(s.m, 100.0, &at));
    uint64_t a = 0, b = 1;
    ck_ok(ot_model_digest(s.m, &a));
    ck_ok(ot_model_digest(at, &b));
    ck_assert(a == b);
    ck_assert(trust_of(at, kees, fatima) == trust_of(s.m, kees, fatima));
    ot_model_free(at);
    sides_done(&s);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("memory");
    TCase *tc = tcase_create("memory");
    tcase_add_test(tc, a_new_tie_starts_halfway_to_what_its_side_thinks);
    tcase_add_test(tc, the_successor_starts_from_what_the_organisation_remembers);
    tcase_add_test(tc, people_who_meet_again_remember_each_other);
    tcase_add_test(tc, the_transfer_and_the_memory_are_parameters);
    tcase_add_test(tc, the_start_replays_exactly);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return ot_run_suite(suite()); }
