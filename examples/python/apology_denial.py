#!/usr/bin/env python3
"""Apology versus denial (Kim, Ferrin, Cooper & Dirks 2004; Ferrin et al. 2007), as a figure.

    python3 examples/python/apology_denial.py [apology_denial.png]

Fatima has kept ten agreements with Roy when a disruption opens on day 11:
a competence breach (a TASK disruption: the work was not up to it) or an
integrity breach (RELATIONAL: she went behind his back), severity 0.5. On
day 12 she apologises, denies, or says nothing; ten more kept agreements
follow. docs/model.md (responding to a breach) says that an apology repairs
a competence breach better than a denial, a denial an integrity breach
better than an apology, and that saying nothing ends lowest. The script runs
the six arms as an orgtrust.sweep (one replication: nothing here is random),
draws Roy's final trust per response and kind (orgtrust.plot.sweep), checks
the three orderings and exits 1 if one fails.

Needs liborgtrust 1.1 (responses: ot_respond); with an older library it
says so and exits 2.
"""

import os
import sys

try:
    import orgtrust
except ImportError:  # run from a source checkout: the package in bindings/python
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bindings", "python"))
    import orgtrust
from orgtrust import _native  # noqa: E402

RESPONSES = {"apology": 1, "denial": 2}


def respond(m, d, response, t):
    """Fatima's answer: Model.respond where the bindings have it, else the
    library's ot_respond through the bindings' table."""
    if hasattr(m, "respond"):
        return m.respond(d, response, t)
    _native.function("ot_respond")(m._h(), d, RESPONSES[response], t)


def breach(params, seed):
    """One arm: Roy's trust in Fatima at the end."""
    m = orgtrust.Model()
    g, w = m.add_org("Gemeente"), m.add_org("Waterschap")
    roy, fatima = m.add_actor(g, 0, "Roy"), m.add_actor(w, 0, "Fatima")
    m.add_tie(roy, fatima)
    for day in range(1, 11):
        m.observe(roy, fatima, "agreement_kept", t=float(day))
    d = m.disrupt(roy, fatima, params["kind"], 0.5, t=11.0)
    if params["response"] != "none":
        respond(m, d, params["response"], 12.0)
    for day in range(13, 23):
        m.observe(roy, fatima, "agreement_kept", t=float(day))
    return {"trust": m.trust(roy, fatima)}


def main(argv):
    out = argv[1] if len(argv) > 1 else "apology_denial.png"
    if not _native.has("ot_respond"):
        print("apology_denial: this liborgtrust (%s) has no responses to a breach (ot_respond): it needs "
              "liborgtrust 1.1" % orgtrust.library_version, file=sys.stderr)
        return 2
    import matplotlib

    matplotlib.use("Agg")
    from orgtrust import plot

    df = orgtrust.sweep(breach, {"kind": ["task", "relational"], "response": ["apology", "denial", "none"]},
                        replications=1, seed=0)
    print(df[["kind", "response", "trust"]].to_string(index=False))
    ax = plot.sweep(df, x="response", y="trust", hue="kind", band=None,
                    title="Apology versus denial: Roy's trust in Fatima after a breach")
    ax.figure.savefig(out, dpi=100)
    print("figure: %s" % out)
    t = df.set_index(["kind", "response"])["trust"]
    checks = {
        "task: apology > denial": t["task", "apology"] > t["task", "denial"],
        "relational: denial > apology": t["relational", "denial"] > t["relational", "apology"],
        "no response lowest": all(t[k, "none"] < min(t[k, "apology"], t[k, "denial"]) for k in ("task", "relational")),
    }
    for name, ok in checks.items():
        print("%-30s %s" % (name, "holds" if ok else "DOES NOT HOLD"))
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
