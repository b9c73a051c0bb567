/* A program outside the tree, built against the installed library. */
#include <orgtrust.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    ot_model *m;
    ot_id g, w, roy, fatima;
    double t;
    if (strcmp(ot_version(), OT_VERSION_STRING) != 0 || ot_model_new(NULL, &m) != OT_OK)
        return 1;
    if (ot_org_add(m, "Gemeente", OT_NONE, &g) || ot_org_add(m, "Waterschap", OT_NONE, &w) ||
        ot_actor_add(m, g, 0, OT_NONE, "Roy", &roy) || ot_actor_add(m, w, 0, OT_NONE, "Fatima", &fatima) ||
        ot_tie_add(m, roy, fatima, NULL) || ot_observe(m, roy, fatima, OT_DELIVERED, 1, 1) ||
        ot_trust(m, roy, fatima, &t))
        return 1;
    ot_model_free(m);
    /* 0.5 + 0.05 * (1 - 0.5) = 0.525 */
    printf("consumer: trust %.3f\n", t);
    return t > 0.5249 && t < 0.5251 ? 0 : 1;
}
