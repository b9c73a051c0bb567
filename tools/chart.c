/* Line charts as SVG: trust over time, read by people who do not program.
 * Every series has its own colour and its own dash pattern (a reader who
 * cannot tell the colours apart, or prints in grey, still can tell the
 * lines apart), the axis runs from 0 to 1 unless a value lies outside, and
 * a day without a value breaks the line rather than drawing through it.
 * No script: the chart is plain SVG, so a page that shows it needs none.
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include "chart.h"

#include <math.h>
#include <string.h>

/* The geometry of a chart, in the units of its viewBox. */
enum { WIDTH = 720, LEFT = 48, RIGHT = 36, TOP = 34, PLOT_H = 200, AXIS_H = 34, ROW_H = 20, LEGEND_COLS = 1 };

/* The Okabe-Ito colours, which stay apart for colour-blind readers,
 * without their yellow (too light on white), and dash patterns. */
static const char *const COLOUR[] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000"};
static const char *const DASH[] = {"", "6 3", "2 3", "8 3 2 3"};
#define NCOLOUR (sizeof COLOUR / sizeof COLOUR[0])
#define NDASH (sizeof DASH / sizeof DASH[0])

void markup_text(FILE *f, const char *s)
{
    for (; s && *s; s++)
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
}

static size_t legend_rows(const chart *c) { return (c->ns + LEGEND_COLS - 1) / LEGEND_COLS; }
static double height_of(const chart *c) { return TOP + PLOT_H + AXIS_H + (double)legend_rows(c) * ROW_H + 8; }

/* A step of 1, 2 or 5 times a power of ten that gives at most `most`
 * ticks over span. */
static double tick_step(double span, int most)
{
    if (!(span > 0))
        return 1;
    static const double mult[] = {1, 2, 5};
    double base = pow(10, floor(log10(span / most)));
    for (;; base *= 10)
        for (size_t i = 0; i < sizeof mult / sizeof mult[0]; i++)
            if (span / (base * mult[i]) <= most)
                return base * mult[i];
}

static void series_style(FILE *f, size_t s)
{
    /* 7 colours and 4 dashes: as 7 and 4 have no common factor, the first
     * 28 series all differ in colour or dash */
    fprintf(f, "fill=\"none\" stroke=\"%s\" stroke-width=\"2\"", COLOUR[s % NCOLOUR]);
    if (DASH[s % NDASH][0])
        fprintf(f, " stroke-dasharray=\"%s\"", DASH[s % NDASH]);
}

/* The chart's content, its top at y0 (no <svg> around it). */
static void panel(FILE *f, const chart *c, double y0)
{
    double t0 = c->nt ? c->times[0] : 0, t1 = c->nt ? c->times[c->nt - 1] : 1;
    if (!(t1 > t0))
        t1 = t0 + 1;
    double lo = 0, hi = 1;
    for (size_t s = 0; s < c->ns; s++)
        for (size_t k = 0; k < c->nt; k++) {
            double v = c->v[k * c->nc + c->col[s]];
            if (v < lo)
                lo = v;
            if (v > hi)
                hi = v;
        }
    const double pw = WIDTH - LEFT - RIGHT, top = y0 + TOP;
#define X(t) (LEFT + ((t) - t0) / (t1 - t0) * pw)
#define Y(v) (top + (hi - (v)) / (hi - lo) * PLOT_H)
    fprintf(f, "<text x=\"%d\" y=\"%.1f\" font-size=\"15\" font-weight=\"bold\">", LEFT, y0 + 20);
    markup_text(f, c->title);
    fputs("</text>\n", f);
    /* the value axis: lines every quarter (every tick_step outside [0, 1]) */
    double ys = hi - lo > 1 ? tick_step(hi - lo, 5) : 0.25;
    for (double v = ceil(lo / ys) * ys; v <= hi + 1e-9; v += ys) {
        fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>", LEFT, WIDTH - RIGHT, Y(v), Y(v));
        fprintf(f, "<text x=\"%d\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\">%.2f</text>\n", LEFT - 6, Y(v) + 4,
                v);
    }
    /* the time axis */
    double xs = tick_step(t1 - t0, 6);
    fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#888\"/>\n", LEFT, WIDTH - RIGHT,
            top + PLOT_H, top + PLOT_H);
    for (double t = ceil(t0 / xs) * xs; t <= t1 + 1e-9; t += xs) {
        char buf[64];
        if (c->tick)
            c->tick(c->ctx, t, buf, sizeof buf);
        else
            snprintf(buf, sizeof buf, "day %g", t);
        fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#888\"/>", X(t), X(t),
                top + PLOT_H, top + PLOT_H + 5);
        /* centred under its tick, but moved in as far as it takes to stay
         * inside the chart (about 7 units a character at this size) */
        double half = 3.5 * (double)strlen(buf), x = X(t);
        if (x < half)
            x = half;
        if (x > WIDTH - half)
            x = WIDTH - half;
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\">", x, top + PLOT_H + 19);
        markup_text(f, buf);
        fputs("</text>\n", f);
    }
    /* the lines: a polyline per stretch of days with values */
    for (size_t s = 0; s < c->ns; s++) {
        fprintf(f, "<g class=\"series\"><title>");
        markup_text(f, c->label[s]);
        fputs("</title>", f);
        for (size_t k = 0; k < c->nt;) {
            while (k < c->nt && isnan(c->v[k * c->nc + c->col[s]]))
                k++;
            if (k == c->nt)
                break;
            fputs("<polyline ", f);
            series_style(f, s);
            fputs(" points=\"", f);
            for (; k < c->nt && !isnan(c->v[k * c->nc + c->col[s]]); k++)
                fprintf(f, "%.1f,%.1f ", X(c->times[k]), Y(c->v[k * c->nc + c->col[s]]));
            fputs("\"/>", f);
        }
        fputs("</g>\n", f);
    }
    /* the legend, under the axis, a line each (long labels need the width) */
    double ly = top + PLOT_H + AXIS_H;
    for (size_t s = 0; s < c->ns; s++) {
        double lx = LEFT + (double)(s % LEGEND_COLS) * (pw / LEGEND_COLS), yy = ly + (double)(s / LEGEND_COLS) * ROW_H;
        fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" ", lx, lx + 28, yy, yy);
        series_style(f, s);
        fprintf(f, "/><text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">", lx + 34, yy + 4);
        markup_text(f, c->label[s]);
        fputs("</text>\n", f);
    }
#undef X
#undef Y
}

static void open_svg(FILE *f, double h, const char *title)
{
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %.0f\" width=\"%d\" height=\"%.0f\" "
            "role=\"img\" aria-label=\"",
            WIDTH, h, WIDTH, h);
    markup_text(f, title);
    fputs("\" font-family=\"sans-serif\">\n", f);
}

void chart_svg(FILE *f, const chart *c, const char *id)
{
    double h = height_of(c);
    fprintf(f, "<figure class=\"chart\" id=\"");
    markup_text(f, id);
    fputs("\">\n", f);
    open_svg(f, h, c->title);
    panel(f, c, 0);
    fputs("</svg>\n</figure>\n", f);
}

void chart_svg_document(FILE *f, const chart *c, size_t n)
{
    double h = 0;
    for (size_t i = 0; i < n; i++)
        h += height_of(&c[i]);
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
    open_svg(f, h > 0 ? h : 1, n ? c[0].title : "no values");
    fputs("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n", f);
    h = 0;
    for (size_t i = 0; i < n; i++) {
        panel(f, &c[i], h);
        h += height_of(&c[i]);
    }
    fputs("</svg>\n", f);
}
