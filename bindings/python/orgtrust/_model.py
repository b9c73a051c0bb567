"""The Model: an orgtrust model behind a Python object.

Ids are plain ints (organisations, actors, ties and disruptions each count
from 0); None stands for "no id" (``OT_NONE``) where the C API allows it.
Enum arguments take a member, its value or its lower-case name; enum
results are lower-case names.  Times are floats in days.
"""

import collections
import contextlib
import ctypes
import json
import operator
import os
import warnings
import weakref
from typing import Any, Iterable, Optional, Sequence

from . import _frames, _native
from ._native import c_double, c_int, c_size_t, c_uint
from ._batch import KINDS, as_batch
from ._enums import (
    Advice,
    Basis,
    List,
    Count,
    DisruptionKind,
    DisruptionStatus,
    EscalationMode,
    Limit,
    Param,
    Response,
    StepReason,
    StepStatus,
    StoreFlags,
    TieAttr,
    TieClass,
    Dimension,
    Kind,
    ProbeWhat,
)
from ._errors import Error, InvalidArgument, NotFound, StateError

__all__ = ["Model", "Step", "Opinion", "Counts", "Disruption", "Level"]

_lib = _native.lib
NONE = _native.OT_NONE
_MAX_UINT = 0xFFFFFFFF

byref = ctypes.byref
c_id = _native.ot_id
ArgumentError = ctypes.ArgumentError

Step = collections.namedtuple("Step", "layer x y status reason")
Step.__doc__ = """One step of an escalation path: the layer, the candidates x (on
the tie's first end's side) and y (None when missing), the status
("ok", "no_superior", "compromised", "no_tie", "unhealthy") and the reason
("none", "party", "diagonal")."""

Level = collections.namedtuple("Level", "layer x y since")
Level.__doc__ = """Where a disruption is handled: the layer, the handlers x (on the
observer's side) and y, and since when (the parties themselves at the
opening layer)."""

Opinion = collections.namedtuple("Opinion", "belief disbelief uncertainty base_rate")
Opinion.__doc__ = "A subjective-logic opinion: belief + disbelief + uncertainty = 1."

Counts = collections.namedtuple("Counts", "orgs actors ties disruptions events")
Counts.__doc__ = "How many organisations, actors, ties, disruptions and kept events a model holds."

Disruption = collections.namedtuple(
    "Disruption", "tie observer kind severity t_open trust_before status surfaced_at failed_escalation"
)
Disruption.__doc__ = """A disruption as recorded: its tie, observer, kind ("task" or
"relational"), severity, opening time, the observer's trust just before it,
its status ("open", "resolved_locally", "resolved_by_escalation"), the time
it surfaced (None while it has not) and whether an escalation failed."""

# Ranges the C library checks too; checked here first where one Python call
# makes several C calls, so that a bad value is refused before anything
# changes.
_TIE_RANGES = {
    TieAttr.INTENSITY: (1e-6, 1e6),
    TieAttr.AFFECT: (0.0, 1.0),
    TieAttr.UNCERTAINTY: (0.0, 1.0),
}


# ---- argument conversion -------------------------------------------------


def _id(value, arg, optional=False):
    """An ot_id from an int; None is OT_NONE where allowed."""
    if value is None:
        if optional:
            return NONE
        raise TypeError("%s is None; it must be an id (an int)" % arg)
    try:
        v = operator.index(value)
    except TypeError:
        raise TypeError("%s must be an id (an int), not %s" % (arg, type(value).__name__)) from None
    if not 0 <= v < NONE:
        raise InvalidArgument("%s = %d is not an id: ids are ints from 0 to %d" % (arg, v, NONE - 1))
    return v


def _maybe_id(v):
    """An id the library returned, None for OT_NONE."""
    return None if v == NONE else v


def _real(value, arg):
    """A float from an int, a float or anything with __float__ (not a str)."""
    if value is None or isinstance(value, (str, bytes)) or not hasattr(type(value), "__float__"):
        raise TypeError("%s must be a number, not %s" % (arg, type(value).__name__))
    try:
        return float(value)
    except OverflowError:
        raise InvalidArgument("%s = %r is too large for a double" % (arg, value)) from None


def _uint(value, arg):
    """An unsigned int (a layer) from an int."""
    try:
        v = operator.index(value)
    except TypeError:
        raise TypeError("%s must be an int, not %s" % (arg, type(value).__name__)) from None
    if not 0 <= v <= _MAX_UINT:
        raise InvalidArgument("%s = %d is out of range [0, %d]" % (arg, v, _MAX_UINT))
    return v


def _text(value, arg):
    """UTF-8 bytes of a name, refusing what C would cut short."""
    if not isinstance(value, str):
        raise TypeError("%s must be a str, not %s" % (arg, type(value).__name__))
    try:
        raw = value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InvalidArgument("%s is not valid Unicode text: %s" % (arg, e)) from None
    if b"\0" in raw:
        raise InvalidArgument("%s contains a NUL character" % arg)
    return raw


def _path(value, arg="path"):
    """A file name as bytes for C."""
    try:
        raw = os.fsencode(value)
    except TypeError:
        raise TypeError("%s must be a str or path-like object, not %s" % (arg, type(value).__name__)) from None
    if b"\0" in raw:
        raise InvalidArgument("%s contains a NUL character" % arg)
    return raw


def _in_range(value, lo, hi, arg):
    v = _real(value, arg)
    if not lo <= v <= hi:
        raise InvalidArgument("%s = %r is out of range; it must be in [%g, %g]" % (arg, v, lo, hi))
    return v


# ---- configuration --------------------------------------------------------


def _config(layers, params):
    """A new ot_config holding `params` and `layers` (and `timeboxes`, one
    per layer, when given among the params); the caller frees it."""
    wanted = []
    params = dict(params)
    timeboxes = params.pop("timeboxes", None)
    if timeboxes is not None:
        timeboxes = [_real(v, "timeboxes[%d]" % i) for i, v in enumerate(timeboxes)]
    for name, value in params.items():
        member = Param.__members__.get(name.upper()) if name.islower() else None
        if member is None:
            raise TypeError(
                "unknown parameter %r; the parameters are %s" % (name, ", ".join(p.label for p in Param))
            )
        wanted.append((member, _real(value, name)))
    cfg = _native.CONFIG_P()
    _lib.ot_config_new(byref(cfg))
    try:
        for member, value in wanted:
            _lib.ot_config_set(cfg, member, value)
        if layers is not None:
            _set_layers(cfg, layers)
        if timeboxes is not None:
            arr = (c_double * max(len(timeboxes), 1))(*timeboxes)
            _lib.ot_config_set_timeboxes(cfg, len(timeboxes), arr)
    except BaseException:
        _lib.ot_config_free(cfg)
        raise
    return cfg


def _set_layers(cfg, layers):
    """layers: a count, or a sequence of names (None for a default name)."""
    if isinstance(layers, str):
        raise TypeError("layers must be a count or a sequence of names, not a str")
    if isinstance(layers, int):
        n = _uint(layers, "layers")
        _lib.ot_config_set_layers(cfg, n, None)
        return
    try:
        names = list(layers)
    except TypeError:
        raise TypeError("layers must be a count or a sequence of names, not %s" % type(layers).__name__) from None
    raw = [None if nm is None else _text(nm, "layers[%d]" % i) for i, nm in enumerate(names)]
    arr = (ctypes.c_char_p * max(len(raw), 1))(*raw)
    _lib.ot_config_set_layers(cfg, len(raw), arr)


def _owned_text(fn, m):
    """Call fn(m, &text, &len) and return the text, freeing the buffer."""
    p = ctypes.c_void_p()
    n = c_size_t()
    fn(m, byref(p), byref(n))
    if not p.value:
        return ""
    try:
        return ctypes.string_at(p.value, n.value).decode("utf-8", "replace")
    finally:
        _lib.ot_free(p)


# ---- the model ------------------------------------------------------------


class Model:
    """An orgtrust model.

    ``Model(**params)`` creates an empty model; keyword names are the
    parameter names in lower case (``gain_rate=0.05``, ``keep_events=0``;
    see ``orgtrust.Param``), and ``layers`` sets the layers: a count (1 to
    8, default names) or a sequence of names.  The model is freed when the
    object is collected, by ``close()``, or at the end of a ``with`` block;
    any call after that raises StateError.

    Calls hold the GIL, so two threads never run calls on one model at the
    same time, and a model closed by one thread while another is inside a
    call is freed after that call.  Models still alive when the interpreter
    exits are left to the operating system (every accepted call on a store
    is durable when it returns).
    """

    _m = None

    def __init__(self, layers=None, **params):
        cfg = _config(layers, params) if (params or layers is not None) else None
        out = _native.ModelHandle()
        try:
            _lib.ot_model_new(cfg, byref(out))
        finally:
            if cfg is not None:
                _lib.ot_config_free(cfg)
        self._adopt(out)

    def _adopt(self, handle):
        self._m = handle
        # Frees the C model when the handle goes: at close(), or when the
        # Model is collected. Not at interpreter exit: code that runs after
        # the exit hooks could still reach a model, and the operating system
        # takes the memory back anyway (a store is durable call by call).
        self._finalizer = weakref.finalize(handle, _free_model, _native.pointer_value(handle))
        self._finalizer.atexit = False

    @classmethod
    def _wrap(cls, handle):
        obj = cls.__new__(cls)
        obj._adopt(handle)
        return obj

    # ---- lifetime ----

    def close(self):
        """Free the model now (a store-bound model closes its store); any
        later call raises StateError. Idempotent. A call another thread is
        making right now finishes first (the model is freed after it)."""
        self._m = None

    @property
    def closed(self):
        """True once the model has been freed."""
        return self._m is None

    def __enter__(self):
        self._h()
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __reduce_ex__(self, protocol):
        raise TypeError("an orgtrust.Model cannot be copied or pickled; use export_scenario() and from_scenario()")

    def __repr__(self):
        if self._m is None:
            return "<orgtrust.Model closed>"
        c = self.counts()
        return "<orgtrust.Model orgs=%d actors=%d ties=%d disruptions=%d t=%s>" % (
            c.orgs, c.actors, c.ties, c.disruptions, self.time)

    def _h(self):
        m = self._m
        if m is None:
            raise StateError("the model is closed; it can no longer be used", -6)
        return m

    # ---- shared shapes of calls ----

    def _double2(self, fn, a, b, an, bn):
        """A query of two actors giving a double."""
        m = self._h()
        out = c_double()
        a, b = _id(a, an), _id(b, bn)
        try:
            fn(m, a, b, byref(out))
        except Error as e:
            raise self._named(e, (an, a), (bn, b)) from None
        return out.value

    def _int2(self, fn, a, b, an, bn):
        """A query of two actors giving an int."""
        m = self._h()
        out = c_int()
        a, b = _id(a, an), _id(b, bn)
        try:
            fn(m, a, b, byref(out))
        except Error as e:
            raise self._named(e, (an, a), (bn, b)) from None
        return out.value

    def _who(self, arg, x):
        """How a message names the id x of argument arg: with the name the
        user gave it ("actor 3 'Roy'"), or saying that no such one exists."""
        org = arg.startswith("org")
        kind = "organisation" if org else "actor"
        try:
            name = (_lib.ot_org_name if org else _lib.ot_actor_name)(self._m, x)
        except Error:
            return "%s %d (no such %s)" % (kind, x, kind)
        return "%s %d %r" % (kind, x, name)

    def _named(self, err, *pairs):
        """The same error, its message followed by the names behind the ids
        of (argument, id) pairs: "...; truster = actor 0 'Roy', trustee =
        actor 2 'Sanne'"."""
        if self._m is None:
            return err
        names = ", ".join("%s = %s" % (arg, self._who(arg, x)) for arg, x in pairs)
        named = type(err)("%s; %s" % (err.detail, names), err.status, err.index)
        named.library_detail = getattr(err, "library_detail", err.detail)
        return named

    def _get(self, fn, x, arg, ctype):
        """A getter of one id giving one value."""
        m = self._h()
        out = ctype()
        fn(m, _id(x, arg), byref(out))
        return out.value

    def _ids_of(self, fn, args, cap):
        """A list of ids from a fn(m, *args, buf, cap, &n) call."""
        m = self._h()
        n = c_size_t()
        while True:
            buf = (c_id * max(cap, 1))()
            fn(m, *args, buf, cap, byref(n))
            if n.value <= cap:
                return list(buf[: n.value])
            cap = n.value

    # ---- alternate constructors: scenarios and stores ----

    @classmethod
    def from_scenario(cls, source):
        """A new model from a scenario: JSON text (a str starting with "{",
        or bytes), or the path of a scenario file."""
        out = _native.ModelHandle()
        if isinstance(source, (bytes, bytearray, memoryview)):
            raw = bytes(source)
            _lib.ot_scenario_load(raw, len(raw), byref(out))
        elif isinstance(source, str) and source.lstrip().startswith("{"):
            raw = source.encode("utf-8", "surrogatepass")
            _lib.ot_scenario_load(raw, len(raw), byref(out))
        else:
            _lib.ot_scenario_load_file(_path(source, "source"), byref(out))
        return cls._wrap(out)

    @classmethod
    def open_store(cls, path, create=False, readonly=False, layers=None, **params):
        """Open (create=True: or create) the SQLite store at ``path`` and
        return the model it holds, bound to it. Parameters and layers
        configure a new store; for an existing store they must be left out
        or equal the stored ones."""
        flags = (StoreFlags.CREATE if create else 0) | (StoreFlags.READONLY if readonly else 0)
        raw = _path(path)
        cfg = _config(layers, params) if (params or layers is not None) else None
        out = _native.ModelHandle()
        try:
            _lib.ot_store_open(raw, cfg, int(flags), byref(out))
        finally:
            if cfg is not None:
                _lib.ot_config_free(cfg)
        return cls._wrap(out)

    def begin(self):
        """Group the following calls into one durable unit (a store-bound model)."""
        _lib.ot_store_begin(self._h())

    def commit(self):
        """Make the current unit durable."""
        _lib.ot_store_commit(self._h())

    def rollback(self):
        """Drop the current unit: the model is as it was at begin()."""
        _lib.ot_store_rollback(self._h())

    def checkpoint(self):
        """Write a snapshot so later opens replay less."""
        _lib.ot_store_checkpoint(self._h())

    def save_store(self, path):
        """Save the model as a new SQLite store at ``path`` (a file that does
        not exist yet): opening it with ``open_store`` gives this model again,
        bit for bit. Needs kept events (the default) or a store-bound model."""
        _lib.ot_store_save(self._h(), _path(path))

    def backup_store(self, path):
        """An online, consistent copy of the store this model is bound to,
        into the new file ``path`` (SQLite's backup API): the store at one
        moment, while other writers go on. The copy is checked by opening it."""
        _lib.ot_store_backup(self._h(), _path(path))

    @contextlib.contextmanager
    def transaction(self):
        """``with model.transaction():`` begin, then commit, or roll back
        on an exception."""
        self.begin()
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        self.commit()

    def export_scenario(self):
        """The model as scenario JSON text (needs kept events)."""
        return _owned_text(_lib.ot_scenario_export, self._h())

    # ---- trust over time ----

    def at(self, t):
        """A new Model equal to this one as it was on day ``t``: every event
        up to the first one later than ``t``, then ``advance(t)`` when ``t`` is
        later than the last of them (an event of the new model).
        Needs kept events (the default) or a store-bound model; the new
        model is not bound to any store."""
        out = _native.ModelHandle()
        _lib.ot_model_at(self._h(), _real(t, "t"), byref(out))
        return Model._wrap(out)

    def _timeline(self, probes, times):
        """The probes built, the times and the values of one ot_timeline
        call: ``values[k * len(probes) + p]`` is probe p at times[k]."""
        m = self._h()
        specs = list(probes)
        ts = [_real(t, "times[%d]" % k) for k, t in enumerate(times)]
        built = [_probe(self, p, i) for i, p in enumerate(specs)]
        arr = (_native.Probe * max(len(built), 1))(*built)
        tarr = (c_double * max(len(ts), 1))(*ts)
        out = (c_double * max(len(ts) * len(built), 1))()
        _lib.ot_timeline(m, arr, len(built), tarr, len(ts), out)
        return specs, built, ts, out[:len(ts) * len(built)]

    def timeline_rows(self, probes, times):
        """The values of ``probes`` at each of ``times`` (non-decreasing), in
        one replay, as plain rows ``(t, value, ...)``: one value per probe,
        NaN where it does not exist yet at that time. ``timeline()`` gives
        the same as a tidy DataFrame; this needs no pandas.

        A probe is a tuple of its kind (a ProbeWhat, its value or its name)
        and the ids it reads: ``("trust", a, b)``, ``("trustworthiness", a,
        b)``, ``("effective_trust", a, b)``, ``("reputation", org_a, org_b[,
        excluding])``, ``("backing", org_a, org_b)`` (org a's leadership
        toward org b), ``("layer_trust", org_a, org_b, layer)``,
        ``("damping", a, b)``, ``("standing", actor)``, ``("bridge_gap",
        actor, org_b)``, ``("ceiling", a, b)``.

        Cost: one replay of the kept events (``ot_timeline``)."""
        _, built, ts, values = self._timeline(probes, times)
        n = len(built)
        return [(t,) + tuple(values[k * n:(k + 1) * n]) for k, t in enumerate(ts)]

    def history(self):
        """Every kept event with what it did, parsed from the library's JSON
        (keys in docs/history.md): a list of dicts."""
        return json.loads(_owned_text(_lib.ot_history_json, self._h()))["events"]

    def report(self):
        """The state report, parsed from the library's JSON."""
        return json.loads(_owned_text(_lib.ot_report_json, self._h()))

    def to_dot(self):
        """A Graphviz picture of the model, as DOT text."""
        return _owned_text(_lib.ot_export_dot, self._h())

    # ---- the model as a whole ----

    def param(self, name):
        """A parameter's value, by Param, value or lower-case name."""
        out = c_double()
        _lib.ot_model_param(self._h(), Param.coerce(name, "name"), byref(out))
        return out.value

    @property
    def layers(self):
        """The layer names, lowest first."""
        m = self._h()
        n = c_uint()
        _lib.ot_model_layers(m, byref(n))
        return tuple(_lib.ot_layer_name(m, i) for i in range(n.value))

    def _layer(self, layer, arg="layer"):
        if isinstance(layer, str):
            names = self.layers
            if layer not in names:
                raise InvalidArgument("%s = %r is not a layer; the layers are %s" % (arg, layer, ", ".join(names)))
            return names.index(layer)
        return _uint(layer, arg)

    def counts(self):
        """Counts(orgs, actors, ties, disruptions, events)."""
        m = self._h()
        n = c_size_t()
        values = []
        for what in Count:
            _lib.ot_model_count(m, what, byref(n))
            values.append(n.value)
        return Counts(*values)

    @property
    def time(self):
        """The time of the last accepted event; None before the first."""
        t = c_double()
        _lib.ot_model_time(self._h(), byref(t))
        return None if t.value == float("-inf") else t.value

    def digest(self):
        """A 64-bit digest of the whole state (equal states, equal digests)."""
        out = ctypes.c_uint64()
        _lib.ot_model_digest(self._h(), byref(out))
        return out.value

    def check(self):
        """Recompute every aggregate and compare; StateError names an
        inconsistency."""
        _lib.ot_model_check(self._h())

    # ---- structure ----

    def add_org(self, name, parent=None):
        """Add an organisation (inside ``parent`` if given); its id."""
        m = self._h()
        out = c_id()
        _lib.ot_org_add(m, _text(name, "name"), _id(parent, "parent", True), byref(out))
        return out.value

    def add_actor(self, org, layer, name, superior=None, propensity=None):
        """Add an actor to ``org`` on ``layer`` (an index or a layer name);
        its id. ``propensity`` (in [0, 1]) is checked before the actor is
        added."""
        m = self._h()
        args = (_id(org, "org"), self._layer(layer), _id(superior, "superior", True), _text(name, "name"))
        p = None if propensity is None else _in_range(propensity, 0.0, 1.0, "propensity")
        out = c_id()
        _lib.ot_actor_add(m, *args, byref(out))
        if p is not None:
            _lib.ot_actor_set_propensity(m, out.value, p)
        return out.value

    def set_superior(self, actor, superior):
        """Change an actor's superior (None: no superior)."""
        _lib.ot_actor_set_superior(self._h(), _id(actor, "actor"), _id(superior, "superior", True))

    def set_propensity(self, actor, p):
        """Change an actor's propensity; it applies to ties created later."""
        _lib.ot_actor_set_propensity(self._h(), _id(actor, "actor"), _real(p, "p"))

    def add_tie(self, a, b, intensity=None, affect=None, uncertainty=None):
        """Add a tie between actors a and b; its id. The attributes given are
        checked before the tie is added."""
        m = self._h()
        a, b = _id(a, "a"), _id(b, "b")
        attrs = self._tie_attrs(intensity, affect, uncertainty)
        out = c_id()
        _lib.ot_tie_add(m, a, b, byref(out))
        for attr, v in attrs:
            _lib.ot_tie_set(m, out.value, attr, v)
        return out.value

    @staticmethod
    def _tie_attrs(intensity, affect, uncertainty):
        given = zip((TieAttr.INTENSITY, TieAttr.AFFECT, TieAttr.UNCERTAINTY), (intensity, affect, uncertainty))
        return [(attr, _in_range(v, *_TIE_RANGES[attr], attr.label)) for attr, v in given if v is not None]

    def set_tie(self, tie, intensity=None, affect=None, uncertainty=None):
        """Change tie attributes (all checked before any changes)."""
        m = self._h()
        tie = _id(tie, "tie")
        for attr, v in self._tie_attrs(intensity, affect, uncertainty):
            _lib.ot_tie_set(m, tie, attr, v)

    def tie_attr(self, tie, attr):
        """A tie attribute: "intensity", "affect" or "uncertainty"."""
        m = self._h()
        out = c_double()
        _lib.ot_tie_get(m, _id(tie, "tie"), TieAttr.coerce(attr, "attr"), byref(out))
        return out.value

    def find_tie(self, a, b):
        """The tie between two actors (either order); NotFound if none."""
        m = self._h()
        out = c_id()
        _lib.ot_tie_find(m, _id(a, "a"), _id(b, "b"), byref(out))
        return out.value

    def tie_ends(self, tie):
        """The two actors of a tie, in the order given to add_tie."""
        m = self._h()
        a, b = c_id(), c_id()
        _lib.ot_tie_ends(m, _id(tie, "tie"), byref(a), byref(b))
        return a.value, b.value

    def tie_class(self, tie):
        """"internal", "vertical", "horizontal" or "diagonal"."""
        return TieClass.label_of(self._get(_lib.ot_tie_class, tie, "tie", c_int))

    def org_name(self, org):
        """An organisation's name."""
        return _lib.ot_org_name(self._h(), _id(org, "org"))

    def org_parent(self, org):
        """An organisation's parent, or None."""
        return _maybe_id(self._get(_lib.ot_org_parent, org, "org", c_id))

    def actor_name(self, actor):
        """An actor's name."""
        return _lib.ot_actor_name(self._h(), _id(actor, "actor"))

    def actor_org(self, actor):
        """An actor's organisation."""
        return self._get(_lib.ot_actor_org, actor, "actor", c_id)

    def actor_layer(self, actor):
        """An actor's layer (an index)."""
        return self._get(_lib.ot_actor_layer, actor, "actor", c_uint)

    def actor_superior(self, actor):
        """An actor's superior, or None."""
        return _maybe_id(self._get(_lib.ot_actor_superior, actor, "actor", c_id))

    def actor_propensity(self, actor):
        """An actor's current propensity to trust."""
        return self._get(_lib.ot_actor_propensity, actor, "actor", c_double)

    # ---- events ----

    def observe(self, truster, trustee, kind, t, magnitude=1.0):
        """``truster`` observed ``trustee`` behave in a way of ``kind`` at
        time ``t`` (magnitude in (0, 10]; 0 means 1)."""
        m = self._m
        k = KINDS.get(kind)
        try:
            fast = m is not None and k is not None and 0 <= truster < NONE and 0 <= trustee < NONE
        except (TypeError, ValueError):
            fast = False
        if fast:
            try:
                _observe(m, truster, trustee, k, magnitude, t)
                return
            except ArgumentError:
                pass
            except Error as e:
                raise self._named(e, ("truster", truster), ("trustee", trustee)) from None
        # The slow path says precisely what is wrong, or makes the call.
        m = self._h()
        k = _kind(kind)
        a, b = _id(truster, "truster"), _id(trustee, "trustee")
        try:
            _observe(m, a, b, k, _real(magnitude, "magnitude"), _real(t, "t"))
        except Error as e:
            raise self._named(e, ("truster", a), ("trustee", b)) from None

    def observe_many(self, rows):
        """Apply many observations in one ``ot_observe_batch`` call, exactly
        as ``observe`` one by one; all or none.

        ``rows``: an iterable of ``(truster, trustee, kind, t[, magnitude])``,
        a numpy structured array (fields truster, trustee, kind, t and
        optionally magnitude), a pandas DataFrame with the columns truster,
        trustee, kind (a name or a value), t and optionally magnitude, or a
        prepared buffer of 32-byte records (see
        ``orgtrust.pack_observations``). A bad row raises with ``index``
        set to its position (for a DataFrame the message names the row, its
        index label and the column); nothing is applied then. Returns the
        number of observations applied."""
        if _frames.is_frame(rows):
            return _frames.observe_frame(self, rows)
        m = self._h()
        records, n, keep = as_batch(rows)
        applied = c_size_t(_native.NOT_WRITTEN)
        try:
            _observe_batch(m, records, n, applied)
        except Error as e:
            if e.index is None or records is None or not 0 <= e.index < n:
                raise
            row = records[e.index]
            raise self._named(e, ("truster", row.truster), ("trustee", row.trustee)) from None
        del keep
        return applied.value

    def disrupt(self, observer, other, kind, severity, t, separated=False):
        """Open a disruption (kind "task" or "relational", severity in
        (0, 1]); its id. ``separated``: yes to the person, no to the
        behaviour."""
        m = self._h()
        out = c_id()
        i, j = _id(observer, "observer"), _id(other, "other")
        try:
            _lib.ot_disrupt(m, i, j, DisruptionKind.coerce(kind, "kind"), _real(severity, "severity"),
                            1 if separated else 0, _real(t, "t"), byref(out))
        except Error as e:
            raise self._named(e, ("observer", i), ("other", j)) from None
        return out.value

    def repair(self, d, t):
        """Repair an open disruption at its own layer."""
        _lib.ot_repair(self._h(), _id(d, "d"), _real(t, "t"))

    def escalate(self, d, t, mode="joint"):
        """Escalate an open disruption at time ``t``, ``mode`` "joint" (agreed
        by both) or "unilateral"; (resolved, layer of the step taken or
        None).

        The 1.0 order ``escalate(d, mode, t)`` still works, with a
        DeprecationWarning, when both are given by position."""
        if isinstance(t, (str, EscalationMode)) and not isinstance(mode, (str, EscalationMode)):
            warnings.warn("escalate(d, mode, t) is deprecated: the time comes first, escalate(d, t, mode)",
                          DeprecationWarning, stacklevel=2)
            t, mode = mode, t
        if t is None:
            raise TypeError("escalate() needs the time t")
        m = self._h()
        resolved, layer = c_int(), c_uint()
        _lib.ot_escalate(m, _id(d, "d"), EscalationMode.coerce(mode, "mode"), _real(t, "t"), byref(resolved),
                         byref(layer))
        return (True, layer.value) if resolved.value else (False, None)

    def consult(self, x, y, t, liaison_x=None, liaison_y=None):
        """A regular consultation between the two ends of a tie; liaisons
        surface open disruptions between the two organisations."""
        _lib.ot_consult(self._h(), _id(x, "x"), _id(y, "y"), _id(liaison_x, "liaison_x", True),
                        _id(liaison_y, "liaison_y", True), _real(t, "t"))

    def impose_general_rule(self, org, t):
        """Answer an incident with a general rule in ``org``."""
        _lib.ot_impose_general_rule(self._h(), _id(org, "org"), _real(t, "t"))

    def respond(self, d, response, t):
        """The other party answers open disruption ``d`` ("apology",
        "denial" or "promise"); once per disruption."""
        r = Response.coerce(response, "response")
        _lib.ot_respond(self._h(), _id(d, "d"), int(r), _real(t, "t"))

    def reveal(self, d, guilty, t):
        """Later evidence shows whether the other party of ``d`` was at
        fault; once per disruption."""
        if not isinstance(guilty, bool):
            raise TypeError("guilty must be True or False, not %s" % type(guilty).__name__)
        _lib.ot_reveal(self._h(), _id(d, "d"), 1 if guilty else 0, _real(t, "t"))

    def response(self, d):
        """How ``d`` was answered: "apology", "denial", "promise" or "none"."""
        return Response.label_of(self._get(_lib.ot_disruption_response, d, "d", c_int))

    def revealed(self, d):
        """None while the truth about ``d`` is unknown, else True (guilty)
        or False."""
        m = self._h()
        revealed, guilty = c_int(), c_int()
        _lib.ot_disruption_revealed(m, _id(d, "d"), byref(revealed), byref(guilty))
        return bool(guilty.value) if revealed.value else None

    def scars(self, truster, trustee):
        """(scar, deception_scar) of a direction, now."""
        m = self._h()
        s, sp = c_double(), c_double()
        _lib.ot_scars(m, _id(truster, "truster"), _id(trustee, "trustee"), byref(s), byref(sp))
        return s.value, sp.value

    def ceiling(self, truster, trustee):
        """The ceiling (1 - scar) * (1 - deception_scar) of a direction, now."""
        return self._double2(_lib.ot_ceiling, truster, trustee, "truster", "trustee")

    def disruption(self, d):
        """Everything recorded about a disruption, as a Disruption tuple."""
        m = self._h()
        d = _id(d, "d")
        observer, kind, status, surfaced, failed, tie = c_id(), c_int(), c_int(), c_int(), c_int(), c_id()
        severity, t_open, before, t_surf = c_double(), c_double(), c_double(), c_double()
        _lib.ot_disruption_detail(m, d, byref(observer), byref(kind), byref(severity), byref(t_open),
                                  byref(before))
        _lib.ot_disruption_tie(m, d, byref(tie))
        _lib.ot_disruption_status(m, d, byref(status))
        _lib.ot_disruption_surfaced(m, d, byref(surfaced), byref(t_surf))
        _lib.ot_disruption_failed_escalation(m, d, byref(failed))
        return Disruption(tie.value, observer.value, DisruptionKind.label_of(kind.value), severity.value,
                          t_open.value, before.value, DisruptionStatus.label_of(status.value),
                          t_surf.value if surfaced.value else None, bool(failed.value))

    # ---- queries ----

    def trust(self, truster, trustee):
        """T(truster -> trustee), in [0, 1]."""
        return self._double2(_lib.ot_trust, truster, trustee, "truster", "trustee")

    def trustworthiness(self, truster, trustee):
        """Perceived trustworthiness TW, in [0, 1]."""
        return self._double2(_lib.ot_trustworthiness, truster, trustee, "truster", "trustee")

    def expectation(self, truster, trustee, dim):
        """E_d of one dimension ("ability", "benevolence", "integrity")."""
        m = self._h()
        out = c_double()
        _lib.ot_expectation(m, _id(truster, "truster"), _id(trustee, "trustee"), Dimension.coerce(dim, "dim"),
                            byref(out))
        return out.value

    def opinion(self, truster, trustee):
        """Opinion(belief, disbelief, uncertainty, base_rate)."""
        m = self._h()
        b, d, u, a = c_double(), c_double(), c_double(), c_double()
        _lib.ot_opinion(m, _id(truster, "truster"), _id(trustee, "trustee"), byref(b), byref(d), byref(u),
                        byref(a))
        return Opinion(b.value, d.value, u.value, a.value)

    def network_opinion(self, truster, trustee):
        """What ``truster`` can know about ``trustee`` from its own
        organisation (docs/model.md section 15): its own opinion, if the two
        have a tie, and each colleague's opinion of ``trustee`` discounted by
        the truster's opinion of that colleague, fused cumulatively.  The
        vacuous Opinion(0, 0, 1, propensity) when nobody can be asked."""
        m = self._h()
        out = _native.SlOpinion()
        _lib.ot_network_opinion(m, _id(truster, "truster"), _id(trustee, "trustee"), ctypes.byref(out))
        return Opinion(out.b, out.d, out.u, out.a)

    def effective_trust(self, truster, trustee):
        """(value, limiting factor "person", "reputation" or "backing")."""
        m = self._h()
        out, limit = c_double(), c_int()
        _lib.ot_effective_trust(m, _id(truster, "truster"), _id(trustee, "trustee"), byref(out), byref(limit))
        return out.value, Limit.label_of(limit.value)

    def reputation(self, org_a, org_b, excluding=None):
        """rep(A \\ excluding -> B): A's collective judgement of B."""
        m = self._h()
        out = c_double()
        _lib.ot_reputation(m, _id(org_a, "org_a"), _id(org_b, "org_b"), _id(excluding, "excluding", True),
                           byref(out))
        return out.value

    def backing(self, org_b, org_a):
        """backing(B -> A): how B's leadership stands toward A."""
        return self._double2(_lib.ot_backing, org_b, org_a, "org_b", "org_a")

    def layer_trust(self, org_a, org_b, layer):
        """Mean trust between two organisations over their ties at one
        layer (an index or a name); NotFound when there is no such tie."""
        m = self._h()
        out = c_double()
        _lib.ot_layer_trust(m, _id(org_a, "org_a"), _id(org_b, "org_b"), self._layer(layer), byref(out))
        return out.value

    def damping(self, a, b):
        """The gain damping D a positive observation on the tie would get now."""
        return self._double2(_lib.ot_damping, a, b, "a", "b")

    def bridge_gap(self, actor, org_b):
        """(gap, on_bridge): own(actor -> B) - rep(A \\ actor -> B)."""
        m = self._h()
        gap, on = c_double(), c_int()
        _lib.ot_bridge_gap(m, _id(actor, "actor"), _id(org_b, "org_b"), byref(gap), byref(on))
        return gap.value, bool(on.value)

    def standing(self, actor):
        """How far the actor's own organisation trusts the actor."""
        return self._get(_lib.ot_standing, actor, "actor", c_double)

    def dark_side(self, truster, trustee):
        """True when the truster keeps trusting against the record."""
        return bool(self._int2(_lib.ot_dark_side, truster, trustee, "truster", "trustee"))

    def cooperation_basis(self, a, b):
        """"at_risk", "reliability" or "trust" (the weaker direction)."""
        return Basis.label_of(self._int2(_lib.ot_cooperation_basis, a, b, "a", "b"))

    def escalation_path(self, tie):
        """The escalation path of an external tie: a list of Step."""
        m = self._h()
        tie = _id(tie, "tie")
        n = c_size_t()
        cap = 8  # one step per layer at most
        while True:
            steps = (_native.EscalationStep * cap)()
            _lib.ot_escalation_path(m, tie, steps, cap, byref(n))
            if n.value <= cap:
                break
            cap = n.value
        return [
            Step(s.layer, _maybe_id(s.x), _maybe_id(s.y), StepStatus.label_of(s.status),
                 StepReason.label_of(s.reason))
            for s in steps[: n.value]
        ]

    def hazards(self, org_a, org_b):
        """The diagonal ties between two organisations, in id order."""
        return self._ids_of(_lib.ot_hazards, (_id(org_a, "org_a"), _id(org_b, "org_b")), 16)

    # ---- people come and go (1.1) ----

    def end_tie(self, tie, t):
        """End a tie: it leaves every aggregate; its open disruptions are
        withdrawn. Adding a tie for the two actors later makes a new one
        that starts from this one's state."""
        _lib.ot_tie_end(self._h(), _id(tie, "tie"), _real(t, "t"))

    def tie_active(self, tie):
        """False once the tie has ended."""
        return bool(self._get(_lib.ot_tie_active, tie, "tie", c_int))

    def leave(self, actor, t):
        """The actor leaves: its ties end, its direct reports take its
        superior."""
        _lib.ot_actor_leave(self._h(), _id(actor, "actor"), _real(t, "t"))

    def actor_active(self, actor):
        """False once the actor has left."""
        return bool(self._get(_lib.ot_actor_active, actor, "actor", c_int))

    def move(self, actor, org, layer, t, superior=None):
        """The actor moves to ``org`` on ``layer`` (an index or a name)
        under ``superior`` (None: nobody); its ties are reclassified."""
        m = self._h()
        _lib.ot_actor_move(m, _id(actor, "actor"), _id(org, "org"), self._layer(layer), _id(superior, "superior", True),
                           _real(t, "t"))

    def advance(self, t):
        """Move the model's time to ``t`` with no other effect."""
        _lib.ot_advance(self._h(), _real(t, "t"))

    # ---- the escalation ladder (1.1) ----

    def timebox(self, layer):
        """The days a disruption may stay at a level on ``layer``."""
        m = self._h()
        out = c_double()
        _lib.ot_model_timebox(m, self._layer(layer), byref(out))
        return out.value

    def refer(self, d, mode="joint", t=None):
        """Refer an open disruption one rung up (StateError when no rung is
        free)."""
        if t is None:
            raise TypeError("refer() needs the time t")
        _lib.ot_refer(self._h(), _id(d, "d"), EscalationMode.coerce(mode, "mode"), _real(t, "t"))

    def resolve(self, d, t):
        """The handlers settle a disruption at its level; True when settled,
        False when the attempt failed (it stays open)."""
        m = self._h()
        resolved = c_int()
        _lib.ot_resolve(m, _id(d, "d"), _real(t, "t"), byref(resolved))
        return bool(resolved.value)

    def level(self, d):
        """Where a disruption is handled, as a Level."""
        m = self._h()
        layer, x, y, since = c_uint(), c_id(), c_id(), c_double()
        _lib.ot_disruption_level(m, _id(d, "d"), byref(layer), byref(x), byref(y), byref(since))
        return Level(layer.value, x.value, y.value, since.value)

    def due(self, d):
        """When an open disruption is due (StateError when not open)."""
        return self._get(_lib.ot_disruption_due, d, "d", c_double)

    def freshness(self, d):
        """The freshness factor of a disruption at the model's time."""
        return self._get(_lib.ot_disruption_freshness, d, "d", c_double)

    def disruptions(self, which="open"):
        """The ids of the "open", "overdue" or "all" disruptions, in id order."""
        return self._ids_of(_lib.ot_disruptions, (List.coerce(which, "which"),), 64)

    # ---- texts and the calendar (docs/scenario.md, "Texts", "Calendar dates") ----

    @property
    def description(self):
        """The model's description, or None; setting it is an event."""
        return _lib.ot_model_description(self._h())

    @description.setter
    def description(self, text):
        _lib.ot_model_set_description(self._h(), _text(text, "description"))

    def note(self, text):
        """A note on the last event accepted (StateError when there is none)."""
        _lib.ot_note(self._h(), _text(text, "text"))

    def disruption_label(self, d):
        """The label of disruption d (its scenario id), or None."""
        return _lib.ot_disruption_label(self._h(), _id(d, "d"))

    def set_disruption_label(self, d, label):
        """Give disruption d its label: once, unique in the model."""
        _lib.ot_disruption_set_label(self._h(), _id(d, "d"), _text(label, "label"))

    @property
    def epoch(self):
        """The calendar's day 0 ("YYYY-MM-DD"), or None; setting it is an event."""
        return _lib.ot_model_epoch(self._h())

    @epoch.setter
    def epoch(self, date):
        _lib.ot_model_set_epoch(self._h(), _text(date, "date"))

    def date(self, t):
        """The ISO date of day t ("2025-03-14", "2025-03-14T09:30")."""
        buf = ctypes.create_string_buffer(32)
        _lib.ot_model_date(self._h(), float(t), buf, len(buf))
        return buf.value.decode("ascii")

    def day(self, iso):
        """The day (since the epoch) of an ISO 8601 date or date-time, UTC."""
        t = c_double()
        _lib.ot_model_day(self._h(), _text(iso, "iso"), byref(t))
        return t.value

    def next_due(self):
        """(due time, disruption) of the earliest due open disruption, or None."""
        m = self._h()
        t, d = c_double(), c_id()
        try:
            _lib.ot_next_due(m, byref(t), byref(d))
        except NotFound:
            return None
        return (t.value, d.value)

    def advice(self, d):
        """("none" | "resolve" | "refer", the Step to refer to or None)."""
        m = self._h()
        action = c_int()
        s = _native.EscalationStep()
        _lib.ot_disruption_advice(m, _id(d, "d"), byref(action), byref(s))
        step = None
        if action.value == Advice.REFER:
            step = Step(s.layer, _maybe_id(s.x), _maybe_id(s.y), StepStatus.label_of(s.status),
                        StepReason.label_of(s.reason))
        return (Advice.label_of(action.value), step)


# What each probe kind reads from a probe tuple after its kind: the fields
# of ot_probe they go to, and which may be None (OT_NONE).

    # ---- pandas (optional) ----

    def frames(self, which: "Optional[str]" = None) -> "Any":
        """The model as pandas DataFrames (needs pandas: Debian python3-pandas).

        Returns ``orgtrust.Frames(actors, organisations, directions,
        org_pairs, disruptions)``, or the one frame named by ``which``:

        - actors: actor, name, org, org_name, layer, layer_name, superior,
          superior_name (-1 / None for none), propensity (and active, with
          liborgtrust 1.1);
        - organisations: org, name, parent, parent_name;
        - directions: one row per direction of every tie: tie, truster,
          truster_name, trustee, trustee_name, truster_org, trustee_org,
          class, layer (the tie's), intensity, affect, uncertainty, trust,
          trustworthiness, effective_trust and its limit;
        - org_pairs: every ordered pair (org_a, org_b) of the organisations
          of the two ends of external ties: ties (directions counted),
          reputation (A's judgement of B), backing (B's leadership toward
          A), layer_trust_<layer> (NaN without ties at that layer);
        - disruptions: disruption, tie, observer, observer_name, other,
          other_name, kind, severity, t_open, trust_before, status,
          surfaced_at (NaN until surfaced), failed_escalation, and with
          liborgtrust 1.1 its ladder level (level, handler_x, handler_y,
          level_since), due day (NaN when not open) and response.

        Cost: a few C calls per actor, tie direction and disruption."""
        return _frames.model_frames(self, which)

    def timeline(self, probes: "Iterable[Sequence[Any]]", times: "Iterable[float]") -> "Any":
        """Values over time as a tidy DataFrame (time, probe, what, a, b,
        value), one row per time and probe, recomputed from the kept events
        in one replay (``ot_timeline``; needs pandas, Debian
        python3-pandas; ``timeline_rows()`` gives plain rows without it).

        A probe is a tuple: ("trust" | "trustworthiness" | "effective_trust"
        | "damping" | "ceiling", a, b) of two actors; ("reputation", A, B[,
        excluding]); ("backing", A, B); ("layer_trust", A, B, layer);
        ("standing", a); ("bridge_gap", a, B). ``times`` are
        non-decreasing days. Values that do not exist yet are NaN; "probe"
        names the probe with the user's names ("trust Roy -> Fatima")."""
        pd = _frames.require_pandas("Model.timeline()")
        return _frames.timeline_frame(pd, self, *self._timeline(probes, times))
_PROBE_FIELDS = {
    ProbeWhat.TRUST: ("a", "b"),
    ProbeWhat.TRUSTWORTHINESS: ("a", "b"),
    ProbeWhat.EFFECTIVE_TRUST: ("a", "b"),
    ProbeWhat.REPUTATION: ("a", "b", "c?"),
    ProbeWhat.BACKING: ("a", "b"),
    ProbeWhat.LAYER_TRUST: ("a", "b", "layer"),
    ProbeWhat.DAMPING: ("a", "b"),
    ProbeWhat.STANDING: ("a",),
    ProbeWhat.BRIDGE_GAP: ("a", "b"),
    ProbeWhat.CEILING: ("a", "b"),
}


def _probe(model, spec, i):
    """An ot_probe from ``(kind, ids...)``."""
    arg = "probes[%d]" % i
    if isinstance(spec, (str, bytes)) or not hasattr(spec, "__len__") or len(spec) < 1:
        raise TypeError("%s must be a tuple (kind, ids...), not %r" % (arg, spec))
    what = ProbeWhat.coerce(spec[0], arg + "[0]")
    fields = _PROBE_FIELDS[what]
    required = len([f for f in fields if not f.endswith("?")])
    if not required <= len(spec) - 1 <= len(fields):
        raise TypeError("%s: a %s probe is (%r, %s), not %r"
                        % (arg, what.label, what.label, ", ".join(f.rstrip("?") for f in fields), tuple(spec)))
    p = _native.Probe(what=int(what), layer=0, a=NONE, b=NONE, c=NONE, reserved=0)
    for k, f in enumerate(fields):
        value = spec[k + 1] if k + 1 < len(spec) else None
        name = "%s[%d]" % (arg, k + 1)
        if f == "layer":
            p.layer = model._layer(value, name)
        else:
            setattr(p, f.rstrip("?"), _id(value, name, f.endswith("?")))
    return p

def _free_model(address):
    _lib.ot_model_free(ctypes.cast(address, _native.MODEL_P))


_observe = _lib.ot_observe
_observe_batch = _lib.ot_observe_batch


def _kind(kind):
    return Kind.coerce(kind, "kind").value


def store_verify(path):
    """Check the store file at ``path`` deeply without changing it: the
    checksum chain from the first entry, every entry replayed, every
    checkpoint equal to the replayed state. Returns what was checked as a
    dict (``entries``, ``format``, ``chained_from``, ``sealed``,
    ``checkpoints``, ``chain_head``, ``digest``; docs/store.md); raises
    ``FormatError`` naming the first bad entry."""
    raw = _path(path)
    p = ctypes.c_void_p()
    n = c_size_t()
    _lib.ot_store_verify_report(raw, byref(p), byref(n))
    try:
        return json.loads(ctypes.string_at(p.value, n.value).decode("utf-8"))
    finally:
        _lib.ot_free(p)
