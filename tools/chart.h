/* Charts of values over time as SVG, drawn from ot_timeline() values
 * (tools/chart.c): for `orgtrust timeline --svg` and the HTML report.
 * SPDX-License-Identifier: MIT */
#ifndef ORGTRUST_CHART_H
#define ORGTRUST_CHART_H

#include <stddef.h>
#include <stdio.h>

/* One chart: lines over time, the values v[k * nc + col[s]] of series s at
 * times[k] (NaN: no value then, the line breaks). */
typedef struct chart {
    const char *title;
    const double *times;
    size_t nt;
    const double *v;
    size_t nc;
    const size_t *col;          /* the column of each series */
    const char *const *label;   /* the legend text of each series */
    size_t ns;
    /* The text under a tick at day t ("day 120", or a date); NULL: "day t". */
    void (*tick)(void *ctx, double t, char *buf, size_t cap);
    void *ctx;
} chart;

/* Write c as one <svg> element (for inclusion in HTML: no XML prolog, no
 * namespace needed there); `id` makes its element ids unique in a page. */
void chart_svg(FILE *f, const chart *c, const char *id);

/* Write the charts, one under the other, as a standalone SVG document. */
void chart_svg_document(FILE *f, const chart *c, size_t n);

/* Text for XML or HTML: &, <, >, " escaped. */
void markup_text(FILE *f, const char *s);

#endif
