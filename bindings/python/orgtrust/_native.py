"""Loading liborgtrust and declaring every C function it exports.

The library is looked for, in order:

1. the file named by the ``ORGTRUST_LIBRARY`` environment variable (when it
   is set, it is the only place tried: a wrong path is an error, not a
   reason to pick up some other copy);
2. next to the package: ``orgtrust/liborgtrust.so.1`` (a bundled copy);
3. the library directory CMake installed the package beside
   (``cmake --install`` of the ``python`` component records it in
   ``orgtrust/_libdir.py``);
4. ``build/liborgtrust.so.1`` of the source checkout the package sits in
   (``bindings/python/orgtrust`` -> ``../../../build``);
5. pkg-config's ``libdir`` of ``orgtrust`` (``pkg-config --variable=libdir
   orgtrust``: with ``PKG_CONFIG_PATH`` this finds an installation in a
   prefix of your own);
6. ``ctypes.util.find_library("orgtrust")`` (an installed library that the
   dynamic loader's cache knows);
7. ``liborgtrust.so.1`` through the dynamic loader's own search
   (``LD_LIBRARY_PATH``).

The first that loads wins; when none does, ImportError lists every place
tried and why it failed.

``FUNCTIONS`` is the one table of the C API: for every exported ``ot_*``
function its argument types, its result type and its ``errcheck``, which
turns a negative status into the exception of ``_errors`` with the text of
``ot_last_error()``.  A symbol the table names but the library lacks, or a
library of another major version, is an ImportError.

The library is loaded as a ``ctypes.PyDLL``: calls keep the GIL.  A model is
not safe for concurrent calls in C; holding the GIL serialises them (and
``ModelHandle`` keeps a model alive while a call uses it).  Use processes to
run models in parallel.
"""

import ctypes
import ctypes.util
import os
import shutil
import subprocess

from ._errors import error_for_status

EXPECTED_MAJOR = 1

OT_NONE = 0xFFFFFFFF

# ---- types -----------------------------------------------------------------


class OtModel(ctypes.Structure):
    """``ot_model`` (opaque)."""


class OtConfig(ctypes.Structure):
    """``ot_config`` (opaque)."""


class Observation(ctypes.Structure):
    """``ot_observation`` (frozen, 32 bytes)."""

    _fields_ = [
        ("truster", ctypes.c_uint32),
        ("trustee", ctypes.c_uint32),
        ("kind", ctypes.c_int32),
        ("reserved", ctypes.c_uint32),
        ("magnitude", ctypes.c_double),
        ("t", ctypes.c_double),
    ]


class EscalationStep(ctypes.Structure):
    """``ot_escalation_step`` (frozen, 20 bytes)."""

    _fields_ = [
        ("layer", ctypes.c_uint32),
        ("x", ctypes.c_uint32),
        ("y", ctypes.c_uint32),
        ("status", ctypes.c_int32),
        ("reason", ctypes.c_int32),
    ]


class SlOpinion(ctypes.Structure):
    """``ot_sl_opinion`` (frozen, 32 bytes)."""

    _fields_ = [
        ("b", ctypes.c_double),
        ("d", ctypes.c_double),
        ("u", ctypes.c_double),
        ("a", ctypes.c_double),
    ]


class Probe(ctypes.Structure):
    """``ot_probe`` (frozen, 24 bytes)."""

    _fields_ = [
        ("what", ctypes.c_int32),
        ("layer", ctypes.c_uint32),
        ("a", ctypes.c_uint32),
        ("b", ctypes.c_uint32),
        ("c", ctypes.c_uint32),
        ("reserved", ctypes.c_uint32),
    ]


assert ctypes.sizeof(Observation) == 32
assert ctypes.sizeof(Probe) == 24
assert ctypes.sizeof(EscalationStep) == 20
assert ctypes.sizeof(SlOpinion) == 32

MODEL_P = ctypes.POINTER(OtModel)
CONFIG_P = ctypes.POINTER(OtConfig)


class ModelHandle(MODEL_P):
    """An ``ot_model *`` that a Model owns. Model methods hold it in a local
    variable for the length of a C call, and the model is freed when the
    last reference goes (see Model.close), so a model closed by one thread
    while another is inside a call is freed only after that call."""

    _type_ = OtModel


MODEL_PP = ctypes.POINTER(MODEL_P)
CONFIG_PP = ctypes.POINTER(CONFIG_P)
OBS_P = ctypes.POINTER(Observation)
STEP_P = ctypes.POINTER(EscalationStep)
SLOP_P = ctypes.POINTER(SlOpinion)
PROBE_P = ctypes.POINTER(Probe)

c_int = ctypes.c_int
c_uint = ctypes.c_uint
c_double = ctypes.c_double
c_size_t = ctypes.c_size_t
c_char_p = ctypes.c_char_p
c_void_p = ctypes.c_void_p
ot_id = ctypes.c_uint32
P_int = ctypes.POINTER(ctypes.c_int)
P_uint = ctypes.POINTER(ctypes.c_uint)
P_id = ctypes.POINTER(ctypes.c_uint32)
P_double = ctypes.POINTER(ctypes.c_double)
P_size = ctypes.POINTER(ctypes.c_size_t)
P_u64 = ctypes.POINTER(ctypes.c_uint64)
P_char_p = ctypes.POINTER(ctypes.c_char_p)
P_owned = ctypes.POINTER(c_void_p)  # a buffer the caller releases with ot_free

MALLOC_FN = ctypes.CFUNCTYPE(c_void_p, c_size_t)
REALLOC_FN = ctypes.CFUNCTYPE(c_void_p, c_void_p, c_size_t)
FREE_FN = ctypes.CFUNCTYPE(None, c_void_p)

def pointer_value(p):
    """The address a ctypes pointer (or c_char_p) holds, as an int or None.
    (ctypes.cast would do, but it makes the pointer refer to itself, so the
    pointer would live until the cyclic garbage collector runs.)"""
    return c_void_p.from_address(ctypes.addressof(p)).value


# ---- errcheck ----------------------------------------------------------------

_last_error = None  # ot_last_error, bound once the library is loaded


def last_error():
    """The library's message for the last failing call on this thread."""
    raw = _last_error()
    return raw.decode("utf-8", "replace") if raw else ""


def _status(rc, func, args):
    """errcheck of every int-returning function: a negative status raises."""
    if rc < 0:
        raise error_for_status(rc, last_error() or "%s failed with status %d" % (func.__name__, rc))
    return rc


def _static_text(raw, func, args):
    """errcheck of the functions returning a static string (never NULL)."""
    return raw.decode("utf-8", "replace") if raw is not None else ""


def _owned_name(raw, func, args):
    """errcheck of the name getters: NULL means the id is unknown."""
    if raw is None:
        raise error_for_status(-3, "%s: %d is not known to the model" % (func.__name__, args[1]))
    return raw.decode("utf-8", "replace")


def _maybe_text(raw, func, args):
    """errcheck of the text getters: NULL means there is none (None)."""
    return raw.decode("utf-8", "replace") if raw is not None else None


def _void(result, func, args):
    """errcheck of the functions returning nothing."""
    return None


# ---- the table -----------------------------------------------------------------

# name: (argtypes, restype, errcheck). Every function of include/orgtrust.h,
# in the header's order.
FUNCTIONS = {
    # version and errors
    "ot_version": ((), c_char_p, _static_text),
    "ot_version_number": ((), c_int, _status),
    "ot_strerror": ((c_int,), c_char_p, _static_text),
    "ot_last_error": ((), c_char_p, _static_text),
    "ot_free": ((c_void_p,), None, _void),
    # memory
    "ot_set_allocator": ((MALLOC_FN, REALLOC_FN, FREE_FN), c_int, _status),
    # configuration
    "ot_config_new": ((CONFIG_PP,), c_int, _status),
    "ot_config_free": ((CONFIG_P,), None, _void),
    "ot_config_set": ((CONFIG_P, c_int, c_double), c_int, _status),
    "ot_config_get": ((CONFIG_P, c_int, P_double), c_int, _status),
    "ot_config_set_layers": ((CONFIG_P, c_uint, P_char_p), c_int, _status),
    # model and structure
    "ot_model_new": ((CONFIG_P, MODEL_PP), c_int, _status),
    "ot_model_free": ((MODEL_P,), None, _void),
    "ot_model_param": ((MODEL_P, c_int, P_double), c_int, _status),
    "ot_model_layers": ((MODEL_P, P_uint), c_int, _status),
    "ot_layer_name": ((MODEL_P, c_uint), c_char_p, _owned_name),
    "ot_model_count": ((MODEL_P, c_int, P_size), c_int, _status),
    "ot_model_time": ((MODEL_P, P_double), c_int, _status),
    "ot_model_digest": ((MODEL_P, P_u64), c_int, _status),
    "ot_model_check": ((MODEL_P,), c_int, _status),
    "ot_org_add": ((MODEL_P, c_char_p, ot_id, P_id), c_int, _status),
    "ot_actor_add": ((MODEL_P, ot_id, c_uint, ot_id, c_char_p, P_id), c_int, _status),
    "ot_actor_set_superior": ((MODEL_P, ot_id, ot_id), c_int, _status),
    "ot_actor_set_propensity": ((MODEL_P, ot_id, c_double), c_int, _status),
    "ot_tie_add": ((MODEL_P, ot_id, ot_id, P_id), c_int, _status),
    "ot_tie_find": ((MODEL_P, ot_id, ot_id, P_id), c_int, _status),
    "ot_tie_set": ((MODEL_P, ot_id, c_int, c_double), c_int, _status),
    "ot_tie_get": ((MODEL_P, ot_id, c_int, P_double), c_int, _status),
    "ot_tie_ends": ((MODEL_P, ot_id, P_id, P_id), c_int, _status),
    "ot_tie_class": ((MODEL_P, ot_id, P_int), c_int, _status),
    "ot_org_name": ((MODEL_P, ot_id), c_char_p, _owned_name),
    "ot_org_parent": ((MODEL_P, ot_id, P_id), c_int, _status),
    "ot_actor_name": ((MODEL_P, ot_id), c_char_p, _owned_name),
    "ot_actor_org": ((MODEL_P, ot_id, P_id), c_int, _status),
    "ot_actor_layer": ((MODEL_P, ot_id, P_uint), c_int, _status),
    "ot_actor_superior": ((MODEL_P, ot_id, P_id), c_int, _status),
    "ot_actor_propensity": ((MODEL_P, ot_id, P_double), c_int, _status),
    # events
    "ot_observe": ((MODEL_P, ot_id, ot_id, c_int, c_double, c_double), c_int, _status),
    "ot_observe_batch": ((MODEL_P, OBS_P, c_size_t, P_size), c_int, None),  # errcheck set below
    "ot_disrupt": ((MODEL_P, ot_id, ot_id, c_int, c_double, c_int, c_double, P_id), c_int, _status),
    "ot_repair": ((MODEL_P, ot_id, c_double), c_int, _status),
    "ot_escalate": ((MODEL_P, ot_id, c_int, c_double, P_int, P_uint), c_int, _status),
    "ot_consult": ((MODEL_P, ot_id, ot_id, ot_id, ot_id, c_double), c_int, _status),
    "ot_impose_general_rule": ((MODEL_P, ot_id, c_double), c_int, _status),
    "ot_disruption_status": ((MODEL_P, ot_id, P_int), c_int, _status),
    "ot_disruption_tie": ((MODEL_P, ot_id, P_id), c_int, _status),
    "ot_disruption_surfaced": ((MODEL_P, ot_id, P_int, P_double), c_int, _status),
    "ot_disruption_failed_escalation": ((MODEL_P, ot_id, P_int), c_int, _status),
    "ot_disruption_detail": ((MODEL_P, ot_id, P_id, P_int, P_double, P_double, P_double), c_int, _status),
    # scars, responses and revealed truth (1.1)
    "ot_scars": ((MODEL_P, ot_id, ot_id, P_double, P_double), c_int, _status),
    "ot_ceiling": ((MODEL_P, ot_id, ot_id, P_double), c_int, _status),
    "ot_respond": ((MODEL_P, ot_id, c_int, c_double), c_int, _status),
    "ot_reveal": ((MODEL_P, ot_id, c_int, c_double), c_int, _status),
    "ot_disruption_response": ((MODEL_P, ot_id, P_int), c_int, _status),
    "ot_disruption_revealed": ((MODEL_P, ot_id, P_int, P_int), c_int, _status),
    # queries
    "ot_trust": ((MODEL_P, ot_id, ot_id, P_double), c_int, _status),
    "ot_trustworthiness": ((MODEL_P, ot_id, ot_id, P_double), c_int, _status),
    "ot_expectation": ((MODEL_P, ot_id, ot_id, c_int, P_double), c_int, _status),
    "ot_opinion": ((MODEL_P, ot_id, ot_id, P_double, P_double, P_double, P_double), c_int, _status),
    "ot_effective_trust": ((MODEL_P, ot_id, ot_id, P_double, P_int), c_int, _status),
    "ot_reputation": ((MODEL_P, ot_id, ot_id, ot_id, P_double), c_int, _status),
    "ot_backing": ((MODEL_P, ot_id, ot_id, P_double), c_int, _status),
    "ot_layer_trust": ((MODEL_P, ot_id, ot_id, c_uint, P_double), c_int, _status),
    "ot_damping": ((MODEL_P, ot_id, ot_id, P_double), c_int, _status),
    "ot_bridge_gap": ((MODEL_P, ot_id, ot_id, P_double, P_int), c_int, _status),
    "ot_standing": ((MODEL_P, ot_id, P_double), c_int, _status),
    "ot_dark_side": ((MODEL_P, ot_id, ot_id, P_int), c_int, _status),
    "ot_cooperation_basis": ((MODEL_P, ot_id, ot_id, P_int), c_int, _status),
    "ot_escalation_path": ((MODEL_P, ot_id, STEP_P, c_size_t, P_size), c_int, _status),
    "ot_hazards": ((MODEL_P, ot_id, ot_id, P_id, c_size_t, P_size), c_int, _status),
    # scenarios, export and pictures
    "ot_scenario_load": ((c_char_p, c_size_t, MODEL_PP), c_int, _status),
    "ot_scenario_load_file": ((c_char_p, MODEL_PP), c_int, _status),
    "ot_scenario_export": ((MODEL_P, P_owned, P_size), c_int, _status),
    "ot_report_json": ((MODEL_P, P_owned, P_size), c_int, _status),
    "ot_export_dot": ((MODEL_P, P_owned, P_size), c_int, _status),
    # persistence
    "ot_store_open": ((c_char_p, CONFIG_P, c_int, MODEL_PP), c_int, _status),
    "ot_store_begin": ((MODEL_P,), c_int, _status),
    "ot_store_commit": ((MODEL_P,), c_int, _status),
    "ot_store_rollback": ((MODEL_P,), c_int, _status),
    "ot_store_checkpoint": ((MODEL_P,), c_int, _status),
    "ot_store_save": ((MODEL_P, c_char_p), c_int, _status),
    # parameters and their description (1.1)
    "ot_param_info": ((c_int, P_char_p, P_double, P_double, P_double), c_int, _status),
    # the vocabulary of the reports (1.1)
    "ot_term_info": ((c_uint, P_char_p, P_char_p, P_char_p, P_char_p), c_int, _status),
    "ot_term_find": ((c_char_p, P_uint), c_int, _status),
    "ot_term_fill": ((c_uint, P_char_p, c_size_t, c_char_p, c_size_t, P_size), c_int, _status),
    # subjective-logic operators (1.1)
    "ot_sl_projected": ((SLOP_P, P_double), c_int, _status),
    "ot_sl_discount": ((SLOP_P, SLOP_P, SLOP_P), c_int, _status),
    "ot_sl_fuse": ((SLOP_P, c_size_t, c_int, SLOP_P), c_int, _status),
    "ot_network_opinion": ((MODEL_P, ot_id, ot_id, SLOP_P), c_int, _status),
    # the checked history (1.1)
    "ot_store_verify": ((c_char_p,), c_int, _status),
    "ot_store_verify_report": ((c_char_p, P_owned, P_size), c_int, _status),
    "ot_store_backup": ((MODEL_P, c_char_p), c_int, _status),
    # trust over time (1.1)
    "ot_model_at": ((MODEL_P, c_double, MODEL_PP), c_int, _status),
    "ot_timeline": ((MODEL_P, PROBE_P, c_size_t, P_double, c_size_t, P_double), c_int, _status),
    "ot_history_json": ((MODEL_P, P_owned, P_size), c_int, _status),
    # people come and go, and the escalation ladder (1.1)
    "ot_tie_end": ((MODEL_P, ot_id, c_double), c_int, _status),
    "ot_tie_active": ((MODEL_P, ot_id, P_int), c_int, _status),
    "ot_actor_leave": ((MODEL_P, ot_id, c_double), c_int, _status),
    "ot_actor_active": ((MODEL_P, ot_id, P_int), c_int, _status),
    "ot_actor_move": ((MODEL_P, ot_id, ot_id, c_uint, ot_id, c_double), c_int, _status),
    "ot_advance": ((MODEL_P, c_double), c_int, _status),
    "ot_config_set_timeboxes": ((CONFIG_P, c_uint, P_double), c_int, _status),
    "ot_model_timebox": ((MODEL_P, c_uint, P_double), c_int, _status),
    "ot_refer": ((MODEL_P, ot_id, c_int, c_double), c_int, _status),
    "ot_resolve": ((MODEL_P, ot_id, c_double, P_int), c_int, _status),
    "ot_disruption_level": ((MODEL_P, ot_id, P_uint, P_id, P_id, P_double), c_int, _status),
    "ot_disruption_due": ((MODEL_P, ot_id, P_double), c_int, _status),
    "ot_disruption_freshness": ((MODEL_P, ot_id, P_double), c_int, _status),
    "ot_disruptions": ((MODEL_P, c_int, P_id, c_size_t, P_size), c_int, _status),
    "ot_next_due": ((MODEL_P, P_double, P_id), c_int, _status),
    "ot_disruption_advice": ((MODEL_P, ot_id, P_int, STEP_P), c_int, _status),
    "ot_model_set_description": ((MODEL_P, c_char_p), c_int, _status),
    "ot_model_description": ((MODEL_P,), c_char_p, _maybe_text),
    "ot_note": ((MODEL_P, c_char_p), c_int, _status),
    "ot_disruption_set_label": ((MODEL_P, ot_id, c_char_p), c_int, _status),
    "ot_disruption_label": ((MODEL_P, ot_id), c_char_p, _maybe_text),
    "ot_model_set_epoch": ((MODEL_P, c_char_p), c_int, _status),
    "ot_model_epoch": ((MODEL_P,), c_char_p, _maybe_text),
    "ot_model_date": ((MODEL_P, c_double, c_char_p, c_size_t), c_int, _status),
    "ot_model_day": ((MODEL_P, c_char_p, P_double), c_int, _status),
}


NOT_WRITTEN = 2**64 - 1  # what Model.observe_many puts in `applied` first


def _batch_status(rc, func, args):
    """errcheck of ot_observe_batch: the error names the first bad row.
    The library writes `applied` on a validation failure only; after an
    out-of-memory or a store failure no row is to blame."""
    if rc < 0:
        index = getattr(args[3], "value", None)  # the c_size_t passed as `applied`
        if index == NOT_WRITTEN:
            index = None
        raise error_for_status(rc, last_error() or "ot_observe_batch failed with status %d" % rc, index)
    return rc


FUNCTIONS["ot_observe_batch"] = FUNCTIONS["ot_observe_batch"][:2] + (_batch_status,)

# ---- loading ------------------------------------------------------------------

SONAME = "liborgtrust.so.1"


def _candidates():
    """(where, what to dlopen or None, explicit) in the order of the module
    docstring; None: that way found nothing."""
    env = os.environ.get("ORGTRUST_LIBRARY")
    if env:
        return [("ORGTRUST_LIBRARY", env)], True
    here = os.path.dirname(os.path.abspath(__file__))
    checkout = os.path.dirname(os.path.dirname(os.path.dirname(here)))
    places = [("next to the package", os.path.join(here, SONAME))]
    installed = _installed_libdir()
    if installed:
        places.append(("where CMake installed it", os.path.join(installed, SONAME)))
    places += [
        ("build tree of this checkout", os.path.join(checkout, "build", SONAME)),
        ("pkg-config's libdir of orgtrust", _pkg_config_libdir()),
        ("ctypes.util.find_library('orgtrust')", ctypes.util.find_library("orgtrust")),
        ("the dynamic loader's search path", SONAME),
    ]
    return places, False


def _installed_libdir():
    """The libdir that ``cmake --install`` wrote into ``_libdir.py``, or None."""
    try:
        from ._libdir import LIBDIR
    except ImportError:
        return None
    return LIBDIR


def _pkg_config_libdir():
    """liborgtrust.so.1 in pkg-config's libdir of orgtrust; None when
    pkg-config is missing or knows no orgtrust."""
    exe = shutil.which("pkg-config")
    if exe is None:
        return None
    try:
        r = subprocess.run([exe, "--variable=libdir", "orgtrust"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    libdir = r.stdout.strip()
    return os.path.join(libdir, SONAME) if r.returncode == 0 and libdir else None


def _open():
    places, explicit = _candidates()
    tried = []
    for where, path in places:
        if path is None:
            tried.append("%s: found nothing" % where)
        elif os.sep in path and not os.path.exists(path):
            tried.append("%s: %s does not exist" % (where, path))
        else:
            try:
                return ctypes.PyDLL(path), path
            except OSError as e:
                tried.append("%s: %s: %s" % (where, path, e))
    hint = (
        "unset ORGTRUST_LIBRARY or point it at liborgtrust.so.1"
        if explicit
        else "build it (make build) or set ORGTRUST_LIBRARY to its path"
    )
    raise ImportError("orgtrust: cannot load liborgtrust; looked in:\n  " + "\n  ".join(tried) + "\n" + hint)


def _bind(dll, path):
    missing = [name for name in FUNCTIONS if not hasattr(dll, name)]
    if missing:
        raise ImportError(
            "orgtrust: %s lacks %d function(s) these bindings need: %s" % (path, len(missing), ", ".join(missing))
        )
    for name, (argtypes, restype, errcheck) in FUNCTIONS.items():
        fn = getattr(dll, name)
        fn.argtypes = argtypes
        fn.restype = restype
        fn.errcheck = errcheck


class _Lib:
    """The loaded library: one attribute per function of FUNCTIONS."""


def check_version(number, path, text):
    """ImportError unless the library's major version is the expected one."""
    if number // 10000 != EXPECTED_MAJOR:
        raise ImportError(
            "orgtrust: %s is liborgtrust %s (version number %d) but these bindings need major version %d"
            % (path, text, number, EXPECTED_MAJOR)
        )


def load():
    """Load and bind the library; return (lib, path, version string)."""
    global _last_error
    dll, path = _open()
    _bind(dll, path)
    lib = _Lib()
    for name in FUNCTIONS:
        setattr(lib, name, getattr(dll, name))
    # A function object of its own (indexing does not share the attribute's),
    # returning the raw bytes that last_error() decodes.
    _last_error = dll["ot_last_error"]
    _last_error.argtypes = ()
    _last_error.restype = c_char_p
    check_version(lib.ot_version_number(), path, lib.ot_version())
    return lib, path, lib.ot_version()


def has(name):
    """True when the loaded library has the function ``name`` bound."""
    return hasattr(lib, name)


def function(name):
    """The bound function ``name``; NotSupported naming it (and the library
    loaded) when this liborgtrust does not export it."""
    fn = getattr(lib, name, None)
    if fn is None:
        raise error_for_status(
            -9, "%s is not in the liborgtrust loaded (%s, version %s): it needs liborgtrust 1.1 or later"
            % (name, path, library_version))
    return fn


lib, path, library_version = load()
