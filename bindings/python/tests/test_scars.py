"""Scars, the ceiling, answers to a breach and revealed truth
(docs/model.md, sections 11 and 12), through the binding. Roy (gemeente)
experiences a disruption with Fatima (waterschap); the working is in the
comments: a disruption of severity 0.5 is evidence of magnitude 1, from
T = 0.5 it leaves 0.375 and, as the first evidence (u = 1), the scar 0.5."""

import math
import unittest

from support import PLACES, roy_and_fatima

import orgtrust


class Scars(unittest.TestCase):
    def test_a_first_breach_scars_deeply(self):
        p = roy_and_fatima()
        self.assertEqual(p.m.scars(p.roy, p.fatima), (0.0, 0.0))
        self.assertEqual(p.m.ceiling(p.roy, p.fatima), 1.0)
        p.m.observe(p.roy, p.fatima, "concealed", 0.0)
        # scar 1 - (1 - 0.5 * 1) = 0.5, deception scar 1 - 0.75 = 0.25
        scar, deception = p.m.scars(p.roy, p.fatima)
        self.assertAlmostEqual(scar, 0.5, PLACES)
        self.assertAlmostEqual(deception, 0.25, PLACES)
        self.assertAlmostEqual(p.m.ceiling(p.roy, p.fatima), 0.5 * 0.75, PLACES)

    def test_model_1_has_no_scars(self):
        p = roy_and_fatima(scar_rate=0.0, deception_scar=0.0)
        p.m.observe(p.roy, p.fatima, "concealed", 0.0)
        self.assertEqual(p.m.scars(p.roy, p.fatima), (0.0, 0.0))

    def test_bad_arguments(self):
        p = roy_and_fatima()
        with self.assertRaises(orgtrust.NotFound):
            p.m.scars(p.roy, 99)
        with self.assertRaises(orgtrust.InvalidArgument):
            p.m.ceiling(p.roy, p.roy)


class Answers(unittest.TestCase):
    def test_apology_and_denial(self):
        # T + rho * (min(T_before, C) - T) = 0.375 + rho * 0.125
        for kind, response, rho in (("task", "apology", 0.5), ("relational", "denial", 0.4)):
            p = roy_and_fatima()
            d = p.m.disrupt(p.roy, p.fatima, kind, 0.5, 1.0)
            self.assertEqual(p.m.response(d), "none")
            p.m.respond(d, response, 1.0)
            self.assertAlmostEqual(p.m.trust(p.roy, p.fatima), 0.375 + rho * 0.125, PLACES)
            self.assertEqual(p.m.response(d), response)

    def test_a_lie_revealed(self):
        p = roy_and_fatima()
        d = p.m.disrupt(p.roy, p.fatima, "relational", 0.5, 1.0)
        p.m.respond(d, orgtrust.Response.DENIAL, 1.0)  # 0.425
        self.assertIsNone(p.m.revealed(d))
        p.m.reveal(d, True, 1.0)
        # deceptive evidence of magnitude 1: 0.425 * 0.75; u before it 1/3 * 2
        self.assertAlmostEqual(p.m.trust(p.roy, p.fatima), 0.425 * 0.75, PLACES)
        self.assertIs(p.m.revealed(d), True)
        scar, deception = p.m.scars(p.roy, p.fatima)
        self.assertAlmostEqual(scar, 2.0 / 3.0, PLACES)
        self.assertAlmostEqual(deception, 0.25, PLACES)

    def test_innocence_after_silence(self):
        p = roy_and_fatima()
        d = p.m.disrupt(p.roy, p.fatima, "task", 0.5, 1.0)
        p.m.reveal(d, False, 1.0)
        self.assertAlmostEqual(p.m.trust(p.roy, p.fatima), 0.375 + 0.6 * 0.125, PLACES)
        self.assertIs(p.m.revealed(d), False)

    def test_a_promise_boosts_gains(self):
        p = roy_and_fatima()
        d = p.m.disrupt(p.roy, p.fatima, "relational", 0.5, 1.0)
        p.m.respond(d, "promise", 1.0)
        p.m.observe(p.roy, p.fatima, "agreement_kept", 1.0)
        # E_I = 1/3: gain rate 0.05 * 0.5 (disrupted) * (1 + 1/3), gap 0.125
        self.assertAlmostEqual(p.m.trust(p.roy, p.fatima), 0.375 + 0.125 / 30.0, PLACES)

    def test_bad_answers_change_nothing(self):
        p = roy_and_fatima()
        d = p.m.disrupt(p.roy, p.fatima, "task", 0.5, 1.0)
        p.m.respond(d, "apology", 1.0)
        before = p.m.digest()
        with self.assertRaises(orgtrust.StateError):
            p.m.respond(d, "denial", 2.0)
        with self.assertRaises(orgtrust.InvalidArgument):
            p.m.respond(d, "sorry", 2.0)
        with self.assertRaises(TypeError):
            p.m.reveal(d, 1, 2.0)
        p.m.reveal(d, True, 2.0)
        after = p.m.digest()
        with self.assertRaises(orgtrust.StateError):
            p.m.reveal(d, False, 3.0)
        self.assertEqual(p.m.digest(), after)
        self.assertNotEqual(before, after)
        self.assertFalse(math.isnan(p.m.trust(p.roy, p.fatima)))


if __name__ == "__main__":
    unittest.main()
