"""Helpers shared by the Python tests: the cast of the seed stories and a
way to test the features a build may leave out (JSON, the store)."""

import os
import sys
import unittest

# Run from anywhere: the package sits one directory up. With
# ORGTRUST_TEST_INSTALLED=1 (tests/run_installed.py) the tests use the copy
# pip installed instead, and make sure that is the one they got.
HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.path.dirname(HERE)
CHECKOUT = os.path.dirname(os.path.dirname(SOURCE_ROOT))
INSTALLED = os.environ.get("ORGTRUST_TEST_INSTALLED") == "1"
if not INSTALLED and SOURCE_ROOT not in sys.path:
    sys.path.insert(0, SOURCE_ROOT)

import orgtrust  # noqa: E402

# Where the package under test sits (the source tree, or site-packages).
PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(orgtrust.__file__)))
if INSTALLED and PACKAGE_ROOT == SOURCE_ROOT:
    raise ImportError("ORGTRUST_TEST_INSTALLED=1, but orgtrust was imported from the source tree %s" % SOURCE_ROOT)

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
    """fn(*args), or skip the test when this liborgtrust was built without the
    feature (ORGTRUST_WITH_JANSSON=OFF, ORGTRUST_WITH_SQLITE=OFF: the library
    answers OT_ENOTSUP saying so). Any other NotSupported is a failure: every
    function of 1.0 is built."""
    try:
        return fn(*args, **kwargs)
    except orgtrust.NotSupported as e:
        if "was built without" in str(e):
            raise unittest.SkipTest("this liborgtrust was built without the feature: %s" % e) from None
        raise
