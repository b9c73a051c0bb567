"""orgtrust: trust between organisations, from Python.

A pure-Python binding (ctypes, standard library only; numpy optional) of
liborgtrust, the C reference model of trust between organisations::

    import orgtrust

    with orgtrust.Model() as m:
        g, w = m.add_org("Gemeente"), m.add_org("Waterschap")
        roy = m.add_actor(g, "operational", "Roy")
        fatima = m.add_actor(w, 0, "Fatima")
        m.add_tie(roy, fatima)
        m.observe(roy, fatima, "agreement_kept", t=1.0)
        m.trust(roy, fatima)            # 0.5 + 0.05 * 0.5 = 0.525

See ``Model`` for the API, ``_native`` for how the library is found
(``ORGTRUST_LIBRARY`` first), and ``pack_observations`` for the buffer
format of ``Model.observe_many``.

The research workbench (docs/python.md of the source tree): ``Model.frames()``
(pandas), ``orgtrust.sim`` (a simulator of collaborations; numpy),
``orgtrust.sweep`` (parameter sweeps, serially, on processes or on Dask) and
``orgtrust.plot`` (matplotlib). Each needs its library only when used.
"""

from . import _enums, _errors
from ._errors import *  # noqa: F401,F403 (the names of _errors.__all__)
from ._enums import *  # noqa: F401,F403 (the names of _enums.__all__)
from ._native import EXPECTED_MAJOR, Observation, library_version
from ._native import path as library_path
from ._batch import RECORD, observation_dtype, pack_observations
from ._model import Counts, Disruption, Level, Model, Opinion, Step, store_verify
from . import sl
from ._frames import Frames
from ._sweep import sweep, sweep_seed
from ._words import Term, say, term, terms

# The version of the library loaded (ot_version()): the package is built
# with the same number (setup.py reads it from the header it returns).
__version__ = library_version

__all__ = [
    "Model",
    "Step",
    "Opinion",
    "Counts",
    "Disruption",
    "store_verify",
    "Level",
    "Frames",
    "sweep",
    "sweep_seed",
    "pack_observations",
    "observation_dtype",
    "Observation",
    "RECORD",
    "library_version",
    "library_path",
    "EXPECTED_MAJOR",
    "sl",
    "Term",
    "terms",
    "term",
    "say",
] + _errors.__all__ + _enums.__all__

# Show the public names where users meet them: orgtrust.NotFound, not
# orgtrust._errors.NotFound.
for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type):
        _obj.__module__ = __name__
del _name, _obj


def __getattr__(name):
    # orgtrust.sim and orgtrust.plot (numpy, matplotlib) load when first used.
    if name in ("sim", "plot"):
        import importlib

        return importlib.import_module("." + name, __name__)
    raise AttributeError("module %r has no attribute %r" % (__name__, name))
