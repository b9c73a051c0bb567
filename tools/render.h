/* Rendering a Graphviz DOT text (ot_export_dot's picture) through the
 * Graphviz library, libgvc, with the dot layout: no `dot` program is run.
 * Used by the orgtrust command (orgtrust dot --svg / --png) and by the HTML
 * report, which inlines the SVG. The library liborgtrust does not use it:
 * only the tools depend on Graphviz.
 * SPDX-License-Identifier: MIT */
#ifndef ORGTRUST_TOOLS_RENDER_H
#define ORGTRUST_TOOLS_RENDER_H

#include <stddef.h>

/* Lay out the DOT text (len bytes at dot, no NUL needed) with dot and
 * render it as `format`: "svg" or "png" (the names of Graphviz's output
 * formats; any other format its plugins provide, such as "plain", works
 * too).
 *
 * Returns 0 on success: *out holds *outlen bytes of output, allocated with
 * malloc (the caller frees it with free()), followed by a NUL that *outlen
 * does not count (so an SVG is a C string); err holds Graphviz's warnings,
 * if it had any, else "".
 * Returns -1 on failure: *out is NULL, *outlen 0, and err says what failed
 * and Graphviz's own words (a syntax error and its line, an unknown
 * format, a failed layout), truncated to errcap bytes with its NUL.
 *
 * Cost: Graphviz's dot layout, roughly quadratic in the nodes and edges.
 * Not thread-safe: Graphviz keeps its error state in globals (its message
 * handler is set for the call and restored afterwards). The first call
 * makes the one Graphviz context every later call uses; it lives as long as
 * the process (see context() in render.c for why). */
int render_graph(const char *dot, size_t len, const char *format, char **out, size_t *outlen, char *err,
                 size_t errcap);

#endif
