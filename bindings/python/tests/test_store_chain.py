"""The store's checksum chain from Python: orgtrust.store_verify() and
Model.backup_store() (docs/store.md)."""

import os
import shutil
import sqlite3
import tempfile
import unittest

from support import with_leaders

import orgtrust


class Chain(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="orgtrust-test-")
        self.path = os.path.join(self.dir, "cases.otstore")
        # The leaders' story (support.with_leaders) into a new store, then
        # Roy's three observations of Fatima: entries 1 .. n.
        m = orgtrust.Model.open_store(self.path, create=True)
        self.p = with_leaders(model=m)
        for day in (1.0, 2.0, 3.0):
            m.observe(self.p.roy, self.p.fatima, "agreement_kept", day)
        m.checkpoint()
        self.entries = m.counts().events
        self.digest = m.digest()
        m.close()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def test_verify_says_what_it_checked(self):
        r = orgtrust.store_verify(self.path)
        self.assertEqual(r["entries"], self.entries)
        self.assertEqual(r["format"], 3)
        self.assertEqual(r["chained_from"], 1)
        self.assertEqual(r["sealed"], 0)
        self.assertEqual([c["entry"] for c in r["checkpoints"]], [self.entries])
        self.assertEqual(len(r["chain_head"]), 32)
        self.assertEqual(int(r["digest"], 16), self.digest)

    def test_an_edited_entry_is_named(self):
        # t = 2 edited into t = 5 with SQLite's own tools, as a user might.
        db = sqlite3.connect(self.path)
        with db:
            db.execute("UPDATE orgtrust_journal SET t = 5 WHERE t = 2")
        db.close()
        with self.assertRaises(orgtrust.FormatError) as e:
            orgtrust.store_verify(self.path)
        self.assertIn("journal entry %d fails its checksum" % (self.entries - 1), str(e.exception))

    def test_a_backup_verifies_and_opens_to_the_same_state(self):
        copy = os.path.join(self.dir, "copy.otstore")
        with orgtrust.Model.open_store(self.path, readonly=True) as m:
            m.backup_store(copy)
            with self.assertRaises(orgtrust.Error):
                m.backup_store(copy)  # only into a new file
        self.assertEqual(orgtrust.store_verify(copy)["entries"], self.entries)
        with orgtrust.Model.open_store(copy, readonly=True) as c:
            self.assertEqual(c.digest(), self.digest)

    def test_not_a_store(self):
        with self.assertRaises(orgtrust.Error):
            orgtrust.store_verify(os.path.join(self.dir, "missing"))
        with self.assertRaises(TypeError):
            orgtrust.store_verify(None)


if __name__ == "__main__":
    unittest.main()
