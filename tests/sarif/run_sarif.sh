#!/usr/bin/env bash
# SARIF output against the SARIF 2.1.0 schema, and the invariants check_sarif.py adds: the hand-built
# sample (every kind of result, awkward paths, an unreadable file, stdin) and `vnaudit check --format
# sarif` on the fixture reports. Skipped (exit 77) when the schema or Python's jsonschema is missing.
#   usage: run_sarif.sh VNAUDIT SARIF_SAMPLE SOURCE_DIR
#   VNAUDIT_SARIF_SCHEMA=FILE names the schema; else ../shared/schemas/ beside the source tree is used.
set -u
bin=$1 sample=$2 src=$3
schema=${VNAUDIT_SARIF_SCHEMA:-}
for c in "$src/../shared/schemas/sarif-schema-2.1.0.json" /work/shared/schemas/sarif-schema-2.1.0.json; do
    if [ -z "$schema" ] && [ -f "$c" ]; then schema=$c; fi
done
if [ -z "$schema" ] || [ ! -f "$schema" ]; then
    echo "skip: no SARIF 2.1.0 schema (set VNAUDIT_SARIF_SCHEMA=FILE, or put it in ../shared/schemas/)"
    exit 77
fi
if ! command -v python3 >/dev/null || ! python3 -c 'import jsonschema' 2>/dev/null; then
    echo "skip: python3 with the jsonschema module is needed (Debian: python3-jsonschema; scripts/setup.sh)"
    exit 77
fi
check="python3 $src/tests/sarif/check_sarif.py $schema"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$src" || exit 1
passed=0 failed=0

# case NAME CMD...: runs a check and prints TAP-like ok / not ok with its output
case_() {
    local name=$1
    shift
    if "$@" >"$T/why" 2>&1; then
        echo "ok - $name"
        passed=$((passed + 1))
    else
        echo "not ok - $name"
        sed 's/^/#   /' "$T/why" | head -n 20
        failed=$((failed + 1))
    fi
}

# the sample: 5 results per copy, written twice; one unreadable file in between
"$sample" sarif >"$T/sample.sarif" 2>"$T/err" || { echo "not ok - sarif_sample failed: $(cat "$T/err")"; exit 1; }
case_ "hand-built report: schema, rules, levels, counts, code-point regions, percent-encoded paths" \
    $check "$T/sample.sarif" --results 10 --notifications 1 \
    --uri 'b%C3%A1o%20c%C3%A1o/x%20y%3Az%25.txt' --uri stdin --uri 'missing%20%3Cfile%3E.txt'

# the fixtures in one batch, with a missing file: one log, a notification, exit status 2
fixtures=(fixtures/*/*.txt)
"$bin" check --format sarif "${fixtures[@]}" no-such-file.txt >"$T/fixtures.sarif" 2>/dev/null
rc=$?
case_ "check --format sarif on ${#fixtures[@]} fixture reports and a missing file (exit status $rc)" \
    $check "$T/fixtures.sarif" --notifications 1 --uri no-such-file.txt
case_ "a missing file in the batch gives exit status 2" test "$rc" -eq 2

"$bin" check --format sarif - <fixtures/extract/diagnostics.txt >"$T/stdin.sarif" 2>/dev/null
case_ "standard input is the artifact 'stdin'" $check "$T/stdin.sarif" --uri stdin --notifications 0

# the same file twice and a missing one twice
"$bin" check --format sarif fixtures/extract/diagnostics.txt fixtures/extract/diagnostics.txt gone.txt gone.txt \
    >"$T/twice.sarif" 2>/dev/null
case_ "a file given twice, a missing file given twice" $check "$T/twice.sarif" --notifications 2

printf 'a \377 b\000c\n' >"$T/bad.txt"
: >"$T/empty.txt"
"$bin" check --format sarif "$T/bad.txt" "$T/empty.txt" >"$T/bad.sarif" 2>/dev/null
case_ "invalid UTF-8, a NUL byte and an empty file (a notification: no text)" $check "$T/bad.sarif" --notifications 1

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
