"""orgtrust.sim: the generative model of a collaboration. Each property is
checked as an experiment with a fixed seed; statistical checks allow five
standard deviations, so they fail only when the generator is wrong."""

import math
import unittest

from support import People

import orgtrust
from orgtrust import _native

try:
    import numpy
    from orgtrust import sim
except ImportError:  # numpy is optional for the package
    numpy = None

try:
    import pandas
except ImportError:
    pandas = None

SHORT = dict(days=60.0)


@unittest.skipIf(numpy is None, "numpy is not installed (Debian: python3-numpy)")
class Determinism(unittest.TestCase):
    @unittest.skipIf(pandas is None, "pandas is not installed (Debian: python3-pandas)")
    def test_same_seed_same_log_and_digest(self):
        a = sim.simulate(seed=2024, keep_log=True, **SHORT)
        b = sim.simulate(seed=numpy.random.SeedSequence(2024), keep_log=True, **SHORT)
        self.assertEqual(a.digest(), b.digest())
        ea, eb = a.events(), b.events()
        self.assertGreater(len(ea), 1000)
        pandas.testing.assert_frame_equal(ea, eb)
        self.assertTrue((ea["t"].diff().dropna() >= 0).all())  # applied in time order
        c = sim.simulate(seed=2025, keep_log=True, **SHORT)
        self.assertNotEqual(c.digest(), a.digest())

    def test_the_log_does_not_change_the_run(self):
        self.assertEqual(sim.simulate(seed=5, keep_log=True, **SHORT).digest(),
                         sim.simulate(seed=5, **SHORT).digest())

    def test_batch_windows_change_only_the_batching(self):
        # The windows are separate streams, so other windows give other
        # events; what stays is the law: roughly as many observations.
        a = sim.simulate(seed=9, batch_days=7.0, **SHORT).summary()["observations"]
        b = sim.simulate(seed=9, batch_days=30.0, **SHORT).summary()["observations"]
        self.assertLess(abs(a - b), 5 * math.sqrt(a + b))


@unittest.skipIf(numpy is None, "numpy is not installed (Debian: python3-numpy)")
class Structure(unittest.TestCase):
    def test_layers_and_spans(self):
        # 25 people, 3 layers, span 5: 1 at the top, 5 managers, 19 below.
        run = sim.simulate(seed=1, days=0.0)
        m = run.model
        layers = [m.actor_layer(a) for a in range(m.counts().actors)]
        self.assertEqual(m.counts().orgs, 2)
        self.assertEqual([layers.count(k) for k in (0, 1, 2)], [38, 10, 2])
        for a in range(m.counts().actors):
            sup = m.actor_superior(a)
            if m.actor_layer(a) < 2:
                self.assertEqual(m.actor_layer(sup), m.actor_layer(a) + 1)
                self.assertEqual(m.tie_class(m.find_tie(a, sup)), "vertical")
        # Span 5: the top has its five managers, and the 19 operational
        # people are dealt out to them in turn: 4, 4, 4, 4, 3.
        reports = [sum(1 for a in range(50) if m.actor_superior(a) == s) for s in range(50)]
        tops = sorted((r for s, r in enumerate(reports) if m.actor_layer(s) == 2), reverse=True)
        managers = sorted((r for s, r in enumerate(reports) if m.actor_layer(s) == 1), reverse=True)
        self.assertEqual(tops, [5, 5])
        self.assertEqual(managers, [4] * 8 + [3] * 2)
        self.assertEqual(len(run.tops), 2)
        m.find_tie(*run.tops)  # the tops share a tie

    def test_share_of_diagonal_ties(self):
        def classes(diagonal):
            m = sim.simulate(seed=3, days=0.0, diagonal=diagonal, sizes=60).model
            ties = [m.tie_class(t) for t in range(m.counts().ties)]
            return ties.count("diagonal"), ties.count("horizontal")
        self.assertEqual(classes(0.0)[0], 0)
        d, h = classes(1.0)
        self.assertEqual(h, 1)  # only the tops' tie stays on its layer
        d, h = classes(0.3)
        # About 0.3 of 2 * 60 - 1 partner draws (duplicates aside) are diagonal.
        share = d / (d + h)
        self.assertLess(abs(share - 0.3), 5 * math.sqrt(0.3 * 0.7 / (d + h)))

    def test_sizes_per_organisation_and_names(self):
        m = sim.simulate(seed=3, days=0.0, orgs=["Gemeente", "Waterschap", "Provincie"], sizes=[10, 7, 3]).model
        self.assertEqual([m.org_name(o) for o in range(3)], ["Gemeente", "Waterschap", "Provincie"])
        per_org = [m.actor_org(a) for a in range(m.counts().actors)]
        self.assertEqual([per_org.count(o) for o in range(3)], [10, 7, 3])

    def test_a_model_of_your_own(self):
        p = People(keep_events=0)
        roy, fatima = p.person("Roy", "g"), p.person("Fatima", "w")
        tie = p.m.add_tie(roy, fatima, intensity=2.5, uncertainty=0.0)
        run = sim.simulate(model=p.m, seed=4, rate=1.0, days=30.0, latent={roy: (1.0, 1.0, 1.0)})
        self.assertIs(run.model, p.m)
        self.assertEqual((p.m.tie_attr(tie, "intensity"), p.m.tie_attr(tie, "uncertainty")), (2.5, 0.0))
        # Roy never fails (latent 1 on every dimension): Fatima's trust in
        # him only rises.
        self.assertGreater(p.m.trust(fatima, roy), 0.5)
        self.assertGreater(run.summary()["observations"], 20)  # 30 days at rate 1 per direction


@unittest.skipIf(numpy is None, "numpy is not installed (Debian: python3-numpy)")
class Interactions(unittest.TestCase):
    def test_rates_follow_intensity(self):
        # Expected observations: days * sum over directions of rate * intensity.
        run = sim.simulate(seed=11, days=120.0, rate=0.5, severity=1.0)
        m = run.model
        expected = 120.0 * 0.5 * sum(2 * m.tie_attr(t, "intensity") for t in range(m.counts().ties))
        got = run.summary()["observations"]
        self.assertLess(abs(got - expected), 5 * math.sqrt(expected))

    def test_latent_ability_drives_trust(self):
        # Two arms: everyone in the Waterschap able (0.99) or not (0.6);
        # the Gemeente's trust in them ends higher in the first.
        def trust_in_waterschap(ability):
            run = sim.simulate(seed=12, days=120.0, severity=1.0, uncertainty=(1.0, 1e6),
                               latent={a: (ability, 0.95, 0.95) for a in range(25, 50)})
            return run.model.reputation(0, 1)
        self.assertGreater(trust_in_waterschap(0.99), trust_in_waterschap(0.6) + 0.1)

    def test_uncertainty_blurs_the_person(self):
        # With an uncertain task (U near 1) outcomes are coin flips whoever
        # acts: an able and an unable partner end up alike.
        def rep(ability):
            return sim.simulate(seed=13, days=120.0, severity=1.0, uncertainty=(1e6, 1.0),
                                latent={a: (ability, ability, ability) for a in range(25, 50)}).model.reputation(0, 1)
        self.assertLess(abs(rep(0.99) - rep(0.6)), 0.02)


@unittest.skipIf(numpy is None, "numpy is not installed (Debian: python3-numpy)")
class Generator(unittest.TestCase):
    def test_the_alias_table_is_exact(self):
        # Column i keeps prob[i] / n of the mass and passes the rest to its
        # alias: summed up, every outcome gets exactly its probability.
        p = numpy.array([0.5, 0.2, 0.2, 0.05, 0.05, 0.0])
        prob, alias = sim._alias_table(p)
        n = len(p)
        mass = numpy.zeros(n)
        for i in range(n):
            mass[i] += prob[i] / n
            mass[alias[i]] += (1 - prob[i]) / n
        numpy.testing.assert_allclose(mass, p, atol=1e-15)

    def test_records_are_the_documented_layout(self):
        pairs = sim._pack_pair(numpy.array([3, 7], dtype=numpy.uint32), numpy.array([4, 2**32 - 2], dtype=numpy.uint32))
        obs = sim._records(pairs, numpy.array([5, 8], dtype=numpy.int32), numpy.array([1.5, 2.25]))
        self.assertEqual(obs.dtype, orgtrust.observation_dtype())
        self.assertEqual(bytes(obs), orgtrust.pack_observations([(3, 4, 5, 1.5, 1.0), (7, 2**32 - 2, 8, 2.25, 1.0)]))

    def test_outcomes_follow_the_mix_and_the_latents(self):
        # A window of about 200k events: the share of each dimension is its
        # mix, and the share of good outcomes per dimension is the mean of
        # (1 - U) * latent + U / 2 over the directions, weighted by rate.
        s = sim._Sim(sim.Collaboration(sizes=30, rate=5.0), 21, None, False)
        times, direction, kind, good, severity = s.generate(0.0, 500.0, numpy.random.default_rng(5))
        k = len(times)
        self.assertTrue((numpy.diff(times) >= 0).all())
        for dim, (bad_kind, good_kind) in enumerate(sim._KINDS):
            share = numpy.isin(kind, [int(bad_kind), int(good_kind)]).mean()
            mix = s.c.mix[dim]
            self.assertLess(abs(share - mix), 5 * math.sqrt(mix * (1 - mix) / k), dim)
        rate = numpy.array([s.c.rate * s.m.tie_attr(int(t), "intensity") for t in s.d_tie])
        lo = sim._MIX[s.c.mix]
        width = numpy.diff(numpy.concatenate([lo, [1.0]]))
        p_good = ((s.threshold.reshape(-1, 3) - lo) / width)
        expected = (rate[:, None] * p_good).sum(axis=0) / rate.sum()
        for dim, (bad_kind, good_kind) in enumerate(sim._KINDS):
            mine = numpy.isin(kind, [int(bad_kind), int(good_kind)])
            got = (kind[mine] == int(good_kind)).mean()
            self.assertLess(abs(got - expected[dim]), 5 * math.sqrt(expected[dim] * (1 - expected[dim]) / mine.sum()))
        self.assertTrue((severity[good] == 0).all() and (severity[~good] > 0).all())


@unittest.skipIf(numpy is None, "numpy is not installed (Debian: python3-numpy)")
class Disruptions(unittest.TestCase):
    def test_no_disruptions_above_a_severity_of_one(self):
        self.assertEqual(sim.simulate(seed=6, severity=1.0, **SHORT).summary()["disruptions"], 0)

    def test_every_failure_a_disruption_at_zero(self):
        run = sim.simulate(seed=6, severity=0.0, keep_log=True, **SHORT)
        kinds = set(run.events().query("event == 'observe'")["kind"]) if pandas is not None else set()
        if pandas is not None:
            self.assertEqual(kinds & {"failed_delivery", "agreement_broken", "let_down"}, set())
        self.assertGreater(run.summary()["disruptions"], 0)

    def test_repair_at_once(self):
        run = sim.simulate(seed=6, severity=0.5, handling="repair", handle_after=0.0, **SHORT)
        s = run.summary()
        self.assertGreater(s["disruptions"], 10)
        self.assertEqual(s["resolved_locally"], s["disruptions"])

    def test_leave_them(self):
        s = sim.simulate(seed=6, severity=0.5, handling="leave", **SHORT).summary()
        self.assertEqual(s["open"], s["disruptions"])

    def test_repairing_keeps_trust_higher(self):
        repaired = sim.simulate(seed=6, severity=0.5, handling="repair", **SHORT).summary()["trust_external"]
        left = sim.simulate(seed=6, severity=0.5, handling="leave", **SHORT).summary()["trust_external"]
        self.assertGreater(repaired, left)

    def test_escalate(self):
        run = sim.simulate(seed=6, severity=0.5, handling="escalate", keep_log=True, **SHORT)
        s = run.summary()
        self.assertEqual(s["open"] + s["resolved_locally"] + s["resolved_by_escalation"], s["disruptions"])
        if pandas is not None:
            self.assertGreater((run.events()["event"] == "escalate").sum(), 0)


@unittest.skipIf(numpy is None, "numpy is not installed (Debian: python3-numpy)")
class Schedules(unittest.TestCase):
    @unittest.skipIf(pandas is None, "pandas is not installed (Debian: python3-pandas)")
    def test_consultation_every_30_days(self):
        ev = sim.simulate(seed=8, days=100.0, consult_every=30.0, keep_log=True).events()
        self.assertEqual(list(ev.query("event == 'consult'")["t"]), [30.0, 60.0, 90.0])
        ev = sim.simulate(seed=8, days=100.0, consult_every=None, keep_log=True).events()
        self.assertEqual((ev["event"] == "consult").sum(), 0)


@unittest.skipIf(numpy is None, "numpy is not installed (Debian: python3-numpy)")
class NeedsVersion11(unittest.TestCase):
    """Policies that call functions other parts of liborgtrust 1.1 add:
    refused by name before anything happens while the library lacks them,
    run once it has them."""

    CASES = (({"handling": "refer"}, "ot_refer"), ({"response": "apology"}, "ot_respond"),
             ({"response": "denial"}, "ot_respond"), ({"turnover": 0.3}, "ot_actor_leave"))

    def test_each_policy(self):
        for changes, fn in self.CASES:
            with self.subTest(**changes):
                if not all(_native.has(n) for n in sim.Collaboration(**changes).required_functions()):
                    with self.assertRaises(orgtrust.NotSupported) as cm:
                        sim.simulate(seed=1, severity=0.5, **changes, **SHORT)
                    self.assertIn("ot_", str(cm.exception))
                    continue
                a = sim.simulate(seed=1, severity=0.5, **changes, **SHORT)
                b = sim.simulate(seed=1, severity=0.5, **changes, **SHORT)
                self.assertEqual(a.digest(), b.digest())
                if "turnover" in changes:
                    self.assertGreater(a.model.counts().actors, 50)  # successors joined

    def test_turnover_with_a_stand_in_for_leaving(self):
        # The successor's side of turnover, checked while ot_actor_leave is
        # not there: a stand-in records who leaves (the leaver stays active
        # in this model, which the real function would end).
        from unittest import mock

        left = []

        def leave(h, actor, t):
            left.append((actor, t))
            return 0

        real = _native.function
        with mock.patch.object(_native, "function", lambda name: leave if name == "ot_actor_leave" else real(name)):
            run = sim.simulate(seed=2, turnover=0.5, days=70.0, batch_days=7.0)
        m = run.model
        self.assertGreater(len(left), 0)
        self.assertEqual(m.counts().actors, 50 + len(left))
        for k, (a, t) in enumerate(left):
            b = 50 + k
            self.assertEqual(t % 7.0, 0.0)  # at the start of a window
            self.assertEqual((m.actor_org(b), m.actor_layer(b), m.actor_superior(b)),
                             (m.actor_org(a), m.actor_layer(a), m.actor_superior(a)))
            self.assertEqual(m.actor_name(b), m.actor_name(a) + "'")
            # b has a tie with each partner a had when b joined (the ties
            # older than b's, which were all made then), with its intensity.
            ties_b = {x: m.find_tie(b, x) for x in range(m.counts().actors) if x != b and self._has(m, b, x)}
            self.assertTrue(ties_b)
            joined = min(ties_b.values())
            for x in range(m.counts().actors):
                if x in (a, b) or not self._has(m, a, x) or m.find_tie(a, x) >= joined:
                    continue
                self.assertIn(x, ties_b)
                self.assertEqual(m.tie_attr(ties_b[x], "intensity"), m.tie_attr(m.find_tie(a, x), "intensity"))

    @staticmethod
    def _has(m, a, b):
        try:
            m.find_tie(a, b)
            return True
        except orgtrust.NotFound:
            return False

    def test_bad_knobs(self):
        for bad in ({"handling": "pray"}, {"response": "shrug"}, {"mix": (0.5, 0.5, 0.5)}, {"diagonal": 2},
                    {"batch_days": 0}, {"turnover": 1.0}, {"rate": float("nan")}):
            with self.assertRaises(ValueError, msg=repr(bad)):
                sim.Collaboration(**bad)


if __name__ == "__main__":
    unittest.main()
