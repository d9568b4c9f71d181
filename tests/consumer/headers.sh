#!/bin/sh
# Every public header, alone and through the umbrella, compiles as strict
# C99 and C++11 with -pedantic -Werror (no compiler extension in the API),
# without the library's internal view (VNAUDIT_INT128_INTERNAL).
# usage: headers.sh SOURCE_DIR BUILD_DIR
set -eu
src=$1 build=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
inc="-I$src/include -I$build/include"
n=0
for h in "$src"/include/vnaudit/*.h; do
    name=$(basename "$h")
    printf '#include <vnaudit/%s>\nint vn_header_test_%s;\n' "$name" "$n" >"$tmp/t.c"
    # shellcheck disable=SC2086
    cc -std=c99 -pedantic -Wall -Wextra -Werror -fsyntax-only $inc "$tmp/t.c" || { echo "FAIL: $name as C99"; exit 1; }
    cp "$tmp/t.c" "$tmp/t.cpp"
    # shellcheck disable=SC2086
    c++ -std=c++11 -pedantic -Wall -Wextra -Werror -fsyntax-only $inc "$tmp/t.cpp" || { echo "FAIL: $name as C++11"; exit 1; }
    n=$((n + 1))
done
[ "$n" -ge 9 ] || { echo "FAIL: only $n public headers found"; exit 1; }
# C linkage: a C++ translation unit must see vn_version as an extern "C" function
printf '#include <vnaudit/vnaudit.h>\nextern "C" const char *vn_version(void);\nint main() { return vn_version() ? 0 : 1; }\n' >"$tmp/l.cpp"
# shellcheck disable=SC2086
c++ -std=c++11 -pedantic -Werror -c $inc "$tmp/l.cpp" -o "$tmp/l.o"
nm "$tmp/l.o" | grep -q ' U vn_version$' || { echo "FAIL: vn_version is not referenced with C linkage from C++"; exit 1; }
# the public decimal has the library's layout
printf '#include <vnaudit/decimal.h>\ntypedef char size_ok[sizeof(struct vn_dec) == 24 ? 1 : -1];\ntypedef char align_ok[sizeof(vn_int128) == 16 ? 1 : -1];\n' >"$tmp/d.c"
# shellcheck disable=SC2086
cc -std=c99 -pedantic -Werror -fsyntax-only $inc "$tmp/d.c" || { echo "FAIL: struct vn_dec layout"; exit 1; }
echo "headers: $n headers ok as C99 and C++11"
