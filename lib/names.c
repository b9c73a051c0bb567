/* SPDX-License-Identifier: MIT */
#include "names.h"
#include "kinds.h"

#include <orgtrust.h>
#include <string.h>

#define TABLE(var, ...)                                                                                          \
    static const char *const var##_[] = {__VA_ARGS__};                                                          \
    const oti_names var = {var##_, (int)(sizeof var##_ / sizeof var##_[0]), sizeof var##_[0]}

/* The observation kinds' names are the first member of their table's rows. */
const oti_names oti_kind_names = {&oti_kinds[0].name, OTI_KIND_LAST + 1, sizeof oti_kinds[0]};
TABLE(oti_disruption_names, NULL, "task", "relational");
TABLE(oti_mode_names, NULL, "joint", "unilateral");
TABLE(oti_class_names, NULL, "internal", "vertical", "horizontal", "diagonal");
TABLE(oti_limit_names, NULL, "person", "reputation", "backing");
TABLE(oti_basis_names, NULL, "at_risk", "reliability", "trust");
TABLE(oti_status_names, NULL, "open", "resolved_locally", "resolved_by_escalation", "withdrawn");
TABLE(oti_step_names, NULL, "ok", "no_superior", "compromised", "no_tie", "unhealthy");
TABLE(oti_reason_names, "none", "party", "diagonal");
TABLE(oti_response_names, "none", "apology", "denial", "promise");
TABLE(oti_advice_names, "none", "resolve", "refer");
TABLE(oti_list_names, NULL, "open", "overdue", "all");

/* Entry i of t (NULL where there is none). */
static const char *entry(const oti_names *t, int i)
{
    return *(const char *const *)((const char *)t->base + (size_t)i * t->stride);
}

const char *oti_name_of(const oti_names *t, int v)
{
    return v >= 0 && v < t->n && entry(t, v) ? entry(t, v) : "?";
}

int oti_value_of(const oti_names *t, const char *s)
{
    for (int i = 0; i < t->n; i++)
        if (entry(t, i) && strcmp(entry(t, i), s) == 0)
            return i;
    return -1;
}

void oti_names_list(const oti_names *t, char *out, unsigned size)
{
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < t->n; i++) {
        const char *name = entry(t, i);
        if (!name)
            continue;
        size_t k = strlen(name);
        if (len + k + 3 >= size)
            break;
        if (len) {
            memcpy(out + len, ", ", 2);
            len += 2;
        }
        memcpy(out + len, name, k + 1);
        len += k;
    }
}
