"""The model as pandas DataFrames, and DataFrames as observations.

pandas is optional: the core of the package needs the standard library only.
Everything here imports it when called, and without it raises an ImportError
that names the Debian package (python3-pandas).

``model_frames(model)`` reads the whole model with one ctypes call per value
(no JSON), so its cost is linear in actors, ties and disruptions; names are
joined in with vectorised lookups.  Columns that need functions of
liborgtrust 1.1 (a disruption's ladder level and due day, its response, an
actor's activity) are present exactly when the loaded library exports them.
"""

import collections
import ctypes
import re
import sys
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from . import _native
from ._batch import KINDS, observation_dtype
from ._enums import DisruptionKind, DisruptionStatus, Kind, Limit, ProbeWhat, TieClass
from ._errors import Error, InvalidArgument

__all__ = ["Frames", "require_pandas", "model_frames", "is_frame", "frame_records", "PROBES", "timeline_frame"]

_lib = _native.lib
NONE = _native.OT_NONE
byref = ctypes.byref

Frames = collections.namedtuple("Frames", "actors organisations directions org_pairs disruptions")
Frames.__doc__ = """The model as five DataFrames (see ``Model.frames``): actors,
organisations, directions (one row per direction of every tie), org_pairs
(one row per ordered pair of organisations with ties between them) and
disruptions."""

_NAMES = Frames._fields


def require_pandas(what: str = "this") -> Any:
    """The pandas module, or an ImportError saying how to get it."""
    try:
        import pandas
    except ImportError as e:
        raise ImportError(
            "orgtrust: %s needs pandas, which is not installed for %s. On Debian or Ubuntu: "
            "sudo apt-get install python3-pandas (in a venv made with --system-site-packages); "
            "elsewhere: pip install pandas" % (what, sys.executable)
        ) from e
    return pandas


def is_frame(obj):
    """True for a pandas DataFrame (without importing pandas)."""
    pd = sys.modules.get("pandas")
    return pd is not None and isinstance(obj, pd.DataFrame)


# ---- the model as frames ---------------------------------------------------


def _count(m, what):
    n = ctypes.c_size_t()
    _lib.ot_model_count(m, what, byref(n))
    return n.value


def _actors(pd, m, layers):
    n = _count(m, 2)
    org, layer, sup, prop = ctypes.c_uint32(), ctypes.c_uint(), ctypes.c_uint32(), ctypes.c_double()
    rows = {"actor": list(range(n)), "name": [], "org": [], "layer": [], "superior": [], "propensity": []}
    active = [] if _native.has("ot_actor_active") else None
    flag = ctypes.c_int()
    for a in range(n):
        rows["name"].append(_lib.ot_actor_name(m, a))
        _lib.ot_actor_org(m, a, byref(org))
        _lib.ot_actor_layer(m, a, byref(layer))
        _lib.ot_actor_superior(m, a, byref(sup))
        _lib.ot_actor_propensity(m, a, byref(prop))
        rows["org"].append(org.value)
        rows["layer"].append(layer.value)
        rows["superior"].append(-1 if sup.value == NONE else sup.value)
        rows["propensity"].append(prop.value)
        if active is not None:
            _native.lib.ot_actor_active(m, a, byref(flag))
            active.append(bool(flag.value))
    df = pd.DataFrame(rows)
    if active is not None:
        df["active"] = active
    return df


def _organisations(pd, m):
    n = _count(m, 1)
    parent = ctypes.c_uint32()
    names, parents = [], []
    for o in range(n):
        names.append(_lib.ot_org_name(m, o))
        _lib.ot_org_parent(m, o, byref(parent))
        parents.append(-1 if parent.value == NONE else parent.value)
    return pd.DataFrame({"org": list(range(n)), "name": names, "parent": parents})


def _directions(pd, m, actors):
    n = _count(m, 3)
    a, b, cls = ctypes.c_uint32(), ctypes.c_uint32(), ctypes.c_int()
    v, lim = ctypes.c_double(), ctypes.c_int()
    # One byref each, reused: the calls below run 8 times per tie.
    ra, rb, rcls, rv, rlim = byref(a), byref(b), byref(cls), byref(v), byref(lim)
    tie_ends, tie_get, tie_class = _lib.ot_tie_ends, _lib.ot_tie_get, _lib.ot_tie_class
    trust, tw, et = _lib.ot_trust, _lib.ot_trustworthiness, _lib.ot_effective_trust
    cols = collections.defaultdict(list)
    c_tie, c_tr, c_te, c_cls = cols["tie"], cols["truster"], cols["trustee"], cols["class"]
    c_w, c_af, c_u = cols["intensity"], cols["affect"], cols["uncertainty"]
    c_t, c_tw, c_et, c_lim = cols["trust"], cols["trustworthiness"], cols["effective_trust"], cols["limit"]
    for t in range(n):
        tie_ends(m, t, ra, rb)
        tie_class(m, t, rcls)
        k = cls.value
        tie_get(m, t, 1, rv)
        w = v.value
        tie_get(m, t, 2, rv)
        af = v.value
        tie_get(m, t, 3, rv)
        u = v.value
        for i, j in ((a.value, b.value), (b.value, a.value)):
            c_tie.append(t)
            c_tr.append(i)
            c_te.append(j)
            c_cls.append(k)
            c_w.append(w)
            c_af.append(af)
            c_u.append(u)
            trust(m, i, j, rv)
            c_t.append(v.value)
            if k <= 2:  # internal or vertical: ET = T, limited by the person
                c_et.append(v.value)
                c_lim.append(1)
            tw(m, i, j, rv)
            c_tw.append(v.value)
            if k > 2:
                et(m, i, j, rv, rlim)
                c_et.append(v.value)
                c_lim.append(lim.value)
    df = pd.DataFrame({k: cols[k] for k in ("tie", "truster", "trustee")} if n else
                      {"tie": [], "truster": [], "trustee": []}, dtype="int64")
    org = actors["org"].to_numpy()
    layer = actors["layer"].to_numpy()
    names = actors["name"].tolist()
    df.insert(2, "truster_name", [names[i] for i in df["truster"]])
    df["trustee_name"] = [names[j] for j in df["trustee"]]
    df["truster_org"] = org[df["truster"].to_numpy()] if n else []
    df["trustee_org"] = org[df["trustee"].to_numpy()] if n else []
    df["class"] = pd.Categorical([TieClass.label_of(c) for c in cols["class"]],
                                 categories=[c.label for c in TieClass])
    df["layer"] = (layer[df["truster"].to_numpy()].clip(min=layer[df["trustee"].to_numpy()]) if n
                   else pd.Series([], dtype="int64"))
    for k in ("intensity", "affect", "uncertainty", "trust", "trustworthiness", "effective_trust"):
        df[k] = pd.Series(cols[k], dtype="float64")
    df["limit"] = pd.Categorical([Limit.label_of(c) for c in cols["limit"]], categories=[c.label for c in Limit])
    return df


def _org_pairs(pd, m, orgs, directions, layers):
    ext = directions[directions["class"].isin(["horizontal", "diagonal"])]
    pairs = ext.groupby(["truster_org", "trustee_org"]).size()
    v = ctypes.c_double()
    cols = collections.defaultdict(list)
    for (oa, ob), ties in pairs.items():
        oa, ob = int(oa), int(ob)
        cols["org_a"].append(oa)
        cols["org_b"].append(ob)
        cols["ties"].append(int(ties))
        _lib.ot_reputation(m, oa, ob, NONE, byref(v))
        cols["reputation"].append(v.value)
        _lib.ot_backing(m, ob, oa, byref(v))  # B's leadership toward A
        cols["backing"].append(v.value)
        for layer, lname in enumerate(layers):
            try:
                _lib.ot_layer_trust(m, oa, ob, layer, byref(v))
                value = v.value
            except Error:  # no tie at that layer
                value = float("nan")
            cols["layer_trust_" + lname].append(value)
    names = orgs["name"].tolist()
    keys = ["org_a", "org_b", "ties", "reputation", "backing"] + ["layer_trust_" + n for n in layers]
    df = pd.DataFrame({k: cols[k] for k in keys}) if cols else pd.DataFrame({k: [] for k in keys})
    df.insert(1, "org_a_name", [names[o] for o in df["org_a"]])
    df.insert(3, "org_b_name", [names[o] for o in df["org_b"]])
    return df


def _disruptions(pd, m, actors):
    n = _count(m, 4)
    observer, kind, status, surf, failed, tie = (ctypes.c_uint32(), ctypes.c_int(), ctypes.c_int(), ctypes.c_int(),
                                                 ctypes.c_int(), ctypes.c_uint32())
    sev, t_open, before, t_surf = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    a, b = ctypes.c_uint32(), ctypes.c_uint32()
    level_fn = getattr(_native.lib, "ot_disruption_level", None)
    due_fn = getattr(_native.lib, "ot_disruption_due", None)
    response_fn = getattr(_native.lib, "ot_disruption_response", None)
    lay, x, y, since, due, resp = ctypes.c_uint(), ctypes.c_uint32(), ctypes.c_uint32(), ctypes.c_double(), \
        ctypes.c_double(), ctypes.c_int()
    cols = collections.defaultdict(list)
    for d in range(n):
        _lib.ot_disruption_detail(m, d, byref(observer), byref(kind), byref(sev), byref(t_open), byref(before))
        _lib.ot_disruption_tie(m, d, byref(tie))
        _lib.ot_disruption_status(m, d, byref(status))
        _lib.ot_disruption_surfaced(m, d, byref(surf), byref(t_surf))
        _lib.ot_disruption_failed_escalation(m, d, byref(failed))
        _lib.ot_tie_ends(m, tie.value, byref(a), byref(b))
        other = b.value if a.value == observer.value else a.value
        cols["disruption"].append(d)
        cols["tie"].append(tie.value)
        cols["observer"].append(observer.value)
        cols["other"].append(other)
        cols["kind"].append(DisruptionKind.label_of(kind.value))
        cols["severity"].append(sev.value)
        cols["t_open"].append(t_open.value)
        cols["trust_before"].append(before.value)
        cols["status"].append(_status_label(status.value))
        cols["surfaced_at"].append(t_surf.value if surf.value else float("nan"))
        cols["failed_escalation"].append(bool(failed.value))
        if level_fn is not None:
            level_fn(m, d, byref(lay), byref(x), byref(y), byref(since))
            cols["level"].append(lay.value)
            cols["handler_x"].append(-1 if x.value == NONE else x.value)
            cols["handler_y"].append(-1 if y.value == NONE else y.value)
            cols["level_since"].append(since.value)
        if due_fn is not None:
            try:
                due_fn(m, d, byref(due))
                cols["due"].append(due.value)
            except Error:  # not open: no due day
                cols["due"].append(float("nan"))
        if response_fn is not None:
            response_fn(m, d, byref(resp))
            cols["response"].append(_RESPONSES.get(resp.value, "unknown(%d)" % resp.value))
    keys = ["disruption", "tie", "observer", "other", "kind", "severity", "t_open", "trust_before", "status",
            "surfaced_at", "failed_escalation"]
    if level_fn is not None:
        keys += ["level", "handler_x", "handler_y", "level_since"]
    if due_fn is not None:
        keys.append("due")
    if response_fn is not None:
        keys.append("response")
    df = pd.DataFrame({k: cols[k] for k in keys}) if n else pd.DataFrame({k: [] for k in keys})
    names = actors["name"].tolist()
    df.insert(3, "observer_name", [names[i] for i in df["observer"]])
    df.insert(5, "other_name", [names[i] for i in df["other"]])
    return df


# Responses to a breach (ot_response of liborgtrust 1.1); 0: none given.
_RESPONSES = {0: "none", 1: "apology", 2: "denial", 3: "promise"}
_STATUS_EXTRA = {4: "withdrawn"}  # OT_WITHDRAWN (1.1)


def _status_label(value):
    return _STATUS_EXTRA.get(value) or DisruptionStatus.label_of(value)


def model_frames(model: Any, which: Optional[str] = None) -> Union[Frames, Any]:
    """``Model.frames``: all five frames as a Frames tuple, or the one named."""
    model._h()  # a closed model says so first
    pd = require_pandas("Model.frames()")
    if which is not None and which not in _NAMES:
        raise InvalidArgument("which = %r is not a frame; the frames are %s" % (which, ", ".join(_NAMES)))
    m = model._h()
    layers = list(model.layers)
    actors = _actors(pd, m, layers)
    orgs = _organisations(pd, m)
    actors.insert(3, "org_name", [orgs["name"].tolist()[o] for o in actors["org"]])
    actors.insert(5, "layer_name", [layers[i] for i in actors["layer"]])
    names = actors["name"].tolist()
    actors.insert(7, "superior_name", [names[s] if s >= 0 else None for s in actors["superior"]])
    orgs.insert(3, "parent_name", [orgs["name"].tolist()[p] if p >= 0 else None for p in orgs["parent"]])
    if which == "actors":
        return actors
    if which == "organisations":
        return orgs
    if which == "disruptions":
        return _disruptions(pd, m, actors)
    directions = _directions(pd, m, actors)
    if which == "directions":
        return directions
    pairs = _org_pairs(pd, m, orgs, directions, layers)
    if which == "org_pairs":
        return pairs
    return Frames(actors, orgs, directions, pairs, _disruptions(pd, m, actors))


# ---- a DataFrame of observations ---------------------------------------------

COLUMNS = ("truster", "trustee", "kind", "t", "magnitude")


def _where(df, i):
    """How a message names row i of df: its position and its index label."""
    label = df.index[i]
    return "row %d (index %r)" % (i, label) if label != i else "row %d" % i


def _bad(df, i, column, message):
    return InvalidArgument("%s, column %r: %s" % (_where(df, i), column, message), index=i)


def _int_column(np, pd, df, name, lo, hi):
    col = df[name]
    values = col.to_numpy()
    if values.dtype.kind in "iu":
        pass
    elif values.dtype.kind == "f" or values.dtype == object:
        num = pd.to_numeric(col, errors="coerce").to_numpy(dtype="float64")
        bad = np.isnan(num) | (num != np.floor(num))
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise _bad(df, i, name, "%r is not an id (an int)" % (values[i],))
        values = num
    else:
        raise InvalidArgument("column %r must hold ids (ints), not %s" % (name, col.dtype))
    bad = (values < lo) | (values > hi)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise _bad(df, i, name, "%s is not an id (ids are %d to %d)" % (values[i], lo, hi))
    return values


def frame_records(df: Any) -> Any:
    """A DataFrame with columns truster, trustee, kind, t (and optionally
    magnitude) as an array of observation_dtype(); InvalidArgument naming
    the row and the column of the first bad value."""
    import numpy as np

    pd = require_pandas("observe_many(DataFrame)")
    columns = [str(c) for c in df.columns]
    missing = [c for c in COLUMNS[:4] if c not in columns]
    if missing:
        raise InvalidArgument(
            "a DataFrame of observations needs the columns truster, trustee, kind, t (and optionally magnitude); "
            "it lacks %s (it has %s)" % (", ".join(missing), ", ".join(map(repr, columns)) or "no columns"))
    extra = [c for c in columns if c not in COLUMNS]
    if extra:
        raise InvalidArgument("a DataFrame of observations has the columns truster, trustee, kind, t, magnitude; "
                              "%s %s not one of them" % (", ".join(map(repr, extra)),
                                                          "is" if len(extra) == 1 else "are"))
    out = np.zeros(len(df), dtype=observation_dtype())
    out["truster"] = _int_column(np, pd, df, "truster", 0, NONE - 1)
    out["trustee"] = _int_column(np, pd, df, "trustee", 0, NONE - 1)
    kinds = df["kind"]
    if kinds.dtype.kind in "iu":
        out["kind"] = _int_column(np, pd, df, "kind", -(2**31), 2**31 - 1)
    else:
        mapped = kinds.map(lambda k: KINDS.get(k.lower() if isinstance(k, str) else k, -1)
                           if isinstance(k, (str, int, Kind)) else -1).to_numpy()
        bad = mapped < 0
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise _bad(df, i, "kind", "%r is not a Kind; use one of %s" % (kinds.iloc[i],
                                                                         ", ".join(k.label for k in Kind)))
        out["kind"] = mapped
    for name in ("t", "magnitude"):
        if name not in columns:
            out[name] = 1.0
            continue
        col = df[name]
        if col.dtype.kind in "fiu":
            out[name] = col.to_numpy(dtype="float64")
            continue
        num = pd.to_numeric(col, errors="coerce").to_numpy(dtype="float64")
        bad = np.isnan(num) & col.notna().to_numpy()
        bad |= col.isna().to_numpy()
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise _bad(df, i, name, "%r is not a number" % (col.iloc[i],))
        out[name] = num
    return out


def _columns_in(message):
    """The columns a library message about one observation is about."""
    named = [c for c in ("truster", "trustee", "kind", "magnitude") if re.search(r"\b%s\b" % c, message)]
    if re.search(r"\bt = ", message):
        named.append("t")
    if not named and ("tie" in message or "actor" in message):
        named = ["truster", "trustee"]
    return named


def observe_frame(model: Any, df: Any) -> int:
    """Model.observe_many for a DataFrame: the message of a bad row says its
    position, index label and column."""
    records = frame_records(df)
    try:
        return model.observe_many(records)
    except Error as e:
        if e.index is None:
            raise
        cols = _columns_in(getattr(e, "library_detail", e.detail))
        where = _where(df, e.index) + (", column%s %s" % ("s" if len(cols) > 1 else "", ", ".join(map(repr, cols)))
                                       if cols else "")
        raise type(e)("%s: %s" % (where, e.detail), e.status, e.index) from None


# ---- timelines (ot_timeline, liborgtrust 1.1) -------------------------------

# Probe names (ot_probe's what) and the ids each takes: "a"/"b" actors or
# organisations, "c" an excluded actor, "layer" a layer.
PROBES = {
    "trust": (1, ("actor", "actor")),
    "trustworthiness": (2, ("actor", "actor")),
    "effective_trust": (3, ("actor", "actor")),
    "reputation": (4, ("org", "org")),
    "backing": (5, ("org", "org")),
    "layer_trust": (6, ("org", "org")),
    "damping": (7, ("actor", "actor")),
    "standing": (8, ("actor",)),
    "bridge_gap": (9, ("actor", "org")),
    "ceiling": (10, ("actor", "actor")),
}


def _label(model, kind, x):
    """The user's name of an actor or organisation, else its id."""
    try:
        return (_lib.ot_org_name if kind == "org" else _lib.ot_actor_name)(model._h(), x)
    except (Error, ctypes.ArgumentError):
        return "%s %s" % (kind, x)


def _probe_label(model: Any, what: str, p: Any) -> str:
    """A probe in the user's names: "trust Roy -> Fatima", "layer_trust
    Gemeente -> Waterschap @ administrative", "reputation ... excluding Roy"."""
    kinds = PROBES[what][1]
    label = what + " " + " -> ".join(_label(model, kind, x) for kind, x in zip(kinds, (p.a, p.b)))
    if what == "layer_trust":
        label += " @ " + model.layers[p.layer]
    if what == "reputation" and p.c != NONE:
        label += " excluding " + _label(model, "actor", p.c)
    return label


def timeline_frame(pd: Any, model: Any, specs: Sequence[Any], built: Sequence[Any], times: Sequence[float],
                   values: Sequence[float]) -> Any:
    """Model.timeline: one ot_timeline call's values as a tidy DataFrame
    (time, probe, what, a, b, value)."""
    names = [ProbeWhat(p.what).label for p in built]
    labels = [_probe_label(model, names[k], p) for k, p in enumerate(built)]
    n = len(built)
    rows: Dict[str, List[Any]] = {"time": [], "probe": [], "what": [], "a": [], "b": [], "value": []}
    for k, t in enumerate(times):
        for j, p in enumerate(built):
            rows["time"].append(t)
            rows["probe"].append(labels[j])
            rows["what"].append(names[j])
            rows["a"].append(p.a)
            rows["b"].append(-1 if p.b == NONE else p.b)
            rows["value"].append(values[k * n + j])
    return pd.DataFrame(rows)
