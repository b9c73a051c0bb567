/* Status texts, the version, and the per-thread last error.
 * SPDX-License-Identifier: MIT */
#include "error.h"

#include <orgtrust.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Long enough for a function name, an argument and a quoted 255-byte value. */
#define MSG_MAX 768

static _Thread_local char last[MSG_MAX];

int oti_fail(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    /* clang-analyzer 14 misreads va_start on x86-64's array-typed va_list. */
    vsnprintf(last, sizeof last, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized)
    va_end(ap);
    return status;
}

void oti_error_prefix(const char *fmt, ...)
{
    char body[MSG_MAX];
    memcpy(body, last, sizeof body);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(last, sizeof last, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized)
    va_end(ap);
    /* Whatever does not fit is cut off at the end of the message. */
    if (n >= 0 && (size_t)n < sizeof last) {
        size_t room = sizeof last - (size_t)n;
        const char *end = memchr(body, '\0', room - 1);
        size_t len = end ? (size_t)(end - body) : room - 1;
        memcpy(last + n, body, len);
        last[(size_t)n + len] = '\0';
    }
}

int oti_nomem(const char *fn)
{
    return oti_fail(OT_ENOMEM, "%s: out of memory; nothing was changed", fn);
}

OT_API const char *ot_last_error(void) { return last; }

OT_API const char *ot_version(void) { return OT_VERSION_STRING; }

OT_API int ot_version_number(void) { return OT_VERSION_NUMBER; }

OT_API const char *ot_strerror(int status)
{
    switch (status) {
    case OT_OK: return "success";
    case OT_EINVAL: return "invalid argument";
    case OT_ENOMEM: return "out of memory";
    case OT_ENOTFOUND: return "not found";
    case OT_EEXIST: return "already exists";
    case OT_ETIME: return "time goes backwards";
    case OT_ESTATE: return "not allowed in this state";
    case OT_EIO: return "input/output error";
    case OT_EFORMAT: return "malformed data";
    case OT_ENOTSUP: return "not supported";
    case OT_ELIMIT: return "limit exceeded";
    default: return "unknown status";
    }
}
