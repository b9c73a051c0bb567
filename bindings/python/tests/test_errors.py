"""Every C status becomes its exception, with the status code and the
library's message; wrong Python input gives a clean exception, never a
crash."""

import os
import tempfile
import unittest

from support import People, roy_and_fatima, supported

import orgtrust

# status, class, ot_strerror text
STATUSES = [
    (-1, orgtrust.InvalidArgument, "invalid argument"),
    (-2, orgtrust.OutOfMemory, "out of memory"),
    (-3, orgtrust.NotFound, "not found"),
    (-4, orgtrust.AlreadyExists, "already exists"),
    (-5, orgtrust.TimeOrder, "time goes backwards"),
    (-6, orgtrust.StateError, "not allowed in this state"),
    (-7, orgtrust.StoreError, "input/output error"),
    (-8, orgtrust.FormatError, "malformed data"),
    (-9, orgtrust.NotSupported, "not supported"),
    (-10, orgtrust.LimitError, "limit exceeded"),
    (-11, orgtrust.StoreBusy, "store locked by another writer"),
]


class StatusMapping(unittest.TestCase):
    def test_every_status_has_its_class(self):
        for status, cls, _ in STATUSES:
            e = orgtrust.error_for_status(status, "detail %d" % status)
            self.assertIs(type(e), cls)
            self.assertIsInstance(e, orgtrust.Error)
            self.assertEqual(e.status, status)
            self.assertEqual(cls.status, status)
            self.assertEqual(e.detail, "detail %d" % status)
            self.assertEqual(str(e), "detail %d" % status)
            self.assertIsNone(e.index)
            self.assertEqual(orgtrust.Status(status), status)

    def test_a_busy_store_is_a_store_error(self):
        # 1.0 said OT_EIO for a locked store: code catching StoreError still works.
        self.assertIsInstance(orgtrust.error_for_status(-11, "locked"), orgtrust.StoreError)

    def test_an_unknown_status_is_a_plain_error(self):
        e = orgtrust.error_for_status(-99, "from a newer library")
        self.assertIs(type(e), orgtrust.Error)
        self.assertEqual(e.status, -99)

    def test_python_families(self):
        self.assertTrue(issubclass(orgtrust.InvalidArgument, ValueError))
        self.assertTrue(issubclass(orgtrust.NotFound, LookupError))
        self.assertTrue(issubclass(orgtrust.OutOfMemory, MemoryError))

    def test_the_library_texts_match(self):
        from orgtrust import _native

        for status, _, text in STATUSES:
            self.assertEqual(_native.lib.ot_strerror(status), text)


class Provoked(unittest.TestCase):
    """Each exception raised by the real library, where the library can be
    made to say it today."""

    def assertFails(self, cls, fn, *args, needle=None, **kwargs):
        with self.assertRaises(cls) as cm:
            fn(*args, **kwargs)
        e = cm.exception
        self.assertEqual(e.status, cls.status)
        self.assertTrue(e.detail)
        if needle:
            self.assertIn(needle, e.detail)
        return e

    def test_invalid_argument(self):
        p = roy_and_fatima()
        self.assertFails(orgtrust.InvalidArgument, p.m.observe, p.roy, p.fatima, "delivered", 1.0, magnitude=-1,
                         needle="ot_observe: magnitude = -1 is out of range")
        self.assertFails(orgtrust.InvalidArgument, p.m.observe, p.roy, p.fatima, 9, 1.0, needle="kind = 9")
        self.assertFails(orgtrust.InvalidArgument, p.m.observe, p.roy, p.fatima, 1, float("nan"))
        self.assertFails(orgtrust.InvalidArgument, p.m.trust, p.roy, p.roy, needle="same actor")

    def test_not_found(self):
        p = roy_and_fatima()
        self.assertFails(orgtrust.NotFound, p.m.trust, p.roy, 7, needle="trustee = 7 is not an actor")
        other = p.person("Sanne", "g")
        self.assertFails(orgtrust.NotFound, p.m.find_tie, p.roy, other, needle="have no tie")
        self.assertFails(orgtrust.NotFound, p.m.org_name, 5)
        self.assertFails(orgtrust.NotFound, p.m.actor_name, 5)
        self.assertFails(orgtrust.NotFound, p.m.disruption, 0)

    def test_already_exists(self):
        p = roy_and_fatima()
        self.assertFails(orgtrust.AlreadyExists, p.m.add_tie, p.fatima, p.roy, needle="already share tie")

    def test_time_order(self):
        p = roy_and_fatima()
        p.m.observe(p.roy, p.fatima, "delivered", 5.0)
        before = p.m.digest()
        self.assertFails(orgtrust.TimeOrder, p.m.observe, p.roy, p.fatima, "delivered", 4.0, needle="earlier")
        self.assertEqual(p.m.digest(), before)

    def test_state_error(self):
        p = roy_and_fatima()
        d = p.m.disrupt(p.roy, p.fatima, "task", 0.5, 1.0)
        p.m.repair(d, 2.0)
        self.assertFails(orgtrust.StateError, p.m.repair, d, 3.0, needle="not open")

    def test_not_supported(self):
        # A model that drops its events has nothing to export, whatever the build.
        p = roy_and_fatima(keep_events=0)
        self.assertFails(orgtrust.NotSupported, p.m.export_scenario)

    def test_limit_error(self):
        m = orgtrust.Model()
        org = None
        for depth in range(16):
            org = m.add_org("level %d" % depth, parent=org)
        self.assertFails(orgtrust.LimitError, m.add_org, "too deep", parent=org, needle="nest at most")
        self.assertFails(orgtrust.LimitError, m.add_org, "x" * 4097, needle="longer than")

    def test_format_error(self):
        with self.assertRaises(orgtrust.FormatError):
            supported(self, orgtrust.Model.from_scenario, "{ not json")

    def test_store_error(self):
        missing = os.path.join(tempfile.gettempdir(), "orgtrust-no-such-dir", "scenario.json")
        with self.assertRaises(orgtrust.StoreError):
            supported(self, orgtrust.Model.from_scenario, missing)

    def test_out_of_memory_is_mapped(self):
        # No call can be made to run out of memory from here; the mapping is
        # StatusMapping's job, and OutOfMemory is a MemoryError too.
        with self.assertRaises(MemoryError):
            raise orgtrust.error_for_status(-2, "ot_model_new: out of memory; nothing was changed")


class WrongInput(unittest.TestCase):
    """Whatever Python hands over: a clean exception and an unchanged model."""

    def setUp(self):
        self.p = roy_and_fatima()
        self.before = self.p.m.digest()

    def tearDown(self):
        self.assertEqual(self.p.m.digest(), self.before)
        self.p.m.check()

    def test_ids(self):
        m, roy, fatima = self.p.m, self.p.roy, self.p.fatima
        for bad in (-1, 2**32 - 1, 2**32, 2**32 + roy, 2**64, -(2**70)):
            with self.assertRaises(orgtrust.InvalidArgument, msg=bad):
                m.trust(bad, fatima)
            with self.assertRaises(orgtrust.InvalidArgument, msg=bad):
                m.observe(roy, bad, "delivered", 1.0)
        for bad in ("0", 1.0, None, [0], b"\x00"):
            with self.assertRaises(TypeError, msg=repr(bad)):
                m.trust(roy, bad)
            with self.assertRaises(TypeError, msg=repr(bad)):
                m.observe(bad, fatima, "delivered", 1.0)
        with self.assertRaises(TypeError):
            m.add_tie(roy, None)

    def test_numbers(self):
        m, roy, fatima = self.p.m, self.p.roy, self.p.fatima
        for bad in ("1.0", None, [1.0], b"1", object()):
            with self.assertRaises(TypeError, msg=repr(bad)):
                m.observe(roy, fatima, "delivered", bad)
            with self.assertRaises(TypeError, msg=repr(bad)):
                m.observe(roy, fatima, "delivered", 1.0, magnitude=bad)
        for bad in (10**400, -(10**400)):
            with self.assertRaises(orgtrust.InvalidArgument):
                m.observe(roy, fatima, "delivered", bad)
        for bad in (float("inf"), float("nan")):
            with self.assertRaises(orgtrust.InvalidArgument):
                m.disrupt(roy, fatima, "task", 0.5, bad)
        with self.assertRaises(TypeError):
            m.escalate(0)  # no time

    def test_enums(self):
        m, roy, fatima = self.p.m, self.p.roy, self.p.fatima
        for bad in ("agreed", "", 0, 9, 2**40, -(2**40)):
            with self.assertRaises(orgtrust.InvalidArgument, msg=repr(bad)):
                m.observe(roy, fatima, bad, 1.0)
        for bad in (None, 1.5, [1]):
            with self.assertRaises(TypeError, msg=repr(bad)):
                m.observe(roy, fatima, bad, 1.0)
        with self.assertRaises(orgtrust.InvalidArgument):
            m.disrupt(roy, fatima, "agreement_kept", 0.5, 1.0)
        with self.assertRaises(orgtrust.InvalidArgument):
            m.tie_attr(0, "colour")

    def test_names(self):
        m = self.p.m
        for bad in ("a\0b", "\ud800"):
            with self.assertRaises(orgtrust.InvalidArgument, msg=repr(bad)):
                m.add_org(bad)
        for bad in (None, b"Gemeente", 3):
            with self.assertRaises(TypeError, msg=repr(bad)):
                m.add_org(bad)

    def test_unicode_names_survive(self):
        p = People()
        a = p.m.add_actor(p.g, 0, "Zoë Ørsted 🌊")
        self.assertEqual(p.m.actor_name(a), "Zoë Ørsted 🌊")



class NamesInMessages(unittest.TestCase):
    """A failing call about actors says who they are by the names the user
    gave, beside the ids the library reports."""

    def setUp(self):
        self.p = roy_and_fatima()
        self.sanne = self.p.m.add_actor(self.p.w, 0, "Sanne")

    def test_no_tie(self):
        p = self.p
        for call in (lambda: p.m.observe(p.roy, self.sanne, "delivered", 1.0),
                     lambda: p.m.trust(p.roy, self.sanne),
                     lambda: p.m.dark_side(p.roy, self.sanne),
                     lambda: p.m.disrupt(p.roy, self.sanne, "task", 0.5, 1.0)):
            with self.assertRaises(orgtrust.NotFound) as cm:
                call()
            self.assertIn("actor 0 'Roy'", str(cm.exception))
            self.assertIn("actor 2 'Sanne'", str(cm.exception))

    def test_a_bad_row_of_a_batch(self):
        p = self.p
        with self.assertRaises(orgtrust.NotFound) as cm:
            p.m.observe_many([(p.roy, p.fatima, "delivered", 1.0), (self.sanne, p.roy, "delivered", 1.0)])
        self.assertEqual(cm.exception.index, 1)
        self.assertIn("obs[1]", str(cm.exception))
        self.assertIn("truster = actor 2 'Sanne', trustee = actor 0 'Roy'", str(cm.exception))

    def test_an_unknown_actor(self):
        with self.assertRaises(orgtrust.NotFound) as cm:
            self.p.m.trust(self.p.roy, 99)
        self.assertIn("trustee = actor 99 (no such actor)", str(cm.exception))

    def test_organisations(self):
        p = self.p
        with self.assertRaises(orgtrust.InvalidArgument) as cm:
            p.m.backing(p.g, p.g)
        self.assertIn("organisation 0 'Gemeente'", str(cm.exception))


if __name__ == "__main__":
    unittest.main()
