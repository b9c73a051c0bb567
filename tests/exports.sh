#!/bin/sh
# The shared library exports exactly the functions listed in the version
# script, all ot_*, all in node ORGTRUST_1.0 or later; and calls no function
# that could end or print from the host process.
set -eu
lib=$1
map=$2
want=$(sed -n 's/^ *\(ot_[a-z0-9_]*\);$/\1/p' "$map" | sort)
have=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sed 's/@.*//' | grep -v '^ORGTRUST_' | sort)
if [ "$want" != "$have" ]; then
    echo "exported symbols differ from $map:"
    printf '%s\n' "$want" > /tmp/ot_want.$$
    printf '%s\n' "$have" > /tmp/ot_have.$$
    diff /tmp/ot_want.$$ /tmp/ot_have.$$ || true
    rm -f /tmp/ot_want.$$ /tmp/ot_have.$$
    exit 1
fi
bad=$(printf '%s\n' "$have" | grep -v '^ot_' || true)
[ -z "$bad" ] || { echo "non-ot_ exports: $bad"; exit 1; }
nover=$(nm -D --defined-only "$lib" | awk '$2 == "T" {print $3}' | grep -v '@@ORGTRUST_1\.' || true)
[ -z "$nover" ] || { echo "exports without a version node: $nover"; exit 1; }
soname=$(objdump -p "$lib" | awk '$1 == "SONAME" {print $2}')
[ "$soname" = liborgtrust.so.1 ] || { echo "SONAME is '$soname', not liborgtrust.so.1"; exit 1; }
calls=$(nm -D --undefined-only "$lib" | awk '{print $2}' | sed 's/@.*//' |
        grep -E '^(exit|_exit|_Exit|abort|printf|puts|putchar|fprintf|vprintf|vfprintf|perror|fputs|fwrite|assert|__assert_fail)$' || true)
[ -z "$calls" ] || { echo "the library calls: $calls"; exit 1; }
echo "exports OK: $(printf '%s\n' "$have" | wc -l) ot_* functions, SONAME $soname"
