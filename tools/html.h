/* The HTML report (tools/html.c).
 * SPDX-License-Identifier: MIT */
#ifndef ORGTRUST_HTML_H
#define ORGTRUST_HTML_H

#include <orgtrust.h>

#include <stdio.h>

/* Write the page of model m, read from `file`, to f; picture_svg is the
 * network picture as an <svg> element, or NULL when it could not be drawn.
 * 0, or -1 when the report cannot be made or f fails. */
int html_page(FILE *f, const ot_model *m, const char *file, const char *picture_svg);

#endif
