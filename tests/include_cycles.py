#!/usr/bin/env python3
"""The layers of lib/ stay layers: no include cycle among its files.

A module is a source and its header of the same name (lib/trust.c and
lib/trust.h). Module A uses module B when a file of A includes "B.h". For
that graph to tell the truth, every internal function a header declares must
be defined in the source of the same name: a header that declared another
file's functions (as lib/model.h once did for the record of events) would hide a
dependency of that file. So the test fails on either:

  - a function declared in lib/x.h that lib/x.c does not define;
  - a cycle among the modules (which it prints, e.g. "model -> aggregate ->
    model").

Usage: include_cycles.py LIBDIR. Exit 0 when clean, 1 with the findings.
SPDX-License-Identifier: MIT
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
# A prototype at file scope: a type, the oti_ name, the parameters, ';'.
PROTOTYPE = re.compile(r'^(?!static|typedef|#|extern)[A-Za-z_][\w \*]*?\b(oti_\w+)\s*\([^;{}]*\)[^;{}]*;', re.M)
DEFINITION = re.compile(r'^(?!static)[A-Za-z_][\w \*]*?\b(oti_\w+)\s*\([^;{}]*\)\s*\{', re.M)
COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)


def read(path):
    with open(path, encoding='utf-8') as f:
        return COMMENT.sub(' ', f.read())


def module_of(name):
    return os.path.splitext(name)[0]


def tangles(graph):
    """The strongly connected components of more than one module (Tarjan),
    each as a sorted list: every cycle lies inside one of them."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(u):
        index[u] = low[u] = len(index)
        stack.append(u)
        on.add(u)
        for v in sorted(graph.get(u, ())):
            if v not in index:
                visit(v)
                low[u] = min(low[u], low[v])
            elif v in on:
                low[u] = min(low[u], index[v])
        if low[u] == index[u]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == u:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for u in sorted(graph):
        if u not in index:
            visit(u)
    return sorted(out)


def cycle_in(graph, comp):
    """One cycle through the first module of a tangle, for the message."""
    inside = set(comp)
    path, seen = [comp[0]], {comp[0]}
    while True:
        nxt = sorted(v for v in graph[path[-1]] if v in inside)
        back = [v for v in nxt if v == comp[0]]
        if back:
            return path + [comp[0]]
        fresh = [v for v in nxt if v not in seen]
        if not fresh:  # a dead end inside the tangle: try from where it loops
            v = nxt[0]
            return path[path.index(v):] + [v] if v in path else path + [v]
        path.append(fresh[0])
        seen.add(fresh[0])


def main(libdir):
    files = sorted(f for f in os.listdir(libdir) if f.endswith(('.c', '.h')))
    texts = {f: read(os.path.join(libdir, f)) for f in files}
    problems = []

    defined = {}
    for f in files:
        if f.endswith('.c'):
            for name in DEFINITION.findall(texts[f]):
                defined.setdefault(name, set()).add(f)
    for f in files:
        if not f.endswith('.h'):
            continue
        own = module_of(f) + '.c'
        for name in PROTOTYPE.findall(texts[f]):
            where = defined.get(name, set())
            if own not in where:
                problems.append('%s declares %s, which %s defines, not %s' %
                                (f, name, ', '.join(sorted(where)) or 'no file', own))

    graph = {}
    for f in files:
        a = module_of(f)
        graph.setdefault(a, set())
        for inc in INCLUDE.findall(texts[f]):
            if inc in texts and module_of(inc) != a:
                graph[a].add(module_of(inc))
    for comp in tangles(graph):
        problems.append('include cycle: ' + ' -> '.join(cycle_in(graph, comp)))

    for p in problems:
        print(p)
    if not problems:
        print('%d modules in %s, no include cycle' % (len(graph), libdir))
    return 1 if problems else 0


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.stderr.write('usage: include_cycles.py LIBDIR\n')
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
