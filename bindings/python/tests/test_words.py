"""orgtrust.terms(), term() and say(): the library's one vocabulary
(lib/words.c), the same words the report and the command line use."""

import os
import unittest

from support import supported

HERE = os.path.dirname(os.path.abspath(__file__))

import orgtrust


class Vocabulary(unittest.TestCase):
    def test_every_term_has_four_strings_and_a_unique_key(self):
        ts = orgtrust.terms()
        self.assertGreater(len(ts), 60)
        keys = [t.key for t in ts]
        self.assertEqual(len(keys), len(set(keys)))
        for t in ts:
            self.assertTrue(all(t), t)
            self.assertIn("docs/model.md section", t.definition)

    def test_term_by_key(self):
        t = orgtrust.term("status.unhealthy")
        self.assertEqual(t.term, "unhealthy")
        self.assertEqual(t.plain, "they do not trust each other enough")
        with self.assertRaises(orgtrust.NotFound):
            orgtrust.term("no_such_term")

    def test_say_with_names(self):
        self.assertEqual(orgtrust.say("standing", org="Gemeente", actor="Henk"), "how far Gemeente trusts Henk")
        self.assertEqual(
            orgtrust.say("reputation", a="Gemeente Zuiderhaven", b="Woningcorporatie Thuisbasis"),
            "how Gemeente Zuiderhaven sees Woningcorporatie Thuisbasis",
        )
        # a term without slots: its plain words
        self.assertEqual(orgtrust.say("overdue"), orgtrust.term("overdue").plain)
        with self.assertRaises(orgtrust.InvalidArgument):
            orgtrust.say("reputation", a="Gemeente")

    def test_the_report_writes_the_tables_words(self):
        path = os.path.join(HERE, "..", "..", "..", "examples", "scenarios", "gemeente-waterschap.json")
        report = supported(self, orgtrust.Model.from_scenario, path).report()
        seen = 0
        for kind in ("horizontal", "diagonal", "vertical", "internal"):
            for tie in report["ties"][kind]:
                key = "cooperation_basis." + tie["cooperation_basis"]
                self.assertEqual(tie["cooperation_basis_plain"], orgtrust.term(key).plain)
                seen += 1
        self.assertEqual(seen, 12)  # the file's 12 ties
        step = report["open_disruptions"][0]["escalation_path"][0]
        self.assertEqual(step["status_plain"], orgtrust.term("status.compromised").plain)

if __name__ == "__main__":
    unittest.main()
