/* The state report (docs/report.md): what a case manager or researcher
 * wants to see of a model now, as JSON with stable key names. The
 * `orgtrust report` command prints the same content as text.
 * SPDX-License-Identifier: MIT */
#include "aggregate.h"
#include "alloc.h"
#include "args.h"
#include "disruption.h"
#include "error.h"
#include "lookup.h"
#include "names.h"
#include "orgtree.h"
#include "outbuf.h"
#include "scenario_map.h"
#include "calendar.h"
#include "texts.h"
#include "words.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char FN[] = "ot_report_json";

/* ---- a small pretty JSON writer ---------------------------------------- */

#define JW_MAX_DEPTH 16

typedef struct jw {
    oti_buf b;
    int depth;
    int count[JW_MAX_DEPTH];  /* members written at each level */
    int inline_[JW_MAX_DEPTH]; /* this level is written on one line */
} jw;

static void jw_key(jw *w, const char *key)
{
    int d = w->depth;
    if (w->count[d]++)
        oti_buf_str(&w->b, w->inline_[d] ? ", " : ",");
    if (!w->inline_[d] && (d > 0 || w->b.len > 0)) {
        oti_buf_str(&w->b, "\n");
        for (int i = 0; i < d; i++)
            oti_buf_str(&w->b, "  ");
    }
    if (key) {
        oti_buf_json_str(&w->b, key);
        oti_buf_str(&w->b, ": ");
    }
}

static void jw_open(jw *w, const char *key, char c, int one_line)
{
    jw_key(w, key);
    oti_buf_put(&w->b, &c, 1);
    if (w->depth + 1 < JW_MAX_DEPTH) {
        w->depth++;
        w->count[w->depth] = 0;
        w->inline_[w->depth] = one_line || w->inline_[w->depth - 1];
    }
}

static void jw_close(jw *w, char c)
{
    int d = w->depth;
    if (w->count[d] && !w->inline_[d]) {
        oti_buf_str(&w->b, "\n");
        for (int i = 0; i < d - 1; i++)
            oti_buf_str(&w->b, "  ");
    }
    oti_buf_put(&w->b, &c, 1);
    if (w->depth > 0)
        w->depth--;
}

static void jw_str(jw *w, const char *key, const char *v)
{
    jw_key(w, key);
    if (v)
        oti_buf_json_str(&w->b, v);
    else
        oti_buf_str(&w->b, "null");
}

static void jw_num(jw *w, const char *key, double v)
{
    jw_key(w, key);
    if (isfinite(v))
        oti_buf_num(&w->b, v);
    else
        oti_buf_str(&w->b, "null");
}

static void jw_int(jw *w, const char *key, size_t v)
{
    jw_key(w, key);
    oti_buf_printf(&w->b, "%zu", v);
}

static void jw_bool(jw *w, const char *key, int v)
{
    jw_key(w, key);
    oti_buf_str(&w->b, v ? "true" : "false");
}

/* ---- the report ----------------------------------------------------------- */

typedef struct report {
    const ot_model *m;
    oti_strmap org, actor;
    jw w;
} report;

static const char *aid(const report *r, ot_id a) { return a == OT_NONE ? NULL : oti_strmap_key(&r->actor, a); }
static const char *oid(const report *r, ot_id o) { return o == OT_NONE ? NULL : oti_strmap_key(&r->org, o); }
static const char *aname(const report *r, ot_id a) { return r->m->actors[a].name; }
static const char *lname(const report *r, unsigned l) { return r->m->cfg.layer[l]; }

/* With a calendar epoch: the date of day t beside it (no key for a time
 * that is not a day, such as -inf before any event). */
static void jw_date(report *r, const char *key, double t)
{
    char buf[32];
    if (ot_model_epoch(r->m) && oti_date(r->m, t, buf, sizeof buf) == OT_OK)
        jw_str(&r->w, key, buf);
}

static void write_structure(report *r)
{
    const ot_model *m = r->m;
    jw *w = &r->w;
    jw_open(w, "layers", '[', 1);
    for (unsigned l = 0; l < m->cfg.nlayers; l++)
        jw_str(w, NULL, lname(r, l));
    jw_close(w, ']');
    jw_open(w, "organisations", '[', 0);
    for (size_t o = 0; o < m->norgs; o++) {
        jw_open(w, NULL, '{', 1);
        jw_str(w, "id", oid(r, (ot_id)o));
        jw_str(w, "name", m->orgs[o].name);
        jw_str(w, "parent", oid(r, m->orgs[o].parent));
        jw_close(w, '}');
    }
    jw_close(w, ']');
    jw_open(w, "actors", '[', 0);
    for (size_t a = 0; a < m->nactors; a++) {
        double standing = 0;
        ot_standing(m, (ot_id)a, &standing);
        jw_open(w, NULL, '{', 1);
        jw_str(w, "id", aid(r, (ot_id)a));
        jw_str(w, "name", aname(r, (ot_id)a));
        jw_str(w, "organisation", oid(r, m->actors[a].org));
        jw_str(w, "layer", lname(r, m->actors[a].layer));
        jw_str(w, "superior", aid(r, m->actors[a].superior));
        jw_num(w, "standing", standing);
        jw_bool(w, "active", !oti_actor_left(m, (ot_id)a));
        jw_close(w, '}');
    }
    jw_close(w, ']');
}


/* Top pairs sorted by their organisations' ids. */
static int sorted_top_pairs(const ot_model *m, uint32_t **out, size_t *n)
{
    size_t k = 0;
    uint32_t *ids = oti_malloc((m->npairs + 1) * sizeof *ids);
    if (!ids)
        return -1;
    for (size_t p = 0; p < m->npairs; p++)
        if (m->pairs[p].flags & OTI_PAIR_TOP)
            ids[k++] = (uint32_t)p;
    /* insertion sort: pairs are few, and this needs no qsort context */
    for (size_t i = 1; i < k; i++) {
        uint32_t v = ids[i];
        size_t j = i;
        while (j > 0 && (m->pairs[ids[j - 1]].lo > m->pairs[v].lo ||
                         (m->pairs[ids[j - 1]].lo == m->pairs[v].lo && m->pairs[ids[j - 1]].hi > m->pairs[v].hi))) {
            ids[j] = ids[j - 1];
            j--;
        }
        ids[j] = v;
    }
    *out = ids;
    *n = k;
    return 0;
}

static int write_pairs(report *r)
{
    const ot_model *m = r->m;
    jw *w = &r->w;
    uint32_t *pairs;
    size_t np;
    if (sorted_top_pairs(m, &pairs, &np))
        return oti_nomem(FN);
    jw_open(w, "organisation_pairs", '[', 0);
    for (size_t i = 0; i < np; i++) {
        ot_id a = m->pairs[pairs[i]].lo, b = m->pairs[pairs[i]].hi;
        double ra = 0, rb = 0, ba = 0, bb = 0;
        ot_reputation(m, a, b, OT_NONE, &ra);
        ot_reputation(m, b, a, OT_NONE, &rb);
        ot_backing(m, a, b, &ba);
        ot_backing(m, b, a, &bb);
        jw_open(w, NULL, '{', 0);
        jw_str(w, "a", oid(r, a));
        jw_str(w, "b", oid(r, b));
        jw_open(w, "reputation", '{', 1);
        jw_num(w, "a_to_b", ra);
        jw_num(w, "b_to_a", rb);
        jw_close(w, '}');
        jw_open(w, "backing", '{', 1);
        jw_num(w, "a_to_b", ba);
        jw_num(w, "b_to_a", bb);
        jw_close(w, '}');
        jw_open(w, "layer_trust", '[', 0);
        for (unsigned l = 0; l < m->cfg.nlayers; l++) {
            double v;
            if (ot_layer_trust(m, a, b, l, &v) != OT_OK)
                continue;
            jw_open(w, NULL, '{', 1);
            jw_str(w, "layer", lname(r, l));
            jw_num(w, "trust", v);
            jw_close(w, '}');
        }
        jw_close(w, ']');
        jw_open(w, "hazards", '[', 0);
        for (size_t q = 0; q < m->ndiag; q++) {
            const oti_tie *e = &m->ties[m->diag[q]];
            if (e->leaf == OT_NONE || m->pairs[e->leaf].top != pairs[i])
                continue;
            ot_id hi = m->actors[e->a].layer > m->actors[e->b].layer ? e->a : e->b;
            ot_id lo = hi == e->a ? e->b : e->a;
            jw_open(w, NULL, '{', 1);
            jw_open(w, "between", '[', 1);
            jw_str(w, NULL, aid(r, e->a));
            jw_str(w, NULL, aid(r, e->b));
            jw_close(w, ']');
            jw_str(w, "higher", aid(r, hi));
            jw_str(w, "compromised_up_to_layer", lname(r, m->actors[lo].layer));
            jw_close(w, '}');
        }
        jw_close(w, ']');
        jw_close(w, '}');
    }
    jw_close(w, ']');
    oti_free(pairs);
    return OT_OK;
}

static void write_direction(report *r, ot_id x, ot_id y)
{
    const ot_model *m = r->m;
    jw *w = &r->w;
    double T = 0, TW = 0, ET = 0;
    int lim = OT_LIMIT_PERSON, dark = 0;
    ot_trust(m, x, y, &T);
    ot_trustworthiness(m, x, y, &TW);
    ot_effective_trust(m, x, y, &ET, &lim);
    ot_dark_side(m, x, y, &dark);
    jw_open(w, NULL, '{', 1);
    jw_str(w, "truster", aid(r, x));
    jw_str(w, "trustee", aid(r, y));
    jw_num(w, "trust", T);
    jw_num(w, "trustworthiness", TW);
    jw_num(w, "effective_trust", ET);
    jw_str(w, "limit", oti_name_of(&oti_limit_names, lim));
    jw_str(w, "limit_plain", oti_value_plain("limit", &oti_limit_names, lim));
    jw_bool(w, "dark_side", dark);
    double sc = 0, sp = 0, C = 1;
    ot_scars(m, x, y, &sc, &sp);
    ot_ceiling(m, x, y, &C);
    jw_num(w, "scar", sc);
    jw_num(w, "deception_scar", sp);
    jw_num(w, "ceiling", C);
    jw_close(w, '}');
}

static void write_ties(report *r)
{
    const ot_model *m = r->m;
    jw *w = &r->w;
    static const int ORDER[4] = {OT_HORIZONTAL, OT_DIAGONAL, OT_VERTICAL, OT_INTERNAL};
    jw_open(w, "ties", '{', 0);
    for (int c = 0; c < 4; c++) {
        jw_open(w, oti_name_of(&oti_class_names, ORDER[c]), '[', 0);
        for (size_t t = 0; t < m->nties; t++) {
            const oti_tie *e = &m->ties[t];
            if (oti_tie_cls(m, e) != ORDER[c])
                continue;
            int basis = 0;
            double D = 0;
            ot_cooperation_basis(m, e->a, e->b, &basis);
            ot_damping(m, e->a, e->b, &D);
            jw_open(w, NULL, '{', 0);
            jw_open(w, "between", '[', 1);
            jw_str(w, NULL, aid(r, e->a));
            jw_str(w, NULL, aid(r, e->b));
            jw_close(w, ']');
            jw_str(w, "layer", lname(r, e->layer));
            jw_num(w, "intensity", oti_tie_w(m, e));
            jw_num(w, "affect", oti_tie_affect(m, e));
            jw_num(w, "uncertainty", oti_tie_uncertainty(m, e));
            jw_open(w, "directions", '[', 0);
            write_direction(r, e->a, e->b);
            write_direction(r, e->b, e->a);
            jw_close(w, ']');
            jw_str(w, "cooperation_basis", oti_name_of(&oti_basis_names, basis));
            jw_str(w, "cooperation_basis_plain", oti_value_plain("cooperation_basis", &oti_basis_names, basis));
            jw_num(w, "damping", D);
            jw_int(w, "open_disruptions", e->open);
            jw_bool(w, "active", !oti_tie_ended(e));
            jw_close(w, '}');
        }
        jw_close(w, ']');
    }
    jw_close(w, '}');
}

static int write_bridge(report *r)
{
    const ot_model *m = r->m;
    jw *w = &r->w;
    ot_id *seen = oti_malloc((m->norgs + 1) * sizeof *seen);
    if (!seen)
        return oti_nomem(FN);
    jw_open(w, "bridge", '[', 0);
    for (size_t i = 0; i < m->nactors; i++) {
        const oti_actor *A = &m->actors[i];
        size_t nseen = 0;
        for (uint32_t id = oti_tie_first(m, (ot_id)i); id != OT_NONE; id = oti_tie_next(m, (ot_id)i, id)) {
            const oti_tie *e = &m->ties[id];
            if (e->leaf == OT_NONE)
                continue;
            ot_id j = e->a == i ? e->b : e->a, side, other;
            oti_org_sides(m, A->org, m->actors[j].org, &side, &other);
            size_t s = 0;
            while (s < nseen && seen[s] != other)
                s++;
            if (s < nseen)
                continue;
            seen[nseen++] = other;
            double gap = 0, standing = 0;
            int on = 0;
            ot_bridge_gap(m, (ot_id)i, other, &gap, &on);
            if (!on)
                continue;
            ot_standing(m, (ot_id)i, &standing);
            jw_open(w, NULL, '{', 1);
            jw_str(w, "actor", aid(r, (ot_id)i));
            jw_str(w, "organisation", oid(r, other));
            jw_num(w, "gap", gap);
            jw_num(w, "standing", standing);
            jw_close(w, '}');
        }
    }
    jw_close(w, ']');
    oti_free(seen);
    return OT_OK;
}

/* The words of term `key` with its slots filled (lib/words.c) at out. */
static void say_term(const char *key, const char *const *slots, size_t n, char *out, size_t size)
{
    unsigned t = 0;
    if (size == 0 || ot_term_find(key, &t) != OT_OK || ot_term_fill(t, slots, n, out, size, NULL) != OT_OK)
        snprintf(out, size, "%s", "?");
}

/* The model's term of `key` ("status.compromised" -> "compromised"). */
static const char *term_of(const char *key)
{
    unsigned t = 0;
    const char *term = "?";
    if (ot_term_find(key, &t) == OT_OK)
        ot_term_info(t, NULL, &term, NULL, NULL);
    return term;
}

/* One step of a path as a case manager reads it, in the words of the
 * vocabulary: "step 1 (managerial): Marco and Henk: compromised: diagonal
 * tie: Henk also works directly with Waterschap's operational staff". */
static void step_text(const report *r, const oti_disruption *d, const ot_escalation_step *s, size_t k, char *out,
                      size_t size)
{
    const ot_model *m = r->m;
    const oti_tie *e = &m->ties[d->tie];
    ot_id i = d->observer, j = e->a == i ? e->b : e->a;
    char key[64];
    snprintf(key, sizeof key, "status.%s", oti_name_of(&oti_step_names, s->status));
    int n = snprintf(out, size, "step %zu (%s): %s and %s: %s: ", k + 1, lname(r, s->layer),
                     s->x == OT_NONE ? "nobody" : aname(r, s->x), s->y == OT_NONE ? "nobody" : aname(r, s->y),
                     term_of(key));
    if (n < 0 || (size_t)n >= size)
        return;
    out += n;
    size -= (size_t)n;
    char xy[32], yx[32], theta[32];
    double a = 0, b = 0;
    if (s->x != OT_NONE && s->y != OT_NONE) {
        ot_trust(m, s->x, s->y, &a);
        ot_trust(m, s->y, s->x, &b);
    }
    snprintf(xy, sizeof xy, "%.2f", a);
    snprintf(yx, sizeof yx, "%.2f", b);
    snprintf(theta, sizeof theta, "%.2f", OTI_P(m, ESCALATION_THRESHOLD));
    if (s->status == OT_STEP_NO_SUPERIOR) {
        const char *slots[] = {"who", aname(r, s->x == OT_NONE ? i : j)};
        say_term(key, slots, 1, out, size);
    } else if (s->status == OT_STEP_COMPROMISED) {
        ot_id who = s->reason == OT_REASON_PARTY ? (s->x == i || s->x == j ? s->x : s->y) : s->x;
        const char *reason = s->reason == OT_REASON_DIAGONAL ? "reason.diagonal" : "reason.party";
        unsigned ml = 0;
        ot_id other = OT_NONE, side = OT_NONE;
        if (s->reason == OT_REASON_DIAGONAL) {
            /* which of the two works across, and with whom at the lowest */
            uint32_t top = m->pairs[e->leaf].top;
            unsigned L0 = m->actors[i].layer < m->actors[j].layer ? m->actors[i].layer : m->actors[j].layer;
            uint32_t ap = oti_apair_lookup(m, s->x, top);
            if (ap == UINT32_MAX || m->apairs[ap].min_layer > L0)
                who = s->y, ap = oti_apair_lookup(m, s->y, top);
            ml = ap == UINT32_MAX ? L0 : m->apairs[ap].min_layer;
            /* who's side, and the other organisation of the pair */
            oti_org_sides(m, m->actors[who].org, m->actors[who == s->x ? j : i].org, &side, &other);
        }
        const char *slots[] = {"who", aname(r, who), "org", other == OT_NONE ? "?" : m->orgs[other].name,
                               "layer", lname(r, ml)};
        n = snprintf(out, size, "%s: ", term_of(reason));
        if (n >= 0 && (size_t)n < size)
            say_term(reason, slots, 3, out + n, size - (size_t)n);
    } else {
        const char *slots[] = {"xy", xy, "yx", yx, "threshold", theta};
        say_term(key, slots, 3, out, size);
    }
}

/* Where a disruption stands on the ladder (docs/model.md, section 14). */
static void write_ladder(report *r, ot_id d)
{
    const ot_model *m = r->m;
    jw *w = &r->w;
    unsigned layer = 0;
    ot_id x = OT_NONE, y = OT_NONE;
    double since = 0, due = 0;
    int action = OT_ADVICE_NONE;
    ot_escalation_step s;
    ot_disruption_level(m, d, &layer, &x, &y, &since);
    ot_disruption_due(m, d, &due);
    ot_disruption_advice(m, d, &action, &s);
    jw_str(w, "level", lname(r, layer));
    jw_open(w, "handlers", '[', 1);
    jw_str(w, NULL, aid(r, x));
    jw_str(w, NULL, aid(r, y));
    jw_close(w, ']');
    jw_num(w, "level_since", since);
    jw_date(r, "level_since_date", since);
    jw_num(w, "due", due);
    jw_date(r, "due_date", due);
    jw_bool(w, "overdue", m->now > due);
    jw_str(w, "next_action", oti_name_of(&oti_advice_names, action));
    jw_str(w, "next_action_plain", oti_value_plain("next_action", &oti_advice_names, action));
    if (action == OT_ADVICE_REFER) {
        jw_open(w, "refer_to", '{', 1);
        jw_str(w, "layer", lname(r, s.layer));
        jw_str(w, "x", aid(r, s.x));
        jw_str(w, "y", aid(r, s.y));
        jw_close(w, '}');
    } else {
        jw_str(w, "refer_to", NULL);
    }
}

static void write_disruptions(report *r)
{
    const ot_model *m = r->m;
    jw *w = &r->w;
    char text[1024];
    jw_open(w, "open_disruptions", '[', 0);
    for (size_t k = 0; k < m->ndisr; k++) {
        const oti_disruption *d = &m->disr[k];
        if (d->status != OT_OPEN)
            continue;
        const oti_tie *e = &m->ties[d->tie];
        ot_id i = d->observer, j = e->a == i ? e->b : e->a;
        double now = m->now, T = e->d[e->a == i ? 0 : 1].T;
        char id[48];
        jw_open(w, NULL, '{', 0);
        jw_str(w, "id", oti_disruption_id(m, (ot_id)k, id));
        jw_str(w, "observer", aid(r, i));
        jw_str(w, "other", aid(r, j));
        jw_str(w, "kind", oti_name_of(&oti_disruption_names, d->kind));
        jw_str(w, "kind_plain", oti_value_plain("kind", &oti_disruption_names, d->kind));
        jw_num(w, "severity", d->severity);
        jw_bool(w, "separated", d->separated);
        jw_num(w, "opened", d->t_open);
        jw_date(r, "opened_date", d->t_open);
        if (d->surfaced) {
            jw_num(w, "surfaced", d->t_surfaced);
            jw_date(r, "surfaced_date", d->t_surfaced);
        } else {
            jw_str(w, "surfaced", NULL);
        }
        jw_bool(w, "escalation_failed", d->failed);
        jw_str(w, "response", oti_name_of(&oti_response_names, d->response));
        jw_str(w, "response_plain", oti_value_plain("response", &oti_response_names, d->response));
        const char *truth = d->truth == OTI_TRUTH_UNKNOWN ? NULL : d->truth == OTI_TRUTH_GUILTY ? "guilty" : "innocent";
        jw_str(w, "revealed", truth);
        jw_str(w, "revealed_plain", !truth ? NULL : oti_term_plain(d->truth == OTI_TRUTH_GUILTY ? "revealed.guilty"
                                                                                              : "revealed.innocent"));
        jw_num(w, "trust_before", d->t_before);
        jw_num(w, "trust_now", T);
        jw_num(w, "freshness", oti_freshness(m, d, now));
        write_ladder(r, (ot_id)k);
        ot_escalation_step steps[OTI_MAX_LAYERS];
        size_t n = 0, rec = SIZE_MAX;
        if (e->leaf == OT_NONE) {
            jw_str(w, "escalation_path", NULL);
            jw_str(w, "recommended_step", NULL);
            jw_str(w, "advice", "an internal matter: it goes to the colleagues' common superior; repair it at its "
                                "own layer");
        } else {
            ot_escalation_path(m, d->tie, steps, OTI_MAX_LAYERS, &n);
            if (n > OTI_MAX_LAYERS)
                n = OTI_MAX_LAYERS;
            jw_open(w, "escalation_path", '[', 0);
            for (size_t s = 0; s < n; s++) {
                ot_escalation_step *st = &steps[s];
                if (e->a != i) { /* x on the observer's side */
                    ot_id t = st->x;
                    st->x = st->y;
                    st->y = t;
                }
                if (st->status == OT_STEP_OK && rec == SIZE_MAX)
                    rec = s;
                step_text(r, d, st, s, text, sizeof text);
                jw_open(w, NULL, '{', 1);
                jw_int(w, "step", s + 1);
                jw_str(w, "layer", lname(r, st->layer));
                jw_str(w, "x", aid(r, st->x));
                jw_str(w, "y", aid(r, st->y));
                jw_str(w, "status", oti_name_of(&oti_step_names, st->status));
                jw_str(w, "status_plain", oti_value_plain("status", &oti_step_names, st->status));
                jw_str(w, "reason", st->reason ? oti_name_of(&oti_reason_names, st->reason) : NULL);
                jw_str(w, "reason_plain", st->reason ? oti_value_plain("reason", &oti_reason_names, st->reason) : NULL);
                jw_str(w, "text", text);
                jw_close(w, '}');
            }
            jw_close(w, ']');
            if (rec == SIZE_MAX) {
                jw_str(w, "recommended_step", NULL);
                jw_str(w, "advice", "no step is healthy: escalating would fail and the trouble would spill down onto "
                                    "both; repair it at its own layer, the sooner the better");
            } else {
                jw_int(w, "recommended_step", rec + 1);
                snprintf(text, sizeof text, "escalate jointly to step %zu (%s): %s and %s", rec + 1,
                         lname(r, steps[rec].layer), aname(r, steps[rec].x), aname(r, steps[rec].y));
                jw_str(w, "advice", text);
            }
        }
        jw_close(w, '}');
    }
    jw_close(w, ']');
}

OT_API int ot_report_json(const ot_model *m, char **json, size_t *len)
{
    int rc;
    if ((rc = oti_check_model(m, FN)) || (rc = oti_check_out(json, FN, "json")))
        return rc;
    report r;
    memset(&r, 0, sizeof r);
    r.m = m;
    if ((rc = oti_unique_ids(m, &r.org, &r.actor, FN)))
        goto out;
    jw *w = &r.w;
    size_t open = 0, events = 0;
    for (size_t k = 0; k < m->ndisr; k++)
        open += m->disr[k].status == OT_OPEN;
    ot_model_count(m, OT_EVENTS, &events);
    jw_open(w, NULL, '{', 0);
    jw_int(w, "orgtrust_report", 1);
    if (ot_model_description(m))
        jw_str(w, "description", ot_model_description(m));
    if (ot_model_epoch(m))
        jw_str(w, "epoch", ot_model_epoch(m));
    jw_num(w, "time", m->now);
    jw_date(&r, "date", m->now);
    jw_open(w, "counts", '{', 1);
    jw_int(w, "organisations", m->norgs);
    jw_int(w, "actors", m->nactors);
    jw_int(w, "ties", m->nties);
    jw_int(w, "disruptions", m->ndisr);
    jw_int(w, "open_disruptions", open);
    jw_int(w, "events", events);
    jw_int(w, "ended_ties", m->life.nended);
    jw_int(w, "departed_actors", m->life.nleft);
    jw_close(w, '}');
    write_structure(&r);
    if ((rc = write_pairs(&r)))
        goto out;
    write_ties(&r);
    if ((rc = write_bridge(&r)))
        goto out;
    write_disruptions(&r);
    jw_close(w, '}');
    oti_buf_str(&w->b, "\n");
    rc = oti_buf_finish(&w->b, json, len, FN);
out:
    oti_buf_release(&r.w.b);
    oti_strmap_free(&r.org);
    oti_strmap_free(&r.actor);
    return rc;
}
