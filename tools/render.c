/* tools/render.h: Graphviz's library renders the picture.
 * SPDX-License-Identifier: MIT */
#include "render.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where Graphviz's messages go during a call: its handler has no context
 * argument, so the one call in progress keeps its buffer here. */
static struct {
    char *buf;
    size_t cap, len;
} sink;

/* Graphviz's message handler: keep what it says (it may come in pieces:
 * "Warning", ": ", the message; each message ends with a newline). */
static int collect(char *msg)
{
    size_t n = strlen(msg);
    if (sink.len + n >= sink.cap)
        n = sink.cap - 1 - sink.len;
    memcpy(sink.buf + sink.len, msg, n);
    sink.len += n;
    sink.buf[sink.len] = '\0';
    return 0;
}

/* The messages on one line: "; " between them, none at the end. */
static void one_line(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
        s[--n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n')
            s[i] = ';';
}

/* One Graphviz context for the process, made on first use and never freed:
 * Graphviz 2.43's text layout (the pango plugin) keeps a pointer into the
 * font cache of the context it last measured in, so measuring after that
 * context was freed reads freed memory (AddressSanitizer found it). */
static GVC_t *context(void)
{
    static GVC_t *gvc;
    if (!gvc)
        gvc = gvContext();
    return gvc;
}

/* The failure message: what failed, then what Graphviz said (in msgs). */
static int fail(char *err, size_t errcap, const char *msgs, const char *fmt, ...)
{
    if (errcap == 0)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err, errcap, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < errcap && msgs[0])
        snprintf(err + n, errcap - (size_t)n, ": %s", msgs);
    return -1;
}

int render_graph(const char *dot, size_t len, const char *format, char **out, size_t *outlen, char *err,
                 size_t errcap)
{
    char msgs[1024] = "";
    if (err && errcap)
        err[0] = '\0';
    else
        errcap = 0;
    if (!out || !outlen)
        return fail(err, errcap, msgs, "render_graph: out and outlen must not be NULL");
    *out = NULL;
    *outlen = 0;
    if (!dot || !format || !format[0])
        return fail(err, errcap, msgs, "render_graph: %s is missing", !dot ? "the DOT text" : "the format");
    const char *nul = memchr(dot, '\0', len);
    if (nul)
        return fail(err, errcap, msgs, "the DOT text has a NUL byte at offset %zu", (size_t)(nul - dot));
    char *text = malloc(len + 1);
    if (!text)
        return fail(err, errcap, msgs, "out of memory for %zu bytes of DOT", len);
    memcpy(text, dot, len);
    text[len] = '\0';

    sink.buf = msgs;
    sink.cap = sizeof msgs;
    sink.len = 0;
    agusererrf before = agseterrf(collect);
    agerrlevel_t level = agseterr(AGWARN); /* warnings and errors reach collect() */
    agreseterrors();

    char *data = NULL;
    unsigned int n = 0;
    const char *failed = NULL; /* what failed, in words */
    int named = 0;             /* ... followed by the format's name */
    GVC_t *gvc = context();
    Agraph_t *g = gvc ? agmemread(text) : NULL;
    if (!gvc)
        failed = "Graphviz could not start (gvContext)";
    else if (!g || agerrors() >= AGERR)
        failed = "Graphviz could not read the DOT text";
    else if (gvLayout(gvc, g, "dot") != 0)
        failed = "Graphviz could not lay the graph out with dot";
    else if (gvRenderData(gvc, g, format, &data, &n) != 0 || !data)
        failed = "Graphviz could not render it as", named = 1;
    else if (!(*out = malloc((size_t)n + 1)))
        failed = "out of memory for the rendered picture";
    one_line(msgs);
    int rc = 0;
    if (failed) {
        rc = fail(err, errcap, msgs, named ? "%s \"%s\"" : "%s", failed, format);
    } else {
        memcpy(*out, data, n);
        (*out)[n] = '\0';
        *outlen = n;
        if (errcap)
            snprintf(err, errcap, "%s", msgs); /* the warnings, if any */
    }
    if (data)
        gvFreeRenderData(data);
    if (g) {
        gvFreeLayout(gvc, g);
        agclose(g);
    }
    agseterr(level);
    agseterrf(before);
    sink.buf = NULL;
    sink.cap = sink.len = 0;
    free(text);
    return rc;
}
