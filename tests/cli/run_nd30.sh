#!/usr/bin/env bash
# The nd30 rules (the format of Nghị định 30/2020/NĐ-CP): each fixture tests/cli/nd30/NAME.txt (the
# project's own text) against NAME.expect, one line per finding, exactly: LINE <TAB> COL <TAB> RULE <TAB>
# a part of the message; an empty .expect means no finding. Then: off by default, one rule selected alone,
# on from a configuration file, and the other records unchanged by them.
#   usage: run_nd30.sh VNAUDIT SRCDIR
set -u
bin=$1 src=$2
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
case $src in /*) ;; *) src=$PWD/$src ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/vnaudit-nd30.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
dir=$src/tests/cli/nd30
passed=0 failed=0
verdict() {   # verdict NAME FILE-WITH-REASONS
    if [ -s "$2" ]; then
        echo "not ok - $1"
        sed 's/^/#   /' "$2" | head -n 20
        failed=$((failed + 1))
    else
        echo "ok - $1"
        passed=$((passed + 1))
    fi
}
# nd30 findings of a JSON Lines stream as LINE TAB COL TAB RULE TAB MESSAGE
findings() {
    python3 -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    if r["type"] == "diagnostic" and r["rule"].startswith("nd30-"):
        print(r["line"], r["col"], r["rule"], r["message"], sep="\t")'
}
compare() {   # compare GOT EXPECT: same count, and each line matches in order
    python3 - "$1" "$2" <<'PY'
import sys
got = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
exp = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
for i in range(max(len(got), len(exp))):
    g = got[i] if i < len(got) else None
    e = exp[i] if i < len(exp) else None
    if g is None or e is None or g[:3] != e[:3] or e[3] not in g[3]:
        print(f"finding {i + 1}: got {g}, expected {e}")
PY
}

for f in "$dir"/*.txt; do
    name=$(basename "$f" .txt)
    "$bin" check --select nd30 --format jsonl "$f" 2>"$T/err" | findings >"$T/$name.got"
    compare "$T/$name.got" "$dir/$name.expect" >"$T/why"
    verdict "$name: the nd30 findings of $name.expect, exactly ($(grep -c '' "$dir/$name.expect") expected)" "$T/why"
done

: >"$T/why"
"$bin" check --format jsonl "$dir/bad.txt" >"$T/default.jsonl" 2>/dev/null
if grep -q '"rule":"nd30-' "$T/default.jsonl"; then echo "an nd30 finding without --select nd30" >"$T/why"; fi
"$bin" check --select all --format jsonl "$dir/bad.txt" | grep -v '"rule":"nd30-' >"$T/all.jsonl" 2>/dev/null
cmp -s "$T/default.jsonl" "$T/all.jsonl" || echo "the other records change when the nd30 rules run" >>"$T/why"
verdict "off by default; when on, the other records are the same" "$T/why"

: >"$T/why"
"$bin" check --extend-select nd30-date-format --format jsonl "$dir/bad.txt" 2>/dev/null | findings >"$T/one"
n=$(grep -c '' "$T/one")
[ "$n" -eq 3 ] || echo "$n findings, expected the 3 of nd30-date-format" >>"$T/why"
if grep -qv 'nd30-date-format' "$T/one"; then echo "another nd30 rule reported" >>"$T/why"; fi
verdict "--extend-select nd30-date-format: that rule alone" "$T/why"

: >"$T/why"
mkdir -p "$T/p/.git"
cp "$dir/bad.txt" "$T/p/"
printf '[vnaudit]\nextend-select = nd30\nfail-on = warning\n' >"$T/p/.vnaudit.ini"
"$bin" check --format jsonl "$T/p/bad.txt" 2>/dev/null | findings >"$T/cfg"
rc=${PIPESTATUS[0]}
n=$(grep -c '' "$T/cfg")
[ "$n" -eq "$(grep -c '' "$dir/bad.expect")" ] || echo "$n findings from the configuration" >>"$T/why"
[ "$rc" -eq 1 ] || echo "exit status $rc with fail-on = warning, expected 1" >>"$T/why"
verdict "on from .vnaudit.ini (extend-select = nd30), failing with fail-on = warning" "$T/why"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
