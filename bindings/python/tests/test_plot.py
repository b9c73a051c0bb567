"""orgtrust.plot (matplotlib, the Agg backend here) and the two example
scripts that reproduce findings of docs/model.md as figures."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from support import CHECKOUT, PACKAGE_ROOT

import orgtrust
from orgtrust import _native

try:
    import matplotlib

    matplotlib.use("Agg")
    import pandas
except ImportError:
    matplotlib = pandas = None

EXAMPLES = os.path.join(CHECKOUT, "examples", "python")
PNG = b"\x89PNG\r\n\x1a\n"


@unittest.skipIf(matplotlib is None, "matplotlib and pandas are needed (Debian: python3-matplotlib, python3-pandas)")
class Plots(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="orgtrust-plot-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def save(self, ax, name):
        path = os.path.join(self.dir, name)
        ax.figure.savefig(path, dpi=60)
        with open(path, "rb") as f:
            self.assertEqual(f.read(8), PNG)
        return path

    def test_timeline(self):
        from orgtrust import plot

        df = pandas.DataFrame({"time": [0, 1, 2, 0, 1, 2], "probe": ["a"] * 3 + ["b"] * 3,
                               "value": [0.5, 0.6, 0.7, 0.5, float("nan"), 0.4]})
        ax = plot.timeline(df, title="two probes")
        self.assertEqual([line.get_label() for line in ax.get_lines()], ["a", "b"])
        self.assertEqual(list(ax.get_lines()[0].get_ydata()), [0.5, 0.6, 0.7])
        self.assertEqual(ax.get_title(), "two probes")
        self.save(ax, "timeline.png")
        with self.assertRaises(ValueError):
            plot.timeline(df.rename(columns={"probe": "series"}))

    def test_sweep_numeric_with_bands(self):
        from orgtrust import plot

        df = pandas.DataFrame({"x": [1, 1, 2, 2], "y": [0.2, 0.4, 0.6, 1.0], "g": ["u", "u", "u", "u"]})
        ax = plot.sweep(df, "x", "y")
        # Means per x: (0.2 + 0.4) / 2 = 0.3 and (0.6 + 1.0) / 2 = 0.8.
        line = ax.get_lines()[0]
        self.assertEqual(list(line.get_xdata()), [1.0, 2.0])
        self.assertEqual([round(v, 12) for v in line.get_ydata()], [0.3, 0.8])
        self.assertEqual(len(ax.collections), 1)  # the sd band
        self.save(ax, "sweep.png")
        ax = plot.sweep(df, "x", "y", hue="g", band="ci")
        self.assertEqual(ax.get_legend().get_texts()[0].get_text(), "g = u")
        with self.assertRaises(ValueError):
            plot.sweep(df, "x", "y", band="iqr")

    def test_sweep_categories(self):
        from orgtrust import plot

        df = pandas.DataFrame({"response": ["apology", "denial", "none"] * 2,
                               "kind": ["task"] * 3 + ["relational"] * 3, "trust": [0.6, 0.5, 0.4, 0.5, 0.6, 0.4]})
        ax = plot.sweep(df, "response", "trust", hue="kind", band=None)
        self.assertEqual([t.get_text() for t in ax.get_xticklabels()], ["apology", "denial", "none"])
        self.save(ax, "categories.png")

    def test_a_real_sweep_drawn(self):
        try:
            from orgtrust import sim
        except ImportError:
            self.skipTest("numpy is not installed")
        from orgtrust import plot

        df = orgtrust.sweep(sim.experiment, {"severity": [0.5, 0.7, 0.9], "sizes": 6, "days": 30.0},
                            replications=3, seed=1)
        self.save(plot.sweep(df, "severity", "trust_external"), "severity.png")


def run_example(name, needs):
    """Run an example script against the package under test; its output."""
    missing = [fn for fn in needs if not _native.has(fn)]
    if missing:
        raise unittest.SkipTest("%s needs %s of liborgtrust 1.1; the library loaded (%s) lacks it"
                                % (name, ", ".join(missing), orgtrust.library_version))
    out = tempfile.mkdtemp(prefix="orgtrust-example-")
    try:
        png = os.path.join(out, name.replace(".py", ".png"))
        env = dict(os.environ, PYTHONPATH=PACKAGE_ROOT, MPLBACKEND="Agg")
        r = subprocess.run([sys.executable, os.path.join(EXAMPLES, name), png], capture_output=True, text=True,
                           timeout=120, env=env)
        with open(png, "rb") as f:
            head = f.read(8)
        return r, head
    finally:
        shutil.rmtree(out)


@unittest.skipIf(matplotlib is None, "matplotlib and pandas are needed (Debian: python3-matplotlib, python3-pandas)")
@unittest.skipUnless(os.path.isdir(EXAMPLES), "not in a source checkout")
class Examples(unittest.TestCase):
    def test_the_timing_of_a_breach(self):
        r, head = run_example("breach_timing.py", ["ot_scars"])
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("none > late > mid > early: holds", r.stdout)
        self.assertEqual(head, PNG)

    def test_apology_versus_denial(self):
        r, head = run_example("apology_denial.py", ["ot_respond"])
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(r.stdout.count("holds"), 3, r.stdout)
        self.assertEqual(head, PNG)

    def test_they_say_what_they_need(self):
        for name, fn in (("breach_timing.py", "ot_scars"), ("apology_denial.py", "ot_respond")):
            if _native.has(fn):
                continue
            r = subprocess.run([sys.executable, os.path.join(EXAMPLES, name), os.devnull], capture_output=True,
                               text=True, timeout=60, env=dict(os.environ, PYTHONPATH=PACKAGE_ROOT))
            self.assertEqual(r.returncode, 2)
            self.assertIn(fn, r.stderr)
            self.assertIn("liborgtrust 1.1", r.stderr)


class WithoutMatplotlib(unittest.TestCase):
    def test_import_error_names_the_debian_package(self):
        code = ("import sys; sys.modules['matplotlib'] = None; sys.modules['matplotlib.pyplot'] = None\n"
                "import orgtrust.plot as p\n"
                "try:\n    p._pyplot()\nexcept ImportError as e:\n    print(e)\n")
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                           env=dict(os.environ, PYTHONPATH=PACKAGE_ROOT))
        self.assertIn("python3-matplotlib", r.stdout, r.stderr)


if __name__ == "__main__":
    unittest.main()
