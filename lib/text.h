/* Checks on text passed in by callers.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_TEXT_H
#define OTI_TEXT_H

#include <stddef.h>

/* strlen, but looks at no more than max bytes (strnlen is POSIX, not C11). */
size_t oti_strnlen(const char *s, size_t max);

/* 1 when the n bytes at s are well-formed UTF-8 (no overlongs, no
 * surrogates, nothing above U+10FFFF). */
int oti_utf8_valid(const char *s, size_t n);

/* Validate a name argument: non-NULL, valid UTF-8, at most `max` bytes.
 * Returns OT_OK or a status with a message naming `fn` and `arg`. */
int oti_check_name(const char *s, size_t max, const char *fn, const char *arg);

/* The length of s cut to at most max bytes without splitting a character. */
size_t oti_cut_utf8(const char *s, size_t max);

/* A string for a message: quoted, at most about 60 bytes (cut at a
 * character boundary, "..." added), control characters as '?'. */
const char *oti_quote(const char *s, char out[80]);

#endif
