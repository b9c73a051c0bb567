/* The thread-local last error.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_ERROR_H
#define OTI_ERROR_H

#if defined(__GNUC__)
#define OTI_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define OTI_PRINTF(a, b)
#endif

/* Record a message for ot_last_error() and return `status`, so a failing
 * path reads `return oti_fail(OT_EINVAL, "...", ...);`. */
int oti_fail(int status, const char *fmt, ...) OTI_PRINTF(2, 3);

/* Prefix the current message with `fmt`: used by the scenario loader to say
 * where a failing call came from. */
void oti_error_prefix(const char *fmt, ...) OTI_PRINTF(1, 2);

/* The shared message for an allocation failure inside `fn`. */
int oti_nomem(const char *fn);

#endif
