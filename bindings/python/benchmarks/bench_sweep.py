#!/usr/bin/env python3
"""A sweep of 20 values x 100 replications of a 50-person, one-year
simulated collaboration, on each engine, on this machine's cores.

    python3 bindings/python/benchmarks/bench_sweep.py [--values 20] [--replications 100] [--workers 2]

The grid varies the severity above which a failure becomes a disruption
over --values values in [0.5, 0.98]; each job is
``orgtrust.sim.experiment`` with the default Collaboration (2 organisations
of 25 people, 365 days). Runs the sweep serially, with --workers processes,
and on a Dask LocalCluster of --workers worker processes (cluster start-up
included, and reported apart), checks that the three DataFrames are equal,
and prints the wall times and the speed-ups against serial, all measured in
this one run.
"""

import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import orgtrust  # noqa: E402
from orgtrust import sim  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--values", type=int, default=20)
    ap.add_argument("--replications", type=int, default=100)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    import numpy
    import pandas

    grid = {"severity": [float(x) for x in numpy.linspace(0.5, 0.98, args.values)]}
    jobs = args.values * args.replications
    times, frames = {}, {}
    for engine in ("serial", "processes", "dask"):
        t0 = time.perf_counter()
        extra = {}
        if engine == "dask":
            import distributed

            cluster = distributed.LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                                               dashboard_address=None)
            client = distributed.Client(cluster)
            times["dask_startup"] = time.perf_counter() - t0
            extra = {"client": client}
        t1 = time.perf_counter()
        frames[engine] = orgtrust.sweep(sim.experiment, grid, replications=args.replications, seed=2026,
                                        engine=engine, workers=args.workers, progress=False, **extra)
        times[engine] = time.perf_counter() - t1
        if engine == "dask":
            client.close()
            cluster.close()
    for engine in ("processes", "dask"):
        pandas.testing.assert_frame_equal(frames[engine], frames["serial"])
    obs = int(frames["serial"]["observations"].sum())
    print("sweep of %d x %d jobs (%d observations in all), %d workers, liborgtrust %s"
          % (args.values, args.replications, obs, args.workers, orgtrust.library_version))
    for engine in ("serial", "processes", "dask"):
        print("%-22s %10.2f s   speed-up %.2f" % ("sweep_" + engine, times[engine], times["serial"] / times[engine]))
    print("%-22s %10.2f s   (LocalCluster start, not in sweep_dask)" % ("dask_startup", times["dask_startup"]))
    print("results identical across engines: yes")


if __name__ == "__main__":
    main()
