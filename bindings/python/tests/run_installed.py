"""The Python tests against an installed copy of the package, as a user gets it.

    python3 tests/run_installed.py WORKDIR [unittest args...]
    python3 tests/run_installed.py --cmake BUILDDIR WORKDIR

Makes a virtual environment in WORKDIR that sees the system's packages
(Debian's numpy, pandas, matplotlib, dask), installs this package into it
with pip, offline (``--no-build-isolation --no-index``), from a copy of the
package and the public header laid out as in the source tree (so the source
tree gets no build/ or egg-info), and runs every test_*.py with the venv's
interpreter and ORGTRUST_TEST_INSTALLED=1: support.py then refuses the
source tree's copy. ORGTRUST_LIBRARY names the library under test.

With --cmake, installs the build's ``python`` component and the library into
a fresh prefix with ``cmake --install`` instead, and checks that the package
imported from there, with no ORGTRUST_LIBRARY, loads the library of that
prefix (recorded in orgtrust/_libdir.py) and runs a story.
"""

import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.dirname(HERE)
CHECKOUT = os.path.dirname(os.path.dirname(PACKAGE))


def run(cmd, **kwargs):
    print("+ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kwargs)


def cmake_install(build, work):
    shutil.rmtree(work, ignore_errors=True)
    prefix = os.path.join(work, "prefix")
    run(["cmake", "--install", build, "--prefix", prefix], stdout=subprocess.DEVNULL)
    run(["cmake", "--install", build, "--prefix", prefix, "--component", "python"], stdout=subprocess.DEVNULL)
    site = [os.path.join(d, "orgtrust") for d, dirs, _ in os.walk(prefix) if "orgtrust" in dirs]
    site = [os.path.dirname(d) for d in site if os.path.exists(os.path.join(d, "__init__.py"))]
    if len(site) != 1:
        sys.exit("expected one installed orgtrust package under %s, found %s" % (prefix, site))
    env = {k: v for k, v in os.environ.items() if k not in ("ORGTRUST_LIBRARY", "LD_LIBRARY_PATH", "PYTHONPATH")}
    env.update(PYTHONPATH=site[0], PYTHONDONTWRITEBYTECODE="1")
    code = ("import orgtrust, os, sys\n"
            "assert orgtrust.library_path.startswith(sys.argv[1] + os.sep), orgtrust.library_path\n"
            "m = orgtrust.Model(); g, w = m.add_org('Gemeente'), m.add_org('Waterschap')\n"
            "roy, fatima = m.add_actor(g, 0, 'Roy'), m.add_actor(w, 0, 'Fatima'); m.add_tie(roy, fatima)\n"
            "m.observe(roy, fatima, 'agreement_kept', 1.0)\n"
            "assert abs(m.trust(roy, fatima) - 0.525) < 1e-12  # 0.5 + 0.05 * (1 - 0.5)\n"
            "print('cmake-installed package OK:', orgtrust.__file__, orgtrust.library_path)\n")
    run([sys.executable, "-c", code, prefix], env=env, cwd=work)


def main(argv):
    if len(argv) == 4 and argv[1] == "--cmake":
        return cmake_install(os.path.abspath(argv[2]), os.path.abspath(argv[3]))
    if len(argv) < 2:
        sys.exit(__doc__)
    work = os.path.abspath(argv[1])
    shutil.rmtree(work, ignore_errors=True)
    src = os.path.join(work, "src", "bindings", "python")
    shutil.copytree(PACKAGE, src, ignore=shutil.ignore_patterns("tests", "benchmarks", "build", "*.egg-info",
                                                               "__pycache__", "_libdir.py"))
    os.makedirs(os.path.join(work, "src", "include"))
    shutil.copy(os.path.join(CHECKOUT, "include", "orgtrust.h"), os.path.join(work, "src", "include"))
    venv = os.path.join(work, "venv")
    run([sys.executable, "-m", "venv", "--system-site-packages", venv])
    python = os.path.join(venv, "bin", "python")
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
    run([python, "-m", "pip", "install", "--no-build-isolation", "--no-index", "--no-deps", src], env=env)
    # The tests run from a directory of their own, so nothing of the source
    # tree is on sys.path but the tests themselves.
    env.update(ORGTRUST_TEST_INSTALLED="1", PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONPATH", None)
    run([python, "-c", "import orgtrust, sys; print('installed:', orgtrust.__file__, orgtrust.__version__)"],
        env=env, cwd=work)
    run([python, "-m", "unittest", "discover", "-s", HERE, "-t", HERE, "-p", "test_*.py"] + argv[2:],
        env=env, cwd=work)


if __name__ == "__main__":
    main(sys.argv)
