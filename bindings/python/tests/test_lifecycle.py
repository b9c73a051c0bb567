"""People come and go, and a disruption climbs the ladder, through the
Python API (docs/model.md, sections 13 and 14). Expected numbers are worked
out by hand in the comments (defaults: loss 0.25, timeboxes 5, 10, 20 days,
escalation threshold 0.6 and fraction 0.9, repair half-life 30 days)."""

import unittest

import orgtrust

PLACES = 12


def town(top=(0.9, 0.8), managers=(0.5, 0.5), **params):
    """The gemeente and the waterschap on three layers; the trusts of the
    top and the managers' ties as given, Roy and Fatima 0.5 each way. The
    trusts are given through the propensities, so trust transfer is off
    (with it, a new external tie would start halfway to the organisation's
    view: docs/model.md section 13)."""
    params.setdefault("trust_transfer", 0.0)
    m = orgtrust.Model(**params)
    g, w = m.add_org("Gemeente"), m.add_org("Waterschap")
    x = dict(m=m, g=g, w=w)
    x["weth"] = m.add_actor(g, 2, "wethouder", propensity=top[0])
    x["dijk"] = m.add_actor(w, 2, "dijkgraaf", propensity=top[1])
    x["mgr_g"] = m.add_actor(g, 1, "manager gemeente", superior=x["weth"], propensity=managers[0])
    x["mgr_w"] = m.add_actor(w, 1, "manager waterschap", superior=x["dijk"], propensity=managers[1])
    x["roy"] = m.add_actor(g, 0, "Roy", superior=x["mgr_g"])
    x["fatima"] = m.add_actor(w, 0, "Fatima", superior=x["mgr_w"])
    x["top"] = m.add_tie(x["weth"], x["dijk"])
    x["mgr"] = m.add_tie(x["mgr_g"], x["mgr_w"])
    x["rf"] = m.add_tie(x["roy"], x["fatima"])
    return type("Town", (), x)


class PeopleComeAndGo(unittest.TestCase):
    def test_the_wethouder_leaves(self):
        # Distrust at the top: administrative layer trust (0.3 + 0.1) / 2 =
        # 0.2, so the managers' gains are damped by 0.2 / 0.5 = 0.4; once
        # the wethouder has left, no layer above them has a tie: D = 1.
        t = town(top=(0.3, 0.1), managers=(0.8, 0.8))
        self.assertAlmostEqual(t.m.damping(t.mgr_g, t.mgr_w), 0.4, PLACES)
        t.m.leave(t.weth, 100.0)
        self.assertEqual(t.m.damping(t.mgr_g, t.mgr_w), 1.0)
        self.assertFalse(t.m.actor_active(t.weth))
        self.assertFalse(t.m.tie_active(t.top))
        self.assertIsNone(t.m.actor_superior(t.mgr_g))
        self.assertEqual(t.m.trust(t.weth, t.dijk), 0.3)  # still readable
        with self.assertRaises(orgtrust.StateError):
            t.m.observe(t.weth, t.dijk, "agreement_kept", 101.0)
        with self.assertRaises(orgtrust.StateError):
            t.m.leave(t.weth, 101.0)
        t.m.check()

    def test_a_move_and_a_restarted_tie(self):
        t = town()
        t.m.move(t.roy, t.g, "managerial", 5.0, superior=t.weth)
        self.assertEqual(t.m.tie_class(t.rf), "diagonal")
        self.assertEqual(t.m.hazards(t.g, t.w), [t.rf])
        t.m.observe(t.roy, t.fatima, "agreement_broken", 6.0)  # 0.5 * 0.75
        t.m.end_tie(t.rf, 7.0)
        again = t.m.add_tie(t.fatima, t.roy)
        self.assertNotEqual(again, t.rf)
        self.assertEqual(t.m.find_tie(t.roy, t.fatima), again)
        self.assertAlmostEqual(t.m.trust(t.roy, t.fatima), 0.375, PLACES)
        with self.assertRaises(orgtrust.InvalidArgument):
            t.m.move(t.roy, t.g, 0, 8.0, superior=t.mgr_w)  # not the gemeente's
        t.m.advance(9.0)
        self.assertEqual(t.m.time, 9.0)
        t.m.check()


class TheLadder(unittest.TestCase):
    def test_a_disruption_climbs(self):
        t = town()
        self.assertEqual([t.m.timebox(i) for i in range(3)], [5.0, 10.0, 20.0])
        d = t.m.disrupt(t.roy, t.fatima, "relational", 0.5, 10.0)  # T 0.5 * 0.75 = 0.375
        self.assertEqual(t.m.level(d), orgtrust.Level(0, t.roy, t.fatima, 10.0))
        self.assertEqual(t.m.due(d), 15.0)
        self.assertEqual(t.m.next_due(), (15.0, d))
        self.assertEqual(t.m.advice(d), ("resolve", None))
        t.m.advance(15.5)
        self.assertEqual(t.m.disruptions("overdue"), [d])
        action, step = t.m.advice(d)
        self.assertEqual(action, "refer")
        self.assertEqual((step.layer, step.x, step.y, step.status), (1, t.mgr_g, t.mgr_w, "unhealthy"))
        t.m.refer(d, "joint", 16.0)
        self.assertEqual(t.m.due(d), 26.0)
        self.assertFalse(t.m.resolve(d, 18.0))  # h = 0.5 < 0.6; spill-down 0.75^0.5
        t1 = 0.375 * 0.75 ** 0.5
        self.assertAlmostEqual(t.m.trust(t.roy, t.fatima), t1, PLACES)
        t.m.refer(d, t=20.0)
        self.assertEqual(t.m.level(d).layer, 2)
        with self.assertRaises(orgtrust.StateError):
            t.m.refer(d, t=21.0)  # nothing above the top
        self.assertTrue(t.m.resolve(d, 22.0))
        # h = min(0.9, 0.8); fresh = 2^(-(16 - 10)/30), surfaced at 16
        fresh = 2 ** (-6 / 30)
        # The restore aims at min(T_before, ceiling) (docs/model.md 11):
        # Roy's scar of Fatima is 1 - (1 - 0.5)^1 = 0.5 on day 10 (no
        # evidence before, u = 1), deepened on day 18 by the spill-down 0.5
        # with u = 2 / (2^(-8/365) + 2), healed to day 22: the ceiling
        # 1 - s1 * 2^(-4/365) = 0.418... is below T_before = 0.5.
        u = 2 / (2 ** (-8 / 365) + 2)
        s1 = 1 - (1 - 0.5 * 2 ** (-8 / 365)) * (1 - 0.5 * u) ** 0.5
        ceiling = 1 - s1 * 2 ** (-4 / 365)
        self.assertLess(ceiling, 0.5)
        self.assertAlmostEqual(t.m.trust(t.roy, t.fatima), t1 + 0.9 * fresh * 0.8 * (ceiling - t1), PLACES)
        self.assertAlmostEqual(t.m.freshness(d), fresh, PLACES)
        self.assertEqual(t.m.disruption(d).status, "resolved_by_escalation")
        self.assertIsNone(t.m.next_due())
        self.assertEqual(t.m.disruptions("open"), [])
        self.assertEqual(t.m.disruptions("all"), [d])
        with self.assertRaises(orgtrust.StateError):
            t.m.due(d)

    def test_timeboxes_and_withdrawal(self):
        t = town(timeboxes=[1, 2, 4])
        self.assertEqual(t.m.timebox("administrative"), 4.0)
        d = t.m.disrupt(t.roy, t.fatima, "task", 0.5, 1.0)
        self.assertEqual(t.m.due(d), 2.0)
        t.m.leave(t.fatima, 3.0)
        self.assertEqual(t.m.disruption(d).status, "withdrawn")
        with self.assertRaises(orgtrust.InvalidArgument):
            orgtrust.Model(timeboxes=[1, 2])


if __name__ == "__main__":
    unittest.main()
