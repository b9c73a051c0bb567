"""The model as pandas DataFrames, and DataFrames of observations. pandas is
optional: without it these calls name the Debian package to install."""

import subprocess
import sys
import unittest
from unittest import mock

from support import PLACES, PACKAGE_ROOT, with_leaders

import orgtrust
from orgtrust import _native

try:
    import pandas
except ImportError:  # optional
    pandas = None


def story():
    """Roy keeps an agreement with Fatima on day 1; on day 2 a task disruption
    (severity 0.5) follows; the wethouder and the dijkgraaf have a tie at
    the administrative layer, untouched."""
    p = with_leaders()
    p.m.observe(p.roy, p.fatima, "agreement_kept", 1.0)
    p.d = p.m.disrupt(p.roy, p.fatima, "task", 0.5, 2.0)
    return p


# Roy -> Fatima: 0.5 + 0.05 * (1 - 0.5) = 0.525 after the kept agreement;
# the disruption is negative ability evidence of 2 * 0.5 = 1: 0.525 * 0.75.
ROY_FATIMA = 0.525 * 0.75  # 0.39375


@unittest.skipIf(pandas is None, "pandas is not installed (Debian: python3-pandas)")
class Frames(unittest.TestCase):
    def setUp(self):
        self.p = story()
        self.f = self.p.m.frames()

    def test_the_five_frames(self):
        self.assertIsInstance(self.f, orgtrust.Frames)
        self.assertEqual(orgtrust.Frames._fields, ("actors", "organisations", "directions", "org_pairs",
                                                   "disruptions"))
        for df in self.f:
            self.assertIsInstance(df, pandas.DataFrame)
        self.assertEqual(len(self.f.actors), 4)
        self.assertEqual(len(self.f.organisations), 2)
        self.assertEqual(len(self.f.directions), 4)  # two ties, two directions each
        self.assertEqual(len(self.f.disruptions), 1)
        self.assertEqual(self.p.m.frames("directions").to_dict(), self.f.directions.to_dict())
        with self.assertRaises(orgtrust.InvalidArgument):
            self.p.m.frames("ties")

    def test_actors_and_organisations_with_names(self):
        a = self.f.actors.set_index("name")
        self.assertEqual(a.loc["Wethouder", "org_name"], "Gemeente")
        self.assertEqual(a.loc["Wethouder", "layer_name"], "administrative")
        self.assertEqual(a.loc["Dijkgraaf", "org"], self.p.w)
        self.assertEqual(a.loc["Roy", "superior"], -1)
        self.assertIsNone(a.loc["Roy", "superior_name"])
        self.assertEqual(list(self.f.organisations["name"]), ["Gemeente", "Waterschap"])
        self.assertEqual(list(self.f.organisations["parent"]), [-1, -1])
        self.assertEqual("active" in self.f.actors.columns, _native.has("ot_actor_active"))

    def test_directions(self):
        d = self.f.directions.set_index(["truster_name", "trustee_name"])
        self.assertAlmostEqual(d.loc[("Roy", "Fatima"), "trust"], ROY_FATIMA, PLACES)
        self.assertEqual(d.loc[("Fatima", "Roy"), "trust"], 0.5)  # Fatima observed nothing
        self.assertEqual(d.loc[("Roy", "Fatima"), "class"], "horizontal")
        self.assertEqual(d.loc[("Wethouder", "Dijkgraaf"), "layer"], 2)
        self.assertEqual(d.loc[("Roy", "Fatima"), "intensity"], 1.0)
        self.assertEqual(d.loc[("Roy", "Fatima"), "uncertainty"], 0.5)
        # Roy's effective trust in Fatima is his own trust (lowest of the
        # three: reputation and backing are at least as high), so the person
        # limits it. The wethouder's is limited by the reputation of the
        # Waterschap among the rest of the Gemeente (rep(G \ wethouder -> W)):
        # Roy's trust in Fatima alone.
        self.assertAlmostEqual(d.loc[("Roy", "Fatima"), "effective_trust"], ROY_FATIMA, PLACES)
        self.assertEqual(d.loc[("Roy", "Fatima"), "limit"], "person")
        self.assertAlmostEqual(d.loc[("Wethouder", "Dijkgraaf"), "effective_trust"], ROY_FATIMA, PLACES)
        self.assertEqual(d.loc[("Wethouder", "Dijkgraaf"), "limit"], "reputation")
        # TW of Roy -> Fatima on day 2: integrity (r + 1) / (r + 2) with the
        # day-1 evidence decayed a day, r = 2^(-1/365); ability 1 / 3 after
        # one unit of negative evidence; benevolence 1 / 2; weights 0.4, 0.3, 0.3.
        r = 2 ** (-1 / 365)
        self.assertAlmostEqual(d.loc[("Roy", "Fatima"), "trustworthiness"],
                               0.4 * (r + 1) / (r + 2) + 0.3 * 1 / 3 + 0.3 * 0.5, PLACES)

    def test_org_pairs(self):
        pairs = self.f.org_pairs.set_index(["org_a_name", "org_b_name"])
        gw = pairs.loc[("Gemeente", "Waterschap")]
        self.assertEqual(gw["ties"], 2)
        self.assertAlmostEqual(gw["reputation"], (ROY_FATIMA + 0.5) / 2, PLACES)
        # layer trust at the operational layer: both directions of Roy-Fatima.
        self.assertAlmostEqual(gw["layer_trust_operational"], (ROY_FATIMA + 0.5) / 2, PLACES)
        self.assertTrue(pandas.isna(gw["layer_trust_managerial"]))  # no tie there
        self.assertEqual(gw["layer_trust_administrative"], 0.5)
        self.assertEqual(pairs.loc[("Waterschap", "Gemeente"), "reputation"], 0.5)

    def test_disruptions(self):
        d = self.f.disruptions.iloc[0]
        self.assertEqual((d["observer_name"], d["other_name"], d["kind"], d["status"]),
                         ("Roy", "Fatima", "task", "open"))
        self.assertEqual((d["severity"], d["t_open"], d["trust_before"]), (0.5, 2.0, 0.525))
        self.assertTrue(pandas.isna(d["surfaced_at"]))
        cols = set(self.f.disruptions.columns)
        # The ladder's columns exactly when the library has the functions.
        self.assertEqual({"level", "handler_x", "handler_y", "level_since"} <= cols,
                         _native.has("ot_disruption_level"))
        self.assertEqual("due" in cols, _native.has("ot_disruption_due"))
        if _native.has("ot_disruption_level"):
            self.assertEqual(d["level"], 0)  # starts with the parties at L0
            self.assertEqual((d["handler_x"], d["handler_y"]), (self.p.roy, self.p.fatima))
        if _native.has("ot_disruption_due"):
            self.assertEqual(d["due"], 2.0 + 5.0)  # the operational timebox 5 * 2^0

    def test_every_direction_as_the_single_queries_say(self):
        try:
            from orgtrust import sim
        except ImportError:
            self.skipTest("numpy is not installed")
        m = sim.simulate(seed=3, sizes=12, days=30.0, diagonal=0.3).model
        d = m.frames("directions")
        self.assertEqual(len(d), 2 * m.counts().ties)
        self.assertEqual(set(d["class"]), {"vertical", "horizontal", "diagonal"})
        for row in d.itertuples():
            self.assertEqual(row.trust, m.trust(row.truster, row.trustee))
            self.assertEqual(row.trustworthiness, m.trustworthiness(row.truster, row.trustee))
            self.assertEqual((row.effective_trust, row.limit), m.effective_trust(row.truster, row.trustee))
            self.assertEqual(row.intensity, m.tie_attr(row.tie, "intensity"))
            self.assertEqual(row.truster_name, m.actor_name(row.truster))

    def test_an_empty_model(self):
        f = orgtrust.Model().frames()
        self.assertEqual([len(df) for df in f], [0, 0, 0, 0, 0])
        self.assertIn("trust", f.directions.columns)
        self.assertIn("reputation", f.org_pairs.columns)


@unittest.skipIf(pandas is None, "pandas is not installed (Debian: python3-pandas)")
class ObserveDataFrame(unittest.TestCase):
    def setUp(self):
        self.p = with_leaders()
        self.before = self.p.m.digest()

    def rows(self):
        p = self.p
        return [(p.roy, p.fatima, "agreement_kept", 1.0, 1.0), (p.fatima, p.roy, "went_beyond", 2.0, 0.5),
                (p.wethouder, p.dijkgraaf, "disclosed", 2.0, 2.0), (p.roy, p.fatima, "let_down", 3.0, 1.0)]

    def test_same_as_tuples(self):
        rows = self.rows()
        q = with_leaders()
        q.m.observe_many(rows)
        df = pandas.DataFrame(rows, columns=["truster", "trustee", "kind", "t", "magnitude"])
        self.assertEqual(self.p.m.observe_many(df), 4)
        self.assertEqual(self.p.m.digest(), q.m.digest())

    def test_any_column_order_kinds_as_values_no_magnitude(self):
        rows = [r[:4] for r in self.rows()]
        q = with_leaders()
        q.m.observe_many(rows)
        df = pandas.DataFrame(rows, columns=["truster", "trustee", "kind", "t"])[["t", "kind", "trustee", "truster"]]
        df["kind"] = [orgtrust.Kind.coerce(k).value for k in df["kind"]]
        self.p.m.observe_many(df)
        self.assertEqual(self.p.m.digest(), q.m.digest())

    def assertBad(self, df, cls, index, *needles):
        with self.assertRaises(cls) as cm:
            self.p.m.observe_many(df)
        self.assertEqual(cm.exception.index, index)
        for needle in needles:
            self.assertIn(needle, str(cm.exception))
        self.assertEqual(self.p.m.digest(), self.before)  # nothing applied

    def test_bad_rows_name_row_and_column(self):
        cols = ["truster", "trustee", "kind", "t"]
        p = self.p
        good = (p.roy, p.fatima, "delivered", 1.0)
        df = pandas.DataFrame([good, (p.roy, p.fatima, "agreed", 2.0)], columns=cols, index=["a", "b"])
        self.assertBad(df, orgtrust.InvalidArgument, 1, "row 1 (index 'b')", "column 'kind'", "'agreed'")
        df = pandas.DataFrame([good, good, (p.roy, p.fatima, "delivered", 0.5)], columns=cols)
        self.assertBad(df, orgtrust.TimeOrder, 2, "row 2, column 't'", "earlier")
        df = pandas.DataFrame([good, (p.roy, p.dijkgraaf, "delivered", 2.0)], columns=cols)
        self.assertBad(df, orgtrust.NotFound, 1, "row 1, columns 'truster', 'trustee'", "'Dijkgraaf'")
        df = pandas.DataFrame([good, (p.roy, None, "delivered", 2.0)], columns=cols)
        self.assertBad(df, orgtrust.InvalidArgument, 1, "row 1, column 'trustee'", "not an id")
        df = pandas.DataFrame([good, (-3, p.roy, "delivered", 2.0)], columns=cols)
        self.assertBad(df, orgtrust.InvalidArgument, 1, "column 'truster'", "-3")
        df = pandas.DataFrame([good, (p.roy, p.fatima, "delivered", "soon")], columns=cols)
        self.assertBad(df, orgtrust.InvalidArgument, 1, "row 1, column 't'", "'soon'")
        df = pandas.DataFrame([good + (11.0,)], columns=cols + ["magnitude"])
        self.assertBad(df, orgtrust.InvalidArgument, 0, "row 0, column 'magnitude'")

    def test_bad_columns(self):
        p = self.p
        with self.assertRaises(orgtrust.InvalidArgument) as cm:
            p.m.observe_many(pandas.DataFrame({"from": [p.roy], "to": [p.fatima], "kind": [1], "t": [1.0]}))
        self.assertIn("lacks truster, trustee", str(cm.exception))
        with self.assertRaises(orgtrust.InvalidArgument) as cm:
            p.m.observe_many(pandas.DataFrame({"truster": [p.roy], "trustee": [p.fatima], "kind": [1], "t": [1.0],
                                               "note": ["x"]}))
        self.assertIn("'note' is not one of them", str(cm.exception))
        self.assertEqual(p.m.digest(), self.before)


class WithoutPandas(unittest.TestCase):
    def test_import_error_names_the_debian_package(self):
        m = with_leaders().m
        with mock.patch.dict(sys.modules, {"pandas": None}):
            for call in (m.frames, lambda: m.timeline([("trust", 0, 1)], [1.0])):
                with self.assertRaises(ImportError) as cm:
                    call()
                self.assertIn("python3-pandas", str(cm.exception))

    def test_the_package_imports_without_pandas(self):
        code = ("import sys; sys.modules['pandas'] = None; import orgtrust; m = orgtrust.Model(); "
                "m.add_org('Gemeente'); print('ok')")
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                           env=dict(__import__("os").environ, PYTHONPATH=PACKAGE_ROOT))
        self.assertEqual(r.stdout.strip(), "ok", r.stderr)


@unittest.skipIf(pandas is None, "pandas is not installed (Debian: python3-pandas)")
class Timeline(unittest.TestCase):
    def test_timeline(self):
        p = story()
        if not _native.has("ot_timeline"):
            with self.assertRaises(orgtrust.NotSupported) as cm:
                p.m.timeline([("trust", p.roy, p.fatima)], [0.0, 1.0, 2.0])
            self.assertIn("ot_timeline", str(cm.exception))
            self.skipTest("this liborgtrust has no ot_timeline (1.1)")
        df = p.m.timeline([("trust", p.roy, p.fatima), ("reputation", p.g, p.w)], [0.5, 1.0, 2.0])
        self.assertEqual(list(df.columns), ["time", "probe", "what", "a", "b", "value"])
        self.assertEqual(len(df), 6)
        trust = df[df["what"] == "trust"].set_index("time")["value"]
        self.assertEqual(trust[0.5], 0.5)
        self.assertAlmostEqual(trust[1.0], 0.525, PLACES)
        self.assertAlmostEqual(trust[2.0], ROY_FATIMA, PLACES)
        self.assertEqual(df["probe"].iloc[0], "trust Roy -> Fatima")

    def test_the_layout_with_a_stand_in(self):
        # ot_timeline writes out[k * np + p] for time k and probe p; a
        # stand-in writes 10 * k + p and records the probes it was given.
        import ctypes

        p = story()
        seen = []

        def fake(m, probes, np_, times, nt, out):
            for k in range(nt):
                for j in range(np_):
                    out[k * np_ + j] = 10 * k + j
            seen.extend((probes[j].what, probes[j].a, probes[j].b, probes[j].c, probes[j].layer) for j in range(np_))
            return 0

        fake.argtypes = (None, ctypes.POINTER(_native.Probe))
        with mock.patch.object(_native.lib, "ot_timeline", fake):
            df = p.m.timeline([("trust", p.roy, p.fatima), ("reputation", p.g, p.w, p.roy),
                               ("layer_trust", p.g, p.w, "administrative"), ("standing", p.roy)], [1.0, 2.0, 3.0])
        none = _native.OT_NONE
        self.assertEqual(seen, [(1, p.roy, p.fatima, none, 0), (4, p.g, p.w, p.roy, 0), (6, p.g, p.w, none, 2),
                                (8, p.roy, none, none, 0)])
        self.assertEqual(list(df["time"]), [1.0] * 4 + [2.0] * 4 + [3.0] * 4)
        self.assertEqual(list(df["value"]), [0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23])
        self.assertEqual(list(df["probe"][:4]), ["trust Roy -> Fatima", "reputation Gemeente -> Waterschap excluding Roy",
                                                 "layer_trust Gemeente -> Waterschap @ administrative",
                                                 "standing Roy"])
        self.assertEqual(list(df["b"][:4]), [p.fatima, p.w, p.w, -1])

    def test_bad_probes(self):
        p = story()
        for bad, cls in ((["trust"], TypeError), ([("closeness", 0, 1)], orgtrust.InvalidArgument),
                         ([("trust", 0)], TypeError)):
            with self.assertRaises((cls, orgtrust.NotSupported), msg=repr(bad)):
                p.m.timeline(bad, [1.0])


if __name__ == "__main__":
    unittest.main()
