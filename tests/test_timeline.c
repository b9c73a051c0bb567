/* lib/timeline.c: the model as of a day and timelines (docs/model.md,
 * section 16). Every expectation is a model built by hand from the prefix
 * of the story's calls (tests/timeline_story.h), compared by digest, or a
 * value worked out from the formulas in the comment beside it. */
#include "timeline_story.h"

#include <string.h>

/* The story's calls up to day t in a new model, then ot_advance(t) when t
 * is later than the last of them: what ot_model_at() must give. */
static ot_model *prefix_model(const ot_config *c, double t)
{
    ot_model *m;
    ck_ok(ot_model_new(c, &m));
    story_until(m, t);
    double now;
    ck_ok(ot_model_time(m, &now));
    if (t > now)
        ck_ok(ot_advance(m, t));
    return m;
}

static uint64_t digest(const ot_model *m)
{
    uint64_t d = 0;
    ck_ok(ot_model_digest(m, &d));
    return d;
}

static size_t events_of(const ot_model *m)
{
    size_t n = 0;
    ck_ok(ot_model_count(m, OT_EVENTS, &n));
    return n;
}

/* Before, at, between and after the story's events (days 1 .. 90). */
static const double DAYS[] = {-5, 0, 1, 2, 3, 9.5, 10, 12, 20, 25, 30, 31, 40, 45, 60, 61, 90, 365};
#define NDAYS (sizeof DAYS / sizeof DAYS[0])

/* ---- ot_model_at ------------------------------------------------------------ */

START_TEST(the_model_at_a_day_is_the_prefix_of_its_calls)
{
    ot_model *m = story_model(NULL);
    for (size_t k = 0; k < NDAYS; k++) {
        ot_model *at, *ref = prefix_model(NULL, DAYS[k]);
        ck_ok(ot_model_at(m, DAYS[k], &at));
        ck_assert_msg(digest(at) == digest(ref), "day %g: the model differs from its prefix", DAYS[k]);
        ck_assert_uint_eq(events_of(at), events_of(ref));
        ck_ok(ot_model_check(at));
        /* The new model keeps its events: its own past is the same. */
        ot_model *again;
        ck_ok(ot_model_at(at, DAYS[k], &again));
        ck_assert_uint_eq(digest(again), digest(at));
        ot_model_free(again);
        ot_model_free(at);
        ot_model_free(ref);
    }
    ot_model_free(m);
}
END_TEST

/* The clock's move to the day is an event of the new model (an advance):
 * its export loads back to the same state, clock included. */
START_TEST(the_model_at_a_day_exports_as_it_is)
{
    if (!ot_have_jansson())
        return; /* no scenario files in this build */
    ot_model *m = story_model(NULL), *at, *back;
    ck_ok(ot_model_at(m, 365, &at));
    ck_assert_uint_eq(events_of(at), STORY_STEPS + 1); /* the story's steps and the advance */
    char *text = NULL;
    size_t len = 0;
    ck_ok(ot_scenario_export(at, &text, &len));
    ck_ok(ot_scenario_load(text, len, &back));
    double now;
    ck_ok(ot_model_time(back, &now));
    ck_assert(now == 365.0);
    ck_assert_uint_eq(digest(back), digest(at));
    ot_free(text);
    ot_model_free(back);
    ot_model_free(at);
    ot_model_free(m);
}
END_TEST

START_TEST(the_last_day_gives_the_model_itself)
{
    ot_model *m = story_model(NULL), *at;
    ck_ok(ot_model_at(m, 90, &at));
    ck_assert_uint_eq(digest(at), digest(m));
    ck_assert_uint_eq(events_of(at), events_of(m));
    ck_assert_uint_eq(events_of(at), STORY_STEPS);
    ot_model_free(at);
    ot_model_free(m);
}
END_TEST

START_TEST(people_who_joined_later_do_not_exist_yet)
{
    ot_model *m = story_model(NULL), *at;
    /* Kees joined on day 3, and Roy's ties to Kees and to the wethouder
     * were made then: on day 2 there are four actors and two ties. */
    ck_ok(ot_model_at(m, 2, &at));
    size_t n;
    ck_ok(ot_model_count(at, OT_ACTORS, &n));
    ck_assert_uint_eq(n, 4);
    ck_ok(ot_model_count(at, OT_TIES, &n));
    ck_assert_uint_eq(n, 2);
    ck_ok(ot_model_count(at, OT_DISRUPTIONS, &n));
    ck_assert_uint_eq(n, 0);
    ck_assert_ptr_null(ot_actor_name(at, P_KEES));
    double now;
    ck_ok(ot_model_time(at, &now));
    ck_assert(now == 2.0);
    ot_model_free(at);
    ck_ok(ot_model_at(m, 3, &at));
    ck_assert_str_eq(ot_actor_name(at, P_KEES), "Kees");
    ot_model_free(at);
    ot_model_free(m);
}
END_TEST

START_TEST(decayed_values_are_those_of_the_day)
{
    ot_model *m = story_model(NULL), *at;
    ck_ok(ot_model_at(m, 2, &at));
    /* Roy's one kept agreement (integrity r = 1 on day 1) has faded for a
     * day with the 365-day half-life: r = 2^(-1/365), s = 0, so
     * TW = 0.3 * 1/2 + 0.3 * 1/2 + 0.4 * (r + 1) / (r + 2). */
    double r = exp2(-1.0 / 365.0), tw;
    ck_ok(ot_trustworthiness(at, P_ROY, P_FATIMA, &tw));
    ck_near(tw, 0.3 * 0.5 + 0.3 * 0.5 + 0.4 * (r + 1.0) / (r + 2.0), 1e-15);
    ot_model_free(at);
    ot_model_free(m);
}
END_TEST

START_TEST(without_events_there_is_no_past)
{
    ot_config *c;
    ck_ok(ot_config_new(&c));
    ck_ok(ot_config_set(c, OT_PARAM_KEEP_EVENTS, 0));
    ot_model *m = story_model(c), *at = (ot_model *)&at;
    ck_status(ot_model_at(m, 10, &at), OT_ENOTSUP);
    ck_msg_has("keep_events = 0");
    ck_assert_ptr_eq(at, (ot_model *)&at);
    double v = -1;
    ot_probe p = {.what = OT_PROBE_TRUST, .a = P_ROY, .b = P_FATIMA};
    double t = 10;
    ck_status(ot_timeline(m, &p, 1, &t, 1, &v), OT_ENOTSUP);
    ck_assert(v == -1);
    ot_model_free(m);
    ot_config_free(c);
}
END_TEST

START_TEST(bad_arguments_of_model_at)
{
    ot_model *m = story_model(NULL), *at = (ot_model *)&at;
    ot_state before = ot_state_of(m);
    ck_status(ot_model_at(NULL, 1, &at), OT_EINVAL);
    ck_status(ot_model_at(m, 1, NULL), OT_EINVAL);
    ck_msg_has("out");
    ck_status(ot_model_at(m, NAN, &at), OT_EINVAL);
    ck_msg_has("t = nan");
    ck_status(ot_model_at(m, INFINITY, &at), OT_EINVAL);
    ck_assert_ptr_eq(at, (ot_model *)&at);
    ck_unchanged(m, before);
    ot_model_free(m);
}
END_TEST

/* ---- ot_timeline ------------------------------------------------------------- */

/* One probe of every kind, and a few that do not exist at first. */
static const ot_probe PROBES[] = {
    {OT_PROBE_TRUST, 0, P_ROY, P_FATIMA, 0, 0},
    {OT_PROBE_TRUST, 0, P_FATIMA, P_ROY, 0, 0},
    {OT_PROBE_TRUST, 0, P_ROY, P_KEES, 0, 0},
    {OT_PROBE_TRUSTWORTHINESS, 0, P_ROY, P_FATIMA, 0, 0},
    {OT_PROBE_EFFECTIVE_TRUST, 0, P_ROY, P_FATIMA, 0, 0},
    {OT_PROBE_EFFECTIVE_TRUST, 0, P_KEES, P_ROY, 0, 0},
    {OT_PROBE_REPUTATION, 0, O_GEMEENTE, O_WATERSCHAP, OT_NONE, 0},
    {OT_PROBE_REPUTATION, 0, O_GEMEENTE, O_WATERSCHAP, P_ROY, 0},
    {OT_PROBE_REPUTATION, 0, O_WATERSCHAP, O_GEMEENTE, P_KEES, 0},
    {OT_PROBE_BACKING, 0, O_WATERSCHAP, O_GEMEENTE, 0, 0},
    {OT_PROBE_LAYER_TRUST, 0, O_GEMEENTE, O_WATERSCHAP, 0, 0},
    {OT_PROBE_LAYER_TRUST, 1, O_GEMEENTE, O_WATERSCHAP, 0, 0},
    {OT_PROBE_LAYER_TRUST, 2, O_WATERSCHAP, O_GEMEENTE, 0, 0},
    {OT_PROBE_DAMPING, 0, P_ROY, P_FATIMA, 0, 0},
    {OT_PROBE_STANDING, 0, P_WETHOUDER, 0, 0, 0},
    {OT_PROBE_STANDING, 0, P_KEES, 0, 0, 0},
    {OT_PROBE_BRIDGE_GAP, 0, P_ROY, O_WATERSCHAP, 0, 0},
    {OT_PROBE_CEILING, 0, P_FATIMA, P_ROY, 0, 0},
    {OT_PROBE_CEILING, 0, P_KEES, P_ROY, 0, 0},
};
#define NPROBES (sizeof PROBES / sizeof PROBES[0])

/* A probe read the plain way, through the public query of its kind. */
static double query(const ot_model *m, const ot_probe *p)
{
    double v = NAN;
    int rc;
    switch (p->what) {
    case OT_PROBE_TRUST: rc = ot_trust(m, p->a, p->b, &v); break;
    case OT_PROBE_TRUSTWORTHINESS: rc = ot_trustworthiness(m, p->a, p->b, &v); break;
    case OT_PROBE_EFFECTIVE_TRUST: rc = ot_effective_trust(m, p->a, p->b, &v, NULL); break;
    case OT_PROBE_REPUTATION: rc = ot_reputation(m, p->a, p->b, p->c, &v); break;
    case OT_PROBE_BACKING: rc = ot_backing(m, p->a, p->b, &v); break;
    case OT_PROBE_LAYER_TRUST: rc = ot_layer_trust(m, p->a, p->b, p->layer, &v); break;
    case OT_PROBE_DAMPING: rc = ot_damping(m, p->a, p->b, &v); break;
    case OT_PROBE_STANDING: rc = ot_standing(m, p->a, &v); break;
    case OT_PROBE_BRIDGE_GAP: rc = ot_bridge_gap(m, p->a, p->b, &v, NULL); break;
    default: rc = ot_ceiling(m, p->a, p->b, &v); break;
    }
    return rc ? NAN : v;
}

static int same(double a, double b) { return (isnan(a) && isnan(b)) || a == b; }

START_TEST(a_timeline_reads_what_the_model_at_each_day_says)
{
    ot_model *m = story_model(NULL);
    double *out = malloc(NDAYS * NPROBES * sizeof *out);
    ck_ok(ot_timeline(m, PROBES, NPROBES, DAYS, NDAYS, out));
    for (size_t k = 0; k < NDAYS; k++) {
        ot_model *at, *ref = prefix_model(NULL, DAYS[k]);
        ck_ok(ot_model_at(m, DAYS[k], &at));
        for (size_t p = 0; p < NPROBES; p++) {
            double v = out[k * NPROBES + p];
            ck_assert_msg(same(v, query(at, &PROBES[p])), "day %g, probe %zu: %.17g, ot_model_at says %.17g",
                          DAYS[k], p, v, query(at, &PROBES[p]));
            ck_assert_msg(same(v, query(ref, &PROBES[p])), "day %g, probe %zu: %.17g, the prefix says %.17g",
                          DAYS[k], p, v, query(ref, &PROBES[p]));
        }
        ot_model_free(at);
        ot_model_free(ref);
    }
    free(out);
    ot_model_free(m);
}
END_TEST

START_TEST(the_first_days_by_hand)
{
    ot_model *m = story_model(NULL);
    const double days[] = {-5, 1, 2, 3};
    double out[4 * NPROBES];
    ck_ok(ot_timeline(m, PROBES, NPROBES, days, 4, out));
#define AT(k, p) out[(k) * NPROBES + (p)]
    /* Before any event the structure is there: every direction at its
     * truster's propensity (Roy 0.5, Fatima 0.4); Kees does not exist. */
    ck_assert(AT(0, 0) == 0.5);
    ck_assert(AT(0, 1) == 0.4);
    ck_assert(isnan(AT(0, 2)));
    ck_assert(isnan(AT(0, 5)));
    ck_assert(isnan(AT(0, 15)));
    /* Day 1: Roy saw one kept agreement. The climate over his layer-0 tie
     * is the layer-2 trust between the two (0.5 both ways), so
     * D = min(1, 0.5 / 0.5) = 1 and T = 0.5 + (1 - (1 - 0.05)) * 0.5 = 0.525;
     * Fatima's delivery: 0.4 + 0.05 * 0.6 = 0.43. */
    ck_near(AT(1, 0), 0.525, 1e-15);
    ck_near(AT(1, 1), 0.43, 1e-15);
    /* ET(Roy -> Fatima) = min(0.525, rep(G \ Roy -> W) = T(weth -> dijk) =
     * 0.5, backing(W -> G) = T(dijk -> weth) = 0.5) = 0.5. */
    ck_assert(AT(1, 4) == 0.5);
    /* rep(G -> W), both ties of weight 1: (0.525 + 0.5) / 2 = 0.5125;
     * without Roy: 0.5. */
    ck_near(AT(1, 6), 0.5125, 1e-15);
    ck_assert(AT(1, 7) == 0.5);
    /* No tie at layer 1 before Kees: no value; at layer 0 the one tie,
     * both directions: (0.525 + 0.43) / 2 = 0.4775. */
    ck_near(AT(1, 10), 0.4775, 1e-15);
    ck_assert(isnan(AT(1, 11)));
    /* Day 2, nothing new but the clock: trust unchanged, Roy's evidence
     * faded a day: r = 2^(-1/365), TW = 0.15 + 0.15 + 0.4 (r + 1)/(r + 2). */
    double r = exp2(-1.0 / 365.0);
    ck_assert(AT(2, 0) == AT(1, 0));
    ck_near(AT(2, 3), 0.3 + 0.4 * (r + 1.0) / (r + 2.0), 1e-15);
    /* Day 3: Kees is there, Roy -> Kees at Roy's propensity; the layer-1
     * trust is the Roy-Kees tie's two directions at 0.5. */
    ck_assert(AT(3, 2) == 0.5);
    ck_assert(AT(3, 11) == 0.5);
    ck_assert(AT(3, 18) == 1.0);
#undef AT
    ot_model_free(m);
}
END_TEST

START_TEST(equal_times_give_equal_rows)
{
    ot_model *m = story_model(NULL);
    const double days[] = {10, 10, 10.5, 90, 90, 400};
    double out[6 * NPROBES];
    ck_ok(ot_timeline(m, PROBES, NPROBES, days, 6, out));
    for (size_t p = 0; p < NPROBES; p++) {
        ck_assert(same(out[p], out[NPROBES + p]));
        ck_assert(same(out[3 * NPROBES + p], out[4 * NPROBES + p]));
    }
    ot_model_free(m);
}
END_TEST

static void timeline_fails(const ot_model *m, const ot_probe *p, size_t np, const double *t, size_t nt,
                           const char *needle)
{
    double out[64];
    for (size_t i = 0; i < 64; i++)
        out[i] = -7;
    ck_status(ot_timeline(m, p, np, t, nt, out), OT_EINVAL);
    ck_msg_has(needle);
    for (size_t i = 0; i < 64; i++)
        ck_assert(out[i] == -7);
}

START_TEST(malformed_probes_and_times_are_named)
{
    ot_model *m = story_model(NULL);
    ot_state before = ot_state_of(m);
    const double t[] = {1, 5, 3};
    ot_probe p[2] = {{OT_PROBE_TRUST, 0, P_ROY, P_FATIMA, 0, 0}, {OT_PROBE_TRUST, 0, P_ROY, P_FATIMA, 0, 0}};
    timeline_fails(m, p, 2, t, 3, "times[2] = 3 is earlier than times[1] = 5");
    const double tn[] = {1, NAN};
    timeline_fails(m, p, 2, tn, 2, "times[1] = nan");
    timeline_fails(m, p, 0, t, 1, "np = 0");
    timeline_fails(m, p, 1, t, 0, "nt = 0");
    p[1].what = 11;
    timeline_fails(m, p, 2, t, 1, "probes[1].what = 11");
    p[1].what = 0;
    timeline_fails(m, p, 2, t, 1, "probes[1].what = 0");
    p[1] = (ot_probe){OT_PROBE_TRUST, 0, P_ROY, P_FATIMA, 0, 9};
    timeline_fails(m, p, 2, t, 1, "probes[1].reserved = 9");
    p[1] = (ot_probe){OT_PROBE_TRUST, 0, P_ROY, 17, 0, 0};
    timeline_fails(m, p, 2, t, 1, "probes[1].b = 17 is not an actor");
    p[1] = (ot_probe){OT_PROBE_DAMPING, 0, P_ROY, P_ROY, 0, 0};
    timeline_fails(m, p, 2, t, 1, "names 1 as both a and b");
    p[1] = (ot_probe){OT_PROBE_REPUTATION, 0, O_GEMEENTE, 5, 0, 0};
    timeline_fails(m, p, 2, t, 1, "probes[1].b = 5 is not an organisation");
    p[1] = (ot_probe){OT_PROBE_REPUTATION, 0, O_GEMEENTE, O_WATERSCHAP, 99, 0};
    timeline_fails(m, p, 2, t, 1, "probes[1].c = 99 is not an actor");
    p[1] = (ot_probe){OT_PROBE_BACKING, 0, O_GEMEENTE, O_GEMEENTE, 0, 0};
    timeline_fails(m, p, 2, t, 1, "names 0 as both a and b");
    p[1] = (ot_probe){OT_PROBE_LAYER_TRUST, 3, O_GEMEENTE, O_WATERSCHAP, 0, 0};
    timeline_fails(m, p, 2, t, 1, "layer = 3 does not exist");
    p[1] = (ot_probe){OT_PROBE_TRUST, 1, P_ROY, P_FATIMA, 0, 0};
    timeline_fails(m, p, 2, t, 1, "layer = 1 must be 0");
    timeline_fails(m, NULL, 1, t, 1, "probes is NULL");
    timeline_fails(m, p, 1, NULL, 1, "times is NULL");
    ck_status(ot_timeline(m, p, 1, t, 1, NULL), OT_EINVAL);
    ck_status(ot_timeline(NULL, p, 1, t, 1, NULL), OT_EINVAL);
    ck_unchanged(m, before);
    ot_model_free(m);
}
END_TEST

START_TEST(overlapping_organisations_are_no_pair)
{
    ot_model *m = story_model(NULL);
    ot_id dept = mk_org(m, "Ruimtelijke ordening", O_GEMEENTE);
    const double t = 1;
    ot_probe p = {OT_PROBE_REPUTATION, 0, O_GEMEENTE, dept, OT_NONE, 0};
    timeline_fails(m, &p, 1, &t, 1, "overlap");
    /* Roy's own organisation is no bridge: NaN at that time, not an error
     * (an actor may change organisation over time). */
    p = (ot_probe){OT_PROBE_BRIDGE_GAP, 0, P_ROY, O_GEMEENTE, 0, 0};
    double v = 0;
    ck_ok(ot_timeline(m, &p, 1, &t, 1, &v));
    ck_assert(isnan(v));
    ot_model_free(m);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("timeline");
    TCase *tc = tcase_create("model at");
    tcase_add_test(tc, the_model_at_a_day_is_the_prefix_of_its_calls);
    tcase_add_test(tc, the_last_day_gives_the_model_itself);
    tcase_add_test(tc, the_model_at_a_day_exports_as_it_is);
    tcase_add_test(tc, people_who_joined_later_do_not_exist_yet);
    tcase_add_test(tc, decayed_values_are_those_of_the_day);
    tcase_add_test(tc, without_events_there_is_no_past);
    tcase_add_test(tc, bad_arguments_of_model_at);
    suite_add_tcase(s, tc);
    tc = tcase_create("timeline");
    tcase_add_test(tc, a_timeline_reads_what_the_model_at_each_day_says);
    tcase_add_test(tc, the_first_days_by_hand);
    tcase_add_test(tc, equal_times_give_equal_rows);
    tcase_add_test(tc, malformed_probes_and_times_are_named);
    tcase_add_test(tc, overlapping_organisations_are_no_pair);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return ot_run_suite(suite()); }
