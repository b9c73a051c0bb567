"""orgtrust.sweep: every engine gives the same tidy DataFrame, seeded per
cell and replication from the sweep's seed; a Dask worker killed in the
middle of a sweep changes nothing but the time it takes."""

import os
import signal
import threading
import time
import unittest

import support  # noqa: F401 (finds the package under test)
import orgtrust

try:
    import numpy
    import pandas
    from orgtrust import sim
except ImportError:
    numpy = pandas = None

try:
    import distributed
except ImportError:
    distributed = None

# Small runs: a collaboration of 2 x 8 people for 40 days.
FIXED = {"sizes": 8, "days": 40.0, "severity": 0.6}


def small_grid():
    return dict(FIXED, handling=["repair", "leave"], rate=[0.2, 0.5])


def slow_experiment(params, seed):
    """A run that takes long enough for a worker to be killed under it."""
    time.sleep(0.15)
    return sim.experiment(params, seed)


@unittest.skipIf(pandas is None, "numpy and pandas are needed (Debian: python3-numpy, python3-pandas)")
class Serial(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.serial = orgtrust.sweep(sim.experiment, small_grid(), replications=3, seed=42)

    def test_tidy(self):
        df = self.serial
        self.assertEqual(len(df), 4 * 3)
        self.assertEqual(list(df.columns[:4]), ["cell", "replication", "sizes", "days"])
        for col in ("handling", "rate", "entropy", "trust_external", "reputation", "disruptions"):
            self.assertIn(col, df.columns)
        self.assertEqual(list(df["cell"]), [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3])
        self.assertEqual(list(df["replication"]), [0, 1, 2] * 4)
        # The first name varies slowest.
        self.assertEqual(list(df["handling"][::3]), ["repair", "repair", "leave", "leave"])
        self.assertEqual(list(df["rate"][::3]), [0.2, 0.5, 0.2, 0.5])
        self.assertTrue((df["entropy"] == 42).all())

    def test_each_row_reruns_from_its_seed(self):
        for row in self.serial.iloc[[0, 7, 11]].itertuples():
            params = dict(FIXED, handling=row.handling, rate=row.rate)
            again = sim.experiment(params, orgtrust.sweep_seed(row.entropy, row.cell, row.replication))
            self.assertEqual(again["trust_external"], row.trust_external)

    def test_replications_differ_and_the_seed_matters(self):
        self.assertEqual(self.serial["observations"][0:3].nunique(), 3)
        other = orgtrust.sweep(sim.experiment, small_grid(), replications=3, seed=43)
        self.assertFalse(other["observations"].equals(self.serial["observations"]))

    def test_processes_give_the_same(self):
        df = orgtrust.sweep(sim.experiment, small_grid(), replications=3, seed=42, engine="processes", workers=2)
        pandas.testing.assert_frame_equal(df, self.serial)

    def test_a_list_of_cells_and_plain_values(self):
        df = orgtrust.sweep(lambda p, s: p["x"] * 2, [{"x": 1}, {"x": 5}], replications=2, seed=0)
        self.assertEqual(list(df["value"]), [2, 2, 10, 10])

    def test_progress(self):
        seen = []
        orgtrust.sweep(lambda p, s: 0, {"x": [1, 2, 3]}, progress=lambda done, total: seen.append((done, total)))
        self.assertEqual(seen, [(1, 3), (2, 3), (3, 3)])
        import io

        out = io.StringIO()
        bar = orgtrust._sweep._Bar(4, out)
        for k in range(1, 5):
            bar(k, 4)
        self.assertIn("4/4 100%", out.getvalue())

    def test_bad_arguments(self):
        with self.assertRaises(ValueError):
            orgtrust.sweep(sim.experiment, small_grid(), engine="threads")
        with self.assertRaises(ValueError):
            orgtrust.sweep(sim.experiment, small_grid(), replications=0)
        with self.assertRaises(ValueError):
            orgtrust.sweep(lambda p, s: {"cell": 1}, {"x": [1]})


@unittest.skipIf(pandas is None or distributed is None,
                 "dask.distributed is not installed (Debian: python3-distributed)")
class Dask(unittest.TestCase):
    """One LocalCluster of two worker processes for the class."""

    @classmethod
    def setUpClass(cls):
        cls.cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                               dashboard_address=None)
        cls.client = distributed.Client(cls.cluster)
        cls.serial = orgtrust.sweep(sim.experiment, small_grid(), replications=3, seed=42)

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.cluster.close()

    def test_same_as_serial(self):
        df = orgtrust.sweep(sim.experiment, small_grid(), replications=3, seed=42, engine="dask", client=self.client)
        pandas.testing.assert_frame_equal(df, self.serial)
        # By the scheduler's address, as on a cluster of other machines.
        df = orgtrust.sweep(sim.experiment, small_grid(), replications=3, seed=42, engine="dask",
                            client=self.cluster.scheduler_address)
        pandas.testing.assert_frame_equal(df, self.serial)

    def test_a_worker_killed_mid_sweep(self):
        pids = list(self.client.run(os.getpid).values())
        self.assertEqual(len(pids), 2)
        killed = []

        def kill_one(done, total):
            # A third of the way through, kill one worker process outright:
            # its running and queued jobs are run again on the other (and on
            # the worker the nanny starts in its place).
            if not killed and done >= total // 3:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(done)

        df = orgtrust.sweep(slow_experiment, small_grid(), replications=3, seed=42, engine="dask",
                            client=self.client, batch=1, progress=kill_one)
        self.assertTrue(killed)
        self.assertLess(killed[0], len(df))  # it happened in the middle
        pandas.testing.assert_frame_equal(df, self.serial)
        # The cluster is whole again for whoever comes next.
        self.client.wait_for_workers(2, timeout=60)


if __name__ == "__main__":
    unittest.main()
