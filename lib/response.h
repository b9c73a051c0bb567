/* Responses to a breach and revealed truth (docs/model.md, section 12).
 * SPDX-License-Identifier: MIT */
#ifndef OTI_RESPONSE_H
#define OTI_RESPONSE_H

/* The scenario name of an ot_response ("apology"), NULL if unknown. */
const char *oti_response_name(int response);

#endif
