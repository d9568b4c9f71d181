#!/bin/sh
# Golden files of the validator: for every fixtures/validate/NAME.txt (and NAME.html: tables), the check records that
# `vnaudit check --format jsonl` prints are compared, byte for byte, with NAME.checks.expected.jsonl.
# The tables NAME.expect.tsv (run_expect.sh) say which relations must be found and with which
# verdict; this test pins everything else too (operands, lines, computed values, messages), so that
# any change of the validator's output shows up as a diff to review.
#
# usage: run_golden_checks.sh [--update] VNAUDIT SRCDIR
# --update rewrites the expected files: only after reviewing the diff a normal run prints.
set -u
update=no
if [ "${1:-}" = "--update" ]; then update=yes; shift; fi
[ $# -eq 2 ] || { echo "usage: $0 [--update] VNAUDIT SRCDIR" >&2; exit 2; }
case $1 in /*) bin=$1 ;; *) bin=$PWD/$1 ;; esac
cd "$2" || exit 2
tmp=$(mktemp) || exit 2
trap 'rm -f "$tmp"' EXIT
fail=0 n=0
for f in fixtures/validate/*.txt fixtures/validate/*.html; do
    exp=${f%.*}.checks.expected.jsonl
    "$bin" check --format jsonl "$f" > "$tmp.all"
    rc=$?
    if [ $rc -ge 2 ]; then echo "FAIL $f: vnaudit exited $rc"; fail=1; continue; fi
    grep '"type":"check"' "$tmp.all" > "$tmp"
    rm -f "$tmp.all"
    n=$((n + 1))
    if [ $update = yes ]; then cp "$tmp" "$exp"; echo "updated $exp"; continue; fi
    if [ ! -f "$exp" ]; then echo "FAIL $f: no $exp"; fail=1; continue; fi
    if ! diff -u "$exp" "$tmp" > "$tmp.diff"; then
        echo "FAIL $f: checks differ from $exp:"; cat "$tmp.diff"; fail=1
    fi
    rm -f "$tmp.diff"
done
[ $n -gt 0 ] || { echo "FAIL: no fixtures in fixtures/validate"; exit 1; }
[ $fail = 0 ] && echo "ok: $n validator golden files"
exit $fail
