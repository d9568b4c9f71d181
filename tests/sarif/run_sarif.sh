#!/usr/bin/env bash
# SARIF output against the SARIF 2.1.0 schema (kept in this folder: the test never skips), and the invariants
# check_sarif.py adds: the hand-built sample (every kind of result, awkward paths, an unreadable file, stdin),
# `vnaudit check --format sarif` on the fixture reports, fingerprints stable when lines are inserted and
# paragraphs move, paths relative to %SRCROOT%, logical locations in a DOCX, GitHub's 25 000-result cap.
#   usage: run_sarif.sh VNAUDIT SARIF_SAMPLE SOURCE_DIR
#   VNAUDIT_SARIF_SCHEMA=FILE names another copy of the schema.
set -u
bin=$1 sample=$2 src=$3
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
schema=${VNAUDIT_SARIF_SCHEMA:-$src/tests/sarif/sarif-schema-2.1.0.json}
if [ ! -f "$schema" ]; then
    echo "not ok - no SARIF 2.1.0 schema at $schema"
    exit 1
fi
if ! command -v python3 >/dev/null || ! python3 -c 'import jsonschema' 2>/dev/null; then
    echo "not ok - python3 with the jsonschema module is needed (Debian: python3-jsonschema; scripts/setup.sh)"
    exit 1
fi
check="python3 $src/tests/sarif/check_sarif.py $schema --docs $src/docs/VALIDATION.md"
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

# paths: relative to %SRCROOT% (the current folder) whether given relative or absolute; outside it, a file URI
"$bin" check --format sarif fixtures/extract/diagnostics.txt "$src/fixtures/extract/program_report.txt" \
    >"$T/rel.sarif" 2>/dev/null
case_ "inputs under the current folder: URIs relative to %SRCROOT%, originalUriBaseIds set" \
    $check "$T/rel.sarif" --relative --uri fixtures/extract/diagnostics.txt --uri fixtures/extract/program_report.txt
cp fixtures/extract/diagnostics.txt "$T/outside.txt"
"$bin" check --format sarif "$T/outside.txt" >"$T/abs.sarif" 2>/dev/null
case_ "an input outside the current folder: an absolute file URI" \
    $check "$T/abs.sarif" --uri "file://$T/outside.txt"

# fingerprints: the same findings after lines are inserted and paragraphs move
cat >"$T/a.txt" <<'TXT'
1. Kết quả giải ngân
Vốn giao 2.412 triệu đồng, giải ngân 78,8/2.412 triệu đồng, đạt 4,3% KH.
2. Nguồn vốn
Tổng vốn 1.000 triệu đồng, trong đó: NSTW 600 triệu đồng, NSĐP 500 triệu đồng.
Số:     /BC-UBND
Cuộc họp ngày 30/02/2024 đã được dời lại.
TXT
{ printf 'BÁO CÁO\n\n\nI. Nguồn vốn\n'; sed -n 4p "$T/a.txt"; printf '\nII. Giải ngân\n'; sed -n 2p "$T/a.txt"
  sed -n '6p;5p' "$T/a.txt"; } >"$T/b.txt"
(cd "$T" && "$bin" check --format sarif a.txt >a.sarif 2>/dev/null; "$bin" check --format sarif b.txt >b.sarif 2>/dev/null)
same_fingerprints() {
    python3 - "$T/a.sarif" "$T/b.sarif" <<'PY'
import json, sys
def fps(p):
    rs = json.load(open(p, encoding="utf-8"))["runs"][0]["results"]
    return sorted((r["ruleId"], r["partialFingerprints"]["vnauditContent/v1"]) for r in rs), \
        sorted(r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in rs)
(fa, la), (fb, lb) = fps(sys.argv[1]), fps(sys.argv[2])
if len(fa) != 4: sys.exit(f"{len(fa)} results in the original, expected 4")
if fa != fb: sys.exit(f"fingerprints differ:\n{fa}\n{fb}")
if la == lb: sys.exit("the lines did not move: the test proves nothing")
PY
}
case_ "partialFingerprints unchanged when lines are inserted and paragraphs move (the lines differ)" same_fingerprints

# a DOCX: the table, row and column of a finding as a logical location
python3 "$src/tests/sarif/make_docx.py" "$T/t.docx"
"$bin" check --format sarif "$T/t.docx" >"$T/docx.sarif" 2>/dev/null
case_ "DOCX: logical locations 'paragraph 2' and 'table 1, row 2, column 2'" \
    $check "$T/docx.sarif" --results 2 --logical 'paragraph 2' --logical 'table 1, row 2, column 2'

# GitHub's limit: at most 25 000 results in a run, the rest counted in a notification
awk 'BEGIN { for (i = 0; i < 25010; i++) print "Họp ngày 30/02/2024." }' >"$T/many.txt"
"$bin" check --format sarif "$T/many.txt" >"$T/many.sarif" 2>/dev/null
case_ "25 010 findings: 25 000 results, 10 left out with a warning notification (structure checked)" \
    $check "$T/many.sarif" --no-schema --results 25000 --omitted 10 --notifications 1

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
