#!/bin/sh
# Static analysis of lib/: cppcheck, then clang-tidy with the project's
# .clang-tidy (warnings are errors). Needs the build's compile_commands.json.
set -eu
src=$1
build=$2
cd "$src"
status=0
if command -v cppcheck >/dev/null 2>&1; then
    cppcheck --enable=warning,performance,portability --std=c11 --error-exitcode=1 --inline-suppr --quiet \
        -I include -I lib lib/*.c || status=1
    echo "cppcheck: $( [ $status = 0 ] && echo clean || echo findings )"
else
    echo "cppcheck not installed" && status=1
fi
if command -v clang-tidy >/dev/null 2>&1; then
    if clang-tidy -p "$build" --quiet lib/*.c; then echo "clang-tidy: clean"; else status=1; fi
else
    echo "clang-tidy not installed" && status=1
fi
exit $status
