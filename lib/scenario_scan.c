/* A first pass over a scenario's bytes, before jansson sees them.
 *
 * It enforces the limits against hostile input (nesting depth, string and
 * number lengths, element counts) so that jansson never builds a huge
 * tree, and it finds the top-level "events" array so the loader can parse
 * the events one at a time: a million events never exist as one tree.
 * It validates only the top-level structure and the separators of the
 * events array; everything else is jansson's to judge.
 * SPDX-License-Identifier: MIT */
#include "scenario_scan.h"
#include "error.h"
#include "scenario_limits.h"

#include <orgtrust.h>
#include <string.h>

static int is_ws(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

/* Where a number or literal ends (a NUL byte does not end one: jansson
 * will refuse it, and the scan must move on). */
static int ends_scalar(char c)
{
    switch (c) {
    case ',': case ':': case '[': case ']': case '{': case '}': case '"': return 1;
    default: return is_ws(c);
    }
}

size_t oti_scan_ws(const char *s, size_t n, size_t i)
{
    while (i < n && is_ws(s[i]))
        i++;
    return i;
}

void oti_scan_locate(const char *s, size_t n, size_t off, unsigned long *line, unsigned long *col)
{
    /* jansson's way: lines count '\n', columns count characters (ASCII and
     * lead bytes of UTF-8 sequences) after the last '\n', up to off. */
    unsigned long l = 1, c = 0;
    if (off > n)
        off = n;
    for (size_t i = 0; i < off; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b == '\n') {
            l++;
            c = 0;
        } else if (b < 0x80 || (b >= 0xc2 && b <= 0xf4)) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

static int syntax(oti_scan *sc, size_t at, const char *what)
{
    sc->err_at = at;
    sc->err_what = what;
    return OTI_SCAN_SYNTAX;
}

static int limit(oti_scan *sc, size_t at, const char *fmt, unsigned long v)
{
    unsigned long line, col;
    oti_scan_locate(sc->s, sc->n, at + 1, &line, &col);
    char what[160];
    snprintf(what, sizeof what, fmt, v);
    return oti_fail(OT_ELIMIT, "line %lu, column %lu: %s", line, col, what);
}

/* s[*i] is '"': move past the closing quote. */
static int skip_string(oti_scan *sc, size_t *i)
{
    const char *s = sc->s;
    size_t start = *i, k = start + 1, n = sc->n;
    for (;;) {
        const char *q = memchr(s + k, '"', n - k);
        if (!q)
            return syntax(sc, n, "a string is not closed");
        k = (size_t)(q - s);
        /* The quote closes the string unless an odd run of backslashes
         * precedes it. */
        size_t bs = 0;
        while (k - bs > start + 1 && s[k - bs - 1] == '\\')
            bs++;
        k++;
        if (bs % 2 == 0)
            break;
    }
    if (k - start - 2 > OTI_SC_MAX_STRING)
        return limit(sc, start, "a string of more than %lu bytes", (unsigned long)OTI_SC_MAX_STRING);
    *i = k;
    return OT_OK;
}

int oti_scan_value(oti_scan *sc, size_t *pos, int depth)
{
    const char *s = sc->s;
    size_t n = sc->n, i = *pos;
    /* count[d]: separators seen in the container open at relative depth d */
    unsigned long count[OTI_SC_MAX_DEPTH + 2];
    int d = 0, rc;
    do {
        i = oti_scan_ws(s, n, i);
        if (i >= n)
            return syntax(sc, n, "the text ends inside a value");
        char c = s[i];
        if (c == '"') {
            if ((rc = skip_string(sc, &i)))
                return rc;
        } else if (c == '{' || c == '[') {
            if (depth + d + 1 > OTI_SC_MAX_DEPTH)
                return limit(sc, i, "arrays and objects nest deeper than %lu levels", OTI_SC_MAX_DEPTH);
            count[++d] = 0;
            i++;
        } else if (c == '}' || c == ']') {
            if (d == 0)
                return syntax(sc, i, "a value is missing");
            d--;
            i++;
        } else if (c == ',') {
            if (d == 0)
                return syntax(sc, i, "a value is missing");
            if (++count[d] >= OTI_SC_MAX_ELEMENTS)
                return limit(sc, i, "an array or object with more than %lu entries", OTI_SC_MAX_ELEMENTS);
            i++;
        } else if (c == ':') {
            if (d == 0)
                return syntax(sc, i, "a value is missing");
            i++;
        } else {
            size_t j = i + 1; /* s[i] starts no other token: it is part of this one */
            while (j < n && !ends_scalar(s[j]))
                j++;
            if (j - i > OTI_SC_MAX_SCALAR)
                return limit(sc, i, "a number or literal longer than %lu bytes", OTI_SC_MAX_SCALAR);
            i = j;
        }
    } while (d > 0);
    *pos = i;
    return OT_OK;
}

/* Past the value at *i and the ',' after it, to the next entry: 0, or -1
 * at the container's end (or damage). */
static int next_entry(oti_scan *sc, size_t *i)
{
    if (oti_scan_value(sc, i, 1))
        return -1;
    *i = oti_scan_ws(sc->s, sc->n, *i);
    if (*i >= sc->n || sc->s[*i] != ',')
        return -1;
    *i = oti_scan_ws(sc->s, sc->n, *i + 1);
    return 0;
}

size_t oti_scan_member(const char *s, size_t n, size_t obj, const char *key, size_t *key_at)
{
    oti_scan sc = {.s = s, .n = n};
    size_t klen = strlen(key), i;
    if (obj >= n || s[obj] != '{')
        return SIZE_MAX;
    for (i = oti_scan_ws(s, n, obj + 1); i < n && s[i] == '"';) {
        size_t k = i;
        if (skip_string(&sc, &i))
            return SIZE_MAX;
        int match = i - k - 2 == klen && memcmp(s + k + 1, key, klen) == 0;
        i = oti_scan_ws(s, n, i);
        if (i >= n || s[i] != ':')
            return SIZE_MAX;
        i = oti_scan_ws(s, n, i + 1);
        if (match) {
            if (key_at)
                *key_at = k;
            return i;
        }
        if (next_entry(&sc, &i))
            return SIZE_MAX;
    }
    return SIZE_MAX;
}

size_t oti_scan_element(const char *s, size_t n, size_t arr, size_t index)
{
    oti_scan sc = {.s = s, .n = n};
    if (arr >= n || s[arr] != '[')
        return SIZE_MAX;
    size_t i = oti_scan_ws(s, n, arr + 1);
    for (size_t k = 0; i < n && s[i] != ']'; k++) {
        if (k == index)
            return i;
        if (next_entry(&sc, &i))
            return SIZE_MAX;
    }
    return SIZE_MAX;
}

static int is_events_key(const char *s, size_t from, size_t to)
{
    return to - from == 8 && memcmp(s + from, "\"events\"", 8) == 0;
}

int oti_scan_doc(oti_scan *sc, const char *s, size_t n)
{
    memset(sc, 0, sizeof *sc);
    sc->s = s;
    sc->n = n;
    sc->ev_open = sc->ev_close = SIZE_MAX;
    int rc;
    size_t i = oti_scan_ws(s, n, 0);
    if (i >= n)
        return syntax(sc, i, "the text is empty");
    if (s[i] != '{')
        return syntax(sc, i, "a scenario is a JSON object: it starts with '{'");
    i = oti_scan_ws(s, n, i + 1);
    unsigned long members = 0;
    if (i < n && s[i] == '}') {
        i++;
    } else {
        for (;;) {
            if (i >= n || s[i] != '"')
                return syntax(sc, i, "a member name (a string) is expected");
            size_t key = i;
            if ((rc = skip_string(sc, &i)))
                return rc;
            int events = is_events_key(s, key, i) && sc->ev_open == SIZE_MAX;
            i = oti_scan_ws(s, n, i);
            if (i >= n || s[i] != ':')
                return syntax(sc, i, "':' is expected after a member name");
            i = oti_scan_ws(s, n, i + 1);
            if (events && i < n && s[i] == '[') {
                sc->ev_open = i;
                i = oti_scan_ws(s, n, i + 1);
                if (i < n && s[i] == ']') {
                    sc->ev_close = i++;
                } else {
                    for (;;) {
                        if (sc->nevents >= OTI_SC_MAX_EVENTS)
                            return limit(sc, i, "more than %lu events", OTI_SC_MAX_EVENTS);
                        if ((rc = oti_scan_value(sc, &i, 2)))
                            return rc;
                        sc->nevents++;
                        i = oti_scan_ws(s, n, i);
                        if (i < n && s[i] == ',') {
                            i = oti_scan_ws(s, n, i + 1);
                            continue;
                        }
                        if (i < n && s[i] == ']') {
                            sc->ev_close = i++;
                            break;
                        }
                        return syntax(sc, i, "',' or ']' is expected after an event");
                    }
                }
            } else if ((rc = oti_scan_value(sc, &i, 1))) {
                return rc;
            }
            if (++members >= OTI_SC_MAX_ELEMENTS)
                return limit(sc, i, "an object with more than %lu members", OTI_SC_MAX_ELEMENTS);
            i = oti_scan_ws(s, n, i);
            if (i < n && s[i] == ',') {
                i = oti_scan_ws(s, n, i + 1);
                continue;
            }
            if (i < n && s[i] == '}') {
                i++;
                break;
            }
            return syntax(sc, i, "',' or '}' is expected after a member of the scenario");
        }
    }
    i = oti_scan_ws(s, n, i);
    if (i < n)
        return syntax(sc, i, "the text goes on after the scenario's closing '}'");
    return OT_OK;
}
