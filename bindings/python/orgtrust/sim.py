"""orgtrust.sim: a generative model of a collaboration between organisations.

An experiment needs streams of interactions that look like a real
collaboration: people on layers of a few organisations, ties between them
that are used more or less often, people who are more or less able,
benevolent and honest, tasks that are more or less uncertain, failures that
become disruptions, a way of handling those, meetings, and people who leave.
This module generates them, feeds them to an ``orgtrust.Model`` and reports
what happened; it needs numpy (Debian: python3-numpy)::

    from orgtrust import sim

    run = sim.simulate(sim.Collaboration(people=50, days=365, handling="repair"), seed=7)
    run.summary()          # mean trust, reputation, disruptions by status, ...
    run.model.frames()     # everything, as pandas DataFrames
    run.events()           # the event log, as a DataFrame

**The generative model** (every number is a field of ``Collaboration``):

- *Structure.* ``orgs`` organisations of ``sizes`` people each on ``layers``
  layers: one person at the top, each layer below holding up to ``span``
  reports per superior, the rest on the operational layer (superiors
  assigned in turn). Every person has an internal tie to the superior. Each
  person of the lower-numbered organisation of a pair gets ``partners``
  external ties to people of the other; a share ``diagonal`` of them goes to
  a neighbouring layer (a diagonal tie), the rest stays on the person's own
  layer. The tops of every pair of organisations share a tie. Or pass a
  model of your own (``simulate(..., model=m)``): its actors and ties, with
  the intensity and uncertainty they have, are the collaboration.
- *People.* Each person has a latent ability, benevolence and integrity: the
  probability that an interaction on that dimension goes well, drawn from
  Beta distributions (``ability=(a, b)``, ...), or given per actor
  (``latent={actor: (ability, benevolence, integrity)}``).
- *Interactions.* Each direction of a tie (truster observes trustee) is a
  Poisson process with rate ``rate * intensity`` per day; tie intensities
  are lognormal around 1 (``intensity_sigma``). An interaction is about
  ability, integrity or benevolence with the probabilities ``mix``; it goes
  well with probability ``(1 - U) * latent + U / 2``, where U is the tie's
  task uncertainty drawn from ``uncertainty=(a, b)``: the more uncertain the
  task, the less an outcome says about the person. Outcomes become the
  observation kinds DELIVERED / FAILED_DELIVERY (ability),
  AGREEMENT_KEPT / AGREEMENT_BROKEN (integrity), WENT_BEYOND / LET_DOWN
  (benevolence).
- *Disruptions.* Every failure draws a severity, uniform in (0, 1]; a
  failure above ``severity`` is not an observation but a disruption (TASK
  for ability, RELATIONAL otherwise) with that severity.
- *Handling* (``handling``): "repair" (the parties repair it
  ``handle_after`` days later), "escalate" (escalate jointly then, and repair
  when that fails; internal ties are repaired), "refer" (the parties do not
  settle: when the disruption is overdue it is referred one rung up the
  ladder and the handlers there try to resolve it ``handle_after`` days
  later; repaired when no rung is left; needs liborgtrust 1.1), or "leave"
  (nothing is done). ``response`` ("apology", "denial", "promise" or None):
  the other party answers every disruption ``respond_after`` days after it
  opened (liborgtrust 1.1).
- *Consultation.* Every ``consult_every`` days (None: never), the tops of
  every pair of organisations meet, each the other's liaison.
- *Turnover.* Each person leaves with the yearly probability ``turnover``
  and a successor takes the same place: same organisation, layer, superior,
  reports, and ties with the same partners, intensities and uncertainties
  (liborgtrust 1.1: the library's ``ot_actor_leave``). People leave at the
  start of a batch window.

**Determinism.** ``seed`` (an int or a ``numpy.random.SeedSequence``) is
split with ``SeedSequence.spawn`` into independent streams for the
structure, the people, the interactions of each batch window and the
turnover; the same seed and the same ``Collaboration`` give the same event
log and the same model digest (with the same numpy version: numpy keeps its
generators' streams stable across machines, not always across versions).

**Batches.** Interactions are generated with numpy for a window of
``batch_days`` days at a time (the superposition of every direction's
Poisson process: exponential gaps at the total rate, each event assigned to
a direction in proportion to its rate) and applied with one
``observe_many`` call between the window's other events. ``Run.timing``
says how long generating and applying took.
"""

import ctypes
import dataclasses
import heapq
import sys
import time as _time
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from . import _native
from ._batch import observation_dtype
from ._enums import Kind
from ._errors import NotFound, StateError
from ._model import Model

try:
    import numpy as np
except ImportError:  # pragma: no cover - numpy is a dependency of this module
    np = None

__all__ = ["Collaboration", "Run", "simulate", "experiment", "HANDLING", "RESPONSES"]

HANDLING = ("repair", "escalate", "refer", "leave")
RESPONSES = (None, "apology", "denial", "promise")
_RESPONSE_CODES = {"apology": 1, "denial": 2, "promise": 3}

# Observation kinds by dimension (rows: ability, integrity, benevolence) and
# outcome (columns: bad, good).
_DIMENSIONS = ("ability", "integrity", "benevolence")
_KINDS = ((Kind.FAILED_DELIVERY, Kind.DELIVERED), (Kind.AGREEMENT_BROKEN, Kind.AGREEMENT_KEPT),
          (Kind.LET_DOWN, Kind.WENT_BEYOND))


def _numpy():
    if np is None:
        raise ImportError("orgtrust.sim needs numpy. On Debian or Ubuntu: sudo apt-get install python3-numpy; "
                          "elsewhere: pip install numpy")
    return np


@dataclasses.dataclass(frozen=True)
class Collaboration:
    """The knobs of a simulated collaboration (see the module documentation)."""

    orgs: Union[int, Sequence[str]] = 2
    sizes: Union[int, Sequence[int]] = 25
    layers: int = 3
    span: int = 5
    partners: int = 2
    diagonal: float = 0.1
    ability: Tuple[float, float] = (48.0, 2.0)
    benevolence: Tuple[float, float] = (18.0, 2.0)
    integrity: Tuple[float, float] = (98.0, 2.0)
    latent: Optional[Mapping[int, Tuple[float, float, float]]] = None
    rate: float = 0.2
    intensity_sigma: float = 0.5
    mix: Tuple[float, float, float] = (0.5, 0.35, 0.15)
    uncertainty: Tuple[float, float] = (1.0, 9.0)
    severity: float = 0.9
    handling: str = "repair"
    handle_after: float = 3.0
    response: Optional[str] = None
    respond_after: float = 1.0
    consult_every: Optional[float] = 30.0
    turnover: float = 0.0
    days: float = 365.0
    batch_days: float = 7.0
    params: Optional[Mapping[str, float]] = None

    def __post_init__(self):
        if self.handling not in HANDLING:
            raise ValueError("handling = %r: use one of %s" % (self.handling, ", ".join(HANDLING)))
        if self.response not in RESPONSES:
            raise ValueError("response = %r: use one of None, 'apology', 'denial', 'promise'" % (self.response,))
        for name in ("rate", "days", "batch_days", "handle_after", "respond_after"):
            v = getattr(self, name)
            if not (isinstance(v, (int, float)) and v >= 0 and v == v and v != float("inf")):
                raise ValueError("%s = %r must be a finite number >= 0" % (name, v))
        if self.batch_days <= 0:
            raise ValueError("batch_days = %r must be > 0" % self.batch_days)
        if not 0 <= self.diagonal <= 1:
            raise ValueError("diagonal = %r is a share, in [0, 1]" % self.diagonal)
        if not 0 <= self.severity <= 1:
            raise ValueError("severity = %r is a threshold in [0, 1]" % self.severity)
        if not 0 <= self.turnover < 1:
            raise ValueError("turnover = %r is a yearly probability, in [0, 1)" % self.turnover)
        if len(self.mix) != 3 or min(self.mix) < 0 or abs(sum(self.mix) - 1) > 1e-9:
            raise ValueError("mix = %r: three probabilities (ability, integrity, benevolence) summing to 1"
                             % (self.mix,))
        if self.span < 1 or self.layers < 1 or self.partners < 0:
            raise ValueError("span and layers must be >= 1, partners >= 0")
        if self.consult_every is not None and not self.consult_every > 0:
            raise ValueError("consult_every = %r must be > 0 days, or None" % (self.consult_every,))

    def required_functions(self) -> List[str]:
        """The liborgtrust 1.1 functions this collaboration's policies call."""
        need = []
        if self.handling == "refer":
            need += ["ot_refer", "ot_resolve", "ot_disruption_due"]
        if self.response is not None:
            need.append("ot_respond")
        if self.turnover > 0:
            need.append("ot_actor_leave")
        return need


@dataclasses.dataclass
class Run:
    """The result of ``simulate``: the model, the log and the costs.

    ``timing``: seconds spent generating interactions (numpy), applying them
    (the ``observe_many`` calls) and on everything else, and the number of
    observations applied."""

    model: Model
    collaboration: Collaboration
    seed_entropy: Any
    tops: List[int]
    log: List[Tuple[str, Any]]
    timing: Dict[str, float]
    latent: Any = None

    def digest(self) -> int:
        """The model's digest (same seed, same digest)."""
        return self.model.digest()

    def events(self) -> Any:
        """The event log as a pandas DataFrame in the order the events were
        applied: t, event ("observe", "disrupt", "repair", "escalate",
        "refer", "resolve", "respond", "consult", "leave", "join"), a, b
        (actors; -1 when not used), kind, value (magnitude or severity), d
        (the disruption, -1 when none). Needs pandas; empty without keep_log."""
        from ._frames import require_pandas

        pd = require_pandas("Run.events()")
        parts = []
        kind_names = {k.value: k.label for k in Kind}
        for what, payload in self.log:
            if what == "observe":
                arr = payload
                parts.append(pd.DataFrame({
                    "t": arr["t"], "event": "observe", "a": arr["truster"].astype("int64"),
                    "b": arr["trustee"].astype("int64"),
                    "kind": [kind_names[k] for k in arr["kind"].tolist()],
                    "value": arr["magnitude"], "d": -1}))
            else:
                t, a, b, kind, value, d = payload
                parts.append(pd.DataFrame({"t": [t], "event": [what], "a": [a], "b": [b], "kind": [kind],
                                           "value": [value], "d": [d]}))
        if not parts:
            return pd.DataFrame({"t": [], "event": [], "a": [], "b": [], "kind": [], "value": [], "d": []})
        return pd.concat(parts, ignore_index=True)

    def summary(self) -> Dict[str, float]:
        """Measures of the end state: mean trust over the directions of
        external and of internal ties, mean reputation over the ordered
        organisation pairs, the share of external directions whose
        effective trust is limited by the person, the disruptions by status,
        the observations applied and the model time."""
        m = self.model
        h = m._h()
        lib = _native.lib
        v, lim, cls = _native.c_double(), _native.c_int(), _native.c_int()
        a, b = _native.ot_id(), _native.ot_id()
        ext, internal, person = [], [], 0
        counts = m.counts()
        for t in range(counts.ties):
            if _tie_inactive(h, t):
                continue
            lib.ot_tie_ends(h, t, ctypes.byref(a), ctypes.byref(b))
            lib.ot_tie_class(h, t, ctypes.byref(cls))
            for i, j in ((a.value, b.value), (b.value, a.value)):
                lib.ot_trust(h, i, j, ctypes.byref(v))
                if cls.value in (3, 4):
                    ext.append(v.value)
                    lib.ot_effective_trust(h, i, j, ctypes.byref(v), ctypes.byref(lim))
                    person += lim.value == 1
                else:
                    internal.append(v.value)
        reps = []
        orgs = counts.orgs
        for x in range(orgs):
            for y in range(orgs):
                if x != y and m.org_parent(x) is None and m.org_parent(y) is None:
                    reps.append(m.reputation(x, y))
        status = {"open": 0, "resolved_locally": 0, "resolved_by_escalation": 0, "withdrawn": 0}
        st = _native.c_int()
        labels = {1: "open", 2: "resolved_locally", 3: "resolved_by_escalation", 4: "withdrawn"}
        for d in range(counts.disruptions):
            lib.ot_disruption_status(h, d, ctypes.byref(st))
            status[labels.get(st.value, "open")] += 1
        return {
            "trust_external": float(sum(ext) / len(ext)) if ext else float("nan"),
            "trust_internal": float(sum(internal) / len(internal)) if internal else float("nan"),
            "reputation": float(sum(reps) / len(reps)) if reps else float("nan"),
            "limited_by_person": person / len(ext) if ext else float("nan"),
            "disruptions": counts.disruptions,
            "open": status["open"],
            "resolved_locally": status["resolved_locally"],
            "resolved_by_escalation": status["resolved_by_escalation"],
            "withdrawn": status["withdrawn"],
            "observations": int(self.timing.get("observations", 0)),
            "t": m.time if m.time is not None else 0.0,
        }


def _is_active(fn_name, h, x):
    """ot_actor_active / ot_tie_active of x; True while the library has no
    such function (before 1.1 nobody leaves and no tie ends)."""
    fn = getattr(_native.lib, fn_name, None)
    if fn is None:
        return True
    flag = _native.c_int()
    fn(h, x, ctypes.byref(flag))
    return bool(flag.value)


def _active(h, actor):
    return _is_active("ot_actor_active", h, actor)


def _tie_inactive(h, tie):
    return not _is_active("ot_tie_active", h, tie)


# ---- structure ----------------------------------------------------------------


def _layer_counts(size, layers, span):
    """People per layer, top first: 1 at the top, up to span per superior
    below, the rest operational."""
    counts = []
    left = size
    above = 0
    for k in range(layers):
        if left <= 0:
            break
        if k == layers - 1:
            n = left
        elif k == 0:
            n = 1
        else:
            n = min(left, above * span)
        counts.append(n)
        left -= n
        above = n
    return counts  # top first


def _build(c, rng):
    """A model holding the collaboration's people and ties; (model, tops)."""
    params = dict(c.params or {})
    params.setdefault("keep_events", 0)
    m = Model(layers=c.layers, **params)
    names = list(c.orgs) if not isinstance(c.orgs, int) else ["org%d" % k for k in range(c.orgs)]
    sizes = [c.sizes] * len(names) if isinstance(c.sizes, int) else list(c.sizes)
    if len(sizes) != len(names):
        raise ValueError("sizes has %d entries for %d organisations" % (len(sizes), len(names)))
    by_layer = []  # per org: list per layer (index = layer) of actor ids
    tops = []
    for name, size in zip(names, sizes):
        org = m.add_org(name)
        counts = _layer_counts(size, c.layers, c.span)
        layers = [[] for _ in range(c.layers)]
        above = []
        for k, n in enumerate(counts):
            layer = c.layers - 1 - k
            here = []
            for i in range(n):
                sup = above[i % len(above)] if above else None
                a = m.add_actor(org, layer, "%s/L%d/%d" % (name, layer, i), superior=sup)
                if sup is not None:
                    m.add_tie(a, sup)
                here.append(a)
            layers[layer] = here
            above = here
        tops.append(layers[c.layers - 1][0] if layers[c.layers - 1] else None)
        by_layer.append(layers)
    pairs = set()
    for x in range(len(names)):
        for y in range(x + 1, len(names)):
            if tops[x] is not None and tops[y] is not None:
                pairs.add((tops[x], tops[y]))
            for layer, people in enumerate(by_layer[x]):
                for a in people:
                    for _ in range(c.partners):
                        target = layer
                        if c.layers > 1 and rng.random() < c.diagonal:
                            target = layer + 1 if layer == 0 else layer - 1 if layer == c.layers - 1 else \
                                layer + (1 if rng.random() < 0.5 else -1)
                        others = by_layer[y][target]
                        if not others:
                            continue
                        b = others[int(rng.integers(len(others)))]
                        pairs.add((a, b))
    for a, b in sorted(pairs):
        m.add_tie(a, b)
    return m, [t for t in tops if t is not None]


# ---- the simulation -------------------------------------------------------------


class _Sim:
    def __init__(self, c, seed, model, keep_log):
        npy = _numpy()
        for name in c.required_functions():
            _native.function(name)  # NotSupported naming it, before anything happens
        ss = seed if isinstance(seed, npy.random.SeedSequence) else npy.random.SeedSequence(seed)
        s_struct, s_people, s_ties, self.s_events, s_turn = ss.spawn(5)
        self.c = c
        self.entropy = ss.entropy
        if model is None:
            self.m, self.tops = _build(c, npy.random.default_rng(s_struct))
        else:
            self.m = model  # its ties keep the intensity and uncertainty they have
            self.tops = []
        self.h = self.m._h()
        self.rng_people = npy.random.default_rng(s_people)
        self.rng_ties = npy.random.default_rng(s_ties)
        self.rng_turn = npy.random.default_rng(s_turn)
        n = self.m.counts().actors
        self.latent = npy.empty((0, 3))
        self._grow_latent(n)
        self.uncert = {}
        if model is None:
            self._tie_attrs(range(self.m.counts().ties))
        else:
            self.uncert = {t: self.m.tie_attr(t, "uncertainty") for t in range(self.m.counts().ties)}
        self.keep_log = keep_log
        self.log = []
        self.heap = []
        self.seq = 0
        self.timing = {"generate": 0.0, "apply": 0.0, "observations": 0}
        self.pair_consults = self._consult_pairs()
        self._directions()

    # -- people and ties --

    def _grow_latent(self, n):
        """Latent (ability, integrity, benevolence) for actors up to n."""
        c = self.c
        have = len(self.latent)
        if n <= have:
            return
        k = n - have
        new = np.column_stack([self.rng_people.beta(*c.ability, size=k), self.rng_people.beta(*c.integrity, size=k),
                               self.rng_people.beta(*c.benevolence, size=k)])
        for a, (ab, be, it) in (c.latent or {}).items():
            if have <= a < n:
                new[a - have] = (ab, it, be)
        self.latent = np.vstack([self.latent, new])

    def _tie_attrs(self, ties):
        c = self.c
        ties = list(ties)
        if not ties:
            return
        w = self.rng_ties.lognormal(0.0, c.intensity_sigma, size=len(ties))
        u = self.rng_ties.beta(*c.uncertainty, size=len(ties))
        for t, wi, ui in zip(ties, w.tolist(), u.tolist()):
            self.m.set_tie(t, intensity=min(max(wi, 1e-6), 1e6), uncertainty=ui)
            self.uncert[t] = ui

    def _consult_pairs(self):
        pairs = []
        for i, x in enumerate(self.tops):
            for y in self.tops[i + 1:]:
                try:
                    self.m.find_tie(x, y)
                except NotFound:
                    continue
                pairs.append((x, y))
        return pairs

    def _directions(self):
        """Arrays over the active directions: truster, trustee, tie, rate
        and the probability of a good outcome per dimension."""
        m = self.m
        lib = _native.lib
        a, b, w = _native.ot_id(), _native.ot_id(), _native.c_double()
        byref = ctypes.byref
        tr, te, tie, rate = [], [], [], []
        for t in range(m.counts().ties):
            if _tie_inactive(self.h, t):
                continue
            lib.ot_tie_ends(self.h, t, byref(a), byref(b))
            lib.ot_tie_get(self.h, t, 1, byref(w))
            for i, j in ((a.value, b.value), (b.value, a.value)):
                tr.append(i)
                te.append(j)
                tie.append(t)
                rate.append(self.c.rate * w.value)
        self.d_truster = np.array(tr, dtype=np.uint32)
        self.d_trustee = np.array(te, dtype=np.uint32)
        self.d_tie = np.array(tie, dtype=np.int64)
        # truster and trustee as the first 8 bytes of a record (_records).
        self.pairs = _pack_pair(self.d_truster, self.d_trustee)
        r = np.array(rate, dtype=np.float64)
        self.total_rate = float(r.sum())
        self.alias_prob, self.alias = _alias_table(r / self.total_rate if self.total_rate > 0 else r)
        u = np.array([self.uncert.get(t, 0.5) for t in tie], dtype=np.float64)[:, None]
        lat = self.latent[self.d_trustee] if len(te) else np.zeros((0, 3))
        p_good = (1.0 - u) * lat + u * 0.5
        # u < threshold[direction * 3 + dimension]: a good outcome (generate).
        lo = _MIX[self.c.mix]
        width = np.diff(np.concatenate([lo, [1.0]]))
        self.threshold = (lo + width * p_good).ravel()
        self.ties_of = {}
        for k, t in enumerate(tie):
            self.ties_of.setdefault(t, []).append(k)

    # -- scheduling --

    def schedule(self, t, action, *args):
        heapq.heappush(self.heap, (t, self.seq, action, args))
        self.seq += 1

    def record(self, what, t, a=-1, b=-1, kind="", value=float("nan"), d=-1):
        if self.keep_log:
            self.log.append((what, (float(t), int(a), int(b), kind, float(value), int(d))))

    # -- one window of interactions --

    def generate(self, t0, t1, rng):
        """The observations and failures of [t0, t1): (times, direction, kind,
        good, severity) arrays, in time order.

        The superposition of every direction's Poisson process: exponential
        gaps at the total rate give the times, and each event falls to
        direction i with probability rate_i / total (Walker's alias method:
        one uniform picks a column and, by its fraction, the column or its
        alias). A second uniform u per event picks the dimension (its share
        of [0, 1) in ``mix``) and the outcome: good when u lies in the lower
        part of that share, in proportion to the probability of a good
        outcome."""
        rate = self.total_rate
        if rate <= 0 or t1 <= t0:
            e = np.empty(0)
            return e, e.astype(np.int64), e.astype(np.int32), e.astype(bool), e
        mean = rate * (t1 - t0)
        n = int(mean + 6.0 * mean ** 0.5 + 16)
        times = t0 + np.cumsum(rng.exponential(1.0 / rate, size=n))
        while times[-1] < t1:  # rare: draw on until past the window
            times = np.concatenate([times, times[-1] + np.cumsum(rng.exponential(1.0 / rate, size=n))])
        times = times[: int(np.searchsorted(times, t1, side="left"))]
        k = len(times)
        ndir = len(self.alias_prob)
        w = rng.random(k) * ndir
        column = np.minimum(w.astype(np.int64), ndir - 1)
        direction = np.where(w - column < self.alias_prob[column], column, self.alias[column])
        lo = _MIX[self.c.mix]
        u = rng.random(k)
        dim = (u >= lo[1]).astype(np.int64)
        dim += u >= lo[2]
        good = u < self.threshold[direction * 3 + dim]
        kind = _KIND_FLAT[dim * 2 + good]
        severity = np.zeros(k)
        bad = ~good
        severity[bad] = 1.0 - rng.random(int(bad.sum()))  # in (0, 1], failures only
        return times, direction, kind, good, severity

    def window(self, t0, t1, rng):
        g0 = _time.perf_counter()
        times, direction, kind, good, severity = self.generate(t0, t1, rng)
        disrupt = severity > self.c.severity  # failures only have a severity
        dis_idx = np.flatnonzero(disrupt)
        if len(dis_idx):
            keep = ~disrupt
            od, okind, otimes = direction[keep], kind[keep], times[keep]
        else:
            od, okind, otimes = direction, kind, times
        obs = _records(self.pairs[od], okind, otimes)
        self.base = obs.ctypes.data
        dis = [(float(times[i]), int(self.d_truster[direction[i]]), int(self.d_trustee[direction[i]]),
                int(kind[i]), float(severity[i])) for i in dis_idx.tolist()]
        self.timing["generate"] += _time.perf_counter() - g0
        # Apply in time order: observations up to each other event's time,
        # then that event.
        pos = 0
        for t, a, b, k, s in dis:
            pos = self._drain_until(t, obs, pos, t1)
            pos = self._feed(obs, pos, int(np.searchsorted(obs["t"], t, side="right")))
            self._disrupt(t, a, b, k, s)
        pos = self._drain_until(t1, obs, pos, t1, before=True)
        self._feed(obs, pos, len(obs))

    def _drain_until(self, t, obs, pos, t1, before=False):
        """Apply the scheduled events due before t (or at t unless before),
        with the observations before each."""
        while self.heap and (self.heap[0][0] < t or (not before and self.heap[0][0] <= t)):
            te, _, action, args = heapq.heappop(self.heap)
            pos = self._feed(obs, pos, int(np.searchsorted(obs["t"], te, side="right")))
            action(self, te, *args)
        return pos

    def _feed(self, obs, start, stop):
        if stop > start:
            a0 = _time.perf_counter()
            # A prepared buffer over the window's array: observe_many hands
            # it to ot_observe_batch as it is (no copy, no conversion).
            self.m.observe_many((_native.Observation * (stop - start)).from_address(self.base + 32 * start))
            self.timing["apply"] += _time.perf_counter() - a0
            self.timing["observations"] += stop - start
            if self.keep_log:
                self.log.append(("observe", obs[start:stop].copy()))
        return max(start, stop)

    # -- disruptions and their handling --

    def _disrupt(self, t, a, b, kind, severity):
        dkind = "task" if kind in (Kind.FAILED_DELIVERY, Kind.DELIVERED) else "relational"
        d = self.m.disrupt(a, b, dkind, severity, t)
        self.record("disrupt", t, a, b, dkind, severity, d)
        c = self.c
        if c.response is not None:
            self.schedule(t + c.respond_after, _Sim._respond, d)
        if c.handling == "repair":
            self.schedule(t + c.handle_after, _Sim._repair, d)
        elif c.handling == "escalate":
            self.schedule(t + c.handle_after, _Sim._escalate, d)
        elif c.handling == "refer":
            self.schedule(self._due(d), _Sim._refer, d)

    def _open(self, d):
        st = _native.c_int()
        _native.lib.ot_disruption_status(self.h, d, ctypes.byref(st))
        return st.value == 1

    def _due(self, d):
        due = _native.c_double()
        _native.function("ot_disruption_due")(self.h, d, ctypes.byref(due))
        # Overdue is strictly past the due time: act just after it.
        return float(np.nextafter(due.value, np.inf))

    def _repair(self, t, d):
        if self._open(d):
            self.m.repair(d, t)
            self.record("repair", t, d=d)

    def _between_organisations(self, t, d):
        """True when d is open on an external tie (escalation and the ladder
        are for those); an open disruption between colleagues is repaired."""
        if not self._open(d):
            return False
        if self.m.tie_class(self.m.disruption(d).tie) in ("internal", "vertical"):
            self._repair(t, d)
            return False
        return True

    def _escalate(self, t, d):
        if not self._between_organisations(t, d):
            return
        resolved, _layer = self.m.escalate(d, t, "joint")
        self.record("escalate", t, d=d, value=1.0 if resolved else 0.0)
        if not resolved:
            self._repair(t, d)

    def _refer(self, t, d):
        if not self._between_organisations(t, d):
            return
        try:
            _native.function("ot_refer")(self.h, d, 1, t)
        except StateError:  # no rung left: the parties repair it
            return self._repair(t, d)
        self.record("refer", t, d=d)
        self.schedule(t + self.c.handle_after, _Sim._resolve, d)

    def _resolve(self, t, d):
        if not self._open(d):
            return
        resolved = _native.c_int()
        _native.function("ot_resolve")(self.h, d, t, ctypes.byref(resolved))
        self.record("resolve", t, d=d, value=float(resolved.value))
        if not resolved.value:
            self.schedule(max(t, self._due(d)), _Sim._refer, d)

    def _respond(self, t, d):
        if self._open(d):
            _native.function("ot_respond")(self.h, d, _RESPONSE_CODES[self.c.response], t)
            self.record("respond", t, kind=self.c.response, d=d)

    # -- consultation and turnover --

    def _consult(self, t):
        for x, y in self.pair_consults:
            self.m.consult(x, y, t, liaison_x=x, liaison_y=y)
            self.record("consult", t, x, y)
        self.schedule(t + self.c.consult_every, _Sim._consult)

    def turnover(self, t):
        """Who leaves at the start of the window [t, t + batch_days), and
        their successors."""
        c = self.c
        p = 1.0 - (1.0 - c.turnover) ** (c.batch_days / 365.0)
        m = self.m
        n = m.counts().actors
        draws = self.rng_turn.random(n)
        leave = _native.function("ot_actor_leave")
        changed = False
        for a in np.flatnonzero(draws < p).tolist():
            if not _active(self.h, a):
                continue
            partners = self._partners(a)
            reports = [r for r in range(n) if m.actor_superior(r) == a and _active(self.h, r)]
            org, layer, sup = m.actor_org(a), m.actor_layer(a), m.actor_superior(a)
            leave(self.h, a, t)
            self.record("leave", t, a)
            b = m.add_actor(org, layer, m.actor_name(a) + "'", superior=sup)
            self.record("join", t, b)
            for r in reports:
                m.set_superior(r, b)
            # The successor takes over each tie as it was used: the same
            # intensity and task uncertainty (the affect starts anew).
            for x, old in partners:
                w, u = m.tie_attr(old, "intensity"), m.tie_attr(old, "uncertainty")
                new = m.add_tie(b, x, intensity=w, uncertainty=u)
                self.uncert[new] = u
            self.tops = [b if x == a else x for x in self.tops]
            self._grow_latent(b + 1)
            changed = True
        if changed:
            self.pair_consults = self._consult_pairs()
            self._directions()

    def _partners(self, a):
        """(partner, tie) of every active tie of a with an active partner, as
        the model has them now (earlier successors of this window included)."""
        lib, h = _native.lib, self.h
        x, y = _native.ot_id(), _native.ot_id()
        out = []
        for t in range(self.m.counts().ties):
            lib.ot_tie_ends(h, t, ctypes.byref(x), ctypes.byref(y))
            if a in (x.value, y.value) and not _tie_inactive(h, t):
                other = y.value if x.value == a else x.value
                if _active(h, other):
                    out.append((other, t))
        return out

    def run(self):
        c = self.c
        start = self.m.time or 0.0
        if c.consult_every is not None and self.pair_consults:
            self.schedule(start + c.consult_every, _Sim._consult)
        nwin = int(np.ceil(c.days / c.batch_days)) if c.days > 0 else 0
        streams = self.s_events.spawn(nwin)
        t0 = start
        for k in range(nwin):
            t1 = min(start + (k + 1) * c.batch_days, start + c.days)
            if c.turnover > 0 and k > 0:
                self.turnover(t0)
            self.window(t0, t1, np.random.default_rng(streams[k]))
            t0 = t1
        return self


_OBS_DTYPE = observation_dtype() if np is not None else None
_ONE_BITS = np.array([1.0]).view(np.uint64)[0] if np is not None else None
_KIND_TABLE = np.array([[int(k) for k in row] for row in _KINDS], dtype=np.int32) if np is not None else None


_KIND_FLAT = _KIND_TABLE.ravel() if np is not None else None  # [dimension * 2 + good]
_LITTLE = sys.byteorder == "little"


def _pack_pair(truster, trustee):
    """(truster, trustee) as the uint64 of the first 8 bytes of an
    ot_observation (little-endian: truster in the low half)."""
    if not _LITTLE:
        return np.stack([truster, trustee], axis=1)
    return truster.astype(np.uint64) | (trustee.astype(np.uint64) << np.uint64(32))


def _records(pairs, kind, times):
    """ot_observation records (magnitude 1) as an array of observation_dtype(),
    written as four uint64 columns: (truster, trustee), (kind, reserved 0),
    magnitude, t."""
    n = len(times)
    if not _LITTLE:
        obs = np.zeros(n, dtype=_OBS_DTYPE)
        obs["truster"], obs["trustee"] = pairs[:, 0], pairs[:, 1]
        obs["kind"], obs["magnitude"], obs["t"] = kind, 1.0, times
        return obs
    words = np.empty((n, 4), dtype=np.uint64)
    words[:, 0] = pairs
    words[:, 1] = kind  # non-negative int32, reserved 0 above it
    words[:, 2] = _ONE_BITS
    words[:, 3] = times.view(np.uint64)
    return words.view(_OBS_DTYPE).reshape(n)


class _MixBounds(dict):
    """mix -> the lower bound of each dimension's share of [0, 1)."""

    def __missing__(self, mix):
        self[mix] = np.concatenate([[0.0], np.cumsum(np.array(mix, dtype=np.float64))[:-1]])
        return self[mix]


def _alias_table(p):
    """Walker's alias table (Vose's construction) of the distribution p:
    (prob, alias) with column i kept with probability prob[i], else alias[i]."""
    n = len(p)
    q = (np.asarray(p, dtype=np.float64) * n).tolist()
    prob = [1.0] * n
    alias = list(range(n))
    small = [i for i, x in enumerate(q) if x < 1.0]
    large = [i for i, x in enumerate(q) if x >= 1.0]
    while small and large:
        s, g = small.pop(), large.pop()
        prob[s], alias[s] = q[s], g
        q[g] += q[s] - 1.0
        (small if q[g] < 1.0 else large).append(g)
    return np.array(prob, dtype=np.float64), np.array(alias, dtype=np.int64)


_MIX = _MixBounds()


def simulate(collaboration: Optional[Collaboration] = None, seed: Any = 0, model: Optional[Model] = None,
             keep_log: bool = False, **changes: Any) -> Run:
    """Simulate a collaboration; a Run.

    ``collaboration``: the knobs (default ``Collaboration()``), with
    ``changes`` applied (``simulate(days=90, handling="escalate")``).
    ``seed``: an int or a ``numpy.random.SeedSequence``. ``model``: a model
    of your own whose actors and ties are the collaboration (its events
    continue from its time); otherwise one is built (with ``keep_events=0``
    unless ``params`` say otherwise). ``keep_log``: keep the event log for
    ``Run.events()``.

    NotSupported (naming the function) before anything happens when a
    policy needs a function of liborgtrust 1.1 the loaded library lacks."""
    c = collaboration if collaboration is not None else Collaboration()
    if changes:
        c = dataclasses.replace(c, **changes)
    t0 = _time.perf_counter()
    s = _Sim(c, seed, model, keep_log).run()
    s.timing["total"] = _time.perf_counter() - t0
    s.timing["other"] = s.timing["total"] - s.timing["generate"] - s.timing["apply"]
    return Run(s.m, c, s.entropy, s.tops, s.log, s.timing, s.latent)


def experiment(params: Mapping[str, Any], seed: Any) -> Dict[str, float]:
    """A run function for ``orgtrust.sweep``: simulate the Collaboration
    with ``params`` changed and return its summary."""
    return simulate(Collaboration(**dict(params)), seed=seed).summary()
