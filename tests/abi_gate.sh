#!/bin/sh
# The ABI gate (tests/abi.sh) against planted libraries: this build's objects
# relinked as liborgtrust.so.1 (a) with one function added, (b) with a 1.0
# function removed, (c) with a 1.0 function's parameters changed. The gate
# must pass (a), where abidiff's status is exactly 4, and fail (b), where
# the status has bit 8, and (c).
# Usage: abi_gate.sh liborgtrust.a lib/orgtrust.map abi/ include/ workdir "pkg-config modules"
set -eu
archive=$1 map=$2 abi=$3 inc=$4 work=$5 mods=${6:-}
gate=$(dirname "$0")/abi.sh
cc=${CC:-cc}
libs="$( [ -n "$mods" ] && pkg-config --libs $mods || true) -lm"
rm -rf "$work" && mkdir -p "$work"
fail() { echo "abi_gate: $*"; exit 1; }

# One planted library: $1 name, $2 its map, $3 its archive, $4.. extra objects.
link() {
    name=$1 m=$2 a=$3; shift 3
    mkdir -p "$work/$name"
    # shellcheck disable=SC2086
    $cc -shared -o "$work/$name/liborgtrust.so.1" -Wl,-soname,liborgtrust.so.1 -Wl,--version-script="$m" \
        -Wl,--whole-archive "$a" -Wl,--no-whole-archive "$@" $libs
}
# The gate's verdict and abidiff's own status for one planted library, with
# a copy of abi/ whose export list matches it (so the comparison is reached).
judge() {
    name=$1
    mkdir -p "$work/$name/abi"
    cp "$abi/liborgtrust.abi" "$work/$name/abi/"
    nm -D --defined-only "$work/$name/liborgtrust.so.1" | awk '$2 == "T" {print $3}' | sed 's/@.*//' | sort \
        > "$work/$name/abi/exports.txt"
    set +e
    abidiff --hd1 "$inc" --hd2 "$inc" "$abi/liborgtrust.abi" "$work/$name/liborgtrust.so.1" > "$work/$name/abidiff.txt" 2>&1
    raw=$?
    "$gate" "$work/$name/liborgtrust.so.1" "$work/$name/abi" > "$work/$name/gate.txt" 2>&1
    verdict=$?
    set -e
    echo "$name: abidiff status $raw, gate exit $verdict: $(head -1 "$work/$name/gate.txt")"
}

# (a) a pure addition, in a new version node.
cat > "$work/added.c" <<'C'
#include <orgtrust.h>
OT_API int ot_zz_planted_addition(int x);
OT_API int ot_zz_planted_addition(int x) { return x + 1; }
C
$cc -g -fPIC -I"$inc" -c "$work/added.c" -o "$work/added.o"
{ cat "$map"; echo 'ORGTRUST_PLANTED { global: ot_zz_planted_addition; };'; } > "$work/added.map"
link added "$work/added.map" "$archive" "$work/added.o"
judge added
[ "$raw" -eq 4 ] || fail "abidiff status $raw for a pure addition, expected 4"
[ "$verdict" -eq 0 ] || { cat "$work/added/gate.txt"; fail "the gate refused a pure addition"; }

# (b) a 1.0 function removed from the version script.
grep -v '^ *ot_damping;$' "$map" > "$work/removed.map"
link removed "$work/removed.map" "$archive"
judge removed
[ $((raw & 8)) -ne 0 ] || fail "abidiff status $raw for a removed function, expected bit 8"
[ "$verdict" -ne 0 ] || fail "the gate accepted a removed function"
grep -q "incompatible ABI change" "$work/removed/gate.txt" || fail "the gate did not call the removal incompatible"

# (c) a 1.0 function whose parameters changed (double *out became float *,
# and a parameter more): the archive's definition is weakened and a planted
# one, compiled against an edited copy of the header, takes its place.
mkdir -p "$work/changed-inc"
sed 's/^OT_API int ot_damping(const ot_model \*m, ot_id a, ot_id b, double \*out);$/OT_API int ot_damping(const ot_model *m, ot_id a, ot_id b, float *out, int extra);/' \
    "$inc/orgtrust.h" > "$work/changed-inc/orgtrust.h"
grep -q 'float \*out, int extra' "$work/changed-inc/orgtrust.h" || fail "could not plant the change into a copy of orgtrust.h"
cat > "$work/changed.c" <<'C'
#include <orgtrust.h>
OT_API int ot_damping(const ot_model *m, ot_id a, ot_id b, float *out, int extra)
{
    (void)m; (void)a; (void)b; (void)extra;
    *out = 0.5f;
    return OT_OK;
}
C
$cc -g -fPIC -I"$work/changed-inc" -c "$work/changed.c" -o "$work/changed.o"
objcopy --weaken-symbol=ot_damping "$archive" "$work/weakened.a"
link changed "$map" "$work/weakened.a" "$work/changed.o"
judge changed
[ $((raw & 4)) -ne 0 ] || fail "abidiff saw no change in a changed signature (status $raw)"
[ "$verdict" -ne 0 ] || { cat "$work/changed/abidiff.txt"; fail "the gate accepted a changed signature"; }

echo "abi_gate OK: additions pass, removals and changed signatures fail"
