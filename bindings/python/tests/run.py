"""Run one test module with unittest, as ctest does (bindings/python/CMakeLists.txt).

The exit status is 0 when every test ran and passed, 1 on a failure, and 77
(ctest's SKIP_RETURN_CODE: "skipped") when some tests could not run here:
they are listed with their reasons, so a test that cannot run says so
instead of counting as passed.

    python3 run.py test_model
"""

import sys
import unittest

SKIPPED = 77


def main(argv):
    if len(argv) != 2:
        print("usage: run.py MODULE", file=sys.stderr)
        return 2
    suite = unittest.defaultTestLoader.loadTestsFromName(argv[1])
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    if not result.wasSuccessful():
        return 1
    if result.skipped:
        print("SKIPPED in part: %d of %d tests could not run here:" % (len(result.skipped), result.testsRun))
        for test, why in result.skipped:
            print("  %s: %s" % (test.id(), why))
        return SKIPPED
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
