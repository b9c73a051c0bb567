/* Fuzz the whole API: the input bytes decode into a sequence of calls on one
 * model. After every call the harness checks the invariants a user relies
 * on, and traps (a crash the fuzzer reports) when one breaks:
 *
 * - a call that fails changes nothing (digest, counts and clock unchanged)
 *   and leaves a message in ot_last_error();
 * - after a call that succeeds, ot_model_check() passes (every aggregate
 *   equals its recomputation, every score in [0, 1], references valid);
 * - every query answers in range or with a clean status.
 *
 * Built with clang -fsanitize=fuzzer,address,undefined as a libFuzzer target,
 * or with any compiler plus fuzzers/standalone.c to replay a corpus.
 * SPDX-License-Identifier: MIT */
#include <orgtrust.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct input {
    const uint8_t *p;
    size_t n;
    int trace; /* OT_FUZZ_TRACE set: print each call and its status */
} input;

static uint8_t byte(input *in)
{
    if (in->n == 0)
        return 0;
    in->n--;
    return *in->p++;
}

static uint32_t u32(input *in)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++)
        v = v << 8 | byte(in);
    return v;
}

/* A double: mostly in the range the argument wants, sometimes any bit
 * pattern at all (NaN, infinities, negatives, huge values). */
static double number(input *in, double lo, double hi)
{
    uint8_t mode = byte(in);
    if (mode < 200)
        return lo + (hi - lo) * (byte(in) / 255.0);
    uint64_t bits = 0;
    for (int i = 0; i < 8; i++)
        bits = bits << 8 | byte(in);
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

/* An id: usually one that exists, sometimes one just past the end or
 * OT_NONE, sometimes anything. */
static ot_id id(input *in, size_t count)
{
    uint8_t mode = byte(in);
    if (mode < 220 && count > 0)
        return (ot_id)(byte(in) % count);
    if (mode < 240)
        return mode & 1 ? OT_NONE : (ot_id)count;
    return u32(in);
}

static size_t count(const ot_model *m, int what)
{
    size_t n = 0;
    if (ot_model_count(m, what, &n) != OT_OK)
        __builtin_trap();
    return n;
}

typedef struct state {
    uint64_t digest;
    size_t n[6];
    double now;
} state;

static state state_of(const ot_model *m)
{
    state s;
    memset(&s, 0, sizeof s);
    if (ot_model_digest(m, &s.digest) != OT_OK || ot_model_time(m, &s.now) != OT_OK)
        __builtin_trap();
    for (int w = OT_ORGS; w <= OT_EVENTS; w++)
        s.n[w] = count(m, w);
    return s;
}

static void expect_unchanged(const ot_model *m, const state *before)
{
    state now = state_of(m);
    if (memcmp(&now, before, sizeof now) != 0)
        __builtin_trap();
    if (ot_last_error()[0] == '\0')
        __builtin_trap();
}

static void in_unit(double v)
{
    if (!(v >= 0.0 && v <= 1.0))
        __builtin_trap();
}

/* Ask every query about one pair of actors and one pair of organisations. */
static void queries(const ot_model *m, input *in)
{
    size_t na = count(m, OT_ACTORS), no = count(m, OT_ORGS), nt = count(m, OT_TIES);
    ot_id x = id(in, na), y = id(in, na), a = id(in, no), b = id(in, no);
    double v, w, u, r;
    int k;
    if (ot_trust(m, x, y, &v) == OT_OK)
        in_unit(v);
    if (ot_trustworthiness(m, x, y, &v) == OT_OK)
        in_unit(v);
    if (ot_expectation(m, x, y, 1 + byte(in) % 4, &v) == OT_OK)
        in_unit(v);
    if (ot_opinion(m, x, y, &v, &w, &u, &r) == OT_OK) {
        in_unit(v), in_unit(w), in_unit(u), in_unit(r);
        if (fabs(v + w + u - 1.0) > 1e-12)
            __builtin_trap();
    }
    /* The network opinion reads no input: the corpus keeps its meaning. */
    ot_sl_opinion net;
    if (ot_network_opinion(m, x, y, &net) == OT_OK) {
        in_unit(net.b), in_unit(net.d), in_unit(net.u), in_unit(net.a);
        if (fabs(net.b + net.d + net.u - 1.0) > 1e-9)
            __builtin_trap();
    }
    if (ot_effective_trust(m, x, y, &v, &k) == OT_OK) {
        in_unit(v);
        if (k < OT_LIMIT_PERSON || k > OT_LIMIT_BACKING)
            __builtin_trap();
    }
    if (ot_reputation(m, a, b, id(in, na), &v) == OT_OK)
        in_unit(v);
    if (ot_backing(m, a, b, &v) == OT_OK)
        in_unit(v);
    if (ot_layer_trust(m, a, b, byte(in) % 4, &v) == OT_OK)
        in_unit(v);
    if (ot_damping(m, x, y, &v) == OT_OK)
        in_unit(v);
    if (ot_bridge_gap(m, x, a, &v, &k) == OT_OK && !(v >= -1.0 && v <= 1.0))
        __builtin_trap();
    if (ot_standing(m, x, &v) == OT_OK)
        in_unit(v);
    if (ot_dark_side(m, x, y, &k) == OT_OK && k != 0 && k != 1)
        __builtin_trap();
    if (ot_cooperation_basis(m, x, y, &k) == OT_OK && (k < OT_BASIS_AT_RISK || k > OT_BASIS_TRUST))
        __builtin_trap();
    double s1, s2;
    if (ot_scars(m, x, y, &s1, &s2) == OT_OK) {
        in_unit(s1), in_unit(s2); /* [0, 1): 1 only when rounding reaches it */
    }
    if (ot_ceiling(m, x, y, &v) == OT_OK)
        in_unit(v);
    size_t nd = count(m, OT_DISRUPTIONS);
    int g = -1;
    if (ot_disruption_response(m, id(in, nd), &k) == OT_OK && (k < OT_RESPONSE_NONE || k > OT_RESPONSE_PROMISE))
        __builtin_trap();
    if (ot_disruption_revealed(m, id(in, nd), &k, &g) == OT_OK && (k != 0 && k != 1))
        __builtin_trap();
    ot_escalation_step steps[3];
    size_t n = 0;
    if (ot_escalation_path(m, id(in, nt), steps, byte(in) % 4, &n) == OT_OK && n > 8)
        __builtin_trap();
    ot_id ties[4];
    if (ot_hazards(m, a, b, ties, byte(in) % 5, &n) == OT_OK && n > nt)
        __builtin_trap();
}

/* Ask the ladder's queries about one disruption, and the lists. */
static void ladder_queries(const ot_model *m, input *in)
{
    size_t nd = count(m, OT_DISRUPTIONS), na = count(m, OT_ACTORS), nt = count(m, OT_TIES);
    ot_id d = id(in, nd), x, y, ids[4];
    unsigned layer;
    double v, since, now;
    int k;
    if (ot_model_time(m, &now) != OT_OK)
        __builtin_trap();
    if (ot_disruption_level(m, d, &layer, &x, &y, &since) == OT_OK && (x >= na || y >= na || since > now))
        __builtin_trap();
    if (ot_disruption_due(m, d, &v) == OT_OK && !(v >= since))
        __builtin_trap();
    /* [0, 1]: 0 once 2^(-age/H) underflows (a day far in the future) */
    if (ot_disruption_freshness(m, d, &v) == OT_OK && !(v >= 0.0 && v <= 1.0))
        __builtin_trap();
    ot_escalation_step step;
    if (ot_disruption_advice(m, d, &k, &step) == OT_OK && (k < OT_ADVICE_NONE || k > OT_ADVICE_REFER))
        __builtin_trap();
    size_t n = 0, open = 0;
    if (ot_disruptions(m, OT_LIST_OPEN, ids, byte(in) % 5, &open) != OT_OK || open > nd)
        __builtin_trap();
    size_t cap = byte(in) % 5; /* only the first min(n, cap) ids are written */
    if (ot_disruptions(m, OT_LIST_OVERDUE, ids, cap, &n) != OT_OK || n > open)
        __builtin_trap();
    for (size_t i = 1; i < n && i < cap; i++)
        if (ids[i] <= ids[i - 1])
            __builtin_trap();
    if (ot_next_due(m, &v, &d) == OT_OK ? open == 0 || d >= nd : open != 0)
        __builtin_trap();
    if (ot_tie_active(m, id(in, nt), &k) == OT_OK && k != 0 && k != 1)
        __builtin_trap();
    if (ot_actor_active(m, id(in, na), &k) == OT_OK && k != 0 && k != 1)
        __builtin_trap();
}

/* One call decoded from the input; returns its status. */
static int call(ot_model *m, input *in, double *t)
{
    size_t no = count(m, OT_ORGS), na = count(m, OT_ACTORS), nt = count(m, OT_TIES),
           nd = count(m, OT_DISRUPTIONS);
    uint8_t op = byte(in) % 24;
    /* Time mostly moves forward a little; sometimes it jumps back or goes wild. */
    uint8_t tm = byte(in);
    double when = tm < 230 ? *t + tm / 16.0 : tm < 245 ? *t - 1.0 : number(in, -1e9, 1e9);
    int rc = OT_OK;
    switch (op) {
    case 0: {
        static const char *names[] = {"Gemeente", "Waterschap", "Provincie", "\xff bad", ""};
        rc = ot_org_add(m, names[byte(in) % 5], id(in, no), NULL);
        break;
    }
    case 1:
        rc = ot_actor_add(m, id(in, no), byte(in) % 4, id(in, na), "actor", NULL);
        break;
    case 2:
        rc = ot_tie_add(m, id(in, na), id(in, na), NULL);
        break;
    case 3:
        rc = ot_tie_set(m, id(in, nt), byte(in) % 4, number(in, 0.0, 3.0));
        break;
    case 4:
        rc = ot_observe(m, id(in, na), id(in, na), byte(in) % 10, number(in, 0.0, 10.0), when);
        break;
    case 5: {
        ot_observation obs[8];
        size_t k = byte(in) % 9, applied = 0;
        for (size_t i = 0; i < k; i++)
            obs[i] = (ot_observation){id(in, na), id(in, na), byte(in) % 10, byte(in) < 250 ? 0u : 1u,
                                      number(in, 0.0, 10.0), when + i};
        rc = ot_observe_batch(m, obs, k, &applied);
        if (rc != OT_OK && applied >= k)
            __builtin_trap();
        break;
    }
    case 6:
        rc = ot_disrupt(m, id(in, na), id(in, na), byte(in) % 4, number(in, 0.0, 1.0), byte(in) & 1, when, NULL);
        break;
    case 7:
        rc = ot_repair(m, id(in, nd), when);
        break;
    case 8: {
        int resolved = -1;
        unsigned layer = 99;
        rc = ot_escalate(m, id(in, nd), byte(in) % 4, when, &resolved, &layer);
        if (rc == OT_OK && (resolved != 0 && resolved != 1))
            __builtin_trap();
        break;
    }
    case 9:
        rc = ot_consult(m, id(in, na), id(in, na), id(in, na), id(in, na), when);
        break;
    case 10:
        rc = ot_impose_general_rule(m, id(in, no), when);
        break;
    case 11:
        rc = ot_actor_set_superior(m, id(in, na), id(in, na));
        break;
    case 12:
        rc = ot_actor_set_propensity(m, id(in, na), number(in, 0.0, 1.0));
        break;
    case 13:
        rc = ot_respond(m, id(in, nd), byte(in) % 5, when);
        break;
    case 14:
        rc = ot_reveal(m, id(in, nd), byte(in) % 3, when);
        break;
    /* People come and go, and the ladder (1.1). */
    case 15:
        rc = ot_tie_end(m, id(in, nt), when);
        break;
    case 16:
        rc = ot_actor_leave(m, id(in, na), when);
        break;
    case 17:
        rc = ot_actor_move(m, id(in, na), id(in, no), byte(in) % 4, id(in, na), when);
        break;
    case 18:
        rc = ot_advance(m, when);
        break;
    case 19:
        rc = ot_refer(m, id(in, nd), byte(in) % 4, when);
        break;
    case 20: {
        int resolved = -1;
        rc = ot_resolve(m, id(in, nd), when, &resolved);
        if (rc == OT_OK && resolved != 0 && resolved != 1)
            __builtin_trap();
        break;
    }
    case 21:
        ladder_queries(m, in);
        return OT_OK;
    default:
        queries(m, in);
        return OT_OK;
    }
    if (in->trace)
        fprintf(stderr, "op %u at t=%g: rc %d%s%s\n", op, when, rc, rc ? ": " : "", rc ? ot_last_error() : "");
    if (rc == OT_OK && ((op >= 4 && op <= 10 && op != 5) || (op >= 13 && op <= 20)))
        *t = when;
    if (rc == OT_OK && op == 5 && ot_model_time(m, t) != OT_OK)
        __builtin_trap();
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    input in = {data, size, getenv("OT_FUZZ_TRACE") != NULL};
    ot_config *c;
    ot_model *m;
    if (ot_config_new(&c) != OT_OK)
        return 0;
    /* A few parameters from the input, accepted or refused. */
    for (uint8_t k = byte(&in) % 4; k > 0; k--)
        (void)ot_config_set(c, 1 + byte(&in) % 43, number(&in, 0.0, 1.0));
    if (ot_model_new(c, &m) != OT_OK) {
        ot_config_free(c);
        return 0;
    }
    ot_config_free(c);
    double t = 0.0;
    for (int steps = 0; in.n > 0 && steps < 400; steps++) {
        state before = state_of(m);
        int rc = call(m, &in, &t);
        if (rc != OT_OK)
            expect_unchanged(m, &before);
        else if (ot_model_check(m) != OT_OK) {
            fprintf(stderr, "ops.c: step %d: ot_model_check failed: %s\n", steps, ot_last_error());
            __builtin_trap();
        }
    }
    /* Whatever the calls were, every text the model gives is made without
     * a crash (a move once crashed the history). */
    int (*const texts[])(const ot_model *, char **, size_t *) = {ot_history_json, ot_report_json, ot_scenario_export,
                                                                 ot_export_dot};
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        char *s = NULL;
        size_t n = 0;
        if (texts[k](m, &s, &n) == OT_OK && (!s || strlen(s) != n))
            __builtin_trap();
        ot_free(s);
    }
    ot_model_free(m);
    return 0;
}
