"""The package's version is the library's: liborgtrust keeps it in one
place, the OT_VERSION_* macros of include/orgtrust.h, which ot_version()
returns. Built from a source checkout, the header is read; built anywhere
else, the library the package finds (ORGTRUST_LIBRARY first) is asked."""

import os
import re
import subprocess
import sys

from setuptools import setup

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = os.path.join(HERE, "..", "..", "include", "orgtrust.h")


def version():
    if os.path.exists(HEADER):
        with open(HEADER, encoding="utf-8") as f:
            text = f.read()
        parts = [re.search(r"^#define OT_VERSION_%s (\d+)" % p, text, re.M) for p in ("MAJOR", "MINOR", "PATCH")]
        if all(parts):
            return ".".join(m.group(1) for m in parts)
    # No checkout: ask the library, in a child so a failure is a message.
    code = "import orgtrust._native as n; print(n.library_version)"
    r = subprocess.run([sys.executable, "-c", code], cwd=HERE, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit("orgtrust: no include/orgtrust.h beside this package and no liborgtrust to ask "
                         "for the version:\n" + r.stderr)
    return r.stdout.strip()


setup(version=version())
