#!/usr/bin/env python3
"""Roy (gemeente) and Fatima (waterschap), told through the Python bindings.

Run it from a source checkout after `make build`:

    python3 examples/python/roy_and_fatima.py

The package is taken from bindings/python and the library from build/ (or
from the ORGTRUST_LIBRARY environment variable).
"""

import os
import sys

try:
    import orgtrust
except ImportError:
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.join(here, os.pardir, os.pardir, "bindings", "python"))
    import orgtrust


def main():
    with orgtrust.Model() as m:
        gemeente = m.add_org("Gemeente")
        waterschap = m.add_org("Waterschap")
        wethouder = m.add_actor(gemeente, "administrative", "Wethouder")
        roy = m.add_actor(gemeente, "operational", "Roy", superior=wethouder)
        sanne = m.add_actor(gemeente, "operational", "Sanne", superior=wethouder)
        dijkgraaf = m.add_actor(waterschap, "administrative", "Dijkgraaf")
        fatima = m.add_actor(waterschap, "operational", "Fatima", superior=dijkgraaf)
        tie = m.add_tie(roy, fatima)
        m.add_tie(sanne, fatima)
        m.add_tie(wethouder, dijkgraaf)

        # Trust comes on foot ...
        m.observe(roy, fatima, "agreement_kept", t=1)
        print("Roy trusts Fatima          %.4f" % m.trust(roy, fatima))  # 0.5 + 0.05 * 0.5 = 0.525
        # ... and leaves on horseback.
        m.observe(sanne, fatima, "agreement_broken", t=2)
        print("Sanne trusts Fatima        %.4f" % m.trust(sanne, fatima))  # 0.5 * 0.75 = 0.375

        # Roy must trust both Fatima and her organisation; his colleagues'
        # view of the waterschap (Sanne's 0.375, the wethouder's 0.5) holds
        # him back.
        value, limit = m.effective_trust(roy, fatima)
        print("Roy's effective trust      %.4f (limited by %s)" % (value, limit))  # 0.4375, reputation
        gap, on_bridge = m.bridge_gap(roy, waterschap)
        print("Roy's bridge gap           %+.4f%s" % (gap, " (on the bridge)" if on_bridge else ""))

        # Distrust at the top makes trust harder to build below.
        m.observe(wethouder, dijkgraaf, "concealed", t=3)
        m.observe(dijkgraaf, wethouder, "concealed", t=3)
        print("Damping on Roy's tie       %.4f" % m.damping(roy, fatima))  # 0.375 / 0.5 = 0.75

        # A disruption, and where escalating it would go.
        d = m.disrupt(roy, fatima, "relational", 0.5, t=10)
        for step in m.escalation_path(tie):
            print("Escalation step at layer %d: %s and %s: %s"
                  % (step.layer, m.actor_name(step.x), m.actor_name(step.y), step.status))
        resolved, layer = m.escalate(d, 10, mode="joint")
        print("Escalated: %s; Roy now trusts Fatima %.4f" % ("resolved" if resolved else "not resolved",
                                                              m.trust(roy, fatima)))
        m.repair(d, t=12)
        print("Repaired locally; Roy now trusts Fatima %.4f (%s)" % (m.trust(roy, fatima),
                                                                     m.disruption(d).status))
        m.observe_many([(roy, fatima, "delivered", 20), (fatima, roy, "went_beyond", 21, 2.0)])
        print("Counts:", dict(m.counts()._asdict()))


if __name__ == "__main__":
    main()
