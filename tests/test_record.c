/* lib/record.c: the kept log. Its records are 32 bytes whatever the event,
 * and reading them back gives every event exactly as it was recorded. */
#include "testutil.h"

#include "record.h"

#include <string.h>

typedef struct seen {
    oti_event ev[8];
    size_t n;
} seen;

static int collect(void *arg, const oti_event *ev, const char *name)
{
    (void)name;
    seen *s = arg;
    s->ev[s->n++] = *ev;
    return 0;
}

static int same_event(const oti_event *a, const oti_event *b)
{
    return a->type == b->type && a->kind == b->kind && a->flag == b->flag && a->a == b->a && a->b == b->b &&
           a->c == b->c && a->d == b->d && memcmp(&a->x, &b->x, sizeof a->x) == 0 &&
           memcmp(&a->t, &b->t, sizeof a->t) == 0;
}

START_TEST(a_kept_event_takes_32_bytes)
{
    ck_assert_uint_eq(sizeof(oti_logrec), 32);
}
END_TEST

START_TEST(every_event_reads_back_exactly)
{
    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    /* A number and no fourth id (an observation), a fourth id and no
     * number (a consultation with a second liaison), and both: -0.0 is a
     * number too (its sign bit is set), and so is an ordinary one. */
    const oti_event evs[4] = {
        {.type = OTI_EV_OBSERVE, .kind = 3, .a = 1, .b = 2, .x = 1.5, .t = 4.0},
        {.type = OTI_EV_CONSULT, .a = 1, .b = 2, .c = OT_NONE, .d = 7, .t = 5.0},
        {.type = 99, .kind = 1, .flag = 1, .a = 1, .b = 2, .c = 3, .d = 4, .x = -0.0, .t = 6.0},
        {.type = 99, .a = 5, .d = OT_NONE, .x = 0.1, .t = -INFINITY},
    };
    m->keep_events = 1;
    for (int i = 0; i < 4; i++)
        ck_ok(oti_log_append(m, &evs[i], "test"));
    /* Four events in six records: the last two are wide. */
    ck_assert_uint_eq(m->nlog, 4);
    ck_assert_uint_eq(m->loglen, 6);
    seen s = {.n = 0};
    /* The names of ORG_ADD and ACTOR_ADD come from the model: none here. */
    ck_ok(oti_events_foreach(m, collect, &s));
    ck_assert_uint_eq(s.n, 4);
    for (int i = 0; i < 4; i++)
        ck_assert_msg(same_event(&s.ev[i], &evs[i]), "event %d differs", i);
    ot_model_free(m);
}
END_TEST

START_TEST(a_batch_is_kept_as_given)
{
    ot_model *m;
    ck_ok(ot_model_new(NULL, &m));
    ot_id g, w, roy, fatima;
    ck_ok(ot_org_add(m, "Gemeente", OT_NONE, &g));
    ck_ok(ot_org_add(m, "Waterschap", OT_NONE, &w));
    ck_ok(ot_actor_add(m, g, 0, OT_NONE, "Roy", &roy));
    ck_ok(ot_actor_add(m, w, 0, OT_NONE, "Fatima", &fatima));
    ck_ok(ot_tie_add(m, roy, fatima, NULL));
    const ot_observation obs[2] = {{roy, fatima, OT_DELIVERED, 0, 0.0, 1.0}, {fatima, roy, OT_LET_DOWN, 0, 2.5, 2.0}};
    size_t applied;
    ck_ok(ot_observe_batch(m, obs, 2, &applied));
    ck_assert_uint_eq(m->nlog, 7);
    ck_assert_uint_eq(m->loglen, 7);
    /* The last two records, after the five structure calls. */
    const oti_logrec *r = &m->log[5];
    ck_assert_int_eq(r[0].type, OTI_EV_OBSERVE);
    ck_assert(r[0].u.x == 1.0); /* magnitude 0 means 1, and is kept as 1 */
    ck_assert(r[1].u.x == 2.5 && r[1].t == 2.0 && r[1].a == fatima && r[1].kind == OT_LET_DOWN);
    ot_model_free(m);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("record");
    TCase *tc = tcase_create("the kept log");
    tcase_add_test(tc, a_kept_event_takes_32_bytes);
    tcase_add_test(tc, every_event_reads_back_exactly);
    tcase_add_test(tc, a_batch_is_kept_as_given);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return ot_run_suite(suite()); }
