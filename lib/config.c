/* Parameters, their defaults (docs/model.md section 9) and their ranges.
 * SPDX-License-Identifier: MIT */
#include "config.h"
#include "alloc.h"
#include "error.h"
#include "text.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The kinds of valid range, one row each: bounds, whether they are open,
 * and how a message says it. */
enum range {
    UNIT,       /* [0, 1] */
    POSITIVE1,  /* (0, 1] */
    UNIT_OPEN1, /* [0, 1): a rate whose complement is raised to a power */
    MAG,        /* [0, 10]: an evidence magnitude, or a boost of one */
    HALF_LIFE,  /* anything but NaN; <= 0 or infinite switch the fading off */
    DAYS,       /* > 0 (infinite allowed): a window of time */
    COUNT,      /* finite, >= 0 */
    FLAG,       /* 0 or 1 */
    NRANGES
};

static const struct {
    double lo, hi;
    unsigned char lo_open, hi_open, finite, whole;
    const char *want; /* for messages: "it must be ..." */
} RANGES[NRANGES] = {
    [UNIT] = {0.0, 1.0, 0, 0, 0, 0, "[0, 1]"},
    [POSITIVE1] = {0.0, 1.0, 1, 0, 0, 0, "(0, 1]"},
    [UNIT_OPEN1] = {0.0, 1.0, 0, 1, 0, 0, "[0, 1)"},
    [MAG] = {0.0, 10.0, 0, 0, 0, 0, "[0, 10]"},
    [HALF_LIFE] = {-INFINITY, INFINITY, 0, 0, 0, 0, "a number"},
    [DAYS] = {0.0, INFINITY, 1, 0, 0, 0, "> 0 (days)"},
    [COUNT] = {0.0, INFINITY, 0, 0, 1, 0, "a finite number >= 0"},
    [FLAG] = {0.0, 1.0, 0, 0, 0, 1, "0 or 1"},
};

/* The parameter table: every reader of parameters (validation, scenario
 * keys, export, snapshots, the store, ot_param_info() and so the Python
 * bindings) goes through it. `model1` is the value that reproduces model
 * version 1 (docs/model.md, "Files keep their meaning"): what a file
 * written for model 1 gets for a parameter it does not list. */
static const struct {
    const char *name;
    double def;
    double model1;
    enum range range;
} PARAMS[OTI_NPARAM + 1] = {
#define V1(name, def, range) {name, def, def, range} /* a parameter model 1 had, or one inert there */
    [OT_PARAM_GAIN_RATE] = V1("gain_rate", 0.05, UNIT),
    [OT_PARAM_LOSS_RATE] = V1("loss_rate", 0.25, UNIT),
    [OT_PARAM_DARK_SIDE] = V1("dark_side", 0.9, UNIT),
    [OT_PARAM_EVIDENCE_HALF_LIFE] = V1("evidence_half_life", 365.0, HALF_LIFE),
    [OT_PARAM_WEIGHT_ABILITY] = V1("weight_ability", 0.3, UNIT),
    [OT_PARAM_WEIGHT_BENEVOLENCE] = V1("weight_benevolence", 0.3, UNIT),
    [OT_PARAM_WEIGHT_INTEGRITY] = V1("weight_integrity", 0.4, UNIT),
    [OT_PARAM_PROPENSITY] = V1("propensity", 0.5, UNIT),
    [OT_PARAM_CLIMATE_THRESHOLD] = V1("climate_threshold", 0.5, POSITIVE1),
    [OT_PARAM_DISRUPTED_GAIN] = V1("disrupted_gain", 0.5, UNIT),
    [OT_PARAM_ORG_PRIOR] = V1("org_prior", 0.5, UNIT),
    [OT_PARAM_BRIDGE_GAP] = V1("bridge_gap", 0.25, UNIT),
    [OT_PARAM_SEPARATION] = V1("separation", 0.8, UNIT),
    [OT_PARAM_DISRUPTION_WEIGHT] = V1("disruption_weight", 2.0, MAG),
    [OT_PARAM_REPAIR_FRACTION] = V1("repair_fraction", 0.6, UNIT),
    [OT_PARAM_REPAIR_HALF_LIFE] = V1("repair_half_life", 30.0, HALF_LIFE),
    [OT_PARAM_ESCALATION_FRACTION] = V1("escalation_fraction", 0.9, UNIT),
    [OT_PARAM_ESCALATION_THRESHOLD] = V1("escalation_threshold", 0.6, UNIT),
    [OT_PARAM_DARK_SIDE_GAP] = V1("dark_side_gap", 0.25, UNIT),
    [OT_PARAM_DARK_SIDE_MIN_EVIDENCE] = V1("dark_side_min_evidence", 5.0, COUNT),
    [OT_PARAM_COOP_TAU0] = V1("coop_tau0", 0.2, UNIT),
    [OT_PARAM_COOP_TAU1] = V1("coop_tau1", 0.6, UNIT),
    [OT_PARAM_COOP_RELIABILITY] = V1("coop_reliability", 0.6, UNIT),
    [OT_PARAM_COOP_MAX_UNCERTAINTY] = V1("coop_max_uncertainty", 0.5, UNIT),
    [OT_PARAM_CONSULT_MAGNITUDE] = V1("consult_magnitude", 0.5, MAG),
    [OT_PARAM_RULE_MAGNITUDE] = V1("rule_magnitude", 0.5, MAG),
    [OT_PARAM_UNILATERAL_MAGNITUDE] = V1("unilateral_magnitude", 1.0, MAG),
    [OT_PARAM_FAILED_ESCALATION_MAGNITUDE] = V1("failed_escalation_magnitude", 0.5, MAG),
    [OT_PARAM_KEEP_EVENTS] = V1("keep_events", 1.0, FLAG),
    /* Model version 2 (docs/model.md sections 11-13). Only the scar rates
     * and the trust transfer change what version-1 calls compute, so only
     * they are 0 for model 1; the rest act through version-2 calls only. */
    [OT_PARAM_SCAR_RATE] = {"scar_rate", 0.5, 0.0, UNIT_OPEN1},
    [OT_PARAM_SCAR_HALF_LIFE] = V1("scar_half_life", 365.0, HALF_LIFE),
    [OT_PARAM_DECEPTION_SCAR] = {"deception_scar", 0.25, 0.0, UNIT_OPEN1},
    [OT_PARAM_DECEPTION_HALF_LIFE] = V1("deception_half_life", INFINITY, HALF_LIFE),
    [OT_PARAM_APOLOGY_TASK] = V1("apology_task", 0.5, UNIT),
    [OT_PARAM_APOLOGY_RELATIONAL] = V1("apology_relational", 0.1, UNIT),
    [OT_PARAM_DENIAL_TASK] = V1("denial_task", 0.1, UNIT),
    [OT_PARAM_DENIAL_RELATIONAL] = V1("denial_relational", 0.4, UNIT),
    [OT_PARAM_PROMISE_BOOST] = V1("promise_boost", 1.0, MAG),
    [OT_PARAM_PROMISE_WINDOW] = V1("promise_window", 30.0, DAYS),
    [OT_PARAM_INNOCENT_DENIED] = V1("innocent_denied", 0.8, UNIT),
    [OT_PARAM_INNOCENT_APOLOGISED] = V1("innocent_apologised", 0.3, UNIT),
    [OT_PARAM_INNOCENT_RETICENT] = V1("innocent_reticent", 0.6, UNIT),
    [OT_PARAM_TRUST_TRANSFER] = {"trust_transfer", 0.5, 0.0, UNIT},
    [OT_PARAM_INSTITUTIONAL_HALF_LIFE] = V1("institutional_half_life", 730.0, HALF_LIFE),
#ifdef ORGTRUST_TEST_DUMMY_FIELDS
    [45] = V1("test_dummy", 0.25, UNIT), /* inert: proves the formats are read by key */
#endif
#undef V1
};

static const char *const DEFAULT_LAYERS[OTI_MAX_LAYERS] = {
    "operational", "managerial", "administrative", "layer3",
    "layer4", "layer5", "layer6", "layer7",
};

static int known(int param) { return param >= 1 && param <= OTI_NPARAM; }

const char *oti_param_name(int param) { return known(param) ? PARAMS[param].name : NULL; }

int oti_param_by_name(const char *name)
{
    for (int i = 1; i <= OTI_NPARAM; i++)
        if (strcmp(PARAMS[i].name, name) == 0)
            return i;
    return 0;
}

const char *oti_default_layer_name(unsigned i)
{
    return i < OTI_MAX_LAYERS ? DEFAULT_LAYERS[i] : NULL;
}

double oti_param_model1(int param) { return known(param) ? PARAMS[param].model1 : NAN; }

static int in_range(enum range r, double v)
{
    if (isnan(v) || (RANGES[r].finite && !isfinite(v)) || (RANGES[r].whole && v != floor(v)))
        return 0;
    int lo_ok = RANGES[r].lo_open ? v > RANGES[r].lo : v >= RANGES[r].lo;
    int hi_ok = RANGES[r].hi_open ? v < RANGES[r].hi : v <= RANGES[r].hi;
    return lo_ok && hi_ok;
}

int oti_param_check(int param, double v, const char *fn)
{
    if (!known(param))
        return oti_fail(OT_EINVAL, "%s: param = %d is not an ot_param (1..%d)", fn, param, OTI_NPARAM);
    const char *name = PARAMS[param].name;
    if (isnan(v))
        return oti_fail(OT_EINVAL, "%s: %s = NaN is not a number", fn, name);
    if (!in_range(PARAMS[param].range, v))
        return oti_fail(OT_EINVAL, "%s: %s = %.17g is out of range; it must be %s", fn, name, v,
                        RANGES[PARAMS[param].range].want);
    return OT_OK;
}

OT_API int ot_param_info(int param, const char **name, double *def, double *lo, double *hi)
{
    if (!known(param))
        return oti_fail(OT_EINVAL, "ot_param_info: param = %d is not an ot_param (1..%d)", param, OTI_NPARAM);
    if (name)
        *name = PARAMS[param].name;
    if (def)
        *def = PARAMS[param].def;
    if (lo)
        *lo = RANGES[PARAMS[param].range].lo;
    if (hi)
        *hi = RANGES[PARAMS[param].range].hi;
    return OT_OK;
}

void oti_timebox_defaults(struct ot_config *c)
{
    for (unsigned l = 0; l < OTI_MAX_LAYERS; l++)
        c->timebox[l] = 5.0 * ldexp(1.0, (int)l);
}

int oti_config_init(struct ot_config *c)
{
    memset(c, 0, sizeof *c);
    for (int i = 1; i <= OTI_NPARAM; i++)
        c->p[i] = PARAMS[i].def;
    c->nlayers = 3;
    oti_timebox_defaults(c);
    for (unsigned i = 0; i < c->nlayers; i++) {
        c->layer[i] = oti_strdup(DEFAULT_LAYERS[i]);
        if (!c->layer[i]) {
            oti_config_release(c);
            return OT_ENOMEM;
        }
    }
    return OT_OK;
}

void oti_config_release(struct ot_config *c)
{
    for (unsigned i = 0; i < OTI_MAX_LAYERS; i++) {
        oti_free(c->layer[i]);
        c->layer[i] = NULL;
    }
}

int oti_config_copy(struct ot_config *dst, const struct ot_config *src)
{
    struct ot_config tmp = *src;
    for (unsigned i = 0; i < OTI_MAX_LAYERS; i++)
        tmp.layer[i] = NULL;
    for (unsigned i = 0; i < src->nlayers; i++) {
        tmp.layer[i] = oti_strdup(src->layer[i]);
        if (!tmp.layer[i]) {
            oti_config_release(&tmp);
            return OT_ENOMEM;
        }
    }
    *dst = tmp;
    return OT_OK;
}

int oti_config_validate(const struct ot_config *c, const char *fn)
{
    double wa = c->p[OT_PARAM_WEIGHT_ABILITY], wb = c->p[OT_PARAM_WEIGHT_BENEVOLENCE],
           wi = c->p[OT_PARAM_WEIGHT_INTEGRITY];
    /* Exact decimal sums such as 0.3 + 0.3 + 0.4 differ from 1 by an ulp or
     * two; 1e-9 accepts those and rejects every real mistake. */
    if (fabs(wa + wb + wi - 1.0) > 1e-9)
        return oti_fail(OT_EINVAL,
                        "%s: weight_ability + weight_benevolence + weight_integrity = %.17g + %.17g + %.17g = %.17g; "
                        "they must sum to 1",
                        fn, wa, wb, wi, wa + wb + wi);
    for (int i = 1; i <= OTI_NPARAM; i++) {
        int rc = oti_param_check(i, c->p[i], fn);
        if (rc)
            return rc;
    }
    return OT_OK;
}

int oti_config_equal(const struct ot_config *a, const struct ot_config *b)
{
    if (a->nlayers != b->nlayers)
        return 0;
    /* Bit for bit: a stored configuration must be the very same numbers. */
    for (int i = 1; i <= OTI_NPARAM; i++) {
        uint64_t x, y;
        memcpy(&x, &a->p[i], sizeof x);
        memcpy(&y, &b->p[i], sizeof y);
        if (x != y)
            return 0;
    }
    for (unsigned i = 0; i < a->nlayers; i++) {
        /* Bit for bit, as the parameters above. */
        uint64_t x, y;
        memcpy(&x, &a->timebox[i], sizeof x);
        memcpy(&y, &b->timebox[i], sizeof y);
        if (strcmp(a->layer[i], b->layer[i]) != 0 || x != y)
            return 0;
    }
    return 1;
}

OT_API int ot_config_new(ot_config **out)
{
    if (!out)
        return oti_fail(OT_EINVAL, "ot_config_new: out is NULL");
    ot_config *c = oti_malloc(sizeof *c);
    if (!c)
        return oti_nomem("ot_config_new");
    if (oti_config_init(c) != OT_OK) {
        oti_free(c);
        return oti_nomem("ot_config_new");
    }
    oti_pin();
    *out = c;
    return OT_OK;
}

OT_API void ot_config_free(ot_config *c)
{
    if (!c)
        return;
    oti_config_release(c);
    oti_free(c);
    oti_unpin();
}

OT_API int ot_config_set(ot_config *c, int param, double v)
{
    if (!c)
        return oti_fail(OT_EINVAL, "ot_config_set: c is NULL");
    int rc = oti_param_check(param, v, "ot_config_set");
    if (rc)
        return rc;
    c->p[param] = v;
    return OT_OK;
}

OT_API int ot_config_get(const ot_config *c, int param, double *v)
{
    if (!c || !v)
        return oti_fail(OT_EINVAL, "ot_config_get: %s is NULL", c ? "v" : "c");
    if (!known(param))
        return oti_fail(OT_EINVAL, "ot_config_get: param = %d is not an ot_param (1..%d)", param, OTI_NPARAM);
    *v = c->p[param];
    return OT_OK;
}

OT_API int ot_config_set_layers(ot_config *c, unsigned n, const char *const *names)
{
    if (!c)
        return oti_fail(OT_EINVAL, "ot_config_set_layers: c is NULL");
    if (n < 1 || n > OTI_MAX_LAYERS)
        return oti_fail(OT_EINVAL, "ot_config_set_layers: n = %u is out of range; it must be 1..%d", n,
                        OTI_MAX_LAYERS);
    const char *use[OTI_MAX_LAYERS];
    for (unsigned i = 0; i < n; i++) {
        use[i] = names && names[i] ? names[i] : DEFAULT_LAYERS[i];
        char arg[32];
        snprintf(arg, sizeof arg, "names[%u]", i);
        int rc = oti_check_name(use[i], OTI_LAYER_NAME_MAX, "ot_config_set_layers", arg);
        if (rc)
            return rc == OT_ELIMIT ? oti_fail(OT_EINVAL, "ot_config_set_layers: %s is longer than %d bytes", arg,
                                              OTI_LAYER_NAME_MAX)
                                   : rc;
        if (use[i][0] == '\0')
            return oti_fail(OT_EINVAL, "ot_config_set_layers: names[%u] is empty", i);
        for (unsigned k = 0; k < i; k++)
            if (strcmp(use[k], use[i]) == 0)
                return oti_fail(OT_EINVAL, "ot_config_set_layers: names[%u] = \"%s\" repeats names[%u]", i,
                                use[i], k);
    }
    char *copy[OTI_MAX_LAYERS] = {0};
    for (unsigned i = 0; i < n; i++) {
        copy[i] = oti_strdup(use[i]);
        if (!copy[i]) {
            for (unsigned k = 0; k < i; k++)
                oti_free(copy[k]);
            return oti_nomem("ot_config_set_layers");
        }
    }
    oti_config_release(c);
    c->nlayers = n;
    for (unsigned i = 0; i < n; i++)
        c->layer[i] = copy[i];
    oti_timebox_defaults(c);
    return OT_OK;
}
