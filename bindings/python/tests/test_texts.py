"""Texts and the calendar through the Python API (docs/scenario.md, "Texts"
and "Calendar dates"). Dates are counted by hand in the comments."""

import unittest

import orgtrust


def story():
    """Roy and Fatima, one tie, one disruption (id 0) at day 3."""
    m = orgtrust.Model()
    roy = m.add_actor(m.add_org("Gemeente"), 0, "Roy")
    fatima = m.add_actor(m.add_org("Waterschap"), 0, "Fatima")
    m.add_tie(roy, fatima)
    m.disrupt(roy, fatima, "task", 0.5, t=3.0)
    return m


class Texts(unittest.TestCase):
    def test_description_note_and_label(self):
        m = story()
        before = m.digest()
        self.assertIsNone(m.description)
        m.description = "De watertoets"
        self.assertEqual(m.description, "De watertoets")
        m.note("Roy belt")
        self.assertIsNone(m.disruption_label(0))
        m.set_disruption_label(0, "watertoets-1")
        self.assertEqual(m.disruption_label(0), "watertoets-1")
        self.assertEqual(m.digest(), before)  # words change no value
        with self.assertRaises(orgtrust.StateError):
            m.set_disruption_label(0, "anders")
        with self.assertRaises(orgtrust.InvalidArgument):
            m.description = "met\0nul"
        with self.assertRaises(orgtrust.InvalidArgument):
            m.description = ""
        self.assertEqual(m.description, "De watertoets")

    def test_note_needs_an_event(self):
        with self.assertRaises(orgtrust.StateError):
            orgtrust.Model().note("te vroeg")


class Calendar(unittest.TestCase):
    def test_dates_and_days(self):
        m = orgtrust.Model()
        with self.assertRaises(orgtrust.StateError):
            m.date(0)
        m.epoch = "2025-01-01"
        self.assertEqual(m.epoch, "2025-01-01")
        # January 31 + February 28 = 59 days: March 1.
        self.assertEqual(m.date(59), "2025-03-01")
        # 9:30 is 570 minutes of 1440.
        self.assertEqual(m.date(72 + 570 / 1440), "2025-03-14T09:30")
        self.assertAlmostEqual(m.day("2025-03-14T09:30"), 72 + 570 / 1440, places=12)
        self.assertEqual(m.day("2024-12-31"), -1.0)
        with self.assertRaises(orgtrust.InvalidArgument):
            m.epoch = "2025-02-30"
        with self.assertRaises(orgtrust.InvalidArgument):
            m.day("14 maart")


if __name__ == "__main__":
    unittest.main()
