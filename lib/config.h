/* The configuration: every number of the model, and the layers.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_CONFIG_H
#define OTI_CONFIG_H

#include <orgtrust.h>

#ifdef ORGTRUST_TEST_DUMMY_FIELDS
#define OTI_NPARAM 45 /* 44 and test_dummy: see CMakeLists.txt */
#else
#define OTI_NPARAM 44 /* the highest ot_param */
#endif
#define OTI_MAX_LAYERS 8
#define OTI_LAYER_NAME_MAX 255

struct ot_config {
    double p[OTI_NPARAM + 1]; /* indexed by ot_param; p[0] unused */
    unsigned nlayers;
    char *layer[OTI_MAX_LAYERS]; /* owned; never NULL for i < nlayers */
    double timebox[OTI_MAX_LAYERS]; /* days per layer before a disruption goes a rung up (lib/ladder.c) */
};

/* The default timeboxes for n layers: 5 * 2^L days. */
void oti_timebox_defaults(struct ot_config *c);

/* The parameter's name in scenario files ("gain_rate"), NULL if unknown. */
const char *oti_param_name(int param);
/* The parameter named so, or 0. */
int oti_param_by_name(const char *name);
/* The default name of layer i. */
const char *oti_default_layer_name(unsigned i);

/* Fill *c with the defaults; the layer names are static until copied. */
int oti_config_init(struct ot_config *c);
int oti_config_copy(struct ot_config *dst, const struct ot_config *src);
void oti_config_release(struct ot_config *c);
/* The checks that span parameters (weights sum to 1); `fn` names the caller
 * in the message. */
int oti_config_validate(const struct ot_config *c, const char *fn);
/* 1 when the two configurations hold the same values and layer names. */
int oti_config_equal(const struct ot_config *a, const struct ot_config *b);
/* The value of a parameter that reproduces model version 1 (NaN for an
 * unknown one). */
double oti_param_model1(int param);
/* Check one value for one parameter; `fn` names the caller. */
int oti_param_check(int param, double v, const char *fn);

#endif
