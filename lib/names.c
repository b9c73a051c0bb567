/* SPDX-License-Identifier: MIT */
#include "names.h"

#include <orgtrust.h>
#include <string.h>

#define TABLE(var, ...)                                                                                          \
    static const char *const var##_[] = {__VA_ARGS__};                                                          \
    const oti_names var = {var##_, (int)(sizeof var##_ / sizeof var##_[0])}

TABLE(oti_kind_names, NULL, "agreement_kept", "agreement_broken", "delivered", "failed_delivery", "went_beyond",
      "let_down", "disclosed", "concealed");
TABLE(oti_disruption_names, NULL, "task", "relational");
TABLE(oti_mode_names, NULL, "joint", "unilateral");
TABLE(oti_class_names, NULL, "internal", "vertical", "horizontal", "diagonal");
TABLE(oti_limit_names, NULL, "person", "reputation", "backing");
TABLE(oti_basis_names, NULL, "at_risk", "reliability", "trust");
TABLE(oti_status_names, NULL, "open", "resolved_locally", "resolved_by_escalation", "withdrawn");
TABLE(oti_step_names, NULL, "ok", "no_superior", "compromised", "no_tie", "unhealthy");
TABLE(oti_reason_names, "none", "party", "diagonal");
TABLE(oti_advice_names, "none", "resolve", "refer");
TABLE(oti_list_names, NULL, "open", "overdue", "all");

const char *oti_name_of(const oti_names *t, int v)
{
    return v >= 0 && v < t->n && t->name[v] ? t->name[v] : "?";
}

int oti_value_of(const oti_names *t, const char *s)
{
    for (int i = 0; i < t->n; i++)
        if (t->name[i] && strcmp(t->name[i], s) == 0)
            return i;
    return -1;
}

void oti_names_list(const oti_names *t, char *out, unsigned size)
{
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < t->n; i++) {
        if (!t->name[i])
            continue;
        size_t k = strlen(t->name[i]);
        if (len + k + 3 >= size)
            break;
        if (len) {
            memcpy(out + len, ", ", 2);
            len += 2;
        }
        memcpy(out + len, t->name[i], k + 1);
        len += k;
    }
}
