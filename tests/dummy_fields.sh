#!/bin/sh
# The file formats are read by key: a build with one parameter and one
# per-direction field more (ORGTRUST_TEST_DUMMY_FIELDS) opens the files this
# build writes and the 1.0 fixtures with the same values, and this build
# refuses the files the bigger one writes, naming the key it does not know.
#   dummy_fields.sh SOURCE_DIR BUILD_DIR WORK_DIR
set -eu
src=$1
build=$2
work=$3
rm -rf "$work"
mkdir -p "$work/today" "$work/dummy"
cmake -S "$src" -B "$work/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DORGTRUST_TEST_DUMMY_FIELDS=ON \
      -DORGTRUST_BUILD_EXAMPLES=OFF -DORGTRUST_BUILD_BENCH=OFF > "$work/configure.log" 2>&1 ||
    { cat "$work/configure.log"; exit 1; }
cmake --build "$work/build" -j2 --target make_fixtures test_store_compat > "$work/build.log" 2>&1 ||
    { tail -40 "$work/build.log"; exit 1; }
this=$build/tests/make_fixtures
big=$work/build/tests/make_fixtures

# Today's files, read by both builds: the same values.
"$this" "$work/today" today > /dev/null
for f in today-plain today-checkpointed; do
    "$this" -v "$work/today/$f.ots" > "$work/$f.this"
    "$big" -v "$work/today/$f.ots" > "$work/$f.big"
    cmp "$work/$f.this" "$work/$f.big" || { echo "$f.ots reads differently in the dummy build"; exit 1; }
done
echo "the dummy build reads today's stores (plain and checkpointed) with the same values"

# The 1.0 fixtures, in the dummy build.
"$work/build/tests/test_store_compat"

# The dummy build's files name a parameter this build does not know.
"$big" "$work/dummy" dummy > /dev/null
if "$this" -v "$work/dummy/dummy-plain.ots" > /dev/null 2> "$work/refused.txt"; then
    echo "this build opened a store with a parameter it does not know"; exit 1
fi
grep -q '"test_dummy"' "$work/refused.txt" && grep -q 'a newer orgtrust wrote the store' "$work/refused.txt" ||
    { echo "the refusal does not name the key:"; cat "$work/refused.txt"; exit 1; }
echo "this build refuses the dummy build's store: $(cat "$work/refused.txt")"
