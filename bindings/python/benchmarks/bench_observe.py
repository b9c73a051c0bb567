#!/usr/bin/env python3
"""How fast observations get from Python into liborgtrust.

    python3 bindings/python/benchmarks/bench_observe.py [--rows 1000000] [--runs 7]

Measures, on one network (2 organisations, 1024 actors, 2012 ties) and one
set of observations:

- observe_many from a prepared buffer (pack_observations), per run on a
  fresh model, timed around the call; with events kept (the default) and
  with keep_events=0;
- observe_many from the list of tuples itself (packing included);
- the same buffer through a plain C program calling ot_observe_batch once,
  each C run right after the Python run it is compared with, so both see
  the same machine load; the digests must agree;
- a single observe: Model.observe in a loop, the bare ctypes function in a
  loop, and a C loop of ot_observe over the same rows; the difference per
  call is the cost of crossing from Python.

Reports the median of the runs. The C side needs a C compiler (cc) and a
source checkout (include/ and the library); without them only the Python
figures are given.
"""

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
CHECKOUT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))

import orgtrust  # noqa: E402
from orgtrust import _native  # noqa: E402

OPS, MGRS, ADMS, FANOUT = 500, 10, 2, 4


def build(keep_events=1):
    """The network of bench_observe.c's build(): keep the two in step."""
    m = orgtrust.Model(keep_events=keep_events)
    base = []
    for s in range(2):
        org = m.add_org("org%d" % s)
        ids = [m.add_actor(org, 0 if i < OPS else 1 if i < OPS + MGRS else 2, "%d-%d" % (s, i))
               for i in range(OPS + MGRS + ADMS)]
        base.append(ids[0])
    ties = []
    for i in range(OPS):
        for k in range(FANOUT):
            ties.append((base[0] + i, base[1] + (7 * i + 131 * k) % OPS))
    for i in range(OPS, OPS + MGRS + ADMS):
        ties.append((base[0] + i, base[1] + i))
    for a, b in ties:
        m.add_tie(a, b)
    return m, ties


def make_rows(ties, n, seed=1):
    """n observations over the ties: both directions, every kind, magnitude
    1 or 2, a time that advances with every row (so every row decays)."""
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        a, b = ties[rnd.randrange(len(ties))]
        if rnd.random() < 0.5:
            a, b = b, a
        rows.append((a, b, rnd.randrange(1, 9), i * 0.001, 1.0 if rnd.random() < 0.8 else 2.0))
    return rows


def compile_c(tmp):
    cc = shutil.which("cc") or shutil.which("gcc")
    include = os.path.join(CHECKOUT, "include")
    libdir = os.path.dirname(orgtrust.library_path)
    if not cc or not os.path.exists(os.path.join(include, "orgtrust.h")):
        return None
    exe = os.path.join(tmp, "bench_observe")
    cmd = [cc, "-O2", "-std=c11", "-I", include, os.path.join(HERE, "bench_observe.c"), "-o", exe,
           orgtrust.library_path, "-Wl,-rpath," + libdir]
    subprocess.run(cmd, check=True)
    return exe


def run_c(exe, path, mode, n, keep):
    out = subprocess.run([exe, path, mode, str(n), str(keep)], check=True, capture_output=True, text=True)
    seconds, digest = out.stdout.split()
    return float(seconds), int(digest)


def timed(fn, *args):
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000, help="observations per batch run")
    ap.add_argument("--runs", type=int, default=7, help="runs of each measurement (median reported)")
    ap.add_argument("--single", type=int, default=200_000, help="rows for the single-observe loops")
    args = ap.parse_args()

    print("liborgtrust %s at %s; Python %s" % (orgtrust.library_version, orgtrust.library_path,
                                                sys.version.split()[0]))
    m, ties = build()
    rows = make_rows(ties, args.rows)
    pack = statistics.median(timed(orgtrust.pack_observations, rows) for _ in range(3))
    buf = orgtrust.pack_observations(rows)
    print("pack_observations: %.3f s for %d rows = %.2f M rows/s" % (pack, args.rows, args.rows / pack / 1e6))

    tmp = tempfile.mkdtemp(prefix="orgtrust-bench-")
    try:
        path = os.path.join(tmp, "rows.bin")
        with open(path, "wb") as f:
            f.write(buf)
        exe = compile_c(tmp)
        for keep in (1, 0):
            py, c = [], []
            for _ in range(args.runs):
                m, _ = build(keep)
                py.append(timed(m.observe_many, buf))
                if exe:
                    seconds, digest = run_c(exe, path, "batch", args.rows, keep)
                    if digest != m.digest():
                        sys.exit("the C run reached another state (digest %x, Python %x)" % (digest, m.digest()))
                    c.append(seconds)
                del m
            p = statistics.median(py)
            line = "observe_many, keep_events=%d: median %.4f s = %.2f M obs/s (runs: %s)" % (
                keep, p, args.rows / p / 1e6, " ".join("%.4f" % x for x in py))
            if c:
                q = statistics.median(c)
                line += "\n  C ot_observe_batch:       median %.4f s = %.2f M obs/s; Python/C time %.3f" % (
                    q, args.rows / q / 1e6, p / q)
            print(line)

        tuples = []
        for _ in range(args.runs):
            m, _ = build(1)
            tuples.append(timed(m.observe_many, rows))
            del m
        t = statistics.median(tuples)
        print("observe_many from a list of tuples (packing included), keep_events=1: median %.4f s = %.2f M obs/s"
              % (t, args.rows / t / 1e6))

        n = min(args.single, args.rows)
        single = rows[:n]
        per_py, per_raw, per_c = [], [], []
        for _ in range(args.runs):
            m, _ = build(0)
            obs = m.observe
            t0 = time.perf_counter()
            for r in single:
                obs(*r)
            per_py.append((time.perf_counter() - t0) / n)
            m2, _ = build(0)
            raw, h = _native.lib.ot_observe, m2._m
            t0 = time.perf_counter()
            for a, b, k, t, mag in single:
                raw(h, a, b, k, mag, t)
            per_raw.append((time.perf_counter() - t0) / n)
            if exe:
                seconds, digest = run_c(exe, path, "single", n, 0)
                if digest != m.digest():
                    sys.exit("the C loop reached another state")
                per_c.append(seconds / n)
            del m, m2
        us = 1e6
        print("observe one by one (keep_events=0, %d calls): Model.observe %.3f us/call, bare ctypes %.3f us/call"
              % (n, statistics.median(per_py) * us, statistics.median(per_raw) * us))
        if per_c:
            c = statistics.median(per_c)
            print("  C ot_observe loop %.3f us/call: crossing from Python costs %.3f us (Model.observe), "
                  "%.3f us (bare ctypes)" % (c * us, (statistics.median(per_py) - c) * us,
                                             (statistics.median(per_raw) - c) * us))
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
