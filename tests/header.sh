#!/bin/sh
# orgtrust.h stands alone: as strict C99, as C11, and as C++.
set -eu
inc=$1
out=$2
mkdir -p "$out"
printf '#include <orgtrust.h>\nint main(void) { return ot_version_number() == OT_VERSION_NUMBER ? 0 : 1; }\n' > "$out/h.c"
cp "$out/h.c" "$out/h.cpp"
${CC:-cc} -std=c99 -pedantic -Wall -Wextra -Werror -I"$inc" -c "$out/h.c" -o "$out/h99.o"
${CC:-cc} -std=c11 -pedantic -Wall -Wextra -Werror -I"$inc" -c "$out/h.c" -o "$out/h11.o"
${CXX:-c++} -std=c++11 -pedantic -Wall -Wextra -Werror -I"$inc" -c "$out/h.cpp" -o "$out/hxx.o"
echo "header OK: C99, C11 and C++11"
