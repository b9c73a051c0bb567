"""Subjective-logic operators on binomial opinions (docs/model.md section 15).

Pure functions over the C library's ``ot_sl_projected``, ``ot_sl_discount``
and ``ot_sl_fuse``: they touch no model.  An opinion is an
``orgtrust.Opinion`` (belief, disbelief, uncertainty, base_rate), as
``Model.opinion`` returns it, or any sequence of those four numbers.
Results are ``orgtrust.Opinion``.  An opinion off the simplex (a component
outside [0, 1], NaN, or belief + disbelief + uncertainty further than 1e-9
from 1) raises ``orgtrust.InvalidArgument`` with the library's message,
which names the argument, its index and the value.

    >>> from orgtrust import sl
    >>> sl.discount((0.3, 0.0, 0.7, 0.9), (1.0, 0.0, 0.0, 0.1))
    Opinion(belief=0.93, disbelief=0.0, uncertainty=0.07..., base_rate=0.1)
"""

import ctypes
import operator

from . import _native
from ._enums import FuseRule
from ._model import Opinion

__all__ = ["projected", "discount", "fuse", "FuseRule"]

_lib = _native.lib
_byref = ctypes.byref


def _opinion(w, arg):
    """The ot_sl_opinion of a 4-sequence; the library validates the values."""
    try:
        b, d, u, a = w
    except (TypeError, ValueError):
        raise TypeError("%s must be an Opinion or a sequence (belief, disbelief, uncertainty, base_rate), not %r"
                        % (arg, w)) from None
    try:
        return _native.SlOpinion(float(b), float(d), float(u), float(a))
    except (TypeError, ValueError):
        raise TypeError("%s must hold four numbers, not %r" % (arg, w)) from None


def _result(c):
    return Opinion(c.b, c.d, c.u, c.a)


def projected(w):
    """The projected probability b + a * u of an opinion (a float in [0, 1])."""
    p = ctypes.c_double()
    _lib.ot_sl_projected(_byref(_opinion(w, "w")), _byref(p))
    return p.value


def discount(trust, advice):
    """Probability-sensitive trust discounting: A's opinion about an
    advisor B (``trust``) and B's opinion about X (``advice``) give A's
    derived opinion about X; its belief and disbelief are the advice's times
    the projected probability of ``trust``."""
    out = _native.SlOpinion()
    _lib.ot_sl_discount(_byref(_opinion(trust, "trust")), _byref(_opinion(advice, "advice")), _byref(out))
    return _result(out)


def fuse(opinions, rule="cumulative"):
    """Fuse opinions about the same proposition with one n-source operator.

    ``rule`` is a ``FuseRule``, its value or its name: ``"cumulative"``
    (independent sources, evidence added), ``"averaging"`` (dependent
    sources) or ``"weighted"`` (averaging weighted by confidence).  At
    least one opinion; one is returned as given.  Dogmatic (uncertainty 0)
    and vacuous (uncertainty 1) sources follow docs/model.md section 15.
    """
    rule = FuseRule.coerce(rule, "rule")
    ws = list(opinions)
    arr = (_native.SlOpinion * max(len(ws), 1))()
    for i, w in enumerate(ws):
        arr[i] = _opinion(w, "opinions[%d]" % i)
    out = _native.SlOpinion()
    _lib.ot_sl_fuse(arr, len(ws), operator.index(rule), _byref(out))
    return _result(out)
