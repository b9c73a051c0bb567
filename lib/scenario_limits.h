/* Limits against hostile scenario input (docs/scenario.md lists them).
 * SPDX-License-Identifier: MIT */
#ifndef OTI_SCENARIO_LIMITS_H
#define OTI_SCENARIO_LIMITS_H

#include <stddef.h>

#define OTI_SC_MAX_BYTES ((size_t)1 << 30)   /* a scenario file: 1 GiB */
#define OTI_SC_MAX_DEPTH 32                  /* nesting of arrays and objects */
#define OTI_SC_MAX_STRING 65536              /* bytes of one string between its quotes, as written */
#define OTI_SC_MAX_SCALAR 256                /* bytes of one number or literal */
#define OTI_SC_MAX_ELEMENTS 1000000          /* entries of one array or object, the events array aside */
#define OTI_SC_MAX_EVENTS 100000000          /* entries of the events array */
#define OTI_SC_MAX_ID 255                    /* bytes of an id */

#endif
