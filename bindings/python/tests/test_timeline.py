"""Model.at, Model.timeline and Model.history: trust over time (the C
functions ot_model_at, ot_timeline and ot_history_json). Expected numbers
are worked out by hand in the comments; the model as of a day is compared
with one built from the prefix of the same calls."""

import math
import unittest

from support import PLACES, with_leaders

import orgtrust


def story(upto=math.inf):
    """Roy and Fatima with their leaders: the calls up to day ``upto``."""
    p = with_leaders()
    m = p.m
    for t, call in [
        (1.0, lambda: m.observe(p.roy, p.fatima, "agreement_kept", 1.0)),
        (2.0, lambda: m.observe(p.fatima, p.roy, "delivered", 2.0)),
        (10.0, lambda: m.disrupt(p.fatima, p.roy, "relational", 0.5, 10.0)),
        (12.0, lambda: m.escalate(0, "joint", 12.0)),
    ]:
        if t > upto:
            break
        call()
    return p


class ModelAt(unittest.TestCase):
    def test_the_past_is_the_prefix_of_the_calls(self):
        p = story()
        for t in (0.5, 1.0, 2.0, 10.0, 12.0):
            past = p.m.at(t)
            ref = story(t).m
            # The prefix's clock stops at its last event; the past's moves
            # on to t by an advance, as the prefix's does here.
            if ref.time is None or ref.time < t:  # None: no event yet
                ref.advance(t)
            self.assertEqual(past.counts(), ref.counts())
            self.assertEqual(past.digest(), ref.digest())
            self.assertEqual(past.time, t)
            self.assertEqual(past.trust(p.roy, p.fatima), ref.trust(p.roy, p.fatima))
            self.assertEqual(past.trust(p.fatima, p.roy), ref.trust(p.fatima, p.roy))
        self.assertEqual(p.m.at(12.0).digest(), p.m.digest())

    def test_the_past_is_a_model_of_its_own(self):
        p = story()
        past = p.m.at(1.0)
        # Day 1: 0.5 + 0.05 * 0.5 = 0.525 (the leaders' 0.5 climate gives D = 1).
        self.assertAlmostEqual(past.trust(p.roy, p.fatima), 0.525, PLACES)
        past.observe(p.roy, p.fatima, "agreement_kept", 5.0)
        # 8 structure calls and 4 events; the past had 8 + 1, and now one more.
        self.assertEqual(p.m.counts().events, 12)
        self.assertEqual(past.counts().events, 10)

    def test_without_events_there_is_no_past(self):
        p = with_leaders(keep_events=0)
        with self.assertRaises(orgtrust.NotSupported):
            p.m.at(1.0)
        with self.assertRaises(orgtrust.NotSupported):
            p.m.history()
        with self.assertRaises(orgtrust.InvalidArgument):
            story().m.at(float("nan"))


class Timeline(unittest.TestCase):
    def test_rows_of_values_at_each_time(self):
        p = story()
        probes = [("trust", p.roy, p.fatima), ("reputation", p.g, p.w), ("reputation", p.g, p.w, p.roy),
                  ("backing", p.w, p.g), ("layer_trust", p.g, p.w, "administrative"), ("standing", p.roy),
                  ("effective_trust", p.roy, p.fatima), ("trustworthiness", p.roy, p.fatima),
                  ("damping", p.roy, p.fatima), ("bridge_gap", p.roy, p.w), ("ceiling", p.roy, p.fatima),
                  (orgtrust.ProbeWhat.LAYER_TRUST, p.g, p.w, 1)]
        times = [0, 1, 1.5, 10, 30]
        rows = p.m.timeline_rows(probes, times)
        self.assertEqual([r[0] for r in rows], times)
        self.assertTrue(all(len(r) == len(probes) + 1 for r in rows))
        self.assertAlmostEqual(rows[1][1], 0.525, PLACES)
        # rep(G -> W) on day 1: (0.525 + 0.5) / 2; without Roy: the leaders' 0.5.
        self.assertAlmostEqual(rows[1][2], 0.5125, PLACES)
        self.assertEqual(rows[1][3], 0.5)
        self.assertTrue(math.isnan(rows[0][12]))  # no tie at the managerial layer
        for t, row in zip(times, rows):
            past = p.m.at(t)
            self.assertEqual(row[1], past.trust(p.roy, p.fatima))
            self.assertEqual(row[2], past.reputation(p.g, p.w))
            self.assertEqual(row[4], past.backing(p.w, p.g))
            self.assertEqual(row[7], past.effective_trust(p.roy, p.fatima)[0])
            self.assertEqual(row[8], past.trustworthiness(p.roy, p.fatima))
            self.assertEqual(row[11], past.ceiling(p.roy, p.fatima))

    def test_malformed_probes_and_times(self):
        p = story()
        with self.assertRaises(orgtrust.InvalidArgument) as e:
            p.m.timeline_rows([("trust", p.roy, p.fatima)], [3, 2])
        self.assertIn("times[1]", str(e.exception))
        with self.assertRaises(orgtrust.InvalidArgument) as e:
            p.m.timeline_rows([("trust", p.roy, p.fatima), ("trust", p.roy, 99)], [1])
        self.assertIn("probes[1].b = 99", str(e.exception))
        with self.assertRaises(orgtrust.InvalidArgument):
            p.m.timeline_rows([("charisma", p.roy)], [1])
        with self.assertRaises(TypeError):
            p.m.timeline_rows([("trust", p.roy)], [1])


class History(unittest.TestCase):
    def test_every_event_with_what_it_did(self):
        p = story()
        h = p.m.history()
        self.assertEqual(len(h), p.m.counts().events)
        self.assertEqual([e["seq"] for e in h], list(range(1, len(h) + 1)))
        obs = h[8]  # after 8 structure calls
        self.assertEqual(obs["kind"], "observe")
        self.assertEqual(obs["who"]["truster"]["name"], "Roy")
        self.assertEqual(obs["trust"][0]["before"], 0.5)
        self.assertAlmostEqual(obs["trust"][0]["after"], 0.525, PLACES)
        esc = h[11]["escalation"]
        # Nobody is Roy's or Fatima's superior here: the way up ends at once.
        self.assertEqual(esc["outcome"], "failed")
        self.assertEqual(esc["path"][0]["status"], "no_superior")
        self.assertEqual(esc["why"], "layer 1: no_superior")


if __name__ == "__main__":
    unittest.main()
