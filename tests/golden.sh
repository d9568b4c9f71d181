#!/usr/bin/env bash
# Golden-file tests: every fixtures/*/NAME.txt that has a NAME.expected.jsonl
# must give exactly that output from `vnaudit check --format jsonl`.
#   usage: golden.sh VNAUDIT SOURCE_DIR [--update]
# --update rewrites the expected files: only after reviewing the diff.
set -u
bin=$1 src=$2 update=${3:-}
cd "$src" || exit 2
pass=0 fail=0
for exp in fixtures/*/*.expected.jsonl; do
    in=${exp%.expected.jsonl}.txt
    [ -f "$in" ] || continue
    if [ "$update" = --update ]; then
        "$bin" check --format jsonl "$in" > "$exp"
        continue
    fi
    if diff -u "$exp" <("$bin" check --format jsonl "$in") > /tmp/vnaudit-golden.$$; then
        echo "ok - $in"; pass=$((pass + 1))
    else
        echo "not ok - $in"; head -40 /tmp/vnaudit-golden.$$; fail=$((fail + 1))
    fi
done
rm -f /tmp/vnaudit-golden.$$
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
