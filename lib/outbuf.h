/* A growing text buffer for the library's text outputs (scenario export,
 * the JSON report, Graphviz): printf, JSON strings, DOT strings, and
 * numbers written so that reading them back gives the very same double.
 * SPDX-License-Identifier: MIT */
#ifndef OTI_OUTBUF_H
#define OTI_OUTBUF_H

#include "error.h"

#include <stddef.h>

typedef struct oti_buf {
    char *s;
    size_t len, cap;
    int failed; /* an allocation failed: every later write is dropped */
} oti_buf;

void oti_buf_put(oti_buf *b, const char *s, size_t n);
void oti_buf_str(oti_buf *b, const char *s);
void oti_buf_printf(oti_buf *b, const char *fmt, ...) OTI_PRINTF(2, 3);
/* A JSON string literal (quotes included), escaping what JSON requires. */
void oti_buf_json_str(oti_buf *b, const char *s);
/* A JSON number: the shortest of %.15g, %.16g, %.17g that reads back
 * exactly; integers without a fraction. Non-finite values are written as
 * the strings "inf", "-inf", "nan" (JSON has no such numbers). */
void oti_buf_num(oti_buf *b, double v);
/* A DOT double-quoted string (quotes included): quotes and backslashes
 * escaped, control characters replaced by spaces. */
void oti_buf_dot_str(oti_buf *b, const char *s);
/* The same without the quotes, to build a label from pieces. */
void oti_buf_dot_text(oti_buf *b, const char *s);
/* The n bytes at s as text inside a Graphviz HTML-like label: &, <, > and
 * quotes as entities, control characters replaced by spaces. */
void oti_buf_html_text(oti_buf *b, const char *s, size_t n);
/* Hand the text over: NUL-terminated, owned by the caller (ot_free), its
 * length in *len if len is not NULL. OT_OK, or OT_ENOMEM (message for fn,
 * buffer freed). */
int oti_buf_finish(oti_buf *b, char **out, size_t *len, const char *fn);
void oti_buf_release(oti_buf *b);

#endif
