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
trap "rm -rf \"$T\"" EXIT
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

# ---- messages on stderr: ingest errors, the CLI's own, the archive commands' ----
herr() { grep -qF -- "$1" "$T/err"; }
hasnterr() { ! grep -qF -- "$1" "$T/err"; }
: >"$T/empty.txt"
printf '{\\rtf1\\ansi B\\xe1o c\\xe1o}' >"$T/scan.rtf"
head -c 400 "$docx" >"$T/broken.docx"     # a ZIP cut short: no central directory

run LANG=vi_VN.UTF-8 -- check "$T/missing.txt"
check "LANG=vi_VN.UTF-8: a file that cannot be opened, in Vietnamese" \
    eval 'herr "missing.txt: không mở được: không có tệp hoặc thư mục này; đề nghị kiểm tra đường dẫn" && test "$RC" -eq 2'
run LANG=vi_VN.UTF-8 -- --lang en check "$T/missing.txt"
check "--lang en: the same in English (the C library's words)" \
    eval 'herr "missing.txt: cannot open: No such file or directory; check the path and its permissions"'

run LANG=vi_VN.UTF-8 -- check "$T/scan.rtf"
check "LANG=vi_VN.UTF-8: an unsupported format, in Vietnamese" \
    eval 'herr "định dạng không được hỗ trợ: tài liệu RTF; đề nghị lưu thành DOCX hoặc ODT" && hasnterr "unsupported" && test "$RC" -eq 2'
run LANG=vi_VN.UTF-8 -- --lang en check "$T/scan.rtf"
check "--lang en: an unsupported format, in English" \
    eval 'herr "unsupported format: an RTF document; save it as DOCX or ODT (libreoffice --convert-to docx)"'

run LANG=vi_VN.UTF-8 -- check "$T/empty.txt"
check "LANG=vi_VN.UTF-8: an empty file, in Vietnamese" \
    eval 'herr "empty.txt: tệp: rỗng, không có nội dung để kiểm tra" && test "$RC" -eq 2'
run LANG=vi_VN.UTF-8 -- --lang en check "$T/empty.txt"
check "--lang en: an empty file, in English" eval 'herr "empty.txt: the file: empty: nothing to check (is it the right file?)"'

run LANG=vi_VN.UTF-8 -- check "$T/broken.docx"
check "LANG=vi_VN.UTF-8: a broken DOCX, in Vietnamese (libzip's reason as libzip gives it)" \
    eval 'herr "broken.docx: vỏ chứa ZIP không đọc được (bị cắt cụt hoặc hỏng: " && herr "đề nghị lưu lại văn bản từ phần mềm soạn thảo" && test "$RC" -eq 2'
run LANG=vi_VN.UTF-8 -- --lang en check "$T/broken.docx"
check "--lang en: a broken DOCX, in English" \
    eval 'herr "broken.docx: a ZIP container that cannot be read (truncated or corrupt: " && herr "re-save the document from its editor"'

run LANG=vi_VN.UTF-8 -- ingest --db "$T/vi.db" --verbose "$report" "$T/scan.rtf"
check "LANG=vi_VN.UTF-8: an archive ingest run, in Vietnamese" \
    eval 'herr "bao-cao-chuong-trinh.txt: đạt" && herr "scan.rtf: định dạng không được hỗ trợ" && herr "Tìm thấy 2: đã lưu 2 (1 đạt, 1 lỗi), 0 đã lưu từ trước; 3 phép kiểm tra không khớp;" && test "$RC" -eq 1'
run LANG=vi_VN.UTF-8 -- ingest --lang en --db "$T/en.db" --verbose "$report" "$T/scan.rtf"
check "ingest --lang en: the same run in English" \
    eval 'herr "bao-cao-chuong-trinh.txt: ok" && herr "scan.rtf: unsupported" && herr "2 found: 2 stored (1 ok, 1 failed), 0 already stored; 3 inconsistent checks;" && test "$RC" -eq 1'

# A broad set of error paths under LANG=vi_VN.UTF-8: no line on stderr may hold a common English word once
# the names we gave (file names, option names, values) are taken out. The C library's and libzip's own
# reasons are theirs (strerror is English without setlocale): the paths below avoid the errors whose words
# vnaudit does not choose, except where vnaudit puts its own words instead (no such file, a folder).
printf 'PK\003\004' >"$T/notzip.zip"
printf 'text\000\001\002\003 binary\000\000\000\000' >"$T/binary.bin"
printf '   \n\t\n' >"$T/blank.txt"
printf '{\\rtf1\\ansi hello}' >"$T/letter.rtf"
printf '\211PNG\r\n\032\n' >"$T/photo.png"
printf '[vnaudit]\ncolour = red\n' >"$T/badkey.ini"
printf '[colours]\nred = 1\n' >"$T/badsection.ini"
printf 'no equals sign here\n' >"$T/badline.ini"
printf 'x\n' >"$T/files.lst"
python3 - "$T/other.zip" <<'PY' 2>/dev/null || cp "$T/notzip.zip" "$T/other.zip"
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("readme.txt", "not a document")
PY
: >"$T/all.err"
broad() {   # broad ARGS...: one run under LANG=vi_VN.UTF-8, its stderr kept
    run LANG=vi_VN.UTF-8 -- "$@"
    printf '# %s\n' "$*" >>"$T/all.err"
    # names given, quoted values, options, and lists of the values an option takes: "(error, warning, ...)"
    sed "s|$T/[^ :]*||g; s|'[^']*'||g; s|--[a-z-]*||g; s|([a-z0-9, |-]*)||g" "$T/err" >>"$T/all.err"
}
broad check "$T/missing.txt" "$T" "$T/empty.txt" "$T/blank.txt" "$T/scan.rtf" "$T/letter.rtf" "$T/photo.png" \
    "$T/broken.docx" "$T/other.zip" "$T/binary.bin"
broad extract "$T/missing.txt" "$T/scan.rtf"
broad check --bogus "$report"
broad check --select nonsense "$report"
broad check --severity default=sometimes "$report"
mkdir -p "$T/partvocab" && printf 'x\t3\n' >"$T/partvocab/units.tsv"
broad check --vocab "$T/partvocab" "$report"
printf 'x\t3\n' >"$T/notbaseline.txt"
broad check --baseline "$T/notbaseline.txt" "$report"
broad check --fail-on sometimes "$report"
broad check --lang xx "$report"
broad check --encoding klingon "$report"
broad check --config "$T/missing.ini" "$report"
broad check --config "$T/badkey.ini" "$report"
broad check --config "$T/badsection.ini" "$report"
broad check --config "$T/badline.ini" "$report"
broad check --write-baseline "$T/no/such/folder/b.json" "$report"
broad ingest --bogus
broad ingest "$report"
broad ingest --db "$T/b.db"
broad ingest --db "$T/b.db" --files-from "$T/missing.lst"
broad ingest --db "$T/b.db" -j 0 "$report"
broad ingest --db "$T/b.db" --verbose "$T/missing.txt" "$T/empty.txt" "$T/scan.rtf" "$T/broken.docx" "$report"
broad export --db "$T/b.db" --format xml
broad crosscheck --db "$T/missing.db"
broad crosscheck --db "$T/b.db" extra
english=$(grep -v '^#' "$T/all.err" | grep -nE '(^|[^[:alpha:]])(the|cannot|file|not|unknown|invalid|error|failed|found|usage|missing)([^[:alpha:]]|$)')
check "LANG=vi_VN.UTF-8: no English words on stderr over $(grep -c '^#' "$T/all.err") runs of error paths" \
    eval 'test -z "$english" && test "$(grep -vc "^#" "$T/all.err")" -ge 30'
[ -z "$english" ] || { echo "# English on stderr:"; printf '%s\n' "$english" | sed 's/^/#   /'; }

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
