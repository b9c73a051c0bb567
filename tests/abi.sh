#!/bin/sh
# The ABI gate. The exported symbols must equal abi/exports.txt, and abidiff
# against the committed baseline abi/liborgtrust.abi (the ABI of release
# 1.0.0, kept as it is through every 1.x release) must find nothing but
# added functions. abidiff's exit status is a bit field: 1 = error, 2 = usage
# error, 4 = a change (adding a function is one), 8 = an incompatible change
# (removing or changing a function). A status with 4 passes only if it is
# nothing but added functions (then `--no-added-syms` reports none); 8 always
# fails. tests/abi_gate.sh proves both on planted libraries.
#
# After adding functions to lib/orgtrust.map, list them with
#   tests/abi.sh --exports build/liborgtrust.so.1 abi
# At a new major release only, replace the baseline too with
#   tests/abi.sh --update build/liborgtrust.so.1 abi
set -u
exports_of() {
    nm -D --defined-only "$1" | awk '$2 == "T" {print $3}' | sed 's/@.*//' | sort
}
case "${1:-}" in
--exports)
    exports_of "$2" > "$3/exports.txt"
    echo "updated $3/exports.txt"
    exit 0 ;;
--update)
    exports_of "$2" > "$3/exports.txt"
    abidw --no-corpus-path --no-comp-dir-path "$2" > "$3/liborgtrust.abi"
    echo "updated $3/exports.txt and $3/liborgtrust.abi"
    exit 0 ;;
esac
lib=$1
abi=$2
# The public header's directory: types defined elsewhere (the opaque
# ot_model and ot_config are defined in lib/) are private, and abidiff
# leaves changes to them out; their layout is no part of the ABI.
inc=${ORGTRUST_ABI_HEADERS:-$(dirname "$0")/../include}
have=$(exports_of "$lib")
if [ "$have" != "$(cat "$abi/exports.txt")" ]; then
    echo "exported functions differ from $abi/exports.txt (- committed, + built):"
    printf '%s\n' "$have" | diff "$abi/exports.txt" - || true
    exit 1
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
abidiff --hd1 "$inc" --hd2 "$inc" "$abi/liborgtrust.abi" "$lib" > "$out" 2>&1
rc=$?
if [ $((rc & 3)) -ne 0 ]; then
    echo "abidiff could not compare (status $rc):"; cat "$out"; exit 1
fi
if [ $((rc & 8)) -ne 0 ]; then
    echo "incompatible ABI change against $abi/liborgtrust.abi (abidiff status $rc):"; cat "$out"; exit 1
fi
if [ $((rc & 4)) -ne 0 ]; then
    if abidiff --hd1 "$inc" --hd2 "$inc" --no-added-syms "$abi/liborgtrust.abi" "$lib" > "$out" 2>&1; then
        echo "ABI OK: functions were added to the baseline's (abidiff status $rc)"
    else
        echo "ABI changed beyond added functions (abidiff status $rc):"; cat "$out"; exit 1
    fi
else
    echo "ABI OK: identical to the baseline"
fi
exit 0
