"""orgtrust.sl: the subjective-logic operators from Python.

The expected values are the worked examples of tests/test_sl.c (with their
sources there): Jøsang, Ivanovska & Muller (2015), three advisors, and the
evidence view of cumulative fusion (Jøsang 2016, section 12.3)."""

import math
import unittest

import support  # noqa: F401 (puts the package on the path)

import orgtrust
from orgtrust import sl


class Discount(unittest.TestCase):
    def test_advice_scaled_by_projected_trust(self):
        # P(0.3, 0, 0.7, 0.9) = 0.3 + 0.9 * 0.7 = 0.93
        w = sl.discount((0.3, 0.0, 0.7, 0.9), (1.0, 0.0, 0.0, 0.1))
        self.assertIsInstance(w, orgtrust.Opinion)
        for got, want in zip(w, (0.93, 0.0, 0.07, 0.1)):
            self.assertAlmostEqual(got, want, places=15)

    def test_projected(self):
        self.assertAlmostEqual(sl.projected((0.2, 0.4, 0.4, 0.75)), 0.5, places=15)  # 0.2 + 0.75 * 0.4
        self.assertEqual(sl.projected(orgtrust.Opinion(0.0, 0.0, 1.0, 0.3)), 0.3)

    def test_an_opinion_of_a_model_goes_in(self):
        with orgtrust.Model() as m:
            g, w = m.add_org("Gemeente"), m.add_org("Waterschap")
            roy, fatima = m.add_actor(g, 0, "Roy"), m.add_actor(w, 0, "Fatima")
            m.add_tie(roy, fatima)
            m.observe(roy, fatima, "agreement_kept", t=1.0)
            trust = m.opinion(roy, fatima)
            # Vacuous advice keeps its base rate, whatever the trust.
            self.assertEqual(sl.discount(trust, (0.0, 0.0, 1.0, 0.25)), orgtrust.Opinion(0.0, 0.0, 1.0, 0.25))


class Fuse(unittest.TestCase):
    ADVISORS = [(0.93, 0.0, 0.07, 0.1), (0.0, 0.97, 0.03, 0.1), (0.85, 0.0, 0.15, 0.1)]

    def assertOpinion(self, got, want, places=14):
        for g, w in zip(got, want):
            self.assertAlmostEqual(g, w, places=places)

    def test_three_advisors(self):
        # CBF (3.98, 6.79, 0.21) / 10.98, ABF (3.98, 6.79, 0.63) / 11.4: see tests/test_sl.c.
        self.assertOpinion(sl.fuse(self.ADVISORS), (3.98 / 10.98, 6.79 / 10.98, 0.21 / 10.98, 0.1))
        self.assertOpinion(sl.fuse(self.ADVISORS, "averaging"), (3.98 / 11.4, 6.79 / 11.4, 0.63 / 11.4, 0.1))
        self.assertEqual(sl.fuse(self.ADVISORS, orgtrust.FuseRule.AVERAGING), sl.fuse(self.ADVISORS, 2))

    def test_weighted(self):
        # (104, 27, 54) / 185 and base rate 17/30, worked out in tests/test_sl.c.
        ws = [(0.1, 0.3, 0.6, 0.2), (0.4, 0.2, 0.4, 0.5), (0.7, 0.1, 0.2, 0.8)]
        self.assertOpinion(sl.fuse(ws, "weighted"), (104 / 185, 27 / 185, 54 / 185, 17 / 30))

    def test_cumulative_adds_evidence(self):
        # (3, 1) and (1, 1) observations make (4, 2): (4, 2, 2) / 8.
        self.assertOpinion(sl.fuse([(0.5, 1 / 6, 1 / 3, 0.5), (0.25, 0.25, 0.5, 0.5)]), (0.5, 0.25, 0.25, 0.5), 15)

    def test_edges(self):
        self.assertEqual(sl.fuse([(1.0, 0.0, 0.0, 0.2), (0.0, 1.0, 0.0, 0.6)]), (0.5, 0.5, 0.0, 0.4))
        self.assertEqual(sl.fuse([(0.0, 0.0, 1.0, 0.2), (0.0, 0.0, 1.0, 0.6)], "weighted"), (0.0, 0.0, 1.0, 0.4))
        one = (0.1, 0.2, 0.7, 0.3)
        self.assertEqual(tuple(sl.fuse([one], "averaging")), one)
        self.assertEqual(tuple(sl.fuse(iter([one]))), one)


class BadInput(unittest.TestCase):
    def test_off_the_simplex_names_the_source(self):
        with self.assertRaises(orgtrust.InvalidArgument) as cm:
            sl.fuse([(0.2, 0.3, 0.5, 0.5), (0.5, 0.5, math.nan, 0.5)])
        self.assertIn("ws[1].u = nan", str(cm.exception))
        with self.assertRaises(orgtrust.InvalidArgument) as cm:
            sl.discount((0.2, 0.2, 0.2, 0.5), (0.0, 0.0, 1.0, 0.5))
        self.assertIn("trust has b + d + u = 0.6", str(cm.exception))
        with self.assertRaises(orgtrust.InvalidArgument) as cm:
            sl.projected((0.5, 0.5, 0.0, 1.5))
        self.assertIn("w.a = 1.5", str(cm.exception))

    def test_nothing_to_fuse(self):
        with self.assertRaises(orgtrust.InvalidArgument) as cm:
            sl.fuse([])
        self.assertIn("n = 0", str(cm.exception))

    def test_unknown_rule(self):
        with self.assertRaises(orgtrust.InvalidArgument) as cm:
            sl.fuse(Fuse.ADVISORS, "majority")
        self.assertIn("'majority' is not a FuseRule", str(cm.exception))
        with self.assertRaises(orgtrust.InvalidArgument):
            sl.fuse(Fuse.ADVISORS, 4)

    def test_not_an_opinion(self):
        with self.assertRaises(TypeError) as cm:
            sl.fuse([(0.5, 0.5, 0.0)])
        self.assertIn("opinions[0]", str(cm.exception))
        with self.assertRaises(TypeError):
            sl.projected((0.5, "x", 0.5, 0.5))


class NetworkOpinion(unittest.TestCase):
    """Model.network_opinion: Roy asks Anna and Bert about Fatima (the
    story and the hand-worked fractions of tests/test_network.c)."""

    def test_roy_asks_his_colleagues(self):
        with orgtrust.Model() as m:
            g, w = m.add_org("Gemeente"), m.add_org("Waterschap")
            roy = m.add_actor(g, 0, "Roy", propensity=0.5)
            anna = m.add_actor(g, 0, "Anna", propensity=0.6)
            bert = m.add_actor(g, 0, "Bert", propensity=0.4)
            fatima = m.add_actor(w, 0, "Fatima", propensity=0.5)
            for a, b in ((roy, anna), (roy, bert), (anna, fatima), (bert, fatima)):
                m.add_tie(a, b)
            self.assertEqual(m.network_opinion(roy, fatima), orgtrust.Opinion(0.0, 0.0, 1.0, 0.5))
            m.observe(roy, anna, "went_beyond", t=0.0)        # Roy of Anna: (1/2, 0, 1/2), P = 3/4
            m.observe(anna, fatima, "agreement_kept", t=0.0)  # (1/3, 0, 2/3, 0.6)
            m.observe(bert, fatima, "agreement_broken", t=0.0)  # (0, 1/3, 2/3, 0.4)
            # Discounted (1/4, 0, 3/4, 0.6) and (0, 1/6, 5/6, 0.4), fused:
            # (5/23, 3/23, 15/23) with base rate (0.6*5 + 0.4*3) / 8 = 0.525.
            got = m.network_opinion(roy, fatima)
            self.assertIsInstance(got, orgtrust.Opinion)
            for x, want in zip(got, (5 / 23, 3 / 23, 15 / 23, 0.525)):
                self.assertAlmostEqual(x, want, places=15)

    def test_bad_ids(self):
        with orgtrust.Model() as m:
            g = m.add_org("Gemeente")
            roy = m.add_actor(g, 0, "Roy")
            with self.assertRaises(orgtrust.NotFound) as cm:
                m.network_opinion(roy, 7)
            self.assertIn("trustee", str(cm.exception))
            with self.assertRaises(orgtrust.InvalidArgument):
                m.network_opinion(roy, roy)


if __name__ == "__main__":
    unittest.main()
