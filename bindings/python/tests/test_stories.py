"""The seed stories, told through the Python API. Expected numbers are
worked out by hand in the comments (defaults: gain 0.05, loss 0.25,
prior 0.5, propensity 0.5, climate threshold 0.5)."""

import math
import unittest

from support import PLACES, People, roy_and_fatima, with_leaders

import orgtrust


class EffectiveTrust(unittest.TestCase):
    """Roy judges Fatima and her organisation: trust both the person and the
    organisation."""

    def test_one_kept_agreement(self):
        p = roy_and_fatima()
        p.m.observe(p.roy, p.fatima, orgtrust.Kind.AGREEMENT_KEPT, 1.0)
        # 0.5 + 0.05 * (1 - 0.5) = 0.525
        self.assertAlmostEqual(p.m.trust(p.roy, p.fatima), 0.525, PLACES)
        self.assertEqual(p.m.trust(p.fatima, p.roy), 0.5)

    def test_limited_by_the_person(self):
        # Fatima trusts Roy's organisation but not Roy.
        p = roy_and_fatima()
        p.m.observe(p.fatima, p.roy, "agreement_broken", 1.0)
        # T = 0.5 * (1 - 0.25) = 0.375; her colleagues have no ties to the
        # gemeente and its leadership none to her: both are the prior 0.5.
        value, limit = p.m.effective_trust(p.fatima, p.roy)
        self.assertAlmostEqual(value, 0.375, PLACES)
        self.assertEqual(limit, "person")
        self.assertAlmostEqual(p.m.reputation(p.w, p.g), 0.375, PLACES)
        self.assertEqual(p.m.reputation(p.w, p.g, excluding=p.fatima), 0.5)

    def test_limited_by_reputation(self):
        p = roy_and_fatima()
        p.person("Sanne", "g")
        p.m.add_tie(p.sanne, p.fatima)
        p.m.observe(p.roy, p.fatima, "agreement_kept", 1.0)  # 0.525
        p.m.observe(p.sanne, p.fatima, "agreement_broken", 2.0)  # 0.5 * 0.75 = 0.375
        # min(T 0.525, rep(G \ Roy -> W) = Sanne's 0.375, backing prior 0.5)
        value, limit = p.m.effective_trust(p.roy, p.fatima)
        self.assertAlmostEqual(value, 0.375, PLACES)
        self.assertEqual(limit, "reputation")
        # rep(G -> W) = (0.525 + 0.375) / 2 = 0.45
        self.assertAlmostEqual(p.m.reputation(p.g, p.w), 0.45, PLACES)
        self.assertAlmostEqual(p.m.reputation(p.g, p.w, p.roy), 0.375, PLACES)

    def test_limited_by_backing(self):
        p = with_leaders()
        # The climate above Roy's tie is the administrators' 0.5: D = 1.
        p.m.observe(p.roy, p.fatima, "agreement_kept", 1.0)  # 0.525
        # The dijkgraaf sees the wethouder break agreements twice over:
        # 0.5 * 0.75^2 = 0.28125.
        p.m.observe(p.dijkgraaf, p.wethouder, "agreement_broken", 2.0, magnitude=2)
        # min(T 0.525, rep(G \ Roy -> W) = wethouder's 0.5, backing(W -> G) 0.28125)
        value, limit = p.m.effective_trust(p.roy, p.fatima)
        self.assertAlmostEqual(value, 0.28125, PLACES)
        self.assertEqual(limit, "backing")
        self.assertAlmostEqual(p.m.backing(p.w, p.g), 0.28125, PLACES)
        self.assertEqual(p.m.backing(p.g, p.w), 0.5)

    def test_internal_tie_is_limited_by_the_person_only(self):
        p = roy_and_fatima()
        p.person("Sanne", "g")
        p.m.add_tie(p.roy, p.sanne)
        p.m.observe(p.roy, p.sanne, "failed_delivery", 1.0)  # 0.375
        self.assertEqual(p.m.effective_trust(p.roy, p.sanne), (0.375, "person"))


class DistrustAtTheTop(unittest.TestCase):
    """Distrust at the top makes trust harder to build below, but takes
    nothing away that is already there."""

    def setUp(self):
        self.p = p = with_leaders()
        p.m.observe(p.roy, p.fatima, "agreement_kept", 1.0)  # 0.525, D = 1
        p.m.observe(p.wethouder, p.dijkgraaf, "agreement_broken", 2.0)  # 0.375
        p.m.observe(p.dijkgraaf, p.wethouder, "agreement_broken", 2.0)  # 0.375

    def test_the_climate(self):
        p = self.p
        # Layer trust at the top: (0.375 + 0.375) / 2 = 0.375.
        self.assertAlmostEqual(p.m.layer_trust(p.g, p.w, 2), 0.375, PLACES)
        self.assertAlmostEqual(p.m.layer_trust(p.g, p.w, "administrative"), 0.375, PLACES)
        with self.assertRaises(orgtrust.NotFound):
            p.m.layer_trust(p.g, p.w, "managerial")  # no tie there
        # D = min(1, 0.375 / 0.5) = 0.75 below; nothing above the top.
        self.assertAlmostEqual(p.m.damping(p.roy, p.fatima), 0.75, PLACES)
        self.assertEqual(p.m.damping(p.wethouder, p.dijkgraaf), 1.0)

    def test_gains_are_damped_but_nothing_is_taken(self):
        p = self.p
        self.assertAlmostEqual(p.m.trust(p.roy, p.fatima), 0.525, PLACES)
        p.m.observe(p.roy, p.fatima, "agreement_kept", 3.0)
        # 0.525 + 0.05 * 0.75 * (1 - 0.525) = 0.525 + 0.0178125 = 0.5428125
        # (undamped it would be 0.525 + 0.05 * 0.475 = 0.54875)
        self.assertAlmostEqual(p.m.trust(p.roy, p.fatima), 0.5428125, PLACES)

    def test_losses_are_not_damped(self):
        p = self.p
        p.m.observe(p.fatima, p.roy, "agreement_broken", 3.0)
        self.assertAlmostEqual(p.m.trust(p.fatima, p.roy), 0.375, PLACES)  # 0.5 * 0.75


class BridgeBuilder(unittest.TestCase):
    """Bridge builders stand on the bridge; their colleagues do not follow."""

    def setUp(self):
        self.p = p = roy_and_fatima()
        p.person("Sanne", "g")
        p.person("Piet", "g")
        p.m.add_tie(p.sanne, p.fatima)
        p.inner = p.m.add_tie(p.piet, p.roy)
        # WENT_BEYOND weighs 2: 0.5 + (1 - 0.95^2) * 0.5 = 0.5 + 0.0975 * 0.5 = 0.54875
        p.m.observe(p.roy, p.fatima, "went_beyond", 1.0)
        # LET_DOWN weighs 2: 0.5 * 0.75^2 = 0.28125
        p.m.observe(p.sanne, p.fatima, "let_down", 2.0)

    def test_on_the_bridge(self):
        p = self.p
        # own(Roy -> W) - rep(G \ Roy -> W) = 0.54875 - 0.28125 = 0.2675 >= 0.25
        gap, on = p.m.bridge_gap(p.roy, p.w)
        self.assertAlmostEqual(gap, 0.2675, PLACES)
        self.assertTrue(on)
        gap, on = p.m.bridge_gap(p.sanne, p.w)
        self.assertAlmostEqual(gap, -0.2675, PLACES)
        self.assertFalse(on)
        # Piet has no tie across: prior 0.5 - (0.54875 + 0.28125) / 2 = 0.5 - 0.415 = 0.085
        gap, on = p.m.bridge_gap(p.piet, p.w)
        self.assertAlmostEqual(gap, 0.085, PLACES)
        self.assertFalse(on)

    def test_standing_at_home(self):
        p = self.p
        p.m.observe(p.piet, p.roy, "agreement_broken", 3.0)
        self.assertAlmostEqual(p.m.standing(p.roy), 0.375, PLACES)  # Piet's 0.5 * 0.75
        self.assertEqual(p.m.standing(p.piet), 0.5)  # Roy's trust in Piet
        self.assertEqual(p.m.standing(p.sanne), 0.5)  # no internal tie: the prior
        self.assertEqual(p.m.tie_class(p.inner), "internal")
        self.assertEqual(p.m.tie_class(p.tie), "horizontal")


def escalation_ladder(healthy_top=True):
    """Two escalation lines: Roy - Mia - wethouder and Fatima - Karel -
    dijkgraaf. Mia also works directly with Fatima (a diagonal tie), which
    compromises her for disruptions at the operational layer."""
    p = People()
    p.person("Wethouder", "g", 2)
    p.person("Mia", "g", 1, superior=p.wethouder)
    p.person("Roy", "g", 0, superior=p.mia)
    p.person("Dijkgraaf", "w", 2)
    p.person("Karel", "w", 1, superior=p.dijkgraaf)
    p.person("Fatima", "w", 0, superior=p.karel)
    p.tie = p.m.add_tie(p.roy, p.fatima)
    p.diagonal = p.m.add_tie(p.mia, p.fatima)
    p.managers = p.m.add_tie(p.mia, p.karel)
    p.top = p.m.add_tie(p.wethouder, p.dijkgraaf)
    if healthy_top:
        # Nothing above the top: D = 1. 0.5 + (1 - 0.95^5) * 0.5
        # = 1 - 0.5 * 0.7737809375 = 0.61310953125 >= 0.6 both ways.
        p.m.observe(p.wethouder, p.dijkgraaf, "agreement_kept", 1.0, 5)
        p.m.observe(p.dijkgraaf, p.wethouder, "agreement_kept", 1.0, 5)
    return p


H_TOP = 0.61310953125


class Escalation(unittest.TestCase):
    """Escalation skips the compromised managerial step and reaches the
    administrators, whose relationship is healthy."""

    def test_the_path(self):
        p = escalation_ladder()
        self.assertAlmostEqual(p.m.trust(p.wethouder, p.dijkgraaf), H_TOP, PLACES)
        self.assertEqual(p.m.tie_class(p.diagonal), "diagonal")
        self.assertEqual(p.m.hazards(p.g, p.w), [p.diagonal])
        self.assertEqual(
            p.m.escalation_path(p.tie),
            [
                orgtrust.Step(1, p.mia, p.karel, "compromised", "diagonal"),
                orgtrust.Step(2, p.wethouder, p.dijkgraaf, "ok", "none"),
            ],
        )
        # Roy's tie to Karel makes Karel a party at the first step.
        across = p.m.add_tie(p.roy, p.karel)
        self.assertEqual(p.m.escalation_path(across)[0], orgtrust.Step(1, p.mia, p.karel, "compromised", "party"))

    def test_joint_escalation_repairs(self):
        p = escalation_ladder()
        d = p.m.disrupt(p.roy, p.fatima, "relational", 0.5, 10.0)
        # Negative integrity evidence of 2 * 0.5 = 1: 0.5 * 0.75 = 0.375
        self.assertAlmostEqual(p.m.trust(p.roy, p.fatima), 0.375, PLACES)
        # Climate min(layer 1: 0.5, layer 2: 0.613) / 0.5 = 1, times 0.5 for the open disruption.
        self.assertAlmostEqual(p.m.damping(p.roy, p.fatima), 0.5, PLACES)
        rec = p.m.disruption(d)
        self.assertEqual(rec, orgtrust.Disruption(p.tie, p.roy, "relational", 0.5, 10.0, 0.5, "open", None, False))
        self.assertEqual(p.m.escalate(d, 10.0, "joint"), (True, 2))
        # fresh = 2^0 = 1, h = 0.61310953125:
        # 0.375 + 0.9 * 1 * 0.61310953125 * (0.5 - 0.375) = 0.375 + 0.068974822265625
        self.assertAlmostEqual(p.m.trust(p.roy, p.fatima), 0.443974822265625, PLACES)
        self.assertEqual(p.m.trust(p.fatima, p.roy), 0.5)  # joint: no cost
        rec = p.m.disruption(d)
        self.assertEqual((rec.status, rec.surfaced_at, rec.failed_escalation), ("resolved_by_escalation", 10.0, False))
        with self.assertRaises(orgtrust.StateError):
            p.m.escalate(d, t=11.0)
        with self.assertRaises(orgtrust.StateError):
            p.m.repair(d, 11.0)

    def test_escalate_takes_the_time_first(self):
        # escalate(d, t, mode): the required argument first; the 1.0 order
        # escalate(d, mode, t) by position still works, with a warning.
        for call in (lambda m, d: m.escalate(d, 10.0), lambda m, d: m.escalate(d, 10.0, "joint"),
                     lambda m, d: m.escalate(d, mode="joint", t=10.0)):
            p = escalation_ladder()
            d = p.m.disrupt(p.roy, p.fatima, "relational", 0.5, 10.0)
            self.assertEqual(call(p.m, d), (True, 2))
        p = escalation_ladder()
        d = p.m.disrupt(p.roy, p.fatima, "relational", 0.5, 10.0)
        with self.assertWarns(DeprecationWarning):
            self.assertEqual(p.m.escalate(d, "joint", 10.0), (True, 2))
        self.assertEqual(p.m.disruption(d).status, "resolved_by_escalation")

    def test_failed_unilateral_escalation_then_late_repair(self):
        p = escalation_ladder(healthy_top=False)
        self.assertEqual(p.m.escalation_path(p.tie)[1], orgtrust.Step(2, p.wethouder, p.dijkgraaf, "unhealthy", "none"))
        d = p.m.disrupt(p.roy, p.fatima, orgtrust.DisruptionKind.RELATIONAL, 0.5, 10.0)
        self.assertEqual(p.m.escalate(d, mode=orgtrust.EscalationMode.UNILATERAL, t=12.0), (False, None))
        # Failed: both directions take integrity evidence 0.5; unilateral:
        # Fatima takes 1 more about Roy.
        # Roy:    0.375 * 0.75^0.5         = 0.5 * 0.75^1.5
        # Fatima: 0.5 * 0.75^0.5 * 0.75^1  = 0.5 * 0.75^1.5 = 0.32475952641916445
        low = 0.32475952641916445
        self.assertAlmostEqual(p.m.trust(p.roy, p.fatima), low, PLACES)
        self.assertAlmostEqual(p.m.trust(p.fatima, p.roy), low, PLACES)
        rec = p.m.disruption(d)
        self.assertEqual((rec.status, rec.surfaced_at, rec.failed_escalation), ("open", 12.0, True))
        # Surfacing at 12 stopped the clock: fresh = 2^(-(12 - 10) / 30) = 0.9548416039104165
        # 0.32475952641916445 + 0.6 * 0.9548416039104165 * (0.5 - 0.32475952641916445)
        # = 0.32475952641916445 + 0.6 * 0.16732689... = 0.32475952641916445 + 0.10039614... = 0.42515566...
        # Model 2 restores towards min(0.5, C), C the ceiling of Roy's scar
        # (docs/model.md, section 11): the disruption, the first evidence
        # (u = 1), scarred 0.5; by day 12 healed by f = 2^(-2/365), the
        # spill-down (x = 0.5, u = 2 / (f + 2)) deepened it to
        # 1 - (1 - 0.5 f) * sqrt(1 - 0.5 u) = 0.5903; by day 42 it healed by
        # 2^(-30/365): C = 1 - 0.5903 * 0.9446 = 0.4424 < 0.5.
        f = 2.0 ** (-2.0 / 365.0)
        u = 2.0 / (f + 2.0)
        scar = 1.0 - (1.0 - 0.5 * f) * math.sqrt(1.0 - 0.5 * u)
        ceiling = 1.0 - scar * 2.0 ** (-30.0 / 365.0)
        self.assertAlmostEqual(ceiling, 0.4424, 4)
        p.m.repair(d, 42.0)
        expected = low + 0.6 * 0.9548416039104165 * (min(0.5, ceiling) - low)
        self.assertAlmostEqual(p.m.trust(p.roy, p.fatima), expected, PLACES)
        self.assertAlmostEqual(p.m.ceiling(p.roy, p.fatima), ceiling, PLACES)
        self.assertEqual(p.m.disruption(d).status, "resolved_locally")

    def test_no_superior_ends_the_path(self):
        p = roy_and_fatima()
        self.assertEqual(p.m.escalation_path(p.tie), [orgtrust.Step(1, None, None, "no_superior", "none")])

    def test_no_counterpart_tie(self):
        p2 = People()
        p2.person("Mia", "g", 1)
        p2.person("Roy", "g", 0, superior=p2.mia)
        p2.person("Karel", "w", 1)
        p2.person("Fatima", "w", 0, superior=p2.karel)
        tie = p2.m.add_tie(p2.roy, p2.fatima)
        self.assertEqual(p2.m.escalation_path(tie)[0], orgtrust.Step(1, p2.mia, p2.karel, "no_tie", "none"))


class Consultation(unittest.TestCase):
    """A regular consultation without a cause, prepared by liaisons who
    gathered signals on every layer."""

    def test_liaisons_surface_open_disruptions(self):
        p = with_leaders()
        p.person("Beleid", "g", 0)  # a policy officer of the gemeente
        d = p.m.disrupt(p.roy, p.fatima, "task", 1.0, 5.0, separated=True)
        # TASK, separated: evidence 2 in full, loss exponent 2 * (1 - 0.8) = 0.4:
        # 0.5 * 0.75^0.4
        self.assertAlmostEqual(p.m.trust(p.roy, p.fatima), 0.5 * 0.75 ** 0.4, PLACES)
        p.m.consult(p.wethouder, p.dijkgraaf, 6.0)
        self.assertIsNone(p.m.disruption(d).surfaced_at)  # no liaison, nothing surfaces
        p.m.consult(p.wethouder, p.dijkgraaf, 8.0, liaison_x=p.beleid)
        self.assertEqual(p.m.disruption(d).surfaced_at, 8.0)
        # Two consultations: benevolence evidence 0.5 + 0.5 each way, D = 1:
        # 1 - 0.5 * 0.95^0.5 * 0.95^0.5 = 1 - 0.5 * 0.95 = 0.525
        self.assertAlmostEqual(p.m.trust(p.dijkgraaf, p.wethouder), 0.525, PLACES)
        with self.assertRaises(orgtrust.InvalidArgument):
            outsider = p.m.add_actor(p.m.add_org("Provincie"), 0, "Ans")
            p.m.consult(p.wethouder, p.dijkgraaf, 9.0, liaison_y=outsider)


class GeneralRule(unittest.TestCase):
    """The incident-rule reflex: a general rule punishes the good with the
    bad."""

    def setUp(self):
        self.p = p = roy_and_fatima()
        p.person("Wethouder", "g", 2)
        p.person("Mia", "g", 1, superior=p.wethouder)
        p.m.set_superior(p.roy, p.mia)
        p.person("Sanne", "g", 0, superior=p.mia)
        p.dept = p.m.add_org("Ruimtelijke ordening", parent=p.g)
        p.piet = p.m.add_actor(p.dept, 0, "Piet", superior=p.mia)
        for who in (p.roy, p.sanne, p.piet):
            p.m.add_tie(who, p.mia)
        p.m.add_tie(p.mia, p.wethouder)

    def test_everyone_under_the_rule_feels_it(self):
        p = self.p
        p.m.impose_general_rule(p.g, 5.0)
        # Benevolence evidence 0.5 about one's own superior: 0.5 * 0.75^0.5
        hurt = 0.4330127018922193
        for who in (p.roy, p.sanne, p.piet):
            self.assertAlmostEqual(p.m.trust(who, p.mia), hurt, PLACES)
        self.assertAlmostEqual(p.m.trust(p.mia, p.wethouder), hurt, PLACES)
        self.assertEqual(p.m.trust(p.mia, p.roy), 0.5)  # superiors feel nothing
        self.assertEqual(p.m.trust(p.fatima, p.roy), 0.5)  # nor does the other organisation
        # E_benevolence = (0 + 1) / (0 + 0.5 + 2) = 0.4
        self.assertAlmostEqual(p.m.expectation(p.roy, p.mia, "benevolence"), 0.4, PLACES)
        # TW = 0.3 * 0.5 + 0.3 * 0.4 + 0.4 * 0.5 = 0.47
        self.assertAlmostEqual(p.m.trustworthiness(p.roy, p.mia), 0.47, PLACES)
        # R = 0, S = 0.5: b = 0, d = 0.5 / 2.5 = 0.2, u = 2 / 2.5 = 0.8, a = 0.5
        b, d, u, a = p.m.opinion(p.roy, p.mia)
        self.assertEqual(b, 0.0)
        self.assertAlmostEqual(d, 0.2, PLACES)
        self.assertAlmostEqual(u, 0.8, PLACES)
        self.assertEqual(a, 0.5)

    def test_a_department_rule_stays_in_the_department(self):
        p = self.p
        p.m.impose_general_rule(p.dept, 5.0)
        self.assertAlmostEqual(p.m.trust(p.piet, p.mia), 0.4330127018922193, PLACES)
        self.assertEqual(p.m.trust(p.roy, p.mia), 0.5)


if __name__ == "__main__":
    unittest.main()
