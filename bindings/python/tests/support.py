"""Helpers shared by the Python tests: the cast of the seed stories and a
way to test functions other engineers are still building."""

import os
import sys
import unittest

# Run from anywhere: the package sits one directory up.
HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE_ROOT = os.path.dirname(HERE)
CHECKOUT = os.path.dirname(os.path.dirname(PACKAGE_ROOT))
if PACKAGE_ROOT not in sys.path:
    sys.path.insert(0, PACKAGE_ROOT)

import orgtrust  # noqa: E402

# Numbers are worked out by hand; the library's arithmetic may differ from
# the hand's in the last bit or two.
PLACES = 12


class People:
    """The gemeente and the waterschap, with whoever a story needs.

    Layers: 0 operational, 1 managerial, 2 administrative.
    """

    def __init__(self, model=None, **params):
        self.m = model if model is not None else orgtrust.Model(**params)
        self.g = self.m.add_org("Gemeente")
        self.w = self.m.add_org("Waterschap")

    def person(self, name, side, layer=0, superior=None, propensity=None):
        org = self.g if side == "g" else self.w
        actor = self.m.add_actor(org, layer, name, superior=superior, propensity=propensity)
        setattr(self, name.lower(), actor)
        return actor


def roy_and_fatima(**params):
    """Roy (gemeente) and Fatima (waterschap), both operational, one tie."""
    p = People(**params)
    p.person("Roy", "g")
    p.person("Fatima", "w")
    p.tie = p.m.add_tie(p.roy, p.fatima)
    return p


def with_leaders(**params):
    """Roy and Fatima with their administrators: the wethouder (gemeente)
    and the dijkgraaf (waterschap) share a tie at the administrative layer."""
    p = roy_and_fatima(**params)
    p.person("Wethouder", "g", 2)
    p.person("Dijkgraaf", "w", 2)
    p.top = p.m.add_tie(p.wethouder, p.dijkgraaf)
    return p


def supported(test, fn, *args, **kwargs):
    """fn(*args) or, while this liborgtrust does not support it yet, skip the
    test: the test starts checking the result once the function lands."""
    try:
        return fn(*args, **kwargs)
    except orgtrust.NotSupported as e:
        raise unittest.SkipTest("not supported by this liborgtrust yet: %s" % e) from None
