#!/usr/bin/env bash
# The basics a user meets first: the text report's excerpt sized to the terminal (COLUMNS), --csv-bom,
# the manual page (renders without a warning, documents every option the parser knows) and the bash
# completion (offers the commands, the options, the formats of each command, the languages).
#
# usage: run_basics.sh VNAUDIT SRCDIR
set -u
bin=$1
src=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export LC_ALL=C.UTF-8
fail=0
pass=0
result() {  # result NAME STATUS
    if [ "$2" -eq 0 ]; then pass=$((pass + 1)); echo "ok - $1"; else fail=$((fail + 1)); echo "not ok - $1"; fi
}
report="$src/examples/bao-cao-chuong-trinh.txt"
options=$(grep -ohE '"--[a-z][a-z-]*' "$src"/cli/*.c | tr -d '"' | sort -u)

# ---- excerpt width ----------------------------------------------------------------------------------
widest() {  # the widest excerpt line ("  NN | ..." and its caret line), in code points
    python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in sys.stdin if " | " in l[:12] or l.lstrip().startswith("|")))' <"$1"
}
COLUMNS=60 "$bin" check --color=never "$report" >"$T/60.txt"
COLUMNS=200 "$bin" check --color=never "$report" >"$T/200.txt"
(cd "$src" && env -u COLUMNS "$bin" check --color=never examples/bao-cao-chuong-trinh.txt) >"$T/default.txt"
w60=$(widest "$T/60.txt") w200=$(widest "$T/200.txt") wdef=$(widest "$T/default.txt")
echo "# widest excerpt line: COLUMNS=60 -> $w60, COLUMNS=200 -> $w200, unset -> $wdef"
[ "$w60" -le 60 ] && [ "$w60" -ge 50 ]
result "COLUMNS=60: the excerpts fit 60 columns" $?
[ "$w200" -gt 110 ] && [ "$w200" -le 200 ]
result "COLUMNS=200: the excerpts use the room" $?
grep -q '\^\^\^\^\^' "$T/60.txt" && grep -c '…' "$T/60.txt" >/dev/null
result "COLUMNS=60: the carets are still under the claim, the cut lines marked" $?

# ---- --csv-bom ----------------------------------------------------------------------------------------
"$bin" extract --format csv --csv-bom "$report" >"$T/bom.csv"
"$bin" extract --format csv "$report" >"$T/plain.csv"
[ "$(head -c 3 "$T/bom.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] && cmp -s <(tail -c +4 "$T/bom.csv") "$T/plain.csv" \
    && head -c 4 "$T/plain.csv" | grep -q '^file'
result "--csv-bom: a UTF-8 byte order mark, then the same CSV" $?
"$bin" check --format csv --csv-bom "$report" | head -c 3 | od -An -tx1 | tr -d ' ' | grep -qx efbbbf
result "--csv-bom with check" $?

# ---- manual page --------------------------------------------------------------------------------------
man1="$src/docs/vnaudit.1"
warnings=$(groff -k -man -Tutf8 -ww -z "$man1" 2>&1)
[ -z "$warnings" ]
result "vnaudit.1 renders without a warning${warnings:+: $warnings}" $?
groff -k -man -Tutf8 "$man1" 2>/dev/null | sed 's/.\x08//g' >"$T/man.txt"
missing=""
for opt in $options; do grep -qF -- "$opt" "$T/man.txt" || missing="$missing $opt"; done
for word in DOCX ODT FODT HTML UTF-16 LC_MESSAGES NO_COLOR COLUMNS "EXIT STATUS"; do
    grep -qF -- "$word" "$T/man.txt" || missing="$missing $word"
done
[ -z "$missing" ]
result "vnaudit.1 documents every option, input format and variable${missing:+ (missing:$missing)}" $?

# ---- bash completion ----------------------------------------------------------------------------------
complete_words() {  # complete_words WORD... : what the completion offers for the last word
    bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _vnaudit; printf "%s\n" "${COMPREPLY[@]}"' \
        _ "$src/completion/vnaudit.bash" "$@" | sort | tr '\n' ' '
}
[ "$(complete_words vnaudit '')" = "check crosscheck export extract ingest report text " ]
result "completion: the commands" $?
[ "$(complete_words vnaudit check --format '')" = "csv html jsonl sarif text " ] &&
    [ "$(complete_words vnaudit extract -f '')" = "csv jsonl text " ]
result "completion: the formats of each command" $?
[ "$(complete_words vnaudit --lang '')" = "en vi " ] && [ "$(complete_words vnaudit check --color=a)" = "always auto " ]
result "completion: languages and colour modes" $?
offered="$(complete_words vnaudit check --) $(complete_words vnaudit ingest --) $(complete_words vnaudit export --)"
missing=""
for opt in $options; do case " $offered " in *" $opt "*) ;; *) missing="$missing $opt" ;; esac; done
[ -z "$missing" ]
result "completion: every option the parser knows${missing:+ (missing:$missing)}" $?

# ---- the README's finding is what the text report prints -------------------------------------------------
python3 - "$src/README.md" "$T/default.txt" <<'PY'
import sys
readme, out = open(sys.argv[1], encoding='utf-8').read(), open(sys.argv[2], encoding='utf-8').read()
blocks, cur = [], None
for line in readme.splitlines(keepends=True):
    if line.startswith('```'):
        if cur is None:
            cur = ''
        else:
            blocks.append(cur)
            cur = None
    elif cur is not None:
        cur += line
blocks = [b for b in blocks if 'probably: ' in b and ' § ' in b]
sys.exit(0 if blocks and all(b in out for b in blocks) else 1)
PY
result "README: the finding shown is, line for line, what 'vnaudit check' prints" $?

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
