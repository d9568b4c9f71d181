#!/bin/sh
# The rules on two threads give the same records, byte for byte, as on one
# (validate.c emits each rule's relations in the phases' order): every
# validator fixture, held-out fixture and extraction fixture, and a long
# text made of all of them.
# usage: run_threads.sh VNAUDIT SRCDIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
for f in "$src"/fixtures/validate/*.txt "$src"/fixtures/validate/*.html "$src"/fixtures/heldout/*.txt \
         "$src"/fixtures/extract/*.txt; do
    cat "$f" >>"$tmp/all.txt"
    for t in 1 2; do
        "$bin" check --threads $t --format jsonl "$f" >"$tmp/out$t" 2>/dev/null
        [ $? -le 1 ] || { echo "FAIL $f: vnaudit failed with --threads $t"; fail=1; }
    done
    if ! cmp -s "$tmp/out1" "$tmp/out2"; then
        echo "FAIL $f: --threads 1 and --threads 2 differ"
        diff "$tmp/out1" "$tmp/out2" | head -5
        fail=1
    fi
    n=$((n + 1))
done
# long enough for the JSON Lines writer's two threads too (16 chunks of 4096 records)
i=0
while [ $i -lt 40 ]; do cat "$tmp/all.txt"; i=$((i + 1)); done >"$tmp/big.txt"
"$bin" check --threads 1 --format jsonl "$tmp/big.txt" >"$tmp/big1" 2>/dev/null
"$bin" check --threads 2 --format jsonl "$tmp/big.txt" >"$tmp/big2" 2>/dev/null
cmp -s "$tmp/big1" "$tmp/big2" || { echo "FAIL: the concatenation differs between one and two threads"; fail=1; }
"$bin" extract --threads 1 --format jsonl "$tmp/big.txt" >"$tmp/ext1" 2>/dev/null
"$bin" extract --threads 2 --format jsonl "$tmp/big.txt" >"$tmp/ext2" 2>/dev/null
cmp -s "$tmp/ext1" "$tmp/ext2" || { echo "FAIL: extract output differs between one and two threads"; fail=1; }
[ "$(wc -l <"$tmp/ext1")" -gt 16384 ] || { echo "FAIL: the concatenation is too short to use the writer's threads"; fail=1; }
[ -s "$tmp/big1" ] || { echo "FAIL: no output on the concatenation"; fail=1; }
echo "threads: $n fixtures and their concatenation, one thread against two: $([ $fail = 0 ] && echo same || echo DIFFERENT)"
exit $fail
