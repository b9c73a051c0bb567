"""Scenarios, the report, the picture and the store (the file's name dates
from before they were built; they all are now). A test skips only when
this liborgtrust was built without the feature (ORGTRUST_WITH_JANSSON=OFF,
ORGTRUST_WITH_SQLITE=OFF); any other failure fails."""

import ctypes
import json
import os
import shutil
import tempfile
import unittest
from unittest import mock

from support import PLACES, roy_and_fatima, supported, with_leaders

import orgtrust
from orgtrust import _native


def story():
    """A small model with events of every sort."""
    p = with_leaders()
    p.m.observe(p.roy, p.fatima, "agreement_kept", 1.0)
    p.m.observe(p.fatima, p.roy, "went_beyond", 2.0, magnitude=1.5)
    d = p.m.disrupt(p.roy, p.fatima, "relational", 0.5, 20.0)
    p.m.consult(p.wethouder, p.dijkgraaf, 25.0)
    p.m.repair(d, 30.0)
    return p


class Scenarios(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="orgtrust-test-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def assertSameModel(self, a, b):
        self.assertEqual(a.counts()[:4], b.counts()[:4])
        self.assertEqual(a.digest(), b.digest())

    def test_export_and_load_again(self):
        p = story()
        text = supported(self, p.m.export_scenario)
        self.assertIsInstance(text, str)
        self.assertEqual(json.loads(text)["orgtrust"], 1)
        from_text = supported(self, orgtrust.Model.from_scenario, text)
        self.assertSameModel(from_text, p.m)
        self.assertAlmostEqual(from_text.trust(p.roy, p.fatima), p.m.trust(p.roy, p.fatima), PLACES)
        self.assertSameModel(orgtrust.Model.from_scenario(text.encode("utf-8")), p.m)
        path = os.path.join(self.dir, "story.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        self.assertSameModel(orgtrust.Model.from_scenario(path), p.m)

    def test_a_scenario_by_hand(self):
        text = json.dumps({
            "orgtrust": 1,
            "organisations": [{"id": "G", "name": "Gemeente"}, {"id": "W", "name": "Waterschap"}],
            "actors": [{"id": "roy", "name": "Roy", "org": "G", "layer": 0},
                       {"id": "fatima", "name": "Fatima", "org": "W", "layer": "operational"}],
            "ties": [{"between": ["roy", "fatima"]}],
            "events": [{"t": 1, "observe": "agreement_kept", "truster": "roy", "trustee": "fatima"}],
        })
        m = supported(self, orgtrust.Model.from_scenario, text)
        self.assertAlmostEqual(m.trust(0, 1), 0.525, PLACES)  # 0.5 + 0.05 * 0.5

    def test_malformed(self):
        with self.assertRaises(orgtrust.FormatError) as cm:
            supported(self, orgtrust.Model.from_scenario, '{"orgtrust": 2}')
        self.assertTrue(cm.exception.detail)

    def test_report(self):
        report = supported(self, story().m.report)
        self.assertIsInstance(report, dict)

    def test_picture(self):
        p = roy_and_fatima()
        dot = supported(self, p.m.to_dot)
        self.assertIn("graph", dot)
        self.assertIn("Roy", dot)


class Store(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="orgtrust-test-")
        self.path = os.path.join(self.dir, "trust.db")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def open(self, **kwargs):
        return supported(self, orgtrust.Model.open_store, self.path, **kwargs)

    def test_durable_and_read_only(self):
        with self.open(create=True, gain_rate=0.1) as m:
            g, w = m.add_org("Gemeente"), m.add_org("Waterschap")
            roy, fatima = m.add_actor(g, 0, "Roy"), m.add_actor(w, 0, "Fatima")
            m.add_tie(roy, fatima)
            m.observe(roy, fatima, "agreement_kept", 1.0)
            digest = m.digest()
            m.checkpoint()
        with self.open() as m:
            self.assertEqual(m.digest(), digest)
            self.assertAlmostEqual(m.trust(roy, fatima), 0.55, PLACES)  # 0.5 + 0.1 * 0.5
        with self.open(readonly=True) as m:
            with self.assertRaises(orgtrust.StateError):
                m.observe(roy, fatima, "delivered", 2.0)
            self.assertEqual(m.digest(), digest)

    def test_units(self):
        with self.open(create=True) as m:
            g = m.add_org("Gemeente")
            digest = m.digest()
            m.begin()
            m.add_org("Waterschap")
            m.rollback()
            self.assertEqual(m.digest(), digest)
            with self.assertRaises(RuntimeError):
                with m.transaction():
                    m.add_actor(g, 0, "Roy")
                    raise RuntimeError("changed my mind")
            self.assertEqual(m.digest(), digest)
            with m.transaction():
                m.add_actor(g, 0, "Roy")
            self.assertEqual(m.counts().actors, 1)

    def test_save_store(self):
        m = orgtrust.Model()
        g, w = m.add_org("Gemeente"), m.add_org("Waterschap")
        roy, fatima = m.add_actor(g, 0, "Roy"), m.add_actor(w, 0, "Fatima")
        m.add_tie(roy, fatima)
        m.observe(roy, fatima, "went_beyond", 1.0)
        supported(self, m.save_store, self.path)
        with self.open() as stored:
            self.assertEqual(stored.digest(), m.digest())
            # 0.5 + (1 - 0.95^2) * 0.5 = 0.54875 (WENT_BEYOND weighs 2)
            self.assertAlmostEqual(stored.trust(roy, fatima), 0.54875, PLACES)
        with self.assertRaises(orgtrust.AlreadyExists):
            m.save_store(self.path)
        m.close()

    def test_unbound_model(self):
        m = orgtrust.Model()
        with self.assertRaises(orgtrust.StateError):
            supported(self, m.begin)

    def test_foreign_file(self):
        with open(self.path, "wb") as f:
            f.write(b"this is no store" * 100)
        with self.assertRaises((orgtrust.FormatError, orgtrust.StoreError)):
            self.open()


class Plumbing(unittest.TestCase):
    """The wrappers' own work (choosing the call, handing over text, paths,
    flags and configurations, taking and freeing returned buffers), checked
    with the C functions replaced by stand-ins that record what they got."""

    def setUp(self):
        self.calls = []
        self.keep = []

    def fake_text(self, text):
        def fn(m, text_ref, len_ref):
            buf = ctypes.create_string_buffer(text.encode("utf-8"))
            self.keep.append(buf)
            text_ref._obj.value = ctypes.addressof(buf)
            len_ref._obj.value = len(buf.value)
            return 0
        return fn

    def fake_free(self, p):
        self.calls.append(("free", p.value))

    def fake_open(self, name):
        def fn(*args):
            self.calls.append((name,) + tuple(args[:-1]))
            return _native.lib.ot_model_new(None, args[-1])
        return fn

    def test_returned_text_is_taken_and_freed(self):
        lib = _native.lib
        m = orgtrust.Model()
        with mock.patch.object(lib, "ot_free", self.fake_free):
            for name, method, text, expected in (
                ("ot_scenario_export", m.export_scenario, '{"orgtrust": 1}', '{"orgtrust": 1}'),
                ("ot_report_json", m.report, '{"orgs": [], "t": null}', {"orgs": [], "t": None}),
                ("ot_export_dot", m.to_dot, "graph { Zoë }", "graph { Zoë }"),
            ):
                with mock.patch.object(lib, name, self.fake_text(text)):
                    self.assertEqual(method(), expected)
                self.assertEqual(self.calls[-1], ("free", ctypes.addressof(self.keep[-1])))

    def test_scenario_sources(self):
        lib = _native.lib
        with mock.patch.object(lib, "ot_scenario_load", self.fake_open("text")), \
                mock.patch.object(lib, "ot_scenario_load_file", self.fake_open("file")):
            for source in ('{"orgtrust": 1}', '  \n{"orgtrust": 1}', b'{"orgtrust": 1}', bytearray(b"{}")):
                self.assertIsInstance(orgtrust.Model.from_scenario(source), orgtrust.Model)
                raw = bytes(source) if not isinstance(source, str) else source.encode()
                self.assertEqual(self.calls[-1], ("text", raw, len(raw)))
            orgtrust.Model.from_scenario("runs/story.json")
            self.assertEqual(self.calls[-1], ("file", b"runs/story.json"))
            import pathlib

            orgtrust.Model.from_scenario(pathlib.Path("runs") / "zoë.json")
            self.assertEqual(self.calls[-1], ("file", os.fsencode("runs/zoë.json")))
            with self.assertRaises(orgtrust.InvalidArgument):
                orgtrust.Model.from_scenario("runs/\0.json")
            with self.assertRaises(TypeError):
                orgtrust.Model.from_scenario(None)

    def test_store_arguments(self):
        lib = _native.lib
        with mock.patch.object(lib, "ot_store_open", self.fake_open("store")):
            orgtrust.Model.open_store("trust.db")
            self.assertEqual(self.calls[-1][0:2], ("store", b"trust.db"))
            self.assertFalse(self.calls[-1][2])  # no configuration: NULL
            self.assertEqual(self.calls[-1][3], 0)
            orgtrust.Model.open_store("trust.db", create=True, readonly=True, gain_rate=0.1)
            self.assertTrue(self.calls[-1][2])
            self.assertEqual(self.calls[-1][3], orgtrust.StoreFlags.CREATE | orgtrust.StoreFlags.READONLY)
            with self.assertRaises(TypeError):
                orgtrust.Model.open_store("trust.db", create=True, gain=0.1)


if __name__ == "__main__":
    unittest.main()
