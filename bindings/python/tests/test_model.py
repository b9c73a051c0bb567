"""Model construction, parameters, layers, structure and the per-direction
queries. Expected numbers are worked out by hand in the comments."""

import unittest

from support import PLACES, People, roy_and_fatima

import orgtrust


class Construction(unittest.TestCase):
    def test_defaults(self):
        m = orgtrust.Model()
        self.assertEqual(m.param("gain_rate"), 0.05)
        self.assertEqual(m.param(orgtrust.Param.LOSS_RATE), 0.25)
        self.assertEqual(m.param(29), 1.0)  # keep_events
        self.assertEqual(m.layers, ("operational", "managerial", "administrative"))
        self.assertIsNone(m.time)
        self.assertEqual(m.counts(), orgtrust.Counts(0, 0, 0, 0, 0))
        m.check()

    def test_parameters_by_keyword(self):
        p = roy_and_fatima(gain_rate=0.1, org_prior=0.4)
        self.assertEqual(p.m.param("gain_rate"), 0.1)
        p.m.observe(p.roy, p.fatima, "delivered", 1.0)
        # The tie started halfway between Roy's propensity and the prior
        # (trust transfer 0.5, docs/model.md section 13): 0.5 * 0.5 + 0.5 * 0.4
        # = 0.45; then 0.45 + 0.1 * (1 - 0.45) = 0.505.
        self.assertAlmostEqual(p.m.trust(p.roy, p.fatima), 0.505, PLACES)
        # Roy's colleagues have no ties: rep = the prior 0.4 limits.
        self.assertEqual(p.m.effective_trust(p.roy, p.fatima), (0.4, "reputation"))

    def test_every_parameter_reads_back(self):
        for param in orgtrust.Param:
            m = orgtrust.Model(**{param.label: orgtrust.Model().param(param)})
            self.assertEqual(m.param(param.label), orgtrust.Model().param(param))

    def test_parameters_come_from_the_library(self):
        # The header's values and defaults (docs/model.md section 9 and 11).
        self.assertEqual(orgtrust.Param.SCAR_RATE.value, 30)
        self.assertEqual(orgtrust.Param.INSTITUTIONAL_HALF_LIFE.value, 44)
        self.assertEqual(len(orgtrust.Param), 44)
        self.assertEqual(tuple(orgtrust.Param.SCAR_RATE.info), ("scar_rate", 0.5, 0.0, 1.0))
        self.assertEqual(tuple(orgtrust.Param.GAIN_RATE.info), ("gain_rate", 0.05, 0.0, 1.0))
        info = orgtrust.Param.EVIDENCE_HALF_LIFE.info
        self.assertEqual((info.lo, info.hi), (float("-inf"), float("inf")))
        for param in orgtrust.Param:
            info = param.info
            self.assertEqual(info.name, param.label)
            self.assertEqual(orgtrust.Model().param(param), info.default)
            self.assertTrue(info.lo <= info.default <= info.hi)

    def test_bad_parameters(self):
        with self.assertRaises(TypeError):
            orgtrust.Model(gain=0.1)
        with self.assertRaises(TypeError):
            orgtrust.Model(GAIN_RATE=0.1)  # the names are lower case
        with self.assertRaises(TypeError):
            orgtrust.Model(gain_rate="fast")
        with self.assertRaises(orgtrust.InvalidArgument) as cm:
            orgtrust.Model(gain_rate=1.5)
        self.assertIn("gain_rate", str(cm.exception))
        with self.assertRaises(orgtrust.InvalidArgument) as cm:
            orgtrust.Model(weight_ability=0.5)  # 0.5 + 0.3 + 0.4 != 1
        self.assertEqual(cm.exception.status, -1)
        with self.assertRaises(orgtrust.InvalidArgument):
            orgtrust.Model(gain_rate=float("nan"))
        with self.assertRaises(orgtrust.InvalidArgument):
            orgtrust.Model(gain_rate=10**400)
        with self.assertRaises(orgtrust.InvalidArgument):
            orgtrust.Model().param("gain")

    def test_layers(self):
        m = orgtrust.Model(layers=["team", "board"])
        self.assertEqual(m.layers, ("team", "board"))
        org = m.add_org("Gemeente")
        a = m.add_actor(org, "board", "Wethouder")
        self.assertEqual(m.actor_layer(a), 1)
        with self.assertRaises(orgtrust.InvalidArgument):
            m.add_actor(org, "administrative", "Nobody")
        with self.assertRaises(orgtrust.InvalidArgument):
            m.add_actor(org, 2, "Nobody")
        self.assertEqual(orgtrust.Model(layers=5).layers[3:], ("layer3", "layer4"))
        self.assertEqual(orgtrust.Model(layers=["ops", None]).layers, ("ops", "managerial"))
        for bad in (0, 9, ["a", "a"], [""], 2**40):
            with self.assertRaises(orgtrust.InvalidArgument, msg=repr(bad)):
                orgtrust.Model(layers=bad)
        for bad in ("ops", 1.5, [1]):
            with self.assertRaises(TypeError, msg=repr(bad)):
                orgtrust.Model(layers=bad)


class Structure(unittest.TestCase):
    def test_organisations_actors_ties(self):
        p = People()
        dept = p.m.add_org("Ruimtelijke ordening", parent=p.g)
        self.assertEqual((p.g, p.w, dept), (0, 1, 2))
        self.assertEqual(p.m.org_name(dept), "Ruimtelijke ordening")
        self.assertEqual(p.m.org_parent(dept), p.g)
        self.assertIsNone(p.m.org_parent(p.g))
        boss = p.m.add_actor(p.g, 2, "Wethouder")
        roy = p.m.add_actor(dept, "operational", "Roy", superior=boss, propensity=0.7)
        fatima = p.m.add_actor(p.w, 0, "Fatima")
        self.assertEqual(p.m.actor_name(roy), "Roy")
        self.assertEqual(p.m.actor_org(roy), dept)
        self.assertEqual(p.m.actor_layer(boss), 2)
        self.assertEqual(p.m.actor_superior(roy), boss)
        self.assertIsNone(p.m.actor_superior(boss))
        self.assertEqual(p.m.actor_propensity(roy), 0.7)
        p.m.set_superior(roy, None)
        self.assertIsNone(p.m.actor_superior(roy))
        p.m.set_propensity(fatima, 0.3)
        tie = p.m.add_tie(roy, fatima, intensity=2.0, affect=0.1, uncertainty=0.7)
        self.assertEqual(p.m.find_tie(fatima, roy), tie)
        self.assertEqual(p.m.tie_ends(tie), (roy, fatima))
        self.assertEqual(p.m.tie_class(tie), "horizontal")
        self.assertEqual(p.m.tie_attr(tie, "intensity"), 2.0)
        self.assertEqual(p.m.tie_attr(tie, orgtrust.TieAttr.AFFECT), 0.1)
        self.assertEqual(p.m.tie_attr(tie, 3), 0.7)
        p.m.set_tie(tie, uncertainty=0.2)
        self.assertEqual(p.m.tie_attr(tie, "uncertainty"), 0.2)
        # Trust starts halfway between the propensities and what each
        # organisation thinks of the other, here the prior 0.5 (no tie yet):
        # 0.5 * 0.7 + 0.25 = 0.6 and 0.5 * 0.3 + 0.25 = 0.4.
        self.assertAlmostEqual(p.m.trust(roy, fatima), 0.6, PLACES)
        self.assertAlmostEqual(p.m.trust(fatima, roy), 0.4, PLACES)
        self.assertEqual(p.m.tie_class(p.m.add_tie(roy, boss)), "vertical")
        self.assertEqual(p.m.counts(), orgtrust.Counts(3, 3, 2, 0, p.m.counts().events))
        self.assertGreater(p.m.counts().events, 0)
        p.m.check()

    def test_checked_before_anything_changes(self):
        p = roy_and_fatima()
        before = p.m.digest()
        with self.assertRaises(orgtrust.InvalidArgument):
            p.m.add_actor(p.g, 0, "Sanne", propensity=1.5)
        p.person("Sanne", "g")
        after_sanne = p.m.digest()
        self.assertNotEqual(before, after_sanne)
        for bad in ({"intensity": 0.0}, {"affect": 2.0}, {"uncertainty": -0.1}, {"intensity": 1e7}):
            with self.assertRaises(orgtrust.InvalidArgument, msg=repr(bad)):
                p.m.add_tie(p.sanne, p.fatima, **bad)
        with self.assertRaises(orgtrust.InvalidArgument):
            p.m.set_tie(p.tie, affect=0.5, uncertainty=1.5)  # affect would come first
        self.assertEqual(p.m.digest(), after_sanne)
        self.assertEqual(p.m.tie_attr(p.tie, "affect"), 0.0)

    def test_time_and_digest(self):
        p = roy_and_fatima()
        q = roy_and_fatima()
        self.assertEqual(p.m.digest(), q.m.digest())
        p.m.observe(p.roy, p.fatima, "disclosed", 2.5)
        self.assertEqual(p.m.time, 2.5)
        self.assertNotEqual(p.m.digest(), q.m.digest())
        q.m.observe(q.roy, q.fatima, orgtrust.Kind.DISCLOSED, 2.5)
        self.assertEqual(p.m.digest(), q.m.digest())


class Queries(unittest.TestCase):
    def test_kinds_move_their_dimension(self):
        p = roy_and_fatima()
        m, roy, fatima = p.m, p.roy, p.fatima
        m.observe(roy, fatima, "agreement_kept", 1.0)
        # Integrity: r = 1, s = 0: E = (1 + 1) / (1 + 0 + 2) = 2/3
        self.assertAlmostEqual(m.expectation(roy, fatima, "integrity"), 2 / 3, PLACES)
        self.assertEqual(m.expectation(roy, fatima, orgtrust.Dimension.ABILITY), 0.5)
        # TW = 0.3 * 0.5 + 0.3 * 0.5 + 0.4 * 2/3 = 0.3 + 0.26666... = 0.56666...
        self.assertAlmostEqual(m.trustworthiness(roy, fatima), 0.3 + 0.8 / 3, PLACES)
        # R = 1, S = 0: b = 1/3, d = 0, u = 2/3, base rate = Roy's propensity
        self.assertEqual(m.opinion(roy, fatima), orgtrust.Opinion(1 / 3, 0.0, 2 / 3, 0.5))
        m.observe(roy, fatima, "concealed", 1.0, magnitude=0.5)  # same t: no decay
        # Integrity: r = 1, s = 0.5: E = 2 / 3.5
        self.assertAlmostEqual(m.expectation(roy, fatima, 3), 2 / 3.5, PLACES)
        with self.assertRaises(orgtrust.InvalidArgument):
            m.expectation(roy, fatima, "honesty")
        with self.assertRaises(orgtrust.InvalidArgument):
            m.expectation(roy, fatima, 4)

    def test_evidence_decays_with_its_half_life(self):
        p = roy_and_fatima()
        p.m.observe(p.roy, p.fatima, "agreement_kept", 0.0)
        p.m.observe(p.fatima, p.roy, "delivered", 365.0)  # the model's time moves on a year
        # r = 1 * 2^(-365/365) = 0.5: E = 1.5 / 2.5 = 0.6
        self.assertAlmostEqual(p.m.expectation(p.roy, p.fatima, "integrity"), 0.6, PLACES)

    def test_dark_side_of_a_click(self):
        p = roy_and_fatima()
        p.m.set_propensity(p.roy, 0.9)
        self.assertEqual(p.m.trust(p.roy, p.fatima), 0.5)  # only ties created later start from 0.9
        karel = p.person("Karel", "w")
        tie = p.m.add_tie(p.roy, karel, affect=1.0)
        # Roy has no colleagues, so his side's view is the prior: the tie
        # starts at 0.5 * 0.9 + 0.5 * 0.5 = 0.7 (trust transfer 0.5).
        p.m.observe(p.roy, karel, "agreement_broken", 1.0, magnitude=5)
        # l_eff = 0.25 * (1 - 0.9 * 1) = 0.025: T = 0.7 * 0.975^5 = 0.7 * 0.881095693359375 = 0.6167669853515625
        self.assertAlmostEqual(p.m.trust(p.roy, karel), 0.6167669853515625, PLACES)
        # E_integrity = 1 / 7: TW = 0.3 + 0.4 / 7 = 0.357142857...; T - TW = 0.2596... >= 0.25, evidence 5 >= 5
        self.assertAlmostEqual(p.m.trustworthiness(p.roy, karel), 0.3 + 0.4 / 7, PLACES)
        self.assertTrue(p.m.dark_side(p.roy, karel))
        self.assertFalse(p.m.dark_side(karel, p.roy))
        self.assertEqual(p.m.tie_attr(tie, "affect"), 1.0)

    def test_cooperation_basis(self):
        p = roy_and_fatima(gain_rate=0.0)
        # Required trust 0.2 + 0.6 * 0.5 = 0.5: both directions start at 0.5.
        self.assertEqual(p.m.cooperation_basis(p.roy, p.fatima), "trust")
        p.m.observe(p.fatima, p.roy, "failed_delivery", 1.0)
        # Fatima 0.375 < 0.5; her TW = 0.3 * 1/3 + 0.3 * 0.5 + 0.4 * 0.5 = 0.45 < 0.6
        self.assertEqual(p.m.cooperation_basis(p.roy, p.fatima), "at_risk")
        q = People(gain_rate=0.0)
        a = q.person("Roy", "g", propensity=0.3)
        b = q.person("Fatima", "w", propensity=0.3)
        q.m.add_tie(a, b)
        q.m.observe(a, b, "agreement_kept", 1.0, magnitude=10)
        q.m.observe(b, a, "agreement_kept", 1.0, magnitude=10)
        # T stays 0.3 < 0.5 (no gain), TW = 0.3 + 0.4 * 11/12 = 0.6666... >= 0.6, U = 0.5 <= 0.5
        self.assertEqual(q.m.cooperation_basis(b, a), "reliability")


if __name__ == "__main__":
    unittest.main()
