/* The checker's part for people who come and go and for the ladder
 * (lib/turnover_check.c).
 * SPDX-License-Identifier: MIT */
#ifndef OTI_TURNOVER_CHECK_H
#define OTI_TURNOVER_CHECK_H

#include "model.h"

/* OT_OK, or OT_ESTATE with the message naming what differs. */
int oti_life_check(const ot_model *m);

#endif
