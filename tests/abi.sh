#!/bin/sh
# The ABI gate. The exported symbols must equal abi/exports.txt, and abidiff
# against the committed baseline abi/liborgtrust.abi must find nothing
# incompatible. abidiff's exit status is a bit field: 4 = a change (adding a
# function is one), 8 = an incompatible change. A change passes only if it
# is nothing but added functions (then `--no-added-syms` reports none); 8
# always fails. After adding functions, refresh both files with
#   tests/abi.sh --update build/liborgtrust.so.1 abi
set -u
if [ "${1:-}" = --update ]; then
    nm -D --defined-only "$2" | awk '$2 == "T" {print $3}' | sed 's/@.*//' | sort > "$3/exports.txt"
    abidw --no-corpus-path --no-comp-dir-path "$2" > "$3/liborgtrust.abi"
    echo "updated $3/exports.txt and $3/liborgtrust.abi"
    exit 0
fi
lib=$1
abi=$2
# The public header's directory: types defined elsewhere (the opaque
# ot_model and ot_config are defined in lib/) are private, and abidiff
# leaves changes to them out; their layout is no part of the ABI.
inc=$(dirname "$0")/../include
have=$(nm -D --defined-only "$lib" | awk '$2 == "T" {print $3}' | sed 's/@.*//' | sort)
if [ "$have" != "$(cat "$abi/exports.txt")" ]; then
    echo "exported functions differ from $abi/exports.txt (- committed, + built):"
    printf '%s\n' "$have" | diff "$abi/exports.txt" - || true
    exit 1
fi
abidiff --hd1 "$inc" --hd2 "$inc" "$abi/liborgtrust.abi" "$lib" > /tmp/abidiff.$$ 2>&1
rc=$?
if [ $((rc & 3)) -ne 0 ]; then
    echo "abidiff could not compare (status $rc):"; cat /tmp/abidiff.$$; rm -f /tmp/abidiff.$$; exit 1
fi
if [ $((rc & 8)) -ne 0 ]; then
    echo "incompatible ABI change against $abi/liborgtrust.abi:"; cat /tmp/abidiff.$$; rm -f /tmp/abidiff.$$; exit 1
fi
if [ $((rc & 4)) -ne 0 ]; then
    if abidiff --hd1 "$inc" --hd2 "$inc" --no-added-syms "$abi/liborgtrust.abi" "$lib" > /tmp/abidiff.$$ 2>&1; then
        echo "ABI OK: functions were added (refresh the baseline with tests/abi.sh --update)"
    else
        echo "ABI changed beyond added functions:"; cat /tmp/abidiff.$$; rm -f /tmp/abidiff.$$; exit 1
    fi
else
    echo "ABI OK: identical to the baseline"
fi
rm -f /tmp/abidiff.$$
exit 0
