/* render_graph() in a build without Graphviz's libgvc (libgraphviz-dev was
 * not found when the build was configured): it says so and fails.
 * SPDX-License-Identifier: MIT */
#include "render.h"

#include <stdio.h>

int render_graph(const char *dot, size_t len, const char *format, char **out, size_t *outlen, char *err,
                 size_t errcap)
{
    (void)dot;
    (void)len;
    if (out)
        *out = NULL;
    if (outlen)
        *outlen = 0;
    if (err && errcap)
        snprintf(err, errcap,
                 "cannot render as \"%s\": this orgtrust was built without Graphviz's library (install "
                 "libgraphviz-dev, e.g. with make deps-demo, and build again)",
                 format ? format : "?");
    return -1;
}
