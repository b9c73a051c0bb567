#!/bin/sh
# Install the build into a temporary prefix, then build and run a program
# outside the tree against it: once through pkg-config, once through CMake's
# find_package (shared and static).
set -eu
build=$1
consumer=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" > "$work/install.log"
libdir=$(ls -d "$prefix"/lib*/pkgconfig | head -n 1 | xargs dirname)
test -e "$libdir/liborgtrust.so.1" || { echo "no liborgtrust.so.1 in $libdir"; exit 1; }
test -e "$prefix/include/orgtrust.h" || { echo "no header installed"; exit 1; }

export PKG_CONFIG_PATH="$libdir/pkgconfig"
${CC:-cc} -o "$work/pc_consumer" "$consumer/main.c" $(pkg-config --cflags --libs orgtrust)
LD_LIBRARY_PATH="$libdir" "$work/pc_consumer"

cmake -S "$consumer" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" > "$work/cmake.log"
cmake --build "$work/cmake" > "$work/cmake-build.log"
LD_LIBRARY_PATH="$libdir" "$work/cmake/consumer_shared"
"$work/cmake/consumer_static"
echo "install OK: pkg-config and find_package consumers built and ran"
