"""observe_many: the same state as observe() one by one, from every form
of rows; a bad row names its index and changes nothing."""

import array
import ctypes
import random
import struct
import unittest

from support import People

import orgtrust

try:
    import numpy
except ImportError:  # numpy is optional
    numpy = None


def network(**params):
    """Two organisations with managers and administrators, so that the
    climate above the operational ties damps gains while rows come in."""
    p = People(**params)
    people = []
    for side in ("g", "w"):
        top = p.person("Top" + side, side, 2)
        mid = p.person("Mid" + side, side, 1, superior=top)
        people.append([top, mid] + [p.person("Op%s%d" % (side, i), side, 0, superior=mid) for i in range(4)])
    ties = []
    for x in people[0]:
        for y in people[1]:
            if (x + y) % 3:
                ties.append(p.m.add_tie(x, y))
    ties.append(p.m.add_tie(people[0][2], people[0][3]))  # an internal tie too
    p.pairs = [p.m.tie_ends(t) for t in ties]
    return p


def random_rows(p, n, seed=2024):
    """Rows over the network's ties: every kind, both directions, magnitudes
    in (0, 10], times that repeat and advance."""
    rnd = random.Random(seed)
    rows = []
    t = 0.0
    for _ in range(n):
        a, b = rnd.choice(p.pairs)
        if rnd.random() < 0.5:
            a, b = b, a
        kind = rnd.choice(list(orgtrust.Kind))
        t += rnd.choice((0.0, 0.0, 0.25, 3.0, 40.0))
        if rnd.random() < 0.3:
            rows.append((a, b, kind, t))
        else:
            rows.append((a, b, kind.label, t, rnd.choice((0.5, 1.0, 2.0, 7.5, 10.0))))
    return rows


def one_by_one(rows):
    p = network()
    for row in rows:
        p.m.observe(*row)
    return p


class SameAsOneByOne(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.probe = network()
        cls.rows = random_rows(cls.probe, 3000)
        cls.expected = one_by_one(cls.rows)
        cls.digest = cls.expected.m.digest()

    def check_form(self, rows):
        p = network()
        self.assertEqual(p.m.observe_many(rows), len(self.rows))
        self.assertEqual(p.m.digest(), self.digest)
        for a, b in self.probe.pairs[:5]:
            self.assertEqual(p.m.trust(a, b), self.expected.m.trust(a, b))
        self.assertEqual(p.m.counts(), self.expected.m.counts())
        p.m.check()

    def test_the_loop_moved_something(self):
        self.assertNotEqual(self.digest, network().m.digest())
        self.assertEqual(self.expected.m.time, self.rows[-1][3])

    def test_list_of_tuples(self):
        self.check_form(self.rows)

    def test_generator(self):
        self.check_form(row for row in self.rows)

    def test_lists_and_enum_members(self):
        self.check_form([[a, b, orgtrust.Kind.coerce(k), *rest] for a, b, k, *rest in self.rows])

    def test_prepared_buffers(self):
        buf = orgtrust.pack_observations(self.rows)
        self.assertIsInstance(buf, bytearray)
        self.assertEqual(len(buf), 32 * len(self.rows))
        self.check_form(buf)
        self.check_form(bytes(buf))
        self.check_form(memoryview(buf))
        self.check_form(memoryview(bytes(buf)))  # read-only: copied once
        self.check_form(array.array("d", bytes(buf)))
        self.check_form((orgtrust.Observation * len(self.rows)).from_buffer_copy(buf))
        shifted = bytearray(4) + buf
        self.check_form(memoryview(shifted)[4:])  # misaligned: copied once

    def test_the_documented_layout(self):
        buf = orgtrust.pack_observations([(3, 4, "went_beyond", 2.5, 0.75)])
        self.assertEqual(struct.unpack("=IIiIdd", buf), (3, 4, 5, 0, 0.75, 2.5))
        self.assertEqual(orgtrust.RECORD.format, "=IIiIdd")
        self.assertEqual(ctypes.sizeof(orgtrust.Observation), 32)
        # A buffer written by hand with struct works as well.
        hand = b"".join(struct.pack("=IIiIdd", a, b, orgtrust.Kind.coerce(k), 0, rest[0] if rest else 1.0, t)
                        for a, b, k, t, *rest in self.rows)
        self.check_form(hand)

    def test_single_rows_and_nothing(self):
        p = network()
        self.assertEqual(p.m.observe_many([]), 0)
        self.assertEqual(p.m.observe_many(b""), 0)
        self.assertEqual(p.m.observe_many(bytearray()), 0)
        self.assertEqual(p.m.digest(), network().m.digest())

    @unittest.skipIf(numpy is None, "numpy is not installed (optional)")
    def test_numpy_structured_arrays(self):
        exact = numpy.frombuffer(orgtrust.pack_observations(self.rows), dtype=orgtrust.observation_dtype())
        self.check_form(exact)
        self.check_form(exact.copy())
        self.check_form(exact[::1])
        loose = numpy.zeros(len(self.rows), dtype=[("t", "f8"), ("kind", "i8"), ("trustee", "i2"),
                                                   ("truster", "u8"), ("magnitude", "f8")])
        for i, row in enumerate(self.rows):
            loose[i] = (row[3], orgtrust.Kind.coerce(row[2]), row[1], row[0], row[4] if len(row) == 5 else 1.0)
        self.check_form(loose)
        strided = numpy.zeros(2 * len(self.rows), dtype=orgtrust.observation_dtype())
        strided[::2] = exact
        self.check_form(strided[::2])

    @unittest.skipIf(numpy is None, "numpy is not installed (optional)")
    def test_numpy_without_magnitude_and_with_names(self):
        rows = [(a, b, k if isinstance(k, str) else k.label, t) for a, b, k, t, *_ in self.rows[:50]]
        arr = numpy.array(rows, dtype=[("truster", "u4"), ("trustee", "u4"), ("kind", "U20"), ("t", "f8")])
        p, q = network(), network()
        p.m.observe_many(arr)
        for row in rows:
            q.m.observe(*row)
        self.assertEqual(p.m.digest(), q.m.digest())


class BadRows(unittest.TestCase):
    def setUp(self):
        self.p = network()
        a, b = self.p.pairs[0]
        self.good = (a, b, "delivered", 1.0)
        self.before = self.p.m.digest()

    def tearDown(self):
        self.assertEqual(self.p.m.digest(), self.before)  # nothing was applied
        self.p.m.check()

    def assertBadRow(self, cls, rows, index, needle=None):
        with self.assertRaises(cls) as cm:
            self.p.m.observe_many(rows)
        self.assertEqual(cm.exception.index, index)
        if needle:
            self.assertIn(needle, str(cm.exception))

    def test_found_by_the_library(self):
        a, b = self.good[:2]
        stranger = self.p.m.add_actor(0, 0, "Stranger")
        self.before = self.p.m.digest()
        rows = [self.good] * 3
        self.assertBadRow(orgtrust.TimeOrder, rows + [(a, b, "delivered", 0.5)], 3, "obs[3]")
        self.assertBadRow(orgtrust.InvalidArgument, rows + [(a, b, 9, 1.0)], 3, "kind = 9")
        self.assertBadRow(orgtrust.InvalidArgument, rows + [(a, b, 1, 1.0, 11.0)], 3, "magnitude")
        self.assertBadRow(orgtrust.InvalidArgument, rows + [(a, b, 1, float("nan"))], 3)
        self.assertBadRow(orgtrust.NotFound, [self.good, (a, stranger, 1, 1.0)], 1, "no tie")
        self.assertBadRow(orgtrust.InvalidArgument, [(a, a, 1, 1.0)], 0, "same actor")

    def test_found_while_packing(self):
        a, b = self.good[:2]
        rows = [self.good] * 2
        self.assertBadRow(orgtrust.InvalidArgument, rows + [(-1, b, 1, 1.0)], 2, "truster = -1")
        self.assertBadRow(orgtrust.InvalidArgument, rows + [(a, 2**32, 1, 1.0)], 2, "trustee")
        self.assertBadRow(orgtrust.InvalidArgument, rows + [(a, 1.5, 1, 1.0)], 2, "trustee must be an id")
        self.assertBadRow(orgtrust.InvalidArgument, rows + [(a, b, "agreed", 1.0)], 2, "agreed")
        self.assertBadRow(orgtrust.InvalidArgument, rows + [(a, b, 1, "soon")], 2, "t must be a number")
        self.assertBadRow(orgtrust.InvalidArgument, rows + [(a, b, 1, 10**400)], 2, "t = ")
        self.assertBadRow(orgtrust.InvalidArgument, rows + [(a, b, 1)], 2, "4 or 5 fields")
        self.assertBadRow(orgtrust.InvalidArgument, rows + [7], 2, "must be a tuple")
        self.assertBadRow(orgtrust.InvalidArgument, "abc", 0)
        with self.assertRaises(TypeError):
            self.p.m.observe_many(None)
        with self.assertRaises(TypeError):
            self.p.m.observe_many(12)

    def test_bad_buffers(self):
        buf = orgtrust.pack_observations([self.good] * 3)
        with self.assertRaises(orgtrust.InvalidArgument) as cm:
            self.p.m.observe_many(buf[:-1])
        self.assertIn("32-byte", str(cm.exception))
        struct.pack_into("=I", buf, 32 * 2 + 12, 7)  # reserved must be 0
        self.assertBadRow(orgtrust.InvalidArgument, buf, 2, "reserved")
        self.assertBadRow(orgtrust.InvalidArgument, bytes(64) + bytes(buf[64:]), 0)

    def test_no_index_when_no_row_is_to_blame(self):
        # Out of memory, or a store that refuses the batch: the library
        # returns the status without writing `applied`. A stand-in does that
        # here, through the real errcheck.
        from unittest import mock

        from orgtrust import _model, _native

        def refuse(*args):
            return _native._batch_status(-2, _native.lib.ot_observe_batch, args)

        with mock.patch.object(_model, "_observe_batch", refuse):
            with self.assertRaises(orgtrust.OutOfMemory) as cm:
                self.p.m.observe_many([self.good])
        self.assertIsNone(cm.exception.index)

    @unittest.skipIf(numpy is None, "numpy is not installed (optional)")
    def test_bad_numpy(self):
        a, b = self.good[:2]
        dt = [("truster", "i8"), ("trustee", "i8"), ("kind", "i8"), ("t", "f8")]
        self.assertBadRow(orgtrust.InvalidArgument, numpy.array([(a, b, 3, 1.0), (-1, b, 3, 1.0)], dtype=dt), 1)
        self.assertBadRow(orgtrust.InvalidArgument, numpy.array([(a, b, 2**33 + 3, 1.0)], dtype=dt), 0)
        self.assertBadRow(orgtrust.TimeOrder, numpy.array([(a, b, 3, 2.0), (a, b, 3, 1.0)], dtype=dt), 1)
        with self.assertRaises(orgtrust.InvalidArgument):
            self.p.m.observe_many(numpy.zeros((3, 4)))
        with self.assertRaises(orgtrust.InvalidArgument):
            self.p.m.observe_many(numpy.zeros(3, dtype=[("truster", "u4"), ("t", "f8")]))
        with self.assertRaises(orgtrust.InvalidArgument):
            self.p.m.observe_many(numpy.zeros(3, dtype=[("truster", "f8"), ("trustee", "u4"), ("kind", "i4"),
                                                        ("t", "f8")]))
        with self.assertRaises(orgtrust.InvalidArgument):
            self.p.m.observe_many(numpy.zeros((2, 2), dtype=orgtrust.observation_dtype()))


if __name__ == "__main__":
    unittest.main()
