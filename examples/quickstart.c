/* The README's example: two organisations, two people, one kept agreement. */
#include <orgtrust.h>
#include <stdio.h>

int main(void)
{
    ot_model *m;
    ot_id gemeente, waterschap, roy, fatima;
    double t;
    if (ot_model_new(NULL, &m) != OT_OK)
        return 1;
    ot_org_add(m, "Gemeente", OT_NONE, &gemeente);
    ot_org_add(m, "Waterschap", OT_NONE, &waterschap);
    ot_actor_add(m, gemeente, 0, OT_NONE, "Roy", &roy);
    ot_actor_add(m, waterschap, 0, OT_NONE, "Fatima", &fatima);
    ot_tie_add(m, roy, fatima, NULL);
    if (ot_observe(m, roy, fatima, OT_AGREEMENT_KEPT, 1.0, 1.0) != OT_OK) {
        fprintf(stderr, "observe: %s\n", ot_last_error());
        return 1;
    }
    ot_trust(m, roy, fatima, &t);
    printf("Roy trusts Fatima %.4f\n", t); /* 0.5 + 0.05 * 0.5 = 0.525 */
    ot_model_free(m);
    return 0;
}
