#!/bin/sh
# The package as an integrator meets it: installs the build to a temporary
# prefix, then builds a C and a C++ program against it through pkg-config and
# through find_package (tests/consumer/CMakeLists.txt), and inside another
# project's build (subproject/, FetchContent), runs each on a fixture,
# and requires the same JSON Lines as the tool and the same figures read from
# the record structs. CFLAGS/CXXFLAGS/LDFLAGS pass the sanitizers through.
# usage: run.sh BUILD_DIR SOURCE_DIR VNAUDIT
set -eu
build=$1 src=$2 tool=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "consumer: FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "install"; }
pc=$(find "$tmp/prefix" -name vnaudit.pc)
[ -n "$pc" ] || fail "no vnaudit.pc installed"
grep -qx "prefix=$tmp/prefix" "$pc" || { cat "$pc"; fail "vnaudit.pc does not name the install prefix"; }
[ -f "$(dirname "$pc")/../cmake/vnaudit/vnauditConfig.cmake" ] || fail "no vnauditConfig.cmake beside the libraries"
[ -f "$tmp/prefix/include/vnaudit/version.h" ] || fail "version.h not installed"

fixture=$src/examples/bao-cao-chuong-trinh.txt
rc=0
"$tool" check --format jsonl "$fixture" >"$tmp/expected.jsonl" || rc=$?
[ "$rc" -le 1 ] || fail "the tool failed on $fixture"
python3 - "$tmp/expected.jsonl" >"$tmp/expected.summary" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
amounts = [r for r in recs if r["type"] == "amount"]
checks = [r for r in recs if r["type"] == "check"]
incons = sum(1 for r in checks if r["verdict"] == "inconsistent")
print("records %d amounts %d checks %d inconsistent %d first_amount %s last_computed %s"
      % (len(recs), len(amounts), len(checks), incons, amounts[0]["value_dong"], checks[-1]["computed"]))
print("log_lines some")
PY
[ "$(wc -l <"$tmp/expected.jsonl")" -gt 20 ] || fail "too few records in the fixture to compare"

# run NAME EXE: the program's JSON Lines and summary against the tool's
run() {
    "$2" "$fixture" "$tmp/$1.summary" >"$tmp/$1.jsonl" 2>"$tmp/$1.err" || { cat "$tmp/$1.err"; fail "$1 exited $?"; }
    [ ! -s "$tmp/$1.err" ] || { cat "$tmp/$1.err"; fail "$1: the library wrote on stderr"; }
    cmp -s "$tmp/$1.jsonl" "$tmp/expected.jsonl" || { diff "$tmp/$1.jsonl" "$tmp/expected.jsonl" | head; fail "$1: records differ from the tool's"; }
    diff "$tmp/$1.summary" "$tmp/expected.summary" || fail "$1: figures read from the structs differ"
    echo "consumer: $1 ok"
}

# --- pkg-config ---
export PKG_CONFIG_PATH="$(dirname "$pc")"
libdir=$(pkg-config --variable=libdir vnaudit)
[ "$libdir" = "$(dirname "$(dirname "$pc")")" ] || fail "pkg-config libdir $libdir"
# shellcheck disable=SC2046,SC2086
cc ${CFLAGS:-} -std=c99 -pedantic -Wall -Wextra -Werror "$src/tests/consumer/consumer.c" -o "$tmp/c_pc" \
    $(pkg-config --cflags --libs vnaudit) -Wl,-rpath,"$libdir" ${LDFLAGS:-} || fail "C build through pkg-config"
# shellcheck disable=SC2046,SC2086
c++ ${CXXFLAGS:-} -std=c++11 -pedantic -Wall -Wextra -Werror "$src/tests/consumer/consumer.cpp" -o "$tmp/cpp_pc" \
    $(pkg-config --cflags --libs vnaudit) -Wl,-rpath,"$libdir" ${LDFLAGS:-} || fail "C++ build through pkg-config"
ldd "$tmp/c_pc" | grep -q "$libdir/libvnaudit.so" || fail "c_pc is not linked to the installed libvnaudit.so"
run c_pc "$tmp/c_pc"
run cpp_pc "$tmp/cpp_pc"

# --- find_package ---
cmake -S "$src/tests/consumer" -B "$tmp/cbuild" -DCMAKE_PREFIX_PATH="$tmp/prefix" -DCMAKE_BUILD_TYPE=Release \
    >"$tmp/cmake.log" 2>&1 || { cat "$tmp/cmake.log"; fail "find_package(vnaudit)"; }
cmake --build "$tmp/cbuild" -j2 >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; fail "build through find_package"; }
run c_cmake "$tmp/cbuild/consumer_c"
run cpp_cmake "$tmp/cbuild/consumer_cpp"
run c_cmake_static "$tmp/cbuild/consumer_c_static"

# --- inside another project (FetchContent / add_subdirectory of the source tree) ---
cmake -S "$src/tests/consumer/subproject" -B "$tmp/sub" -DVNAUDIT_SOURCE_DIR="$src" -DCMAKE_BUILD_TYPE=Release \
    >"$tmp/sub.log" 2>&1 || { cat "$tmp/sub.log"; fail "vnaudit as a subproject"; }
if [ "${VNAUDIT_CONSUMER_SUBPROJECT:-build}" = build ]; then
    cmake --build "$tmp/sub" -j2 >"$tmp/subbuild.log" 2>&1 || { tail -30 "$tmp/subbuild.log"; fail "subproject build"; }
    run c_subproject "$tmp/sub/consumer_sub"
else
    # the sanitizer build: a second sanitized build of the library would
    # double its cost; configuring it checks the subproject's paths and options
    echo "consumer: subproject configured (not built: VNAUDIT_CONSUMER_SUBPROJECT=$VNAUDIT_CONSUMER_SUBPROJECT)"
fi
echo "consumer: all passed"
