/* lib/config.c: every parameter of docs/model.md with its default (section 9),
 * its range, the layers, and the allocator hook (lib/alloc.c) that may only
 * change while no configuration or model exists. */
#include "world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The defaults, one per ot_param value, as the numbers stand in docs/model.md
 * and the header. */
static const struct {
    int param;
    int value; /* the enum value the header fixes */
    const char *name;
    double def;
} DEFAULTS[] = {
    {OT_PARAM_GAIN_RATE, 1, "gain_rate", 0.05},                    /* g = 0.05, section 2 */
    {OT_PARAM_LOSS_RATE, 2, "loss_rate", 0.25},                    /* l = 0.25 */
    {OT_PARAM_DARK_SIDE, 3, "dark_side", 0.9},                     /* k = 0.9 */
    {OT_PARAM_EVIDENCE_HALF_LIFE, 4, "evidence_half_life", 365.0}, /* H = 365 days */
    {OT_PARAM_WEIGHT_ABILITY, 5, "weight_ability", 0.3},
    {OT_PARAM_WEIGHT_BENEVOLENCE, 6, "weight_benevolence", 0.3},
    {OT_PARAM_WEIGHT_INTEGRITY, 7, "weight_integrity", 0.4},
    {OT_PARAM_PROPENSITY, 8, "propensity", 0.5},                   /* p default 0.5, section 1 */
    {OT_PARAM_CLIMATE_THRESHOLD, 9, "climate_threshold", 0.5},     /* theta_c, section 3 */
    {OT_PARAM_DISRUPTED_GAIN, 10, "disrupted_gain", 0.5},          /* "multiply its D by 0.5" */
    {OT_PARAM_ORG_PRIOR, 11, "org_prior", 0.5},                    /* section 4 */
    {OT_PARAM_BRIDGE_GAP, 12, "bridge_gap", 0.25},                 /* "a gap >= 0.25" */
    {OT_PARAM_SEPARATION, 13, "separation", 0.8},                  /* sigma, section 5 */
    {OT_PARAM_DISRUPTION_WEIGHT, 14, "disruption_weight", 2.0},    /* "magnitude 2*s" */
    {OT_PARAM_REPAIR_FRACTION, 15, "repair_fraction", 0.6},        /* f0 */
    {OT_PARAM_REPAIR_HALF_LIFE, 16, "repair_half_life", 30.0},     /* H_r = 30 days */
    {OT_PARAM_ESCALATION_FRACTION, 17, "escalation_fraction", 0.9}, /* f_esc */
    {OT_PARAM_ESCALATION_THRESHOLD, 18, "escalation_threshold", 0.6}, /* theta_esc, section 6 */
    {OT_PARAM_DARK_SIDE_GAP, 19, "dark_side_gap", 0.25},           /* T - TW >= 0.25, section 7 */
    {OT_PARAM_DARK_SIDE_MIN_EVIDENCE, 20, "dark_side_min_evidence", 5.0}, /* R + S >= 5 */
    {OT_PARAM_COOP_TAU0, 21, "coop_tau0", 0.2},
    {OT_PARAM_COOP_TAU1, 22, "coop_tau1", 0.6},
    {OT_PARAM_COOP_RELIABILITY, 23, "coop_reliability", 0.6},      /* TW >= 0.6 */
    {OT_PARAM_COOP_MAX_UNCERTAINTY, 24, "coop_max_uncertainty", 0.5}, /* U <= 0.5 */
    {OT_PARAM_CONSULT_MAGNITUDE, 25, "consult_magnitude", 0.5},    /* section 8 */
    {OT_PARAM_RULE_MAGNITUDE, 26, "rule_magnitude", 0.5},
    {OT_PARAM_UNILATERAL_MAGNITUDE, 27, "unilateral_magnitude", 1.0}, /* section 5 */
    {OT_PARAM_FAILED_ESCALATION_MAGNITUDE, 28, "failed_escalation_magnitude", 0.5},
    {OT_PARAM_KEEP_EVENTS, 29, "keep_events", 1.0},                /* the header: default 1 */
    /* Model version 2 (docs/model.md sections 11-13; the header's values). */
    {OT_PARAM_SCAR_RATE, 30, "scar_rate", 0.5},                    /* mu, section 11 */
    {OT_PARAM_SCAR_HALF_LIFE, 31, "scar_half_life", 365.0},        /* H_s = 365 days */
    {OT_PARAM_DECEPTION_SCAR, 32, "deception_scar", 0.25},         /* mu_d */
    {OT_PARAM_DECEPTION_HALF_LIFE, 33, "deception_half_life", INFINITY}, /* never heals */
    {OT_PARAM_APOLOGY_TASK, 34, "apology_task", 0.5},              /* section 12 */
    {OT_PARAM_APOLOGY_RELATIONAL, 35, "apology_relational", 0.1},
    {OT_PARAM_DENIAL_TASK, 36, "denial_task", 0.1},
    {OT_PARAM_DENIAL_RELATIONAL, 37, "denial_relational", 0.4},
    {OT_PARAM_PROMISE_BOOST, 38, "promise_boost", 1.0},            /* pi */
    {OT_PARAM_PROMISE_WINDOW, 39, "promise_window", 30.0},         /* W_p = 30 days */
    {OT_PARAM_INNOCENT_DENIED, 40, "innocent_denied", 0.8},
    {OT_PARAM_INNOCENT_APOLOGISED, 41, "innocent_apologised", 0.3},
    {OT_PARAM_INNOCENT_RETICENT, 42, "innocent_reticent", 0.6},
    {OT_PARAM_TRUST_TRANSFER, 43, "trust_transfer", 0.5},          /* tau, section 13 */
    {OT_PARAM_INSTITUTIONAL_HALF_LIFE, 44, "institutional_half_life", 730.0}, /* H_inst = 730 days */
};
#define NPARAM ((int)(sizeof DEFAULTS / sizeof DEFAULTS[0]))

static double get(const ot_config *c, int param)
{
    double v = NAN;
    ck_ok(ot_config_get(c, param, &v));
    return v;
}

static double model_param(const ot_model *m, int param)
{
    double v = NAN;
    ck_ok(ot_model_param(m, param, &v));
    return v;
}

/* Every value of a configuration, bit for bit, and its layer count: what a
 * refused call must leave alone. */
typedef struct config_state {
    double p[NPARAM];
} config_state;

static config_state config_state_of(const ot_config *c)
{
    config_state s;
    for (int i = 0; i < NPARAM; i++)
        s.p[i] = get(c, DEFAULTS[i].param);
    return s;
}

static void ck_config_unchanged(const ot_config *c, config_state before)
{
    config_state now = config_state_of(c);
    for (int i = 0; i < NPARAM; i++)
        ck_assert_msg(memcmp(&now.p[i], &before.p[i], sizeof(double)) == 0, "%s changed from %.17g to %.17g",
                      DEFAULTS[i].name, before.p[i], now.p[i]);
}

START_TEST(there_are_44_parameters_numbered_from_1)
{
    ck_assert_int_eq(NPARAM, 44);
    for (int i = 0; i < NPARAM; i++)
        ck_assert_int_eq(DEFAULTS[i].param, DEFAULTS[i].value);
    ot_config *c;
    ck_ok(ot_config_new(&c));
    double v = 7.0;
    ck_status(ot_config_get(c, 0, &v), OT_EINVAL);
    ck_msg_has("param = 0");
    ck_status(ot_config_get(c, NPARAM + 1, &v), OT_EINVAL);
    ck_msg_has("param = 45");
    ck_assert(v == 7.0); /* written only on success */
    ot_config_free(c);
}
END_TEST

START_TEST(defaults_are_those_of_the_model)
{
    ot_config *c;
    ck_ok(ot_config_new(&c));
    ot_model *m, *d;
    ck_ok(ot_model_new(c, &m));
    ck_ok(ot_model_new(NULL, &d)); /* NULL means the defaults */
    for (int i = 0; i < NPARAM; i++) {
        ck_assert_msg(get(c, DEFAULTS[i].param) == DEFAULTS[i].def, "config %s", DEFAULTS[i].name);
        ck_assert_msg(model_param(m, DEFAULTS[i].param) == DEFAULTS[i].def, "model %s", DEFAULTS[i].name);
        ck_assert_msg(model_param(d, DEFAULTS[i].param) == DEFAULTS[i].def, "default model %s", DEFAULTS[i].name);
    }
    /* L = 3: operational, managerial, administrative (section 1). */
    unsigned n = 0;
    ck_ok(ot_model_layers(d, &n));
    ck_assert_uint_eq(n, 3);
    ck_assert_str_eq(ot_layer_name(d, 0), "operational");
    ck_assert_str_eq(ot_layer_name(d, 1), "managerial");
    ck_assert_str_eq(ot_layer_name(d, 2), "administrative");
    ck_assert_ptr_null(ot_layer_name(d, 3));
    ck_assert_ptr_null(ot_layer_name(NULL, 0));
    ot_model_free(m);
    ot_model_free(d);
    ot_config_free(c);
}
END_TEST

/* One value a parameter must refuse, and one edge it must take. */
typedef struct range_case {
    int param;
    double bad;
    const char *shown; /* how the message prints the bad value */
    double edge;
} range_case;

static const range_case RANGES[] = {
    /* [0, 1] */
    {OT_PARAM_GAIN_RATE, 1.5, "gain_rate = 1.5", 1.0},
    {OT_PARAM_GAIN_RATE, -0.25, "gain_rate = -0.25", 0.0},
    {OT_PARAM_LOSS_RATE, 1.25, "loss_rate = 1.25", 1.0},
    {OT_PARAM_DARK_SIDE, -1.0, "dark_side = -1", 0.0},
    {OT_PARAM_WEIGHT_ABILITY, 2.0, "weight_ability = 2", 1.0},
    {OT_PARAM_WEIGHT_BENEVOLENCE, -0.5, "weight_benevolence = -0.5", 0.0},
    {OT_PARAM_WEIGHT_INTEGRITY, 1.125, "weight_integrity = 1.125", 1.0},
    {OT_PARAM_PROPENSITY, 1.0625, "propensity = 1.0625", 1.0},
    {OT_PARAM_DISRUPTED_GAIN, -0.125, "disrupted_gain = -0.125", 0.0},
    {OT_PARAM_ORG_PRIOR, 3.0, "org_prior = 3", 1.0},
    {OT_PARAM_BRIDGE_GAP, -0.75, "bridge_gap = -0.75", 0.0},
    {OT_PARAM_SEPARATION, 1.5, "separation = 1.5", 1.0},
    {OT_PARAM_REPAIR_FRACTION, -2.0, "repair_fraction = -2", 0.0},
    {OT_PARAM_ESCALATION_FRACTION, 1.5, "escalation_fraction = 1.5", 1.0},
    {OT_PARAM_ESCALATION_THRESHOLD, -0.5, "escalation_threshold = -0.5", 0.0},
    {OT_PARAM_DARK_SIDE_GAP, 1.5, "dark_side_gap = 1.5", 1.0},
    {OT_PARAM_COOP_TAU0, -0.5, "coop_tau0 = -0.5", 0.0},
    {OT_PARAM_COOP_TAU1, 1.5, "coop_tau1 = 1.5", 1.0},
    {OT_PARAM_COOP_RELIABILITY, 4.0, "coop_reliability = 4", 1.0},
    {OT_PARAM_COOP_MAX_UNCERTAINTY, -0.0625, "coop_max_uncertainty = -0.0625", 0.0},
    {OT_PARAM_GAIN_RATE, INFINITY, "gain_rate = inf", 0.5},
    /* (0, 1]: a zero threshold would divide by zero */
    {OT_PARAM_CLIMATE_THRESHOLD, 0.0, "climate_threshold = 0", 1.0},
    {OT_PARAM_CLIMATE_THRESHOLD, 1.5, "climate_threshold = 1.5", 1e-9},
    /* [0, 10]: evidence magnitudes */
    {OT_PARAM_DISRUPTION_WEIGHT, 10.5, "disruption_weight = 10.5", 10.0},
    {OT_PARAM_CONSULT_MAGNITUDE, -0.5, "consult_magnitude = -0.5", 0.0},
    {OT_PARAM_RULE_MAGNITUDE, 11.0, "rule_magnitude = 11", 10.0},
    {OT_PARAM_UNILATERAL_MAGNITUDE, -1.0, "unilateral_magnitude = -1", 0.0},
    {OT_PARAM_FAILED_ESCALATION_MAGNITUDE, 20.0, "failed_escalation_magnitude = 20", 10.0},
    /* finite, >= 0 */
    {OT_PARAM_DARK_SIDE_MIN_EVIDENCE, -1.0, "dark_side_min_evidence = -1", 0.0},
    {OT_PARAM_DARK_SIDE_MIN_EVIDENCE, INFINITY, "dark_side_min_evidence = inf", 1e6},
    /* 0 or 1 */
    {OT_PARAM_KEEP_EVENTS, 0.5, "keep_events = 0.5", 0.0},
    {OT_PARAM_KEEP_EVENTS, 2.0, "keep_events = 2", 1.0},
    /* model version 2: [0, 1) for the scar rates (a rate of 1 would scar to
     * the bottom at once: (1 - mu*u)^x = 0), [0, 1] for the fractions */
    {OT_PARAM_SCAR_RATE, 1.0, "scar_rate = 1", 0.0},
    {OT_PARAM_SCAR_RATE, -0.5, "scar_rate = -0.5", 0.999},
    {OT_PARAM_DECEPTION_SCAR, 1.0, "deception_scar = 1", 0.0},
    {OT_PARAM_APOLOGY_TASK, 1.5, "apology_task = 1.5", 1.0},
    {OT_PARAM_APOLOGY_RELATIONAL, -0.5, "apology_relational = -0.5", 0.0},
    {OT_PARAM_DENIAL_TASK, 2.0, "denial_task = 2", 1.0},
    {OT_PARAM_DENIAL_RELATIONAL, -1.0, "denial_relational = -1", 0.0},
    {OT_PARAM_PROMISE_BOOST, 10.5, "promise_boost = 10.5", 10.0},
    {OT_PARAM_INNOCENT_DENIED, 1.5, "innocent_denied = 1.5", 1.0},
    {OT_PARAM_INNOCENT_APOLOGISED, -0.25, "innocent_apologised = -0.25", 0.0},
    {OT_PARAM_INNOCENT_RETICENT, 1.25, "innocent_reticent = 1.25", 1.0},
    {OT_PARAM_TRUST_TRANSFER, 1.5, "trust_transfer = 1.5", 0.0},
    /* a promise lasts some time: > 0 days */
    {OT_PARAM_PROMISE_WINDOW, 0.0, "promise_window = 0", 1e-9},
    {OT_PARAM_PROMISE_WINDOW, -30.0, "promise_window = -30", INFINITY},
};

/* ot_param_info() describes every parameter as the table above and the
 * ranges above say, and only the model-2 rates that change version-1 calls
 * have a model-1 value other than their default (docs/model.md, "Files keep
 * their meaning"): a scenario without "model" gets those. */
START_TEST(param_info_describes_every_parameter)
{
    for (int i = 0; i < NPARAM; i++) {
        const char *name = NULL;
        double def = NAN, lo = NAN, hi = NAN;
        ck_ok(ot_param_info(DEFAULTS[i].param, &name, &def, &lo, &hi));
        ck_assert_str_eq(name, DEFAULTS[i].name);
        ck_assert_msg(memcmp(&def, &DEFAULTS[i].def, sizeof def) == 0, "%s default", name);
        ck_assert_msg(lo <= def && def <= hi, "%s: default %g outside [%g, %g]", name, def, lo, hi);
        ck_ok(ot_param_info(DEFAULTS[i].param, NULL, NULL, NULL, NULL)); /* every out may be NULL */
    }
    double lo, hi;
    ck_ok(ot_param_info(OT_PARAM_SCAR_RATE, NULL, NULL, &lo, &hi));
    ck_assert(lo == 0.0 && hi == 1.0);
    ck_ok(ot_param_info(OT_PARAM_EVIDENCE_HALF_LIFE, NULL, NULL, &lo, &hi));
    ck_assert(lo == -INFINITY && hi == INFINITY);
    ck_ok(ot_param_info(OT_PARAM_DISRUPTION_WEIGHT, NULL, NULL, &lo, &hi));
    ck_assert(lo == 0.0 && hi == 10.0);
    const char *name = "unchanged";
    ck_status(ot_param_info(0, &name, NULL, NULL, NULL), OT_EINVAL);
    ck_msg_has("param = 0");
    ck_status(ot_param_info(NPARAM + 1, &name, NULL, NULL, NULL), OT_EINVAL);
    ck_assert_str_eq(name, "unchanged");
}
END_TEST

START_TEST(out_of_range_values_are_refused_by_name)
{
    const range_case *rc = &RANGES[_i];
    ot_config *c;
    ck_ok(ot_config_new(&c));
    config_state before = config_state_of(c);
    ck_status(ot_config_set(c, rc->param, rc->bad), OT_EINVAL);
    ck_msg_has("ot_config_set");
    ck_msg_has(rc->shown);
    ck_config_unchanged(c, before);
    /* The edge is inside the range and reads back exactly. */
    ck_ok(ot_config_set(c, rc->param, rc->edge));
    ck_assert(memcmp(&(double){get(c, rc->param)}, &rc->edge, sizeof(double)) == 0);
    ot_config_free(c);
}
END_TEST

START_TEST(nan_is_refused_for_every_parameter)
{
    ot_config *c;
    ck_ok(ot_config_new(&c));
    config_state before = config_state_of(c);
    for (int i = 0; i < NPARAM; i++) {
        ck_status(ot_config_set(c, DEFAULTS[i].param, NAN), OT_EINVAL);
        char want[64];
        snprintf(want, sizeof want, "%s = NaN", DEFAULTS[i].name);
        ck_msg_has(want);
    }
    ck_config_unchanged(c, before);
    ot_config_free(c);
}
END_TEST

START_TEST(half_life_takes_zero_negative_and_infinity)
{
    /* "H <= 0 or infinite: no decay": all of these are valid settings. */
    const double ok[] = {0.0, -0.0, -365.0, INFINITY, -INFINITY, 1e-300, 1e300};
    ot_config *c;
    ck_ok(ot_config_new(&c));
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        ck_ok(ot_config_set(c, OT_PARAM_EVIDENCE_HALF_LIFE, ok[i]));
        ck_ok(ot_config_set(c, OT_PARAM_REPAIR_HALF_LIFE, ok[i]));
        ot_model *m;
        ck_ok(ot_model_new(c, &m));
        ck_assert(model_param(m, OT_PARAM_EVIDENCE_HALF_LIFE) == ok[i]);
        ot_model_free(m);
    }
    ot_config_free(c);
}
END_TEST

START_TEST(unknown_parameters_and_null_arguments)
{
    ot_config *c;
    ck_ok(ot_config_new(&c));
    config_state before = config_state_of(c);
    ck_status(ot_config_set(c, 0, 0.5), OT_EINVAL);
    ck_msg_has("param = 0");
    ck_status(ot_config_set(c, NPARAM + 1, 0.5), OT_EINVAL);
    ck_msg_has("param = 45");
    ck_status(ot_config_set(c, -3, 0.5), OT_EINVAL);
    ck_msg_has("param = -3");
    ck_status(ot_config_set(NULL, OT_PARAM_GAIN_RATE, 0.5), OT_EINVAL);
    ck_msg_has("c is NULL");
    ck_status(ot_config_get(NULL, OT_PARAM_GAIN_RATE, &(double){0}), OT_EINVAL);
    ck_msg_has("c is NULL");
    ck_status(ot_config_get(c, OT_PARAM_GAIN_RATE, NULL), OT_EINVAL);
    ck_msg_has("v is NULL");
    ck_status(ot_config_new(NULL), OT_EINVAL);
    ck_msg_has("out is NULL");
    ck_status(ot_model_new(c, NULL), OT_EINVAL);
    ck_msg_has("out is NULL");
    ck_status(ot_config_set_layers(NULL, 3, NULL), OT_EINVAL);
    ck_msg_has("c is NULL");
    ck_config_unchanged(c, before);
    ot_config_free(c);
    ot_config_free(NULL); /* NULL is fine */
    ot_model_free(NULL);
}
END_TEST

/* The layers of a model made from c: count and names. */
static void ck_layers(const ot_config *c, unsigned n, const char *const *names)
{
    ot_model *m;
    ck_ok(ot_model_new(c, &m));
    unsigned got = 0;
    ck_ok(ot_model_layers(m, &got));
    ck_assert_uint_eq(got, n);
    for (unsigned i = 0; i < n; i++)
        ck_assert_str_eq(ot_layer_name(m, i), names[i]);
    ck_assert_ptr_null(ot_layer_name(m, n));
    ot_model_free(m);
}

static const char *const DEFAULT_NAMES[8] = {"operational", "managerial", "administrative", "layer3",
                                             "layer4",      "layer5",     "layer6",         "layer7"};

START_TEST(layers_one_to_eight_with_default_names)
{
    ot_config *c;
    ck_ok(ot_config_new(&c));
    for (unsigned n = 1; n <= 8; n++) {
        ck_ok(ot_config_set_layers(c, n, NULL));
        ck_layers(c, n, DEFAULT_NAMES);
    }
    ot_config_free(c);
}
END_TEST

START_TEST(layers_take_names_and_null_entries)
{
    ot_config *c;
    ck_ok(ot_config_new(&c));
    char buf[16];
    strcpy(buf, "uitvoering");
    const char *names[4] = {buf, NULL, "bestuur", "Europa \xe2\x82\xac"};
    ck_ok(ot_config_set_layers(c, 4, names));
    strcpy(buf, "changed"); /* the names were copied */
    const char *want[4] = {"uitvoering", "managerial", "bestuur", "Europa \xe2\x82\xac"};
    ck_layers(c, 4, want);
    /* The model copied the configuration: changing it afterwards changes
     * no model made before. */
    ot_model *m;
    ck_ok(ot_model_new(c, &m));
    ck_ok(ot_config_set_layers(c, 2, NULL));
    ck_ok(ot_config_set(c, OT_PARAM_GAIN_RATE, 0.125));
    unsigned n = 0;
    ck_ok(ot_model_layers(m, &n));
    ck_assert_uint_eq(n, 4);
    ck_assert_str_eq(ot_layer_name(m, 0), "uitvoering");
    ck_assert(model_param(m, OT_PARAM_GAIN_RATE) == 0.05);
    ot_model_free(m);
    ot_config_free(c);
}
END_TEST

START_TEST(bad_layers_are_refused_and_change_nothing)
{
    ot_config *c;
    ck_ok(ot_config_new(&c));
    const char *mine[2] = {"werkvloer", "top"};
    ck_ok(ot_config_set_layers(c, 2, mine));
    ck_status(ot_config_set_layers(c, 0, NULL), OT_EINVAL);
    ck_msg_has("n = 0");
    ck_status(ot_config_set_layers(c, 9, NULL), OT_EINVAL);
    ck_msg_has("n = 9");
    const char *dup[3] = {"a", "b", "a"};
    ck_status(ot_config_set_layers(c, 3, dup), OT_EINVAL);
    ck_msg_has("names[2] = \"a\" repeats names[0]");
    /* A NULL entry takes its default name, which may repeat a given one. */
    const char *dup_default[2] = {"managerial", NULL};
    ck_status(ot_config_set_layers(c, 2, dup_default), OT_EINVAL);
    ck_msg_has("names[1]");
    const char *empty[2] = {"x", ""};
    ck_status(ot_config_set_layers(c, 2, empty), OT_EINVAL);
    ck_msg_has("names[1] is empty");
    const char *bad_utf8[1] = {"\xc3\x28"};
    ck_status(ot_config_set_layers(c, 1, bad_utf8), OT_EINVAL);
    ck_msg_has("names[0]");
    char longname[300];
    memset(longname, 'x', 256);
    longname[256] = '\0'; /* 256 bytes: one more than 255 */
    const char *too_long[1] = {longname};
    ck_status(ot_config_set_layers(c, 1, too_long), OT_EINVAL);
    ck_msg_has("names[0]");
    longname[255] = '\0'; /* 255 bytes are fine */
    ot_config *c2;
    ck_ok(ot_config_new(&c2));
    ck_ok(ot_config_set_layers(c2, 1, too_long));
    ot_config_free(c2);
    /* Every refusal left the two layers as they were. */
    ck_layers(c, 2, mine);
    ot_config_free(c);
}
END_TEST

START_TEST(weights_must_sum_to_one)
{
    ot_config *c;
    ck_ok(ot_config_new(&c));
    ck_ok(ot_config_set(c, OT_PARAM_WEIGHT_ABILITY, 0.5)); /* 0.5 + 0.3 + 0.4 = 1.2 */
    static char dummy;
    ot_model *const sentinel = (ot_model *)&dummy; /* must not be overwritten */
    ot_model *m = sentinel;
    ck_status(ot_model_new(c, &m), OT_EINVAL);
    ck_assert_ptr_eq(m, sentinel);
    ck_msg_has("ot_model_new");
    ck_msg_has("weight_ability");
    ck_msg_has("weight_benevolence");
    ck_msg_has("weight_integrity");
    ck_msg_has("1.2");
    /* 0.5 + 0.1 + 0.4 = 1 */
    ck_ok(ot_config_set(c, OT_PARAM_WEIGHT_BENEVOLENCE, 0.1));
    ck_ok(ot_model_new(c, &m));
    ot_model_free(m);
    /* All weight on one dimension: 1 + 0 + 0. */
    ck_ok(ot_config_set(c, OT_PARAM_WEIGHT_ABILITY, 1.0));
    ck_ok(ot_config_set(c, OT_PARAM_WEIGHT_BENEVOLENCE, 0.0));
    ck_ok(ot_config_set(c, OT_PARAM_WEIGHT_INTEGRITY, 0.0));
    ck_ok(ot_model_new(c, &m));
    ot_model_free(m);
    /* Too little: 0 + 0 + 0.5 = 0.5. */
    ck_ok(ot_config_set(c, OT_PARAM_WEIGHT_ABILITY, 0.0));
    ck_ok(ot_config_set(c, OT_PARAM_WEIGHT_INTEGRITY, 0.5));
    ck_status(ot_model_new(c, &m), OT_EINVAL);
    ck_msg_has("sum to 1");
    /* Nearly 1 is not 1: 0.3 + 0.3 + 0.41 = 1.01. */
    ck_ok(ot_config_set(c, OT_PARAM_WEIGHT_ABILITY, 0.3));
    ck_ok(ot_config_set(c, OT_PARAM_WEIGHT_BENEVOLENCE, 0.3));
    ck_ok(ot_config_set(c, OT_PARAM_WEIGHT_INTEGRITY, 0.41));
    ck_status(ot_model_new(c, &m), OT_EINVAL);
    ot_config_free(c);
}
END_TEST

START_TEST(model_param_reads_back_every_value)
{
    /* A distinct valid value for every parameter; the weights sum to
     * 0.25 + 0.25 + 0.5 = 1. */
    const double v[NPARAM] = {0.125, 0.375, 0.625, 100.0, 0.25, 0.25, 0.5, 0.75, 0.875, 0.0625,
                              0.4375, 0.3125, 0.6875, 3.0, 0.5625, 7.0, 0.8125, 0.9375, 0.1875, 2.5,
                              0.15625, 0.34375, 0.71875, 0.40625, 1.5, 2.25, 4.5, 6.75, 0.0,
                              /* model version 2 */
                              0.46875, 90.0, 0.53125, 5000.0, 0.21875, 0.28125, 0.78125, 0.84375, 2.75,
                              12.5, 0.90625, 0.09375, 0.96875, 0.03125, 1000.0};
    ot_config *c;
    ck_ok(ot_config_new(&c));
    for (int i = 0; i < NPARAM; i++)
        ck_ok(ot_config_set(c, DEFAULTS[i].param, v[i]));
    ot_model *m;
    ck_ok(ot_model_new(c, &m));
    for (int i = 0; i < NPARAM; i++) {
        ck_assert_msg(get(c, DEFAULTS[i].param) == v[i], "config %s", DEFAULTS[i].name);
        ck_assert_msg(model_param(m, DEFAULTS[i].param) == v[i], "model %s", DEFAULTS[i].name);
    }
    /* keep_events = 0: no event is kept. */
    ot_id org;
    ck_ok(ot_org_add(m, "Gemeente", OT_NONE, &org));
    size_t n = 99;
    ck_ok(ot_model_count(m, OT_EVENTS, &n));
    ck_assert_uint_eq(n, 0);
    double x = 7.0;
    ck_status(ot_model_param(m, 0, &x), OT_EINVAL);
    ck_msg_has("param = 0");
    ck_status(ot_model_param(m, NPARAM + 1, &x), OT_EINVAL);
    ck_msg_has("param = 45");
    ck_status(ot_model_param(m, OT_PARAM_GAIN_RATE, NULL), OT_EINVAL);
    ck_msg_has("v is NULL");
    ck_status(ot_model_param(NULL, OT_PARAM_GAIN_RATE, &x), OT_EINVAL);
    ck_msg_has("m is NULL");
    ck_assert(x == 7.0);
    ot_model_free(m);
    ot_config_free(c);
}
END_TEST

/* ---- the allocator hook ------------------------------------------------ */

START_TEST(allocator_routes_every_allocation)
{
    reset_counts();
    ck_ok(ot_set_allocator(count_malloc, count_realloc, count_free));
    ot_config *c;
    ck_ok(ot_config_new(&c));
    ot_model *m;
    ck_ok(ot_model_new(c, &m));
    ck_ok(ot_org_add(m, "Gemeente", OT_NONE, NULL));
    ck_assert(n_malloc + n_realloc > 0);
    ot_model_free(m);
    ot_config_free(c);
    ck_assert(n_free > 0);
    ck_ok(ot_set_allocator(NULL, NULL, NULL)); /* back to the C library's */
    long before = n_malloc;
    ck_ok(ot_config_new(&c));
    ck_assert_int_eq(n_malloc, before);
    ot_config_free(c);
}
END_TEST

START_TEST(allocator_refuses_while_anything_lives)
{
    reset_counts();
    ot_config *c;
    ck_ok(ot_config_new(&c));
    ck_status(ot_set_allocator(count_malloc, count_realloc, count_free), OT_ESTATE);
    ck_msg_has("1 configuration(s) or model(s)");
    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    ck_status(ot_set_allocator(count_malloc, count_realloc, count_free), OT_ESTATE);
    ck_msg_has("2 configuration(s) or model(s)");
    ot_config_free(c);
    ck_status(ot_set_allocator(NULL, NULL, NULL), OT_ESTATE);
    ot_model_free(m);
    /* The refused hook was never installed. */
    ck_ok(ot_config_new(&c));
    ck_assert_int_eq(n_malloc + n_realloc, 0);
    ot_config_free(c);
}
END_TEST

START_TEST(allocator_wants_all_three_or_none)
{
    reset_counts();
    ck_status(ot_set_allocator(count_malloc, NULL, NULL), OT_EINVAL);
    ck_msg_has("2 of 3 are NULL");
    ck_status(ot_set_allocator(count_malloc, count_realloc, NULL), OT_EINVAL);
    ck_msg_has("1 of 3 are NULL");
    ck_status(ot_set_allocator(NULL, count_realloc, count_free), OT_EINVAL);
    ck_msg_has("1 of 3 are NULL");
    ot_config *c;
    ck_ok(ot_config_new(&c));
    ck_assert_int_eq(n_malloc + n_realloc, 0);
    ot_config_free(c);
}
END_TEST

START_TEST(out_of_memory_changes_no_configuration)
{
    reset_counts();
    ck_ok(ot_set_allocator(count_malloc, count_realloc, count_free));
    /* Fail the k-th allocation of ot_config_new until it succeeds; out is
     * never written on failure. */
    static char dummy;
    ot_config *const sentinel = (ot_config *)&dummy;
    ot_config *c = NULL;
    long k;
    ck_until_memory_suffices(k, (c = sentinel, ot_config_new(&c)), ck_assert_ptr_eq(c, sentinel));
    ck_assert(k > 1); /* the first attempts really failed */
    /* Layers: every failure leaves the old layers. */
    const char *names[3] = {"uitvoering", "leiding", "bestuur"};
    ck_until_memory_suffices(k, ot_config_set_layers(c, 3, names), ck_layers(c, 3, DEFAULT_NAMES));
    ck_assert(k > 0);
    ck_layers(c, 3, names);
    /* A model: ENOMEM and no model until one allocation suffices. */
    ot_model *m = NULL;
    ck_until_memory_suffices(k, ot_model_new(c, &m), (void)0);
    ck_assert(k > 1);
    ot_model_free(m);
    ot_config_free(c);
    /* Every block the library took was given back. */
    ck_assert_int_eq(n_live, 0);
    ck_ok(ot_set_allocator(NULL, NULL, NULL));
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("parameters");
    tcase_add_test(tc, there_are_44_parameters_numbered_from_1);
    tcase_add_test(tc, param_info_describes_every_parameter);
    tcase_add_test(tc, defaults_are_those_of_the_model);
    tcase_add_loop_test(tc, out_of_range_values_are_refused_by_name, 0, (int)(sizeof RANGES / sizeof RANGES[0]));
    tcase_add_test(tc, nan_is_refused_for_every_parameter);
    tcase_add_test(tc, half_life_takes_zero_negative_and_infinity);
    tcase_add_test(tc, unknown_parameters_and_null_arguments);
    tcase_add_test(tc, weights_must_sum_to_one);
    tcase_add_test(tc, model_param_reads_back_every_value);
    suite_add_tcase(s, tc);
    tc = tcase_create("layers");
    tcase_add_test(tc, layers_one_to_eight_with_default_names);
    tcase_add_test(tc, layers_take_names_and_null_entries);
    tcase_add_test(tc, bad_layers_are_refused_and_change_nothing);
    suite_add_tcase(s, tc);
    tc = tcase_create("allocator");
    tcase_add_test(tc, allocator_routes_every_allocation);
    tcase_add_test(tc, allocator_refuses_while_anything_lives);
    tcase_add_test(tc, allocator_wants_all_three_or_none);
    tcase_add_test(tc, out_of_memory_changes_no_configuration);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return ot_run_suite(suite()); }
