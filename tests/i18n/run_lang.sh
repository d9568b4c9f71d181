#!/usr/bin/env bash
# The language of vnaudit's messages, as the CLI chooses it: --lang, else LC_ALL, LC_MESSAGES, LANG (the
# first set). Vietnamese must come out on a machine where no vi_VN locale is generated (this one: the
# catalog is read by the library, not through setlocale). JSON Lines keeps its rule ids, verdicts and
# values in either language; only the messages change.
#
# usage: run_lang.sh VNAUDIT SRCDIR
set -u
bin=$1
src=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
pass=0
report="$src/examples/bao-cao-chuong-trinh.txt"
docx="$src/tests/html/places.docx"

# run ENV... -- ARGS...: vnaudit with exactly the locale variables given (the others unset)
run() {
    local envs=()
    while [ "$1" != "--" ]; do envs+=("$1"); shift; done
    shift
    RC=0
    env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG "${envs[@]}" "$bin" "$@" >"$T/out" 2>"$T/err" || RC=$?
}
check() {   # check NAME CONDITION...
    local name=$1
    shift
    if "$@"; then pass=$((pass + 1)); echo "ok - $name"; else fail=$((fail + 1)); echo "not ok - $name"; sed 's/^/#   /' "$T/out" | head -20; fi
}
has() { grep -qF -- "$1" "$T/out"; }
hasnt() { ! grep -qF -- "$1" "$T/out"; }

if locale -a 2>/dev/null | grep -qi '^vi_VN'; then
    echo "# note: a vi_VN locale is generated here; the test still holds, but proves less"
fi

run LANG=vi_VN.UTF-8 -- check "$report"
check "LANG=vi_VN.UTF-8: the text report in Vietnamese" \
    eval 'has "Không khớp (3)" && has "Tổng hợp: 3 không khớp" && has "nhiều khả năng: 880 lẽ ra là 800 (sai một chữ số)" && hasnt "Inconsistent" && hasnt "Summary"'
check "LANG=vi_VN.UTF-8: the validator's messages in Vietnamese, numbers written the Vietnamese way" \
    eval 'has "không khớp với tổng số báo cáo 5.120 (chênh lệch +80)" && has "không khớp với tỷ lệ báo cáo 56,52%"'
check "LANG=vi_VN.UTF-8: exit status unchanged" test "$RC" -eq 1

run LANG=vi_VN.UTF-8 -- --lang en check "$report"
check "--lang en wins over LANG" eval 'has "Inconsistent (3)" && has "Summary: 3 inconsistent" && hasnt "Không khớp"'

run LC_ALL=C LANG=vi_VN.UTF-8 -- check "$report"
check "LC_ALL wins over LANG" eval 'has "Inconsistent (3)"'

run LANG=en_US.UTF-8 LC_MESSAGES=vi_VN.UTF-8 -- check "$report"
check "LC_MESSAGES wins over LANG" eval 'has "Không khớp (3)"'

run LANG=vietnamese -- check "$report"
check "a LANG that only starts with 'vi' is not Vietnamese" eval 'has "Inconsistent (3)"'

run -- --lang vi check "$docx"
check "--lang vi: places in the document in Vietnamese" \
    eval 'has "(bảng 1, dòng 5, cột 4)" && has "(đoạn 25)" && has "(chú thích 1)" && has "ngày không hợp lệ '"'"'31/02/2024'"'"'"'
run -- --lang en check "$docx"
check "--lang en: places in the document in English" \
    eval 'has "(table 1, row 5, column 4)" && has "(paragraph 25)" && has "(footnote 1)"'

run -- --lang vi --help
check "--lang vi --help: the help in Vietnamese" eval 'has "Dùng:  vnaudit extract" && has "hiện trợ giúp này" && has "--csv-bom" && has "DOCX"'

# JSON Lines: only "message" changes
strip() { sed -E 's/,"message":"([^"\\]|\\.)*"//' "$1"; }
run -- --lang en check --format jsonl "$report" "$docx"
cp "$T/out" "$T/en.jsonl"
run -- --lang vi check --format jsonl "$report" "$docx"
cp "$T/out" "$T/vi.jsonl"
check "JSON Lines: messages translated" eval '! cmp -s "$T/en.jsonl" "$T/vi.jsonl" && grep -q "\"message\":\"Các khoản thành phần" "$T/vi.jsonl"'
check "JSON Lines: rule ids, verdicts, values and places the same in both languages" \
    eval 'strip "$T/en.jsonl" >"$T/en.s"; strip "$T/vi.jsonl" >"$T/vi.s"; cmp -s "$T/en.s" "$T/vi.s" && test -s "$T/en.s"'

# HTML and SARIF in Vietnamese
run -- --lang vi check --format html "$docx"
check "HTML in Vietnamese: lang attribute, headings, places" \
    eval 'has "<html lang=\"vi\">" && has "Không khớp (2)" && has "bảng 1, dòng 5, cột 4" && has "Số báo cáo"'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
