/* tools/render.c: Graphviz's library renders the picture; its errors come
 * back as messages. And the layout promise of lib/dot.c (docs/picture.md):
 * on every example, laid out by dot, no tie label overlaps another node and
 * no edge runs through a tie label or an actor other than its own ends.
 * The layout is read from Graphviz's "plain" output: each node's centre and
 * size, each edge's spline control points, in inches. */
#include "render.h"
#include "scenario_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *render_ok(const char *dot, const char *format, size_t *len)
{
    char *out, err[1024];
    int rc = render_graph(dot, strlen(dot), format, &out, len, err, sizeof err);
    ck_assert_msg(rc == 0, "render_graph(%s) failed: %s", format, err);
    ck_assert_msg(err[0] == '\0', "Graphviz warned: %s", err);
    ck_assert_uint_eq(strlen(out), *len); /* NUL-terminated, and text formats have no NUL */
    return out;
}

static void render_fails(const char *dot, size_t len, const char *format, const char *needle, const char *needle2)
{
    char *out = (char *)1, err[512];
    size_t n = 99;
    ck_assert_int_eq(render_graph(dot, len, format, &out, &n, err, sizeof err), -1);
    ck_assert_ptr_null(out);
    ck_assert_uint_eq(n, 0);
    ck_assert_msg(strstr(err, needle) != NULL, "\"%s\" not in: %s", needle, err);
    if (needle2)
        ck_assert_msg(strstr(err, needle2) != NULL, "\"%s\" not in: %s", needle2, err);
}

START_TEST(svg_and_png)
{
    size_t len;
    char *svg = render_ok("digraph { Roy -> Fatima [label=\"0.79\"] }", "svg", &len);
    ck_assert_msg(strstr(svg, "<svg") && strstr(svg, ">Roy</text>") && strstr(svg, "</svg>"), "%s", svg);
    free(svg);
    /* The length counts every byte (a PNG has NULs); the 8-byte signature. */
    char *out, err[256];
    ck_assert_int_eq(render_graph("digraph { a -> b }", 18, "png", &out, &len, err, sizeof err), 0);
    ck_assert_uint_gt(len, 100);
    ck_assert_int_eq(memcmp(out, "\x89PNG\r\n\x1a\n", 8), 0);
    free(out);
    /* The text need not end with a NUL: only len bytes are read. */
    const char text[] = "digraph { a -> b }XXXX";
    ck_assert_int_eq(render_graph(text, 18, "svg", &out, &len, err, sizeof err), 0);
    ck_assert_ptr_nonnull(strstr(out, "<svg"));
    free(out);
}
END_TEST

START_TEST(errors_are_said)
{
    /* a syntax error: Graphviz names the line */
    const char *bad = "digraph {\n a -> \n}";
    render_fails(bad, strlen(bad), "svg", "could not read the DOT text", "syntax error in line 3");
    /* a format Graphviz does not have */
    const char *ok = "digraph { a -> b }";
    render_fails(ok, strlen(ok), "bogus", "could not render it as \"bogus\"", "bogus");
    render_fails("digraph { a }\0 b", 16, "svg", "NUL byte at offset 13", NULL);
    render_fails(NULL, 0, "svg", "the DOT text is missing", NULL);
    render_fails(ok, strlen(ok), "", "the format is missing", NULL);
    /* no room for the output: said, nothing written */
    char err[128];
    size_t n;
    ck_assert_int_eq(render_graph(ok, strlen(ok), "svg", NULL, &n, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "must not be NULL"));
    /* a message cut to the room given, with its NUL; no room at all is fine */
    char small[12];
    char *out;
    ck_assert_int_eq(render_graph(bad, strlen(bad), "svg", &out, &n, small, sizeof small), -1);
    ck_assert_uint_eq(strlen(small), sizeof small - 1);
    ck_assert_int_eq(render_graph(bad, strlen(bad), "svg", &out, &n, NULL, 0), -1);
    /* after a failure the next call works (Graphviz's error count reset) */
    free(render_ok(ok, "svg", &n));
}
END_TEST

/* ---- the layout of the examples ---- */

typedef struct box {
    char name[32];
    double x, y, w, h;
} box;

typedef struct layout {
    box *nodes;
    size_t nnodes;
    struct edge {
        char tail[32], head[32];
        double *pt; /* x0 y0 x1 y1 ... */
        int n;
    } *edges;
    size_t nedges;
} layout;

static layout read_plain(char *plain)
{
    layout L = {0};
    size_t cap = 0, ecap = 0;
    for (char *line = strtok(plain, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "node ", 5) == 0) {
            if (L.nnodes == cap)
                L.nodes = realloc(L.nodes, (cap = cap * 2 + 16) * sizeof *L.nodes);
            box *b = &L.nodes[L.nnodes++];
            ck_assert_int_eq(sscanf(line, "node %31s %lf %lf %lf %lf", b->name, &b->x, &b->y, &b->w, &b->h), 5);
        } else if (strncmp(line, "edge ", 5) == 0) {
            if (L.nedges == ecap)
                L.edges = realloc(L.edges, (ecap = ecap * 2 + 16) * sizeof *L.edges);
            struct edge *e = &L.edges[L.nedges++];
            int used;
            ck_assert_int_eq(sscanf(line, "edge %31s %31s %d%n", e->tail, e->head, &e->n, &used), 3);
            e->pt = malloc(2 * (size_t)e->n * sizeof *e->pt);
            char *p = line + used;
            for (int i = 0; i < 2 * e->n; i++) {
                char *end;
                e->pt[i] = strtod(p, &end);
                ck_assert_ptr_ne(end, p);
                p = end;
            }
        }
    }
    return L;
}

static void free_layout(layout *L)
{
    for (size_t i = 0; i < L->nedges; i++)
        free(L->edges[i].pt);
    free(L->edges);
    free(L->nodes);
}

/* A tie's label (t<id>) or an actor (a<id>): what nothing may cross. */
static int guarded(const box *b) { return b->name[0] == 't' || b->name[0] == 'a'; }

/* Inside the box, more than 0.02 in (1.4 pt) from its border. */
static int inside(const box *b, double x, double y)
{
    const double m = 0.02;
    return fabs(x - b->x) < b->w / 2 - m && fabs(y - b->y) < b->h / 2 - m;
}

static void check_layout(const char *example, const layout *L)
{
    for (size_t i = 0; i < L->nnodes; i++)
        for (size_t j = i + 1; j < L->nnodes; j++) {
            const box *a = &L->nodes[i], *b = &L->nodes[j];
            if (!guarded(a) && !guarded(b))
                continue;
            int apart = fabs(a->x - b->x) >= (a->w + b->w) / 2 - 0.01 || fabs(a->y - b->y) >= (a->h + b->h) / 2 - 0.01;
            ck_assert_msg(apart, "%s: %s and %s overlap", example, a->name, b->name);
        }
    /* Each edge's spline: cubic Bezier pieces p[3k] .. p[3k + 3], sampled. */
    for (size_t k = 0; k < L->nedges; k++) {
        const struct edge *e = &L->edges[k];
        for (int s = 0; s + 3 < e->n; s += 3) {
            const double *p = e->pt + 2 * s;
            for (int step = 0; step <= 32; step++) {
                double t = step / 32.0, u = 1 - t;
                double c[4] = {u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t};
                double x = c[0] * p[0] + c[1] * p[2] + c[2] * p[4] + c[3] * p[6];
                double y = c[0] * p[1] + c[1] * p[3] + c[2] * p[5] + c[3] * p[7];
                for (size_t i = 0; i < L->nnodes; i++) {
                    const box *b = &L->nodes[i];
                    if (!guarded(b) || strcmp(b->name, e->tail) == 0 || strcmp(b->name, e->head) == 0)
                        continue;
                    ck_assert_msg(!inside(b, x, y), "%s: the edge %s -> %s runs through %s at (%.2f, %.2f)",
                                  example, e->tail, e->head, b->name, x, y);
                }
            }
        }
    }
}

START_TEST(no_label_is_crossed)
{
    for (size_t i = 0; i < SC_NEXAMPLES; i++) {
        ot_model *m = sc_load_example(sc_examples[i]);
        char *dot;
        size_t len;
        ck_ok(ot_export_dot(m, &dot, &len));
        char *plain = render_ok(dot, "plain", &len);
        layout L = read_plain(plain);
        size_t ties;
        ck_ok(ot_model_count(m, OT_COUNT_TIES, &ties));
        size_t labels = 0;
        for (size_t k = 0; k < L.nnodes; k++)
            labels += L.nodes[k].name[0] == 't';
        ck_assert_uint_eq(labels, ties); /* one label node per tie, all laid out */
        check_layout(sc_examples[i], &L);
        free_layout(&L);
        free(plain);
        ot_free(dot);
        ot_model_free(m);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("render");
    TCase *tc = tcase_create("render");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, svg_and_png);
    tcase_add_test(tc, errors_are_said);
    tcase_add_test(tc, no_label_is_crossed);
    suite_add_tcase(s, tc);
    return ot_run_suite_skipping(s, NULL);
}
