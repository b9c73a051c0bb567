#!/usr/bin/env python3
"""What the workbench costs: the simulator's event generation against the C
batch that applies the events, and Model.frames() on a large model.

    python3 bindings/python/benchmarks/bench_sim.py [--runs 5] [--people 5000] [--frames-ties 100000]

1. Generation versus application. One collaboration of 2 organisations of
   ``--people`` people each (partners 2, rate 1 per direction per day, 30-day
   windows, no disruptions, no consultation: every event is an observation),
   simulated for 90 days, ``--runs`` times with different seeds. For each run
   ``Run.timing`` splits the time into generating the events with numpy
   (``generate``) and the ``observe_many`` calls that apply them
   (``apply``: ot_observe_batch over a prepared buffer, no copy). Reports the
   median rate of each in events per second and their ratio in the same
   runs.
2. ``Model.frames()`` on a model of about ``--frames-ties`` ties (two
   organisations of a quarter as many people each, partners 2: as many
   internal as external ties), median wall time of ``--runs`` calls.
"""

import argparse
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import orgtrust  # noqa: E402
from orgtrust import sim  # noqa: E402


def generation(args):
    gen, app, ratio = [], [], []
    for k in range(args.runs):
        run = sim.simulate(seed=k, sizes=args.people, partners=2, rate=1.0, days=90.0, batch_days=30.0,
                           severity=1.0, consult_every=None)
        n = run.timing["observations"]
        gen.append(n / run.timing["generate"])
        app.append(n / run.timing["apply"])
        ratio.append(run.timing["generate"] / run.timing["apply"])
    ties = run.model.counts().ties
    print("%-34s %14.0f %-10s ties=%d events/run=%d" % ("sim_generate_rate", statistics.median(gen), "events/s",
                                                         ties, n))
    print("%-34s %14.0f %-10s ties=%d" % ("sim_apply_rate (C batch)", statistics.median(app), "events/s", ties))
    print("%-34s %14.3f %-10s (generation time / application time, median of %d runs)"
          % ("sim_generate_over_apply", statistics.median(ratio), "ratio", args.runs))


def frames(args):
    people = args.frames_ties // 4
    run = sim.simulate(seed=1, sizes=people, partners=2, days=0.0, consult_every=None)
    m = run.model
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        f = m.frames()
        times.append(time.perf_counter() - t0)
    print("%-34s %14.3f %-10s ties=%d directions=%d actors=%d" % ("frames_seconds", statistics.median(times), "s",
                                                                  m.counts().ties, len(f.directions),
                                                                  len(f.actors)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--people", type=int, default=5000)
    ap.add_argument("--frames-ties", type=int, default=100000)
    args = ap.parse_args()
    print("liborgtrust %s at %s, numpy %s" % (orgtrust.library_version, orgtrust.library_path,
                                            __import__("numpy").__version__))
    generation(args)
    frames(args)


if __name__ == "__main__":
    main()
