/* SPDX-License-Identifier: MIT */
#include "outbuf.h"
#include "alloc.h"

#include <math.h>
#include <orgtrust.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void oti_buf_put(oti_buf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    size_t need;
    if (__builtin_add_overflow(b->len, n + 1, &need) || OTI_RESERVE(b->s, b->cap, need)) {
        b->failed = 1;
        return;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void oti_buf_str(oti_buf *b, const char *s) { oti_buf_put(b, s, strlen(s)); }

void oti_buf_printf(oti_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized): see lib/error.c
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        oti_buf_put(b, small, (size_t)n);
        return;
    }
    char *big = oti_malloc((size_t)n + 1);
    if (!big) {
        b->failed = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    oti_buf_put(b, big, (size_t)n);
    oti_free(big);
}

void oti_buf_json_str(oti_buf *b, const char *s)
{
    oti_buf_put(b, "\"", 1);
    const char *run = s;
    for (const char *p = s;; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        oti_buf_put(b, run, (size_t)(p - run));
        if (c == '\0')
            break;
        char esc[8];
        switch (c) {
        case '"': oti_buf_put(b, "\\\"", 2); break;
        case '\\': oti_buf_put(b, "\\\\", 2); break;
        case '\n': oti_buf_put(b, "\\n", 2); break;
        case '\t': oti_buf_put(b, "\\t", 2); break;
        case '\r': oti_buf_put(b, "\\r", 2); break;
        default:
            snprintf(esc, sizeof esc, "\\u%04x", c);
            oti_buf_put(b, esc, 6);
        }
        run = p + 1;
    }
    oti_buf_put(b, "\"", 1);
}

void oti_buf_dot_str(oti_buf *b, const char *s)
{
    oti_buf_put(b, "\"", 1);
    oti_buf_dot_text(b, s);
    oti_buf_put(b, "\"", 1);
}

/* The n bytes at s with the characters `escape` has a replacement for
 * replaced (NULL: kept as they are). */
static void put_escaped(oti_buf *b, const char *s, size_t n, const char *(*escape)(unsigned char c))
{
    const char *run = s;
    for (const char *p = s; p < s + n; p++) {
        const char *with = escape((unsigned char)*p);
        if (!with)
            continue;
        oti_buf_put(b, run, (size_t)(p - run));
        oti_buf_str(b, with);
        run = p + 1;
    }
    oti_buf_put(b, run, (size_t)(s + n - run));
}

/* Control characters (and DEL) become spaces in both. */
static const char *dot_escape(unsigned char c)
{
    return c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c < 0x20 || c == 0x7f ? " " : NULL;
}

static const char *html_escape(unsigned char c)
{
    return c == '&'                 ? "&amp;"
           : c == '<'               ? "&lt;"
           : c == '>'               ? "&gt;"
           : c == '"'               ? "&quot;"
           : c < 0x20 || c == 0x7f ? " "
                                    : NULL;
}

void oti_buf_dot_text(oti_buf *b, const char *s) { put_escaped(b, s, strlen(s), dot_escape); }

void oti_buf_html_text(oti_buf *b, const char *s, size_t n) { put_escaped(b, s, n, html_escape); }

/* Whatever the host's LC_NUMERIC says, numbers leave with a '.'. */
static void c_locale_point(char *s)
{
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || *s == '-' || *s == '+' || *s == 'e' || *s == 'E'))
            *s = '.';
}

void oti_buf_num(oti_buf *b, double v)
{
    char tmp[40];
    if (isnan(v)) {
        oti_buf_str(b, "\"nan\"");
        return;
    }
    if (isinf(v)) {
        oti_buf_str(b, v > 0 ? "\"inf\"" : "\"-inf\"");
        return;
    }
    if (v == 0.0) {
        oti_buf_str(b, signbit(v) ? "-0.0" : "0");
        return;
    }
    if (fabs(v) < 1e15 && v == (double)(long long)v) {
        snprintf(tmp, sizeof tmp, "%lld", (long long)v);
        oti_buf_str(b, tmp);
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        if (prec == 17 || strtod(tmp, NULL) == v)
            break;
    }
    c_locale_point(tmp);
    oti_buf_str(b, tmp);
}

int oti_buf_finish(oti_buf *b, char **out, size_t *len, const char *fn)
{
    if (!b->failed && !b->s)
        oti_buf_put(b, "", 0);
    if (b->failed) {
        oti_buf_release(b);
        return oti_nomem(fn);
    }
    char *owned = oti_hand_over(b->s, b->len + 1);
    if (!owned) {
        oti_buf_release(b);
        return oti_nomem(fn);
    }
    *out = owned;
    if (len)
        *len = b->len;
    b->s = NULL;
    b->len = b->cap = 0;
    return OT_OK;
}

void oti_buf_release(oti_buf *b)
{
    oti_free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}
