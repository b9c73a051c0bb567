/* Loading scenario files (docs/scenario.md): the whole model as JSON.
 *
 * The model is built through the public API, so every value is validated
 * by the same code as a caller's; a failing call's message gets the place
 * in the file in front of it ("events[12]: ot_observe: ..."). Any error
 * frees what was built: no model is returned.
 *
 * The top-level object is parsed by jansson with the events array left
 * out; the events are then parsed one at a time (lib/scenario_scan.c finds
 * them), so a million events cost a million small trees, one at a time,
 * not one huge tree.
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include "alloc.h"
#include "error.h"
#include "event.h"
#include "kinds.h"
#include "names.h"
#include "scenario_limits.h"
#include "scenario_map.h"
#include "scenario_scan.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Documents up to this size have their syntax errors found by parsing
 * them whole with jansson (the exact message); beyond it the scanner's
 * own message is given, so a broken huge file never becomes a huge tree. */
#define WHOLE_PARSE_MAX ((size_t)8 << 20)

/* ---- keys ------------------------------------------------------------- */

enum key {
    K_ADD_ACTOR, K_ADD_ORG, K_ADD_TIE, K_AFFECT, K_BETWEEN, K_CONSULT, K_DISRUPT, K_ESCALATE,
    K_GENERAL_RULE, K_ID, K_INTENSITY, K_LAYER, K_LIAISONS, K_MAGNITUDE, K_MODE, K_NAME,
    K_NOTE, K_OBSERVE, K_OBSERVER, K_ORG, K_OTHER, K_PARENT, K_PROPENSITY, K_REPAIR,
    K_SEPARATED, K_SET_PROPENSITY, K_SET_SUPERIOR, K_SET_TIE, K_SEVERITY, K_SUPERIOR, K_T, K_TRUSTEE,
    K_TRUSTER, K_UNCERTAINTY, NKEYS
};

/* Sorted, for bsearch. */
static const char *const KEYS[NKEYS] = {
    "add_actor", "add_org", "add_tie", "affect", "between", "consult", "disrupt", "escalate",
    "general_rule", "id", "intensity", "layer", "liaisons", "magnitude", "mode", "name",
    "note", "observe", "observer", "org", "other", "parent", "propensity", "repair",
    "separated", "set_propensity", "set_superior", "set_tie", "severity", "superior", "t", "trustee",
    "truster", "uncertainty",
};

#define B(k) ((uint64_t)1 << (k))

static int key_of(const char *s)
{
    int lo = 0, hi = NKEYS - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2, c = strcmp(s, KEYS[mid]);
        if (c == 0)
            return mid;
        if (c < 0)
            hi = mid - 1;
        else
            lo = mid + 1;
    }
    return -1;
}

/* The keys of one object, by enum key. */
#define MAX_EXTRA 8 /* keys of an event-table field that KEYS does not list, in one object */

typedef struct fields {
    uint64_t has;
    json_t *v[NKEYS];
    /* Keys of the event table's fields that KEYS lacks (a new event type's
     * own), by name. */
    const char *xkey[MAX_EXTRA];
    json_t *xv[MAX_EXTRA];
    unsigned nx;
} fields;

/* Where we are: "events[12]" or "config" (index SIZE_MAX). The document
 * (when the scanner saw it) gives messages their line: `at` is the offset
 * of the element when known, else it is looked up (on the error path). */
typedef struct where {
    const char *list;
    size_t index;
    const oti_scan *sc;
    size_t at;
} where;

#define WHERE(list, sc) ((where){(list), SIZE_MAX, (sc), SIZE_MAX})

typedef struct loader {
    const oti_scan *sc;
    ot_model *m;
    oti_strmap orgs, actors, disr;
    unsigned nlayers;
} loader;

/* ---- messages ----------------------------------------------------------- */

/* The offset in the document of w (and its key), or SIZE_MAX. */
static size_t offset_of(const where *w, const char *key)
{
    const oti_scan *sc = w->sc;
    if (!sc)
        return SIZE_MAX;
    size_t off = w->at, top = oti_scan_ws(sc->s, sc->n, 0), key_at = SIZE_MAX;
    if (off == SIZE_MAX) {
        off = oti_scan_member(sc->s, sc->n, top, w->list, &key_at);
        if (w->index != SIZE_MAX)
            off = oti_scan_element(sc->s, sc->n, off, w->index);
        else if (off != SIZE_MAX && (!key || sc->s[off] != '{'))
            off = key_at; /* a top-level member: the line of its name */
    }
    if (off == SIZE_MAX || !key)
        return off;
    /* The key's first part ("consult" of "consult[1]"). */
    char part[64];
    size_t n = strcspn(key, ".[");
    if (n >= sizeof part)
        return off;
    memcpy(part, key, n);
    part[n] = '\0';
    size_t at = SIZE_MAX;
    return oti_scan_member(sc->s, sc->n, off, part, &at) == SIZE_MAX ? off : at;
}

static int place(const where *w, const char *key, char *out, size_t size)
{
    size_t off = offset_of(w, key);
    int k = 0;
    if (off != SIZE_MAX) {
        unsigned long line, col;
        oti_scan_locate(w->sc->s, w->sc->n, off, &line, &col);
        k = snprintf(out, size, "line %lu: ", line);
        if (k < 0 || (size_t)k >= size)
            k = 0;
        out += k;
        size -= (size_t)k;
    }
    if (w->index == SIZE_MAX)
        return snprintf(out, size, "%s%s%s", w->list, key ? "." : "", key ? key : "");
    return snprintf(out, size, "%s[%zu]%s%s", w->list, w->index, key ? "." : "", key ? key : "");
}

/* Say "<place>: <message>" for a failure with `status`. */
static void say(int status, const where *w, const char *key, const char *fmt, ...) OTI_PRINTF(4, 5);
static void say(int status, const where *w, const char *key, const char *fmt, ...)
{
    char msg[512], at[192];
    va_list ap;
    va_start(ap, fmt);
    /* clang-analyzer 14 misreads va_start on x86-64's array-typed va_list. */
    vsnprintf(msg, sizeof msg, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized)
    va_end(ap);
    place(w, key, at, sizeof at);
    oti_fail(status, "%s: %s", at, msg);
}

/* Fail with "<place>: <message>". A macro, so the status returned is visible
 * at the call (the static analyzer does not follow variadic functions). */
#define bad(status, ...) (say((status), __VA_ARGS__), (status))

/* A library call failed: say where it came from. */
static int call(const where *w, int rc)
{
    if (rc) {
        char at[192];
        place(w, NULL, at, sizeof at);
        oti_error_prefix("%s: ", at);
    }
    return rc;
}

static void key_list(uint64_t mask, char *out, size_t size)
{
    size_t len = 0;
    out[0] = '\0';
    for (int k = 0; k < NKEYS; k++)
        if (mask & B(k)) {
            int n = snprintf(out + len, size - len, "%s%s", len ? ", " : "", KEYS[k]);
            if (n < 0 || (size_t)n >= size - len)
                break;
            len += (size_t)n;
        }
}

/* ---- values ------------------------------------------------------------- */

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

static int want_id(const where *w, const char *key, const json_t *v, const char **s)
{
    if (!json_is_string(v))
        return bad(OT_EFORMAT, w, key, "an id is a string, not %s", type_name(v));
    size_t n = json_string_length(v);
    if (n == 0)
        return bad(OT_EFORMAT, w, key, "an id is not empty");
    if (n > OTI_SC_MAX_ID)
        return bad(OT_ELIMIT, w, key, "the id is %zu bytes long; ids are at most %d bytes", n, OTI_SC_MAX_ID);
    *s = json_string_value(v);
    if (strlen(*s) != n)
        return bad(OT_EFORMAT, w, key, "an id contains no NUL character");
    return OT_OK;
}

static int want_number(const where *w, const char *key, const json_t *v, double *out)
{
    if (!json_is_number(v))
        return bad(OT_EFORMAT, w, key, "a number is expected, not %s", type_name(v));
    *out = json_number_value(v);
    return OT_OK;
}

static int want_string(const where *w, const char *key, const json_t *v, const char **out)
{
    if (!json_is_string(v))
        return bad(OT_EFORMAT, w, key, "a string is expected, not %s", type_name(v));
    *out = json_string_value(v);
    if (strlen(*out) != json_string_length(v))
        return bad(OT_EFORMAT, w, key, "the string contains a NUL character");
    return OT_OK;
}

/* A time: a number of days, or with an epoch an ISO date or date-time. */
static int want_time(loader *ld, const where *w, const char *what, const json_t *v, double *out)
{
    if (!json_is_string(v))
        return want_number(w, "t", v, out);
    char q[80];
    const char *s = json_string_value(v);
    if (!ot_model_epoch(ld->m))
        return bad(OT_EFORMAT, w, "t", "%s has the date %s as its time, but the scenario has no \"epoch\" (add "
                   "\"epoch\": \"YYYY-MM-DD\" at the top level, or give t in days)", what, oti_quote(s, q));
    if (strlen(s) != json_string_length(v) || ot_model_day(ld->m, s, out))
        return bad(OT_EINVAL, w, "t", "%s has the time %s, which is neither a number of days nor an ISO 8601 date "
                   "(\"2025-03-14\") or date-time (\"2025-03-14T09:30\", UTC)", what, oti_quote(s, q));
    return OT_OK;
}

/* The note of an entry or event, on the event just made. */
static int take_note(loader *ld, const where *w, const json_t *note)
{
    const char *s = NULL;
    int rc;
    if (!note)
        return OT_OK;
    if ((rc = want_string(w, "note", note, &s)))
        return rc;
    rc = ot_note(ld->m, s);
    if (rc) {
        char at[192];
        place(w, "note", at, sizeof at);
        oti_error_prefix("%s: ", at);
    }
    return rc;
}

/* A reference to an earlier id of a kind; null gives OT_NONE when allowed. */
static int want_ref(const where *w, const char *key, const json_t *v, const oti_strmap *map, const char *kind,
                    int nullable, ot_id *out)
{
    if (nullable && json_is_null(v)) {
        *out = OT_NONE;
        return OT_OK;
    }
    if (!json_is_string(v))
        return bad(OT_EFORMAT, w, key, "%s id (a string%s) is expected, not %s", kind, nullable ? " or null" : "",
                   type_name(v));
    uint32_t id = oti_strmap_get(map, json_string_value(v), json_string_length(v));
    if (id == UINT32_MAX) {
        char q[80];
        return bad(OT_ENOTFOUND, w, key, "unknown %s %s", kind, oti_quote(json_string_value(v), q));
    }
    *out = id;
    return OT_OK;
}

/* An array of exactly two actor references. */
static int want_two(const where *w, const char *key, const json_t *v, const oti_strmap *actors, int nullable,
                    ot_id out[2])
{
    if (!json_is_array(v) || json_array_size(v) != 2)
        return bad(OT_EFORMAT, w, key, "two actor ids [\"a\", \"b\"] are expected, not %s%s",
                   json_is_array(v) ? "an array of " : type_name(v), json_is_array(v) ? "another length" : "");
    char k[64];
    for (size_t i = 0; i < 2; i++) {
        snprintf(k, sizeof k, "%s[%zu]", key, i);
        int rc = want_ref(w, k, json_array_get(v, i), actors, "actor", nullable, &out[i]);
        if (rc)
            return rc;
    }
    return OT_OK;
}

static int want_enum(const where *w, const char *key, const json_t *v, const oti_names *t, const char *what,
                     int *out)
{
    int val = json_is_string(v) ? oti_value_of(t, json_string_value(v)) : -1;
    if (val < 0) {
        char list[256], q[80];
        oti_names_list(t, list, sizeof list);
        if (!json_is_string(v))
            return bad(OT_EFORMAT, w, key, "%s name (a string) is expected, not %s; one of %s", what, type_name(v),
                       list);
        return bad(OT_EINVAL, w, key, "unknown %s %s; one of %s", what, oti_quote(json_string_value(v), q), list);
    }
    *out = val;
    return OT_OK;
}

/* Collect an object's keys; every key must be known and allowed. */
/* 1 when some event type of the table has a field named key. */
static int event_field_key(const char *key)
{
    for (unsigned t = 1; t <= OTI_EV_LAST; t++)
        for (const oti_ev_field *e = oti_events[t].field; e < oti_events[t].field + OTI_EV_MAX_FIELDS && e->key; e++)
            if (strcmp(e->key, key) == 0)
                return 1;
    return 0;
}

/* The value of key in f, or NULL. */
static json_t *field_of(const fields *f, const char *key)
{
    int k = key_of(key);
    if (k >= 0)
        return f->has & B(k) ? f->v[k] : NULL;
    for (unsigned i = 0; i < f->nx; i++)
        if (strcmp(f->xkey[i], key) == 0)
            return f->xv[i];
    return NULL;
}

static int get_fields(const where *w, const json_t *obj, const char *what, fields *f)
{
    if (!json_is_object(obj))
        return bad(OT_EFORMAT, w, NULL, "%s is an object, not %s", what, type_name(obj));
    f->has = 0;
    f->nx = 0;
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v)
    {
        int k = key_of(key);
        if (k < 0 && event_field_key(key) && f->nx < MAX_EXTRA) {
            f->xkey[f->nx] = key;
            f->xv[f->nx++] = v;
            continue;
        }
        if (k < 0) {
            char q[80];
            return bad(OT_EFORMAT, w, NULL, "unknown key %s in %s", oti_quote(key, q), what);
        }
        f->has |= B(k);
        f->v[k] = v;
    }
    return OT_OK;
}

/* The keys present are exactly those required plus some optional ones. */
static int check_keys(const where *w, const fields *f, const char *what, uint64_t required, uint64_t optional)
{
    char list[400];
    uint64_t extra = f->has & ~(required | optional), missing = required & ~f->has;
    if (extra) {
        int k = __builtin_ctzll(extra);
        key_list(required | optional, list, sizeof list);
        if (k == K_T)
            return bad(OT_EFORMAT, w, "t", "%s takes no time (structure changes are not timed); it takes %s", what,
                       list);
        return bad(OT_EFORMAT, w, NULL, "key \"%s\" does not belong in %s; it takes %s", KEYS[k], what, list);
    }
    if (missing) {
        key_list(required, list, sizeof list);
        return bad(OT_EFORMAT, w, NULL, "%s needs \"%s\" (it needs %s)", what, KEYS[__builtin_ctzll(missing)], list);
    }
    if ((f->has & B(K_NOTE)) && !json_is_string(f->v[K_NOTE]))
        return bad(OT_EFORMAT, w, "note", "a note is a string, not %s", type_name(f->v[K_NOTE]));
    return OT_OK;
}

/* ---- structure ---------------------------------------------------------- */

static int add_id(const where *w, const char *key, oti_strmap *map, const char *s, const char *kind, uint32_t v)
{
    char q[80];
    size_t n = strlen(s);
    if (oti_strmap_get(map, s, n) != UINT32_MAX)
        return bad(OT_EEXIST, w, key, "%s id %s is already taken", kind, oti_quote(s, q));
    if (oti_strmap_add(map, s, n, v))
        return oti_nomem("ot_scenario_load");
    return OT_OK;
}

/* An organisation; `idk` is the key holding its id ("id" or "add_org"). */
static int make_org(loader *ld, const where *w, const fields *f, int idk)
{
    const char *id = NULL, *name = NULL;
    ot_id parent = OT_NONE, org = OT_NONE;
    int rc;
    if ((rc = want_id(w, KEYS[idk], f->v[idk], &id)))
        return rc;
    name = id;
    if ((f->has & B(K_NAME)) && (rc = want_string(w, "name", f->v[K_NAME], &name)))
        return rc;
    if ((f->has & B(K_PARENT)) && (rc = want_ref(w, "parent", f->v[K_PARENT], &ld->orgs, "organisation", 1, &parent)))
        return rc;
    if ((rc = add_id(w, KEYS[idk], &ld->orgs, id, "the organisation", (uint32_t)ld->m->norgs)))
        return rc;
    return call(w, ot_org_add(ld->m, name, parent, &org));
}

static int want_layer(loader *ld, const where *w, const json_t *v, unsigned *out)
{
    if (json_is_integer(v)) {
        json_int_t l = json_integer_value(v);
        if (l < 0 || l >= (json_int_t)ld->nlayers)
            return bad(OT_EINVAL, w, "layer", "layer %lld does not exist; the layers are 0 to %u", (long long)l,
                       ld->nlayers - 1);
        *out = (unsigned)l;
        return OT_OK;
    }
    if (json_is_string(v)) {
        for (unsigned l = 0; l < ld->nlayers; l++)
            if (strcmp(ot_layer_name(ld->m, l), json_string_value(v)) == 0) {
                *out = l;
                return OT_OK;
            }
        char list[400], q[80];
        size_t len = 0;
        list[0] = '\0';
        for (unsigned l = 0; l < ld->nlayers && len < sizeof list; l++)
            len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", l ? ", " : "", ot_layer_name(ld->m, l));
        return bad(OT_EINVAL, w, "layer", "unknown layer %s; the layers are %s", oti_quote(json_string_value(v), q),
                   list);
    }
    return bad(OT_EFORMAT, w, "layer", "a layer is an index or a name, not %s", type_name(v));
}

static int make_actor(loader *ld, const where *w, const fields *f, int idk)
{
    const char *id = NULL, *name = NULL;
    ot_id org = OT_NONE, sup = OT_NONE, actor = OT_NONE;
    unsigned layer = 0;
    double p = 0.0;
    int rc;
    if ((rc = want_id(w, KEYS[idk], f->v[idk], &id)))
        return rc;
    name = id;
    if (((f->has & B(K_NAME)) && (rc = want_string(w, "name", f->v[K_NAME], &name))) ||
        (rc = want_ref(w, "org", f->v[K_ORG], &ld->orgs, "organisation", 0, &org)) ||
        ((f->has & B(K_LAYER)) && (rc = want_layer(ld, w, f->v[K_LAYER], &layer))) ||
        ((f->has & B(K_SUPERIOR)) && (rc = want_ref(w, "superior", f->v[K_SUPERIOR], &ld->actors, "actor", 1, &sup))) ||
        ((f->has & B(K_PROPENSITY)) && (rc = want_number(w, "propensity", f->v[K_PROPENSITY], &p))))
        return rc;
    if ((f->has & B(K_PROPENSITY)) && !(p >= 0.0 && p <= 1.0))
        return bad(OT_EINVAL, w, "propensity", "%.17g is out of range; a propensity is in [0, 1]", p);
    if ((rc = add_id(w, KEYS[idk], &ld->actors, id, "the actor", (uint32_t)ld->m->nactors)) ||
        (rc = call(w, ot_actor_add(ld->m, org, layer, sup, name, &actor))))
        return rc;
    if (f->has & B(K_PROPENSITY))
        return call(w, ot_actor_set_propensity(ld->m, actor, p));
    return OT_OK;
}

/* The tie attributes a tie entry or set_tie event gives, in ot_tie_attr
 * order (the keys are the attribute table's names). */
static int set_tie_attrs(loader *ld, const where *w, const fields *f, ot_id tie)
{
    for (int attr = 1; attr <= OTI_TIE_ATTR_LAST; attr++) {
        int key = key_of(oti_tie_attrs[attr].name);
        if (!(f->has & B(key)))
            continue;
        double v = 0.0;
        int rc;
        if ((rc = want_number(w, KEYS[key], f->v[key], &v)) || (rc = call(w, ot_tie_set(ld->m, tie, attr, v))))
            return rc;
    }
    return OT_OK;
}

static int make_tie(loader *ld, const where *w, const fields *f, int idk)
{
    ot_id ends[2] = {OT_NONE, OT_NONE}, tie = OT_NONE;
    int rc;
    if ((rc = want_two(w, KEYS[idk], f->v[idk], &ld->actors, 0, ends)))
        return rc;
    if (ends[0] == ends[1]) {
        char q[80];
        return bad(OT_EINVAL, w, KEYS[idk], "a tie joins two different actors, not %s with itself",
                   oti_quote(json_string_value(json_array_get(f->v[idk], 0)), q));
    }
    if (ot_tie_find(ld->m, ends[0], ends[1], &tie) == OT_OK) {
        char q1[80], q2[80];
        return bad(OT_EEXIST, w, KEYS[idk], "%s and %s already have a tie",
                   oti_quote(ld->m->actors[ends[0]].name, q1), oti_quote(ld->m->actors[ends[1]].name, q2));
    }
    if ((rc = call(w, ot_tie_add(ld->m, ends[0], ends[1], &tie))))
        return rc;
    return set_tie_attrs(ld, w, f, tie);
}

/* ---- events ------------------------------------------------------------- */

/* The tie between two referenced actors, with a message that names them. */
static int find_tie(loader *ld, const where *w, const char *key, const json_t *pair, const ot_id ends[2], ot_id *tie)
{
    if (ot_tie_find(ld->m, ends[0], ends[1], tie) == OT_OK)
        return OT_OK;
    char q1[80], q2[80];
    return bad(OT_ENOTFOUND, w, key, "actors %s and %s have no tie (add one under \"ties\" or with add_tie)",
               oti_quote(json_string_value(json_array_get(pair, 0)), q1),
               oti_quote(json_string_value(json_array_get(pair, 1)), q2));
}

/* Actors given as two keys (truster/trustee, observer/other) must share a tie. */
/* The actors of keys ka and kb (their values in f) share no tie: say so by
 * the file's keys and ids. */
static int need_tie(loader *ld, const where *w, const fields *f, const char *ka, const char *kb, const ot_id x[2])
{
    ot_id tie = OT_NONE;
    if (x[0] == x[1] || ot_tie_find(ld->m, x[0], x[1], &tie) == OT_OK)
        return OT_OK; /* the library says what is wrong with the same actor twice */
    char q1[80], q2[80];
    return bad(OT_ENOTFOUND, w, NULL, "%s %s and %s %s have no tie (add one under \"ties\" or with add_tie)", ka,
               oti_quote(json_string_value(field_of(f, ka)), q1), kb, oti_quote(json_string_value(field_of(f, kb)), q2));
}

/* ---- timed events, from their rows of the event table (lib/event.c) ---- */

/* "an observe event". */
static void event_what(const oti_event_desc *d, char *out, size_t size)
{
    snprintf(out, size, "%s %s event", strchr("aeiou", d->key[0]) ? "an" : "a", d->key);
}

/* The keys a timed event takes (only the required ones: required_only),
 * sorted and joined, as the messages list them. */
static void row_keys(const oti_event_desc *d, int required_only, char *out, size_t size)
{
    const char *k[OTI_EV_MAX_FIELDS + 2];
    size_t n = 0, len = 0;
    k[n++] = "t";
    if (!required_only)
        k[n++] = "note";
    for (const oti_ev_field *e = d->field; e < d->field + OTI_EV_MAX_FIELDS && e->key; e++)
        if (!required_only || !e->optional)
            k[n++] = e->key;
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(k[j - 1], k[j]) > 0; j--) {
            const char *tmp = k[j];
            k[j] = k[j - 1];
            k[j - 1] = tmp;
        }
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        int m = snprintf(out + len, size - len, "%s%s", i ? ", " : "", k[i]);
        if (m < 0 || (size_t)m >= size - len)
            break;
        len += (size_t)m;
    }
}

static int row_takes(const oti_event_desc *d, const char *key)
{
    if (strcmp(key, "t") == 0 || strcmp(key, "note") == 0)
        return 1;
    for (const oti_ev_field *e = d->field; e < d->field + OTI_EV_MAX_FIELDS && e->key; e++)
        if (strcmp(e->key, key) == 0)
            return 1;
    return 0;
}

/* check_keys() for a timed event: what belongs is its row's keys. */
static int check_row_keys(const where *w, const fields *f, const oti_event_desc *d, const char *what)
{
    char list[400];
    const char *extra = NULL, *missing = NULL;
    for (int k = 0; k < NKEYS && !extra; k++)
        if ((f->has & B(k)) && !row_takes(d, KEYS[k]))
            extra = KEYS[k];
    for (unsigned i = 0; i < f->nx && !extra; i++)
        if (!row_takes(d, f->xkey[i]))
            extra = f->xkey[i];
    if (extra) {
        row_keys(d, 0, list, sizeof list);
        return bad(OT_EFORMAT, w, NULL, "key \"%s\" does not belong in %s; it takes %s", extra, what, list);
    }
    if (!field_of(f, "t"))
        missing = "t";
    for (const oti_ev_field *e = d->field; e < d->field + OTI_EV_MAX_FIELDS && e->key; e++)
        if (!e->optional && !field_of(f, e->key) && (!missing || strcmp(e->key, missing) < 0))
            missing = e->key;
    if (missing) {
        row_keys(d, 1, list, sizeof list);
        return bad(OT_EFORMAT, w, NULL, "%s needs \"%s\" (it needs %s)", what, missing, list);
    }
    const json_t *note = field_of(f, "note");
    if (note && !json_is_string(note))
        return bad(OT_EFORMAT, w, "note", "a note is a string, not %s", type_name(note));
    return OT_OK;
}

/* Read a timed event's fields into its record and apply it through the
 * row's apply function: the same call the C API and the journal's replay
 * make. */
static int ev_timed(loader *ld, const where *w, const fields *f, const oti_event_desc *d, unsigned type, double t)
{
    oti_event ev = {.type = (uint8_t)type, .t = t, .a = OT_NONE, .b = OT_NONE, .c = OT_NONE, .d = OT_NONE};
    /* The id slots; a field of an id kind names one of a..d (the table's
     * rows do), else it lands in `spare`, read by nobody. */
    uint32_t spare = OT_NONE;
    uint32_t *slot[] = {&ev.a, &ev.b, &ev.c, &ev.d, &spare};
    const char *new_id = NULL;
    const char *new_key = NULL, *new_what = NULL;
    for (const oti_ev_field *e = d->field; e < d->field + OTI_EV_MAX_FIELDS && e->key; e++) {
        const json_t *v = field_of(f, e->key);
        uint32_t *s = slot[e->slot <= OTI_SLOT_D ? e->slot : 4];
        uint32_t *s2 = slot[e->slot < OTI_SLOT_D ? e->slot + 1 : 4];
        int rc = OT_OK, k = 0;
        ot_id two[2] = {OT_NONE, OT_NONE};
        if (e->arg == OTI_ARG_NEW_DISRUPTION) {
            *s = (uint32_t)ld->m->ndisr; /* the id the call gives it */
            new_key = e->key;
            new_what = e->what;
        }
        if (!v) { /* optional: its default */
            if (e->arg == OTI_ARG_NUMBER)
                ev.x = e->def;
            else if (e->arg == OTI_ARG_ENUM)
                ev.kind = (uint8_t)e->def;
            continue;
        }
        switch (e->arg) {
        case OTI_ARG_ACTOR:
        case OTI_ARG_ACTOR_OPT:
            rc = want_ref(w, e->key, v, &ld->actors, e->what, e->arg == OTI_ARG_ACTOR_OPT, s);
            break;
        case OTI_ARG_ORG: rc = want_ref(w, e->key, v, &ld->orgs, e->what, 0, s); break;
        case OTI_ARG_DISRUPTION: rc = want_ref(w, e->key, v, &ld->disr, e->what, 0, s); break;
        case OTI_ARG_PAIR:
        case OTI_ARG_PAIR_OPT:
            if (!(rc = want_two(w, e->key, v, &ld->actors, e->arg == OTI_ARG_PAIR_OPT, two))) {
                *s = two[0];
                *s2 = two[1];
            }
            break;
        case OTI_ARG_NUMBER: rc = want_number(w, e->key, v, &ev.x); break;
        case OTI_ARG_BOOL:
            if (!json_is_boolean(v))
                rc = bad(OT_EFORMAT, w, e->key, "true or false is expected, not %s", type_name(v));
            ev.flag = json_is_true(v);
            break;
        case OTI_ARG_ENUM:
            rc = want_enum(w, e->key, v, e->names, e->what, &k);
            ev.kind = (uint8_t)k;
            break;
        case OTI_ARG_LAYER: {
            unsigned l = 0;
            rc = want_layer(ld, w, v, &l);
            ev.kind = (uint8_t)l;
            break;
        }
        default: rc = want_id(w, e->key, v, &new_id); break; /* OTI_ARG_NEW_DISRUPTION */
        }
        if (rc)
            return rc;
    }
    int rc;
    if (new_id && new_key && (rc = add_id(w, new_key, &ld->disr, new_id, new_what, ev.c)))
        return rc;
    ot_id tie = OT_NONE, x[2] = {ev.a, ev.b};
    if ((d->ties & OTI_EV_PAIR_TIE) && ev.a != ev.b &&
        (rc = find_tie(ld, w, d->field[0].key, field_of(f, d->field[0].key), x, &tie)))
        return rc;
    rc = d->apply(ld->m, &ev, NULL);
    if (rc == OT_ENOTFOUND && (d->ties & OTI_EV_NEEDS_TIE) &&
        (rc = need_tie(ld, w, f, d->field[1].key, d->field[2].key, x)))
        return rc;
    /* The file's id of a new disruption is its label. */
    if (!rc && new_id && (rc = ot_disruption_set_label(ld->m, ev.c, new_id)))
        return call(w, rc);
    return call(w, rc);
}

static int ev_add_org(loader *ld, const where *w, const fields *f, double t)
{
    (void)t;
    return make_org(ld, w, f, K_ADD_ORG);
}

static int ev_add_actor(loader *ld, const where *w, const fields *f, double t)
{
    (void)t;
    return make_actor(ld, w, f, K_ADD_ACTOR);
}

static int ev_add_tie(loader *ld, const where *w, const fields *f, double t)
{
    (void)t;
    return make_tie(ld, w, f, K_ADD_TIE);
}

static int ev_set_superior(loader *ld, const where *w, const fields *f, double t)
{
    (void)t;
    ot_id a = OT_NONE, s = OT_NONE;
    int rc;
    if ((rc = want_ref(w, "set_superior", f->v[K_SET_SUPERIOR], &ld->actors, "actor", 0, &a)) ||
        (rc = want_ref(w, "superior", f->v[K_SUPERIOR], &ld->actors, "actor", 1, &s)))
        return rc;
    return call(w, ot_actor_set_superior(ld->m, a, s));
}

static int ev_set_propensity(loader *ld, const where *w, const fields *f, double t)
{
    (void)t;
    ot_id a = OT_NONE;
    double p = 0.0;
    int rc;
    if ((rc = want_ref(w, "set_propensity", f->v[K_SET_PROPENSITY], &ld->actors, "actor", 0, &a)) ||
        (rc = want_number(w, "propensity", f->v[K_PROPENSITY], &p)))
        return rc;
    return call(w, ot_actor_set_propensity(ld->m, a, p));
}

static int ev_set_tie(loader *ld, const where *w, const fields *f, double t)
{
    (void)t;
    ot_id ends[2] = {OT_NONE, OT_NONE}, tie = OT_NONE;
    int rc;
    if (!(f->has & (B(K_INTENSITY) | B(K_AFFECT) | B(K_UNCERTAINTY))))
        return bad(OT_EFORMAT, w, NULL, "a set_tie event sets intensity, affect or uncertainty (at least one)");
    if ((rc = want_two(w, "set_tie", f->v[K_SET_TIE], &ld->actors, 0, ends)) ||
        (rc = find_tie(ld, w, "set_tie", f->v[K_SET_TIE], ends, &tie)))
        return rc;
    return set_tie_attrs(ld, w, f, tie);
}

typedef int (*handler)(loader *, const where *, const fields *, double);

/* Structure changes as events: their own handlers (they make ids). */
static const struct action {
    int key;
    const char *what;
    uint64_t required, optional;
    handler fn;
} ACTIONS[] = {
    {K_ADD_ORG, "an add_org event", B(K_ADD_ORG), B(K_NAME) | B(K_PARENT) | B(K_NOTE), ev_add_org},
    {K_ADD_ACTOR, "an add_actor event", B(K_ADD_ACTOR) | B(K_ORG),
     B(K_NAME) | B(K_LAYER) | B(K_SUPERIOR) | B(K_PROPENSITY) | B(K_NOTE), ev_add_actor},
    {K_ADD_TIE, "an add_tie event", B(K_ADD_TIE), B(K_INTENSITY) | B(K_AFFECT) | B(K_UNCERTAINTY) | B(K_NOTE),
     ev_add_tie},
    {K_SET_SUPERIOR, "a set_superior event", B(K_SET_SUPERIOR) | B(K_SUPERIOR), B(K_NOTE), ev_set_superior},
    {K_SET_PROPENSITY, "a set_propensity event", B(K_SET_PROPENSITY) | B(K_PROPENSITY), B(K_NOTE),
     ev_set_propensity},
    {K_SET_TIE, "a set_tie event", B(K_SET_TIE), B(K_INTENSITY) | B(K_AFFECT) | B(K_UNCERTAINTY) | B(K_NOTE),
     ev_set_tie},
};
#define NACTIONS (sizeof ACTIONS / sizeof ACTIONS[0])

static int do_event(loader *ld, const where *w, const json_t *ev)
{
    fields f = {0};
    int rc = get_fields(w, ev, "an event", &f);
    if (rc)
        return rc;
    /* Which event: a timed one of the event table, or a structure change. */
    const char *first = NULL;
    const oti_event_desc *row = NULL;
    unsigned type = 0;
    const struct action *act = NULL;
    for (unsigned t = 1; t <= OTI_EV_LAST; t++) {
        const oti_event_desc *d = &oti_events[t];
        if (!d->key || !d->timed || !field_of(&f, d->key))
            continue;
        if (first)
            return bad(OT_EFORMAT, w, NULL, "an event does one thing: it has both \"%s\" and \"%s\"", first, d->key);
        first = d->key;
        row = d;
        type = t;
    }
    for (size_t i = 0; i < NACTIONS; i++) {
        if (!(f.has & B(ACTIONS[i].key)))
            continue;
        if (first)
            return bad(OT_EFORMAT, w, NULL, "an event does one thing: it has both \"%s\" and \"%s\"", first,
                       KEYS[ACTIONS[i].key]);
        first = KEYS[ACTIONS[i].key];
        act = &ACTIONS[i];
    }
    if (!first) {
        char list[512];
        size_t len = 0;
        list[0] = '\0';
        for (unsigned t = 1; t <= OTI_EV_LAST; t++)
            if (oti_events[t].key && oti_events[t].timed)
                len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", len ? ", " : "", oti_events[t].key);
        for (size_t i = 0; i < NACTIONS && len < sizeof list; i++)
            len += (size_t)snprintf(list + len, sizeof list - len, ", %s", KEYS[ACTIONS[i].key]);
        return bad(OT_EFORMAT, w, NULL, "an event needs one of %s", list);
    }
    double t = 0.0;
    if (row) {
        char what[80];
        event_what(row, what, sizeof what);
        if ((rc = check_row_keys(w, &f, row, what)) || (rc = want_time(ld, w, what, field_of(&f, "t"), &t)) ||
            (rc = ev_timed(ld, w, &f, row, type, t)))
            return rc;
        return take_note(ld, w, field_of(&f, "note"));
    }
    if ((rc = check_keys(w, &f, act->what, act->required, act->optional)) || (rc = act->fn(ld, w, &f, t)))
        return rc;
    return take_note(ld, w, field_of(&f, "note"));
}

/* ---- the top level ---------------------------------------------------- */

/* The configuration of a scenario written for model version `model`: a
 * parameter the file does not set takes the value that reproduces that
 * version (docs/model.md, "Files keep their meaning"), so a 1.0 file
 * (model 1) computes what 1.0 computed. cfgv may be NULL (no "config"). */
/* "timeboxes": one number of days per layer. */
static int load_timeboxes(const where *w, const json_t *v, ot_config *c)
{
    unsigned n = c->nlayers;
    if (!json_is_array(v) || json_array_size(v) != n)
        return bad(json_is_array(v) ? OT_EINVAL : OT_EFORMAT, w, "timeboxes",
                   "the timeboxes are an array of one number of days per layer (%u), not %s", n,
                   json_is_array(v) ? "an array of another length" : type_name(v));
    double days[OTI_MAX_LAYERS];
    char k[32];
    for (unsigned i = 0; i < n; i++) {
        snprintf(k, sizeof k, "timeboxes[%u]", i);
        int rc = want_number(w, k, json_array_get(v, i), &days[i]);
        if (rc)
            return rc;
    }
    return call(w, ot_config_set_timeboxes(c, n, days));
}

static int load_config(const json_t *cfgv, int model, const oti_scan *sc, ot_config **out)
{
    where w = WHERE("config", sc);
    if (cfgv && !json_is_object(cfgv))
        return bad(OT_EFORMAT, &w, NULL, "config is an object, not %s", type_name(cfgv));
    ot_config *c;
    int rc = ot_config_new(&c);
    if (rc)
        return rc;
    for (int p = 1; model == 1 && p <= OTI_NPARAM && !rc; p++)
        rc = ot_config_set(c, p, oti_param_model1(p));
    if (rc || !cfgv) {
        if (rc)
            ot_config_free(c);
        else
            *out = c;
        return rc;
    }
    const char *key;
    json_t *v;
    const json_t *timeboxes = NULL; /* applied after the layers, which reset them */
    json_object_foreach((json_t *)cfgv, key, v)
    {
        if (strcmp(key, "timeboxes") == 0) {
            timeboxes = v;
            continue;
        }
        if (strcmp(key, "layers") == 0) {
            size_t n = json_is_array(v) ? json_array_size(v) : 0;
            if (n < 1 || n > OTI_MAX_LAYERS) {
                rc = bad(json_is_array(v) ? OT_EINVAL : OT_EFORMAT, &w, "layers",
                         "the layers are an array of 1 to %d names, not %s%s", OTI_MAX_LAYERS,
                         json_is_array(v) ? "an array of " : type_name(v), json_is_array(v) ? "another length" : "");
                break;
            }
            const char *names[OTI_MAX_LAYERS];
            char k[32];
            for (size_t i = 0; i < n && !rc; i++) {
                snprintf(k, sizeof k, "layers[%zu]", i);
                rc = want_string(&w, k, json_array_get(v, i), &names[i]);
            }
            if (rc || (rc = call(&w, ot_config_set_layers(c, (unsigned)n, names))))
                break;
            continue;
        }
        int param = oti_param_by_name(key);
        if (param == 0) {
            char q[80];
            rc = bad(OT_EFORMAT, &w, NULL, "unknown parameter %s (the parameters are the ot_param names in lower "
                     "case without OT_PARAM_, and \"layers\")", oti_quote(key, q));
            break;
        }
        double d;
        if (json_is_string(v) && strcmp(json_string_value(v), "inf") == 0) {
            d = INFINITY;
        } else if (json_is_string(v) && strcmp(json_string_value(v), "-inf") == 0) {
            d = -INFINITY;
        } else if (!json_is_number(v)) {
            rc = bad(OT_EFORMAT, &w, key, "a number (or \"inf\") is expected, not %s", type_name(v));
            break;
        } else {
            d = json_number_value(v);
        }
        if ((rc = call(&w, ot_config_set(c, param, d))))
            break;
    }
    if (rc) {
        ot_config_free(c);
        return rc;
    }
    if (timeboxes && (rc = load_timeboxes(&w, timeboxes, c))) {
        ot_config_free(c);
        return rc;
    }
    *out = c;
    return OT_OK;
}

static int load_list(loader *ld, const json_t *root, const char *name, const char *what, int idk,
                     uint64_t required, uint64_t optional,
                     int (*make)(loader *, const where *, const fields *, int))
{
    const json_t *list = json_object_get(root, name);
    if (!list)
        return OT_OK;
    where w = WHERE(name, ld->sc);
    if (!json_is_array(list))
        return bad(OT_EFORMAT, &w, NULL, "%s is an array, not %s", name, type_name(list));
    for (size_t i = 0; i < json_array_size(list); i++) {
        w.index = i;
        fields f = {0};
        int rc;
        if ((rc = get_fields(&w, json_array_get(list, i), what, &f)) ||
            (rc = check_keys(&w, &f, what, required, optional)) || (rc = make(ld, &w, &f, idk)) ||
            (rc = take_note(ld, &w, f.has & B(K_NOTE) ? f.v[K_NOTE] : NULL)))
            return rc;
    }
    return OT_OK;
}

static const char *const TOP_KEYS[] = {"orgtrust", "model", "description", "epoch", "config", "organisations",
                                       "actors", "ties", "events"};

/* The model version a scenario is written for ("model": 2 since 1.1; none
 * is model 1), which this library must compute. */
#define SC_MODEL 2

static int check_top(const json_t *root, const oti_scan *sc, int *model)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)root, key, v)
    {
        size_t k = 0;
        while (k < sizeof TOP_KEYS / sizeof *TOP_KEYS && strcmp(key, TOP_KEYS[k]) != 0)
            k++;
        if (k == sizeof TOP_KEYS / sizeof *TOP_KEYS) {
            char q[80];
            return oti_fail(OT_EFORMAT, "unknown top-level key %s (a scenario has orgtrust, model, description, "
                            "epoch, config, organisations, actors, ties, events)", oti_quote(key, q));
        }
    }
    const json_t *ver = json_object_get(root, "orgtrust");
    if (!ver)
        return oti_fail(OT_EFORMAT, "orgtrust: missing; a scenario starts with \"orgtrust\": 1 (the format version)");
    if (!json_is_integer(ver) || json_integer_value(ver) != 1) {
        if (json_is_integer(ver))
            return oti_fail(OT_EFORMAT, "orgtrust: version %lld is not supported; this library reads version 1",
                            (long long)json_integer_value(ver));
        return oti_fail(OT_EFORMAT, "orgtrust: the format version is the number 1, not %s", type_name(ver));
    }
    const json_t *mv = json_object_get(root, "model");
    *model = 1;
    if (mv && !json_is_integer(mv))
        return oti_fail(OT_EFORMAT, "model: the model version is a whole number (1 or %d), not %s", SC_MODEL,
                        type_name(mv));
    if (mv && (json_integer_value(mv) < 1 || json_integer_value(mv) > SC_MODEL))
        return oti_fail(OT_EFORMAT,
                        json_integer_value(mv) > SC_MODEL
                            ? "model: the scenario is written for model version %lld, newer than version %d that "
                              "liborgtrust " OT_VERSION_STRING " computes: load it with a newer liborgtrust"
                            : "model: version %lld does not exist (model versions are 1 to %d)",
                        (long long)json_integer_value(mv), SC_MODEL);
    if (mv)
        *model = (int)json_integer_value(mv);
    static const char *const TEXT_KEYS[] = {"description", "epoch"};
    for (int i = 0; i < 2; i++) {
        const json_t *d = json_object_get(root, TEXT_KEYS[i]);
        where w = WHERE(TEXT_KEYS[i], sc);
        if (d && !json_is_string(d))
            return bad(OT_EFORMAT, &w, NULL, "the %s is a string, not %s", TEXT_KEYS[i], type_name(d));
    }
    return OT_OK;
}

/* The scenario's texts before anything else: the epoch (a date t needs
 * it), the description. */
static int load_texts(loader *ld, const json_t *root)
{
    const char *s = NULL;
    int rc;
    where w = WHERE("epoch", ld->sc);
    const json_t *v = json_object_get(root, "epoch");
    if (v && ((rc = want_string(&w, NULL, v, &s)) || (rc = call(&w, ot_model_set_epoch(ld->m, s)))))
        return rc;
    w = WHERE("description", ld->sc);
    v = json_object_get(root, "description");
    if (v && ((rc = want_string(&w, NULL, v, &s)) || (rc = call(&w, ot_model_set_description(ld->m, s)))))
        return rc;
    return OT_OK;
}

/* A syntax error from jansson, at byte `pos` of the original text. */
static int json_failure(const json_error_t *err, const char *s, size_t n, size_t pos)
{
    if (json_error_code(err) == json_error_out_of_memory)
        return oti_nomem("ot_scenario_load");
    unsigned long line, col;
    oti_scan_locate(s, n, pos, &line, &col);
    return oti_fail(OT_EFORMAT, "line %lu, column %lu: %s", line, col, err->text);
}

/* The scanner found malformed text: let jansson name it when that is cheap. */
static int scan_failure(const oti_scan *sc, const char *s, size_t n)
{
    if (n <= WHOLE_PARSE_MAX) {
        json_error_t err;
        json_t *all = json_loadb(s, n, JSON_REJECT_DUPLICATES, &err);
        if (!all)
            return json_failure(&err, s, n, (size_t)err.position);
        json_decref(all);
    }
    unsigned long line, col;
    oti_scan_locate(s, n, sc->err_at + 1, &line, &col);
    return oti_fail(OT_EFORMAT, "line %lu, column %lu: %s", line, col, sc->err_what);
}

static int load_events(loader *ld, const oti_scan *sc, const json_t *root)
{
    where w = WHERE("events", sc);
    int rc = OT_OK;
    if (sc->ev_open == SIZE_MAX) {
        /* No plain "events" key the scanner could see (absent, or spelt
         * with escapes): whatever jansson made of it. */
        const json_t *list = json_object_get(root, "events");
        if (!list)
            return OT_OK;
        if (!json_is_array(list))
            return bad(OT_EFORMAT, &w, NULL, "events is an array, not %s", type_name(list));
        for (size_t i = 0; i < json_array_size(list) && !rc; i++) {
            w.index = i;
            rc = do_event(ld, &w, json_array_get(list, i));
        }
        return rc;
    }
    oti_scan it = *sc;
    size_t i = oti_scan_ws(sc->s, sc->n, sc->ev_open + 1);
    for (size_t k = 0; k < sc->nevents; k++) {
        size_t start = i;
        oti_scan_value(&it, &i, 2); /* checked by the first pass */
        json_error_t err;
        json_t *ev = json_loadb(sc->s + start, i - start, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &err);
        if (!ev)
            return json_failure(&err, sc->s, sc->n, start + (size_t)err.position);
        w.index = k;
        w.at = start;
        rc = do_event(ld, &w, ev);
        json_decref(ev);
        if (rc)
            return rc;
        i = oti_scan_ws(sc->s, sc->n, i);
        i = oti_scan_ws(sc->s, sc->n, i + 1); /* past ',' (or the closing ']') */
    }
    return OT_OK;
}

static int load(const char *s, size_t n, ot_model **out)
{
    if (n > OTI_SC_MAX_BYTES)
        return oti_fail(OT_ELIMIT, "the scenario is %zu bytes; scenarios are at most %zu bytes", n,
                        (size_t)OTI_SC_MAX_BYTES);
    oti_scan sc;
    int rc = oti_scan_doc(&sc, s, n);
    if (rc == OTI_SCAN_SYNTAX)
        return scan_failure(&sc, s, n);
    if (rc)
        return rc;

    /* The top level without the events: "[" + "]" where the array was. */
    json_error_t err;
    json_t *root;
    if (sc.ev_open == SIZE_MAX) {
        root = json_loadb(s, n, JSON_REJECT_DUPLICATES, &err);
        if (!root)
            return json_failure(&err, s, n, (size_t)err.position);
    } else {
        size_t head = sc.ev_open + 1, tail = n - sc.ev_close;
        char *top = oti_malloc(head + tail);
        if (!top)
            return oti_nomem("ot_scenario_load");
        memcpy(top, s, head);
        memcpy(top + head, s + sc.ev_close, tail);
        root = json_loadb(top, head + tail, JSON_REJECT_DUPLICATES, &err);
        oti_free(top);
        if (!root) {
            size_t pos = (size_t)err.position;
            return json_failure(&err, s, n, pos > head ? pos + (sc.ev_close - head) : pos);
        }
    }

    loader ld;
    memset(&ld, 0, sizeof ld);
    ld.sc = &sc;
    ot_config *cfg = NULL;
    const json_t *cfgv = json_object_get(root, "config");
    int model = 1;
    if (!(rc = check_top(root, &sc, &model)) && !(rc = load_config(cfgv, model, &sc, &cfg))) {
        rc = ot_model_new(cfg, &ld.m);
        if (rc)
            oti_error_prefix("config: ");
        ot_config_free(cfg);
    }
    if (!rc) {
        ot_model_layers(ld.m, &ld.nlayers);
        if (!(rc = load_texts(&ld, root)) && !(rc = load_list(&ld, root, "organisations", "an organisation", K_ID, B(K_ID),
                             B(K_NAME) | B(K_PARENT) | B(K_NOTE), make_org)) &&
            !(rc = load_list(&ld, root, "actors", "an actor", K_ID, B(K_ID) | B(K_ORG),
                             B(K_NAME) | B(K_LAYER) | B(K_SUPERIOR) | B(K_PROPENSITY) | B(K_NOTE), make_actor)) &&
            !(rc = load_list(&ld, root, "ties", "a tie", K_BETWEEN, B(K_BETWEEN),
                             B(K_INTENSITY) | B(K_AFFECT) | B(K_UNCERTAINTY) | B(K_NOTE), make_tie)))
            rc = load_events(&ld, &sc, root);
    }
    json_decref(root);
    oti_strmap_free(&ld.orgs);
    oti_strmap_free(&ld.actors);
    oti_strmap_free(&ld.disr);
    if (rc) {
        ot_model_free(ld.m);
        return rc;
    }
    *out = ld.m;
    return OT_OK;
}

OT_API int ot_scenario_load(const char *json, size_t len, ot_model **out)
{
    if (!out)
        return oti_fail(OT_EINVAL, "ot_scenario_load: out is NULL");
    if (!json)
        return oti_fail(OT_EINVAL, "ot_scenario_load: json is NULL");
    return load(json, len, out);
}

OT_API int ot_scenario_load_file(const char *path, ot_model **out)
{
    if (!out)
        return oti_fail(OT_EINVAL, "ot_scenario_load_file: out is NULL");
    if (!path)
        return oti_fail(OT_EINVAL, "ot_scenario_load_file: path is NULL");
    char q[80], why[128];
    FILE *f = fopen(path, "rb");
    if (!f) {
        strerror_r(errno, why, sizeof why);
        return oti_fail(OT_EIO, "%s: cannot open: %s", oti_quote(path, q), why);
    }
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int rc = OT_OK;
    for (;;) {
        if (len == cap && OTI_RESERVE(buf, cap, cap < 65536 ? 65536 : cap * 2)) {
            rc = oti_nomem("ot_scenario_load_file");
            break;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (len > OTI_SC_MAX_BYTES) {
            rc = oti_fail(OT_ELIMIT, "%s: the file is larger than %zu bytes, the limit for a scenario",
                          oti_quote(path, q), (size_t)OTI_SC_MAX_BYTES);
            break;
        }
        if (got == 0) {
            if (ferror(f)) {
                strerror_r(errno, why, sizeof why);
                rc = oti_fail(OT_EIO, "%s: cannot read: %s", oti_quote(path, q), why);
            }
            break;
        }
    }
    fclose(f);
    if (!rc) {
        rc = load(buf, len, out);
        if (rc)
            oti_error_prefix("%s: ", path);
    }
    oti_free(buf);
    return rc;
}
