"""The vocabulary of the reports (``ot_term_info``, docs/report.md): every
term the report, the history and the command line show, in the library's
one table, so Python says the same thing in the same words."""

import collections
import ctypes

from . import _native
from ._errors import NotFound

Term = collections.namedtuple("Term", "key term plain definition")
Term.__doc__ = """A term of the vocabulary: its key (the report's JSON key, or
``field.value`` for a value, e.g. ``"cooperation_basis.at_risk"``), the
model's term, the plain words a director understands, and a definition for
a glossary (what it means, its range, the section of docs/model.md)."""


def _info(i):
    out = [ctypes.c_char_p() for _ in range(4)]
    _native.lib.ot_term_info(i, *(ctypes.byref(x) for x in out))
    return Term(*(x.value.decode("utf-8") for x in out))


def terms():
    """Every term of the vocabulary, in the library's order (a list of Term)."""
    out, i = [], 0
    while True:
        try:
            out.append(_info(i))
        except NotFound:
            return out
        i += 1


def _index(key):
    i = ctypes.c_uint()
    _native.lib.ot_term_find(key.encode("utf-8"), ctypes.byref(i))
    return i.value


def term(key):
    """The Term with this key; NotFound when there is none."""
    return _info(_index(key))


def say(key, **slots):
    """The plain words of a term said about names (``ot_term_fill``):
    ``say("standing", org="Gemeente", actor="Henk")`` gives
    ``"how far Gemeente trusts Henk"``. InvalidArgument names a slot the
    phrase needs and was not given."""
    i = _index(key)
    flat = []
    for name, value in slots.items():
        flat += [name.encode("utf-8"), str(value).encode("utf-8")]
    arr = (ctypes.c_char_p * max(1, len(flat)))(*flat)
    n = ctypes.c_size_t()
    _native.lib.ot_term_fill(i, arr, len(slots), None, 0, ctypes.byref(n))
    buf = ctypes.create_string_buffer(n.value + 1)
    _native.lib.ot_term_fill(i, arr, len(slots), buf, len(buf), None)
    return buf.value.decode("utf-8")
