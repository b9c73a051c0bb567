#!/usr/bin/env python3
"""The timing of a breach (Lount, Zhong, Sivanathan & Murnighan 2008), as a figure.

    python3 examples/python/breach_timing.py [breach_timing.png]

Roy works with Fatima for 30 rounds, one a day, and Fatima keeps every
agreement but two: rounds 1-2 (an early breach), 6-7, 11-12 (a late one),
or none at all. docs/model.md (lasting damage: scars and the ceiling) says
that a breach before there is evidence to weigh it against leaves the
deeper scar, so after 30 rounds Roy's trust ends in the order
none > late > mid > early, although the early breach had the most rounds
to recover in. The figure draws Roy's trust round by round for the four
arms (orgtrust.plot.timeline); the script checks the order and exits 1 if
it does not hold.

Needs liborgtrust 1.1 (scars: ot_scars); with an older library it says so
and exits 2.
"""

import os
import sys

try:
    import orgtrust
except ImportError:  # run from a source checkout: the package in bindings/python
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bindings", "python"))
    import orgtrust
from orgtrust import _native  # noqa: E402

ROUNDS = 30
ARMS = {"early (1-2)": (1, 2), "mid (6-7)": (6, 7), "late (11-12)": (11, 12), "none": ()}


def arm(broken):
    """Roy's trust in Fatima after each round, and his scar at the end."""
    m = orgtrust.Model()
    g, w = m.add_org("Gemeente"), m.add_org("Waterschap")
    roy, fatima = m.add_actor(g, 0, "Roy"), m.add_actor(w, 0, "Fatima")
    m.add_tie(roy, fatima)
    trust = [(0.0, m.trust(roy, fatima))]
    for r in range(1, ROUNDS + 1):
        m.observe(roy, fatima, "agreement_broken" if r in broken else "agreement_kept", t=float(r))
        trust.append((float(r), m.trust(roy, fatima)))
    scar, deception = _native.c_double(), _native.c_double()
    _native.function("ot_scars")(m._h(), roy, fatima, _native.ctypes.byref(scar), _native.ctypes.byref(deception))
    return trust, scar.value


def main(argv):
    out = argv[1] if len(argv) > 1 else "breach_timing.png"
    if not _native.has("ot_scars"):
        print("breach_timing: this liborgtrust (%s) has no scars (ot_scars): it needs liborgtrust 1.1"
              % orgtrust.library_version, file=sys.stderr)
        return 2
    import matplotlib

    matplotlib.use("Agg")
    import pandas as pd

    from orgtrust import plot

    rows, final = [], {}
    for name, broken in ARMS.items():
        trust, scar = arm(broken)
        rows += [{"time": t, "probe": name, "value": v} for t, v in trust]
        final[name] = trust[-1][1]
        print("%-13s final trust %.4f   scar %.4f" % (name, trust[-1][1], scar))
    ax = plot.timeline(pd.DataFrame(rows), title="The timing of a breach: Roy's trust in Fatima",
                       xlabel="round (day)", ylabel="trust")
    ax.figure.savefig(out, dpi=100)
    print("figure: %s" % out)
    order = ["none", "late (11-12)", "mid (6-7)", "early (1-2)"]
    holds = all(final[a] > final[b] for a, b in zip(order, order[1:]))
    print("none > late > mid > early: %s" % ("holds" if holds else "DOES NOT HOLD"))
    return 0 if holds else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
