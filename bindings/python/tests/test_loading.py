"""Finding and binding the library: the lookup order, loud failures, the
version check, and one table that types every function of the header."""

import ctypes
import ctypes.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

from support import CHECKOUT, INSTALLED, PACKAGE_ROOT

import orgtrust
from orgtrust import _native

HEADER = os.path.join(CHECKOUT, "include", "orgtrust.h")
MAP = os.path.join(CHECKOUT, "lib", "orgtrust.map")


def import_in_child(env_changes, package_root=PACKAGE_ROOT):
    """Import orgtrust in a fresh interpreter; (returncode, stdout, stderr)."""
    env = dict(os.environ)
    env.pop("ORGTRUST_LIBRARY", None)
    env.update(env_changes)
    env["PYTHONPATH"] = package_root
    code = "import orgtrust; print(orgtrust.library_path)"
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    return r.returncode, r.stdout.strip(), r.stderr


class Table(unittest.TestCase):
    @unittest.skipUnless(os.path.exists(HEADER), "not in a source checkout")
    def test_every_header_function_is_in_the_table(self):
        with open(HEADER, encoding="utf-8") as f:
            text = f.read()
        declared = set(re.findall(r"^OT_API\s[^;(]*?\b(ot_\w+)\s*\(", text, re.M))
        self.assertGreater(len(declared), 70)
        self.assertEqual(declared, set(_native.FUNCTIONS))

    @unittest.skipUnless(os.path.exists(HEADER), "not in a source checkout")
    def test_every_enum_mirrors_the_header(self):
        with open(HEADER, encoding="utf-8") as f:
            text = f.read()
        blocks = dict(re.findall(r"typedef enum (ot_\w+) \{(.*?)\}", text, re.S))
        mirrors = [
            (orgtrust.Status, "ot_status", "OT_"), (orgtrust.Param, "ot_param", "OT_PARAM_"),
            (orgtrust.Count, "ot_count_what", "OT_"), (orgtrust.TieAttr, "ot_tie_attr", "OT_TIE_"),
            (orgtrust.TieClass, "ot_class", "OT_"), (orgtrust.Kind, "ot_kind", "OT_"),
            (orgtrust.Dimension, "ot_dimension", "OT_"), (orgtrust.Limit, "ot_limit", "OT_LIMIT_"),
            (orgtrust.Basis, "ot_basis", "OT_BASIS_"), (orgtrust.DisruptionKind, "ot_disruption_kind", "OT_"),
            (orgtrust.DisruptionStatus, "ot_disruption_state", "OT_"),
            (orgtrust.EscalationMode, "ot_escalation_mode", "OT_"),
            (orgtrust.StepStatus, "ot_step_status", "OT_STEP_"), (orgtrust.StepReason, "ot_step_reason", "OT_REASON_"),
            (orgtrust.StoreFlags, "ot_store_flags", "OT_STORE_"),
            (orgtrust.FuseRule, "ot_fuse_rule", "OT_FUSE_"),
            (orgtrust.ProbeWhat, "ot_probe_what", "OT_PROBE_"),
            (orgtrust.Response, "ot_response", "OT_RESPONSE_"),
            (orgtrust.List, "ot_list", "OT_LIST_"), (orgtrust.Advice, "ot_advice", "OT_ADVICE_"),
        ]
        self.assertEqual({c for _, c, _ in mirrors}, set(blocks))
        for cls, c_name, prefix in mirrors:
            values = {name[len(prefix):]: int(v) for name, v in re.findall(r"(OT_\w+)\s*=\s*(-?\d+)", blocks[c_name])}
            self.assertEqual({m.name: m.value for m in cls}, values, c_name)

    @unittest.skipUnless(os.path.exists(MAP), "not in a source checkout")
    def test_every_exported_symbol_is_in_the_table(self):
        with open(MAP, encoding="utf-8") as f:
            exported = set(re.findall(r"^\s+(ot_\w+);", f.read(), re.M))
        self.assertEqual(exported, set(_native.FUNCTIONS))

    def test_every_function_is_typed(self):
        for name, (argtypes, restype, errcheck) in _native.FUNCTIONS.items():
            fn = getattr(_native.lib, name)
            self.assertEqual(tuple(fn.argtypes), tuple(argtypes), name)
            self.assertIs(fn.restype, restype, name)
            self.assertIsNotNone(errcheck, name)
            self.assertIs(fn.errcheck, errcheck, name)

    def test_struct_layouts(self):
        o = orgtrust.Observation
        self.assertEqual([(n, getattr(o, n).offset) for n, _ in o._fields_],
                         [("truster", 0), ("trustee", 4), ("kind", 8), ("reserved", 12), ("magnitude", 16),
                          ("t", 24)])
        self.assertEqual(ctypes.sizeof(_native.EscalationStep), 20)

    def test_version(self):
        self.assertEqual(orgtrust.library_version.split(".")[0], str(orgtrust.EXPECTED_MAJOR))
        self.assertEqual(_native.lib.ot_version_number() // 10000, orgtrust.EXPECTED_MAJOR)
        _native.check_version(10203, "liborgtrust.so.1", "1.2.3")  # a newer minor is fine
        with self.assertRaises(ImportError) as cm:
            _native.check_version(20000, "/opt/liborgtrust.so.2", "2.0.0")
        self.assertIn("major version 1", str(cm.exception))
        self.assertIn("/opt/liborgtrust.so.2", str(cm.exception))


class Lookup(unittest.TestCase):
    def test_environment_variable_wins(self):
        lib = os.environ.get("ORGTRUST_LIBRARY") or orgtrust.library_path
        rc, out, err = import_in_child({"ORGTRUST_LIBRARY": lib})
        self.assertEqual(rc, 0, err)
        self.assertEqual(out, lib)

    def test_a_wrong_environment_variable_is_an_error(self):
        rc, out, err = import_in_child({"ORGTRUST_LIBRARY": "/nonexistent/liborgtrust.so.1"})
        self.assertNotEqual(rc, 0)
        self.assertIn("ImportError", err)
        self.assertIn("ORGTRUST_LIBRARY: /nonexistent/liborgtrust.so.1 does not exist", err)

    def test_a_library_without_the_functions_is_an_error(self):
        libc = ctypes.util.find_library("c")
        if not libc:
            self.skipTest("no C library to point at")
        rc, out, err = import_in_child({"ORGTRUST_LIBRARY": libc})
        self.assertNotEqual(rc, 0)
        self.assertIn("lacks", err)
        self.assertIn("ot_model_new", err)

    @unittest.skipIf(INSTALLED, "the installed package is not in a checkout")
    def test_the_build_tree_of_the_checkout(self):
        built = os.path.join(CHECKOUT, "build", "liborgtrust.so.1")
        if not os.path.exists(built):
            self.skipTest("no build/ in this checkout")
        rc, out, err = import_in_child({})
        self.assertEqual(rc, 0, err)
        self.assertEqual(out, built)

    def test_nothing_found_lists_every_place(self):
        if ctypes.util.find_library("orgtrust") or _native._pkg_config_libdir():
            self.skipTest("an installed liborgtrust would be found")
        tmp = tempfile.mkdtemp(prefix="orgtrust-test-")
        try:
            root = os.path.join(tmp, "bindings", "python")
            shutil.copytree(os.path.join(PACKAGE_ROOT, "orgtrust"), os.path.join(root, "orgtrust"),
                            ignore=shutil.ignore_patterns("_libdir.py", "__pycache__"))
            rc, out, err = import_in_child({"LD_LIBRARY_PATH": ""}, root)
        finally:
            shutil.rmtree(tmp)
        self.assertNotEqual(rc, 0)
        for place in ("next to the package: " + os.path.join(root, "orgtrust", "liborgtrust.so.1"),
                      "build tree of this checkout: " + os.path.join(tmp, "build", "liborgtrust.so.1"),
                      "pkg-config's libdir of orgtrust: found nothing",
                      "find_library('orgtrust'): found nothing",
                      "the dynamic loader's search path: liborgtrust.so.1",
                      "set ORGTRUST_LIBRARY"):
            self.assertIn(place, err)

    def copy_package(self, tmp):
        """The package alone in tmp (no checkout around it); its root."""
        root = os.path.join(tmp, "site")
        shutil.copytree(os.path.join(PACKAGE_ROOT, "orgtrust"), os.path.join(root, "orgtrust"),
                        ignore=shutil.ignore_patterns("_libdir.py", "__pycache__"))
        return root

    def test_pkg_config_libdir(self):
        if shutil.which("pkg-config") is None:
            self.skipTest("no pkg-config")
        lib = os.environ.get("ORGTRUST_LIBRARY") or orgtrust.library_path
        tmp = tempfile.mkdtemp(prefix="orgtrust-test-")
        try:
            root = self.copy_package(tmp)
            with open(os.path.join(tmp, "orgtrust.pc"), "w", encoding="utf-8") as f:
                f.write("libdir=%s\nName: orgtrust\nDescription: test\nVersion: 1.0.0\nLibs: -lorgtrust\n"
                        % os.path.dirname(lib))
            rc, out, err = import_in_child({"PKG_CONFIG_PATH": tmp}, root)
        finally:
            shutil.rmtree(tmp)
        self.assertEqual(rc, 0, err)
        self.assertEqual(out, os.path.join(os.path.dirname(lib), "liborgtrust.so.1"))

    def test_the_libdir_cmake_installed_it_beside(self):
        lib = os.environ.get("ORGTRUST_LIBRARY") or orgtrust.library_path
        tmp = tempfile.mkdtemp(prefix="orgtrust-test-")
        try:
            root = self.copy_package(tmp)
            with open(os.path.join(root, "orgtrust", "_libdir.py"), "w", encoding="utf-8") as f:
                f.write("LIBDIR = %r\n" % os.path.dirname(lib))
            rc, out, err = import_in_child({}, root)
        finally:
            shutil.rmtree(tmp)
        self.assertEqual(rc, 0, err)
        self.assertEqual(out, os.path.join(os.path.dirname(lib), "liborgtrust.so.1"))


if __name__ == "__main__":
    unittest.main()
