/* Argument checks shared by the public functions: each sets a message that
 * names the function, the argument and its value.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_ARGS_H
#define OTI_ARGS_H

#include "model.h"

/* The condition oti_check_mutable() checks, for fast paths that test it
 * inline and call the check only to say why it failed. */
static inline int oti_is_mutable(const ot_model *m) { return m && !m->readonly; }

/* Argument checks that set the message; `fn` names the public function. */
int oti_check_model(const ot_model *m, const char *fn);
int oti_check_mutable(const ot_model *m, const char *fn);
int oti_check_org(const ot_model *m, ot_id org, const char *fn, const char *arg);
int oti_check_actor(const ot_model *m, ot_id actor, const char *fn, const char *arg);
int oti_check_time(const ot_model *m, double t, const char *fn);
int oti_check_unit(double v, const char *fn, const char *arg);
int oti_check_out(const void *p, const char *fn, const char *arg);
int oti_check_tie(const ot_model *m, ot_id tie, const char *fn);

#endif

/* OT_ESTATE naming the actor when it has left (the actor exists). */
int oti_check_present(const ot_model *m, ot_id actor, const char *fn, const char *arg);
/* OT_ESTATE naming the tie when it has ended (the tie exists). */
int oti_check_active(const ot_model *m, ot_id tie, const char *fn, const char *arg);
