/* A string -> id map for scenario ids, and unique ids made from names.
 * SPDX-License-Identifier: MIT */
#include "scenario_map.h"
#include "alloc.h"
#include "error.h"
#include "scenario_limits.h"

#include <stdio.h>
#include <string.h>

static uint32_t hash_str(const char *s, size_t n)
{
    /* FNV-1a, folded to 32 bits; the map compares whole keys anyway. */
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    return (uint32_t)(h ^ (h >> 32));
}

uint32_t oti_strmap_get(const oti_strmap *m, const char *s, size_t len)
{
    if (!m->slot)
        return UINT32_MAX;
    uint32_t h = hash_str(s, len);
    for (size_t i = h & m->mask;; i = (i + 1) & m->mask) {
        uint32_t k = m->slot[i];
        if (k == 0)
            return UINT32_MAX;
        const oti_strent *e = &m->ent[k - 1];
        if (e->hash == h && e->len == len && memcmp(m->arena + e->off, s, len) == 0)
            return e->value;
    }
}

static void place(uint32_t *slot, size_t mask, uint32_t h, uint32_t k)
{
    size_t i = h & mask;
    while (slot[i])
        i = (i + 1) & mask;
    slot[i] = k;
}

int oti_strmap_add(oti_strmap *m, const char *s, size_t len, uint32_t value)
{
    if (m->n >= UINT32_MAX - 1 || len >= UINT32_MAX)
        return -1;
    size_t cap = m->slot ? m->mask + 1 : 0;
    if (m->n + 1 > cap / 4 * 3) {
        size_t ncap = cap ? cap * 2 : 64;
        if (ncap > SIZE_MAX / sizeof(uint32_t))
            return -1;
        uint32_t *ns = oti_malloc(ncap * sizeof *ns);
        if (!ns)
            return -1;
        memset(ns, 0, ncap * sizeof *ns);
        for (size_t k = 0; k < m->n; k++)
            place(ns, ncap - 1, m->ent[k].hash, (uint32_t)k + 1);
        oti_free(m->slot);
        m->slot = ns;
        m->mask = ncap - 1;
    }
    if (OTI_RESERVE(m->ent, m->cap, m->n + 1) || OTI_RESERVE(m->arena, m->acap, m->alen + len + 1))
        return -1;
    oti_strent *e = &m->ent[m->n];
    e->off = m->alen;
    e->len = (uint32_t)len;
    e->hash = hash_str(s, len);
    e->value = value;
    memcpy(m->arena + m->alen, s, len);
    m->arena[m->alen + len] = '\0';
    m->alen += len + 1;
    place(m->slot, m->mask, e->hash, (uint32_t)++m->n);
    return 0;
}

void oti_strmap_free(oti_strmap *m)
{
    oti_free(m->slot);
    oti_free(m->ent);
    oti_free(m->arena);
    memset(m, 0, sizeof *m);
}

/* The length of s cut to at most max bytes without splitting a character. */
static size_t cut_utf8(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return n;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
        n--;
    return n;
}

int oti_unique_names(const ot_model *m, int what, oti_strmap *out, const char *fn)
{
    size_t count = what == OT_ORGS ? m->norgs : m->nactors;
    memset(out, 0, sizeof *out);
    char buf[OTI_SC_MAX_ID + 1];
    for (size_t i = 0; i < count; i++) {
        const char *name = what == OT_ORGS ? m->orgs[i].name : m->actors[i].name;
        size_t n = cut_utf8(name, OTI_SC_MAX_ID);
        if (n == 0) {
            /* An empty name still needs an id that reads as one. */
            name = what == OT_ORGS ? "org" : "actor";
            n = strlen(name);
        }
        memcpy(buf, name, n);
        buf[n] = '\0';
        size_t len = n;
        for (unsigned k = 2; oti_strmap_get(out, buf, len) != UINT32_MAX; k++) {
            char suffix[16];
            int sl = snprintf(suffix, sizeof suffix, "#%u", k);
            size_t keep = cut_utf8(name, OTI_SC_MAX_ID - (size_t)sl);
            if (keep > n)
                keep = n;
            memcpy(buf, name, keep);
            memcpy(buf + keep, suffix, (size_t)sl + 1);
            len = keep + (size_t)sl;
        }
        if (oti_strmap_add(out, buf, len, (uint32_t)i)) {
            oti_strmap_free(out);
            return oti_nomem(fn);
        }
    }
    return OT_OK;
}

int oti_unique_ids(const ot_model *m, oti_strmap *orgs, oti_strmap *actors, const char *fn)
{
    int rc = oti_unique_names(m, OT_ORGS, orgs, fn);
    if (rc)
        return rc;
    if ((rc = oti_unique_names(m, OT_ACTORS, actors, fn)))
        oti_strmap_free(orgs);
    return rc;
}

const char *oti_quote(const char *s, char out[80])
{
    size_t n = cut_utf8(s, 60);
    out[0] = '"';
    for (size_t i = 0; i < n; i++)
        out[i + 1] = (unsigned char)s[i] < 0x20 ? '?' : s[i]; // NOLINT(bugprone-narrowing-conversions): plain ASCII
    size_t k = n + 1;
    if (s[n] != '\0') {
        memcpy(out + k, "...", 3);
        k += 3;
    }
    out[k++] = '"';
    out[k] = '\0';
    return out;
}
