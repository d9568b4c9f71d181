#!/usr/bin/env bash
# CLI tests of rules, levels, the failure threshold, the configuration file and baselines:
# --select/--extend-select/--ignore/--severity/--fail-on, .vnaudit.ini (every key, discovery, --config,
# --no-config, flags over the file), --baseline/--write-baseline/--show-suppressed (a baseline still
# matching after paragraphs move and lines are inserted; a new finding, or one more copy of an accepted
# one, still failing).
#
# usage: run_policy.sh VNAUDIT SRCDIR
# Prints `ok - NAME` or `not ok - NAME` (with `#` lines saying why) per case, then `N passed, M failed`.
# Every input is written here, in a temporary folder (no text from elsewhere).
set -u
bin=$1
src=$2
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
case $src in /*) ;; *) src=$PWD/$src ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/vnaudit-policy.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 2
# the search for .vnaudit.ini stops at a .git: keep it inside this folder
mkdir .git

passed=0 failed=0
WHY=()
run() { RC=0; "$bin" "$@" >"$T/out" 2>"$T/err" || RC=$?; }
why() { WHY+=("$*"); }
want_rc() { [ "$RC" -eq "$1" ] || why "exit status $RC, expected $1"; }
want_out() { grep -qF -- "$1" "$T/out" || why "stdout does not contain '$1'"; }
no_out() { ! grep -qF -- "$1" "$T/out" || why "stdout contains '$1'"; }
want_err() { grep -qF -- "$1" "$T/err" || why "stderr does not contain '$1'"; }
want_count() {
    local n
    n=$(grep -cF -- "$2" "$T/out")
    [ "$n" -eq "$1" ] || why "$n line(s) with '$2', expected $1"
}
done_case() {
    if [ ${#WHY[@]} -eq 0 ]; then
        echo "ok - $1"
        passed=$((passed + 1))
    else
        echo "not ok - $1"
        failed=$((failed + 1))
        local w
        for w in "${WHY[@]}"; do echo "#   $w"; done
        [ -s "$T/err" ] && head -n 5 "$T/err" | sed 's/^/#   stderr: /'
    fi
    WHY=()
}

# ---- inputs (the project's own sentences) ---------------------------------------------------------------
# two inconsistencies (a ratio, a sum) and two warnings (a placeholder, an impossible date)
cat >r.txt <<'TXT'
1. Kết quả giải ngân
Vốn giao 2.412 triệu đồng, giải ngân 78,8/2.412 triệu đồng, đạt 4,3% KH.
2. Nguồn vốn
Tổng vốn 1.000 triệu đồng, trong đó: NSTW 600 triệu đồng, NSĐP 500 triệu đồng.
Số:     /BC-UBND
Cuộc họp ngày 30/02/2024 đã được dời lại.
TXT
# only the warnings
sed -n '5,6p' r.txt >warn.txt
# a note only: the same letters written decomposed (NFD)
printf 'Ghi chu\xcc\x81: kho\xcc\x82ng co\xcc\x81 so\xcc\x82\xcc\x81 lie\xcc\xa3u.\n' >note.txt
printf 'Ghi chú: không có số liệu.\n' >clean.txt

# ---- exit status and --fail-on ---------------------------------------------------------------------------
run check --format jsonl r.txt
want_rc 1
want_count 2 '"verdict":"inconsistent"'
want_count 2 '"type":"diagnostic"'
done_case "default: inconsistencies exit 1, all four findings reported"

run check warn.txt
want_rc 0
done_case "default: warnings alone exit 0 (today's behaviour: --fail-on error)"

run check --fail-on warning warn.txt
want_rc 1
done_case "--fail-on warning: warnings exit 1"

run check --fail-on never r.txt
want_rc 0
want_out 'inconsistent ratio'
done_case "--fail-on never: exit 0, findings still reported"

run check --fail-on note note.txt
want_rc 1
run check note.txt
want_rc 0
run check --fail-on note clean.txt
want_rc 0
done_case "--fail-on note: a not-nfc note exits 1 (0 by default, 0 on a clean file)"

run check --fail-on sometimes r.txt
want_rc 2
want_err sometimes
done_case "--fail-on with an unknown level: exit 2 naming it"

# ---- --select, --extend-select, --ignore, --severity ---------------------------------------------------------
run check --format jsonl --select unfilled-placeholder r.txt
want_rc 0
want_count 0 '"verdict":"inconsistent"'
want_count 1 '"rule":"unfilled-placeholder"'
want_count 0 '"rule":"invalid-date"'
done_case "--select one rule: only its findings, exit 0 (the inconsistencies are not selected)"

run check --format jsonl --select checks r.txt
want_rc 1
want_count 2 '"verdict":"inconsistent"'
want_count 0 '"type":"diagnostic"'
done_case "--select checks (a group): the checks only"

run check --format jsonl --select diagnostics --extend-select inconsistent-sum r.txt
want_rc 1
want_count 1 '"verdict":"inconsistent"'
want_out '"relation":"sum"'
want_count 2 '"type":"diagnostic"'
done_case "--extend-select adds a rule to the selection"

run check --format jsonl --ignore 'inconsistent-*' r.txt
want_rc 0
want_count 0 '"verdict":"inconsistent"'
want_count 2 '"type":"diagnostic"'
done_case "--ignore with a prefix: the inconsistencies left out, exit 0"

run check --format jsonl --ignore invalid-date --ignore unfilled-placeholder r.txt
want_count 0 '"type":"diagnostic"'
want_count 2 '"verdict":"inconsistent"'
done_case "--ignore given twice adds up"

run check --select all --ignore all r.txt
want_rc 0
want_out 'No findings.'
done_case "--ignore wins over --select"

run check --select inconsistent-summ r.txt
want_rc 2
want_err inconsistent-summ
run check --ignore nonsense r.txt
want_rc 2
want_err nonsense
done_case "an unknown rule in --select or --ignore: exit 2 naming it"

run check --format jsonl --severity unfilled-placeholder=error warn.txt
want_rc 1
want_out '"rule":"unfilled-placeholder","severity":"error"'
want_out '"rule":"invalid-date","severity":"warning"'
done_case "--severity raises a warning to an error: reported as an error, exit 1"

run check --format sarif --severity 'inconsistent-*=warning' r.txt
want_rc 0
grep -o '"ruleId":"inconsistent-[a-z]*","ruleIndex":[0-9]*,"level":"warning"' "$T/out" >lv.txt
[ "$(grep -c '' lv.txt)" -eq 2 ] || why "the SARIF results of the inconsistencies are not at level warning"
if grep -qE '"ruleIndex":[0-9]+,"level":"error"' "$T/out"; then why "a SARIF result at level error"; fi
done_case "--severity lowers the inconsistencies to warnings: SARIF levels warning, exit 0"

run check --severity unfilled-placeholder=fatal r.txt
want_rc 2
want_err fatal
run check --severity unfilled-placeholder r.txt
want_rc 2
done_case "--severity with an unknown level or without '=': exit 2"

# ---- the configuration file -----------------------------------------------------------------------------
mkdir -p proj/docs/2024
cp r.txt proj/docs/2024/r.txt
cat >proj/.vnaudit.ini <<'INI'
; the project's settings
[vnaudit]
fail-on = never
INI
run check proj/docs/2024/r.txt
want_rc 0
done_case "config: .vnaudit.ini found two folders above the input (fail-on = never: exit 0)"

run check --fail-on error proj/docs/2024/r.txt
want_rc 1
done_case "config: --fail-on on the command line overrides fail-on"

run check --no-config proj/docs/2024/r.txt
want_rc 1
done_case "config: --no-config reads none"

(cd proj/docs/2024 && "$bin" check - <r.txt >/dev/null 2>&1)
rc=$?
[ "$rc" -eq 0 ] || why "exit status $rc, expected 0"
done_case "config: standard input takes the configuration of the current folder"

mkdir -p proj/sub/.git proj/sub/x
cp r.txt proj/sub/x/r.txt
run check proj/sub/x/r.txt
want_rc 1
done_case "config: the search stops at the top of a git work tree (.git between the input and .vnaudit.ini)"

cat >proj/.vnaudit.ini <<'INI'
[vnaudit]
select = checks,
  unfilled-placeholder
ignore = inconsistent-ratio
format = jsonl
[severity]
unfilled-placeholder = error
INI
run check proj/docs/2024/r.txt
want_rc 1
want_count 1 '"verdict":"inconsistent"'
want_out '"relation":"sum"'
want_out '"rule":"unfilled-placeholder","severity":"error"'
want_count 0 '"rule":"invalid-date"'
done_case "config: select (over two lines), ignore, format and [severity]"

run check --format text --select diagnostics --severity unfilled-placeholder=note proj/docs/2024/r.txt
want_rc 0
want_out 'note [unfilled-placeholder]'
want_out 'warning [invalid-date]'
no_out 'inconsistent sum'
done_case "config: --format, --select and --severity override format, select and [severity]"

cat >proj/.vnaudit.ini <<'INI'
[vnaudit]
extend-select = nd30
ignore = invalid-date
INI
run check --format jsonl proj/docs/2024/r.txt
want_count 2 '"verdict":"inconsistent"'
want_count 0 '"rule":"invalid-date"'
want_count 1 '"rule":"unfilled-placeholder"'
done_case "config: extend-select keeps the default rules"

mkdir -p proj/myvocab
cp "$src"/vocab/*.tsv proj/myvocab/
cat >proj/.vnaudit.ini <<'INI'
[vnaudit]
vocab = myvocab
INI
run check --format jsonl proj/docs/2024/r.txt
want_rc 1
want_count 2 '"verdict":"inconsistent"'
# a malformed entry in the copy: the error proves the copy is what was read
printf 'x\ty\tz\tw\n' >>proj/myvocab/hedges.tsv
run check --format jsonl proj/docs/2024/r.txt
want_rc 2
want_err 'hedges.tsv, line'
cat >proj/docs/2024/bad-vocab.ini <<'INI'
[vnaudit]
vocab = no-such-folder
INI
run check --config proj/docs/2024/bad-vocab.ini proj/docs/2024/r.txt
want_rc 2
want_err proj/docs/2024/no-such-folder
done_case "config: vocab is read from the folder named, relative to the file's folder"

run check --config proj/docs/2024/missing.ini r.txt
want_rc 2
want_err missing.ini
done_case "--config with a missing file: exit 2 naming it"

printf '[vnaudit]\nfail-on = never\n' >other.ini
run check --config other.ini proj/docs/2024/r.txt
want_rc 0
done_case "--config FILE is read instead of the .vnaudit.ini found"

printf '[vnaudit]\nselect = checks\nfial-on = never\n' >typo.ini
run check --config typo.ini r.txt
want_rc 2
want_err 'typo.ini:3'
want_err fial-on
printf '[lint]\nselect = checks\n' >section.ini
run check --config section.ini r.txt
want_rc 2
want_err 'section.ini:2'
want_err '[lint]'
printf '[vnaudit]\nselect = checkz\n' >badrule.ini
run check --config badrule.ini r.txt
want_rc 2
want_err checkz
printf '[vnaudit]\nfail-on = always\n' >badfail.ini
run check --config badfail.ini r.txt
want_rc 2
want_err always
done_case "config errors (unknown key, unknown section, unknown rule, bad fail-on): exit 2 naming the file and line"

# ---- baselines ---------------------------------------------------------------------------------------------
run check --write-baseline base.tsv r.txt
want_rc 0
[ "$(grep -vc '^#' base.tsv)" -eq 4 ] || why "$(grep -vc '^#' base.tsv) entries, expected 4"
head -n 1 base.tsv | grep -qx '# vnaudit baseline 1' || why "no header line"
done_case "--write-baseline: one entry per finding, exit 0"

run check --baseline base.tsv r.txt
want_rc 0
want_out 'No findings.'
done_case "--baseline: every finding of the same report is suppressed, exit 0"

# the report reviewed: lines inserted, the two sections swapped, list numbers changed
{
    printf 'BÁO CÁO\nTình hình thực hiện năm 2024\n\n'
    printf 'I. Nguồn vốn\n'
    sed -n '4p' r.txt
    printf '\nII. Kết quả giải ngân\n'
    sed -n '2p' r.txt
    printf -- '- Cuộc họp ngày 30/02/2024 đã được dời lại.\n'
    sed -n '5p' r.txt
} >moved.txt
run check --baseline base.tsv --format jsonl moved.txt
want_rc 0
want_count 0 '"type":"check"'
want_count 0 '"type":"diagnostic"'
done_case "--baseline after paragraphs moved, lines inserted, list markers changed: still every finding suppressed"

{
    cat moved.txt
    printf 'Kinh phí 300 triệu đồng, gồm: xây dựng 200 triệu đồng, sửa chữa 150 triệu đồng.\n'
} >moved-new.txt
run check --baseline base.tsv --format jsonl moved-new.txt
want_rc 1
want_count 1 '"verdict":"inconsistent"'
want_out '"claimed":"300"'
done_case "--baseline: a new finding added to the moved report fails (exit 1), and only it is reported"

{
    cat moved.txt
    sed -n '2p' r.txt
} >moved-twice.txt
run check --baseline base.tsv --format jsonl moved-twice.txt
want_rc 1
want_count 1 '"verdict":"inconsistent"'
done_case "--baseline: an accepted finding written once more is new (each entry suppresses one finding)"

sed 's/4,3%/4,4%/' moved.txt >moved-changed.txt
run check --baseline base.tsv --format jsonl moved-changed.txt
want_rc 1
want_out '"claimed":"4,4"'
done_case "--baseline: a finding whose figure changed is new"

awk -F'\t' 'BEGIN { OFS = "\t" } /^#/ { print; next } { $6 = "checked: " $2; print }' base.tsv >justified.tsv
run check --baseline justified.tsv --show-suppressed moved.txt
want_rc 0
want_count 4 'suppressed by the baseline: checked: '
want_out 'inconsistent sum'
done_case "--show-suppressed (text): suppressed findings shown with their justification, exit 0"

run check --baseline justified.tsv --show-suppressed --format jsonl moved.txt
want_rc 0
want_count 4 '"suppressed":{"kind":"baseline","justification":"checked: '
done_case "--show-suppressed (jsonl): a \"suppressed\" field with the justification"

run check --baseline justified.tsv --show-suppressed --format sarif moved.txt
want_rc 0
want_count 0 'never'
n=$(grep -o '"suppressions":\[{"kind":"external","status":"accepted","justification":"checked: ' "$T/out" | wc -l)
[ "$n" -eq 4 ] || why "$n SARIF results with suppressions, expected 4"
done_case "--show-suppressed (sarif): suppressions with kind external, status accepted, the justification"

run check --baseline justified.tsv --write-baseline rewritten.tsv moved-new.txt
want_rc 0
[ "$(grep -vc '^#' rewritten.tsv)" -eq 5 ] || why "$(grep -vc '^#' rewritten.tsv) entries, expected 5"
[ "$(grep -c 'checked: ' rewritten.tsv)" -eq 4 ] || why "the justifications were not carried over"
done_case "--write-baseline with --baseline: the new finding added, the justifications kept"

printf '# vnaudit baseline 1\nnot-a-fingerprint\tx\n' >bad.tsv
run check --baseline bad.tsv r.txt
want_rc 2
want_err 'bad.tsv:2'
printf 'fingerprint\trule\n' >nohead.tsv
run check --baseline nohead.tsv r.txt
want_rc 2
want_err 'nohead.tsv:1'
run check --baseline missing.tsv r.txt
want_rc 2
want_err missing.tsv
done_case "a malformed or missing baseline: exit 2 naming the file and line"

cat >proj/.vnaudit.ini <<'INI'
[vnaudit]
baseline = accepted.tsv
INI
"$bin" check --no-config --write-baseline proj/accepted.tsv proj/docs/2024/r.txt >/dev/null 2>&1
run check proj/docs/2024/r.txt
want_rc 0
want_out 'No findings.'
done_case "config: baseline is read relative to the file's folder"

run extract --baseline base.tsv r.txt
want_rc 2
done_case "extract takes no baseline: usage error, exit 2"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
